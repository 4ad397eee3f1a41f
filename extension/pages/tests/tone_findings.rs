//! Component tests of the side panel's tone findings (`ToneFindings`): the
//! findings of the composer's draft with their spans and one-click fixes,
//! rendered in headless Chromium.

#![cfg(target_arch = "wasm32")]

mod support;

use socialcare::tone::{Finding, Fix, Severity, Span, Wording, WordingValue};
use socialcare_pages::panel::tone_findings::{span_text, ToneFindings, ToneFindingsProps};
use socialcare_views::{ComposerView, FromPage};
use std::cell::RefCell;
use std::rc::Rc;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

/// A finding on `draft` over the UTF-16 span `start..end`.
fn finding(
    draft: &str,
    rule: &str,
    severity: Severity,
    start: usize,
    end: usize,
    fix: Option<&str>,
) -> Finding {
    let chars = |utf16: usize| {
        String::from_utf16_lossy(&draft.encode_utf16().take(utf16).collect::<Vec<_>>())
            .chars()
            .count()
    };
    Finding {
        rule_id: rule.into(),
        severity,
        message: format!("{rule} was broken"),
        wording: Wording::default(),
        span: Span {
            char_start: chars(start),
            char_end: chars(end),
            utf16_start: start,
            utf16_end: end,
        },
        fix: fix.map(|replacement| Fix {
            replacement: replacement.into(),
        }),
    }
}

/// A public reply with a missing greeting, a banned phrase, an emoji over the
/// limit (its fix removes it) and an email address.
fn composer(public: bool) -> ComposerView {
    let draft = "😀 Please calm down, write to ana@example.com";
    let at = |needle: &str| draft[..draft.find(needle).unwrap()].encode_utf16().count();
    let calm = at("calm down");
    let email = at("ana@");
    ComposerView {
        public,
        draft: draft.into(),
        tone: "block".into(),
        findings: vec![
            finding(
                draft,
                "required.greeting",
                Severity::Warn,
                0,
                0,
                Some("Hi Ana, "),
            ),
            finding(
                draft,
                "terms.banned.calm-down",
                Severity::Block,
                calm,
                calm + 9,
                Some("let us fix this"),
            ),
            finding(draft, "style.emoji", Severity::Info, 0, 2, Some("")),
            finding(
                draft,
                "privacy.email",
                Severity::Block,
                email,
                email + "ana@example.com".len(),
                None,
            ),
        ],
    }
}

/// Renders the findings; answers the root and the intents the component sent.
async fn render(
    composer: ComposerView,
) -> (
    web_sys::Element,
    Rc<RefCell<Vec<FromPage>>>,
    yew::AppHandle<ToneFindings>,
) {
    let intents = Rc::new(RefCell::new(Vec::new()));
    let on_intent = {
        let intents = intents.clone();
        Callback::from(move |intent| intents.borrow_mut().push(intent))
    };
    let (root, app) = mount::<ToneFindings>(ToneFindingsProps {
        composer,
        on_intent,
    })
    .await;
    (root, intents, app)
}

#[wasm_bindgen_test]
fn spans_are_cut_in_utf16_units() {
    let draft = "😀 calm down";
    assert_eq!(span_text(draft, 3, 12), "calm down");
    assert_eq!(span_text(draft, 0, 2), "😀");
    assert_eq!(span_text(draft, 5, 99), "lm down", "clamped to the draft");
}

