// Loads the extension's UI module (wasm-bindgen `--target web` glue; the
// same module serves the options page and the console) and mounts the Yew
// side panel into #app. A module script, so no inline code is
// needed under the MV3 content security policy.
//
// Loaded `async`, with no static import, it runs as soon as it arrives,
// while the page is still parsed: it opens the panel's port first (the
// worker builds the first view while this page loads its module; the panel
// adopts the port, pages/src/port.rs, with whatever the worker said
// meanwhile), compiles the module's wasm as it streams in while it imports
// the glue (both preloaded by the page), instantiates the compiled module
// and waits for #app only to mount.
//
// The template engine (the tone module, extension/tone) is not part of the
// panel's module: it is loaded here, once, when an item first has suggested
// replies to preview (pages/src/panel/template_renderer.rs).

globalThis.socialcareEarlyPorts = { panel: earlyPort("panel") };
// Compiled off the main thread while the glue is imported and the page parsed.
const panelModule = WebAssembly.compileStreaming(fetch(new URL("pkg/socialcare_ui_bg.wasm", import.meta.url)));

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

/** Resolves once the page is parsed (at once when it already is). */
function parsed() {
  if (document.readyState !== "loading") return Promise.resolve();
  return new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}

try {
  const { default: init, start_side_panel } = await import("./pkg/socialcare_ui.js");
  await init({ module_or_path: await panelModule });
  await parsed();
  start_side_panel();
} catch (error) {
  await parsed();
  document.getElementById("app").textContent = couldNotStart(error);
  throw error;
}

/** "Socialcare could not start: ERROR" in the browser's UI language. */
function couldNotStart(error) {
  const i18n = (globalThis.browser ?? globalThis.chrome)?.i18n;
  return i18n?.getMessage("common_could_not_start", [String(error)]) || `Socialcare could not start: ${error}`;
}
