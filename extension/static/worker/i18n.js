// The worker's words for the agent (the toolbar's tooltip, the context menu,
// notifications, the reasons it answers pages with), in the browser's UI
// language: messages of the extension's catalogue (extension/locales).

const i18n = (globalThis.browser ?? globalThis.chrome).i18n;

/**
 * The message `key` with its placeholders filled with `substitutions`, as
 * text. An unknown key reads as itself.
 */
export function text(key, ...substitutions) {
  return i18n.getMessage(key, substitutions.map(String)) || key;
}

/** The UI language's plural rule, made on first use. */
let pluralRules;

/** The form of the plural message `key` (`key_one`, `key_other`, …) for `count`, the language's plural rule deciding. */
export function countText(key, count, ...substitutions) {
  pluralRules ??= new Intl.PluralRules(i18n.getUILanguage());
  const form = pluralRules.select(count);
  return i18n.getMessage(`${key}_${form}`, substitutions.map(String)) || text(`${key}_other`, ...substitutions);
}

/** The UI language's number formats made so far, by their count of decimals. */
const numberFormats = new Map();

/**
 * A number written as the English writes it (`12.3`, `-0.45`, `63206`) as
 * the UI language writes it, with as many decimals (`12,3`, `63,206`).
 */
export function numberText(english) {
  const decimals = english.split('.')[1]?.length ?? 0;
  let format = numberFormats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat(i18n.getUILanguage(), { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    numberFormats.set(decimals, format);
  }
  const value = Number(english);
  return Number.isFinite(value) ? format.format(value) : english;
}
