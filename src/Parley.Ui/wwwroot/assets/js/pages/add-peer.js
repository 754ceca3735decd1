// The "Add peer connection" dialog: Generate token (this cluster accepts) and Establish peering (this cluster dials).

import { post } from '../api.js';
import { h, replace, errorBox, uid, announce } from '../dom.js';
import { openModal } from '../components/dialog.js';
import { busyButton, field } from '../components/layout.js';

/**
 * Opens the dialog. `tab`: 'generate' or 'establish'. With `regenerate` (a peer name), only the Generate token
 * form shows, for that name. `onChange()` runs after a peering was written.
 */
export function openAddPeer({ tab = 'generate', regenerate = null, onChange } = {}) {
  openModal({
    title: regenerate ? `Regenerate token for ${regenerate}` : 'Add peer connection',
    className: 'modal-wide',
    build: ({ close }) => {
      const generate = generatePanel({ regenerate, onChange, close });
      if (regenerate) {
        return h('div', { class: 'modal-body' }, generate);
      }
      const establish = establishPanel({ onChange, close });
      return h('div', { class: 'modal-body' }, tabs([
        { id: 'generate', label: 'Generate token', panel: generate },
        { id: 'establish', label: 'Establish peering', panel: establish },
      ], tab));
    },
  });
}

/** A tablist with roving focus: arrows, Home and End move between tabs (WAI-ARIA tabs pattern). */
function tabs(items, selected) {
  const base = uid('tabs');
  const buttons = items.map((item) => h('button', {
    type: 'button',
    role: 'tab',
    id: `${base}-${item.id}-tab`,
    'aria-controls': `${base}-${item.id}-panel`,
    class: 'tab',
  }, item.label));
  const panels = items.map((item) => h('section', {
    role: 'tabpanel',
    id: `${base}-${item.id}-panel`,
    'aria-labelledby': `${base}-${item.id}-tab`,
    class: 'tabpanel',
  }, item.panel));
  const select = (index, focus) => {
    buttons.forEach((b, i) => {
      b.setAttribute('aria-selected', String(i === index));
      b.tabIndex = i === index ? 0 : -1;
      panels[i].hidden = i !== index;
    });
    if (focus) {
      buttons[index].focus();
    }
  };
  buttons.forEach((button, i) => {
    button.addEventListener('click', () => select(i, false));
    button.addEventListener('keydown', (event) => {
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: buttons.length - 1 }[event.key];
      if (next !== undefined) {
        event.preventDefault();
        select((next + buttons.length) % buttons.length, true);
      }
    });
  });
  select(Math.max(0, items.findIndex((item) => item.id === selected)), false);
  return h('div', { class: 'tabs' }, h('div', { role: 'tablist', 'aria-label': 'How to connect', class: 'tablist' }, buttons), panels);
}

function generatePanel({ regenerate, onChange, close }) {
  const id = uid('gen');
  const name = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', value: regenerate || '', readOnly: !!regenerate, 'aria-required': 'true' });
  const addresses = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: 'lb.example.com:8503, 10.0.0.7:8503' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Generate token');
  const errorSlot = h('div', { class: 'error-slot' });
  const form = h('form', { class: 'form', novalidate: true },
    regenerate
      ? h('p', null, 'A new token replaces the last one generated for this peer, which stops working. A live connection is not affected.')
      : h('p', null, 'Generate a token here, then paste it into the other cluster’s Establish peering tab.'),
    field({ label: 'Name of peer', control: name, id: `${id}-name`, hint: 'What this cluster calls the other one: lowercase letters, digits and dashes.' }),
    field({
      label: 'Server external addresses',
      control: addresses,
      id: `${id}-addresses`,
      hint: 'Optional, comma separated host:port. Give them when the other cluster must reach this one’s servers through other addresses, such as a load balancer.',
    }),
    errorSlot,
    h('div', { class: 'form-actions' }, submit));
  const panel = h('div', null, form);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(errorSlot);
    busyButton(submit, true, 'Generating…');
    const list = addresses.value.split(/[\s,]+/).map((a) => a.trim()).filter((a) => a.length > 0);
    try {
      const { data } = await post('/v1/peering/token', {
        PeerName: name.value.trim(),
        ...(list.length ? { ServerExternalAddresses: list } : {}),
      });
      onChange?.();
      replace(panel, tokenResult(name.value.trim(), data.PeeringToken, close));
      announce(`Token generated for ${name.value.trim()}.`);
    } catch (error) {
      busyButton(submit, false);
      replace(errorSlot, errorBox(error));
      name.focus();
    }
  });
  if (!regenerate) {
    queueMicrotask(() => name.focus());
  } else {
    queueMicrotask(() => submit.focus());
  }
  return panel;
}

function tokenResult(peerName, token, close) {
  const id = uid('token');
  const text = h('textarea', { readOnly: true, rows: '6', class: 'token mono', spellcheck: 'false' });
  text.value = token;
  const status = h('span', { class: 'copy-status', role: 'status' });
  const copy = h('button', { type: 'button', class: 'button primary' }, 'Copy token');
  copy.addEventListener('click', async () => {
    if (await copyText(token, text)) {
      status.textContent = 'Copied to the clipboard.';
    } else {
      text.focus();
      text.select();
      status.textContent = 'Copying is blocked here: the token is selected, press Ctrl+C (⌘C) to copy it.';
    }
  });
  queueMicrotask(() => copy.focus());
  return h('div', { class: 'token-result' },
    h('div', { class: 'alert alert-warning' },
      'Copy the token before you proceed. You cannot view it again after leaving this screen. If you lose your token, you must generate a new one.'),
    field({ label: `Peering token for ${peerName}`, control: text, id, hint: 'Use it once, in the other cluster: Peers → Add peer connection → Establish peering.' }),
    h('div', { class: 'form-actions' }, copy, h('button', { type: 'button', class: 'button', onclick: close }, 'Done'), status));
}

async function copyText(value, textarea) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(value);
      return true;
    }
  } catch {
    // Fall through to the selection-based copy.
  }
  try {
    textarea.focus();
    textarea.select();
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

function establishPanel({ onChange, close }) {
  const id = uid('est');
  const name = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-required': 'true' });
  const token = h('textarea', { rows: '5', class: 'mono', spellcheck: 'false', 'aria-required': 'true' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Add peer');
  const errorSlot = h('div', { class: 'error-slot' });
  const form = h('form', { class: 'form', novalidate: true },
    h('p', null, 'Paste a token generated in the other cluster. This cluster then connects to it.'),
    field({ label: 'Name of peer', control: name, id: `${id}-name`, hint: 'What this cluster calls the other one: lowercase letters, digits and dashes.' }),
    field({ label: 'Token', control: token, id: `${id}-token` }),
    errorSlot,
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(errorSlot);
    busyButton(submit, true, 'Adding peer…');
    try {
      await post('/v1/peering/establish', { PeerName: name.value.trim(), PeeringToken: token.value.trim() });
      announce(`Peering with ${name.value.trim()} is being established.`);
      onChange?.();
      close();
    } catch (error) {
      busyButton(submit, false);
      replace(errorSlot, errorBox(error));
    }
  });
  return form;
}
