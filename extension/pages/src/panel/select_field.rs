//! A labelled `<select>` that always shows the worker's value.

use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// One option of a [`SelectField`].
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The option's value.
    pub value: AttrValue,
    /// What the agent reads.
    pub label: AttrValue,
    /// Whether it is offered but cannot be picked.
    pub disabled: bool,
}

impl Choice {
    /// An option with `value`, reading `label`.
    pub fn new(value: impl Into<AttrValue>, label: impl Into<AttrValue>) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
            disabled: false,
        }
    }

    /// The same option, disabled when `disabled` holds.
    pub fn disabled_if(self, disabled: bool) -> Choice {
        Choice { disabled, ..self }
    }
}

/// Properties of [`SelectField`].
#[derive(Properties, PartialEq, Clone)]
pub struct SelectFieldProps {
    /// The select's element id (its `<label for>`).
    pub id: AttrValue,
    /// The label, which is the select's accessible name.
    pub label: AttrValue,
    /// The options, in order.
    pub choices: Vec<Choice>,
    /// The value the worker has.
    pub value: AttrValue,
    /// Called with the value the agent picked, when it differs from `value`.
    pub on_change: Callback<AttrValue>,
}

/// A `<label>` and `<select>`. A pick the worker has not (yet) applied is
/// undone on the next render: the select follows the view, never its own state.
#[function_component(SelectField)]
pub fn select_field(props: &SelectFieldProps) -> Html {
    let select = use_node_ref();
    {
        // Runs after every render, so the select follows the view.
        let select = select.clone();
        let value = props.value.clone();
        use_effect(move || {
            if let Some(select) = select.cast::<HtmlSelectElement>() {
                select.set_value(&value);
            }
        });
    }
    let onchange = {
        let (on_change, current) = (props.on_change.clone(), props.value.clone());
        Callback::from(move |event: Event| {
            let picked = event
                .target()
                .and_then(|target| target.dyn_into::<HtmlSelectElement>().ok())
                .map(|select| AttrValue::from(select.value()));
            if let Some(picked) = picked.filter(|picked| *picked != current) {
                on_change.emit(picked);
            }
        })
    };
    let options = props.choices.iter().map(|choice| {
        html! {
            <option value={choice.value.clone()} selected={choice.value == props.value} disabled={choice.disabled}>
                { choice.label.clone() }
            </option>
        }
    });
    html! {
        <div class={classes!("select-field", props.id.to_string())}>
            <label for={props.id.clone()} class="field-label">{ props.label.clone() }</label>
            { " " }
            <select id={props.id.clone()} ref={select} {onchange}>{ for options }</select>
        </div>
    }
}
