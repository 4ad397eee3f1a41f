// Writes src/tone/twitter_text_patterns.rs from the official twitter-text npm
// package (v3) and the twemoji-parser it uses: the URL and emoji regexes, the
// TLD lists inside them, and the weighting configuration v3, translated from
// JavaScript's regex dialect to the Rust `regex` one (no look-arounds).
//
//   node tests/tone/gen_twitter_text_patterns.mjs          # rewrite the file
//   node tests/tone/gen_twitter_text_patterns.mjs --check  # exit 1 if it is stale
//
// The translation is exact by construction: JavaScript regexes without the
// `u` flag match UTF-16 code units, with `i` folding case by its own rules.
// Every character class and literal is evaluated by JavaScript itself over all
// 65,536 code units and written out as the set of code points it matches (no
// `(?i)` on the Rust side, whose Unicode case folding differs); a surrogate
// pair (a high-surrogate literal then a class of low surrogates) becomes the
// astral code points it spells; a class that matches every surrogate matches
// every astral code point. Groups, alternation, quantifiers and anchors keep
// their syntax, so capture numbers and the backtracking order stay those of
// the original: `regex`'s leftmost-first search picks the match (and the
// groups) a backtracking engine finds first. An alternation of plain literals
// (the TLD lists) is written as a trie (`c(?:om|o)` for `com|co`), which
// tries the same words in the same order (see `trie`).
//
// The look-aheads (one character, or the end of the text) become capture
// groups that read that character, once moved to where nothing is matched
// after them (see `settleLookahead`): the caller ends the match where such a
// group starts (the `_LOOKAHEADS` constants name them). URL extraction is cut
// in two for that, the host (with its TLD look-ahead) and what may follow it.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const output = join(root, 'src', 'tone', 'twitter_text_patterns.rs');

const twitterDir = dirname(require.resolve('twitter-text/package.json'));
const twitterVersion = require('twitter-text/package.json').version;
const twemojiVersion = createRequire(join(twitterDir, 'package.json'))('twemoji-parser/package.json').version;
const regexp = (name) => require(`twitter-text/dist/regexp/${name}`);
const config = require('twitter-text/dist/configs').version3;
const twemoji = createRequire(join(twitterDir, 'package.json'))('twemoji-parser/dist/lib/regex').default;

const isHigh = (unit) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit) => unit >= 0xdc00 && unit <= 0xdfff;

/** JavaScript's case folding for regexes without the \`u\` flag (ECMA-262
 * Canonicalize): upper case, unless that maps a non-ASCII unit to ASCII. */
function canonicalize(unit) {
  const upper = String.fromCharCode(unit).toUpperCase();
  if (upper.length !== 1) return unit;
  const folded = upper.charCodeAt(0);
  return unit >= 128 && folded < 128 ? unit : folded;
}

/** The code units (0..=0xFFFF) that one JavaScript atom matches, under \`flags\`:
 * a literal by JavaScript's case folding, a class by asking JavaScript about
 * every code unit. */
const unitCache = new Map();
/** Code units grouped by how JavaScript folds them. */
const FOLDED = new Map();
for (let unit = 0; unit <= 0xffff; unit++) {
  const key = canonicalize(unit);
  if (!FOLDED.has(key)) FOLDED.set(key, []);
  FOLDED.get(key).push(unit);
}
const ALL_UNITS = String.fromCharCode(...Array.from({ length: 0x10000 }, (_, unit) => unit));
function unitsOf(atom, flags) {
  const key = `${flags}/${atom}`;
  if (unitCache.has(key)) return unitCache.get(key);
  let units = [];
  if (atom.startsWith('[')) {
    // Without the \`u\` flag a class matches one code unit: run it over all of them at once.
    for (const match of ALL_UNITS.matchAll(new RegExp(atom, `${flags}g`))) units.push(match.index);
  } else {
    const literal = atom.length === 1 ? atom.charCodeAt(0) : /^\\[ux]/.test(atom) ? parseInt(atom.slice(2), 16) : atom.charCodeAt(1);
    units = [literal];
    if (flags === 'i') units = FOLDED.get(canonicalize(literal));
  }
  unitCache.set(key, units);
  return units;
}

