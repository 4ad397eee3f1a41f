//! The tone module's sentiment rules in WebAssembly score with the host's
//! VADER (`globalThis.socialcareSentiment`, the core's `host-sentiment`
//! feature), which the extension gives them from the verdict module.
#![cfg(target_arch = "wasm32")]

use socialcare::model::Platform;
use socialcare::tone::{Audience, CheckRequest, Policy, ReplyContext};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

const POLICY: &str = "version = 1\n[style.sentiment]\nmin_compound = -0.3\n";

/// Defines the host's scorer, as `worker/tone.js` and `console.js` do.
fn host_scores_with(scorer: impl Fn(String) -> f64 + 'static) {
    let scorer = Closure::<dyn Fn(String) -> f64>::new(scorer);
    js_sys::Reflect::set(
        &js_sys::global(),
        &"socialcareSentiment".into(),
        &scorer.into_js_value(),
    )
    .expect("the global takes the scorer");
}

/// The sentiment rule's messages on `draft`.
fn sentiment_findings(draft: &str) -> Vec<String> {
    let policy = Policy::from_toml(POLICY).expect("the policy compiles");
    let context = ReplyContext::default();
    let request = CheckRequest {
        platform: Platform::X,
        audience: Audience::Public,
        context: &context,
    };
    policy
        .check(draft, &request)
        .into_iter()
        .map(|finding| finding.message)
        .collect()
}

#[wasm_bindgen_test]
fn the_sentiment_rule_scores_with_the_hosts_vader() {
    let hostile = "This is terrible, awful and useless. I hate it.";
    // The verdict module's scorer: the core's own VADER, so the rule reads what it reads natively.
    host_scores_with(|text| socialcare::sentiment::polarity_scores(&text).compound);
    let native = socialcare::sentiment::polarity_scores(hostile).compound;
    assert_eq!(
        sentiment_findings(hostile),
        [format!(
            "The reply reads negative ({native:.2}, floor -0.30): lead with what we will do."
        )]
    );
    assert!(sentiment_findings("Thanks so much, happy to help!").is_empty());
    // The score is the host's: a host that reads everything as glowing finds nothing.
    host_scores_with(|_| 0.9);
    assert!(sentiment_findings(hostile).is_empty());
}
