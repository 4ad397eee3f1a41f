// Loads the extension's WebAssembly (wasm-bindgen `--target web` glue) and
// mounts the Yew side panel into #app. A module script, so no inline code is
// needed under the MV3 content security policy.
import init, { start_side_panel } from "./pkg/socialcare_pages.js";

try {
  await init();
  start_side_panel();
} catch (error) {
  document.getElementById("app").textContent = `Socialcare could not start: ${error}`;
  throw error;
}
