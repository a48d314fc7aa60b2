//! Any bytes, read as any input format, then cleaned: no panic, and every
//! kept block maps back inside the bytes it came from.
#![no_main]

use claimdiff::ingest::{Options, from_bytes};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 4] = ["in.txt", "in.md", "in.html", "in.jsonl"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, raw)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    let ingested = from_bytes(name, raw.to_vec(), &Options::default());
    for source in &ingested.sources {
        let doc = claimdiff::clean::clean(source);
        let lo = source.base;
        let hi = source.base + source.raw.len() as u64;
        for block in &doc.blocks {
            let r = block.span.range();
            assert!(r.end <= doc.text.len());
            assert!(doc.text.is_char_boundary(r.start) && doc.text.is_char_boundary(r.end));
            let (start, end) = doc.raw_span(block.span);
            assert!(lo <= start && start <= end && end <= hi.max(lo), "{start}..{end} outside {lo}..{hi}");
        }
    }
});
