//! Alignment: which claims of two documents of one event are about the same thing.
//!
//! Two quantities align when they measure the same dimension, count the
//! same thing (equal stems, or stems of one synonym group kept as data),
//! agree on what happened to it (killed, rescued, evacuated), and stand in
//! sentences about the same occasion: a sentence that places its number on
//! another occasion ("prior to", "previous", "in 2021") never aligns with
//! one that does not. Each claim aligns with at most one claim of each
//! other document, best pairs first.

use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock, PoisonError};

use rustc_hash::FxHashMap as HashMap;

use crate::extract::{Analysis, Dimension, Mention, Quantity};
use crate::normalize;
use crate::segment::{self, TokenKind};

/// Two claims, in two documents, about the same thing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pair {
    /// Document and claim index of each side; `a.0 < b.0`.
    pub a: (usize, usize),
    pub b: (usize, usize),
    /// How sure the alignment is, from 0 to 1.
    pub score: f32,
}

/// A word interned for the whole run: equal words are one `&'static str`,
/// so that a sentence context holds no string of its own and two words
/// compare as two pointers. Contexts are rebuilt for every event, and
/// their tokens, not the comparisons, were most of alignment's work.
///
/// Words order as their text does, so a [`Set`] of them sorts as a set of
/// strings would, at any thread count.
#[derive(Clone, Copy, Debug)]
pub struct Sym(&'static str);

impl Sym {
    /// The interned copy of `word`. The run's words are kept until the
    /// process ends: a corpus of news has a few hundred thousand distinct
    /// words, a few megabytes.
    pub fn new(word: &str) -> Sym {
        static WORDS: OnceLock<Mutex<rustc_hash::FxHashSet<&'static str>>> = OnceLock::new();
        let mut words = WORDS
            .get_or_init(Mutex::default)
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(&w) = words.get(word) {
            return Sym(w);
        }
        let w: &'static str = Box::leak(word.into());
        words.insert(w);
        Sym(w)
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// A number for the word, the same for equal words throughout the
    /// run: the address of its one copy. Ids follow no order of the words,
    /// so they suit sets that are only intersected and counted, where
    /// comparing two numbers is cheaper than comparing two strings.
    pub fn id(self) -> usize {
        self.0.as_ptr() as usize
    }
}

impl PartialEq for Sym {
    fn eq(&self, other: &Sym) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Sym {}

impl std::hash::Hash for Sym {
    /// Equal words are one pointer, so the pointer is the hash.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        std::ptr::hash(self.0, state);
    }
}

impl Ord for Sym {
    fn cmp(&self, other: &Sym) -> std::cmp::Ordering {
        if self == other {
            std::cmp::Ordering::Equal
        } else {
            // Words are short and most differ in their first bytes: a
            // loop over the bytes is quicker than a call to `memcmp`, and
            // orders them as strings are ordered.
            self.0.bytes().cmp(other.0.bytes())
        }
    }
}

impl PartialOrd for Sym {
    fn partial_cmp(&self, other: &Sym) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// A small set as a sorted vector without repeats. A sentence or a clause
/// has tens of words: a vector is built, searched and intersected faster
/// than a tree, and an empty one costs no allocation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Set<T>(Vec<T>);

impl<T> Default for Set<T> {
    fn default() -> Set<T> {
        Set(Vec::new())
    }
}

impl<T: Ord> FromIterator<T> for Set<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Set<T> {
        let mut v: Vec<T> = items.into_iter().collect();
        v.sort_unstable();
        v.dedup();
        Set(v)
    }
}

impl<T: Ord> Set<T> {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The members, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    pub fn contains(&self, x: &T) -> bool {
        self.0.binary_search(x).is_ok()
    }

    /// The members of both sets, in order.
    pub fn intersection<'a>(&'a self, other: &'a Set<T>) -> impl Iterator<Item = &'a T> + 'a {
        let (mut a, mut b) = (self.0.iter().peekable(), other.0.iter().peekable());
        std::iter::from_fn(move || {
            loop {
                let (x, y) = (a.peek()?, b.peek()?);
                match x.cmp(y) {
                    std::cmp::Ordering::Less => {
                        a.next();
                    }
                    std::cmp::Ordering::Greater => {
                        b.next();
                    }
                    std::cmp::Ordering::Equal => {
                        b.next();
                        return a.next();
                    }
                }
            }
        })
    }

    pub fn is_disjoint(&self, other: &Set<T>) -> bool {
        self.intersection(other).next().is_none()
    }

    pub fn is_subset(&self, other: &Set<T>) -> bool {
        self.intersection(other).count() == self.len()
    }
}

impl Set<Sym> {
    /// Whether a word, as a string, is in the set.
    pub fn contains_str(&self, word: &str) -> bool {
        self.0.binary_search_by(|s| s.as_str().cmp(word)).is_ok()
    }

    /// Removes a word, given as a string.
    fn remove_str(&mut self, word: &str) {
        if let Ok(at) = self.0.binary_search_by(|s| s.as_str().cmp(word)) {
            self.0.remove(at);
        }
    }
}

/// What alignment needs to know about one sentence.
#[derive(Clone, Debug, Default)]
pub struct SentenceContext {
    /// Content-word stems, with synonym groups collapsed.
    pub stems: Set<Sym>,
    /// Names (capitalized words after the first) in folded form.
    pub names: Set<Sym>,
    /// Years written in the sentence.
    pub years: Set<u32>,
    /// Whether a word places the sentence on another occasion.
    pub other_occasion: bool,
    /// Every token of the sentence, in order, for contexts local to a claim.
    pub words: Vec<Word>,
}

/// One token of a sentence, as local contexts need it.
#[derive(Clone, Copy, Debug)]
pub struct Word {
    /// Byte offsets of the token in the cleaned text.
    pub start: u32,
    pub end: u32,
    pub kind: TokenKind,
    /// The canonical stem of a content word; `None` for other tokens.
    pub stem: Option<Sym>,
    /// The folded word (or the punctuation mark) as written.
    pub folded: Sym,
    /// The year the token writes, if it is one.
    pub year: Option<u32>,
    /// Whether the word places what surrounds it on another occasion.
    pub occasion: bool,
    /// Whether the word is a name (capitalized, not the sentence's first word).
    pub name: bool,
    /// Whether the word is a reporting verb ("said"), which names a source.
    reporting: bool,
    /// Whether the word makes a figure an estimate ("estimated", "feared").
    estimate: bool,
}

impl Word {
    pub fn span(&self) -> crate::span::Span {
        crate::span::Span {
            start: self.start,
            end: self.end,
        }
    }
}

/// What surrounds one quantity in its sentence: the words of its clause,
/// and whether another occasion is named close to it. Two numbers of one
/// sentence ("at a depth of 30 km, 90 km from the coast") get different
/// local contexts, so they do not swap partners.
#[derive(Clone, Debug, Default)]
pub struct Local {
    /// Content stems of the clause around the number, at most
    /// [`LOCAL_WINDOW`] tokens away.
    pub stems: Set<Sym>,
    /// Years written near the number.
    pub years: Set<u32>,
    /// Names (capitalized words after the first) in the clause around the number.
    pub names: Set<Sym>,
    /// Whether an occasion word ("previous", "different") stands near the number.
    pub other_occasion: bool,
    /// Stems naming who the figure is attributed to ("police", "organis"),
    /// from "according to ..." or "... said" in the sentence.
    pub source: Set<Sym>,
    /// The words of those sources as written (folded), in reading order,
    /// for explanations: "sheriff dale" rather than stems.
    pub source_words: Vec<Sym>,
    /// Whether the sentence presents the figure as an estimate or a fear
    /// rather than a count ("estimated", "feared").
    pub estimate: bool,
    /// Whether the quantity is a part of a group named by its noun
    /// ("two of the men", "three of them").
    pub partitive: bool,
    /// For a price move, the moment of the trading day it is taken at.
    pub moment: Option<Moment>,
    /// For a price move, its direction: up (`Some(true)`) or down.
    pub rising: Option<bool>,
}

/// A moment of the trading day a price move is taken at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moment {
    /// At the close: "shares closed up 9%".
    Close,
    /// During the day, or its peak: "jumped as much as 14% in early trading".
    Intraday,
}

