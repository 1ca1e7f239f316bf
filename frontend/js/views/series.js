// The series screen: each claimant's figures over time as one line,
// revised values kept and marked, deprecated ones struck through.

import { h, s } from '../dom.js';
import * as fmt from '../format.js';
import * as data from '../data.js';
import { drawTimeline } from '../plot.js';

/** render shows the series of topic ctx.params[0]. */
export async function render(ctx) {
  const id = ctx.params[0];
  const cmp = await data.comparison(id);
  ctx.setTitle(`Series · ${cmp.topic.title}`);
  const byId = new Map(cmp.claims.map((e) => [e.claim.id, e]));
  const sections = cmp.series.map((sr, k) => {
    const rows = sr.entries.map((x) => {
      const e = byId.get(x.claim_id);
      const c = e && e.claim;
      const dep = c && c.rank === 'deprecated';
      const rev = !!x.superseded_by;
      const qt = x.quantity_text || (c && c.quantity_text) || '';
      return h('tr', { class: dep ? 'deprecated' : '' },
        h('td', null, h('time', { datetime: x.ref_date }, fmt.date(x.ref_date))),
        h('td', null, h('a', { href: `/claims/${encodeURIComponent(x.claim_id)}` }, dep ? h('s', null, qt) : qt)),
        h('td', { class: 'num' }, dep ? h('s', null, fmt.interval(x)) : fmt.interval(x)),
        h('td', null, rev ? h('span', { class: 'tag' }, 'revised later') : h('span', { class: 'tag' }, 'latest'),
          x.flow_fell ? h('span', { class: 'tag' }, 'flow fell') : null,
          dep ? [' ', h('span', { class: 'dep-reason' }, `Deprecated: ${c.deprecation_reason}`)] : null));
    });
    const svg = s('svg', { class: 'plot', role: 'img', 'aria-label': `${sr.claimant_name} over time` });
    const wrap = h('div', { class: 'plot-wrap' }, svg);
    requestAnimationFrame(() => {
      drawTimeline(svg, {
        width: Math.max(wrap.clientWidth, 280), height: 200,
        points: sr.entries.map((x) => {
          const e = byId.get(x.claim_id);
          return {
            id: x.claim_id, name: sr.claimant_name, iv: e ? e.claim.interval : { low: x.low, high: x.high, best: null },
            date: x.ref_date, year: fmt.year(x.ref_date), quantityText: x.quantity_text,
            deprecated: e && e.claim.rank === 'deprecated', superseded: !!x.superseded_by,
          };
        }),
        series: [sr.entries.map((x) => x.claim_id)],
      });
    });
    return h('section', { class: 'panel', 'aria-labelledby': `sr-${k}` },
      h('h2', { id: `sr-${k}` }, sr.claimant_name || sr.claimant_id, h('span', { class: 'muted' }, ` · ${fmt.places({ places: sr.places })} · ${sr.measure}`)),
      wrap,
      h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Date'), h('th', { scope: 'col' }, 'As said'), h('th', { scope: 'col', class: 'num' }, 'Interval'), h('th', { scope: 'col' }, 'Status'))),
        h('tbody', null, rows))));
  });
  return h('div', null,
    h('div', { class: 'page-head' }, h('div', null,
      h('p', { class: 'crumbs' }, h('a', { href: '/' }, 'Topics'), ' / ', h('a', { href: `/topics/${encodeURIComponent(id)}` }, cmp.topic.title)),
      h('h1', null, 'Series'),
      h('p', { class: 'summary-line' }, 'One claimant’s figures for one scope over time; revised values are kept.'))),
    sections.length ? h('div', { class: 'form' }, sections) : h('p', { class: 'empty' }, 'No claimant gave two figures or more for the same scope.'));
}
