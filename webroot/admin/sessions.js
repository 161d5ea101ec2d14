// An agent's sign-in sessions, under the agent's form: when and where each began, and ending one or all of them.
import { h, replace, toast, when } from '../app/dom.js';
import { language, t } from '../app/i18n.js';
import { Session } from '../app/api.js';

/**
 * One session as GET /api/v1/users/{id}/sessions lists it.
 * @typedef {{id: string, created_at: ?string, expires_at: ?string, ip_address: ?string, user_agent: ?string,
 *   current: boolean}}
 */
let SignInSession;

/**
 * @param {!Session} session
 * @param {string} userId
 * @return {!Promise<!HTMLElement>}
 */
export async function userSessions(session, userId) {
  const path = `/api/v1/users/${encodeURIComponent(userId)}/sessions`;
  const list = h('ul.session-list', { id: 'user-sessions' });
  const endAll = h('button.danger', { type: 'button', id: 'sessions-end-all' }, t('sessions.end_all'));
  const panel = h('section.card.inner', { 'aria-labelledby': 'sessions-heading' },
    h('h3', { id: 'sessions-heading' }, t('sessions.title')), list, endAll);

  /** @param {?string} id one session, or all of them */
  const end = async (id) => {
    if (!window.confirm(t(id ? 'sessions.confirm_end' : 'sessions.confirm_end_all'))) return;
    try {
      await session.del(id ? `${path}/${encodeURIComponent(id)}` : path);
      toast(t('sessions.ended'));
    } catch (failure) {
      toast(t('error.generic', { detail: failure.message }), 'error');
    }
    load();
  };
  endAll.addEventListener('click', () => end(null));

  async function load() {
    const answer = await session.get(path).catch((failure) => {
      replace(list, h('li.form-error', { role: 'alert' }, t('error.generic', { detail: failure.message })));
      return null;
    });
    if (!answer) return;
    const items = /** @type {!Array<!SignInSession>} */ (answer.items);
    endAll.hidden = items.length === 0;
    replace(list, items.length === 0 ? h('li.muted', null, t('sessions.none')) : items.map((s) => h('li', { 'data-session': s.id },
      h('span', null, t('sessions.since', { when: when(s.created_at, language()), ip: s.ip_address || '–' }),
        s.current ? ` (${t('sessions.yours')})` : ''),
      h('span.muted.agent', null, ` ${s.user_agent || ''} `),
      h('button', { type: 'button', onclick: () => end(s.id) }, t('sessions.end')))));
  }
  await load();
  return panel;
}