#[wasm_bindgen_test]
async fn findings_show_their_spans_and_a_fix_replaces_the_span_in_the_composer() {
    let (root, intents, _app) = render(composer(true)).await;
    assert_eq!(text_of(&root, "h2"), "Tone check: block · 4 findings");
    let items = all(&root, "li.tone-finding");
    assert_eq!(items.len(), 4);
    let rules: Vec<String> = items
        .iter()
        .map(|li| li.get_attribute("data-rule").unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "required.greeting",
            "terms.banned.calm-down",
            "style.emoji",
            "privacy.email"
        ]
    );
    assert_eq!(
        items[1].get_attribute("data-severity").as_deref(),
        Some("block")
    );
    // The spans, as the draft's own words (an insertion point has none).
    let marks: Vec<String> = all(&root, "mark")
        .iter()
        .map(|m| m.text_content().unwrap())
        .collect();
    assert_eq!(marks, ["calm down", "😀", "ana@example.com"]);
    // One fix button per finding the guideline can fix, named by what it does.
    let fixes = all(&root, "button.tone-fix");
    let labels: Vec<String> = fixes.iter().map(|b| b.text_content().unwrap()).collect();
    assert_eq!(
        labels,
        [
            "Add “Hi Ana,”",
            "Replace with “let us fix this”",
            "Remove “😀”"
        ]
    );
    fixes[1].unchecked_ref::<HtmlElement>().click();
    fixes[0].unchecked_ref::<HtmlElement>().click();
    fixes[2].unchecked_ref::<HtmlElement>().click();
    assert_eq!(
        *intents.borrow(),
        [
            FromPage::ApplyFix {
                draft: "😀 Please calm down, write to ana@example.com".into(),
                utf16_start: 10,
                utf16_end: 19,
                replacement: "let us fix this".into(),
            },
            FromPage::ApplyFix {
                draft: "😀 Please calm down, write to ana@example.com".into(),
                utf16_start: 0,
                utf16_end: 0,
                replacement: "Hi Ana, ".into(),
            },
            FromPage::ApplyFix {
                draft: "😀 Please calm down, write to ana@example.com".into(),
                utf16_start: 0,
                utf16_end: 2,
                replacement: String::new(),
            },
        ]
    );
    // Personal data in a public reply: Move to DM, on that finding only.
    assert_eq!(
        count(
            &root,
            "li[data-rule='privacy.email'] button.tone-move-to-dm"
        ),
        1
    );
    assert_eq!(count(&root, "button.tone-move-to-dm"), 1);
}

#[wasm_bindgen_test]
async fn a_private_reply_offers_no_move_to_dm_and_a_clean_draft_says_so() {
    let (root, _, _app) = render(composer(false)).await;
    assert_eq!(count(&root, "button.tone-move-to-dm"), 0);
    let clean = ComposerView {
        public: true,
        draft: "Hi Ana, on it. ^KL".into(),
        tone: "ok".into(),
        findings: vec![],
    };
    let (root, _, _app) = render(clean).await;
    assert_eq!(
        text_of(&root, "h2"),
        "Tone check: the draft follows the team’s guideline"
    );
    assert_eq!(count(&root, "li"), 0);
}

#[wasm_bindgen_test]
async fn hostile_drafts_and_messages_render_as_text() {
    let hostile = "<img src=x onerror=\"globalThis.__pwned=true\">";
    let draft = format!("Hi {hostile}");
    let mut bad = finding(
        &draft,
        "terms.banned.x",
        Severity::Warn,
        3,
        draft.encode_utf16().count(),
        Some(hostile),
    );
    bad.message = hostile.into();
    let (root, _, _app) = render(ComposerView {
        public: true,
        draft,
        tone: "warn".into(),
        findings: vec![bad],
    })
    .await;
    assert_eq!(count(&root, "img"), 0);
    assert_eq!(text_of(&root, "mark"), hostile);
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn numbers_in_findings_are_written_as_the_language_writes_them() {
    let draft = "Our terms and conditions notwithstanding, the aforementioned remuneration shall be forthcoming.";
    let worded = |rule: &str, key: &'static str, values: Vec<WordingValue>| Finding {
        wording: Wording {
            key: key.into(),
            values,
        },
        ..finding(draft, rule, Severity::Warn, 0, 3, None)
    };
    let number = |english: &str| WordingValue::Number {
        number: english.into(),
    };
    let (root, _, _app) = render(ComposerView {
        public: true,
        draft: draft.into(),
        tone: "warn".into(),
        findings: vec![
            worded(
                "length",
                "tone_length_characters",
                vec!["Facebook".into(), number("63207"), number("63206")],
            ),
            worded(
                "readability",
                "tone_readability",
                vec![number("12.3"), number("9")],
            ),
        ],
    })
    .await;
    let shown = root.text_content().unwrap_or_default();
    // Through `Intl`: the English groups thousands, the grade keeps its decimal.
    assert!(
        shown.contains(
            "Too long for Facebook: 63,207 of 63,206 characters; cut the highlighted part."
        ),
        "{shown}"
    );
    assert!(
        shown.contains("Reads at grade 12.3 (limit 9): use shorter sentences and plainer words."),
        "{shown}"
    );
}
