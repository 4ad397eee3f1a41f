// Where the overlay's milliseconds go (an investigation tool, not a test):
// `node tests/e2e/profile-overlay.mjs [load|added]`.
//
// On the benchmark's X fixture (/bench?n=1000) in the real extension, records
// a V8 CPU profile (CDP `Profiler`, sampled every PROFILE_INTERVAL_US) of the
// page's renderer, content scripts included, and prints the functions with
// the most time, self and inclusive (each function counted once per sample),
// and self time by caller (which script made a DOM call):
//
//  - `load`: the page load, from navigation to every badge painted;
//  - `added`: PROFILE_ADDED posts appended PROFILE_BATCH at a time (default
//    one; each batch in one task, as infinite scroll adds a page of results,
//    and each waits for its badges), after the page has loaded.
//
// Sampled time is wall time: on a loaded machine a preempted function counts
// its wait too, so compare functions within one profile, not across runs.
// For the per-post CPU figure, see bench-overlay.mjs (thread time from a trace).
import { launch } from './harness.mjs';

const POSTS = 1000;
const ADDED = Number(process.env.PROFILE_ADDED ?? 300);
const BATCH = Number(process.env.PROFILE_BATCH ?? 1);
const INTERVAL_US = Number(process.env.PROFILE_INTERVAL_US ?? 50);
const TOP = 40;
const mode = process.argv[2] ?? 'load';
if (!['load', 'added'].includes(mode)) throw new Error(`usage: profile-overlay.mjs [load|added], not ${mode}`);

/** Loads the bench page and waits for every badge. */
async function loadBench(page) {
  await page.goto(`https://x.com/bench?n=${POSTS}`);
  await page.waitForFunction((n) => document.querySelectorAll('socialcare-badge').length >= n, POSTS, { timeout: 120000, polling: 50 });
}

/** Appends `count` posts `batch` at a time, each batch in its own task, waiting for its badges. */
async function appendPosts(page, count, batch) {
  await page.evaluate(async ([first, count, batch]) => {
    for (let i = first; i < first + count; i += batch) {
      await new Promise((resolve) => setTimeout(resolve));
      const posts = Array.from({ length: Math.min(batch, first + count - i) }, (_, k) => window.fixture.benchPost(i + k));
      await new Promise((resolve) => {
        let badges = 0;
        // Looks only at the added nodes: a document-wide query per mutation was most of the profile.
        const observer = new MutationObserver((records) => {
          for (const record of records) for (const node of record.addedNodes) if (node.nodeName === 'SOCIALCARE-BADGE') badges++;
          if (badges >= posts.length) {
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
        for (const post of posts) window.fixture.append(post);
      });
    }
  }, [POSTS + 1000, count, batch]);
}

/** `name file:line` of a profile node. */
const frameName = ({ callFrame }) => `${callFrame.functionName || '(anonymous)'} ${callFrame.url.split('/').pop()}:${callFrame.lineNumber + 1}`;

/** Self, inclusive and self-by-caller (`leaf ← caller`) ms per function of a CPU profile. */
function timesByFunction(profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map();
  const inclusive = new Map();
  const byCaller = new Map();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = frameName(nodes.get(id));
    self.set(leaf, (self.get(leaf) ?? 0) + ms);
    // A DOM call's time by the script that made it (the page's or ours).
    const caller = parent.has(id) ? frameName(nodes.get(parent.get(id))) : '';
    const call = `${leaf} ← ${caller}`;
    byCaller.set(call, (byCaller.get(call) ?? 0) + ms);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const name = frameName(nodes.get(at));
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  });
  return { self, inclusive, byCaller };
}

/** The TOP entries of a name → ms map, one per line. */
const top = (times) => [...times].sort((a, b) => b[1] - a[1]).slice(0, TOP)
  .map(([name, ms]) => `  ${ms.toFixed(1).padStart(9)} ms  ${name}`).join('\n');

const browser = await launch();
try {
  // A first page wakes the worker and loads its wasm, as on an agent's second page.
  const warm = await browser.context.newPage();
  await warm.goto('https://x.com/bench?n=10');
  await warm.waitForSelector('socialcare-badge');
  await warm.close();

  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: INTERVAL_US });
  if (mode === 'load') {
    await cdp.send('Profiler.start');
    await loadBench(page);
  } else {
    await loadBench(page);
    await cdp.send('Profiler.start');
    await appendPosts(page, ADDED, BATCH);
  }
  const { profile } = await cdp.send('Profiler.stop');
  const { self, inclusive, byCaller } = timesByFunction(profile);
  console.log(`Overlay CPU profile (${mode === 'load' ? `${POSTS}-post page load` : `${ADDED} posts appended ${BATCH === 1 ? 'one' : BATCH} at a time`}, sampled every ${INTERVAL_US} µs)`);
  console.log(`self:\n${top(self)}\ninclusive:\n${top(inclusive)}\nself, by caller:\n${top(byCaller)}`);
} finally {
  await browser.close();
}
