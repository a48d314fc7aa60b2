//! Reading quantities from a sentence's tokens.
//!
//! The shape read is `[hedge] [currency] number [range] [scale] [unit]
//! [hedge] [noun phrase]`, with the hyphenated form `number-unit noun`
//! ("five-hour talks", "28-point draft"). Context around the number decides
//! whether it is a quantity at all: dates, clock times, ages, years and
//! identifiers ("Falcon 9", "No. 14", "I-10") are skipped.

use std::borrow::Cow;

use super::data::{Form, Meaning, Tables, push_lowercase, tables};
use super::{Dimension, Interval, Quantity};
use crate::lexicon::shapes::Shape;
use crate::normalize;
use crate::segment::{self, TokenKind};
use crate::span::Span;

/// A token with its text, lowercased.
struct Tok<'a> {
    span: Span,
    kind: TokenKind,
    joined: bool,
    text: &'a str,
    /// Lowercased, with a typographic apostrophe made plain.
    low: &'a str,
}

impl Tok<'_> {
    fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    fn is_number(&self) -> bool {
        self.kind == TokenKind::Number
    }

    fn capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// A number as read from one or more tokens.
#[derive(Clone, Copy, Debug)]
struct Num {
    /// First and one-past-last token.
    start: usize,
    end: usize,
    value: f64,
    precision: f64,
    ordinal: bool,
    /// Written in digits without separators or decimals ("2021", not "2,021").
    plain_digits: bool,
    /// Written as a fraction of a whole ("two-thirds", "half of").
    fraction: bool,
}

/// Finds every quantity in one sentence (`sentence` in `text` coordinates).
pub fn extract(text: &str, sentence: Span) -> Vec<(Span, Quantity)> {
    if sentence.end as usize > text.len()
        || !text.is_char_boundary(sentence.start as usize)
        || !text.is_char_boundary(sentence.end as usize)
    {
        return Vec::new();
    }
    extract_tokens(text, &segment::tokens(text, sentence))
}

/// [`extract`], from the sentence's tokens (`segment::tokens`), so that a
/// document's sentences are tokenized once for every extractor.
pub fn extract_tokens(text: &str, tokens: &[segment::Token]) -> Vec<(Span, Quantity)> {
    extract_tokens_with(text, tokens, &mut Buffers::default())
}

/// What reading a sentence writes down on the way, kept from one sentence
/// to the next of a document so that it is allocated once, not per sentence.
#[derive(Default)]
pub struct Buffers {
    /// The sentence lowercased, then its tokens with other than ASCII
    /// characters lowercased one by one.
    lowered: String,
}

/// [`extract_tokens`], with buffers of earlier sentences to reuse.
pub fn extract_tokens_with(
    text: &str,
    tokens: &[segment::Token],
    buffers: &mut Buffers,
) -> Vec<(Span, Quantity)> {
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return Vec::new();
    };
    let t = tables();
    let sentence = first.span.cover(last.span);
    let sentence_text = sentence.slice(text);
    let ascii = sentence_text.is_ascii();
    if !may_hold_quantity(text, tokens, ascii, t) {
        return Vec::new();
    }
    let lowered = &mut buffers.lowered;
    // The tokens' lowercase forms are ranges of one buffer for the sentence
    // rather than strings of their own. The sentence is lowercased in one go
    // as ASCII, which keeps every byte offset and is right for every ASCII
    // token; a token with other characters, whose length lowercasing and the
    // apostrophe may change, is lowercased on its own after the sentence.
    lowered.clear();
    lowered.push_str(sentence_text);
    lowered.make_ascii_lowercase();
    let mut appended_ends = Vec::new();
    if !ascii {
        for tok in tokens.iter().map(|tok| tok.text(text)) {
            if !tok.is_ascii() {
                push_lowercase(lowered, tok);
                appended_ends.push(lowered.len());
            }
        }
    }
    let lowered = lowered.as_str();
    let base = sentence.start as usize;
    let mut appended_from = sentence.len();
    let mut appended = appended_ends.into_iter();
    let toks: Vec<Tok> = tokens
        .iter()
        .map(|tok| {
            let own = tok.text(text);
            let (start, end) = if ascii || own.is_ascii() {
                (tok.span.start as usize - base, tok.span.end as usize - base)
            } else {
                let start = appended_from;
                appended_from = appended.next().unwrap_or(start);
                (start, appended_from)
            };
            Tok {
                span: tok.span,
                kind: tok.kind,
                joined: tok.joined,
                text: own,
                low: &lowered[start..end],
            }
        })
        .collect();
    let r = Reader { toks: &toks, t };
    let mut out = Vec::new();
    // Where the last quantity or skipped stretch ended.
    let mut next = 0;
    for (i, tok) in toks.iter().enumerate() {
        // A quantity starts only at a number, a number word or the first
        // word of a hedge, a vague amount, a currency or a storm class:
        // most tokens are none of these, and one set says so.
        if i < next || !(tok.is_number() || t.starts.contains(tok.low)) {
            continue;
        }
        next = match r.quantity_at(i) {
            Some(Found::Quantity(end, span, q)) => {
                out.push((span, *q));
                end.max(i + 1)
            }
            Some(Found::Skip(end)) => end.max(i + 1),
            None => i + 1,
        };
    }
    out
}

