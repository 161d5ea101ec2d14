// Sign-in backends: the LDAP directories and OpenID Connect providers as configured, with a test for each.
import { h, replace } from '../app/dom.js';
import { t } from '../app/i18n.js';
import { Session } from '../app/api.js';

/**
 * A backend as GET /api/v1/admin/sign-in shows it: its settings, secrets only as set or not.
 * @typedef {!Object<string, *>}
 */
let Backend;

/**
 * @param {!HTMLElement} root
 * @param {!Session} session
 */
export async function signInPage(root, session) {
  replace(root, h('h1', { id: 'view-title' }, t('admin.signin')), h('p.muted', null, t('signin.lead')));
  try {
    const backends = /** @type {{ldap: !Array<!Backend>, oidc: !Array<!Backend>}} */ (
      await session.get('/api/v1/admin/sign-in'));
    if (!backends.ldap.length && !backends.oidc.length) {
      root.append(h('p.card', { id: 'signin-none' }, t('signin.none')));
      return;
    }
    backends.ldap.forEach((directory) => root.append(directoryCard(session, directory)));
    backends.oidc.forEach((provider) => root.append(providerCard(session, provider)));
  } catch (failure) {
    root.append(h('p.form-error', { role: 'alert' }, t('error.generic', { detail: failure.message })));
  }
}

/**
 * The settings as a definition list; objects (attribute and role maps) as "key → value" lines.
 * @param {!Backend} backend
 * @param {!Array<string>} keys
 * @return {!Element}
 */
function settings(backend, keys) {
  return h('dl.changes', null, keys.filter((key) => backend[key] !== undefined && backend[key] !== null && backend[key] !== '')
    .map((key) => [h('dt', null, key), h('dd', null, shown(backend[key]))]));
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

/**
 * @param {!Session} session
 * @param {!Backend} directory
 * @return {!Element}
 */
function directoryCard(session, directory) {
  const name = String(directory['name']);
  const login = /** @type {!HTMLInputElement} */ (h('input', { id: `signin-ldap-${name}-login`, required: true, autocomplete: 'off' }));
  const password = /** @type {!HTMLInputElement} */ (h('input', { id: `signin-ldap-${name}-password`, type: 'password', autocomplete: 'off' }));
  const result = h('div.signin-result', { id: `signin-ldap-${name}-result`, 'aria-live': 'polite' });
  const form = h('form.signin-test', null,
    h('div.field', null, h('label', { for: login.id }, t('login.login')), login),
    h('div.field', null, h('label', { for: password.id }, t('signin.password_optional')), password),
    h('div.actions', null, h('button', { type: 'submit', id: `signin-ldap-${name}-test` }, t('signin.test_login'))),
    result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(result, h('p.muted', null, t('signin.testing')));
    try {
      const body = { login: login.value.trim() };
      if (password.value) body.password = password.value;
      const preview = /** @type {!Object<string, *>} */ (await session.post(`/api/v1/admin/sign-in/ldap/${encodeURIComponent(name)}/test`, body));
      replace(result, preview['found']
        ? h('div', null,
          h('p', null, preview['disabled'] ? t('signin.found_disabled') : preview['password_accepted'] === false
            ? t('signin.found_wrong_password') : t('signin.found')),
          settings(preview, ['dn', 'fields', 'groups', 'roles']))
        : h('p', null, t('signin.not_found')));
    } catch (failure) {
      replace(result, h('p.form-error', { role: 'alert' }, t('error.generic', { detail: failure.message })));
    }
  });
  return h('section.card.signin-backend', { id: `signin-ldap-${name}`, 'aria-labelledby': `signin-ldap-${name}-title` },
    h('h2', { id: `signin-ldap-${name}-title` }, t('signin.directory', { name })),
    h('p.hint', null, t('signin.locked')),
    settings(directory, ['for', 'url', 'start_tls', 'trust_store', 'bind_dn', 'bind_password_set', 'base_dn',
      'user_filter', 'disabled_filter', 'attributes', 'group_base_dn', 'group_member_attribute', 'group_roles',
      'timeout_millis']),
    form);
}

/**
 * @param {!Session} session
 * @param {!Backend} provider
 * @return {!Element}
 */
function providerCard(session, provider) {
  const name = String(provider['name']);
  const result = h('div.signin-result', { id: `signin-oidc-${name}-result`, 'aria-live': 'polite' });
  const button = h('button', { type: 'button', id: `signin-oidc-${name}-test` }, t('signin.test_discovery'));
  button.addEventListener('click', async () => {
    replace(result, h('p.muted', null, t('signin.testing')));
    try {
      const found = /** @type {!Object<string, *>} */ (await session.post(`/api/v1/admin/sign-in/oidc/${encodeURIComponent(name)}/test`));
      replace(result, settings(found, ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri',
        'end_session_endpoint', 'redirect_uri']));
    } catch (failure) {
      replace(result, h('p.form-error', { role: 'alert' }, t('error.generic', { detail: failure.message })));
    }
  });
  return h('section.card.signin-backend', { id: `signin-oidc-${name}`, 'aria-labelledby': `signin-oidc-${name}-title` },
    h('h2', { id: `signin-oidc-${name}-title` }, t('signin.provider', { name: String(provider['label'] || name) })),
    h('p.hint', null, t('signin.locked')),
    settings(provider, ['for', 'issuer', 'client_id', 'client_secret_set', 'scopes', 'login_claim', 'auto_provision',
      'default_role', 'role_claim', 'roles', 'mfa_satisfies_totp']),
    h('div.actions', null, button), result);
}
