// Benchmark of the native composers (`make bench-composer`), in the real
// extension in headless Chromium against a spawned store, printing figures:
//   - the live tone check in the worker (wasm): a 280-character draft against
//     the 57-rule policy (tests/tone/bench_policy.toml) published as the team's
//     guideline; the first check (which compiles it), the warm-up that follows
//     it, and the later checks;
//   - keystroke → indicator updated, through the worker round trip, on the
//     real Draft.js composer holding that draft (checked at once, coalesced
//     with a check in flight: no debounce), 5 rounds of 120 keystrokes, from
//     the key event's time stamp to our host's data-socialcare-tone written,
//     with a timestamp at every stage (bench-composer-stages.mjs): the key's
//     dispatch, the site's editor, reading and posting the draft, the leg to
//     the worker, the worker (its check), the leg back, painting; then 2
//     rounds more with the side panel open (the worker sends it its views
//     after each verdict); the same round trip with the page idle, on the
//     port and as one-time messages; and for comparison a direct channel (a
//     MessagePort to a cross-site frame that echoes), idle and while typing;
//   - insert → text in the editor (read back), per editor kind.
// Clocks: performance.now() in the page and in the worker ticks in 100 µs
// (neither is cross-origin isolated); a check's own time is also given as the
// mean of batches, which that tick does not blur. Waiting for a sample is a
// promise the page resolves, never a polling loop or a frame.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { launch, open, EXTENSION_ID, ROOT } from './harness.mjs';
import { StoreDb, startStore, api } from './store.mjs';
import { EDITOR_FIXTURES, buildEditorFixtures } from './composer-fixtures/build.mjs';
import { STAGES, echoChannel, joinStages, probeContentScript, probePage, probeWorker, watchIndicator, workerLog } from './bench-composer-stages.mjs';

const CHECKS = 500;
/** Checks per batch for the batch means. */
const BATCH = 20;
const KEYSTROKES = 120;
const ROUNDS = 5;
/** Rounds typed with the side panel open. */
const PANEL_ROUNDS = 2;
const INSERTS = 20;
/** Tone round trips with the page idle, per channel. */
const ROUND_TRIPS = 300;
const EDITOR = { draftjs: '[data-testid="tweetTextarea_0"]', lexical: '[data-lexical-editor="true"]', textarea: 'form textarea' };