/// Whether a sentence (`ascii` when all its text is) may hold a quantity.
/// Every quantity has a number, a number word, "half", a vague amount
/// ("dozens"), a storm class, or "a" or "an" before a word that makes it a
/// number ("a dozen", "a third of", "for an hour"); most sentences have
/// none, which one look at the shape of each word says, where reading them
/// would lowercase and try every token.
fn may_hold_quantity(text: &str, tokens: &[segment::Token], ascii: bool, t: &Tables) -> bool {
    let bytes = text.as_bytes();
    // Whether the token before is "a" or "an".
    let mut article = false;
    for tok in tokens {
        if tok.kind == TokenKind::Number {
            return true;
        }
        let word = &bytes[tok.span.start as usize..tok.span.end as usize];
        if !ascii && !word.is_ascii() {
            // Lowercasing may change such a word beyond its shape: the
            // sentence is read in full.
            if tok.kind == TokenKind::Word || article {
                return true;
            }
            article = false;
            continue;
        }
        if let Some(shape) = Shape::of_lowercase(word)
            && ((article && t.after_article.contains_lowercase(word, shape))
                || t.triggers.contains_lowercase(word, shape))
        {
            return true;
        }
        article = matches!(word, [b'a' | b'A'] | [b'a' | b'A', b'n' | b'N']);
    }
    false
}

enum Found {
    /// A quantity ending (in tokens) before the index.
    Quantity(usize, Span, Box<Quantity>),
    /// Not a quantity (a date, an age, an identifier) up to the index.
    Skip(usize),
}

struct Reader<'a, 'b> {
    toks: &'a [Tok<'b>],
    t: &'static Tables,
}

/// What was found around the number.
struct Parts {
    start: usize,
    hedge: Option<(String, Meaning, f64)>,
    currency: Option<String>,
    num: Num,
    /// The upper end of a range ("20 to 30").
    upper: Option<Num>,
    /// A vague amount ("tens of thousands"): its bounds.
    vague: Option<(f64, f64)>,
}

