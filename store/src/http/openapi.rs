//! The OpenAPI 3 document of every endpoint (`GET /openapi.json`).
//!
//! Each operation carries `x-min-role` (`none`, `agent`, `lead`, `admin`) and, where it
//! takes a body, an `example`; the `openapi` integration test calls every operation
//! with its example and checks the answer against the document.

use serde_json::{json, Value};

fn error_response(description: &str) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } })
}

fn json_response(description: &str, schema: &str) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{schema}") } } } })
}

fn json_body(schema: &str, example: Value) -> Value {
    json!({ "required": true, "content": { "application/json": {
        "schema": { "$ref": format!("#/components/schemas/{schema}") }, "example": example } } })
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
            error_response("Rate limit of this token exceeded (see Retry-After)"),
        );
        map.insert(
            "503".into(),
            error_response("Database unavailable or store restarting; nothing applied"),
        );
    }
    responses
}

/// The document.
pub fn document() -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "socialcare-store",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The team's shared store for Socialcare: push/pull sync, live pokes and presence, tokens and audit. Every error body is {\"error\": {\"code\", \"message\"}}."
        },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer", "description": "sct_<id>_<secret>, from `socialcare-store team create` or `token issue`" } },
            "schemas": schemas()
        },
        "paths": {
            "/healthz": { "get": {
                "summary": "Liveness and database check", "x-min-role": "none",
                "responses": { "200": json_response("Healthy", "Health"), "503": error_response("Database unavailable") }
            }},
            "/metrics": { "get": {
                "summary": "Prometheus metrics (text exposition format)", "x-min-role": "none",
                "responses": { "200": { "description": "Metrics", "content": { "text/plain": { "schema": { "type": "string" } } } } }
            }},
            "/openapi.json": { "get": {
                "summary": "This document", "x-min-role": "none",
                "responses": { "200": { "description": "OpenAPI 3 document", "content": { "application/json": { "schema": { "type": "object" } } } } }
            }},
            "/v1/me": { "get": {
                "summary": "Who the token stands for", "x-min-role": "agent", "security": [{ "bearer": [] }],
                "responses": authenticated(json!({ "200": json_response("The caller", "Principal") }))
            }},
            "/v1/push": { "post": {
                "summary": "Push a batch of mutations from a client's outbox; answered after a durable commit",
                "x-min-role": "agent", "security": [{ "bearer": [] }],
                "requestBody": json_body("PushRequest", json!({ "client_id": "openapi-example", "mutations": [
                    { "id": 1, "name": "ticket.create", "args": { "item": "x:1800000000000000001", "conversation": "x:1800000000000000001" }, "hlc": 0 }
                ]})),
                "responses": authenticated(json!({
                    "200": json_response("Processed (see each result)", "PushResponse"),
                    "400": error_response("Malformed JSON, wrong shape, bad client id or ids not increasing"),
                    "403": error_response("The client id belongs to another agent"),
                    "413": error_response("Body or batch too large")
                }))
            }},
            "/v1/pull": { "post": {
                "summary": "Changed records since a cookie, in pages", "x-min-role": "agent", "security": [{ "bearer": [] }],
                "requestBody": json_body("PullRequest", json!({ "client_id": "openapi-example", "cookie": null })),
                "responses": authenticated(json!({
                    "200": json_response("A page of changes", "PullResponse"),
                    "400": error_response("Malformed JSON, wrong shape or bad client id"),
                    "413": error_response("Body too large")
                }))
            }},
            "/v1/tokens": {
                "get": {
                    "summary": "The team's tokens (never their secrets)", "x-min-role": "admin", "security": [{ "bearer": [] }],
                    "responses": authenticated(json!({ "200": json_response("Tokens", "TokenList"), "403": error_response("Not an admin") }))
                },
                "post": {
                    "summary": "Add a member and issue their token (shown once)", "x-min-role": "admin", "security": [{ "bearer": [] }],
                    "requestBody": json_body("IssueTokenRequest", json!({ "name": "Kim Lee", "initials": "KL", "role": "agent" })),
                    "responses": authenticated(json!({
                        "201": json_response("Issued", "IssuedToken"),
                        "400": error_response("Bad name, initials or role"),
                        "403": error_response("Not an admin"),
                        "413": error_response("Body too large")
                    }))
                }
            },
            "/v1/tokens/{token_id}": { "delete": {
                "summary": "Revoke a token of the team", "x-min-role": "admin", "security": [{ "bearer": [] }],
                "parameters": [{ "name": "token_id", "in": "path", "required": true, "schema": { "type": "string" }, "example": "0000000000000000" }],
                "responses": authenticated(json!({
                    "204": { "description": "Revoked" },
                    "400": error_response("The token id is not valid text"),
                    "403": error_response("Not an admin"),
                    "404": error_response("No such token in this team"),
                    "409": error_response("Already revoked")
                }))
            }},
            "/v1/audit": { "get": {
                "summary": "The audit log: every version, who took it, with what", "x-min-role": "lead", "security": [{ "bearer": [] }],
                "parameters": [
                    { "name": "after", "in": "query", "schema": { "type": "integer", "minimum": 0 }, "example": 0 },
                    { "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 5000 }, "example": 100 }
                ],
                "responses": authenticated(json!({
                    "200": json_response("Entries by version", "AuditLog"),
                    "400": error_response("Bad query"),
                    "403": error_response("Not a lead or admin")
                }))
            }},
            "/v1/reports/team": team_report(),
            "/v1/live/ticket": { "post": {
                "summary": "A single-use ticket (30 s) to open the live WebSocket from a browser", "x-min-role": "agent", "security": [{ "bearer": [] }],
                "responses": authenticated(json!({ "200": json_response("Ticket", "LiveTicket") }))
            }},
            "/v1/live": { "get": {
                "summary": "The live WebSocket: hello, pokes, presence (see docs/store.md)", "x-min-role": "agent",
                "parameters": [{ "name": "ticket", "in": "query", "schema": { "type": "string" } }],
                "responses": {
                    "101": { "description": "Switching to the WebSocket protocol" },
                    "400": error_response("Not a WebSocket upgrade"),
                    "401": error_response("Unknown, used or expired ticket, and no valid bearer token")
                }
            }}
        }
    })
}