impl Moment {
    /// Words for explanations.
    pub fn words(self) -> &'static str {
        match self {
            Moment::Close => "at the close",
            Moment::Intraday => "during trading",
        }
    }
}

/// The moments lexicon: price moves, moments of the day, directions.
/// Words are interned as a sentence's words are, so that the local context
/// of every figure compares them as pointers.
#[derive(serde::Deserialize)]
struct Moments {
    #[serde(deserialize_with = "syms")]
    subjects: Vec<Sym>,
    #[serde(deserialize_with = "phrases")]
    close: Vec<Vec<Sym>>,
    #[serde(deserialize_with = "phrases")]
    intraday: Vec<Vec<Sym>>,
    #[serde(deserialize_with = "syms")]
    up: Vec<Sym>,
    #[serde(deserialize_with = "syms")]
    down: Vec<Sym>,
    time_names: BTreeSet<String>,
}

fn moments() -> &'static Moments {
    static DATA: OnceLock<Moments> = OnceLock::new();
    DATA.get_or_init(|| {
        toml::from_str(include_str!("lexicon/moments.toml")).expect("lexicon/moments.toml parses")
    })
}

/// Words of the lexicon, interned.
fn syms<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Sym>, D::Error> {
    let list: Vec<String> = serde::Deserialize::deserialize(d)?;
    Ok(list.iter().map(|w| Sym::new(w)).collect())
}

/// Phrases of the lexicon split into their words once, for [`has_phrase`].
fn phrases<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Vec<Sym>>, D::Error> {
    let list: Vec<String> = serde::Deserialize::deserialize(d)?;
    Ok(list
        .iter()
        .map(|p| p.split(' ').map(Sym::new).collect())
        .collect())
}

/// Whether any phrase of `list` (split into words) is a run of the words of
/// `clause`.
fn has_phrase(clause: &[Word], list: &[Vec<Sym>]) -> bool {
    list.iter().any(|p| {
        clause
            .windows(p.len())
            .any(|run| run.iter().zip(p).all(|(w, x)| w.folded == *x))
    })
}

/// How many tokens either side of a number its local context reaches.
pub const LOCAL_WINDOW: usize = 8;

/// How many tokens either side of a number an occasion word or a year
/// moves the number to another occasion.
pub const OCCASION_WINDOW: usize = 12;

fn is_clause_break(w: &Word) -> bool {
    w.stem.is_none()
        && matches!(
            w.folded.as_str(),
            "," | ";" | ":" | "(" | ")" | "\u{2014}" | "\u{2013}" | "\""
        )
}

/// Whether word `k` ends a clause. The colon of a clock time ("6:14") does not.
fn breaks_at(words: &[Word], k: usize) -> bool {
    let digit = |i: Option<usize>| {
        i.and_then(|i| words.get(i)).is_some_and(|w| {
            w.folded
                .as_str()
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
        })
    };
    is_clause_break(&words[k])
        && !(words[k].folded.as_str() == ":" && digit(k.checked_sub(1)) && digit(Some(k + 1)))
}

/// The local context of the claim at `span` in sentence `ctx`.
pub fn local(ctx: &SentenceContext, span: crate::span::Span) -> Local {
    let mut out = Local::default();
    let words = &ctx.words;
    let first = words.iter().position(|w| w.end > span.start);
    let last = words.iter().rposition(|w| w.start < span.end);
    let (Some(first), Some(last)) = (first, last) else {
        return out;
    };
    let lo = first.saturating_sub(OCCASION_WINDOW);
    let hi = (last + OCCASION_WINDOW).min(words.len().saturating_sub(1));
    out.other_occasion = words[lo..=hi].iter().any(|w| w.occasion);
    out.years = words[lo..=hi].iter().filter_map(|w| w.year).collect();
    // The clause: walk out from the number until a clause mark or the window's end.
    let mut i = first;
    while i > 0 && first - (i - 1) <= LOCAL_WINDOW && !breaks_at(words, i - 1) {
        i -= 1;
    }
    let mut j = last;
    while j + 1 < words.len() && (j + 1) - last <= LOCAL_WINDOW && !breaks_at(words, j + 1) {
        j += 1;
    }
    let clause = &words[i..=j];
    out.stems = clause.iter().filter_map(|w| w.stem).collect();
    out.names = clause.iter().filter(|w| w.name).map(|w| w.folded).collect();
    let m = moments();
    if has_phrase(clause, &m.intraday) {
        out.moment = Some(Moment::Intraday);
    } else if has_phrase(clause, &m.close) {
        out.moment = Some(Moment::Close);
    }
    // The direction word nearest before the number: "closed up 9%".
    let listed = |list: &[Sym], w: &Word| list.contains(&w.folded);
    out.rising = words[i..first].iter().rev().find_map(|w| {
        if listed(&m.up, w) {
            Some(true)
        } else if listed(&m.down, w) {
            Some(false)
        } else {
            None
        }
    });
    out.partitive = words[first..=last].windows(2).any(|p| {
        p[0].folded.as_str() == "of"
            && matches!(
                p[1].folded.as_str(),
                "the" | "them" | "those" | "these" | "whom"
            )
    });
    // Attribution: "according to X", "X said", "said X".
    let mut source: Vec<&Word> = Vec::new();
    for (k, w) in words.iter().enumerate() {
        if w.folded.as_str() == "according"
            && words.get(k + 1).is_some_and(|n| n.folded.as_str() == "to")
        {
            source.extend(
                words[k + 2..]
                    .iter()
                    .take(5)
                    .take_while(|n| !is_clause_break(n))
                    .filter(|n| n.stem.is_some()),
            );
        }
        if w.reporting {
            let at = source.len();
            source.extend(
                words[k.saturating_sub(3)..k]
                    .iter()
                    .rev()
                    .take_while(|n| !is_clause_break(n))
                    .filter(|n| n.stem.is_some() && !is_pronoun(n.folded.as_str())),
            );
            source[at..].reverse();
        }
        if w.estimate {
            out.estimate = true;
        }
    }
    out.source = source.iter().filter_map(|n| n.stem).collect();
    out.source_words = source.iter().map(|n| n.folded).collect();
    out
}

fn is_pronoun(w: &str) -> bool {
    matches!(
        w,
        "he" | "she" | "they" | "it" | "we" | "i" | "officials" | "official"
    )
}

fn reporting_verbs() -> &'static BTreeSet<&'static str> {
    static SET: OnceLock<BTreeSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| crate::lexicon::words(include_str!("lexicon/sources.txt")).collect())
}

/// Whether a source stem names news media that relay a figure ("the
/// public broadcaster reported") rather than a source that produced it.
pub fn is_relay(stem: &str) -> bool {
    static SET: OnceLock<BTreeSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        crate::lexicon::words(include_str!("lexicon/media.txt"))
            .map(normalize::stem)
            .collect()
    })
    .contains(stem)
}

