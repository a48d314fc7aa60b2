//! The JSON report: the contract `score.py` and other tools read.

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

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
///
/// The text is serde_json's pretty printing of [`Report`], byte for byte,
/// but the elements of each list are serialized in parallel, a window at a
/// time: a whole corpus's report is a couple of hundred megabytes, which
/// one thread took most of a second to print.
pub fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let Report {
        documents,
        events,
        findings,
        agreements,
        problems,
    } = report;
    out.write_all(b"{")?;
    write_field(out, "documents", documents, true)?;
    write_field(out, "events", events, false)?;
    write_field(out, "findings", findings, false)?;
    write_field(out, "agreements", agreements, false)?;
    write_field(out, "problems", problems, false)?;
    out.write_all(b"\n}\n")
}

/// Elements serialized by one task.
const CHUNK: usize = 512;
/// Chunks serialized before any is written: bounds the text held at once.
const WINDOW: usize = 64;
/// The indentation of a top-level list's elements, as serde_json writes it.
const ELEMENT_INDENT: &[u8] = b"    ";

/// One field of the top-level object: `"name": [ ... ]`, indented as
/// serde_json's pretty printer indents it.
fn write_field<T: Serialize + Sync>(
    out: &mut dyn Write,
    name: &str,
    items: &[T],
    first: bool,
) -> std::io::Result<()> {
    out.write_all(if first { b"\n" } else { b",\n" })?;
    write!(out, "  {}: ", serde_json::to_string(name)?)?;
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    let chunks: Vec<&[T]> = items.chunks(CHUNK).collect();
    for (w, window) in chunks.chunks(WINDOW).enumerate() {
        let texts: Vec<std::io::Result<Vec<u8>>> =
            window.par_iter().map(|chunk| elements(chunk)).collect();
        for (c, text) in texts.into_iter().enumerate() {
            if w + c > 0 {
                out.write_all(b",")?;
            }
            out.write_all(&text?)?;
        }
    }
    out.write_all(b"\n  ]")
}

/// The elements of `chunk` as they appear inside a top-level list: each
/// on its own lines, after a newline and its indentation, with commas
/// between them (the caller puts the commas between chunks).
fn elements<T: Serialize>(chunk: &[T]) -> std::io::Result<Vec<u8>> {
    let mut text = Vec::new();
    let mut element = Vec::new();
    for item in chunk {
        if !text.is_empty() {
            text.push(b',');
        }
        element.clear();
        serde_json::to_writer_pretty(&mut element, item)?;
        text.push(b'\n');
        text.extend_from_slice(ELEMENT_INDENT);
        // JSON strings hold no raw line breaks, so every one is the
        // pretty printer's own and takes the element's indentation.
        for line in element.split_inclusive(|&b| b == b'\n') {
            text.extend_from_slice(line);
            if line.ends_with(b"\n") {
                text.extend_from_slice(ELEMENT_INDENT);
            }
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{DocumentOut, EventOut};

    fn document(i: usize) -> DocumentOut {
        DocumentOut {
            id: format!("doc-{i}"),
            path: format!("in/{i}.txt"),
            event: "e1".into(),
            meta: crate::ingest::Meta {
                outlet: Some("An \"outlet\"\nwith a line break".into()),
                ..Default::default()
            },
            warnings: vec![format!("warning {i}")],
            text: String::new(),
            claim_spans: Vec::new(),
        }
    }

    #[test]
    fn writes_what_serde_json_pretty_prints() {
        // Lists longer than a window of chunks, one of exactly a chunk, one
        // element, and empty lists: every join between chunks and windows.
        for n in [0, 1, CHUNK, CHUNK * WINDOW + 3] {
            let report = Report {
                documents: (0..n).map(document).collect(),
                events: vec![EventOut {
                    id: "e1".into(),
                    documents: (0..n.min(3)).map(|i| format!("doc-{i}")).collect(),
                }],
                findings: Vec::new(),
                agreements: Vec::new(),
                problems: Vec::new(),
            };
            let expected = serde_json::to_string_pretty(&report).unwrap() + "\n";
            assert_eq!(render(&report), expected, "{n} documents");
        }
    }
}
