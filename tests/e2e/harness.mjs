// Shared setup for the end-to-end tests and the benchmark: the real unpacked
// extension (extension/dist) in Debian's headless Chromium, driven by
// playwright-core, with fixture pages served at the sites' real URLs under a
// strict Content-Security-Policy like theirs (no 'wasm-unsafe-eval').
import { chromium } from 'playwright-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { holdCalls } from './checks.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const DIST = path.join(ROOT, 'extension/dist');
/** Where the Chromium run's screenshots go (README and docs show them). */
export const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');
const FIXTURES = path.join(ROOT, 'tests/fixtures');

/** Each site's fixture directory and the CSP its real pages send (script-src without 'wasm-unsafe-eval'). */
export const SITES = {
  'x.com': { dir: 'x', csp: "script-src 'self' https://abs.twimg.com; object-src 'none'; base-uri 'self'" },
  'www.facebook.com': { dir: 'facebook', csp: "script-src 'self' https://static.xx.fbcdn.net; object-src 'none'; base-uri 'self'" },
  'www.instagram.com': { dir: 'instagram', csp: "script-src 'self' https://static.cdninstagram.com; object-src 'none'; base-uri 'self'" },
};

/**
 * The answer to a fixture request, for any driver: /__fixture/* are the fixture's
 * scripts, every other path is the app shell; hosts other than the three sites get 404.
 * Answers {status, contentType, headers, body}.
 */
export async function fixtureResponse(requestUrl, dirs = {}) {
  const notFound = { status: 404, contentType: 'text/plain', headers: {}, body: '' };
  const url = new URL(requestUrl);
  const site = SITES[url.hostname];
  if (!site) return notFound;
  const name = url.pathname.startsWith('/__fixture/') ? url.pathname.slice('/__fixture/'.length) : 'index.html';
  if (!/^[a-z]+\.(js|html|css)$/.test(name)) return notFound;
  const file = name === 'dom.js' ? path.join(FIXTURES, name) : path.join(FIXTURES, dirs[url.hostname] ?? site.dir, name);
  if (!existsSync(file)) return notFound;
  return {
    status: 200,
    contentType: { js: 'text/javascript', css: 'text/css', html: 'text/html; charset=utf-8' }[name.split('.').pop()],
    headers: { 'content-security-policy': site.csp },
    body: await readFile(file),
  };
}

/** Serves a fixture request through Playwright's router. */
async function serve(route, dirs) {
  const { status, contentType, headers, body } = await fixtureResponse(route.request().url(), dirs);
  return route.fulfill({ status, contentType, headers, body });
}

/** The extension's ID, pinned by the manifest's `key` (docs/extension.md). */
export const EXTENSION_ID = 'iekbnmbglgkpkomgdbpdbapjcjnhicom';

/**
 * Launches Chromium with the extension; returns {context, extensionId, worker, userDataDir, close}.
 * `fixtures` maps a host to another fixture directory under tests/fixtures (e.g. 'facebook-real');
 * `profile` reuses a browser profile (a restart); `close({keepProfile: true})` keeps it for one.
 * `extension` loads another unpacked extension instead (the benchmark's naive reference, which has
 * no service worker: `worker` and `extensionId` are then null). `language` starts the browser
 * in that UI language (e.g. `ar`; Debian's chromium-l10n has them), which the extension's words follow.
 */
