//! The lead console's calls into the tone and template engines: the console's
//! own module leaves the engines out (`regex`, TOML, the Unicode and TLD
//! tables) and `console.js` loads this module after the
//! console's first render (`extension/console/src/tone_engine.rs` calls it).
//!
//! Every call takes and gives text: a guideline's TOML source, records and
//! contexts as JSON, answers as JSON (the core's own types, which the console
//! reads back with serde). The last guideline compiled is kept, so checking
//! many drafts or variants against the same source compiles it once.

use socialcare::model::{self, Platform};
use socialcare::templates::approval::sample_contexts;
use socialcare::templates::{self, render_in, Template};
use socialcare::tone::{Audience, CheckRequest, Policy, ReplyContext};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// A guideline source and what compiling it gave: the policy, or its first
/// problem.
type Compilation = (String, Result<Rc<Policy>, String>);

thread_local! {
    /// The last guideline source compiled, and what came of it.
    static LAST_COMPILED: RefCell<Option<Compilation>> = const { RefCell::new(None) };
}

/// Guideline `source` compiled (or its first problem, `line 3, column 7:
/// …` as the CLI writes it), reusing the last compilation of the same text.
fn compiled(source: &str) -> Result<Rc<Policy>, String> {
    LAST_COMPILED.with_borrow_mut(|last| match last {
        Some((kept, policy)) if kept == source => policy.clone(),
        _ => {
            let policy = Policy::from_toml(source)
                .map(Rc::new)
                .map_err(|error| error.to_string());
            *last = Some((source.to_owned(), policy.clone()));
            policy
        }
    })
}

/// A template record (a `model::Template` as JSON) read by the template
/// engine, or why it cannot be.
fn template(record: &str) -> Result<Template, String> {
    let record: model::Template =
        serde_json::from_str(record).map_err(|error| format!("the template record: {error}"))?;
    Template::from_record(record).map_err(|error| error.to_string())
}

/// Why guideline `source` does not compile (its first problem, at line and
/// column), or nothing when it does.
#[wasm_bindgen]
pub fn guideline_problem(source: &str) -> Option<String> {
    compiled(source).err()
}

/// Checks `draft`, a public reply on `platform`, against guideline `source`
/// in the conversation `context` (a `ReplyContext` as JSON): the findings
/// (`Finding`s) as JSON. Throws when the guideline does not compile.
#[wasm_bindgen]
pub fn check_draft(
    source: &str,
    draft: &str,
    platform: &str,
    context: &str,
) -> Result<String, JsError> {
    let policy = compiled(source).map_err(|error| JsError::new(&error))?;
    let platform: Platform = platform.parse()?;
    let context: ReplyContext = serde_json::from_str(context)?;
    let request = CheckRequest {
        platform,
        audience: Audience::Public,
        context: &context,
    };
    Ok(serde_json::to_string(&policy.check(draft, &request))?)
}

/// Why the template engine cannot read `record` (a `model::Template` as
/// JSON: a placeholder that does not parse, a prompt without its choices,
/// no body for every platform), or nothing when it can.
#[wasm_bindgen]
pub fn template_problem(record: &str) -> Option<String> {
    template(record).err()
}

/// Renders `record` (a `model::Template` as JSON) for `platform` in
/// `language` with the approval rule's first sample conversation, measured
/// as the platform counts it and checked against guideline `source` (length
/// only without one): a `Rendered` as JSON. Throws why it cannot be rendered.
#[wasm_bindgen]
pub fn render_template(
    record: &str,
    platform: &str,
    language: &str,
    source: Option<String>,
) -> Result<String, JsError> {
    let template = template(record).map_err(|error| JsError::new(&error))?;
    let platform: Platform = platform.parse()?;
    let policy = source
        .map(|source| compiled(&source))
        .transpose()
        .map_err(|error| JsError::new(&format!("the guideline: {error}")))?;
    let contexts = sample_contexts(&template);
    let rendered = render_in(
        &template,
        platform,
        language,
        &contexts[0],
        policy.as_deref(),
    )?;
    Ok(serde_json::to_string(&rendered)?)
}

/// The ways `record`'s renderings break a `block` rule of guideline `source`
/// (the store refuses to approve it while there is one): `ApprovalProblem`s
/// as JSON. Throws when the record or the guideline cannot be read.
#[wasm_bindgen]
pub fn approval_problems(record: &str, source: &str) -> Result<String, JsError> {
    let template = template(record).map_err(|error| JsError::new(&error))?;
    let policy = compiled(source).map_err(|error| JsError::new(&error))?;
    Ok(serde_json::to_string(&templates::approval_problems(
        &template, &policy,
    ))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLOCK_CALM_DOWN: &str =
        "version = 1\n[[terms.banned]]\nphrase = \"calm down\"\nseverity = \"block\"\n";

    fn record(body: &str) -> String {
        serde_json::json!({
            "id": "calm", "name": "Calm", "state": "draft",
            "variants": [{"platform": null, "language": "en", "body": body}],
            "tags": [], "intents": [], "prompts": [],
            "revision": 1, "updated_by": "a", "updated_at": 0, "conflict_of": null
        })
        .to_string()
    }

    #[test]
    fn a_guideline_compiles_once_per_source_and_says_where_it_is_wrong() {
        assert_eq!(guideline_problem(BLOCK_CALM_DOWN), None);
        assert!(Rc::ptr_eq(
            &compiled(BLOCK_CALM_DOWN).unwrap(),
            &compiled(BLOCK_CALM_DOWN).unwrap()
        ));
        let problem = guideline_problem("version = [").unwrap();
        assert!(problem.contains("line 1"), "{problem}");
    }

    #[test]
    fn a_template_is_read_rendered_and_its_approval_problems_listed() {
        assert_eq!(
            template_problem(&record("Hi {{customer.first_name}}")),
            None
        );
        assert!(template_problem(&record("Hi {{nobody.knows")).is_some());
        assert!(template_problem("{").unwrap().contains("template record"));
        let problems = approval_problems(&record("Please calm down."), BLOCK_CALM_DOWN)
            .map_err(|_| "approval")
            .unwrap();
        let problems: Vec<templates::ApprovalProblem> = serde_json::from_str(&problems).unwrap();
        assert!(!problems.is_empty());
        assert!(problems
            .iter()
            .all(|problem| problem.rendered == "Please calm down."));
    }
}
