// The workflow form: the trigger, the conditions as all/any groups of field/op/value rows with the desk's real
// names to pick from, the actions as a typed form each, and a dry run of what is on the form against a ticket
// (workflow-dry-run.js).
import { Session } from '../app/api.js';
import { h, replace } from '../app/dom.js';
import { t } from '../app/i18n.js';
import { buildForm } from './form.js';
import { Choices, Field } from './resources.js';
import { dryRunPart } from './workflow-dry-run.js';

/**
 * A custom admin form: its element, read() for the JSON body to send, showErrors({field: message}) for a 422.
 * @typedef {{form: !HTMLElement, read: function(): !Object<string, *>, showErrors: function(!Object<string, string>)}}
 */
let CustomForm;

/** @type {!Array<!Field>} */
const FIELDS = [
  { name: 'name', type: 'text', required: true },
  { name: 'description', type: 'textarea', rows: 2 },
  { name: 'enabled', type: 'bool' },
  { name: 'execution_order', type: 'number', hint: 'wf.order_hint' },
  { name: 'valid_id', type: 'valid' },
];

/** The events a workflow can start on (WorkflowInput.EVENTS). */
const EVENTS = ['ticket.created', 'ticket.updated', 'ticket.moved', 'ticket.merged', 'article.created',
  'escalation.warning', 'escalation.breached', 'ticket.pending_reminder', 'chat.waiting', 'chat.accepted', 'chat.closed'];

const OPS = ['eq', 'ne', 'in', 'contains', 'gt', 'lt', 'changed_to'];

const STATE_TYPES = ['new', 'open', 'pending reminder', 'pending auto', 'closed', 'merged', 'removed'];

/** The condition fields offered, and the list each one's value is picked from (none: typed). */
const CONDITION_FIELDS = [
  ['title', ''], ['queue', 'queues'], ['state', 'states'], ['state_type', 'state-types'], ['priority', 'priorities'],
  ['type', 'types'], ['owner', 'users'], ['lock', 'locks'], ['customer_id', ''], ['customer_user', ''], ['tags', ''],
  ['source', ''], ['event', 'events'], ['article.subject', ''],
];

const ACTIONS = ['set_state', 'set_priority', 'set_queue', 'set_type', 'set_owner', 'add_tag', 'set_custom_field',
  'add_note', 'webhook', 'email'];

/**
 * The list a field-setting action picks its value from.
 * @type {!Object<string, string>}
 */
const ACTION_LISTS = { set_state: 'states', set_priority: 'priorities', set_queue: 'queues', set_type: 'types', set_owner: 'users' };

let nextId = 0;

/**
 * How each condition row, group and action row of the form reads itself back.
 * @type {!WeakMap<!Element, function(): ?>}
 */
const readers = new WeakMap();

/**
 * The choices of a named list, by name: what conditions compare and actions set.
 * @param {!Object<string, !Choices>} names
 * @param {string} list
 * @return {!Array<string>}
 */
function namesOf(names, list) {
  if (list === 'events') return EVENTS;
  if (list === 'state-types') return STATE_TYPES;
  if (list === 'locks') return ['lock', 'unlock'];
  return (names[list] || []).map(([, name]) => String(name));
}

/**
 * A select of strings with the value chosen; a stored value not among them is kept as a choice of its own.
 * @param {!Array<string>} values
 * @param {*} value
 * @param {!Object<string, ?>} attrs
 * @param {function(string): string=} label
 * @return {!HTMLSelectElement}
 */
function select(values, value, attrs, label = (v) => v) {
  const all = value !== undefined && value !== null && value !== '' && !values.includes(String(value))
    ? [...values, String(value)] : values;
  const el = /** @type {!HTMLSelectElement} */ (h('select', attrs, all.map((v) => h('option', { value: v }, label(v)))));
  if (value !== undefined && value !== null && value !== '') el.value = String(value);
  return el;
}

/**
 * A labelled control in a row of a condition or an action.
 * @param {string} label
 * @param {!HTMLElement} control
 * @return {!HTMLElement}
 */
function labelled(label, control) {
  if (!control.id) control.id = `wf-c${nextId++}`;
  return h('div.field', null, h('label', { for: control.id }, label), control);
}

/**
 * One comparison row: field, op and a value picked from the field's list (several for "in") or typed.
 * @param {?Object<string, ?>} condition
 * @param {!Object<string, !Choices>} names
 * @return {!HTMLElement}
 */
