// Exports editor (beyond Consul's UI): choose which services each peer may import. Writes the
// `exported-services` config entry named "default" with check-and-set, and says so plainly on a conflict.

import { getOrNull, put, url } from '../api.js';
import { h, replace, errorBox, announce } from '../dom.js';
import { watch } from '../live.js';
import { link } from '../router.js';
import { emptyState, field, pageHeader } from '../components/layout.js';

const ENTRY_PATH = '/v1/config/exported-services/default';

/** Map of service name → set of peer names, from an entry's Peer consumers. */
function toMatrix(entry) {
  const matrix = new Map();
  for (const service of entry?.Services || []) {
    const peers = matrix.get(service.Name) || new Set();
    for (const consumer of service.Consumers || []) {
      if (consumer.Peer) {
        peers.add(consumer.Peer);
      }
    }
    matrix.set(service.Name, peers);
  }
  return matrix;
}

function signature(matrix) {
  return JSON.stringify([...matrix.entries()].filter(([, p]) => p.size > 0).map(([s, p]) => [s, [...p].sort()]).sort());
}

function describe(entry) {
  const rows = [...toMatrix(entry).entries()].filter(([, p]) => p.size > 0);
  return rows.length === 0 ? 'nothing exported' : rows.map(([s, p]) => `${s} → ${[...p].sort().join(', ')}`).join('; ');
}

