//! Component tests of the side panel: the real Yew components rendered in
//! headless Chromium, asserted on the DOM they produce.
//!
//! Run with `make test-panel` (wasm-bindgen-test-runner + chromedriver).
//! Nothing here waits on a clock: rendering is awaited with
//! `yew::scheduler::flush`, and the one asynchronous storage read is awaited
//! over a bounded number of event-loop turns.

#![cfg(target_arch = "wasm32")]

use socialcare::care::{assess, CareContext, Intent, UrgencyLevel};
use socialcare::model::ObservedItem;
use socialcare::sentiment::{Label, Scores};
use socialcare_pages::panel::app::App;
use socialcare_pages::panel::author::{Author, AuthorProps};
use socialcare_pages::panel::care_signals::{CareSignals, CareSignalsProps};
use socialcare_pages::panel::empty_state::{EmptyState, EmptyStateProps};
use socialcare_pages::panel::item_card::{local_time, ItemCard, ItemCardProps};
use socialcare_pages::panel::panel_view::{FocusState, PanelView, PanelViewProps};
use socialcare_pages::panel::permalink::{safe_href, Permalink, PermalinkProps};
use socialcare_pages::panel::recent::{excerpt, RECENT_LIMIT};
use socialcare_pages::panel::sentiment_meter::{fill_style, SentimentMeter, SentimentMeterProps};
use socialcare_pages::panel::storage::{
    decode_focus, read_focus, StorageError, RECENT_STORAGE_KEY,
};
use socialcare_views::focus::{FocusedItem, FOCUS_STORAGE_KEY};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::Element;
use yew::{AttrValue, BaseComponent, Renderer};

wasm_bindgen_test_configure!(run_in_browser);

/// A stand-in for the browser's `chrome.storage` (a test page is not an
/// extension page), with a way to fire `onChanged` as the browser would.
#[wasm_bindgen(inline_js = r#"
export function install_fake_storage(initial, hold) {
  const listeners = [];
  const store = {};
  const held = [];
  if (initial !== undefined) store["socialcare.focus"] = initial;
  const chrome = {
    storage: {
      session: {
        get(key) {
          const answer = key in store ? { [key]: store[key] } : {};
          return hold ? new Promise((resolve) => held.push(() => resolve(answer))) : Promise.resolve(answer);
        },
        set(items) {
          Object.assign(store, items);
          const changes = Object.fromEntries(Object.entries(items).map(([key, newValue]) => [key, { newValue }]));
          for (const listener of [...listeners]) listener(changes, "session");
          return Promise.resolve();
        },
      },
      onChanged: {
        addListener(listener) { listeners.push(listener); },
        removeListener(listener) {
          const at = listeners.indexOf(listener);
          if (at >= 0) listeners.splice(at, 1);
        },
      },
    },
  };
  Object.defineProperty(globalThis, "chrome", { value: chrome, configurable: true, writable: true });
  return {
    fire(key, newValue, area) {
      const change = newValue === undefined ? { oldValue: store[key] } : { newValue };
      if (area === "session") {
        if (newValue === undefined) delete store[key]; else store[key] = newValue;
      }
      for (const listener of [...listeners]) listener({ [key]: change }, area);
    },
    listeners() { return listeners.length; },
    release() { for (const resolve of held.splice(0)) resolve(); },
    stored(key) { return store[key]; },
    put(key, value) { store[key] = value; },
  };
}
export function install_fake_commands(shortcut) {
  globalThis.chrome.commands = {
    getAll() {
      return Promise.resolve([
        { name: "_execute_action", shortcut: "Alt+Shift+A" },
        { name: "focus-item", shortcut, description: "Show the item under focus" },
      ]);
    },
  };
}
export function remove_storage() {
  Object.defineProperty(globalThis, "chrome", { value: {}, configurable: true, writable: true });
}
export function pwned() { return globalThis.__pwned === true; }
"#)]
extern "C" {
    type FakeStorage;
    fn install_fake_storage(initial: &JsValue, hold: bool) -> FakeStorage;
    fn install_fake_commands(shortcut: &str);
    fn remove_storage();
    fn pwned() -> bool;
    #[wasm_bindgen(method)]
    fn fire(this: &FakeStorage, key: &str, new_value: &JsValue, area: &str);
    #[wasm_bindgen(method)]
    fn listeners(this: &FakeStorage) -> u32;
    #[wasm_bindgen(method)]
    fn release(this: &FakeStorage);
    #[wasm_bindgen(method)]
    fn stored(this: &FakeStorage, key: &str) -> JsValue;
    #[wasm_bindgen(method)]
    fn put(this: &FakeStorage, key: &str, value: &JsValue);
}

