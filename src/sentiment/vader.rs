//! The VADER 3.3.2 algorithm, step for step as `vaderSentiment.py` runs it,
//! quirks included (see `/docs/care.md` and the reference notes).
//!
//! VADER's `sentiments` list has one entry per token, nearly all of them the
//! int 0. Here it is kept sparse: only the entries of lexicon words, by
//! position. Every other entry is a zero, which changes no sum, and no
//! count but the neutral one, with one exception kept exactly: the "but"
//! rule can turn the first zero into the float 0.0, and CPython's `sum()`
//! switches to float arithmetic at its first float, whatever its value.

use super::lexicon::{
    self, IdiomValence, RuleWord, BOOSTER_DECREMENT, CAPS_INCREMENT, NEGATION_SCALAR,
};
use super::plain_ascii::{self, Scratch};
use super::pystr::{self, PyNumber};
use super::token::{tokenize_any_into, Marks, Token};
use super::Scores;
use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;

/// One entry of VADER's `sentiments` list that may differ from the int 0:
/// its token's position, and its value.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Entry {
    position: usize,
    value: PyNumber,
}

/// The token and sentiment lists, kept per thread between calls so scoring
/// allocates nothing once they have grown to the longest text seen.
#[derive(Default)]
struct Buffers {
    tokens: Vec<Token>,
    sentiments: Vec<Entry>,
    scratch: Scratch,
    /// Whether `tokens` are the last text's as written, cut by the plain
    /// ASCII tokenizer, with their bounds in `scratch`.
    plain: bool,
}

thread_local! {
    /// The buffers of the text being scored.
    static BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
    /// The buffers of a part of it that has to be tokenized on its own.
    static PART_BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
}

/// Runs `score` on the thread's `buffers`, or on new ones if they are in use.
fn with_buffers<R>(
    buffers: &'static std::thread::LocalKey<RefCell<Buffers>>,
    score: impl FnOnce(&mut Buffers) -> R,
) -> R {
    buffers.with(|buffers| match buffers.try_borrow_mut() {
        Ok(mut buffers) => score(&mut buffers),
        Err(_) => score(&mut Buffers::default()),
    })
}

/// VADER's `polarity_scores`. (The reference strips the text first; the
/// split into tokens ignores the whitespace it strips.)
pub fn polarity_scores(text: &str) -> Scores {
    with_buffers(&BUFFERS, |buffers| score_text(text, buffers))
}

/// VADER's `polarity_scores` of `text`, and `part_compound` called with the
/// compound `polarity_scores` gives each of `parts` (slices of `text`), in
/// their order. A part whose bounds fall between the text's tokens is
/// scored on those tokens, so a plain ASCII text is tokenized and looked up
/// once for itself and its parts.
pub fn polarity_scores_with_parts<'t>(
    text: &'t str,
    parts: impl IntoIterator<Item = &'t str>,
    mut part_compound: impl FnMut(f64),
) -> Scores {
    with_buffers(&BUFFERS, |buffers| {
        let scores = score_text(text, buffers);
        let trimmed = range_in(text, text.trim());
        for part in parts {
            let range = range_in(text, part);
            let compound = match range.clone().and_then(|range| buffers.part_tokens(range)) {
                // All the text's tokens: every byte left out is whitespace,
                // so the part has the text's marks too.
                Some(tokens) if tokens.len() == buffers.tokens.len() => scores.compound,
                Some(tokens) => {
                    let marks = Marks::of(part);
                    compound_of_tokens(&buffers.tokens[tokens], &mut buffers.sentiments, marks)
                }
                // The text trimmed has the text's tokens (VADER splits on a
                // superset of the whitespace `trim` removes).
                None if range.is_some() && range == trimmed => scores.compound,
                None => with_buffers(&PART_BUFFERS, |buffers| score_text(part, buffers)).compound,
            };
            part_compound(compound);
        }
        scores
    })
}

