//! Durability: kill -9 the store repeatedly while clients push; after each restart,
//! every acknowledged mutation is there. SIGTERM finishes a push in flight.

use crate::harness::*;
use serde_json::json;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const KILLS: usize = 8;
const CLIENTS: usize = 4;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_mutation_survives_kill_9() {
    let db = TestDb::new();
    let team = db.team("durable");
    let args = ["--rate-limit", "100000", "--rate-burst", "100000"];
    let mut server = Server::start(&db, &args);
    // Per client: the highest mutation id acknowledged so far.
    let acknowledged = Arc::new(Mutex::new(vec![0u64; CLIENTS]));
    create_the_ticket(&Api::new(&server), &team.agent).await;
    for round in 0..KILLS {
        let api = Api::new(&server);
        let mut pushers = Vec::new();
        for client in 0..CLIENTS {
            let api = api.clone();
            let token = if client % 2 == 0 {
                team.agent.clone()
            } else {
                team.agent2.clone()
            };
            let acknowledged = acknowledged.clone();
            pushers.push(tokio::spawn(async move {
                let client_id = format!("dur{client}");
                loop {
                    let next = acknowledged.lock().unwrap()[client] + 1;
                    let mutations: Vec<_> = (next..next + 10)
                        .map(|id| json!({ "id": id, "name": "note.add", "args": { "id": format!("{client_id}-{id}"), "item": "x:1", "body": "durable" }, "hlc": 0 }))
                        .collect();
                    let request = reqwest::Client::new()
                        .post(format!("{}/v1/push", api.base))
                        .bearer_auth(&token)
                        .json(&json!({ "client_id": client_id, "mutations": mutations }))
                        .send()
                        .await;
                    // A refused connection or a cut reply means the server is gone: stop.
                    let Ok(response) = request else { return };
                    let Ok(body) = response.json::<serde_json::Value>().await else { return };
                    if let Some(last) = body["last_mutation_id"].as_u64() {
                        let mut acked = acknowledged.lock().unwrap();
                        acked[client] = acked[client].max(last);
                    }
                }
            }));
        }
        // Let some pushes be acknowledged, then kill the store mid-stream.
        let target: u64 = acknowledged.lock().unwrap().iter().sum::<u64>() + 50;
        eventually("pushes acknowledged before the kill", || {
            let sum: u64 = acknowledged.lock().unwrap().iter().sum();
            async move { (sum >= target).then_some(()) }
        })
        .await;
        server.kill9();
        for pusher in pushers {
            let _ = pusher.await;
        }
        server = Server::start(&db, &args);
        let api = Api::new(&server);
        let (records, _) = api
            .pull_all(&team.admin, &format!("check{round}"), json!(null))
            .await;
        let acked = acknowledged.lock().unwrap().clone();
        for (client, last) in acked.iter().enumerate() {
            for id in 1..=*last {
                let note_id = format!("dur{client}-{id}");
                assert!(
                    records.contains_key(&("note".to_owned(), note_id.clone())),
                    "round {round}: acknowledged note {note_id} lost"
                );
            }
        }
    }
    assert!(acknowledged.lock().unwrap().iter().all(|last| *last > 0));
}