fn schemas() -> Value {
    json!({
        "Error": { "type": "object", "required": ["error"], "properties": { "error": {
            "type": "object", "required": ["code", "message"],
            "properties": { "code": { "type": "string" }, "message": { "type": "string" } } } } },
        "Health": { "type": "object", "required": ["status", "backend"], "properties": {
            "status": { "type": "string" }, "backend": { "type": "string", "enum": ["sqlite", "postgres"] } } },
        "Principal": { "type": "object", "required": ["team", "token_id", "agent_id", "name", "initials", "role"], "properties": {
            "team": { "type": "string" }, "token_id": { "type": "string" }, "agent_id": { "type": "string" },
            "name": { "type": "string" }, "initials": { "type": "string" }, "role": { "$ref": "#/components/schemas/Role" } } },
        "Role": { "type": "string", "enum": ["agent", "lead", "admin"] },
        "Mutation": { "type": "object", "required": ["id", "name", "args"], "additionalProperties": false, "properties": {
            "id": { "type": "integer", "minimum": 1 }, "name": { "type": "string" }, "args": { "type": "object" },
            "hlc": { "type": "integer", "minimum": 0 } } },
        "PushRequest": { "type": "object", "required": ["client_id", "mutations"], "additionalProperties": false, "properties": {
            "client_id": { "type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$" },
            "mutations": { "type": "array", "maxItems": 500, "items": { "$ref": "#/components/schemas/Mutation" } } } },
        "PushResponse": { "type": "object", "required": ["last_mutation_id", "version", "results"], "properties": {
            "last_mutation_id": { "type": "integer" }, "version": { "type": "integer" },
            "expected_id": { "type": "integer", "description": "Set when the batch skipped ids: resend from this id" },
            "results": { "type": "array", "items": { "type": "object", "required": ["id", "outcome"], "properties": {
                "id": { "type": "integer" }, "outcome": { "type": "string", "enum": ["applied", "rejected", "duplicate"] },
                "code": { "type": "string" }, "message": { "type": "string" }, "version": { "type": "integer" } } } } } },
        "Cookie": { "type": "object", "required": ["version", "schema"], "properties": {
            "version": { "type": "integer" }, "schema": { "type": "integer" } } },
        "PullRequest": { "type": "object", "required": ["client_id"], "additionalProperties": false, "properties": {
            "client_id": { "type": "string" }, "cookie": { "$ref": "#/components/schemas/Cookie" },
            "limit": { "type": "integer", "minimum": 1, "maximum": 5000 } } },
        "PullResponse": { "type": "object", "required": ["cookie", "reset", "changes", "more", "last_mutation_id", "rejected"], "properties": {
            "cookie": { "$ref": "#/components/schemas/Cookie" }, "reset": { "type": "boolean" }, "more": { "type": "boolean" },
            "last_mutation_id": { "type": "integer" },
            "changes": { "type": "array", "items": { "type": "object", "required": ["version", "id", "kind", "body"], "properties": {
                "version": { "type": "integer" }, "id": { "type": "string" },
                "kind": { "type": "string", "enum": ["ticket", "note", "customer", "template", "guideline", "settings", "member", "conversation"] },
                "body": { "type": "object" } } } },
            "rejected": { "type": "array", "items": { "type": "object", "required": ["mutation_id", "version", "code", "message"] } } } },
        "IssueTokenRequest": { "type": "object", "required": ["name", "initials", "role"], "additionalProperties": false, "properties": {
            "name": { "type": "string" }, "initials": { "type": "string" }, "role": { "$ref": "#/components/schemas/Role" } } },
        "IssuedToken": { "type": "object", "required": ["team", "token_id", "agent_id", "role", "token"], "properties": {
            "team": { "type": "string" }, "token_id": { "type": "string" }, "agent_id": { "type": "string" },
            "role": { "$ref": "#/components/schemas/Role" }, "token": { "type": "string", "description": "Shown once" } } },
        "TokenList": { "type": "object", "required": ["tokens"], "properties": { "tokens": { "type": "array", "items": {
            "type": "object", "required": ["token_id", "agent_id", "name", "initials", "role", "created_at"] } } } },
        "AuditLog": { "type": "object", "required": ["entries"], "properties": { "entries": { "type": "array", "items": {
            "type": "object", "required": ["version", "agent_id", "client_id", "mutation_id", "name", "args", "outcome", "at"] } } } },
        "LiveTicket": { "type": "object", "required": ["ticket", "expires_in_seconds"], "properties": {
            "ticket": { "type": "string" }, "expires_in_seconds": { "type": "integer" } } }
    })
}

