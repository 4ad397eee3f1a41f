//! `/openapi.json` stays true: every documented operation answers with a documented
//! status and the documented required fields, and undocumented methods are refused.

use crate::harness::*;
use serde_json::Value;

fn resolve<'a>(document: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(reference) => {
            let name = reference.rsplit('/').next().unwrap();
            &document["components"]["schemas"][name]
        }
        None => schema,
    }
}

#[tokio::test]
async fn every_documented_operation_behaves_as_documented() {
    let db = TestDb::new();
    let team = db.team("openapi");
    let server = Server::start(&db, &[]);
    let api = Api::new(&server);
    let document = api.raw("GET", "/openapi.json", None, None).await.body;
    assert_eq!(
        document["openapi"].as_str().map(|v| v.starts_with("3.")),
        Some(true)
    );
    let mut operations = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            operations += 1;
            if path == "/v1/live" {
                continue; // A WebSocket: covered by the live tests.
            }
            let concrete = path.replace("{token_id}", "0000000000000000");
            let body = operation["requestBody"]["content"]["application/json"]["example"].clone();
            let body = (!body.is_null()).then(|| body.to_string().into_bytes());
            let reply = api
                .raw(&method.to_uppercase(), &concrete, Some(&team.admin), body)
                .await;
            let documented = &operation["responses"][reply.status.to_string()];
            assert!(
                documented.is_object(),
                "{method} {path} answered {} which is not documented: {:?}",
                reply.status,
                reply.body
            );
            let schema = &documented["content"]["application/json"]["schema"];
            if schema.is_object() {
                let schema = resolve(&document, schema);
                for field in schema["required"].as_array().into_iter().flatten() {
                    let field = field.as_str().unwrap();
                    assert!(
                        reply.body.get(field).is_some(),
                        "{method} {path}: {field} missing from {:?}",
                        reply.body
                    );
                }
            }
            // Methods the document does not list for this path are refused with 405.
            for other in ["get", "post", "delete", "put", "patch"] {
                if item.get(other).is_none() {
                    let refused = api
                        .raw(&other.to_uppercase(), &concrete, Some(&team.admin), None)
                        .await;
                    assert_eq!(
                        refused.status, 405,
                        "{other} {path} is undocumented but answered {}",
                        refused.status
                    );
                }
            }
        }
    }
    assert!(operations >= 12, "{operations} operations documented");
}
