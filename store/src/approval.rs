//! The approval rule, enforced by the store: `template.set_state` to `approved`
//! is refused when the template can produce a `block` finding against the
//! team's active guideline (every variant rendered by the tone engine, as
//! `socialcare lint-templates` does). The mutators have already refused
//! agents and stale revisions. Its refusals are data like the mutators'
//! (`sync::Refusal::TemplateInvalid`, `GuidelineInvalid`,
//! `TemplateNotApprovable`), kept and sent the same way.

use crate::error::StoreError;
use crate::storage::Tx;
use socialcare::model::{Guideline, Template as TemplateRecord, TemplateState};
use socialcare::sync::{Applied, BlockedApproval, Entity, EntityKind, Op, Refusal, Rejection};
use socialcare::templates::{approval_problems, Template};
use socialcare::tone::Policy;

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
            return Some(Refusal::TemplateInvalid {
                id: template.id.clone(),
                detail: error.to_string(),
            })
        }
    };
    let guideline = guideline?;
    let policy = match Policy::from_toml(&guideline.source) {
        Ok(policy) => policy,
        Err(error) => {
            return Some(Refusal::GuidelineInvalid {
                id: guideline.id.clone(),
                revision: guideline.revision,
                detail: error.to_string(),
            })
        }
    };
    let mut problems = approval_problems(&engine_template, &policy);
    let more = u32::try_from(problems.len().checked_sub(1)?).unwrap_or(u32::MAX);
    let first = problems.swap_remove(0);
    Some(Refusal::TemplateNotApprovable(Box::new(BlockedApproval {
        id: template.id.clone(),
        platform: first.platform,
        language: first.language,
        rule: first.rule_id,
        guideline: guideline.id.clone(),
        revision: guideline.revision,
        message: first.message,
        finding: first.wording,
        more,
    })))
}

/// Lets an applied mutation through, or refuses an approval the rule forbids.
pub fn gate(
    tx: &mut dyn Tx,
    team_id: i64,
    op: &Op,
    applied: Applied,
) -> Result<Result<Applied, Rejection>, StoreError> {
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
                return Ok(Err(Rejection::new(refusal)));
            }
        }
    }
    Ok(Ok(applied))
}