/// The graceful-shutdown promise (docs/store.md: "no new connections, in-flight
/// requests finish"), made deterministic: a push whose headers the store has read
/// (it answered `100 Continue` and waits for the body) but whose body is still
/// arriving when SIGTERM lands is finished, answered 200 `applied`, and durable.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_a_push_whose_body_is_still_arriving() {
    let db = TestDb::new();
    let team = db.team("graceful");
    let mut server = Server::start(&db, &[]);
    create_the_ticket(&Api::new(&server), &team.agent).await;

    // An idle keep-alive connection: the store closes it once shutdown has begun.
    let mut idle = TcpStream::connect(server.address()).await.expect("connect");
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: store\r\n\r\n")
        .await
        .unwrap();
    let mut buffer = Vec::new();
    let head_end = read_until_head_end(&mut idle, &mut buffer).await;
    let health = parse_head(&buffer[..head_end]);
    assert_eq!(health.status, 200, "healthz: {:?}", health.headers);
    let length = health
        .content_length()
        .expect("healthz has a content-length");
    while buffer.len() < head_end + length {
        read_some(&mut idle, &mut buffer).await;
    }

    // The in-flight push: headers and half the body, then wait until the store has read
    // the headers and asks for the body (hyper sends `100 Continue` when the handler
    // first polls the body).
    let body = json!({
        "client_id": "inflight",
        "mutations": [{ "id": 1, "name": "note.add", "hlc": 0,
            "args": { "id": "inflight-note", "item": "x:1", "body": "finished after SIGTERM" } }],
    })
    .to_string()
    .into_bytes();
    let (first_half, second_half) = body.split_at(body.len() / 2);
    let mut inflight = TcpStream::connect(server.address()).await.expect("connect");
    let head = format!(
        "POST /v1/push HTTP/1.1\r\nHost: store\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nExpect: 100-continue\r\n\r\n",
        team.agent,
        body.len()
    );
    inflight.write_all(head.as_bytes()).await.unwrap();
    inflight.write_all(first_half).await.unwrap();
    let mut reply = Vec::new();
    let continue_end = read_until_head_end(&mut inflight, &mut reply).await;
    let interim = parse_head(&reply[..continue_end]);
    assert_eq!(
        interim.status,
        100,
        "the store reads the push's headers and waits for its body: {:?}",
        String::from_utf8_lossy(&reply)
    );
    reply.drain(..continue_end);

    server.send_sigterm();
    // Shutdown has begun: the idle connection is closed, and new connections are refused.
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(PATIENCE, idle.read_to_end(&mut rest))
        .await
        .expect("the store closes idle connections on SIGTERM");
    assert!(
        closed.is_ok() && rest.is_empty(),
        "the idle connection ends cleanly: {closed:?} {rest:?}"
    );
    let address = server.address().to_owned();
    eventually("the store to stop accepting connections", || {
        let address = address.clone();
        async move { TcpStream::connect(&address).await.is_err().then_some(()) }
    })
    .await;
    assert!(
        !server.has_exited(),
        "the store waits for the push whose body is still arriving"
    );

    // The rest of the body: the store finishes the push and only then exits.
    inflight.write_all(second_half).await.unwrap();
    tokio::time::timeout(PATIENCE, inflight.read_to_end(&mut reply))
        .await
        .expect("the store answers the in-flight push")
        .expect("the in-flight push's connection ends cleanly");
    let (status, answer) = parse_response(&reply);
    assert_eq!(status, 200, "the in-flight push: {answer}");
    assert_eq!(answer["results"][0]["outcome"], "applied", "{answer}");
    assert_eq!(answer["last_mutation_id"], 1, "{answer}");
    assert!(server.wait_for_exit(), "the store exits cleanly on SIGTERM");

    let server = Server::start(&db, &[]);
    let (records, _) = Api::new(&server)
        .pull_all(&team.admin, "check", json!(null))
        .await;
    let note = records
        .get(&("note".to_owned(), "inflight-note".to_owned()))
        .expect("the push finished during shutdown is durable");
    assert_eq!(note["body"]["body"], "finished after SIGTERM", "{note}");
}

/// SIGTERM while clients push continuously: no push the store answers is answered
/// with an error or cut short, and everything acknowledged is there after a restart.
/// A push whose connection closes before any reply is not counted: the store may close a
/// connection whose request it had not started reading. The test above pins that a push
/// the store has started reading is finished.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_under_load_answers_every_push_and_keeps_every_acknowledgement() {
    let db = TestDb::new();
    let team = db.team("graceful");
    let args = ["--rate-limit", "100000", "--rate-burst", "100000"];
    let server = Server::start(&db, &args);
    let api = Api::new(&server);
    create_the_ticket(&api, &team.agent).await;
    let acknowledged = Arc::new(Mutex::new(vec![0u64; CLIENTS]));
    let failures = Arc::new(Mutex::new(Vec::new()));
    let mut pushers = Vec::new();
    for client in 0..CLIENTS {
        let (base, token, acknowledged, failures) = (
            api.base.clone(),
            team.agent.clone(),
            acknowledged.clone(),
            failures.clone(),
        );
        pushers.push(tokio::spawn(async move {
            let http = reqwest::Client::new();
            loop {
                let next = acknowledged.lock().unwrap()[client] + 1;
                let mutations: Vec<_> = (next..next + 10)
                    .map(|id| json!({ "id": id, "name": "note.add", "args": { "id": format!("g{client}-{id}"), "item": "x:1", "body": "b" }, "hlc": 0 }))
                    .collect();
                let sent = http.post(format!("{base}/v1/push")).bearer_auth(&token).json(&json!({ "client_id": format!("g{client}"), "mutations": mutations })).send().await;
                // Refused, or closed before a reply began: the store stopped listening.
                let Ok(response) = sent else { return };
                let status = response.status().as_u16();
                match response.json::<serde_json::Value>().await {
                    Ok(body) if status == 200 => {
                        let last = body["last_mutation_id"].as_u64().unwrap();
                        acknowledged.lock().unwrap()[client] = last;
                    }
                    Ok(body) => failures.lock().unwrap().push(format!("{status}: {body}")),
                    // A reply that began must be finished.
                    Err(error) => {
                        failures
                            .lock()
                            .unwrap()
                            .push(format!("{status}: reply cut short: {error}"));
                        return;
                    }
                }
            }
        }));
    }
    let target = 100;
    eventually("pushes acknowledged before SIGTERM", || {
        let sum: u64 = acknowledged.lock().unwrap().iter().sum();
        async move { (sum >= target).then_some(()) }
    })
    .await;
    assert!(server.terminate(), "the store exits cleanly on SIGTERM");
    for pusher in pushers {
        let _ = pusher.await;
    }
    assert_eq!(
        failures.lock().unwrap().clone(),
        Vec::<String>::new(),
        "in-flight pushes were answered with errors"
    );
    let server = Server::start(&db, &args);
    let (records, _) = Api::new(&server)
        .pull_all(&team.admin, "check", json!(null))
        .await;
    for (client, last) in acknowledged.lock().unwrap().iter().enumerate() {
        for id in 1..=*last {
            assert!(
                records.contains_key(&("note".to_owned(), format!("g{client}-{id}"))),
                "acknowledged note g{client}-{id} lost"
            );
        }
    }
}

