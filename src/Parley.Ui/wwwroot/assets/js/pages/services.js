// Services: local and imported, with a peer badge, a filter by peer, and health at a glance.

import { h, keyedRows, replace, errorBox, count } from '../dom.js';
import { refresher } from '../live.js';
import { setQuery } from '../router.js';
import { healthSummary, localBadge, peerBadge } from '../components/badges.js';
import { emptyState, field, pageHeader, table } from '../components/layout.js';
import { loadExports, loadPeerNames, loadServices, serviceLink, worstOf } from './service-data.js';

export function mount(root, { query, signal }) {
  const filters = {
    q: query.get('q') || '',
    source: query.get('peer') ? `peer:${query.get('peer')}` : (query.get('source') === 'local' ? 'local' : 'all'),
    health: query.get('health') || 'all',
  };
  let data = { rows: [], peers: [], exports: new Map() };
  let loaded = false;

  const search = h('input', { type: 'search', value: filters.q, placeholder: 'Name or tag', autocomplete: 'off' });
  const source = h('select');
  const health = h('select', null,
    ['all', 'passing', 'warning', 'critical'].map((v) => h('option', { value: v, selected: v === filters.health }, v === 'all' ? 'Any health' : v)));
  const summary = h('p', { class: 'result-count', role: 'status' });
  const errorSlot = h('div');
  const tbody = h('tbody');
  const body = h('div');

  const update = () => {
    filters.q = search.value.trim();
    filters.source = source.value;
    filters.health = health.value;
    setQuery({
      q: filters.q,
      source: filters.source === 'local' ? 'local' : '',
      peer: filters.source.startsWith('peer:') ? filters.source.slice(5) : '',
      health: filters.health === 'all' ? '' : filters.health,
    });
    render();
  };
  search.addEventListener('input', update);
  source.addEventListener('change', update);
  health.addEventListener('change', update);

  const renderSources = () => {
    const selected = filters.source;
    const peers = [...new Set([...data.peers, ...(selected.startsWith('peer:') ? [selected.slice(5)] : [])])].sort();
    replace(source,
      h('option', { value: 'all', selected: selected === 'all' }, 'All sources'),
      h('option', { value: 'local', selected: selected === 'local' }, 'This cluster'),
      peers.map((p) => h('option', { value: `peer:${p}`, selected: selected === `peer:${p}` }, `Peer: ${p}`)));
    filters.source = source.value;
  };

  const render = () => {
    if (!loaded) {
      return;
    }
    const q = filters.q.toLowerCase();
    const rows = data.rows
      .filter((r) => filters.source === 'all'
        || (filters.source === 'local' && r.peer === '')
        || (filters.source === `peer:${r.peer}` && r.peer !== ''))
      .filter((r) => filters.health === 'all' || worstOf(r.counts) === filters.health)
      .filter((r) => !q || r.name.toLowerCase().includes(q) || r.tags.some((t) => t.toLowerCase().includes(q)))
      .sort((a, b) => a.name.localeCompare(b.name) || a.peer.localeCompare(b.peer));
    summary.textContent = rows.length === data.rows.length
      ? count(rows.length, 'service')
      : `Showing ${rows.length} of ${count(data.rows.length, 'service')}`;
    if (data.rows.length === 0) {
      replace(body, emptyState('No services yet',
        'Services registered with an agent of this cluster, and services that peers export to it, appear here.'));
      return;
    }
    if (body.firstChild?.classList?.contains('empty')) {
      body.replaceChildren();
    }
    if (!body.firstChild) {
      body.append(table({
        caption: 'Services',
        columns: ['Service', 'Source', 'Health', { label: 'Instances', class: 'num' }, { label: 'Tags', class: 'col-opt' }, { label: 'Exported to', class: 'col-opt' }],
        tbody,
      }));
    }
    keyedRows(tbody, rows.map((r) => ({ ...r, exportedTo: r.peer ? [] : (data.exports.get(r.name) || []) })), (r) => `${r.peer}/${r.name}`, (r) =>
      h('tr', null,
        h('th', { scope: 'row' }, h('a', { href: serviceLink(r.name, r.peer), class: 'service-name' }, r.name)),
        h('td', null, r.peer ? peerBadge(r.peer) : localBadge()),
        h('td', null, healthSummary(r.counts)),
        h('td', { class: 'num' }, String(r.instances)),
        h('td', { class: 'col-opt' }, h('span', { class: 'tags' }, r.tags.map((t) => h('span', { class: 'tag' }, t)))),
        h('td', { class: 'col-opt' }, r.peer
          ? h('span', { class: 'muted' }, '—')
          : (r.exportedTo.length ? r.exportedTo.map((p) => peerBadge(p)) : h('span', { class: 'muted' }, 'not exported')))));
  };

  root.append(
    pageHeader({ title: 'Services', subtitle: 'Services of this cluster and the services peers export to it.' }),
    h('div', { class: 'toolbar', role: 'search', 'aria-label': 'Filter services' },
      field({ label: 'Search', control: search, id: 'services-search' }),
      field({ label: 'Source', control: source, id: 'services-source' }),
      field({ label: 'Health', control: health, id: 'services-health' })),
    errorSlot,
    summary,
    body);
  renderSources();
  summary.textContent = 'Loading…';

  refresher(async (s) => {
    const peers = await loadPeerNames(s);
    const [rows, exports] = await Promise.all([loadServices(['', ...peers], s), loadExports(s)]);
    data = { rows, peers, exports };
    loaded = true;
    renderSources();
    render();
  }, {
    signal,
    triggers: ['/v1/catalog/services', '/v1/health/state/any'],
    interval: 5000,
    onError: (error) => {
      replace(errorSlot, errorBox(error, 'Could not load services:'));
      if (error && !loaded) {
        summary.textContent = '';
      }
    },
  });
  return 'Services';
}
