// Peer detail: status, heartbeat/receive/send times, last error; tabs Imported services, Exported services,
// Server addresses; actions Delete and Regenerate token.

import { get, seg, url } from '../api.js';
import { h, replace, errorBox, count } from '../dom.js';
import { refresher, watch } from '../live.js';
import { link, navigate } from '../router.js';
import { healthSummary, stateBadge } from '../components/badges.js';
import { emptyState, pageHeader, table } from '../components/layout.js';
import { timeAgo } from '../time.js';
import { openAddPeer } from './add-peer.js';
import { confirmDeletePeer } from './peer-actions.js';
import { loadServices, serviceLink } from './service-data.js';

export const TABS = [
  { id: 'imported-services', label: 'Imported services' },
  { id: 'exported-services', label: 'Exported services' },
  { id: 'addresses', label: 'Server addresses', dialerOnly: true },
];

export function mount(root, { name, tab, signal }) {
  const selected = tab || 'imported-services';
  const headerSlot = h('div');
  const errorSlot = h('div');
  const summarySlot = h('div');
  const tabsSlot = h('div');
  const panel = h('section', { class: 'panel tab-content', 'aria-live': 'off' });
  root.append(headerSlot, errorSlot, summarySlot, doctorPanel(name, signal), tabsSlot, panel);

  let peering = null;
  let deleted = false;

  const onDelete = () => confirmDeletePeer(name, () => {
    deleted = true;
    navigate(link('peers'));
  });
  const onRegenerate = () => openAddPeer({ regenerate: name });

  const renderHeader = () => {
    const actions = [];
    if (peering && peering.State !== 'DELETING') {
      if (!peering.PeerID) {
        actions.push(h('button', { type: 'button', class: 'button', onclick: onRegenerate }, 'Regenerate token'));
      }
      actions.push(h('button', { type: 'button', class: 'button danger', onclick: onDelete }, 'Delete'));
    }
    replace(headerSlot, pageHeader({
      title: name,
      crumbs: [['Peers', link('peers')]],
      badges: peering ? [stateBadge(peering.State)] : [],
      actions,
    }));
  };

  const renderSummary = () => {
    const p = peering;
    const s = p.StreamStatus || {};
    const item = (label, value) => h('div', { class: 'bento-item' }, h('dt', null, label), h('dd', null, value));
    // Parley's Healthy: only a peering that should be streaming (not pending, expired, deleting or terminated) is judged.
    const judged = s.Healthy !== undefined && ['ACTIVE', 'FAILING', 'ESTABLISHING'].includes(p.State);
    const unhealthy = judged && !s.Healthy;
    replace(summarySlot,
      unhealthy
        ? h('div', { class: 'alert alert-error', role: 'alert', dataset: { health: 'unhealthy' } },
          h('span', { class: 'badge state state-terminated' }, 'Unhealthy'), ' ',
          s.LastError
            ? [h('strong', null, 'Last error: '), h('span', { class: 'api-text' }, s.LastError.Message), ' ', timeAgo(s.LastError.Time)]
            : h('span', null, 'Nothing heard from the peer within the heartbeat timeout.'))
        : null,
      h('dl', { class: 'bento' },
        item('Status', stateBadge(p.State)),
        judged ? item('Health', h('span', { class: unhealthy ? 'bad' : 'ok', dataset: { health: unhealthy ? 'unhealthy' : 'healthy' } }, unhealthy ? 'Unhealthy' : 'Healthy')) : null,
        !unhealthy && s.LastError ? item('Last error', [h('span', { class: 'api-text' }, s.LastError.Message), ' ', timeAgo(s.LastError.Time)]) : null,
        item('Latest heartbeat', timeAgo(s.LastHeartbeat)),
        item('Latest receipt', timeAgo(s.LastReceive)),
        item('Latest send', timeAgo(s.LastSend)),
        item('Remote datacenter', p.Remote?.Datacenter || h('span', { class: 'muted' }, 'Not known yet')),
        item('Role', p.PeerID ? 'Dials the peer (established with its token)' : 'Accepts the peer’s connection (generated the token)'),
        item('ID', h('span', { class: 'mono' }, p.ID)),
        p.PeerID ? item('Peer ID', h('span', { class: 'mono' }, p.PeerID)) : null,
        p.PeerServerName ? item('Peer server name', h('span', { class: 'mono' }, p.PeerServerName)) : null,
        p.DeletedAt ? item('Deletion requested', timeAgo(p.DeletedAt)) : null,
        p.TokenIssuedAt ? item('Token generated', timeAgo(p.TokenIssuedAt)) : null,
        p.TokenIssuedAt ? item('Token expires', p.TokenExpiresAt ? timeAgo(p.TokenExpiresAt) : 'Never') : null,
        p.Meta && Object.keys(p.Meta).length
          ? item('Meta', h('ul', { class: 'meta' }, Object.entries(p.Meta).map(([k, v]) => h('li', { class: 'mono' }, `${k}=${v}`))))
          : null));
  };

  const renderTabs = () => {
    const s = peering.StreamStatus || {};
    const counts = {
      'imported-services': s.ImportedServices?.length ?? 0,
      'exported-services': s.ExportedServices?.length ?? 0,
      addresses: peering.PeerServerAddresses?.length ?? 0,
    };
    replace(tabsSlot, h('nav', { class: 'tabnav', 'aria-label': 'Peer sections' },
      h('ul', null, TABS.filter((t) => !t.dialerOnly || peering.PeerID).map((t) => h('li', null,
        h('a', {
          href: link('peers', name, t.id),
          'aria-current': t.id === selected ? 'page' : null,
          class: 'tablink',
        }, t.label, ' ', h('span', { class: 'count' }, String(counts[t.id]))))))));
  };

  renderHeader();
  replace(summarySlot, h('p', { class: 'muted' }, 'Loading…'));

  watch(`/v1/peering/${seg(name)}`, (data) => {
    peering = data;
    renderHeader();
    renderSummary();
    renderTabs();
    if (selected === 'addresses') {
      renderAddresses();
    }
  }, {
    signal,
    wait: '5s',
    onError: (error) => {
      if (error && error.status === 404) {
        peering = null;
        renderHeader();
        replace(summarySlot);
        replace(tabsSlot);
        replace(panel);
        replace(errorSlot, h('div', { class: 'alert alert-error', role: 'alert' },
          h('span', { class: 'api-text' }, error.message), ' ',
          deleted ? 'It has been deleted.' : 'It may have been deleted. ',
          h('a', { href: link('peers') }, 'Back to peers')));
      } else {
        replace(errorSlot, errorBox(error, 'Could not load the peering:'));
        if (error && !peering) {
          replace(summarySlot);
        }
      }
    },
  });

  function renderAddresses() {
    const addresses = peering?.PeerServerAddresses || [];
    replace(panel, h('h2', { class: 'sr-only' }, 'Server addresses'),
      addresses.length === 0
        ? emptyState('No server addresses', 'This cluster accepts the connection, so it does not keep the peer’s addresses.')
        : h('ul', { class: 'address-list', 'aria-label': `Server addresses of ${name}` }, addresses.map((a) => h('li', { class: 'mono' }, a))));
  }

  if (selected === 'imported-services') {
    const tbody = h('tbody');
    const status = h('p', { class: 'result-count', role: 'status' }, 'Loading…');
    const body = h('div');
    const error = h('div');
    replace(panel, h('h2', { class: 'sr-only' }, 'Imported services'), error, status, body);
    refresher(async (s) => {
      const rows = await loadServices([name], s);
      rows.sort((a, b) => a.name.localeCompare(b.name));
      status.textContent = count(rows.length, 'imported service');
      if (rows.length === 0) {
        replace(body, emptyState(`Nothing imported from ${name}`,
          'Services appear here once the peer exports them to this cluster and the connection is active.'));
        return;
      }
      replace(tbody, rows.map((r) => h('tr', null,
        h('th', { scope: 'row' }, h('a', { href: serviceLink(r.name, name) }, r.name)),
        h('td', null, healthSummary(r.counts)),
        h('td', { class: 'num' }, String(r.instances)))));
      if (!body.querySelector('table')) {
        replace(body, table({ caption: `Services imported from ${name}`, columns: ['Service', 'Health', { label: 'Instances', class: 'num' }], tbody }));
      }
    }, {
      signal,
      triggers: [url('/v1/catalog/services', { peer: name })],
      interval: 5000,
      onError: (e) => replace(error, errorBox(e)),
    });
  } else if (selected === 'exported-services') {
    const body = h('div', null, h('p', { class: 'muted' }, 'Loading…'));
    replace(panel, h('h2', { class: 'sr-only' }, 'Exported services'), body);
    let exported = [];
    let shown = '';
    const render = () => {
      const sent = new Set(peering?.StreamStatus?.ExportedServices || []);
      const signature = JSON.stringify([exported, [...sent]]);
      if (signature === shown) {
        return;
      }
      shown = signature;
      replace(body,
        exported.length === 0
          ? emptyState(`Nothing is exported to ${name}`, 'Choose services for this peer in the Exports editor.',
            h('a', { class: 'button', href: link('exports') }, 'Open exports'))
          : [
            h('p', { class: 'result-count' }, count(exported.length, 'service'), ' exported to ', name),
            table({
              caption: `Services exported to ${name}`,
              columns: ['Service', 'Replicated'],
              tbody: h('tbody', null, exported.map((svc) => h('tr', null,
                h('th', { scope: 'row' }, h('a', { href: serviceLink(svc, '') }, svc)),
                h('td', null, sent.has(svc)
                  ? h('span', { class: 'ok' }, 'sent to the peer')
                  : h('span', { class: 'muted' }, 'not yet sent'))))),
            }),
            h('p', null, h('a', { href: link('exports') }, 'Edit exports')),
          ]);
    };
    watch('/v1/exported-services', (data) => {
      exported = (data || []).filter((r) => (r.Consumers?.Peers || []).includes(name)).map((r) => r.Service).sort();
      render();
    }, { signal, onError: (e) => e && replace(body, errorBox(e)) });
    // The peering's own updates carry what the stream has sent; look at them every few seconds.
    const timer = setInterval(render, 2000);
    signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  }
  return name;
}

