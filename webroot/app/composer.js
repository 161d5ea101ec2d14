// Writing on a ticket: reply, internal note or phone note, with attachments; typing is announced as presence.
import { h } from './dom.js';
import { t } from './i18n.js';
import { ConsoleContext } from './context.js';
import { Ticket } from './types.js';

const KINDS = {
  reply: { article_type: 'email-external', internal_note: false },
  note: { article_type: 'note-internal', internal_note: true },
  phone: { article_type: 'phone', internal_note: false },
};

const IDLE_MS = 5000;

export class Composer {
  /**
   * @param {!ConsoleContext} ctx
   * @param {!Ticket} ticket
   * @param {{onSent: function(?), onClose: function()}} handlers onSent gets the article created
   */
  constructor(ctx, ticket, { onSent, onClose }) {
    this.ctx = ctx;
    this.ticket = ticket;
    this.onSent = onSent;
    this.onClose = onClose;
    this.composing = false;
    /** @type {number|undefined} */
    this.idle = undefined;
    // built by render()
    /** @type {string} */
    this.kind;
    /** @type {!HTMLElement} */
    this.error;
    /** @type {!HTMLInputElement} */
    this.subject;
    /** @type {!HTMLInputElement} */
    this.to;
    /** @type {!HTMLTextAreaElement} */
    this.body;
    /** @type {!HTMLInputElement} */
    this.files;
    /** @type {!HTMLButtonElement} */
    this.send;
    /** @type {!HTMLElement} */
    this.form;
  }

  /**
   * @param {string} kind 'reply', 'note' or 'phone'
   * @return {!HTMLElement}
   */
  render(kind) {
    this.kind = kind;
    const id = (name) => `compose-${name}`;
    this.error = h('p.form-error', { role: 'alert' });
    this.subject = /** @type {!HTMLInputElement} */ (h('input', { id: id('subject'), name: 'subject', value: `Re: ${this.ticket.title || ''}` }));
    this.to = /** @type {!HTMLInputElement} */ (h('input', { id: id('to'), name: 'to', type: 'email', value: (this.ticket.customer_user || '').includes('@') ? this.ticket.customer_user : '' }));
    this.body = /** @type {!HTMLTextAreaElement} */ (h('textarea', { id: id('body'), name: 'body', rows: 8, required: true }));
    this.files = /** @type {!HTMLInputElement} */ (h('input', { id: id('files'), name: 'files', type: 'file', multiple: true }));
    this.send = /** @type {!HTMLButtonElement} */ (h('button.primary', { type: 'submit', id: id('send') }, t(`compose.send.${kind}`)));
    const form = h('form.composer', { id: 'composer', 'aria-labelledby': id('heading') },
      h('h2', { id: id('heading') }, t(`compose.heading.${kind}`)),
      kind === 'reply' ? h('div.field', null, h('label', { for: id('to') }, t('compose.to')), this.to) : null,
      h('div.field', null, h('label', { for: id('subject') }, t('compose.subject')), this.subject),
      h('div.field', null, h('label', { for: id('body') }, t('compose.body')), this.body),
      h('div.field', null, h('label', { for: id('files') }, t('compose.attachments')), this.files),
      this.error,
      h('div.actions', null, this.send,
        h('button', { type: 'button', onclick: () => this.cancel() }, t('action.cancel'))));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.body.addEventListener('input', () => this.typing());
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.cancel();
      }
    });
    this.form = form;
    return form;
  }

  focus() {
    this.body.focus();
  }

  typing() {
    if (!this.composing) {
      this.composing = true;
      this.ctx.live.presence(this.ticket.id, 'composing');
    }
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stopTyping(), IDLE_MS);
  }

  stopTyping() {
    clearTimeout(this.idle);
    if (this.composing) {
      this.composing = false;
      this.ctx.live.presence(this.ticket.id, 'viewing');
    }
  }

  cancel() {
    this.stopTyping();
    this.onClose();
  }

  async submit() {
    this.error.textContent = '';
    if (!this.body.value.trim()) {
      this.error.textContent = t('compose.empty');
      this.body.focus();
      return;
    }
    const article = { subject: this.subject.value, body: this.body.value, content_type: 'text/plain', ...KINDS[this.kind] };
    if (this.kind === 'reply' && this.to.value.trim()) article.to_address = this.to.value.trim();
    this.send.disabled = true;
    try {
      const created = await this.ctx.session.post(`/api/v1/tickets/${this.ticket.id}/articles`, article);
      if (this.files.files.length) {
        await this.ctx.session.upload(`/api/v1/tickets/${this.ticket.id}/articles/${created.id}/attachments`,
          Array.from(this.files.files));
      }
      this.stopTyping();
      this.onSent(created);
    } catch (error) {
      const fields = error.fields ? error.fields() : {};
      const detail = Object.entries(fields).map(([field, message]) => `${field}: ${message}`).join('; ');
      this.error.textContent = t('error.generic', { detail: detail || error.message });
    } finally {
      this.send.disabled = false;
    }
  }
}
