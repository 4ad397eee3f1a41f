//! Component tests of the side panel: the real Yew components rendered in
//! headless Chromium, asserted on the DOM they produce; the whole panel
//! driven through a stand-in service worker on its port.
//!
//! Run with `make test-panel` (wasm-bindgen-test-runner + chromedriver).
//! Nothing here waits on a clock: rendering is awaited with
//! `yew::scheduler::flush`, promises over a bounded number of event-loop
//! turns, and time (SLA countdowns, reconnection waits) is a `ManualClock`.

#![cfg(target_arch = "wasm32")]

mod support;

use socialcare::care::{
    assess_with_language, CareContext, Day, Intent, Reason, Topic, UrgencyLevel,
};
use socialcare::model::{ItemKey, ObservedItem, Platform, Priority, Role, TicketStatus};
use socialcare::sentiment::{Label, Scores};
use socialcare::sync::{BlockedApproval, PresenceState, Refusal, ScalarField};
use socialcare::tone::Wording;
use socialcare_pages::panel::app::{App, AppProps};
use socialcare_pages::panel::author::{Author, AuthorProps};
use socialcare_pages::panel::care_signals::{CareSignals, CareSignalsProps};
use socialcare_pages::panel::empty_state::{EmptyState, EmptyStateProps};
use socialcare_pages::panel::item_card::{ItemCard, ItemCardProps};
use socialcare_pages::panel::permalink::{safe_href, Permalink, PermalinkProps};
use socialcare_pages::panel::presence::{PresenceList, PresenceListProps};
use socialcare_pages::panel::recent::excerpt;
use socialcare_pages::panel::rejections::{Rejections, RejectionsProps};
use socialcare_pages::panel::screen::{Screen, ScreenProps, ScreenState};
use socialcare_pages::panel::sentiment_meter::{fill_style, SentimentMeter, SentimentMeterProps};
use socialcare_pages::panel::sla_countdown::SlaCountdown;
use socialcare_pages::panel::sync_status::{SyncStatus, SyncStatusProps};
use socialcare_pages::panel::ticket_section::{TicketSection, TicketSectionProps};
use socialcare_pages::panel::when::{clock_time, duration, local_time, local_time_ms};
use socialcare_pages::port::{FIRST_RECONNECT_DELAY_MS, MAX_RECONNECT_DELAY_MS};
use socialcare_views::focus::FocusedItem;
use socialcare_views::{
    AgentView, FocusView, FromPage, PanelView, PresenceView, RefusedAction, RejectionView,
    SessionView, SyncState, SyncView, TicketView, ToPage,
};
use socialcare_views::{NoteView, QueueItemView, QueueView, ReminderChoice, ReminderView};
use std::rc::Rc;
use support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::Element;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function install_fake_commands(shortcut) {
  globalThis.chrome = {
    commands: {
      getAll() {
        return Promise.resolve([
          { name: "_execute_action", shortcut: "Alt+Shift+A" },
          { name: "focus-item", shortcut, description: "Show the item under focus" },
        ]);
      },
    },
  };
}
"#)]
extern "C" {
    fn install_fake_commands(shortcut: &str);
}

/// A focused item: the item as the content script reports it (its wire
/// JSON) and the real care engine's assessment of its text.
fn focused(name: &str, text: &str, permalink: &str) -> Rc<FocusedItem> {
    focused_as("x:1800000000000000001", name, text, permalink)
}

/// [`focused`] with the item key `key`.
fn focused_as(key: &str, name: &str, text: &str, permalink: &str) -> Rc<FocusedItem> {
    let item: ObservedItem = serde_json::from_value(serde_json::json!({
        "key": key,
        "kind": "reply",
        "author_handle": "dana_k",
        "author_name": name,
        "text": text,
        "permalink": permalink,
        "timestamp": "2026-11-22T09:30:00Z",
    }))
    .expect("fixture item parses");
    // The language as the worker names it in the extension (the browser's
    // `i18n.detectLanguage`: the pages' wasm ships no detector).
    let assessment = assess_with_language(text, &CareContext::default(), Some("en"));
    Rc::new(FocusedItem { item, assessment })
}

fn key(key: &str) -> ItemKey {
    key.parse().unwrap()
}

fn agent(name: &str, initials: &str) -> AgentView {
    AgentView {
        id: format!("agent-{initials}"),
        name: name.to_owned(),
        initials: initials.to_owned(),
    }
}

fn session() -> SessionView {
    SessionView {
        store_url: "https://care.example.com".to_owned(),
        agent: agent("Ana Ruiz", "AR"),
        role: Role::Agent,
        token_hint: "9f3c".to_owned(),
    }
}

/// A new ticket on `item`, posted at minute 0, due at minute 60.
fn ticket(item: &str) -> TicketView {
    TicketView {
        item: key(item),
        status: TicketStatus::New,
        assignee: None,
        mine: false,
        priority: Priority::Normal,
        tags: vec![],
        posted_at: Some(POSTED),
        first_response_due: Some(POSTED + HOUR),
        first_response_at: None,
        unsynced: false,
        notes: vec![],
        reminder: None,
        tag_suggestions: vec![],
        assignable: vec![],
    }
}

const POSTED: i64 = 1_795_000_000_000;
const HOUR: i64 = 3_600_000;

fn synced() -> SyncView {
    SyncView {
        state: SyncState::Synced,
        last_synced_at: Some(POSTED),
        ..SyncView::default()
    }
}

/// A signed-in view focused on `focus` (with `ticket`), nothing earlier.
fn view_of(focus: &Rc<FocusedItem>, ticket: Option<TicketView>) -> PanelView {
    PanelView {
        session: Some(session()),
        sync: synced(),
        focus: Some(FocusView {
            focused: focus.as_ref().clone(),
            ticket,
            presence: vec![],
            ours: false,
            customer: None,
            replies: vec![],
        }),
        recent: vec![],
        queue: Some(QueueView::default()),
        composer: None,
    }
}

fn view_message(view: PanelView) -> ToPage {
    ToPage::View { view }
}

/// Mounts the whole panel on `worker` with `clock`.
async fn panel(worker: &Worker, clock: &ManualClock) -> (Element, yew::AppHandle<App>) {
    mount::<App>(AppProps {
        extension: worker.extension(),
        clock: clock.clock(),
    })
    .await
}

type ClockProvider = yew::ContextProvider<socialcare_pages::clock::Clock>;

/// Mounts `children` with `clock` in their context.
async fn with_clock(
    clock: &ManualClock,
    children: yew::Html,
) -> (Element, yew::AppHandle<ClockProvider>) {
    mount::<ClockProvider>(yew::context::ContextProviderProps {
        context: clock.clock(),
        children,
    })
    .await
}

fn shows(root: &Element, text: &str) -> bool {
    root.query_selector(".item-text")
        .unwrap()
        .and_then(|el| el.text_content())
        .as_deref()
        == Some(text)
}

