// The SLA form: times in minutes, warnings in percent, business hours per weekday, holidays.
import { h } from '../app/dom.js';
import { t } from '../app/i18n.js';
import { buildForm } from './form.js';
import { Field } from './resources.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

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
 * The SLA form for an SLA, or for a new one (null).
 * @param {?Object<string, ?>} item
 * @return {{form: !HTMLElement, read: function(): !Object<string, *>, showErrors: function(!Object<string, string>)}}
 */
export function slaForm(item) {
  const base = buildForm('slas', FIELDS, item, {});
  const hours = (item && item.business_hours) || {};
  const week = hours.week || {};
  const clock = /** @type {!HTMLInputElement} */ (h('input', { type: 'checkbox', id: 'sla-24x7', checked: !hours.week }));
  const zone = /** @type {!HTMLInputElement} */ (h('input', { id: 'sla-timezone', value: hours.timezone || 'UTC' }));
  /** @type {function(string): {name: string, from: !HTMLInputElement, to: !HTMLInputElement}} */
  const day = (name) => {
    const range = (week[name] || [])[0] || [];
    const from = /** @type {!HTMLInputElement} */ (h('input', { type: 'time', id: `sla-${name}-from`, value: range[0] || '', 'aria-label': t('sla.from_on', { day: t(`day.${name}`) }) }));
    const to = /** @type {!HTMLInputElement} */ (h('input', { type: 'time', id: `sla-${name}-to`, value: range[1] || '', 'aria-label': t('sla.to_on', { day: t(`day.${name}`) }) }));
    return { name, from, to };
  };
  const days = DAYS.map(day);
  const holidays = /** @type {!HTMLTextAreaElement} */ (h('textarea', { id: 'sla-holidays', rows: 3, placeholder: '12-25\n2026-04-03' }, ((item && item.holidays) || []).join('\n')));
  const table = h('div.hours', null, h('span'), h('strong', null, t('sla.from')), h('strong', null, t('sla.to')),
    days.map((d) => [h('span', null, t(`day.${d.name}`)), d.from, d.to]));
  const toggle = () => { table.hidden = clock.checked; zone.disabled = clock.checked; };
  clock.addEventListener('change', toggle);
  toggle();
  const form = h('div', null,
    h('div.grid-form', null, base.rows),
    h('fieldset', null, h('legend', null, t('sla.business_hours')),
      h('div.field', null, h('label', null, clock, ' ', t('sla.around_the_clock'))),
      h('div.field', null, h('label', { for: 'sla-timezone' }, t('sla.timezone')), zone),
      table, h('p.field-error', { id: 'f-business_hours-error', role: 'alert' })),
    h('div.field', null, h('label', { for: 'sla-holidays' }, t('sla.holidays')), holidays,
      h('p.hint', null, t('sla.holidays_hint')), h('p.field-error', { id: 'f-holidays-error', role: 'alert' })));

  function read() {
    const body = base.read();
    /** @type {!Object<string, *>} */
    let businessHours = {};
    if (!clock.checked) {
      /** @type {!Object<string, !Array<!Array<string>>>} */
      const weekOut = {};
      for (const d of days) {
        if (d.from.value && d.to.value) weekOut[d.name] = [[d.from.value, d.to.value]];
      }
      businessHours = { timezone: zone.value.trim() || 'UTC', week: weekOut };
    }
    body.business_hours = businessHours;
    body.holidays = holidays.value.split(/\s+/).map((s) => s.trim()).filter(Boolean);
    return body;
  }

  /** @param {!Object<string, string>} errors */
  function showErrors(errors) {
    /** @type {!Object<string, string>} */
    const flattened = {};
    for (const [field, message] of Object.entries(errors)) {
      const top = field.split(/[.[]/)[0];
      flattened[top] = flattened[top] ? `${flattened[top]}; ${message}` : `${field}: ${message}`;
    }
    base.showErrors(flattened);
    for (const key of ['business_hours', 'holidays']) {
      const el = document.getElementById(`f-${key}-error`);
      if (el) el.textContent = flattened[key] || '';
    }
  }

  return { form, read, showErrors };
}
