//! Attributions: who said what, quoted or reported.
//!
//! Direct quotes are found per block (so a quote may run over several
//! sentences) and given the speaker written next to them: after the quote
//! ("...," said Anna Kovacs / "...," a spokesperson said), before it (Jane Doe
//! said, "..."), the speaker of the sentence around it, or the speaker of the
//! quote just before when a quote stands alone. Indirect speech is one claim
//! per sentence: "X said (that) ...", "..., X said", "according to X, ...",
//! "X ..., stating that ...". Speakers are people (resolved through the
//! document's mentions, pronouns to the last person named), organisations,
//! or unnamed sources ("a senior official", "forecasters at the agency").

use serde::{Deserialize, Serialize};

use super::mention::{self, EntityKind, Marks, Mention, Name, Tok};
use crate::segment::Sentence;
use crate::span::Span;

/// Who a statement is attributed to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    /// A named person: "regional governor Aliya Serikova".
    Person,
    /// A named organisation or country: "Norvane Therapeutics", "The US".
    Organisation,
    /// A source that is not named: "a company spokesperson", "officials".
    Unnamed,
}

/// The speaker of an attribution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    pub kind: SpeakerKind,
    /// The speaker as written ("he", "an airline spokesperson").
    pub text: String,
    pub span: Span,
    /// The resolved person or organisation, when named.
    pub name: Option<Name>,
}

/// A statement and its speaker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    pub speaker: Speaker,
    /// What was said, quoted or reported.
    pub content: String,
    pub content_span: Span,
    /// Whether the content is a direct quote.
    pub quoted: bool,
}

/// Longest claim span, in bytes, so evidence stays a claim and not a paragraph.
const MAX_CLAIM: usize = 290;

fn is_open(c: char) -> bool {
    matches!(c, '\u{201c}' | '"')
}

/// Quotes of one block of text: spans including their quote marks.
fn quotes(text: &str, block: Span) -> Vec<Span> {
    let s = block.slice(text);
    let base = block.start as usize;
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    // Only three characters matter: `"`, and the curly quotes, whose UTF-8
    // forms start with 0xE2. memchr finds those bytes; most text has none.
    for i in memchr::memchr2_iter(b'"', 0xE2, s.as_bytes()) {
        let Some(c) = s[i..].chars().next() else {
            continue;
        };
        match c {
            '\u{201c}' => open = Some((i, c)),
            '\u{201d}' => {
                if let Some((o, _)) = open.take() {
                    out.push(Span::new(base + o, base + i + c.len_utf8()));
                }
            }
            '"' => match open {
                Some((o, '"')) => {
                    out.push(Span::new(base + o, base + i + 1));
                    open = None;
                }
                _ => open = Some((i, c)),
            },
            _ => {}
        }
    }
    out
}

/// The inside of a quote, without marks and trailing punctuation.
fn inner(text: &str, quote: Span) -> Span {
    let s = quote.slice(text);
    let mut start = 0;
    let mut end = s.len();
    if let Some(c) = s.chars().next().filter(|c| is_open(*c)) {
        start = c.len_utf8();
    }
    if let Some(c) = s[start..]
        .chars()
        .next_back()
        .filter(|c| matches!(c, '\u{201d}' | '"'))
    {
        end -= c.len_utf8();
    }
    let body = &s[start..end];
    let trimmed =
        body.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':'));
    let lead = body.len() - body.trim_start().len();
    let from = quote.start as usize + start + lead;
    let to = quote.start as usize + start + trimmed.len();
    Span::new(from, to.max(from))
}

/// Document-level state for resolving speakers.
struct Context<'a> {
    text: &'a str,
    mentions: &'a [(Span, u32, Mention)],
    /// Organisation speakers seen so far: (position, name).
    orgs: Vec<(u32, Name)>,
}

