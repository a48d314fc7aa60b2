//! The HTML report in a real browser: headless Chromium loads the page,
//! its `#selftest` clicks the first finding, and the dumped DOM shows the
//! highlights at the claims' text and whether each article scrolled its
//! evidence into view.
//!
//! Skips with a note when no Chromium is installed, unless
//! `CLAIMDIFF_REQUIRE_BROWSER=1` (as `.ci/run` sets), where a missing
//! browser fails. `CLAIMDIFF_CHROMIUM` names another binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{claimdiff, compare_json, root};

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CLAIMDIFF_CHROMIUM") {
        return Some(PathBuf::from(path)).filter(|p| p.is_file());
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// The browser, or `None` after printing why the test skips.
fn browser_or_skip(test: &str) -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var("CLAIMDIFF_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "CLAIMDIFF_REQUIRE_BROWSER=1 but no chromium was found; install Debian's chromium"
        );
        eprintln!("note: {test} skipped: no chromium on PATH (apt-get install chromium)");
    }
    found
}

/// Runs headless Chromium with `args` plus the flags this machine needs, with a time limit.
fn run_chromium(bin: &Path, args: &[String]) -> String {
    let profile = tempfile::tempdir().expect("profile dir");
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=1400,900",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > Duration::from_secs(90) => {
                let _ = child.kill();
                panic!("chromium did not finish in 90 s");
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => panic!("waiting for chromium: {e}"),
        }
    }
    let out = child.wait_with_output().expect("chromium output");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes the HTML report of `inputs` to a temporary folder.
fn html_report(inputs: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.html");
    let mut args = vec!["compare", "--format", "html", "--fail-on", "never"];
    args.extend(inputs);
    let out = claimdiff(&args);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    std::fs::write(&path, &out.stdout).expect("write report");
    (dir, path)
}

/// The inner text of every `<mark>` naming `id` in its `data-f`, unescaped.
fn marks_of(dom: &str, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in dom.split("<mark ").skip(1) {
        let Some((attrs, rest)) = piece.split_once('>') else {
            continue;
        };
        let ids = attrs
            .split("data-f=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_default();
        if ids.split(' ').any(|i| i == id) {
            let inner = rest.split("</mark>").next().unwrap_or_default();
            out.push(
                inner
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&"),
            );
        }
    }
    out
}

#[test]
fn html_report_highlights_evidence_and_scrolls_to_it_in_a_browser() {
    let Some(bin) =
        browser_or_skip("html_report_highlights_evidence_and_scrolls_to_it_in_a_browser")
    else {
        return;
    };
    let (_dir, page) = html_report(&["seeds"]);
    let url = format!("file://{}#selftest", page.display());
    let dom = run_chromium(&bin, &["--dump-dom".into(), url]);
    assert!(dom.contains("claimdiff report"), "no page rendered:\n{dom}");

    // The click on the first finding scrolled every article to its evidence.
    let line = dom
        .lines()
        .find(|l| l.contains("selftest "))
        .unwrap_or_default();
    assert!(line.contains("selftest pass"), "self-test failed: {line}");
    assert!(line.contains("\"visible\":2"), "{line}");

    // Every claim of every finding is highlighted, with its exact text.
    let json = compare_json(&[root().join("seeds")]);
    let findings = json["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    for (i, f) in findings.iter().enumerate() {
        let marked = marks_of(&dom, &format!("f{i}")).concat();
        for c in f["claims"].as_array().into_iter().flatten() {
            let text = c["text"].as_str().unwrap_or_default();
            assert!(
                marked.contains(text),
                "finding f{i}: {text:?} not highlighted in {marked:?}"
            );
        }
    }
}

#[test]
fn html_report_escapes_article_text_in_a_browser() {
    let Some(bin) = browser_or_skip("html_report_escapes_article_text_in_a_browser") else {
        return;
    };
    let (_dir, page) = html_report(&["tests/it/inputs/storm"]);
    let dom = run_chromium(
        &bin,
        &[
            "--dump-dom".into(),
            format!("file://{}#selftest", page.display()),
        ],
    );
    // The article's `<near>` stays text: no element was made of it.
    assert!(
        dom.contains("&lt;near&gt;") && !dom.contains("<near>"),
        "{dom}"
    );
    assert!(dom.contains("selftest pass"), "{dom}");
    assert_eq!(marks_of(&dom, "f0").concat(), "11 people14 people");
}

#[test]
fn html_report_screenshot_renders() {
    let Some(bin) = browser_or_skip("html_report_screenshot_renders") else {
        return;
    };
    let (dir, page) = html_report(&["seeds"]);
    let shot = dir.path().join("shot.png");
    run_chromium(
        &bin,
        &[
            format!("--screenshot={}", shot.display()),
            format!("file://{}", page.display()),
        ],
    );
    let png = std::fs::read(&shot).expect("a screenshot was written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "{} bytes",
        png.len()
    );
}
