// The ticket's side panels beside its fields: the tickets it is linked to (both ways, Normal or parent/child) and the
// agents who watch it, with watch/unwatch for the agent looking at it. The lists themselves show what a click did:
// no toast, which would cover the side bar's buttons.
import { h, replace, toast } from './dom.js';
import { t } from './i18n.js';
import { ConsoleContext } from './context.js';
import { Page, Ticket, TicketLink, Watcher } from './types.js';

/**
 * The links panel: each linked ticket with this ticket's part in the link, a remove button, and a form to link
 * another ticket by its number.
 * @param {!ConsoleContext} ctx
 * @param {!Ticket} ticket
 * @return {!HTMLElement}
 */
export function linksPanel(ctx, ticket) {
  const list = h('ul.relations', { id: 'links-list' });
  const number = /** @type {!HTMLInputElement} */ (h('input', { id: 'link-number', name: 'ticket_number',
    inputmode: 'numeric', autocomplete: 'off', required: true }));
  const type = /** @type {!HTMLSelectElement} */ (h('select', { id: 'link-type', name: 'type' },
    ['normal', 'parent', 'child'].map((value) => h('option', { value }, t(`links.add.${value}`)))));
  const error = h('p.form-error', { id: 'link-error', role: 'alert' });

  async function load() {
    try {
      const page = /** @type {!Page} */ (await ctx.session.get(`/api/v1/tickets/${ticket.id}/links`));
      const links = /** @type {!Array<!TicketLink>} */ (page.items);
      replace(list, links.length ? links.map((link) => h('li', { 'data-ticket': String(link.ticket_id) },
        h('span.link-type', null, t(`links.type.${link.type}`)), ' ',
        h('a', { href: `#/ticket/${link.ticket_id}` }, `#${link.tn}`), ' ',
        h('span', null, link.title || t('ticket.untitled')), ' ',
        h('span.muted', null, `(${link.state})`), ' ',
        h('button.link.remove', { type: 'button', 'aria-label': t('links.remove_label', { tn: link.tn }),
          onclick: () => remove(link) }, t('links.remove'))))
        : h('li.muted', null, t('links.none')));
    } catch (failure) {
      replace(list, h('li.form-error', null, t('error.generic', { detail: failure.message })));
    }
  }

  /** @param {!TicketLink} link */
  async function remove(link) {
    try {
      await ctx.session.del(`/api/v1/tickets/${ticket.id}/links/${link.ticket_id}`);
      load();
    } catch (failure) {
      error.textContent = t('error.generic', { detail: failure.message });
    }
  }

  const form = h('form.link-add', { id: 'link-add' },
    h('div.field', null, h('label', { for: 'link-number' }, t('links.number')), number),
    h('div.field', null, h('label', { for: 'link-type' }, t('links.kind')), type),
    error,
    h('button', { type: 'submit', id: 'link-submit' }, t('links.add')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const tn = number.value.trim().replace(/^#/, '');
    if (!tn) {
      error.textContent = t('links.number_missing');
      number.focus();
      return;
    }
    try {
      await ctx.session.post(`/api/v1/tickets/${ticket.id}/links`, { ticket_number: tn, type: type.value });
      number.value = '';
      load();
    } catch (failure) {
      const fields = failure.fields ? failure.fields() : {};
      error.textContent = failure.status === 409 ? t('links.exists')
        : Object.values(fields).length ? t('links.refused', { detail: Object.values(fields).join('; ') })
          : t('error.generic', { detail: failure.message });
    }
  });
  load();
  return h('section.side-panel', { id: 'links', 'aria-labelledby': 'links-heading' },
    h('h2', { id: 'links-heading' }, t('links.heading')), list, form);
}

/**
 * The watchers panel: who watches the ticket, and a button for the agent looking at it to watch or stop.
 * @param {!ConsoleContext} ctx
 * @param {!Ticket} ticket
 * @return {!HTMLElement}
 */
export function watchersPanel(ctx, ticket) {
  const list = h('ul.relations', { id: 'watchers-list' });
  const button = /** @type {!HTMLButtonElement} */ (h('button', { type: 'button', id: 'watch-toggle', disabled: true },
    t('watchers.watch')));
  let watching = false;

  async function load() {
    try {
      const page = /** @type {!Page} */ (await ctx.session.get(`/api/v1/tickets/${ticket.id}/watchers`));
      const watchers = /** @type {!Array<!Watcher>} */ (page.items);
      watching = watchers.some((watcher) => watcher.user_id === ctx.me.id);
      button.textContent = t(watching ? 'watchers.unwatch' : 'watchers.watch');
      button.setAttribute('aria-pressed', String(watching));
      button.disabled = false;
      replace(list, watchers.length ? watchers.map((watcher) => h('li', null, watcher.name || watcher.login,
        watcher.user_id === ctx.me.id ? h('span.muted', null, ` ${t('watchers.you')}`) : null))
        : h('li.muted', null, t('watchers.none')));
    } catch (failure) {
      replace(list, h('li.form-error', null, t('error.generic', { detail: failure.message })));
    }
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      if (watching) await ctx.session.del(`/api/v1/tickets/${ticket.id}/watchers/me`);
      else await ctx.session.put(`/api/v1/tickets/${ticket.id}/watchers/me`, {});
    } catch (failure) {
      toast(t('error.generic', { detail: failure.message }), 'error');
    }
    load();
  });
  load();
  return h('section.side-panel', { id: 'watchers', 'aria-labelledby': 'watchers-heading' },
    h('h2', { id: 'watchers-heading' }, t('watchers.heading')), list, button);
}
