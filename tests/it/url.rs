//! URLs as inputs, against a tiny HTTP server on 127.0.0.1 that the test
//! starts itself. It answers a fixed list of connections and then stops, and
//! gives up waiting after a few seconds, so no test can hang on it; nothing
//! is ever sent to any other address.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use claimdiff::ingest::{self, Format};

use crate::support::{claimdiff, root};

/// What the server does with one connection.
enum Reply {
    /// Writes these bytes (a whole HTTP response) and closes.
    Bytes(Vec<u8>),
    /// Reads the request, says nothing for this long, and closes.
    Silent(Duration),
}

fn ok(content_type: &str, body: &[u8]) -> Reply {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    Reply::Bytes(out)
}

fn status(line: &str, extra: &str) -> Reply {
    Reply::Bytes(
        format!("HTTP/1.1 {line}\r\n{extra}Content-Length: 0\r\nConnection: close\r\n\r\n")
            .into_bytes(),
    )
}

/// Starts a server that answers one connection per reply, in order, and
/// returns its base URL (`http://127.0.0.1:PORT`).
fn serve(replies: Vec<Reply>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    listener.set_nonblocking(true).expect("non-blocking");
    std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(20);
        for reply in replies {
            let mut stream = loop {
                match listener.accept() {
                    Ok((stream, _)) => break stream,
                    Err(_) if Instant::now() < deadline => {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Err(_) => return,
                }
            };
            let _ = stream.set_nonblocking(false);
            let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            match reply {
                Reply::Bytes(bytes) => {
                    let _ = stream.write_all(&bytes);
                }
                Reply::Silent(wait) => std::thread::sleep(wait),
            }
        }
    });
    base
}

fn options(max_bytes: u64) -> ingest::Options {
    ingest::Options {
        max_bytes,
        timeout: Duration::from_secs(1),
        save: None,
        ..ingest::Options::default()
    }
}

fn read(urls: &[String], options: &ingest::Options) -> ingest::Ingested {
    let inputs: Vec<PathBuf> = urls.iter().map(PathBuf::from).collect();
    ingest::read(&inputs, options)
}

#[test]
fn a_page_is_fetched_with_its_format_id_and_url() {
    let html =
        b"<html><body><article><p>The ferry carried 340 passengers.</p></article></body></html>";
    let base = serve(vec![ok("text/html; charset=utf-8", html)]);
    let url = format!("{base}/world/ferry.html");
    let got = read(std::slice::from_ref(&url), &options(1 << 20));
    assert!(got.problems.is_empty(), "{:?}", got.problems);
    let source = &got.sources[0];
    assert_eq!(source.format, Format::Html);
    assert_eq!(source.raw, html);
    assert_eq!(source.path, url);
    assert_eq!(source.meta.url.as_deref(), Some(url.as_str()));
    let port = base.rsplit(':').next().expect("port");
    assert_eq!(source.id, format!("127.0.0.1-{port}_world_ferry"));
}

#[test]
fn a_404_is_named_with_its_status() {
    let base = serve(vec![status("404 Not Found", "")]);
    let url = format!("{base}/gone");
    let got = read(std::slice::from_ref(&url), &options(1 << 20));
    assert!(got.sources.is_empty());
    assert_eq!(got.problems[0].path, url);
    assert!(
        got.problems[0].message.contains("404"),
        "{:?}",
        got.problems
    );
}

#[test]
fn a_server_that_never_answers_times_out() {
    let base = serve(vec![Reply::Silent(Duration::from_secs(3))]);
    let url = format!("{base}/slow");
    let got = read(std::slice::from_ref(&url), &options(1 << 20));
    assert!(got.sources.is_empty());
    assert!(
        got.problems[0].message.contains("no answer within"),
        "{:?}",
        got.problems
    );
}

