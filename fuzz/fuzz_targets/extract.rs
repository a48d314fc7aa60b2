//! Any text (as plain text, Markdown or HTML) through clean and extract:
//! no panic, and every claim touching its sentence and mapping back inside
//! the raw bytes.
#![no_main]

use claimdiff::ingest::{Format, Meta, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, raw)) = data.split_first() else {
        return;
    };
    let format = match pick % 3 {
        0 => Format::Text,
        1 => Format::Markdown,
        _ => Format::Html,
    };
    let source = Source {
        id: "f".into(),
        path: "f".into(),
        format,
        raw: raw.to_vec(),
        base: 0,
        meta: Meta::default(),
    };
    let analysis = claimdiff::extract::analyze(claimdiff::clean::clean(&source));
    let text = &analysis.doc.text;
    for claim in &analysis.claims {
        // A quote may run over several sentences (and paragraphs), so a
        // claim need not lie inside its sentence; it must touch it.
        let sentence = analysis.sentences[claim.sentence as usize].span.range();
        let r = claim.span.range();
        assert!(r.start <= r.end && r.end <= text.len());
        assert!(r.start <= sentence.end && sentence.start <= r.end, "{r:?} apart from {sentence:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let (start, end) = analysis.doc.raw_span(claim.span);
        assert!(start <= end && end <= raw.len() as u64);
    }
});
