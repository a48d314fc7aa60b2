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

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::extract::Analysis;
use crate::extract::mention::Tok;
use crate::normalize;
use crate::segment::{Sentence, TokenKind};

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
    /// Average similarity two groups need to merge; by default it depends on
    /// the number of documents (see [`default_threshold`]).
    pub threshold: Option<f32>,
    /// How many of a document's strongest terms seed candidate pairs.
    pub top_terms: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            threshold: None,
            top_terms: 40,
        }
    }
}

/// A document's sparse, unit-length term vector, sorted by term: dense
/// indices ([`Frequencies`]), in the order of the terms' ids.
type Vector = Vec<(u32, f32)>;

/// Terms in more documents than this seed no candidate pairs.
const MAX_POSTING: u32 = 100;

/// Term counts below this have their weight factor from a table.
const COUNT_WEIGHTS: usize = 256;

/// How much more a name counts than a common word.
const NAME_WEIGHT: f32 = 3.0;

/// A term's id: a fixed 64-bit hash of its kind and text, so that no
/// vocabulary has to be built or sorted and ids are the same on every run.
fn term_id(kind: u8, text: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write_u8(kind);
    h.write(text.as_bytes());
    h.finish()
}

/// The stem terms of the words a thread has seen, keyed by the word's name
/// term (see [`word_terms`]).
type StemCache = rustc_hash::FxHashMap<u64, Option<u64>>;

/// What a thread keeps from one document's [`term_counts`] to the next.
#[derive(Default)]
struct TermScratch {
    stems: StemCache,
    tally: Tally<f32>,
}

thread_local! {
    static TERM_SCRATCH: std::cell::RefCell<TermScratch> = std::cell::RefCell::default();
}

/// The terms a folded word makes: `None` for a short or stop word, else
/// its term as a name and its stem's term.
///
/// Stemming every word of every document is most of the work of making
/// terms, and news text repeats its words, so each thread keeps the stem
/// terms of the words it has seen in `cache` (up to a bound, then starts
/// afresh), keyed by the word's name term: a number, where a word would
/// cost a pointer to follow and compare on each of the corpus's forty
/// million words. Ids are 64-bit hashes already, so this keys nothing apart
/// that grouping does not already treat as one.
fn word_terms(cache: &mut StemCache, folded: &str) -> Option<(u64, u64)> {
    const MAX_CACHED: usize = 1 << 18;
    let name = term_id(b'@', folded);
    if let Some(&stem) = cache.get(&name) {
        return stem.map(|stem| (name, stem));
    }
    let stem = (folded.chars().count() >= 3 && !normalize::is_stopword(folded))
        .then(|| term_id(b's', &normalize::stem_folded(folded)));
    if cache.len() >= MAX_CACHED {
        cache.clear();
    }
    cache.insert(name, stem);
    stem.map(|stem| (name, stem))
}

/// Counts by term: an open-addressing table whose home slot for a term is
/// the top bits of its key, and whose probes run on to the end and past
/// it, never wrapping round. A term is at or after its home, so a scan of
/// the slots meets the terms in key order but for the few each cluster of
/// taken slots holds out of order: counting here and sorting only the
/// distinct terms, nearly sorted, is cheaper than pushing every occurrence
/// and sorting them all, and a lookup is a few probes of one cache line.
///
/// Counts are whole documents' term counts ([`term_counts`], `f32` as they
/// are kept) or document counts ([`Frequencies`], `u32`).
#[derive(Default)]
struct Tally<C> {
    /// `(term, count)`; a count of 0 marks an empty slot (counts are at
    /// least 1).
    slots: Vec<(u64, C)>,
    /// 64 less the number of bits of a home slot.
    shift: u32,
    /// How many slots are taken.
    len: usize,
}

