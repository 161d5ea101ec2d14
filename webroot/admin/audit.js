// The audit log, read-only: who changed what and when, filtered by actor, action, object and time, newest first.
import { Session, query } from '../app/api.js';
import { h, replace, toast, when } from '../app/dom.js';
import { language, t } from '../app/i18n.js';
import { Choices } from './resources.js';

/**
 * One row of GET /api/v1/audit-log.
 * @typedef {{id: string, timestamp: string, user_id: ?string, action: string, object_type: ?string,
 *   object_id: ?string, old_values: ?, new_values: ?, result: ?string, error_message: ?string, ip_address: ?string}}
 */
let AuditEntry;

const PAGE = 50;

/**
 * @param {!HTMLElement} root
 * @param {!Session} session
 * @param {!Choices} users the agents, [[id, login], ...]
 */
export function auditPage(root, session, users) {
  const logins = new Map(users.map(([id, login]) => [String(id), String(login)]));
  const actor = /** @type {!HTMLSelectElement} */ (h('select', { id: 'audit-actor' },
    h('option', { value: '' }, t('audit.anyone')), users.map(([id, login]) => h('option', { value: id }, login))));
  const action = /** @type {!HTMLInputElement} */ (h('input', { id: 'audit-action', placeholder: 'mail_account.create' }));
  const objectType = /** @type {!HTMLInputElement} */ (h('input', { id: 'audit-object-type', placeholder: 'queue' }));
  const objectId = /** @type {!HTMLInputElement} */ (h('input', { id: 'audit-object-id' }));
  const from = /** @type {!HTMLInputElement} */ (h('input', { id: 'audit-from', type: 'datetime-local' }));
  const to = /** @type {!HTMLInputElement} */ (h('input', { id: 'audit-to', type: 'datetime-local' }));
  const error = h('p.form-error', { role: 'alert' });
  const body = h('tbody', { id: 'audit-rows' });
  const empty = h('p.muted', { id: 'audit-empty', hidden: true }, t('audit.none'));
  const more = h('button', { type: 'button', id: 'audit-more', hidden: true }, t('list.more'));
  /** @type {?string} */
  let cursor = null;

  /** @param {string} id @param {string} label @param {!HTMLElement} input */
  const field = (id, label, input) => h('div.field', null, h('label', { for: id }, label), input);
  const filters = h('form.card', { id: 'audit-filters', role: 'search', 'aria-label': t('audit.filters') },
    h('div.grid-form', null,
      field('audit-actor', t('audit.actor'), actor),
      field('audit-action', t('audit.action'), action),
      field('audit-object-type', t('audit.object_type'), objectType),
      field('audit-object-id', t('audit.object_id'), objectId),
      field('audit-from', t('audit.from'), from),
      field('audit-to', t('audit.to'), to)),
    error,
    h('div.actions', null, h('button.primary', { type: 'submit', id: 'audit-apply' }, t('admin.apply')),
      h('button', { type: 'reset', id: 'audit-reset' }, t('audit.reset')),
      h('button', { type: 'button', id: 'audit-export', onclick: () => exportCsv() }, t('audit.export'))));

  /** @param {string} value a datetime-local value @return {?string} */
  const iso = (value) => (value ? new Date(value).toISOString() : null);

  /** The filters as the list and the export take them. */
  const chosen = () => ({
    user_id: actor.value || null, action: action.value.trim() || null, object_type: objectType.value.trim() || null,
    object_id: objectId.value.trim() || null, from: iso(from.value), to: iso(to.value),
  });

  async function exportCsv() {
    error.textContent = '';
    try {
      await session.download(`/api/v1/audit-log/export${query(chosen())}`, 'audit-log.csv');
    } catch (failure) {
      error.textContent = t('error.generic', { detail: failure.message });
    }
  }

  async function page() {
    error.textContent = '';
    body.closest('table')?.setAttribute('aria-busy', 'true');
    try {
      const answer = await session.get(`/api/v1/audit-log${query({ ...chosen(), limit: PAGE, cursor })}`);
      for (const entry of /** @type {!Array<!AuditEntry>} */ (answer.items)) body.append(row(entry, logins));
      cursor = answer.next_cursor || null;
      more.hidden = !cursor;
      empty.hidden = body.children.length > 0;
    } catch (failure) {
      const fields = failure.fields ? Object.entries(failure.fields()).map(([f, m]) => `${f} ${m}`).join('; ') : '';
      error.textContent = t('error.generic', { detail: fields || failure.message });
    }
    body.closest('table')?.setAttribute('aria-busy', 'false');
  }

  function reload() {
    cursor = null;
    replace(body);
    page();
  }

  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    reload();
  });
  filters.addEventListener('reset', () => setTimeout(reload));
  more.addEventListener('click', () => page().catch((failure) => toast(failure.message, 'error')));

  replace(root,
    h('h1', { id: 'view-title' }, t('admin.audit-log')),
    h('p.muted.lead', null, t('admin.audit-log.lead')),
    filters,
    h('div.table-wrap', null, h('table.data.admin-table.audit', { 'aria-labelledby': 'view-title' },
      h('thead', null, h('tr', null, ['audit.time', 'audit.actor', 'audit.action', 'audit.object', 'audit.result', 'audit.changes']
        .map((key) => h('th', { scope: 'col' }, t(key))))),
      body)),
    empty, more);
  reload();
}

/**
 * @param {!AuditEntry} entry
 * @param {!Map<string, string>} logins
 * @return {!HTMLElement}
 */
function row(entry, logins) {
  const who = entry.user_id ? (logins.get(entry.user_id) || entry.user_id) : t('audit.system');
  const object = [entry.object_type, entry.object_id].filter(Boolean).join(' ');
  const result = entry.result === 'success' || !entry.result ? t('audit.success') : `${entry.result}${entry.error_message ? `: ${entry.error_message}` : ''}`;
  return h('tr', null,
    h('td', { 'data-label': t('audit.time') }, h('time', { datetime: entry.timestamp }, when(entry.timestamp, language()))),
    h('td', { 'data-label': t('audit.actor') }, who),
    h('td', { 'data-label': t('audit.action') }, h('code', null, entry.action)),
    h('td', { 'data-label': t('audit.object') }, object),
    h('td', { 'data-label': t('audit.result') }, result),
    h('td', { 'data-label': t('audit.changes') }, changes(entry)));
}

/**
 * The fields that changed, before → after, behind a disclosure.
 * @param {!AuditEntry} entry
 * @return {?HTMLElement}
 */
function changes(entry) {
  const before = /** @type {!Object<string, ?>} */ (entry.old_values && typeof entry.old_values === 'object' ? entry.old_values : {});
  const after = /** @type {!Object<string, ?>} */ (entry.new_values && typeof entry.new_values === 'object' ? entry.new_values : {});
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null));
  if (!keys.length) return null;
  /** @param {*} value @return {string} */
  const show = (value) => (value === undefined || value === null ? '–' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  return h('details', null, h('summary', null, t('audit.n_changes', { count: String(keys.length) })),
    h('dl.changes', null, keys.map((key) => [h('dt', null, key), h('dd', null, `${show(before[key])} → ${show(after[key])}`)])));
}
