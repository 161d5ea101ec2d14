// Administration: plain forms over the REST API for lookups, identities, SLAs, workflows and API keys.
import { Session, query } from '../app/api.js';
import { $, h, replace, toast } from '../app/dom.js';
import { init as initI18n, t, languageSwitch } from '../app/i18n.js';
import { signIn } from '../app/login.js';
import { RESOURCES } from './resources.js';
import { buildForm, optionLabel } from './form.js';
import { groupPermissions, userRoles } from './memberships.js';
import { slaForm } from './sla.js';
import { apiKeysPage } from './apikeys.js';
import { intakePage } from './intake.js';
import { Field, Resource } from './resources.js';
import { Me, Page } from '../app/types.js';

/**
 * [[id, name], ...] of one list, as the selects offer it.
 * @typedef {!Array<!Array<?>>}
 */
let Choices;

/** OTRS's valid_id 1, 2, 3 by name. */
const VALIDITY = ['', 'valid', 'invalid', 'invalid-temporarily'];

const session = new Session('agent');
/** @type {!Map<string, !Choices>} */
const refCache = new Map();

async function main() {
  await initI18n();
  session.on((what) => { if (what === 'ended') location.reload(); });
  if (!session.signedIn) {
    $('#login-view').hidden = false;
    await signIn($('#login-view'), session, { heading: t('admin.title') });
    $('#login-view').hidden = true;
  }
  const me = /** @type {!Me} */ (await session.get('/api/v1/auth/me'));
  $('#me').textContent = me.login;
  const logout = $('#logout');
  logout.hidden = false;
  logout.addEventListener('click', () => session.logout());
  $('#admin').hidden = false;
  if (!me.admin) {
    // no section names and no requests for data: an agent without admin rights only learns where to go instead
    $('#admin-nav').hidden = true;
    $('#admin').classList.add('denied');
    notAllowed();
    languageSwitch($('#lang'), notAllowed);
    return;
  }
  languageSwitch($('#lang'), () => { nav(); route(); });
  nav();
  window.addEventListener('hashchange', route);
  route();
}

function notAllowed() {
  replace($('#main'), h('section.card.not-allowed', { id: 'not-allowed', role: 'alert', 'aria-labelledby': 'view-title' },
    h('h1', { id: 'view-title' }, t('admin.not_allowed')),
    h('p', null, t('admin.needs_admin')),
    h('p', null, h('a', { href: '/' }, t('admin.back_to_console')))));
}

function nav() {
  replace($('#admin-nav'), h('ul.nav-list', null, RESOURCES.map((resource) =>
    h('li', null, h('a', { href: `#/${resource.key}`, id: `nav-${resource.key}` }, t(`admin.${resource.key}`))))));
}

function route() {
  const key = (location.hash || '#/queues').slice(2) || 'queues';
  const resource = RESOURCES.find((r) => r.key === key) || RESOURCES[0];
  document.querySelectorAll('#admin-nav a').forEach((a) => {
    if (a.id === `nav-${resource.key}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  const main = $('#main');
  if (resource.custom === 'apikey') {
    apiKeysPage(main, session);
    return;
  }
  if (resource.custom === 'intake') {
    intakePage(main, session);
    return;
  }
  new ResourcePage(main, resource).open();
}

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
 * @param {!Array<string>} keys
 * @return {!Promise<!Object<string, !Choices>>}
 */
async function refs(keys) {
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

class ResourcePage {
  /**
   * @param {!HTMLElement} root
   * @param {!Resource} resource
   */
  constructor(root, resource) {
    this.root = root;
    this.resource = resource;
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
    replace(this.root,
      h('div.view-header', null, h('h1', { id: 'view-title' }, t(`admin.${r.key}`)),
        h('button.primary', { type: 'button', id: 'admin-new', onclick: () => this.edit(null) }, t('admin.new'))),
      filter, this.editor,
      h('div.table-wrap', null, h('table.data', { 'aria-labelledby': 'view-title' },
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

  async page() {
    const r = this.resource;
    try {
      const params = r.paged ? query({ limit: 100, cursor: this.cursor, q: this.q }) : '';
      const answer = /** @type {!Page} */ (await session.get(`${r.path}${params}`));
      const columns = r.columns.map((c) => (r.fields || []).find((f) => f.name === c) || null);
      const names = await refs([...new Set(columns.filter((f) => f && f.ref).map((f) => /** @type {string} */ (f.ref)))]);
      for (const item of answer.items) {
        this.body.append(h('tr', null, r.columns.map((c, i) => h('td', null, cell(item[c], columns[i], names))),
          h('td.actions', null,
            h('button', { type: 'button', onclick: () => this.edit(item) }, t('admin.edit')), ' ',
            h('button', { type: 'button', onclick: () => this.remove(item) }, r.remove === 'delete' ? t('admin.delete') : t('admin.invalidate')))));
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
  }

  /** @param {?Object<string, ?>} item null for a new one */
  async edit(item) {
    const r = this.resource;
    const full = item && !r.paged ? item : item ? await session.get(`${r.path}/${encodeURIComponent(this.idOf(item))}`).catch(() => item) : null;
    const error = h('p.form-error', { role: 'alert' });
    let form;
    let read;
    let showErrors;
    if (r.custom === 'sla') {
      ({ form, read, showErrors } = slaForm(full));
    } else {
      // every page without a form of its own lists its fields
      const fields = /** @type {!Array<!Field>} */ (r.fields);
      const built = buildForm(r, fields, full, await refs([...new Set(fields.filter((f) => f.ref).map((f) => f.ref))]));
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
        if (full) await session.patch(`${r.path}/${encodeURIComponent(this.idOf(full))}`, body);
        else await session.post(r.path, body);
        refCache.delete(r.key);
        toast(t('admin.saved'));
        this.editor.hidden = true;
        this.reload();
      } catch (failure) {
        if (failure.fields) showErrors(failure.fields());
        error.textContent = t('error.generic', { detail: failure.message });
      }
    });
    const panels = full && r.panels ? await this.panels(full) : [];
    replace(this.editor,
      h('h2', { id: 'editor-heading' }, full ? t('admin.editing', { name: nameOf(full, r.idField) }) : t('admin.creating')),
      formEl, panels);
    this.editor.hidden = false;
    this.editor.querySelector('input:not([disabled]), select, textarea')?.focus();
  }

  /**
   * @param {!Object<string, ?>} item
   * @return {!Promise<!Array<!HTMLElement>>}
   */
  async panels(item) {
    const groups = (await refs(['groups']))['groups'];
    const out = [];
    if (this.resource.key === 'users') {
      out.push(await groupPermissions(session, `/api/v1/users/${item.id}/groups`, groups));
      out.push(await userRoles(session, item.id, (await refs(['roles']))['roles']));
    } else if (this.resource.key === 'roles') {
      out.push(await groupPermissions(session, `/api/v1/roles/${item.id}/groups`, groups));
    }
    return out;
  }

  /** @param {!Object<string, ?>} item */
  async remove(item) {
    const r = this.resource;
    const name = nameOf(item, r.idField);
    if (!window.confirm(t(r.remove === 'delete' ? 'admin.confirm_delete' : 'admin.confirm_invalidate', { name }))) return;
    try {
      await session.del(`${r.path}/${encodeURIComponent(this.idOf(item))}`);
      refCache.delete(r.key);
      this.reload();
    } catch (error) {
      toast(t('error.generic', { detail: error.message }), 'error');
    }
  }
}

main().catch((error) => toast(t('error.generic', { detail: error.message }), 'error'));
