//! Shared by the framing rules: which side of a lexicon group each document
//! chose for one referent, and the finding two different choices make.

use std::collections::{BTreeMap, BTreeSet};

use super::{Evidence, Finding, Kind, Verdict};
use crate::extract::{Analysis, ClaimKind, Cue};

/// At most this many occurrences of a choice are shown per document.
const MAX_SHOWN: usize = 3;

/// A document's uses of one group for one referent: (claim index, side).
type Uses = Vec<(usize, u32)>;

/// The framing cues of `docs` that pass `keep`, by (group, referent key), then by document.
pub(super) fn choices(
    analyses: &[Analysis],
    docs: &[usize],
    keep: impl Fn(&Cue) -> bool,
) -> BTreeMap<(String, String), BTreeMap<usize, Uses>> {
    let mut out: BTreeMap<(String, String), BTreeMap<usize, Uses>> = BTreeMap::new();
    for &doc in docs {
        for (index, claim) in analyses[doc].claims.iter().enumerate() {
            let ClaimKind::Framing(cue) = &claim.kind else {
                continue;
            };
            if keep(cue) {
                out.entry((cue.group.clone(), cue.key.clone()))
                    .or_default()
                    .entry(doc)
                    .or_default()
                    .push((index, cue.side));
            }
        }
    }
    out
}

fn cue(analyses: &[Analysis], doc: usize, claim: usize) -> Option<&Cue> {
    match &analyses[doc].claims.get(claim)?.kind {
        ClaimKind::Framing(c) => Some(c),
        _ => None,
    }
}

/// The words a document used, quoted and joined: "“Kiev”, “Kiev’s”".
fn wording(analyses: &[Analysis], doc: usize, shown: &[usize]) -> String {
    let mut seen = BTreeSet::new();
    let mut words = Vec::new();
    for &claim in shown {
        let Some(c) = cue(analyses, doc, claim) else {
            continue;
        };
        if seen.insert(c.term.clone()) {
            words.push(format!("“{}”", c.term));
        }
    }
    words.join(", ")
}

/// The finding two documents' choices for one referent make, if they differ.
///
/// A document that chose a side the other never uses is set against the
/// other's choices. For a group whose sides clash, the finding is a conflict
/// only when the two documents share no side at all.
pub(super) fn compare(
    analyses: &[Analysis],
    (a, uses_a): (usize, &Uses),
    (b, uses_b): (usize, &Uses),
    rule: &'static str,
    event: Option<usize>,
) -> Option<Finding> {
    let sides_a: BTreeSet<u32> = uses_a.iter().map(|u| u.1).collect();
    let sides_b: BTreeSet<u32> = uses_b.iter().map(|u| u.1).collect();
    let only_a: BTreeSet<u32> = sides_a.difference(&sides_b).copied().collect();
    let only_b: BTreeSet<u32> = sides_b.difference(&sides_a).copied().collect();
    if only_a.is_empty() && only_b.is_empty() {
        return None;
    }
    let first = uses_a.first().and_then(|u| cue(analyses, a, u.0))?;
    let verdict = if first.clash {
        if sides_a.intersection(&sides_b).next().is_some() {
            return None;
        }
        Verdict::Conflict
    } else {
        Verdict::Variation
    };
    let pick = |uses: &Uses, only: &BTreeSet<u32>| -> Vec<usize> {
        uses.iter()
            .filter(|u| only.is_empty() || only.contains(&u.1))
            .map(|u| u.0)
            .take(MAX_SHOWN)
            .collect()
    };
    let shown_a = pick(uses_a, &only_a);
    let shown_b = pick(uses_b, &only_b);
    let doc_id = |d: usize| analyses[d].doc.id.as_str();
    let subject = if first.key.is_empty() {
        first.referent.clone()
    } else {
        format!("{} ({})", first.referent, first.key)
    };
    let explanation = format!(
        "{}: {} writes {} where {} writes {}",
        first.axis,
        doc_id(a),
        wording(analyses, a, &shown_a),
        doc_id(b),
        wording(analyses, b, &shown_b),
    );
    let mut evidence: Vec<Evidence> = shown_a
        .iter()
        .map(|&c| Evidence::claim(analyses, a, c))
        .collect();
    evidence.extend(shown_b.iter().map(|&c| Evidence::claim(analyses, b, c)));
    Some(Finding {
        kind: Kind::Framing,
        verdict,
        rule,
        event,
        subject,
        explanation,
        evidence,
    })
}

