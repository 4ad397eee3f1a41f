// Socialcare service worker (MV3 module worker; Firefox: the event page).
//
// The one part of the extension that talks to the store and the only writer
// of the outbox. It loads the worker's wasm (extension/worker: engine, tone,
// sync client; no UI framework), answers the content scripts, serves the
// pages over runtime ports, and syncs. It can be killed at any moment: every
// wake rebuilds its state from IndexedDB (worker/db.js) before answering.
//
// Content scripts → worker (runtime.sendMessage):
//   {type: 'profile', host}                → the site profile (or null)
//   {type: 'analyse', url, items}          → one verdict per item, with its ticket overlay
//   {type: 'focus', url, raw}              → shows the item in the side panel
//   {type: 'create-ticket', url, raw}      → turns the item into a ticket
//   {type: 'replying', active, url, raw}   → presence: the agent is (or stopped) writing a reply
// Worker → content scripts (tabs.sendMessage): {type: 'overlays', overlays: {key: overlay|null}}
// Pages ↔ worker: ports named 'panel' and 'options' (contract: extension/views);
// the lead's console: the port 'console' (extension/views/src/console.rs, worker/console.js).

import init, { analyse, focus, profile_for_host } from './pkg/socialcare_worker.js';
import { Sync } from './worker/sync.js';
import { Pages } from './worker/pages.js';
import { LeadConsole } from './worker/console.js';

const api = globalThis.browser ?? globalThis.chrome;

// Service workers may not use top-level await: every handler waits on this.
const ready = (async () => {
  await init({ module_or_path: new URL('./pkg/socialcare_worker_bg.wasm', import.meta.url) });
  await sync.wake();
})();

/** Tabs of the three sites get ticket overlays as they change. */
async function broadcastOverlays(overlays) {
  if (!overlays || Object.keys(overlays).length === 0) return;
  // The manifest's host permissions are exactly the three sites, so the query sees only their tabs.
  const tabs = await api.tabs.query({ url: api.runtime.getManifest().host_permissions });
  for (const tab of tabs) {
    api.tabs.sendMessage(tab.id, { type: 'overlays', overlays }).catch(() => {});
  }
}

const sync = new Sync({
  onOverlays: broadcastOverlays,
  onChange: () => {
    pages.refresh();
    leadConsole.refresh();
  },
});
const pages = new Pages(sync, ready);
const leadConsole = new LeadConsole(sync, ready);

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

/**
 * The language of a customer's text by the browser's own detector
 * (`i18n.detectLanguage`), so the worker's wasm ships none: an ISO 639-1
 * code, or null when the browser is not sure.
 */
async function detectLanguage(text) {
  try {
    const { isReliable, languages } = await api.i18n.detectLanguage(text);
    const best = languages?.[0];
    if (!best || best.language === 'und' || (!isReliable && best.percentage < 80)) return null;
    return best.language.split('-')[0];
  } catch {
    return null;
  }
}

/** The focused item for raw fields read at `url` (its language detected), or null for a non-item. */
async function focusedItem(url, raw) {
  const json = focus(String(url), raw);
  if (!json) return null;
  const item = JSON.parse(json);
  item.assessment.language ??= await detectLanguage(item.item.text);
  return item;
}

/** Answers one content-script message. */
async function handle(message) {
  await ready;
  switch (message?.type) {
    case 'profile':
      return profile_for_host(String(message.host));
    case 'analyse':
      return sync.analyse(String(message.url), message.items) ?? analyse(String(message.url), message.items);
    case 'focus': {
      const item = await focusedItem(message.url, message.raw);
      if (item) await pages.focus(item);
      return { focused: Boolean(item) };
    }
    case 'create-ticket': {
      const item = await focusedItem(message.url, message.raw);
      if (!item) return { ok: false, message: 'not a customer item' };
      await pages.focus(item);
      return sync.createTicket(item);
    }
    case 'replying': {
      // A composer outside any item answers the item the side panel shows.
      const item = message.active ? (message.raw ? await focusedItem(message.url, message.raw) : pages.focused) : null;
      sync.setReplying(item?.item.key ?? null);
      return null;
    }
    default:
      return null;
  }
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only our own content scripts talk to the engine.
  if (sender.id !== api.runtime.id) return false;
  // The click is the user gesture: open the panel before anything async.
  if (message?.type === 'focus' || message?.type === 'create-ticket') openPanel(sender.tab);
  handle(message).then(sendResponse, (error) => {
    console.error('Socialcare worker:', error);
    sendResponse(null);
  });
  return true;
});

api.runtime.onConnect.addListener((port) => (port.name === 'console' ? leadConsole.connect(port) : pages.connect(port)));

/** Asks a tab's content script for the item under focus. */
async function itemInTab(tab) {
  const id = tab?.id ?? (await api.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (id === undefined) return null;
  const answer = await api.tabs.sendMessage(id, { type: 'focused-item' });
  await ready;
  return answer ? await focusedItem(answer.url, answer.raw) : null;
}

/** Shows the tab's focused item in the side panel. */
async function focusFromTab(tab) {
  const item = await itemInTab(tab);
  if (item) await pages.focus(item);
  return { focused: Boolean(item) };
}

/** Turns the tab's focused item into a ticket. */
async function createFromTab(tab) {
  const item = await itemInTab(tab);
  if (!item) return { ok: false, message: 'no item is focused' };
  await pages.focus(item);
  return sync.createTicket(item);
}

// The keyboard shortcuts (manifest "commands").
api.commands?.onCommand.addListener((command, tab) => {
  if (command === 'focus-item') {
    openPanel(tab);
    focusFromTab(tab).catch((error) => console.debug('Socialcare: no focused item', error));
  } else if (command === 'create-ticket') {
    openPanel(tab);
    createFromTab(tab).catch((error) => console.debug('Socialcare: no ticket created', error));
  }
});

// The context menu on an item: the content script remembers which item was
// right-clicked and answers 'focused-item' with it.
api.runtime.onInstalled.addListener(() => {
  api.contextMenus?.create({
    id: 'create-ticket',
    title: 'Create ticket',
    contexts: ['page', 'link', 'selection', 'image'],
    documentUrlPatterns: ['https://x.com/*', 'https://twitter.com/*', 'https://*.facebook.com/*', 'https://*.instagram.com/*'],
  });
});
api.contextMenus?.onClicked.addListener((info, tab) => {
  if (info.menuItemId !== 'create-ticket') return;
  openPanel(tab);
  createFromTab(tab).catch((error) => console.debug('Socialcare: no ticket created', error));
});

// A browser start wakes the worker, which syncs what waited in the outbox.
api.runtime.onStartup.addListener(() => ready.then(() => sync.syncNow()));

// Retries with back-off while the store is unreachable.
api.alarms?.onAlarm.addListener((alarm) => {
  if (alarm.name === Sync.RETRY_ALARM) ready.then(() => sync.syncNow());
});
globalThis.addEventListener?.('online', () => ready.then(() => sync.syncNow()));

// For the devtools console and the end-to-end tests (shortcuts cannot be
// pressed in headless Chromium).
globalThis.socialcare = { focusFromTab, createFromTab, sync, pages, leadConsole, ready };

// The toolbar button opens the side panel (Chrome) or toggles the sidebar
// (Firefox, where the click is a user-input handler, as sidebarAction needs).
api.sidePanel?.setPanelBehavior?.({ openPanelOnActionClick: true }).catch(() => {});
if (api.sidebarAction?.toggle) api.action.onClicked.addListener(() => api.sidebarAction.toggle());
