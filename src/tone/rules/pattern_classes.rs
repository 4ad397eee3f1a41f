//! Which Unicode classes a team's own pattern (`[[privacy.patterns]]`) may
//! use: the general categories (`\p{L}`, `\p{Lu}`, `\p{Nd}`,
//! `\p{gc=Letter}`…), `\p{Any}`, `\p{ASCII}` and `\p{Assigned}`, and the
//! Perl classes (`\w`, `\d`, `\s`, `\b`). Scripts (`\p{Greek}`), script
//! extensions, ages, binary properties (`\p{Emoji}`, `\p{Alphabetic}`) and
//! segmentation classes are refused: their tables are left out of the
//! extension's tone module (the root `Cargo.toml`'s `regex` features), and
//! every build (the store's, the CLI's, the extension's) refuses the same
//! patterns, whatever other crates enable.

use regex_syntax::ast::{self, Ast, ClassSetItem, ClassUnicode, ClassUnicodeKind, Visitor};
use std::ops::Range;

/// The general categories' names and aliases (Unicode's
/// `PropertyValueAliases.txt`, `gc`), loosely normalised (lowercase, no
/// spaces, dashes or underscores), and the three special classes.
const GENERAL_CATEGORIES: [&str; 82] = [
    "any",
    "ascii",
    "assigned",
    "c",
    "other",
    "casedletter",
    "lc",
    "cc",
    "control",
    "cntrl",
    "cf",
    "format",
    "closepunctuation",
    "pe",
    "cn",
    "unassigned",
    "co",
    "privateuse",
    "combiningmark",
    "m",
    "mark",
    "connectorpunctuation",
    "pc",
    "cs",
    "surrogate",
    "currencysymbol",
    "sc",
    "dashpunctuation",
    "pd",
    "decimalnumber",
    "nd",
    "digit",
    "enclosingmark",
    "me",
    "finalpunctuation",
    "pf",
    "initialpunctuation",
    "pi",
    "l",
    "letter",
    "letternumber",
    "nl",
    "lineseparator",
    "zl",
    "ll",
    "lowercaseletter",
    "lm",
    "modifierletter",
    "lo",
    "otherletter",
    "lt",
    "titlecaseletter",
    "lu",
    "uppercaseletter",
    "mathsymbol",
    "sm",
    "mc",
    "spacingmark",
    "mn",
    "nonspacingmark",
    "modifiersymbol",
    "sk",
    "n",
    "number",
    "no",
    "othernumber",
    "openpunctuation",
    "ps",
    "otherpunctuation",
    "po",
    "othersymbol",
    "so",
    "p",
    "punct",
    "punctuation",
    "paragraphseparator",
    "zp",
    "s",
    "symbol",
    "separator",
    "z",
    "spaceseparator",
];

/// The names of the general category property itself (`\p{gc=Lu}`).
const GENERAL_CATEGORY_NAMES: [&str; 2] = ["gc", "generalcategory"];

/// A Unicode class a pattern may not use: the class as written and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsupportedClass {
    /// The class as the pattern writes it (`\p{Greek}`).
    pub class: String,
    /// Its byte range in the pattern.
    pub span: Range<usize>,
}

/// The first Unicode class of `pattern` outside the supported ones, if any.
/// A pattern that does not parse has none (the regex compiler then says
/// what is wrong with it).
pub fn unsupported_class(pattern: &str) -> Option<UnsupportedClass> {
    let ast = ast::parse::Parser::new().parse(pattern).ok()?;
    ast::visit(&ast, FirstUnsupported)
        .err()
        .map(|span| UnsupportedClass {
            class: pattern[span.clone()].to_owned(),
            span,
        })
}

/// Whether a class is among the supported ones.
fn is_supported(class: &ClassUnicode) -> bool {
    match &class.kind {
        // One letter: always a general category (`\pL`, `\pN`).
        ClassUnicodeKind::OneLetter(_) => true,
        ClassUnicodeKind::Named(name) => GENERAL_CATEGORIES.contains(&loose(name).as_str()),
        ClassUnicodeKind::NamedValue { name, value, .. } => {
            GENERAL_CATEGORY_NAMES.contains(&loose(name).as_str())
                && GENERAL_CATEGORIES.contains(&loose(value).as_str())
        }
    }
}

/// A property name as Unicode matches it loosely (UAX #44, LM3): case,
/// spaces, dashes, underscores and a leading `is` ignored.
fn loose(name: &str) -> String {
    let name: String = name
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect();
    match name.strip_prefix("is") {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => name,
    }
}

/// Stops the walk at the first unsupported class, with its span.
struct FirstUnsupported;

impl FirstUnsupported {
    fn check(class: &ClassUnicode) -> Result<(), Range<usize>> {
        if is_supported(class) {
            Ok(())
        } else {
            Err(class.span.start.offset..class.span.end.offset)
        }
    }
}

impl Visitor for FirstUnsupported {
    type Output = ();
    type Err = Range<usize>;

    fn finish(self) -> Result<(), Range<usize>> {
        Ok(())
    }

    fn visit_pre(&mut self, ast: &Ast) -> Result<(), Range<usize>> {
        match ast {
            Ast::ClassUnicode(class) => Self::check(class),
            _ => Ok(()),
        }
    }

    fn visit_class_set_item_pre(&mut self, item: &ClassSetItem) -> Result<(), Range<usize>> {
        match item {
            ClassSetItem::Unicode(class) => Self::check(class),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_categories_and_perl_classes_are_supported() {
        for pattern in [
            r"\p{Lu}{1,4}",
            r"\pL+\d",
            r"[\p{Uppercase_Letter}\p{Nd}-]+",
            r"\p{gc=Lu}",
            r"\P{ Decimal Number }",
            r"\p{IsLu}",
            r"(?i)\bORD-\w+\s",
            r"[[:alpha:]]\p{ASCII}",
        ] {
            assert_eq!(unsupported_class(pattern), None, "{pattern}");
        }
    }

    #[test]
    fn scripts_binary_properties_and_segmentation_classes_are_named() {
        for (pattern, class) in [
            (r"ORD-\p{Greek}+", r"\p{Greek}"),
            (r"[a-z\p{Emoji}]", r"\p{Emoji}"),
            (r"\p{sc=Latin}", r"\p{sc=Latin}"),
            (r"\P{Alphabetic}", r"\P{Alphabetic}"),
            (r"\p{Age=6.0}", r"\p{Age=6.0}"),
            (r"\p{Word_Break=ALetter}", r"\p{Word_Break=ALetter}"),
        ] {
            let found = unsupported_class(pattern).expect(pattern);
            assert_eq!(found.class, class);
            assert_eq!(&pattern[found.span], class);
        }
    }

    #[test]
    fn a_pattern_that_does_not_parse_is_left_to_the_regex_compiler() {
        assert_eq!(unsupported_class(r"\p{Greek"), None);
    }
}
