// The claim screen, read in one request (?include=page): the claim with
// its provenance to follow (links to the source, the relays and the
// archive copies), its relations grouped by kind with the conflicts'
// reviews in place, the analysts' links, and a full edit form.

import { h, replace } from '../dom.js';
import * as api from '../api.js';
import * as fmt from '../format.js';
import { card, httpURL } from '../card.js';
import { fieldErrors, clearErrors } from '../forms.js';
import { controls } from '../review.js';
import { editor, deleter, setFlash, takeFlash } from '../editor.js';
import { picker } from './claimform.js';
import { panel as historyPanel } from '../history.js';
import { sourceFields, claimantFields, SOURCE_KINDS } from './record.js';

const LINK_KINDS = ['derived_from', 'contradicts', 'supersedes', 'unrelated', 'corroborates', 'same_statement'];
const CONFLICT_KINDS = ['contradicts', 'conflicts', 'part_exceeds_whole'];
const AGREE_KINDS = ['corroborates', 'consistent', 'same_statement'];

/** external is a link that leaves claimdesk: a new tab, no referrer, no opener. */
export function external(href, ...children) {
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'ext' }, ...children);
}


/** hop is one step of the provenance chain: name, link, date, note, archive. */
function hop(role, src, { url, archive, date, note }) {
  const href = httpURL(url || (src && src.url) || '');
  const arch = httpURL(archive || '');
  const name = src ? src.name : 'unknown source';
  return h('li', { class: 'hop', 'data-testid': 'hop' },
    h('span', { class: 'hop-role' }, role), ' ',
    href ? external(href, name) : h('span', null, name),
    src && src.kind ? h('span', { class: 'muted' }, ` · ${fmt.label(src.kind)}`) : null,
    src && src.language ? h('span', { class: 'muted' }, ` · ${src.language}`) : null,
    date ? [' · ', h('time', { datetime: date }, fmt.date(date))] : null,
    arch ? [' ', external(arch, h('span', { class: 'tag archived', title: 'An archived copy exists' }, 'archived'))] : null,
    !href ? h('span', { class: 'muted' }, ' (no link stored)') : null,
    note ? h('div', { class: 'hop-note muted' }, note) : null);
}

function provenance(claim, sources) {
  const byId = new Map(sources.map((s) => [s.id, s]));
  const p = claim.provenance || {};
  const origin = byId.get(p.source_id);
  const dl = [];
  const row = (k, v) => v && dl.push(h('dt', null, k), h('dd', null, v));
  row('Original wording', claim.original_text && [h('q', { lang: claim.original_language || null }, claim.original_text),
    claim.original_language ? h('span', { class: 'muted' }, ` (${claim.original_language})`) : null]);
  row('Translation', claim.original_text && claim.quote && [h('q', { lang: claim.language || null }, claim.quote),
    claim.language ? h('span', { class: 'muted' }, ` (${claim.language})`) : null]);
  row(claim.original_text ? '' : 'Language', !claim.original_text && claim.language);
  row('Occasion', claim.occasion);
  row('Evidence', claim.evidence_type && claim.evidence_type !== 'unknown' ? fmt.label(claim.evidence_type) : '');
  row('Said on', claim.said_on && fmt.date(claim.said_on));
  row('As of', claim.as_of && fmt.date(claim.as_of));
  row('Published', claim.published_on && fmt.date(claim.published_on));
  return h('section', { class: 'panel provenance', 'aria-labelledby': 'prov-h' },
    h('h2', { id: 'prov-h' }, 'Provenance'),
    h('ol', { class: 'hops' },
      hop('Origin', origin, { url: p.url, archive: p.archive_url, date: claim.published_on || (origin && origin.published_on) }),
      (p.relays || []).map((r) => hop('Relayed by', byId.get(r.source_id), {
        url: r.url, archive: r.archive_url, date: r.published_on || (byId.get(r.source_id) || {}).published_on, note: r.note,
      }))),
    dl.length ? h('dl', { class: 'facts' }, dl) : null);
}

