//! URL recognition exactly as twitter-text v3 (`extractUrlsWithIndices`) does
//! it, with its own regexes (`twitter_text_patterns`, generated from the npm
//! package): with or without `http(s)://`, a host ending in a TLD of its
//! lists, an optional port, path and query. X counts every such URL as 23, and
//! the links rule checks their hosts against the lead's allowed domains.

use super::js_pattern::JsPattern;
use super::twitter_text_patterns as patterns;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// The longest a URL may be, protocol included twice as twitter-text counts it.
const MAX_URL_LENGTH: usize = 4096;
/// The longest slug of a t.co URL; a longer one is no URL at all.
const MAX_TCO_SLUG_LENGTH: usize = 40;
/// The longest a host label may be once punycode-encoded (RFC 1035).
const MAX_DOMAIN_LABEL_LENGTH: usize = 63;
/// The protocol twitter-text assumes for a URL written without one.
const DEFAULT_PROTOCOL: &str = "https://";
/// The prefix of a punycode-encoded label.
const PUNYCODE_PREFIX: &str = "xn--";

/// A URL found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundUrl {
    /// Byte range of the whole URL in the text.
    pub range: Range<usize>,
    /// Byte range of the host (`www.example.com`) in the text.
    pub host: Range<usize>,
    /// Whether the URL was written with `http://` or `https://`.
    pub has_protocol: bool,
    /// How many UTF-16 code units twitter-text steps over when it counts the
    /// URL as 23: the length of its URL string, which is shorter than `range`
    /// when a protocol-less URL's domain goes on past its last ASCII part.
    pub counted_utf16_len: usize,
}

/// twitter-text's regexes, compiled once.
struct Patterns {
    url_host: JsPattern,
    url_tail: Regex,
    valid_ascii_domain: JsPattern,
    valid_tco_url: Regex,
}

fn compile(pattern: &str) -> Regex {
    // The patterns are generated and tested: failing to compile is a bug.
    Regex::new(pattern).expect("twitter-text pattern compiles")
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| Patterns {
        url_host: JsPattern::new(
            patterns::EXTRACT_URL_HOST,
            &patterns::EXTRACT_URL_HOST_LOOKAHEADS,
        ),
        url_tail: compile(patterns::EXTRACT_URL_TAIL),
        valid_ascii_domain: JsPattern::new(
            patterns::VALID_ASCII_DOMAIN,
            &patterns::VALID_ASCII_DOMAIN_LOOKAHEADS,
        ),
        valid_tco_url: compile(patterns::VALID_TCO_URL),
    })
}

fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// The ranges of `domain` that twitter-text's `validAsciiDomain` matches, in
/// order; `lowercase_domain` is `domain` with its ASCII letters lowercased.
fn ascii_domains(domain: &str, lowercase_domain: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut search_from = 0;
    for matched in patterns().valid_ascii_domain.find_iter(lowercase_domain) {
        // twitter-text locates each match with `indexOf` from the previous end.
        let text = &domain[matched];
        let Some(offset) = domain[search_from..].find(text) else {
            break;
        };
        let start = search_from + offset;
        search_from = start + text.len();
        found.push(start..search_from);
    }
    found
}

/// The length of a label once punycode-encoded as punycode.js 1.4.1's
/// `toASCII` does it (it splits on the four RFC 3490 dots), or `None` when it
/// cannot be encoded.
fn encoded_label_len(label: &str) -> Option<usize> {
    let mut length = 0;
    for (index, part) in label
        .split(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}'])
        .enumerate()
    {
        length += usize::from(index > 0);
        if part.chars().all(|c| matches!(c, '\x20'..='\x7E')) {
            length += part.len();
        } else {
            length += PUNYCODE_PREFIX.len() + punycode::encode(part).ok()?.len();
        }
    }
    Some(length)
}

/// twitter-text's `idna.toAscii` check: a `xn--` domain must be ASCII, and
/// every label is 1 to 63 characters once punycode-encoded.
fn domain_is_valid(domain: &str, lowercase_domain: &str) -> bool {
    if domain.starts_with(PUNYCODE_PREFIX)
        && !patterns().valid_ascii_domain.is_match(lowercase_domain)
    {
        return false;
    }
    domain.split('.').all(|label| {
        encoded_label_len(label)
            .is_some_and(|length| (1..=MAX_DOMAIN_LABEL_LENGTH).contains(&length))
    })
}

