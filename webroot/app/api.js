// The REST client: bearer tokens kept per kind of user, refreshed before they expire, problem+json errors.
import { TokenPair } from './types.js';

/**
 * What a session keeps in storage: a key, or a token pair with its expiry (epoch ms) and lifetime (s).
 * @typedef {{api_key: (string|undefined), access_token: (string|undefined), refresh_token: (string|undefined),
 *   expires_at: (number|undefined), ttl: (number|undefined)}}
 */
let Credentials;

/**
 * A problem+json answer; errors lists the fields a request got wrong.
 * @typedef {{title: (string|undefined), detail: (string|undefined),
 *   errors: (!Array<{field: string, message: string}>|undefined)}}
 */
let Problem;

/** @typedef {{retried: (boolean|undefined)}} */
let RequestOptions;

export class ApiError extends Error {
  /**
   * @param {number} status the HTTP status; 0 when the server could not be reached
   * @param {?Problem=} problem
   */
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    /** @type {!Problem} */
    this.problem = problem || {};
  }

  /**
   * The validation errors as {field: message}.
   * @return {!Object<string, string>}
   */
  fields() {
    const out = {};
    for (const error of this.problem.errors || []) out[error.field] = error.message;
    return out;
  }
}

const REFRESH_AT = 0.75;

/**
 * A signed-in user (agent or customer) or an API key. Tokens live in localStorage (sessionStorage for
 * kiosk keys) so a reload keeps the session; a refresh in one tab is picked up by the others.
 */
export class Session {
  /**
   * @param {string} kind 'agent', 'customer' or 'wallboard'
   * @param {{storage: (!Storage|undefined)}=} options
   */
  constructor(kind, { storage = localStorage } = {}) {
    this.kind = kind;
    this.storage = storage;
    this.key = `gotrs.${kind}`;
    /** @type {!Set<function(string)>} */
    this.listeners = new Set();
    /** @type {number|undefined} */
    this.timer = undefined;
    /** @type {?Promise<void>} */
    this.refreshing = null;
    /** @type {?Credentials} */
    this.state = this.read();
    window.addEventListener('storage', (event) => {
      if (event.key === this.key) {
        this.state = this.read();
        this.schedule();
        this.emit(this.state ? 'refreshed' : 'ended');
      }
    });
    this.schedule();
  }

  /** @return {?Credentials} */
  read() {
    try {
      return /** @type {?Credentials} */ (JSON.parse(this.storage.getItem(this.key))) || null;
    } catch {
      return null;
    }
  }

  /** @param {?Credentials} state */
  write(state) {
    this.state = state;
    if (state) this.storage.setItem(this.key, JSON.stringify(state));
    else this.storage.removeItem(this.key);
    this.schedule();
  }

