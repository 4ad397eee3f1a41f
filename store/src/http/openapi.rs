//! The OpenAPI 3.1 document of every endpoint (`GET /openapi.json`): the store's contract.
//!
//! Request schemas state every constraint the store enforces, and the store enforces them
//! by validating each request against this very document ([`super::contract`]). Each
//! operation carries `x-min-role` (`none`, `agent`, `lead`, `admin`) and, where it takes a
//! body, an `example`. A schema may name, under `x-errors`, the stable code and status
//! answered when one of its keywords fails (otherwise `invalid_body`, `invalid_query`,
//! `invalid_path` or `invalid_header`, with 400).
//! `make test-store-schemathesis` checks the document against the running store.

use serde_json::{json, Value};
use socialcare::sync::{MAX_MUTATIONS_PER_PUSH, MAX_PULL_LIMIT};

/// Longest record id (templates, guidelines…), as the mutators accept.
const MAX_ID_CHARS: usize = socialcare::sync::mutator::MAX_ID_CHARS;

/// Largest value of a 64-bit unsigned integer field (mutation ids, clocks, versions).
const U64_MAX: u64 = u64::MAX;
/// Largest team version a query may name (versions are stored as signed 64-bit integers).
const VERSION_MAX: u64 = i64::MAX as u64;
/// Largest audit page.
const MAX_AUDIT_LIMIT: u32 = 5_000;
/// Characters allowed anywhere in a member's name: everything but control characters.
const NAME_CHAR: &str = r"[^\x00-\x1F\x7F-\x9F]";
/// Characters of a name that are neither control characters nor whitespace.
const NAME_VISIBLE_CHAR: &str =
    r"[^\x00-\x20\x7F-\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]";
/// Letters and digits accepted in initials: ASCII, Latin, Greek, Cyrillic, Hebrew, Arabic,
/// kana, CJK ideographs and Hangul syllables (a unit test checks each is alphanumeric).
pub const INITIALS_CLASS: &str = r"0-9A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0391-\u03A1\u03A3-\u03A9\u03B1-\u03C9\u0410-\u044F\u05D0-\u05EA\u0620-\u064A\u3041-\u3096\u30A1-\u30FA\u4E00-\u9FFF\uAC00-\uD7A3";

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn error_response(description: &str) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema_ref("Error") } } })
}

/// An error response that tells when to retry.
fn retry_response(description: &str) -> Value {
    let mut response = error_response(description);
    response["headers"] = json!({ "Retry-After": {
        "description": "Seconds to wait before retrying", "required": true,
        "schema": { "type": "string", "pattern": "^[0-9]+$" } } });
    response
}

fn json_response(description: &str, schema: &str) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema_ref(schema) } } })
}

fn json_body(schema: &str, example: Value) -> Value {
    json!({ "required": true, "content": { "application/json": { "schema": schema_ref(schema), "example": example } } })
}

/// The errors every authenticated operation may answer.
fn authenticated(mut responses: Value) -> Value {
    if let Some(map) = responses.as_object_mut() {
        map.insert(
            "401".into(),
            error_response("Missing, unknown or revoked token"),
        );
        map.insert(
            "429".into(),
            retry_response("Rate limit of this token exceeded"),
        );
        map.insert(
            "503".into(),
            retry_response("Database unavailable or store restarting; nothing applied"),
        );
    }
    responses
}

/// A required request header of the WebSocket upgrade.
fn upgrade_header(name: &str, description: &str, schema: Value, example: &str) -> Value {
    json!({ "name": name, "in": "header", "required": true, "description": description, "schema": schema, "example": example })
}

/// The document.
pub fn document() -> Value {
    let mut document = core_document();
    // The lead console's endpoints, added apart so each `json!` stays small enough to expand.
    let paths = &mut document["paths"];
    paths["/v1/members"] = members();
    paths["/v1/guidelines/revisions"] = guideline_revisions();
    paths["/v1/reports/ideas"] = ideas_report();
    document
}

