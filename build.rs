//! Compiles the VADER 3.3.2 word lists (`src/sentiment/data/`) into static
//! perfect-hash tables (`quickphf`: PTHash with wyhash), so the analyser does
//! no parsing at first use (native or wasm). The lexicon, the boosters and the negations go into one table of
//! [`Word`]s, so scoring looks each token up once.
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

const LEXICON: &str = "src/sentiment/data/vader_lexicon.txt";
const EMOJI_LEXICON: &str = "src/sentiment/data/emoji_utf8_lexicon.txt";
const BOOSTERS: &str = "src/sentiment/data/boosters.tsv";
const NEGATIONS: &str = "src/sentiment/data/negations.txt";

/// Every word the rules compare tokens with (`src/sentiment/vader.rs` and the
/// idioms and dampener pairs of `lexicon.rs`). They get an entry even when
/// they carry no valence, so a token missing from the table can equal none
/// of them and needs no lowercase copy of its own.
const RULE_WORDS: [&str; 33] = [
    "ass", "at", "bad", "beating", "bomb", "bus", "but", "death", "die", "doubt", "enough", "for",
    "heart", "just", "kind", "kiss", "least", "never", "no", "nor", "of", "or", "right", "shit",
    "so", "sort", "stop", "the", "this", "to", "very", "without", "yeah",
];

fn main() {
    for input in [LEXICON, EMOJI_LEXICON, BOOSTERS, NEGATIONS, "build.rs"] {
        println!("cargo:rerun-if-changed={input}");
    }

    let mut source = String::new();
    write_words(&mut source);
    write_emoji(&mut source);
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("vader_tables.rs");
    fs::write(out, source).expect("write the generated VADER tables");
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
}

impl Default for WordEntry {
    fn default() -> Self {
        WordEntry {
            valence_tenths: i8::MIN,
            booster_sign: 0,
            negation: false,
        }
    }
}

impl fmt::Debug for WordEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Word {{ valence_tenths: {}, booster_sign: {}, negation: {} }}",
            self.valence_tenths, self.booster_sign, self.negation
        )
    }
}

impl quickphf_codegen::DebugInstantiable for WordEntry {}

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
        words.entry(word.to_owned()).or_default();
    }
    let (keys, values): (Vec<String>, Vec<WordEntry>) = words.into_iter().unzip();
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    writeln!(
        source,
        "/// Every word VADER knows: lexicon valences, boosters and negations.\n\
         pub static WORDS: quickphf::PhfMap<&'static str, Word> = {};",
        quickphf_codegen::build_map(&keys, &values)
    )
    .unwrap();
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
    let keys: Vec<char> = entries.keys().copied().collect();
    let values: Vec<&str> = entries.values().map(String::as_str).collect();
    writeln!(
        source,
        "/// VADER's emoji descriptions, keyed by single code point.\n\
         pub static EMOJI: quickphf::PhfMap<char, &'static str> = {};",
        quickphf_codegen::build_map(&keys, &values)
    )
    .unwrap();
}