fn estimate_words() -> &'static BTreeSet<&'static str> {
    static SET: OnceLock<BTreeSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| crate::lexicon::words(include_str!("lexicon/estimates.txt")).collect())
}

/// Whether a canonical head noun names people in general ("people",
/// "men", "residents"): such a count needs more than its noun to align.
fn generic_head(stem: &str) -> bool {
    static SET: OnceLock<BTreeSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        crate::lexicon::words(include_str!("lexicon/generic_heads.txt"))
            .map(|w| canonical(&normalize::stem(w)).to_string())
            .collect()
    })
    .contains(stem)
}

/// The synonym group of a stem: the first stem of its group, or itself.
pub fn canonical(stem: &str) -> &str {
    static GROUPS: OnceLock<HashMap<String, String>> = OnceLock::new();
    let groups = GROUPS.get_or_init(|| {
        let mut map = HashMap::default();
        for line in crate::lexicon::words(include_str!("lexicon/synonyms.txt")) {
            let mut words = line.split_whitespace().map(normalize::stem);
            if let Some(first) = words.next() {
                map.entry(first.clone()).or_insert_with(|| first.clone());
                for w in words {
                    map.entry(w).or_insert_with(|| first.clone());
                }
            }
        }
        map
    });
    groups.get(stem).map_or(stem, String::as_str)
}

fn occasion_words() -> &'static BTreeSet<&'static str> {
    static SET: OnceLock<BTreeSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| crate::lexicon::words(include_str!("lexicon/occasion.txt")).collect())
}

/// The two-word occasion phrases ("months after"), as second words by
/// first word, so that a word and the one before it are looked up without
/// joining them into a new string.
fn occasion_phrases() -> &'static HashMap<&'static str, Vec<&'static str>> {
    static MAP: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: HashMap<&'static str, Vec<&'static str>> = HashMap::default();
        for (first, second) in occasion_words().iter().filter_map(|w| w.split_once(' ')) {
            map.entry(first).or_default().push(second);
        }
        map
    })
}

/// The sentence contexts of one event's documents, each made when a rule
/// first asks for it.
///
/// Contexts hold every token of their sentence, several times the size of
/// its text, so they live as long as their event is compared. Most
/// sentences are never asked for (the rules read those with a figure, a
/// hedge or a cause), so a context is made on first use, not for every
/// sentence up front.
#[derive(Debug, Default)]
pub struct Contexts<'a> {
    analyses: &'a [Analysis],
    /// Sorted by document index: a slot per sentence.
    docs: Vec<(usize, Vec<OnceLock<SentenceContext>>)>,
}

impl<'a> Contexts<'a> {
    /// Contexts of the documents `docs` (indices into `analyses`).
    pub fn of(analyses: &'a [Analysis], docs: &[usize]) -> Contexts<'a> {
        let mut docs: Vec<(usize, Vec<OnceLock<SentenceContext>>)> = docs
            .iter()
            .map(|&d| {
                let slots = analyses[d].sentences.iter().map(|_| OnceLock::new());
                (d, slots.collect())
            })
            .collect();
        docs.sort_unstable_by_key(|&(d, _)| d);
        Contexts { analyses, docs }
    }

    fn slots(&self, doc: usize) -> &[OnceLock<SentenceContext>] {
        match self.docs.binary_search_by_key(&doc, |&(d, _)| d) {
            Ok(at) => &self.docs[at].1,
            Err(_) => &[],
        }
    }

    /// The context of sentence `sentence` of document `doc`; none for a
    /// document of another event.
    pub fn get(&self, doc: usize, sentence: usize) -> Option<&SentenceContext> {
        let slot = self.slots(doc).get(sentence)?;
        Some(slot.get_or_init(|| {
            let analysis = &self.analyses[doc];
            context(&analysis.doc.text, analysis.sentences[sentence].span)
        }))
    }

    /// How many sentences document `doc` has; none for a document of another event.
    pub fn sentences(&self, doc: usize) -> usize {
        self.slots(doc).len()
    }
}

/// What alignment reads from a token's text, wherever the token stands.
#[derive(Clone, Copy)]
struct Lexeme {
    folded: Sym,
    /// The canonical stem of a content word.
    stem: Option<Sym>,
    /// The year a number writes.
    year: Option<u32>,
    /// Whether the word alone names another occasion ("previous").
    occasion: bool,
    /// Whether the word is the first of a two-word occasion phrase.
    opens_phrase: bool,
    capitalized: bool,
    reporting: bool,
    estimate: bool,
}

/// The lexeme of a token's text. News text repeats its words, so each
/// thread keeps the lexemes it has made (up to a bound, then starts
/// afresh): a repeated word costs one lookup instead of folding, stemming
/// and several lexicon lookups. A token's kind follows from its text, so
/// the text alone is the key.
fn lexeme(word: &str, kind: TokenKind) -> Lexeme {
    use std::cell::RefCell;
    thread_local! {
        static CACHE: RefCell<HashMap<Box<str>, Lexeme>> = RefCell::default();
    }
    const MAX_CACHED: usize = 1 << 17;
    CACHE.with(|cache| {
        if let Some(&lexeme) = cache.borrow().get(word) {
            return lexeme;
        }
        let folded = normalize::fold(word);
        let mut lexeme = Lexeme {
            folded: Sym::new(&folded),
            stem: None,
            year: None,
            occasion: false,
            opens_phrase: occasion_phrases().contains_key(folded.as_str()),
            capitalized: false,
            reporting: reporting_verbs().contains(folded.as_str()),
            estimate: estimate_words().contains(folded.as_str()),
        };
        match kind {
            TokenKind::Number => {
                lexeme.year = word
                    .parse::<u32>()
                    .ok()
                    .filter(|y| (1900..=2100).contains(y));
            }
            TokenKind::Word => {
                lexeme.occasion = occasion_words().contains(folded.as_str());
                if !normalize::is_stopword(&folded) && folded.chars().count() >= 3 {
                    lexeme.capitalized = word.chars().next().is_some_and(char::is_uppercase);
                    lexeme.stem = Some(Sym::new(canonical(&normalize::stem(word))));
                }
            }
            TokenKind::Punct => {}
        }
        let mut cache = cache.borrow_mut();
        if cache.len() >= MAX_CACHED {
            cache.clear();
        }
        cache.insert(word.into(), lexeme);
        lexeme
    })
}

/// The context of every sentence of a document.
pub fn contexts(analysis: &Analysis) -> Vec<SentenceContext> {
    let text = &analysis.doc.text;
    analysis
        .sentences
        .iter()
        .map(|sentence| context(text, sentence.span))
        .collect()
}

/// The context of the sentence at `span` of `text`.
fn context(text: &str, span: crate::span::Span) -> SentenceContext {
    let tokens = segment::tokens(text, span);
    let mut ctx = SentenceContext {
        words: Vec::with_capacity(tokens.len()),
        ..SentenceContext::default()
    };
    let (mut stems, mut names, mut years) = (Vec::new(), Vec::new(), Vec::new());
    // Whether the token before opens a two-word occasion phrase.
    let mut opens_phrase = false;
    for (i, token) in tokens.iter().enumerate() {
        let lexeme = lexeme(token.text(text), token.kind);
        let mut w = Word {
            start: token.span.start,
            end: token.span.end,
            kind: token.kind,
            stem: lexeme.stem,
            folded: lexeme.folded,
            year: lexeme.year,
            occasion: lexeme.occasion,
            name: i > 0 && lexeme.capitalized,
            reporting: lexeme.reporting,
            estimate: lexeme.estimate,
        };
        years.extend(w.year);
        if token.kind == TokenKind::Word && opens_phrase {
            let phrase = ctx.words.last().is_some_and(|p| {
                occasion_phrases()
                    .get(p.folded.as_str())
                    .is_some_and(|seconds| seconds.contains(&w.folded.as_str()))
            });
            if phrase {
                if let Some(p) = ctx.words.last_mut() {
                    p.occasion = true;
                }
                w.occasion = true;
            }
        }
        opens_phrase = lexeme.opens_phrase;
        ctx.other_occasion |= w.occasion;
        stems.extend(w.stem);
        if w.name {
            names.push(w.folded);
        }
        ctx.words.push(w);
    }
    ctx.stems = stems.into_iter().collect();
    ctx.names = names.into_iter().collect();
    ctx.years = years.into_iter().collect();
    ctx
}

fn jaccard<T: Ord>(a: &Set<T>, b: &Set<T>) -> f32 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f32 / union as f32
    }
}