/// Every URL in `text`, in order, as twitter-text's `extractUrlsWithIndices`
/// finds them.
pub fn find_urls(text: &str) -> Vec<FoundUrl> {
    let mut found = Vec::new();
    if !may_hold_host(text) {
        return found;
    }
    // The patterns match case-insensitively on ASCII-lowercased text (same byte offsets).
    let lowercase = text.to_ascii_lowercase();
    for window in url_windows(text) {
        find_urls_in(text, &lowercase, window, &mut found);
    }
    found
}

/// Whether `text` has a `.` followed by what can begin a TLD: an ASCII letter
/// or a non-ASCII character (twitter-text's TLDs and `xn--` all begin so, and
/// every host ends in `.` and a TLD).
fn may_hold_host(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|pair| pair[0] == b'.' && (pair[1].is_ascii_alphabetic() || !pair[1].is_ascii()))
}

/// The parts of `text` that can hold a URL, in order: each run between ASCII
/// whitespace that [may hold a host](may_hold_host), widened by the character
/// before it (twitter-text's "preceding character") and the one after it
/// (all its lookaheads read). No URL spans ASCII whitespace — the host, port,
/// path and query characters of twitter-text's regex exclude it — so the
/// regex, which would otherwise try a match at every position of the text,
/// runs on these windows only and finds the same URLs.
fn url_windows(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split(|c: char| c.is_ascii_whitespace())
        .filter_map(move |run| {
            let run_range = start..start + run.len();
            start = run_range.end + 1;
            may_hold_host(run)
                .then(|| run_range.start.saturating_sub(1)..(run_range.end + 1).min(text.len()))
        })
}

/// The URLs that lie in `window` of `text` (`lowercase`: the text
/// ASCII-lowercased), appended to `found` with their offsets in `text`.
/// twitter-text's URL regex runs in two parts: up to the end of the host
/// (where its TLD's look-ahead ends the match), then its port, path and
/// query from there.
fn find_urls_in(text: &str, lowercase: &str, window: Range<usize>, found: &mut Vec<FoundUrl>) {
    let base = window.start;
    let haystack = &lowercase[window];
    let in_text = |matched: regex::Match<'_>| base + matched.start()..base + matched.end();
    let mut search_from = 0;
    while let Some((host, domain_end)) = patterns().url_host.captures_at(haystack, search_from) {
        let (Some(url), Some(domain)) = (host.get(3), host.get(5)) else {
            break;
        };
        // The tail's groups are all optional: it always matches, maybe empty.
        let tail = patterns().url_tail.captures(&haystack[domain_end..]);
        let tail_end = tail
            .as_ref()
            .and_then(|tail| tail.get(0))
            .map_or(0, |whole| whole.end());
        search_from = domain_end + tail_end;
        let url = base + url.start()..base + search_from;
        let domain = base + domain.start()..base + domain_end;
        let before = host.get(2).map_or("", |before| &text[in_text(before)]);
        let protocol = host.get(4).map(|protocol| &text[in_text(protocol)]);
        let has_path = tail
            .and_then(|tail| tail.get(2))
            .is_some_and(|path| !path.is_empty());
        let url_text = &text[url.clone()];
        let domain_text = &text[domain.clone()];
        let lowercase_domain = &lowercase[domain.clone()];
        let url_units = utf16_len(url_text);
        if !domain_is_valid(domain_text, lowercase_domain)
            || utf16_len(protocol.unwrap_or(DEFAULT_PROTOCOL)) + url_units > MAX_URL_LENGTH
        {
            continue;
        }
        if protocol.is_some() {
            found.extend(url_with_protocol(lowercase, url, domain, url_units));
            continue;
        }
        if before.ends_with(['-', '_', '.', '/']) {
            continue;
        }
        // Without a protocol, only the ASCII parts of the domain are URLs; the
        // last one takes the port and path along.
        let ascii = ascii_domains(domain_text, lowercase_domain);
        let count = ascii.len();
        for (index, part) in ascii.into_iter().enumerate() {
            let host = domain.start + part.start..domain.start + part.end;
            let is_last = index + 1 == count;
            let (end, counted) = if is_last && has_path {
                (
                    url.end,
                    url_units - utf16_len(domain_text) + utf16_len(&text[host.clone()]),
                )
            } else {
                (host.end, utf16_len(&text[host.clone()]))
            };
            found.push(FoundUrl {
                range: host.start..end,
                host,
                has_protocol: false,
                counted_utf16_len: counted,
            });
        }
    }
}

