// The extension speaks the agent's language: Chromium started in Arabic,
// Traditional Chinese and French (Debian's chromium-l10n) shows the
// extension's words from that language's catalogue, right to left for
// Arabic, on the sites' pages (badges, the health notice), in the side panel
// and on the options page. The expected words are read from the built
// `_locales`, never written here. Waits are conditions, never sleeps.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, launch, open, waitForBadges } from './harness.mjs';

/** A badged post of the X fixture's home timeline, and its profile's broken page. */
const POST = 'x:1800000000000000050';

/** The messages the built extension ships for `locale` (a `_locales` folder name). */
function catalogue(locale) {
  const messages = JSON.parse(readFileSync(path.join(DIST, '_locales', locale, 'messages.json'), 'utf8'));
  return (key) => {
    const message = messages[key]?.message;
    assert.ok(message, `${locale} has ${key}`);
    return message;
  };
}
const english = catalogue('en');

for (const { language, locale, direction } of [
  { language: 'ar', locale: 'ar', direction: 'rtl' },
  { language: 'zh-TW', locale: 'zh_TW', direction: 'ltr' },
  { language: 'fr', locale: 'fr', direction: 'ltr' },
]) {
  describe(`Chromium in ${language}`, () => {
    const words = catalogue(locale);
    let browser;
    before(async () => { browser = await launch({ language }); });
    after(async () => { await browser?.close(); });

    test('badges say what they say in the browser’s language and direction', async () => {
      const { page } = await open(browser.context, 'https://x.com/home');
      await waitForBadges(page, [POST]);
      const badge = await page.$eval(`socialcare-badge[data-socialcare-item="${POST}"]`, (host) => ({
        lang: host.lang,
        dir: host.dir,
        kind: host.dataset.socialcareKind,
        intent: host.dataset.socialcareIntent,
        label: host.shadowRoot.querySelector('button[part=badge]').textContent,
        name: host.shadowRoot.querySelector('button[part=badge]').getAttribute('aria-label'),
      }));
      assert.equal(badge.lang, language);
      assert.equal(badge.dir, direction);
      const intent = words(`content_intent_${badge.intent}`);
      assert.notEqual(intent, english(`content_intent_${badge.intent}`), 'the intent is translated');
      assert.ok(badge.label.includes(intent), `${badge.label} shows ${intent}`);
      assert.ok(badge.name.includes(intent) && badge.name.includes(words(`content_kind_${badge.kind}`)), badge.name);
      assert.ok(!badge.name.includes('open in the side panel'), badge.name);
      await page.close();
    });

    test('the health notice and its Dismiss button are in the browser’s language', async () => {
      const { page } = await open(browser.context, 'https://x.com/broken');
      const notice = page.locator('socialcare-notice');
      await notice.getByText(words('content_notice_unreadable')).waitFor();
      assert.equal(await notice.evaluate((host) => host.dir), direction);
      await notice.getByRole('button', { name: words('content_notice_dismiss') }).click();
      await page.waitForFunction(() => !document.querySelector('socialcare-notice'));
      await page.close();
    });
  });
}