const HOSTILE: &str = r#"<img src=x onerror="globalThis.__pwned=true">"#;

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
    let assessment = assess(text, &CareContext::default());
    Rc::new(FocusedItem { item, assessment })
}

/// The JSON the service worker writes to storage for a focused item.
fn focus_json(name: &str, text: &str, permalink: &str) -> String {
    serde_json::to_string(focused(name, text, permalink).as_ref()).unwrap()
}

/// Renders `props` into a fresh element and waits until Yew has rendered.
async fn mount<C: BaseComponent>(props: C::Properties) -> (Element, yew::AppHandle<C>) {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = Renderer::<C>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    (root, handle)
}

/// Lets pending promise callbacks and renders run, until `done` holds or
/// 100 event-loop turns have passed.
async fn settle(done: impl Fn() -> bool) {
    for _ in 0..100 {
        yew::scheduler::flush().await;
        if done() {
            return;
        }
        JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL))
            .await
            .unwrap();
    }
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

fn text_of(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector} in {}", root.inner_html()))
        .text_content()
        .unwrap_or_default()
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
    let reasons = assessment.reasons.clone();
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
        Some("left: 14.1%; width: 35.9%")
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
    assert_eq!(fill_style(0.5), "left: 50.0%; width: 25.0%");
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
        reasons: vec!["waited 3 days".into(), AttrValue::from(HOSTILE)],
        anger: true,
        intent: Intent::AccountSecurity,
        language: Some("es".into()),
    })
    .await;
    assert_eq!(text_of(&root, ".urgency-text"), "Medium (50%)");
    assert_eq!(count(&root, ".urgency-medium meter[value='0.5']"), 1);
    assert_eq!(count(&root, ".reasons li"), 2);
    assert_eq!(text_of(&root, ".reasons li:last-child"), HOSTILE);
    assert_eq!(count(&root, "img"), 0);
    assert_eq!(text_of(&root, ".anger-flag"), "Angry customer");
    assert_eq!(text_of(&root, ".intent"), "Account security");
    assert_eq!(text_of(&root, ".language"), "Spanish (es)");
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
async fn live_region_announces_each_focus_change() {
    let (root, mut app) = mount::<PanelView>(yew::props!(PanelViewProps {
        focus: FocusState::Empty
    }))
    .await;
    assert_eq!(text_of(&root, "h1"), "Socialcare");
    assert_eq!(text_of(&root, "[aria-live=polite]"), "No item in focus.");
    assert_eq!(count(&root, ".empty-state"), 1);

    app.update(yew::props!(PanelViewProps {
        focus: FocusState::Focused(focused(
            "Dana K",
            "Still waiting",
            "https://x.com/dana_k/status/1",
        ))
    }));
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, "[aria-live=polite]"),
        "Now showing the X reply by Dana K (@dana_k)."
    );
    assert_eq!(count(&root, ".empty-state"), 0);
    assert_eq!(text_of(&root, ".item-text"), "Still waiting");

    app.update(yew::props!(PanelViewProps {
        focus: FocusState::Failed("bad data".into())
    }));
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, "[aria-live=polite]"),
        "The focused item cannot be shown."
    );
    assert_eq!(text_of(&root, ".failure-reason"), "bad data");
}

