//! Facebook (www.facebook.com, Comet UI): feed posts, comments and comment replies.
//!
//! Anchors are ARIA roles, `data-ad-*` hooks and `href` shapes; the atomic
//! classes rotate. Posts carry `aria-posinset` or, for some accounts, only
//! `aria-describedby`; their permalink `href` can be a placeholder until the
//! agent hovers it, so a post without one is [`Reading::Pending`].

use super::{
    attr, clean_text, item, query_param, strings, strip_query, text, valid_id, BadgePlacement,
    PageUrl, RawItem, Reading, SiteProfile, Surface,
};
use crate::model::{ItemKind, Platform};
use regex_lite::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A post id in a permalink: `/posts/<id>`, `story_fbid=<id>`, `/permalink/<id>`,
/// `/videos/<id>`, `/reel/<id>`, `fbid=<id>` (numeric or `pfbid0…`).
static POST_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:/posts/|[?&]story_fbid=|/permalink/|/videos/|/reel/|[?&]fbid=)([A-Za-z0-9]+)")
        .unwrap()
});
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
        surfaces: vec![post(), comment()],
    }
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

/// Feed posts.
fn post() -> Surface {
    let author = [
        r#"[data-ad-rendering-role="profile_name"] a"#,
        "h2 strong a",
        "h3 strong a",
        "h2 a",
        "h3 a",
    ];
    let mut fields = BTreeMap::new();
    fields.insert("permalink".into(), attr("href", &POST_LINKS));
    fields.insert("author_name".into(), text(&author));
    fields.insert("author_href".into(), attr("href", &author));
    fields.insert(
        "text".into(),
        text(&[
            r#"[data-ad-rendering-role="story_message"]"#,
            r#"[data-ad-comet-preview="message"]"#,
            r#"[data-ad-preview="message"]"#,
        ]),
    );
    Surface {
        name: "facebook.post".into(),
        routes: vec![],
        skip_routes: strings(&["^/messages"]),
        container: strings(&[
            r#"div[role="feed"] div[aria-posinset]"#,
            r#"div[role="feed"] > div > div[aria-describedby]"#,
            r#"div[data-pagelet^="FeedUnit_"]"#,
        ]),
        // Comments and the comment composer inside a post are not the post.
        exclude_within: strings(&[r#"div[role="article"]"#, "form"]),
        fields,
        badge: BadgePlacement::Append,
        badge_after: strings(&[
            r#"[data-ad-rendering-role="story_message"]"#,
            r#"[data-ad-preview="message"]"#,
        ]),
    }
}

/// Comments and replies to comments (`comment_id`, `reply_comment_id`).
fn comment() -> Surface {
    let mut fields = BTreeMap::new();
    fields.insert(
        "permalink".into(),
        attr(
            "href",
            &[
                r#"a[href*="/posts/"][href*="comment_id="]"#,
                r#"a[href*="story_fbid="][href*="comment_id="]"#,
                r#"a[href*="comment_id="]"#,
            ],
        ),
    );
    fields.insert("author_name".into(), text(&[r#"a[role="link"]"#]));
    fields.insert("author_href".into(), attr("href", &[r#"a[role="link"]"#]));
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
            r#"div[role="article"]:has(a[href*="comment_id="])"#,
            r#"div[role="article"][aria-label^="Comment by "]"#,
            r#"div[role="article"][aria-label^="Reply by "]"#,
        ]),
        exclude_within: strings(&[r#"div[role="article"]"#]),
        fields,
        badge: BadgePlacement::Append,
        badge_after: strings(&[r#"div[dir="auto"][style*="text-align"]"#]),
    }
}

/// Reads one Facebook container.
pub(crate) fn read(_page: &PageUrl<'_>, raw: &RawItem) -> Reading {
    match raw.surface.as_str() {
        "facebook.post" => read_post(raw),
        "facebook.comment" => read_comment(raw),
        other => Reading::Unreadable {
            reason: format!("unknown Facebook surface {other:?}"),
        },
    }
}

/// Whether an `href` is a stand-in Facebook fills in later (`#`, empty, `javascript:`).
fn is_placeholder(href: &str) -> bool {
    href.is_empty() || href.ends_with('#') || href.starts_with("javascript:")
}

/// The post id in a permalink.
fn post_id(href: &str) -> Option<String> {
    POST_ID
        .captures(href)
        .map(|c| c[1].to_owned())
        .filter(|id| valid_id(id))
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

fn read_post(raw: &RawItem) -> Reading {
    let href = raw.field("permalink");
    let Some(id) = href.and_then(post_id) else {
        return match href {
            Some(h) if is_placeholder(h) => Reading::Pending,
            _ => Reading::Unreadable {
                reason: "facebook.post: no post permalink".into(),
            },
        };
    };
    let mut it = item(
        Platform::Facebook,
        &id,
        ItemKind::Post,
        clean_text(raw.field("text").unwrap_or_default()),
    );
    it.permalink = href.map(strip_query);
    it.author_name = raw.field("author_name").map(clean_text);
    it.author_handle = raw.field("author_href").and_then(author_handle);
    Reading::Item { item: Box::new(it) }
}

/// A comment id as Facebook writes it in `comment_id`: either plain, or base64
/// of `comment:<postId>_<commentId>`, which is decoded to `<postId>_<commentId>`.
fn decode_comment_id(raw_id: &str) -> String {
    let unescaped = raw_id.replace("%3D", "=");
    decode_base64(&unescaped)
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| text.strip_prefix("comment:").map(str::to_owned))
        .filter(|id| valid_id(id))
        .unwrap_or_else(|| raw_id.to_owned())
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

fn read_comment(raw: &RawItem) -> Reading {
    let href = raw.field("permalink").unwrap_or_default();
    let Some(comment) = query_param(href, "comment_id").map(|c| decode_comment_id(&c)) else {
        return Reading::Unreadable {
            reason: "facebook.comment: no comment_id link".into(),
        };
    };
    let reply = query_param(href, "reply_comment_id").filter(|r| valid_id(r));
    // `<postId>_<commentId>` names the post; else the permalink's post id.
    let post = post_id(href).or_else(|| comment.split_once('_').map(|(p, _)| p.to_owned()));
    let text = clean_text(raw.field("text").unwrap_or_default());
    let mut it = match &reply {
        Some(reply) => {
            let mut it = item(Platform::Facebook, reply, ItemKind::Comment, text);
            it.parent_id = Some(comment.clone());
            it
        }
        None => {
            let mut it = item(Platform::Facebook, &comment, ItemKind::Comment, text);
            it.parent_id = post.clone();
            it
        }
    };
    if !valid_id(&it.key.id) {
        return Reading::Unreadable {
            reason: "facebook.comment: malformed comment id".into(),
        };
    }
    it.thread_id = post;
    it.author_name = raw.field("author_name").map(clean_text);
    it.author_handle = raw.field("author_href").and_then(author_handle);
    it.permalink = Some(match &reply {
        Some(reply) => format!(
            "{}?comment_id={}&reply_comment_id={reply}",
            strip_query(href),
            query_param(href, "comment_id").unwrap_or_default()
        ),
        None => format!(
            "{}?comment_id={}",
            strip_query(href),
            query_param(href, "comment_id").unwrap_or_default()
        ),
    });
    Reading::Item { item: Box::new(it) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sites::read_item;
    use crate::sites::test_support::{item_of, raw};

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
    fn placeholder_hrefs_are_pending_and_odd_links_unreadable() {
        let pending = raw(
            "facebook.post",
            &[("permalink", "https://www.facebook.com/#"), ("text", "hi")],
        );
        assert_eq!(read_item(FEED, &pending), Reading::Pending);
        let odd = raw(
            "facebook.post",
            &[("permalink", "https://www.facebook.com/somewhere/else")],
        );
        assert!(matches!(read_item(FEED, &odd), Reading::Unreadable { .. }));
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
    fn base64_decodes() {
        assert_eq!(
            decode_base64("Y29tbWVudDoxMTFfMjIy").unwrap(),
            b"comment:111_222"
        );
        assert_eq!(decode_comment_id("12345"), "12345");
    }
}
