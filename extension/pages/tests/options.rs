//! Component tests of the options page (sign-in and sign-out), rendered in
//! headless Chromium and driven through a stand-in service worker on its
//! port, with a clock the tests move (the permission prompt's time limit).
//!
//! Run with `make test-panel`.

#![cfg(target_arch = "wasm32")]

mod support;

use socialcare::model::Role;
use socialcare_pages::options::app::{OptionsApp, OptionsAppProps};
use socialcare_pages::options::connect_form::failure_message;
use socialcare_pages::options::PERMISSION_PROMPT_TIMEOUT_MS;
use socialcare_pages::port::ExtensionHandle;
use socialcare_views::{
    AgentView, ConnectError, ConnectResult, FromPage, PanelView, SessionView, SyncState, SyncView,
    ToPage,
};
use std::rc::Rc;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const STORE: &str = "https://care.example.com";
const TOKEN: &str = "sct_live_0123456789abcdef";
const ORIGIN: &str = "https://care.example.com/*";

fn session(name: &str) -> SessionView {
    SessionView {
        store_url: STORE.to_owned(),
        agent: AgentView {
            id: "agent-1".to_owned(),
            name: name.to_owned(),
            initials: "AR".to_owned(),
        },
        role: Role::Lead,
        token_hint: "cdef".to_owned(),
    }
}

/// A view of a signed-in agent with `pending` unsynced actions.
fn signed_in(pending: u32) -> ToPage {
    ToPage::View {
        view: PanelView {
            session: Some(session("Ana Ruiz")),
            sync: SyncView {
                state: if pending > 0 {
                    SyncState::Waiting
                } else {
                    SyncState::Synced
                },
                pending,
                ..SyncView::default()
            },
            ..PanelView::default()
        },
    }
}

fn failed(code: ConnectError, message: &str, origin: Option<&str>) -> ToPage {
    ToPage::Connected {
        result: ConnectResult::Failed {
            code,
            message: message.to_owned(),
            origin_pattern: origin.map(str::to_owned),
        },
    }
}

fn connected(name: &str) -> ToPage {
    ToPage::Connected {
        result: ConnectResult::Connected {
            session: session(name),
        },
    }
}

async fn options_page(worker: &Worker, clock: &ManualClock) -> Element {
    let (root, handle) = mount::<OptionsApp>(OptionsAppProps {
        extension: worker.extension(),
        clock: clock.clock(),
    })
    .await;
    // The page lives as long as the test's document.
    std::mem::forget(handle);
    root
}

/// Fills in the form and presses Connect.
async fn connect(root: &Element, store_url: &str, token: &str) {
    type_into(&by_role(root, "textbox", "Store URL"), store_url);
    type_into(&by_role(root, "textbox", "Token"), token);
    yew::scheduler::flush().await;
    by_role(root, "button", "Connect").click();
    yew::scheduler::flush().await;
}

fn connect_intent(store_url: &str, token: &str) -> FromPage {
    FromPage::Connect {
        store_url: store_url.to_owned(),
        token: token.to_owned(),
    }
}

#[wasm_bindgen_test]
async fn connecting_shows_who_is_signed_in_and_forgets_the_token() {
    let (worker, clock) = (Worker::new(), ManualClock::at(0));
    let root = options_page(&worker, &clock).await;
    assert_eq!(worker.connections(), ["options"]);
    let token = by_role(&root, "textbox", "Token");
    assert_eq!(token.get_attribute("type").as_deref(), Some("password"));

    connect(&root, STORE, TOKEN).await;
    assert_eq!(worker.intents(), [connect_intent(STORE, TOKEN)]);
    assert!(
        disabled(&by_role(&root, "button", "Connect")),
        "one attempt at a time"
    );
    assert_eq!(text_of(&root, ".progress"), "Connecting…");

    worker.send(&connected("Ana Ruiz"));
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, ".connected-as"),
        "Connected as Ana Ruiz (lead)"
    );
    assert_eq!(
        text_of(&root, ".outcome-ok"),
        "Connected as Ana Ruiz (lead)"
    );
    assert_eq!(text_of(&root, ".session-token"), "ending in cdef");
    assert_eq!(
        by_role(&root, "textbox", "Token")
            .unchecked_into::<HtmlInputElement>()
            .value(),
        "",
        "the token field is cleared"
    );
    assert!(
        !root.inner_html().contains(TOKEN),
        "the token is never shown"
    );
    assert!(!disabled(&by_role(&root, "button", "Connect")));
}

