//! Instagram (www.instagram.com): feed posts and reels, the post dialog with
//! its comments and replies, and DMs (`/direct/t/<thread>`).
//!
//! Stable anchors are `article`, `header a`, `time[datetime]` inside the
//! permalink and `/p/<shortcode>/c/<commentId>/` links; classes rotate and
//! no selector reads UI text. Links are matched by what their `href`
//! contains and read through the `href` property, so relative (`/cara.k/`)
//! and absolute (`https://www.instagram.com/cara.k/`) markup read the same.

use super::composer::{last, within};
use super::{
    attr, clean_text, from_holder, item, on_demand, rule, strings, text, valid_id, BadgePlacement,
    PageUrl, RawItem, Read, Reading, Scope, SiteProfile, Surface,
};
use super::{Composer, ComposerPlace, EditorKind, SendKey};
use crate::model::{ItemKind, Platform};
use regex_lite::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A post, reel or TV permalink; the shortcode is the id.
static SHORTCODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/(?:p|reel|reels|tv)/([A-Za-z0-9_-]{5,64})(?:/|$)").unwrap());
/// A comment permalink `/p/<code>/c/<commentId>/`, optionally `r/<replyId>/`.
static COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/(?:p|reel)/([A-Za-z0-9_-]+)/c/(\d+)(?:/r/(\d+))?").unwrap());
/// A profile link `/<username>/`.
static USERNAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:https?://[^/]+)?/([A-Za-z0-9._]{1,30})/?$").unwrap());
/// A DM thread: `/direct/t/<threadId>`.
static THREAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^/direct/t/([A-Za-z0-9_-]+)").unwrap());

/// The Instagram profile the content script interprets.
pub fn profile() -> SiteProfile {
    SiteProfile {
        platform: Platform::Instagram,
        hosts: strings(&["www.instagram.com", "instagram.com"]),
        surfaces: vec![post(), comment(), dm()],
        composers: composers(),
    }
}

