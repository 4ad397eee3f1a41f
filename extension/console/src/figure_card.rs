//! One headline figure of the dashboard, with its benchmark beside it.

use yew::prelude::*;

/// Properties of [`FigureCard`].
#[derive(Properties, PartialEq, Clone)]
pub struct FigureCardProps {
    /// What the figure is, e.g. `Answered within 1 h`.
    pub label: AttrValue,
    /// The figure as shown, e.g. `48.2%`.
    pub value: AttrValue,
    /// How it was counted, e.g. `241 of 500 tickets`.
    #[prop_or_default]
    pub detail: Option<AttrValue>,
    /// What customers expect, e.g. `Customers expect: about 50%`.
    #[prop_or_default]
    pub benchmark: Option<AttrValue>,
}

/// A labelled figure (`<dl>` term and value), its detail and benchmark.
#[function_component(FigureCard)]
pub fn figure_card(props: &FigureCardProps) -> Html {
    html! {
        <div class="figure-card">
            <dt>{ props.label.clone() }</dt>
            <dd class="figure-value">{ props.value.clone() }</dd>
            if let Some(detail) = props.detail.clone() {
                <dd class="figure-detail">{ detail }</dd>
            }
            if let Some(benchmark) = props.benchmark.clone() {
                <dd class="figure-benchmark">{ benchmark }</dd>
            }
        </div>
    }
}
