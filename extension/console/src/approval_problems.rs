//! The ways a template breaks a `block` rule of the team's guideline, as the
//! template editor lists them: the store refuses to approve it while there
//! is one. Each problem names its platform, its variant's language (by its
//! name in the lead's language) and the rule, and says what the rule says in the lead's language.

use socialcare::templates::ApprovalProblem;
use socialcare_pages::i18n::{t, t_with};
use socialcare_pages::names::{language_label, rule_message};
use yew::prelude::*;

/// Properties of [`ApprovalProblems`].
#[derive(Properties, PartialEq, Clone)]
pub struct ApprovalProblemsProps {
    /// The problems the template engine found (at least one).
    pub problems: Vec<ApprovalProblem>,
}

/// "It can produce a blocking finding…" and one line per problem.
#[function_component(ApprovalProblems)]
pub fn approval_problems(props: &ApprovalProblemsProps) -> Html {
    let problems = props.problems.iter().map(|problem| {
        let said = rule_message(problem.wording.as_ref(), &problem.message);
        html! {
            <li dir="auto">
                { t_with("console_approval_problem", &[
                    problem.platform.name(),
                    &language_label(&problem.language),
                    &problem.rule_id,
                    &said,
                ]) }
            </li>
        }
    });
    html! {
        <>
            <p class="check check-error">{ t("console_template_not_approvable") }</p>
            <ul class="approval-problems">{ for problems }</ul>
        </>
    }
}
