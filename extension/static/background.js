// Socialcare service worker (MV3 module worker; Firefox: the event page).
//
// The one part of the extension that talks to the store and the only writer
// of the outbox. It loads the worker's wasm (no UI framework): first the
// verdict module (extension/worker: site profiles, the care engine), which
// answers the content scripts' verdicts as soon as it is instantiated; then,
// for a signed-in agent, the replica module (extension/worker/replica: the
// sync client, overlays, views), whose ticket overlays are merged into the
// badges once it is restored (worker/sync.js). It serves the pages over
// runtime ports and syncs. It can be killed at any moment: every wake
// rebuilds its state from IndexedDB (worker/db.js) before answering.
//
// Content scripts → worker (runtime.sendMessage):
//   {type: 'profile', host}                → the site profile (or null)
//   {type: 'analyse', url, items}          → one verdict per item, with its ticket overlay
//     (content scripts send their batches over a port named 'engine' instead:
//     {id, url, items} → {id, verdicts}, one port per page instead of a channel per batch)
//   {type: 'focus', url, raw}              → shows the item in the side panel
//   {type: 'create-ticket', url, raw}      → turns the item into a ticket
//   {type: 'replying', active, url, raw}   → presence: the agent is (or stopped) writing a reply
//   {type: 'composer', url, raw}           → the agent entered a composer answering this item (raw null: the panel's item)
//   {type: 'tone', draft, platform, place} → the draft's tone verdict {tone, findings, guideline, error}
//     (content/guard.js sends its drafts over a port named 'tone' instead: {id, draft, platform, place} → {id, verdict})
//   {type: 'responded', template_id}       → records `ticket.responded` on the composer's item (a reply went out)
//   {type: 'tone-override', item, rule, reason} → records `tone.override` (a held send let through)
//   {type: 'templates'}                    → the `/` picker's list for the composer's item {templates: [...]}
//   {type: 'render-template', template_id, prompts} → that template rendered {text} or {error}
// Worker → content script: {type: 'insert', item, template_id, text} (the panel's Insert) → {inserted, composer, message}
//   {type: 'apply-fix', draft, utf16_start, utf16_end, replacement} (a tone fix from the panel) → {inserted, composer, message}
// Reminders (worker/reminders.js): a notification and a badge mark when one falls due.
// Worker → content scripts (tabs.sendMessage): {type: 'overlays', overlays: {key: overlay|null}}
// Pages ↔ worker: ports named 'panel' and 'options' (contract: extension/views);
// the lead's console: the port 'console' (extension/views/src/console.rs, worker/console.js).

import { analyse, focus, instantiateVerdicts, profile_for_host } from './worker/wasm.js';
import { Sync } from './worker/sync.js';
import { Pages } from './worker/pages.js';
import { Reminders } from './worker/reminders.js';
import { clock } from './worker/clock.js';
import { Tone } from './worker/tone.js';
import { LeadConsole } from './worker/console.js';
import { text } from './worker/i18n.js';
import { badgeWords } from './worker/badge-words.js';

const api = globalThis.browser ?? globalThis.chrome;
// Cold-start marks (`make bench-extension` reads them): module scripts
// evaluated, verdict module instantiated, verdicts answerable (the session
// and brand accounts read too), the first verdict computed (which no longer
// waits for the session), everything ready (the replica restored).
performance.mark('socialcare:modules');
let firstVerdict = true;

const sync = new Sync({
  onOverlays: broadcastOverlays,
  onChange: () => {
    tone.forget();
    pages.refresh();
    leadConsole.refresh();
    reminders.check();
  },
});

