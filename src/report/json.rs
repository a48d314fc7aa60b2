//! The JSON report: the contract `score.py` and other tools read.

use std::io::Write;

use super::Report;

/// The report as one pretty-printed JSON object, with a final newline.
pub fn render(report: &Report) -> String {
    let mut out = Vec::new();
    match write(report, &mut out) {
        Ok(()) => String::from_utf8_lossy(&out).into_owned(),
        Err(e) => format!("{{\"error\": \"{e}\"}}\n"),
    }
}

/// Writes [`render`]'s text to `out` as it is serialized, without holding
/// all of it in memory.
pub fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")
}
