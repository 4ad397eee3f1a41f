//! URL recognition as twitter-text does it: with or without `http(s)://`,
//! a host whose last label is a real top-level domain, an optional port,
//! path and query. X counts every such URL as 23, and the links rule checks
//! their hosts against the lead's allowed domains.

use std::ops::Range;
use std::sync::OnceLock;

/// The top-level domains twitter-text recognises (IANA root zone).
const TLD_LIST: &str = include_str!("tlds.txt");

/// The longest a host label may be once punycode-encoded (RFC 1035).
const MAX_LABEL_LEN: usize = 63;

/// A URL found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundUrl {
    /// Byte range of the whole URL in the text.
    pub range: Range<usize>,
    /// Byte range of the host (`www.example.com`) in the text.
    pub host: Range<usize>,
    /// Whether the URL was written with `http://` or `https://`.
    pub has_protocol: bool,
}

fn tlds() -> &'static [&'static str] {
    static TLDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    TLDS.get_or_init(|| {
        let mut list: Vec<&str> = TLD_LIST
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect();
        list.sort_unstable();
        list
    })
}

fn is_tld(label: &str) -> bool {
    let lower = label.to_lowercase();
    tlds().binary_search(&lower.as_str()).is_ok()
}

/// Characters allowed inside a host label.
fn is_domain_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// The Unicode directional marks that may stand right before a URL.
fn is_directional_mark(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether a URL may start right after `previous`.
fn valid_predecessor(previous: Option<char>, has_protocol: bool) -> bool {
    match previous {
        None => true,
        Some(c) if is_directional_mark(c) => true,
        Some(c) if c.is_alphanumeric() || matches!(c, '@' | '＠' | '$' | '#' | '＃') => false,
        // twitter-text refuses a protocol-less URL glued to `-`, `_`, `.` or `/`.
        Some(c) => has_protocol || !matches!(c, '-' | '_' | '.' | '/'),
    }
}

/// Characters that may appear in a path or query.
fn is_path_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || "!*';:=+,.$/%#[]-_~&|@?()".contains(c)
    } else {
        // Latin and Cyrillic letters, and the en dash, as twitter-text allows.
        (c.is_alphabetic() && (c as u32) < 0x0530) || c == '\u{2013}'
    }
}

/// Characters a path or query may end with (anything else is trailing punctuation).
fn is_path_end_char(c: char) -> bool {
    c.is_alphanumeric() || "=_#/-+&".contains(c)
}

fn label_fits(label: &str) -> bool {
    if label.is_empty() || label.starts_with('-') || label.ends_with('-') {
        return false;
    }
    if label.is_ascii() {
        return label.len() <= MAX_LABEL_LEN;
    }
    match punycode::encode(&label.to_lowercase()) {
        Ok(encoded) => "xn--".len() + encoded.len() <= MAX_LABEL_LEN,
        Err(()) => false,
    }
}

/// Finds the host starting at `start`: returns its end, or `None` when the
/// labels there do not form a valid host with a known top-level domain.
fn parse_host(text: &str, start: usize, has_protocol: bool) -> Option<usize> {
    // Split the run of domain characters and dots into labels.
    let mut label_ends = Vec::new();
    let mut label_start = start;
    let mut position = start;
    for (offset, c) in text[start..].char_indices() {
        let at = start + offset;
        if is_domain_char(c) {
            position = at + c.len_utf8();
        } else if c == '.' && at > label_start {
            label_ends.push((label_start, at));
            label_start = at + 1;
        } else {
            break;
        }
    }
    if position > label_start {
        label_ends.push((label_start, position));
    }
    // The longest prefix of labels that ends with a known TLD wins.
    let tld_index = (1..label_ends.len())
        .rev()
        .find(|&index| is_tld(&text[label_ends[index].0..label_ends[index].1]))?;
    let labels = &label_ends[..=tld_index];
    let host_end = labels[tld_index].1;
    let host = &text[start..host_end];
    if !has_protocol && !host.is_ascii() {
        return None;
    }
    for (index, &(from, to)) in labels.iter().enumerate() {
        let label = &text[from..to];
        let is_subdomain = index + 2 <= tld_index;
        if !label_fits(label) || (!is_subdomain && label.contains('_')) {
            return None;
        }
    }
    // A protocol-less two-label ccTLD host needs a path (`foo.jp/x`),
    // except `.co` and `.tv`, as in twitter-text.
    let tld = &text[labels[tld_index].0..host_end];
    let short_cctld = !has_protocol
        && labels.len() == 2
        && tld.len() == 2
        && !matches!(tld.to_ascii_lowercase().as_str(), "co" | "tv");
    if short_cctld && !text[host_end..].starts_with('/') {
        return None;
    }
    Some(host_end)
}

