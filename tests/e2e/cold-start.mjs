// The service worker's cold start, measured in real headless Chromium for
// `make bench-extension` (`bench.mjs` signed out, `bench-tickets.mjs` signed
// in): the worker stopped through the DevTools protocol and woken by one
// `analyse` message; worker start → verdict answered, and worker start →
// each of the worker's own marks (`background.js`; the first verdict is
// computed while the session is read, and answered once both are done).
//
// The browser stops a worker after 30 s with no event, so a real wake comes
// long after the last instance was torn down. Woken at once after the stop,
// a signed-in worker starts later (its last instance had just synced and
// written to IndexedDB): the figure is taken SETTLE_MS after the stop, and
// the wake at once is measured alternately and printed beside it.

import { openTimed, paintTimes, workerControl } from './harness.mjs';

const COLD_STARTS = Number(process.env.BENCH_COLD_STARTS ?? 15);
/** How long a stopped worker is left before the wake (its last instance torn down). */
const SETTLE_MS = 1000;

/** The value at quantile q of sorted numbers. */
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];

/** The worker's cold-start marks (`background.js`), in order. */
const COLD_MARKS = ['modules', 'wasm', 'verdicts', 'verdict', 'ready'];

/**
 * Stops the extension's service worker 2 × COLD_STARTS times and wakes it
 * each time with one `analyse` message sent from an extension page (as a
 * content script would), in turn SETTLE_MS after the stop and at once. For
 * each start: worker start (the worker's `performance.timeOrigin`) → verdict
 * answered, and message sent → verdict answered (which adds waking the
 * stopped worker); and worker start → each of the worker's COLD_MARKS.
 * Answers the settled starts' figures, with the starts at once as `atOnce`.
 */
export async function coldStarts(browser) {
  const page = await browser.context.newPage();
  // An extension page with no port to the worker (the side panel's would wake
  // it again as soon as it stops): the manifest, shown as text.
  await page.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
  const worker = await workerControl(browser, page);
  const raw = {
    surface: 'x.tweet',
    fields: { permalink: 'https://x.com/dana/status/1', text: 'Worst support ever, my refund never arrived!' },
  };
  const figures = () => ({ fromWorkerStart: [], fromMessage: [], marks: Object.fromEntries(COLD_MARKS.map((name) => [name, []])) });
  const settled = figures();
  const atOnce = figures();
  try {
    for (let run = 0; run < 2 * COLD_STARTS; run++) {
      const { fromWorkerStart, fromMessage, marks } = run % 2 ? atOnce : settled;
      await worker.stop();
      if (run % 2 === 0) await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const { sent, answered, verdicts } = await page.evaluate(async (item) => {
        const sent = performance.timeOrigin + performance.now();
        const verdicts = await chrome.runtime.sendMessage({ type: 'analyse', url: 'https://x.com/home', items: [{ token: 1, raw: item }] });
        return { sent, answered: performance.timeOrigin + performance.now(), verdicts };
      }, raw);
      if (verdicts?.[0]?.badge?.key !== 'x:1') throw new Error(`unexpected verdict ${JSON.stringify(verdicts)}`);
      // Signed in, the replica is restored after the first verdict: wait for it.
      const { workerStart, marked } = await worker.running().evaluate(async (names) => {
        await globalThis.socialcare.ready;
        return {
          workerStart: performance.timeOrigin,
          marked: names.map((name) => performance.getEntriesByName(`socialcare:${name}`)[0]?.startTime),
        };
      }, COLD_MARKS);
      if (workerStart < sent) throw new Error('the service worker was not restarted by the message');
      fromWorkerStart.push(answered - workerStart);
      fromMessage.push(answered - sent);
      COLD_MARKS.forEach((name, index) => {
        if (marked[index] === undefined) throw new Error(`the worker set no mark socialcare:${name}`);
        marks[name].push(marked[index]);
      });
    }
  } finally {
    await worker.detach();
    await page.close();
  }
  const sortedFigures = ({ fromWorkerStart, fromMessage, marks }) => ({
    fromWorkerStart: sorted(fromWorkerStart),
    fromMessage: sorted(fromMessage),
    marks: Object.fromEntries(Object.entries(marks).map(([name, values]) => [name, sorted(values)])),
  });
  return { ...sortedFigures(settled), atOnce: sortedFigures(atOnce) };
}

/**
 * Loads `url` COLD_STARTS times, each time right after the extension's
 * service worker was stopped (as after 30 s with no event): the page's
 * content scripts wake it. For each load: page ready (the fixture's
 * `fixtureReady`) → first badge and → `count` badges, sorted.
 */
export async function coldPageLoads(browser, url, count) {
  const blank = await browser.context.newPage();
  const worker = await workerControl(browser, blank);
  const first = [];
  const all = [];
  try {
    for (let run = 0; run < COLD_STARTS; run++) {
      await worker.stop();
      const page = await openTimed(browser.context, url, { count });
      const times = await paintTimes(page);
      first.push(times.first);
      all.push(times.all);
      await page.close();
    }
  } finally {
    await worker.detach();
    await blank.close();
  }
  return { first: sorted(first), all: sorted(all) };
}

/** Numbers sorted in place, ascending. */
const sorted = (values) => values.sort((a, b) => a - b);

/** The lines `make bench-extension` prints for `coldStarts()`'s figures (`who`: signed in or out). */
export function describeColdStarts(cold, who) {
  const ms = (values) => `median ${quantile(values, 0.5).toFixed(1)} ms (min ${values[0].toFixed(1)}, max ${values.at(-1).toFixed(1)})`;
  const at = (name) => `${quantile(cold.marks[name], 0.5).toFixed(1)} ms`;
  return [
    `  service worker cold start (${who}), ${cold.fromWorkerStart.length} fresh starts, each ${SETTLE_MS} ms after the stop: worker start → first verdict ${ms(cold.fromWorkerStart)}; message sent to the stopped worker → verdict ${ms(cold.fromMessage)}`,
    `    worker start → module script evaluated ${at('modules')} → verdict module instantiated ${at('wasm')} → first verdict computed ${at('verdict')}, the session read (verdicts answerable) ${at('verdicts')} → answered ${quantile(cold.fromWorkerStart, 0.5).toFixed(1)} ms (medians; all ready, the replica restored when signed in: ${at('ready')})`,
    `    woken at once after the stop, alternated with those: worker start → first verdict ${ms(cold.atOnce.fromWorkerStart)} (module script evaluated ${quantile(cold.atOnce.marks.modules, 0.5).toFixed(1)} ms)`,
  ];
}
