//! Rendering templates (placeholders, fallbacks, prompts, variants, errors),
//! the re-check against the policy, and the approval rule.

use socialcare::model::Platform;
use socialcare::templates::{approval_problems, ApprovalState, RenderError, TemplateLibrary};
use socialcare::tone::{Policy, ReplyContext, Severity};

const EXAMPLE_POLICY: &str = include_str!("../docs/examples/policy.toml");
const EXAMPLE_TEMPLATES: &str = include_str!("../docs/examples/templates.toml");
const TEAM_TEMPLATES: &str = include_str!("tone/templates.toml");

fn context(json: &str) -> ReplyContext {
    serde_json::from_str(json).expect("test context parses")
}

fn one_template(fields: &str) -> TemplateLibrary {
    let source = format!(
        "version = 1\n[[template]]\nid = \"t\"\ntitle = \"T\"\nintents = [\"complaint\"]\nauthor = \"KL\"\nversion = 1\n{fields}"
    );
    TemplateLibrary::from_toml(&source).expect("test template parses")
}

#[test]
fn renders_placeholders_fallbacks_prompts_and_variants() {
    let library = TemplateLibrary::from_toml(EXAMPLE_TEMPLATES).unwrap();
    let full = context(
        r#"{"customer":{"name":"Ana López"},"agent":{"name":"Kim Lee"},"prompts":{"new_date":"2026-12-03"}}"#,
    );
    let facebook = library
        .render("shipping-delay", Platform::Facebook, &full, None, false)
        .unwrap();
    assert_eq!(
        facebook.text,
        "Hi Ana, I'm sorry your order is late. It is now due on 2026-12-03 and I'll keep an eye on it for you. *KL"
    );
    let x = library
        .render("shipping-delay", Platform::X, &full, None, false)
        .unwrap();
    assert_eq!(
        x.text,
        "Hi Ana, sorry your order is late! It's now due 2026-12-03. *KL"
    );
    assert_eq!((x.length, x.limit, x.fits), (62, 280, true));
    let anonymous = context(r#"{"agent":{"initials":"KL"},"prompts":{"new_date":"2026-12-03"}}"#);
    let fallback = library
        .render("shipping-delay", Platform::X, &anonymous, None, false)
        .unwrap();
    assert!(fallback.text.starts_with("Hi there, "), "{}", fallback.text);
}

#[test]
fn rendering_errors_are_clear() {
    let library = TemplateLibrary::from_toml(EXAMPLE_TEMPLATES).unwrap();
    let no_prompt = context(r#"{"agent":{"initials":"KL"}}"#);
    let error = library
        .render("shipping-delay", Platform::X, &no_prompt, None, false)
        .unwrap_err();
    assert_eq!(
        error,
        RenderError::MissingPrompt {
            id: "new_date".into(),
            label: "New delivery date".into()
        }
    );
    let bad_date = context(r#"{"agent":{"initials":"KL"},"prompts":{"new_date":"next week"}}"#);
    let error = library
        .render("shipping-delay", Platform::X, &bad_date, None, false)
        .unwrap_err();
    assert!(error.to_string().contains("YYYY-MM-DD"), "{error}");
    let bad_choice = context(r#"{"agent":{"initials":"KL"},"prompts":{"area":"everything"}}"#);
    let error = library
        .render("outage-status", Platform::X, &bad_choice, None, false)
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("logins, payments, the mobile app"),
        "{error}"
    );
    let no_agent = context(r#"{"prompts":{"area":"logins"}}"#);
    let error = library
        .render("outage-status", Platform::X, &no_agent, None, false)
        .unwrap_err();
    assert_eq!(
        error,
        RenderError::MissingValue {
            field: "agent.initials".into()
        }
    );
    assert_eq!(
        library
            .render("nope", Platform::X, &no_agent, None, false)
            .unwrap_err(),
        RenderError::UnknownTemplate("nope".into())
    );
}

#[test]
fn unknown_placeholders_are_rejected_when_the_file_is_read() {
    let source = "version = 1\n[[template]]\nid = \"t\"\ntitle = \"T\"\nstate = \"draft\"\nauthor = \"KL\"\nversion = 1\nbody = \"Hi {{customer.nickname|there}}\"\n";
    let error = TemplateLibrary::from_toml(source).unwrap_err();
    assert_eq!((error.line, error.column), (Some(8), Some(12)), "{error}");
    assert!(
        error
            .message
            .contains("unknown placeholder {{customer.nickname}}"),
        "{error}"
    );
    let unclosed = source.replace("|there}}", "|there");
    assert!(TemplateLibrary::from_toml(&unclosed)
        .unwrap_err()
        .message
        .contains("never closed"));
}

#[test]
fn only_approved_templates_are_offered_and_rendered_for_agents() {
    let library = TemplateLibrary::from_toml(EXAMPLE_TEMPLATES).unwrap();
    let offered: Vec<&str> = library.offered().map(|t| t.id.as_str()).collect();
    assert_eq!(offered, ["shipping-delay", "move-to-dm", "outage-status"]);
    let kim = context(r#"{"agent":{"initials":"KL"}}"#);
    let error = library
        .render("thanks-praise", Platform::X, &kim, None, false)
        .unwrap_err();
    assert!(matches!(error, RenderError::NotApproved { .. }), "{error}");
    let preview = library
        .render("thanks-praise", Platform::X, &kim, None, true)
        .unwrap();
    assert_eq!(
        preview.text,
        "Hi there, thank you so much, that made our day! *KL"
    );
}

#[test]
fn rendered_text_is_rechecked_against_the_policy() {
    let policy = Policy::from_toml(EXAMPLE_POLICY).unwrap();
    let library = one_template(
        "state = \"approved\"\nbody = \"Hi {{customer.first_name|there}}, you'll get a full refund for {{prompt.note}}. *{{agent.initials}}\"\n[[template.prompts]]\nid = \"note\"\nlabel = \"What for\"\nkind = \"text\"\n",
    );
    let ctx = context(
        r#"{"customer":{"name":"Ana"},"agent":{"initials":"KL"},"prompts":{"note":"order AC-123456"}}"#,
    );
    let rendered = library
        .render("t", Platform::X, &ctx, Some(&policy), false)
        .unwrap();
    let blocks: Vec<&str> = rendered
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Block)
        .map(|f| f.rule_id.as_str())
        .collect();
    assert_eq!(blocks, ["promises.refunds", "privacy.order-number"]);
}

#[test]
fn length_must_fit_the_platform() {
    let library = one_template(&format!(
        "state = \"approved\"\nbody = \"{}\"\n",
        "故".repeat(141)
    ));
    let rendered = library
        .render("t", Platform::X, &ReplyContext::default(), None, false)
        .unwrap();
    assert_eq!((rendered.length, rendered.fits), (282, false));
    let facebook = library
        .render(
            "t",
            Platform::Facebook,
            &ReplyContext::default(),
            None,
            false,
        )
        .unwrap();
    assert!(facebook.fits);
}

#[test]
fn a_template_that_can_break_a_block_rule_cannot_be_approved() {
    let policy = Policy::from_toml(EXAMPLE_POLICY).unwrap();
    // No signature: the policy's signature rule is a block.
    let unsigned = one_template(
        "state = \"draft\"\nbody = \"Hi {{customer.first_name|there}}, sorry, we're on it.\"\n",
    );
    let problems = approval_problems(&unsigned.all()[0], &policy);
    assert!(
        problems.iter().any(|p| p.rule_id == "required.signature"),
        "{problems:?}"
    );
    assert_eq!(
        problems
            .iter()
            .filter(|p| p.rule_id == "required.signature")
            .count(),
        3,
        "one per platform"
    );
    // Fine with a short name, too long on X with a long one.
    let long_body = format!(
        "Hi {{{{customer.first_name|there}}}}, sorry. {} *{{{{agent.initials}}}}",
        "x".repeat(262)
    );
    let tight = one_template(&format!("state = \"draft\"\nbody = \"{long_body}\"\n"));
    let problems = approval_problems(&tight.all()[0], &policy);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        (problems[0].rule_id.as_str(), problems[0].platform),
        ("length", Platform::X)
    );
    // A choice that leaks a promise is found whichever choice it is.
    let choices = one_template(
        "state = \"approved\"\nbody = \"Hi {{customer.first_name|there}}, sorry: {{prompt.offer}}. *{{agent.initials}}\"\n[[template.prompts]]\nid = \"offer\"\nlabel = \"Offer\"\nkind = \"choice\"\nchoices = [\"a voucher\", \"a full refund\"]\n",
    );
    let reports = choices.lint(&policy);
    assert!(reports[0].fails && !reports[0].approvable);
    assert_eq!(reports[0].problems[0].rule_id, "promises.refunds");
}

#[test]
fn the_team_templates_all_pass_the_lint() {
    let policy = Policy::from_toml(EXAMPLE_POLICY).unwrap();
    let library = TemplateLibrary::from_toml(TEAM_TEMPLATES).unwrap();
    let reports = library.lint(&policy);
    let failing: Vec<_> = reports.iter().filter(|r| !r.approvable).collect();
    assert!(failing.is_empty(), "{failing:#?}");
    assert!(reports.iter().all(|r| r.state != ApprovalState::Retired));
    let example = TemplateLibrary::from_toml(EXAMPLE_TEMPLATES).unwrap();
    assert!(example.lint(&policy).iter().all(|r| !r.fails));
}
