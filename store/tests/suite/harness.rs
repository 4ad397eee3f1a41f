//! The test harness: a database per test (SQLite file or a fresh PostgreSQL database),
//! the real `socialcare-store` binary spawned on a free port, and HTTP/WebSocket clients.

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

/// The binary under test.
pub const BINARY: &str = env!("CARGO_BIN_EXE_socialcare-store");

/// How long any wait for an asynchronous effect may take before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(20);

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A name unique within this test run.
pub fn unique(prefix: &str) -> String {
    format!(
        "{prefix}{}x{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// A database for one test.
pub struct TestDb {
    args: Vec<String>,
    _dir: tempfile::TempDir,
    /// The directory the test may use for files.
    pub dir: PathBuf,
    /// True on PostgreSQL.
    pub postgres: bool,
}

impl TestDb {
    /// A fresh SQLite file, or a fresh database on the cluster named by
    /// `SOCIALCARE_TEST_DATABASE_URL` (an admin URL, e.g. `postgres://postgres@127.0.0.1:5433/postgres`).
    pub fn new() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().to_path_buf();
        match std::env::var("SOCIALCARE_TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.is_empty() => {
                let name = unique("sc_test_");
                let create = format!("CREATE DATABASE {name}");
                let url = admin_url.clone();
                std::thread::spawn(move || {
                    let mut client = postgres::Client::connect(&url, postgres::NoTls)
                        .expect("connect to the test cluster");
                    client
                        .batch_execute(&create)
                        .expect("create the test database");
                })
                .join()
                .expect("creating the test database");
                let (base, _) = admin_url
                    .rsplit_once('/')
                    .expect("admin URL ends with /database");
                TestDb {
                    args: vec!["--database-url".into(), format!("{base}/{name}")],
                    _dir: dir,
                    dir: path,
                    postgres: true,
                }
            }
            _ => TestDb::sqlite_in(dir),
        }
    }

    /// A fresh SQLite file, whatever the suite's backend.
    pub fn sqlite() -> TestDb {
        TestDb::sqlite_in(tempfile::tempdir().expect("temp dir"))
    }

    fn sqlite_in(dir: tempfile::TempDir) -> TestDb {
        let path = dir.path().to_path_buf();
        TestDb {
            args: vec![
                "--db".into(),
                path.join("store.db").to_string_lossy().into_owned(),
            ],
            _dir: dir,
            dir: path,
            postgres: false,
        }
    }

    /// The database arguments for the binary.
    pub fn args(&self) -> &[String] {
        &self.args
    }

    /// Runs a subcommand to completion; returns (success, stdout, stderr).
    pub fn cli(&self, args: &[&str]) -> (bool, String, String) {
        let output = Command::new(BINARY)
            .args(args)
            .args(&self.args)
            .env("SOCIALCARE_LOG", "warn")
            .output()
            .expect("run the binary");
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }

    /// Creates a team; returns its first admin's token.
    pub fn create_team(&self, name: &str) -> String {
        let (ok, stdout, stderr) = self.cli(&["team", "create", name]);
        assert!(ok, "team create failed: {stderr}");
        last_token(&stdout)
    }

    /// Issues a token with a role; returns it.
    pub fn issue(&self, team: &str, name: &str, role: &str) -> String {
        let initials: String = name
            .split_whitespace()
            .filter_map(|word| word.chars().next())
            .take(4)
            .collect();
        let (ok, stdout, stderr) = self.cli(&[
            "token",
            "issue",
            "--team",
            team,
            "--name",
            name,
            "--initials",
            &initials,
            "--role",
            role,
        ]);
        assert!(ok, "token issue failed: {stderr}");
        last_token(&stdout)
    }

    /// A team with an admin, a lead and two agents.
    pub fn team(&self, name: &str) -> Team {
        let admin = self.create_team(name);
        Team {
            admin,
            lead: self.issue(name, "Lea Lead", "lead"),
            agent: self.issue(name, "Kim Lee", "agent"),
            agent2: self.issue(name, "Sam Roe", "agent"),
        }
    }
}

fn last_token(stdout: &str) -> String {
    stdout
        .lines()
        .rev()
        .find(|line| line.starts_with("sct_"))
        .expect("a token on stdout")
        .trim()
        .to_owned()
}

/// A team's tokens by role.
#[derive(Debug, Clone)]
pub struct Team {
    /// Admin token.
    pub admin: String,
    /// Lead token.
    pub lead: String,
    /// Agent token.
    pub agent: String,
    /// Another agent's token.
    pub agent2: String,
}

/// A running store process.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
}

impl Server {
    /// Starts `serve` on a free port with extra arguments and waits for its address.
    pub fn start(db: &TestDb, extra: &[&str]) -> Server {
        Server::start_on(db, "127.0.0.1:0", extra)
    }

