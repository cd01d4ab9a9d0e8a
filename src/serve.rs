//! `wsis serve`: a local preview server that rebuilds the site when its sources change and
//! reloads the open pages.
//!
//! The server is deliberately small and uses the standard library only: one thread accepts
//! connections on 127.0.0.1, each connection is answered on its own thread and then closed
//! (`Connection: close`), and a watcher thread polls the modification times and sizes of the
//! site's inputs (`content/`, `seeds/`, `themes/`, `wsis.yaml`) and rebuilds on any change.
//!
//! The build swaps a complete output folder in at the end (see [`crate::site::Output`]), so the
//! server always reads a whole build: a failed rebuild leaves the previous output in place and
//! it goes on being served, while the error is reported on the terminal and in the browser.
//!
//! Live reload: every HTML page served gets a `<script>` tag for `/__wsis/live.js`, which
//! long-polls `/__wsis/wait?v=N`. That request blocks until the site version (1 after the first
//! build, plus one after every rebuild, failed or not) exceeds `N`, then answers
//! `{"version": V, "error": null | "message"}`. The script reloads the page after a successful
//! rebuild and shows the message of a failed one in a banner. Nothing under `/__wsis/` is ever
//! written into the output folder.

use std::collections::BTreeMap;
use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

use crate::config::CONFIG_FILE;
use crate::diagnostic::{Error, Result};
use crate::site::{self, BuildOptions, BuildReport};

/// The port `wsis serve` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 8080;

/// The folders under the site root whose files are inputs of the build.
pub const WATCHED_DIRS: [&str; 3] = ["content", "seeds", "themes"];

/// The URL prefix of the server's own resources; never looked up in the output folder.
const INTERNAL_PREFIX: &str = "/__wsis/";

/// The largest request head (request line and headers) the server reads.
const MAX_HEAD: usize = 16 * 1024;

/// How long the inputs must hold still after a change before a rebuild starts.
const SETTLE: Duration = Duration::from_millis(5);

/// The shortest pause of the watcher between two looks at the inputs.
const MIN_POLL: Duration = Duration::from_millis(5);

/// The pause before the next look at the inputs, when the last one took `cost`: nine times the
/// cost (looking takes at most a tenth of the watcher's time), between [`MIN_POLL`] and `max`.
/// A small site is looked at every 5 ms, a large one less often.
fn poll_pause(cost: Duration, max: Duration) -> Duration {
    (cost * 9).clamp(MIN_POLL.min(max), max)
}

/// The largest request body the server reads and discards before answering.
const MAX_DISCARDED_BODY: u64 = 1024 * 1024;

/// How long a connection may stay silent while its request is read or its answer written.
const IO_TIMEOUT: Duration = Duration::from_secs(10);

/// What [`start`] and [`serve`] need to know.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site to build and the output folder to serve.
    pub build: BuildOptions,
    /// The port on 127.0.0.1; 0 lets the system choose a free one.
    pub port: u16,
    /// Print nothing but errors (build summaries and warnings are left out).
    pub quiet: bool,
    /// The longest pause of the watcher between two looks at the inputs. It looks more often
    /// when a look is cheap ([`poll_pause`]).
    pub poll_interval: Duration,
    /// How long `/__wsis/wait` blocks when nothing changes.
    pub wait_timeout: Duration,
}

impl ServeOptions {
    /// Options with the defaults of `wsis serve`: port 8080, polling every 25 ms, waits of 25 s.
    pub fn new(build: BuildOptions) -> Self {
        ServeOptions {
            build,
            port: DEFAULT_PORT,
            quiet: false,
            poll_interval: Duration::from_millis(25),
            wait_timeout: Duration::from_secs(25),
        }
    }
}

/// A running server, as returned by [`start`]. Dropping it does not stop it: call
/// [`Server::stop`].
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    threads: Vec<JoinHandle<()>>,
}

impl Server {
    /// The address the server listens on (always on 127.0.0.1).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The address of the site's home page, e.g. `http://127.0.0.1:8080/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// The current site version: 1 after the first build, plus one per rebuild.
    pub fn version(&self) -> u64 {
        self.shared.state().version
    }

    /// The error of the last build, if it failed.
    pub fn last_error(&self) -> Option<String> {
        self.shared.state().error.clone()
    }

    /// Stops accepting connections and watching, wakes every waiting `/__wsis/wait` request,
    /// and returns once the accepting and watching threads have ended.
    pub fn stop(self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        {
            let _guard = self.shared.state();
            self.shared.changed.notify_all();
        }
        // Wake the accepting thread, which blocks in accept().
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        for t in self.threads {
            let _ = t.join();
        }
    }

    /// Blocks for as long as the server runs, which, without [`Server::stop`] from another
    /// handle, is until the process ends.
    pub fn join(self) {
        for t in self.threads {
            let _ = t.join();
        }
    }
}

/// Builds the site, then serves its output folder until the process is stopped (Ctrl-C).
/// Prints the address on stdout; build summaries, warnings and errors go to stderr.
pub fn serve(opts: ServeOptions) -> Result<()> {
    let server = start(opts)?;
    println!("serving {} (Ctrl-C to stop)", server.url());
    server.join();
    Ok(())
}

