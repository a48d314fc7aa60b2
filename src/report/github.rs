//! GitHub Actions workflow commands: annotations on the articles in a pull request.
//!
//! One `::error` (conflicts) or `::warning` (variations) line per claim of
//! each finding, so every outlet's wording is marked where it stands. The
//! message names the other outlets' wording too, since an annotation is
//! read alone. Properties and messages are escaped as the runner expects.

use super::lines::LineIndex;
use super::{RawFiles, Report, kind_name};
use crate::compare::Verdict;

/// One workflow command per claim of each finding.
pub fn render(report: &Report, raw: &RawFiles) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let level = if f.verdict == Verdict::Conflict {
            "error"
        } else {
            "warning"
        };
        let title = format!("{} {} ({})", kind_name(f.kind), f.rule, f.subject);
        for c in &f.claims {
            let Some(doc) = report.documents.iter().find(|d| d.id == c.document) else {
                continue;
            };
            let others: Vec<String> = f
                .claims
                .iter()
                .filter(|o| o.document != c.document)
                .map(|o| format!("{}: \u{201c}{}\u{201d}", o.document, o.text))
                .collect();
            let mut message = format!("{}. Here: \u{201c}{}\u{201d}", f.explanation, c.text);
            if !others.is_empty() {
                message.push_str(&format!("; versus {}", others.join("; ")));
            }
            let mut props = format!("file={}", property(&doc.path));
            if let Some(bytes) = raw.get(&doc.path) {
                let index = LineIndex::new(bytes);
                let (start, end) = (index.line_col(c.start), index.line_col(c.end));
                props.push_str(&format!(
                    ",line={},col={},endLine={},endColumn={}",
                    start.line, start.column, end.line, end.column
                ));
            }
            props.push_str(&format!(",title={}", property(&title)));
            out.push_str(&format!("::{level} {props}::{}\n", data(&message)));
        }
    }
    out
}

/// Escapes a command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_the_runner_reads_as_syntax() {
        assert_eq!(data("50% of\nthem"), "50%25 of%0Athem");
        assert_eq!(property("a, b: c"), "a%2C b%3A c");
    }
}