impl Reader<'_, '_> {
    fn low(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.low)
    }

    fn tok(&self, i: usize) -> Option<&Tok<'_>> {
        self.toks.get(i)
    }

    /// Does `form` match the tokens at `i`? Returns the index after it.
    fn matches(&self, i: usize, form: &Form, joined_inside: bool) -> Option<usize> {
        if form.is_empty() || i + form.len() > self.toks.len() {
            return None;
        }
        for (k, w) in form.iter().enumerate() {
            let tok = &self.toks[i + k];
            if tok.low != *w {
                return None;
            }
            if joined_inside && k > 0 && !tok.joined {
                return None;
            }
        }
        Some(i + form.len())
    }

    /// The token before `i`, skipping a period of an abbreviation ("Oct." "7").
    fn prev_word(&self, i: usize) -> Option<usize> {
        let mut j = i.checked_sub(1)?;
        if self.low(j) == "." && j > 0 && self.toks[j].joined {
            j -= 1;
        }
        Some(j)
    }

    fn quantity_at(&self, i: usize) -> Option<Found> {
        let t = self.t;
        if let Some(found) = self.storm_class_at(i) {
            return Some(found);
        }
        // A pre-posed hedge.
        let mut j = i;
        let mut hedge = None;
        for (f, h) in t.hedges.starting_with(self.low(i)) {
            if h.position.as_deref() == Some("after") {
                continue;
            }
            if let Some(e) = self.matches(i, f, false) {
                hedge = Some((h.phrase.clone(), h.meaning, h.slack));
                j = e;
                break;
            }
        }
        // A vague amount stands in for the number.
        for (f, v) in t.vague.starting_with(self.low(j)) {
            if let Some(e) = self.matches(j, f, false) {
                let num = Num {
                    start: j,
                    end: e,
                    value: (v.lo + v.hi) / 2.0,
                    precision: 0.0,
                    ordinal: false,
                    plain_digits: false,
                    fraction: false,
                };
                let parts = Parts {
                    start: i,
                    hedge: None,
                    currency: None,
                    num,
                    upper: None,
                    vague: Some((v.lo, v.hi)),
                };
                return self.finish(parts, Some(v.phrase.clone()));
            }
        }
        // A currency symbol or code.
        let mut currency = None;
        for (f, code) in t.currency_prefixes.starting_with(self.low(j)) {
            if let Some(e) = self.matches(j, f, true)
                && self.tok(e).is_some_and(|n| n.is_number())
            {
                currency = Some(code.clone());
                j = e;
                break;
            }
        }
        let num = self.number_at(j, currency.is_some(), hedge.is_some())?;
        if hedge.is_none() && currency.is_none() && i != num.start {
            return None;
        }
        let parts = Parts {
            start: i,
            hedge,
            currency,
            num,
            upper: None,
            vague: None,
        };
        if let Some(found) = self.clock_time(&parts) {
            return Some(found);
        }
        if let Some(skip) = self.not_a_quantity(&parts) {
            return Some(Found::Skip(skip));
        }
        self.finish(parts, None)
    }

    /// A storm class before a storm's name: "Super Typhoon Nari" is rank 6
    /// on the storm-class ladder, counted ["class", "nari"].
    fn storm_class_at(&self, i: usize) -> Option<Found> {
        let first = self.tok(i)?;
        if !first.is_word() || !first.capitalized() {
            return None;
        }
        for (f, level) in self.t.storm_classes.starting_with(first.low) {
            let Some(e) = self.matches(i, f, false) else {
                continue;
            };
            let name = self.tok(e)?;
            if !name.is_word()
                || !name.capitalized()
                || normalize::is_stopword(name.low)
                || self.t.storm_not_names.contains(name.low)
                || self
                    .t
                    .storm_classes
                    .starting_with(name.low)
                    .next()
                    .is_some()
            {
                return None;
            }
            let span = Span {
                start: first.span.start,
                end: name.span.end,
            };
            let q = Quantity {
                dimension: Dimension::Rank,
                value: *level,
                interval: Interval::point(*level),
                precision: 0.0,
                unit: "storm class".to_string(),
                currency: None,
                hedge: None,
                counted: vec!["class".to_string(), normalize::stem(name.low)],
                counted_text: self.toks[i..=e]
                    .iter()
                    .map(|x| x.text)
                    .collect::<Vec<_>>()
                    .join(" "),
                predicate: None,
                modifier: true,
                stated: *level,
            };
            return Some(Found::Quantity(e + 1, span, Box::new(q)));
        }
        None
    }

    /// Reads a number at `i`: digits, words, "a dozen", with any scale after it.
    fn number_at(&self, i: usize, money: bool, hedged: bool) -> Option<Num> {
        let tok = self.tok(i)?;
        let t = self.t;
        let mut num = if tok.is_number() {
            self.digits_at(i)?
        } else if tok.is_word() {
            if matches!(tok.low, "a" | "an") {
                let next = self.low(i + 1);
                if let Some(&v) = t.a_words.get(next) {
                    Num {
                        start: i,
                        end: i + 2,
                        value: v,
                        precision: 0.0,
                        ordinal: false,
                        plain_digits: false,
                        fraction: false,
                    }
                } else if let Some(&v) = t.fractions.get(next).filter(|_| self.low(i + 2) == "of") {
                    fraction(i, i + 2, v)
                } else if hedged || self.low(i.wrapping_sub(1)) == "for" {
                    // "more than a week", "for an hour": one of a unit.
                    let (e, u) = self.unit_at(i + 1)?;
                    if t.units[u].dimension == Dimension::Percent
                        || self.low(e - 1).ends_with('s')
                        || self.low(e) == "-"
                    {
                        return None;
                    }
                    Num {
                        start: i,
                        end: i + 1,
                        value: 1.0,
                        precision: 0.0,
                        ordinal: false,
                        plain_digits: false,
                        fraction: false,
                    }
                } else {
                    return None;
                }
            } else if tok.low == "half" {
                if self.low(i + 1) == "of" {
                    fraction(i, i + 1, 0.5)
                } else if matches!(self.low(i + 1), "a" | "an") && self.unit_at(i + 2).is_some() {
                    Num {
                        start: i,
                        end: i + 2,
                        value: 0.5,
                        precision: 0.0,
                        ordinal: false,
                        plain_digits: false,
                        fraction: false,
                    }
                } else {
                    return None;
                }
            } else if t.number_words.contains(tok.low) {
                self.words_at(i)?
            } else {
                return None;
            }
        } else {
            return None;
        };
        if num.fraction {
            return Some(num);
        }
        // "three and a half", "two and a quarter".
        if self.low(num.end) == "and"
            && matches!(self.low(num.end + 1), "a" | "an")
            && let Some(&f) = t.fractions.get(self.low(num.end + 2))
        {
            num.value += f;
            num.end += 3;
        }
        // "two-thirds", "three quarters" of something: a share.
        if !num.ordinal && num.value < 20.0 {
            let mut k = num.end;
            if self.low(k) == "-" && self.toks[k].joined {
                k += 1;
            }
            let w = self.low(k);
            if w.ends_with('s')
                && w != "seconds"
                && let Some(&f) = t.fractions.get(w)
            {
                {
                    return Some(Num {
                        end: k + 1,
                        value: num.value * f * 100.0,
                        fraction: true,
                        ..num
                    });
                }
            }
        }
        // A scale word or suffix: "1.6 million", "4.2bn", "$300m", "two dozen".
        if let Some(next) = self.tok(num.end) {
            let scale = if next.joined && next.is_word() {
                t.suffixes
                    .get(next.low)
                    .or_else(|| money.then(|| t.money_suffixes.get(next.low)).flatten())
            } else if next.is_word() {
                t.scales.get(next.low)
            } else {
                None
            };
            if let Some(&s) = scale {
                // The digits before a scale say how precise the figure is.
                if num.plain_digits || self.toks[num.start].is_number() {
                    num.precision = mantissa_precision(self.toks[num.start].text);
                }
                num.value *= s;
                num.end += 1;
                num.plain_digits = false;
                // "1.5 million" may go on: "two million and a half" is rare; stop.
            }
        }
        Some(num)
    }

    fn digits_at(&self, i: usize) -> Option<Num> {
        let tok = self.tok(i)?;
        let s = tok.text;
        let (value, plain) = parse_digits(s)?;
        let mut num = Num {
            start: i,
            end: i + 1,
            value,
            precision: rounding_precision(s, value),
            ordinal: false,
            plain_digits: plain,
            fraction: false,
        };
        // "1st", "22nd", "3rd", "4th".
        if let Some(next) = self.tok(i + 1)
            && next.joined
            && next.is_word()
            && matches!(next.low, "st" | "nd" | "rd" | "th")
        {
            num.ordinal = true;
            num.end += 1;
            num.precision = 0.0;
        }
        Some(num)
    }

    /// Number words read by text2num: "twenty-seven", "two hundred and fifty", "third".
    fn words_at(&self, i: usize) -> Option<Num> {
        let t = self.t;
        // Gather a run of number words; a hyphen joins two of them into one word.
        let mut items: Vec<(String, usize)> = Vec::new();
        let mut k = i;
        while let Some(tok) = self.tok(k) {
            if !tok.is_word() {
                break;
            }
            let w = tok.low;
            if t.number_words.contains(w) {
                if self.low(k + 1) == "-"
                    && self.tok(k + 2).is_some_and(|n| {
                        n.joined && self.toks[k + 1].joined && t.number_words.contains(n.low)
                    })
                {
                    items.push((format!("{w}-{}", self.low(k + 2)), k + 3));
                    k += 3;
                } else {
                    items.push((w.to_string(), k + 1));
                    k += 1;
                }
            } else if w == "and"
                && !items.is_empty()
                && self
                    .tok(k + 1)
                    .is_some_and(|n| t.number_words.contains(n.low))
            {
                items.push((w.to_string(), k + 1));
                k += 1;
            } else {
                break;
            }
        }
        if items.is_empty() {
            return None;
        }
        let lang = text2num::Language::english();
        let found = text2num::find_numbers(items.iter().map(|(w, _)| Word(w)), &lang, 0.0);
        let first = found.into_iter().find(|o| o.start == 0)?;
        let end = items.get(first.end.checked_sub(1)?)?.1;
        if !first.value.is_finite() {
            return None;
        }
        Some(Num {
            start: i,
            end,
            value: first.value,
            precision: 0.0,
            ordinal: first.is_ordinal,
            plain_digits: false,
            fraction: false,
        })
    }

    /// A unit at `i` (longest form first): (index after it, unit index).
    fn unit_at(&self, i: usize) -> Option<(usize, usize)> {
        for (f, u) in self.t.unit_forms.starting_with(self.low(i)) {
            if let Some(e) = self.matches(i, f, false) {
                // Single letters are units only right against the number or
                // before a clear boundary ("600m", "6 m deep" is not read).
                let first = &self.toks[i];
                if f.len() == 1 && self.t.ambiguous_units.contains(f[0].as_str()) {
                    if first.text.chars().any(char::is_uppercase) {
                        continue;
                    }
                    if !first.joined || self.tok(e).is_some_and(|n| n.joined && n.is_word()) {
                        continue;
                    }
                }
                return Some((e, *u));
            }
        }
        None
    }

    /// A currency written after the number ("340 million euros").
    fn currency_after(&self, i: usize) -> Option<(usize, String)> {
        for (f, code) in self.t.currency_suffixes.starting_with(self.low(i)) {
            if let Some(e) = self.matches(i, f, false) {
                return Some((e, code.clone()));
            }
        }
        None
    }

    /// Is the number at `parts` a date, a time, an age, a year or an identifier?
    /// Returns the token index to skip to.
    fn not_a_quantity(&self, p: &Parts) -> Option<usize> {
        let t = self.t;
        let n = p.num;
        let first = &self.toks[n.start];
        let after = self.tok(n.end);
        let skip_to = n.end;
        if after.is_some_and(|a| t.time_markers.contains(a.low)) {
            return Some(n.end + 1);
        }
        // "555-0134", "3-1": digits joined by a hyphen that are not a rising range.
        if after.is_some_and(|a| a.low == "-" && a.joined)
            && let Some(b) = self.tok(n.end + 1)
            && b.is_number()
            && b.joined
            && (b.text.starts_with('0') || parse_digits(b.text).is_none_or(|v| v.0 <= n.value))
        {
            return Some(n.end + 2);
        }
        // A period joined right after the number that is not a decimal
        // ("4..5") or a decimal fraction written ".5": take as written.
        if p.currency.is_none() {
            // Dates: "Oct. 7", "October 14", "7 October".
            if let Some(pw) = self.prev_word(p.start)
                && t.months.contains(self.low(pw))
                && self.toks[pw].capitalized()
            {
                return Some(skip_to);
            }
            if after.is_some_and(|a| t.months.contains(a.low) && a.capitalized()) {
                return Some(skip_to + 1);
            }
            // Years: "2024", "in 2021", "the 2019 season".
            if n.plain_digits
                && (1900.0..=2100.0).contains(&n.value)
                && n.value.fract() == 0.0
                && first.text.len() == 4
                && self.unit_after_number(n.end).is_none()
            {
                // "2020s", "2024-25".
                let mut e = n.end;
                if self.tok(e).is_some_and(|x| x.joined && x.low == "s") {
                    e += 1;
                }
                return Some(e);
            }
        }
        let before = p.start.checked_sub(1).map(|b| &self.toks[b]);
        // Ages: "aged 4 to 60", "Smith, 47, a shrimper", "47-year-old".
        let aged = |i: usize| t.age_words.contains(self.low(i));
        if let Some(pw) = self.prev_word(p.start)
            && (aged(pw) || (self.low(pw) == "of" && pw > 0 && aged(pw - 1)))
        {
            return Some(self.range_end(n.end));
        }
        if before.is_some_and(|b| b.low == ",")
            && p.start >= 2
            && self.toks[p.start - 2].capitalized()
            && self.toks[p.start - 2].is_word()
            && after.is_some_and(|a| a.low == "," || a.low == ")")
            && n.value < 120.0
            && n.value.fract() == 0.0
        {
            return Some(skip_to);
        }
        if before.is_some_and(|b| b.low == "(")
            && after.is_some_and(|a| a.low == ")")
            && p.start >= 2
            && self.toks[p.start - 2].capitalized()
            && n.value < 120.0
        {
            return Some(skip_to);
        }
        // Identifiers: "XR-7", "I-10", "No. 14", "#3", "Falcon 9", "5G".
        if p.hedge.is_none() && p.currency.is_none() {
            if let Some(b) = before {
                if first.joined && (b.low == "-" || b.low == "#" || b.low == "/" || b.is_word()) {
                    let bb = p.start.checked_sub(2).map(|x| &self.toks[x]);
                    if b.low != "-"
                        || (b.joined && bb.is_some_and(|x| x.is_word() || x.is_number()))
                    {
                        return Some(self.range_end(skip_to));
                    }
                }
                if b.low == "."
                    && first.joined
                    && p.start >= 2
                    && self.toks[p.start - 2].is_number()
                {
                    // "4..5", "1.2.3": the tail of a dotted run.
                    return Some(skip_to);
                }
            }
            if let Some(pw) = self.prev_word(p.start)
                && t.id_markers.contains(self.low(pw))
                && (self.toks[pw].capitalized() || !self.toks[pw].is_word() || self.low(pw) == "no")
            {
                return Some(skip_to);
            }
            // A capitalized word inside a clause before the number names a
            // thing with a number: "Falcon 9", "CAC 40".
            if let Some(b) = before
                && p.start >= 2
                && b.is_word()
                && b.capitalized()
                && !normalize::is_stopword(b.low)
                && !t.rank_scales.contains(b.low)
                && !t.months.contains(b.low)
                && !first.is_word()
                && (self.toks[p.start - 2].is_word() || self.toks[p.start - 2].is_number())
            {
                return Some(skip_to);
            }
            if let Some(a) = after
                && a.joined
                && a.is_word()
                && !n.ordinal
                && self.unit_after_number(n.end).is_none()
                && !self.t.suffixes.contains_key(a.low)
            {
                return Some(skip_to + 1);
            }
        }
        // Long digit runs are identifiers (phone numbers, case numbers).
        if first.is_number() && first.text.chars().filter(char::is_ascii_digit).count() > 13 {
            return Some(skip_to);
        }
        None
    }

    /// A time of day: "6:14 p.m. EDT", "22:14 GMT", "9 a.m.". Its value is
    /// seconds after midnight, in UTC when a zone is given (unit "UTC"),
    /// else local time (unit "local").
    fn clock_time(&self, p: &Parts) -> Option<Found> {
        let t = self.t;
        let n = p.num;
        if p.currency.is_some() || p.hedge.is_some() && p.start != n.start {
            // "about 6 p.m." is still a time, but keep the hedge out of it.
        }
        let first = self.toks.get(n.start)?;
        if !first.is_number() || n.end != n.start + 1 {
            return None;
        }
        let hours = n.value;
        let mut e = n.end;
        let mut minutes = 0.0;
        let colon = self.low(e) == ":"
            && self.toks[e].joined
            && self
                .tok(e + 1)
                .is_some_and(|b| b.is_number() && b.joined && b.text.len() == 2);
        if colon {
            minutes = parse_digits(self.toks[e + 1].text).map_or(0.0, |v| v.0);
            e += 2;
        }
        let mut pm = None;
        if matches!(self.low(e), "a.m." | "am" | "a.m") {
            pm = Some(false);
            e += 1;
        } else if matches!(self.low(e), "p.m." | "pm" | "p.m") {
            pm = Some(true);
            e += 1;
        }
        let zone = self.low(e);
        let offset = t.time_zones.get(zone).copied();
        if offset.is_some() {
            e += 1;
        }
        if !colon && pm.is_none() {
            return None;
        }
        if hours.fract() != 0.0 || hours > 24.0 || minutes >= 60.0 {
            return Some(Found::Skip(e));
        }
        let mut h = hours;
        match pm {
            Some(true) if h < 12.0 => h += 12.0,
            Some(false) if h == 12.0 => h = 0.0,
            _ => {}
        }
        let mut secs = h * 3600.0 + minutes * 60.0;
        if let Some(off) = offset {
            secs = (secs - off * 3600.0).rem_euclid(86400.0);
        }
        let span = Span {
            start: self.toks[n.start].span.start,
            end: self.toks.get(e - 1)?.span.end,
        };
        // "Shortly after 7 a.m." is a moment in the half hour after seven;
        // "about 7:10 a.m." one within a quarter of an hour of it.
        const SHORTLY: f64 = 1800.0;
        const ABOUT: f64 = 900.0;
        let interval = match (
            self.low(n.start.wrapping_sub(2)),
            self.low(n.start.wrapping_sub(1)),
        ) {
            ("shortly" | "just" | "soon", "after") => Interval {
                hi: secs + SHORTLY,
                ..Interval::point(secs)
            },
            ("shortly" | "just", "before") => Interval {
                lo: secs - SHORTLY,
                ..Interval::point(secs)
            },
            _ if matches!(&p.hedge, Some((_, Meaning::Approx, _))) => Interval {
                lo: secs - ABOUT,
                hi: secs + ABOUT,
                ..Interval::point(secs)
            },
            _ => Interval::point(secs),
        };
        let q = Quantity {
            dimension: Dimension::Time,
            value: secs,
            interval,
            precision: 0.0,
            unit: if offset.is_some() { "UTC" } else { "local" }.to_string(),
            currency: None,
            hedge: None,
            counted: Vec::new(),
            counted_text: String::new(),
            predicate: None,
            modifier: false,
            stated: secs,
        };
        Some(Found::Quantity(e, span, Box::new(q)))
    }

    /// After a number at `end`, the end of a range's upper number if one follows.
    fn range_end(&self, end: usize) -> usize {
        if matches!(self.low(end), "to" | "-" | "\u{2013}" | "and")
            && self.tok(end + 1).is_some_and(|x| x.is_number())
        {
            end + 2
        } else {
            end
        }
    }

    /// A unit after the number ending at `end`, allowing a hyphen ("30-day").
    fn unit_after_number(&self, end: usize) -> Option<(usize, usize)> {
        if self.low(end) == "-"
            && self.tok(end).is_some_and(|x| x.joined)
            && let Some(u) = self.unit_at(end + 1)
        {
            return Some(u);
        }
        self.unit_at(end)
    }

    fn finish(&self, mut p: Parts, vague_phrase: Option<String>) -> Option<Found> {
        let t = self.t;
        let mut end = p.num.end;
        // Ranges: "20 to 30", "20-30", "between 20 and 30", "$20 to $30".
        if p.vague.is_none() && !p.num.ordinal && !p.num.fraction {
            let between = p
                .start
                .checked_sub(1)
                .is_some_and(|b| matches!(self.low(b), "between" | "from"));
            let link = self.low(end);
            let link_ok = match link {
                "to" | "\u{2013}" => true,
                "-" => {
                    self.tok(end).is_some_and(|x| x.joined)
                        && self.tok(end + 1).is_some_and(|x| x.joined)
                }
                "and" => between,
                _ => false,
            };
            if link_ok {
                let mut k = end + 1;
                if let Some(c) = &p.currency {
                    for (f, code) in t.currency_prefixes.starting_with(self.low(k)) {
                        if code == c
                            && let Some(e) = self.matches(k, f, true)
                        {
                            k = e;
                            break;
                        }
                    }
                }
                if let Some(up) = self.number_at(k, p.currency.is_some(), false)
                    && !up.ordinal
                    && up.value > p.num.value
                {
                    // "$20 to $30 million": the scale of the upper end applies to both.
                    let lower_scaled =
                        p.num.end > p.num.start + 1 && self.toks[p.num.start].is_number();
                    if !lower_scaled && up.value / p.num.value >= 1000.0 {
                        let scale =
                            up.value / parse_digits(self.toks[up.start].text).map_or(1.0, |v| v.0);
                        if scale >= 1000.0 && scale.is_finite() {
                            p.num.value *= scale;
                        }
                    }
                    end = up.end;
                    p.upper = Some(up);
                }
            }
        }
        // A hedge after the number: "100 or more", "20 or so".
        let mut post_hedge = None;
        for (f, h) in t.hedges.starting_with(self.low(end)) {
            if h.position.as_deref() != Some("after") {
                continue;
            }
            if let Some(e) = self.matches(end, f, false) {
                post_hedge = Some((h.phrase.clone(), h.meaning, h.slack, e));
                break;
            }
        }
        // The unit: "%", "km/h", "-hour", or a currency after the number.
        let mut modifier = false;
        let mut unit: Option<usize> = None;
        let mut count_word: Option<usize> = None;
        let mut k = end;
        if self.low(k) == "-"
            && self.tok(k).is_some_and(|x| x.joined)
            && self.tok(k + 1).is_some_and(|x| x.joined && x.is_word())
        {
            if let Some((e, u)) = self.unit_at(k + 1).filter(|_| !p.num.ordinal) {
                modifier = true;
                unit = Some(u);
                k = e;
            } else if !t.rank_after.contains(self.low(k + 1))
                && self.toks[k + 1]
                    .text
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
            {
                modifier = true;
                count_word = Some(k + 1);
                k += 2;
            }
            // "three-year-long", "47-year-old".
            if modifier
                && self.low(k) == "-"
                && self.tok(k + 1).is_some_and(|x| x.joined && x.is_word())
            {
                if t.age_after.contains(self.low(k + 1)) {
                    return Some(Found::Skip(k + 2));
                }
                if self.low(k + 1) == "long" {
                    k += 2;
                }
            }
        } else if let Some((e, u)) = self.unit_at(k).filter(|_| !p.num.ordinal) {
            unit = Some(u);
            k = e;
            // "47 years old".
            if t.age_after.contains(self.low(k)) && t.units[u].dimension == Dimension::Duration {
                return Some(Found::Skip(k + 1));
            }
        } else if p.currency.is_none()
            && let Some((e, code)) = self.currency_after(k)
        {
            p.currency = Some(code);
            k = e;
        }
        if let Some((_, _, _, e)) = &post_hedge
            && *e > k
        {
            k = *e;
        }
        let unit_end = k;
        // Rank: "Category 4", "magnitude 6.1", "6.1-magnitude", "third day".
        let scale_before = p
            .start
            .checked_sub(1)
            .filter(|&b| t.rank_scales.contains(self.low(b)) && self.toks[b].is_word());
        let mut rank_word: Option<usize> = scale_before;
        if rank_word.is_none() && p.hedge.is_none() && unit.is_none() {
            let mut r = end;
            if self.low(r) == "-" {
                r += 1;
            }
            if t.rank_after.contains(self.low(r)) {
                rank_word = Some(r);
                k = r + 1;
            }
        }
        let (dimension, factor, offset, unit_precision, unit_name) =
            if rank_word.is_some() || p.num.ordinal {
                (Dimension::Rank, 1.0, 0.0, 0.0, String::new())
            } else if p.num.fraction {
                (Dimension::Percent, 1.0, 0.0, 0.0, "percent".to_string())
            } else if let Some(u) = unit {
                let u = &t.units[u];
                (u.dimension, u.factor, u.offset, u.precision, u.name.clone())
            } else if let Some(c) = &p.currency {
                (Dimension::Money, 1.0, 0.0, 0.0, c.clone())
            } else {
                (Dimension::Count, 1.0, 0.0, 0.0, String::new())
            };
        if dimension != Dimension::Money && p.currency.is_some() && unit.is_some() {
            // "$5 per cent" is nonsense; keep money.
            return None;
        }
        // A lone "a"/"an" or "half" needs a unit to be a quantity.
        let lone_word = matches!(self.low(p.num.start), "a" | "an" | "half")
            && p.num.end == p.num.start + 1
            && unit.is_none()
            && !p.num.fraction;
        if lone_word {
            return None;
        }
        // What is counted or measured.
        let mut counted: Vec<String> = Vec::new();
        let mut counted_words: Vec<&str> = Vec::new();
        if let Some(r) = rank_word {
            counted.push(normalize::stem(self.toks[r].low));
        }
        if let Some(c) = count_word {
            counted.push(normalize::stem(self.toks[c].low));
            counted_words.push(self.toks[c].text);
        }
        let mut np_end = k;
        // After an article the number and unit modify a noun: "a 3 mm crack".
        let article = p
            .start
            .checked_sub(1)
            .is_some_and(|b| matches!(self.low(b), "a" | "an"));
        let direct = modifier
            || article
            || matches!(
                dimension,
                Dimension::Count | Dimension::Rank | Dimension::Percent | Dimension::Money
            );
        let np = self.noun_phrase(k, dimension, direct);
        if let Some((s, e, words)) = np {
            let _ = s;
            np_end = e;
            for w in words.iter().rev() {
                counted.push(normalize::stem(self.toks[*w].low));
            }
            let text_words: Vec<&str> = words.iter().map(|w| self.toks[*w].text).collect();
            counted_words.extend(text_words);
        } else if dimension != Dimension::Rank && counted.is_empty() {
            // "winds of 150 mph", "rises of 4.5%", "a depth of about 600 metres".
            if let Some(words) = self.noun_before_of(p.start) {
                for w in words.iter().rev() {
                    counted.push(normalize::stem(self.toks[*w].low));
                }
                counted_words.extend(words.iter().map(|w| self.toks[*w].text));
            }
        }
        let counted_text = counted_words.join(" ");
        // A bare ordinal ("the first") or a bare "one" says nothing comparable.
        let bare =
            counted.is_empty() && unit.is_none() && p.currency.is_none() && p.hedge.is_none();
        if bare
            && (p.num.ordinal || (self.low(p.num.start) == "one" && p.num.end == p.num.start + 1))
        {
            return Some(Found::Skip(p.num.end));
        }
        let span_end = np_end.max(unit_end).max(end).max(p.num.end);
        let last = span_end.checked_sub(1)?;
        let span_start = scale_before.unwrap_or(p.start);
        let span = Span {
            start: self.toks.get(span_start)?.span.start,
            end: self.toks.get(last)?.span.end,
        };
        let predicate = self.predicate(p.start, span_end);
        // Values.
        let lo_stated = p.num.value;
        let hi_stated = p.upper.map_or(lo_stated, |u| u.value);
        let stated = (lo_stated + hi_stated) / 2.0;
        let to_base = |v: f64| v * factor + offset;
        let mut interval = Interval {
            lo: to_base(lo_stated),
            hi: to_base(hi_stated),
            lo_closed: true,
            hi_closed: true,
        };
        let hedge = p.hedge.clone().or_else(|| {
            post_hedge
                .as_ref()
                .map(|(ph, m, s, _)| (ph.clone(), *m, *s))
        });
        if let Some((lo, hi)) = p.vague {
            interval = Interval {
                lo: to_base(lo),
                hi: to_base(hi),
                lo_closed: true,
                hi_closed: true,
            };
        } else if let Some((_, meaning, slack)) = &hedge {
            interval = apply_hedge(interval, *meaning, *slack);
        }
        let precision = p
            .num
            .precision
            .max(p.upper.map_or(0.0, |u| u.precision))
            .max(unit_precision);
        let q = Quantity {
            dimension,
            value: to_base(stated),
            interval,
            precision,
            unit: unit_name,
            currency: p.currency.clone(),
            hedge: hedge.map(|h| h.0).or(vague_phrase),
            counted,
            counted_text,
            predicate,
            modifier,
            stated,
        };
        Some(Found::Quantity(span_end, span, Box::new(q)))
    }

    /// Is this word a plausible part of a counted noun phrase?
    fn np_word(&self, i: usize) -> bool {
        let Some(tok) = self.tok(i) else { return false };
        if !tok.is_word() || tok.low.contains('.') {
            return false;
        }
        let w = tok.low;
        let folded = normalize::fold_borrowed(w);
        !(w.chars().count() < 2
            || (tok.capitalized() && self.t.rank_scales.contains(w))
            || self.t.np_stops.contains(w)
            || (normalize::is_stopword(&folded) && !self.t.unit_words.contains(w))
            || w.ends_with("ly")
            || self.t.months.contains(w)
            || self.t.time_markers.contains(w))
    }

    /// The noun phrase after a number and its unit, skipping fillers ("four
    /// more documents"), or after "of" ("two of the men", "five hours of
    /// talks"). Returns (start, end, content word indices).
    fn noun_phrase(
        &self,
        k: usize,
        dimension: Dimension,
        direct: bool,
    ) -> Option<(usize, usize, Vec<usize>)> {
        let t = self.t;
        let mut i = k;
        let measure = !matches!(dimension, Dimension::Count | Dimension::Rank);
        if !measure {
            while self
                .tok(i)
                .is_some_and(|x| x.is_word() && t.fillers.contains(x.low))
                && self.low(i) != "of"
            {
                i += 1;
            }
        }
        let mut words = if direct { self.np_words(i) } else { Vec::new() };
        if words.is_empty() && t.measure_links.contains(self.low(i)) {
            // "of the men", "of talks", "of symptomatic infections".
            let mut j = i + 1;
            while self.tok(j).is_some_and(|x| {
                x.is_word()
                    && (matches!(
                        x.low,
                        "the" | "its" | "their" | "his" | "her" | "those" | "these" | "our"
                    ) || t.fillers.contains(x.low))
            }) {
                j += 1;
            }
            words = self.np_words(j);
        }
        // Money is often "in" something: "$84 million in restitution".
        if words.is_empty() && dimension == Dimension::Money && self.low(i) == "in" {
            words = self.np_words(i + 1);
        }
        if words.is_empty() {
            return None;
        }
        let end = words.last().map_or(i, |w| w + 1);
        Some((k, end, words))
    }

    fn np_words(&self, start: usize) -> Vec<usize> {
        let t = self.t;
        let mut words = Vec::new();
        let mut i = start;
        while words.len() < 3 && self.np_word(i) {
            let w = self.low(i);
            // A participle after the first word is a verb ("people drowned");
            // as the first word it is an adjective if a noun follows
            // ("confirmed cases"); "-ing" words first are nouns ("meetings").
            let participle = w.ends_with("ed") || t.participles.contains(w);
            if participle && (!words.is_empty() || !self.np_word(i + 1) || self.verb_like(i + 1)) {
                break;
            }
            if w.ends_with("ing") && !words.is_empty() {
                break;
            }
            words.push(i);
            i += 1;
            // A plural noun ends the phrase: "people", "homes", "cases".
            if is_plural(w, t) && self.low(i) != "and" {
                break;
            }
        }
        // "and" joins a second noun: "homes and businesses".
        if !words.is_empty()
            && self.low(i) == "and"
            && self.np_word(i + 1)
            && !self.verb_like(i + 1)
            && (!self.np_word(i + 2) || self.verb_like(i + 2))
        {
            words.push(i + 1);
        }
        words
    }

    fn verb_like(&self, i: usize) -> bool {
        let w = self.low(i);
        self.t.predicates.stem_of(w).is_some() || w.ends_with("ing") || w.ends_with("ed")
    }

    /// The nouns before "of" that precede the quantity ("maximum sustained winds of").
    fn noun_before_of(&self, start: usize) -> Option<Vec<usize>> {
        let of = start.checked_sub(1)?;
        if !self.t.measure_links.contains(self.low(of)) {
            return None;
        }
        let mut words = Vec::new();
        let mut i = of;
        while i > 0 && words.len() < 3 {
            let j = i - 1;
            if !self.np_word(j) {
                break;
            }
            words.push(j);
            i = j;
        }
        words.reverse();
        (!words.is_empty()).then_some(words)
    }

    /// The nearest verb from the predicate list before or after the quantity.
    fn predicate(&self, start: usize, end: usize) -> Option<String> {
        let t = self.t;
        let is_pred = |i: usize| -> Option<String> {
            let tok = self.tok(i)?;
            if !tok.is_word() {
                return None;
            }
            t.predicates.stem_of(tok.low)
        };
        let mut before = None;
        let mut i = start;
        let mut dist = 0;
        while i > 0 && dist < 4 {
            i -= 1;
            dist += 1;
            if matches!(self.low(i), "," | ";" | ":" | "(" | ")") {
                break;
            }
            if let Some(s) = is_pred(i) {
                before = Some((dist, s));
                break;
            }
        }
        let mut after = None;
        let mut j = end;
        let mut dist = 0;
        while j < self.toks.len() && dist < 4 {
            dist += 1;
            if matches!(self.low(j), "," | ";" | ":" | "(" | ")" | ".") {
                break;
            }
            if let Some(s) = is_pred(j) {
                after = Some((dist, s));
                break;
            }
            // "60 people are feared to have died": the verb's auxiliaries
            // and a word of belief stand between the count and its verb.
            if matches!(
                self.low(j),
                "are"
                    | "were"
                    | "was"
                    | "is"
                    | "have"
                    | "has"
                    | "had"
                    | "been"
                    | "be"
                    | "to"
                    | "feared"
                    | "believed"
                    | "thought"
                    | "reported"
                    | "said"
            ) {
                dist -= 1;
            }
            j += 1;
        }
        match (before, after) {
            (Some((db, b)), Some((da, a))) => Some(if da < db { a } else { b }),
            (Some((_, b)), None) => Some(b),
            (None, Some((_, a))) => Some(a),
            (None, None) => None,
        }
    }
}

