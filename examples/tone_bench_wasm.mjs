// Times the tone engine compiled to WebAssembly in V8 (the engine of Chromium):
//   node examples/tone_bench_wasm.mjs path/to/tone_bench_wasm.wasm
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const path = process.argv[2];
const { instance } = await WebAssembly.instantiate(readFileSync(path), {});
const { setup, draft_chars, check_many, compile_many } = instance.exports;

const rules = setup();
if (rules === 0) {
  console.error('tone (wasm): the benchmark policy does not compile');
  process.exit(2);
}
const findings = check_many(200); // warm-up
const iterations = 20000;
let start = performance.now();
check_many(iterations);
const checkMicros = ((performance.now() - start) * 1000) / iterations;
start = performance.now();
compile_many(100);
const compileMicros = ((performance.now() - start) * 1000) / 100;
const bytes = readFileSync(path).length;
console.log(
  `tone (wasm, V8 ${process.versions.v8}): ${draft_chars()} chars, ${rules} rules, ${findings} findings: ` +
    `check ${checkMicros.toFixed(1)} µs, policy compile ${compileMicros.toFixed(0)} µs, module ${(bytes / 1024).toFixed(0)} KiB`
);
