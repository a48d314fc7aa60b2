//! Segmentation: sentences and tokens, each carrying a [`Span`] into the cleaned text.
//!
//! Sentences never cross a block (paragraph or heading) boundary, so a
//! headline without final punctuation is a sentence of its own. A period
//! after a known abbreviation ("Gov.", "Jan.", "a.m."), after an initial
//! ("J. Smith") or inside a dotted acronym ("U.S.") does not end a sentence
//! unless a typical sentence opener follows.

use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

use crate::clean::{BlockRole, Document};
use crate::span::Span;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with digits, inner apostrophes or dots ("U.S.", "Russia's").
    Word,
    /// Digits with inner separators or a decimal point ("1,200", "4.2").
    Number,
    /// Anything else, one character at a time.
    Punct,
}

/// A token of the cleaned text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// No white space between this token and the previous one ("27" "-" "point").
    pub joined: bool,
}

impl Token {
    pub fn text(self, text: &str) -> &str {
        self.span.slice(text)
    }
}

/// A sentence of the cleaned text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index of the block it belongs to.
    pub block: u32,
    /// Whether that block is a heading.
    pub heading: bool,
}

/// Abbreviations (without their final period) after which a period does not end a sentence.
/// Lowercased, as bytes, looked up with the bytes of a word lowercased on the stack.
fn abbreviations() -> &'static HashSet<Box<[u8]>> {
    static SET: OnceLock<HashSet<Box<[u8]>>> = OnceLock::new();
    SET.get_or_init(|| {
        crate::lexicon::words(include_str!("lexicon/abbreviations.txt"))
            .map(|word| word.to_lowercase().into_bytes().into_boxed_slice())
            .collect()
    })
}

/// Words that open a sentence often enough to split after a dotted acronym.
fn openers() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| crate::lexicon::words(include_str!("lexicon/openers.txt")).collect())
}

/// News text averages well over this many bytes per sentence: a vector of
/// as many sentences as a document's bytes over it rarely grows.
const BYTES_PER_SENTENCE: usize = 128;

/// Splits every block of the document into sentences.
pub fn sentences(doc: &Document) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(doc.text.len() / BYTES_PER_SENTENCE);
    for (index, block) in doc.blocks.iter().enumerate() {
        let heading = block.role == BlockRole::Heading;
        split_into(&doc.text, block.span, |span| {
            out.push(Sentence {
                span,
                block: index as u32,
                heading,
            });
        });
    }
    out
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}' | '\u{bb}'
    )
}

/// Sentences of one block of `text`.
pub fn split_block(text: &str, block: Span) -> Vec<Span> {
    let mut out = Vec::new();
    split_into(text, block, |span| out.push(span));
    out
}

/// The searcher for `…`, made once: making one costs more than most searches.
fn ellipses() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new("\u{2026}"))
}

/// [`split_block`], each sentence given to `emit` in order.
fn split_into(text: &str, block: Span, mut emit: impl FnMut(Span)) {
    let s = block.slice(text);
    let base = block.start as usize;
    let mut start = 0usize;
    // Byte offsets, always on character boundaries.
    let mut i = 0;
    // Only terminators matter, and they are found with memchr: the ASCII
    // ones at each step, the next `…` once and again only when passed.
    let bytes = s.as_bytes();
    let ellipses = ellipses();
    let mut ellipsis = ellipses.find(bytes);
    loop {
        if ellipsis.is_some_and(|e| e < i) {
            ellipsis = ellipses.find(&bytes[i..]).map(|k| i + k);
        }
        let ascii = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]).map(|k| i + k);
        i = match (ascii, ellipsis) {
            (Some(a), Some(e)) => a.min(e),
            (Some(next), None) | (None, Some(next)) => next,
            (None, None) => break,
        };
        let c = char_at(s, i);
        // Extend over repeated terminators and closing quotes or brackets.
        let mut end = i + c.len_utf8();
        let mut next = None;
        while end < s.len() {
            let d = char_at(s, end);
            if !(matches!(d, '.' | '!' | '?') || is_closer(d)) {
                next = Some(d);
                break;
            }
            end += d.len_utf8();
        }
        let followed_by_space = next.is_some_and(char::is_whitespace);
        if followed_by_space && c == '.' && !ends_sentence(s, i, end) {
            i = end;
            continue;
        }
        if end == s.len() || followed_by_space {
            emit_trimmed(&mut emit, s, base, start, end);
            start = end;
        }
        i = end;
    }
    emit_trimmed(&mut emit, s, base, start, s.len());
}

