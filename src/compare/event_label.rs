//! The `event-label` rule.

use super::word_choice;
use super::{CorpusView, EventView, Finding, Kind, Rule};
use crate::extract::CueKind;

/// Two outlets call one war by different names.
pub struct EventLabel;

const DOC: &str = "\
# event-label

## What it flags
Two documents name a war or crisis tied to the same place differently:
\"the Ukraine conflict\" versus \"the full-scale invasion of Ukraine\",
\"the war in Sudan\" versus \"the crisis in Sudan\", a \"special military
operation\" versus an \"invasion\". Only names written next to their place
are compared, so two different wars are never set side by side. The name
of a war is a name, so documents of different events are compared too.

## Why it matters
What a war is called carries who started it and what it is: \"conflict\"
and \"crisis\" leave out an aggressor that \"invasion\" names.

## Example
- A: \"The Russian-US negotiations on the Ukraine conflict have concluded.\"
- B: \"Russia launched its full-scale invasion of Ukraine.\"
- variation: what the war is called, “conflict” versus “full-scale invasion”.
";

impl Rule for EventLabel {
    fn id(&self) -> &'static str {
        "event-label"
    }

    fn kind(&self) -> Kind {
        Kind::Framing
    }

    fn doc(&self) -> &'static str {
        DOC
    }

    fn check(&self, _view: &EventView<'_>, _out: &mut Vec<Finding>) {}

    fn check_corpus(&self, view: &CorpusView<'_>, out: &mut Vec<Finding>) {
        word_choice::compare_across(view, |c| c.cue == CueKind::Event, self.id(), out);
    }
}

#[cfg(test)]
mod tests {
    use crate::compare::testing::{assert_finding, assert_no_finding};
    use crate::compare::{Kind, Verdict};

    #[test]
    fn names_of_one_war_differ() {
        assert_finding(
            "The negotiations on the Ukraine conflict have concluded in the capital.",
            "Russia launched its full-scale invasion of Ukraine in 2022.",
            Kind::Framing,
            Verdict::Variation,
        );
        // Two wars in two places are not two names of one.
        assert_no_finding(
            "The negotiations on the Ukraine conflict have concluded in the capital.",
            "The war in Sudan has displaced millions of people.",
            Kind::Framing,
        );
    }
}
