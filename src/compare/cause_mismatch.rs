//! The `cause-mismatch` rule.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde::Deserialize;

use super::{EventView, Evidence, Finding, Kind, Rule, Verdict};
use crate::align::{Sym, Word};
use crate::extract::Analysis;
use crate::normalize;
use crate::segment::TokenKind;
use crate::span::Span;

/// One outlet gives as the cause what another explicitly rules out.
pub struct CauseMismatch;

const DOC: &str = "\
# cause-mismatch

## What it flags
Within one event, one document rules a cause out (\"a configuration error,
not a cyberattack\", \"the weather was not a factor\") while another gives
that cause, or one of its kind, as the reason (\"caused by a cyberattack\",
\"called off because of strong winds\"): a conflict. Causes are matched by
their head word and by classes of causes kept as data (weather, attacks,
technical faults, ...).

## Why it matters
Why something happened is often the most consequential claim in a story,
and a cause one outlet denies is easy to miss in another's account.

## Example
- A: \"A configuration error during routine maintenance, not a cyberattack, triggered the outage.\"
- B: \"The outage was caused by a cyberattack, according to two people familiar with the matter.\"
- conflict: A rules out a cyberattack; B gives a cyberattack as the cause.
";

#[derive(Deserialize)]
struct Table {
    markers: Vec<String>,
    discoveries: Vec<String>,
    denials_before: Vec<String>,
    denials_after: Vec<String>,
    classes: Vec<Vec<String>>,
    #[allow(dead_code)]
    examples: Vec<String>,
}

/// The cause phrasing tables, with words split and classes stemmed.
struct Causes {
    markers: Vec<Vec<String>>,
    discoveries: Vec<String>,
    denials_before: Vec<Vec<String>>,
    denials_after: Vec<Vec<String>>,
    classes: Vec<BTreeSet<String>>,
    /// The words a cause or a denial begins with: the first word of every
    /// phrase, "after" (before a discovery) and "not".
    openers: rustc_hash::FxHashSet<Sym>,
    /// A word that every cause or denial writes one of, in lower case: the
    /// longest word of each phrase, each discovery, and "not". A sentence
    /// without any of them states no cause, and needs no tokens.
    keys: Vec<memchr::memmem::Finder<'static>>,
}

fn causes() -> &'static Causes {
    static CAUSES: OnceLock<Causes> = OnceLock::new();
    CAUSES.get_or_init(|| {
        let table: Table =
            toml::from_str(include_str!("../lexicon/causes.toml")).unwrap_or(Table {
                markers: Vec::new(),
                discoveries: Vec::new(),
                denials_before: Vec::new(),
                denials_after: Vec::new(),
                classes: Vec::new(),
                examples: Vec::new(),
            });
        let split = |v: Vec<String>| -> Vec<Vec<String>> {
            v.iter()
                .map(|p| p.split_whitespace().map(str::to_string).collect())
                .collect()
        };
        let (markers, denials_before, denials_after) = (
            split(table.markers),
            split(table.denials_before),
            split(table.denials_after),
        );
        let openers = [&markers, &denials_before, &denials_after]
            .into_iter()
            .flatten()
            .filter_map(|p| p.first())
            .map(|w| Sym::new(w))
            .chain([Sym::new("after"), Sym::new("not")])
            .collect();
        let longest = |p: &Vec<String>| p.iter().max_by_key(|w| w.len()).cloned();
        let keys: BTreeSet<String> = [&markers, &denials_before, &denials_after]
            .into_iter()
            .flatten()
            .filter_map(longest)
            .chain(table.discoveries.iter().cloned())
            .chain([String::from("not")])
            .collect();
        Causes {
            keys: keys
                .iter()
                .map(|k| memchr::memmem::Finder::new(k.as_bytes()).into_owned())
                .collect(),
            markers,
            discoveries: table.discoveries,
            denials_before,
            denials_after,
            openers,
            classes: table
                .classes
                .iter()
                .map(|c| c.iter().map(|w| normalize::stem(w)).collect())
                .collect(),
        }
    })
}

/// A cause stated or denied in one sentence.
#[derive(Clone, Debug)]
struct Cause {
    /// The cause phrase as written.
    span: Span,
    /// Stems of its content words.
    stems: BTreeSet<String>,
    denied: bool,
    sentence: u32,
}

/// Words that end a cause phrase.
fn stops_phrase(word: &str) -> bool {
    matches!(
        word,
        "according"
            | "that"
            | "which"
            | "who"
            | "and"
            | "but"
            | "said"
            | "says"
            | "the"
            | "on"
            | "in"
            | "during"
            | "at"
            | "while"
            | "when"
            | "after"
            | "before"
            | "as"
            | "triggered"
            | "caused"
            | "knocked"
            | "was"
            | "were"
            | "is"
            | "are"
            | "has"
            | "had"
    )
}

fn starts_with(words: &[&str], at: usize, phrase: &[String]) -> bool {
    words.len() >= at + phrase.len()
        && words[at..at + phrase.len()]
            .iter()
            .zip(phrase)
            .all(|(a, b)| a == b)
}

/// The noun phrase from token `from`, up to punctuation or a stop word, at most 8 words.
fn phrase_after(tokens: &[Word], words: &[&str], from: usize) -> Option<(usize, usize)> {
    let mut end = from;
    while end < tokens.len() && end - from < 8 {
        let t = tokens[end];
        if t.kind == TokenKind::Punct && !(t.span().len() == 1 && words[end] == "-") {
            break;
        }
        if end > from && stops_phrase(words[end]) {
            break;
        }
        end += 1;
    }
    (end > from).then_some((from, end))
}

/// Content stems of tokens `from..to`, without articles and stop words.
fn stems(tokens: &[Word], from: usize, to: usize) -> BTreeSet<String> {
    tokens[from..to]
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.folded.as_str())
        .filter(|w| !normalize::is_stopword(w))
        .map(normalize::stem)
        .collect()
}

