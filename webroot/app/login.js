// The sign-in form shared by the console, the wallboard and the portal; asks for a one-time code when needed, offers
// the identity providers configured for the page's users and picks up a sign-in they finished.
import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { Session } from './api.js';

/**
 * Renders a sign-in form into `container`; resolves once `session` is signed in.
 * extra: optional element shown under the form (e.g. the wallboard's API key field).
 * portal: on the agents' start page, a customer who signs in there is taken to the portal, signed in.
 * forgot: where "Forgot your password?" leads; the link is shown only when given (the portal's sign-in).
 * @param {!HTMLElement} container
 * @param {!Session} session
 * @param {{heading: (string|undefined), extra: (!Element|undefined), portal: (boolean|undefined),
 *   forgot: (string|undefined)}=} options
 * @return {!Promise<void>}
 */
export function signIn(container, session, { heading, extra, portal = false, forgot } = {}) {
  return new Promise((resolve) => {
    const error = h('p.form-error', { role: 'alert', id: 'login-error' });
    const login = /** @type {!HTMLInputElement} */ (h('input', { id: 'login-name', name: 'login', autocomplete: 'username', required: true }));
    const password = /** @type {!HTMLInputElement} */ (h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true }));
    const otp = /** @type {!HTMLInputElement} */ (h('input', { id: 'login-otp', name: 'otp', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6,8}' }));
    const otpRow = h('div.field', { hidden: true, id: 'otp-row' },
      h('label', { for: 'login-otp' }, t('login.otp')), otp, h('p.hint', null, t('login.otp_hint')));
    const submit = /** @type {!HTMLButtonElement} */ (h('button.primary', { type: 'submit', id: 'login-submit' }, t('login.submit')));
    const form = h('form.login-form', { 'aria-describedby': 'login-error', novalidate: true },
      h('h1', null, heading || t('login.heading')),
      h('div.field', null, h('label', { for: 'login-name' }, t('login.login')), login),
      h('div.field', null, h('label', { for: 'login-password' }, t('login.password')), password),
      otpRow, error, submit, extra,
      forgot ? h('p.customer-link', null, h('a', { href: forgot, id: 'login-forgot' }, t('login.forgot'))) : null,
      portal ? h('p.customer-link', null, t('login.customer'), ' ', h('a', { href: '/portal/', id: 'login-portal' }, t('login.to_portal'))) : null);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      if (!login.value || !password.value) {
        error.textContent = t('login.missing');
        return;
      }
      submit.disabled = true;
      try {
        await session.login(login.value.trim(), password.value, otpRow.hidden ? undefined : otp.value.trim());
        resolve();
      } catch (failure) {
        const needsOtp = (failure.problem.errors || []).some((e) => e.field === 'otp');
        if (needsOtp) {
          otpRow.hidden = false;
          error.textContent = t('login.otp_required');
          otp.focus();
        } else if (failure.status === 423) {
          error.textContent = t('login.locked');
        } else if (failure.status === 429) {
          error.textContent = t('login.rate_limited');
        } else if (failure.status === 401 && portal && otpRow.hidden
            && await signedInAsCustomer(login.value.trim(), password.value)) {
          location.assign('/portal/');
        } else if (failure.status === 401) {
          error.textContent = otpRow.hidden ? t('login.wrong') : t('login.wrong_otp');
        } else {
          error.textContent = t('error.generic', { detail: failure.message });
        }
      } finally {
        submit.disabled = false;
      }
    });
    replace(container, form);
    login.focus();
    const audience = session.kind === 'customer' ? 'customers' : session.kind === 'agent' ? 'agents' : null;
    if (audience) showProviders(submit, audience, session);
    const handoff = new URLSearchParams(location.hash.slice(1));
    if (handoff.has('signin') || handoff.has('signin_error')) {
      history.replaceState(null, '', location.pathname + location.search);
      const code = handoff.get('signin');
      if (code) {
        session.exchange(code).then(() => resolve(), (failure) => {
          error.textContent = t('login.provider_failed', { detail: failure.message });
        });
      } else {
        error.textContent = t('login.provider_failed', { detail: handoff.get('signin_error') || '' });
      }
    }
  });
}

/**
 * A button per identity provider configured for this page's users, under the form's own sign-in button.
 * @param {!Element} submit
 * @param {string} audience 'agents' or 'customers'
 * @param {!Session} session
 */
async function showProviders(submit, audience, session) {
  let providers;
  try {
    const response = await fetch(`/api/v1/auth/providers?for=${audience}`, { headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    providers = /** @type {{items: !Array<{name: string, label: string, start: string}>}} */ (await response.json()).items;
  } catch {
    return;
  }
  if (!providers.length) return;
  submit.after(h('div.login-providers', { id: 'login-providers' },
    h('p.login-or', null, t('login.or')),
    ...providers.map((provider) => {
      const button = h('a.button.provider', { href: provider.start, id: `login-provider-${provider.name}` },
        t('login.with_provider', { name: provider.label }));
      button.addEventListener('click', () => session.signingInWith(provider.name));
      return button;
    })));
}

/**
 * Whether the login and password are a customer's: then the portal's session holds them.
 * @param {string} login
 * @param {string} password
 * @return {!Promise<boolean>}
 */
async function signedInAsCustomer(login, password) {
  try {
    await new Session('customer').login(login, password);
    return true;
  } catch {
    return false;
  }
}
