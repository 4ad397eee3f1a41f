//! The document is the contract: every request body and parameter is validated against
//! `/openapi.json` itself, so the store accepts exactly what the document states.
//!
//! Bodies are checked against their component schema, parameters (query, path, header)
//! against the operation's parameter schemas, with the `jsonschema` validator (the engine
//! Schemathesis uses too). A failing keyword is answered with the code and status its
//! schema names under `x-errors`, otherwise with 400 and `invalid_body`, `invalid_query`,
//! `invalid_path` or `invalid_header` after where the value came from.

use super::error::ApiError;
use super::openapi;
use axum::http::{HeaderMap, StatusCode};
use jsonschema::{ValidationError, Validator};
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};
use socialcare::sync::{PullRequest, PushRequest};
use std::collections::HashMap;
use std::sync::LazyLock;

/// A request body type and the component schema that states it.
pub trait RequestSchema: DeserializeOwned {
    /// The schema's name under `#/components/schemas`.
    const SCHEMA: &'static str;
}

impl RequestSchema for PushRequest {
    const SCHEMA: &'static str = "PushRequest";
}

impl RequestSchema for PullRequest {
    const SCHEMA: &'static str = "PullRequest";
}

/// Where a parameter travels, as the document names it (`in`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterIn {
    /// The query string.
    Query,
    /// A path segment.
    Path,
    /// A request header.
    Header,
}

impl ParameterIn {
    fn parse(name: &str) -> Option<ParameterIn> {
        match name {
            "query" => Some(ParameterIn::Query),
            "path" => Some(ParameterIn::Path),
            "header" => Some(ParameterIn::Header),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            ParameterIn::Query => "query",
            ParameterIn::Path => "path",
            ParameterIn::Header => "header",
        }
    }

    /// The code of a refusal of a value from here.
    fn error_code(self) -> &'static str {
        match self {
            ParameterIn::Query => "invalid_query",
            ParameterIn::Path => "invalid_path",
            ParameterIn::Header => "invalid_header",
        }
    }
}

/// One documented parameter.
struct Parameter {
    name: String,
    location: ParameterIn,
    schema: Value,
}

/// An operation's parameters and the validator of their values.
struct Parameters {
    list: Vec<Parameter>,
    validator: Validator,
}

/// The parameter values of one request, by where they came from (none where absent).
#[derive(Default)]
pub struct RequestValues<'a> {
    /// The decoded query string.
    pub query: Option<&'a HashMap<String, String>>,
    /// The path parameters.
    pub path: Option<&'a HashMap<String, String>>,
    /// The headers.
    pub headers: Option<&'a HeaderMap>,
}

impl RequestValues<'_> {
    fn get(&self, parameter: &Parameter) -> Option<String> {
        match parameter.location {
            ParameterIn::Query => self.query?.get(&parameter.name).cloned(),
            ParameterIn::Path => self.path?.get(&parameter.name).cloned(),
            ParameterIn::Header => self
                .headers?
                .get(&parameter.name)
                .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned()),
        }
    }
}

/// The document and the validators of every request body and operation's parameters.
pub struct Contract {
    document: Value,
    bodies: HashMap<String, Validator>,
    parameters: HashMap<(String, String), Parameters>,
}

static CONTRACT: LazyLock<Contract> = LazyLock::new(|| {
    Contract::new(openapi::document()).expect("the OpenAPI document's schemas compile")
});

/// The store's contract, compiled on first use (the router compiles it at start).
pub fn contract() -> &'static Contract {
    &CONTRACT
}

/// A JSON Pointer segment for `text` as a URI fragment carries it (`~`, `/`, `%`, `{`, `}` escaped).
fn pointer_segment(text: &str) -> String {
    text.replace('~', "~0")
        .replace('/', "~1")
        .replace('%', "%25")
        .replace('{', "%7B")
        .replace('}', "%7D")
}

