// Writing a knowledge-base article: title, category, language, state, keywords and the body in the rich-text
// editor (headings, lists, links, code, images); its translations, and its versions with their differences and
// a restore.
import { h, replace, when, toast } from './dom.js';
import { t } from './i18n.js';
import { RichText, ImageStore } from './editor.js';
import { ConsoleContext } from './context.js';
import { KbArticle, KbCategory, KbFile, KbVersion, KbVersionSummary } from './types.js';
import { KB_STATES, categoryOptions } from './kb.js';

export class KbArticleView {
  /**
   * @param {!HTMLElement} root
   * @param {!ConsoleContext} ctx
   * @param {?number} id the article, or null for a new one
   * @param {!URLSearchParams} params for a new translation: translation_of and language
   */
  constructor(root, ctx, id, params) {
    this.root = root;
    this.ctx = ctx;
    this.id = id;
    this.params = params;
    /** @type {?RichText} */
    this.editor = null;
  }

  async open() {
    const session = this.ctx.session;
    try {
      /** @type {!Array<!KbCategory>} */
      const categories = (await session.get('/api/v1/kb/categories')).items;
      /** @type {?KbArticle} */
      const article = this.id ? await session.get(`/api/v1/kb/articles/${this.id}`) : null;
      /** @type {?KbArticle} */
      const original = !article && this.params.get('translation_of')
        ? await session.get(`/api/v1/kb/articles/${this.params.get('translation_of')}`) : null;
      this.render(categories, article, original);
    } catch (failure) {
      replace(this.root, h('p.form-error', { role: 'alert' }, t('error.generic', { detail: failure.message })));
    }
  }

  close() {
    if (this.editor) this.editor.destroy();
    this.editor = null;
  }

