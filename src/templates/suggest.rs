//! Suggestions: given a customer's post (and the care intelligence's intent
//! and language when known), rank the approved templates by BM25 text
//! relevance, intent match and language match, and say why.

use super::format::{ApprovalState, Template};
use super::placeholder::Segment;
use crate::care::Intent;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

/// BM25's term-frequency saturation.
const K1: f64 = 1.2;
/// BM25's length normalisation.
const B: f64 = 0.75;
/// Weight of text relevance (BM25, scaled to the best match) in the score.
const TEXT_WEIGHT: f64 = 0.6;
/// Weight of an intent match.
const INTENT_WEIGHT: f64 = 0.3;
/// Weight of a language match.
const LANGUAGE_WEIGHT: f64 = 0.1;

/// Words too common to tell templates apart.
const STOPWORDS: &[&str] = &[
    "a", "about", "all", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
    "can", "could", "did", "do", "does", "for", "from", "get", "got", "had", "has", "have", "he",
    "her", "here", "hi", "how", "i", "if", "im", "in", "is", "it", "its", "just", "me", "my", "no",
    "not", "of", "on", "or", "our", "please", "so", "that", "the", "their", "them", "there",
    "they", "this", "to", "us", "was", "we", "were", "what", "when", "where", "which", "who",
    "why", "will", "with", "would", "you", "your", "yours", "hello", "hey", "thanks", "thank",
];

/// What is known about the customer's post.
#[derive(Debug, Clone, Default)]
pub struct SuggestQuery<'a> {
    /// The post's text.
    pub text: &'a str,
    /// The intent the care intelligence read, if any.
    pub intent: Option<Intent>,
    /// The post's language (ISO 639-1), if known.
    pub language: Option<&'a str>,
}

/// One suggested template.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The template's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The combined score in [0, 1].
    pub score: f64,
    /// Why it was suggested.
    pub why: Vec<Why>,
}

/// One reason a template is suggested for a post: data, so each reader says
/// it in its own words (the CLI in English through `Display`, the side panel
/// in the agent's language).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Why {
    /// The post and the template share these words (spelled as the post spells them).
    WordsInCommon {
        /// The shared words, the strongest match first.
        words: Vec<String>,
    },
    /// The template answers the intent the post was read as.
    AnswersIntent {
        /// That intent.
        intent: Intent,
    },
    /// The template has a body in the post's language.
    SameLanguage {
        /// The language's code (`en`, `es`, …).
        language: String,
    },
}

impl fmt::Display for Why {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Why::WordsInCommon { words } => write!(out, "words in common: {}", words.join(", ")),
            Why::AnswersIntent { intent } => {
                write!(out, "answers the post's intent ({})", intent_name(*intent))
            }
            Why::SameLanguage { language } => write!(out, "same language ({language})"),
        }
    }
}

/// Suggestions for a customer's post as `socialcare suggest` prints them and
/// the extension receives them: what the care intelligence read, then the
/// ranked templates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostSuggestions {
    /// The post's intent, read by the care intelligence.
    pub intent: Intent,
    /// The post's language (ISO 639-1), when it could be told.
    pub language: Option<String>,
    /// The best templates, best first.
    pub suggestions: Vec<Suggestion>,
}

/// Lower-cased words with a light English stemming, stopwords removed.
pub fn terms(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| stem(&word.to_lowercase()))
        .filter(|word| !STOPWORDS.contains(&word.as_str()) && word.chars().count() > 1)
        .collect()
}

/// Strips common English suffixes so `refunds`, `refunded` and `refunding` meet.
fn stem(word: &str) -> String {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.chars().count() >= 3 && !word.ends_with("ss") {
                return stem.to_owned();
            }
        }
    }
    word.to_owned()
}