#[wasm_bindgen_test]
async fn hostile_text_and_display_name_render_as_text() {
    let mut hostile = focused(
        HOSTILE,
        &format!("Refund me! {HOSTILE}"),
        "https://x.com/dana_k/status/1800000000000000001",
    )
    .as_ref()
    .clone();
    hostile.item.reposted_by = Some(HOSTILE.to_owned());
    let focus = Rc::new(hostile);
    let (root, _app) = mount::<ItemCard>(ItemCardProps { focus }).await;

    assert_eq!(
        count(&root, "img"),
        0,
        "an img element was created: {}",
        root.inner_html()
    );
    assert_eq!(
        text_of(&root, ".item-text"),
        format!("Refund me! {HOSTILE}")
    );
    assert_eq!(text_of(&root, ".author-name"), HOSTILE);
    assert_eq!(
        text_of(&root, ".item-repost"),
        format!("Reposted by @{HOSTILE}")
    );
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn author_shows_name_and_handle_or_says_unknown() {
    let (root, _app) = mount::<Author>(AuthorProps {
        name: Some("<b>Dana</b>".into()),
        handle: Some("dana_k".into()),
    })
    .await;
    assert_eq!(count(&root, "b"), 0);
    assert_eq!(text_of(&root, ".author"), "<b>Dana</b> @dana_k");

    let (root, _app) = mount::<Author>(AuthorProps {
        name: None,
        handle: Some(" ".into()),
    })
    .await;
    assert_eq!(text_of(&root, ".author"), "Unknown author");
}

#[wasm_bindgen_test]
async fn item_card_shows_origin_text_sentiment_and_signals() {
    let text = "I'm filing a chargeback if I don't get my refund TODAY!!! Worst service ever.";
    let focus = focused(
        "Dana K",
        text,
        "https://x.com/dana_k/status/1800000000000000001",
    );
    let assessment = &focus.assessment;
    // What the care engine says of this text, so the card has something to show.
    assert_eq!(assessment.label, Label::Negative);
    assert_eq!(assessment.intent, Intent::Billing);
    assert_eq!(assessment.urgency_level, UrgencyLevel::High);
    assert!(!assessment.reasons.is_empty());
    // The panel's English words for the reasons are the CLI's.
    let reasons: Vec<String> = assessment.reasons.iter().map(Reason::to_string).collect();
    let percent = (assessment.urgency * 100.0).round();
    let (root, _app) = mount::<ItemCard>(ItemCardProps { focus }).await;

    assert_eq!(text_of(&root, "#item-heading"), "Dana K @dana_k");
    assert_eq!(text_of(&root, ".item-origin"), "X reply");
    let time = root.query_selector("time").unwrap().unwrap();
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2026-11-22T09:30:00Z")
    );
    let shown = time.text_content().unwrap();
    assert!(shown.contains("2026") && !shown.contains("T09"), "{shown}");
    let quote = root.query_selector(".item-text").unwrap().unwrap();
    assert_eq!(quote.text_content().as_deref(), Some(text));
    assert_eq!(quote.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(quote.get_attribute("dir").as_deref(), Some("auto"));
    assert_eq!(
        text_of(&root, ".sentiment-label .sentiment-word"),
        "Negative"
    );
    assert_eq!(
        text_of(&root, ".urgency-text"),
        format!("High ({percent}%)")
    );
    assert_eq!(text_of(&root, ".intent"), "Billing");
    assert_eq!(text_of(&root, ".language"), "English (en)");
    let shown: Vec<String> = (0..count(&root, ".reasons li"))
        .map(|at| {
            root.query_selector_all(".reasons li")
                .unwrap()
                .get(at)
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    assert_eq!(shown, reasons);
    assert_eq!(
        count(
            &root,
            "a[href='https://x.com/dana_k/status/1800000000000000001']"
        ),
        1
    );
    assert_eq!(count(&root, "h2"), 1);
    assert_eq!(count(&root, "h3"), 2, "sentiment and care signals headings");
}

#[wasm_bindgen_test]
async fn sentiment_label_score_and_proportions_are_shown() {
    let scores = Scores {
        neg: 0.42,
        neu: 0.5,
        pos: 0.08,
        compound: -0.7184,
    };
    let (root, _app) = mount::<SentimentMeter>(SentimentMeterProps {
        scores,
        label: Label::Negative,
        care_compound: -0.6,
        care_label: Label::Negative,
    })
    .await;
    assert_eq!(text_of(&root, ".sentiment-word"), "Negative");
    assert_eq!(text_of(&root, ".sentiment-compound"), "(-0.72)");
    assert_eq!(count(&root, ".sentiment-label.sentiment-negative"), 1);
    let scale = root.query_selector("[role=meter]").unwrap().unwrap();
    assert_eq!(
        scale.get_attribute("aria-valuenow").as_deref(),
        Some("-0.7184")
    );
    // Filled from the score (-0.7184 → 14.1%) to the centre (50%).
    let fill = root.query_selector(".sentiment-fill").unwrap().unwrap();
    assert_eq!(
        fill.get_attribute("style").as_deref(),
        Some("inset-inline-start: 14.1%; width: 35.9%")
    );
    assert_eq!(
        text_of(&root, ".sentiment-scores"),
        "Negative42%Neutral50%Positive8%"
    );
    assert_eq!(
        count(&root, ".sentiment-care"),
        0,
        "the care reading agrees, so it is not repeated"
    );

    let scores = Scores {
        neg: 0.0,
        neu: 0.6,
        pos: 0.4,
        compound: f64::NAN,
    };
    let (root, _app) = mount::<SentimentMeter>(SentimentMeterProps {
        scores,
        label: Label::Positive,
        care_compound: -0.31,
        care_label: Label::Negative,
    })
    .await;
    assert_eq!(
        text_of(&root, ".sentiment-label .sentiment-word"),
        "Positive"
    );
    assert_eq!(text_of(&root, ".sentiment-compound"), "(+0.00)");
    assert_eq!(fill_style(0.5), "inset-inline-start: 50.0%; width: 25.0%");
    assert_eq!(
        text_of(&root, ".sentiment-care"),
        "Read with emoji, per sentence: Negative (-0.31)"
    );
}

#[wasm_bindgen_test]
async fn care_signals_show_urgency_reasons_anger_intent_language() {
    let (root, _app) = mount::<CareSignals>(CareSignalsProps {
        urgency: 0.5,
        level: UrgencyLevel::Medium,
        reasons: vec![
            Reason::SaysWaited {
                minutes: 3 * 24 * 60,
            },
            Reason::Legacy {
                text: HOSTILE.into(),
            },
        ],
        anger: true,
        intent: Intent::AccountSecurity,
        language: Some("es".into()),
    })
    .await;
    assert_eq!(text_of(&root, ".urgency-text"), "Medium (50%)");
    assert_eq!(count(&root, ".urgency-medium meter[value='0.5']"), 1);
    assert_eq!(count(&root, ".reasons li"), 2);
    assert_eq!(
        text_of(&root, ".reasons li:first-child"),
        "says they waited 3 days"
    );
    assert_eq!(text_of(&root, ".reasons li:last-child"), HOSTILE);
    assert_eq!(count(&root, "img"), 0);
    assert_eq!(text_of(&root, ".anger-flag"), "Angry customer");
    assert_eq!(text_of(&root, ".intent"), "Account security");
    assert_eq!(text_of(&root, ".language"), "Spanish (es)");
}

#[wasm_bindgen_test]
async fn each_reason_reads_in_english_as_the_cli_writes_it() {
    let reasons = vec![
        Reason::Topic {
            topic: Topic::Hacked,
        },
        Reason::ContactNumber { contacts: 3 },
        Reason::Shouting,
        Reason::Exclamations { count: 7 },
        Reason::AngryEmoji {
            emoji: "😡🤬".into(),
        },
        Reason::Waiting { minutes: 1 },
        Reason::Waiting { minutes: 150 },
        Reason::Waiting {
            minutes: 24 * 60 + 30,
        },
        Reason::NthMessage {
            nth: 3,
            minutes: Some(120),
        },
        Reason::NthMessage {
            nth: 2,
            minutes: Some(60),
        },
        Reason::NthMessage {
            nth: 21,
            minutes: None,
        },
        Reason::NthMessage {
            nth: 12,
            minutes: Some(45),
        },
        Reason::SaysWaited { minutes: 2 * 60 },
        Reason::Deadline { within_hours: 1 },
        Reason::Deadline { within_hours: 2 },
        Reason::NeededBy { day: Day::Today },
        Reason::NeededBy { day: Day::Tomorrow },
        Reason::StronglyNegative { compound: -0.7234 },
        Reason::AngryTone,
        Reason::TimeCriticalTone,
    ];
    let expected: Vec<String> = reasons.iter().map(Reason::to_string).collect();
    assert_eq!(expected[8], "3rd message in 2 hours");
    let shown = reasons_shown(reasons).await;
    assert_eq!(shown, expected);
    assert_eq!(shown[0], "mentions a hacked or compromised account");
    assert_eq!(shown[3], "!!!!! in a row");
    assert_eq!(shown[7], "waiting 1 day");
    assert_eq!(shown[11], "12th message in 45 minutes");
    assert_eq!(shown[17], "strongly negative (-0.72)");

    // Every topic has its message.
    let topics: Vec<Reason> = Topic::ALL
        .iter()
        .map(|&topic| Reason::Topic { topic })
        .collect();
    let expected: Vec<String> = topics.iter().map(Reason::to_string).collect();
    assert_eq!(reasons_shown(topics).await, expected);
}

/// The reasons' list as `CareSignals` shows `reasons`.
async fn reasons_shown(reasons: Vec<Reason>) -> Vec<String> {
    let (root, _app) = mount::<CareSignals>(CareSignalsProps {
        urgency: 0.9,
        level: UrgencyLevel::High,
        reasons,
        anger: true,
        intent: Intent::Complaint,
        language: None,
    })
    .await;
    let list = root.query_selector_all(".reasons li").unwrap();
    (0..list.length())
        .map(|at| list.get(at).unwrap().text_content().unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn absent_care_signals_are_left_out() {
    let (root, _app) = mount::<CareSignals>(CareSignalsProps {
        urgency: 0.1,
        level: UrgencyLevel::Low,
        reasons: vec![],
        anger: false,
        intent: Intent::Question,
        language: None,
    })
    .await;
    assert_eq!(text_of(&root, ".urgency-text"), "Low (10%)");
    assert_eq!(count(&root, ".anger-flag"), 0);
    assert_eq!(text_of(&root, ".anger"), "Not detected");
    assert_eq!(count(&root, ".reasons, .language"), 0);
    assert_eq!(text_of(&root, ".intent"), "Question");

    // A language code the browser cannot name is shown as it is, as text.
    let (root, _app) = mount::<CareSignals>(CareSignalsProps {
        urgency: 0.0,
        level: UrgencyLevel::Low,
        reasons: vec![],
        anger: false,
        intent: Intent::Spam,
        language: Some("<i>x</i>".into()),
    })
    .await;
    assert_eq!(text_of(&root, ".language"), "<i>x</i>");
    assert_eq!(count(&root, "i"), 0);
}

#[wasm_bindgen_test]
fn only_https_permalinks_on_the_three_sites_are_safe() {
    for (raw, href) in [
        (
            "https://x.com/dana_k/status/1",
            "https://x.com/dana_k/status/1",
        ),
        (
            "HTTPS://X.COM/dana_k/status/1",
            "https://x.com/dana_k/status/1",
        ),
        (
            "https://twitter.com/dana_k/status/1",
            "https://twitter.com/dana_k/status/1",
        ),
        (
            "https://www.facebook.com/123/posts/456",
            "https://www.facebook.com/123/posts/456",
        ),
        (
            "https://m.facebook.com/story.php?id=1",
            "https://m.facebook.com/story.php?id=1",
        ),
        (
            "https://www.instagram.com/p/Cabc/",
            "https://www.instagram.com/p/Cabc/",
        ),
    ] {
        assert_eq!(safe_href(raw).as_deref(), Some(href), "{raw}");
    }
    for raw in [
        "http://x.com/dana_k/status/1",
        "javascript:alert(1)",
        " javascript:alert(1)//https://x.com/",
        "data:text/html,<script>alert(1)</script>",
        "//x.com/dana_k/status/1",
        "https:x.com/dana_k/status/1",
        "https://evil.example/x.com",
        "https://x.com.evil.example/status/1",
        "https://evil.example\\@x.com/",
        "https://x.com@evil.example/",
        "https://user:pw@x.com/",
        "https://x.com:8443/dana_k",
        "https://facebook.com.evil.example/",
        "https://instagram.com./p/1",
        "",
    ] {
        assert_eq!(safe_href(raw), None, "{raw} was accepted");
    }
}

#[wasm_bindgen_test]
async fn safe_permalink_is_an_anchor_opening_a_new_tab() {
    let url = "https://www.instagram.com/p/Cabc/";
    let (root, _app) = mount::<Permalink>(PermalinkProps {
        url: Some(url.into()),
    })
    .await;
    let anchor = root.query_selector("a").unwrap().expect("an anchor");
    assert_eq!(anchor.get_attribute("href").as_deref(), Some(url));
    assert_eq!(anchor.get_attribute("target").as_deref(), Some("_blank"));
    assert_eq!(
        anchor.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert_eq!(anchor.text_content().as_deref(), Some(url));
}

#[wasm_bindgen_test]
async fn unsafe_permalinks_are_shown_as_text_not_links() {
    for raw in [
        "http://x.com/dana_k/status/1",
        "javascript:alert(1)",
        "https://evil.example/p/1",
        HOSTILE,
    ] {
        let (root, _app) = mount::<Permalink>(PermalinkProps {
            url: Some(raw.into()),
        })
        .await;
        assert_eq!(count(&root, "a, img"), 0, "{raw}: {}", root.inner_html());
        assert_eq!(text_of(&root, "code"), raw);
    }
    let (root, _app) = mount::<Permalink>(PermalinkProps { url: None }).await;
    assert_eq!(count(&root, "a"), 0);
    assert_eq!(text_of(&root, ".permalink"), "No permalink on the page.");
}

#[wasm_bindgen_test]
async fn empty_state_explains_how_to_focus_an_item() {
    let (root, _app) = mount::<EmptyState>(EmptyStateProps { shortcut: None }).await;
    assert_eq!(text_of(&root, "h2"), "No item in focus");
    let text = root.text_content().unwrap();
    assert!(text.contains("Socialcare badge"), "{text}");
    assert!(text.contains("shortcut"), "{text}");
    assert_eq!(count(&root, "kbd"), 0);

    let (root, _app) = mount::<EmptyState>(EmptyStateProps {
        shortcut: Some("Alt+Shift+S".into()),
    })
    .await;
    assert_eq!(text_of(&root, "kbd"), "Alt+Shift+S");
}

#[wasm_bindgen_test]
fn excerpts_are_one_line_and_bounded() {
    assert_eq!(excerpt("  two\n lines "), "two lines");
    let long = "é".repeat(100);
    assert_eq!(excerpt(&long), format!("{}…", "é".repeat(80)));
    assert_eq!(excerpt(&"a".repeat(80)), "a".repeat(80));
}

#[wasm_bindgen_test]
fn timestamps_read_in_the_local_format_or_as_given() {
    let shown = local_time("2026-11-22T12:30:00Z");
    assert!(shown.contains("2026") && !shown.contains("T12"), "{shown}");
    assert_eq!(local_time("yesterday"), "yesterday");
    assert_eq!(local_time("<b>x</b>"), "<b>x</b>");
}

#[wasm_bindgen_test]
fn durations_and_clock_times_read_as_words() {
    install_english_messages();
    assert_eq!(duration(0), "0 min");
    assert_eq!(
        duration(1),
        "1 min",
        "rounded up: a second left is a minute"
    );
    assert_eq!(duration(42 * 60_000), "42 min");
    assert_eq!(duration(2 * HOUR + 5 * 60_000), "2 h 05 min");
    assert_eq!(duration(27 * HOUR), "1 d 3 h");
    let date = js_sys::Date::new(&JsValue::from_f64(POSTED as f64));
    assert_eq!(
        clock_time(POSTED),
        format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
    );
}

#[wasm_bindgen_test]
async fn live_region_announces_each_focus_change() {
    let empty = PanelView {
        session: Some(session()),
        sync: synced(),
        ..PanelView::default()
    };
    let (root, mut app) = mount::<Screen>(yew::props!(ScreenProps {
        state: ScreenState::Ready(Rc::new(empty))
    }))
    .await;
    assert_eq!(text_of(&root, "h1"), "Socialcare");
    assert_eq!(text_of(&root, "[aria-live=polite]"), "No item in focus.");
    assert_eq!(count(&root, ".empty-state"), 1);

    let focus = focused("Dana K", "Still waiting", "https://x.com/dana_k/status/1");
    app.update(yew::props!(ScreenProps {
        state: ScreenState::Ready(Rc::new(view_of(&focus, None)))
    }));
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, "[aria-live=polite]"),
        "Now showing the X reply by Dana K (@dana_k)."
    );
    assert_eq!(count(&root, ".empty-state"), 0);
    assert_eq!(text_of(&root, ".item-text"), "Still waiting");

    app.update(yew::props!(ScreenProps {
        state: ScreenState::Failed("bad data".into())
    }));
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, "[aria-live=polite]"),
        "The panel cannot show the focused item."
    );
    assert_eq!(text_of(&root, ".failure-reason"), "bad data");
}

#[wasm_bindgen_test]
async fn without_a_ticket_the_section_offers_create_ticket() {
    let (posted, on_intent) = recorder();
    let (root, _app) = mount::<TicketSection>(TicketSectionProps {
        item: key("x:42"),
        ticket: None,
        on_intent,
    })
    .await;
    by_role(&root, "button", "Create ticket").click();
    assert_eq!(
        *posted.borrow(),
        [FromPage::CreateTicket { item: key("x:42") }]
    );
    assert!(find_by_role(&root, "button", "Claim").is_none());
    assert!(find_by_role(&root, "combobox", "Status").is_none());
}

/// A callback recording what it is called with.
fn recorder<T: 'static>() -> (Rc<std::cell::RefCell<Vec<T>>>, Callback<T>) {
    let seen = Rc::new(std::cell::RefCell::new(Vec::new()));
    let callback = {
        let seen = seen.clone();
        Callback::from(move |value| seen.borrow_mut().push(value))
    };
    (seen, callback)
}

#[wasm_bindgen_test]
async fn a_ticket_shows_status_assignee_posted_time_and_sync_marker() {
    let clock = ManualClock::at(POSTED + 10 * 60_000);
    let (posted, on_intent) = recorder();
    let mut open = ticket("x:42");
    open.status = TicketStatus::Open;
    open.unsynced = true;
    let (root, _app) = with_clock(
        &clock,
        yew::html! { <TicketSection item={key("x:42")} ticket={Some(open)} on_intent={on_intent.clone()} /> },
    )
    .await;
    let status = by_role(&root, "combobox", "Status");
    let select: &web_sys::HtmlSelectElement = status.unchecked_ref();
    assert_eq!(select.value(), "open");
    let options: Vec<(String, bool)> = all(&root, "#ticket-status option")
        .iter()
        .map(|option| {
            (
                option.text_content().unwrap(),
                option.has_attribute("disabled"),
            )
        })
        .collect();
    assert_eq!(
        options,
        [
            ("New".to_owned(), true),
            ("Open".to_owned(), false),
            ("Pending".to_owned(), false),
            ("Resolved".to_owned(), false)
        ]
    );
    assert_eq!(text_of(&root, ".assignee-none"), "Unassigned");
    assert!(!disabled(&by_role(&root, "button", "Claim")));
    assert!(text_of(&root, ".posted").starts_with("Posted "));
    assert_eq!(text_of(&root, ".unsynced"), "Waiting to sync");

    // Picking a status posts it; Claim posts a claim.
    select.set_value("pending");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    by_role(&root, "button", "Claim").click();
    assert_eq!(
        *posted.borrow(),
        [
            FromPage::SetStatus {
                item: key("x:42"),
                status: TicketStatus::Pending
            },
            FromPage::Claim { item: key("x:42") }
        ]
    );
}

#[wasm_bindgen_test]
async fn the_status_select_follows_the_worker_and_offers_reopen() {
    let clock = ManualClock::at(POSTED);
    let mut resolved = ticket("x:42");
    resolved.status = TicketStatus::Resolved;
    let section = |ticket: TicketView| {
        yew::html! { <TicketSection item={key("x:42")} ticket={Some(ticket)} on_intent={Callback::noop()} /> }
    };
    let (root, mut app) = with_clock(&clock, section(resolved.clone())).await;
    let select = by_role(&root, "combobox", "Status");
    let select: &web_sys::HtmlSelectElement = select.unchecked_ref();
    assert_eq!(select.value(), "resolved");
    let enabled: Vec<String> = all(&root, "#ticket-status option:not([disabled])")
        .iter()
        .map(|option| option.get_attribute("value").unwrap())
        .collect();
    assert_eq!(enabled, ["open", "resolved"], "resolved → open is a reopen");

    resolved.status = TicketStatus::Pending;
    app.update(yew::context::ContextProviderProps {
        context: clock.clock(),
        children: section(resolved),
    });
    yew::scheduler::flush().await;
    let select = by_role(&root, "combobox", "Status");
    assert_eq!(
        select.unchecked_ref::<web_sys::HtmlSelectElement>().value(),
        "pending"
    );
}

#[wasm_bindgen_test]
async fn claim_is_disabled_when_mine_and_names_who_else_has_it() {
    let clock = ManualClock::at(POSTED);
    let mut mine = ticket("x:42");
    mine.assignee = Some(session().agent);
    mine.mine = true;
    let (root, _app) = with_clock(
        &clock,
        yew::html! { <TicketSection item={key("x:42")} ticket={Some(mine)} on_intent={Callback::noop()} /> },
    )
    .await;
    assert_eq!(text_of(&root, ".assignee-you"), "You");
    assert!(disabled(&by_role(&root, "button", "Claim")));

    let mut theirs = ticket("x:42");
    theirs.assignee = Some(agent("Kim Lee", "KL"));
    let (root, _app) = with_clock(
        &clock,
        yew::html! { <TicketSection item={key("x:42")} ticket={Some(theirs)} on_intent={Callback::noop()} /> },
    )
    .await;
    assert_eq!(text_of(&root, ".assignee-other"), "Claimed by Kim Lee (KL)");
    assert!(!disabled(&by_role(&root, "button", "Claim")));
}

#[wasm_bindgen_test]
async fn the_sla_countdown_turns_amber_then_red_as_the_clock_moves() {
    // Posted at minute 0, due at minute 60: amber from minute 45.
    let clock = ManualClock::at(POSTED + 10 * 60_000);
    let (root, _app) = with_clock(
        &clock,
        yew::html! { <SlaCountdown posted_at={POSTED} due={POSTED + HOUR} /> },
    )
    .await;
    let due = clock_time(POSTED + HOUR);
    assert_eq!(
        text_of(&root, ".sla"),
        format!("First response due in 50 min ({due})")
    );
    assert_eq!(count(&root, ".sla-on-track"), 1);

    clock.advance(35 * 60_000);
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, ".sla"),
        format!("First response due in 15 min ({due})")
    );
    assert_eq!(count(&root, ".sla-soon"), 1, "the last quarter is amber");

    clock.advance(15 * 60_000 + 1_000);
    yew::scheduler::flush().await;
    assert_eq!(count(&root, ".sla-breached"), 1, "{}", root.inner_html());
    assert_eq!(
        text_of(&root, ".sla"),
        format!("First response overdue by 1 min (was due {due})")
    );

    let (root, _app) = with_clock(
        &clock,
        yew::html! { <SlaCountdown posted_at={POSTED} due={POSTED + HOUR} responded_at={POSTED + 60_000} /> },
    )
    .await;
    assert_eq!(
        text_of(&root, ".sla"),
        format!("Responded at {}", clock_time(POSTED + 60_000))
    );
    let (root, _app) = with_clock(&clock, yew::html! { <SlaCountdown /> }).await;
    assert_eq!(count(&root, ".sla"), 0);

    // A day later, the times are given with their date.
    clock.advance(24 * HOUR);
    let (root, _app) = with_clock(
        &clock,
        yew::html! { <SlaCountdown posted_at={POSTED} due={POSTED + HOUR} /> },
    )
    .await;
    assert_eq!(
        text_of(&root, ".sla"),
        format!(
            "First response overdue by {} (was due on {})",
            duration(24 * HOUR + 1_000),
            local_time_ms(POSTED + HOUR)
        )
    );
    let (root, _app) = with_clock(
        &clock,
        yew::html! { <SlaCountdown posted_at={POSTED} due={POSTED + HOUR} responded_at={POSTED + 60_000} /> },
    )
    .await;
    assert_eq!(
        text_of(&root, ".sla"),
        format!("Responded on {}", local_time_ms(POSTED + 60_000))
    );
}

