//! The `self-contradiction` rule.

use rayon::prelude::*;
use std::collections::BTreeSet;
use std::sync::OnceLock;

use super::number_mismatch::shown;
use super::{CorpusView, EventView, Evidence, Finding, Kind, Rule, Verdict};
use crate::align::{self, Local, SentenceContext};
use crate::extract::{Analysis, Dimension, Quantity};

/// One document gives two values for the same thing that cannot both hold.
pub struct SelfContradiction;

const DOC: &str = "\
# self-contradiction

## What it flags
One document gives a figure in its headline or lead and the same counted
or measured thing another value in its body, and the two cannot both be
true: the same noun (\"40 homes\", \"31 homes\"), the same thing
happening to it (\"damaged\"), the same occasion and source, and
intervals that cannot meet once hedges, ranges and rounding are allowed
for. When the body also restates the headline's value, a different value
elsewhere is taken to be about something else. A figure that is revised or
moves within the report (\"the toll rose to 15\", \"up from 12\",
\"initially\"), another date or scenario (\"in October\", \"would\"),
a part of a group, an estimate, a list item, a poll's shares, and figures
attributed to two sources are left alone: news updates its numbers, and
that is not a contradiction. A conflict within one document.

## Why it matters
A report that contradicts itself has an error a reader can check without a
second outlet: a typo, a figure updated in one place only, or a headline
left behind by the story.

## Example
- Headline: \"Spillway failure at the dam damages 40 homes\"
- Body: \"The water damaged 31 homes in the village, the council said.\"
- conflict within one document: 40 homes versus 31 homes.
- \"At least 12 people died ... the toll rose to 15\": an update, not flagged.
";

/// Figures further apart than this factor are rarely one figure misstated.
const MAX_RATIO: f64 = 2.0;

fn apart_words() -> &'static BTreeSet<&'static str> {
    static SET: OnceLock<BTreeSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| crate::lexicon::words(include_str!("../lexicon/restatement.txt")).collect())
}

/// Whether a sentence marks its figures as revised, changing, or of
/// another time or part.
fn apart(ctx: &SentenceContext) -> bool {
    let words = apart_words();
    ctx.words.iter().enumerate().any(|(k, w)| {
        words.contains(w.folded.as_str())
            || ctx.words.get(k + 1).is_some_and(|n| {
                words.contains(format!("{} {}", w.folded.as_str(), n.folded.as_str()).as_str())
            })
    })
}

/// Whether two figures count or measure one thing in one way: the same
/// dimension, unit, counted words and predicate.
fn same_thing(a: &Quantity, b: &Quantity) -> bool {
    let predicate = match (&a.predicate, &b.predicate) {
        (Some(x), Some(y)) => align::canonical(x) == align::canonical(y),
        (None, None) => true,
        _ => false,
    };
    a.dimension == b.dimension
        && (a.unit == b.unit || converted(a, b))
        && a.currency == b.currency
        && !a.counted.is_empty()
        && a.counted == b.counted
        && predicate
}

/// Whether two figures of one document may be one thing stated twice,
/// from the figures alone: cheap, so that most documents need no sentence
/// contexts at all.
fn candidates(a: &Quantity, b: &Quantity) -> bool {
    // Shares are left out: a poll gives one group's share for each question
    // ("51% of Republicans agree", "41% of Republicans agree").
    let kinds = !matches!(
        a.dimension,
        Dimension::Rank | Dimension::Time | Dimension::Percent | Dimension::PercentagePoint
    );
    let heads = match (a.counted.first(), b.counted.first()) {
        (Some(x), Some(y)) => align::canonical(x) == align::canonical(y),
        _ => false,
    };
    let predicate = match (&a.predicate, &b.predicate) {
        (Some(x), Some(y)) => align::canonical(x) == align::canonical(y),
        // "a 28-point plan": the number describes a noun it names.
        (None, None) => a.modifier && b.modifier && a.counted.len() >= 2,
        _ => false,
    };
    let (x, y) = (a.value.abs(), b.value.abs());
    let close = x.min(y) > 0.0 && x.max(y) / x.min(y) <= MAX_RATIO;
    kinds
        && a.dimension == b.dimension
        && (a.unit == b.unit || converted(a, b))
        && a.currency == b.currency
        && heads
        && predicate
        && close
        && !a.is_vague()
        && !b.is_vague()
        && a.counted == b.counted
        && !super::compatible(a, b)
}

/// Whether nothing in two figures' sentences sets them apart: another
/// occasion, a year, an update, a part of a group, an estimate, two
/// sources, two named things.
fn same_occasion(ca: &SentenceContext, cb: &SentenceContext, la: &Local, lb: &Local) -> bool {
    let sources =
        la.source.is_empty() || lb.source.is_empty() || !la.source.is_disjoint(&lb.source);
    // A headline names less than the body: one side's names may be a part of
    // the other's, but no name may stand on one side only in both ways.
    let names = la.names.is_subset(&lb.names) || lb.names.is_subset(&la.names);
    sources
        && names
        && !la.estimate
        && !lb.estimate
        && !la.partitive
        && !lb.partitive
        && !la.other_occasion
        && !lb.other_occasion
        && !ca.other_occasion
        && !cb.other_occasion
        && ca.years == cb.years
        && !apart(ca)
        && !apart(cb)
}

/// Whether a sentence is an item of a list ("• 52% say ...", "TARGET: Two
/// police officers wounded ..."): the items of a list are different
/// things, however alike their words.
fn list_item(sentence: &str) -> bool {
    let s = sentence.trim_start();
    if s.starts_with(['•', '·', '▪', '-', '*', '–', '—']) {
        return true;
    }
    // An upper-case label before a colon.
    s.split_once(':').is_some_and(|(label, _)| {
        label.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && label
                .chars()
                .all(|c| c.is_uppercase() || c == ' ' || c == '-' || c == '&')
    })
}

/// The contradictions of one document, as (claim, claim) pairs: a figure
/// of its headline or lead against the same figure restated in the body.
/// Two values within the body are most often two things (two towns, two
/// dates) that the words around them do not tell apart; the headline and
/// the lead state the story's own figures.
fn contradictions(a: &Analysis) -> Vec<(usize, usize)> {
    // The headline and the lead: heading sentences and the first body sentence.
    let lead = a.sentences.iter().position(|s| !s.heading);
    let top = |s: u32| lead.is_none_or(|l| (s as usize) <= l);
    let figures: Vec<(usize, u32, &Quantity)> = a
        .claims
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.quantity().map(|q| (i, c.sentence, q)))
        .filter(|&(_, s, _)| {
            a.sentences
                .get(s as usize)
                .is_some_and(|s| !list_item(s.span.slice(&a.doc.text)))
        })
        .collect();
    let mut pairs = Vec::new();
    for &(i, si, qi) in figures.iter().filter(|f| top(f.1)) {
        let others: Vec<&(usize, u32, &Quantity)> = figures
            .iter()
            .filter(|&&(_, s, q)| s != si && same_thing(qi, q))
            .collect();
        // The figure is restated somewhere: a different value elsewhere is
        // about something else.
        if others.iter().any(|f| super::compatible(qi, f.2)) {
            continue;
        }
        // The first restatement that cannot hold with it, once per figure.
        if let Some(&&(j, _, _)) = others.iter().find(|f| candidates(qi, f.2)) {
            pairs.push((i.min(j), i.max(j)));
        }
    }
    if pairs.is_empty() {
        return pairs;
    }
    let contexts = align::contexts(a);
    let locals = align::locals(a, |s| contexts.get(s));
    pairs.retain(|&(i, j)| {
        let (ci, cj) = (&a.claims[i], &a.claims[j]);
        let (Some(qi), Some(qj)) = (ci.quantity(), cj.quantity()) else {
            return false;
        };
        let (Some(Some(li)), Some(Some(lj))) = (locals.get(i), locals.get(j)) else {
            return false;
        };
        let (Some(xi), Some(xj)) = (
            contexts.get(ci.sentence as usize),
            contexts.get(cj.sentence as usize),
        ) else {
            return false;
        };
        same_occasion(xi, xj, li, lj)
            && align::quantity_score(qi, qj, (xi, li), (xj, lj)) >= align::MIN_SCORE
    });
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Whether two figures are written in units that need a common one to be
/// read side by side ("2 hours" and "90 minutes").
fn converted(a: &Quantity, b: &Quantity) -> bool {
    a.unit != b.unit && !matches!(a.dimension, Dimension::Count | Dimension::Money)
}

impl Rule for SelfContradiction {
    fn id(&self) -> &'static str {
        "self-contradiction"
    }

    fn kind(&self) -> Kind {
        Kind::Numeric
    }

    fn doc(&self) -> &'static str {
        DOC
    }

    fn check(&self, _view: &EventView<'_>, _out: &mut Vec<Finding>) {}

    /// Every document is read on its own, whether or not another outlet
    /// reported its event.
    fn check_corpus(&self, view: &CorpusView<'_>, out: &mut Vec<Finding>) {
        let event_of = super::word_choice::events_of(view.analyses, view.events);
        let found: Vec<Vec<Finding>> = view
            .analyses
            .par_iter()
            .enumerate()
            .map(|(d, a)| {
                contradictions(a)
                    .into_iter()
                    .filter_map(|(i, j)| {
                        let (ci, cj) = (&a.claims[i], &a.claims[j]);
                        let (qi, qj) = (ci.quantity()?, cj.quantity()?);
                        let (ti, tj) = (ci.span.slice(&a.doc.text), cj.span.slice(&a.doc.text));
                        Some(Finding {
                            kind: Kind::Numeric,
                            verdict: Verdict::Conflict,
                            rule: self.id(),
                            event: event_of.get(d).copied().flatten(),
                            subject: super::number_mismatch::subject(qi, qj),
                            explanation: format!(
                                "one document gives {} and {}: \u{201c}{ti}\u{201d} and \u{201c}{tj}\u{201d}",
                                shown(qi, ti, converted(qi, qj)),
                                shown(qj, tj, converted(qi, qj))
                            ),
                            evidence: vec![
                                Evidence::claim(view.analyses, d, i),
                                Evidence::claim(view.analyses, d, j),
                            ],
                        })
                    })
                    .collect()
            })
            .collect();
        out.extend(found.into_iter().flatten());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<String> {
        let analyses = crate::compare::testing::analyses(&[text]);
        let a = &analyses[0];
        contradictions(a)
            .into_iter()
            .map(|(i, j)| {
                format!(
                    "{} / {}",
                    a.claims[i].span.slice(&a.doc.text),
                    a.claims[j].span.slice(&a.doc.text)
                )
            })
            .collect()
    }

    #[test]
    fn a_headline_and_its_body_that_disagree_contradict() {
        let found = flagged(
            "Ferry crash in harbour leaves 27 people injured\n\n\
             A ferry hit a pier in the harbour on Saturday evening. \
             The crash left 23 people injured, the fire service said.",
        );
        assert_eq!(found, ["27 people / 23 people"]);
        let found = flagged(
            "The council debated a 12-point housing reform plan. \
             Officials said the 11-point housing reform plan was sent to the mayor.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
    }

    /// The self-contradiction findings of a whole run over one document.
    fn run_on(text: &str) -> Vec<Finding> {
        let analyses = crate::compare::testing::analyses(&[text]);
        let events = [crate::group::Event {
            id: "e1".into(),
            documents: vec![0],
        }];
        crate::compare::run(&analyses, &events)
            .into_iter()
            .filter(|f| f.rule == "self-contradiction")
            .collect()
    }

    #[test]
    fn figures_in_two_units_are_compared_in_one() {
        let found: Vec<String> = run_on(
            "Ferries stopped by a two-hour dock strike\n\n\
             Ferries across the strait stopped on Monday morning. \
             The 90-minute dock strike ended at noon, the union said.",
        )
        .into_iter()
        .map(|f| f.explanation)
        .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("one document gives 2 hours and 90 minutes (1.5 hours)"),
            "{found:?}"
        );
    }

    #[test]
    fn a_figure_restated_elsewhere_makes_another_value_another_thing() {
        assert!(
            flagged(
                "Ferry crash in harbour leaves 27 people injured\n\n\
                 A ferry hit a pier on Saturday, and the crash left 27 people injured. \
                 In the town, the crash left 23 people injured."
            )
            .is_empty()
        );
    }

    #[test]
    fn list_items_and_poll_shares_are_different_things() {
        assert!(
            flagged(
                "TARGET: Two police officers wounded in knife attack. \
                 TARGET: Three police officers wounded in knife attack."
            )
            .is_empty()
        );
        assert!(
            flagged(
                "Asked about business, 51% of Republicans agree with the plan. \
                 Asked about states, 41% of Republicans agree with the plan."
            )
            .is_empty()
        );
        assert!(list_item("• 52% overall say states should act."));
        assert!(!list_item("The storm killed 11 people: officials said so."));
    }

    #[test]
    fn a_rising_toll_is_an_update() {
        assert!(
            flagged(
                "At least 12 people died in the floods on Monday. \
                 By evening the death toll rose to 15 people, officials said."
            )
            .is_empty()
        );
        assert!(
            flagged(
                "The storm killed 11 people in the province. \
                 The storm has now killed 14 people in the province."
            )
            .is_empty()
        );
    }

    #[test]
    fn figures_that_fit_or_differ_in_kind_are_left_alone() {
        // A lower bound and a count that fits it.
        assert!(
            flagged(
                "More than 400,000 homes lost power in the storm. \
                 About 450,000 homes lost power in the storm."
            )
            .is_empty()
        );
        // Two things happened to people.
        assert!(
            flagged(
                "The flood killed 12 people in the valley. \
                 The flood displaced 20 people in the valley."
            )
            .is_empty()
        );
        // Two sources.
        assert!(
            flagged(
                "About 5,000 protesters marched, according to police. \
                 About 8,000 protesters marched, according to organisers."
            )
            .is_empty()
        );
        // Another occasion.
        assert!(
            flagged(
                "The storm killed 11 people in the province. \
                 A similar storm in 2021 killed 14 people in the province."
            )
            .is_empty()
        );
        // Another scenario of a projection.
        assert!(
            flagged(
                "Between 2 million and 3 million people will die of the disease. \
                 With distancing, 1.1 million to 1.46 million people would still die of the disease."
            )
            .is_empty()
        );
        assert!(
            flagged(
                "The crash killed 157 people on Sunday. \
                 In October a plane crashed into the sea, and the crash killed 189 people."
            )
            .is_empty()
        );
    }

    #[test]
    fn explanations_name_both_values() {
        let found = run_on(
            "Storm kills 14 people in the province\n\n\
             The storm hit the coast on Monday. \
             The storm killed 11 people in the province, officials said.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .explanation
                .starts_with("one document gives 14 people and 11 people"),
            "{}",
            found[0].explanation
        );
        assert_eq!(found[0].verdict, Verdict::Conflict);
    }
}
