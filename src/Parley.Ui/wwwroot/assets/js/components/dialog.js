// Modal dialogs on the native <dialog> element: focus is trapped and Escape closes.

import { h, uid, errorBox, replace } from '../dom.js';

/**
 * Opens a modal. `build({ close, titleId })` returns the body. The dialog is removed from the page when it
 * closes; `onClose` runs then. Returns `{ dialog, close }`.
 */
export function openModal({ title, build, onClose, className = '', role = 'dialog', describedBy }) {
  const titleId = uid('dlg-title');
  const dialog = h('dialog', {
    class: `modal ${className}`,
    role: role === 'dialog' ? null : role,
    'aria-labelledby': titleId,
  });
  const close = () => {
    if (dialog.open) {
      dialog.close();
    }
  };
  const header = h('header', { class: 'modal-header' },
    h('h2', { id: titleId }, title),
    h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close', onclick: close }, h('span', { 'aria-hidden': 'true' }, '×')));
  dialog.append(header, build({ close, titleId, dialog }));
  if (describedBy) {
    dialog.setAttribute('aria-describedby', describedBy);
  }
  const opener = document.activeElement;
  dialog.addEventListener('close', () => {
    dialog.remove();
    onClose?.();
    if (opener?.isConnected) {
      opener.focus();
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  return { dialog, close };
}

/**
 * Asks to confirm a destructive action. `action()` runs on confirm; while it runs the buttons are busy; if it
 * fails, its error shows inside the dialog in the API's words and the dialog stays open.
 */
export function confirmDialog({ title, message, confirmLabel = 'Delete', action, onDone }) {
  const messageId = uid('dlg-msg');
  let succeeded = false;
  openModal({
    title,
    role: 'alertdialog',
    className: 'modal-confirm',
    describedBy: messageId,
    onClose: () => onDone?.(succeeded),
    build: ({ close }) => {
      const errorSlot = h('div', { class: 'error-slot' });
      const cancel = h('button', { type: 'button', class: 'button', onclick: close }, 'Cancel');
      const confirm = h('button', { type: 'button', class: 'button danger' }, confirmLabel);
      confirm.addEventListener('click', async () => {
        confirm.disabled = true;
        cancel.disabled = true;
        confirm.setAttribute('aria-busy', 'true');
        replace(errorSlot);
        try {
          await action();
          succeeded = true;
          close();
        } catch (error) {
          replace(errorSlot, errorBox(error));
          confirm.disabled = false;
          cancel.disabled = false;
          confirm.removeAttribute('aria-busy');
        }
      });
      queueMicrotask(() => cancel.focus());
      return h('div', { class: 'modal-body' },
        h('p', { id: messageId }, message),
        errorSlot,
        h('div', { class: 'modal-actions' }, confirm, cancel));
    },
  });
}