#[wasm_bindgen_test]
async fn each_failure_says_what_went_wrong() {
    for code in [
        ConnectError::InvalidUrl,
        ConnectError::Unreachable,
        ConnectError::PermissionDenied,
        ConnectError::TokenRefused,
        ConnectError::NotAStore,
    ] {
        let (worker, clock) = (Worker::new(), ManualClock::at(0));
        let root = options_page(&worker, &clock).await;
        connect(&root, STORE, TOKEN).await;
        worker.send(&failed(code, &format!("detail {HOSTILE}"), None));
        yew::scheduler::flush().await;
        let alert = text_of(&root, "[role=alert]");
        assert_eq!(
            alert,
            format!("{} (detail {HOSTILE})", failure_message(code))
        );
        assert_eq!(count(&root, "img"), 0);
        assert!(!disabled(&by_role(&root, "button", "Connect")), "{code:?}");
        assert_eq!(
            by_role(&root, "textbox", "Token")
                .unchecked_into::<HtmlInputElement>()
                .value(),
            TOKEN,
            "kept to try again"
        );
    }
    assert!(failure_message(ConnectError::Unreachable).contains("unreachable"));
    assert!(failure_message(ConnectError::TokenRefused).contains("refused"));
    assert!(failure_message(ConnectError::PermissionDenied).contains("Permission not granted"));
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn a_blocked_store_is_asked_for_at_once_and_connect_is_sent_again_when_granted() {
    let (worker, clock) = (Worker::new(), ManualClock::at(0));
    let root = options_page(&worker, &clock).await;
    connect(&root, STORE, TOKEN).await;
    worker.send(&failed(
        ConnectError::PermissionNeeded,
        "blocked",
        Some(ORIGIN),
    ));
    assert_eq!(
        worker.permission_requests(),
        [(ORIGIN.to_owned(), true)],
        "asked in the task that delivered the answer"
    );
    yew::scheduler::flush().await;
    assert!(text_of(&root, ".progress").contains(ORIGIN));
    assert!(disabled(&by_role(&root, "button", "Connect")));

    worker.answer_permission(true);
    settle(|| worker.intents().len() == 2).await;
    assert_eq!(
        worker.intents(),
        [connect_intent(STORE, TOKEN), connect_intent(STORE, TOKEN)]
    );
    assert_eq!(text_of(&root, ".progress"), "Connecting…");

    // Still blocked although granted: said once, never asked in a loop.
    worker.send(&failed(
        ConnectError::PermissionNeeded,
        "still blocked",
        Some(ORIGIN),
    ));
    yew::scheduler::flush().await;
    assert_eq!(worker.permission_requests().len(), 1);
    assert!(text_of(&root, "[role=alert]").contains("still blocked"));
    assert!(!disabled(&by_role(&root, "button", "Connect")));
}

#[wasm_bindgen_test]
async fn where_the_browser_allows_the_prompt_only_in_the_click_connect_asks_there_once() {
    let (worker, clock) = (Worker::new(), ManualClock::at(0));
    let (root, handle) = mount::<OptionsApp>(OptionsAppProps {
        extension: ExtensionHandle(Rc::new(AsksInTheClick(worker.clone()))),
        clock: clock.clock(),
    })
    .await;
    std::mem::forget(handle);
    connect(&root, STORE, TOKEN).await;
    assert_eq!(
        worker.permission_requests(),
        [(ORIGIN.to_owned(), false)],
        "asked in the click, before any answer"
    );
    assert_eq!(worker.intents(), [connect_intent(STORE, TOKEN)]);
    // The worker still finds the store blocked: the click's prompt is the one awaited.
    worker.send(&failed(
        ConnectError::PermissionNeeded,
        "blocked",
        Some(ORIGIN),
    ));
    yew::scheduler::flush().await;
    assert_eq!(worker.permission_requests().len(), 1, "never asked twice");
    worker.answer_permission(true);
    settle(|| worker.intents().len() == 2).await;
    assert_eq!(
        worker.intents(),
        [connect_intent(STORE, TOKEN), connect_intent(STORE, TOKEN)]
    );
}

#[wasm_bindgen_test]
async fn a_refused_permission_says_so_and_lets_the_agent_try_again() {
    let (worker, clock) = (Worker::new(), ManualClock::at(0));
    let root = options_page(&worker, &clock).await;
    connect(&root, STORE, TOKEN).await;
    worker.send(&failed(
        ConnectError::PermissionNeeded,
        "blocked",
        Some(ORIGIN),
    ));
    worker.answer_permission(false);
    settle(|| count(&root, "[role=alert]") == 1).await;
    let alert = text_of(&root, "[role=alert]");
    assert!(alert.starts_with("Permission not granted"), "{alert}");
    assert!(alert.contains(ORIGIN), "{alert}");
    assert_eq!(worker.intents().len(), 1, "no second Connect");
    assert!(!disabled(&by_role(&root, "button", "Connect")));

    // The browser's own error (e.g. no user gesture) is a refusal too.
    by_role(&root, "button", "Connect").click();
    yew::scheduler::flush().await;
    worker.send(&failed(
        ConnectError::PermissionNeeded,
        "blocked",
        Some(ORIGIN),
    ));
    worker.fail_permission("must be called during a user gesture");
    settle(|| count(&root, "[role=alert]") == 1).await;
    assert!(text_of(&root, "[role=alert]").contains("must be called during a user gesture"));
    assert_eq!(
        worker.permission_requests().len(),
        2,
        "a new attempt asks again"
    );
}

#[wasm_bindgen_test]
async fn a_prompt_that_never_answers_gives_up_after_the_time_limit() {
    let (worker, clock) = (Worker::new(), ManualClock::at(0));
    let root = options_page(&worker, &clock).await;
    connect(&root, STORE, TOKEN).await;
    worker.send(&failed(
        ConnectError::PermissionNeeded,
        "blocked",
        Some(ORIGIN),
    ));
    yew::scheduler::flush().await;

    clock.advance(i64::from(PERMISSION_PROMPT_TIMEOUT_MS) - 1);
    yew::scheduler::flush().await;
    assert!(
        disabled(&by_role(&root, "button", "Connect")),
        "still waiting"
    );
    assert_eq!(count(&root, "[role=alert]"), 0);

    clock.advance(1);
    yew::scheduler::flush().await;
    let alert = text_of(&root, "[role=alert]");
    assert!(alert.starts_with("Permission not granted"), "{alert}");
    assert!(alert.contains("did not answer"), "{alert}");
    assert!(!disabled(&by_role(&root, "button", "Connect")));

    // A late answer changes nothing.
    worker.answer_permission(true);
    settle(|| false).await;
    assert_eq!(worker.intents().len(), 1);
    assert_eq!(clock.pending(), 0, "no timer left behind");
}

#[wasm_bindgen_test]
async fn signing_out_with_nothing_unsynced_takes_one_click() {
    let (worker, clock) = (Worker::new(), ManualClock::at(0));
    let root = options_page(&worker, &clock).await;
    worker.send(&signed_in(0));
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, ".connected-as"),
        "Connected as Ana Ruiz (lead)"
    );
    assert_eq!(
        by_role(&root, "textbox", "Store URL")
            .unchecked_into::<HtmlInputElement>()
            .value(),
        STORE,
        "the signed-in store is offered"
    );

    by_role(&root, "button", "Sign out").click();
    assert_eq!(
        worker.intents(),
        [FromPage::SignOut {
            discard_unsynced: false
        }]
    );
    worker.send(&ToPage::SignedOut { done: true });
    worker.send(&ToPage::View {
        view: PanelView::default(),
    });
    yew::scheduler::flush().await;
    assert_eq!(count(&root, ".account"), 0);
    assert_eq!(text_of(&root, ".outcome-ok"), "Signed out.");
}

