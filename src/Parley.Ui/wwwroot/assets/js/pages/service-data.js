// Reading services with their health for lists: names from the catalog, instances and checks from health.

import { get, pool, seg, url } from '../api.js';
import { worstStatus } from '../components/badges.js';

/** Sidecar proxies are shown with the service they front, not as services of their own (as Consul's UI does). */
const HIDDEN_KINDS = new Set(['connect-proxy']);

/**
 * Services in each namespace of `sources` ('' = this cluster, else a peer name), each with
 * `{ name, peer, tags, kind, instances, counts: {passing, warning, critical} }`.
 */
export async function loadServices(sources, signal) {
  const listed = await Promise.all(sources.map(async (peer) => {
    try {
      const { data } = await get(url('/v1/catalog/services', { peer }), { signal });
      return Object.entries(data || {}).map(([name, tags]) => ({ name, peer, tags: tags || [] }));
    } catch (error) {
      // A peer whose imports cannot be read (being deleted) must not hide every other service.
      if (peer === '' || error.name === 'AbortError') {
        throw error;
      }
      return [];
    }
  }));
  const rows = listed.flat();
  await pool(rows, 3, async (row) => {
    const { data } = await get(url(`/v1/health/service/${seg(row.name)}`, { peer: row.peer }), { signal });
    const instances = data || [];
    row.kind = instances[0]?.Service?.Kind || '';
    row.instances = instances.length;
    row.counts = { passing: 0, warning: 0, critical: 0 };
    for (const instance of instances) {
      row.counts[worstStatus(instance.Checks || [])] += 1;
    }
  });
  return rows.filter((row) => !HIDDEN_KINDS.has(row.kind));
}

/** Peering names whose imported services can be read (a peering being deleted has dropped them). */
export async function loadPeerNames(signal) {
  try {
    const { data } = await get('/v1/peerings', { signal });
    return (data || []).filter((p) => p.State !== 'DELETING').map((p) => p.Name);
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    // Peering switched off on this agent: there is nothing imported to show.
    return [];
  }
}

/** Map of service name → peers it is exported to, from /v1/exported-services. */
export async function loadExports(signal) {
  const map = new Map();
  try {
    const { data } = await get('/v1/exported-services', { signal });
    for (const row of data || []) {
      map.set(row.Service, row.Consumers?.Peers || []);
    }
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
  }
  return map;
}

export function worstOf(counts) {
  if (counts.critical > 0) {
    return 'critical';
  }
  if (counts.warning > 0) {
    return 'warning';
  }
  return 'passing';
}

export function serviceLink(name, peer) {
  return `/ui/services/${encodeURIComponent(name)}${peer ? `?peer=${encodeURIComponent(peer)}` : ''}`;
}
