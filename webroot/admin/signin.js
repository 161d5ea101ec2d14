// Sign-in backends: the LDAP directories and OpenID Connect providers in force. Those of the configuration file are
// shown locked with their test buttons; those kept in the database are added, edited, tested and removed here.
import { h, replace } from '../app/dom.js';
import { t } from '../app/i18n.js';
import { Session } from '../app/api.js';
import { backendForm, settingsList, showDiscovery, showPreview } from './signin-form.js';

/**
 * A backend as GET /api/v1/admin/sign-in shows it: its settings, secrets only as set or not, locked or not.
 * @typedef {!Object<string, *>}
 */
let Backend;

/** @type {!Object<string, !Array<string>>} */
const SHOWN = {
  ldap: ['for', 'url', 'start_tls', 'trust_store', 'trust_store_password_set', 'bind_dn', 'bind_password_set',
    'base_dn', 'user_filter', 'disabled_filter', 'attributes', 'group_base_dn', 'group_member_attribute',
    'group_roles', 'timeout_millis'],
  oidc: ['for', 'issuer', 'client_id', 'client_secret_set', 'scopes', 'login_claim', 'company_claim',
    'auto_provision', 'default_role', 'role_claim', 'roles', 'mfa_satisfies_totp'],
};

/**
 * @param {!HTMLElement} root
 * @param {!Session} session
 */
export async function signInPage(root, session) {
  const reload = () => signInPage(root, session);
  const added = h('div', { id: 'signin-added' });
  replace(root, h('h1', { id: 'view-title' }, t('admin.signin')), h('p.muted', null, t('signin.lead')),
    h('div.actions', null,
      h('button', { type: 'button', id: 'signin-add-ldap', onclick: () => add(session, added, 'ldap', reload) },
        t('signin.add_directory')),
      h('button', { type: 'button', id: 'signin-add-oidc', onclick: () => add(session, added, 'oidc', reload) },
        t('signin.add_provider'))),
    added);
  try {
    const backends = /** @type {{ldap: !Array<!Backend>, oidc: !Array<!Backend>}} */ (
      await session.get('/api/v1/admin/sign-in'));
    if (!root.contains(added)) return;
    if (!backends.ldap.length && !backends.oidc.length) {
      root.append(h('p.card', { id: 'signin-none' }, t('signin.none')));
      return;
    }
    for (const kind of ['ldap', 'oidc']) {
      for (const backend of kind === 'ldap' ? backends.ldap : backends.oidc) {
        root.append(backend['locked'] ? lockedCard(session, kind, backend) : storedCard(session, kind, backend, reload));
      }
    }
  } catch (failure) {
    root.append(h('p.form-error', { role: 'alert' }, t('error.generic', { detail: failure.message })));
  }
}

/**
 * A new backend's form, above the list; one of each kind at a time.
 * @param {!Session} session
 * @param {!Element} into
 * @param {string} kind
 * @param {function()} reload
 */
function add(session, into, kind, reload) {
  const id = `signin-${kind}-new`;
  if (document.getElementById(id)) return;
  const card = h('section.card.signin-backend', { id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, t(kind === 'ldap' ? 'signin.new_directory' : 'signin.new_provider')),
    backendForm(session, kind, null, reload));
  into.prepend(card);
  card.querySelector('input')?.focus();
}

/**
 * @param {string} kind
 * @param {!Backend} backend
 * @return {string}
 */
function title(kind, backend) {
  const name = String(backend['name']);
  return kind === 'ldap' ? t('signin.directory', { name }) : t('signin.provider', { name: String(backend['label'] || name) });
}

/**
 * A backend kept in the database: its settings and an edit button that opens its form.
 * @param {!Session} session
 * @param {string} kind
 * @param {!Backend} backend
 * @param {function()} reload
 * @return {!Element}
 */
function storedCard(session, kind, backend, reload) {
  const id = `signin-${kind}-${String(backend['name'])}`;
  const body = h('div', null, h('p.hint', null, t('signin.stored', { who: String(backend['changed_by'] || '–'),
    when: backend['change_time'] ? new Date(String(backend['change_time'])).toLocaleString() : '–' })),
  settingsList(backend, SHOWN[kind]),
  h('div.actions', null, h('button', { type: 'button', id: `${id}-edit`,
    onclick: () => replace(body, backendForm(session, kind, backend, reload)) }, t('admin.edit'))));
  return h('section.card.signin-backend', { id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title(kind, backend)), body);
}

/**
 * A backend of the configuration file: its settings and its test, which uses them as saved.
 * @param {!Session} session
 * @param {string} kind
 * @param {!Backend} backend
 * @return {!Element}
 */
function lockedCard(session, kind, backend) {
  const name = String(backend['name']);
  const id = `signin-${kind}-${name}`;
  const path = `/api/v1/admin/sign-in/${kind}/${encodeURIComponent(name)}/test`;
  const result = h('div.signin-result', { id: `${id}-result`, 'aria-live': 'polite' });
  /** @param {function(): !Promise<void>} action */
  const run = async (action) => {
    replace(result, h('p.muted', null, t('signin.testing')));
    try {
      await action();
    } catch (failure) {
      replace(result, h('p.form-error', { role: 'alert' }, t('error.generic', { detail: failure.message })));
    }
  };
  let test;
  if (kind === 'ldap') {
    const login = /** @type {!HTMLInputElement} */ (h('input', { id: `${id}-login`, required: true, autocomplete: 'off' }));
    const password = /** @type {!HTMLInputElement} */ (h('input', { id: `${id}-password`, type: 'password', autocomplete: 'off' }));
    test = h('form.signin-test', null,
      h('div.field', null, h('label', { for: login.id }, t('login.login')), login),
      h('div.field', null, h('label', { for: password.id }, t('signin.password_optional')), password),
      h('div.actions', null, h('button', { type: 'submit', id: `${id}-test` }, t('signin.test_login'))),
      result);
    test.addEventListener('submit', (event) => {
      event.preventDefault();
      run(async () => {
        /** @type {!Object<string, *>} */
        const body = { login: login.value.trim() };
        if (password.value) body['password'] = password.value;
        showPreview(result, /** @type {!Object<string, *>} */ (await session.post(path, body)));
      });
    });
  } else {
    test = h('div', null, h('div.actions', null, h('button', { type: 'button', id: `${id}-test`,
      onclick: () => run(async () => showDiscovery(result, /** @type {!Object<string, *>} */ (
        await session.post(path)))) }, t('signin.test_discovery'))), result);
  }
  return h('section.card.signin-backend', { id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title(kind, backend)),
    h('p.hint', null, t('signin.locked')),
    settingsList(backend, SHOWN[kind]), test);
}
