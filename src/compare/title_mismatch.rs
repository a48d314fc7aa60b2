//! The `title-mismatch` rule.

use super::{CorpusView, EventView, Evidence, Finding, Kind, Rule, Verdict};
use rayon::prelude::*;

use crate::extract::mention::{self, Role, lexicon};

/// One person's title or role described two ways.
pub struct TitleMismatch;

const DOC: &str = "\
# title-mismatch

## What it flags
One person (matched across outlets by name, allowing transliteration
variants) is given titles or roles that cannot both hold: a former versus a
sitting office (\"former President\" versus \"President\"), a deputy versus a
full role (\"Deputy Minister\" versus \"Minister\"), two different offices of
one exclusive group (\"chief executive\" versus \"chief operating officer\"),
or the same role placed at two different organisations: a conflict.
Compatible but different descriptions (one names whom the role serves, the
other does not) are a variation; compatible ones are an agreement.
People keep their roles across stories, so this rule compares all documents,
not only those of one event.

## Why it matters
A title tells the reader how much weight a statement carries; a wrong or
outdated one misleads about who is speaking.

## Example
- A: \"said former union leader Dana Holt\"
- B: \"union leader Dana Holt told reporters\"
- conflict: former union leader versus union leader.
- A: \"Russian presidential aide Yury Marin\"; B: \"his foreign policy aide, Yuri Marin\": agreement.
";

/// Whether two affiliations name the same organisation: a shared word or an acronym.
fn same_affiliation(a: &[String], b: &[String]) -> bool {
    const GENERIC: &[&str] = &[
        "agency",
        "organization",
        "organisation",
        "international",
        "national",
        "office",
        "group",
    ];
    let content = |v: &[String]| -> Vec<String> {
        v.iter()
            .filter(|w| !GENERIC.contains(&w.as_str()))
            .cloned()
            .collect()
    };
    let (ca, cb) = (content(a), content(b));
    if ca.iter().any(|w| cb.contains(w)) {
        return true;
    }
    let initials = |v: &[String]| -> String { v.iter().filter_map(|w| w.chars().next()).collect() };
    let joined = |v: &[String]| -> Vec<String> { v.iter().map(|w| w.replace('.', "")).collect() };
    let (ia, ib) = (initials(a), initials(b));
    joined(a)
        .iter()
        .any(|w| w.len() >= 2 && ib.contains(w.as_str()))
        || joined(b)
            .iter()
            .any(|w| w.len() >= 2 && ia.contains(w.as_str()))
}

/// The verdict for two descriptions of one person, with a reason; `None` when not comparable.
pub fn compare(a: &Role, b: &Role) -> Option<(Verdict, String)> {
    let lex = lexicon();
    let shared: Vec<&String> = a.heads.intersection(&b.heads).collect();
    let heads = |r: &Role| r.heads.iter().cloned().collect::<Vec<_>>().join(" and ");
    if !shared.is_empty() {
        if a.former != b.former {
            return Some((
                Verdict::Conflict,
                format!("a former {} versus a sitting one", shared[0]),
            ));
        }
        if a.rank != b.rank {
            let rank = a.rank.as_deref().or(b.rank.as_deref()).unwrap_or("deputy");
            return Some((
                Verdict::Conflict,
                format!("{rank} {} versus {}", shared[0], shared[0]),
            ));
        }
    }
    for ha in &a.heads {
        for hb in &b.heads {
            let (Some(ga), Some(gb)) = (lex.exclusive.get(ha), lex.exclusive.get(hb)) else {
                continue;
            };
            let a_in = a
                .heads
                .iter()
                .filter(|h| lex.exclusive.get(*h) == Some(ga))
                .collect::<Vec<_>>();
            let b_in = b
                .heads
                .iter()
                .filter(|h| lex.exclusive.get(*h) == Some(gb))
                .collect::<Vec<_>>();
            if ga == gb && !a_in.iter().any(|h| b_in.contains(h)) {
                return Some((Verdict::Conflict, format!("{ha} versus {hb}")));
            }
        }
    }
    let both_aff = !a.affiliation.is_empty() && !b.affiliation.is_empty();
    if both_aff
        && a.affiliation_is_org
        && b.affiliation_is_org
        && (a.heads.is_empty() || b.heads.is_empty() || !shared.is_empty())
        && !same_affiliation(&a.affiliation, &b.affiliation)
    {
        return Some((
            Verdict::Conflict,
            format!(
                "placed at {} versus {}",
                a.affiliation.join(" "),
                b.affiliation.join(" ")
            ),
        ));
    }
    if a.heads.is_empty() && b.heads.is_empty() {
        return None;
    }
    if shared.is_empty() {
        if a.heads.is_empty() || b.heads.is_empty() {
            return None;
        }
        return Some((
            Verdict::Variation,
            format!("{} versus {}", heads(a), heads(b)),
        ));
    }
    if a.affiliation.is_empty() != b.affiliation.is_empty() {
        // "chief forecaster at the Japan Meteorological Agency" and "JMA chief forecaster".
        let (with, without) = if a.affiliation.is_empty() {
            (b, a)
        } else {
            (a, b)
        };
        let modifiers: Vec<String> = without.modifiers.iter().cloned().collect();
        if same_affiliation(&with.affiliation, &modifiers) {
            return Some((Verdict::Agreement, format!("both describe a {}", shared[0])));
        }
        return Some((
            Verdict::Variation,
            format!(
                "{} described with and without whom the role serves",
                shared[0]
            ),
        ));
    }
    Some((Verdict::Agreement, format!("both describe a {}", shared[0])))
}

/// The strongest comparison of one person between two documents:
/// verdict, reason, the two claims, and the person's name.
type Best = (Verdict, String, usize, usize, String);

impl Rule for TitleMismatch {
    fn id(&self) -> &'static str {
        "title-mismatch"
    }

    fn kind(&self) -> Kind {
        Kind::Attribution
    }

    fn doc(&self) -> &'static str {
        DOC
    }

    fn check(&self, _view: &EventView<'_>, _out: &mut Vec<Finding>) {}

    fn check_corpus(&self, view: &CorpusView<'_>, out: &mut Vec<Finding>) {
        let people = view.people;
        let event_of = super::word_choice::events_of(view.analyses, view.events);
        // Every described mention: (person, doc, claim, name).
        let described: Vec<_> = people
            .mentions(view.analyses, |_, m| m.descriptor.is_some())
            .map(|(p, d, i, m)| (p, d, i, m.name.full.clone()))
            .collect();
        let descriptor = |x: usize| {
            let (_, d, i, _) = &described[x];
            view.analyses[*d].claims[*i]
                .mention()
                .and_then(|m| m.descriptor.as_ref())
                .map_or("", |desc| desc.text.as_str())
        };
        let mut by_person: std::collections::BTreeMap<usize, Vec<usize>> =
            std::collections::BTreeMap::new();
        for (x, item) in described.iter().enumerate() {
            by_person.entry(item.0).or_default().push(x);
        }
        // The pairs of descriptions to compare, in order.
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        for members in by_person.values() {
            let keyed: Vec<(usize, String)> = members
                .iter()
                .map(|&x| (described[x].1, descriptor(x).to_lowercase()))
                .collect();
            candidates.extend(
                super::referent_pairs(&keyed, &event_of)
                    .into_iter()
                    .map(|(x, y)| (members[x], members[y]))
                    .filter(|&(x, y)| !months_apart(view, described[x].1, described[y].1)),
            );
        }
        // Reading a descriptor's role is the costly part, and most people
        // are described once: only descriptions that meet another are read.
        let mut used: Vec<usize> = candidates.iter().flat_map(|&(x, y)| [x, y]).collect();
        used.sort_unstable();
        used.dedup();
        let roles: rustc_hash::FxHashMap<usize, Role> = used
            .into_par_iter()
            .map(|x| (x, mention::role(descriptor(x))))
            .collect();
        let mut pairs: std::collections::BTreeMap<(usize, usize, usize), Best> =
            std::collections::BTreeMap::new();
        for (x, y) in candidates {
            let (pa, da, ia, name) = &described[x];
            let (_, db, ib, _) = &described[y];
            let (ra, rb) = (&roles[&x], &roles[&y]);
            let Some((verdict, reason)) = compare(ra, rb) else {
                continue;
            };
            // Across events, two compatible descriptions corroborate
            // nothing about either story: only differences are shown.
            let same_event = event_of[*da].is_some() && event_of[*da] == event_of[*db];
            if verdict == Verdict::Agreement && !same_event {
                continue;
            }
            let (d1, i1, d2, i2) = if da < db {
                (*da, *ia, *db, *ib)
            } else {
                (*db, *ib, *da, *ia)
            };
            let key = (*pa, d1, d2);
            let better = pairs.get(&key).is_none_or(|(v, ..)| verdict < *v);
            if better {
                pairs.insert(key, (verdict, reason, i1, i2, name.clone()));
            }
        }
        for ((_, d1, d2), (verdict, reason, i1, i2, name)) in pairs {
            let event = match (event_of[d1], event_of[d2]) {
                (Some(e1), Some(e2)) if e1 == e2 => Some(e1),
                _ => None,
            };
            let ta = view.analyses[d1].claims[i1]
                .span
                .slice(&view.analyses[d1].doc.text);
            let tb = view.analyses[d2].claims[i2]
                .span
                .slice(&view.analyses[d2].doc.text);
            out.push(Finding {
                kind: Kind::Attribution,
                verdict,
                rule: self.id(),
                event,
                subject: format!("{name}: title"),
                explanation: format!("{ta:?} and {tb:?}: {reason}"),
                evidence: vec![
                    Evidence::claim(view.analyses, d1, i1),
                    Evidence::claim(view.analyses, d2, i2),
                ],
            });
        }
    }
}

/// Whether two documents are dated more than a month apart. People change
/// roles: "Secretary of State" in one year and "former Secretary of State" in
/// a later one are both right, so such titles are not compared.
fn months_apart(view: &CorpusView<'_>, a: usize, b: usize) -> bool {
    let day = |d: usize| {
        view.analyses[d]
            .doc
            .meta
            .date
            .as_deref()
            .and_then(crate::normalize::date_days)
    };
    matches!((day(a), day(b)), (Some(x), Some(y)) if (x - y).abs() > 31.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::mention::role;

    #[track_caller]
    fn assert_titles(a: &str, b: &str, verdict: Verdict) {
        let got = compare(&role(a), &role(b)).map(|(v, _)| v);
        assert_eq!(got, Some(verdict), "{a:?} versus {b:?}");
    }

    #[test]
    fn incompatible_titles_conflict() {
        assert_titles("Former President", "U.S. President", Verdict::Conflict);
        assert_titles("union leader", "former union leader", Verdict::Conflict);
        assert_titles(
            "Emergencies Minister",
            "Deputy Emergencies Minister",
            Verdict::Conflict,
        );
        assert_titles(
            "Brightwater's founder and chief executive",
            "Brightwater chief operating officer",
            Verdict::Conflict,
        );
        assert_titles(
            "a spokesperson for the UN refugee agency",
            "of the International Organization for Migration",
            Verdict::Conflict,
        );
    }

    #[test]
    fn compatible_titles_vary_or_agree() {
        assert_titles(
            "US' special Mideast envoy",
            "special envoy to former President Dan Tull",
            Verdict::Variation,
        );
        assert_titles(
            "Russian presidential aide",
            "his foreign policy aide",
            Verdict::Agreement,
        );
        assert_titles("Kremlin aide", "presidential aide", Verdict::Agreement);
        assert_titles(
            "chief forecaster at the Japan Meteorological Agency",
            "JMA chief forecaster",
            Verdict::Agreement,
        );
    }
}

#[cfg(test)]
mod pair_tests {
    use crate::compare::testing::{assert_finding, assert_no_finding};
    use crate::compare::{Kind, Verdict};

    #[test]
    fn former_and_sitting_titles_conflict_across_documents() {
        assert_finding(
            "It was signed, said former union leader Glen Mabry.",
            "\"We won,\" union leader Glen Mabry told reporters.",
            Kind::Attribution,
            Verdict::Conflict,
        );
        assert_finding(
            "Deputy Emergencies Minister Aidos Temirov said it was complex.",
            "Emergencies Minister Aidos Temirov said it was complex.",
            Kind::Attribution,
            Verdict::Conflict,
        );
    }

    #[test]
    fn one_person_at_two_organisations_conflicts() {
        assert_finding(
            "\"The dam held,\" said Chiara Bellandi, a spokesperson for the UN children's agency.",
            "\"The dam held,\" said Chiara Bellandi of the World Food Programme.",
            Kind::Attribution,
            Verdict::Conflict,
        );
    }

    #[test]
    fn compatible_descriptions_do_not_conflict() {
        assert_no_finding(
            "Russian presidential aide Yury Marin said talks went well.",
            "According to his foreign policy aide, Yuri Marin, talks went well.",
            Kind::Attribution,
        );
    }
}
