// The service page's mesh panel: the sidecar proxies in front of a service, the upstreams they open for its
// application (local or imported from a peer), and for an imported service the peer gateway it is reached through.

import { seg } from '../api.js';
import { h, replace, errorBox, count } from '../dom.js';
import { watch } from '../live.js';
import { healthBadge, localBadge, peerBadge, worstStatus } from '../components/badges.js';
import { emptyState, table } from '../components/layout.js';
import { serviceLink } from './service-data.js';

/** Fills `slot` with the mesh view of service `name` (imported from `peer` when set), following changes. */
export function meshPanel(slot, { name, peer, signal }) {
  replace(slot, h('p', { class: 'muted' }, 'Loading…'));
  watch(`/v1/health/connect/${seg(name)}`, (data) => replace(slot, ...render(data || [])), {
    signal,
    params: { peer },
    onError: (error) => error && replace(slot, errorBox(error, 'Could not load the mesh view:')),
  });

  function render(rows) {
    if (rows.length === 0) {
      return [peer
        ? emptyState('Not reachable through the mesh', `Peer ${peer} sends no mesh endpoints for ${name}: it needs a sidecar there and a mesh gateway in ${peer}.`)
        : emptyState('Not in the mesh', `No sidecar proxy is registered for ${name}; register it with Connect.SidecarService to join the mesh.`)];
    }
    return peer ? renderImported(rows) : [...renderSidecars(rows), ...renderUpstreams(rows)];
  }

  function renderImported(rows) {
    const meta = rows[0].Service.Connect?.PeerMeta || {};
    return [
      h('p', null, `Reached through the mesh gateway of peer ${peer} (protocol ${meta.Protocol || 'tcp'}).`),
      table({
        caption: `Mesh gateways of ${peer} in front of ${name}`,
        columns: ['Gateway', 'Address', 'Health'],
        tbody: h('tbody', null, rows.map((r) => h('tr', null,
          h('th', { scope: 'row' }, r.Node.Node),
          h('td', { class: 'mono' }, `${r.Service.Address || r.Node.Address}:${r.Service.Port}`),
          h('td', null, healthBadge(worstStatus(r.Checks || [])))))),
      }),
    ];
  }

  function renderSidecars(rows) {
    return [
      h('p', { class: 'result-count' }, count(rows.length, 'sidecar proxy', 'sidecar proxies')),
      table({
        caption: `Sidecar proxies of ${name}`,
        columns: ['Proxy', 'Node', 'Address', 'Health', { label: 'Forwards to', class: 'col-opt' }],
        tbody: h('tbody', null, rows.map((r) => {
          const svc = r.Service;
          const proxy = svc.Proxy || {};
          const native = svc.Kind === '' && svc.Connect?.Native;
          return h('tr', null,
            h('th', { scope: 'row', class: 'mono' }, svc.ID, native ? h('span', { class: 'muted' }, ' (connect-native)') : null),
            h('td', null, r.Node.Node),
            h('td', { class: 'mono' }, `${svc.Address || r.Node.Address}:${svc.Port}`),
            h('td', null, healthBadge(worstStatus(r.Checks || []))),
            h('td', { class: 'col-opt mono' }, native ? '—' : `${proxy.LocalServiceAddress || '127.0.0.1'}:${proxy.LocalServicePort || ''}`));
        })),
      }),
    ];
  }

  function renderUpstreams(rows) {
    const seen = new Map();
    for (const r of rows) {
      for (const u of r.Service.Proxy?.Upstreams || []) {
        const key = `${u.DestinationName}\u0000${u.DestinationPeer || ''}\u0000${u.Datacenter || ''}\u0000${u.LocalBindPort}`;
        if (!seen.has(key)) {
          seen.set(key, u);
        }
      }
    }
    const upstreams = [...seen.values()];
    if (upstreams.length === 0) {
      return [h('p', { class: 'muted' }, `${name} calls no upstreams through its sidecar.`)];
    }
    return [h('h3', null, 'Upstreams'), table({
      caption: `Upstreams of ${name}`,
      columns: ['Calls', 'From', 'Local listener'],
      tbody: h('tbody', null, upstreams.map((u) => h('tr', null,
        h('th', { scope: 'row' }, u.DestinationType === 'prepared_query'
          ? `query ${u.DestinationName}`
          : h('a', { href: serviceLink(u.DestinationName, u.DestinationPeer || '') }, u.DestinationName)),
        h('td', null, u.DestinationPeer ? peerBadge(u.DestinationPeer) : u.Datacenter ? `datacenter ${u.Datacenter}` : localBadge()),
        h('td', { class: 'mono' }, u.LocalBindSocketPath || `${u.LocalBindAddress || '127.0.0.1'}:${u.LocalBindPort}`)))),
    })];
  }
}
