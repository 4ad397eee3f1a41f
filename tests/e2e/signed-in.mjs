// A browser signed in to a spawned store with tickets in its replica, for the
// benchmarks that measure the ticket layer (`bench-tickets.mjs`) and the
// signed-in cold start (`cold-start-ab.mjs` with SIGNED_IN_TICKETS).
import { EXTENSION_ID } from './harness.mjs';
import { StoreDb, api, startStore } from './store.mjs';

/** The bench fixture's item key for post i (tests/fixtures/x/app.js benchPost). */
export const benchKey = (i) => `x:${1900000000000000000n + BigInt(i)}`;

/**
 * Creates `count` tickets on posts of the `posts`-post bench page, spread
 * evenly, through the store's API as another client (`token`'s agent).
 */
export async function seedTickets(storeUrl, token, count, posts) {
  const mutations = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    name: 'ticket.create',
    args: { item: benchKey(i * Math.floor(posts / count)), conversation: benchKey(i * Math.floor(posts / count)) },
  }));
  await api(storeUrl, token, 'POST', '/v1/push', { client_id: 'bench-seed', mutations });
}

/**
 * A spawned store on a fresh SQLite database for team `bench`, letting the
 * extension in, with `tickets` tickets on posts of the `posts`-post bench
 * page made by Ana (`other`'s token); Kim (`agent`'s token) is the agent who
 * signs in. `close()` stops the store and removes its database.
 */
export async function benchStore({ tickets, posts }) {
  const db = await StoreDb.create();
  db.createTeam('bench');
  const agent = db.issueToken('bench', 'Kim Lee', 'KL');
  const other = db.issueToken('bench', 'Ana Ruiz', 'AR');
  const store = await startStore(db, { allowOrigins: [`chrome-extension://${EXTENSION_ID}`] });
  const close = async () => {
    await store.stop();
    await db.remove();
  };
  try {
    await seedTickets(store.url, other, tickets, posts);
  } catch (error) {
    await close();
    throw error;
  }
  return { url: store.url, agent, other, close };
}

/** Signs a browser in through its worker (the options page does the same) and waits until its replica is synced. */
export async function signIn(browser, url, token) {
  const result = await browser.worker.evaluate(async ([url, token]) => {
    await globalThis.socialcare.ready;
    return globalThis.socialcare.pages.signIn(url, token);
  }, [url, token]);
  if (result.outcome !== 'connected') throw new Error(`sign-in failed: ${JSON.stringify(result)}`);
  await browser.worker.evaluate(async () => {
    const { sync } = globalThis.socialcare;
    for (;;) {
      await sync.syncNow();
      if (sync.syncView().state === 'synced') return;
    }
  });
}