    /// Starts `serve` on a given address.
    pub fn start_on(db: &TestDb, listen: &str, extra: &[&str]) -> Server {
        let mut child = Command::new(BINARY)
            .arg("serve")
            .args(["--listen", listen])
            .args(extra)
            .args(db.args())
            .env("SOCIALCARE_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn the store");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the address line");
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| {
                let _ = child.kill();
                panic!("the store did not print its address: {line:?}")
            });
        Server {
            child,
            base: format!("http://{address}"),
        }
    }

    /// SIGKILL, no goodbye.
    pub fn kill9(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// SIGTERM and wait for a clean exit; returns whether it exited successfully.
    pub fn terminate(self) -> bool {
        self.send_sigterm();
        self.wait_for_exit()
    }

    /// `host:port`, for raw TCP clients.
    pub fn address(&self) -> &str {
        self.base.trim_start_matches("http://")
    }

    /// Sends SIGTERM and returns at once, without waiting for the exit.
    pub fn send_sigterm(&self) {
        let sent = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -TERM failed");
    }

    /// Whether the process has exited already (does not wait).
    pub fn has_exited(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }

    /// Waits up to [`PATIENCE`] for the process to exit; returns whether it exited successfully.
    pub fn wait_for_exit(mut self) -> bool {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP client of one store.
#[derive(Clone)]
pub struct Api {
    http: reqwest::Client,
    /// Base URL.
    pub base: String,
}

/// A response: status and JSON body (Null when not JSON).
#[derive(Debug, Clone)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Body as JSON.
    pub body: Value,
    /// Headers.
    pub headers: reqwest::header::HeaderMap,
}

impl Reply {
    /// The error code of an error body.
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("")
    }
}

impl Api {
    /// A client of `server`.
    pub fn new(server: &Server) -> Api {
        Api::at(&server.base)
    }

    /// A client of a base URL.
    pub fn at(base: &str) -> Api {
        Api {
            http: reqwest::Client::builder()
                .timeout(PATIENCE)
                .build()
                .expect("client"),
            base: base.to_owned(),
        }
    }

    /// Sends a request with an optional bearer token and raw body.
    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Vec<u8>>,
    ) -> Reply {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut request = self.http.request(method, format!("{}{}", self.base, path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body);
        }
        let response = request.send().await.expect("the store answers");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("a body");
        Reply {
            status,
            body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
            headers,
        }
    }

    /// GET with a token.
    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.raw("GET", path, Some(token), None).await
    }

    /// POST JSON with a token.
    pub async fn post(&self, path: &str, token: &str, body: Value) -> Reply {
        self.raw(
            "POST",
            path,
            Some(token),
            Some(body.to_string().into_bytes()),
        )
        .await
    }

    /// Pushes mutations `(id, name, args)` for a client.
    pub async fn push(
        &self,
        token: &str,
        client_id: &str,
        mutations: &[(u64, &str, Value)],
    ) -> Reply {
        let mutations: Vec<Value> = mutations
            .iter()
            .map(|(id, name, args)| json!({ "id": id, "name": name, "args": args, "hlc": 0 }))
            .collect();
        self.post(
            "/v1/push",
            token,
            json!({ "client_id": client_id, "mutations": mutations }),
        )
        .await
    }

    /// Pulls every page from `cookie`; returns the records by (kind, id) and the final page.
    pub async fn pull_all(
        &self,
        token: &str,
        client_id: &str,
        mut cookie: Value,
    ) -> (std::collections::BTreeMap<(String, String), Value>, Value) {
        let mut records = std::collections::BTreeMap::new();
        loop {
            let reply = self
                .post(
                    "/v1/pull",
                    token,
                    json!({ "client_id": client_id, "cookie": cookie }),
                )
                .await;
            assert_eq!(reply.status, 200, "pull failed: {:?}", reply.body);
            if reply.body["reset"] == true {
                records.clear();
            }
            for change in reply.body["changes"].as_array().expect("changes") {
                records.insert(
                    (
                        change["kind"].as_str().unwrap().to_owned(),
                        change["id"].as_str().unwrap().to_owned(),
                    ),
                    change.clone(),
                );
            }
            cookie = reply.body["cookie"].clone();
            if reply.body["more"] != true {
                return (records, reply.body);
            }
        }
    }
}

/// A live WebSocket connection.
pub struct Live {
    socket: tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
}

impl Live {
    /// Connects with a ticket from `POST /v1/live/ticket`; returns the connection and its hello.
    pub async fn connect(api: &Api, token: &str) -> (Live, Value) {
        let ticket = api.post("/v1/live/ticket", token, json!({})).await;
        assert_eq!(ticket.status, 200, "ticket: {:?}", ticket.body);
        let url = format!(
            "{}/v1/live?ticket={}",
            api.base.replace("http://", "ws://"),
            ticket.body["ticket"].as_str().unwrap()
        );
        let (socket, _) = tokio_tungstenite::connect_async(url)
            .await
            .expect("live connect");
        let mut live = Live { socket };
        let hello = live.next().await;
        assert_eq!(hello["type"], "hello", "first message is hello: {hello}");
        (live, hello)
    }

    /// The next message (fails the test after [`PATIENCE`]).
    pub async fn next(&mut self) -> Value {
        loop {
            let message = tokio::time::timeout(PATIENCE, self.socket.next())
                .await
                .expect("a live message in time")
                .expect("open")
                .expect("ok");
            if let Message::Text(text) = message {
                return serde_json::from_str(&text).expect("JSON message");
            }
        }
    }

    /// Waits for a message satisfying `wanted`, skipping others.
    pub async fn until(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + PATIENCE;
        loop {
            assert!(
                Instant::now() < deadline,
                "the awaited live message never came"
            );
            let message = self.next().await;
            if wanted(&message) {
                return message;
            }
        }
    }

    /// Sends a JSON text frame.
    pub async fn send(&mut self, message: Value) {
        self.socket
            .send(Message::Text(message.to_string().into()))
            .await
            .expect("send");
    }

    /// Sends raw text.
    pub async fn send_text(&mut self, text: &str) {
        self.socket
            .send(Message::Text(text.to_owned().into()))
            .await
            .expect("send");
    }
}

/// Polls `check` until it returns `Some`, failing after [`PATIENCE`].
pub async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}
