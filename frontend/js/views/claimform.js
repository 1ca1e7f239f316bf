// The enter-a-claim screen: paste the quote and every quantity in it is
// found as you type (POST /extract), marked in a preview and offered as a
// choice; the chosen one fills "Quantity as said", and text typed there by
// hand is read alone (POST /parse), with the server's reason when it cannot
// be. Pick or create the claimant and source inline; set scope and dates;
// Ctrl/Cmd+Enter submits; API errors show by the field.

import { h, replace, debounce } from '../dom.js';
import * as api from '../api.js';
import * as fmt from '../format.js';
import { fieldErrors, clearErrors } from '../forms.js';

function field(id, labelText, input, hint) {
  input.id = id;
  const errId = `${id}-err`;
  const hintId = hint ? `${id}-hint` : null;
  input.setAttribute('aria-describedby', [hintId, errId].filter(Boolean).join(' '));
  return h('div', { class: 'field' },
    h('label', { for: id }, labelText), input,
    hint && h('span', { class: 'hint', id: hintId }, hint),
    h('p', { class: 'err', id: errId }));
}

/**
 * focusNext moves the focus to the first field after node in its form, so
 * that a pick in a type-ahead does not drop the focus to the page.
 */
function focusNext(node) {
  const form = node.closest('form') || document;
  const all = [...form.querySelectorAll('input, select, textarea, button')]
    .filter((el) => !el.disabled && !el.hidden && !el.closest('[hidden]') && el.getClientRects().length);
  const next = all.find((el) => !node.contains(el) && (node.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING));
  if (next) next.focus();
}

/**
 * picker is a searchable choice of a claimant or source (GET ?q=), with an
 * inline mini-form to create a new one.
 */
