//! A small snapshot helper for CLI contract tests: status, stdout and stderr
//! together in one committed file under `tests/it/snapshots/`.
//!
//! Run with `CLAIMDIFF_UPDATE_SNAPSHOTS=1` to write new snapshots after a
//! deliberate change, then review the diff. In CI (`CI` set) a missing
//! snapshot fails rather than being written. A hand-written helper instead
//! of insta keeps the dependency tree (and CI's build) small; the snapshot
//! files are plain text, so a reviewer reads them directly.

use std::path::PathBuf;
use std::process::Output;

use crate::support::root;

/// Status, stdout and stderr of a run, as one text.
pub fn render(args: &[&str], out: &Output) -> String {
    format!(
        "$ claimdiff {}\nstatus: {}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        out.status
            .code()
            .map_or_else(|| "signal".to_string(), |c| c.to_string()),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Compares `actual` with the snapshot `name`, or writes it when asked.
#[track_caller]
pub fn assert_snapshot(name: &str, actual: &str) {
    let path: PathBuf = root()
        .join("tests/it/snapshots")
        .join(format!("{name}.snap"));
    let update = std::env::var_os("CLAIMDIFF_UPDATE_SNAPSHOTS").is_some();
    match std::fs::read_to_string(&path) {
        Ok(expected) if !update => {
            if expected != actual {
                panic!(
                    "snapshot {name} differs; rerun with CLAIMDIFF_UPDATE_SNAPSHOTS=1 if the change is meant\n{}",
                    diff(&expected, actual)
                );
            }
        }
        Err(_) if std::env::var_os("CI").is_some() && !update => {
            panic!(
                "snapshot {} is missing; write it locally and commit it",
                path.display()
            )
        }
        _ => {
            if let Err(e) = std::fs::write(&path, actual) {
                panic!("cannot write {}: {e}", path.display());
            }
            eprintln!("wrote snapshot {}", path.display());
        }
    }
}

/// The lines that differ, marked `-` (expected) and `+` (actual).
fn diff(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let mut out = String::new();
    for i in 0..e.len().max(a.len()) {
        let (x, y) = (e.get(i), a.get(i));
        if x != y {
            if let Some(x) = x {
                out.push_str(&format!("{:>4} - {x}\n", i + 1));
            }
            if let Some(y) = y {
                out.push_str(&format!("{:>4} + {y}\n", i + 1));
            }
        }
    }
    out
}
