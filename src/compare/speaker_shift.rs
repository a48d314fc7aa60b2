//! The `speaker-shift` rule.

use super::{EventView, Evidence, Finding, Kind, Rule, Verdict};
use crate::extract::SpeakerKind;

/// The same quote given to two different named people.
pub struct SpeakerShift;

const DOC: &str = "\
# speaker-shift

## What it flags
Two outlets print the same quote (the same words, or nearly all the same
content words) but put it in the mouths of two different named people: a
conflict, since at most one of them said it. People are matched by name
across outlets (a bare surname, a transliterated given name); two people who
only share a surname are different people.

## Why it matters
Who said something changes what it means: a warning from a forecaster is
not a warning from a governor, and a prosecutor's words are not a judge's.

## Example
- A: \"\\\"We will rebuild every home on this street,\\\" regional governor Aliya Serikova told reporters.\"
- B: \"\\\"We will rebuild every home on this street,\\\" said Omar Haddad, chief executive of the port company.\"
- conflict: one quote, two speakers.
";

impl Rule for SpeakerShift {
    fn id(&self) -> &'static str {
        "speaker-shift"
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
            if a.speaker.kind != SpeakerKind::Person
                || b.speaker.kind != SpeakerKind::Person
                || !a.quoted
                || !b.quoted
            {
                continue;
            }
            let strong = pair.same_quote || (pair.shared >= 4 && pair.containment >= 0.6);
            if !strong {
                continue;
            }
            let (Some(pa), Some(pb)) = (
                people.of_claim(view.analyses, pair.a.0, pair.a.1),
                people.of_claim(view.analyses, pair.b.0, pair.b.1),
            ) else {
                continue;
            };
            if pa == pb {
                continue;
            }
            // "Bloomberg" and "Michael Bloomberg" may be one person that
            // resolution could not join: never a conflict on a surname alone.
            let surname = |s: &crate::extract::Speaker| {
                s.name
                    .as_ref()
                    .map(|n| crate::extract::mention::translit(&n.surname))
            };
            let bare =
                |s: &crate::extract::Speaker| s.name.as_ref().is_none_or(|n| n.given.is_empty());
            if surname(&a.speaker).is_some()
                && surname(&a.speaker) == surname(&b.speaker)
                && (bare(&a.speaker) || bare(&b.speaker))
            {
                continue;
            }
            // A speaker found through a pronoun ("he said") is only as good
            // as the resolution: the difference is shown, not called a conflict.
            let named_here = |s: &crate::extract::Speaker| {
                s.name
                    .as_ref()
                    .is_some_and(|n| s.text.to_lowercase().contains(&n.surname.to_lowercase()))
            };
            let verdict = if named_here(&a.speaker) && named_here(&b.speaker) {
                Verdict::Conflict
            } else {
                Verdict::Variation
            };
            let name = |s: &crate::extract::Speaker| {
                s.name.as_ref().map_or(s.text.clone(), |n| n.full.clone())
            };
            out.push(Finding {
                kind: Kind::Attribution,
                verdict,
                rule: self.id(),
                event: Some(view.event),
                subject: format!(
                    "speaker of \"{}\"",
                    crate::compare::quote_variant::excerpt(&a.content)
                ),
                explanation: format!(
                    "quoted as {} in one outlet and as {} in another",
                    name(&a.speaker),
                    name(&b.speaker)
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
    fn a_pronoun_speaker_makes_a_variation_and_a_shared_surname_nothing() {
        assert_finding(
            "Mayor Elena Ruiz spoke first. \"We will rebuild every home on this street,\" she said.",
            "\"We will rebuild every home on this street,\" said Governor Marta Quispe.",
            Kind::Attribution,
            Verdict::Variation,
        );
        assert_no_finding(
            "\"We will rebuild every home on this street,\" Mr. Ruiz said.",
            "\"We will rebuild every home on this street,\" said Carlos Ruiz, the mayor.",
            Kind::Attribution,
        );
    }

    #[test]
    fn one_quote_two_named_speakers_conflict() {
        assert_finding(
            "\"They never lost hope, and neither did we,\" regional governor Nurlan Seitkali told reporters.",
            "\"They never lost hope, and neither did we,\" said Yerlan Abdrakhmanov, chief executive of the mine owner.",
            Kind::Attribution,
            Verdict::Conflict,
        );
    }

    #[test]
    fn the_same_person_by_surname_or_transliteration_is_no_shift() {
        assert_no_finding(
            "\"We will not accept a temporary truce that helps nobody,\" Russian presidential aide Yury Marin said.",
            "Kremlin aide Yuri Marin spoke on Friday. \"We will not accept a temporary truce that helps nobody,\" Marin said.",
            Kind::Attribution,
        );
    }

    #[test]
    fn two_people_sharing_a_surname_stay_apart() {
        assert_finding(
            "\"The harbour must reopen before the winter storms,\" said Maria Lopez, the port director.",
            "\"The harbour must reopen before the winter storms,\" said Carlos Lopez, the mayor.",
            Kind::Attribution,
            Verdict::Conflict,
        );
    }
}
