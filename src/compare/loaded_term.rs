//! The `loaded-term` rule.

use super::word_choice;
use super::{EventView, Finding, Kind, Rule};
use crate::extract::CueKind;

/// Two outlets of one event use a loaded and a neutral word for the same actor or act.
pub struct LoadedTerm;

const DOC: &str = "\
# loaded-term

## What it flags
Within one event, two documents choose words from different sides of a
lexicon group for the same actor or act: \"rioters\" or \"protesters\",
\"regime\" or \"government\", \"illegal migrants\" or \"refugees\", an
\"illegal strike\" or a \"walkout\", a \"digital meltdown\" or a \"service
disruption\", \"killed by\" or \"died\". Each group is one referent, and
some groups count only near words that fix it (a \"failed launch attempt\"
only in a sentence about a launch). Always a variation: the outlets
describe the same thing and the reader judges the words.

## Why it matters
Labels carry a verdict before the facts do: the same people are
lawbreakers in one report and people in need of protection in the other.

## Example
- A: \"An overcrowded boat carrying illegal migrants capsized.\"
- B: \"A boat carrying refugees capsized south of the island.\"
- variation: legal status and label of migrants, “illegal migrants” versus “refugees”.
";

impl Rule for LoadedTerm {
    fn id(&self) -> &'static str {
        "loaded-term"
    }

    fn kind(&self) -> Kind {
        Kind::Framing
    }

    fn doc(&self) -> &'static str {
        DOC
    }

    fn check(&self, view: &EventView<'_>, out: &mut Vec<Finding>) {
        word_choice::compare_within(view, |c| c.cue == CueKind::Label, self.id(), out);
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::compare::testing::{assert_finding, assert_no_finding};
    use crate::compare::{Verdict, run};
    use crate::extract::{Analysis, analyze_with};
    use crate::group::Event;
    use crate::ingest::{Format, Meta, Source};
    use crate::lexicon::framing::Lexicon;

    #[test]
    fn loaded_and_neutral_labels_differ() {
        assert_finding(
            "An overcrowded boat carrying illegal migrants capsized on Saturday.",
            "A boat carrying refugees capsized on Saturday south of the island.",
            Kind::Framing,
            Verdict::Variation,
        );
        assert_finding(
            "The walkout had held up imports for a week.",
            "Work resumed after the workers called off an illegal strike.",
            Kind::Framing,
            Verdict::Variation,
        );
        assert_no_finding(
            "Police fired tear gas at protesters outside parliament.",
            "Demonstrators outside parliament were met with tear gas.",
            Kind::Framing,
        );
        // A failed attempt counts only about a launch.
        assert_no_finding(
            "The company postponed the launch by two days.",
            "It was his third failed attempt at the record.",
            Kind::Framing,
        );
    }

    fn analyses(texts: &[&str], lexicon: &Lexicon) -> Vec<Analysis> {
        texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let source = Source {
                    id: format!("d{i}"),
                    path: format!("d{i}.txt"),
                    format: Format::Text,
                    raw: text.as_bytes().to_vec(),
                    base: 0,
                    meta: Meta::default(),
                };
                analyze_with(crate::clean::clean(&source), lexicon)
            })
            .collect()
    }

    #[test]
    fn a_user_lexicon_adds_a_pair() {
        let user = r#"
[[group]]
id = "drinks-levy"
kind = "label"
referent = "the levy on sugary drinks"
axis = "loaded versus neutral name for the levy"
sides = [["sugar tax"], ["soft drinks levy"]]
examples = ["The sugar tax starts in April.", "The soft drinks levy starts in April."]
"#;
        let texts = [
            "The government's sugar tax starts in April, ministers said.",
            "The soft drinks levy starts in April, ministers said.",
        ];
        let events = [Event {
            id: "e1".into(),
            documents: vec![0, 1],
        }];
        let builtin = Lexicon::builtin();
        let found = run(&analyses(&texts, &builtin), &events);
        assert!(!found.iter().any(|f| f.rule == "loaded-term"));

        let lexicon = match Lexicon::with_user_str(user, Path::new("user.toml")) {
            Ok(l) => l,
            Err(e) => panic!("{e}"),
        };
        let found = run(&analyses(&texts, &lexicon), &events);
        let finding = found.iter().find(|f| f.rule == "loaded-term");
        assert!(
            finding.is_some_and(|f| f.explanation.contains("“sugar tax”")
                && f.explanation.contains("“soft drinks levy”")),
            "{found:?}"
        );
    }
}
