//! Span invariants on arbitrary text (proptest): every claim span is in
//! bounds and on character boundaries, and for plain text the claim's text
//! is exactly the raw bytes its offsets name; offset maps round-trip.

use claimdiff::ingest::{Format, Meta, Source};
use claimdiff::span::{OffsetMap, Span};
use proptest::prelude::*;

fn text_source(raw: &str) -> Source {
    Source {
        id: "p".into(),
        path: "p.txt".into(),
        format: Format::Text,
        raw: raw.as_bytes().to_vec(),
        base: 0,
        meta: Meta::default(),
    }
}

/// Sentences made of news-like pieces, so that claims are actually found.
fn article() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("The council said".to_string()),
        Just(" 12 people".to_string()),
        Just(" were hurt".to_string()),
        Just(" about 3,000 homes".to_string()),
        Just(" “Nobody died,” police chief Anna Berg said".to_string()),
        Just(" $1.2 million".to_string()),
        Just(". ".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("Café é 😀".to_string()),
        "[a-zA-Z0-9 ,.;:'\"%$-]{0,12}",
        any::<String>(),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn claim_spans_are_in_bounds_and_equal_the_raw_text(raw in article()) {
        let analysis = claimdiff::extract::analyze(claimdiff::clean::clean(&text_source(&raw)));
        let text = &analysis.doc.text;
        for claim in &analysis.claims {
            let r = claim.span.range();
            prop_assert!(r.end <= text.len());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let (start, end) = analysis.doc.raw_span(claim.span);
            prop_assert!(start <= end && end as usize <= raw.len());
            prop_assert!(raw.is_char_boundary(start as usize) && raw.is_char_boundary(end as usize));
            // Plain UTF-8 text is kept verbatim, so the raw slice is the
            // claim's text. An attribution may join a quote to a speaker in
            // the next paragraph; the white space between those blocks is
            // not kept, so such a claim is checked block by block above.
            let within_block = analysis.doc.blocks.iter().any(|b| b.span.contains(claim.span));
            if within_block {
                prop_assert_eq!(&raw[start as usize..end as usize], claim.span.slice(text));
            }
        }
        for block in &analysis.doc.blocks {
            let (start, end) = analysis.doc.raw_span(block.span);
            prop_assert_eq!(&raw[start as usize..end as usize], block.span.slice(text));
        }
    }

    #[test]
    fn offset_maps_round_trip(
        pieces in proptest::collection::vec((1usize..20, any::<bool>(), 0u64..5), 0..30),
        cut in any::<proptest::sample::Index>(),
        len in any::<proptest::sample::Index>(),
    ) {
        // Builds a map of verbatim and replaced pieces over an imagined raw
        // file, remembering where every cleaned byte came from.
        let mut map = OffsetMap::new();
        let mut origin = Vec::new();
        let mut raw = 7u64;
        for (n, verbatim, gap) in pieces {
            raw += gap;
            if verbatim {
                map.push_verbatim(n, raw);
                origin.extend((0..n as u64).map(|i| (raw + i, raw + i + 1)));
                raw += n as u64;
            } else {
                map.push_replaced(n, raw, raw + 3);
                origin.extend((0..n).map(|_| (raw, raw + 3)));
                raw += 3;
            }
        }
        prop_assert_eq!(map.clean_len(), origin.len());
        if origin.is_empty() {
            return Ok(());
        }
        let start = cut.index(origin.len());
        let end = start + 1 + len.index(origin.len() - start);
        let (raw_start, raw_end) = map.to_raw(Span::new(start, end));
        prop_assert_eq!(raw_start, origin[start].0);
        prop_assert_eq!(raw_end, origin[end - 1].1);
        // Composing through append_from keeps every offset.
        let mut composed = OffsetMap::new();
        composed.append_from(&map, Span::new(start, end));
        prop_assert_eq!(composed.to_raw(Span::new(0, end - start)), (raw_start, raw_end));
    }
}

/// Inputs that fuzzing found (`tests/it/fuzz_regressions/`, first byte the
/// format as in `fuzz/fuzz_targets/extract.rs`) keep their invariants.
#[test]
fn fuzz_regressions_keep_their_invariants() {
    let dir = crate::support::root().join("tests/it/fuzz_regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir)
        .expect("regression folder")
        .flatten()
    {
        let data = std::fs::read(entry.path()).expect("regression input");
        let Some((&pick, raw)) = data.split_first() else {
            continue;
        };
        let format = [Format::Text, Format::Markdown, Format::Html][usize::from(pick % 3)];
        let source = Source {
            format,
            raw: raw.to_vec(),
            ..text_source("")
        };
        let analysis = claimdiff::extract::analyze(claimdiff::clean::clean(&source));
        let text = &analysis.doc.text;
        for claim in &analysis.claims {
            let r = claim.span.range();
            let sentence = analysis.sentences[claim.sentence as usize].span.range();
            assert!(
                r.end <= text.len()
                    && text.is_char_boundary(r.start)
                    && text.is_char_boundary(r.end)
            );
            assert!(
                r.start <= sentence.end && sentence.start <= r.end,
                "{r:?} apart from {sentence:?}"
            );
            let (start, end) = analysis.doc.raw_span(claim.span);
            assert!(start <= end && end <= raw.len() as u64);
        }
        seen += 1;
    }
    assert!(seen > 0, "no regression inputs in {}", dir.display());
}
