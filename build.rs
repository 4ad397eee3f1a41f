//! Compiles the VADER 3.3.2 word lists (`src/sentiment/data/`) into static
//! perfect-hash tables, so the analyser does no parsing at first use (native
//! or wasm). The lexicon, the boosters and the negations go into one table of
//! `Word`s keyed by packed `WordKey`s (`src/sentiment/word_key.rs`), placed
//! here with PTHash's construction and one multiply-based hash, so scoring
//! looks each token up once, in a few instructions, comparing keys as
//! integers. The emoji descriptions, needed only for non-ASCII text, go into
//! one string with the end offset of each, beside the sorted code points
//! (searched by bisection): no pointer per entry in the module's data.
//!
//! Parsing mirrors `vaderSentiment.py` 3.3.2 exactly: the file is split on
//! `\n`, each line is `strip()`ped and split on tabs, and a later duplicate
//! key overwrites an earlier one (Python `dict` assignment). The emoji map
//! keeps only single-code-point keys: the reference looks emoji up code point
//! by code point, so a multi-code-point key can never match.

use std::collections::BTreeMap;
use std::env;
use std::fmt;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

include!("src/sentiment/word_key.rs");

#[path = "build/cue_dfa.rs"]
mod cue_dfa;

const LEXICON: &str = "src/sentiment/data/vader_lexicon.txt";
const EMOJI_LEXICON: &str = "src/sentiment/data/emoji_utf8_lexicon.txt";
const BOOSTERS: &str = "src/sentiment/data/boosters.tsv";
const NEGATIONS: &str = "src/sentiment/data/negations.txt";

/// Every word the rules compare tokens with (`src/sentiment/vader.rs` and the
/// idioms and dampener pairs of `lexicon.rs`). They get an entry even when
/// they carry no valence, marked with their `RuleWord` (the word with a
/// capital initial), so a rule compares one byte and a token missing from
/// the table equals none of them.
const RULE_WORDS: [&str; 33] = [
    "ass", "at", "bad", "beating", "bomb", "bus", "but", "death", "die", "doubt", "enough", "for",
    "heart", "just", "kind", "kiss", "least", "never", "no", "nor", "of", "or", "right", "shit",
    "so", "sort", "stop", "the", "this", "to", "very", "without", "yeah",
];

fn main() {
    for input in [
        LEXICON,
        EMOJI_LEXICON,
        BOOSTERS,
        NEGATIONS,
        "build.rs",
        "src/sentiment/word_key.rs",
    ] {
        println!("cargo:rerun-if-changed={input}");
    }

    let mut source = String::new();
    write_words(&mut source);
    write_emoji(&mut source);
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("vader_tables.rs");
    fs::write(out, source).expect("write the generated VADER tables");
    cue_dfa::write(Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")));
}

/// The lines of a lexicon file as Python's `rstrip('\n').split('\n')` sees them.
fn python_lines(path: &str) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    text.trim_end_matches('\n')
        .split('\n')
        .map(str::to_owned)
        .collect()
}

/// The lexicon as `vaderSentiment.py` builds it (later duplicates win).
fn lexicon() -> BTreeMap<String, f64> {
    let mut entries = BTreeMap::new();
    for line in python_lines(LEXICON) {
        if line.is_empty() {
            continue;
        }
        let mut fields = line.trim().split('\t');
        let word = fields.next().expect("a word");
        let measure: f64 = fields
            .next()
            .and_then(|m| m.trim().parse().ok())
            .unwrap_or_else(|| panic!("bad lexicon line {line:?}"));
        entries.insert(word.to_owned(), measure);
    }
    entries
}

/// The non-comment lines of a hand-transcribed list.
fn list_lines(path: &str) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    text.lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// One entry of the word table, printed as the `Word` constant it becomes:
/// valences in tenths (every lexicon valence has one decimal), boosters as
/// their sign, so an entry takes three bytes.
#[derive(PartialEq, Eq, Hash)]
struct WordEntry {
    valence_tenths: i8,
    booster_sign: i8,
    negation: bool,
    rule: String,
}

impl Default for WordEntry {
    fn default() -> Self {
        WordEntry {
            valence_tenths: i8::MIN,
            booster_sign: 0,
            negation: false,
            rule: "Other".to_owned(),
        }
    }
}

impl fmt::Debug for WordEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Word {{ valence_tenths: {}, booster_sign: {}, negation: {}, rule: RuleWord::{} }}",
            self.valence_tenths, self.booster_sign, self.negation, self.rule
        )
    }
}

/// The `RuleWord` variant of a rule word: the word with a capital initial.
fn rule_variant(word: &str) -> String {
    let mut chars = word.chars();
    let initial = chars.next().expect("a rule word").to_ascii_uppercase();
    format!("{initial}{}", chars.as_str())
}

