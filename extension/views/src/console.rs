//! The console's port: what the lead's console page and the service worker
//! exchange over the runtime port named [`CONSOLE_PORT`].
//!
//! The worker sends a [`ConsoleView`] on connect and after every change (who
//! is signed in, the team's synced guidelines, templates and settings, the
//! sync state with the store's refusals), and answers each [`StoreCall`] with
//! a [`ToConsole::Answer`] carrying the store's JSON untouched or its error.
//! Lead actions ([`FromConsole::Act`]) go through the worker's outbox like
//! every other mutation; the store decides whether the role may make them.

use crate::{RefusedAction, SessionView, SyncView};
use serde::{Deserialize, Serialize};
use socialcare::model::{Guideline, Role, TeamSettings, Template};
use socialcare::sync::Op;

/// The name of the console's port.
pub const CONSOLE_PORT: &str = "console";

/// A message from the worker to the console.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToConsole {
    /// Everything synced the console shows, on connect and after every change.
    View {
        /// The view model.
        view: ConsoleView,
    },
    /// The answer to [`FromConsole::Call`] with the same `request`.
    Answer {
        /// The request's number, as the console chose it.
        request: u32,
        /// What the store answered.
        answer: StoreAnswer,
    },
    /// The answer to [`FromConsole::Act`]: queued in the outbox, or refused
    /// at once by the local mutator or the worker (the store's own refusals
    /// arrive later in the sync rejections).
    Acted {
        /// The request's number, as the console chose it.
        request: u32,
        /// What was refused and why, if it was.
        refusal: Option<RefusedAction>,
    },
}

/// An intent from the console to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FromConsole {
    /// Call one of the store's console endpoints.
    Call {
        /// A number the answer will carry.
        request: u32,
        /// The endpoint and its arguments.
        call: StoreCall,
    },
    /// Run a lead action through the outbox: `guideline.save`,
    /// `template.save`, `template.set_state` or `settings.update`.
    Act {
        /// A number the answer will carry.
        request: u32,
        /// The mutation.
        op: Op,
    },
    /// Forget a refusal the lead has read.
    DismissRejection {
        /// The refused mutation's id.
        mutation_id: u64,
    },
    /// Open the options page (sign-in).
    OpenOptions,
}

/// The store endpoints the console may call through the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "endpoint", rename_all = "snake_case")]
pub enum StoreCall {
    /// `GET /v1/reports/team?from&to&tz`.
    TeamReport {
        /// First day, `YYYY-MM-DD`.
        from: String,
        /// Last day, `YYYY-MM-DD`.
        to: String,
        /// IANA time zone.
        tz: String,
    },
    /// `GET /v1/reports/ideas?from&to`.
    Ideas {
        /// First day, `YYYY-MM-DD`.
        from: String,
        /// Last day, `YYYY-MM-DD`.
        to: String,
    },
    /// `GET /v1/members`.
    Members,
    /// `GET /v1/guidelines/revisions?id`.
    GuidelineRevisions {
        /// The guideline's id.
        id: String,
    },
    /// `GET /v1/tokens` (admin).
    Tokens,
    /// `POST /v1/tokens` (admin): a new member and their token, shown once.
    IssueToken {
        /// The member's name.
        name: String,
        /// Their initials.
        initials: String,
        /// Their role.
        role: Role,
    },
    /// `DELETE /v1/tokens/{id}` (admin).
    RevokeToken {
        /// The token's public id.
        id: String,
    },
}

/// What the store answered to a [`StoreCall`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum StoreAnswer {
    /// The store's JSON, untouched.
    Ok {
        /// The answer's body.
        body: serde_json::Value,
    },
    /// The store refused or could not be reached.
    Failed {
        /// The HTTP status, 0 when nothing came back.
        status: u16,
        /// The store's error code, e.g. `forbidden`, or the worker's
        /// (`signed_out`, `unknown_endpoint`, `network`, `bad_response`);
        /// empty when none.
        code: String,
        /// Why, in the store's English words (none from the worker, whose
        /// codes the console words).
        #[serde(default)]
        message: String,
    },
}

/// Everything synced the console shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConsoleView {
    /// Who is signed in, if anyone.
    pub session: Option<SessionView>,
    /// The sync state, with the store's refusals.
    pub sync: SyncView,
    /// The team's guidelines, as synced (pending saves included).
    pub guidelines: Vec<Guideline>,
    /// The team's templates, as synced (pending saves included).
    pub templates: Vec<Template>,
    /// The team's settings (the defaults until synced).
    #[serde(default)]
    pub settings: TeamSettings,
}
