//! Page furniture: which lines of a page are the article and which are not.
//!
//! The decision uses general signals, never the wording of one page:
//!
//! - the shape of a line: menus of short items between `|` or `·`, market
//!   tickers, list markers, lone bullets, dateline-only and byline lines;
//! - its length and whether it is a sentence (final punctuation, stop words);
//! - known widget phrases, kept as data in `src/lexicon/furniture.toml`
//!   ("Sign up for our newsletter", "N Comments", "© 2025 ...");
//! - position: link lists under a "Most Read" style heading, a masthead
//!   above the menu, everything after an end mark ("Dear readers,") that is
//!   not a plain third-person paragraph, and short lines after the last
//!   paragraph of the article (related headlines, a lone byline).
//!
//! Paragraphs with sentences, quotes and in-article subheadings stay.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::lexicon::shapes::{self, Shapes};
use crate::segment::ASCII_ALNUM;
use std::sync::OnceLock;

use serde::Deserialize;

use super::{BlockRole, Line};
use crate::span::Span;

/// The tables of `furniture.toml`, as written.
#[derive(Deserialize)]
struct Table {
    line: Vec<String>,
    start: Vec<String>,
    short: Vec<String>,
    short_words: usize,
    strong: Vec<String>,
    strong_words: usize,
    end: Vec<String>,
    list_heading: Vec<String>,
    list_heading_words: usize,
    date_words: Vec<String>,
    byline_roles: Vec<String>,
    appeal_words: Vec<String>,
    pronouns: Vec<String>,
}

/// One word of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Lit(String),
    /// Any run of words, possibly empty.
    Star,
    /// One number.
    Num,
}

type Pattern = Vec<Tok>;

/// A set of words, asked about nearly every word of every page.
struct WordSet {
    shapes: Shapes,
    words: HashSet<String>,
}

impl WordSet {
    fn new(words: impl IntoIterator<Item = String>) -> WordSet {
        let words: HashSet<String> = words.into_iter().collect();
        WordSet {
            shapes: Shapes::of(words.iter().map(String::as_str)),
            words,
        }
    }

    fn contains(&self, w: &str) -> bool {
        self.shapes.may_have(w) && self.words.contains(w)
    }

    /// Whether one of `t` is in the set.
    fn any_of(&self, t: Words) -> bool {
        t.at.iter()
            .any(|w| w.may_be_in(&self.shapes) && self.words.contains(w.span.slice(t.lower)))
    }
}

/// The patterns of one table, indexed by their first word.
///
/// Every line of every page is tried against every table, most tables at
/// every word of the line; a pattern that starts with a word can only match
/// where that word stands, so only those are tried there.
struct Patterns {
    /// Patterns that start with a word, by that word.
    by_first: HashMap<String, Vec<Pattern>>,
    /// The shapes of the keys of `by_first`.
    firsts: Shapes,
    /// Patterns that start with `#`: tried where a number stands.
    numbered: Vec<Pattern>,
    /// Patterns that start with `*` (or are empty): tried everywhere.
    open: Vec<Pattern>,
    /// The most words a line matched whole can have (unbounded with a `*`).
    most_words: usize,
}

impl Patterns {
    fn new(patterns: Vec<Pattern>) -> Patterns {
        let mut by_first: HashMap<String, Vec<Pattern>> = HashMap::default();
        let mut numbered = Vec::new();
        let mut open = Vec::new();
        let mut most_words = 0;
        for p in patterns {
            most_words = most_words.max(if p.contains(&Tok::Star) {
                usize::MAX
            } else {
                p.len()
            });
            match p.first() {
                Some(Tok::Lit(word)) => by_first.entry(word.clone()).or_default().push(p),
                Some(Tok::Num) => numbered.push(p),
                _ => open.push(p),
            }
        }
        Patterns {
            firsts: Shapes::of(by_first.keys().map(String::as_str)),
            by_first,
            numbered,
            open,
            most_words,
        }
    }

