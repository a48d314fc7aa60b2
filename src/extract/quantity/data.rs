//! The quantity tables: hedges, units, currencies, number words and context
//! words, loaded once from the TOML files under `src/lexicon/`.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use super::Dimension;
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
    /// The first words' shapes: bit `n` of `shapes[b]` is set when some
    /// first word starts with byte `b` and is `n` bytes long (`63` for 63 or
    /// more). Most tokens start no phrase, and this says so without hashing.
    shapes: Box<[u64; 256]>,
}

/// A word's entry and bit in [`Phrases::shapes`].
fn shape(word: &str) -> Option<(usize, u64)> {
    let first = *word.as_bytes().first()?;
    Some((usize::from(first), 1 << word.len().min(63)))
}

impl<T> Phrases<T> {
    fn new(entries: Vec<(Form, T)>) -> Phrases<T> {
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::default();
        let mut shapes = Box::new([0u64; 256]);
        for (i, (form, _)) in entries.iter().enumerate() {
            // An empty form matches nowhere, so it needs no entry.
            if let Some(first) = form.first() {
                by_first.entry(first.clone()).or_default().push(i);
                if let Some((b, bit)) = shape(first) {
                    shapes[b] |= bit;
                }
            }
        }
        Phrases {
            entries,
            by_first,
            shapes,
        }
    }

    /// The phrases whose first word is `word` (lowercased), in table order.
    pub fn starting_with<'a>(&'a self, word: &str) -> impl Iterator<Item = &'a (Form, T)> + 'a {
        let possible = shape(word).is_some_and(|(b, bit)| self.shapes[b] & bit != 0);
        possible
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
    shapes: Box<[u64; 256]>,
}

impl WordSet {
    fn new(words: HashSet<String>) -> WordSet {
        let mut shapes = Box::new([0u64; 256]);
        for (b, bit) in words.iter().filter_map(|w| shape(w)) {
            shapes[b] |= bit;
        }
        WordSet { words, shapes }
    }

    pub fn contains(&self, word: &str) -> bool {
        shape(word).is_some_and(|(b, bit)| self.shapes[b] & bit != 0) && self.words.contains(word)
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
    pub predicates: HashSet<String>,
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
        let hedges: HedgeFile = toml::from_str(include_str!("../../lexicon/hedges.toml"))
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
        Tables {
            hedges: longest_first(
                hedges
                    .hedge
                    .into_iter()
                    .map(|h| (form(&h.phrase), h))
                    .collect(),
            ),
            vague: longest_first(
                hedges
                    .vague
                    .into_iter()
                    .map(|v| (form(&v.phrase), v))
                    .collect(),
            ),
            units: units.unit,
            unit_forms,
            currency_prefixes,
            currency_suffixes,
            number_words: WordSet::new(set(numbers.words)),
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
            predicates: ctx
                .predicates
                .iter()
                .map(|p| crate::normalize::stem(p))
                .collect(),
            np_stops: set(ctx.np_stops),
            measure_links: set(ctx.measure_links),
            ambiguous_units: set(ctx.ambiguous_units),
            participles: set(ctx.participles),
            irregular_plurals: set(ctx.irregular_plurals),
            unit_words,
            storm_classes: longest_first(
                ctx.storm_classes
                    .iter()
                    .map(|(k, v)| (form(k), *v))
                    .collect(),
            ),
            time_zones: ctx
                .time_zones
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
        }
    })
}
