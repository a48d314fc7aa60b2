//! The `competing-name` rule.

use super::word_choice;
use super::{CorpusView, EventView, Finding, Kind, Rule};
use crate::extract::CueKind;

/// Two outlets call one place by competing names, from the lexicon.
pub struct CompetingName;

const DOC: &str = "\
# competing-name

## What it flags
Two documents name the same place with competing names or spellings kept
in the framing lexicon: Kiev or Kyiv, Bombay or Mumbai, Burma or Myanmar,
Gulf of Mexico or Gulf of America, Falklands or Malvinas. A name is the
same referent wherever it appears, so documents of different events are
compared too. Always a variation: both name the same place.

## Why it matters
A name is a choice: it follows a government's request, a language, or a
political claim, and readers notice it even when they do not notice why.

## Example
- A: \"Talks with Kiev stalled after the frontline setbacks.\"
- B: \"The deal would have required Kyiv to adopt neutrality.\"
- variation: competing place names, “kiev” versus “kyiv”.
";

impl Rule for CompetingName {
    fn id(&self) -> &'static str {
        "competing-name"
    }

    fn kind(&self) -> Kind {
        Kind::Framing
    }

    fn doc(&self) -> &'static str {
        DOC
    }

    fn check(&self, _view: &EventView<'_>, _out: &mut Vec<Finding>) {}

    fn check_corpus(&self, view: &CorpusView<'_>, out: &mut Vec<Finding>) {
        let docs: Vec<usize> = (0..view.analyses.len()).collect();
        let choices = word_choice::choices(view.analyses, &docs, |c| c.cue == CueKind::Name);
        let event_of = word_choice::events_of(view.analyses, view.events);
        word_choice::compare_all(
            view.analyses,
            &choices,
            |d| event_of.get(d).copied().flatten(),
            true,
            self.id(),
            out,
        );
    }
}