/// Extends a URL past its port, path and query; returns the URL's end.
fn parse_rest(text: &str, host_end: usize) -> usize {
    let mut end = host_end;
    let rest = &text[host_end..];
    if let Some(port) = rest.strip_prefix(':') {
        let digits = port.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            end += 1 + digits;
        }
    }
    if !matches!(text[end..].chars().next(), Some('/' | '?' | '#')) {
        return end;
    }
    let mut last_good = end;
    let mut open_parens = 0i32;
    for (offset, c) in text[end..].char_indices() {
        if !is_path_char(c) {
            break;
        }
        match c {
            '(' => open_parens += 1,
            ')' if open_parens == 0 => break,
            ')' => open_parens -= 1,
            _ => {}
        }
        if is_path_end_char(c) || (c == ')' && open_parens == 0) {
            last_good = end + offset + c.len_utf8();
        }
    }
    last_good
}

fn protocol_len(text: &str, at: usize) -> Option<usize> {
    let head = text.as_bytes().get(at..at + 8)?;
    let lower = head.to_ascii_lowercase();
    if lower.starts_with(b"https://") {
        Some(8)
    } else if lower.starts_with(b"http://") {
        Some(7)
    } else {
        None
    }
}

fn protocol_len_short(text: &str, at: usize) -> Option<usize> {
    let head = text.as_bytes().get(at..at + 7)?;
    head.eq_ignore_ascii_case(b"http://").then_some(7)
}

/// Every URL in `text`, in order, as twitter-text would extract them.
pub fn find_urls(text: &str) -> Vec<FoundUrl> {
    let mut found = Vec::new();
    // URLs never contain whitespace, and every host has a dot: only look at
    // whitespace-free runs that contain one.
    let mut run_start = None;
    let mut previous: Option<char> = None;
    let mut run_previous: Option<char> = None;
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_whitespace() {
            if let Some(start) = run_start.take() {
                if text[start..at].contains('.') {
                    scan_run(text, start, at, run_previous, &mut found);
                }
            }
        } else if run_start.is_none() {
            run_start = Some(at);
            run_previous = previous;
        }
        previous = Some(c);
    }
    found
}

/// Finds the URLs inside one whitespace-free run `text[start..end]`.
fn scan_run(text: &str, start: usize, end: usize, before: Option<char>, out: &mut Vec<FoundUrl>) {
    let run = &text[..end];
    let mut previous = before;
    let mut at = start;
    while at < end {
        let c = run[at..].chars().next().unwrap_or(' ');
        let protocol = protocol_len(run, at).or_else(|| protocol_len_short(run, at));
        let has_protocol = protocol.is_some();
        if (has_protocol || is_domain_char(c)) && valid_predecessor(previous, has_protocol) {
            let host_start = at + protocol.unwrap_or(0);
            if let Some(host_end) = parse_host(run, host_start, has_protocol) {
                let url_end = parse_rest(run, host_end);
                out.push(FoundUrl {
                    range: at..url_end,
                    host: host_start..host_end,
                    has_protocol,
                });
                previous = run[..url_end].chars().next_back();
                at = url_end;
                continue;
            }
        }
        previous = Some(c);
        at += c.len_utf8();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(urls("foo.jp alone").is_empty());
        assert_eq!(urls("foo.jp/path"), ["foo.jp/path"]);
        assert_eq!(
            urls("http://test_underscore.twitter.com"),
            ["http://test_underscore.twitter.com"]
        );
    }

    #[test]
    fn host_range_points_at_the_host() {
        let text = "at HTTPS://Help.Example.com:8080/x";
        let url = &find_urls(text)[0];
        assert_eq!(&text[url.host.clone()], "Help.Example.com");
        assert_eq!(&text[url.range.clone()], "HTTPS://Help.Example.com:8080/x");
    }
}