// Doctor: GET /v1/peering/:name/doctor[?service=] as one line per step, the failing one with what to do.
function doctorPanel(name, signal) {
  const service = h('input', { type: 'text', placeholder: 'Service (optional)', autocomplete: 'off' });
  const result = h('div', { class: 'doctor-result', 'aria-live': 'polite' });
  const run = async () => {
    replace(result, h('p', { class: 'muted' }, 'Checking…'));
    try {
      const { data: report } = await get(url(`/v1/peering/${seg(name)}/doctor`, { service: service.value.trim() || undefined }), { signal });
      replace(result,
        h('ol', { class: 'doctor-steps' }, report.Steps.map((s) => h('li', { dataset: { step: s.ID, status: s.Status } },
          h('span', { class: `badge doctor-${s.Status}` }, s.Status.toUpperCase()), ' ',
          h('strong', null, s.Title), ': ', h('span', { class: 'api-text' }, s.Detail),
          s.Fix ? h('div', { class: 'doctor-fix' }, 'Fix: ', s.Fix) : null))),
        h('p', { class: report.Ok ? 'ok' : 'bad', dataset: { verdict: report.Ok ? 'whole' : 'broken' } },
          report.Ok ? 'The path is whole.' : 'The path breaks at the failed step.'));
    } catch (error) {
      replace(result, errorBox(error, 'Could not run the doctor:'));
    }
  };
  return h('section', { class: 'panel doctor', 'aria-label': 'Doctor' },
    h('h2', null, 'Doctor'),
    h('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); run(); } },
      h('label', null, 'Service ', service),
      h('button', { type: 'submit', class: 'button' }, 'Run doctor')),
    result);
}
