//! The model's values in the agent's language, for the pages and the
//! console: the same `common_…` message wherever a role or an intent is
//! shown, a tone finding by its wording, and why the store refused an action.

use crate::format::{self, number};
use crate::i18n::{t, t_count, t_with};
use crate::panel::status_select::status_label;
use socialcare::care::Intent;
use socialcare::model::Role;
use socialcare::sync::{Refusal, ScalarField};
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

/// Why the store (or the worker) refused an action, in the agent's language:
/// one whole sentence of the catalogue per kind of refusal
/// (`extension/locales/*/common.json`, `common_refusal_…`) with its values
/// filled in: statuses and roles by their names, numbers as the language
/// writes them, counts in the plural form they take; ids, field names, an
/// assignee's id and a technical detail as written.
pub fn refusal_words(refusal: &Refusal) -> String {
    let count = |value: u32| f64::from(value);
    let n = |value: u64| number(value as f64);
    match refusal {
        Refusal::NeedsRole { role, .. } => {
            t_with("common_refusal_needs_role", &[&role_name(*role)])
        }
        Refusal::BadId { field, max } => t_count(
            "common_refusal_bad_id",
            count(*max),
            &[field, &number(count(*max))],
        ),
        Refusal::TooLong { field, max } => t_count(
            "common_refusal_too_long",
            count(*max),
            &[field, &number(count(*max))],
        ),
        Refusal::EmptyNote => t("common_refusal_empty_note"),
        Refusal::Stale {
            field,
            changed_at,
            seen,
        } => {
            let key = match field {
                ScalarField::Status => "common_refusal_stale_status",
                ScalarField::Priority => "common_refusal_stale_priority",
                ScalarField::Reminder => "common_refusal_stale_reminder",
            };
            t_with(key, &[&n(*changed_at), &n(*seen)])
        }
        Refusal::NoTicket { item } => t_with("common_refusal_no_ticket", &[&item.to_string()]),
        Refusal::AuthorPlatform => t("common_refusal_author_platform"),
        Refusal::CannotBecome { from, to } => t_with(
            "common_refusal_cannot_become",
            &[&status_label(*from), &status_label(*to)],
        ),
        Refusal::NotResolved { status } => {
            t_with("common_refusal_not_resolved", &[&status_label(*status)])
        }
        Refusal::LeadReassigns => t("common_refusal_lead_reassigns"),
        Refusal::AssignedMeanwhile {
            assignee: Some(assignee),
            changed_at,
            seen,
        } => t_with(
            "common_refusal_assigned_meanwhile",
            &[assignee, &n(*changed_at), &n(*seen)],
        ),
        Refusal::AssignedMeanwhile {
            assignee: None,
            changed_at,
            seen,
        } => t_with(
            "common_refusal_unassigned_meanwhile",
            &[&n(*changed_at), &n(*seen)],
        ),
        Refusal::TooManyTags { max } => t_count(
            "common_refusal_too_many_tags",
            count(*max),
            &[&number(count(*max))],
        ),
        Refusal::ReminderTime => t("common_refusal_reminder_time"),
        Refusal::NoteExists { id } => t_with("common_refusal_note_exists", &[id]),
        Refusal::NoNote { id } => t_with("common_refusal_no_note", &[id]),
        Refusal::NotNoteAuthor => t("common_refusal_not_note_author"),
        Refusal::NoCustomer { id } => t_with("common_refusal_no_customer", &[id]),
        Refusal::NoTemplate { id } => t_with("common_refusal_no_template", &[id]),
        Refusal::NoGuideline { id } => t_with("common_refusal_no_guideline", &[id]),
        Refusal::NoVariants => t("common_refusal_no_variants"),
        Refusal::TemplateRevised {
            id,
            revision,
            reviewed,
        } => t_with(
            "common_refusal_template_revised",
            &[id, &number(count(*revision)), &number(count(*reviewed))],
        ),
        Refusal::FirstResponseMinutes { min, max } => t_count(
            "common_refusal_first_response_minutes",
            count(*max),
            &[&number(count(*min)), &number(count(*max))],
        ),
        Refusal::BusinessDays => t("common_refusal_business_days"),
        Refusal::BusinessHours => t("common_refusal_business_hours"),
        Refusal::EmptyTag => t("common_refusal_empty_tag"),
        Refusal::Unreadable { detail } => t_with("common_refusal_unreadable", &[detail]),
    }
}
