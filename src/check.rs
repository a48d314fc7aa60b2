//! Checking fixture folders against their gold files: `claimdiff check`.
//!
//! A fixture folder holds articles and a `gold.toml` (the format of
//! `../shared/eval/README.md`). Checking runs the pipeline on the folder's
//! articles and lists what the gold expects but the run did not find, the
//! conflicts it reports where the gold says the claims agree or are
//! unrelated, page furniture that claims came from, and event groupings that
//! differ. This is how a team keeps its own disagreement fixtures in CI.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::report::{ClaimOut, FindingOut, Report};

/// A gold `kind`: one kind, or a list of acceptable kinds.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum Kinds {
    One(String),
    Many(Vec<String>),
}

impl Kinds {
    fn accepts(&self, kind: &str) -> bool {
        match self {
            Kinds::One(k) => k == kind,
            Kinds::Many(ks) => ks.iter().any(|k| k == kind),
        }
    }

    fn label(&self) -> String {
        match self {
            Kinds::One(k) => k.clone(),
            Kinds::Many(ks) => ks.join("/"),
        }
    }
}

/// One `[[finding]]`, `[[agreement]]` or `[[unrelated]]` entry.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldEntry {
    pub kind: Option<Kinds>,
    pub verdict: Option<String>,
    pub evidence: BTreeMap<String, String>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GoldEvent {
    pub documents: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GoldBoilerplate {
    pub document: String,
    pub text: String,
}

/// A gold file.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Gold {
    #[serde(default)]
    pub event: Vec<GoldEvent>,
    #[serde(default)]
    pub finding: Vec<GoldEntry>,
    #[serde(default)]
    pub agreement: Vec<GoldEntry>,
    #[serde(default)]
    pub unrelated: Vec<GoldEntry>,
    #[serde(default)]
    pub boilerplate: Vec<GoldBoilerplate>,
}

/// What checking one folder found wrong. Empty lists mean the folder passes.
#[derive(Clone, Debug, Default)]
pub struct CaseResult {
    pub folder: PathBuf,
    /// Gold findings no reported finding points at.
    pub missing: Vec<String>,
    /// Gold findings found with another verdict.
    pub wrong_verdict: Vec<String>,
    /// Reported conflicts between claims the gold calls compatible or unrelated.
    pub unexpected_conflicts: Vec<String>,
    /// Gold agreements reported neither as agreement nor as a non-conflict.
    pub missing_agreements: Vec<String>,
    /// Claims that come from page furniture.
    pub leaks: Vec<String>,
    /// Documents grouped differently from the gold.
    pub events: Vec<String>,
    /// Problems reading the folder.
    pub errors: Vec<String>,
}

impl CaseResult {
    pub fn passed(&self) -> bool {
        self.missing.is_empty()
            && self.wrong_verdict.is_empty()
            && self.unexpected_conflicts.is_empty()
            && self.missing_agreements.is_empty()
            && self.leaks.is_empty()
            && self.events.is_empty()
            && self.errors.is_empty()
    }
}

/// A claim longer than this never counts as pointing at a piece of evidence.
const MAX_SPAN: u64 = 300;

fn occurrences(data: &[u8], needle: &str) -> Vec<(u64, u64)> {
    let n = needle.as_bytes();
    if n.is_empty() || n.len() > data.len() {
        return Vec::new();
    }
    data.windows(n.len())
        .enumerate()
        .filter(|(_, w)| *w == n)
        .map(|(i, _)| (i as u64, (i + n.len()) as u64))
        .collect()
}

fn claim_hits(claim: &ClaimOut, doc: &str, text: &str, raw: &BTreeMap<String, Vec<u8>>) -> bool {
    if claim.document != doc || claim.end - claim.start > MAX_SPAN {
        return false;
    }
    raw.get(doc).is_some_and(|data| {
        occurrences(data, text)
            .iter()
            .any(|&(s, e)| s < claim.end && claim.start < e)
    })
}

fn entry_hit(
    item: &FindingOut,
    evidence: &BTreeMap<String, String>,
    raw: &BTreeMap<String, Vec<u8>>,
) -> bool {
    evidence
        .iter()
        .all(|(doc, text)| item.claims.iter().any(|c| claim_hits(c, doc, text, raw)))
}

fn describe(evidence: &BTreeMap<String, String>) -> String {
    evidence
        .iter()
        .map(|(d, t)| format!("{d}: \u{201c}{t}\u{201d}"))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The article files of a fixture folder, sorted.
pub fn articles(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(folder)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension().is_some_and(|e| {
                    matches!(
                        e.to_string_lossy().to_ascii_lowercase().as_str(),
                        "txt" | "md" | "markdown" | "html" | "htm"
                    )
                })
        })
        .collect();
    out.sort();
    Ok(out)
}

