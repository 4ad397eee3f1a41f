//! The common rules of a guideline as form fields, read from and written
//! back into the same TOML file with `toml_edit`: only the fields the form
//! shows change; comments, order and every other rule are kept.

use socialcare_pages::i18n::{t, t_with};
use toml_edit::{Array, DocumentMut, Item, Table, TableLike, Value};

/// What kind of value a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A string.
    Text,
    /// A list of strings, edited comma-separated.
    List,
    /// A boolean.
    Flag,
    /// A whole number (empty for none).
    Number,
    /// `info`, `warn` or `block`.
    Severity,
}

/// One field of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// Its key in the rule's table.
    pub key: &'static str,
    /// Its label's message key (see [`FieldSpec::label`]).
    pub label_key: &'static str,
    /// Its kind.
    pub kind: FieldKind,
}

/// A rule the form shows: a table of the file, present or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleSpec {
    /// Its name's message key (see [`RuleSpec::name`]).
    pub name_key: &'static str,
    /// The table's path, e.g. `required.greeting`.
    pub path: &'static [&'static str],
    /// The fields shown.
    pub fields: &'static [FieldSpec],
    /// What a newly switched-on rule starts with (`key`, TOML value).
    pub defaults: &'static [(&'static str, &'static str)],
}

impl FieldSpec {
    /// Its label, in the browser's UI language.
    pub fn label(&self) -> String {
        t(self.label_key)
    }
}

impl RuleSpec {
    /// Its name in the form, in the browser's UI language.
    pub fn name(&self) -> String {
        t(self.name_key)
    }
}

const fn field(key: &'static str, label_key: &'static str, kind: FieldKind) -> FieldSpec {
    FieldSpec {
        key,
        label_key,
        kind,
    }
}

const SEVERITY: FieldSpec = field("severity", "console_rule_severity", FieldKind::Severity);

