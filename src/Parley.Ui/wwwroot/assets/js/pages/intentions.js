// Intentions editor (beyond Consul's UI for peers): who may call whom, where a source may be a peer's service.
// Each destination's sources live in one `service-intentions` config entry, written with check-and-set.

import { del, getOrNull, put, seg, url } from '../api.js';
import { h, replace, errorBox, announce, count, keyedRows } from '../dom.js';
import { watch } from '../live.js';
import { setQuery } from '../router.js';
import { actionBadge, peerBadge } from '../components/badges.js';
import { confirmDialog } from '../components/dialog.js';
import { busyButton, emptyState, field, pageHeader, table } from '../components/layout.js';
import { serviceLink } from './service-data.js';

const sameSource = (source, name, peer) =>
  source.Name === name && (source.Peer || '') === peer && !source.Partition && !source.SamenessGroup
  && (!source.Namespace || source.Namespace === 'default');

/** The entry as it may be written back: without the server's bookkeeping fields. */
function writable(entry) {
  const { CreateIndex, ModifyIndex, ...rest } = entry;
  void CreateIndex;
  void ModifyIndex;
  return {
    ...rest,
    Sources: (rest.Sources || []).map((s) => {
      const { Precedence, ...source } = s;
      void Precedence;
      return source;
    }),
  };
}

class ConflictError extends Error {}

/** Reads the destination's entry, lets `change(sources)` edit it, and writes it back with CAS (or deletes it). */
async function editEntry(destination, change) {
  const current = (await getOrNull(`/v1/config/service-intentions/${seg(destination)}`))?.data || null;
  const entry = current ? writable(current) : { Kind: 'service-intentions', Name: destination, Sources: [] };
  entry.Sources = change([...entry.Sources]);
  const cas = current?.ModifyIndex || 0;
  let ok;
  if (entry.Sources.length === 0 && current) {
    ok = (await del(url(`/v1/config/service-intentions/${seg(destination)}`, { cas }))).data === true;
  } else {
    ok = (await put(url('/v1/config', { cas }), entry)).data === true;
  }
  if (!ok) {
    throw new ConflictError(`The intentions for ${destination} changed while this was being saved. Nothing was written; check the list and try again.`);
  }
}

