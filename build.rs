//! Compiles the VADER 3.3.2 lexicons (`src/sentiment/data/`) into static
//! perfect-hash tables, so the analyser does no parsing at first use (native
//! or wasm).
//!
//! Parsing mirrors `vaderSentiment.py` 3.3.2 exactly: the file is split on
//! `\n`, each line is `strip()`ped and split on tabs, and a later duplicate
//! key overwrites an earlier one (Python `dict` assignment). The emoji map
//! keeps only single-code-point keys: the reference looks emoji up code point
//! by code point, so a multi-code-point key can never match.

use std::collections::BTreeMap;
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const LEXICON: &str = "src/sentiment/data/vader_lexicon.txt";
const EMOJI_LEXICON: &str = "src/sentiment/data/emoji_utf8_lexicon.txt";

fn main() {
    println!("cargo:rerun-if-changed={LEXICON}");
    println!("cargo:rerun-if-changed={EMOJI_LEXICON}");
    println!("cargo:rerun-if-changed=build.rs");

    let mut source = String::new();
    write_lexicon(&mut source);
    write_emoji(&mut source);
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("vader_tables.rs");
    fs::write(out, source).expect("write the generated VADER tables");
}

/// The lines of a lexicon file as Python's `rstrip('\n').split('\n')` sees them.
fn python_lines(path: &str) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    text.trim_end_matches('\n').split('\n').map(str::to_owned).collect()
}

fn write_lexicon(source: &mut String) {
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
    let mut map = phf_codegen::Map::new();
    for (word, measure) in &entries {
        map.entry(word.as_str(), &format!("{measure:?}"));
    }
    writeln!(
        source,
        "/// VADER's word valences (7,500 entries), keyed by the exact lexicon spelling.\n\
         pub static LEXICON: phf::Map<&'static str, f64> = {};",
        map.build()
    )
    .unwrap();
}

fn write_emoji(source: &mut String) {
    let mut entries = BTreeMap::new();
    for line in python_lines(EMOJI_LEXICON) {
        let mut fields = line.trim().split('\t');
        let emoji = fields.next().expect("an emoji");
        let description = fields.next().unwrap_or_else(|| panic!("bad emoji line {line:?}"));
        let mut chars = emoji.chars();
        if let (Some(code_point), None) = (chars.next(), chars.next()) {
            entries.insert(code_point, description.to_owned());
        }
    }
    let mut map = phf_codegen::Map::new();
    for (code_point, description) in &entries {
        map.entry(*code_point, &format!("{description:?}"));
    }
    writeln!(
        source,
        "/// VADER's emoji descriptions, keyed by single code point.\n\
         pub static EMOJI: phf::Map<char, &'static str> = {};",
        map.build()
    )
    .unwrap();
}