/// How well two quantities' counted nouns match: 1 for the same head (or
/// heads of one synonym group), less for a shared word. A count needs its
/// head to match; a measure ("four hours", "12 knots", "94% effective") may
/// name something else or nothing, and then the other side's noun standing
/// near its number is some support.
fn counted_match(a: &Quantity, (ta, la): (&Terms, &Local), (tb, lb): (&Terms, &Local)) -> f32 {
    let (ca, cb) = (&ta.heads, &tb.heads);
    let count = matches!(a.dimension, Dimension::Count | Dimension::Rank);
    // "150 casual workers" and "1,500 port workers" count two groups of
    // workers: modifiers that differ, and that the other side never uses,
    // make the same head weaker evidence.
    let other_groups = ca.len() > 1
        && cb.len() > 1
        && ca[1..]
            .iter()
            .all(|m| !cb.contains(m) && !lb.stems.contains_str(m))
        && cb[1..]
            .iter()
            .all(|m| !ca.contains(m) && !la.stems.contains_str(m));
    match (ca.first(), cb.first()) {
        (Some(ha), Some(hb)) if ha == hb && other_groups => 0.6,
        (Some(ha), Some(hb)) if ha == hb => 1.0,
        (Some(_), Some(_)) if ca.iter().any(|w| cb.contains(w)) => 0.7,
        _ if count => 0.0,
        (None, None) => 0.6,
        (Some(ha), Some(hb))
            if a.dimension != Dimension::Money
                && (lb.stems.contains_str(ha) || la.stems.contains_str(hb)) =>
        {
            0.6
        }
        (Some(_), Some(_)) => 0.0,
        (Some(ha), None) if lb.stems.contains_str(ha) => 0.6,
        (None, Some(hb)) if la.stems.contains_str(hb) => 0.6,
        _ => 0.0,
    }
}

/// What scoring reads of a quantity's words, made once per claim rather
/// than once for every pair of claims it is weighed against: each of those
/// words costs a lookup in the synonym table, and the head one more.
pub struct Terms<'a> {
    /// The canonical stems of what the quantity counts, in order.
    counted: Vec<&'a str>,
    /// The same, head first. People in general that something happened to
    /// are counted by what happened: "60 people are feared to have died"
    /// counts deaths, as "23 bodies" does.
    heads: Vec<&'a str>,
    /// The canonical stem of the predicate.
    predicate: Option<&'a str>,
    /// Whether the head counts people in general, with nothing that
    /// happened to them to say which people.
    generic: bool,
}

