//! The `competing-name` rule.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::word_choice;
use super::{CorpusView, EventView, Evidence, Finding, Kind, Rule, Verdict};
use crate::extract::{Analysis, CueKind};
use crate::normalize;
use crate::segment::{self, TokenKind};
use crate::span::Span;

/// Two outlets call one place by competing names, from the lexicon, or
/// spell one place-name two ways.
pub struct CompetingName;

const DOC: &str = "\
# competing-name

## What it flags
Two documents name the same place with competing names or spellings kept
in the framing lexicon: Kiev or Kyiv, Bombay or Mumbai, Burma or Myanmar,
Gulf of Mexico or Gulf of America, Falklands or Malvinas. A name is the
same referent wherever it appears, so documents of different events are
compared too. Always a variation: both name the same place.

Without a lexicon entry, it also flags two spellings of a place name that
differ only by a transliteration pattern (a trailing \"h\", \"y\" for
\"i\", a doubled letter, \"ou\" for \"u\", \"kh\" for \"h\"), when each
stands after a preposition of place (\"from Misratah\", \"the port of
Misrata\") and neither document uses the other's spelling.

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
        word_choice::compare_across(view, |c| c.cue == CueKind::Name, self.id(), out);
        let event_of = word_choice::events_of(view.analyses, view.events);
        transliterations(view, &event_of, self.id(), out);
    }
}

/// Words after which a capitalized word is a place: "the port of Misrata".
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "from", "of", "at", "near", "to", "into", "outside", "off", "towards", "toward", "via",
    "across", "around",
];

/// Spelling variants are at least this similar (Jaro-Winkler).
const MIN_SIMILARITY: f64 = 0.85;

/// Place-like words of one document, folded, with their occurrences (span, sentence).
type Places = BTreeMap<String, Vec<(Span, u32)>>;

/// Whether a word folds to one of [`PLACE_PREPOSITIONS`]. Most words are
/// plain ASCII letters, compared as they stand instead of folded into a
/// new string.
fn is_place_preposition(word: &str) -> bool {
    if word.bytes().all(|b| b.is_ascii_alphabetic()) {
        PLACE_PREPOSITIONS
            .iter()
            .any(|p| p.eq_ignore_ascii_case(word))
    } else {
        PLACE_PREPOSITIONS.contains(&normalize::fold(word).as_str())
    }
}

/// Calls `found` with the index of every capitalized word token of a
/// sentence, and the tokens.
fn capitalized_tokens(
    text: &str,
    span: Span,
    mut found: impl FnMut(&[segment::Token], usize, &dyn Fn(usize) -> bool),
) {
    let tokens = segment::tokens(text, span);
    let caps = |i: usize| {
        tokens.get(i).is_some_and(|t| {
            t.kind == TokenKind::Word && t.text(text).chars().next().is_some_and(char::is_uppercase)
        })
    };
    for i in 0..tokens.len() {
        if caps(i) {
            found(&tokens, i, &caps);
        }
    }
}

