//! The guideline's form view: banned phrases with replacements, the
//! required greeting, signature and empathy, length, the privacy guard and
//! links, as fields. Every change rewrites the same TOML text the editor
//! shows (see [`guideline_form`](super::guideline_form)), so the two views
//! never disagree.

use super::event_value::event_value;
use super::guideline_form::{
    banned_phrases, field_text, has_rule, parse, set_banned_phrases, set_field, set_rule,
    BannedPhrase, FieldKind, FieldSpec, RuleSpec, RULES,
};
use socialcare_pages::format::number;
use socialcare_pages::i18n::{t, t_with};
use toml_edit::DocumentMut;
use yew::prelude::*;

/// Properties of [`RulesForm`].
#[derive(Properties, PartialEq, Clone)]
pub struct RulesFormProps {
    /// The guideline's text as edited.
    pub source: AttrValue,
    /// Whether the role may edit.
    pub can_edit: bool,
    /// The text after a change in the form.
    pub on_change: Callback<String>,
}

const SEVERITIES: [&str; 3] = ["info", "warn", "block"];

fn severity_select(label: String, chosen: &str, disabled: bool, onchange: Callback<Event>) -> Html {
    let options = SEVERITIES.map(|severity| {
        html! { <option value={severity} selected={severity == chosen}>{ severity }</option> }
    });
    html! { <select aria-label={label} {disabled} {onchange}>{ for options }</select> }
}

/// One field's edit of the guideline: the file and the field's new value.
type FormEdit = dyn Fn(&mut DocumentMut, String) -> Result<(), String>;

/// The form: one fieldset per rule, and the banned phrases.
#[function_component(RulesForm)]
pub fn rules_form(props: &RulesFormProps) -> Html {
    let problem = use_state(|| None::<String>);
    let doc = match parse(&props.source) {
        Ok(doc) => doc,
        Err(why) => {
            return html! {
                <p class="check check-error rules-form-unreadable" dir="auto">{ t_with("console_rules_unreadable", &[&why]) }</p>
            };
        }
    };
    let disabled = !props.can_edit;
    // A change applied to a copy of the file, handed on as text.
    let change = |apply: Box<FormEdit>| {
        let source = props.source.clone();
        let on_change = props.on_change.clone();
        let problem = problem.setter();
        Callback::from(move |event: Event| {
            let Ok(mut doc) = parse(&source) else { return };
            match apply(&mut doc, event_value(&event)) {
                Ok(()) => {
                    problem.set(None);
                    on_change.emit(doc.to_string());
                }
                Err(why) => problem.set(Some(why)),
            }
        })
    };
    let field_input = |rule: &'static RuleSpec, field: &'static FieldSpec| {
        let label = t_with("console_rule_field", &[&rule.name(), &field.label()]);
        let value = field_text(&doc, rule, field);
        let onchange = change(Box::new(move |doc, text| {
            set_field(doc, rule, field, &text)
        }));
        match field.kind {
            FieldKind::Flag => html! {
                <label><input type="checkbox" aria-label={label} checked={value == "true"} {disabled} {onchange} />{ " " }{ field.label() }</label>
            },
            FieldKind::Severity => html! {
                <label>{ field.label() }{ " " }{ severity_select(label, &value, disabled, onchange) }</label>
            },
            FieldKind::Text | FieldKind::List | FieldKind::Number => html! {
                <label>{ field.label() }{ " " }<input type="text" aria-label={label} {value} {disabled} {onchange} /></label>
            },
        }
    };
    let rules = RULES.iter().map(|rule| {
        let on = has_rule(&doc, rule);
        let toggle = change(Box::new(move |doc, checked| {
            set_rule(doc, rule, checked == "true");
            Ok(())
        }));
        let fields = on.then(|| rule.fields.iter().map(|field| field_input(rule, field)).collect::<Html>());
        html! {
            <fieldset class="rule-form" data-rule={rule.path.join(".")}>
                <legend>
                    <label><input type="checkbox" aria-label={t_with("console_rule_use", &[&rule.name()])} checked={on} {disabled} onchange={toggle} />{ " " }{ rule.name() }</label>
                </legend>
                { for fields }
            </fieldset>
        }
    });

    let phrases = banned_phrases(&doc);
    let edit_phrase = |index: usize, edit: fn(&mut BannedPhrase, String)| {
        let phrases = phrases.clone();
        change(Box::new(move |doc, text| {
            let mut phrases = phrases.clone();
            edit(&mut phrases[index], text);
            set_banned_phrases(doc, &phrases);
            Ok(())
        }))
    };
    let rows = phrases.iter().enumerate().map(|(index, phrase)| {
        let n = number((index + 1) as f64);
        let remove = {
            let phrases = phrases.clone();
            change(Box::new(move |doc, _| {
                let mut phrases = phrases.clone();
                phrases.remove(index);
                set_banned_phrases(doc, &phrases);
                Ok(())
            }))
        };
        html! {
            <li class="banned-phrase">
                <input type="text" aria-label={t_with("console_banned_phrase", &[&n])} value={phrase.phrase.clone()} {disabled}
                    onchange={edit_phrase(index, |phrase, text| phrase.phrase = text.trim().to_owned())} />
                <input type="text" aria-label={t_with("console_banned_phrase_replacement", &[&n])} value={phrase.replacement.clone()} {disabled}
                    onchange={edit_phrase(index, |phrase, text| phrase.replacement = text.trim().to_owned())} />
                { severity_select(t_with("console_banned_phrase_severity", &[&n]), &phrase.severity, disabled,
                    edit_phrase(index, |phrase, text| phrase.severity = text)) }
                if props.can_edit {
                    <button type="button" aria-label={t_with("console_banned_phrase_remove", &[&n])}
                        onclick={remove.reform(|event: MouseEvent| Event::from(event))}>{ t("console_remove") }</button>
                }
            </li>
        }
    });
    let add_phrase = {
        let phrases = phrases.clone();
        change(Box::new(move |doc, _| {
            let mut phrases = phrases.clone();
            phrases.push(BannedPhrase {
                phrase: t("console_banned_phrase_new"),
                replacement: String::new(),
                severity: "warn".to_owned(),
            });
            set_banned_phrases(doc, &phrases);
            Ok(())
        }))
    };
    html! {
        <div class="rules-form">
            <fieldset class="banned-phrases">
                <legend>{ t("console_banned_phrases") }</legend>
                <ol>{ for rows }</ol>
                if props.can_edit {
                    <button type="button" onclick={add_phrase.reform(|event: MouseEvent| Event::from(event))}>{ t("console_banned_phrase_add") }</button>
                }
            </fieldset>
            { for rules }
            if let Some(why) = (*problem).clone() {
                <p class="notice notice-error" role="alert" dir="auto">{ why }</p>
            }
        </div>
    }
}
