//! Facebook (www.facebook.com, Comet UI): feed and timeline posts, the
//! sub-posts of combined cards, comments and replies, and Messenger chat
//! popups.
//!
//! Anchors are ARIA roles, `data-ad-*` and `data-scope` hooks and `href`
//! shapes; the atomic classes rotate and no selector reads UI text (labels
//! are translated: `Comment by …` is `…的留言` in Traditional Chinese).
//! Posts carry `aria-posinset` or only `aria-describedby`, with or without
//! `role="article"`, inside `role="feed"`, a `ProfileTimeline` pagelet or just
//! `role="main"`. A post's permalink `href` can be a placeholder (filled in
//! on hover) or absent (the URL lives only in the page's script data), so a
//! post is keyed by the first of: its permalink id, `photo-<fbid>` of its
//! photo link, `post-<hash of author and text>`.

use super::composer::{last, within};
use super::{
    attr, clean_text, content_id, in_ancestor, item, on_demand, query_param, strings, strip_query,
    text, valid_id, BadgePlacement, FieldRule, PageUrl, RawItem, Reading, SiteProfile, Surface,
};
use super::{Composer, ComposerPlace, EditorKind, SendKey};
use crate::model::{ItemKind, Platform};
use regex_lite::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A post id in a permalink: `/posts/<id>`, `story_fbid=<id>`, `/permalink/<id>`,
/// `/videos/<id>`, `/reel/<id>` (numeric or `pfbid0…`).
static POST_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:/posts/|[?&]story_fbid=|/permalink/|/videos/|/reel/)([A-Za-z0-9]+)").unwrap()
});
/// A photo link: `/photo/?fbid=<id>`, `/photo.php?fbid=<id>`.
static PHOTO_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/photo(?:\.php)?/?\?(?:[^#]*&)?fbid=(\d+)").unwrap());
/// A group member's author link: `/groups/<gid>/user/<uid>/`.
static GROUP_USER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/groups/\d+/user/(\d+)").unwrap());
/// A vanity author link: `https://www.facebook.com/<vanity>`.
static VANITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:https?://[^/]+)?/([A-Za-z0-9.]{3,80})/?(?:[?#].*)?$").unwrap()
});

/// The Facebook profile the content script interprets.
pub fn profile() -> SiteProfile {
    SiteProfile {
        platform: Platform::Facebook,
        hosts: strings(&["www.facebook.com", "web.facebook.com", "facebook.com"]),
        surfaces: vec![post(), comment(), chat()],
        composers: composers(),
    }
}

/// Facebook's reply boxes, all Lexical: Messenger's and the comment box.
/// Both send on Enter; the comment box's submit control carries a stable id,
/// Messenger's send control is the `div[role=button]` after the editor.
fn composers() -> Vec<Composer> {
    const LEXICAL: &str = r#"div[contenteditable="true"][data-lexical-editor="true"]"#;
    vec![
        Composer::new(
            "facebook.chat",
            ComposerPlace::Dm,
            &["^/messages/"],
            EditorKind::Lexical,
            &[LEXICAL],
            r#"form, div[role="main"]"#,
            &super::composer::LEXICAL_DM_SEND,
            vec![SendKey::enter()],
            last("facebook.chat"),
        ),
        Composer::new(
            "facebook.comment",
            ComposerPlace::Comment,
            &[],
            EditorKind::Lexical,
            &[LEXICAL],
            "form",
            &["#focused-state-composer-submit"],
            vec![SendKey::enter()],
            within(&["facebook.comment", "facebook.post"]),
        ),
    ]
}

/// Post containers, in every markup variant seen (2020–2025).
const POSTS: [&str; 6] = [
    r#"div[role="feed"] div[aria-posinset]"#,
    r#"div[role="feed"] > div > div[aria-describedby]"#,
    r#"div[data-pagelet^="FeedUnit_"]"#,
    // 2025 home feed: no feed role, no pagelet, posts without role="article".
    r#"div[role="main"] div[aria-posinset]"#,
    r#"[data-pagelet="ProfileTimeline"] div[aria-posinset]"#,
    // Posts with only aria-labelledby/aria-describedby (no aria-posinset).
    r#"div[role="main"] div[aria-labelledby][aria-describedby]:not([aria-posinset] *):has([data-ad-rendering-role="story_message"])"#,
];

