// The extension's messages: every locale whole and consistent with English,
// every message the code asks for defined, and none defined that nothing asks
// for. Run by `make test-extension`: node --test extension/locales/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DEFAULT_LOCALE, loadCatalogs } from './catalog.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
/** Where the extension's code asks for messages. */
const SOURCES = ['extension/static', 'extension/pages/src', 'extension/console/src', 'src/tone'];

/** Every file under `dir` whose name ends in one of `endings`. */
function files(dir, endings) {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && endings.some((ending) => entry.name.endsWith(ending)))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/**
 * What the code says of messages: `asked`, the keys it asks for by name
 * (`text('content_badge_ours')`, `t("panel_claim")`, `__MSG_extension_name__`),
 * `prefixes`, the fixed starts of keys it builds
 * (`word(\`content_status_${status}\`)`, `t(&format!("common_status_{}", …))`),
 * `plurals`, the plural messages it counts with, `ordinals`, the messages
 * it words an ordinal with (`key_one_form`, …), and `mentioned`, every
 * snake_case string in it (a key chosen by a condition is named in one).
 */
function messagesInCode() {
  const asked = new Set();
  const prefixes = new Set();
  const plurals = new Set();
  const ordinals = new Set();
  const mentioned = new Set();
  const call = /\b(?:text|word|countText|getMessage|t|t_with|t_count)\(\s*&?(?:format!\()?(['"`])([a-z][a-z0-9_]*)(\$\{|\{|\1)/g;
  const plural = /\b(?:countText|t_count)\(\s*(['"`])([a-z][a-z0-9_]*)\1/g;
  const builtStart = /(?:`|format!\(")([a-z][a-z0-9_]*_)(?:\$\{|\{)/g;
  for (const dir of SOURCES) {
    for (const file of files(dir, ['.js', '.rs', '.json', '.html'])) {
      const code = readFileSync(file, 'utf8');
      for (const [, , key, end] of code.matchAll(call)) (end === '${' || end === '{' ? prefixes : asked).add(key);
      for (const [, , key] of code.matchAll(plural)) plurals.add(key);
      for (const [, key] of code.matchAll(/\bt_ordinal\(\s*"([a-z][a-z0-9_]*)"/g)) ordinals.add(key);
      for (const [, key] of code.matchAll(/__MSG_([a-z][a-z0-9_]*)__/g)) asked.add(key);
      for (const [, , key] of code.matchAll(/(['"`])([a-z][a-z0-9_]*)\1/g)) mentioned.add(key);
      for (const [, start] of code.matchAll(builtStart)) prefixes.add(start);
    }
  }
  for (const key of plurals) asked.delete(key);
  return { asked, prefixes, plurals, ordinals, mentioned };
}

const { catalogs, problems } = loadCatalogs();
const english = catalogs[DEFAULT_LOCALE];

test('every locale has every message, the plural forms its language has and the placeholders English has', () => {
  assert.deepEqual(problems, []);
  assert.ok(Object.keys(catalogs).length >= 2, `locales: ${Object.keys(catalogs)}`);
});

test('every message the code asks for is in the catalogue', () => {
  const { asked, prefixes, plurals, ordinals } = messagesInCode();
  const missing = [...asked].filter((key) => !(key in english) && key !== '@@bidi_dir');
  assert.deepEqual(missing, [], 'keys the code names that extension/locales/en does not define');
  const noForms = [...plurals].filter((key) => !(`${key}_other` in english));
  assert.deepEqual(noForms, [], 'plural messages without an _other form');
  const noOrdinal = [...ordinals].filter((key) => !(`${key}_other_form` in english));
  assert.deepEqual(noOrdinal, [], 'ordinal messages without an _other_form');
});

test('every message in the catalogue is asked for by the code', () => {
  const { asked, prefixes, plurals, ordinals, mentioned } = messagesInCode();
  const unused = Object.keys(english).filter((key) => {
    const base = key.replace(/_(zero|one|two|few|many|other)(_form)?$/, '');
    return !asked.has(key) && !mentioned.has(key) && !plurals.has(base) && !ordinals.has(base) && !mentioned.has(base)
      && ![...prefixes].some((prefix) => key.startsWith(prefix));
  });
  assert.deepEqual(unused, [], 'messages nothing uses');
});

test('the check finds a missing message, a missing plural form and a changed placeholder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'locales-'));
  const write = (locale, messages) => {
    mkdirSync(join(dir, locale), { recursive: true });
    writeFileSync(join(dir, locale, 'area.json'), JSON.stringify(messages));
  };
  const hello = { message: 'Hello $NAME$', description: 'A greeting.', placeholders: { name: { content: '$1' } } };
  write('en', {
    hello,
    gone: { message: 'Gone', description: 'Left out below.' },
    items_one: { message: 'one item', description: 'A count.' },
    items_other: { message: '$N$ items', description: 'A count.', placeholders: { n: { content: '$1' } } },
  });
  write('ar', {
    hello: { message: 'مرحبا $WHO$', placeholders: { who: { content: '$2' } } },
    items_one: { message: 'عنصر' },
    items_other: { message: '$N$ عنصر', placeholders: { n: { content: '$1' } } },
  });
  const found = loadCatalogs(dir).problems.join('\n');
  assert.match(found, /ar: gone is missing/);
  assert.match(found, /ar: plural items has forms one,other, the language has few,many,one,other,two,zero/);
  assert.match(found, /ar: hello takes other substitutions than in en/);
});
