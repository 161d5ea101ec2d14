// The ticket list's bulk bar: one change (and a note) for the selected tickets, sent in one request and answered
// ticket by ticket (POST /api/v1/tickets/bulk); or for every ticket matching the list, which the server finds and
// works through a run of up to 500 at a time while the bar shows the progress.
import { h, replace, toast } from './dom.js';
import { t } from './i18n.js';
import { ConsoleContext } from './context.js';
import { awayText } from './out-of-office.js';
import { Agent, BulkResult, BulkRun } from './types.js';

/**
 * A labelled control of the bar.
 * @param {string} id
 * @param {string} label
 * @param {!Element} input
 * @return {!HTMLElement}
 */
function control(id, label, input) {
  return h('div.bulk-field', null, h('label', { for: id }, label), input);
}

/**
 * A select whose first option leaves the field as it is.
 * @param {string} id
 * @param {!Array<{id: *, name: string}>} items
 * @return {!HTMLSelectElement}
 */
function keepOr(id, items) {
  return /** @type {!HTMLSelectElement} */ (h('select', { id }, h('option', { value: '' }, t('bulk.keep')),
    items.map((item) => h('option', { value: String(item.id) }, item.name))));
}

export class BulkBar {
  /**
   * @param {!ConsoleContext} ctx
   * @param {?number|undefined} queueId the list's queue, whose agents are offered as owners
   * @param {function(number): string} label how a ticket is named in the results (its number)
   * @param {function()} clear empties the list's selection
   * @param {function()} done after a run: the list shows the tickets as they are now
   * @param {function(): !Object<string, *>} filters the list's filters, for "all matching"
   */
  constructor(ctx, queueId, label, clear, done, filters) {
    this.ctx = ctx;
    this.label = label;
    this.done = done;
    this.filters = filters;
    /** @type {!Array<number>} */
    this.ids = [];
    /** every ticket matching the list is chosen, not only those ticked */
    this.allMatching = false;
    const { states, priorities, queues, moveQueues, types } = ctx.lookups;
    this.state = keepOr('bulk-state', states);
    this.pending = /** @type {!HTMLInputElement} */ (h('input', { id: 'bulk-pending', type: 'datetime-local' }));
    this.pendingField = control('bulk-pending', t('ticket.pending_until'), this.pending);
    this.pendingField.hidden = true;
    this.state.addEventListener('change', () => {
      this.pendingField.hidden = (states.find((s) => String(s.id) === this.state.value) || {}).type_name !== 'pending';
    });
    this.queue = keepOr('bulk-queue', moveQueues || queues);
    this.priority = keepOr('bulk-priority', priorities);
    this.type = keepOr('bulk-type', types);
    const people = [{ id: 'me', name: t('bulk.me') }, { id: 'none', name: t('bulk.nobody') }];
    this.owner = keepOr('bulk-owner', people);
    this.responsible = keepOr('bulk-responsible', people);
    if (queueId) {
      ctx.session.get(`/api/v1/queues/${queueId}/agents`).then((page) => {
        const agents = /** @type {!Array<!Agent>} */ (page.items).filter((a) => a.id !== (ctx.me && ctx.me.id));
        for (const select of [this.owner, this.responsible]) {
          select.append(...agents.map((a) => h('option', { value: a.id },
            a.out_of_office ? `${a.login} – ${awayText(a.out_of_office)}` : a.login)));
        }
      }).catch(() => {});
    }
    this.lock = keepOr('bulk-lock', [{ id: 2, name: t('bulk.lock.lock') }, { id: 1, name: t('bulk.lock.unlock') }]);
    this.tags = /** @type {!HTMLInputElement} */ (h('input', { id: 'bulk-tags', placeholder: t('bulk.tags_hint') }));
    this.note = /** @type {!HTMLTextAreaElement} */ (h('textarea', { id: 'bulk-note', rows: 2 }));
    this.count = h('strong.bulk-count', { id: 'bulk-count', role: 'status', 'aria-live': 'polite' });
    this.everything = /** @type {!HTMLButtonElement} */ (h('button', { type: 'button', id: 'bulk-all-matching', hidden: true,
      onclick: () => this.chooseAllMatching() }, t('bulk.all_matching')));
    // shown with the results, not in the bar: the changed tickets may leave the list, and the bar with them
    this.progress = h('p.bulk-progress', { id: 'bulk-progress', role: 'status', 'aria-live': 'polite' });
    this.apply = /** @type {!HTMLButtonElement} */ (h('button.primary', { type: 'submit', id: 'bulk-apply' }, t('bulk.apply')));
    this.el = h('form.bulk-bar', { id: 'bulk-bar', hidden: true, 'aria-label': t('bulk.bar') },
      h('div.bulk-head', null, this.count, this.everything,
        h('button', { type: 'button', id: 'bulk-clear', onclick: clear }, t('bulk.clear'))),
      h('div.bulk-fields', null,
        control('bulk-state', t('ticket.state'), this.state), this.pendingField,
        control('bulk-queue', t('ticket.queue'), this.queue),
        control('bulk-priority', t('ticket.priority'), this.priority),
        control('bulk-type', t('ticket.type'), this.type),
        control('bulk-owner', t('ticket.owner'), this.owner),
        control('bulk-responsible', t('ticket.responsible'), this.responsible),
        control('bulk-lock', t('bulk.lock'), this.lock),
        control('bulk-tags', t('bulk.tags'), this.tags)),
      h('div.bulk-field.bulk-note', null, h('label', { for: 'bulk-note' }, t('bulk.note')), this.note),
      h('div.bulk-actions', null, this.apply));
    this.el.addEventListener('submit', (event) => {
      event.preventDefault();
      this.run();
    });
    this.results = h('section.bulk-results', { id: 'bulk-results', hidden: true, 'aria-label': t('bulk.results') });
  }

