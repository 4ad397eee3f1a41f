//! The live tone check of the agent's draft, as the agent types.
//!
//! [`ToneCheck`] keeps the team's current guideline ([`Replica::current_guideline`])
//! compiled: the policy is compiled once per guideline revision and reused
//! for every keystroke, and a new revision published by a lead (picked up by
//! the replica's pull) is compiled on the next check. A guideline that does not
//! compile gives no findings and never blocks (the error is reported once per
//! revision in the answer's `error`).

use crate::replica::Replica;
use serde::Serialize;
use socialcare::model::Platform;
use socialcare::tone::{Audience, CheckRequest, Finding, Policy, ReplyContext, Severity};
use wasm_bindgen::prelude::*;

/// A guideline compiled once, by id and revision.
struct Compiled {
    id: String,
    revision: u32,
    policy: Result<Policy, String>,
}

/// The check of one draft, as the content script's indicator shows it.
#[derive(Debug, Serialize)]
pub struct ToneVerdict {
    /// `ok`, `info`, `warn` or `block`: the worst finding's severity.
    pub tone: &'static str,
    /// The findings, in the draft's order.
    pub findings: Vec<Finding>,
    /// The guideline checked against (`id`, `revision`), if the team has one.
    pub guideline: Option<GuidelineRef>,
    /// Why the guideline could not be used (it then blocks nothing).
    pub error: Option<String>,
}

/// Which guideline a verdict comes from.
#[derive(Debug, Serialize)]
pub struct GuidelineRef {
    /// The guideline's id.
    pub id: String,
    /// Its revision.
    pub revision: u32,
}

/// The worst severity of findings, as the indicator's word.
pub fn tone_word(findings: &[Finding]) -> &'static str {
    match findings.iter().map(|finding| finding.severity).max() {
        None => "ok",
        Some(Severity::Info) => "info",
        Some(Severity::Warn) => "warn",
        Some(Severity::Block) => "block",
    }
}

/// The live tone check: the current guideline, compiled once per revision.
#[wasm_bindgen]
#[derive(Default)]
pub struct ToneCheck {
    compiled: Option<Compiled>,
}

#[wasm_bindgen]
impl ToneCheck {
    /// A check with nothing compiled yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> ToneCheck {
        ToneCheck::default()
    }

    /// Checks `draft` (a reply on `platform`, public or private) against the
    /// team's current guideline in `replica`, with the conversation `context`
    /// (`{customer, agent, ticket, prompts}`, every part optional): a
    /// [`ToneVerdict`].
    pub fn check(
        &mut self,
        replica: &Replica,
        draft: &str,
        platform: &str,
        public: bool,
        context: JsValue,
    ) -> Result<JsValue, JsError> {
        let platform: Platform = platform.parse()?;
        let context: ReplyContext = if context.is_null() || context.is_undefined() {
            ReplyContext::default()
        } else {
            serde_wasm_bindgen::from_value(context)?
        };
        let verdict = self.verdict(replica, draft, platform, public, &context);
        Ok(verdict.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
    }

    /// The revision compiled now (0 when none), for tests and the benchmark.
    pub fn compiled_revision(&self) -> u32 {
        self.compiled
            .as_ref()
            .map_or(0, |compiled| compiled.revision)
    }
}

impl ToneCheck {
    /// The verdict for a draft (the pure part of [`ToneCheck::check`]).
    pub fn verdict(
        &mut self,
        replica: &Replica,
        draft: &str,
        platform: Platform,
        public: bool,
        context: &ReplyContext,
    ) -> ToneVerdict {
        let Some(guideline) = replica.current_guideline() else {
            self.compiled = None;
            return ToneVerdict {
                tone: "ok",
                findings: vec![],
                guideline: None,
                error: None,
            };
        };
        let fresh = self
            .compiled
            .as_ref()
            .is_some_and(|c| c.id == guideline.id && c.revision == guideline.revision);
        if !fresh {
            self.compiled = Some(Compiled {
                policy: Policy::from_toml(&guideline.source).map_err(|error| error.to_string()),
                id: guideline.id.clone(),
                revision: guideline.revision,
            });
        }
        let compiled = self.compiled.as_ref().expect("compiled above");
        let reference = Some(GuidelineRef {
            id: compiled.id.clone(),
            revision: compiled.revision,
        });
        match &compiled.policy {
            Ok(policy) => {
                let audience = if public {
                    Audience::Public
                } else {
                    Audience::Private
                };
                let request = CheckRequest {
                    platform,
                    audience,
                    context,
                };
                let findings = policy.check(draft, &request);
                ToneVerdict {
                    tone: tone_word(&findings),
                    findings,
                    guideline: reference,
                    error: None,
                }
            }
            Err(error) => ToneVerdict {
                tone: "ok",
                findings: vec![],
                guideline: reference,
                error: Some(format!("guideline {:?}: {error}", compiled.id)),
            },
        }
    }
}