/// `GET /v1/reports/team` (its schema inline, so the entry stands alone).
fn team_report() -> Value {
    let durations = json!({ "type": "object", "required": ["n", "median_s", "p90_s"], "properties": {
        "n": { "type": "integer" }, "median_s": { "type": "integer", "nullable": true }, "p90_s": { "type": "integer", "nullable": true } } });
    let share = json!({ "type": "object", "required": ["eligible", "met", "ratio"], "properties": {
        "eligible": { "type": "integer" }, "met": { "type": "integer" }, "ratio": { "type": "number", "nullable": true } } });
    let figures = ["inbound", "first_response", "answered_within_1h", "answered_within_24h", "sla", "response_rate", "resolution", "reopen_rate"];
    let mut required: Vec<&str> = vec!["team", "from", "to", "tz", "period_start_ms", "period_end_ms", "generated_at_ms"];
    required.extend(figures);
    required.extend(["backlog", "by_agent", "by_platform", "tone", "templates", "sentiment", "series"]);
    json!({ "get": {
        "summary": "The team report for whole days from..=to in a time zone (definitions: docs/store.md, Team reports)",
        "x-min-role": "lead", "security": [{ "bearer": [] }],
        "parameters": [
            { "name": "from", "in": "query", "required": true, "schema": { "type": "string", "format": "date" }, "example": "2026-11-01" },
            { "name": "to", "in": "query", "required": true, "schema": { "type": "string", "format": "date" }, "example": "2026-11-30",
              "description": "Last day, included; at most 366 days after from" },
            { "name": "tz", "in": "query", "schema": { "type": "string", "default": "UTC" }, "example": "Europe/Paris",
              "description": "IANA time zone of the days and the series" }
        ],
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
                    "templates": { "type": "array", "items": { "type": "object", "required": ["key", "n"] } },
                    "sentiment": { "type": "object", "required": ["inbound_by_label", "negative_answered_within_1h"] },
                    "series": { "type": "array", "items": { "type": "object", "required": ["date", "inbound", "backlog", "first_response_median_s"] } }
                } } } } },
            "400": error_response("missing_parameter, invalid_date, invalid_time_zone or invalid_period"),
            "403": error_response("Not a lead or admin")
        }))
    }})
}