/// Every folder at or below `root` holding a `gold.toml`, sorted.
pub fn case_folders(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if root.join("gold.toml").is_file() {
        out.push(root.to_path_buf());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(root)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    entries.sort();
    for dir in entries {
        out.extend(case_folders(&dir));
    }
    out
}

/// Compares a report on a folder's articles with the folder's gold.
pub fn score(
    folder: &Path,
    gold: &Gold,
    report: &Report,
    raw: &BTreeMap<String, Vec<u8>>,
) -> CaseResult {
    let mut result = CaseResult {
        folder: folder.to_path_buf(),
        ..CaseResult::default()
    };
    for g in &gold.finding {
        let hits: Vec<&FindingOut> = report
            .findings
            .iter()
            .filter(|f| {
                let kind = serde_json::to_value(f.kind).ok();
                let kind = kind.as_ref().and_then(|k| k.as_str()).unwrap_or_default();
                g.kind.as_ref().is_none_or(|k| k.accepts(kind)) && entry_hit(f, &g.evidence, raw)
            })
            .collect();
        let label = format!(
            "{} {}: {}",
            g.kind.as_ref().map(Kinds::label).unwrap_or_default(),
            g.verdict.as_deref().unwrap_or("?"),
            describe(&g.evidence)
        );
        if hits.is_empty() {
            result.missing.push(label);
        } else if let Some(verdict) = &g.verdict {
            let same = hits.iter().any(|f| {
                serde_json::to_value(f.verdict)
                    .ok()
                    .is_some_and(|v| v.as_str() == Some(verdict.as_str()))
            });
            if !same {
                result.wrong_verdict.push(label);
            }
        }
    }
    for f in report
        .findings
        .iter()
        .filter(|f| f.verdict == crate::compare::Verdict::Conflict)
    {
        for g in gold.agreement.iter().chain(&gold.unrelated) {
            if entry_hit(f, &g.evidence, raw) {
                result
                    .unexpected_conflicts
                    .push(format!("{}: {}", f.rule, describe(&g.evidence)));
                break;
            }
        }
    }
    for g in &gold.agreement {
        let found = report
            .agreements
            .iter()
            .chain(
                report
                    .findings
                    .iter()
                    .filter(|f| f.verdict != crate::compare::Verdict::Conflict),
            )
            .any(|a| entry_hit(a, &g.evidence, raw));
        if !found {
            result.missing_agreements.push(describe(&g.evidence));
        }
    }
    for b in &gold.boilerplate {
        let occ = raw
            .get(&b.document)
            .map(|d| occurrences(d, &b.text))
            .unwrap_or_default();
        let leaked = report
            .findings
            .iter()
            .chain(&report.agreements)
            .any(|item| {
                item.claims.iter().any(|c| {
                    c.document == b.document && occ.iter().any(|&(s, e)| s < c.end && c.start < e)
                })
            });
        if leaked {
            result
                .leaks
                .push(format!("{}: \u{201c}{}\u{201d}", b.document, b.text));
        }
    }
    let predicted: BTreeMap<&str, &str> = report
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.event.as_str()))
        .collect();
    for (i, a) in gold.event.iter().enumerate() {
        for b in &gold.event[i + 1..] {
            for x in &a.documents {
                for y in &b.documents {
                    if predicted.contains_key(x.as_str())
                        && predicted.get(x.as_str()) == predicted.get(y.as_str())
                    {
                        result.events.push(format!(
                            "{x} and {y} are different events but were grouped together"
                        ));
                    }
                }
            }
        }
        for (j, x) in a.documents.iter().enumerate() {
            for y in &a.documents[j + 1..] {
                if predicted.get(x.as_str()) != predicted.get(y.as_str()) {
                    result.events.push(format!(
                        "{x} and {y} report one event but were not grouped together"
                    ));
                }
            }
        }
    }
    result
}

/// Runs the pipeline on one fixture folder and checks it.
pub fn check_folder(folder: &Path, options: &crate::Options) -> CaseResult {
    let mut result = CaseResult {
        folder: folder.to_path_buf(),
        ..CaseResult::default()
    };
    let gold: Gold = match std::fs::read_to_string(folder.join("gold.toml"))
        .map_err(|e| e.to_string())
        .and_then(|s| toml::from_str(&s).map_err(|e| e.to_string()))
    {
        Ok(g) => g,
        Err(e) => {
            result.errors.push(format!("gold.toml: {e}"));
            return result;
        }
    };
    let files = match articles(folder) {
        Ok(f) => f,
        Err(e) => {
            result.errors.push(format!("cannot list the folder: {e}"));
            return result;
        }
    };
    let mut raw = BTreeMap::new();
    for f in &files {
        if let Ok(bytes) = std::fs::read(f) {
            let id = f
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            raw.insert(id, bytes);
        }
    }
    let run = crate::run(&files, options);
    let report = run.report();
    let mut scored = score(folder, &gold, &report, &raw);
    scored
        .errors
        .extend(run.problems.iter().map(ToString::to_string));
    scored
}

/// A readable account of one folder's result.
pub fn render(result: &CaseResult) -> String {
    let mut out = format!(
        "{}: {}\n",
        result.folder.display(),
        if result.passed() { "ok" } else { "FAILED" }
    );
    let sections: [(&str, &Vec<String>); 7] = [
        ("error", &result.errors),
        ("missing", &result.missing),
        ("verdict", &result.wrong_verdict),
        ("unexpected conflict", &result.unexpected_conflicts),
        ("missing agreement", &result.missing_agreements),
        ("furniture leak", &result.leaks),
        ("grouping", &result.events),
    ];
    for (label, items) in sections {
        for item in items {
            out.push_str(&format!("  {label}: {item}\n"));
        }
    }
    out
}
