// Loads the extension's UI module (wasm-bindgen `--target web` glue; the
// same module serves the side panel and the console) and mounts the Yew
// options page into #app. A module script, so no inline code
// is needed under the MV3 content security policy.
import init, { start_options_page } from "./pkg/socialcare_ui.js";

try {
  await init();
  start_options_page();
} catch (error) {
  document.getElementById("app").textContent = `Socialcare could not start: ${error}`;
  throw error;
}
