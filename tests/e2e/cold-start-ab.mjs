// Alternated cold starts of two or more built extensions (a benchmark
// command, not a test): `node tests/e2e/cold-start-ab.mjs BEFORE AFTER...`,
// each argument a built extension directory (a copy of `extension/dist`
// taken before a change, then the new one). Each round launches every build
// in its own browser in turn and runs `coldStarts()` in it, so the builds
// share the machine's load; prints each build's median worker start →
// first verdict answered, its marks, and its ratio to the first build.
// ROUNDS (default 3) rounds; BENCH_COLD_STARTS starts per browser. With
// SIGNED_IN_TICKETS=N, a store is spawned with N tickets on the bench page's
// posts and every browser is signed in (its replica synced) before its cold
// starts, as in `bench-tickets.mjs`.
import { execSync } from 'node:child_process';
import { launch } from './harness.mjs';
import { coldStarts } from './cold-start.mjs';
import { benchStore, signIn } from './signed-in.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const TICKETS = Number(process.env.SIGNED_IN_TICKETS ?? 0);
const builds = process.argv.slice(2);
if (builds.length < 2) throw new Error('usage: node tests/e2e/cold-start-ab.mjs BEFORE_DIST AFTER_DIST...');

/** The median of numbers. */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The spawned store when signed in, else null. */
const signedIn = TICKETS ? await benchStore({ tickets: TICKETS, posts: 1000 }) : null;
const runs = new Map(builds.map((build) => [build, { answered: [], marks: {} }]));
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const build of builds) {
      const browser = await launch({ extension: build });
      try {
        // `launch` names the extension only for extension/dist: the manifest's
        // `key` pins the same ID for every build.
        const worker = browser.context.serviceWorkers()[0] ?? await browser.context.waitForEvent('serviceworker');
        const running = { ...browser, worker, extensionId: new URL(worker.url()).host };
        if (signedIn) await signIn(running, signedIn.url, signedIn.agent);
        const cold = await coldStarts(running);
        const run = runs.get(build);
        run.answered.push(...cold.fromWorkerStart);
        for (const [name, values] of Object.entries(cold.marks)) (run.marks[name] ??= []).push(...values);
      } finally {
        await browser.close();
      }
    }
  }
} finally {
  await signedIn?.close();
}
console.log(`${ROUNDS} rounds alternated${TICKETS ? `, signed in with ${TICKETS} tickets in the replica` : ', signed out'}; ${execSync('uptime').toString().trim()}`);
const before = median(runs.get(builds[0]).answered);
for (const [build, { answered, marks }] of runs) {
  const at = Object.entries(marks).map(([name, values]) => `${name} ${median(values).toFixed(1)}`).join(', ');
  console.log(`  ${build}: worker start → first verdict median ${median(answered).toFixed(1)} ms (${answered.length} starts, min ${Math.min(...answered).toFixed(1)}), ${(median(answered) / before).toFixed(2)}× the first; marks (medians, ms): ${at}`);
}
