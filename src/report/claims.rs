//! Per-document claims as JSON Lines: `claimdiff extract`.
//!
//! One line per document with every claim it makes, located in the file on
//! disk. It shows what claimdiff read before any comparison, and it is the
//! map step's output when documents are processed on many machines.

use serde::Serialize;

use crate::extract::{Analysis, ClaimKind};

#[derive(Serialize)]
struct ClaimLine<'a> {
    start: u64,
    end: u64,
    text: &'a str,
    sentence: &'a str,
    #[serde(flatten)]
    kind: &'a ClaimKind,
}

#[derive(Serialize)]
struct DocumentLine<'a> {
    document: &'a str,
    path: &'a str,
    claims: Vec<ClaimLine<'a>>,
}

/// One JSON line per document.
pub fn render(analyses: &[Analysis]) -> String {
    let mut out = String::new();
    for a in analyses {
        let text = &a.doc.text;
        let claims = a
            .claims
            .iter()
            .map(|c| {
                let (start, end) = a.doc.raw_span(c.span);
                ClaimLine {
                    start,
                    end,
                    text: c.span.slice(text),
                    sentence: a
                        .sentences
                        .get(c.sentence as usize)
                        .map_or("", |s| s.span.slice(text)),
                    kind: &c.kind,
                }
            })
            .collect();
        let line = DocumentLine {
            document: &a.doc.id,
            path: &a.doc.path,
            claims,
        };
        match serde_json::to_string(&line) {
            Ok(json) => out.push_str(&json),
            Err(e) => out.push_str(&format!(
                "{{\"document\":{:?},\"error\":{:?}}}",
                a.doc.id,
                e.to_string()
            )),
        }
        out.push('\n');
    }
    out
}
