//! The `name-variant` rule.

use super::{CorpusView, EventView, Evidence, Finding, Kind, Rule, Verdict};

/// One person's name spelled two ways by two outlets.
pub struct NameVariant;

const DOC: &str = "\
# name-variant

## What it flags
One person (matched by surname and a compatible given name, allowing
transliteration variants) whose name two outlets spell differently: a
Russian versus a Ukrainian transliteration, a dropped or doubled letter.
Both spellings name the same person, so this is a framing variation. People
keep their names across stories, so all documents are compared, not only
those of one event.

## Why it matters
The choice between transliterations often follows a political or national
convention, and readers searching for one spelling miss the other.

## Example
- A: \"leaving Vladimir Kovalenko's coalition partners surprised\"
- B: \"Prime Minister Volodymyr Kovalenko has called on ...\"
- variation: Vladimir Kovalenko versus Volodymyr Kovalenko.
";

/// The words of a name as written, folded, without a possessive.
fn written(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(crate::normalize::fold)
        .collect()
}

impl Rule for NameVariant {
    fn id(&self) -> &'static str {
        "name-variant"
    }

    fn kind(&self) -> Kind {
        Kind::Framing
    }

    fn doc(&self) -> &'static str {
        DOC
    }

    fn check(&self, _view: &EventView<'_>, _out: &mut Vec<Finding>) {}

    fn check_corpus(&self, view: &CorpusView<'_>, out: &mut Vec<Finding>) {
        let people = view.people;
        let event_of = super::word_choice::events_of(view.analyses, view.events);
        // Every full name as written: (person, doc, claim, words). A
        // one-word name has no variant; it need not be folded to see that.
        let names: Vec<_> = people
            .mentions(view.analyses, |a, m| {
                m.name_span
                    .slice(&a.doc.text)
                    .split_whitespace()
                    .nth(1)
                    .is_some()
            })
            .map(|(p, d, i, m)| {
                let words = written(m.name_span.slice(&view.analyses[d].doc.text));
                (p, d, i, words)
            })
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        let mut by_person: std::collections::BTreeMap<usize, Vec<usize>> =
            std::collections::BTreeMap::new();
        for (x, item) in names.iter().enumerate() {
            by_person.entry(item.0).or_default().push(x);
        }
        let candidates: Vec<(usize, usize)> = by_person
            .values()
            .flat_map(|members| {
                let keyed: Vec<(usize, &Vec<String>)> =
                    members.iter().map(|&x| (names[x].1, &names[x].3)).collect();
                super::referent_pairs(&keyed, &event_of)
                    .into_iter()
                    .map(|(x, y)| (members[x], members[y]))
                    .collect::<Vec<_>>()
            })
            .collect();
        for (x, y) in candidates {
            let (pa, da, ia, wa) = &names[x];
            let (_, db, ib, wb) = &names[y];
            {
                if da == db || wa == wb {
                    continue;
                }
                // The same words with one side longer ("Yury Marin" and "Yury V. Marin") are no variant.
                if wa.len() != wb.len() {
                    continue;
                }
                let (d1, i1, d2, i2) = if da < db {
                    (*da, *ia, *db, *ib)
                } else {
                    (*db, *ib, *da, *ia)
                };
                if !seen.insert((*pa, d1, d2)) {
                    continue;
                }
                let event = match (event_of[d1], event_of[d2]) {
                    (Some(e1), Some(e2)) if e1 == e2 => Some(e1),
                    _ => None,
                };
                let name = |d: usize, i: usize| -> String {
                    let a = &view.analyses[d];
                    a.claims[i].mention().map_or(String::new(), |m| {
                        m.name_span.slice(&a.doc.text).to_string()
                    })
                };
                let (n1, n2) = (name(d1, i1), name(d2, i2));
                out.push(Finding {
                    kind: Kind::Framing,
                    verdict: Verdict::Variation,
                    rule: self.id(),
                    event,
                    subject: format!("spelling of {n1}"),
                    explanation: format!("{n1:?} versus {n2:?}: one person, two spellings"),
                    evidence: vec![
                        Evidence {
                            doc: d1,
                            claim: Some(i1),
                            span: view.analyses[d1].claims[i1]
                                .mention()
                                .map_or(view.analyses[d1].claims[i1].span, |m| m.name_span),
                            sentence: view.analyses[d1].claims[i1].sentence,
                        },
                        Evidence {
                            doc: d2,
                            claim: Some(i2),
                            span: view.analyses[d2].claims[i2]
                                .mention()
                                .map_or(view.analyses[d2].claims[i2].span, |m| m.name_span),
                            sentence: view.analyses[d2].claims[i2].sentence,
                        },
                    ],
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::compare::testing::{assert_finding, assert_no_finding};
    use crate::compare::{Kind, Verdict};

    #[test]
    fn transliterated_given_names_are_a_variant() {
        assert_finding(
            "Talks left Vladimir Kovalenko's backers blindsided, officials said.",
            "Ukrainian President Volodymyr Kovalenko called for talks.",
            Kind::Framing,
            Verdict::Variation,
        );
    }

    #[test]
    fn two_people_sharing_a_surname_are_not_a_variant() {
        assert_no_finding(
            "Senator Hunter Biden spoke at the rally on Monday.",
            "Senator Joe Biden spoke at the rally on Monday.",
            Kind::Framing,
        );
    }
}
