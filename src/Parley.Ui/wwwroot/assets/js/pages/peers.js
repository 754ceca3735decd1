// Peers: every peering with its state, imported and exported counts; filter by state, search, add, delete.

import { h, keyedRows, replace, errorBox, count } from '../dom.js';
import { watch } from '../live.js';
import { link, navigate, setQuery } from '../router.js';
import { STATES, stateBadge } from '../components/badges.js';
import { moreMenu } from '../components/menu.js';
import { emptyState, field, pageHeader, table } from '../components/layout.js';
import { parseTime, relative, timeAgo } from '../time.js';
import { openAddPeer } from './add-peer.js';
import { confirmDeletePeer } from './peer-actions.js';

/** For a peering whose token is unused (Parley's TokenIssuedAt): when the token expires, with its age on hover. */
export function tokenExpiry(p) {
  if (!p.TokenIssuedAt) {
    return h('span', { class: 'muted' }, '—');
  }
  const issued = parseTime(p.TokenIssuedAt);
  const title = issued ? `Token generated ${relative(issued)}` : null;
  return p.TokenExpiresAt
    ? h('span', { title }, timeAgo(p.TokenExpiresAt))
    : h('span', { class: 'muted', title }, 'Never');
}

export function mount(root, { query, signal }) {
  let peerings = null;
  // Optimistic states shown until the API reports them (Consul's UI shows DELETING at once after a delete).
  const pending = new Map();
  const filters = { q: query.get('q') || '', state: query.get('state') || '', sort: query.get('sort') || 'state' };

  const search = h('input', { type: 'search', value: filters.q, placeholder: 'Name or ID', autocomplete: 'off' });
  const state = h('select', null,
    h('option', { value: '' }, 'All states'),
    STATES.map((s) => h('option', { value: s, selected: s === filters.state }, s)));
  const sort = h('select', null,
    h('option', { value: 'state', selected: filters.sort === 'state' }, 'State'),
    h('option', { value: 'name', selected: filters.sort === 'name' }, 'Name'));
  const addButton = h('button', { type: 'button', class: 'button primary', onclick: () => openAddPeer({ onChange: refresh }) }, 'Add peer connection');
  const summary = h('p', { class: 'result-count', role: 'status' }, 'Loading…');
  const errorSlot = h('div');
  const tbody = h('tbody');
  const body = h('div');
  let refresh = () => {};

  const update = () => {
    filters.q = search.value.trim();
    filters.state = state.value;
    filters.sort = sort.value;
    setQuery({ q: filters.q, state: filters.state, sort: filters.sort === 'state' ? '' : filters.sort });
    render();
  };
  search.addEventListener('input', update);
  state.addEventListener('change', update);
  sort.addEventListener('change', update);

  const render = () => {
    if (!peerings) {
      return;
    }
    const all = peerings.map((p) => {
      const optimistic = pending.get(p.Name);
      if (optimistic && p.State !== optimistic && p.State !== 'TERMINATED') {
        return { ...p, State: optimistic };
      }
      pending.delete(p.Name);
      return p;
    });
    const q = filters.q.toLowerCase();
    const rows = all
      .filter((p) => !filters.state || p.State === filters.state)
      .filter((p) => !q || p.Name.toLowerCase().includes(q) || p.ID.toLowerCase().includes(q))
      .sort((a, b) => (filters.sort === 'state' ? a.State.localeCompare(b.State) : 0) || a.Name.localeCompare(b.Name));
    summary.textContent = rows.length === all.length ? count(all.length, 'peer') : `Showing ${rows.length} of ${count(all.length, 'peer')}`;
    if (all.length === 0) {
      replace(body, emptyState('No peers yet',
        'Peer this cluster with another: generate a token here and establish with it there, or the other way round.',
        h('button', { type: 'button', class: 'button primary', onclick: () => openAddPeer({ onChange: refresh }) }, 'Add peer connection')));
      return;
    }
    if (!body.querySelector('table')) {
      replace(body, table({
        caption: 'Peers',
        columns: ['Name', 'State', { label: 'Imported services', class: 'num' }, { label: 'Exported services', class: 'num' },
          { label: 'Remote datacenter', class: 'col-opt' }, { label: 'Last heartbeat', class: 'col-opt' }, 'Token expires',
          { label: 'Actions', class: 'actions' }],
        tbody,
      }));
    }
    keyedRows(tbody, rows, (p) => p.Name, (p) => {
      const imported = p.StreamStatus?.ImportedServices?.length ?? 0;
      const exported = p.StreamStatus?.ExportedServices?.length ?? 0;
      const items = [{ label: 'View', onSelect: () => navigate(link('peers', p.Name)) }];
      if (!p.PeerID && p.State !== 'DELETING') {
        items.push({ label: 'Regenerate token', onSelect: () => openAddPeer({ regenerate: p.Name, onChange: refresh }) });
      }
      if (p.State !== 'DELETING') {
        items.push({
          label: 'Delete',
          danger: true,
          onSelect: () => confirmDeletePeer(p.Name, () => {
            pending.set(p.Name, 'DELETING');
            render();
            refresh();
          }),
        });
      }
      return h('tr', { dataset: { peer: p.Name } },
        h('th', { scope: 'row' }, h('a', { href: link('peers', p.Name) }, p.Name)),
        h('td', null, stateBadge(p.State)),
        h('td', { class: 'num' }, h('a', { href: link('peers', p.Name, 'imported-services'), 'aria-label': `${count(imported, 'imported service')} from ${p.Name}` }, String(imported))),
        h('td', { class: 'num' }, h('a', { href: link('peers', p.Name, 'exported-services'), 'aria-label': `${count(exported, 'exported service')} to ${p.Name}` }, String(exported))),
        h('td', { class: 'col-opt' }, p.Remote?.Datacenter || h('span', { class: 'muted' }, '—')),
        h('td', { class: 'col-opt' }, timeAgo(p.StreamStatus?.LastHeartbeat)),
        h('td', { class: 'token-expiry' }, tokenExpiry(p)),
        h('td', { class: 'actions' }, moreMenu(p.Name, items)));
    });
  };

  root.append(
    pageHeader({ title: 'Peers', subtitle: 'Other clusters this one is peered with.', actions: [addButton] }),
    h('div', { class: 'toolbar', role: 'search', 'aria-label': 'Filter peers' },
      field({ label: 'Search', control: search, id: 'peers-search' }),
      field({ label: 'State', control: state, id: 'peers-state' }),
      field({ label: 'Sort by', control: sort, id: 'peers-sort' })),
    errorSlot,
    summary,
    body);

  // Stored changes wake the query at once; stream status (ACTIVE, FAILING, heartbeats) is computed at read time,
  // so a short wait picks those up within seconds.
  let restart = null;
  const start = () => {
    restart?.abort();
    restart = new AbortController();
    signal.addEventListener('abort', () => restart.abort(), { once: true });
    watch('/v1/peerings', (data) => {
      peerings = data || [];
      render();
    }, {
      signal: restart.signal,
      wait: '5s',
      onError: (error) => {
        replace(errorSlot, errorBox(error, 'Could not load peers:'));
        if (error && !peerings) {
          // Nothing to show (e.g. permission denied): the error says why, so no "Loading…" is left behind.
          summary.textContent = '';
        }
      },
    });
  };
  refresh = start;
  start();
  return 'Peers';
}