fn fraction(start: usize, end: usize, share: f64) -> Num {
    Num {
        start,
        end,
        value: share * 100.0,
        precision: 0.0,
        ordinal: false,
        plain_digits: false,
        fraction: true,
    }
}

/// A hedge's interval around the stated interval.
fn apply_hedge(iv: Interval, meaning: Meaning, slack: f64) -> Interval {
    let (lo, hi) = (iv.lo, iv.hi);
    match meaning {
        Meaning::Approx => Interval {
            lo: lo - lo.abs() * slack,
            hi: hi + hi.abs() * slack,
            lo_closed: true,
            hi_closed: true,
        },
        Meaning::Below => Interval {
            lo: lo - lo.abs() * slack,
            hi,
            lo_closed: true,
            hi_closed: true,
        },
        Meaning::Above => Interval {
            lo,
            hi: f64::INFINITY,
            lo_closed: false,
            hi_closed: false,
        },
        Meaning::JustOver => Interval {
            lo,
            hi: hi + hi.abs() * slack,
            lo_closed: true,
            hi_closed: true,
        },
        Meaning::AtLeast => Interval {
            lo,
            hi: f64::INFINITY,
            lo_closed: true,
            hi_closed: false,
        },
        Meaning::UpTo => Interval {
            lo: 0.0_f64.min(lo),
            hi,
            lo_closed: true,
            hi_closed: true,
        },
        Meaning::Less => Interval {
            lo: 0.0_f64.min(lo),
            hi,
            lo_closed: true,
            hi_closed: false,
        },
    }
}

