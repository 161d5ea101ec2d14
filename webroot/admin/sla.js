// The SLA form: times in minutes, warnings in percent, business hours as a week grid, holidays as a list.
import { h } from '../app/dom.js';
import { t } from '../app/i18n.js';
import { buildForm } from './form.js';
import { Field } from './resources.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEKDAYS = ['tue', 'wed', 'thu', 'fri'];

/** @type {!Array<!Field>} */
const FIELDS = [
  { name: 'name', type: 'text', required: true },
  { name: 'calendar_name', type: 'text' },
  { name: 'first_response_time', type: 'number' },
  { name: 'first_response_notify', type: 'number' },
  { name: 'update_time', type: 'number' },
  { name: 'update_notify', type: 'number' },
  { name: 'solution_time', type: 'number' },
  { name: 'solution_notify', type: 'number' },
  { name: 'escalation_levels', type: 'number' },
  { name: 'comments', type: 'text' },
  { name: 'valid_id', type: 'valid' },
];

/**
 * The IANA zone names the browser knows, with the current one kept even when it does not.
 * @param {string} current
 * @return {!Array<string>}
 */
function zoneNames(current) {
  const intl = /** @type {?} */ (Intl);
  /** @type {!Array<string>} */
  const known = typeof intl.supportedValuesOf === 'function' ? intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', current, ...known])].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}

/**
 * One weekday of the grid: its ranges, added and removed in place; "closed" when there are none.
 * @param {string} name
 * @param {!Array<!Array<string>>} ranges
 * @return {{name: string, row: !HTMLElement, set: function(!Array<!Array<string>>), read: function(): !Array<!Array<string>>}}
 */
function dayRow(name, ranges) {
  const dayName = t(`day.${name}`);
  const list = h('div.ranges', { id: `sla-${name}-ranges` });
  const closed = h('span.closed', { id: `sla-${name}-closed` }, t('sla.closed'));
  const sync = () => { closed.hidden = list.children.length > 0; };
  /** @param {!Array<string>} range */
  const add = (range) => {
    const from = h('input.from', { type: 'time', value: range[0] || '', 'aria-label': t('sla.from_on', { day: dayName }) });
    const to = h('input.to', { type: 'time', value: range[1] || '', 'aria-label': t('sla.to_on', { day: dayName }) });
    const item = h('div.range', null, from, h('span', { 'aria-hidden': 'true' }, '–'), to,
      h('button.link.remove', { type: 'button', title: t('sla.remove_range'), 'aria-label': t('sla.remove_range') },
        '×'));
    item.querySelector('.remove').addEventListener('click', () => { item.remove(); sync(); });
    list.append(item);
    sync();
    return from;
  };
  /** @param {!Array<!Array<string>>} next */
  const set = (next) => { list.replaceChildren(); next.forEach(add); sync(); };
  const more = h('button.link', { type: 'button', id: `sla-${name}-add`, 'aria-label': t('sla.add_range_on', { day: dayName }) },
    t('sla.add_range'));
  more.addEventListener('click', () => add(['', '']).focus());
  const error = h('p.field-error', { id: `sla-${name}-error`, role: 'alert' });
  const row = h('div.day', { id: `sla-day-${name}` }, h('span.day-name', null, dayName), h('div.day-ranges', null, list, closed, more),
    error);
  list.addEventListener('input', () => { error.textContent = ''; });
  set(ranges);
  /** @return {!Array<!Array<string>>} */
  const read = () => Array.from(list.querySelectorAll('.range'))
    .map((item) => [/** @type {!HTMLInputElement} */ (item.querySelector('.from')).value,
      /** @type {!HTMLInputElement} */ (item.querySelector('.to')).value])
    .filter(([from, to]) => from || to);
  return { name, row, set, read };
}

/**
 * The holiday list: a row per day off, plain or named.
 * @param {!Array<*>} stored strings "MM-DD"/"YYYY-MM-DD" or {date, name}
 * @return {{element: !HTMLElement, read: function(): !Array<*>, errorOf: function(number): ?Element}}
 */
function holidayList(stored) {
  const list = h('div.holiday-rows', { id: 'sla-holiday-rows' });
  const none = h('p.hint', { id: 'sla-no-holidays' }, t('sla.no_holidays'));
  const sync = () => { none.hidden = list.children.length > 0; };
  /** @param {*} holiday */
  const add = (holiday) => {
    const value = /** @type {{date: (string|undefined), name: (string|undefined)}} */ (
      typeof holiday === 'string' ? { date: holiday } : holiday || {});
    const date = h('input.date', { type: 'text', value: value.date || '', placeholder: t('sla.holiday_date_placeholder'),
      inputmode: 'numeric', 'aria-label': t('sla.holiday_date') });
    const name = h('input.name', { type: 'text', value: value.name || '', maxlength: 200, placeholder: t('sla.holiday_name'),
      'aria-label': t('sla.holiday_name') });
    const remove = h('button.link.remove', { type: 'button', title: t('sla.remove_holiday'), 'aria-label': t('sla.remove_holiday') }, '×');
    const error = h('p.field-error', { role: 'alert' });
    const row = h('div.holiday', null, date, name, remove, error);
    remove.addEventListener('click', () => { row.remove(); sync(); });
    for (const input of [date, name]) input.addEventListener('input', () => { error.textContent = ''; });
    list.append(row);
    sync();
    return date;
  };
  stored.forEach(add);
  sync();
  const more = h('button.link', { type: 'button', id: 'sla-holiday-add' }, t('sla.add_holiday'));
  more.addEventListener('click', () => add(null).focus());
  const element = h('fieldset.holidays', null, h('legend', null, t('sla.holidays')), list, none, more,
    h('p.hint', null, t('sla.holidays_hint')), h('p.field-error', { id: 'f-holidays-error', role: 'alert' }));
  /** @return {!Array<*>} */
  const read = () => Array.from(list.children).map((row) => {
    const date = /** @type {!HTMLInputElement} */ (row.querySelector('.date')).value.trim();
    const name = /** @type {!HTMLInputElement} */ (row.querySelector('.name')).value.trim();
    return name ? { date, name } : date;
  }).filter((holiday) => holiday !== '');
  /**
   * @param {number} index
   * @return {?Element}
   */
  const errorOf = (index) => list.children[index]?.querySelector('.field-error') || null;
  return { element, read, errorOf };
}

/**
 * The SLA form for an SLA, or for a new one (null).
 * @param {?Object<string, ?>} item
 * @return {{form: !HTMLElement, read: function(): !Object<string, *>, showErrors: function(!Object<string, string>)}}
 */
export function slaForm(item) {
  const base = buildForm('slas', FIELDS, item, {});
  const hours = (item && item.business_hours) || {};
  const week = hours.week || {};
  const clock = /** @type {!HTMLInputElement} */ (h('input', { type: 'checkbox', id: 'sla-24x7', checked: !hours.week }));
  const zone = /** @type {!HTMLSelectElement} */ (h('select', { id: 'sla-timezone' },
    zoneNames(hours.timezone || 'UTC').map((name) => h('option', { value: name }, name))));
  zone.value = hours.timezone || 'UTC';
  const days = DAYS.map((name) => dayRow(name, week[name] || []));
  const copy = h('button.link', { type: 'button', id: 'sla-copy-monday' }, t('sla.copy_monday'));
  copy.addEventListener('click', () => {
    const monday = days[0].read();
    days.filter((d) => WEEKDAYS.includes(d.name)).forEach((d) => d.set(monday));
  });
  const grid = h('div.week', null, days.map((d) => d.row), h('div.week-actions', null, copy));
  const zoneField = h('div.field', null, h('label', { for: 'sla-timezone' }, t('sla.timezone')), zone,
    h('p.field-error', { id: 'sla-timezone-error', role: 'alert' }));
  const toggle = () => { grid.hidden = clock.checked; zoneField.hidden = clock.checked; };
  clock.addEventListener('change', toggle);
  toggle();
  const holidays = holidayList((item && item.holidays) || []);
  const form = h('div.sla-form', null,
    h('div.grid-form', null, base.rows),
    h('fieldset', null, h('legend', null, t('sla.business_hours')),
      h('div.field', null, h('label', null, clock, ' ', t('sla.around_the_clock'))),
      zoneField, grid, h('p.field-error', { id: 'f-business_hours-error', role: 'alert' })),
    holidays.element);

  function read() {
    const body = base.read();
    /** @type {!Object<string, *>} */
    let businessHours = {};
    if (!clock.checked) {
      /** @type {!Object<string, !Array<!Array<string>>>} */
      const weekOut = {};
      for (const d of days) {
        const ranges = d.read();
        if (ranges.length) weekOut[d.name] = ranges;
      }
      businessHours = { timezone: zone.value || 'UTC', week: weekOut };
    }
    body.business_hours = businessHours;
    body.holidays = holidays.read();
    return body;
  }

  /**
   * Shows each error beside what it is about: a day's row, the zone, a holiday's row, or the section.
   * @param {!Object<string, string>} errors
   */
  function showErrors(errors) {
    /** @type {!Object<string, string>} */
    const rest = {};
    /** @type {!Map<!Element, !Array<string>>} */
    const placed = new Map();
    form.querySelectorAll('.day .field-error, .holiday .field-error, #sla-timezone-error, #f-business_hours-error, #f-holidays-error')
      .forEach((el) => { el.textContent = ''; });
    /**
     * @param {?Element} el
     * @param {string} message
     * @return {boolean}
     */
    const place = (el, message) => {
      if (!el) return false;
      placed.set(el, [...(placed.get(el) || []), message]);
      return true;
    };
    for (const [field, message] of Object.entries(errors)) {
      const day = /^business_hours\.week\.(\w+)/.exec(field);
      const holiday = /^holidays\[(\d+)\]/.exec(field);
      if (day && place(document.getElementById(`sla-${day[1]}-error`), message)) continue;
      if (field === 'business_hours.timezone' && place(document.getElementById('sla-timezone-error'), message)) continue;
      if (holiday && place(holidays.errorOf(Number(holiday[1])), message)) continue;
      const top = field.split(/[.[]/)[0];
      if (top === 'business_hours' || top === 'holidays') {
        place(document.getElementById(`f-${top}-error`), field === top ? message : `${field}: ${message}`);
      } else {
        rest[field] = message;
      }
    }
    base.showErrors(rest);
    for (const [el, messages] of placed) el.textContent = messages.join('; ');
  }

  return { form, read, showErrors };
}
