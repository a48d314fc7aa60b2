//! The quantity tables: hedges, units, currencies, number words and context
//! words, loaded once from the TOML files under `src/lexicon/`.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use super::Dimension;
use crate::lexicon::shapes::{Shape, Shapes};
use crate::segment;
use crate::span::Span;

/// How a hedge turns a stated value into an interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Meaning {
    Approx,
    Below,
    Above,
    JustOver,
    AtLeast,
    UpTo,
    Less,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Hedge {
    pub phrase: String,
    pub meaning: Meaning,
    #[serde(default)]
    pub slack: f64,
    #[serde(default)]
    pub position: Option<String>,
    // The example and its interval are read by the tests.
    #[cfg_attr(not(test), allow(dead_code))]
    pub example: String,
    #[cfg_attr(not(test), allow(dead_code))]
    pub lo: f64,
    #[cfg_attr(not(test), allow(dead_code))]
    pub hi: f64,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Vague {
    pub phrase: String,
    pub lo: f64,
    pub hi: f64,
    #[cfg_attr(not(test), allow(dead_code))]
    pub example: String,
}

#[derive(Deserialize)]
struct HedgeFile {
    hedge: Vec<Hedge>,
    vague: Vec<Vague>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Unit {
    pub name: String,
    pub dimension: Dimension,
    pub factor: f64,
    #[serde(default)]
    pub offset: f64,
    #[serde(default)]
    pub precision: f64,
    pub forms: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Currency {
    pub code: String,
    pub prefixes: Vec<String>,
    pub suffixes: Vec<String>,
}

#[derive(Deserialize)]
struct UnitFile {
    unit: Vec<Unit>,
    currency: Vec<Currency>,
}

#[derive(Deserialize)]
struct NumberFile {
    words: Vec<String>,
    scales: HashMap<String, f64>,
    suffixes: HashMap<String, f64>,
    money_suffixes: HashMap<String, f64>,
    a_words: HashMap<String, f64>,
    fractions: HashMap<String, f64>,
}

#[derive(Deserialize)]
struct ContextFile {
    fillers: Vec<String>,
    rank_scales: Vec<String>,
    rank_after: Vec<String>,
    months: Vec<String>,
    time_markers: Vec<String>,
    age_words: Vec<String>,
    age_after: Vec<String>,
    id_markers: Vec<String>,
    predicates: Vec<String>,
    np_stops: Vec<String>,
    measure_links: Vec<String>,
    ambiguous_units: Vec<String>,
    participles: Vec<String>,
    irregular_plurals: Vec<String>,
    storm_classes: HashMap<String, f64>,
    storm_not_names: Vec<String>,
    time_zones: HashMap<String, f64>,
}

/// A phrase as the lowercased texts of its tokens.
pub type Form = Vec<String>;

/// Phrases of one table with what each stands for, in table order.
///
/// A reader tries the phrases of a table at every token of a sentence, and
/// only those whose first word is the token's can match there: the index by
/// first word lets it try just those, still in table order, so the first
/// match is the one a scan of the whole table would find.
pub struct Phrases<T> {
    entries: Vec<(Form, T)>,
    by_first: HashMap<String, Vec<usize>>,
    /// The first words' shapes: most tokens start no phrase, and this says
    /// so without hashing.
    shapes: Shapes,
}

impl<T> Phrases<T> {
    fn new(entries: Vec<(Form, T)>) -> Phrases<T> {
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, (form, _)) in entries.iter().enumerate() {
            // An empty form matches nowhere, so it needs no entry.
            if let Some(first) = form.first() {
                by_first.entry(first.clone()).or_default().push(i);
            }
        }
        let shapes = Shapes::of(by_first.keys().map(String::as_str));
        Phrases {
            entries,
            by_first,
            shapes,
        }
    }

    /// The phrases whose first word is `word` (lowercased), in table order.
    #[inline]
    pub fn starting_with<'a>(&'a self, word: &str) -> impl Iterator<Item = &'a (Form, T)> + 'a {
        self.shapes
            .may_have(word)
            .then(|| self.by_first.get(word))
            .flatten()
            .into_iter()
            .flatten()
            .map(|&i| &self.entries[i])
    }

    pub fn iter(&self) -> std::slice::Iter<'_, (Form, T)> {
        self.entries.iter()
    }
}

/// A set of lowercase words that most tokens are not in, with the same
/// shape filter as [`Phrases`]: the reader asks at every word of every
/// sentence whether it is a number word, and nearly always it is not.
pub struct WordSet {
    words: HashSet<String>,
    shapes: Shapes,
    /// The length of the longest word, in bytes.
    longest: usize,
}