/// Instagram's reply boxes: the DM box (Lexical, its send control the
/// `div[role=button]` after the editor) and the comment form's `textarea`,
/// whose "Post" control is a `div[role=button]`. Both send on Enter.
fn composers() -> Vec<Composer> {
    vec![
        Composer::new(
            "instagram.dm",
            ComposerPlace::Dm,
            &["^/direct/t/"],
            EditorKind::Lexical,
            &[r#"div[contenteditable="true"][data-lexical-editor="true"]"#],
            r#"div[role="main"], section"#,
            &super::composer::LEXICAL_DM_SEND,
            vec![SendKey::enter()],
            last("instagram.dm"),
        ),
        Composer::new(
            "instagram.comment",
            ComposerPlace::Comment,
            &[],
            EditorKind::Textarea,
            &["form textarea"],
            "form",
            &[
                r#"form div[role="button"]:last-child"#,
                r#"form button[type="submit"]"#,
            ],
            vec![SendKey::enter()],
            within(&["instagram.comment", "instagram.post"]),
        ),
    ]
}

/// Feed posts, reels and the opened post (dialog or post page). The time and
/// the author's display name are read when the agent acts on the post.
fn post() -> Surface {
    let mut fields = BTreeMap::new();
    // The link holding the post's time is found by the time inside it and
    // read from the link itself (`holder`): cheaper than `a:has(time)`,
    // which tests every link of the post.
    fields.insert(
        "permalink".into(),
        from_holder(
            "a",
            attr(
                "href",
                &[
                    r#"a[href*="/p/"] time"#,
                    r#"a[href*="/reel/"] time"#,
                    r#"a[href*="/p/"]"#,
                    r#"a[href*="/reel/"]"#,
                    r#"a[href*="/tv/"]"#,
                ],
            ),
        ),
    );
    fields.insert(
        "timestamp".into(),
        on_demand(attr(
            "datetime",
            &[
                r#"a[href*="/p/"] time[datetime]"#,
                r#"a[href*="/reel/"] time[datetime]"#,
                "time[datetime]",
            ],
        )),
    );
    fields.insert("author_href".into(), attr("href", &[r#"header a[href]"#]));
    fields.insert(
        "author_name".into(),
        on_demand(text(&[r#"header a span[dir="auto"]"#])),
    );
    fields.insert(
        "text".into(),
        text(&[
            r#"h1[dir="auto"]"#,
            r#"span[dir="auto"]:not(a span):not(header span)"#,
        ]),
    );
    Surface {
        name: "instagram.post".into(),
        routes: vec![],
        skip_routes: strings(&["^/direct/"]),
        container: strings(&[
            "main article",
            r#"div[role="dialog"] article"#,
            "article:has(header)",
        ]),
        // Comments (a nested list) and the composer belong to other items.
        exclude_within: strings(&["ul ul", "form"]),
        fields,
        badge: BadgePlacement::Append,
        badge_after: strings(&[r#"span[dir="auto"]:not(a span):not(header span)"#, "h1"]),
    }
}

/// Comments and replies in an opened post (dialog or `/p/<code>/` page): the
/// list item holding a `/c/<id>/` link with its `time`. The 2025 post view
/// puts the author in `h3 a` (the first link is the avatar) and the text in
/// `h3 + div > span`; replies, once expanded, are rows of their own. The
/// display name is read when the agent acts on the comment.
fn comment() -> Surface {
    let author = ["h3 a[href]", r#"a[href]:not([href*="/c/"]):not(:has(img))"#];
    let mut fields = BTreeMap::new();
    fields.insert("permalink".into(), attr("href", &[r#"a[href*="/c/"]"#]));
    // The time stays a badge field: a row with neither link nor time nor
    // text is the shell around expanded replies (pending), not a broken comment.
    fields.insert("timestamp".into(), attr("datetime", &["time[datetime]"]));
    fields.insert("author_href".into(), attr("href", &author));
    fields.insert("author_name".into(), on_demand(text(&author)));
    fields.insert(
        "text".into(),
        text(&[
            r#"h3 + div > span[dir="auto"]"#,
            r#"span[dir="auto"]:not(a span)"#,
        ]),
    );
    Surface {
        name: "instagram.comment".into(),
        routes: vec![],
        skip_routes: strings(&["^/direct/"]),
        // A wrapper item whose only comment link is a nested reply's reads
        // nothing of its own and stays pending.
        container: strings(&[r#"li:has(a[href*="/c/"] time)"#]),
        exclude_within: strings(&["li"]),
        fields,
        badge: BadgePlacement::Append,
        badge_after: vec![],
    }
}

/// Messages in a DM thread.
fn dm() -> Surface {
    let mut fields = BTreeMap::new();
    fields.insert("message".into(), attr("id", &[r#"[id^="mid."]"#]));
    fields.insert("text".into(), text(&[r#"div[dir="auto"]"#]));
    fields.insert(
        "conversation".into(),
        rule(
            &[r#"div[role="grid"][aria-label]"#],
            Read::Attr("aria-label".into()),
            Scope::Page,
        ),
    );
    Surface {
        name: "instagram.dm".into(),
        routes: strings(&["^/direct/t/"]),
        skip_routes: vec![],
        container: strings(&[r#"div[role="row"]:has([id^="mid."])"#]),
        exclude_within: vec![],
        fields,
        badge: BadgePlacement::Append,
        badge_after: vec![],
    }
}

/// Reads one Instagram container.
#[inline(never)] // compiled on its own: see `read_item`
pub(crate) fn read(page: &PageUrl<'_>, raw: &RawItem) -> Reading {
    match raw.surface.as_str() {
        "instagram.post" => read_post(raw),
        "instagram.comment" => read_comment(raw),
        "instagram.dm" => read_dm(page, raw),
        other => Reading::Unreadable {
            reason: format!("unknown Instagram surface {other:?}"),
        },
    }
}

/// A username from a profile link.
fn username(raw: &RawItem) -> Option<String> {
    raw.field("author_href")
        .and_then(|href| USERNAME.captures(href))
        .map(|c| c[1].to_owned())
}

fn read_post(raw: &RawItem) -> Reading {
    let Some(code) = raw
        .field("permalink")
        .and_then(|h| SHORTCODE.captures(h))
        .map(|c| c[1].to_owned())
    else {
        return Reading::Unreadable {
            reason: "instagram.post: no /p/ or /reel/ link".into(),
        };
    };
    let mut it = item(
        Platform::Instagram,
        &code,
        ItemKind::Post,
        clean_text(raw.field("text").unwrap_or_default()),
    );
    let is_reel = raw.field("permalink").is_some_and(|h| h.contains("/reel"));
    it.permalink = Some(format!(
        "https://www.instagram.com/{}/{code}/",
        if is_reel { "reel" } else { "p" }
    ));
    it.timestamp = raw.owned("timestamp");
    it.author_handle = username(raw);
    it.author_name = raw.field("author_name").map(clean_text);
    Reading::Item { item: Box::new(it) }
}

fn read_comment(raw: &RawItem) -> Reading {
    let Some(link) = raw.field("permalink").and_then(|h| COMMENT.captures(h)) else {
        if raw.fields.values().all(|v| v.trim().is_empty()) {
            // The list item around an expanded reply list: nothing of its own.
            return Reading::Pending;
        }
        return Reading::Unreadable {
            reason: "instagram.comment: no /c/ link".into(),
        };
    };
    let (code, comment) = (link[1].to_owned(), link[2].to_owned());
    let reply = link.get(3).map(|r| r.as_str().to_owned());
    let id = reply.clone().unwrap_or_else(|| comment.clone());
    let mut it = item(
        Platform::Instagram,
        &id,
        ItemKind::Comment,
        clean_text(raw.field("text").unwrap_or_default()),
    );
    it.parent_id = Some(if reply.is_some() {
        comment.clone()
    } else {
        code.clone()
    });
    it.permalink = Some(match &reply {
        Some(r) => format!("https://www.instagram.com/p/{code}/c/{comment}/r/{r}/"),
        None => format!("https://www.instagram.com/p/{code}/c/{comment}/"),
    });
    it.thread_id = Some(code);
    it.timestamp = raw.owned("timestamp");
    it.author_handle = username(raw);
    it.author_name = raw.field("author_name").map(clean_text);
    Reading::Item { item: Box::new(it) }
}

fn read_dm(page: &PageUrl<'_>, raw: &RawItem) -> Reading {
    let Some(message) = raw.field("message").filter(|m| valid_id(m)) else {
        return Reading::Unreadable {
            reason: "instagram.dm: no message id".into(),
        };
    };
    let thread = THREAD.captures(page.path).map(|c| c[1].to_owned());
    let mut it = item(
        Platform::Instagram,
        message,
        ItemKind::Dm,
        clean_text(raw.field("text").unwrap_or_default()),
    );
    // "Messages in conversation with <Name>" (English UI) names the customer.
    it.author_name = raw
        .field("conversation")
        .and_then(|label| label.strip_prefix("Messages in conversation with "))
        .map(clean_text);
    it.permalink = thread
        .as_ref()
        .map(|t| format!("https://www.instagram.com/direct/t/{t}/"));
    it.thread_id = thread;
    Reading::Item { item: Box::new(it) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sites::read_item;
    use crate::sites::test_support::{assert_badge_needs_no_on_demand_field, item_of, raw};

    const FEED: &str = "https://www.instagram.com/";

    #[test]
    fn badges_need_none_of_the_fields_read_on_demand() {
        let post = raw(
            "instagram.post",
            &[
                ("permalink", "https://www.instagram.com/p/C4fIxTuReA1/"),
                ("author_href", "/Alice.Makes/"),
                ("author_name", "Alice ✨ Makes"),
                ("text", "My order never came, still waiting for a refund"),
                ("timestamp", "2026-02-27T09:00:00.000Z"),
            ],
        );
        let comment = raw(
            "instagram.comment",
            &[
                (
                    "permalink",
                    "/p/C4fIxTuReA1/c/18000000000000001/r/18000000000000002/",
                ),
                ("author_href", "https://www.instagram.com/cara.k/"),
                ("author_name", "cara.k"),
                ("timestamp", "2026-02-27T10:00:00.000Z"),
                ("text", "Same here, nobody answers"),
            ],
        );
        let no_link = raw(
            "instagram.comment",
            &[
                ("author_name", "cara.k"),
                ("timestamp", "2026-02-27T10:00:00.000Z"),
            ],
        );
        for url in [FEED, "https://www.instagram.com/p/C4fIxTuReA1/"] {
            for item in [&post, &comment, &no_link] {
                assert_badge_needs_no_on_demand_field(url, item);
            }
        }
    }

    #[test]
    fn feed_posts_and_reels_use_the_shortcode() {
        let post = raw(
            "instagram.post",
            &[
                ("permalink", "https://www.instagram.com/p/C4fIxTuReA1/"),
                ("author_href", "https://www.instagram.com/alice.makes/"),
                ("author_name", "alice.makes"),
                ("text", "New glaze test, thoughts? "),
                ("timestamp", "2026-02-27T09:00:00.000Z"),
            ],
        );
        let it = item_of(read_item(FEED, &post));
        assert_eq!(it.key.to_string(), "instagram:C4fIxTuReA1");
        assert_eq!(it.author_handle.as_deref(), Some("alice.makes"));
        assert_eq!(it.text, "New glaze test, thoughts?");
        let reel = raw("instagram.post", &[("permalink", "/reel/C4gReeLx9z0/")]);
        let it = item_of(read_item(FEED, &reel));
        assert_eq!(it.key.id, "C4gReeLx9z0");
        assert_eq!(
            it.permalink.as_deref(),
            Some("https://www.instagram.com/reel/C4gReeLx9z0/")
        );
    }

    #[test]
    fn comments_and_replies_come_from_their_links() {
        let url = "https://www.instagram.com/p/C4fIxTuReA1/";
        let comment = raw(
            "instagram.comment",
            &[
                ("permalink", "/p/C4fIxTuReA1/c/18000000000000001/"),
                ("author_href", "/cara.k/"),
            ],
        );
        let it = item_of(read_item(url, &comment));
        assert_eq!(it.key.id, "18000000000000001");
        assert_eq!(
            (it.kind, it.parent_id.as_deref()),
            (ItemKind::Comment, Some("C4fIxTuReA1"))
        );
        assert_eq!(it.author_handle.as_deref(), Some("cara.k"));
        let reply = raw(
            "instagram.comment",
            &[(
                "permalink",
                "/p/C4fIxTuReA1/c/18000000000000001/r/18000000000000002/",
            )],
        );
        let it = item_of(read_item(url, &reply));
        assert_eq!(it.key.id, "18000000000000002");
        assert_eq!(it.parent_id.as_deref(), Some("18000000000000001"));
        assert_eq!(it.thread_id.as_deref(), Some("C4fIxTuReA1"));
    }

    #[test]
    fn post_view_comments_read_the_same_from_absolute_and_relative_links() {
        let url = "https://www.instagram.com/alice.makes/p/C4fIxTuReA1/";
        let read = |link: &str, author: &str| {
            item_of(read_item(
                url,
                &raw(
                    "instagram.comment",
                    &[
                        ("permalink", link),
                        ("author_href", author),
                        ("author_name", "cara.k"),
                        ("text", "The glaze cracked."),
                        ("timestamp", "2026-02-27T10:00:00.000Z"),
                    ],
                ),
            ))
        };
        let relative = read("/p/C4fIxTuReA1/c/18000000000000001/", "/cara.k/");
        let absolute = read(
            "https://www.instagram.com/p/C4fIxTuReA1/c/18000000000000001/",
            "https://www.instagram.com/cara.k/",
        );
        assert_eq!(relative, absolute);
        assert_eq!(absolute.key.id, "18000000000000001");
        assert_eq!(absolute.author_handle.as_deref(), Some("cara.k"));
        // The post link in its `/<user>/p/<code>/` form.
        let post = raw(
            "instagram.post",
            &[(
                "permalink",
                "https://www.instagram.com/alice.makes/p/C4fIxTuReA1/",
            )],
        );
        assert_eq!(item_of(read_item(url, &post)).key.id, "C4fIxTuReA1");
        // The list item around a reply list reads nothing of its own.
        assert_eq!(
            read_item(url, &raw("instagram.comment", &[])),
            Reading::Pending
        );
        assert!(matches!(
            read_item(url, &raw("instagram.comment", &[("text", "orphan")])),
            Reading::Unreadable { .. }
        ));
    }

    #[test]
    fn dms_use_the_message_id_and_thread() {
        let url = "https://www.instagram.com/direct/t/340282366841710300949128100000000001/";
        let r = raw(
            "instagram.dm",
            &[
                ("message", "mid.$cAAfixture1"),
                ("text", "Is the studio open Sunday?"),
                ("conversation", "Messages in conversation with Bea Martin"),
            ],
        );
        let it = item_of(read_item(url, &r));
        assert_eq!(it.key.to_string(), "instagram:mid.$cAAfixture1");
        assert_eq!(it.kind, ItemKind::Dm);
        assert_eq!(it.author_name.as_deref(), Some("Bea Martin"));
        assert_eq!(
            it.thread_id.as_deref(),
            Some("340282366841710300949128100000000001")
        );
    }

    #[test]
    fn posts_without_a_permalink_are_unreadable() {
        assert!(matches!(
            read_item(FEED, &raw("instagram.post", &[("text", "hi")])),
            Reading::Unreadable { .. }
        ));
    }
}
