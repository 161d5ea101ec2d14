// The knowledge base beside the composer: find an article and insert a link to it or its text as the answer, and
// see the resolved tickets most like this one.
import { Session, query } from './api.js';
import { h, replace, snippet } from './dom.js';
import { t } from './i18n.js';
import { textToHtml } from './editor.js';
import { KbArticle, KbHit, SimilarTicket, Ticket } from './types.js';

export class KbHelper {
  /**
   * @param {!Session} session
   * @param {!Ticket} ticket the ticket being answered
   * @param {function(string)} insert puts HTML where the agent's cursor is
   */
  constructor(session, ticket, insert) {
    this.session = session;
    this.ticket = ticket;
    this.insert = insert;
    this.results = h('ul.kb-helper-results', { id: 'kb-helper-results', 'aria-live': 'polite' });
    this.similar = h('ul.kb-helper-similar', { id: 'kb-helper-similar' });
    const search = /** @type {!HTMLInputElement} */ (h('input', { id: 'kb-helper-q', type: 'search',
      value: ticket.title || '', autocomplete: 'off' }));
    /** @type {number} */
    let timer = 0;
    search.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => this.find(search.value), 250);
    });
    search.addEventListener('keydown', (event) => { if (event.key === 'Enter') event.preventDefault(); });
    this.element = h('details.kb-helper', { id: 'kb-helper' },
      h('summary', null, t('kb.helper')),
      h('label', { for: 'kb-helper-q' }, t('kb.helper_search')), search, this.results,
      h('h3', null, t('kb.similar_tickets')), this.similar);
    this.element.addEventListener('toggle', () => {
      if (/** @type {!HTMLDetailsElement} */ (this.element).open && !this.loaded) {
        this.loaded = true;
        this.find(search.value);
        this.findSimilar();
      }
    });
    this.loaded = false;
  }

  /** @param {string} typed */
  async find(typed) {
    if (typed.trim().length < 2) {
      replace(this.results);
      return;
    }
    try {
      const answer = await this.session.get(`/api/v1/kb/suggest${query({ q: typed, limit: 6 })}`);
      const hits = /** @type {!Array<!KbHit>} */ (answer.items);
      replace(this.results, hits.length ? hits.map((hit) => h('li', null,
        h('strong', null, hit.title), ' ', h('span.muted', null, `(${hit.language}, ${t(`kb.state.${hit.state}`)})`),
        h('p.snippet', null, snippet(hit.snippet)),
        hit.state === 'public' ? h('button', { type: 'button', onclick: () => this.insert(
          `<a href="${textToHtml(location.origin + hit.url)}">${textToHtml(hit.title)}</a>`) }, t('kb.insert_link')) : null, ' ',
        h('button', { type: 'button', onclick: () => this.insertAnswer(hit.id) }, t('kb.insert_answer'))))
        : h('li.muted', null, t('kb.none')));
    } catch {
      replace(this.results);
    }
  }

  /** @param {number} id */
  async insertAnswer(id) {
    /** @type {!KbArticle} */
    const article = await this.session.get(`/api/v1/kb/articles/${id}`);
    this.insert(article.body);
  }

  async findSimilar() {
    if (!this.ticket.title) return;
    try {
      const answer = await this.session.get(`/api/v1/kb/similar-tickets${query({ q: this.ticket.title, ticket_id: this.ticket.id })}`);
      const tickets = /** @type {!Array<!SimilarTicket>} */ (answer.items);
      replace(this.similar, tickets.length ? tickets.map((other) => h('li', null,
        h('a', { href: `#/ticket/${other.id}` }, `#${other.tn} ${other.title || ''}`)))
        : h('li.muted', null, t('kb.no_similar')));
    } catch {
      replace(this.similar);
    }
  }
}
