//! Framing cues: the words a document chose for a referent.
//!
//! A cue is a term of a [`Lexicon`] group found in a sentence (a competing
//! place name, a loaded or neutral label, a name for a war, a label before a
//! proper name, an evaluative word near what it evaluates), a hedge that
//! distances the writer from a claim ("alleged", "reportedly", a word in
//! scare quotes), or a source qualifier on an organisation ("Hamas-run
//! health ministry"). Each cue carries the key of the referent it is tied
//! to, so that comparison only sets side by side words for the same thing.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::lexicon::framing::{GroupKind, Lexicon, Pattern};
use crate::normalize;
use crate::segment::{self, Token, TokenKind};
use crate::span::Span;

/// What sort of framing cue a claim is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CueKind {
    /// A competing name: "Kiev".
    Name,
    /// A name for a war or crisis, with its place: "Ukraine conflict".
    Event,
    /// A label before a proper name: "fraudster Jane Doe".
    Descriptor,
    /// A loaded or neutral label: "illegal migrants".
    Label,
    /// An evaluative word near what it evaluates: "cordial talks".
    Evaluation,
    /// A distancing word and what it applies to: "alleged fraud".
    Hedge,
    /// A short phrase in scare quotes: "“peace plan”".
    ScareQuote,
    /// A source qualifier and the organisation it qualifies: "Hamas-run health ministry".
    Qualifier,
}

impl CueKind {
    fn of_group(kind: GroupKind) -> CueKind {
        match kind {
            GroupKind::Name => CueKind::Name,
            GroupKind::Event => CueKind::Event,
            GroupKind::Descriptor => CueKind::Descriptor,
            GroupKind::Label => CueKind::Label,
            GroupKind::Evaluation => CueKind::Evaluation,
        }
    }
}

/// One framing cue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cue {
    pub cue: CueKind,
    /// The lexicon group id; for a hedge or qualifier, its lexicon term.
    pub group: String,
    /// Which side of the group the term is on.
    pub side: u32,
    /// Whether the group's sides cannot both hold.
    pub clash: bool,
    /// What the group refers to ("the capital of Ukraine").
    pub referent: String,
    /// What choosing a side says ("place-name spelling").
    pub axis: String,
    /// The referent this cue is tied to, folded: the place of a war, the
    /// surname after a descriptor, the head noun after a qualifier, the
    /// stem a hedge applies to; empty when the group itself is the referent.
    pub key: String,
    /// The matched term, folded.
    pub term: String,
}

/// Tokens closer to a term than this count as what an evaluative word describes.
const EVALUATION_WINDOW: usize = 4;

/// Prepositions that tie a war's name to its place: "the war in Sudan".
const EVENT_PREPOSITIONS: &[&str] = &["of", "in", "on", "against", "over"];

/// Words that end the head after a source qualifier.
const HEAD_STOPS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "reported",
    "reports",
    "announced",
    "claimed",
    "stated",
    "added",
    "according",
    "confirmed",
    "warned",
    "estimated",
    "put",
    "puts",
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
];

/// The cues of one sentence of `text`.
pub fn extract(text: &str, sentence: Span, lexicon: &Lexicon) -> Vec<(Span, Cue)> {
    extract_tokens(text, &segment::tokens(text, sentence), lexicon)
}

/// [`extract`], from the sentence's tokens, made once per document.
pub fn extract_tokens(text: &str, tokens: &[Token], lexicon: &Lexicon) -> Vec<(Span, Cue)> {
    let folded: Vec<String> = tokens
        .iter()
        .map(|t| normalize::fold(t.text(text)))
        .collect();
    let folded: Vec<&str> = folded.iter().map(String::as_str).collect();
    extract_folded(text, tokens, &folded, lexicon)
}