impl<C: Copy + Default + PartialEq + std::ops::AddAssign> Tally<C> {
    /// Empties the table and sizes it for about `terms` terms.
    fn reset(&mut self, terms: usize) {
        let slots = (terms * 2).next_power_of_two().max(2);
        self.shift = u64::BITS - slots.trailing_zeros();
        self.slots.clear();
        self.slots.resize(slots, (0, C::default()));
        self.len = 0;
    }

    fn home(&self, term: u64) -> usize {
        (term >> self.shift) as usize
    }

    /// Doubles the table and counts its terms in again: at most half its
    /// home slots are taken, which keeps the clusters short.
    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        self.reset(1 << (u64::BITS - self.shift));
        for &(term, count) in &old {
            if count != C::default() {
                self.add(term, count);
            }
        }
    }

    fn add(&mut self, term: u64, count: C) {
        let mut i = self.home(term);
        while let Some(slot) = self.slots.get_mut(i) {
            if slot.1 == C::default() {
                *slot = (term, count);
                self.taken();
                return;
            }
            if slot.0 == term {
                slot.1 += count;
                return;
            }
            i += 1;
        }
        // Past the last slot: the table grows at its end, where the
        // highest keys belong.
        self.slots.push((term, count));
        self.taken();
    }

    /// Counts a newly taken slot, and grows the table when half its home
    /// slots are taken.
    fn taken(&mut self) {
        self.len += 1;
        if self.len * 2 > 1 << (u64::BITS - self.shift) {
            self.grow();
        }
    }

    /// The slot of a term, if counted.
    fn find(&self, term: u64) -> Option<usize> {
        let mut i = self.home(term);
        loop {
            let &(t, count) = self.slots.get(i)?;
            if count == C::default() {
                return None;
            }
            if t == term {
                return Some(i);
            }
            i += 1;
        }
    }

    /// The counted terms, sorted by key, in a list of their exact length.
    fn sorted(&self) -> Vec<(u64, C)> {
        let mut terms = Vec::with_capacity(self.len);
        terms.extend(
            self.slots
                .iter()
                .filter(|&&(_, count)| count != C::default()),
        );
        sort_nearly_sorted(&mut terms);
        terms
    }
}

/// Sorts a list by key that is out of order only among a few neighbours,
/// as the slots of a [`Tally`] are: insertion sort moves each item those
/// few places.
fn sort_nearly_sorted<T: Copy>(items: &mut [(u64, T)]) {
    for i in 1..items.len() {
        let item = items[i];
        let mut j = i;
        while j > 0 && items[j - 1].0 > item.0 {
            items[j] = items[j - 1];
            j -= 1;
        }
        items[j] = item;
    }
}

