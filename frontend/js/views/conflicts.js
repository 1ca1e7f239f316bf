// The review inbox: conflicts across topics with both claims named, every
// row with its review in place. The server filters them by topic, severity
// and status over all conflicts (GET /api/v1/conflicts) and orders them by
// priority or severity; the page reads its answer a window of READ at a
// time (the first, then the next through the server's cursor), and its
// text filter and its other sorts work within the window read.

import { h, replace, debounce, focusItem } from '../dom.js';
import * as api from '../api.js';
import * as fmt from '../format.js';
import { controls } from '../review.js';

// A severity band and the query that asks the server for it: a band's
// upper bound is exclusive (severity_below), as severityClass draws it.
const SEVERITIES = [
  ['', 'any severity', {}],
  ['severe', 'severe (5× or more)', { min_severity: 5 }],
  ['major', 'major (2–5×)', { min_severity: 2, severity_below: 5 }],
  ['minor', 'minor (under 2×)', { severity_below: 2 }],
];
const STATUSES = [['', 'any status'], ['open', 'open'], ['reviewed', 'reviewed'], ['dismissed', 'dismissed']];
// The sorts the server answers in (priority, severity), then those the
// page applies to the conflicts it read, which the server gave by priority.
const SORTS = [['priority', 'priority: severity weighed by grades'], ['severity', 'severity, worst first'], ['topic', 'topic'], ['status', 'status'], ['claimant', 'claimant'], ['kind', 'kind']];
const SERVER_SORTS = { priority: '', severity: '-severity' };

// READ is how many conflicts the page reads at a time, a window, for its
// text filter and its own sorts; SHOWN how many it draws at first and at
// each "Show more". The page holds one window, never more: the next one
// replaces it (its memory stays that of READ conflicts and the rows drawn,
// however many conflicts match), and the text filter and the sorts mean
// the same at every window. The cursors where each window starts are kept
// (a few hundred bytes each), so that the previous one can be read again.
const READ = 5000;
const SHOWN = 200;
// PICKED is how many topics the topic picker lists.
const PICKED = 12;

const side = (s) => `${s.claimant_name || s.claimant_id}: ${s.quantity_text || 'no number'}`;
const plural = (n, one, many = `${one}s`) => `${fmt.num(n)} ${n === 1 ? one : many}`;

