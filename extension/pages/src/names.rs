//! The model's values in the agent's language, for the pages and the
//! console: the same `common_…` message wherever a role or an intent is
//! shown, a tone finding by its wording, and why the store refused an action.

use crate::format::{self, number};
use crate::i18n::{t, t_count, t_with, ui_language};
use crate::panel::status_select::status_label;
use socialcare::care::Intent;
use socialcare::model::Role;
use socialcare::sync::{BlockedApproval, Refusal, ScalarField};
use socialcare::tone::{Finding, Wording, WordingValue};
use socialcare_views::AgentView;

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
    wording_said(&finding.wording, &finding.message)
}

/// What a rule says in the agent's language when its wording may be
/// missing (an approval problem, a refused approval): the wording's
/// sentence, else `english` as the engine or the lead wrote it.
pub fn rule_message(wording: Option<&Wording>, english: &str) -> String {
    wording.map_or_else(
        || english.to_owned(),
        |wording| wording_said(wording, english),
    )
}

/// A tone wording's sentence with its values, or `english` where the
/// catalogue lacks its key.
fn wording_said(wording: &Wording, english: &str) -> String {
    let values: Vec<String> = wording.values.iter().map(value_said).collect();
    let values: Vec<&str> = values.iter().map(String::as_str).collect();
    let said = t_with(&wording.key, &values);
    if said == wording.key {
        english.to_owned()
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

/// A whole number as the agent's language writes it (`10,080`, `10 080`).
fn whole(value: impl Into<u64>) -> String {
    number(value.into() as f64)
}

/// Why the store (or the worker) refused an action, in the agent's language:
/// one whole sentence of the catalogue per kind of refusal
/// (`extension/locales/*/common.json`, `common_refusal_…`) with its values
/// filled in: statuses and roles by their names, numbers as the language
/// writes them, counts in the plural form they take, a template's language
/// by its name, a tone finding by its wording; the teammate a ticket went
/// to by name and initials when `assignee` gives them (else by id); ids,
/// field names and technical details as written.
pub fn refusal_words(refusal: &Refusal, assignee: Option<&AgentView>) -> String {
    match refusal {
        Refusal::NeedsRole { role, .. } => {
            t_with("common_refusal_needs_role", &[&role_name(*role)])
        }
        Refusal::BadId { field, max } => t_count(
            "common_refusal_bad_id",
            f64::from(*max),
            &[field, &whole(*max)],
        ),
        Refusal::TooLong { field, max } => t_count(
            "common_refusal_too_long",
            f64::from(*max),
            &[field, &whole(*max)],
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
            t_with(key, &[&whole(*changed_at), &whole(*seen)])
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
            assignee: Some(id),
            changed_at,
            seen,
        } => {
            let who = match assignee.filter(|agent| &agent.id == id) {
                Some(agent) => t_with("panel_agent_with_initials", &[&agent.name, &agent.initials]),
                None => id.clone(),
            };
            t_with(
                "common_refusal_assigned_meanwhile",
                &[&who, &whole(*changed_at), &whole(*seen)],
            )
        }
        Refusal::AssignedMeanwhile {
            assignee: None,
            changed_at,
            seen,
        } => t_with(
            "common_refusal_unassigned_meanwhile",
            &[&whole(*changed_at), &whole(*seen)],
        ),
        Refusal::TooManyTags { max } => t_count(
            "common_refusal_too_many_tags",
            f64::from(*max),
            &[&whole(*max)],
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
            &[id, &whole(*revision), &whole(*reviewed)],
        ),
        Refusal::FirstResponseMinutes { min, max } => t_count(
            "common_refusal_first_response_minutes",
            f64::from(*max),
            &[&whole(*min), &whole(*max)],
        ),
        Refusal::BusinessDays => t("common_refusal_business_days"),
        Refusal::BusinessHours => t("common_refusal_business_hours"),
        Refusal::EmptyTag => t("common_refusal_empty_tag"),
        Refusal::Unreadable { detail } => t_with("common_refusal_unreadable", &[detail]),
        Refusal::TemplateInvalid { id, detail } => {
            t_with("common_refusal_template_invalid", &[id, detail])
        }
        Refusal::GuidelineInvalid {
            id,
            revision,
            detail,
        } => t_with(
            "common_refusal_guideline_invalid",
            &[id, &whole(*revision), detail],
        ),
        Refusal::TemplateNotApprovable(blocked) => blocked_approval_words(blocked),
    }
}

/// Why the approval rule refuses a template, in the agent's language: the
/// platform by its name, the template's language by its `Intl` name, the
/// finding by its tone wording (else its English), and how many more
/// problems in the plural form that count takes.
fn blocked_approval_words(blocked: &BlockedApproval) -> String {
    let finding = rule_message(blocked.finding.as_ref(), &blocked.message);
    let values = [
        blocked.id.as_str(),
        blocked.platform.name(),
        &language_label(&blocked.language),
        &blocked.rule,
        &blocked.guideline,
        &whole(blocked.revision),
        &finding,
        &whole(blocked.more),
    ];
    match blocked.more {
        0 => t_with("common_refusal_template_not_approvable", &values[..7]),
        more => t_count(
            "common_refusal_template_not_approvable_more",
            f64::from(more),
            &values,
        ),
    }
}

/// Whether `code` is a bare primary language subtag (`en`, `spa`): safe for
/// a `lang` attribute and for `Intl.DisplayNames`, which throws on others.
pub fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// The language's name in the agent's language with its code (`Spanish
/// (es)`), or just the code when the browser has no name for it.
pub fn language_label(code: &str) -> String {
    if !is_language_code(code) {
        return code.to_owned();
    }
    let options = js_sys::Object::new();
    // Setting a property on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(&options, &"type".into(), &"language".into());
    let _ = js_sys::Reflect::set(&options, &"fallback".into(), &"none".into());
    let locales = js_sys::Array::of1(&ui_language().into());
    let names = js_sys::Intl::DisplayNames::new(&locales, &options);
    match names.of(code).map(String::from) {
        Some(name) if name != code => t_with("panel_language_name", &[&name, code]),
        _ => code.to_owned(),
    }
}
