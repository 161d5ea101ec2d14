// The chat inbox: waiting chats with their wait time, accept, converse, close. Hidden where the server has no chats.
import { h, replace, duration, toast, bytes } from './dom.js';
import { t } from './i18n.js';
import { ConsoleContext } from './context.js';
import { ChatFile, ChatMessage, Frame } from './types.js';
import { ChatOfferCards } from './chat-offer.js';

/**
 * A chat as the chat routes and events give it; the inbox marks the ones that ended (closed).
 * @typedef {{
 *   id: (number|undefined), chat_id: (number|undefined), ticket_id: (?number|undefined),
 *   name: (?string|undefined), customer_name: (?string|undefined), email: (?string|undefined),
 *   queue: (?string|undefined), queue_id: (?number|undefined), agent_user_id: (?string|undefined), agent_id: (?string|undefined),
 *   waiting_since: (string|undefined), created_at: (string|undefined), create_time: (string|undefined),
 *   started_at: (string|undefined), queued_at: (string|undefined), closed: (boolean|undefined),
 *   page_url: (?string|undefined), referrer: (?string|undefined),
 *   offered_to: (?string|undefined), offered_until: (?string|undefined)
 * }}
 */
let Chat;

/** @type {function(!Chat): number} */
const chatId = (chat) => /** @type {number} */ (chat.id ?? chat.chat_id);
/** @type {function(!Chat): (string|undefined)} when the chat started waiting */
const since = (chat) => chat.waiting_since || chat.created_at || chat.create_time || chat.started_at || chat.queued_at;

export class ChatInbox {
  /** @param {!ConsoleContext} ctx */
  constructor(ctx) {
    this.ctx = ctx;
    /** @type {!Map<number, !Chat>} */
    this.waiting = new Map();
    /** @type {!Map<number, !Chat>} the chats this agent accepted */
    this.mine = new Map();
    this.available = false;
    /** @type {?Chat} the chat on screen */
    this.current = null;
    /** @type {?ChatScreen} */
    this.screen = null;
    /** @type {number|undefined} */
    this.reloadTimer = undefined;
    /** @type {number|undefined} */
    this.typingTimer = undefined;
    /** when this agent last said they are typing */
    this.typingSent = 0;
    this.offers = new ChatOfferCards((id) => this.acceptOffer(id), (id) => this.decline(id));
  }

  /**
   * Whether the server offers chats; afterwards the inbox follows the `chats` topic.
   * @return {!Promise<boolean>}
   */
  async probe() {
    try {
      const answer = await this.ctx.session.get('/api/v1/chats?state=waiting');
      (answer.items || []).forEach((chat) => {
        this.waiting.set(chatId(chat), chat);
        this.offered(chat);
      });
      this.available = true;
    } catch {
      this.available = false;
      return false;
    }
    try {
      const active = await this.ctx.session.get('/api/v1/chats?state=active');
      (active.items || []).filter((chat) => (chat.agent_user_id ?? chat.agent_id) === this.ctx.me.id)
        .forEach((chat) => this.mine.set(chatId(chat), chat));
    } catch {
      // only the chats accepted from here are listed then
    }
    this.ctx.live.on((frame) => this.onLive(frame));
    this.badge();
    return true;
  }

  badge() {
    const count = document.getElementById('chats-count');
    if (count) {
      count.textContent = this.waiting.size ? String(this.waiting.size) : '';
      count.setAttribute('aria-label', t('chat.waiting_count', { n: this.waiting.size }));
    }
  }

