// A browser signed in to a spawned store with tickets in its replica, for the
// benchmarks that measure the ticket layer (`bench-tickets.mjs`) and the
// signed-in cold start (`cold-start-ab.mjs` with SIGNED_IN_TICKETS).
import { api } from './store.mjs';

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
