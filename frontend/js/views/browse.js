// The browse screen: claims found by full-text search (GET /search) or by
// filters alone (GET /claims), as cards, with facet counts in a sidebar
// that narrow the results. Also the header's search box and its "/" key.

import { h, replace, focusItem } from '../dom.js';
import * as api from '../api.js';
import * as fmt from '../format.js';

// FILTERS are the query parameters the screen passes on to the API.
const FILTERS = ['topic_id', 'claimant_id', 'source_id', 'place', 'from', 'to', 'grade', 'evidence_type', 'in_conflict', 'value_low', 'value_high', 'said_from', 'said_to'];

// FACETS are the sidebar's groups: the facet, its title and the filter a
// value sets (year sets from and to).
const FACETS = [
  ['topic', 'Topic', 'topic_id'],
  ['claimant', 'Claimant', 'claimant_id'],
  ['source', 'Source', 'source_id'],
  ['place', 'Place', 'place'],
  ['year', 'Year', 'from'],
  ['grade', 'Grade', 'grade'],
  ['evidence_type', 'Evidence', 'evidence_type'],
  ['in_conflict', 'In conflict', 'in_conflict'],
];

/**
 * href returns the URL, at path (/claims or /search), of query with the
 * changes made (a key set to '' is dropped). The path says whose screen
 * it is (see the router): "Browse"'s (/claims) or, with words, the
 * header's search box's results (/search). The screen's facets and
 * filters keep the path it is at; its own search box opens "Browse"'s.
 */
