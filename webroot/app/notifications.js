// The bell in the header: the agent's notifications, the unread count, live as notification.created arrives on
// their own stream; and the page where they choose what reaches them and how.
import { $, h, replace, toast, when } from './dom.js';
import { language, t } from './i18n.js';
import { ConsoleContext } from './context.js';
import { Frame, Notification, NotificationPage, NotificationPreferences } from './types.js';
import { outOfOfficeForm } from './out-of-office.js';

/** The events an agent can be told of, in the order the settings list them. */
const EVENTS = ['ticket.new', 'ticket.follow_up', 'ticket.owner', 'ticket.responsible', 'ticket.moved',
  'ticket.lock_timeout', 'ticket.escalation', 'ticket.pending_reminder', 'mention', 'watched'];
/** Desktop notifications are this browser's choice, not the account's: they only show while the console is open. */
const DESKTOP_KEY = 'gotrs.notifications.desktop';
/** A short tone for each new notification, this browser's choice too, off until the agent turns it on. */
const SOUND_KEY = 'gotrs.notifications.sound';
const SHOWN = 20;

/** @return {boolean} */
function desktopWanted() {
  return localStorage.getItem(DESKTOP_KEY) === 'on' && 'Notification' in window
    && Notification.permission === 'granted';
}

/** @return {boolean} */
function soundWanted() {
  return localStorage.getItem(SOUND_KEY) === 'on';
}

/** @type {?AudioContext} made on first use, after the agent has interacted with the page */
let audio = null;

/** Two short soft beeps, made on the spot: no sound file to serve, nothing played once the console is closed. */
function chime() {
  try {
    audio = audio || new AudioContext();
    [0, 0.18].forEach((offset) => {
      const tone = audio.createOscillator();
      const volume = audio.createGain();
      tone.frequency.value = 880;
      volume.gain.setValueAtTime(0.08, audio.currentTime + offset);
      volume.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + offset + 0.15);
      tone.connect(volume);
      volume.connect(audio.destination);
      tone.start(audio.currentTime + offset);
      tone.stop(audio.currentTime + offset + 0.15);
    });
  } catch {
    // no audio in this browser: the bell still counts
  }
}

export class NotificationBell {
  /** @param {!ConsoleContext} ctx */
  constructor(ctx) {
    this.ctx = ctx;
    this.button = $('#bell');
    this.count = $('#bell-count');
    this.panel = $('#bell-panel');
    /** @type {!Array<!Notification>} */
    this.items = [];
    /** @type {!Set<number>} */
    this.known = new Set();
    this.unread = 0;
  }