#[wasm_bindgen_test]
fn stored_focus_decodes_from_a_json_string_or_an_object() {
    let json = focus_json("Dana K", "hello", "https://x.com/dana_k/status/1");
    let from_string = decode_focus(&JsValue::from_str(&json)).unwrap().unwrap();
    let from_object = decode_focus(&js_sys::JSON::parse(&json).unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(from_string.item, from_object.item);
    assert_eq!(from_string.assessment, from_object.assessment);
    assert_eq!(from_string.item.text, "hello");
    assert_eq!(
        from_string.assessment,
        assess("hello", &CareContext::default())
    );
    assert_eq!(decode_focus(&JsValue::UNDEFINED), Ok(None));
    assert_eq!(decode_focus(&JsValue::NULL), Ok(None));
    assert!(matches!(
        decode_focus(&JsValue::from_str("{\"item\":1}")),
        Err(StorageError::Unreadable(_))
    ));
}

#[wasm_bindgen_test]
async fn read_focus_reads_the_session_key() {
    let json = focus_json("Dana K", "hello", "https://x.com/dana_k/status/1");
    install_fake_storage(&JsValue::from_str(&json), false);
    assert_eq!(read_focus().await.unwrap().unwrap().item.text, "hello");
    install_fake_storage(&JsValue::UNDEFINED, false);
    assert_eq!(read_focus().await, Ok(None));
    remove_storage();
    assert!(matches!(
        read_focus().await,
        Err(StorageError::Unavailable(_))
    ));
}

#[wasm_bindgen_test]
async fn app_shows_the_stored_focus_and_follows_session_changes() {
    let first = focus_json("Dana K", "first item", "https://x.com/dana_k/status/1");
    let storage = install_fake_storage(&JsValue::from_str(&first), false);
    let (root, app) = mount::<App>(()).await;
    let shows = |text: &str| {
        root.query_selector(".item-text")
            .unwrap()
            .and_then(|el| el.text_content())
            .as_deref()
            == Some(text)
    };
    settle(|| shows("first item")).await;
    assert!(shows("first item"), "{}", root.inner_html());
    assert_eq!(storage.listeners(), 1);

    // A change in another storage area, or of another key, is ignored.
    let other = focus_json("Eve", "not mine", "https://x.com/eve/status/2");
    storage.fire(FOCUS_STORAGE_KEY, &JsValue::from_str(&other), "local");
    storage.fire("another.key", &JsValue::from_str(&other), "session");
    yew::scheduler::flush().await;
    assert!(shows("first item"));

    // A new focus in the session area replaces the item, as an object too.
    let second = focus_json("Sam", "second item", "https://www.facebook.com/1/posts/2");
    storage.fire(
        FOCUS_STORAGE_KEY,
        &js_sys::JSON::parse(&second).unwrap(),
        "session",
    );
    yew::scheduler::flush().await;
    assert!(shows("second item"), "{}", root.inner_html());

    // An unreadable value says so instead of showing stale data.
    storage.fire(
        FOCUS_STORAGE_KEY,
        &JsValue::from_str("{\"version\":99}"),
        "session",
    );
    yew::scheduler::flush().await;
    assert_eq!(count(&root, ".item-card"), 0);
    assert_eq!(count(&root, ".failure"), 1);

    // Removing the key brings back the empty state.
    storage.fire(FOCUS_STORAGE_KEY, &JsValue::UNDEFINED, "session");
    yew::scheduler::flush().await;
    assert_eq!(count(&root, ".empty-state"), 1);

    app.destroy();
    yew::scheduler::flush().await;
    assert_eq!(
        storage.listeners(),
        0,
        "the onChanged listener outlived the panel"
    );
}

#[wasm_bindgen_test]
async fn app_without_focus_shows_the_empty_state_and_without_storage_says_why() {
    install_fake_storage(&JsValue::UNDEFINED, false);
    let (root, _app) = mount::<App>(()).await;
    settle(|| count(&root, ".empty-state") == 1).await;
    assert_eq!(count(&root, ".empty-state"), 1, "{}", root.inner_html());

    remove_storage();
    let (root, _app) = mount::<App>(()).await;
    settle(|| count(&root, ".failure") == 1).await;
    assert!(
        text_of(&root, ".failure-reason").contains("storage is unavailable"),
        "{}",
        root.inner_html()
    );
    assert_eq!(count(&root, ".item-card"), 0);
}

#[wasm_bindgen_test]
async fn a_change_during_the_first_read_wins_over_it() {
    let old = focus_json("Dana K", "old item", "https://x.com/dana_k/status/1");
    let storage = install_fake_storage(&JsValue::from_str(&old), true);
    let (root, _app) = mount::<App>(()).await;
    assert_eq!(text_of(&root, ".loading"), "Loading…");

    let new = focus_json("Sam", "new item", "https://x.com/sam/status/2");
    storage.fire(FOCUS_STORAGE_KEY, &JsValue::from_str(&new), "session");
    yew::scheduler::flush().await;
    assert_eq!(text_of(&root, ".item-text"), "new item");

    // The read started before the change now answers with the old item;
    // let it finish (no condition ends the wait early) and check it lost.
    storage.release();
    settle(|| false).await;
    assert_eq!(text_of(&root, ".item-text"), "new item");
}

#[wasm_bindgen_test]
async fn empty_state_shows_the_assigned_focus_shortcut() {
    install_fake_storage(&JsValue::UNDEFINED, false);
    install_fake_commands("Ctrl+Shift+Y");
    let (root, _app) = mount::<App>(()).await;
    settle(|| count(&root, "kbd") == 1).await;
    assert_eq!(text_of(&root, ".empty-state kbd"), "Ctrl+Shift+Y");

    // An unassigned shortcut (empty string) falls back to the generic hint.
    install_fake_storage(&JsValue::UNDEFINED, false);
    install_fake_commands("");
    let (root, _app) = mount::<App>(()).await;
    settle(|| count(&root, ".empty-state") == 1).await;
    settle(|| false).await;
    assert_eq!(count(&root, "kbd"), 0);
    assert!(text_of(&root, ".empty-state").contains("the focus shortcut"));
}

/// Clicks the recent entry whose excerpt is `text`.
fn reopen(root: &Element, text: &str) {
    let buttons = root.query_selector_all(".recent-item").unwrap();
    let excerpt_of = |button: &Element| {
        let excerpt = button.query_selector(".recent-excerpt").ok().flatten();
        excerpt.and_then(|excerpt| excerpt.text_content())
    };
    let button = (0..buttons.length())
        .filter_map(|at| buttons.get(at))
        .map(|button| button.unchecked_into::<Element>())
        .find(|button| excerpt_of(button).as_deref() == Some(text))
        .unwrap_or_else(|| panic!("no recent entry with {text:?}: {}", root.inner_html()));
    button.unchecked_into::<web_sys::HtmlElement>().click();
}

fn recent_texts(root: &Element) -> Vec<String> {
    let entries = root.query_selector_all(".recent-excerpt").unwrap();
    (0..entries.length())
        .filter_map(|at| entries.get(at)?.text_content())
        .collect()
}

#[wasm_bindgen_test]
async fn earlier_items_stay_one_click_away() {
    let json = |name: &str, text: &str| {
        let focus = focused_as(
            &format!("x:{}", text.len()),
            name,
            text,
            "https://x.com/a/status/1",
        );
        JsValue::from_str(&serde_json::to_string(focus.as_ref()).unwrap())
    };
    let storage = install_fake_storage(&json("Ann", "first"), false);
    let (root, _app) = mount::<App>(()).await;
    settle(|| count(&root, ".item-card") == 1).await;
    assert_eq!(count(&root, ".recent"), 0, "nothing earlier yet");

    // Focusing another item keeps the first one listed.
    storage.fire(FOCUS_STORAGE_KEY, &json("Ben", "second"), "session");
    yew::scheduler::flush().await;
    assert_eq!(text_of(&root, ".item-text"), "second");
    assert_eq!(recent_texts(&root), ["first"]);
    assert_eq!(text_of(&root, "#recent-heading"), "Recently focused");

    // Picking it shows it again and lists the one it replaced.
    reopen(&root, "first");
    yew::scheduler::flush().await;
    assert_eq!(text_of(&root, ".item-text"), "first");
    assert_eq!(recent_texts(&root), ["second"]);
    assert_eq!(
        text_of(&root, "[aria-live=polite]"),
        "Now showing the X reply by Ann (@dana_k)."
    );

    // Clearing the focus loses nothing.
    storage.fire(FOCUS_STORAGE_KEY, &JsValue::UNDEFINED, "session");
    yew::scheduler::flush().await;
    assert_eq!(count(&root, ".empty-state"), 1);
    assert_eq!(recent_texts(&root), ["first", "second"]);

    // An item focused again is not listed twice, and the list is bounded.
    storage.fire(FOCUS_STORAGE_KEY, &json("Ann", "first"), "session");
    yew::scheduler::flush().await;
    assert_eq!(recent_texts(&root), ["second"]);
    for n in 0..RECENT_LIMIT + 2 {
        storage.fire(
            FOCUS_STORAGE_KEY,
            &json("Cy", &format!("item {}", "+".repeat(n))),
            "session",
        );
        yew::scheduler::flush().await;
    }
    let listed = recent_texts(&root);
    assert_eq!(listed.len(), RECENT_LIMIT);
    assert_eq!(listed[0], format!("item {}", "+".repeat(RECENT_LIMIT)));
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
async fn recent_items_survive_closing_and_reopening_the_panel() {
    let json = |text: &str| {
        let focus = focused_as(
            &format!("x:{}", text.len()),
            "Ann",
            text,
            "https://x.com/a/status/1",
        );
        serde_json::to_string(focus.as_ref()).unwrap()
    };
    let storage = install_fake_storage(&JsValue::from_str(&json("a")), false);
    let saved = || -> Vec<String> {
        let stored = storage
            .stored(RECENT_STORAGE_KEY)
            .as_string()
            .unwrap_or_default();
        let items: Vec<FocusedItem> = serde_json::from_str(&stored).unwrap_or_default();
        items.into_iter().map(|focus| focus.item.text).collect()
    };
    let (root, app) = mount::<App>(()).await;
    settle(|| count(&root, ".item-card") == 1).await;
    for text in ["bb", "ccc"] {
        storage.fire(
            FOCUS_STORAGE_KEY,
            &JsValue::from_str(&json(text)),
            "session",
        );
        yew::scheduler::flush().await;
    }
    assert_eq!(recent_texts(&root), ["bb", "a"]);
    // What the panel has shown is saved as it changes, newest first.
    settle(|| saved() == ["ccc", "bb", "a"]).await;
    assert_eq!(saved(), ["ccc", "bb", "a"]);

    // A new panel shows the stored focus and lists the others once.
    app.destroy();
    let (root, app) = mount::<App>(()).await;
    settle(|| count(&root, ".recent-item") == 2).await;
    assert_eq!(text_of(&root, ".item-text"), "ccc");
    assert_eq!(recent_texts(&root), ["bb", "a"]);

    // An item reopened from the list is kept as well, although the stored
    // focus is another one.
    reopen(&root, "a");
    yew::scheduler::flush().await;
    settle(|| saved() == ["a", "ccc", "bb"]).await;
    assert_eq!(saved(), ["a", "ccc", "bb"]);
    app.destroy();
    let (root, _app) = mount::<App>(()).await;
    settle(|| count(&root, ".recent-item") == 2).await;
    assert_eq!(text_of(&root, ".item-text"), "ccc");
    assert_eq!(recent_texts(&root), ["a", "bb"]);

    // A saved list it cannot read is ignored, not shown as a failure.
    storage.put(RECENT_STORAGE_KEY, &JsValue::from_str("[{\"old\":1}]"));
    let (root, _app) = mount::<App>(()).await;
    settle(|| count(&root, ".item-card") == 1).await;
    settle(|| false).await;
    assert_eq!(count(&root, ".recent, .failure"), 0);
}
