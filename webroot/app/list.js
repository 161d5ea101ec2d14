// A ticket list (one queue, my tickets or the escalated ones), paged with the cursor and kept live.
import { query } from './api.js';
import { h, replace, toast } from './dom.js';
import { t } from './i18n.js';
import { columnsOf, count, headerCell, cell } from './columns.js';
import { ConsoleContext } from './context.js';
import { BulkBar } from './bulk.js';
import { ViewNav } from './views.js';
import { saveViewForm, VIEWS_CHANGED } from './view-form.js';
import { advancedSearchForm } from './advanced-search.js';
import { Frame, Page, SavedView, Ticket } from './types.js';

/**
 * Which tickets a list shows: one queue's, the agent's own, the escalated ones, a saved view's or an advanced
 * search's (its list filters).
 * @typedef {{queueId: (number|undefined), mine: (boolean|undefined), escalated: (boolean|undefined),
 *     view: (?SavedView|undefined), filters: (?Object<string, string>|undefined)}}
 */
let Scope;

const OPEN_TYPES = ['new', 'open', 'pending'];
const PAGE = 50;
const SORTS = ['-created', '-changed', '-priority', 'escalation'];
/** How often the age and deadline columns count on. */
const TICK_MS = 30000;

export class TicketListView {
  /**
   * @param {!HTMLElement} root
   * @param {!ConsoleContext} ctx
   * @param {!Scope} scope
   */
  constructor(root, ctx, scope) {
    this.root = root;
    this.ctx = ctx;
    this.scope = scope;
    /** @type {!Array<string>} the columns shown: the view's choice, else all */
    this.columns = columnsOf(scope.view ? scope.view.columns : null);
    this.filter = sessionStorage.getItem('gotrs.list.filter') || 'open';
    this.sort = sessionStorage.getItem('gotrs.list.sort') || '-created';
    /** @type {!Map<number, !HTMLElement>} the rows shown, by ticket id */
    this.rows = new Map();
    /** @type {?string|undefined} */
    this.cursor = null;
    this.loading = false;
    this.selected = -1;
    /** @type {!Set<number>} the tickets ticked for a bulk action */
    this.chosen = new Set();
    /** the row last ticked or unticked: a shift-click ticks the rows between it and the one clicked */
    this.anchor = -1;
    // built by open()
    /** @type {!BulkBar} */
    this.bar;
    /** @type {!HTMLInputElement} */
    this.all;
    /** @type {!HTMLElement} */
    this.body;
    /** @type {!HTMLElement} */
    this.more;
    /** @type {!HTMLElement} */
    this.empty;
    /** @type {!HTMLElement} */
    this.summary;
    /** @type {function(): boolean} */
    this.unlisten;
    /** @type {number} */
    this.ticker = 0;
    /** @type {number} a saved view's list reloads once ticket events stop for a moment */
    this.reloading = 0;
  }

  /** @return {string} */
  title() {
    if (this.scope.view) return ViewNav.title(this.scope.view);
    if (this.scope.filters) return t('find.heading');
    if (this.scope.mine) return t('nav.mine');
    if (this.scope.escalated) return t('nav.escalated');
    const queue = this.ctx.lookups.queues.find((q) => q.id === this.scope.queueId);
    return queue ? queue.name : t('list.queue', { id: this.scope.queueId });
  }

