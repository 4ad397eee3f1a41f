//! Tone guidelines: the lead's policy file, checked live against the agent's
//! draft. Each rule kind lives in its own module under [`rules`]; a check
//! returns [`Finding`]s with exact spans and suggested fixes.
//!
//! ```
//! use socialcare::model::Platform;
//! use socialcare::tone::{Audience, CheckRequest, Policy, ReplyContext};
//!
//! let policy = Policy::from_toml(r#"
//! version = 1
//! [[terms.banned]]
//! phrase = "unfortunately"
//! replacement = "sadly"
//! "#).unwrap();
//! let context = ReplyContext::default();
//! let request = CheckRequest { platform: Platform::X, audience: Audience::Public, context: &context };
//! let findings = policy.check("Unfortunately it shipped late.", &request);
//! assert_eq!(findings[0].fix.as_ref().unwrap().replacement, "Sadly");
//! ```

pub mod context;
pub mod finding;
#[cfg(all(feature = "host-sentiment", target_arch = "wasm32"))]
pub mod host_sentiment;
mod js_pattern;
pub mod length;
pub mod nfc;
pub mod policy;
pub mod rules;
// Generated (tests/tone/gen_twitter_text_patterns.mjs): rustfmt leaves it as written.
#[rustfmt::skip]
mod twitter_text_patterns;
pub mod urls;
pub mod wording;

pub use context::{Agent, Customer, ReplyContext, Ticket};
pub use finding::{Finding, Fix, Severity, Span, Wording, WordingValue};
pub use length::{platform_length, x_weighted_length, WeightedLength, XConfig};
pub use policy::{has_block, CheckReport, CheckRequest, Policy, PolicyError};
pub use rules::Audience;
