// The real-markup tests (`real-markup.mjs`, shared with Firefox) in the real
// extension in headless Chromium, and the health notice's Report snapshot,
// which only Chromium can read back from the clipboard (docs/extension.md,
// "Firefox"). Waits are conditions, never sleeps.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumDriver, launch } from './harness.mjs';
import { REAL_MARKUP_FIXTURES, openAfterSiteUpdate, realMarkupTests } from './real-markup.mjs';

let browser;

before(async () => {
  browser = await launch({ fixtures: REAL_MARKUP_FIXTURES });
});
after(async () => { await browser?.close(); });

/** The real-markup tests' driver (see `realMarkupTests`). */
const chromium = chromiumDriver(() => browser);

realMarkupTests(chromium);

describe('Chromium: profile health report', () => {
  test('"Report" copies a structure-only snapshot: counts, tags, roles, attribute names, link shapes, no text from the page', async () => {
    const page = await openAfterSiteUpdate(chromium);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://www.facebook.com' });
    const notice = page.locator('socialcare-notice');
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
    const pageText = ['Maria', 'maria', 'Gonzalez', '555', '0100', 'example.com', '4242', 'onerror', 'alert', '<img', 'AZq7', 'Photo of', ':c1:', 'منشورات'];
    for (const leak of pageText) assert.ok(!snapshot.includes(leak), `the snapshot leaks ${JSON.stringify(leak)}:\n${snapshot}`);
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
    await page.close();
  });
});
