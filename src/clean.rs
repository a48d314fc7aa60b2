//! Cleaning: raw bytes become the text the pipeline reads, without page furniture.
//!
//! Clean owns decoding (UTF-8, a BOM, UTF-16, a Latin-1 fallback), format
//! handling (Markdown front matter and markup, JSON string escapes, HTML),
//! and the removal of page furniture: menus, "Most Read" lists, subscription
//! and donation appeals, comment widgets, a lone byline. Whatever it drops or
//! rewrites, it records in an [`OffsetMap`] so that every span in the cleaned
//! text still points at the original bytes.

use serde::Serialize;

use crate::ingest::{Format, Meta, Source};
use crate::span::{OffsetMap, Span};

mod decode;
mod furniture;
#[cfg(test)]
mod gold_tests;
mod markdown;

pub use decode::decode;

/// What a kept block of text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
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
    let mut i = 0usize;
    while i <= bytes.len() {
        let at_end = i == bytes.len();
        if at_end || bytes[i] == b'\n' || bytes[i] == b'\r' {
            let line = &text[start..i];
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
            if !at_end && bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    out
}

/// Cleans one source.
pub fn clean(source: &Source) -> Document {
    let (decoded, decoded_map, warnings) = decode(&source.raw, source.base);
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
        // HTML gets its own reader later; until then it is read as plain text.
        Format::Text | Format::Html => {
            let found = lines(&decoded);
            (decoded, decoded_map, found)
        }
    };
    let verdicts = furniture::classify(&text, &prepared_lines);
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

    #[test]
    fn a_stray_non_utf8_byte_reads_as_latin1_with_a_warning() {
        let (text, map, warnings) = decode(b"ab\xFFcd", 10);
        assert_eq!(text, "ab\u{FF}cd");
        assert_eq!(warnings.len(), 1);
        assert_eq!(map.to_raw(Span::new(4, 6)), (13, 15));
    }
}
