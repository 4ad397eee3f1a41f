// The Firefox side of the end-to-end harness: the built extension
// (extension/dist) as a temporary add-on in Debian's headless `firefox-esr`,
// driven over WebDriver BiDi by puppeteer-core (which never downloads a
// browser), with the same fixture pages as the Chromium harness served at
// the sites' real URLs under their strict CSPs (request interception).
import puppeteer from 'puppeteer-core';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DIST, fixtureResponse } from './harness.mjs';
import { holdCalls, waitFor } from './checks.mjs';

/** The add-on ID the manifest's `browser_specific_settings.gecko.id` sets. */
export const ADDON_ID = 'socialcare@socialcare.example';

/**
 * The add-on's internal UUID, pinned through the `extensions.webextensions.uuids`
 * pref so its pages have a known origin (the store's `--allow-origin`).
 */
export const EXTENSION_ORIGIN = 'moz-extension://5e0c1f2a-6b1d-4c55-9a41-5f0c1a7e2b10';

/** The bound on every wait (puppeteer's default is 30 s). */
const TIMEOUT = 15000;

/**
 * Launches Firefox with the extension installed; returns a {@link FirefoxSession}.
 * Without `profile`, on a fresh profile with the add-on installed temporarily
 * (removed when Firefox closes). With `profile` (a directory, made if new),
 * the add-on is installed in that profile for good, as an unpacked add-on the
 * profile's `extensions/` directory points at (a proxy file: Firefox ESR runs
 * it unsigned when `xpinstall.signatures.required` is off), so a Firefox
 * started again on the profile has the same add-on, origin and IndexedDB.
 * `language` starts Firefox in that UI language (its language pack installed).
 */