export async function launch({ fixtures = {}, profile, extension = DIST, language } = {}) {
  if (!existsSync(path.join(extension, 'manifest.json'))) throw new Error(`${extension} is missing: run \`make extension\``);
  const userDataDir = profile ?? await mkdtemp(path.join(tmpdir(), 'socialcare-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: false, // --headless=new below: the mode that runs extensions
    viewport: { width: 1100, height: 900 },
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--no-first-run',
      `--disable-extensions-except=${extension}`, `--load-extension=${extension}`,
    ],
    // Chromium on Linux takes its UI language from the environment, not `--lang`.
    ...(language ? { env: { ...process.env, LANGUAGE: language.replace('-', '_') } } : {}),
  });
  // Every https request is answered locally: fixtures for the three sites, 404 for the rest.
  await context.route(/^https:\/\//, (route) => serve(route, fixtures));
  const close = async ({ keepProfile = false } = {}) => {
    await context.close();
    if (!keepProfile) await rm(userDataDir, { recursive: true, force: true });
  };
  if (extension !== DIST) return { context, worker: null, extensionId: null, userDataDir, close };
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker');
  const extensionId = new URL(worker.url()).host;
  // Developer mode and error collection, so Chromium records the extension's runtime errors.
  await onExtensionsPage(context, (id) => new Promise((resolve) => chrome.developerPrivate.updateProfileConfiguration(
    { inDeveloperMode: true },
    () => chrome.developerPrivate.updateExtensionConfiguration({ extensionId: id, errorCollection: true }, resolve),
  )), extensionId);
  return {
    context,
    worker,
    extensionId,
    userDataDir,
    close,
  };
}

/**
 * Opens a fixture URL in a new page and collects its console errors;
 * `fixtures` (host → directory) serves this page from other fixture
 * directories than the browser's.
 */
