// End-to-end tests on fixtures written from the markup of real 2024–2025
// Facebook and Instagram pages (tests/fixtures/facebook-real, instagram-real;
// patterns in /work/shared/reference/real-markup.md): one test per pattern,
// the same items in three UI languages, and the profile health signal. The
// real extension runs in headless Chromium; waits are conditions, never sleeps.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, waitForBadges, badges } from './harness.mjs';

let browser;

before(async () => {
  browser = await launch({ fixtures: { 'www.facebook.com': 'facebook-real', 'www.instagram.com': 'instagram-real' } });
});
after(async () => { await browser?.close(); });

const LANGUAGES = ['en', 'zh-Hant', 'ar'];
const FB_HOME = 'https://www.facebook.com/';
const FB_TIMELINE = 'https://www.facebook.com/profile.php?id=100000000000077';
const IG_POST = 'https://www.instagram.com/p/C9xYzAbCdE1/';

/** Appends the UI-language parameter to a fixture URL. */
function inLanguage(url, ui) {
  return `${url}${url.includes('?') ? '&' : '?'}ui=${ui}`;
}

/** Waits until the page has `count` badges and answers them as {item: kind}. */
async function settledBadges(page, count) {
  await page.waitForFunction((n) => document.querySelectorAll('socialcare-badge').length === n, count, { timeout: 15000 });
  return Object.fromEntries((await badges(page)).map((b) => [b.item, b.kind]));
}