/// The document without the lead console's endpoints.
fn core_document() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "socialcare-store",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The team's shared store for Socialcare: push/pull sync, live pokes and presence, tokens and audit. Every error body is {\"error\": {\"code\", \"message\"}}; a request that breaks a constraint of this document is refused with 400 (or the status its schema names under x-errors) and changes nothing."
        },
        "components": {
            "securitySchemes": {
                "bearer": { "type": "http", "scheme": "bearer", "description": "sct_<id>_<secret>, from `socialcare-store team create` or `token issue`" },
                "liveTicket": { "type": "apiKey", "in": "query", "name": "ticket", "description": "A single-use ticket from POST /v1/live/ticket, valid 30 s (browsers cannot set headers on a WebSocket)" }
            },
            "schemas": schemas()
        },
        "paths": {
            "/healthz": { "get": {
                "operationId": "health", "summary": "Liveness and database check", "x-min-role": "none",
                "responses": { "200": json_response("Healthy", "Health"), "503": retry_response("Database unavailable") }
            }},
            "/metrics": { "get": {
                "operationId": "metrics", "summary": "Prometheus metrics (text exposition format)", "x-min-role": "none",
                "responses": { "200": { "description": "Metrics", "content": { "text/plain": { "schema": { "type": "string" } } } } }
            }},
            "/openapi.json": { "get": {
                "operationId": "openapi", "summary": "This document", "x-min-role": "none",
                "responses": { "200": { "description": "OpenAPI 3.1 document", "content": { "application/json": { "schema": { "type": "object" } } } } }
            }},
            "/v1/me": { "get": {
                "operationId": "me", "summary": "Who the token stands for", "x-min-role": "agent", "security": [{ "bearer": [] }],
                "responses": authenticated(json!({ "200": json_response("The caller", "Principal") }))
            }},
            "/v1/push": { "post": {
                "operationId": "push",
                "summary": "Push a batch of mutations from a client's outbox; answered after a durable commit",
                "description": "Mutations are processed in the order given: an id at or below the client's last mutation id is a duplicate (nothing done), an id above last + 1 stops the batch (answer expected_id), anything else is applied or rejected and recorded.",
                "x-min-role": "agent", "security": [{ "bearer": [] }],
                "requestBody": json_body("PushRequest", json!({ "client_id": "openapi-example", "mutations": [
                    { "id": 1, "name": "ticket.create", "args": { "item": "x:1800000000000000001", "conversation": "x:1800000000000000001" }, "hlc": 0 }
                ]})),
                "responses": authenticated(json!({
                    "200": json_response("Processed (see each result)", "PushResponse"),
                    "400": error_response("Malformed JSON, or a body that breaks PushRequest (invalid_body, invalid_client_id)"),
                    "403": error_response("The client id belongs to another agent (client_not_yours)"),
                    "413": error_response("Body too large (body_too_large) or more than 500 mutations (batch_too_large)")
                }))
            }},
            "/v1/pull": { "post": {
                "operationId": "pull",
                "summary": "Changed records since a cookie, in pages", "x-min-role": "agent", "security": [{ "bearer": [] }],
                "requestBody": json_body("PullRequest", json!({ "client_id": "openapi-example", "cookie": null })),
                "responses": authenticated(json!({
                    "200": json_response("A page of changes", "PullResponse"),
                    "400": error_response("Malformed JSON, or a body that breaks PullRequest (invalid_body, invalid_client_id)"),
                    "413": error_response("Body too large")
                }))
            }},
            "/v1/tokens": {
                "get": {
                    "operationId": "listTokens",
                    "summary": "The team's tokens (never their secrets)", "x-min-role": "admin", "security": [{ "bearer": [] }],
                    "responses": authenticated(json!({ "200": json_response("Tokens", "TokenList"), "403": error_response("Not an admin") }))
                },
                "post": {
                    "operationId": "issueToken",
                    "summary": "Add a member and issue their token (shown once)", "x-min-role": "admin", "security": [{ "bearer": [] }],
                    "requestBody": json_body("IssueTokenRequest", json!({ "name": "Kim Lee", "initials": "KL", "role": "agent" })),
                    "responses": authenticated(json!({
                        "201": {
                            "description": "Issued",
                            "content": { "application/json": { "schema": schema_ref("IssuedToken") } },
                            "links": { "revoke": { "operationId": "revokeToken", "parameters": { "token_id": "$response.body#/token_id" } } }
                        },
                        "400": error_response("Malformed JSON, or a body that breaks IssueTokenRequest (invalid_body)"),
                        "403": error_response("Not an admin"),
                        "413": error_response("Body too large")
                    }))
                }
            },
            "/v1/tokens/{token_id}": { "delete": {
                "operationId": "revokeToken",
                "summary": "Revoke a token of the team (not the one making the request)", "x-min-role": "admin", "security": [{ "bearer": [] }],
                "parameters": [{ "name": "token_id", "in": "path", "required": true,
                    "schema": schema_ref("TokenId"), "example": "0000000000000000" }],
                "responses": authenticated(json!({
                    "204": { "description": "Revoked" },
                    "400": error_response("The token id is not 16 lowercase hex digits (invalid_path)"),
                    "403": error_response("Not an admin"),
                    "404": error_response("No such token in this team"),
                    "409": error_response("Already revoked (already_revoked), or the token making the request (own_token: revoke it with another admin's token or the command line)")
                }))
            }},
            "/v1/audit": { "get": {
                "operationId": "audit",
                "summary": "The audit log: every version, who took it, with what", "x-min-role": "lead", "security": [{ "bearer": [] }],
                "parameters": [
                    { "name": "after", "in": "query", "description": "Entries after this version (default 0)",
                      "schema": { "type": "integer", "minimum": 0, "maximum": VERSION_MAX }, "example": 0 },
                    { "name": "limit", "in": "query", "description": "Most entries (default 1000)",
                      "schema": { "type": "integer", "minimum": 1, "maximum": MAX_AUDIT_LIMIT }, "example": 100 }
                ],
                "responses": authenticated(json!({
                    "200": json_response("Entries by version", "AuditLog"),
                    "400": error_response("A parameter out of its range or not an integer (invalid_query)"),
                    "403": error_response("Not a lead or admin")
                }))
            }},
            "/v1/reports/team": team_report(),
            "/v1/live/ticket": { "post": {
                "operationId": "liveTicket",
                "summary": "A single-use ticket (30 s) to open the live WebSocket from a browser", "x-min-role": "agent", "security": [{ "bearer": [] }],
                "responses": authenticated(json!({ "200": json_response("Ticket", "LiveTicket") }))
            }},
            "/v1/live": { "get": {
                "operationId": "live",
                "summary": "The live WebSocket: hello, pokes, presence (see docs/store.md)",
                "description": "A WebSocket upgrade (RFC 6455). Authenticated by a ticket (?ticket=, from POST /v1/live/ticket) or, for clients that can set headers, a bearer token; a ticket, when given, must be valid.",
                "x-min-role": "agent",
                "security": [{ "bearer": [] }, { "liveTicket": [] }],
                "parameters": [
                    upgrade_header("Connection", "Includes the token Upgrade (any case), e.g. `Upgrade` or `keep-alive, Upgrade`",
                        json!({ "type": "string", "pattern": "^([!-+\\--~]+, *)*[Uu][Pp][Gg][Rr][Aa][Dd][Ee](, *[!-+\\--~]+)*$" }), "Upgrade"),
                    upgrade_header("Upgrade", "websocket (any case)",
                        json!({ "type": "string", "pattern": "^[Ww][Ee][Bb][Ss][Oo][Cc][Kk][Ee][Tt]$" }), "websocket"),
                    upgrade_header("Sec-WebSocket-Version", "The WebSocket protocol version",
                        json!({ "type": "string", "enum": ["13"] }), "13"),
                    upgrade_header("Sec-WebSocket-Key", "16 random bytes in base64",
                        json!({ "type": "string", "pattern": "^[A-Za-z0-9+/]{22}==$" }), "dGhlIHNhbXBsZSBub25jZQ==")
                ],
                "responses": {
                    "101": { "description": "Switching to the WebSocket protocol", "headers": {
                        "Upgrade": { "required": true, "schema": { "type": "string", "enum": ["websocket"] } },
                        "Sec-WebSocket-Accept": { "required": true, "schema": { "type": "string", "pattern": "^[A-Za-z0-9+/]{27}=$" } } } },
                    "400": error_response("An upgrade request with a header that breaks its schema (invalid_header)"),
                    "401": error_response("Unknown, used or expired ticket; or no ticket and no valid bearer token"),
                    "426": {
                        "description": "Not an upgrade request: no Upgrade header (upgrade_required)",
                        "headers": { "Upgrade": { "required": true, "schema": { "type": "string", "enum": ["websocket"] } } },
                        "content": { "application/json": { "schema": schema_ref("Error") } }
                    },
                    "429": retry_response("Rate limit of this token exceeded"),
                    "503": retry_response("Database unavailable or store restarting")
                }
            }}
        }
    })
}

