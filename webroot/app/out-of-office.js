// Out of office: an agent's days away and who stands in (the OTRS preferences OutOfOfficeStart/End and GOTRS's
// OutOfOfficeSubstitute). Automatic assignment passes an agent by on those days; their name says so wherever agents
// are chosen.
import { h } from './dom.js';
import { t } from './i18n.js';
import { ConsoleContext } from './context.js';
import { Agent } from './types.js';

/**
 * "out of office until 2026-12-10 (substitute: anna)".
 * @param {{start: string, end: string, substitute: ?string}} away
 * @return {string}
 */
export function awayText(away) {
  return away.substitute ? t('away.until_substitute', { end: away.end, substitute: away.substitute })
    : t('away.until', { end: away.end });
}

/**
 * @param {string} id
 * @param {string} type
 * @param {string|undefined} value
 * @return {!HTMLInputElement}
 */
function input(id, type, value) {
  return /** @type {!HTMLInputElement} */ (h('input', { id, type, value: value || '' }));
}

/**
 * A select of the agents who work the queues this agent reads (the other agents of those queues), by login, the
 * stored substitute kept even if no longer among them.
 * @param {!ConsoleContext} ctx
 * @param {string|undefined} stored the substitute's login
 * @return {!Promise<!HTMLSelectElement>}
 */
async function substituteSelect(ctx, stored) {
  const pages = await Promise.all(ctx.lookups.queues.map((queue) =>
    ctx.session.get(`/api/v1/queues/${queue.id}/agents`).catch(() => ({ items: [] }))));
  /** @type {!Map<string, !Agent>} */
  const agents = new Map();
  for (const page of pages) {
    for (const agent of /** @type {!Array<!Agent>} */ (page.items)) {
      if (agent.id !== ctx.me?.id) agents.set(agent.login, agent);
    }
  }
  if (stored && !agents.has(stored)) agents.set(stored, { id: '', login: stored });
  const sorted = [...agents.values()].sort((a, b) => a.login.localeCompare(b.login));
  const el = /** @type {!HTMLSelectElement} */ (h('select', { id: 'away-substitute' },
    h('option', { value: '' }, t('away.no_substitute')),
    ...sorted.map((agent) => {
      const name = [agent.first_name, agent.last_name].filter(Boolean).join(' ');
      return h('option', { value: agent.login }, name ? `${name} (${agent.login})` : agent.login);
    })));
  el.value = stored || '';
  return el;
}

/**
 * The form on the agent's settings page, filled with what they set.
 * @param {!ConsoleContext} ctx
 * @return {!Promise<!HTMLElement>}
 */
export async function outOfOfficeForm(ctx) {
  /** @type {!Object<string, string>} */
  let stored = {};
  try {
    stored = /** @type {!Object<string, string>} */ (await ctx.session.get('/api/v1/users/me/preferences'));
  } catch {
    stored = {};
  }
  const start = input('away-start', 'date', stored.OutOfOfficeStart);
  const end = input('away-end', 'date', stored.OutOfOfficeEnd);
  const substitute = await substituteSelect(ctx, stored.OutOfOfficeSubstitute);
  const status = h('p.muted', { role: 'status', id: 'away-status' });
  const form = h('form.away-settings', { id: 'away-settings', 'aria-labelledby': 'away-heading' },
    h('h2', { id: 'away-heading' }, t('away.heading')),
    h('p.hint', null, t('away.hint')),
    h('div.away-fields', null,
      h('div.field', null, h('label', { for: 'away-start' }, t('away.start')), start),
      h('div.field', null, h('label', { for: 'away-end' }, t('away.end')), end),
      h('div.field', null, h('label', { for: 'away-substitute' }, t('away.substitute')), substitute)),
    status,
    h('button.primary', { type: 'submit', id: 'away-save' }, t('action.save')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (Boolean(start.value) !== Boolean(end.value) || (start.value && end.value < start.value)) {
      status.textContent = t('away.invalid');
      return;
    }
    try {
      await ctx.session.put('/api/v1/users/me/preferences', {
        OutOfOfficeStart: start.value || null,
        OutOfOfficeEnd: end.value || null,
        OutOfOfficeSubstitute: substitute.value || null,
      });
      status.textContent = t('away.saved');
    } catch (failure) {
      status.textContent = t('error.generic', { detail: failure.message });
    }
  });
  return form;
}