/// A validator of `schema`, resolving `#/...` references within `document`.
fn validator(document: &Value, schema: Value) -> Result<Validator, String> {
    let mut root = document.clone();
    root["$defs"] = json!({ "request": schema });
    root["$ref"] = json!("#/$defs/request");
    jsonschema::draft202012::new(&root).map_err(|error| error.to_string())
}

impl Contract {
    /// Compiles the validators of `document`.
    pub fn new(document: Value) -> Result<Contract, String> {
        let mut bodies = HashMap::new();
        for name in document["components"]["schemas"]
            .as_object()
            .into_iter()
            .flat_map(Map::keys)
        {
            let schema = json!({ "$ref": format!("#/components/schemas/{name}") });
            bodies.insert(name.clone(), validator(&document, schema)?);
        }
        let mut parameters = HashMap::new();
        for (path, item) in document["paths"].as_object().into_iter().flatten() {
            for (method, operation) in item.as_object().into_iter().flatten() {
                let Some(declared) = operation["parameters"].as_array() else {
                    continue;
                };
                let mut list = Vec::new();
                let mut groups: Map<String, Value> = Map::new();
                for (index, parameter) in declared.iter().enumerate() {
                    let name = parameter["name"]
                        .as_str()
                        .ok_or("a parameter without a name")?;
                    let location = parameter["in"]
                        .as_str()
                        .and_then(ParameterIn::parse)
                        .ok_or_else(|| format!("{method} {path}: {name} is in no known place"))?;
                    let group = groups.entry(location.name()).or_insert_with(
                        || json!({ "type": "object", "properties": {}, "required": [] }),
                    );
                    group["properties"][name] = json!({ "$ref": format!(
                        "#/paths/{}/{method}/parameters/{index}/schema", pointer_segment(path)
                    ) });
                    if parameter["required"] == true {
                        group["required"]
                            .as_array_mut()
                            .expect("required is a list")
                            .push(json!(name));
                    }
                    list.push(Parameter {
                        name: name.to_owned(),
                        location,
                        schema: parameter["schema"].clone(),
                    });
                }
                let schema = json!({ "type": "object", "properties": groups });
                parameters.insert(
                    (method.clone(), path.clone()),
                    Parameters {
                        list,
                        validator: validator(&document, schema)?,
                    },
                );
            }
        }
        Ok(Contract {
            document,
            bodies,
            parameters,
        })
    }

    /// Parses and validates a JSON body against `T`'s schema: 400 `malformed_json` when it
    /// is not JSON, the schema's code (default 400 `invalid_body`) when it breaks the schema.
    pub fn body<T: RequestSchema>(&self, bytes: &[u8]) -> Result<T, ApiError> {
        let value: Value = serde_json::from_slice(bytes).map_err(|error| {
            ApiError::bad_request(
                "malformed_json",
                format!("the body is not valid JSON: {error}"),
            )
        })?;
        let validator = self
            .bodies
            .get(T::SCHEMA)
            .unwrap_or_else(|| panic!("no schema {} in the document", T::SCHEMA));
        let mut value = value;
        if let Some(error) = validator.iter_errors(&value).next() {
            let field = error
                .instance_path()
                .as_str()
                .trim_start_matches('/')
                .replace('/', ".");
            let subject = if field.is_empty() {
                "the body".to_owned()
            } else {
                field
            };
            return Err(self.refusal(&error, "invalid_body", &subject));
        }
        self.integers_as_integers(
            &mut value,
            &self.document["components"]["schemas"][T::SCHEMA],
        );
        serde_json::from_value(value)
            .map_err(|error| ApiError::bad_request("invalid_body", error.to_string()))
    }

