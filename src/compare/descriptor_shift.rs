//! The `descriptor-shift` rule.

use std::collections::BTreeMap;

use super::word_choice;
use super::{CorpusView, EventView, Evidence, Finding, Kind, Rule, Verdict};
use crate::extract::{ClaimKind, CueKind};

/// Two outlets put different labels before the same proper name.
pub struct DescriptorShift;

const DOC: &str = "\
# descriptor-shift

## What it flags
Two documents put labels from different sides of a lexicon group before
the same proper name: \"fraudster Jane Doe\" versus \"financier Jane
Doe\", \"Super Typhoon Mawar\" versus \"Typhoon Mawar\". Names are matched
by their last word, so documents of different events are compared too.
Within one event it also flags a storm called by its season number in one
document (\"Typhoon No. 14\") and by its name in another (\"Typhoon
Mawar\"). Always a variation.

## Why it matters
The word before a name tells the reader who the person is before the
story does, and a storm's label tells how bad it was.

## Example
- A: \"British-born financier Jane Doe was sentenced on Thursday.\"
- B: \"The British fraudster Jane Doe was jailed for 12 years.\"
- variation: descriptor before the name, “financier” versus “fraudster”.
";

impl Rule for DescriptorShift {
    fn id(&self) -> &'static str {
        "descriptor-shift"
    }

    fn kind(&self) -> Kind {
        Kind::Framing
    }

    fn doc(&self) -> &'static str {
        DOC
    }

    fn check(&self, view: &EventView<'_>, out: &mut Vec<Finding>) {
        // Storms by number versus by name, within the event: a number in one
        // document, names (and no number) in another.
        let numbered = |d: usize| -> Vec<usize> {
            cues(view, d)
                .filter(|(_, key, _)| key.starts_with("no. "))
                .map(|(i, ..)| i)
                .collect()
        };
        for (i, &a) in view.docs.iter().enumerate() {
            for &b in &view.docs[i + 1..] {
                for (x, y) in [(a, b), (b, a)] {
                    let numbers = numbered(x);
                    if numbers.is_empty() || !numbered(y).is_empty() {
                        continue;
                    }
                    // The name the other document uses most, for the same kind of storm.
                    let group = cues(view, x)
                        .find(|(c, ..)| numbers.contains(c))
                        .map(|(.., g)| g);
                    let mut counts: BTreeMap<String, Vec<usize>> = BTreeMap::new();
                    for (claim, key, g) in cues(view, y) {
                        if Some(&g) == group.as_ref() {
                            counts.entry(key).or_default().push(claim);
                        }
                    }
                    let Some((name, named)) = counts.iter().max_by_key(|(_, v)| v.len()) else {
                        continue;
                    };
                    let mut evidence: Vec<Evidence> = numbers
                        .iter()
                        .take(3)
                        .map(|&c| Evidence::claim(view.analyses, x, c))
                        .collect();
                    evidence.extend(
                        named
                            .iter()
                            .take(3)
                            .map(|&c| Evidence::claim(view.analyses, y, c)),
                    );
                    out.push(Finding {
                        kind: Kind::Framing,
                        verdict: Verdict::Variation,
                        rule: self.id(),
                        event: Some(view.event),
                        subject: "the storm".to_string(),
                        explanation: format!(
                            "naming: {} uses a season number where {} uses the name “{name}”",
                            view.analyses[x].doc.id, view.analyses[y].doc.id
                        ),
                        evidence,
                    });
                }
            }
        }
    }

    fn check_corpus(&self, view: &CorpusView<'_>, out: &mut Vec<Finding>) {
        word_choice::compare_across(
            view,
            |c| c.cue == CueKind::Descriptor && !c.key.starts_with("no. "),
            self.id(),
            out,
        );
    }
}

/// A document's descriptor cues: (claim index, key, group).
fn cues<'a>(
    view: &'a EventView<'_>,
    doc: usize,
) -> impl Iterator<Item = (usize, String, String)> + 'a {
    view.analyses[doc]
        .claims
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match &c.kind {
            ClaimKind::Framing(cue) if cue.cue == CueKind::Descriptor => {
                Some((i, cue.key.clone(), cue.group.clone()))
            }
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use crate::compare::testing::{assert_finding, assert_no_finding};
    use crate::compare::{Kind, Verdict};

    #[test]
    fn labels_before_one_name_differ() {
        assert_finding(
            "British-born financier Jane Doe was sentenced on Thursday to 12 years.",
            "The British fraudster Jane Doe was jailed for 12 years on Thursday.",
            Kind::Framing,
            Verdict::Variation,
        );
        assert_finding(
            "Super Typhoon Mawar tore across the island on Sunday.",
            "Typhoon Mawar tore across the island on Sunday.",
            Kind::Framing,
            Verdict::Variation,
        );
        assert_finding(
            "Typhoon No. 14 made landfall near the port on Tuesday.",
            "Typhoon Mawar made landfall near the port on Tuesday.",
            Kind::Framing,
            Verdict::Variation,
        );
        // Labels before two different names are not compared.
        assert_no_finding(
            "British-born financier Jane Doe was sentenced on Thursday.",
            "The fraudster John Roe was sentenced on Thursday.",
            Kind::Framing,
        );
    }
}