  open() {
    const filter = h('select', { id: 'list-filter' }, ['open', 'all', 'new', 'pending', 'closed'].map((value) =>
      h('option', { value }, t(`list.filter.${value}`))));
    filter.value = this.filter;
    filter.addEventListener('change', () => {
      this.filter = filter.value;
      sessionStorage.setItem('gotrs.list.filter', this.filter);
      this.reload();
    });
    const sort = h('select', { id: 'list-sort' }, SORTS.map((value) => h('option', { value }, t(`list.sort.${value}`))));
    sort.value = this.sort;
    sort.addEventListener('change', () => {
      this.sort = sort.value;
      sessionStorage.setItem('gotrs.list.sort', this.sort);
      this.reload();
    });
    this.body = h('tbody', { id: 'ticket-rows' });
    this.more = h('button', { type: 'button', id: 'load-more', hidden: true, onclick: () => this.page() }, t('list.more'));
    this.empty = h('p.muted', { id: 'list-empty', hidden: true }, t('list.empty'));
    this.summary = h('p.list-summary', { role: 'status', 'aria-live': 'polite' });
    this.bar = new BulkBar(this.ctx, this.scope.queueId,
      (id) => (this.rows.get(id) && this.rows.get(id).querySelector('td.tn').textContent) || `#${id}`,
      () => this.choose([]), () => { this.chosen.clear(); this.reload(); },
      () => (this.scope.view ? { ...this.scope.view.filters } : this.filters()));
    this.all = /** @type {!HTMLInputElement} */ (h('input', { type: 'checkbox', id: 'select-all', 'aria-label': t('bulk.select_all'),
      onchange: () => this.choose(this.all.checked ? Array.from(this.rows.keys()) : []) }));
    const view = this.scope.view;
    replace(this.root,
      h('div.view-header', null,
        h('h1', { id: 'view-title' }, this.title()),
        view ? h('div.view-tools', null, view.own ? h('button', { type: 'button', id: 'delete-view',
          onclick: () => this.deleteView(/** @type {!SavedView} */ (view)) }, t('views.delete')) : null)
          : h('div.view-tools', null,
            this.scope.filters ? null : [h('label', { for: 'list-filter' }, t('list.show')), filter],
            h('label', { for: 'list-sort' }, t('list.sort')), sort, saveViewForm(this.ctx, () => ({ filters: this.filters(), sort: this.sort })))),
      this.scope.filters ? advancedSearchForm(this.ctx, this.scope.filters) : null,
      this.summary, this.bar.results, this.bar.el,
      h('div.table-wrap', null,
        h('table.tickets', { 'aria-labelledby': 'view-title' },
          h('thead', null, h('tr', null, h('th.pick', { scope: 'col' }, this.all),
            this.columns.map(headerCell))),
          this.body)),
      this.empty, this.more);
    this.unlisten = this.ctx.live.on((frame) => this.onLive(frame));
    this.ticker = setInterval(() => {
      const now = Date.now() / 1000;
      this.rows.forEach((row) => count(row, now));
    }, TICK_MS);
    this.reload();
  }

  close() {
    if (this.unlisten) this.unlisten();
    clearInterval(this.ticker);
    clearTimeout(this.reloading);
  }

  /**
   * The list's filters as the API takes them: what a saved view stores.
   * @return {!Object<string, *>}
   */
  filters() {
    /** @type {!Object<string, *>} */
    const filters = {};
    if (this.scope.filters) return { ...this.scope.filters };
    if (this.scope.queueId) filters.queue_id = this.scope.queueId;
    if (this.scope.mine) filters.owner_id = 'me';
    if (this.scope.escalated) filters.escalated = 'true';
    if (this.filter === 'open') filters.state_type = OPEN_TYPES.join(',');
    else if (this.filter !== 'all') filters.state_type = this.filter;
    return filters;
  }

  /** @param {!SavedView} view */
  async deleteView(view) {
    try {
      await this.ctx.session.del(`/api/v1/views/${view.id}`);
      document.dispatchEvent(new CustomEvent(VIEWS_CHANGED));
      location.hash = '#/';
    } catch (error) {
      toast(t('error.generic', { detail: error.message }), 'error');
    }
  }

  /**
   * @param {?string|undefined} cursor
   * @return {!Object<string, *>}
   */
  params(cursor) {
    if (this.scope.view) return { limit: PAGE, cursor };
    const p = { limit: PAGE, sort: this.sort, cursor };
    if (this.scope.filters) return { ...this.scope.filters, ...p };
    if (this.scope.queueId) p.queue_id = this.scope.queueId;
    if (this.scope.mine) p.owner_id = this.ctx.me.id;
    if (this.scope.escalated) p.escalated = 'true';
    if (['new', 'pending', 'closed'].includes(this.filter)) p.state_type = this.filter;
    return p;
  }

  /** @return {string} where the list's pages come from */
  path() {
    return this.scope.view ? `/api/v1/views/${this.scope.view.id}/tickets` : '/api/v1/tickets';
  }

  async reload() {
    this.rows.clear();
    replace(this.body);
    this.cursor = null;
    this.selected = -1;
    this.anchor = -1;
    this.choose([]);
    await this.page();
  }

