// What each admin page edits: the REST path, the columns listed and the form fields.
// Field types: text, email, password (write-only), number, color, textarea, json, bool, select (options), ref (another
// list), refs (several of another list, sent as an array of ids), valid, fieldconfig (a custom field's settings).
import { when } from '../app/dom.js';
import { language, t } from '../app/i18n.js';

/**
 * A form field: ref names the list a "ref" or "refs" chooses from, options the [value, label] pairs of a "select"
 * (optionKey, if given, the i18n prefix of their labels); a createOnly field is shown but not sent when editing;
 * hint is the i18n key of a line shown under the field; rows the height of a textarea; initial the value a new
 * item starts with.
 * @typedef {{
 *   name: string, type: string, required: (boolean|undefined), createOnly: (boolean|undefined),
 *   ref: (string|undefined), options: (!Array<!Array<?>>|undefined), placeholder: (string|undefined),
 *   optionKey: (string|undefined), hint: (string|undefined), rows: (number|undefined), initial: (*|undefined)
 * }}
 */
export let Field;

/**
 * [[id, name], ...] of one list, as the selects offer it.
 * @typedef {!Array<!Array<?>>}
 */
export let Choices;

/**
 * A button on each row besides edit and delete: POSTs to the item's path + post; confirm asks first
 * (i18n admin.KEY.ACTION_confirm), and the answer's fields fill admin.KEY.ACTION_done.
 * @typedef {{key: string, post: string, confirm: (boolean|undefined)}}
 */
export let RowAction;

/**
 * One admin page. paged lists take ?limit and ?cursor; idField names the key when it is not "id";
 * remove 'delete' deletes where the default invalidates, 'none' offers neither; custom pages (sla, apikey, intake,
 * audit, postmaster, auto-responses, workflow) bring their own form or page; panels are shown under the form of an existing
 * item; optional pages may be missing on a server; cells render columns the fields do not describe; refs are lists
 * those cells name things from; label names an item in headings and confirmations; noCreate hides "New"; enableAfter
 * names the item's dry run that is shown, and confirmed, before the item is enabled (it is saved disabled first);
 * ticketCount: invalidating asks with the number of tickets the item is on (GET path/{id}/ticket-count).
 * @typedef {{
 *   key: string, path: string, columns: !Array<string>, fields: (!Array<!Field>|undefined),
 *   paged: (boolean|undefined), idField: (string|undefined), remove: (string|undefined),
 *   custom: (string|undefined), panels: (!Array<string>|undefined), optional: (boolean|undefined),
 *   cells: (!Object<string, function(!Object<string, ?>, !Object<string, !Choices>): string>|undefined),
 *   refs: (!Array<string>|undefined), label: (function(!Object<string, ?>): string|undefined),
 *   actions: (!Array<!RowAction>|undefined), noCreate: (boolean|undefined), enableAfter: (string|undefined),
   ticketCount: (boolean|undefined)
 * }}
 */
export let Resource;

/** @type {!Field} */
const valid = { name: 'valid_id', type: 'valid' };
/** @type {!Field} */
const comments = { name: 'comments', type: 'text' };
/** @type {!Field} */
const contentType = {
  name: 'content_type', type: 'select', required: true, optionKey: 'content_type',
  options: [['text/plain; charset=utf-8', 'text/plain'], ['text/html; charset=utf-8', 'text/html']],
};
/** The OTRS template types, and Chat. */
const TEMPLATE_TYPES = ['Answer', 'Create', 'Forward', 'Note', 'PhoneCall', 'Email', 'Chat'];

/** The tables a retention policy may act on, the columns that age their rows, and what it may do to them. */
const RETENTION_TABLES = ['ticket', 'article', 'customer_user', 'audit_log', 'sessions', 'workflow_history'];
const RETENTION_COLUMNS = ['create_time', 'change_time', 'last_login', 'timestamp', 'created_at', 'expires_at', 'started_at'];
const RETENTION_ACTIONS = ['delete', 'anonymize', 'archive'];

