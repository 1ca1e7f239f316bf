// card.js renders one claim as a card: claimant and role, source and its
// origin chain, date, scope, the quote with the quantity highlighted and
// the interval.

import { h } from './dom.js';
import * as fmt from './format.js';

/** highlight returns the quote as text nodes with the quantity in a <mark>. */
export function highlight(quote, qty) {
  if (!quote) return [];
  if (!qty) return [quote];
  const i = quote.toLowerCase().indexOf(qty.toLowerCase());
  if (i < 0) return [quote];
  return [quote.slice(0, i), h('mark', null, quote.slice(i, i + qty.length)), quote.slice(i + qty.length)];
}

/** httpURL returns u when it is an http(s) URL, else '': no "javascript:" link. */
export function httpURL(u) {
  try {
    const x = new URL(u);
    return x.protocol === 'http:' || x.protocol === 'https:' ? x.href : '';
  } catch (err) {
    return '';
  }
}

/** hopLink is a source's name, linked in a new tab when its URL is known, with an archive mark. */
function hopLink(name, url, archive) {
  const href = httpURL(url || '');
  const arch = httpURL(archive || '');
  return [
    href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'ext' }, name) : name,
    arch ? [' ', h('a', { href: arch, target: '_blank', rel: 'noopener noreferrer', class: 'tag archived', title: 'Archived copy' }, 'archived')] : null,
  ];
}

/** claimantLine is "Name, Role, Affiliation". */
export function claimantLine(c) {
  if (!c) return '';
  return [c.role, c.affiliation].filter(Boolean).join(', ');
}

const RELATION = { conflicts: 'conflicts with', contradicts: 'contradicts', part_exceeds_whole: 'exceeds its whole' };

/**
 * conflictLine is the card's compact note of its worst conflict, "▲ Severe
 * 12× · contradicts The Independent", linking to the pair in the
 * conflicts list (opts.pairHref) or else to the other claim. The full
 * explanation lives in the list and in the plot, not on every card.
 */
function conflictLine(sum, opts) {
  const cls = fmt.severityClass(sum.worst_severity);
  const other = sum.worst_against;
  const otherName = (opts.names && opts.names.get(other)) || 'another claim';
  const href = (opts.pairHref && opts.pairHref(sum.claim_id, other)) || (other ? `/claims/${encodeURIComponent(other)}` : null);
  const rel = RELATION[sum.worst_relation] || fmt.label(sum.worst_relation);
  const body = [h('span', { class: `sev-badge ${cls}` }, h('span', { class: `sev-icon ${cls}`, 'aria-hidden': 'true' }),
    `${fmt.severityLabel(sum.worst_severity)} ${fmt.factor(sum.worst_severity)}`), ` · ${rel} ${otherName}`];
  return h('p', { class: `card-conflict ${cls}` },
    href ? h('a', { href, onclick: opts.onPair ? (e) => opts.onPair(e, href) : null, title: sum.worst_explanation }, body) : body,
    sum.conflict_count > 1 ? h('span', { class: 'muted' }, ` (+${sum.conflict_count - 1} more)`) : null);
}

/**
 * card renders one comparison entry. opts: names (claim ID to claimant
 * name), pairHref(a, b), onPair(event, href), topicPlaces (the places a
 * claim that names none is taken to be for).
 */
export function card(e, opts = {}) {
  const c = e.claim;
  const dep = c.rank === 'deprecated';
  const sum = e.summary;
  const name = e.claimant ? e.claimant.name : c.claimant_id;
  // Each hop of the chain links to the page it names, in a new tab.
  const relays = c.provenance.relays || [];
  const chain = [
    hopLink(e.source ? e.source.name : 'unknown source', c.provenance.url || (e.source && e.source.url), c.provenance.archive_url),
    ...(e.relays || []).map((r, i) => hopLink(r.name || 'unknown source', (relays[i] && relays[i].url) || r.url, relays[i] && relays[i].archive_url)),
  ];
  const when = fmt.refDate(c);
  const badges = [
    h('span', { class: 'badge place' }, !(c.scope.places || []).length && (opts.topicPlaces || []).length
      ? `${opts.topicPlaces.join(' + ')} (the topic's)` : fmt.places(c.scope)),
    c.scope.population && h('span', { class: 'badge' }, c.scope.population),
    c.scope.group && h('span', { class: 'badge' }, c.scope.group),
    h('span', { class: `badge measure ${c.scope.measure}` }, c.scope.measure),
    c.grade && c.grade !== 'ungraded' && h('span', { class: `badge grade ${c.grade}` }, c.grade),
  ];
  const worst = sum && sum.worst_relation && sum.worst_severity > 1;
  return h('article', {
    class: `card${dep ? ' deprecated' : ''}${worst ? ` has-conflict ${fmt.severityClass(sum.worst_severity)}` : ''}`,
    id: `claim-${c.id}`, dataset: { claim: c.id }, 'aria-labelledby': `cn-${c.id}`,
  },
  h('header', { class: 'card-head' },
    h('div', { class: 'who' },
      h('h3', { id: `cn-${c.id}` }, h('a', { href: `/claims/${encodeURIComponent(c.id)}` }, name)),
      h('span', { class: 'role' }, claimantLine(e.claimant))),
    h('div', { class: 'figure' },
      h('span', { class: 'interval' }, fmt.interval(c.interval)),
      c.interval_source === 'analyst' && h('span', { class: 'tag', title: 'The analyst set this interval' }, 'analyst'))),
  h('p', { class: 'quote' }, dep ? h('s', null, ...highlight(c.quote, c.quantity_text)) : highlight(c.quote || `“${c.quantity_text}”`, c.quantity_text)),
  h('p', { class: 'meta' },
    h('span', { class: 'chain', title: 'Origin, then the outlets that relayed it' },
      chain.map((n, i) => [i ? h('span', { class: 'arrow', 'aria-label': 'relayed by' }, ' → ') : null, n])),
    when && [' · ', h('time', { datetime: when }, fmt.date(when))],
    // The claimant's and the origin's own pages: their claims and history.
    h('span', { class: 'card-pages' },
      c.claimant_id && [' · ', h('a', { href: `/claimants/${encodeURIComponent(c.claimant_id)}`, title: `${name}: every claim and the history` }, 'claimant')],
      c.provenance.source_id && [' · ', h('a', { href: `/sources/${encodeURIComponent(c.provenance.source_id)}`, title: `${e.source ? e.source.name : 'The source'}: every claim and the history` }, 'source')])),
  h('p', { class: 'badges' }, badges),
  dep && h('p', { class: 'dep-reason' }, h('strong', null, 'Deprecated: '), c.deprecation_reason),
  sum && sum.superseded_by && h('p', { class: 'revised' }, 'Revised later by the same claimant: ', h('a', { href: `/claims/${encodeURIComponent(sum.superseded_by)}` }, 'see the newer figure')),
  worst && conflictLine(sum, opts),
  sum && sum.unknown_places && sum.unknown_places.length && h('p', { class: 'warn' }, `Unknown place: ${sum.unknown_places.join(', ')}`));
}
