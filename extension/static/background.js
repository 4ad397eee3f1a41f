// Socialcare service worker (MV3, "type": "module"): the engine's host.
//
// It loads the Rust core compiled to WebAssembly (wasm-bindgen --target web)
// and answers the content scripts:
//   {type: 'profile', host}            → the site profile for that host (or null)
//   {type: 'analyse', url, items}      → one verdict per item (badge, ad, pending, unreadable)
//   {type: 'focus', url, raw}          → stores the FocusedItem for the side panel and opens it
// All decisions live in Rust (extension/worker/src/engine.rs, src/sites/); this file
// only routes messages and calls browser APIs.

import init, { analyse, focus, profile_for_host } from './pkg/socialcare_worker.js';

const api = globalThis.browser ?? globalThis.chrome;
// The side panel reads this chrome.storage.session key (extension/views/src/focus.rs).
const FOCUS_KEY = 'socialcare.focus';

// Service workers may not use top-level await: every handler waits on this.
const ready = init({ module_or_path: new URL('./pkg/socialcare_worker_bg.wasm', import.meta.url) });

/** Opens the side panel for a tab; must run synchronously in a user-gesture handler. */
function openPanel(tab) {
  try {
    if (api.sidePanel?.open && tab?.id !== undefined) {
      api.sidePanel.open({ tabId: tab.id }).catch((error) => console.debug('Socialcare: side panel not opened', error));
    } else if (api.sidebarAction?.open) {
      api.sidebarAction.open().catch((error) => console.debug('Socialcare: sidebar not opened', error));
    }
  } catch (error) {
    console.debug('Socialcare: side panel not opened', error);
  }
}

/** Stores the focused item where the side panel reads it. */
async function publishFocus(url, raw) {
  await ready;
  const focused = focus(url, raw);
  if (focused) await api.storage.session.set({ [FOCUS_KEY]: focused });
  return { focused: Boolean(focused) };
}

/** Answers one content-script message. */
async function handle(message) {
  await ready;
  switch (message?.type) {
    case 'profile':
      return profile_for_host(String(message.host));
    case 'analyse':
      return analyse(String(message.url), message.items);
    case 'focus':
      return publishFocus(String(message.url), message.raw);
    default:
      return null;
  }
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only our own content scripts talk to the engine.
  if (sender.id !== api.runtime.id) return false;
  // The click is the user gesture: open the panel before anything async.
  if (message?.type === 'focus') openPanel(sender.tab);
  handle(message).then(sendResponse, (error) => {
    console.error('Socialcare engine:', error);
    sendResponse(null);
  });
  return true;
});

/** Asks a tab's content script for the item under focus and publishes it. */
async function focusFromTab(tab) {
  const id = tab?.id ?? (await api.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (id === undefined) return { focused: false };
  const answer = await api.tabs.sendMessage(id, { type: 'focused-item' });
  return answer ? publishFocus(answer.url, answer.raw) : { focused: false };
}

// The keyboard shortcut (manifest "commands"): show the item under focus.
api.commands?.onCommand.addListener((command, tab) => {
  if (command !== 'focus-item') return;
  openPanel(tab);
  focusFromTab(tab).catch((error) => console.debug('Socialcare: no focused item', error));
});

// For the devtools console and the end-to-end tests (the shortcut itself
// cannot be pressed in headless Chromium).
globalThis.socialcare = { focusFromTab };

// The toolbar button opens the side panel (Chrome).
api.sidePanel?.setPanelBehavior?.({ openPanelOnActionClick: true }).catch(() => {});
