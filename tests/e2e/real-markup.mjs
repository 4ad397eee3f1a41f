// The real-markup tests, shared by Chromium (`real-markup.test.mjs`,
// Playwright) and Firefox (`firefox.test.mjs`, puppeteer over WebDriver
// BiDi): fixtures written from the markup of real 2024–2025 Facebook and
// Instagram pages (tests/fixtures/facebook-real, instagram-real; patterns in
// /work/shared/reference/real-markup.md), one test per pattern, the same
// items in three UI languages, and the profile health notice. Each browser's
// file passes a driver (below) for the few steps its driver does its own
// way; the checks use only what both drivers share (`$eval`, `$$eval`,
// `hover`, `click`, `reload`). Waits are conditions, never sleeps.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { badges } from './harness.mjs';
import { count, ourErrors, shownInPanel } from './checks.mjs';

/** Host → fixture directory: the real-markup fixtures at the sites' real URLs. */
export const REAL_MARKUP_FIXTURES = { 'www.facebook.com': 'facebook-real', 'www.instagram.com': 'instagram-real' };

const LANGUAGES = ['en', 'zh-Hant', 'ar'];
const FB_HOME = 'https://www.facebook.com/';
const FB_TIMELINE = 'https://www.facebook.com/profile.php?id=100000000000077';
const IG_POST = 'https://www.instagram.com/p/C9xYzAbCdE1/';
const CONTENT_KEY = /^facebook:post-[0-9a-f]{16}$/;

/** Appends the UI-language parameter to a fixture URL. */
export function inLanguage(url, ui) {
  return `${url}${url.includes('?') ? '&' : '?'}ui=${ui}`;
}

/** The keys of the badges inside the elements a selector names. */
function keysIn(page, selector) {
  return page.$$eval(`${selector} socialcare-badge`, (hosts) => hosts.map((h) => h.dataset.socialcareItem));
}

/**
 * Opens the Facebook feed fixture as it looks after a "site update" (the
 * containers still match, nothing in them reads), after a working visit
 * (so the extension remembers that facebook.post reads items); answers the
 * page once its health notice offers Report.
 */
export async function openAfterSiteUpdate(driver) {
  const working = await driver.open(FB_HOME);
  await driver.waitForBadges(working.page, ['facebook:photo-7001001']);
  await working.page.close();
  const { page } = await driver.open(`${FB_HOME}?variant=changed&ui=ar`);
  await driver.waitUntil(page, () => document.querySelector('socialcare-notice')?.shadowRoot?.querySelector('button[data-report]'));
  return page;
}

/**
 * The real-markup tests in one browser. `driver` (`chromiumDriver` in
 * harness.mjs, `firefoxDriver` in firefox.mjs; `sitePageTests` takes the same):
 *  - `name`: the browser, for the suites' titles;
 *  - `open(url)`: a new tab showing the real-markup fixture at `url` → {page, errors};
 *  - `waitUntil(page, fn, arg)`: waits until `fn(arg)` holds in the page;
 *  - `waitForBadges(page, keys)`: waits until every key has a badge;
 *  - `clickBadge(page, key)`: clicks the item's badge button (in its shadow root);
 *  - `pressOnBadge(page, key, keyName)`: focuses that button and presses a key;
 *  - `dismissNotice(page)`: clicks the health notice's Dismiss button (in its shadow root);
 *  - `screenshot(page, file)`: saves the page as docs/screenshots/`file` (Chromium; Firefox takes none);
 *  - `holdEngineAnswers(letThrough)`: holds the worker's verdicts after the
 *    first `letThrough` batches (`holdCalls` in checks.mjs); answers `release()`;
 *  - `focused()`: the FocusedItem the worker (Firefox: the event page) shows in the side panel;
 *  - `extensionPage(file)`: a new tab showing one of the extension's pages (e.g. `options.html`).
 */