impl<'a> Terms<'a> {
    pub fn of(q: &'a Quantity) -> Terms<'a> {
        let counted: Vec<&str> = q.counted.iter().map(|s| canonical(s)).collect();
        let predicate = q.predicate.as_deref().map(canonical);
        let mut heads = counted.clone();
        let mut generic = false;
        if let Some(first) = heads.first_mut() {
            if generic_head(first)
                && let Some(p) = predicate
            {
                *first = p;
            }
            generic = generic_head(first);
        }
        Terms {
            counted,
            heads,
            predicate,
            generic,
        }
    }
}

/// Local context stems of both sides, without the numbers' own counted words.
fn shared_context(ta: &Terms, tb: &Terms, la: &Local, lb: &Local) -> usize {
    la.stems
        .intersection(&lb.stems)
        .filter(|s| {
            let s = s.as_str();
            !ta.counted.contains(&s) && !tb.counted.contains(&s)
        })
        .count()
}

/// Content words the clauses of two measures share, other than what either
/// counts and the units they are written in: "halted 40 minutes before
/// the countdown ended" and "two minutes left on the countdown" share
/// "countdown".
fn shared_words(a: &Quantity, b: &Quantity, la: &Local, lb: &Local) -> usize {
    let own: BTreeSet<String> = a
        .counted
        .iter()
        .chain(&b.counted)
        .map(|s| canonical(s).to_string())
        .chain(
            [&a.unit, &b.unit]
                .into_iter()
                .flat_map(|u| u.split_whitespace())
                .map(|w| canonical(&normalize::stem(w)).to_string()),
        )
        .collect();
    la.stems
        .intersection(&lb.stems)
        .filter(|s| !own.contains(s.as_str()) && !la.names.contains(s))
        .count()
}

/// How sure we are that two quantities are about the same thing (0 when not at all).
pub fn quantity_score(
    a: &Quantity,
    b: &Quantity,
    (ctx_a, la): (&SentenceContext, &Local),
    (ctx_b, lb): (&SentenceContext, &Local),
) -> f32 {
    score(
        (a, &Terms::of(a)),
        (b, &Terms::of(b)),
        (ctx_a, la),
        (ctx_b, lb),
    )
}

/// [`quantity_score`], with each quantity's [`Terms`] made already.
fn score(
    (a, ta): (&Quantity, &Terms),
    (b, tb): (&Quantity, &Terms),
    (ctx_a, la): (&SentenceContext, &Local),
    (ctx_b, lb): (&SentenceContext, &Local),
) -> f32 {
    if a.dimension != b.dimension {
        return 0.0;
    }
    if a.dimension == Dimension::Money && a.currency != b.currency {
        return 0.0;
    }
    // Another occasion named near either number, or anywhere in one of the
    // sentences only, keeps the two apart.
    if la.other_occasion != lb.other_occasion
        || la.years != lb.years
        || ctx_a.other_occasion != ctx_b.other_occasion
        || ctx_a.years != ctx_b.years
    {
        return 0.0;
    }
    // Figures about two named people or places ("Greaves was sentenced to
    // four years", "the founder ... 12 years") are not one figure.
    if !la.names.is_empty() && !lb.names.is_empty() && la.names.is_disjoint(&lb.names) {
        return 0.0;
    }
    if a.unit != b.unit && matches!(a.dimension, Dimension::Count | Dimension::Rank) {
        return 0.0;
    }
    // A local time and a time in a zone cannot be told apart or compared.
    if a.dimension == Dimension::Time && a.unit != b.unit {
        return 0.0;
    }
    // "One investor" is an article more than a count.
    if a.dimension == Dimension::Count
        && (a.stated == 1.0 && a.hedge.is_none() || b.stated == 1.0 && b.hedge.is_none())
    {
        return 0.0;
    }
    let counted = counted_match(a, (ta, la), (tb, lb));
    let shared = shared_context(ta, tb, la, lb);
    let generic = ta.generic || tb.generic;
    // A vague amount ("hundreds of workers") is the same figure as a
    // number only when the two are said in the same words.
    if a.is_vague() != b.is_vague() && shared < 2 {
        return 0.0;
    }
    // Figures two orders of magnitude apart ("196 cases" in a trial,
    // "390 million infections" a year) are different scopes, not one
    // figure misreported.
    if magnitude_ratio(a, b) > MAX_RATIO {
        return 0.0;
    }
    // A part of a group ("three of the miners") is only the same figure as
    // another part said in the same words ("in serious condition").
    let partitive = la.partitive || lb.partitive;
    let counted = if counted == 0.0 && partitive && la.partitive && lb.partitive && shared >= 2 {
        0.6
    } else {
        counted
    };
    if counted == 0.0 {
        return 0.0;
    }
    // Two physical measures (a duration, a distance) that name nothing they
    // measure are tied by the words of their clauses: a word they share,
    // beyond their units, is the thing. Amounts of money and shares are
    // left out: one story has many of them, about one subject.
    let physical = !matches!(
        a.dimension,
        Dimension::Count
            | Dimension::Rank
            | Dimension::Time
            | Dimension::Money
            | Dimension::Percent
            | Dimension::PercentagePoint
    );
    let counted = if physical
        && a.counted.is_empty()
        && b.counted.is_empty()
        && shared_words(a, b, la, lb) >= 1
    {
        0.8
    } else {
        counted
    };
    if partitive && shared < 2 {
        return 0.0;
    }
    let predicate = match (ta.predicate, tb.predicate) {
        (Some(pa), Some(pb)) if pa == pb => 1.0,
        (Some(_), Some(_)) if generic => return 0.0,
        (Some(_), Some(_)) => 0.2,
        _ if generic && shared < 2 => return 0.0,
        _ => 0.5,
    };
    let local = jaccard(&la.stems, &lb.stems);
    let context = jaccard(&ctx_a.stems, &ctx_b.stems);
    0.5 * counted
        + 0.15 * predicate
        + 0.2 * (local * 3.0).min(1.0)
        + 0.15 * (context * 2.5).min(1.0)
}

/// Whether two shares are moves of one traded subject ("shares closed up
/// 9%", "shares jumped as much as 14%"): both name nothing they are a share
/// of, go the same way, and stand in sentences that name a traded subject
/// and the same thing. Such moves align even where the words around them
/// differ, since the day's moments are compared next. The sentences are
/// about two subjects only when their names (other than dates) differ and
/// each document knows the other's names too ("Acme closed up" and "Globex
/// rose" in two reports that name both companies); a stock exchange or a
/// city that only one report names says nothing. `docs` are every name of
/// each document.
pub fn same_move(
    a: &Quantity,
    b: &Quantity,
    (ctx_a, la): (&SentenceContext, &Local),
    (ctx_b, lb): (&SentenceContext, &Local),
    docs: (&Set<Sym>, &Set<Sym>),
) -> bool {
    // Alignment asks this of nearly every pair of quantities that did not
    // align otherwise; the checks on the two figures alone come first, so
    // that the sentences' names are gathered only for two moves.
    if !moves(a, b, la, lb) {
        return false;
    }
    let m = moments();
    let traded = |ctx: &SentenceContext| ctx.words.iter().any(|w| m.subjects.contains(&w.folded));
    let names = |ctx: &SentenceContext| -> Set<Sym> {
        ctx.names
            .iter()
            .filter(|n| !m.time_names.contains(n.as_str()))
            .copied()
            .collect()
    };
    let (na, nb) = (names(ctx_a), names(ctx_b));
    let known = |n: &Set<Sym>, doc: &Set<Sym>| !n.is_disjoint(doc);
    let two_subjects = na.is_disjoint(&nb) && known(&nb, docs.0) && known(&na, docs.1);
    traded(ctx_a) && traded(ctx_b) && !two_subjects
}

/// Whether two shares are price moves the same way on no other occasion:
/// what [`same_move`] asks of the two figures alone, before their sentences.
fn moves(a: &Quantity, b: &Quantity, la: &Local, lb: &Local) -> bool {
    a.dimension == Dimension::Percent
        && b.dimension == Dimension::Percent
        && a.counted.is_empty()
        && b.counted.is_empty()
        && la.rising.is_some()
        && la.rising == lb.rising
        && !la.other_occasion
        && !lb.other_occasion
        && la.years == lb.years
}

/// How many times larger one value is than the other (1 when equal).
fn magnitude_ratio(a: &Quantity, b: &Quantity) -> f64 {
    let (x, y) = (a.value.abs(), b.value.abs());
    let (lo, hi) = (x.min(y), x.max(y));
    if lo == 0.0 { 1.0 } else { hi / lo }
}

/// Values further apart than this factor are not one figure.
const MAX_RATIO: f64 = 100.0;

/// Values within this factor of each other are the same figure give or
/// take a hedge: "more than 200" and "about 250", "more than a week" and
/// "nine days".
const CLOSE_RATIO: f64 = 1.5;

/// How sure we are that two compatible quantities corroborate each other,
/// with a lower bar than [`quantity_score`]: an agreement that pairs the
/// wrong claims is a small error, while a conflict that does is a false
/// alarm. The values must fit and be close, nothing may set the two apart
/// (another occasion, a partitive, a vague amount), and at least two
/// independent signs must tie them: the same counted thing, the same
/// predicate, shared words around the numbers, two hedged figures, or one
/// figure written in two units that convert to the same value. Returns 0
/// when they do not align.
fn agreement_score(
    (a, ta): (&Quantity, &Terms),
    (b, tb): (&Quantity, &Terms),
    (ctx_a, la): (&SentenceContext, &Local),
    (ctx_b, lb): (&SentenceContext, &Local),
) -> f32 {
    if a.dimension != b.dimension
        || a.dimension == Dimension::Money && a.currency != b.currency
        || !crate::compare::compatible(a, b)
        || magnitude_ratio(a, b) > CLOSE_RATIO
        || a.is_vague()
        || b.is_vague()
        || la.partitive != lb.partitive
    {
        return 0.0;
    }
    // Only another occasion named near a number keeps an agreement apart:
    // a year elsewhere in a long sentence rarely moves the figure.
    if la.other_occasion != lb.other_occasion || la.years != lb.years {
        return 0.0;
    }
    let count = matches!(a.dimension, Dimension::Count | Dimension::Rank);
    if (count || a.dimension == Dimension::Time) && a.unit != b.unit {
        return 0.0;
    }
    if a.dimension == Dimension::Count
        && (a.stated == 1.0 && a.hedge.is_none() || b.stated == 1.0 && b.hedge.is_none())
    {
        return 0.0;
    }
    let (ha, hb) = (&ta.heads, &tb.heads);
    let (pa, pb) = (ta.predicate, tb.predicate);
    // Two different things happened to people ("killed", "displaced").
    if let (Some(x), Some(y)) = (pa, pb)
        && x != y
        && (ta.generic || tb.generic)
    {
        return 0.0;
    }
    let near = |h: &str, q: &Option<&str>, l: &Local| {
        *q == Some(h) || l.stems.contains_str(h) || heads_overlap(h, l)
    };
    let mut signs = 0;
    let same_head = match (ha.first(), hb.first()) {
        (Some(x), Some(y)) => {
            x == y
                || ha.iter().any(|w| hb.contains(w))
                || same_root(x, y)
                // "rescuers" and "rescue workers", before synonyms merge stems.
                || a.counted.iter().any(|w| b.counted.iter().any(|v| w != v && same_root(w, v)))
        }
        (Some(x), None) => near(x, &pb, lb),
        (None, Some(y)) => near(y, &pa, la),
        (None, None) => false,
    };
    if same_head {
        signs += 1;
    }
    if pa.is_some() && pa == pb {
        signs += 1;
    }
    let shared = shared_context(ta, tb, la, lb) >= 1;
    if shared {
        signs += 1;
    }
    // Two counts of different named things ("homes", "customers") are one
    // figure only when the words around them say so.
    if count && !same_head && !ha.is_empty() && !hb.is_empty() && !shared {
        return 0.0;
    }
    let hedged = |q: &Quantity| q.hedge.is_some() || !q.interval.is_point();
    if hedged(a) && hedged(b) {
        signs += 1;
    }
    if !count && a.unit != b.unit {
        signs += 1;
    }
    if a.value == b.value && a.interval == b.interval {
        signs += 1;
        // A clock time to the minute ("6:14 p.m. EDT", "22:14 GMT") is
        // specific enough to be a sign of its own.
        if a.dimension == Dimension::Time && a.value % 1800.0 != 0.0 {
            signs += 1;
        }
    }
    if signs < 2 {
        return 0.0;
    }
    let local = jaccard(&la.stems, &lb.stems);
    let context = jaccard(&ctx_a.stems, &ctx_b.stems);
    signs as f32 + local + context
}

/// Whether a head stem is a word of a local context, by a shared root
/// ("rescuers" and "rescue workers").
fn heads_overlap(h: &str, l: &Local) -> bool {
    l.stems.iter().any(|s| same_root(h, s.as_str()))
}

/// Whether two stems share a root of five letters or more.
fn same_root(a: &str, b: &str) -> bool {
    let n = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    n >= 5 && (n == a.chars().count() || n == b.chars().count())
}

/// Values further apart than this factor are rarely one figure misreported.
const FAR_RATIO: f64 = 3.0;

/// Least score for two figures [`FAR_RATIO`] apart to be one thing that
/// the outlets disagree on.
const FAR_SCORE: f32 = 0.8;

/// Whether two aligned figures that cannot both hold are sure enough to be
/// one thing to be shown as a disagreement. Vague amounts ("thousands",
/// "tens of thousands") are figures of speech, never a conflict. Figures
/// more than three times apart ("23 states" and "two states", "$1.4
/// billion" and "$5.7 billion") are most often two things of one kind,
/// unless the alignment is strong or both are approximations of one
/// figure ("about 2 million users", "some 20 million users").
///
/// Sums of money and shares that name nothing they are of ("$3 billion",
/// "46 percent") are many in one story and need a strong alignment too. An
/// addition or a remainder ("two more debates") is not a total ("three
/// debates").
fn conflict_worthy(fa: &Figure, fb: &Figure, score: f32) -> bool {
    let (a, b) = (fa.quantity, fb.quantity);
    if a.is_vague() || b.is_vague() {
        return false;
    }
    if fa.remainder() != fb.remainder() {
        return false;
    }
    let unnamed = matches!(a.dimension, Dimension::Money | Dimension::Percent)
        && a.counted.is_empty()
        && b.counted.is_empty();
    if unnamed && score < UNNAMED_SCORE {
        return false;
    }
    let hedged = |q: &Quantity| q.hedge.is_some() || !q.interval.is_point();
    magnitude_ratio(a, b) <= FAR_RATIO || score >= FAR_SCORE || hedged(a) && hedged(b)
}

/// Least score for two sums of money or shares that name nothing they are
/// of to be one thing the outlets disagree on.
const UNNAMED_SCORE: f32 = 0.7;

/// Whether a claim as written is an addition or a remainder ("two more
/// debates"); the words of its hedge ("more than 2,000") do not count.
fn remainder(q: &Quantity, text: &str) -> bool {
    static SET: OnceLock<BTreeSet<&'static str>> = OnceLock::new();
    let words =
        SET.get_or_init(|| crate::lexicon::words(include_str!("lexicon/remainders.txt")).collect());
    let hedge = q.hedge.as_deref().unwrap_or("");
    text.split(|c: char| !c.is_alphanumeric())
        .map(normalize::fold_borrowed)
        .any(|w| words.contains(&*w) && !hedge.split_whitespace().any(|h| h == w))
}

/// Least score for two quantities to be aligned at all.
pub const MIN_SCORE: f32 = 0.55;

/// Least score for two quantities whose values cannot both hold to be
/// paired even when one of them already agrees with another claim.
pub const CONFLICT_SCORE: f32 = 0.65;

/// The local context of every quantity claim of a document, by claim index.
///
/// The noun another number of the same sentence counts is that number's,
/// not support for this one: in "30 km south-west of the city at a depth of
/// 90 km", "depth" says nothing about the 30 km.
///
/// `context` gives the context of a sentence by its index.
pub fn locals<'c>(
    analysis: &Analysis,
    context: impl Fn(usize) -> Option<&'c SentenceContext>,
) -> Vec<Option<Local>> {
    analysis
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let q = c.quantity()?;
            let ctx = context(c.sentence as usize)?;
            let mut out = local(ctx, c.span);
            let own = q.counted.first().map(|h| canonical(h));
            for (j, other) in analysis.claims.iter().enumerate() {
                if j == i || other.sentence != c.sentence {
                    continue;
                }
                if let Some(head) = other.quantity().and_then(|o| o.counted.first()) {
                    let head = canonical(head);
                    if Some(head) != own {
                        out.stems.remove_str(head);
                    }
                }
            }
            Some(out)
        })
        .collect()
}

