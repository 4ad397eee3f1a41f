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
// signed out, so the replica module is never instantiated); and prints every wasm
// module's size, raw and gzipped.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { launch, DIST } from './harness.mjs';

const POSTS = Number(process.env.BENCH_POSTS ?? 1000);
const ADDED = Number(process.env.BENCH_ADDED ?? 50);
const COLD_STARTS = Number(process.env.BENCH_COLD_STARTS ?? 15);

/** The value at quantile q of sorted numbers. */
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];

/** The worker's cold-start marks (`background.js`), in order. */
const COLD_MARKS = ['modules', 'wasm', 'verdicts', 'verdict', 'ready'];

/**
 * Stops the extension's service worker COLD_STARTS times and wakes it each
 * time with one `analyse` message sent from an extension page (as a content
 * script would). For each start: worker start (the worker's
 * `performance.timeOrigin`) → verdict answered, and message sent → verdict
 * answered (which adds waking the stopped worker); and worker start → each
 * of the worker's COLD_MARKS.
 */
async function coldStarts(browser) {
  const page = await browser.context.newPage();
  // An extension page with no port to the worker (the side panel's would wake
  // it again as soon as it stops): the manifest, shown as text.
  await page.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
  const cdp = await browser.context.newCDPSession(page);
  const versions = new Map();
  const scope = `chrome-extension://${browser.extensionId}/`;
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: updated }) => {
    for (const version of updated) versions.set(version.versionId, version);
  });
  await cdp.send('ServiceWorker.enable');
  const ours = () => [...versions.values()].filter((v) => v.scriptURL.startsWith(scope));
  const until = async (condition, what) => {
    for (const deadline = Date.now() + 10000; !condition();) {
      if (Date.now() > deadline) throw new Error(`service worker: ${what} timed out`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const raw = {
    surface: 'x.tweet',
    fields: { permalink: 'https://x.com/dana/status/1', text: 'Worst support ever, my refund never arrived!' },
  };
  const fromWorkerStart = [];
  const fromMessage = [];
  const marks = Object.fromEntries(COLD_MARKS.map((name) => [name, []]));
  try {
    for (let run = 0; run < COLD_STARTS; run++) {
      await until(() => ours().some((v) => v.runningStatus === 'running'), 'start');
      for (const version of ours().filter((v) => v.runningStatus === 'running')) {
        await cdp.send('ServiceWorker.stopWorker', { versionId: version.versionId });
      }
      await until(() => ours().every((v) => v.runningStatus === 'stopped'), 'stop');
      const { sent, answered, verdicts } = await page.evaluate(async (item) => {
        const sent = performance.timeOrigin + performance.now();
        const verdicts = await chrome.runtime.sendMessage({ type: 'analyse', url: 'https://x.com/home', items: [{ token: 1, raw: item }] });
        return { sent, answered: performance.timeOrigin + performance.now(), verdicts };
      }, raw);
      if (verdicts?.[0]?.badge?.key !== 'x:1') throw new Error(`unexpected verdict ${JSON.stringify(verdicts)}`);
      // Playwright keeps one handle on the extension's worker target, which now
      // runs the restarted worker.
      const worker = browser.context.serviceWorkers().find((w) => w.url().startsWith(scope));
      const { workerStart, marked } = await worker.evaluate((names) => ({
        workerStart: performance.timeOrigin,
        marked: names.map((name) => performance.getEntriesByName(`socialcare:${name}`)[0]?.startTime),
      }), COLD_MARKS);
      if (workerStart < sent) throw new Error('the service worker was not restarted by the message');
      fromWorkerStart.push(answered - workerStart);
      fromMessage.push(answered - sent);
      COLD_MARKS.forEach((name, index) => {
        if (marked[index] === undefined) throw new Error(`the worker set no mark socialcare:${name}`);
        marks[name].push(marked[index]);
      });
    }
  } finally {
    await cdp.detach();
    await page.close();
  }
  const sorted = (values) => values.sort((a, b) => a - b);
  return {
    fromWorkerStart: sorted(fromWorkerStart),
    fromMessage: sorted(fromMessage),
    marks: Object.fromEntries(Object.entries(marks).map(([name, values]) => [name, sorted(values)])),
  };
}

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
  const page = await browser.context.newPage();
  // Record, in the page, when the fixture is ready and when each badge appears.
  await page.addInitScript(() => {
    window.badgeTimes = [];
    new MutationObserver((records) => {
      const now = performance.now();
      for (const record of records) {
        for (const node of record.addedNodes) if (node.nodeName === 'SOCIALCARE-BADGE') window.badgeTimes.push(now);
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`https://x.com/bench?n=${POSTS}`);
  await page.waitForFunction((n) => window.badgeTimes.length >= n, POSTS, { timeout: 120000 });
  const { ready, last, first } = await page.evaluate(() => ({
    ready: window.fixtureReady,
    first: Math.min(...window.badgeTimes),
    last: Math.max(...window.badgeTimes),
  }));

  // One post at a time: append it, wait for its badge.
  const latencies = [];
  for (let i = 0; i < ADDED; i++) {
    const latency = await page.evaluate(async (n) => {
      const post = window.fixture.benchPost(n);
      const key = `x:${post.id}`;
      const start = performance.now();
      return new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (document.querySelector(`socialcare-badge[data-socialcare-item="${key}"]`)) {
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
  const modules = wasmModules();
  const glue = readFileSync(path.join(DIST, 'pkg/socialcare_worker.js')).length;
  const replicaGlue = readFileSync(path.join(DIST, 'pkg/socialcare_replica.js')).length;
  const content = readFileSync(path.join(DIST, 'content.js')).length;

  console.log(`Socialcare extension benchmark (headless Chromium ${browser.context.browser()?.version() ?? ''}, X fixture)`);
  console.log(`  ${POSTS} posts: page ready → all badges painted: ${(last - ready).toFixed(0)} ms (first badge after ${(first - ready).toFixed(0)} ms)`);
  console.log(`  per added post (append → badge), ${ADDED} posts: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
  const ms = (sorted) => `median ${quantile(sorted, 0.5).toFixed(1)} ms (min ${sorted[0].toFixed(1)}, max ${sorted.at(-1).toFixed(1)})`;
  console.log(`  service worker cold start, ${COLD_STARTS} fresh starts: worker start → first verdict ${ms(cold.fromWorkerStart)}; message sent to the stopped worker → verdict ${ms(cold.fromMessage)}`);
  const at = (name) => `${quantile(cold.marks[name], 0.5).toFixed(1)} ms`;
  console.log(`    worker start → module scripts evaluated ${at('modules')} → verdict module instantiated ${at('wasm')} → verdicts answerable ${at('verdicts')} → first verdict computed ${at('verdict')} → answered ${quantile(cold.fromWorkerStart, 0.5).toFixed(1)} ms (medians; all ready ${at('ready')})`);
  for (const { name, raw, gzip } of modules) console.log(`  wasm ${name}: ${raw} bytes raw, ${gzip} bytes gzip (zlib level 9)`);
  const total = modules.reduce((sum, m) => sum + m.gzip, 0);
  console.log(`  wasm, all modules: ${total} bytes gzip; worker glue JS ${glue} bytes (verdict module), ${replicaGlue} bytes (replica module); content script ${content} bytes`);
} finally {
  await browser.close();
}
