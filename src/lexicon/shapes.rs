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

    /// Whether a word of the set may have the shape `shape`.
    #[inline]
    pub fn may_have_shape(&self, shape: Shape) -> bool {
        self.has(shape.0)
    }

    #[inline]
    fn has(&self, bit: usize) -> bool {
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// The shape of one word: computed once, it asks several filters (every
/// [`Shapes`] reads the same bits).
#[derive(Clone, Copy, Debug)]
pub struct Shape(usize);

impl Shape {
    /// The shape of `word` as it is, or `None` for the empty word.
    #[inline]
    pub fn of(word: &[u8]) -> Option<Shape> {
        bit(word).map(Shape)
    }

    /// The shape of an ASCII `word` lowercased, or `None` for the empty
    /// word: the three bytes a shape reads are lowercased on the way, so no
    /// lowercase copy is made.
    #[inline]
    pub fn of_lowercase(word: &[u8]) -> Option<Shape> {
        debug_assert!(word.is_ascii());
        Some(Shape(shape_bit(
            word.len(),
            lowercase_packed(packed(word)?),
        )))
    }
}

/// The bit of `word`'s shape.
#[inline]
fn bit(word: &[u8]) -> Option<usize> {
    Some(shape_bit(word.len(), packed(word)?))
}

/// A word's first, second and last bytes as one number (the second 0 for
/// a one-byte word), or `None` for the empty word.
#[inline]
fn packed(word: &[u8]) -> Option<u32> {
    let (&first, &last) = (word.first()?, word.last()?);
    let second = word.get(1).copied().unwrap_or(0);
    Some(u32::from(first) << 16 | u32::from(second) << 8 | u32::from(last))
}

/// One in each byte of [`packed`].
const LANES: u32 = 0x0001_0101;

/// ASCII bytes [`packed`] with their capitals lowercased all at once. Added
/// to an ASCII byte (below 0x80), 0x80 - 'A' carries into the byte's top bit
/// from 'A' up, and 0x80 - '[' from the byte after 'Z' up, never into the
/// next byte: the capitals are the bytes with the first bit and not the
/// second, and setting 0x20 lowercases them.
#[inline]
fn lowercase_packed(bytes: u32) -> u32 {
    let from_a = bytes + LANES * (0x80 - u32::from(b'A'));
    let after_z = bytes + LANES * (0x80 - u32::from(b'Z') - 1);
    let capitals = from_a & !after_z & (LANES * 0x80);
    bytes | capitals >> 2
}

/// The bit of a word's shape from its length and [`packed`] bytes.
#[inline]
fn shape_bit(len: usize, bytes: u32) -> usize {
    // The length's low byte is enough to tell words apart.
    let key = ((len & 0xff) as u32) << 24 | bytes;
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
            let shape = Shape::of_lowercase(word.as_bytes()).expect("a word has a shape");
            assert_eq!(
                shapes.may_have_shape(shape),
                shapes.may_have(&word.to_ascii_lowercase()),
                "{word}"
            );
        }
        assert!(Shape::of_lowercase(b"").is_none());
    }

    #[test]
    fn a_shape_asks_as_its_word() {
        let shapes = Shapes::of(["about", "h\u{e9}lf"]);
        for word in ["about", "h\u{e9}lf", "About", "the", "x"] {
            let shape = Shape::of(word.as_bytes()).expect("a word has a shape");
            assert_eq!(
                shapes.may_have_shape(shape),
                shapes.may_have(word),
                "{word}"
            );
        }
        assert!(Shape::of(b"").is_none());
    }

    #[test]
    fn packed_bytes_lowercase_as_each_byte() {
        for byte in 0..0x80u8 {
            for other in [0, b'a', b'Z', 0x7f] {
                let word = [byte, other, byte];
                let lower = word.map(|b| b.to_ascii_lowercase());
                let key = packed(&word).expect("three bytes");
                assert_eq!(lowercase_packed(key), packed(&lower).expect("three bytes"));
            }
        }
    }
}
