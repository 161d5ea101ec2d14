// Full-text search over tickets and articles, with the server's highlighted snippets; searches can be saved.
import { query } from './api.js';
import { h, replace, snippet, when, toast } from './dom.js';
import { t, language } from './i18n.js';

const SAVED = 'gotrs.saved-searches';

export function savedSearches() {
  try {
    return JSON.parse(localStorage.getItem(SAVED)) || [];
  } catch {
    return [];
  }
}

function save(q) {
  const list = savedSearches().filter((item) => item !== q);
  list.unshift(q);
  localStorage.setItem(SAVED, JSON.stringify(list.slice(0, 20)));
}

function forget(q) {
  localStorage.setItem(SAVED, JSON.stringify(savedSearches().filter((item) => item !== q)));
}

export class SearchView {
  constructor(root, ctx, q, onSaved) {
    this.root = root;
    this.ctx = ctx;
    this.q = q;
    this.onSaved = onSaved;
    this.cursor = null;
  }

  open() {
    document.getElementById('search-input').value = this.q;
    const isSaved = savedSearches().includes(this.q);
    const toggle = h('button', { type: 'button', id: 'save-search' }, isSaved ? t('search.forget') : t('search.save'));
    toggle.addEventListener('click', () => {
      if (savedSearches().includes(this.q)) {
        forget(this.q);
        toggle.textContent = t('search.save');
      } else {
        save(this.q);
        toggle.textContent = t('search.forget');
      }
      this.onSaved();
    });
    this.list = h('ol.results', { id: 'search-results' });
    this.status = h('p.list-summary', { role: 'status', 'aria-live': 'polite' });
    this.more = h('button', { type: 'button', hidden: true, onclick: () => this.page() }, t('list.more'));
    replace(this.root,
      h('div.view-header', null, h('h1', { id: 'view-title' }, t('search.heading', { q: this.q })),
        h('div.view-tools', null, toggle)),
      this.status, this.list, this.more);
    this.page();
  }

  async page() {
    try {
      const answer = await this.ctx.session.get(`/api/v1/tickets${query({ q: this.q, limit: 25, cursor: this.cursor })}`);
      for (const ticket of answer.items) {
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
