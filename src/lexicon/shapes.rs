//! A filter of words by their shape, asked before a set of words is hashed.

/// How many bits a [`Shapes`] filter has.
// A larger table would let fewer words through; at 16,384 bits (2 KiB) a
// set of a thousand shapes still passes only a few percent of other words.
const BITS: usize = 16384;

/// A filter of words by their shape (length, first two bytes and last
/// byte), each shape one bit of a small table: a word whose shape no word
/// of a set has is not in the set. A few shifts and one load say no to
/// nearly every token of running text, where hashing the token to look it
/// up would cost several times more.
#[derive(Clone, Debug, PartialEq)]
pub struct Shapes(Box<[u64; BITS / 64]>);

impl Default for Shapes {
    fn default() -> Self {
        Shapes(Box::new([0; BITS / 64]))
    }
}

impl Shapes {
    pub fn of<'a>(words: impl IntoIterator<Item = &'a str>) -> Shapes {
        let mut shapes = Shapes::default();
        for word in words {
            shapes.insert(word);
        }
        shapes
    }

    pub fn insert(&mut self, word: &str) {
        if let Some(bit) = bit(word.as_bytes()) {
            self.0[bit / 64] |= 1 << (bit % 64);
        }
    }

    /// Whether a word of the set may be `word`.
    #[inline]
    pub fn may_have(&self, word: &str) -> bool {
        bit(word.as_bytes()).is_some_and(|bit| self.has(bit))
    }

    /// Whether a word of the set may be `word` lowercased, for an ASCII
    /// `word`: a shape reads only the length and three bytes, which are
    /// lowercased on the way, so no lowercase copy is made to ask.
    #[inline]
    pub fn may_have_lowercase(&self, word: &str) -> bool {
        debug_assert!(word.is_ascii());
        let bytes = word.as_bytes();
        let lower = |i: usize| bytes.get(i).map(u8::to_ascii_lowercase);
        let (Some(first), Some(last)) = (lower(0), lower(bytes.len().wrapping_sub(1))) else {
            return false;
        };
        self.has(shape_bit(bytes.len(), first, lower(1).unwrap_or(0), last))
    }

    #[inline]
    fn has(&self, bit: usize) -> bool {
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// The bit of `word`'s shape.
#[inline]
fn bit(word: &[u8]) -> Option<usize> {
    let (&first, &last) = (word.first()?, word.last()?);
    let second = word.get(1).copied().unwrap_or(0);
    Some(shape_bit(word.len(), first, second, last))
}

/// The bit of a word's shape from its length and first, second and last bytes.
#[inline]
fn shape_bit(len: usize, first: u8, second: u8, last: u8) -> usize {
    // The length's low byte is enough to tell words apart.
    let len = (len & 0xff) as u32;
    let key = len << 24 | u32::from(first) << 16 | u32::from(second) << 8 | u32::from(last);
    // Fibonacci hashing: the top bits of the product mix every byte.
    (key.wrapping_mul(0x9e37_79b9) >> (32 - BITS.trailing_zeros())) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_words_pass_and_most_others_do_not() {
        let shapes = Shapes::of(["about", "half", "$"]);
        assert!(shapes.may_have("about") && shapes.may_have("half") && shapes.may_have("$"));
        assert!(!shapes.may_have(""));
        let passed = [
            "the", "of", "and", "to", "in", "said", "was", "for", "on", "that",
        ]
        .iter()
        .filter(|w| shapes.may_have(w))
        .count();
        assert!(passed <= 1);
    }

    #[test]
    fn lowercase_asks_as_the_lowercased_word() {
        let shapes = Shapes::of(["about", "half", "a"]);
        for word in ["About", "HALF", "A", "the", "Said", "x"] {
            assert_eq!(
                shapes.may_have_lowercase(word),
                shapes.may_have(&word.to_ascii_lowercase()),
                "{word}"
            );
        }
        assert!(!shapes.may_have_lowercase(""));
    }
}