/// A quantity claim of one document, with what alignment reads around it.
struct Figure<'a> {
    /// Index of the claim.
    claim: usize,
    quantity: &'a Quantity,
    terms: Terms<'a>,
    local: &'a Local,
    context: &'a SentenceContext,
    /// Whether its sentence is a heading.
    heading: bool,
    /// The claim as written.
    text: &'a str,
    /// Whether the claim as written is an addition or a remainder
    /// ([`remainder`]), asked of few figures and made once.
    remainder: std::cell::OnceCell<bool>,
}

impl Figure<'_> {
    fn remainder(&self) -> bool {
        *self
            .remainder
            .get_or_init(|| remainder(self.quantity, self.text))
    }
}

/// The quantity claims of document `doc` that have a local context, in claim order.
fn figures<'a>(
    analysis: &'a Analysis,
    locals: &'a [Option<Local>],
    contexts: &'a Contexts<'_>,
    doc: usize,
) -> Vec<Figure<'a>> {
    analysis
        .claims
        .iter()
        .zip(locals)
        .enumerate()
        .filter_map(|(claim, (c, local))| {
            let sentence = c.sentence as usize;
            let quantity = c.quantity()?;
            let local = local.as_ref()?;
            Some(Figure {
                claim,
                quantity,
                terms: Terms::of(quantity),
                local,
                context: contexts.get(doc, sentence)?,
                heading: analysis.sentences[sentence].heading,
                text: c.span.slice(&analysis.doc.text),
                remainder: std::cell::OnceCell::new(),
            })
        })
        .collect()
}

