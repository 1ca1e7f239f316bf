// dom.js builds DOM nodes. User text only ever goes through textContent
// (text nodes) and setAttribute: never through innerHTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

function apply(el, attrs) {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2).toLowerCase(), v);
    } else if (k === 'dataset') {
      for (const [dk, dv] of Object.entries(v)) el.dataset[dk] = String(dv);
    } else if (k === 'value' && 'value' in el && el.namespaceURI !== SVG_NS) {
      el.value = String(v);
    } else if (k === 'checked' || k === 'selected') {
      el[k] = Boolean(v);
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** h creates an HTML element with attributes and children (nodes or text). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

/** s creates an SVG element; geometry goes in attributes, which CSP allows. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

/** clear removes every child of el. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** replace swaps el's children for the given ones. */
export function replace(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

/** debounce delays fn until ms have passed without another call. */
export function debounce(fn, ms) {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

let idSeq = 0;
/** uid returns a fresh element id with the given prefix. */
export function uid(prefix) {
  idSeq += 1;
  return `${prefix}-${idSeq}`;
}

/**
 * focusItem moves the keyboard's focus to el, a row or card the script
 * drew (the first of those a "Show more" added), making it focusable by
 * script alone (tabindex -1) when it is not already; Tab then goes on
 * from there rather than from the top of the page.
 */
export function focusItem(el) {
  if (!el) return;
  if (!el.hasAttribute('tabindex') && el.tabIndex < 0) el.setAttribute('tabindex', '-1');
  el.focus();
}

/** link is an internal link: a real href, intercepted by the router. */
export function link(href, ...children) {
  return h('a', { href }, ...children);
}

/** spinner is a polite loading line. */
export function loading(what) {
  return h('p', { class: 'muted', role: 'status' }, `Loading ${what}…`);
}

/** errorBox shows an error as text. */
export function errorBox(err) {
  return h('div', { class: 'error-box', role: 'alert' },
    h('strong', null, err && err.title ? err.title : 'Error'), ' ',
    err && err.message ? err.message : String(err));
}
