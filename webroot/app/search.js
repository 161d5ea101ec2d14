// Full-text search over tickets and articles, with the server's highlighted snippets; a search can be saved as a view.
import { query } from './api.js';
import { h, replace, snippet, when, toast } from './dom.js';
import { t, language } from './i18n.js';
import { ConsoleContext } from './context.js';
import { Page, Ticket } from './types.js';
import { saveViewForm } from './view-form.js';

export class SearchView {
  /**
   * @param {!HTMLElement} root
   * @param {!ConsoleContext} ctx
   * @param {string} q
   */
  constructor(root, ctx, q) {
    this.root = root;
    this.ctx = ctx;
    this.q = q;
    /** @type {?string|undefined} */
    this.cursor = null;
    // built by open()
    /** @type {!HTMLElement} */
    this.list;
    /** @type {!HTMLElement} */
    this.status;
    /** @type {!HTMLElement} */
    this.more;
  }

  open() {
    /** @type {!HTMLInputElement} */ (document.getElementById('search-input')).value = this.q;
    this.list = h('ol.results', { id: 'search-results' });
    this.status = h('p.list-summary', { role: 'status', 'aria-live': 'polite' });
    this.more = h('button', { type: 'button', hidden: true, onclick: () => this.page() }, t('list.more'));
    replace(this.root,
      h('div.view-header', null, h('h1', { id: 'view-title' }, t('search.heading', { q: this.q })),
        h('div.view-tools', null, saveViewForm(this.ctx, () => ({ filters: { q: this.q }, sort: '-changed' })))),
      this.status, this.list, this.more);
    this.page();
  }

  async page() {
    try {
      const answer = /** @type {!Page} */ (await this.ctx.session.get(`/api/v1/tickets${query({ q: this.q, limit: 25, cursor: this.cursor })}`));
      for (const ticket of /** @type {!Array<!Ticket>} */ (answer.items)) {
        this.list.append(h('li.result', null,
          h('a', { href: `#/ticket/${ticket.id}` }, h('span.tn', null, `#${ticket.tn}`), ' ', ticket.title || t('ticket.untitled')),
          h('p.snippet', null, snippet(ticket.snippet)),
          h('p.meta', null, `${ticket.queue} · ${ticket.state} · `,
            h('time', { datetime: ticket.change_time }, when(ticket.change_time, language())))));
      }
      this.cursor = answer.next_cursor;
      this.more.hidden = !this.cursor;
      this.status.textContent = this.list.children.length ? t('search.count', { n: this.list.children.length })
        : t('search.none');
    } catch (error) {
      this.status.textContent = t('error.generic', { detail: error.message });
      toast(error.message, 'error');
    }
  }
}
