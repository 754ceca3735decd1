// Page furniture shared by every page.

import { h } from '../dom.js';

/** The page heading (focus lands here after navigation), breadcrumbs, a subtitle and actions. */
export function pageHeader({ title, crumbs = [], subtitle, badges = [], actions = [] }) {
  return h('header', { class: 'page-header' },
    crumbs.length > 0
      ? h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' },
        h('ol', null, crumbs.map(([label, href]) => h('li', null, h('a', { href }, label)))))
      : null,
    h('div', { class: 'page-title-row' },
      h('h1', { tabindex: '-1' }, title),
      badges.length ? h('div', { class: 'title-badges' }, badges) : null,
      actions.length ? h('div', { class: 'page-actions' }, actions) : null),
    subtitle ? h('p', { class: 'subtitle' }, subtitle) : null);
}

/** A labelled form field: label, control, and an optional hint wired to the control's description. */
export function field({ label, control, hint, id }) {
  control.id = id;
  const parts = [h('label', { for: id }, label), control];
  if (hint) {
    const hintId = `${id}-hint`;
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('p', { class: 'hint', id: hintId }, hint));
  }
  return h('div', { class: 'field' }, parts);
}

/** A table in a horizontally scrollable frame, with a caption for screen readers. */
export function table({ caption, columns, tbody, className = '' }) {
  return h('div', { class: 'table-frame' },
    h('table', { class: `table ${className}` },
      h('caption', { class: 'sr-only' }, caption),
      h('thead', null, h('tr', null, columns.map((c) => (typeof c === 'string'
        ? h('th', { scope: 'col' }, c)
        : h('th', { scope: 'col', class: c.class || null }, c.label))))),
      tbody));
}

export function emptyState(title, text, action) {
  return h('div', { class: 'empty' }, h('p', { class: 'empty-title' }, title), text ? h('p', null, text) : null, action || null);
}

export function busyButton(button, busy, busyLabel) {
  if (busy) {
    button.dataset.label = button.textContent;
    button.textContent = busyLabel;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
  } else {
    button.textContent = button.dataset.label || button.textContent;
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}
