//! The `epistemic-hedge` rule.

use super::{EventView, Evidence, Finding, Kind, Rule, Verdict};
use crate::extract::{ClaimKind, CueKind};
use crate::span::Span;

/// One outlet distances itself from a claim that another states plainly.
pub struct EpistemicHedge;

const DOC: &str = "\
# epistemic-hedge

## What it flags
Within one event, one document distances itself from a claim with a hedge
(\"alleged\", \"reportedly\", \"so-called\", \"self-proclaimed\") or puts a
word or short phrase in scare quotes (the “peace plan”), and another
document states the same words plainly in a sentence about the same thing
(sharing at least three content words), with no hedge of its own. Always a
variation.

## Why it matters
A hedge moves a claim from fact to assertion; the same event reported with
and without it reads as confirmed in one outlet and doubtful in the other.

## Example
- A: \"Prosecutors say the alleged fraud cost investors $48 million.\"
- B: \"Prosecutors say the fraud cost investors $48 million.\"
- variation: distancing, “alleged fraud” versus “fraud”.
";

/// Sentences about the same thing share at least this many content stems.
const MIN_SHARED: usize = 3;

impl Rule for EpistemicHedge {
    fn id(&self) -> &'static str {
        "epistemic-hedge"
    }

    fn kind(&self) -> Kind {
        Kind::Framing
    }

    fn doc(&self) -> &'static str {
        DOC
    }

    fn check(&self, view: &EventView<'_>, out: &mut Vec<Finding>) {
        let is_hedge = |c: &crate::extract::Claim| matches!(&c.kind, ClaimKind::Framing(cue) if matches!(cue.cue, CueKind::Hedge | CueKind::ScareQuote));
        // What the search needs of each document, made once per event rather
        // than once per hedge: which sentences hedge, and the text in ASCII
        // lower case (same byte offsets), to find a hedge's words in.
        let prepared: Vec<(Vec<bool>, String)> = view
            .docs
            .iter()
            .map(|&d| {
                let analysis = &view.analyses[d];
                let mut hedged = vec![false; analysis.sentences.len()];
                for c in analysis.claims.iter().filter(|c| is_hedge(c)) {
                    if let Some(h) = hedged.get_mut(c.sentence as usize) {
                        *h = true;
                    }
                }
                (hedged, analysis.doc.text.to_ascii_lowercase())
            })
            .collect();
        for &a in view.docs {
            for (claim, c) in view.analyses[a].claims.iter().enumerate() {
                let ClaimKind::Framing(cue) = &c.kind else {
                    continue;
                };
                if !matches!(cue.cue, CueKind::Hedge | CueKind::ScareQuote) {
                    continue;
                }
                let Some(ctx_a) = view.contexts.get(a, c.sentence as usize) else {
                    continue;
                };
                // Searched for in every other document of the event.
                let finder = memchr::memmem::Finder::new(cue.key.as_bytes());
                for (&b, (hedged_b, lower_b)) in view.docs.iter().zip(&prepared) {
                    if b == a {
                        continue;
                    }
                    let analysis = &view.analyses[b];
                    // Where the words stand anywhere in `b`: one search of
                    // the document instead of one per sentence, which only
                    // sentences that hold the words need.
                    let starts = occurrences(lower_b, &cue.key, &finder);
                    if starts.is_empty() {
                        continue;
                    }
                    let holds = |s: Span| {
                        let from = starts.partition_point(|&p| p < s.start as usize);
                        starts
                            .get(from)
                            .is_some_and(|&p| p + cue.key.len() <= s.end as usize)
                    };
                    // The sentence of `b` most like this one that states the
                    // words plainly. Finding the words is cheaper than
                    // counting shared stems, so it goes first.
                    let best = analysis
                        .sentences
                        .iter()
                        .enumerate()
                        .filter(|(i, s)| !hedged_b[*i] && holds(s.span))
                        .filter_map(|(i, s)| {
                            let at = find_words(s.span.slice(lower_b), &cue.key)?;
                            let ctx_b = view.contexts.get(b, i)?;
                            let shared = ctx_a.stems.intersection(&ctx_b.stems).count();
                            let span = Span::new(
                                s.span.start as usize + at,
                                s.span.start as usize + at + cue.key.len(),
                            );
                            (shared >= MIN_SHARED).then_some((shared, i, span))
                        })
                        .max_by_key(|(shared, i, _)| (*shared, std::cmp::Reverse(*i)));
                    let Some((_, sentence, span)) = best else {
                        continue;
                    };
                    let distancing = if cue.cue == CueKind::ScareQuote {
                        "scare quotes".to_string()
                    } else {
                        format!("“{}”", cue.term)
                    };
                    out.push(Finding {
                        kind: Kind::Framing,
                        verdict: Verdict::Variation,
                        rule: self.id(),
                        event: Some(view.event),
                        subject: cue.key.clone(),
                        explanation: format!(
                            "distancing: {} puts {distancing} on “{}” where {} states it plainly",
                            view.analyses[a].doc.id, cue.key, analysis.doc.id
                        ),
                        evidence: vec![
                            Evidence::claim(view.analyses, a, claim),
                            Evidence {
                                doc: b,
                                claim: None,
                                span,
                                sentence: sentence as u32,
                            },
                        ],
                    });
                }
            }
        }
    }
}

/// Byte offsets of every occurrence of `words` in `text`, overlapping ones
/// too, in order; `finder` searches for them. An occurrence of UTF-8 in
/// UTF-8 starts a character, so bytes are searched as well as text.
fn occurrences(text: &str, words: &str, finder: &memchr::memmem::Finder<'_>) -> Vec<usize> {
    let mut out = Vec::new();
    let Some(first) = words.chars().next() else {
        return out;
    };
    let mut from = 0;
    while let Some(found) = finder.find(&text.as_bytes()[from..]) {
        out.push(from + found);
        from += found + first.len_utf8();
    }
    out
}

/// Byte offset of `words` (folded) as whole words in `sentence`, ASCII case-insensitively.
/// Where `words` stand in `lower` (a sentence in ASCII lower case) as whole
/// words, not inside quotation marks.
fn find_words(lower: &str, words: &str) -> Option<usize> {
    if words.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(found) = lower.get(from..).and_then(|rest| rest.find(words)) {
        let start = from + found;
        let end = start + words.len();
        let before = lower[..start].chars().next_back();
        let after = lower[end..].chars().next();
        let quoted = |c: Option<char>| {
            c.is_some_and(|c| matches!(c, '"' | '\u{201c}' | '\u{201d}' | '\u{2018}'))
        };
        if !before.is_some_and(char::is_alphanumeric)
            && !after.is_some_and(char::is_alphanumeric)
            && !quoted(before)
        {
            return Some(start);
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::compare::testing::{assert_finding, assert_no_finding};
    use crate::compare::{Kind, Verdict};

    #[test]
    fn a_hedge_one_outlet_leaves_out() {
        assert_finding(
            "Prosecutors say the alleged fraud cost investors $48 million over a decade.",
            "Prosecutors say the fraud cost investors $48 million over a decade.",
            Kind::Framing,
            Verdict::Variation,
        );
        assert_finding(
            "The envoy presented the “peace plan” to officials in the capital.",
            "The envoy presented the peace plan to officials in the capital.",
            Kind::Framing,
            Verdict::Variation,
        );
        assert_no_finding(
            "Prosecutors say the alleged fraud cost investors $48 million over a decade.",
            "Prosecutors say the alleged fraud cost investors $48 million over ten years.",
            Kind::Framing,
        );
    }
}
