// The "More" (three dots) menu: a menu button with arrow-key navigation and Escape to close.

import { h, uid } from '../dom.js';

let openMenu = null;

document.addEventListener('click', (event) => {
  if (openMenu && !openMenu.root.contains(event.target)) {
    openMenu.close(false);
  }
});

/** items: [{ label, onSelect, danger }] */
export function moreMenu(subject, items) {
  const menuId = uid('menu');
  const button = h('button', {
    type: 'button',
    class: 'icon-button more',
    'aria-haspopup': 'menu',
    'aria-expanded': 'false',
    'aria-controls': menuId,
    'aria-label': `More actions for ${subject}`,
    title: 'More',
  }, h('span', { 'aria-hidden': 'true' }, '⋯'));

  const entries = items.map((item) => h('li', { role: 'none' },
    h('button', {
      type: 'button',
      role: 'menuitem',
      tabindex: '-1',
      class: item.danger ? 'menuitem danger' : 'menuitem',
      onclick: () => {
        state.close(true);
        item.onSelect();
      },
    }, item.label)));
  const list = h('ul', { class: 'menu', role: 'menu', id: menuId, 'aria-label': `Actions for ${subject}`, hidden: true }, entries);
  const root = h('div', { class: 'menu-host' }, button, list);
  const menuItems = () => [...list.querySelectorAll('[role=menuitem]')];

  const state = {
    root,
    open() {
      if (openMenu && openMenu !== state) {
        openMenu.close(false);
      }
      list.hidden = false;
      button.setAttribute('aria-expanded', 'true');
      openMenu = state;
      menuItems()[0]?.focus();
    },
    close(focusButton) {
      list.hidden = true;
      button.setAttribute('aria-expanded', 'false');
      if (openMenu === state) {
        openMenu = null;
      }
      if (focusButton) {
        button.focus();
      }
    },
  };

  button.addEventListener('click', () => (list.hidden ? state.open() : state.close(true)));
  button.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      state.open();
      if (event.key === 'ArrowUp') {
        menuItems().at(-1)?.focus();
      }
    }
  });
  list.addEventListener('keydown', (event) => {
    const all = menuItems();
    const at = all.indexOf(document.activeElement);
    const move = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      all[(move + all.length) % all.length].focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      state.close(true);
    } else if (event.key === 'Tab') {
      state.close(false);
    }
  });
  return root;
}
