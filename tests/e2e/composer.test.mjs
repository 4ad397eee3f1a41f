// End-to-end tests of the native composers: the real extension in headless
// Chromium inserts a rendered reply into real editors — the `draft-js` and
// `lexical` packages from npm and a React-controlled <textarea>, bundled by
// esbuild and served at X's, Facebook's and Instagram's URLs under their
// strict CSPs — and the tests read each editor's own state back. The reply
// arrives as the side panel sends it: an Insert intent over the panel port.
// Waits are conditions, never sleeps.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, open, EXTENSION_ID, ROOT } from './harness.mjs';
import { waitFor, ourErrors } from './checks.mjs';
import { StoreDb, startStore, api, audit, snapshot } from './store.mjs';
import { EDITOR_FIXTURES, buildEditorFixtures } from './composer-fixtures/build.mjs';

const TEAM = 'acme';
let browser, db, store, tokens;

before(async () => {
  const fixtures = await buildEditorFixtures();
  db = await StoreDb.create();
  tokens = { admin: db.createTeam(TEAM) };
  tokens.kim = db.issueToken(TEAM, 'Kim Lee', 'KL');
  tokens.lead = db.issueToken(TEAM, 'Lee Lead', 'LL', 'lead');
  store = await startStore(db, { allowOrigins: [`chrome-extension://${EXTENSION_ID}`] });
  browser = await launch({ fixtures });
});
after(async () => {
  await browser?.close();
  await store?.stop();
  await db?.remove();
});

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

/** A guideline whose one rule blocks `phrase`. */
function blockingPolicy(phrase) {
  return `version = 1\nname = "Test voice"\n\n[[terms.banned]]\nphrase = "${phrase}"\nwhy = "we never say it"\nseverity = "block"\n`;
}

/** A lead publishes a guideline revision through the store's push API. */
let leadMutation = 0;
async function publishGuideline(source, baseRevision) {
  const answer = await api(store.url, tokens.lead, 'POST', '/v1/push', {
    client_id: 'e2e-lead',
    mutations: [{ id: ++leadMutation, name: 'guideline.save', args: { id: 'voice', name: 'Test voice', format: 'toml', source, base_revision: baseRevision } }],
  });
  assert.equal(JSON.stringify(answer).includes('"rejected"'), false, JSON.stringify(answer));
}

/** Signs the browser in once (each test that needs a session calls it). */
let signedIn = null;
function signInOnce() {
  signedIn ??= signIn(tokens.kim);
  return signedIn;
}

/** Signs the browser in through the options page, as an agent would. */
async function signIn(token) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await page.getByLabel('Store URL').fill(store.url);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByText('Connected as Kim Lee').first().waitFor();
  await page.close();
}

/** Syncs the worker now and waits until it is in step with the store. */
async function settled() {
  await browser.worker.evaluate(() => globalThis.socialcare.sync.syncNow());
  await waitFor(async () => {
    const state = await browser.worker.evaluate(() => globalThis.socialcare.sync.syncView());
    return state.state === 'synced' && state.pending === 0;
  });
}

/** The tone indicator's attributes. */
function indicator(page) {
  return page.$eval('socialcare-tone', (host) => ({ tone: host.dataset.socialcareTone, findings: Number(host.dataset.socialcareFindings) })).catch(() => null);
}

