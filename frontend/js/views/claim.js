// The claim screen: one claim with its relations to the others, the
// analysts' links (add, delete) and a small edit of rank and grade.

import { h, replace } from '../dom.js';
import * as api from '../api.js';
import * as fmt from '../format.js';
import * as data from '../data.js';
import { card } from '../card.js';
import { fieldErrors, clearErrors } from '../forms.js';

const LINK_KINDS = ['derived_from', 'contradicts', 'supersedes', 'unrelated', 'corroborates', 'same_statement'];

async function relations(id) {
  try {
    return (await api.get(`/claims/${encodeURIComponent(id)}/relations`, { limit: 200 })).items;
  } catch (err) {
    if (err instanceof api.APIError && err.missingEndpoint) return null;
    throw err;
  }
}

/** render shows claim ctx.params[0]. */
export async function render(ctx) {
  const id = ctx.params[0];
  const claim = await api.get(`/claims/${encodeURIComponent(id)}`);
  const [topic, claimant, source, others, links, rels] = await Promise.all([
    api.get(`/topics/${encodeURIComponent(claim.topic_id)}`),
    data.claimant(claim.claimant_id), data.source(claim.provenance.source_id),
    api.all('/claims', { topic_id: claim.topic_id }),
    api.all('/links', { claim_id: id }),
    relations(id),
  ]);
  const relays = await Promise.all((claim.provenance.relays || []).map((r) => data.source(r.source_id)));
  const names = new Map();
  await Promise.all(others.map(async (c) => {
    const who = await data.claimant(c.claimant_id);
    names.set(c.id, `${who ? who.name : c.claimant_id}: ${c.quantity_text || fmt.interval(c.interval)}${c.said_on ? ` (${fmt.date(c.said_on)})` : ''}`);
  }));
  const who = claimant ? claimant.name : claim.claimant_id;
  ctx.setTitle(`${who}: ${claim.quantity_text}`);

  // Relations
  const relBox = rels === null
    ? h('p', { class: 'muted' }, 'This server does not compute relations yet.')
    : rels.length ? h('ul', { class: 'rel-list' }, rels.map((r) => {
      // A deprecated claim's disagreement is shown, but it is no conflict:
      // no severity badge for it.
      const counts = ['conflicts', 'contradicts', 'part_exceeds_whole'].includes(r.kind) && !r.deprecated;
      return h('li', { class: counts ? fmt.severityClass(r.severity) : '' },
        counts && h('span', { class: 'sev-badge' }, `${fmt.severityLabel(r.severity)} ${fmt.factor(r.severity)}`), ' ',
        h('strong', null, fmt.label(r.kind)), ' ', h('a', { href: `/claims/${encodeURIComponent(r.other_id)}` }, names.get(r.other_id) || r.other_id),
        r.deprecated ? [' ', h('span', { class: 'tag' }, 'deprecated')] : null,
        h('br'), h('span', { class: 'muted' }, r.explanation), r.manual ? h('span', { class: 'tag' }, 'analyst') : null);
    }))
      : h('p', { class: 'muted' }, 'No other claims to relate to.');

  // Links
  const linkList = h('ul', { class: 'rel-list' });
  const drawLinks = () => replace(linkList, links.length ? links.map((l) => {
    const other = l.from_id === id ? l.to_id : l.from_id;
    const dir = l.from_id === id ? `this claim ${fmt.label(l.kind)}` : `${fmt.label(l.kind)} this claim:`;
    const rm = h('button', { type: 'button', class: 'linkish danger', 'aria-label': `Delete link ${fmt.label(l.kind)} ${names.get(other) || other}` }, 'delete');
    rm.addEventListener('click', async () => {
      try {
        await api.del(`/links/${encodeURIComponent(l.id)}`, l.version);
        links.splice(links.indexOf(l), 1);
        drawLinks();
      } catch (err) {
        rm.replaceWith(h('span', { class: 'err' }, err.message));
      }
    });
    return h('li', null, h('strong', null, dir), ' ', h('a', { href: `/claims/${encodeURIComponent(other)}` }, names.get(other) || other),
      l.note && [h('br'), h('span', { class: 'muted' }, l.note)], ' ', rm);
  }) : h('li', { class: 'muted' }, 'No links yet.'));
  drawLinks();

  const kindSel = h('select', { id: 'l-kind', 'aria-describedby': 'l-kind-err' }, LINK_KINDS.map((k) => h('option', { value: k }, fmt.label(k))));
  const otherSel = h('select', { id: 'l-to', 'aria-describedby': 'l-to-err' }, others.filter((c) => c.id !== id).map((c) => h('option', { value: c.id }, names.get(c.id))));
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
      links.push(l);
      note.value = '';
      drawLinks();
    } catch (err) {
      fieldErrors(linkForm, err, { kind: 'l-kind', to_id: 'l-to', from_id: 'l-to', note: 'l-note' });
    }
  });

  // Edit: rank with its reason, grade, notes.
  const rank = h('select', { id: 'e-rank', 'aria-describedby': 'e-rank-err' }, ['preferred', 'normal', 'deprecated'].map((r) => h('option', { value: r, selected: r === claim.rank }, r)));
  const reason = h('input', { id: 'e-reason', value: claim.deprecation_reason, 'aria-describedby': 'e-reason-err' });
  const grade = h('select', { id: 'e-grade', 'aria-describedby': 'e-grade-err' }, ['ungraded', 'confirmed', 'fair', 'weak', 'contested', 'discounted'].map((g) => h('option', { value: g, selected: g === claim.grade }, g)));
  const notes = h('textarea', { id: 'e-notes', rows: 3, 'aria-describedby': 'e-notes-err' });
  notes.value = claim.notes || '';
  const saved = h('span', { role: 'status', class: 'muted' });
  const editForm = h('form', { class: 'form', 'aria-label': 'Edit claim' },
    h('div', { class: 'row2' },
      h('div', { class: 'field' }, h('label', { for: 'e-rank' }, 'Rank'), rank, h('p', { class: 'err', id: 'e-rank-err' })),
      h('div', { class: 'field' }, h('label', { for: 'e-grade' }, 'Grade'), grade, h('p', { class: 'err', id: 'e-grade-err' }))),
    h('div', { class: 'field' }, h('label', { for: 'e-reason' }, 'Deprecation reason'), reason, h('p', { class: 'err', id: 'e-reason-err' })),
    h('div', { class: 'field' }, h('label', { for: 'e-notes' }, 'Notes'), notes, h('p', { class: 'err', id: 'e-notes-err' })),
    h('p', { class: 'form-error err', role: 'alert' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Save'), saved));
  editForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(editForm);
    try {
      const c = await api.patch(`/claims/${encodeURIComponent(id)}`, { rank: rank.value, grade: grade.value, deprecation_reason: reason.value, notes: notes.value }, claim.version);
      Object.assign(claim, c);
      saved.textContent = `Saved (version ${c.version}).`;
    } catch (err) {
      fieldErrors(editForm, err, { rank: 'e-rank', grade: 'e-grade', deprecation_reason: 'e-reason', notes: 'e-notes' });
    }
  });

  return h('div', null,
    h('div', { class: 'page-head' }, h('div', null,
      h('p', { class: 'crumbs' }, h('a', { href: '/' }, 'Topics'), ' / ', h('a', { href: `/topics/${encodeURIComponent(topic.id)}` }, topic.title)),
      h('h1', null, `${who}: “${claim.quantity_text || fmt.interval(claim.interval)}”`))),
    h('div', { class: 'split' },
      h('div', null,
        card({ claim, claimant, source, relays: relays.filter(Boolean), summary: null }),
        claim.interval && claim.interval.explanation && h('p', { class: 'muted' }, `Parser: ${claim.interval.explanation}`),
        h('section', { class: 'panel', 'aria-labelledby': 'rel-h' }, h('h2', { id: 'rel-h' }, 'Relations'), relBox)),
      h('div', null,
        h('section', { class: 'panel', 'aria-labelledby': 'links-h' }, h('h2', { id: 'links-h' }, 'Links'), linkList, linkForm),
        h('section', { class: 'panel', 'aria-labelledby': 'edit-h' }, h('h2', { id: 'edit-h' }, 'Assessment'), editForm))));
}
