//! `wsis serve` over real sockets on 127.0.0.1: static files, refusals, rebuilds on change and
//! the live-reload channel. Every socket has a timeout, so a broken server fails the tests
//! instead of hanging them.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use wsis::config::Config;
use wsis::serve::{self, ServeOptions, Server};
use wsis::site::BuildOptions;

const SOURCE: &str = "Rappelant la résolution 70/125,\n\n\
                      1. Nous réaffirmons notre attachement.\n\n\
                      2. Nous décidons de poursuivre.\n";

const ENTRY: &str = "symbols: [A/RES/99/1]\n\
                     body:\n  fr: Assemblée générale\n  en: General Assembly\n\
                     date: 2025-12-17\n\
                     title:\n  fr: Essai de service\n  en: Serving test\n\
                     sources:\n  fr: seeds/fr/x.txt\n\
                     layout: un-markdown\n";

/// Longest any one request may take: longer than the server's wait timeout below.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(20);

/// A fresh site folder with one document.
fn site(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("wsis-serve-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("content/documents")).unwrap();
    std::fs::create_dir_all(root.join("seeds/fr")).unwrap();
    std::fs::write(root.join("wsis.yaml"), Config::starter()).unwrap();
    std::fs::write(root.join("content/documents/x.yaml"), ENTRY).unwrap();
    std::fs::write(root.join("seeds/fr/x.txt"), SOURCE).unwrap();
    root
}

/// Starts a quiet server for `root` on any free port.
fn start(root: &Path) -> Server {
    let mut opts = ServeOptions::new(BuildOptions::load(root).unwrap());
    opts.port = 0;
    opts.quiet = true;
    opts.wait_timeout = Duration::from_secs(8);
    serve::start(opts).unwrap()
}

/// A response as read off the socket.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends raw bytes and reads the whole answer (the server closes every connection).
fn send(addr: SocketAddr, raw: &[u8]) -> Reply {
    let mut stream = TcpStream::connect_timeout(&addr, CLIENT_TIMEOUT).unwrap();
    stream.set_read_timeout(Some(CLIENT_TIMEOUT)).unwrap();
    stream.set_write_timeout(Some(CLIENT_TIMEOUT)).unwrap();
    stream.write_all(raw).unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response head");
    let head = String::from_utf8(bytes[..end].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    assert!(status_line.starts_with("HTTP/1.1 "), "{status_line}");
    let status = status_line[9..12].parse().unwrap();
    let headers = lines
        .map(|l| {
            let (n, v) = l.split_once(':').unwrap();
            (n.to_string(), v.trim().to_string())
        })
        .collect();
    let reply = Reply {
        status,
        headers,
        body: bytes[end + 4..].to_vec(),
    };
    if raw.starts_with(b"HEAD ") {
        assert!(reply.body.is_empty(), "HEAD answered with a body");
    } else {
        let length: usize = reply.header("Content-Length").unwrap().parse().unwrap();
        assert_eq!(length, reply.body.len(), "Content-Length matches the body");
    }
    reply
}

fn request(addr: SocketAddr, method: &str, target: &str) -> Reply {
    send(
        addr,
        format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes(),
    )
}

fn get(addr: SocketAddr, target: &str) -> Reply {
    request(addr, "GET", target)
}

/// Long-polls `/__wsis/wait?v=seen` until the version moves past `seen` (bounded in time).
fn wait_past(addr: SocketAddr, seen: u64) -> (u64, Option<String>) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let reply = get(addr, &format!("/__wsis/wait?v={seen}"));
        assert_eq!(reply.status, 200);
        assert_eq!(reply.header("Content-Type"), Some("application/json"));
        let state: serde_json::Value = serde_json::from_slice(&reply.body).unwrap();
        let version = state["version"].as_u64().unwrap();
        if version > seen {
            return (version, state["error"].as_str().map(str::to_string));
        }
        assert!(
            Instant::now() < deadline,
            "no rebuild within 30 s (still version {version})"
        );
    }
}