/// Aligns the quantities of the documents of one event.
///
/// Per pair of documents, the best pairs are taken one to one. A quantity
/// may also be paired with a second, conflicting one when that alignment is
/// strong: if one outlet gives two values for a thing and another outlet
/// gives one of them, the other value is still a disagreement to show.
pub fn quantities(analyses: &[Analysis], contexts: &Contexts<'_>, docs: &[usize]) -> Vec<Pair> {
    let mut out = Vec::new();
    let locals: Vec<Vec<Option<Local>>> = docs
        .iter()
        .map(|&d| locals(&analyses[d], |s| contexts.get(d, s)))
        .collect();
    let figures: Vec<Vec<Figure>> = docs
        .iter()
        .zip(&locals)
        .map(|(&d, locals)| figures(&analyses[d], locals, contexts, d))
        .collect();
    // Every name of each document, for price moves (see `same_move`): made
    // only for a document with a move, since it reads every sentence.
    let doc_names: Vec<std::cell::OnceCell<Set<Sym>>> =
        docs.iter().map(|_| std::cell::OnceCell::new()).collect();
    let names_of = |x: usize| {
        doc_names[x].get_or_init(|| {
            let d = docs[x];
            (0..contexts.sentences(d))
                .filter_map(|s| contexts.get(d, s))
                .flat_map(|c| c.names.iter().copied())
                .collect()
        })
    };
    for (x, &da) in docs.iter().enumerate() {
        for (y, &db) in docs.iter().enumerate().skip(x + 1) {
            let mut scored = Vec::new();
            for fa in &figures[x] {
                let (qa, la, ctx_a) = (fa.quantity, fa.local, fa.context);
                for fb in &figures[y] {
                    let (qb, lb, ctx_b) = (fb.quantity, fb.local, fb.context);
                    // A headline repeats a figure the body gives with its
                    // context; the body's statement is the one to pair.
                    let headings = [fa.heading, fb.heading];
                    let penalty = 1.0 - 0.05 * headings.iter().filter(|&&h| h).count() as f32;
                    let mut raw = score((qa, &fa.terms), (qb, &fb.terms), (ctx_a, la), (ctx_b, lb));
                    if raw < MIN_SCORE
                        && moves(qa, qb, la, lb)
                        && same_move(qa, qb, (ctx_a, la), (ctx_b, lb), (names_of(x), names_of(y)))
                    {
                        raw = MIN_SCORE;
                    }
                    let score = if raw >= MIN_SCORE {
                        (raw * penalty).max(MIN_SCORE)
                    } else {
                        raw
                    };
                    if score >= MIN_SCORE {
                        let compatible = crate::compare::compatible(qa, qb);
                        // Moves at two moments of the day are a variation to show.
                        let moments =
                            la.moment.is_some() && lb.moment.is_some() && la.moment != lb.moment;
                        if !compatible && !moments && !conflict_worthy(fa, fb, score) {
                            continue;
                        }
                        // A headline's figure that fits a body's is left to
                        // the agreements below, which pair a headline with a
                        // headline and a body sentence with a body sentence
                        // first, when they would take it.
                        if compatible
                            && headings[0] != headings[1]
                            && agreement_score(
                                (qa, &fa.terms),
                                (qb, &fb.terms),
                                (ctx_a, la),
                                (ctx_b, lb),
                            ) > 0.0
                        {
                            continue;
                        }
                        scored.push((
                            Pair {
                                a: (da, fa.claim),
                                b: (db, fb.claim),
                                score,
                            },
                            compatible,
                        ));
                    }
                }
            }
            scored.sort_by(|(x, _), (y, _)| {
                y.score
                    .total_cmp(&x.score)
                    .then((x.a, x.b).cmp(&(y.a, y.b)))
            });
            let mut used_a = BTreeSet::new();
            let mut used_b = BTreeSet::new();
            let mut conflict_a = BTreeSet::new();
            let mut conflict_b = BTreeSet::new();
            for (pair, compatible) in scored {
                let free = !used_a.contains(&pair.a.1) && !used_b.contains(&pair.b.1);
                let strong_conflict = !compatible
                    && pair.score >= CONFLICT_SCORE
                    && !conflict_a.contains(&pair.a.1)
                    && !conflict_b.contains(&pair.b.1);
                if !free && !strong_conflict {
                    continue;
                }
                used_a.insert(pair.a.1);
                used_b.insert(pair.b.1);
                if !compatible {
                    conflict_a.insert(pair.a.1);
                    conflict_b.insert(pair.b.1);
                }
                out.push(pair);
            }
            // Then agreements, with their lower bar, among the claims left;
            // then a claim left over may corroborate one that already agrees
            // with another claim (a figure restated in a headline and in the
            // body, or in two units), but never one in a conflict.
            let mut loose = Vec::new();
            for fa in &figures[x] {
                let ia = fa.claim;
                if conflict_a.contains(&ia) {
                    continue;
                }
                for fb in &figures[y] {
                    let ib = fb.claim;
                    if conflict_b.contains(&ib) || used_a.contains(&ia) && used_b.contains(&ib) {
                        continue;
                    }
                    let score = agreement_score(
                        (fa.quantity, &fa.terms),
                        (fb.quantity, &fb.terms),
                        (fa.context, fa.local),
                        (fb.context, fb.local),
                    );
                    if score > 0.0 {
                        // A headline corroborates a headline, a body sentence a body sentence.
                        let penalty = if fa.heading == fb.heading { 0.0 } else { 1.0 };
                        loose.push((score - penalty, ia, ib));
                    }
                }
            }
            loose.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
            for &(_, ia, ib) in &loose {
                if used_a.contains(&ia) || used_b.contains(&ib) {
                    continue;
                }
                used_a.insert(ia);
                used_b.insert(ib);
                out.push(Pair {
                    a: (da, ia),
                    b: (db, ib),
                    score: MIN_SCORE,
                });
            }
            for (_, ia, ib) in loose {
                if used_a.contains(&ia) && used_b.contains(&ib) {
                    continue;
                }
                used_a.insert(ia);
                used_b.insert(ib);
                out.push(Pair {
                    a: (da, ia),
                    b: (db, ib),
                    score: MIN_SCORE,
                });
            }
        }
    }
    out
}

/// People named across the whole run, each a cluster of compatible names.
///
/// Two full names are one person when their surnames are equal after
/// transliteration and their given names are variants (Yury/Yuri,
/// Volodymyr/Vladimir); a bare surname joins the person of that surname
/// named in the same document, or the only one in the run. Two people who
/// share a surname but not a given name stay apart.
#[derive(Clone, Debug, Default)]
pub struct People {
    clusters: Vec<Person>,
    /// Cluster indices by transliterated surname, in creation order.
    by_surname: rustc_hash::FxHashMap<String, Vec<usize>>,
    /// The transliteration of every surname and first given name of the
    /// run, made once: rules look people up by name many times over.
    translits: rustc_hash::FxHashMap<String, String>,
}

/// One resolved person: the documents naming them and their given names.
#[derive(Clone, Debug, Default)]
struct Person {
    docs: BTreeSet<usize>,
    /// Distinct first given names ("Yury", "Yuri"), transliterated once
    /// here rather than at every comparison.
    givens: Vec<String>,
}