function href(path, query, changes) {
  const q = new URLSearchParams(query);
  q.delete('cursor');
  for (const [k, v] of Object.entries(changes)) {
    if (v === '' || v === null || v === undefined) q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** snippet renders a search snippet's runs, the matches in <mark>. */
function snippet(parts) {
  return (parts || []).map((p) => (p.match ? h('mark', null, p.text) : p.text));
}

function valueLabel(facet, v) {
  if (facet === 'in_conflict') return v.value === 'true' ? 'yes' : 'no';
  if (facet === 'grade' || facet === 'evidence_type') return fmt.label(v.value);
  return v.label || v.value;
}

// facetGroup lists a facet's values, each a link (made by link) that
// selects it or, selected, drops it.
function facetGroup(query, link, [facet, title, param], counts) {
  const selected = param === 'from' ? (query.get('from') || '').slice(0, 4) : query.get(param) || '';
  const items = (counts || []).map((v) => {
    const on = selected === v.value;
    const change = param === 'from'
      ? { from: on ? '' : v.value, to: on ? '' : v.value }
      : { [param]: on ? '' : v.value };
    return h('li', null, h('a', { href: link(change), 'aria-current': on ? 'true' : null, class: 'facet-value' },
      h('span', { class: 'facet-name', title: valueLabel(facet, v) }, valueLabel(facet, v)), h('span', { class: 'facet-count' }, fmt.num(v.count))));
  });
  if (!items.length) return null;
  return h('section', { class: 'facet', 'aria-label': title }, h('h2', null, title), h('ul', null, items));
}

function claimCard(c, parts, names) {
  const when = c.said_on || c.as_of || c.published_on;
  const card = h('li', { class: 'result-card' },
    h('p', { class: 'result-meta' },
      when ? h('span', null, when) : null,
      c.grade && c.grade !== 'ungraded' ? h('span', { class: 'tag' }, fmt.label(c.grade)) : null),
    h('p', { class: 'result-title' }, h('a', { href: `/claims/${encodeURIComponent(c.id)}` }, c.quantity_text || (c.no_number ? 'no figure' : ''))),
    h('p', { class: 'result-snippet' }, parts && parts.length ? snippet(parts) : c.quote));
  nameCard(card, c, names);
  return card;
}

// nameCard adds the names of a card's topic and claimant, when known, to
// the card in place: the cards drawn before the counts brought the names
// are not drawn again, so the one the keyboard's focus is on keeps it.
function nameCard(card, c, names) {
  const topic = names.topic.get(c.topic_id);
  const who = names.claimant.get(c.claimant_id);
  if (topic) card.querySelector('.result-meta').prepend(h('a', { href: `/topics/${encodeURIComponent(c.topic_id)}` }, topic));
  if (who) card.querySelector('.result-title a').prepend(`${who}: `);
}

// otherGroup lists matching topics, claimants or sources: each by name,
// with the passage that matched when it is not the name itself.
function otherGroup(title, hits, link, name) {
  if (!hits || !hits.length) return null;
  return h('section', { class: 'result-group', 'aria-label': title }, h('h2', null, title),
    h('ul', null, hits.map((hit) => {
      const text = (hit.snippet || []).map((p) => p.text).join('');
      const extra = text && text !== name(hit.item) ? h('span', { class: 'group-snippet' }, snippet(hit.snippet)) : null;
      return h('li', null, link(hit.item, name(hit.item)), extra);
    })));
}

/** render shows the claims that ?q= and the filters select. */
export async function render(ctx) {
  const query = ctx.query;
  // Leaving the screen (another search, a facet clicked) cancels its
  // requests: a count of a large selection runs for a minute, and the
  // browser opens at most six connections to the server, so counts left
  // running would hold back the next screens' requests.
  const leave = new AbortController();
  // "/" goes to this screen's own box (installSearchBox): the header's
  // does not announce it while the screen is shown.
  const headerBox = document.querySelector('#site-search input');
  if (headerBox) headerBox.removeAttribute('aria-keyshortcuts');
  ctx.onLeave(() => {
    leave.abort();
    if (headerBox) headerBox.setAttribute('aria-keyshortcuts', '/');
  });
  const get = (path, params) => api.get(path, params, leave.signal);
  // link is the URL of this screen's query with changes, at its path.
  const link = (changes) => href(ctx.path, query, changes);
  const q = (query.get('q') || '').trim();
  ctx.setTitle(q ? `Search: ${q}` : 'Browse claims');
  const site = document.querySelector('#site-search input');
  if (site && document.activeElement !== site) site.value = q;
  const params = { limit: 50 };
  for (const k of FILTERS) if (query.get(k)) params[k] = query.get(k);
  // The claims come first and the counts after: counting a million
  // claims by every facet takes far longer than reading a page of them,
  // so the sidebar and the total fill in when the counts arrive.
  const pageOf = (extra) => (q
    ? get('/search', { ...params, facets: false, q, ...extra })
    : get('/claims', { ...params, facets: false, sort: '-created_at', ...extra })
      .then((page) => ({ claims: { items: page.items.map((c) => ({ item: c, snippet: null })), next_cursor: page.next_cursor } })));
  const res = await pageOf({});
  // searched is the query the results are for: q, or its Latin spelling
  // when q, typed in Russian, matches nothing as written and the server
  // searched that instead (searched_as: "Bogdanov*" for "Богданова").
  const searched = res.searched_as || q;
  // shown is what the screen names the results by: the spelling, without
  // the straight quotes when they enclose it all (a place of several
  // words, "ОАЭ": "United Arab Emirates"), which the curly ones replace;
  // the quotes of phrases among others are kept ("Sergey Shoygu" OR
  // "Sergei Shoigu").
  const shown = !res.searched_as ? q : /^"[^"]*"$/.test(searched) ? searched.slice(1, -1) : searched;
  // A word the press spells in several ways is searched in each, joined
  // by OR ("Shoygu OR Shoigu"): the note says spellings then.
  const spellings = / OR /.test(searched) ? 'its spellings' : 'its spelling';
  // A text that begins and ends with its own quotes is not quoted again.
  const quote = (s) => (/^".*"$/.test(s) ? s : `“${s}”`);
  const note = res.searched_as
    ? h('p', { class: 'notice', 'data-testid': 'latin-note' }, `Nothing matches ${quote(q)} as written: these claims match ${quote(shown)}, ${spellings} in Latin letters${searched.includes('*') ? ' (* stands for any ending)' : ''}.`)
    : null;
  const counted = searched
    ? get('/search', { ...params, limit: 1, facets: true, q: searched })
    : get('/claims', { ...params, limit: 1, facets: true });
  const names = { topic: new Map(), claimant: new Map() };

  // The screen's own box takes the "/" key from the header's (installSearchBox).
  const box = h('input', { type: 'search', name: 'q', value: q, 'aria-label': 'Search claims', placeholder: 'A name, a place, a phrase…', class: 'browse-q', 'aria-keyshortcuts': '/' });
  const form = h('form', { class: 'browse-form', role: 'search', onsubmit: (e) => { e.preventDefault(); ctx.navigate(href('/claims', query, { q: box.value.trim() })); } },
    box, h('button', { type: 'submit' }, 'Search'));

  const chipLabel = (k) => `${fmt.label(k)}: ${names.topic.get(query.get(k)) || names.claimant.get(query.get(k)) || query.get(k)} ×`;
  const chips = FILTERS.filter((k) => query.get(k)).map((k) => h('a', { class: 'filter-chip', href: link(k === 'from' || k === 'to' ? { from: '', to: '' } : { [k]: '' }), 'aria-label': `Remove filter ${k}` },
    chipLabel(k)));

  // cards are every card shown, the names the counts bring added to those
  // drawn before them.
  const cards = [];
  const list = h('ol', { class: 'results' });
  const draw = (hits) => {
    for (const hit of hits) {
      const card = claimCard(hit.item, hit.snippet, names);
      cards.push([hit.item, card]);
      list.appendChild(card);
    }
  };
  draw(res.claims.items);
  let cursor = res.claims.next_cursor;
  // The button is not disabled while the next page comes, which would
  // drop the keyboard's focus: a second press meanwhile does nothing.
  let reading = false;
  const moreErr = h('p', { class: 'err', role: 'alert' });
  const more = h('button', { type: 'button', hidden: !cursor, onclick: async () => {
    if (reading) return;
    reading = true;
    more.setAttribute('aria-busy', 'true');
    moreErr.textContent = '';
    try {
      // The next pages go on with the spelling the first was of: the
      // cursor says which.
      const next = await pageOf({ cursor });
      const from = list.children.length;
      draw(next.claims.items);
      cursor = next.claims.next_cursor;
      more.hidden = !cursor;
      focusItem(list.children[from]);
    } catch (err) {
      if (!leave.signal.aborted) moreErr.textContent = `More results could not be read: ${err.message}`;
    } finally {
      reading = false;
      more.removeAttribute('aria-busy');
    }
  } }, 'More results');

  const groups = q ? [
    otherGroup('Topics', res.topics, (t, s) => h('a', { href: `/topics/${encodeURIComponent(t.id)}` }, s), (t) => t.title),
    otherGroup('Claimants', res.claimants, (c, s) => h('a', { href: link({ claimant_id: c.id }), title: 'Only this claimant\'s claims' }, s), (c) => c.name),
    otherGroup('Sources', res.sources, (src, s) => h('a', { href: link({ source_id: src.id }), title: 'Only claims from this source' }, s), (src) => src.name),
  ].filter(Boolean) : [];

  const summary = h('p', { class: 'summary-line', role: 'status' }, res.claims.items.length ? 'Counting the claims…' : `0 claims${q ? ' match' : ''}`);
  const aside = h('aside', { class: 'facets', 'aria-label': 'Narrow by', 'aria-busy': 'true' }, h('p', { class: 'muted', 'data-testid': 'facets-loading' }, 'Counting by topic, claimant, place…'));
  counted.then((c) => {
    const total = c.facets.total;
    for (const v of c.facets.counts.topic || []) names.topic.set(v.value, v.label);
    for (const v of c.facets.counts.claimant || []) names.claimant.set(v.value, v.label);
    summary.textContent = `${fmt.num(total)} claim${total === 1 ? '' : 's'}${q ? ' match' + (total === 1 ? 'es' : '') : ''}${searched !== q ? ` ${quote(shown)}` : ''}`;
    replace(aside, FACETS.map((f) => facetGroup(query, link, f, c.facets.counts[f[0]])));
    for (const [claim, card] of cards) nameCard(card, claim, names);
    chips.forEach((chip, i) => { chip.textContent = chipLabel(FILTERS.filter((k) => query.get(k))[i]); });
  }, (err) => {
    summary.textContent = `${fmt.num(cards.length)}${cursor ? '+' : ''} claim${cards.length === 1 ? '' : 's'} shown`;
    replace(aside, h('p', { class: 'err', role: 'alert' }, `The counts could not be made: ${err.message}`));
  }).finally(() => aside.removeAttribute('aria-busy'));

  return h('div', { class: 'browse' },
    h('div', { class: 'page-head' }, h('div', null, h('h1', null, q ? `Search: ${q}` : 'Browse claims'), summary)),
    form,
    note,
    chips.length ? h('p', { class: 'filter-chips' }, chips) : null,
    h('div', { class: 'browse-grid' },
      aside,
      h('div', { class: 'browse-results' },
        groups.length ? h('div', { class: 'result-groups' }, groups) : null,
        res.claims.items.length ? list : h('p', { class: 'empty' }, q ? `Nothing matches ${quote(q)}.` : 'No claims match these filters.'),
        more, moreErr)));
}

/**
 * installSearchBox wires the header's search form to the router and makes
 * "/" focus it from anywhere but a text field; on a screen with a search
 * box of its own (one in main with aria-keyshortcuts="/"), "/" focuses
 * that one, the box the analyst is searching with.
 */
export function installSearchBox(navigate) {
  const form = document.getElementById('site-search');
  if (!form) return;
  const box = form.querySelector('input');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = box.value.trim();
    navigate(q ? `/search?q=${encodeURIComponent(q)}` : '/search');
  });
  // The "/" that moves the focus is not typed into the box: some input
  // paths deliver its character after the keydown moved the focus.
  let swallow = false;
  document.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    swallow = true;
    const target = document.querySelector('#main input[aria-keyshortcuts="/"]') || box;
    target.focus();
    target.select();
  });
  document.addEventListener('keypress', (e) => {
    if (swallow && e.key === '/') e.preventDefault();
    swallow = false;
  }, true);
  document.addEventListener('keyup', () => { swallow = false; }, true);
}
