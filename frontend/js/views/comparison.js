// The comparison screen: a topic's claims side by side as cards, with one
// shared log-axis plot, conflicts between rows, and a timeline switch.

import { h, s, replace, uid } from '../dom.js';
import * as api from '../api.js';
import * as fmt from '../format.js';
import * as data from '../data.js';
import { card } from '../card.js';
import { drawComparison, drawTimeline, legendOf, swatch } from '../plot.js';
import { controls } from '../review.js';
import { pictureSVG, pngOf, download, checkOnClick } from '../share.js';
import { editor, deleter, setFlash, takeFlash } from '../editor.js';
import { panel as historyPanel } from '../history.js';
import { scopeFields } from '../topicscope.js';

const NARROW = 760;

// moreFrom is the URL a "Show more" of the pager opened and how many claims
// were shown before it, for the keyboard's focus to go to the first added.
let moreFrom = null;

/** years names a period by its years: "2015", "2015-2016"; "" when undated. */
function years(p) {
  const a = p && p.from ? p.from.slice(0, 4) : '', b = p && p.to ? p.to.slice(0, 4) : '';
  return a === b ? a : [a, b].filter(Boolean).join('-');
}

/**
 * summaryLine is "N claims · M claimants · K independent origins ·
 * consensus 1,700–1,900 (2015) · spread Sx (2015) · C open conflicts".
 * The spread covers the topic's own claims: where a listed conflict with
 * another topic's claim is worse (elsewhere: that worst severity), it
 * says so, or "spread 1×" would read as no disagreement.
 */
export function summaryLine(cmp, elsewhere = 0) {
  const sm = cmp.summary || {};
  const when = (p) => (years(p) ? ` (${years(p)})` : '');
  const claimants = new Set(cmp.claims.map((e) => e.claim.claimant_id)).size;
  const contradictions = cmp.conflicts.filter((c) => c.kind === 'contradicts' && c.status !== 'dismissed').length;
  const open = sm.open_conflicts ?? cmp.conflicts.filter((c) => c.status === 'open').length;
  // A topic read in part counts its claims from its summary; its
  // claimants are not all known.
  const n = cmp.more ? sm.claim_count : cmp.claims.length;
  const parts = [
    `${fmt.num(n)} claim${n === 1 ? '' : 's'}`,
    ...(cmp.more ? [] : [`${claimants} claimant${claimants === 1 ? '' : 's'}`]),
    `${sm.independent_origins ?? '?'} independent origin${sm.independent_origins === 1 ? '' : 's'}`,
    ...(sm.consensus ? [`consensus ${fmt.interval(sm.consensus)}${when(sm.consensus)}`] : []),
    `spread ${fmt.factor(sm.spread || 1)}${elsewhere > (sm.spread || 1) ? ' among its own claims' : ''}${when(sm.spread_period)}`,
    `${open} open conflict${open === 1 ? '' : 's'}${contradictions ? ` (${contradictions} contradiction${contradictions === 1 ? '' : 's'})` : ''}`,
  ];
  return parts.join(' · ');
}

function order(entries, how) {
  const list = [...entries];
  if (how === 'value') list.sort((a, b) => (fmt.central(a.claim.interval) ?? -1) - (fmt.central(b.claim.interval) ?? -1));
  else if (how === 'claimant') list.sort((a, b) => (a.claimant?.name || '').localeCompare(b.claimant?.name || ''));
  else list.sort((a, b) => (fmt.year(fmt.refDate(a.claim)) ?? 9999) - (fmt.year(fmt.refDate(b.claim)) ?? 9999));
  return list;
}

/**
 * pairOrder lists the claims in conflict, most severe conflict first, each
 * pair next to each other: a claim met again gets its new counterpart on
 * a side not already holding a more severe partner, else the counterpart
 * goes last.
 */
export function pairOrder(entries, conflicts) {
  const byId = new Map(entries.map((e) => [e.claim.id, e]));
  const out = [];
  const locked = new Set(); // neighbours that are a pair: "a|b"
  const lock = (x, y) => { locked.add(`${x.claim.id}|${y.claim.id}`); locked.add(`${y.claim.id}|${x.claim.id}`); };
  const isLocked = (x, y) => x && y && locked.has(`${x.claim.id}|${y.claim.id}`);
  const beside = (placed, extra) => {
    const i = out.indexOf(placed);
    if (!isLocked(out[i], out[i + 1])) out.splice(i + 1, 0, extra);
    else if (!isLocked(out[i - 1], out[i])) out.splice(i, 0, extra);
    else { out.push(extra); return; }
    lock(placed, extra);
  };
  for (const c of [...conflicts].sort((x, y) => y.severity - x.severity)) {
    const a = byId.get(c.claim_a), b = byId.get(c.claim_b);
    if (!a || !b) continue;
    const ia = out.indexOf(a), ib = out.indexOf(b);
    if (ia < 0 && ib < 0) {
      out.push(a, b);
      lock(a, b);
    } else if (ia >= 0 && ib < 0) beside(a, b);
    else if (ib >= 0 && ia < 0) beside(b, a);
  }
  return out;
}

