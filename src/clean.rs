//! Cleaning: raw bytes become the text the pipeline reads, without page furniture.
//!
//! Clean owns decoding (UTF-8, a BOM, UTF-16, a Latin-1 fallback), format
//! handling (Markdown front matter and markup, JSON string escapes, HTML),
//! and the removal of page furniture: menus, "Most Read" lists, subscription
//! and donation appeals, comment widgets, a lone byline. Whatever it drops or
//! rewrites, it records in an [`OffsetMap`] so that every span in the cleaned
//! text still points at the original bytes.

use serde::{Deserialize, Serialize};

use crate::ingest::{Format, Meta, Source};
use crate::span::{OffsetMap, Span};

mod decode;
mod furniture;
#[cfg(test)]
mod gold_tests;
mod html;
mod markdown;

pub use decode::decode;

/// What a kept block of text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockRole {
    /// A title or section heading: a line without final punctuation.
    Heading,
    /// Running text.
    Body,
}

/// A kept block (a paragraph or a heading) of the cleaned text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    pub span: Span,
    pub role: BlockRole,
}

/// A document ready for segmentation: cleaned text plus the way back to raw bytes.
#[derive(Clone, Debug)]
pub struct Document {
    pub id: String,
    pub path: String,
    pub format: Format,
    pub meta: Meta,
    /// Kept blocks joined by `\n`.
    pub text: String,
    /// From offsets in `text` to offsets in the file on disk.
    pub map: OffsetMap,
    /// The kept blocks, in order, in `text` coordinates.
    pub blocks: Vec<Block>,
    /// Raw byte ranges dropped as page furniture, for `claimdiff text --spans`.
    pub dropped: Vec<(u64, u64)>,
    /// Things a user should know about this document (a fallback encoding, say).
    pub warnings: Vec<String>,
}

impl Document {
    /// The raw byte range (in the file on disk) of a span of cleaned text.
    pub fn raw_span(&self, span: Span) -> (u64, u64) {
        self.map.to_raw(span)
    }
}

/// One non-empty line of prepared text, trimmed of white space.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    pub span: Span,
    /// A blank line (or the start of the text) comes before it.
    pub blank_before: bool,
    /// Markup said it is a heading (Markdown `#`).
    pub heading: bool,
    /// Markup said it is a list item (its marker is already removed).
    pub list: bool,
}

/// The non-empty lines of `text`, trimmed; `\r\n`, `\n` and a lone `\r` all end a line.
pub(crate) fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut blank_before = true;
    let bytes = text.as_bytes();
    let mut start = 0usize;
    loop {
        let end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let line = &text[start..end];
        let lead = line.len() - line.trim_start().len();
        let body = line.trim();
        if body.is_empty() {
            blank_before = true;
        } else {
            out.push(Line {
                span: Span::new(start + lead, start + lead + body.len()),
                blank_before,
                heading: false,
                list: false,
            });
            blank_before = false;
        }
        if end == bytes.len() {
            return out;
        }
        let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
        start = end + 1 + usize::from(crlf);
    }
}

