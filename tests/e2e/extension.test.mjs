// End-to-end tests: the real extension (extension/dist) in headless Chromium
// on fixture pages served at the real URLs of X, Facebook and Instagram under
// strict CSPs. The Rust/Wasm core runs in the service worker; the content
// script paints what it answers. Waits are conditions, never sleeps.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launch, open, waitForBadges, badges, extensionReport, chromiumDriver, workerControl, SCREENSHOTS } from './harness.mjs';
import { sitePageTests } from './site-pages.mjs';
import { assertOutsideText, checkXTimeline, ourErrors, shownInPanel, waitFor } from './checks.mjs';

let browser;

before(async () => {
  browser = await launch();
  await mkdir(SCREENSHOTS, { recursive: true });
});
after(async () => { await browser?.close(); });

/** This browser's steps in the tests both browsers run (harness.mjs). */
const chromium = chromiumDriver(() => browser);

describe('X', () => {
  test('timeline posts get one badge each with the core sentiment; repost keeps the original id; ads get none', async () => {
    const { page, errors } = await open(browser.context, 'https://x.com/home');
    await checkXTimeline(page, { waitForBadges, badges });
    // The repost: focusing it opens the browser's side panel and stores the original id and the reposter.
    assert.equal(await sidePanelsOpen(page), 0);
    await page.locator('socialcare-badge[data-socialcare-item="x:1799999999999999999"] button[part=badge]').click();
    await waitFor(async () => (await sidePanelsOpen(page)) === 1);
    const repost = await shownInPanel(chromium, 'x:1799999999999999999');
    assert.equal(repost.reposted_by, 'carol');
    assert.equal(repost.author_handle, 'bob_ops');
    // The quoting post reads its own text, not the quoted card's.
    await page.locator('socialcare-badge[data-socialcare-item="x:1800000000000000050"] button[part=badge]').click();
    const quoting = await shownInPanel(chromium, 'x:1800000000000000050');
    assert.match(quoting.text, /worst support ever/);
    assert.doesNotMatch(quoting.text, /Quoted text/);
    await assertOutsideText(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'x-badges.png') });
    assert.deepEqual(ourErrors(errors), []);
    await page.close();
  });
});

sitePageTests(chromium);

describe('Side panel', () => {
  test('clicking a badge shows the item in the side panel; hostile text stays text', async () => {
    const { page } = await open(browser.context, 'https://x.com/home');
    await waitForBadges(page, ['x:1800000000000000066']);
    await page.locator('socialcare-badge[data-socialcare-item="x:1800000000000000066"] button[part=badge]').click();
    await shownInPanel(chromium, 'x:1800000000000000066');

    const panel = await browser.context.newPage();
    await panel.setViewportSize({ width: 420, height: 900 });
    await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
    const hostile = '<img src=x onerror=document.title="pwned">';
    await panel.waitForFunction((h) => document.body.innerText.includes(`Hello ${h} support`), hostile);
    const malloryLink = panel.locator('a[href="https://x.com/mallory/status/1800000000000000066"]');
    await malloryLink.first().waitFor();
    assert.ok((await panel.innerText('body')).includes(hostile), 'the hostile display name is shown as text');
    assert.equal(await panel.locator('img[src="x"]').count(), 0, 'no element was created from customer text');
    assert.notEqual(await panel.title(), 'pwned');
    assert.equal(await malloryLink.count(), 1);

    // Keyboard: focus another badge and press Enter; the open panel follows.
    await page.bringToFront();
    await page.locator('socialcare-badge[data-socialcare-item="x:1800000000000000050"] button[part=badge]').focus();
    await page.keyboard.press('Enter');
    // The panel's recent items may already show this post's words: wait for the focused card's link.
    const danaLink = panel.locator('a[href="https://x.com/dana/status/1800000000000000050"]');
    await danaLink.first().waitFor();
    await panel.waitForFunction(() => document.body.innerText.includes('worst support ever'));
    const text = await panel.innerText('body');
    assert.match(text, /Dana/);
    assert.match(text, /negative/i);
    assert.equal(await danaLink.count(), 1);
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'side-panel.png') });

    // The focus shortcut's flow (commands → content script → panel): the item holding keyboard focus.
    await page.bringToFront();
    await page.locator('socialcare-badge[data-socialcare-item="x:1800000000000000001"] button[part=badge]').focus();
    const tabUrl = page.url();
    const result = await browser.worker.evaluate(async (url) => {
      const tabs = await chrome.tabs.query({});
      const tab = tabs.find((t) => t.active && (t.url === undefined || t.url === url)) ?? tabs[0];
      return globalThis.socialcare.focusFromTab(tab);
    }, tabUrl);
    assert.deepEqual(result, { focused: true });
    // Its words may already be in the panel's recent items: the focused card's link is not.
    const aliceLink = panel.locator('a[href="https://x.com/alice_dev/status/1800000000000000001"]');
    await aliceLink.first().waitFor();
    assert.equal(await aliceLink.count(), 1);
    assert.equal(await danaLink.count(), 0, 'the panel left the item it showed before');
    await panel.waitForFunction(() => document.body.innerText.includes('Shipping the new build today'));
    await panel.close();
    await page.close();
  });
});

describe('Service worker', () => {
  // After the side panel tests, which use the worker's handle: this one stops the worker.
  test('stopped while a page is open, it is woken by the next batch: added posts still get badges', async () => {
    const { page } = await open(browser.context, 'https://x.com/home');
    await waitForBadges(page, ['x:1800000000000000001']);
    const worker = await workerControl(browser, page);
    try {
      await worker.stop();
      await page.evaluate(() => window.fixture.append(window.fixture.benchPost(43)));
      await waitForBadges(page, ['x:1900000000000000043']);
      browser.worker = worker.running();
    } finally {
      await worker.detach();
    }
    await page.close();
  });
});

describe('Chromium', () => {
  // Runs last: every test above ran with Chromium collecting the extension's errors.
  test('the extension is enabled with no manifest errors, install warnings or runtime errors', async () => {
    const report = await extensionReport(browser.context, browser.extensionId);
    // Warnings are expected (the unreadable-markup test logs one); errors are not.
    report.runtimeErrors = report.runtimeErrors.filter((e) => !e.startsWith('WARN'));
    assert.deepEqual(report, { state: 'ENABLED', manifestErrors: [], installWarnings: [], runtimeErrors: [] });
  });
});

/** How many real side panels (sidepanel.html targets other than tabs we opened) the browser shows. */
async function sidePanelsOpen(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const tabs = new Set(page.context().pages().map((p) => p.url()));
    return targetInfos.filter((t) => t.type === 'page' && t.url.endsWith('/sidepanel.html') && !tabs.has(t.url)).length;
  } finally {
    await cdp.detach();
  }
}
