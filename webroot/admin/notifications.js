// The administrators' notification defaults: per event, in the app and by e-mail for agents who did not choose,
// and whether agents may switch it off.
import { h, replace } from '../app/dom.js';
import { t } from '../app/i18n.js';
import { Session } from '../app/api.js';

const EVENTS = ['ticket.new', 'ticket.follow_up', 'ticket.owner', 'ticket.responsible', 'ticket.moved',
  'ticket.lock_timeout', 'ticket.escalation', 'ticket.pending_reminder', 'mention', 'watched'];
const METHODS = ['in_app', 'email', 'mandatory'];

/**
 * GET/PATCH /api/v1/settings/notifications.
 * @typedef {{events: !Object<string, !Object<string, boolean>>}}
 */
let NotificationDefaults;

/**
 * @param {!HTMLElement} root
 * @param {!Session} session
 */
export async function notificationDefaultsPage(root, session) {
  const current = /** @type {!NotificationDefaults} */ (await session.get('/api/v1/settings/notifications'));
  /** @type {!Object<string, !Object<string, !HTMLInputElement>>} */
  const boxes = {};
  const rows = EVENTS.map((event) => {
    const key = event.replace(/\./g, '-');
    const values = current.events[event] || { in_app: true, email: true, mandatory: false };
    boxes[event] = {};
    return h('tr', null, h('th', { scope: 'row' }, t(`notifications.event.${event}`)), METHODS.map((method) => {
      const id = `default-${key}-${method}`;
      const box = /** @type {!HTMLInputElement} */ (h('input', { type: 'checkbox', id, checked: values[method] }));
      boxes[event][method] = box;
      return h('td', null, h('label.sr-only', { for: id }, t(`notifications.${method}`)), box);
    }));
  });
  const status = h('p.muted', { role: 'status', id: 'defaults-status' });
  const form = h('form.card', { id: 'notification-defaults' },
    h('p', null, t('notifications.defaults_intro')),
    h('table.pref-table', null,
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('notifications.event')),
        METHODS.map((method) => h('th', { scope: 'col' }, t(`notifications.${method}`))))),
      h('tbody', null, rows)),
    status,
    h('button.primary', { type: 'submit', id: 'defaults-save' }, t('action.save')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    /** @type {!Object<string, !Object<string, boolean>>} */
    const events = {};
    EVENTS.forEach((name) => {
      events[name] = {};
      METHODS.forEach((method) => { events[name][method] = boxes[name][method].checked; });
    });
    try {
      await session.patch('/api/v1/settings/notifications', { events });
      status.textContent = t('notifications.saved');
    } catch (failure) {
      status.textContent = t('error.generic', { detail: failure.message });
    }
  });
  replace(root, h('h1', null, t('admin.notifications')), form);
}
