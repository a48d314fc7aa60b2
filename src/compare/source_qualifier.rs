//! The `source-qualifier` rule.

use std::collections::BTreeSet;

use super::{EventView, Evidence, Finding, Kind, Rule, Verdict};
use crate::extract::{Analysis, ClaimKind, CueKind};
use crate::span::Span;

/// One outlet qualifies an organisation by who runs or backs it; another does not.
pub struct SourceQualifier;

const DOC: &str = "\
# source-qualifier

## What it flags
Within one event, one document qualifies an organisation or group by who
runs, backs or controls it (\"the Hamas-run health ministry\",
\"Kremlin-backed separatists\", \"state-controlled media\") and another
names the same organisation without that qualifier, or with another one.
The qualifier is tied to the words it stands before, and only those words
are looked for in the other document. Always a variation.

## Why it matters
A qualifier tells the reader how far to trust a source, or whom to blame
for a group's acts; leaving it out, or choosing another, frames the same
figure or act differently.

## Example
- A: \"The Hamas-run health ministry said 40 people had died.\"
- B: \"The health ministry said 40 people had died.\"
- variation: source qualifier, “Hamas-run health ministry” versus “health ministry”.
";

/// Occurrences of `words` (folded, ASCII case-insensitive) as whole words in a document.
fn occurrences(analysis: &Analysis, words: &str) -> Vec<(Span, u32)> {
    let text = &analysis.doc.text;
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = lower.get(from..).and_then(|rest| rest.find(words)) {
        let start = from + found;
        let end = start + words.len();
        from = end;
        let before = lower[..start].chars().next_back();
        let after = lower[end..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        let span = Span::new(start, end);
        if let Some(sentence) = analysis
            .sentences
            .iter()
            .position(|s| s.span.contains(span))
        {
            out.push((span, sentence as u32));
        }
    }
    out
}

impl Rule for SourceQualifier {
    fn id(&self) -> &'static str {
        "source-qualifier"
    }

    fn kind(&self) -> Kind {
        Kind::Framing
    }

    fn doc(&self) -> &'static str {
        DOC
    }

    fn check(&self, view: &EventView<'_>, out: &mut Vec<Finding>) {
        let qualifiers = |doc: usize| -> Vec<(usize, &crate::extract::Cue)> {
            view.analyses[doc]
                .claims
                .iter()
                .enumerate()
                .filter_map(|(i, c)| match &c.kind {
                    ClaimKind::Framing(cue) if cue.cue == CueKind::Qualifier => Some((i, cue)),
                    _ => None,
                })
                .collect()
        };
        for &a in view.docs {
            let mut seen = BTreeSet::new();
            for (claim, cue) in qualifiers(a) {
                if !seen.insert(cue.key.clone()) {
                    continue;
                }
                for &b in view.docs {
                    if b == a {
                        continue;
                    }
                    let theirs: Vec<(usize, &crate::extract::Cue)> = qualifiers(b)
                        .into_iter()
                        .filter(|(_, c)| c.key == cue.key)
                        .collect();
                    if theirs
                        .iter()
                        .any(|(_, c)| c.term.eq_ignore_ascii_case(&cue.term))
                    {
                        continue;
                    }
                    let (evidence_b, wording_b): (Vec<Evidence>, String) =
                        if let Some((other, c)) = theirs.first() {
                            // Another qualifier: reported once, from the lower document.
                            if b < a {
                                continue;
                            }
                            (
                                vec![Evidence::claim(view.analyses, b, *other)],
                                format!("“{}”", c.term),
                            )
                        } else {
                            let plain = occurrences(&view.analyses[b], &cue.key);
                            if plain.is_empty() {
                                continue;
                            }
                            let evidence = plain
                                .iter()
                                .take(2)
                                .map(|&(span, sentence)| Evidence {
                                    doc: b,
                                    claim: None,
                                    span,
                                    sentence,
                                })
                                .collect();
                            (evidence, "no qualifier".to_string())
                        };
                    let mut evidence = vec![Evidence::claim(view.analyses, a, claim)];
                    evidence.extend(evidence_b);
                    out.push(Finding {
                        kind: Kind::Framing,
                        verdict: Verdict::Variation,
                        rule: self.id(),
                        event: Some(view.event),
                        subject: cue.key.clone(),
                        explanation: format!(
                            "source qualifier: {} writes “{}” {} where {} has {wording_b}",
                            view.analyses[a].doc.id, cue.term, cue.key, view.analyses[b].doc.id
                        ),
                        evidence,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::compare::testing::{assert_finding, assert_no_finding};
    use crate::compare::{Kind, Verdict};

    #[test]
    fn a_qualifier_one_outlet_leaves_out() {
        assert_finding(
            "The Hamas-run health ministry said 40 people had died in the strikes.",
            "The health ministry said 40 people had died in the strikes.",
            Kind::Framing,
            Verdict::Variation,
        );
        assert_no_finding(
            "The Hamas-run health ministry said 40 people had died in the strikes.",
            "The Hamas-run health ministry said 40 people died in the strikes.",
            Kind::Framing,
        );
    }
}