/** Sorted code points as inclusive ranges. */
function ranges(points) {
  const out = [];
  for (const point of points) {
    const last = out[out.length - 1];
    if (last && point === last[1] + 1) last[1] = point;
    else out.push([point, point]);
  }
  return out;
}

/** One code point in Rust regex syntax: letters, digits and symbols as
 * themselves, everything else (punctuation, spaces, marks, joiners) escaped. */
function char(point) {
  const c = String.fromCodePoint(point);
  if (point !== 0xfffd && /^[\p{L}\p{N}\p{So}]$/u.test(c) && /^[^\p{M}\p{Cf}]$/u.test(c)) return c;
  return `\\x{${point.toString(16).toUpperCase()}}`;
}

/** A Rust regex atom matching exactly the given code points, and every
 * astral code point too when \`astral\` is set. */
function rustSet(points, astral = false) {
  const spans = ranges(points);
  if (astral) {
    const last = spans[spans.length - 1];
    if (last && last[1] === 0xffff) last[1] = 0x10ffff;
    else spans.push([0x10000, 0x10ffff]);
  }
  if (spans.length === 0) throw new Error('an atom that matches nothing');
  if (spans.length === 1 && spans[0][0] === spans[0][1]) return char(spans[0][0]);
  return `[${spans.map(([from, to]) => (from === to ? char(from) : `${char(from)}-${char(to)}`)).join('')}]`;
}

/** Splits a JavaScript regex source into atoms and syntax tokens. */
function tokenize(source) {
  const tokens = [];
  let at = 0;
  while (at < source.length) {
    const c = source[at];
    if (c === '[') {
      let end = at + 1;
      if (source[end] === '^') end++;
      if (source[end] === ']') end++;
      while (source[end] !== ']') end += source[end] === '\\' ? 2 : 1;
      tokens.push({ atom: source.slice(at, end + 1) });
      at = end + 1;
    } else if (c === '\\') {
      const escape = source.slice(at, at + 2);
      const length = escape === '\\u' ? 6 : escape === '\\x' ? 4 : 2;
      if ('bBdDwWsS123456789'.includes(source[at + 1])) throw new Error(`unsupported escape ${escape}`);
      tokens.push({ atom: source.slice(at, at + length) });
      at += length;
    } else if (c === '(') {
      const head = ['(?:', '(?=', '(?!'].find((h) => source.startsWith(h, at));
      if (!head && source[at + 1] === '?') throw new Error(`unsupported group at ${at}`);
      tokens.push({ syntax: head ?? '(' });
      at += (head ?? '(').length;
    } else if (c === '{') {
      const end = source.indexOf('}', at);
      tokens.push({ syntax: source.slice(at, end + 1) });
      at = end + 1;
    } else if (')|*+?^$'.includes(c)) {
      tokens.push({ syntax: c });
      at++;
    } else if (c === '.') {
      throw new Error('unsupported `.`');
    } else {
      tokens.push({ atom: c });
      at++;
    }
  }
  return tokens;
}

/** Whether two atoms (as their code point ranges) share no code point. */
function disjoint(a, b) {
  return a.every(([from, to]) => b.every(([other, end]) => to < other || end < from));
}

/** An alternation of atom sequences (each atom `{ rust, spans }`) as a trie
 * that tries the same sequences in the same order, as its alternatives: the
 * sequences are grouped by their first atom when every two different first
 * atoms are disjoint, so at any position only one group can go on and, inside
 * it, the sequences keep their order; the groups come in the order of their
 * first code points (ASCII letters, the common case, before the rest). An
 * empty sequence matches anywhere, so it stays where it is, between the
 * groups before it and those after it. */
function trie(sequences) {
  const parts = [];
  let segment = [];
  const flush = () => {
    if (segment.length > 0) parts.push(trieSegment(segment));
    segment = [];
  };
  for (const sequence of sequences) {
    if (sequence.length === 0) {
      flush();
      parts.push('');
    } else {
      segment.push(sequence);
    }
  }
  flush();
  return parts.flat();
}

