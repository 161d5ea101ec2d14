// One admin list with its editor: rows from the resource's REST path, names instead of ids, a form per item.
import { Session, query } from '../app/api.js';
import { $, h, replace, toast } from '../app/dom.js';
import { language, t } from '../app/i18n.js';
import { Choices, Field, RESOURCES, Resource, RowAction } from './resources.js';
import { buildForm, optionLabel } from './form.js';
import { groupPermissions, userRoles } from './memberships.js';
import { slaForm } from './sla.js';
import { autoResponseForm, filterForm } from './mail.js';
import { workflowForm } from './workflow.js';
import { userSessions } from './sessions.js';
import { Page } from '../app/types.js';

/** OTRS's valid_id 1, 2, 3 by name. */
const VALIDITY = ['', 'valid', 'invalid', 'invalid-temporarily'];

/** @type {!Map<string, !Choices>} */
const refCache = new Map();

/**
 * What an item is called in selects, cells and headings: its name or login, an address with its display name.
 * @param {!Object<string, ?>} item
 * @param {string=} idField
 * @return {string}
 */
function nameOf(item, idField = 'id') {
  if (item.name || item.login) return String(item.name || item.login);
  if (item.email) return item.display_name ? `${item.display_name} <${item.email}>` : String(item.email);
  return String(item.field_name || item[idField]);
}

/**
 * [[id, name], ...] of other lists, by their key, for selects; cached until something is saved.
 * @param {!Session} session
 * @param {!Array<string>} keys
 * @return {!Promise<!Object<string, !Choices>>}
 */
export async function refs(session, keys) {
  /** @type {!Object<string, !Choices>} */
  const out = {};
  await Promise.all(keys.map(async (key) => {
    if (!refCache.has(key)) {
      const resource = /** @type {!Resource} */ (RESOURCES.find((r) => r.key === key));
      const answer = await session.get(`${resource.path}${resource.paged ? '?limit=500' : ''}`).catch(() => ({ items: [] }));
      const idField = resource.idField || 'id';
      refCache.set(key, answer.items.map((item) => [item[idField], nameOf(item, idField)]));
    }
    out[key] = refCache.get(key);
  }));
  return out;
}

/**
 * A value as a table cell shows it: ids of other lists by their names, choices and validity by their labels.
 * @param {*} value
 * @param {?Field} field the column's field, if the form has one
 * @param {!Object<string, !Choices>} names the choices of ref fields, by list
 * @return {string}
 */
function cell(value, field, names) {
  if (value === null || value === undefined) return '';
  if (field && (field.type === 'ref' || field.type === 'refs')) {
    const choices = new Map((names[/** @type {string} */ (field.ref)] || []).map(([id, name]) => [String(id), name]));
    const ids = Array.isArray(value) ? value : [value];
    return ids.map((id) => choices.get(String(id)) ?? String(id)).join(', ');
  }
  if (field && field.type === 'select') {
    const option = (field.options || []).find(([v]) => String(v) === String(value));
    return option ? optionLabel(field, option[1]) : String(value);
  }
  if (field && field.type === 'valid' && VALIDITY[Number(value)]) return t(`valid.${VALIDITY[Number(value)]}`);
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? '✓' : '';
  return String(value);
}

/**
 * The form of a page that brings its own (see Resource.custom), or null for the generic one.
 * @param {!Resource} r
 * @param {?Object<string, ?>} item
 * @param {!Object<string, !Choices>} names
 * @param {!Session} session
 * @return {?{form: !HTMLElement, read: function(): !Object<string, *>, showErrors: function(!Object<string, string>)}}
 */
function customForm(r, item, names, session) {
  switch (r.custom) {
    case 'sla': return slaForm(item);
    case 'postmaster': return filterForm(item, names, session);
    case 'auto-responses': return autoResponseForm(/** @type {!Object<string, ?>} */ (item));
    case 'workflow': return workflowForm(item, names, session);
    default: return null;
  }
}

export class ResourcePage {
  /**
   * @param {!HTMLElement} root
   * @param {!Resource} resource
   * @param {!Session} session
   */
  constructor(root, resource, session) {
    this.root = root;
    this.resource = resource;
    this.session = session;
    /** @type {?string} */
    this.cursor = null;
    this.q = '';
    // built by open()
    /** @type {!HTMLElement} */
    this.body;
    /** @type {!HTMLElement} */
    this.more;
    /** @type {!HTMLElement} */
    this.editor;
  }

  /**
   * @param {!Object<string, ?>} item
   * @return {?}
   */
  idOf(item) {
    return item[this.resource.idField || 'id'];
  }

  /**
   * @param {!Object<string, ?>} item
   * @return {string}
   */
  nameOf(item) {
    return this.resource.label ? this.resource.label(item) : nameOf(item, this.resource.idField);
  }

  /**
   * The ref lists the columns and the form need.
   * @return {!Array<string>}
   */
  refKeys() {
    const r = this.resource;
    const keys = (r.fields || []).filter((f) => f.ref).map((f) => /** @type {string} */ (f.ref));
    return [...new Set([...keys, ...(r.refs || [])])];
  }

