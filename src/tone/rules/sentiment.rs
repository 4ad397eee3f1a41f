//! The reply's own sentiment: a reply must not read more negative than the
//! lead's floor (VADER compound score, from the care intelligence).

use super::{compound_sentiment, Draft, Rule, RuleHeader};
use crate::tone::finding::{Finding, Severity, WordingValue};
use crate::tone::wording;
use serde::Deserialize;

/// `[style.sentiment]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SentimentConfig {
    /// Rule id; default `style.sentiment`.
    #[serde(default = "sentiment_id")]
    pub id: String,
    /// Lowest compound score (−1 to 1) a reply may have; default −0.3.
    #[serde(default = "floor")]
    pub min_compound: f64,
    /// Default `warn`.
    #[serde(default = "warn")]
    pub severity: Severity,
}

fn sentiment_id() -> String {
    "style.sentiment".into()
}
fn floor() -> f64 {
    -0.3
}
fn warn() -> Severity {
    Severity::Warn
}

/// The compiled sentiment-floor rule.
pub struct SentimentRule {
    header: RuleHeader,
    min_compound: f64,
}

impl SentimentConfig {
    /// Compiles the rule.
    pub fn compile(self) -> SentimentRule {
        SentimentRule {
            header: RuleHeader {
                id: self.id,
                severity: self.severity,
            },
            min_compound: self.min_compound,
        }
    }
}

impl Rule for SentimentRule {
    fn check(&self, draft: &Draft<'_>, out: &mut Vec<Finding>) {
        let compound = compound_sentiment(draft.text);
        if compound < self.min_compound {
            let values = [
                WordingValue::decimal(compound, 2),
                WordingValue::decimal(self.min_compound, 2),
            ];
            out.push(draft.finding(
                &self.header,
                wording::SENTIMENT,
                values,
                0..draft.text.len(),
                None,
            ));
        }
    }
}