export function realMarkupTests(driver) {
  const { waitUntil, waitForBadges } = driver;

  /** Waits until the page has `n` badges and answers them as {item: kind}. */
  async function settledBadges(page, n) {
    await waitUntil(page, (n) => document.querySelectorAll('socialcare-badge').length === n, n);
    return Object.fromEntries((await badges(page)).map((b) => [b.item, b.kind]));
  }

  /** Clicks an item's badge and answers the item the side panel shows. */
  async function focus(page, key) {
    await driver.clickBadge(page, key);
    return shownInPanel(driver, key);
  }

  describe(`${driver.name}: Facebook 2025 home feed`, () => {
    test('posts without role="feed", pagelets or role="article", whose permalink is only in script data, are badged by photo id or content key', async () => {
      const { page } = await driver.open(FB_HOME);
      await waitForBadges(page, ['facebook:photo-7001001']);
      const posts = await keysIn(page, 'div[role="main"] [aria-posinset]');
      assert.equal(posts.length, 2, 'one badge per post');
      assert.equal(posts[0], 'facebook:photo-7001001', 'the photo id, documented fallback');
      assert.match(posts[1], CONTENT_KEY, 'a text-only post gets a content key, never a placeholder or "pending"');
      // The root timestamp link and the "hide post" control (href "/#") are not permalinks.
      assert.equal((await focus(page, posts[0])).permalink ?? null, null);
      // A reload gives the same keys.
      await page.reload();
      await waitForBadges(page, posts);
      assert.equal(await count(page, 'socialcare-notice'), 0);
      await page.close();
    });

    test('a post without aria-posinset whose timestamp gets its href on hover is badged at once, then by its permalink id', async () => {
      const { page } = await driver.open(FB_HOME);
      await waitUntil(page, () => document.querySelector('#late-link')?.closest('[aria-describedby]')?.querySelector('socialcare-badge'));
      const [before] = await keysIn(page, '[aria-describedby]:not([aria-posinset])');
      assert.match(before, CONTENT_KEY);
      await page.hover('#late-link');
      await waitForBadges(page, ['facebook:555000111222999']);
      assert.deepEqual(await keysIn(page, '[aria-describedby]:not([aria-posinset])'), ['facebook:555000111222999'], 'the same badge, re-keyed');
      await page.close();
    });

    test('Messenger chat popups: messages keyed by conversation and content; loading and date rows are not messages', async () => {
      const { page } = await driver.open(FB_HOME);
      await waitUntil(page, () => document.querySelectorAll('[role="grid"] socialcare-badge').length === 4);
      const grids = await page.$$eval('[role="grid"]', (all) => all.map((grid) => [...grid.querySelectorAll('[role="row"]')].map((row) => {
        const host = row.querySelector('socialcare-badge');
        return host ? [host.dataset.socialcareItem, host.dataset.socialcareKind, host.dataset.socialcareSentiment] : null;
      })));
      // Rows: loading, date separator, then the messages.
      assert.deepEqual(grids.map((rows) => rows.slice(0, 2)), [[null, null], [null, null]]);
      const lea = grids[0].slice(2);
      const omar = grids[1].slice(2);
      assert.equal(lea.length, 3);
      assert.ok(lea.every(([key, kind]) => key.startsWith('facebook:chat-100000000000123-') && kind === 'dm'), JSON.stringify(lea));
      assert.ok(omar[0][0].startsWith('facebook:chat-100000000000456-'), 'each popup reads its own conversation');
      assert.equal(new Set([...lea, ...omar].map(([key]) => key)).size, 4, 'the same words in another conversation are another message');
      const message = await focus(page, lea[0][0]);
      assert.deepEqual([message.author_name, message.thread_id, message.text], ['Lea', '100000000000123', 'Where is my refund? It has been two weeks.']);
      await page.close();
    });
  });

  describe(`${driver.name}: Facebook 2024 profile timeline`, () => {
    test('posts with comments are posts; comments and replies are read without English label text and point at their post', async () => {
      const { page } = await driver.open(inLanguage(FB_TIMELINE, 'zh-Hant'));
      const all = await settledBadges(page, 8);
      assert.deepEqual(all, {
        'facebook:880001': 'post',
        'facebook:880001_990001': 'comment',
        'facebook:990002': 'comment',
        'facebook:pfbid0TiMeLiNe2': 'post',
        'facebook:7002002_990011': 'comment',
        'facebook:880011': 'post',
        'facebook:880011_990021': 'comment',
        'facebook:880012': 'post',
      });
      assert.equal((await focus(page, 'facebook:880001_990001')).parent_id, '880001');
      assert.equal((await focus(page, 'facebook:990002')).parent_id, '880001_990001');
      // The comment's links name the photo; its post is the post it sits in.
      const onPhoto = await focus(page, 'facebook:7002002_990011');
      assert.deepEqual([onPhoto.parent_id, onPhoto.author_handle], ['pfbid0TiMeLiNe2', 'kai.wong']);
      // Empty loading placeholders: neither items nor unreadable.
      assert.equal(await count(page, '[data-visualcompletion="loading-state"] socialcare-badge'), 0);
      assert.equal(await count(page, 'socialcare-notice'), 0);
      await page.close();
    });

    test('a combined card: each sub-post is a post with its own comments; the card itself is not an item', async () => {
      const { page } = await driver.open(FB_TIMELINE);
      await waitForBadges(page, ['facebook:880011', 'facebook:880012', 'facebook:880011_990021']);
      assert.equal(await count(page, '[aria-posinset="3"] > socialcare-badge'), 0, 'no badge for the card');
      assert.deepEqual((await keysIn(page, '[aria-posinset="3"]')).sort(), ['facebook:880011', 'facebook:880011_990021', 'facebook:880012']);
      assert.equal((await focus(page, 'facebook:880011_990021')).parent_id, '880011');
      assert.equal((await focus(page, 'facebook:880012')).text, 'We are hiring a cook, apply in store.');
      await page.close();
    });
  });

  describe(`${driver.name}: Instagram 2025 post view`, () => {
    test('comments (relative and absolute links) and, once expanded, their replies', async () => {
      const { page } = await driver.open(IG_POST);
      const all = await settledBadges(page, 3);
      assert.deepEqual(all, { 'instagram:C9xYzAbCdE1': 'post', 'instagram:18000000000000011': 'comment', 'instagram:18000000000000013': 'comment' });
      const absolute = await focus(page, 'instagram:18000000000000011');
      assert.deepEqual([absolute.author_handle, absolute.author_name, absolute.text, absolute.parent_id],
        ['cara.k', 'cara.k', 'My mug arrived cracked, really disappointed.', 'C9xYzAbCdE1'], 'the author is the h3 link, not the avatar');
      const relative = await focus(page, 'instagram:18000000000000013');
      assert.deepEqual([relative.author_handle, relative.text], ['dev.o', 'Love the green one, thank you!']);
      // Collapsed replies are not in the DOM; expanding them adds rows.
      await page.click('#view-replies');
      await waitForBadges(page, ['instagram:18000000000000012']);
      assert.equal((await focus(page, 'instagram:18000000000000012')).parent_id, '18000000000000011');
      assert.equal((await badges(page)).length, 4);
      assert.equal(await count(page, 'socialcare-notice'), 0);
      await page.close();
    });
  });

  describe(`${driver.name}: UI languages`, () => {
    test('English, Traditional Chinese and Arabic (RTL) UI text give the same items, kinds and sentiments', async () => {
      const results = {};
      for (const ui of LANGUAGES) {
        const items = [];
        for (const [url, n] of [[FB_HOME, 7], [FB_TIMELINE, 8], [IG_POST, 3]]) {
          const { page, errors } = await driver.open(inLanguage(url, ui));
          await settledBadges(page, n);
          items.push(...(await badges(page)).map((b) => `${b.item} ${b.kind} ${b.sentiment}`));
          assert.equal(await count(page, 'socialcare-notice'), 0, `${ui} ${url}`);
          assert.deepEqual(ourErrors(errors), [], `${ui} ${url}`);
          await page.close();
        }
        results[ui] = items.sort();
      }
      assert.equal(results.en.length, 18);
      assert.deepEqual(results['zh-Hant'], results.en);
      assert.deepEqual(results.ar, results.en);
    });
  });

  describe(`${driver.name}: profile health`, () => {
    test('a surface that used to read items and reads none shows one notice with Report, and no badge; Dismiss takes it away', async () => {
      const page = await openAfterSiteUpdate(driver);
      assert.equal(await count(page, 'socialcare-notice'), 1);
      assert.equal(await count(page, 'socialcare-badge'), 0);
      await driver.dismissNotice(page);
      await waitUntil(page, () => !document.querySelector('socialcare-notice'));
      await page.close();
    });
  });
}