/// Binds 127.0.0.1 on the port asked for, builds the site once, and starts the server and the
/// watcher threads. Fails if the port is taken or the first build fails; later builds only
/// report their errors.
pub fn start(opts: ServeOptions) -> Result<Server> {
    // Bind first: a taken port is reported before a long build.
    let listener = bind(opts.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Other(format!("cannot read the server's address: {e}")))?;
    let watched = snapshot(&opts.build.root, &opts.build.out);
    let cache = site::ReadCache::default();
    let documents = build_and_report(&opts.build, opts.quiet, &cache, &|| {})?.documents;
    let shared = Arc::new(Shared {
        out: opts.build.out.clone(),
        index: opts.build.root.join(crate::search::index::INDEX_DIR),
        state: Mutex::new(BuildState {
            version: 1,
            error: None,
        }),
        changed: Condvar::new(),
        stopping: AtomicBool::new(false),
        wait_timeout: opts.wait_timeout,
    });
    let accepting = {
        let shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("wsis-serve-accept".into())
            .spawn(move || accept_loop(listener, shared))
            .map_err(|e| Error::Other(format!("cannot start the server thread: {e}")))?
    };
    let watching = {
        let shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("wsis-serve-watch".into())
            .spawn(move || watch_loop(opts, watched, documents, cache, shared))
            .map_err(|e| Error::Other(format!("cannot start the watcher thread: {e}")))?
    };
    Ok(Server {
        addr,
        shared,
        threads: vec![accepting, watching],
    })
}

/// Listens on 127.0.0.1:`port`, explaining a taken port.
fn bind(port: u16) -> Result<TcpListener> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, port)).map_err(|e| {
        if e.kind() == ErrorKind::AddrInUse {
            Error::Other(format!(
                "port {port} on 127.0.0.1 is already in use (another wsis serve?); \
                 choose another with --port N, or --port 0 for any free port"
            ))
        } else {
            Error::Other(format!("cannot listen on 127.0.0.1:{port}: {e}"))
        }
    })
}

/// Builds once, printing warnings and the summary unless `quiet`; `live` is called as soon as
/// the new output is in place ([`site::build_live`]).
fn build_and_report(
    opts: &BuildOptions,
    quiet: bool,
    cache: &site::ReadCache,
    live: &(dyn Fn() + Sync),
) -> Result<BuildReport> {
    let started = Instant::now();
    // The configuration is an input too: check it on every build, so that an error in
    // wsis.yaml is reported like any other.
    if opts.root.join(CONFIG_FILE).exists() {
        crate::config::Config::load(&opts.root)?;
    }
    let report = site::build_live(opts, cache, live)?;
    if !quiet {
        for w in &report.warnings {
            eprintln!("{w}");
        }
        eprintln!("{}", report.summary(started.elapsed()));
    }
    Ok(report)
}

/// The state shared by the server's threads.
struct Shared {
    /// The output folder being served.
    out: PathBuf,
    /// The search index the builds write, for `/api/search`.
    index: PathBuf,
    state: Mutex<BuildState>,
    /// Signalled whenever `state` changes, and when the server stops.
    changed: Condvar,
    stopping: AtomicBool,
    wait_timeout: Duration,
}

