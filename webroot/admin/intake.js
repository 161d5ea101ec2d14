// Intake: which queue each channel's tickets go to when the customer names none (portal, chat widget, API).
import { h, replace, toast } from '../app/dom.js';
import { t } from '../app/i18n.js';
import { Session } from '../app/api.js';
import { IntakeChannel, IntakeSettings, Lookup } from '../app/types.js';

/**
 * @param {!HTMLElement} root
 * @param {!Session} session
 */
export async function intakePage(root, session) {
  const title = h('h1', { id: 'view-title' }, t('admin.intake'));
  replace(root, title, h('p.muted', null, t('intake.lead')));
  try {
    const [settings, queues] = /** @type {!Array<?>} */ (await Promise.all([
      session.get('/api/v1/settings/intake'),
      session.get('/api/v1/queues'),
    ]));
    const valid = /** @type {!Array<!Lookup>} */ (queues.items).filter((queue) => queue['valid_id'] === 1);
    // the administrator may have gone to another page meanwhile
    if (!title.isConnected) return;
    show(root, session, /** @type {!IntakeSettings} */ (settings), valid);
  } catch (failure) {
    root.append(h('p.form-error', { role: 'alert' }, t('error.generic', { detail: failure.message })));
  }
}

/**
 * @param {!HTMLElement} root
 * @param {!Session} session
 * @param {!IntakeSettings} settings
 * @param {!Array<!Lookup>} queues the valid queues
 */
function show(root, session, settings, queues) {
  /** @type {!Map<string, !HTMLSelectElement>} */
  const selects = new Map();
  const rows = settings.channels.map((channel) => {
    const field = `${channel.channel}_queue_id`;
    const select = /** @type {!HTMLSelectElement} */ (h('select', {
      id: `intake-${channel.channel}`, name: field, disabled: Boolean(channel.locked_by),
      'aria-describedby': `intake-${channel.channel}-state intake-${channel.channel}-error`,
    },
    h('option', { value: '' }, t('intake.default_rule')),
    queues.map((queue) => h('option', { value: String(queue.id) }, queue.name))));
    select.value = channel.chosen && channel.queue_id !== null ? String(channel.queue_id) : '';
    selects.set(field, select);
    return h('div.field.intake-channel', null,
      h('label', { for: select.id }, t(`intake.channel.${channel.channel}`)),
      h('p.hint', null, t(`intake.channel.${channel.channel}.hint`)),
      select,
      h('p.hint', { id: `intake-${channel.channel}-state` }, state(channel)),
      channel.warning ? h('p.warning', { id: `intake-${channel.channel}-warning`, role: 'alert' },
        t('intake.unworked', { reason: channel.warning })) : null,
      h('p.field-error', { id: `intake-${channel.channel}-error`, role: 'alert' }));
  });
  const error = h('p.form-error', { role: 'alert' });
  const form = h('form.card', { id: 'intake-form', 'aria-labelledby': 'view-title' }, rows, error,
    h('div.actions', null, h('button.primary', { type: 'submit', id: 'intake-save' }, t('action.save'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    form.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
    /** @type {!Object<string, ?number>} */
    const body = {};
    for (const field of selects.keys()) {
      const select = /** @type {!HTMLSelectElement} */ (selects.get(field));
      if (select.disabled) continue;
      const wanted = select.value === '' ? null : Number(select.value);
      const channel = settings.channels.find((c) => `${c.channel}_queue_id` === field);
      const current = channel && channel.chosen ? channel.queue_id : null;
      if (wanted !== current) body[field] = wanted;
    }
    if (Object.keys(body).length === 0) {
      toast(t('admin.saved'));
      return;
    }
    try {
      const updated = /** @type {!IntakeSettings} */ (await session.patch('/api/v1/settings/intake', body));
      toast(t('admin.saved'));
      replace(root, h('h1', { id: 'view-title' }, t('admin.intake')), h('p.muted', null, t('intake.lead')));
      show(root, session, updated, queues);
    } catch (failure) {
      const fields = failure.fields ? failure.fields() : {};
      for (const [field, message] of Object.entries(fields)) {
        const target = document.getElementById(`intake-${field.replace(/_queue_id$/, '')}-error`);
        if (target) target.textContent = message.charAt(0).toUpperCase() + message.slice(1);
      }
      error.textContent = Object.keys(fields).length ? t('admin.not_saved') : t('error.generic', { detail: failure.message });
    }
  });
  root.append(form);
}

/**
 * Where the channel's tickets go now and why, in a sentence.
 * @param {!IntakeChannel} channel
 * @return {string}
 */
function state(channel) {
  const queue = channel.queue || '–';
  if (channel.locked_by) return t('intake.locked', { queue, key: channel.locked_by });
  const where = t(channel.chosen ? 'intake.goes_to' : 'intake.goes_to_default', { queue });
  return `${where} ${t('intake.agents', { count: String(channel.agents) })}`;
}
