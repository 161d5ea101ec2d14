// The ticket's changeable fields: state, priority, queue, type, owner, pending time, tags and custom fields.
import { h, toast } from './dom.js';
import { t } from './i18n.js';
import { ConsoleContext } from './context.js';
import { CustomFieldDefinition, Ticket } from './types.js';

/**
 * A <select> of items; label(item) names an option, item.name unless given.
 * @param {string} id
 * @param {!Array<?>} items
 * @param {*} value the item id chosen, if any
 * @param {function(?): string=} label
 * @return {!HTMLSelectElement}
 */
function select(id, items, value, label = (item) => item.name) {
  const el = /** @type {!HTMLSelectElement} */ (h('select', { id, name: id }, items.map((item) => h('option', { value: item.id }, label(item)))));
  if (value !== null && value !== undefined) el.value = String(value);
  return el;
}

/**
 * @param {string} id
 * @param {string} label
 * @param {!Element} input
 * @return {!HTMLElement}
 */
function field(id, label, input) {
  return h('div.field', null, h('label', { for: id }, label), input, h('p.field-error', { id: `${id}-error`, role: 'alert' }));
}

/**
 * An input for one custom field definition; read() gives the JSON value, null when empty.
 * @param {!CustomFieldDefinition} definition
 * @param {*} value
 * @return {{id: string, input: !HTMLElement, read: function(): *, name: string}}
 */
function customInput(definition, value) {
  const id = `cf-${definition.field_name}`;
  const options = (definition.field_config && definition.field_config.options) || [];
  let input;
  let read;
  switch (definition.field_type) {
    case 'number':
      input = h('input', { id, type: 'number', step: 'any', value: value ?? '' });
      read = () => (input.value === '' ? null : Number(input.value));
      break;
    case 'date':
      input = h('input', { id, type: 'date', value: value ?? '' });
      read = () => input.value || null;
      break;
    case 'select':
      input = h('select', { id }, h('option', { value: '' }, '–'), options.map((o) => h('option', { value: o }, o)));
      input.value = value ?? '';
      read = () => input.value || null;
      break;
    case 'multiselect':
      input = h('select', { id, multiple: true }, options.map((o) => h('option', { value: o, selected: (value || []).includes(o) }, o)));
      read = () => Array.from(input.selectedOptions).map((o) => o.value);
      break;
    default:
      input = h('input', { id, type: 'text', value: value ?? '' });
      read = () => input.value || null;
  }
  return { id, input, read, name: definition.field_name };
}

/**
 * The value of a datetime-local input for a moment.
 * @param {?number|undefined} epochSeconds
 * @return {string}
 */
function toLocalInput(epochSeconds) {
  if (!epochSeconds) return '';
  const date = new Date(epochSeconds * 1000);
  const offset = date.getTimezoneOffset() * 60000;
  return new Date(date.getTime() - offset).toISOString().slice(0, 16);
}

/**
 * @param {!ConsoleContext} ctx
 * @param {!Ticket} ticket
 * @param {function(!Ticket)} onSaved gets the ticket as the server has it after the change
 * @return {!HTMLElement}
 */