/// The valence in tenths; panics (failing the build) if a valence ever had
/// more than one decimal, since the table could not hold it exactly.
fn tenths(valence: f64) -> i8 {
    let tenths = (valence * 10.0).round();
    assert!(
        tenths / 10.0 == valence && tenths.abs() < 127.0,
        "valence {valence} is not a whole number of tenths"
    );
    tenths as i8
}

fn write_words(source: &mut String) {
    let mut words: BTreeMap<String, WordEntry> = BTreeMap::new();
    for (word, valence) in lexicon() {
        words.entry(word).or_default().valence_tenths = tenths(valence);
    }
    for line in list_lines(BOOSTERS) {
        let (word, scalar) = line.split_once('\t').expect("word<TAB>scalar");
        let sign = match scalar {
            "0.293" => 1,
            "-0.293" => -1,
            other => panic!("booster scalars are ±0.293 (B_INCR/B_DECR), not {other}"),
        };
        words.entry(word.to_owned()).or_default().booster_sign = sign;
    }
    for word in list_lines(NEGATIONS) {
        words.entry(word).or_default().negation = true;
    }
    for word in RULE_WORDS {
        words.entry(word.to_owned()).or_default().rule = rule_variant(word);
    }
    let (words, values): (Vec<String>, Vec<WordEntry>) = words.into_iter().unzip();
    write_word_list(source, &words, &values);
    let keys: Vec<WordKey> = words
        .iter()
        .map(|word| {
            WordKey::new(word.as_bytes())
                .unwrap_or_else(|| panic!("{word:?} is longer than a WordKey holds"))
        })
        .collect();
    let (short, long): (Vec<usize>, Vec<usize>) =
        (0..keys.len()).partition(|&i| keys[i].length() <= 8);
    let short_slot = |index: Option<usize>| match index {
        Some(index) => format!(
            "ShortSlot {{ head: {}, length: {}, word: {:?} }}",
            keys[index].0[0],
            keys[index].length(),
            values[index]
        ),
        None => "<ShortSlot as Slot>::EMPTY".to_owned(),
    };
    let long_slot = |index: Option<usize>| match index {
        Some(index) => format!(
            "LongSlot {{ key: {:?}, word: {:?} }}",
            keys[index], values[index]
        ),
        None => "<LongSlot as Slot>::EMPTY".to_owned(),
    };
    write_table(
        source,
        "SHORT",
        "ShortSlot",
        "of at most eight bytes",
        &keys,
        &short,
        short_slot,
    );
    write_table(
        source,
        "LONG",
        "LongSlot",
        "of nine bytes or more",
        &keys,
        &long,
        long_slot,
    );
}

/// Writes the compact form of the word tables, which the extension's wasm
/// carries instead of the tables and unfolds into them on first use
/// (`WordTable::unfold` in `lexicon.rs`): every word in order, one per
/// line; each one's valence in tenths; and the few words that are more than
/// a valence (boosters, negations, rule words) with their whole entry.
fn write_word_list(source: &mut String, words: &[String], values: &[WordEntry]) {
    let list: String = words.iter().map(|word| format!("{word}\n")).collect();
    let valences: Vec<i8> = values.iter().map(|value| value.valence_tenths).collect();
    let extras: Vec<String> = values
        .iter()
        .enumerate()
        .filter(|(_, value)| value.booster_sign != 0 || value.negation || value.rule != "Other")
        .map(|(index, value)| format!("({index}, {value:?})"))
        .collect();
    let compact = "#[cfg(any(target_family = \"wasm\", test))]";
    writeln!(
        source,
        "/// Every word VADER knows, in order, each ended by a newline.\n\
         {compact}\nstatic WORD_LIST: &str = {list:?};\n\
         /// Each word's lexicon valence in tenths (`i8::MIN`: none), in order.\n\
         {compact}\nstatic WORD_VALENCES: [i8; {}] = {valences:?};\n\
         /// The words that are more than a valence, by index, with their entry.\n\
         {compact}\nstatic WORD_EXTRAS: [(u16, Word); {}] = [{}];",
        valences.len(),
        extras.len(),
        extras.join(", ")
    )
    .unwrap();
}

