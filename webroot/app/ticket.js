// One ticket: its articles, history, fields and composer, live, with who else is looking at it.
import { h, replace, when, toast } from './dom.js';
import { t, language } from './i18n.js';
import { renderArticle } from './articles.js';
import { Composer, Draft } from './composer.js';
import { propertiesForm } from './properties.js';
import { linksPanel, watchersPanel } from './relations.js';
import { ConsoleContext } from './context.js';
import { Article, Frame, HistoryEntry, Page, Ticket, Viewer } from './types.js';

export class TicketView {
  /**
   * @param {!HTMLElement} root
   * @param {!ConsoleContext} ctx
   * @param {number} id
   */
  constructor(root, ctx, id) {
    this.root = root;
    this.ctx = ctx;
    this.id = id;
    this.viewers = [];
    /** @type {?Ticket|undefined} the ticket once loaded */
    this.ticket = undefined;
    /** @type {?Composer|undefined} the open composer */
    this.composer = undefined;
    // built by open()
    /** @type {!HTMLElement} */
    this.header;
    /** @type {!HTMLElement} */
    this.presence;
    /** @type {!HTMLElement} */
    this.articles;
    /** @type {!HTMLElement} */
    this.composerSlot;
    /** @type {!HTMLElement} */
    this.side;
    /** @type {!HTMLElement} */
    this.history;
    /** @type {function(): boolean} */
    this.unlisten;
    /** @type {!HTMLButtonElement} */
    this.draftButton;
    /** @type {!Array<!Article>} the articles as last loaded */
    this.loaded = [];
    /** @type {?{score: number, comment: ?string}} the closed ticket's rating, once found */
    this.rating = null;
    /** the time of this view's own last change of the ticket, which the composer need not be warned of */
    this.ownChange = 0;
  }

  open() {
    this.header = h('div.ticket-header');
    this.presence = h('p.presence', { id: 'presence', role: 'status', 'aria-live': 'polite' });
    this.articles = h('section.articles', { id: 'articles', 'aria-labelledby': 'articles-heading' });
    this.composerSlot = h('div.composer-slot');
    this.side = h('aside.ticket-side');
    this.history = h('tbody', { id: 'history-rows' });
    this.draftButton = /** @type {!HTMLButtonElement} */ (h('button.primary', { type: 'button', id: 'action-draft', hidden: true }, t('action.draft')));
    const toolbar = h('div.toolbar', { role: 'toolbar', 'aria-label': t('ticket.actions') },
      this.draftButton,
      h('button', { type: 'button', id: 'action-reply', onclick: () => this.compose('reply') }, t('action.reply')),
      h('button', { type: 'button', id: 'action-reply-all', onclick: () => this.compose('reply_all') }, t('action.reply_all')),
      h('button', { type: 'button', id: 'action-forward', onclick: () => this.compose('forward') }, t('action.forward')),
      h('button', { type: 'button', id: 'action-note', onclick: () => this.compose('note') }, t('action.note')),
      h('button', { type: 'button', id: 'action-phone', onclick: () => this.compose('phone') }, t('action.phone')),
      h('a.button', { href: sessionStorage.getItem('gotrs.list.back') || '#/' }, t('action.back')));
    replace(this.root,
      h('div.ticket', null,
        this.header, this.presence, toolbar, this.composerSlot,
        h('div.ticket-body', null,
          h('div.ticket-main', null,
            h('h2', { id: 'articles-heading', class: 'sr-only' }, t('ticket.articles')),
            this.articles,
            h('details.history', { id: 'history' },
              h('summary', null, t('ticket.history')),
              h('table', null,
                h('thead', null, h('tr', null, ['history.time', 'history.by', 'history.type', 'history.name']
                  .map((key) => h('th', { scope: 'col' }, t(key))))),
                this.history))),
          this.side)));
    this.unlisten = this.ctx.live.on((frame) => this.onLive(frame));
    this.ctx.live.subscribe(`ticket:${this.id}`);
    this.ctx.live.presence(this.id, 'viewing');
    this.load();
  }

  close() {
    if (this.unlisten) this.unlisten();
    if (this.composer) this.composer.leave();
    this.ctx.live.presence(this.id, 'left');
    this.ctx.live.unsubscribe(`ticket:${this.id}`);
  }