  /** @param {!Frame} frame */
  onLive(frame) {
    if (frame.type !== 'event') return;
    const data = frame.data || {};
    const id = data.chat_id ?? (data.chat && chatId(data.chat)) ?? data.id;
    switch (frame.event) {
      case 'chat.waiting':
        this.waiting.set(id, { ...(data.chat || data), id });
        if (!this.screen) toast(t('chat.new_waiting', { name: data.name || data.customer_name || (data.chat && data.chat.name) || '' }));
        break;
      case 'chat.offered':
        if (this.waiting.has(id)) {
          Object.assign(this.waiting.get(id), { offered_to: data.offered_to, offered_until: data.offered_until });
        }
        this.offered({ ...data, id });
        break;
      case 'chat.accepted':
        this.waiting.delete(id);
        this.offers.withdraw(id);
        break;
      case 'chat.closed':
        this.waiting.delete(id);
        this.offers.withdraw(id);
        if (this.mine.has(id)) this.mine.get(id).closed = true;
        if (this.current && chatId(this.current) === id) this.current.closed = true;
        break;
      case 'chat.message':
      case 'chat.typing':
      case 'article.created':
        if (this.current && (id === chatId(this.current) || data.ticket_id === this.current.ticket_id)) {
          if (frame.event === 'chat.typing') this.showTyping();
          else this.reloadSoon();
        }
        return;
      default:
        return;
    }
    this.badge();
    if (this.screen) this.screen.renderLists();
  }

  /**
   * @param {!HTMLElement} root
   * @return {!ChatScreen}
   */
  view(root) {
    this.screen = new ChatScreen(root, this);
    return this.screen;
  }

  /** @param {!Chat} chat */
  async accept(chat) {
    try {
      const accepted = await this.ctx.session.post(`/api/v1/chats/${chatId(chat)}/accept`);
      const merged = { ...chat, ...(accepted || {}) };
      this.waiting.delete(chatId(chat));
      this.offers.withdraw(chatId(chat));
      this.mine.set(chatId(chat), merged);
      this.badge();
      this.select(merged);
    } catch (error) {
      toast(error.status === 409 ? t('chat.taken') : t('error.generic', { detail: error.message }), 'warn');
      this.waiting.delete(chatId(chat));
      this.badge();
      if (this.screen) this.screen.renderLists();
    }
  }

  /**
   * Shows the chat's offer when it is offered to this agent, else takes any card of it away.
   * @param {!Chat} chat
   */
  offered(chat) {
    const id = chatId(chat);
    if (chat.offered_to && chat.offered_to === this.ctx.me.id && chat.offered_until) {
      this.offers.show({ id, customer_name: chat.customer_name || chat.name, queue: chat.queue, page_url: chat.page_url,
        offered_until: chat.offered_until });
    } else {
      this.offers.withdraw(id);
    }
  }

  /**
   * Takes the chat offered to this agent and opens it.
   * @param {number} id
   */
  async acceptOffer(id) {
    await this.accept(this.waiting.get(id) || { id });
    if (this.current && chatId(this.current) === id && location.hash !== '#/chats') location.hash = '#/chats';
  }

  /**
   * Passes on the chat offered to this agent; the server offers it to the next free agent.
   * @param {number} id
   */
  async decline(id) {
    try {
      await this.ctx.session.post(`/api/v1/chats/${id}/decline`);
    } catch (error) {
      // 409: accepted or ended meanwhile; 403: it ran out and went to the next agent meanwhile
      if (error.status !== 409 && error.status !== 403) toast(t('error.generic', { detail: error.message }), 'error');
    }
  }

  /** @param {!Chat} chat */
  select(chat) {
    if (this.current && this.current.ticket_id) this.ctx.live.unsubscribe(`ticket:${this.current.ticket_id}`);
    this.current = chat;
    if (chat.ticket_id) this.ctx.live.subscribe(`ticket:${chat.ticket_id}`);
    if (this.screen) {
      this.screen.renderLists();
      this.screen.renderConversation();
    }
  }

  reloadSoon() {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => this.screen && this.screen.loadTranscript(), 100);
  }

  showTyping() {
    if (!this.screen || !this.screen.typing) return;
    this.screen.typing.textContent = t('chat.customer_typing');
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => { if (this.screen) this.screen.typing.textContent = ''; }, 4000);
  }

  /**
   * Sends a message in the chat on screen.
   * @param {string} text
   */
  async send(text) {
    const chat = /** @type {!Chat} */ (this.current);
    await this.ctx.session.post(`/api/v1/chats/${chatId(chat)}/messages`, { text });
    this.reloadSoon();
  }

  /**
   * Sends files in the chat on screen, one upload each; each comes back as a message with its file.
   * @param {!Array<!File>} files
   */
  async sendFiles(files) {
    const chat = /** @type {!Chat} */ (this.current);
    for (const file of files) {
      try {
        await this.ctx.session.upload(`/api/v1/chats/${chatId(chat)}/files`, [file]);
      } catch (error) {
        toast(t('chat.file_not_sent', { file: file.name, detail: error.message }), 'error');
      }
    }
    this.reloadSoon();
  }

  /** The agent is typing in the chat on screen: the visitor sees so, at most once a second. */
  typing() {
    const chat = this.current;
    const now = Date.now();
    if (!chat || chat.closed || now - this.typingSent < 1000) return;
    this.typingSent = now;
    this.ctx.session.post(`/api/v1/chats/${chatId(chat)}/typing`).catch(() => {});
  }

  /** Ends the chat on screen. */
  async close() {
    const chat = /** @type {!Chat} */ (this.current);
    await this.ctx.session.post(`/api/v1/chats/${chatId(chat)}/close`);
    this.mine.delete(chatId(chat));
    chat.closed = true;
  }
}