export async function open(context, url, { fixtures } = {}) {
  const page = await context.newPage();
  if (fixtures) await page.route(/^https:\/\//, (route) => serve(route, fixtures));
  const errors = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  return { page, errors };
}

/** What a page opened by `openTimed` logs once its last badge is painted. */
const ALL_PAINTED = 'socialcare-bench: all badges painted';

/**
 * For the benchmarks: opens `url` in a new page of `context` that records
 * when each element named `tag` (upper case) is added (`window.badgeTimes`,
 * `performance.now()`), and resolves once `count` of them are there. The
 * page says so on its console: a `waitForFunction` would have Playwright
 * inject its utility script (330 KB, about 15 ms of the page's main thread)
 * while badges are still being painted, counting against whichever overlay
 * is still at work.
 */
export async function openTimed(context, url, { tag = 'SOCIALCARE-BADGE', count }) {
  const page = await context.newPage();
  await page.addInitScript(([tag, count, signal]) => {
    window.badgeTimes = [];
    new MutationObserver((records) => {
      const now = performance.now();
      for (const record of records) {
        for (const node of record.addedNodes) if (node.nodeName === tag) window.badgeTimes.push(now);
      }
      if (window.badgeTimes.length >= count && !window.allPainted) {
        window.allPainted = true;
        console.debug(signal);
      }
    }).observe(document, { childList: true, subtree: true });
  }, [tag, count, ALL_PAINTED]);
  const painted = page.waitForEvent('console', { predicate: (message) => message.text() === ALL_PAINTED, timeout: 120000 });
  await page.goto(url);
  await painted;
  return page;
}

/** On a page opened by `openTimed`: page ready (the fixture's `fixtureReady`) → first and → last badge, in ms. */
export function paintTimes(page) {
  return page.evaluate(() => ({
    first: Math.min(...window.badgeTimes) - window.fixtureReady,
    all: Math.max(...window.badgeTimes) - window.fixtureReady,
  }));
}

/**
 * The extension's service worker, watched over the DevTools protocol from
 * `page`: `stop()` waits until it runs (the last wake may still be
 * starting it), stops it and waits until it has been seen stopped (an
 * extension page's port may wake it again at once); `running()` is
 * Playwright's handle on it (one handle on the worker's target, which runs
 * each restarted worker); `detach()` ends the watch.
 */
export async function workerControl(browser, page) {
  const cdp = await browser.context.newCDPSession(page);
  const versions = new Map();
  const seenStopped = new Set();
  const scope = `chrome-extension://${browser.extensionId}/`;
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: updated }) => {
    for (const version of updated) {
      versions.set(version.versionId, version);
      if (version.runningStatus === 'stopped') seenStopped.add(version.versionId);
    }
  });
  await cdp.send('ServiceWorker.enable');
  const ours = () => [...versions.values()].filter((v) => v.scriptURL.startsWith(scope));
  const until = async (condition, what) => {
    for (const deadline = Date.now() + 10000; !condition();) {
      if (Date.now() > deadline) throw new Error(`service worker: ${what} timed out`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return {
    async stop() {
      await until(() => ours().some((v) => v.runningStatus === 'running'), 'start');
      const running = ours().filter((v) => v.runningStatus === 'running');
      for (const version of running) {
        seenStopped.delete(version.versionId);
        await cdp.send('ServiceWorker.stopWorker', { versionId: version.versionId });
      }
      await until(() => running.every((v) => seenStopped.has(v.versionId)), 'stop');
    },
    running: () => browser.context.serviceWorkers().find((w) => w.url().startsWith(scope)),
    detach: () => cdp.detach(),
  };
}

/**
 * Holds calls of the worker's `globalThis.socialcare[object][method]` (e.g.
 * `tone.verdict`, `engine.answer`), after the first `letThrough`, until the
 * returned `release()`, which puts the method back and lets the held calls
 * go on (harmless when called twice).
 */
export async function holdWorkerCalls(browser, object, method, { letThrough = 0 } = {}) {
  await browser.worker.evaluate(holdCalls, [object, method, letThrough]);
  return () => browser.worker.evaluate(() => globalThis.releaseHeldCalls?.());
}

/**
 * The driver of the tests both browsers run (`realMarkupTests`, `sitePageTests`;
 * the contract is in tests/e2e/real-markup.mjs) for a browser from `launch()`;
 * `current()` answers that browser (launched in a `before` hook).
 */
export function chromiumDriver(current) {
  const badgeButton = (page, key) => page.locator(`socialcare-badge[data-socialcare-item="${key}"] button[part=badge]`);
  return {
    name: 'Chromium',
    open: (url) => open(current().context, url),
    waitUntil: (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: 15000 }),
    waitForBadges,
    clickBadge: (page, key) => badgeButton(page, key).click(),
    pressOnBadge: (page, key, keyName) => badgeButton(page, key).press(keyName),
    holdEngineAnswers: (letThrough) => holdWorkerCalls(current(), 'engine', 'answer', { letThrough }),
    // By structure, not by name: the button speaks the browser's language.
    dismissNotice: (page) => page.locator('socialcare-notice button:not([data-report])').click(),
    screenshot: (page, file) => page.screenshot({ path: path.join(SCREENSHOTS, file) }),
    extensionPage: async (file) => {
      const page = await current().context.newPage();
      await page.goto(`chrome-extension://${current().extensionId}/${file}`);
      return page;
    },
    focused: () => current().worker.evaluate(async () => {
      await globalThis.socialcare.pages.ready;
      return globalThis.socialcare.pages.focused;
    }),
  };
}

/** Waits until every selector has a badge host (no sleeps: a condition). */
export async function waitForBadges(page, keys, timeout = 15000) {
  await page.waitForFunction(
    (wanted) => wanted.every((key) => document.querySelector(`socialcare-badge[data-socialcare-item="${key}"]`)),
    keys, { timeout },
  );
}

/** Every badge on the page: {item, kind, sentiment, container} (container = the owning element's tag). */
export function badges(page) {
  return page.$$eval('socialcare-badge', (hosts) => hosts.map((host) => ({
    item: host.dataset.socialcareItem,
    kind: host.dataset.socialcareKind,
    sentiment: host.dataset.socialcareSentiment,
    label: host.shadowRoot?.querySelector('button')?.textContent ?? '',
  })));
}

/** Runs a function on chrome://extensions, where chrome.developerPrivate is available. */
async function onExtensionsPage(context, fn, arg) {
  const page = await context.newPage();
  try {
    await page.goto('chrome://extensions/');
    return await page.evaluate(fn, arg);
  } finally {
    await page.close();
  }
}

/** What Chromium reports about the extension: state, manifest errors, install warnings, runtime errors. */
export function extensionReport(context, extensionId) {
  return onExtensionsPage(context, (id) => new Promise((resolve) => chrome.developerPrivate.getExtensionInfo(id, (info) => resolve({
    state: info.state,
    manifestErrors: info.manifestErrors.map((e) => e.message),
    installWarnings: info.installWarnings,
    runtimeErrors: info.runtimeErrors.map((e) => `${e.severity}: ${e.message} (${e.source})`),
  }))), extensionId);
}