/// A URL written with its protocol; a t.co URL ends with its slug and
/// query, and one whose slug is too long is no URL.
fn url_with_protocol(
    lowercase: &str,
    url: Range<usize>,
    domain: Range<usize>,
    url_units: usize,
) -> Option<FoundUrl> {
    let mut end = url.end;
    let mut counted = url_units;
    if let Some(tco) = patterns().valid_tco_url.captures(&lowercase[url.clone()]) {
        let slug = tco.get(1).map_or(0, |slug| slug.len());
        if slug > MAX_TCO_SLUG_LENGTH {
            return None;
        }
        let matched = tco.get(0)?.range();
        end = url.start + matched.end;
        counted = utf16_len(&lowercase[url.start..end]);
    }
    Some(FoundUrl {
        range: url.start..end,
        host: domain,
        has_protocol: true,
        counted_utf16_len: counted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The URLs the regex finds scanning the whole text, as it did before the windows.
    fn scanning_everything(text: &str) -> Vec<FoundUrl> {
        let mut found = Vec::new();
        find_urls_in(text, &text.to_ascii_lowercase(), 0..text.len(), &mut found);
        found
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        /// Running the regex on the windows around dotted runs finds exactly what scanning the whole text finds.
        #[test]
        fn windows_find_what_a_whole_scan_finds(
            parts in prop::collection::vec(prop::sample::select(vec![
                "https://", "http://", "www.", "example", ".com", ".co.uk", ".xyz", ".invalidtld", "t.co/abc",
                "/path", "?q=1", ":8080", "@", "#", "-", "_", ".", ",", "(", ")", " ", "\n", "\t", "\u{3000}",
                "例子", "ñ", "é", "😀", "\u{200F}", "a", "1",
            ]), 0..24)
        ) {
            let text = parts.concat();
            prop_assert_eq!(find_urls(&text), scanning_everything(&text));
        }
    }

    #[test]
    fn windows_start_and_end_at_the_text_and_its_whitespace() {
        for text in [
            "example.com",
            "example.com\n",
            "\texample.com/x y.com",
            "a.com,b.com\tc.com",
            "see https://x.com/a. and www.y.org\n",
        ] {
            assert_eq!(find_urls(text), scanning_everything(text), "{text:?}");
        }
        assert_eq!(urls("a.com,b.com\tc.com"), ["a.com", "b.com", "c.com"]);
    }

    fn urls(text: &str) -> Vec<&str> {
        find_urls(text)
            .into_iter()
            .map(|url| &text[url.range])
            .collect()
    }

    #[test]
    fn finds_urls_with_and_without_protocol() {
        assert_eq!(
            urls("see https://example.com/a?b=c."),
            ["https://example.com/a?b=c"]
        );
        assert_eq!(urls("go to www.example.com, then"), ["www.example.com"]);
        assert_eq!(
            urls("Test https://test.com test test.com"),
            ["https://test.com", "test.com"]
        );
        assert_eq!(urls("(see example.com/path)"), ["example.com/path"]);
    }

    #[test]
    fn rejects_unknown_tlds_emails_and_bad_labels() {
        assert!(urls("file.invalidtld and notes.txtx").is_empty());
        assert!(urls("mail john.doe@example.com").is_empty());
        assert!(urls("http://www.-domain4352.com/").is_empty());
        assert!(urls("http://domain-dash_2314352345_dfasd.foo-cow_4352.com").is_empty());
        assert_eq!(
            urls("http://test_underscore.twitter.com"),
            ["http://test_underscore.twitter.com"]
        );
    }

    #[test]
    fn protocol_less_urls_keep_only_their_ascii_domain() {
        // The port of a protocol-less URL without a path is not part of it.
        assert_eq!(urls("example.com:8080 x"), ["example.com"]);
        assert_eq!(urls("例子.example.com/path"), ["example.com/path"]);
        assert!(urls("-example.com").is_empty());
    }

    #[test]
    fn tco_urls_end_after_their_slug() {
        assert_eq!(urls("https://t.co/abc123/extra"), ["https://t.co/abc123"]);
        assert!(urls(&format!("https://t.co/{}", "a".repeat(41))).is_empty());
    }

    #[test]
    fn host_range_points_at_the_host() {
        let text = "at HTTPS://Help.Example.com:8080/x";
        let url = &find_urls(text)[0];
        assert_eq!(&text[url.host.clone()], "Help.Example.com");
        assert_eq!(&text[url.range.clone()], "HTTPS://Help.Example.com:8080/x");
    }
}
