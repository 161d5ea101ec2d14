// Writing on a ticket: a reply, a reply to all, a forward, an internal note or a phone note. E-mails start with the
// server's To/Cc/subject, the queue's salutation and signature and the quoted text; templates come from a picker or
// by typing `::`; the text is kept as a server-side draft while it is written; typing is announced as presence.
import { h, when } from './dom.js';
import { t, language } from './i18n.js';
import { ConsoleContext } from './context.js';
import { RichText, Suggestion, textToHtml } from './editor.js';
import { KbHelper } from './kb-composer.js';
import { Article, Ticket } from './types.js';

/**
 * What each kind of writing is: the article it becomes, the template type it offers, whether it is an e-mail.
 * @type {!Object<string, {article_type: string, internal_note: boolean, template_type: string, email: boolean}>}
 */
const KINDS = {
  reply: { article_type: 'email-external', internal_note: false, template_type: 'Answer', email: true },
  reply_all: { article_type: 'email-external', internal_note: false, template_type: 'Answer', email: true },
  forward: { article_type: 'email-external', internal_note: false, template_type: 'Forward', email: true },
  note: { article_type: 'note-internal', internal_note: true, template_type: 'Note', email: false },
  phone: { article_type: 'phone', internal_note: false, template_type: 'PhoneCall', email: false },
};

const IDLE_MS = 5000;
const DRAFT_SAVE_MS = 1500;

/**
 * The server's defaults for an e-mail (GET /tickets/{id}/reply-defaults).
 * @typedef {{to: ?string, cc: ?string, subject: ?string, next_state: ?string,
 *   salutation: ?{text: string, content_type: string}, signature: ?{text: string, content_type: string}}}
 */
let Defaults;

/**
 * A draft as the server keeps it (GET /tickets/{id}/draft).
 * @typedef {{kind: string, to: (string|undefined), cc: (string|undefined), bcc: (string|undefined),
 *   subject: (string|undefined), body: (string|undefined), reply_to_article_id: (number|undefined),
 *   forward_of_article_id: (number|undefined), next_state: (string|undefined), pending_until: (string|undefined)}}
 */
export let Draft;

/** @typedef {{id: number, name: string, template_type: string}} */
let Template;

