//! Canonical forms: folded words, stems and stop words shared by every later stage.
//!
//! Numbers, units and their conversions live in [`crate::extract::quantity`]'s
//! tables; this module holds what grouping, alignment and comparison all need
//! to agree on: how a word is reduced before two documents' words are compared.

use rustc_hash::FxHashSet as HashSet;
use std::borrow::Cow;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Lowercases a word, unifies apostrophes and drops a possessive ending.
pub fn fold(word: &str) -> String {
    let mut lower = if word.is_ascii() {
        // Most words: one copy, lowercased in place.
        word.to_ascii_lowercase()
    } else {
        let mut lower = String::with_capacity(word.len());
        for c in word.chars() {
            match c {
                '\u{2019}' => lower.push('\''),
                c if c.is_ascii() => lower.push(c.to_ascii_lowercase()),
                c => lower.extend(c.to_lowercase()),
            }
        }
        lower
    };
    if lower.ends_with("'s") {
        lower.truncate(lower.len() - 2);
    } else if lower.ends_with('\'') {
        lower.truncate(lower.len() - 1);
    }
    lower
}

/// [`fold`], borrowing the word itself (or a prefix of it) when folding
/// only drops a possessive, as for most words of running text: extraction
/// folds every token, so this is one pass over the bytes and no allocation.
pub fn fold_borrowed(word: &str) -> Cow<'_, str> {
    // One test per byte: only ASCII without capitals folds by slicing.
    if word.bytes().any(|b| b >= 0x80 || b.is_ascii_uppercase()) {
        return Cow::Owned(fold(word));
    }
    let end = if word.ends_with("'s") {
        word.len() - 2
    } else if word.ends_with('\'') {
        word.len() - 1
    } else {
        word.len()
    };
    Cow::Borrowed(&word[..end])
}

/// The Snowball English stem of a folded word.
///
/// Stemming is the hottest step of grouping and alignment, and news text
/// repeats its words, so each thread keeps the stems it has made (up to a
/// bound, then starts afresh).
pub fn stem(word: &str) -> String {
    use std::cell::RefCell;
    thread_local! {
        static CACHE: RefCell<rustc_hash::FxHashMap<Box<str>, Box<str>>> = RefCell::default();
    }
    const MAX_CACHED: usize = 1 << 17;
    CACHE.with(|cache| {
        if let Some(stem) = cache.borrow().get(word) {
            return stem.to_string();
        }
        let stem = stem_folded(&fold(word));
        let mut cache = cache.borrow_mut();
        if cache.len() >= MAX_CACHED {
            cache.clear();
        }
        cache.insert(word.into(), stem.as_str().into());
        stem
    })
}

/// The Snowball English stem of a word folded already, uncached: for
/// callers that keep their own cache of what they make of a word.
pub fn stem_folded(folded: &str) -> String {
    stemmer().stem(folded).into_owned()
}

/// Approximate days since year 0 of a date written `YYYY-MM-DD` (anything
/// after the day, such as a time, is ignored); `None` for other shapes.
/// Precise enough to tell whether two reports are weeks or years apart.
pub fn date_days(date: &str) -> Option<f64> {
    let mut parts = date.get(..10)?.split('-');
    let year: f64 = parts.next()?.parse().ok()?;
    let month: f64 = parts.next()?.parse().ok()?;
    let day: f64 = parts.next()?.parse().ok()?;
    ((1.0..=12.0).contains(&month) && (1.0..=31.0).contains(&day))
        .then_some(year * 365.25 + (month - 1.0) * 30.44 + day)
}

/// Function words that carry no topic.
pub fn is_stopword(folded: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| crate::lexicon::words(include_str!("lexicon/stopwords.txt")).collect())
        .contains(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_comparable_days() {
        let a = date_days("2016-09-20").unwrap_or_default();
        let b = date_days("2016-10-20T08:00:00Z").unwrap_or_default();
        assert!((b - a - 30.44).abs() < 1.0);
        assert_eq!(date_days("Sept. 20, 2016"), None);
        assert_eq!(date_days("2016-13-01"), None);
    }

    #[test]
    fn stems_fold_case_and_possessives() {
        assert_eq!(stem("Negotiations"), stem("negotiation"));
        assert_eq!(stem("Russia\u{2019}s"), "russia");
        assert_eq!(fold("Hartley's"), "hartley");
        assert!(is_stopword("the"));
        assert!(!is_stopword("ceasefire"));
    }
}