export function mount(root, { signal }) {
  let loaded = { entry: null, index: 0 };   // the version edits are based on; its ModifyIndex is the CAS index
  let latest = null;                          // the newest version seen, when it differs from `loaded`
  let desired = new Map();
  let services = [];
  let peerings = [];
  const added = new Set();
  let ready = { entry: false, services: false, peers: false };

  const errorSlot = h('div');
  const conflictSlot = h('div');
  const remoteSlot = h('div');
  const matrixSlot = h('div', null, h('p', { class: 'muted' }, 'Loading…'));
  const status = h('p', { class: 'save-status', role: 'status' });
  const preview = h('pre', { class: 'json' });
  const save = h('button', { type: 'button', class: 'button primary', disabled: true }, 'Save exports');
  const discard = h('button', { type: 'button', class: 'button', disabled: true }, 'Discard changes');
  const newName = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: 'payments or *' });
  const addRow = h('button', { type: 'button', class: 'button' }, 'Add service');
  const version = h('span', { class: 'muted' });

  root.append(
    pageHeader({
      title: 'Exports',
      subtitle: 'Choose which services each peer may import. Only what is ticked here ever leaves this cluster.',
    }),
    errorSlot,
    remoteSlot,
    h('section', { class: 'panel', 'aria-labelledby': 'exports-matrix' },
      h('div', { class: 'panel-title-row' }, h('h2', { id: 'exports-matrix' }, 'Services and the peers they are exported to'), version),
      matrixSlot,
      h('div', { class: 'add-row' },
        field({
          label: 'Export another service',
          control: newName,
          id: 'exports-new',
          hint: 'A service not registered yet, or * for every service of this cluster.',
        }),
        addRow)),
    h('div', { class: 'action-bar' }, save, discard, status),
    conflictSlot,
    h('details', { class: 'panel preview' }, h('summary', null, 'Config entry to be written'), preview));

  const dirty = () => signature(desired) !== signature(toMatrix(loaded.entry));

  const buildEntry = () => {
    const base = loaded.entry || {};
    const out = [];
    const seen = new Set();
    for (const service of base.Services || []) {
      if (seen.has(service.Name)) {
        continue;
      }
      seen.add(service.Name);
      const peers = [...(desired.get(service.Name) || [])].sort();
      // Partition and sameness-group consumers are not edited here; keep them as they are.
      const consumers = [...(service.Consumers || []).filter((c) => !c.Peer), ...peers.map((p) => ({ Peer: p }))];
      if (consumers.length > 0) {
        out.push({ ...service, Consumers: consumers });
      }
    }
    for (const [name, peers] of desired) {
      if (!seen.has(name) && peers.size > 0) {
        out.push({ Name: name, Consumers: [...peers].sort().map((p) => ({ Peer: p })) });
      }
    }
    const entry = { Kind: 'exported-services', Name: 'default', Services: out };
    if (base.Meta) {
      entry.Meta = base.Meta;
    }
    return entry;
  };

  const updateActions = () => {
    const isDirty = dirty();
    save.disabled = !isDirty;
    discard.disabled = !isDirty;
    if (isDirty) {
      status.textContent = 'Unsaved changes.';
    } else if (status.textContent === 'Unsaved changes.') {
      status.textContent = '';
    }
    preview.textContent = JSON.stringify(buildEntry(), null, 2);
    for (const cell of matrixSlot.querySelectorAll('input[type=checkbox]')) {
      const was = toMatrix(loaded.entry).get(cell.dataset.service)?.has(cell.dataset.peer) || false;
      cell.closest('td').classList.toggle('changed', was !== cell.checked);
    }
    version.textContent = loaded.entry ? `Entry version ${loaded.entry.ModifyIndex}` : 'No exported-services entry yet';
  };

  const renderMatrix = () => {
    if (!ready.entry || !ready.services || !ready.peers) {
      return;
    }
    const focused = document.activeElement?.dataset?.cell;
    const rows = [...new Set([...services, ...desired.keys(), ...(loaded.entry?.Services || []).map((s) => s.Name), ...added])]
      .sort((a, b) => (a === '*' ? -1 : b === '*' ? 1 : a.localeCompare(b)));
    const live = peerings.filter((p) => p.State !== 'DELETING');
    const named = new Set([...desired.values()].flatMap((p) => [...p]));
    const peers = [...new Set([...live.map((p) => p.Name), ...named])].sort();
    const known = new Map(peerings.map((p) => [p.Name, p.State]));
    if (peers.length === 0) {
      replace(matrixSlot, emptyState('No peers to export to',
        'Services are exported to peers. Connect a peer first.',
        h('a', { class: 'button', href: link('peers') }, 'Go to Peers')));
      updateActions();
      return;
    }
    if (rows.length === 0) {
      replace(matrixSlot, emptyState('No services yet', 'Register a service, or add a name below to export it before it exists.'));
      updateActions();
      return;
    }
    const head = h('tr', null, h('th', { scope: 'col' }, 'Service'), peers.map((p) => h('th', { scope: 'col', class: 'peer-col' },
      h('span', { class: 'peer-col-name' }, p),
      h('span', { class: 'peer-col-state' }, known.get(p) || 'no such peer'))));
    const body = rows.map((service) => h('tr', null,
      h('th', { scope: 'row' }, service === '*' ? h('span', null, '* ', h('span', { class: 'muted' }, '(every service)')) : service,
        services.includes(service) || service === '*' ? null : h('span', { class: 'muted' }, ' (not registered)')),
      peers.map((peer) => {
        const box = h('input', {
          type: 'checkbox',
          checked: desired.get(service)?.has(peer) || false,
          'aria-label': `Export ${service} to ${peer}`,
          dataset: { service, peer, cell: `${service}\u0000${peer}` },
        });
        box.addEventListener('change', () => {
          const set = desired.get(service) || new Set();
          if (box.checked) {
            set.add(peer);
          } else {
            set.delete(peer);
          }
          desired.set(service, set);
          updateActions();
        });
        return h('td', { class: 'cell' }, box);
      })));
    replace(matrixSlot, h('div', { class: 'table-frame' },
      h('table', { class: 'table matrix' },
        h('caption', { class: 'sr-only' }, 'Tick a box to export the service in that row to the peer in that column'),
        h('thead', null, head), h('tbody', null, body))));
    if (focused) {
      [...matrixSlot.querySelectorAll('input')].find((i) => i.dataset.cell === focused)?.focus();
    }
    updateActions();
  };

  const adopt = (entry) => {
    loaded = { entry, index: entry?.ModifyIndex || 0 };
    latest = null;
    desired = toMatrix(entry);
    replace(remoteSlot);
    replace(conflictSlot);
    renderMatrix();
  };

  const onRemote = (entry) => {
    const remoteIndex = entry?.ModifyIndex || 0;
    if (!ready.entry) {
      ready.entry = true;
      adopt(entry);
      return;
    }
    if (remoteIndex === loaded.index) {
      return;
    }
    if (!dirty()) {
      adopt(entry);
      return;
    }
    latest = entry;
    replace(remoteSlot, h('div', { class: 'alert alert-warning', role: 'status' },
      'The exported services were changed elsewhere while you were editing (now: ', describe(entry), '). ',
      'Saving will report a conflict; discard your changes to start from the new version.'));
  };

  const onSave = async (cas) => {
    replace(conflictSlot);
    replace(errorSlot);
    save.disabled = true;
    status.textContent = 'Saving…';
    try {
      const entry = buildEntry();
      const { data } = await put(url('/v1/config', { cas }), entry);
      if (data === true) {
        status.textContent = 'Saved.';
        announce('Exports saved.');
        const fresh = await getOrNull(ENTRY_PATH);
        added.clear();
        adopt(fresh?.data || null);
        status.textContent = 'Saved.';
        return;
      }
      const current = (await getOrNull(ENTRY_PATH))?.data || null;
      latest = current;
      status.textContent = 'Not saved: conflict.';
      replace(conflictSlot, h('div', { class: 'alert alert-error conflict', role: 'alert' },
        h('h2', null, 'Not saved: the exports changed since you loaded them'),
        h('p', null,
          `You edited version ${loaded.index || 'none (no entry)'}; the entry is now `,
          current ? `version ${current.ModifyIndex}` : 'deleted',
          ', written by someone else. Nothing of yours was written.'),
        h('p', null, 'Their version: ', h('span', { class: 'mono' }, describe(current)), '.'),
        h('p', null, 'Your version: ', h('span', { class: 'mono' }, describe(entry)), '.'),
        h('div', { class: 'form-actions' },
          h('button', { type: 'button', class: 'button', onclick: () => { adopt(latest); announce('Loaded the current exports.'); } }, 'Discard mine and load theirs'),
          h('button', { type: 'button', class: 'button danger', onclick: () => onSave(current?.ModifyIndex || 0) }, 'Save mine over theirs'))));
      conflictSlot.querySelector('button')?.focus();
    } catch (error) {
      status.textContent = 'Not saved.';
      replace(conflictSlot, errorBox(error, 'Not saved:'));
    } finally {
      save.disabled = !dirty();
    }
  };

  save.addEventListener('click', () => onSave(loaded.index));
  discard.addEventListener('click', () => {
    added.clear();
    adopt(latest || loaded.entry);
    status.textContent = 'Changes discarded.';
  });
  const addService = () => {
    const name = newName.value.trim();
    if (!name) {
      newName.focus();
      return;
    }
    added.add(name);
    if (!desired.has(name)) {
      desired.set(name, new Set());
    }
    newName.value = '';
    renderMatrix();
    [...matrixSlot.querySelectorAll('input')].find((i) => i.dataset.service === name)?.focus();
  };
  addRow.addEventListener('click', addService);
  newName.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      addService();
    }
  });

  // One error per read: a read that succeeds (the catalog, filtered to nothing) must not clear another's refusal.
  const failures = new Map();
  const failFor = (read) => (error) => {
    failures.set(read, error);
    replace(errorSlot, errorBox([...failures.values()].find(Boolean), 'Could not load:'));
  };
  watch('/v1/config/exported-services', (list) => onRemote((list || []).find((e) => e.Name === 'default') || null), { signal, onError: failFor('exports') });
  watch('/v1/catalog/services', (data) => {
    services = Object.keys(data || {}).filter((s) => s !== 'consul').sort();
    ready.services = true;
    renderMatrix();
  }, { signal, onError: failFor('services') });
  watch('/v1/peerings', (data) => {
    const next = data || [];
    const changed = JSON.stringify(next.map((p) => [p.Name, p.State])) !== JSON.stringify(peerings.map((p) => [p.Name, p.State]));
    peerings = next;
    if (changed || !ready.peers) {
      ready.peers = true;
      renderMatrix();
    }
  }, { signal, wait: '30s', onError: (error) => {
    if (error) {
      ready.peers = true;
      renderMatrix();
    }
    failFor('peerings')(error);
  } });
  return 'Exports';
}
