// Logging in and out: the ACL token this tab sends. A token is checked against the agent before it is kept.

import { get, getToken, setToken } from '../api.js';
import { h, replace, errorBox, announce } from '../dom.js';
import { field, busyButton } from './layout.js';
import { openModal } from './dialog.js';

/**
 * The token form (used by the Log in dialog and the Settings page). The token is kept only once
 * `/v1/acl/token/self` accepts it, so a mistyped secret shows Consul's "ACL not found" here rather than a
 * permission-denied page later. `onDone()` runs after a successful log-in.
 */
export function loginForm({ id, onDone }) {
  const token = h('input', { type: 'password', autocomplete: 'off', spellcheck: 'false', required: true });
  const errorSlot = h('div', { class: 'error-slot' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Log in');
  const form = h('form', { class: 'form narrow login-form', novalidate: true },
    field({
      label: 'ACL token',
      control: token,
      id,
      hint: 'The secret ID. Sent with every request as X-Consul-Token; kept in this tab’s session storage until you log out.',
    }),
    errorSlot,
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const secret = token.value.trim();
    if (!secret) {
      replace(errorSlot, errorBox({ message: 'Enter the token’s secret ID.' }));
      token.focus();
      return;
    }
    busyButton(submit, true, 'Checking…');
    replace(errorSlot);
    try {
      const { data } = await get('/v1/acl/token/self', { token: secret });
      setToken(secret);
      announce(`Logged in${data?.Description ? ` as ${data.Description}` : ''}.`);
      onDone?.(data);
    } catch (error) {
      // Plain text here, not the permission-denied block: this form already is the way to log in.
      replace(errorSlot, errorBox({ message: error.message }, 'Not logged in:'));
      token.focus();
    } finally {
      busyButton(submit, false);
    }
  });
  return { form, focus: () => token.focus() };
}

/** Opens the Log in dialog. */
export function openLogin() {
  openModal({
    title: 'Log in',
    className: 'modal-login',
    build: ({ close }) => {
      const { form, focus } = loginForm({ id: 'login-token', onDone: close });
      queueMicrotask(focus);
      return h('div', { class: 'modal-body' }, form);
    },
  });
}

/** Forgets the token; the page reloads without it. */
export function logout() {
  setToken('');
  announce('Logged out.');
}

/** The top bar's control: "Log in" without a token, "Log out" with one; follows token changes. */
export function authControl() {
  const slot = h('div', { class: 'auth' });
  const render = () => replace(slot, getToken()
    ? h('button', { type: 'button', class: 'button small', onclick: logout }, 'Log out')
    : h('button', { type: 'button', class: 'button small primary', onclick: openLogin }, 'Log in'));
  render();
  return { slot, render };
}