  /**
   * @param {!Array<!KbCategory>} categories
   * @param {?KbArticle} article
   * @param {?KbArticle} original the article a new translation translates
   */
  render(categories, article, original) {
    const source = article || original;
    const field = (id, key, control) => h('div.field', null, h('label', { for: id }, t(key)), control);
    const title = h('input', { id: 'kb-title', required: true, maxlength: 255, value: article ? article.title : '' });
    const category = h('select', { id: 'kb-article-category' },
      categoryOptions(categories).map((c) => h('option', { value: c.id }, c.label)));
    if (source) category.value = String(source.category_id);
    const language = h('input', { id: 'kb-language', maxlength: 20, list: 'kb-languages', required: true,
      value: article ? article.language : (this.params.get('language') || 'en') });
    const languages = h('datalist', { id: 'kb-languages' }, ['en', 'de', 'fr', 'es', 'it', 'nl'].map((l) => h('option', { value: l })));
    const state = h('select', { id: 'kb-article-state' }, KB_STATES.map((s) => h('option', { value: s }, t(`kb.state.${s}`))));
    state.value = article ? article.state : 'draft';
    const keywords = h('input', { id: 'kb-keywords', value: article ? article.keywords.join(', ') : '',
      'aria-describedby': 'kb-keywords-hint' });
    const body = /** @type {!HTMLTextAreaElement} */ (h('textarea', { id: 'kb-body', 'aria-label': t('kb.body') }));
    body.value = article ? article.body : (original ? original.body : '');
    const error = h('p.form-error', { role: 'alert' });
    const form = h('form.kb-editor', { id: 'kb-form', 'aria-labelledby': 'view-title' },
      field('kb-title', 'kb.article_title', title),
      h('div.kb-row', null,
        field('kb-article-category', 'kb.category', category),
        field('kb-language', 'kb.language', language), languages,
        field('kb-article-state', 'kb.state', state)),
      field('kb-keywords', 'kb.keywords', keywords),
      h('p.hint', { id: 'kb-keywords-hint' }, t('kb.keywords_hint')),
      h('div.field', null, h('span.label', null, t('kb.body')), body),
      error,
      h('div.actions', null, h('button.primary', { type: 'submit', id: 'kb-save' }, t('kb.save')),
        article && article.state === 'public'
          ? h('a', { href: `/help/articles/${article.id}-${article.slug}`, target: '_blank', rel: 'noopener' }, t('kb.view_public'))
          : null));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.save(article, original, {
        title: title.value.trim(), category_id: Number(category.value), language: language.value.trim(),
        state: state.value, body: this.editor ? this.editor.html() : body.value,
        keywords: keywords.value.split(',').map((k) => k.trim()).filter(Boolean),
      }, error);
    });
    const heading = article ? article.title : original ? t('kb.new_translation', { title: original.title }) : t('kb.new');
    replace(this.root,
      h('div.view-header', null, h('a', { href: '#/kb' }, t('kb.back')), h('h1', { id: 'view-title' }, heading)),
      form, article && article.attachments.length ? this.files(article) : null,
      article ? this.translations(article) : null, article ? this.versions(article) : null);
    RichText.create(body, { height: 420, images: this.images() }).then((editor) => { this.editor = editor; })
      .catch((failure) => toast(t('error.generic', { detail: failure.message }), 'error'));
    title.focus();
  }

  /**
   * @param {?KbArticle} article
   * @param {?KbArticle} original
   * @param {!Object<string, *>} fields
   * @param {!HTMLElement} error
   */
  async save(article, original, fields, error) {
    error.textContent = '';
    if (!fields.title) {
      error.textContent = t('kb.missing_title');
      return;
    }
    try {
      /** @type {!KbArticle} */
      const saved = article
        ? await this.ctx.session.patch(`/api/v1/kb/articles/${article.id}`, fields)
        : await this.ctx.session.post('/api/v1/kb/articles', { ...fields, translation_of: original ? original.id : null });
      toast(t('kb.saved'), 'info');
      if (article) this.open();
      else location.hash = `#/kb/article/${saved.id}`;
    } catch (failure) {
      const detail = Object.entries(failure.fields ? failure.fields() : {}).map(([f, m]) => `${f}: ${m}`).join('; ');
      error.textContent = t('error.generic', { detail: detail || failure.message });
    }
  }

  /**
   * Images go up as soon as they are pasted or inserted; one the help center does not serve (the article is not
   * public, or not saved yet) is shown through the API.
   * @return {!ImageStore}
   */
  images() {
    const session = this.ctx.session;
    return {
      upload: async (blob, name) => {
        /** @type {!KbFile} */
        const file = await session.upload('/api/v1/kb/files', [new File([blob], name, { type: blob.type })]);
        return file.url;
      },
      show: async (address) => {
        const match = /^\/help\/files\/(\d+)\//.exec(address);
        if (!match) return null;
        const blob = await session.blob(`/api/v1/kb/files/${match[1]}`);
        return new Promise((resolve) => {
          const reader = new FileReader();
          reader.onload = () => resolve(/** @type {string} */ (reader.result));
          reader.onerror = () => resolve(null);
          reader.readAsDataURL(blob);
        });
      },
    };
  }

  /**
   * The files listed under the article (an imported FAQ's attachments).
   * @param {!KbArticle} article
   */
  files(article) {
    return h('section.kb-files', { 'aria-labelledby': 'kb-files-title' },
      h('h2', { id: 'kb-files-title' }, t('kb.files')),
      h('ul', null, article.attachments.map((file) => h('li', null,
        h('button.link', { type: 'button', onclick: () => this.ctx.session.download(`/api/v1/kb/files/${file.id}`, file.filename)
          .catch((failure) => toast(t('error.generic', { detail: failure.message }), 'error')) }, file.filename), ' ',
        h('span.muted', null, file.size < 1000 ? `${file.size} B` : `${Math.round(file.size / 1000)} kB`)))));
  }

  /** @param {!KbArticle} article */
  translations(article) {
    const original = article.translation_of || article.id;
    return h('section.kb-translations', { 'aria-labelledby': 'kb-translations-title' },
      h('h2', { id: 'kb-translations-title' }, t('kb.translations')),
      article.translations.length
        ? h('ul', null, article.translations.map((tr) => h('li', null,
          h('a', { href: `#/kb/article/${tr.id}` }, `${tr.language}: ${tr.title}`), ' ',
          h(`span.kb-state.kb-${tr.state}`, null, t(`kb.state.${tr.state}`)))))
        : h('p.muted', null, t('kb.no_translations')),
      h('a', { href: `#/kb/new?translation_of=${original}&language=${article.language.startsWith('de') ? 'en' : 'de'}`,
        id: 'kb-translate' }, t('kb.translate')));
  }

  /** @param {!KbArticle} article */
  versions(article) {
    const list = h('ol.kb-versions', { id: 'kb-versions', reversed: true });
    const diff = h('div.kb-diff', { id: 'kb-diff', 'aria-live': 'polite' });
    this.ctx.session.get(`/api/v1/kb/articles/${article.id}/versions`).then((page) => {
      replace(list, /** @type {!Array<!KbVersionSummary>} */ (page.items).map((v) => h('li', null,
        h('span', null, `${t('kb.version', { n: v.version })} · ${when(v.change_time)} · ${v.changed_by || ''} · `,
          t(`kb.state.${v.state}`)), ' ',
        v.version === article.version ? h('span.muted', null, t('kb.current'))
          : [h('button', { type: 'button', onclick: () => this.showDiff(article, v.version, diff) }, t('kb.compare')), ' ',
            h('button', { type: 'button', onclick: () => this.restore(article, v.version) }, t('kb.restore'))])));
    }).catch((failure) => toast(t('error.generic', { detail: failure.message }), 'error'));
    return h('section.kb-history', { 'aria-labelledby': 'kb-versions-title' },
      h('h2', { id: 'kb-versions-title' }, t('kb.versions')), list, diff);
  }

  /**
   * @param {!KbArticle} article
   * @param {number} version
   * @param {!HTMLElement} target
   */
  async showDiff(article, version, target) {
    /** @type {!KbVersion} */
    const old = await this.ctx.session.get(`/api/v1/kb/articles/${article.id}/versions/${version}`);
    replace(target, h('h3', null, t('kb.diff', { n: version })),
      h('pre.kb-diff-lines', null, old.diff.map((line) =>
        h(`span.kb-diff-${line.op === '+' ? 'add' : line.op === '-' ? 'del' : 'same'}`, null, `${line.op} ${line.text}\n`))));
  }

  /**
   * @param {!KbArticle} article
   * @param {number} version
   */
  async restore(article, version) {
    if (!window.confirm(t('kb.restore_confirm', { n: version }))) return;
    try {
      await this.ctx.session.post(`/api/v1/kb/articles/${article.id}/versions/${version}/restore`);
      toast(t('kb.restored', { n: version }), 'info');
      this.open();
    } catch (failure) {
      toast(t('error.generic', { detail: failure.message }), 'error');
    }
  }
}