/// Raw term counts of one document, by term id: stems of content words,
/// pairs of adjacent content words ("peace plan"), names, and distinctive
/// figures. They are all grouping needs of a document, so they are its
/// grouping keys in `claimdiff extract` records.
///
/// Made during extraction ([`crate::extract::analyze_with`]) from the
/// folded tokens it has already, one list per sentence.
pub fn term_counts(sentences: &[Sentence], sentence_toks: &[Vec<Tok<'_>>]) -> Vec<(u64, f32)> {
    // A table this large is not kept for the next document.
    const MAX_KEPT_SLOTS: usize = 1 << 16;
    let mut digits = String::new();
    // One borrow of the thread's scratch for the whole document, not one
    // per word.
    TERM_SCRATCH.with_borrow_mut(|TermScratch { stems, tally }| {
        let tokens: usize = sentence_toks.iter().map(Vec::len).sum();
        // Measured: about one distinct term for every two tokens.
        tally.reset(tokens / 2);
        for (sentence, toks) in sentences.iter().zip(sentence_toks) {
            let mut previous: Option<u64> = None;
            for (i, tok) in toks.iter().enumerate() {
                if tok.kind == TokenKind::Number {
                    // Distinctive figures ("28-point", "48,524") tie reports of
                    // one event together; small ones are everywhere.
                    digits.clear();
                    digits.extend(tok.text.chars().filter(char::is_ascii_digit));
                    if digits.len() >= 2 {
                        tally.add(term_id(b'#', &digits), 1.0);
                    }
                    continue;
                }
                if tok.kind != TokenKind::Word {
                    continue;
                }
                let Some((name, stem)) = word_terms(stems, tok.lower()) else {
                    previous = None;
                    continue;
                };
                if tok.is_cap() && i > 0 && !sentence.heading {
                    tally.add(name, NAME_WEIGHT);
                } else {
                    tally.add(stem, 1.0);
                }
                if let Some(p) = previous {
                    let pair = p.rotate_left(17) ^ stem ^ 0x9e37_79b9_7f4a_7c15;
                    tally.add(pair, 1.0);
                }
                previous = Some(stem);
            }
        }
        // The counts are whole numbers, so their sums are exact in any order.
        let terms = tally.sorted();
        if tally.slots.len() > MAX_KEPT_SLOTS {
            *tally = Tally::default();
        }
        terms
    })
}

/// The merge threshold for `n` documents. With few documents, inverse
/// document frequency cannot discount a topic's everyday vocabulary (every
/// story about a war names its leaders), so similarities run higher and the
/// bar is raised: 0.30 up to 10 documents, 0.25 from 40, linear between.
/// Measured on the public cases (3 to 5 documents) and on 150 BASIL articles.
pub fn default_threshold(n: usize) -> f32 {
    let t = ((n as f32 - 10.0) / 30.0).clamp(0.0, 1.0);
    0.30 - 0.05 * t
}

/// Groups documents into events by their grouping terms
/// ([`Analysis::terms`], made by [`term_counts`]): grouping needs nothing
/// else of a document.
pub fn events(analyses: &[Analysis], options: &Options) -> Vec<Event> {
    let counts: Vec<&[(u64, f32)]> = analyses.iter().map(|a| a.terms.as_slice()).collect();
    let n = counts.len();
    let threshold = options.threshold.unwrap_or_else(|| default_threshold(n));
    let frequencies = Frequencies::count(&counts);
    // A term's weight is `(1 + ln(count)) * idf(documents)`, with counts
    // small whole numbers and document counts at most `n`: both factors
    // come from tables made once, not from two logarithms per term.
    let idf: Vec<f32> = (0..=n)
        .map(|d| ((n as f32 + 1.0) / (d as f32 + 0.5)).ln().max(0.0))
        .collect();
    let count_weights: Vec<f32> = (0..COUNT_WEIGHTS).map(|c| 1.0 + (c as f32).ln()).collect();
    let count_weight = |tf: f32| match count_weights.get(tf as usize) {
        Some(&w) if tf == (tf as usize) as f32 => w,
        _ => 1.0 + tf.ln(),
    };

    // Each document's vector, and its strongest terms for the candidate
    // pairs below: terms in at most `MAX_POSTING` documents, by weight.
    // Each thread's working lists, kept from one document to the next.
    type Buffers = (Vec<(u32, f32, u32)>, Vec<(u32, f32)>);
    let (vectors, strongest): (Vec<Vector>, Vec<Vec<u32>>) = counts
        .par_iter()
        .map_init(Buffers::default, |(v, strongest), c| {
            v.clear();
            v.extend(c.iter().filter_map(|&(t, tf)| {
                // A term no other document has cannot link this one to
                // anything; leaving it out keeps long articles comparable.
                let (d, id) = frequencies.shared(t)?;
                let w = count_weight(tf) * idf[d as usize];
                (w > 0.0).then_some((id, w, d))
            }));
            let norm = v.iter().map(|(_, w, _)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w, _)| *w /= norm);
            }
            strongest.clear();
            strongest.extend(
                v.iter()
                    .filter(|&&(_, _, d)| d <= MAX_POSTING)
                    .map(|&(t, w, _)| (t, w)),
            );
            // Which terms are strongest matters, not their order: they
            // are selected, not sorted.
            if strongest.len() > options.top_terms {
                strongest.select_nth_unstable_by(options.top_terms, |a, b| {
                    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
                });
                strongest.truncate(options.top_terms);
            }
            let vector: Vector = v.iter().map(|&(t, w, _)| (t, w)).collect();
            (vector, strongest.iter().map(|&(t, _)| t).collect())
        })
        .unzip();

    // Candidate pairs: documents sharing their strongest terms. A term in
    // more than `MAX_POSTING` documents seeds no pairs (it would seed them
    // by the million); in a large collection a pair must share two strong
    // terms, since one shared word is rarely a shared event. Each document
    // finds its pairs with the documents of shorter vectors and scores
    // them, so no list of all the pairs is made or sorted.
    let postings = Postings::new(&strongest, frequencies.len());
    let min_shared = if n <= 200 { 1 } else { 2 };
    let floor = threshold * 0.4;
    let mut pairs: Vec<(f32, u32, u32)> = (0..n)
        .into_par_iter()
        .map_init(
            || Scratch::new(n, frequencies.len()),
            |scratch, a| scratch.pairs(a, &strongest, &postings, &vectors, min_shared, floor),
        )
        .flatten_iter()
        .collect();
    pairs.par_sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));

    cluster(n, &pairs, threshold)
}