/// Compares every pair of documents for every referent in `choices`.
/// `event_of` gives each document's event; pairs from different events are
/// compared only when `across` is set, and then carry no event.
pub(super) fn compare_all(
    analyses: &[Analysis],
    choices: &BTreeMap<(String, String), BTreeMap<usize, Uses>>,
    event_of: impl Fn(usize) -> Option<usize>,
    across: bool,
    rule: &'static str,
    out: &mut Vec<Finding>,
) {
    for by_doc in choices.values() {
        let docs: Vec<(usize, &Uses)> = by_doc.iter().map(|(&d, uses)| (d, uses)).collect();
        let events: Vec<Option<usize>> = docs.iter().map(|&(d, _)| event_of(d)).collect();
        for (i, j) in pairs_to_compare(&docs, &events, across) {
            let ((a, uses_a), (b, uses_b)) = (docs[i], docs[j]);
            let event = if events[i] == events[j] {
                events[i]
            } else {
                None
            };
            if let Some(f) = compare(analyses, (a, uses_a), (b, uses_b), rule, event) {
                out.push(f);
            }
        }
    }
}

/// Which pairs of one referent's documents to compare, as index pairs
/// `(i, j)` with `i < j`, sorted: every pair within one event and, when
/// `across`, every pair whose one side is a representative, the first
/// document (in input order) of its choice of sides.
///
/// Across events, a document is compared with the first document of each
/// other choice, not with every one: in a day's intake of thousands of
/// stories, one choice pair would otherwise make millions of findings that
/// all say the same thing. The pairs are built from the events and the
/// representatives rather than by testing every pair, since a common
/// referent (a capital's name) has thousands of documents.
fn pairs_to_compare(
    docs: &[(usize, &Uses)],
    events: &[Option<usize>],
    across: bool,
) -> Vec<(usize, usize)> {
    let mut by_event: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, event) in events.iter().enumerate() {
        if let Some(e) = event {
            by_event.entry(*e).or_default().push(i);
        }
    }
    let mut pairs = Vec::new();
    for members in by_event.values() {
        for (x, &i) in members.iter().enumerate() {
            pairs.extend(members[x + 1..].iter().map(|&j| (i, j)));
        }
    }
    if across {
        let mut seen: BTreeSet<BTreeSet<u32>> = BTreeSet::new();
        for (r, (_, uses)) in docs.iter().enumerate() {
            if seen.insert(uses.iter().map(|u| u.1).collect()) {
                pairs.extend(
                    (0..docs.len())
                        .filter(|&i| i != r)
                        .map(|i| (i.min(r), i.max(r))),
                );
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Compares the word choices `keep` selects across the whole run: within
/// events, and across them through representatives (see `compare_all`).
pub(super) fn compare_across(
    view: &super::CorpusView<'_>,
    keep: impl Fn(&Cue) -> bool,
    rule: &'static str,
    out: &mut Vec<Finding>,
) {
    let docs: Vec<usize> = (0..view.analyses.len()).collect();
    let choices = choices(view.analyses, &docs, keep);
    let event_of = events_of(view.analyses, view.events);
    compare_all(
        view.analyses,
        &choices,
        |d| event_of.get(d).copied().flatten(),
        true,
        rule,
        out,
    );
}

/// Compares the word choices `keep` selects among one event's documents.
pub(super) fn compare_within(
    view: &super::EventView<'_>,
    keep: impl Fn(&Cue) -> bool,
    rule: &'static str,
    out: &mut Vec<Finding>,
) {
    let choices = choices(view.analyses, view.docs, keep);
    compare_all(
        view.analyses,
        &choices,
        |_| Some(view.event),
        false,
        rule,
        out,
    );
}

pub(super) fn events_of(
    analyses: &[Analysis],
    events: &[crate::group::Event],
) -> Vec<Option<usize>> {
    let mut of = vec![None; analyses.len()];
    for (index, e) in events.iter().enumerate() {
        for &d in &e.documents {
            if let Some(slot) = of.get_mut(d) {
                *slot = Some(index);
            }
        }
    }
    of
}
