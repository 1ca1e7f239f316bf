// format.js formats numbers, intervals, dates and factors for reading.

const nf = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** num formats a number with thousands separators; '' for null. */
export function num(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return '';
  return nf.format(v);
}

/** short formats a number compactly for axis ticks: 300, 1k, 30k, 1M. */
export function short(v) {
  if (v >= 1e6) return `${trim(v / 1e6)}M`;
  if (v >= 1e3) return `${trim(v / 1e3)}k`;
  return trim(v);
}

function trim(v) {
  return String(Math.round(v * 100) / 100);
}

/** interval formats an interval: "24–60", "≥ 401", "≤ 60", "800". */
export function interval(iv) {
  if (!iv) return 'no number';
  const { low, high, best } = iv;
  if (low !== null && low !== undefined && high !== null && high !== undefined) {
    if (low === high) return num(low);
    return `${num(low)}–${num(high)}`;
  }
  if (low !== null && low !== undefined) return `≥ ${num(low)}`;
  if (high !== null && high !== undefined) return `≤ ${num(high)}`;
  if (best !== null && best !== undefined) return `≈ ${num(best)}`;
  return 'no number';
}

/** central is a claim's central value: best, else the middle of its finite bounds. */
export function central(iv) {
  if (!iv) return null;
  if (iv.best !== null && iv.best !== undefined) return iv.best;
  const lo = iv.low, hi = iv.high;
  if (lo != null && hi != null) return Math.sqrt(Math.max(lo, 1e-9) * Math.max(hi, 1e-9));
  return lo != null ? lo : hi;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** date formats a partial date: "2014", "Sep 2014", "29 Sep 2014". */
export function date(d) {
  if (!d) return '';
  const [y, m, day] = d.split('-');
  if (!m) return y;
  const mon = MONTHS[Number(m) - 1] || m;
  return day ? `${Number(day)} ${mon} ${y}` : `${mon} ${y}`;
}

/** year turns a partial date into a fractional year (middle of the period). */
export function year(d) {
  if (!d) return null;
  const [y, m, day] = d.split('-').map(Number);
  if (!m) return y + 0.5;
  if (!day) return y + (m - 0.5) / 12;
  return y + (m - 1) / 12 + (day - 0.5) / 365;
}

/**
 * factor formats a severity to three significant figures, as the server
 * stores it and its explanation gives it: "12×", "25.5×", "1.82×" (a badge
 * that read "26×" beside "by 25.5x" showed a figure the explanation does not).
 * The server writes explanations with xref.Factor, which follows this one.
 */
export function factor(v) {
  if (!v || v <= 1) return '1×';
  if (v >= 1e9) return '∞';
  if (v >= 100) return `${num(Math.round(v))}×`;
  return `${Number(v.toFixed(v >= 10 ? 1 : 2))}×`;
}

/** severityClass buckets a severity: minor below 2×, major below 5×, severe. */
export function severityClass(v) {
  if (v >= 5) return 'severe';
  if (v >= 2) return 'major';
  return 'minor';
}

/** severityLabel names the bucket, so colour is never the only signal. */
export function severityLabel(v) {
  return { severe: 'Severe', major: 'Major', minor: 'Minor' }[severityClass(v)];
}

/** label turns a snake_case enum into words. */
export function label(v) {
  return v ? String(v).replace(/_/g, ' ') : '';
}

/** refDate is the date a claim's figure describes. */
export function refDate(c) {
  return c.as_of || c.said_on || c.published_on || '';
}

/** places joins a claim's places or says unspecified. */
export function places(scope) {
  const p = (scope && scope.places) || [];
  return p.length ? p.join(' + ') : 'place unspecified';
}

/**
 * slug is a topic's readable URL name, as the server computes it
 * (claims.Slug): lower case, each run of other than letters and digits one
 * hyphen, none at the ends.
 */
export function slug(title) {
  return String(title || '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
}

/** topicHref is the URL of a topic's comparison: its slug, else its ID. */
export function topicHref(t) {
  return `/topics/${encodeURIComponent(slug(t.title) || t.id)}`;
}

/** editDistance is the Levenshtein distance between a and b. */
export function editDistance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