/** Clicks into an editor and waits until the worker knows the agent is in that composer (its tab). */
async function enter(browser, page, selector) {
  const before = await browser.worker.evaluate(() => globalThis.socialcare.composerTab);
  await page.locator(selector).click();
  for (let i = 0; i < 200; i++) {
    if ((await browser.worker.evaluate(() => globalThis.socialcare.composerTab)) !== before) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the worker never heard of the composer');
}

/** The p-th percentile of samples (nearest rank). */
function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The median of numbers. */
const median = (values) => percentile(values, 50);

/** The load average over the last minute (the machine is shared). */
async function load() {
  return (await readFile('/proc/loadavg', 'utf8')).split(' ')[0];
}

/** "p50 … ms, p99 … ms" of samples in milliseconds. */
function summary(samples, unit = 'ms') {
  const scale = unit === 'µs' ? 1000 : 1;
  const f = (v) => (v * scale).toFixed(unit === 'µs' ? 1 : 2);
  return `p50 ${f(percentile(samples, 50))} ${unit}, p99 ${f(percentile(samples, 99))} ${unit} (n=${samples.length})`;
}

/**
 * Types `rounds` rounds of KEYSTROKES keys (K and Backspace in turn) into the
 * page's composer; answers [{load, samples}] (the page's samples of each round).
 */
async function typeRounds(page, rounds) {
  const done = [];
  for (let round = 0; round < rounds; round++) {
    const loadBefore = await load();
    const first = await page.evaluate(() => window.__bench.samples.length);
    for (let i = 0; i < KEYSTROKES; i++) {
      // The key is let go once the indicator is updated, as a typist's is (a key is held 50–100 ms).
      // The wait for it is set up before the key goes down, so no request of the bench's crosses the keystroke's path.
      const key = i % 2 ? 'Backspace' : 'K';
      const written = page.evaluate((n) => new Promise((resolve) => {
        const bench = window.__bench;
        bench.waiting = () => { if (bench.samples.length > n) resolve(); };
        bench.waiting();
      }), first + i);
      await page.keyboard.down(key);
      await written;
      await page.keyboard.up(key);
    }
    const samples = await page.evaluate((first) => window.__bench.samples.slice(first), first);
    done.push({ load: `${loadBefore}–${await load()}`, samples });
  }
  return done;
}

/** Prints the keystrokes of rounds ([{load, records}], records from joinStages): totals per round, each stage, and where the slowest 5% went. */
function report(title, rounds) {
  const all = rounds.flatMap((round) => round.records);
  const column = (records, field) => records.map((r) => r[field]).filter((v) => !Number.isNaN(v));
  console.log(`${title}; ${all.length} keystrokes joined across the three logs:`);
  for (const [i, round] of rounds.entries()) {
    console.log(`  round ${i + 1} (load ${round.load}): ${summary(column(round.records, 'total'))}; ours (from the editor's change): ${summary(column(round.records, 'ours'))}`);
  }
  const across = (field, p) => rounds.map((round) => percentile(column(round.records, field), p));
  for (const [field, name] of [['total', 'key event → indicator updated'], ['ours', 'editor changed → indicator updated (ours)']]) {
    console.log(`  ${name}: all ${summary(column(all, field))}; over rounds p50 min ${Math.min(...across(field, 50)).toFixed(2)} median ${median(across(field, 50)).toFixed(2)} ms, p99 min ${Math.min(...across(field, 99)).toFixed(2)} median ${median(across(field, 99)).toFixed(2)} ms`);
  }
  // Where the time goes: each stage over all keystrokes, and its mean in the slowest 5% against the rest.
  const slowest = [...all].sort((a, b) => b.total - a.total).slice(0, Math.max(1, Math.round(all.length / 20)));
  const rest = all.filter((r) => !slowest.includes(r));
  const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
  console.log('  stage (ms): p50, p90, p99, max; mean in the slowest 5% of keystrokes vs the rest');
  for (const [field, name] of STAGES) {
    const values = column(all, field);
    const f = (v) => v.toFixed(2);
    console.log(`    ${name.padEnd(58)} ${[50, 90, 99, 100].map((p) => f(percentile(values, p))).join(', ')}; ${f(mean(column(slowest, field)))} vs ${f(mean(column(rest, field)))}`);
  }
  const share = (records, field) => `${records.filter((r) => r[field]).length}/${records.length}`;
  console.log(`  the worker busy with a badge batch when the draft arrived: slowest 5% ${share(slowest, 'busy')}, the rest ${share(rest, 'busy')}`);
  console.log(`  the worker sending the side panel its views while the draft was on its way: slowest 5% ${share(slowest, 'refreshing')}, the rest ${share(rest, 'refreshing')}`);
  console.log(`  the answer came back while the page rendered the keystroke's frame: slowest 5% ${share(slowest, 'behindFrame')}, the rest ${share(rest, 'behindFrame')}`);
}

const policy = await readFile(path.join(ROOT, 'tests/tone/bench_policy.toml'), 'utf8');
const draft = (await readFile(path.join(ROOT, 'tests/tone/bench_draft.txt'), 'utf8')).trim();
const fixtures = await buildEditorFixtures();
const db = await StoreDb.create();
const admin = db.createTeam('acme');
const kim = db.issueToken('acme', 'Kim Lee', 'KL');
const lead = db.issueToken('acme', 'Lee Lead', 'LL', 'lead');
void admin;
const store = await startStore(db, { allowOrigins: [`chrome-extension://${EXTENSION_ID}`] });
const browser = await launch({ fixtures });
try {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await options.getByLabel('Store URL').fill(store.url);
  await options.getByLabel('Token').fill(kim);
  await options.getByRole('button', { name: 'Connect' }).click();
  await options.getByText('Connected as Kim Lee').first().waitFor();
  await options.close();
  await api(store.url, lead, 'POST', '/v1/push', {
    client_id: 'bench-lead',
    mutations: [{ id: 1, name: 'guideline.save', args: { id: 'voice', name: 'Bench voice', format: 'toml', source: policy, base_revision: 0 } }],
  });
  await browser.worker.evaluate(async () => {
    await globalThis.socialcare.sync.syncNow();
    for (let i = 0; i < 200 && !globalThis.socialcare.sync.replica; i++) await new Promise((r) => setTimeout(r, 50));
  });

  // The check itself, in the worker's wasm.
  const check = await browser.worker.evaluate(async ({ draft, n, batch }) => {
    const tone = globalThis.socialcare.tone;
    const message = { draft, platform: 'x', place: 'post_reply' };
    const focused = { item: { author_name: 'Ana', text: 'My order is late and nobody answers, this is awful.' } };
    const load = performance.now();
    await tone.load();
    const loaded = performance.now() - load;
    const t0 = performance.now();
    const first = await tone.verdict(message, focused);
    const compileAndCheck = performance.now() - t0;
    await tone.warming;
    const warmUp = performance.now() - t0 - compileAndCheck;
    const samples = [];
    const all = performance.now();
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      tone.check.check(draft, 'x', true);
      samples.push(performance.now() - start);
    }
    const mean = (performance.now() - all) / n;
    const batches = [];
    for (let i = 0; i < n / batch; i++) {
      const start = performance.now();
      for (let j = 0; j < batch; j++) tone.check.check(draft, 'x', true);
      batches.push((performance.now() - start) / batch);
    }
    return { loaded, compileAndCheck, warmUp, samples, mean, batches, findings: first.findings.length, tone: first.tone, revision: tone.check.compiled_revision(), scheduler: typeof globalThis.scheduler?.postTask === 'function' };
  }, { draft, n: CHECKS, batch: BATCH });
  console.log(`load average ${await load()} (2 cores, shared)`);
  console.log(`tone check in the worker (wasm), ${[...draft].length}-char draft, 57-rule guideline rev ${check.revision}: ${check.findings} findings (${check.tone})`);
  console.log(`  loading the tone module (socialcare_tone_bg.wasm): ${check.loaded.toFixed(1)} ms`);
  console.log(`  first check (compiles the guideline): ${check.compileAndCheck.toFixed(1)} ms; then its warm-up: ${check.warmUp.toFixed(1)} ms (one check per ${check.scheduler ? 'background-priority task, scheduler.postTask' : 'macrotask: no scheduler.postTask'})`);
  console.log(`  each later check (no recompile): mean ${(check.mean * 1000).toFixed(1)} µs; ${summary(check.samples, 'µs')} (the worker's clock ticks in 100 µs)`);
  console.log(`  mean of ${BATCH} checks in a row: ${summary(check.batches, 'µs')}, min ${(Math.min(...check.batches) * 1000).toFixed(1)} µs`);

  // Keystroke → indicator updated, on the real Draft.js composer holding the draft,
  // with a timestamp at every stage of the path (bench-composer-stages.mjs).
  await probeWorker(browser.worker);
  const { page } = await open(browser.context, EDITOR_FIXTURES.draftjs.url);
  await page.locator(EDITOR.draftjs).waitFor();
  const pageOrigin = await probePage(page, EDITOR.draftjs);
  const contentScript = await probeContentScript(page, EXTENSION_ID);
  if (contentScript.timeOrigin !== pageOrigin) throw new Error('the content script and the page do not share a clock');
  await enter(browser, page, EDITOR.draftjs);
  await browser.worker.evaluate((text) => globalThis.socialcare.insertInTab({ item: 'x:1', template_id: 'bench', text }), draft.slice(0, -1));
  await page.waitForSelector('socialcare-tone[data-socialcare-checked]');
  await watchIndicator(page);
  const alone = await typeRounds(page, ROUNDS);
  // The same, with the side panel open: each verdict that changes the composer's view sends the panel its views again from the worker.
  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${EXTENSION_ID}/sidepanel.html`);
  await page.bringToFront();
  await page.locator(EDITOR.draftjs).focus();
  const withPanel = await typeRounds(page, PANEL_ROUNDS);
  await panel.close();
  // A direct channel for comparison: each change also echoed by a cross-site frame over a MessagePort.
  const echo = await echoChannel(page, EDITOR.draftjs);
  const echoIdle = await echo.idle(ROUND_TRIPS);
  await page.locator(EDITOR.draftjs).focus();
  await echo.follow();
  const withEcho = await typeRounds(page, 1);
  const echoTyping = await echo.echoes();
  const toneLog = await contentScript.log();
  const fromWorker = await workerLog(browser.worker);
  const joined = (rounds) => rounds.map((round) => ({ ...round, records: joinStages(round.samples, toneLog, pageOrigin, fromWorker) }));
  report(`keystroke → indicator updated (Draft.js, ${[...draft].length}-char draft, ${ROUNDS} rounds of ${KEYSTROKES})`, joined(alone));
  report(`the same with the side panel open (${PANEL_ROUNDS} rounds of ${KEYSTROKES})`, joined(withPanel));
  const refreshes = fromWorker.refreshes.map((r) => r.end - r.start);
  console.log(`  the side panel's views sent again by the worker: ${refreshes.length} times, each ${refreshes.length ? summary(refreshes) : '-'}`);
  const echoed = joined(withEcho).flatMap((round) => round.records);
  console.log(`a direct channel for comparison, a MessagePort to a cross-site frame that echoes (renderer to renderer, no browser hop): with the page idle ${summary(echoIdle)}; echoing each change while typing ${summary(echoTyping)}, when the tone port's two legs took ${summary(echoed.map((r) => r.legs))} (load ${withEcho[0].load})`);
  // The same round trip with the page idle (no typing, no frame): the messaging alone.
  const idle = await contentScript.roundTrips(ROUND_TRIPS, draft);
  console.log(`  the tone round trip alone, the page idle (content script → worker → content script, ${ROUND_TRIPS} in a row, the draft with and without a last K as when typing): port ${summary(idle.port)}; one-time messages ${summary(idle.oneShot)}`);
  await page.close();

  // Insert → text in the editor, per editor kind.
  for (const kind of Object.keys(EDITOR_FIXTURES)) {
    const { page: kindPage } = await open(browser.context, EDITOR_FIXTURES[kind].url);
    await enter(browser, kindPage, EDITOR[kind]);
    const samples = [];
    for (let i = 0; i < INSERTS; i++) {
      await kindPage.keyboard.press('Control+a');
      await kindPage.keyboard.press('Backspace');
      const answer = await browser.worker.evaluate(async (text) => {
        const start = performance.now();
        const result = await globalThis.socialcare.insertInTab({ item: 'x:1', template_id: 'bench', text });
        return { ms: performance.now() - start, inserted: result?.inserted };
      }, 'Hi Ana, sorry about the wait 🙏\nI have asked the carrier for a trace. *KL');
      if (!answer.inserted) throw new Error(`${kind}: the insert did not take`);
      samples.push(answer.ms);
    }
    console.log(`insert → text in the editor, read back (${kind}): ${summary(samples)}`);
    await kindPage.close();
  }
} finally {
  await browser.close();
  await store.stop();
  await db.remove();
}
