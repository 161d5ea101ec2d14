// The agent console: sign-in, the live stream, the queue tree and the views behind the hash routes.
import { Session } from './api.js';
import { $, h, replace, toast } from './dom.js';
import { init as initI18n, t, languageSwitch, apply } from './i18n.js';
import { LiveStream } from './live.js';
import { signIn } from './login.js';
import { QueueTree } from './queues.js';
import { ViewNav } from './views.js';
import { TicketListView } from './list.js';
import { SearchView } from './search.js';
import { TicketView } from './ticket.js';
import { NewTicketView } from './new-ticket.js';
import { ChatInbox } from './chats.js';
import { ReportsView } from './reports.js';
import { KnowledgeBaseView } from './kb.js';
import { KbArticleView } from './kb-editor.js';
import { installShortcuts } from './shortcuts.js';
import { NotificationBell, NotificationSettingsView } from './notifications.js';
import { ConsoleContext, View } from './context.js';
import { Frame, Me } from './types.js';

const session = new Session('agent');
const live = new LiveStream(session);
/** @type {!ConsoleContext} */
const ctx = { session, live, me: null, lookups: { queues: [], states: [], priorities: [], types: [], customFields: [] }, view: null };
/** @type {?QueueTree} */
let queueTree = null;
/** @type {?ViewNav} */
let viewNav = null;
/** @type {?ChatInbox} */
let chats = null;
/** @type {?NotificationBell} */
let bell = null;

async function main() {
  await initI18n();
  session.on((what) => {
    if (what === 'ended') location.reload();
  });
  if (!session.signedIn) {
    const view = $('#login-view');
    view.hidden = false;
    await signIn(view, session, { heading: t('login.heading_agent'), portal: true });
    view.hidden = true;
  }
  try {
    ctx.me = /** @type {!Me} */ (await session.get('/api/v1/auth/me'));
  } catch {
    session.end();
    return;
  }
  if (ctx.me.kind !== 'agent') {
    session.end();
    return;
  }
  await start();
}

async function start() {
  $('#app').hidden = false;
  $('#me').textContent = ctx.me.login;
  $('#nav-admin-item').hidden = !ctx.me.admin;
  languageSwitch($('#lang'), () => rerender());
  $('#logout').addEventListener('click', () => session.logout());
  $('#menu-toggle').addEventListener('click', () => toggleMenu());
  document.addEventListener('click', (event) => {
    if (document.body.classList.contains('menu-open') && !event.target.closest('#sidebar, #menu-toggle')) toggleMenu(false);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && document.body.classList.contains('menu-open')) {
      toggleMenu(false);
      $('#menu-toggle').focus();
    }
  });
  $('#help-button').addEventListener('click', () => $('#help-dialog').showModal());
  $('#search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const q = $('#search-input').value.trim();
    if (q) location.hash = `#/search?q=${encodeURIComponent(q)}`;
  });

  await loadLookups();
  queueTree = new QueueTree($('#queue-tree'), ctx);
  queueTree.render();
  viewNav = new ViewNav($('#saved-views'), ctx);
  await viewNav.load();
  live.on((frame) => onLive(frame));
  live.subscribe('wallboard', 'agent', 'chats', 'views', ...ctx.lookups.queues.slice(0, 150).map((q) => `queue:${q.id}`));
  live.start();
  bell = new NotificationBell(ctx);
  bell.start();
  chats = new ChatInbox(ctx);
  chats.probe().then((available) => { $('#nav-chats-item').hidden = !available; });
  ReportsView.allowed(ctx).then((allowed) => { $('#nav-reports-item').hidden = !allowed; });
  installShortcuts(ctx);
  window.addEventListener('hashchange', () => route());
  route();
}

async function loadLookups() {
  const [queues, moveQueues, states, priorities, types, fields] = await Promise.all([
    session.get('/api/v1/queues?valid_id=1'),
    session.get('/api/v1/queues?permission=move_into').catch(() => null),
    session.get('/api/v1/states?valid_id=1'),
    session.get('/api/v1/priorities?valid_id=1'),
    session.get('/api/v1/types?valid_id=1'),
    session.get('/api/v1/custom-fields?object_type=ticket').catch(() => ({ items: [] })),
  ]);
  ctx.lookups = {
    queues: queues.items, moveQueues: moveQueues ? moveQueues.items : undefined, states: states.items,
    priorities: priorities.items, types: types.items, customFields: fields.items,
  };
}