/// Writes the perfect-hash table `{prefix}_WORDS` of the keys at `members`,
/// each slot printed by `slot` from the index of the key it holds (native),
/// and its placement and pilots (`{prefix}_PLACEMENT`, `{prefix}_PILOTS`)
/// for the wasm's compact form.
fn write_table(
    source: &mut String,
    prefix: &str,
    slot_type: &str,
    which: &str,
    keys: &[WordKey],
    members: &[usize],
    slot: impl Fn(Option<usize>) -> String,
) {
    let member_keys: Vec<WordKey> = members.iter().map(|&i| keys[i]).collect();
    let (placement, pilots, slots) = place(&member_keys);
    let mut filter = vec![0u64; Placement::FILTER_WORDS];
    for key in &member_keys {
        let (word, bits) = Placement::filter_bits(key.hash(placement.seed));
        filter[word] |= bits;
    }
    let slots: Vec<String> = slots
        .iter()
        .map(|index| slot(index.map(|index| members[index])))
        .collect();
    writeln!(
        source,
        "/// The words VADER knows {which}: lexicon valences, boosters,\n\
         /// negations and the words the rules compare with.\n\
         #[cfg(not(target_family = \"wasm\"))]\n\
         static {prefix}_WORDS: WordTable<{slot_type}> = WordTable {{ placement: {prefix}_PLACEMENT, filter: {filter:?}, pilots: &{prefix}_PILOTS, slots: &[{}] }};\n\
         /// Where the table of the words {which} places them.\n\
         const {prefix}_PLACEMENT: Placement = {placement:?};\n\
         /// The pilot of each bucket of the table of the words {which}.\n\
         static {prefix}_PILOTS: [u16; {}] = {pilots:?};",
        slots.join(", "),
        pilots.len()
    )
    .unwrap();
}

/// A perfect-hash placement of the keys (PTHash's construction): buckets of
/// about four keys, the largest first, each given the first pilot that moves
/// all its keys to free slots. Returns the placement, the pilots, and the key
/// index in each slot.
fn place(keys: &[WordKey]) -> (Placement, Vec<u16>, Vec<Option<usize>>) {
    let buckets = keys.len() as u64 / 4 + 1;
    let slots = keys.len() as u64 * 100 / 97 + 1;
    for seed in 0..64u64 {
        let placement = Placement {
            seed: seed.wrapping_mul(0x9e37_79b9_7f4a_7c15),
            buckets,
            slots,
        };
        let hashes: Vec<u64> = keys.iter().map(|key| key.hash(placement.seed)).collect();
        let mut sorted = hashes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        if sorted.len() < hashes.len() {
            continue;
        }
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); buckets as usize];
        for (index, hash) in hashes.iter().enumerate() {
            members[placement.bucket(*hash)].push(index);
        }
        let mut order: Vec<usize> = (0..members.len()).collect();
        order.sort_by_key(|bucket| std::cmp::Reverse(members[*bucket].len()));
        let mut pilots = vec![0u16; buckets as usize];
        let mut taken: Vec<Option<usize>> = vec![None; slots as usize];
        let placed = order.iter().all(|&bucket| {
            let found = (0..=u16::MAX).find(|&pilot| {
                let mut chosen: Vec<usize> = members[bucket]
                    .iter()
                    .map(|&index| placement.slot(hashes[index], pilot))
                    .collect();
                chosen.sort_unstable();
                let distinct = chosen.windows(2).all(|pair| pair[0] != pair[1]);
                distinct && chosen.iter().all(|&slot| taken[slot].is_none())
            });
            let Some(pilot) = found else { return false };
            pilots[bucket] = pilot;
            for &index in &members[bucket] {
                taken[placement.slot(hashes[index], pilot)] = Some(index);
            }
            true
        });
        if placed {
            return (placement, pilots, taken);
        }
    }
    panic!("no perfect-hash placement found: two words may share a hash; change WordKey::hash");
}

fn write_emoji(source: &mut String) {
    let mut entries = BTreeMap::new();
    for line in python_lines(EMOJI_LEXICON) {
        let mut fields = line.trim().split('\t');
        let emoji = fields.next().expect("an emoji");
        let description = fields
            .next()
            .unwrap_or_else(|| panic!("bad emoji line {line:?}"));
        let mut chars = emoji.chars();
        if let (Some(code_point), None) = (chars.next(), chars.next()) {
            entries.insert(code_point, description.to_owned());
        }
    }
    let code_points: Vec<String> = entries
        .keys()
        .map(|code_point| format!("'\\u{{{:x}}}'", u32::from(*code_point)))
        .collect();
    let text: String = entries.values().map(String::as_str).collect();
    let ends: Vec<u16> = entries
        .values()
        .scan(0usize, |end, description| {
            *end += description.len();
            Some(u16::try_from(*end).expect("the emoji descriptions fit u16 offsets"))
        })
        .collect();
    writeln!(
        source,
        "/// The emoji VADER describes, single code points in ascending order.\n\
         static EMOJI_CODE_POINTS: [char; {count}] = [{}];\n\
         /// Where each emoji's description ends in [`EMOJI_TEXT`] (it starts\n\
         /// where the previous one ends).\n\
         static EMOJI_ENDS: [u16; {count}] = {ends:?};\n\
         /// Every emoji description, joined in [`EMOJI_CODE_POINTS`] order.\n\
         static EMOJI_TEXT: &str = {text:?};",
        code_points.join(", "),
        count = code_points.len(),
    )
    .unwrap();
}
