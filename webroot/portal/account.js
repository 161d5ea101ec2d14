// The customer's own account in the portal: a forgotten password (ask for a link, set a new one with it) and the
// profile page (name, phone, language, password).
import { Session, publicPost } from '../app/api.js';
import { h, replace, toast } from '../app/dom.js';
import { t, language, switchTo } from '../app/i18n.js';
import { Profile } from '../app/types.js';

const MIN_PASSWORD = 8;

/**
 * "Forgot your password?": asks for the e-mail address and says the same whether or not it is on file.
 * @param {!HTMLElement} root
 */
export function forgotPassword(root) {
  const email = /** @type {!HTMLInputElement} */ (h('input', { id: 'forgot-email', type: 'email', autocomplete: 'email', required: true, maxlength: 255 }));
  const error = h('p.form-error', { role: 'alert', id: 'forgot-error' });
  const submit = /** @type {!HTMLButtonElement} */ (h('button.primary', { type: 'submit', id: 'forgot-submit' }, t('reset.send')));
  const form = h('form.login-form', { id: 'forgot-form', novalidate: true, 'aria-describedby': 'forgot-error' },
    h('h1', null, t('reset.forgot_heading')),
    h('p.hint', null, t('reset.forgot_intro')),
    h('div.field', null, h('label', { for: 'forgot-email' }, t('reset.email')), email),
    error, submit,
    h('p.customer-link', null, h('a', { href: '#/', id: 'forgot-back' }, t('reset.back'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    if (!email.value.trim() || !email.checkValidity()) {
      error.textContent = t('reset.email_invalid');
      email.focus();
      return;
    }
    submit.disabled = true;
    try {
      await publicPost('/api/v1/auth/customer/password-reset', { email: email.value.trim() });
      replace(root, h('div.login-form', { id: 'forgot-sent', role: 'status' },
        h('h1', null, t('reset.sent_heading')),
        h('p', null, t('reset.sent', { email: email.value.trim() })),
        h('p.customer-link', null, h('a', { href: '#/' }, t('reset.back')))));
    } catch (failure) {
      error.textContent = failure.status === 429 ? t('reset.rate_limited')
        : failure.status === 422 ? t('reset.email_invalid') : t('error.generic', { detail: failure.message });
    } finally {
      submit.disabled = false;
    }
  });
  replace(root, form);
  email.focus();
}

/**
 * The page the mailed link opens: a new password, twice.
 * @param {!HTMLElement} root
 * @param {string} token
 */
export function resetPassword(root, token) {
  const password = newPasswordInput('reset-password');
  const repeat = newPasswordInput('reset-repeat');
  const error = h('p.form-error', { role: 'alert', id: 'reset-error' });
  const submit = /** @type {!HTMLButtonElement} */ (h('button.primary', { type: 'submit', id: 'reset-submit' }, t('reset.save')));
  const form = h('form.login-form', { id: 'reset-form', novalidate: true, 'aria-describedby': 'reset-error' },
    h('h1', null, t('reset.heading')),
    h('div.field', null, h('label', { for: 'reset-password' }, t('reset.new_password')), password,
      h('p.hint', null, t('reset.password_hint', { n: MIN_PASSWORD }))),
    h('div.field', null, h('label', { for: 'reset-repeat' }, t('reset.repeat')), repeat),
    error, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = newPasswordProblem(password.value, repeat.value);
    if (error.textContent) return;
    submit.disabled = true;
    try {
      await publicPost('/api/v1/auth/customer/password-reset/confirm', { token, password: password.value });
      replace(root, h('div.login-form', { id: 'reset-done', role: 'status' },
        h('h1', null, t('reset.done_heading')),
        h('p', null, t('reset.done')),
        h('a.button.primary', { href: '#/', id: 'reset-sign-in' }, t('login.submit'))));
    } catch (failure) {
      const badToken = failure.status === 422 && (failure.problem.errors || []).some((e) => e.field === 'token');
      if (badToken) {
        replace(error, t('reset.link_invalid'), ' ', h('a', { href: '#/forgot' }, t('reset.ask_again')));
      } else {
        error.textContent = failure.status === 429 ? t('reset.rate_limited') : t('error.generic', { detail: failure.message });
      }
    } finally {
      submit.disabled = false;
    }
  });
  replace(root, form);
  password.focus();
}

/**
 * @param {string} id
 * @return {!HTMLInputElement}
 */
function newPasswordInput(id) {
  return /** @type {!HTMLInputElement} */ (h('input', { id, type: 'password', autocomplete: 'new-password', required: true, minlength: MIN_PASSWORD }));
}

/**
 * What is wrong with a new password typed twice, or '' when nothing is.
 * @param {string} password
 * @param {string} repeat
 * @return {string}
 */
function newPasswordProblem(password, repeat) {
  if (password.length < MIN_PASSWORD) return t('reset.too_short', { n: MIN_PASSWORD });
  if (password !== repeat) return t('reset.mismatch');
  return '';
}

/** The signed-in customer's profile: name, phone and language, and a new password. */
export class PortalProfile {
  /**
   * @param {!HTMLElement} root
   * @param {!Session} session
   * @param {function()} languageChanged called after the customer chose another language
   */
  constructor(root, session, languageChanged) {
    this.root = root;
    this.session = session;
    this.languageChanged = languageChanged;
  }

  async open() {
    replace(this.root, h('h1', { id: 'view-title' }, t('profile.heading')));
    /** @type {!Profile} */
    let profile;
    try {
      profile = /** @type {!Profile} */ (await this.session.get('/api/v1/me/profile'));
    } catch (failure) {
      this.root.append(h('p.form-error', { role: 'alert' }, t('error.generic', { detail: failure.message })));
      return;
    }
    this.root.append(this.details(profile), this.password());
  }

  /**
   * @param {!Profile} profile
   * @return {!Element}
   */
  details(profile) {
    const input = (/** string */ id, /** ?string */ value, /** number */ max, /** string= */ autocomplete) =>
      /** @type {!HTMLInputElement} */ (h('input', { id, value: value || '', maxlength: max, autocomplete }));
    const first = input('profile-first', profile.first_name, 100, 'given-name');
    const last = input('profile-last', profile.last_name, 100, 'family-name');
    const phone = input('profile-phone', profile.phone, 50, 'tel');
    phone.type = 'tel';
    const lang = /** @type {!HTMLSelectElement} */ (h('select', { id: 'profile-language' },
      ...['en', 'de'].map((code) => h('option', { value: code }, t(`lang.${code}`)))));
    lang.value = profile.language === 'de' ? 'de' : 'en';
    const error = h('p.form-error', { role: 'alert' });
    const form = h('form.card.profile-card', { id: 'profile-form', 'aria-labelledby': 'profile-details', novalidate: true },
      h('h2', { id: 'profile-details' }, t('profile.details')),
      h('dl.profile-fixed', null,
        h('dt', null, t('login.login')), h('dd', { id: 'profile-login' }, profile.login),
        h('dt', null, t('profile.email')), h('dd', { id: 'profile-email' }, profile.email)),
      h('p.hint', null, t('profile.email_hint')),
      h('div.field', null, h('label', { for: 'profile-first' }, t('profile.first_name')), first),
      h('div.field', null, h('label', { for: 'profile-last' }, t('profile.last_name')), last),
      h('div.field', null, h('label', { for: 'profile-phone' }, t('profile.phone')), phone),
      h('div.field', null, h('label', { for: 'profile-language' }, t('profile.language')), lang),
      error, h('button.primary', { type: 'submit', id: 'profile-save' }, t('profile.save')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      if (!first.value.trim() || !last.value.trim()) {
        error.textContent = t('profile.name_missing');
        return;
      }
      try {
        await this.session.patch('/api/v1/me/profile', {
          first_name: first.value.trim(), last_name: last.value.trim(), phone: phone.value.trim() || null,
          language: lang.value,
        });
        if (lang.value !== language()) {
          await switchTo(lang.value);
          this.languageChanged();
        }
        toast(t('profile.saved'));
      } catch (failure) {
        const fields = failure.status === 422 ? Object.entries(failure.fields()) : [];
        error.textContent = fields.length ? fields.map(([field, message]) => `${field}: ${message}`).join('; ')
          : t('error.generic', { detail: failure.message });
      }
    });
    return form;
  }

  /** @return {!Element} */
  password() {
    const current = /** @type {!HTMLInputElement} */ (h('input', { id: 'profile-current', type: 'password', autocomplete: 'current-password', required: true }));
    const next = newPasswordInput('profile-new');
    const repeat = newPasswordInput('profile-repeat');
    const error = h('p.form-error', { role: 'alert' });
    const form = h('form.card.profile-card', { id: 'password-form', 'aria-labelledby': 'profile-password', novalidate: true },
      h('h2', { id: 'profile-password' }, t('profile.password')),
      h('div.field', null, h('label', { for: 'profile-current' }, t('profile.current_password')), current),
      h('div.field', null, h('label', { for: 'profile-new' }, t('reset.new_password')), next,
        h('p.hint', null, t('profile.password_hint', { n: MIN_PASSWORD }))),
      h('div.field', null, h('label', { for: 'profile-repeat' }, t('reset.repeat')), repeat),
      error, h('button.primary', { type: 'submit', id: 'password-save' }, t('profile.change_password')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = current.value ? newPasswordProblem(next.value, repeat.value) : t('profile.current_missing');
      if (error.textContent) return;
      try {
        await this.session.post('/api/v1/me/password', { current_password: current.value, new_password: next.value });
        current.value = next.value = repeat.value = '';
        toast(t('profile.password_changed'));
      } catch (failure) {
        const wrong = failure.status === 422 && (failure.problem.errors || []).some((e) => e.field === 'current_password');
        error.textContent = wrong ? t('profile.current_wrong') : t('error.generic', { detail: failure.message });
      }
    });
    return form;
  }
}

/**
 * Whether customers may sign up here (portal.self_registration).
 * @return {!Promise<boolean>}
 */
export async function registrationOpen() {
  try {
    const answer = await fetch('/api/v1/auth/customer/register', { headers: { Accept: 'application/json' } });
    return answer.ok && (await answer.json()).enabled === true;
  } catch {
    return false;
  }
}

/**
 * "Create an account": name, e-mail and password; the account exists once the mailed link confirms the address.
 * A field people do not see (website) stays empty unless a program fills the form.
 * @param {!HTMLElement} root
 */
export function register(root) {
  /** @type {function(string, string, !Object<string, *>=): !HTMLInputElement} */
  const input = (id, type, extra = {}) => /** @type {!HTMLInputElement} */ (h('input', { id, type, required: true, ...extra }));
  const first = input('register-first', 'text', { autocomplete: 'given-name', maxlength: 100 });
  const last = input('register-last', 'text', { autocomplete: 'family-name', maxlength: 100 });
  const email = input('register-email', 'email', { autocomplete: 'email', maxlength: 255 });
  const password = newPasswordInput('register-password');
  const repeat = newPasswordInput('register-repeat');
  const website = /** @type {!HTMLInputElement} */ (h('input', { id: 'register-website', name: 'website', tabindex: -1, autocomplete: 'off' }));
  const error = h('p.form-error', { role: 'alert', id: 'register-error' });
  const submit = /** @type {!HTMLButtonElement} */ (h('button.primary', { type: 'submit', id: 'register-submit' }, t('register.submit')));
  const form = h('form.login-form', { id: 'register-form', novalidate: true, 'aria-describedby': 'register-error' },
    h('h1', null, t('register.heading')),
    h('p.hint', null, t('register.intro')),
    h('div.field', null, h('label', { for: 'register-first' }, t('register.first_name')), first),
    h('div.field', null, h('label', { for: 'register-last' }, t('register.last_name')), last),
    h('div.field', null, h('label', { for: 'register-email' }, t('reset.email')), email),
    h('div.field', null, h('label', { for: 'register-password' }, t('register.password')), password,
      h('p.hint', null, t('reset.password_hint', { n: MIN_PASSWORD }))),
    h('div.field', null, h('label', { for: 'register-repeat' }, t('register.repeat')), repeat),
    h('div.trap', { 'aria-hidden': 'true' }, h('label', { for: 'register-website' }, 'Website'), website),
    error, submit,
    h('p.customer-link', null, h('a', { href: '#/' }, t('reset.back'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = !first.value.trim() || !last.value.trim() ? t('register.name_missing')
      : !email.value.trim() || !email.checkValidity() ? t('reset.email_invalid')
      : newPasswordProblem(password.value, repeat.value);
    if (error.textContent) return;
    submit.disabled = true;
    try {
      await publicPost('/api/v1/auth/customer/register', { first_name: first.value.trim(), last_name: last.value.trim(),
        email: email.value.trim(), password: password.value, language: language(), website: website.value });
      replace(root, h('div.login-form', { id: 'register-sent', role: 'status' },
        h('h1', null, t('reset.sent_heading')),
        h('p', null, t('register.sent', { email: email.value.trim() })),
        h('p.customer-link', null, h('a', { href: '#/' }, t('reset.back')))));
    } catch (failure) {
      error.textContent = failure.status === 429 ? t('reset.rate_limited') : t('error.generic', { detail: failure.message });
    } finally {
      submit.disabled = false;
    }
  });
  replace(root, form);
  first.focus();
}

/**
 * The page the confirmation link opens: confirms the address, then offers to sign in.
 * @param {!HTMLElement} root
 * @param {string} token
 */
export async function verifyRegistration(root, token) {
  replace(root, h('div.login-form', { role: 'status' }, h('p', null, t('register.confirming'))));
  try {
    const created = await publicPost('/api/v1/auth/customer/register/confirm', { token });
    replace(root, h('div.login-form', { id: 'register-done', role: 'status' },
      h('h1', null, t('register.done_heading')),
      h('p', null, t('register.done', { login: String(created.login) })),
      h('a.button.primary', { href: '#/', id: 'register-sign-in' }, t('login.submit'))));
  } catch (failure) {
    replace(root, h('div.login-form', { id: 'register-failed', role: 'alert' },
      h('h1', null, t('register.failed_heading')),
      h('p', null, failure.status === 409 ? t('register.exists') : failure.status === 422 ? t('register.link_invalid')
        : t('error.generic', { detail: failure.message })),
      h('p.customer-link', null, h('a', { href: '#/register' }, t('register.again')), ' · ', h('a', { href: '#/' }, t('reset.back')))));
  }
}
