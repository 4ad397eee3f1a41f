// The reference side of the differential test of X's length rule: generates
// tweets from a fixed seed and prints, one JSON object a line, what the
// official twitter-text npm package (v3, `parseTweet`) says of each:
//   {"category": "...", "text": "...", "weightedLength": N, "valid": bool}
// Usage: node tests/tone/twitter_text_oracle.mjs [count] [seed]
// (tests/tone_length.rs runs it with 3,000 tweets and compares ours.)
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const twitter = require('twitter-text');

const count = Number(process.argv[2] ?? 3000);
const seed = Number(process.argv[3] ?? 20261129);

/** mulberry32: a small, well-known deterministic PRNG. */
function prng(state) {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(seed);
const int = (n) => Math.floor(random() * n);
const pick = (list) => list[int(list.length)];
const repeat = (n, make) => Array.from({ length: n }, make).join('');

// Material the tweets are made of.
const words = ['hello', 'order', 'refund', 'late', 'thanks', 'support', 'the', 'is', 'ok', 'x', 'a1', 'UPPER'];
const cjk = ['故人西辞', '黄鹤楼', '烟花三月', '注文', 'ありがとう', 'カタカナ', '한국어', '안녕하세요', '中文', '。', '、', '「', '」', '！'];
const accented = ['é', 'café', 'naïve', 'Ångström', 'ß', 'œuvre', 'ﬁ', 'ﬂ', 'ﬀ', 'Ǆ', 'ĳ', 'ø', 'Ł', 'ñ', 'ü', 'İ', 'ı', 'ſ', 'K'];
const combining = ['e\u0301', 'a\u0308', 'o\u0302\u0323', 'n\u0303', 'A\u030A', 'e\u0301\u0302\u0303', 'ש\u05BC\u05C1', 'x\u20DD', '\u0301', '\u1100\u1161\u11A8', 'ก\u0E35'];
const rtl = ['مرحبا', 'شكرا لك', 'שלום', 'תודה', 'سلام', 'عربي', '\u200F', '\u200E', '\u202B', '\u202C', '\u061C', '\u2066', '\u2067', '\u2069', '\u202E'];
const emoji = [
  '😀', '😷', '🐱', '🔥', '💩', '👍', '👍🏽', '👋🏿', '🙋🏽‍♀️', '👨‍🎤', '👩🏽‍💻', '👨‍👩‍👧‍👦', '👩‍❤️‍💋‍👨',
  '🏳️‍🌈', '🏴‍☠️', '🇯🇵', '🇫🇷', '🇺🇸', '🇦', '🇿🇿', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '1️⃣', '#️⃣', '*⃣', '©️', '®', '™️', '☺', '☺️', '☺︎',
  '❤', '❤️', '❤︎', '✌🏻', '☝', '⛹🏽‍♂️', '🕴️', '🧑‍🎄', '🫠', '🥲', '🧑🏾‍🦯', '😮‍💨', '❤️‍🔥', '🐈‍⬛', '🦩',
  '\u2764\uFE0E', '\uFE0F', '\u200D', '🏻', '⌚', '↔️', '⬆', '〰️', '🀄', '🅰️', '🈂', '🗨️', '👁️‍🗨️', '🧜‍♀️', '🤼‍♂️',
];
const symbols = ['…', '—', '–', '‘', '’', '“', '”', '′', '‷', '€', '£', '¥', '©', '°', '±', '→', '★', '♪', '\u2000', '\u200A', '\u200B', '\u200C', '\u3000', '\u00A0', '\uFEFF', '\uFFFE', '\uFFFF', '\u2028', '𝐀', '𐍈', '🄰'];
const punctuation = ['.', ',', '!', '?', ':', ';', '(', ')', '[', ']', '"', "'", '-', '_', '/', '@', '＠', '#', '＃', '$', '%', '&', '*', '+', '=', '~', '|', '<', '>', '…'];
const gaps = [' ', ' ', ' ', '', '\n', '\t', '  ', '\u3000'];

// URL parts: real and unknown TLDs, IDN and punycode labels, ports, paths.
const tlds = ['com', 'org', 'net', 'co', 'tv', 'jp', 'co.uk', 'de', 'io', 'ly', 'me', 'fr', 'xyz', 'app', 'dev', 'shop', 'online', 'COM', 'Co', 'рф', 'рус', 'みんな', '中国', 'xn--p1ai', 'museum', 'onion', 'invalidtld', 'txt', 'c', 'comx', 'js', 'p', 'example'];
const labels = ['example', 'test', 'twitter', 'bit', 't', 'a', 'x-y', 'my_site', '-bad', 'bad-', 'xn--80ak6aa92e', 'xn--bad', 'münchen', 'bücher', 'пример', '例子', 'ドメイン', 'ex4mple', '123', 'sub.domain', 'www', 'WWW', 'l'.repeat(63), 'l'.repeat(64), 'ü'.repeat(30)];
const paths = ['', '', '/', '/path', '/a/b.html', '/Русские_слова', '/wiki/Foo_(bar)', '/x?y=1&z=2', '?q=search', '#frag', '/#!/user', '/p.', '/p,', '/p!', '/p)', '/p(', '/(a(b))', '/é/ü', '/中文', '/~user/', '/a-', '/a+', '/a=b', '/%E2%98%83', '/@user/', '?q=a.b.', '/path/'];
const ports = ['', '', '', ':8080', ':0', ':', ':abc'];
// What may stand right before or after a URL: ASCII and full-width signs,
// letters of several scripts, directional marks, emoji, invalid characters.
const boundaries = ['', ' ', '-', '_', '.', '/', '@', '＠', '#', '＃', '$', '+', '=', '1', 'a', 'Z', 'é', 'ß', 'ſ', 'K', '故', 'の', 'ا', '\u200F', '\u202A', '\u2066', '\u061C', '(', ')', ':', '!', '?', ',', "'", '"', '🇯🇵', '😀', '\uFEFF', '\u3000', '\u00A0', '\n'];

function host() {
  const parts = [];
  const n = 1 + int(3);
  for (let i = 0; i < n; i++) parts.push(pick(labels));
  return parts.join('.') + '.' + pick(tlds);
}

function url() {
  const kind = int(10);
  if (kind === 0) return `https://t.co/${repeat(1 + int(45), () => pick('abcXYZ019'))}${pick(['', '', '?amp=1', '/extra', '.'])}`;
  if (kind === 1) return `http://${pick(['192.168.0.1', '256.1.2.3', '[::1]', 'user:pass@example.com', 'localhost'])}${pick(paths)}`;
  if (kind === 2) return `${pick(['ftp://', 'hxxp://', 'HTTP://', 'https:/', 'https//'])}${host()}${pick(paths)}`;
  const protocol = pick(['', '', '', 'http://', 'https://', 'HTTPS://', 'www.', 'http://www.', 'WWW.']);
  return protocol + host() + pick(ports) + pick(paths);
}

const pieces = {
  word: () => pick(words),
  cjk: () => pick(cjk),
  accented: () => pick(accented),
  combining: () => pick(combining),
  rtl: () => pick(rtl),
  emoji: () => pick(emoji),
  symbol: () => pick(symbols),
  punctuation: () => pick(punctuation),
  url,
};

/** A piece of text of a given kind; `glue` joins pieces with no space. */
function sequence(kinds, length, glueChance) {
  let text = '';
  for (let i = 0; i < length; i++) {
    text += pieces[pick(kinds)]();
    text += random() < glueChance ? '' : pick(gaps);
  }
  return text;
}

// Each category stresses one thing that twitter-text gets subtle about.
const categories = {
  'url glued to CJK': () => sequence(['cjk', 'url', 'cjk', 'word'], 2 + int(5), 0.8),
  'url glued to accents and ligatures': () => sequence(['accented', 'url', 'combining', 'word'], 2 + int(5), 0.8),
  'www and protocol-less domains': () => sequence(['url', 'word', 'punctuation'], 2 + int(6), 0.5),
  'url boundaries': () => {
    const address = pick(['', '', 'http://', 'https://', 'www.', 'WWW.']) + host() + pick(['', '', '', '/', '/path', ':80']);
    return pick(boundaries) + pick(boundaries) + address + pick(boundaries) + pick(boundaries) + (random() < 0.3 ? url() : '');
  },
  'url punctuation': () => sequence(['punctuation', 'url', 'punctuation'], 3 + int(6), 0.85),
  'emoji sequences': () => sequence(['emoji', 'emoji', 'word', 'symbol'], 2 + int(12), 0.7),
  'flags and keycaps': () => repeat(1 + int(10), () => pick(['🇯🇵', '🇦', '🇿', '🇩🇪🇫🇷', '1️⃣', '1⃣', '#⃣', '0️', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '🏴󠁡󠁢󠁣󠁿', ' '])),
  'combining marks': () => sequence(['combining', 'accented', 'word', 'cjk'], 2 + int(10), 0.6),
  'rtl text': () => sequence(['rtl', 'url', 'rtl', 'word', 'emoji'], 2 + int(10), 0.6),
  'symbols and invalid characters': () => sequence(['symbol', 'word', 'punctuation', 'cjk'], 1 + int(10), 0.5),
  'mixed': () => sequence(Object.keys(pieces), 1 + int(20), 0.4),
  'near the limit': () => {
    const target = 250 + int(60);
    let text = '';
    while (twitter.parseTweet(text).weightedLength < target) {
      text += sequence(Object.keys(pieces), 1, 0.3);
    }
    return text;
  },
  'overlong': () => sequence(Object.keys(pieces), 60 + int(120), 0.3),
  'blank and tiny': () => pick(['', ' ', '\n', '\t', '\u3000', '.', 'a', '\u200B', '\uFEFF', '\u0301', 'a.co', '.com', 'com.', 'www.', 'http://', 'x.y']),
};

const names = Object.keys(categories);
for (let i = 0; i < count; i++) {
  const category = names[i % names.length];
  const text = categories[category]();
  const { weightedLength, valid } = twitter.parseTweet(text);
  process.stdout.write(JSON.stringify({ category, text, weightedLength, valid }) + '\n');
}
