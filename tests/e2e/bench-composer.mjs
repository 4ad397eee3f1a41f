// Benchmark of the native composers (`make bench-composer`), in the real
// extension in headless Chromium against a spawned store, printing figures:
//   - the live tone check in the worker (wasm): a 280-character draft against
//     the 57-rule policy (tests/tone/bench_policy.toml) published as the team's
//     guideline; the first check (which compiles it) and the following ones;
//   - keystroke → indicator updated, through the worker round trip, on the
//     real Draft.js composer holding that draft (checked at once, coalesced
//     with a check in flight: no debounce);
//   - insert → text in the editor (read back), per editor kind.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { launch, open, EXTENSION_ID, ROOT } from './harness.mjs';
import { StoreDb, startStore, api } from './store.mjs';
import { EDITOR_FIXTURES, buildEditorFixtures } from './composer-fixtures/build.mjs';

const CHECKS = 500;
const KEYSTROKES = 60;
const INSERTS = 20;
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

/** "p50 … ms, p99 … ms" of samples in milliseconds. */
function summary(samples, unit = 'ms') {
  const scale = unit === 'µs' ? 1000 : 1;
  const f = (v) => (v * scale).toFixed(unit === 'µs' ? 1 : 2);
  return `p50 ${f(percentile(samples, 50))} ${unit}, p99 ${f(percentile(samples, 99))} ${unit} (n=${samples.length})`;
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
  const check = await browser.worker.evaluate(async ({ draft, n }) => {
    const tone = globalThis.socialcare.tone;
    const message = { draft, platform: 'x', place: 'post_reply' };
    const focused = { item: { author_name: 'Ana', text: 'My order is late and nobody answers, this is awful.' } };
    const load = performance.now();
    await tone.load();
    const loaded = performance.now() - load;
    const t0 = performance.now();
    const first = await tone.verdict(message, focused);
    const compileAndCheck = performance.now() - t0;
    const samples = [];
    const all = performance.now();
    const context = { customer: { name: 'Ana', message: focused.item.text }, agent: { initials: 'KL' } };
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      tone.check.check(draft, 'x', true, context);
      samples.push(performance.now() - start);
    }
    const mean = (performance.now() - all) / n;
    return { loaded, compileAndCheck, samples, mean, findings: first.findings.length, tone: first.tone, revision: tone.check.compiled_revision() };
  }, { draft, n: CHECKS });
  console.log(`tone check in the worker (wasm), ${[...draft].length}-char draft, 57-rule guideline rev ${check.revision}: ${check.findings} findings (${check.tone})`);
  console.log(`  loading the tone module (socialcare_tone_bg.wasm): ${check.loaded.toFixed(1)} ms`);
  console.log(`  first check (compiles the guideline): ${check.compileAndCheck.toFixed(1)} ms`);
  console.log(`  each later check (no recompile): mean ${(check.mean * 1000).toFixed(1)} µs; ${summary(check.samples, 'µs')} (the worker's clock ticks in 100 µs)`);

  // Keystroke → indicator updated, on the real Draft.js composer holding the draft.
  const { page } = await open(browser.context, EDITOR_FIXTURES.draftjs.url);
  await enter(browser, page, EDITOR.draftjs);
  await browser.worker.evaluate((text) => globalThis.socialcare.insertInTab({ item: 'x:1', template_id: 'bench', text }), draft.slice(0, -1));
  await page.waitForSelector('socialcare-tone[data-socialcare-checked]');
  await page.evaluate(() => {
    window.__bench = { down: 0, samples: [] };
    addEventListener('keydown', (event) => { window.__bench.down = event.timeStamp; }, true);
    new MutationObserver(() => {
      if (window.__bench.down) window.__bench.samples.push(performance.now() - window.__bench.down);
      window.__bench.down = 0;
    }).observe(document.querySelector('socialcare-tone'), { attributes: true, attributeFilter: ['data-socialcare-checked'] });
  });
  for (let i = 0; i < KEYSTROKES; i++) {
    const before = await page.evaluate(() => window.__bench.samples.length);
    await page.keyboard.press(i % 2 ? 'Backspace' : 'K');
    await page.waitForFunction((n) => window.__bench.samples.length > n, before);
  }
  const keystrokes = await page.evaluate(() => window.__bench.samples);
  console.log(`keystroke → indicator updated (Draft.js, ${[...draft].length}-char draft): ${summary(keystrokes)}`);
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