/// Cleans one source.
pub fn clean(source: &Source) -> Document {
    let (decoded, decoded_map, warnings) = match source.format {
        Format::Html => html::decode(&source.raw, source.base),
        _ => decode(&source.raw, source.base),
    };
    let mut doc = Document {
        id: source.id.clone(),
        path: source.path.clone(),
        format: source.format,
        meta: source.meta.clone(),
        text: String::new(),
        map: OffsetMap::new(),
        blocks: Vec::new(),
        dropped: Vec::new(),
        warnings,
    };
    let (text, map, prepared_lines) = match source.format {
        Format::Markdown => {
            let stripped = markdown::strip(&decoded, &decoded_map);
            for span in &stripped.dropped {
                push_dropped(&mut doc.dropped, decoded_map.to_raw(*span));
            }
            let meta = stripped.meta;
            fill(&mut doc.meta.outlet, meta.outlet);
            fill(&mut doc.meta.title, meta.title);
            fill(&mut doc.meta.date, meta.date);
            fill(&mut doc.meta.url, meta.url);
            (stripped.text, stripped.map, stripped.lines)
        }
        Format::JsonString => {
            let (text, map) = decode::json_unescape(&decoded, &decoded_map);
            let found = lines(&text);
            (text, map, found)
        }
        Format::Html => {
            let page = html::extract(&decoded, &decoded_map);
            for range in page.dropped {
                push_dropped(&mut doc.dropped, range);
            }
            doc.warnings.extend(page.warnings);
            fill(&mut doc.meta.outlet, page.meta.outlet);
            fill(&mut doc.meta.title, page.meta.title);
            fill(&mut doc.meta.date, page.meta.date);
            fill(&mut doc.meta.url, page.meta.url);
            (page.text, page.map, page.lines)
        }
        Format::Text => {
            let found = lines(&decoded);
            (decoded, decoded_map, found)
        }
    };
    let verdicts = match source.format {
        // The page's markup already told furniture from article.
        Format::Html => html::roles(&prepared_lines),
        _ => furniture::classify(&text, &prepared_lines),
    };
    for (line, verdict) in prepared_lines.iter().zip(verdicts) {
        let Some(role) = verdict else {
            push_dropped(&mut doc.dropped, map.to_raw(line.span));
            continue;
        };
        if !doc.text.is_empty() {
            let raw = map.raw_start(line.span.start);
            doc.map.push_replaced(1, raw, raw);
            doc.text.push('\n');
        }
        let clean_start = doc.text.len();
        doc.map.append_from(&map, line.span);
        doc.text.push_str(line.span.slice(&text));
        doc.blocks.push(Block {
            span: Span::new(clean_start, doc.text.len()),
            role,
        });
    }
    // Every document of a run is kept until the report is written: keep
    // what it holds, not the room its vectors grew into.
    doc.text.shrink_to_fit();
    doc.map.shrink_to_fit();
    doc.blocks.shrink_to_fit();
    doc.dropped.shrink_to_fit();
    doc
}

fn fill(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value;
    }
}

