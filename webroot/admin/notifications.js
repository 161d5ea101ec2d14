// The administrators' notification defaults: per event, in the app and by e-mail for agents who did not choose,
// and whether agents may switch it off; and the texts of the notification mails per event and language, with a test.
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
 * One mail text (GET/PATCH /api/v1/settings/notification-texts).
 * @typedef {{event: string, language: string, subject: string, body: string}}
 */
let NotificationText;

/**
 * GET /api/v1/settings/notification-texts.
 * @typedef {{languages: !Array<string>, texts: !Array<!NotificationText>}}
 */
let NotificationTexts;

/**
 * POST /api/v1/settings/notification-texts/test: sent_to null when the administrator has no address.
 * @typedef {{sent_to: ?string, subject: string, body: string}}
 */
let NotificationTest;

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
  const texts = /** @type {!NotificationTexts} */ (await session.get('/api/v1/settings/notification-texts'));
  replace(root, h('h1', null, t('admin.notifications')), form, textsForm(session, texts));
}

/**
 * The mail texts: choose an event and a language, edit subject and body, save, or send the saved text as a test.
 * @param {!Session} session
 * @param {!NotificationTexts} all
 * @return {!HTMLElement}
 */
function textsForm(session, all) {
  /** @type {!Object<string, !NotificationText>} */
  const byKey = {};
  all.texts.forEach((text) => { byKey[`${text.event} ${text.language}`] = text; });
  const eventSelect = /** @type {!HTMLSelectElement} */ (h('select', { id: 'text-event' },
    EVENTS.map((event) => h('option', { value: event }, t(`notifications.event.${event}`))),
    ['customer.answer', 'customer.closed', 'customer.pending_reminder'].map((event) =>
      h('option', { value: event }, t(`notifications.event.${event}`)))));
  const languageSelect = /** @type {!HTMLSelectElement} */ (h('select', { id: 'text-language' },
    all.languages.map((language) => h('option', { value: language }, t(`notifications.language.${language}`)))));
  const subject = /** @type {!HTMLInputElement} */ (h('input', { id: 'text-subject', type: 'text', maxlength: 200 }));
  const body = /** @type {!HTMLTextAreaElement} */ (h('textarea', { id: 'text-body', rows: 10, spellcheck: 'false' }));
  const ticket = /** @type {!HTMLInputElement} */ (h('input', { id: 'text-ticket', type: 'number', min: 1 }));
  const status = h('p.muted', { role: 'status', id: 'texts-status' });
  const preview = h('pre.text-preview', { id: 'text-preview', hidden: true });
  const show = () => {
    const text = byKey[`${eventSelect.value} ${languageSelect.value}`];
    subject.value = text ? text.subject : '';
    body.value = text ? text.body : '';
    status.textContent = '';
    preview.hidden = true;
  };
  eventSelect.addEventListener('change', show);
  languageSelect.addEventListener('change', show);
  show();
  const test = h('button', { type: 'button', id: 'text-test' }, t('notifications.send_test'));
  test.addEventListener('click', async () => {
    try {
      const result = /** @type {!NotificationTest} */ (await session.post('/api/v1/settings/notification-texts/test',
        { event: eventSelect.value, language: languageSelect.value, ticket_id: Number(ticket.value) }));
      status.textContent = result.sent_to ? t('notifications.test_sent', { to: result.sent_to })
        : t('notifications.test_no_address');
      preview.textContent = `${result.subject}\n\n${result.body}`;
      preview.hidden = false;
    } catch (failure) {
      status.textContent = t('error.generic', { detail: failure.message });
    }
  });
  const form = h('form.card', { id: 'notification-texts' },
    h('h2', null, t('notifications.texts')),
    h('p', null, t('notifications.texts_intro')),
    h('div.field', null, h('label', { for: 'text-event' }, t('notifications.event')), eventSelect),
    h('div.field', null, h('label', { for: 'text-language' }, t('notifications.language')), languageSelect),
    h('div.field', null, h('label', { for: 'text-subject' }, t('notifications.subject')), subject),
    h('div.field', null, h('label', { for: 'text-body' }, t('notifications.body')), body),
    h('button.primary', { type: 'submit', id: 'text-save' }, t('action.save')),
    h('div.field', null, h('label', { for: 'text-ticket' }, t('notifications.test_ticket')), ticket),
    test, status, preview);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const saved = /** @type {!NotificationText} */ (await session.patch('/api/v1/settings/notification-texts',
        { event: eventSelect.value, language: languageSelect.value, subject: subject.value, body: body.value }));
      byKey[`${saved.event} ${saved.language}`] = saved;
      status.textContent = t('notifications.saved');
    } catch (failure) {
      status.textContent = t('error.generic', { detail: failure.message });
    }
  });
  return form;
}
