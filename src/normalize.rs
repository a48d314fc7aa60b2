//! Canonical forms: folded words, stems and stop words shared by every later stage.
//!
//! Numbers, units and their conversions live in [`crate::extract::quantity`]'s
//! tables; this module holds what grouping, alignment and comparison all need
//! to agree on: how a word is reduced before two documents' words are compared.

use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Lowercases a word, unifies apostrophes and drops a possessive ending.
pub fn fold(word: &str) -> String {
    let mut lower = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{2019}' => lower.push('\''),
            c if c.is_ascii() => lower.push(c.to_ascii_lowercase()),
            c => lower.extend(c.to_lowercase()),
        }
    }
    if lower.ends_with("'s") {
        lower.truncate(lower.len() - 2);
    } else if lower.ends_with('\'') {
        lower.truncate(lower.len() - 1);
    }
    lower
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
        let folded = fold(word);
        let stem = stemmer().stem(&folded).into_owned();
        let mut cache = cache.borrow_mut();
        if cache.len() >= MAX_CACHED {
            cache.clear();
        }
        cache.insert(word.into(), stem.as_str().into());
        stem
    })
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
    fn stems_fold_case_and_possessives() {
        assert_eq!(stem("Negotiations"), stem("negotiation"));
        assert_eq!(stem("Russia\u{2019}s"), "russia");
        assert_eq!(fold("Witkoff's"), "witkoff");
        assert!(is_stopword("the"));
        assert!(!is_stopword("ceasefire"));
    }
}
