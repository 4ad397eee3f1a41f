// End-to-end tests of the native composers: the real extension in headless
// Chromium inserts a rendered reply into real editors — the `draft-js` and
// `lexical` packages from npm and a React-controlled <textarea>, bundled by
// esbuild and served at X's, Facebook's and Instagram's URLs under their
// strict CSPs — and the tests read each editor's own state back. The reply
// arrives as the side panel sends it: an Insert intent over the panel port.
// Waits are conditions, never sleeps.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open } from './harness.mjs';
import { waitFor, ourErrors } from './checks.mjs';
import { EDITOR_FIXTURES, buildEditorFixtures } from './composer-fixtures/build.mjs';

let browser;

before(async () => {
  const fixtures = await buildEditorFixtures();
  browser = await launch({ fixtures });
});
after(async () => { await browser?.close(); });

/** The editable element of each fixture (as the site profile's composer finds it). */
const EDITOR = {
  draftjs: '[data-testid="tweetTextarea_0"]',
  lexical: '[data-lexical-editor="true"]',
  textarea: 'form textarea',
};

/** A rendered reply with an emoji, a newline, and text that would be markup if inserted as HTML. */
const REPLY = 'Hi Ana 👋 sorry about that.\nSend us a DM <img src=x onerror="window.pwned=1"> & we will fix it.';

/** Opens the fixture of an editor kind with its editor mounted. */
async function openEditor(kind) {
  const { page, errors } = await open(browser.context, EDITOR_FIXTURES[kind].url);
  await page.waitForSelector(EDITOR[kind]);
  return { page, errors, editor: page.locator(EDITOR[kind]) };
}

/** The editor's own state (Draft.js EditorState, Lexical's editor state, React's textarea state). */
function editorText(page) {
  return page.evaluate(() => window.fixture.text());
}

/** Clicks into the editor and waits until the worker knows the agent is in a composer on this tab. */
async function enter(page, editor) {
  await page.bringToFront();
  await editor.click();
  await waitFor(() => browser.worker.evaluate(() => globalThis.socialcare.composerTab !== undefined));
}

/** Sends the side panel's Insert intent over a panel port, from an extension page that takes the focus. */
async function insertFromPanel(item, text) {
  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  await panel.bringToFront();
  await panel.evaluate(({ item, text }) => {
    const port = chrome.runtime.connect({ name: 'panel' });
    port.postMessage({ type: 'insert', item, template_id: 'apology-dm', text });
  }, { item, text });
  return panel;
}

for (const kind of Object.keys(EDITOR_FIXTURES)) {
  describe(`insert into ${kind}`, () => {
    test('an empty editor, after the focus moved to the panel: the state is the reply, once, as text', async () => {
      const { page, errors, editor } = await openEditor(kind);
      await enter(page, editor);
      await page.locator('[data-fixture="elsewhere"]').focus();
      const panel = await insertFromPanel('x:1800000000000000001', REPLY);
      await waitFor(async () => (await editorText(page)) !== '');
      assert.equal(await editorText(page), REPLY);
      // Inserted as text: no element was created from it, no script ran.
      assert.equal(await page.locator(`${EDITOR[kind]} img`).count(), 0);
      assert.equal(await page.evaluate(() => window.pwned), undefined);
      await panel.close();
      assert.deepEqual(ourErrors(errors), []);
      await page.close();
    });

    test('at the caret mid-text, then undone in one step', async () => {
      const { page, editor } = await openEditor(kind);
      await enter(page, editor);
      await page.keyboard.type('Hello world');
      await waitFor(async () => (await editorText(page)) === 'Hello world');
      for (let i = 0; i < 'world'.length; i++) await page.keyboard.press('ArrowLeft');
      const answer = await browser.worker.evaluate((text) => globalThis.socialcare.insertInTab({ item: 'x:1', template_id: 't', text }), 'there 👋\n');
      assert.equal(answer.inserted, true, JSON.stringify(answer));
      assert.equal(await editorText(page), 'Hello there 👋\nworld');
      await page.bringToFront();
      await page.keyboard.press('Control+z');
      await waitFor(async () => (await editorText(page)) === 'Hello world');
      await page.close();
    });
  });
}