    /// The patterns that may match `t` at its start.
    fn candidates(&self, t: Words) -> impl Iterator<Item = &Pattern> {
        let (numbered, keyed): (&[Pattern], &[Pattern]) = match t.at.first() {
            Some(w) => {
                let first = w.span.slice(t.lower);
                let numbered = if is_num(first) {
                    &self.numbered[..]
                } else {
                    &[]
                };
                let keyed = match w.may_be_in(&self.firsts) {
                    true => self.by_first.get(first).map_or(&[][..], Vec::as_slice),
                    false => &[],
                };
                (numbered, keyed)
            }
            None => (&[], &[]),
        };
        self.open.iter().chain(numbered).chain(keyed)
    }

    #[cfg(test)]
    fn all(&self) -> impl Iterator<Item = &Pattern> {
        self.open
            .iter()
            .chain(&self.numbered)
            .chain(self.by_first.values().flatten())
    }
}

struct Lexicon {
    line: Patterns,
    start: Patterns,
    short: Patterns,
    short_words: usize,
    strong: Patterns,
    strong_words: usize,
    end: Patterns,
    list_heading: Patterns,
    list_heading_words: usize,
    date_words: WordSet,
    byline_roles: WordSet,
    appeal_words: WordSet,
    pronouns: WordSet,
    stopwords: WordSet,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let table: Table = toml::from_str(include_str!("../lexicon/furniture.toml"))
            .expect("src/lexicon/furniture.toml is valid (a test checks it)");
        let patterns = |list: &[String]| Patterns::new(list.iter().map(|p| pattern(p)).collect());
        let stopwords = crate::lexicon::words(include_str!("../lexicon/stopwords.txt"));
        Lexicon {
            line: patterns(&table.line),
            start: patterns(&table.start),
            short: patterns(&table.short),
            short_words: table.short_words,
            strong: patterns(&table.strong),
            strong_words: table.strong_words,
            end: patterns(&table.end),
            list_heading: patterns(&table.list_heading),
            list_heading_words: table.list_heading_words,
            date_words: WordSet::new(table.date_words),
            byline_roles: WordSet::new(table.byline_roles),
            appeal_words: WordSet::new(table.appeal_words),
            pronouns: WordSet::new(table.pronouns),
            stopwords: WordSet::new(stopwords.map(str::to_string)),
        }
    })
}

fn pattern(p: &str) -> Pattern {
    let mut out = Vec::new();
    for w in p.split_whitespace() {
        match w {
            "*" => out.push(Tok::Star),
            "#" => out.push(Tok::Num),
            _ => out.extend(words(w).into_iter().map(Tok::Lit)),
        }
    }
    out
}

/// The normalized words of a line: lower case, punctuation dropped, a colon
/// kept as its own word, digits kept together with their inner `,` and `.`,
/// hyphenated words kept whole ("10-month" is not "10 month").
fn words(s: &str) -> Vec<String> {
    let mut scratch = Scratch::default();
    scratch.scan(s).0.iter().map(str::to_string).collect()
}

/// What one pass over a line finds besides its normalized words.
#[derive(Clone, Copy, Debug, Default)]
struct Shape {
    /// White-space separated words, as `split_whitespace` counts them.
    words: usize,
    /// Has a character that separates the items of a menu (see [`is_menu`]).
    separator: bool,
}

/// Where a word of a line is, and its lower-cased shape, taken once and
/// asked of every word set and pattern table (see [`Shapes`]).
#[derive(Clone, Copy, Debug)]
struct WordAt {
    span: Span,
    shape: Option<shapes::Shape>,
}

impl WordAt {
    /// Whether the word may be one of the words whose shapes are `shapes`.
    fn may_be_in(&self, shapes: &Shapes) -> bool {
        self.shape.is_some_and(|shape| shapes.may_have_shape(shape))
    }
}

/// The room in which a line's words are read, kept from line to line so
/// that a page costs a few allocations, not some per line and word.
#[derive(Default)]
struct Scratch {
    /// The line lower-cased in ASCII, then its words with other characters,
    /// each lower-cased a character at a time (`str::to_lowercase` would
    /// treat a final sigma differently).
    lower: String,
    /// Where the words are in `lower`.
    at: Vec<WordAt>,
}