/// [`extract_tokens`], with each token already folded by [`normalize::fold`]
/// (as mention extraction folds them), so a token is folded once per document.
pub fn extract_folded(
    text: &str,
    tokens: &[Token],
    folded: &[&str],
    lexicon: &Lexicon,
) -> Vec<(Span, Cue)> {
    // One pass says which tokens a group or hedge pattern may start at
    // (by shape, which says no to nearly every word), and from the
    // punctuation which other passes have anything to read: most sentences
    // have no quotation mark, and many no hyphen. Quotation marks and
    // hyphens are punctuation tokens of their own.
    let starts_shapes = lexicon.pattern_starts();
    let mut starts: Vec<usize> = Vec::new();
    let (mut unicode_hyphen, mut open_quote, mut hyphen) = (false, false, false);
    for (at, (token, &folded_word)) in tokens.iter().zip(folded).enumerate() {
        let mut word = folded_word;
        if token.kind == TokenKind::Punct {
            let own = token.text(text);
            if is_unicode_hyphen(own) {
                unicode_hyphen = true;
                word = "-";
            }
            open_quote |= is_open_quote(own);
            hyphen |= folded_word == "-";
        }
        if starts_shapes.may_have(word) {
            starts.push(at);
        }
    }
    // Most sentences have no Unicode hyphen, and their folded words are
    // the pattern words as they are.
    let words: Cow<[&str]> = if unicode_hyphen {
        tokens
            .iter()
            .zip(folded)
            .map(|(t, f)| pattern_word(t.text(text), f))
            .collect()
    } else {
        Cow::Borrowed(folded)
    };
    let mut out = Vec::new();
    if !starts.is_empty() {
        out = groups(text, tokens, &words, &starts, lexicon);
        out.extend(hedges(tokens, &words, &starts, lexicon));
    }
    if open_quote {
        out.extend(scare_quotes(text, tokens, &words));
    }
    // A qualifier follows a hyphen ("Hamas-run").
    if hyphen || unicode_hyphen {
        out.extend(qualifiers(text, tokens, &words, lexicon));
    }
    out.sort_by_key(|(span, _)| *span);
    out
}

/// A folded token as lexicon patterns spell it: Unicode hyphens are plain ones.
fn pattern_word<'a>(word: &str, folded: &'a str) -> &'a str {
    if is_unicode_hyphen(word) { "-" } else { folded }
}

fn is_unicode_hyphen(word: &str) -> bool {
    matches!(word, "\u{2010}" | "\u{2011}")
}

