// Loads the console's own WebAssembly (wasm-bindgen `--target web` glue;
// the side panel and options page never load it) and mounts the Yew console
// (the lead's reports, guidelines, templates, ideas and members) into #app.
// A module script, so no inline code is needed under the MV3 content
// security policy.
import init, { start_console_page } from "./pkg/socialcare_console.js";

try {
  await init();
  start_console_page();
} catch (error) {
  document.getElementById("app").textContent = `Socialcare could not start: ${error}`;
  throw error;
}
