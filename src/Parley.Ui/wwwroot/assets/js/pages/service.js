// Service detail: instances, checks with their output, its place in the mesh (sidecars and upstreams), where it is
// exported to, and the intentions that apply (who they admit or refuse).

import { seg, url } from '../api.js';
import { h, replace, errorBox, count } from '../dom.js';
import { watch } from '../live.js';
import { link } from '../router.js';
import { actionBadge, healthBadge, localBadge, peerBadge, worstStatus } from '../components/badges.js';
import { emptyState, pageHeader, table } from '../components/layout.js';
import { meshPanel } from './service-mesh.js';

export function mount(root, { name, query, signal }) {
  const peer = query.get('peer') || '';
  const instancesSlot = h('div', null, h('p', { class: 'muted' }, 'Loading…'));
  const checksSlot = h('div');
  const exportsSlot = h('div', null, h('p', { class: 'muted' }, 'Loading…'));
  const intentionsSlot = h('div', null, h('p', { class: 'muted' }, 'Loading…'));
  const meshSlot = h('div');
  const instancesError = h('div');

  root.append(
    pageHeader({
      title: name,
      crumbs: [['Services', link('services')]],
      badges: [peer ? peerBadge(peer) : localBadge()],
      subtitle: peer ? `Imported from peer ${peer}.` : 'Registered in this cluster.',
    }),
    h('section', { class: 'panel', 'aria-labelledby': 'svc-instances' },
      h('h2', { id: 'svc-instances' }, 'Instances'), instancesError, instancesSlot),
    h('section', { class: 'panel', 'aria-labelledby': 'svc-checks' },
      h('h2', { id: 'svc-checks' }, 'Health checks'), checksSlot),
    h('section', { class: 'panel', 'aria-labelledby': 'svc-mesh' },
      h('h2', { id: 'svc-mesh' }, 'Service mesh'), meshSlot),
    h('div', { class: 'columns' },
      h('section', { class: 'panel', 'aria-labelledby': 'svc-exports' },
        h('h2', { id: 'svc-exports' }, peer ? 'Exports' : 'Exported to'), exportsSlot),
      h('section', { class: 'panel', 'aria-labelledby': 'svc-intentions' },
        h('h2', { id: 'svc-intentions' }, 'Intentions'), intentionsSlot)));

  watch(`/v1/health/service/${seg(name)}`, (data) => renderInstances(data || []), {
    signal,
    params: { peer },
    onError: (error) => replace(instancesError, errorBox(error, 'Could not load instances:')),
  });

  function renderInstances(instances) {
    if (instances.length === 0) {
      replace(instancesSlot, emptyState('No instances',
        peer ? `Peer ${peer} exports no instances of ${name} now.` : `No instance of ${name} is registered now.`));
      replace(checksSlot);
      return;
    }
    const rows = instances.map((i) => {
      const svc = i.Service;
      const address = svc.Address || i.Node.Address;
      return h('tr', null,
        h('th', { scope: 'row', class: 'mono' }, svc.ID),
        h('td', null, i.Node.Node),
        h('td', { class: 'mono' }, svc.Port ? `${address}:${svc.Port}` : address),
        h('td', null, healthBadge(worstStatus(i.Checks || []))),
        h('td', { class: 'col-opt' }, h('span', { class: 'tags' }, (svc.Tags || []).map((t) => h('span', { class: 'tag' }, t)))));
    });
    replace(instancesSlot,
      h('p', { class: 'result-count' }, count(instances.length, 'instance')),
      table({ caption: `Instances of ${name}`, columns: ['Instance', 'Node', 'Address', 'Health', { label: 'Tags', class: 'col-opt' }], tbody: h('tbody', null, rows) }));

    // A node's own checks come with every instance on that node: show each once, without an instance.
    const seen = new Set();
    const checks = instances.flatMap((i) => (i.Checks || []).map((c) => ({ ...c, instance: c.ServiceID ? i.Service.ID : '' })))
      .filter((c) => {
        const key = `${c.Node}\u0000${c.CheckID}`;
        return seen.has(key) ? false : seen.add(key);
      });
    if (checks.length === 0) {
      replace(checksSlot, h('p', { class: 'muted' }, 'No health checks: instances count as passing.'));
      return;
    }
    const order = { critical: 0, warning: 1, passing: 2 };
    checks.sort((a, b) => (order[a.Status] ?? 3) - (order[b.Status] ?? 3) || a.Name.localeCompare(b.Name));
    replace(checksSlot, table({
      caption: `Health checks of ${name}`,
      className: 'checks',
      columns: ['Check', 'Status', { label: 'Instance', class: 'col-opt' }, { label: 'Type', class: 'col-opt' }, 'Output'],
      tbody: h('tbody', null, checks.map((c) => h('tr', null,
        h('th', { scope: 'row' }, c.Name, c.ServiceID ? null : h('span', { class: 'muted' }, ' (node)')),
        h('td', null, healthBadge(c.Status)),
        h('td', { class: 'col-opt mono' }, c.instance || h('span', { class: 'muted' }, `node ${c.Node}`)),
        h('td', { class: 'col-opt' }, c.Type || '—'),
        h('td', { class: 'output-cell' }, c.Output ? h('pre', { class: 'output' }, c.Output) : h('span', { class: 'muted' }, 'No output'))))),
    }));
  }

  meshPanel(meshSlot, { name, peer, signal });

  if (peer) {
    replace(exportsSlot, h('p', null, `Peer ${peer} exports this service to this cluster. Re-exporting imported services is not possible.`));
    replace(intentionsSlot, h('p', null,
      `Who may call ${name} is decided by intentions in peer ${peer}, which runs it. `,
      'Intentions here apply to services of this cluster.'));
  } else {
    watch('/v1/exported-services', (data) => {
      const row = (data || []).find((r) => r.Service === name);
      const peers = row?.Consumers?.Peers || [];
      replace(exportsSlot,
        peers.length === 0
          ? h('p', { class: 'muted' }, 'Not exported to any peer.')
          : h('ul', { class: 'badge-list', 'aria-label': `Peers ${name} is exported to` }, peers.map((p) => h('li', null, peerBadge(p)))),
        h('p', null, h('a', { href: link('exports') }, 'Edit exports')));
    }, { signal, onError: (error) => error && replace(exportsSlot, errorBox(error)) });

    watch(url('/v1/connect/intentions/match', { by: 'destination', name }), (data) => {
      const list = (data && data[name]) || [];
      replace(intentionsSlot,
        list.length === 0
          ? h('p', { class: 'muted' }, 'No intention names this service; the default policy applies.')
          : table({
            caption: `Intentions that apply to ${name}, highest precedence first`,
            columns: ['Caller', 'Admitted?', { label: 'Precedence', class: 'num col-opt' }, { label: 'Description', class: 'col-opt' }],
            tbody: h('tbody', null, list.map((i) => h('tr', null,
              h('th', { scope: 'row' }, i.SourceName === '*' ? 'any service' : i.SourceName,
                i.SourcePeer ? [' from ', peerBadge(i.SourcePeer)] : h('span', { class: 'muted' }, ' (this cluster)')),
              h('td', null, i.Permissions?.length ? h('span', { class: 'badge' }, 'L7 permissions') : actionBadge(i.Action)),
              h('td', { class: 'num col-opt' }, String(i.Precedence ?? '')),
              h('td', { class: 'col-opt' }, i.Description || '')))),
          }),
        list.length === 0 ? null : h('p', { class: 'muted' }, 'Callers no intention names: the default policy decides.'),
        h('p', null, h('a', { href: `${link('intentions')}?destination=${encodeURIComponent(name)}` }, 'Edit intentions')));
    }, { signal, onError: (error) => error && replace(intentionsSlot, errorBox(error)) });
  }
  return name;
}
