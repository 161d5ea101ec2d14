// All strings the pages show live in /i18n/<lang>.json; this module loads one and applies it, from the same
// version of the UI as itself (see WebUi).

const LANGS = ['en', 'de'];
const KEY = 'gotrs.lang';
/** @type {!Object<string, string>} */
let strings = {};
/** @type {!Object<string, string>} */
let fallback = {};
let current = 'en';

/** @return {string} */
export function language() {
  return current;
}

/** @return {!Array<string>} */
export function languages() {
  return LANGS;
}

/** @return {string} */
function preferred() {
  const stored = localStorage.getItem(KEY);
  if (LANGS.includes(stored)) return stored;
  const browser = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return LANGS.includes(browser) ? browser : 'en';
}

/**
 * @param {string} lang
 * @return {!Promise<!Object<string, string>>}
 */
async function load(lang) {
  const response = await fetch(new URL(`../i18n/${lang}.json`, import.meta.url).href);
  return response.ok ? /** @type {!Object<string, string>} */ (await response.json()) : {};
}

/**
 * Loads the preferred language (English fills any gap) and translates the static page.
 * @param {string=} lang
 */
export async function init(lang = preferred()) {
  current = lang;
  fallback = await load('en');
  strings = lang === 'en' ? fallback : await load(lang);
  document.documentElement.lang = lang;
  apply(document);
}

/** @param {string} lang */
export async function switchTo(lang) {
  localStorage.setItem(KEY, lang);
  await init(lang);
}

/**
 * t('list.count', {n: 3}) → the string with {n} filled in; the key itself if it is missing everywhere. When {n} (or
 * {count}) is 1 and a key ending in `_one` exists, that one is used ("1 ticket found").
 * @param {string} key
 * @param {!Object<string, *>=} vars
 * @return {string}
 */
export function t(key, vars) {
  const one = vars && Number(vars.n ?? vars.count) === 1 ? `${key}_one` : '';
  let text = (one && (strings[one] ?? fallback[one])) || (strings[key] ?? fallback[key] ?? key);
  if (vars) {
    for (const [name, value] of Object.entries(vars)) text = text.split(`{${name}}`).join(String(value));
  }
  return text;
}

/**
 * Translates marked elements: data-i18n="key" sets the text, data-i18n-attr="placeholder:key,aria-label:key"
 * sets attributes.
 */
/** @param {!Document|!Element} root */
export function apply(root) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.getAttribute('data-i18n')); });
  root.querySelectorAll('[data-i18n-attr]').forEach((el) => {
    for (const pair of el.getAttribute('data-i18n-attr').split(',')) {
      const [attr, key] = pair.split(':').map((s) => s.trim());
      if (attr && key) el.setAttribute(attr, t(key));
    }
  });
  const title = document.querySelector('title[data-i18n]');
  if (title) document.title = title.textContent;
}

/**
 * A <select> that switches the language and then calls onChange (to re-render dynamic parts).
 * @param {!HTMLElement} select
 * @param {function()=} onChange
 */
export function languageSwitch(select, onChange) {
  select.replaceChildren(...LANGS.map((lang) => {
    const option = document.createElement('option');
    option.value = lang;
    option.textContent = t(`lang.${lang}`);
    return option;
  }));
  select.value = current;
  select.addEventListener('change', async () => {
    await switchTo(select.value);
    for (const option of select.options) option.textContent = t(`lang.${option.value}`);
    if (onChange) onChange();
  });
}
