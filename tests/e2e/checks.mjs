// Page checks shared by the Chromium (Playwright) and Firefox (puppeteer)
// end-to-end tests: they use only `page.$eval` / `page.$$eval`, which both
// drivers offer with the same signature.
import assert from 'node:assert/strict';

/** Errors the extension caused on a page (the fixtures' broken image URLs aside). */
export function ourErrors(errors) {
  return errors.filter((e) => /socialcare|uncaught|wasm|CompileError/i.test(e));
}

/** The badge of one item: its attributes and where it sits. */
export function badgeOf(page, key) {
  return page.$eval(`socialcare-badge[data-socialcare-item="${key}"]`, (host) => ({
    kind: host.dataset.socialcareKind,
    sentiment: host.dataset.socialcareSentiment,
    hasShadow: Boolean(host.shadowRoot?.querySelector('button')),
    inItem: Boolean(host.closest('article, [role="article"], [role="row"], li')),
    inText: Boolean(host.closest('[data-testid="tweetText"], [data-ad-rendering-role="story_message"], [dir="auto"]')),
  }));
}

/** Asserts no badge sits inside the site's text elements. */
export async function assertOutsideText(page) {
  const inside = await page.$$eval('socialcare-badge', (hosts) => hosts
    .filter((h) => h.closest('[data-testid="tweetText"], [dir="auto"], [data-testid^="message-text-"], h1, h2, h3'))
    .map((h) => h.dataset.socialcareItem));
  assert.deepEqual(inside, [], 'badges stay outside the site text');
}

/** How many elements match a selector in the page. */
export function count(page, selector) {
  return page.$$eval(selector, (elements) => elements.length);
}

/** Polls an async condition until it holds (bounded; no fixed sleeps). */
export async function waitFor(condition, timeout = 10000) {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeout) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The X home fixture: one badge per customer post with the core sentiment,
 * none for the promoted post; each badge in its article, outside the post
 * text, with its UI in a shadow root. `waitForBadges` and `badges` come from
 * the driver in use (Playwright or puppeteer).
 */
export async function checkXTimeline(page, { waitForBadges, badges }) {
  const keys = ['x:1800000000000000001', 'x:1799999999999999999', 'x:1800000000000000050', 'x:1800000000000000066'];
  await waitForBadges(page, keys);
  assert.deepEqual((await badges(page)).map((b) => b.item).sort(), [...keys].sort(), 'exactly one badge per customer post, none for the promoted post');
  assert.equal((await badgeOf(page, 'x:1800000000000000001')).sentiment, 'positive');
  assert.equal((await badgeOf(page, 'x:1800000000000000050')).sentiment, 'negative');
  assert.equal((await badgeOf(page, 'x:1799999999999999999')).sentiment, 'neutral');
  for (const key of keys) {
    const badge = await badgeOf(page, key);
    assert.equal(badge.kind, 'post');
    assert.ok(badge.inItem && !badge.inText, 'the badge host sits in the article, outside the post text');
    assert.ok(badge.hasShadow, 'the badge UI lives in a shadow root');
  }
}

/**
 * Waits until the side panel's item (`driver.focused()`, see
 * tests/e2e/real-markup.mjs) is `key`'s, and answers that item.
 */
export async function shownInPanel(driver, key) {
  let shown;
  await waitFor(async () => (shown = await driver.focused())?.item.key === key);
  return shown.item;
}

/**
 * Holds calls of `socialcare[object][method]` (the worker's debugging handle,
 * background.js), after the first `letThrough`, until
 * `globalThis.releaseHeldCalls()` puts the method back and lets the held
 * calls go on (harmless when called twice). Self-contained: the drivers run
 * it in the worker (Chromium) or in the page that reaches the event page
 * (Firefox).
 */
export function holdCalls([object, method, letThrough], socialcare = globalThis.socialcare) {
  const target = socialcare[object];
  const original = target[method];
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let calls = 0;
  target[method] = async (...args) => {
    if (calls++ >= letThrough) await held;
    return original.apply(target, args);
  };
  globalThis.releaseHeldCalls = () => { target[method] = original; release(); };
}