  open() {
    const r = this.resource;
    this.body = h('tbody', { id: 'admin-rows' });
    this.more = h('button', { type: 'button', hidden: true, onclick: () => this.page() }, t('list.more'));
    this.editor = h('section.card', { id: 'editor', hidden: true, 'aria-labelledby': 'editor-heading' });
    const filter = r.paged ? h('form.view-tools', { role: 'search' },
      h('label', { for: 'admin-q' }, t('admin.filter')), h('input', { id: 'admin-q', type: 'search' }),
      h('button', { type: 'submit' }, t('admin.apply'))) : null;
    if (filter) {
      filter.addEventListener('submit', (event) => {
        event.preventDefault();
        this.q = $('#admin-q').value.trim();
        this.reload();
      });
    }
    const lead = t(`admin.${r.key}.lead`);
    replace(this.root,
      h('div.view-header', null, h('h1', { id: 'view-title' }, t(`admin.${r.key}`)),
        r.noCreate ? null : h('button.primary', { type: 'button', id: 'admin-new', onclick: () => this.edit(null) }, t('admin.new'))),
      lead === `admin.${r.key}.lead` ? null : h('p.muted.lead', null, lead),
      filter, this.editor,
      h('div.table-wrap', null, h('table.data.admin-table', { 'aria-labelledby': 'view-title' },
        h('thead', null, h('tr', null, r.columns.map((c) => h('th', { scope: 'col' }, t(`field.${c}`) === `field.${c}` ? c : t(`field.${c}`))),
          h('th', { scope: 'col' }, h('span.sr-only', null, t('admin.actions'))))),
        this.body)),
      this.more);
    this.reload();
  }

  reload() {
    this.cursor = null;
    replace(this.body);
    this.page();
  }

  /** @param {boolean} busy whether the list is loading (for assistive technology and tests) */
  busy(busy) {
    this.body.closest('table')?.setAttribute('aria-busy', String(busy));
  }

  async page() {
    const r = this.resource;
    this.busy(true);
    try {
      const params = r.paged ? query({ limit: 100, cursor: this.cursor, q: this.q }) : '';
      const answer = /** @type {!Page} */ (await this.session.get(`${r.path}${params}`));
      const columns = r.columns.map((c) => (r.fields || []).find((f) => f.name === c) || null);
      const names = await refs(this.session, this.refKeys());
      for (const item of answer.items) {
        const cells = r.columns.map((c, i) => {
          const own = r.cells && r.cells[c];
          return h('td', { 'data-label': t(`field.${c}`), class: `col-${c}` }, own ? own(item, names) : cell(item[c], columns[i], names));
        });
        this.body.append(h('tr', null, cells, h('td.actions', null, this.buttons(item))));
      }
      this.cursor = answer.next_cursor || null;
      this.more.hidden = !this.cursor;
    } catch (error) {
      if (error.status === 404 && r.optional) {
        replace(this.root, h('h1', null, t(`admin.${r.key}`)), h('p.card', { role: 'status' }, t('admin.unavailable')));
      } else {
        toast(t('error.generic', { detail: error.message }), 'error');
      }
    }
    this.busy(false);
  }

  /**
   * A row's buttons: edit, the page's own actions, and delete or invalidate.
   * @param {!Object<string, ?>} item
   * @return {!Array<!HTMLElement>}
   */
  buttons(item) {
    const r = this.resource;
    const name = this.nameOf(item);
    const out = [h('button', { type: 'button', 'aria-label': `${t('admin.edit')}: ${name}`, onclick: () => this.edit(item) }, t('admin.edit'))];
    for (const action of r.actions || []) {
      out.push(h('button', { type: 'button', 'data-action': action.key, onclick: () => this.act(item, action) },
        t(`admin.${r.key}.${action.key}`)));
    }
    if (r.remove !== 'none') {
      out.push(h('button.danger', { type: 'button', 'aria-label': `${t(r.remove === 'delete' ? 'admin.delete' : 'admin.invalidate')}: ${name}`,
        onclick: () => this.remove(item) }, r.remove === 'delete' ? t('admin.delete') : t('admin.invalidate')));
    }
    return out;
  }

  /**
   * Runs one of the page's own actions on an item (POST to its path) and says what came of it.
   * @param {!Object<string, ?>} item
   * @param {!RowAction} action
   */
  async act(item, action) {
    const r = this.resource;
    const name = this.nameOf(item);
    if (action.confirm && !window.confirm(t(`admin.${r.key}.${action.key}_confirm`, { name }))) return;
    try {
      const result = await this.session.post(`${r.path}/${encodeURIComponent(this.idOf(item))}${action.post}`, {});
      /** @type {!Object<string, string>} */
      const vars = { name };
      for (const [key, value] of Object.entries(result || {})) vars[key] = String(value);
      toast(t(`admin.${r.key}.${action.key}_done`, vars));
    } catch (error) {
      toast(t(`admin.${r.key}.${action.key}_failed`, { name, detail: error.message }), 'error');
    }
    this.reload();
  }

