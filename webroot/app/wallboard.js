// The wallboard: the numbers of GET /stats/wallboard in big type, its charts filling their tiles, reconnecting on its
// own. The address chooses what it shows, one TV per team: ?team=<group>, ?queue=<id>,<id>, ?tz=<zone> (else the
// browser's); each stats.updated pushed fetches those numbers again, at most every few seconds.
import { Session } from './api.js';
import { $, h, duration } from './dom.js';
import { init as initI18n, t, languageSwitch } from './i18n.js';
import { LiveStream } from './live.js';
import { signIn } from './login.js';
import { hoursChart, queuesChart } from './charts.js';
import { WallboardStats } from './types.js';

/** @type {?WallboardStats} the numbers shown, drawn again when the language or the window size changes */
let last = null;

/** The least time between two fetches of the numbers, however often they change. */
const REFETCH_MS = 1000;
/** Nothing is pushed when the day turns: the numbers are fetched at least this often. */
const ANYWAY_MS = 60000;

/** @return {string} the numbers' address for what this board shows */
function numbersPath() {
  const params = new URLSearchParams(location.search);
  const query = new URLSearchParams();
  query.set('tz', params.get('tz') || new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  if (params.get('queue')) query.set('queue_id', String(params.get('queue')));
  if (params.get('team')) query.set('group', String(params.get('team')));
  return `/api/v1/stats/wallboard?${query}`;
}

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
    params.delete('api_key');
    history.replaceState(null, '', params.toString() ? `${location.pathname}?${params}` : location.pathname);
  }
  if (kiosk.signedIn) return kiosk;
  const agent = new Session('agent');
  return agent.signedIn ? agent : kiosk;
}

async function main() {
  await initI18n();
  let session = chooseSession();
  const path = numbersPath();
  for (;;) {
    if (!session.signedIn) await askForCredentials(session);
    try {
      render(await session.get(path));
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
  let fetching = false;
  let fetched = Date.now();
  const refetch = () => {
    if (fetching) return;
    fetching = true;
    setTimeout(() => {
      fetched = Date.now();
      session.get(path).then((stats) => render(/** @type {!WallboardStats} */ (stats)))
        .catch((error) => console.warn(error)).finally(() => { fetching = false; });
    }, Math.max(0, fetched + REFETCH_MS - Date.now()));
  };
  setInterval(refetch, ANYWAY_MS);
  new ResizeObserver(() => last && charts(last)).observe($('.wb-grid'));
  const live = new LiveStream(session, 'wallboard');
  live.on((frame) => {
    if (frame.type === 'status') {
      $('#live-status').textContent = t(`live.${frame.status}`);
      $('#live-status').className = `live-status live-${frame.status}`;
    } else if (frame.type === 'event' && frame.event === 'stats.updated') {
      refetch();
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
  const today = stats.today;
  tile('open-total', stats.open_total ?? 0);
  tile('new-today', today ? today.created : '–');
  tile('closed-today', today ? today.closed : '–', 'good');
  tile('escalated', stats.escalated ?? 0, stats.escalated > 0 ? 'alert' : 'good');
  tile('at-risk-big', stats.at_risk ?? 0, stats.at_risk > 0 ? 'caution' : 'good');
  const sla = today ? today.sla_met_percent : null;
  tile('sla-today', sla == null ? '–' : `${sla}%`, sla == null ? undefined : sla < 80 ? 'alert' : sla < 95 ? 'caution' : 'good');
  $('#sla-counts').textContent = today ? t('wallboard.sla_counts', { met: today.sla_met, breached: today.sla_breached }) : '';
  const csat = today ? today.rating_average : null;
  tile('csat-today', csat == null ? '–' : csat.toFixed(1), csat == null ? undefined : csat < 3 ? 'alert' : csat < 4 ? 'caution' : 'good');
  $('#csat-count').textContent = today ? t('wallboard.ratings', { count: today.ratings }) : '';
  tile('agents-online', stats.agents_online ?? 0);
  const wait = stats.longest_chat_wait_seconds ?? 0;
  tile('chats-waiting', stats.chats_waiting ?? 0, wait > 300 ? 'alert' : wait > 120 ? 'caution' : undefined);
  $('#longest-wait').textContent = duration(wait);
  const median = today ? today.median_first_response_seconds : null;
  tile('median-response', median == null ? '–' : duration(median));
  $('#per-hour-title').textContent = t('wallboard.per_hour', { zone: today ? today.time_zone : 'UTC' });
  $('#scope').textContent = scope();
  charts(stats);
  const at = stats.at ? new Date(stats.at) : new Date();
  $('#updated').textContent = t('wallboard.updated', { time: at.toLocaleTimeString() });
}

/** @return {string} which queues this board shows, when the address chooses */
function scope() {
  const params = new URLSearchParams(location.search);
  if (params.get('team')) return t('wallboard.team', { team: String(params.get('team')) });
  if (params.get('queue')) return t('wallboard.queues', { queues: String(params.get('queue')) });
  return '';
}

/**
 * The charts and the agents' table, drawn at the size of their tiles.
 * @param {!WallboardStats} stats
 */
function charts(stats) {
  const today = stats.today;
  const hours = $('#chart-hours');
  hours.replaceChildren();
  const zone = today ? today.time_zone : 'UTC';
  const current = Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: zone })
    .format(new Date()));
  hours.append(hoursChart(today ? today.opened_per_hour : [], today ? today.closed_per_hour : [],
    t('wallboard.per_hour', { zone }), hours, current));
  const queues = $('#chart-queues');
  queues.replaceChildren();
  queues.append(queuesChart(stats.open_by_queue || [], t('wallboard.per_queue'), queues));
  const box = $('#agents-today');
  const fit = Math.max(1, Math.floor(box.getBoundingClientRect().height / 34) - 1);
  const agents = (today ? today.agents : []).slice(0, fit);
  box.replaceChildren(agents.length === 0 ? h('p.sub', null, t('wallboard.no_agents'))
    : h('table.agents-today', null,
      h('thead', null, h('tr', null, h('th', null, t('wallboard.agent')), h('th', null, t('wallboard.agent_open')),
        h('th', null, t('wallboard.agent_closed')))),
      h('tbody', null, ...agents.map((agent) => h('tr', null, h('td', { title: agent.agent }, agent.agent),
        h('td', null, String(agent.open)), h('td', null, String(agent.closed)))))));
}

main().catch((error) => console.warn(error));