#[wasm_bindgen_test]
async fn signing_out_with_unsynced_actions_warns_and_needs_a_second_confirm() {
    let (worker, clock) = (Worker::new(), ManualClock::at(0));
    let root = options_page(&worker, &clock).await;
    worker.send(&signed_in(3));
    yew::scheduler::flush().await;

    by_role(&root, "button", "Sign out").click();
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, ".sign-out-warning p"),
        "3 actions have not reached the store and will be lost."
    );
    assert!(
        worker.intents().is_empty(),
        "nothing is sent before confirming"
    );
    by_role(&root, "button", "Cancel").click();
    yew::scheduler::flush().await;
    assert_eq!(count(&root, ".sign-out-warning"), 0);

    by_role(&root, "button", "Sign out").click();
    yew::scheduler::flush().await;
    by_role(&root, "button", "Sign out anyway").click();
    assert_eq!(
        worker.intents(),
        [FromPage::SignOut {
            discard_unsynced: true
        }]
    );

    // Actions that arrived after the page last heard: the worker refuses
    // the plain sign-out and the page asks.
    let (worker, clock) = (Worker::new(), ManualClock::at(0));
    let root = options_page(&worker, &clock).await;
    worker.send(&signed_in(0));
    yew::scheduler::flush().await;
    by_role(&root, "button", "Sign out").click();
    worker.send(&signed_in(1));
    worker.send(&ToPage::SignedOut { done: false });
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, ".sign-out-warning p"),
        "1 action has not reached the store and will be lost."
    );
}

#[wasm_bindgen_test]
async fn hostile_names_from_the_store_are_text() {
    let (worker, clock) = (Worker::new(), ManualClock::at(0));
    let root = options_page(&worker, &clock).await;
    connect(&root, STORE, TOKEN).await;
    worker.send(&connected(HOSTILE));
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, ".connected-as"),
        format!("Connected as {HOSTILE} (lead)")
    );
    assert_eq!(count(&root, "img"), 0);
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn outside_the_extension_the_page_says_why() {
    let (root, _app) = mount::<OptionsApp>(OptionsAppProps {
        extension: ExtensionHandle(Rc::new(NoExtension)),
        clock: ManualClock::at(0).clock(),
    })
    .await;
    assert!(
        text_of(&root, "[role=alert]").contains("open the page from the extension"),
        "{}",
        root.inner_html()
    );
}