/** [`trie`] of non-empty sequences. */
function trieSegment(sequences) {
  const groups = new Map();
  for (const sequence of sequences) {
    const first = sequence[0];
    if (!groups.has(first.rust)) groups.set(first.rust, { first, rests: [] });
    groups.get(first.rust).rests.push(sequence.slice(1));
  }
  const firsts = [...groups.values()].map((group) => group.first.spans);
  const overlapping = firsts.some((a, i) => firsts.some((b, j) => i < j && !disjoint(a, b)));
  if (overlapping) return sequences.map((sequence) => sequence.map((atom) => atom.rust).join(''));
  const ordered = [...groups.values()].sort((a, b) => a.first.spans[0][0] - b.first.spans[0][0]);
  return ordered.map(({ first, rests }) => {
    const alternatives = trie(rests);
    return alternatives.length === 1 ? first.rust + alternatives[0] : `${first.rust}(?:${alternatives.join('|')})`;
  });
}

/** The pieces of a translated regex (`{ syntax }` or an atom `{ rust, spans }`)
 * as Rust source, every `(?:…)` of plain literal alternatives written as a [`trie`]. */
function emit(pieces) {
  let out = '';
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (piece.syntax === '(?:') {
      const end = pieces.findIndex((other, j) => j > i && other.syntax && other.syntax !== '|');
      const inside = pieces.slice(i + 1, end);
      if (pieces[end].syntax === ')' && inside.some((other) => other.syntax === '|')) {
        const sequences = [[]];
        for (const other of inside) {
          if (other.syntax) sequences.push([]);
          else sequences[sequences.length - 1].push(other);
        }
        out += `(?:${trie(sequences).join('|')})`;
        i = end;
        continue;
      }
    }
    out += piece.syntax ?? piece.rust;
  }
  return out;
}

/** An atom matching the code points of `spans` (and every astral one with `astral`). */
function atom(points, astral = false) {
  const spans = ranges(points);
  if (astral) spans.push([0x10000, 0x10ffff]);
  return { rust: rustSet(points, astral), spans };
}

/** Whether a piece is a quantifier. */
const isQuantifier = (piece) => ['?', '*', '+'].includes(piece?.syntax) || piece?.syntax?.startsWith('{');

/** Whether the piece at `at` is a greedy `?` (not followed by the `?` of a lazy one). */
const isGreedyOptional = (pieces, at) => pieces[at]?.syntax === '?' && pieces[at + 1]?.syntax !== '?';

/** The index of the `)` that closes the group opened at `open`. */
function closing(pieces, open) {
  let depth = 0;
  for (let at = open; at < pieces.length; at++) {
    const syntax = pieces[at].syntax;
    if (syntax?.startsWith('(')) depth++;
    else if (syntax === ')' && --depth === 0) return at;
  }
  throw new Error('an unclosed group');
}

/** The index of the `(` of the innermost group holding index `at`, or -1 at the top. */
function opening(pieces, at) {
  let depth = 0;
  for (let before = at - 1; before >= 0; before--) {
    const syntax = pieces[before].syntax;
    if (syntax === ')') depth++;
    else if (syntax?.startsWith('(') && depth-- === 0) return before;
  }
  return -1;
}

/** The index of the first look-ahead not settled yet, or -1. */
const lookaheadAt = (pieces) => pieces.findIndex((piece) => piece.syntax === '(?=' || piece.syntax === '(?!');

/** Every code point but the surrogates, less those of `spans`. */
function complement(spans) {
  const out = [];
  let from = 0;
  for (const [start, end] of [...spans, [0xd800, 0xdfff]].sort((a, b) => a[0] - b[0])) {
    if (start > from) out.push([from, start - 1]);
    from = Math.max(from, end + 1);
  }
  if (from <= 0x10ffff) out.push([from, 0x10ffff]);
  return out;
}

