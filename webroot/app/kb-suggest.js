// Answers from the knowledge base while a customer describes their problem (the portal's new-ticket form): the
// public articles matching what they typed, each opening in the help center. An article opened counts as a
// deflection until the customer submits the ticket anyway.
import { Session, query } from './api.js';
import { h, replace } from './dom.js';
import { t, language } from './i18n.js';
import { KbHit } from './types.js';

const DELAY_MS = 250;

export class KbSuggestions {
  /**
   * @param {!Session} session
   * @param {!Array<!HTMLInputElement|!HTMLTextAreaElement>} inputs what the customer types into
   * @param {string} channel 'portal' or 'chat'
   */
  constructor(session, inputs, channel) {
    this.session = session;
    this.inputs = inputs;
    this.channel = channel;
    /** @type {!Array<string>} the deflections of the articles opened from here */
    this.opened = [];
    this.list = h('ul.kb-suggestions-list', { id: 'kb-suggestions-list' });
    this.element = h('aside.kb-suggestions', { id: 'kb-suggestions', 'aria-live': 'polite', hidden: true },
      h('h2', null, t('kb.suggested')), this.list);
    /** @type {number} */
    this.timer = 0;
    this.asked = '';
    inputs.forEach((input) => input.addEventListener('input', () => this.schedule()));
  }

  schedule() {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.ask(), DELAY_MS);
  }

  async ask() {
    const typed = this.inputs.map((input) => input.value).join(' ').trim().slice(0, 400);
    if (typed === this.asked) return;
    this.asked = typed;
    if (typed.length < 3) {
      this.element.hidden = true;
      return;
    }
    try {
      const answer = await this.session.get(`/api/v1/kb/suggest${query({ q: typed, limit: 5 })}`);
      if (typed !== this.asked) return;
      this.show(answer.items);
    } catch {
      this.element.hidden = true;
    }
  }

  /** @param {!Array<!KbHit>} hits */
  show(hits) {
    this.element.hidden = hits.length === 0;
    replace(this.list, hits.map((hit) => {
      const link = h('a', { href: `${hit.url}?lang=${language()}`, target: '_blank', rel: 'noopener', lang: hit.language },
        hit.title);
      link.addEventListener('click', () => this.count(hit.id));
      return h('li', null, link);
    }));
  }

  /** @param {number} articleId */
  count(articleId) {
    this.session.post('/api/v1/kb/deflections', { article_id: articleId, channel: this.channel })
      .then((answer) => { this.opened.push(answer.id); })
      .catch(() => {});
  }

  /** The customer submitted after all: the articles they opened did not answer them. */
  submitted() {
    if (this.opened.length) {
      this.session.post('/api/v1/kb/deflections/submitted', { ids: this.opened }).catch(() => {});
      this.opened = [];
    }
  }
}