fn is_capitalized(token: &Token, text: &str) -> bool {
    token.kind == TokenKind::Word
        && token
            .text(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// Whether `pattern` matches the folded tokens at `at`, letting the last word
/// take a plural ending when `plural` is set. Returns the end index.
fn match_at(folded: &[&str], at: usize, pattern: &Pattern, plural: bool) -> Option<usize> {
    let end = at + pattern.len();
    if end > folded.len() {
        return None;
    }
    for (k, want) in pattern.iter().enumerate() {
        let got = folded[at + k];
        let last = k + 1 == pattern.len();
        let ok = got == want.as_str()
            || (plural
                && last
                && want.chars().all(char::is_alphabetic)
                && (got.strip_suffix('s') == Some(want.as_str())
                    || got.strip_suffix("es") == Some(want.as_str())));
        if !ok {
            return None;
        }
    }
    Some(end)
}

/// One match of a group term: group index, side, token range.
#[derive(Clone, Copy)]
struct Hit {
    group: usize,
    side: usize,
    from: usize,
    to: usize,
}

/// The group cues of a sentence, trying patterns at the words `starts`
/// (ascending) only: those whose shape a pattern may start with.
fn groups(
    text: &str,
    tokens: &[Token],
    folded: &[&str],
    starts: &[usize],
    lexicon: &Lexicon,
) -> Vec<(Span, Cue)> {
    let mut hits = Vec::new();
    let index = lexicon.first_words();
    for &at in starts {
        let word = folded[at];
        let mut try_patterns = |patterns: &[(usize, usize, usize)]| {
            for &(gi, side, pi) in patterns {
                let group = &lexicon.groups[gi];
                let plural = group.kind != GroupKind::Name;
                if let Some(to) = match_at(folded, at, &group.patterns[side][pi], plural) {
                    hits.push(Hit {
                        group: gi,
                        side,
                        from: at,
                        to,
                    });
                }
            }
        };
        if let Some(patterns) = index.get(word) {
            try_patterns(patterns);
        }
        // The last word of a pattern may be plural, so a one-word pattern
        // may stand in the text with an "s" or "es".
        if let Some(singular) = word.strip_suffix('s') {
            if let Some(patterns) = index.get(singular) {
                try_patterns(patterns);
            }
            if let Some(patterns) = singular.strip_suffix('e').and_then(|w| index.get(w)) {
                try_patterns(patterns);
            }
        }
    }
    if hits.is_empty() {
        return Vec::new();
    }
    // One fixed order before ranking, whatever the index's.
    hits.sort_by_key(|h| (h.group, h.side, h.from, h.to));
    hits.dedup_by_key(|h| (h.group, h.side, h.from, h.to));
    // Longest matches win: "illegal strike" over "strike".
    hits.sort_by(|a, b| {
        (b.to - b.from)
            .cmp(&(a.to - a.from))
            .then(a.from.cmp(&b.from))
    });
    let mut taken = vec![false; tokens.len()];
    let mut out = Vec::new();
    for hit in hits {
        let group = &lexicon.groups[hit.group];
        if taken[hit.from..hit.to].iter().any(|&t| t) {
            continue;
        }
        // A place name is a proper noun: "turkey" on a menu is not "Turkey".
        if group.kind == GroupKind::Name && !is_capitalized(&tokens[hit.from], text) {
            continue;
        }
        if !group.context.is_empty()
            && !has_context(tokens, folded, hit, &group.context, group.kind)
        {
            continue;
        }
        let Some((span, key)) = referent(text, tokens, folded, hit, group.kind) else {
            continue;
        };
        taken[hit.from..hit.to].iter_mut().for_each(|t| *t = true);
        let term = tokens[hit.from]
            .span
            .cover(tokens[hit.to - 1].span)
            .slice(text)
            .to_lowercase();
        out.push((
            span,
            Cue {
                cue: CueKind::of_group(group.kind),
                group: group.id.clone(),
                side: hit.side as u32,
                clash: group.clash,
                referent: group.referent.clone(),
                axis: group.axis.clone(),
                key,
                term,
            },
        ));
    }
    out
}

/// Whether a context stem stands in the sentence (near the term, for an evaluation).
fn has_context(
    tokens: &[Token],
    folded: &[&str],
    hit: Hit,
    context: &[String],
    kind: GroupKind,
) -> bool {
    let (from, to) = if kind == GroupKind::Evaluation {
        (
            hit.from.saturating_sub(EVALUATION_WINDOW),
            (hit.to + EVALUATION_WINDOW).min(tokens.len()),
        )
    } else {
        (0, tokens.len())
    };
    // A stem equal to a context stem has its synonym group too, so the
    // groups alone decide; the context's are found once, not at each word.
    let wanted: Vec<&str> = context.iter().map(|c| crate::align::canonical(c)).collect();
    (from..to).any(|i| {
        tokens[i].kind == TokenKind::Word && {
            let stem = normalize::stem(folded[i]);
            wanted.contains(&crate::align::canonical(&stem))
        }
    })
}

/// The span a cue covers and the key of its referent, or `None` when a group
/// that needs a referent has none here.
fn referent(
    text: &str,
    tokens: &[Token],
    folded: &[&str],
    hit: Hit,
    kind: GroupKind,
) -> Option<(Span, String)> {
    let own = tokens[hit.from].span.cover(tokens[hit.to - 1].span);
    match kind {
        GroupKind::Name | GroupKind::Label | GroupKind::Evaluation => Some((own, String::new())),
        GroupKind::Event => {
            // "the war in Sudan", then "the Ukraine conflict".
            if let (Some(prep), Some(place)) = (folded.get(hit.to), tokens.get(hit.to + 1))
                && EVENT_PREPOSITIONS.contains(prep)
                && is_place(place, folded[hit.to + 1], text)
            {
                return Some((own.cover(place.span), folded[hit.to + 1].to_string()));
            }
            let before = hit.from.checked_sub(1)?;
            let place = &tokens[before];
            if is_place(place, folded[before], text) && hit.from > 0 {
                return Some((place.span.cover(own), folded[before].to_string()));
            }
            None
        }
        GroupKind::Descriptor => {
            // "Typhoon No. 14": a season number instead of a name.
            if folded.get(hit.to) == Some(&"no")
                && folded.get(hit.to + 1) == Some(&".")
                && let Some(n) = tokens
                    .get(hit.to + 2)
                    .filter(|t| t.kind == TokenKind::Number)
            {
                return Some((own.cover(n.span), format!("no. {}", n.text(text))));
            }
            let mut end = hit.to;
            while end < tokens.len() && end < hit.to + 4 && is_capitalized(&tokens[end], text) {
                end += 1;
            }
            if end == hit.to || normalize::is_stopword(folded[end - 1]) {
                return None;
            }
            Some((own.cover(tokens[end - 1].span), folded[end - 1].to_string()))
        }
    }
}

/// A capitalized content word that can name a place.
fn is_place(token: &Token, folded: &str, text: &str) -> bool {
    is_capitalized(token, text) && !normalize::is_stopword(folded) && folded.chars().count() > 2
}

/// The content words after `from`, up to `max`, stopping at punctuation and function words.
fn head(tokens: &[Token], folded: &[&str], from: usize, max: usize) -> Option<(Span, String)> {
    let mut end = from;
    while end < tokens.len()
        && end < from + max
        && tokens[end].kind == TokenKind::Word
        && !normalize::is_stopword(folded[end])
        && !HEAD_STOPS.contains(&folded[end])
        && !folded[end].ends_with("ly")
    {
        end += 1;
    }
    (end > from).then(|| {
        (
            tokens[from].span.cover(tokens[end - 1].span),
            folded[from..end].join(" "),
        )
    })
}

/// The hedge cues of a sentence, trying hedges at the words `starts` only.
fn hedges(
    tokens: &[Token],
    folded: &[&str],
    starts: &[usize],
    lexicon: &Lexicon,
) -> Vec<(Span, Cue)> {
    // Where each hedge stands, hedge by hedge in lexicon order and left to
    // right, looking up only the hedges whose first word is the token's.
    let index = lexicon.hedge_first_words();
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for &at in starts {
        for &wi in index.get(folded[at]).into_iter().flatten() {
            if let Some(to) = match_at(folded, at, &lexicon.hedges[wi].pattern, false) {
                found.push((wi, at, to));
            }
        }
    }
    found.sort_unstable();
    let mut out = Vec::new();
    for (wi, at, to) in found {
        let word = &lexicon.hedges[wi];
        // What the hedge applies to: the next content words ("alleged fraud").
        let Some((head_span, key)) = head(tokens, folded, to, 2) else {
            continue;
        };
        let span = tokens[at].span.cover(head_span);
        out.push((
            span,
            Cue {
                cue: CueKind::Hedge,
                group: word.term.clone(),
                side: 0,
                clash: false,
                referent: key.clone(),
                axis: "distancing".to_string(),
                key,
                term: folded[at..to].join(" "),
            },
        ));
    }
    out
}

fn is_open_quote(s: &str) -> bool {
    matches!(s, "\u{201c}" | "\"" | "\u{2018}")
}

fn is_close_quote(s: &str) -> bool {
    matches!(s, "\u{201d}" | "\"" | "\u{2019}")
}

/// One to three words in quotation marks inside a sentence: a scare quote,
/// not a quoted statement.
fn scare_quotes(text: &str, tokens: &[Token], folded: &[&str]) -> Vec<(Span, Cue)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let open = &tokens[i];
        if !(open.kind == TokenKind::Punct
            && is_open_quote(open.text(text))
            && (i == 0 || !open.joined))
        {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut words = 0;
        while j < tokens.len()
            && j < i + 7
            && (tokens[j].kind == TokenKind::Word || folded[j] == "-")
            && (j == i + 1 || tokens[j].kind == TokenKind::Word || tokens[j].joined)
        {
            if tokens[j].kind == TokenKind::Word {
                words += 1;
            }
            j += 1;
        }
        let closed = tokens.get(j).is_some_and(|t| {
            t.kind == TokenKind::Punct && t.joined && is_close_quote(t.text(text))
        });
        // A quoted statement ends with its own punctuation or is followed by
        // the speaker ("“No,” she said"); a scare quote sits inside running text.
        let inside = i > 0
            && tokens
                .get(j + 1)
                .is_some_and(|t| !matches!(t.text(text), "," | ":"));
        if closed && (1..=3).contains(&words) && inside && i + 1 < j {
            let key = folded[i + 1..j].join(" ");
            out.push((
                open.span.cover(tokens[j].span),
                Cue {
                    cue: CueKind::ScareQuote,
                    group: "scare quotes".to_string(),
                    side: 0,
                    clash: false,
                    referent: key.clone(),
                    axis: "distancing".to_string(),
                    key,
                    term: "scare quotes".to_string(),
                },
            ));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// "Hamas-run health ministry": a word, a hyphen and a qualifier suffix,
/// then the organisation it qualifies.
fn qualifiers(
    text: &str,
    tokens: &[Token],
    folded: &[&str],
    lexicon: &Lexicon,
) -> Vec<(Span, Cue)> {
    let mut out = Vec::new();
    for at in 0..tokens.len().saturating_sub(2) {
        if tokens[at].kind != TokenKind::Word
            || folded[at + 1] != "-"
            || !tokens[at + 1].joined
            || !tokens[at + 2].joined
            || tokens[at + 2].kind != TokenKind::Word
        {
            continue;
        }
        let Some(word) = lexicon.qualifiers.iter().find(|w| {
            let suffix = w
                .pattern
                .strip_prefix(&["-".to_string()])
                .unwrap_or(&w.pattern);
            match_at(folded, at + 2, &suffix.to_vec(), false).is_some()
        }) else {
            continue;
        };
        let suffix_len = word.pattern.iter().filter(|p| *p != "-").count().max(1);
        let after = at + 2 + suffix_len;
        let Some((head_span, key)) = head(tokens, folded, after, 3) else {
            continue;
        };
        let term = format!(
            "{}-{}",
            tokens[at].text(text),
            folded[at + 2..after].join(" ")
        );
        out.push((
            tokens[at].span.cover(head_span),
            Cue {
                cue: CueKind::Qualifier,
                group: word.term.clone(),
                side: 0,
                clash: false,
                referent: key.clone(),
                axis: "source qualifier".to_string(),
                key,
                term,
            },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cues of a one-sentence text, as (kind, group, matched text, key).
    pub(crate) fn cues(
        sentence: &str,
        lexicon: &Lexicon,
    ) -> Vec<(CueKind, String, String, String)> {
        extract(sentence, Span::new(0, sentence.len()), lexicon)
            .into_iter()
            .map(|(span, c)| (c.cue, c.group, span.slice(sentence).to_string(), c.key))
            .collect()
    }

    /// Every example sentence of every lexicon entry yields a cue of that
    /// entry, and a group's examples cover all its sides.
    #[test]
    fn every_lexicon_example_is_found() {
        let lexicon = Lexicon::builtin();
        for group in &lexicon.groups {
            assert!(
                !group.examples.is_empty(),
                "group {} has no example",
                group.id
            );
            let mut sides = std::collections::BTreeSet::new();
            for example in &group.examples {
                let found: Vec<Cue> = extract(example, Span::new(0, example.len()), &lexicon)
                    .into_iter()
                    .map(|(_, c)| c)
                    .filter(|c| c.group == group.id)
                    .collect();
                assert!(
                    !found.is_empty(),
                    "group {}: nothing found in {example:?}",
                    group.id
                );
                sides.extend(found.iter().map(|c| c.side));
            }
            assert_eq!(
                sides.len(),
                group.sides.len(),
                "group {}: examples miss a side",
                group.id
            );
        }
        for (what, words) in [
            ("hedge", &lexicon.hedges),
            ("qualifier", &lexicon.qualifiers),
        ] {
            for word in words {
                assert!(
                    !word.examples.is_empty(),
                    "{what} {} has no example",
                    word.term
                );
                for example in &word.examples {
                    let found = cues(example, &lexicon)
                        .into_iter()
                        .any(|(_, g, _, _)| g == word.term);
                    assert!(found, "{what} {}: nothing found in {example:?}", word.term);
                }
            }
        }
    }

    #[test]
    fn cues_are_tied_to_their_referent() {
        let lexicon = Lexicon::builtin();
        let found = cues(
            "It was more than two years before Russia launched its full-scale invasion of Ukraine.",
            &lexicon,
        );
        assert!(found.iter().any(|(k, _, text, key)| *k == CueKind::Event
            && text == "full-scale invasion of Ukraine"
            && key == "ukraine"));
        let found = cues("Talks on the Ukraine conflict ended.", &lexicon);
        assert!(
            found
                .iter()
                .any(|(_, _, text, key)| text == "Ukraine conflict" && key == "ukraine")
        );
        let found = cues("The British fraudster Jane Doe was jailed.", &lexicon);
        assert!(
            found
                .iter()
                .any(|(_, _, text, key)| text == "fraudster Jane Doe" && key == "doe")
        );
        let found = cues("Typhoon No. 14 made landfall.", &lexicon);
        assert!(
            found
                .iter()
                .any(|(_, _, text, key)| text == "Typhoon No. 14" && key == "no. 14")
        );
        // A war's name without its place is not tied to a referent.
        assert!(
            !cues("The war dragged on.", &lexicon)
                .iter()
                .any(|(k, ..)| *k == CueKind::Event)
        );
    }

    #[test]
    fn qualifiers_hedges_and_scare_quotes() {
        let lexicon = Lexicon::builtin();
        let found = cues(
            "The Hamas-run health ministry said 40 people died.",
            &lexicon,
        );
        assert!(
            found
                .iter()
                .any(|(k, _, text, key)| *k == CueKind::Qualifier
                    && text == "Hamas-run health ministry"
                    && key == "health ministry")
        );
        let found = cues("He denied the alleged fraud.", &lexicon);
        assert!(
            found
                .iter()
                .any(|(k, _, text, _)| *k == CueKind::Hedge && text == "alleged fraud")
        );
        let found = cues("They presented the “peace plan” as their own.", &lexicon);
        assert!(
            found
                .iter()
                .any(|(k, _, text, key)| *k == CueKind::ScareQuote
                    && text == "“peace plan”"
                    && key == "peace plan")
        );
        assert!(
            !cues("“We are ready,” she said.", &lexicon)
                .iter()
                .any(|(k, ..)| *k == CueKind::ScareQuote)
        );
    }
}
