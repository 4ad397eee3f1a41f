// The customer in the side panel, synced through a real store: two browser
// profiles as two agents against one spawned `socialcare-store` on SQLite.
// A customer with identities on X and Instagram shows both tickets in the
// history once an agent confirms the suggested link; the link shows in the
// other profile; a rejected suggestion does not come back; search finds
// tickets by tag and by excerpt; the team's approved template is suggested
// with a live preview. Waits are conditions, never sleeps.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, SCREENSHOTS } from './harness.mjs';
import { snapshot, api } from './store.mjs';
import { signIn as signInTo, openPanel as openPanelOf, settled, startTeam, stopAll } from './agents.mjs';

const TEAM = 'acme';
const POSTED = Date.parse('2026-11-20T09:30:00Z');
let db, store, tokens, kim, ana;

/** A ticket as another client (the store's API) creates it, with the author the page showed. */
function ticketCreate(item, platform, handle, name, excerpt, hoursLater) {
  return {
    name: 'ticket.create',
    args: {
      item,
      conversation: item,
      author: { platform, handle, display_name: name },
      posted_at: POSTED + hoursLater * 3_600_000,
      excerpt,
      sentiment: 'negative',
    },
  };
}

before(async () => {
  ({ db, tokens, store } = await startTeam(TEAM));
  const mutations = [
    ticketCreate('x:9001', 'x', 'ana', 'Ana R', 'Where is my order #55123? my IG is @ana.r', 0),
    ticketCreate('instagram:9002', 'instagram', 'ana.r', 'Ana R', 'Still waiting for my parcel', 24),
    ticketCreate('facebook:9003', 'facebook', 'ana.other', 'Ana R', 'Love the new shop', 2),
    { name: 'ticket.tag', args: { item: 'x:9001', add: ['late-delivery'] } },
    {
      name: 'template.save',
      args: {
        id: 'order-ships',
        name: 'Order ships today',
        variants: [{ platform: null, language: 'en', body: 'Hi {{customer.first_name|there}}, your order {{prompt.order}} ships today. ^{{agent.initials}}' }],
        prompts: [{ id: 'order', label: 'Order number', kind: 'text' }],
        base_revision: 0,
      },
    },
    { name: 'template.set_state', args: { id: 'order-ships', state: 'approved', base_revision: 1 } },
  ].map((mutation, index) => ({ id: index + 1, ...mutation }));
  const answer = await api(store.url, tokens.admin, 'POST', '/v1/push', { client_id: 'e2e-seed', mutations });
  assert.ok(answer.results.every((r) => r.outcome === 'applied'), JSON.stringify(answer));
  [kim, ana] = await Promise.all([launch(), launch()]);
});

after(() => stopAll([kim, ana], store, db));

/** Signs a browser in to this file's store through the options page. */
const signIn = async (browser, token, expectName) => (await signInTo(browser, store.url, token, expectName)).close();

/** A side panel tall enough for the customer's whole history. */
const openPanel = (browser) => openPanelOf(browser, { height: 1100 });

/** Types a query into the panel's search and opens the result for `item`'s excerpt. */
async function searchAndOpen(panel, query, excerpt) {
  await panel.getByRole('searchbox', { name: 'Search tickets' }).fill(query);
  await panel.locator('button.search-result').filter({ hasText: excerpt }).first().click();
  await panel.locator('.item-text', { hasText: excerpt }).waitFor();
}

/** The customer section's history, as the agent reads it. */
function history(panel) {
  return panel.locator('.history .history-excerpt').allInnerTexts();
}

