// latin.js gives a query typed in Russian its Latin-script spelling, for the
// claims recorded in English: a place by the gazetteer's English name
// ("Сирия", "Сирии": Syria), any other word transliterated ("Богданов":
// Bogdanov). The browse screen searches it when the query as typed finds
// nothing.

import * as api from './api.js';

// The transliteration of Russian that English-language media use for names
// (BGN/PCGN without its diacritics): Богданов Bogdanov, Патрушев Patrushev,
// Юрий Yuriy; е is ye where BGN/PCGN has it, first in a word and after a
// vowel, й, ъ or ь (Ельцин Yeltsin, Сергеев Sergeyev).
const TABLE = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g',
};

const CYRILLIC = /[\u0400-\u04FF]/;

/** hasCyrillic reports whether s has a Cyrillic letter. */
export const hasCyrillic = (s) => CYRILLIC.test(s);

// yeAfter reports whether BGN/PCGN spells an е after p as ye: first in a
// word (after no letter) or after a vowel, й, ъ or ь.
const yeAfter = (p) => !/\p{L}/u.test(p) || 'аеёиоуыэюяйъь'.includes(p);

/** transliterate spells a Cyrillic word in Latin letters, keeping its case. */
export function transliterate(word) {
  let out = '';
  let prev = '';
  for (const ch of word) {
    const lower = ch.toLowerCase();
    let t = TABLE[lower];
    if (lower === 'е' && yeAfter(prev)) t = 'ye';
    if (t === undefined) out += ch;
    else if (ch !== lower && t) out += t[0].toUpperCase() + t.slice(1);
    else out += t;
    prev = lower;
  }
  return out;
}

// stemOf is what a Russian noun keeps of itself in every case: the word
// less its last two letters ("Сирия", "Сирии": "сир"), three at least.
const stemOf = (w) => w.toLowerCase().replace(/ё/g, 'е').slice(0, Math.max(3, [...w].length - 2));

/**
 * placeName returns the English name of the place a Russian word names,
 * in any case ("Сирии" is Syria), or '' when it names none. The
 * gazetteer's near guess counts only when one of its Russian names shares
 * the word's stem, so that "Ракка" is not read as Dhaka.
 */
async function placeName(word) {
  let res;
  try {
    res = await api.get('/places', { name: word });
  } catch {
    return '';
  }
  if (res.items && res.items.length) return res.items[0].name;
  if (!res.suggestion) return '';
  let guess;
  try {
    guess = await api.get('/places', { name: res.suggestion });
  } catch {
    return '';
  }
  const stem = stemOf(word);
  const place = (guess.items || [])[0];
  if (place && (place.aliases || []).some((a) => hasCyrillic(a) && stemOf(a) === stem)) return place.name;
  return '';
}

/**
 * latinQuery returns q with each Cyrillic word in Latin script, a place
 * by its English name, quoted phrases kept quoted; '' when q has no
 * Cyrillic word.
 */
export async function latinQuery(q) {
  if (!hasCyrillic(q)) return '';
  const parts = q.split(/(\s+|")/);
  const out = await Promise.all(parts.map(async (p) => {
    if (!hasCyrillic(p)) return p;
    // A word with punctuation around it: only its letters are looked up.
    const m = p.match(/^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u);
    const word = m[2];
    const place = await placeName(word);
    return m[1] + (place || transliterate(word)) + m[3];
  }));
  return out.join('');
}