/**
 * A time cell in the page's language.
 * @param {string} name
 * @return {function(!Object<string, ?>, !Object<string, !Choices>): string}
 */
const time = (name) => (item) => when(item[name], language());

/**
 * The name of an id in one of the lists, or the id.
 * @param {!Object<string, !Choices>} names
 * @param {string} list
 * @param {*} id
 * @return {string}
 */
function named(names, list, id) {
  const found = (names[list] || []).find(([v]) => String(v) === String(id));
  return found ? String(found[1]) : String(id);
}

/**
 * A postmaster filter's matches in a line: "Subject ~ urgent, From !~ @example.com".
 * @param {!Object<string, ?>} item
 * @return {string}
 */
function filterMatches(item) {
  return (item.matches || []).map((m) => `${m.header} ${m.negate ? '!~' : '~'} ${m.pattern}`).join(', ');
}

/**
 * What a postmaster filter does, in a line, with names.
 * @param {!Object<string, ?>} item
 * @param {!Object<string, !Choices>} names
 * @return {string}
 */
function filterActions(item, names) {
  const a = item.actions || {};
  const out = [];
  if (a.drop) out.push(t('filter.drop'));
  if (a.queue_id || a.queue) out.push(`${t('field.queue_id')}: ${a.queue || named(names, 'queues', a.queue_id)}`);
  if (a.priority_id || a.priority) out.push(`${t('field.priority_id')}: ${a.priority || named(names, 'priorities', a.priority_id)}`);
  if (a.state_id || a.state) out.push(`${t('field.state_id')}: ${a.state || named(names, 'states', a.state_id)}`);
  if (a.tags && a.tags.length) out.push(`${t('field.tags')}: ${a.tags.join(', ')}`);
  return out.join('; ');
}

/**
 * Whether a queue sends one kind of auto-response, and its subject.
 * @param {string} kind
 * @return {function(!Object<string, ?>, !Object<string, !Choices>): string}
 */
const autoResponse = (kind) => (item) => {
  const config = (item.auto_response_config || {})[kind];
  if (!config || !config.body) return '–';
  return config.enabled === false ? t('auto.off', { subject: config.subject || '' }) : `✓ ${config.subject || ''}`;
};

/**
 * What starts a workflow, in a line: its events, its schedule, or "by hand".
 * @param {!Object<string, ?>} item
 * @return {string}
 */
function workflowTrigger(item) {
  const config = item.trigger_config || {};
  if (item.trigger_type === 'event') return (config.events || []).map((event) => t(`wf.event.${event}`)).join(', ');
  if (item.trigger_type === 'time') return `${t('wf.trigger.time')}: ${config.schedule || ''}`;
  return t('wf.trigger.manual');
}