  /**
   * listener('signed-in' | 'refreshed' | 'ended'); returns the function that removes it.
   * @param {function(string)} listener
   * @return {function(): boolean}
   */
  on(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** @param {string} what */
  emit(what) {
    this.listeners.forEach((listener) => listener(what));
  }

  get signedIn() {
    return Boolean(this.state && (this.state.api_key || this.state.refresh_token));
  }

  /** The credentials for the /ws auth frame. */
  authFrame() {
    if (!this.state) return null;
    return this.state.api_key ? { type: 'auth', api_key: this.state.api_key }
      : { type: 'auth', token: this.state.access_token };
  }

  /** @param {string} key */
  useApiKey(key) {
    this.write({ api_key: key });
  }

  /**
   * @param {string} login
   * @param {string} password
   * @param {string=} otp the one-time code, when the account has a second factor
   * @return {!Promise<!TokenPair>}
   */
  async login(login, password, otp) {
    const path = this.kind === 'customer' ? '/api/v1/auth/customer/login' : '/api/v1/auth/login';
    const body = { login, password };
    if (otp) body.otp = otp;
    const pair = await send('POST', path, body, {});
    this.signingInWith(null);
    this.store(pair);
    this.emit('signed-in');
    return pair;
  }

  /**
   * Picks up a sign-in finished at an identity provider: the one-time code its callback left in the address.
   * @param {string} code
   * @return {!Promise<!TokenPair>}
   */
  async exchange(code) {
    const pair = await send('POST', '/api/v1/auth/oidc/exchange', { code }, {});
    this.store(pair);
    this.emit('signed-in');
    return pair;
  }

  /** @param {!TokenPair} pair */
  store(pair) {
    this.write({
      access_token: pair.access_token,
      refresh_token: pair.refresh_token,
      expires_at: Date.now() + pair.expires_in * 1000,
      ttl: pair.expires_in,
    });
  }

  schedule() {
    clearTimeout(this.timer);
    if (!this.state || !this.state.refresh_token) return;
    const wait = Math.max(1000, this.state.expires_at - Date.now() - this.state.ttl * 1000 * (1 - REFRESH_AT));
    this.timer = setTimeout(() => this.refresh().catch(() => {}), wait);
  }

  /**
   * One refresh at a time across tabs; a tab that finds a newer token stored by another uses that one.
   * @return {!Promise<void>}
   */
  refresh() {
    if (this.refreshing) return this.refreshing;
    const run = async () => {
      const stored = this.read();
      if (stored && this.state && stored.access_token !== this.state.access_token && stored.expires_at > Date.now() + 30000) {
        this.state = stored;
        this.schedule();
        return;
      }
      if (!stored || !stored.refresh_token) throw new ApiError(401, { detail: 'signed out' });
      try {
        const pair = await send('POST', '/api/v1/auth/refresh', { refresh_token: stored.refresh_token }, {});
        this.store(pair);
        this.emit('refreshed');
      } catch (error) {
        if (error.status === 401) this.end();
        throw error;
      }
    };
    const locked = navigator.locks ? navigator.locks.request(this.key, run) : run();
    this.refreshing = locked.finally(() => { this.refreshing = null; });
    return this.refreshing;
  }

  /**
   * Ends the session; one opened through an identity provider ends there too (the provider sends the browser back
   * to the sign-in page).
   */
  async logout() {
    if (this.state && this.state.access_token) {
      try {
        await this.request('POST', '/api/v1/auth/logout');
      } catch {
        // the session ends here either way
      }
    }
    const provider = this.storage.getItem(`${this.key}.provider`);
    this.storage.removeItem(`${this.key}.provider`);
    if (provider) {
      this.write(null);
      location.assign(`/auth/oidc/${encodeURIComponent(provider)}/logout`);
      return;
    }
    this.end();
  }

  /**
   * Notes the identity provider a sign-in goes through, so that signing out ends its session there too.
   * @param {?string} name null for a sign-in with a password
   */
  signingInWith(name) {
    if (name) this.storage.setItem(`${this.key}.provider`, name);
    else this.storage.removeItem(`${this.key}.provider`);
  }

  end() {
    this.write(null);
    this.emit('ended');
  }

  headers() {
    if (!this.state) return {};
    return this.state.api_key ? { 'X-API-Key': this.state.api_key }
      : { Authorization: `Bearer ${this.state.access_token}` };
  }

  /**
   * A JSON call; a 401 refreshes the token once and tries again. Resolves to the parsed answer.
   * @param {string} method
   * @param {string} path
   * @param {*=} body a FormData is sent as it is, anything else as JSON
   * @param {!RequestOptions=} options
   * @return {!Promise<?>}
   */
  async request(method, path, body, options = {}) {
    if (this.state && this.state.refresh_token && this.state.expires_at < Date.now() + 5000) {
      await this.refresh().catch(() => {});
    }
    try {
      return await send(method, path, body, this.headers(), options);
    } catch (error) {
      if (error.status === 401 && this.state && this.state.refresh_token && !options.retried) {
        await this.refresh();
        return send(method, path, body, this.headers(), { ...options, retried: true });
      }
      if (error.status === 401) this.end();
      throw error;
    }
  }

  /** @param {string} path @return {!Promise<?>} */
  get(path) { return this.request('GET', path); }
  /** @param {string} path @param {*=} body @return {!Promise<?>} */
  post(path, body) { return this.request('POST', path, body ?? {}); }
  /** @param {string} path @param {*} body @return {!Promise<?>} */
  patch(path, body) { return this.request('PATCH', path, body); }
  /** @param {string} path @param {*} body @return {!Promise<?>} */
  put(path, body) { return this.request('PUT', path, body); }
  /** @param {string} path @return {!Promise<?>} */
  del(path) { return this.request('DELETE', path); }

  /**
   * Uploads files as multipart/form-data.
   * @param {string} path
   * @param {!Array<!File>} files
   * @return {!Promise<?>}
   */
  upload(path, files) {
    const form = new FormData();
    for (const file of files) form.append('file', file, file.name);
    return this.request('POST', path, form);
  }

  /**
   * Fetches a file with the credentials as an object URL, to show it (an image sent in a chat) or save it.
   * @param {string} path
   * @return {!Promise<string>}
   */
  async objectUrl(path) {
    return URL.createObjectURL(await this.blob(path));
  }

  /**
   * Fetches a file with the credentials.
   * @param {string} path
   * @return {!Promise<!Blob>}
   */
  async blob(path) {
    const response = await fetch(path, { headers: this.headers() });
    if (!response.ok) throw new ApiError(response.status, await problem(response));
    return response.blob();
  }

  /**
   * Fetches a file with the credentials and hands it to the browser as a download.
   * @param {string} path
   * @param {string=} filename
   */
  async download(path, filename) {
    const url = await this.objectUrl(path);
    const link = document.createElement('a');
    link.href = url;
    link.download = filename || 'download';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }
}

/**
 * @param {!Response} response
 * @return {!Promise<!Problem>}
 */
async function problem(response) {
  try {
    return /** @type {!Problem} */ (await response.json());
  } catch {
    return { title: response.statusText };
  }
}

/**
 * @param {string} method
 * @param {string} path
 * @param {*} body
 * @param {!Object<string, string>} headers
 * @param {!RequestOptions=} options
 * @return {!Promise<?>}
 */
async function send(method, path, body, headers, options = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined && body !== null) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiError(0, { title: 'network', detail: error.message });
  }
  if (!response.ok) throw new ApiError(response.status, await problem(response));
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

/**
 * A POST to a route anyone may call (no session): a password reset, for instance.
 * @param {string} path
 * @param {!Object<string, *>} body
 * @return {!Promise<?>}
 */
export function publicPost(path, body) {
  return send('POST', path, body, {});
}

/**
 * Query strings from an object, skipping empty values.
 * @param {!Object<string, *>} params
 * @return {string}
 */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(String(key), String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
