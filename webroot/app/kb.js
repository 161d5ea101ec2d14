// The knowledge base in the console: the articles an agent may read, filtered by category, state or a search,
// and the categories, which administrators organise. Writing an article happens in kb-editor.js.
import { h, replace, snippet, when, toast } from './dom.js';
import { t } from './i18n.js';
import { query } from './api.js';
import { ConsoleContext } from './context.js';
import { KbArticle, KbCategory, KbHit } from './types.js';

export const KB_STATES = ['draft', 'internal', 'public'];

/**
 * The categories as options, each under its parent, indented by depth.
 * @param {!Array<!KbCategory>} categories
 * @return {!Array<{id: number, label: string}>}
 */
export function categoryOptions(categories) {
  /** @type {!Array<{id: number, label: string}>} */
  const out = [];
  const walk = (/** ?number */ parent, /** number */ depth) => {
    categories.filter((c) => (c.parent_id ?? null) === parent).forEach((c) => {
      out.push({ id: c.id, label: `${'\u2003'.repeat(depth)}${c.name}` });
      walk(c.id, depth + 1);
    });
  };
  walk(null, 0);
  return out;
}

export class KnowledgeBaseView {
  /**
   * @param {!HTMLElement} root
   * @param {!ConsoleContext} ctx
   * @param {!URLSearchParams} params category, state and q from the address
   */
  constructor(root, ctx, params) {
    this.root = root;
    this.ctx = ctx;
    this.params = params;
    /** @type {!Array<!KbCategory>} */
    this.categories = [];
    /** @type {!HTMLElement} */
    this.list = h('div.kb-results', { id: 'kb-results', 'aria-live': 'polite' });
  }

  async open() {
    try {
      this.categories = (await this.ctx.session.get('/api/v1/kb/categories')).items;
    } catch (failure) {
      toast(t('error.generic', { detail: failure.message }), 'error');
      return;
    }
    const category = h('select', { id: 'kb-category' }, h('option', { value: '' }, t('kb.all_categories')),
      categoryOptions(this.categories).map((c) => h('option', { value: c.id }, c.label)));
    category.value = this.params.get('category') || '';
    const state = h('select', { id: 'kb-state' }, h('option', { value: '' }, t('kb.all_states')),
      KB_STATES.map((s) => h('option', { value: s }, t(`kb.state.${s}`))));
    state.value = this.params.get('state') || '';
    const q = h('input', { id: 'kb-q', type: 'search', value: this.params.get('q') || '', placeholder: t('kb.search') });
    const filters = h('form.kb-filters', { id: 'kb-filters', role: 'search' },
      h('label', { for: 'kb-q', class: 'sr-only' }, t('kb.search')), q,
      h('label', { for: 'kb-category', class: 'sr-only' }, t('kb.category')), category,
      h('label', { for: 'kb-state', class: 'sr-only' }, t('kb.state')), state,
      h('button', { type: 'submit' }, t('kb.filter')));
    filters.addEventListener('submit', (event) => {
      event.preventDefault();
      location.hash = `#/kb${query({ q: q.value.trim(), category: category.value, state: state.value })}`;
    });
    replace(this.root,
      h('div.view-header', null, h('h1', { id: 'view-title' }, t('kb.title')),
        h('a.button.primary', { href: '#/kb/new', id: 'kb-new' }, t('kb.new')),
        h('a', { href: '/help/', target: '_blank', rel: 'noopener' }, t('kb.help_center'))),
      filters, this.list, this.ctx.me && this.ctx.me.admin ? this.categoryPanel() : null);
    await this.load();
  }

  async load() {
    const q = this.params.get('q');
    try {
      if (q) {
        const found = await this.ctx.session.get(`/api/v1/kb/search${query({ q, limit: 50 })}`);
        this.showHits(found.items);
      } else {
        const page = await this.ctx.session.get(`/api/v1/kb/articles${query({
          category_id: this.params.get('category'), state: this.params.get('state'), limit: 200 })}`);
        this.showArticles(page.items);
      }
    } catch (failure) {
      replace(this.list, h('p.form-error', { role: 'alert' }, t('error.generic', { detail: failure.message })));
    }
  }

  /** @param {!Array<!KbArticle>} articles */
  showArticles(articles) {
    const names = new Map(this.categories.map((c) => [c.id, c.name]));
    if (!articles.length) {
      replace(this.list, h('p.muted', null, t('kb.none')));
      return;
    }
    replace(this.list, h('table.kb-table', null,
      h('thead', null, h('tr', null, ['kb.article_title', 'kb.category', 'kb.language', 'kb.state', 'kb.changed']
        .map((key) => h('th', { scope: 'col' }, t(key))))),
      h('tbody', null, articles.map((a) => h('tr', null,
        h('td', null, h('a', { href: `#/kb/article/${a.id}` }, a.title)),
        h('td', null, names.get(a.category_id) || ''),
        h('td', null, a.language),
        h('td', null, h(`span.kb-state.kb-${a.state}`, null, t(`kb.state.${a.state}`))),
        h('td', null, when(a.change_time)))))));
  }

  /** @param {!Array<!KbHit>} hits */
  showHits(hits) {
    if (!hits.length) {
      replace(this.list, h('p.muted', null, t('kb.none')));
      return;
    }
    replace(this.list, h('ol.kb-hits', null, hits.map((hit) => h('li', null,
      h('a', { href: `#/kb/article/${hit.id}` }, hit.title), ' ',
      h(`span.kb-state.kb-${hit.state}`, null, t(`kb.state.${hit.state}`)),
      h('p.snippet', null, snippet(hit.snippet))))));
  }

  /** Administrators add categories here, each under a parent and limited to groups if they choose. */
  categoryPanel() {
    const name = h('input', { id: 'kb-category-name', required: true, maxlength: 200 });
    const parent = h('select', { id: 'kb-category-parent' }, h('option', { value: '' }, t('kb.no_parent')),
      categoryOptions(this.categories).map((c) => h('option', { value: c.id }, c.label)));
    const groups = h('select', { id: 'kb-category-groups', multiple: true, size: 4 });
    this.ctx.session.get('/api/v1/groups?valid_id=1').then((page) => {
      replace(groups, page.items.map((g) => h('option', { value: g.id }, g.name)));
    }).catch(() => {});
    const form = h('form.kb-category-form', { id: 'kb-category-form' },
      h('h2', null, t('kb.categories')),
      h('ul.kb-category-list', null, categoryOptions(this.categories).map((c) => h('li', null, c.label))),
      h('div.field', null, h('label', { for: 'kb-category-name' }, t('kb.category_name')), name),
      h('div.field', null, h('label', { for: 'kb-category-parent' }, t('kb.parent')), parent),
      h('div.field', null, h('label', { for: 'kb-category-groups' }, t('kb.groups')), groups,
        h('p.hint', null, t('kb.groups_hint'))),
      h('button', { type: 'submit' }, t('kb.add_category')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const chosen = Array.from(/** @type {!HTMLCollection<!HTMLOptionElement>} */ (/** @type {!HTMLSelectElement} */ (groups).selectedOptions)).map((o) => Number(o.value));
      try {
        await this.ctx.session.post('/api/v1/kb/categories', {
          name: name.value.trim(), parent_id: parent.value ? Number(parent.value) : null, group_ids: chosen });
        toast(t('kb.saved'), 'info');
        this.open();
      } catch (failure) {
        toast(t('error.generic', { detail: failure.message }), 'error');
      }
    });
    return form;
  }
}
