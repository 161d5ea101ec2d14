// Small DOM helpers. User text only ever reaches the page through textContent or attributes.

/**
 * h('div.card', {attrs}, children...): builds an element; strings become text nodes.
 * @param {string} tag
 * @param {?Object=} attrs
 * @param {...*} children
 * @return {!HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = /** @type {!HTMLElement} */ (document.createElement(name || 'div'));
  if (classes.length) el.className = classes.join(' ');
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on') && typeof value === 'function') {
        el.addEventListener(key.slice(2).toLowerCase(), value);
      } else if (key === 'dataset') {
        Object.assign(el.dataset, value);
      } else if (key === 'text') {
        el.textContent = value;
      } else if (key in el && typeof value !== 'string') {
        el[key] = value;
      } else {
        el.setAttribute(key, value === true ? '' : String(value));
      }
    }
  }
  append(el, children);
  return el;
}

/**
 * @param {!Element} el
 * @param {!Array<*>} children
 */
function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * @param {!Element} el
 * @return {!Element}
 */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/**
 * Replaces an element's children; arguments as h() takes them.
 * @param {!Element} el
 * @param {...*} children
 * @return {!Element}
 */
export function replace(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

/**
 * The first element matching the selector; the pages only ask for elements they know are there.
 * @param {string} selector
 * @param {(!Document|!Element)=} root
 * @return {!HTMLElement}
 */
export const $ = (selector, root = document) => /** @type {!HTMLElement} */ (root.querySelector(selector));

/**
 * @param {string} selector
 * @param {(!Document|!Element)=} root
 * @return {!Array<!HTMLElement>}
 */
export const $$ = (selector, root = document) =>
  /** @type {!Array<!HTMLElement>} */ (Array.from(root.querySelectorAll(selector)));

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };

/**
 * A search snippet from the server holds escaped text and <mark>...</mark> only. It is rebuilt here as
 * text nodes and <mark> elements, so even a snippet that broke that promise could not add markup.
 */
/**
 * @param {?string|undefined} html
 * @return {!DocumentFragment}
 */
export function snippet(html) {
  const out = document.createDocumentFragment();
  const parts = String(html || '').split(/(<mark>|<\/mark>)/);
  let marked = false;
  for (const part of parts) {
    if (part === '<mark>') { marked = true; continue; }
    if (part === '</mark>') { marked = false; continue; }
    const text = part.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity]);
    if (!text) continue;
    out.append(marked ? h('mark', null, text) : document.createTextNode(text));
  }
  return out;
}

/**
 * A moment as a short local date and time.
 * @param {?string|undefined} iso
 * @param {string=} lang
 * @return {string}
 */
export function when(iso, lang) {
  if (!iso) return '';
  const date = new Date(iso);
  return date.toLocaleString(lang || undefined, { dateStyle: 'short', timeStyle: 'short' });
}

/**
 * "42s", "3m 05s", "2h 07m"; a dash when there is no number.
 * @param {?number|undefined} seconds
 * @return {string}
 */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const hours = Math.floor(m / 60);
  return `${hours}h ${String(m % 60).padStart(2, '0')}m`;
}

/**
 * @param {?number|undefined} size
 * @return {string}
 */
export function bytes(size) {
  if (size === null || size === undefined) return '';
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

/** @type {?HTMLElement} */
let toastRegion = null;

/**
 * A short message in the polite live region; kind 'error' or 'warn' makes it assertive and coloured.
 * @param {string|!Node} message
 * @param {string=} kind 'info', 'warn' or 'error'
 * @param {number=} ms how long it stays
 * @return {!HTMLElement}
 */
export function toast(message, kind = 'info', ms = 6000) {
  if (!toastRegion) {
    toastRegion = h('div.toasts', { role: 'region', 'aria-live': 'polite' });
    document.body.append(toastRegion);
  }
  const item = h(`div.toast.toast-${kind}`, { role: kind === 'info' ? 'status' : 'alert' }, message);
  const close = h('button.toast-close', { type: 'button', 'aria-label': '×', onclick: () => item.remove() }, '×');
  item.append(close);
  toastRegion.append(item);
  setTimeout(() => item.remove(), ms);
  return item;
}
