//! The wire types of the sync protocol: push, pull, the live channel and errors.
//! See `docs/store.md` for the protocol in full.

use super::entity::{BodySeed, Entity, EntityKind};
use super::mutator::RejectCode;
use super::refusal::{self, Refusal};
use crate::model::ItemKey;
use serde::de::{Deserializer, Error as _, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The schema of the synced records; a cookie from another schema gets a reset.
pub const SCHEMA_VERSION: u32 = 1;
/// Most mutations in one push.
pub const MAX_MUTATIONS_PER_PUSH: usize = 500;
/// Default and largest number of changed records in one pull page.
pub const MAX_PULL_LIMIT: u32 = 5_000;
/// How long a presence entry lives without a heartbeat, in milliseconds.
pub const PRESENCE_TTL_MS: i64 = 30_000;
/// Longest accepted client id.
pub const MAX_CLIENT_ID_CHARS: usize = 64;

/// Whether a client id is 1–64 ASCII letters, digits, `-` or `_`, starting with a letter
/// or digit (ids starting with `_` are the store's own, e.g. `_admin` in the audit log).
pub fn is_valid_client_id(client_id: &str) -> bool {
    client_id
        .bytes()
        .next()
        .is_some_and(|first| first.is_ascii_alphanumeric())
        && client_id.len() <= MAX_CLIENT_ID_CHARS
        && client_id
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
}

/// One mutation in a client's outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mutation {
    /// Per-client id: 1, 2, 3… with no gaps.
    pub id: u64,
    /// The mutation's name, e.g. `ticket.set_status`.
    pub name: String,
    /// Its arguments; an unknown name or bad arguments reject this mutation alone.
    pub args: serde_json::Value,
    /// The client's hybrid logical clock when it made the mutation (see [`super::hlc`]).
    #[serde(default)]
    pub hlc: u64,
}

/// `POST /v1/push`: a batch from one client's outbox, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    /// The client (one per browser profile).
    pub client_id: String,
    /// The mutations, in id order.
    pub mutations: Vec<Mutation>,
}

/// What became of one pushed mutation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PushOutcome {
    /// Applied now.
    Applied,
    /// Rejected now (recorded; the queue moves on).
    Rejected,
    /// Seen before (applied or rejected then); nothing done.
    Duplicate,
}

/// The result for one pushed mutation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MutationResult {
    /// The mutation id.
    pub id: u64,
    /// What became of it.
    pub outcome: PushOutcome,
    /// For a rejection, its code; for an application, an optional remark such as `kept_as_conflict_copy`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// For a rejection: why, in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The team version the mutation took (none for a duplicate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u64>,
    /// For a rejection by the mutators: why, as data (absent from a store
    /// before refusals were data, and for the store's own refusals, such as
    /// an approval the guideline forbids; see [`refusal::lenient`]).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "refusal::lenient"
    )]
    pub refusal: Option<Refusal>,
}

/// The answer to a push, sent only after the batch is durably committed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    /// The highest mutation id of this client the store has (drop outbox entries up to it).
    pub last_mutation_id: u64,
    /// The team version after the commit.
    pub version: u64,
    /// One result per processed mutation, in order.
    pub results: Vec<MutationResult>,
    /// Set when the batch skipped ids: the id the store expects next (resend from it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_id: Option<u64>,
}

/// Where a client's copy stands: the team version it has fully applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cookie {
    /// The team version the client has.
    pub version: u64,
    /// The record schema the client has.
    pub schema: u32,
}

/// `POST /v1/pull`: changes since a cookie.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PullRequest {
    /// The client asking (for its last mutation id and its rejections).
    pub client_id: String,
    /// The client's cookie; none for a first sync.
    #[serde(default)]
    pub cookie: Option<Cookie>,
    /// Most records in this page (default and cap [`MAX_PULL_LIMIT`]).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// One changed record: its latest state and the version that wrote it:
/// `{"version", "id", "kind", "body"}` on the wire.
///
/// Deserialized by hand ([`ChangeVisitor`]): serde's `flatten` would buffer
/// every record through its generic `Content` first, which costs the
/// extension's worker module a second copy of every record's decoder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The team version of the record's latest write.
    pub version: u64,
    /// The record's id within its kind.
    pub id: String,
    /// The record.
    #[serde(flatten)]
    pub entity: Entity,
}

impl<'de> Deserialize<'de> for Change {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Change, D::Error> {
        deserializer.deserialize_map(ChangeVisitor)
    }
}

/// A [`Change`]'s field names (others are ignored, as `flatten` did).
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum ChangeField {
    Version,
    Id,
    Kind,
    Body,
    #[serde(other)]
    Other,
}

/// Reads a [`Change`]'s fields in any order; the body is read straight into
/// its record type when `kind` came first (as this crate writes it), or kept
/// as JSON until the end otherwise.
struct ChangeVisitor;