function comparisonRow(condition, names) {
  const c = condition || {};
  const customFields = namesOf(names, 'custom-fields').map((name) => `custom_fields.${name}`);
  const fieldNames = [...CONDITION_FIELDS.map(([name]) => name), ...customFields];
  const field = select(fieldNames, c.field || 'title', { class: 'wf-field', 'aria-label': t('wf.field') },
    (name) => (t(`wf.field.${name}`) === `wf.field.${name}` ? name : t(`wf.field.${name}`)));
  const op = select(OPS, c.op || 'eq', { class: 'wf-op', 'aria-label': t('wf.op') }, (name) => t(`wf.op.${name}`));
  const slot = h('span.wf-value-slot');
  /** @type {function(): *} */
  let readValue = () => '';
  let first = true;
  const build = () => {
    const list = (CONDITION_FIELDS.find(([name]) => name === field.value) || ['', ''])[1];
    const stored = first ? c.value : undefined;
    first = false;
    if (list && op.value === 'in') {
      const chosen = new Set((Array.isArray(stored) ? stored : []).map(String));
      const many = /** @type {!HTMLSelectElement} */ (h('select', { class: 'wf-value', multiple: true, size: 4, 'aria-label': t('wf.value') },
        namesOf(names, list).map((v) => h('option', { value: v, selected: chosen.has(v) }, v))));
      readValue = () => Array.from(/** @type {!HTMLCollection<!HTMLOptionElement>} */ (many.selectedOptions)).map((o) => o.value);
      replace(slot, many);
    } else if (list) {
      const one = select(namesOf(names, list), stored, { class: 'wf-value', 'aria-label': t('wf.value') });
      readValue = () => one.value;
      replace(slot, one);
    } else {
      const text = Array.isArray(stored) ? stored.join(', ') : stored;
      const input = /** @type {!HTMLInputElement} */ (h('input', { class: 'wf-value', value: text ?? '', 'aria-label': t('wf.value'),
        placeholder: op.value === 'in' ? t('wf.comma_separated') : '' }));
      readValue = () => (op.value === 'in' ? input.value.split(',').map((s) => s.trim()).filter(Boolean) : input.value);
      replace(slot, input);
    }
  };
  field.addEventListener('change', build);
  op.addEventListener('change', build);
  build();
  const element = h('div.wf-condition', null, field, op, slot,
    h('button', { type: 'button', 'aria-label': t('wf.remove_condition'), onclick: () => element.remove() }, '✕'));
  readers.set(element, () => ({ field: field.value, op: op.value, value: readValue() }));
  return element;
}

/**
 * A group of conditions that must all or any hold; groups nest.
 * @param {?Object<string, ?>} group
 * @param {!Object<string, !Choices>} names
 * @param {boolean} root
 * @return {!HTMLElement}
 */
function conditionGroup(group, names, root) {
  const g = group || {};
  const mode = select(['all', 'any'], g.any ? 'any' : 'all', { class: 'wf-mode', 'aria-label': t('wf.mode') }, (m) => t(`wf.mode.${m}`));
  const items = h('div.wf-items');
  const element = h('div.wf-group', { 'data-root': root ? 'true' : null });
  /** @param {?Object<string, ?>} part */
  const add = (part) => {
    if (part && (part.all || part.any)) items.append(conditionGroup(part, names, false));
    else items.append(comparisonRow(part, names));
  };
  (g.all || g.any || []).forEach(add);
  readers.set(element, () => {
    const parts = Array.from(items.children).map((child) => /** @type {function(): ?} */ (readers.get(child))())
      .filter((part) => part !== null);
    return parts.length ? { [mode.value]: parts } : null;
  });
  replace(element, h('div.wf-group-head', null, mode,
    root ? null : h('button', { type: 'button', 'aria-label': t('wf.remove_group'), onclick: () => element.remove() }, '✕')),
  items,
  h('div.actions', null,
    h('button', { type: 'button', class: 'wf-add-condition', onclick: () => add({}) }, t('wf.add_condition')),
    h('button', { type: 'button', class: 'wf-add-group', onclick: () => add({ all: [{}] }) }, t('wf.add_group'))));
  return element;
}

/**
 * One action: its type, then the fields of that type; an action's other settings (a webhook's headers) are kept.
 * @param {?Object<string, ?>} action
 * @param {!Object<string, !Choices>} names
 * @return {!HTMLElement}
 */