  async load() {
    try {
      const [ticket] = /** @type {!Array<?>} */ (await Promise.all([
        this.ctx.session.get(`/api/v1/tickets/${this.id}`),
        this.loadArticles(),
        this.loadHistory(),
      ]));
      this.show(/** @type {!Ticket} */ (ticket));
      this.offerDraft();
    } catch (error) {
      replace(this.root, h('div.view-header', null, h('h1', null,
        error.status === 404 ? t('ticket.not_found') : t('error.generic', { detail: error.message }))));
    }
  }

  /** @param {!Ticket} ticket */
  show(ticket) {
    this.ticket = ticket;
    document.title = `#${ticket.tn} ${ticket.title} – GOTRS`;
    const escalation = ticket.escalation_time > 0 ? new Date(ticket.escalation_time * 1000) : null;
    const breached = escalation && escalation.getTime() <= Date.now();
    replace(this.header,
      h('h1', { id: 'ticket-title' }, h('span.tn', null, `#${ticket.tn}`), ' ', ticket.title || t('ticket.untitled')),
      h('ul.badges', { 'aria-label': t('ticket.summary') },
        h('li', { class: `state state-${ticket.state_type}` }, ticket.state),
        h('li', { class: `prio prio-${ticket.priority_id}` }, ticket.priority),
        h('li', null, t('ticket.in_queue', { queue: ticket.queue })),
        h('li', null, t('ticket.owned_by', { owner: ticket.owner || '–' })),
        ticket.customer_user ? h('li', null, t('ticket.customer', { customer: ticket.customer_user })) : null,
        (ticket.tags || []).map((tag) => h('li.tag', null, tag)),
        ticket.time_units_total ? h('li.time-units', { id: 'ticket-time-units' },
          t('ticket.time_units_total', { units: String(ticket.time_units_total) })) : null,
        escalation ? h('li', { class: breached ? 'escalated' : 'escalates' },
          t(breached ? 'ticket.escalated_at' : 'ticket.escalates_at', { time: when(escalation.toISOString(), language()) })) : null));
    this.showRating(ticket);
    replace(this.side, propertiesForm(this.ctx, ticket, (updated) => {
      this.ownChange = Date.now();
      this.show(updated);
      this.loadHistory();
    }), linksPanel(this.ctx, ticket), watchersPanel(this.ctx, ticket));
  }

  /**
   * A closed ticket's rating by its customer, above the fields.
   * @param {!Ticket} ticket
   */
  async showRating(ticket) {
    if (ticket.state_type !== 'closed') return;
    try {
      // a rating is given once and never changes: asked for until it is there, then kept
      const rating = this.rating || await this.ctx.session.get(`/api/v1/tickets/${this.id}/rating`);
      this.rating = rating;
      document.getElementById('ticket-rating')?.remove();
      this.side.prepend(h('p.rating', { id: 'ticket-rating' }, t('ticket.rating', { score: String(rating.score) }),
        rating.comment ? h('q', null, ` ${rating.comment}`) : null));
    } catch {
      // not rated
    }
  }

  async loadArticles() {
    const answer = /** @type {!Page} */ (await this.ctx.session.get(`/api/v1/tickets/${this.id}/articles`));
    this.loaded = /** @type {!Array<!Article>} */ (answer.items);
    replace(this.articles, ...this.loaded.map((article) => renderArticle(article, this.ctx.session, this.id,
      (kind, source) => this.compose(kind, source))));
  }

  async loadHistory() {
    const answer = /** @type {!Page} */ (await this.ctx.session.get(`/api/v1/tickets/${this.id}/history`));
    replace(this.history, ...answer.items.slice().reverse().map((/** !HistoryEntry */ item) => h('tr', null,
      h('td', null, h('time', { datetime: item.create_time }, when(item.create_time, language()))),
      h('td', null, item.create_by_name || t('history.system')),
      h('td', null, historyType(item.history_type)),
      h('td', null, historyText(item)))));
  }

  /**
   * Opens the composer; a reply without an article named answers the newest one from the customer.
   * @param {string} kind 'reply', 'reply_all', 'forward', 'note' or 'phone'
   * @param {?Article=} source the article answered or forwarded
   */
  compose(kind, source = null) {
    if (!this.ticket) return;
    if (this.composer) this.composer.leave();
    const answered = source || (kind.startsWith('reply') ? this.lastFromCustomer() : null);
    this.composer = new Composer(this.ctx, this.ticket, {
      onSent: () => {
        this.closeComposer();
        toast(t('compose.sent'));
        this.loadArticles();
        this.loadHistory();
        this.ctx.session.get(`/api/v1/tickets/${this.id}`).then((ticket) => this.show(ticket)).catch(() => {});
      },
      onClose: () => this.closeComposer(),
    });
    replace(this.composerSlot, this.composer.render(kind, answered));
    this.composerSlot.scrollIntoView({ block: 'nearest' });
  }