describe('The customer in the side panel', () => {
  test('two agents sign in and pull the seeded tickets', async () => {
    await Promise.all([signIn(kim, tokens.kim, 'Kim Lee (agent)'), signIn(ana, tokens.ana, 'Ana Ruiz (agent)')]);
    await Promise.all([settled(kim), settled(ana)]);
    for (const browser of [kim, ana]) {
      const found = await browser.worker.evaluate(() => globalThis.socialcare.sync.search('ana r'));
      assert.deepEqual(found.results.map((result) => result.item).sort(), ['facebook:9003', 'instagram:9002', 'x:9001']);
    }
  });

  test('search finds tickets by tag and by excerpt as the agent types', async () => {
    const panel = await openPanel(kim);
    const search = panel.getByRole('searchbox', { name: 'Search tickets' });
    await search.fill('late-del');
    await panel.getByText('1 ticket', { exact: true }).waitFor();
    assert.deepEqual(await panel.locator('.search-result .search-excerpt').allInnerTexts(), ['Where is my order #55123? my IG is @ana.r']);
    await search.fill('parc');
    await panel.locator('.search-result', { hasText: 'Still waiting for my parcel' }).waitFor();
    await search.fill('ana r');
    await panel.getByText('3 tickets', { exact: true }).waitFor();
    const order = await panel.locator('.search-result .search-excerpt').allInnerTexts();
    assert.deepEqual(order, ['Still waiting for my parcel', 'Love the new shop', 'Where is my order #55123? my IG is @ana.r'], 'newest first');
    await search.fill('zebra');
    await panel.getByText('No ticket matches “zebra”.').waitFor();
    await panel.close();
  });

  test('Kim confirms the suggested Instagram identity: both tickets in the history; rejects the other', async () => {
    const panel = await openPanel(kim);
    await searchAndOpen(panel, 'late-delivery', 'Where is my order');
    await panel.locator('.customer-name', { hasText: 'Ana R' }).waitFor();
    assert.deepEqual(await history(panel), ['Where is my order #55123? my IG is @ana.r']);
    const suggestions = panel.locator('.link-suggestions');
    await suggestions.getByText('The customer wrote “IG is @ana.r”').waitFor();
    await suggestions.getByText('Same display name “Ana R”').waitFor();
    // Nothing is linked before the agent confirms.
    assert.equal((await snapshot(store.url, tokens.admin)).customer['x:ana'].identities.length, 1);

    await panel.getByRole('button', { name: 'Confirm Instagram @ana.r' }).click();
    await panel.getByRole('button', { name: 'Reject Facebook @ana.other' }).click();
    await panel.getByRole('button', { name: 'Unlink Instagram @ana.r' }).waitFor();
    await panel.waitForFunction(() => document.querySelectorAll('.history .history-excerpt').length === 2);
    assert.deepEqual(await history(panel), ['Still waiting for my parcel', 'Where is my order #55123? my IG is @ana.r']);
    assert.equal(await panel.locator('.link-suggestions').count(), 0, 'no suggestion is left');
    const profiles = await panel.locator('.identities a').evaluateAll((links) => links.map((a) => a.href));
    assert.deepEqual(profiles, ['https://x.com/ana', 'https://www.instagram.com/ana.r/']);
    await settled(kim);
    const customer = (await snapshot(store.url, tokens.admin)).customer['x:ana'];
    assert.deepEqual(customer.identities.map((i) => `${i.platform}:${i.handle}`), ['x:ana', 'instagram:ana.r']);
    assert.deepEqual(customer.rejected, [{ platform: 'facebook', handle: 'ana.other' }]);
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'customer-panel.png'), fullPage: true });

    // The history opens a ticket of the other platform in the panel.
    await panel.locator('button.history-item').filter({ hasText: 'Still waiting for my parcel' }).click();
    await panel.locator('.item-text', { hasText: 'Still waiting for my parcel' }).waitFor();
    await panel.close();
  });

  test('the approved template is suggested with its prompt and a live preview counted for X', async () => {
    const panel = await openPanel(kim);
    await searchAndOpen(panel, 'late-delivery', 'Where is my order');
    const insert = panel.getByRole('button', { name: 'Insert Order ships today' });
    await insert.waitFor();
    assert.equal(await insert.isDisabled(), true, 'not before the prompt is answered');
    await panel.getByRole('textbox', { name: 'Order number' }).fill('#55123');
    const text = 'Hi Ana, your order #55123 ships today. ^KL';
    await panel.locator('.reply-preview', { hasText: text }).waitFor();
    assert.equal(await panel.locator('.reply-length').innerText(), `${text.length} / 280 characters on X`);
    assert.equal(await panel.getByRole('button', { name: 'Copy Order ships today' }).isDisabled(), false);
    await insert.click();
    await panel.close();
  });

  test('Ana sees the link from her profile, on the Instagram ticket; the rejected suggestion does not come back', async () => {
    await settled(ana);
    const panel = await openPanel(ana);
    await searchAndOpen(panel, 'parcel', 'Still waiting for my parcel');
    await panel.waitForFunction(() => document.querySelectorAll('.history .history-excerpt').length === 2);
    assert.deepEqual(await history(panel), ['Still waiting for my parcel', 'Where is my order #55123? my IG is @ana.r']);
    const identities = await panel.locator('.identities li a').allInnerTexts();
    assert.deepEqual(identities, ['X @ana', 'Instagram @ana.r']);
    await panel.getByRole('button', { name: 'Unlink Instagram @ana.r' }).waitFor();
    assert.equal(await panel.locator('.link-suggestions').count(), 0, 'the rejected Facebook profile is not suggested again');
    await panel.close();

    // Nor in Kim's profile after a fresh start of the panel.
    const again = await openPanel(kim);
    await searchAndOpen(again, 'shop', 'Love the new shop');
    await again.locator('.customer-name', { hasText: 'Ana R' }).waitFor();
    assert.equal(await again.locator('.link-suggestions').count(), 0, 'nor the other way round');
    await again.close();
  });
});
