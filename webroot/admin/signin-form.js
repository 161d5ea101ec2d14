// The form of one LDAP directory or OpenID Connect provider kept in the database: every field of its auth.ldap /
// auth.oidc entry, secrets only as "set" (left empty to keep), saved, removed, and tested before it is saved.
import { h, replace } from '../app/dom.js';
import { t } from '../app/i18n.js';
import { ApiError, Session } from '../app/api.js';

/**
 * One control: text, secret (a password kept when left empty), bool, number, audience (agents/customers),
 * choice (of options), map (lines "name = value") or words (separated by spaces).
 * @typedef {{name: string, type: string, options: (!Array<string>|undefined), required: (boolean|undefined)}}
 */
let Control;

/** @type {!Object<string, !Array<!Control>>} */
const CONTROLS = {
  ldap: [
    { name: 'for', type: 'audience' },
    { name: 'url', type: 'text', required: true },
    { name: 'start_tls', type: 'bool' },
    { name: 'trust_store', type: 'text' },
    { name: 'trust_store_password', type: 'secret' },
    { name: 'bind_dn', type: 'text' },
    { name: 'bind_password', type: 'secret' },
    { name: 'base_dn', type: 'text', required: true },
    { name: 'user_filter', type: 'text' },
    { name: 'disabled_filter', type: 'text' },
    { name: 'attributes', type: 'map' },
    { name: 'group_base_dn', type: 'text' },
    { name: 'group_member_attribute', type: 'choice', options: ['member', 'uniqueMember', 'memberUid'] },
    { name: 'group_roles', type: 'map' },
    { name: 'timeout_millis', type: 'number' },
  ],
  oidc: [
    { name: 'label', type: 'text' },
    { name: 'for', type: 'audience' },
    { name: 'issuer', type: 'text', required: true },
    { name: 'client_id', type: 'text', required: true },
    { name: 'client_secret', type: 'secret' },
    { name: 'scopes', type: 'words' },
    { name: 'login_claim', type: 'text' },
    { name: 'company_claim', type: 'text' },
    { name: 'auto_provision', type: 'bool' },
    { name: 'default_role', type: 'text' },
    { name: 'role_claim', type: 'text' },
    { name: 'roles', type: 'map' },
    { name: 'mfa_satisfies_totp', type: 'bool' },
  ],
};

/**
 * @param {!Session} session
 * @param {string} kind ldap or oidc
 * @param {?Object<string, *>} backend the stored backend; null for a new one
 * @param {function()} done called after a save or removal, to show the page anew
 * @return {!HTMLElement}
 */
