//! Alignment: which claims of two documents of one event are about the same thing.
//!
//! Two quantities align when they measure the same dimension, count the
//! same thing (equal stems, or stems of one synonym group kept as data),
//! agree on what happened to it (killed, rescued, evacuated), and stand in
//! sentences about the same occasion: a sentence that places its number on
//! another occasion ("prior to", "previous", "in 2021") never aligns with
//! one that does not. Each claim aligns with at most one claim of each
//! other document, best pairs first.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use crate::extract::{Analysis, Dimension, Quantity};
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

/// What alignment needs to know about one sentence.
#[derive(Clone, Debug, Default)]
pub struct SentenceContext {
    /// Content-word stems, with synonym groups collapsed.
    pub stems: BTreeSet<String>,
    /// Names (capitalized words after the first) in folded form.
    pub names: BTreeSet<String>,
    /// Years written in the sentence.
    pub years: BTreeSet<u32>,
    /// Whether a word places the sentence on another occasion.
    pub other_occasion: bool,
}

/// The synonym group of a stem: the first stem of its group, or itself.
pub fn canonical(stem: &str) -> &str {
    static GROUPS: OnceLock<HashMap<String, String>> = OnceLock::new();
    let groups = GROUPS.get_or_init(|| {
        let mut map = HashMap::new();
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

/// The context of every sentence of a document.
pub fn contexts(analysis: &Analysis) -> Vec<SentenceContext> {
    let text = &analysis.doc.text;
    analysis
        .sentences
        .iter()
        .map(|sentence| {
            let mut ctx = SentenceContext::default();
            for (i, token) in segment::tokens(text, sentence.span).iter().enumerate() {
                let word = token.text(text);
                match token.kind {
                    TokenKind::Number => {
                        if let Some(y) = word
                            .parse::<u32>()
                            .ok()
                            .filter(|y| (1900..=2100).contains(y))
                        {
                            ctx.years.insert(y);
                        }
                    }
                    TokenKind::Word => {
                        let folded = normalize::fold(word);
                        if occasion_words().contains(folded.as_str()) {
                            ctx.other_occasion = true;
                        }
                        if normalize::is_stopword(&folded) || folded.chars().count() < 3 {
                            continue;
                        }
                        if i > 0 && word.chars().next().is_some_and(char::is_uppercase) {
                            ctx.names.insert(folded);
                        }
                        let stem = normalize::stem(word);
                        ctx.stems.insert(canonical(&stem).to_string());
                    }
                    TokenKind::Punct => {}
                }
            }
            ctx
        })
        .collect()
}

fn jaccard<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f32 {
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
/// head to match; a measure ("four hours", "12 knots") may name nothing, and
/// then the other side's noun standing in its sentence is some support.
fn counted_match(
    a: &Quantity,
    b: &Quantity,
    ctx_a: &SentenceContext,
    ctx_b: &SentenceContext,
) -> f32 {
    let ca: Vec<&str> = a.counted.iter().map(|s| canonical(s)).collect();
    let cb: Vec<&str> = b.counted.iter().map(|s| canonical(s)).collect();
    let count = matches!(a.dimension, Dimension::Count | Dimension::Rank);
    match (ca.first(), cb.first()) {
        (Some(ha), Some(hb)) if ha == hb => 1.0,
        (Some(_), Some(_)) if ca.iter().any(|w| cb.contains(w)) => 0.7,
        (Some(_), Some(_)) => 0.0,
        _ if count => 0.0,
        (None, None) => 0.5,
        (Some(ha), None) if ctx_b.stems.contains(*ha) => 0.6,
        (None, Some(hb)) if ctx_a.stems.contains(*hb) => 0.6,
        _ => 0.0,
    }
}

/// How sure we are that two quantities are about the same thing (0 when not at all).
pub fn quantity_score(
    a: &Quantity,
    b: &Quantity,
    ctx_a: &SentenceContext,
    ctx_b: &SentenceContext,
) -> f32 {
    if a.dimension != b.dimension {
        return 0.0;
    }
    if a.dimension == Dimension::Money && a.currency != b.currency {
        return 0.0;
    }
    if ctx_a.other_occasion != ctx_b.other_occasion || ctx_a.years != ctx_b.years {
        return 0.0;
    }
    if a.unit != b.unit && matches!(a.dimension, Dimension::Count | Dimension::Rank) {
        return 0.0;
    }
    let counted = counted_match(a, b, ctx_a, ctx_b);
    if counted == 0.0 {
        return 0.0;
    }
    let predicate = match (&a.predicate, &b.predicate) {
        (Some(pa), Some(pb)) if canonical(pa) == canonical(pb) => 1.0,
        (Some(_), Some(_)) => return 0.0,
        _ => 0.5,
    };
    let context = jaccard(&ctx_a.stems, &ctx_b.stems);
    let score = 0.55 * counted + 0.15 * predicate + 0.3 * (context * 2.5).min(1.0);
    if std::env::var_os("CLAIMDIFF_DEBUG_ALIGN").is_some() {
        eprintln!(
            "{:.2} counted={counted:.2} pred={predicate:.1} ctx={context:.2} | {} | {}",
            score,
            a.describe(),
            b.describe()
        );
    }
    score
}

/// Least score for two quantities to be aligned at all.
pub const MIN_SCORE: f32 = 0.55;

/// Least score for two quantities whose values cannot both hold to be
/// paired even when one of them already agrees with another claim.
pub const CONFLICT_SCORE: f32 = 0.65;

/// Aligns the quantities of the documents of one event.
///
/// Per pair of documents, the best pairs are taken one to one. A quantity
/// may also be paired with a second, conflicting one when that alignment is
/// strong: if one outlet gives two values for a thing and another outlet
/// gives one of them, the other value is still a disagreement to show.
pub fn quantities(
    analyses: &[Analysis],
    contexts: &[Vec<SentenceContext>],
    docs: &[usize],
) -> Vec<Pair> {
    let mut out = Vec::new();
    for (i, &da) in docs.iter().enumerate() {
        for &db in &docs[i + 1..] {
            let mut scored = Vec::new();
            for (ia, ca) in analyses[da].claims.iter().enumerate() {
                let Some(qa) = ca.quantity() else { continue };
                let ctx_a = &contexts[da][ca.sentence as usize];
                for (ib, cb) in analyses[db].claims.iter().enumerate() {
                    let Some(qb) = cb.quantity() else { continue };
                    let ctx_b = &contexts[db][cb.sentence as usize];
                    let score = quantity_score(qa, qb, ctx_a, ctx_b);
                    if score >= MIN_SCORE {
                        let compatible = crate::compare::compatible(qa, qb);
                        scored.push((
                            Pair {
                                a: (da, ia),
                                b: (db, ib),
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
        }
    }
    out
}
