//! claimdiff.toml, --output, completions and the man page.

use std::path::Path;
use std::process::{Command, Output};

use crate::snapshot::{assert_snapshot, render};
use crate::support::{claimdiff, root};

/// Runs claimdiff from `dir`.
fn claimdiff_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the claimdiff binary runs")
}

fn storm() -> String {
    root().join("tests/it/inputs/storm").display().to_string()
}

#[test]
fn an_unknown_key_is_named_and_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("claimdiff.toml"),
        "[group]\nthreshhold = 0.3\n",
    )
    .expect("write");
    let args = [
        "compare",
        "--config",
        "claimdiff.toml",
        "--format",
        "json",
        &storm(),
    ];
    let out = claimdiff_in(dir.path(), &args);
    assert_snapshot(
        "exit-2-config",
        &render(
            &[
                "compare",
                "--config",
                "claimdiff.toml",
                "--format",
                "json",
                "STORM",
            ],
            &out,
        ),
    );
}

#[test]
fn the_nearest_config_above_the_working_directory_applies() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("claimdiff.toml"),
        "fail_on = \"never\"\nlexicons = [\"terms.toml\"]\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("terms.toml"),
        "[[group]]\nid = \"occupiers\"\nkind = \"label\"\nreferent = \"occupiers\"\naxis = \"label\"\nsides = [[\"squatters\"], [\"occupiers\"]]\nexamples = [\"The squatters left.\", \"The occupiers left.\"]\n",
    )
    .expect("write");
    let sub = dir.path().join("a/b");
    std::fs::create_dir_all(&sub).expect("mkdir");
    let storm = storm();
    assert_eq!(
        claimdiff_in(&sub, &["compare", &storm]).status.code(),
        Some(0)
    );
    // A lexicon the file names must exist: its absence is an error naming it.
    std::fs::remove_file(dir.path().join("terms.toml")).expect("remove");
    let out = claimdiff_in(&sub, &["compare", &storm]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("terms.toml"));
    std::fs::write(
        dir.path().join("terms.toml"),
        "[[group]]\nid = \"occupiers\"\nkind = \"label\"\nreferent = \"occupiers\"\naxis = \"label\"\nsides = [[\"squatters\"], [\"occupiers\"]]\nexamples = [\"The squatters left.\", \"The occupiers left.\"]\n",
    )
    .expect("write");
    // The command line wins over the file, and --no-config ignores it.
    assert_eq!(
        claimdiff_in(&sub, &["compare", "--fail-on", "conflict", &storm])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        claimdiff_in(&sub, &["compare", "--no-config", &storm])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn disabled_rules_report_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("c.toml"),
        "[rules]\ndisable = [\"number-mismatch\"]\n",
    )
    .expect("write");
    let out = claimdiff_in(
        dir.path(),
        &[
            "compare",
            "--config",
            "c.toml",
            "--format",
            "json",
            &storm(),
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["findings"].as_array().map(Vec::len), Some(0));
    let out = claimdiff_in(
        dir.path(),
        &[
            "compare",
            "--config",
            "c.toml",
            "--format",
            "json",
            "--no-config",
            &storm(),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "--config and --no-config conflict"
    );
}

#[test]
fn an_unknown_rule_in_the_config_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("claimdiff.toml"),
        "[rules]\nenable = [\"nope\"]\n",
    )
    .expect("write");
    let out = claimdiff_in(dir.path(), &["compare", &storm()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no rule `nope`"));
}

#[test]
fn output_replaces_the_file_whole_and_a_failed_run_leaves_it_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = dir.path().join("report.sarif");
    std::fs::write(&report, "old").expect("write");
    let path = report.display().to_string();
    let out = claimdiff([
        "compare",
        "--format",
        "sarif",
        "-o",
        &path,
        "tests/it/inputs/storm",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&report).expect("the report");
    assert!(written.starts_with('{') && written.ends_with("}\n"));
    // Nothing readable: no report, and the old one is still there.
    let out = claimdiff([
        "compare",
        "--format",
        "sarif",
        "-o",
        &path,
        "tests/it/inputs/none",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&report).expect("the report"),
        written
    );
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    // A folder that does not exist is an error that names the file.
    let missing = dir.path().join("no/such/report.html").display().to_string();
    let out = claimdiff([
        "compare",
        "--format",
        "html",
        "-o",
        &missing,
        "tests/it/inputs/storm",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("report.html"));
}

#[test]
fn completions_and_man_page_come_from_the_clap_definitions() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = claimdiff(["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(
            script.contains("claimdiff") && script.contains("fail-on"),
            "{shell}"
        );
    }
    let out = claimdiff(["man"]);
    assert_eq!(out.status.code(), Some(0));
    let man = String::from_utf8_lossy(&out.stdout);
    assert!(
        man.contains(".TH claimdiff 1") && man.contains("compare"),
        "{man}"
    );
    assert_eq!(claimdiff(["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = claimdiff(["compare", "tests/it/inputs/storm"]);
    assert!(!plain.stdout.contains(&0x1b));
    let coloured = claimdiff(["compare", "--color", "always", "tests/it/inputs/storm"]);
    assert!(coloured.stdout.contains(&0x1b));
}
