// The forms of the mail channel's admin pages: postmaster filters (matches and actions as rows and pickers, not
// JSON) and a queue's auto-responses (reply, follow-up, reject).
import { h, replace } from '../app/dom.js';
import { Session } from '../app/api.js';
import { t } from '../app/i18n.js';
import { buildForm } from './form.js';
import { Choices, Field } from './resources.js';

/**
 * A custom admin form: its element, read() for the JSON body to send, showErrors({field: message}) for a 422.
 * @typedef {{form: !HTMLElement, read: function(): !Object<string, *>, showErrors: function(!Object<string, string>)}}
 */
let CustomForm;

/** @type {!Array<!Field>} */
const FILTER_FIELDS = [
  { name: 'name', type: 'text', required: true },
  { name: 'position', type: 'number', hint: 'filter.position_hint' },
  { name: 'stop', type: 'bool', hint: 'filter.stop_hint' },
  { name: 'comments', type: 'text' },
  { name: 'valid_id', type: 'valid' },
];

/** Headers a filter usually looks at; any other header name may be typed. */
const HEADERS = ['From', 'To', 'Cc', 'Subject', 'Reply-To', 'Return-Path', 'X-Spam-Flag', 'X-Priority', 'body'];

/**
 * A select of one list's names, with an empty choice first.
 * @param {string} id
 * @param {!Choices} choices
 * @param {*} value
 * @return {!HTMLSelectElement}
 */
function picker(id, choices, value) {
  const select = /** @type {!HTMLSelectElement} */ (h('select', { id },
    h('option', { value: '' }, t('filter.unchanged')), choices.map(([v, name]) => h('option', { value: v }, name))));
  select.value = value === undefined || value === null ? '' : String(value);
  return select;
}

/**
 * The form of a postmaster filter, or of a new one (null).
 * @param {?Object<string, ?>} item
 * @param {!Object<string, !Choices>} names the queues, priorities and states
 * @param {!Session} session
 * @return {!CustomForm}
 */
