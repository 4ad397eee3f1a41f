//! The live tone check of the agent's draft, as the agent types: the
//! extension's third wasm module (`socialcare_tone`).
//!
//! The core's tone engine brings `regex` (the rules' patterns and
//! twitter-text's length), TOML and its tables: about as much again as the
//! rest of the worker. So the service worker's own module leaves it out, and the worker
//! loads this one only when an agent enters a composer while signed in
//! (`extension/static/worker/tone.js`); a cold start that only paints badges
//! never pays for it.
//!
//! [`ToneCheck`] keeps the team's current guideline (which the worker's
//! replica names: `Replica::current_guideline`) compiled: the policy is
//! compiled once per guideline revision and reused for every keystroke. A
//! guideline that does not compile gives no findings and never blocks; the
//! answer's `error` says why.
//!
//! A keystroke's check crosses the JavaScript boundary twice and no more:
//! the conversation's context is handed over once, when it changes
//! ([`ToneCheck::set_context`]), and the verdict comes back as one JSON
//! string (one `JSON.parse`, instead of a JavaScript object built a field at
//! a time through the boundary).

pub mod console;

use serde::Serialize;
use socialcare::model::Platform;
use socialcare::templates::offer::preview;
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
    /// The guideline checked against.
    pub guideline: GuidelineRef,
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

/// The live tone check: one guideline, compiled once per revision.
#[wasm_bindgen]
#[derive(Default)]
pub struct ToneCheck {
    compiled: Option<Compiled>,
    /// The conversation the drafts answer (customer, agent, ticket).
    context: ReplyContext,
}

#[wasm_bindgen]
impl ToneCheck {
    /// A check with nothing compiled yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> ToneCheck {
        ToneCheck::default()
    }

    /// Whether guideline `id` at `revision` is the one compiled.
    pub fn has(&self, id: &str, revision: u32) -> bool {
        self.compiled
            .as_ref()
            .is_some_and(|c| c.id == id && c.revision == revision)
    }

    /// Compiles guideline `id` at `revision` from its TOML `source`,
    /// replacing the one compiled before.
    pub fn compile(&mut self, id: &str, revision: u32, source: &str) {
        self.compiled = Some(Compiled {
            id: id.to_owned(),
            revision,
            policy: Policy::from_toml(source).map_err(|error| error.to_string()),
        });
    }

    /// The revision compiled now (0 when none), for tests and the benchmark.
    pub fn compiled_revision(&self) -> u32 {
        self.compiled
            .as_ref()
            .map_or(0, |compiled| compiled.revision)
    }

    /// Sets the conversation the next drafts answer (`{customer, agent,
    /// ticket, prompts}`, every part optional; `null` for none), kept until
    /// it is set again.
    pub fn set_context(&mut self, context: JsValue) -> Result<(), JsError> {
        self.context = if context.is_null() || context.is_undefined() {
            ReplyContext::default()
        } else {
            context_from_js(&context)?
        };
        Ok(())
    }

    /// Checks `draft` (a reply on `platform`, public or private) against the
    /// compiled guideline, with the context set last: a [`ToneVerdict`] as
    /// JSON, or `null` when nothing is compiled.
    pub fn check(
        &self,
        draft: &str,
        platform: &str,
        public: bool,
    ) -> Result<Option<String>, JsError> {
        let platform: Platform = platform.parse()?;
        let Some(verdict) = self.verdict(draft, platform, public, &self.context) else {
            return Ok(None);
        };
        Ok(Some(serde_json::to_string(&verdict)?))
    }
}

/// A template rendered for a composer: the text and its length as the
/// platform counts it.
#[derive(Debug, Serialize)]
pub struct Rendered {
    /// The reply.
    pub text: String,
    /// Its length (X: weighted characters; Facebook, Instagram: code points).
    pub length: usize,
    /// The platform's limit.
    pub limit: usize,
}

/// Renders a suggested template's `body` (with `{{…}}` placeholders) for
/// `platform` with the conversation `context` (`{customer, agent, ticket,
/// prompts}`): the `/` picker's insert, rendered by the same engine as the
/// side panel's preview. A missing prompt answer or a bad body is an error
/// saying which.
#[wasm_bindgen]
pub fn render(body: &str, platform: &str, context: JsValue) -> Result<JsValue, JsError> {
    let platform: Platform = platform.parse()?;
    let context: ReplyContext = context_from_js(&context)?;
    let done = preview(body, platform, &context)?;
    let rendered = Rendered {
        text: done.text,
        length: done.length,
        limit: done.limit,
    };
    js_sys::JSON::parse(&serde_json::to_string(&rendered)?)
        .map_err(|_| JsError::new("the rendered reply is not JSON"))
}

/// A conversation handed over as a JavaScript object (`{customer, agent,
/// ticket, prompts}`), read through its JSON text: the module then has one
/// decoder of it, the one the console's calls (JSON text) use.
fn context_from_js(value: &JsValue) -> Result<ReplyContext, JsError> {
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| JsError::new("the context is not a JSON value"))?;
    Ok(serde_json::from_str(&text)?)
}

impl ToneCheck {
    /// The verdict for a draft (the pure part of [`ToneCheck::check`]).
    pub fn verdict(
        &self,
        draft: &str,
        platform: Platform,
        public: bool,
        context: &ReplyContext,
    ) -> Option<ToneVerdict> {
        let compiled = self.compiled.as_ref()?;
        let guideline = GuidelineRef {
            id: compiled.id.clone(),
            revision: compiled.revision,
        };
        Some(match &compiled.policy {
            Ok(policy) => {
                let request = CheckRequest {
                    platform,
                    audience: Audience::of(public),
                    context,
                };
                let findings = policy.check(draft, &request);
                ToneVerdict {
                    tone: tone_word(&findings),
                    findings,
                    guideline,
                    error: None,
                }
            }
            Err(error) => ToneVerdict {
                tone: "ok",
                findings: vec![],
                guideline,
                error: Some(format!("guideline {:?}: {error}", compiled.id)),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLOCK_CALM_DOWN: &str =
        "version = 1\n[[terms.banned]]\nphrase = \"calm down\"\nseverity = \"block\"\n";

    #[test]
    fn a_revision_is_compiled_once_and_checked_many_times() {
        let mut check = ToneCheck::new();
        assert!(check
            .verdict("calm down", Platform::X, true, &ReplyContext::default())
            .is_none());
        check.compile("voice", 1, BLOCK_CALM_DOWN);
        assert!(check.has("voice", 1) && !check.has("voice", 2));
        let context = ReplyContext::default();
        let verdict = check
            .verdict("Please calm down.", Platform::X, true, &context)
            .unwrap();
        assert_eq!((verdict.tone, verdict.findings.len()), ("block", 1));
        let fine = check
            .verdict("Hi Ana", Platform::X, true, &context)
            .unwrap();
        assert_eq!(fine.tone, tone_word(&fine.findings));
        assert!(fine.findings.iter().all(|f| f.severity != Severity::Block));
    }

    #[test]
    fn a_guideline_that_does_not_compile_blocks_nothing() {
        let mut check = ToneCheck::new();
        check.compile("voice", 2, "version = \"lots\"");
        let verdict = check
            .verdict("calm down", Platform::X, true, &ReplyContext::default())
            .unwrap();
        assert_eq!(verdict.tone, "ok");
        assert!(verdict.error.unwrap().contains("voice"));
    }
}
