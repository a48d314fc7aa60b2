//! Byte spans and the offset map from cleaned text back to the file on disk.
//!
//! Every claim is located twice: by a [`Span`] into the cleaned text that the
//! later stages read, and (through an [`OffsetMap`]) by a span into the bytes
//! of the input file exactly as it is on disk. The second is what users see.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end`.
///
/// Offsets are `u32` to keep claims compact: one document (or one file for
/// JSONL) is limited to 4 GiB, which ingest enforces.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// Creates a span; `start` must not exceed `end`, and both must fit in `u32`.
    #[track_caller]
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "span start {start} is after its end {end}");
        let start = u32::try_from(start).expect("offset beyond 4 GiB");
        let end = u32::try_from(end).expect("offset beyond 4 GiB");
        Span { start, end }
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The text this span covers in `text`.
    pub fn slice(self, text: &str) -> &str {
        &text[self.range()]
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// One piece of cleaned text and where it came from.
///
/// A verbatim piece is a byte-for-byte copy of the raw bytes at `raw`; any
/// other piece (a decoded entity, an escape sequence, a synthetic separator)
/// maps as a whole onto its raw range, which may be empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    clean: u32,
    raw: u64,
    raw_end: u64,
    verbatim: bool,
}

/// Maps byte offsets in cleaned text to byte offsets in the raw file.
///
/// Built by appending pieces in order while the cleaned text is written.
/// Lookups are binary searches, so mapping a span is `O(log pieces)`.
#[derive(Clone, Debug, Default)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
    len: u32,
}

impl OffsetMap {
    pub fn new() -> OffsetMap {
        OffsetMap::default()
    }

    /// Length of the cleaned text mapped so far.
    pub fn clean_len(&self) -> usize {
        self.len as usize
    }

    /// Records that the next `len` bytes of cleaned text are a verbatim copy
    /// of the raw bytes starting at `raw`.
    pub fn push_verbatim(&mut self, len: usize, raw: u64) {
        if len == 0 {
            return;
        }
        let clean = self.len;
        if let Some(last) = self.pieces.last_mut() {
            let last_len = u64::from(clean - last.clean);
            if last.verbatim && last.raw + last_len == raw {
                last.raw_end = raw + len as u64;
                self.len += len as u32;
                return;
            }
        }
        self.pieces.push(Piece {
            clean,
            raw,
            raw_end: raw + len as u64,
            verbatim: true,
        });
        self.len += u32::try_from(len).expect("cleaned text beyond 4 GiB");
    }

    /// The pieces in order, each as `(len, raw, raw_end, verbatim)`: what
    /// [`OffsetMap::push_verbatim`] and [`OffsetMap::push_replaced`] were
    /// given, so that a map can be written out and built again.
    pub fn pieces(&self) -> impl Iterator<Item = (usize, u64, u64, bool)> + '_ {
        self.pieces.iter().enumerate().map(|(i, p)| {
            let end = self.pieces.get(i + 1).map_or(self.len, |n| n.clean);
            ((end - p.clean) as usize, p.raw, p.raw_end, p.verbatim)
        })
    }

    /// Records that the next `len` bytes of cleaned text stand for the raw
    /// range `raw..raw_end` as a whole (an entity, an escape, a separator).
    pub fn push_replaced(&mut self, len: usize, raw: u64, raw_end: u64) {
        if len == 0 {
            return;
        }
        self.pieces.push(Piece {
            clean: self.len,
            raw,
            raw_end,
            verbatim: false,
        });
        self.len += u32::try_from(len).expect("cleaned text beyond 4 GiB");
    }

    /// Gives back the room the pieces were growing into.
    pub fn shrink_to_fit(&mut self) {
        self.pieces.shrink_to_fit();
    }

    fn piece_at(&self, pos: u32) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.clean <= pos);
        i.checked_sub(1).map(|i| &self.pieces[i])
    }

    /// Raw offset of the cleaned-text position `pos`, read as a start.
    pub fn raw_start(&self, pos: u32) -> u64 {
        match self.piece_at(pos) {
            Some(p) if p.verbatim => p.raw + u64::from(pos - p.clean),
            Some(p) => p.raw,
            None => 0,
        }
    }

    /// Raw offset of the cleaned-text position `pos`, read as an exclusive end.
    pub fn raw_end(&self, pos: u32) -> u64 {
        if pos == 0 {
            return self.raw_start(0);
        }
        match self.piece_at(pos - 1) {
            Some(p) if p.verbatim => p.raw + u64::from(pos - p.clean),
            Some(p) => p.raw_end,
            None => 0,
        }
    }

    /// The raw byte range a cleaned-text span came from.
    pub fn to_raw(&self, span: Span) -> (u64, u64) {
        let start = self.raw_start(span.start);
        let end = self.raw_end(span.end).max(start);
        (start, end)
    }
}

impl OffsetMap {
    /// Appends the pieces of `other` that cover `range` (in `other`'s cleaned
    /// coordinates), so that a map built over decoded text can be composed
    /// into the map of the text kept from it.
    pub fn append_from(&mut self, other: &OffsetMap, range: Span) {
        let mut pos = range.start;
        while pos < range.end {
            let i = other.pieces.partition_point(|p| p.clean <= pos) - 1;
            let p = other.pieces[i];
            let piece_end = other
                .pieces
                .get(i + 1)
                .map_or(other.len, |n| n.clean)
                .min(range.end);
            let len = (piece_end - pos) as usize;
            if p.verbatim {
                self.push_verbatim(len, p.raw + u64::from(pos - p.clean));
            } else {
                self.push_replaced(len, p.raw, p.raw_end);
            }
            pos = piece_end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_pieces_map_linearly_and_merge() {
        let mut map = OffsetMap::new();
        map.push_verbatim(5, 10);
        map.push_verbatim(3, 15);
        assert_eq!(map.pieces.len(), 1, "adjacent verbatim pieces merge");
        assert_eq!(map.to_raw(Span::new(2, 7)), (12, 17));
    }

    #[test]
    fn replaced_pieces_map_as_a_whole() {
        // Cleaned "a&b" from raw "a&amp;b".
        let mut map = OffsetMap::new();
        map.push_verbatim(1, 0);
        map.push_replaced(1, 1, 6);
        map.push_verbatim(1, 6);
        assert_eq!(map.to_raw(Span::new(0, 3)), (0, 7));
        assert_eq!(map.to_raw(Span::new(1, 2)), (1, 6));
        assert_eq!(map.to_raw(Span::new(2, 3)), (6, 7));
    }

    #[test]
    fn a_gap_between_blocks_is_skipped() {
        // Cleaned "ab\ncd" from raw "ab<furniture>\ncd" where the separator is synthetic.
        let mut map = OffsetMap::new();
        map.push_verbatim(2, 0);
        map.push_replaced(1, 13, 14);
        map.push_verbatim(2, 14);
        assert_eq!(map.to_raw(Span::new(3, 5)), (14, 16));
        assert_eq!(map.to_raw(Span::new(0, 2)), (0, 2));
    }

    #[test]
    fn span_helpers() {
        let a = Span::new(2, 6);
        let b = Span::new(5, 9);
        assert!(a.overlaps(b));
        assert!(!a.overlaps(Span::new(6, 8)));
        assert_eq!(a.cover(b), Span::new(2, 9));
        assert!(a.cover(b).contains(a));
        assert_eq!(Span::new(1, 3).slice("abcd"), "bc");
    }
}
