// What each admin page edits: the REST path, the columns listed and the form fields.
// Field types: text, email, password, number, color, textarea, json, bool, select (options), ref (another list),
// refs (several of another list, sent as an array of ids), valid.

/**
 * A form field: ref names the list a "ref" or "refs" chooses from, options the [value, label] pairs of a "select"
 * (optionKey, if given, the i18n prefix of their labels); a createOnly field is shown but not sent when editing;
 * hint is the i18n key of a line shown under the field; rows the height of a textarea.
 * @typedef {{
 *   name: string, type: string, required: (boolean|undefined), createOnly: (boolean|undefined),
 *   ref: (string|undefined), options: (!Array<!Array<?>>|undefined), placeholder: (string|undefined),
 *   optionKey: (string|undefined), hint: (string|undefined), rows: (number|undefined)
 * }}
 */
export let Field;

/**
 * One admin page. paged lists take ?limit and ?cursor; idField names the key when it is not "id";
 * remove 'delete' deletes where the default invalidates; custom pages (sla, apikey, intake) bring their own form;
 * panels are shown under the form of an existing item; optional pages may be missing on a server.
 * @typedef {{
 *   key: string, path: string, columns: !Array<string>, fields: (!Array<!Field>|undefined),
 *   paged: (boolean|undefined), idField: (string|undefined), remove: (string|undefined),
 *   custom: (string|undefined), panels: (!Array<string>|undefined), optional: (boolean|undefined)
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

/** @type {!Array<!Resource>} */
export const RESOURCES = [
  {
    key: 'queues', path: '/api/v1/queues', columns: ['id', 'name', 'group_id', 'customer_selectable', 'valid_id'],
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
      { name: 'customer_selectable', type: 'bool' },
      comments, valid,
    ],
  },
  { key: 'intake', path: '/api/v1/settings/intake', columns: [], custom: 'intake' },
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
    key: 'states', path: '/api/v1/states', columns: ['id', 'name', 'type_name', 'valid_id'],
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'type_id', type: 'select', required: true, options: [[1, 'new'], [2, 'open'], [3, 'pending'], [4, 'closed'], [5, 'removed'], [6, 'merged']] },
      { name: 'color', type: 'color' },
      comments, valid,
    ],
  },
  {
    key: 'priorities', path: '/api/v1/priorities', columns: ['id', 'name', 'color', 'valid_id'],
    fields: [{ name: 'name', type: 'text', required: true }, { name: 'color', type: 'color' }, valid],
  },
  {
    key: 'types', path: '/api/v1/types', columns: ['id', 'name', 'valid_id'],
    fields: [{ name: 'name', type: 'text', required: true }, { name: 'default_priority_id', type: 'ref', ref: 'priorities' }, comments, valid],
  },
  {
    key: 'services', path: '/api/v1/services', columns: ['id', 'name', 'criticality', 'valid_id'],
    fields: [{ name: 'name', type: 'text', required: true }, { name: 'parent_id', type: 'ref', ref: 'services' },
      { name: 'criticality', type: 'text' }, comments, valid],
  },
  { key: 'slas', path: '/api/v1/slas', columns: ['id', 'name', 'first_response_time', 'solution_time', 'valid_id'], custom: 'sla' },
  {
    key: 'custom-fields', path: '/api/v1/custom-fields', columns: ['field_name', 'object_type', 'field_type', 'required'],
    fields: [
      { name: 'object_type', type: 'select', required: true, createOnly: true, options: [['ticket', 'ticket'], ['customer', 'customer'], ['user', 'user']] },
      { name: 'field_name', type: 'text', required: true, createOnly: true },
      { name: 'field_type', type: 'select', required: true, options: ['text', 'number', 'date', 'select', 'multiselect'].map((v) => [v, v]) },
      { name: 'field_config', type: 'json', placeholder: '{"options": ["a", "b"]}' },
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
    key: 'workflows', path: '/api/v1/workflows', optional: true, columns: ['name', 'trigger_type', 'enabled'],
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'description', type: 'textarea' },
      { name: 'trigger_type', type: 'select', options: [['event', 'event'], ['time', 'time'], ['manual', 'manual']] },
      { name: 'trigger_config', type: 'json', placeholder: '{"events": ["ticket.created"]}' },
      { name: 'conditions', type: 'json', placeholder: '{"all": [{"field": "title", "op": "contains", "value": "URGENT"}]}' },
      { name: 'actions', type: 'json', placeholder: '[{"type": "set_priority", "value": "5 very high"}]' },
      { name: 'enabled', type: 'bool' },
      { name: 'execution_order', type: 'number' },
    ],
    remove: 'delete',
  },
  { key: 'api-keys', path: '/api/v1/api-keys', columns: ['name', 'permissions', 'expires_at', 'last_used'], custom: 'apikey' },
  { key: 'notifications', path: '/api/v1/settings/notifications', columns: [], custom: 'notifications' },
];

/** @type {!Array<string>} */
export const PERMISSION_KEYS = ['ro', 'move_into', 'create', 'note', 'owner', 'priority', 'rw'];
