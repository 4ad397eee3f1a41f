//! Component tests of the side panel's customer part: the customer's
//! identities, link suggestions and history, and ticket search, rendered in
//! headless Chromium; the whole panel driven through a stand-in worker.
//!
//! Run with `make test-panel`.

#![cfg(target_arch = "wasm32")]

mod support;

use socialcare::care::{assess_with_language, CareContext, Intent};
use socialcare::customers::suggest::Clue;
use socialcare::model::{ItemKey, ObservedItem, Platform, Role, TicketStatus};
use socialcare::sentiment::Label;
use socialcare::templates::Why;
use socialcare_pages::clock::Clock;
use socialcare_pages::panel::app::{App, AppProps};
use socialcare_pages::panel::customer_section::{CustomerSection, CustomerSectionProps};
use socialcare_pages::panel::history::{HistoryList, HistoryListProps};
use socialcare_pages::panel::identities::{IdentityList, IdentityListProps};
use socialcare_pages::panel::link_suggestions::{LinkSuggestions, LinkSuggestionsProps};
use socialcare_pages::panel::reply_card::{ReplyCard, ReplyCardProps};
use socialcare_pages::panel::search_box::{SearchBox, SearchBoxProps};
use socialcare_pages::panel::search_results::{SearchResults, SearchResultsProps};
use socialcare_pages::panel::suggested_replies::{SuggestedReplies, SuggestedRepliesProps};
use socialcare_pages::panel::template_renderer::{TemplateRenderer, LOADER};
use socialcare_views::focus::FocusedItem;
use socialcare_views::{
    AgentView, CustomerView, FocusView, FromPage, HistoryEntry, IdentityLink, IdentityView,
    LinkSuggestionView, PanelView, ReplyContextView, ReplyPromptView, SearchResult, SearchView,
    SessionView, SuggestedReplyView, ToPage,
};
use std::cell::RefCell;
use std::rc::Rc;
use support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

const POSTED: i64 = 1_795_000_000_000;

fn key(text: &str) -> ItemKey {
    text.parse().unwrap()
}

fn link(customer: &str, platform: Platform, handle: &str) -> IdentityLink {
    IdentityLink {
        customer: customer.to_owned(),
        platform,
        handle: handle.to_owned(),
    }
}

fn recorder<T: 'static>() -> (Rc<RefCell<Vec<T>>>, Callback<T>) {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let callback = {
        let seen = seen.clone();
        Callback::from(move |value| seen.borrow_mut().push(value))
    };
    (seen, callback)
}

fn identities() -> Vec<IdentityView> {
    vec![
        IdentityView {
            link: link("x:ana", Platform::X, "ana"),
            profile_url: Some("https://x.com/ana".into()),
            linked: false,
        },
        IdentityView {
            link: link("x:ana", Platform::Instagram, "ana.r"),
            profile_url: Some("https://www.instagram.com/ana.r/".into()),
            linked: true,
        },
        IdentityView {
            link: link("x:ana", Platform::Facebook, HOSTILE),
            profile_url: Some("javascript:globalThis.__pwned=true".into()),
            linked: true,
        },
    ]
}

fn suggestions() -> Vec<LinkSuggestionView> {
    vec![
        LinkSuggestionView {
            link: link("x:ana", Platform::Instagram, "ana.r"),
            clue: Clue::Mentioned {
                words: "IG is @ana.r".into(),
            },
            other_name: None,
            profile_url: Some("https://www.instagram.com/ana.r/".into()),
        },
        LinkSuggestionView {
            link: link("x:ana", Platform::Facebook, "ana.fb"),
            clue: Clue::SameName {
                name: HOSTILE.into(),
            },
            other_name: Some(HOSTILE.into()),
            profile_url: Some("https://evil.example/ana.fb".into()),
        },
    ]
}

fn history() -> Vec<HistoryEntry> {
    vec![
        HistoryEntry {
            item: key("instagram:20"),
            status: TicketStatus::Pending,
            at: POSTED,
            excerpt: format!("Still waiting {HOSTILE}"),
            sentiment: Some(Label::Negative),
            notes: 2,
            current: false,
        },
        HistoryEntry {
            item: key("x:10"),
            status: TicketStatus::Open,
            at: POSTED - 86_400_000,
            excerpt: "Where is my order?".into(),
            sentiment: None,
            notes: 0,
            current: true,
        },
    ]
}