export function propertiesForm(ctx, ticket, onSaved) {
  const { states, priorities, queues, types, customFields, agents } = ctx.lookups;
  const state = select('prop-state', states, ticket.state_id);
  const priority = select('prop-priority', priorities, ticket.priority_id);
  const queue = select('prop-queue', queues, ticket.queue_id);
  const type = select('prop-type', types, ticket.type_id);
  const pending = /** @type {!HTMLInputElement} */ (h('input', { id: 'prop-pending', type: 'datetime-local', value: toLocalInput(ticket.until_time) }));
  const pendingField = field('prop-pending', t('ticket.pending_until'), pending);
  const isPending = () => (states.find((s) => String(s.id) === state.value) || {}).type_name === 'pending';
  pendingField.hidden = !isPending();
  state.addEventListener('change', () => { pendingField.hidden = !isPending(); });
  const tags = /** @type {!HTMLInputElement} */ (h('input', { id: 'prop-tags', value: (ticket.tags || []).join(', '), 'aria-describedby': 'prop-tags-hint' }));
  let owner;
  if (agents) {
    owner = select('prop-owner', [{ id: '', login: '–' }, ...agents], ticket.user_id || '', (u) => u.login);
  } else {
    owner = h('div.owner', { id: 'prop-owner' }, h('span', null, ticket.owner || '–'), ' ',
      h('button', { type: 'button', id: 'take-ticket', onclick: () => save({ user_id: ctx.me.id }) }, t('ticket.take')));
  }
  const customs = (customFields || []).map((definition) => customInput(definition, (ticket.custom_fields || {})[definition.field_name]));
  const error = h('p.form-error', { role: 'alert' });

  /** @param {!Object<string, *>} changes the fields to PATCH */
  async function save(changes) {
    error.textContent = '';
    form.querySelectorAll('.field-error').forEach((el) => { el.textContent = ''; });
    if (!Object.keys(changes).length) {
      toast(t('ticket.nothing_changed'));
      return;
    }
    try {
      const updated = /** @type {!Ticket} */ (await ctx.session.patch(`/api/v1/tickets/${ticket.id}`, changes));
      toast(t('ticket.saved'));
      onSaved(updated);
    } catch (failure) {
      const fields = failure.fields ? failure.fields() : {};
      for (const [name, message] of Object.entries(fields)) {
        const target = form.querySelector(`#prop-${name.replace(/_id$/, '').replace('user', 'owner')}-error`)
          || form.querySelector(`#cf-${name.replace('custom_fields.', '')}`)?.nextElementSibling;
        if (target) target.textContent = message;
      }
      error.textContent = t('error.generic', { detail: failure.message });
    }
  }

  const form = h('form.properties', { id: 'properties', 'aria-labelledby': 'properties-heading' },
    h('h2', { id: 'properties-heading' }, t('ticket.properties')),
    field('prop-state', t('ticket.state'), state),
    pendingField,
    field('prop-priority', t('ticket.priority'), priority),
    field('prop-queue', t('ticket.queue'), queue),
    field('prop-type', t('ticket.type'), type),
    field('prop-owner', t('ticket.owner'), owner),
    h('div.field', null, h('label', { for: 'prop-tags' }, t('ticket.tags')), tags,
      h('p.hint', { id: 'prop-tags-hint' }, t('ticket.tags_hint')), h('p.field-error', { id: 'prop-tags-error', role: 'alert' })),
    customs.length ? h('fieldset', null, h('legend', null, t('ticket.custom_fields')),
      customs.map((c) => field(c.id, c.name, c.input))) : null,
    error,
    h('button.primary', { type: 'submit', id: 'save-properties' }, t('action.save')));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    /** @type {!Object<string, *>} */
    const changes = {};
    if (state.value !== String(ticket.state_id)) changes.state_id = Number(state.value);
    if (isPending() && pending.value) {
      const until = new Date(pending.value).toISOString().replace(/\.\d+Z$/, 'Z');
      if (Math.floor(new Date(pending.value).getTime() / 1000) !== ticket.until_time) changes.until_time = until;
    }
    if (priority.value !== String(ticket.priority_id)) changes.priority_id = Number(priority.value);
    if (queue.value !== String(ticket.queue_id)) changes.queue_id = Number(queue.value);
    if (type.value !== String(ticket.type_id)) changes.type_id = Number(type.value);
    if (agents && owner.value !== (ticket.user_id || '')) changes.user_id = owner.value || null;
    const newTags = tags.value.split(',').map((s) => s.trim()).filter(Boolean);
    if (newTags.join('\u0000') !== (ticket.tags || []).join('\u0000')) changes.tags = newTags;
    /** @type {!Object<string, *>} */
    const custom = {};
    for (const c of customs) {
      const value = c.read();
      const before = (ticket.custom_fields || {})[c.name] ?? null;
      if (JSON.stringify(value) !== JSON.stringify(before) && !(Array.isArray(value) && !value.length && before === null)) {
        custom[c.name] = value;
      }
    }
    if (Object.keys(custom).length) changes.custom_fields = custom;
    save(changes);
  });
  return form;
}