/// The outcome of the last build.
#[derive(Debug, Clone, PartialEq)]
struct BuildState {
    version: u64,
    /// The error of the last build, as printed; `None` when it succeeded.
    error: Option<String>,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, BuildState> {
        // A panic elsewhere cannot leave the state half-written: keep going.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }

    /// Records the outcome of a rebuild and wakes the waiting requests.
    fn publish(&self, error: Option<String>) {
        let mut st = self.state();
        st.version += 1;
        st.error = error;
        self.changed.notify_all();
    }

    /// Blocks until the version exceeds `seen`, the wait times out or the server stops.
    fn wait_newer(&self, seen: u64) -> BuildState {
        let deadline = Instant::now() + self.wait_timeout;
        let mut st = self.state();
        while st.version <= seen && !self.stopping() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            st = self
                .changed
                .wait_timeout(st, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        st.clone()
    }
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.stopping() {
            break;
        }
        let Ok(stream) = stream else {
            // A connection that failed before it was accepted (reset by the client, or
            // too many open files): nothing to answer.
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        let shared = Arc::clone(&shared);
        // If no thread can be started, the connection is dropped: the client sees it closed.
        let _ = std::thread::Builder::new()
            .name("wsis-serve-conn".into())
            .spawn(move || handle_connection(stream, &shared));
    }
}

/// Reads one request, answers it and closes the connection. Never panics on bad input.
fn handle_connection(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let (response, head_only) = match read_head(&mut stream) {
        Ok(None) => return, // closed without a request
        Ok(Some((head, body_read))) => match parse_head(&head) {
            Ok(req) => {
                discard_body(&mut stream, req.content_length.saturating_sub(body_read));
                let head_only = req.method == "HEAD";
                (route(shared, &req), head_only)
            }
            Err(resp) => (resp, false),
        },
        Err(resp) => (resp, false),
    };
    let _ = response.write_to(&mut stream, head_only);
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Write);
}

/// Reads up to the blank line that ends the request head. Returns the head and the number of
/// body bytes read past it; `Ok(None)` when the client closed the connection without sending
/// anything.
fn read_head(stream: &mut TcpStream) -> std::result::Result<Option<(Vec<u8>, u64)>, Response> {
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    loop {
        let n = match stream.read(&mut buf) {
            Ok(n) => n,
            Err(_) if head.is_empty() => return Ok(None),
            Err(_) => return Err(Response::text(400, "request head incomplete")),
        };
        if n == 0 {
            if head.is_empty() {
                return Ok(None);
            }
            return Err(Response::text(400, "request head incomplete"));
        }
        // Look for the end of the head in what was just read, plus the 3 bytes before it.
        let from = head.len().saturating_sub(3);
        head.extend_from_slice(&buf[..n]);
        if let Some(end) = find_head_end(&head[from..]) {
            let body_read = (head.len() - (from + end)) as u64;
            head.truncate(from + end);
            return Ok(Some((head, body_read)));
        }
        if head.len() > MAX_HEAD {
            return Err(Response::text(431, "request head too large"));
        }
    }
}

/// The offset just past the first blank line (`\r\n\r\n` or `\n\n`).
fn find_head_end(bytes: &[u8]) -> Option<usize> {
    (0..bytes.len()).find_map(|i| {
        if bytes[i..].starts_with(b"\r\n\r\n") {
            Some(i + 4)
        } else if bytes[i..].starts_with(b"\n\n") {
            Some(i + 2)
        } else {
            None
        }
    })
}

/// Reads and drops a small request body, so that closing the connection does not reset it
/// before the client has read the answer.
fn discard_body(stream: &mut TcpStream, length: u64) {
    if length > 0 && length <= MAX_DISCARDED_BODY {
        let _ = std::io::copy(&mut stream.take(length), &mut std::io::sink());
    }
}

/// A parsed request head.
#[derive(Debug, Clone, PartialEq)]
struct Request {
    method: String,
    /// The request target as sent: `/path?query`, still percent-encoded.
    target: String,
    content_length: u64,
}

/// Parses the request line and the one header the server uses (`Content-Length`).
fn parse_head(head: &[u8]) -> std::result::Result<Request, Response> {
    let bad = |why: &str| Response::text(400, &format!("bad request: {why}"));
    let text = std::str::from_utf8(head).map_err(|_| bad("the request head is not UTF-8"))?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let line = lines.next().unwrap_or_default();
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad("the request line is not `METHOD /path HTTP/1.1`"));
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(bad("no method"));
    }
    if !version.starts_with("HTTP/1.") {
        return Err(bad("only HTTP/1.x is spoken here"));
    }
    if target.is_empty() || target.bytes().any(|b| b.is_ascii_control()) {
        return Err(bad("no target"));
    }
    let mut content_length = 0;
    for header in lines.filter(|l| !l.is_empty()) {
        let Some((name, value)) = header.split_once(':') else {
            return Err(bad("a header without `:`"));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            content_length = value
                .trim()
                .parse()
                .map_err(|_| bad("Content-Length is not a number"))?;
        }
    }
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        content_length,
    })
}

/// An answer, written with `Connection: close`.
#[derive(Debug)]
struct Response {
    status: u16,
    content_type: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Self {
        Response {
            status,
            content_type,
            headers: Vec::new(),
            body,
        }
    }

    /// A plain-text answer (errors and the like).
    fn text(status: u16, message: &str) -> Self {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            format!("{message}\n").into_bytes(),
        )
    }

    fn with_header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }

    /// Writes the status line, headers and, unless `head_only`, the body.
    fn write_to(&self, w: &mut impl Write, head_only: bool) -> std::io::Result<()> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
             Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.body.len()
        );
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        w.write_all(head.as_bytes())?;
        if !head_only {
            w.write_all(&self.body)?;
        }
        Ok(())
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        _ => "",
    }
}

/// Answers one parsed request.
fn route(shared: &Shared, req: &Request) -> Response {
    if req.method != "GET" && req.method != "HEAD" {
        return Response::text(405, &format!("method {} not allowed", req.method))
            .with_header("Allow", "GET, HEAD".into());
    }
    let (path, query) = match req.target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (req.target.as_str(), None),
    };
    let path = path.split('#').next().unwrap_or_default();
    if let Some(name) = path.strip_prefix(INTERNAL_PREFIX) {
        return internal(shared, name, query);
    }
    if path == "/api/search" {
        return api_search(shared, query.unwrap_or_default());
    }
    match resolve(&shared.out, path) {
        Err(why) => Response::text(400, &format!("bad request: {why}")),
        Ok(Target::Redirect(to)) => {
            let to = match query {
                Some(q) => format!("{to}?{q}"),
                None => to,
            };
            Response::text(301, &format!("moved to {to}")).with_header("Location", to)
        }
        Ok(Target::File(file)) => match std::fs::read(&file) {
            Ok(body) => file_response(shared, 200, &file, body),
            Err(_) => not_found(shared, path),
        },
        Ok(Target::NotFound) => not_found(shared, path),
    }
}

