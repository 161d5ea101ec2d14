// The rich-text editor of the composer and the admin's text forms: TinyMCE (MIT, from its WebJar), loaded on first
// use. Pasted or dropped images stay in the text as data: images; the server keeps them (HtmlSanitizer) and the
// outbox sends them as inline parts. An editor given `images` (the knowledge base's) uploads them instead and
// shows an image the browser may not load by its address (a file of an article that is not public) through
// `images.show`, while the text keeps the address. TinyMCE is a global script, so it is reached as an untyped value
// here and nowhere else.

/** The WebJar's files, as the server serves them (WebUi.WEBJARS); the version is the one in pom.xml. */
const TINYMCE = '/webjars/tinymce/6.8.3/';

/**
 * The part of TinyMCE's editor used here (https://www.tiny.cloud/docs/tinymce/6/apis/tinymce.editor/).
 * @typedef {{
 *   ui: {registry: {addAutocompleter: function(string, !Object)}},
 *   selection: {setRng: function(?), select: function(!Node, boolean), collapse: function(boolean)},
 *   insertContent: function(string), getContent: function(!Object=): string, setContent: function(string),
 *   getBody: function(): !HTMLElement, focus: function(), remove: function(), on: function(string, function())
 * }}
 */
let TinyEditor;

/** @type {?Promise<?>} */
let loading = null;

/** @return {!Promise<?>} the tinymce global, once its script ran */
function tinymce() {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = `${TINYMCE}tinymce.min.js`;
      script.onload = () => resolve(/** @type {?} */ (window)['tinymce']);
      script.onerror = () => {
        loading = null;
        reject(new Error('the editor could not be loaded'));
      };
      document.head.append(script);
    });
  }
  return loading;
}

/**
 * One suggestion of an inline search, as the autocompleter lists it.
 * @typedef {{value: string, text: string}}
 */
export let Suggestion;

/**
 * An inline search started by typing `trigger` (`::` for templates, `@` for agents): `fetch` lists what matches the
 * text typed after it, `pick` gives the HTML that replaces trigger and text.
 * @typedef {{trigger: string, fetch: function(string): !Promise<!Array<!Suggestion>>, pick: function(string): !Promise<string>}}
 */
export let InlineSearch;

/**
 * Where an editor's images go: `upload` stores a pasted or inserted image and answers the address the text shows it
 * by; `show` answers a data: URL for an image at such an address that does not load by itself, or null.
 * @typedef {{upload: function(!Blob, string): !Promise<string>, show: function(string): !Promise<?string>}}
 */
export let ImageStore;

/** Marks an image shown through `ImageStore.show`; TinyMCE drops data-mce- attributes from the text it gives. */
const SHOWN = 'data-mce-shown';

export class RichText {
  /**
   * @param {!TinyEditor} editor
   */
  constructor(editor) {
    this.editor = editor;
  }

  /**
   * Turns the textarea into an editor; its label keeps naming it.
   * @param {!HTMLTextAreaElement} textarea
   * @param {{onInput: (function()|undefined), searches: (!Array<!InlineSearch>|undefined), height: (number|undefined),
   *   images: (!ImageStore|undefined)}} options
   * @return {!Promise<!RichText>}
   */
  static async create(textarea, { onInput, searches = [], height = 320, images }) {
    const global = await tinymce();
    // an editor left behind by a page that went away without closing it would keep the id
    const stale = global.get(textarea.id);
    if (stale) stale.remove();
    const editors = await global.init({
      target: textarea,
      base_url: TINYMCE.slice(0, -1),
      suffix: '.min',
      promotion: false,
      branding: false,
      menubar: false,
      statusbar: false,
      height,
      plugins: 'lists link autolink image table code',
      toolbar: 'bold italic underline | bullist numlist blockquote | link image table | removeformat code',
      paste_data_images: true,
      automatic_uploads: Boolean(images),
      images_upload_handler: images
        ? (/** {blob: function(): !Blob, filename: function(): string} */ info) => images.upload(info.blob(), info.filename())
        : undefined,
      images_file_types: 'png,jpeg,jpg,gif,webp',
      // the dialog would load an uploaded image by its address to measure it, which fails until its article is public
      image_dimensions: !images,
      images_dataimg_filter: (/** !Element */ img) => !img.hasAttribute(SHOWN),
      convert_urls: false,
      browser_spellcheck: true,
      contextmenu: false,
      iframe_aria_text: textarea.getAttribute('aria-label') || textarea.id,
      setup: (/** !TinyEditor */ editor) => {
        searches.forEach((search, index) => editor.ui.registry.addAutocompleter(`search-${index}`, {
          trigger: search.trigger,
          minChars: 0,
          columns: 1,
          fetch: (/** string */ pattern) => search.fetch(pattern)
            .then((items) => items.map((item) => ({ type: 'autocompleteitem', value: item.value, text: item.text }))),
          onAction: (/** {hide: function()} */ api, /** ? */ range, /** string */ value) => {
            // the trigger and the words typed after it go at once; the chosen text follows when it has come
            editor.selection.setRng(range);
            editor.insertContent('');
            api.hide();
            search.pick(value).then((html) => editor.insertContent(html));
          },
        }));
        if (onInput) editor.on('input change undo redo', onInput);
        if (images) {
          const store = images;
          editor.on('init', () => showUnloaded(editor.getBody(), store));
        }
      },
    });
    return new RichText(editors[0]);
  }

  /** @return {string} the HTML as written */
  html() {
    return String(this.editor.getContent());
  }

  /** @return {string} the text without markup, to tell an empty text from a written one */
  text() {
    return String(this.editor.getContent({ format: 'text' })).trim();
  }

  /** @param {string} html */
  setHtml(html) {
    this.editor.setContent(html);
  }

  /** @param {string} html inserted where the cursor is */
  insert(html) {
    this.editor.insertContent(html);
  }

  /** Puts the cursor at the start of the first empty paragraph, where the answer goes, or at the start. */
  focus() {
    this.editor.focus();
    const body = this.editor.getBody();
    const empty = Array.from(body.querySelectorAll('p')).find((p) => !p.textContent.trim());
    this.editor.selection.select(empty || body.firstChild || body, true);
    this.editor.selection.collapse(true);
  }

  destroy() {
    this.editor.remove();
  }
}

/**
 * Shows each image of the editor that fails to load by its address through the store, keeping the address in the
 * text (TinyMCE writes `data-mce-src` back as `src`).
 * @param {!HTMLElement} body
 * @param {!ImageStore} images
 */
function showUnloaded(body, images) {
  body.addEventListener('error', (event) => {
    const img = /** @type {!Element} */ (event.target);
    if (img.tagName !== 'IMG' || img.hasAttribute(SHOWN)) return;
    const address = img.getAttribute('data-mce-src') || img.getAttribute('src') || '';
    img.setAttribute(SHOWN, '');
    images.show(address).then((shown) => {
      if (!shown) return;
      img.setAttribute('data-mce-src', address);
      img.setAttribute('src', shown);
    }).catch(() => {});
  }, true);
}

/**
 * Text as HTML: escaped, its lines kept.
 * @param {string} text
 * @return {string}
 */
export function textToHtml(text) {
  const div = document.createElement('div');
  div.textContent = text;
  return div.innerHTML.replace(/\n/g, '<br>');
}