impl Scratch {
    /// The normalized words of `s` (see [`words`]) and its [`Shape`]:
    /// every line of every page is read this once, not once for each feature.
    fn scan(&mut self, s: &str) -> (Words<'_>, Shape) {
        self.lower.clear();
        self.lower.push_str(s);
        self.lower.make_ascii_lowercase();
        self.at.clear();
        let shape = scan(s, &mut self.lower, &mut self.at);
        let words = Words {
            lower: &self.lower,
            at: &self.at,
        };
        (words, shape)
    }
}

/// The normalized words of a line (or of its end).
#[derive(Clone, Copy)]
struct Words<'a> {
    lower: &'a str,
    at: &'a [WordAt],
}

impl<'a> Words<'a> {
    fn len(self) -> usize {
        self.at.len()
    }

    fn is_empty(self) -> bool {
        self.at.is_empty()
    }

    fn first(self) -> Option<&'a str> {
        self.at.first().map(|w| w.span.slice(self.lower))
    }

    /// The words after the first `k`.
    fn skip(self, k: usize) -> Words<'a> {
        Words {
            at: &self.at[k..],
            ..self
        }
    }

    fn iter(self) -> impl Iterator<Item = &'a str> {
        self.at.iter().map(move |w| w.span.slice(self.lower))
    }

    /// Without a final colon, for whole-line patterns.
    fn label(self) -> Words<'a> {
        match self.at.split_last() {
            Some((last, rest)) if last.span.slice(self.lower) == ":" => Words { at: rest, ..self },
            _ => self,
        }
    }
}

/// Finds the words of [`words`] in `s`, pushing where they are in `lower`
/// (`s` lower-cased in ASCII) to `found`; a word with characters beyond
/// ASCII is lower-cased onto the end of `lower`.
fn scan(s: &str, lower: &mut String, found: &mut Vec<WordAt>) -> Shape {
    let bytes = s.as_bytes();
    let mut words = 0;
    let mut separator = false;
    let mut space_before = true;
    // Where the word being read starts in `s`, and whether it is ASCII.
    let mut word: Option<usize> = None;
    let mut ascii = true;
    let mut i = 0;
    while i < bytes.len() {
        // Runs of ASCII letters and digits, most of a line, need no context
        // and no decoding.
        if ASCII_ALNUM[usize::from(bytes[i])] {
            words += usize::from(space_before);
            space_before = false;
            match word {
                Some(_) => i = alnum_end(bytes, i),
                None => {
                    let (start, end, plain) = plain_words(bytes, i, found);
                    words += plain;
                    word = Some(start);
                    i = end;
                }
            }
            continue;
        }
        // Nor does a plain space, which ends any word.
        if bytes[i] == b' ' {
            space_before = true;
            if let Some(start) = word.take() {
                push_word(s, start, i, ascii, lower, found);
                ascii = true;
            }
            i += 1;
            continue;
        }
        let here = i;
        let c = match bytes[i] {
            b if b.is_ascii() => char::from(b),
            _ => s[i..].chars().next().unwrap_or_default(),
        };
        i += c.len_utf8();
        // ASCII punctuation, the most of the rest, is read from its
        // neighbouring bytes: a byte of another character is never an
        // ASCII digit.
        if c.is_ascii_punctuation() {
            let digit_before = here > 0 && bytes[here - 1].is_ascii_digit();
            let digit_after = bytes.get(i).is_some_and(u8::is_ascii_digit);
            let keep = match c {
                '$' | '%' => true,
                ',' | '.' => digit_before && digit_after,
                '-' => hyphen_joins(s, here, i),
                _ => false,
            };
            words += usize::from(space_before);
            space_before = false;
            if keep {
                word.get_or_insert(here);
                continue;
            }
            separator |= c == '|';
            if let Some(start) = word.take() {
                push_word(s, start, here, ascii, lower, found);
                ascii = true;
            }
            if c == ':' && !(digit_before && digit_after) {
                push_word(s, here, i, true, lower, found);
            }
            continue;
        }
        // The rest are ASCII controls and characters beyond ASCII.
        let space = c.is_whitespace();
        words += usize::from(space_before && !space);
        space_before = space;
        if !space {
            separator |= matches!(c, '·' | '•' | '¦');
            // General punctuation (dashes, curly quotes, bullets, an
            // ellipsis), the commonest of them, is neither letter nor digit.
            let keep = !('\u{2010}'..='\u{2027}').contains(&c) && c.is_alphanumeric()
                || matches!(c, '£' | '€' | '¥' | '©' | '×');
            if keep {
                word.get_or_insert(here);
                ascii &= c.is_ascii();
                continue;
            }
        }
        if let Some(start) = word.take() {
            push_word(s, start, here, ascii, lower, found);
            ascii = true;
        }
    }
    if let Some(start) = word {
        push_word(s, start, bytes.len(), ascii, lower, found);
    }
    Shape { words, separator }
}

