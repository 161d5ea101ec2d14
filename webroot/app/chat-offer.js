// A chat offered to this agent first (its queue assigns automatically): a card on every page of the console with
// Accept, Decline and the seconds left. It goes when the offer runs out or moves on, or when someone accepts the chat.
import { h, replace } from './dom.js';
import { t } from './i18n.js';

/**
 * What the card shows of a chat offered to this agent.
 * @typedef {{id: number, customer_name: (?string|undefined), queue: (?string|undefined),
 *   page_url: (?string|undefined), offered_until: string}}
 */
export let Offer;

export class ChatOfferCards {
  /**
   * @param {function(number): !Promise<void>} accept takes the chat
   * @param {function(number): !Promise<void>} decline passes it on to the next agent
   */
  constructor(accept, decline) {
    this.accept = accept;
    this.decline = decline;
    /** @type {!Map<number, !Offer>} */
    this.offers = new Map();
    /** @type {!Map<number, number>} each offer's length in seconds as it arrived, for the bar */
    this.lengths = new Map();
    /** @type {?HTMLElement} */
    this.region = null;
    /** @type {number|undefined} */
    this.ticker = undefined;
  }

  /** @param {!Offer} offer */
  show(offer) {
    this.offers.set(offer.id, offer);
    this.lengths.set(offer.id, Math.max(1, (Date.parse(offer.offered_until) - Date.now()) / 1000));
    this.render();
  }

  /** @param {number} id */
  withdraw(id) {
    this.lengths.delete(id);
    if (this.offers.delete(id)) this.render();
  }

  render() {
    if (!this.region) {
      this.region = h('div.chat-offers', { id: 'chat-offers', role: 'region', 'aria-live': 'assertive',
        'aria-label': t('chat.offer.title') });
      document.body.append(this.region);
    }
    replace(this.region, ...[...this.offers.values()].map((offer) => this.card(offer)));
    clearInterval(this.ticker);
    if (this.offers.size) {
      this.ticker = setInterval(() => this.tick(), 250);
      this.tick();
    }
  }

  /**
   * @param {!Offer} offer
   * @return {!HTMLElement}
   */
  card(offer) {
    const heading = `chat-offer-${offer.id}-title`;
    /** @type {function(!HTMLButtonElement, function(number): !Promise<void>): !Promise<void>} */
    const act = async (button, action) => {
      button.disabled = true;
      try {
        await action(offer.id);
      } finally {
        this.withdraw(offer.id);
      }
    };
    return h('section.chat-offer', { role: 'alertdialog', 'aria-labelledby': heading, dataset: { offer: offer.id } },
      h('h2', { id: heading }, t('chat.offer.title')),
      h('p.chat-offer-who', null, offer.customer_name || t('chat.anonymous'),
        offer.queue ? h('span.muted', null, ` · ${offer.queue}`) : null),
      offer.page_url ? h('p.chat-offer-page.muted', null, offer.page_url) : null,
      h('div.chat-offer-time', null,
        h('span.chat-offer-left', { dataset: { until: offer.offered_until } }, ''),
        h('div.chat-offer-bar', null, h('span', { dataset: { until: offer.offered_until } }))),
      h('div.actions', null,
        h('button.primary', { type: 'button', dataset: { offerAccept: offer.id },
          onclick: (/** !Event */ event) => act(/** @type {!HTMLButtonElement} */ (event.currentTarget), this.accept) },
        t('chat.accept')),
        h('button', { type: 'button', dataset: { offerDecline: offer.id },
          onclick: (/** !Event */ event) => act(/** @type {!HTMLButtonElement} */ (event.currentTarget), this.decline) },
        t('chat.offer.decline'))));
  }

  /** Counts down; an offer that ran out leaves (the server offers the chat to the next agent). */
  tick() {
    const now = Date.now();
    for (const offer of [...this.offers.values()]) {
      if (Date.parse(offer.offered_until) <= now - 1000) this.withdraw(offer.id);
    }
    if (!this.region) return;
    this.region.querySelectorAll('.chat-offer-left[data-until]').forEach((el) => {
      const left = Math.max(0, Math.ceil((Date.parse(el.dataset.until) - now) / 1000));
      el.textContent = t('chat.offer.left', { n: left });
    });
    this.region.querySelectorAll('.chat-offer-bar span[data-until]').forEach((el) => {
      const length = this.lengths.get(Number(el.closest('[data-offer]').dataset.offer)) || 1;
      const left = Math.max(0, (Date.parse(el.dataset.until) - now) / 1000);
      el.style.width = `${Math.min(100, (left / length) * 100)}%`;
    });
  }
}