function actionRow(action, names) {
  const a = action || { type: 'set_state' };
  const type = select(ACTIONS, a.type, { class: 'wf-action-type', 'aria-label': t('wf.action_type') }, (v) => t(`wf.action.${v}`));
  const body = h('div.wf-action-body.grid-form');
  const error = h('p.field-error.wf-action-error', { role: 'alert' });
  /** @type {function(): !Object<string, *>} */
  let readBody = () => ({});
  let first = true;
  const build = () => {
    /** @type {!Object<string, ?>} */
    const stored = first ? a : {};
    first = false;
    const kind = type.value;
    /** @type {!Object<string, !HTMLElement>} */
    const controls = {};
    /** @param {string} key @param {!HTMLElement} control */
    const put = (key, control) => { controls[key] = control; return labelled(t(`wf.a.${key}`), control); };
    /** @param {string} key @param {*} value @return {!HTMLInputElement} */
    const text = (key, value) => /** @type {!HTMLInputElement} */ (h('input', { class: `wf-a-${key}`, value: value ?? '' }));
    /** @param {string} key @param {*} value @return {!HTMLElement} */
    const area = (key, value) => h('textarea', { class: `wf-a-${key}`, rows: 3 }, value ?? '');
    /** @type {!Array<!HTMLElement>} */
    let rows;
    if (ACTION_LISTS[kind]) {
      rows = [put('value', select(namesOf(names, ACTION_LISTS[kind]), stored.value, { class: 'wf-a-value' }))];
    } else if (kind === 'add_tag') {
      rows = [put('value', text('value', stored.value))];
    } else if (kind === 'set_custom_field') {
      rows = [put('field', select(namesOf(names, 'custom-fields'), stored.field, { class: 'wf-a-field' })), put('value', text('value', stored.value))];
    } else if (kind === 'add_note') {
      const internal = h('input', { type: 'checkbox', class: 'wf-a-internal', checked: stored['internal'] !== false });
      controls['internal'] = internal;
      rows = [put('subject', text('subject', stored.subject)), put('body', area('body', stored.body)),
        h('div.field', null, h('label', null, internal, ' ', t('wf.a.internal')))];
    } else if (kind === 'webhook') {
      rows = [put('url', h('input', { class: 'wf-a-url', type: 'url', value: stored.url ?? '', placeholder: 'https://example.com/hook' })),
        put('secret', text('secret', stored['secret']))];
    } else {
      const to = Array.isArray(stored.to) ? stored.to.join(', ') : stored.to;
      rows = [put('to', text('to', to)), put('subject', text('subject', stored.subject)), put('body', area('body', stored.body))];
    }
    replace(body, rows);
    readBody = () => {
      /** @type {!Object<string, *>} */
      const out = {};
      for (const key of Object.keys(controls)) {
        const input = /** @type {!HTMLInputElement} */ (controls[key]);
        if (key === 'internal') {
          // internal is the default: said only when it is not, or when the stored action said it
          if (!input.checked || 'internal' in stored) out[key] = input.checked;
        }
        else if (key === 'to') out[key] = input.value.split(',').map((s) => s.trim()).filter(Boolean);
        else if (input.value !== '' || key === 'value') out[key] = input.value;
      }
      return out;
    };
  };
  type.addEventListener('change', build);
  build();
  const element = h('li.wf-action', null,
    h('div.wf-action-head', null, type,
      h('button', { type: 'button', 'aria-label': t('cfg.up'), onclick: () => element.previousElementSibling?.before(element) }, '↑'),
      h('button', { type: 'button', 'aria-label': t('cfg.down'), onclick: () => element.nextElementSibling?.after(element) }, '↓'),
      h('button', { type: 'button', 'aria-label': t('wf.remove_action'), onclick: () => element.remove() }, '✕')),
    body, error);
  readers.set(element, () => {
    // what the form does not show (a webhook's headers) stays as it was
    /** @type {!Object<string, *>} */
    const kept = type.value === a.type ? { ...a } : {};
    for (const key of ['value', 'field', 'subject', 'body', 'internal', 'url', 'secret', 'to']) delete kept[key];
    return { ...kept, ...readBody(), type: type.value };
  });
  return element;
}

/**
 * The trigger: the events it starts on, or its schedule, or by hand.
 * @param {?Object<string, ?>} item
 * @return {{element: !HTMLElement, read: function(): !Object<string, *>}}
 */
