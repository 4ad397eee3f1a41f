// The extension in Firefox: Debian's headless firefox-esr with the built
// extension as a temporary add-on (its background an event page), driven
// over WebDriver BiDi, on the same fixture pages as the Chromium tests
// (the sites' real URLs, their strict CSPs), against a real spawned store.
// What does not run here, and why: docs/extension.md, "Firefox".
// Waits are conditions, never sleeps.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXTENSION_ID, SITES, badges, launch, open, waitForBadges as waitForChromiumBadges } from './harness.mjs';
import { signIn as signInChromium, settled, waitForTicket, openPanel } from './agents.mjs';
import { assertOutsideText, checkXTimeline, count, ourErrors, shownInPanel, waitFor } from './checks.mjs';
import { launchFirefox, firefoxDriver, waitForBadges, badgeButton, EXTENSION_ORIGIN } from './firefox.mjs';
import { StoreDb, startStore, snapshot, api, audit } from './store.mjs';
import { REAL_MARKUP_FIXTURES, realMarkupTests } from './real-markup.mjs';
import { sitePageTests } from './site-pages.mjs';

const TEAM = 'acme';
let firefox, db, store, tokens;

before(async () => {
  db = await StoreDb.create();
  tokens = { admin: db.createTeam(TEAM) };
  tokens.kim = db.issueToken(TEAM, 'Kim Lee', 'KL');
  tokens.ana = db.issueToken(TEAM, 'Ana Ruiz', 'AR');
  tokens.lead = db.issueToken(TEAM, 'Lee Lead', 'LL', 'lead');
  [store, firefox] = await Promise.all([startStore(db, { allowOrigins: ALLOWED_ORIGINS }), launchFirefox()]);
});

after(async () => {
  await firefox?.close();
  await store?.stop();
  await db?.remove();
});

/** The store's allowed origins: this Firefox add-on's and, for the mixed team, the Chromium extension's. */
const ALLOWED_ORIGINS = [EXTENSION_ORIGIN, `chrome-extension://${EXTENSION_ID}`];

/** Signs a Firefox in to this file's store on the options page, as an agent would. */
async function signIn(session, token, connectedAs) {
  const options = await session.extensionPage('options.html');
  await options.locator('#store-url').fill(store.url);
  await options.locator('#token').fill(token);
  await options.locator('button[type=submit]').click();
  await options.waitForFunction((text) => document.body.innerText.includes(`Connected as ${text}`), {}, connectedAs);
  await options.close();
}

/** Waits until a Firefox's worker has pushed everything and is in step with the store. */
async function settledFirefox(session) {
  await waitFor(async () => {
    await session.background((socialcare) => socialcare.sync.syncNow());
    const view = await session.background((socialcare) => socialcare.sync.syncView());
    return view.state === 'synced' && view.pending === 0;
  });
}

/** This browser's steps in the tests both browsers run (firefox.mjs). */
const firefoxSteps = firefoxDriver(() => firefox);

describe('Firefox: the add-on', () => {
  test('installs as a temporary add-on with an event page and the three sites’ host permissions granted', async () => {
    const granted = await firefox.extensionApi((browser) => browser.permissions.getAll());
    for (const host of Object.keys(SITES)) assert.ok(granted.origins.includes(`https://${host}/*`), `${host} is granted`);
    const background = await firefox.extensionApi(async (browser) => (await browser.runtime.getBackgroundPage()).location.href);
    assert.equal(background, `${EXTENSION_ORIGIN}/_generated_background_page.html`, 'an event page, not a service worker');
    assert.equal(await firefox.background((socialcare) => socialcare.sync.syncView().state), 'signed_out');
  });
});

describe('Firefox: badges', () => {
  test('X: one badge per customer post with the core sentiment, none for the ad; a click shows the repost’s original', async () => {
    const { page, errors } = await firefox.open('https://x.com/home');
    await checkXTimeline(page, { waitForBadges, badges });
    await page.locator(badgeButton('x:1799999999999999999')).click();
    const repost = await shownInPanel(firefoxSteps, 'x:1799999999999999999');
    assert.equal(repost.reposted_by, 'carol');
    assert.equal(repost.author_handle, 'bob_ops');
    await assertOutsideText(page);
    assert.deepEqual(ourErrors(errors), []);
    await page.close();
  });
});

