//! The framing lexicon: competing names, loaded and neutral labels, evaluative
//! opposites, hedges and source qualifiers, kept as TOML.
//!
//! The built-in table is `framing.toml` beside this file. Users add their own
//! entries in the same format with [`Lexicon::with_user_file`]; the binary
//! installs the result once with [`install`] and extraction reads it through
//! [`active`]. Every entry carries example sentences, and a test checks that
//! extraction finds the entry in each of them.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::lexicon::shapes::Shapes;
use crate::normalize;

/// The built-in table.
pub const BUILTIN: &str = include_str!("framing.toml");

/// What a group of competing words names, which decides how it is matched
/// and compared.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize, Hash, PartialOrd, Ord,
)]
#[serde(rename_all = "lowercase")]
pub enum GroupKind {
    /// Competing names of one place or thing: "Kiev" / "Kyiv". Compared across events.
    Name,
    /// Names of a war or crisis, tied to the place written next to them:
    /// "the Ukraine conflict" / "the full-scale invasion of Ukraine".
    Event,
    /// A label written before a proper name: "fraudster Jane Doe" /
    /// "financier Jane Doe", "Super Typhoon Mawar" / "Typhoon Mawar".
    Descriptor,
    /// Loaded and neutral words for one actor or act: "rioters" / "protesters".
    Label,
    /// Evaluative words for one occasion: "cordial talks" / "tense talks".
    Evaluation,
}

/// A problem with a lexicon file.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("cannot read lexicon file {path}: {source}; check the path given to --lexicon")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "lexicon file {path} is not valid TOML: {message}; \
         write [[group]], [[hedge]] and [[qualifier]] tables as in the built-in framing.toml"
    )]
    Parse { path: PathBuf, message: String },
    #[error("lexicon file {path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    #[serde(default)]
    group: Vec<GroupSpec>,
    #[serde(default)]
    hedge: Vec<WordSpec>,
    #[serde(default)]
    qualifier: Vec<WordSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupSpec {
    id: String,
    kind: GroupKind,
    referent: String,
    axis: String,
    sides: Vec<Vec<String>>,
    #[serde(default)]
    clash: bool,
    #[serde(default)]
    context: Vec<String>,
    #[serde(default)]
    examples: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordSpec {
    term: String,
    #[serde(default)]
    examples: Vec<String>,
}

/// A term as folded tokens: "full-scale invasion" is `["full", "-", "scale", "invasion"]`.
pub type Pattern = Vec<String>;

/// One group of competing words for one referent.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// A stable kebab-case id, unique in the lexicon.
    pub id: String,
    pub kind: GroupKind,
    /// What the words refer to, for the finding's subject.
    pub referent: String,
    /// What the choice says, for the finding's explanation.
    pub axis: String,
    /// The competing choices; words of one side are interchangeable.
    pub sides: Vec<Vec<String>>,
    /// Each side's terms as patterns, parallel to `sides`.
    pub patterns: Vec<Vec<Pattern>>,
    /// Whether two sides cannot both hold ("cordial" / "tense"): a conflict.
    pub clash: bool,
    /// Stems of which one must stand near a term for it to count ("talks").
    pub context: Vec<String>,
    pub examples: Vec<String>,
}

/// A single-word (or short) cue: a hedge or a source-qualifier suffix.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    pub term: String,
    pub pattern: Pattern,
    pub examples: Vec<String>,
}

/// Group patterns by their first word: group, side and pattern index.
pub type FirstWords = ByFirstWord<Vec<(usize, usize, usize)>>;

/// Entries by the first word of their patterns. Extraction asks at every
/// token of every sentence, and nearly every answer is no: the shapes of
/// the words present say so without hashing the word.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ByFirstWord<V> {
    entries: rustc_hash::FxHashMap<String, V>,
    shapes: Shapes,
}

impl<V: Default> ByFirstWord<V> {
    fn entry(&mut self, word: &str) -> &mut V {
        self.shapes.insert(word);
        self.entries.entry(word.to_string()).or_default()
    }
}

impl<V> ByFirstWord<V> {
    /// The entry of patterns starting with `word` (folded), if any.
    #[inline]
    pub fn get(&self, word: &str) -> Option<&V> {
        if !self.shapes.may_have(word) {
            return None;
        }
        self.entries.get(word)
    }
}