fn schemas() -> Value {
    let u64_field = json!({ "type": "integer", "minimum": 0, "maximum": U64_MAX });
    json!({
        "Error": { "type": "object", "required": ["error"], "properties": { "error": {
            "type": "object", "required": ["code", "message"],
            "properties": { "code": { "type": "string", "pattern": "^[a-z_]+$" }, "message": { "type": "string" } } } } },
        "Health": { "type": "object", "required": ["status", "backend"], "properties": {
            "status": { "type": "string", "enum": ["ok"] }, "backend": { "type": "string", "enum": ["sqlite", "postgres"] } } },
        "Principal": { "type": "object", "required": ["team", "token_id", "agent_id", "name", "initials", "role"], "properties": {
            "team": { "type": "string" }, "token_id": schema_ref("TokenId"), "agent_id": { "type": "string" },
            "name": { "type": "string" }, "initials": { "type": "string" }, "role": schema_ref("Role") } },
        "Role": { "type": "string", "enum": ["agent", "lead", "admin"] },
        "TokenId": { "type": "string", "pattern": "^[0-9a-f]{16}$", "description": "A token's public id" },
        "ClientId": {
            "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$",
            "description": "One per browser profile: 1–64 of A-Z, a-z, 0-9, - and _, starting with a letter or digit",
            "x-errors": { "pattern": { "status": 400, "code": "invalid_client_id" } }
        },
        "Mutation": { "type": "object", "required": ["id", "name", "args"], "additionalProperties": false, "properties": {
            "id": { "type": "integer", "minimum": 1, "maximum": U64_MAX, "description": "Per client: 1, 2, 3… with no gaps" },
            "name": { "type": "string", "description": "e.g. ticket.set_status; an unknown name rejects this mutation alone" },
            "args": { "type": "object", "description": "The mutation's arguments; bad ones reject this mutation alone" },
            "hlc": { "type": "integer", "minimum": 0, "maximum": U64_MAX, "default": 0,
                     "description": "Hybrid logical clock: Unix ms << 16 | counter; clamped to now + 60 s" } } },
        "PushRequest": { "type": "object", "required": ["client_id", "mutations"], "additionalProperties": false, "properties": {
            "client_id": schema_ref("ClientId"),
            "mutations": { "type": "array", "maxItems": MAX_MUTATIONS_PER_PUSH, "items": schema_ref("Mutation"),
                "x-errors": { "maxItems": { "status": 413, "code": "batch_too_large" } } } } },
        "PushResponse": { "type": "object", "required": ["last_mutation_id", "version", "results"], "properties": {
            "last_mutation_id": u64_field, "version": u64_field,
            "expected_id": { "type": "integer", "description": "Set when the batch skipped ids: resend from this id" },
            "results": { "type": "array", "items": { "type": "object", "required": ["id", "outcome"], "properties": {
                "id": u64_field, "outcome": { "type": "string", "enum": ["applied", "rejected", "duplicate"] },
                "code": { "type": "string" }, "message": { "type": "string" }, "version": u64_field,
                "refusal": schema_ref("Refusal") } } } } },
        "Cookie": { "type": "object", "required": ["version", "schema"], "additionalProperties": false, "properties": {
            "version": u64_field, "schema": { "type": "integer", "minimum": 0, "maximum": u32::MAX } } },
        "PullRequest": { "type": "object", "required": ["client_id"], "additionalProperties": false, "properties": {
            "client_id": schema_ref("ClientId"),
            "cookie": { "anyOf": [schema_ref("Cookie"), { "type": "null" }], "description": "null (or absent) for a first sync" },
            "limit": { "type": ["integer", "null"], "minimum": 1, "maximum": MAX_PULL_LIMIT,
                       "description": "Most records in the page; null (or absent) for 5000" } } },
        "PullResponse": { "type": "object", "required": ["cookie", "reset", "changes", "more", "last_mutation_id", "rejected"], "properties": {
            "cookie": schema_ref("Cookie"), "reset": { "type": "boolean" }, "more": { "type": "boolean" },
            "last_mutation_id": u64_field,
            "changes": { "type": "array", "items": { "type": "object", "required": ["version", "id", "kind", "body"], "properties": {
                "version": u64_field, "id": { "type": "string" },
                "kind": { "type": "string", "enum": ["ticket", "note", "customer", "template", "guideline", "settings", "member", "conversation"] },
                "body": { "type": "object" } } } },
            "rejected": { "type": "array", "items": { "type": "object", "required": ["mutation_id", "version", "code", "message"], "properties": {
                "mutation_id": u64_field, "version": u64_field, "code": { "type": "string" }, "message": { "type": "string" },
                "refusal": schema_ref("Refusal") } } } } },
        "Refusal": { "type": "object", "required": ["refusal"], "properties": {
            "refusal": { "type": "string", "description": "The reason's kind, e.g. stale, cannot_become, assigned_meanwhile (socialcare::sync::Refusal); the approval rule's are template_invalid (id, detail), guideline_invalid (id, revision, detail) and template_not_approvable (id, platform, language, rule, guideline, revision, message, more, and finding: the tone finding's wording {key, values} when it has one)" } },
            "description": "A rejection's reason as data, beside its English message, for clients that word it themselves; its other fields are the reason's values (e.g. field, changed_at, seen). Absent for rejections recorded before reasons were data; a client reads a kind it does not know as absent." },
        "IssueTokenRequest": { "type": "object", "required": ["name", "initials", "role"], "additionalProperties": false, "properties": {
            "name": { "type": "string", "minLength": 1, "maxLength": 100,
                      "pattern": format!("^{NAME_CHAR}*{NAME_VISIBLE_CHAR}{NAME_CHAR}*$"),
                      "description": "1–100 characters, no control characters, not only whitespace (stored trimmed)" },
            "initials": { "type": "string", "pattern": format!("^[{INITIALS_CLASS}]{{1,4}}$"),
                          "description": "1–4 letters or digits (Latin, Greek, Cyrillic, Hebrew, Arabic, kana, CJK, Hangul)" },
            "role": schema_ref("Role") } },
        "IssuedToken": { "type": "object", "required": ["team", "token_id", "agent_id", "role", "token"], "properties": {
            "team": { "type": "string" }, "token_id": schema_ref("TokenId"), "agent_id": { "type": "string" },
            "role": schema_ref("Role"), "token": { "type": "string", "pattern": "^sct_[0-9a-f]{16}_[0-9a-f]{64}$", "description": "Shown once" } } },
        "TokenList": { "type": "object", "required": ["tokens"], "properties": { "tokens": { "type": "array", "items": {
            "type": "object", "required": ["token_id", "agent_id", "name", "initials", "role", "created_at"], "properties": {
                "token_id": schema_ref("TokenId"), "agent_id": { "type": "string" }, "name": { "type": "string" },
                "initials": { "type": "string" }, "role": schema_ref("Role"), "created_at": { "type": "integer" },
                "revoked_at": { "type": ["integer", "null"] } } } } } },
        "AuditLog": { "type": "object", "required": ["entries"], "properties": { "entries": { "type": "array", "items": {
            "type": "object", "required": ["version", "agent_id", "client_id", "mutation_id", "name", "args", "outcome", "at"], "properties": {
                "version": u64_field, "agent_id": { "type": "string" }, "client_id": { "type": "string" },
                "mutation_id": u64_field, "name": { "type": "string" },
                "outcome": { "type": "string", "enum": ["applied", "rejected"] },
                "code": { "type": ["string", "null"] }, "message": { "type": ["string", "null"] },
                "refusal": schema_ref("Refusal"), "at": { "type": "integer" } } } } } },
        "MemberList": { "type": "object", "required": ["members"], "properties": { "members": { "type": "array", "items": {
            "type": "object", "required": ["id", "name", "role", "last_active_at"], "properties": {
                "id": { "type": "string" }, "name": { "type": "string" }, "role": schema_ref("Role"),
                "last_active_at": { "type": ["integer", "null"], "description": "Unix milliseconds of the member's latest push" } } } } } },
        "GuidelineRevisions": { "type": "object", "required": ["revisions"], "properties": { "revisions": { "type": "array", "items": {
            "type": "object", "required": ["revision", "saved_by", "saved_at", "format", "source"], "properties": {
                "revision": { "type": "integer", "minimum": 1 }, "saved_by": { "type": "string" },
                "saved_at": { "type": "integer", "description": "Unix milliseconds" },
                "format": { "type": "string" }, "source": { "type": "string" } } } } } },
        "LiveTicket": { "type": "object", "required": ["ticket", "expires_in_seconds"], "properties": {
            "ticket": { "type": "string", "pattern": "^[0-9a-f]{48}$" }, "expires_in_seconds": { "type": "integer", "minimum": 1 } } }
    })
}