function triggerPart(item) {
  const config = (item && item.trigger_config) || {};
  const kind = select(['event', 'time', 'manual'], (item && item.trigger_type) || 'event', { id: 'wf-trigger' }, (v) => t(`wf.trigger.${v}`));
  const chosen = new Set(config.events || ['ticket.created']);
  const events = h('div.choices.wf-events', { role: 'group', 'aria-label': t('wf.events') },
    EVENTS.map((event) => h('label', null, h('input', { type: 'checkbox', id: `wf-event-${event.replace('.', '-')}`, value: event,
      checked: chosen.has(event) }), ' ', t(`wf.event.${event}`))));
  const schedule = /** @type {!HTMLInputElement} */ (h('input', { id: 'wf-schedule', value: config.schedule || '', placeholder: '0 8 * * 1-5' }));
  const zone = /** @type {!HTMLInputElement} */ (h('input', { id: 'wf-timezone', value: config.timezone || '', placeholder: 'Europe/Berlin' }));
  const max = /** @type {!HTMLInputElement} */ (h('input', { id: 'wf-max-tickets', type: 'number', min: 1, value: config.max_tickets ?? '' }));
  const eventPart = h('div.wf-part', null, h('span.label', null, t('wf.events')), events);
  const timePart = h('div.wf-part.grid-form', null,
    h('div.field', null, h('label', { for: 'wf-schedule' }, t('wf.schedule')), schedule, h('p.hint', null, t('wf.schedule_hint'))),
    h('div.field', null, h('label', { for: 'wf-timezone' }, t('wf.timezone')), zone),
    h('div.field', null, h('label', { for: 'wf-max-tickets' }, t('wf.max_tickets')), max));
  const manualPart = h('p.hint.wf-part', null, t('wf.manual_hint'));
  const show = () => {
    eventPart.hidden = kind.value !== 'event';
    timePart.hidden = kind.value !== 'time';
    manualPart.hidden = kind.value !== 'manual';
  };
  kind.addEventListener('change', show);
  show();
  const element = h('fieldset.card.inner', { id: 'wf-trigger-part' }, h('legend', null, t('field.trigger_type')),
    h('div.field', null, h('label', { for: 'wf-trigger' }, t('wf.starts')), kind), eventPart, timePart, manualPart,
    h('p.field-error', { id: 'wf-trigger-error', role: 'alert' }));
  const read = () => {
    /** @type {!Object<string, *>} */
    const out = {};
    if (kind.value === 'event') {
      out['events'] = Array.from(events.querySelectorAll('input:checked')).map((box) => /** @type {!HTMLInputElement} */ (box).value);
    } else if (kind.value === 'time') {
      out['schedule'] = schedule.value.trim();
      if (zone.value.trim()) out['timezone'] = zone.value.trim();
      if (max.value) out['max_tickets'] = Number(max.value);
    }
    return { trigger_type: kind.value, trigger_config: out };
  };
  return { element, read };
}

/**
 * The form of a workflow, or of a new one (null).
 * @param {?Object<string, ?>} item
 * @param {!Object<string, !Choices>} names queues, states, priorities, types, users, custom-fields
 * @param {!Session} session
 * @return {!CustomForm}
 */
export function workflowForm(item, names, session) {
  const base = buildForm('workflows', FIELDS, item, {});
  // a new workflow starts enabled
  if (!item) /** @type {!HTMLInputElement} */ (base.rows[2].querySelector('input')).checked = true;
  const trigger = triggerPart(item);
  const conditions = conditionGroup((item && item.conditions) || {}, names, true);
  conditions.id = 'wf-conditions';
  const actions = h('ol.wf-actions', { id: 'wf-actions' });
  const stored = (item && item.actions) || [{ type: 'set_priority' }];
  stored.forEach((action) => actions.append(actionRow(action, names)));
  const conditionError = h('p.field-error', { id: 'wf-conditions-error', role: 'alert' });
  const actionError = h('p.field-error', { id: 'wf-actions-error', role: 'alert' });
  const form = h('div', null,
    h('div.grid-form', null, base.rows),
    trigger.element,
    h('fieldset.card.inner', null, h('legend', null, t('wf.conditions')), h('p.hint', null, t('wf.conditions_hint')),
      conditions, conditionError),
    h('fieldset.card.inner', null, h('legend', null, t('wf.actions')), actions,
      h('button', { type: 'button', id: 'wf-add-action', onclick: () => actions.append(actionRow(null, names)) }, t('wf.add_action')),
      actionError),
    dryRunPart(session, read, showErrors));

  function read() {
    const body = base.read();
    Object.assign(body, trigger.read());
    body['conditions'] = /** @type {function(): ?} */ (readers.get(conditions))() || {};
    body['actions'] = Array.from(actions.children).map((row) => /** @type {function(): ?} */ (readers.get(row))());
    if (item) {
      // an edit sends what changed, a dry run needs the whole definition
      for (const field of FIELDS) if (!(field.name in body) && item[field.name] !== null) body[field.name] = item[field.name];
    }
    return body;
  }

  /** @param {!Object<string, string>} errors */
  function showErrors(errors) {
    base.showErrors(errors);
    /** @param {string} prefix */
    const about = (prefix) => Object.entries(errors).filter(([field]) => field.startsWith(prefix))
      .map(([field, message]) => `${field}: ${message}`).join('; ');
    /** @type {!HTMLElement} */ (document.getElementById('wf-trigger-error')).textContent = about('trigger');
    conditionError.textContent = about('conditions');
    actionError.textContent = Object.keys(errors).some((f) => /^actions\[\d+\]/.test(f)) ? '' : about('actions');
    Array.from(actions.children).forEach((row, i) => {
      /** @type {!HTMLElement} */ (row.querySelector('.wf-action-error')).textContent = about(`actions[${i}]`);
    });
  }

  return { form, read, showErrors };
}