/// Whether the hyphen at `s[here..next]` joins two letters or digits into
/// one word ("10-month", "ad-free").
fn hyphen_joins(s: &str, here: usize, next: usize) -> bool {
    s[..here]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
        && s[next..].chars().next().is_some_and(char::is_alphanumeric)
}

/// Pushes the words of ASCII letters and digits from `at` (where one
/// starts) that are each followed by one space and another such word,
/// maybe after a mark that ends a word wherever it stands: the commonest
/// text, which needs no more context. Returns the word after them, which
/// is not pushed, and how many were.
#[inline(never)]
fn plain_words(bytes: &[u8], mut at: usize, found: &mut Vec<WordAt>) -> (usize, usize, usize) {
    let mut pushed = 0;
    loop {
        let end = alnum_end(bytes, at);
        let mut space = end;
        if bytes.get(space) != Some(&b' ') {
            // A comma or a full stop joins digits only.
            let mark = match bytes.get(end) {
                Some(b',' | b'.') => !bytes[end - 1].is_ascii_digit(),
                Some(b'"' | b'\'' | b')' | b';' | b'!' | b'?') => true,
                _ => false,
            };
            space += 1;
            if !mark || bytes.get(space) != Some(&b' ') {
                return (at, end, pushed);
            }
        }
        let next = space + 1;
        if !bytes
            .get(next)
            .is_some_and(|&b| ASCII_ALNUM[usize::from(b)])
        {
            return (at, end, pushed);
        }
        found.push(WordAt {
            span: Span::new(at, end),
            shape: shapes::Shape::of_lowercase(&bytes[at..end]),
        });
        pushed += 1;
        at = next;
    }
}

/// Where the run of ASCII letters and digits at `from` in `bytes` ends.
fn alnum_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| !ASCII_ALNUM[usize::from(b)])
        .map_or(bytes.len(), |n| from + n)
}

/// Records the word `s[start..end]`: where it is in `lower` if it is ASCII,
/// else where its lower-cased copy is, at the end of `lower`.
#[inline(always)]
fn push_word(
    s: &str,
    start: usize,
    end: usize,
    ascii: bool,
    lower: &mut String,
    found: &mut Vec<WordAt>,
) {
    found.push(if ascii {
        WordAt {
            span: Span::new(start, end),
            shape: shapes::Shape::of_lowercase(&s.as_bytes()[start..end]),
        }
    } else {
        fold(&s[start..end], lower)
    });
}

#[cold]
fn fold(word: &str, lower: &mut String) -> WordAt {
    let from = lower.len();
    lower.extend(word.chars().flat_map(char::to_lowercase));
    WordAt {
        span: Span::new(from, lower.len()),
        shape: shapes::Shape::of(&lower.as_bytes()[from..]),
    }
}

