// Benchmark (a command, not a timed test): `make bench-extension`.
//
// On an X fixture with 1,000 posts, in the real extension in headless
// Chromium, measures the time from page ready (the fixture rendered every
// post) to every badge painted, then the latency of one post added at a time
// (append → its badge painted); then the service worker's cold start (the
// worker stopped through the DevTools protocol, woken by one `analyse`
// message: worker start → verdict answered), median over COLD_STARTS fresh
// starts, split at the worker's own marks (module scripts evaluated, verdict
// module instantiated, verdicts answerable, first verdict computed, everything
// ready: `background.js`;
// signed out, so the replica module is never instantiated); the same page
// loaded right after the worker was stopped (page ready → first and all
// badges, the content scripts waking the worker); and prints every wasm
// module's size, raw and gzipped.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { launch, openTimed, paintTimes, DIST } from './harness.mjs';
import { coldPageLoads, coldStarts, describeColdStarts } from './cold-start.mjs';

const POSTS = Number(process.env.BENCH_POSTS ?? 1000);
const ADDED = Number(process.env.BENCH_ADDED ?? 50);

/** The value at quantile q of sorted numbers. */
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];

/** Every wasm module in the built extension: name, raw bytes, gzip bytes. */
function wasmModules() {
  const pkg = path.join(DIST, 'pkg');
  return readdirSync(pkg).filter((name) => name.endsWith('.wasm')).sort().map((name) => {
    const bytes = readFileSync(path.join(pkg, name));
    return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
}

const browser = await launch();
try {
  // Records, in the page, when each badge appears (and the fixture says when it was ready).
  const page = await openTimed(browser.context, `https://x.com/bench?n=${POSTS}`, { count: POSTS });
  const loaded = await paintTimes(page);

  // One post at a time: append it, wait for its badge.
  const latencies = [];
  for (let i = 0; i < ADDED; i++) {
    const latency = await page.evaluate(async (n) => {
      const post = window.fixture.benchPost(n);
      const key = `x:${post.id}`;
      const start = performance.now();
      return new Promise((resolve) => {
        // Looks only at the added nodes (a badge is inserted with its key): a
        // document-wide query per mutation would add its own cost to the latency.
        const observer = new MutationObserver((records) => {
          const added = records.flatMap((record) => [...record.addedNodes]);
          if (added.some((node) => node.nodeName === 'SOCIALCARE-BADGE' && node.getAttribute('data-socialcare-item') === key)) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
        window.fixture.append(post);
      });
    }, POSTS + i);
    latencies.push(latency);
  }
  latencies.sort((a, b) => a - b);
  const median = quantile(latencies, 0.5);
  const p95 = quantile(latencies, 0.95);
  await page.close();

  const cold = await coldStarts(browser);
  const coldPages = await coldPageLoads(browser, `https://x.com/bench?n=${POSTS}`, POSTS);
  const modules = wasmModules();
  const glue = readFileSync(path.join(DIST, 'pkg/socialcare_worker.js')).length;
  const replicaGlue = readFileSync(path.join(DIST, 'pkg/socialcare_replica.js')).length;
  const content = readFileSync(path.join(DIST, 'content.js')).length;

  console.log(`Socialcare extension benchmark (headless Chromium ${browser.context.browser()?.version() ?? ''}, X fixture)`);
  console.log(`  ${POSTS} posts: page ready → all badges painted: ${loaded.all.toFixed(0)} ms (first badge after ${loaded.first.toFixed(0)} ms)`);
  console.log(`  per added post (append → badge), ${ADDED} posts: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
  for (const line of describeColdStarts(cold, 'signed out')) console.log(line);
  console.log(`  ${POSTS} posts loaded with the service worker stopped (its content scripts wake it), ${coldPages.first.length} loads: page ready → first badge median ${quantile(coldPages.first, 0.5).toFixed(0)} ms, → all badges median ${quantile(coldPages.all, 0.5).toFixed(0)} ms`);
  for (const { name, raw, gzip } of modules) console.log(`  wasm ${name}: ${raw} bytes raw, ${gzip} bytes gzip (zlib level 9)`);
  const total = modules.reduce((sum, m) => sum + m.gzip, 0);
  console.log(`  wasm, all modules: ${total} bytes gzip; worker glue JS ${glue} bytes (verdict module), ${replicaGlue} bytes (replica module); content script ${content} bytes`);
} finally {
  await browser.close();
}