/// Gives `emit` the span of `s[start..end]` without white space around it,
/// unless nothing else is left.
fn emit_trimmed(emit: &mut impl FnMut(Span), s: &str, base: usize, start: usize, end: usize) {
    let piece = &s[start..end];
    let unled = trim_start(piece);
    let lead = piece.len() - unled.len();
    let trimmed = trim_end(unled);
    if !trimmed.is_empty() {
        let from = base + start + lead;
        emit(Span::new(from, from + trimmed.len()));
    }
}

/// [`str::trim_start`], with ASCII white space skipped byte by byte: only a
/// character that is not ASCII is decoded.
fn trim_start(s: &str) -> &str {
    let ascii = s.bytes().take_while(|&b| is_ascii_space(b)).count();
    let rest = &s[ascii..];
    match rest.as_bytes().first() {
        Some(b) if !b.is_ascii() => rest.trim_start(),
        _ => rest,
    }
}

/// [`str::trim_end`], with ASCII white space skipped byte by byte.
fn trim_end(s: &str) -> &str {
    let ascii = s.bytes().rev().take_while(|&b| is_ascii_space(b)).count();
    let rest = &s[..s.len() - ascii];
    match rest.as_bytes().last() {
        Some(b) if !b.is_ascii() => rest.trim_end(),
        _ => rest,
    }
}

/// Longest word lowercased on the stack by [`is_abbreviation`].
const SHORT_ABBREVIATION: usize = 16;

/// Whether a word is a known abbreviation, in any case. A short ASCII
/// word, as most are, is lowercased on the stack.
fn is_abbreviation(word: &str) -> bool {
    if !word.is_ascii() || word.len() > SHORT_ABBREVIATION {
        return abbreviations().contains(word.to_lowercase().as_bytes());
    }
    let mut buffer = [0u8; SHORT_ABBREVIATION];
    let lower = &mut buffer[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    abbreviations().contains(&*lower)
}

/// Does the period at byte `dot` of `s` end a sentence? `after` is where the
/// terminator (with closing quotes) ends.
fn ends_sentence(s: &str, dot: usize, after: usize) -> bool {
    let before = &s[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '\u{201c}' | '['))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    let next: &str = s[after..].trim_start();
    let starts_upper = next
        .chars()
        .find(|c| !matches!(c, '"' | '\u{201c}' | '\'' | '\u{2018}' | '(' | '['))
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if !starts_upper {
        return false;
    }
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let dotted = word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4;
    let known = is_abbreviation(word);
    if single_initial || known || dotted {
        let next_word = next
            .find(|c: char| !(c.is_alphanumeric() || c == '\''))
            .map_or(next, |end| &next[..end]);
        return openers().contains(next_word);
    }
    true
}

/// News text averages five or six bytes per token: a vector of a
/// quarter as many tokens as bytes holds most texts' tokens without growing.
pub const BYTES_PER_TOKEN: usize = 4;

/// Tokens of the cleaned text within `span`.
pub fn tokens(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::with_capacity(span.len() / BYTES_PER_TOKEN);
    tokens_into(text, span, &mut out);
    out
}

/// [`tokens`], appended to `out`: the tokens of many sentences in one vector.
pub fn tokens_into(text: &str, span: Span, out: &mut Vec<Token>) {
    let s = span.slice(text);
    // Offsets within the span fit in `u32`, as the span's own do.
    let base = span.start;
    let bytes = s.as_bytes();
    let mut i = 0usize;
    let mut joined = false;
    while i < s.len() {
        let b = bytes[i];
        // ASCII, most of news text, is told apart by its byte.
        let (end, kind) = if b.is_ascii() {
            if is_ascii_space(b) {
                joined = false;
                i += 1;
                continue;
            }
            if b.is_ascii_digit() {
                (number_end(bytes, i), TokenKind::Number)
            } else if b.is_ascii_alphabetic() {
                (word_end(s, i), TokenKind::Word)
            } else {
                (i + 1, TokenKind::Punct)
            }
        } else {
            let c = char_at(s, i);
            if c.is_whitespace() {
                joined = false;
                i += c.len_utf8();
                continue;
            }
            if c.is_alphabetic() {
                (word_end(s, i), TokenKind::Word)
            } else {
                (i + c.len_utf8(), TokenKind::Punct)
            }
        };
        out.push(Token {
            span: Span {
                start: base + i as u32,
                end: base + end as u32,
            },
            kind,
            joined,
        });
        joined = true;
        i = end;
    }
}

