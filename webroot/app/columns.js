// The ticket list's columns: which there are, the default set, and how each cell reads and counts on.
import { h, when } from './dom.js';
import { t, language } from './i18n.js';
import { Ticket } from './types.js';

const OPEN_TYPES = ['new', 'open', 'pending'];

/** Every column a list or a saved view may show, in the order they stand. */
export const COLUMNS = ['tn', 'title', 'state', 'priority', 'queue', 'owner', 'customer', 'age', 'deadline',
  'first_response', 'changed'];

/**
 * The columns a view shows: those it chose, in the usual order, else all.
 * @param {?Array<*>|undefined} chosen
 * @return {!Array<string>}
 */
export function columnsOf(chosen) {
  const picked = (chosen || []).map(String).filter((key) => COLUMNS.includes(key));
  return picked.length ? COLUMNS.filter((key) => picked.includes(key)) : COLUMNS;
}

/**
 * "45m", "5h 10m", "3d 4h": how long a span is, to the minute.
 * @param {number} seconds
 * @return {string}
 */
export function span(seconds) {
  const minutes = Math.max(0, Math.floor(seconds / 60));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/**
 * A deadline cell as it reads now: a countdown, red once breached, amber once its warning (the SLA's notify
 * percentage) is due.
 * @param {?HTMLElement} cell
 * @param {number} now epoch seconds
 */
function countdown(cell, now) {
  if (!cell) return;
  const at = Number(cell.dataset.at || 0);
  const warn = Number(cell.dataset.warn || 0);
  cell.classList.toggle('breached', at > 0 && at <= now);
  cell.classList.toggle('at-risk', at > now && warn > 0 && warn <= now);
  cell.textContent = !at ? '–' : at > now ? t('list.deadline.in', { d: span(at - now) })
    : t('list.deadline.over', { d: span(now - at) });
}

/**
 * The age and deadline cells of a row, as they read now.
 * @param {!HTMLElement} row
 * @param {number} now epoch seconds
 */
export function count(row, now) {
  const age = /** @type {?HTMLElement} */ (row.querySelector('td.age'));
  if (age && age.dataset.since) age.textContent = span(now - Number(age.dataset.since));
  countdown(/** @type {?HTMLElement} */ (row.querySelector('td.deadline')), now);
  countdown(/** @type {?HTMLElement} */ (row.querySelector('td.first-response')), now);
}

/**
 * @param {string} key
 * @return {!HTMLElement}
 */
export function headerCell(key) {
  return h('th', { scope: 'col', dataset: { column: key } }, t(`list.col.${key}`));
}

/**
 * @param {string} key
 * @param {!Ticket} ticket
 * @return {!HTMLElement}
 */
export function cell(key, ticket) {
  const open = OPEN_TYPES.includes(ticket.state_type);
  switch (key) {
    case 'tn': return h('td.tn', null, ticket.tn);
    case 'title': return h('td.title', null, h('a', { href: `#/ticket/${ticket.id}` }, ticket.title || t('ticket.untitled')));
    case 'state': return h('td', null, h('span', { class: `state state-${ticket.state_type}` }, ticket.state));
    case 'priority': return h('td', null, ticket.priority || '');
    case 'queue': return h('td', null, ticket.queue);
    case 'owner': return h('td', null, ticket.owner || '–');
    case 'customer': return h('td', null, ticket.customer_user || ticket.customer_id || '');
    case 'age': return h('td.age', { dataset: { since: ticket.create_time ? Math.floor(Date.parse(ticket.create_time) / 1000) : '' } });
    case 'deadline': return h('td.deadline', { dataset: { at: open ? ticket.escalation_time || 0 : 0,
      warn: open ? ticket.escalation_warning_time || 0 : 0 } });
    case 'first_response': return h('td.first-response', { dataset: { at: open ? ticket.escalation_response_time || 0 : 0,
      warn: open && ticket.escalation_response_time === ticket.escalation_time ? ticket.escalation_warning_time || 0 : 0 } });
    default: return h('td', null, h('time', { datetime: ticket.change_time }, when(ticket.change_time, language())));
  }
}