  async start() {
    this.button.hidden = false;
    this.button.addEventListener('click', () => this.toggle());
    document.addEventListener('click', (event) => {
      if (!this.panel.hidden && !event.target.closest('#bell, #bell-panel')) this.toggle(false);
    });
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !this.panel.hidden) {
        this.toggle(false);
        this.button.focus();
      }
    });
    this.ctx.live.on((frame) => this.onLive(frame));
    await this.load();
  }

  async load() {
    try {
      const page = /** @type {!NotificationPage} */ (await this.ctx.session.get(`/api/v1/notifications?limit=${SHOWN}`));
      this.items = page.items;
      this.items.forEach((item) => this.known.add(item.id));
      this.unread = page.unread_count;
    } catch (error) {
      console.warn('notifications', error);
    }
    this.render();
  }

  /** @param {!Frame} frame */
  onLive(frame) {
    if (frame.type !== 'event' || frame.event !== 'notification.created') return;
    const item = /** @type {!Notification} */ (frame.data);
    if (this.known.has(item.id)) return;
    this.known.add(item.id);
    this.items = [item, ...this.items].slice(0, SHOWN);
    if (!item.read) this.unread += 1;
    this.render();
    if (soundWanted()) chime();
    if (desktopWanted() && document.visibilityState !== 'visible') {
      const shown = new Notification(t('notifications.title'), { body: item.text, tag: `gotrs-${item.id}` });
      shown.onclick = () => {
        window.focus();
        this.open(item);
      };
    }
  }

  /** @param {boolean=} open */
  toggle(open) {
    const next = open ?? this.panel.hidden;
    this.panel.hidden = !next;
    this.button.setAttribute('aria-expanded', String(next));
    if (next) this.render();
  }

  render() {
    this.count.textContent = this.unread > 99 ? '99+' : String(this.unread);
    this.count.hidden = this.unread === 0;
    this.button.setAttribute('aria-label', t('notifications.bell', { n: this.unread }));
    if (this.panel.hidden) return;
    const list = h('ul.bell-list', { id: 'bell-list' }, this.items.map((item) => h(
      `li.bell-item${item.read ? '' : '.unread'}`, { dataset: { id: String(item.id) } },
      h('button.link', { type: 'button', onclick: () => this.open(item) },
        h('span.bell-event', null, t(`notifications.event.${item.event}`)),
        h('span.bell-text', null, item.text),
        h('time.muted', { datetime: item.create_time }, when(item.create_time, language()))))));
    replace(this.panel,
      h('div.bell-head', null,
        h('h2', null, t('notifications.title')),
        h('button', { type: 'button', id: 'bell-read-all', disabled: this.unread === 0, onclick: () => this.readAll() },
          t('notifications.read_all'))),
      this.items.length ? list : h('p.muted', { id: 'bell-empty' }, t('notifications.none')),
      h('a', { href: '#/notifications', onclick: () => this.toggle(false) }, t('notifications.settings')));
  }

  /** @param {!Notification} item */
  async open(item) {
    this.toggle(false);
    if (!item.read) {
      item.read = true;
      this.unread = Math.max(0, this.unread - 1);
      this.render();
      this.ctx.session.post(`/api/v1/notifications/${item.id}/read`).catch((error) => console.warn(error));
    }
    if (item.ticket_id) location.hash = `#/ticket/${item.ticket_id}`;
  }

  async readAll() {
    try {
      await this.ctx.session.post('/api/v1/notifications/read-all');
      this.items.forEach((item) => { item.read = true; });
      this.unread = 0;
      this.render();
    } catch (error) {
      toast(t('error.generic', { detail: error.message }), 'error');
    }
  }
}

