//! Component tests of the lead's console, rendered in headless Chromium and
//! driven through a stand-in service worker on the `console` port: the
//! dashboard's figures, charts and table, the guideline editor's live check
//! and Publish, history and rollback, Approve/Retire, ideas and members,
//! tokens shown once, read-only agents, a store without the new endpoints
//! (404), and hostile text shown as text.
//!
//! Run with `make test-panel` (the pages' stand-in worker and DOM helpers
//! are shared: `extension/pages/tests/support/`).

#![cfg(target_arch = "wasm32")]

#[path = "../../pages/tests/support/mod.rs"]
mod support;

use serde_json::{json, Value};
use socialcare::model::Platform;
use socialcare::model::{Guideline, Role, Template, TemplateState, TemplateVariant};
use socialcare::report::Report;
use socialcare::sync::{BlockedApproval, Refusal};
use socialcare_console::app::{ConsoleApp, ConsoleAppProps};
use socialcare_console::report::{table, table_csv};
use socialcare_console::tone_engine::LOADER;
use socialcare_views::console::{ConsoleView, StoreAnswer, ToConsole};
use socialcare_views::{AgentView, RefusedAction, RejectionView, SessionView, SyncView};
use support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// 2026-11-29T12:00:00Z.
const NOW: i64 = 1_795_953_600_000;

fn session(role: Role, name: &str) -> SessionView {
    SessionView {
        store_url: "https://care.example.com".to_owned(),
        agent: AgentView {
            id: "agent-1".to_owned(),
            name: name.to_owned(),
            initials: "AR".to_owned(),
        },
        role,
        token_hint: "cdef".to_owned(),
    }
}

fn guideline(source: &str, revision: u32) -> Guideline {
    Guideline {
        id: "tone".to_owned(),
        name: "Tone guideline".to_owned(),
        format: "toml".to_owned(),
        source: source.to_owned(),
        revision,
        updated_by: "agent-1".to_owned(),
        updated_at: NOW,
        conflict_of: None,
    }
}

fn template(name: &str, state: TemplateState) -> Template {
    Template {
        id: "shipping-delay".to_owned(),
        name: name.to_owned(),
        state,
        variants: vec![TemplateVariant {
            platform: None,
            language: "en".to_owned(),
            body: format!("Hi {{{{customer.name}}}}, {HOSTILE}"),
        }],
        tags: vec![],
        intents: vec![],
        prompts: vec![],
        revision: 2,
        updated_by: "agent-1".to_owned(),
        updated_at: NOW,
        conflict_of: None,
    }
}

fn view(role: Role) -> ConsoleView {
    ConsoleView {
        session: Some(session(role, "Ana Ruiz")),
        guidelines: vec![guideline("version = 1\n", 3)],
        templates: vec![template("Shipping delay", TemplateState::Draft)],
        ..ConsoleView::default()
    }
}

/// The tone module's console calls as JavaScript functions on one object,
/// as the page's loader resolves to the module's exports; like that loader
/// (`console.js`), it first gives the tone module its sentiment scorer, the
/// verdict module's `compound_sentiment` (the core's `host-sentiment`).
fn tone_exports() -> JsValue {
    use socialcare_tone::console as tone;
    let scorer = Closure::<dyn Fn(String) -> f64>::new(|text: String| {
        socialcare::sentiment::polarity_scores(&text).compound
    });
    js_sys::Reflect::set(
        &js_sys::global(),
        &"socialcareSentiment".into(),
        &scorer.into_js_value(),
    )
    .expect("the global takes the scorer");
    let exports = js_sys::Object::new();
    let set = |name: &str, function: JsValue| {
        js_sys::Reflect::set(&exports, &name.into(), &function).unwrap();
    };
    set(
        "guideline_problem",
        Closure::<dyn Fn(String) -> Option<String>>::new(|source: String| {
            tone::guideline_problem(&source)
        })
        .into_js_value(),
    );
    set(
        "check_draft",
        Closure::<dyn Fn(String, String, String, String) -> Result<String, JsValue>>::new(
            |source: String, draft: String, platform: String, context: String| {
                tone::check_draft(&source, &draft, &platform, &context).map_err(JsValue::from)
            },
        )
        .into_js_value(),
    );
    set(
        "template_problem",
        Closure::<dyn Fn(String) -> Option<String>>::new(|record: String| {
            tone::template_problem(&record)
        })
        .into_js_value(),
    );
    set(
        "render_template",
        Closure::<dyn Fn(String, String, String, Option<String>) -> Result<String, JsValue>>::new(
            |record: String, platform: String, language: String, source: Option<String>| {
                tone::render_template(&record, &platform, &language, source).map_err(JsValue::from)
            },
        )
        .into_js_value(),
    );
    set(
        "approval_problems",
        Closure::<dyn Fn(String, String) -> Result<String, JsValue>>::new(
            |record: String, source: String| {
                tone::approval_problems(&record, &source).map_err(JsValue::from)
            },
        )
        .into_js_value(),
    );
    exports.into()
}

/// Leaves the page's tone engine loader in its global, as `console.js`
/// does: resolving to `exports`, or rejecting with `refusal`.
fn install_tone_loader(answer: Result<JsValue, &str>) {
    let loading = match answer {
        Ok(exports) => js_sys::Promise::resolve(&exports),
        Err(refusal) => js_sys::Promise::reject(&js_sys::Error::new(refusal).into()),
    };
    let loader = Closure::<dyn Fn() -> js_sys::Promise>::new(move || loading.clone());
    js_sys::Reflect::set(&js_sys::global(), &LOADER.into(), &loader.into_js_value())
        .expect("the global takes the loader");
}

async fn console(worker: &Worker, view: ConsoleView) -> Element {
    install_tone_loader(Ok(tone_exports()));
    mount_console(worker, view).await
}

/// The console with whatever tone engine loader the page has.
async fn mount_console(worker: &Worker, view: ConsoleView) -> Element {
    let clock = ManualClock::at(NOW);
    let (root, handle) = mount::<ConsoleApp>(ConsoleAppProps {
        extension: worker.extension(),
        clock: clock.clock(),
        time_zone: Some("Europe/Paris".into()),
    })
    .await;
    std::mem::forget(handle);
    worker.send(&ToConsole::View { view });
    yew::scheduler::flush().await;
    root
}

