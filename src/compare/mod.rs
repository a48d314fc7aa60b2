//! Comparison: rules that turn aligned claims into findings and agreements.
//!
//! Each rule lives in its own file, named for its struct, and is listed once
//! in [`RULES`], alphabetically by id. A rule sees one event at a time
//! (documents, their claims, and the alignments made for them) and pushes
//! [`Finding`]s; it never prints and never knows how findings are reported.

mod cause_mismatch;
mod competing_name;
mod descriptor_shift;
mod epistemic_hedge;
mod evaluative_clash;
mod event_label;
mod loaded_term;
mod name_variant;
mod number_mismatch;
mod quote_variant;
mod self_contradiction;
mod source_qualifier;
mod speaker_shift;
mod title_mismatch;
mod unnamed_source;
mod word_choice;

use serde::Serialize;

use crate::align::{self, Pair};
use crate::extract::Analysis;
use crate::group::Event;
use crate::span::Span;

pub use competing_name::CompetingName;
pub use descriptor_shift::DescriptorShift;
pub use epistemic_hedge::EpistemicHedge;
pub use evaluative_clash::EvaluativeClash;
pub use event_label::EventLabel;
pub use loaded_term::LoadedTerm;
pub use name_variant::NameVariant;
pub use number_mismatch::{NumberMismatch, compatible};
pub use quote_variant::QuoteVariant;
pub use self_contradiction::SelfContradiction;
pub use source_qualifier::SourceQualifier;
pub use speaker_shift::SpeakerShift;
pub use title_mismatch::TitleMismatch;
pub use unnamed_source::UnnamedSource;

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Numbers: "a 28-point draft" versus "a 27-point proposal".
    Numeric,
    /// Who said what, and with which title: "The US says" versus "Foreign Minister Helen Marlow said".
    Attribution,
    /// Word choice for one referent: "Kiev" versus "Kyiv".
    Framing,
}

/// How two outlets' claims relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Both cannot be true: "nine days underground" versus "eight days underground".
    Conflict,
    /// Both can be true, but the outlets differ: "about 2,000" versus "2,134".
    Variation,
    /// The claims corroborate each other: "almost five hours" and "five-hour talks".
    Agreement,
}

impl Verdict {
    /// Whether a finding of this verdict reaches the `--fail-on` level `level`.
    pub fn at_least(self, level: Verdict) -> bool {
        self <= level
    }
}

/// One piece of evidence: a span of one document's cleaned text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Evidence {
    /// Index of the document.
    pub doc: usize,
    /// Index of the claim in that document, when the evidence is one.
    pub claim: Option<usize>,
    /// The evidence text, in cleaned-text coordinates.
    pub span: Span,
    /// Index of its sentence.
    pub sentence: u32,
}

impl Evidence {
    /// Evidence for claim `claim` of document `doc`.
    pub fn claim(analyses: &[Analysis], doc: usize, claim: usize) -> Evidence {
        let c = &analyses[doc].claims[claim];
        Evidence {
            doc,
            claim: Some(claim),
            span: c.span,
            sentence: c.sentence,
        }
    }
}

/// A discrepancy (or an agreement) between outlets, with its evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub kind: Kind,
    pub verdict: Verdict,
    /// The id of the rule that made it.
    pub rule: &'static str,
    /// Index of the event (into the events list); `None` for a finding
    /// across events, such as a person's title described two ways.
    pub event: Option<usize>,
    /// What the claims are about, in a few words.
    pub subject: String,
    /// Why the rule decided as it did, in words.
    pub explanation: String,
    pub evidence: Vec<Evidence>,
}

/// Everything a rule may look at for one event.
pub struct EventView<'a> {
    /// Index of the event.
    pub event: usize,
    /// Indices of its documents.
    pub docs: &'a [usize],
    /// Every document of the run.
    pub analyses: &'a [Analysis],
    /// Sentence contexts of the event's documents, per sentence.
    pub contexts: &'a align::Contexts<'a>,
    /// Aligned quantity pairs among the event's documents.
    pub quantities: &'a [Pair],
    /// Aligned statements (quotes and paraphrases) among the event's documents.
    pub statements: &'a [align::StatementPair],
    /// The people named across the whole run.
    pub people: &'a align::People,
}

/// Everything a rule may look at across the whole run.
pub struct CorpusView<'a> {
    pub analyses: &'a [Analysis],
    pub events: &'a [Event],
    /// The people named across the whole run.
    pub people: &'a align::People,
}

