// api.js is the one wrapper around fetch: JSON in and out, problem+json
// errors as APIError with .fields, and If-Match for PATCH and DELETE.

const BASE = '/api/v1';

/** APIError is a problem+json answer (RFC 9457) or a network failure. */
export class APIError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.name = 'APIError';
    this.status = status;
    this.code = (problem && problem.code) || '';
    this.title = (problem && problem.title) || '';
    this.problem = problem || {};
    /** fields lists {field, detail, pointer} for each member at fault. */
    this.fields = (problem && problem.errors) || [];
  }

  /** missingEndpoint is true when the server has no such route yet. */
  get missingEndpoint() {
    return this.status === 404 && /no such endpoint/.test(this.message);
  }
}

/** url builds an API URL with a query string, skipping empty values. */
export function url(path, query) {
  const u = new URL(BASE + path, window.location.origin);
  if (query) {
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '') u.searchParams.set(k, String(v));
    }
  }
  return u.pathname + u.search;
}

// csrf is the token a session cookie's writes must send (auth.js sets it).
let csrf = '';
/** setCSRF keeps the CSRF token of the signed-in session. */
export function setCSRF(token) { csrf = token || ''; }
// onUnauthorized runs when the server asks for a log-in (401).
let onUnauthorized = null;
/** whenUnauthorized sets what a 401 answer does (show the log-in page). */
export function whenUnauthorized(fn) { onUnauthorized = fn; }

// reasonHeader sends why a change is made. A header carries Latin-1 at
// best, so the text goes as an RFC 8187 ext-value (UTF-8'' percent-encoded).
const reasonHeader = (why) => `UTF-8''${encodeURIComponent(why).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;

// send fetches href; a network failure and an answer other than 2xx
// reject with an APIError carrying the server's problem.
async function send(href, init, signal) {
  let res;
  try {
    res = await fetch(href, init);
  } catch (e) {
    if (signal && signal.aborted) throw e;
    throw new APIError(0, { title: 'Network error', detail: 'the claimdesk server cannot be reached' });
  }
  if (res.status === 401 && onUnauthorized && href.split('?')[0] !== `${BASE}/session`) onUnauthorized();
  if (!res.ok) throw new APIError(res.status, parse(await res.text()));
  return res;
}

// parse reads a JSON body; null when there is none or it is not JSON.
function parse(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch (e) {
    return null;
  }
}

async function request(method, path, { query, body, version, contentType, reason, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (reason) headers['X-Claimdesk-Reason'] = reasonHeader(reason);
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  const init = { method, headers, signal };
  if (body !== undefined) {
    headers['Content-Type'] = contentType || 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  if (version !== undefined) headers['If-Match'] = version === '*' ? '*' : `"${version}"`;
  const res = await send(url(path, query), init, signal);
  if (res.status === 204) return null;
  return parse(await res.text());
}

/**
 * fileName asks the server with HEAD whether it would send a download of
 * the API now (href as url() builds it), without the server running it,
 * and returns the server's file name for it (Content-Disposition), '' if
 * none. A refusal rejects with an APIError saying why: a 503 (exports
 * bounded) by its Retry-After, as a HEAD's answer has no body; any other
 * refusal (a topic deleted, a session ended) is asked again with GET,
 * which the server refuses before running anything, for its own
 * explanation. (A GET sent for a 503 could find the place free, run an
 * export and hold the place the download then needs.)
 */
export async function fileName(href) {
  let head;
  try {
    head = await fetch(href, { method: 'HEAD', headers: { Accept: '*/*' } });
  } catch (e) {
    throw new APIError(0, { title: 'Network error', detail: 'the claimdesk server cannot be reached' });
  }
  if (head.ok) return (/filename="([^"]+)"/.exec(head.headers.get('Content-Disposition') || '') || [])[1] || '';
  if (head.status === 503) {
    const wait = Number(head.headers.get('Retry-After')) || 10;
    throw new APIError(503, { title: 'Busy', detail: `the server is running as many exports as it allows: try again in ${wait} seconds` });
  }
  const stop = new AbortController();
  await send(href, { headers: { Accept: '*/*' }, signal: stop.signal });
  stop.abort();
  throw new APIError(0, { title: 'Changed', detail: 'the server\'s answer changed while it was asked: try again' });
}

/**
 * get reads a resource; aborting signal (an AbortController's) cancels
 * the request, which then rejects with the abort's reason.
 */
export const get = (path, query, signal) => request('GET', path, { query, signal });
/** post creates a resource or runs an action; a string body is sent as contentType (JSON by default). */
export const post = (path, body, query, { contentType } = {}) => request('POST', path, { body, query, contentType });
/** patch sends a JSON merge patch to the record at version. */
export const patch = (path, body, version) =>
  request('PATCH', path, { body, version, contentType: 'application/merge-patch+json' });
/** del deletes the record at version, saying why when reason is given. */
export const del = (path, version, reason) => request('DELETE', path, { version, reason });

/**
 * all follows next_cursor until every item of a listing is read (at most
 * max), starting at the cursor from when given; the array's more is true
 * when the listing has more than it holds, and next is the cursor of the
 * rest ('' when none). Aborting signal cancels the reading.
 */
export async function all(path, query = {}, max = 5000, signal = undefined, from = '') {
  const items = [];
  let cursor = from;
  do {
    const page = await get(path, { ...query, limit: Math.min(500, max - items.length), cursor }, signal);
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && items.length < max);
  items.more = Boolean(cursor);
  items.next = cursor || '';
  return items;
}