/// The newest `call` intent to `endpoint`: its request number and the call.
fn last_call(worker: &Worker, endpoint: &str) -> (u32, Value) {
    worker
        .posted()
        .into_iter()
        .rev()
        .find(|intent| intent["type"] == "call" && intent["call"]["endpoint"] == endpoint)
        .map(|intent| {
            (
                intent["request"].as_u64().unwrap() as u32,
                intent["call"].clone(),
            )
        })
        .unwrap_or_else(|| panic!("no {endpoint} call in {:?}", worker.posted()))
}

/// Answers the newest call to `endpoint`.
async fn answer(worker: &Worker, endpoint: &str, answer: StoreAnswer) {
    let (request, _) = last_call(worker, endpoint);
    worker.send(&ToConsole::Answer { request, answer });
    yew::scheduler::flush().await;
}

fn ok(body: Value) -> StoreAnswer {
    StoreAnswer::Ok { body }
}

fn figures(inbound: usize, met_1h: usize, eligible: usize) -> Value {
    let ratio = (eligible > 0).then(|| met_1h as f64 / eligible as f64);
    json!({
        "inbound": inbound,
        "first_response": {"calendar": {"n": eligible, "median_s": 1800, "p90_s": 7200}, "business": {"n": eligible, "median_s": 900, "p90_s": 3600}},
        "answered_within_1h": {"eligible": eligible, "met": met_1h, "ratio": ratio},
        "answered_within_24h": {"eligible": eligible, "met": eligible, "ratio": (eligible > 0).then_some(1.0)},
        "sla": {"due": eligible, "met": met_1h, "breached": eligible - met_1h, "pending": 0, "attainment": ratio},
        "response_rate": {"eligible": eligible, "responded": eligible, "resolved_without_reply": 0, "ratio": 1.0},
        "resolution": {"first": {"n": 0, "median_s": null, "p90_s": null}, "full": {"n": 0, "median_s": null, "p90_s": null}, "resolutions": 0, "reopens": 0},
        "reopen_rate": null
    })
}

fn with(mut base: Value, extra: Value) -> Value {
    let object = base.as_object_mut().unwrap();
    for (key, value) in extra.as_object().unwrap() {
        object.insert(key.clone(), value.clone());
    }
    base
}

fn report() -> Value {
    with(
        figures(40, 15, 30),
        json!({
            "team": "acme", "from": "2026-10-31", "to": "2026-11-29", "tz": "Europe/Paris",
            "period_start_ms": 0, "period_end_ms": 0, "generated_at_ms": NOW,
            "backlog": {"new": 3, "open": 4, "pending": 1, "unassigned_new": 2, "oldest_unanswered_s": 600},
            "by_agent": [with(figures(0, 9, 10), json!({"agent_id": "agent-9", "name": HOSTILE, "responses": 10, "resolutions": 0, "reopens": 0}))],
            "by_platform": [
                with(figures(25, 12, 20), json!({"platform": "x"})),
                with(figures(15, 3, 10), json!({"platform": "instagram"}))
            ],
            "tone": {"overrides": 0, "overrides_per_100_responses": null, "by_rule": [], "by_agent": []},
            "templates": [],
            "sentiment": {"inbound_by_label": {}, "negative_answered_within_1h": {"eligible": 0, "met": 0, "ratio": null}},
            "series": [
                {"date": "2026-11-27", "inbound": 10, "backlog": 5, "first_response_median_s": 600},
                {"date": "2026-11-28", "inbound": 20, "backlog": 8, "first_response_median_s": 1200},
                {"date": "2026-11-29", "inbound": 10, "backlog": 8, "first_response_median_s": null}
            ]
        }),
    )
}

fn figure(root: &Element, label: &str) -> String {
    all(root, ".figure-card")
        .into_iter()
        .find(|card| text_of(card, "dt") == label)
        .map(|card| text_of(&card, ".figure-value"))
        .unwrap_or_else(|| panic!("no figure {label} in {}", root.inner_html()))
}

/// Opens a section, once the tone engine has been loaded.
async fn open_section(root: &Element, name: &str) {
    by_role(root, "button", name).click();
    settle(|| count(root, ".engine-loading") == 0).await;
}

