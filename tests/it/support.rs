//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the project (or `CLAIMDIFF_SHARED`), where CI puts it.
pub fn shared() -> PathBuf {
    std::env::var_os("CLAIMDIFF_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"))
}

/// Runs the claimdiff binary with `args` from the project root.
pub fn claimdiff<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the claimdiff binary runs")
}

/// Runs `compare --format json` and parses its output.
pub fn compare_json(paths: &[PathBuf]) -> serde_json::Value {
    let mut args: Vec<std::ffi::OsString> =
        vec!["compare".into(), "--format".into(), "json".into()];
    args.extend(paths.iter().map(|p| p.clone().into_os_string()));
    let out = claimdiff(args);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "compare failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("compare prints one JSON object")
}

/// Every folder below `root` that holds a `gold.toml`, sorted.
pub fn case_folders(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n == "gold.toml") {
                out.push(dir.clone());
            }
        }
    }
    out.sort();
    out
}

/// The article files of a case folder, sorted.
pub fn articles(case: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(case)
        .expect("case folder is readable")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| {
                ["txt", "md", "markdown", "html", "htm"].contains(&e.to_string_lossy().as_ref())
            })
        })
        .collect();
    out.sort();
    out
}
