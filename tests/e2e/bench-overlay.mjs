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
//  2. Per added post, BENCH_ADDED posts appended one at a time on that page
//     (the worst case: a message to the engine per post), then as many
//     appended BENCH_ADDED_BATCH at a time (as infinite scroll adds a page of
//     results in one task): append → badge latency (median, p95; of a batch,
//     to its last badge), and the content script's own work per post: a
//     Chromium trace (CDP `Tracing`) of the appends, summing the
//     thread (CPU) time the renderer spent in the extension's content.js —
//     its mutation callback (which reads the post and sends it), any timer
//     callback, and the whole dispatch of the engine's answer on its port
//     (the bindings decoding it and the paint), with the DOM calls they make
//     (see contentScriptCpuMs). Thread
//     time, not wall time: on a loaded machine a preempted call would count
//     its wait too. Layout and paint of the page are the browser's, not counted.
import path from 'node:path';
import { launch, openTimed, paintTimes, ROOT } from './harness.mjs';

const POSTS = Number(process.env.BENCH_POSTS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ADDED = Number(process.env.BENCH_ADDED ?? 200);
const ADDED_BATCH = Number(process.env.BENCH_ADDED_BATCH ?? 10);
const NAIVE = path.join(ROOT, 'tests/e2e/naive');

/**
 * The overlays: the badge element each one adds. BENCH_BASELINE names other
 * unpacked extensions (comma-separated) that add `socialcare-badge` elements
 * (a copy of extension/dist made before a change, or a probe), run as more
 * overlays in the same alternation, so a change is compared with what it
 * replaced at the same load.
 */
const OVERLAYS = [
  { name: 'Socialcare', tag: 'SOCIALCARE-BADGE', options: {} },
  { name: 'naive reference', tag: 'NAIVE-BADGE', options: { extension: NAIVE } },
  ...(process.env.BENCH_BASELINE ?? '').split(',').filter(Boolean).map((dir) => (
    { name: `baseline ${dir}`, tag: 'SOCIALCARE-BADGE', options: { extension: path.resolve(dir) } })),
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
};

/** Opens the bench page, recording when each badge of `tag` is added; resolves once all are there. */
function openBench(browser, tag) {
  return openTimed(browser.context, `https://x.com/bench?n=${POSTS}`, { tag, count: POSTS });
}

/**
 * Appends `count` posts `batch` at a time (each batch in one task) on a
 * traced page; per batch: append → its last badge latency, and the content
 * script's CPU time over all of them (see contentScriptCpuMs).
 */
async function perAddedPost(page, tag, count, batch, first) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'toplevel', 'v8.execute'] }, transferMode: 'ReportEvents' });
  const latencies = await page.evaluate(async ([first, count, batch, tag]) => {
    const out = [];
    for (let i = first; i < first + count; i += batch) {
      // Each batch in a task of its own (a timer), not in a microtask after the previous badge.
      await new Promise((resolve) => setTimeout(resolve));
      // The last batch holds what is left when `count` is not a multiple of `batch`.
      const size = Math.min(batch, first + count - i);
      const posts = Array.from({ length: size }, (_, k) => window.fixture.benchPost(i + k));
      const start = performance.now();
      out.push(await new Promise((resolve) => {
        let badges = 0;
        const observer = new MutationObserver((records) => {
          for (const record of records) for (const node of record.addedNodes) if (node.nodeName === tag) badges++;
          if (badges >= size) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
        for (const post of posts) window.fixture.append(post);
      }));
    }
    // Let the last flush finish (its health check runs after the paint).
    await new Promise((resolve) => setTimeout(resolve, 50));
    return out;
  }, [first, count, batch, tag]);
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  return { latencies, cpuMs: contentScriptCpuMs(events) };
}

/** An extension's `content.js`, by its URL in a trace. */
const CONTENT_SCRIPT = /^chrome-extension:\/\/[a-z]+\/content\.js$/;

/**
 * The content script's CPU time (ms) in a trace of the page's renderer: the
 * thread time of its `FunctionCall`s (mutation callback, timers; nested
 * calls counted once) plus the whole of every received mojo message that
 * runs script (a `Receive mojo message` holding a `FunctionCall`): that is
 * the engine's answer arriving on the content script's port — the
 * extension bindings decoding it, the listener (which paints) and the
 * microtasks after it — less the page's callbacks delivered in it (e.g. the
 * benchmark's own MutationObserver). The listener's `FunctionCall` carries
 * no script URL, so it is found by its message; the page itself receives no
 * script-running message while posts are appended (the reference's figure
 * has none), and the fixture runs no promise code then.
 */
function contentScriptCpuMs(events) {
  const ours = (event) => event.name === 'FunctionCall' && CONTENT_SCRIPT.test(event.args?.data?.url ?? '');
  const byThread = new Map();
  for (const event of events) {
    if (event.ph !== 'X') continue;
    if (!byThread.has(event.tid)) byThread.set(event.tid, []);
    byThread.get(event.tid).push(event);
  }
  let micros = 0;
  const cpu = (event) => event.tdur ?? event.dur;
  for (const thread of byThread.values()) {
    thread.sort((a, b) => a.ts - b.ts);
    let countedUntil = 0;
    thread.forEach((event, i) => {
      if (event.ts < countedUntil) return; // inside a span already counted
      if (ours(event)) {
        micros += cpu(event);
        countedUntil = event.ts + event.dur;
      } else if (event.name === 'Receive mojo message') {
        const end = event.ts + event.dur;
        const inside = thread.slice(i + 1).filter((e) => e.ts < end);
        if (!inside.some((e) => e.name === 'FunctionCall')) return;
        // The page's callbacks: FunctionCalls of a microtask checkpoint in it that are not ours.
        const checkpoints = inside.filter((e) => e.name === 'RunMicrotasks');
        const pages = inside.filter((e) => e.name === 'FunctionCall' && !ours(e)
          && checkpoints.some((c) => e.ts >= c.ts && e.ts < c.ts + c.dur));
        micros += cpu(event) - pages.reduce((sum, e) => sum + cpu(e), 0);
        countedUntil = end;
      }
    });
  }
  return micros / 1000;
}

const browsers = [];
try {
  for (const overlay of OVERLAYS) browsers.push(await launch(overlay.options));
  const times = OVERLAYS.map(() => []);
  // Alternated: each overlay goes first in turn (Socialcare, then the reference, …).
  for (let run = 0; run < RUNS; run++) {
    const order = OVERLAYS.map((_, i) => (run + i) % OVERLAYS.length);
    for (const i of order) {
      const page = await openBench(browsers[i], OVERLAYS[i].tag);
      times[i].push(await paintTimes(page));
      await page.close();
    }
  }
  const added = [];
  for (const [i, overlay] of OVERLAYS.entries()) {
    const page = await openBench(browsers[i], overlay.tag);
    added.push([
      await perAddedPost(page, overlay.tag, ADDED, 1, POSTS + 1000),
      await perAddedPost(page, overlay.tag, ADDED, ADDED_BATCH, POSTS + 1000 + ADDED),
    ]);
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
    if (i > 1) console.log(`  ratio ${overlay.name} / naive: ${(allOf[i] / allOf[1]).toFixed(2)}×; Socialcare / it: ${(allOf[0] / allOf[i]).toFixed(2)}×`);
  }
  for (const [i, overlay] of OVERLAYS.entries()) {
    const [single, batched] = added[i];
    console.log(`  ${overlay.name}, per added post (${ADDED} appended one at a time): append → badge median ${median(single.latencies).toFixed(1)} ms, p95 ${percentile(single.latencies, 0.95).toFixed(1)} ms; content-script CPU ${(single.cpuMs / ADDED).toFixed(3)} ms/post`);
    console.log(`  ${overlay.name}, per added post (${ADDED} appended ${ADDED_BATCH} at a time, as infinite scroll adds them): append → the batch's last badge median ${median(batched.latencies).toFixed(1)} ms, p95 ${percentile(batched.latencies, 0.95).toFixed(1)} ms; content-script CPU ${(batched.cpuMs / ADDED).toFixed(3)} ms/post`);
  }
} finally {
  for (const browser of browsers) await browser.close();
}