  /** @param {?Object<string, ?>} item null for a new one */
  async edit(item) {
    const r = this.resource;
    const full = item && !r.paged ? item : item ? await this.session.get(`${r.path}/${encodeURIComponent(this.idOf(item))}`).catch(() => item) : null;
    const error = h('p.form-error', { role: 'alert' });
    const names = await refs(this.session, this.refKeys());
    let form;
    let read;
    let showErrors;
    const custom = customForm(r, full, names, this.session);
    if (custom) {
      ({ form, read, showErrors } = custom);
    } else {
      // every page without a form of its own lists its fields
      const fields = /** @type {!Array<!Field>} */ (r.fields);
      const built = buildForm(r, fields, full, names);
      ({ read, showErrors } = built);
      form = h('div.grid-form', null, built.rows);
    }
    const formEl = h('form', { id: 'admin-form' }, form, error,
      h('div.actions', null, h('button.primary', { type: 'submit', id: 'admin-save' }, t('action.save')),
        h('button', { type: 'button', onclick: () => { this.editor.hidden = true; } }, t('action.cancel'))));
    formEl.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      try {
        const body = read();
        const enabling = Boolean(r.enableAfter) && body['enabled'] === true && !(full && full['enabled']);
        if (enabling) body['enabled'] = false;
        const saved = full ? await this.session.patch(`${r.path}/${encodeURIComponent(this.idOf(full))}`, body)
          : await this.session.post(r.path, body);
        refCache.delete(r.key);
        if (enabling) await this.enableAfterDryRun(/** @type {!Object<string, ?>} */ (saved));
        toast(t('admin.saved'));
        this.editor.hidden = true;
        this.reload();
      } catch (failure) {
        const fields = failure.fields ? failure.fields() : {};
        showErrors(fields);
        // the fields' own messages say what is wrong; the line under the form says only that nothing was saved
        error.textContent = Object.keys(fields).length ? t('admin.not_saved') : t('error.generic', { detail: failure.message });
      }
    });
    const panels = full && r.panels ? await this.panels(full) : [];
    replace(this.editor,
      h('h2', { id: 'editor-heading' }, full ? t('admin.editing', { name: this.nameOf(full) }) : t('admin.creating')),
      formEl, panels);
    this.editor.hidden = false;
    this.editor.scrollIntoView({ block: 'nearest' });
    this.editor.querySelector('input:not([disabled]), select, textarea')?.focus();
  }

  /**
   * Enables a saved item once the administrator has seen its dry run: what it would change now, confirmed.
   * @param {!Object<string, ?>} item
   */
  async enableAfterDryRun(item) {
    const r = this.resource;
    const path = `${r.path}/${encodeURIComponent(this.idOf(item))}`;
    const result = await this.session.post(`${path}${r.enableAfter}`, {});
    /** @type {!Object<string, string>} */
    const vars = { name: this.nameOf(item) };
    for (const [key, value] of Object.entries(result || {})) vars[key] = String(value);
    if (window.confirm(t(`admin.${r.key}.enable_confirm`, vars))) await this.session.patch(path, { enabled: true });
    else toast(t(`admin.${r.key}.left_disabled`, vars));
  }

  /**
   * @param {!Object<string, ?>} item
   * @return {!Promise<!Array<!HTMLElement>>}
   */
  async panels(item) {
    const groups = (await refs(this.session, ['groups']))['groups'];
    const out = [];
    if (this.resource.key === 'users') {
      out.push(await groupPermissions(this.session, `/api/v1/users/${item.id}/groups`, groups));
      out.push(await userRoles(this.session, item.id, (await refs(this.session, ['roles']))['roles']));
      out.push(await userSessions(this.session, String(item.id)));
    } else if (this.resource.key === 'roles') {
      out.push(await groupPermissions(this.session, `/api/v1/roles/${item.id}/groups`, groups));
    }
    return out;
  }

  /** @param {!Object<string, ?>} item */
  async remove(item) {
    const r = this.resource;
    const name = this.nameOf(item);
    let question = t(r.remove === 'delete' ? 'admin.confirm_delete' : 'admin.confirm_invalidate', { name });
    if (r.ticketCount) {
      const path = `${r.path}/${encodeURIComponent(this.idOf(item))}/ticket-count`;
      const count = await this.session.get(path).catch(() => null);
      if (count && count.tickets > 0) {
        question = t('admin.confirm_invalidate_tickets', { name, count: Number(count.tickets).toLocaleString(language()) });
      }
    }
    if (!window.confirm(question)) return;
    try {
      await this.session.del(`${r.path}/${encodeURIComponent(this.idOf(item))}`);
      refCache.delete(r.key);
      this.reload();
    } catch (error) {
      toast(t('error.generic', { detail: error.message }), 'error');
    }
  }
}
