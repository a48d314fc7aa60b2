//! One contract test per output format and per exit status: stdout, stderr
//! and status together, against committed snapshots.

use crate::snapshot::{assert_snapshot, render};
use crate::support::{claimdiff, root};

/// Two short articles of one storm: one conflict (11 versus 14 dead) and one
/// agreement (almost five hours versus five hours), with markup-like text.
const STORM: &str = "tests/it/inputs/storm";

#[track_caller]
fn snapshot(name: &str, args: &[&str]) {
    let out = claimdiff(args);
    assert_snapshot(name, &render(args, &out));
}

#[test]
fn table_format() {
    snapshot("table", &["compare", STORM]);
}

#[test]
fn json_format() {
    snapshot("json", &["compare", "--format", "json", STORM]);
}

#[test]
fn markdown_format() {
    snapshot("markdown", &["compare", "--format", "markdown", STORM]);
}

#[test]
fn sarif_format() {
    snapshot("sarif", &["compare", "--format", "sarif", STORM]);
}

#[test]
fn github_format() {
    snapshot("github", &["compare", "--format", "github", STORM]);
}

#[test]
fn html_format() {
    snapshot("html", &["compare", "--format", "html", STORM]);
}

#[test]
fn html_is_self_contained() {
    let out = claimdiff(["compare", "--format", "html", "seeds"]);
    let html = String::from_utf8_lossy(&out.stdout);
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    for fetch in ["src=", "href=\"http", "@import", "url("] {
        assert!(!html.contains(fetch), "the page fetches something: {fetch}");
    }
}

#[test]
fn exit_0_when_nothing_reaches_fail_on() {
    snapshot("exit-0", &["compare", "--fail-on", "never", STORM]);
}

#[test]
fn exit_1_on_variations_when_asked() {
    snapshot(
        "exit-1",
        &[
            "compare",
            "--fail-on",
            "variation",
            "--format",
            "github",
            STORM,
        ],
    );
}

#[test]
fn exit_2_when_nothing_can_be_read() {
    snapshot(
        "exit-2",
        &["compare", "--format", "sarif", "tests/it/inputs/none"],
    );
}

#[test]
fn markdown_escapes_article_text() {
    let out = claimdiff([
        "compare",
        "--format",
        "markdown",
        "--fail-on",
        "never",
        "fixtures",
    ]);
    let md = String::from_utf8_lossy(&out.stdout);
    for line in md.lines().filter(|l| l.starts_with("| ")) {
        // Every row has the header's five cells: no stray pipe split one.
        let cells = line.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 6, "{line}");
    }
}

#[test]
fn github_annotations_point_at_the_claim_text() {
    let out = claimdiff(["compare", "--format", "github", STORM]);
    let text = String::from_utf8_lossy(&out.stdout);
    let mut checked = 0;
    for line in text.lines() {
        let command = line.split("::").nth(1).unwrap_or_default();
        let props = command.split_once(' ').map_or("", |(_, p)| p);
        let get = |key: &str| {
            props
                .split(',')
                .find_map(|p| p.strip_prefix(&format!("{key}=")))
                .unwrap_or_default()
                .to_string()
        };
        let file = std::fs::read_to_string(root().join(get("file"))).unwrap_or_default();
        let line_no: usize = get("line").parse().unwrap_or(0);
        let col: usize = get("col").parse().unwrap_or(0);
        let end_col: usize = get("endColumn").parse().unwrap_or(0);
        let row: Vec<char> = file
            .lines()
            .nth(line_no.wrapping_sub(1))
            .unwrap_or("")
            .chars()
            .collect();
        let marked: String = row
            .get(col - 1..end_col - 1)
            .unwrap_or_default()
            .iter()
            .collect();
        let here = line
            .split("Here: \u{201c}")
            .nth(1)
            .and_then(|s| s.split('\u{201d}').next());
        assert_eq!(Some(marked.as_str()), here, "{line}");
        checked += 1;
    }
    assert_eq!(checked, 2, "{text}");
}
