// The three sites' fixture pages, shared by Chromium (`extension.test.mjs`)
// and Firefox (`firefox.test.mjs`): on X, recycled and remounted cells,
// infinite scroll, a slow engine, route changes that re-kind items, search
// results, status links in the forms the browser rewrites, both DM
// generations, markup the profile cannot read, and the badge from the
// keyboard; Facebook's feed, comments and replies; Instagram's feed, post
// dialog and DMs. `driver` is the one `realMarkupTests` takes
// (tests/e2e/real-markup.mjs). Waits are conditions, never sleeps.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { badges } from './harness.mjs';
import { assertOutsideText, badgeOf, count, ourErrors, shownInPanel } from './checks.mjs';

/** The fixture page tests in one browser. */
export function sitePageTests(driver) {
  const { waitUntil, waitForBadges } = driver;

  /** Waits until an item's badge shows `kind`. */
  const waitForKind = (page, key, kind) => waitUntil(page,
    ([key, kind]) => document.querySelector(`socialcare-badge[data-socialcare-item="${key}"]`)?.dataset.socialcareKind === kind, [key, kind]);

  describe(`${driver.name}: X pages`, () => {
    test('a recycled timeline node shows the badge of the item it now holds; remounted and site-removed badges come back once', async () => {
      const { page } = await driver.open('https://x.com/home');
      await waitForBadges(page, ['x:1800000000000000001']);
      await page.evaluate(() => window.fixture.recycle(0, {
        id: '1800000000000000999', handle: 'zoe', name: 'Zoe', time: '2026-03-01T12:00:00.000Z',
        text: 'Terrible experience, the app deleted my data and I am angry.',
      }));
      await waitForBadges(page, ['x:1800000000000000999']);
      const inFirst = await page.$$eval('[data-testid="cellInnerDiv"]:first-child socialcare-badge', (hosts) => hosts.map((h) => [h.dataset.socialcareItem, h.dataset.socialcareSentiment]));
      assert.deepEqual(inFirst, [['x:1800000000000000999', 'negative']], 'one badge, for the new item');
      assert.equal(await count(page, 'socialcare-badge[data-socialcare-item="x:1800000000000000001"]'), 0);
      // A cell unmounted when scrolled away and mounted again as a new node gets one badge again.
      await page.evaluate(() => window.fixture.unmount(1));
      await waitUntil(page, () => !document.querySelector('socialcare-badge[data-socialcare-item="x:1799999999999999999"]'));
      await page.evaluate(() => window.fixture.remount());
      await waitForBadges(page, ['x:1799999999999999999']);
      assert.equal(await count(page, 'socialcare-badge[data-socialcare-item="x:1799999999999999999"]'), 1);
      // A badge the site removes (as a re-render of the node it sits in would) is painted again, once.
      await page.evaluate(() => document.querySelector('socialcare-badge[data-socialcare-item="x:1800000000000000050"]').remove());
      await waitForBadges(page, ['x:1800000000000000050']);
      assert.equal(await count(page, 'socialcare-badge[data-socialcare-item="x:1800000000000000050"]'), 1);
      await page.close();
    });

    test('posts added by infinite scroll get badges', async () => {
      const { page } = await driver.open('https://x.com/home');
      await waitForBadges(page, ['x:1800000000000000001']);
      await page.evaluate(() => window.fixture.append(window.fixture.benchPost(42)));
      await waitForBadges(page, ['x:1900000000000000042']);
      assert.equal((await badgeOf(page, 'x:1900000000000000042')).sentiment, 'negative');
      await page.close();
    });

    test('a slow engine: the top of a long page is painted while the rest is still being analysed', async () => {
      // The engine answers the page's first request and holds every later one
      // until the test lets them go (a worker just woken and still busy).
      const release = await driver.holdEngineAnswers(1);
      try {
        const { page } = await driver.open('https://x.com/bench?n=150');
        const keys = (posts) => Array.from({ length: posts }, (_, i) => `x:${1900000000000000000n + BigInt(i)}`);
        // The first chunk (the top of the page) is painted without waiting for the held ones.
        await waitForBadges(page, keys(20));
        const painted = () => page.$$eval('socialcare-badge', (hosts) => hosts.map((h) => h.dataset.socialcareItem));
        assert.deepEqual((await painted()).sort(), keys(20).sort());
        await release();
        await waitForBadges(page, keys(150));
        assert.equal((await painted()).length, 150);
        await page.close();
      } finally {
        await release();
      }
    });

    test('SPA navigation (pushState, title change, popstate) re-scans and re-kinds items', async () => {
      const { page, errors } = await driver.open('https://x.com/home');
      await waitForBadges(page, ['x:1800000000000000001']);
      // The URL changes to a conversation while the cells stay: other posts become replies.
      await page.evaluate(() => window.fixture.pushStateOnly('/bob_ops/status/1799999999999999999', 'Bob Ops on X / X'));
      await waitForKind(page, 'x:1800000000000000001', 'reply');
      assert.equal((await badgeOf(page, 'x:1799999999999999999')).kind, 'post');
      // Back (popstate): the home timeline again, all posts.
      await page.evaluate(() => history.back());
      await waitForKind(page, 'x:1800000000000000001', 'post');
      // A full route change: the conversation page with its replies.
      await page.evaluate(() => window.fixture.navigate('/alice_dev/status/1800000000000000001'));
      await waitForBadges(page, ['x:1800000000000000002', 'x:1800000000000000003']);
      assert.equal((await badgeOf(page, 'x:1800000000000000001')).kind, 'post');
      assert.equal((await badgeOf(page, 'x:1800000000000000002')).kind, 'reply');
      const reply = await badgeOf(page, 'x:1800000000000000003');
      assert.deepEqual([reply.kind, reply.sentiment], ['reply', 'negative']);
      assert.deepEqual(ourErrors(errors), []);
      await page.close();
    });

    test('search results are badged as posts', async () => {
      const { page } = await driver.open('https://x.com/search?q=order&src=typed_query');
      await waitForBadges(page, ['x:1800000000000000050']);
      assert.deepEqual((await badges(page)).map((b) => [b.item, b.kind, b.sentiment]), [['x:1800000000000000050', 'post', 'negative']]);
      await page.close();
    });

    test('status links read as the browser resolves them: dot segments, protocol-relative, absolute, with a query', async () => {
      const { page } = await driver.open('https://x.com/links');
      const keys = ['101', '102', '103', '104', '105', '106'].map((n) => `x:1800000000000000${n}`);
      await waitForBadges(page, keys);
      assert.deepEqual((await badges(page)).map((b) => b.item).sort(), keys);
      await page.close();
    });

    test('legacy DMs (/messages) are badged as DMs', async () => {
      const { page } = await driver.open('https://x.com/messages/111-222');
      await waitUntil(page, () => document.querySelectorAll('socialcare-badge').length === 2);
      const all = await badges(page);
      assert.ok(all.every((b) => b.kind === 'dm' && b.item.startsWith('x:dm-111-222-')), JSON.stringify(all));
      assert.deepEqual(all.map((b) => b.sentiment), ['negative', 'positive']);
      await page.close();
    });

    test('XChat DMs (/i/chat) are badged next to the bubble, outside its text', async () => {
      const { page } = await driver.open('https://x.com/i/chat/111:222');
      await waitForBadges(page, ['x:chat-9001', 'x:chat-9002']);
      const first = await badgeOf(page, 'x:chat-9001');
      assert.deepEqual([first.kind, first.sentiment], ['dm', 'negative']);
      const bubble = await page.$eval('[data-testid="message-text-9001"]', (el) => [el.textContent, el.nextElementSibling.tagName]);
      assert.deepEqual(bubble, ['Can you check the invoice? I was charged twice.', 'SOCIALCARE-BADGE']);
      await page.close();
    });

    test('unrecognisable markup gets no badge and one dismissible notice; the page stays intact', async () => {
      const { page } = await driver.open('https://x.com/broken');
      await waitUntil(page, () => document.querySelector('socialcare-notice'));
      assert.equal(await count(page, 'socialcare-notice'), 1);
      assert.equal(await count(page, 'socialcare-badge'), 0);
      assert.equal(await page.$eval('[data-testid="tweetText"]', (el) => el.textContent), 'A post whose permalink markup changed');
      await driver.dismissNotice(page);
      await waitUntil(page, () => !document.querySelector('socialcare-notice'));
      await page.close();
    });

    test('the keyboard: Enter on a badge shows its item in the side panel; the site never sees the badge’s clicks and keys', async () => {
      const { page } = await driver.open('https://x.com/home');
      await waitForBadges(page, ['x:1800000000000000050']);
      // The site's own listeners (capture on the document, bubble on the post, like X opening a post).
      await page.evaluate(() => {
        window.siteSawBadgeEvent = [];
        const record = (event) => {
          if (event.composedPath().some((node) => node.nodeName === 'SOCIALCARE-BADGE')) window.siteSawBadgeEvent.push(event.type);
        };
        for (const type of ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown', 'keyup']) {
          document.addEventListener(type, record, true);
          for (const post of document.querySelectorAll('article')) post.addEventListener(type, record);
        }
      });
      await driver.pressOnBadge(page, 'x:1800000000000000050', 'Enter');
      assert.match((await shownInPanel(driver, 'x:1800000000000000050')).text, /worst support ever/);
      await driver.clickBadge(page, 'x:1800000000000000001');
      await shownInPanel(driver, 'x:1800000000000000001');
      assert.deepEqual(await page.evaluate(() => window.siteSawBadgeEvent), []);
      await page.close();
    });
  });
  describe(`${driver.name}: Facebook`, () => {
    test('feed posts (aria-posinset or only aria-describedby), comments and replies; late hrefs badge on hover', async () => {
      const { page, errors } = await driver.open('https://www.facebook.com/');
      const keys = ['facebook:pfbid0FxTUREPLACEMExyz', 'facebook:987654321012345', 'facebook:111_222', 'facebook:333'];
      await waitForBadges(page, keys);
      const kinds = [];
      for (const key of keys) kinds.push((await badgeOf(page, key)).kind);
      assert.deepEqual(kinds, ['post', 'post', 'comment', 'comment']);
      assert.equal((await badgeOf(page, 'facebook:pfbid0FxTUREPLACEMExyz')).sentiment, 'positive');
      assert.equal((await badgeOf(page, 'facebook:111_222')).sentiment, 'negative');
      // The aria-describedby-only post has a placeholder href: no badge, no notice, until hover.
      assert.equal(await count(page, 'socialcare-badge[data-socialcare-item="facebook:555000111222333"]'), 0);
      assert.equal(await count(page, 'socialcare-notice'), 0);
      await page.hover('#late-link');
      await waitForBadges(page, ['facebook:555000111222333']);
      assert.equal((await badges(page)).length, 5);
      // The reply points at its comment.
      await driver.clickBadge(page, 'facebook:333');
      assert.equal((await shownInPanel(driver, 'facebook:333')).parent_id, '111_222');
      await assertOutsideText(page);
      await driver.screenshot(page, 'facebook-badges.png');
      assert.deepEqual(ourErrors(errors), []);
      await page.close();
    });
  });

  describe(`${driver.name}: Instagram`, () => {
    test('feed posts and reels; the post dialog with its comment and reply (pushState, history.back)', async () => {
      const { page, errors } = await driver.open('https://www.instagram.com/');
      await waitForBadges(page, ['instagram:C4fIxTuReA1', 'instagram:C4gReeLx9z0']);
      assert.equal((await badgeOf(page, 'instagram:C4fIxTuReA1')).sentiment, 'positive');
      await page.evaluate(() => window.fixture.openPost());
      await waitForBadges(page, ['instagram:18000000000000001', 'instagram:18000000000000002']);
      const comment = await badgeOf(page, 'instagram:18000000000000001');
      assert.deepEqual([comment.kind, comment.sentiment], ['comment', 'negative']);
      assert.equal((await badgeOf(page, 'instagram:18000000000000002')).kind, 'comment');
      await assertOutsideText(page);
      // The dialog's own post badge (same post as the feed's).
      assert.equal(await count(page, 'div[role="dialog"] socialcare-badge[data-socialcare-item="instagram:C4fIxTuReA1"]'), 1);
      await page.evaluate(() => window.fixture.closePost());
      await waitUntil(page, () => !document.querySelector('socialcare-badge[data-socialcare-item="instagram:18000000000000001"]'));
      await waitForBadges(page, ['instagram:C4fIxTuReA1']);
      assert.deepEqual(ourErrors(errors), []);
      await page.close();
    });

    test('DM threads are badged per message', async () => {
      const { page } = await driver.open('https://www.instagram.com/direct/t/340282366841710300949128100000000001/');
      await waitForBadges(page, ['instagram:mid.$cAAfixture1', 'instagram:mid.$cAAfixture2']);
      assert.equal((await badgeOf(page, 'instagram:mid.$cAAfixture1')).kind, 'dm');
      assert.equal((await badgeOf(page, 'instagram:mid.$cAAfixture2')).sentiment, 'positive');
      await page.close();
    });
  });
}