impl Context<'_> {
    /// The last person named before `pos`.
    fn last_person(&self, pos: u32) -> Option<&Mention> {
        self.mentions
            .iter()
            .filter(|(_, _, m)| m.entity == EntityKind::Person && m.name_span.end <= pos)
            .max_by_key(|(_, _, m)| m.name_span.start)
            .map(|(_, _, m)| m)
    }

    fn last_org(&self, pos: u32) -> Option<&Name> {
        self.orgs
            .iter()
            .filter(|(p, _)| *p <= pos)
            .max_by_key(|(p, _)| *p)
            .map(|(_, n)| n)
    }

    /// Classifies the noun phrase `np` as a speaker.
    fn speaker(&self, np: &[Tok<'_>]) -> Option<Speaker> {
        let first = np.first()?;
        let last = np.last()?;
        let span = first.span.cover(last.span);
        // The text is copied only for a speaker found.
        let speaker = |kind: SpeakerKind, name: Option<Name>| {
            Some(Speaker {
                kind,
                text: span.slice(self.text).to_string(),
                span,
                name,
            })
        };
        // The phrase's words, walked again rather than collected.
        let words = || np.iter().filter(|t| t.is_word());
        let n_words = words().count();
        if n_words == 0 || n_words > 12 {
            return None;
        }
        // A person named in the phrase.
        if let Some((_, _, m)) = self
            .mentions
            .iter()
            .filter(|(_, _, m)| span.contains(m.name_span))
            .max_by_key(|(_, _, m)| m.name_span.start)
        {
            return speaker(SpeakerKind::Person, Some(m.name.clone()));
        }
        if n_words == 1 {
            match words().next().map_or("", |t| t.lower()) {
                "he" | "she" => {
                    let m = self.last_person(span.start)?;
                    return speaker(SpeakerKind::Person, Some(m.name.clone()));
                }
                "it" => {
                    let n = self.last_org(span.start)?;
                    return speaker(SpeakerKind::Organisation, Some(n.clone()));
                }
                "they" | "we" | "i" | "you" => return None,
                _ => {}
            }
        }
        let unnamed = words().any(|t| t.listed(Marks::UNNAMED) && !t.is_cap())
            || words().next().is_some_and(|t| t.listed(Marks::UNNAMED));
        if unnamed {
            // "the company said": the organisation named before.
            let mut pair = words().map(|t| t.lower());
            let generic = n_words == 2
                && pair.next() == Some("the")
                && matches!(
                    pair.next().unwrap_or(""),
                    "company"
                        | "ministry"
                        | "agency"
                        | "department"
                        | "firm"
                        | "operator"
                        | "government"
                        | "group"
                );
            if generic && let Some(n) = self.last_org(span.start) {
                return speaker(SpeakerKind::Organisation, Some(n.clone()));
            }
            return speaker(SpeakerKind::Unnamed, None);
        }
        let caps = words().filter(|t| t.is_cap() && t.lower() != "the");
        let (mut full, mut folded) = (String::new(), String::new());
        for (k, t) in caps.enumerate() {
            if k > 0 {
                full.push(' ');
                folded.push(' ');
            }
            full.push_str(t.text);
            folded.push_str(t.lower());
        }
        if full.is_empty() {
            return None;
        }
        speaker(
            SpeakerKind::Organisation,
            Some(Name {
                full,
                given: Vec::new(),
                surname: folded,
            }),
        )
    }
}

fn is_aux(t: &Tok<'_>) -> bool {
    matches!(
        t.lower(),
        "has" | "had" | "have" | "also" | "later" | "previously" | "earlier" | "then" | "again"
    )
}