/// The relative paths of the files the build wrote, `/`-separated.
fn output_files(out: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir_files(out)
        .into_iter()
        .map(|p| {
            p.strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|p| !p.starts_with('.'))
        .collect();
    files.sort();
    files
}

fn walkdir_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walkdir_files(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn serves_the_output_folder() {
    let root = site("static");
    let server = start(&root);
    let addr = server.addr();
    assert_eq!(addr.ip().to_string(), "127.0.0.1");
    assert_eq!(server.version(), 1);

    let index = get(addr, "/data/index.json");
    assert_eq!(index.status, 200);
    assert_eq!(index.header("Content-Type"), Some("application/json"));
    assert_eq!(index.header("Cache-Control"), Some("no-store"));
    assert!(
        index.text().contains("Essai de service"),
        "{}",
        index.text()
    );

    let doc = get(addr, "/fr/x/data.json?cache=bust");
    assert_eq!(doc.status, 200);
    assert!(doc.text().contains("Nous décidons de poursuivre."));
    assert!(!doc.text().contains("live.js"), "JSON is served as built");
    // Percent-encoded paths are decoded.
    assert_eq!(get(addr, "/%66r/x/data.json").body, doc.body);

    let head = request(addr, "HEAD", "/fr/x/data.json");
    assert_eq!(head.status, 200);
    assert_eq!(
        head.header("Content-Length"),
        Some(doc.body.len().to_string().as_str())
    );

    // `/`: the home page when the build writes one.
    let out = root.join("public");
    let home = get(addr, "/");
    if out.join("index.html").is_file() {
        assert_eq!(home.status, 200);
    } else {
        assert_eq!(home.status, 404);
    }

    // Every HTML page gets the live-reload script; the file on disk does not.
    let pages: Vec<String> = output_files(&out)
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .collect();
    match pages.first() {
        Some(page) => {
            let reply = get(addr, &format!("/{page}"));
            assert_eq!(
                reply.header("Content-Type"),
                Some("text/html; charset=utf-8")
            );
            assert!(
                reply
                    .text()
                    .contains(r#"<script src="/__wsis/live.js" data-wsis-version="1"></script>"#),
                "{page}: {}",
                reply.text()
            );
            let on_disk = std::fs::read_to_string(out.join(page)).unwrap();
            assert!(!on_disk.contains("/__wsis/"));
        }
        None => eprintln!(
            "note: this build writes no HTML page yet; the script injection is covered by the \
             unit tests of src/serve.rs only"
        ),
    }

    let live = get(addr, "/__wsis/live.js");
    assert_eq!(live.status, 200);
    assert_eq!(
        live.header("Content-Type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(live.text().contains("/__wsis/wait"));
    assert!(!live.text().contains("innerHTML"));
    assert!(
        !out.join("__wsis").exists(),
        "nothing is written to the output"
    );

    let missing = get(addr, "/nothing/here.html");
    assert_eq!(missing.status, 404);

    // A folder without its slash is redirected to it.
    let folder = get(addr, "/data");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("Location"), Some("/data/"));

    // The manifest and staging folders are not served.
    assert_eq!(get(addr, "/.wsis-output").status, 404);

    std::fs::write(root.join("secret.txt"), "not for the web").unwrap();
    for target in [
        "/../Cargo.toml",
        "/../secret.txt",
        "/data/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/data/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt",
    ] {
        let reply = get(addr, target);
        assert!(
            reply.status == 400 || reply.status == 404,
            "{target}: {}",
            reply.status
        );
        assert!(!reply.text().contains("not for the web"), "{target}");
        assert!(!reply.text().contains("[package]"), "{target}");
    }

    let post = send(
        addr,
        b"POST /data/index.json HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello",
    );
    assert_eq!(post.status, 405);
    assert_eq!(post.header("Allow"), Some("GET, HEAD"));
    assert_eq!(request(addr, "DELETE", "/").status, 405);

    for raw in [
        &b"garbage\r\n\r\n"[..],
        b"GET /%zz HTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nContent-Length: lots\r\n\r\n",
        b"GET /\xc3 HTTP/1.1\r\n\r\n",
        b"GET / FTP\r\n\r\n",
    ] {
        assert_eq!(
            send(addr, raw).status,
            400,
            "{}",
            String::from_utf8_lossy(raw)
        );
    }
    // A client that connects and leaves does not disturb the server.
    drop(TcpStream::connect_timeout(&addr, CLIENT_TIMEOUT).unwrap());
    assert_eq!(get(addr, "/data/index.json").status, 200);

    server.stop();
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn rebuilds_on_change_and_reports_failed_builds() {
    let root = site("rebuild");
    let server = start(&root);
    let addr = server.addr();

    // Without `v`, the wait answers the current state at once.
    let state = get(addr, "/__wsis/wait");
    assert_eq!(state.text(), r#"{"version":1,"error":null}"#);

    // A source changes: version 2, and the new text is served.
    let changed = SOURCE.to_string() + "\n3. Nous convenons de nous réunir à nouveau.\n";
    std::fs::write(root.join("seeds/fr/x.txt"), changed).unwrap();
    assert_eq!(wait_past(addr, 1), (2, None));
    let doc = get(addr, "/fr/x/data.json");
    assert!(doc.text().contains("Nous convenons de nous réunir"));

    // A broken registry entry: version 3 carries the error, the previous output stays.
    std::fs::write(
        root.join("content/documents/x.yaml"),
        ENTRY.replace("symbols: [A/RES/99/1]", "symbols: [A/RES/99/1"),
    )
    .unwrap();
    let (version, error) = wait_past(addr, 2);
    assert_eq!(version, 3);
    let error = error.expect("the failed build's error");
    assert!(error.contains("x.yaml"), "{error}");
    assert_eq!(server.last_error().as_deref(), Some(error.as_str()));
    let still = get(addr, "/fr/x/data.json");
    assert_eq!(still.status, 200);
    assert_eq!(still.body, doc.body, "the previous output is still served");

    // Fixed again: version 4, no error.
    std::fs::write(root.join("content/documents/x.yaml"), ENTRY).unwrap();
    assert_eq!(wait_past(addr, 3), (4, None));

    // An added document is picked up as well.
    std::fs::write(root.join("seeds/fr/y.txt"), SOURCE).unwrap();
    std::fs::write(
        root.join("content/documents/y.yaml"),
        ENTRY
            .replace("A/RES/99/1", "A/RES/99/2")
            .replace("x.txt", "y.txt"),
    )
    .unwrap();
    // The two files may be seen in one rebuild or in two.
    let mut seen = 4;
    while get(addr, "/fr/y/data.json").status != 200 {
        let (version, error) = wait_past(addr, seen);
        assert_eq!(error, None);
        assert!(version <= 6, "more rebuilds than changes: {version}");
        seen = version;
    }

    server.stop();
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_waiting_page_is_released_when_the_server_stops() {
    let root = site("stop");
    let server = start(&root);
    let addr = server.addr();
    let waiter = std::thread::spawn(move || {
        let started = Instant::now();
        let reply = get(addr, "/__wsis/wait?v=1");
        (reply.status, started.elapsed())
    });
    std::thread::sleep(Duration::from_millis(200));
    server.stop();
    let (status, took) = waiter.join().unwrap();
    assert_eq!(status, 200);
    assert!(took < Duration::from_secs(5), "released after {took:?}");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_taken_port_is_explained() {
    let root = site("port");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let mut opts = ServeOptions::new(BuildOptions::load(&root).unwrap());
    opts.port = taken.local_addr().unwrap().port();
    opts.quiet = true;
    let err = serve::start(opts)
        .err()
        .expect("the port is taken")
        .to_string();
    assert!(
        err.contains("already in use") && err.contains("--port"),
        "{err}"
    );
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_failed_first_build_is_an_error() {
    let root = site("first");
    std::fs::write(root.join("content/documents/x.yaml"), "date: [").unwrap();
    let mut opts = ServeOptions::new(BuildOptions::load(&root).unwrap());
    opts.port = 0;
    opts.quiet = true;
    let err = serve::start(opts)
        .err()
        .expect("the build fails")
        .to_string();
    assert!(err.contains("x.yaml"), "{err}");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn answers_search_queries_from_the_built_index() {
    let root = site("api");
    let server = start(&root);
    let addr = server.addr();
    let reply = get(addr, "/api/search?q=d%C3%A9cidons+poursuivre&lang=fr");
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.header("Content-Type"), Some("application/json"));
    let hits: serde_json::Value = serde_json::from_str(&reply.text()).unwrap();
    assert_eq!(hits[0]["id"], "p2", "{hits}");
    assert!(hits[0]["snippet"].as_str().unwrap().contains("<mark>"));
    let cited: serde_json::Value =
        serde_json::from_str(&get(addr, "/api/search?q=%C2%A71").text()).unwrap();
    assert_eq!(cited[0]["id"], "p1", "{cited}");
    assert_eq!(get(addr, "/api/search").status, 400);
    server.stop();
}

#[test]
fn an_edited_editorial_page_is_rendered_again_alone() {
    let root = site("editorial");
    std::fs::create_dir_all(root.join("content/pages")).unwrap();
    std::fs::write(
        root.join("content/pages/about.fr.md"),
        "# À propos\n\nPremière version.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/pages/about.en.md"),
        "# About\n\nFirst version.\n",
    )
    .unwrap();
    let server = start(&root);
    let out = root.join("public");
    let stamp = |rel: &str| {
        std::fs::metadata(out.join(rel))
            .unwrap()
            .modified()
            .unwrap()
    };
    let (home, doc) = (stamp("fr/index.html"), stamp("fr/x.html"));
    let seen = server.version();
    std::thread::sleep(Duration::from_millis(50));
    std::fs::write(
        root.join("content/pages/about.en.md"),
        "# About\n\nSecond version.\n",
    )
    .unwrap();
    let (version, error) = wait_past(server.addr(), seen);
    assert!(version > seen && error.is_none(), "{error:?}");
    let page = String::from_utf8(get(server.addr(), "/en/about.html").body).unwrap();
    assert!(
        page.contains("Second version."),
        "the page was not rendered again"
    );
    // Nothing else was written: the other pages are the ones of the first build.
    assert_eq!((stamp("fr/index.html"), stamp("fr/x.html")), (home, doc));
    server.stop();
    let _ = std::fs::remove_dir_all(&root);
}
