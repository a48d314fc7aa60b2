//! The terminal table: one row per finding, grouped by event, then a summary line.

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

use super::Report;
use crate::compare::Verdict;

/// Renders findings (not agreements) as a table, followed by a one-line summary.
pub fn render(report: &Report, width: Option<u16>) -> String {
    let mut out = String::new();
    if !report.findings.is_empty() {
        let mut table = Table::new();
        table
            .load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(vec!["event", "kind", "verdict", "about", "wording", "why"]);
        if let Some(w) = width {
            table.set_width(w);
        }
        for f in &report.findings {
            let wording = f
                .claims
                .iter()
                .map(|c| format!("{}: \u{201c}{}\u{201d}", c.document, c.text))
                .collect::<Vec<_>>()
                .join("\n");
            table.add_row(vec![
                f.event.clone(),
                format!("{:?}", f.kind).to_lowercase(),
                format!("{:?}", f.verdict).to_lowercase(),
                f.subject.clone(),
                wording,
                f.explanation.clone(),
            ]);
        }
        out.push_str(&table.to_string());
        out.push('\n');
    }
    let conflicts = report
        .findings
        .iter()
        .filter(|f| f.verdict == Verdict::Conflict)
        .count();
    out.push_str(&format!(
        "{} documents, {} events: {} conflicts, {} variations, {} agreements\n",
        report.documents.len(),
        report.events.len(),
        conflicts,
        report.findings.len() - conflicts,
        report.agreements.len()
    ));
    out
}