#[test]
fn redirects_are_followed_and_the_final_url_kept() {
    let base = serve(vec![
        status("301 Moved Permanently", "Location: /new.txt\r\n"),
        ok("text/plain", b"Officials said 12 people were hurt."),
    ]);
    let url = format!("{base}/old");
    let got = read(std::slice::from_ref(&url), &options(1 << 20));
    assert!(got.problems.is_empty(), "{:?}", got.problems);
    let source = &got.sources[0];
    assert_eq!(source.format, Format::Text);
    assert_eq!(
        source.meta.url.as_deref(),
        Some(format!("{base}/new.txt").as_str())
    );
    // The id is the URL as given, so it does not change when a site moves a page.
    assert!(source.id.ends_with("_old"), "{}", source.id);
}

#[test]
fn endless_redirects_stop() {
    let replies = (0..8)
        .map(|i| status("302 Found", &format!("Location: /r{i}\r\n")))
        .collect();
    let base = serve(replies);
    let got = read(&[format!("{base}/r")], &options(1 << 20));
    assert!(got.sources.is_empty());
    assert!(
        got.problems[0].message.contains("redirects"),
        "{:?}",
        got.problems
    );
}

#[test]
fn a_body_over_max_bytes_is_refused_with_or_without_a_length() {
    let body = "word ".repeat(2000);
    let mut no_length =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n".to_vec();
    no_length.extend_from_slice(body.as_bytes());
    let base = serve(vec![
        ok("text/plain", body.as_bytes()),
        Reply::Bytes(no_length),
    ]);
    let urls = [format!("{base}/sized"), format!("{base}/no_length")];
    let got = read(&urls, &options(1000));
    assert!(got.sources.is_empty());
    assert_eq!(got.problems.len(), 2, "{:?}", got.problems);
    for problem in &got.problems {
        assert!(problem.message.contains("--max-bytes 1000"), "{problem}");
    }
}

#[test]
fn one_failing_url_does_not_stop_the_others_and_save_keeps_the_evidence() {
    let case = root().join("fixtures/numeric/ferry-pier-collision");
    let a = std::fs::read(case.join("harborgazette.txt")).expect("fixture");
    let b = std::fs::read(case.join("nordicwire.txt")).expect("fixture");
    let base = serve(vec![
        ok("text/plain; charset=utf-8", &a),
        status("500 Internal Server Error", ""),
        ok("text/plain", &b),
    ]);
    let save = tempfile::tempdir().expect("temp dir");
    let urls = [
        format!("{base}/harbor/story"),
        format!("{base}/broken"),
        format!("{base}/nordic/story"),
    ];
    let mut args: Vec<std::ffi::OsString> = vec![
        "compare".into(),
        "--format".into(),
        "json".into(),
        "--timeout".into(),
        "2".into(),
        "--save".into(),
        save.path().into(),
    ];
    args.extend(urls.iter().map(Into::into));
    let out = claimdiff(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&urls[1]) && err.contains("500"), "{err}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["problems"].as_array().map(Vec::len), Some(1));
    let docs = json["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 2);
    let paths: std::collections::BTreeMap<String, PathBuf> = docs
        .iter()
        .map(|d| {
            let id = d["id"].as_str().expect("id").to_string();
            (id, PathBuf::from(d["path"].as_str().expect("path")))
        })
        .collect();
    for path in paths.values() {
        assert!(path.starts_with(save.path()), "{}", path.display());
        assert_eq!(path.extension().and_then(|e| e.to_str()), Some("txt"));
    }
    // Every claim's offsets point into the saved file.
    let findings = json["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    for claim in findings
        .iter()
        .flat_map(|f| f["claims"].as_array().expect("claims"))
    {
        let file = std::fs::read(&paths[claim["document"].as_str().expect("document")])
            .expect("saved file");
        let (start, end) = (
            claim["start"].as_u64().expect("start") as usize,
            claim["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(
            String::from_utf8_lossy(&file[start..end]),
            claim["text"].as_str().expect("text")
        );
    }
}
