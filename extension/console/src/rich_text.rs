//! Messages whose placeholders are elements, not text: a translator orders
//! the sentence, and the console puts its controls and marked-up names
//! where the message's placeholders are.

use socialcare_pages::i18n::t_with;
use yew::prelude::*;

/// Marks a placeholder's place in the message (a private-use character: no
/// message or substitution holds one).
const MARK: char = '\u{E000}';

/// The message `key` with its placeholders (`$1`.. in the order declared)
/// filled with `parts`, as nodes: the message's text as text, each part
/// where the translation puts it.
pub fn t_html(key: &str, parts: Vec<Html>) -> Html {
    let marks: Vec<String> = (0..parts.len())
        .map(|index| format!("{MARK}{index}{MARK}"))
        .collect();
    let marks: Vec<&str> = marks.iter().map(String::as_str).collect();
    let message = t_with(key, &marks);
    let mut parts: Vec<Option<Html>> = parts.into_iter().map(Some).collect();
    // Split at the marks, the pieces alternate: text, a part's index, text, ...
    message
        .split(MARK)
        .enumerate()
        .map(|(at, piece)| {
            if at % 2 == 0 {
                html! { piece.to_owned() }
            } else {
                piece
                    .parse::<usize>()
                    .ok()
                    .and_then(|index| parts.get_mut(index)?.take())
                    .unwrap_or_default()
            }
        })
        .collect()
}
