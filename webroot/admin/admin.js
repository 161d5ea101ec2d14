// Administration: plain forms over the REST API for lookups, identities, SLAs, mail, retention, the audit log,
// workflows and API keys. Only administrators get past main(); everyone else sees a not-allowed page.
import { Session } from '../app/api.js';
import { $, h, replace, toast } from '../app/dom.js';
import { init as initI18n, t, languageSwitch } from '../app/i18n.js';
import { signIn } from '../app/login.js';
import { RESOURCES } from './resources.js';
import { ResourcePage, refs } from './resource-page.js';
import { apiKeysPage } from './apikeys.js';
import { intakePage } from './intake.js';
import { signInPage } from './signin.js';
import { auditPage } from './audit.js';
import { notificationDefaultsPage } from './notifications.js';
import { settingsPage } from './settings.js';
import { jobsPage } from './jobs.js';
import { Me } from '../app/types.js';

const session = new Session('agent');

async function main() {
  await initI18n();
  session.on((what) => { if (what === 'ended') location.reload(); });
  if (!session.signedIn) {
    $('#login-view').hidden = false;
    await signIn($('#login-view'), session, { heading: t('admin.title') });
    $('#login-view').hidden = true;
  }
  const me = /** @type {!Me} */ (await session.get('/api/v1/auth/me'));
  $('#me').textContent = me.login;
  const logout = $('#logout');
  logout.hidden = false;
  logout.addEventListener('click', () => session.logout());
  $('#admin').hidden = false;
  if (!me.admin) {
    // no section names and no requests for data: an agent without admin rights only learns where to go instead
    $('#admin-nav').hidden = true;
    $('#admin').classList.add('denied');
    notAllowed();
    languageSwitch($('#lang'), notAllowed);
    return;
  }
  languageSwitch($('#lang'), () => { nav(); route(); });
  nav();
  window.addEventListener('hashchange', route);
  route();
}

function notAllowed() {
  replace($('#main'), h('section.card.not-allowed', { id: 'not-allowed', role: 'alert', 'aria-labelledby': 'view-title' },
    h('h1', { id: 'view-title' }, t('admin.not_allowed')),
    h('p', null, t('admin.needs_admin')),
    h('p', null, h('a', { href: '/' }, t('admin.back_to_console')))));
}

function nav() {
  const links = RESOURCES.map((resource) =>
    h('li', null, h('a', { href: `#/${resource.key}`, id: `nav-${resource.key}` }, t(`admin.${resource.key}`))));
  // on a phone the list would push the page below the fold: a select takes one line instead
  const select = /** @type {!HTMLSelectElement} */ (h('select', { id: 'admin-section', 'aria-label': t('admin.sections') },
    RESOURCES.map((resource) => h('option', { value: resource.key }, t(`admin.${resource.key}`)))));
  select.addEventListener('change', () => { location.hash = `#/${select.value}`; });
  replace($('#admin-nav'), select, h('ul.nav-list', null, links));
}

function route() {
  const key = (location.hash || '#/queues').slice(2) || 'queues';
  const resource = RESOURCES.find((r) => r.key === key) || RESOURCES[0];
  document.querySelectorAll('#admin-nav a').forEach((a) => {
    if (a.id === `nav-${resource.key}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  /** @type {!HTMLSelectElement} */ ($('#admin-section')).value = resource.key;
  const main = $('#main');
  if (resource.custom === 'apikey') {
    apiKeysPage(main, session);
  } else if (resource.custom === 'notifications') {
    notificationDefaultsPage(main, session).catch((failure) => toast(t('error.generic', { detail: failure.message }), 'error'));
  } else if (resource.custom === 'jobs') {
    jobsPage(main, session);
  } else if (resource.custom === 'settings') {
    settingsPage(main, session);
  } else if (resource.custom === 'intake') {
    intakePage(main, session);
  } else if (resource.custom === 'signin') {
    signInPage(main, session);
  } else if (resource.custom === 'audit') {
    refs(session, ['users']).then((names) => auditPage(main, session, names['users']));
  } else {
    new ResourcePage(main, resource, session).open();
  }
}

main().catch((error) => toast(t('error.generic', { detail: error.message }), 'error'));