fn is_num(w: &str) -> bool {
    // Most words start with a letter: no currency sign, no digit.
    if w.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let w = w.trim_start_matches(['$', '£', '€', '¥']);
    let w = w.strip_suffix('%').unwrap_or(w);
    w.starts_with(|c: char| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

fn matches_at(p: &[Tok], t: Words, whole: bool) -> bool {
    match p.first() {
        None => !whole || t.is_empty(),
        Some(Tok::Star) => (0..=t.len()).any(|k| matches_at(&p[1..], t.skip(k), whole)),
        Some(Tok::Num) => t.first().is_some_and(is_num) && matches_at(&p[1..], t.skip(1), whole),
        Some(Tok::Lit(l)) => {
            t.first().is_some_and(|w| w == l) && matches_at(&p[1..], t.skip(1), whole)
        }
    }
}

fn any_whole(ps: &Patterns, t: Words) -> bool {
    t.len() <= ps.most_words && ps.candidates(t).any(|p| matches_at(p, t, true))
}

fn any_start(ps: &Patterns, t: Words) -> bool {
    ps.candidates(t).any(|p| matches_at(p, t, false))
}

fn any_inside(ps: &Patterns, t: Words) -> bool {
    // Where no pattern is open or starts with a number, a word's shape
    // tells at once that most words start none.
    let everywhere = !ps.open.is_empty() || !ps.numbered.is_empty();
    t.at.iter()
        .enumerate()
        .any(|(i, w)| (everywhere || w.may_be_in(&ps.firsts)) && any_start(ps, t.skip(i)))
}

/// What the classifier knows about one line.
struct Feat<'a> {
    /// The line without its list marker.
    text: &'a str,
    /// White-space separated words of `text`.
    words: usize,
    /// Ends a sentence: `.`, `!`, `?` or `…`, possibly inside closing quotes.
    terminal: bool,
    /// Ends with a colon ("Related Posts:", "he said:").
    colon: bool,
    /// Starts with a list marker (or Markdown said it was a list item).
    list: bool,
    /// Is nothing but a bullet or a dash.
    lone_marker: bool,
    /// Short items between `|` or `·`: a menu, a link row, a ticker.
    menu: bool,
    /// All letters are capitals.
    caps: bool,
    /// One of the words is a stop word ("the", "of").
    stop_word: bool,
    /// Furniture by itself, wherever it stands (see [`furniture_line`]).
    furniture: bool,
    /// Can head a link list (see [`list_heading`]).
    list_heading: bool,
    /// Marks the end of the article if it has begun ("Dear readers,").
    end_mark: bool,
}

const BULLETS: &str = "-–—•*·▪►‣◦▸";

impl<'a> Feat<'a> {
    /// The features of `line`, whose words are read in `scratch`: all that
    /// the words of a line decide is decided here, in one reading.
    fn new(line: &'a str, hint: &Line, scratch: &mut Scratch, lex: &Lexicon) -> Feat<'a> {
        // At most three characters (without counting a whole paragraph's).
        let lone_marker =
            line.chars().nth(3).is_none() && line.chars().all(|c| BULLETS.contains(c));
        let (list, text) = Feat::body(line, hint);
        let (toks, shape) = scratch.scan(text);
        let end = text.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '*', '_']);
        let mut f = Feat {
            text,
            words: shape.words,
            terminal: end.ends_with(['.', '!', '?', '…']),
            colon: text.ends_with(':'),
            list,
            lone_marker,
            // Most lines have no separator at all: spare them `is_menu`'s copies.
            menu: shape.separator && is_menu(text),
            caps: all_caps(text),
            stop_word: lex.stopwords.any_of(toks),
            furniture: false,
            list_heading: false,
            end_mark: false,
        };
        f.furniture = furniture_line(&f, toks, lex);
        f.list_heading = list_heading(&f, toks, lex);
        f.end_mark = f.words <= 8 && any_whole(&lex.end, toks.label());
        f
    }

    /// Whether `line` is a list item, and its text without a list marker.
    fn body<'l>(line: &'l str, hint: &Line) -> (bool, &'l str) {
        match list_marker(line) {
            Some(len) => (true, line[len..].trim_start()),
            None => (hint.list, line),
        }
    }

    /// A sentence of running text: long enough, punctuated, with stop words.
    fn paragraph(&self) -> bool {
        !self.lone_marker
            && !self.menu
            && self.words >= 5
            && self.stop_word
            && (self.terminal || (self.colon && self.words >= 8))
    }

    /// A line that can be an entry of a link list: a headline, a row, a bullet.
    fn item(&self) -> bool {
        self.lone_marker
            || self.menu
            || (self.words <= 20 && !self.colon && (!self.terminal || self.text.ends_with('?')))
    }
}