/// `GET /v1/reports/team` (its schema inline, so the entry stands alone).
/// Every IANA time zone name the store's time zone database knows (and `UTC`).
fn time_zone_names() -> Vec<String> {
    let mut names: Vec<String> = jiff::tz::db()
        .available()
        .map(|name| name.as_str().to_owned())
        .filter(|name| jiff::tz::TimeZone::get(name).is_ok())
        .collect();
    names.push("UTC".to_owned());
    names.sort();
    names.dedup();
    names
}

/// `GET /v1/members`.
fn members() -> Value {
    json!({ "get": {
        "operationId": "members",
        "summary": "The team's active members, their roles and last activity (their latest push)", "x-min-role": "lead", "security": [{ "bearer": [] }],
        "responses": authenticated(json!({
            "200": json_response("Members by name", "MemberList"),
            "403": error_response("Not a lead or admin")
        }))
    }})
}

/// `GET /v1/guidelines/revisions`.
fn guideline_revisions() -> Value {
    json!({ "get": {
        "operationId": "guidelineRevisions",
        "summary": "Every published revision of a guideline, newest first (none for an unknown id)", "x-min-role": "agent", "security": [{ "bearer": [] }],
        "parameters": [
            { "name": "id", "in": "query", "required": true, "description": "The guideline's id",
              "schema": { "type": "string", "minLength": 1, "maxLength": MAX_ID_CHARS }, "example": "house-style" }
        ],
        "responses": authenticated(json!({
            "200": json_response("Revisions, newest first", "GuidelineRevisions"),
            "400": error_response("No id, or one too long (invalid_query)")
        }))
    }})
}

