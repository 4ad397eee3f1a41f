//! Invalid policy files are rejected with the line, column and a clear
//! message, and never panic.

use proptest::prelude::*;
use socialcare::tone::Policy;

fn error(source: &str) -> (usize, usize, String) {
    let error = Policy::from_toml(source).expect_err("the policy should be rejected");
    (
        error.line.expect("line"),
        error.column.expect("column"),
        error.message,
    )
}

#[test]
fn toml_syntax_errors_are_located() {
    let (line, column, message) = error("version = 1\n\n[links\nallowed_domains = []\n");
    assert_eq!((line, column), (3, 7), "{message}");
}

#[test]
fn unknown_fields_and_bad_values_are_located() {
    let (line, _, message) = error("version = 1\n[style.caps]\nmax_ratio = 0.3\nmax_raito = 0.2\n");
    assert_eq!(line, 4);
    assert!(message.contains("max_raito"), "{message}");
    let (line, _, message) =
        error("version = 1\n[[terms.banned]]\nphrase = \"x\"\nseverity = \"fatal\"\n");
    assert_eq!(line, 4);
    assert!(
        message.contains("fatal") && message.contains("block"),
        "{message}"
    );
    let (line, _, message) = error("version = 1\n[style.emoji]\npolicy = \"some\"\n");
    assert_eq!(line, 3, "{message}");
}

#[test]
fn semantic_errors_are_located() {
    let (line, column, message) = error(
        "version = 1\n[privacy]\n[[privacy.patterns]]\nname = \"order\"\npattern = '(unclosed'\n",
    );
    assert_eq!((line, column), (5, 11));
    assert!(message.contains("bad pattern"), "{message}");
    let (line, _, message) = error("version = 1\n[required.signature]\nformat = \"--KL\"\n");
    assert_eq!(line, 3);
    assert!(message.contains("{initials}"), "{message}");
    let (line, _, message) = error("version = 1\n[[promises]]\nphrases = [\"ok\", \"  \"]\n");
    assert_eq!(line, 3, "{message}");
}

#[test]
fn a_pattern_using_a_unicode_class_beyond_the_general_categories_is_refused_by_name() {
    let (line, column, message) = error(
        "version = 1\n[privacy]\n[[privacy.patterns]]\nname = \"ref\"\npattern = 'REF-\\p{Greek}+'\n",
    );
    assert_eq!((line, column), (5, 11));
    assert!(
        message.contains(r"\p{Greek} is not supported") && message.contains("general categories"),
        "{message}"
    );
    let accepted = "version = 1\n[privacy]\n[[privacy.patterns]]\nname = \"ref\"\npattern = '\\p{Lu}{2}-\\d+'\n";
    assert!(
        Policy::from_toml(accepted).is_ok(),
        "general categories and \\d are supported"
    );
}

#[test]
fn the_version_is_required_and_checked() {
    let (line, column, message) = error("version = 7\n");
    assert_eq!((line, column), (1, 11));
    assert!(message.contains("version 7"), "{message}");
    let rejected = Policy::from_toml("name = \"no version\"\n").expect_err("no version");
    assert!(rejected.message.contains("version"), "{rejected}");
}

proptest! {
    #[test]
    fn arbitrary_input_never_panics(source in "\\PC{0,300}") {
        let _ = Policy::from_toml(&source);
    }

    #[test]
    fn mangled_example_never_panics(cut in 0usize..4000, insert in "[\\[\\]=\"'{}a-z0-9\\n ]{0,8}") {
        let example = include_str!("../docs/examples/policy.toml");
        let mut at = cut.min(example.len());
        while !example.is_char_boundary(at) {
            at -= 1;
        }
        let source = format!("{}{insert}{}", &example[..at], &example[at..]);
        if let Err(error) = Policy::from_toml(&source) {
            prop_assert!(!error.message.is_empty());
        }
    }
}