// Shared with Chromium: the sites' fixture pages, and the real-markup tests
// (one per pattern, three UI languages, the health notice).
sitePageTests(firefoxSteps);
realMarkupTests(firefoxDriver(() => firefox, { fixtures: REAL_MARKUP_FIXTURES }));

describe('Firefox: side panel', () => {
  test('the side panel page shows the clicked item; hostile text stays text; it follows the next click', async () => {
    // The panel's recent items may already show a post's words (an earlier test
    // focused it): after each click or shortcut below, the wait is for the focused
    // card's permalink, which only the focused item's view shows (recent entries
    // are buttons with an excerpt, no links).
    const mallory = 'a[href="https://x.com/mallory/status/1800000000000000066"]';
    const dana = 'a[href="https://x.com/dana/status/1800000000000000050"]';
    const alice = 'a[href="https://x.com/alice_dev/status/1800000000000000001"]';
    const { page } = await firefox.open('https://x.com/home');
    await waitForBadges(page, ['x:1800000000000000066', 'x:1800000000000000050']);
    await page.locator(badgeButton('x:1800000000000000066')).click();
    await shownInPanel(firefoxSteps, 'x:1800000000000000066');
    const panel = await firefox.extensionPage('sidepanel.html');
    const hostile = '<img src=x onerror=document.title="pwned">';
    await panel.waitForFunction((h) => document.body.innerText.includes(`Hello ${h} support`), {}, hostile);
    assert.equal(await count(panel, 'img[src="x"]'), 0, 'no element was created from customer text');
    assert.notEqual(await panel.title(), 'pwned');
    assert.equal(await count(panel, mallory), 1);
    await page.bringToFront();
    await page.locator(badgeButton('x:1800000000000000050')).click();
    await panel.waitForSelector(dana);
    await panel.waitForFunction(() => document.body.innerText.includes('worst support ever'));
    assert.match(await panel.$eval('body', (body) => body.innerText), /Dana/);
    assert.equal(await count(panel, dana), 1);
    assert.equal(await count(panel, mallory), 0, 'Dana’s card replaced Mallory’s');
    // The focus shortcut's flow (commands → content script → panel): the item holding keyboard focus.
    await page.bringToFront();
    await page.focus(badgeButton('x:1800000000000000001'));
    const result = await firefox.background(async (socialcare) => {
      const [tab] = await browser.tabs.query({ url: 'https://x.com/*' });
      return socialcare.focusFromTab(tab);
    });
    assert.deepEqual(result, { focused: true });
    await panel.waitForSelector(alice);
    await panel.waitForFunction(() => document.body.innerText.includes('Shipping the new build today'));
    assert.equal(await count(panel, alice), 1);
    assert.equal(await count(panel, dana), 0, 'the focused post’s card replaced Dana’s');
    await Promise.all([panel.close(), page.close()]);
  });
});

describe('Firefox: tickets through the store', () => {
  test('sign-in on the options page; a ticket created from the badge reaches the store; another agent’s claim repaints the badge', async () => {
    await signIn(firefox, tokens.kim, 'Kim Lee (agent)');

    const key = 'x:1800000000000000050';
    const { page } = await firefox.open('https://x.com/home');
    await waitForBadges(page, [key]);
    await page.locator(badgeButton(key, { label: 'Create ticket' })).click();
    await waitForTicketAttribute(page, key, 'status', 'new');
    await firefox.background((socialcare) => socialcare.sync.syncNow());
    await waitFor(async () => (await snapshot(store.url, tokens.lead)).ticket?.[key]?.status === 'new');

    // Another client claims the ticket through the API; the badge repaints without a reload.
    const lead = await api(store.url, tokens.lead, 'GET', '/v1/me');
    const version = (await api(store.url, tokens.lead, 'POST', '/v1/pull', { client_id: 'e2e-firefox', cookie: null }))
      .changes.filter((c) => c.kind === 'ticket' && c.id === key).at(-1).version;
    const answer = await api(store.url, tokens.lead, 'POST', '/v1/push', {
      client_id: 'e2e-firefox-lead',
      mutations: [{ id: 1, name: 'ticket.assign', args: { item: key, assignee: lead.agent_id, base_version: version } }],
    });
    assert.equal(answer.results[0].outcome, 'applied', JSON.stringify(answer));
    await firefox.background((socialcare) => socialcare.sync.syncNow());
    await waitForTicketAttribute(page, key, 'assignee', 'LL');
    await page.close();
  });
});