class ChatScreen {
  /**
   * @param {!HTMLElement} root
   * @param {!ChatInbox} inbox
   */
  constructor(root, inbox) {
    this.root = root;
    this.inbox = inbox;
    /** @type {number|undefined} */
    this.ticker = undefined;
    /** @type {?HTMLElement} the open chat's messages */
    this.transcript = null;
    /** @type {?HTMLElement} */
    this.typing = null;
    // built by open()
    /** @type {!HTMLElement} */
    this.waitingList;
    /** @type {!HTMLElement} */
    this.mineList;
    /** @type {!HTMLElement} */
    this.conversation;
  }

  open() {
    this.waitingList = h('ul.chat-list', { id: 'chats-waiting', 'aria-labelledby': 'chats-waiting-heading' });
    this.mineList = h('ul.chat-list', { id: 'chats-mine', 'aria-labelledby': 'chats-mine-heading' });
    this.conversation = h('section.chat-conversation', { id: 'chat-conversation', 'aria-label': t('chat.conversation') });
    replace(this.root,
      h('div.view-header', null, h('h1', { id: 'view-title' }, t('nav.chats'))),
      h('div.chat-layout', null,
        h('div.chat-lists', null,
          h('h2', { id: 'chats-waiting-heading' }, t('chat.waiting')), this.waitingList,
          h('h2', { id: 'chats-mine-heading' }, t('chat.mine')), this.mineList),
        this.conversation));
    this.renderLists();
    this.renderConversation();
    this.ticker = setInterval(() => this.tick(), 1000);
  }

  close() {
    clearInterval(this.ticker);
    this.inbox.screen = null;
  }

  tick() {
    this.root.querySelectorAll('[data-since]').forEach((el) => {
      el.textContent = duration((Date.now() - Date.parse(el.dataset.since)) / 1000);
    });
  }

  renderLists() {
    const waiting = [...this.inbox.waiting.values()];
    replace(this.waitingList, waiting.length ? waiting.map((chat) => h('li.chat-item', null,
      h('span.chat-name', null, chat.name || chat.customer_name || chat.email || t('chat.anonymous')),
      chat.queue ? h('span.muted', null, ` · ${chat.queue}`) : null,
      chat.offered_to ? h('span.tag', null, chat.offered_to === this.inbox.ctx.me.id
        ? t('chat.offer.to_you') : t('chat.offer.to_colleague')) : null,
      since(chat) ? h('span.wait', null, ' · ', t('chat.waited'), ' ', h('span', { dataset: { since: since(chat) } }, '')) : null,
      h('button.primary', { type: 'button', dataset: { accept: chatId(chat) }, onclick: () => this.inbox.accept(chat) }, t('chat.accept'))))
      : h('li.muted', null, t('chat.none_waiting')));
    const mine = [...this.inbox.mine.values()];
    replace(this.mineList, mine.length ? mine.map((chat) => h('li.chat-item', { class: this.inbox.current === chat ? 'current' : '' },
      h('button.link', { type: 'button', onclick: () => this.inbox.select(chat) },
        chat.name || chat.customer_name || t('chat.anonymous')),
      chat.closed ? h('span.muted', null, ` (${t('chat.closed')})`) : null))
      : h('li.muted', null, t('chat.none_mine')));
    this.tick();
  }