/// A comparison rule.
pub trait Rule: Sync {
    /// Kebab-case id naming the discrepancy, not the fix.
    fn id(&self) -> &'static str;
    /// The kind of findings it makes.
    fn kind(&self) -> Kind;
    /// Its documentation: what it flags, why it matters, an example pair.
    fn doc(&self) -> &'static str;
    /// Pushes findings for one event.
    fn check(&self, view: &EventView<'_>, out: &mut Vec<Finding>);
    /// Pushes findings that may span events (a person's title, say).
    /// Most rules compare within an event only and keep this default.
    fn check_corpus(&self, _view: &CorpusView<'_>, _out: &mut Vec<Finding>) {}
}

/// Across events, how many of a referent's most used wordings are compared.
const CROSS_EVENT_WORDINGS: usize = 10;

/// Across events, how many document pairs show one pair of wordings.
const CROSS_EVENT_PAIRS: usize = 3;

/// Which pairs of one referent's items (mentions of one person, say) to
/// compare, without comparing every pair of a large run. `items` are
/// `(document, key)`, where equal keys are equal wordings. Items of one
/// event are all paired. Across events, the referent's most used wordings
/// (at most `CROSS_EVENT_WORDINGS`, by number of documents) are compared
/// pairwise, each pair of wordings shown by at most `CROSS_EVENT_PAIRS`
/// document pairs, chosen in input order: an editor sees every way a
/// person is described without a finding for every story that repeats it,
/// and the work stays bounded however large the run. Returns index pairs
/// `(i, j)` with `i < j`, sorted.
pub(crate) fn referent_pairs<K: Ord>(
    items: &[(usize, K)],
    event_of: &[Option<usize>],
) -> Vec<(usize, usize)> {
    use std::collections::{BTreeMap, BTreeSet};
    let mut by_event: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    // Each wording's first item in each document, in input order.
    let mut by_key: BTreeMap<&K, Vec<usize>> = BTreeMap::new();
    let mut seen: BTreeSet<(usize, &K)> = BTreeSet::new();
    for (i, (doc, key)) in items.iter().enumerate() {
        if let Some(e) = event_of.get(*doc).copied().flatten() {
            by_event.entry(e).or_default().push(i);
        }
        if seen.insert((*doc, key)) {
            by_key.entry(key).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for members in by_event.values() {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                if items[i].0 != items[j].0 {
                    out.push((i.min(j), i.max(j)));
                }
            }
        }
    }
    let mut keys: Vec<&Vec<usize>> = by_key.values().collect();
    keys.sort_by_key(|uses| std::cmp::Reverse(uses.len()));
    keys.truncate(CROSS_EVENT_WORDINGS);
    for (x, a) in keys.iter().enumerate() {
        for b in &keys[x + 1..] {
            // The first uses of one wording against the first use of the other.
            let mut pairs: Vec<(usize, usize)> = a
                .iter()
                .take(CROSS_EVENT_PAIRS)
                .map(|&i| (i, b[0]))
                .chain(b.iter().take(CROSS_EVENT_PAIRS).map(|&j| (a[0], j)))
                .filter(|&(i, j)| items[i].0 != items[j].0)
                .map(|(i, j)| (i.min(j), i.max(j)))
                .collect();
            pairs.sort_unstable();
            pairs.dedup();
            out.extend(pairs.into_iter().take(CROSS_EVENT_PAIRS));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Every rule, alphabetically by id.
pub static RULES: &[&dyn Rule] = &[
    &cause_mismatch::CauseMismatch,
    &CompetingName,
    &DescriptorShift,
    &EpistemicHedge,
    &EvaluativeClash,
    &EventLabel,
    &LoadedTerm,
    &NameVariant,
    &NumberMismatch,
    &QuoteVariant,
    &SelfContradiction,
    &SourceQualifier,
    &SpeakerShift,
    &TitleMismatch,
    &UnnamedSource,
];

/// Looks up a rule by id.
pub fn rule(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.id() == id)
}

/// Runs every rule on every event with more than one document.
pub fn run(analyses: &[Analysis], events: &[Event]) -> Vec<Finding> {
    run_with(analyses, events, &align::people(analyses))
}

/// [`run`], with the run's people already resolved ([`align::people`]
/// reads only the documents, so a caller may resolve them while it
/// groups).
pub fn run_with(analyses: &[Analysis], events: &[Event], people: &align::People) -> Vec<Finding> {
    use rayon::prelude::*;
    let corpus = CorpusView {
        analyses,
        events,
        people,
    };
    // Rules within events and rules across the run are independent: they
    // run side by side, so that one long rule across the run does not
    // leave a core idle.
    let (per_event, per_rule) = rayon::join(
        || within_events(analyses, events, people),
        || {
            // Rules across the run are independent of each other; their
            // findings are kept in rule order, as if they ran one after
            // another.
            RULES
                .par_iter()
                .with_max_len(1)
                .map(|rule| {
                    let mut out = Vec::new();
                    rule.check_corpus(&corpus, &mut out);
                    out
                })
                .collect::<Vec<Vec<Finding>>>()
        },
    );
    let mut findings: Vec<Finding> = per_event.into_iter().flatten().collect();
    findings.extend(per_rule.into_iter().flatten());
    // A whole corpus has a few hundred thousand findings: both sorts are
    // parallel (and stable, as the serial ones were).
    findings.par_iter_mut().for_each(|f| f.evidence.sort());
    findings.par_sort_by(|a, b| {
        (a.event, a.verdict, a.kind, &a.evidence, a.rule).cmp(&(
            b.event,
            b.verdict,
            b.kind,
            &b.evidence,
            b.rule,
        ))
    });
    findings
}

/// Every rule's findings within each event with more than one document, by event.
fn within_events(
    analyses: &[Analysis],
    events: &[Event],
    people: &align::People,
) -> Vec<Vec<Finding>> {
    use rayon::prelude::*;
    // Work grows faster than an event's size, so the largest events start
    // first: a big one left for last would run on one core alone.
    let mut order: Vec<usize> = (0..events.len())
        .filter(|&e| events[e].documents.len() > 1)
        .collect();
    order.sort_by_key(|&e| std::cmp::Reverse(events[e].documents.len()));
    let mut per_event: Vec<(usize, Vec<Finding>)> = order
        .into_par_iter()
        .with_max_len(1)
        .map(|index| {
            let event = &events[index];
            // Contexts live as long as their event is compared; a story no
            // other outlet covered (an event of one) needs none.
            let contexts = align::Contexts::of(analyses, &event.documents);
            let quantities = align::quantities(analyses, &contexts, &event.documents);
            let statements = align::statements(analyses, &event.documents);
            let view = EventView {
                event: index,
                docs: &event.documents,
                analyses,
                contexts: &contexts,
                quantities: &quantities,
                statements: &statements,
                people,
            };
            let mut out = Vec::new();
            for rule in RULES {
                rule.check(&view, &mut out);
            }
            (index, out)
        })
        .collect();
    per_event.sort_unstable_by_key(|&(index, _)| index);
    per_event.into_iter().map(|(_, f)| f).collect()
}

/// Sentence-pair helpers for rule tests: two one-paragraph documents of one event.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::ingest::{Format, Meta, Source};

    /// Plain-text documents `d0`, `d1`, ... cleaned and analysed.
    pub fn analyses(texts: &[&str]) -> Vec<Analysis> {
        texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let source = Source {
                    id: format!("d{i}"),
                    path: format!("d{i}.txt"),
                    format: Format::Text,
                    raw: text.as_bytes().to_vec(),
                    base: 0,
                    meta: Meta::default(),
                };
                crate::extract::analyze(crate::clean::clean(&source))
            })
            .collect()
    }

    /// Runs every rule on two documents, `a` and `b`, taken as one event.
    pub fn findings(a: &str, b: &str) -> Vec<Finding> {
        let analyses = analyses(&[a, b]);
        let events = [Event {
            id: "e1".into(),
            documents: vec![0, 1],
        }];
        run(&analyses, &events)
    }

    fn show(fs: &[Finding]) -> String {
        fs.iter()
            .map(|f| format!("{:?}/{:?} {}: {}", f.kind, f.verdict, f.rule, f.explanation))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Asserts a finding of `kind` with `verdict` between the two texts.
    #[track_caller]
    pub fn assert_finding(a: &str, b: &str, kind: Kind, verdict: Verdict) {
        let fs = findings(a, b);
        assert!(
            fs.iter().any(|f| f.kind == kind && f.verdict == verdict),
            "expected {kind:?}/{verdict:?} between\n  {a}\n  {b}\ngot:\n{}",
            show(&fs)
        );
    }

    /// Asserts no finding of `kind` other than agreements between the two texts.
    #[track_caller]
    pub fn assert_no_finding(a: &str, b: &str, kind: Kind) {
        let fs = findings(a, b);
        assert!(
            !fs.iter()
                .any(|f| f.kind == kind && f.verdict != Verdict::Agreement),
            "expected no {kind:?} finding between\n  {a}\n  {b}\ngot:\n{}",
            show(&fs)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_sorted_kebab_case() {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id()).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted, "RULES must be alphabetical with unique ids");
        for id in ids {
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !id.starts_with('-'),
                "{id} is not kebab-case"
            );
            let doc = rule(id).map(|r| r.doc()).unwrap_or_default();
            for section in ["## What it flags", "## Why it matters", "## Example"] {
                assert!(doc.contains(section), "{id}'s doc lacks {section}");
            }
        }
    }

    #[test]
    fn verdict_levels_order_from_conflict() {
        assert!(Verdict::Conflict.at_least(Verdict::Variation));
        assert!(!Verdict::Variation.at_least(Verdict::Conflict));
        assert!(!Verdict::Agreement.at_least(Verdict::Variation));
    }
}
