// "My views" in the sidebar: the agent's saved views with their counts, as the server pushes them on `views`.
import { h, replace, toast } from './dom.js';
import { t } from './i18n.js';
import { ConsoleContext } from './context.js';
import { Frame, SavedView, ViewCounts } from './types.js';
import { VIEWS_CHANGED } from './view-form.js';


export class ViewNav {
  /**
   * @param {!HTMLElement} root
   * @param {!ConsoleContext} ctx
   */
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    /** @type {!Array<!SavedView>} */
    this.views = [];
    /** @type {!Map<number, number>} tickets found, by view id */
    this.counts = new Map();
    document.addEventListener(VIEWS_CHANGED, () => this.load());
  }

  async load() {
    try {
      const answer = await this.ctx.session.get('/api/v1/views');
      this.views = /** @type {!Array<!SavedView>} */ (answer.items);
      this.counts = new Map(this.views.map((view) => [view.id, view.count || 0]));
    } catch (error) {
      toast(t('error.generic', { detail: error.message }), 'error');
    }
    this.render();
  }

  /**
   * @param {number} id
   * @return {?SavedView}
   */
  find(id) {
    return this.views.find((view) => view.id === id) || null;
  }

  /**
   * A default view's name in the page's language; an agent's own as they wrote it.
   * @param {!SavedView} view
   * @return {string}
   */
  static title(view) {
    const key = `views.default.${view.name.toLowerCase().replace(/[^a-z]+/g, '_')}`;
    const translated = view.default ? t(key) : key;
    return translated === key ? view.name : translated;
  }

  render() {
    replace(this.root, ...this.views.map((view) => h('li', null,
      h('a', { href: `#/views/${view.id}`, dataset: { view: view.id } },
        h('span.queue-name', null, ViewNav.title(view)),
        h('span.count', { dataset: { viewCount: view.id } }, String(this.counts.get(view.id) || 0))))));
    if (!this.views.length) this.root.append(h('li.muted', null, t('nav.saved_none')));
  }

  /**
   * The server pushes the counts that changed (and all of them when the topic is subscribed) as `views.counts`.
   * @param {!Frame} frame
   */
  onLive(frame) {
    if (frame.type !== 'event' || frame.event !== 'views.counts') return;
    const counts = /** @type {!ViewCounts} */ (frame.data);
    counts.items.forEach((entry) => this.counts.set(entry.view_id, entry.count));
    this.root.querySelectorAll('[data-view-count]').forEach((badge) => {
      const count = String(this.counts.get(Number(badge.dataset.viewCount)) || 0);
      if (badge.textContent !== count) badge.textContent = count;
    });
  }
}