  renderConversation() {
    const chat = this.inbox.current;
    if (!chat) {
      replace(this.conversation, h('p.muted', null, t('chat.pick')));
      return;
    }
    this.transcript = h('ol.transcript', { id: 'chat-transcript', 'aria-live': 'polite' });
    this.typing = h('p.typing', { 'aria-live': 'polite' });
    const input = /** @type {!HTMLTextAreaElement} */ (h('textarea', { id: 'chat-input', rows: 2 }));
    const suggestions = new TemplateSearch(this.inbox.ctx, chat, input);
    const fileInput = /** @type {!HTMLInputElement} */ (h('input', { type: 'file', id: 'chat-file', multiple: true, hidden: true }));
    fileInput.addEventListener('change', () => {
      const chosen = Array.from(fileInput.files || []);
      fileInput.value = '';
      if (chosen.length) this.inbox.sendFiles(chosen);
    });
    const form = /** @type {!HTMLFormElement} */ (h('form.chat-form', { id: 'chat-form' },
      h('label', { for: 'chat-input' }, t('chat.message')), input, suggestions.list,
      h('span.hint', null, t('chat.template_hint')),
      h('div.actions', null,
        h('button.primary', { type: 'submit', id: 'chat-send' }, t('chat.send')),
        fileInput,
        h('button', { type: 'button', id: 'chat-attach', onclick: () => fileInput.click() }, t('chat.attach')),
        h('button', { type: 'button', id: 'chat-close', onclick: () => this.closeChat() }, t('chat.end')))));
    input.addEventListener('input', () => this.inbox.typing());
    input.addEventListener('keydown', (event) => {
      if (suggestions.handles(/** @type {!KeyboardEvent} */ (event))) return;
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      try {
        await this.inbox.send(text);
        input.value = '';
      } catch (error) {
        toast(t('error.generic', { detail: error.message }), 'error');
      }
    });
    replace(this.conversation,
      h('h2', null, chat.name || chat.customer_name || t('chat.anonymous'),
        chat.ticket_id ? h('a.muted', { href: `#/ticket/${chat.ticket_id}` }, ` · ${t('chat.ticket')}`) : null),
      origin(chat), this.transcript, this.typing, chat.closed ? h('p.muted', null, t('chat.closed')) : form);
    this.loadTranscript();
    if (!chat.closed) input.focus();
  }

  async loadTranscript() {
    const chat = this.inbox.current;
    if (!chat || !this.transcript) return;
    try {
      const answer = await this.inbox.ctx.session.get(`/api/v1/chats/${chatId(chat)}/messages`);
      replace(this.transcript, ...answer.items.map((/** !ChatMessage */ message) => h(`li.message.from-${message.from}`, null,
        h('span.who', null, message.name || (message.from === 'customer' ? t('chat.customer') : t('chat.agent'))),
        message.attachments && message.attachments.length
          ? h('span.files', null, ...message.attachments.map((file) => this.file(file)))
          : h('span.text', null, message.text))));
      this.transcript.scrollTop = this.transcript.scrollHeight;
    } catch {
      // the next message tries again
    }
  }

  /**
   * A file sent in the chat: an image shown, anything else a link that saves it.
   * @param {!ChatFile} file
   * @return {!HTMLElement}
   */
  file(file) {
    const session = this.inbox.ctx.session;
    if (/^image\//.test(file.content_type)) {
      const image = /** @type {!HTMLImageElement} */ (h('img.chat-image', { alt: file.filename, title: file.filename }));
      session.objectUrl(file.url).then((url) => { image.src = url; }).catch(() => {});
      return image;
    }
    return h('button.link', { type: 'button', onclick: () => session.download(file.url, file.filename).catch(
      (error) => toast(t('error.generic', { detail: error.message }), 'error')) }, file.filename,
      file.size == null ? null : h('span.muted', null, ` (${bytes(file.size)})`));
  }

  async closeChat() {
    try {
      await this.inbox.close();
      this.renderLists();
      this.renderConversation();
    } catch (error) {
      toast(t('error.generic', { detail: error.message }), 'error');
    }
  }
}

/**
 * Where the visitor is: the page they started the chat on and the one that sent them there (http(s) only).
 * @param {!Chat} chat
 * @return {?HTMLElement}
 */