/** An atom of the code points in `spans`. */
function spanAtom(spans) {
  const points = spans.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i));
  return { rust: rustSet(points), spans };
}

/** Whether every code point of `inner` is in `outer`. */
const within = (inner, outer) => inner.every(([from, to]) => outer.some(([start, end]) => start <= from && to <= end));

/** Rewrites the look-ahead at `at` (one character class, or that class or
 * the end: `(?=K|$)`, `(?!c)` being `(?=[^c]|$)`) into a capture group
 * `(K|$)` that reads the character, which is exact once nothing is matched
 * after it: its match then ends where the group starts, and a path takes it
 * exactly when the look-ahead holds. It is moved there by rewrites that keep
 * every path and their order (so the leftmost-first match and its groups):
 * `L(?:Y)?` is `(?:(?:Y)|L)` when every character of `Y` is in `K`, and an
 * optional non-capturing group after a non-capturing group ending with `L`
 * goes into each of its alternatives, `(?:A|B)R?` being `(?:AR?|BR?)`.
 * Anything else throws. */
function settleLookahead(pieces, at) {
  const end = closing(pieces, at);
  const inside = pieces.slice(at + 1, end);
  let spans;
  if (pieces[at].syntax === '(?!' && inside.length === 1 && inside[0].spans) {
    spans = complement(inside[0].spans);
  } else if (pieces[at].syntax === '(?=' && inside.length === 3 && inside[0].spans && inside[1].syntax === '|' && inside[2].syntax === '$') {
    spans = inside[0].spans;
  } else {
    throw new Error('a look-ahead other than one character or the end');
  }
  const lookahead = [{ syntax: '(', lookahead: true }, spanAtom(spans), { syntax: '|' }, { syntax: '$' }, { syntax: ')' }];
  pieces.splice(at, end - at + 1, ...lookahead);
  settle: for (;;) {
    const after = at + lookahead.length;
    const optional = pieces[after]?.syntax === '(?:' ? closing(pieces, after) : -1;
    if (optional === after + 2 && pieces[after + 1].spans && isGreedyOptional(pieces, optional + 1) && within(pieces[after + 1].spans, spans)) {
      // L(?:Y)? → (?:(?:Y)|L)
      const alternative = pieces.slice(after, optional + 1);
      pieces.splice(at, optional + 2 - at, { syntax: '(?:' }, ...alternative, { syntax: '|' }, ...lookahead, { syntax: ')' });
      at = pieces.indexOf(lookahead[0]);
      continue;
    }
    // Out of each group the look-ahead ends an alternative of.
    let next = after;
    while (pieces[next]?.syntax === '|' || pieces[next]?.syntax === ')') {
      const group = opening(pieces, next);
      if (group < 0) return;
      const close = closing(pieces, group);
      if (isQuantifier(pieces[close + 1])) throw new Error('a look-ahead in a repeated group');
      const rest = pieces[close + 1]?.syntax === '(?:' ? closing(pieces, close + 1) : -1;
      if (rest >= 0 && isGreedyOptional(pieces, rest + 1)) {
        distribute(pieces, group, close, rest + 1);
        at = pieces.indexOf(lookahead[0]);
        continue settle;
      }
      next = close + 1;
    }
    if (next === pieces.length) return;
    throw new Error('a look-ahead followed by more of the pattern');
  }
}

/** `(?:A|B)R?` → `(?:AR?|BR?)`, for the non-capturing group from `group` to
 * `close` and the optional group up to `last` (its `?`), which must hold no
 * capture group or look-ahead. */
function distribute(pieces, group, close, last) {
  const suffix = pieces.slice(close + 1, last + 1);
  if (pieces[group].syntax !== '(?:' || suffix.some((piece) => piece.syntax?.startsWith('(') && piece.syntax !== '(?:')) {
    throw new Error('a look-ahead before an optional group that cannot be distributed');
  }
  const distributed = [];
  let depth = 0;
  for (const piece of pieces.slice(group + 1, close)) {
    if (piece.syntax === '|' && depth === 0) distributed.push(...suffix);
    if (piece.syntax?.startsWith('(')) depth++;
    if (piece.syntax === ')') depth--;
    distributed.push(piece);
  }
  distributed.push(...suffix);
  pieces.splice(group + 1, last - group, ...distributed, { syntax: ')' });
}

