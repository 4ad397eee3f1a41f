// What the end-to-end tests do as agents: sign in on the options page, open
// the side panel, wait for the worker to be in step with the store, and read
// the badge DOM contract's ticket attributes. Waits are conditions, never sleeps.
import assert from 'node:assert/strict';
import { EXTENSION_ID } from './harness.mjs';
import { StoreDb, startStore } from './store.mjs';

/** The teammates a team gets: token key, name, initials, role. */
const TEAMMATES = [
  ['kim', 'Kim Lee', 'KL', 'agent'],
  ['ana', 'Ana Ruiz', 'AR', 'agent'],
  ['lead', 'Lee Lead', 'LL', 'lead'],
];

/** Starts (or, with `port`, restarts) a store on `db` that lets the extension in. */
export function storeForExtension(db, port) {
  return startStore(db, { port, allowOrigins: [`chrome-extension://${EXTENSION_ID}`] });
}

/**
 * A team on a fresh store database and a store serving it: `tokens` for the
 * admin, Kim and Ana (agents) and Lee (lead).
 */
export async function startTeam(team) {
  const db = await StoreDb.create();
  const tokens = { admin: db.createTeam(team) };
  for (const [key, name, initials, role] of TEAMMATES) tokens[key] = db.issueToken(team, name, initials, role);
  return { db, tokens, store: await storeForExtension(db) };
}

/** Ends what a test file started: its browsers, its store, its database (whichever exist). */
export async function stopAll(browsers, store, db) {
  await Promise.all(browsers.map((browser) => browser?.close()));
  await store?.stop();
  await db?.remove();
}

/** Signs a browser in through the options page, as an agent would. */
export async function signIn(browser, storeUrl, token, expectName) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await page.getByLabel('Store URL').fill(storeUrl);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByText(`Connected as ${expectName}`).first().waitFor();
  assert.equal(await page.getByLabel('Token').inputValue(), '', 'the token is not shown again');
  return page;
}

/** The worker's sync state (views::SyncView). */
export function syncState(browser) {
  return browser.worker.evaluate(async () => {
    await globalThis.socialcare.ready;
    return globalThis.socialcare.sync.syncView();
  });
}

/** Waits until a browser has pushed everything and is in step with the store. */
export async function settled(browser) {
  await browser.worker.evaluate(() => globalThis.socialcare.sync.syncNow());
  await waitFor(async () => {
    const state = await syncState(browser);
    return state.state === 'synced' && state.pending === 0;
  });
}

/** A badge host's ticket attributes. */
export function ticketBadge(page, key) {
  return page.$eval(`socialcare-badge[data-socialcare-item="${key}"]`, (host) => ({
    status: host.dataset.socialcareStatus,
    assignee: host.dataset.socialcareAssignee,
    presence: host.dataset.socialcarePresence,
    due: host.dataset.socialcareDue,
  }));
}

/**
 * Waits until a badge's ticket attributes hold what `expected` says: per
 * attribute (`status`, `assignee`, `presence`, `due`), a value to equal, or
 * `{includes: text}`, or `{nonEmpty: true}`. (Data, not code: the sites' CSP
 * forbids evaluating strings in the page.)
 */
export function waitForTicket(page, key, expected, timeout = 15000) {
  return page.waitForFunction(
    ([key, expected]) => {
      const host = document.querySelector(`socialcare-badge[data-socialcare-item="${key}"]`);
      if (!host) return false;
      return Object.entries(expected).every(([name, want]) => {
        const value = host.getAttribute(`data-socialcare-${name}`) ?? '';
        if (typeof want === 'string') return value === want;
        if (want.includes !== undefined) return value.includes(want.includes);
        return want.nonEmpty ? value !== '' : value === '';
      });
    },
    [key, expected],
    { timeout, polling: 50 },
  );
}

/** Opens the side panel page of a browser (what the browser's side panel shows), `height` pixels tall. */
export async function openPanel(browser, { height = 900 } = {}) {
  const panel = await browser.context.newPage();
  await panel.setViewportSize({ width: 420, height });
  await panel.goto(`chrome-extension://${EXTENSION_ID}/sidepanel.html`);
  return panel;
}

/** Polls an async condition until it holds (bounded; no fixed sleeps). */
export async function waitFor(condition, timeout = 15000) {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeout) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