/** Replaces the whole draft by typing `text`. */
async function retype(page, text) {
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

describe('live tone check and held sends', () => {
  test('a lead\'s block rule holds the send until fixed or overridden with a reason; a new revision applies without reload', async () => {
    await signInOnce();
    await publishGuideline(blockingPolicy('calm down'), 0);
    await settled();
    const { page, errors } = await openEditor('draftjs');
    // The agent shows the post in the side panel: the reply box under it answers it.
    await page.locator('socialcare-badge[data-socialcare-item="x:1800000000000000001"] button[part=badge]').click();
    await waitFor(() => browser.worker.evaluate(() => globalThis.socialcare.pages.focused?.item.key === 'x:1800000000000000001'));
    const editor = page.locator(EDITOR.draftjs);
    await enter(page, editor);

    // Breaking the rule: the indicator shows block; Ctrl+Enter and the Reply button are held.
    await page.keyboard.type('Please calm down, we are on it.');
    await waitFor(async () => (await indicator(page))?.tone === 'block');
    assert.equal((await indicator(page)).findings, 1);
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid="tweetButtonInline"]').click();
    assert.deepEqual(await page.evaluate(() => window.fixture.sent()), [], 'held');
    await page.locator('socialcare-tone [data-socialcare-override]').waitFor();
    await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/composer-held.png') });

    // Fixed: released.
    await editor.click();
    await retype(page, 'Hi Ana, we are on it.');
    await waitFor(async () => (await indicator(page))?.tone === 'ok');
    await page.keyboard.press('Control+Enter');
    assert.deepEqual(await page.evaluate(() => window.fixture.sent()), ['Hi Ana, we are on it.']);

    // Overridden with a reason: the next send goes out, and the override reaches the audit log.
    await editor.click();
    await page.keyboard.type('Calm down is the name of our new tea.');
    await waitFor(async () => (await indicator(page))?.tone === 'block');
    await page.keyboard.press('Control+Enter');
    await page.locator('socialcare-tone [data-socialcare-reason]').fill('Product name');
    await page.locator('socialcare-tone [data-socialcare-override]').click();
    await page.locator('socialcare-tone [data-socialcare-override]').waitFor({ state: 'hidden' });
    await page.locator('[data-testid="tweetButtonInline"]').click();
    assert.equal((await page.evaluate(() => window.fixture.sent())).length, 2);
    await settled();
    const overrides = (await audit(store.url, tokens.lead)).filter((entry) => (entry.name ?? entry.mutation) === 'tone.override');
    assert.equal(overrides.length, 1, JSON.stringify(overrides));
    assert.match(JSON.stringify(overrides[0]), /Product name/);
    assert.match(JSON.stringify(overrides[0]), /x:1800000000000000001/);
    assert.match(JSON.stringify(overrides[0]), /terms\.banned\.calm-down/);

    // A new revision published by the lead changes the verdict without a reload.
    await editor.click();
    await page.keyboard.type('Please calm down and relax.');
    await waitFor(async () => (await indicator(page))?.tone === 'block');
    await publishGuideline(blockingPolicy('whatever'), 1);
    await settled();
    await page.keyboard.type(' Thanks');
    await waitFor(async () => (await indicator(page))?.tone === 'ok');
    await page.keyboard.type(' whatever');
    await waitFor(async () => (await indicator(page))?.tone === 'block');
    assert.deepEqual(ourErrors(errors), []);
    await page.close();
  });
});

/** The applied ticket.responded actions of the store's audit log. */
async function responses() {
  return (await audit(store.url, tokens.lead)).filter((e) => e.name === 'ticket.responded' && e.outcome === 'applied');
}

describe('recording the reply', () => {
  test('a sent reply records ticket.responded once per reply, with the inserted template', async () => {
    const key = 'x:1800000000000000001';
    await signInOnce();
    const { page, errors } = await openEditor('draftjs');
    await page.locator(`socialcare-badge[data-socialcare-item="${key}"] button[part=badge]`).click();
    await waitFor(() => browser.worker.evaluate((k) => globalThis.socialcare.pages.focused?.item.key === k, key));
    const created = await browser.worker.evaluate(() => globalThis.socialcare.sync.createTicket(globalThis.socialcare.pages.focused));
    assert.equal(created.ok, true, JSON.stringify(created));
    const editor = page.locator(EDITOR.draftjs);
    await enter(page, editor);
    const panel = await insertFromPanel(key, 'Hi Ana, sorry for the wait. We are on it. *KL');
    await waitFor(async () => (await editorText(page)) !== '');
    await panel.close();
    await page.bringToFront();
    await editor.click();
    await page.keyboard.press('Control+Enter');
    assert.equal((await page.evaluate(() => window.fixture.sent())).length, 1);
    // A second reply, typed: recorded again, without a template.
    await page.keyboard.type('One more thing: the tracking link is in your DMs. *KL');
    await waitFor(async () => (await indicator(page))?.tone !== undefined && (await editorText(page)).endsWith('*KL'));
    await page.locator('[data-testid="tweetButtonInline"]').click();
    assert.equal((await page.evaluate(() => window.fixture.sent())).length, 2);
    await waitFor(async () => {
      await settled();
      return (await responses()).length >= 2;
    });
    const responded = await responses();
    assert.equal(responded.length, 2, 'once per reply');
    assert.equal(responded[0].args.template_id, 'apology-dm');
    assert.equal(responded[1].args.template_id, undefined);
    assert.ok((await snapshot(store.url, tokens.lead)).ticket[key].first_response_at > 0);
    assert.deepEqual(ourErrors(errors), []);
    await page.close();
  });
});
