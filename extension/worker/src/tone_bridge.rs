//! The tone policy and the reply templates, for the extension's JavaScript.
//!
//! Three exports wrap the core's [`socialcare::tone`] and
//! [`socialcare::templates`]: [`check_draft`], [`render_template`] and
//! [`suggest_templates`]. They answer the same JSON as `socialcare check`,
//! `render` and `suggest` (the library's [`CheckReport`], [`Rendered`] and
//! [`PostSuggestions`]), as plain JS objects. A bad policy, templates file,
//! platform or context is thrown as an `Error` whose message says what is
//! wrong (and, for the files, at which line and column).

use serde::Serialize;
use socialcare::model::Platform;
use socialcare::templates::{PostSuggestions, Rendered, TemplateLibrary};
use socialcare::tone::{Audience, CheckReport, CheckRequest, Policy, ReplyContext};
use wasm_bindgen::prelude::*;

/// Compiles a policy file, naming it in errors.
fn parse_policy(policy_toml: &str) -> Result<Policy, JsError> {
    Policy::from_toml(policy_toml).map_err(|error| JsError::new(&format!("tone policy: {error}")))
}

/// Reads a templates file, naming it in errors.
fn parse_templates(templates_toml: &str) -> Result<TemplateLibrary, JsError> {
    TemplateLibrary::from_toml(templates_toml)
        .map_err(|error| JsError::new(&format!("templates: {error}")))
}

/// The conversation from JS (`{customer, agent, ticket, prompts}`, every part
/// optional); `null` or `undefined` is an empty context.
fn parse_context(context: JsValue) -> Result<ReplyContext, JsError> {
    if context.is_null() || context.is_undefined() {
        return Ok(ReplyContext::default());
    }
    serde_wasm_bindgen::from_value(context).map_err(|error| {
        JsError::new(&format!(
            "not a valid context (customer, agent, ticket, prompts): {error}"
        ))
    })
}

/// A value as a plain JS object, exactly as it serialises to JSON.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}

/// Checks an agent's draft against a tone policy (TOML): a
/// `{platform, audience, blocked, findings}` object ([`CheckReport`]).
/// `public` is false for a private message (the public-reply guard is off).
#[wasm_bindgen]
pub fn check_draft(
    policy_toml: &str,
    platform: &str,
    public: bool,
    draft: &str,
    context: JsValue,
) -> Result<JsValue, JsError> {
    let policy = parse_policy(policy_toml)?;
    let platform: Platform = platform.parse()?;
    let context = parse_context(context)?;
    let request = CheckRequest {
        platform,
        audience: Audience::of(public),
        context: &context,
    };
    let report: CheckReport = policy.report(draft, &request);
    to_js(&report)
}

/// Renders the approved template `id` for `platform` and a conversation,
/// re-checked against `policy_toml` when given: a
/// `{template_id, platform, text, length, limit, fits, findings}` object
/// ([`Rendered`]). Drafts and retired templates are refused.
#[wasm_bindgen]
pub fn render_template(
    templates_toml: &str,
    id: &str,
    platform: &str,
    context: JsValue,
    policy_toml: Option<String>,
) -> Result<JsValue, JsError> {
    let library = parse_templates(templates_toml)?;
    let platform: Platform = platform.parse()?;
    let context = parse_context(context)?;
    let policy = policy_toml.as_deref().map(parse_policy).transpose()?;
    let rendered: Rendered = library.render(id, platform, &context, policy.as_ref(), false)?;
    to_js(&rendered)
}

