//! Every rule kind of the tone policy, through the public API: what each
//! finds, where (chars and UTF-16), and the fix it suggests; plus properties
//! over hostile Unicode and very long drafts.

use proptest::prelude::*;
use socialcare::model::Platform;
use socialcare::tone::{Audience, CheckRequest, Finding, Policy, ReplyContext, Severity};
use std::sync::LazyLock;

const EXAMPLE_POLICY: &str = include_str!("../docs/examples/policy.toml");

/// The example policy, compiled once for the property tests.
static EXAMPLE: LazyLock<Policy> =
    LazyLock::new(|| Policy::from_toml(EXAMPLE_POLICY).expect("the example policy compiles"));

fn policy(rules: &str) -> Policy {
    Policy::from_toml(&format!("version = 1\n{rules}")).expect("test policy compiles")
}

fn context(json: &str) -> ReplyContext {
    serde_json::from_str(json).expect("test context parses")
}

fn check_with(
    policy: &Policy,
    text: &str,
    platform: Platform,
    audience: Audience,
    context: &ReplyContext,
) -> Vec<Finding> {
    policy.check(
        text,
        &CheckRequest {
            platform,
            audience,
            context,
        },
    )
}

fn check(policy: &Policy, text: &str) -> Vec<Finding> {
    check_with(
        policy,
        text,
        Platform::Facebook,
        Audience::Public,
        &ReplyContext::default(),
    )
}

/// The draft's text under a finding's char span.
fn spanned(text: &str, finding: &Finding) -> String {
    text.chars()
        .skip(finding.span.char_start)
        .take(finding.span.char_end - finding.span.char_start)
        .collect()
}

/// The draft with a finding's fix applied.
fn apply_fix(text: &str, finding: &Finding) -> String {
    let chars: Vec<char> = text.chars().collect();
    let before: String = chars[..finding.span.char_start].iter().collect();
    let after: String = chars[finding.span.char_end..].iter().collect();
    format!(
        "{before}{}{after}",
        finding.fix.as_ref().expect("finding has a fix").replacement
    )
}

fn ids(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.rule_id.as_str()).collect()
}

#[test]
fn banned_terms_match_whole_words_with_inflections_and_keep_case() {
    let policy = policy("[[terms.banned]]\nphrase = \"cheap\"\nreplacement = \"affordable\"\nseverity = \"block\"\n");
    let text = "Cheaper than ever, not cheapskate, and CHEAP.";
    let findings = check(&policy, text);
    assert_eq!(findings.len(), 2, "{findings:?}");
    assert_eq!(spanned(text, &findings[0]), "Cheaper");
    assert_eq!(spanned(text, &findings[1]), "CHEAP");
    assert_eq!(findings[0].severity, Severity::Block);
    assert_eq!(
        apply_fix(text, &findings[1]),
        "Cheaper than ever, not cheapskate, and Affordable."
    );
}

#[test]
fn preferred_terms_suggest_the_house_term() {
    let policy =
        policy("[[terms.preferred]]\nuse = \"order number\"\ninstead_of = [\"order ID\"]\n");
    let text = "Could you send your order ids?";
    let findings = check(&policy, text);
    assert_eq!(ids(&findings), ["terms.preferred.order-number"]);
    assert_eq!(findings[0].severity, Severity::Info);
    assert_eq!(
        apply_fix(text, &findings[0]),
        "Could you send your order number?"
    );
}