  /** One page; in the "open" filter closed tickets are skipped and further pages fetched until a page is full. */
  async page() {
    if (this.loading) return;
    this.loading = true;
    try {
      let shown = 0;
      let rounds = 0;
      do {
        const answer = /** @type {!Page} */ (await this.ctx.session.get(`${this.path()}${query(this.params(this.cursor))}`));
        for (const ticket of answer.items) {
          if (this.matches(ticket) && !this.rows.has(ticket.id)) {
            this.body.append(this.row(ticket));
            shown += 1;
          }
        }
        this.cursor = answer.next_cursor;
        rounds += 1;
      } while (this.cursor && shown < PAGE && rounds < 5);
    } catch (error) {
      toast(t('error.generic', { detail: error.message }), 'error');
    } finally {
      this.loading = false;
      this.refreshFooter();
    }
  }

  /**
   * A row's checkbox clicked: ticks or unticks it, or with shift every row from the last one clicked to it.
   * @param {number} id
   * @param {!Event} event
   */
  tick(id, event) {
    const mouse = /** @type {!MouseEvent} */ (event);
    const ids = Array.from(this.body.rows).map((row) => Number(row.dataset.id));
    const index = ids.indexOf(id);
    const on = /** @type {!HTMLInputElement} */ (event.target).checked;
    const range = mouse.shiftKey && this.anchor >= 0 ? ids.slice(Math.min(this.anchor, index), Math.max(this.anchor, index) + 1) : [id];
    const chosen = new Set(this.chosen);
    range.forEach((each) => (on ? chosen.add(each) : chosen.delete(each)));
    this.anchor = index;
    this.choose(Array.from(chosen));
  }

  /**
   * Makes these tickets the selection (those shown), and the checkboxes and the bulk bar say so.
   * @param {!Array<number>} ids
   */
  choose(ids) {
    this.chosen = new Set(ids.filter((id) => this.rows.has(id)));
    for (const row of Array.from(this.body.rows)) {
      const box = /** @type {!HTMLInputElement} */ (row.querySelector('input.pick'));
      box.checked = this.chosen.has(Number(row.dataset.id));
      row.classList.toggle('picked', box.checked);
    }
    this.all.checked = this.chosen.size > 0 && this.chosen.size === this.rows.size;
    this.all.indeterminate = this.chosen.size > 0 && this.chosen.size < this.rows.size;
    this.bar.select(Array.from(this.body.rows).map((row) => Number(row.dataset.id)).filter((id) => this.chosen.has(id)));
    this.bar.offerAll(this.all.checked);
  }

  refreshFooter() {
    this.more.hidden = !this.cursor;
    this.empty.hidden = this.rows.size > 0 || Boolean(this.cursor);
    this.summary.textContent = t('list.summary', { n: this.rows.size });
    const ids = Array.from(this.body.rows).map((row) => Number(row.dataset.id));
    sessionStorage.setItem('gotrs.list.ids', JSON.stringify(ids));
    sessionStorage.setItem('gotrs.list.back', location.hash);
  }

  /**
   * @param {!Ticket} ticket
   * @return {boolean}
   */
  matches(ticket) {
    if (this.scope.view || this.scope.filters) return ticket.archive_flag !== 1;
    if (this.scope.queueId && ticket.queue_id !== this.scope.queueId) return false;
    if (this.scope.mine && ticket.user_id !== this.ctx.me.id) return false;
    if (ticket.archive_flag === 1) return false;
    const type = ticket.state_type;
    if (this.filter === 'open') return OPEN_TYPES.includes(type);
    if (this.filter === 'all') return true;
    return type === this.filter;
  }

  /**
   * @param {!Ticket} ticket
   * @return {!HTMLElement}
   */
  row(ticket) {
    const pick = h('input', { type: 'checkbox', class: 'pick', checked: this.chosen.has(ticket.id),
      'aria-label': t('bulk.select', { tn: ticket.tn }), onclick: (event) => this.tick(ticket.id, event) });
    const tr = h('tr', { dataset: { id: ticket.id }, class: `prio-${ticket.priority_id || 3}${this.chosen.has(ticket.id) ? ' picked' : ''}` },
      h('td.pick', null, pick), this.columns.map((key) => cell(key, ticket)));
    count(tr, Date.now() / 1000);
    this.rows.set(ticket.id, tr);
    return tr;
  }