/// Where `part` lies in `text`, if it is a slice of it.
fn range_in(text: &str, part: &str) -> Option<Range<usize>> {
    let start = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let end = start + part.len();
    (end <= text.len()).then_some(start..end)
}

impl Buffers {
    /// The positions of the tokens of the text's bytes in `range`, if the
    /// text was plain and no token crosses a bound of the range: then
    /// `text[range].split()` gives exactly these tokens.
    fn part_tokens(&self, range: Range<usize>) -> Option<Range<usize>> {
        if !self.plain {
            return None;
        }
        let (starts, ends) = self.scratch.token_bounds();
        let first = starts.partition_point(|&start| (start as usize) < range.start);
        let end = starts.partition_point(|&start| (start as usize) < range.end);
        let ends_by = |count: usize, bound: usize| count == 0 || ends[count - 1] as usize <= bound;
        (ends_by(first, range.start) && ends_by(end, range.end)).then_some(first..end)
    }
}

fn score_text(text: &str, buffers: &mut Buffers) -> Scores {
    let Buffers {
        tokens,
        sentiments,
        scratch,
        plain,
    } = buffers;
    tokens.clear();
    // A plain ASCII text has no emoji to expand.
    let marks = match plain_ascii::tokenize_into(text, scratch, tokens) {
        Some(marks) => {
            *plain = true;
            marks
        }
        None => {
            *plain = false;
            tokenize_any_into(&expand_emoji(text), tokens)
        }
    };
    score_tokens(tokens, sentiments, marks)
}

/// VADER's scores of a text of these tokens and marks.
fn score_tokens(tokens: &[Token], sentiments: &mut Vec<Entry>, marks: Marks) -> Scores {
    fill_sentiments(tokens, sentiments);
    if tokens.is_empty() {
        return Scores::default();
    }
    score(sentiments, tokens.len(), marks)
}

/// The compound of [`score_tokens`], without the other scores.
fn compound_of_tokens(tokens: &[Token], sentiments: &mut Vec<Entry>, marks: Marks) -> f64 {
    fill_sentiments(tokens, sentiments);
    if has_no_sentiment(sentiments) {
        return 0.0;
    }
    let sum = emphasised_sum(sentiments, punctuation_emphasis(marks));
    pystr::python_round(normalise(sum), 4)
}

/// VADER's `sentiments` list of the tokens, its "but" rule applied (kept
/// sparse: see [`Entry`]).
fn fill_sentiments(tokens: &[Token], sentiments: &mut Vec<Entry>) {
    sentiments.clear();
    // One pass for what the rules need of every token; the lexicon words'
    // entries are filled in once the caps differential is known.
    let (mut uppercase, mut but_index) = (0, None);
    for (position, token) in tokens.iter().enumerate() {
        uppercase += usize::from(token.upper);
        if token.valence().is_some() {
            sentiments.push(Entry {
                position,
                value: PyNumber::Int(0),
            });
        } else if token.rule() == RuleWord::But && but_index.is_none() {
            but_index = Some(position);
        }
    }
    let is_cap_diff = uppercase > 0 && uppercase < tokens.len();
    for entry in sentiments.iter_mut() {
        entry.value = token_sentiment(tokens, entry.position, is_cap_diff);
    }
    if let Some(but_index) = but_index {
        apply_but_rule(but_index, sentiments);
    }
}

/// The emoji pass: each code point found in the emoji lexicon becomes its
/// description, preceded by a space unless the previous character was one.
fn expand_emoji(text: &str) -> Cow<'_, str> {
    if text.is_ascii()
        || !text
            .chars()
            .any(|c| lexicon::emoji_description(c).is_some())
    {
        return Cow::Borrowed(text);
    }
    let mut expanded = String::with_capacity(text.len() + 32);
    let mut previous_was_space = true;
    for c in text.chars() {
        match lexicon::emoji_description(c) {
            Some(description) => {
                if !previous_was_space {
                    expanded.push(' ');
                }
                expanded.push_str(description);
                previous_was_space = false;
            }
            None => {
                expanded.push(c);
                previous_was_space = c == ' ';
            }
        }
    }
    Cow::Owned(expanded)
}