/** pairId is the element id of a pair's entry in the conflicts list. */
export function pairId(a, b) {
  const [x, y] = a < b ? [a, b] : [b, a];
  return `cf-${x}--${y}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

function conflictItem(c, names, reviews) {
  const cls = fmt.severityClass(c.severity);
  const review = reviews.get([c.claim_a, c.claim_b].sort().join('|')) || null;
  return h('li', { class: `conflict-item ${cls}`, id: pairId(c.claim_a, c.claim_b), tabindex: '-1', dataset: { conflict: `${c.claim_a}|${c.claim_b}` } },
    h('span', { class: 'sev-badge' }, h('span', { class: `sev-icon ${cls}`, 'aria-hidden': 'true' }), `${fmt.severityLabel(c.severity)} · ${fmt.factor(c.severity)}`),
    h('span', { class: 'kind' }, fmt.label(c.kind)),
    h('span', { class: 'expl' }, c.explanation),
    h('span', { class: 'pair' },
      h('a', { href: `/claims/${encodeURIComponent(c.claim_a)}` }, names.get(c.claim_a) || c.claim_a), ' vs ',
      h('a', { href: `/claims/${encodeURIComponent(c.claim_b)}` }, names.get(c.claim_b) || c.claim_b)),
    controls({ a: c.claim_a, b: c.claim_b, status: c.status, review }, (st) => { c.status = st; }));
}

/** conflictBlock lists the worst three conflicts and folds the rest away. */
function conflictBlock(items) {
  const head = h('ol', { class: 'conflict-list' }, items.slice(0, 3));
  if (items.length <= 3) return head;
  return [head, h('details', { class: 'more-conflicts' },
    h('summary', null, `Show ${items.length - 3} more conflict${items.length === 4 ? '' : 's'}`),
    h('ol', { class: 'conflict-list', start: '4' }, items.slice(3)))];
}

/**
 * topicEdit is the topic's edit form, folded: rename, describe, move under
 * a parent, state its places and who is counted, delete. The other topics (for the parent) are read when it is
 * first opened.
 */
function topicEdit(ctx, t) {
  const box = h('details', { class: 'topic-edit panel' }, h('summary', null, 'Edit topic'));
  box.addEventListener('toggle', async () => {
    if (!box.open || box.dataset.ready) return;
    box.dataset.ready = '1';
    const all = await api.all('/topics');
    // A topic cannot move under itself or under one of its own sub-topics.
    const below = new Set([t.id]);
    for (let grew = true; grew;) {
      grew = false;
      for (const o of all) if (o.parent_id && below.has(o.parent_id) && !below.has(o.id)) { below.add(o.id); grew = true; }
    }
    const parents = [['', '(none: a top-level topic)'], ...all.filter((o) => !below.has(o.id)).sort((a, b) => a.title.localeCompare(b.title)).map((o) => [o.id, o.title])];
    const ed = editor({
      label: 'Edit topic', path: `/topics/${encodeURIComponent(t.id)}`, record: t,
      fields: [
        { key: 'title', label: 'Title', wide: true },
        { key: 'description', label: 'Description', type: 'textarea', wide: true },
        { key: 'parent_id', label: 'Part of (parent topic)', type: 'select', options: parents, wide: true },
        { key: 'measure', label: 'What is counted' },
        { key: 'unit', label: 'Unit' },
        { key: 'window_days', label: 'Window (days)', type: 'number', hint: 'Claims further apart are a change over time.' },
        { key: 'additive', label: 'Counts add up across places', type: 'checkbox' },
        ...scopeFields('te'),
        { key: 'tags', label: 'Tags', type: 'tags' },
        { key: 'wikidata_id', label: 'Wikidata item', placeholder: 'Q42' },
      ],
      fix: (d, base) => {
        if (d.window_days === null) d.window_days = 0;
        if (!d.parent_id && !base.parent_id) d.parent_id = base.parent_id;
        for (const k of ['places', 'populations']) if (!d[k].length && !(base[k] || []).length) d[k] = base[k];
      },
      onSaved: (rec, patch) => {
        setFlash(`Saved ✓ ${Object.keys(patch).map(fmt.label).join(', ')} (version ${rec.version}).`);
        ctx.navigate(fmt.topicHref(rec), { replace: true });
      },
    });
    const del = deleter({
      what: 'topic', path: `/topics/${encodeURIComponent(t.id)}`, record: () => ed.record,
      onDeleted: () => {
        setFlash(`Deleted the topic “${t.title}”.`);
        ctx.navigate('/');
      },
    });
    box.append(ed.node, del);
    ed.node.querySelector('input').focus();
  });
  return box;
}

/** render builds the comparison of topic ctx.params[0]. */
export async function render(ctx) {
  const id = ctx.params[0];
  const view = { timeline: 'timeline', conflicts: 'conflicts' }[ctx.query.get('view')] || 'cards';
  const sort = ctx.query.get('sort') || 'date';
  // A large topic is read a page at a time: shown claims, those in
  // conflict first (see data.comparison).
  const shown = Math.max(data.FIRST_PAGE, Number.parseInt(ctx.query.get('shown'), 10) || 0);
  const cmp = await data.comparison(id, { upTo: shown });
  const t = cmp.topic;
  const parent = t.parent_id ? await api.get(`/topics/${encodeURIComponent(t.parent_id)}`).catch(() => null) : null;
  ctx.setTitle(t.title);
  const names = new Map(cmp.claims.map((e) => [e.claim.id, e.claimant ? e.claimant.name : e.claim.claimant_id]));
  // A conflict with a claim of another topic (a part against its whole,
  // in the parent or a child topic) names a claim this page does not
  // hold: its claimant is read with it, for the first 20 such claims.
  const away = [...new Set([...cmp.conflicts.flatMap((c) => [c.claim_a, c.claim_b]), ...cmp.claims.map((e) => e.summary && e.summary.worst_against)])]
    .filter((cid) => cid && !names.has(cid)).slice(0, 20);
  await Promise.all(away.map(async (cid) => {
    const c = await api.get(`/claims/${encodeURIComponent(cid)}`).catch(() => null);
    const who = c && await api.get(`/claimants/${encodeURIComponent(c.claimant_id)}`).catch(() => null);
    if (who) names.set(cid, who.name);
  }));
  // The spread covers the conflicts and contradictions between the
  // topic's own claims; a part above its whole, the kind of conflict
  // between a claim and one of another topic (its parent or a child), is
  // left out of it. elsewhere is the worst such conflict the comparison
  // lists (its 100 most pressing), unless dismissed (reviewed, it stands),
  // for the header to say what the spread covers.
  const elsewhere = Math.max(0, ...cmp.conflicts.filter((c) => c.kind === 'part_exceeds_whole' && c.status !== 'dismissed').map((c) => c.severity));
  const reviews = new Map((cmp.reviews || []).map((r) => [[r.claim_a, r.claim_b].sort().join('|'), r]));
  const base = `/topics/${encodeURIComponent(id)}`;
  const q = (o) => {
    const p = new URLSearchParams({ ...(view === 'timeline' ? { view } : {}), ...(sort !== 'date' ? { sort } : {}), ...(cmp.more || ctx.query.get('shown') ? { shown: String(shown) } : {}), ...o });
    for (const [k, v] of [...p]) if (!v) p.delete(k);
    const str = p.toString();
    return str ? `${base}?${str}` : base;
  };

  // One floating note over the plot shows the explanation of the conflict
  // or point under the pointer or the keyboard focus: it takes no room
  // until used and moves nothing when it appears.
  const tip = h('div', { class: 'plot-tip', hidden: true, 'aria-hidden': 'true', 'data-testid': 'plot-tip' });
  const placeTip = (at) => {
    const col = tip.parentElement;
    if (!col) return;
    const svgBox = svg.getBoundingClientRect(), colBox = col.getBoundingClientRect();
    const w = Math.min(380, colBox.width - 8);
    tip.style.width = `${w}px`;
    const ax = svgBox.left - colBox.left + at.x, ay = svgBox.top - colBox.top + at.y;
    let left = ax + 30;
    if (left + w > colBox.width) left = Math.max(4, ax - 30 - w);
    if (left < 4) left = 4;
    tip.style.left = `${left}px`;
    tip.style.top = `${Math.max(0, ay + 18)}px`;
  };
  const hideTip = () => { tip.hidden = true; };
  const showConflict = (c, at) => {
    const cls = fmt.severityClass(c.severity);
    replace(tip,
      h('span', { class: `sev-badge ${cls}` }, h('span', { class: `sev-icon ${cls}`, 'aria-hidden': 'true' }), `${fmt.severityLabel(c.severity)} · ${fmt.factor(c.severity)}`), ' ',
      h('strong', null, `${names.get(c.a) || c.a} vs ${names.get(c.b) || c.b}: `), c.explanation);
    tip.className = `plot-tip ${cls}`;
    tip.hidden = false;
    placeTip(at);
  };
  const descBox = h('div', { hidden: true });

  const active = cmp.conflicts.filter((c) => c.status !== 'dismissed');
  const entries = view === 'conflicts' ? pairOrder(cmp.claims, active) : order(cmp.claims, sort);
  const conflictRows = active.map((c) => {
    const descId = uid('cdesc');
    descBox.appendChild(h('p', { id: descId }, c.explanation));
    return {
      id: `${c.claim_a}|${c.claim_b}`, a: c.claim_a, b: c.claim_b, severity: c.severity, kind: c.kind, explanation: c.explanation,
      label: `${fmt.severityLabel(c.severity)} ${fmt.label(c.kind)}, ${fmt.factor(c.severity)}: ${names.get(c.claim_a) || c.claim_a} vs ${names.get(c.claim_b) || c.claim_b}`,
      describedBy: descId,
    };
  });
  const listed = new Set(conflictRows.map((c) => pairId(c.a, c.b)));
  const conflicted = new Set(conflictRows.flatMap((c) => [c.a, c.b]));
  const rows = entries.map((e) => ({
    id: e.claim.id, name: names.get(e.claim.id), iv: e.claim.interval, quantityText: e.claim.quantity_text,
    deprecated: e.claim.rank === 'deprecated', reason: e.claim.deprecation_reason, conflicted: conflicted.has(e.claim.id),
  }));
  const consensus = cmp.summary && cmp.summary.consensus;

  const exportStatus = h('div', { role: 'status', 'data-testid': 'export-status' });
  const exports = [['json', 'JSON', 'export-topic'], ['csv', 'CSV', 'export-csv']].map(([format, label, testid]) => {
    const a = h('a', { class: 'btn', href: api.url('/export', { format, topic_id: t.id }), download: `claimdesk-${t.id}.${format}`, 'data-testid': testid }, `Export ${label}`);
    checkOnClick(a, exportStatus);
    return a;
  });
  const head = h('div', { class: 'page-head' },
    h('div', null,
      h('p', { class: 'crumbs' }, h('a', { href: '/' }, 'Topics'), t.parent_id ? [' / ', h('a', { href: parent ? fmt.topicHref(parent) : `/topics/${encodeURIComponent(t.parent_id)}` }, parent ? parent.title : 'parent topic')] : null),
      h('h1', null, t.title),
      h('p', { class: 'summary-line', 'data-testid': 'summary' }, summaryLine(cmp, elsewhere))),
    h('div', { class: 'actions' },
      h('div', { class: 'seg', role: 'group', 'aria-label': 'Layout' },
        h('a', { href: q({ view: '' }), 'aria-current': view === 'cards' ? 'true' : null }, 'Side by side'),
        h('a', { href: q({ view: 'conflicts' }), 'aria-current': view === 'conflicts' ? 'true' : null, 'data-testid': 'only-conflicts' }, 'Only conflicts'),
        h('a', { href: q({ view: 'timeline' }), 'aria-current': view === 'timeline' ? 'true' : null }, 'Timeline')),
      h('a', { class: 'btn', href: `${base}/series` }, 'Series'),
      h('a', { class: 'btn', href: `/claims/new?topic=${encodeURIComponent(t.id)}` }, 'Enter claim'),
      exports));

  const notes = [];
  if (cmp.partial) {
    notes.push(h('p', { class: 'notice' }, 'This server does not compute comparisons yet: claims are shown without conflicts.'));
  }
  if (t.description) notes.push(h('p', { class: 'topic-desc' }, t.description));

  const conflictList = conflictRows.length
    ? h('section', { class: 'conflicts-panel', 'aria-labelledby': 'cf-h' },
      h('h2', { id: 'cf-h' }, `Conflicts (${conflictRows.length})`),
      conflictBlock(cmp.conflicts.filter((c) => c.status !== 'dismissed').sort((a, b) => b.severity - a.severity).map((c) => conflictItem(c, names, reviews))))
    : null;

  const sortBar = view === 'conflicts' ? h('p', { class: 'sortbar' }, 'Only the claims in conflict, each pair side by side, most severe first.') : h('p', { class: 'sortbar' }, cmp.more ? `The first ${fmt.num(cmp.claims.length)} claims, those in conflict first, in order of ` : 'Order: ',
    ['date', 'value', 'claimant'].map((k) => [h('a', { href: q({ sort: k === 'date' ? '' : k }), 'aria-current': sort === k ? 'true' : null }, k), ' ']));

  const svg = s('svg', { class: 'plot', role: 'group', 'aria-label': `${view === 'timeline' ? 'Timeline' : 'Comparison'} of ${fmt.num(rows.length)} claims on a logarithmic axis` });
  const plotWrap = h('div', { class: 'plot-wrap' }, svg);
  const goPair = (ev, href) => {
    if (!href.startsWith('#')) return;
    const item = document.getElementById(href.slice(1));
    if (!item) return;
    ev.preventDefault();
    const more = item.closest('details');
    if (more) more.open = true;
    history.replaceState(history.state, '', `${location.pathname}${location.search}${href}`);
    item.scrollIntoView({ block: 'center' });
    item.focus({ preventScroll: true });
  };
  const cardOpts = {
    names, onPair: goPair, topicPlaces: t.places || [],
    pairHref: (a, b) => (listed.has(pairId(a, b)) ? `#${pairId(a, b)}` : null),
  };
  const cards = h('div', { class: 'cards' }, entries.map((e) => card(e, cardOpts)));
  // The rest of a large topic, a page at a time: the server pages it.
  // The keyboard's focus goes to the first of the claims a press of "Show
  // more" adds (those after the ones shown before), not to the top.
  // Sorted by date or value, the added claims fall among those shown
  // before: each is marked "added", and the router announces how many.
  let addedNote = null;
  if (moreFrom && moreFrom.href === location.pathname + location.search) {
    const added = new Set(cmp.claims.slice(moreFrom.shown).map((e) => e.claim.id));
    const marked = [...cards.children].filter((c) => added.has(c.dataset.claim));
    for (const c of marked) {
      c.classList.add('added');
      // After the heading, not in it: the heading names the card, and a
      // screen reader would read "Claimant 10 added" as its name.
      c.querySelector('.who h3').after(h('span', { class: 'tag added-tag' }, 'added'));
    }
    ctx.focusOn(marked[0]);
    if (marked.length) {
      const place = view === 'conflicts' ? 'in its pair, the most severe pairs first' : `in its place by ${sort}`;
      addedNote = `The ${fmt.num(marked.length)} added are marked “added”, each ${place}.`;
      ctx.announce(`Showing ${fmt.num(cmp.claims.length)} of ${fmt.num(cmp.summary.claim_count)} claims; the ${fmt.num(marked.length)} added are marked.`);
    }
  }
  moreFrom = null;
  const showMore = (k) => {
    const href = q({ shown: String(cmp.claims.length + k) });
    return h('a', { class: 'btn', href, 'data-testid': `show-${k}`, onclick: () => { moreFrom = { href, shown: cmp.claims.length }; } }, `Show ${fmt.num(k)} more`);
  };
  const pager = cmp.more ? h('div', { class: 'pager notice', 'data-testid': 'pager' },
    h('p', null, `Showing ${fmt.num(cmp.claims.length)} of ${fmt.num(cmp.summary.claim_count)} claims: those in conflict first, the most severe first.`, addedNote ? ` ${addedNote}` : ''),
    h('p', null, [200, 1000].map((k) => [showMore(k), ' ']))) : null;
  const empty = !entries.length && h('p', { class: 'empty' }, 'No claims yet. ', h('a', { href: `/claims/new?topic=${encodeURIComponent(t.id)}` }, 'Enter the first claim'), '.');

  // The legend names every kind of mark the plot holds, and only those.
  const legendBox = h('div', { class: 'legend muted', 'data-testid': 'legend' });
  const drawLegend = () => replace(legendBox,
    h('ul', { class: 'legend-list' }, legendOf(svg).map(([k, text]) => h('li', { dataset: { mark: k } }, swatch(k), ' ', text))),
    h('p', { class: 'small' }, view === 'timeline' ? 'Point at a dot, or tab to it, to read its claimant and figure.' : 'Tab to a conflict in the plot to read it.'));
  let body;
  let redraw;
  if (view === 'timeline') {
    const superseded = new Set(cmp.series.flatMap((sr) => sr.entries.filter((x) => x.superseded_by).map((x) => x.claim_id)));
    const points = entries.map((e, i) => ({ ...rows[i], date: fmt.refDate(e.claim), year: fmt.year(fmt.refDate(e.claim)), superseded: superseded.has(e.claim.id) }));
    const undated = points.filter((p) => p.iv && (p.year === null || p.year === undefined)).length;
    const col = h('div', { class: 'plot-col' }, plotWrap, tip);
    body = h('div', { class: 'timeline' }, col,
      undated ? h('p', { class: 'muted small' }, `${undated} claim${undated === 1 ? ' has' : 's have'} no date and ${undated === 1 ? 'is' : 'are'} not on the timeline.`) : null,
      cards);
    redraw = () => {
      const w = Math.max(plotWrap.clientWidth, 300);
      drawTimeline(svg, {
        points, width: w, height: Math.min(460, Math.max(260, w * 0.42)),
        series: cmp.series.map((sr) => sr.entries.map((x) => x.claim_id)),
        onFocus: (p, at) => {
          replace(tip, h('strong', null, `${p.name}, ${fmt.date(p.date)}: `), `${p.quantityText || ''} (${fmt.interval(p.iv)})`, p.deprecated ? ` — deprecated: ${p.reason}` : '', p.superseded ? ' — revised later' : '');
          tip.className = 'plot-tip';
          tip.hidden = false;
          placeTip(at);
        },
        onBlur: hideTip,
      });
      drawLegend();
    };
  } else {
    // Share: the plot as a picture, names drawn in.
    const picture = () => pictureSVG({ title: t.title, subtitle: summaryLine(cmp, elsewhere), rows, conflicts: conflictRows, consensus });
    const file = `claimdesk-${fmt.slug(t.title) || t.id}${view === 'conflicts' ? '-conflicts' : ''}`;
    const shareMsg = h('span', { class: 'muted small', role: 'status' });
    const share = h('div', { class: 'share' },
      h('button', { type: 'button', class: 'small', 'data-testid': 'download-svg', onclick: () => download(new Blob([picture().text], { type: 'image/svg+xml' }), `${file}.svg`) }, 'Download SVG'),
      h('button', {
        type: 'button', class: 'small', 'data-testid': 'download-png',
        onclick: async () => {
          try {
            download(await pngOf(picture()), `${file}.png`);
          } catch (err) {
            shareMsg.textContent = err.message;
          }
        },
      }, 'Download PNG'), shareMsg);
    // Below the plot, so the plot's rows stay level with the cards.
    body = h('div', { class: 'compare' }, h('div', { class: 'plot-col' }, plotWrap, tip, share), cards);
    redraw = () => {
      const narrow = body.clientWidth < NARROW;
      body.classList.toggle('narrow', narrow);
      const w = Math.max(plotWrap.clientWidth, 280);
      let ys, height;
      if (narrow) {
        // Each row: its name on a line of its own, its marks below.
        ys = rows.map((_, i) => 48 + i * 44);
        height = 48 + rows.length * 44;
      } else {
        const top = cards.getBoundingClientRect().top;
        const kids = [...cards.children];
        ys = kids.map((k) => k.getBoundingClientRect().top - top + 24);
        height = kids.length ? kids[kids.length - 1].getBoundingClientRect().bottom - top + 6 : 60;
      }
      drawComparison(svg, { rows, rowY: ys, width: w, height, labels: narrow, consensus, conflicts: conflictRows, onFocus: showConflict, onBlur: hideTip });
      drawLegend();
    };
  }

  const page = h('div', { class: 'comparison' }, head, exportStatus, takeFlash(), notes, topicEdit(ctx, t), conflictList, sortBar, empty, body, pager, descBox,
    legendBox);
  const ro = new ResizeObserver(() => redraw());
  requestAnimationFrame(() => {
    if (!ctx.stale()) {
      redraw();
      ro.observe(body);
    }
  });
  ctx.onLeave(() => ro.disconnect());
  const hist = historyPanel({ path: `/topics/${encodeURIComponent(id)}`, onRestored: async () => ctx.navigate(location.pathname + location.search, { replace: true }) });
  page.append(h('section', { class: 'panel topic-history', 'aria-labelledby': 'topic-hist-h' },
    h('h2', { id: 'topic-hist-h' }, 'History of this topic'), hist.node));
  return page;
}
