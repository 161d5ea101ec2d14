// A form built from field descriptions (see resources.js); read() returns the JSON body to send.
import { h } from '../app/dom.js';
import { t } from '../app/i18n.js';
import { Field, Resource } from './resources.js';
import { configEditor } from './field-config.js';

/**
 * A built form: its rows, read() for the JSON body to send, showErrors({field: message}) for a 422.
 * @typedef {{rows: !Array<!HTMLElement>, read: function(): !Object<string, *>,
 *   showErrors: function(!Object<string, string>)}}
 */
export let BuiltForm;

/**
 * @param {?Resource|string} resource
 * @param {string} name
 * @return {string}
 */
function label(resource, name) {
  const key = `field.${name}`;
  const text = t(key);
  return text === key ? name : text;
}

/**
 * The label of a select's option: translated when the field names an i18n prefix for them.
 * @param {!Field} field
 * @param {*} name
 * @return {string}
 */
export function optionLabel(field, name) {
  if (!field.optionKey) return String(name);
  const key = `${field.optionKey}.${name}`;
  const text = t(key);
  return text === key ? String(name) : text;
}

/**
 * @param {!Field} field
 * @param {*} value
 * @param {!Object<string, !Array<!Array<?>>>} refs the choices of ref fields, by list
 * @param {boolean} editing
 * @return {!HTMLElement}
 */
function control(field, value, refs, editing) {
  const id = `f-${field.name}`;
  const common = { id, name: field.name, required: field.required && !(editing && field.type === 'password'), disabled: editing && field.createOnly };
  switch (field.type) {
    case 'number':
      return h('input', { ...common, type: 'number', value: value ?? '' });
    case 'color':
      return h('input', { ...common, type: 'color', value: value || '#cdcdcd' });
    case 'email':
      return h('input', { ...common, type: 'email', value: value ?? '' });
    case 'password':
      return h('input', { ...common, type: 'password', autocomplete: 'new-password', placeholder: editing ? t('admin.password_keep') : '' });
    case 'textarea':
      return h('textarea', { ...common, rows: field.rows || 3 }, value ?? '');
    case 'json':
      return h('textarea', { ...common, rows: 4, placeholder: field.placeholder || '', spellcheck: 'false' },
        value === undefined || value === null ? '' : JSON.stringify(value, null, 2));
    case 'bool':
      return h('input', { ...common, type: 'checkbox', checked: Boolean(value) });
    case 'valid': {
      const select = h('select', common, [[1, 'valid'], [2, 'invalid'], [3, 'invalid-temporarily']]
        .map(([v, name]) => h('option', { value: v }, t(`valid.${name}`))));
      select.value = String(value ?? 1);
      return select;
    }
    case 'refs': {
      const chosen = new Set((/** @type {?Array<*>} */ (value) || []).map(String));
      return h('div.choices', { id, role: 'group', 'aria-labelledby': `${id}-label` },
        (refs[/** @type {string} */ (field.ref)] || []).map(([v, name]) => h('label', null,
          h('input', { type: 'checkbox', id: `${id}-${v}`, value: v, checked: chosen.has(String(v)) }), ' ', name)));
    }
    case 'select':
    case 'ref': {
      const options = field.type === 'ref' ? (refs[/** @type {string} */ (field.ref)] || [])
        : /** @type {!Array<!Array<?>>} */ (field.options);
      const select = h('select', common, field.required ? null : h('option', { value: '' }, '–'),
        options.map(([v, name]) => h('option', { value: v }, field.type === 'select' ? optionLabel(field, name) : name)));
      // a required choice among fixed options starts at the first; one of another list is left for the admin to pick
      if (value !== undefined && value !== null) select.value = String(value);
      else if (field.type === 'ref' || !field.required) select.value = '';
      return select;
    }
    default:
      return h('input', { ...common, type: 'text', value: value ?? '', placeholder: field.placeholder || '' });
  }
}

/**
 * @param {?Resource|string} resource
 * @param {!Array<!Field>} fields
 * @param {?Object<string, ?>} item the item edited, null for a new one
 * @param {!Object<string, !Array<!Array<?>>>} refs the choices of ref fields, by list
 * @return {!BuiltForm}
 */