/** render lists the conflicts; the filters live in the URL (?topic=&severity=&status=&q=&sort=). */
export async function render(ctx) {
  ctx.setTitle('Conflicts');
  const sel = (id, options, value) => h('select', { id }, options.map(([v, t]) => h('option', { value: v, selected: v === value }, t)));
  const valid = (options, v) => (options.some(([o]) => o === v) ? v : '');
  const fSev = sel('cf-severity', SEVERITIES, valid(SEVERITIES, ctx.query.get('severity') || ''));
  const fStatus = sel('cf-status', STATUSES, valid(STATUSES, ctx.query.get('status') || ''));
  const fText = h('input', { id: 'cf-q', type: 'search', autocomplete: 'off', placeholder: 'claimant, figure, explanation', value: ctx.query.get('q') || '' });
  const fSort = sel('cf-sort', SORTS, valid(SORTS, ctx.query.get('sort') || '') || 'priority');
  const count = h('p', { class: 'summary-line', role: 'status', 'data-testid': 'conflict-count' });
  const capped = h('p', { class: 'notice', 'data-testid': 'conflicts-capped', hidden: true });
  const failed = h('div', { 'data-testid': 'conflicts-error' });
  const ol = h('ol', { class: 'conflict-list' });
  const empty = h('p', { class: 'empty', hidden: true }, 'Nothing matches these filters.');

  // list is the server's answer to the filters (null until read, or when
  // reading it failed); reading counts the reads, so that an answer to
  // filters since changed is dropped.
  let list = null;
  let listOrder = '';
  let reading = 0;
  let stop = null;
  ctx.onLeave(() => stop && stop.abort());
  // starts holds the server's cursor where each window read so far begins
  // ('' for the first), at the window shown. They live in the history
  // entry, not the URL: back from a claim returns to the window left, but
  // a link starts at the first (a cursor goes stale as conflicts change).
  let starts = [''];
  let at = 0;

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
  // The windows before and after the one shown: each reads a window of
  // READ from the server, in place of the one shown. The focus moves to
  // its first row only if it was read and drawn: a read dropped because
  // the filters changed meanwhile leaves the focus where the analyst is.
  const goTo = async (k) => {
    if (await read(k, true)) focusItem(ol.children[0]);
  };
  const prev = h('button', { type: 'button', 'data-testid': 'previous-conflicts', onclick: () => goTo(at - 1) });
  const next = h('button', { type: 'button', 'data-testid': 'next-conflicts', onclick: () => goTo(at + 1) });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of conflicts', hidden: true }, prev, ' ', next);

  const topic = topicPicker('cf-topic', () => { keepURL(); read(); });

  // keepURL puts the filters in the URL, so that a link reproduces the view.
  const keepURL = () => {
    const p = new URLSearchParams();
    for (const [k, v] of [['topic', topic.value], ['severity', fSev.value], ['status', fStatus.value], ['q', fText.value]]) if (v) p.set(k, v);
    if (fSort.value !== 'priority') p.set('sort', fSort.value);
    history.replaceState(history.state, '', p.toString() ? `/conflicts?${p}` : '/conflicts');
  };

  // read asks the server for window k (0, the first, unless given) of
  // the conflicts of the topic, severity and status chosen, in the order
  // chosen, and draws them (paging: from Next or Previous, with the
  // filters of the window shown); it returns true when it drew window k, false
  // when the read failed or a later one superseded it.
  const read = async (k = 0, paging = false) => {
    const my = ++reading;
    if (stop) stop.abort();
    stop = new AbortController();
    const query = { topic_id: topic.value, status: fStatus.value, sort: SERVER_SORTS[fSort.value] || '', ...SEVERITIES.find(([v]) => v === fSev.value)[2] };
    if (k === 0) starts = [''];
    ol.setAttribute('aria-busy', 'true');
    prev.disabled = true;
    next.disabled = true;
    count.textContent = k ? `Reading conflicts ${fmt.num(k * READ + 1)} to ${fmt.num((k + 1) * READ)}…` : 'Reading the conflicts…';
    replace(failed);
    let got;
    try {
      got = await api.all('/conflicts', query, READ, stop.signal, starts[k]);
    } catch (err) {
      if (my !== reading || stop.signal.aborted) return false;
      if (err instanceof api.APIError && err.missingEndpoint) {
        replace(failed, h('p', { class: 'notice' }, 'This server does not list conflicts yet (GET /api/v1/conflicts). Open a topic to see its claims.'));
      } else {
        replace(failed, h('div', { class: 'error-box', role: 'alert' }, h('strong', null, 'The conflicts could not be read:'), ' ', err.message));
      }
      got = null;
    }
    if (my !== reading) return false;
    ol.removeAttribute('aria-busy');
    prev.disabled = false;
    next.disabled = false;
    // A later or earlier window that could not be read leaves the one
    // shown in place, with its "Next" and "Previous": the error above it,
    // the button that failed to try again, the other to go back.
    if (!got && paging && list) {
      draw();
      return false;
    }
    for (const c of got || []) c.status = c.status || 'open';
    list = got;
    listOrder = query.sort;
    if (got) {
      at = k;
      starts = starts.slice(0, k + 1);
      if (got.next) starts.push(got.next);
    }
    built.clear();
    limit = SHOWN;
    draw();
    return Boolean(got);
  };

  // draw filters the conflicts read by the text, sorts them and draws
  // the first limit, saying what the count covers.
  const draw = () => {
    keepURL();
    if (!list) {
      replace(ol);
      count.textContent = '';
      capped.hidden = true;
      more.hidden = true;
      pager.hidden = true;
      empty.hidden = true;
      return;
    }
    // The window in the history entry, with the filters it belongs to.
    history.replaceState({ ...history.state, conflictWindows: { search: location.search, starts, at } }, '');
    const q = fText.value.trim().toLowerCase();
    const shown = list.filter((c) => (!fStatus.value || c.status === fStatus.value)
      && (!q || `${c.explanation} ${side(c.a || {})} ${side(c.b || {})} ${c.topic_title} ${c.review ? c.review.resolution : ''}`.toLowerCase().includes(q)));
    const by = {
      topic: (a, b) => (a.topic_title || '').localeCompare(b.topic_title || '') || b.severity - a.severity,
      status: (a, b) => a.status.localeCompare(b.status) || b.severity - a.severity,
      claimant: (a, b) => (a.a?.claimant_name || '').localeCompare(b.a?.claimant_name || '') || b.severity - a.severity,
      kind: (a, b) => a.kind.localeCompare(b.kind) || b.severity - a.severity,
    }[fSort.value];
    if (by) shown.sort(by);
    replace(ol, shown.slice(0, limit).map(itemOf));
    empty.hidden = shown.length > 0;
    more.hidden = shown.length <= limit;
    more.textContent = `Show ${fmt.num(Math.min(SHOWN, shown.length - limit))} more`;
    // What the count covers: all the server's answer, or one window of
    // it (then the page's own sort applies among those).
    const order = fSort.value === 'severity' ? 'most severe' : 'highest-priority';
    const rank = fSort.value === 'severity' ? 'severity' : 'priority';
    const first = at * READ + 1;
    const last = at * READ + list.length;
    const windowed = list.more || at > 0;
    const total = list.more ? `more than ${fmt.num(last)}` : fmt.num(last);
    const sorted = by ? `, sorted by ${fSort.value}` : '';
    let covered = plural(list.length, 'conflict');
    // A later window found empty: the conflicts after the cursor are
    // gone since the earlier window was read (reviewed, or deleted).
    if (at > 0 && !list.length) covered = `no conflicts from ${fmt.num(first)} any more: those after the first ${fmt.num(first - 1)} are gone since they were read`;
    else if (at > 0) covered = `conflicts ${fmt.num(first)} to ${fmt.num(last)} by ${rank} of ${total}${sorted}`;
    else if (list.more) covered = `the ${fmt.num(list.length)} ${order} of ${total} conflicts${sorted}`;
    let line = q ? `${fmt.num(shown.length)} of ${covered} match “${fText.value.trim()}”` : covered.charAt(0).toUpperCase() + covered.slice(1);
    if (shown.length > limit) line += `; the first ${fmt.num(limit)} shown`;
    count.textContent = line;
    capped.hidden = !windowed;
    pager.hidden = !windowed;
    prev.hidden = at === 0;
    prev.textContent = at > 0 ? `Previous ${fmt.num(READ)}: conflicts ${fmt.num(first - READ)} to ${fmt.num(first - 1)}` : '';
    next.hidden = !list.more;
    next.textContent = `Next ${fmt.num(READ)}: conflicts from ${fmt.num(last + 1)}`;
    // How to narrow: the filters not yet chosen (a topic, a severity, a
    // status), for the text filter and the sorts to cover all.
    const unchosen = [[topic.value, 'a topic'], [fSev.value, 'a severity'], [fStatus.value, 'a status']].filter(([v]) => !v).map(([, t]) => t);
    const narrow = unchosen.length
      ? ` To have the text filter and the sorts cover all, narrow with ${unchosen.length > 1 ? `${unchosen.slice(0, -1).join(', ')} or ${unchosen[unchosen.length - 1]}` : unchosen[0]}.`
      : '';
    const which = at > 0 && !list.length ? `none: no conflict follows the first ${fmt.num(first - 1)} any more` : at > 0 ? `conflicts ${fmt.num(first)} to ${fmt.num(last)} by ${rank}` : `the ${fmt.num(list.length)} ${order}`;
    capped.textContent = windowed
      ? `${list.more ? 'More than' : 'In all'} ${fmt.num(last)} conflicts match the topic, severity and status chosen, read ${fmt.num(READ)} at a time: these are ${which}; “Next” and “Previous” after the list read the others. The server filters the topic, severity and status over all conflicts, but the text filter and the sorts by topic, status, claimant and kind apply only to the ${fmt.num(list.length)} read.${narrow}`
      : '';
  };
  const redraw = () => { limit = SHOWN; draw(); };
  for (const el of [fSev, fStatus]) el.addEventListener('change', () => read());
  fSort.addEventListener('change', () => {
    // The server's order changes only between priority and severity;
    // the other sorts reorder the conflicts read by priority.
    const want = SERVER_SORTS[fSort.value] || '';
    if (list && want === listOrder) redraw();
    else read();
  });
  fText.addEventListener('input', debounce(redraw, 120));
  await topic.load(ctx.query.get('topic') || '');
  // Back to this history entry: the window it showed, read again from
  // its cursor.
  const kept = history.state && history.state.conflictWindows;
  if (kept && kept.search === location.search && kept.starts[kept.at] !== undefined) {
    starts = kept.starts;
    await read(kept.at);
  } else {
    await read();
  }
  const field = (id, text, el) => h('div', { class: 'field' }, h('label', { for: id }, text), el);
  return h('div', null,
    h('div', { class: 'page-head' }, h('div', null, h('h1', null, 'Conflicts'), count)),
    h('div', { class: 'toolbar filters', role: 'search', 'aria-label': 'Filter conflicts' },
      topic.node, field('cf-severity', 'Severity', fSev), field('cf-status', 'Status', fStatus),
      field('cf-q', 'Text', fText), field('cf-sort', 'Sort by', fSort)),
    failed, capped, ol, more, pager, empty);
}

