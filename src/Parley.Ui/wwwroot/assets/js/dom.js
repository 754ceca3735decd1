// A tiny element builder. Text always goes in as text nodes, never as HTML, so API data cannot inject markup.

import { getToken } from './api.js';

const PROPERTIES = new Set(['value', 'checked', 'disabled', 'readOnly', 'hidden', 'selected', 'indeterminate', 'open']);

/** `h('a', { href: '/ui/peers', class: 'link', onclick: fn }, 'Peers')` */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === null || value === undefined || value === false) {
        continue;
      }
      if (key === 'class') {
        el.className = value;
      } else if (key === 'dataset') {
        Object.assign(el.dataset, value);
      } else if (key.startsWith('on') && typeof value === 'function') {
        el.addEventListener(key.slice(2).toLowerCase(), value);
      } else if (PROPERTIES.has(key)) {
        el[key] = value;
      } else {
        el.setAttribute(key, value === true ? '' : String(value));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces every child of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

let nextId = 0;

/** A document-unique id for label/aria wiring. */
export function uid(prefix = 'p') {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** Renders rows into `tbody` keyed by `key(item)`, keeping a row's node (and its focus) when its data is unchanged. */
export function keyedRows(tbody, items, key, render) {
  const old = new Map();
  for (const row of tbody.children) {
    if (row.dataset.key !== undefined) {
      old.set(row.dataset.key, row);
    }
  }
  const rows = items.map((item) => {
    const k = key(item);
    const sig = JSON.stringify(item);
    const existing = old.get(k);
    // Keep a row whose data is unchanged, and one whose menu is open (rebuilding it would close the menu).
    if (existing && (existing.dataset.sig === sig || existing.querySelector('[aria-expanded="true"]'))) {
      return existing;
    }
    const row = render(item);
    row.dataset.key = k;
    row.dataset.sig = sig;
    if (existing?.contains(document.activeElement)) {
      // Put focus back on the same control of the rebuilt row (its n-th focusable element).
      const focusables = (el) => [...el.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')];
      const at = Math.max(0, focusables(existing).indexOf(document.activeElement));
      queueMicrotask(() => focusables(row)[at]?.focus());
    }
    return row;
  });
  tbody.replaceChildren(...rows);
}

/** Says `text` to screen readers through the page's polite live region. */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (region) {
    region.textContent = '';
    setTimeout(() => {
      region.textContent = text;
    }, 50);
  }
}

/** The event a "Log in" button outside the shell fires on `window`; the shell opens the Log in dialog. */
export const LOGIN_EVENT = 'parley:login';

/**
 * A message block for an API error, in the API's words. A 403 (Consul's "Permission denied: ..." or "ACL not
 * found") says so as its title and offers to log in with another token, so a token without the permission never
 * leaves an empty page.
 */
export function errorBox(error, prefix) {
  if (!error) {
    return null;
  }
  if (error.status === 403) {
    return h('div', { class: 'alert alert-error permission-denied', role: 'alert' },
      h('strong', { class: 'alert-title' }, 'Permission denied'),
      h('p', { class: 'api-text' }, error.message),
      h('p', null,
        getToken() ? 'The token you are logged in with does not grant this. ' : 'You are not logged in. ',
        h('button', {
          type: 'button',
          class: 'button small',
          onclick: () => window.dispatchEvent(new CustomEvent(LOGIN_EVENT)),
        }, getToken() ? 'Log in with another token' : 'Log in')));
  }
  return h('div', { class: 'alert alert-error', role: 'alert' },
    prefix ? h('strong', null, prefix, ' ') : null,
    h('span', { class: 'api-text' }, error.message));
}

/** Plural helper: `count(3, 'service')` → "3 services". */
export function count(n, noun, plural = `${noun}s`) {
  return `${n} ${n === 1 ? noun : plural}`;
}