/// The lexicon's entries by the first word of their patterns.
#[derive(Clone, Debug, Default, PartialEq)]
struct Indices {
    /// (group, side, pattern) of `groups`.
    groups: FirstWords,
    /// Indices into `hedges` (patterns are never empty: `parse` rejects an
    /// empty term).
    hedges: ByFirstWord<Vec<usize>>,
    /// The shapes of every word a group or hedge pattern may start at:
    /// first words, and those of groups with a plural ending.
    starts: Shapes,
}

/// The whole framing lexicon.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lexicon {
    /// `groups`' patterns and `hedges` by first word, built on first use.
    first_words: std::sync::OnceLock<Box<Indices>>,
    pub groups: Vec<Group>,
    /// Distancing words: "alleged", "reportedly", "so-called".
    pub hedges: Vec<Word>,
    /// Second halves of hyphenated source qualifiers: "run" in "Hamas-run".
    pub qualifiers: Vec<Word>,
}

/// Folds a term into the token texts extraction compares.
pub fn pattern(term: &str) -> Pattern {
    let span = crate::span::Span::new(0, term.len());
    crate::segment::tokens(term, span)
        .iter()
        .map(|t| normalize::fold(t.text(term)))
        .collect()
}

impl Lexicon {
    /// The groups' patterns by their first word, so that matching looks up
    /// each token once instead of trying every pattern at every token.
    pub fn first_words(&self) -> &FirstWords {
        &self.indices().groups
    }

    /// Indices into `hedges` by the first word of their pattern, for the
    /// same reason.
    pub fn hedge_first_words(&self) -> &ByFirstWord<Vec<usize>> {
        &self.indices().hedges
    }

    /// The shapes of the words (folded) a group or hedge pattern may start
    /// at, its last word plural or not: one test says no to nearly every
    /// token, which then needs no look in either index.
    pub fn pattern_starts(&self) -> &Shapes {
        &self.indices().starts
    }

    fn indices(&self) -> &Indices {
        // Boxed, so that a lexicon stays small to move around.
        self.first_words.get_or_init(|| {
            let mut index = Indices::default();
            for (gi, group) in self.groups.iter().enumerate() {
                for (side, patterns) in group.patterns.iter().enumerate() {
                    for (pi, pattern) in patterns.iter().enumerate() {
                        if let Some(first) = pattern.first() {
                            index.groups.entry(first).push((gi, side, pi));
                            // A one-word pattern may stand in the plural.
                            for plural in ["s", "es"] {
                                index.starts.insert(&format!("{first}{plural}"));
                            }
                            index.starts.insert(first);
                        }
                    }
                }
            }
            for (i, hedge) in self.hedges.iter().enumerate() {
                if let Some(first) = hedge.pattern.first() {
                    index.hedges.entry(first).push(i);
                    index.starts.insert(first);
                }
            }
            Box::new(index)
        })
    }

    /// The built-in lexicon.
    pub fn builtin() -> Lexicon {
        // The built-in table is tested to parse; an empty lexicon is the
        // harmless fallback should it ever not.
        Lexicon::parse(BUILTIN, Path::new("framing.toml")).unwrap_or_default()
    }

    /// The built-in lexicon extended with a user's TOML file in the same format.
    pub fn with_user_file(path: &Path) -> Result<Lexicon, LexiconError> {
        let text = std::fs::read_to_string(path).map_err(|source| LexiconError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let mut lexicon = Lexicon::builtin();
        lexicon.extend(Lexicon::parse(&text, path)?, path)?;
        Ok(lexicon)
    }

    /// The built-in lexicon extended with a user's table given as text.
    pub fn with_user_str(text: &str, name: &Path) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::builtin();
        lexicon.extend(Lexicon::parse(text, name)?, name)?;
        Ok(lexicon)
    }

    /// Adds another lexicon's entries; a group id already present is an error.
    pub fn extend(&mut self, other: Lexicon, path: &Path) -> Result<(), LexiconError> {
        self.first_words = std::sync::OnceLock::new();
        for g in other.groups {
            if self.groups.iter().any(|h| h.id == g.id) {
                return Err(LexiconError::Invalid {
                    path: path.to_path_buf(),
                    message: format!(
                        "group id `{}` is already in the lexicon; choose another id",
                        g.id
                    ),
                });
            }
            self.groups.push(g);
        }
        self.hedges.extend(other.hedges);
        self.qualifiers.extend(other.qualifiers);
        Ok(())
    }