/// The entry token `i`, a lexicon word, contributes to the `sentiments` list.
fn token_sentiment(tokens: &[Token], i: usize, is_cap_diff: bool) -> PyNumber {
    if tokens[i].is_booster()
        || (tokens[i].rule() == RuleWord::Kind
            && tokens
                .get(i + 1)
                .is_some_and(|next| next.rule() == RuleWord::Of))
    {
        return PyNumber::Int(0);
    }
    match tokens[i].valence() {
        Some(lexicon_valence) => sentiment_valence(tokens, i, lexicon_valence, is_cap_diff),
        None => PyNumber::Int(0),
    }
}

/// `sentiment_valence` for a lexicon word: the "no" rule, caps emphasis, the
/// three-token window of boosters, negations and idioms, then the "least" rule.
fn sentiment_valence(
    tokens: &[Token],
    i: usize,
    lexicon_valence: f64,
    is_cap_diff: bool,
) -> PyNumber {
    use RuleWord::{No, Nor, Or};
    let rule = |k: usize| tokens[k].rule();
    let mut valence = PyNumber::Float(lexicon_valence);

    if rule(i) == No
        && tokens
            .get(i + 1)
            .is_some_and(|next| next.valence().is_some())
    {
        valence = PyNumber::Float(0.0);
    }
    if (i > 0 && rule(i - 1) == No)
        || (i > 1 && rule(i - 2) == No)
        || (i > 2 && rule(i - 3) == No && matches!(rule(i - 1), Or | Nor))
    {
        valence = PyNumber::Float(lexicon_valence * NEGATION_SCALAR);
    }

    if tokens[i].upper && is_cap_diff {
        let v = valence.value();
        valence = PyNumber::Float(if v > 0.0 {
            v + CAPS_INCREMENT
        } else {
            v - CAPS_INCREMENT
        });
    }

    for distance in 1..=3 {
        if i < distance || tokens[i - distance].valence().is_some() {
            continue;
        }
        let mut scalar = booster_scalar(&tokens[i - distance], valence.value(), is_cap_diff);
        if distance == 2 {
            scalar *= 0.95;
        } else if distance == 3 {
            scalar *= 0.9;
        }
        let mut v = valence.value() + scalar;
        v = negation_check(tokens, i, distance, v);
        valence = PyNumber::Float(v);
        if distance == 3 {
            valence = special_idioms_check(tokens, i, valence);
        }
    }
    least_check(tokens, i, valence)
}

/// `scalar_inc_dec`: the booster or dampener effect of a preceding token.
fn booster_scalar(token: &Token, valence: f64, is_cap_diff: bool) -> f64 {
    let mut scalar = token.booster();
    if scalar == 0.0 {
        return 0.0;
    }
    if valence < 0.0 {
        scalar = -scalar;
    }
    if token.upper && is_cap_diff {
        if valence > 0.0 {
            scalar += CAPS_INCREMENT;
        } else {
            scalar -= CAPS_INCREMENT;
        }
    }
    scalar
}

/// `_negation_check` for the token `distance` places before token `i`.
fn negation_check(tokens: &[Token], i: usize, distance: usize, valence: f64) -> f64 {
    use RuleWord::{Doubt, Never, So, This, Without};
    let rule = |k: usize| tokens[k].rule();
    let so_or_this = |word: RuleWord| word == So || word == This;
    match distance {
        1 => {
            if tokens[i - 1].negation {
                return valence * NEGATION_SCALAR;
            }
        }
        2 => {
            if rule(i - 2) == Never && so_or_this(rule(i - 1)) {
                return valence * 1.25;
            } else if rule(i - 2) == Without && rule(i - 1) == Doubt {
                return valence;
            } else if tokens[i - 2].negation {
                return valence * NEGATION_SCALAR;
            }
        }
        _ => {
            // Python's precedence: `a and (b or c) or (d or e)`.
            if (rule(i - 3) == Never && so_or_this(rule(i - 2))) || so_or_this(rule(i - 1)) {
                return valence * 1.25;
            } else if rule(i - 3) == Without && (rule(i - 2) == Doubt || rule(i - 1) == Doubt) {
                return valence;
            } else if tokens[i - 3].negation {
                return valence * NEGATION_SCALAR;
            }
        }
    }
    valence
}

