// Badges: peering state (with Consul's tooltips), peer origin, health, intention action.

import { h, uid } from '../dom.js';
import { link } from '../router.js';

/** Consul's UI tooltips for each peering state. */
export const STATE_TOOLTIPS = {
  ACTIVE: 'This peer connection is currently active.',
  PENDING: 'This peering connection has not been established yet.',
  ESTABLISHING: 'This peering connection is in the process of being established.',
  FAILING: 'This peering connection has some intermittent errors (usually network related). It will continue to retry.',
  DELETING: 'This peer is in the process of being deleted.',
  TERMINATED: 'Someone in the other peer may have deleted this peering connection.',
  EXPIRED: 'The token for this peer expired before it was used. Regenerate the token and give the new one to the peer.',
  UNDEFINED: 'The state of this peering connection is not known.',
};

export const STATES = ['ACTIVE', 'PENDING', 'ESTABLISHING', 'FAILING', 'DELETING', 'TERMINATED', 'EXPIRED'];

/** A state badge whose tooltip shows on hover and on keyboard focus, and is read as its description. */
export function stateBadge(state) {
  const value = STATE_TOOLTIPS[state] ? state : 'UNDEFINED';
  const tipId = uid('tip');
  return h('span', { class: 'tip-host' },
    h('span', {
      class: `badge state state-${value.toLowerCase()}`,
      tabindex: '0',
      'aria-describedby': tipId,
      dataset: { state: value },
    }, h('span', { class: 'dot', 'aria-hidden': 'true' }), state || 'UNDEFINED'),
    h('span', { class: 'tooltip', role: 'tooltip', id: tipId }, STATE_TOOLTIPS[value]));
}

/** Marks an imported service with the peer it came from; links to that peer. */
export function peerBadge(peer, { linked = true } = {}) {
  const content = [h('span', { class: 'peer-icon', 'aria-hidden': 'true' }, '⇄'), h('span', { class: 'sr-only' }, 'peer '), peer];
  return linked
    ? h('a', { class: 'badge peer', href: link('peers', peer), title: `Imported from peer ${peer}` }, content)
    : h('span', { class: 'badge peer', title: `Peer ${peer}` }, content);
}

export function localBadge() {
  return h('span', { class: 'badge local', title: 'Registered in this cluster' }, 'local');
}

const HEALTH_ORDER = { critical: 3, warning: 2, passing: 1 };

/** The worst status among checks (critical > warning > passing); passing when there are none. */
export function worstStatus(checks) {
  let worst = 'passing';
  for (const check of checks) {
    if ((HEALTH_ORDER[check.Status] || 0) > HEALTH_ORDER[worst]) {
      worst = check.Status;
    }
  }
  return worst;
}

export function healthBadge(status) {
  const label = { passing: 'passing', warning: 'warning', critical: 'critical' }[status] || status;
  return h('span', { class: `badge health health-${status}` }, h('span', { class: 'dot', 'aria-hidden': 'true' }), label);
}

/** "3 passing · 1 critical" for instance counts by status, as coloured dots with a text equivalent. */
export function healthSummary(counts) {
  const parts = ['passing', 'warning', 'critical'].filter((s) => counts[s] > 0);
  if (parts.length === 0) {
    return h('span', { class: 'muted' }, 'no instances');
  }
  return h('span', { class: 'health-summary' },
    parts.map((s) => h('span', { class: `hs hs-${s}`, title: `${counts[s]} ${s}` },
      h('span', { class: 'dot', 'aria-hidden': 'true' }), `${counts[s]} ${s}`)));
}

export function actionBadge(action) {
  return h('span', { class: `badge action action-${action}` }, action);
}
