// Tickets on the native page, synced through a real store: two browser
// profiles as two agents against one spawned `socialcare-store` on a real
// SQLite file. Sign-in on the options page, Create ticket from the side
// panel and from the badge, live repaint in the other browser, presence,
// a claim race, offline work across a browser restart, a worker stopped
// mid-sync, rejections shown, hostile store data shown as text.
// Waits are conditions, never sleeps.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, open, waitForBadges, workerControl, EXTENSION_ID, SCREENSHOTS } from './harness.mjs';
import { startStore, snapshot, audit, api } from './store.mjs';
import { signIn as signInTo, syncState, settled, ticketBadge, waitForTicket, openPanel, waitFor, startTeam, stopAll, storeForExtension } from './agents.mjs';

const TEAM = 'acme';
let db, store, tokens, kim, ana;

before(async () => {
  ({ db, tokens, store } = await startTeam(TEAM));
  [kim, ana] = await Promise.all([launch(), launch()]);
});

after(() => stopAll([kim, ana], store, db));

/** Signs a browser in to this file's store through the options page. */
const signIn = (browser, token, expectName) => signInTo(browser, store.url, token, expectName);

describe('Tickets through the store', () => {
  test('the extension ID is pinned by the manifest key', () => {
    assert.equal(kim.extensionId, EXTENSION_ID);
    assert.equal(ana.extensionId, EXTENSION_ID);
  });

  test('a store that does not let the extension in: Connect asks for its origin; the unanswered prompt ends in a clear message', async () => {
    // Headless Chromium never answers the permission prompt: the page gives up after its bound.
    const closed = await startStore(db);
    const page = await kim.context.newPage();
    try {
      await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
      await page.getByLabel('Store URL').fill(closed.url);
      await page.getByLabel('Token').fill(tokens.kim);
      await page.getByRole('button', { name: 'Connect' }).click();
      await page.getByText('Permission not granted').first().waitFor({ timeout: 45000 });
      assert.ok((await page.innerText('body')).includes('http://127.0.0.1/*'), 'the message names the origin asked for');
      assert.equal((await syncState(kim)).state, 'signed_out', 'nothing was kept');
    } finally {
      await page.close();
      await closed.stop();
    }
  });

  test('two agents sign in on the options page', async () => {
    const kimOptions = await signIn(kim, tokens.kim, 'Kim Lee (agent)');
    const anaOptions = await signIn(ana, tokens.ana, 'Ana Ruiz (agent)');
    await kim.context.pages().find((p) => p === kimOptions)?.close();
    await anaOptions.close();
    assert.equal((await syncState(kim)).state, 'synced');
    // The token stays in the worker: content scripts cannot read extension storage for it.
    const local = await kim.worker.evaluate(() => chrome.storage.local.get(null));
    assert.ok(!JSON.stringify(local).includes(tokens.kim), 'the token is not in storage the content scripts can read');
  });

  test('X: Kim creates a ticket from the side panel; Ana sees it live, with presence both ways and a claim race', async () => {
    const key = 'x:1800000000000000050';
    const kimPage = (await open(kim.context, 'https://x.com/home')).page;
    const anaPage = (await open(ana.context, 'https://x.com/home')).page;
    await Promise.all([waitForBadges(kimPage, [key]), waitForBadges(anaPage, [key])]);
    assert.equal((await ticketBadge(anaPage, key)).status, 'none');

    await kimPage.locator(`socialcare-badge[data-socialcare-item="${key}"] button[part=badge]`).click();
    const kimPanel = await openPanel(kim);
    await kimPanel.getByRole('button', { name: 'Create ticket' }).click();
    await waitForTicket(kimPage, key, { status: 'new' });
    // Ana's badge repaints without a reload, with the SLA due time.
    await waitForTicket(anaPage, key, { status: 'new', due: { nonEmpty: true } });
    // The badge's countdown shows the due time: overdue (red) or still running.
    const countdown = await anaPage.$eval(`socialcare-badge[data-socialcare-item="${key}"]`, (host) => {
      const sla = host.shadowRoot.querySelector('.sla');
      return { due: host.dataset.socialcareDue, state: sla.dataset.sla, text: sla.textContent };
    });
    if (Date.parse(countdown.due) < Date.now()) {
      assert.equal(countdown.state, 'breached');
      assert.match(countdown.text, /^−\d+(m|h\d\d|d)$/);
    } else {
      assert.ok(['ok', 'amber'].includes(countdown.state), countdown.state);
      assert.match(countdown.text, /^\d+(m|h\d\d|d)$/);
    }
    const stored = (await snapshot(store.url, tokens.lead)).ticket?.[key];
    assert.ok(stored, 'the store holds the ticket');
    assert.equal(stored.status, 'new');

    // Presence: Kim's panel shows the item → Ana's badge says so; and back.
    await waitForTicket(anaPage, key, { presence: { includes: 'KL:viewing' } });
    await anaPage.bringToFront();
    await anaPage.locator(`socialcare-badge[data-socialcare-item="${key}"] button[part=badge]`).click();
    const anaPanel = await openPanel(ana);
    await waitForTicket(kimPage, key, { presence: { includes: 'AR:viewing' } });
    await anaPanel.getByRole('list', { name: 'Teammates on this item' }).getByRole('listitem').filter({ hasText: 'KL' }).filter({ hasText: 'is viewing' }).waitFor();

    // The claim race: both press Claim; the store has exactly one winner and the loser is told who.
    await Promise.all([
      kimPanel.getByRole('button', { name: 'Claim' }).click(),
      anaPanel.getByRole('button', { name: 'Claim' }).click(),
    ]);
    await Promise.all([settled(kim), settled(ana)]);
    const claimed = (await snapshot(store.url, tokens.lead)).ticket[key];
    const [winner, loser, loserPanel] = claimed.assignee === (await me(kim)) ? ['KL', 'AR', anaPanel] : ['AR', 'KL', kimPanel];
    await waitForTicket(kimPage, key, { assignee: winner });
    await waitForTicket(anaPage, key, { assignee: winner });
    const winnerName = winner === 'KL' ? 'Kim Lee' : 'Ana Ruiz';
    await loserPanel.getByText(`Claimed by ${winnerName} (${winner})`).waitFor();
    // The lost claim is shown with its reason, whichever way it lost: the store
    // refused it, or the loser's worker did, the winner's claim having arrived first.
    const refused = loserPanel.getByRole('region', { name: 'Refused actions' }).getByRole('listitem');
    await refused.filter({ hasText: 'Assignment was refused' }).waitFor();
    assert.equal(await refused.count(), 1, 'one refusal, for the one lost claim');
    const loserSync = await syncState(loser === 'KL' ? kim : ana);
    assert.ok(loserSync.rejections.length <= 1, 'at most the store’s refusal of the claim');
    for (const rejection of loserSync.rejections) {
      assert.equal(rejection.refusal.action, 'ticket.assign');
      // The store's reason names the winner by name and initials, not by id.
      if (rejection.refusal.refusal?.refusal === 'assigned_meanwhile') {
        await refused.filter({ hasText: `assigned to ${winnerName} (${winner})` }).waitFor();
      }
    }
    // Claiming it again, now that the loser's worker has the winner's claim, is
    // refused at once, on the port that asked, and nothing is queued.
    const again = await loserPanel.evaluate((item) => new Promise((resolve) => {
      const port = chrome.runtime.connect({ name: 'panel' });
      port.onMessage.addListener((message) => {
        if (message.type === 'refused') resolve(message.refusal);
      });
      port.postMessage({ type: 'claim', item });
    }), key);
    assert.equal(again.action, 'ticket.assign');
    assert.equal(again.item, key);
    assert.equal(again.code, 'forbidden');
    assert.deepEqual(again.refusal, { refusal: 'lead_reassigns' }, 'the reason as data, which the panel words');
    assert.equal((await syncState(loser === 'KL' ? kim : ana)).pending, 0);
    await kimPanel.screenshot({ path: path.join(SCREENSHOTS, 'ticket-panel.png') });
    await kimPage.bringToFront();
    await kimPage.screenshot({ path: path.join(SCREENSHOTS, 'ticket-badges.png') });
    await Promise.all([kimPanel.close(), anaPanel.close(), kimPage.close(), anaPage.close()]);
  });

  for (const [site, url, key] of [
    ['Facebook', 'https://www.facebook.com/', 'facebook:111_222'],
    ['Instagram', 'https://www.instagram.com/direct/t/340282366841710300949128100000000001/', 'instagram:mid.$cAAfixture1'],
  ]) {
    test(`${site}: a ticket created from the badge shows in the other browser${site === 'Instagram' ? '; replying presence' : ''}`, async () => {
      const kimPage = (await open(kim.context, url)).page;
      const anaPage = (await open(ana.context, url)).page;
      await Promise.all([waitForBadges(kimPage, [key]), waitForBadges(anaPage, [key])]);
      await kimPage.locator(`socialcare-badge[data-socialcare-item="${key}"] button[aria-label="Create ticket"]`).click();
      await waitForTicket(kimPage, key, { status: 'new' });
      await waitForTicket(anaPage, key, { status: 'new' });
      if (site === 'Instagram') {
        // Focusing the conversation's composer says "replying" on the item Kim is on; leaving it stops.
        await kimPage.bringToFront();
        await kimPage.locator('div[contenteditable="true"][role="textbox"]').focus();
        await waitForTicket(anaPage, key, { presence: { includes: 'KL:replying' } });
        await kimPage.locator('div[contenteditable="true"][role="textbox"]').blur();
        await anaPage.waitForFunction((k) => !document.querySelector(`socialcare-badge[data-socialcare-item="${k}"]`)
          .dataset.socialcarePresence.includes('KL:replying'), key, { timeout: 15000 });
      }
      await Promise.all([kimPage.close(), anaPage.close()]);
    });
  }

  test('offline: actions wait in the outbox across a browser restart and arrive once, in order, with their own times', async () => {
    const key = 'x:1800000000000000001';
    const page = (await open(kim.context, 'https://x.com/home')).page;
    await waitForBadges(page, [key]);
    await store.stop();
    const before = Date.now();
    await page.locator(`socialcare-badge[data-socialcare-item="${key}"] button[aria-label="Create ticket"]`).click();
    await waitForTicket(page, key, { status: 'new' });
    await kim.worker.evaluate((k) => globalThis.socialcare.sync.setStatus(k, 'pending'), key);
    await waitForTicket(page, key, { status: 'pending' });
    await waitFor(async () => (await syncState(kim)).state === 'offline');
    const waiting = await syncState(kim);
    assert.equal(waiting.pending, 2);
    const after = Date.now();

    // The whole browser closes; the store comes back; the browser starts again on the same profile.
    const profile = kim.userDataDir;
    await kim.close({ keepProfile: true });
    store = await storeForExtension(db, store.port);
    kim = await launch({ profile });
    await settled(kim);

    const ours = (await audit(store.url, tokens.lead)).filter((entry) => entry.item === key || entry.args?.item === key);
    const names = ours.map((entry) => entry.name ?? entry.mutation);
    assert.deepEqual(names, ['ticket.create', 'ticket.set_status'], 'each action exactly once, in order');
    for (const entry of ours) {
      const actedAt = entry.action_at;
      assert.ok(actedAt >= before - 1000 && actedAt <= after + 1000, `the action keeps its own time (${JSON.stringify(entry)})`);
    }
    assert.equal((await snapshot(store.url, tokens.lead)).ticket[key].status, 'pending');
  });

  test('the worker stopped mid-sync loses and duplicates nothing', async () => {
    const keys = ['x:1799999999999999999', 'x:1800000000000000066'];
    const page = (await open(kim.context, 'https://x.com/home')).page;
    await waitForBadges(page, keys);
    await store.stop();
    for (const key of keys) {
      await page.locator(`socialcare-badge[data-socialcare-item="${key}"] button[aria-label="Create ticket"]`).click();
      await waitForTicket(page, key, { status: 'new' });
    }
    store = await storeForExtension(db, store.port);
    const creates = async () => (await audit(store.url, tokens.lead))
      .filter((e) => (e.name ?? e.mutation) === 'ticket.create' && keys.includes(e.item ?? e.args?.item));
    // The sync's push reaches the store, but its answer never reaches the worker.
    await kim.worker.evaluate(() => {
      const send = globalThis.fetch;
      globalThis.fetch = (resource, init) => {
        const answer = send(resource, init);
        return String(resource).endsWith('/v1/push') ? new Promise(() => {}) : answer;
      };
      globalThis.socialcare.sync.syncNow();
    });
    await waitFor(async () => (await creates()).length === 2);
    assert.equal((await syncState(kim)).pending, 2, 'the worker has no acknowledgement yet');
    // Stop the worker while the push waits for its answer.
    const worker = await workerControl(kim, page);
    try {
      await worker.stop();
      // Any event wakes it again; it rebuilds from IndexedDB, pushes again and finishes.
      await page.reload();
      await waitForBadges(page, keys);
      kim.worker = worker.running();
    } finally {
      await worker.detach();
    }
    await settled(kim);
    assert.equal((await creates()).length, 2, 'each create reached the store exactly once');
    const refused = (await syncState(kim)).rejections.filter((rejection) => keys.includes(rejection.refusal.item));
    assert.deepEqual(refused, [], 'the replayed push was answered as already applied, not refused');
    await page.close();
  });

  test('a claim made offline that the store refuses names the teammate who claimed first', async () => {
    // Deterministic, unlike the race above: Ana claims through a second store
    // process on the same database while Kim's store is down, so Kim's worker
    // cannot know of it when Kim claims, and the store itself refuses his claim.
    const key = 'x:1799999999999999999';
    const page = (await open(kim.context, 'https://x.com/home')).page;
    await waitForBadges(page, [key]);
    await waitForTicket(page, key, { status: 'new', assignee: '' });
    await page.locator(`socialcare-badge[data-socialcare-item="${key}"] button[part=badge]`).click();
    const panel = await openPanel(kim);
    await store.stop();
    const second = await startStore(db);
    try {
      const anaId = (await api(second.url, tokens.ana, 'GET', '/v1/me')).agent_id;
      const answer = await api(second.url, tokens.ana, 'POST', '/v1/push', {
        client_id: 'ana-elsewhere',
        mutations: [{ id: 1, name: 'ticket.assign', args: { item: key, assignee: anaId, base_version: await versionOf(key, second.url) } }],
      });
      assert.equal(answer.results[0].outcome, 'applied', JSON.stringify(answer));
    } finally {
      await second.stop();
    }
    await panel.getByRole('button', { name: 'Claim' }).click();
    await waitForTicket(page, key, { assignee: 'KL' });
    await waitFor(async () => (await syncState(kim)).state === 'offline');
    assert.equal((await syncState(kim)).pending, 1, 'the claim waits in the outbox');

    store = await storeForExtension(db, store.port);
    await settled(kim);
    // Kim may hold a refusal from the race above, of another item.
    const [rejection, ...others] = (await syncState(kim)).rejections.filter((refused) => refused.refusal.item === key);
    assert.equal(others.length, 0, 'one refusal, for the one claim');
    assert.equal(rejection.refusal.action, 'ticket.assign');
    assert.equal(rejection.refusal.refusal.refusal, 'assigned_meanwhile', 'the store refused it, not the worker');
    await waitForTicket(page, key, { assignee: 'AR' });
    const refused = panel.getByRole('region', { name: 'Refused actions' }).getByRole('listitem');
    await refused.filter({ hasText: 'The ticket was assigned to Ana Ruiz (AR) at version' }).waitFor();
    await panel.getByText('Claimed by Ana Ruiz (AR)').waitFor();
    await Promise.all([panel.close(), page.close()]);
  });

  test('items by the team\'s own brand accounts are marked as ours and not classified', async () => {
    const key = 'x:1800000000000000001';
    await api(store.url, tokens.admin, 'POST', '/v1/push', {
      client_id: 'e2e-admin',
      mutations: [{ id: 1, name: 'settings.update', args: { settings: { first_response_minutes: 60, business_hours: null, brand_accounts: { x: ['@Alice_Dev'] } } } }],
    });
    await settled(kim);
    const page = (await open(kim.context, 'https://x.com/home')).page;
    await waitForBadges(page, [key, 'x:1800000000000000050']);
    const ours = await page.$eval(`socialcare-badge[data-socialcare-item="${key}"]`, (host) => ({
      ours: host.hasAttribute('data-socialcare-ours'),
      sentiment: host.dataset.socialcareSentiment ?? null,
      status: host.dataset.socialcareStatus ?? null,
    }));
    assert.deepEqual(ours, { ours: true, sentiment: null, status: null });
    const customer = await page.$eval('socialcare-badge[data-socialcare-item="x:1800000000000000050"]', (host) => host.hasAttribute('data-socialcare-ours'));
    assert.equal(customer, false);
    await page.close();
  });

  test('hostile names from the store are shown as text', async () => {
    const hostile = '<img src=x onerror=document.title="pwned">';
    const token = db.issueToken(TEAM, hostile, 'MX');
    const key = 'x:1800000000000000066';
    // Mallory claims the ticket through the API (another client); Kim's badge and panel show her.
    const mallory = await api(store.url, token, 'GET', '/v1/me');
    const answer = await api(store.url, token, 'POST', '/v1/push', {
      client_id: 'mallory-1',
      mutations: [{ id: 1, name: 'ticket.assign', args: { item: key, assignee: mallory.agent_id, base_version: await versionOf(key) } }],
    });
    assert.equal(answer.results[0].outcome, 'applied', JSON.stringify(answer));
    const page = (await open(kim.context, 'https://x.com/home')).page;
    await waitForBadges(page, [key]);
    await waitForTicket(page, key, { assignee: 'MX' });
    await page.locator(`socialcare-badge[data-socialcare-item="${key}"] button[part=badge]`).click();
    const panel = await openPanel(kim);
    await panel.waitForFunction((h) => document.body.innerText.includes(h), hostile);
    assert.equal(await panel.locator('img[src="x"]').count(), 0, 'no element was created from store text');
    assert.notEqual(await panel.title(), 'pwned');
    await Promise.all([panel.close(), page.close()]);
  });
});

/** The team version of a ticket's latest write, as the store at `url` reports it. */
async function versionOf(key, url = store.url) {
  let cookie = null;
  let version = 0;
  for (;;) {
    const page = await api(url, tokens.lead, 'POST', '/v1/pull', { client_id: 'e2e-versions', cookie });
    for (const change of page.changes) if (change.kind === 'ticket' && change.id === key) version = change.version;
    cookie = page.cookie;
    if (!page.more) return version;
  }
}

/** The signed-in agent's id in a browser. */
function me(browser) {
  return browser.worker.evaluate(() => globalThis.socialcare.sync.session.agent.id);
}
