// Articles of a ticket: text as text, sanitised HTML only inside a sandboxed frame; attachments to download.
import { h, when, bytes, toast } from './dom.js';
import { t, language } from './i18n.js';
import { Session } from './api.js';
import { Article, Attachment } from './types.js';

/** The frame's style sheet, from the same version of the UI as this module. */
const ARTICLE_CSS = new URL('./article.css', import.meta.url).href;

/**
 * The frame may not run script (no allow-scripts); same-origin only lets this page size it to its content.
 * The HTML was sanitised by the server already; the sandbox holds even if that ever failed.
 */
/**
 * @param {string} html
 * @param {string} title
 * @return {!HTMLIFrameElement}
 */
function htmlFrame(html, title) {
  const frame = /** @type {!HTMLIFrameElement} */ (h('iframe.article-html', {
    sandbox: 'allow-same-origin allow-popups allow-popups-to-escape-sandbox',
    referrerpolicy: 'no-referrer',
    title,
  }));
  frame.srcdoc = '<!doctype html><html><head><meta charset="utf-8"><base target="_blank">'
    + `<link rel="stylesheet" href="${ARTICLE_CSS}"></head><body>` + html + '</body></html>';
  frame.addEventListener('load', () => {
    try {
      const body = frame.contentDocument && frame.contentDocument.body;
      if (body) frame.style.height = `${Math.min(2000, body.scrollHeight + 24)}px`;
    } catch {
      // left at its CSS height
    }
  });
  return frame;
}

/**
 * @param {!Article} article
 * @return {boolean}
 */
function isHtml(article) {
  return /^text\/html/i.test(article.content_type || '') && Boolean(article.html_body);
}

/**
 * @param {!Article} article
 * @return {string} 'internal', 'chat', 'customer' or 'agent'
 */
export function articleKind(article) {
  if (article.internal_note) return 'internal';
  if ((article.article_type || '').startsWith('chat')) return 'chat';
  if (article.sender_type === 'customer') return 'customer';
  return 'agent';
}

/**
 * One article; `session` loads its attachment list lazily when a ticket has any. With `onAction`, the article offers
 * reply, reply to all and forward, and `onAction` is called with the kind and the article.
 * @param {!Article} article
 * @param {!Session} session
 * @param {number} ticketId
 * @param {?function(string, !Article)=} onAction
 * @return {!HTMLElement}
 */
export function renderArticle(article, session, ticketId, onAction = null) {
  const kind = articleKind(article);
  const subject = article.subject || t('article.no_subject');
  const body = isHtml(article)
    ? htmlFrame(/** @type {string} */ (article.html_body), subject)
    : h('div.article-text', null, article.plain_body ?? article.body ?? '');
  const attachments = h('ul.attachments', { hidden: true });
  const node = h(`article.article.article-${kind}`, { id: `article-${article.id}`, 'aria-labelledby': `article-${article.id}-subject` },
    h('header.article-head', null,
      h('h3', { id: `article-${article.id}-subject` }, subject),
      h('p.meta', null,
        h('span.sender', null, article.from_address || t(`article.sender.${article.sender_type || 'agent'}`)), ' · ',
        h('span.type', null, t(`article.type.${article.article_type}`) === `article.type.${article.article_type}`
          ? article.article_type : t(`article.type.${article.article_type}`)),
        article.internal_note ? h('span.badge.badge-internal', null, t('article.internal')) : null,
        article.time_unit ? h('span.badge.badge-time', { title: t('article.time_units_title') },
          t('article.time_units', { units: String(article.time_unit) })) : null,
        ' · ', h('time', { datetime: article.create_time }, when(article.create_time, language())))),
    onAction ? h('div.article-actions', { role: 'group', 'aria-label': t('article.actions') },
      ['reply', 'reply_all', 'forward'].map((kind) => h('button.link', {
        type: 'button', class: `article-${kind.replace('_', '-')}`, onclick: () => onAction(kind, article),
      }, t(`action.${kind}`)))) : null,
    body, attachments);
  loadAttachments(session, ticketId, article.id, attachments);
  return node;
}

/**
 * @param {!Session} session
 * @param {number} ticketId
 * @param {number} articleId
 * @param {!HTMLElement} list
 */
async function loadAttachments(session, ticketId, articleId, list) {
  try {
    const answer = await session.get(`/api/v1/tickets/${ticketId}/articles/${articleId}/attachments`);
    showAttachments(session, ticketId, articleId, list, answer.items);
  } catch {
    // a list that cannot be read is left out
  }
}

/**
 * @param {!Session} session
 * @param {number} ticketId
 * @param {number} articleId
 * @param {!HTMLElement} list
 * @param {!Array<!Attachment>} items
 */
function showAttachments(session, ticketId, articleId, list, items) {
  list.replaceChildren(...items.map((item) => {
    const path = `/api/v1/tickets/${ticketId}/articles/${articleId}/attachments/${item.id}`;
    const button = h('button.link', { type: 'button' }, `📎 ${item.filename}`);
    button.addEventListener('click', () => session.download(path, item.filename)
      .catch((error) => toast(t('error.generic', { detail: error.message }), 'error')));
    return h('li', null, button, ' ', h('span.muted', null, bytes(item.content_size)));
  }));
  list.hidden = items.length === 0;
}