/// A 404 answer: the site's `404.html` when it has one, else a line of text.
fn not_found(shared: &Shared, path: &str) -> Response {
    let page = shared.out.join("404.html");
    match std::fs::read(&page) {
        Ok(body) => file_response(shared, 404, &page, body),
        Err(_) => Response::text(404, &format!("not found: {path}")),
    }
}

/// The answer for a file of the output, with the live-reload script added to HTML pages.
fn file_response(shared: &Shared, status: u16, file: &Path, body: Vec<u8>) -> Response {
    let content_type = content_type(file);
    let body = if content_type.starts_with("text/html") {
        inject_live_reload(body, shared.state().version)
    } else {
        body
    };
    Response::new(status, content_type, body)
}

/// `/api/search?q=…&lang=fr|en&doc=…&limit=…`: the results of the index `wsis build` wrote,
/// as JSON (see `docs/search.md`).
fn api_search(shared: &Shared, query: &str) -> Response {
    let param = |name: &str| {
        query_param(query, name)
            .map(|v| v.replace('+', " "))
            .and_then(|v| percent_decode(&v))
            .and_then(|b| String::from_utf8(b).ok())
    };
    let Some(q) = param("q").filter(|q| !q.trim().is_empty()) else {
        return Response::text(400, "bad request: give the query as ?q=…");
    };
    let lang = param("lang").unwrap_or_else(|| "fr".into());
    let limit = param("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(10usize)
        .min(100);
    let doc = param("doc").filter(|d| !d.is_empty());
    let result = crate::search::index::SearchIndex::open(&shared.index)
        .and_then(|i| i.search(&q, &lang, doc.as_deref(), limit));
    match result {
        Ok(hits) => match serde_json::to_vec(&hits) {
            Ok(body) => Response::new(200, "application/json", body),
            Err(e) => Response::text(500, &format!("cannot write the results: {e}")),
        },
        Err(e) => Response::text(503, &format!("search is not available: {e}")),
    }
}

/// The server's own resources under `/__wsis/`.
fn internal(shared: &Shared, name: &str, query: Option<&str>) -> Response {
    match name {
        "live.js" => Response::new(
            200,
            "text/javascript; charset=utf-8",
            LIVE_JS.as_bytes().to_vec(),
        ),
        "wait" => {
            let seen = match query_param(query.unwrap_or_default(), "v") {
                None => None,
                Some(v) => match v.parse::<u64>() {
                    Ok(v) => Some(v),
                    Err(_) => return Response::text(400, "bad request: v must be a number"),
                },
            };
            // Without `v`: the current state at once.
            let state = match seen {
                Some(seen) => shared.wait_newer(seen),
                None => shared.state().clone(),
            };
            let error = match &state.error {
                Some(e) => serde_json::Value::from(e.as_str()).to_string(),
                None => "null".to_string(),
            };
            let json = format!(r#"{{"version":{},"error":{error}}}"#, state.version);
            Response::new(200, "application/json", json.into_bytes())
        }
        _ => Response::text(404, &format!("not found: {INTERNAL_PREFIX}{name}")),
    }
}

/// The value of `name` in a query string (`a=1&v=2`), undecoded.
fn query_param<'q>(query: &'q str, name: &str) -> Option<&'q str> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Where a request path leads inside the output folder.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    /// A file to serve.
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect there, so that relative links
    /// in its `index.html` resolve.
    Redirect(String),
    /// Nothing there, a hidden name, or something outside the output folder.
    NotFound,
}

/// Maps a request path (percent-encoded, starting with `/`) to a file of the output folder
/// `out`. `/` and `/dir/` lead to `index.html`. Errors (answered with 400): bad escapes, paths
/// that are not UTF-8, and any `..` segment, encoded or not. Names starting with `.` (the
/// manifest, staging folders) are never served, and neither is anything that resolves, through
/// symbolic links, outside `out`.
fn resolve(out: &Path, raw: &str) -> std::result::Result<Target, &'static str> {
    let bytes = percent_decode(raw).ok_or("bad percent-encoding in the path")?;
    let path = String::from_utf8(bytes).map_err(|_| "the path is not UTF-8")?;
    if !path.starts_with('/') {
        return Err("the path must start with /");
    }
    if path.contains('\0') || path.contains('\\') {
        return Err("forbidden character in the path");
    }
    let mut file = out.to_path_buf();
    let mut hidden = false;
    for segment in path.split('/') {
        match segment {
            "" | "." => continue,
            ".." => return Err("`..` in the path"),
            _ => {}
        }
        // One plain name per segment: no drive letters or roots on any platform.
        let mut components = Path::new(segment).components();
        if !matches!(
            (components.next(), components.next()),
            (Some(Component::Normal(_)), None)
        ) {
            return Err("forbidden segment in the path");
        }
        hidden |= segment.starts_with('.');
        file.push(segment);
    }
    if hidden {
        return Ok(Target::NotFound);
    }
    if path.ends_with('/') {
        file.push("index.html");
    } else if file.is_dir() {
        return Ok(Target::Redirect(format!("{raw}/")));
    }
    // The last line of defence: the real path must lie inside the real output folder.
    let (Ok(real), Ok(root)) = (file.canonicalize(), out.canonicalize()) else {
        return Ok(Target::NotFound);
    };
    if !real.starts_with(&root) || !real.is_file() {
        return Ok(Target::NotFound);
    }
    Ok(Target::File(file))
}