/// An HTTP/1.1 response head.
struct Head {
    status: u16,
    headers: Vec<(String, String)>,
}

impl Head {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    fn content_length(&self) -> Option<usize> {
        self.header("content-length")
            .map(|value| value.parse().expect("a numeric content-length"))
    }
}

/// Creates the ticket `x:1` that the pushers' notes go to, as the client `setup`.
async fn create_the_ticket(api: &Api, token: &str) {
    let setup = api
        .push(
            token,
            "setup",
            &[(
                1,
                "ticket.create",
                json!({ "item": "x:1", "conversation": "x:1" }),
            )],
        )
        .await;
    assert_eq!(setup.status, 200, "{:?}", setup.body);
    assert_eq!(setup.body["results"][0]["outcome"], "applied");
}

/// Reads more bytes into `buffer`, failing the test on EOF, an error or after [`PATIENCE`].
async fn read_some(stream: &mut TcpStream, buffer: &mut Vec<u8>) {
    let mut chunk = [0u8; 4096];
    let read = tokio::time::timeout(PATIENCE, stream.read(&mut chunk))
        .await
        .expect("the store answers in time")
        .expect("the connection stays open");
    assert!(
        read > 0,
        "the store closed the connection before answering: {:?}",
        String::from_utf8_lossy(buffer)
    );
    buffer.extend_from_slice(&chunk[..read]);
}

/// Reads until `buffer` holds a whole response head; returns the offset just past it.
async fn read_until_head_end(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> usize {
    loop {
        if let Some(at) = buffer.windows(4).position(|window| window == b"\r\n\r\n") {
            return at + 4;
        }
        read_some(stream, buffer).await;
    }
}

fn parse_head(head: &[u8]) -> Head {
    let text = std::str::from_utf8(head).expect("a UTF-8 head");
    let mut lines = text.split("\r\n");
    let status_line = lines.next().unwrap();
    let status = status_line
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("a status line: {status_line:?}"));
    let headers = lines
        .filter(|line| !line.is_empty())
        .map(|line| {
            let (key, value) = line.split_once(':').expect("a header line");
            (key.trim().to_owned(), value.trim().to_owned())
        })
        .collect();
    Head { status, headers }
}

/// A whole final response read to the end of the connection: its status and JSON body.
fn parse_response(bytes: &[u8]) -> (u16, serde_json::Value) {
    let head_end = bytes
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("a response head: {:?}", String::from_utf8_lossy(bytes)))
        + 4;
    let head = parse_head(&bytes[..head_end]);
    let mut rest = &bytes[head_end..];
    let body = if head
        .header("transfer-encoding")
        .is_some_and(|value| value.eq_ignore_ascii_case("chunked"))
    {
        let mut body = Vec::new();
        loop {
            let line_end = rest
                .windows(2)
                .position(|window| window == b"\r\n")
                .expect("a chunk size line");
            let size_text = std::str::from_utf8(&rest[..line_end]).unwrap();
            let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16)
                .expect("a hexadecimal chunk size");
            rest = &rest[line_end + 2..];
            if size == 0 {
                break;
            }
            body.extend_from_slice(&rest[..size]);
            rest = &rest[size + 2..];
        }
        body
    } else {
        let length = head.content_length().expect("a content-length");
        assert_eq!(rest.len(), length, "the whole body, then the end");
        rest.to_vec()
    };
    let json = serde_json::from_slice(&body)
        .unwrap_or_else(|_| panic!("a JSON body: {:?}", String::from_utf8_lossy(&body)));
    (head.status, json)
}