/// Where a sentence may name a place after a preposition: a capital
/// letter after white space, where the text before the white space ends in
/// a preposition (or in one and "'s", which folding drops). Two word tokens
/// are only ever separated by white space, so no other capital can follow
/// a preposition, and most sentences are told without being split into
/// tokens. Calls `found` with the byte offset of the start of the
/// white-space-separated chunk that holds the preposition and of the
/// capital, in order.
///
/// Every sentence of the run is read, so the text is read eight bytes at
/// a time for the few that may begin a capital (an ASCII capital or a
/// byte outside ASCII); only those are looked at one by one.
fn place_candidates(sentence: &str, mut found: impl FnMut(usize, usize)) {
    let bytes = sentence.as_bytes();
    let mut at_capital = |at: usize| {
        // Most capitals are ASCII letters after one space after a word:
        // told from three bytes, without decoding characters.
        let space = if bytes[at].is_ascii_uppercase()
            && at >= 2
            && bytes[at - 1] == b' '
            && bytes[at - 2].is_ascii_graphic()
        {
            at - 1
        } else {
            let Some(before) = sentence[..at].chars().next_back() else {
                return;
            };
            if !before.is_whitespace() || !sentence[at..].starts_with(char::is_uppercase) {
                return;
            }
            sentence[..at].trim_end_matches(char::is_whitespace).len()
        };
        if ends_in_preposition(&bytes[..space]) {
            let chunk = sentence[..space].rfind(char::is_whitespace).map_or(0, |i| {
                i + sentence[i..].chars().next().map_or(1, char::len_utf8)
            });
            found(chunk, at);
        }
    };
    let mut words = bytes.chunks_exact(8);
    let mut base = 0;
    for word in words.by_ref() {
        let mut marks = may_begin_capital(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        while marks != 0 {
            at_capital(base + marks.trailing_zeros() as usize / 8);
            marks &= marks - 1;
        }
        base += 8;
    }
    for (i, &b) in words.remainder().iter().enumerate() {
        if b.is_ascii_uppercase() || b >= 0xC0 {
            at_capital(base + i);
        }
    }
}

/// The bytes of eight (least significant first) that may begin a capital
/// letter: 'A' to 'Z', and the first byte of a character outside ASCII,
/// each marked by its high bit.
fn may_begin_capital(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    let low = w & !HIGH;
    // Adding to the low seven bits of a byte never carries into the next:
    // the high bit then says whether the byte reached the bound.
    let from_a = low + ONES * (0x80 - u64::from(b'A'));
    let past_z = low + ONES * (0x80 - u64::from(b'Z') - 1);
    let capital = from_a & !past_z & !w & HIGH;
    // A first byte outside ASCII has its two high bits set.
    let lead = w & (w << 1) & HIGH;
    capital | lead
}

/// Whether text ends in one of [`PLACE_PREPOSITIONS`] in any ASCII case,
/// possibly followed by "'s".
///
/// Asked at every capital after white space in the run: the last eight
/// bytes are read as one number, in lower case, and compared with each
/// preposition at once ([`PACKED_PREPOSITIONS`]).
fn ends_in_preposition(text: &[u8]) -> bool {
    let stem = match text {
        [stem @ .., b'\'', b's' | b'S'] => stem,
        [stem @ .., 0xE2, 0x80, 0x99, b's' | b'S'] => stem,
        _ => text,
    };
    let n = stem.len().min(8);
    let mut tail = [0; 8];
    tail[8 - n..].copy_from_slice(&stem[stem.len() - n..]);
    // Setting the bit of lower case lowers ASCII capitals, and no other
    // byte becomes a lower-case letter; bytes before the text (zeros)
    // become spaces, which no preposition has.
    let lowered = u64::from_be_bytes(tail) | u64::from_be_bytes([0x20; 8]);
    PACKED_PREPOSITIONS
        .iter()
        .any(|&(word, mask)| lowered & mask == word)
}

/// Each of [`PLACE_PREPOSITIONS`] as a number, its last byte lowest, with
/// a mask of its bytes: a word of at most eight lower-case ASCII letters.
const PACKED_PREPOSITIONS: [(u64, u64); PLACE_PREPOSITIONS.len()] = {
    let mut out = [(0, 0); PLACE_PREPOSITIONS.len()];
    let mut k = 0;
    while k < out.len() {
        let word = PLACE_PREPOSITIONS[k].as_bytes();
        assert!(word.len() <= 8);
        let mut i = 0;
        while i < word.len() {
            assert!(word[i].is_ascii_lowercase());
            out[k].0 = out[k].0 << 8 | word[i] as u64;
            out[k].1 = out[k].1 << 8 | 0xFF;
            i += 1;
        }
        k += 1;
    }
    out
};

fn places(analysis: &Analysis) -> Places {
    let text = &analysis.doc.text;
    let mut out = Places::new();
    for (index, sentence) in analysis.sentences.iter().enumerate() {
        let s = sentence.span.slice(text);
        let base = sentence.span.start as usize;
        place_candidates(s, |chunk, at| {
            // Tokens never hold white space and look ahead only within
            // their own chunk of text, so the tokens read from the
            // preposition's chunk to the end of the chunk after the
            // capitalized word's are the sentence's own tokens there.
            let chunk_end = |from: usize| {
                s[from..]
                    .find(char::is_whitespace)
                    .map_or(s.len(), |e| from + e)
            };
            let next = s[chunk_end(at)..]
                .find(|c: char| !c.is_whitespace())
                .map_or(s.len(), |e| chunk_end(at) + e);
            let tokens = segment::tokens(text, Span::new(base + chunk, base + chunk_end(next)));
            let caps = |i: usize| {
                tokens.get(i).is_some_and(|t| {
                    t.kind == TokenKind::Word
                        && t.text(text).chars().next().is_some_and(char::is_uppercase)
                })
            };
            let Some(i) = tokens
                .iter()
                .position(|t| t.span.start as usize == base + at)
            else {
                return;
            };
            if i == 0 || !caps(i) || !is_place_preposition(tokens[i - 1].text(text)) {
                return;
            }
            // "Yuri Marin" is a person; "Misrata on Thursday" a place. A
            // capitalized preposition is a name's only when it does not
            // open the sentence.
            let opens = i == 1 && s[..chunk].trim().is_empty();
            if caps(i + 1) || (!opens && caps(i - 1)) {
                return;
            }
            let word = normalize::fold(tokens[i].text(text));
            let letters = word.chars().all(char::is_alphabetic) && word.chars().count() >= 4;
            if letters && !normalize::is_stopword(&word) {
                out.entry(word)
                    .or_default()
                    .push((tokens[i].span, index as u32));
            }
        });
    }
    out
}

/// Every capitalized word of a document, folded.
fn capitalized(analysis: &Analysis) -> BTreeSet<String> {
    let text = &analysis.doc.text;
    let mut out = BTreeSet::new();
    for sentence in &analysis.sentences {
        capitalized_tokens(text, sentence.span, |tokens, i, _| {
            out.insert(normalize::fold(tokens[i].text(text)));
        });
    }
    out
}

/// A spelling with common transliteration differences removed.
pub(crate) fn transliteration_key(word: &str) -> String {
    let mut s: String = word
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ē' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ō' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            other => other,
        })
        .collect();
    for (from, to) in [
        ("kh", "h"),
        ("ou", "u"),
        ("oo", "u"),
        ("ph", "f"),
        ("ck", "k"),
        ("y", "i"),
    ] {
        s = s.replace(from, to);
    }
    let mut collapsed = String::with_capacity(s.len());
    for c in s.chars() {
        if !collapsed.ends_with(c) {
            collapsed.push(c);
        }
    }
    if collapsed.len() > 3 && collapsed.ends_with('h') {
        collapsed.pop();
    }
    collapsed
}

