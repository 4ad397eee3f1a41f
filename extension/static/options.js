// Loads the pages' WebAssembly (wasm-bindgen `--target web` glue) and
// mounts the Yew options page into #app. A module script, so no inline code
// is needed under the MV3 content security policy.
import init, { start_options_page } from "./pkg/socialcare_pages.js";

try {
  await init();
  start_options_page();
} catch (error) {
  document.getElementById("app").textContent = `Socialcare could not start: ${error}`;
  throw error;
}
