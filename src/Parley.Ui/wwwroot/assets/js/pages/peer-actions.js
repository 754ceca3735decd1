// Peering actions shared by the list and the detail page: delete with confirmation.

import { del, seg } from '../api.js';
import { announce } from '../dom.js';
import { confirmDialog } from '../components/dialog.js';

/** Asks "Are you sure you want to delete this peer?" and sends DELETE /v1/peering/:name on confirm. */
export function confirmDeletePeer(name, onDeleted) {
  confirmDialog({
    title: `Delete peer ${name}`,
    message: 'Are you sure you want to delete this peer?',
    confirmLabel: 'Delete',
    action: () => del(`/v1/peering/${seg(name)}`),
    onDone: (deleted) => {
      if (deleted) {
        announce(`Peer ${name} is being deleted.`);
        onDeleted?.();
      }
    },
  });
}
