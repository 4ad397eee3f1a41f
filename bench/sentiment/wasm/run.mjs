// Times the analyser's wasm in headless Chromium and prints per-tweet figures
// and the wasm bytes it adds. Expects the three builds made by
// `make bench-sentiment-wasm` in target/bench-sentiment-wasm/{baseline,sentiment,care}/.
//
//   node bench/sentiment/wasm/run.mjs
import { createServer } from 'node:http';
import { readFileSync, statSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const pkg = join(root, 'target/bench-sentiment-wasm');
const tweets = readFileSync(join(root, 'tests/parity/tweets_GroundTruth.txt'), 'utf8')
  .split('\n').map((l) => l.replace(/\r$/, '')).filter(Boolean).map((l) => l.split('\t').slice(2).join('\t'));

const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html' });
    return res.end('<!doctype html><title>bench</title>');
  }
  if (url.pathname === '/tweets.json') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify(tweets));
  }
  const file = join(pkg, url.pathname.replace(/^\/pkg\//, ''));
  if (!file.startsWith(pkg) || !existsSync(file)) { res.writeHead(404); return res.end(); }
  res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
// V8 compiles wasm functions lazily on their first call; with eager
// compilation the first call shows what the analyser itself costs up front.
const eager = await chromium.launch({ executablePath, args: ['--no-sandbox', '--js-flags=--no-wasm-lazy-compilation'] });
async function measure(variant, browser) {
  const page = await browser.newPage();
  await page.goto(base + '/');
  const result = await page.evaluate(async ({ variant }) => {
    const tweets = await (await fetch('/tweets.json')).json();
    const m = await import(`/pkg/${variant}/socialcare_bench_wasm.js`);
    await m.default();
    // First call right after instantiation, against the same call warmed up.
    const firstStart = performance.now();
    m.score_one(tweets[0]);
    const firstCall = performance.now() - firstStart;
    for (let i = 0; i < 200; i++) m.score_one(tweets[i % tweets.length]);
    const warmStart = performance.now();
    m.score_one(tweets[0]);
    const warmCall = performance.now() - warmStart;
    const all = tweets.join('\n');
    m.score_lines(all);
    let best = Infinity;
    for (let round = 0; round < 7; round++) {
      const start = performance.now();
      m.score_lines(all);
      best = Math.min(best, performance.now() - start);
    }
    let bestEach = Infinity;
    for (let round = 0; round < 5; round++) {
      const start = performance.now();
      for (const t of tweets) m.score_one(t);
      bestEach = Math.min(bestEach, performance.now() - start);
    }
    return { firstCall, warmCall, batchedUs: (best * 1000) / tweets.length, perCallUs: (bestEach * 1000) / tweets.length };
  }, { variant });
  await page.close();
  return result;
}

const wasmBytes = (variant) => {
  const file = join(pkg, variant, 'socialcare_bench_wasm_bg.wasm');
  return { raw: statSync(file).size, gzip: gzipSync(readFileSync(file), { level: 9 }).length };
};
const size = { baseline: wasmBytes('baseline'), sentiment: wasmBytes('sentiment'), care: wasmBytes('care') };
const sentiment = await measure('sentiment', browser);
const care = await measure('care', browser);
const baseline = await measure('baseline', browser);
const eagerSentiment = await measure('sentiment', eager);
const eagerCare = await measure('care', eager);
await browser.close();
await eager.close();
server.close();

const version = browser.version();
const ms = (x) => `${x.toFixed(1)} ms`;
console.log(`Wasm in headless Chromium ${version}, ${tweets.length} tweets of the VADER ground truth`);
for (const [name, r, e] of [['VADER sentiment', sentiment, eagerSentiment], ['care layer (assess)', care, eagerCare]]) {
  console.log(`  ${name.padEnd(20)} ${r.batchedUs.toFixed(2)} µs/tweet in one call, ${r.perCallUs.toFixed(2)} µs/tweet with one JS call each`);
  console.log(`  ${''.padEnd(20)} first call ${ms(r.firstCall)} (V8 lazy compile; the 2-function baseline module: ${ms(baseline.firstCall)}), ` +
    `${ms(e.firstCall)} with eager wasm compilation; warm call ${ms(r.warmCall)} (timer resolution 0.1 ms)`);
}
const added = (v) => `${size[v].raw - size.baseline.raw} bytes (${size[v].gzip - size.baseline.gzip} gzip -9)`;
console.log(`  wasm bytes (wasm-bindgen, wasm-opt -Os): baseline ${size.baseline.raw}, sentiment ${size.sentiment.raw}, care ${size.care.raw}`);
console.log(`  the VADER analyser adds ${added('sentiment')}; the whole care layer adds ${added('care')}`);
console.log('  targets: ≤ 5 µs per tweet, no first-call cost');