/**
 * topicPicker chooses one topic, or all, by searching the topics' titles
 * and descriptions (GET /api/v1/topics?q=), each offered with its number
 * of conflicts: those with conflicts first, by title (has_conflicts=true),
 * then, if fewer than PICKED, those without (has_conflicts=false). The
 * matches are a plain list of buttons after the box, with a polite count
 * ("Topics: 3 with conflicts, then 9 without; more match: type to
 * narrow"): Tab or the down arrow goes to them.
 * onChange runs when the choice changes; value is the topic's ID, '' for
 * all; load(id) shows the topic of a URL (and keeps its ID if it cannot
 * be read).
 */
function topicPicker(id, onChange) {
  let chosen = null;
  let asked = 0;
  // answered is the text the list shown answers; enter is set when Enter
  // came before the answer to the text typed, which then picks its first.
  let answered = null;
  let enter = false;
  const input = h('input', {
    id, type: 'search', autocomplete: 'off', placeholder: 'all topics: type to search',
    'aria-describedby': `${id}-count ${id}-err`,
  });
  const list = h('ul', { class: 'options', id: `${id}-list`, 'aria-label': 'Topics matching' });
  const live = h('p', { class: 'muted picker-count', id: `${id}-count`, role: 'status' });
  const err = h('p', { class: 'err', id: `${id}-err`, role: 'alert' });
  const chosenBox = h('div', { class: 'chosen', hidden: true, 'data-testid': 'cf-topic-chosen' });
  // timer holds the lookup the typing asked for, run 150 ms after the
  // last key; closing cancels it and drops any answer on its way.
  let timer = 0;
  const close = () => {
    clearTimeout(timer);
    asked++;
    replace(list);
    live.textContent = '';
    answered = null;
    enter = false;
  };
  const show = (t) => {
    chosen = t;
    chosenBox.hidden = !t;
    input.hidden = Boolean(t);
    if (t) {
      replace(chosenBox, h('strong', { title: t.title }, t.title),
        h('button', { type: 'button', class: 'linkish', 'aria-label': `All topics instead of ${t.title}`, onclick: () => choose(null) }, 'all topics'));
    }
  };
  const choose = (t) => {
    show(t);
    // The focus moves before the list is emptied: removing the focused
    // button would blur it in the middle of the removal.
    (t ? chosenBox.querySelector('button') : input).focus();
    close();
    input.value = '';
    replace(err);
    onChange();
  };
  // lookup lists the topics whose title or description holds the text
  // typed, those with conflicts first; the list opens as the analyst
  // types, or on the down arrow.
  const lookup = async () => {
    const my = ++asked;
    const text = input.value.trim();
    const ask = (has, limit) => api.get('/topics', { q: text, include: 'summary', sort: 'title', limit, has_conflicts: has });
    let withConflicts;
    let without = { items: [], next_cursor: '' };
    // others: whether topics without conflicts match beyond those listed.
    let others = false;
    try {
      withConflicts = await ask('true', PICKED);
      if (withConflicts.items.length < PICKED) without = await ask('false', PICKED - withConflicts.items.length);
      // Exactly PICKED with conflicts and no more of them: one topic
      // without says whether more match.
      else if (!withConflicts.next_cursor) others = (await ask('false', 1)).items.length > 0;
    } catch (e) {
      if (my !== asked || chosen) return;
      close();
      err.textContent = `The topics could not be searched: ${e.message}`;
      return;
    }
    if (my !== asked || chosen) return;
    replace(err);
    const items = [...withConflicts.items, ...without.items];
    const n = (t) => (t.summary ? t.summary.notable_conflicts : 0);
    replace(list, items.map((t, i) => h('li', { class: i === withConflicts.items.length && i > 0 ? 'first-without' : null },
      h('button', { type: 'button', dataset: { topic: t.id }, onclick: () => choose(t) }, h('strong', null, t.title), ' ',
        h('span', { class: 'muted' }, n(t) ? plural(n(t), 'conflict') : 'no conflicts')))));
    answered = text;
    const holds = text ? ` whose title or description holds “${text}”` : '';
    const nWith = withConflicts.items.length;
    const nWithout = without.items.length;
    const found = nWith && nWithout ? `${fmt.num(nWith)} with conflicts, then ${fmt.num(nWithout)} without`
      : nWith ? `${fmt.num(nWith)} with conflicts` : `${fmt.num(nWithout)} without conflicts`;
    const more = withConflicts.next_cursor || without.next_cursor || others;
    live.textContent = !items.length ? `No topic${holds}.`
      : `${text ? `Topics${holds}` : 'Topics'}: ${found}${more ? `; more match: type ${text ? 'more ' : ''}to narrow` : ''}.`;
    if (enter) {
      enter = false;
      if (items.length) choose(items[0]);
    }
  };
  input.addEventListener('input', () => {
    enter = false;
    clearTimeout(timer);
    timer = setTimeout(lookup, 150);
  });
  input.addEventListener('keydown', (e) => {
    const first = list.querySelector('button');
    if (e.key === 'ArrowDown') { e.preventDefault(); if (first && answered !== null) first.focus(); else { clearTimeout(timer); lookup(); } }
    if (e.key === 'Enter') {
      e.preventDefault();
      // Enter picks the first match of the text typed now: if the list
      // answers an earlier text, it waits for the answer to this one.
      if (first && answered === input.value.trim()) first.click();
      else { clearTimeout(timer); enter = true; lookup(); }
    }
    if (e.key === 'Escape') close();
  });
  list.addEventListener('keydown', (e) => {
    const buttons = [...list.querySelectorAll('button')];
    const i = buttons.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && i < buttons.length - 1) { e.preventDefault(); buttons[i + 1].focus(); }
    if (e.key === 'ArrowUp') { e.preventDefault(); (i > 0 ? buttons[i - 1] : input).focus(); }
    if (e.key === 'Escape') { close(); input.focus(); }
  });
  const node = h('div', { class: 'field picker topic-picker' }, h('label', { for: id }, 'Topic'), input, chosenBox,
    h('div', { class: 'matches' }, live, list), err);
  // The list closes when the focus leaves the picker.
  node.addEventListener('focusout', (e) => { if (!node.contains(e.relatedTarget)) close(); });
  return {
    node,
    get value() { return chosen ? chosen.id : ''; },
    async load(topicID) {
      if (!topicID) return;
      try {
        show(await api.get(`/topics/${encodeURIComponent(topicID)}`));
      } catch (e) {
        if (e instanceof api.APIError && e.status === 404) {
          // The link's topic is gone: say so, and list every topic's.
          err.textContent = `No topic has the ID “${topicID}” (deleted?): the conflicts of all topics are listed.`;
          return;
        }
        // Not read, but it may exist: keep filtering by its ID.
        show({ id: topicID, title: `topic ${topicID}` });
        err.textContent = `The topic “${topicID}” could not be read (${e.message}): its conflicts are listed by its ID.`;
      }
    },
  };
}