/// The noun phrase that ends right before token `v` (a reporting verb), scanning back.
fn np_before<'t, 'a>(toks: &'t [Tok<'a>], v: usize, ctx: &Context<'_>) -> Option<&'t [Tok<'a>]> {
    let mut k = v;
    while k > 0 && is_aux(&toks[k - 1]) {
        k -= 1;
    }
    if k == 0 {
        return None;
    }
    let end = k;
    // "X, who flew in on Monday, said": skip a relative clause.
    if toks[k - 1].is(",") {
        let pos = toks[k - 1].span.start;
        if let Some((claim, _, _)) = ctx
            .mentions
            .iter()
            .find(|(c, _, _)| c.end <= pos && pos - c.end <= 1)
        {
            let start = toks.iter().position(|t| t.span.start >= claim.start)?;
            return Some(&toks[start..k - 1]);
        }
        let clause = (0..k - 1).rev().take(25).find(|&j| {
            toks[j].is(",")
                && toks
                    .get(j + 1)
                    .is_some_and(|t| matches!(t.lower(), "who" | "which"))
        })?;
        return np_before(toks, clause + 1, ctx);
    }
    let mut start = end;
    let mut words = 0;
    while start > 0 {
        let t = &toks[start - 1];
        let ok = if t.is_word() {
            let keep = matches!(
                t.lower(),
                "of" | "for"
                    | "at"
                    | "the"
                    | "a"
                    | "an"
                    | "his"
                    | "her"
                    | "its"
                    | "their"
                    | "he"
                    | "she"
                    | "it"
                    | "two"
                    | "three"
                    | "several"
                    | "some"
            );
            if t.listed(Marks::VERB)
                || (t.listed(Marks::STOPWORD) && !keep && !mention::is_acronym(t))
            {
                false
            } else {
                words += 1;
                words <= 10
            }
        } else {
            (t.is("'") || t.is("\u{2019}") || t.is("-") || t.is(".") || t.is("&")) && t.joined
        };
        if !ok {
            break;
        }
        start -= 1;
    }
    while start < end && toks[start].is_word() && matches!(toks[start].lower(), "of" | "for" | "at")
    {
        start += 1;
    }
    (start < end).then_some(&toks[start..end])
}

/// The noun phrase from token `from` up to a comma, period or the end.
fn np_after<'t, 'a>(toks: &'t [Tok<'a>], from: usize, ctx: &Context<'_>) -> Option<&'t [Tok<'a>]> {
    // "Dr. Aisha Rahmani": the name after an honorific.
    let mut name_at = from;
    if toks.get(from).is_some_and(|t| t.listed(Marks::HONORIFIC)) {
        name_at += 1;
        if toks.get(name_at).is_some_and(|t| t.is(".")) {
            name_at += 1;
        }
    }
    let first = toks.get(name_at)?;
    // A person mention starting here: take its whole claim (name with apposition).
    if let Some((claim, _, m)) = ctx
        .mentions
        .iter()
        .find(|(c, _, m)| m.name_span.start == first.span.start || c.start == first.span.start)
    {
        let end_pos = claim.end.max(m.name_span.end);
        let end = toks.iter().rposition(|t| t.span.end <= end_pos)?;
        return Some(&toks[from..=end.max(from)]);
    }
    let mut end = from;
    while end < toks.len()
        && !matches!(toks[end].text, "," | "." | ";" | ":" | "?" | "!")
        && end - from < 10
    {
        if is_open(toks[end].text.chars().next().unwrap_or(' ')) {
            break;
        }
        end += 1;
    }
    (end > from).then_some(&toks[from..end])
}

/// Caps a claim covering a speaker and its content at [`MAX_CLAIM`] bytes,
/// keeping the part of the content next to the speaker.
fn claim_span(text: &str, speaker: Span, content: Span) -> Span {
    let cover = speaker.cover(content);
    if cover.len() <= MAX_CLAIM {
        return cover;
    }
    let (mut start, mut end) = (cover.start as usize, cover.end as usize);
    if speaker.start >= content.end {
        start = end.saturating_sub(MAX_CLAIM);
        while start < end && !text.is_char_boundary(start) {
            start += 1;
        }
    } else if speaker.end <= content.start {
        end = start + MAX_CLAIM;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
    } else {
        return speaker;
    }
    Span::new(start, end)
}

