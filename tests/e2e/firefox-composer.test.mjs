// The native composers in Firefox: Debian's headless firefox-esr with the
// built extension as a temporary add-on (tests/e2e/firefox.mjs), on the same
// fixture pages as tests/e2e/composer.test.mjs — the real `draft-js`,
// `lexical` and a React textarea bundled by esbuild, served at the sites'
// URLs under their strict CSPs — against a real spawned store. Each editor's
// own state is read back. Waits are conditions, never sleeps.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ourErrors, waitFor } from './checks.mjs';
import { launchFirefox, badgeButton, waitForBadges, EXTENSION_ORIGIN } from './firefox.mjs';
import { StoreDb, startStore, api } from './store.mjs';
import { EDITOR_FIXTURES, buildEditorFixtures } from './composer-fixtures/build.mjs';

const TEAM = 'acme';
const POST = 'x:1800000000000000001';
let firefox, db, store, tokens, fixtures;

/** The editable element of each fixture (as the site profile's composer finds it). */
const EDITOR = {
  draftjs: '[data-testid="tweetTextarea_0"]',
  lexical: '[data-lexical-editor="true"]',
  textarea: 'form textarea',
};

before(async () => {
  fixtures = await buildEditorFixtures();
  db = await StoreDb.create();
  tokens = { admin: db.createTeam(TEAM) };
  tokens.kim = db.issueToken(TEAM, 'Kim Lee', 'KL');
  tokens.lead = db.issueToken(TEAM, 'Lee Lead', 'LL', 'lead');
  [store, firefox] = await Promise.all([startStore(db, { allowOrigins: [EXTENSION_ORIGIN] }), launchFirefox()]);
  const mutations = [
    { name: 'template.save', args: { id: 'never-arrived', name: 'Parcel never arrived', variants: [{ platform: null, language: 'en', body: 'Hi {{customer.first_name|there}}, sorry your parcel never arrived 🙏\nA new one is on its way. ^{{agent.initials}}' }], prompts: [], base_revision: 0 } },
    { name: 'template.set_state', args: { id: 'never-arrived', state: 'approved', base_revision: 1 } },
    { name: 'guideline.save', args: { id: 'voice', name: 'Test voice', format: 'toml', source: 'version = 1\n[[terms.banned]]\nphrase = "calm down"\nseverity = "block"\n', base_revision: 0 } },
  ].map((mutation, index) => ({ id: index + 1, ...mutation }));
  const answer = await api(store.url, tokens.lead, 'POST', '/v1/push', { client_id: 'e2e-firefox-composer', mutations });
  assert.ok(answer.results.every((r) => r.outcome === 'applied'), JSON.stringify(answer));
  // Signed in through the options page, as an agent would.
  const options = await firefox.extensionPage('options.html');
  await options.locator('#store-url').fill(store.url);
  await options.locator('#token').fill(tokens.kim);
  await options.locator('button[type=submit]').click();
  await options.waitForFunction(() => document.body.innerText.includes('Connected as Kim Lee (agent)'));
  await options.close();
  await firefox.background((socialcare) => socialcare.sync.syncNow());
  await waitFor(() => firefox.background((socialcare) => socialcare.sync.syncView().state === 'synced'));
  // The composers below answer the side panel's item: the X fixture's post.
  const { page } = await firefox.open(EDITOR_FIXTURES.draftjs.url, { fixtures });
  await waitForBadges(page, [POST]);
  await page.locator(badgeButton(POST)).click();
  await waitFor(() => firefox.background((socialcare, key) => socialcare.pages.focused?.item.key === key, POST));
  await page.close();
});

after(async () => {
  await firefox?.close();
  await store?.stop();
  await db?.remove();
});

/** Opens the fixture of an editor kind and clicks into its editor. */
async function openEditor(kind) {
  const { page, errors } = await firefox.open(EDITOR_FIXTURES[kind].url, { fixtures });
  await page.waitForSelector(EDITOR[kind]);
  await page.click(EDITOR[kind]);
  return { page, errors };
}

/** The editor's own state (Draft.js EditorState, Lexical's editor state, React's textarea state). */
function editorText(page) {
  return page.evaluate(() => window.fixture.text());
}

/** Presses `keys` together, as the agent does (held in order, released in reverse). */
async function chord(page, keys) {
  for (const key of keys) await page.keyboard.down(key);
  for (const key of [...keys].reverse()) await page.keyboard.up(key);
}

/** The tone indicator's verdict. */
function tone(page) {
  return page.evaluate(() => document.querySelector('socialcare-tone')?.dataset.socialcareTone ?? null);
}

describe('Firefox: the native composers', () => {
  for (const kind of Object.keys(EDITOR_FIXTURES)) {
    test(`${kind}: the / picker inserts the rendered template into the editor's own state in one undo step; a block verdict holds the send key`, async () => {
      const { page, errors } = await openEditor(kind);
      await page.keyboard.type('Thanks! /parcel');
      await page.waitForSelector('socialcare-picker >>> [role="option"][aria-selected="true"]');
      await page.keyboard.press('Enter');
      const draft = 'Thanks! Hi Ana, sorry your parcel never arrived 🙏\nA new one is on its way. ^KL';
      await waitFor(async () => (await editorText(page)) === draft);
      assert.equal(await page.$('socialcare-composer-notice'), null, 'no fallback notice');
      // One undo step takes the template out again (the `/parcel` comes back); redo puts it back.
      await chord(page, ['Control', 'z']);
      await waitFor(async () => (await editorText(page)) === 'Thanks! /parcel');
      await chord(page, ['Control', 'Shift', 'Z']);
      await waitFor(async () => (await editorText(page)) === draft);

      // The live tone check holds the send key on a block verdict.
      await page.keyboard.type(' Calm down.');
      await waitFor(async () => (await tone(page)) === 'block');
      await chord(page, kind === 'draftjs' ? ['Control', 'Enter'] : ['Enter']);
      await page.waitForSelector('socialcare-tone >>> [data-socialcare-override]');
      assert.equal(await editorText(page), `${draft} Calm down.`, 'held: nothing sent, no newline added');
      assert.deepEqual(ourErrors(errors), []);
      await page.close();
    });
  }
});