/// Whether two different spellings are one name transliterated two ways.
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    a != b
        && transliteration_key(a) == transliteration_key(b)
        && strsim::jaro_winkler(a, b) >= MIN_SIMILARITY
}

/// Pairs of documents that spell one place two ways.
fn transliterations(
    view: &CorpusView<'_>,
    event_of: &[Option<usize>],
    rule: &'static str,
    out: &mut Vec<Finding>,
) {
    // Spellings the lexicon already knows are compared by their group.
    let known: BTreeSet<String> = crate::lexicon::framing::active()
        .groups
        .iter()
        .filter(|g| g.kind == crate::lexicon::framing::GroupKind::Name)
        .flat_map(|g| g.sides.iter().flatten().map(|t| normalize::fold(t)))
        .collect();
    let all: Vec<Places> = view.analyses.par_iter().map(places).collect();
    // Only spellings with one transliteration key can be one name, so
    // documents meet through an index by key instead of pair by pair.
    let mut by_word: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (doc, p) in all.iter().enumerate() {
        for word in p.keys().filter(|w| !known.contains(*w)) {
            by_word.entry(word.as_str()).or_default().push(doc);
        }
    }
    let mut by_key: BTreeMap<String, BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
    for (word, docs) in by_word {
        by_key
            .entry(transliteration_key(word))
            .or_default()
            .insert(word, docs);
    }
    // A spelling is not a variant in a document that also writes the other
    // one, capitalized anywhere. Only documents using a spelling that has a
    // variant need their capitalized words, and few do.
    let mut variant_docs: BTreeSet<usize> = BTreeSet::new();
    for spellings in by_key.values().filter(|s| s.len() > 1) {
        for (i, (wa, docs_a)) in spellings.iter().enumerate() {
            for (wb, docs_b) in spellings.iter().skip(i + 1) {
                if same_name(wa, wb) {
                    variant_docs.extend(docs_a.iter().chain(docs_b));
                }
            }
        }
    }
    let capitalized: rustc_hash::FxHashMap<usize, BTreeSet<String>> = variant_docs
        .into_par_iter()
        .map(|d| (d, capitalized(&view.analyses[d])))
        .collect();
    for spellings in by_key.values().filter(|s| s.len() > 1) {
        let spellings: Vec<(&str, &Vec<usize>)> = spellings.iter().map(|(w, d)| (*w, d)).collect();
        for (i, &(wa, docs_a)) in spellings.iter().enumerate() {
            for &(wb, docs_b) in &spellings[i + 1..] {
                if !same_name(wa, wb) {
                    continue;
                }
                for (ia, &da) in docs_a.iter().enumerate() {
                    for (ib, &db) in docs_b.iter().enumerate() {
                        let (ea, eb) = (
                            event_of.get(da).copied().flatten(),
                            event_of.get(db).copied().flatten(),
                        );
                        // Across events, each document meets only the first
                        // user of the other spelling (see word_choice).
                        if (ea != eb || ea.is_none()) && ia > 0 && ib > 0 {
                            continue;
                        }
                        if da == db
                            || capitalized[&db].contains(wa)
                            || capitalized[&da].contains(wb)
                        {
                            continue;
                        }
                        let (a, b, wa, wb) = if da < db {
                            (da, db, wa, wb)
                        } else {
                            (db, da, wb, wa)
                        };
                        let (occ_a, occ_b) = (&all[a][wa], &all[b][wb]);
                        out.push(finding(
                            view,
                            rule,
                            (a, occ_a),
                            (b, occ_b),
                            if ea == eb { ea } else { None },
                        ));
                    }
                }
            }
        }
    }
}