/** @type {!Array<!Resource>} */
export const RESOURCES = [
  {
    key: 'queues', path: '/api/v1/queues', ticketCount: true, columns: ['id', 'name', 'group_id', 'customer_selectable', 'valid_id'],
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'group_id', type: 'ref', ref: 'groups', required: true },
      { name: 'parent_id', type: 'ref', ref: 'queues' },
      { name: 'sla_id', type: 'ref', ref: 'slas' },
      { name: 'default_priority_id', type: 'ref', ref: 'priorities' },
      { name: 'system_address_id', type: 'ref', ref: 'system-addresses' },
      { name: 'salutation_id', type: 'ref', ref: 'salutations' },
      { name: 'signature_id', type: 'ref', ref: 'signatures' },
      { name: 'unlock_timeout', type: 'number' },
      { name: 'auto_assign', type: 'select', optionKey: 'auto_assign', hint: 'admin.auto_assign_hint',
        options: [['off', 'off'], ['round_robin', 'round_robin'], ['least_open', 'least_open']] },
      { name: 'max_open_per_agent', type: 'number' },
      { name: 'customer_selectable', type: 'bool' },
      comments, valid,
    ],
  },
  {
    key: 'auto-responses', path: '/api/v1/queues', custom: 'auto-responses', noCreate: true, remove: 'none',
    columns: ['name', 'auto_reply', 'auto_follow_up', 'auto_reject'],
    cells: { auto_reply: autoResponse('auto_reply'), auto_follow_up: autoResponse('auto_follow_up'), auto_reject: autoResponse('auto_reject') },
  },
  { key: 'intake', path: '/api/v1/settings/intake', columns: [], custom: 'intake' },
  { key: 'signin', path: '/api/v1/admin/sign-in', columns: [], custom: 'signin' },
  {
    key: 'templates', path: '/api/v1/templates', columns: ['name', 'template_type', 'queue_ids', 'valid_id'],
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'template_type', type: 'select', required: true, optionKey: 'template_type', options: TEMPLATE_TYPES.map((v) => [v, v]) },
      contentType,
      { name: 'text', type: 'textarea', rows: 8, hint: 'admin.tags_hint' },
      { name: 'queue_ids', type: 'refs', ref: 'queues' },
      comments, valid,
    ],
    remove: 'delete',
  },
  {
    key: 'salutations', path: '/api/v1/salutations', columns: ['name', 'content_type', 'valid_id'],
    fields: [{ name: 'name', type: 'text', required: true }, contentType,
      { name: 'text', type: 'textarea', required: true, rows: 5, hint: 'admin.tags_hint' }, comments, valid],
  },
  {
    key: 'signatures', path: '/api/v1/signatures', columns: ['name', 'content_type', 'valid_id'],
    fields: [{ name: 'name', type: 'text', required: true }, contentType,
      { name: 'text', type: 'textarea', required: true, rows: 5, hint: 'admin.tags_hint' }, comments, valid],
  },
  {
    key: 'system-addresses', path: '/api/v1/system-addresses', columns: ['email', 'display_name', 'queue_id', 'valid_id'],
    fields: [
      { name: 'email', type: 'email', required: true },
      { name: 'display_name', type: 'text', required: true },
      { name: 'queue_id', type: 'ref', ref: 'queues', required: true },
      comments, valid,
    ],
  },
  {
    key: 'mail-accounts', path: '/api/v1/mail-accounts',
    columns: ['login', 'host', 'type', 'queue', 'valid_id', 'last_poll_time', 'last_error'],
    cells: { last_poll_time: time('last_poll_time') },
    label: (item) => `${item.login}@${item.host}`,
    fields: [
      { name: 'type', type: 'select', required: true, options: [['imap', 'IMAP'], ['pop3', 'POP3']] },
      { name: 'host', type: 'text', required: true, placeholder: 'imap.example.com' },
      { name: 'port', type: 'number', hint: 'admin.port_hint' },
      { name: 'tls', type: 'bool' },
      { name: 'login', type: 'text', required: true },
      { name: 'password', type: 'password', required: true, hint: 'admin.password_write_only' },
      { name: 'folder', type: 'text', placeholder: 'INBOX' },
      { name: 'queue_id', type: 'ref', ref: 'queues', required: true },
      { name: 'poll_seconds', type: 'number', placeholder: '60' },
      comments, valid,
    ],
    remove: 'delete', actions: [{ key: 'poll', post: '/poll' }],
  },
  {
    key: 'postmaster-filters', path: '/api/v1/postmaster-filters', custom: 'postmaster',
    columns: ['name', 'position', 'matches', 'actions', 'stop', 'valid_id'],
    cells: { matches: filterMatches, actions: filterActions },
    refs: ['queues', 'priorities', 'states'],
    fields: [{ name: 'valid_id', type: 'valid' }],
    remove: 'delete',
  },
  {
    key: 'states', path: '/api/v1/states', ticketCount: true, columns: ['id', 'name', 'type_name', 'valid_id'],
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'type_id', type: 'select', required: true, options: [[1, 'new'], [2, 'open'], [3, 'pending'], [4, 'closed'], [5, 'removed'], [6, 'merged']] },
      { name: 'color', type: 'color' },
      comments, valid,
    ],
  },
  {
    key: 'priorities', path: '/api/v1/priorities', ticketCount: true, columns: ['id', 'name', 'color', 'valid_id'],
    fields: [{ name: 'name', type: 'text', required: true }, { name: 'color', type: 'color' }, valid],
  },
  {
    key: 'types', path: '/api/v1/types', ticketCount: true, columns: ['id', 'name', 'valid_id'],
    fields: [{ name: 'name', type: 'text', required: true }, { name: 'default_priority_id', type: 'ref', ref: 'priorities' }, comments, valid],
  },
  {
    key: 'services', path: '/api/v1/services', ticketCount: true, columns: ['id', 'name', 'criticality', 'valid_id'],
    fields: [{ name: 'name', type: 'text', required: true }, { name: 'parent_id', type: 'ref', ref: 'services' },
      { name: 'criticality', type: 'text' }, comments, valid],
  },
  { key: 'slas', path: '/api/v1/slas', ticketCount: true, columns: ['id', 'name', 'first_response_time', 'solution_time', 'valid_id'], custom: 'sla' },
  {
    key: 'custom-fields', path: '/api/v1/custom-fields', columns: ['field_name', 'object_type', 'field_type', 'required'],
    fields: [
      { name: 'object_type', type: 'select', required: true, createOnly: true, options: [['ticket', 'ticket'], ['customer', 'customer'], ['user', 'user']] },
      { name: 'field_name', type: 'text', required: true, createOnly: true, placeholder: 'contract_level', hint: 'cfg.name_hint' },
      { name: 'field_type', type: 'select', required: true, options: ['text', 'number', 'date', 'select', 'multiselect'].map((v) => [v, v]) },
      { name: 'field_config', type: 'fieldconfig' },
      { name: 'required', type: 'bool' },
      { name: 'visible_for_customer', type: 'bool' },
      { name: 'searchable', type: 'bool' },
      { name: 'position', type: 'number' },
    ],
    remove: 'delete',
  },
  {
    key: 'users', path: '/api/v1/users', paged: true, columns: ['login', 'email', 'first_name', 'last_name', 'valid_id'],
    fields: [
      { name: 'login', type: 'text', required: true },
      { name: 'email', type: 'email' },
      { name: 'first_name', type: 'text' },
      { name: 'last_name', type: 'text' },
      { name: 'title', type: 'text' },
      { name: 'phone', type: 'text' },
      { name: 'mobile', type: 'text' },
      { name: 'language', type: 'text' },
      { name: 'timezone', type: 'text', placeholder: 'Europe/Berlin' },
      { name: 'password', type: 'password' },
      valid,
    ],
    panels: ['groups', 'roles'],
  },
  { key: 'groups', path: '/api/v1/groups', columns: ['id', 'name', 'valid_id'], fields: [{ name: 'name', type: 'text', required: true }, comments, valid] },
  {
    key: 'roles', path: '/api/v1/roles', columns: ['id', 'name', 'valid_id'],
    fields: [{ name: 'name', type: 'text', required: true }, comments, valid], panels: ['groups'],
  },
  {
    key: 'customer-companies', path: '/api/v1/customer-companies', paged: true, idField: 'customer_id',
    columns: ['customer_id', 'name', 'city', 'valid_id'],
    fields: [
      { name: 'customer_id', type: 'text', required: true, createOnly: true },
      { name: 'name', type: 'text', required: true },
      { name: 'street', type: 'text' }, { name: 'zip', type: 'text' }, { name: 'city', type: 'text' },
      { name: 'country', type: 'text' }, { name: 'url', type: 'text' }, comments, valid,
    ],
  },
  {
    key: 'customer-users', path: '/api/v1/customer-users', paged: true, columns: ['login', 'email', 'customer_id', 'valid_id'],
    fields: [
      { name: 'login', type: 'text', required: true },
      { name: 'email', type: 'email' },
      { name: 'customer_id', type: 'ref', ref: 'customer-companies', required: true },
      { name: 'first_name', type: 'text' }, { name: 'last_name', type: 'text' },
      { name: 'phone', type: 'text' }, { name: 'password', type: 'password' }, valid,
    ],
  },
  {
    key: 'workflows', path: '/api/v1/workflows', optional: true, custom: 'workflow',
    columns: ['name', 'trigger_type', 'enabled', 'execution_count', 'last_execution'],
    cells: { trigger_type: workflowTrigger, last_execution: time('last_execution') },
    refs: ['queues', 'states', 'priorities', 'types', 'users', 'custom-fields'],
    remove: 'delete',
  },
  {
    key: 'retention', path: '/api/v1/retention-policies',
    columns: ['table_name', 'column_name', 'retention_days', 'action', 'conditions', 'enabled', 'last_run', 'next_run'],
    cells: { last_run: time('last_run'), next_run: time('next_run') },
    label: (item) => t('retention.label', { table: t(`retention.table.${item['table_name']}`), days: String(item['retention_days']) }),
    fields: [
      { name: 'table_name', type: 'select', required: true, optionKey: 'retention.table', options: RETENTION_TABLES.map((v) => [v, v]) },
      { name: 'column_name', type: 'select', options: RETENTION_COLUMNS.map((v) => [v, v]), hint: 'retention.column_hint' },
      { name: 'retention_days', type: 'number', required: true },
      { name: 'action', type: 'select', required: true, optionKey: 'retention.action', options: RETENTION_ACTIONS.map((v) => [v, v]) },
      { name: 'conditions', type: 'json', placeholder: '{"state_type": "closed", "queue_id": [3, 4]}', hint: 'retention.conditions_hint' },
      { name: 'enabled', type: 'bool', hint: 'retention.enabled_hint' },
    ],
    remove: 'delete', actions: [{ key: 'dry_run', post: '/dry-run' }, { key: 'run', post: '/run', confirm: true }],
    enableAfter: '/dry-run',
  },
  {
    key: 'chat-invitations', path: '/api/v1/admin/chat-invitations',
    columns: ['name', 'url_pattern', 'seconds_on_page', 'queue_id', 'only_when_agent_free', 'active'],
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'url_pattern', type: 'text', required: true, placeholder: '*/pricing*', hint: 'chat_invitations.url_pattern_hint' },
      { name: 'seconds_on_page', type: 'number', required: true, initial: 10 },
      { name: 'greeting', type: 'textarea', required: true, rows: 3 },
      { name: 'queue_id', type: 'ref', ref: 'queues', hint: 'chat_invitations.queue_hint' },
      { name: 'only_when_agent_free', type: 'bool', initial: true, hint: 'chat_invitations.agent_free_hint' },
      { name: 'active', type: 'bool', initial: true },
    ],
    remove: 'delete',
  },
  { key: 'audit-log', path: '/api/v1/audit-log', columns: [], custom: 'audit' },
  { key: 'api-keys', path: '/api/v1/api-keys', columns: ['name', 'permissions', 'expires_at', 'last_used'], custom: 'apikey' },
  { key: 'notifications', path: '/api/v1/settings/notifications', columns: [], custom: 'notifications' },
  { key: 'settings', path: '/api/v1/settings', columns: [], custom: 'settings' },
  { key: 'jobs', path: '/api/v1/scheduler/jobs', columns: [], custom: 'jobs' },
];

/** @type {!Array<string>} */
export const PERMISSION_KEYS = ['ro', 'move_into', 'create', 'note', 'owner', 'priority', 'rw'];