/// The sentence holding byte `pos` (an empty sentence holds its start).
fn sentence_of(sentences: &[Sentence], pos: u32) -> Option<usize> {
    // Sentences come in text order and do not overlap, so the one that may
    // hold `pos` is the first to end after it.
    let end = |s: &Sentence| s.span.end.max(s.span.start + 1);
    let i = sentences.partition_point(|s| end(s) <= pos);
    sentences.get(i).filter(|s| s.span.start <= pos).map(|_| i)
}

/// Every attribution of a document: (claim span, sentence index, attribution).
pub fn extract(
    text: &str,
    sentences: &[Sentence],
    mentions: &[(Span, u32, Mention)],
) -> Vec<(Span, u32, Attribution)> {
    let sentence_toks = crate::extract::mention::sentence_toks(text, sentences);
    extract_with(text, sentences, &sentence_toks, mentions)
}

/// [`extract`], with the tokens of every sentence computed once per document
/// ([`crate::extract::mention::sentence_toks`]).
pub fn extract_with(
    text: &str,
    sentences: &[Sentence],
    sentence_toks: &[Vec<Tok<'_>>],
    mentions: &[(Span, u32, Mention)],
) -> Vec<(Span, u32, Attribution)> {
    let mut ctx = Context {
        text,
        mentions,
        orgs: Vec::new(),
    };
    // Blocks from their sentences.
    let mut blocks: Vec<Span> = Vec::new();
    let mut last_block = None;
    for s in sentences {
        if last_block == Some(s.block) {
            if let Some(b) = blocks.last_mut() {
                *b = b.cover(s.span);
            }
        } else {
            blocks.push(s.span);
            last_block = Some(s.block);
        }
    }
    let all_quotes: Vec<Span> = blocks.iter().flat_map(|b| quotes(text, *b)).collect();
    // Quotes come in text order and do not overlap, so the one that may
    // hold a position is the first to end after it.
    let in_quote = |pos: u32| {
        let i = all_quotes.partition_point(|q| q.end <= pos);
        all_quotes.get(i).is_some_and(|q| q.start <= pos)
    };

    // Indirect speech, one per sentence; organisation speakers are remembered for "it" and "the company".
    let mut indirect: Vec<(Span, u32, Attribution)> = Vec::new();
    for (si, toks) in sentence_toks.iter().enumerate() {
        if let Some((speaker, content)) = indirect_in(toks, &ctx, &in_quote) {
            if speaker.kind == SpeakerKind::Organisation
                && let Some(n) = &speaker.name
            {
                ctx.orgs.push((speaker.span.start, n.clone()));
            }
            if content.is_empty() {
                continue;
            }
            let claim = claim_span(text, speaker.span, content);
            indirect.push((
                claim,
                si as u32,
                Attribution {
                    speaker,
                    content: content.slice(text).to_string(),
                    content_span: content,
                    quoted: false,
                },
            ));
        }
    }

    let mut out: Vec<(Span, u32, Attribution)> = Vec::new();
    let mut previous: Option<(Span, Speaker)> = None;
    for q in &all_quotes {
        let body = inner(text, *q);
        // Only whether the quote has two words matters, not how many.
        let one_word = body.slice(text).split_whitespace().nth(1).is_none();
        let Some(si) = sentence_of(sentences, q.end.saturating_sub(1)) else {
            continue;
        };
        let open_si = sentence_of(sentences, q.start).unwrap_or(si);
        // The tokens of the sentences around the quote after and before
        // it: quote marks are tokens of their own, so these are the
        // sentences' tokens from or up to a mark.
        let after =
            &sentence_toks[si][sentence_toks[si].partition_point(|t| t.span.start < q.end)..];
        let before = &sentence_toks[open_si]
            [..sentence_toks[open_si].partition_point(|t| t.span.start < q.start)];
        let mut speaker = None;
        // After the quote: ', said X' or ', X said'.
        let mut a = 0;
        while a < after.len() && matches!(after[a].text, "," | "\u{2014}" | "-") {
            a += 1;
        }
        if a < after.len() {
            if after[a].listed(Marks::VERB) {
                speaker = np_after(after, a + 1, &ctx).and_then(|np| ctx.speaker(np));
            } else if let Some(v) =
                (a..after.len().min(a + 14)).find(|&j| after[j].listed(Marks::VERB))
            {
                let np = &after[a..v];
                let np_end = np.iter().rposition(|t| !is_aux(t)).map_or(0, |p| p + 1);
                // The token right after the quote is joined to its closing
                // mark, not to the phrase.
                let joined = |k: usize| np[k].joined && a + k > 0;
                if (0..np_end).all(|k| np[k].is_word() || joined(k) || np[k].is(",")) {
                    speaker = ctx.speaker(&np[..np_end]);
                }
            }
        }
        // Before the quote: 'X said, "..."' or 'what X called "..."'.
        if speaker.is_none() && !before.is_empty() {
            let mut v = before.len();
            while v > 0 && matches!(before[v - 1].text, "," | ":") {
                v -= 1;
            }
            if v > 0
                && (before[v - 1].listed(Marks::VERB)
                    || matches!(before[v - 1].lower(), "called" | "as"))
            {
                speaker = np_before(before, v - 1, &ctx).and_then(|np| ctx.speaker(np));
            }
        }
        // Inside an indirect statement: its speaker.
        if speaker.is_none() {
            speaker = indirect
                .iter()
                .find(|(_, isi, att)| *isi as usize == si && att.content_span.contains(*q))
                .map(|(_, _, att)| att.speaker.clone());
        }
        // A quote standing alone after a quote: the same speaker.
        let starts_sentence = before.is_empty();
        if speaker.is_none()
            && starts_sentence
            && let Some((prev_q, prev_speaker)) = &previous
        {
            let gap = text
                .get(prev_q.end as usize..q.start as usize)
                .unwrap_or("");
            if gap.len() < 400 && !gap.contains('\u{201c}') {
                speaker = Some(prev_speaker.clone());
            }
        }
        let Some(speaker) = speaker else {
            continue;
        };
        previous = Some((*q, speaker.clone()));
        if one_word {
            continue;
        }
        let near =
            speaker.span.start.abs_diff(q.end) < 200 || speaker.span.end.abs_diff(q.start) < 200;
        let claim = if near {
            claim_span(text, speaker.span, *q)
        } else {
            claim_span(text, body, body)
        };
        out.push((
            claim,
            si as u32,
            Attribution {
                speaker,
                content: body.slice(text).to_string(),
                content_span: body,
                quoted: true,
            },
        ));
    }
    out.extend(indirect);
    out.sort_by_key(|(span, si, _)| (*si, span.start, span.end));
    out
}

/// The indirect attribution of one sentence: its speaker and content span.
fn indirect_in(
    toks: &[Tok<'_>],
    ctx: &Context<'_>,
    in_quote: &dyn Fn(u32) -> bool,
) -> Option<(Speaker, Span)> {
    let n = toks.len();
    let span_of = |a: usize, b: usize| -> Span {
        if a >= b || b > n {
            Span::new(toks[0].span.start as usize, toks[0].span.start as usize)
        } else {
            toks[a].span.cover(toks[b - 1].span)
        }
    };
    let content_end = {
        let mut e = n;
        while e > 0 && matches!(toks[e - 1].text, "." | "!" | "?" | "\"" | "\u{201d}") {
            e -= 1;
        }
        e
    };
    // "according to X".
    if let Some(i) = (0..n.saturating_sub(1))
        .find(|&i| toks[i].lower() == "according" && toks[i + 1].lower() == "to")
        && !in_quote(toks[i].span.start)
    {
        let np = np_after(toks, i + 2, ctx)?;
        let speaker = ctx.speaker(np)?;
        let np_end = i + 2 + np.len();
        let content = if i == 0 {
            let from = (np_end..n).find(|&j| !toks[j].is(",")).unwrap_or(n);
            span_of(from, content_end)
        } else {
            let mut e = i;
            while e > 0 && toks[e - 1].is(",") {
                e -= 1;
            }
            span_of(0, e)
        };
        return Some((speaker, content));
    }
    for v in 0..n {
        let t = &toks[v];
        if !t.is_word() || !t.listed(Marks::VERB) || in_quote(t.span.start) {
            continue;
        }
        // "company-reported data" is not a report.
        if t.joined && v > 0 && toks[v - 1].is("-") {
            continue;
        }
        // "X ..., stating that ...": the sentence's subject.
        if v > 0 && toks[v - 1].is(",") && t.lower().ends_with("ing") {
            let subject = ctx
                .mentions
                .iter()
                .filter(|(_, _, m)| {
                    m.name_span.start >= toks[0].span.start && m.name_span.end <= toks[v].span.start
                })
                .min_by_key(|(_, _, m)| m.name_span.start)?;
            let (claim, _, m) = subject;
            let speaker = Speaker {
                kind: SpeakerKind::Person,
                text: claim.slice(ctx.text).to_string(),
                span: *claim,
                name: Some(m.name.clone()),
            };
            let from = if toks.get(v + 1).is_some_and(|t| t.lower() == "that") {
                v + 2
            } else {
                v + 1
            };
            return Some((speaker, span_of(from, content_end)));
        }
        let before = np_before(toks, v, ctx).and_then(|np| Some((np, ctx.speaker(np)?)));
        let Some((np, speaker)) = before else {
            // ", said X." at the end: content before the comma.
            if v > 0
                && toks[v - 1].is(",")
                && let Some(speaker) = np_after(toks, v + 1, ctx).and_then(|np| ctx.speaker(np))
            {
                return Some((speaker, span_of(0, v - 1)));
            }
            continue;
        };
        let np_start = toks
            .iter()
            .position(|x| x.span.start == np[0].span.start)
            .unwrap_or(0);
        // What follows the verb: skip "that", an object like "reporters", and a comma.
        let mut from = v + 1;
        if toks
            .get(from)
            .is_some_and(|x| matches!(x.lower(), "reporters" | "journalists" | "the"))
            && t.lower().starts_with("tol")
        {
            from += 1;
            while from < n && !toks[from].is_word() {
                from += 1;
            }
        }
        while from < n && matches!(toks[from].text, "," | ":") {
            from += 1;
        }
        if toks
            .get(from)
            .is_some_and(|x| is_open(x.text.chars().next().unwrap_or(' ')))
        {
            // A quote follows: the quote pass attributes it.
            return Some((speaker, Span::default()));
        }
        let rest_words = toks[from.min(n)..content_end.max(from.min(n))]
            .iter()
            .filter(|x| x.is_word())
            .count();
        // "..., an independent committee found, raising hopes": a parenthetical source.
        let parenthetical = toks.get(v + 1).is_some_and(|x| x.is(","));
        let trailing =
            np_start > 0 && toks[np_start - 1].is(",") && (rest_words <= 8 || parenthetical);
        let content = if trailing {
            // Skip a dateline ("BOSTON, Oct 14 \u{2014}") before the statement.
            let dash = toks[..np_start - 1]
                .iter()
                .take(10)
                .position(|x| x.is("\u{2014}"))
                .map_or(0, |p| p + 1);
            span_of(dash, np_start - 1)
        } else {
            if toks.get(from).is_some_and(|x| x.lower() == "that") {
                from += 1;
            }
            span_of(from, content_end)
        };
        return Some((speaker, content));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::split_block;

    fn attributions(text: &str) -> Vec<Attribution> {
        let mut sentences = Vec::new();
        let mut at = 0;
        for (b, para) in text.split('\n').enumerate() {
            let block = Span::new(at, at + para.len());
            for span in split_block(text, block) {
                sentences.push(Sentence {
                    span,
                    block: b as u32,
                    heading: false,
                });
            }
            at += para.len() + 1;
        }
        let mentions = mention::with_text(text, mention::extract(text, &sentences));
        extract(text, &sentences, &mentions)
            .into_iter()
            .map(|(_, _, a)| a)
            .collect()
    }

    #[track_caller]
    fn assert_said(text: &str, content: &str, kind: SpeakerKind, speaker: Option<&str>) {
        let all = attributions(text);
        let Some(a) = all.iter().find(|a| a.content.contains(content)) else {
            panic!("no attribution of {content:?} in {text:?}: {all:#?}");
        };
        assert_eq!(a.speaker.kind, kind, "speaker kind of {content:?}: {a:#?}");
        assert_eq!(
            a.speaker.name.as_ref().map(|n| n.full.as_str()),
            speaker,
            "speaker of {content:?}"
        );
    }

    #[test]
    fn quotes_with_speakers_after_and_before() {
        assert_said(
            "\"They never lost hope, and neither did we,\" regional governor Nurlan Seitkali told reporters.",
            "never lost hope",
            SpeakerKind::Person,
            Some("Nurlan Seitkali"),
        );
        assert_said(
            "\u{201c}They never lost hope,\u{201d} said Daniyar Seitov, chief executive of Tarvo Karsk.",
            "never lost hope",
            SpeakerKind::Person,
            Some("Daniyar Seitov"),
        );
        assert_said(
            "On Wednesday, Secretary of State Mara Ruiz said, \"The ball is truly in their court,\" firmly.",
            "ball is truly",
            SpeakerKind::Person,
            Some("Mara Ruiz"),
        );
        assert_said(
            "\"We would rather shut it,\" a Brightwater spokesperson said.",
            "rather shut",
            SpeakerKind::Unnamed,
            None,
        );
    }

    #[test]
    fn split_and_multi_sentence_quotes() {
        assert_said(
            "\u{201c}The route is deadly. Every death was preventable,\u{201d} said Anna Kovacs, a spokesperson.",
            "The route is deadly. Every death",
            SpeakerKind::Person,
            Some("Anna Kovacs"),
        );
        assert_said(
            "\"We'd rather wait,\" launch director Karen Odum said. \"The vehicle is healthy and ready.\"",
            "vehicle is healthy",
            SpeakerKind::Person,
            Some("Karen Odum"),
        );
    }

    #[test]
    fn pronoun_speakers_two_sentences_away() {
        assert_said(
            "Union leader Warren Kell spoke at the gate. The crowd cheered loudly.\n\"We go back to work now,\" he said.",
            "go back to work",
            SpeakerKind::Person,
            Some("Warren Kell"),
        );
    }

    #[test]
    fn indirect_speech() {
        assert_said(
            "Pellam Holdings said on Monday that its cheese was 98% safe.",
            "cheese was 98% safe",
            SpeakerKind::Organisation,
            Some("Pellam Holdings"),
        );
        assert_said(
            "The vaccine prevented 95% of infections, an independent data monitoring committee found, raising hopes.",
            "prevented 95%",
            SpeakerKind::Unnamed,
            None,
        );
        assert_said(
            "The disruption was caused by a cyberattack, according to two people familiar with the probe.",
            "caused by a cyberattack",
            SpeakerKind::Unnamed,
            None,
        );
        assert_said(
            "Kremlin aide Yuri Marin dismissed the proposal, stating that it would merely provide a respite.",
            "merely provide a respite",
            SpeakerKind::Person,
            Some("Yuri Marin"),
        );
        assert_said(
            "The US says the ball is now in their court.",
            "ball is now",
            SpeakerKind::Organisation,
            Some("US"),
        );
        assert_said(
            "His lawyer, Rachel Feld, said after the hearing that her client was \"deeply disappointed\".",
            "client was",
            SpeakerKind::Person,
            Some("Rachel Feld"),
        );
    }
}
