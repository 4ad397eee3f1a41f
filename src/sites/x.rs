//! X (x.com, twitter.com): timeline, search and conversation posts, legacy
//! DMs (`/messages`) and XChat (`/i/chat`).
//!
//! Anchors are `data-testid` hooks and `href` shapes, never the atomic
//! classes X rotates between builds (see `docs/extension.md`).

use super::composer::last;
use super::{
    attr, clean_text, content_id, from_holder, item, on_demand, rule, strings, text, valid_id,
    BadgePlacement, PageUrl, RawItem, Read, Reading, Scope, SiteProfile, Surface,
};
use super::{Composer, ComposerPlace, ComposerTarget, EditorKind, SendKey};
use crate::model::{ItemKind, Platform};
use std::collections::BTreeMap;

mod links;

/// The X profile the content script interprets.
pub fn profile() -> SiteProfile {
    SiteProfile {
        platform: Platform::X,
        hosts: strings(&["x.com", "twitter.com", "mobile.x.com", "mobile.twitter.com"]),
        surfaces: vec![tweet(), legacy_dm(), chat_message()],
        composers: composers(),
    }
}

/// X's reply boxes: XChat's textarea, the legacy DM box and the post
/// composer (inline reply and the reply dialog), both Draft.js.
fn composers() -> Vec<Composer> {
    vec![
        Composer::new(
            "x.chat",
            ComposerPlace::Dm,
            &["^/i/chat/"],
            EditorKind::Textarea,
            &[r#"textarea[data-testid="dm-composer-textarea"]"#],
            r#"form, [data-testid="dm-conversation-panel"]"#,
            &[r#"[data-testid="dm-composer-send-button"]"#],
            vec![SendKey::enter()],
            last("x.chat"),
        ),
        Composer::new(
            "x.dm_legacy",
            ComposerPlace::Dm,
            &["^/messages/"],
            EditorKind::Draftjs,
            &[r#"[data-testid="dmComposerTextInput"][contenteditable="true"]"#],
            r#"[data-testid="DmActivityViewport"], [data-testid="conversation"]"#,
            &[r#"[data-testid="dmComposerSendButton"]"#],
            vec![SendKey::enter()],
            last("x.dm_legacy"),
        ),
        Composer::new(
            "x.reply",
            ComposerPlace::PostReply,
            &[],
            EditorKind::Draftjs,
            &[
                r#"[data-testid^="tweetTextarea_"][contenteditable="true"]"#,
                r#".public-DraftEditor-content[contenteditable="true"]"#,
            ],
            r#"[role="dialog"], [data-testid="primaryColumn"], main"#,
            &[
                r#"[data-testid="tweetButtonInline"]"#,
                r#"[data-testid="tweetButton"]"#,
            ],
            vec![SendKey::ctrl_enter()],
            ComposerTarget::Focused,
        ),
    ]
}

/// Posts and replies: every `article[data-testid="tweet"]` outside the DM apps.
/// The badge reads the permalink (key and author), the text and the ad
/// marker; the rest is read when the agent acts on the post.
fn tweet() -> Surface {
    let mut fields = BTreeMap::new();
    // Links are found by what they hold (`a > time`), then read from the link
    // itself: cheaper than `:has()`, which tests every link of the post.
    fields.insert(
        "permalink".into(),
        from_holder(
            "a",
            attr(
                "href",
                &[
                    r#"a[href*="/status/"] > time"#,
                    r#"a[href*="/status/"][href$="/analytics"]"#,
                ],
            ),
        ),
    );
    fields.insert(
        "timestamp".into(),
        on_demand(attr(
            "datetime",
            &[r#"a[href*="/status/"] > time[datetime]"#, "time[datetime]"],
        )),
    );
    fields.insert(
        "author_name".into(),
        on_demand(text(&[
            r#"[data-testid="User-Name"] a:not([tabindex="-1"])"#,
            r#"[data-testid="User-Name"] span"#,
        ])),
    );
    // The handle the permalink carries is the post's author too.
    fields.insert(
        "author_handle".into(),
        on_demand(text(&[r#"[data-testid="User-Name"] [tabindex="-1"]"#])),
    );
    fields.insert(
        "avatar".into(),
        on_demand(attr(
            "data-testid",
            &[r#"[data-testid^="UserAvatar-Container-"]"#],
        )),
    );
    fields.insert("text".into(), text(&[r#"[data-testid="tweetText"]"#]));
    fields.insert(
        "reposted_by".into(),
        on_demand(from_holder(
            "a",
            attr("href", &[r#"a [data-testid="socialContext"]"#]),
        )),
    );
    fields.insert(
        "promoted".into(),
        rule(
            &[r#"[data-testid="placementTracking"]"#],
            Read::Present,
            Scope::Closest,
        ),
    );
    Surface {
        name: "x.tweet".into(),
        routes: vec![],
        skip_routes: strings(&["^/i/chat", "^/messages"]),
        container: strings(&[
            r#"article[data-testid="tweet"]"#,
            r#"div[data-testid="tweet"]"#,
        ]),
        // A quoted post's card sits inside the quoting post.
        exclude_within: strings(&[r#"div[role="link"]"#]),
        fields,
        badge: BadgePlacement::Append,
        badge_after: strings(&[r#"[data-testid="tweetText"]"#]),
    }
}

/// Legacy DMs (`/messages/<a>-<b>`), still served to some accounts.
fn legacy_dm() -> Surface {
    let mut fields = BTreeMap::new();
    fields.insert(
        "text".into(),
        text(&[r#"[data-testid="tweetText"]"#, r#"div[dir="auto"]"#]),
    );
    fields.insert("timestamp".into(), attr("datetime", &["time[datetime]"]));
    fields.insert(
        "avatar".into(),
        attr(
            "data-testid",
            &[r#"[data-testid^="UserAvatar-Container-"]"#],
        ),
    );
    fields.insert(
        "author_name".into(),
        rule(
            &[r#"[data-testid="conversation-header"] h2"#],
            Read::Text,
            Scope::Page,
        ),
    );
    Surface {
        name: "x.dm_legacy".into(),
        routes: strings(&["^/messages/"]),
        skip_routes: vec![],
        container: strings(&[r#"[data-testid="messageEntry"]"#]),
        exclude_within: vec![],
        fields,
        badge: BadgePlacement::Append,
        badge_after: vec![],
    }
}

/// XChat messages (`/i/chat/<convId>`), the DM app since November 2025.
fn chat_message() -> Surface {
    let mut fields = BTreeMap::new();
    fields.insert("message".into(), attr("data-testid", &[":scope"]));
    fields.insert("text".into(), text(&[":scope"]));
    fields.insert(
        "author_name".into(),
        rule(
            &[r#"[data-testid="dm-conversation-header"] span:first-child"#],
            Read::Text,
            Scope::Page,
        ),
    );
    fields.insert(
        "author_handle".into(),
        rule(
            &[r#"[data-testid="dm-conversation-header"] span:nth-child(2)"#],
            Read::Text,
            Scope::Page,
        ),
    );
    fields.insert(
        "outgoing".into(),
        rule(&[".self-end"], Read::Present, Scope::Closest),
    );
    Surface {
        name: "x.chat".into(),
        routes: strings(&["^/i/chat/"]),
        skip_routes: vec![],
        container: strings(&[r#"[data-testid^="message-text-"]"#]),
        exclude_within: vec![],
        fields,
        badge: BadgePlacement::After,
        badge_after: vec![],
    }
}

/// Reads one X container.
#[inline(never)] // compiled on its own: see `read_item`
pub(crate) fn read(page: &PageUrl<'_>, raw: &RawItem) -> Reading {
    match raw.surface.as_str() {
        "x.tweet" => read_tweet(page, raw),
        "x.dm_legacy" => read_legacy_dm(page, raw),
        "x.chat" => read_chat(page, raw),
        other => Reading::Unreadable {
            reason: format!("unknown X surface {other:?}"),
        },
    }
}

/// A handle from its `@handle` text, an avatar's `UserAvatar-Container-<handle>`
/// test id, or a profile link.
fn handle_of(raw: &RawItem) -> Option<String> {
    let from_text = raw
        .field("author_handle")
        .and_then(links::handle)
        .map(str::to_owned);
    let from_avatar = || {
        raw.field("avatar")
            .and_then(|id| id.strip_prefix("UserAvatar-Container-"))
            .filter(|h| *h != "unknown" && links::handle(h).is_some())
            .map(str::to_owned)
    };
    from_text.or_else(from_avatar)
}

fn read_tweet(page: &PageUrl<'_>, raw: &RawItem) -> Reading {
    if raw.field("promoted").is_some() {
        return Reading::Ad;
    }
    let Some((author, id)) = raw.field("permalink").and_then(links::status) else {
        return Reading::Unreadable {
            reason: "x.tweet: no status link".into(),
        };
    };
    let mut it = item(
        Platform::X,
        id,
        ItemKind::Post,
        clean_text(raw.field("text").unwrap_or_default()),
    );
    // On a conversation page the focused post is the thread; the others answer it.
    if let Some((_, root)) = links::status(page.path) {
        if root != id {
            it.kind = ItemKind::Reply;
            it.parent_id = Some(root.to_owned());
        }
        it.thread_id = Some(root.to_owned());
    }
    it.author_handle = handle_of(raw).or(Some(author.to_owned()));
    it.author_name = raw.field("author_name").map(clean_text);
    it.permalink = Some(format!("https://x.com/{author}/status/{id}"));
    it.timestamp = raw.owned("timestamp");
    it.reposted_by = raw
        .field("reposted_by")
        .and_then(links::profile)
        .filter(|reposter| *reposter != author)
        .map(str::to_owned);
    Reading::Item { item: Box::new(it) }
}

fn read_legacy_dm(page: &PageUrl<'_>, raw: &RawItem) -> Reading {
    let Some(conversation) = links::legacy_conversation(page.path) else {
        return Reading::Unreadable {
            reason: "x.dm_legacy: no conversation in the URL".into(),
        };
    };
    let Some(body) = raw.field("text").map(clean_text) else {
        return Reading::Unreadable {
            reason: "x.dm_legacy: no message text".into(),
        };
    };
    let handle = handle_of(raw);
    let timestamp = raw.owned("timestamp");
    // Legacy DM bubbles carry no message id: key them by conversation and content.
    let id = format!(
        "dm-{conversation}-{}",
        content_id(&[
            handle.as_deref().unwrap_or(""),
            timestamp.as_deref().unwrap_or(""),
            &body
        ])
    );
    let mut it = item(Platform::X, &id, ItemKind::Dm, body);
    it.thread_id = Some(conversation.to_owned());
    it.author_name = handle
        .as_ref()
        .and(raw.field("author_name").map(clean_text));
    it.author_handle = handle;
    it.timestamp = timestamp;
    it.permalink = Some(format!("https://x.com/messages/{conversation}"));
    Reading::Item { item: Box::new(it) }
}

fn read_chat(page: &PageUrl<'_>, raw: &RawItem) -> Reading {
    let Some(message) = raw
        .field("message")
        .and_then(|t| t.strip_prefix("message-text-"))
        .filter(|m| valid_id(m))
    else {
        return Reading::Unreadable {
            reason: "x.chat: no message id".into(),
        };
    };
    let conversation = links::chat_conversation(page.path).map(str::to_owned);
    let mut it = item(
        Platform::X,
        &format!("chat-{message}"),
        ItemKind::Dm,
        clean_text(raw.field("text").unwrap_or_default()),
    );
    // Messages the agent sent have no customer author.
    if raw.field("outgoing").is_none() {
        it.author_name = raw.field("author_name").map(clean_text);
        it.author_handle = raw
            .field("author_handle")
            .and_then(links::handle)
            .map(str::to_owned);
    }
    it.permalink = conversation
        .as_ref()
        .map(|c| format!("https://x.com/i/chat/{c}"));
    it.thread_id = conversation;
    Reading::Item { item: Box::new(it) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sites::read_item;
    use crate::sites::test_support::{assert_badge_needs_no_on_demand_field, item_of, raw};

    #[test]
    fn timeline_posts_read_their_id_author_and_time() {
        let r = raw(
            "x.tweet",
            &[
                (
                    "permalink",
                    "https://x.com/alice_dev/status/1800000000000000001",
                ),
                ("timestamp", "2026-03-01T10:00:00.000Z"),
                ("author_name", "Alice Dev"),
                ("author_handle", "@alice_dev"),
                ("text", "Shipping the new build today 🚀  thoughts? #devlog"),
            ],
        );
        let it = item_of(read_item("https://x.com/home", &r));
        assert_eq!(it.key.to_string(), "x:1800000000000000001");
        assert_eq!(it.kind, ItemKind::Post);
        assert_eq!(it.author_handle.as_deref(), Some("alice_dev"));
        assert_eq!(it.author_name.as_deref(), Some("Alice Dev"));
        assert_eq!(it.text, "Shipping the new build today 🚀 thoughts? #devlog");
        assert_eq!(it.timestamp.as_deref(), Some("2026-03-01T10:00:00.000Z"));
        assert_eq!(
            it.permalink.as_deref(),
            Some("https://x.com/alice_dev/status/1800000000000000001")
        );
        assert_eq!(it.reposted_by, None);
    }

    #[test]
    fn badges_need_none_of_the_fields_read_on_demand() {
        let post = [
            (
                "permalink",
                "https://x.com/Alice_Dev/status/1800000000000000001",
            ),
            ("timestamp", "2026-03-01T10:00:00.000Z"),
            ("author_name", "Alice Dev 🚀"),
            ("author_handle", "@alice_dev"),
            ("avatar", "UserAvatar-Container-alice_dev"),
            ("text", "My order arrived broken, I want a refund!"),
        ];
        let repost = [
            ("permalink", "/bob_ops/status/1799999999999999999"),
            ("reposted_by", "https://x.com/carol"),
            ("avatar", "UserAvatar-Container-bob_ops"),
            ("text", "Incident postmortem is up."),
        ];
        let ad = [
            ("permalink", "/brand/status/1"),
            ("promoted", "1"),
            ("author_name", "Brand"),
        ];
        let no_link = [("author_handle", "@dana"), ("text", "hi")];
        for (url, fields) in [
            ("https://x.com/home", &post[..]),
            ("https://x.com/home", &repost[..]),
            ("https://x.com/home", &ad[..]),
            ("https://x.com/home", &no_link[..]),
            (
                "https://x.com/bob_ops/status/1799999999999999999",
                &post[..],
            ),
            ("https://x.com/search?q=refund", &post[..]),
        ] {
            assert_badge_needs_no_on_demand_field(url, &raw("x.tweet", fields));
        }
    }

    #[test]
    fn reposts_keep_the_original_id_and_name_the_reposter() {
        let r = raw(
            "x.tweet",
            &[
                ("permalink", "/bob_ops/status/1799999999999999999"),
                ("reposted_by", "https://x.com/carol"),
                ("avatar", "UserAvatar-Container-bob_ops"),
            ],
        );
        let it = item_of(read_item("https://x.com/home", &r));
        assert_eq!(it.key.id, "1799999999999999999");
        assert_eq!(it.reposted_by.as_deref(), Some("carol"));
        assert_eq!(it.author_handle.as_deref(), Some("bob_ops"));
    }

    #[test]
    fn promoted_posts_are_ads() {
        let r = raw(
            "x.tweet",
            &[("permalink", "/brand/status/1"), ("promoted", "1")],
        );
        assert_eq!(read_item("https://x.com/home", &r), Reading::Ad);
    }

    #[test]
    fn conversation_pages_turn_other_posts_into_replies() {
        let url = "https://x.com/alice_dev/status/1800000000000000001";
        let focused = item_of(read_item(
            url,
            &raw(
                "x.tweet",
                &[("permalink", "/alice_dev/status/1800000000000000001")],
            ),
        ));
        assert_eq!((focused.kind, focused.parent_id), (ItemKind::Post, None));
        let reply = item_of(read_item(
            url,
            &raw(
                "x.tweet",
                &[("permalink", "/bob_ops/status/1800000000000000002")],
            ),
        ));
        assert_eq!(reply.kind, ItemKind::Reply);
        assert_eq!(reply.parent_id.as_deref(), Some("1800000000000000001"));
        assert_eq!(reply.thread_id.as_deref(), Some("1800000000000000001"));
    }

    #[test]
    fn analytics_links_give_the_id_and_missing_links_are_unreadable() {
        let it = item_of(read_item(
            "https://x.com/home",
            &raw("x.tweet", &[("permalink", "/a/status/42/analytics")]),
        ));
        assert_eq!(it.key.id, "42");
        let bad = read_item("https://x.com/home", &raw("x.tweet", &[("text", "hi")]));
        assert!(matches!(bad, Reading::Unreadable { .. }));
    }

    #[test]
    fn xchat_messages_use_their_message_id_and_conversation() {
        let url = "https://x.com/i/chat/111:222";
        let r = raw(
            "x.chat",
            &[
                ("message", "message-text-9001"),
                ("text", "Can you check the invoice?"),
                ("author_name", "Bob Ops"),
                ("author_handle", "@bob_ops"),
            ],
        );
        let it = item_of(read_item(url, &r));
        assert_eq!(it.key.to_string(), "x:chat-9001");
        assert_eq!(it.kind, ItemKind::Dm);
        assert_eq!(it.thread_id.as_deref(), Some("111:222"));
        assert_eq!(it.author_handle.as_deref(), Some("bob_ops"));
        let mine = item_of(read_item(
            url,
            &raw(
                "x.chat",
                &[
                    ("message", "message-text-9002"),
                    ("outgoing", "1"),
                    ("author_name", "Bob Ops"),
                ],
            ),
        ));
        assert_eq!(mine.author_name, None);
    }

    #[test]
    fn legacy_dms_are_keyed_by_conversation_and_content_not_position() {
        let url = "https://x.com/messages/111-222";
        let r = raw(
            "x.dm_legacy",
            &[
                ("text", "Where is my order?"),
                ("avatar", "UserAvatar-Container-bob_ops"),
                ("timestamp", "2026-03-01T09:00:00.000Z"),
            ],
        );
        let a = item_of(read_item(url, &r));
        let b = item_of(read_item(url, &r));
        assert_eq!(a.key, b.key);
        assert!(a.key.id.starts_with("dm-111-222-"));
        assert_eq!(a.kind, ItemKind::Dm);
        assert_eq!(a.author_handle.as_deref(), Some("bob_ops"));
        let other = item_of(read_item(
            url,
            &raw("x.dm_legacy", &[("text", "Another message")]),
        ));
        assert_ne!(a.key, other.key);
    }
}
