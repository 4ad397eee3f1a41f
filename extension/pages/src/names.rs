//! The model's values in the agent's language, for the pages and the
//! console: the same `common_…` message wherever a role or an intent is
//! shown, and a tone finding by its wording.

use crate::format;
use crate::i18n::{t, t_with};
use socialcare::care::Intent;
use socialcare::model::Role;
use socialcare::tone::{Finding, WordingValue};

/// A member's role (`agent`, `lead`, `admin` in English).
pub fn role_name(role: Role) -> String {
    t(&format!("common_role_{}", role.as_str()))
}

/// What the customer wants (`Complaint`, `Feature request` in English).
pub fn intent_name(intent: Intent) -> String {
    t(&format!("common_intent_{}", intent.as_str()))
}

/// What a tone finding says, in the agent's language: its wording through
/// the catalogue (`extension/locales/*/tone.json`), its English message
/// where the catalogue lacks the key.
pub fn finding_message(finding: &Finding) -> String {
    let values: Vec<String> = finding.wording.values.iter().map(value_said).collect();
    let values: Vec<&str> = values.iter().map(String::as_str).collect();
    let said = t_with(&finding.wording.key, &values);
    if said == finding.wording.key {
        finding.message.clone()
    } else {
        said
    }
}

/// One value of a finding's wording as the agent's language writes it: text
/// as it is, a number through `Intl` with the decimals it was given
/// (`12.3` → `12,3` in French, `63206` → `63,206` in English).
fn value_said(value: &WordingValue) -> String {
    match value {
        WordingValue::Text(text) => text.clone(),
        WordingValue::Number { number } => {
            let decimals = number
                .split_once('.')
                .map_or(0, |(_, fraction)| fraction.len());
            match number.parse() {
                Ok(parsed) => format::decimal(parsed, decimals as u32),
                Err(_) => number.clone(),
            }
        }
    }
}