/// A transliteration finding between two documents' occurrences.
fn finding(
    view: &CorpusView<'_>,
    rule: &'static str,
    (a, occ_a): (usize, &[(Span, u32)]),
    (b, occ_b): (usize, &[(Span, u32)]),
    event: Option<usize>,
) -> Finding {
    let ev = |doc: usize, occ: &[(Span, u32)]| -> Vec<Evidence> {
        occ.iter()
            .take(3)
            .map(|&(span, sentence)| Evidence {
                doc,
                claim: None,
                span,
                sentence,
            })
            .collect()
    };
    let mut evidence = ev(a, occ_a);
    evidence.extend(ev(b, occ_b));
    let text = |doc: usize, occ: &[(Span, u32)]| {
        occ.first()
            .map(|(s, _)| s.slice(&view.analyses[doc].doc.text).to_string())
            .unwrap_or_default()
    };
    let (ta, tb) = (text(a, occ_a), text(b, occ_b));
    Finding {
        kind: Kind::Framing,
        verdict: Verdict::Variation,
        rule,
        event,
        subject: format!("the place {ta} / {tb}"),
        explanation: format!(
            "transliteration: {} writes \u{201c}{ta}\u{201d} where {} writes \u{201c}{tb}\u{201d}",
            view.analyses[a].doc.id, view.analyses[b].doc.id
        ),
        evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::testing::{assert_finding, assert_no_finding};

    /// Every capital after white space whose text before ends in a
    /// preposition, one character at a time.
    fn place_candidates_by_character(sentence: &str) -> Vec<(usize, usize)> {
        let ends_in_preposition = |text: &[u8]| {
            let stem = ["'s", "'S", "\u{2019}s", "\u{2019}S"]
                .iter()
                .find_map(|s| text.strip_suffix(s.as_bytes()))
                .unwrap_or(text);
            PLACE_PREPOSITIONS.iter().any(|p| {
                stem.len() >= p.len()
                    && stem[stem.len() - p.len()..].eq_ignore_ascii_case(p.as_bytes())
            })
        };
        let mut out = Vec::new();
        let (mut chunk, mut space_from) = (0, None);
        for (at, c) in sentence.char_indices() {
            if c.is_whitespace() {
                space_from.get_or_insert(at);
            } else if let Some(end) = space_from.take() {
                if c.is_uppercase() && ends_in_preposition(&sentence.as_bytes()[..end]) {
                    out.push((chunk, at));
                }
                chunk = at;
            }
        }
        out
    }

    #[test]
    fn prepositions_end_text_in_any_case() {
        for (text, ends) in [
            ("the port of", true),
            ("THE PORT OF", true),
            ("Towards", true),
            ("within", true),
            ("the city's", false),
            ("from's", true),
            ("from\u{2019}S", true),
            ("n", false),
            ("", false),
            ("outside", true),
            ("0utside", false),
            ("a2-across", true),
            ("on", false),
            ("i\u{2019}n", false),
        ] {
            assert_eq!(ends_in_preposition(text.as_bytes()), ends, "{text:?}");
        }
    }

    #[test]
    fn place_candidates_are_every_capital_after_a_preposition() {
        let pieces = concat!(
            "in|In|from|of|port's|the|within|Brennick|Élan|über|OUT|side|S|x|ZZ|é|ÉTAT|",
            " |  |\u{a0}|\t|\n|\u{2019}s|,|(|“"
        )
        .split('|');
        // Every sequence of up to four pieces, and some longer ones.
        let mut sentences: Vec<String> = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = sentences
                .iter()
                .flat_map(|s| pieces.clone().map(move |p| format!("{s}{p}")))
                .collect();
            sentences.extend(longer);
            sentences.sort();
            sentences.dedup();
        }
        sentences
            .push("Talks with officials in Brennick, from Tolvara and of Queldon's port.".into());
        sentences.push("A ship off Ostmark\u{a0}near Élan, near ÉTAT towards Zé".into());
        for s in &sentences {
            let mut fast = Vec::new();
            place_candidates(s, |chunk, at| fast.push((chunk, at)));
            assert_eq!(fast, place_candidates_by_character(s), "{s:?}");
        }
    }

    #[test]
    fn lexicon_names_differ() {
        assert_finding(
            "Talks with Kiev stalled after the frontline setbacks.",
            "The deal would have required Kyiv to adopt neutrality.",
            Kind::Framing,
            Verdict::Variation,
        );
        assert_no_finding(
            "Talks with Kyiv stalled after the frontline setbacks.",
            "The deal would have required Kyiv to adopt neutrality.",
            Kind::Framing,
        );
    }

    #[test]
    fn transliterated_place_names_differ() {
        assert_finding(
            "The boat had left the port of Zuwara on Thursday night.",
            "The vessel had set off from Zuwarah, in western Libya.",
            Kind::Framing,
            Verdict::Variation,
        );
        let candidates = |s: &str| {
            let mut found = Vec::new();
            place_candidates(s, |chunk, at| found.push((chunk, at)));
            found
        };
        assert_eq!(
            candidates("She flew in  Monday from Misrata."),
            [(9, 13), (20, 25)]
        );
        assert_eq!(candidates("Crowds met (in\u{2019}s Hall."), [(11, 19)]);
        assert_eq!(
            candidates("Crowds gathered. Inside, the Hall was full."),
            []
        );
        assert!(same_name("odessa", "odesa"));
        assert!(same_name("bukhara", "buhara"));
        // Two real, different places are not spellings of one.
        assert!(!same_name("austria", "australia"));
        assert!(!same_name("colombia", "columbia"));
        assert!(!same_name("georgia", "georgian"));
        assert_no_finding(
            "The ship sailed from Colombia on Monday.",
            "The ship sailed from Columbia on Monday.",
            Kind::Framing,
        );
    }
}