  /**
   * The tickets selected, in list order.
   * @param {!Array<number>} ids
   */
  select(ids) {
    this.ids = ids;
    this.allMatching = false;
    this.el.hidden = ids.length === 0;
    this.count.textContent = t('bulk.selected', { n: ids.length });
  }

  /**
   * Whether every ticket shown is ticked: then the bar offers every ticket matching the list.
   * @param {boolean} wholePage
   */
  offerAll(wholePage) {
    this.everything.hidden = !wholePage;
  }

  chooseAllMatching() {
    this.allMatching = true;
    this.everything.hidden = true;
    this.count.textContent = t('bulk.all_matching_chosen');
  }

  /** @return {!Object<string, *>} the PATCH fields the bar sets */
  changes() {
    /** @type {!Object<string, *>} */
    const changes = {};
    if (this.state.value) changes.state_id = Number(this.state.value);
    if (this.state.value && !this.pendingField.hidden && this.pending.value) {
      changes.until_time = new Date(this.pending.value).toISOString().replace(/\.\d+Z$/, 'Z');
    }
    if (this.queue.value) changes.queue_id = Number(this.queue.value);
    if (this.priority.value) changes.priority_id = Number(this.priority.value);
    if (this.type.value) changes.type_id = Number(this.type.value);
    const person = (value) => (value === 'me' ? this.ctx.me.id : value === 'none' ? null : value);
    if (this.owner.value) changes.user_id = person(this.owner.value);
    if (this.responsible.value) changes.responsible_user_id = person(this.responsible.value);
    if (this.lock.value) changes.ticket_lock_id = Number(this.lock.value);
    const tags = this.tags.value.split(',').map((s) => s.trim()).filter(Boolean);
    if (tags.length) changes.tags = tags;
    return changes;
  }

  async run() {
    const changes = this.changes();
    /** @type {!Object<string, *>} */
    const body = this.allMatching ? { filter: this.filters() } : { ticket_ids: this.ids };
    if (Object.keys(changes).length) body.changes = changes;
    if (this.note.value.trim()) body.article = { subject: t('bulk.note'), body: this.note.value, internal_note: true };
    if (!body.changes && !body.article) {
      toast(t('ticket.nothing_changed'));
      return;
    }
    // named now: live updates may take the rows of changed tickets out of the list before the answer comes
    const names = new Map(this.ids.map((id) => [id, this.label(id)]));
    this.apply.disabled = true;
    try {
      this.progress.textContent = '';
      const results = this.allMatching ? await this.runAll(body, names) : /** @type {!Array<!BulkResult>} */ (
        (await this.ctx.session.post('/api/v1/tickets/bulk', body)).results);
      this.show(results, names);
      this.note.value = '';
      this.done();
    } catch (failure) {
      toast(t('error.generic', { detail: failure.message }), 'error');
    } finally {
      this.apply.disabled = false;
    }
  }

  /**
   * Every run of the list's filter, one after the other, each continuing where the last ended.
   * @param {!Object<string, *>} body the filter and the action
   * @param {!Map<number, string>} names filled with the numbers of the tickets changed
   * @return {!Promise<!Array<!BulkResult>>}
   */
  async runAll(body, names) {
    /** @type {!Array<!BulkResult>} */
    const results = [];
    let matched = 0;
    /** @type {?string} */
    let cursor = null;
    this.progress.textContent = '';
    replace(this.results, this.progress);
    this.results.hidden = false;
    do {
      const answer = /** @type {!BulkRun} */ (
        await this.ctx.session.post('/api/v1/tickets/bulk', cursor ? { ...body, cursor } : body));
      if (!results.length) matched = answer.matched;
      results.push(...answer.results);
      cursor = answer.next_cursor || null;
      this.progress.textContent = t('bulk.progress', { n: results.length, m: Math.max(matched, results.length) });
    } while (cursor);
    results.forEach((r) => { if (!names.has(r.ticket_id)) names.set(r.ticket_id, `#${r.ticket_id}`); });
    return results;
  }

  /**
   * @param {!Array<!BulkResult>} results
   * @param {!Map<number, string>} names the tickets' numbers
   */
  show(results, names) {
    const changed = results.filter((r) => r.status === 200).length;
    const summary = t('bulk.summary', { n: changed, m: results.length - changed });
    toast(summary, changed === results.length ? 'info' : 'warn');
    replace(this.results, this.progress.textContent ? this.progress : null,
      h('div.bulk-head', null, h('h2', null, summary),
        h('button', { type: 'button', id: 'bulk-results-close', onclick: () => { this.results.hidden = true; } }, t('action.close'))),
      h('ul', null, results.map((r) => h('li', { class: r.status === 200 ? 'ok' : 'refused', dataset: { id: r.ticket_id } },
        h('a', { href: `#/ticket/${r.ticket_id}` }, names.get(r.ticket_id) || `#${r.ticket_id}`), ' ',
        r.status === 200 ? t('bulk.ok') : r.detail || String(r.status)))));
    this.results.hidden = false;
  }
}