/** Clicks an item's badge and answers the FocusedItem the service worker shows in the side panel. */
async function focus(page, key) {
  await page.locator(`socialcare-badge[data-socialcare-item="${key}"] button[part=badge]`).click();
  const deadline = Date.now() + 10000;
  while (Date.now() < deadline) {
    const stored = await browser.worker.evaluate(async () => {
      await globalThis.socialcare.pages.ready;
      return globalThis.socialcare.pages.focused;
    });
    if (stored?.item.key === key) return stored.item;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no focused item ${key}`);
}

/** The keys of the badges inside the elements a selector names. */
function keysIn(page, selector) {
  return page.$$eval(`${selector} socialcare-badge`, (hosts) => hosts.map((h) => h.dataset.socialcareItem));
}

const CONTENT_KEY = /^facebook:post-[0-9a-f]{16}$/;

describe('Facebook 2025 home feed', () => {
  test('posts without role="feed", pagelets or role="article", whose permalink is only in script data, are badged by photo id or content key', async () => {
    const { page } = await open(browser.context, FB_HOME);
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
    assert.equal(await page.locator('socialcare-notice').count(), 0);
    await page.close();
  });

  test('a post without aria-posinset whose timestamp gets its href on hover is badged at once, then by its permalink id', async () => {
    const { page } = await open(browser.context, FB_HOME);
    await page.waitForFunction(() => document.querySelector('#late-link')?.closest('[aria-describedby]')?.querySelector('socialcare-badge'));
    const [before] = await keysIn(page, '[aria-describedby]:not([aria-posinset])');
    assert.match(before, CONTENT_KEY);
    await page.hover('#late-link');
    await waitForBadges(page, ['facebook:555000111222999']);
    assert.deepEqual(await keysIn(page, '[aria-describedby]:not([aria-posinset])'), ['facebook:555000111222999'], 'the same badge, re-keyed');
    await page.close();
  });

  test('Messenger chat popups: messages keyed by conversation and content; loading and date rows are not messages', async () => {
    const { page } = await open(browser.context, FB_HOME);
    await page.waitForFunction(() => document.querySelectorAll('[role="grid"] socialcare-badge').length === 4);
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

describe('Facebook 2024 profile timeline', () => {
  test('posts with comments are posts; comments and replies are read without English label text and point at their post', async () => {
    const { page } = await open(browser.context, inLanguage(FB_TIMELINE, 'zh-Hant'));
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
    assert.equal(await page.locator('[data-visualcompletion="loading-state"] socialcare-badge').count(), 0);
    assert.equal(await page.locator('socialcare-notice').count(), 0);
    await page.close();
  });

  test('a combined card: each sub-post is a post with its own comments; the card itself is not an item', async () => {
    const { page } = await open(browser.context, FB_TIMELINE);
    await waitForBadges(page, ['facebook:880011', 'facebook:880012', 'facebook:880011_990021']);
    const card = page.locator('[aria-posinset="3"]');
    assert.equal(await card.locator(':scope > socialcare-badge').count(), 0, 'no badge for the card');
    assert.deepEqual((await keysIn(page, '[aria-posinset="3"]')).sort(), ['facebook:880011', 'facebook:880011_990021', 'facebook:880012']);
    assert.equal((await focus(page, 'facebook:880011_990021')).parent_id, '880011');
    assert.equal((await focus(page, 'facebook:880012')).text, 'We are hiring a cook, apply in store.');
    await page.close();
  });
});

describe('Instagram 2025 post view', () => {
  test('comments (relative and absolute links) and, once expanded, their replies', async () => {
    const { page } = await open(browser.context, IG_POST);
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
    assert.equal(await page.locator('socialcare-notice').count(), 0);
    await page.close();
  });
});

describe('UI languages', () => {
  test('English, Traditional Chinese and Arabic (RTL) UI text give the same items', async () => {
    const results = {};
    for (const ui of LANGUAGES) {
      const items = [];
      for (const [url, count] of [[FB_HOME, 7], [FB_TIMELINE, 8], [IG_POST, 3]]) {
        const { page } = await open(browser.context, inLanguage(url, ui));
        const found = await settledBadges(page, count);
        const sentiments = await page.$$eval('socialcare-badge', (hosts) => hosts.map((h) => `${h.dataset.socialcareItem} ${h.dataset.socialcareSentiment}`));
        items.push(...Object.entries(found).map(([key, kind]) => `${key} ${kind}`), ...sentiments);
        assert.equal(await page.locator('socialcare-notice').count(), 0, `${ui} ${url}`);
        await page.close();
      }
      results[ui] = items.sort();
    }
    assert.equal(results.en.length, 36);
    assert.deepEqual(results['zh-Hant'], results.en);
    assert.deepEqual(results.ar, results.en);
  });
});

describe('Profile health', () => {
  test('a surface that used to read items and reads none shows one notice; "Report" copies a structure-only snapshot', async () => {
    // A working visit: facebook.post reads items (the extension remembers it).
    const working = await open(browser.context, FB_HOME);
    await waitForBadges(working.page, ['facebook:photo-7001001']);
    await working.page.close();
    // After a "site update": the containers still match, nothing in them reads.
    const { page } = await open(browser.context, `${FB_HOME}?variant=changed&ui=ar`);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://www.facebook.com' });
    const notice = page.locator('socialcare-notice');
    await notice.locator('button[data-report]').waitFor();
    assert.equal(await notice.count(), 1);
    assert.equal(await page.locator('socialcare-badge').count(), 0);
    await notice.locator('button[data-report]').click();
    await notice.getByRole('button', { name: 'Copied' }).waitFor();
    const snapshot = await page.evaluate(() => navigator.clipboard.readText());
    // Structure: the surface's counts, tags, roles, attribute names, link shapes.
    assert.match(snapshot, /^Socialcare structure snapshot 1\n/);
    assert.match(snapshot, /surface facebook\.post: seen 2, read 0/);
    assert.match(snapshot, /ancestors: .*div\[role="main"\]/);
    assert.match(snapshot, /div\[aria-labelledby\]\[aria-posinset=<n>\]\[data-user\]\[title\]/);
    assert.match(snapshot, /div\[data-ad-rendering-role\]/, 'a renamed hook shows by name only');
    assert.match(snapshot, /a\[aria-label\]\[href=abs:\/<s>\?__cft__\[0\]&__tn__\]/, 'a vanity link: its shape, not the name');
    // No text, names, numbers or ids from the page.
    const page_text = ['Maria', 'maria', 'Gonzalez', '555', '0100', 'example.com', '4242', 'onerror', 'alert', '<img', 'AZq7', 'Photo of', ':c1:', 'منشورات'];
    for (const leak of page_text) assert.ok(!snapshot.includes(leak), `the snapshot leaks ${JSON.stringify(leak)}:\n${snapshot}`);
    // Nor any word of the page's text, labels, titles, alt text, ids or data values.
    const words = await page.evaluate(() => {
      const values = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) values.push(walker.currentNode.nodeValue);
      for (const element of document.body.querySelectorAll('*')) {
        for (const name of ['aria-label', 'alt', 'title', 'id', 'data-user', 'aria-labelledby']) values.push(element.getAttribute(name) ?? '');
      }
      return [...new Set(values.join(' ').split(/[\s,]+/).filter((w) => w.length >= 3))];
    });
    assert.ok(words.length >= 15, `the page has text to leak: ${words}`);
    assert.deepEqual(words.filter((word) => snapshot.includes(word)), []);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
    await page.close();
  });
});
