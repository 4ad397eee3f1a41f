//! Benchmark of the tone engine, natively: checks a 280-character draft
//! against a 50-rule policy many times and prints the time per check (the
//! wasm figure comes from `tone_bench_wasm`, run by `make bench-tone`), and
//! X's weighted length of that draft and of a 7,600-byte text.

use socialcare::model::Platform;
use socialcare::tone::{x_weighted_length, Audience, CheckRequest, Policy, ReplyContext};
use std::time::Instant;

const POLICY: &str = include_str!("../tests/tone/bench_policy.toml");
const DRAFT: &str = include_str!("../tests/tone/bench_draft.txt");
const ITERATIONS: u32 = 20_000;

fn main() {
    let policy = match Policy::from_toml(POLICY) {
        Ok(policy) => policy,
        Err(error) => {
            eprintln!("the benchmark policy does not compile: {error}");
            std::process::exit(2);
        }
    };
    let context: ReplyContext = serde_json::from_str(
        r#"{"customer":{"name":"Ana","message":"My order is late and nobody answers, this is awful."},"agent":{"initials":"KL"}}"#,
    )
    .unwrap_or_default();
    let request = CheckRequest {
        platform: Platform::X,
        audience: Audience::Public,
        context: &context,
    };
    let compile_start = Instant::now();
    for _ in 0..100 {
        std::hint::black_box(Policy::from_toml(POLICY).is_ok());
    }
    let compile_micros = compile_start.elapsed().as_secs_f64() * 1e6 / 100.0;
    let findings = policy.check(DRAFT, &request).len();
    let start = Instant::now();
    for _ in 0..ITERATIONS {
        std::hint::black_box(policy.check(std::hint::black_box(DRAFT), &request));
    }
    let check_micros = start.elapsed().as_secs_f64() * 1e6 / f64::from(ITERATIONS);
    let start = Instant::now();
    for _ in 0..ITERATIONS {
        std::hint::black_box(x_weighted_length(std::hint::black_box(DRAFT)));
    }
    let length_micros = start.elapsed().as_secs_f64() * 1e6 / f64::from(ITERATIONS);
    // A long post: the draft's prose (dots, a URL, an email, an emoji) repeated to about 7,800 bytes.
    let long = DRAFT.repeat(7_800 / DRAFT.len());
    let start = Instant::now();
    for _ in 0..ITERATIONS / 20 {
        std::hint::black_box(x_weighted_length(std::hint::black_box(&long)));
    }
    let long_micros = start.elapsed().as_secs_f64() * 1e6 / f64::from(ITERATIONS / 20);
    println!(
        "tone (native): {} chars, {} rules, {findings} findings: check {check_micros:.1} µs, X weighted length {length_micros:.1} µs, policy compile {compile_micros:.0} µs",
        DRAFT.chars().count(),
        policy.rule_count()
    );
    println!(
        "tone (native): X weighted length of a {}-byte text (the draft repeated) {long_micros:.1} µs",
        long.len()
    );
}
