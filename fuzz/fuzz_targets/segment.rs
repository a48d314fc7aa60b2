//! Any text, split into blocks, sentences and tokens: every span in bounds,
//! on character boundaries, and inside its parent.
#![no_main]

use claimdiff::ingest::{Format, Meta, Source};
use claimdiff::segment;
use claimdiff::span::Span;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let whole = Span::new(0, text.len());
    for sentence in segment::split_block(&text, whole) {
        check(&text, whole, sentence);
        for token in segment::tokens(&text, sentence) {
            check(&text, sentence, token.span);
        }
    }
    let source = Source {
        id: "f".into(),
        path: "f.txt".into(),
        format: Format::Text,
        raw: data.to_vec(),
        base: 0,
        meta: Meta::default(),
    };
    let doc = claimdiff::clean::clean(&source);
    for sentence in segment::sentences(&doc) {
        let block = doc.blocks[sentence.block as usize].span;
        check(&doc.text, block, sentence.span);
    }
});

fn check(text: &str, parent: Span, span: Span) {
    let (r, p) = (span.range(), parent.range());
    assert!(r.start <= r.end && r.end <= text.len());
    assert!(p.start <= r.start && r.end <= p.end, "{span:?} outside {parent:?}");
    assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
}