export function filterForm(item, names, session) {
  const base = buildForm('postmaster-filters', FILTER_FIELDS, item, {});
  const rows = h('div.match-rows', { id: 'filter-matches' });
  let next = 0;
  /** @param {?Object<string, ?>} match */
  const addMatch = (match) => {
    const i = next++;
    const header = h('input', { id: `match-${i}-header`, list: 'filter-headers', required: true, value: match ? match.header : '',
      'aria-label': t('filter.header'), placeholder: t('filter.header') });
    const pattern = h('input', { id: `match-${i}-pattern`, required: true, value: match ? match.pattern : '',
      'aria-label': t('filter.pattern'), placeholder: t('filter.pattern_placeholder'), spellcheck: 'false' });
    const negate = h('input', { id: `match-${i}-negate`, type: 'checkbox', checked: Boolean(match && match.negate) });
    const row = h('div.match-row', { 'data-match': String(i) }, header, pattern,
      h('label.negate', null, negate, ' ', t('filter.negate')),
      h('button', { type: 'button', 'aria-label': t('filter.remove_match'), onclick: () => row.remove() }, '✕'));
    rows.append(row);
  };
  const matches = (item && item.matches) || [null];
  matches.forEach(addMatch);
  const a = (item && item.actions) || {};
  const queue = picker('filter-queue', names['queues'] || [], a.queue_id);
  const priority = picker('filter-priority', names['priorities'] || [], a.priority_id);
  const state = picker('filter-state', names['states'] || [], a.state_id);
  const tags = /** @type {!HTMLInputElement} */ (h('input', { id: 'filter-tags', value: (a.tags || []).join(', '), placeholder: 'vip, invoice' }));
  const drop = /** @type {!HTMLInputElement} */ (h('input', { id: 'filter-drop', type: 'checkbox', checked: Boolean(a.drop) }));
  const matchErrors = h('p.field-error', { id: 'filter-matches-error', role: 'alert' });
  const actionErrors = h('p.field-error', { id: 'filter-actions-error', role: 'alert' });
  const form = h('div', null,
    h('div.grid-form', null, base.rows),
    h('fieldset.card.inner', null, h('legend', null, t('filter.matches')), h('p.hint', null, t('filter.matches_hint')),
      rows, h('datalist', { id: 'filter-headers' }, HEADERS.map((name) => h('option', { value: name }))),
      h('button', { type: 'button', id: 'filter-add-match', onclick: () => addMatch(null) }, t('filter.add_match')), matchErrors),
    h('fieldset.card.inner', null, h('legend', null, t('filter.actions')),
      h('div.grid-form', null,
        h('div.field', null, h('label', { for: 'filter-queue' }, t('filter.move_to')), queue),
        h('div.field', null, h('label', { for: 'filter-priority' }, t('field.priority_id')), priority),
        h('div.field', null, h('label', { for: 'filter-state' }, t('field.state_id')), state),
        h('div.field', null, h('label', { for: 'filter-tags' }, t('field.tags')), tags, h('p.hint', null, t('filter.tags_hint'))),
        h('div.field.wide', null, h('label', null, drop, ' ', t('filter.drop_label')))),
      actionErrors),
    pastedMailTest(session, names));

  function read() {
    const body = base.read();
    body['matches'] = Array.from(rows.querySelectorAll('.match-row')).map((row) => ({
      header: /** @type {!HTMLInputElement} */ (row.children[0]).value.trim(),
      pattern: /** @type {!HTMLInputElement} */ (row.children[1]).value,
      negate: /** @type {!HTMLInputElement} */ (row.querySelector('input[type=checkbox]')).checked,
    }));
    /** @type {!Object<string, *>} */
    const actions = {};
    if (queue.value) actions['queue_id'] = Number(queue.value);
    if (priority.value) actions['priority_id'] = Number(priority.value);
    if (state.value) actions['state_id'] = Number(state.value);
    const tagList = tags.value.split(',').map((tag) => tag.trim()).filter(Boolean);
    if (tagList.length) actions['tags'] = tagList;
    if (drop.checked) actions['drop'] = true;
    body['actions'] = actions;
    return body;
  }

  /** @param {!Object<string, string>} errors */
  function showErrors(errors) {
    base.showErrors(errors);
    const about = (prefix) => Object.entries(errors).filter(([field]) => field.startsWith(prefix))
      .map(([field, message]) => `${field.replace(/^matches\[(\d+)\]\.?/, (_, i) => t('filter.match_n', { n: String(Number(i) + 1) }) + ' ')}${message}`)
      .join('; ');
    matchErrors.textContent = about('matches');
    actionErrors.textContent = about('actions');
  }

  return { form, read, showErrors };
}

/**
 * Pasting a mail to see what the saved, valid filters would do to it (POST /api/v1/postmaster-filters/test).
 * @param {!Session} session
 * @param {!Object<string, !Choices>} names the queues, priorities and states
 * @return {!HTMLElement}
 */
