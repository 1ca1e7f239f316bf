// main.js is the router: history-API URLs, one view module per screen, and
// internal links intercepted for client-side navigation.

import { replace, errorBox, loading, focusItem } from './dom.js';
import * as topics from './views/topics.js';
import * as comparison from './views/comparison.js';
import * as series from './views/series.js';
import * as claimForm from './views/claimform.js';
import * as claim from './views/claim.js';
import * as conflicts from './views/conflicts.js';
import * as transfer from './views/transfer.js';
import * as article from './views/article.js';
import * as browse from './views/browse.js';
import * as login from './views/login.js';
import * as auth from './auth.js';
import * as api from './api.js';
import { trash } from './history.js';
import * as record from './views/record.js';
import * as users from './views/users.js';

// Besides its own path, a screen answers at the bare folder an analyst
// may type for it: /topics (above a topic's page) for the topics, /claims
// for the claims to browse, /articles for pasting one, /admin for the
// users. A trailing slash is dropped before matching.
const routes = [
  { re: /^\/(?:topics)?$/, view: topics, nav: 'topics' },
  { re: /^\/topics\/([^/]+)$/, view: comparison, nav: 'topics' },
  { re: /^\/topics\/([^/]+)\/series$/, view: series, nav: 'topics' },
  { re: /^\/claims\/new$/, view: claimForm, nav: 'new' },
  { re: /^\/articles(?:\/new)?$/, view: article, nav: 'article' },
  { re: /^\/claims\/([^/]+)$/, view: claim, nav: 'topics' },
  { re: /^\/conflicts$/, view: conflicts, nav: 'conflicts' },
  { re: /^\/transfer$/, view: transfer, nav: 'transfer' },
  // The browse screen at /claims is "Browse"'s, searches from its own
  // box included; at /search it shows the header's search box's results,
  // no entry's (without words, it is browsing again).
  { re: /^\/claims$/, view: browse, nav: 'search' },
  { re: /^\/search$/, view: browse, nav: (query) => ((query.get('q') || '').trim() ? null : 'search') },
  { re: /^\/login$/, view: login, nav: 'login', open: true },
  { re: /^\/trash$/, view: { render: trash }, nav: 'trash' },
  { re: /^\/sources\/([^/]+)$/, view: record.source, nav: 'search' },
  { re: /^\/claimants\/([^/]+)$/, view: record.claimant, nav: 'search' },
  { re: /^\/admin(?:\/users)?$/, view: users, nav: 'users' },
];

const main = () => document.getElementById('main');
let seq = 0;
let cleanup = null;

/** navigate goes to an internal URL without reloading the page. */
export function navigate(href, { replace: rep = false } = {}) {
  if (rep) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  render(true);
}

async function render(moveFocus) {
  const my = ++seq;
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  const path = window.location.pathname.replace(/\/+$/, '') || '/';
  const query = new URLSearchParams(window.location.search);
  const route = routes.find((r) => r.re.test(path));
  // The navigation's entry for this screen, if any, is marked current.
  const nav = route && (typeof route.nav === 'function' ? route.nav(query) : route.nav);
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (nav && a.dataset.nav === nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const el = main();
  if (!route) {
    document.title = 'Not found · claimdesk';
    replace(el, errorBox({ title: 'Not found', message: `claimdesk has no page at ${path}.` }));
    return;
  }
  const params = path.match(route.re).slice(1).map(decodeURIComponent);
  // focusOn names what the keyboard's focus goes to instead of the h1
  // (the first of the claims a "Show more" asked for).
  let focusOn = null;
  // said is what the live region announces instead of the page's title.
  let said = '';
  replace(el, loading('page'));
  el.setAttribute('aria-busy', 'true');
  try {
    const ctx = {
      path, params, query, navigate,
      setTitle: (t) => { document.title = `${t} · claimdesk`; },
      onLeave: (fn) => { cleanup = fn; },
      stale: () => my !== seq,
      focusOn: (node) => { focusOn = node; },
      announce: (text) => { said = text; },
    };
    const node = await route.view.render(ctx);
    if (my !== seq) return;
    replace(el, node);
  } catch (err) {
    if (my !== seq) return;
    console.warn(err);
    replace(el, errorBox(err));
  } finally {
    el.removeAttribute('aria-busy');
  }
  if (moveFocus) {
    focusItem(focusOn && el.contains(focusOn) ? focusOn : el.querySelector('h1') || el);
    document.getElementById('announce').textContent = said || document.title;
  }
}

document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download')) return;
  const u = new URL(a.href, window.location.href);
  if (u.origin !== window.location.origin || u.pathname.startsWith('/api/')) return;
  if (u.pathname === window.location.pathname && u.search === window.location.search && u.hash) return;
  e.preventDefault();
  navigate(u.pathname + u.search);
});

window.addEventListener('popstate', () => render(true));
browse.installSearchBox(navigate);

// toLogin shows the log-in page, coming back here afterwards.
function toLogin() {
  if (window.location.pathname === '/login') return;
  navigate(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`, { replace: true });
}
api.whenUnauthorized(toLogin);
auth.load().then((signedIn) => {
  if (!signedIn) toLogin();
  else render(false);
}, (err) => replace(main(), errorBox(err)));