/// `_special_idioms_check` (run only at distance 3, so `i >= 3`): an idiom
/// replaces the valence, then the multi-word dampeners add `B_DECR`.
fn special_idioms_check(tokens: &[Token], i: usize, valence: PyNumber) -> PyNumber {
    let rule = |k: usize| tokens[k].rule();
    let (w3, w2, w1, w0) = (rule(i - 3), rule(i - 2), rule(i - 1), rule(i));
    let backward = lexicon::two_word_idiom(w1, w0)
        .or_else(|| lexicon::three_word_idiom(w2, w1, w0))
        .or_else(|| lexicon::two_word_idiom(w2, w1))
        .or_else(|| lexicon::three_word_idiom(w3, w2, w1))
        .or_else(|| lexicon::two_word_idiom(w3, w2));
    let mut idiom = backward;
    if let Some(next) = tokens.get(i + 1) {
        if let Some(found) = lexicon::two_word_idiom(w0, next.rule()) {
            idiom = Some(found);
        }
    }
    if let (Some(next), Some(after)) = (tokens.get(i + 1), tokens.get(i + 2)) {
        if let Some(found) = lexicon::three_word_idiom(w0, next.rule(), after.rule()) {
            idiom = Some(found);
        }
    }
    let mut valence = match idiom {
        Some(IdiomValence::Int(v)) => PyNumber::Int(v),
        Some(IdiomValence::Float(v)) => PyNumber::Float(v),
        None => valence,
    };
    for (first, second) in [(w3, w2), (w2, w1)] {
        if lexicon::is_multiword_dampener(first, second) {
            valence = PyNumber::Float(valence.value() + BOOSTER_DECREMENT);
        }
    }
    valence
}

/// `_least_check`: "least X" negates X, except in "at least" and "very least".
fn least_check(tokens: &[Token], i: usize, valence: PyNumber) -> PyNumber {
    if i == 0 || tokens[i - 1].valence().is_some() || tokens[i - 1].rule() != RuleWord::Least {
        return valence;
    }
    if i > 1 && matches!(tokens[i - 2].rule(), RuleWord::At | RuleWord::Very) {
        return valence;
    }
    PyNumber::Float(valence.value() * NEGATION_SCALAR)
}

/// `_but_check`, including its first-equal-value lookup: each entry is looked
/// up again with `list.index`, so the slot rescaled is the first one holding
/// an equal value. A zero's first equal is the list's first zero: rescaled,
/// it stays zero but becomes the float 0.0, unless it is "but" itself (no
/// zero comes after "but" before it).
fn apply_but_rule(but_index: usize, sentiments: &mut Vec<Entry>) {
    let first_zero = (0..=but_index)
        .find(
            |&position| match sentiments.iter().find(|entry| entry.position == position) {
                Some(entry) => entry.value.value() == 0.0,
                None => true,
            },
        )
        .unwrap_or(but_index);
    if first_zero < but_index {
        match sentiments
            .iter()
            .position(|entry| entry.position >= first_zero)
        {
            Some(index) if sentiments[index].position == first_zero => {
                sentiments[index].value = PyNumber::Float(0.0);
            }
            Some(index) => sentiments.insert(index, zero_float(first_zero)),
            None => sentiments.push(zero_float(first_zero)),
        }
    }
    for k in 0..sentiments.len() {
        let sentiment = sentiments[k].value.value();
        if sentiment == 0.0 {
            continue;
        }
        let slot = sentiments
            .iter()
            .position(|entry| entry.value.value() == sentiment)
            .unwrap_or(k);
        let position = sentiments[slot].position;
        if position < but_index {
            sentiments[slot].value = PyNumber::Float(sentiment * 0.5);
        } else if position > but_index {
            sentiments[slot].value = PyNumber::Float(sentiment * 1.5);
        }
    }
}