/// Picks `value` in the select named `name`, as the lead would.
async fn choose(root: &Element, name: &str, value: &str) {
    let select: web_sys::HtmlSelectElement =
        wasm_bindgen::JsCast::unchecked_into(by_role(root, "combobox", name));
    select.set_value(value);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn the_dashboard_shows_the_reports_figures_charts_benchmarks_and_table() {
    let worker = Worker::new();
    let root = console(&worker, view(Role::Lead)).await;
    assert_eq!(worker.connections(), ["console"]);
    let (_, call) = last_call(&worker, "team_report");
    assert_eq!(
        call,
        json!({"endpoint": "team_report", "from": "2026-10-31", "to": "2026-11-29", "tz": "Europe/Paris"})
    );
    answer(&worker, "team_report", ok(report())).await;

    assert_eq!(figure(&root, "Inbound"), "40");
    assert_eq!(figure(&root, "Answered within 1 h"), "50.0%");
    assert_eq!(figure(&root, "Answered within 24 h"), "100.0%");
    assert_eq!(figure(&root, "First response, median"), "30 min");
    assert_eq!(figure(&root, "Backlog now"), "8");
    assert!(text_of(&root, ".figures").contains("Customers expect: about 50.0%"));
    assert!(text_of(&root, ".figures").contains("Customers expect: about 80.0%"));

    // Each chart: an image with a title and a description, and its numbers as a table.
    let charts = all(&root, "figure.chart");
    assert_eq!(charts.len(), 3);
    for chart in &charts {
        let svg = chart
            .query_selector("svg[role=img]")
            .unwrap()
            .expect("an svg image");
        let labelled = svg.get_attribute("aria-labelledby").unwrap();
        for id in labelled.split(' ') {
            assert!(
                !text_of(chart, &format!("#{id}")).is_empty(),
                "{id} names the chart"
            );
        }
        assert!(count(chart, "table.chart-table tbody tr") > 0);
    }
    assert_eq!(count(&charts[0], "circle"), 3, "a dot per day");
    let rows: Vec<String> = all(&charts[0], "tbody tr")
        .iter()
        .map(|row| format!("{}={}", text_of(row, "th"), text_of(row, "td")))
        .collect();
    assert_eq!(rows, ["2026-11-27=10", "2026-11-28=20", "2026-11-29=10"]);

    // The table: team, platforms, agents; the hostile name is text.
    assert_eq!(count(&root, ".report-table tbody tr"), 4);
    assert!(text_of(&root, ".report-table").contains(HOSTILE));
    assert!(!pwned());

    // Filter by platform: Instagram's figures.
    choose(&root, "Platform", "instagram").await;
    assert_eq!(figure(&root, "Inbound"), "15");
    assert_eq!(figure(&root, "Answered within 1 h"), "30.0%");
}

/// The newest `act` intent's mutation.
fn last_act(worker: &Worker) -> Value {
    worker
        .posted()
        .into_iter()
        .rev()
        .find(|intent| intent["type"] == "act")
        .map(|intent| intent["op"].clone())
        .unwrap_or_else(|| panic!("no act in {:?}", worker.posted()))
}

/// The example policy of docs/examples, a valid guideline.
const POLICY: &str = include_str!("../../../docs/examples/policy.toml");

#[wasm_bindgen_test]
async fn the_guideline_editor_checks_as_the_lead_types_and_publishes_a_new_revision() {
    let worker = Worker::new();
    let mut lead = view(Role::Lead);
    lead.guidelines = vec![guideline(POLICY, 3)];
    let root = console(&worker, lead).await;
    open_section(&root, "Guidelines").await;
    let editor = by_role(&root, "textbox", "Tone guideline (revision 3)");
    assert_eq!(
        text_of(&root, ".check-status"),
        "The tone engine reads this guideline."
    );
    assert!(
        disabled(&by_role(&root, "button", "Publish")),
        "nothing changed yet"
    );

    type_into(&editor, "version = 1\n[rules\n");
    yew::scheduler::flush().await;
    let problem = text_of(&root, ".check-status");
    assert!(problem.starts_with("line 2, column "), "{problem}");
    assert!(
        disabled(&by_role(&root, "button", "Publish")),
        "an invalid guideline is not published"
    );

    let fixed = format!("{POLICY}\n# {HOSTILE}\n");
    type_into(&editor, &fixed);
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, ".check-status"),
        "The tone engine reads this guideline."
    );
    by_role(&root, "button", "Publish").click();
    yew::scheduler::flush().await;
    assert_eq!(
        last_act(&worker),
        json!({"name": "guideline.save", "args": {"id": "tone", "name": "Tone guideline", "format": "toml", "source": fixed, "base_revision": 3}})
    );

    // A refusal the worker gives at once shows, as text.
    let request = worker
        .posted()
        .into_iter()
        .rev()
        .find(|intent| intent["type"] == "act")
        .unwrap()["request"]
        .as_u64()
        .unwrap() as u32;
    worker.send(&ToConsole::Acted {
        request,
        refusal: Some(RefusedAction {
            action: "guideline.save".to_owned(),
            item: None,
            code: "not_found".to_owned(),
            message: format!("no guideline {HOSTILE}"),
            refusal: Some(Refusal::NoGuideline {
                id: HOSTILE.to_owned(),
            }),
            assignee: None,
        }),
    });
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, ".guideline-editor [role=alert]"),
        format!("Not published: There is no guideline with the id {HOSTILE}. (not_found)")
    );
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn a_tone_engine_that_cannot_be_loaded_is_named_and_nothing_unchecked_is_saved() {
    let worker = Worker::new();
    install_tone_loader(Err("the module is missing"));
    let root = mount_console(&worker, view(Role::Lead)).await;
    open_section(&root, "Guidelines").await;
    let editor = by_role(&root, "textbox", "Tone guideline (revision 3)");
    type_into(&editor, "version = 1\n# edited\n");
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, ".check-status"),
        "The tone engine could not be loaded: the module is missing"
    );
    assert!(disabled(&by_role(&root, "button", "Publish")));
    open_section(&root, "Templates").await;
    by_role(&root, "button", "Edit Shipping delay").click();
    yew::scheduler::flush().await;
    type_in(&root, "Body of variant 1", "Hi {{customer.name}}, thanks.").await;
    assert!(text_of(&root, ".template-verdict").contains("could not be loaded"));
    assert!(disabled(&by_role(&root, "button", "Save draft")));
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn history_lists_every_revision_and_restores_one_as_a_new_revision() {
    let worker = Worker::new();
    let root = console(&worker, view(Role::Lead)).await;
    open_section(&root, "Guidelines").await;
    let (_, call) = last_call(&worker, "guideline_revisions");
    assert_eq!(
        call,
        json!({"endpoint": "guideline_revisions", "id": "tone"})
    );
    let revisions = json!({"revisions": [
        {"revision": 3, "saved_by": "lead-1", "saved_at": NOW, "format": "toml", "source": "version = 1\n"},
        {"revision": 2, "saved_by": HOSTILE, "saved_at": NOW - 86_400_000, "format": "toml", "source": "version = 1\n# old\n"}
    ]});
    answer(&worker, "guideline_revisions", ok(revisions)).await;
    assert_eq!(count(&root, ".revisions li"), 2);
    assert!(
        find_by_role(&root, "button", "Restore revision 3").is_none(),
        "the current revision is not restored"
    );
    by_role(&root, "button", "Restore revision 2").click();
    yew::scheduler::flush().await;
    assert_eq!(
        last_act(&worker),
        json!({"name": "guideline.save", "args": {"id": "tone", "name": "Tone guideline", "format": "toml", "source": "version = 1\n# old\n", "base_revision": 3}})
    );
    assert!(text_of(&root, ".revisions").contains(HOSTILE));

    // The diff between any two revisions, the second newest to the newest first.
    assert_eq!(
        text_of(&root, ".revision-diff .diff"),
        "  version = 1\n- # old\n"
    );
    assert_eq!(text_of(&root, ".revision-diff .diff-removed"), "- # old\n");
    choose(&root, "From", "3").await;
    assert_eq!(
        text_of(&root, ".revision-diff .diff-none"),
        "The two revisions have the same text."
    );
    choose(&root, "To", "2").await;
    assert_eq!(text_of(&root, ".revision-diff .diff-added"), "+ # old\n");

    // A revision published from here is asked for again once the outbox is
    // empty (the store has it only then).
    let calls = || {
        worker
            .posted()
            .iter()
            .filter(|intent| intent["call"]["endpoint"] == "guideline_revisions")
            .count()
    };
    let before = calls();
    let mut pending = view(Role::Lead);
    pending.guidelines = vec![guideline("version = 1\n# new\n", 4)];
    pending.sync.pending = 1;
    worker.send(&ToConsole::View {
        view: pending.clone(),
    });
    yew::scheduler::flush().await;
    assert_eq!(calls(), before + 1);
    pending.sync.pending = 0;
    worker.send(&ToConsole::View { view: pending });
    yew::scheduler::flush().await;
    assert_eq!(calls(), before + 2, "asked again once in step");
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn the_guideline_preview_checks_the_leads_sample_drafts_against_the_rules_as_edited() {
    let worker = Worker::new();
    let mut lead = view(Role::Lead);
    lead.guidelines = vec![guideline(POLICY, 3)];
    let root = console(&worker, lead).await;
    open_section(&root, "Guidelines").await;
    type_in(
        &root,
        "Sample drafts",
        &format!("Hi Maximiliana, calm down. *KL\n\n{HOSTILE}"),
    )
    .await;
    assert_eq!(count(&root, ".samples .sample"), 2);
    let first = all(&root, ".samples .sample").remove(0);
    assert_eq!(text_of(&first, "mark"), "calm down");
    assert!(text_of(&first, ".finding-block").contains("“calm down”"));
    let second = all(&root, ".samples .sample").remove(1);
    assert_eq!(
        text_of(&second, ".checked-text"),
        HOSTILE,
        "a sample is text"
    );
    assert!(count(&second, ".finding") > 0, "no greeting, no signature");

    // An upset customer needs empathy: the same draft gets one more finding.
    type_in(
        &root,
        "Sample drafts",
        "Hi Maximiliana, your parcel ships today. *KL",
    )
    .await;
    let calm = count(&root, ".samples .finding");
    let upset: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(
        root.query_selector("input[aria-label='The customer is upset']")
            .unwrap()
            .unwrap(),
    );
    upset.click();
    yew::scheduler::flush().await;
    assert_eq!(
        count(&root, ".samples .finding"),
        calm + 1,
        "{}",
        text_of(&root, ".samples")
    );

    // The preview follows the rules being edited, before they are published.
    let edited = POLICY.replace("phrase = \"calm down\"", "phrase = \"parcel\"");
    type_in(&root, "Tone guideline (revision 3)", &edited).await;
    assert_eq!(text_of(&root, ".samples mark"), "parcel");
    type_in(&root, "Tone guideline (revision 3)", "version = [").await;
    assert_eq!(
        text_of(&root, ".samples"),
        "Fix the guideline to preview it."
    );
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn a_conflict_copy_is_compared_loaded_into_the_editor_and_published_on_the_current_revision()
{
    let worker = Worker::new();
    let mut lead = view(Role::Lead);
    let mut copy = guideline("version = 1\n# kept from the concurrent edit\n", 1);
    copy.id = "tone~conflict~7".to_owned();
    copy.conflict_of = Some("tone".to_owned());
    lead.guidelines = vec![guideline("version = 1\n", 4), copy];
    let root = console(&worker, lead).await;
    open_section(&root, "Guidelines").await;
    assert!(text_of(&root, ".conflict").contains("kept from a concurrent edit of tone"));
    assert_eq!(
        text_of(&root, ".conflict .diff-added"),
        "+ # kept from the concurrent edit\n"
    );
    by_role(
        &root,
        "button",
        "Load Tone guideline (revision 1) into the editor",
    )
    .click();
    yew::scheduler::flush().await;
    let editor: web_sys::HtmlTextAreaElement = wasm_bindgen::JsCast::unchecked_into(by_role(
        &root,
        "textbox",
        "Tone guideline (revision 4)",
    ));
    assert_eq!(
        editor.value(),
        "version = 1\n# kept from the concurrent edit\n"
    );
    assert!(text_of(&root, ".guidelines [role=status]").contains("publish it as revision 5"));
    by_role(&root, "button", "Publish").click();
    yew::scheduler::flush().await;
    assert_eq!(
        last_act(&worker),
        json!({"name": "guideline.save", "args": {"id": "tone", "name": "Tone guideline", "format": "toml",
            "source": "version = 1\n# kept from the concurrent edit\n", "base_revision": 4}})
    );
}

#[wasm_bindgen_test]
async fn a_store_without_the_new_endpoints_says_so() {
    let worker = Worker::new();
    let root = console(&worker, view(Role::Lead)).await;
    let not_found = || StoreAnswer::Failed {
        status: 404,
        code: "not_found".to_owned(),
        message: "no such endpoint; see /openapi.json".to_owned(),
    };
    open_section(&root, "Guidelines").await;
    answer(&worker, "guideline_revisions", not_found()).await;
    assert_eq!(
        text_of(&root, ".history .notice-unavailable"),
        "Guideline history: not available on this store (it answered “no such endpoint; see /openapi.json”). Update the store to use it."
    );
    open_section(&root, "Product ideas").await;
    answer(&worker, "ideas", not_found()).await;
    assert!(text_of(&root, ".ideas .notice-unavailable")
        .starts_with("Product ideas: not available on this store"));
    open_section(&root, "Members").await;
    answer(&worker, "members", not_found()).await;
    assert!(text_of(&root, ".members-section .notice-unavailable")
        .starts_with("Members: not available on this store"));
}

#[wasm_bindgen_test]
async fn the_stores_refusals_are_worded_by_code_and_others_shown_as_sent() {
    let worker = Worker::new();
    let root = console(&worker, view(Role::Lead)).await;
    let failed = |status: u16, code: &str, message: &str| StoreAnswer::Failed {
        status,
        code: code.to_owned(),
        message: message.to_owned(),
    };
    answer(
        &worker,
        "team_report",
        failed(
            429,
            "rate_limited",
            "too many requests for this token; slow down",
        ),
    )
    .await;
    assert_eq!(
        text_of(&root, ".reports .notice-error"),
        "Team report: Too many requests with your token: wait a moment and try again. (rate_limited)"
    );
    open_section(&root, "Product ideas").await;
    answer(&worker, "ideas", failed(400, "invalid_query", HOSTILE)).await;
    assert_eq!(
        text_of(&root, ".ideas .notice-error"),
        format!("Product ideas: {HOSTILE} (invalid_query)"),
        "a code the console does not word: the store's words"
    );
    open_section(&root, "Members").await;
    answer(&worker, "members", failed(0, "signed_out", "")).await;
    assert_eq!(
        text_of(&root, ".members-section .notice-error"),
        "Members: Sign in to the team store first. (signed_out)",
        "the worker's code, worded"
    );
    assert_eq!(count(&root, "img"), 0, "{}", root.inner_html());
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn an_agent_sees_the_console_read_only() {
    let worker = Worker::new();
    let root = console(&worker, view(Role::Agent)).await;
    assert!(text_of(&root, ".read-only").starts_with("Read-only: your role is agent."));
    answer(
        &worker,
        "team_report",
        StoreAnswer::Failed {
            status: 403,
            code: "forbidden".to_owned(),
            message: "this needs the lead role".to_owned(),
        },
    )
    .await;
    assert_eq!(
        text_of(&root, ".reports .notice-error"),
        "Team report: Your role does not allow this. (forbidden)"
    );

    open_section(&root, "Guidelines").await;
    let editor = by_role(&root, "textbox", "Tone guideline (revision 3)");
    assert!(editor.has_attribute("readonly"));
    assert!(find_by_role(&root, "button", "Publish").is_none());
    open_section(&root, "Templates").await;
    assert!(find_by_role(&root, "button", "Approve Shipping delay").is_none());
    open_section(&root, "Members").await;
    assert!(worker
        .posted()
        .iter()
        .all(|intent| intent["call"]["endpoint"] != "members"
            && intent["call"]["endpoint"] != "tokens"));
    assert_eq!(
        text_of(&root, ".members-section .notice"),
        "Leads and admins see the team’s members."
    );
}

#[wasm_bindgen_test]
async fn a_lead_approves_and_retires_templates_and_sees_the_stores_refusal() {
    let worker = Worker::new();
    let root = console(&worker, view(Role::Lead)).await;
    open_section(&root, "Templates").await;
    assert_eq!(text_of(&root, ".template .state"), "draft");
    assert!(text_of(&root, ".variant-body").contains(HOSTILE));
    by_role(&root, "button", "Approve Shipping delay").click();
    yew::scheduler::flush().await;
    assert_eq!(
        last_act(&worker),
        json!({"name": "template.set_state", "args": {"id": "shipping-delay", "state": "approved", "base_revision": 2}})
    );

    let mut refused = view(Role::Lead);
    refused.sync = SyncView {
        rejections: vec![RejectionView {
            mutation_id: 7,
            refusal: RefusedAction {
                action: "template.set_state".to_owned(),
                item: None,
                code: "template_not_approvable".to_owned(),
                message: "template shipping-delay cannot be approved: …".to_owned(),
                refusal: Some(Refusal::TemplateNotApprovable(Box::new(BlockedApproval {
                    id: "shipping-delay".to_owned(),
                    platform: Platform::Facebook,
                    language: "en".to_owned(),
                    rule: "no-blame".to_owned(),
                    guideline: "tone".to_owned(),
                    revision: 3,
                    message: HOSTILE.to_owned(),
                    finding: None,
                    more: 1,
                }))),
                assignee: None,
            },
        }],
        ..SyncView::default()
    };
    worker.send(&ToConsole::View { view: refused });
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, ".rejections .rejection-message"),
        format!("Template shipping-delay cannot be approved: on Facebook in English (en) it breaks the blocking rule no-blame of guideline tone (revision 3): {HOSTILE} (1 more problem)")
    );
    assert!(!pwned());
    by_role(&root, "button", "Dismiss: Template set state").click();
    yew::scheduler::flush().await;
    assert_eq!(
        worker.posted().last().unwrap(),
        &json!({"type": "dismiss_rejection", "mutation_id": 7})
    );

    let mut approved = view(Role::Lead);
    approved.templates = vec![template("Shipping delay", TemplateState::Approved)];
    worker.send(&ToConsole::View { view: approved });
    yew::scheduler::flush().await;
    assert!(find_by_role(&root, "button", "Approve Shipping delay").is_none());
    by_role(&root, "button", "Retire Shipping delay").click();
    yew::scheduler::flush().await;
    assert_eq!(last_act(&worker)["args"]["state"], "retired");
}

#[wasm_bindgen_test]
async fn ideas_are_grouped_with_safe_links_only() {
    let worker = Worker::new();
    let root = console(&worker, view(Role::Lead)).await;
    open_section(&root, "Product ideas").await;
    let (_, call) = last_call(&worker, "ideas");
    assert_eq!(
        call,
        json!({"endpoint": "ideas", "from": "2026-09-01", "to": "2026-11-29"}),
        "the last 90 days, as dates"
    );
    let ideas = json!({"groups": [{"label": "dark mode", "count": 2, "platforms": ["x", "instagram"], "first_seen": NOW - 86_400_000, "last_seen": NOW,
    "items": [
        {"ticket": "x:1", "permalink": "https://x.com/ana/status/1", "excerpt": HOSTILE, "platform": "x", "posted_at": NOW},
        {"ticket": "instagram:2", "permalink": "javascript:alert(1)", "excerpt": "please add dark mode", "platform": "instagram", "posted_at": NOW}
    ]}]});
    answer(&worker, "ideas", ok(ideas)).await;
    assert_eq!(text_of(&root, ".idea-group h3"), "dark mode");
    assert!(text_of(&root, ".idea-meta").starts_with("2 posts on X, Instagram"));
    let links: Vec<String> = all(&root, ".idea-group a")
        .iter()
        .map(|link| link.get_attribute("href").unwrap())
        .collect();
    assert_eq!(links, ["https://x.com/ana/status/1"]);
    assert!(text_of(&root, ".idea-group").contains(HOSTILE));
    assert!(find_by_role(&root, "button", "Export CSV").is_some());
    assert!(find_by_role(&root, "button", "Export JSON").is_some());
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn an_admin_sees_members_issues_a_token_shown_once_and_revokes_one() {
    let worker = Worker::new();
    let root = console(&worker, view(Role::Admin)).await;
    open_section(&root, "Members").await;
    answer(
        &worker,
        "members",
        ok(json!({"members": [
            {"id": "agent-1", "name": HOSTILE, "role": "agent", "last_active_at": null},
            {"id": "lead-1", "name": "Lee", "role": "lead", "last_active_at": NOW}
        ]})),
    )
    .await;
    assert_eq!(count(&root, "table.members tbody tr"), 2);
    assert!(text_of(&root, "table.members").contains("never"));
    answer(&worker, "tokens", ok(json!({"tokens": [
        {"token_id": "tok_1", "agent_id": "agent-1", "name": "Kim", "initials": "KL", "role": "agent", "created_at": NOW, "revoked_at": null}
    ]}))).await;

    type_into(&by_role(&root, "textbox", "Name"), "Sam Poe");
    type_into(&by_role(&root, "textbox", "Initials"), "SP");
    by_role(&root, "button", "Issue token").click();
    yew::scheduler::flush().await;
    let (_, call) = last_call(&worker, "issue_token");
    assert_eq!(
        call,
        json!({"endpoint": "issue_token", "name": "Sam Poe", "initials": "SP", "role": "agent"})
    );
    answer(&worker, "issue_token", ok(json!({"team": "acme", "token_id": "tok_2", "agent_id": "agent-2", "role": "agent", "token": "sct_secret_once"}))).await;
    assert_eq!(text_of(&root, ".issued .secret"), "sct_secret_once");
    assert!(find_by_role(&root, "button", "Copy").is_some());
    assert_eq!(
        worker
            .posted()
            .iter()
            .filter(|intent| intent["call"]["endpoint"] == "tokens")
            .count(),
        2,
        "the list is fetched again"
    );
    answer(&worker, "tokens", ok(json!({"tokens": [
        {"token_id": "tok_1", "agent_id": "agent-1", "name": "Kim", "initials": "KL", "role": "agent", "created_at": NOW, "revoked_at": null},
        {"token_id": "tok_2", "agent_id": "agent-2", "name": "Sam Poe", "initials": "SP", "role": "agent", "created_at": NOW, "revoked_at": null}
    ]}))).await;
    assert_eq!(
        text_of(&root, ".issued .secret"),
        "sct_secret_once",
        "still shown until the page is left"
    );

    by_role(&root, "button", "Revoke Kim’s token").click();
    yew::scheduler::flush().await;
    let (_, call) = last_call(&worker, "revoke_token");
    assert_eq!(call, json!({"endpoint": "revoke_token", "id": "tok_1"}));

    let minutes = root
        .query_selector("input[type=number]")
        .unwrap()
        .expect("the SLA field");
    assert_eq!(
        accessible_name(&root, &minutes),
        "First-response SLA (minutes)"
    );
    type_into(wasm_bindgen::JsCast::unchecked_ref(&minutes), "45");
    by_role(&root, "button", "Save settings").click();
    yew::scheduler::flush().await;
    assert_eq!(last_act(&worker)["name"], "settings.update");
    assert_eq!(
        last_act(&worker)["args"]["settings"]["first_response_minutes"],
        45
    );
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn signed_out_the_console_offers_sign_in() {
    let worker = Worker::new();
    let root = console(&worker, ConsoleView::default()).await;
    by_role(&root, "button", "Sign in").click();
    yew::scheduler::flush().await;
    assert_eq!(
        worker.posted().last().unwrap(),
        &json!({"type": "open_options"})
    );
}

#[wasm_bindgen_test]
fn the_csv_table_parses_back_with_hostile_names_quoted() {
    let report: Report = serde_json::from_value(report()).unwrap();
    let csv = table_csv(&table(&report));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "scope");
    assert_eq!(&headers[2], "inbound");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(&rows[0][2], "40");
    assert_eq!(&rows[3][1], HOSTILE);
}

#[wasm_bindgen_test]
fn a_name_a_spreadsheet_would_run_as_a_formula_is_downloaded_as_text() {
    let mut json = report();
    json["by_agent"][0]["name"] = json!("=HYPERLINK(\"https://evil.example\")");
    let report: Report = serde_json::from_value(json).unwrap();
    let csv = table_csv(&table(&report));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[3][1], "'=HYPERLINK(\"https://evil.example\")");
    assert_eq!(
        table(&report)[3].name,
        "=HYPERLINK(\"https://evil.example\")",
        "the page shows the name as it is"
    );
}

/// Enters `value` in a field that reads it when it changes (tags, ids,
/// languages), as the lead would: sets it, fires `change`.
async fn enter(root: &Element, name: &str, value: &str) {
    let input: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::unchecked_into(by_role(root, "textbox", name));
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
}

/// Types into a textbox that checks as the lead types.
async fn type_in(root: &Element, name: &str, value: &str) {
    type_into(&by_role(root, "textbox", name), value);
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn an_approval_problem_says_what_the_rule_says_in_the_leads_language() {
    use socialcare::templates::ApprovalProblem;
    use socialcare::tone::{Wording, WordingValue};
    use socialcare_console::approval_problems::{ApprovalProblems, ApprovalProblemsProps};
    let problem = |wording: Option<Wording>, message: &str| ApprovalProblem {
        platform: Platform::Facebook,
        language: "fr".to_owned(),
        rule_id: "calm".to_owned(),
        message: message.to_owned(),
        wording,
        rendered: "Bonjour Ana, calm down.".to_owned(),
    };
    let banned = Wording {
        key: "tone_banned".into(),
        values: vec![WordingValue::Text(HOSTILE.to_owned())],
    };
    let (root, _app) = mount_in_french::<ApprovalProblems>(ApprovalProblemsProps {
        problems: vec![
            problem(Some(banned), &format!("Avoid “{HOSTILE}”.")),
            problem(None, "Ne dites jamais <b>calme</b>."),
        ],
    })
    .await;
    let lines: Vec<String> = all(&root, ".approval-problems li")
        .iter()
        .map(|line| line.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        lines,
        [
            format!("Facebook, français (fr)\u{a0}: calm — Évitez «\u{a0}{HOSTILE}\u{a0}»."),
            "Facebook, français (fr)\u{a0}: calm — Ne dites jamais <b>calme</b>.".to_owned(),
        ],
        "the language named and the engine's finding in the lead's language, a rule's own words as written"
    );
    assert_eq!(
        count(&root, "img") + count(&root, "b"),
        0,
        "values are text"
    );
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn the_template_editor_lints_previews_per_platform_and_saves_through_the_outbox() {
    let worker = Worker::new();
    let mut lead = view(Role::Lead);
    lead.guidelines = vec![guideline(POLICY, 3)];
    lead.templates[0].updated_at = NOW - 2 * 86_400_000;
    let root = console(&worker, lead).await;
    open_section(&root, "Templates").await;

    // Usage comes from the team report of the last 90 days; a draft shows its age.
    let (_, call) = last_call(&worker, "team_report");
    assert_eq!(call["from"], "2026-09-01");
    assert_eq!(call["to"], "2026-11-29");
    answer(
        &worker,
        "team_report",
        ok(json!({"templates": [{"template_id": "shipping-delay", "uses": 12, "last_used_at": NOW - 3_600_000}]})),
    )
    .await;
    assert!(
        text_of(&root, ".template-usage")
            .starts_with("Used 12 times in the last 90 days, last on "),
        "{}",
        text_of(&root, ".template-usage")
    );
    assert_eq!(
        text_of(&root, ".template-waiting"),
        "Waiting for review for 2 d 0 h"
    );

    by_role(&root, "button", "New template").click();
    yew::scheduler::flush().await;
    assert!(
        disabled(&by_role(&root, "button", "Save draft")),
        "a template without a name is not saved"
    );
    type_in(&root, "Template name", "Late parcel").await;
    assert_eq!(text_of(&root, ".template-id"), "Id: late-parcel");

    // A banned phrase is found on every platform, marked where it is.
    type_in(
        &root,
        "Body of variant 1",
        "Hi {{customer.first_name}}, calm down. *{{agent.initials}}",
    )
    .await;
    assert_eq!(count(&root, ".preview"), 3);
    for platform in ["x", "facebook", "instagram"] {
        let preview = root
            .query_selector(&format!(".preview[data-platform={platform}]"))
            .unwrap()
            .unwrap();
        assert_eq!(
            text_of(&preview, ".checked-text"),
            "Hi Maximiliana, calm down. *KL"
        );
        assert_eq!(text_of(&preview, "mark"), "calm down");
        assert!(
            text_of(&preview, ".finding-block").contains("(characters 17–25: “calm down”)"),
            "{}",
            text_of(&preview, ".findings")
        );
    }
    assert_eq!(
        text_of(&root, ".preview[data-platform=x] .length"),
        " · 30 / 280 characters"
    );
    assert!(text_of(&root, ".template-verdict")
        .starts_with("It can produce a blocking finding: the store will refuse to approve it."));

    // A prompt the body uses must exist: the engine's words, and no save.
    type_in(
        &root,
        "Body of variant 1",
        "Hi {{customer.first_name}}, sorry for the wait on order {{prompt.order}}. *{{agent.initials}}",
    )
    .await;
    assert!(
        text_of(&root, ".template-verdict").contains("order"),
        "{}",
        text_of(&root, ".template-verdict")
    );
    assert!(disabled(&by_role(&root, "button", "Save draft")));
    by_role(&root, "button", "Add prompt").click();
    yew::scheduler::flush().await;
    enter(&root, "Id of prompt 1", "order").await;
    enter(&root, "Question of prompt 1", "Order number").await;
    assert_eq!(
        text_of(&root, ".template-verdict"),
        "No blocking finding: a lead can approve it once saved."
    );
    assert_eq!(
        text_of(&root, ".preview[data-platform=x] .checked-text"),
        "Hi Maximiliana, sorry for the wait on order the details you sent. *KL"
    );

    // A variant for X takes X from the variant for every platform.
    by_role(&root, "button", "Add variant").click();
    yew::scheduler::flush().await;
    choose(&root, "Platform of variant 2", "x").await;
    type_in(
        &root,
        "Body of variant 2",
        "Hi {{customer.first_name}}! Order {{prompt.order}} is on its way 🚚 *{{agent.initials}}",
    )
    .await;
    let first = root.query_selector("[data-variant='0']").unwrap().unwrap();
    assert_eq!(
        count(&first, ".preview"),
        2,
        "variant 1 now serves Facebook and Instagram"
    );
    let second = root.query_selector("[data-variant='1']").unwrap().unwrap();
    assert_eq!(count(&second, ".preview[data-platform=x]"), 1);
    assert!(
        text_of(&second, ".length").contains(" / 280 characters"),
        "{}",
        text_of(&second, ".length")
    );

    enter(&root, "Tags (comma-separated)", "shipping, delay ,").await;
    let complaint: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(
        root.query_selector("input[type=checkbox][aria-label=Complaint]")
            .unwrap()
            .unwrap(),
    );
    complaint.click();
    yew::scheduler::flush().await;
    by_role(&root, "button", "Save draft").click();
    yew::scheduler::flush().await;
    assert_eq!(
        last_act(&worker),
        json!({"name": "template.save", "args": {
            "id": "late-parcel", "name": "Late parcel",
            "variants": [
                {"platform": null, "language": "en", "body": "Hi {{customer.first_name}}, sorry for the wait on order {{prompt.order}}. *{{agent.initials}}"},
                {"platform": "x", "language": "en", "body": "Hi {{customer.first_name}}! Order {{prompt.order}} is on its way 🚚 *{{agent.initials}}"}
            ],
            "tags": ["shipping", "delay"], "intents": ["complaint"],
            "prompts": [{"id": "order", "label": "Order number", "kind": "text", "required": true}],
            "base_revision": 0
        }})
    );
    assert!(
        text_of(&root, ".templates [role=status]").starts_with("Saved “Late parcel” as a draft")
    );

    // Editing an existing template saves it on the revision the lead edited.
    by_role(&root, "button", "Edit Shipping delay").click();
    yew::scheduler::flush().await;
    assert!(
        disabled(&by_role(&root, "button", "Save draft")),
        "nothing changed yet"
    );
    assert!(
        text_of(&root, ".preview[data-platform=x] .checked-text").contains(HOSTILE),
        "customer-facing text is shown as text"
    );
    type_in(
        &root,
        "Body of variant 1",
        "Hi {{customer.name}}, sorry! *{{agent.initials}}",
    )
    .await;
    by_role(&root, "button", "Save draft").click();
    yew::scheduler::flush().await;
    let saved = last_act(&worker);
    assert_eq!(saved["args"]["id"], "shipping-delay");
    assert_eq!(saved["args"]["base_revision"], 2);
    assert!(!pwned());
}

/// The guideline editor's text.
fn guideline_text(root: &Element) -> String {
    let editor: web_sys::HtmlTextAreaElement = wasm_bindgen::JsCast::unchecked_into(
        root.query_selector("#guideline-source").unwrap().unwrap(),
    );
    editor.value()
}

/// Clicks the checkbox named `name`.
async fn tick(root: &Element, name: &str) {
    let checkbox: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(
        root.query_selector(&format!("input[type=checkbox][aria-label=\"{name}\"]"))
            .unwrap()
            .unwrap_or_else(|| panic!("no checkbox {name}")),
    );
    checkbox.click();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn the_form_view_edits_the_common_rules_in_the_same_file_and_keeps_the_rest() {
    let worker = Worker::new();
    let mut lead = view(Role::Lead);
    lead.guidelines = vec![guideline(POLICY, 3)];
    let root = console(&worker, lead).await;
    open_section(&root, "Guidelines").await;
    by_role(&root, "button", "Form view").click();
    yew::scheduler::flush().await;

    let phrase: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::unchecked_into(by_role(&root, "textbox", "Banned phrase 2"));
    assert_eq!(phrase.value(), "calm down");
    enter(
        &root,
        "Replacement for banned phrase 2",
        "let's sort this out",
    )
    .await;
    let text = guideline_text(&root);
    assert!(
        text.contains("phrase = \"calm down\"\nwhy = \"never tell an upset customer how to feel\"\nseverity = \"block\"\nreplacement = \"let's sort this out\""),
        "{text}"
    );
    choose(&root, "Severity of banned phrase 2", "warn").await;
    assert!(guideline_text(&root)
        .contains("severity = \"warn\"\nreplacement = \"let's sort this out\""));
    by_role(&root, "button", "Remove banned phrase 4").click();
    yew::scheduler::flush().await;
    assert!(!guideline_text(&root).contains("ASAP"));
    by_role(&root, "button", "Add banned phrase").click();
    yew::scheduler::flush().await;
    enter(&root, "Banned phrase 4", "no worries").await;
    assert!(guideline_text(&root)
        .contains("[[terms.banned]]\nphrase = \"no worries\"\nseverity = \"warn\""));

    // A number that does not read changes nothing and says why.
    let before = guideline_text(&root);
    enter(&root, "Length: Facebook limit", "lots").await;
    assert_eq!(
        text_of(&root, ".rules-form [role=alert]"),
        "Facebook limit: “lots” is not a whole number"
    );
    assert_eq!(guideline_text(&root), before);
    enter(&root, "Length: Facebook limit", "900").await;
    assert!(guideline_text(&root).contains("facebook = 900\n"));

    tick(&root, "Privacy guard: Phone numbers").await;
    assert!(guideline_text(&root).contains("phones = false\n"));
    tick(&root, "Use the rule: Required signature").await;
    assert!(!guideline_text(&root).contains("[required.signature]"));
    tick(&root, "Use the rule: Required signature").await;
    assert!(guideline_text(&root)
        .contains("[required.signature]\nformat = \"*{initials}\"\nseverity = \"warn\""));
    enter(&root, "Links: Allowed domains", "acme.com, help.acme.com").await;
    assert!(guideline_text(&root).contains("allowed_domains = [\"acme.com\", \"help.acme.com\"]"));

    // Everything the form does not show is kept, comments included, and the
    // tone engine reads the result; Publish sends the same text.
    let text = guideline_text(&root);
    for kept in [
        "# Acme Care — tone policy",
        "[[promises]]\nid = \"promises.refunds\"",
        "pattern = '\\bAC-\\d{6,8}\\b'",
        "cards = true      # card numbers, checked with the Luhn formula",
        "[style.readability]",
    ] {
        assert!(text.contains(kept), "{kept} was lost:\n{text}");
    }
    assert_eq!(
        text_of(&root, ".check-status"),
        "The tone engine reads this guideline."
    );
    by_role(&root, "button", "Publish").click();
    yew::scheduler::flush().await;
    assert_eq!(last_act(&worker)["args"]["source"], text);

    // Unreadable TOML: the form says so instead of guessing.
    type_in(&root, "Tone guideline (revision 3)", "version = [").await;
    assert!(text_of(&root, ".rules-form-unreadable").starts_with("Fix the TOML to use the form:"));
}

/// Sets an input that reads its value when it changes (time, number).
async fn set_input(root: &Element, label: &str, value: &str) {
    let input: web_sys::HtmlInputElement = wasm_bindgen::JsCast::unchecked_into(
        root.query_selector(&format!("input[aria-label=\"{label}\"]"))
            .unwrap()
            .unwrap_or_else(|| panic!("no input {label}")),
    );
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn an_admin_edits_business_hours_and_brand_accounts() {
    let worker = Worker::new();
    let mut admin = view(Role::Admin);
    admin
        .settings
        .brand_accounts
        .insert(socialcare::model::Platform::X, vec!["@acme".to_owned()]);
    let root = console(&worker, admin).await;
    open_section(&root, "Members").await;
    let x: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::unchecked_into(by_role(&root, "textbox", "Brand accounts on X"));
    assert_eq!(x.value(), "@acme");
    tick(&root, "Business hours").await;
    tick(&root, "Friday").await;
    set_input(&root, "Start of the day", "08:30").await;
    set_input(&root, "End of the day", "16:00").await;
    set_input(&root, "UTC offset in minutes", "60").await;
    enter(&root, "Brand accounts on Instagram", " acme, acme_help ,").await;
    by_role(&root, "button", "Save settings").click();
    yew::scheduler::flush().await;
    assert_eq!(
        last_act(&worker),
        json!({"name": "settings.update", "args": {"settings": {
            "first_response_minutes": 60,
            "business_hours": {"utc_offset_minutes": 60, "days": [1, 2, 3, 4], "start_minute": 510, "end_minute": 960},
            "brand_accounts": {"x": ["@acme"], "instagram": ["acme", "acme_help"]}
        }}})
    );
    assert_eq!(
        text_of(&root, ".settings [role=status]"),
        "Saved: waiting for the store."
    );

    // What the form cannot read is not sent; the worker's refusal shows.
    let acts = worker
        .posted()
        .iter()
        .filter(|intent| intent["type"] == "act")
        .count();
    set_input(&root, "UTC offset in minutes", "").await;
    by_role(&root, "button", "Save settings").click();
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, ".settings [role=status]"),
        "Enter the UTC offset as whole minutes (60 for UTC+1, -300 for UTC-5)."
    );
    assert_eq!(
        worker
            .posted()
            .iter()
            .filter(|intent| intent["type"] == "act")
            .count(),
        acts
    );
    set_input(&root, "UTC offset in minutes", "0").await;
    set_input(&root, "End of the day", "07:00").await;
    by_role(&root, "button", "Save settings").click();
    yew::scheduler::flush().await;
    let request = worker
        .posted()
        .into_iter()
        .rev()
        .find(|intent| intent["type"] == "act")
        .unwrap()["request"]
        .as_u64()
        .unwrap() as u32;
    worker.send(&ToConsole::Acted {
        request,
        refusal: Some(RefusedAction {
            action: "settings.update".to_owned(),
            item: None,
            code: "invalid_args".to_owned(),
            message: "business hours need start < end ≤ 1440 and an offset within ±14 h".to_owned(),
            refusal: None,
            assignee: None,
        }),
    });
    yew::scheduler::flush().await;
    assert!(text_of(&root, ".settings [role=status]")
        .starts_with("Not saved: business hours need start < end"));

    // Switching business hours off sends none.
    tick(&root, "Business hours").await;
    by_role(&root, "button", "Save settings").click();
    yew::scheduler::flush().await;
    assert_eq!(
        last_act(&worker)["args"]["settings"]["business_hours"],
        Value::Null
    );
}
