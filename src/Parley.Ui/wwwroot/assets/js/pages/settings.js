// Settings: the ACL token this tab sends as X-Consul-Token (log in / log out).

import { getToken } from '../api.js';
import { h } from '../dom.js';
import { pageHeader } from '../components/layout.js';
import { loginForm, logout } from '../components/login.js';

export function mount(root) {
  const section = h('section', { class: 'panel', 'aria-labelledby': 'settings-acl' }, h('h2', { id: 'settings-acl' }, 'ACL token'));
  if (getToken()) {
    section.append(
      h('p', null, 'Logged in: this tab sends your token with every request. Log out to forget it.'),
      h('form', { class: 'form narrow', onsubmit: (event) => { event.preventDefault(); logout(); } },
        h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button' }, 'Log out'))));
  } else {
    section.append(
      h('p', null, 'Not logged in: requests go without a token, so the agent answers as its default (anonymous) token allows.'),
      loginForm({ id: 'settings-token' }).form);
  }
  root.append(pageHeader({ title: 'Settings' }), section);
  return 'Settings';
}