/// Causes stated and denied in one sentence, from its context's words.
/// Every cause begins where the first word of a phrase of the tables,
/// "after" or "not" stands; the phrases are tried only there, after one
/// lookup per word.
fn sentence_causes(tokens: &[Word], sentence: u32) -> Vec<Cause> {
    let c = causes();
    let words: Vec<&str> = tokens.iter().map(|w| w.folded.as_str()).collect();
    let mut out = Vec::new();
    let comma_not = vec![String::from("not")];
    let mut push = |from: usize, to: usize, denied: bool| {
        let s = stems(tokens, from, to);
        if !s.is_empty() {
            out.push(Cause {
                span: tokens[from].span().cover(tokens[to - 1].span()),
                stems: s,
                denied,
                sentence,
            });
        }
    };
    for at in 0..words.len() {
        if !c.openers.contains(&tokens[at].folded) {
            continue;
        }
        for m in &c.markers {
            if !starts_with(&words, at, m) {
                continue;
            }
            if let Some((f, t)) = phrase_after(tokens, &words, at + m.len()) {
                push(f, t, false);
            }
        }
        if words[at] == "after" {
            for k in at + 1..(at + 4).min(words.len()) {
                if c.discoveries.iter().any(|d| *d == words[k]) {
                    if let Some((f, t)) = phrase_after(tokens, &words, k + 1) {
                        push(f, t, false);
                    }
                    break;
                }
            }
        }
        // ", not sabotage, cut power": a bare "not" set off by commas.
        let set_off = at > 0 && words[at - 1] == "," && words[at] == "not";
        let triggers = c.denials_before.iter().chain(set_off.then_some(&comma_not));
        for d in triggers {
            if !starts_with(&words, at, d) {
                continue;
            }
            {
                if let Some((f, t)) = phrase_after(tokens, &words, at + d.len()) {
                    push(f, t, true);
                    // "X, not a Y, triggered": X is the cause asserted.
                    let before_comma = at > 0 && words[at - 1] == ",";
                    let verb_after = words[t..].iter().take(2).any(|w| {
                        matches!(
                            *w,
                            "triggered"
                                | "caused"
                                | "led"
                                | "sparked"
                                | "cut"
                                | "knocked"
                                | "brought"
                        )
                    });
                    if before_comma && verb_after && at >= 2 {
                        let mut start = at - 1;
                        while start > 0 && words[start - 1] != "," && words[start - 1] != "." {
                            start -= 1;
                        }
                        push(start, at - 1, false);
                    }
                }
            }
        }
        for d in &c.denials_after {
            if starts_with(&words, at, d) && at > 0 {
                let mut start = at;
                while start > 0 && tokens[start - 1].kind == TokenKind::Word && at - start < 4 {
                    start -= 1;
                    if stops_phrase(words[start]) {
                        start += 1;
                        break;
                    }
                }
                if start < at {
                    push(start, at, true);
                }
            }
        }
    }
    out
}