/// The period parameters of the reports: whole days `from..=to` in a time zone.
fn period_parameters() -> Value {
    json!([
        { "name": "from", "in": "query", "required": true, "schema": { "type": "string", "format": "date" }, "example": "2026-11-01" },
        { "name": "to", "in": "query", "required": true, "schema": { "type": "string", "format": "date" }, "example": "2026-11-30",
          "description": "Last day, included; at most 366 days after from" },
        { "name": "tz", "in": "query", "schema": { "type": "string", "enum": time_zone_names(), "default": "UTC" },
          "example": "Europe/Paris",
          "description": "IANA time zone of the days: one the store's time zone database knows" }
    ])
}

/// The refusal of a period that breaks the rule between `from` and `to`.
const PERIOD_ERRORS: &str = "invalid_query (a parameter breaks its schema), or invalid_period: `to` before `from`, or more than 366 days after it (a rule between two parameters that JSON Schema cannot state)";

/// `GET /v1/reports/ideas` (its schema inline, so the entry stands alone).
fn ideas_report() -> Value {
    let item = json!({ "type": "object", "required": ["ticket", "permalink", "excerpt", "platform", "posted_at"], "properties": {
        "ticket": { "type": "string" },
        "permalink": { "type": ["string", "null"], "description": "The https:// address ticket.create recorded, if any" },
        "excerpt": { "type": "string" }, "platform": { "type": "string", "enum": ["x", "facebook", "instagram"] },
        "posted_at": { "type": "integer" } } });
    json!({ "get": {
        "operationId": "ideasReport",
        "summary": "Product ideas: posts whose intent is feature_request or tagged idea, posted in the period, grouped by similar wording (largest first)",
        "x-min-role": "lead", "security": [{ "bearer": [] }],
        "parameters": period_parameters(),
        "responses": authenticated(json!({
            "200": { "description": "The groups", "content": { "application/json": { "schema": {
                "type": "object", "required": ["groups"], "properties": { "groups": { "type": "array", "items": {
                    "type": "object", "required": ["label", "count", "platforms", "first_seen", "last_seen", "items"], "properties": {
                        "label": { "type": "string" }, "count": { "type": "integer", "minimum": 1 },
                        "platforms": { "type": "array", "items": { "type": "string" } },
                        "first_seen": { "type": "integer" }, "last_seen": { "type": "integer" },
                        "items": { "type": "array", "items": item } } } } } } } } },
            "400": error_response(PERIOD_ERRORS),
            "403": error_response("Not a lead or admin")
        }))
    }})
}