/// Records a dropped raw range, merging it with the previous one when they touch.
fn push_dropped(dropped: &mut Vec<(u64, u64)>, range: (u64, u64)) {
    if range.0 >= range.1 {
        return;
    }
    if let Some(last) = dropped.last_mut()
        && range.0 >= last.0
        && range.0 <= last.1 + 1
    {
        last.1 = last.1.max(range.1);
        return;
    }
    dropped.push(range);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(raw: &str) -> Source {
        Source {
            id: "d".into(),
            path: "d.txt".into(),
            format: Format::Text,
            raw: raw.as_bytes().to_vec(),
            base: 0,
            meta: Meta::default(),
        }
    }

    #[test]
    fn kept_text_maps_back_to_raw_bytes() {
        let raw = "Title here\n\n  First paragraph.\r\nSecond one.\n";
        let doc = clean(&source(raw));
        assert_eq!(doc.text, "Title here\nFirst paragraph.\nSecond one.");
        for block in &doc.blocks {
            let (s, e) = doc.raw_span(block.span);
            assert_eq!(&raw[s as usize..e as usize], block.span.slice(&doc.text));
        }
        assert_eq!(doc.blocks[0].role, BlockRole::Heading);
        assert_eq!(doc.blocks[1].role, BlockRole::Body);
    }

    /// The kept blocks of a plain-text page, after checking that each one
    /// is a verbatim copy of its raw bytes.
    #[track_caller]
    fn kept(raw: &str) -> Vec<String> {
        kept_as(raw, Format::Text)
    }

    #[track_caller]
    fn kept_as(raw: &str, format: Format) -> Vec<String> {
        let mut src = source(raw);
        src.format = format;
        let doc = clean(&src);
        for block in &doc.blocks {
            let text = block.span.slice(&doc.text);
            assert!(!text.contains(['\r', '\n']));
            if format == Format::Text {
                let (s, e) = doc.raw_span(block.span);
                assert_eq!(&raw[s as usize..e as usize], text);
            }
        }
        doc.blocks
            .iter()
            .map(|b| b.span.slice(&doc.text).to_string())
            .collect()
    }

    #[track_caller]
    fn assert_kept(page: &str, lines: &[&str]) {
        let kept = kept(page);
        for line in lines {
            assert!(
                kept.iter().any(|k| k == line),
                "{line:?} was dropped; kept: {kept:#?}"
            );
        }
    }

    #[track_caller]
    fn assert_dropped(page: &str, lines: &[&str]) {
        let kept = kept(page);
        for line in lines {
            assert!(
                !kept.iter().any(|k| k.contains(line)),
                "{line:?} was kept: {kept:#?}"
            );
        }
    }

    const LEDGER: &str = "THE NORTHERN LEDGER
Home | Politics | Climate | Arts
Log in | Register

Council approves new tram line after marathon debate

By Priya Lal
12 March 2024, 14:05 GMT

LEEDS \u{2014} The city council voted 41 to 19 on Monday to approve a new tram line.

\"We have waited long enough,\" said councillor Ann Boyd.

Funding Still Uncertain

The project will cost about \u{a3}1.2 billion, officials said.

Key figures:
\u{2022} 14 km of track
\u{2022} 22 stops

Fares Hit 10-Month High

Fares rose 4% last month, the operator said.

\u{201c}It is over.\u{201d}

Trending Now
\u{2022} Man rescued from canal after late-night swim
\u{2022} Five pubs to try this spring

Sign up to our morning briefing
12 Comments
Tom Reyes
";

    #[test]
    fn menus_mastheads_bylines_and_link_lists_go() {
        assert_dropped(
            LEDGER,
            &[
                "NORTHERN LEDGER",
                "Home | Politics",
                "Log in",
                "By Priya Lal",
                "12 March 2024",
                "Trending Now",
                "Man rescued",
                "Five pubs",
                "morning briefing",
                "12 Comments",
                "Tom Reyes",
            ],
        );
    }

    #[test]
    fn headline_subheading_and_short_quotes_stay() {
        assert_kept(
            LEDGER,
            &[
                "Council approves new tram line after marathon debate",
                "\"We have waited long enough,\" said councillor Ann Boyd.",
                "Funding Still Uncertain",
                "\u{201c}It is over.\u{201d}",
                "Key figures:",
                "\u{2022} 14 km of track",
                "Fares Hit 10-Month High",
                "The project will cost about \u{a3}1.2 billion, officials said.",
            ],
        );
        let mut src = source(LEDGER);
        src.format = Format::Text;
        let doc = clean(&src);
        let role = |t: &str| {
            doc.blocks
                .iter()
                .find(|b| b.span.slice(&doc.text) == t)
                .map(|b| b.role)
        };
        assert_eq!(
            role("Council approves new tram line after marathon debate"),
            Some(BlockRole::Heading)
        );
        assert_eq!(role("Funding Still Uncertain"), Some(BlockRole::Heading));
    }

    const APPEAL: &str = "Floods force hundreds from their homes in the valley

Floods hit the valley on Sunday, forcing 300 families from their homes, officials said.

\"We lost everything,\" said one resident, who asked not to be named.

Rescue teams worked through the night.

A note from our editor:
Dear reader,
Independent reporting costs money. If you value our work, please consider a contribution.
Every gift counts, and it takes a minute to set up.
Maybe later
Give monthly
";

    #[test]
    fn a_donation_appeal_goes_as_a_unit() {
        assert_dropped(
            APPEAL,
            &[
                "A note from",
                "Dear reader",
                "costs money",
                "Every gift",
                "Maybe later",
                "Give monthly",
            ],
        );
        assert_kept(
            APPEAL,
            &[
                "\"We lost everything,\" said one resident, who asked not to be named.",
                "Rescue teams worked through the night.",
            ],
        );
    }

    #[test]
    fn a_comment_widget_and_a_closing_byline_go() {
        let page = "Jury finds former mayor guilty of bribery

The jury found the former mayor guilty on all counts, prosecutors said.

He will be sentenced in May, the judge said.

Comments (4)
Join the conversation
John D. \u{b7} 2 hours ago
This is a travesty of justice and the jury got it wrong.
Marta Kowalski
";
        assert_dropped(
            page,
            &["Comments", "conversation", "John D.", "travesty", "Marta"],
        );
        assert_kept(page, &["He will be sentenced in May, the judge said."]);
    }

    #[test]
    fn notices_tickers_and_promotions_go() {
        let page = "We use cookies to improve your experience. Accept | Reject
NIKKEI 38,100 +1.2%  HANG SENG 17,020 -0.4%
Get our app: the best of the news on your phone

Markets rally as central bank holds rates

TOKYO \u{2014} Asian shares rose on Thursday after the central bank left rates unchanged, traders said.

Investors had expected a cut of 25 basis points, according to a poll of economists.

Copyright \u{a9} 2024 Example Media Ltd.
This article was updated at 3 p.m. with comment from the bank.
Topics: markets, rates
";
        assert_dropped(page, &["cookies", "NIKKEI", "Copyright", "Topics"]);
        assert_kept(
            page,
            &[
                "Markets rally as central bank holds rates",
                "Investors had expected a cut of 25 basis points, according to a poll of economists.",
            ],
        );
    }

    #[test]
    fn markdown_markup_and_front_matter() {
        let md = "---\ntitle: \"Plant closes\"\noutlet: Example Post\n---\n# Plant *closes* after 40 years\n\nThe plant [closed](https://x.example) on **Friday**, the company said.\r\n\n> \"It is a sad day,\" a worker said.\n";
        let mut src = source(md);
        src.format = Format::Markdown;
        let doc = clean(&src);
        assert_eq!(doc.meta.title.as_deref(), Some("Plant closes"));
        assert_eq!(doc.meta.outlet.as_deref(), Some("Example Post"));
        assert_eq!(
            doc.text,
            "Plant closes after 40 years\nThe plant closed on Friday, the company said.\n\"It is a sad day,\" a worker said."
        );
        assert_eq!(doc.blocks[0].role, BlockRole::Heading);
        for word in ["Plant", "closes", "closed", "Friday", "worker said."] {
            let at = doc.text.rfind(word).unwrap();
            let (s, e) = doc.raw_span(Span::new(at, at + word.len()));
            assert_eq!(&md[s as usize..e as usize], word);
        }
        assert!(!doc.dropped.is_empty());
    }

    #[test]
    fn json_strings_are_unescaped_and_cleaned() {
        let line = r#"{"id":"a","text":"Storm hits coast\n\nThe storm killed 3 people, officials said.\nHe said \"it was bad\" \u2014 very bad.\n\nSubscribe to our newsletter"}"#;
        let range = crate::ingest::top_level_string(line.as_bytes(), "text").unwrap();
        let src = Source {
            id: "a".into(),
            path: "a.jsonl".into(),
            format: Format::JsonString,
            raw: line.as_bytes()[range.clone()].to_vec(),
            base: range.start as u64,
            meta: Meta::default(),
        };
        let doc = clean(&src);
        assert_eq!(
            doc.text,
            "Storm hits coast\nThe storm killed 3 people, officials said.\nHe said \"it was bad\" \u{2014} very bad."
        );
        let at = doc.text.find("3 people").unwrap();
        let (s, e) = doc.raw_span(Span::new(at, at + 8));
        assert_eq!(&line[s as usize..e as usize], "3 people");
        let q = doc.text.find("\"it was bad\"").unwrap();
        let (s, e) = doc.raw_span(Span::new(q, q + 12));
        assert_eq!(&line[s as usize..e as usize], r#"\"it was bad\""#);
    }

    #[test]
    fn utf16_and_crlf_pages_clean_like_utf8() {
        let page = "Title of the story\r\n\r\nA first paragraph, with a sentence.\r\n";
        let mut raw = vec![0xFF, 0xFE];
        for u in page.encode_utf16() {
            raw.extend(u.to_le_bytes());
        }
        let src = Source {
            raw: raw.clone(),
            ..source("")
        };
        let doc = clean(&src);
        assert_eq!(
            doc.text,
            "Title of the story\nA first paragraph, with a sentence."
        );
        let (s, e) = doc.raw_span(doc.blocks[1].span);
        let back: Vec<u16> = raw[s as usize..e as usize]
            .chunks(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        assert_eq!(
            String::from_utf16(&back).unwrap(),
            "A first paragraph, with a sentence."
        );
    }

    #[test]
    fn html_is_read_as_text_without_panicking() {
        let doc = kept_as(
            "<html><body><p>One & two.</p>\r</body></html>",
            Format::Html,
        );
        assert!(!doc.is_empty());
    }

    #[test]
    fn a_stray_non_utf8_byte_reads_as_latin1_with_a_warning() {
        let (text, map, warnings) = decode(b"ab\xFFcd", 10);
        assert_eq!(text, "ab\u{FF}cd");
        assert_eq!(warnings.len(), 1);
        assert_eq!(map.to_raw(Span::new(4, 6)), (13, 15));
    }
}
