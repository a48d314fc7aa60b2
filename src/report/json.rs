//! The JSON report: the contract `score.py` and other tools read.

use super::Report;

/// The report as one pretty-printed JSON object, with a final newline.
pub fn render(report: &Report) -> String {
    let mut out =
        serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}