#[wasm_bindgen_test]
async fn sync_status_says_synced_waiting_offline_and_the_last_error() {
    let (root, mut app) = mount::<SyncStatus>(SyncStatusProps { sync: synced() }).await;
    assert_eq!(text_of(&root, ".sync-line"), "Synced");
    assert_eq!(count(&root, ".sync-error"), 0);

    let waiting = SyncView {
        state: SyncState::Waiting,
        pending: 3,
        ..SyncView::default()
    };
    app.update(SyncStatusProps { sync: waiting });
    yew::scheduler::flush().await;
    assert_eq!(text_of(&root, ".sync-line"), "3 actions waiting to sync");

    let offline = SyncView {
        state: SyncState::Offline,
        pending: 1,
        offline_since: Some(POSTED),
        last_error: Some(format!("connection refused {HOSTILE}")),
        ..SyncView::default()
    };
    app.update(SyncStatusProps { sync: offline });
    yew::scheduler::flush().await;
    // Offline since another day than today: its date too.
    assert_eq!(
        text_of(&root, ".sync-line"),
        format!(
            "Offline since {} · 1 action waiting to sync",
            local_time_ms(POSTED)
        )
    );
    assert_eq!(
        text_of(&root, ".sync-error"),
        format!("Last error: connection refused {HOSTILE}")
    );
    assert_eq!(count(&root, "img"), 0);

    app.update(SyncStatusProps {
        sync: SyncView::default(),
    });
    yew::scheduler::flush().await;
    assert_eq!(root.inner_html(), "", "nothing to say when signed out");
}

