// The extension's messages in every language it ships, read from
// `extension/locales/<locale>/<area>.json` (Chrome's `messages.json` format:
// `{ key: { message, description, placeholders } }`, one file per area of
// the extension) and checked before `make extension` merges them into the
// `_locales/<locale>/messages.json` the browsers read (`i18n.getMessage`).
//
// A message whose key ends in `_zero`, `_one`, `_two`, `_few`, `_many` or
// `_other` is one form of a plural message: the pages pick the form with
// `Intl.PluralRules` of the browser's language, and each locale gives
// exactly the forms its language has.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the catalogue's sources live. */
export const LOCALES_DIR = new URL('.', import.meta.url).pathname;

/** The locale every other is checked against, and the manifest's `default_locale`. */
export const DEFAULT_LOCALE = 'en';

const PLURAL_FORM = /^(.+)_(zero|one|two|few|many|other)$/;
const KEY = /^[a-z][a-z0-9_]*$/;
const PLACEHOLDER_USE = /\$([A-Za-z0-9_]+)\$/g;

/** The locales with a folder of their own, `en` first. */
export function locales(dir = LOCALES_DIR) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => (a === DEFAULT_LOCALE ? -1 : b === DEFAULT_LOCALE ? 1 : a.localeCompare(b)));
}

/** One locale's area files, by file name. */
function areas(dir, locale) {
  return Object.fromEntries(
    readdirSync(join(dir, locale))
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => [name, JSON.parse(readFileSync(join(dir, locale, name), 'utf8'))]),
  );
}

/** The BCP 47 tag of a Chrome locale folder name (`pt_BR` → `pt-BR`). */
export function languageTag(locale) {
  return locale.replace('_', '-');
}

/**
 * Reads and checks every locale. Answers `{ catalogs, problems }`:
 * `catalogs` maps each locale to its merged messages, `problems` lists what
 * is wrong, in words (empty when the catalogue is whole).
 */
export function loadCatalogs(dir = LOCALES_DIR) {
  const problems = [];
  const catalogs = {};
  const all = locales(dir);
  if (!all.includes(DEFAULT_LOCALE)) return { catalogs, problems: [`no ${DEFAULT_LOCALE} folder in ${dir}`] };
  const englishAreas = Object.keys(areas(dir, DEFAULT_LOCALE));
  for (const locale of all) {
    const files = areas(dir, locale);
    const merged = {};
    for (const name of englishAreas) {
      if (!(name in files)) problems.push(`${locale}: ${name} is missing`);
    }
    for (const [name, messages] of Object.entries(files)) {
      if (!englishAreas.includes(name)) problems.push(`${locale}: ${name} has no ${DEFAULT_LOCALE} counterpart`);
      for (const [key, entry] of Object.entries(messages)) {
        if (!KEY.test(key)) problems.push(`${locale}/${name}: ${key} is not a lower-case snake_case key`);
        if (key in merged) problems.push(`${locale}/${name}: ${key} is also defined in another area`);
        if (typeof entry?.message !== 'string') problems.push(`${locale}/${name}: ${key} has no message`);
        merged[key] = entry;
      }
    }
    catalogs[locale] = merged;
  }
  const english = catalogs[DEFAULT_LOCALE];
  for (const [key, entry] of Object.entries(english)) {
    if (!entry.description) problems.push(`${DEFAULT_LOCALE}: ${key} has no description for translators`);
  }
  const englishShape = shape(english);
  for (const locale of all) {
    problems.push(...checkPlaceholders(locale, catalogs[locale]));
    problems.push(...checkAgainstEnglish(locale, catalogs[locale], englishShape));
  }
  return { catalogs, problems };
}

/**
 * A catalogue's messages by name, a plural message under its base name
 * with the forms it has.
 */
function shape(messages) {
  const singles = new Map();
  const plurals = new Map();
  for (const [key, entry] of Object.entries(messages)) {
    const form = key.match(PLURAL_FORM);
    if (form) {
      if (!plurals.has(form[1])) plurals.set(form[1], new Map());
      plurals.get(form[1]).set(form[2], entry);
    } else {
      singles.set(key, entry);
    }
  }
  return { singles, plurals };
}

/** Each `$NAME$` a message uses is declared, and each declaration is `$1` to `$9`. */
function checkPlaceholders(locale, messages) {
  const problems = [];
  for (const [key, entry] of Object.entries(messages)) {
    const declared = Object.keys(entry.placeholders ?? {}).map((name) => name.toLowerCase());
    for (const [, name] of String(entry.message).matchAll(PLACEHOLDER_USE)) {
      if (!declared.includes(name.toLowerCase())) problems.push(`${locale}: ${key} uses $${name}$ without declaring it`);
    }
    for (const [name, placeholder] of Object.entries(entry.placeholders ?? {})) {
      if (!/^\$[1-9]$/.test(placeholder?.content ?? '')) {
        problems.push(`${locale}: ${key}'s placeholder ${name} is not "$1" to "$9"`);
      }
    }
  }
  return problems;
}

/** The substitutions (`$1`..) a message's placeholders take, as a sorted list. */
function substitutions(entry) {
  return Object.values(entry.placeholders ?? {})
    .map((placeholder) => placeholder.content)
    .sort()
    .join(',');
}

/**
 * `locale` has the same messages as English, plural messages with exactly
 * the forms its language has, and each message takes the same substitutions.
 */
function checkAgainstEnglish(locale, messages, english) {
  const problems = [];
  const { singles, plurals } = shape(messages);
  for (const key of english.singles.keys()) if (!singles.has(key)) problems.push(`${locale}: ${key} is missing`);
  for (const key of singles.keys()) if (!english.singles.has(key)) problems.push(`${locale}: ${key} is not in ${DEFAULT_LOCALE}`);
  for (const [key, entry] of singles) {
    const englishEntry = english.singles.get(key);
    if (englishEntry && substitutions(entry) !== substitutions(englishEntry)) {
      problems.push(`${locale}: ${key} takes other substitutions than in ${DEFAULT_LOCALE}`);
    }
  }
  const categories = new Intl.PluralRules(languageTag(locale)).resolvedOptions().pluralCategories;
  for (const key of english.plurals.keys()) if (!plurals.has(key)) problems.push(`${locale}: plural ${key} is missing`);
  for (const [key, forms] of plurals) {
    const englishForms = english.plurals.get(key);
    if (!englishForms) {
      problems.push(`${locale}: plural ${key} is not in ${DEFAULT_LOCALE}`);
      continue;
    }
    const wanted = [...categories].sort().join(',');
    const given = [...forms.keys()].sort().join(',');
    if (wanted !== given) problems.push(`${locale}: plural ${key} has forms ${given}, the language has ${wanted}`);
    const allowed = new Set(substitutions(englishForms.get('other') ?? {}).split(','));
    for (const [form, entry] of forms) {
      for (const each of substitutions(entry).split(',').filter(Boolean)) {
        if (!allowed.has(each)) problems.push(`${locale}: ${key}_${form} takes ${each}, which ${DEFAULT_LOCALE}'s ${key}_other does not`);
      }
    }
  }
  return problems;
}
