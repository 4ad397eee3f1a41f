//! Benchmark of the tone engine in WebAssembly: a module exporting `setup`
//! and `check_many`, timed from JavaScript by `examples/tone_bench_wasm.mjs`
//! (`make bench-tone` builds and runs both). A crate of its own, outside the
//! workspace, so the core's test-only dependencies stay out of the wasm build.

use socialcare::model::Platform;
use socialcare::tone::{Audience, CheckRequest, Policy, ReplyContext};
use std::sync::OnceLock;

const POLICY: &str = include_str!("../../../tests/tone/bench_policy.toml");
const DRAFT: &str = include_str!("../../../tests/tone/bench_draft.txt");

struct Bench {
    policy: Policy,
    context: ReplyContext,
}

static BENCH: OnceLock<Option<Bench>> = OnceLock::new();

fn bench() -> Option<&'static Bench> {
    BENCH
        .get_or_init(|| {
            let policy = Policy::from_toml(POLICY).ok()?;
            let context = serde_json::from_str(
                r#"{"customer":{"name":"Ana","message":"My order is late and nobody answers, this is awful."},"agent":{"initials":"KL"}}"#,
            )
            .ok()?;
            Some(Bench { policy, context })
        })
        .as_ref()
}

/// Compiles the policy; returns its rule count (0 if it does not compile).
#[no_mangle]
pub extern "C" fn setup() -> u32 {
    bench().map_or(0, |bench| bench.policy.rule_count() as u32)
}

/// The draft's length in chars.
#[no_mangle]
pub extern "C" fn draft_chars() -> u32 {
    DRAFT.chars().count() as u32
}

/// Checks the draft `iterations` times; returns the findings of the last check.
#[no_mangle]
pub extern "C" fn check_many(iterations: u32) -> u32 {
    let Some(bench) = bench() else {
        return 0;
    };
    let request = CheckRequest {
        platform: Platform::X,
        audience: Audience::Public,
        context: &bench.context,
    };
    let mut findings = 0;
    for _ in 0..iterations {
        findings = bench
            .policy
            .check(std::hint::black_box(DRAFT), &request)
            .len() as u32;
    }
    findings
}

/// Compiles the policy `iterations` times; returns how many compiled.
#[no_mangle]
pub extern "C" fn compile_many(iterations: u32) -> u32 {
    (0..iterations)
        .filter(|_| Policy::from_toml(std::hint::black_box(POLICY)).is_ok())
        .count() as u32
}