/// Length of a plain-text list marker and the space after it ("1. ", "• ").
fn list_marker(s: &str) -> Option<usize> {
    let first = s.chars().next()?;
    // Most lines start with a letter, which is neither a bullet nor a digit.
    if first.is_ascii_alphabetic() {
        return None;
    }
    let after = if BULLETS.contains(first) {
        first.len_utf8()
    } else {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=2).contains(&digits) || !matches!(s.as_bytes().get(digits), Some(b'.' | b')')) {
            return None;
        }
        digits + 1
    };
    let rest = &s[after..];
    let space = rest.len() - rest.trim_start().len();
    (space > 0 && !rest.trim().is_empty()).then_some(after + space)
}

/// At least three letters, and all of them capitals ("MOST READ").
fn all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        // Most lines have a lower-case letter among their first few.
        if c.is_lowercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 3
}

/// Two or more short items separated by `|`, ` · ` or ` • `.
fn is_menu(s: &str) -> bool {
    let joined = s
        .replace(" · ", "|")
        .replace(" • ", "|")
        .replace(" ¦ ", "|");
    let segments: Vec<&str> = joined.split('|').map(str::trim).collect();
    if segments.len() < 2 {
        return false;
    }
    segments.iter().all(|seg| {
        let n = seg.split_whitespace().count();
        let sentence = n >= 5 && seg.ends_with(['.', '!', '?']);
        n <= 8 && !sentence
    })
}

/// Signed percentages, as in a market ticker ("DAX 23,410 +0.4%").
fn ticker_moves(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| {
            let w = w.trim_end_matches([',', ';', ')']);
            w.starts_with(['+', '-', '−', '▲', '▼'])
                && w.ends_with('%')
                && w.chars().any(|c| c.is_ascii_digit())
        })
        .count()
}

/// Furniture that shows in the line itself, wherever it stands.
fn furniture_line(f: &Feat, toks: Words, lex: &Lexicon) -> bool {
    if f.lone_marker || f.menu || toks.is_empty() && f.words > 0 && f.words <= 2 {
        return true;
    }
    if any_whole(&lex.line, toks.label()) || any_start(&lex.start, toks) {
        return true;
    }
    if f.words <= lex.short_words && any_inside(&lex.short, toks) {
        return true;
    }
    if f.words <= lex.strong_words && any_inside(&lex.strong, toks) {
        return true;
    }
    if !f.paragraph() && ticker_moves(f.text) >= 2 {
        return true;
    }
    dateline(toks, lex) || byline(f, toks, lex)
}

/// "Posted: Sep 24, 2025 / 09:15 PM CDT", "October 14, 2025".
fn dateline(toks: Words, lex: &Lexicon) -> bool {
    toks.len() <= 16
        && toks.iter().any(is_num)
        && toks.iter().all(|w| is_num(w) || lex.date_words.contains(w))
}

/// "By Jane Doe", "Posted October 16, 2025 by X staff", "Jane Doe, Health Correspondent".
fn byline(f: &Feat, toks: Words, lex: &Lexicon) -> bool {
    if f.terminal && !f.text.ends_with("Jr.") || f.colon {
        return false;
    }
    let first = toks.first();
    if first == Some("by") && f.words <= 12 {
        return f
            .text
            .split_whitespace()
            .nth(1)
            .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()));
    }
    let dated = matches!(first, Some("posted" | "published" | "updated" | "written"));
    if dated && f.words <= 14 && toks.iter().any(|w| w == "by") {
        return true;
    }
    f.words <= 5 && lex.byline_roles.any_of(toks)
}

