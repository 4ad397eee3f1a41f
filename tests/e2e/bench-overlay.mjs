// Benchmark (a command, not a timed test), part of `make bench-extension`:
// how fast the overlay is, against a naive reference in the same run.
//
// The reference (tests/e2e/naive/) is a tiny extension whose content script
// puts a plain element on each X post (`article[data-testid="tweet"]`, a
// MutationObserver for added posts), loaded into the same headless Chromium
// the same way as Socialcare (harness.mjs `launch`). Printed:
//
//  1. On the X fixture with BENCH_POSTS posts (/bench?n=1000): page ready (the
//     fixture rendered every post) → every badge painted, Socialcare and the
//     reference alternated over BENCH_RUNS runs, the medians and their ratio.
//  2. Per added post, BENCH_ADDED posts appended one at a time on that page:
//     append → badge latency (median, p95), and the content script's own work
//     per post: each script sums the wall time of its synchronous mutation,
//     flush and paint paths (performance.now()) in a counter of its isolated
//     world, which this script reads over CDP (`Runtime.evaluate` in that
//     world) before and after each post. Wall time: on a loaded machine a
//     preempted path counts its wait too, so the median is the figure.
import path from 'node:path';
import { launch, ROOT } from './harness.mjs';

const POSTS = Number(process.env.BENCH_POSTS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ADDED = Number(process.env.BENCH_ADDED ?? 200);
const NAIVE = path.join(ROOT, 'tests/e2e/naive');

/** The two overlays: the badge element each one adds. */
const OVERLAYS = [
  { name: 'Socialcare', tag: 'SOCIALCARE-BADGE', options: {}, extensionName: 'Socialcare', workCounter: 'globalThis.__socialcareContent.ms' },
  { name: 'naive reference', tag: 'NAIVE-BADGE', options: { extension: NAIVE },
    extensionName: 'Naive overlay (benchmark reference)', workCounter: 'globalThis.__naiveOverlay.ms' },
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
};

/** Opens the bench page and records, in the page, when each badge of `tag` is added. */
async function openBench(browser, tag) {
  const page = await browser.context.newPage();
  await page.addInitScript((tag) => {
    window.badgeTimes = [];
    new MutationObserver((records) => {
      const now = performance.now();
      for (const record of records) {
        for (const node of record.addedNodes) if (node.nodeName === tag) window.badgeTimes.push(now);
      }
    }).observe(document, { childList: true, subtree: true });
  }, tag);
  await page.goto(`https://x.com/bench?n=${POSTS}`);
  await page.waitForFunction((n) => window.badgeTimes.length >= n, POSTS, { timeout: 120000 });
  return page;
}

/** Page ready → all badges painted (and → the first), in ms. */
async function paintTime(page) {
  return page.evaluate(() => ({
    all: Math.max(...window.badgeTimes) - window.fixtureReady,
    first: Math.min(...window.badgeTimes) - window.fixtureReady,
  }));
}

/** The content script's isolated world on a page (CDP), where its work counter lives. */
async function contentWorld(page, extensionName) {
  const cdp = await page.context().newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === extensionName);
  if (!world) throw new Error(`no isolated world named ${extensionName}`);
  return async (expression) => (await cdp.send('Runtime.evaluate', { expression, contextId: world.id, returnByValue: true })).result.value;
}

/** Appends `count` posts one at a time; per post: append → badge latency, and the content script's own work (its counter). */
async function perAddedPost(page, overlay, count) {
  const evaluate = await contentWorld(page, overlay.extensionName);
  const latencies = [];
  const work = [];
  for (let i = 0; i < count; i++) {
    const before = await evaluate(overlay.workCounter);
    latencies.push(await page.evaluate(([n, tag]) => new Promise((resolve) => {
      const post = window.fixture.benchPost(n);
      const start = performance.now();
      const observer = new MutationObserver((records) => {
        if (records.some((r) => [...r.addedNodes].some((node) => node.nodeName === tag))) {
          observer.disconnect();
          resolve(performance.now() - start);
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
      window.fixture.append(post);
    }), [POSTS + 1000 + i, overlay.tag]));
    // The badge is in; let the script finish the flush (health check) before reading the counter.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 20)));
    work.push((await evaluate(overlay.workCounter)) - before);
  }
  return { latencies, work };
}

const browsers = [];
try {
  for (const overlay of OVERLAYS) browsers.push(await launch(overlay.options));
  const times = OVERLAYS.map(() => []);
  // Alternated: Socialcare first on even runs, the reference first on odd ones.
  for (let run = 0; run < RUNS; run++) {
    const order = run % 2 === 0 ? [0, 1] : [1, 0];
    for (const i of order) {
      const page = await openBench(browsers[i], OVERLAYS[i].tag);
      times[i].push(await paintTime(page));
      await page.close();
    }
  }
  const added = [];
  for (const [i, overlay] of OVERLAYS.entries()) {
    const page = await openBench(browsers[i], overlay.tag);
    added.push(await perAddedPost(page, overlay, ADDED));
    await page.close();
  }

  const allOf = times.map((runs) => median(runs.map((t) => t.all)));
  console.log(`Overlay benchmark (headless Chromium ${browsers[0].context.browser()?.version() ?? ''}, X fixture /bench?n=${POSTS}, ${RUNS} alternated runs)`);
  for (const [i, overlay] of OVERLAYS.entries()) {
    const runs = times[i].map((t) => t.all.toFixed(0)).join(', ');
    console.log(`  ${overlay.name}: page ready → all ${POSTS} badges: median ${allOf[i].toFixed(0)} ms (first badge ${median(times[i].map((t) => t.first)).toFixed(0)} ms; runs ${runs})`);
  }
  console.log(`  ratio Socialcare / naive: ${(allOf[0] / allOf[1]).toFixed(2)}×`);
  for (const [i, overlay] of OVERLAYS.entries()) {
    const { latencies, work } = added[i];
    const mean = work.reduce((a, b) => a + b, 0) / work.length;
    console.log(`  ${overlay.name}, per added post (${ADDED} appended one at a time): append → badge median ${median(latencies).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms; content-script work median ${median(work).toFixed(3)} ms, mean ${mean.toFixed(3)} ms`);
  }
} finally {
  for (const browser of browsers) await browser.close();
}