/** render shows claim ctx.params[0]. */
export async function render(ctx) {
  const id = ctx.params[0];
  const pg = await api.get(`/claims/${encodeURIComponent(id)}`, { include: 'page' });
  const { topic, claimant, sources, relations: rels, links, reviews, others } = pg;
  const claim = pg;
  const name = (cid) => {
    const r = others[cid];
    if (!r) return 'a claim no longer stored';
    return `${r.claimant_name || 'unknown claimant'}: ${r.quantity_text || fmt.interval(r.interval)}${r.said_on ? ` (${fmt.date(r.said_on)})` : ''}`;
  };
  const who = claimant ? claimant.name : 'unknown claimant';
  ctx.setTitle(`${who}: ${claim.quantity_text || 'no number'}`);
  const reviewOf = (other) => reviews.find((r) => (r.claim_a === id && r.claim_b === other) || (r.claim_b === id && r.claim_a === other)) || null;

  // Relations: conflicts first with their reviews, then what agrees, then
  // the rest folded away by kind.
  const relRow = (r, withReview) => {
    const counts = CONFLICT_KINDS.includes(r.kind) && !r.deprecated;
    return h('li', { class: counts ? fmt.severityClass(r.severity) : '', dataset: { kind: r.kind, other: r.other_id } },
      counts && h('span', { class: 'sev-badge' }, `${fmt.severityLabel(r.severity)} ${fmt.factor(r.severity)}`), ' ',
      h('strong', null, fmt.label(r.kind)), ' ', h('a', { href: `/claims/${encodeURIComponent(r.other_id)}` }, name(r.other_id)),
      r.deprecated ? [' ', h('span', { class: 'tag' }, 'deprecated')] : null,
      r.manual ? [' ', h('span', { class: 'tag' }, 'analyst')] : null,
      h('br'), h('span', { class: 'muted' }, r.explanation),
      withReview && counts ? controls({ a: id, b: r.other_id, status: r.status, review: reviewOf(r.other_id) }) : null);
  };
  const conflicts = rels.filter((r) => CONFLICT_KINDS.includes(r.kind));
  const agree = rels.filter((r) => AGREE_KINDS.includes(r.kind));
  const rest = rels.filter((r) => !CONFLICT_KINDS.includes(r.kind) && !AGREE_KINDS.includes(r.kind));
  const restKinds = [...new Set(rest.map((r) => r.kind))];
  const relBox = rels.length ? [
    pg.relations_total > rels.length ? h('p', { class: 'muted', 'data-testid': 'rel-capped' },
      `This claim has ${fmt.num(pg.relations_total)} relations: the counts and lists below cover the first ${fmt.num(rels.length)}, conflicts first, most severe first.`) : null,
    h('h3', { id: 'rel-conflicts' }, `Conflicts (${conflicts.length})`),
    conflicts.length ? h('ul', { class: 'rel-list conflicts', 'aria-labelledby': 'rel-conflicts' }, conflicts.map((r) => relRow(r, true)))
      : h('p', { class: 'muted' }, 'No other claim contradicts this one.'),
    h('h3', { id: 'rel-agree' }, `Agreeing (${agree.length})`),
    agree.length ? h('ul', { class: 'rel-list agree', 'aria-labelledby': 'rel-agree' }, agree.map((r) => relRow(r, false)))
      : h('p', { class: 'muted' }, 'No other claim corroborates this one.'),
    rest.length ? h('details', { class: 'rel-rest' },
      h('summary', null, `${rest.length} other relation${rest.length === 1 ? '' : 's'}: ${restKinds.map((k) => `${rest.filter((r) => r.kind === k).length} ${fmt.label(k)}`).join(', ')}`),
      restKinds.map((k) => [h('h4', null, fmt.label(k)), h('ul', { class: 'rel-list' }, rest.filter((r) => r.kind === k).map((r) => relRow(r, false)))])) : null,
  ] : h('p', { class: 'muted' }, 'No other claims to relate to.');

  // Links
  const linkList = h('ul', { class: 'rel-list links' });
  const drawLinks = () => replace(linkList, links.length ? links.map((l) => {
    const other = l.from_id === id ? l.to_id : l.from_id;
    const dir = l.from_id === id ? `this claim ${fmt.label(l.kind)}` : `${fmt.label(l.kind)} this claim:`;
    const rm = h('button', { type: 'button', class: 'linkish danger', 'aria-label': `Delete link ${fmt.label(l.kind)} ${name(other)}` }, 'delete');
    rm.addEventListener('click', async () => {
      try {
        await api.del(`/links/${encodeURIComponent(l.id)}`, l.version);
        links.splice(links.indexOf(l), 1);
        drawLinks();
      } catch (err) {
        rm.replaceWith(h('span', { class: 'err' }, err.message));
      }
    });
    return h('li', null, h('strong', null, dir), ' ', h('a', { href: `/claims/${encodeURIComponent(other)}` }, name(other)),
      l.note && [h('br'), h('span', { class: 'muted' }, l.note)], ' ', rm);
  }) : h('li', { class: 'muted' }, 'No links yet.'));
  drawLinks();

  const candidates = Object.values(others).filter((r) => r.id !== id).sort((a, b) => name(a.id).localeCompare(name(b.id)));
  const kindSel = h('select', { id: 'l-kind', 'aria-describedby': 'l-kind-err' }, LINK_KINDS.map((k) => h('option', { value: k }, fmt.label(k))));
  const otherSel = h('select', { id: 'l-to', 'aria-describedby': 'l-to-err' }, candidates.map((r) => h('option', { value: r.id }, name(r.id))));
  const note = h('input', { id: 'l-note', 'aria-describedby': 'l-note-err', placeholder: 'Why: “The Moscow Times repeats Kommersant”' });
  const linkForm = h('form', { class: 'form', 'aria-label': 'Link this claim' },
    h('div', { class: 'row2' },
      h('div', { class: 'field' }, h('label', { for: 'l-kind' }, 'This claim…'), kindSel, h('p', { class: 'err', id: 'l-kind-err' })),
      h('div', { class: 'field' }, h('label', { for: 'l-to' }, 'Other claim'), otherSel, h('p', { class: 'err', id: 'l-to-err' }))),
    h('div', { class: 'field' }, h('label', { for: 'l-note' }, 'Note'), note, h('p', { class: 'err', id: 'l-note-err' })),
    h('p', { class: 'form-error err', role: 'alert' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Add link')));
  linkForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(linkForm);
    try {
      const l = await api.post('/links', { from_id: id, to_id: otherSel.value, kind: kindSel.value, note: note.value });
      setFlash(`Link saved: this claim ${fmt.label(l.kind)} ${name(l.to_id)}.`);
      ctx.navigate(location.pathname, { replace: true });
    } catch (err) {
      fieldErrors(linkForm, err, { kind: 'l-kind', to_id: 'l-to', from_id: 'l-to', note: 'l-note' });
    }
  });

  // The full edit form.
  const pick = (kind, p, current) => ({
    node: p.node, input: p.node.querySelector('input'),
    get: () => p.value,
    set: (v) => { if (v && current && current.id === v) p.choose(current); else if (!v) p.reset(); },
  });
  const claimantP = picker({
    id: 'e-claimant', kind: 'claimants', label: 'Claimant', describe: (c) => [c.role, c.affiliation].filter(Boolean).join(', '),
    newFields: [['name', 'Name', h('input')], ['role', 'Role', h('input')], ['affiliation', 'Affiliation', h('input')],
      ['kind', 'Kind', h('select', null, ['person', 'organisation'].map((v) => h('option', { value: v }, v)))]],
  });
  const sourceP = picker({
    id: 'e-source', kind: 'sources', label: 'Source (origin)', describe: (s) => [fmt.label(s.kind), s.publisher].filter(Boolean).join(', '),
    newFields: [['name', 'Name', h('input')], ['url', 'URL', h('input', { type: 'url' })],
      ['kind', 'Kind', h('select', null, SOURCE_KINDS.map((v) => h('option', { value: v }, fmt.label(v))))]],
  });
  const opts = (vs) => vs.map((v) => [v, fmt.label(v)]);
  const ed = editor({
    label: 'Edit claim', path: `/claims/${encodeURIComponent(id)}`, record: claim,
    fields: [
      { key: 'quote', label: 'Quote', type: 'textarea', wide: true },
      { key: 'quantity_text', label: 'Quantity as said', hint: 'Read again by the parser when changed.' },
      { key: 'no_number', label: 'The claimant gave no number', type: 'checkbox' },
      { key: 'language', label: 'Language', placeholder: 'en' },
      { key: 'original_text', label: 'Original wording', type: 'textarea', rows: 2, wide: true },
      { key: 'original_language', label: 'Original language', placeholder: 'ru' },
      { key: 'claimant_id', label: 'Claimant', type: 'control', bare: true, inputId: 'e-claimant', control: pick('claimants', claimantP, claimant) },
      { key: 'provenance.source_id', label: 'Source', type: 'control', bare: true, inputId: 'e-source', control: pick('sources', sourceP, sources[0]) },
      { key: 'provenance.url', label: 'URL of the claim', inputType: 'url', wide: true },
      { key: 'provenance.archive_url', label: 'Archived copy URL', inputType: 'url', wide: true },
      { key: 'occasion', label: 'Occasion' },
      { key: 'evidence_type', label: 'Evidence', type: 'select', options: opts(['unknown', 'intelligence_estimate', 'roster', 'official_statistics', 'research_estimate', 'survey', 'media_report', 'official_statement']) },
      { key: 'scope.places', label: 'Places', type: 'tags', hint: 'Comma-separated: Syria, Iraq' },
      { key: 'scope.population', label: 'Population' },
      { key: 'scope.group', label: 'Group' },
      { key: 'scope.measure', label: 'Measure', type: 'select', options: opts(['current', 'cumulative', 'per_period', 'peak', 'proxy']) },
      { key: 'basis', label: 'Basis', type: 'select', options: opts(['estimate', 'count', 'projection', 'declared', 'model']) },
      { key: 'said_on', label: 'Said on', placeholder: 'YYYY-MM-DD' },
      { key: 'since', label: 'Since', placeholder: 'YYYY', hint: 'Where a cumulative or per-period count starts' },
      { key: 'as_of', label: 'As of', placeholder: 'YYYY-MM' },
      { key: 'published_on', label: 'Published on', placeholder: 'YYYY-MM-DD' },
      { key: 'analyst_interval.low', label: 'Analyst low', type: 'number', errorKeys: ['analyst_interval'] },
      { key: 'analyst_interval.high', label: 'Analyst high', type: 'number' },
      { key: 'analyst_interval.best', label: 'Analyst best', type: 'number' },
      { key: 'rank', label: 'Rank', type: 'select', options: opts(['preferred', 'normal', 'deprecated']) },
      { key: 'deprecation_reason', label: 'Deprecation reason' },
      { key: 'grade', label: 'Grade', type: 'select', options: opts(['ungraded', 'confirmed', 'fair', 'weak', 'contested', 'discounted']) },
      { key: 'tags', label: 'Tags', type: 'tags' },
      { key: 'notes', label: 'Notes', type: 'textarea', wide: true },
    ],
    fix: (d) => {
      const iv = d.analyst_interval;
      if (iv && iv.low === null && iv.high === null && iv.best === null) d.analyst_interval = null;
      else if (iv) d.analyst_interval = { low: iv.low, high: iv.high, best: iv.best };
    },
    onSaved: (rec, patch) => {
      setFlash(`Saved ✓ ${Object.keys(patch).map(fmt.label).join(', ')} (version ${rec.version}).`);
      ctx.navigate(location.pathname, { replace: true });
    },
  });
  const hist = historyPanel({
    path: `/claims/${encodeURIComponent(id)}`,
    onRestored: async () => {
      setFlash('Restored ✓ an earlier version, as a new version.');
      ctx.navigate(location.pathname, { replace: true });
    },
  });
  const del = deleter({
    what: 'claim', path: `/claims/${encodeURIComponent(id)}`, record: () => ed.record,
    onDeleted: () => {
      setFlash(`Deleted ${who}’s claim “${claim.quantity_text || 'no number'}”.`);
      ctx.navigate(fmt.topicHref(topic));
    },
  });

  // The claimant and the origin, editable where they are read.
  const resaved = (what) => (rec, patch) => {
    setFlash(`Saved ✓ ${what}: ${Object.keys(patch).map(fmt.label).join(', ')} (version ${rec.version}).`);
    ctx.navigate(location.pathname, { replace: true });
  };
  const origin = sources.find((s) => s.id === claim.provenance.source_id);
  const more = [
    claimant && h('details', { class: 'panel record-edit', id: 'edit-claimant' }, h('summary', null, `Edit claimant: ${claimant.name}`),
      editor({
        label: 'Edit claimant', path: `/claimants/${encodeURIComponent(claimant.id)}`, record: claimant, onSaved: resaved('claimant'),
        fields: claimantFields(),
      }).node),
    origin && h('details', { class: 'panel record-edit', id: 'edit-source' }, h('summary', null, `Edit source: ${origin.name}`),
      editor({
        label: 'Edit source', path: `/sources/${encodeURIComponent(origin.id)}`, record: origin, onSaved: resaved('source'),
        fields: sourceFields(),
      }).node),
  ];

  return h('div', null,
    h('div', { class: 'page-head' }, h('div', null,
      h('p', { class: 'crumbs' }, h('a', { href: '/' }, 'Topics'), ' / ', h('a', { href: fmt.topicHref(topic) }, topic.title)),
      h('h1', null, `${who}: “${claim.quantity_text || fmt.interval(claim.interval)}”`))),
    takeFlash(),
    h('div', { class: 'split' },
      h('div', null,
        card({ claim, claimant, source: sources.find((s) => s.id === claim.provenance.source_id), relays: (claim.provenance.relays || []).map((r) => sources.find((s) => s.id === r.source_id) || { name: 'unknown source' }), summary: null }),
        claim.interval && claim.interval.explanation && h('p', { class: 'muted' }, `Parser: ${claim.interval.explanation}`),
        provenance(claim, sources),
        h('section', { class: 'panel relations', 'aria-labelledby': 'rel-h' }, h('h2', { id: 'rel-h' }, 'Relations'), relBox)),
      h('div', null,
        h('section', { class: 'panel', 'aria-labelledby': 'links-h' }, h('h2', { id: 'links-h' }, 'Links'), linkList, linkForm),
        h('section', { class: 'panel', 'aria-labelledby': 'edit-h' }, h('h2', { id: 'edit-h' }, 'Edit claim'), ed.node, del),
        more,
        h('section', { class: 'panel', 'aria-labelledby': 'hist-h' }, h('h2', { id: 'hist-h' }, 'History'), hist.node))));
}
