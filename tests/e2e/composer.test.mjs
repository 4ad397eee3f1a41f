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
import { launch, open, waitForBadges, holdWorkerCalls, EXTENSION_ID, SCREENSHOTS } from './harness.mjs';
import { waitFor, ourErrors } from './checks.mjs';
import { StoreDb, startStore, api, audit, snapshot } from './store.mjs';
import { DM_FIXTURES, EDITOR_FIXTURES, buildEditorFixtures } from './composer-fixtures/build.mjs';

const TEAM = 'acme';
let browser, db, store, tokens;

before(async () => {
  const fixtures = await buildEditorFixtures();
  db = await StoreDb.create();
  tokens = { admin: db.createTeam(TEAM) };
  tokens.kim = db.issueToken(TEAM, 'Kim Lee', 'KL');
  tokens.lead = db.issueToken(TEAM, 'Lee Lead', 'LL', 'lead');
  store = await startStore(db, { allowOrigins: [`chrome-extension://${EXTENSION_ID}`] });
  await seedTemplates();
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

/**
 * Types `keys` (`\r` for Enter) as one burst of key events sent together
 * through the DevTools protocol, as a fast typist's reach the page: the
 * renderer handles input before timers, so nothing the extension deferred
 * to a later task runs between them.
 */
async function typeAtOnce(page, keys) {
  const cdp = await page.context().newCDPSession(page);
  const events = [...keys].flatMap((key) => {
    const named = key === '\r' ? { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 } : { key };
    return [{ type: 'keyDown', text: key, ...named }, { type: 'keyUp', ...named }];
  });
  await Promise.all(events.map((event) => cdp.send('Input.dispatchKeyEvent', event)));
  await cdp.detach();
}

/** Waits until the editor holds exactly `expected`; on a timeout, fails showing the text it holds. */
async function untilEditorText(page, expected) {
  await waitFor(async () => (await editorText(page)) === expected).catch(async () => assert.equal(await editorText(page), expected));
}

/**
 * Waits until the editor holds `expected` and its verdict is painted (no
 * check in flight): a send before that is held for the check.
 */
async function untilChecked(page, expected) {
  await untilEditorText(page, expected);
  await page.waitForSelector('socialcare-tone:not([data-socialcare-checking])', { state: 'attached' });
}

/** Clicks into the editor and waits until the worker knows the agent is in a composer on this tab. */
async function enter(page, editor) {
  await page.bringToFront();
  await editor.click();
  await waitFor(() => browser.worker.evaluate(async (url) => {
    const tabs = await chrome.tabs.query({ active: true });
    const tab = tabs.find((candidate) => candidate.url === url);
    return tab !== undefined && globalThis.socialcare.composerTab === tab.id;
  }, page.url()));
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
      await untilEditorText(page, 'Hello world');
      for (let i = 0; i < 'world'.length; i++) await page.keyboard.press('ArrowLeft');
      const answer = await browser.worker.evaluate((text) => globalThis.socialcare.insertInTab({ item: 'x:1', template_id: 't', text }), 'there 👋\n');
      assert.equal(answer.inserted, true, JSON.stringify(answer));
      assert.equal(await editorText(page), 'Hello there 👋\nworld');
      await page.bringToFront();
      await page.keyboard.press('Control+z');
      await untilEditorText(page, 'Hello world');
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
async function publishGuideline(source, baseRevision, id = 'voice') {
  const answer = await api(store.url, tokens.lead, 'POST', '/v1/push', {
    client_id: 'e2e-lead',
    mutations: [{ id: ++leadMutation, name: 'guideline.save', args: { id, name: 'Test voice', format: 'toml', source, base_revision: baseRevision } }],
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
    await page.screenshot({ path: path.join(SCREENSHOTS, 'composer-held.png') });

    // Fixed: released.
    await editor.click();
    await retype(page, 'Hi Ana, we are on it.');
    await untilChecked(page, 'Hi Ana, we are on it.');
    assert.equal((await indicator(page)).tone, 'ok');
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

describe('held sends in direct messages', () => {
  before(async () => {
    await signInOnce();
    await publishGuideline(blockingPolicy('no worries'), 0, 'dm-voice');
    await settled();
  });

  for (const [thread, { dir, host, url }] of Object.entries(DM_FIXTURES)) {
    test(`${thread}: a block verdict holds Enter and the send control (the div[role=button] after the Lexical editor) until fixed`, async () => {
      // The real Lexical editor at the thread's route: the profile's DM composer.
      const { page, errors } = await open(browser.context, url, { fixtures: { [host]: dir } });
      const editor = page.locator(EDITOR.lexical);
      const send = page.locator('[data-fixture="editor"] + div[role="button"]');
      await enter(page, editor);
      await page.keyboard.type('No worries, we will sort it.');
      await waitFor(async () => (await indicator(page))?.tone === 'block');
      await page.keyboard.press('Enter');
      await send.click();
      assert.deepEqual(await page.evaluate(() => window.fixture.sent()), [], 'held');
      assert.equal(await editorText(page), 'No worries, we will sort it.');
      await editor.click();
      await retype(page, 'We will sort it today.');
      await untilChecked(page, 'We will sort it today.');
      assert.equal((await indicator(page)).tone, 'ok');
      await send.click();
      await editor.click();
      await page.keyboard.type('Anything else?');
      await untilChecked(page, 'Anything else?');
      await page.keyboard.press('Enter');
      assert.deepEqual(await page.evaluate(() => window.fixture.sent()), ['We will sort it today.', 'Anything else?']);

      // Words that break the rule and Enter in one burst, before their check
      // can answer: the older draft's ok verdict does not let them out.
      await editor.click();
      await page.keyboard.type('Sure');
      await untilChecked(page, 'Sure');
      await typeAtOnce(page, ', no worries\r');
      await untilEditorText(page, 'Sure, no worries');
      await page.locator('socialcare-tone [data-socialcare-override]').waitFor();
      assert.deepEqual(await page.evaluate(() => window.fixture.sent()), ['We will sort it today.', 'Anything else?'], 'held');

      // The same with the worker's verdicts held back until the test lets
      // them go: the send waits for its check, then the findings hold it.
      await editor.click();
      await retype(page, 'Thanks');
      await untilChecked(page, 'Thanks');
      const releaseVerdicts = await holdWorkerCalls(browser, 'tone', 'verdict');
      await page.keyboard.type(', no worries');
      await page.keyboard.press('Enter');
      await page.locator('socialcare-tone').getByText('Checking this reply').waitFor();
      assert.equal(await editorText(page), 'Thanks, no worries', 'held while checked: nothing sent, no newline');
      await releaseVerdicts();
      await page.locator('socialcare-tone [data-socialcare-override]').waitFor();
      assert.equal(await editorText(page), 'Thanks, no worries');
      assert.deepEqual(await page.evaluate(() => window.fixture.sent()), ['We will sort it today.', 'Anything else?'], 'held');
      assert.deepEqual(ourErrors(errors), []);
      await page.close();
    });
  }
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
    await untilChecked(page, 'Hi Ana, sorry for the wait. We are on it. *KL');
    await panel.close();
    await page.bringToFront();
    await editor.click();
    await page.keyboard.press('Control+Enter');
    assert.equal((await page.evaluate(() => window.fixture.sent())).length, 1);
    // A second reply, typed: recorded again, without a template.
    await page.keyboard.type('One more thing: the tracking link is in your DMs. *KL');
    await untilChecked(page, 'One more thing: the tracking link is in your DMs. *KL');
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

/** The approved templates the `/` picker offers (seeded by the lead through the store), each relevant to the fixture's post. */
const TEMPLATES = [
  { id: 'sorry-wait', name: 'Sorry for the wait', body: 'Hi {{customer.first_name|there}}, sorry that nobody answers 🙏\nWe are on it. ^{{agent.initials}}', prompts: [] },
  { id: 'order-ships', name: 'Order ships today', body: 'Your order {{prompt.order}} ships today. ^{{agent.initials}}', prompts: [{ id: 'order', label: 'Order number', kind: 'text' }] },
  { id: 'never-arrived', name: 'Parcel never arrived', body: 'We are sorry your parcel never arrived; a new one is on its way. ^{{agent.initials}}', prompts: [] },
];

/** Saves and approves the templates through the store's push API. */
async function seedTemplates() {
  const mutations = TEMPLATES.flatMap(({ id, name, body, prompts }) => [
    { name: 'template.save', args: { id, name, variants: [{ platform: null, language: 'en', body }], prompts, base_revision: 0 } },
    { name: 'template.set_state', args: { id, state: 'approved', base_revision: 1 } },
  ]).map((mutation, index) => ({ id: index + 1, ...mutation }));
  const answer = await api(store.url, tokens.lead, 'POST', '/v1/push', { client_id: 'e2e-templates', mutations });
  assert.ok(answer.results.every((r) => r.outcome === 'applied'), JSON.stringify(answer));
}

/**
 * The picker's options as the accessibility tree names them, and which one is
 * selected, read in one snapshot: the list re-renders as the agent types, so
 * counting first and reading each option after could ask for one that is gone.
 */
async function options(page) {
  const listbox = page.getByRole('listbox');
  await listbox.waitFor();
  const all = await listbox.getByRole('option').evaluateAll((nodes) => nodes.map((option) => ({
    name: option.getAttribute('aria-label'),
    selected: option.getAttribute('aria-selected') === 'true',
  })));
  return { names: all.map((option) => option.name), selected: all.find((option) => option.selected)?.name ?? null };
}

/**
 * Waits until the picker lists exactly `names` (in any order) and, when
 * given, has `selected` selected; returns the options. The editor tells the
 * picker what was typed after its own update (Lexical's is asynchronous), so
 * a key press returns before the list is filtered.
 */
async function untilOptions(page, names, selected) {
  const wanted = [...names].sort();
  let seen = null;
  try {
    await waitFor(async () => {
      seen = await options(page);
      return JSON.stringify([...seen.names].sort()) === JSON.stringify(wanted) && (selected === undefined || seen.selected === selected);
    });
  } catch {
    assert.fail(`the picker lists ${JSON.stringify(seen)}, not ${JSON.stringify({ names: wanted, selected })}`);
  }
  return seen;
}

describe('the / template picker', () => {
  before(async () => {
    await signInOnce();
    await settled();
    // The composers below answer the side panel's item: the X fixture's post.
    const { page } = await openEditor('draftjs');
    await page.locator('socialcare-badge[data-socialcare-item="x:1800000000000000001"] button[part=badge]').click();
    await waitFor(() => browser.worker.evaluate(() => globalThis.socialcare.pages.focused?.item.key === 'x:1800000000000000001'));
    await page.close();
  });

  for (const kind of Object.keys(EDITOR_FIXTURES)) {
    test(`${kind}: / lists the item's templates, filters as typed, Enter inserts the rendered reply in one undo step, Escape leaves the text alone, prompts are asked inline`, async () => {
      const { page, errors, editor } = await openEditor(kind);
      await enter(page, editor);

      // The site turns dark by its own signal (X: the body's background; Facebook: <html>'s class; Instagram: a CSS variable).
      await page.evaluate((kind) => {
        if (kind === 'draftjs') document.body.style.backgroundColor = 'rgb(0, 0, 0)';
        if (kind === 'lexical') document.documentElement.classList.add('__fb-dark-mode');
        if (kind === 'textarea') document.documentElement.style.setProperty('--ig-primary-background', '0, 0, 0');
      }, kind);

      // `/` at a word start opens the list of the item's suggested templates; typing filters it.
      await page.keyboard.type('Thanks! /');
      const all = await untilOptions(page, TEMPLATES.map((t) => t.name));
      assert.equal(await page.locator('socialcare-picker').getAttribute('data-theme'), 'dark', 'follows the site\'s theme');
      assert.equal(all.selected, all.names[0]);
      await page.keyboard.press('ArrowDown');
      await untilOptions(page, all.names, all.names[1]);
      if (kind === 'draftjs') await page.screenshot({ path: path.join(SCREENSHOTS, 'composer-picker.png') });
      // The focus stays in the editor, so the picker's status line says which template is active.
      const status = page.locator('socialcare-picker [role="status"]');
      const activeLine = `${all.names[1]} · 2 of 3 · Enter inserts, Escape closes`;
      await waitFor(async () => (await status.textContent()) === activeLine).catch(async () => assert.equal(await status.textContent(), activeLine));
      await page.keyboard.type('wait');
      await untilOptions(page, ['Sorry for the wait'], 'Sorry for the wait');
      assert.equal(await editorText(page), 'Thanks! /wait');

      // Enter: the `/wait` is replaced by the rendered template, in the editor's own state.
      await page.keyboard.press('Enter');
      const reply = 'Thanks! Hi Ana, sorry that nobody answers 🙏\nWe are on it. ^KL';
      await untilEditorText(page, reply);
      assert.equal(await page.locator('socialcare-picker').count(), 0, 'closed');
      // One undo step takes the template out again (the `/wait` comes back).
      await page.keyboard.press('Control+z');
      await untilEditorText(page, 'Thanks! /wait');
      await retype(page, 'Thanks! ');

      // Escape closes and leaves the text alone; this `/` stays closed as the agent types on.
      await page.keyboard.type('/ord');
      await untilOptions(page, ['Order ships today']);
      await page.keyboard.press('Escape');
      await page.locator('socialcare-picker').waitFor({ state: 'detached' });
      await page.keyboard.type('er');
      assert.equal(await editorText(page), 'Thanks! /order');
      assert.equal(await page.locator('socialcare-picker').count(), 0, 'not reopened');

      // A template with a prompt asks for it in the picker; the answer goes in as text.
      // The agent types the end of the query and Enter at once: Enter replaces the whole `/ships`.
      await page.keyboard.type(' /sh');
      await untilOptions(page, ['Order ships today'], 'Order ships today');
      await typeAtOnce(page, 'ips\r');
      const field = page.getByRole('textbox', { name: 'Order number' });
      await field.waitFor();
      await field.press('Enter');
      await page.getByRole('status').filter({ hasText: 'Order number' }).waitFor();
      await field.fill('<b>A-55</b>');
      await field.press('Enter');
      await untilEditorText(page, 'Thanks! /order Your order <b>A-55</b> ships today. ^KL');
      assert.equal(await page.locator(`${EDITOR[kind]} b`).count(), 0, 'inserted as text');
      assert.deepEqual(ourErrors(errors), []);
      await page.close();
    });
  }
});

describe('answered by our brand', () => {
  test('an item the team\'s brand account replied to on the page shows as answered on its badge', async () => {
    const [key, brandReply] = ['x:1800000000000000001', 'x:1800000000000000002'];
    const answered = `socialcare-badge[data-socialcare-item="${key}"][data-socialcare-answered="brand"]`;
    await signInOnce();
    // The thread holds a reply by @acme_care; until the team names it as its brand account, nothing is answered.
    let { page } = await openEditor('draftjs');
    await waitForBadges(page, [key, brandReply]);
    assert.equal(await page.locator('socialcare-badge[data-socialcare-answered]').count(), 0);
    await page.close();
    const answer = await api(store.url, tokens.admin, 'POST', '/v1/push', {
      client_id: 'e2e-admin',
      mutations: [{ id: 1, name: 'settings.update', args: { settings: { first_response_minutes: 60, business_hours: null, brand_accounts: { x: ['@Acme_Care'] } } } }],
    });
    assert.equal(answer.results[0].outcome, 'applied', JSON.stringify(answer));
    await settled();
    ({ page } = await openEditor('draftjs'));
    await page.waitForSelector(answered);
    assert.equal(await page.locator(`${answered} .answered`).textContent(), '✓ answered');
    assert.equal(await page.locator(`socialcare-badge[data-socialcare-item="${brandReply}"]`).getAttribute('data-socialcare-ours'), '');
    assert.equal(await page.locator(`socialcare-badge[data-socialcare-item="${brandReply}"][data-socialcare-answered]`).count(), 0);
    await page.close();
  });
});

/** A guideline with a rule that suggests a replacement phrase and one whose fix removes words (no emoji). */
const FIX_POLICY = 'version = 1\nname = "Fix voice"\n\n[[terms.banned]]\nphrase = "asap"\nreplacement = "today"\nwhy = "promise a day"\nseverity = "warn"\n\n[style.emoji]\npolicy = "forbid"\n';

describe('tone fixes from the side panel', () => {
  before(async () => {
    await signInOnce();
    await publishGuideline(FIX_POLICY, 0, 'fix-voice');
    await settled();
  });

  for (const kind of Object.keys(EDITOR_FIXTURES)) {
    test(`${kind}: the panel lists the draft's findings with their spans; fixes replace or remove the span in the editor's own state and the indicator updates`, async () => {
      const { page, errors, editor } = await openEditor(kind);
      await enter(page, editor);
      await page.keyboard.type('Thanks 🙏 we will ship it asap.');
      await waitFor(async () => (await indicator(page))?.tone === 'warn');
      const panel = await browser.context.newPage();
      await panel.goto(`chrome-extension://${EXTENSION_ID}/sidepanel.html`);
      const findings = panel.locator('section.tone-findings');
      await findings.locator('li[data-rule="terms.banned.asap"] mark', { hasText: 'asap' }).waitFor();
      if (kind === 'draftjs') await panel.screenshot({ path: path.join(SCREENSHOTS, 'composer-fixes.png') });
      await panel.getByRole('button', { name: 'Replace with “today”' }).click();
      await untilEditorText(page, 'Thanks 🙏 we will ship it today.');
      await findings.locator('li[data-rule="terms.banned.asap"]').waitFor({ state: 'detached' });
      await panel.getByRole('button', { name: 'Remove “🙏”' }).click();
      await untilEditorText(page, 'Thanks  we will ship it today.');
      await waitFor(async () => (await indicator(page))?.tone === 'ok');
      await findings.getByRole('heading', { name: 'Tone check: the draft follows the team’s guideline' }).waitFor();
      await panel.close();
      assert.deepEqual(ourErrors(errors), []);
      await page.close();
    });
  }

  test('a greeting fix puts the greeting before the draft; Move to DM copies a public reply that holds personal data', async () => {
    await publishGuideline(`${FIX_POLICY}\n[required.greeting]\n\n[privacy]\n`, 1, 'fix-voice');
    await settled();
    for (const kind of Object.keys(EDITOR_FIXTURES)) {
      // The clipboard is read back on the site's page (an extension's origin takes no granted permission).
      await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(EDITOR_FIXTURES[kind].url).origin });
      const { page, errors, editor } = await openEditor(kind);
      await enter(page, editor);
      const typed = 'we will ship it today, write to ana@example.com';
      await page.keyboard.type(typed);
      // Whatever an earlier editor kind left on the clipboard goes first.
      await page.evaluate((sentinel) => navigator.clipboard.writeText(sentinel), `before ${kind}`);
      await waitFor(async () => (await indicator(page))?.tone === 'block');
      const panel = await browser.context.newPage();
      await panel.goto(`chrome-extension://${EXTENSION_ID}/sidepanel.html`);
      const findings = panel.locator('section.tone-findings');
      const greeting = findings.locator('li[data-rule="required.greeting"] button.tone-fix');
      const added = /^Add “(.+)”$/.exec(await greeting.textContent())?.[1];
      assert.ok(added?.startsWith('Hi'), `${kind}: ${added}`);
      await greeting.click();
      await waitFor(async () => (await editorText(page)).replace(/\s+/g, ' ') === `${added} ${typed}`);
      await findings.locator('li[data-rule="required.greeting"]').waitFor({ state: 'detached' });
      // The email stays: only a private message may carry it.
      await findings.locator('li[data-rule="privacy.email"]').getByRole('button', { name: 'Move to DM' }).click();
      await findings.getByRole('status').filter({ hasText: 'The reply is on your clipboard' }).waitFor();
      await panel.close();
      await page.bringToFront();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await editorText(page), kind);
      assert.deepEqual(ourErrors(errors), []);
      await page.close();
    }
  });

  test('the sentiment rule scores the draft with the verdict module\'s VADER (the tone module carries none)', async () => {
    // A guideline of its own, saved last, is the team's current one.
    await publishGuideline('version = 1\nname = "Mood voice"\n\n[style.sentiment]\nmin_compound = -0.3\n', 0, 'mood-voice');
    await settled();
    const { page, errors, editor } = await openEditor('draftjs');
    await enter(page, editor);
    await page.keyboard.type('This is terrible and awful, I hate this useless mess.');
    await waitFor(async () => (await indicator(page))?.tone === 'warn');
    const panel = await browser.context.newPage();
    await panel.goto(`chrome-extension://${EXTENSION_ID}/sidepanel.html`);
    const finding = panel.locator('section.tone-findings li[data-rule="style.sentiment"]');
    await finding.waitFor();
    assert.match(await finding.textContent(), /reads negative \(-0\.\d\d, floor -0\.30\)/);
    await page.bringToFront();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Thanks so much, we are happy to help today.');
    await waitFor(async () => (await indicator(page))?.tone === 'ok');
    await finding.waitFor({ state: 'detached' });
    await panel.close();
    assert.deepEqual(ourErrors(errors), []);
    await page.close();
  });
});
