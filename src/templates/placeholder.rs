//! Placeholders in a template body: `{{customer.first_name|there}}`,
//! `{{agent.initials}}`, `{{ticket.id}}`, `{{prompt.new_date}}`, each with
//! an optional fallback after `|`.

use std::fmt;

/// What a placeholder stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// `customer.first_name`.
    CustomerFirstName,
    /// `customer.name`.
    CustomerName,
    /// `customer.handle`.
    CustomerHandle,
    /// `agent.name`.
    AgentName,
    /// `agent.initials`.
    AgentInitials,
    /// `ticket.id`.
    TicketId,
    /// `prompt.<id>`: the agent's answer to a fill-in prompt.
    Prompt(String),
}

/// Every placeholder name a template may use, besides `prompt.<id>`.
pub const KNOWN_FIELDS: [&str; 6] = [
    "customer.first_name",
    "customer.name",
    "customer.handle",
    "agent.name",
    "agent.initials",
    "ticket.id",
];

impl Field {
    fn parse(name: &str) -> Option<Field> {
        Some(match name {
            "customer.first_name" => Field::CustomerFirstName,
            "customer.name" => Field::CustomerName,
            "customer.handle" => Field::CustomerHandle,
            "agent.name" => Field::AgentName,
            "agent.initials" => Field::AgentInitials,
            "ticket.id" => Field::TicketId,
            _ => {
                let id = name.strip_prefix("prompt.")?;
                let valid = !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                return valid.then(|| Field::Prompt(id.to_owned()));
            }
        })
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Prompt(id) => write!(f, "prompt.{id}"),
            Field::CustomerFirstName => f.write_str(KNOWN_FIELDS[0]),
            Field::CustomerName => f.write_str(KNOWN_FIELDS[1]),
            Field::CustomerHandle => f.write_str(KNOWN_FIELDS[2]),
            Field::AgentName => f.write_str(KNOWN_FIELDS[3]),
            Field::AgentInitials => f.write_str(KNOWN_FIELDS[4]),
            Field::TicketId => f.write_str(KNOWN_FIELDS[5]),
        }
    }
}

/// A piece of a parsed body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Literal text.
    Text(String),
    /// A placeholder with its fallback, if any.
    Placeholder {
        /// What it stands for.
        field: Field,
        /// Used when the value is missing.
        fallback: Option<String>,
    },
}

/// Why a body could not be parsed; `offset` is in bytes from the body's start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlaceholderError {
    /// `{{` with no `}}`.
    #[error("`{{{{` at byte {offset} is never closed with `}}}}`")]
    Unclosed {
        /// Where the `{{` is.
        offset: usize,
    },
    /// A name that is no known placeholder.
    #[error("unknown placeholder {{{{{name}}}}}; known: {}, prompt.<id>", KNOWN_FIELDS.join(", "))]
    Unknown {
        /// The name as written.
        name: String,
        /// Where the placeholder starts.
        offset: usize,
    },
}

impl PlaceholderError {
    /// Byte offset of the problem in the body.
    pub fn offset(&self) -> usize {
        match self {
            PlaceholderError::Unclosed { offset } | PlaceholderError::Unknown { offset, .. } => {
                *offset
            }
        }
    }
}

/// Splits a body into text and placeholders.
pub fn parse_body(body: &str) -> Result<Vec<Segment>, PlaceholderError> {
    let mut segments = Vec::new();
    let mut rest = body;
    let mut consumed = 0;
    while let Some(open) = rest.find("{{") {
        if open > 0 {
            segments.push(Segment::Text(rest[..open].to_owned()));
        }
        let offset = consumed + open;
        let inner_start = open + 2;
        let close = rest[inner_start..]
            .find("}}")
            .ok_or(PlaceholderError::Unclosed { offset })?;
        let inner = &rest[inner_start..inner_start + close];
        let (name, fallback) = match inner.split_once('|') {
            Some((name, fallback)) => (name.trim(), Some(fallback.trim().to_owned())),
            None => (inner.trim(), None),
        };
        let field = Field::parse(name).ok_or_else(|| PlaceholderError::Unknown {
            name: name.to_owned(),
            offset,
        })?;
        segments.push(Segment::Placeholder { field, fallback });
        let next = inner_start + close + 2;
        consumed += next;
        rest = &rest[next..];
    }
    if !rest.is_empty() {
        segments.push(Segment::Text(rest.to_owned()));
    }
    Ok(segments)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_placeholders_with_fallbacks() {
        let segments =
            parse_body("Hi {{ customer.first_name | there }}! *{{agent.initials}}").unwrap();
        assert_eq!(segments.len(), 4);
        assert_eq!(
            segments[1],
            Segment::Placeholder {
                field: Field::CustomerFirstName,
                fallback: Some("there".into())
            }
        );
        assert_eq!(
            segments[3],
            Segment::Placeholder {
                field: Field::AgentInitials,
                fallback: None
            }
        );
    }

    #[test]
    fn rejects_unknown_and_unclosed() {
        assert_eq!(
            parse_body("Hi {{customer.nickname}}").unwrap_err(),
            PlaceholderError::Unknown {
                name: "customer.nickname".into(),
                offset: 3
            }
        );
        assert_eq!(
            parse_body("a {{ticket.id").unwrap_err(),
            PlaceholderError::Unclosed { offset: 2 }
        );
        assert!(parse_body("{{prompt.}}").is_err());
    }
}