#[wasm_bindgen_test]
async fn identities_link_only_to_the_three_sites_and_only_links_can_be_unlinked() {
    let (seen, on_unlink) = recorder();
    let (root, _app) = mount::<IdentityList>(IdentityListProps {
        identities: identities(),
        on_unlink,
    })
    .await;
    let hrefs: Vec<String> = all(&root, "a[href]")
        .iter()
        .map(|a| a.get_attribute("href").unwrap())
        .collect();
    assert_eq!(
        hrefs,
        ["https://x.com/ana", "https://www.instagram.com/ana.r/"]
    );
    assert_eq!(
        count(&root, "a[target=_blank][rel='noopener noreferrer']"),
        2
    );
    assert_eq!(
        text_of(&root, "li:last-child .identity-handle"),
        format!("Facebook @{HOSTILE}")
    );
    assert_eq!(count(&root, "img"), 0);
    assert!(
        find_by_role(&root, "button", "Unlink X @ana").is_none(),
        "a profile's own identity stays"
    );
    by_role(&root, "button", "Unlink Instagram @ana.r").click();
    by_role(&root, "button", &format!("Unlink Facebook @{HOSTILE}")).click();
    assert_eq!(
        *seen.borrow(),
        [
            link("x:ana", Platform::Instagram, "ana.r"),
            link("x:ana", Platform::Facebook, HOSTILE)
        ]
    );
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn suggestions_are_confirmed_or_rejected_and_show_why_as_text() {
    let (confirmed, on_confirm) = recorder();
    let (rejected, on_reject) = recorder();
    let (root, _app) = mount::<LinkSuggestions>(LinkSuggestionsProps {
        suggestions: suggestions(),
        on_confirm,
        on_reject,
    })
    .await;
    assert_eq!(
        text_of(&root, "li:first-child .suggestion-reason"),
        "The customer wrote “IG is @ana.r”"
    );
    assert_eq!(
        text_of(&root, "li:last-child .suggestion-reason"),
        format!("Same display name “{HOSTILE}”")
    );
    assert_eq!(
        text_of(&root, "li:last-child .suggestion-holder"),
        format!(" (profile: {HOSTILE})")
    );
    assert_eq!(count(&root, "a[href]"), 1, "evil.example is no link");
    assert_eq!(count(&root, "img"), 0);
    by_role(&root, "button", "Confirm Instagram @ana.r").click();
    by_role(&root, "button", "Reject Facebook @ana.fb").click();
    assert_eq!(
        *confirmed.borrow(),
        [link("x:ana", Platform::Instagram, "ana.r")]
    );
    assert_eq!(
        *rejected.borrow(),
        [link("x:ana", Platform::Facebook, "ana.fb")]
    );
    assert!(!pwned());

    let (root, _app) = mount::<LinkSuggestions>(LinkSuggestionsProps {
        suggestions: vec![],
        on_confirm: Callback::noop(),
        on_reject: Callback::noop(),
    })
    .await;
    assert_eq!(
        root.inner_html(),
        "",
        "nothing when there is nothing to suggest"
    );
}

#[wasm_bindgen_test]
async fn history_lists_every_ticket_and_opens_all_but_the_current_one() {
    let (seen, on_open) = recorder();
    let (root, _app) = mount::<HistoryList>(HistoryListProps {
        entries: history(),
        on_open,
    })
    .await;
    assert_eq!(text_of(&root, "h3"), "History (2)");
    let first = text_of(&root, "li:first-child .history-facts");
    assert!(
        first.starts_with("Instagram · Pending · ") && first.ends_with(" · Negative · 2 notes"),
        "{first}"
    );
    assert_eq!(
        text_of(&root, "li:first-child .history-excerpt"),
        format!("Still waiting {HOSTILE}")
    );
    assert_eq!(count(&root, "img"), 0);
    assert_eq!(count(&root, "button.history-item"), 1);
    assert_eq!(count(&root, "[aria-current=true]"), 1);
    all(&root, "button.history-item")[0]
        .unchecked_ref::<web_sys::HtmlElement>()
        .click();
    assert_eq!(*seen.borrow(), [key("instagram:20")]);
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn the_customer_section_posts_link_reject_unlink_and_open() {
    let worker_intents = Rc::new(RefCell::new(Vec::new()));
    let on_intent = {
        let seen = worker_intents.clone();
        Callback::from(move |intent: FromPage| seen.borrow_mut().push(intent))
    };
    let (root, _app) = mount::<CustomerSection>(CustomerSectionProps {
        customer: CustomerView {
            id: "x:ana".into(),
            display_name: HOSTILE.into(),
            identities: identities(),
            history: history(),
            suggestions: suggestions(),
        },
        on_intent,
    })
    .await;
    assert_eq!(text_of(&root, ".customer-name"), HOSTILE);
    by_role(&root, "button", "Confirm Instagram @ana.r").click();
    by_role(&root, "button", "Reject Facebook @ana.fb").click();
    by_role(&root, "button", "Unlink Instagram @ana.r").click();
    all(&root, "button.history-item")[0]
        .unchecked_ref::<web_sys::HtmlElement>()
        .click();
    assert_eq!(
        *worker_intents.borrow(),
        [
            FromPage::LinkIdentity {
                link: link("x:ana", Platform::Instagram, "ana.r")
            },
            FromPage::RejectLink {
                link: link("x:ana", Platform::Facebook, "ana.fb")
            },
            FromPage::UnlinkIdentity {
                link: link("x:ana", Platform::Instagram, "ana.r")
            },
            FromPage::OpenTicket {
                item: key("instagram:20")
            },
        ]
    );
    assert_eq!(count(&root, "img"), 0);
    assert!(!pwned());
}

fn results() -> SearchView {
    SearchView {
        query: "refund".into(),
        total: 3,
        results: vec![
            SearchResult {
                item: key("x:2"),
                status: TicketStatus::New,
                at: POSTED,
                excerpt: format!("Refund please {HOSTILE}"),
                customer_name: Some(HOSTILE.into()),
                handle: Some("eli".into()),
                tags: vec!["vip".into(), HOSTILE.into()],
            },
            SearchResult {
                item: key("facebook:7"),
                status: TicketStatus::Resolved,
                at: POSTED - 1,
                excerpt: "My refund".into(),
                customer_name: None,
                handle: None,
                tags: vec![],
            },
        ],
    }
}

#[wasm_bindgen_test]
async fn search_results_say_how_many_matched_and_open_a_ticket() {
    let (seen, on_open) = recorder();
    let (root, _app) = mount::<SearchResults>(SearchResultsProps {
        search: results(),
        on_open,
    })
    .await;
    assert_eq!(
        text_of(&root, ".search-summary"),
        "3 tickets, the newest 2 shown"
    );
    assert_eq!(
        text_of(&root, "li:first-child .search-who"),
        format!("{HOSTILE} @eli")
    );
    assert!(text_of(&root, "li:first-child .search-facts").ends_with(&format!("#vip #{HOSTILE}")));
    assert_eq!(
        text_of(&root, "li:last-child .search-who"),
        "Unknown customer"
    );
    assert_eq!(count(&root, "img"), 0);
    all(&root, "button.search-result")[1]
        .unchecked_ref::<web_sys::HtmlElement>()
        .click();
    assert_eq!(*seen.borrow(), [key("facebook:7")]);

    let none = SearchView {
        query: HOSTILE.into(),
        total: 0,
        results: vec![],
    };
    let (root, _app) = mount::<SearchResults>(SearchResultsProps {
        search: none,
        on_open: Callback::noop(),
    })
    .await;
    assert_eq!(
        text_of(&root, ".search-summary"),
        format!("No ticket matches “{HOSTILE}”.")
    );
    let empty = SearchView::default();
    let (root, _app) = mount::<SearchResults>(SearchResultsProps {
        search: empty,
        on_open: Callback::noop(),
    })
    .await;
    assert_eq!(root.inner_html(), "");
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn the_search_box_asks_at_every_keystroke() {
    let (seen, on_search) = recorder();
    let (root, _app) = mount::<SearchBox>(SearchBoxProps { on_search }).await;
    let field = by_role(&root, "textbox", "Search tickets");
    type_into(&field, "r");
    type_into(&field, "re");
    assert_eq!(*seen.borrow(), ["r", "re"]);
}

/// A signed-in view focused on an X reply by Ana, with her customer view.
fn customer_view() -> PanelView {
    let item: ObservedItem = serde_json::from_value(serde_json::json!({
        "key": "x:10", "kind": "reply", "author_handle": "ana", "author_name": "Ana R",
        "text": "Where is my order? my IG is @ana.r",
    }))
    .unwrap();
    let assessment = assess_with_language(&item.text, &CareContext::default(), Some("en"));
    PanelView {
        session: Some(SessionView {
            store_url: "https://care.example.com".into(),
            agent: AgentView {
                id: "ag_kim".into(),
                name: "Kim Lee".into(),
                initials: "KL".into(),
            },
            role: Role::Agent,
            token_hint: "cdef".into(),
        }),
        focus: Some(FocusView {
            focused: FocusedItem { item, assessment },
            ticket: None,
            presence: vec![],
            ours: false,
            customer: Some(CustomerView {
                id: "x:ana".into(),
                display_name: "Ana R".into(),
                identities: identities(),
                history: history(),
                suggestions: suggestions(),
            }),
            replies: vec![],
        }),
        ..PanelView::default()
    }
}

#[wasm_bindgen_test]
async fn the_panel_shows_the_customer_and_searches_through_the_worker() {
    let worker = Worker::new();
    let (root, _app) = mount::<App>(AppProps {
        extension: worker.extension(),
        clock: Clock::default(),
    })
    .await;
    worker.send(&ToPage::View {
        view: customer_view(),
    });
    yew::scheduler::flush().await;
    after_first_paint().await;
    assert_eq!(text_of(&root, ".customer-name"), "Ana R");
    by_role(&root, "button", "Confirm Instagram @ana.r").click();
    type_into(&by_role(&root, "textbox", "Search tickets"), "refund");
    worker.send(&ToPage::SearchResults { search: results() });
    yew::scheduler::flush().await;
    assert_eq!(count(&root, "button.search-result"), 2);
    all(&root, "button.search-result")[0]
        .unchecked_ref::<web_sys::HtmlElement>()
        .click();
    assert_eq!(
        worker.intents(),
        [
            FromPage::LinkIdentity {
                link: link("x:ana", Platform::Instagram, "ana.r")
            },
            FromPage::Search {
                query: "refund".into()
            },
            FromPage::OpenTicket { item: key("x:2") },
        ]
    );

    // Signed out: no customer (it needs the store) and no search.
    let mut signed_out = customer_view();
    signed_out.session = None;
    worker.send(&ToPage::View { view: signed_out });
    yew::scheduler::flush().await;
    assert_eq!(count(&root, ".customer, .search"), 0);
    assert!(!pwned());
}

/// The tone module's `render` as a JavaScript function, as the page's
/// loader resolves to it.
fn tone_render() -> js_sys::Function {
    let render = Closure::<dyn Fn(String, String, JsValue) -> Result<JsValue, JsValue>>::new(
        |body: String, platform: String, context: JsValue| {
            socialcare_tone::render(&body, &platform, context).map_err(JsValue::from)
        },
    );
    render.into_js_value().unchecked_into()
}

/// The template engine, loaded: the tone module's `render`.
pub fn template_renderer() -> TemplateRenderer {
    TemplateRenderer::new(tone_render())
}

/// Leaves the page's template engine loader in its global, as
/// `sidepanel.js` does (resolving to the tone module's `render`).
pub fn install_template_loader() {
    let render = JsValue::from(tone_render());
    let loader =
        Closure::<dyn Fn() -> js_sys::Promise>::new(move || js_sys::Promise::resolve(&render));
    js_sys::Reflect::set(&js_sys::global(), &LOADER.into(), &loader.into_js_value())
        .expect("the global takes the loader");
}

fn reply(name: &str, body: &str, prompts: &[&str]) -> SuggestedReplyView {
    SuggestedReplyView {
        template_id: format!("tpl-{name}"),
        name: name.into(),
        body: body.into(),
        prompts: prompts
            .iter()
            .map(|id| ReplyPromptView {
                id: id.to_string(),
                label: id.replace('_', " "),
                choices: vec![],
            })
            .collect(),
        why: vec![
            Why::WordsInCommon {
                words: vec!["refund".into(), "sent".into()],
            },
            Why::AnswersIntent {
                intent: Intent::Billing,
            },
            Why::SameLanguage {
                language: "es".into(),
            },
        ],
        platform: Platform::X,
        context: ReplyContextView {
            customer_name: Some(HOSTILE.into()),
            customer_handle: Some("@dana_k".into()),
            agent_name: Some("Kim Lee".into()),
            agent_initials: Some("KL".into()),
            ticket_id: Some("x:1".into()),
        },
    }
}

#[wasm_bindgen_test]
async fn a_reply_previews_as_the_agent_fills_it_in_and_counts_as_x_counts() {
    let (seen, on_insert) = recorder();
    let body = "Hi {{customer.first_name|there}}, {{prompt.refund_amount}} is back: https://example.com/a/long/refund/page/path ^{{agent.initials}}";
    let (root, _app) = mount::<ReplyCard>(ReplyCardProps {
        reply: reply("Refund sent", body, &["refund_amount"]),
        renderer: Some(template_renderer()),
        on_insert,
    })
    .await;
    // Why it is suggested, each reason in the agent's words (the list and
    // the language's name by the browser's `Intl`).
    assert_eq!(
        text_of(&root, ".reply-why"),
        "words in common: refund, sent; answers the post's intent (Billing); same language (Spanish (es))"
    );
    let copy = by_role(&root, "button", "Copy Refund sent");
    let insert = by_role(&root, "button", "Insert Refund sent");
    assert!(
        disabled(&copy) && disabled(&insert),
        "not before every prompt is answered"
    );
    // The customer's hostile first name is text in the preview.
    let first = HOSTILE.split_whitespace().next().unwrap();
    assert_eq!(
        text_of(&root, ".reply-preview"),
        format!("Hi {first},  is back: https://example.com/a/long/refund/page/path ^KL")
    );
    type_into(&by_role(&root, "textbox", "refund amount"), "€20");
    yew::scheduler::flush().await;
    let text = format!("Hi {first}, €20 is back: https://example.com/a/long/refund/page/path ^KL");
    assert_eq!(text_of(&root, ".reply-preview"), text);
    // X counts the link as 23 and `€` as 2.
    let expected =
        text.chars().count() - "https://example.com/a/long/refund/page/path".len() + 23 + 1;
    assert_eq!(
        text_of(&root, ".reply-length"),
        format!("{expected} / 280 characters on X")
    );
    assert!(!disabled(&copy) && !disabled(&insert));
    insert.click();
    assert_eq!(*seen.borrow(), [("tpl-Refund sent".to_owned(), text)]);
    copy.click();
    settle(|| count(&root, ".reply-copied, .reply-copy-failed") == 1).await;
    assert_eq!(count(&root, "img"), 0);
    assert!(!pwned());
}

#[wasm_bindgen_test]
async fn a_reply_too_long_for_x_says_so_and_cannot_be_used() {
    let body = "a".repeat(300);
    let (root, _app) = mount::<ReplyCard>(ReplyCardProps {
        reply: reply("Long", &body, &[]),
        renderer: Some(template_renderer()),
        on_insert: Callback::noop(),
    })
    .await;
    assert_eq!(
        text_of(&root, ".reply-length"),
        "300 / 280 characters on X — too long"
    );
    assert_eq!(count(&root, ".reply-too-long"), 1);
    assert!(disabled(&by_role(&root, "button", "Insert Long")));
}

#[wasm_bindgen_test]
async fn without_the_template_engine_replies_say_why_and_cannot_be_used() {
    js_sys::Reflect::delete_property(&js_sys::global(), &LOADER.into()).unwrap();
    let (root, _app) = mount::<SuggestedReplies>(SuggestedRepliesProps {
        item: key("x:1"),
        replies: vec![reply("Hours", "We are open 9 to 5.", &[])],
        on_intent: Callback::noop(),
    })
    .await;
    settle(|| count(&root, ".replies-error") == 1).await;
    assert_eq!(
        text_of(&root, ".replies-error"),
        "Previews unavailable: this page cannot load the template engine"
    );
    assert_eq!(text_of(&root, ".reply-pending"), "Preparing the preview…");
    assert!(disabled(&by_role(&root, "button", "Insert Hours")));
}

#[wasm_bindgen_test]
async fn suggested_replies_insert_into_the_items_composer() {
    let worker_intents = Rc::new(RefCell::new(Vec::new()));
    let on_intent = {
        let seen = worker_intents.clone();
        Callback::from(move |intent: FromPage| seen.borrow_mut().push(intent))
    };
    let replies = vec![
        reply("Hours", "We are open 9 to 5.", &[]),
        reply(HOSTILE, "Sorry!", &[]),
    ];
    install_template_loader();
    let (root, _app) = mount::<SuggestedReplies>(SuggestedRepliesProps {
        item: key("x:1"),
        replies,
        on_intent,
    })
    .await;
    // The previews wait for the template engine the page loads.
    settle(|| count(&root, ".reply-pending") == 0).await;
    assert_eq!(count(&root, "article.reply"), 2);
    assert_eq!(text_of(&root, "li:last-child .reply-name"), HOSTILE);
    by_role(&root, "button", "Insert Hours").click();
    by_role(&root, "button", &format!("Insert {HOSTILE}")).click();
    assert_eq!(
        *worker_intents.borrow(),
        [
            FromPage::Insert {
                item: key("x:1"),
                template_id: "tpl-Hours".into(),
                text: "We are open 9 to 5.".into()
            },
            FromPage::Insert {
                item: key("x:1"),
                template_id: format!("tpl-{HOSTILE}"),
                text: "Sorry!".into()
            },
        ]
    );
    assert_eq!(count(&root, "img"), 0);
    let (root, _app) = mount::<SuggestedReplies>(SuggestedRepliesProps {
        item: key("x:1"),
        replies: vec![],
        on_intent: Callback::noop(),
    })
    .await;
    assert_eq!(root.inner_html(), "");
    assert!(!pwned());
}
