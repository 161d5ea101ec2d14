// The customer portal: sign in (or reset a forgotten password), the customer's tickets, customer-visible articles,
// reply, open a ticket, the customer's profile.
import { Session, query } from '../app/api.js';
import { $, h, replace, when, toast } from '../app/dom.js';
import { init as initI18n, t, languageSwitch, language } from '../app/i18n.js';
import { PortalProfile, forgotPassword, resetPassword, register, registrationOpen, verifyRegistration } from './account.js';
import { LiveStream } from '../app/live.js';
import { signIn } from '../app/login.js';
import { KbSuggestions } from '../app/kb-suggest.js';
import { Article, Frame, Me, Page, Ticket } from '../app/types.js';

const session = new Session('customer');
const live = new LiveStream(session);
/** @type {?PortalList|?PortalTicket|?PortalNew|?PortalProfile} the page behind the current hash route */
let view = null;
/** @type {?Me} the signed-in customer */
let me = null;
/** @type {function()} draws the current page again (after the language changed) */
let rerender = () => {};

async function main() {
  await initI18n();
  session.on((what) => { if (what === 'ended') location.reload(); });
  // the language can be chosen before signing in too; each page is drawn again in the new one
  languageSwitch($('#lang'), () => rerender());
  if (!session.signedIn) await signedOut();
  rerender = route;
  try {
    me = /** @type {!Me} */ (await session.get('/api/v1/auth/me'));
  } catch {
    session.end();
    return;
  }
  $('#me').textContent = /** @type {!Me} */ (me).login;
  $('#portal-nav').hidden = false;
  $('#logout').hidden = false;
  $('#logout').addEventListener('click', () => session.logout());
  live.on((frame) => { if (view instanceof PortalTicket) view.onLive(frame); });
  live.start();
  window.addEventListener('hashchange', route);
  route();
}

/**
 * Until the customer signs in: the sign-in form, or the pages for a forgotten password (#/forgot, and #/reset/<token>
 * which the mailed link opens), and where customers sign up themselves, #/register and #/verify/<token>.
 * @return {!Promise<void>}
 */