/// The rules the form shows, in its order.
pub const RULES: [RuleSpec; 6] = [
    RuleSpec {
        name_key: "console_rule_greeting",
        path: &["required", "greeting"],
        fields: &[
            field("words", "console_rule_greeting_words", FieldKind::List),
            field(
                "use_name",
                "console_rule_greeting_use_name",
                FieldKind::Flag,
            ),
            SEVERITY,
        ],
        defaults: &[("words", r#"["Hi", "Hello"]"#), ("severity", r#""warn""#)],
    },
    RuleSpec {
        name_key: "console_rule_signature",
        path: &["required", "signature"],
        fields: &[
            field("format", "console_rule_signature_format", FieldKind::Text),
            SEVERITY,
        ],
        defaults: &[("format", r#""*{initials}""#), ("severity", r#""warn""#)],
    },
    RuleSpec {
        name_key: "console_rule_empathy",
        path: &["required", "empathy"],
        fields: &[
            field("phrases", "console_rule_empathy_phrases", FieldKind::List),
            field(
                "suggestion",
                "console_rule_empathy_suggestion",
                FieldKind::Text,
            ),
            SEVERITY,
        ],
        defaults: &[
            ("phrases", r#"["sorry", "understand"]"#),
            ("severity", r#""warn""#),
        ],
    },
    RuleSpec {
        name_key: "console_rule_length",
        path: &["length"],
        fields: &[
            field(
                "facebook",
                "console_rule_length_facebook",
                FieldKind::Number,
            ),
            field(
                "instagram",
                "console_rule_length_instagram",
                FieldKind::Number,
            ),
            SEVERITY,
        ],
        defaults: &[("severity", r#""block""#)],
    },
    RuleSpec {
        name_key: "console_rule_privacy",
        path: &["privacy"],
        fields: &[
            field("emails", "console_rule_privacy_emails", FieldKind::Flag),
            field("phones", "console_rule_privacy_phones", FieldKind::Flag),
            field("cards", "console_rule_privacy_cards", FieldKind::Flag),
            SEVERITY,
        ],
        defaults: &[
            ("emails", "true"),
            ("phones", "true"),
            ("cards", "true"),
            ("severity", r#""block""#),
        ],
    },
    RuleSpec {
        name_key: "console_rule_links",
        path: &["links"],
        fields: &[
            field(
                "allowed_domains",
                "console_rule_links_domains",
                FieldKind::List,
            ),
            SEVERITY,
        ],
        defaults: &[("allowed_domains", "[]"), ("severity", r#""warn""#)],
    },
];

/// A banned phrase and what to say instead.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BannedPhrase {
    /// The phrase.
    pub phrase: String,
    /// What to say instead (empty for none).
    pub replacement: String,
    /// `info`, `warn` or `block`.
    pub severity: String,
}

/// Reads the file; `Err` with the parser's words when it is not TOML.
pub fn parse(source: &str) -> Result<DocumentMut, String> {
    source
        .parse::<DocumentMut>()
        .map_err(|error| error.to_string())
}

fn table_at<'a>(doc: &'a DocumentMut, path: &[&str]) -> Option<&'a dyn TableLike> {
    let mut table: &dyn TableLike = doc.as_table();
    for part in path {
        table = table.get(part)?.as_table_like()?;
    }
    Some(table)
}

fn table_at_mut<'a>(doc: &'a mut DocumentMut, path: &[&str]) -> Option<&'a mut dyn TableLike> {
    let mut table: &mut dyn TableLike = doc.as_table_mut();
    for part in path {
        table = table.get_mut(part)?.as_table_like_mut()?;
    }
    Some(table)
}

/// Whether the rule is in the file.
pub fn has_rule(doc: &DocumentMut, rule: &RuleSpec) -> bool {
    table_at(doc, rule.path).is_some()
}

/// A field's value as the form shows it (empty when absent): lists comma
/// separated, flags `true` or `false`.
pub fn field_text(doc: &DocumentMut, rule: &RuleSpec, field: &FieldSpec) -> String {
    let Some(value) = table_at(doc, rule.path)
        .and_then(|table| table.get(field.key))
        .and_then(Item::as_value)
    else {
        return String::new();
    };
    match value {
        Value::String(text) => text.value().clone(),
        Value::Integer(number) => number.value().to_string(),
        Value::Boolean(flag) => flag.value().to_string(),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string().trim().to_owned(),
    }
}

/// Switches a rule on (with its defaults) or off (its table removed).
pub fn set_rule(doc: &mut DocumentMut, rule: &RuleSpec, on: bool) {
    let (parents, name) = rule.path.split_at(rule.path.len() - 1);
    let mut table: &mut dyn TableLike = doc.as_table_mut();
    for part in parents {
        if table.get(part).is_none() {
            let mut implicit = Table::new();
            implicit.set_implicit(true);
            table.insert(part, Item::Table(implicit));
        }
        let Some(next) = table.get_mut(part).and_then(Item::as_table_like_mut) else {
            return;
        };
        table = next;
    }
    if !on {
        table.remove(name[0]);
    } else if table.get(name[0]).is_none() {
        let mut new = Table::new();
        for (key, default) in rule.defaults {
            if let Ok(value) = default.parse::<Value>() {
                new.insert(key, Item::Value(value));
            }
        }
        table.insert(name[0], Item::Table(new));
    }
}

/// The comma-separated entries of a list field, trimmed.
pub fn comma_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Sets a field from form text; an empty text or number removes it. A
/// number that does not read is an error, and nothing changes.
pub fn set_field(
    doc: &mut DocumentMut,
    rule: &RuleSpec,
    field: &FieldSpec,
    text: &str,
) -> Result<(), String> {
    let value = match field.kind {
        FieldKind::Text | FieldKind::Severity if text.is_empty() => None,
        FieldKind::Text | FieldKind::Severity => Some(Value::from(text)),
        FieldKind::List => Some(Value::Array(
            comma_list(text).into_iter().collect::<Array>(),
        )),
        FieldKind::Flag => Some(Value::from(text == "true")),
        FieldKind::Number if text.trim().is_empty() => None,
        FieldKind::Number => {
            Some(Value::from(text.trim().parse::<i64>().map_err(|_| {
                t_with("console_rule_not_a_number", &[&field.label(), text])
            })?))
        }
    };
    let table = table_at_mut(doc, rule.path)
        .ok_or_else(|| t_with("console_rule_missing", &[&rule.name()]))?;
    match value {
        Some(value) => match table.get_mut(field.key) {
            Some(Item::Value(existing)) => {
                let decor = existing.decor().clone();
                *existing = value;
                *existing.decor_mut() = decor;
            }
            _ => {
                table.insert(field.key, Item::Value(value));
            }
        },
        None => {
            table.remove(field.key);
        }
    }
    Ok(())
}

/// The banned phrases (`[[terms.banned]]`), in the file's order.
pub fn banned_phrases(doc: &DocumentMut) -> Vec<BannedPhrase> {
    let text = |table: &Table, key: &str| {
        table
            .get(key)
            .and_then(Item::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    doc.get("terms")
        .and_then(|terms| terms.get("banned"))
        .and_then(Item::as_array_of_tables)
        .map(|banned| {
            banned
                .iter()
                .map(|table| BannedPhrase {
                    phrase: text(table, "phrase"),
                    replacement: text(table, "replacement"),
                    severity: text(table, "severity"),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Writes the banned phrases: the first ones update the file's tables in
/// place (only the values that changed; other keys, such as `why`, and
/// comments are kept), the rest are added, and tables beyond the list are
/// removed.
pub fn set_banned_phrases(doc: &mut DocumentMut, phrases: &[BannedPhrase]) {
    let terms = doc.as_table_mut().entry("terms").or_insert_with(|| {
        let mut implicit = Table::new();
        implicit.set_implicit(true);
        Item::Table(implicit)
    });
    let Some(terms) = terms.as_table_like_mut() else {
        return;
    };
    if terms
        .get("banned")
        .and_then(Item::as_array_of_tables)
        .is_none()
    {
        terms.insert("banned", Item::ArrayOfTables(Default::default()));
    }
    let Some(banned) = terms
        .get_mut("banned")
        .and_then(Item::as_array_of_tables_mut)
    else {
        return;
    };
    while banned.len() > phrases.len() {
        banned.remove(banned.len() - 1);
    }
    for (index, phrase) in phrases.iter().enumerate() {
        if index == banned.len() {
            banned.push(Table::new());
        }
        let Some(table) = banned.get_mut(index) else {
            return;
        };
        for (key, text) in [
            ("phrase", &phrase.phrase),
            ("replacement", &phrase.replacement),
            ("severity", &phrase.severity),
        ] {
            if text.is_empty() {
                table.remove(key);
            } else if table.get(key).and_then(Item::as_str) != Some(text.as_str()) {
                table.insert(key, toml_edit::value(text.as_str()));
            }
        }
    }
}