export function backendForm(session, kind, backend, done) {
  const prefix = `signin-${kind}-${backend ? String(backend['name']) : 'new'}`;
  const name = /** @type {!HTMLInputElement} */ (h('input', { id: `${prefix}-name`, required: true,
    pattern: '[a-z0-9][a-z0-9_\\-]{0,59}', value: backend ? String(backend['name']) : '', disabled: Boolean(backend) }));
  /** @type {!Map<string, !{control: !Control, input: !HTMLElement, clear: ?HTMLInputElement}>} */
  const inputs = new Map();
  const rows = [row(prefix, 'name', t('signin.field.name'), name, t('signin.hint.name'))];
  for (const control of CONTROLS[kind]) {
    const value = backend ? backend[control.name] : undefined;
    const input = inputFor(`${prefix}-${control.name}`, control, value, backend);
    const clear = control.type === 'secret' && backend && backend[`${control.name}_set`]
      ? /** @type {!HTMLInputElement} */ (h('input', { type: 'checkbox', id: `${prefix}-${control.name}-clear` }))
      : null;
    inputs.set(control.name, { control, input, clear });
    const hintKey = `signin.hint.${control.name}`;
    const hint = t(hintKey) === hintKey ? null : t(hintKey);
    rows.push(row(prefix, control.name, t(`signin.field.${control.name}`), input, hint,
      clear ? h('label.clear-secret', null, clear, ' ', t('signin.clear_secret')) : null));
  }
  const status = h('p.form-status', { id: `${prefix}-status`, role: 'status' });

  /** @return {!Object<string, *>} the entry as the API takes it */
  function read() {
    /** @type {!Object<string, *>} */
    const body = {};
    for (const { control, input, clear } of inputs.values()) {
      const field = control.name;
      const element = /** @type {!HTMLInputElement} */ (input);
      const raw = element.value === undefined ? '' : String(element.value).trim();
      switch (control.type) {
        case 'bool': body[field] = element.checked; break;
        case 'number': if (raw) body[field] = Number(raw); break;
        case 'secret':
          if (clear && clear.checked) body[field] = '';
          else if (element.value) body[field] = element.value;
          break;
        case 'map': if (raw) body[field] = parseMap(field, raw); break;
        case 'words': if (raw) body[field] = raw.split(/\s+/); break;
        default: if (raw) body[field] = raw;
      }
    }
    return body;
  }

  /** @param {!Object<string, string>} errors */
  function showErrors(errors) {
    rows.forEach((el) => el.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; }));
    for (const [field, message] of Object.entries(errors)) {
      const target = document.getElementById(`${prefix}-${field || 'name'}-error`);
      if (target) target.textContent = message;
    }
  }

  /**
   * Runs an action, showing a 422's messages beside their fields and anything else under the form.
   * @param {function(): !Promise<void>} action
   */
  async function attempt(action) {
    replace(status);
    try {
      showErrors({});
      await action();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 422 && (failure.problem.errors || []).length) {
        showErrors(failure.fields());
        replace(status, h('span.form-error', null, t('admin.not_saved')));
      } else {
        replace(status, h('span.form-error', null, t('error.generic', { detail: failure.message })));
      }
    }
  }

  const path = () => `/api/v1/admin/sign-in/${kind}/${encodeURIComponent(name.value.trim() || 'new')}`;
  const form = h('form.signin-form', { id: `${prefix}-form`, novalidate: true }, h('div.grid-form', null, rows),
    h('div.actions', null,
      h('button', { type: 'submit', id: `${prefix}-save` }, t('action.save')),
      h('button', { type: 'button', id: `${prefix}-cancel`, onclick: () => done() }, t('action.cancel')),
      backend ? h('button.danger', { type: 'button', id: `${prefix}-delete`, onclick: () => attempt(async () => {
        if (!window.confirm(t('admin.confirm_delete', { name: String(backend['name']) }))) return;
        await session.del(path());
        done();
      }) }, t('admin.delete')) : null),
    status);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(async () => {
      if (!name.value.trim()) {
        showErrors({ name: t('signin.name_required') });
        return;
      }
      await session.put(path(), read());
      done();
    });
  });
  return h('div', null, form, kind === 'ldap' ? loginTest(session, prefix, path, read, attempt)
    : discoveryTest(session, prefix, path, read, attempt));
}

/**
 * @param {string} prefix
 * @param {string} field
 * @param {string} label
 * @param {!HTMLElement} input
 * @param {?string} hint
 * @param {?Element=} extra
 * @return {!HTMLElement}
 */
function row(prefix, field, label, input, hint, extra) {
  if (/** @type {!HTMLInputElement} */ (input).type === 'checkbox') {
    return h('div.field', null, h('label', null, input, ' ', label),
      h('p.field-error', { id: `${prefix}-${field}-error`, role: 'alert' }));
  }
  return h('div.field', { class: input.tagName === 'TEXTAREA' ? 'field wide' : 'field' },
    h('label', { for: input.id }, label), input, extra, hint ? h('p.hint', null, hint) : null,
    h('p.field-error', { id: `${prefix}-${field}-error`, role: 'alert' }));
}

/**
 * @param {string} id
 * @param {!Control} control
 * @param {*} value
 * @param {?Object<string, *>} backend
 * @return {!HTMLElement}
 */
function inputFor(id, control, value, backend) {
  switch (control.type) {
    case 'bool': return h('input', { id, type: 'checkbox', checked: Boolean(value) });
    case 'number': return h('input', { id, type: 'number', min: 100, max: 60000, value: value ?? '' });
    case 'secret':
      return h('input', { id, type: 'password', autocomplete: 'new-password',
        placeholder: backend && backend[`${control.name}_set`] ? t('signin.secret_set') : '' });
    case 'audience': {
      const select = /** @type {!HTMLSelectElement} */ (h('select', { id },
        ['agents', 'customers'].map((audience) => h('option', { value: audience }, t(`signin.for.${audience}`)))));
      select.value = String(value || 'agents');
      return select;
    }
    case 'choice': {
      const select = /** @type {!HTMLSelectElement} */ (h('select', { id }, h('option', { value: '' }, '–'),
        (control.options || []).map((option) => h('option', { value: option }, option))));
      select.value = String(value || '');
      return select;
    }
    case 'map':
      return h('textarea', { id, rows: 3, spellcheck: 'false', placeholder: t(`signin.placeholder.${control.name}`) },
        value && typeof value === 'object' ? Object.entries(/** @type {!Object<string, *>} */ (value))
          .map(([k, v]) => `${k} = ${v}`).join('\n') : '');
    case 'words':
      return h('input', { id, value: Array.isArray(value) ? value.join(' ') : '', placeholder: 'openid email profile' });
    default:
      return h('input', { id, value: value ?? '', spellcheck: 'false' });
  }
}

