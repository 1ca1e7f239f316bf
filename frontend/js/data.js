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

/** FIRST_PAGE is the first page of a comparison's claims. */
export const FIRST_PAGE = 200;
/** WHOLE is the most claims a comparison screen reads at once; a larger topic is paged. */
export const WHOLE = 2000;

const seriesKey = (sr) => `${sr.claimant_id}|${sr.measure}|${(sr.places || []).join(',')}|${sr.entries.length ? sr.entries[0].claim_id : ''}`;

/**
 * comparison returns {topic, summary, claims: [{claim, claimant, source,
 * relays, summary}], conflicts, series, groups, sum_of_parts, partial, more}.
 * more is set when claims were left unread (a topic of more than WHOLE
 * claims, upTo given).
 * partial is true when the server has no comparison endpoint and the page
 * was assembled from the claims alone (no conflicts then).
 */
export async function comparison(topicId, { upTo = Infinity } = {}) {
  const path = `/topics/${encodeURIComponent(topicId)}/comparison`;
  try {
    // The claims come in pages, those in conflict first, the most severe
    // first; each page carries the series of its claims and the rest of
    // the comparison whole. A topic of up to WHOLE claims is read whole;
    // a larger one only up to upTo claims (more = the cursor of the rest).
    const first = Math.min(upTo, FIRST_PAGE);
    const c = await api.get(path, { limit: first, order: 'conflicts' });
    const total = c.summary && c.summary.claim_count;
    const all = upTo === Infinity || !total || total <= WHOLE;
    c.series = c.series || [];
    const seen = new Set(c.series.map(seriesKey));
    for (let cur = c.next_cursor; cur;) {
      const want = all ? 5000 : Math.min(5000, upTo - c.claims.length);
      if (want <= 0) {
        c.more = cur;
        break;
      }
      const next = await api.get(path, { limit: want, order: 'conflicts', cursor: cur });
      c.claims.push(...next.claims);
      for (const sr of next.series || []) {
        if (!seen.has(seriesKey(sr))) {
          seen.add(seriesKey(sr));
          c.series.push(sr);
        }
      }
      cur = next.next_cursor;
    }
    for (const e of c.claims) {
      if (!e.relays || !e.relays.length || typeof e.relays[0] !== 'object' || !e.relays[0].name) {
        e.relays = await relaySources(e.claim);
      }
    }
    // Read whole, the claims keep the order they had before paging came
    // (by ID), under whatever order the screen then sorts them in.
    if (!c.more) c.claims.sort((a, b) => (a.claim.id < b.claim.id ? -1 : a.claim.id > b.claim.id ? 1 : 0));
    c.conflicts = c.conflicts || [];
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