/** @typedef {{id: number, name: string, type_name: (string|undefined)}} */
let State;

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
    /** @type {number|undefined} */
    this.saving = undefined;
    /** @type {?RichText} */
    this.editor = null;
    /** @type {?Article} the article answered or forwarded */
    this.source = null;
    /** @type {?Array<!Template>} the queue's templates of this kind, once asked for */
    this.templates = null;
    /** @type {?Array<{login: string, first_name: ?string, last_name: ?string}>} the queue's agents, once asked for */
    this.agents = null;
    // built by render()
    /** @type {string} */
    this.kind;
    /** @type {!HTMLElement} */
    this.error;
    /** @type {!HTMLElement} */
    this.notice;
    /** @type {!HTMLElement} */
    this.status;
    /** @type {!HTMLInputElement} */
    this.subject;
    /** @type {!HTMLInputElement} */
    this.to;
    /** @type {!HTMLInputElement} */
    this.cc;
    /** @type {!HTMLInputElement} */
    this.bcc;
    /** @type {!HTMLTextAreaElement} */
    this.body;
    /** @type {!HTMLSelectElement} */
    this.template;
    /** @type {!HTMLSelectElement} */
    this.state;
    /** @type {!HTMLInputElement} */
    this.pending;
    /** @type {!HTMLElement} */
    this.pendingField;
    /** @type {!HTMLInputElement} */
    this.files;
    /** @type {!HTMLInputElement} */
    this.timeUnits;
    /** @type {!HTMLElement} */
    this.timeUnitsMarker;
    /** whether the ticket's queue asks for the time units worked */
    this.timeUnitsRequired = false;
    /** @type {!HTMLButtonElement} */
    this.send;
    /** @type {!HTMLElement} */
    this.form;
  }

  /**
   * @param {string} kind 'reply', 'reply_all', 'forward', 'note' or 'phone'
   * @param {?Article=} source the article answered or forwarded
   * @return {!HTMLElement}
   */
  render(kind, source = null) {
    this.kind = kind;
    this.source = source;
    const email = KINDS[kind].email;
    const id = (/** string */ name) => `compose-${name}`;
    const input = (/** string */ name, /** !Object<string, ?> */ attributes) =>
      /** @type {!HTMLInputElement} */ (h('input', { id: id(name), name, ...attributes }));
    this.error = h('p.form-error', { role: 'alert' });
    this.notice = h('p.composer-notice', { id: id('notice'), role: 'status', hidden: true });
    this.status = h('span.muted', { id: id('status'), 'aria-live': 'polite' });
    this.to = input('to', { type: 'text', autocomplete: 'email' });
    this.cc = input('cc', { type: 'text', autocomplete: 'email' });
    this.bcc = input('bcc', { type: 'text', autocomplete: 'email' });
    this.subject = input('subject', { value: email ? '' : (this.ticket.title || '') });
    this.body = /** @type {!HTMLTextAreaElement} */ (h('textarea', { id: id('body'), name: 'body', rows: 10, 'aria-label': t('compose.body') }));
    this.template = /** @type {!HTMLSelectElement} */ (h('select', { id: id('template'), name: 'template' },
      h('option', { value: '' }, t('compose.template.none'))));
    this.state = /** @type {!HTMLSelectElement} */ (h('select', { id: id('state'), name: 'next_state' },
      h('option', { value: '' }, t('compose.state.unchanged'))));
    this.pending = input('pending', { type: 'datetime-local' });
    this.pendingField = h('div.field', { hidden: true }, h('label', { for: id('pending') }, t('compose.pending')), this.pending);
    this.files = input('files', { type: 'file', multiple: true });
    this.timeUnits = input('time-units', { type: 'text', inputmode: 'decimal', autocomplete: 'off', size: 8,
      'aria-describedby': id('time-units-hint') });
    this.timeUnitsMarker = h('span.required-marker', { hidden: true, title: t('compose.time_units.required') }, ' *');
    this.send = /** @type {!HTMLButtonElement} */ (h('button.primary', { type: 'submit', id: id('send') }, t(`compose.send.${kind}`)));
    const copies = h('div.field.copies', { hidden: true },
      h('label', { for: id('cc') }, t('compose.cc')), this.cc,
      h('label', { for: id('bcc') }, t('compose.bcc')), this.bcc);
    const showCopies = h('button.link', { type: 'button', id: id('show-copies'), onclick: () => {
      copies.hidden = false;
      showCopies.hidden = true;
      this.cc.focus();
    } }, t('compose.cc_bcc'));
    const form = h('form.composer', { id: 'composer', 'aria-labelledby': id('heading') },
      h('h2', { id: id('heading') }, t(`compose.heading.${kind}`)),
      this.notice,
      email ? h('div.field', null, h('label', { for: id('to') }, t('compose.to')), h('div.with-action', null, this.to, showCopies)) : null,
      email ? copies : null,
      h('div.field', null, h('label', { for: id('subject') }, t('compose.subject')), this.subject),
      h('div.field', null, h('label', { for: id('template') }, t('compose.template')), this.template,
        h('span.hint', null, t('compose.template.hint'))),
      h('div.field', null, h('label', { for: id('body') }, t('compose.body')), this.body),
      new KbHelper(this.ctx.session, this.ticket, (html) => this.insertHtml(html)).element,
      h('div.field', null, h('label', { for: id('files') }, t('compose.attachments')), this.files,
        kind === 'forward' ? h('span.hint', null, t('compose.forward_files')) : null),
      h('div.field.time-units', null, h('label', { for: id('time-units') }, t('compose.time_units'), this.timeUnitsMarker),
        this.timeUnits, h('span.hint', { id: id('time-units-hint') }, t('compose.time_units.hint'))),
      h('div.field', null, h('label', { for: id('state') }, t('compose.state')), this.state),
      this.pendingField,
      this.error,
      h('div.actions', null, this.send,
        h('button', { type: 'button', id: id('cancel'), onclick: () => this.cancel() }, t('action.cancel')),
        h('button', { type: 'button', id: id('discard'), onclick: () => this.discard() }, t('compose.discard')),
        this.status));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    form.addEventListener('input', () => this.changed());
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.cancel();
      }
    });
    this.state.addEventListener('change', () => this.showPending());
    this.template.addEventListener('change', () => {
      const chosen = Number(this.template.value);
      this.template.value = '';
      if (chosen) this.insertTemplate(chosen);
    });
    this.form = form;
    this.start();
    return form;
  }

  /**
   * Puts HTML where the cursor is, or below the text while the editor is not there.
   * @param {string} html
   */
  insertHtml(html) {
    if (this.editor) this.editor.insert(html);
    else this.body.value += `\n${html}`;
    this.changed();
  }

  /** Fills the form from the draft, or from the server's defaults, and turns the text field into the editor. */
  async start() {
    const kind = KINDS[this.kind];
    const [draft, defaults] = await Promise.all([
      this.ctx.session.get(`/api/v1/tickets/${this.ticket.id}/draft`).catch(() => null),
      kind.email ? this.ctx.session.get(`/api/v1/tickets/${this.ticket.id}/reply-defaults?${this.sourceQuery()}`)
        .catch(() => null) : Promise.resolve(null),
      this.loadStates(),
      this.loadTemplates(),
      this.loadQueueRules(),
    ]);
    const mine = /** @type {?Draft} */ (draft);
    const restored = mine && mine.kind === this.kind
      && (mine.reply_to_article_id || mine.forward_of_article_id || null) === (this.source ? this.source.id : null);
    if (restored) {
      this.fill(/** @type {!Draft} */ (mine));
      this.status.textContent = t('compose.draft.restored');
    } else {
      this.body.value = this.startingText(/** @type {?Defaults} */ (defaults));
      const given = /** @type {?Defaults} */ (defaults);
      if (given) {
        this.to.value = given.to || '';
        this.cc.value = given.cc || '';
        this.subject.value = given.subject || '';
        if (given.next_state) this.state.value = given.next_state;
      }
      if (this.cc.value) this.showCopies();
    }
    this.showPending();
    try {
      this.editor = await RichText.create(this.body, {
        onInput: () => this.changed(),
        searches: [{
          trigger: '::',
          fetch: (/** string */ typed) => this.matchingTemplates(typed),
          pick: (/** string */ value) => this.rendered(Number(value)),
        }, ...(this.kind === 'note' ? [{
          trigger: '@',
          fetch: (/** string */ typed) => this.matchingAgents(typed),
          pick: (/** string */ login) => Promise.resolve(`@${textToHtml(login)}&nbsp;`),
        }] : [])],
      });
      this.editor.focus();
    } catch (error) {
      // the plain text field stays usable
      this.body.focus();
    }
  }

  /** @return {string} the query naming the article answered or forwarded */
  sourceQuery() {
    if (!this.source) return '';
    return this.kind === 'forward' ? `forward_of_article_id=${this.source.id}`
      : `reply_to_article_id=${this.source.id}${this.kind === 'reply_all' ? '&reply_all=true' : ''}`;
  }

  /**
   * The salutation, the place for the answer, the signature, then the quoted article.
   * @param {?Defaults} defaults
   * @return {string}
   */
  startingText(defaults) {
    const part = (/** ?{text: string, content_type: string} */ text) => !text ? ''
      : /^text\/html/i.test(text.content_type) ? text.text : `<p>${textToHtml(text.text.trim())}</p>`;
    return [defaults ? part(defaults.salutation) : '', '<p></p>', defaults ? part(defaults.signature) : '',
      this.quote()].join('');
  }

  /** @return {string} the article answered, quoted, or the article forwarded under its header */
  quote() {
    const source = this.source;
    if (!source || !KINDS[this.kind].email) return '';
    const text = source.html_body || textToHtml(source.plain_body ?? source.body ?? '');
    const from = textToHtml(source.from_address || '');
    const time = when(source.create_time, language());
    return this.kind === 'forward'
      ? `<p>${t('compose.forwarded', { from, time })}</p><blockquote>${text}</blockquote>`
      : `<p>${t('compose.wrote', { from, time })}</p><blockquote>${text}</blockquote>`;
  }

  /** @param {!Draft} draft */
  fill(draft) {
    this.to.value = draft.to || '';
    this.cc.value = draft.cc || '';
    this.bcc.value = draft.bcc || '';
    if (this.cc.value || this.bcc.value) this.showCopies();
    this.subject.value = draft.subject || '';
    this.body.value = draft.body || '';
    this.state.value = draft.next_state || '';
    this.pending.value = draft.pending_until ? localTime(draft.pending_until) : '';
  }

  showCopies() {
    const copies = /** @type {?HTMLElement} */ (this.form.querySelector('.copies'));
    const button = /** @type {?HTMLElement} */ (this.form.querySelector('#compose-show-copies'));
    if (copies) copies.hidden = false;
    if (button) button.hidden = true;
  }

  /** Whether the ticket's queue asks for time units: then the field is required and marked so. */
  async loadQueueRules() {
    try {
      const queue = /** @type {{time_units_required: (boolean|undefined)}} */ (
        await this.ctx.session.get(`/api/v1/queues/${this.ticket.queue_id}`));
      this.timeUnitsRequired = Boolean(queue.time_units_required);
    } catch {
      this.timeUnitsRequired = false;
    }
    this.timeUnits.setAttribute('aria-required', String(this.timeUnitsRequired));
    this.timeUnitsMarker.hidden = !this.timeUnitsRequired;
  }

  async loadStates() {
    try {
      const answer = await this.ctx.session.get('/api/v1/states');
      const states = /** @type {!Array<!State>} */ (answer.items);
      this.state.append(...states.filter((state) => !['new', 'merged', 'removed'].includes(state.type_name || ''))
        .map((state) => h('option', { value: state.name, 'data-type': state.type_name || '' }, state.name)));
    } catch {
      // the ticket's state stays as it is
    }
  }

  async loadTemplates() {
    try {
      const type = KINDS[this.kind].template_type;
      const answer = await this.ctx.session.get(`/api/v1/templates?queue_id=${this.ticket.queue_id}&template_type=${type}&valid_id=1`);
      this.templates = /** @type {!Array<!Template>} */ (answer.items);
    } catch {
      this.templates = [];
    }
    this.template.append(...this.templates.map((template) => h('option', { value: String(template.id) }, template.name)));
    this.template.disabled = this.templates.length === 0;
  }

  /**
   * @param {string} typed what follows `::`
   * @return {!Promise<!Array<!Suggestion>>}
   */
  async matchingTemplates(typed) {
    const words = typed.toLowerCase();
    return (this.templates || []).filter((template) => template.name.toLowerCase().includes(words))
      .slice(0, 10).map((template) => ({ value: String(template.id), text: template.name }));
  }

  /**
   * The agents of the ticket's queue whose login or name holds what follows `@`: an internal note mentions them.
   * @param {string} typed
   * @return {!Promise<!Array<!Suggestion>>}
   */
  async matchingAgents(typed) {
    if (!this.agents) {
      try {
        this.agents = /** @type {!Array<{login: string, first_name: ?string, last_name: ?string}>} */ (
          (await this.ctx.session.get(`/api/v1/queues/${this.ticket.queue_id}/agents`)).items);
      } catch {
        this.agents = [];
      }
    }
    const words = typed.toLowerCase();
    return this.agents.map((agent) => ({ login: agent.login, name: [agent.first_name, agent.last_name].filter(Boolean).join(' ') }))
      .filter((agent) => agent.login.toLowerCase().includes(words) || agent.name.toLowerCase().includes(words))
      .slice(0, 10).map((agent) => ({ value: agent.login, text: agent.name ? `${agent.name} (@${agent.login})` : `@${agent.login}` }));
  }

  /**
   * A template filled for this ticket, as HTML.
   * @param {number} id
   * @return {!Promise<string>}
   */
  async rendered(id) {
    const filled = await this.ctx.session.post(`/api/v1/templates/${id}/render`, { ticket_id: this.ticket.id });
    return /^text\/html/i.test(filled.content_type || '') ? String(filled.body) : textToHtml(String(filled.body || ''));
  }

  /** @param {number} id */
  async insertTemplate(id) {
    try {
      const html = await this.rendered(id);
      if (this.editor) {
        this.editor.insert(html);
      } else {
        this.body.value += html;
      }
      this.changed();
    } catch (error) {
      this.error.textContent = t('error.generic', { detail: error.message });
    }
  }

  showPending() {
    const option = this.state.selectedOptions[0];
    this.pendingField.hidden = !option || !/^pending/.test(option.getAttribute('data-type') || '');
  }

  focus() {
    if (this.editor) this.editor.focus();
    else this.body.focus();
  }

  /** Something was typed: presence says so, and the draft is saved once typing pauses. */
  changed() {
    if (!this.composing) {
      this.composing = true;
      this.ctx.live.presence(this.ticket.id, 'composing');
    }
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stopTyping(), IDLE_MS);
    clearTimeout(this.saving);
    this.saving = setTimeout(() => this.saveDraft(), DRAFT_SAVE_MS);
  }

  stopTyping() {
    clearTimeout(this.idle);
    if (this.composing) {
      this.composing = false;
      this.ctx.live.presence(this.ticket.id, 'viewing');
    }
  }

  /** @return {string} the text as written, HTML when the editor runs */
  text() {
    return this.editor ? this.editor.html() : this.body.value;
  }

  async saveDraft() {
    /** @type {!Object<string, ?>} */
    const draft = { kind: this.kind, subject: this.subject.value, body: this.text(), content_type: 'text/html' };
    if (KINDS[this.kind].email) Object.assign(draft, { to: this.to.value, cc: this.cc.value, bcc: this.bcc.value });
    if (this.source) draft[this.kind === 'forward' ? 'forward_of_article_id' : 'reply_to_article_id'] = this.source.id;
    if (this.state.value) draft.next_state = this.state.value;
    if (this.pending.value) draft.pending_until = new Date(this.pending.value).toISOString();
    Object.keys(draft).forEach((key) => { if (draft[key] === '') delete draft[key]; });
    try {
      await this.ctx.session.put(`/api/v1/tickets/${this.ticket.id}/draft`, draft);
      this.status.textContent = t('compose.draft.saved', { time: new Date().toLocaleTimeString(language(), { hour: '2-digit', minute: '2-digit' }) });
    } catch {
      this.status.textContent = t('compose.draft.unsaved');
    }
  }

  /**
   * Someone else wrote on the ticket or changed it while this was being written: say so before it is sent.
   * @param {string} message
   */
  warn(message) {
    this.notice.textContent = message;
    this.notice.hidden = false;
  }

  /** The page goes away: what was written stays as the draft. */
  leave() {
    clearTimeout(this.saving);
    if (this.composing) this.saveDraft();
    this.stopTyping();
    if (this.editor) this.editor.destroy();
    this.editor = null;
  }

  cancel() {
    this.leave();
    this.onClose();
  }

  async discard() {
    this.composing = false;
    this.leave();
    await this.ctx.session.del(`/api/v1/tickets/${this.ticket.id}/draft`).catch(() => {});
    this.onClose();
  }

  async submit() {
    this.error.textContent = '';
    const text = this.editor ? this.editor.text() : this.body.value.trim();
    if (!text) {
      this.error.textContent = t('compose.empty');
      this.focus();
      return;
    }
    const units = this.timeUnits.value.trim();
    if (!units && this.timeUnitsRequired) {
      this.error.textContent = t('compose.time_units.missing');
      this.timeUnits.focus();
      return;
    }
    const kind = KINDS[this.kind];
    /** @type {!Object<string, ?>} */
    const article = {
      article_type: kind.article_type, internal_note: kind.internal_note, subject: this.subject.value,
      body: this.text(), content_type: this.editor ? 'text/html' : 'text/plain',
    };
    if (kind.email) {
      Object.assign(article, { to_address: this.to.value.trim() || null, decorate: false });
      if (this.cc.value.trim()) article.cc = this.cc.value.trim();
      if (this.bcc.value.trim()) article.bcc = this.bcc.value.trim();
      if (this.source && this.kind === 'forward') article.forward_of_article_id = this.source.id;
      if (this.source && this.kind !== 'forward') article.reply_to_article_id = this.source.id;
    }
    if (units) article.time_unit = units;
    if (this.state.value) article.next_state = this.state.value;
    if (!this.pendingField.hidden && this.pending.value) article.pending_until = new Date(this.pending.value).toISOString();
    clearTimeout(this.saving);
    this.send.disabled = true;
    try {
      const created = await this.ctx.session.post(`/api/v1/tickets/${this.ticket.id}/articles`, article);
      if (this.files.files.length) {
        await this.ctx.session.upload(`/api/v1/tickets/${this.ticket.id}/articles/${created.id}/attachments`,
          Array.from(this.files.files));
      }
      this.stopTyping();
      if (this.editor) this.editor.destroy();
      this.editor = null;
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

/**
 * An instant as the value of a datetime-local field, in the browser's time zone.
 * @param {string} instant
 * @return {string}
 */
function localTime(instant) {
  const date = new Date(instant);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}
