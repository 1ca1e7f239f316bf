// The source and claimant pages: the record, its claims as cards by topic,
// its edit form for analysts, and its history with "restore this version"
// (the same history panel as the claim and topic pages). Also the edit
// fields of a source and a claimant, which the claim page uses too.

import { h } from '../dom.js';
import * as api from '../api.js';
import * as fmt from '../format.js';
import * as data from '../data.js';
import { card, httpURL } from '../card.js';
import { editor, setFlash, takeFlash } from '../editor.js';
import { panel as historyPanel } from '../history.js';

const opts = (vs) => vs.map((v) => [v, fmt.label(v)]);

/** SOURCE_KINDS are the kinds a source may have. */
export const SOURCE_KINDS = ['news', 'agency', 'government', 'ngo', 'report', 'social_media', 'interview', 'other'];

/** sourceFields are the edit form's fields of a source. */
export const sourceFields = () => [
  { key: 'name', label: 'Name', wide: true },
  { key: 'url', label: 'URL', inputType: 'url', wide: true },
  { key: 'kind', label: 'Kind', type: 'select', options: opts(SOURCE_KINDS) },
  { key: 'publisher', label: 'Publisher' },
  { key: 'language', label: 'Language' },
  { key: 'published_on', label: 'Published on', placeholder: 'YYYY-MM-DD' },
  { key: 'wikidata_id', label: 'Wikidata item', placeholder: 'Q42' },
  { key: 'notes', label: 'Notes', type: 'textarea', wide: true },
];

/** claimantFields are the edit form's fields of a claimant. */
export const claimantFields = () => [
  { key: 'name', label: 'Name', wide: true },
  { key: 'kind', label: 'Kind', type: 'select', options: opts(['person', 'organisation']) },
  { key: 'role', label: 'Role' },
  { key: 'affiliation', label: 'Affiliation', wide: true },
  { key: 'notes', label: 'Notes', type: 'textarea', wide: true },
];

// SHOWN is how many of a record's claims the page shows as cards; Browse
// lists them all.
const SHOWN = 100;

/**
 * claimCards reads the claims that filter selects (claimant_id or
 * source_id) and returns them as cards grouped by topic, newest topic
 * first, with a line saying how many there are.
 */
async function claimCards(filter, browseHref) {
  const page = await api.get('/claims', { ...filter, facets: true, limit: SHOWN });
  const topics = new Map((page.facets.counts.topic || []).map((v) => [v.value, v.label]));
  const total = page.facets.total;
  const entries = await Promise.all(page.items.map(async (c) => ({
    claim: c,
    claimant: await data.claimant(c.claimant_id),
    source: await data.source(c.provenance.source_id),
    relays: await Promise.all((c.provenance.relays || []).map(async (r) => (await data.source(r.source_id)) || { name: 'unknown source' })),
    summary: null,
  })));
  const byTopic = new Map();
  for (const e of entries) {
    if (!byTopic.has(e.claim.topic_id)) byTopic.set(e.claim.topic_id, []);
    byTopic.get(e.claim.topic_id).push(e);
  }
  // A claim that names no place is taken to be for its topic's places, as
  // on the comparison screen: the topics are few, read once each.
  const places = new Map(await Promise.all([...byTopic.keys()].map(async (tid) => {
    const t = await api.get(`/topics/${encodeURIComponent(tid)}`).catch(() => null);
    return [tid, (t && t.places) || []];
  })));
  const groups = [...byTopic].map(([tid, list]) => {
    const title = topics.get(tid) || tid;
    return h('section', { class: 'record-topic', 'aria-label': title },
      h('h3', null, h('a', { href: fmt.topicHref({ id: tid, title }) }, title),
        h('span', { class: 'muted' }, ` · ${fmt.num(list.length)} claim${list.length === 1 ? '' : 's'}`)),
      h('div', { class: 'cards' }, list.map((e) => card(e, { topicPlaces: places.get(tid) }))));
  });
  return [
    h('p', { class: 'summary-line', 'data-testid': 'record-count' },
      total === 0 ? 'No claims yet.' : `${fmt.num(total)} claim${total === 1 ? '' : 's'} in ${fmt.num(byTopic.size)} topic${byTopic.size === 1 ? '' : 's'}`,
      total > entries.length ? [` (the ${fmt.num(entries.length)} newest shown) · `, h('a', { href: browseHref }, 'all of them in Browse')]
        : total ? [' · ', h('a', { href: browseHref }, 'filter them in Browse')] : null),
    groups,
  ];
}

