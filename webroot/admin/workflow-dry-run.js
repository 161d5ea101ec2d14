// Trying the workflow form on a ticket before it is saved: the ticket named by number or id, the dry run's answer
// shown as the fields that would change and what each action would do. Nothing is saved or sent.
import { Session } from '../app/api.js';
import { h, replace } from '../app/dom.js';
import { t } from '../app/i18n.js';

/**
 * The "try on a ticket" part of the workflow form.
 * @param {!Session} session
 * @param {function(): !Object<string, *>} read the workflow as the form has it
 * @param {function(!Object<string, string>)} showErrors marks the form's fields a 422 names
 * @return {!HTMLElement}
 */
export function dryRunPart(session, read, showErrors) {
  const ticket = /** @type {!HTMLInputElement} */ (h('input', { id: 'wf-dry-ticket', inputmode: 'numeric', placeholder: t('wf.dry.ticket_placeholder') }));
  const report = h('div', { id: 'wf-dry-result', role: 'status', 'aria-live': 'polite' });
  const tryIt = async () => {
    replace(report);
    try {
      const body = read();
      const found = await findTicket(session, ticket.value.trim());
      const result = /** @type {!Object<string, ?>} */ (await session.post('/api/v1/workflows/dry-run', { ...body, ticket_id: found }));
      replace(report, dryRunReport(result));
    } catch (failure) {
      if (failure.fields) showErrors(failure.fields());
      replace(report, h('p.form-error', { id: 'wf-dry-verdict' }, t('error.generic', { detail: failure.message })));
    }
  };
  return h('fieldset.card.inner', { id: 'wf-dry' }, h('legend', null, t('wf.dry.title')), h('p.hint', null, t('wf.dry.hint')),
    h('div.add-option', null, h('label.sr-only', { for: 'wf-dry-ticket' }, t('wf.dry.ticket')), ticket,
      h('button', { type: 'button', id: 'wf-dry-run', onclick: tryIt }, t('wf.dry.run'))),
    report);
}

/**
 * What a dry run found: each field that would change, and what each action would do.
 * @param {!Object<string, ?>} result
 * @return {!Array<!HTMLElement>}
 */
function dryRunReport(result) {
  if (!result['matched']) return [h('p', { id: 'wf-dry-verdict' }, t('wf.dry.not_matched'))];
  const all = /** @type {!Object<string, ?>} */ (result['changes'] || {});
  // a field changed by id and by name (priority_id and priority) is shown once, by its name
  const changes = Object.entries(all).filter(([field]) => !(field.endsWith('_id') && field.slice(0, -3) in all));
  const value = (v) => (v === null || v === undefined ? '–' : Array.isArray(v) ? v.join(', ') : String(v));
  /** @param {string} key @return {?string} */
  const known = (key) => (t(key) === key ? null : t(key));
  return [
    h('p', { id: 'wf-dry-verdict' }, changes.length ? t('wf.dry.would_change') : t('wf.dry.nothing')),
    changes.length ? h('dl.changes', { id: 'wf-dry-changes' }, changes.map(([field, change]) => [
      h('dt', null, known(`field.${field}`) || known(`field.${field}_id`) || field),
      h('dd', null, `${value(change.from)} → ${value(change.to)}`)])) : null,
    h('ol.wf-dry-actions', null, (result['actions'] || []).map((done) => h('li', null,
      `${t(`wf.action.${done.type}`)}: ${t(`wf.status.${done.status}`)}${done.error ? ` (${done.error})` : ''}`))),
  ];
}

/**
 * The id of the ticket typed: a ticket number is looked up, a short number is an id.
 * @param {!Session} session
 * @param {string} text
 * @return {!Promise<number>}
 */
async function findTicket(session, text) {
  if (!/^\d+$/.test(text)) throw new Error(t('wf.dry.ticket_needed'));
  if (text.length < 10) return Number(text);
  const page = await session.get(`/api/v1/tickets?q=${encodeURIComponent(text)}&limit=5`);
  const found = page.items.find((ticket) => ticket.tn === text);
  if (!found) throw new Error(t('wf.dry.no_ticket', { tn: text }));
  return Number(found.id);
}