describe('Firefox beside Chromium: a mixed team', () => {
  test('Kim in Firefox and Ana in Chromium see each other’s presence live; a claim race has one winner and the loser is told who', async () => {
    assert.equal(await firefox.background((socialcare) => socialcare.sync.syncView().state), 'synced', 'Kim signed in (the test above)');
    const ana = await launch();
    try {
      await signInChromium(ana, store.url, tokens.ana, 'Ana Ruiz');
      const key = 'x:1800000000000000001';
      const { page: kimPage } = await firefox.open('https://x.com/home');
      const { page: anaPage } = await open(ana.context, 'https://x.com/home');
      await Promise.all([waitForBadges(kimPage, [key]), waitForChromiumBadges(anaPage, [key])]);
      await kimPage.locator(badgeButton(key, { label: 'Create ticket' })).click();
      await firefox.background((socialcare) => socialcare.sync.syncNow());
      await waitForTicket(anaPage, key, { status: 'new' });

      // Presence both ways: the item shown in each one's side panel.
      await kimPage.locator(badgeButton(key)).click();
      const kimPanel = await firefox.extensionPage('sidepanel.html');
      await waitForTicket(anaPage, key, { presence: { includes: 'KL:viewing' } });
      await anaPage.locator(`socialcare-badge[data-socialcare-item="${key}"] button[part=badge]`).click();
      const anaPanel = await openPanel(ana);
      await kimPage.waitForFunction((key) => document.querySelector(`socialcare-badge[data-socialcare-item="${key}"]`)
        ?.dataset.socialcarePresence.includes('AR:viewing'), {}, key);

      // The claim race: the store has exactly one winner; both badges show it; the loser's panel says who.
      await Promise.all([
        kimPanel.locator('::-p-aria(Claim[role="button"])').click(),
        anaPanel.getByRole('button', { name: 'Claim' }).click(),
      ]);
      await Promise.all([firefox.background((socialcare) => socialcare.sync.syncNow()), settled(ana)]);
      await waitFor(async () => Boolean((await snapshot(store.url, tokens.lead)).ticket?.[key]?.assignee));
      const claimed = (await snapshot(store.url, tokens.lead)).ticket[key];
      const kimId = (await api(store.url, tokens.kim, 'GET', '/v1/me')).agent_id;
      const [winner, winnerName] = claimed.assignee === kimId ? ['KL', 'Kim Lee'] : ['AR', 'Ana Ruiz'];
      await firefox.background((socialcare) => socialcare.sync.syncNow());
      await waitForTicketAttribute(kimPage, key, 'assignee', winner);
      await waitForTicket(anaPage, key, { assignee: winner });
      const claimedBy = `Claimed by ${winnerName} (${winner})`;
      if (winner === 'KL') await anaPanel.getByText(claimedBy).waitFor();
      else await kimPanel.waitForFunction((text) => document.body.innerText.includes(text), {}, claimedBy);

      // The loser is told its claim was refused, whichever way it lost: the store
      // refused it (its worker had not yet seen the winner's claim), or its own
      // worker did at once (it had). One refusal, for the one lost claim.
      let refusals;
      if (winner === 'KL') {
        const refused = anaPanel.getByRole('region', { name: 'Refused actions' }).getByRole('listitem');
        await refused.filter({ hasText: 'Assignment was refused' }).waitFor();
        refusals = await refused.allInnerTexts();
      } else {
        await kimPanel.waitForFunction(`(${refusedActions})()?.some((text) => text.includes('Assignment was refused'))`);
        refusals = await kimPanel.evaluate(refusedActions);
      }
      assert.equal(refusals.length, 1, `one refusal, for the one lost claim: ${JSON.stringify(refusals)}`);
      // (The worker's refusal names the item; the store's, kept in the replica, does not.)
      assert.match(refusals[0], /^Assignment was refused\b/);

      // The store applied exactly one claim, the winner's; it refused at most one,
      // the loser's (none when the loser's worker refused it before sending).
      // Read once the loser's refusal is shown: its claim is settled by then.
      const assigns = (await audit(store.url, tokens.lead))
        .filter((entry) => entry.name === 'ticket.assign' && entry.args?.item === key);
      const applied = assigns.filter((entry) => entry.outcome === 'applied');
      const rejected = assigns.filter((entry) => entry.outcome === 'rejected');
      assert.equal(applied.length, 1, `exactly one claim applied: ${JSON.stringify(assigns)}`);
      assert.equal(applied[0].agent_id, claimed.assignee, 'the applied claim is the winner’s');
      assert.ok(rejected.length <= 1, `at most one claim refused by the store: ${JSON.stringify(assigns)}`);
      assert.equal(assigns.length, applied.length + rejected.length);
      if (rejected.length === 1) {
        assert.notEqual(rejected[0].agent_id, claimed.assignee, 'the refused claim is the loser’s');
        assert.equal(rejected[0].refusal?.refusal, 'assigned_meanwhile', JSON.stringify(rejected[0]));
        assert.ok(refusals[0].includes(`assigned to ${winnerName} (${winner})`), `the reason names the winner: ${refusals[0]}`);
      } else {
        assert.ok(refusals[0].includes('Only a lead can assign'), `the worker's reason: ${refusals[0]}`);
      }
      await Promise.all([kimPanel.close(), kimPage.close()]);
    } finally {
      await ana.close();
    }
  });
});

