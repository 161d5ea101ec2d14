// The customer portal: sign in, the customer's tickets, customer-visible articles, reply, open a ticket.
import { Session, query } from '../app/api.js';
import { $, h, replace, when, toast } from '../app/dom.js';
import { init as initI18n, t, languageSwitch, language } from '../app/i18n.js';
import { LiveStream } from '../app/live.js';
import { signIn } from '../app/login.js';
import { Article, Frame, Me, Page, Ticket } from '../app/types.js';

const session = new Session('customer');
const live = new LiveStream(session);
/** @type {?PortalList|?PortalTicket|?PortalNew} the page behind the current hash route */
let view = null;

async function main() {
  await initI18n();
  session.on((what) => { if (what === 'ended') location.reload(); });
  if (!session.signedIn) await signIn($('#main'), session, { heading: t('portal.sign_in') });
  let me;
  try {
    me = /** @type {!Me} */ (await session.get('/api/v1/auth/me'));
  } catch {
    session.end();
    return;
  }
  $('#me').textContent = me.login;
  $('#portal-nav').hidden = false;
  $('#logout').hidden = false;
  $('#logout').addEventListener('click', () => session.logout());
  languageSwitch($('#lang'), () => route());
  live.on((frame) => { if (view instanceof PortalTicket) view.onLive(frame); });
  live.start();
  window.addEventListener('hashchange', route);
  route();
}

function route() {
  if (view instanceof PortalTicket) view.close();
  const parts = (location.hash || '#/').slice(2).split('/');
  const main = $('#main');
  replace(main);
  if (parts[0] === 'ticket' && parts[1]) view = new PortalTicket(main, Number(parts[1]));
  else if (parts[0] === 'new') view = new PortalNew(main);
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
  }

  open() {
    this.rows = h('tbody', { id: 'portal-tickets' });
    this.more = h('button', { type: 'button', hidden: true, onclick: () => this.page() }, t('list.more'));
    this.empty = h('p.muted', { hidden: true }, t('portal.no_tickets'));
    replace(this.root,
      h('div.view-header', null, h('h1', { id: 'view-title' }, t('portal.my_tickets')),
        h('a.button', { href: '#/new' }, t('portal.new_ticket'))),
      h('div.table-wrap', null, h('table.data', { 'aria-labelledby': 'view-title' },
        h('thead', null, h('tr', null, ['list.col.tn', 'list.col.title', 'list.col.state', 'list.col.changed']
          .map((key) => h('th', { scope: 'col' }, t(key))))),
        this.rows)),
      this.empty, this.more);
    this.page();
  }

  async page() {
    try {
      const answer = /** @type {!Page} */ (await session.get(`/api/v1/tickets${query({ limit: 25, sort: '-changed', cursor: this.cursor })}`));
      for (const ticket of /** @type {!Array<!Ticket>} */ (answer.items)) {
        this.rows.append(h('tr', null,
          h('td', null, ticket.tn),
          h('td', null, h('a', { href: `#/ticket/${ticket.id}` }, ticket.title || t('ticket.untitled'))),
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
  }

  open() {
    this.head = h('div.view-header');
    this.articles = h('div', { id: 'portal-articles' });
    const body = /** @type {!HTMLTextAreaElement} */ (h('textarea', { id: 'reply-body', rows: 5, required: true }));
    const error = h('p.form-error', { role: 'alert' });
    const form = h('form.card', { id: 'reply-form', 'aria-labelledby': 'reply-heading' },
      h('h2', { id: 'reply-heading' }, t('portal.reply')),
      h('div.field', null, h('label', { for: 'reply-body' }, t('compose.body')), body),
      error, h('button.primary', { type: 'submit', id: 'reply-send' }, t('portal.send')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      if (!body.value.trim()) {
        error.textContent = t('compose.empty');
        return;
      }
      try {
        await session.post(`/api/v1/tickets/${this.id}/articles`, { subject: `Re: ${this.ticket ? this.ticket.title : ''}`, body: body.value });
        body.value = '';
        toast(t('compose.sent'));
        this.load();
      } catch (failure) {
        error.textContent = failure.status === 409 ? t('portal.closed_no_follow_up') : t('error.generic', { detail: failure.message });
      }
    });
    replace(this.root, this.head, this.articles, form);
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
      replace(this.head,
        h('h1', { id: 'ticket-title' }, h('span.tn', null, `#${ticket.tn}`), ' ', ticket.title || t('ticket.untitled')),
        h('span', { class: `state state-${ticket.state_type}` }, ticket.state));
      replace(this.articles, ...articles.items.map((/** !Article */ article) => h(`article.article.article-${article.sender_type === 'customer' ? 'customer' : 'agent'}`, null,
        h('header.article-head', null,
          h('h3', null, article.subject || t('article.no_subject')),
          h('p.meta', null, article.sender_type === 'customer' ? t('portal.you') : t('portal.support'), ' · ',
            h('time', { datetime: article.create_time }, when(article.create_time, language())))),
        h('div.article-text', null, article.plain_body ?? article.body ?? ''))));
    } catch (error) {
      replace(this.head, h('h1', null, error.status === 404 ? t('ticket.not_found') : t('error.generic', { detail: error.message })));
    }
  }
}

class PortalNew {
  /** @param {!HTMLElement} root */
  constructor(root) {
    this.root = root;
  }

  open() {
    const title = /** @type {!HTMLInputElement} */ (h('input', { id: 'new-title', required: true, maxlength: 255 }));
    const body = /** @type {!HTMLTextAreaElement} */ (h('textarea', { id: 'new-body', rows: 8, required: true }));
    const queue = /** @type {!HTMLSelectElement} */ (h('select', { id: 'new-queue' }, h('option', { value: '' }, t('portal.queue_any'))));
    const queueField = h('div.field', { hidden: true },
      h('label', { for: 'new-queue' }, t('portal.queue')), queue);
    const error = h('p.form-error', { role: 'alert' });
    const form = h('form.card', { id: 'portal-new-form', 'aria-labelledby': 'view-title' },
      h('div.field', null, h('label', { for: 'new-title' }, t('new.title')), title),
      queueField,
      h('div.field', null, h('label', { for: 'new-body' }, t('portal.describe')), body),
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
        const ticket = await session.post('/api/v1/tickets', {
          title: title.value.trim(), article: { subject: title.value.trim(), body: body.value },
          ...(queue.value ? { queue_id: Number(queue.value) } : {}),
        });
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