#[test]
fn greeting_must_use_the_customers_name() {
    let policy = policy("[required.greeting]\n");
    let ana = context(r#"{"customer":{"name":"Ana López"}}"#);
    let missing = check_with(
        &policy,
        "Thanks for waiting.",
        Platform::X,
        Audience::Public,
        &ana,
    );
    assert_eq!(
        apply_fix("Thanks for waiting.", &missing[0]),
        "Hi Ana, Thanks for waiting."
    );
    let text = "@ana Hi there, thanks!";
    let no_name = check_with(&policy, text, Platform::X, Audience::Public, &ana);
    assert_eq!(spanned(text, &no_name[0]), "Hi there");
    assert_eq!(apply_fix(text, &no_name[0]), "@ana Hi Ana, thanks!");
    assert!(check_with(
        &policy,
        "Hello Ana, thanks!",
        Platform::X,
        Audience::Public,
        &ana
    )
    .is_empty());
    assert!(check_with(
        &policy,
        "Hey, thanks!",
        Platform::X,
        Audience::Public,
        &ReplyContext::default()
    )
    .is_empty());
}

#[test]
fn signature_must_be_the_agents_initials() {
    let policy = policy("[required.signature]\nformat = \"*{initials}\"\nseverity = \"block\"\n");
    let kim = context(r#"{"agent":{"name":"Kim Lee"}}"#);
    let text = "Hi Ana, done.";
    let missing = check_with(&policy, text, Platform::X, Audience::Public, &kim);
    assert_eq!(apply_fix(text, &missing[0]), "Hi Ana, done. *KL");
    let wrong = check_with(
        &policy,
        "Hi Ana, done. *AB",
        Platform::X,
        Audience::Public,
        &kim,
    );
    assert_eq!(wrong[0].fix.as_ref().unwrap().replacement, "*KL");
    assert!(check_with(
        &policy,
        "Hi Ana, done. *KL\n",
        Platform::X,
        Audience::Public,
        &kim
    )
    .is_empty());
}

#[test]
fn empathy_is_required_only_when_the_customer_is_negative() {
    let policy = policy("[required.empathy]\n");
    let upset = context(
        r#"{"customer":{"message":"This is terrible, worst service ever. I hate waiting."}}"#,
    );
    let calm = context(r#"{"customer":{"message":"Thanks, I love the new app!"}}"#);
    let text = "Hi Ana, your order ships today.";
    let findings = check_with(&policy, text, Platform::X, Audience::Public, &upset);
    assert_eq!(ids(&findings), ["required.empathy"]);
    assert_eq!(
        apply_fix(text, &findings[0]),
        "Hi Ana, I'm sorry about this. your order ships today."
    );
    assert!(check_with(&policy, text, Platform::X, Audience::Public, &calm).is_empty());
    let sorry = "Hi Ana, I'm so sorry. Your order ships today.";
    assert!(check_with(&policy, sorry, Platform::X, Audience::Public, &upset).is_empty());
}

#[test]
fn length_uses_weighted_length_on_x_and_limits_elsewhere() {
    let policy = policy("[length]\nfacebook = 20\ninstagram = 10\n");
    let cjk = "故".repeat(141);
    let findings = check_with(
        &policy,
        &cjk,
        Platform::X,
        Audience::Public,
        &ReplyContext::default(),
    );
    assert_eq!(findings[0].rule_id, "length");
    assert_eq!(findings[0].severity, Severity::Block);
    assert_eq!(
        (findings[0].span.char_start, findings[0].span.char_end),
        (140, 141)
    );
    assert!(check_with(
        &policy,
        &"故".repeat(140),
        Platform::X,
        Audience::Public,
        &ReplyContext::default()
    )
    .is_empty());
    let short = "twelve chars";
    assert!(check_with(
        &policy,
        short,
        Platform::Facebook,
        Audience::Public,
        &ReplyContext::default()
    )
    .is_empty());
    assert_eq!(
        check_with(
            &policy,
            short,
            Platform::Instagram,
            Audience::Public,
            &ReplyContext::default()
        )
        .len(),
        1
    );
}

#[test]
fn shouting_is_flagged_and_calmed() {
    let policy = policy("[style.caps]\nmax_ratio = 0.3\n");
    let text = "Hi Ana, WE ARE WORKING ON THIS RIGHT NOW";
    let findings = check(&policy, text);
    assert_eq!(ids(&findings), ["style.caps"]);
    assert_eq!(
        apply_fix(text, &findings[0]),
        "Hi Ana, we are working on this right now"
    );
    assert!(check(&policy, "Hi Ana, please DM us your FAQ link.").is_empty());
}

#[test]
fn exclamation_marks_beyond_the_limit() {
    let policy = policy("[style.exclamations]\nmax = 1\n");
    let text = "Done! Enjoy!!";
    let findings = check(&policy, text);
    assert_eq!(findings.len(), 2);
    assert_eq!(apply_fix(text, &findings[0]), "Done! Enjoy.!");
    assert_eq!(apply_fix(text, &findings[1]), "Done! Enjoy!");
}

#[test]
fn emoji_policy_counts_zwj_sequences_as_one() {
    let forbid = policy("[style.emoji]\npolicy = \"forbid\"\n");
    let text = "Welcome 👩🏽‍💻 and 🇫🇷!";
    let findings = check(&forbid, text);
    assert_eq!(findings.len(), 2);
    assert_eq!(spanned(text, &findings[0]), "👩🏽‍💻");
    assert_eq!(
        (findings[0].span.utf16_start, findings[0].span.utf16_end),
        (8, 15)
    );
    let limit = policy("[style.emoji]\npolicy = \"limit\"\nmax = 2\n");
    assert!(check(&limit, text).is_empty());
    let allow = policy("[style.emoji]\npolicy = \"allow\"\n");
    assert!(check(&allow, "🎉🎉🎉").is_empty());
}

#[test]
fn readability_flags_dense_replies_only() {
    let policy = policy("[style.readability]\nmax_grade = 8\nmin_words = 10\n");
    let dense = "Notwithstanding the aforementioned considerations, reimbursement eligibility determinations necessitate comprehensive documentation verification procedures.";
    assert_eq!(ids(&check(&policy, dense)), ["style.readability"]);
    assert!(check(
        &policy,
        "We got your note. The new one ships today. You will have it soon."
    )
    .is_empty());
}

#[test]
fn reply_sentiment_has_a_floor() {
    let policy = policy("[style.sentiment]\nmin_compound = -0.2\n");
    assert_eq!(
        ids(&check(
            &policy,
            "This is terrible and awful, a horrible mess."
        )),
        ["style.sentiment"]
    );
    assert!(check(&policy, "Glad to help, it's fixed now.").is_empty());
}

#[test]
fn promises_are_flagged_with_advice_and_safer_wording() {
    let policy = policy(
        "[[promises]]\nphrases = [\"guarantee\", \"never happen again\"]\nadvice = \"say what we will do\"\n\n[[promises]]\nid = \"refunds\"\nphrases = [\"full refund\"]\nreplacement = \"look into a refund\"\nseverity = \"block\"\n",
    );
    let text = "We guaranteed it will never happen again, and you'll get a full refund.";
    let findings = check(&policy, text);
    assert_eq!(
        ids(&findings),
        ["promises.guarantee", "promises.guarantee", "refunds"]
    );
    assert!(findings[0].message.contains("say what we will do"));
    assert_eq!(spanned(text, &findings[0]), "guaranteed");
    assert_eq!(findings[2].severity, Severity::Block);
    assert_eq!(
        apply_fix(text, &findings[2]),
        "We guaranteed it will never happen again, and you'll get a look into a refund."
    );
}

#[test]
fn public_replies_may_not_show_personal_data() {
    let policy = policy(
        "[privacy]\n[[privacy.patterns]]\nname = \"order number\"\npattern = '\\bAC-\\d{6}\\b'\n",
    );
    let text = "Ana, card 4111 1111 1111 1111, mail ana@example.com, call +1 (415) 555-0134, order AC-123456.";
    let findings = check(&policy, text);
    assert_eq!(
        ids(&findings),
        [
            "privacy.card",
            "privacy.email",
            "privacy.phone",
            "privacy.order-number"
        ]
    );
    assert_eq!(spanned(text, &findings[0]), "4111 1111 1111 1111");
    assert_eq!(spanned(text, &findings[2]), "+1 (415) 555-0134");
    assert!(findings
        .iter()
        .all(|f| f.severity == Severity::Block && f.message.contains("DM")));
    // A number failing Luhn is no card; dates and prices are no phones.
    assert!(
        check(&policy, "Ref 4111 1111 1111 1112 due 2026-12-01, $1,299.00")
            .iter()
            .all(|f| f.rule_id != "privacy.card")
    );
    assert!(check(&policy, "Due 2026-12-01 at $1,299.00").is_empty());
    // Private messages may carry them.
    let private = check_with(
        &policy,
        text,
        Platform::X,
        Audience::Private,
        &ReplyContext::default(),
    );
    assert!(private.is_empty());
}

#[test]
fn links_only_to_allowed_domains() {
    let policy = policy("[links]\nallowed_domains = [\"acme.com\"]\n");
    let text =
        "See https://help.acme.com/returns, acme.com or http://acme.com.evil.io/x and bit.ly/abc";
    let findings = check(&policy, text);
    let flagged: Vec<String> = findings.iter().map(|f| spanned(text, f)).collect();
    assert_eq!(flagged, ["http://acme.com.evil.io/x", "bit.ly/abc"]);
}

#[test]
fn spans_are_exact_in_utf16_around_astral_and_rtl_text() {
    let policy = policy("[[terms.banned]]\nphrase = \"unfortunately\"\n");
    let text = "😀 שלום \u{202B}مرحبا\u{202C} e\u{301} Unfortunately";
    let finding = &check(&policy, text)[0];
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let under =
        String::from_utf16(&utf16[finding.span.utf16_start..finding.span.utf16_end]).unwrap();
    assert_eq!(under, "Unfortunately");
    assert_eq!(spanned(text, finding), "Unfortunately");
}

#[test]
fn the_example_policy_compiles_and_reports_in_position_order() {
    let policy = Policy::from_toml(EXAMPLE_POLICY).expect("docs/examples/policy.toml compiles");
    assert!(policy.rule_count() >= 15, "{}", policy.rule_count());
    let kim = context(r#"{"customer":{"name":"Ana"},"agent":{"initials":"KL"}}"#);
    let text = "Unfortunately calm down, see evil.io";
    let findings = check_with(&policy, text, Platform::X, Audience::Public, &kim);
    let starts: Vec<usize> = findings.iter().map(|f| f.span.char_start).collect();
    assert!(
        starts.windows(2).all(|pair| pair[0] <= pair[1]),
        "{starts:?}"
    );
    assert!(findings
        .iter()
        .any(|f| f.rule_id == "terms.banned.calm-down" && f.severity == Severity::Block));
    let clean = "Hi Ana, thanks for your patience. Your order ships today. *KL";
    assert!(check_with(&policy, clean, Platform::X, Audience::Public, &kim).is_empty());
}

fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Hi ",
        "Unfortunately",
        "!",
        "GUARANTEE ",
        "e\u{301}",
        "\u{0627}\u{0644}",
        "\u{202E}",
        "\u{200D}",
        "👩🏽‍💻",
        "🇯🇵",
        "故",
        "\u{FE0F}",
        "4111 1111 1111 1111",
        "x@y.io ",
        "https://evil.io/a ",
        "\n",
        " ",
        "\u{0300}\u{0301}\u{0302}",
        "*KL",
        "\u{FFFF}",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn findings_have_valid_spans_on_hostile_unicode(text in hostile_text(), platform in prop::sample::select(Platform::ALL.to_vec())) {
        let policy = &*EXAMPLE;
        let context = ReplyContext::default();
        let chars = text.chars().count();
        let utf16 = text.encode_utf16().count();
        for finding in policy.check(&text, &CheckRequest { platform, audience: Audience::Public, context: &context }) {
            prop_assert!(finding.span.char_start <= finding.span.char_end && finding.span.char_end <= chars);
            prop_assert!(finding.span.utf16_start <= finding.span.utf16_end && finding.span.utf16_end <= utf16);
            let prefix: String = text.chars().take(finding.span.char_start).collect();
            prop_assert_eq!(prefix.encode_utf16().count(), finding.span.utf16_start);
            if finding.fix.is_some() {
                let _ = apply_fix(&text, &finding);
            }
        }
    }

    #[test]
    fn any_text_is_checked_without_panicking(text in "\\PC{0,600}") {
        let context = ReplyContext::default();
        EXAMPLE.check(&text, &CheckRequest { platform: Platform::X, audience: Audience::Public, context: &context });
    }
}

#[test]
fn very_long_drafts_are_checked() {
    let policy = Policy::from_toml(EXAMPLE_POLICY).unwrap();
    let text = "Unfortunately we are late 👩🏽‍💻 故 ".repeat(4000);
    let findings = check(&policy, &text);
    assert!(findings.iter().any(|f| f.rule_id == "length"));
    assert_eq!(
        findings
            .iter()
            .filter(|f| f.rule_id == "terms.banned.unfortunately")
            .count(),
        4000
    );
}

#[test]
fn the_benchmark_checks_280_chars_against_50_rules() {
    let policy =
        Policy::from_toml(include_str!("tone/bench_policy.toml")).expect("bench policy compiles");
    assert!(policy.rule_count() >= 50, "{}", policy.rule_count());
    let draft = include_str!("tone/bench_draft.txt");
    assert_eq!(draft.chars().count(), 280);
}