/// The sub-posts of a combined card: attribute-less siblings, each with its
/// own `h3` author line and comment form. A lone post never matches (it has
/// no sibling with an `h3`).
const SUB_POSTS: [&str; 2] = [
    r#"div[aria-posinset] div:has(h3):has(form):has(~ div h3)"#,
    r#"div[aria-posinset] div:has(h3) ~ div:has(h3):has(form)"#,
];

/// Every post container: posts and sub-posts.
fn every_post() -> Vec<&'static str> {
    [&POSTS[..], &SUB_POSTS[..]].concat()
}

/// Links that point at a post, most specific first; comment links excluded.
const POST_LINKS: [&str; 6] = [
    r#"a[href*="/posts/"]:not([href*="comment_id="])"#,
    r#"a[href*="story_fbid="]:not([href*="comment_id="])"#,
    r#"a[href*="/permalink/"]:not([href*="comment_id="])"#,
    r#"a[href*="/videos/"]:not([href*="comment_id="])"#,
    r#"a[href*="/reel/"]:not([href*="comment_id="])"#,
    // The header's timestamp link, whose href may still be a placeholder.
    r#"span[id] a[role="link"][aria-label]"#,
];

/// A post's photo link (the photo's id, not the post's).
const PHOTO_LINKS: [&str; 1] = [r#"a[href*="/photo"][href*="fbid="]:not([href*="comment_id="])"#];

/// A post's author link.
const POST_AUTHOR: [&str; 7] = [
    r#"[data-ad-rendering-role="profile_name"] a"#,
    "h2 strong a",
    "h3 strong a",
    "h4 strong a",
    "h2 a",
    "h3 a",
    "h4 a",
];

/// A post's text.
const POST_TEXT: [&str; 4] = [
    r#"[data-ad-rendering-role="story_message"]"#,
    r#"[data-ad-comet-preview="message"]"#,
    r#"[data-ad-preview="message"]"#,
    r#"div[dir="auto"][style*="text-align"]"#,
];

/// The fields a post is keyed and described by, under their names with a prefix.
fn post_fields(prefix: &str, wrap: impl Fn(FieldRule) -> FieldRule) -> BTreeMap<String, FieldRule> {
    BTreeMap::from([
        (
            format!("{prefix}permalink"),
            wrap(attr("href", &POST_LINKS)),
        ),
        (format!("{prefix}photo"), wrap(attr("href", &PHOTO_LINKS))),
        (format!("{prefix}author_name"), wrap(text(&POST_AUTHOR))),
        (
            format!("{prefix}author_href"),
            wrap(attr("href", &POST_AUTHOR)),
        ),
        (format!("{prefix}text"), wrap(text(&POST_TEXT))),
    ])
}

/// Feed and timeline posts, and the sub-posts of combined cards.
fn post() -> Surface {
    let mut exclude = strings(&[r#"div[role="article"]"#, "form"]);
    exclude.extend(strings(&SUB_POSTS));
    Surface {
        name: "facebook.post".into(),
        routes: vec![],
        skip_routes: strings(&["^/messages"]),
        container: strings(&every_post()),
        // Comments, the comment composer and a card's sub-posts are not the post.
        exclude_within: exclude,
        fields: post_fields("", |rule| rule),
        badge: BadgePlacement::Append,
        badge_after: strings(&[
            r#"[data-ad-rendering-role="story_message"]"#,
            r#"[data-ad-preview="message"]"#,
            r#"div[dir="auto"][style*="text-align"]"#,
        ]),
    }
}

/// Comments and replies to comments (`comment_id`, `reply_comment_id`): an
/// `article` that is not a post (no `aria-posinset`, no author heading) and
/// has a comment link. Its post is read through the post it sits in.
fn comment() -> Surface {
    let enclosing_post = every_post().join(", ");
    let mut fields = post_fields("post_", |rule| in_ancestor(&enclosing_post, rule));
    fields.insert(
        "permalink".into(),
        attr(
            "href",
            &[
                r#"a[href*="/posts/"][href*="comment_id="]"#,
                r#"a[href*="story_fbid="][href*="comment_id="]"#,
                r#"a[href*="/photo"][href*="comment_id="]"#,
                r#"a[href*="/permalink/"][href*="comment_id="]"#,
                r#"a[href*="/videos/"][href*="comment_id="]"#,
                r#"a[href*="comment_id="]"#,
            ],
        ),
    );
    // The name link (the avatar link before it holds only an image); the
    // display name is read when the agent acts on the comment.
    let author = [r#"a[role="link"]:not(:has(img, svg))"#, r#"a[role="link"]"#];
    fields.insert("author_name".into(), on_demand(text(&author)));
    fields.insert("author_href".into(), attr("href", &author));
    fields.insert(
        "text".into(),
        text(&[
            r#"div[dir="auto"][style*="text-align"]"#,
            r#"div[dir="auto"]"#,
            r#"span[dir="auto"]"#,
        ]),
    );
    Surface {
        name: "facebook.comment".into(),
        routes: vec![],
        skip_routes: strings(&["^/messages"]),
        container: strings(&[
            r#"div[role="article"]:not([aria-posinset]):not(:has(h2, h3, h4)):has(a[href*="comment_id="])"#,
        ]),
        exclude_within: strings(&[r#"div[role="article"]"#]),
        fields,
        badge: BadgePlacement::Append,
        badge_after: strings(&[r#"div[dir="auto"][style*="text-align"]"#]),
    }
}

/// A link outside every message grid that carries a label: a chat popup's
/// header link to the other person's profile.
const CHAT_HEADER_LINK: &str = r#"a[aria-label][href]:not([role="grid"] a)"#;

/// Messages in Messenger chat popups (on any page; several can be open). The
/// popup has no message ids, so a message is keyed by its conversation (the
/// header's profile link) and a hash of its sender and content.
fn chat() -> Surface {
    let popup = format!(r#"div:has(div[role="grid"]):has({CHAT_HEADER_LINK})"#);
    let mut fields = BTreeMap::new();
    fields.insert("sender".into(), text(&["h4"]));
    fields.insert(
        "text".into(),
        text(&[
            r#"span[dir="auto"] > div[dir="auto"]"#,
            r#"div[dir="auto"]"#,
        ]),
    );
    fields.insert("photo".into(), attr("src", &[r#"div[role="button"] img"#]));
    fields.insert(
        "conversation".into(),
        in_ancestor(&popup, attr("href", &[CHAT_HEADER_LINK])),
    );
    Surface {
        name: "facebook.chat".into(),
        routes: vec![],
        skip_routes: vec![],
        // Message rows only: loading rows and date separators have no messages_table cell.
        container: strings(&[
            r#"div[role="grid"] div[role="row"]:has([role="gridcell"][data-scope="messages_table"])"#,
        ]),
        exclude_within: vec![],
        fields,
        badge: BadgePlacement::Append,
        badge_after: vec![],
    }
}

/// Reads one Facebook container.
#[inline(never)] // compiled on its own: see `read_item`
pub(crate) fn read(_page: &PageUrl<'_>, raw: &RawItem) -> Reading {
    match raw.surface.as_str() {
        "facebook.post" => read_post(raw),
        "facebook.comment" => read_comment(raw),
        "facebook.chat" => read_chat(raw),
        other => Reading::Unreadable {
            reason: format!("unknown Facebook surface {other:?}"),
        },
    }
}

/// The post id in a permalink.
fn post_id(href: &str) -> Option<String> {
    POST_ID
        .captures(href)
        .map(|c| c[1].to_owned())
        .filter(|id| valid_id(id))
}

/// `photo-<fbid>` for a photo link.
fn photo_key(href: &str) -> Option<String> {
    PHOTO_ID.captures(href).map(|c| format!("photo-{}", &c[1]))
}

/// The author's handle: a group member's uid, `profile.php?id=`, or the vanity name.
fn author_handle(href: &str) -> Option<String> {
    if let Some(c) = GROUP_USER.captures(href) {
        return Some(c[1].to_owned());
    }
    if href.contains("/profile.php") {
        return query_param(href, "id");
    }
    VANITY.captures(href).map(|c| c[1].to_owned()).filter(|v| {
        !["groups", "permalink.php", "story.php", "watch", "photo"].contains(&v.as_str())
    })
}

/// A post's key from its fields (named with `prefix`): the permalink's post
/// id, else `photo-<fbid>`, else `post-<hash of author and text>`; `None` when
/// the container holds none of them (a loading placeholder or a card shell).
fn post_key(raw: &RawItem, prefix: &str) -> Option<String> {
    let field = |name: &str| raw.field(&format!("{prefix}{name}"));
    if let Some(id) = field("permalink").and_then(post_id) {
        return Some(id);
    }
    if let Some(key) = field("photo").and_then(photo_key) {
        return Some(key);
    }
    let text = clean_text(field("text").unwrap_or_default());
    if text.is_empty() {
        return None;
    }
    let author = field("author_href")
        .and_then(author_handle)
        .or_else(|| field("author_name").map(clean_text))
        .unwrap_or_default();
    Some(format!("post-{}", content_id(&[&author, &text])))
}

fn read_post(raw: &RawItem) -> Reading {
    let Some(id) = post_key(raw, "") else {
        return Reading::Pending;
    };
    let mut it = item(
        Platform::Facebook,
        &id,
        ItemKind::Post,
        clean_text(raw.field("text").unwrap_or_default()),
    );
    it.permalink = raw
        .field("permalink")
        .filter(|h| post_id(h).is_some())
        .map(strip_query);
    it.author_name = raw.field("author_name").map(clean_text);
    it.author_handle = raw.field("author_href").and_then(author_handle);
    Reading::Item { item: Box::new(it) }
}

/// A comment id Facebook wrote as base64 of `comment:<objectId>_<commentId>`,
/// decoded to `<objectId>_<commentId>`; `None` for a plain id.
fn decoded_comment_id(raw_id: &str) -> Option<String> {
    let unescaped = raw_id.replace("%3D", "=");
    decode_base64(&unescaped)
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| text.strip_prefix("comment:").map(str::to_owned))
        .filter(|id| valid_id(id))
}

/// Standard or URL-safe base64, padding optional; `None` on any other character.
fn decode_base64(input: &str) -> Option<Vec<u8>> {
    let mut bits: u32 = 0;
    let mut count = 0;
    let mut out = Vec::new();
    for c in input.trim_end_matches('=').chars() {
        let value = match c {
            'A'..='Z' => c as u32 - 'A' as u32,
            'a'..='z' => c as u32 - 'a' as u32 + 26,
            '0'..='9' => c as u32 - '0' as u32 + 52,
            '+' | '-' => 62,
            '/' | '_' => 63,
            _ => return None,
        };
        bits = (bits << 6) | value;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    Some(out)
}

/// A comment: keyed `<objectId>_<commentId>` (from the base64 `comment_id`
/// of its timestamp or author link; a plain `comment_id` is completed with
/// the object id when one of its links has it), a reply by its
/// `reply_comment_id` under its comment (in that full form). Its post is the
/// post it sits in (keyed as [`read_post`] keys it); a comment shown alone
/// falls back to the ids in its link.
fn read_comment(raw: &RawItem) -> Reading {
    let href = raw.field("permalink").unwrap_or_default();
    let links = [href, raw.field("author_href").unwrap_or_default()];
    let ids: Vec<String> = links
        .iter()
        .filter_map(|link| query_param(link, "comment_id"))
        .collect();
    let Some(plain) = ids.first() else {
        return Reading::Unreadable {
            reason: "facebook.comment: no comment_id link".into(),
        };
    };
    let decoded = ids.iter().find_map(|id| decoded_comment_id(id));
    let object = decoded
        .as_deref()
        .and_then(|d| d.split_once('_'))
        .map(|(object, _)| object.to_owned());
    // A comment id in its full `<objectId>_<commentId>` form when it can be had.
    let full = |id: &str| {
        decoded_comment_id(id).unwrap_or_else(|| match &object {
            Some(object) if id.bytes().all(|b| b.is_ascii_digit()) => format!("{object}_{id}"),
            _ => id.to_owned(),
        })
    };
    let comment = decoded.clone().unwrap_or_else(|| full(plain));
    // A reply: the link that names it also names its comment.
    let reply = links.iter().find_map(|link| {
        let reply = query_param(link, "reply_comment_id").filter(|r| valid_id(r))?;
        Some((reply, full(&query_param(link, "comment_id")?)))
    });
    let post = post_key(raw, "post_")
        .or_else(|| post_id(href))
        .or_else(|| photo_key(href))
        .or_else(|| comment.split_once('_').map(|(p, _)| p.to_owned()));
    let text = clean_text(raw.field("text").unwrap_or_default());
    let (id, parent) = match &reply {
        Some((reply, comment)) => (reply.clone(), Some(comment.clone())),
        None => (comment, post.clone()),
    };
    if !valid_id(&id) {
        return Reading::Unreadable {
            reason: "facebook.comment: malformed comment id".into(),
        };
    }
    let mut it = item(Platform::Facebook, &id, ItemKind::Comment, text);
    it.parent_id = parent;
    it.thread_id = post;
    it.author_name = raw.field("author_name").map(clean_text);
    it.author_handle = raw.field("author_href").and_then(author_handle);
    it.permalink = query_param(href, "comment_id").map(|comment_id| match &reply {
        Some((reply, _)) => format!(
            "{}?comment_id={comment_id}&reply_comment_id={reply}",
            strip_query(href)
        ),
        None => format!("{}?comment_id={comment_id}", strip_query(href)),
    });
    Reading::Item { item: Box::new(it) }
}

/// A chat popup message: `chat-<conversation>-<hash of sender and content>`.
fn read_chat(raw: &RawItem) -> Reading {
    let Some(conversation) = raw.field("conversation").and_then(author_handle) else {
        return Reading::Unreadable {
            reason: "facebook.chat: no conversation link".into(),
        };
    };
    let text = clean_text(raw.field("text").unwrap_or_default());
    // Photo URLs carry expiring signatures in their query.
    let photo = raw.field("photo").map(strip_query).unwrap_or_default();
    if text.is_empty() && photo.is_empty() {
        return Reading::Pending;
    }
    let sender = raw.field("sender").map(clean_text);
    let hash = content_id(&[sender.as_deref().unwrap_or_default(), &text, &photo]);
    let mut it = item(
        Platform::Facebook,
        &format!("chat-{conversation}-{hash}"),
        ItemKind::Dm,
        text,
    );
    it.thread_id = Some(conversation);
    it.author_name = sender;
    Reading::Item { item: Box::new(it) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sites::read_item;
    use crate::sites::test_support::{assert_badge_needs_no_on_demand_field, item_of, raw};

    const FEED: &str = "https://www.facebook.com/";

    #[test]
    fn pfbid_posts_strip_tracking_and_name_the_page() {
        let r = raw(
            "facebook.post",
            &[
                ("permalink", "https://www.facebook.com/acme.coffee/posts/pfbid0FxTUREPLACEMExyz?__cft__[0]=AZX1&__tn__=%2CO%2CP-R"),
                ("author_name", "Acme Coffee"),
                ("author_href", "https://www.facebook.com/acme.coffee?__cft__[0]=AZX1"),
                ("text", "New single-origin roast is live this week."),
            ],
        );
        let it = item_of(read_item(FEED, &r));
        assert_eq!(it.key.to_string(), "facebook:pfbid0FxTUREPLACEMExyz");
        assert_eq!(it.kind, ItemKind::Post);
        assert_eq!(
            it.permalink.as_deref(),
            Some("https://www.facebook.com/acme.coffee/posts/pfbid0FxTUREPLACEMExyz")
        );
        assert_eq!(it.author_handle.as_deref(), Some("acme.coffee"));
    }

    #[test]
    fn group_posts_use_the_numeric_id_and_member_uid() {
        let r = raw(
            "facebook.post",
            &[
                (
                    "permalink",
                    "https://www.facebook.com/groups/4242/posts/987654321012345/?__cft__[0]=AZY2",
                ),
                (
                    "author_href",
                    "https://www.facebook.com/groups/4242/user/100000000000001/",
                ),
                ("text", "Anyone tried the new grinder?"),
            ],
        );
        let it = item_of(read_item(FEED, &r));
        assert_eq!(it.key.id, "987654321012345");
        assert_eq!(it.author_handle.as_deref(), Some("100000000000001"));
    }

    #[test]
    fn posts_without_a_permalink_are_keyed_by_photo_or_content_never_pending() {
        // 2025 home feed: the header link is the site root plus tracking, the
        // post URL lives only in script data; the photo link is the one id.
        let photo = raw(
            "facebook.post",
            &[
                (
                    "permalink",
                    "https://www.facebook.com/?__cft__[0]=AZX1&__tn__=%2CO%2CP-R",
                ),
                (
                    "photo",
                    "https://www.facebook.com/photo/?fbid=7001&set=a.42&__cft__[0]=AZX1",
                ),
                (
                    "author_href",
                    "https://www.facebook.com/nora.lind?__cft__[0]=AZX1",
                ),
                ("text", "Photo of the broken lid."),
            ],
        );
        let it = item_of(read_item(FEED, &photo));
        assert_eq!(it.key.id, "photo-7001");
        assert_eq!(it.permalink, None, "the root link is not a permalink");
        assert_eq!(it.author_handle.as_deref(), Some("nora.lind"));
        // Text only, with a placeholder link (`#`, the hide control): a content
        // key, the same whatever the placeholder and tracking parameters say.
        let key = |link: &str, author: &str| {
            item_of(read_item(
                FEED,
                &raw(
                    "facebook.post",
                    &[
                        ("permalink", link),
                        ("author_href", author),
                        ("author_name", "Dan  Rivers"),
                        ("text", " Is the cafe open on Sunday? "),
                    ],
                ),
            ))
            .key
            .id
        };
        let first = key(
            "https://www.facebook.com/#",
            "https://www.facebook.com/dan.rivers?__cft__[0]=A",
        );
        assert!(first.starts_with("post-"), "{first}");
        assert_eq!(
            first,
            key(
                "https://www.facebook.com/?__tn__=R",
                "https://www.facebook.com/dan.rivers"
            )
        );
        assert_ne!(
            first,
            key(
                "https://www.facebook.com/#",
                "https://www.facebook.com/someone.else"
            )
        );
        // Odd links are no permalink either.
        let odd = raw(
            "facebook.post",
            &[
                ("permalink", "https://www.facebook.com/somewhere/else"),
                ("text", "hi"),
            ],
        );
        assert!(item_of(read_item(FEED, &odd)).key.id.starts_with("post-"));
        let story = raw(
            "facebook.post",
            &[(
                "permalink",
                "https://www.facebook.com/permalink.php?story_fbid=123&id=9",
            )],
        );
        assert_eq!(item_of(read_item(FEED, &story)).key.id, "123");
    }

    #[test]
    fn empty_placeholders_and_card_shells_are_pending() {
        // A loading article, or a combined card whose content all sits in its sub-posts.
        assert_eq!(
            read_item(FEED, &raw("facebook.post", &[])),
            Reading::Pending
        );
        let shell = raw(
            "facebook.post",
            &[
                ("author_name", "Home Baristas"),
                ("author_href", "https://www.facebook.com/groups/4242/"),
            ],
        );
        assert_eq!(read_item(FEED, &shell), Reading::Pending);
    }

    #[test]
    fn sub_posts_of_combined_cards_use_their_own_story_link() {
        let sub = raw(
            "facebook.post",
            &[
                (
                    "permalink",
                    "/permalink.php?story_fbid=424242&id=100000000000077",
                ),
                (
                    "author_href",
                    "/profile.php?id=100000000000077&__cft__[0]=Z",
                ),
                ("text", "第二篇"),
            ],
        );
        let it = item_of(read_item(FEED, &sub));
        assert_eq!(it.key.id, "424242");
        assert_eq!(it.author_handle.as_deref(), Some("100000000000077"));
    }

    #[test]
    fn timeline_comments_take_the_base64_id_and_the_enclosing_post() {
        // The timestamp link has plain digits and names the photo; the author
        // link carries the base64 id; the post is the one the comment sits in.
        let r = raw(
            "facebook.comment",
            &[
                ("permalink", "https://www.facebook.com/photo/?fbid=7001&set=a.42&comment_id=222"),
                ("author_href", "https://www.facebook.com/profile.php?id=100000000000099&comment_id=Y29tbWVudDo3MDAxXzIyMg%3D%3D"),
                ("author_name", "林小姐"),
                ("text", "還沒收到貨"),
                ("post_permalink", "https://www.facebook.com/?__cft__[0]=A"),
                ("post_photo", "https://www.facebook.com/photo/?fbid=7001&set=a.42"),
                ("post_text", "Photo of the broken lid."),
            ],
        );
        let it = item_of(read_item(FEED, &r));
        assert_eq!(it.key.id, "7001_222");
        assert_eq!(
            it.parent_id.as_deref(),
            Some("photo-7001"),
            "the post's own key"
        );
        assert_eq!(it.author_handle.as_deref(), Some("100000000000099"));
        assert_eq!(
            it.permalink.as_deref(),
            Some("https://www.facebook.com/photo/?comment_id=222")
        );
        // In a post with a permalink, the parent is that post's id, not the photo's.
        let mut in_post = r.clone();
        in_post.fields.insert(
            "post_permalink".into(),
            "https://www.facebook.com/permalink.php?story_fbid=5150&id=9".into(),
        );
        assert_eq!(
            item_of(read_item(FEED, &in_post)).parent_id.as_deref(),
            Some("5150")
        );
        // Shown alone (no enclosing post): the ids of its own link.
        let alone = raw(
            "facebook.comment",
            &[(
                "permalink",
                "https://www.facebook.com/n.lind/posts/pfbid0AbC?comment_id=333",
            )],
        );
        let it = item_of(read_item(FEED, &alone));
        assert_eq!(
            (it.key.id.as_str(), it.parent_id.as_deref()),
            ("333", Some("pfbid0AbC"))
        );
    }

    #[test]
    fn chat_messages_are_keyed_by_conversation_and_content() {
        let message = |conversation: &str, sender: &str, text: &str| {
            raw(
                "facebook.chat",
                &[
                    ("conversation", conversation),
                    ("sender", sender),
                    ("text", text),
                ],
            )
        };
        let it = item_of(read_item(
            FEED,
            &message(
                "https://www.facebook.com/100000000000123/",
                "Lea",
                "Where is my refund?",
            ),
        ));
        assert!(
            it.key.id.starts_with("chat-100000000000123-"),
            "{}",
            it.key.id
        );
        assert_eq!(
            (it.kind, it.author_name.as_deref()),
            (ItemKind::Dm, Some("Lea"))
        );
        assert_eq!(it.thread_id.as_deref(), Some("100000000000123"));
        let again = item_of(read_item(
            FEED,
            &message("/100000000000123/", "Lea", "Where is my  refund?"),
        ));
        assert_eq!(again.key, it.key, "relative or absolute link, same key");
        let other = item_of(read_item(
            FEED,
            &message(
                "https://www.facebook.com/100000000000456/",
                "Lea",
                "Where is my refund?",
            ),
        ));
        assert_ne!(other.key, it.key, "another conversation");
        let photo = raw(
            "facebook.chat",
            &[
                ("conversation", "https://www.facebook.com/100000000000123/"),
                (
                    "photo",
                    "https://scontent.xx.fbcdn.net/v/t1/p1.jpg?oh=1&oe=2",
                ),
            ],
        );
        let photo_key = item_of(read_item(FEED, &photo)).key;
        let mut resigned = photo.clone();
        resigned.fields.insert(
            "photo".into(),
            "https://scontent.xx.fbcdn.net/v/t1/p1.jpg?oh=9&oe=9".into(),
        );
        assert_eq!(item_of(read_item(FEED, &resigned)).key, photo_key);
        assert_eq!(
            read_item(
                FEED,
                &raw("facebook.chat", &[("conversation", "/100000000000123/")])
            ),
            Reading::Pending
        );
        assert!(matches!(
            read_item(FEED, &raw("facebook.chat", &[("text", "hi")])),
            Reading::Unreadable { .. }
        ));
    }

    #[test]
    fn comments_decode_their_base64_id_and_point_at_the_post() {
        let r = raw(
            "facebook.comment",
            &[
                ("permalink", "https://www.facebook.com/acme.coffee/posts/pfbid0FxTUREPLACEMExyz?comment_id=Y29tbWVudDoxMTFfMjIy"),
                ("author_name", "Bea Martin"),
                ("author_href", "https://www.facebook.com/bea.martin.77?comment_id=Y29tbWVudDoxMTFfMjIy&__cft__[0]=AZX1"),
                ("text", "French press, always."),
            ],
        );
        let it = item_of(read_item(FEED, &r));
        assert_eq!(it.key.to_string(), "facebook:111_222");
        assert_eq!(it.kind, ItemKind::Comment);
        assert_eq!(it.parent_id.as_deref(), Some("pfbid0FxTUREPLACEMExyz"));
        assert_eq!(it.author_handle.as_deref(), Some("bea.martin.77"));
    }

    #[test]
    fn badges_need_none_of_the_fields_read_on_demand() {
        let comment = raw(
            "facebook.comment",
            &[
                ("permalink", "https://www.facebook.com/acme.coffee/posts/pfbid0FxTUREPLACEMExyz?comment_id=Y29tbWVudDoxMTFfMjIy"),
                ("author_name", "Bea Martin"),
                ("author_href", "https://www.facebook.com/bea.martin.77?comment_id=Y29tbWVudDoxMTFfMjIy&__cft__[0]=AZX1"),
                ("post_author_name", "Acme Coffee"),
                ("post_text", "New blend out today"),
                ("text", "My order was wrong twice, I want my money back."),
            ],
        );
        // Its author known by name only: the name is the handle's only source.
        let named = raw(
            "facebook.comment",
            &[
                ("permalink", "/permalink.php?story_fbid=880001&id=77&comment_id=990001&reply_comment_id=990002"),
                ("author_name", "Bea Martin"),
                ("text", "Still nothing."),
            ],
        );
        for item in [&comment, &named] {
            assert_badge_needs_no_on_demand_field(FEED, item);
        }
    }

    #[test]
    fn replies_are_keyed_by_reply_comment_id_under_their_comment() {
        let r = raw(
            "facebook.comment",
            &[("permalink", "https://www.facebook.com/acme.coffee/posts/pfbid0FxTUREPLACEMExyz?comment_id=Y29tbWVudDoxMTFfMjIy&reply_comment_id=333")],
        );
        let it = item_of(read_item(FEED, &r));
        assert_eq!(it.key.id, "333");
        assert_eq!(it.parent_id.as_deref(), Some("111_222"));
        assert_eq!(it.thread_id.as_deref(), Some("pfbid0FxTUREPLACEMExyz"));
    }

    #[test]
    fn replies_with_plain_links_point_at_their_comments_full_id() {
        // Timestamp link: plain digits for the comment and the reply; the
        // reply's author link: base64 of the reply itself.
        let reply = raw(
            "facebook.comment",
            &[
                ("permalink", "/permalink.php?story_fbid=880001&id=77&comment_id=990001&reply_comment_id=990002"),
                ("author_href", "/acme.kitchen?comment_id=Y29tbWVudDo4ODAwMDFfOTkwMDAy"),
            ],
        );
        let it = item_of(read_item(FEED, &reply));
        assert_eq!(it.key.id, "990002");
        assert_eq!(
            it.parent_id.as_deref(),
            Some("880001_990001"),
            "the comment's own key"
        );
        let comment = raw(
            "facebook.comment",
            &[
                (
                    "permalink",
                    "/permalink.php?story_fbid=880001&id=77&comment_id=990001",
                ),
                (
                    "author_href",
                    "/profile.php?id=99&comment_id=Y29tbWVudDo4ODAwMDFfOTkwMDAx",
                ),
            ],
        );
        assert_eq!(item_of(read_item(FEED, &comment)).key.id, "880001_990001");
    }

    #[test]
    fn base64_decodes() {
        assert_eq!(
            decode_base64("Y29tbWVudDoxMTFfMjIy").unwrap(),
            b"comment:111_222"
        );
        assert_eq!(decoded_comment_id("12345"), None);
        assert_eq!(
            decoded_comment_id("Y29tbWVudDoxMTFfMjIy").as_deref(),
            Some("111_222")
        );
    }
}