/// The float 0.0 at a position.
fn zero_float(position: usize) -> Entry {
    Entry {
        position,
        value: PyNumber::Float(0.0),
    }
}

/// `_punctuation_emphasis`: up to four "!" at 0.292 each; two or three "?"
/// at 0.18 each, four or more at 0.96.
fn punctuation_emphasis(marks: Marks) -> f64 {
    let exclamations = marks.exclamations.min(4);
    let questions = marks.questions;
    let question_emphasis = match questions {
        0 | 1 => 0.0,
        2 | 3 => questions as f64 * 0.18,
        _ => 0.96,
    };
    exclamations as f64 * 0.292 + question_emphasis
}

/// Whether every entry is zero.
fn has_no_sentiment(sentiments: &[Entry]) -> bool {
    sentiments.iter().all(|entry| entry.value.value() == 0.0)
}

/// The entries' sum, pushed away from zero by the punctuation emphasis.
fn emphasised_sum(sentiments: &[Entry], emphasis: f64) -> f64 {
    let sum = pystr::python_sum(sentiments.iter().map(|entry| entry.value));
    if sum > 0.0 {
        sum + emphasis
    } else if sum < 0.0 {
        sum - emphasis
    } else {
        sum
    }
}

/// `normalize`: the sum mapped into [-1, 1] (alpha 15).
fn normalise(sum: f64) -> f64 {
    (sum / (sum * sum + 15.0).sqrt()).clamp(-1.0, 1.0)
}