/** Translates one JavaScript regex to the Rust `regex` dialect, as
 * `{ pattern, lookaheads }` (the capture groups its look-aheads became). A
 * case-insensitive regex (`i`) is meant for text whose ASCII letters were
 * lowercased first (byte offsets unchanged): JavaScript folds ASCII letters only
 * with each other, so its ASCII capitals are dropped from the translation. */
function translate(regex) {
  const flags = regex.flags.replace(/[gy]/g, '');
  if (/[^i]/.test(flags)) throw new Error(`unsupported flags ${regex.flags}`);
  const lowercased = flags === 'i';
  const isCapital = (unit) => unit >= 0x41 && unit <= 0x5a;
  const tokens = tokenize(regex.source);
  const pieces = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.syntax) {
      pieces.push(token);
      continue;
    }
    const units = unitsOf(token.atom, flags);
    if (units.length === 1 && isHigh(units[0])) {
      // A surrogate pair: this high surrogate, then an atom of low surrogates.
      const next = tokens[i + 1];
      const lows = next && next.atom ? unitsOf(next.atom, flags) : [];
      if (lows.length === 0 || !lows.every(isLow)) throw new Error(`lone high surrogate in ${regex.source.slice(0, 40)}`);
      pieces.push(atom(lows.map((low) => 0x10000 + ((units[0] - 0xd800) << 10) + (low - 0xdc00))));
      i++;
      continue;
    }
    const members = new Set(units);
    const isLetter = (unit) => isCapital(unit & ~0x20);
    if (lowercased && units.some((unit) => isLetter(unit) && !members.has(unit ^ 0x20))) {
      throw new Error(`a case-insensitive atom that is not case-symmetric: ${token.atom}`);
    }
    const bmp = units.filter((unit) => !isHigh(unit) && !isLow(unit) && !(lowercased && isCapital(unit)));
    const surrogates = units.length - units.filter((unit) => !isHigh(unit) && !isLow(unit)).length;
    if (surrogates === 0) {
      pieces.push(atom(bmp));
    } else if (surrogates === 0x800) {
      pieces.push(atom(bmp, true));
    } else {
      throw new Error(`an atom matching some surrogates: ${token.atom}`);
    }
  }
  for (let at = lookaheadAt(pieces); at >= 0; at = lookaheadAt(pieces)) settleLookahead(pieces, at);
  const groups = pieces.filter((piece) => piece.syntax?.startsWith('(') && !piece.syntax.startsWith('(?'));
  const lookaheads = groups.flatMap((group, index) => (group.lookahead ? [index + 1] : []));
  return { pattern: emit(pieces), lookaheads };
}

/** extractUrl cut after its domain (group 5): the host and the port, path
 * and query that may follow it, each a regex of its own (the second anchored
 * where the domain ends), so that the TLD's look-ahead ends the first. */
function splitExtractUrl() {
  const url = regexp('extractUrl');
  const tail = `(?::(${regexp('validPortNumber').source}))?`;
  const cut = url.source.indexOf(tail);
  if (cut < 0 || url.source.indexOf(tail, cut + 1) >= 0 || !url.source.endsWith('))')) {
    throw new Error('extractUrl is no longer ((before)((protocol)?(domain)(?::(port))?…))');
  }
  return [new RegExp(`${url.source.slice(0, cut)}))`, url.flags), new RegExp(`^${url.source.slice(cut, -2)}`, url.flags)];
}
const [urlHost, urlTail] = splitExtractUrl();