/** @param {boolean=} open opens or closes the menu; without it, the menu toggles */
function toggleMenu(open) {
  const button = $('#menu-toggle');
  const next = open ?? button.getAttribute('aria-expanded') !== 'true';
  button.setAttribute('aria-expanded', String(next));
  document.body.classList.toggle('menu-open', next);
  if (next) $('#sidebar a').focus();
}

const seenAlerts = new Set();

/** @param {!Frame} frame */
function onLive(frame) {
  if (frame.type === 'status') {
    const status = $('#live-status');
    status.textContent = t(`live.${frame.status}`);
    status.className = `live-status live-${frame.status}`;
    return;
  }
  if (viewNav) viewNav.onLive(frame);
  if (frame.type === 'event' && frame.event === 'stats.updated') {
    queueTree.counts(frame.data);
    return;
  }
  if (frame.type === 'event' && (frame.event === 'escalation.warning' || frame.event === 'escalation.breached')) {
    if (seenAlerts.has(frame.seq)) return;
    seenAlerts.add(frame.seq);
    escalationToast(frame);
  }
}

/** @param {!Frame} frame */
function escalationToast(frame) {
  const data = frame.data || {};
  const ticket = data.ticket || data;
  const id = ticket.ticket_id ?? ticket.id;
  const breached = frame.event === 'escalation.breached';
  const message = h('span', null,
    h('strong', null, breached ? t('escalation.breached') : t('escalation.warning')), ' ',
    id ? h('a', { href: `#/ticket/${id}` }, `${ticket.tn ? `#${ticket.tn} ` : ''}${ticket.title || ''}`) : '',
    data.kind ? ` (${t(`escalation.kind.${data.kind}`)})` : '');
  toast(message, breached ? 'error' : 'warn', 15000);
}

function route() {
  const hash = location.hash || '#/';
  const [path, search] = hash.slice(1).split('?');
  const params = new URLSearchParams(search || '');
  const parts = path.split('/').filter(Boolean);
  toggleMenu(false);
  if (ctx.view && ctx.view.close) ctx.view.close();
  const main = $('#main');
  replace(main);
  /** @type {!View} */
  let view;
  if (parts[0] === 'queue' && parts[1]) {
    view = new TicketListView(main, ctx, { queueId: Number(parts[1]) });
  } else if (parts[0] === 'view' && parts[1] === 'mine') {
    view = new TicketListView(main, ctx, { mine: true });
  } else if (parts[0] === 'view' && parts[1] === 'escalated') {
    view = new TicketListView(main, ctx, { escalated: true });
  } else if (parts[0] === 'views' && parts[1] && viewNav.find(Number(parts[1]))) {
    view = new TicketListView(main, ctx, { view: viewNav.find(Number(parts[1])) });
  } else if (parts[0] === 'ticket' && parts[1]) {
    view = new TicketView(main, ctx, Number(parts[1]));
  } else if (parts[0] === 'find') {
    view = new TicketListView(main, ctx, { filters: Object.fromEntries(params.entries()) });
  } else if (parts[0] === 'search') {
    view = new SearchView(main, ctx, params.get('q') || '');
  } else if (parts[0] === 'new') {
    view = new NewTicketView(main, ctx);
  } else if (parts[0] === 'chats') {
    view = chats.view(main);
  } else if (parts[0] === 'reports') {
    view = new ReportsView(main, ctx, params);
  } else if (parts[0] === 'kb' && parts[1] === 'article' && parts[2]) {
    view = new KbArticleView(main, ctx, Number(parts[2]), params);
  } else if (parts[0] === 'kb' && parts[1] === 'new') {
    view = new KbArticleView(main, ctx, null, params);
  } else if (parts[0] === 'kb') {
    view = new KnowledgeBaseView(main, ctx, params);
  } else if (parts[0] === 'notifications') {
    view = new NotificationSettingsView(main, ctx);
  } else {
    const first = ctx.lookups.queues[0];
    location.replace(first ? `#/queue/${first.id}` : '#/view/mine');
    return;
  }
  ctx.view = view;
  markCurrent(hash);
  view.open();
}

/** @param {string} hash */
function markCurrent(hash) {
  document.querySelectorAll('.sidebar a').forEach((link) => {
    if (link.getAttribute('href') === hash) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
}

function rerender() {
  apply(document);
  queueTree.render();
  viewNav.render();
  if (bell) bell.render();
  onLive({ type: 'status', status: live.status });
  route();
}

main().catch((error) => {
  console.warn(error);
  toast(t('error.generic', { detail: error.message }), 'error');
});