fn intent_name(intent: Intent) -> String {
    serde_json::to_value(intent)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The words a template is found by: title and tags (counted twice), intents and bodies.
fn document_terms(template: &Template) -> Vec<String> {
    let mut text = format!("{0} {0} {1} {1}", template.name, template.tags.join(" "));
    for intent in &template.intents {
        text.push(' ');
        text.push_str(&intent_name(*intent).replace('_', " "));
    }
    for segments in template.all_segments() {
        for segment in segments {
            if let Segment::Text(literal) = segment {
                text.push(' ');
                text.push_str(literal);
            }
        }
    }
    terms(&text)
}

/// The approved templates ranked for a post, best first, at most `k`.
pub fn suggest(templates: &[Template], query: &SuggestQuery<'_>, k: usize) -> Vec<Suggestion> {
    let offered: Vec<&Template> = templates
        .iter()
        .filter(|t| t.state == ApprovalState::Approved)
        .collect();
    if offered.is_empty() || k == 0 {
        return Vec::new();
    }
    let documents: Vec<Vec<String>> = offered.iter().map(|t| document_terms(t)).collect();
    let average_length =
        documents.iter().map(Vec::len).sum::<usize>() as f64 / documents.len() as f64;
    let mut document_frequency: HashMap<&str, usize> = HashMap::new();
    for document in &documents {
        let mut unique: Vec<&str> = document.iter().map(String::as_str).collect();
        unique.sort_unstable();
        unique.dedup();
        for term in unique {
            *document_frequency.entry(term).or_default() += 1;
        }
    }
    let mut query_terms = terms(query.text);
    query_terms.sort_unstable();
    query_terms.dedup();
    // The post's own words, to explain matches with them rather than stems.
    let mut spelled: HashMap<String, String> = HashMap::new();
    for word in query.text.split(|c: char| !c.is_alphanumeric()) {
        let lower = word.to_lowercase();
        spelled.entry(stem(&lower)).or_insert(lower);
    }
    let count = documents.len() as f64;
    let bm25: Vec<(f64, Vec<&str>)> = documents
        .iter()
        .map(|document| {
            let mut score = 0.0;
            let mut matched = Vec::new();
            for term in &query_terms {
                let frequency = document.iter().filter(|t| *t == term).count() as f64;
                if frequency == 0.0 {
                    continue;
                }
                let df = document_frequency.get(term.as_str()).copied().unwrap_or(0) as f64;
                let idf = ((count - df + 0.5) / (df + 0.5) + 1.0).ln();
                let norm = K1 * (1.0 - B + B * document.len() as f64 / average_length);
                score += idf * frequency * (K1 + 1.0) / (frequency + norm);
                matched.push(term.as_str());
            }
            (score, matched)
        })
        .collect();
    let best = bm25.iter().map(|(score, _)| *score).fold(0.0, f64::max);
    let mut suggestions: Vec<Suggestion> = offered
        .iter()
        .zip(bm25)
        .map(|(template, (text_score, matched))| {
            let relevance = if best > 0.0 { text_score / best } else { 0.0 };
            let mut why = Vec::new();
            if !matched.is_empty() {
                let words = matched
                    .iter()
                    .map(|term| spelled.get(*term).map_or(*term, String::as_str).to_owned())
                    .collect();
                why.push(Why::WordsInCommon { words });
            }
            let intent_match = query
                .intent
                .is_some_and(|intent| template.intents.contains(&intent));
            if let (true, Some(intent)) = (intent_match, query.intent) {
                why.push(Why::AnswersIntent { intent });
            }
            let language_score = match query.language {
                Some(language)
                    if template
                        .languages()
                        .iter()
                        .any(|own| language.eq_ignore_ascii_case(own)) =>
                {
                    why.push(Why::SameLanguage {
                        language: language.to_owned(),
                    });
                    1.0
                }
                Some(_) => 0.0,
                None => 0.5,
            };
            let score = TEXT_WEIGHT * relevance
                + INTENT_WEIGHT * f64::from(u8::from(intent_match))
                + LANGUAGE_WEIGHT * language_score;
            Suggestion {
                id: template.id.clone(),
                title: template.name.clone(),
                score,
                why,
            }
        })
        .filter(|suggestion| suggestion.score > LANGUAGE_WEIGHT)
        .collect();
    suggestions.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    suggestions.truncate(k);
    for suggestion in &mut suggestions {
        suggestion.score = (suggestion.score * 1000.0).round() / 1000.0;
    }
    suggestions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_stem_and_drop_stopwords() {
        assert_eq!(
            terms("I was charged TWICE for my refunds!"),
            ["charg", "twice", "refund"]
        );
    }
}
