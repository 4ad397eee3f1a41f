// Loads the extension's UI module (wasm-bindgen `--target web` glue; the
// same module serves the side panel and the console) and mounts the Yew
// options page into #app. A module script, so no inline code
// is needed under the MV3 content security policy.
import init, { start_options_page } from "./pkg/socialcare_ui.js";

try {
  await init();
  start_options_page();
} catch (error) {
  document.getElementById("app").textContent = couldNotStart(error);
  throw error;
}

/** "Socialcare could not start: ERROR" in the browser's UI language. */
function couldNotStart(error) {
  const i18n = (globalThis.browser ?? globalThis.chrome)?.i18n;
  return i18n?.getMessage("common_could_not_start", [String(error)]) || `Socialcare could not start: ${error}`;
}
