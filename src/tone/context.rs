//! What a check or a rendering knows about the conversation: the customer,
//! the agent, the ticket and the answers to a template's prompts. Read from
//! the JSON given with `--context`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The customer being answered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    /// Full display name (`Ana López`).
    pub name: Option<String>,
    /// First name (`Ana`); taken from `name` when absent.
    pub first_name: Option<String>,
    /// Handle on the platform (`@ana`).
    pub handle: Option<String>,
    /// The customer's message being answered (decides whether empathy is required).
    pub message: Option<String>,
}

impl Customer {
    /// The first name, or the first word of the full name.
    pub fn first_name(&self) -> Option<&str> {
        self.first_name
            .as_deref()
            .or_else(|| self.name.as_deref()?.split_whitespace().next())
            .filter(|name| !name.trim().is_empty())
    }
}

/// The agent writing the reply.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agent {
    /// Full name (`Kim Lee`).
    pub name: Option<String>,
    /// Initials used in signatures (`KL`); taken from `name` when absent.
    pub initials: Option<String>,
}

impl Agent {
    /// The initials, or the initials of the name's words.
    pub fn initials(&self) -> Option<String> {
        if let Some(initials) = self.initials.as_deref().filter(|i| !i.trim().is_empty()) {
            return Some(initials.trim().to_owned());
        }
        let from_name: String = self
            .name
            .as_deref()?
            .split_whitespace()
            .filter_map(|word| word.chars().next())
            .flat_map(char::to_uppercase)
            .collect();
        (!from_name.is_empty()).then_some(from_name)
    }
}

/// The ticket the reply belongs to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ticket {
    /// The ticket's id (`T-1042`).
    pub id: Option<String>,
}

/// Everything a check or a rendering may use about the conversation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyContext {
    /// The customer.
    #[serde(default)]
    pub customer: Customer,
    /// The agent.
    #[serde(default)]
    pub agent: Agent,
    /// The ticket.
    #[serde(default)]
    pub ticket: Ticket,
    /// Answers to a template's fill-in prompts, by prompt id.
    #[serde(default)]
    pub prompts: BTreeMap<String, String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_first_name_and_initials() {
        let context: ReplyContext =
            serde_json::from_str(r#"{"customer":{"name":"Ana López"},"agent":{"name":"kim lee"}}"#)
                .unwrap();
        assert_eq!(context.customer.first_name(), Some("Ana"));
        assert_eq!(context.agent.initials().as_deref(), Some("KL"));
    }

    #[test]
    fn rejects_unknown_fields() {
        assert!(serde_json::from_str::<ReplyContext>(r#"{"custmer":{}}"#).is_err());
    }
}