/**
 * page builds a record page: kind (source or claimant), its API segment,
 * the record, the facts under its name, the filter of its claims and its
 * edit fields.
 */
async function page(ctx, { kind, seg, rec, facts, filter, fields }) {
  const path = `/${seg}/${encodeURIComponent(rec.id)}`;
  const again = () => {
    data.forget();
    ctx.navigate(location.pathname, { replace: true });
  };
  const ed = editor({
    label: `Edit ${kind}`, path, record: rec, fields: fields(),
    onSaved: (saved, patch) => {
      setFlash(`Saved ✓ ${Object.keys(patch).map(fmt.label).join(', ')} (version ${saved.version}).`);
      again();
    },
  });
  const hist = historyPanel({
    path,
    onRestored: async () => {
      setFlash(`Restored ✓ an earlier version of this ${kind}, as a new version.`);
      again();
    },
  });
  const browseHref = `/claims?${new URLSearchParams(filter)}`;
  const cards = await claimCards(filter, browseHref);
  return h('div', { class: `record-page ${kind}-page` },
    h('div', { class: 'page-head' }, h('div', null,
      h('p', { class: 'crumbs' }, h('a', { href: '/claims' }, 'Browse'), ' / ', kind === 'source' ? 'Source' : 'Claimant'),
      h('h1', null, rec.name),
      h('p', { class: 'record-facts' }, facts.filter(Boolean).map((f, i) => [i ? ' · ' : '', f])))),
    takeFlash(),
    h('div', { class: 'split' },
      h('section', { class: 'record-claims', 'aria-labelledby': 'rc-h' }, h('h2', { id: 'rc-h' }, 'Claims'), cards),
      h('div', null,
        rec.notes ? h('section', { class: 'panel', 'aria-labelledby': 'notes-h' }, h('h2', { id: 'notes-h' }, 'Notes'), h('p', { class: 'record-notes' }, rec.notes)) : null,
        h('section', { class: 'panel', 'aria-labelledby': 'edit-h' }, h('h2', { id: 'edit-h' }, `Edit ${kind}`), ed.node),
        h('section', { class: 'panel', 'aria-labelledby': 'hist-h' }, h('h2', { id: 'hist-h' }, 'History'), hist.node))));
}

/** source is the page of a source: /sources/ID. */
export const source = {
  async render(ctx) {
    const s = await api.get(`/sources/${encodeURIComponent(ctx.params[0])}`);
    ctx.setTitle(s.name);
    const href = httpURL(s.url || '');
    return page(ctx, {
      kind: 'source', seg: 'sources', rec: s, fields: sourceFields, filter: { source_id: s.id },
      facts: [
        s.kind && fmt.label(s.kind), s.publisher, s.language,
        s.published_on && ['published ', h('time', { datetime: s.published_on }, fmt.date(s.published_on))],
        href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'ext' }, new URL(href).host) : h('span', { class: 'muted' }, 'no link stored'),
        s.wikidata_id && h('a', { href: `https://www.wikidata.org/wiki/${encodeURIComponent(s.wikidata_id)}`, target: '_blank', rel: 'noopener noreferrer', class: 'ext' }, `Wikidata ${s.wikidata_id}`),
      ],
    });
  },
};

/** claimant is the page of a claimant: /claimants/ID. */
export const claimant = {
  async render(ctx) {
    const c = await api.get(`/claimants/${encodeURIComponent(ctx.params[0])}`);
    ctx.setTitle(c.name);
    return page(ctx, {
      kind: 'claimant', seg: 'claimants', rec: c, fields: claimantFields, filter: { claimant_id: c.id },
      facts: [c.role || h('span', { class: 'muted' }, 'no role stored'), c.affiliation, c.kind && fmt.label(c.kind)],
    });
  },
};