function origin(chat) {
  /** @type {function(string, (?string|undefined)): ?HTMLElement} */
  const line = (label, url) => url ? h('div', null, h('span.muted', null, `${label}: `),
    h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, url)) : null;
  return chat.page_url || chat.referrer
    ? h('div.chat-origin', { id: 'chat-origin' }, line(t('chat.page'), chat.page_url), line(t('chat.referrer'), chat.referrer))
    : null;
}

/**
 * Typing `::` and a few letters in the chat field lists the queue's chat templates (the Zammad text-module gesture);
 * Enter or a click puts the chosen one, filled for the chat's ticket, in place of what was typed.
 */
class TemplateSearch {
  /**
   * @param {!ConsoleContext} ctx
   * @param {!Chat} chat
   * @param {!HTMLTextAreaElement} input
   */
  constructor(ctx, chat, input) {
    this.ctx = ctx;
    this.chat = chat;
    this.input = input;
    /** @type {?Array<{id: number, name: string}>} */
    this.templates = null;
    /** @type {!Array<{id: number, name: string}>} */
    this.shown = [];
    this.active = 0;
    this.list = h('ul.suggestions', { id: 'chat-templates', role: 'listbox', hidden: true, 'aria-label': t('chat.templates') });
    input.setAttribute('aria-controls', 'chat-templates');
    input.addEventListener('input', () => this.search());
  }

  /** @return {?Array<string>} the words typed after `::` before the cursor, or null when there is no `::` */
  typed() {
    const before = this.input.value.slice(0, this.input.selectionStart);
    const match = /::([^\s:]*)$/.exec(before);
    return match ? [match[0], match[1]] : null;
  }

  async search() {
    const typed = this.typed();
    if (!typed) {
      this.hide();
      return;
    }
    if (!this.templates) {
      const queue = this.chat.queue_id ? `&queue_id=${this.chat.queue_id}` : '';
      try {
        this.templates = /** @type {!Array<{id: number, name: string}>} */ (
          (await this.ctx.session.get(`/api/v1/templates?template_type=Chat&valid_id=1${queue}`)).items);
      } catch {
        this.templates = [];
      }
    }
    const words = typed[1].toLowerCase();
    this.shown = this.templates.filter((template) => template.name.toLowerCase().includes(words)).slice(0, 8);
    this.active = 0;
    this.render();
  }

  render() {
    replace(this.list, this.shown.length ? this.shown.map((template, index) => h('li', {
      role: 'option', 'aria-selected': String(index === this.active), class: index === this.active ? 'active' : '',
      onmousedown: (/** !Event */ event) => {
        event.preventDefault();
        this.pick(template.id);
      },
    }, template.name)) : h('li.muted', null, t('chat.no_templates')));
    this.list.hidden = false;
  }

  hide() {
    this.list.hidden = true;
    this.shown = [];
  }

  /**
   * Arrow keys move, Enter picks, Escape closes while the list is open.
   * @param {!KeyboardEvent} event
   * @return {boolean} whether the key was the list's
   */
  handles(event) {
    if (this.list.hidden) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      this.active = Math.max(0, Math.min(this.shown.length - 1, this.active + (event.key === 'ArrowDown' ? 1 : -1)));
      this.render();
    } else if (event.key === 'Enter' && this.shown.length) {
      this.pick(this.shown[this.active].id);
    } else if (event.key === 'Escape') {
      this.hide();
    } else {
      return false;
    }
    event.preventDefault();
    event.stopPropagation();
    return true;
  }

  /** @param {number} id */
  async pick(id) {
    const typed = this.typed();
    this.hide();
    try {
      const filled = await this.ctx.session.post(`/api/v1/templates/${id}/render`, { ticket_id: this.chat.ticket_id });
      let text = String(filled.body || '');
      if (/^text\/html/i.test(filled.content_type || '')) {
        text = new DOMParser().parseFromString(text, 'text/html').body.textContent || '';
      }
      const end = this.input.selectionStart;
      const start = typed ? end - typed[0].length : end;
      this.input.setRangeText(text.trim(), start, end, 'end');
      this.input.focus();
    } catch (error) {
      toast(t('error.generic', { detail: error.message }), 'error');
    }
  }
}
