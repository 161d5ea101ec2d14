// "Save as view": a name, the columns the view shows and, for agents with admin rights, the roles it is shared to.
import { h, toast } from './dom.js';
import { t } from './i18n.js';
import { ConsoleContext } from './context.js';
import { COLUMNS } from './columns.js';
import { SavedView } from './types.js';

/** The event the list sends when it saves or deletes a view. */
export const VIEWS_CHANGED = 'gotrs:views-changed';

/**
 * @param {string} id
 * @param {string} label
 * @param {boolean} checked
 * @return {!HTMLElement}
 */
function checkbox(id, label, checked) {
  return h('label.check', { for: id }, h('input', { type: 'checkbox', id, checked }), ' ', label);
}

/**
 * The button and the form it opens; the list's filters and sort are read when the form is sent.
 * @param {!ConsoleContext} ctx
 * @param {function(): {filters: !Object<string, *>, sort: string}} current
 * @return {!HTMLElement}
 */
export function saveViewForm(ctx, current) {
  const name = /** @type {!HTMLInputElement} */ (h('input', { id: 'view-name', maxlength: 200, required: true,
    'aria-label': t('views.name'), placeholder: t('views.name') }));
  const columns = h('fieldset.view-columns', null, h('legend', null, t('views.columns')),
    COLUMNS.map((key) => checkbox(`view-col-${key}`, t(`list.col.${key}`), true)));
  const roles = h('fieldset.view-roles', { hidden: true }, h('legend', null, t('views.share')));
  const form = h('form.save-view', { id: 'save-view-form', hidden: true }, name, columns, roles,
    h('button.primary', { type: 'submit', id: 'save-view-submit' }, t('views.save')));
  /** @type {!Array<number>} */
  let roleIds = [];
  if (ctx.me && ctx.me.admin) {
    ctx.session.get('/api/v1/roles?limit=200').then((page) => {
      const items = /** @type {!Array<{id: number, name: string}>} */ (page.items);
      roleIds = items.map((role) => role.id);
      roles.append(...items.map((role) => checkbox(`view-role-${role.id}`, role.name, false)));
      roles.hidden = !items.length;
    }).catch(() => {});
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    /**
     * @param {string} id
     * @return {boolean}
     */
    const checked = (id) => {
      const box = /** @type {?HTMLInputElement} */ (form.querySelector(`#${id}`));
      return Boolean(box && box.checked);
    };
    const chosen = COLUMNS.filter((key) => checked(`view-col-${key}`));
    const { filters, sort } = current();
    /** @type {!Object<string, *>} */
    const body = { name: name.value.trim(), filters, sort, columns: chosen.length === COLUMNS.length ? [] : chosen };
    const shared = roleIds.filter((id) => checked(`view-role-${id}`));
    if (shared.length) body.role_ids = shared;
    try {
      const saved = /** @type {!SavedView} */ (await ctx.session.post('/api/v1/views', body));
      form.hidden = true;
      name.value = '';
      document.dispatchEvent(new CustomEvent(VIEWS_CHANGED));
      toast(t('views.saved', { name: saved.name }), 'success');
    } catch (error) {
      toast(t('error.generic', { detail: error.message }), 'error');
    }
  });
  const toggle = h('button', { type: 'button', id: 'save-view', 'aria-expanded': 'false', onclick: () => {
    form.hidden = !form.hidden;
    toggle.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) name.focus();
  } }, t('views.save_as'));
  return h('span.save-view-tools', null, toggle, form);
}
