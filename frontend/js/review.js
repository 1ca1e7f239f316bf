// review.js is the review of one conflict, wherever the conflict is read:
// who reviewed it, when and why, and buttons named after the status each
// sets. The topic page, the claim page and the inbox all use it.

import { h, replace } from './dom.js';
import * as api from './api.js';
import * as fmt from './format.js';

const ACTIONS = [
  ['reviewed', 'Mark reviewed', 'The conflict stands: both figures were checked'],
  ['dismissed', 'Mark dismissed', 'Not a real conflict (the note says why)'],
  ['open', 'Mark open', 'Back to the open conflicts'],
];

/** when formats a timestamp as "2 Dec 2026, 14:05" in the reader's zone. */
export function when(ts) {
  if (!ts) return '';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** reviewLine says where a conflict stands: "Reviewed by Ana, 2 Dec 2026: note". */
export function reviewLine(status, review) {
  const st = status || 'open';
  if (!review || st === 'open' && !review.resolution) return st === 'open' ? 'Open: nobody has reviewed it yet.' : fmt.label(st);
  const who = review.author ? ` by ${review.author}` : '';
  const at = when(review.updated_at);
  const label = { reviewed: 'Reviewed', dismissed: 'Dismissed', open: 'Reopened' }[st] || fmt.label(st);
  return `${label}${who}${at ? `, ${at}` : ''}${review.resolution ? `: ${review.resolution}` : ''}`;
}

// save records the analyst's verdict: a pair has one review, patched at
// its version once it exists.
async function save(pair, review, status, resolution) {
  if (review) {
    return api.patch(`/reviews/${encodeURIComponent(review.id)}`, { status, resolution }, review.version);
  }
  try {
    return await api.post('/reviews', { claim_a: pair.a, claim_b: pair.b, status, resolution });
  } catch (err) {
    if (!(err instanceof api.APIError) || err.status !== 409) throw err;
  }
  // Someone reviewed the pair meanwhile: patch theirs.
  const existing = (await api.get('/reviews', { claim_id: pair.a, limit: 500 })).items
    .find((r) => [r.claim_a, r.claim_b].sort().join('|') === [pair.a, pair.b].sort().join('|'));
  if (!existing) throw new api.APIError(409, { detail: 'the review of this pair changed meanwhile: reload the page' });
  return api.patch(`/reviews/${encodeURIComponent(existing.id)}`, { status, resolution }, existing.version);
}

/**
 * controls returns the review block of one conflict: c has a, b (claim
 * IDs), status and review (or null). onChange(status, review) runs after
 * each save.
 */
export function controls(c, onChange) {
  let review = c.review || null;
  let status = c.status || 'open';
  const line = h('p', { class: 'review-line', 'data-testid': 'review-line' });
  const note = h('input', {
    class: 'review-note', 'aria-label': 'Review note (required to dismiss)',
    placeholder: 'Note: why it stands, or why it is not real', value: review ? review.resolution : '',
  });
  const msg = h('span', { class: 'review-msg', role: 'status' });
  const buttons = ACTIONS.map(([to, text, title]) => {
    const b = h('button', { type: 'button', class: 'small', dataset: { sets: to }, title }, text);
    b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        review = await save(c, review, to, note.value);
        status = review.status;
        note.removeAttribute('aria-invalid');
        msg.textContent = `Saved: ${fmt.label(status)}.`;
        msg.className = 'review-msg saved';
        draw();
        if (onChange) onChange(status, review);
      } catch (err) {
        const bad = err.fields && err.fields.find((f) => f.field === 'resolution');
        if (bad) {
          note.setAttribute('aria-invalid', 'true');
          note.focus();
        }
        msg.textContent = bad ? `Note ${bad.detail}` : err.message;
        msg.className = 'review-msg err';
      } finally {
        b.disabled = false;
      }
    });
    return b;
  });
  const draw = () => {
    replace(line, h('span', { class: `tag status-${status}` }, fmt.label(status)), ' ', reviewLine(status, review));
    // Offer only the moves that change the status.
    for (const b of buttons) b.hidden = b.dataset.sets === status;
  };
  draw();
  return h('div', { class: 'review' }, line, h('div', { class: 'review-actions' }, note, buttons, msg));
}