const patterns = [
  ['EXTRACT_URL_HOST', 'twitter-text/dist/regexp/extractUrl', 'The URL finder up to the host: groups 2 before, 3 URL, 4 protocol, 5 domain (which [`EXTRACT_URL_TAIL`] continues).', translate(urlHost)],
  ['EXTRACT_URL_TAIL', 'twitter-text/dist/regexp/extractUrl', "The rest of the URL finder, anchored where the domain ends: groups 1 port, 2 path (the finder's 6 and 7), 3 query.", translate(urlTail)],
  ['VALID_ASCII_DOMAIN', 'twitter-text/dist/regexp/validAsciiDomain', 'An ASCII (and Latin-accented) domain with a known TLD.', translate(regexp('validAsciiDomain'))],
  ['VALID_TCO_URL', 'twitter-text/dist/regexp/validTcoUrl', 'A t.co URL: group 1 is its slug.', translate(regexp('validTcoUrl'))],
  ['EMOJI', 'twemoji-parser/dist/lib/regex', 'One emoji as twemoji-parser finds it (sequences, flags, keycaps, a lone VS16).', translate(twemoji)],
];

const invalidChars = unitsOf(regexp('invalidChars').source, '');
const rangesRust = config.ranges
  .map((range) => `    WeightRange { start: 0x${range.start.toString(16).toUpperCase()}, end: 0x${range.end.toString(16).toUpperCase()}, weight: ${range.weight} },`)
  .join('\n');

const text = `// @generated by tests/tone/gen_twitter_text_patterns.mjs from the npm packages
// twitter-text ${twitterVersion} (Apache-2.0, Copyright Twitter, Inc.) and
// twemoji-parser ${twemojiVersion} (MIT, Copyright Twitter, Inc.). Do not edit: run
// \`node tests/tone/gen_twitter_text_patterns.mjs\` after changing either package.
//! twitter-text's regexes translated to the \`regex\` dialect (code points,
//! case folded as JavaScript folds it, look-aheads as groups that read the
//! character), and its weighting configuration v3.

/// A range of code points and what each weighs (scaled by [\`SCALE\`]).
pub struct WeightRange {
    /// First code point (UTF-16 code unit in twitter-text) of the range.
    pub start: u32,
    /// Last code point of the range, inclusive.
    pub end: u32,
    /// Weight of each, scaled.
    pub weight: usize,
}

/// The most weighted characters a tweet may have.
pub const MAX_WEIGHTED_TWEET_LENGTH: usize = ${config.maxWeightedTweetLength};
/// Weights are integers scaled by this much.
pub const SCALE: usize = ${config.scale};
/// Weight (scaled) of code points outside [\`RANGES\`], and of each emoji.
pub const DEFAULT_WEIGHT: usize = ${config.defaultWeight};
/// What a URL counts, whatever its length (unscaled).
pub const TRANSFORMED_URL_LENGTH: usize = ${config.transformedURLLength};
/// Characters that make a tweet invalid (\`invalidChars\`).
pub const INVALID_CHARS: [char; ${invalidChars.length}] = [${invalidChars.map((unit) => `'\\u{${unit.toString(16).toUpperCase()}}'`).join(', ')}];
/// Code point ranges with their own weight.
pub const RANGES: [WeightRange; ${config.ranges.length}] = [
${rangesRust}
];
${patterns
  .map(([name, source, doc, { pattern, lookaheads }]) => `
/// ${doc} From \`${source}\`.
pub const ${name}: &str = r"${pattern}";
${
  lookaheads.length === 0
    ? ''
    : `/// The capture groups of [\`${name}\`] that read the character after a look-ahead (or the
/// end): when one takes part, the match ends where it starts.
pub const ${name}_LOOKAHEADS: [usize; ${lookaheads.length}] = [${lookaheads.join(', ')}];
`
}`)
  .join('')}`;

if (process.argv.includes('--check')) {
  const current = readFileSync(output, 'utf8');
  if (current !== text) {
    console.error(`${output} is stale: run node tests/tone/gen_twitter_text_patterns.mjs`);
    process.exit(1);
  }
  console.log(`twitter-text patterns up to date (twitter-text ${twitterVersion}, twemoji-parser ${twemojiVersion})`);
} else {
  writeFileSync(output, text);
  console.log(`wrote ${output} (${text.length} bytes)`);
}