export function buildForm(resource, fields, item, refs) {
  const editing = Boolean(item);
  const controls = new Map();
  /** @type {?function(string): !Object<string, *>} */
  let readConfig = null;
  const rows = fields.map((field) => {
    if (field.type === 'fieldconfig') {
      const editor = configEditor(item ? item[field.name] : null);
      readConfig = editor.read;
      // shows the settings of the chosen field type once the type's select is in the form
      queueMicrotask(() => {
        const type = /** @type {?HTMLSelectElement} */ (controls.get('field_type')?.input);
        if (!type) return;
        editor.show(type.value);
        type.addEventListener('change', () => editor.show(type.value));
      });
      controls.set(field.name, { field, input: editor.element });
      return editor.element;
    }
    const input = control(field, item ? item[field.name] : field.initial, refs, editing);
    controls.set(field.name, { field, input });
    const wide = ['json', 'textarea', 'refs'].includes(field.type);
    const hint = field.hint ? h('p.hint', null, t(field.hint)) : null;
    if (field.type === 'bool') {
      return h('div.field', { class: wide ? 'field wide' : 'field' },
        h('label', null, input, ' ', label(resource, field.name)), hint, h('p.field-error', { id: `f-${field.name}-error` }));
    }
    if (field.type === 'refs') {
      return h('div.field.wide', null, h('span.label', { id: `f-${field.name}-label` }, label(resource, field.name)),
        input, hint, h('p.field-error', { id: `f-${field.name}-error`, role: 'alert' }));
    }
    return h('div', { class: wide ? 'field wide' : 'field' },
      h('label', { for: `f-${field.name}` }, label(resource, field.name), field.required ? ' *' : ''),
      input, hint, h('p.field-error', { id: `f-${field.name}-error`, role: 'alert' }));
  });

  /**
   * The value of one control; undefined when it is empty.
   * @param {!Field} field
   * @param {!HTMLElement} input
   * @return {*}
   */
  function value(field, input) {
    const raw = input.value;
    switch (field.type) {
      case 'bool': return input.checked;
      case 'refs':
        return Array.from(input.querySelectorAll('input:checked'))
          .map((box) => Number(/** @type {!HTMLInputElement} */ (box).value)).sort((a, b) => a - b);
      case 'number': return raw === '' ? undefined : Number(raw);
      case 'valid': return Number(raw);
      case 'password': return raw || undefined;
      case 'fieldconfig':
        return /** @type {function(string): !Object<string, *>} */ (readConfig)(controls.get('field_type').input.value);
      case 'json':
        if (!raw.trim()) return undefined;
        try {
          return JSON.parse(raw);
        } catch {
          throw new Error(t('admin.bad_json', { field: label(resource, field.name) }));
        }
      case 'ref':
      case 'select':
        if (raw === '') return undefined;
        return /^\d+$/.test(raw) && field.name.endsWith('_id') && field.name !== 'customer_id' ? Number(raw) : raw;
      default:
        return raw === '' ? undefined : raw;
    }
  }

  /** A create sends what is filled in; an edit sends only what changed (null clears a field). */
  function read() {
    /** @type {!Object<string, *>} */
    const body = {};
    for (const [name, { field, input }] of controls) {
      if (editing && field.createOnly) continue;
      const current = value(field, input);
      if (!editing) {
        if (current !== undefined) body[name] = current;
      } else if (field.type === 'password') {
        if (current !== undefined) body[name] = current;
      } else if (JSON.stringify(current ?? null) !== JSON.stringify(item[name] ?? null)) {
        body[name] = current ?? null;
      }
    }
    return body;
  }

  /** @param {!Object<string, string>} errors */
  function showErrors(errors) {
    for (const el of rows) el.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
    for (const [field, message] of Object.entries(errors)) {
      const target = document.getElementById(`f-${field}-error`);
      if (target) target.textContent = message;
    }
  }

  return { rows, read, showErrors };
}