/// Decodes `%XX` escapes. `None` when a `%` is not followed by two hexadecimal digits. `+` is
/// left alone: it means a space only in form data, not in paths.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let digit = |j: usize| bytes.get(j).and_then(|&b| char::from(b).to_digit(16));
            // Two hex digits exactly (from_str_radix would also take a sign).
            out.push((digit(i + 1)? * 16 + digit(i + 2)?) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The `Content-Type` of a file, from its extension.
fn content_type(file: &Path) -> &'static str {
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script tag, carrying the site version the page is served at, before
/// the last `</body>` (in any case), or at the end when the page has none.
fn inject_live_reload(mut html: Vec<u8>, version: u64) -> Vec<u8> {
    let tag = format!(
        r#"<script src="{INTERNAL_PREFIX}live.js" data-wsis-version="{version}"></script>"#
    );
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(at..at, tag.bytes());
    html
}

/// The modification time and size of every input file.
type Snapshot = BTreeMap<PathBuf, (Option<SystemTime>, u64)>;

/// Lists the inputs of the build under `root` (see [`WATCHED_DIRS`]), skipping hidden names and
/// the output folder.
fn snapshot(root: &Path, out: &Path) -> Snapshot {
    let mut files = Snapshot::new();
    let mut record = |path: &Path, meta: &std::fs::Metadata| {
        files.insert(path.to_path_buf(), (meta.modified().ok(), meta.len()));
    };
    if let Ok(meta) = std::fs::metadata(root.join(CONFIG_FILE)) {
        record(&root.join(CONFIG_FILE), &meta);
    }
    for dir in WATCHED_DIRS {
        let walk = walkdir::WalkDir::new(root.join(dir))
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0
                    || !(e.file_name().to_string_lossy().starts_with('.') || e.path() == out)
            });
        for entry in walk.flatten() {
            if entry.file_type().is_file() {
                if let Ok(meta) = entry.metadata() {
                    record(entry.path(), &meta);
                }
            }
        }
    }
    files
}

/// The paths that differ between two snapshots: changed or added (in order), then removed.
fn changed_paths(before: &Snapshot, after: &Snapshot) -> Vec<PathBuf> {
    after
        .iter()
        .filter(|(p, v)| before.get(*p) != Some(*v))
        .map(|(p, _)| p.clone())
        .chain(before.keys().filter(|p| !after.contains_key(*p)).cloned())
        .collect()
}

/// When every change (`changed`, since the snapshot `before`) is an edit of a file of the site's
/// theme assets (`themes/default/static/…`) that the output already has, copies those files into
/// the output (each written beside its target and renamed over it) and returns true. Otherwise
/// changes nothing and returns false: the site must be rebuilt.
fn copy_changed_assets(
    root: &Path,
    out: &Path,
    before: &Snapshot,
    changed: &[PathBuf],
) -> std::io::Result<bool> {
    let assets = root.join("themes/default/static");
    let mut copies = Vec::new();
    for path in changed {
        let Ok(rel) = path.strip_prefix(&assets) else {
            return Ok(false);
        };
        let target = out.join("static").join(rel);
        // An added or removed asset changes what the build writes.
        if !before.contains_key(path) || !path.is_file() || !target.is_file() {
            return Ok(false);
        }
        copies.push((path.clone(), target));
    }
    if copies.is_empty() {
        return Ok(false);
    }
    for (from, to) in copies {
        let tmp = to.with_extension("wsis-partial");
        std::fs::copy(&from, &tmp)?;
        std::fs::rename(&tmp, &to)?;
    }
    Ok(true)
}

