//! SARIF 2.1.0: findings for code-scanning dashboards and CI.
//!
//! One result per finding, one location per claim: the document's path as
//! the artifact, and a region with both lines and columns (computed here,
//! against the file on disk) and the byte range the JSON report gives. The
//! driver's rules come from [`crate::compare::RULES`], with the rule docs as
//! help text, so `claimdiff explain` and a SARIF viewer say the same thing.
//! Conflicts are errors, variations warnings; agreements are not results.

use serde_json::{Value, json};

use super::lines::LineIndex;
use super::{FindingOut, RawFiles, Report, doc_section, kind_name, verdict_name};
use crate::compare::{RULES, Verdict};

/// The schema URI written into the log.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The report as a SARIF 2.1.0 log, pretty-printed with a final newline.
pub fn render(report: &Report, raw: &RawFiles) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let doc = r.doc();
            json!({
                "id": r.id(),
                "name": pascal_case(r.id()),
                "shortDescription": { "text": doc_section(doc, "What it flags", true) },
                "fullDescription": { "text": doc_section(doc, "Why it matters", true) },
                "help": { "text": doc, "markdown": doc },
                "defaultConfiguration": { "level": "warning" },
                "properties": { "tags": [kind_name(r.kind())] },
            })
        })
        .collect();
    let indexes: Vec<(&str, LineIndex<'_>)> = raw
        .iter()
        .map(|(path, bytes)| (path.as_str(), LineIndex::new(bytes)))
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| result(report, f, &indexes))
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "claimdiff",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/claimdiff",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut out =
        serde_json::to_string_pretty(&log).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

/// The path of document `id`, as given on the command line.
fn path_of<'a>(report: &'a Report, id: &'a str) -> &'a str {
    report
        .documents
        .iter()
        .find(|d| d.id == id)
        .map_or(id, |d| d.path.as_str())
}

fn result(report: &Report, f: &FindingOut, indexes: &[(&str, LineIndex<'_>)]) -> Value {
    let rule_index = RULES.iter().position(|r| r.id() == f.rule);
    let locations: Vec<Value> = f
        .claims
        .iter()
        .map(|c| {
            let path = path_of(report, &c.document);
            let mut region = json!({
                "byteOffset": c.start,
                "byteLength": c.end.saturating_sub(c.start),
                "snippet": { "text": c.text },
            });
            if let Some((_, index)) = indexes.iter().find(|(p, _)| *p == path) {
                let start = index.line_col(c.start);
                let end = index.line_col(c.end);
                region["startLine"] = json!(start.line);
                region["startColumn"] = json!(start.column);
                region["endLine"] = json!(end.line);
                region["endColumn"] = json!(end.column);
            }
            json!({
                "physicalLocation": {
                    "artifactLocation": { "uri": uri(path) },
                    "region": region,
                },
                "message": { "text": format!("{}: \u{201c}{}\u{201d}", c.document, c.text) },
            })
        })
        .collect();
    let mut result = json!({
        "ruleId": f.rule,
        "level": if f.verdict == Verdict::Conflict { "error" } else { "warning" },
        "message": { "text": format!("{}: {}", f.subject, f.explanation) },
        "locations": locations,
        "properties": {
            "kind": kind_name(f.kind),
            "verdict": verdict_name(f.verdict),
            "event": f.event,
            "subject": f.subject,
        },
    });
    if let Some(i) = rule_index {
        result["ruleIndex"] = json!(i);
    }
    result
}

/// "number-mismatch" as "NumberMismatch", SARIF's convention for rule names.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|c| c.to_ascii_uppercase().to_string() + cs.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// A path as a relative URI reference: forward slashes, and every byte
/// outside the unreserved set (and `/`) percent-encoded.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("seeds/a b.txt"), "seeds/a%20b.txt");
        assert_eq!(uri("./x/é.md"), "x/%C3%A9.md");
        assert_eq!(uri("C:\\news\\a.txt"), "C%3A/news/a.txt");
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(pascal_case("number-mismatch"), "NumberMismatch");
    }
}