/// How many documents have each term, counted in shards by the top bits of
/// the term's id: a document's terms are sorted by id, so its terms of one
/// shard are one run, and the shards are counted in parallel, each in a
/// table a sixty-fourth the size of one for the whole vocabulary (most of
/// whose terms, adjacent word pairs above all, are in one document only).
///
/// Terms in two or more documents also get a dense index, in id order, so
/// that document vectors hold 32-bit terms in the same order as their
/// 64-bit ids (half the memory, and the same sums), and a term indexes the
/// arrays that find and score candidate pairs.
struct Frequencies {
    shards: Vec<Shard>,
    /// How many terms have a dense index.
    len: usize,
}

/// One shard of [`Frequencies`]. All its terms have the same top bits, so
/// they are keyed by the bits below, shifted up (see [`Frequencies::key`]),
/// for the table's home slots to spread.
struct Shard {
    /// Documents by term.
    documents: Tally<u32>,
    /// The dense index within the shard of the term in each slot of
    /// `documents`, for terms in two or more documents.
    index: Vec<u32>,
    /// Dense index of the shard's first term.
    offset: u32,
}

impl Frequencies {
    const SHARD_BITS: u32 = 6;

    fn shard(term: u64) -> usize {
        (term >> (64 - Self::SHARD_BITS)) as usize
    }

    /// A term's key within its shard: its id less the shard's bits, in
    /// the same order.
    fn key(term: u64) -> u64 {
        term << Self::SHARD_BITS
    }