/**
 * Lines "name = value" as an object.
 * @param {string} field
 * @param {string} text
 * @return {!Object<string, string>}
 */
function parseMap(field, text) {
  /** @type {!Object<string, string>} */
  const out = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const at = line.indexOf('=');
    if (at < 1) throw new ApiError(422, { errors: [{ field, message: t('signin.bad_map_line', { line }) }] });
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

/**
 * The test login of a directory form: the form as it is now, saved or not.
 * @param {!Session} session
 * @param {string} prefix
 * @param {function(): string} path
 * @param {function(): !Object<string, *>} read
 * @param {function(function(): !Promise<void>): !Promise<void>} attempt
 * @return {!Element}
 */
function loginTest(session, prefix, path, read, attempt) {
  const login = /** @type {!HTMLInputElement} */ (h('input', { id: `${prefix}-test-login`, autocomplete: 'off' }));
  const password = /** @type {!HTMLInputElement} */ (h('input', { id: `${prefix}-test-password`, type: 'password',
    autocomplete: 'off' }));
  const result = h('div.signin-result', { id: `${prefix}-result`, 'aria-live': 'polite' });
  const button = h('button', { type: 'button', id: `${prefix}-test` }, t('signin.test_login'));
  button.addEventListener('click', () => attempt(async () => {
    replace(result, h('p.muted', null, t('signin.testing')));
    /** @type {!Object<string, *>} */
    const body = { login: login.value.trim(), settings: read() };
    if (password.value) body['password'] = password.value;
    try {
      showPreview(result, /** @type {!Object<string, *>} */ (await session.post(`${path()}/test`, body)));
    } catch (failure) {
      replace(result);
      throw failure;
    }
  }));
  return h('div.signin-test', null, h('h3', null, t('signin.test_heading')),
    h('div.field', null, h('label', { for: login.id }, t('login.login')), login),
    h('div.field', null, h('label', { for: password.id }, t('signin.password_optional')), password),
    h('div.actions', null, button), result);
}

/**
 * What a directory's answer would sync, or why it would not.
 * @param {!Element} result
 * @param {!Object<string, *>} preview
 */
export function showPreview(result, preview) {
  replace(result, preview['found']
    ? h('div', null,
      h('p', null, preview['disabled'] ? t('signin.found_disabled') : preview['password_accepted'] === false
        ? t('signin.found_wrong_password') : t('signin.found')),
      settingsList(preview, ['dn', 'fields', 'groups', 'roles']))
    : h('p', null, t('signin.not_found')));
}

/**
 * The discovery test of a provider form, saved or not.
 * @param {!Session} session
 * @param {string} prefix
 * @param {function(): string} path
 * @param {function(): !Object<string, *>} read
 * @param {function(function(): !Promise<void>): !Promise<void>} attempt
 * @return {!Element}
 */
function discoveryTest(session, prefix, path, read, attempt) {
  const result = h('div.signin-result', { id: `${prefix}-result`, 'aria-live': 'polite' });
  const button = h('button', { type: 'button', id: `${prefix}-test` }, t('signin.test_discovery'));
  button.addEventListener('click', () => attempt(async () => {
    replace(result, h('p.muted', null, t('signin.testing')));
    try {
      showDiscovery(result, /** @type {!Object<string, *>} */ (
        await session.post(`${path()}/test`, { settings: read() })));
    } catch (failure) {
      replace(result);
      throw failure;
    }
  }));
  return h('div.signin-test', null, h('div.actions', null, button), result);
}

/**
 * @param {!Element} result
 * @param {!Object<string, *>} found
 */
export function showDiscovery(result, found) {
  replace(result, settingsList(found, ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri',
    'end_session_endpoint', 'redirect_uri']));
}

/**
 * Settings as a definition list; objects (attribute and role maps) as "key → value" lines.
 * @param {!Object<string, *>} backend
 * @param {!Array<string>} keys
 * @return {!Element}
 */
export function settingsList(backend, keys) {
  return h('dl.changes', null, keys.filter((key) => backend[key] !== undefined && backend[key] !== null
    && backend[key] !== '').map((key) => [h('dt', null, key), h('dd', null, shown(backend[key]))]));
}

/**
 * @param {*} value
 * @return {string}
 */
function shown(value) {
  if (Array.isArray(value)) return value.join(', ');
  if (value && typeof value === 'object') {
    return Object.entries(/** @type {!Object<string, *>} */ (value)).map(([k, v]) => `${k} → ${v}`).join('; ') || '—';
  }
  return String(value);
}
