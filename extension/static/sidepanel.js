// Loads the extension's WebAssembly (wasm-bindgen `--target web` glue) and
// mounts the Yew side panel into #app. A module script, so no inline code is
// needed under the MV3 content security policy.
//
// The panel's port opens before the module loads, so the worker builds the
// first view while this page compiles its WebAssembly; the panel adopts the
// port (pages/src/port.rs) with whatever the worker said meanwhile.
//
// The template engine (the tone module, extension/tone) is not part of the
// panel's module: it is loaded here, once, when an item first has suggested
// replies to preview (pages/src/panel/template_renderer.rs).
import init, { start_side_panel } from "./pkg/socialcare_pages.js";

globalThis.socialcareEarlyPorts = { panel: earlyPort("panel") };

let templateEngine;
/** Loads the tone module once; resolves to its `render(body, platform, context)`. */
globalThis.socialcareTemplateRenderer = () =>
  (templateEngine ??= import("./pkg/socialcare_tone.js").then(async (tone) => {
    await tone.default();
    return tone.render;
  }));

/**
 * A runtime port opened now, shaped like a port, that keeps the messages
 * (and the disconnection) it hears until its first listener takes them.
 */
function earlyPort(name) {
  const runtime = (globalThis.browser ?? globalThis.chrome)?.runtime;
  if (!runtime?.connect) return undefined;
  const port = runtime.connect({ name });
  const heard = [];
  let gone = false;
  const keep = (message) => heard.push(message);
  port.onMessage.addListener(keep);
  port.onDisconnect.addListener(() => {
    gone = true;
  });
  return {
    onMessage: {
      addListener(listener) {
        port.onMessage.removeListener(keep);
        port.onMessage.addListener(listener);
        // Before any later message (those come in tasks), in their order.
        queueMicrotask(() => heard.splice(0).forEach((message) => listener(message, port)));
      },
    },
    onDisconnect: {
      addListener(listener) {
        if (gone) queueMicrotask(() => listener(port));
        else port.onDisconnect.addListener(listener);
      },
    },
    postMessage: (message) => port.postMessage(message),
    disconnect: () => port.disconnect(),
  };
}

try {
  await init();
  start_side_panel();
} catch (error) {
  document.getElementById("app").textContent = `Socialcare could not start: ${error}`;
  throw error;
}