  /**
   * @param {!Ticket} ticket
   * @param {boolean} fresh a ticket just created, shown on top whatever the sort
   */
  upsert(ticket, fresh) {
    const existing = this.rows.get(ticket.id);
    if (!this.matches(ticket)) {
      if (existing) {
        existing.remove();
        this.rows.delete(ticket.id);
      }
      this.refreshFooter();
      return;
    }
    const row = this.row(ticket);
    if (existing) {
      existing.replaceWith(row);
    } else if (this.sort === '-created' || this.sort === '-changed' || fresh) {
      this.body.prepend(row);
    } else {
      this.body.append(row);
    }
    if (this.sort === '-changed' && existing) this.body.prepend(row);
    row.classList.add('flash');
    setTimeout(() => row.classList.remove('flash'), 2500);
    this.refreshFooter();
  }

  /** @param {number} id */
  remove(id) {
    const row = this.rows.get(id);
    if (row) {
      row.remove();
      this.rows.delete(id);
      if (this.chosen.has(id)) this.choose(Array.from(this.chosen));
      this.refreshFooter();
    }
  }

  /**
   * @param {!Frame} frame
   * @return {boolean}
   */
  relevant(frame) {
    if (this.scope.queueId) {
      return frame.topic === `queue:${this.scope.queueId}`;
    }
    if (this.scope.mine) return Boolean(frame.topic && frame.topic.startsWith('agent:'));
    return Boolean(frame.topic && frame.topic.startsWith('queue:'));
  }

  /** @param {!Frame} frame */
  async onLive(frame) {
    if (frame.type === 'resync' && (frame.topic || '').match(/^(queue|agent)/)) {
      this.reload();
      return;
    }
    if (frame.type !== 'event' || !this.relevant(frame)) return;
    if (this.scope.view || this.scope.filters) {
      // the server decides what a view finds: its list is fetched again when its tickets may have changed
      if (/^(ticket|escalation)\./.test(frame.event || '') && !this.reloading) {
        this.reloading = setTimeout(() => {
          this.reloading = 0;
          this.reload();
        }, 2000);
      }
      return;
    }
    const data = frame.data || {};
    switch (frame.event) {
      case 'ticket.created':
        if (data.ticket && !this.scope.escalated) this.upsert(data.ticket, true);
        break;
      case 'ticket.updated':
      case 'ticket.moved':
      case 'ticket.merged':
      case 'escalation.warning':
      case 'escalation.breached': {
        const id = (data.ticket && data.ticket.id) || data.ticket_id;
        if (!id) return;
        if (data.ticket && data.ticket.tn && !this.scope.escalated) {
          this.upsert(data.ticket, false);
        } else if (this.rows.has(id) || this.scope.escalated || frame.event.startsWith('ticket.')) {
          this.refetch(id);
        }
        break;
      }
      case 'ticket.deleted':
        this.remove(data.ticket_id);
        break;
      case 'article.created': {
        const row = this.rows.get(data.ticket_id);
        if (row && !row.classList.contains('flash')) row.classList.add('has-new');
        break;
      }
      default:
    }
  }

  /** @param {number} id */
  async refetch(id) {
    try {
      const ticket = /** @type {!Ticket} */ (await this.ctx.session.get(`/api/v1/tickets/${id}`));
      if (this.scope.escalated && !(ticket.escalation_time > 0 && ticket.escalation_time * 1000 <= Date.now())) {
        this.remove(id);
      } else {
        this.upsert(ticket, false);
      }
    } catch (error) {
      if (error.status === 404) this.remove(id);
    }
  }

  /**
   * j/k: moves the selection and focuses the row's link.
   * @param {number} step
   */
  move(step) {
    const rows = Array.from(this.body.rows);
    if (!rows.length) return;
    this.selected = Math.max(0, Math.min(rows.length - 1, this.selected + step));
    rows.forEach((row, i) => row.classList.toggle('selected', i === this.selected));
    const link = rows[this.selected].querySelector('a');
    link.focus();
  }

  openSelected() {
    const rows = Array.from(this.body.rows);
    const row = rows[this.selected];
    if (row) location.hash = `#/ticket/${row.dataset.id}`;
  }
}
