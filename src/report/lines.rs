//! Lines and columns of byte offsets, computed only when a format needs them.
//!
//! Claims carry byte offsets into the file on disk; SARIF and GitHub
//! annotations want 1-based lines and columns. Like ruff's `LineIndex`, the
//! line starts are found once per file and each offset is then a binary
//! search plus a count of the characters before it on its line.

/// A 1-based line and column. Columns count Unicode scalar values, so a
/// column means the same in every editor whatever the encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Line starts of one file.
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    bytes: &'a [u8],
    /// Byte offset of the first byte of each line; `starts[0]` is 0.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `bytes`, the file exactly as it is on disk.
    pub fn new(bytes: &'a [u8]) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(memchr_all(bytes).map(|i| i + 1));
        LineIndex { bytes, starts }
    }

    /// The line and column of byte `offset`; an offset past the end is
    /// clamped to the end. A column inside a multi-byte character counts
    /// that character as started.
    pub fn line_col(&self, offset: u64) -> LineCol {
        let offset = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts[line];
        // Count characters: every byte that does not continue a UTF-8 sequence.
        let chars = self.bytes[start..offset]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count();
        LineCol {
            line: line + 1,
            column: chars + 1,
        }
    }
}

fn memchr_all(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based() {
        let text = "ab\ncd\n\nef";
        let index = LineIndex::new(text.as_bytes());
        assert_eq!(index.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(index.line_col(2), LineCol { line: 1, column: 3 });
        assert_eq!(index.line_col(3), LineCol { line: 2, column: 1 });
        assert_eq!(index.line_col(7), LineCol { line: 4, column: 1 });
        assert_eq!(index.line_col(9), LineCol { line: 4, column: 3 });
        assert_eq!(index.line_col(99), LineCol { line: 4, column: 3 });
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "“Quote” 28 points";
        let at = text.find("28").unwrap_or_default();
        let index = LineIndex::new(text.as_bytes());
        assert_eq!(index.line_col(at as u64), LineCol { line: 1, column: 9 });
    }
}