/// Longest word [`WordSet::contains_lowercase`] lowercases on the stack.
const STACK_WORD: usize = 32;

impl WordSet {
    fn new(words: HashSet<String>) -> WordSet {
        let shapes = Shapes::of(words.iter().map(String::as_str));
        let longest = words.iter().map(String::len).max().unwrap_or(0);
        WordSet {
            words,
            shapes,
            longest,
        }
    }

    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.shapes.may_have(word) && self.words.contains(word)
    }

    /// Whether the ASCII `word` lowercased, of shape `shape`
    /// ([`Shape::of_lowercase`]), is in the set: the shape says no to
    /// nearly every word, and only a word of the set's shape is copied to
    /// be lowercased and looked up.
    #[inline]
    pub fn contains_lowercase(&self, word: &[u8], shape: Shape) -> bool {
        word.len() <= self.longest
            && self.shapes.may_have_shape(shape)
            && self.holds_lowercase(word)
    }

    /// Whether the ASCII `word` lowercased is in the set.
    #[cold]
    fn holds_lowercase(&self, word: &[u8]) -> bool {
        if word.len() > STACK_WORD {
            let lower = word.to_ascii_lowercase();
            return std::str::from_utf8(&lower).is_ok_and(|w| self.words.contains(w));
        }
        let mut lower = [0u8; STACK_WORD];
        let lower = &mut lower[..word.len()];
        lower.copy_from_slice(word);
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower).is_ok_and(|w| self.words.contains(w))
    }
}

/// The stems of the verbs that say what happened to a counted thing
/// ("kill", "rescu"), with the first two letters of each.
///
/// Snowball stemming keeps a word's first two letters (its suffix rules act
/// from the third letter on), but for three exceptions it lists ("dying" is
/// "die"): a word whose first two letters begin no predicate's stem is no
/// predicate, said without stemming it.
pub struct Predicates {
    stems: HashSet<String>,
    openings: HashSet<[u8; 2]>,
}

/// Words Snowball stems to a stem with other first letters.
const RESTEMMED: &[&str] = &["dying", "lying", "tying"];

impl Predicates {
    fn new(stems: HashSet<String>) -> Predicates {
        let mut openings: HashSet<[u8; 2]> = stems.iter().filter_map(|s| opening(s)).collect();
        openings.extend(
            RESTEMMED
                .iter()
                .filter(|w| stems.contains(&crate::normalize::stem(w)))
                .filter_map(|w| opening(w)),
        );
        Predicates { stems, openings }
    }

    /// The stem of `word` (lowercased) when it is a predicate's.
    pub fn stem_of(&self, word: &str) -> Option<String> {
        // Only plain ASCII words are known to keep their opening; a stem
        // shorter than two letters is no predicate's (all are longer).
        let kept = word.is_ascii() && !word.starts_with('\'');
        if kept && opening(word).is_none_or(|o| !self.openings.contains(&o)) {
            return None;
        }
        let stem = crate::normalize::stem(word);
        self.stems.contains(&stem).then_some(stem)
    }
}

/// The first two bytes of a word, if it has two.
fn opening(word: &str) -> Option<[u8; 2]> {
    match word.as_bytes() {
        [a, b, ..] => Some([*a, *b]),
        _ => None,
    }
}

/// The one letter whose lowercase depends on where it stands in a word.
const CAPITAL_SIGMA: char = '\u{3a3}';

