//! Required elements: a greeting that uses the customer's name, the agent's
//! signature (`*KL`), and an apology or empathy phrase when the customer's
//! message is negative.

use super::{is_whole_words, phrase_pattern, Draft, PhraseSet, Rule, RuleHeader};
use crate::tone::finding::{Finding, Severity};
use crate::tone::policy::PolicyError;
use crate::tone::wording;
use regex::Regex;
use serde::Deserialize;

/// `[required.greeting]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GreetingConfig {
    /// Rule id; default `required.greeting`.
    #[serde(default = "greeting_id")]
    pub id: String,
    /// Words a reply may open with (`Hi`, `Hello`…).
    #[serde(default = "greeting_words")]
    pub words: Vec<String>,
    /// Whether the greeting must use the customer's first name when it is known; default true.
    #[serde(default = "yes")]
    pub use_name: bool,
    /// Default `warn`.
    #[serde(default = "warn")]
    pub severity: Severity,
}

/// `[required.signature]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureConfig {
    /// Rule id; default `required.signature`.
    #[serde(default = "signature_id")]
    pub id: String,
    /// How the reply must end; `{initials}` stands for the agent's initials. Default `*{initials}`.
    #[serde(default = "signature_format")]
    pub format: toml::Spanned<String>,
    /// Default `warn`.
    #[serde(default = "warn")]
    pub severity: Severity,
}

/// `[required.empathy]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmpathyConfig {
    /// Rule id; default `required.empathy`.
    #[serde(default = "empathy_id")]
    pub id: String,
    /// Phrases that count as apology or empathy.
    #[serde(default = "empathy_phrases")]
    pub phrases: Vec<toml::Spanned<String>>,
    /// The sentence suggested when none is there.
    #[serde(default = "empathy_suggestion")]
    pub suggestion: String,
    /// Default `warn`.
    #[serde(default = "warn")]
    pub severity: Severity,
}

/// `[required]`: the elements every reply must have.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredConfig {
    /// The greeting, if required.
    pub greeting: Option<GreetingConfig>,
    /// The signature, if required.
    pub signature: Option<SignatureConfig>,
    /// Empathy on negative messages, if required.
    pub empathy: Option<EmpathyConfig>,
}

fn yes() -> bool {
    true
}
fn warn() -> Severity {
    Severity::Warn
}
fn greeting_id() -> String {
    "required.greeting".into()
}
fn signature_id() -> String {
    "required.signature".into()
}
fn empathy_id() -> String {
    "required.empathy".into()
}
fn greeting_words() -> Vec<String> {
    [
        "Hi",
        "Hello",
        "Hey",
        "Dear",
        "Good morning",
        "Good afternoon",
        "Good evening",
    ]
    .map(String::from)
    .to_vec()
}
fn signature_format() -> toml::Spanned<String> {
    toml::Spanned::new(0..0, "*{initials}".into())
}
fn empathy_phrases() -> Vec<toml::Spanned<String>> {
    [
        "sorry",
        "apologize",
        "apologise",
        "apologies",
        "understand",
        "frustrating",
    ]
    .map(|phrase| toml::Spanned::new(0..0, phrase.to_owned()))
    .to_vec()
}
fn empathy_suggestion() -> String {
    "I'm sorry about this.".into()
}

/// Where a reply's opening is: past leading @mentions and spaces, up to the
/// first comma, full stop, exclamation mark, question mark or line break.
struct Opening {
    start: usize,
    end: usize,
    /// Where the body starts (past the opening's punctuation and spaces).
    body_start: usize,
}

fn opening(text: &str) -> Opening {
    let mut start = 0;
    let mut rest = text;
    loop {
        let trimmed = rest.trim_start();
        start += rest.len() - trimmed.len();
        rest = trimmed;
        if !rest.starts_with('@') {
            break;
        }
        let handle_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        start += handle_len;
        rest = &rest[handle_len..];
    }
    let end = start
        + rest
            .find([',', '.', '!', '?', '\n', '—', ';'])
            .unwrap_or(rest.len());
    let after = &text[end..];
    let body_offset = after
        .find(|c: char| !(c.is_whitespace() || matches!(c, ',' | '!' | '.' | '—' | ';')))
        .unwrap_or(after.len());
    Opening {
        start,
        end,
        body_start: end + body_offset,
    }
}

/// The compiled greeting rule.
pub struct GreetingRule {
    header: RuleHeader,
    words: Regex,
    first_word: String,
    use_name: bool,
}

impl GreetingConfig {
    /// Compiles the greeting words.
    pub fn compile(self) -> Result<GreetingRule, PolicyError> {
        // Longest first: whole words are checked after the first match.
        let mut sorted: Vec<&String> = self.words.iter().collect();
        sorted.sort_by_key(|word| std::cmp::Reverse(word.chars().count()));
        let alternatives: Vec<String> = sorted
            .iter()
            .map(|word| phrase_pattern(word, false))
            .collect();
        let words =
            Regex::new(&format!("(?i)^(?:{})", alternatives.join("|"))).map_err(|error| {
                PolicyError::without_position(&format!("bad greeting word: {error}"))
            })?;
        Ok(GreetingRule {
            header: RuleHeader {
                id: self.id,
                severity: self.severity,
            },
            words,
            first_word: self.words.first().cloned().unwrap_or_else(|| "Hi".into()),
            use_name: self.use_name,
        })
    }
}