#[wasm_bindgen_test]
async fn offline_since_today_reads_as_a_clock_time() {
    let clock = ManualClock::at(POSTED + 10 * 60_000);
    let offline = SyncView {
        state: SyncState::Offline,
        offline_since: Some(POSTED),
        ..SyncView::default()
    };
    let (root, _app) = with_clock(&clock, yew::html! { <SyncStatus sync={offline} /> }).await;
    assert_eq!(
        text_of(&root, ".sync-line"),
        format!("Offline since {}", clock_time(POSTED))
    );
}

#[wasm_bindgen_test]
async fn rejections_show_the_stores_reason_and_can_be_dismissed() {
    let rejections = vec![
        RejectionView {
            mutation_id: 7,
            refusal: RefusedAction {
                action: "ticket.set_status".to_owned(),
                item: Some(key("x:42")),
                code: "stale".to_owned(),
                message: format!("changed by Kim {HOSTILE}"),
                refusal: None,
                assignee: None,
            },
        },
        RejectionView {
            mutation_id: 5,
            refusal: RefusedAction {
                action: "ticket.create".to_owned(),
                item: None,
                code: "forbidden".to_owned(),
                message: "not allowed".to_owned(),
                refusal: None,
                assignee: None,
            },
        },
    ];
    let (dismissed, on_dismiss) = recorder();
    let (root, _app) = mount::<Rejections>(RejectionsProps {
        rejections,
        on_dismiss,
        refused: vec![],
        on_dismiss_refused: Callback::noop(),
    })
    .await;
    assert_eq!(count(&root, ".rejection"), 2);
    assert_eq!(
        text_of(&root, ".rejection .rejection-what"),
        "Status change was refused (item x:42)"
    );
    assert_eq!(
        text_of(&root, ".rejection .rejection-message"),
        format!("changed by Kim {HOSTILE}")
    );
    assert_eq!(text_of(&root, ".rejection .rejection-code"), "stale");
    assert_eq!(count(&root, "img"), 0);
    by_role(&root, "button", "Dismiss: Ticket creation").click();
    by_role(&root, "button", "Dismiss: Status change").click();
    assert_eq!(*dismissed.borrow(), [5, 7]);

    let (root, _app) = mount::<Rejections>(RejectionsProps {
        rejections: vec![],
        on_dismiss: Callback::noop(),
        refused: vec![],
        on_dismiss_refused: Callback::noop(),
    })
    .await;
    assert_eq!(root.inner_html(), "");
}

/// A rejection of `action` with the reason `refusal` as data, and its
/// English `message`.
fn refused_as(
    mutation_id: u64,
    action: &str,
    refusal: Option<Refusal>,
    message: &str,
) -> RejectionView {
    RejectionView {
        mutation_id,
        refusal: RefusedAction {
            action: action.to_owned(),
            item: None,
            code: refusal
                .as_ref()
                .map_or("conflict", |refusal| refusal.code().as_str())
                .to_owned(),
            message: message.to_owned(),
            refusal,
            assignee: None,
        },
    }
}

/// The reasons the rejections list shows for `rejections`.
async fn reasons_of(root: &Element) -> Vec<String> {
    yew::scheduler::flush().await;
    texts(root, ".rejection .rejection-message")
}

/// The approval rule's refusals, with a teammate the worker knows and one it
/// does not.
fn approval_and_assignment_refusals() -> Vec<RejectionView> {
    let not_approvable = |more: u32, finding: Option<Wording>, message: &str| {
        Some(Refusal::TemplateNotApprovable(Box::new(BlockedApproval {
            id: "rude".to_owned(),
            platform: Platform::X,
            language: "en".to_owned(),
            rule: "calm".to_owned(),
            guideline: "house".to_owned(),
            revision: 3,
            message: message.to_owned(),
            finding,
            more,
        })))
    };
    let banned = Wording {
        key: "tone_banned".into(),
        values: vec!["calm down".into()],
    };
    let mut known = refused_as(
        6,
        "ticket.assign",
        Some(Refusal::AssignedMeanwhile {
            assignee: Some("ag_kim".to_owned()),
            changed_at: 7,
            seen: 6,
        }),
        "the ticket was assigned to ag_kim at version 7 after the version 6 you saw",
    );
    known.refusal.assignee = Some(AgentView {
        id: "ag_kim".to_owned(),
        name: HOSTILE.to_owned(),
        initials: "KL".to_owned(),
    });
    vec![
        refused_as(
            5,
            "template.set_state",
            not_approvable(2, Some(banned), "Avoid \"calm down\"."),
            "template rude cannot be approved: …",
        ),
        refused_as(
            4,
            "template.set_state",
            not_approvable(0, None, HOSTILE),
            "template rude cannot be approved: …",
        ),
        refused_as(
            3,
            "template.set_state",
            Some(Refusal::TemplateInvalid {
                id: "rude".to_owned(),
                detail: HOSTILE.to_owned(),
            }),
            "template rude cannot be approved: …",
        ),
        refused_as(
            2,
            "template.set_state",
            Some(Refusal::GuidelineInvalid {
                id: "house".to_owned(),
                revision: 3,
                detail: "expected `=`".to_owned(),
            }),
            "the team's guideline house (revision 3) does not read …",
        ),
        known,
        refused_as(
            1,
            "ticket.assign",
            Some(Refusal::AssignedMeanwhile {
                assignee: Some("ag_zed".to_owned()),
                changed_at: 7,
                seen: 6,
            }),
            "the ticket was assigned to ag_zed at version 7 after the version 6 you saw",
        ),
    ]
}