  /** @return {?Article} the newest article the customer wrote, else the newest one visible to them */
  lastFromCustomer() {
    const visible = this.loaded.filter((article) => !article.internal_note);
    return visible.filter((article) => article.sender_type === 'customer').pop() || visible.pop() || null;
  }

  /** Offers to go on with the draft kept on the server, if there is one. */
  async offerDraft() {
    try {
      const draft = /** @type {!Draft} */ (await this.ctx.session.get(`/api/v1/tickets/${this.id}/draft`));
      const source = this.loaded.find((article) => article.id === (draft.reply_to_article_id || draft.forward_of_article_id)) || null;
      this.draftButton.onclick = () => this.compose(draft.kind, source);
      this.draftButton.hidden = Boolean(this.composer);
    } catch {
      this.draftButton.hidden = true;
    }
  }

  closeComposer() {
    this.composer = null;
    replace(this.composerSlot);
    this.offerDraft();
    document.getElementById(`action-reply`)?.focus();
  }

  /** @param {!Frame} frame */
  onLive(frame) {
    if (frame.topic !== `ticket:${this.id}`) return;
    if (frame.type === 'resync') {
      this.load();
      return;
    }
    const data = frame.data || {};
    switch (frame.event) {
      case 'presence.changed':
        this.showPresence(data.viewers || []);
        break;
      case 'article.created':
        if (this.composer && data.article && data.article.create_by !== this.ctx.me.id) {
          this.composer.warn(t('compose.stale.article'));
        }
        this.loadArticles().catch(() => {});
        this.loadHistory().catch(() => {});
        break;
      case 'ticket.updated':
      case 'ticket.moved':
      case 'ticket.merged':
      case 'escalation.warning':
      case 'escalation.breached':
        if (this.composer && Date.now() - this.ownChange > 3000 && frame.event.startsWith('ticket.')) {
          this.composer.warn(t('compose.stale.ticket'));
        }
        this.ctx.session.get(`/api/v1/tickets/${this.id}`).then((ticket) => {
          if (!this.composer) this.show(ticket);
          else this.ticket = ticket;
        }).catch(() => {});
        this.loadHistory().catch(() => {});
        break;
      case 'ticket.linked':
      case 'ticket.unlinked':
        this.loadHistory().catch(() => {});
        break;
      case 'ticket.deleted':
        toast(t('ticket.deleted'), 'warn');
        break;
      default:
    }
  }

  /** @param {!Array<!Viewer>} viewers */
  showPresence(viewers) {
    const others = viewers.filter((viewer) => viewer.user_id !== this.ctx.me.id);
    replace(this.presence, others.length ? [
      h('span.sr-only', null, t('presence.label')),
      others.map((viewer) => h(`span.viewer.viewer-${viewer.state}`, { title: viewer.login },
        t(`presence.${viewer.state}`, { name: viewer.name || viewer.login }))),
    ] : []);
  }

  /**
   * j/k on a ticket: the neighbour in the list it was opened from.
   * @param {number} step
   */
  move(step) {
    /** @type {!Array<number>} */
    let ids = [];
    try {
      ids = /** @type {?Array<number>} */ (JSON.parse(sessionStorage.getItem('gotrs.list.ids'))) || [];
    } catch {
      ids = [];
    }
    const next = ids[ids.indexOf(this.id) + step];
    if (next) location.hash = `#/ticket/${next}`;
  }
}

/**
 * A history type as people read it ("Move" → "Moved"); OTRS's own name where there is no translation.
 * @param {string} type
 * @return {string}
 */
function historyType(type) {
  const key = `history.type.${type}`;
  const text = t(key);
  return text === key ? type : text;
}

const UUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

/**
 * What a change did, by name: "old → new" where the server names the values (a queue, a state, an agent, ...);
 * else OTRS's "%%...%%..." text without the ids of agents it carries: "old → new" for an update, else its parts.
 * @param {!HistoryEntry} item
 * @return {string}
 */
function historyText(item) {
  if (item.old_name || item.new_name) {
    return item.old_name ? `${item.old_name} → ${item.new_name || '–'}` : String(item.new_name);
  }
  const parts = String(item.name || '').split('%%').filter((part) => part !== '' && !UUID.test(part));
  return parts.join(/Update$/.test(item.history_type) ? ' → ' : ' · ');
}
