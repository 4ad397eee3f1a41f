// Loads the extension's UI module (wasm-bindgen `--target web` glue; the
// same module serves the side panel and the options page) and mounts the
// Yew console (the lead's reports, guidelines, templates, ideas and members)
// into #app. A module script, so no inline code is needed under the MV3
// content security policy.
//
// The tone and template engines (the tone module, extension/tone) are not
// part of the console's module: the console calls the loader left here once,
// after its first render (console/src/tone_engine.rs), and checks
// guidelines and templates through the module's exports.
import init, { start_console_page } from "./pkg/socialcare_ui.js";

// The page's title in the browser's UI language (`__MSG_` does not work in
// an extension page's HTML); console.html's English title where the page
// has no `chrome.i18n`.
document.title = globalThis.chrome?.i18n?.getMessage("console_title") || document.title;

let toneEngine;
/**
 * Loads the tone module once; resolves to its exports. Its sentiment rules
 * score with the verdict module's VADER (`globalThis.socialcareSentiment`,
 * the core's `host-sentiment` feature), loaded beside it: VADER's tables
 * ship once, in the verdict module.
 */
globalThis.socialcareToneEngine = () =>
  (toneEngine ??= Promise.all([import("./pkg/socialcare_tone.js"), import("./pkg/socialcare_worker.js")])
    .then(async ([tone, verdicts]) => {
      await Promise.all([tone.default(), verdicts.default()]);
      globalThis.socialcareSentiment = verdicts.compound_sentiment;
      return tone;
    }));

try {
  await init();
  start_console_page();
} catch (error) {
  // The message in the browser's UI language (the extension's catalogue);
  // the bare error where the page has no `chrome.i18n`.
  document.getElementById("app").textContent =
    globalThis.chrome?.i18n?.getMessage("common_could_not_start", [String(error)]) || String(error);
  throw error;
}