    /// Validates the documented parameters of `method path` (as the document spells them,
    /// e.g. `get`, `/v1/tokens/{token_id}`) and returns them as `{"query": {…}, "path": {…},
    /// "header": {…}}` (one object for each place the operation documents), integers as numbers.
    pub fn parameters(
        &self,
        method: &str,
        path: &str,
        values: &RequestValues<'_>,
    ) -> Result<Value, ApiError> {
        let parameters = self
            .parameters
            .get(&(method.to_owned(), path.to_owned()))
            .unwrap_or_else(|| panic!("{method} {path} has no documented parameters"));
        let mut found = json!({});
        for parameter in &parameters.list {
            let group = found
                .as_object_mut()
                .expect("an object")
                .entry(parameter.location.name())
                .or_insert_with(|| json!({}));
            let Some(text) = values.get(parameter) else {
                continue;
            };
            group[&parameter.name] = if expects_integer(&parameter.schema) {
                text.parse::<serde_json::Number>()
                    .map_or(Value::String(text), Value::Number)
            } else {
                Value::String(text)
            };
        }
        if let Some(error) = parameters.validator.iter_errors(&found).next() {
            let location = error
                .instance_path()
                .as_str()
                .split('/')
                .nth(1)
                .and_then(ParameterIn::parse)
                .unwrap_or(ParameterIn::Query);
            let name = error
                .instance_path()
                .as_str()
                .split('/')
                .nth(2)
                .map_or_else(|| format!("the {}", location.name()), str::to_owned);
            return Err(self.refusal(&error, location.error_code(), &name));
        }
        for parameter in &parameters.list {
            if let Some(value) = found[parameter.location.name()].get_mut(&parameter.name) {
                self.integers_as_integers(value, &parameter.schema);
            }
        }
        Ok(found)
    }

    /// Writes numbers without a fraction (`5.0`, `1e3`) as integers wherever `schema` expects
    /// an integer: JSON Schema counts them as integers, the typed requests need them so.
    /// Called on valid values only, so each such number is in its integer range.
    fn integers_as_integers(&self, value: &mut Value, schema: &Value) {
        if let Some(target) = schema["$ref"]
            .as_str()
            .and_then(|reference| reference.strip_prefix('#'))
            .and_then(|pointer| self.document.pointer(pointer))
        {
            self.integers_as_integers(value, target);
        }
        for alternative in ["anyOf", "oneOf", "allOf"]
            .iter()
            .filter_map(|keyword| schema[keyword].as_array())
            .flatten()
        {
            self.integers_as_integers(value, alternative);
        }
        match value {
            Value::Number(number) if number.is_f64() && expects_integer(schema) => {
                if let Some(whole) = number.as_f64().filter(|float| float.fract() == 0.0) {
                    *value = if whole >= 0.0 {
                        json!(whole as u64)
                    } else {
                        json!(whole as i64)
                    };
                }
            }
            Value::Object(fields) => {
                for (name, field) in fields {
                    if let Some(field_schema) = schema["properties"].get(name) {
                        self.integers_as_integers(field, field_schema);
                    }
                }
            }
            Value::Array(items) if schema.get("items").is_some() => {
                for item in items {
                    self.integers_as_integers(item, &schema["items"]);
                }
            }
            _ => {}
        }
    }

    /// The refusal for a failed keyword: the code and status its schema names under
    /// `x-errors`, else 400 with `default_code`. The message names the value, not its content.
    fn refusal(&self, error: &ValidationError<'_>, default_code: &str, subject: &str) -> ApiError {
        let keyword_path = error.schema_path().as_str();
        let (schema_path, keyword) = keyword_path.rsplit_once('/').unwrap_or(("", keyword_path));
        let named = self
            .document
            .pointer(schema_path)
            .and_then(|schema| schema["x-errors"].get(keyword));
        let status = named
            .and_then(|named| named["status"].as_u64())
            .and_then(|status| StatusCode::from_u16(status as u16).ok())
            .unwrap_or(StatusCode::BAD_REQUEST);
        let code = named
            .and_then(|named| named["code"].as_str())
            .unwrap_or(default_code);
        ApiError::new(
            status,
            code,
            format!("{} (see /openapi.json)", error.masked_with(subject)),
        )
    }
}

