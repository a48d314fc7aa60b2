//! The `quote-variant` rule.

use super::{EventView, Evidence, Finding, Kind, Rule, Verdict};
use crate::extract::{Attribution, SpeakerKind};

/// One speaker's statement worded differently by two outlets, or corroborated.
pub struct QuoteVariant;

const DOC: &str = "\
# quote-variant

## What it flags
Two outlets attribute the same statement (matched by content words) to the
same speaker. When both quote it but with different words, the pair is a
variation showing both wordings (often two translations of one remark).
When one quotes and the other paraphrases the same content, or both quote
the same words, the pair is an agreement that corroborates the statement.

## Why it matters
A quotation promises the speaker's exact words; two different quotations
of one remark mean at least one outlet paraphrased inside quote marks.

## Example
- A: \"\\\"No one gains from a truce that only pretends to end the fighting,\\\" Marin added.\"
- B: \"Marin rejected what he called \\\"moves that merely mimic a ceasefire.\\\"\"
- variation: \"a truce that only pretends to end the fighting\" versus \"moves that merely mimic a ceasefire\".
";

/// The first words of a statement, for a subject line.
pub fn excerpt(content: &str) -> String {
    let words: Vec<&str> = content.split_whitespace().take(8).collect();
    let mut s = words.join(" ");
    if content.split_whitespace().count() > 8 {
        s.push_str(" ...");
    }
    s
}

fn same_speaker(
    people: &crate::align::People,
    view: &EventView<'_>,
    a: (&Attribution, (usize, usize)),
    b: (&Attribution, (usize, usize)),
) -> bool {
    match (a.0.speaker.kind, b.0.speaker.kind) {
        (SpeakerKind::Person, SpeakerKind::Person) => {
            let pa = people.of_claim(view.analyses, a.1.0, a.1.1);
            let pb = people.of_claim(view.analyses, b.1.0, b.1.1);
            pa.is_some() && pa == pb
        }
        (SpeakerKind::Organisation, SpeakerKind::Organisation) => {
            matches!((&a.0.speaker.name, &b.0.speaker.name), (Some(x), Some(y)) if x.surname == y.surname)
        }
        _ => false,
    }
}

impl Rule for QuoteVariant {
    fn id(&self) -> &'static str {
        "quote-variant"
    }

    fn kind(&self) -> Kind {
        Kind::Attribution
    }

    fn doc(&self) -> &'static str {
        DOC
    }

    fn check(&self, view: &EventView<'_>, out: &mut Vec<Finding>) {
        let people = view.people;
        for pair in view.statements {
            let ca = &view.analyses[pair.a.0].claims[pair.a.1];
            let cb = &view.analyses[pair.b.0].claims[pair.b.1];
            let (Some(a), Some(b)) = (ca.attribution(), cb.attribution()) else {
                continue;
            };
            if !same_speaker(people, view, (a, pair.a), (b, pair.b)) {
                continue;
            }
            let who = a
                .speaker
                .name
                .as_ref()
                .map_or(a.speaker.text.clone(), |n| n.full.clone());
            let (verdict, explanation) = if a.quoted && b.quoted && !pair.same_quote {
                if pair.containment < 0.4 {
                    continue;
                }
                (
                    Verdict::Variation,
                    format!("{who} quoted as \"{}\" and as \"{}\"", a.content, b.content),
                )
            } else if pair.same_quote || (pair.shared >= 3 && pair.containment >= 0.5) {
                (
                    Verdict::Agreement,
                    format!("{who} reported saying the same in both"),
                )
            } else {
                continue;
            };
            out.push(Finding {
                kind: Kind::Attribution,
                verdict,
                rule: self.id(),
                event: Some(view.event),
                subject: format!("{who}: \"{}\"", excerpt(&a.content)),
                explanation,
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
    use crate::compare::testing::assert_finding;
    use crate::compare::{Kind, Verdict};

    #[test]
    fn one_speaker_two_wordings_is_a_variation() {
        assert_finding(
            "Aide Yury Marin spoke. \"Nobody gains from gestures that merely pretend to be reform in this ministry,\" Marin added.",
            "Presidential aide Yuri Marin spoke. Marin rejected what he called \"gestures that only imitate reform.\"",
            Kind::Attribution,
            Verdict::Variation,
        );
    }

    #[test]
    fn quote_and_paraphrase_of_one_speaker_agree() {
        assert_finding(
            "Adviser Yury Marin spoke to the channel.\n\"The price freeze is nothing more than a short reprieve for the failing bakeries,\" he said.",
            "Economic adviser Yuri Marin dismissed the plan, stating that it would merely give the failing bakeries a short reprieve before they close.",
            Kind::Attribution,
            Verdict::Agreement,
        );
    }
}