impl Rule for GreetingRule {
    fn check(&self, draft: &Draft<'_>, out: &mut Vec<Finding>) {
        let text = draft.text;
        let open = opening(text);
        let name = draft
            .context
            .customer
            .first_name()
            .filter(|_| self.use_name);
        let greeting = match name {
            Some(name) => format!("{} {name}", self.first_word),
            None => self.first_word.clone(),
        };
        let opening_text = &text[open.start..open.end];
        let greeted = self
            .words
            .find(opening_text)
            .is_some_and(|found| is_whole_words(opening_text, &found.range()));
        if !greeted {
            let at = open.start;
            let fix = format!("{greeting}, ");
            out.push(draft.finding(
                &self.header,
                wording::GREETING_MISSING,
                vec![greeting],
                at..at,
                Some(fix),
            ));
            return;
        }
        if let Some(name) = name {
            if !opening_text.to_lowercase().contains(&name.to_lowercase()) {
                out.push(draft.finding(
                    &self.header,
                    wording::GREETING_NAME,
                    vec![greeting.clone()],
                    open.start..open.end,
                    Some(greeting),
                ));
            }
        }
    }
}

/// The compiled signature rule.
pub struct SignatureRule {
    header: RuleHeader,
    format: String,
    any_signature: Regex,
}

impl SignatureConfig {
    /// Checks the format and compiles the pattern of any signature in it.
    pub fn compile(self, source: &str) -> Result<SignatureRule, PolicyError> {
        let format = self.format.get_ref();
        let Some((before, after)) = format.split_once("{initials}") else {
            return Err(PolicyError::at(
                source,
                self.format.span(),
                "the signature format must contain {initials}, e.g. \"*{initials}\"",
            ));
        };
        let pattern = format!(
            r"{}\p{{Lu}}{{1,4}}{}\s*$",
            regex::escape(before),
            regex::escape(after)
        );
        let any_signature = Regex::new(&pattern)
            .map_err(|error| PolicyError::at(source, self.format.span(), &error.to_string()))?;
        Ok(SignatureRule {
            header: RuleHeader {
                id: self.id,
                severity: self.severity,
            },
            format: format.clone(),
            any_signature,
        })
    }
}

impl Rule for SignatureRule {
    fn check(&self, draft: &Draft<'_>, out: &mut Vec<Finding>) {
        let text = draft.text;
        let end = text.trim_end().len();
        let expected = draft
            .context
            .agent
            .initials()
            .map(|i| self.format.replace("{initials}", &i));
        let signed = self.any_signature.find(text);
        match (expected, signed) {
            (Some(expected), Some(found)) if found.as_str().trim_end() != expected => {
                out.push(draft.finding(
                    &self.header,
                    wording::SIGNATURE_INITIALS,
                    vec![expected.clone()],
                    found.start()..end,
                    Some(expected),
                ));
            }
            (Some(expected), None) => {
                let fix = format!(" {expected}");
                out.push(draft.finding(
                    &self.header,
                    wording::SIGNATURE_MISSING,
                    vec![expected],
                    end..end,
                    Some(fix),
                ));
            }
            (None, None) => {
                out.push(draft.finding(
                    &self.header,
                    wording::SIGNATURE_FORMAT,
                    vec![self.format.clone()],
                    end..end,
                    None,
                ));
            }
            _ => {}
        }
    }
}

/// The compiled empathy rule.
pub struct EmpathyRule {
    header: RuleHeader,
    phrases: PhraseSet,
    suggestion: String,
}

impl EmpathyConfig {
    /// Compiles the phrases into one pattern.
    pub fn compile(self, source: &str) -> Result<EmpathyRule, PolicyError> {
        if self.phrases.is_empty() {
            return Err(PolicyError::without_position(
                "required.empathy needs at least one phrase",
            ));
        }
        let spanned: Vec<(&toml::Spanned<String>, bool)> =
            self.phrases.iter().map(|p| (p, true)).collect();
        Ok(EmpathyRule {
            header: RuleHeader {
                id: self.id,
                severity: self.severity,
            },
            phrases: PhraseSet::new(source, &spanned)?,
            suggestion: self.suggestion,
        })
    }
}

impl Rule for EmpathyRule {
    fn check(&self, draft: &Draft<'_>, out: &mut Vec<Finding>) {
        if !draft.customer_is_negative || self.phrases.is_match(draft.text) {
            return;
        }
        let open = opening(draft.text);
        // Right after a short greeting clause (`Hi Ana,`), else at the start.
        let greeting_words = draft.text[open.start..open.end].split_whitespace().count();
        let is_greeting = greeting_words <= 3 && draft.text[open.end..].starts_with(',');
        let at = if is_greeting {
            open.body_start
        } else {
            open.start
        };
        out.push(draft.finding(
            &self.header,
            wording::EMPATHY,
            vec![self.suggestion.clone()],
            at..at,
            Some(format!("{} ", self.suggestion)),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_skips_mentions_and_stops_at_punctuation() {
        let text = "@acme @ana  Hi Ana, thanks!";
        let open = opening(text);
        assert_eq!(&text[open.start..open.end], "Hi Ana");
        assert_eq!(&text[open.body_start..], "thanks!");
    }
}
