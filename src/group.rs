//! Grouping: documents that report the same event share an event.
//!
//! Each document becomes a weighted term vector: stems of its content words
//! plus the names it mentions (capitalized words inside sentences, weighted
//! higher), with inverse document frequency taken over the input itself.
//! Candidate pairs come from an inverted index over each document's
//! strongest terms, so the cost grows with the corpus, not its square.
//! Pairs are merged best first, and two groups join only while their
//! centroids stay similar, which keeps one shared name from chaining
//! unrelated stories together. Numbers are never compared across events,
//! so a wrong merge is worse than a missed one: the threshold errs high.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::extract::Analysis;
use crate::normalize;
use crate::segment::{self, TokenKind};

/// A set of documents about one event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Event {
    /// `e1`, `e2`, ... in order of each event's first document.
    pub id: String,
    /// Indices of the documents, ascending.
    pub documents: Vec<usize>,
}

/// Tuning for grouping.
#[derive(Clone, Debug)]
pub struct Options {
    /// Cosine similarity two documents need to be linked.
    pub threshold: f32,
    /// How many of a document's strongest terms seed candidate pairs.
    pub top_terms: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            threshold: std::env::var("CLAIMDIFF_T").ok().and_then(|v| v.parse().ok()).unwrap_or(0.3),
            top_terms: 40,
        }
    }
}

/// A document's sparse, unit-length term vector, sorted by term id.
type Vector = Vec<(u32, f32)>;

/// Raw term counts of one document: stems of content words, and names.
fn term_counts(analysis: &Analysis) -> HashMap<String, f32> {
    let mut counts: HashMap<String, f32> = HashMap::new();
    let text = &analysis.doc.text;
    for sentence in &analysis.sentences {
        let tokens = segment::tokens(text, sentence.span);
        for (i, token) in tokens.iter().enumerate() {
            if token.kind == TokenKind::Number {
                // Distinctive figures ("28-point", "48,524") tie reports of
                // one event together; small ones are everywhere.
                let digits: String = token.text(text).chars().filter(char::is_ascii_digit).collect();
                if digits.len() >= 2 {
                    *counts.entry(format!("#{digits}")).or_default() += 1.0;
                }
                continue;
            }
            if token.kind != TokenKind::Word {
                continue;
            }
            let word = token.text(text);
            let folded = normalize::fold(word);
            if folded.chars().count() < 3 || normalize::is_stopword(&folded) {
                continue;
            }
            let capitalized = word.chars().next().is_some_and(char::is_uppercase);
            if capitalized && i > 0 && !sentence.heading {
                *counts.entry(format!("@{folded}")).or_default() += 2.0;
            } else {
                *counts.entry(normalize::stem(word)).or_default() += 1.0;
            }
        }
    }
    counts
}