    /// Parses a lexicon table; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Lexicon, LexiconError> {
        let spec: FileSpec = toml::from_str(text).map_err(|e| LexiconError::Parse {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let invalid = |message: String| LexiconError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let mut groups = Vec::new();
        for g in spec.group {
            if g.sides.len() < 2 || g.sides.iter().any(|s| s.is_empty()) {
                return Err(invalid(format!(
                    "group `{}` needs at least two non-empty sides, such as sides = [[\"Kiev\"], [\"Kyiv\"]]",
                    g.id
                )));
            }
            let patterns: Vec<Vec<Pattern>> = g
                .sides
                .iter()
                .map(|side| side.iter().map(|t| pattern(t)).collect())
                .collect();
            if patterns.iter().flatten().any(Vec::is_empty) {
                return Err(invalid(format!(
                    "group `{}` has an empty term; remove it",
                    g.id
                )));
            }
            groups.push(Group {
                id: g.id,
                kind: g.kind,
                referent: g.referent,
                axis: g.axis,
                sides: g.sides,
                patterns,
                clash: g.clash,
                context: g.context.iter().map(|w| normalize::stem(w)).collect(),
                examples: g.examples,
            });
        }
        let words = |specs: Vec<WordSpec>, what: &str| -> Result<Vec<Word>, LexiconError> {
            specs
                .into_iter()
                .map(|w| {
                    let pattern = pattern(&w.term);
                    if pattern.is_empty() {
                        return Err(invalid(format!("a {what} has an empty term; remove it")));
                    }
                    Ok(Word {
                        term: w.term,
                        pattern,
                        examples: w.examples,
                    })
                })
                .collect()
        };
        Ok(Lexicon {
            first_words: std::sync::OnceLock::new(),
            groups,
            hedges: words(spec.hedge, "hedge")?,
            qualifiers: words(spec.qualifier, "qualifier")?,
        })
    }
}

static ACTIVE: OnceLock<Lexicon> = OnceLock::new();

/// Makes `lexicon` the one extraction uses for the rest of the process.
///
/// Call it once, before any document is analyzed; it returns the lexicon
/// back if another one is already in use.
// The lexicon comes back whole, as `OnceLock::set` gives it; this is called
// once per process, so its size on the error path costs nothing.
#[allow(clippy::result_large_err)]
pub fn install(lexicon: Lexicon) -> Result<(), Lexicon> {
    ACTIVE.set(lexicon)
}

/// The lexicon in use: the installed one, or the built-in one.
pub fn active() -> &'static Lexicon {
    ACTIVE.get_or_init(Lexicon::builtin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_parses() {
        let lexicon = Lexicon::parse(BUILTIN, Path::new("framing.toml"));
        let lexicon = match lexicon {
            Ok(l) => l,
            Err(e) => panic!("{e}"),
        };
        assert!(lexicon.groups.len() > 20);
        let mut ids: Vec<&str> = lexicon.groups.iter().map(|g| g.id.as_str()).collect();
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count, "group ids must be unique");
    }

    #[test]
    fn patterns_fold_case_and_split_hyphens() {
        assert_eq!(
            pattern("Full-scale invasion"),
            ["full", "-", "scale", "invasion"]
        );
        assert_eq!(pattern("Kiev"), ["kiev"]);
    }

    #[test]
    fn user_file_errors_name_the_file_and_the_fix() {
        let err = Lexicon::with_user_str("[[group]]\nid = 1", Path::new("mine.toml"));
        let message = err
            .map(|_| ())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.contains("mine.toml"), "{message}");
        assert!(message.contains("[[group]]"), "{message}");

        let one_side = "[[group]]\nid = \"x\"\nkind = \"name\"\nreferent = \"r\"\naxis = \"a\"\nsides = [[\"A\"]]\n";
        let err = Lexicon::with_user_str(one_side, Path::new("mine.toml"));
        let message = err
            .map(|_| ())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.contains("two non-empty sides"), "{message}");

        let missing = Lexicon::with_user_file(Path::new("/nonexistent/lexicon.toml"));
        let message = missing
            .map(|_| ())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.contains("/nonexistent/lexicon.toml") && message.contains("--lexicon"));
    }
}
