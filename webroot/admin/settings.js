// Runtime settings: what an administrator changes while the server runs. A value the configuration file or the
// environment sets wins and is shown locked; a stored one can be put back to the configured value.
import { h, replace, toast, when } from '../app/dom.js';
import { language, t } from '../app/i18n.js';
import { Session } from '../app/api.js';

/**
 * One setting as GET /api/v1/settings lists it.
 * @typedef {{key: string, kind: string, value: *, configured_value: *, source: string, locked: boolean,
 *   changed_by: ?string, change_time: ?string}}
 */
let Setting;

/**
 * @param {!HTMLElement} root
 * @param {!Session} session
 */
export async function settingsPage(root, session) {
  const title = h('h1', { id: 'view-title' }, t('admin.settings'));
  replace(root, title, h('p.muted.lead', null, t('settings.lead')));
  try {
    const answer = await session.get('/api/v1/settings');
    // the administrator may have gone to another page meanwhile
    if (!title.isConnected) return;
    show(root, session, /** @type {!Array<!Setting>} */ (answer.items));
  } catch (failure) {
    root.append(h('p.form-error', { role: 'alert' }, t('error.generic', { detail: failure.message })));
  }
}

/**
 * The field's id for a setting's key (dots are awkward in selectors).
 * @param {string} key
 * @return {string}
 */
const idOf = (key) => `setting-${key.replace(/\./g, '-')}`;

/**
 * Where the value comes from, in a sentence.
 * @param {!Setting} setting
 * @return {string}
 */
function source(setting) {
  const configured = setting.kind === 'boolean' ? t(setting.configured_value ? 'settings.yes' : 'settings.no')
    : setting.kind === 'media_types' ? listed(setting.configured_value) : String(setting.configured_value);
  if (setting.locked) return t('settings.locked');
  if (setting.source === 'database') {
    return t('settings.changed', { who: setting.changed_by || '–', when: when(setting.change_time, language()), configured });
  }
  return t('settings.default');
}

/**
 * A list setting as the administrator reads and writes it: one entry after another, separated by commas.
 * @param {*} value
 * @return {string}
 */
const listed = (value) => (Array.isArray(value) ? value.join(', ') : '');

/**
 * What the administrator typed into a list setting's field: its entries, blanks dropped.
 * @param {string} text
 * @return {!Array<string>}
 */
const entries = (text) => text.split(/[\s,]+/).filter((entry) => entry !== '');

/**
 * @param {!HTMLElement} root
 * @param {!Session} session
 * @param {!Array<!Setting>} settings
 */
function show(root, session, settings) {
  /** @type {!Map<string, !HTMLInputElement>} */
  const inputs = new Map();
  /** @type {!Map<string, !HTMLTextAreaElement>} the list settings, one entry after another */
  const lists = new Map();
  /** @param {!Object<string, *>} body */
  const send = async (body) => {
    error.textContent = '';
    form.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
    try {
      const updated = await session.patch('/api/v1/settings', body);
      toast(t('admin.saved'));
      replace(root, h('h1', { id: 'view-title' }, t('admin.settings')), h('p.muted.lead', null, t('settings.lead')));
      show(root, session, /** @type {!Array<!Setting>} */ (updated.items));
    } catch (failure) {
      const fields = failure.fields ? failure.fields() : {};
      for (const [key, message] of Object.entries(fields)) {
        const target = document.getElementById(`${idOf(key)}-error`);
        if (target) target.textContent = message.charAt(0).toUpperCase() + message.slice(1);
      }
      error.textContent = Object.keys(fields).length ? t('settings.not_saved') : t('error.generic', { detail: failure.message });
    }
  };
  const rows = settings.map((setting) => {
    const id = idOf(setting.key);
    const boolean = setting.kind === 'boolean';
    const described = `${id}-hint ${id}-source ${id}-error`;
    /** @type {!HTMLElement} */
    let input;
    if (setting.kind === 'media_types') {
      const area = /** @type {!HTMLTextAreaElement} */ (h('textarea', {
        id, name: setting.key, rows: 4, disabled: setting.locked, 'aria-describedby': described,
      }));
      area.value = listed(setting.value);
      lists.set(setting.key, area);
      input = area;
    } else {
      const field = /** @type {!HTMLInputElement} */ (h('input', {
        id, name: setting.key, type: boolean ? 'checkbox' : 'number', disabled: setting.locked, 'aria-describedby': described,
      }));
      if (boolean) field.checked = Boolean(setting.value);
      else field.value = String(setting.value);
      inputs.set(setting.key, field);
      input = field;
    }
    const label = t(`setting.${setting.key}`);
    return h('div.field.setting', { 'data-key': setting.key },
      boolean ? h('label', null, input, ' ', label) : h('label', { for: id }, label),
      boolean ? null : input,
      h('p.hint', { id: `${id}-hint` }, t(`setting.${setting.key}.hint`)),
      h('p.hint', { id: `${id}-source`, class: setting.locked ? 'hint locked' : 'hint' }, source(setting), ' ',
        setting.source === 'database' ? h('button.link', { type: 'button', id: `${id}-reset`,
          onclick: () => send({ [setting.key]: null }) }, t('settings.reset')) : null),
      h('p.field-error', { id: `${id}-error`, role: 'alert' }));
  });
  const error = h('p.form-error', { role: 'alert' });
  const form = h('form.card', { id: 'settings-form', 'aria-labelledby': 'view-title' }, rows, error,
    h('div.actions', null, h('button.primary', { type: 'submit', id: 'settings-save' }, t('action.save'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    /** @type {!Object<string, *>} */
    const body = {};
    for (const setting of settings) {
      const area = lists.get(setting.key);
      if (area) {
        const wanted = entries(area.value);
        if (!area.disabled && wanted.join(',') !== (/** @type {!Array<string>} */ (setting.value)).join(',')) {
          body[setting.key] = wanted;
        }
        continue;
      }
      const input = /** @type {!HTMLInputElement} */ (inputs.get(setting.key));
      if (input.disabled) continue;
      const wanted = setting.kind === 'boolean' ? input.checked : input.value === '' ? setting.value : Number(input.value);
      if (wanted !== setting.value) body[setting.key] = wanted;
    }
    if (Object.keys(body).length === 0) {
      toast(t('admin.saved'));
      return;
    }
    send(body);
  });
  root.append(form);
}