export function picker({ id, kind, label: labelText, describe, newFields }) {
  let chosen = null;
  const input = h('input', { type: 'search', autocomplete: 'off', placeholder: `Search ${kind}…`, role: 'combobox', 'aria-expanded': 'false', 'aria-controls': `${id}-list`, 'aria-autocomplete': 'list' });
  const list = h('ul', { class: 'options', id: `${id}-list`, role: 'listbox', 'aria-label': `${labelText} matches` });
  const chosenBox = h('div', { class: 'chosen', hidden: true });
  const mini = h('div', { class: 'mini', hidden: true });
  const newBtn = h('button', { type: 'button', class: 'linkish', 'aria-expanded': 'false', 'aria-controls': `${id}-new` }, `New ${labelText.toLowerCase()}…`);
  mini.id = `${id}-new`;
  const api2 = {
    get value() { return chosen ? chosen.id : ''; },
    choose(rec) {
      chosen = rec;
      replace(chosenBox, h('span', null, h('strong', null, rec.name), ' ', h('span', { class: 'muted' }, describe(rec))),
        h('button', { type: 'button', class: 'linkish', 'aria-label': `Change ${labelText.toLowerCase()}`, onclick: () => { api2.reset(); input.focus(); } }, 'change'));
      chosenBox.hidden = false;
      input.hidden = true;
      replace(list);
      input.setAttribute('aria-expanded', 'false');
      mini.hidden = true;
      newBtn.hidden = true;
      input.removeAttribute('aria-invalid');
    },
    reset() {
      chosen = null;
      chosenBox.hidden = true;
      input.hidden = false;
      newBtn.hidden = false;
      input.value = '';
    },
  };
  const search = debounce(async () => {
    const q = input.value.trim();
    let items = [];
    try {
      items = (await api.get(`/${kind}`, { q, limit: 8 })).items;
    } catch (e) {
      items = [];
    }
    replace(list, items.map((rec) => h('li', { role: 'option' },
      h('button', { type: 'button', onclick: () => { api2.choose(rec); focusNext(api2.node); } }, h('strong', null, rec.name), ' ', h('span', { class: 'muted' }, describe(rec))))));
    input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
  }, 150);
  input.addEventListener('input', search);
  input.addEventListener('focus', search);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      const b = list.querySelector('button');
      if (b) { e.preventDefault(); b.focus(); }
    }
  });
  list.addEventListener('keydown', (e) => {
    const buttons = [...list.querySelectorAll('button')];
    const i = buttons.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && i < buttons.length - 1) { e.preventDefault(); buttons[i + 1].focus(); }
    if (e.key === 'ArrowUp') { e.preventDefault(); (i > 0 ? buttons[i - 1] : input).focus(); }
    if (e.key === 'Escape') { replace(list); input.focus(); }
  });

  // The inline mini-form: a nested <form> is not allowed, so it is a group
  // whose button posts the record.
  const inputs = {};
  const rows = newFields.map(([name, text, el]) => {
    inputs[name] = el;
    return field(`${id}-new-${name}`, text, el);
  });
  const create = h('button', { type: 'button', class: 'primary' }, `Create ${labelText.toLowerCase()}`);
  const miniErr = h('p', { class: 'err', role: 'alert' });
  replace(mini, h('div', { class: 'row2' }, rows), h('div', { class: 'form-actions' }, create), miniErr);
  create.addEventListener('click', async () => {
    const body = {};
    for (const [k, el] of Object.entries(inputs)) if (el.value) body[k] = el.value;
    try {
      const rec = await api.post(`/${kind}`, body);
      for (const el of Object.values(inputs)) if (el.tagName !== 'SELECT') el.value = '';
      api2.choose(rec);
      chosenBox.querySelector('button').focus();
    } catch (err) {
      const map = Object.fromEntries(Object.keys(inputs).map((k) => [k, `${id}-new-${k}`]));
      fieldErrors(mini, err, map);
      if (!err.fields || !err.fields.length) miniErr.textContent = err.message;
    }
  });
  newBtn.addEventListener('click', () => {
    mini.hidden = !mini.hidden;
    newBtn.setAttribute('aria-expanded', String(!mini.hidden));
    if (!mini.hidden) {
      const first = Object.values(inputs)[0];
      if (input.value && !first.value) first.value = input.value;
      first.focus();
    }
  });
  // Enter inside the mini-form creates the record instead of submitting the claim.
  mini.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && e.target.tagName === 'INPUT') {
      e.preventDefault();
      create.click();
    }
  });
  input.id = id;
  input.setAttribute('aria-describedby', `${id}-err`);
  api2.node = h('div', { class: 'field picker' },
    h('label', { for: id }, labelText), chosenBox, input, list, h('p', { class: 'err', id: `${id}-err` }), newBtn, mini);
  return api2;
}

/** chips is a tag input: Enter or comma adds, Backspace on empty removes. */
function chips(id, labelText, hint, check) {
  const values = [];
  const input = h('input', { id, autocomplete: 'off', 'aria-describedby': `${id}-hint ${id}-warn ${id}-err` });
  const box = h('div', { class: 'chips' }, input);
  const warn = h('p', { class: 'warn', id: `${id}-warn`, 'aria-live': 'polite', 'data-testid': `${id}-warn` });
  const flagged = new Map(); // value -> note, from check
  // draw redraws the chips in front of the input and never moves the
  // input itself: moving it would blur it while the analyst types.
  const draw = () => {
    for (const el of [...box.children]) if (el !== input) el.remove();
    for (const [i, v] of values.entries()) {
      box.insertBefore(h('span', { class: `chip${flagged.has(v) ? ' unknown' : ''}`, title: flagged.get(v) || null }, flagged.has(v) ? '? ' : '', v,
        h('button', { type: 'button', 'aria-label': `Remove ${v}`, onclick: () => { values.splice(i, 1); flagged.delete(v); draw(); input.focus(); } }, '×')), input);
    }
    warn.textContent = [...flagged.values()].join(' ');
  };
  const add = () => {
    for (const part of input.value.split(',')) {
      const v = part.trim();
      if (v && !values.includes(v)) {
        values.push(v);
        if (check) {
          check(v).then((note) => {
            if (note && values.includes(v)) flagged.set(v, note);
            draw();
          });
        }
      }
    }
    input.value = '';
    draw();
    input.focus();
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ',') {
      if (input.value.trim()) { e.preventDefault(); add(); } else if (e.key === ',') e.preventDefault();
    } else if (e.key === 'Backspace' && !input.value && values.length) {
      flagged.delete(values.pop());
      draw();
      input.focus();
    }
  });
  input.addEventListener('blur', () => { if (input.value.trim()) add(); });
  draw();
  return {
    node: h('div', { class: 'field' }, h('label', { for: id }, labelText), box,
      h('span', { class: 'hint', id: `${id}-hint` }, hint), warn, h('p', { class: 'err', id: `${id}-err` })),
    get values() {
      if (input.value.trim()) add();
      return [...values];
    },
  };
}

