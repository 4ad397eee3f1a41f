// Benchmark: the lead's console open → charts drawn, against a spawned
// store on SQLite seeded through its API with TICKETS tickets over the last
// 7 days (the store clamps older action times) on three platforms. Prints the time from
// navigation to the dashboard's three charts being in the page, median of
// RUNS fresh page loads, and the team report endpoint's time for the same
// period. Usage: node tests/e2e/bench-console.mjs [TICKETS]
import { launch, EXTENSION_ID } from './harness.mjs';
import { StoreDb, startStore } from './store.mjs';

const TICKETS = Number(process.argv[2] ?? 5000);
const RUNS = 5;
const DAY = 86_400_000;
const MINUTE = 60_000;
const PUSH_LIMIT = 500;

const db = await StoreDb.create();
db.createTeam('acme');
const lead = db.issueToken('acme', 'Lee Lead', 'LL', 'lead');
const agent = db.issueToken('acme', 'Kim Lee', 'KL');
const store = await startStore(db, { allowOrigins: [`chrome-extension://${EXTENSION_ID}`] });
let browser;
try {
  // Tickets can be backdated by at most 7 days (the store clamps older action times).
  const now = Date.now();
  const actions = [];
  for (let i = 0; i < TICKETS; i += 1) {
    const platform = ['x', 'facebook', 'instagram'][i % 3];
    const item = `${platform}:${2_000_000_000_000_000_000n + BigInt(i)}`;
    const posted = now - 7 * DAY + (i * (7 * DAY - 2 * DAY)) / TICKETS;
    actions.push({ name: 'ticket.create', at: posted + MINUTE, args: { item, conversation: item, posted_at: Math.round(posted) } });
    if (i % 4 !== 3) actions.push({ name: 'ticket.responded', at: posted + ((i % 7) + 1) * 20 * MINUTE, args: { item } });
  }
  actions.sort((a, b) => a.at - b.at);
  for (let start = 0; start < actions.length; start += PUSH_LIMIT) {
    const mutations = actions.slice(start, start + PUSH_LIMIT).map((action, index) =>
      `{"id":${start + index + 1},"name":"${action.name}","args":${JSON.stringify(action.args)},"hlc":${BigInt(Math.round(action.at)) << 16n}}`);
    const response = await fetch(`${store.url}/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent}`, 'content-type': 'application/json' },
      body: `{"client_id":"bench","mutations":[${mutations.join(',')}]}`,
    });
    if (!response.ok) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
  }

  browser = await launch();
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await options.getByLabel('Store URL').fill(store.url);
  await options.getByLabel('Token').fill(lead);
  await options.getByRole('button', { name: 'Connect' }).click();
  await options.getByText('Connected as Lee Lead').first().waitFor();

  const times = [];
  for (let run = 0; run < RUNS; run += 1) {
    const page = await browser.context.newPage();
    const start = performance.now();
    await page.goto(`chrome-extension://${EXTENSION_ID}/console.html`);
    await page.waitForFunction(() => document.querySelectorAll('figure.chart svg').length === 3, null, { timeout: 30000 });
    times.push(performance.now() - start);
    await page.close();
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const today = new Date(now).toISOString().slice(0, 10);
  const from = new Date(now - 29 * DAY).toISOString().slice(0, 10);
  const endpoint = [];
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    const response = await fetch(`${store.url}/v1/reports/team?from=${from}&to=${today}&tz=UTC`, { headers: { authorization: `Bearer ${lead}` } });
    await response.json();
    endpoint.push(performance.now() - start);
  }
  console.log(`console open → charts drawn, ${TICKETS} tickets: median ${median(times).toFixed(0)} ms of ${RUNS} (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}) (target ≤ 2000 ms)`);
  console.log(`GET /v1/reports/team (debug store build) for the same 30 days: median ${median(endpoint).toFixed(0)} ms of ${RUNS}`);
} finally {
  await browser?.close();
  await store.stop();
  await db.remove();
}