describe('Firefox: the event page unloaded mid-sync', () => {
  test('the add-on reloaded while a sync runs (its event page torn down, the store’s acknowledgement lost) loses and duplicates nothing', async () => {
    const keys = ['x:1800000000000000101', 'x:1800000000000000102'];
    const createsOf = (entries) => entries.filter((entry) => entry.name === 'ticket.create' && keys.includes(entry.args?.item));
    const { page } = await firefox.open('https://x.com/links');
    await waitForBadges(page, keys);
    await store.stop();
    for (const key of keys) {
      await page.locator(badgeButton(key, { label: 'Create ticket' })).click();
      await waitForTicketAttribute(page, key, 'status', 'new');
    }
    // From now on the event page's pushes reach the store but the store's answers
    // never come back to the worker: a sync that pushes stays in flight. (A push to
    // a store that is down still fails at once, so an alarm's retry cannot get stuck.)
    await firefox.background(async () => {
      const eventPage = await browser.runtime.getBackgroundPage();
      const send = eventPage.fetch;
      eventPage.fetch = (url, init) => (String(url).includes('/v1/push')
        ? send.call(eventPage, url, init).then(() => new Promise(() => {}))
        : send.call(eventPage, url, init));
    });
    store = await startStore(db, { port: store.port, allowOrigins: ALLOWED_ORIGINS });
    // A sync starts (not awaited): the store applies both creates, its answer is lost.
    await firefox.background((socialcare) => { socialcare.sync.syncNow(); });
    await waitFor(async () => createsOf(await audit(store.url, tokens.lead)).length === keys.length);
    const inFlight = await firefox.background((socialcare) => ({
      running: Boolean(socialcare.sync.running),
      pending: socialcare.sync.syncView().pending,
    }));
    assert.deepEqual(inFlight, { running: true, pending: keys.length }, 'the sync is still running, both creates unacknowledged');
    assert.equal(await mutationsCounted(store.url, 'duplicate'), 0);

    // The event page is torn down while that sync runs.
    await firefox.reloadAddon();
    // The page's next content script wakes it; it rebuilds from IndexedDB, pushes
    // the outbox again (the store answers both as duplicates) and finishes.
    await page.reload();
    await waitForBadges(page, keys);
    await settledFirefox(firefox);
    const creates = createsOf(await audit(store.url, tokens.lead));
    assert.deepEqual(creates.map((entry) => [entry.args.item, entry.outcome]).sort(), keys.map((key) => [key, 'applied']),
      'each create reached the store exactly once');
    assert.equal(await mutationsCounted(store.url, 'duplicate'), keys.length, 'the replayed push was answered as duplicates');
    await page.close();
  });
});

