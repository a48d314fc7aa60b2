//! The `unnamed-source` rule.

use super::{EventView, Evidence, Finding, Kind, Rule, Verdict};
use crate::extract::{Speaker, SpeakerKind};

/// One statement sourced to a named speaker in one outlet and to a less specific source in another.
pub struct UnnamedSource;

const DOC: &str = "\
# unnamed-source

## What it flags
Two outlets report the same statement (matched by its content words, quoted
or paraphrased) but one names who said it and the other does not: a named
person versus an organisation or an unnamed source (\"a spokesperson\",
\"officials\", \"forecasters at the agency\"), or a named organisation versus
an unnamed body (\"an independent committee found\"). Both can be true, so
this is a variation.

## Why it matters
A named source can be checked and held to account; an unnamed one cannot.
Readers of the two outlets get different grounds for trusting the claim.

## Example
- A: \"The government says the next move is up to the rebels.\"
- B: \"Foreign Minister Helen Marlow said, \\\"The next move is truly up to the rebels.\\\"\"
- variation: unnamed \"The government\" versus Foreign Minister Helen Marlow.
";

/// How specific a speaker is: 2 for a named person, 1 for an organisation, 0 unnamed.
fn specificity(s: &Speaker) -> u8 {
    match s.kind {
        SpeakerKind::Person => 2,
        SpeakerKind::Organisation => 1,
        SpeakerKind::Unnamed => 0,
    }
}

impl Rule for UnnamedSource {
    fn id(&self) -> &'static str {
        "unnamed-source"
    }

    fn kind(&self) -> Kind {
        Kind::Attribution
    }

    fn doc(&self) -> &'static str {
        DOC
    }

    fn check(&self, view: &EventView<'_>, out: &mut Vec<Finding>) {
        for pair in view.statements {
            let ca = &view.analyses[pair.a.0].claims[pair.a.1];
            let cb = &view.analyses[pair.b.0].claims[pair.b.1];
            let (Some(a), Some(b)) = (ca.attribution(), cb.attribution()) else {
                continue;
            };
            let (sa, sb) = (specificity(&a.speaker), specificity(&b.speaker));
            if sa == sb {
                continue;
            }
            let enough = pair.same_quote
                || (pair.shared >= 4 && pair.containment >= 0.4)
                || (pair.shared >= 3 && pair.containment >= 0.5)
                || (pair.shared >= 2 && pair.containment >= 0.66);
            if !enough {
                continue;
            }
            let (named, other) = if sa > sb {
                (&a.speaker, &b.speaker)
            } else {
                (&b.speaker, &a.speaker)
            };
            let what = match other.kind {
                SpeakerKind::Unnamed => "an unnamed source",
                _ => "an organisation",
            };
            out.push(Finding {
                kind: Kind::Attribution,
                verdict: Verdict::Variation,
                rule: self.id(),
                event: Some(view.event),
                subject: format!(
                    "source of \"{}\"",
                    crate::compare::quote_variant::excerpt(&a.content)
                ),
                explanation: format!(
                    "attributed to {:?} in one outlet and to {what}, {:?}, in another",
                    named.text, other.text
                ),
                evidence: vec![
                    Evidence::claim(view.analyses, pair.a.0, pair.a.1),
                    Evidence::claim(view.analyses, pair.b.0, pair.b.1),
                ],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::compare::testing::{assert_finding, assert_no_finding};
    use crate::compare::{Kind, Verdict};

    #[test]
    fn named_versus_unnamed_speaker_is_a_variation() {
        assert_finding(
            "\"We would rather shut the bridge for a week than risk a collapse,\" chief engineer Ilse Varnok said.",
            "\"We would rather shut the bridge for a week than risk a collapse,\" a city spokesperson said.",
            Kind::Attribution,
            Verdict::Variation,
        );
        assert_finding(
            "The US says the next step is now up to the union.",
            "On Tuesday, Labour Minister Mara Ruiz said, \"The next step is truly up to the union.\"",
            Kind::Attribution,
            Verdict::Variation,
        );
    }

    #[test]
    fn organisation_versus_unnamed_body_is_a_variation() {
        assert_finding(
            "Pellam Holdings said on Monday that its recalled cheese carried listeria in two batches.",
            "The recalled cheese carried listeria in two batches, an independent review panel found.",
            Kind::Attribution,
            Verdict::Variation,
        );
    }

    #[test]
    fn unrelated_statements_are_not_paired() {
        assert_no_finding(
            "\"Rescue crews worked through the night,\" said Anna Berg, the fire chief.",
            "Officials said the bridge would reopen next month after repairs.",
            Kind::Attribution,
        );
    }
}