/// `score_valence`: compound from the sum, pos/neu/neg from the entries, both
/// with punctuation emphasis, rounded like Python's `round()`.
fn score(sentiments: &[Entry], token_count: usize, marks: Marks) -> Scores {
    if has_no_sentiment(sentiments) {
        // No sentiment: a zero sum takes no emphasis, and every token is
        // neutral.
        return Scores {
            neu: 1.0,
            ..Scores::default()
        };
    }
    let emphasis = punctuation_emphasis(marks);
    let compound = normalise(emphasised_sum(sentiments, emphasis));

    let (mut pos_sum, mut neg_sum, mut neutral_count) = (0.0f64, 0.0f64, token_count);
    for sentiment in sentiments.iter().map(|entry| entry.value.value()) {
        if sentiment > 0.0 {
            pos_sum += sentiment + 1.0;
        }
        if sentiment < 0.0 {
            neg_sum += sentiment - 1.0;
        }
        if sentiment != 0.0 {
            neutral_count -= 1;
        }
    }
    let neutral_count = neutral_count as f64;
    if pos_sum > neg_sum.abs() {
        pos_sum += emphasis;
    } else if pos_sum < neg_sum.abs() {
        neg_sum -= emphasis;
    }
    let total = pos_sum + neg_sum.abs() + neutral_count;
    Scores {
        neg: pystr::python_round((neg_sum / total).abs(), 3),
        neu: pystr::python_round((neutral_count / total).abs(), 3),
        pos: pystr::python_round((pos_sum / total).abs(), 3),
        compound: pystr::python_round(compound, 4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// VADER's `sentiments` list in full, built as the reference builds it
    /// (one entry per token, the "but" rule on the whole list).
    fn dense_sentiments(text: &str) -> Vec<PyNumber> {
        let mut tokens = Vec::new();
        tokenize_any_into(&expand_emoji(text), &mut tokens);
        let uppercase = tokens.iter().filter(|t| t.upper).count();
        let is_cap_diff = uppercase > 0 && uppercase < tokens.len();
        let mut sentiments: Vec<PyNumber> = (0..tokens.len())
            .map(|i| match tokens[i].valence() {
                Some(_) => token_sentiment(&tokens, i, is_cap_diff),
                None => PyNumber::Int(0),
            })
            .collect();
        if let Some(but_index) = tokens.iter().position(|t| t.rule() == RuleWord::But) {
            for k in 0..sentiments.len() {
                let sentiment = sentiments[k].value();
                let slot = sentiments
                    .iter()
                    .position(|s| s.value() == sentiment)
                    .unwrap_or(k);
                if slot < but_index {
                    sentiments[slot] = PyNumber::Float(sentiment * 0.5);
                } else if slot > but_index {
                    sentiments[slot] = PyNumber::Float(sentiment * 1.5);
                }
            }
        }
        sentiments
    }

    /// The sparse list `score_text` keeps, expanded back to one entry per
    /// token.
    fn sparse_sentiments(text: &str) -> Vec<PyNumber> {
        let mut buffers = Buffers::default();
        score_text(text, &mut buffers);
        let mut dense = vec![PyNumber::Int(0); buffers.tokens.len()];
        for entry in &buffers.sentiments {
            dense[entry.position] = entry.value;
        }
        dense
    }

    #[test]
    fn but_turns_the_first_zero_into_a_float() {
        // "it" is the first zero, before "but": it becomes the float 0.0, so
        // CPython's sum() is in float mode before the int idiom value 3.
        let sparse = sparse_sentiments("it but the bomb is great");
        assert_eq!(sparse[0], PyNumber::Float(0.0));
        assert_eq!(sparse, dense_sentiments("it but the bomb is great"));
        // "but" first: no zero before it, nothing changes.
        assert_eq!(sparse_sentiments("but good")[0], PyNumber::Int(0));
    }

    proptest! {
        #[test]
        fn parts_score_as_texts_of_their_own(
            words in prop::collection::vec("(ok|the|bomb|good|GREAT|bad|no|not|very|but|BUT|kind|of|least|at|never|so|without|doubt|isn't|great!|bad\\.|!|\\?|\\.|:\\)|café|😀)", 1..16),
            spaces in prop::collection::vec("( |  |\n|\t|\u{1c}|\u{a0})", 16),
            bounds in prop::collection::vec((0usize..100, 0usize..100), 1..6),
        ) {
            let mut text = String::new();
            for (word, space) in words.iter().zip(&spaces) {
                text.push_str(space);
                text.push_str(word);
            }
            let cut = |at: usize| (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            // Parts cut anywhere, and the text trimmed and whole.
            let parts: Vec<&str> = bounds
                .iter()
                .map(|&(a, b)| &text[cut(a.min(b))..cut(a.max(b))])
                .chain([text.trim(), text.as_str()])
                .collect();
            let mut compounds = Vec::new();
            let scores = polarity_scores_with_parts(&text, parts.iter().copied(), |c| compounds.push(c));
            prop_assert_eq!(scores, polarity_scores(&text));
            let expected: Vec<f64> = parts.iter().map(|part| polarity_scores(part).compound).collect();
            prop_assert_eq!(compounds, expected);
        }

        #[test]
        fn sparse_list_sums_like_the_full_list(
            words in prop::collection::vec("(ok|the|bomb|shit|to|die|for|good|GREAT|bad|no|nor|or|not|very|but|BUT|kind|of|yeah|right|bus|stop|love|hate|least|at|kiss|death|never|so|this|without|doubt|isn't|!|\\?)", 1..16)
        ) {
            let text = words.join(" ");
            let (dense, sparse) = (dense_sentiments(&text), sparse_sentiments(&text));
            prop_assert_eq!(
                pystr::python_sum(dense.iter().copied()).to_bits(),
                pystr::python_sum(sparse.iter().copied()).to_bits()
            );
            // Equal values; a zero's sign may differ, which no sum or count
            // can see (a running total never becomes -0.0).
            let values = |list: &[PyNumber]| list.iter().map(|s| s.value()).collect::<Vec<_>>();
            prop_assert_eq!(values(&dense), values(&sparse));
        }
    }
}