fn team_report() -> Value {
    let durations = json!({ "type": "object", "required": ["n", "median_s", "p90_s"], "properties": {
        "n": { "type": "integer" }, "median_s": { "type": "integer", "nullable": true }, "p90_s": { "type": "integer", "nullable": true } } });
    let share = json!({ "type": "object", "required": ["eligible", "met", "ratio"], "properties": {
        "eligible": { "type": "integer" }, "met": { "type": "integer" }, "ratio": { "type": "number", "nullable": true } } });
    let figures = [
        "inbound",
        "first_response",
        "answered_within_1h",
        "answered_within_24h",
        "sla",
        "response_rate",
        "resolution",
        "reopen_rate",
    ];
    let mut required: Vec<&str> = vec![
        "team",
        "from",
        "to",
        "tz",
        "period_start_ms",
        "period_end_ms",
        "generated_at_ms",
    ];
    required.extend(figures);
    required.extend([
        "backlog",
        "by_agent",
        "by_platform",
        "tone",
        "templates",
        "sentiment",
        "series",
    ]);
    json!({ "get": {
        "summary": "The team report for whole days from..=to in a time zone (definitions: docs/store.md, Team reports)",
        "x-min-role": "lead", "security": [{ "bearer": [] }],
        "parameters": period_parameters(),
        "responses": authenticated(json!({
            "200": { "description": "The report", "content": { "application/json": { "schema": {
                "type": "object", "required": required, "properties": {
                    "inbound": { "type": "integer" },
                    "first_response": { "type": "object", "required": ["calendar", "business"], "properties": { "calendar": durations, "business": durations } },
                    "answered_within_1h": share, "answered_within_24h": share,
                    "sla": { "type": "object", "required": ["due", "met", "breached", "pending", "attainment"] },
                    "response_rate": { "type": "object", "required": ["eligible", "responded", "resolved_without_reply", "ratio"] },
                    "resolution": { "type": "object", "required": ["first", "full", "resolutions", "reopens"], "properties": { "first": durations, "full": durations } },
                    "backlog": { "type": "object", "required": ["new", "open", "pending", "unassigned_new", "oldest_unanswered_s"] },
                    "by_agent": { "type": "array", "items": { "type": "object", "required": ["agent_id", "responses", "resolutions", "reopens", "inbound"] } },
                    "by_platform": { "type": "array", "items": { "type": "object", "required": ["platform", "inbound"] } },
                    "tone": { "type": "object", "required": ["overrides", "by_rule", "by_agent"] },
                    "templates": { "type": "array", "items": { "type": "object", "required": ["template_id", "uses", "last_used_at"] } },
                    "sentiment": { "type": "object", "required": ["inbound_by_label", "negative_answered_within_1h"] },
                    "series": { "type": "array", "items": { "type": "object", "required": ["date", "inbound", "backlog", "first_response_median_s"] } }
                } } } } },
            "400": error_response(PERIOD_ERRORS),
            "403": error_response("Not a lead or admin")
        }))
    }})
}