/// Groups documents into events.
pub fn events(analyses: &[Analysis], options: &Options) -> Vec<Event> {
    let n = analyses.len();
    let counts: Vec<HashMap<String, f32>> = analyses.par_iter().map(term_counts).collect();

    // Term ids in sorted order keep everything below independent of hashing.
    let mut vocabulary: Vec<&str> = counts
        .iter()
        .flat_map(|c| c.keys().map(String::as_str))
        .collect();
    vocabulary.sort_unstable();
    vocabulary.dedup();
    let id_of: HashMap<&str, u32> = vocabulary
        .iter()
        .enumerate()
        .map(|(i, t)| (*t, i as u32))
        .collect();
    let mut df = vec![0u32; vocabulary.len()];
    for c in &counts {
        for term in c.keys() {
            df[id_of[term.as_str()] as usize] += 1;
        }
    }
    let idf: Vec<f32> = df
        .iter()
        .map(|&d| ((n as f32 + 1.0) / (d as f32 + 0.5)).ln().max(0.0))
        .collect();

    let vectors: Vec<Vector> = counts
        .par_iter()
        .map(|c| {
            let mut v: Vector = c
                .iter()
                .map(|(t, &tf)| {
                    let id = id_of[t.as_str()];
                    (id, (1.0 + tf.ln()) * idf[id as usize])
                })
                // A term no other document has cannot link this one to
                // anything; leaving it out keeps long articles comparable.
                .filter(|&(t, w)| w > 0.0 && df[t as usize] > 1)
                .collect();
            // Sorted first, so that the norm is summed in one fixed order.
            v.sort_unstable_by_key(|&(t, _)| t);
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            v
        })
        .collect();

    // Candidate pairs: documents sharing one of their strongest terms.
    let df_cap = (n / 20).max(50) as u32;
    let mut postings: HashMap<u32, Vec<u32>> = HashMap::new();
    for (d, v) in vectors.iter().enumerate() {
        let mut strongest: Vec<(u32, f32)> = v
            .iter()
            .copied()
            .filter(|&(t, _)| df[t as usize] >= 2 && df[t as usize] <= df_cap)
            .collect();
        strongest.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        for &(t, _) in strongest.iter().take(options.top_terms) {
            postings.entry(t).or_default().push(d as u32);
        }
    }
    let mut candidates: Vec<(u32, u32)> = postings
        .values()
        .flat_map(|docs| {
            docs.iter()
                .enumerate()
                .flat_map(move |(i, &a)| docs[i + 1..].iter().map(move |&b| (a, b)))
        })
        .collect();
    candidates.par_sort_unstable();
    candidates.dedup();

    let mut pairs: Vec<(f32, u32, u32)> = candidates
        .par_iter()
        .filter_map(|&(a, b)| {
            let s = cosine(&vectors[a as usize], &vectors[b as usize]);
            (s >= options.threshold).then_some((s, a, b))
        })
        .collect();
    if std::env::var_os("CLAIMDIFF_DEBUG_GROUP").is_some() {
        for &(a, b) in &candidates {
            eprintln!("{a} {b} {:.3}", cosine(&vectors[a as usize], &vectors[b as usize]));
        }
    }
    pairs.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));

    cluster(&vectors, &pairs, options.threshold)
}

fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Merges linked documents best pair first, while the two groups' centroids
/// stay at least `threshold` similar.
fn cluster(vectors: &[Vector], pairs: &[(f32, u32, u32)], threshold: f32) -> Vec<Event> {
    let n = vectors.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut centroid: Vec<BTreeMap<u32, f32>> = vectors
        .iter()
        .map(|v| v.iter().copied().collect())
        .collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for &(_, a, b) in pairs {
        let (ra, rb) = (root(&mut parent, a as usize), root(&mut parent, b as usize));
        if ra == rb {
            continue;
        }
        if members[ra].len() + members[rb].len() > 2 && centroid_cosine(&centroid[ra], &centroid[rb]) < threshold {
            continue;
        }
        let (keep, gone) = if members[ra].len() >= members[rb].len() {
            (ra, rb)
        } else {
            (rb, ra)
        };
        parent[gone] = keep;
        let moved = std::mem::take(&mut members[gone]);
        members[keep].extend(moved);
        let gone_centroid = std::mem::take(&mut centroid[gone]);
        for (t, w) in gone_centroid {
            *centroid[keep].entry(t).or_default() += w;
        }
    }
    let mut groups: Vec<Vec<usize>> = members.into_iter().filter(|m| !m.is_empty()).collect();
    groups.iter_mut().for_each(|g| g.sort_unstable());
    groups.sort_unstable_by_key(|g| g[0]);
    groups
        .into_iter()
        .enumerate()
        .map(|(i, documents)| Event {
            id: format!("e{}", i + 1),
            documents,
        })
        .collect()
}

fn centroid_cosine(a: &BTreeMap<u32, f32>, b: &BTreeMap<u32, f32>) -> f32 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let dot: f32 = small
        .iter()
        .filter_map(|(t, w)| large.get(t).map(|x| w * x))
        .sum();
    let na = a.values().map(|w| w * w).sum::<f32>().sqrt();
    let nb = b.values().map(|w| w * w).sum::<f32>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}
