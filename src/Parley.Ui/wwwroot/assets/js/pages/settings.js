// Settings: the ACL token this browser sends as X-Consul-Token.

import { getToken, setToken } from '../api.js';
import { h, announce } from '../dom.js';
import { field, pageHeader } from '../components/layout.js';

export function mount(root) {
  const token = h('input', { type: 'password', autocomplete: 'off', spellcheck: 'false', value: getToken() });
  const status = h('p', { class: 'save-status', role: 'status' });
  const form = h('form', { class: 'form narrow', novalidate: true },
    field({
      label: 'ACL token',
      control: token,
      id: 'settings-token',
      hint: 'Sent with every request as X-Consul-Token. Kept in this browser’s local storage only.',
    }),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button primary' }, 'Save token'),
      h('button', {
        type: 'button',
        class: 'button',
        onclick: () => {
          token.value = '';
          setToken('');
          status.textContent = 'Token cleared.';
          announce('Token cleared.');
        },
      }, 'Clear token'),
      status));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setToken(token.value.trim());
    status.textContent = token.value.trim() ? 'Token saved.' : 'Token cleared.';
    announce(status.textContent);
  });
  root.append(pageHeader({ title: 'Settings' }), h('section', { class: 'panel' }, form));
  return 'Settings';
}
