// Benchmark (a command, not a timed test), part of `make bench-extension`:
// the ticket layer against a real store, in real headless Chromium.
//
//  1. A remote change → the badge repainted in another browser: a teammate's
//     client changes a ticket's status through the store's HTTP API; the time
//     until the open page's badge shows it, p50/p99 over BENCH_CHANGES changes.
//  2. A 1,000-post X page with 300 tickets in the replica: page ready → every
//     badge painted with its ticket overlay, against the same page in a
//     browser that is signed out (no ticket layer), alternated BENCH_RUNS times.
//  3. The worker's cold start signed in, with those tickets in the replica:
//     the first verdict comes from the verdict module, without waiting for
//     the replica module to be instantiated and restored (`cold-start.mjs`).
import { launch } from './harness.mjs';
import { coldStarts, describeColdStarts } from './cold-start.mjs';
import { api } from './store.mjs';
import { benchKey as keyOf, benchStore, signIn } from './signed-in.mjs';

const CHANGES = Number(process.env.BENCH_CHANGES ?? 100);
const POSTS = Number(process.env.BENCH_POSTS ?? 1000);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 300);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** A percentile of sorted numbers. */
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/** Page ready → every badge painted (and, signed in, carrying its ticket status), in ms. */
async function paintTime(browser, withTickets) {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    window.badgeTimes = new Map();
    new MutationObserver((records) => {
      const now = performance.now();
      for (const record of records) {
        const host = record.type === 'attributes' ? record.target : null;
        for (const node of record.addedNodes) if (node.nodeName === 'SOCIALCARE-BADGE') window.badgeTimes.set(node, now);
        if (host?.nodeName === 'SOCIALCARE-BADGE') window.badgeTimes.set(host, now);
      }
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-socialcare-status'] });
  });
  await page.goto(`https://x.com/bench?n=${POSTS}`);
  await page.waitForFunction(
    ([n, withTickets]) => {
      const hosts = document.querySelectorAll('socialcare-badge');
      return hosts.length >= n && (!withTickets || [...hosts].every((h) => h.hasAttribute('data-socialcare-status')));
    },
    [POSTS, withTickets],
    { timeout: 120000, polling: 100 },
  );
  const ms = await page.evaluate(() => Math.max(...window.badgeTimes.values()) - window.fixtureReady);
  await page.close();
  return ms;
}

// 300 tickets on the page's posts, made by another client through the API.
const store = await benchStore({ tickets: TICKETS, posts: POSTS });
const [signedIn, signedOut] = await Promise.all([launch(), launch()]);
try {
  await signIn(signedIn, store.url, store.agent);

  // 2. The 1,000-post page, alternating the two browsers.
  const withLayer = [];
  const without = [];
  for (let run = 0; run < RUNS; run++) {
    without.push(await paintTime(signedOut, false));
    withLayer.push(await paintTime(signedIn, true));
  }
  withLayer.sort((a, b) => a - b);
  without.sort((a, b) => a - b);

  // 1. Remote changes → repaint.
  const page = await signedIn.context.newPage();
  await page.goto(`https://x.com/bench?n=20`);
  const key = keyOf(0);
  await page.waitForFunction((k) => document.querySelector(`socialcare-badge[data-socialcare-item="${k}"][data-socialcare-status]`), key, { timeout: 30000 });
  const latencies = [];
  let nextId = TICKETS + 1;
  for (let i = 0; i < CHANGES; i++) {
    const status = i % 2 === 0 ? 'pending' : 'open';
    const seen = page.waitForFunction(
      ([k, s]) => {
        const host = document.querySelector(`socialcare-badge[data-socialcare-item="${k}"]`);
        return host?.dataset.socialcareStatus === s && performance.timeOrigin + performance.now();
      },
      [key, status],
      { timeout: 30000, polling: 'raf' },
    );
    const start = Date.now();
    await api(store.url, store.other, 'POST', '/v1/push', {
      client_id: 'bench-seed',
      mutations: [{ id: nextId++, name: 'ticket.set_status', args: { item: key, status, base_version: 0 } }],
    });
    const shownAt = await (await seen).jsonValue();
    latencies.push(shownAt - start);
  }
  latencies.sort((a, b) => a - b);
  await page.close();

  // 3. Cold starts, signed in.
  const cold = await coldStarts(signedIn);

  const median = (sorted) => percentile(sorted, 0.5);
  console.log(`Socialcare ticket layer benchmark (headless Chromium, real socialcare-store on SQLite)`);
  console.log(`  remote change → badge repainted in another browser, ${CHANGES} changes: p50 ${median(latencies).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms`);
  console.log(`  ${POSTS}-post page, ${TICKETS} tickets in the replica: page ready → all badges painted with their ticket, median of ${RUNS}: ${median(withLayer).toFixed(0)} ms`);
  console.log(`  the same page signed out (no ticket layer), median of ${RUNS}: ${median(without).toFixed(0)} ms; ratio ${(median(withLayer) / median(without)).toFixed(2)}×`);
  for (const line of describeColdStarts(cold, `signed in, ${TICKETS} tickets in the replica`)) console.log(line);
} finally {
  await Promise.all([signedIn.close(), signedOut.close()]);
  await store.close();
}
