// A custom field's settings as a form instead of JSON: the option list of a select (ordered, editable), the bounds
// of a number, the length and pattern of a text, and a live preview of the field as agents will fill it in.
import { h } from '../app/dom.js';
import { t } from '../app/i18n.js';

/**
 * The settings editor: its element, read(type) for the field_config of that field type, show(type) to show the
 * settings that type has.
 * @typedef {{element: !HTMLElement, read: function(string): !Object<string, *>, show: function(string)}}
 */
export let ConfigEditor;

/**
 * @param {?Object<string, ?>} config the stored field_config, or null
 * @return {!ConfigEditor}
 */
export function configEditor(config) {
  const settings = config || {};
  const list = h('ol.option-list', { id: 'cfg-options' });
  /** @param {string} text */
  const addOption = (text) => {
    const input = h('input', { value: text, 'aria-label': t('cfg.option'), class: 'cfg-option' });
    const item = h('li', null, input,
      h('button', { type: 'button', 'aria-label': t('cfg.up'), onclick: () => item.previousElementSibling?.before(item) }, '↑'),
      h('button', { type: 'button', 'aria-label': t('cfg.down'), onclick: () => item.nextElementSibling?.after(item) }, '↓'),
      h('button', { type: 'button', 'aria-label': t('cfg.remove'), onclick: () => item.remove() }, '✕'));
    list.append(item);
    return input;
  };
  (Array.isArray(settings.options) ? settings.options : []).forEach((option) => addOption(String(option)));
  const newOption = /** @type {!HTMLInputElement} */ (h('input', { id: 'cfg-new-option', placeholder: t('cfg.new_option') }));
  const add = () => {
    const text = newOption.value.trim();
    if (!text) return;
    addOption(text);
    newOption.value = '';
    newOption.focus();
  };
  newOption.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  });
  /** @param {string} name @param {*} value @param {string} type */
  const input = (name, value, type) => /** @type {!HTMLInputElement} */ (h('input', { id: `cfg-${name}`, type, value: value ?? '' }));
  const min = input('min', settings.min, 'number');
  const max = input('max', settings.max, 'number');
  const maxLength = input('max_length', settings['max_length'], 'number');
  const pattern = input('pattern', settings.pattern, 'text');
  /** @param {string} key */
  const error = (key) => h('p.field-error', { id: `f-field_config.${key}-error`, role: 'alert' });
  /** @param {string} id @param {string} label @param {!HTMLElement} control @param {string} key */
  const field = (id, label, control, key) => h('div.field', null, h('label', { for: id }, label), control, error(key));

  const options = h('div.cfg-part', { 'data-for': 'select multiselect' },
    h('span.label', { id: 'cfg-options-label' }, t('cfg.options')), h('p.hint', null, t('cfg.options_hint')), list,
    h('div.add-option', null, newOption, h('button', { type: 'button', id: 'cfg-add-option', onclick: add }, t('cfg.add'))),
    error('options'));
  const bounds = h('div.cfg-part.grid-form', { 'data-for': 'number' },
    field('cfg-min', t('cfg.min'), min, 'min'), field('cfg-max', t('cfg.max'), max, 'max'));
  const text = h('div.cfg-part.grid-form', { 'data-for': 'text' },
    field('cfg-max_length', t('cfg.max_length'), maxLength, 'max_length'),
    field('cfg-pattern', t('cfg.pattern'), pattern, 'pattern'));
  const none = h('p.hint.cfg-part', { 'data-for': 'date' }, t('cfg.none'));
  const preview = h('div.cfg-preview', { id: 'cfg-preview' });
  const element = h('div.field.wide.field-config', { id: 'f-field_config' },
    h('span.label', null, t('field.field_config')), options, bounds, text, none, error(''),
    h('div.field', null, h('span.label', null, t('cfg.preview')), preview));
  const parts = [options, bounds, text, none];
  let shown = '';

  /** The field as agents will see it, with what is on the form now. */
  function refresh() {
    /** @type {!Object<string, *>} */
    const settings = {};
    const scalar = (/** !HTMLInputElement */ input) => input.value.trim();
    let control;
    if (shown === 'select' || shown === 'multiselect') {
      const values = Array.from(list.querySelectorAll('input')).map((el) => /** @type {!HTMLInputElement} */ (el).value.trim()).filter(Boolean);
      control = h('select', { id: 'cfg-preview-control', multiple: shown === 'multiselect', 'aria-label': t('cfg.preview') },
        shown === 'select' ? h('option', { value: '' }, '–') : null, values.map((v) => h('option', { value: v }, v)));
    } else if (shown === 'number') {
      settings['min'] = scalar(min);
      settings['max'] = scalar(max);
      control = h('input', { id: 'cfg-preview-control', type: 'number', min: settings['min'] || null, max: settings['max'] || null,
        'aria-label': t('cfg.preview') });
    } else if (shown === 'date') {
      control = h('input', { id: 'cfg-preview-control', type: 'date', 'aria-label': t('cfg.preview') });
    } else {
      control = h('input', { id: 'cfg-preview-control', type: 'text', maxlength: scalar(maxLength) || null,
        pattern: scalar(pattern) || null, 'aria-label': t('cfg.preview') });
    }
    const verdict = h('p.hint', { id: 'cfg-preview-verdict', 'aria-live': 'polite' });
    control.addEventListener('input', () => {
      const input = /** @type {!HTMLInputElement} */ (control);
      verdict.textContent = input.value === '' ? '' : input.checkValidity() ? t('cfg.preview_ok') : input.validationMessage;
    });
    while (preview.firstChild) preview.firstChild.remove();
    preview.append(control, verdict);
  }
  for (const part of [options, bounds, text]) {
    part.addEventListener('input', refresh);
    part.addEventListener('click', () => queueMicrotask(refresh));
  }

  /** @param {string} type */
  function show(type) {
    for (const part of parts) part.hidden = !String(part.getAttribute('data-for')).split(' ').includes(type);
    shown = type;
    refresh();
  }

  /**
   * @param {string} type
   * @return {!Object<string, *>}
   */
  function read(type) {
    /** @type {!Object<string, *>} */
    const out = {};
    /** @param {string} key @param {!HTMLInputElement} from @param {boolean} number */
    const put = (key, from, number) => {
      const raw = from.value.trim();
      if (raw !== '') out[key] = number ? Number(raw) : raw;
    };
    if (type === 'select' || type === 'multiselect') {
      add();
      out['options'] = Array.from(list.querySelectorAll('input')).map((el) => /** @type {!HTMLInputElement} */ (el).value.trim()).filter(Boolean);
    } else if (type === 'number') {
      put('min', min, true);
      put('max', max, true);
    } else if (type === 'text') {
      put('max_length', maxLength, true);
      put('pattern', pattern, false);
    }
    return out;
  }

  return { element, read, show };
}