/// The one character outside ASCII that lower-cases to ASCII letters
/// alone: a word with it may fold to a word of the tables.
const KELVIN_SIGN: &str = "\u{212A}";

/// Which sentences of a document may state or deny a cause: those that
/// hold one of the tables' keys in any ASCII case as a word of its own. A
/// word folds to lower case, so a sentence with a phrase of the tables
/// holds its longest word; only a [`KELVIN_SIGN`] could hide it, and a
/// sentence with one is kept too.
///
/// A key is a word of its own unless an ASCII letter stands right before
/// it or an ASCII letter or digit right after it, in its sentence: a word
/// token runs on over ASCII letters and digits, so such a key ("not" in
/// "another" or "nothing") is inside a longer word. Most sentences hold a
/// key only that way, and are spared their tokens.
fn may_state_causes(analysis: &Analysis) -> Vec<bool> {
    let text = &analysis.doc.text;
    let sentences = &analysis.sentences;
    let mut out = vec![false; sentences.len()];
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut mark = |at: usize, len: usize, within_word: &dyn Fn(usize, usize) -> bool| {
        let i = sentences.partition_point(|s| s.span.start as usize <= at);
        if let Some(k) = i.checked_sub(1) {
            let (start, end) = (
                sentences[k].span.start as usize,
                sentences[k].span.end as usize,
            );
            if at + len <= end && !within_word(start, end) {
                out[k] = true;
            }
        }
    };
    for key in &causes().keys {
        let needle = key.needle();
        let len = needle.len();
        // Only a key that begins (ends) with a letter or a digit runs on
        // into the word before (after) it.
        let alnum = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
        let (joins_before, joins_after) = (alnum(needle.first()), alnum(needle.last()));
        for at in key.find_iter(bytes) {
            let within_word = |start: usize, end: usize| {
                joins_before && at > start && bytes[at - 1].is_ascii_alphabetic()
                    || joins_after && at + len < end && bytes[at + len].is_ascii_alphanumeric()
            };
            mark(at, len, &within_word);
        }
    }
    for (at, _) in text.match_indices(KELVIN_SIGN) {
        mark(at, KELVIN_SIGN.len(), &|_, _| false);
    }
    out
}

/// Whether a denied cause and an asserted one are the same or of one class.
fn same_kind(denied: &BTreeSet<String>, asserted: &BTreeSet<String>) -> bool {
    if denied.intersection(asserted).next().is_some() {
        return true;
    }
    causes().classes.iter().any(|class| {
        denied.iter().any(|w| class.contains(w)) && asserted.iter().any(|w| class.contains(w))
    })
}