export async function launchFirefox({ profile, language } = {}) {
  if (!existsSync(path.join(DIST, 'manifest.json'))) throw new Error('extension/dist is missing: run `make extension`');
  if (profile) {
    await mkdir(path.join(profile, 'extensions'), { recursive: true });
    await writeFile(path.join(profile, 'extensions', ADDON_ID), DIST);
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    defaultViewport: { width: 1100, height: 900 },
    userDataDir: profile,
    // WebDriver BiDi refuses to navigate to moz-extension:// pages without it.
    args: ['-remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: new URL(EXTENSION_ORIGIN).host }),
      // The profile's own add-on: enabled at start, unsigned.
      ...(profile ? { 'xpinstall.signatures.required': false, 'extensions.autoDisableScopes': 0 } : {}),
      // The browser's UI language (its language pack from Debian's firefox-esr-l10n-*), which the add-on's words follow.
      ...(language ? { 'intl.locale.requested': language, 'extensions.autoDisableScopes': 0 } : {}),
    },
  });
  try {
    if (!profile) {
      const id = await browser.installExtension(DIST);
      if (id !== ADDON_ID) throw new Error(`Firefox installed the add-on as ${id}, not ${ADDON_ID}`);
    }
    return new FirefoxSession(browser, await extensionPage(browser, 'options.html'));
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** One Firefox with the add-on: fixture tabs, extension pages and the background page. */
export class FirefoxSession {
  constructor(browser, helper) {
    this.browser = browser;
    // An extension page kept open to reach the background page (runtime.getBackgroundPage).
    this.helper = helper;
  }

  /**
   * Opens a fixture URL in a new tab and collects its console errors: {page, errors}.
   * `fixtures` maps a host to another fixture directory under tests/fixtures (e.g. 'facebook-real').
   */
  async open(url, { fixtures = {} } = {}) {
    const page = await this.browser.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const errors = [];
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.setRequestInterception(true);
    page.on('request', async (request) => {
      const { status, contentType, headers, body } = await fixtureResponse(request.url(), fixtures);
      await request.respond({ status, contentType, headers, body });
    });
    await page.goto(url);
    return { page, errors };
  }

  /** Opens one of the extension's pages (e.g. 'sidepanel.html') in a new tab. */
  extensionPage(file) {
    return extensionPage(this.browser, file);
  }

  /**
   * Runs `fn(socialcare, arg)` in the background page (the event page), where
   * `socialcare` is the worker's debugging handle (background.js); answers its
   * JSON-serialisable result.
   */
  background(fn, arg = null) {
    return this.helper.evaluate(`(async () => {
      const background = await browser.runtime.getBackgroundPage();
      // The module may still be loading (the handle is set at its end): a bounded wait.
      for (let tries = 0; !background.socialcare; tries++) {
        if (tries === 300) throw new Error('the background page never set globalThis.socialcare');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await background.socialcare.ready;
      const result = await (${fn})(background.socialcare, ${JSON.stringify(arg)});
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    })()`);
  }

  /** Runs `fn(browser, arg)` with the extension's API in an extension page; answers its result. */
  extensionApi(fn, arg = null) {
    return this.helper.evaluate(`(async () => JSON.parse(JSON.stringify(
      (await (${fn})(browser, ${JSON.stringify(arg)})) ?? null)))()`);
  }

  /**
   * Reloads the add-on from disk now (`runtime.reload`): its event page is
   * torn down wherever it is, as when Firefox unloads it, and started again;
   * the extension page that reaches it is opened again.
   */
  async reloadAddon() {
    const old = this.helper;
    await old.evaluate(() => { setTimeout(() => browser.runtime.reload()); });
    // Firefox closes the add-on's pages as it unloads it.
    await waitFor(() => old.evaluate(() => false).catch(() => true));
    await old.close().catch(() => {});
    this.helper = await extensionPage(this.browser, 'options.html');
  }

  async close() {
    await this.browser.close();
  }
}

/**
 * A new tab showing an extension page. Firefox's BiDi sends no navigation
 * events for moz-extension:// loads, so puppeteer's `goto` would wait
 * forever: the navigation is sent as is and the page's own state awaited.
 */
async function extensionPage(browser, file) {
  const page = await browser.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const context = page.mainFrame().browsingContext;
  if (!context?.navigate) throw new Error('puppeteer-core changed: no BiDi browsing context on the frame');
  await context.navigate(`${EXTENSION_ORIGIN}/${file}`, 'complete');
  await page.waitForFunction(
    (origin, file) => location.href === `${origin}/${file}` && document.readyState === 'complete',
    {}, EXTENSION_ORIGIN, file,
  );
  return page;
}

/**
 * The driver of the tests both browsers run (`realMarkupTests`, `sitePageTests`;
 * the contract is in tests/e2e/real-markup.mjs) for a {@link FirefoxSession};
 * `current()` answers it (launched in a `before` hook); `fixtures` as `open`'s.
 */
export function firefoxDriver(current, { fixtures } = {}) {
  return {
    name: 'Firefox',
    open: (url) => current().open(url, { fixtures }),
    waitUntil: (page, fn, arg) => page.waitForFunction(fn, {}, arg),
    waitForBadges,
    clickBadge: (page, key) => page.locator(badgeButton(key)).click(),
    pressOnBadge: async (page, key, keyName) => {
      await page.focus(badgeButton(key));
      await page.keyboard.press(keyName);
    },
    dismissNotice: (page) => page.locator('socialcare-notice >>> button:not([data-report])').click(),
    // The docs' screenshots are the Chromium run's.
    screenshot: async () => {},
    extensionPage: (file) => current().extensionPage(file),
    holdEngineAnswers: async (letThrough) => {
      await current().background(`(socialcare, arg) => (${holdCalls})(arg, socialcare)`, ['engine', 'answer', letThrough]);
      return () => current().background(() => globalThis.releaseHeldCalls?.());
    },
    focused: () => current().background(async (socialcare) => {
      await socialcare.pages.ready;
      return socialcare.pages.focused;
    }),
  };
}

/** Waits until every key has a badge host (no sleeps: a condition). */
export function waitForBadges(page, keys) {
  return page.waitForFunction(
    (wanted) => wanted.every((key) => document.querySelector(`socialcare-badge[data-socialcare-item="${key}"]`)),
    {}, keys,
  );
}

/** The selector of a button in a badge's (open) shadow root: 'badge' or an aria-label. */
export function badgeButton(key, { label } = {}) {
  const button = label ? `button[aria-label="${label}"]` : 'button[part=badge]';
  return `socialcare-badge[data-socialcare-item="${key}"] >>> ${button}`;
}