#[wasm_bindgen_test]
async fn the_approval_rules_refusals_and_a_teammate_by_name_are_worded() {
    let (root, _app) = mount::<Rejections>(RejectionsProps {
        rejections: approval_and_assignment_refusals(),
        on_dismiss: Callback::noop(),
        refused: vec![],
        on_dismiss_refused: Callback::noop(),
    })
    .await;
    assert_eq!(
        reasons_of(&root).await,
        [
            "Template rude cannot be approved: on X in English (en) it breaks the blocking rule calm of guideline house (revision 3): Avoid “calm down”. (2 more problems)".to_owned(),
            format!("Template rude cannot be approved: on X in English (en) it breaks the blocking rule calm of guideline house (revision 3): {HOSTILE}"),
            format!("Template rude cannot be approved: {HOSTILE}"),
            "The team’s guideline house (revision 3) cannot be read, so templates cannot be checked: expected `=`".to_owned(),
            format!("The ticket was assigned to {HOSTILE} (KL) at version 7, after the version 6 you saw."),
            "The ticket was assigned to ag_zed at version 7, after the version 6 you saw.".to_owned(),
        ]
    );
    assert_eq!(
        count(&root, "img"),
        0,
        "values are text: {}",
        root.inner_html()
    );
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn refusals_are_worded_in_french() {
    let (root, _app) = mount_in_french::<Rejections>(RejectionsProps {
        rejections: approval_and_assignment_refusals(),
        on_dismiss: Callback::noop(),
        refused: vec![],
        on_dismiss_refused: Callback::noop(),
    })
    .await;
    let reasons = reasons_of(&root).await;
    install_english_messages();
    assert_eq!(
        reasons[0],
        "Le modèle rude ne peut pas être approuvé\u{a0}: sur X en anglais (en), il enfreint la règle bloquante calm de la charte house (révision 3)\u{a0}: Évitez «\u{a0}calm down\u{a0}». (et 2 autres problèmes)"
    );
    assert_eq!(
        reasons[4],
        format!("Le ticket a été attribué à {HOSTILE} (KL) à la version 7, après la version 6 que vous aviez vue.")
    );
    assert_eq!(
        count(&root, "img"),
        0,
        "values are text: {}",
        root.inner_html()
    );
}

#[wasm_bindgen_test]
async fn rejections_word_the_reason_in_the_agents_language_and_show_old_ones_as_written() {
    let stale = Refusal::Stale {
        field: ScalarField::Status,
        changed_at: 1234,
        seen: 1230,
    };
    let rejections = vec![
        refused_as(
            20,
            "ticket.set_status",
            Some(stale.clone()),
            &stale.to_string(),
        ),
        refused_as(
            19,
            "ticket.set_status",
            Some(Refusal::CannotBecome {
                from: TicketStatus::Resolved,
                to: TicketStatus::Pending,
            }),
            "a resolved ticket cannot become pending (use ticket.reopen)",
        ),
        refused_as(
            18,
            "ticket.assign",
            Some(Refusal::AssignedMeanwhile {
                assignee: Some(HOSTILE.to_owned()),
                changed_at: 5,
                seen: 4,
            }),
            "the ticket was assigned to someone",
        ),
        refused_as(
            17,
            "ticket.assign",
            Some(Refusal::AssignedMeanwhile {
                assignee: None,
                changed_at: 5,
                seen: 4,
            }),
            "the ticket was assigned to nobody",
        ),
        refused_as(
            16,
            "ticket.tag",
            Some(Refusal::TooManyTags { max: 50 }),
            "tags",
        ),
        refused_as(
            15,
            "ticket.tag",
            Some(Refusal::TooManyTags { max: 1 }),
            "tag",
        ),
        refused_as(
            14,
            "template.save",
            Some(Refusal::NeedsRole {
                action: "template.save".to_owned(),
                role: Role::Lead,
            }),
            "template.save needs the lead role",
        ),
        refused_as(
            13,
            "ticket.tag",
            Some(Refusal::Unreadable {
                detail: HOSTILE.to_owned(),
            }),
            HOSTILE,
        ),
        // Kept from before reasons were data (or the store's own refusal):
        // the message as the store wrote it.
        refused_as(
            12,
            "note.edit",
            None,
            &format!("only the author edits a note {HOSTILE}"),
        ),
    ];
    let (root, _app) = mount::<Rejections>(RejectionsProps {
        rejections,
        on_dismiss: Callback::noop(),
        refused: vec![],
        on_dismiss_refused: Callback::noop(),
    })
    .await;
    let reasons = texts(&root, ".rejection .rejection-message");
    assert_eq!(
        reasons,
        [
            "The status was changed at version 1,234, after the version 1,230 you saw, by a newer edit.".to_owned(),
            "A ticket that is “Resolved” cannot become “Pending”; a resolved ticket is reopened instead.".to_owned(),
            format!("The ticket was assigned to {HOSTILE} at version 5, after the version 4 you saw."),
            "The ticket was unassigned at version 5, after the version 4 you saw.".to_owned(),
            "A ticket can have at most 50 tags.".to_owned(),
            "A ticket can have at most 1 tag.".to_owned(),
            "This action needs the lead role.".to_owned(),
            format!("The action could not be read: {HOSTILE}"),
            format!("only the author edits a note {HOSTILE}"),
        ]
    );
    let codes = texts(&root, ".rejection .rejection-code");
    assert_eq!(
        codes,
        [
            "conflict",
            "invalid_transition",
            "conflict",
            "conflict",
            "invalid_args",
            "invalid_args",
            "forbidden",
            "invalid_mutation",
            "conflict"
        ],
        "the stable code stays as it is"
    );
    let directions: Vec<Option<String>> = all(&root, ".rejection .rejection-message")
        .iter()
        .map(|node| node.get_attribute("dir"))
        .collect();
    assert_eq!(
        directions[0], None,
        "a worded reason reads in the page's direction"
    );
    assert_eq!(
        directions[8].as_deref(),
        Some("auto"),
        "a message as written keeps its own"
    );
    assert_eq!(
        count(&root, "img"),
        0,
        "values are text: {}",
        root.inner_html()
    );
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn the_worker_sends_the_refusal_as_data_and_the_panel_words_it() {
    let item = focused_as("x:2", "Ben", "second", "https://x.com/a/status/2");
    let mut json = serde_json::to_value(view_message(view_of(&item, Some(ticket("x:2"))))).unwrap();
    // As the replica writes a stored rejection (views::RejectionView).
    json["view"]["sync"]["rejections"] = serde_json::json!([{
        "mutation_id": 9,
        "refusal": {
            "action": "ticket.set_status", "item": null, "code": "conflict",
            "message": "status was changed at version 12 after the version 10 you saw, by a newer edit",
            "refusal": {"refusal": "stale", "field": "status", "changed_at": 12, "seen": 10},
        },
    }]);
    let clock = ManualClock::at(POSTED);
    let worker = Worker::new();
    let (root, _app) = panel(&worker, &clock).await;
    worker.send(&json);
    yew::scheduler::flush().await;
    after_first_paint().await;
    // As pages.js sends the worker's own refusal: the claim lost to a teammate's.
    let refused = serde_json::json!({"type": "refused", "refusal": {
        "action": "ticket.assign", "item": "x:2", "code": "conflict",
        "message": "the ticket was assigned to ag_kim at version 3 after the version 2 you saw",
        "refusal": {"refusal": "assigned_meanwhile", "assignee": HOSTILE, "changed_at": 3, "seen": 2},
    }});
    worker.send_raw(&JsValue::from_str(&refused.to_string()));
    yew::scheduler::flush().await;
    let reasons = texts(&root, ".rejection .rejection-message");
    assert_eq!(
        reasons,
        [
            format!(
                "The ticket was assigned to {HOSTILE} at version 3, after the version 2 you saw."
            ),
            "The status was changed at version 12, after the version 10 you saw, by a newer edit."
                .to_owned(),
        ],
        "{}",
        root.inner_html()
    );
    assert_eq!(count(&root, "img"), 0, "the reason is text");
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn presence_names_who_is_replying_and_viewing() {
    let presence = vec![
        PresenceView {
            agent: agent("Kim Lee", "KL"),
            state: PresenceState::Viewing,
        },
        PresenceView {
            agent: agent(HOSTILE, "<b>"),
            state: PresenceState::Replying,
        },
        PresenceView {
            agent: agent("Gone Away", "GA"),
            state: PresenceState::Left,
        },
    ];
    let (root, _app) = mount::<PresenceList>(PresenceListProps { presence }).await;
    let lines: Vec<String> = all(&root, ".presence-entry")
        .iter()
        .map(|entry| {
            let hidden = entry.query_selector(".visually-hidden").unwrap().unwrap();
            entry
                .text_content()
                .unwrap()
                .replace(&hidden.text_content().unwrap(), "")
        })
        .collect();
    assert_eq!(lines, ["<b> is replying", "KL is viewing"]);
    assert_eq!(
        all(&root, "abbr")[1].get_attribute("title").as_deref(),
        Some("Kim Lee")
    );
    assert_eq!(count(&root, "img, b"), 0);
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn signed_out_the_panel_offers_sign_in_and_no_ticket_actions() {
    let focus = focused("Dana K", "hello", "https://x.com/dana_k/status/1");
    let mut view = view_of(&focus, None);
    view.session = None;
    view.sync = SyncView::default();
    let (posted, on_intent) = recorder();
    let (root, _app) = mount::<Screen>(ScreenProps {
        state: ScreenState::Ready(Rc::new(view)),
        on_intent,
        shortcut: None,
        search: None,
        refused: vec![],
        on_dismiss_refused: Callback::noop(),
    })
    .await;
    assert!(text_of(&root, ".sign-in").contains("Not signed in"));
    assert!(find_by_role(&root, "button", "Create ticket").is_none());
    assert_eq!(count(&root, ".sync"), 0);
    assert_eq!(
        text_of(&root, ".item-text"),
        "hello",
        "signals need no store"
    );
    by_role(&root, "button", "Sign in").click();
    assert_eq!(*posted.borrow(), [FromPage::OpenOptions]);
}

#[wasm_bindgen_test]
async fn our_own_replies_are_marked_and_offer_no_ticket_actions() {
    let focus = focused(
        "Acme Support",
        "Sorry to hear that!",
        "https://x.com/acme/status/9",
    );
    let mut view = view_of(&focus, Some(ticket("x:1800000000000000001")));
    view.focus.as_mut().unwrap().ours = true;
    let (root, _app) = mount::<Screen>(yew::props!(ScreenProps {
        state: ScreenState::Ready(Rc::new(view))
    }))
    .await;
    assert_eq!(text_of(&root, ".ours"), "Our reply");
    assert_eq!(count(&root, ".ticket"), 0);
    assert!(find_by_role(&root, "button", "Claim").is_none());
    assert!(find_by_role(&root, "button", "Create ticket").is_none());
}

#[wasm_bindgen_test]
async fn hostile_store_text_renders_as_text_in_the_whole_panel() {
    let clock = ManualClock::at(POSTED);
    let worker = Worker::new();
    let (root, _app) = panel(&worker, &clock).await;
    let focus = focused(HOSTILE, HOSTILE, HOSTILE);
    let mut theirs = ticket("x:1800000000000000001");
    theirs.assignee = Some(agent(HOSTILE, HOSTILE));
    let mut view = view_of(&focus, Some(theirs));
    view.focus.as_mut().unwrap().presence = vec![PresenceView {
        agent: agent(HOSTILE, HOSTILE),
        state: PresenceState::Replying,
    }];
    view.sync.last_error = Some(HOSTILE.to_owned());
    view.sync.rejections = vec![RejectionView {
        mutation_id: 1,
        refusal: RefusedAction {
            action: HOSTILE.to_owned(),
            item: None,
            code: HOSTILE.to_owned(),
            message: HOSTILE.to_owned(),
            refusal: None,
            assignee: None,
        },
    }];
    view.recent = vec![focus.as_ref().clone()];
    worker.send(&view_message(view));
    yew::scheduler::flush().await;
    after_first_paint().await;
    assert_eq!(count(&root, ".item-card"), 1, "{}", root.inner_html());
    assert_eq!(count(&root, "img"), 0, "{}", root.inner_html());
    assert_eq!(
        text_of(&root, ".assignee-other"),
        format!("Claimed by {HOSTILE} ({HOSTILE})")
    );
    assert_eq!(text_of(&root, ".rejection-message"), HOSTILE);
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn the_first_view_paints_the_item_first_and_the_queue_and_recent_items_a_frame_later() {
    let worker = Worker::new();
    let clock = ManualClock::at(POSTED);
    let (root, _app) = panel(&worker, &clock).await;
    let first = focused("Dana K", "first item", "https://x.com/dana_k/status/1");
    let mut view = view_of(&first, Some(ticket("x:1800000000000000001")));
    view.recent = vec![first.as_ref().clone()];
    view.queue = Some(QueueView {
        unassigned: vec![queued("x:9", "Hello?", TicketStatus::New)],
        ..QueueView::default()
    });
    worker.send(&view_message(view.clone()));
    yew::scheduler::flush().await;
    assert_eq!(count(&root, ".item-card"), 1);
    assert_eq!(count(&root, ".ticket"), 1);
    assert_eq!(count(&root, "#search-query"), 1);
    assert_eq!(
        count(&root, ".queue"),
        0,
        "the queue waits for the first frame"
    );
    assert_eq!(
        count(&root, ".recent-item"),
        0,
        "the recent items wait for the first frame"
    );

    after_first_paint().await;
    assert_eq!(count(&root, ".queue-unassigned li"), 1);
    assert_eq!(count(&root, ".recent-item"), 1);

    // Every later view is rendered whole at once.
    view.queue
        .as_mut()
        .expect("the queue was sent")
        .unassigned
        .push(queued("x:10", "Anyone?", TicketStatus::New));
    worker.send(&view_message(view));
    yew::scheduler::flush().await;
    assert_eq!(count(&root, ".queue-unassigned li"), 2);
}

#[wasm_bindgen_test]
async fn a_view_without_the_queue_shows_none_until_the_queue_comes() {
    let worker = Worker::new();
    let clock = ManualClock::at(POSTED);
    let (root, _app) = panel(&worker, &clock).await;
    let first = focused("Dana K", "first item", "https://x.com/dana_k/status/1");
    let mut view = view_of(&first, Some(ticket("x:1800000000000000001")));
    view.queue = None;
    worker.send(&view_message(view.clone()));
    yew::scheduler::flush().await;
    after_first_paint().await;
    assert_eq!(count(&root, ".item-card"), 1);
    assert_eq!(
        count(&root, ".queue"),
        0,
        "no queue is shown before the worker sent it, not even an empty one"
    );
    assert!(!root
        .text_content()
        .unwrap_or_default()
        .contains("Nothing waiting."));

    view.queue = Some(QueueView {
        unassigned: vec![queued("x:9", "Hello?", TicketStatus::New)],
        ..QueueView::default()
    });
    worker.send(&view_message(view));
    yew::scheduler::flush().await;
    assert_eq!(count(&root, ".queue-unassigned li"), 1);
}

#[wasm_bindgen_test]
async fn the_app_shows_each_view_the_worker_sends_on_the_panel_port() {
    let clock = ManualClock::at(POSTED);
    let worker = Worker::new();
    let (root, app) = panel(&worker, &clock).await;
    assert_eq!(worker.connections(), ["panel"]);
    assert_eq!(text_of(&root, ".loading"), "Loading…");

    let first = focused_as(
        "x:1",
        "Dana K",
        "first item",
        "https://x.com/dana_k/status/1",
    );
    worker.send(&view_message(view_of(&first, None)));
    yew::scheduler::flush().await;
    after_first_paint().await;
    assert!(shows(&root, "first item"), "{}", root.inner_html());
    assert_eq!(text_of(&root, ".sync-line"), "Synced");
    by_role(&root, "button", "Create ticket");

    // A view as a JSON string works too; the item now has a ticket.
    let second = focused_as("x:2", "Sam", "second item", "https://x.com/sam/status/2");
    let mut view = view_of(&second, Some(ticket("x:2")));
    view.recent = vec![first.as_ref().clone()];
    let json = serde_json::to_string(&view_message(view)).unwrap();
    worker.send_raw(&JsValue::from_str(&json));
    yew::scheduler::flush().await;
    assert!(shows(&root, "second item"));
    by_role(&root, "combobox", "Status");
    assert_eq!(text_of(&root, ".recent-excerpt"), "first item");

    // Answers meant for the options page change nothing.
    worker.send(&ToPage::SignedOut { done: true });
    yew::scheduler::flush().await;
    assert!(shows(&root, "second item"));

    // An unreadable message says so instead of showing stale data.
    worker.send_raw(&JsValue::from_str("{\"type\":\"view\",\"view\":7}"));
    yew::scheduler::flush().await;
    assert_eq!(count(&root, ".item-card"), 0);
    assert!(text_of(&root, ".failure-reason").contains("unreadable message"));

    // No focus: the empty state.
    worker.send(&view_message(PanelView {
        session: Some(session()),
        sync: synced(),
        ..PanelView::default()
    }));
    yew::scheduler::flush().await;
    assert_eq!(count(&root, ".empty-state"), 1);

    app.destroy();
    yew::scheduler::flush().await;
    assert_eq!(
        worker.connections().len(),
        1,
        "no reconnection after closing"
    );
}

#[wasm_bindgen_test]
async fn the_app_posts_the_agents_intents_on_the_port() {
    let clock = ManualClock::at(POSTED);
    let worker = Worker::new();
    let (root, _app) = panel(&worker, &clock).await;
    let first = focused_as("x:1", "Ann", "first", "https://x.com/a/status/1");
    let second = focused_as("x:2", "Ben", "second", "https://x.com/a/status/2");
    let mut view = view_of(&second, Some(ticket("x:2")));
    view.recent = vec![first.as_ref().clone()];
    view.sync.rejections = vec![RejectionView {
        mutation_id: 9,
        refusal: RefusedAction {
            action: "ticket.assign".to_owned(),
            item: Some(key("x:2")),
            code: "conflict".to_owned(),
            message: "Kim Lee claimed it first".to_owned(),
            refusal: None,
            assignee: None,
        },
    }];
    worker.send(&view_message(view));
    yew::scheduler::flush().await;
    after_first_paint().await;

    by_role(&root, "button", "Claim").click();
    let select = by_role(&root, "combobox", "Status");
    let select: &web_sys::HtmlSelectElement = select.unchecked_ref();
    select.set_value("resolved");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    all(&root, ".recent-item")[0]
        .unchecked_ref::<web_sys::HtmlElement>()
        .click();
    by_role(&root, "button", "Dismiss: Assignment").click();
    assert_eq!(
        worker.intents(),
        [
            FromPage::Claim { item: key("x:2") },
            FromPage::SetStatus {
                item: key("x:2"),
                status: TicketStatus::Resolved
            },
            FromPage::Refocus { item: key("x:1") },
            FromPage::DismissRejection { mutation_id: 9 },
        ]
    );
    assert_eq!(
        worker.posted()[0],
        serde_json::json!({"type": "claim", "item": "x:2"}),
        "intents travel as type-tagged objects"
    );
}

#[wasm_bindgen_test]
async fn an_action_the_worker_refused_is_shown_beside_the_stores_and_dismissed_here() {
    let clock = ManualClock::at(POSTED);
    let worker = Worker::new();
    let (root, _app) = panel(&worker, &clock).await;
    let item = focused_as("x:2", "Ben", "second", "https://x.com/a/status/2");
    let mut view = view_of(&item, Some(ticket("x:2")));
    view.sync.rejections = vec![RejectionView {
        mutation_id: 9,
        refusal: RefusedAction {
            action: "ticket.set_status".to_owned(),
            item: None,
            code: "stale".to_owned(),
            message: "changed since".to_owned(),
            refusal: None,
            assignee: None,
        },
    }];
    worker.send(&view_message(view.clone()));
    yew::scheduler::flush().await;
    after_first_paint().await;
    // As the worker sends it (pages.js): the claim lost to a teammate's that had just arrived.
    let refused = serde_json::json!({"type": "refused", "refusal": {
        "action": "ticket.assign", "item": "x:2", "code": "forbidden",
        "message": format!("only a lead reassigns a ticket {HOSTILE}"),
    }});
    worker.send_raw(&JsValue::from_str(&refused.to_string()));
    yew::scheduler::flush().await;
    let what = texts(&root, ".rejection .rejection-what");
    assert_eq!(
        what,
        [
            "Assignment was refused (item x:2)",
            "Status change was refused"
        ]
    );
    assert_eq!(
        text_of(&root, ".rejection .rejection-message"),
        format!("only a lead reassigns a ticket {HOSTILE}")
    );
    assert_eq!(count(&root, "img"), 0, "the reason is text");

    // A new view keeps it; dismissing it is the panel's own business.
    worker.send(&view_message(view));
    yew::scheduler::flush().await;
    assert_eq!(count(&root, ".rejection"), 2);
    by_role(&root, "button", "Dismiss: Assignment").click();
    yew::scheduler::flush().await;
    assert_eq!(count(&root, ".rejection"), 1);
    assert_eq!(
        text_of(&root, ".rejection .rejection-what"),
        "Status change was refused"
    );
    assert!(worker.intents().is_empty(), "nothing to tell the worker");
}

#[wasm_bindgen_test]
async fn the_app_reconnects_when_the_worker_stops() {
    let clock = ManualClock::at(POSTED);
    let worker = Worker::new();
    let (root, _app) = panel(&worker, &clock).await;
    let item = focused("Dana K", "still here", "https://x.com/dana_k/status/1");
    worker.send(&view_message(view_of(&item, None)));
    yew::scheduler::flush().await;

    // The worker had spoken: a new port at once, and the view stays.
    worker.kill();
    assert_eq!(worker.connections(), ["panel", "panel"]);
    yew::scheduler::flush().await;
    assert!(shows(&root, "still here"));
    worker.send(&view_message(view_of(&item, None)));
    worker.kill();
    assert_eq!(worker.connections().len(), 3);

    // A worker that drops the port without a word is retried after a
    // growing wait, not in a loop.
    worker.kill();
    assert_eq!(worker.connections().len(), 3);
    clock.advance(i64::from(FIRST_RECONNECT_DELAY_MS) - 1);
    assert_eq!(worker.connections().len(), 3);
    clock.advance(1);
    assert_eq!(worker.connections().len(), 4);
    worker.kill();
    clock.advance(i64::from(FIRST_RECONNECT_DELAY_MS));
    assert_eq!(worker.connections().len(), 4, "the wait doubled");
    clock.advance(i64::from(FIRST_RECONNECT_DELAY_MS));
    assert_eq!(worker.connections().len(), 5);
    for _ in 0..10 {
        worker.kill();
        clock.advance(i64::from(MAX_RECONNECT_DELAY_MS));
    }
    assert_eq!(worker.connections().len(), 15, "the wait is bounded");

    // An intent on a port that died unnoticed opens a new one and gets through.
    worker.send(&view_message(view_of(&item, None)));
    worker.sever();
    by_role(&root, "button", "Create ticket").click();
    assert_eq!(worker.connections().len(), 16);
    assert_eq!(
        worker.intents(),
        [FromPage::CreateTicket {
            item: key("x:1800000000000000001")
        }]
    );
}

#[wasm_bindgen_test]
async fn outside_the_extension_the_app_says_why() {
    let (root, _app) = mount::<App>(AppProps {
        extension: socialcare_pages::port::ExtensionHandle(Rc::new(NoExtension)),
        clock: ManualClock::at(POSTED).clock(),
    })
    .await;
    assert!(
        text_of(&root, ".failure-reason").contains("open the page from the extension"),
        "{}",
        root.inner_html()
    );
}

#[wasm_bindgen_test]
async fn empty_state_shows_the_assigned_focus_shortcut() {
    install_fake_commands("Ctrl+Shift+Y");
    let clock = ManualClock::at(POSTED);
    let worker = Worker::new();
    let (root, _app) = panel(&worker, &clock).await;
    worker.send(&view_message(PanelView::default()));
    settle(|| count(&root, "kbd") == 1).await;
    assert_eq!(text_of(&root, ".empty-state kbd"), "Ctrl+Shift+Y");

    // An unassigned shortcut (empty string) falls back to the generic hint.
    install_fake_commands("");
    let worker = Worker::new();
    let (root, _app) = panel(&worker, &clock).await;
    worker.send(&view_message(PanelView::default()));
    settle(|| false).await;
    assert_eq!(count(&root, "kbd"), 0);
    assert!(text_of(&root, ".empty-state").contains("the focus shortcut"));
}

// --- The ticket workspace: priority, assignment, tags, notes, reminders, queue ---

#[wasm_bindgen(inline_js = r#"
export function press_key(element, key) {
  element.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
}
export function set_value(element, value) {
  element.value = value;
  element.dispatchEvent(new InputEvent("input", { bubbles: true }));
}
"#)]
extern "C" {
    /// Presses `key` (e.g. `Escape`) on `element`.
    fn press_key(element: &web_sys::Element, key: &str);
    /// Types `value` into any text control (input or textarea), as the agent would.
    fn set_value(element: &web_sys::Element, value: &str);
}

/// Picks `value` in a select, as the agent would.
fn pick(select: &web_sys::HtmlElement, value: &str) {
    select
        .unchecked_ref::<web_sys::HtmlSelectElement>()
        .set_value(value);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

/// Mounts a ticket section for `ticket` on item `x:42`, recording its intents.
async fn workspace_section(
    ticket: TicketView,
) -> (
    Element,
    yew::AppHandle<ClockProvider>,
    Rc<std::cell::RefCell<Vec<FromPage>>>,
) {
    let clock = ManualClock::at(POSTED);
    let (posted, on_intent) = recorder();
    let (root, app) = with_clock(
        &clock,
        yew::html! { <TicketSection item={key("x:42")} ticket={Some(ticket)} {on_intent} /> },
    )
    .await;
    (root, app, posted)
}

fn note(id: &str, author: AgentView, body: &str, mine: bool) -> NoteView {
    NoteView {
        id: id.to_owned(),
        author,
        body: body.to_owned(),
        created_at: POSTED + 60_000,
        edited_at: None,
        mine,
    }
}

#[wasm_bindgen_test]
async fn priority_posts_its_intent_and_assign_to_is_offered_to_leads_only() {
    let mut lead_view = ticket("x:42");
    lead_view.assignable = vec![agent("Kim Lee", "KL"), agent("Ana Ruiz", "AR")];
    let (root, _app, posted) = workspace_section(lead_view).await;
    let priority = by_role(&root, "combobox", "Priority");
    assert_eq!(
        priority
            .unchecked_ref::<web_sys::HtmlSelectElement>()
            .value(),
        "normal"
    );
    pick(&priority, "urgent");
    let assign = by_role(&root, "combobox", "Assign to");
    let names: Vec<String> = all(&root, "#ticket-assign option")
        .iter()
        .map(|option| option.text_content().unwrap())
        .collect();
    assert_eq!(names, ["Unassigned", "Kim Lee (KL)", "Ana Ruiz (AR)"]);
    pick(&assign, "agent-KL");
    assert_eq!(
        *posted.borrow(),
        [
            FromPage::SetPriority {
                item: key("x:42"),
                priority: Priority::Urgent
            },
            FromPage::Assign {
                item: key("x:42"),
                assignee: Some("agent-KL".to_owned())
            }
        ]
    );

    let (root, _app, _) = workspace_section(ticket("x:42")).await;
    assert!(
        find_by_role(&root, "combobox", "Assign to").is_none(),
        "agents (and teams without member records) see no Assign to"
    );
}

#[wasm_bindgen_test]
async fn tags_are_removed_and_added_with_the_teams_tags_suggested() {
    let mut tagged = ticket("x:42");
    tagged.tags = vec!["vip".to_owned(), HOSTILE.to_owned()];
    tagged.tag_suggestions = vec!["refund".to_owned(), "delivery".to_owned()];
    let (root, _app, posted) = workspace_section(tagged).await;
    let suggestions: Vec<String> = all(&root, "datalist#team-tags option")
        .iter()
        .map(|option| option.get_attribute("value").unwrap())
        .collect();
    assert_eq!(suggestions, ["refund", "delivery"]);
    assert_eq!(
        by_role(&root, "textbox", "Tag")
            .get_attribute("list")
            .as_deref(),
        Some("team-tags")
    );
    assert!(disabled(&by_role(&root, "button", "Add tag")));
    assert_eq!(count(&root, ".tags img"), 0, "a tag is text");
    assert!(!pwned());

    by_role(&root, "button", "Remove tag vip").click();
    set_value(&by_role(&root, "textbox", "Tag"), "  refund ");
    yew::scheduler::flush().await;
    by_role(&root, "button", "Add tag").click();
    yew::scheduler::flush().await;
    assert_eq!(
        *posted.borrow(),
        [
            FromPage::RemoveTag {
                item: key("x:42"),
                tag: "vip".to_owned()
            },
            FromPage::AddTag {
                item: key("x:42"),
                tag: "refund".to_owned()
            }
        ]
    );
    let field = by_role(&root, "textbox", "Tag");
    assert_eq!(
        field.unchecked_ref::<web_sys::HtmlInputElement>().value(),
        "",
        "the box is cleared once the tag is handed over"
    );
}

#[wasm_bindgen_test]
async fn notes_show_author_time_and_hostile_text_as_text_and_only_mine_can_be_edited() {
    let mut noted = ticket("x:42");
    noted.notes = vec![
        note("n1", agent("Kim Lee", "KL"), "Called the courier.", false),
        note("n2", agent(HOSTILE, "AR"), HOSTILE, true),
    ];
    noted.notes[1].edited_at = Some(POSTED + 120_000);
    let (root, _app, posted) = workspace_section(noted).await;
    let bodies: Vec<String> = all(&root, ".note-body")
        .iter()
        .map(|body| body.text_content().unwrap())
        .collect();
    assert_eq!(bodies, ["Called the courier.", HOSTILE]);
    assert_eq!(count(&root, ".notes img"), 0, "note text is never HTML");
    assert!(!pwned());
    let metas: Vec<String> = all(&root, ".note-meta")
        .iter()
        .map(|meta| meta.text_content().unwrap())
        .collect();
    assert!(metas[0].starts_with("Kim Lee · "), "{metas:?}");
    assert!(metas[1].ends_with(" (edited)"), "{metas:?}");
    assert_eq!(
        all(&root, ".note time")[0]
            .get_attribute("datetime")
            .as_deref(),
        Some("2026-11-18T11:07:40.000Z")
    );

    // Only the agent's own note has Edit note; Escape gives up the edit.
    by_role(&root, "button", "Edit note").click();
    yew::scheduler::flush().await;
    let area = by_role(&root, "textbox", "Edited note");
    press_key(&area, "Escape");
    yew::scheduler::flush().await;
    assert!(find_by_role(&root, "textbox", "Edited note").is_none());
    by_role(&root, "button", "Edit note").click();
    yew::scheduler::flush().await;
    set_value(
        &by_role(&root, "textbox", "Edited note"),
        "Courier called back.",
    );
    yew::scheduler::flush().await;
    by_role(&root, "button", "Save note").click();
    yew::scheduler::flush().await;
    assert_eq!(
        *posted.borrow(),
        [FromPage::EditNote {
            note: "n2".to_owned(),
            body: "Courier called back.".to_owned()
        }]
    );
    assert!(find_by_role(&root, "textbox", "Edited note").is_none());
}

#[wasm_bindgen_test]
async fn add_note_posts_the_text_and_clears_the_box() {
    let (root, _app, posted) = workspace_section(ticket("x:42")).await;
    assert_eq!(text_of(&root, ".notes-none"), "No notes yet.");
    let add = by_role(&root, "button", "Add note");
    assert!(disabled(&add), "a blank note cannot be added");
    set_value(
        &by_role(&root, "textbox", "Note"),
        "Promised a refund by Friday.\nCheck Monday.",
    );
    yew::scheduler::flush().await;
    by_role(&root, "button", "Add note").click();
    yew::scheduler::flush().await;
    assert_eq!(
        *posted.borrow(),
        [FromPage::AddNote {
            item: key("x:42"),
            body: "Promised a refund by Friday.\nCheck Monday.".to_owned()
        }]
    );
    let area = by_role(&root, "textbox", "Note");
    assert_eq!(
        js_sys::Reflect::get(&area, &"value".into())
            .unwrap()
            .as_string()
            .as_deref(),
        Some("")
    );
}

#[wasm_bindgen_test]
async fn set_reminder_offers_quick_choices_and_a_custom_time_and_escape_closes() {
    let (root, _app, posted) = workspace_section(ticket("x:42")).await;
    let opener = by_role(&root, "button", "Set reminder");
    assert_eq!(
        opener.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(count(&root, "[role=dialog]"), 0);

    opener.click();
    yew::scheduler::flush().await;
    assert_eq!(count(&root, "[role=dialog]"), 1);
    let first = by_role(&root, "button", "In 1 hour");
    assert_eq!(
        gloo::utils::document().active_element().as_ref(),
        Some(first.unchecked_ref::<Element>()),
        "focus moves into the dialog"
    );
    assert!(find_by_role(&root, "button", "Clear reminder").is_none());
    first.click();
    yew::scheduler::flush().await;
    assert_eq!(
        count(&root, "[role=dialog]"),
        0,
        "a choice closes the dialog"
    );

    by_role(&root, "button", "Set reminder").click();
    yew::scheduler::flush().await;
    press_key(&by_role(&root, "button", "Tomorrow 9:00"), "Escape");
    yew::scheduler::flush().await;
    assert_eq!(count(&root, "[role=dialog]"), 0, "Escape closes the dialog");
    assert_eq!(
        gloo::utils::document().active_element().as_ref(),
        Some(by_role(&root, "button", "Set reminder").unchecked_ref::<Element>()),
        "focus returns to Set reminder"
    );

    by_role(&root, "button", "Set reminder").click();
    yew::scheduler::flush().await;
    assert!(disabled(&by_role(&root, "button", "Remind then")));
    let at = root.query_selector("#reminder-at").unwrap().unwrap();
    set_value(&at, "2026-12-01T14:30");
    yew::scheduler::flush().await;
    by_role(&root, "button", "Remind then").click();
    yew::scheduler::flush().await;
    let local = js_sys::Date::new(&"2026-12-01T14:30".into()).get_time() as i64;
    assert_eq!(
        *posted.borrow(),
        [
            FromPage::SetReminder {
                item: key("x:42"),
                when: ReminderChoice::InOneHour
            },
            FromPage::SetReminder {
                item: key("x:42"),
                when: ReminderChoice::At { at: local }
            }
        ]
    );
}

#[wasm_bindgen_test]
async fn a_set_reminder_shows_when_and_who_is_marked_due_and_can_be_cleared() {
    let mut reminded = ticket("x:42");
    reminded.reminder = Some(ReminderView {
        at: POSTED + HOUR,
        by: agent("Kim Lee", "KL"),
        due: false,
    });
    let (root, _app, _) = workspace_section(reminded.clone()).await;
    assert!(text_of(&root, ".reminder").ends_with(" · Kim Lee"));
    assert_eq!(count(&root, ".reminder-due"), 0);

    reminded.reminder.as_mut().unwrap().due = true;
    let (root, _app, posted) = workspace_section(reminded).await;
    assert_eq!(text_of(&root, ".reminder-due-word"), "due");
    by_role(&root, "button", "Set reminder").click();
    yew::scheduler::flush().await;
    by_role(&root, "button", "Clear reminder").click();
    assert_eq!(
        *posted.borrow(),
        [FromPage::SetReminder {
            item: key("x:42"),
            when: ReminderChoice::Clear
        }]
    );
}

fn queued(item: &str, excerpt: &str, status: TicketStatus) -> QueueItemView {
    QueueItemView {
        item: key(item),
        status,
        priority: Priority::High,
        excerpt: Some(excerpt.to_owned()),
        remind_at: Some(POSTED),
        first_response_due: Some(POSTED - HOUR),
    }
}

#[wasm_bindgen_test]
async fn the_queue_lists_reminders_mine_unassigned_and_breached_and_opens_an_item() {
    use socialcare_pages::panel::queue::QueueSection;
    let clock = ManualClock::at(POSTED);
    let queue = QueueView {
        reminders: vec![queued("x:1", "Where is my parcel?", TicketStatus::Pending)],
        mine: vec![queued("x:2", HOSTILE, TicketStatus::Open)],
        unassigned: vec![],
        breached: vec![queued("x:3", "Still no answer", TicketStatus::New)],
        more: 0,
    };
    let (opened, on_open) = recorder();
    let (root, _app) = with_clock(&clock, yew::html! { <QueueSection {queue} {on_open} /> }).await;
    let headings: Vec<String> = all(&root, ".queue h3")
        .iter()
        .map(|heading| heading.text_content().unwrap())
        .collect();
    assert_eq!(
        headings,
        [
            "Reminders due (1)",
            "My open and pending (1)",
            "SLA breached (1)"
        ]
    );
    assert!(text_of(&root, ".queue-reminders .queue-detail").starts_with("Pending · reminder "));
    assert_eq!(
        text_of(&root, ".queue-mine .queue-detail"),
        "Open · high priority"
    );
    assert!(text_of(&root, ".queue-breached .queue-detail").starts_with("first response was due "));
    assert_eq!(text_of(&root, ".queue-mine .queue-excerpt"), HOSTILE);
    assert_eq!(count(&root, ".queue img"), 0);
    assert!(!pwned());
    all(&root, ".queue-breached button")[0]
        .unchecked_ref::<web_sys::HtmlElement>()
        .click();
    assert_eq!(*opened.borrow(), [key("x:3")]);

    let (root, _app) = with_clock(
        &clock,
        yew::html! { <QueueSection queue={QueueView::default()} on_open={Callback::noop()} /> },
    )
    .await;
    assert_eq!(text_of(&root, ".queue-empty"), "Nothing waiting.");
}

#[wasm_bindgen_test]
async fn the_app_posts_workspace_intents_as_tagged_objects_and_shows_the_queue() {
    let worker = Worker::new();
    let clock = ManualClock::at(POSTED);
    let (root, _app) = panel(&worker, &clock).await;
    let focus = focused(
        "Dana K",
        "Where is my parcel?",
        "https://x.com/dana_k/status/1",
    );
    let mut view = view_of(&focus, Some(ticket("x:1800000000000000001")));
    view.queue = Some(QueueView {
        unassigned: vec![queued("x:9", "Hello?", TicketStatus::New)],
        ..QueueView::default()
    });
    worker.send(&view_message(view));
    yew::scheduler::flush().await;
    after_first_paint().await;
    set_value(&by_role(&root, "textbox", "Note"), "Called back");
    yew::scheduler::flush().await;
    by_role(&root, "button", "Add note").click();
    all(&root, ".queue-unassigned button")[0]
        .unchecked_ref::<web_sys::HtmlElement>()
        .click();
    assert_eq!(
        worker.posted(),
        [
            serde_json::json!({"type": "add_note", "item": "x:1800000000000000001", "body": "Called back"}),
            serde_json::json!({"type": "open_item", "item": "x:9"}),
        ]
    );
}
