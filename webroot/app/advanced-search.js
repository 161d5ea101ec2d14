// The advanced search: a ticket list's filters as a form (state, queue, owner, customer, priority, dates, custom
// fields, words); its result is a list like any other and may be saved as a view.
import { h } from './dom.js';
import { t } from './i18n.js';
import { ConsoleContext } from './context.js';

/** The list filters the form sets, each a query parameter of GET /api/v1/tickets. */
const DATES = ['created_after', 'created_before', 'changed_after', 'changed_before'];

/**
 * @param {string} id
 * @param {string} label
 * @param {!HTMLElement} input
 * @return {!HTMLElement}
 */
function field(id, label, input) {
  return h('div.field', null, h('label', { for: id }, label), input);
}

/**
 * @param {string} id
 * @param {!Array<!Array<string>>} options value and label
 * @param {string} value
 * @return {!HTMLSelectElement}
 */
function select(id, options, value) {
  const el = /** @type {!HTMLSelectElement} */ (h('select', { id },
    options.map(([optionValue, label]) => h('option', { value: optionValue }, label))));
  el.value = value;
  return el;
}

/**
 * The day a date filter shows: "before" is the end of the day chosen, so the filter holds the next day's start.
 * @param {string} name
 * @param {string|undefined} value
 * @return {string}
 */
function shownDay(name, value) {
  if (!value || Number.isNaN(Date.parse(value))) return '';
  const day = new Date(value);
  if (name.endsWith('_before')) day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/**
 * The form, filled from the filters shown; sending it shows the list for the new filters (#/find?...).
 * @param {!ConsoleContext} ctx
 * @param {!Object<string, string>} filters
 * @return {!HTMLElement}
 */
export function advancedSearchForm(ctx, filters) {
  const text = /** @type {!HTMLInputElement} */ (h('input', { id: 'find-q', type: 'search', value: filters.q || '' }));
  const state = select('find-state', [['', t('find.any')], ['new,open,pending', t('list.filter.open')],
    ['new', t('list.filter.new')], ['pending', t('list.filter.pending')], ['closed', t('list.filter.closed')]],
  filters.state_type || '');
  const queue = select('find-queue', [['', t('find.any')],
    ...ctx.lookups.queues.map((q) => [String(q.id), q.name])], filters.queue_id || '');
  const owner = select('find-owner', [['', t('find.any')], ['me', t('find.owner.me')], ['none', t('find.owner.none')]],
    filters.owner_id || '');
  const priority = select('find-priority', [['', t('find.any')],
    ...ctx.lookups.priorities.map((p) => [String(p.id), p.name])], filters.priority_id || '');
  const customer = /** @type {!HTMLInputElement} */ (h('input', { id: 'find-customer', value: filters.customer_id || '' }));
  const dates = DATES.map((name) => /** @type {!HTMLInputElement} */ (h('input', { id: `find-${name}`, type: 'date',
    value: shownDay(name, filters[name]) })));
  const customs = (ctx.lookups.customFields || []).map((definition) => /** @type {!HTMLInputElement} */ (h('input', {
    id: `find-cf-${definition.field_name}`, value: filters[`custom_field.${definition.field_name}`] || '',
    dataset: { field: definition.field_name } })));
  const form = h('form.advanced-search', { id: 'advanced-search', 'aria-label': t('find.heading') },
    h('div.find-grid', null,
      field('find-q', t('find.words'), text),
      field('find-state', t('ticket.state'), state),
      field('find-queue', t('ticket.queue'), queue),
      field('find-owner', t('ticket.owner'), owner),
      field('find-priority', t('ticket.priority'), priority),
      field('find-customer', t('find.customer'), customer),
      DATES.map((name, i) => field(`find-${name}`, t(`find.${name}`), dates[i])),
      customs.map((input) => field(input.id, input.dataset.field || '', input))),
    h('button.primary', { type: 'submit', id: 'find-submit' }, t('find.submit')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    /**
     * @param {string} name
     * @param {string} value
     */
    const put = (name, value) => {
      if (value.trim()) params.set(name, value.trim());
    };
    put('q', text.value);
    put('state_type', state.value);
    put('queue_id', queue.value);
    put('owner_id', owner.value);
    put('priority_id', priority.value);
    put('customer_id', customer.value);
    // a date is a whole day in UTC: "after" from its start, "before" up to its end
    DATES.forEach((name, i) => {
      if (dates[i].value) {
        const day = new Date(`${dates[i].value}T00:00:00Z`);
        if (name.endsWith('_before')) day.setUTCDate(day.getUTCDate() + 1);
        params.set(name, day.toISOString().replace(/\.\d+Z$/, 'Z'));
      }
    });
    customs.forEach((input) => put(`custom_field.${input.dataset.field}`, input.value));
    location.hash = `#/find?${params.toString()}`;
  });
  return form;
}
