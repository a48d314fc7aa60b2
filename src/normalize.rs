//! Canonical forms: folded words, stems and stop words shared by every later stage.
//!
//! Numbers, units and their conversions live in [`crate::extract::quantity`]'s
//! tables; this module holds what grouping, alignment and comparison all need
//! to agree on: how a word is reduced before two documents' words are compared.

use std::collections::HashSet;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Lowercases a word, unifies apostrophes and drops a possessive ending.
pub fn fold(word: &str) -> String {
    let lower = word.to_lowercase().replace('\u{2019}', "'");
    let base = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix('\''))
        .unwrap_or(&lower);
    base.to_string()
}

/// The Snowball English stem of a folded word.
pub fn stem(word: &str) -> String {
    let folded = fold(word);
    stemmer().stem(&folded).into_owned()
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
