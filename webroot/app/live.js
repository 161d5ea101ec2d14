// The /ws live stream: first-frame auth, subscriptions resumed with `since` after a reconnect, ping.
import { Session } from './api.js';
import { Frame } from './types.js';

const PING_MS = 25000;
const SILENCE_MS = 70000;
const MAX_BACKOFF_MS = 15000;

export class LiveStream {
  /**
   * @param {!Session} session
   * @param {string=} client 'wallboard' for a wallboard, which does not count as an agent online
   */
  constructor(session, client) {
    this.session = session;
    /** @type {string|undefined} */
    this.client = client;
    /** @type {!Set<string>} */
    this.topics = new Set();
    /** @type {!Set<function(!Frame)>} */
    this.listeners = new Set();
    /** @type {?number|undefined} */
    this.lastSeq = null;
    /** @type {?WebSocket} */
    this.socket = null;
    this.ready = false;
    this.status = 'offline';
    this.attempt = 0;
    /** @type {?{ticket_id: number, state: string}} */
    this.presenceState = null;
    this.stopped = true;
    this.heard = Date.now();
    /** @type {number|undefined} */
    this.pinger = undefined;
    /** @type {number|undefined} */
    this.retry = undefined;
    // who the server took the credentials for, from the ready frame
    /** @type {?} */
    this.user = undefined;
  }

  /**
   * fn(frame) for every event, error and resync frame; fn({type:'status', status}) on connection changes.
   * @param {function(!Frame)} fn
   * @return {function(): boolean} removes fn again
   */
  on(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** @param {!Frame} frame */
  emit(frame) {
    this.listeners.forEach((fn) => {
      try {
        fn(frame);
      } catch (error) {
        console.warn('live listener failed', error);
      }
    });
  }

  /** @param {string} status */
  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.emit({ type: 'status', status });
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
    this.pinger = setInterval(() => this.ping(), PING_MS);
    window.addEventListener('online', () => {
      if (!this.socket && !this.stopped) {
        clearTimeout(this.retry);
        this.connect();
      }
    });
  }

  stop() {
    this.stopped = true;
    clearInterval(this.pinger);
    clearTimeout(this.retry);
    if (this.socket) this.socket.close(1000, 'bye');
    this.socket = null;
    this.ready = false;
    this.setStatus('offline');
  }

  /**
   * The session's auth frame, naming the client when it is not an agent's console.
   * @return {?Object<string, string>}
   */
  authFrame() {
    const auth = this.session.authFrame();
    return auth && this.client ? Object.assign({ client: this.client }, auth) : auth;
  }

  /** A token about to expire is refreshed first, so the auth frame is not refused. */
  async connect() {
    const state = this.session.state;
    if (state && state.refresh_token && state.expires_at < Date.now() + 15000) {
      await this.session.refresh().catch(() => {});
    }
    const auth = this.authFrame();
    if (!auth || this.stopped) return;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${location.host}/ws`);
    this.socket = socket;
    this.ready = false;
    this.setStatus('connecting');
    socket.addEventListener('open', () => socket.send(JSON.stringify(this.authFrame())));
    socket.addEventListener('message', (message) => {
      this.heard = Date.now();
      let frame;
      try {
        frame = /** @type {!Frame} */ (JSON.parse(/** @type {string} */ (message.data)));
      } catch {
        return;
      }
      this.receive(frame);
    });
    socket.addEventListener('close', (event) => this.closed(socket, /** @type {!CloseEvent} */ (event)));
  }

  /** @param {!Frame} frame */
  receive(frame) {
    switch (frame.type) {
      case 'ready':
        this.ready = true;
        this.attempt = 0;
        this.user = frame.user;
        if (this.lastSeq === null) this.lastSeq = frame.seq;
        this.setStatus('live');
        if (this.topics.size) this.send({ type: 'subscribe', topics: [...this.topics], since: this.lastSeq });
        if (this.presenceState) this.send({ type: 'presence', ...this.presenceState });
        break;
      case 'event':
        if (frame.topic !== 'wallboard' && typeof frame.seq === 'number' && frame.seq > (this.lastSeq ?? 0)) {
          this.lastSeq = frame.seq;
        }
        this.emit(frame);
        break;
      case 'pong':
      case 'subscribed':
        break;
      default:
        this.emit(frame);
    }
  }

  /**
   * @param {!WebSocket} socket
   * @param {!CloseEvent} event
   */
  async closed(socket, event) {
    if (socket !== this.socket) return;
    this.ready = false;
    this.socket = null;
    if (this.stopped) return;
    this.setStatus('reconnecting');
    if (event.code === 4401 && this.session.state && this.session.state.refresh_token) {
      try {
        await this.session.refresh();
      } catch {
        this.stop();
        return;
      }
    }
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt) + Math.random() * 300;
    this.attempt += 1;
    this.retry = setTimeout(() => { this.connect(); }, delay);
  }

  ping() {
    if (!this.socket) return;
    if (Date.now() - this.heard > SILENCE_MS) {
      this.socket.close(4000, 'silent');
      return;
    }
    this.send({ type: 'ping' });
  }

  /**
   * @param {!Object} frame
   * @return {boolean} whether it went out
   */
  send(frame) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN && (this.ready || frame.type === 'auth')) {
      this.socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  /** Adds topics; events after the newest one seen are replayed, so nothing between a page load and now is lost. */
  /** @param {...(string|!Array<string>)} topics */
  subscribe(...topics) {
    const fresh = topics.flat().filter((topic) => !this.topics.has(topic));
    if (!fresh.length) return;
    fresh.forEach((topic) => this.topics.add(topic));
    if (this.ready) this.send({ type: 'subscribe', topics: fresh, since: this.lastSeq });
  }

  /** @param {...(string|!Array<string>)} topics */
  unsubscribe(...topics) {
    const gone = topics.flat().filter((topic) => this.topics.delete(topic));
    if (gone.length && this.ready) this.send({ type: 'unsubscribe', topics: gone });
  }

  /**
   * Viewing, composing or left on a ticket; re-sent after a reconnect.
   * @param {number} ticketId
   * @param {string} state 'viewing', 'composing' or 'left'
   */
  presence(ticketId, state) {
    this.presenceState = state === 'left' ? null : { ticket_id: ticketId, state };
    this.send({ type: 'presence', ticket_id: ticketId, state });
  }
}
