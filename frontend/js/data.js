// data.js loads the records a screen shows, from the comparison endpoint
// when the server has it, else assembled from the core resources.

import * as api from './api.js';
import * as fmt from './format.js';

const cache = { claimants: new Map(), sources: new Map() };

async function byId(kind, id) {
  if (!id) return null;
  const m = cache[kind];
  if (!m.has(id)) {
    m.set(id, api.get(`/${kind}/${encodeURIComponent(id)}`).catch(() => null));
  }
  return m.get(id);
}

/** claimant returns a claimant by ID, cached for the page's life. */
export const claimant = (id) => byId('claimants', id);
/** source returns a source by ID, cached for the page's life. */
export const source = (id) => byId('sources', id);

/** forget drops cached claimants and sources, after an edit. */
export function forget() {
  cache.claimants.clear();
  cache.sources.clear();
}

/**
 * comparison returns {topic, summary, claims: [{claim, claimant, source,
 * relays, summary}], conflicts, series, groups, sum_of_parts, partial}.
 * partial is true when the server has no comparison endpoint and the page
 * was assembled from the claims alone (no conflicts then).
 */
export async function comparison(topicId) {
  const path = `/topics/${encodeURIComponent(topicId)}/comparison`;
  try {
    const c = await api.get(path, { limit: 5000 });
    // The claims come in pages; the rest of the comparison is whole on each.
    for (let cur = c.next_cursor; cur;) {
      const next = await api.get(path, { limit: 5000, cursor: cur });
      c.claims.push(...next.claims);
      cur = next.next_cursor;
    }
    for (const e of c.claims) {
      if (!e.relays || !e.relays.length || typeof e.relays[0] !== 'object' || !e.relays[0].name) {
        e.relays = await relaySources(e.claim);
      }
    }
    c.conflicts = c.conflicts || [];
    c.series = c.series || [];
    return c;
  } catch (err) {
    if (!(err instanceof api.APIError) || !err.missingEndpoint) throw err;
  }
  const [topic, list] = await Promise.all([
    api.get(`/topics/${encodeURIComponent(topicId)}`),
    api.all('/claims', { topic_id: topicId }),
  ]);
  const claims = await Promise.all(list.map(async (c) => ({
    claim: c,
    claimant: await claimant(c.claimant_id),
    source: await source(c.provenance.source_id),
    relays: await relaySources(c),
    summary: null,
  })));
  return {
    topic, claims, conflicts: [], series: localSeries(claims), groups: [], sum_of_parts: [],
    summary: localSummary(claims), partial: true,
  };
}

async function relaySources(c) {
  return Promise.all((c.provenance.relays || []).map(async (r) => {
    const s = await source(r.source_id);
    return s || { id: r.source_id, name: r.source_id };
  }));
}

/** localSummary approximates the topic summary from the claims alone. */
export function localSummary(entries) {
  const active = entries.filter((e) => e.claim.interval && e.claim.rank !== 'deprecated');
  const centrals = active.map((e) => fmt.central(e.claim.interval)).filter((v) => v > 0);
  const origins = new Set(active.map((e) => `${e.claim.claimant_id}|${e.claim.occasion || e.claim.provenance.source_id}`));
  return {
    claim_count: entries.length,
    active_count: active.length,
    spread: centrals.length > 1 ? Math.max(...centrals) / Math.min(...centrals) : 1,
    independent_origins: origins.size,
    open_conflicts: 0,
    notable_conflicts: 0,
    consensus: null,
  };
}

/** localSeries groups one claimant's figures for the same places. */
export function localSeries(entries) {
  const groups = new Map();
  for (const e of entries) {
    if (!e.claim.interval) continue;
    const key = `${e.claim.claimant_id}|${[...e.claim.scope.places].sort().join('+')}|${e.claim.scope.measure}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(e);
  }
  const out = [];
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => (fmt.year(fmt.refDate(a.claim)) || 0) - (fmt.year(fmt.refDate(b.claim)) || 0));
    out.push({
      claimant_id: list[0].claim.claimant_id,
      claimant_name: list[0].claimant ? list[0].claimant.name : '',
      places: list[0].claim.scope.places,
      measure: list[0].claim.scope.measure,
      entries: list.map((e, i) => ({
        claim_id: e.claim.id, ref_date: fmt.refDate(e.claim), quantity_text: e.claim.quantity_text,
        low: e.claim.interval.low, high: e.claim.interval.high,
        superseded_by: i < list.length - 1 ? list[i + 1].claim.id : '',
      })),
    });
  }
  return out;
}
