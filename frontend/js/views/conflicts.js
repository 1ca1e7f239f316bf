// The review inbox: conflicts across topics, read in one request with both
// claims named, filtered by topic, severity, status and text and sorted by
// each, every row with its review in place.

import { h, replace, debounce, focusItem } from '../dom.js';
import * as api from '../api.js';
import * as fmt from '../format.js';
import { controls } from '../review.js';

const SEVERITIES = [['', 'any severity'], ['severe', 'severe (5× or more)'], ['major', 'major (2–5×)'], ['minor', 'minor (under 2×)']];
const STATUSES = [['', 'any status'], ['open', 'open'], ['reviewed', 'reviewed'], ['dismissed', 'dismissed']];
const SORTS = [['priority', 'priority: severity weighed by grades'], ['severity', 'severity, worst first'], ['topic', 'topic'], ['status', 'status'], ['claimant', 'claimant'], ['kind', 'kind']];

// SHOWN is how many conflicts are drawn at first and at each "Show more".
const SHOWN = 200;

const side = (s) => `${s.claimant_name || s.claimant_id}: ${s.quantity_text || 'no number'}`;

/** render lists the conflicts; the filters live in the URL (?topic=&severity=&status=&q=&sort=). */
export async function render(ctx) {
  ctx.setTitle('Conflicts');
  let list;
  try {
    list = await api.all('/conflicts');
  } catch (err) {
    if (err instanceof api.APIError && err.missingEndpoint) {
      return h('div', null, h('h1', null, 'Conflicts'), h('p', { class: 'notice' }, 'This server does not list conflicts yet (GET /api/v1/conflicts). Open a topic to see its claims.'));
    }
    throw err;
  }
  for (const c of list) c.status = c.status || 'open';
  const topics = [...new Map(list.map((c) => [c.topic_id, c.topic_title || c.topic_id])).entries()].sort((a, b) => a[1].localeCompare(b[1]));

  const sel = (id, options, value) => h('select', { id }, options.map(([v, t]) => h('option', { value: v, selected: v === value }, t)));
  const fTopic = sel('cf-topic', [['', 'all topics'], ...topics], ctx.query.get('topic') || '');
  const fSev = sel('cf-severity', SEVERITIES, ctx.query.get('severity') || '');
  const fStatus = sel('cf-status', STATUSES, ctx.query.get('status') || '');
  const fText = h('input', { id: 'cf-q', type: 'search', autocomplete: 'off', placeholder: 'claimant, figure, explanation', value: ctx.query.get('q') || '' });
  const fSort = sel('cf-sort', SORTS, ctx.query.get('sort') || 'priority');
  const count = h('p', { class: 'summary-line', role: 'status', 'data-testid': 'conflict-count' });
  const ol = h('ol', { class: 'conflict-list' });
  const empty = h('p', { class: 'empty', hidden: true }, 'Nothing matches these filters.');

  // A row is built when it is first drawn: the review controls of
  // thousands of rows took half a minute to build.
  const built = new Map();
  const itemOf = (c) => {
    if (!built.has(c)) built.set(c, build(c));
    return built.get(c);
  };
  const build = (c) => {
    const cls = fmt.severityClass(c.severity);
    const review = controls({ a: c.claim_a, b: c.claim_b, status: c.status, review: c.review }, (st) => {
      c.status = st;
      li.dataset.status = st;
    });
    const li = h('li', { class: `conflict-item ${cls}`, dataset: { conflict: `${c.claim_a}|${c.claim_b}`, status: c.status, topic: c.topic_id } },
      h('span', { class: 'sev-badge' }, h('span', { class: `sev-icon ${cls}`, 'aria-hidden': 'true' }), `${fmt.severityLabel(c.severity)} · ${fmt.factor(c.severity)}`),
      h('span', { class: 'kind' }, fmt.label(c.kind), c.manual ? h('span', { class: 'tag' }, 'analyst') : null),
      h('span', { class: 'expl' }, c.explanation),
      h('span', { class: 'pair' }, h('a', { href: c.topic_title ? fmt.topicHref({ id: c.topic_id, title: c.topic_title }) : `/topics/${encodeURIComponent(c.topic_id)}` }, c.topic_title || 'topic'), ': ',
        h('a', { href: `/claims/${encodeURIComponent(c.claim_a)}` }, side(c.a || {})), ' vs ',
        h('a', { href: `/claims/${encodeURIComponent(c.claim_b)}` }, side(c.b || {}))),
      review);
    return li;
  };
  let limit = SHOWN;
  const more = h('button', { type: 'button', hidden: true, 'data-testid': 'more-conflicts', onclick: () => {
    const from = limit;
    limit += SHOWN;
    draw();
    focusItem(ol.children[from]);
  } });

  const draw = () => {
    const q = fText.value.trim().toLowerCase();
    const shown = list.filter((c) => (!fTopic.value || c.topic_id === fTopic.value)
      && (!fSev.value || fmt.severityClass(c.severity) === fSev.value)
      && (!fStatus.value || c.status === fStatus.value)
      && (!q || `${c.explanation} ${side(c.a || {})} ${side(c.b || {})} ${c.topic_title} ${c.review ? c.review.resolution : ''}`.toLowerCase().includes(q)));
    const by = {
      priority: (a, b) => b.priority - a.priority || b.severity - a.severity,
      severity: (a, b) => b.severity - a.severity,
      topic: (a, b) => (a.topic_title || '').localeCompare(b.topic_title || '') || b.severity - a.severity,
      status: (a, b) => a.status.localeCompare(b.status) || b.severity - a.severity,
      claimant: (a, b) => (a.a?.claimant_name || '').localeCompare(b.a?.claimant_name || '') || b.severity - a.severity,
      kind: (a, b) => a.kind.localeCompare(b.kind) || b.severity - a.severity,
    }[fSort.value] || ((a, b) => b.priority - a.priority || b.severity - a.severity);
    shown.sort(by);
    replace(ol, shown.slice(0, limit).map(itemOf));
    empty.hidden = shown.length > 0;
    more.hidden = shown.length <= limit;
    more.textContent = `Show ${fmt.num(Math.min(SHOWN, shown.length - limit))} more`;
    count.textContent = `${fmt.num(shown.length)} of ${fmt.num(list.length)}${list.more ? ' read' : ''} conflict${list.length === 1 ? '' : 's'}${shown.length > limit ? `, the first ${fmt.num(limit)} shown` : ''}`;
    const p = new URLSearchParams();
    for (const [k, el] of [['topic', fTopic], ['severity', fSev], ['status', fStatus], ['q', fText]]) if (el.value) p.set(k, el.value);
    if (fSort.value !== 'priority') p.set('sort', fSort.value);
    history.replaceState(history.state, '', p.toString() ? `/conflicts?${p}` : '/conflicts');
  };
  const redraw = () => { limit = SHOWN; draw(); };
  for (const el of [fTopic, fSev, fStatus, fSort]) el.addEventListener('change', redraw);
  fText.addEventListener('input', debounce(redraw, 120));
  draw();
  const field = (id, text, el) => h('div', { class: 'field' }, h('label', { for: id }, text), el);
  return h('div', null,
    h('div', { class: 'page-head' }, h('div', null, h('h1', null, 'Conflicts'), count)),
    h('div', { class: 'toolbar filters', role: 'search', 'aria-label': 'Filter conflicts' },
      field('cf-topic', 'Topic', fTopic), field('cf-severity', 'Severity', fSev), field('cf-status', 'Status', fStatus),
      field('cf-q', 'Text', fText), field('cf-sort', 'Sort by', fSort)),
    list.more ? h('p', { class: 'notice', 'data-testid': 'conflicts-capped' }, `More conflicts are stored than the ${fmt.num(list.length)} of highest priority read here: the filters and the text search cover only these. A topic's page lists all of its own.`) : null,
    ol, more, empty);
}
