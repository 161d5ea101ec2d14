// API keys: the administrator creates their own (the key is shown once) and sees and revokes every agent's.
import { h, replace, toast, when } from '../app/dom.js';
import { t, language } from '../app/i18n.js';
import { Session } from '../app/api.js';

/**
 * An API key as GET /api/v1/api-keys lists it (never its secret).
 * @typedef {{id: number, name: string, permissions: (?Array<string>|undefined), expires_at: ?string, last_used: ?string,
 *   owner: (string|undefined)}}
 */
let ApiKey;

/**
 * @param {!HTMLElement} root
 * @param {!Session} session
 */
export function apiKeysPage(root, session) {
  const rows = h('tbody', { id: 'key-rows' });
  const name = /** @type {!HTMLInputElement} */ (h('input', { id: 'key-name', required: true }));
  const expires = /** @type {!HTMLInputElement} */ (h('input', { id: 'key-expires', type: 'datetime-local' }));
  const readOnly = /** @type {!HTMLInputElement} */ (h('input', { id: 'key-readonly', type: 'checkbox' }));
  const shown = h('div', { id: 'key-shown', role: 'status', 'aria-live': 'polite' });
  const error = h('p.form-error', { role: 'alert' });
  const form = h('form.card', { id: 'key-form', 'aria-labelledby': 'key-form-heading' },
    h('h2', { id: 'key-form-heading' }, t('apikey.create')),
    h('div.grid-form', null,
      h('div.field', null, h('label', { for: 'key-name' }, t('field.name')), name),
      h('div.field', null, h('label', { for: 'key-expires' }, t('field.expires_at')), expires),
      h('div.field', null, h('label', null, readOnly, ' ', t('apikey.read_only')))),
    error, h('button.primary', { type: 'submit', id: 'key-create' }, t('apikey.create')), shown);

  async function load() {
    try {
      const answer = await session.get('/api/v1/api-keys?all=true');
      replace(rows, ...answer.items.map((/** !ApiKey */ key) => h('tr', { 'data-key': key.name },
        h('td', { 'data-label': t('apikey.owner') }, key.owner || ''),
        h('td', null, key.name),
        h('td', null, (key.permissions || []).join(', ') || t('apikey.full')),
        h('td', null, key.expires_at ? when(key.expires_at, language()) : '–'),
        h('td', null, key.last_used ? when(key.last_used, language()) : '–'),
        h('td', null, h('button.danger', { type: 'button', 'aria-label': `${t('apikey.revoke')}: ${key.owner || ''} ${key.name}`,
          onclick: () => revoke(key) }, t('apikey.revoke'))))));
    } catch (failure) {
      toast(t('error.generic', { detail: failure.message }), 'error');
    }
  }

  /** @param {!ApiKey} key */
  async function revoke(key) {
    if (!window.confirm(t('apikey.confirm_revoke_of', { name: key.name, owner: key.owner || '' }))) return;
    try {
      await session.del(`/api/v1/api-keys/${key.id}`);
      load();
    } catch (failure) {
      toast(t('error.generic', { detail: failure.message }), 'error');
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    /** @type {!Object<string, *>} */
    const body = { name: name.value.trim() };
    if (expires.value) body.expires_at = new Date(expires.value).toISOString().replace(/\.\d+Z$/, 'Z');
    if (readOnly.checked) body.permissions = ['read'];
    try {
      const created = await session.post('/api/v1/api-keys', body);
      replace(shown, h('p', null, t('apikey.shown_once')), h('p.secret', { id: 'key-secret' }, created.key));
      name.value = '';
      load();
    } catch (failure) {
      error.textContent = t('error.generic', { detail: failure.message });
    }
  });

  replace(root, h('h1', { id: 'view-title' }, t('admin.api-keys')), form,
    h('h2', { id: 'all-keys-heading' }, t('apikey.all')),
    h('div.table-wrap', null, h('table.data', { id: 'all-keys', 'aria-labelledby': 'all-keys-heading' },
      h('thead', null, h('tr', null, ['apikey.owner', 'field.name', 'field.permissions', 'field.expires_at', 'field.last_used']
        .map((key) => h('th', { scope: 'col' }, t(key))), h('th', { scope: 'col' }, h('span.sr-only', null, t('admin.actions'))))),
      rows)));
  load();
}