impl People {
    /// Every mention of the run that `keep` accepts and that names a known
    /// person, in document and claim order: (person, document, claim index,
    /// mention). `keep` runs first, so a cheap filter spares the lookup.
    pub fn mentions<'a>(
        &'a self,
        analyses: &'a [Analysis],
        keep: impl Fn(&Analysis, &Mention) -> bool + Copy + 'a,
    ) -> impl Iterator<Item = (usize, usize, usize, &'a Mention)> + 'a {
        analyses.iter().enumerate().flat_map(move |(d, a)| {
            a.claims.iter().enumerate().filter_map(move |(i, c)| {
                let m = c.mention().filter(|m| keep(a, m))?;
                Some((self.of_name(d, &m.name)?, d, i, m))
            })
        })
    }

    /// The transliteration of a name's word.
    fn translit<'a>(&'a self, word: &str) -> std::borrow::Cow<'a, str> {
        match self.translits.get(word) {
            Some(t) => t.into(),
            None => crate::extract::mention::translit(word).into(),
        }
    }

    /// The person a name written in document `doc` refers to.
    pub fn of_name(&self, doc: usize, name: &crate::extract::Name) -> Option<usize> {
        use crate::extract::mention::translit_compatible;
        if name.surname.is_empty() {
            return None;
        }
        let candidates = self.by_surname.get(&*self.translit(&name.surname))?;
        if let Some(first) = name.given.first() {
            let first = self.translit(first);
            return candidates.iter().copied().find(|&i| {
                self.clusters[i]
                    .givens
                    .iter()
                    .any(|g| translit_compatible(g, &first))
            });
        }
        let local: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| self.clusters[i].docs.contains(&doc))
            .collect();
        match (local.as_slice(), candidates.as_slice()) {
            ([one], _) => Some(*one),
            ([], [one]) => Some(*one),
            _ => None,
        }
    }

    /// The person a mention or attribution claim refers to.
    pub fn of_claim(&self, analyses: &[Analysis], doc: usize, claim: usize) -> Option<usize> {
        let c = analyses.get(doc)?.claims.get(claim)?;
        if let Some(m) = c.mention() {
            return self.of_name(doc, &m.name);
        }
        let a = c.attribution()?;
        if a.speaker.kind != crate::extract::SpeakerKind::Person {
            return None;
        }
        self.of_name(doc, a.speaker.name.as_ref()?)
    }
}

/// Resolves the people named in every document, once per run. Names meet
/// through an index by transliterated surname, so the cost grows with the
/// number of names, not its square.
pub fn people(analyses: &[Analysis]) -> People {
    use crate::extract::mention::{translit, translit_compatible};
    let mut people = People::default();
    for (d, a) in analyses.iter().enumerate() {
        for c in &a.claims {
            let name = match (c.mention(), c.attribution()) {
                (Some(m), _) => Some(&m.name),
                (_, Some(att)) if att.speaker.kind == crate::extract::SpeakerKind::Person => {
                    att.speaker.name.as_ref()
                }
                _ => None,
            };
            let Some(n) = name else {
                continue;
            };
            let mut translit = |w: &str| -> String {
                if let Some(t) = people.translits.get(w) {
                    return t.clone();
                }
                let t = translit(w);
                people.translits.insert(w.to_string(), t.clone());
                t
            };
            let surname = translit(&n.surname);
            let Some(first) = n.given.first() else {
                continue;
            };
            let first = translit(first);
            let ids = people.by_surname.entry(surname).or_default();
            let found = ids.iter().copied().find(|&i| {
                people.clusters[i]
                    .givens
                    .iter()
                    .any(|g| translit_compatible(g, &first))
            });
            let id = match found {
                Some(i) => i,
                None => {
                    people.clusters.push(Person::default());
                    ids.push(people.clusters.len() - 1);
                    people.clusters.len() - 1
                }
            };
            let person = &mut people.clusters[id];
            person.docs.insert(d);
            if !person.givens.contains(&first) {
                person.givens.push(first);
            }
        }
    }
    people
}

/// A statement's words, folded, and the ids of its content-word stems
/// (synonym groups collapsed, sorted and distinct).
fn statement_terms(text: &str) -> (Vec<Sym>, Vec<usize>) {
    let mut words = Vec::new();
    let mut stems = Vec::new();
    for t in segment::tokens(text, crate::span::Span::new(0, text.len())) {
        if t.kind == TokenKind::Punct {
            continue;
        }
        let lexeme = lexeme(t.text(text), t.kind);
        let folded = lexeme.folded.as_str();
        words.push(lexeme.folded);
        if !normalize::is_stopword(folded) && folded.chars().count() >= 3 {
            // The lexeme stems the word as written; a statement stems it
            // folded, which differs only where folding again would drop a
            // second "'s". Numbers have no lexeme stem.
            let stem = match lexeme.stem {
                Some(stem) if !folded.ends_with("'s") && !folded.ends_with('\'') => stem,
                _ => Sym::new(canonical(&normalize::stem(folded))),
            };
            stems.push(stem.id());
        }
    }
    stems.sort_unstable();
    stems.dedup();
    (words, stems)
}

/// How many members two sorted lists without repeats share.
fn shared_count(a: &[usize], b: &[usize]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// Two attributions, in two documents, of the same statement.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StatementPair {
    /// Document and claim index of each side; `a.0 < b.0`.
    pub a: (usize, usize),
    pub b: (usize, usize),
    /// Shared content stems.
    pub shared: usize,
    /// Shared stems over the smaller side's stems.
    pub containment: f32,
    /// Both are quotes with the same words (one may extend the other).
    pub same_quote: bool,
}

/// Whether two word sequences are the same quote: equal, or one inside the other, five words or more.
fn same_words<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 5 && long.windows(short.len()).any(|w| w == short)
}

/// An attribution ready to compare: claim index, content stems (by id,
/// sorted), quote words, quoted. Stems and words are interned, so
/// comparing two attributions compares numbers.
struct Prepared {
    claim: usize,
    stems: Vec<usize>,
    words: Vec<Sym>,
    quoted: bool,
}

/// Aligns the attributions of an event's documents by the content they report,
/// one to one per document pair, best pairs first.
pub fn statements(analyses: &[Analysis], docs: &[usize]) -> Vec<StatementPair> {
    let prepared: Vec<Vec<Prepared>> = docs
        .iter()
        .map(|&d| {
            analyses[d]
                .claims
                .iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    let a = c.attribution()?;
                    let (words, stems) = statement_terms(&a.content);
                    Some(Prepared {
                        claim: i,
                        stems,
                        words,
                        quoted: a.quoted,
                    })
                })
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    for (x, &da) in docs.iter().enumerate() {
        for (y, &db) in docs.iter().enumerate().skip(x + 1) {
            let mut scored = Vec::new();
            for pa in &prepared[x] {
                for pb in &prepared[y] {
                    let shared = shared_count(&pa.stems, &pb.stems);
                    let smaller = pa.stems.len().min(pb.stems.len()).max(1);
                    let containment = shared as f32 / smaller as f32;
                    let same_quote = pa.quoted && pb.quoted && same_words(&pa.words, &pb.words);
                    if same_quote || (shared >= 2 && containment >= 0.4) {
                        scored.push(StatementPair {
                            a: (da, pa.claim),
                            b: (db, pb.claim),
                            shared,
                            containment,
                            same_quote,
                        });
                    }
                }
            }
            scored.sort_by(|p, q| {
                (q.same_quote, q.containment, q.shared)
                    .partial_cmp(&(p.same_quote, p.containment, p.shared))
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then((p.a, p.b).cmp(&(q.a, q.b)))
            });
            let mut used_a = BTreeSet::new();
            let mut used_b = BTreeSet::new();
            for pair in scored {
                if used_a.contains(&pair.a.1) || used_b.contains(&pair.b.1) {
                    continue;
                }
                used_a.insert(pair.a.1);
                used_b.insert(pair.b.1);
                out.push(pair);
            }
        }
    }
    out
}