const placeAnswers = new Map();

/**
 * placeNote says when claimdesk does not know a place, with the nearest
 * known name: an unknown place is compared with no other, so a slip such
 * as "Syira" would silently keep a claim out of every conflict. The server
 * looks the name up (GET /places?name=), among the cities and regions it
 * does not list too.
 */
async function placeNote(name) {
  const key = name.trim().toLowerCase();
  if (!placeAnswers.has(key)) {
    placeAnswers.set(key, api.get(`/places?name=${encodeURIComponent(name.trim())}`).catch(() => null));
  }
  const answer = await placeAnswers.get(key);
  if (!answer || answer.items.length) return null;
  const guess = answer.suggestion ? ` Did you mean ${answer.suggestion}?` : '';
  return `“${name}” is not a place claimdesk knows, so this claim is compared with no other by place.${guess}`;
}

/** utf8Len is the length of a code point in UTF-8 bytes. */
function utf8Len(cp) {
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  return cp < 0x10000 ? 3 : 4;
}

/**
 * byteIndex maps the byte offsets of text's UTF-8 encoding (what the
 * server answers) to JavaScript string indices (UTF-16 code units): the
 * returned function gives undefined for an offset inside a character.
 */
function byteIndex(text) {
  const at = new Map();
  let b = 0;
  let i = 0;
  for (const ch of text) {
    at.set(b, i);
    b += utf8Len(ch.codePointAt(0));
    i += ch.length;
  }
  at.set(b, i);
  return (off) => at.get(off);
}

/**
 * candidatesOf gives each extracted quantity its span in text as string
 * indices, dropping any whose offsets do not cut text where it says.
 */
function candidatesOf(text, items) {
  const idx = byteIndex(text);
  const out = [];
  for (const it of items || []) {
    let from = idx(it.start);
    let to = idx(it.end);
    if (from === undefined || to === undefined || text.slice(from, to) !== it.text) {
      from = text.indexOf(it.text, out.length ? out[out.length - 1].to : 0);
      if (from < 0 || !it.text) continue;
      to = from + it.text.length;
    }
    out.push({ ...it, from, to });
  }
  return out;
}

/** reasonOf is the server's own reason for refusing a text. */
const reasonOf = (err) => (err.fields && err.fields[0] && err.fields[0].detail) || err.message;

const optionList = (values, selected) => values.map((v) => h('option', { value: v, selected: v === selected }, fmt.label(v)));

