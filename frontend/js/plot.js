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
    s('marker', { id: arrow, viewBox: '0 0 10 10', refX: '8', refY: '5', markerUnits: 'userSpaceOnUse', markerWidth: '11', markerHeight: '11', orient: 'auto-start-reverse' },
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

/**
 * drawComparison renders the comparison plot into svg.
 * opts: rows [{id, name, iv, deprecated, reason}], rowY (centre of each
 * row, px), width, height, labels (draw names in the plot, for narrow
 * screens), consensus {low, high}, conflicts [{a, b, severity, kind,
 * explanation, id}], describedBy (id of the explanation panel), onFocus.
 */
export function drawComparison(svg, opts) {
  clear(svg);
  const { rows, rowY, width, height } = opts;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  const d = defs(svg);
  const left = opts.labels ? Math.min(120, width * 0.32) : 12;
  const right = width - 14;
  const [lo, hi] = domain(rows.map((r) => r.iv));
  const x = logScale(lo, hi, left, right);
  const top = 26;

  // Axis with 1-3-10 ticks and a light grid.
  const axis = s('g', { class: 'axis', 'aria-hidden': 'true' });
  for (const t of niceTicks(lo, hi)) {
    axis.appendChild(s('line', { x1: x(t), x2: x(t), y1: top - 4, y2: height - 4, class: 'grid' }));
    axis.appendChild(s('text', { x: x(t), y: 14, 'text-anchor': 'middle', class: 'tick' }, fmt.short(t)));
  }
  axis.appendChild(s('line', { x1: left, x2: right, y1: top - 4, y2: top - 4, class: 'axis-line' }));
  svg.appendChild(axis);

  // The consensus range as a band behind the rows.
  if (opts.consensus && (has(opts.consensus.low) || has(opts.consensus.high))) {
    const a = has(opts.consensus.low) ? x(opts.consensus.low) : left;
    const b = has(opts.consensus.high) ? x(opts.consensus.high) : right;
    svg.appendChild(s('rect', { x: a, y: top - 4, width: Math.max(b - a, 2), height: height - top, class: 'consensus' },
      s('title', null, `Consensus, where the most independent origins agree: ${fmt.interval(opts.consensus)}${opts.consensus.from ? `, ${opts.consensus.from} to ${opts.consensus.to}` : ''}`)));
  }

  rows.forEach((r, i) => {
    const y = rowY[i];
    const g = s('g', { class: `row${r.deprecated ? ' deprecated' : ''}${r.conflicted ? ' conflicted' : ''}`, dataset: { claim: r.id } });
    g.appendChild(s('line', { x1: left, x2: right, y1: y, y2: y, class: 'row-rule' }));
    if (opts.labels) {
      g.appendChild(s('text', { x: 4, y: y + 4, class: 'row-label' }, r.name.length > 16 ? `${r.name.slice(0, 15)}…` : r.name));
    }
    if (r.iv) drawInterval(g, r.iv, x, y, d);
    else g.appendChild(s('text', { x: left + 4, y: y + 4, class: 'no-number' }, 'no number'));
    if (r.deprecated) {
      g.appendChild(s('line', { x1: left, x2: right, y1: y, y2: y, class: 'strike' }));
    }
    g.appendChild(s('title', null, `${r.name}: ${r.quantityText || ''} (${fmt.interval(r.iv)})${r.deprecated ? ` — deprecated: ${r.reason}` : ''}`));
    svg.appendChild(g);
  });

  // Conflicts between the rows they join, coloured and shaped by severity,
  // focusable so keyboard users get the explanation too.
  const index = new Map(rows.map((r, i) => [r.id, i]));
  const layer = s('g', { class: 'conflicts' });
  const used = [];
  for (const c of opts.conflicts || []) {
    const i = index.get(c.a), j = index.get(c.b);
    if (i === undefined || j === undefined) continue;
    const cls = fmt.severityClass(c.severity);
    let cx = gapX(rows[i].iv || {}, rows[j].iv || {}, x);
    while (used.some((u) => Math.abs(u - cx) < 16)) cx += 16;
    used.push(cx);
    const y1 = Math.min(rowY[i], rowY[j]), y2 = Math.max(rowY[i], rowY[j]);
    const label = c.label || `${fmt.severityLabel(c.severity)} ${fmt.label(c.kind)}, ${fmt.factor(c.severity)}: ${c.explanation}`;
    const g = s('g', {
      class: `conflict ${cls}`, tabindex: '0', role: 'button', 'aria-label': label,
      'aria-describedby': c.describedBy || opts.describedBy || null, dataset: { conflict: c.id },
    });
    g.appendChild(s('line', { x1: cx, x2: cx, y1: y1 + 8, y2: y2 - 8, class: 'link-line' }));
    g.appendChild(s('line', { x1: cx - 5, x2: cx + 5, y1: y1 + 8, y2: y1 + 8, class: 'link-end' }));
    g.appendChild(s('line', { x1: cx - 5, x2: cx + 5, y1: y2 - 8, y2: y2 - 8, class: 'link-end' }));
    const my = (y1 + y2) / 2;
    g.appendChild(s('rect', { x: cx - 4, y: my - 11, width: 26 + 7.5 * fmt.factor(c.severity).length, height: 22, rx: 4, class: 'sev-bg' }));
    g.appendChild(sevShape(cls, cx + 6, my));
    g.appendChild(s('text', { x: cx + 16, y: my + 4, class: 'sev-text' }, fmt.factor(c.severity)));
    g.appendChild(s('rect', { x: cx - 8, y: y1, width: 56, height: y2 - y1, class: 'hit' }));
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
 * placeLabels chooses, for each wanted label, a position around its anchor
 * where it overlaps no label already placed, no other anchor and stays in
 * the frame; a label with no free position is left out (the point keeps
 * its name in its tooltip and accessible label). Returns [{x, y, anchor}]
 * or null per item.
 */
export function placeLabels(items, frame, marks) {
  const boxes = [];
  const hit = (b) => boxes.some((o) => b.x0 < o.x1 && b.x1 > o.x0 && b.y0 < o.y1 && b.y1 > o.y0)
    || marks.some((m) => m.x > b.x0 - 3 && m.x < b.x1 + 3 && m.y > b.y0 - 3 && m.y < b.y1 + 3 && !(m.x === b.ax && m.y === b.ay));
  return items.map((it) => {
    const w = it.text.length * 6.1 + 4, hgt = 13;
    const cands = [
      [9, 4, 'start'], [-9, 4, 'end'], [7, -9, 'start'], [7, 16, 'start'], [-7, -9, 'end'], [-7, 16, 'end'], [9, -20, 'start'], [9, 28, 'start'],
    ];
    for (const [dx, dy, anchor] of cands) {
      const x = it.x + dx, y = it.y + dy;
      const x0 = anchor === 'start' ? x : x - w, x1 = x0 + w;
      const b = { x0, x1, y0: y - 10, y1: y - 10 + hgt, ax: it.x, ay: it.y };
      if (x0 < frame.left || x1 > frame.right || b.y0 < frame.top - 4 || b.y1 > frame.bottom) continue;
      if (hit(b)) continue;
      boxes.push(b);
      return { x, y, anchor };
    }
    return null;
  });
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
  for (const ids of opts.series || []) {
    const line = ids.map((id) => byId.get(id)).filter(Boolean).sort((a, b) => a.year - b.year);
    if (line.length < 2) continue;
    line.forEach((p, i) => inSeries.set(p.id, i === line.length - 1 ? 'last' : 'inner'));
    svg.appendChild(s('polyline', {
      points: line.map((p) => `${px.get(p.id)},${cy(p)}`).join(' '),
      class: 'series-line', 'aria-hidden': 'true',
    }));
  }

  const layer = s('g', { class: 'tl-points' });
  const labelWanted = [];
  for (const p of sorted) {
    const cx = px.get(p.id);
    const g = s('g', {
      class: `tl-point${p.deprecated ? ' deprecated' : ''}${p.superseded ? ' superseded' : ''}${p.conflicted ? ' conflicted' : ''}`,
      tabindex: '0', role: 'img', dataset: { claim: p.id },
      'aria-label': `${p.name}, ${fmt.date(p.date)}: ${p.quantityText || ''} (${fmt.interval(p.iv)})${p.deprecated ? ', deprecated' : ''}${p.superseded ? ', revised later' : ''}`,
    });
    const lo2 = has(p.iv.low) ? p.iv.low : null, hi2 = has(p.iv.high) ? p.iv.high : null;
    if (lo2 !== null && hi2 !== null && lo2 !== hi2) {
      let a = y(lo2), b = y(hi2);
      if (a - b < 8) { const m = (a + b) / 2; a = m + 4; b = m - 4; }
      g.appendChild(s('line', { x1: cx, x2: cx, y1: a, y2: b, class: 'tl-range' }));
      g.appendChild(s('line', { x1: cx - 4, x2: cx + 4, y1: a, y2: a, class: 'tl-cap' }));
      g.appendChild(s('line', { x1: cx - 4, x2: cx + 4, y1: b, y2: b, class: 'tl-cap' }));
    } else if (lo2 !== null && hi2 === null) {
      g.appendChild(s('line', { x1: cx, x2: cx, y1: y(lo2), y2: top + 2, class: 'tl-range open', 'marker-end': d.arrow }));
      g.appendChild(s('line', { x1: cx - 4, x2: cx + 4, y1: y(lo2), y2: y(lo2), class: 'tl-cap' }));
    } else if (lo2 === null && hi2 !== null) {
      g.appendChild(s('line', { x1: cx, x2: cx, y1: y(hi2), y2: bottom - 2, class: 'tl-range open', 'marker-end': d.arrow }));
      g.appendChild(s('line', { x1: cx - 4, x2: cx + 4, y1: y(hi2), y2: y(hi2), class: 'tl-cap' }));
    }
    const exact = lo2 !== null && lo2 === hi2;
    const point = has(p.iv.best) ? p.iv.best : exact ? lo2 : null;
    if (point !== null) g.appendChild(s('circle', { cx, cy: y(point), r: 4.5, class: 'tl-dot' }));
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
      labelWanted.push({ p, g, x: cx, y: cy(p), text: name });
    }
  }
  svg.appendChild(layer);
  const marks = sorted.map((p) => ({ x: px.get(p.id), y: cy(p) }));
  const spots = placeLabels(labelWanted, { left: left + 2, right, top, bottom }, marks);
  labelWanted.forEach((l, i) => {
    const at = spots[i];
    if (!at) return;
    l.g.appendChild(s('text', { x: at.x, y: at.y, 'text-anchor': at.anchor, class: 'tl-label', 'aria-hidden': 'true' }, l.text));
  });
  return { shown: pts.length, labelled: spots.filter(Boolean).length };
}
