// The ticket's changeable fields: state, priority, queue, type, owner, responsible, pending time, tags and custom fields.
import { h, toast } from './dom.js';
import { t } from './i18n.js';
import { ConsoleContext } from './context.js';
import { awayText } from './out-of-office.js';
import { Agent, CustomFieldDefinition, Ticket } from './types.js';

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

/** The form field a PATCH member's error belongs to, where their names differ. */
const FIELD_OF = { user_id: 'owner', responsible_user_id: 'responsible' };

/**
 * How an agent is named in a select: "First Last (login)", or the login alone.
 * @param {!Agent} agent
 * @return {string}
 */
function agentName(agent) {
  const name = [agent.first_name, agent.last_name].filter(Boolean).join(' ');
  const named = name ? `${name} (${agent.login})` : agent.login;
  return agent.out_of_office ? `${named} – ${awayText(agent.out_of_office)}` : named;
}

/**
 * A select of agents holding, until fillAgents gives it the choice, only the current one (or none), disabled.
 * @param {string} id
 * @param {?string|undefined} current the agent's id
 * @param {?string|undefined} label how the current agent is named
 * @return {!HTMLSelectElement}
 */
function agentSelect(id, current, label) {
  const el = select(id, [{ id: '', login: '–' }, ...(current ? [{ id: current, login: label || '…' }] : [])], current || '',
    (u) => u.login);
  el.disabled = true;
  return el;
}

/**
 * Offers the agents who may own tickets in the queue; an assigned agent who no longer may stays listed.
 * @param {!HTMLSelectElement} el
 * @param {!Array<!Agent>} agents
 * @param {?string|undefined} current
 */
function fillAgents(el, agents, current) {
  const kept = current && !agents.some((a) => a.id === current) ? Array.from(el.options).filter((o) => o.value === current) : [];
  el.replaceChildren(h('option', { value: '' }, '–'), ...kept, ...agents.map((a) => h('option', { value: a.id }, agentName(a))));
  el.value = current || '';
  el.disabled = false;
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
  const { states, priorities, queues, moveQueues, types, customFields } = ctx.lookups;
  const state = select('prop-state', states, ticket.state_id);
  const priority = select('prop-priority', priorities, ticket.priority_id);
  // The move select offers every queue the agent may move into, and the one the ticket is in.
  const targets = (moveQueues || queues).some((q) => q.id === ticket.queue_id) ? (moveQueues || queues)
    : [{ id: ticket.queue_id, name: ticket.queue }, ...(moveQueues || queues)];
  const queue = select('prop-queue', targets, ticket.queue_id);
  const type = select('prop-type', types, ticket.type_id);
  const pending = /** @type {!HTMLInputElement} */ (h('input', { id: 'prop-pending', type: 'datetime-local', value: toLocalInput(ticket.until_time) }));
  const pendingField = field('prop-pending', t('ticket.pending_until'), pending);
  const isPending = () => (states.find((s) => String(s.id) === state.value) || {}).type_name === 'pending';
  pendingField.hidden = !isPending();
  state.addEventListener('change', () => { pendingField.hidden = !isPending(); });
  const tags = /** @type {!HTMLInputElement} */ (h('input', { id: 'prop-tags', value: (ticket.tags || []).join(', '), 'aria-describedby': 'prop-tags-hint' }));
  // Owner and responsible: the agents who may own tickets in the queue, loaded after the form shows; until then (or
  // for an agent who may not assign here) the selects hold the current values only and stay disabled.
  const owner = agentSelect('prop-owner', ticket.user_id, ticket.owner);
  const responsible = agentSelect('prop-responsible', ticket.responsible_user_id, null);
  const take = ticket.user_id === (ctx.me && ctx.me.id) ? null
    : h('button', { type: 'button', id: 'take-ticket', onclick: () => save({ user_id: ctx.me.id }) }, t('ticket.take'));
  // OTRS's lock: the owner keeps the ticket against others until they unlock it or the queue's unlock timeout runs out.
  const locked = ticket.ticket_lock_id === 2;
  const lock = h('button', { type: 'button', id: locked ? 'unlock-ticket' : 'lock-ticket',
    onclick: () => save({ ticket_lock_id: locked ? 1 : 2 }) }, t(locked ? 'ticket.unlock' : 'ticket.lock'));
  ctx.session.get(`/api/v1/queues/${ticket.queue_id}/agents`).then((page) => {
    const agents = /** @type {!Array<!Agent>} */ (page.items);
    fillAgents(owner, agents, ticket.user_id);
    fillAgents(responsible, agents, ticket.responsible_user_id);
  }).catch(() => {});
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
        const target = form.querySelector(`#prop-${FIELD_OF[name] || name.replace(/_id$/, '')}-error`)
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
    h('div.owner-actions', null, take, locked ? h('span.lock-state', { id: 'lock-state' }, t('ticket.locked')) : null, lock),
    field('prop-responsible', t('ticket.responsible'), responsible),
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
    if (!owner.disabled && owner.value !== (ticket.user_id || '')) changes.user_id = owner.value || null;
    if (!responsible.disabled && responsible.value !== (ticket.responsible_user_id || '')) {
      changes.responsible_user_id = responsible.value || null;
    }
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