    fn count(counts: &[&[(u64, f32)]]) -> Frequencies {
        const SHARDS: usize = 1 << Frequencies::SHARD_BITS;
        // Where each document's run of each shard starts, found in one pass
        // over its terms: searching for them shard by shard would touch
        // every document's terms once per shard.
        let starts: Vec<[u32; SHARDS + 1]> = counts
            .par_iter()
            .map(|c| {
                let mut starts = [c.len() as u32; SHARDS + 1];
                for (i, &(t, _)) in c.iter().enumerate().rev() {
                    starts[Self::shard(t)] = i as u32;
                }
                // A shard with no terms starts where the next one does.
                for shard in (0..SHARDS).rev() {
                    starts[shard] = starts[shard].min(starts[shard + 1]);
                }
                starts
            })
            .collect();
        // Each shard's table, and how many of its terms are shared.
        let (mut shards, shared): (Vec<Shard>, Vec<u32>) = (0..SHARDS)
            .into_par_iter()
            .map(|shard| {
                let run =
                    |starts: &[u32; SHARDS + 1]| starts[shard] as usize..starts[shard + 1] as usize;
                let mut documents = Tally::default();
                // Measured: about one distinct term for every two
                // occurrences.
                documents.reset(starts.iter().map(|s| run(s).len()).sum::<usize>() / 2);
                for (c, starts) in counts.iter().zip(&starts) {
                    for &(term, _) in &c[run(starts)] {
                        documents.add(Self::key(term), 1);
                    }
                }
                let mut shared: Vec<(u64, usize)> = documents
                    .slots
                    .iter()
                    .enumerate()
                    .filter(|&(_, &(_, d))| d > 1)
                    .map(|(slot, &(key, _))| (key, slot))
                    .collect();
                sort_nearly_sorted(&mut shared);
                let mut index = vec![0; documents.slots.len()];
                for (i, &(_, slot)) in shared.iter().enumerate() {
                    index[slot] = i as u32;
                }
                let shard = Shard {
                    documents,
                    index,
                    offset: 0,
                };
                (shard, shared.len() as u32)
            })
            .unzip();
        let mut len = 0;
        for (shard, shared) in shards.iter_mut().zip(shared) {
            shard.offset = len;
            len += shared;
        }
        Frequencies {
            shards,
            len: len as usize,
        }
    }

    /// How many terms are in two or more documents: the number of dense indices.
    fn len(&self) -> usize {
        self.len
    }

    /// A term's document count and dense index, if two or more documents have it.
    fn shared(&self, term: u64) -> Option<(u32, u32)> {
        let shard = &self.shards[Self::shard(term)];
        let slot = shard.documents.find(Self::key(term))?;
        let d = shard.documents.slots[slot].1;
        (d > 1).then(|| (d, shard.offset + shard.index[slot]))
    }
}

/// Documents by strong term: those with term `t` among their strongest are
/// `docs[starts[t]..starts[t + 1]]`, ascending.
struct Postings {
    starts: Vec<u32>,
    docs: Vec<u32>,
}

impl Postings {
    fn new(strongest: &[Vec<u32>], terms: usize) -> Postings {
        let mut starts = vec![0u32; terms + 1];
        for &t in strongest.iter().flatten() {
            starts[t as usize + 1] += 1;
        }
        for t in 0..terms {
            starts[t + 1] += starts[t];
        }
        let mut next = starts.clone();
        let mut docs = vec![0u32; starts[terms] as usize];
        for (d, terms) in strongest.iter().enumerate() {
            for &t in terms {
                docs[next[t as usize] as usize] = d as u32;
                next[t as usize] += 1;
            }
        }
        Postings { starts, docs }
    }

    fn docs(&self, term: u32) -> &[u32] {
        &self.docs[self.starts[term as usize] as usize..self.starts[term as usize + 1] as usize]
    }
}

/// One thread's working space for scoring documents' pairs.
struct Scratch {
    /// How many strong terms each document shares with the one at hand.
    shared: Vec<u32>,
    /// The documents whose `shared` count is not 0.
    touched: Vec<u32>,
    /// The weight of each term in the vector of the document at hand, 0
    /// for terms it does not have.
    weights: Vec<f32>,
}

impl Scratch {
    fn new(documents: usize, terms: usize) -> Scratch {
        Scratch {
            shared: vec![0; documents],
            touched: Vec::new(),
            // A power of two, for [`dot`].
            weights: vec![0.0; terms.next_power_of_two()],
        }
    }