export function mount(root, { query, signal }) {
  let entries = null;
  let services = [];
  let peers = [];
  const filters = { q: query.get('q') || '', peer: query.get('peer') || '' };

  const source = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', list: 'intention-services', placeholder: 'frontend or *' });
  const sourcePeer = h('select');
  const destination = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', list: 'intention-services', value: query.get('destination') || '' });
  const allow = h('input', { type: 'radio', name: 'intention-action', value: 'allow', checked: true, id: 'intention-allow' });
  const deny = h('input', { type: 'radio', name: 'intention-action', value: 'deny', id: 'intention-deny' });
  const description = h('input', { type: 'text', autocomplete: 'off' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Save intention');
  const formError = h('div', { class: 'error-slot' });
  const formStatus = h('p', { class: 'save-status', role: 'status' });
  const datalist = h('datalist', { id: 'intention-services' });
  const search = h('input', { type: 'search', value: filters.q, autocomplete: 'off', placeholder: 'Source or destination' });
  const peerFilter = h('select');
  const summary = h('p', { class: 'result-count', role: 'status' }, 'Loading…');
  const listError = h('div');
  const tbody = h('tbody');
  const body = h('div');

  const form = h('form', { class: 'form intention-form', novalidate: true },
    h('div', { class: 'form-grid' },
      field({ label: 'Source service', control: source, id: 'intention-source', hint: 'The calling service; * for every service of the source.' }),
      field({ label: 'Source peer', control: sourcePeer, id: 'intention-source-peer', hint: 'Where the caller runs: this cluster, or a peer.' }),
      field({ label: 'Destination service', control: destination, id: 'intention-destination', hint: 'A service of this cluster.' }),
      h('fieldset', { class: 'field radio-group' },
        h('legend', null, 'Action'),
        h('div', { class: 'radio-options' },
          h('label', { for: 'intention-allow' }, allow, 'Allow'),
          h('label', { for: 'intention-deny' }, deny, 'Deny'))),
      field({ label: 'Description', control: description, id: 'intention-description', hint: 'Optional.' })),
    formError,
    h('div', { class: 'form-actions' }, submit, formStatus));

  const renderPeerOptions = () => {
    const keep = sourcePeer.value;
    replace(sourcePeer, h('option', { value: '' }, 'This cluster (local)'), peers.map((p) => h('option', { value: p }, `Peer: ${p}`)));
    sourcePeer.value = peers.includes(keep) ? keep : (peers.includes(query.get('sourcePeer')) ? query.get('sourcePeer') : '');
    const keepFilter = filters.peer;
    const named = [...new Set([...peers, ...(entries || []).flatMap((e) => (e.Sources || []).map((s) => s.Peer).filter(Boolean))])].sort();
    replace(peerFilter, h('option', { value: '' }, 'Any source'), h('option', { value: '-' }, 'This cluster only'),
      named.map((p) => h('option', { value: p }, `Peer: ${p}`)));
    peerFilter.value = keepFilter;
  };

  const rows = () => (entries || []).flatMap((e) => (e.Sources || []).map((s) => ({
    destination: e.Name,
    name: s.Name,
    peer: s.Peer || '',
    partition: s.Partition || '',
    action: s.Action || '',
    l7: (s.Permissions || []).length,
    description: s.Description || '',
    precedence: s.Precedence ?? 0,
  })));

  const render = () => {
    if (entries === null) {
      return;
    }
    const all = rows();
    const q = filters.q.toLowerCase();
    const shown = all
      .filter((r) => !filters.peer || (filters.peer === '-' ? r.peer === '' : r.peer === filters.peer))
      .filter((r) => !q || r.name.toLowerCase().includes(q) || r.destination.toLowerCase().includes(q))
      .sort((a, b) => a.destination.localeCompare(b.destination) || b.precedence - a.precedence || a.name.localeCompare(b.name));
    summary.textContent = shown.length === all.length ? count(all.length, 'intention') : `Showing ${shown.length} of ${count(all.length, 'intention')}`;
    if (all.length === 0) {
      replace(body, emptyState('No intentions yet', 'Without intentions the default policy decides. Add one above.'));
      return;
    }
    if (!body.querySelector('table')) {
      replace(body, table({
        caption: 'Intentions',
        columns: ['Source', 'Destination', 'Action', { label: 'Description', class: 'col-opt' }, { label: 'Actions', class: 'actions' }],
        tbody,
      }));
    }
    keyedRows(tbody, shown, (r) => `${r.destination}\u0000${r.peer}\u0000${r.partition}\u0000${r.name}`, (r) => h('tr', null,
      h('th', { scope: 'row' }, r.name, ' ', r.peer ? peerBadge(r.peer) : h('span', { class: 'badge local' }, r.partition ? `partition ${r.partition}` : 'local')),
      h('td', null, h('a', { href: serviceLink(r.destination, '') }, r.destination)),
      h('td', null, r.l7 ? h('span', { class: 'badge' }, `L7 permissions (${r.l7})`) : actionBadge(r.action)),
      h('td', { class: 'col-opt' }, r.description),
      h('td', { class: 'actions' }, r.partition ? null : h('button', {
        type: 'button',
        class: 'button small',
        'aria-label': `Remove intention from ${r.name}${r.peer ? ` (peer ${r.peer})` : ''} to ${r.destination}`,
        onclick: () => confirmDialog({
          title: 'Remove intention',
          message: `Remove the intention from ${r.name}${r.peer ? ` in peer ${r.peer}` : ''} to ${r.destination}?`,
          confirmLabel: 'Remove',
          action: () => editEntry(r.destination, (sources) => sources.filter((s) => !sameSource(s, r.name, r.peer))),
          onDone: (removed) => removed && announce('Intention removed.'),
        }),
      }, 'Remove'))));
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(formError);
    formStatus.textContent = '';
    const name = source.value.trim();
    const peer = sourcePeer.value;
    const dest = destination.value.trim();
    const action = allow.checked ? 'allow' : 'deny';
    if (!dest) {
      replace(formError, errorBox({ message: 'Name a destination service.' }));
      destination.focus();
      return;
    }
    busyButton(submit, true, 'Saving…');
    let replaced = false;
    try {
      await editEntry(dest, (sources) => {
        const at = sources.findIndex((s) => sameSource(s, name, peer));
        const next = { ...(at >= 0 ? sources[at] : {}), Name: name, Action: action };
        if (peer) {
          next.Peer = peer;
        }
        if (description.value.trim()) {
          next.Description = description.value.trim();
        } else {
          delete next.Description;
        }
        if (at >= 0 && sources[at].Permissions?.length) {
          throw new Error(`The intention from ${name} to ${dest} has L7 permissions, which this form does not edit. Change it with "parley config write".`);
        }
        if (at >= 0) {
          replaced = true;
          sources[at] = next;
        } else {
          sources.push(next);
        }
        return sources;
      });
      const text = `${replaced ? 'Updated' : 'Saved'}: ${name || '(no name)'}${peer ? ` in peer ${peer}` : ''} → ${dest}, ${action}.`;
      formStatus.textContent = text;
      announce(text);
      source.value = '';
      description.value = '';
      source.focus();
    } catch (error) {
      replace(formError, errorBox(error, 'Not saved:'));
    } finally {
      busyButton(submit, false);
    }
  });

  const updateFilters = () => {
    filters.q = search.value.trim();
    filters.peer = peerFilter.value;
    setQuery({ q: filters.q, peer: filters.peer });
    render();
  };
  search.addEventListener('input', updateFilters);
  peerFilter.addEventListener('change', updateFilters);

  root.append(
    pageHeader({
      title: 'Intentions',
      subtitle: 'Who may call whom. A source can be a service of a peer: that is how a peer is authorized to call an exported service.',
    }),
    h('section', { class: 'panel', 'aria-labelledby': 'intention-add' },
      h('h2', { id: 'intention-add' }, 'Add or change an intention'), form, datalist),
    h('section', { class: 'panel', 'aria-labelledby': 'intention-list' },
      h('h2', { id: 'intention-list' }, 'Intentions'),
      h('div', { class: 'toolbar', role: 'search', 'aria-label': 'Filter intentions' },
        field({ label: 'Search', control: search, id: 'intentions-search' }),
        field({ label: 'Source', control: peerFilter, id: 'intentions-peer' })),
      listError, summary, body));
  renderPeerOptions();

  watch('/v1/config/service-intentions', (data) => {
    entries = data || [];
    renderPeerOptions();
    render();
  }, {
    signal,
    onError: (error) => {
      replace(listError, errorBox(error, 'Could not load intentions:'));
      if (error && !entries) {
        summary.textContent = '';
      }
    },
  });
  watch('/v1/catalog/services', (data) => {
    services = Object.keys(data || {}).filter((s) => s !== 'consul').sort();
    replace(datalist, services.map((s) => h('option', { value: s })));
  }, { signal });
  watch('/v1/peerings', (data) => {
    const next = (data || []).filter((p) => p.State !== 'DELETING').map((p) => p.Name).sort();
    if (JSON.stringify(next) !== JSON.stringify(peers)) {
      peers = next;
      renderPeerOptions();
    }
  }, { signal, wait: '30s' });
  return 'Intentions';
}
