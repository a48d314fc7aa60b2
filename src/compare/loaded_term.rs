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
        let choices = word_choice::choices(view.analyses, view.docs, |c| c.cue == CueKind::Label);
        word_choice::compare_all(
            view.analyses,
            &choices,
            |_| Some(view.event),
            false,
            self.id(),
            out,
        );
    }
}
