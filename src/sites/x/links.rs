//! The link and text shapes X's items are read from (status permalinks,
//! profile links, `@handle`s, DM conversation paths), parsed by hand.
//!
//! They are short ASCII shapes, and the service worker reads one on every
//! cold start's first verdict: a regex engine's parser, compiler and VM would
//! each be compiled by the browser on that first call, for a few `/`-split
//! segments. The tests check every shape against the regex it replaced.

/// Whether a byte may appear in an X handle (`[A-Za-z0-9_]`).
fn handle_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// The length of the run of leading bytes that `allowed` accepts.
fn leading(text: &str, allowed: impl Fn(u8) -> bool) -> usize {
    text.bytes().take_while(|&byte| allowed(byte)).count()
}

/// A link's path: what follows `http(s)://<host>`, or the link itself when it
/// is a path (starts with `/`).
fn path_of(link: &str) -> Option<&str> {
    let path = match link
        .strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"))
    {
        Some(rest) => match rest.find('/')? {
            0 => return None,
            host_end => &rest[host_end..],
        },
        None => link,
    };
    path.starts_with('/').then_some(path)
}

/// A path's first segment as a handle (1 to 20 handle bytes) and the rest.
fn leading_handle(path: &str) -> Option<(&str, &str)> {
    let segment = path.strip_prefix('/')?;
    let length = leading(segment, handle_byte);
    (1..=20).contains(&length).then(|| segment.split_at(length))
}

/// A status permalink's handle and status id: `/<handle>/status/<id>`, with
/// or without scheme and host, sub-pages (`/analytics`) and query allowed.
pub(super) fn status(link: &str) -> Option<(&str, &str)> {
    let (handle, rest) = leading_handle(path_of(link)?)?;
    let after = rest.strip_prefix("/status/")?;
    let digits = leading(after, |byte| byte.is_ascii_digit());
    (digits > 0).then(|| (handle, &after[..digits]))
}

/// A profile link's handle: `/<handle>`, an optional `/`, and nothing after
/// it but a query or fragment (with no line break).
pub(super) fn profile(link: &str) -> Option<&str> {
    let (handle, rest) = leading_handle(path_of(link)?)?;
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let bare = rest.is_empty() || (rest.starts_with(['?', '#']) && !rest.contains('\n'));
    bare.then_some(handle)
}

/// A handle as X shows it: 1 to 20 handle bytes, `@` optional.
pub(super) fn handle(text: &str) -> Option<&str> {
    let name = text.strip_prefix('@').unwrap_or(text);
    ((1..=20).contains(&name.len()) && name.bytes().all(handle_byte)).then_some(name)
}

/// A legacy DM conversation's id from a page path: `/messages/<uidA>-<uidB>`.
pub(super) fn legacy_conversation(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/messages/")?;
    let first = leading(rest, |byte| byte.is_ascii_digit());
    let second = leading(rest[first..].strip_prefix('-')?, |byte| {
        byte.is_ascii_digit()
    });
    (first > 0 && second > 0).then(|| &rest[..first + 1 + second])
}

/// An XChat conversation's id from a page path: `/i/chat/<convId>`
/// (`<uidA>:<uidB>`, or `g<id>` for groups).
pub(super) fn chat_conversation(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/i/chat/")?;
    let length = leading(rest, |byte| {
        byte.is_ascii_alphanumeric() || matches!(byte, b':' | b'_' | b'-')
    });
    (length > 0).then(|| &rest[..length])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex_lite::Regex;

    /// The regexes these shapes were read with before, and still mean.
    struct Reference {
        status: Regex,
        profile: Regex,
        handle: Regex,
        legacy: Regex,
        chat: Regex,
    }

    impl Reference {
        fn new() -> Self {
            let regex = |pattern| Regex::new(pattern).unwrap();
            Reference {
                status: regex(r"^(?:https?://[^/]+)?/([A-Za-z0-9_]{1,20})/status/(\d+)"),
                profile: regex(r"^(?:https?://[^/]+)?/([A-Za-z0-9_]{1,20})/?(?:[?#].*)?$"),
                handle: regex(r"^@?([A-Za-z0-9_]{1,20})$"),
                legacy: regex(r"^/messages/([0-9]+-[0-9]+)"),
                chat: regex(r"^/i/chat/([A-Za-z0-9:_-]+)"),
            }
        }

        fn group<'t>(regex: &Regex, text: &'t str, index: usize) -> Option<&'t str> {
            regex
                .captures(text)
                .map(|captures| captures.get(index).unwrap().as_str())
        }

        fn check(&self, text: &str) {
            let expected = self
                .status
                .captures(text)
                .map(|c| (c.get(1).unwrap().as_str(), c.get(2).unwrap().as_str()));
            assert_eq!(status(text), expected, "status of {text:?}");
            assert_eq!(
                profile(text),
                Self::group(&self.profile, text, 1),
                "profile of {text:?}"
            );
            assert_eq!(
                handle(text),
                Self::group(&self.handle, text, 1),
                "handle of {text:?}"
            );
            assert_eq!(
                legacy_conversation(text),
                Self::group(&self.legacy, text, 1),
                "legacy conversation of {text:?}"
            );
            assert_eq!(
                chat_conversation(text),
                Self::group(&self.chat, text, 1),
                "chat conversation of {text:?}"
            );
        }
    }

    #[test]
    fn documented_shapes_are_read() {
        assert_eq!(
            status("https://x.com/dana/status/17/analytics"),
            Some(("dana", "17"))
        );
        assert_eq!(status("/dana/status/17?s=20"), Some(("dana", "17")));
        assert_eq!(status("https://x.com/dana/status/"), None);
        assert_eq!(status("https:///dana/status/1"), None);
        assert_eq!(profile("https://x.com/brand_co/"), Some("brand_co"));
        assert_eq!(profile("/brand_co?ref=1"), Some("brand_co"));
        assert_eq!(profile("/brand_co/likes"), None);
        assert_eq!(handle("@dana"), Some("dana"));
        assert_eq!(handle("@abcdefghijklmnopqrstu"), None);
        assert_eq!(legacy_conversation("/messages/12-34/info"), Some("12-34"));
        assert_eq!(legacy_conversation("/messages/12-"), None);
        assert_eq!(chat_conversation("/i/chat/g123"), Some("g123"));
        assert_eq!(chat_conversation("/i/chat/1:2?x"), Some("1:2"));
        let reference = Reference::new();
        for text in [
            "https://x.com/dana/status/17/analytics",
            "http://twitter.com/a/status/1",
            "https://x.com?q/a/status/1",
            "/a/",
            "/a?\n",
            "/a#x",
            "@",
            "",
            "/i/chat/",
            "/messages/1-2-3",
        ] {
            reference.check(text);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        /// Links and texts built from the pieces of these shapes (and the
        /// characters at their edges) read as the regexes read them.
        #[test]
        fn agree_with_the_regexes(
            pieces in prop::collection::vec(
                prop::sample::select(vec![
                    "https://", "http://", "x.com", "/", "status", "/status/", "messages",
                    "/messages/", "/i/chat/", "@", "dana", "a_b", "Z", "9", "0042", "-", ":",
                    "?", "#", ".", "\n", "é", "abcdefghijklmnopqrst", "u",
                ]),
                0..9,
            )
        ) {
            Reference::new().check(&pieces.concat());
        }
    }
}