/// Polls the inputs and rebuilds when they change, until the server stops.
fn watch_loop(
    opts: ServeOptions,
    mut seen: Snapshot,
    mut documents: Vec<crate::model::Document>,
    cache: site::ReadCache,
    shared: Arc<Shared>,
) {
    let root = &opts.build.root;
    let out = &opts.build.out;
    let mut pause = opts.poll_interval;
    while !shared.stopping() {
        std::thread::sleep(pause);
        let looked = Instant::now();
        let mut now = snapshot(root, out);
        pause = poll_pause(looked.elapsed(), opts.poll_interval);
        if now == seen {
            continue;
        }
        // Let an editor or a copy finish writing: wait until the inputs hold still (briefly; a
        // change made during the build triggers another one anyway).
        for _ in 0..10 {
            std::thread::sleep(SETTLE.min(opts.poll_interval));
            let again = snapshot(root, out);
            if again == now {
                break;
            }
            now = again;
        }
        if shared.stopping() {
            break;
        }
        let changed = changed_paths(&seen, &now);
        if !opts.quiet {
            let what = changed
                .first()
                .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
                .unwrap_or_default();
            eprintln!("{what} changed: rebuilding");
        }
        // Changes made during the build differ from `now` and trigger the next rebuild.
        let previous = std::mem::replace(&mut seen, now);
        // An edit of the theme's assets (style.css, a script) needs no build: the file is
        // copied over its built copy.
        match copy_changed_assets(root, out, &previous, &changed) {
            Ok(true) => {
                shared.publish(None);
                continue;
            }
            Ok(false) => {}
            Err(e) => eprintln!("{e}; rebuilding instead"),
        }
        // An edit of an editorial page renders that page again, and nothing else.
        match site::rerender_editorial(&opts.build, &documents, &changed) {
            Ok(true) => {
                shared.publish(None);
                continue;
            }
            Ok(false) => {}
            Err(e) => eprintln!("{e}; rebuilding instead"),
        }
        // The browser reloads as soon as the new output is in place; the search index is
        // finished meanwhile.
        let published = AtomicBool::new(false);
        let live = || {
            published.store(true, Ordering::SeqCst);
            shared.publish(None);
        };
        match build_and_report(&opts.build, opts.quiet, &cache, &live) {
            Ok(report) => {
                documents = report.documents;
                if !published.load(Ordering::SeqCst) {
                    shared.publish(None);
                }
            }
            Err(e) => {
                eprintln!("{e}");
                eprintln!("the build failed; still serving the previous output");
                shared.publish(Some(e.to_string()));
            }
        }
    }
}

