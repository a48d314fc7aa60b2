//! Knowledge kept as data: word lists and TOML tables compiled into the binary.
//!
//! Every list here is general knowledge about news English (abbreviations,
//! stop words, hedges, units, titles, reporting verbs, competing names),
//! never the names or events of a particular article. Each stage loads the
//! tables it needs once, through a `OnceLock`.

pub mod framing;
pub mod shapes;

/// The non-empty, non-comment lines of a word list, trimmed.
pub fn words(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_skip_comments_and_blank_lines() {
        let list: Vec<&str> = words("# a comment\n\n one \ntwo\n").collect();
        assert_eq!(list, ["one", "two"]);
    }
}