impl<'de> Visitor<'de> for ChangeVisitor {
    type Value = Change;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a changed record with version, id, kind and body")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Change, A::Error> {
        let (mut version, mut id, mut kind) = (None, None, None);
        let (mut entity, mut early_body) = (None, None::<serde_json::Value>);
        while let Some(field) = map.next_key::<ChangeField>()? {
            match field {
                ChangeField::Version => version = Some(map.next_value()?),
                ChangeField::Id => id = Some(map.next_value()?),
                ChangeField::Kind => kind = Some(map.next_value()?),
                ChangeField::Body => match kind {
                    Some(kind) => entity = Some(map.next_value_seed(BodySeed(kind))?),
                    None => early_body = Some(map.next_value()?),
                },
                ChangeField::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let kind: EntityKind = kind.ok_or_else(|| A::Error::missing_field("kind"))?;
        let entity = match (entity, early_body) {
            (Some(entity), _) => entity,
            (None, Some(body)) => {
                Entity::from_body_json(kind, &body.to_string()).map_err(A::Error::custom)?
            }
            (None, None) => return Err(A::Error::missing_field("body")),
        };
        Ok(Change {
            version: version.ok_or_else(|| A::Error::missing_field("version"))?,
            id: id.ok_or_else(|| A::Error::missing_field("id"))?,
            entity,
        })
    }
}

/// A mutation of this client that the store rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedMutation {
    /// The mutation id.
    pub mutation_id: u64,
    /// The team version the rejection took.
    pub version: u64,
    /// Stable code.
    pub code: RejectCode,
    /// Why, in English.
    pub message: String,
    /// Why, as data, when the mutators refused it (absent from a store
    /// before refusals were data and for the store's own refusals; see
    /// [`refusal::lenient`]).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "refusal::lenient"
    )]
    pub refusal: Option<Refusal>,
}

/// The answer to a pull.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullResponse {
    /// The cookie to send next time (never lower than the one sent, unless `reset`).
    pub cookie: Cookie,
    /// True when the client must drop its copy: the changes (with `more` pages) are a full snapshot.
    pub reset: bool,
    /// Changed records, by version.
    pub changes: Vec<Change>,
    /// True when more changes follow: pull again with the new cookie.
    pub more: bool,
    /// The highest mutation id of this client the store has.
    pub last_mutation_id: u64,
    /// This client's mutations rejected in the versions this page covers.
    pub rejected: Vec<RejectedMutation>,
}

/// What an agent is doing on an item, as shown to teammates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PresenceState {
    /// Looking at it.
    Viewing,
    /// Writing a reply (advisory; never a lock).
    Replying,
    /// Gone from it.
    Left,
}

/// A message from a client on the live channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum LiveClientMessage {
    /// Presence on an item; repeat every 10–15 s as the heartbeat.
    Presence {
        /// The item.
        item: ItemKey,
        /// The state.
        state: PresenceState,
    },
    /// Keeps the connection (and an extension service worker) alive.
    Ping,
}

/// A teammate's presence on an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresenceEntry {
    /// The agent.
    pub agent_id: String,
    /// Their initials.
    pub initials: String,
    /// The item.
    pub item: ItemKey,
    /// What they are doing.
    pub state: PresenceState,
    /// When this entry lapses without a heartbeat (Unix milliseconds).
    pub expires_at: i64,
}

/// A message from the store on the live channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LiveServerMessage {
    /// Sent first: the team version now and everyone's current presence.
    Hello {
        /// The team version.
        version: u64,
        /// Current presence.
        presence: Vec<PresenceEntry>,
    },
    /// The team version moved: pull if it is above your cookie.
    Poke {
        /// The team version.
        version: u64,
    },
    /// A teammate's presence changed.
    Presence(PresenceEntry),
    /// Answer to a ping.
    Pong,
    /// A message the store could not use.
    Error {
        /// Stable code.
        code: String,
        /// Why.
        message: String,
    },
}

/// The body of every error response: `{"error": {"code": ..., "message": ...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// An error's stable code and explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Stable, snake_case code, e.g. `unauthorized`, `body_too_large`.
    pub code: String,
    /// Human-readable explanation.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Note;
    use serde_json::json;

    fn note() -> Note {
        Note {
            id: "n1".into(),
            item: "x:1".parse().unwrap(),
            author: "ag_kim".into(),
            body: "Called back".into(),
            created_at: 5,
            edited_at: None,
        }
    }

    #[test]
    fn a_change_reads_back_what_it_writes_and_in_any_field_order() {
        let change = Change {
            version: 7,
            id: "n1".into(),
            entity: Entity::Note(note()),
        };
        let text = serde_json::to_string(&change).unwrap();
        assert_eq!(serde_json::from_str::<Change>(&text).unwrap(), change);
        let body_first =
            json!({"body": note(), "extra": [1], "id": "n1", "version": 7, "kind": "note"});
        assert_eq!(
            serde_json::from_str::<Change>(&body_first.to_string()).unwrap(),
            change
        );
        assert_eq!(
            serde_json::from_value::<Change>(body_first).unwrap(),
            change
        );
    }

    #[test]
    fn a_change_without_its_kind_or_with_a_body_of_another_kind_is_refused() {
        let no_kind = json!({"version": 7, "id": "n1", "body": note()});
        assert!(serde_json::from_value::<Change>(no_kind)
            .unwrap_err()
            .to_string()
            .contains("kind"));
        let wrong = json!({"version": 7, "id": "n1", "kind": "ticket", "body": note()});
        assert!(serde_json::from_value::<Change>(wrong).is_err());
    }
}