/// The `k` approved templates that best answer a customer's post: an
/// `{intent, language, suggestions}` object ([`PostSuggestions`]).
#[wasm_bindgen]
pub fn suggest_templates(templates_toml: &str, post: &str, k: u32) -> Result<JsValue, JsError> {
    let library = parse_templates(templates_toml)?;
    let k = usize::try_from(k).unwrap_or(usize::MAX);
    let suggestions: PostSuggestions = library.suggest_for_post(post, k);
    to_js(&suggestions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const POLICY: &str = include_str!("../../../docs/examples/policy.toml");
    const TEMPLATES: &str = include_str!("../../../docs/examples/templates.toml");

    /// What JavaScript sees: the value through `JSON.stringify`.
    fn as_json(value: JsValue) -> serde_json::Value {
        let text: String = js_sys::JSON::stringify(&value).unwrap().into();
        serde_json::from_str(&text).unwrap()
    }

    /// Asserts that JavaScript sees exactly the JSON the command prints for
    /// `printed` (same keys, order and values; JS has one kind of number).
    fn assert_printed_as(value: &JsValue, printed: &impl Serialize) {
        let printed = js_sys::JSON::parse(&serde_json::to_string(printed).unwrap()).unwrap();
        assert_eq!(
            String::from(js_sys::JSON::stringify(value).unwrap()),
            String::from(js_sys::JSON::stringify(&printed).unwrap())
        );
    }

    /// A context built the way `background.js` would, with `JSON.parse`.
    fn context(json: &str) -> JsValue {
        js_sys::JSON::parse(json).unwrap()
    }

    /// The message of the `Error` a call threw.
    fn message(result: Result<JsValue, JsError>) -> String {
        let Err(error) = result else {
            panic!("expected an error");
        };
        let error: js_sys::Error = JsValue::from(error).dyn_into().unwrap();
        error.message().into()
    }

    #[test]
    fn check_reports_a_banned_term_with_utf16_span_after_an_emoji() {
        let draft = "Hi Ana 😊 please calm down, it shipped. *KL";
        let conversation = r#"{"customer":{"name":"Ana López"},"agent":{"initials":"KL"}}"#;
        let value = check_draft(POLICY, "x", true, draft, context(conversation)).unwrap();
        let report = as_json(value.clone());
        assert_eq!(report["platform"], "x");
        assert_eq!(report["audience"], "public");
        assert_eq!(report["blocked"], true);
        let finding = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule_id"] == "terms.banned.calm-down")
            .expect("the banned term is found");
        assert_eq!(finding["severity"], "block");
        // The emoji is one char but two UTF-16 code units.
        let span = &finding["span"];
        assert_eq!(
            (&span["char_start"], &span["char_end"]),
            (&16.into(), &25.into())
        );
        assert_eq!(
            (&span["utf16_start"], &span["utf16_end"]),
            (&17.into(), &26.into())
        );
        // The UTF-16 span selects the term in the browser's own string.
        let js_draft = js_sys::JsString::from(draft);
        let start = span["utf16_start"].as_u64().unwrap() as u32;
        let end = span["utf16_end"].as_u64().unwrap() as u32;
        assert_eq!(String::from(js_draft.substring(start, end)), "calm down");

        // The same JSON as `socialcare check` prints (the library's report).
        let policy = Policy::from_toml(POLICY).unwrap();
        let reply: ReplyContext = serde_json::from_str(conversation).unwrap();
        let request = CheckRequest {
            platform: Platform::X,
            audience: Audience::Public,
            context: &reply,
        };
        assert_printed_as(&value, &policy.report(draft, &request));
    }

    #[test]
    fn a_private_message_may_carry_an_order_number() {
        let draft = "Hi Ana, your order AC-1234567 is on its way. *KL";
        let conversation =
            context(r#"{"customer":{"first_name":"Ana"},"agent":{"initials":"KL"}}"#);
        let public =
            as_json(check_draft(POLICY, "facebook", true, draft, conversation.clone()).unwrap());
        let private = as_json(check_draft(POLICY, "facebook", false, draft, conversation).unwrap());
        assert_eq!(public["blocked"], true);
        assert_eq!(
            (&private["audience"], &private["blocked"]),
            (&"private".into(), &false.into())
        );
    }

    #[test]
    fn a_bad_policy_is_thrown_with_its_line_and_column() {
        let bad = POLICY.replacen("max_ratio = 0.3", "max_ratio = \"lots\"", 1);
        let line = bad
            .lines()
            .position(|line| line.starts_with("max_ratio = \"lots\""))
            .unwrap()
            + 1;
        let thrown = message(check_draft(&bad, "x", true, "Hi", JsValue::UNDEFINED));
        assert!(thrown.starts_with("tone policy: "), "{thrown}");
        assert!(
            thrown.contains(&format!("line {line}, column 13: ")),
            "{thrown}"
        );
        assert!(thrown.contains("expected f64"), "{thrown}");
        let thrown = message(check_draft(POLICY, "myspace", true, "Hi", JsValue::NULL));
        assert!(thrown.contains("unknown platform \"myspace\""), "{thrown}");
    }

    #[test]
    fn renders_an_approved_example_template() {
        let conversation = context(
            r#"{"customer":{"name":"Ana López"},"agent":{"initials":"KL"},"prompts":{"new_date":"2026-12-03"}}"#,
        );
        let value = render_template(
            TEMPLATES,
            "shipping-delay",
            "x",
            conversation.clone(),
            Some(POLICY.to_owned()),
        )
        .unwrap();
        let rendered = as_json(value.clone());
        assert_eq!(rendered["template_id"], "shipping-delay");
        assert_eq!(rendered["platform"], "x");
        assert_eq!(
            rendered["text"],
            "Hi Ana, sorry your order is late! It's now due 2026-12-03. *KL"
        );
        assert_eq!(
            (&rendered["limit"], &rendered["fits"]),
            (&280.into(), &true.into())
        );
        assert_eq!(rendered["findings"], serde_json::json!([]));
        // The same JSON as `socialcare render` prints.
        let library = TemplateLibrary::from_toml(TEMPLATES).unwrap();
        let policy = Policy::from_toml(POLICY).unwrap();
        let reply: ReplyContext = serde_wasm_bindgen::from_value(conversation).unwrap();
        let printed = library
            .render("shipping-delay", Platform::X, &reply, Some(&policy), false)
            .unwrap();
        assert_printed_as(&value, &printed);
        // Facebook gets the template's main body.
        let conversation = context(
            r#"{"customer":{"name":"Ana"},"agent":{"name":"Kim Lee"},"prompts":{"new_date":"2026-12-03"}}"#,
        );
        let facebook = as_json(
            render_template(TEMPLATES, "shipping-delay", "facebook", conversation, None).unwrap(),
        );
        assert_eq!(facebook["text"], "Hi Ana, I'm sorry your order is late. It is now due on 2026-12-03 and I'll keep an eye on it for you. *KL");
    }

    #[test]
    fn rendering_without_a_required_prompt_is_refused() {
        let conversation = context(r#"{"customer":{"name":"Ana"},"agent":{"initials":"KL"}}"#);
        let thrown = message(render_template(
            TEMPLATES,
            "shipping-delay",
            "x",
            conversation,
            None,
        ));
        assert_eq!(
            thrown,
            "prompt \"new_date\" (New delivery date) is required: answer it in the context's \"prompts\""
        );
        let thrown = message(render_template(
            TEMPLATES,
            "thanks-praise",
            "x",
            JsValue::NULL,
            None,
        ));
        assert!(thrown.contains("is draft, not approved"), "{thrown}");
    }

    #[test]
    fn suggests_the_obvious_template_first() {
        let post = "My order is late again, where is my package?";
        let value = suggest_templates(TEMPLATES, post, 3).unwrap();
        let report = as_json(value.clone());
        assert_eq!(report["suggestions"][0]["id"], "shipping-delay");
        assert!(report["suggestions"].as_array().unwrap().len() <= 3);
        let library = TemplateLibrary::from_toml(TEMPLATES).unwrap();
        assert_printed_as(&value, &library.suggest_for_post(post, 3));
        let outage = as_json(
            suggest_templates(TEMPLATES, "The app is down again, I can't log in", 1).unwrap(),
        );
        assert_eq!(outage["suggestions"][0]["id"], "outage-status");
        assert_eq!(outage["suggestions"].as_array().unwrap().len(), 1);
    }
}