/** #/notifications: per event, in the app and by mail; my queues; quiet; desktop notifications in this browser. */
export class NotificationSettingsView {
  /**
   * @param {!HTMLElement} root
   * @param {!ConsoleContext} ctx
   */
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
  }

  async open() {
    const settings = /** @type {!NotificationPreferences} */ (
      await this.ctx.session.get('/api/v1/me/notification-preferences'));
    /** @type {!Object<string, !Object<string, !HTMLInputElement>>} */
    const boxes = {};
    /** @type {!Object<string, !Object<string, !HTMLSelectElement>>} each event's filter: a list per kind of id */
    const filters = {};
    const kinds = [['queue_ids', this.ctx.lookups.queues, 'notifications.filter.queues'],
      ['state_ids', this.ctx.lookups.states, 'notifications.filter.states'],
      ['priority_ids', this.ctx.lookups.priorities, 'notifications.filter.priorities'],
      ['type_ids', this.ctx.lookups.types, 'notifications.filter.types']];
    const check = (id, checked) => /** @type {!HTMLInputElement} */ (h('input', { type: 'checkbox', id, checked }));
    const rows = EVENTS.map((event) => {
      const methods = settings.events[event] || { email: true, in_app: true };
      const key = event.replace(/\./g, '-');
      boxes[event] = { in_app: check(`pref-${key}-in-app`, methods.in_app), email: check(`pref-${key}-email`, methods.email) };
      // mandatory: the administrators send it as their default says
      boxes[event].in_app.disabled = Boolean(methods.locked);
      boxes[event].email.disabled = Boolean(methods.locked);
      filters[event] = {};
      const lists = kinds.map(([name, options, label]) => {
        const chosenIds = new Set((methods.filter && methods.filter[name]) || []);
        const select = /** @type {!HTMLSelectElement} */ (h('select', { id: `pref-${key}-${name}`, multiple: true, size: 4 },
          options.map((option) => h('option', { value: String(option.id), selected: chosenIds.has(option.id) }, option.name))));
        filters[event][name] = select;
        return h('label.pref-filter', null, t(label), select);
      });
      const narrowed = Boolean(methods.filter);
      return h('tr', null,
        h('th', { scope: 'row' }, t(`notifications.event.${event}`)),
        h('td', null, h('label.sr-only', { for: `pref-${key}-in-app` }, t('notifications.in_app')), boxes[event].in_app),
        h('td', null, h('label.sr-only', { for: `pref-${key}-email` }, t('notifications.email')), boxes[event].email),
        h('td', null, methods.locked ? null : h('details', { id: `pref-${key}-filter`, open: narrowed },
          h('summary', null, narrowed ? t('notifications.filter.some') : t('notifications.filter.all')),
          h('div.pref-filters', null, lists))));
    });
    const quiet = check('pref-quiet', settings.quiet);
    const own = check('pref-own-queues', settings.queue_ids !== null);
    const chosen = new Set(settings.queue_ids || []);
    const queues = this.ctx.lookups.queues.map((queue) => check(`pref-queue-${queue.id}`, chosen.has(queue.id)));
    const queueList = h('ul.pref-queues', { id: 'pref-queues', hidden: !own.checked },
      this.ctx.lookups.queues.map((queue, i) => h('li', null, h('label.pref-check', null, queues[i], queue.name))));
    own.addEventListener('change', () => { queueList.hidden = !own.checked; });
    const desktop = check('pref-desktop', desktopWanted());
    const sound = check('pref-sound', soundWanted());
    const status = h('p.muted', { role: 'status', id: 'pref-status' });
    const form = h('form.notification-settings', { id: 'notification-settings' },
      h('table.pref-table', null,
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('notifications.event')),
          h('th', { scope: 'col' }, t('notifications.in_app')), h('th', { scope: 'col' }, t('notifications.email')),
          h('th', { scope: 'col' }, t('notifications.filter.heading')))),
        h('tbody', null, rows)),
      h('label.pref-check', null, quiet, t('notifications.quiet')),
      h('label.pref-check', null, own, t('notifications.own_queues')),
      queueList,
      h('label.pref-check', null, desktop, t('notifications.desktop')),
      h('label.pref-check', null, sound, t('notifications.sound')),
      status,
      h('button.primary', { type: 'submit', id: 'pref-save' }, t('action.save')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      /** @type {!Object<string, !Object<string, *>>} */
      const events = {};
      EVENTS.filter((name) => !boxes[name].email.disabled).forEach((name) => {
        /** @type {!Object<string, !Array<number>>} */
        const filter = {};
        kinds.forEach(([kind]) => {
          const options = /** @type {!HTMLCollection<!HTMLOptionElement>} */ (filters[name][kind].selectedOptions);
          const ids = Array.from(options).map((option) => Number(option.value));
          if (ids.length) filter[String(kind)] = ids;
        });
        events[name] = { in_app: boxes[name].in_app.checked, email: boxes[name].email.checked,
          filter: Object.keys(filter).length ? filter : null };
      });
      const queueIds = own.checked
        ? this.ctx.lookups.queues.filter((queue, i) => queues[i].checked).map((queue) => queue.id) : null;
      try {
        await this.ctx.session.put('/api/v1/me/notification-preferences', { events, queue_ids: queueIds, quiet: quiet.checked });
        await this.desktop(desktop.checked);
        desktop.checked = desktopWanted();
        localStorage.setItem(SOUND_KEY, sound.checked ? 'on' : 'off');
        if (sound.checked) chime();
        status.textContent = t('notifications.saved');
      } catch (failure) {
        status.textContent = t('error.generic', { detail: failure.message });
      }
    });
    replace(this.root, h('div.view-header', null, h('h1', { id: 'view-title' }, t('notifications.settings'))), form,
      await outOfOfficeForm(this.ctx));
  }

  /**
   * Desktop notifications on asks the browser's permission once; off needs none.
   * @param {boolean} wanted
   */
  async desktop(wanted) {
    if (wanted && 'Notification' in window && Notification.permission === 'default') {
      await Notification.requestPermission();
    }
    localStorage.setItem(DESKTOP_KEY, wanted ? 'on' : 'off');
  }
}
