//! twitter-text's regexes as `tests/tone/gen_twitter_text_patterns.mjs`
//! translates them for the `regex` crate: each look-ahead became a capture
//! group that reads the character after it (or the end of the text), placed
//! where nothing is matched after it. A match that took such a group really
//! ends where the group starts, and the next search starts there, as
//! JavaScript's would from `lastIndex`.

use regex::{Captures, Regex};
use std::ops::Range;

/// A translated pattern and the capture groups its look-aheads became.
pub(super) struct JsPattern {
    regex: Regex,
    lookaheads: &'static [usize],
}

impl JsPattern {
    /// Compiles a generated pattern with its `_LOOKAHEADS` groups.
    pub(super) fn new(pattern: &str, lookaheads: &'static [usize]) -> Self {
        // The patterns are generated and tested: failing to compile is a bug.
        let regex = Regex::new(pattern).expect("twitter-text pattern compiles");
        Self { regex, lookaheads }
    }

    /// The first match in `haystack` at or after byte `start` (what comes
    /// before it is seen by `^`), with where it really ends (the groups
    /// around a look-ahead's group end past it too: only their starts hold).
    pub(super) fn captures_at<'h>(
        &self,
        haystack: &'h str,
        start: usize,
    ) -> Option<(Captures<'h>, usize)> {
        let captures = self.regex.captures_at(haystack, start)?;
        let end = match self
            .lookaheads
            .iter()
            .find_map(|&group| captures.get(group))
        {
            Some(lookahead) => lookahead.start(),
            None => captures.get(0)?.end(),
        };
        Some((captures, end))
    }

    /// Every match of `haystack` in order, as a global JavaScript search
    /// finds them (none is empty).
    pub(super) fn find_iter<'a>(
        &'a self,
        haystack: &'a str,
    ) -> impl Iterator<Item = Range<usize>> + 'a {
        let mut at = 0;
        std::iter::from_fn(move || {
            let (captures, end) = self.captures_at(haystack, at)?;
            let start = captures.get(0)?.start();
            at = end;
            (start < end).then_some(start..end)
        })
    }

    /// Whether the pattern matches somewhere in `haystack`.
    pub(super) fn is_match(&self, haystack: &str) -> bool {
        self.regex.is_match(haystack)
    }
}