/// A paragraph written to the reader ("we need your help", "support us").
/// Few lines are asked: their words are read again in `scratch`.
fn appeal(f: &Feat, lex: &Lexicon, scratch: &mut Scratch) -> bool {
    let pronoun = f.text.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
        let lower = w.to_lowercase().replace('’', "'");
        // "US" is a country, "us" a pronoun.
        let shouting = w.chars().filter(|c| c.is_uppercase()).count() > 1;
        !shouting && lex.pronouns.contains(&lower)
    });
    pronoun || {
        let (toks, _) = scratch.scan(f.text);
        lex.appeal_words.any_of(toks)
    }
}

fn list_heading(f: &Feat, toks: Words, lex: &Lexicon) -> bool {
    !f.terminal && f.words <= lex.list_heading_words && any_start(&lex.list_heading, toks.label())
}

/// The lines after a list heading at `i` that are its entries: up to the
/// first line that cannot be an entry, or a blank line followed by a line
/// without a list marker. Returns the end of the list and how many entries
/// had a marker or were rows.
fn list_items(feats: &[Feat], lines: &[Line], i: usize) -> (usize, usize) {
    let mut j = i + 1;
    let mut shaped = 0;
    while j < feats.len() {
        let f = &feats[j];
        if !f.item() {
            break;
        }
        let marked = f.list || f.lone_marker || f.menu;
        if lines[j].blank_before && j > i + 1 && !marked {
            break;
        }
        if marked {
            shaped += 1;
        }
        j += 1;
    }
    (j, shaped)
}