function pastedMailTest(session, names) {
  const mail = /** @type {!HTMLTextAreaElement} */ (h('textarea', { id: 'filter-test-mail', rows: 6, spellcheck: 'false',
    placeholder: 'From: someone@example.com\nSubject: …\n\n…' }));
  const result = h('div', { id: 'filter-test-result', role: 'status', 'aria-live': 'polite' });
  /** @param {string} list @param {*} id */
  const named = (list, id) => String(((names[list] || []).find(([v]) => String(v) === String(id)) || [id, id])[1]);
  const run = async () => {
    replace(result);
    try {
      const answer = /** @type {?} */ (await session.post('/api/v1/postmaster-filters/test', { mail: mail.value }));
      const decided = [];
      if (answer.queue_id) decided.push(`${t('filter.move_to')}: ${named('queues', answer.queue_id)}`);
      if (answer.priority_id) decided.push(`${t('field.priority_id')}: ${named('priorities', answer.priority_id)}`);
      if (answer.state_id) decided.push(`${t('field.state_id')}: ${named('states', answer.state_id)}`);
      if (answer.tags.length) decided.push(`${t('field.tags')}: ${answer.tags.join(', ')}`);
      if (answer.drop) decided.push(t('filter.drop'));
      replace(result,
        h('p', { id: 'filter-test-applied' }, answer['applied'].length
          ? t('filter.test_applied', { names: answer['applied'].join(', ') }) : t('filter.test_none')),
        decided.length ? h('p', { id: 'filter-test-decided' }, decided.join('; ')) : null);
    } catch (failure) {
      replace(result, h('p.form-error', null, t('error.generic', { detail: failure.message })));
    }
  };
  return h('fieldset.card.inner', { id: 'filter-test' }, h('legend', null, t('filter.test')),
    h('p.hint', null, t('filter.test_hint')),
    h('div.field.wide', null, h('label', { for: 'filter-test-mail' }, t('filter.test_mail')), mail),
    h('button', { type: 'button', id: 'filter-test-run', onclick: run }, t('filter.test_run')), result);
}

const KINDS = ['auto_reply', 'auto_follow_up', 'auto_reject'];

/**
 * A queue's auto-responses: for each kind whether it is sent, its subject, text and format.
 * @param {!Object<string, ?>} queue
 * @return {!CustomForm}
 */
export function autoResponseForm(queue) {
  const config = queue.auto_response_config || {};
  const parts = KINDS.map((kind) => {
    const current = config[kind] || {};
    const enabled = /** @type {!HTMLInputElement} */ (h('input', { type: 'checkbox', id: `auto-${kind}-enabled`,
      checked: Boolean(current.body) && current.enabled !== false }));
    const subject = /** @type {!HTMLInputElement} */ (h('input', { id: `auto-${kind}-subject`, value: current.subject || '' }));
    const body = /** @type {!HTMLTextAreaElement} */ (h('textarea', { id: `auto-${kind}-body`, rows: 5 }, current.body || ''));
    const format = /** @type {!HTMLSelectElement} */ (h('select', { id: `auto-${kind}-type` },
      h('option', { value: 'text/plain' }, t('content_type.text/plain')), h('option', { value: 'text/html' }, t('content_type.text/html'))));
    format.value = String(current.content_type || 'text/plain').startsWith('text/html') ? 'text/html' : 'text/plain';
    const error = h('p.field-error', { id: `auto-${kind}-error`, role: 'alert' });
    const element = h('fieldset.card.inner', { id: `auto-${kind}` }, h('legend', null, t(`auto.${kind}`)),
      h('p.hint', null, t(`auto.${kind}.hint`)),
      h('div.field', null, h('label', null, enabled, ' ', t('auto.send'))),
      h('div.field', null, h('label', { for: subject.id }, t('auto.subject')), subject),
      h('div.field', null, h('label', { for: body.id }, t('auto.body')), body),
      h('div.field', null, h('label', { for: format.id }, t('field.content_type')), format), error);
    return { kind, enabled, subject, body, format, error, element };
  });
  const form = h('div', null, h('p.hint', null, t('auto.tags_hint')), parts.map((p) => p.element));

  function read() {
    /** @type {!Object<string, *>} */
    const out = {};
    let missing = false;
    for (const p of parts) {
      p.error.textContent = '';
      const text = p.body.value.trim();
      if (p.enabled.checked && !text) {
        p.error.textContent = t('auto.needs_body');
        missing = true;
      }
      if (!text && !p.subject.value.trim()) continue;
      out[p.kind] = { subject: p.subject.value.trim(), body: p.body.value, content_type: p.format.value, enabled: p.enabled.checked };
    }
    if (missing) throw new Error(t('auto.needs_body'));
    return { auto_response_config: out };
  }

  return { form, read, showErrors: () => {} };
}
