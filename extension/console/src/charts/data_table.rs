//! A chart's numbers as a table, for screen readers (visually hidden).

use super::Datum;
use yew::prelude::*;

/// Properties of [`DataTable`].
#[derive(Properties, PartialEq, Clone)]
pub struct DataTableProps {
    /// The table's caption (the chart's title).
    pub caption: AttrValue,
    /// The label column's heading.
    pub label_heading: AttrValue,
    /// The value column's heading.
    pub value_heading: AttrValue,
    /// The rows.
    pub data: Vec<Datum>,
}

/// A two-column table of a chart's labels and values.
#[function_component(DataTable)]
pub fn data_table(props: &DataTableProps) -> Html {
    let rows = props.data.iter().map(|datum| {
        html! {
            <tr>
                <th scope="row" dir="auto">{ datum.label.clone() }</th>
                <td>{ datum.shown.clone() }</td>
            </tr>
        }
    });
    html! {
        <table class="visually-hidden chart-table">
            <caption>{ props.caption.clone() }</caption>
            <thead>
                <tr>
                    <th scope="col">{ props.label_heading.clone() }</th>
                    <th scope="col">{ props.value_heading.clone() }</th>
                </tr>
            </thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}
