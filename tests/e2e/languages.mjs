// The extension speaks the agent's language, one test body for both browsers:
// the browser started in Arabic, Traditional Chinese or French (Debian's
// chromium-l10n, firefox-esr-l10n-*) shows the extension's words from that
// language's catalogue, right to left for Arabic: on the sites' pages
// (badges, the health notice), in the side panel and on the options page.
// The expected words are read from the built `_locales`, never written here.
// Waits are conditions, never sleeps.
//
// `languageTests(runner)`: `runner.name`, `runner.languages` (those its
// browser has), `runner.launch(language)` answering a browser with
// `close()`, and `runner.driver(current)`, the driver of real-markup.mjs
// (`open`, `waitUntil`, `waitForBadges`, `dismissNotice`) plus
// `extensionPage(file)`, which opens one of the extension's pages.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST } from './harness.mjs';

/** A badged post of the X fixture's home timeline. */
const POST = 'x:1800000000000000050';

/** The languages the tests start browsers in: their `_locales` folder and direction. */
export const LANGUAGES = [
  { language: 'ar', locale: 'ar', direction: 'rtl' },
  { language: 'zh-TW', locale: 'zh_TW', direction: 'ltr' },
  { language: 'fr', locale: 'fr', direction: 'ltr' },
];

/** The message `key` the built extension ships for `locale` (a `_locales` folder name). */
export function catalogue(locale) {
  const messages = JSON.parse(readFileSync(path.join(DIST, '_locales', locale, 'messages.json'), 'utf8'));
  return (key) => {
    const message = messages[key]?.message;
    assert.ok(message, `${locale} has ${key}`);
    return message;
  };
}

export function languageTests(runner) {
  const english = catalogue('en');
  for (const { language, locale, direction } of LANGUAGES.filter(({ language }) => runner.languages.includes(language))) {
    describe(`${runner.name} in ${language}`, () => {
      const words = catalogue(locale);
      let browser;
      before(async () => { browser = await runner.launch(language); });
      after(async () => { await browser?.close(); });
      const driver = runner.driver(() => browser);

      test('badges say what they say in the browser’s language and direction', async () => {
        const { page } = await driver.open('https://x.com/home');
        await driver.waitForBadges(page, [POST]);
        const badge = await page.evaluate((key) => {
          const host = document.querySelector(`socialcare-badge[data-socialcare-item="${key}"]`);
          const button = host.shadowRoot.querySelector('button[part=badge]');
          return {
            lang: host.lang,
            dir: host.dir,
            kind: host.dataset.socialcareKind,
            intent: host.dataset.socialcareIntent,
            label: button.textContent,
            name: button.getAttribute('aria-label'),
          };
        }, POST);
        assert.equal(badge.lang, language);
        assert.equal(badge.dir, direction);
        const intent = words(`content_intent_${badge.intent}`);
        assert.notEqual(intent, english(`content_intent_${badge.intent}`), 'the intent is translated');
        assert.ok(badge.label.includes(intent), `${badge.label} shows ${intent}`);
        assert.ok(badge.name.includes(intent) && badge.name.includes(words(`content_kind_${badge.kind}`)), badge.name);
        await page.close();
      });

      test('the options page and the side panel are in the browser’s language and direction', async () => {
        /** Waits until the page's root has the language and direction, and shows every one of `texts`. */
        const shows = async (page, texts) => {
          await driver.waitUntil(page, ([lang, dir, wanted]) => document.documentElement.lang === lang
            && document.documentElement.dir === dir
            && wanted.every((text) => document.body.innerText.includes(text)), [language, direction, texts]);
        };
        const options = await driver.extensionPage('options.html');
        await shows(options, [words('options_connect_heading'), words('options_store_url'), words('options_connect')]);
        assert.equal(await options.evaluate(() => document.title), words('options_page_title'));
        const connect = await options.evaluate(() => [...document.querySelectorAll('button')].map((button) => button.textContent));
        assert.ok(connect.includes(words('options_connect')), `buttons: ${connect}`);
        await options.close();
        const panel = await driver.extensionPage('sidepanel.html');
        await shows(panel, [words('panel_empty_heading'), words('common_sign_in')]);
        await panel.close();
      });

      test('the health notice and its Dismiss button are in the browser’s language', async () => {
        const { page } = await driver.open('https://x.com/broken');
        await driver.waitUntil(page, () => document.querySelector('socialcare-notice'));
        const notice = await page.evaluate(() => {
          const host = document.querySelector('socialcare-notice');
          return { dir: host.dir, text: host.shadowRoot.querySelector('span').textContent, dismiss: host.shadowRoot.querySelector('button').textContent };
        });
        assert.deepEqual(notice, { dir: direction, text: words('content_notice_unreadable'), dismiss: words('common_dismiss') });
        await driver.dismissNotice(page);
        await driver.waitUntil(page, () => !document.querySelector('socialcare-notice'));
        await page.close();
      });
    });
  }
}
