// Permission keys per group (for a user or a role) and a user's roles.
import { h, toast } from '../app/dom.js';
import { t } from '../app/i18n.js';
import { PERMISSION_KEYS } from './resources.js';
import { Session } from '../app/api.js';

/** @typedef {{group_id: number, permissions: (?Array<string>|undefined)}} */
let GroupGrant;

/** @typedef {{role_id: number}} */
let RoleGrant;

/**
 * A table: one row per group, one checkbox per permission key; each row saves on its own.
 * @param {!Session} session
 * @param {string} path the grants of a user or a role
 * @param {!Array<!Array<?>>} groups [[id, name], ...]
 * @return {!Promise<!HTMLElement>}
 */
export async function groupPermissions(session, path, groups) {
  /** @type {!Map<number, !Array<string>>} */
  const current = new Map();
  try {
    (await session.get(path)).items.forEach((/** !GroupGrant */ grant) => current.set(grant.group_id, grant.permissions || []));
  } catch (error) {
    toast(t('error.generic', { detail: error.message }), 'error');
  }
  const rows = groups.map(([groupId, name]) => {
    const boxes = PERMISSION_KEYS.map((key) => /** @type {!HTMLInputElement} */ (h('input', {
      type: 'checkbox', id: `perm-${groupId}-${key}`, checked: (current.get(groupId) || []).includes(key),
      'aria-label': t('admin.permission_on', { key, group: name }),
    })));
    const save = h('button', { type: 'button', id: `perm-save-${groupId}` }, t('action.save'));
    save.addEventListener('click', async () => {
      const permissions = PERMISSION_KEYS.filter((key, i) => boxes[i].checked);
      try {
        await session.put(`${path}/${groupId}`, { permissions });
        toast(t('admin.saved'));
      } catch (error) {
        toast(t('error.generic', { detail: error.message }), 'error');
      }
    });
    return h('tr', null, h('th', { scope: 'row' }, name), boxes.map((box) => h('td', null, box)), h('td', null, save));
  });
  return h('section', { 'aria-labelledby': 'perm-heading' },
    h('h3', { id: 'perm-heading' }, t('admin.group_permissions')),
    h('div.table-wrap', null, h('table.data.keys-table', null,
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('admin.group')),
        PERMISSION_KEYS.map((key) => h('th', { scope: 'col' }, key)), h('th', { scope: 'col' }, h('span.sr-only', null, t('admin.actions'))))),
      h('tbody', null, rows))));
}

/**
 * One checkbox per role; ticking adds the role at once, unticking removes it.
 * @param {!Session} session
 * @param {string} userId
 * @param {!Array<!Array<?>>} roles [[id, name], ...]
 * @return {!Promise<!HTMLElement>}
 */
export async function userRoles(session, userId, roles) {
  /** @type {!Set<number>} */
  let held = new Set();
  try {
    held = new Set((await session.get(`/api/v1/users/${userId}/roles`)).items.map((/** !RoleGrant */ role) => role.role_id));
  } catch (error) {
    toast(t('error.generic', { detail: error.message }), 'error');
  }
  const items = roles.map(([roleId, name]) => {
    const box = /** @type {!HTMLInputElement} */ (h('input', { type: 'checkbox', id: `role-${roleId}`, checked: held.has(roleId) }));
    box.addEventListener('change', async () => {
      try {
        if (box.checked) await session.put(`/api/v1/users/${userId}/roles/${roleId}`, {});
        else await session.del(`/api/v1/users/${userId}/roles/${roleId}`);
        toast(t('admin.saved'));
      } catch (error) {
        box.checked = !box.checked;
        toast(t('error.generic', { detail: error.message }), 'error');
      }
    });
    return h('li', null, h('label', null, box, ' ', name));
  });
  return h('section', { 'aria-labelledby': 'roles-heading' },
    h('h3', { id: 'roles-heading' }, t('admin.roles')),
    items.length ? h('ul.nav-list', null, items) : h('p.muted', null, t('admin.no_roles')));
}