async function signedOut() {
  const signUp = await registrationOpen();
  return new Promise((resolve) => {
    const show = () => {
      const parts = (location.hash || '#/').slice(2).split('/');
      const main = $('#main');
      if (parts[0] === 'forgot') {
        forgotPassword(main);
      } else if (parts[0] === 'reset' && parts[1]) {
        resetPassword(main, parts[1]);
      } else if (parts[0] === 'register' && signUp) {
        register(main);
      } else if (parts[0] === 'verify' && parts[1]) {
        verifyRegistration(main, parts[1]);
      } else {
        const extra = signUp ? h('p.customer-link', null, t('register.prompt'), ' ',
          h('a', { href: '#/register', id: 'login-register' }, t('register.link'))) : undefined;
        signIn(main, session, { heading: t('portal.sign_in'), forgot: '#/forgot', extra }).then(() => {
          window.removeEventListener('hashchange', show);
          if (/^#\/(reset|verify)\/|^#\/(forgot|register)$/.test(location.hash)) history.replaceState(null, '', '#/');
          resolve();
        });
      }
    };
    window.addEventListener('hashchange', show);
    rerender = show;
    show();
  });
}

function route() {
  if (view instanceof PortalTicket) view.close();
  const parts = (location.hash || '#/').slice(2).split('/');
  const main = $('#main');
  replace(main);
  if (parts[0] === 'ticket' && parts[1]) view = new PortalTicket(main, Number(parts[1]));
  else if (parts[0] === 'new') view = new PortalNew(main);
  else if (parts[0] === 'profile') view = new PortalProfile(main, session, () => {
    /** @type {!HTMLSelectElement} */ ($('#lang')).value = language();
    route();
  });
  else if (parts[0] === 'reset' && parts[1]) {
    view = null;
    resetPassword(main, parts[1]);
    return;
  }
  else view = new PortalList(main);
  view.open();
  main.focus();
}

class PortalList {
  /** @param {!HTMLElement} root */
  constructor(root) {
    this.root = root;
    /** @type {?string|undefined} */
    this.cursor = null;
    // built by open()
    /** @type {!HTMLElement} */
    this.rows;
    /** @type {!HTMLElement} */
    this.more;
    /** @type {!HTMLElement} */
    this.empty;
    /** @type {!HTMLSelectElement} */
    this.whose;
  }

  open() {
    this.rows = h('tbody', { id: 'portal-tickets' });
    this.more = h('button', { type: 'button', hidden: true, onclick: () => this.page() }, t('list.more'));
    this.empty = h('p.muted', { hidden: true }, t('portal.no_tickets'));
    this.whose = /** @type {!HTMLSelectElement} */ (h('select', { id: 'portal-whose' },
      h('option', { value: 'company' }, t('portal.whose.company')),
      h('option', { value: 'mine' }, t('portal.whose.mine'))));
    this.whose.value = sessionStorage.getItem('gotrs.portal.whose') || 'company';
    this.whose.addEventListener('change', () => {
      sessionStorage.setItem('gotrs.portal.whose', this.whose.value);
      this.cursor = null;
      replace(this.rows);
      this.page();
    });
    replace(this.root,
      h('div.view-header', null, h('h1', { id: 'view-title' }, t('portal.my_tickets')),
        h('label.inline', null, h('span.sr-only', null, t('portal.whose')), this.whose),
        h('a.button', { href: '#/new' }, t('portal.new_ticket'))),
      h('div.table-wrap', null, h('table.data', { 'aria-labelledby': 'view-title' },
        h('thead', null, h('tr', null, ['list.col.tn', 'list.col.title', 'portal.opened_by', 'list.col.state', 'list.col.changed']
          .map((key) => h('th', { scope: 'col' }, t(key))))),
        this.rows)),
      this.empty, this.more);
    this.page();
  }

  async page() {
    const mine = this.whose.value === 'mine' && me ? { customer_user_id: me.id } : {};
    try {
      const answer = /** @type {!Page} */ (await session.get(`/api/v1/tickets${query({ limit: 25, sort: '-changed', cursor: this.cursor, ...mine })}`));
      for (const ticket of /** @type {!Array<!Ticket>} */ (answer.items)) {
        this.rows.append(h('tr', null,
          h('td', null, ticket.tn),
          h('td', null, h('a', { href: `#/ticket/${ticket.id}` }, ticket.title || t('ticket.untitled'))),
          h('td.opened-by', null, me && ticket.customer_user === me.login ? t('portal.you') : (ticket.customer_user || '–')),
          h('td', null, h('span', { class: `state state-${ticket.state_type}` }, ticket.state)),
          h('td', null, when(ticket.change_time, language()))));
      }
      this.cursor = answer.next_cursor;
      this.more.hidden = !this.cursor;
      this.empty.hidden = this.rows.children.length > 0;
    } catch (error) {
      toast(t('error.generic', { detail: error.message }), 'error');
    }
  }
}

class PortalTicket {
  /**
   * @param {!HTMLElement} root
   * @param {number} id
   */
  constructor(root, id) {
    this.root = root;
    this.id = id;
    /** @type {?Ticket|undefined} the ticket once loaded */
    this.ticket = undefined;
    // built by open()
    /** @type {!HTMLElement} */
    this.head;
    /** @type {!HTMLElement} */
    this.articles;
    /** @type {!HTMLElement} */
    this.rating;
  }

  open() {
    this.head = h('div.view-header');
    this.articles = h('div', { id: 'portal-articles' });
    const body = /** @type {!HTMLTextAreaElement} */ (h('textarea', { id: 'reply-body', rows: 5, required: true }));
    const files = /** @type {!HTMLInputElement} */ (h('input', { id: 'reply-files', type: 'file', multiple: true }));
    const error = h('p.form-error', { role: 'alert' });
    const form = h('form.card', { id: 'reply-form', 'aria-labelledby': 'reply-heading' },
      h('h2', { id: 'reply-heading' }, t('portal.reply')),
      h('div.field', null, h('label', { for: 'reply-body' }, t('compose.body')), body),
      h('div.field', null, h('label', { for: 'reply-files' }, t('compose.attachments')), files),
      error, h('button.primary', { type: 'submit', id: 'reply-send' }, t('portal.send')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      if (!body.value.trim()) {
        error.textContent = t('compose.empty');
        return;
      }
      try {
        const article = await session.post(`/api/v1/tickets/${this.id}/articles`, { subject: `Re: ${this.ticket ? this.ticket.title : ''}`, body: body.value });
        if (files.files.length) {
          await session.upload(`/api/v1/tickets/${this.id}/articles/${article.id}/attachments`, Array.from(files.files));
          files.value = '';
        }
        body.value = '';
        toast(t('compose.sent'));
        this.load();
      } catch (failure) {
        error.textContent = failure.status === 409 ? t('portal.closed_no_follow_up') : t('error.generic', { detail: failure.message });
      }
    });
    this.rating = h('section.card', { id: 'portal-rating', hidden: true, 'aria-labelledby': 'rating-heading' });
    replace(this.root, this.head, this.articles, this.rating, form);
    live.subscribe(`ticket:${this.id}`);
    this.load();
  }

  close() {
    live.unsubscribe(`ticket:${this.id}`);
  }

  /** @param {!Frame} frame */
  onLive(frame) {
    if (frame.type === 'event' && frame.topic === `ticket:${this.id}`) this.load();
  }

  async load() {
    try {
      const [answer, articles] = /** @type {!Array<?>} */ (await Promise.all([
        session.get(`/api/v1/tickets/${this.id}`),
        session.get(`/api/v1/tickets/${this.id}/articles`),
      ]));
      const ticket = /** @type {!Ticket} */ (answer);
      this.ticket = ticket;
      const closed = ticket.state_type === 'closed';
      replace(this.head,
        h('h1', { id: 'ticket-title' }, h('span.tn', null, `#${ticket.tn}`), ' ', ticket.title || t('ticket.untitled')),
        h('span', { class: `state state-${ticket.state_type}` }, ticket.state),
        closed ? null : h('button', { type: 'button', id: 'portal-close', onclick: () => this.closeTicket() }, t('portal.close')));
      if (closed) this.showRating(ticket);
      replace(this.articles, ...articles.items.map((/** !Article */ article) => {
        const files = h('ul.attachments', { hidden: true });
        loadAttachments(this.id, article.id, files);
        return h(`article.article.article-${article.sender_type === 'customer' ? 'customer' : 'agent'}`, null,
          h('header.article-head', null,
            h('h3', null, article.subject || t('article.no_subject')),
            h('p.meta', null, h('span.author', null, author(article)), ' · ',
              h('time', { datetime: article.create_time }, when(article.create_time, language())))),
          h('div.article-text', null, article.plain_body ?? article.body ?? ''), files);
      }));
    } catch (error) {
      replace(this.head, h('h1', null, error.status === 404 ? t('ticket.not_found') : t('error.generic', { detail: error.message })));
    }
  }

  /**
   * A closed ticket shows its rating, or asks the customer who opened it for one.
   * @param {!Ticket} ticket
   */
  async showRating(ticket) {
    // a rating being written stays as it is when the ticket loads again
    if (!this.rating.hidden && this.rating.querySelector('#rating-form')) return;
    /** @type {?{score: number, comment: ?string}} */
    let given = null;
    try {
      given = await session.get(`/api/v1/tickets/${this.id}/rating`);
    } catch {
      given = null;
    }
    const heading = h('h2', { id: 'rating-heading' }, t('portal.rating.heading'));
    if (given) {
      replace(this.rating, heading, h('p', { id: 'rating-given' }, t('portal.rating.given', { score: String(given.score) })),
        given.comment ? h('blockquote', null, given.comment) : null);
      this.rating.hidden = false;
      return;
    }
    if (!me || ticket.customer_user !== me.login) {
      this.rating.hidden = true;
      return;
    }
    if (!this.rating.hidden && this.rating.querySelector('#rating-form')) return; // another load drew it meanwhile
    const comment = /** @type {!HTMLTextAreaElement} */ (h('textarea', { id: 'rating-comment', rows: 3, maxlength: 2000 }));
    const error = h('p.form-error', { role: 'alert' });
    const scores = h('div.rating-scores', { role: 'radiogroup', 'aria-labelledby': 'rating-heading' },
      [1, 2, 3, 4, 5].map((score) => h('label.rating-score', null,
        h('input', { type: 'radio', name: 'rating-score', value: String(score), id: `rating-${score}` }),
        h('span', null, '★'.repeat(score)), h('span.sr-only', null, t('portal.rating.score', { score: String(score) })))));
    const form = h('form', { id: 'rating-form' }, scores,
      h('div.field', null, h('label', { for: 'rating-comment' }, t('portal.rating.comment')), comment),
      error, h('button.primary', { type: 'submit', id: 'rating-send' }, t('portal.rating.send')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const chosen = /** @type {?HTMLInputElement} */ (form.querySelector('input[name="rating-score"]:checked'));
      if (!chosen) {
        error.textContent = t('portal.rating.missing');
        return;
      }
      try {
        await session.post(`/api/v1/tickets/${this.id}/rating`, { score: Number(chosen.value), comment: comment.value });
        toast(t('portal.rating.thanks'));
        this.rating.hidden = true;
        this.showRating(ticket);
      } catch (failure) {
        error.textContent = t('error.generic', { detail: failure.message });
      }
    });
    replace(this.rating, heading, h('p.hint', null, t('portal.rating.ask')), form);
    this.rating.hidden = false;
  }

  async closeTicket() {
    if (!confirm(t('portal.close_confirm'))) return;
    try {
      await session.patch(`/api/v1/tickets/${this.id}`, { state: 'closed successful' });
      toast(t('portal.closed'));
      this.load();
    } catch (failure) {
      toast(failure.status === 403 ? t('portal.close_not_allowed') : t('error.generic', { detail: failure.message }), 'error');
    }
  }
}

/**
 * Who wrote an article, as a customer reads it: "You" for their own, a colleague's or an agent's name otherwise.
 * @param {!Article} article
 * @return {string}
 */
function author(article) {
  const from = article.from_address || '';
  if (article.sender_type === 'customer') {
    const mine = me && (from === me.login || from.includes(`<${me.login}>`) || from === '');
    return mine ? t('portal.you') : from;
  }
  return from && article.sender_type === 'agent' ? from : t('portal.support');
}

/**
 * The files of an article, to download.
 * @param {number} ticketId
 * @param {number} articleId
 * @param {!HTMLElement} list
 */
async function loadAttachments(ticketId, articleId, list) {
  try {
    const answer = await session.get(`/api/v1/tickets/${ticketId}/articles/${articleId}/attachments`);
    replace(list, ...answer.items.map((/** {id: number, filename: string} */ item) => {
      const button = h('button.link', { type: 'button' }, `📎 ${item.filename}`);
      button.addEventListener('click', () => session.download(
        `/api/v1/tickets/${ticketId}/articles/${articleId}/attachments/${item.id}`, item.filename)
        .catch((error) => toast(t('error.generic', { detail: error.message }), 'error')));
      return h('li', null, button);
    }));
    list.hidden = answer.items.length === 0;
  } catch {
    // a list that cannot be read is left out
  }
}

/** The least time a person takes to fill in the new-ticket form (the server's FormTrap.MIN_FORM_MILLIS). */
const MIN_FORM_MILLIS = 3000;

class PortalNew {
  /** @param {!HTMLElement} root */
  constructor(root) {
    this.root = root;
  }

  open() {
    const title = /** @type {!HTMLInputElement} */ (h('input', { id: 'new-title', required: true, maxlength: 255 }));
    const body = /** @type {!HTMLTextAreaElement} */ (h('textarea', { id: 'new-body', rows: 8, required: true }));
    const files = /** @type {!HTMLInputElement} */ (h('input', { id: 'new-files', type: 'file', multiple: true }));
    const queue = /** @type {!HTMLSelectElement} */ (h('select', { id: 'new-queue' }, h('option', { value: '' }, t('portal.queue_any'))));
    const queueField = h('div.field', { hidden: true },
      h('label', { for: 'new-queue' }, t('portal.queue')), queue);
    // a field people do not see, and the time the form was shown: programs filling it in open nothing
    const website = /** @type {!HTMLInputElement} */ (h('input', { id: 'new-website', name: 'website', tabindex: -1, autocomplete: 'off' }));
    const shown = Date.now();
    const error = h('p.form-error', { role: 'alert' });
    const suggestions = new KbSuggestions(session, [title, body], 'portal');
    const form = h('form.card', { id: 'portal-new-form', 'aria-labelledby': 'view-title' },
      h('div.field', null, h('label', { for: 'new-title' }, t('new.title')), title),
      suggestions.element,
      queueField,
      h('div.field', null, h('label', { for: 'new-body' }, t('portal.describe')), body),
      h('div.field', null, h('label', { for: 'new-files' }, t('compose.attachments')), files),
      h('div.trap', { 'aria-hidden': 'true' }, h('label', { for: 'new-website' }, 'Website'), website),
      error, h('button.primary', { type: 'submit', id: 'new-submit' }, t('new.create')));
    // Only the queues offered to customers can be chosen; without any, the ticket goes where the desk decides.
    session.get('/api/v1/portal/queues').then((answer) => {
      queue.append(...answer.items.map((offered) => h('option', { value: String(offered.id) }, offered.name)));
      queueField.hidden = answer.items.length === 0;
    }, () => {});
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      if (!title.value.trim() || !body.value.trim()) {
        error.textContent = t('new.missing');
        return;
      }
      try {
        // the server takes a form sent sooner than a person could fill it for a program's: a quick person waits
        const early = MIN_FORM_MILLIS - (Date.now() - shown);
        if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
        const ticket = await session.post('/api/v1/tickets', {
          title: title.value.trim(), article: { subject: title.value.trim(), body: body.value },
          ...(queue.value ? { queue_id: Number(queue.value) } : {}),
          website: website.value, form_ms: Date.now() - shown,
        });
        suggestions.submitted();
        if (!ticket.id) {
          location.hash = '#/'; // taken for a program's: nothing was opened
          return;
        }
        if (files.files.length) {
          const articles = await session.get(`/api/v1/tickets/${ticket.id}/articles`);
          await session.upload(`/api/v1/tickets/${ticket.id}/articles/${articles.items[0].id}/attachments`,
            Array.from(files.files));
        }
        location.hash = `#/ticket/${ticket.id}`;
      } catch (failure) {
        error.textContent = t('error.generic', { detail: failure.message });
      }
    });
    replace(this.root, h('h1', { id: 'view-title' }, t('portal.new_ticket')), form);
    title.focus();
  }
}

main().catch((error) => console.warn(error));