/// Decides, for each line, whether it is kept and as what.
pub(super) fn classify(text: &str, lines: &[Line]) -> Vec<Option<BlockRole>> {
    let lex = lexicon();
    let mut scratch = Scratch::default();
    let feats: Vec<Feat> = lines
        .iter()
        .map(|l| Feat::new(l.span.slice(text), l, &mut scratch, lex))
        .collect();
    let n = feats.len();
    let mut drop: Vec<bool> = feats.iter().map(|f| f.furniture).collect();

    // Link lists under a heading: "MOST READ", "Related Posts:", or any
    // short heading in capitals over two or more bulleted headlines. A
    // heading such as "Key figures:" over a list keeps it: that is article.
    let mut i = 0;
    while i < n {
        let f = &feats[i];
        let named = f.list_heading;
        let shouted = !f.terminal && f.words <= 4 && f.caps;
        if named || shouted {
            let (end, shaped) = list_items(&feats, lines, i);
            if (named && end > i + 1) || shaped >= 2 {
                drop[i..end].iter_mut().for_each(|d| *d = true);
                i = end;
                continue;
            }
        }
        i += 1;
    }

    let first_paragraph = (0..n).find(|&i| !drop[i] && feats[i].paragraph());

    // An end mark ("A Message from X:", "Dear readers,") once the article
    // has begun: the appeal under it goes, up to the next plain paragraph.
    if let Some(start) = first_paragraph {
        let mark = (start + 1..n).find(|&i| feats[i].end_mark);
        if let Some(mark) = mark {
            drop[mark] = true;
            // Article prose resumes with two plain paragraphs in a row; a
            // lone plain sentence inside the appeal ("Every gift counts.")
            // is part of it.
            let plain: Vec<bool> = (0..n)
                .map(|j| !drop[j] && feats[j].paragraph() && !appeal(&feats[j], lex, &mut scratch))
                .collect();
            for j in mark + 1..n {
                if plain[j] && j + 1 < n && plain[j + 1] {
                    break;
                }
                drop[j] = true;
            }
        }
    }

    // A masthead: a short name right above the menu, or a capitalized name
    // above the headline.
    let top = first_paragraph.unwrap_or(n);
    for i in 0..top {
        let f = &feats[i];
        if drop[i] || f.terminal || f.colon || f.words > 4 {
            continue;
        }
        if f.text.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let above_menu = feats
            .get(i + 1)
            .is_some_and(|next| next.menu && !lines[i + 1].blank_before);
        let headline_below = f.caps && (i + 1..top).any(|j| !drop[j] && !feats[j].terminal);
        if above_menu || headline_below {
            drop[i] = true;
        }
    }

    // After the last paragraph, only short sentences may still be article.
    if let Some(last) = (0..n).rev().find(|&i| !drop[i] && feats[i].paragraph()) {
        for j in last + 1..n {
            if !(feats[j].terminal && feats[j].words >= 3) {
                drop[j] = true;
            }
        }
    }

    lines
        .iter()
        .zip(&feats)
        .zip(drop)
        .map(|((line, f), dropped)| {
            if dropped {
                return None;
            }
            let body = f.terminal
                || f.colon
                || f.text.ends_with(['"', '\u{201d}', '\u{2019}'])
                    && f.text.chars().filter(|c| c.is_whitespace()).count() >= 4;
            Some(if line.heading || !body {
                BlockRole::Heading
            } else {
                BlockRole::Body
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexicon_parses_and_its_patterns_are_not_empty() {
        let lex = lexicon();
        for list in [
            &lex.line,
            &lex.start,
            &lex.short,
            &lex.strong,
            &lex.end,
            &lex.list_heading,
        ] {
            assert!(list.all().next().is_some());
            assert!(list.all().all(|p| !p.is_empty()));
        }
    }

    /// Runs `check` on the words of `line`.
    fn on_words<R>(line: &str, check: impl FnOnce(Words) -> R) -> R {
        check(Scratch::default().scan(line).0)
    }

    #[test]
    fn patterns_match_words_not_letters() {
        let p = pattern("download the * app");
        assert!(on_words("Download the Daily Planet app for alerts", |w| {
            matches_at(&p, w, false)
        }));
        let app = Patterns::new(vec![pattern("app")]);
        assert!(!on_words("What happened in the apple orchard", |w| {
            any_inside(&app, w)
        }));
        let comments = Patterns::new(vec![pattern("sign up"), pattern("# comments")]);
        assert!(on_words("Please sign up today", |w| any_inside(
            &comments, w
        )));
        assert!(on_words("12 Comments", |w| any_whole(&comments, w)));
        assert!(!on_words("Do sign up", |w| any_start(&comments, w)));
        let n = pattern("# comments");
        assert!(on_words("1,204 Comments", |w| matches_at(&n, w, true)));
        assert!(!on_words("No comments", |w| matches_at(&n, w, true)));
        assert_eq!(
            words("Tags: coal, 09:15 $4.99/month"),
            ["tags", ":", "coal", "09", "15", "$4.99", "month"]
        );
    }

    #[test]
    fn word_sets_hold_their_words_only() {
        let set = WordSet::new(["by", "staff", "écrit"].map(String::from));
        for w in ["by", "staff", "écrit"] {
            assert!(set.contains(w));
        }
        for w in ["bу", "stiff", "staffs", "", "écri"] {
            assert!(!set.contains(w));
        }
    }

    #[test]
    fn words_beyond_ascii_are_lowered_a_character_at_a_time() {
        // A final capital sigma lowers to σ, as each character does alone.
        assert_eq!(
            words("ÉCOLE Straße, ΟΔΟΣ: 5×3 \u{a0}ad-free"),
            ["école", "straße", "οδοσ", ":", "5×3", "ad-free"]
        );
        let (_, shape) = Scratch::default().scan("Home \u{b7} News\u{a0}| Sport");
        assert_eq!(shape.words, 5);
        assert!(shape.separator);
    }

    #[test]
    fn shapes() {
        assert!(is_menu("Home | World | Sport"));
        assert!(is_menu("Sign in | Subscribe"));
        assert!(is_menu("Home · News · Sport"));
        assert!(!is_menu(
            "He said the plan | which failed | was costly and wasteful in the end."
        ));
        assert!(!is_menu("A normal sentence."));
        assert_eq!(list_marker("1. Headline"), Some(3));
        assert_eq!(list_marker("• Headline"), Some(4));
        assert_eq!(list_marker("2025. Year"), None);
        assert_eq!(list_marker("-"), None);
        assert_eq!(ticker_moves("SMI 12,100 +0.3% | Gold 2,400 -1.1%"), 2);
    }
}