describe('Firefox: offline across a restart', () => {
  test('actions wait in the outbox across a Firefox restart (the add-on installed in the profile) and arrive once, in order, with their own times', async () => {
    const key = 'x:1799999999999999999';
    const profile = await mkdtemp(path.join(tmpdir(), 'socialcare-firefox-'));
    let agent = await launchFirefox({ profile });
    try {
      await signIn(agent, tokens.kim, 'Kim Lee (agent)');
      const { page } = await agent.open('https://x.com/home');
      await waitForBadges(page, [key]);
      await store.stop();
      const before = Date.now();
      await page.locator(badgeButton(key, { label: 'Create ticket' })).click();
      await waitForTicketAttribute(page, key, 'status', 'new');
      await agent.background((socialcare, item) => socialcare.sync.setStatus(item, 'pending'), key);
      await waitForTicketAttribute(page, key, 'status', 'pending');
      await waitFor(async () => (await agent.background((socialcare) => socialcare.sync.syncView())).state === 'offline');
      assert.equal((await agent.background((socialcare) => socialcare.sync.syncView())).pending, 2);
      const after = Date.now();

      // Firefox closes; the store comes back; Firefox starts again on the same profile.
      await agent.close();
      store = await startStore(db, { port: store.port, allowOrigins: ALLOWED_ORIGINS });
      agent = await launchFirefox({ profile });
      await settledFirefox(agent);

      const ours = (await audit(store.url, tokens.lead)).filter((entry) => entry.item === key || entry.args?.item === key);
      assert.deepEqual(ours.map((entry) => entry.name ?? entry.mutation), ['ticket.create', 'ticket.set_status'], 'each action exactly once, in order');
      for (const entry of ours) {
        assert.ok(entry.action_at >= before - 1000 && entry.action_at <= after + 1000, `the action keeps its own time (${JSON.stringify(entry)})`);
      }
      assert.equal((await snapshot(store.url, tokens.lead)).ticket[key].status, 'pending');
    } finally {
      await agent.close();
      await rm(profile, { recursive: true, force: true });
    }
  });
});

/** Waits until a badge's `data-socialcare-<name>` attribute equals `value`. */
function waitForTicketAttribute(page, key, name, value) {
  return page.waitForFunction(
    (key, name, value) => document.querySelector(`socialcare-badge[data-socialcare-item="${key}"]`)?.getAttribute(`data-socialcare-${name}`) === value,
    {}, key, name, value,
  );
}

/**
 * In a side panel page: the texts of the list items in the region named
 * "Refused actions" (a section labelled by its heading), or null when there is
 * none. (Firefox's accessible names follow the heading's CSS text-transform, so
 * puppeteer's `::-p-aria([name="Refused actions"])` finds nothing there.)
 */
function refusedActions() {
  const region = [...document.querySelectorAll('section[aria-labelledby]')]
    .find((section) => document.getElementById(section.getAttribute('aria-labelledby'))?.textContent.trim() === 'Refused actions');
  return region ? [...region.querySelectorAll('li')].map((item) => item.innerText) : null;
}

/** The store's count of pushed mutations with an outcome (`applied`, `rejected`, `duplicate`) since it started (GET /metrics). */
async function mutationsCounted(url, outcome) {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const line = metrics.split('\n').find((row) => row.startsWith(`socialcare_mutations_total{outcome="${outcome}"} `));
  assert.ok(line, `the store's metrics count ${outcome} mutations`);
  return Number(line.split(' ').pop());
}
