//! Markdown: a table per event to paste into an issue or a story note.
//!
//! Each event gets a heading naming its documents, a one-line tally, and a
//! table of its findings with each outlet's wording; agreements follow in a
//! collapsed list, since they corroborate rather than dispute. Cell text is
//! escaped so that a pipe, a bracket or markup in an article cannot break
//! the table or inject HTML into the page that shows it.

use super::{DocumentOut, FindingOut, Report, kind_name};
use crate::compare::Verdict;

/// The whole report as GitHub-flavoured Markdown.
pub fn render(report: &Report) -> String {
    let mut out = String::from("# claimdiff report\n\n");
    out.push_str(&format!("{}.\n", report.summary()));
    for event in &report.events {
        let docs = report.documents_of(event);
        let tally = report.tally(event);
        out.push_str(&format!("\n## Event {}\n\n", cell(&event.id)));
        for d in &docs {
            out.push_str(&format!("- {}\n", describe(d)));
        }
        out.push_str(&format!(
            "\n{} conflicts, {} variations, {} agreements, {} single-source claims.\n",
            tally.conflicts, tally.variations, tally.agreements, tally.single_source
        ));
        let findings: Vec<&FindingOut> = report
            .findings
            .iter()
            .filter(|f| f.event == event.id)
            .collect();
        table(&mut out, &findings);
        agreements(&mut out, report, &event.id);
    }
    let across: Vec<&FindingOut> = report
        .findings
        .iter()
        .filter(|f| f.event.is_empty())
        .collect();
    if !across.is_empty() {
        out.push_str("\n## Across events\n");
        table(&mut out, &across);
    }
    agreements(&mut out, report, "");
    if !report.problems.is_empty() {
        out.push_str("\n## Problems\n\n");
        for p in &report.problems {
            out.push_str(&format!("- {}\n", cell(&p.to_string())));
        }
    }
    out
}

fn describe(d: &DocumentOut) -> String {
    let mut s = format!("`{}`", code(&d.id));
    if let Some(outlet) = &d.meta.outlet {
        s.push_str(&format!(" ({})", cell(outlet)));
    }
    s.push_str(&format!(": `{}`", code(&d.path)));
    s
}

fn table(out: &mut String, findings: &[&FindingOut]) {
    if findings.is_empty() {
        return;
    }
    out.push_str("\n| | kind | about | wording | why |\n|---|---|---|---|---|\n");
    for f in findings {
        let mark = match f.verdict {
            Verdict::Conflict => "**conflict**",
            Verdict::Variation => "variation",
            Verdict::Agreement => "agreement",
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            mark,
            kind_name(f.kind),
            cell(&f.subject),
            wording(f),
            cell(&f.explanation)
        ));
    }
}

fn agreements(out: &mut String, report: &Report, event: &str) {
    let list: Vec<&FindingOut> = report
        .agreements
        .iter()
        .filter(|f| f.event == event)
        .collect();
    if list.is_empty() {
        return;
    }
    out.push_str(&format!(
        "\n<details><summary>{} agreements</summary>\n\n",
        list.len()
    ));
    for f in list {
        out.push_str(&format!(
            "- {}: {}\n",
            cell(&f.subject),
            wording(f).replace("<br>", "; ")
        ));
    }
    out.push_str("\n</details>\n");
}

fn wording(f: &FindingOut) -> String {
    f.claims
        .iter()
        .map(|c| format!("`{}`: \u{201c}{}\u{201d}", code(&c.document), cell(&c.text)))
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Text for a table cell: one line, no table or inline syntax, no HTML.
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\n' | '\r' | '\t' => out.push(' '),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    out
}

/// Text inside a code span: backticks cannot be escaped there, so they become quotes.
fn code(s: &str) -> String {
    s.replace('`', "'")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table_or_inject_html() {
        assert_eq!(cell("a | b\n<script>*x*"), "a \\| b &lt;script&gt;\\*x\\*");
    }
}
