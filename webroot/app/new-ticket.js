// A ticket an agent opens, e.g. from a phone call.
import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { ConsoleContext } from './context.js';

export class NewTicketView {
  /**
   * @param {!HTMLElement} root
   * @param {!ConsoleContext} ctx
   */
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
  }

  open() {
    const { queues, priorities } = this.ctx.lookups;
    const input = (id, attrs = {}) => h('input', { id, name: id, ...attrs });
    const title = input('new-title', { required: true, maxlength: 255 });
    const queue = h('select', { id: 'new-queue' }, queues.map((q) => h('option', { value: q.id }, q.name)));
    const priority = h('select', { id: 'new-priority' }, priorities.map((p) => h('option', { value: p.id }, p.name)));
    priority.value = String((priorities.find((p) => p.name === '3 normal') || priorities[0] || {}).id);
    const customer = input('new-customer', { autocomplete: 'off' });
    const kind = h('select', { id: 'new-kind' },
      h('option', { value: 'phone' }, t('new.kind.phone')), h('option', { value: 'note-external' }, t('new.kind.note')));
    const body = h('textarea', { id: 'new-body', rows: 8, required: true });
    const error = h('p.form-error', { role: 'alert' });
    const field = (id, key, control) => h('div.field', null, h('label', { for: id }, t(key)), control);
    const form = h('form.new-ticket', { id: 'new-ticket-form', 'aria-labelledby': 'view-title' },
      field('new-title', 'new.title', title),
      field('new-queue', 'ticket.queue', queue),
      field('new-priority', 'ticket.priority', priority),
      field('new-customer', 'new.customer', customer),
      field('new-kind', 'new.kind', kind),
      field('new-body', 'compose.body', body),
      error,
      h('button.primary', { type: 'submit', id: 'new-submit' }, t('new.create')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      if (!title.value.trim() || !body.value.trim()) {
        error.textContent = t('new.missing');
        return;
      }
      const ticket = {
        title: title.value.trim(), queue_id: Number(queue.value), priority_id: Number(priority.value), source: 'phone',
        article: { subject: title.value.trim(), body: body.value, article_type: kind.value },
      };
      if (customer.value.trim()) ticket.customer_user = customer.value.trim();
      try {
        const created = await this.ctx.session.post('/api/v1/tickets', ticket);
        location.hash = `#/ticket/${created.id}`;
      } catch (failure) {
        const detail = Object.entries(failure.fields ? failure.fields() : {}).map(([f, m]) => `${f}: ${m}`).join('; ');
        error.textContent = t('error.generic', { detail: detail || failure.message });
      }
    });
    replace(this.root, h('div.view-header', null, h('h1', { id: 'view-title' }, t('nav.new_ticket'))), form);
    title.focus();
  }
}