    /// Document `a`'s candidate pairs with the documents of shorter
    /// vectors (of equal length, of lower index), `(similarity, low, high)`
    /// by document index, where the similarity is at least `floor`.
    ///
    /// A pair's similarity is the dot product of two unit vectors: `b`'s
    /// terms are looked up in `a`'s weights, spread out by term, in `b`'s
    /// term order. A term `a` lacks adds 0 to a sum of positive products,
    /// which leaves it as it is, so each sum is the one a merge of the two
    /// vectors would make, added in the same order, for the cost of one
    /// pass over one vector instead of two; and the product of two weights
    /// is the same either way round, so the pass goes over the shorter one.
    fn pairs(
        &mut self,
        a: usize,
        strongest: &[Vec<u32>],
        postings: &Postings,
        vectors: &[Vector],
        min_shared: u32,
        floor: f32,
    ) -> Vec<(f32, u32, u32)> {
        let shorter = |b: u32| (vectors[b as usize].len(), b as usize) < (vectors[a].len(), a);
        for &t in &strongest[a] {
            for &b in postings.docs(t) {
                if shorter(b) {
                    if self.shared[b as usize] == 0 {
                        self.touched.push(b);
                    }
                    self.shared[b as usize] += 1;
                }
            }
        }
        let mut pairs = Vec::new();
        if self.touched.is_empty() {
            return pairs;
        }
        for &(t, w) in &vectors[a] {
            self.weights[t as usize] = w;
        }
        for b in self.touched.drain(..) {
            let shared = std::mem::take(&mut self.shared[b as usize]);
            if shared < min_shared {
                continue;
            }
            let s = dot(&self.weights, &vectors[b as usize]);
            if s >= floor {
                let a = a as u32;
                pairs.push((s, a.min(b), a.max(b)));
            }
        }
        for &(t, _) in &vectors[a] {
            self.weights[t as usize] = 0.0;
        }
        pairs
    }
}

/// The dot product of `vector` and the vector spread out in `weights`,
/// added in `vector`'s term order, one term after another.
///
/// This is most of the work of grouping, so it is made cheap per term: a
/// function of its own, where the sum stays in a register; four terms a
/// round; and `weights` is a power of two long, longer than any term is
/// high, so masking a term with its length less one changes nothing but
/// tells the compiler that no bounds check is needed.
#[inline(never)]
fn dot(weights: &[f32], vector: &[(u32, f32)]) -> f32 {
    debug_assert!(weights.len().is_power_of_two());
    let mask = weights.len().wrapping_sub(1);
    let weights = &weights[..=mask];
    let add = |s: f32, &(t, w): &(u32, f32)| s + weights[t as usize & mask] * w;
    let mut chunks = vector.chunks_exact(4);
    let mut s = 0.0;
    for c in &mut chunks {
        s = add(add(add(add(s, &c[0]), &c[1]), &c[2]), &c[3]);
    }
    chunks.remainder().iter().fold(s, add)
}

