// The wallboard: the numbers of stats.updated in big type, two small charts, reconnecting on its own.
import { Session } from './api.js';
import { $, h, duration } from './dom.js';
import { init as initI18n, t, languageSwitch } from './i18n.js';
import { LiveStream } from './live.js';
import { signIn } from './login.js';
import { hoursChart, queuesChart } from './charts.js';
import { WallboardStats } from './types.js';

/** @type {?WallboardStats} the numbers shown, drawn again when the language changes */
let last = null;

/**
 * A kiosk key given as ?api_key= is kept in this tab's session storage and taken out of the address bar.
 * @return {!Session}
 */
function chooseSession() {
  const kiosk = new Session('wallboard', { storage: sessionStorage });
  const params = new URLSearchParams(location.search);
  const key = params.get('api_key');
  if (key) {
    kiosk.useApiKey(key);
    history.replaceState(null, '', location.pathname);
  }
  if (kiosk.signedIn) return kiosk;
  const agent = new Session('agent');
  return agent.signedIn ? agent : kiosk;
}

async function main() {
  await initI18n();
  let session = chooseSession();
  for (;;) {
    if (!session.signedIn) await askForCredentials(session);
    try {
      render(await session.get('/api/v1/stats/wallboard'));
      break;
    } catch (error) {
      session.end();
      session = new Session('wallboard', { storage: sessionStorage });
      if (error.status !== 401 && error.status !== 403) throw error;
    }
  }
  $('#login-view').hidden = true;
  $('#board').hidden = false;
  languageSwitch($('#lang'), () => last && render(last));
  $('#fullscreen').addEventListener('click', () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen().catch(() => {});
  });
  $('#signout').addEventListener('click', async () => {
    await session.logout();
    location.reload();
  });
  const live = new LiveStream(session);
  live.on((frame) => {
    if (frame.type === 'status') {
      $('#live-status').textContent = t(`live.${frame.status}`);
      $('#live-status').className = `live-status live-${frame.status}`;
    } else if (frame.type === 'event' && frame.event === 'stats.updated') {
      render(frame.data);
    }
  });
  live.subscribe('wallboard');
  live.start();
}

/**
 * @param {!Session} session
 * @return {!Promise<void>}
 */
function askForCredentials(session) {
  const view = $('#login-view');
  view.hidden = false;
  return new Promise((resolve) => {
    const key = /** @type {!HTMLInputElement} */ (h('input', { id: 'api-key', type: 'password', autocomplete: 'off' }));
    const useKey = h('button', { type: 'button', id: 'use-api-key' }, t('wallboard.use_key'));
    useKey.addEventListener('click', () => {
      if (key.value.trim()) {
        session.useApiKey(key.value.trim());
        resolve();
      }
    });
    const extra = h('details.api-key', null, h('summary', null, t('wallboard.kiosk')),
      h('div.field', null, h('label', { for: 'api-key' }, t('wallboard.api_key')), key), useKey);
    signIn(view, session, { heading: t('wallboard.title'), extra }).then(resolve);
  });
}

/**
 * @param {string} id
 * @param {number|string} value
 * @param {string=} state 'alert', 'caution' or 'good' colours the tile
 */
function tile(id, value, state) {
  const el = $(`#${id}`);
  el.textContent = String(value);
  const section = el.closest('.tile');
  section.classList.toggle('alert', state === 'alert');
  section.classList.toggle('caution', state === 'caution');
  section.classList.toggle('good', state === 'good');
}

/** @param {!WallboardStats} stats */
function render(stats) {
  last = stats;
  tile('open-total', stats.open_total ?? 0);
  tile('new-today', stats.new_today ?? 0);
  tile('closed-today', stats.closed_today ?? 0, 'good');
  tile('escalated', stats.escalated ?? 0, stats.escalated > 0 ? 'alert' : 'good');
  tile('at-risk-big', stats.at_risk ?? 0, stats.at_risk > 0 ? 'caution' : 'good');
  tile('agents-online', stats.agents_online ?? 0);
  const wait = stats.longest_chat_wait_seconds ?? 0;
  tile('chats-waiting', stats.chats_waiting ?? 0, wait > 300 ? 'alert' : wait > 120 ? 'caution' : undefined);
  $('#longest-wait').textContent = duration(wait);
  tile('median-response', stats.median_first_response_seconds == null ? '–' : duration(stats.median_first_response_seconds));
  $('#chart-hours').replaceChildren(hoursChart(stats.opened_per_hour || [], stats.closed_per_hour || [], t('wallboard.per_hour')));
  $('#chart-queues').replaceChildren(queuesChart(stats.open_by_queue || [], t('wallboard.per_queue')));
  const at = stats.at ? new Date(stats.at) : new Date();
  $('#updated').textContent = t('wallboard.updated', { time: at.toLocaleTimeString() });
}

main().catch((error) => console.warn(error));