impl Rule for CauseMismatch {
    fn id(&self) -> &'static str {
        "cause-mismatch"
    }

    fn kind(&self) -> Kind {
        Kind::Framing
    }

    fn doc(&self) -> &'static str {
        DOC
    }

    fn check(&self, view: &EventView<'_>, out: &mut Vec<Finding>) {
        let per_doc: Vec<(usize, Vec<Cause>)> = view
            .docs
            .iter()
            .map(|&d| {
                let found = may_state_causes(&view.analyses[d])
                    .into_iter()
                    .enumerate()
                    .filter(|&(_, may)| may)
                    .filter_map(|(i, _)| Some((i, view.contexts.get(d, i)?)))
                    .flat_map(|(i, ctx)| sentence_causes(&ctx.words, i as u32))
                    .collect();
                (d, found)
            })
            .collect();
        for (da, causes_a) in &per_doc {
            for (db, causes_b) in &per_doc {
                if da == db {
                    continue;
                }
                // A denial in `da` against a cause asserted in `db`.
                let Some((denial, asserted)) =
                    causes_a.iter().filter(|c| c.denied).find_map(|denial| {
                        causes_b
                            .iter()
                            .find(|c| !c.denied && same_kind(&denial.stems, &c.stems))
                            .map(|asserted| (denial, asserted))
                    })
                else {
                    continue;
                };
                // Unless `da` itself gives the cause it is said to deny.
                if causes_a
                    .iter()
                    .any(|c| !c.denied && same_kind(&denial.stems, &c.stems))
                {
                    continue;
                }
                let text = |d: usize, s: Span| s.slice(&view.analyses[d].doc.text).to_string();
                let mut evidence = vec![Evidence {
                    doc: *da,
                    claim: None,
                    span: denial.span,
                    sentence: denial.sentence,
                }];
                // The cause `da` gives instead, when it gives one.
                if let Some(own) = causes_a
                    .iter()
                    .find(|c| !c.denied && c.sentence == denial.sentence)
                    .or_else(|| causes_a.iter().find(|c| !c.denied))
                {
                    evidence.push(Evidence {
                        doc: *da,
                        claim: None,
                        span: own.span,
                        sentence: own.sentence,
                    });
                }
                evidence.push(Evidence {
                    doc: *db,
                    claim: None,
                    span: asserted.span,
                    sentence: asserted.sentence,
                });
                out.push(Finding {
                    kind: Kind::Framing,
                    verdict: Verdict::Conflict,
                    rule: self.id(),
                    event: Some(view.event),
                    subject: "the cause".to_string(),
                    explanation: format!(
                        "{} rules out \u{201c}{}\u{201d}; {} gives \u{201c}{}\u{201d} as the cause",
                        view.analyses[*da].doc.id,
                        text(*da, denial.span),
                        view.analyses[*db].doc.id,
                        text(*db, asserted.span)
                    ),
                    evidence,
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
    fn a_denied_cause_given_elsewhere_conflicts() {
        assert_finding(
            "A configuration error during routine network maintenance, not a cyberattack, triggered the outage, the company said.",
            "The outage was caused by a cyberattack, according to two people familiar with the investigation.",
            Kind::Framing,
            Verdict::Conflict,
        );
        assert_finding(
            "The launch was postponed after engineers detected a faulty pressure sensor. The weather was not a factor.",
            "The launch was called off because of strong upper-level winds, according to the weather officer.",
            Kind::Framing,
            Verdict::Conflict,
        );
    }

    #[test]
    fn agreeing_or_unrelated_causes_do_not() {
        assert_no_finding(
            "The outage was caused by a cyberattack, the company said.",
            "Hackers were behind the outage, which was caused by a cyberattack, officials said.",
            Kind::Framing,
        );
        assert_no_finding(
            "A configuration error, not a cyberattack, triggered the outage.",
            "Traffic was slow because of heavy rain in the city on Tuesday.",
            Kind::Framing,
        );
    }

    #[test]
    fn the_table_parses_and_its_examples_yield_causes() {
        let table: super::Table =
            toml::from_str(include_str!("../lexicon/causes.toml")).expect("causes.toml parses");
        for example in &table.examples {
            let analyses = crate::compare::testing::analyses(&[example]);
            let contexts = crate::align::contexts(&analyses[0]);
            assert!(
                contexts
                    .iter()
                    .any(|ctx| !super::sentence_causes(&ctx.words, 0).is_empty()),
                "no cause in {example:?}"
            );
        }
    }

    #[test]
    fn only_the_kelvin_sign_lower_cases_into_ascii() {
        // `may_state_causes` finds the tables' words in the text lowered
        // in ASCII only; a character that folds into ASCII letters would
        // hide a word from it.
        let folding: Vec<char> = (0x80..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().all(|l| l.is_ascii()))
            .collect();
        assert_eq!(folding, super::KELVIN_SIGN.chars().collect::<Vec<_>>());
        for key in &super::causes().keys {
            assert!(key.needle().iter().all(u8::is_ascii_lowercase));
        }
    }

    #[test]
    fn every_phrase_has_an_opening_word() {
        // A cause is looked for only where a phrase's first word stands.
        let c = super::causes();
        for phrase in c
            .markers
            .iter()
            .chain(&c.denials_before)
            .chain(&c.denials_after)
        {
            assert!(!phrase.is_empty(), "an empty phrase in causes.toml");
        }
    }
}
