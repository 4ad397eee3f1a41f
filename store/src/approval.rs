//! The approval rule, enforced by the store: `template.set_state` to `approved`
//! is refused when the template can produce a `block` finding against the
//! team's active guideline (every variant rendered by the tone engine, as
//! `socialcare lint-templates` does). The mutators have already refused
//! agents and stale revisions.

use crate::error::StoreError;
use crate::storage::Tx;
use socialcare::model::{Guideline, Template as TemplateRecord, TemplateState};
use socialcare::sync::{Applied, Entity, EntityKind, Op};
use socialcare::templates::{approval_problems, Template};
use socialcare::tone::Policy;

/// A mutation the store refuses after its mutator applied it: stable code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Stable snake_case code.
    pub code: &'static str,
    /// What is wrong and what to do.
    pub message: String,
}

/// The team's active guideline: the most recently saved one that is not a
/// conflict copy (the latest revision of the latest published guideline).
pub fn active_guideline(tx: &mut dyn Tx, team_id: i64) -> Result<Option<Guideline>, StoreError> {
    let mut active: Option<Guideline> = None;
    for row in tx.entities_of(team_id, EntityKind::Guideline)? {
        let guideline: Guideline = serde_json::from_str(&row.body)?;
        let newer = active.as_ref().is_none_or(|current| {
            (guideline.updated_at, &guideline.id) > (current.updated_at, &current.id)
        });
        if guideline.conflict_of.is_none() && newer {
            active = Some(guideline);
        }
    }
    Ok(active)
}

/// Why `template` may not be approved under the team's `guideline` (if any):
/// a body the engine cannot read, a guideline that does not read, or a
/// `block` finding.
pub fn approval_refusal(
    template: &TemplateRecord,
    guideline: Option<&Guideline>,
) -> Option<Refusal> {
    let engine_template = match Template::from_record(template.clone()) {
        Ok(engine_template) => engine_template,
        Err(error) => {
            return Some(Refusal {
                code: "template_invalid",
                message: format!("template {} cannot be approved: {error}", template.id),
            })
        }
    };
    let guideline = guideline?;
    let policy = match Policy::from_toml(&guideline.source) {
        Ok(policy) => policy,
        Err(error) => {
            return Some(Refusal {
                code: "guideline_invalid",
                message: format!(
                    "the team's guideline {} (revision {}) does not read, so templates cannot be checked: {error}",
                    guideline.id, guideline.revision
                ),
            })
        }
    };
    let problems = approval_problems(&engine_template, &policy);
    let first = problems.first()?;
    let more = match problems.len() - 1 {
        0 => String::new(),
        n => format!(" ({n} more problem(s))"),
    };
    Some(Refusal {
        code: "template_not_approvable",
        message: format!(
            "template {} cannot be approved: on {} in {:?} it breaks the block rule {} of guideline {} (revision {}): {}{more}",
            template.id,
            first.platform,
            first.language,
            first.rule_id,
            guideline.id,
            guideline.revision,
            first.message
        ),
    })
}

/// Lets an applied mutation through, or refuses an approval the rule forbids.
pub fn gate(
    tx: &mut dyn Tx,
    team_id: i64,
    op: &Op,
    applied: Applied,
) -> Result<Result<Applied, Refusal>, StoreError> {
    let Op::TemplateSetState(args) = op else {
        return Ok(Ok(applied));
    };
    if args.state != TemplateState::Approved {
        return Ok(Ok(applied));
    }
    let guideline = active_guideline(tx, team_id)?;
    for entity in &applied.writes {
        if let Entity::Template(template) = entity {
            if let Some(refusal) = approval_refusal(template, guideline.as_ref()) {
                return Ok(Err(refusal));
            }
        }
    }
    Ok(Ok(applied))
}