/// Parses "1,200", "4.2", "30000"; rejects misplaced separators ("1,2,3").
/// Returns the value and whether it was plain digits.
fn parse_digits(s: &str) -> Option<(f64, bool)> {
    let (int, frac) = match s.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let groups: Vec<&str> = int.split(',').collect();
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return None;
    }
    if !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let digits: String = groups.concat();
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    let whole = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    let v: f64 = whole.parse().ok()?;
    Some((v, groups.len() == 1 && frac.is_none()))
}

/// How precise a figure written in digits is: "30,000" is a round figure,
/// good to a few percent; "27" and "1,523" are exact, and so are small
/// figures with a trailing zero ("40 people", "30 km"): below 100 a writer
/// rounds with a hedge ("about 40"), not silently.
fn rounding_precision(s: &str, value: f64) -> f64 {
    if s.contains('.') {
        return mantissa_precision(s);
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let zeros = digits.len() - digits.trim_end_matches('0').len();
    if zeros == 0 || value < 100.0 {
        return 0.0;
    }
    let half_step = 0.5 * 10f64.powi(zeros as i32);
    (half_step / value).min(0.1)
}

/// Relative half-step of the last written digit: "1.6" -> 0.05 / 1.6.
fn mantissa_precision(s: &str) -> f64 {
    let Some((v, _)) = parse_digits(s) else {
        return 0.0;
    };
    if v == 0.0 {
        return 0.0;
    }
    let step = match s.split_once('.') {
        Some((_, f)) => 10f64.powi(-(f.len() as i32)),
        None => {
            let digits: String = s.chars().filter(char::is_ascii_digit).collect();
            let zeros = digits.len() - digits.trim_end_matches('0').len();
            10f64.powi(zeros as i32)
        }
    };
    (0.5 * step / v).min(0.1)
}

/// A word handed to text2num.
struct Word<'a>(&'a str);

impl text2num::Token for Word<'_> {
    fn text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.0)
    }

    fn text_lowercase(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.0)
    }
}

/// Does this word look like a plural noun ("homes", "people")?
fn is_plural(w: &str, t: &Tables) -> bool {
    t.irregular_plurals.contains(w)
        || (w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is")
            && w.chars().count() > 3)
}