/// Appends `word` lowercased, with a typographic apostrophe made plain: how
/// the reader spells a token.
pub fn push_lowercase(out: &mut String, word: &str) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    } else if word.contains(CAPITAL_SIGMA) {
        // `str::to_lowercase` knows the context-dependent final sigma.
        out.push_str(&word.to_lowercase().replace('\u{2019}', "'"));
    } else {
        // Otherwise a word lowercases character by character, as
        // `str::to_lowercase` does, with no string of its own.
        for c in word.chars() {
            if c == '\u{2019}' {
                out.push('\'');
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
}

impl<'a, T> IntoIterator for &'a Phrases<T> {
    type Item = &'a (Form, T);
    type IntoIter = std::slice::Iter<'a, (Form, T)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter()
    }
}

/// Every table, with phrases pre-split into tokens the way sentences are.
pub struct Tables {
    pub hedges: Phrases<Hedge>,
    pub vague: Phrases<Vague>,
    pub units: Vec<Unit>,
    /// (form, index into `units`), longest form first.
    pub unit_forms: Phrases<usize>,
    /// (form, currency code), longest form first.
    pub currency_prefixes: Phrases<String>,
    pub currency_suffixes: Phrases<String>,
    pub number_words: WordSet,
    /// The words a quantity may start at, besides a number: number words,
    /// "a", "an" and "half", and the first words of pre-posed hedges,
    /// vague amounts, currency prefixes and storm classes.
    pub starts: WordSet,
    /// The words without which a sentence holds no quantity, besides a
    /// number: number words, "half", and the first words of vague amounts
    /// and storm classes.
    pub triggers: WordSet,
    /// The words that make "a" or "an" before them a number: "a dozen",
    /// "a third of", "for an hour" (the first words of units).
    pub after_article: WordSet,
    pub scales: HashMap<String, f64>,
    pub suffixes: HashMap<String, f64>,
    pub money_suffixes: HashMap<String, f64>,
    pub a_words: HashMap<String, f64>,
    pub fractions: HashMap<String, f64>,
    pub fillers: HashSet<String>,
    pub rank_scales: HashSet<String>,
    pub rank_after: HashSet<String>,
    /// Words after a storm class that name an institution or a time, not
    /// a storm: "Hurricane Center", "Typhoon Season".
    pub storm_not_names: HashSet<String>,
    pub months: HashSet<String>,
    pub time_markers: HashSet<String>,
    pub age_words: HashSet<String>,
    pub age_after: HashSet<String>,
    pub id_markers: HashSet<String>,
    pub predicates: Predicates,
    pub np_stops: HashSet<String>,
    pub measure_links: HashSet<String>,
    /// Unit abbreviations that are also words: units only against the number.
    pub ambiguous_units: HashSet<String>,
    /// Irregular past participles and past forms that end a noun phrase.
    pub participles: HashSet<String>,
    /// Plural nouns without a final s ("people", "men").
    pub irregular_plurals: HashSet<String>,
    /// Every one-word unit form ("day", "km"), which may head a noun phrase.
    pub unit_words: HashSet<String>,
    /// Storm classes and their step on the intensity ladder, longest first.
    pub storm_classes: Phrases<f64>,
    /// Offsets from UTC in hours, by lowercased abbreviation.
    pub time_zones: HashMap<String, f64>,
}

/// The lowercased token texts of a phrase.
pub fn form(phrase: &str) -> Form {
    segment::tokens(phrase, Span::new(0, phrase.len()))
        .into_iter()
        .map(|t| t.text(phrase).to_lowercase())
        .collect()
}

fn set(words: Vec<String>) -> HashSet<String> {
    words.into_iter().map(|w| w.to_lowercase()).collect()
}

fn longest_first<T>(mut v: Vec<(Form, T)>) -> Phrases<T> {
    v.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
    Phrases::new(v)
}

pub fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        // The tables are compiled in; a parse failure is a build defect that
        // every test run reports, not an input problem.
        let hedge_file: HedgeFile = toml::from_str(include_str!("../../lexicon/hedges.toml"))
            .expect("src/lexicon/hedges.toml is valid");
        let units: UnitFile = toml::from_str(include_str!("../../lexicon/units.toml"))
            .expect("src/lexicon/units.toml is valid");
        let numbers: NumberFile = toml::from_str(include_str!("../../lexicon/numbers.toml"))
            .expect("src/lexicon/numbers.toml is valid");
        let ctx: ContextFile = toml::from_str(include_str!("../../lexicon/quantity.toml"))
            .expect("src/lexicon/quantity.toml is valid");
        let unit_forms = longest_first(
            units
                .unit
                .iter()
                .enumerate()
                .flat_map(|(i, u)| u.forms.iter().map(move |f| (form(f), i)))
                .collect(),
        );
        let currency_prefixes = longest_first(
            units
                .currency
                .iter()
                .flat_map(|c| c.prefixes.iter().map(|p| (form(p), c.code.clone())))
                .collect(),
        );
        let currency_suffixes = longest_first(
            units
                .currency
                .iter()
                .flat_map(|c| c.suffixes.iter().map(|p| (form(p), c.code.clone())))
                .collect(),
        );
        let unit_words: HashSet<String> = units
            .unit
            .iter()
            .flat_map(|u| u.forms.iter())
            .map(|f| form(f))
            .filter(|f| f.len() == 1)
            .map(|f| f[0].clone())
            .collect();
        let hedges = longest_first(
            hedge_file
                .hedge
                .into_iter()
                .map(|h| (form(&h.phrase), h))
                .collect(),
        );
        let vague = longest_first(
            hedge_file
                .vague
                .into_iter()
                .map(|v| (form(&v.phrase), v))
                .collect(),
        );
        let storm_classes = longest_first(
            ctx.storm_classes
                .iter()
                .map(|(k, v)| (form(k), *v))
                .collect(),
        );
        let number_words = set(numbers.words);
        let first_words = hedges
            .iter()
            .filter(|(_, h)| h.position.as_deref() != Some("after"))
            .map(|(f, _)| f)
            .chain(vague.iter().map(|(f, _)| f))
            .chain(currency_prefixes.iter().map(|(f, _)| f))
            .chain(storm_classes.iter().map(|(f, _)| f))
            .filter_map(|f| f.first().cloned());
        let starts = number_words
            .iter()
            .cloned()
            .chain(["a", "an", "half"].map(String::from))
            .chain(first_words)
            .collect();
        let triggers = number_words
            .iter()
            .cloned()
            .chain(["half".to_string()])
            .chain(
                vague
                    .iter()
                    .map(|(f, _)| f)
                    .chain(storm_classes.iter().map(|(f, _)| f))
                    .filter_map(|f| f.first().cloned()),
            )
            .collect();
        let after_article = numbers
            .a_words
            .keys()
            .chain(numbers.fractions.keys())
            .cloned()
            .chain(unit_forms.iter().filter_map(|(f, _)| f.first().cloned()))
            .collect();
        Tables {
            hedges,
            vague,
            units: units.unit,
            unit_forms,
            currency_prefixes,
            currency_suffixes,
            number_words: WordSet::new(number_words),
            starts: WordSet::new(starts),
            triggers: WordSet::new(triggers),
            after_article: WordSet::new(after_article),
            scales: numbers.scales,
            suffixes: numbers.suffixes,
            money_suffixes: numbers.money_suffixes,
            a_words: numbers.a_words,
            fractions: numbers.fractions,
            fillers: set(ctx.fillers),
            rank_scales: set(ctx.rank_scales),
            rank_after: set(ctx.rank_after),
            storm_not_names: set(ctx.storm_not_names),
            months: set(ctx.months),
            time_markers: set(ctx.time_markers),
            age_words: set(ctx.age_words),
            age_after: set(ctx.age_after),
            id_markers: set(ctx.id_markers),
            predicates: Predicates::new(
                ctx.predicates
                    .iter()
                    .map(|p| crate::normalize::stem(p))
                    .collect(),
            ),
            np_stops: set(ctx.np_stops),
            measure_links: set(ctx.measure_links),
            ambiguous_units: set(ctx.ambiguous_units),
            participles: set(ctx.participles),
            irregular_plurals: set(ctx.irregular_plurals),
            unit_words,
            storm_classes,
            time_zones: ctx
                .time_zones
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words whose stems are a predicate's, or nearly: each predicate and
    /// lexicon word with common endings.
    fn words() -> Vec<String> {
        let ctx: ContextFile = toml::from_str(include_str!("../../lexicon/quantity.toml"))
            .expect("src/lexicon/quantity.toml is valid");
        let lists = [
            include_str!("../../lexicon/stopwords.txt"),
            include_str!("../../lexicon/reporting_verbs.txt"),
            include_str!("../../lexicon/restatement.txt"),
        ];
        let roots = ctx.predicates.into_iter().chain(ctx.participles).chain(
            lists
                .iter()
                .flat_map(|l| crate::lexicon::words(l).map(String::from)),
        );
        let mut out = Vec::new();
        for root in roots {
            for ending in [
                "", "s", "es", "ed", "d", "ing", "ly", "ies", "ied", "er", "'s",
            ] {
                out.push(format!("{root}{ending}"));
            }
        }
        out.extend(RESTEMMED.iter().map(|w| w.to_string()));
        out.extend(["a", "i", "'s", "", "y", "yes", "dyes", "lied", "ties"].map(String::from));
        out
    }

    #[test]
    fn predicate_stems_are_found_without_stemming_others() {
        let predicates = &tables().predicates;
        assert!(predicates.stems.iter().all(|s| s.len() >= 2));
        for word in words() {
            let stem = crate::normalize::stem(&word);
            let want = predicates.stems.contains(&stem).then_some(stem);
            assert_eq!(predicates.stem_of(&word), want, "{word}");
        }
    }
}
