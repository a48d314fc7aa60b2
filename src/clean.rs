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
    let mut line_start = 0usize;
    for line in decoded.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let body = content.trim();
        if body.is_empty() {
            continue;
        }
        let from = start + lead;
        let to = from + body.len();
        if !doc.text.is_empty() {
            let raw = decoded_map.raw_start(from as u32);
            doc.map.push_replaced(1, raw, raw);
            doc.text.push('\n');
        }
        let clean_start = doc.text.len();
        doc.map.append_from(&decoded_map, Span::new(from, to));
        doc.text.push_str(body);
        let role = if body.ends_with(['.', '!', '?', '"', '\u{201d}', ':']) {
            BlockRole::Body
        } else {
            BlockRole::Heading
        };
        doc.blocks.push(Block {
            span: Span::new(clean_start, doc.text.len()),
            role,
        });
    }
    doc
}

/// Decodes raw bytes to text with a map from text offsets to raw offsets
/// (shifted by `base`). Invalid UTF-8 sequences become U+FFFD and map to
/// the bytes they replace.
pub fn decode(raw: &[u8], base: u64) -> (String, OffsetMap, Vec<String>) {
    let mut text = String::with_capacity(raw.len());
    let mut map = OffsetMap::new();
    let mut warnings = Vec::new();
    let mut rest = raw;
    let mut at = base;
    if let Some(stripped) = rest.strip_prefix(b"\xEF\xBB\xBF") {
        rest = stripped;
        at += 3;
    }
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                map.push_verbatim(s.len(), at);
                text.push_str(s);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // SAFETY-free: `from_utf8` just said this prefix is valid.
                let s = std::str::from_utf8(&rest[..good]).unwrap_or_default();
                map.push_verbatim(good, at);
                text.push_str(s);
                let bad = e.error_len().unwrap_or(rest.len() - good);
                map.push_replaced(
                    '\u{FFFD}'.len_utf8(),
                    at + good as u64,
                    at + (good + bad) as u64,
                );
                text.push('\u{FFFD}');
                if warnings.is_empty() {
                    warnings.push(format!(
                        "invalid UTF-8 at byte {}; bad bytes were replaced by U+FFFD",
                        at + good as u64
                    ));
                }
                rest = &rest[good + bad..];
                at += (good + bad) as u64;
            }
        }
    }
    (text, map, warnings)
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
    fn invalid_utf8_is_replaced_with_a_warning() {
        let (text, map, warnings) = decode(b"ab\xFFcd", 10);
        assert_eq!(text, "ab\u{FFFD}cd");
        assert_eq!(warnings.len(), 1);
        assert_eq!(map.to_raw(Span::new(5, 7)), (13, 15));
    }
}