/** render builds the form. */
export async function render(ctx) {
  ctx.setTitle('Enter a claim');
  const topics = await api.all('/topics');
  const topicId = ctx.query.get('topic') || '';
  const topicSel = h('select', null, h('option', { value: '' }, 'Choose a topic…'),
    topics.map((t) => h('option', { value: t.id, selected: t.id === topicId }, t.title)));
  const quote = h('textarea', { rows: 4, placeholder: 'Paste the claimant’s words as published' });
  const qty = h('input', { autocomplete: 'off', placeholder: 'a few dozen' });
  const qtyField = field('f-quantity', 'Quantity as said', qty, 'The quantity chosen in the quote; edit if wrong.');
  const qtyErr = qtyField.querySelector('.err');
  qtyErr.setAttribute('aria-live', 'polite');
  const noNumber = h('input', { type: 'checkbox', id: 'f-no_number', 'aria-describedby': 'f-no_number-hint f-no_number-err' });
  const reading = h('div', { class: 'reading none', role: 'status', 'aria-live': 'polite', id: 'reading' }, 'Type or paste a quote: every quantity in it is found as you type.');
  // The quantities found in the quote: the quote with each one marked,
  // and a radio group to choose the one the claim is about.
  const preview = h('p', { class: 'quote-preview', id: 'quote-preview' });
  const choices = h('div', { class: 'choices', role: 'radiogroup', 'aria-labelledby': 'found-h' });
  const foundMsg = h('p', { class: 'found-msg', id: 'found-msg', role: 'status', 'aria-live': 'polite' });
  const found = h('div', { class: 'found', id: 'found', hidden: true },
    h('p', { class: 'found-h', id: 'found-h' }, 'Quantities in the quote'), preview, choices, foundMsg);

  let candidates = [];
  let chosen = -1; // index into candidates of the quantity in "Quantity as said", or -1
  let qtyEdited = false; // the analyst typed or selected "Quantity as said"
  let answered = false; // the server has found the quantities of some text
  let extractSeq = 0;
  let parseSeq = 0;

  const setQtyError = (msg) => {
    qtyErr.textContent = msg || '';
    if (msg) qty.setAttribute('aria-invalid', 'true');
    else qty.removeAttribute('aria-invalid');
  };

  const showReading = (r, msg) => {
    if (!r) {
      reading.className = 'reading none';
      replace(reading, msg || 'No quantity yet.');
      return;
    }
    reading.className = 'reading';
    replace(reading, h('span', null, 'Read as '), h('span', { class: 'interval' }, fmt.interval(r)),
      r.best !== null && r.best !== undefined && !(r.low === r.high) ? ` (best ${fmt.num(r.best)})` : '',
      ` · ${fmt.label(r.kind)}`, r.approx ? ' · hedged' : '', h('br'), h('span', { class: 'muted' }, r.explanation));
  };

  /** drawFound marks every candidate in the preview and lists them as radios. */
  const drawFound = () => {
    const text = quote.value;
    found.hidden = !text.trim() || !answered;
    const parts = [];
    let at = 0;
    candidates.forEach((c, i) => {
      if (c.from < at || text.slice(c.from, c.to) !== c.text) return; // the text moved on since
      parts.push(text.slice(at, c.from));
      const m = h('mark', { class: i === chosen ? 'cand chosen' : 'cand', dataset: { i } }, text.slice(c.from, c.to));
      m.addEventListener('click', () => choose(i, true));
      parts.push(m);
      at = c.to;
    });
    parts.push(text.slice(at));
    replace(preview, parts);
    preview.hidden = !candidates.length;
    replace(choices, candidates.map((c, i) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name: 'quantity-choice', value: String(i), checked: i === chosen, onchange: () => choose(i, false) }),
      h('span', { class: 'choice-text' }, c.text), fmt.interval(c) !== c.text && h('span', { class: 'muted' }, fmt.interval(c)))));
    choices.hidden = candidates.length < 2;
    foundMsg.textContent = text.trim() && !candidates.length
      ? 'No quantity found in the quote. Type the quantity as said, or, if the claimant gave no number, tick “The claimant gave no number” below.'
      : '';
  };

  /** choose puts candidate i in "Quantity as said" and shows its reading. */
  function choose(i, focusRadio) {
    const c = candidates[i];
    if (!c) return;
    chosen = i;
    qtyEdited = false;
    parseSeq += 1; // a reading of typed text still on its way is stale
    qty.value = c.text;
    setQtyError('');
    showReading(c);
    drawFound();
    if (focusRadio) {
      const r = choices.querySelector(`input[value="${i}"]`);
      if (r && !choices.hidden) r.focus();
    }
  }

  /** matchQty checks the candidate whose text is the typed quantity, if any. */
  const matchQty = () => {
    const t = qty.value.trim();
    chosen = candidates.findIndex((c) => c.text === t);
    drawFound();
    return chosen;
  };

  const extract = debounce(async () => {
    const text = quote.value;
    const seq = ++extractSeq;
    if (!text.trim()) {
      candidates = [];
      chosen = -1;
      answered = false;
      drawFound();
      if (!qtyEdited) { qty.value = ''; showReading(null, 'Type or paste a quote: every quantity in it is found as you type.'); }
      return;
    }
    let items;
    try {
      items = (await api.post('/extract', { text })).items;
    } catch (err) {
      if (seq !== extractSeq) return;
      answered = true;
      candidates = [];
      chosen = -1;
      drawFound();
      foundMsg.textContent = `The quote could not be read: ${reasonOf(err)}`;
      return;
    }
    if (seq !== extractSeq) return;
    answered = true;
    const before = candidates[chosen];
    candidates = candidatesOf(text, items);
    if (qtyEdited) {
      matchQty();
      return;
    }
    // Keep the analyst's choice while they type, if it is still there.
    let i = before ? candidates.findIndex((c) => c.text === before.text) : -1;
    if (i < 0) i = 0;
    if (candidates.length) choose(i, false);
    else {
      chosen = -1;
      qty.value = '';
      setQtyError('');
      drawFound();
      showReading(null, 'No quantity yet.');
    }
  }, 200);

  // Typed (or selected) text is read alone, with the server's reason by
  // the field when it holds no quantity it can read.
  const parse = debounce(async (text) => {
    const seq = ++parseSeq;
    try {
      const r = await api.post('/parse', { text });
      if (seq !== parseSeq) return;
      setQtyError('');
      showReading(r);
    } catch (err) {
      if (seq !== parseSeq) return;
      setQtyError(reasonOf(err));
      showReading(null, 'Not read: see the reason under “Quantity as said”.');
    }
  }, 200);

  const readTyped = () => {
    const t = qty.value.trim();
    if (!t) {
      parseSeq += 1;
      setQtyError('');
      matchQty();
      showReading(null, candidates.length ? 'Choose a quantity found in the quote, or type it.' : 'No quantity yet.');
      return;
    }
    const i = matchQty();
    if (i >= 0) {
      parseSeq += 1;
      setQtyError('');
      showReading(candidates[i]);
      return;
    }
    parse(t);
  };

  quote.addEventListener('input', () => {
    drawFound(); // the preview follows the text at once; the marks follow the server
    extract();
  });
  // Selecting text in the quote chooses the quantity found there, or reads
  // just the selection.
  quote.addEventListener('select', () => {
    const { selectionStart: s0, selectionEnd: s1 } = quote;
    const raw = quote.value.slice(s0, s1);
    const sel = raw.trim();
    if (!sel || sel.length >= 120) return;
    const from = s0 + raw.indexOf(sel);
    const to = from + sel.length;
    const i = candidates.findIndex((c) => c.from === from && c.to === to);
    if (i >= 0) { choose(i, false); return; }
    qty.value = sel;
    qtyEdited = true;
    readTyped();
  });
  qty.addEventListener('input', () => {
    qtyEdited = qty.value.trim() !== '';
    readTyped();
  });

  const claimant = picker({
    id: 'f-claimant', kind: 'claimants', label: 'Claimant',
    describe: (c) => [c.role, c.affiliation].filter(Boolean).join(', '),
    newFields: [['name', 'Name', h('input')], ['role', 'Role', h('input', { placeholder: 'Deputy Foreign Minister' })],
      ['affiliation', 'Affiliation', h('input')], ['kind', 'Kind', h('select', null, optionList(['person', 'organisation'], 'person'))]],
  });
  const sourceP = picker({
    id: 'f-source', kind: 'sources', label: 'Source',
    describe: (s) => [fmt.label(s.kind), s.publisher].filter(Boolean).join(', '),
    newFields: [['name', 'Name', h('input', { placeholder: 'The Independent' })],
      ['kind', 'Kind', h('select', null, optionList(['news', 'agency', 'government', 'ngo', 'report', 'social_media', 'interview', 'other'], 'news'))],
      ['url', 'URL', h('input', { type: 'url', placeholder: 'https://' })], ['language', 'Language', h('input', { placeholder: 'en' })],
      ['wikidata_id', 'Wikidata item', h('input', { placeholder: 'Q42 (optional)' })]],
  });
  const url = h('input', { type: 'url', placeholder: 'https://…' });
  const places = chips('f-places', 'Places', 'Enter or comma after each: Syria, Iraq', placeNote);
  // The topic's populations (with their aliases) are offered as the
  // population and the group: a name the tree holds is compared by it.
  const popList = h('datalist', { id: 'f-populations' });
  const fillPops = () => {
    const t = topics.find((o) => o.id === topicSel.value);
    replace(popList, ((t && t.populations) || []).flatMap((p) => [p.name, ...(p.aliases || [])]).map((n) => h('option', { value: n })));
  };
  topicSel.addEventListener('change', fillPops);
  fillPops();
  const population = h('input', { placeholder: 'Russian nationals', list: 'f-populations' });
  const group = h('input', { placeholder: 'Islamic State', list: 'f-populations' });
  const measure = h('select', null,
    h('option', { value: 'current' }, 'current: how many at a moment'),
    h('option', { value: 'cumulative' }, 'cumulative: total to date (“have joined since 2011”)'),
    h('option', { value: 'per_period' }, 'per period: within since … as of (“in 2015”)'),
    h('option', { value: 'peak' }, 'peak: the most at any one moment'),
    h('option', { value: 'proxy' }, 'proxy: a stand-in count'));
  const basis = h('select', null,
    h('option', { value: 'estimate' }, 'estimate'),
    h('option', { value: 'count' }, 'count: enumerated or recorded'),
    h('option', { value: 'projection' }, 'projection: a forecast, “expected”'),
    h('option', { value: 'declared' }, 'declared: a permit application, an announced target'),
    h('option', { value: 'model' }, 'model: excess deaths, an extrapolation'));
  const since = h('input', { placeholder: '2011', inputmode: 'numeric' });
  const dateHint = 'YYYY, YYYY-MM or YYYY-MM-DD';
  const saidOn = h('input', { placeholder: '2014-09-29', inputmode: 'numeric' });
  const asOf = h('input', { placeholder: '2014-09', inputmode: 'numeric' });
  const publishedOn = h('input', { placeholder: '2014-09-29', inputmode: 'numeric' });
  const low = h('input', { type: 'number', step: 'any', min: '0' });
  const high = h('input', { type: 'number', step: 'any', min: '0' });
  const best = h('input', { type: 'number', step: 'any', min: '0' });
  const occasion = h('input', { placeholder: 'Kommersant interview' });
  const language = h('input', { placeholder: 'en', size: 6 });
  const evidence = h('select', null, optionList(['unknown', 'intelligence_estimate', 'roster', 'official_statistics', 'research_estimate', 'survey', 'media_report', 'official_statement'], 'unknown'));
  const general = h('p', { class: 'form-error error-box', role: 'alert', tabindex: '-1' });
  general.hidden = true;
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Save claim');

  const form = h('form', { class: 'form', novalidate: true, 'aria-labelledby': 'ec-h' },
    field('f-topic', 'Topic', topicSel),
    h('fieldset', null, h('legend', null, 'What was said'),
      field('f-quote', 'Quote', quote, 'Every quantity in it is marked below; select text in the quote to read just that part.'),
      found,
      h('div', { class: 'row2' }, qtyField, field('f-language', 'Language', language)),
      reading,
      h('div', { class: 'field check' },
        h('div', null, noNumber, ' ', h('label', { for: 'f-no_number' }, 'The claimant gave no number')),
        h('span', { class: 'hint', id: 'f-no_number-hint' }, 'They declined to quantify (“many”, “a lot”): the claim is kept without an interval.'),
        h('p', { class: 'err', id: 'f-no_number-err' }))),
    h('fieldset', null, h('legend', null, 'Who said it, where'),
      h('div', { class: 'row2' }, claimant.node, sourceP.node),
      h('div', { class: 'row2' }, field('f-url', 'URL of the claim', url), field('f-occasion', 'Occasion', occasion, 'An interview, a speech: reports of one occasion are one statement.'))),
    h('fieldset', null, h('legend', null, 'What it counts'),
      places.node,
      h('div', { class: 'row2' }, field('f-population', 'Population', population, 'One of the topic’s populations, or free text (then “scope unclear”: never a conflict).'), field('f-group', 'Group', group), popList),
      h('div', { class: 'row2' }, field('f-measure', 'Measure', measure), field('f-basis', 'Basis', basis, 'A projection or a declared figure is not compared with a count.'))),
    h('fieldset', null, h('legend', null, 'When'),
      h('div', { class: 'row2' }, field('f-said_on', 'Said on', saidOn, dateHint), field('f-as_of', 'As of', asOf, 'The date the figure describes; a time of day as 2019-06-16T12:00'), field('f-published_on', 'Published on', publishedOn, dateHint)),
      h('div', { class: 'row2' }, field('f-since', 'Since', since, 'Where a cumulative or per-period count starts'))),
    h('details', null, h('summary', null, 'Analyst interval and evidence'),
      h('fieldset', null, h('legend', null, 'Override the parser'),
        h('div', { class: 'row2' }, field('f-low', 'Low', low), field('f-high', 'High', high), field('f-best', 'Best estimate', best)),
        field('f-evidence', 'Evidence', evidence))),
    general,
    h('div', { class: 'form-actions' }, submit, h('span', { class: 'kbd' }, 'Ctrl+Enter or ⌘+Enter saves')));

  const map = {
    topic_id: 'f-topic', quote: 'f-quote', quantity_text: 'f-quantity', no_number: 'f-no_number', language: 'f-language', claimant_id: 'f-claimant',
    'provenance.source_id': 'f-source', 'provenance.url': 'f-url', provenance: 'f-url', occasion: 'f-occasion', 'scope.places': 'f-places',
    'scope.population': 'f-population', 'scope.group': 'f-group', 'scope.measure': 'f-measure', said_on: 'f-said_on',
    as_of: 'f-as_of', published_on: 'f-published_on', 'analyst_interval.low': 'f-low', 'analyst_interval.high': 'f-high',
    'analyst_interval.best': 'f-best', analyst_interval: 'f-low', evidence_type: 'f-evidence', basis: 'f-basis', since: 'f-since',
  };

  const numOrNull = (el) => (el.value === '' ? null : Number(el.value));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    general.hidden = true;
    const body = {
      topic_id: topicSel.value, claimant_id: claimant.value, quote: quote.value, quantity_text: qty.value, no_number: noNumber.checked,
      provenance: { source_id: sourceP.value, url: url.value.trim() },
      scope: { places: places.values, population: population.value, group: group.value, measure: measure.value },
      said_on: saidOn.value.trim(), as_of: asOf.value.trim(), published_on: publishedOn.value.trim(), since: since.value.trim(),
      occasion: occasion.value, language: language.value.trim(), evidence_type: evidence.value, basis: basis.value,
    };
    if (low.value || high.value || best.value) body.analyst_interval = { low: numOrNull(low), high: numOrNull(high), best: numOrNull(best) };
    submit.disabled = true;
    try {
      const c = await api.post('/claims', body);
      ctx.navigate(`/topics/${encodeURIComponent(c.topic_id)}#claim-${c.id}`);
    } catch (err) {
      general.hidden = false;
      fieldErrors(form, err, map);
      if (!general.textContent) general.hidden = true;
    } finally {
      submit.disabled = false;
    }
  });
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit();
    } else if (e.key === 'Enter' && e.target.tagName === 'INPUT' && !e.target.closest('.mini') && !e.target.closest('.chips')) {
      e.preventDefault(); // Enter in a single-line field does not save half a claim
    }
  });
  // Implicit submission is the default action of the Enter keypress, which
  // some input methods send even when keydown was handled: only
  // Ctrl/Cmd+Enter and the button save.
  form.addEventListener('keypress', (e) => {
    if (e.key === 'Enter' && e.target.tagName === 'INPUT' && !e.ctrlKey && !e.metaKey) e.preventDefault();
  });
  return h('div', null,
    h('div', { class: 'page-head' }, h('div', null, h('h1', { id: 'ec-h' }, 'Enter a claim'),
      h('p', { class: 'summary-line' }, 'Paste the quote; claimdesk finds every quantity in it as you type, and you choose the one the claim is about.'))),
    form);
}