// Service workers may not use top-level await: every handler waits on one of
// these. The verdict module compiles while IndexedDB is read (the session and
// its brand accounts); verdicts are computed as soon as the module is ready and
// answered once the session is read too (see `verdicts`); everything else
// also waits for the replica, whose restore starts once the verdicts asked
// for by then have gone out (its module's compile and its reads would
// otherwise run beside the first verdict's lazy compile on a cold start).
const wasmReady = instantiateVerdicts();
// (A failure reaches the handlers through `wasmReady` and `verdictsReady`.)
wasmReady.then(() => performance.mark('socialcare:wasm'), () => {});
const verdictsReady = Promise.all([wasmReady, sync.readSession()]).then(() => {
  performance.mark('socialcare:verdicts');
});
/** Verdicts being computed or waiting for the session (see `verdicts`). */
const verdictsInFlight = new Set();
const ready = (async () => {
  await verdictsReady;
  await Promise.allSettled([...verdictsInFlight]);
  // A task later, the answers have been posted.
  await new Promise((resolve) => setTimeout(resolve));
  await sync.restore();
  await reminders.check();
  performance.mark('socialcare:ready');
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

const pages = new Pages(sync, ready, { onInsert: insertInTab, onApplyFix: applyFixInTab });
const reminders = new Reminders(sync, { onOverlays: broadcastOverlays, onChange: () => pages.refresh() });
const leadConsole = new LeadConsole(sync, ready);
const tone = new Tone(sync);
/** Tab → the item its composer answers (from the last `composer` message), for the tone context. */
const composerItems = new Map();

/** Item key → the tab it was last shown or replied to in (Insert goes there). */
const itemTabs = new Map();
/** The tab of the composer the agent was last in. */
let composerTab;

/** Remembers which tab an item lives in. */
function rememberTab(item, tab) {
  if (item && tab?.id !== undefined) itemTabs.set(item.item.key, tab.id);
}

/**
 * The panel's Insert (views::FromPage::Insert): the rendered text goes to the
 * composer the agent was last in, on the item's tab (else the tab of the
 * composer the agent was last in, else the active tab).
 * Answers the content script's {inserted, composer, message}.
 */
async function insertInTab({ item, template_id, text }) {
  let tabId = itemTabs.get(item) ?? composerTab;
  if (tabId === undefined) [{ id: tabId } = {}] = await api.tabs.query({ active: true, lastFocusedWindow: true });
  if (tabId === undefined) return { inserted: false, message: 'no tab shows this item' };
  return api.tabs.sendMessage(tabId, { type: 'insert', item, template_id, text });
}

/** The tab whose composer's draft was checked last (the panel's findings are about it). */
let toneTab;

/**
 * A tone fix from the panel (views::FromPage::ApplyFix): the composer on the
 * tab checked last replaces the finding's span with the fix, through its
 * editor module. Answers the content script's {inserted, composer, message}.
 */
async function applyFixInTab({ draft, utf16_start, utf16_end, replacement }) {
  if (toneTab === undefined) return { inserted: false, message: 'no composer was checked' };
  return api.tabs.sendMessage(toneTab, { type: 'apply-fix', draft, utf16_start, utf16_end, replacement });
}

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
  const item = focus(String(url), raw);
  if (!item) return null;
  item.assessment.language ??= await detectLanguage(item.item.text);
  return item;
}

/**
 * The verdicts for a batch, with ticket overlays when signed in (once the
 * replica is restored). They are computed as soon as the verdict module is
 * ready, against the brand accounts known then (none before the session is
 * read), so a cold start's first verdict is computed while IndexedDB is still
 * being read; they are answered once the session is read, computed again if
 * it brought other brand accounts. The replica's restore waits for the ones
 * in flight when the session is read.
 */
function verdicts(url, items) {
  const answer = verdictsFor(url, items);
  verdictsInFlight.add(answer);
  answer.finally(() => verdictsInFlight.delete(answer)).catch(() => {});
  return answer;
}

/** The verdicts for a batch, computed as `verdicts` describes. */
async function verdictsFor(url, items) {
  await wasmReady;
  const brands = sync.brands;
  let answer = analyse(String(url), items, brands);
  if (firstVerdict) performance.mark('socialcare:verdict');
  firstVerdict = false;
  await verdictsReady;
  if (sync.brands !== brands) answer = analyse(String(url), items, sync.brands);
  for (const { badge } of answer) if (badge) Object.assign(badge, badgeWords(badge));
  return sync.withOverlays(answer);
}

/**
 * Serves a content script's request port: each `{id, …}` request is answered
 * `{id, [field]: answer(request, tab)}` (null on failure) on the same port.
 */
function serveRequests(port, field, answer) {
  if (port.sender?.id !== api.runtime.id) return port.disconnect();
  port.onMessage.addListener(async (request) => {
    let result = null;
    try {
      result = await answer(request, port.sender.tab);
    } catch (error) {
      console.error('Socialcare worker:', error);
    }
    try {
      port.postMessage({ id: request.id, [field]: result });
    } catch {
      // The page went away.
    }
  });
}

/**
 * The engine port's answers: `{id, url, items}` → `{id, verdicts}`. An
 * object, called through, so an end-to-end test can hold answers back (an
 * engine just woken and busy).
 */
const engine = {
  answer({ url, items }) {
    return verdicts(url, items);
  },
};

/** A composer's tone port: `{id, draft, platform, place}` → `{id, verdict}`. */
function toneAnswer({ draft, platform, place }, tab) {
  return handle({ type: 'tone', draft, platform, place }, tab);
}

/**
 * Answers one content-script message from `tab`: profiles as soon as the
 * verdict module is ready, verdicts once the session is read too, everything
 * else once the replica is ready.
 */
async function handle(message, tab) {
  if (message?.type === 'profile') return wasmReady.then(() => profile_for_host(String(message.host)));
  if (message?.type === 'analyse') return verdicts(message.url, message.items);
  await ready;
  return handleAction(message, tab);
}

/** Answers a content-script message about an item, a composer or a ticket (everything ready). */
async function handleAction(message, tab) {
  switch (message?.type) {
    case 'focus': {
      const item = await focusedItem(message.url, message.raw);
      rememberTab(item, tab);
      if (item) await pages.focus(item);
      return { focused: Boolean(item) };
    }
    case 'create-ticket': {
      const item = await focusedItem(message.url, message.raw);
      rememberTab(item, tab);
      if (!item) return { ok: false, message: 'not a customer item' };
      await pages.focus(item);
      return sync.createTicket(item);
    }
    case 'replying': {
      // A composer outside any item answers the item the side panel shows.
      const item = message.active ? (message.raw ? await focusedItem(message.url, message.raw) : pages.focused) : null;
      rememberTab(item, tab);
      if (message.active) composerTab = tab?.id;
      sync.setReplying(item?.item.key ?? null);
      return null;
    }
    case 'composer': {
      // The agent entered a composer: the item it answers (null: the side panel's item).
      const item = message.raw ? await focusedItem(message.url, message.raw) : null;
      rememberTab(item, tab);
      composerItems.set(tab?.id, item);
      // Load the tone module and compile the guideline now (once per revision), not on the first keystroke.
      tone.current().catch((error) => console.warn('Socialcare: no tone check', error));
      return { item: (item ?? pages.focused)?.item.key ?? null };
    }
    case 'tone': {
      const verdict = await tone.verdict(message, composerItems.get(tab?.id) ?? pages.focused);
      toneTab = tab?.id;
      // The panel lists the findings with their fixes (views::ComposerView), in a later
      // task: the verdict goes back to the composer first.
      const composer = verdict.signed_out ? null : { public: message.place !== 'dm', draft: String(message.draft ?? ''), tone: verdict.tone, findings: verdict.findings };
      setTimeout(() => pages.setComposer(composer), 0);
      return verdict;
    }
    case 'templates':
      return tone.templates(composerItems.get(tab?.id) ?? pages.focused);
    case 'render-template':
      return tone.render(composerItems.get(tab?.id) ?? pages.focused, String(message.template_id ?? ''), message.prompts);
    case 'responded': {
      const item = (composerItems.get(tab?.id) ?? pages.focused)?.item.key;
      if (!item) return { ok: false, message: text('worker_no_item_reply') };
      return sync.responded(item, typeof message.template_id === 'string' ? message.template_id : null);
    }
    case 'tone-override': {
      const rule = String(message.rule ?? '');
      const reason = String(message.reason ?? '').trim();
      if (!reason) return { ok: false, message: text('worker_say_why') };
      const item = message.item ?? (composerItems.get(tab?.id) ?? pages.focused)?.item.key;
      if (!item) return { ok: false, message: text('worker_no_item_override') };
      return sync.toneOverride(item, rule, reason);
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
  handle(message, sender.tab).then(sendResponse, (error) => {
    console.error('Socialcare worker:', error);
    sendResponse(null);
  });
  return true;
});

api.runtime.onConnect.addListener((port) => {
  if (port.name === 'engine') serveRequests(port, 'verdicts', (request) => engine.answer(request));
  else if (port.name === 'tone') serveRequests(port, 'verdict', toneAnswer);
  else if (port.name === 'console') leadConsole.connect(port);
  else pages.connect(port);
});

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
    title: text('common_create_ticket'),
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
  if (alarm.name === Reminders.ALARM) ready.then(() => reminders.check());
});

// A click on a reminder's notification shows the ticket's native page.
api.notifications?.onClicked.addListener((id) => {
  const item = Reminders.itemOf(id);
  if (item) ready.then(() => pages.openItem(item));
});
globalThis.addEventListener?.('online', () => ready.then(() => sync.syncNow()));

// For the devtools console and the end-to-end tests (shortcuts cannot be
// pressed in headless Chromium).
// `clock.advance(ms)` moves the worker's time on (reminders fall due
// without waiting); `reminders.check()` is what the reminder alarm runs.
globalThis.socialcare = {
  engine,
  focusFromTab,
  createFromTab,
  insertInTab,
  sync,
  pages,
  reminders,
  tone,
  clock,
  ready,
  get composerTab() {
    return composerTab;
  },
};

// The toolbar button opens the side panel (Chrome) or toggles the sidebar
// (Firefox, where the click is a user-input handler, as sidebarAction needs).
api.sidePanel?.setPanelBehavior?.({ openPanelOnActionClick: true }).catch(() => {});
if (api.sidebarAction?.toggle) api.action.onClicked.addListener(() => api.sidebarAction.toggle());
