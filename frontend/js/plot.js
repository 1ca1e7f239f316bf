// plot.js draws the comparison on one SVG with a shared logarithmic axis,
// and the timeline (dates along x, values on a log y axis). All geometry
// goes into attributes; colours come from the stylesheet.

import { s, clear } from './dom.js';
import * as fmt from './format.js';

/** niceTicks returns 1-3-10 ticks covering [lo, hi]: 10, 30, 100, 300, 1k... */
export function niceTicks(lo, hi) {
  const ticks = [];
  let e = Math.floor(Math.log10(lo));
  for (; ; e++) {
    for (const m of [1, 3]) {
      const v = m * 10 ** e;
      if (v >= lo * 0.999 && v <= hi * 1.001) ticks.push(v);
      if (v > hi) return ticks;
    }
  }
}

/** domain returns the log domain covering every finite bound and best estimate. */
export function domain(ivs) {
  let lo = Infinity, hi = -Infinity;
  for (const iv of ivs) {
    if (!iv) continue;
    for (const v of [iv.low, iv.high, iv.best]) {
      if (v !== null && v !== undefined && v > 0) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  if (!Number.isFinite(lo)) return [1, 1000];
  // Pad to the enclosing 1-3-10 steps so the extremes never touch the frame.
  const down = (v) => {
    const e = 10 ** Math.floor(Math.log10(v));
    return v / e >= 3 ? 3 * e : e;
  };
  const up = (v) => {
    const e = 10 ** Math.floor(Math.log10(v));
    return v / e <= 1 ? e : v / e <= 3 ? 3 * e : 10 * e;
  };
  lo = down(lo / 1.25);
  hi = up(hi * 1.25);
  if (hi / lo < 10) hi = lo * 10;
  return [lo, hi];
}

/** logScale maps [lo, hi] onto [x0, x1] logarithmically. */
export function logScale(lo, hi, x0, x1) {
  const a = Math.log(lo), b = Math.log(hi);
  const f = (v) => x0 + ((Math.log(Math.max(v, lo)) - a) / (b - a)) * (x1 - x0);
  f.range = [x0, x1];
  f.domain = [lo, hi];
  return f;
}

let gradSeq = 0;

// ARROW is the size of an open range's arrowhead, in px: its tip lies
// ARROW / 5 beyond the end of its line (refX 8 of 10), its back 4 ARROW / 5
// before it, and it is ARROW wide.
const ARROW = 11;

function defs(svg) {
  gradSeq += 1;
  const id = `fade-${gradSeq}`;
  const arrow = `arrow-${gradSeq}`;
  svg.appendChild(s('defs', null,
    s('linearGradient', { id, x1: '0', x2: '1', y1: '0', y2: '0' },
      s('stop', { offset: '0', class: 'stop-faint' }),
      s('stop', { offset: '0.22', class: 'stop-full' }),
      s('stop', { offset: '0.78', class: 'stop-full' }),
      s('stop', { offset: '1', class: 'stop-faint' })),
    s('marker', { id: arrow, viewBox: '0 0 10 10', refX: '8', refY: '5', markerUnits: 'userSpaceOnUse', markerWidth: ARROW, markerHeight: ARROW, orient: 'auto-start-reverse' },
      s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' }))));
  return { fade: `url(#${id})`, arrow: `url(#${arrow})` };
}

const has = (v) => v !== null && v !== undefined;

/**
 * drawInterval draws one claim's interval at height y: a soft-ended bar for
 * approximate and vague ranges, a crisp bar for exact ranges, a dot for an
 * exact value, an arrow to the axis edge for an open bound, and the best
 * estimate as a point.
 */
function drawInterval(g, iv, x, y, d) {
  const [x0, x1] = x.range;
  const soft = iv.approx || iv.kind === 'vague' || iv.kind === 'approximate';
  if (has(iv.low) && has(iv.high) && iv.low !== iv.high) {
    const a = x(iv.low), b = Math.max(x(iv.high), a + 2);
    g.appendChild(s('rect', {
      x: a, y: y - 6, width: b - a, height: 12, rx: 3,
      class: soft ? 'bar soft' : 'bar', fill: soft ? d.fade : null,
    }));
  } else if (has(iv.low) && !has(iv.high)) {
    g.appendChild(s('line', { x1: x(iv.low), x2: x1 - 2, y1: y, y2: y, class: 'open', 'marker-end': d.arrow }));
    g.appendChild(s('line', { x1: x(iv.low), x2: x(iv.low), y1: y - 7, y2: y + 7, class: 'bound' }));
  } else if (!has(iv.low) && has(iv.high)) {
    g.appendChild(s('line', { x1: x(iv.high), x2: x0 + 2, y1: y, y2: y, class: 'open', 'marker-end': d.arrow }));
    g.appendChild(s('line', { x1: x(iv.high), x2: x(iv.high), y1: y - 7, y2: y + 7, class: 'bound' }));
  } else if (has(iv.low)) {
    g.appendChild(s('circle', { cx: x(iv.low), cy: y, r: 5.5, class: 'exact' }));
  }
  if (has(iv.best) && !(has(iv.low) && iv.low === iv.high)) {
    g.appendChild(s('circle', { cx: x(iv.best), cy: y, r: 4, class: 'best' }));
  }
}

function gapX(a, b, x) {
  const [alo, ahi] = [has(a.low) ? a.low : a.best, has(a.high) ? a.high : a.best];
  const [blo, bhi] = [has(b.low) ? b.low : b.best, has(b.high) ? b.high : b.best];
  let p, q;
  if (has(ahi) && has(blo) && ahi < blo) [p, q] = [ahi, blo];
  else if (has(bhi) && has(alo) && bhi < alo) [p, q] = [bhi, alo];
  else [p, q] = [fmt.central(a) || 1, fmt.central(b) || 1];
  return x(Math.sqrt(Math.max(p, 1e-9) * Math.max(q, 1e-9)));
}

/** sevShape returns a small marker whose shape tells the severity apart from its colour. */
function sevShape(cls, cx, cy) {
  if (cls === 'severe') return s('path', { d: `M${cx},${cy - 7} L${cx + 7},${cy + 5} L${cx - 7},${cy + 5} z`, class: `sev-mark ${cls}` });
  if (cls === 'major') return s('path', { d: `M${cx},${cy - 6} L${cx + 6},${cy} L${cx},${cy + 6} L${cx - 6},${cy} z`, class: `sev-mark ${cls}` });
  return s('circle', { cx, cy, r: 4.5, class: `sev-mark ${cls}` });
}

// LABEL_GAP is the least room, in px, between a timeline's name and
// another name, a point's marks or a series line; ROWS is how many rows
// above and below its point a name may take.
const LABEL_GAP = 2;
const ROWS = 5;
// ROW_SIDES are the sides of its point a name in a row is tried on, in
// turn: [above, right of the leader].
const ROW_SIDES = [[true, true], [true, false], [false, true], [false, false]];
// CELL is the side, in px, of the squares placeLabels files marks by.
const CELL = 32;

/** overlaps tells whether two boxes {x0, x1, y0, y1} share more than a pixel. */
export function overlaps(p, q) {
  return Math.min(p.x1, q.x1) - Math.max(p.x0, q.x0) > 1 && Math.min(p.y1, q.y1) - Math.max(p.y0, q.y0) > 1;
}

/** extent is the horizontal span a claim's marks take on the axis. */
function extent(iv, x) {
  const [x0, x1] = x.range;
  const vals = [iv.low, iv.high, iv.best].filter(has);
  let a = Math.min(...vals.map(x)), b = Math.max(...vals.map(x));
  if (has(iv.low) && !has(iv.high)) b = x1;
  if (!has(iv.low) && has(iv.high)) a = x0;
  return [a - 6, b + 6];
}

/**
 * fitText shortens text until the SVG text element el is at most width
 * wide, ending it with an ellipsis; the full text stays in the row's title.
 */
function fitText(el, text, width) {
  el.textContent = text;
  if (!el.getComputedTextLength || el.getComputedTextLength() <= width) return;
  let n = text.length;
  while (n > 1 && el.getComputedTextLength() > width) {
    n -= 1;
    el.textContent = `${text.slice(0, n).trimEnd()}…`;
  }
}

/**
 * drawComparison renders the comparison plot into svg.
 * opts: rows [{id, name, iv, deprecated, reason}], rowY (centre of each
 * row, px), width, height, labels (draw names in the plot, for narrow
 * screens: each name on its own line above its row's marks), consensus
 * {low, high}, conflicts [{a, b, severity, kind, explanation, id}],
 * describedBy (id of the explanation panel), onFocus.
 * Nothing drawn overlaps a label or leaves the frame: a conflict's badge
 * goes where it covers no name, no point and no other badge, else it is
 * left out (the link stays, focusable, with its label).
 */
export function drawComparison(svg, opts) {
  clear(svg);
  const { rows, rowY, width, height } = opts;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  const d = defs(svg);
  const left = 14;
  const right = width - 14;
  const [lo, hi] = domain(rows.map((r) => r.iv));
  const x = logScale(lo, hi, left, right);
  const top = 26;
  // With labels, a row's name sits above its marks.
  const markY = (i) => (opts.labels ? rowY[i] + 7 : rowY[i]);
  const taken = []; // boxes of names and badges
  const points = []; // centres of dots, which badges must not cover

  // Axis with 1-3-10 ticks and a light grid.
  const axis = s('g', { class: 'axis', 'aria-hidden': 'true' });
  for (const t of niceTicks(lo, hi)) {
    axis.appendChild(s('line', { x1: x(t), x2: x(t), y1: top - 4, y2: height - 4, class: 'grid' }));
    const at = Math.min(Math.max(x(t), left + 10), right - 10);
    axis.appendChild(s('text', { x: at, y: 14, 'text-anchor': 'middle', class: 'tick' }, fmt.short(t)));
  }
  axis.appendChild(s('line', { x1: left, x2: right, y1: top - 4, y2: top - 4, class: 'axis-line' }));
  svg.appendChild(axis);
  taken.push({ x0: left - 20, x1: right + 20, y0: 0, y1: top - 4 });

  // The consensus range as a band behind the rows.
  if (opts.consensus && (has(opts.consensus.low) || has(opts.consensus.high))) {
    const a = has(opts.consensus.low) ? x(opts.consensus.low) : left;
    const b = has(opts.consensus.high) ? x(opts.consensus.high) : right;
    svg.appendChild(s('rect', { x: a, y: top - 4, width: Math.max(b - a, 2), height: height - top, class: 'consensus' },
      s('title', null, `Consensus, where the most independent origins agree: ${fmt.interval(opts.consensus)}${opts.consensus.from ? `, ${opts.consensus.from} to ${opts.consensus.to}` : ''}`)));
  }

  rows.forEach((r, i) => {
    const y = markY(i);
    const g = s('g', { class: `row${r.deprecated ? ' deprecated' : ''}${r.conflicted ? ' conflicted' : ''}`, dataset: { claim: r.id } });
    g.appendChild(s('line', { x1: left, x2: right, y1: y, y2: y, class: 'row-rule' }));
    if (opts.labels) {
      const t = s('text', { x: left, y: rowY[i] - 5, class: 'row-label' });
      g.appendChild(t);
      svg.appendChild(g);
      fitText(t, r.name, right - left);
      taken.push({ x0: left, x1: left + (t.getComputedTextLength ? t.getComputedTextLength() : r.name.length * 6.1), y0: rowY[i] - 15, y1: rowY[i] - 2 });
    }
    if (r.iv) {
      drawInterval(g, r.iv, x, y, d);
      for (const v of [r.iv.best, has(r.iv.low) && r.iv.low === r.iv.high ? r.iv.low : null]) if (has(v)) points.push({ x: x(v), y });
    } else {
      g.appendChild(s('text', { x: left + 4, y: y + 4, class: 'no-number' }, 'no number'));
      taken.push({ x0: left, x1: left + 64, y0: y - 8, y1: y + 6 });
    }
    if (r.deprecated) {
      // Struck through where its own marks are, not across the plot.
      const [a, b] = r.iv ? extent(r.iv, x) : [left, left + 70];
      g.appendChild(s('line', { x1: a, x2: b, y1: y, y2: y, class: 'strike' }));
    }
    g.appendChild(s('title', null, `${r.name}: ${r.quantityText || ''} (${fmt.interval(r.iv)})${r.deprecated ? ` — deprecated: ${r.reason}` : ''}`));
    svg.appendChild(g);
  });

  // Conflicts between the rows they join, coloured and shaped by severity,
  // focusable so keyboard users get the explanation too.
  const index = new Map(rows.map((r, i) => [r.id, i]));
  const layer = s('g', { class: 'conflicts' });
  const lines = [];
  const free = (b) => b.x0 >= left && b.x1 <= right && !taken.some((o) => overlaps(b, o))
    && !points.some((p) => p.x > b.x0 - 5 && p.x < b.x1 + 5 && p.y > b.y0 - 5 && p.y < b.y1 + 5);
  for (const c of opts.conflicts || []) {
    const i = index.get(c.a), j = index.get(c.b);
    if (i === undefined || j === undefined) continue;
    const cls = fmt.severityClass(c.severity);
    const ya = markY(i), yb = markY(j);
    const y1 = Math.min(ya, yb), y2 = Math.max(ya, yb);
    // A number only where both claims have one and they are apart.
    const numbered = rows[i].iv && rows[j].iv && c.severity > 1;
    const text = numbered ? fmt.factor(c.severity) : '';
    const w = numbered ? 26 + 7.5 * text.length : 18;
    let cx = rows[i].iv && rows[j].iv ? gapX(rows[i].iv, rows[j].iv, x) : left + 80;
    cx = Math.min(Math.max(cx, left + 6), right - 6);
    while (lines.some((u) => Math.abs(u - cx) < 14) && cx < right - 20) cx += 14;
    lines.push(cx);
    // The badge: beside the link at mid-height, else further along it.
    let badge = null;
    const mids = [(y1 + y2) / 2, y1 + 16, y2 - 16, (y1 + y2) / 2 - 14, (y1 + y2) / 2 + 14].filter((m) => m - 11 >= y1 && m + 11 <= y2 || y2 - y1 < 30);
    for (const my of mids) {
      for (const bx of [cx - 4, cx - w + 4, cx + 8, cx - w - 8]) {
        const b = { x0: bx, x1: bx + w, y0: my - 11, y1: my + 11 };
        if (free(b)) { badge = { ...b, my }; break; }
      }
      if (badge) break;
    }
    const label = c.label || `${fmt.severityLabel(c.severity)} ${fmt.label(c.kind)}, ${fmt.factor(c.severity)}: ${c.explanation}`;
    const g = s('g', {
      class: `conflict ${cls}`, tabindex: '0', role: 'button', 'aria-label': label,
      'aria-describedby': c.describedBy || opts.describedBy || null, dataset: { conflict: c.id },
    });
    g.appendChild(s('line', { x1: cx, x2: cx, y1: y1 + 8, y2: y2 - 8, class: 'link-line' }));
    g.appendChild(s('line', { x1: cx - 5, x2: cx + 5, y1: y1 + 8, y2: y1 + 8, class: 'link-end' }));
    g.appendChild(s('line', { x1: cx - 5, x2: cx + 5, y1: y2 - 8, y2: y2 - 8, class: 'link-end' }));
    const my = badge ? badge.my : (y1 + y2) / 2;
    if (badge) {
      taken.push(badge);
      g.appendChild(s('rect', { x: badge.x0, y: my - 11, width: w, height: 22, rx: 4, class: 'sev-bg' }));
      g.appendChild(sevShape(cls, badge.x0 + 10, my));
      if (text) g.appendChild(s('text', { x: badge.x0 + 20, y: my + 4, class: 'sev-text' }, text));
    }
    g.appendChild(s('rect', { x: cx - 8, y: y1, width: 16, height: y2 - y1, class: 'hit' }));
    const at = { x: cx, y: my };
    const show = () => opts.onFocus && opts.onFocus(c, at, g);
    const hide = () => opts.onBlur && opts.onBlur(c, g);
    g.addEventListener('focus', show);
    g.addEventListener('mouseenter', show);
    g.addEventListener('blur', hide);
    g.addEventListener('mouseleave', () => { if (document.activeElement !== g) hide(); });
    g.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        show();
      } else if (e.key === 'Escape') {
        hide();
      }
    });
    layer.appendChild(g);
  }
  svg.appendChild(layer);
  return x;
}

/**
 * legendOf lists the kinds of mark a drawn plot holds, each once, so the
 * legend explains every mark that appears and no other.
 */
export function legendOf(svg) {
  const any = (sel) => !!svg.querySelector(sel);
  const out = [];
  if (any('.bar.soft')) out.push(['soft', 'range, approximate or vague (soft ends)']);
  if (any('.bar:not(.soft)')) out.push(['bar', 'range']);
  if (any('.exact')) out.push(['exact', 'exact value']);
  if (any('.best')) out.push(['best', 'best estimate']);
  if (any('.open')) out.push(['open', 'open bound (“more than”, “up to”)']);
  if (any('.consensus')) out.push(['consensus', 'consensus: where the most independent origins agree']);
  for (const [cls, text] of [['severe', 'severe conflict (5× or more)'], ['major', 'major conflict (2–5×)'], ['minor', 'minor conflict (under 2×)']]) {
    if (any(`.conflict.${cls}`)) out.push([cls, text]);
  }
  if (any('.strike')) out.push(['strike', 'deprecated: struck through, kept visible']);
  if (any('.no-number')) out.push(['no-number', 'the claimant gave no number']);
  if (any('.tl-range')) out.push(['tl-range', 'range over time (capped ends; arrows for open bounds)']);
  if (any('.tl-dot')) out.push(['tl-dot', 'best estimate or exact value']);
  if (any('.series-line')) out.push(['series-line', 'one claimant’s revisions']);
  if (any('.tl-point.superseded')) out.push(['superseded', 'revised later (hollow)']);
  return out;
}

/** swatch draws a small sample of a legend mark (classes of its own, so no selector of the plot matches it). */
export function swatch(kind) {
  const g = s('svg', { class: 'swatch', width: 28, height: 14, viewBox: '0 0 28 14', 'aria-hidden': 'true' });
  const add = (el) => g.appendChild(el);
  switch (kind) {
    case 'soft': add(s('rect', { x: 2, y: 3, width: 24, height: 8, rx: 3, class: 'sw-soft' })); break;
    case 'bar': add(s('rect', { x: 2, y: 3, width: 24, height: 8, rx: 3, class: 'sw-bar' })); break;
    case 'exact': add(s('circle', { cx: 14, cy: 7, r: 5, class: 'sw-exact' })); break;
    case 'best': add(s('circle', { cx: 14, cy: 7, r: 4, class: 'sw-best' })); break;
    case 'open': add(s('line', { x1: 4, x2: 22, y1: 7, y2: 7, class: 'sw-open' })); add(s('path', { d: 'M20,3 L26,7 L20,11 z', class: 'sw-arrow' })); break;
    case 'consensus': add(s('rect', { x: 2, y: 1, width: 24, height: 12, class: 'sw-consensus' })); break;
    case 'severe': case 'major': case 'minor': add(s('g', { class: `sw-sev ${kind}` }, sevShape(kind, 14, 7))); break;
    case 'strike': add(s('line', { x1: 2, x2: 26, y1: 7, y2: 7, class: 'sw-strike' })); break;
    case 'no-number': add(s('text', { x: 1, y: 11, class: 'sw-nonum' }, 'n/n')); break;
    case 'tl-range': add(s('line', { x1: 14, x2: 14, y1: 1, y2: 13, class: 'sw-range' })); break;
    case 'tl-dot': add(s('circle', { cx: 14, cy: 7, r: 4.5, class: 'sw-dot' })); break;
    case 'series-line': add(s('polyline', { points: '2,12 14,5 26,8', class: 'sw-series' })); break;
    case 'superseded': add(s('circle', { cx: 14, cy: 7, r: 4.5, class: 'sw-hollow' })); break;
    default: break;
  }
  return g;
}

/**
 * placeLabels chooses where to write each wanted label {x, y, w, h, rise,
 * mark}: its point, its text's measured width, height and height above
 * the baseline, and the index of its point's marks. First beside the
 * point, right or left of it, where the label's end next to the point is
 * nearer that point than any other, so it names no other; then, for the
 * labels with no room there, in a row above or below the point, the
 * nearest free, joined to the point by a thin upright leader. A label
 * stays in the frame and, with LABEL_GAP to spare, covers no label or
 * leader placed before it, no point's marks (marks: each point's centre
 * {x, y} and parts, the boxes {x0, x1, y0, y1} of its dot, range, caps
 * and arrowhead) and no series line (lines: segments [x1, y1, x2, y2]);
 * a leader crosses no label and no other point's marks. A label
 * with no such place is left out, and so is one whose text measured no
 * width (the plot is not laid out: not displayed, or not in the page);
 * its point keeps its name in its note on hover and focus and in its
 * accessible label. Returns, per item, null or the text's start {x, y}
 * (left end, baseline) and, in a row, its leader {x, y1, y2}.
 */
export function placeLabels(items, frame, marks, lines) {
  const placed = []; // boxes of the labels and leaders placed
  const cuts = (b, o) => b.x0 - LABEL_GAP < o.x1 && b.x1 + LABEL_GAP > o.x0 && b.y0 - LABEL_GAP < o.y1 && b.y1 + LABEL_GAP > o.y0;
  // crosses tells whether segment [x1, y1, x2, y2] passes through box b
  // with LABEL_GAP around it: whether the stretch of it (t0 to t1, 0 at
  // its start and 1 at its end) between the box's sides is also between
  // its top and bottom.
  const crosses = ([x1, y1, x2, y2], b) => {
    let t0 = 0, t1 = 1;
    const clip = (from, d, lo, hi) => {
      if (d === 0) {
        if (from <= lo || from >= hi) t1 = -1;
        return;
      }
      t0 = Math.max(t0, Math.min((lo - from) / d, (hi - from) / d));
      t1 = Math.min(t1, Math.max((lo - from) / d, (hi - from) / d));
    };
    clip(x1, x2 - x1, b.x0 - LABEL_GAP, b.x1 + LABEL_GAP);
    clip(y1, y2 - y1, b.y0 - LABEL_GAP, b.y1 + LABEL_GAP);
    return t0 < t1;
  };
  // Each part of the marks is filed, with the index of its point (of),
  // under the cells of a CELL px grid it lies in or within LABEL_GAP of
  // (a cell: column * 2^16 + row), so that a box is checked against the
  // parts around it, not against every part of a large topic's plot.
  // cells(b, fn) tells whether fn holds for one of the cells box b is
  // in or within LABEL_GAP of; near(b, test) whether test holds for one
  // of the parts filed under them.
  const grid = new Map();
  const cells = (b, fn) => {
    for (let i = Math.floor((b.x0 - LABEL_GAP) / CELL); i <= Math.floor((b.x1 + LABEL_GAP) / CELL); i++) {
      for (let j = Math.floor((b.y0 - LABEL_GAP) / CELL); j <= Math.floor((b.y1 + LABEL_GAP) / CELL); j++) {
        if (fn(i * 65536 + j)) return true;
      }
    }
    return false;
  };
  marks.forEach((m, of) => m.parts.forEach((b) => cells(b, (k) => {
    if (!grid.has(k)) grid.set(k, []);
    grid.get(k).push({ ...b, of });
  })));
  const near = (b, test) => cells(b, (k) => grid.has(k) && grid.get(k).some(test));
  // free tells whether box b is in the frame and covers no label or
  // leader placed and no part of a mark but those of mark own.
  const free = (b, own) => b.x0 >= frame.left && b.x1 <= frame.right && b.y0 >= frame.top && b.y1 <= frame.bottom
    && !placed.some((o) => cuts(b, o)) && !near(b, (o) => o.of !== own && cuts(b, o));
  const beside = ({ x, y, w, h, mark }) => {
    // [left end, top, end next to the point]: level with the point, a
    // little above it, a little below it; right of it, else left.
    for (const [x0, y0, end] of [0, -h / 2, h / 2].flatMap((dy) => [[x + 10, y - h / 2 + dy, x + 10], [x - 10 - w, y - h / 2 + dy, x - 10]])) {
      const b = { x0, x1: x0 + w, y0, y1: y0 + h };
      const dist = (m) => Math.hypot(end - m.x, y0 + h / 2 - m.y);
      // The points nearer the label's end than its own, or about as near.
      const r = dist({ x, y }) + 4;
      const nearer = () => near({ x0: end - r, x1: end + r, y0: y0 + h / 2 - r, y1: y0 + h / 2 + r }, (o) => o.of !== mark && dist(marks[o.of]) < r);
      if (free(b) && !lines.some((l) => crosses(l, b)) && !nearer()) return b;
    }
    return null;
  };
  const inRow = ({ x, w, h, mark }) => {
    // The box around the point's marks.
    const own = marks[mark].parts.reduce((e, b) => ({ x0: Math.min(e.x0, b.x0), x1: Math.max(e.x1, b.x1), y0: Math.min(e.y0, b.y0), y1: Math.max(e.y1, b.y1) }));
    for (let k = 0; k < ROWS; k++) {
      for (const [up, right] of ROW_SIDES) {
        const y0 = up ? own.y0 - 8 - h - k * (h + LABEL_GAP) : own.y1 + 8 + k * (h + LABEL_GAP);
        const x0 = right ? x + 2 : x - 2 - w;
        const b = { x0, x1: x0 + w, y0, y1: y0 + h };
        const leader = { x0: x - 0.5, x1: x + 0.5, y0: up ? b.y1 : own.y1 + 2, y1: up ? own.y0 - 2 : b.y0 };
        if (free(b) && !lines.some((l) => crosses(l, b)) && free(leader, mark)) return { ...b, leader };
      }
    }
    return null;
  };
  const place = (how) => (it) => {
    const b = it.w > 0 ? how(it) : null;
    if (b) placed.push(b, ...(b.leader ? [b.leader] : []));
    return b;
  };
  const boxes = items.map(place(beside)).map((b, i) => b || place(inRow)(items[i]));
  return boxes.map((b, i) => b && { x: b.x0, y: b.y0 + items[i].rise, leader: b.leader && { x: items[i].x, y1: b.leader.y0, y2: b.leader.y1 } });
}

/**
 * drawTimeline renders claims along time: x is the reference date, y the
 * value on a log axis. Every claim's range is a vertical bar (capped when
 * both ends are known, an arrow when open), best estimates and exact
 * values are points, and a claimant's revisions are joined by a line.
 * opts: points [{id, name, iv, year, date, deprecated, superseded,
 * conflicted}], series [[id...]], width, height, onFocus(p, at), onBlur.
 */
export function drawTimeline(svg, opts) {
  clear(svg);
  const { width, height } = opts;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  const d = defs(svg);
  const pts = opts.points.filter((p) => p.iv && p.year !== null && p.year !== undefined && fmt.central(p.iv) > 0);
  const [lo, hi] = domain(pts.map((p) => p.iv));
  const left = 48, right = width - 16, top = 16, bottom = height - 30;
  const y = logScale(lo, hi, bottom, top);
  let y0 = pts.length ? Math.min(...pts.map((p) => p.year)) : new Date().getFullYear() - 1;
  let y1 = pts.length ? Math.max(...pts.map((p) => p.year)) : y0 + 1;
  y0 = Math.floor(y0); y1 = Math.ceil(y1);
  if (y1 === y0) y1 += 1;
  const pad = 14;
  const x = (v) => left + pad + ((v - y0) / (y1 - y0)) * (right - left - 2 * pad);

  const axis = s('g', { class: 'axis', 'aria-hidden': 'true' });
  for (const t of niceTicks(lo, hi)) {
    axis.appendChild(s('line', { x1: left, x2: right, y1: y(t), y2: y(t), class: 'grid' }));
    axis.appendChild(s('text', { x: left - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'tick' }, fmt.short(t)));
  }
  const step = width < 500 && y1 - y0 > 4 ? 2 : 1;
  for (let t = y0; t <= y1; t += step) {
    axis.appendChild(s('line', { x1: x(t), x2: x(t), y1: top, y2: bottom, class: 'grid' }));
    axis.appendChild(s('text', { x: x(t), y: bottom + 18, 'text-anchor': 'middle', class: 'tick' }, String(t)));
    if (y1 - y0 <= 3 && t < y1) {
      for (const [q, m] of [[0.25, 'Apr'], [0.5, 'Jul'], [0.75, 'Oct']]) {
        axis.appendChild(s('line', { x1: x(t + q), x2: x(t + q), y1: top, y2: bottom, class: 'grid minor' }));
        if (width >= 500) axis.appendChild(s('text', { x: x(t + q), y: bottom + 18, 'text-anchor': 'middle', class: 'tick minor' }, m));
      }
    }
  }
  axis.appendChild(s('line', { x1: left, x2: left, y1: top, y2: bottom, class: 'axis-line' }));
  axis.appendChild(s('line', { x1: left, x2: right, y1: bottom, y2: bottom, class: 'axis-line' }));
  svg.appendChild(axis);

  // Claims of the same date side by side rather than on top of each other.
  const sorted = [...pts].sort((a, b) => a.year - b.year || fmt.central(a.iv) - fmt.central(b.iv));
  const px = new Map();
  let run = [];
  const flush = () => {
    run.forEach((p, i) => px.set(p.id, x(p.year) + (i - (run.length - 1) / 2) * 7));
    run = [];
  };
  for (const p of sorted) {
    if (run.length && Math.abs(x(p.year) - x(run[0].year)) > 3) flush();
    run.push(p);
  }
  flush();
  const cy = (p) => y(fmt.central(p.iv));

  const byId = new Map(pts.map((p) => [p.id, p]));
  const inSeries = new Map();
  const lines = []; // the series lines' segments [x1, y1, x2, y2], which names keep clear of
  for (const ids of opts.series || []) {
    const line = ids.map((id) => byId.get(id)).filter(Boolean).sort((a, b) => a.year - b.year);
    if (line.length < 2) continue;
    line.forEach((p, i) => inSeries.set(p.id, i === line.length - 1 ? 'last' : 'inner'));
    for (let i = 1; i < line.length; i++) lines.push([px.get(line[i - 1].id), cy(line[i - 1]), px.get(line[i].id), cy(line[i])]);
    svg.appendChild(s('polyline', {
      points: line.map((p) => `${px.get(p.id)},${cy(p)}`).join(' '),
      class: 'series-line', 'aria-hidden': 'true',
    }));
  }

  const layer = s('g', { class: 'tl-points' });
  const labelWanted = [];
  // Each point's marks as drawn, from their geometry (not the wider area
  // that answers the pointer): its centre {x, y} and the boxes {x0, x1,
  // y0, y1} of its dot, range, caps and arrowhead.
  const marks = [];
  for (const p of sorted) {
    const cx = px.get(p.id);
    const g = s('g', {
      class: `tl-point${p.deprecated ? ' deprecated' : ''}${p.superseded ? ' superseded' : ''}${p.conflicted ? ' conflicted' : ''}`,
      tabindex: '0', role: 'img', dataset: { claim: p.id },
      'aria-label': `${p.name}, ${fmt.date(p.date)}: ${p.quantityText || ''} (${fmt.interval(p.iv)})${p.deprecated ? ', deprecated' : ''}${p.superseded ? ', revised later' : ''}`,
    });
    const lo2 = has(p.iv.low) ? p.iv.low : null, hi2 = has(p.iv.high) ? p.iv.high : null;
    const parts = [];
    // line draws one of the point's lines and notes its box, widened by
    // the widest stroke of a range (3 px); arrowhead notes the box of the
    // arrowhead at the end of an open range, pointing up or down.
    const line = (x1, x2, y1, y2, attrs) => {
      g.appendChild(s('line', { x1, x2, y1, y2, ...attrs }));
      parts.push({ x0: Math.min(x1, x2) - 1.5, x1: Math.max(x1, x2) + 1.5, y0: Math.min(y1, y2) - 1.5, y1: Math.max(y1, y2) + 1.5 });
    };
    const arrowhead = (end, up) => parts.push({ x0: cx - ARROW / 2, x1: cx + ARROW / 2, y0: up ? end - ARROW / 5 : end - 4 * ARROW / 5, y1: up ? end + 4 * ARROW / 5 : end + ARROW / 5 });
    if (lo2 !== null && hi2 !== null && lo2 !== hi2) {
      let a = y(lo2), b = y(hi2);
      if (a - b < 8) { const m = (a + b) / 2; a = m + 4; b = m - 4; }
      line(cx, cx, a, b, { class: 'tl-range' });
      line(cx - 4, cx + 4, a, a, { class: 'tl-cap' });
      line(cx - 4, cx + 4, b, b, { class: 'tl-cap' });
    } else if (lo2 !== null && hi2 === null) {
      line(cx, cx, y(lo2), top + 2, { class: 'tl-range open', 'marker-end': d.arrow });
      line(cx - 4, cx + 4, y(lo2), y(lo2), { class: 'tl-cap' });
      arrowhead(top + 2, true);
    } else if (lo2 === null && hi2 !== null) {
      line(cx, cx, y(hi2), bottom - 2, { class: 'tl-range open', 'marker-end': d.arrow });
      line(cx - 4, cx + 4, y(hi2), y(hi2), { class: 'tl-cap' });
      arrowhead(bottom - 2, false);
    }
    const exact = lo2 !== null && lo2 === hi2;
    const point = has(p.iv.best) ? p.iv.best : exact ? lo2 : null;
    if (point !== null) {
      g.appendChild(s('circle', { cx, cy: y(point), r: 4.5, class: 'tl-dot' }));
      parts.push({ x0: cx - 4.5, x1: cx + 4.5, y0: y(point) - 4.5, y1: y(point) + 4.5 });
    }
    marks.push({ x: cx, y: cy(p), parts });
    g.appendChild(s('rect', { x: cx - 7, y: Math.min(cy(p), y(hi2 ?? fmt.central(p.iv))) - 7, width: 14, height: Math.abs(y(lo2 ?? fmt.central(p.iv)) - y(hi2 ?? fmt.central(p.iv))) + 14, class: 'hit' }));
    g.appendChild(s('title', null, `${p.name}, ${fmt.date(p.date)}: ${fmt.interval(p.iv)}`));
    const at = { x: cx, y: cy(p) };
    g.addEventListener('focus', () => opts.onFocus && opts.onFocus(p, at));
    g.addEventListener('mouseenter', () => opts.onFocus && opts.onFocus(p, at));
    g.addEventListener('blur', () => opts.onBlur && opts.onBlur(p));
    g.addEventListener('mouseleave', () => { if (document.activeElement !== g && opts.onBlur) opts.onBlur(p); });
    layer.appendChild(g);
    if (width >= 500 && inSeries.get(p.id) !== 'inner') {
      const name = p.name.length > 22 ? `${p.name.slice(0, 21)}…` : p.name;
      labelWanted.push({ g, x: cx, y: cy(p), mark: marks.length - 1, text: name });
    }
  }
  // Each name is measured as drawn, once however many of its claimant's
  // points want it (a large topic's claimants recur), all in one layout
  // and before the points are in the page, which would lay them out too.
  const texts = [...new Set(labelWanted.map((l) => l.text))].map((t) => svg.appendChild(s('text', { class: 'tl-label' }, t)));
  const sizes = new Map(texts.map((el) => {
    const b = el.getBBox();
    return [el.textContent, { w: b.width, h: b.height, rise: -b.y }];
  }));
  for (const el of texts) el.remove();
  svg.appendChild(layer);
  for (const l of labelWanted) Object.assign(l, sizes.get(l.text));
  const spots = placeLabels(labelWanted, { left: left + 2, right, top, bottom }, marks, lines);
  labelWanted.forEach((l, i) => {
    const at = spots[i];
    if (!at) return;
    if (at.leader) l.g.appendChild(s('line', { x1: at.leader.x, x2: at.leader.x, y1: at.leader.y1, y2: at.leader.y2, class: 'tl-leader' }));
    l.g.appendChild(s('text', { x: at.x, y: at.y, class: 'tl-label', 'aria-hidden': 'true' }, l.text));
  });
  return { shown: pts.length, labelled: spots.filter(Boolean).length };
}
