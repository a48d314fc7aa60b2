//! The `evaluative-clash` rule.

use super::word_choice;
use super::{EventView, Finding, Kind, Rule};
use crate::extract::CueKind;

/// Two outlets of one event judge the same occasion in opposite words.
pub struct EvaluativeClash;

const DOC: &str = "\
# evaluative-clash

## What it flags
Within one event, two documents describe the same occasion with
evaluative words from opposite sides of a lexicon group, each standing
within a few words of what it describes: \"cordial talks\" versus \"tense
talks\", a \"landslide victory\" versus a \"narrow victory\", a \"surprise
decision\" versus one \"widely expected\". When neither document also uses
the other's side, both descriptions cannot hold: a conflict.

## Why it matters
Readers take the tone of a meeting or the size of a win as fact; two
reports that disagree on it cannot both be right.

## Example
- A: \"The two leaders held cordial talks in the capital.\"
- B: \"The talks were tense and ended without a statement.\"
- conflict: how the talks went, “cordial” versus “tense”.
";

impl Rule for EvaluativeClash {
    fn id(&self) -> &'static str {
        "evaluative-clash"
    }

    fn kind(&self) -> Kind {
        Kind::Framing
    }

    fn doc(&self) -> &'static str {
        DOC
    }

    fn check(&self, view: &EventView<'_>, out: &mut Vec<Finding>) {
        word_choice::compare_within(view, |c| c.cue == CueKind::Evaluation, self.id(), out);
    }
}

#[cfg(test)]
mod tests {
    use crate::compare::testing::{assert_finding, assert_no_finding};
    use crate::compare::{Kind, Verdict};

    #[test]
    fn opposite_judgements_of_one_occasion_conflict() {
        assert_finding(
            "The two leaders held cordial talks in the capital on Monday.",
            "The talks on Monday were tense and ended early.",
            Kind::Framing,
            Verdict::Conflict,
        );
        assert_finding(
            "The party won a landslide victory in Sunday's election.",
            "The party won a narrow victory in Sunday's election.",
            Kind::Framing,
            Verdict::Conflict,
        );
        // An evaluative word far from what it could describe counts for nothing.
        assert_no_finding(
            "The two leaders held cordial talks in the capital on Monday.",
            "Traffic was tense across the capital on Monday as the leaders arrived for their talks.",
            Kind::Framing,
        );
    }
}