/// Average-linkage clustering over the candidate pairs: the two groups whose
/// members are most similar on average merge first, while that average is
/// at least `threshold` (pairs that were never candidates count as 0).
/// Averaging keeps one shared name or topic from chaining stories together.
fn cluster(n: usize, pairs: &[(f32, u32, u32)], threshold: f32) -> Vec<Event> {
    use std::collections::BinaryHeap;

    /// A heap entry: the average similarity of two groups, as of their versions.
    #[derive(PartialEq)]
    struct Link {
        average: f32,
        a: usize,
        b: usize,
        versions: (u32, u32),
    }
    impl Eq for Link {}
    impl PartialOrd for Link {
        fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
            Some(self.cmp(other))
        }
    }
    impl Ord for Link {
        fn cmp(&self, other: &Self) -> std::cmp::Ordering {
            self.average
                .total_cmp(&other.average)
                .then((other.a, other.b).cmp(&(self.a, self.b)))
        }
    }

    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut version = vec![0u32; n];
    // Sum of pair similarities between two live groups, keyed (low, high).
    let mut sums: Vec<BTreeMap<usize, f32>> = vec![BTreeMap::new(); n];
    for &(s, a, b) in pairs {
        sums[a as usize].insert(b as usize, s);
        sums[b as usize].insert(a as usize, s);
    }
    let mut heap: BinaryHeap<Link> = pairs
        .iter()
        .filter(|p| p.0 >= threshold)
        .map(|&(s, a, b)| Link {
            average: s,
            a: a.min(b) as usize,
            b: a.max(b) as usize,
            versions: (0, 0),
        })
        .collect();
    while let Some(link) = heap.pop() {
        let (a, b) = (link.a, link.b);
        if members[a].is_empty()
            || members[b].is_empty()
            || link.versions != (version[a], version[b])
        {
            continue;
        }
        // Merge b into a.
        let moved = std::mem::take(&mut members[b]);
        members[a].extend(moved);
        version[a] += 1;
        version[b] += 1;
        let b_sums = std::mem::take(&mut sums[b]);
        sums[a].remove(&b);
        for (c, s) in b_sums {
            if c == a {
                continue;
            }
            *sums[a].entry(c).or_default() += s;
            let entry = sums[c].remove(&b).unwrap_or(0.0);
            *sums[c].entry(a).or_default() += entry;
        }
        let size_a = members[a].len() as f32;
        let neighbours: Vec<(usize, f32)> = sums[a].iter().map(|(&c, &s)| (c, s)).collect();
        for (c, sum) in neighbours {
            let average = sum / (size_a * members[c].len() as f32);
            if average >= threshold {
                let (x, y) = (a.min(c), a.max(c));
                heap.push(Link {
                    average,
                    a: x,
                    b: y,
                    versions: (version[x], version[y]),
                });
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    use crate::compare::testing::analyses;

    #[test]
    fn reports_of_one_event_group_and_others_stay_apart() {
        let docs = analyses(&[
            "A magnitude 6.8 earthquake struck northern Chile near Antofagasta on Monday, killing three people, the disaster agency Senapred said. Copper mines near Antofagasta halted work.",
            "Flooding along the Danube forced Vienna to close riverside roads as water levels rose on Friday. Austrian officials opened shelters in Vienna.",
            "An earthquake of magnitude 6.8 shook Antofagasta in northern Chile late Monday, killing four people, Senapred said. Copper mines stopped work.",
            "Vienna closed roads along the Danube on Friday as floodwater rose, and Austrian officials opened emergency shelters.",
        ]);
        let events = events(&docs, &Options::default());
        let groups: Vec<Vec<usize>> = events.into_iter().map(|e| e.documents).collect();
        assert_eq!(groups, [vec![0, 2], vec![1, 3]]);
    }

    #[test]
    fn a_tally_sorts_and_sums_as_a_sort_and_merge_does() {
        // Ids near the top of the range probe past the table's end, and
        // more terms than the table was sized for make it grow.
        let terms: Vec<(u64, f32)> = (0..3000u64)
            .map(|i| {
                let low = i.wrapping_mul(0x9e37_79b9_7f4a_7c15) % 700;
                let top = if i % 3 == 0 { u64::MAX << 60 } else { 0 };
                (low | top, 1.0 + (i % 2) as f32)
            })
            .collect();
        let mut tally = Tally::default();
        tally.reset(8);
        for &(t, c) in &terms {
            tally.add(t, c);
        }
        let mut merged = terms.clone();
        merged.sort_by_key(|&(t, _)| t);
        merged.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 += later.1;
            }
            same
        });
        assert_eq!(tally.sorted(), merged);
    }

    #[test]
    fn the_threshold_rises_for_small_collections() {
        assert!((default_threshold(3) - 0.30).abs() < 1e-6);
        assert!((default_threshold(150) - 0.25).abs() < 1e-6);
        assert!(default_threshold(25) < default_threshold(10));
    }

    #[test]
    fn event_ids_follow_document_order() {
        let pairs = [(0.9, 1, 3)];
        let events = cluster(4, &pairs, 0.3);
        let ids: Vec<(&str, &[usize])> = events
            .iter()
            .map(|e| (e.id.as_str(), e.documents.as_slice()))
            .collect();
        assert_eq!(
            ids,
            [("e1", &[0][..]), ("e2", &[1, 3][..]), ("e3", &[2][..])]
        );
    }
}
