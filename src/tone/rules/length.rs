//! Length per platform: X's weighted length (twitter-text v3) against 280,
//! Facebook's and Instagram's code points against the lead's limits.

use super::{Draft, Rule, RuleHeader};
use crate::model::Platform;
use crate::tone::finding::{Finding, Severity, WordingValue};
use crate::tone::length::{code_point_length, default_limit, x_weighted_length_with_urls};
use crate::tone::wording;
use serde::Deserialize;

/// `[length]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LengthConfig {
    /// Rule id; default `length`.
    #[serde(default = "length_id")]
    pub id: String,
    /// Facebook's limit in characters; default 8000.
    pub facebook: Option<usize>,
    /// Instagram's limit in characters; default 2200.
    pub instagram: Option<usize>,
    /// Default `block`.
    #[serde(default = "block")]
    pub severity: Severity,
}

impl Default for LengthConfig {
    fn default() -> Self {
        LengthConfig {
            id: length_id(),
            facebook: None,
            instagram: None,
            severity: block(),
        }
    }
}

fn length_id() -> String {
    "length".into()
}
fn block() -> Severity {
    Severity::Block
}

/// The compiled length rule.
pub struct LengthRule {
    header: RuleHeader,
    facebook: usize,
    instagram: usize,
}

impl LengthConfig {
    /// Resolves the limits.
    pub fn compile(self) -> LengthRule {
        LengthRule {
            header: RuleHeader {
                id: self.id,
                severity: self.severity,
            },
            facebook: self.facebook.unwrap_or(default_limit(Platform::Facebook)),
            instagram: self.instagram.unwrap_or(default_limit(Platform::Instagram)),
        }
    }
}

impl LengthRule {
    /// The limit on `platform`.
    pub fn limit(&self, platform: Platform) -> usize {
        match platform {
            Platform::X => default_limit(Platform::X),
            Platform::Facebook => self.facebook,
            Platform::Instagram => self.instagram,
        }
    }
}

impl Rule for LengthRule {
    fn check(&self, draft: &Draft<'_>, out: &mut Vec<Finding>) {
        let limit = self.limit(draft.platform);
        let length = match draft.platform {
            Platform::X => x_weighted_length_with_urls(draft.text, draft.urls()),
            Platform::Facebook | Platform::Instagram => code_point_length(draft.text, limit),
        };
        if let Some(overflow_at) = length.overflow_at {
            let (length, limit) = (
                WordingValue::whole(length.weighted_length),
                WordingValue::whole(limit),
            );
            let (sentence, values) = if draft.platform == Platform::X {
                (wording::LENGTH_X, vec![length, limit])
            } else {
                (
                    wording::LENGTH_CHARACTERS,
                    vec![draft.platform.name().into(), length, limit],
                )
            };
            out.push(draft.finding(
                &self.header,
                sentence,
                values,
                overflow_at..draft.text.len(),
                None,
            ));
        }
    }
}