/// The live-reload client, served at `/__wsis/live.js`.
const LIVE_JS: &str = r#"// wsis serve: reloads the page after a rebuild, shows the error of a failed one.
(function () {
  "use strict";
  var script = document.currentScript;
  var pageVersion = Number(script && script.getAttribute("data-wsis-version")) || 0;
  var delay = 500;
  var banner = null;

  function hide() {
    if (banner) {
      banner.remove();
      banner = null;
    }
  }

  function show(message) {
    hide();
    banner = document.createElement("div");
    banner.setAttribute("role", "alert");
    banner.style.cssText =
      "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:50vh;overflow:auto;" +
      "margin:0;padding:12px 48px 12px 16px;background:#fff4f4;color:#5c0000;" +
      "border-top:4px solid #b00020;box-shadow:0 -2px 8px rgba(0,0,0,.25);" +
      "font:14px/1.45 system-ui,sans-serif;text-align:left";
    var title = document.createElement("strong");
    title.textContent = "The last build failed; this page shows the previous output.";
    var text = document.createElement("pre");
    text.style.cssText =
      "margin:8px 0 0;white-space:pre-wrap;overflow-wrap:anywhere;" +
      "font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";
    text.textContent = message;
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "\u00d7";
    close.title = "Dismiss";
    close.setAttribute("aria-label", "Dismiss");
    close.style.cssText =
      "position:absolute;top:6px;right:10px;border:0;background:none;color:inherit;" +
      "font-size:24px;line-height:1;cursor:pointer;padding:4px 8px";
    close.addEventListener("click", hide);
    banner.appendChild(close);
    banner.appendChild(title);
    banner.appendChild(text);
    (document.body || document.documentElement).appendChild(banner);
  }

  // seen: the version of the last answer; null asks for the current state at once.
  function poll(seen) {
    var url = "/__wsis/wait" + (seen === null ? "" : "?v=" + seen);
    fetch(url, { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(
        function (state) {
          delay = 500;
          if (state.version !== seen) {
            if (state.error) {
              show(state.error);
            } else if (state.version > pageVersion) {
              location.reload();
              return;
            } else {
              hide();
            }
          }
          poll(state.version);
        },
        function () {
          // The server is restarting or gone: try again, less and less often.
          setTimeout(function () { poll(seen); }, delay);
          delay = Math.min(delay * 2, 5000);
        }
      );
  }

  poll(null);
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("wsis-serve-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn shared(out: &Path) -> Shared {
        Shared {
            out: out.to_path_buf(),
            index: out.join("no-index"),
            state: Mutex::new(BuildState {
                version: 7,
                error: None,
            }),
            changed: Condvar::new(),
            stopping: AtomicBool::new(false),
            wait_timeout: Duration::from_millis(50),
        }
    }

    fn get(shared: &Shared, target: &str) -> Response {
        route(
            shared,
            &Request {
                method: "GET".into(),
                target: target.into(),
                content_length: 0,
            },
        )
    }

    /// An output folder: index.html, sub/index.html, data/a.json, a hidden manifest.
    fn site(name: &str) -> PathBuf {
        let d = temp(name);
        let out = d.join("public");
        std::fs::create_dir_all(out.join("sub")).unwrap();
        std::fs::create_dir_all(out.join("data")).unwrap();
        std::fs::write(out.join("index.html"), "<p>home</p></body></html>").unwrap();
        std::fs::write(out.join("sub/index.html"), "<p>sub").unwrap();
        std::fs::write(out.join("data/a b.json"), "{}").unwrap();
        std::fs::write(out.join(".wsis-output"), "index.html\n").unwrap();
        std::fs::write(d.join("secret.txt"), "secret").unwrap();
        out
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("/a%20b").unwrap(), b"/a b");
        assert_eq!(percent_decode("/%C3%A9t%c3%a9").unwrap(), "/été".as_bytes());
        assert_eq!(percent_decode("/a+b").unwrap(), b"/a+b");
        assert_eq!(percent_decode("/%2e%2E").unwrap(), b"/..");
        assert_eq!(percent_decode("/100%"), None);
        assert_eq!(percent_decode("/%4"), None);
        assert_eq!(percent_decode("/%zz"), None);
        assert_eq!(percent_decode("/%+1"), None);
        assert_eq!(percent_decode("/%é"), None);
    }

    #[test]
    fn paths_resolve_inside_the_output_only() {
        let out = site("resolve");
        let file = |rel: &str| Ok(Target::File(out.join(rel)));
        assert_eq!(resolve(&out, "/"), file("index.html"));
        assert_eq!(resolve(&out, "/sub/"), file("sub/index.html"));
        assert_eq!(resolve(&out, "//sub//./"), file("sub/index.html"));
        assert_eq!(resolve(&out, "/data/a%20b.json"), file("data/a b.json"));
        assert_eq!(resolve(&out, "/sub"), Ok(Target::Redirect("/sub/".into())));
        assert_eq!(resolve(&out, "/data/"), Ok(Target::NotFound));
        assert_eq!(resolve(&out, "/missing.html"), Ok(Target::NotFound));
        assert_eq!(resolve(&out, "/.wsis-output"), Ok(Target::NotFound));
        assert_eq!(resolve(&out, "/%2ewsis-output"), Ok(Target::NotFound));
        for bad in [
            "/../secret.txt",
            "/sub/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2fsecret.txt",
            "/..%5csecret.txt",
            "/a%00b",
            "/%ff",
            "/%",
            "secret.txt",
        ] {
            assert!(resolve(&out, bad).is_err(), "{bad} must be refused");
        }
        std::fs::remove_dir_all(out.parent().unwrap()).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_out_of_the_output_is_not_followed() {
        let out = site("symlink");
        std::os::unix::fs::symlink(out.parent().unwrap().join("secret.txt"), out.join("s.txt"))
            .unwrap();
        assert_eq!(resolve(&out, "/s.txt"), Ok(Target::NotFound));
        std::fs::remove_dir_all(out.parent().unwrap()).unwrap();
    }

    #[test]
    fn the_script_goes_before_the_last_closing_body_tag() {
        let tag = r#"<script src="/__wsis/live.js" data-wsis-version="3"></script>"#;
        let page = inject_live_reload(b"<p>a</p></BODY></html>".to_vec(), 3);
        assert_eq!(
            String::from_utf8(page).unwrap(),
            format!("<p>a</p>{tag}</BODY></html>")
        );
        let page = inject_live_reload(b"<p>a".to_vec(), 3);
        assert_eq!(String::from_utf8(page).unwrap(), format!("<p>a{tag}"));
        let page = inject_live_reload("<p>é</body>x</body>".as_bytes().to_vec(), 3);
        assert_eq!(
            String::from_utf8(page).unwrap(),
            format!("<p>é</body>x{tag}</body>")
        );
    }

    #[test]
    fn content_types() {
        for (file, ty) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.CSS", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.json", "application/json"),
            ("sitemap.xml", "application/xml"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("logo.svg", "image/svg+xml"),
            ("a.png", "image/png"),
            ("f.woff2", "font/woff2"),
            ("data.zip", "application/zip"),
            ("noext", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(file)), ty, "{file}");
        }
    }

    #[test]
    fn request_heads() {
        let req = parse_head(b"GET /a?b HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n").unwrap();
        assert_eq!(req.method, "GET");
        assert_eq!(req.target, "/a?b");
        assert_eq!(req.content_length, 3);
        for bad in [
            &b""[..],
            b"GET\r\n\r\n",
            b"GET / HTTP/1.1 x\r\n\r\n",
            b"get / HTTP/1.1\r\n\r\n",
            b"GET / SPDY/3\r\n\r\n",
            b"GET / HTTP/1.1\r\nno colon\r\n\r\n",
            b"GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
            b"GET /\xff HTTP/1.1\r\n\r\n",
        ] {
            let resp = parse_head(bad).unwrap_err();
            assert_eq!(resp.status, 400, "{}", String::from_utf8_lossy(bad));
        }
        assert_eq!(find_head_end(b"GET / HTTP/1.0\n\nrest"), Some(16));
    }

    #[test]
    fn routing() {
        let out = site("route");
        let s = shared(&out);
        let home = get(&s, "/?x=1");
        assert_eq!(home.status, 200);
        assert_eq!(home.content_type, "text/html; charset=utf-8");
        let body = String::from_utf8(home.body).unwrap();
        assert!(
            body.ends_with(r#"data-wsis-version="7"></script></body></html>"#),
            "{body}"
        );
        let redirect = get(&s, "/sub?x=1");
        assert_eq!(redirect.status, 301);
        assert_eq!(redirect.headers, [("Location", "/sub/?x=1".to_string())]);
        assert_eq!(get(&s, "/nothing").status, 404);
        assert_eq!(get(&s, "/%2e%2e/secret.txt").status, 400);
        // With a 404.html, it is the body of every 404.
        std::fs::write(out.join("404.html"), "<h1>Introuvable</h1>").unwrap();
        let missing = get(&s, "/nothing");
        assert_eq!(missing.status, 404);
        assert!(String::from_utf8(missing.body)
            .unwrap()
            .starts_with("<h1>Introuvable</h1><script"));
        let post = route(
            &s,
            &Request {
                method: "POST".into(),
                target: "/".into(),
                content_length: 0,
            },
        );
        assert_eq!(post.status, 405);
        assert_eq!(get(&s, "/__wsis/live.js").status, 200);
        assert_eq!(get(&s, "/__wsis/other").status, 404);
        assert_eq!(get(&s, "/__wsis/wait?v=x").status, 400);
        std::fs::remove_dir_all(out.parent().unwrap()).unwrap();
    }

    #[test]
    fn waiting_for_a_new_version() {
        let out = temp("wait");
        let s = shared(&out);
        // Nothing new: answers the current state after the timeout.
        let started = Instant::now();
        let resp = get(&s, "/__wsis/wait?v=7");
        assert!(started.elapsed() >= Duration::from_millis(50));
        assert_eq!(resp.body, br#"{"version":7,"error":null}"#);
        // Already newer, or no version given: at once.
        assert_eq!(
            get(&s, "/__wsis/wait?v=2").body,
            br#"{"version":7,"error":null}"#
        );
        s.publish(Some("error: x.yaml:3: bad".into()));
        assert_eq!(
            get(&s, "/__wsis/wait").body,
            br#"{"version":8,"error":"error: x.yaml:3: bad"}"#
        );
        std::fs::remove_dir_all(&out).unwrap();
    }

    #[test]
    fn an_edited_theme_asset_is_copied_without_a_build_and_anything_else_asks_for_one() {
        let root = temp("assets");
        let out = root.join("public");
        std::fs::create_dir_all(root.join("themes/default/static")).unwrap();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(out.join("static")).unwrap();
        std::fs::write(root.join("themes/default/static/style.css"), "a{}").unwrap();
        std::fs::write(root.join("content/x.md"), "x").unwrap();
        std::fs::write(out.join("static/style.css"), "a{}").unwrap();
        let before = snapshot(&root, &out);
        std::fs::write(root.join("themes/default/static/style.css"), "b{color:red}").unwrap();
        let after = snapshot(&root, &out);
        assert!(
            copy_changed_assets(&root, &out, &before, &changed_paths(&before, &after)).unwrap()
        );
        assert_eq!(
            std::fs::read_to_string(out.join("static/style.css")).unwrap(),
            "b{color:red}"
        );
        // A change to anything else, or a new asset, needs the build.
        std::fs::write(root.join("content/x.md"), "y and more").unwrap();
        let later = snapshot(&root, &out);
        assert!(!copy_changed_assets(&root, &out, &after, &changed_paths(&after, &later)).unwrap());
        std::fs::write(root.join("themes/default/static/new.js"), "1").unwrap();
        let last = snapshot(&root, &out);
        assert!(!copy_changed_assets(&root, &out, &later, &changed_paths(&later, &last)).unwrap());
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn the_watcher_looks_more_often_when_looking_is_cheap() {
        let max = Duration::from_millis(25);
        assert_eq!(poll_pause(Duration::from_micros(200), max), MIN_POLL);
        assert_eq!(
            poll_pause(Duration::from_millis(2), max),
            Duration::from_millis(18)
        );
        assert_eq!(poll_pause(Duration::from_millis(40), max), max);
        // A pause asked shorter than the shortest is kept (tests poll fast).
        let fast = Duration::from_millis(2);
        assert_eq!(poll_pause(Duration::from_micros(1), fast), fast);
    }

    #[test]
    fn snapshots_see_additions_changes_and_removals_but_not_hidden_files() {
        let root = temp("snapshot");
        std::fs::create_dir_all(root.join("seeds/fr")).unwrap();
        std::fs::write(root.join("seeds/fr/a.txt"), "a").unwrap();
        let out = root.join("public");
        let first = snapshot(&root, &out);
        assert_eq!(first.len(), 1);
        std::fs::create_dir_all(root.join("seeds/.cache")).unwrap();
        std::fs::write(root.join("seeds/.cache/x"), "x").unwrap();
        std::fs::write(root.join("seeds/.a.txt.swp"), "x").unwrap();
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("index.html"), "x").unwrap();
        assert_eq!(snapshot(&root, &out), first);
        std::fs::write(root.join("seeds/fr/a.txt"), "ab").unwrap();
        let second = snapshot(&root, &out);
        assert_ne!(second, first);
        assert_eq!(
            changed_paths(&first, &second),
            [root.join("seeds/fr/a.txt")]
        );
        std::fs::write(root.join(CONFIG_FILE), "x").unwrap();
        assert_eq!(snapshot(&root, &out).len(), 2);
        std::fs::remove_file(root.join("seeds/fr/a.txt")).unwrap();
        let third = snapshot(&root, &out);
        assert_eq!(third.len(), 1);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