/// [`char::is_whitespace`] for an ASCII byte.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// Which bytes are ASCII letters or digits: one load each, where
/// `u8::is_ascii_alphanumeric` takes three comparisons, in the loops over
/// a word's bytes (here and in `clean::furniture`).
pub(crate) static ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// End of a number starting at `i`: digits, with `,` or `.` between digits.
fn number_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        let digit = b[i].is_ascii_digit();
        let separator = matches!(b[i], b',' | b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        if digit || separator {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// The character starting at byte `i` of `s` (a char boundary), decoded
/// directly when it is ASCII, as most characters of news text are.
fn char_at(s: &str, i: usize) -> char {
    match s.as_bytes()[i] {
        b if b.is_ascii() => char::from(b),
        _ => s[i..].chars().next().unwrap_or(' '),
    }
}

/// End of a word starting at `i`: letters and digits, with inner apostrophes
/// ("Russia's") and the dots of an acronym ("U.S.").
#[inline]
fn word_end(s: &str, start: usize) -> usize {
    // Most words are ASCII letters and digits up to a space or a
    // punctuation mark other than an apostrophe or a dot.
    let bytes = s.as_bytes();
    let mut at = start;
    while at < bytes.len() && ASCII_ALNUM[usize::from(bytes[at])] {
        at += 1;
    }
    match bytes.get(at) {
        Some(&b) if !b.is_ascii() || matches!(b, b'\'' | b'.') => word_end_any(s, start),
        _ => at,
    }
}

/// [`word_end`] of any word. Kept out of line so that the common case
/// inlines into the token loop.
#[inline(never)]
fn word_end_any(s: &str, start: usize) -> usize {
    let mut end = start;
    let mut at = start;
    let mut dotted = false;
    let bytes = s.as_bytes();
    while at < s.len() {
        // ASCII letters and digits, most of a word, need no look ahead.
        if ASCII_ALNUM[usize::from(bytes[at])] {
            at += 1;
            while at < bytes.len() && ASCII_ALNUM[usize::from(bytes[at])] {
                at += 1;
            }
            end = at;
            continue;
        }
        // Any other ASCII byte but an apostrophe or a dot ends the word.
        if bytes[at].is_ascii() && !matches!(bytes[at], b'\'' | b'.') {
            break;
        }
        let c = char_at(s, at);
        let after = at + c.len_utf8();
        let next = (after < s.len()).then(|| char_at(s, after));
        if c.is_alphanumeric() {
            end = after;
        } else if matches!(c, '\'' | '\u{2019}') {
            match next {
                Some(n) if n.is_alphabetic() => end = after,
                _ => break,
            }
        } else if c == '.' {
            // "U.S." and "a.m.": single letters separated by dots.
            let word = &s[start..at];
            let last_run = word.rsplit('.').next().unwrap_or("");
            if last_run.chars().count() == 1 && next.is_some_and(char::is_alphabetic) {
                dotted = true;
                end = at + 1;
            } else if dotted && last_run.chars().count() == 1 {
                end = at + 1;
                break;
            } else {
                break;
            }
        } else {
            break;
        }
        at = after;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        split_block(s, Span::new(0, s.len()))
            .into_iter()
            .map(|sp| sp.slice(s))
            .collect()
    }

    fn words(s: &str) -> Vec<&str> {
        tokens(s, Span::new(0, s.len()))
            .into_iter()
            .map(|t| t.text(s))
            .collect()
    }

    #[test]
    fn splits_on_terminators_but_not_abbreviations() {
        assert_eq!(
            split(
                "Gov. Jeff Landry spoke at 9 a.m. on Tuesday. He left. Then the U.S. Senate voted."
            ),
            [
                "Gov. Jeff Landry spoke at 9 a.m. on Tuesday.",
                "He left.",
                "Then the U.S. Senate voted."
            ]
        );
        assert_eq!(
            split("It was J. R. Smith. She agreed."),
            ["It was J. R. Smith.", "She agreed."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("He said, \u{201c}It is done.\u{201d} Then he left!"),
            ["He said, \u{201c}It is done.\u{201d}", "Then he left!"]
        );
        assert_eq!(split("\"Yes.\" No."), ["\"Yes.\"", "No."]);
    }

    #[test]
    fn decimals_and_lowercase_continuations_do_not_split() {
        assert_eq!(
            split("It grew 4.2 percent. Next."),
            ["It grew 4.2 percent.", "Next."]
        );
        assert_eq!(split("See fig. three here"), ["See fig. three here"]);
    }

    #[test]
    fn tokens_keep_numbers_acronyms_and_possessives_whole() {
        assert_eq!(
            words("The U.S. plan's 27-point draft cost $1,200.50 today."),
            [
                "The", "U.S.", "plan's", "27", "-", "point", "draft", "cost", "$", "1,200.50",
                "today", "."
            ]
        );
        let t = tokens("27-point", Span::new(0, 8));
        assert!(!t[0].joined && t[1].joined && t[2].joined);
    }
}