/// Whether `schema` admits integers (`"type": "integer"` or a list naming it).
fn expects_integer(schema: &Value) -> bool {
    match &schema["type"] {
        Value::String(kind) => kind == "integer",
        Value::Array(kinds) => kinds.iter().any(|kind| kind == "integer"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use socialcare::sync::is_valid_client_id;

    proptest! {
        #[test]
        fn the_document_and_the_sync_client_agree_on_client_ids(
            client_id in "[A-Za-z0-9_./ -]{0,70}|\\PC{0,8}"
        ) {
            let contract = contract();
            let body = json!({ "client_id": client_id }).to_string();
            let accepted = contract.body::<PullRequest>(body.as_bytes()).is_ok();
            prop_assert_eq!(accepted, is_valid_client_id(&client_id), "{:?}", client_id);
        }
    }

    #[test]
    fn every_initial_the_document_accepts_is_a_letter_or_digit() {
        // The member rule (`NewMember::validate`) takes alphanumeric characters; the
        // document's class must be a subset of it, so nothing it accepts is refused later.
        let class = openapi::INITIALS_CLASS;
        let validator = jsonschema::draft202012::new(&json!({ "pattern": format!("^[{class}]$") }))
            .expect("the class compiles");
        let accepted: Vec<char> = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|c| validator.is_valid(&json!(c.to_string())))
            .collect();
        assert!(accepted.len() > 30_000, "{} accepted", accepted.len());
        let strays: Vec<_> = accepted.iter().filter(|c| !c.is_alphanumeric()).collect();
        assert!(strays.is_empty(), "not alphanumeric: {strays:?}");
    }

    #[test]
    fn the_document_compiles_and_names_its_special_refusals() {
        let contract = Contract::new(openapi::document()).expect("compiles");
        let refused = contract
            .body::<PushRequest>(br#"{"client_id": "_admin", "mutations": []}"#)
            .unwrap_err();
        assert_eq!(
            (refused.status.as_u16(), refused.code.as_str()),
            (400, "invalid_client_id")
        );
        let mutations: Vec<_> = (1..=501)
            .map(|id| json!({ "id": id, "name": "x", "args": {} }))
            .collect();
        let body = json!({ "client_id": "a", "mutations": mutations }).to_string();
        let refused = contract.body::<PushRequest>(body.as_bytes()).unwrap_err();
        assert_eq!(
            (refused.status.as_u16(), refused.code.as_str()),
            (413, "batch_too_large")
        );
        let refused = contract
            .body::<PushRequest>(
                br#"{"client_id": "a", "mutations": [{"id": 0, "name": "x", "args": {}}]}"#,
            )
            .unwrap_err();
        assert_eq!(refused.code, "invalid_body");
        assert!(
            refused.message.contains("mutations.0.id"),
            "{}",
            refused.message
        );
    }

    #[test]
    fn query_integers_are_checked_against_their_ranges() {
        let contract = Contract::new(openapi::document()).expect("compiles");
        let check = |query: &[(&str, &str)]| {
            let query: HashMap<String, String> = query
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            let values = RequestValues {
                query: Some(&query),
                ..RequestValues::default()
            };
            contract.parameters("get", "/v1/audit", &values)
        };
        assert_eq!(
            check(&[("limit", "5000"), ("after", "7")]).unwrap(),
            json!({ "query": { "limit": 5000, "after": 7 } })
        );
        assert_eq!(
            check(&[("limit", "1e3"), ("after", "2.0")]).unwrap(),
            json!({ "query": { "limit": 1000, "after": 2 } })
        );
        for bad in [
            ("limit", "0"),
            ("limit", "5001"),
            ("limit", "2.5"),
            ("limit", " 5"),
            ("after", "-1"),
            ("after", "9223372036854775808"),
            ("after", "x"),
        ] {
            let refused = check(&[bad]).unwrap_err();
            assert_eq!(refused.code, "invalid_query", "{bad:?}");
            assert!(
                refused.message.starts_with(bad.0),
                "{bad:?}: {}",
                refused.message
            );
        }
    }
}
