//! The people named across a run, with every spelling and title each outlet
//! used: `claimdiff entities`. An editor's view in its own right, and the way
//! to see how names were resolved before titles are compared.

use std::collections::{BTreeMap, BTreeSet};

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use serde::Serialize;

use crate::extract::Analysis;
use crate::extract::mention::EntityKind;

/// One use of a spelling or a title, located in the file on disk.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Use {
    pub document: String,
    pub text: String,
    pub start: u64,
    pub end: u64,
}

/// One resolved person.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entity {
    /// The spelling used most often.
    pub person: String,
    /// Documents naming the person, in input order.
    pub documents: Vec<String>,
    /// Each distinct spelling per document, first use.
    pub spellings: Vec<Use>,
    /// Each distinct title or descriptor per document, first use.
    pub titles: Vec<Use>,
}

/// Resolves the people named in `analyses` and gathers their spellings and titles.
pub fn entities(analyses: &[Analysis]) -> Vec<Entity> {
    let people = crate::align::people(analyses);
    #[derive(Default)]
    struct Gathered {
        docs: BTreeSet<usize>,
        spellings: BTreeMap<(usize, String), Use>,
        titles: BTreeMap<(usize, String), Use>,
        counts: BTreeMap<String, usize>,
    }
    let mut by_person: BTreeMap<usize, Gathered> = BTreeMap::new();
    for (d, a) in analyses.iter().enumerate() {
        for c in &a.claims {
            let Some(m) = c.mention() else { continue };
            if m.entity != EntityKind::Person {
                continue;
            }
            let Some(person) = people.of_name(d, &m.name) else {
                continue;
            };
            let g = by_person.entry(person).or_default();
            g.docs.insert(d);
            let located = |span: crate::span::Span| {
                let (start, end) = a.doc.raw_span(span);
                Use {
                    document: a.doc.id.clone(),
                    text: span.slice(&a.doc.text).to_string(),
                    start,
                    end,
                }
            };
            let spelling = located(m.name_span);
            *g.counts.entry(spelling.text.clone()).or_default() += 1;
            g.spellings
                .entry((d, spelling.text.clone()))
                .or_insert(spelling);
            if let Some(desc) = &m.descriptor {
                let title = located(desc.span);
                g.titles
                    .entry((d, title.text.to_lowercase()))
                    .or_insert(title);
            }
        }
    }
    let mut out: Vec<Entity> = by_person
        .into_values()
        .map(|g| {
            // The most used full name (given name and surname), else the
            // most used spelling of any kind.
            let full = |name: &String| {
                name.contains(' ') && !name.ends_with("\u{2019}s") && !name.ends_with("'s")
            };
            let person = g
                .counts
                .iter()
                .max_by(|a, b| {
                    full(a.0)
                        .cmp(&full(b.0))
                        .then(a.1.cmp(b.1))
                        .then(b.0.cmp(a.0))
                })
                .map(|(name, _)| name.clone())
                .unwrap_or_default();
            Entity {
                person,
                documents: g.docs.iter().map(|&d| analyses[d].doc.id.clone()).collect(),
                spellings: g.spellings.into_values().collect(),
                titles: g.titles.into_values().collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.documents
            .len()
            .cmp(&a.documents.len())
            .then_with(|| a.person.cmp(&b.person))
    });
    out
}

/// The entities as one JSON array.
pub fn render_json(entities: &[Entity]) -> String {
    let mut out = serde_json::to_string_pretty(entities)
        .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()));
    out.push('\n');
    out
}

/// The entities as a table: one row per person, each outlet's spellings and titles.
pub fn render_table(entities: &[Entity]) -> String {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(vec!["person", "spellings", "titles"]);
    let list = |uses: &[Use]| {
        uses.iter()
            .map(|u| format!("{}: \u{201c}{}\u{201d}", u.document, u.text))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for e in entities {
        table.add_row(vec![e.person.clone(), list(&e.spellings), list(&e.titles)]);
    }
    format!("{table}\n{} people\n", entities.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::compare::testing::analyses;

    #[test]
    fn spellings_and_titles_of_one_person_come_together() {
        let docs = analyses(&[
            "Kremlin aide Yury Marin told reporters the talks had ended.",
            "The president's foreign policy aide, Yuri Marin, said the talks had ended.",
        ]);
        let people = entities(&docs);
        let ushakov = people
            .iter()
            .find(|e| e.person.contains("Marin"))
            .expect("Marin is resolved");
        assert_eq!(ushakov.documents, ["d0", "d1"]);
        let spellings: Vec<&str> = ushakov.spellings.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(spellings, ["Yury Marin", "Yuri Marin"]);
        assert_eq!(ushakov.titles.len(), 2, "{:?}", ushakov.titles);
    }

    #[test]
    fn two_people_sharing_a_surname_stay_apart() {
        let docs = analyses(&[
            "Finance Minister Anna Berg said the budget was balanced.",
            "Opposition leader Erik Berg said the budget was not balanced.",
        ]);
        let bergs = entities(&docs)
            .into_iter()
            .filter(|e| e.person.contains("Berg"))
            .count();
        assert_eq!(bergs, 2);
    }
}
