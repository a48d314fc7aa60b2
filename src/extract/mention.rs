//! Mentions: people and organisations, with the title or role attached.
//!
//! A person is found from the shape of the text, never from a list of people:
//! a run of capitalized words after a title ("Emergencies Minister Arman
//! Seitov"), before an apposition (", a spokesperson for the agency"), after
//! a reporting verb ("said Lars Berg"), starting with a common given name, or
//! repeating the surname of a person already named in the document.
//! The descriptor (title, role, affiliation) is kept with the mention, and
//! [`role`] reduces it to what can be compared across outlets: its role
//! heads, whether it is a former or a deputy role, and its organisation.

use std::borrow::Cow;
use std::collections::BTreeSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::normalize;
use crate::segment::{self, Sentence, Token, TokenKind};
use crate::span::Span;

/// What a mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organisation,
}

/// A person's name split into comparable parts.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Name {
    /// The name as written, without title or possessive: "Yury Marin".
    pub full: String,
    /// Folded given names ("yury"); empty when only the surname is written.
    pub given: Vec<String>,
    /// Folded surname ("ushakov").
    pub surname: String,
}

/// A title, role or affiliation written next to a name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Descriptor {
    pub text: String,
    pub span: Span,
}

/// A person named in a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub entity: EntityKind,
    pub name: Name,
    /// Where the name itself stands.
    pub name_span: Span,
    pub descriptor: Option<Descriptor>,
}

/// What a descriptor claims, reduced for comparison.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Role {
    /// Canonical role heads ("aide", "chief executive").
    pub heads: BTreeSet<String>,
    /// "former union leader".
    pub former: bool,
    /// "Deputy Minister", "acting director".
    pub rank: Option<String>,
    /// Folded content words of the organisation or person after of/for/to/at/with.
    pub affiliation: Vec<String>,
    /// Whether the affiliation names an organisation (has an organisation word or an acronym).
    pub affiliation_is_org: bool,
    /// Other content words ("presidential", "special").
    pub modifiers: BTreeSet<String>,
}

#[derive(Deserialize)]
struct TitlesFile {
    heads: Vec<String>,
    aliases: HashMap<String, String>,
    exclusive: HashMap<String, Vec<String>>,
    modifiers: Modifiers,
    #[serde(default)]
    example: Vec<TitleExample>,
}

#[derive(Deserialize)]
struct Modifiers {
    former: Vec<String>,
    rank: Vec<String>,
}

#[derive(Deserialize)]
struct TitleExample {
    #[cfg_attr(not(test), allow(dead_code))]
    text: String,
    #[cfg_attr(not(test), allow(dead_code))]
    name: String,
    #[cfg_attr(not(test), allow(dead_code))]
    descriptor: String,
}

/// The word lists mentions and attributions are read with.
pub struct Lexicon {
    /// Role heads as word sequences, longest first.
    pub heads: Vec<Vec<String>>,
    /// Last words of every head, for a quick check.
    pub head_ends: HashSet<String>,
    /// The heads ending and starting with each word, as indices into
    /// `heads` (longest first).
    heads_by_end: HashMap<String, Vec<usize>>,
    heads_by_start: HashMap<String, Vec<usize>>,
    pub aliases: HashMap<String, String>,
    /// Head to its exclusive group.
    pub exclusive: HashMap<String, String>,
    pub former: HashSet<String>,
    pub rank: HashSet<String>,
    pub given: HashSet<String>,
    pub org_words: HashSet<String>,
    pub honorifics: HashSet<String>,
    pub unnamed: HashSet<String>,
    pub verbs: HashSet<String>,
    /// Every word of the lists above, the stop words, and months and days,
    /// with the lists it is in ([`Marks`]): each token is looked up once,
    /// when it is made ([`toks_of`]). Words are keyed by their bytes and
    /// length ([`short_key`]), as all but a few are short; the others are in
    /// `long_marks`.
    marks: MarkTable,
    long_marks: HashMap<String, Marks>,
    #[cfg_attr(not(test), allow(dead_code))]
    examples: Vec<TitleExample>,
}

fn list(text: &'static str) -> HashSet<String> {
    crate::lexicon::words(text)
        .flat_map(str::split_whitespace)
        .map(str::to_lowercase)
        .collect()
}

/// The lexicon, loaded once.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        // The file is compiled in and checked by a test, so a parse error is a build bug.
        let file: TitlesFile = toml::from_str(include_str!("../lexicon/titles.toml"))
            .unwrap_or_else(|_| TitlesFile {
                heads: Vec::new(),
                aliases: HashMap::default(),
                exclusive: HashMap::default(),
                modifiers: Modifiers {
                    former: Vec::new(),
                    rank: Vec::new(),
                },
                example: Vec::new(),
            });
        let mut heads: Vec<Vec<String>> = file
            .heads
            .iter()
            .map(|h| h.split_whitespace().map(str::to_lowercase).collect())
            .collect();
        heads.sort_by_key(|h: &Vec<String>| std::cmp::Reverse(h.len()));
        heads.dedup();
        let head_ends = heads.iter().filter_map(|h| h.last().cloned()).collect();
        let mut heads_by_end: HashMap<String, Vec<usize>> = HashMap::default();
        let mut heads_by_start: HashMap<String, Vec<usize>> = HashMap::default();
        for (index, head) in heads.iter().enumerate() {
            if let (Some(first), Some(last)) = (head.first(), head.last()) {
                heads_by_start.entry(first.clone()).or_default().push(index);
                heads_by_end.entry(last.clone()).or_default().push(index);
            }
        }
        let mut exclusive = HashMap::default();
        for (group, members) in &file.exclusive {
            for m in members {
                exclusive.insert(m.clone(), group.clone());
            }
        }
        let mut lex = Lexicon {
            heads,
            head_ends,
            heads_by_end,
            heads_by_start,
            aliases: file.aliases,
            exclusive,
            former: file.modifiers.former.into_iter().collect(),
            rank: file.modifiers.rank.into_iter().collect(),
            given: list(include_str!("../lexicon/given_names.txt")),
            org_words: list(include_str!("../lexicon/org_words.txt")),
            honorifics: list(include_str!("../lexicon/honorifics.txt")),
            unnamed: list(include_str!("../lexicon/unnamed_sources.txt")),
            verbs: list(include_str!("../lexicon/reporting_verbs.txt")),
            marks: MarkTable::default(),
            long_marks: HashMap::default(),
            examples: file.example,
        };
        let mut marks: HashMap<String, Marks> = HashMap::default();
        let mut mark = |word: &str, m: Marks| marks.entry(word.to_string()).or_default().0 |= m.0;
        for word in crate::lexicon::words(include_str!("../lexicon/stopwords.txt")) {
            mark(word, Marks(Marks::STOPWORD.0 | Marks::NOT_NAME.0));
        }
        for word in MONTHS_AND_DAYS {
            mark(word, Marks::NOT_NAME);
        }
        // Words that are never part of a person's name: the stop words,
        // months and days above, and the words of every list but given names
        // and reporting verbs.
        let not_name = Marks::NOT_NAME.0;
        for (list, m) in [
            (&lex.head_ends, Marks::HEAD_END.0 | not_name),
            (&lex.former, Marks::FORMER.0 | not_name),
            (&lex.rank, not_name),
            (&lex.org_words, Marks::ORG_WORD.0 | not_name),
            (&lex.honorifics, Marks::HONORIFIC.0 | not_name),
            (&lex.unnamed, Marks::UNNAMED.0 | not_name),
            (&lex.given, Marks::GIVEN.0),
            (&lex.verbs, Marks::VERB.0),
        ] {
            for word in list {
                mark(word, Marks(m));
            }
        }
        let mut short = Vec::new();
        for (word, m) in marks {
            match short_key(&word) {
                Some(key) => short.push((key, m)),
                None => {
                    lex.long_marks.insert(word, m);
                }
            }
        }
        lex.marks = MarkTable::new(&short);
        lex
    })
}

impl Lexicon {
    /// The canonical form of a role head.
    pub fn canonical_head(&self, head: &str) -> String {
        self.aliases
            .get(head)
            .cloned()
            .unwrap_or_else(|| head.to_string())
    }

    /// The lists a folded word is in.
    fn marks_of(&self, folded: &str) -> Marks {
        match short_key(folded) {
            Some(key) => self.marks.get(key),
            None => self.long_marks.get(folded).copied().unwrap_or_default(),
        }
    }
}

/// Words as [`short_key`]s with their marks, in an open-addressing table:
/// every token of every document is looked up here, and a probe of one
/// multiplication and a comparison or two costs a fraction of a general map's.
#[derive(Default)]
struct MarkTable {
    /// A power of two of slots, at most a quarter full; key 0 (the empty
    /// word, in no list) marks an empty slot.
    slots: Vec<(u128, Marks)>,
    /// 64 minus the number of bits of a slot index.
    shift: u32,
}

/// Slots per word of a [`MarkTable`]: most probes end at the first slot.
const SLOTS_PER_WORD: usize = 4;

impl MarkTable {
    fn new(words: &[(u128, Marks)]) -> MarkTable {
        let len = (words.len() * SLOTS_PER_WORD).next_power_of_two().max(2);
        let mut table = MarkTable {
            slots: vec![(0, Marks::default()); len],
            shift: 64 - len.trailing_zeros(),
        };
        for &(key, m) in words {
            let mut i = table.slot(key);
            while table.slots[i].0 != 0 {
                i = (i + 1) & (len - 1);
            }
            table.slots[i] = (key, m);
        }
        table
    }

    fn slot(&self, key: u128) -> usize {
        // Fibonacci hashing of the key's two halves.
        const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(32);
        (folded.wrapping_mul(GOLDEN) >> self.shift) as usize
    }

    fn get(&self, key: u128) -> Marks {
        if self.slots.is_empty() {
            return Marks::default();
        }
        let mut i = self.slot(key);
        loop {
            let (k, m) = self.slots[i];
            if k == key {
                return m;
            }
            if k == 0 {
                return Marks::default();
            }
            i = (i + 1) & (self.slots.len() - 1);
        }
    }
}

/// Longest word kept in a [`short_key`]: the key's last byte is the length.
const SHORT_WORD: usize = 15;

/// A word of up to [`SHORT_WORD`] bytes as one number, cheaper to hash and
/// compare than the word.
fn short_key(word: &str) -> Option<u128> {
    let len = word.len();
    if len > SHORT_WORD {
        return None;
    }
    let mut bytes = [0u8; SHORT_WORD + 1];
    bytes[..len].copy_from_slice(word.as_bytes());
    Some(key_of(u128::from_le_bytes(bytes), len))
}

/// The [`short_key`] of the word that is the first `len` bytes of `bytes`
/// (little-endian; `len` at most [`SHORT_WORD`]): the bytes after it are
/// cleared, and the last one is the length.
fn key_of(bytes: u128, len: usize) -> u128 {
    first_bytes(bytes, len) | ((len as u128) << (8 * SHORT_WORD))
}

/// The first `n` bytes (up to 16) of little-endian `bytes`; the others cleared.
fn first_bytes(bytes: u128, n: usize) -> u128 {
    let bits = 8 * n as u32;
    bytes & u128::MAX.checked_shr(u128::BITS - bits).unwrap_or(0)
}

/// What is known of a token before any rule reads it: the word lists its
/// folded form is in, and its shape.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Marks(u16);

impl Marks {
    // The lexicon's lists.
    const HEAD_END: Marks = Marks(1);
    const FORMER: Marks = Marks(1 << 1);
    const GIVEN: Marks = Marks(1 << 2);
    const ORG_WORD: Marks = Marks(1 << 3);
    pub(super) const HONORIFIC: Marks = Marks(1 << 4);
    pub(super) const UNNAMED: Marks = Marks(1 << 5);
    pub(super) const VERB: Marks = Marks(1 << 6);
    pub(super) const STOPWORD: Marks = Marks(1 << 7);
    const NOT_NAME: Marks = Marks(1 << 8);
    // The token's shape.
    const CAP: Marks = Marks(1 << 9);
    const ACRONYM: Marks = Marks(1 << 10);
    const NAME_WORD: Marks = Marks(1 << 11);

    fn has(self, m: Marks) -> bool {
        self.0 & m.0 != 0
    }
}

const MONTHS_AND_DAYS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A token with its text and folded form.
#[derive(Clone, Debug)]
pub struct Tok<'a> {
    pub span: Span,
    pub kind: TokenKind,
    pub joined: bool,
    pub text: &'a str,
    /// The folded word ([`normalize::fold`]): borrowed from the text when
    /// folding changes nothing but a possessive ending, as for most words.
    folded: Cow<'a, str>,
    marks: Marks,
}

/// The tokens of a sentence, with text.
pub fn toks<'a>(text: &'a str, span: Span) -> Vec<Tok<'a>> {
    toks_of(text, &segment::tokens(text, span))
}

/// [`toks`] from tokens already made.
pub fn toks_of<'a>(text: &'a str, tokens: &[Token]) -> Vec<Tok<'a>> {
    let lex = lexicon();
    let mut out = Vec::with_capacity(tokens.len());
    out.extend(tokens.iter().map(|&t| tok(lex, text, t)));
    out
}

/// One token with its folded form and marks.
fn tok<'a>(lex: &Lexicon, text: &'a str, t: Token) -> Tok<'a> {
    let s = t.text(text);
    let word = t.kind == TokenKind::Word;
    let (folded, marks) = match AsciiToken::read(text, t.span) {
        Some(ascii) => ascii.folded_and_marks(lex, s, word),
        None => folded_and_marks(lex, s, word),
    };
    Tok {
        span: t.span,
        kind: t.kind,
        joined: t.joined,
        text: s,
        folded,
        marks,
    }
}

/// The token `s` folded ([`normalize::fold`]), and its marks: the lists
/// its folded form is in and, for a word, its shape.
fn folded_and_marks<'a>(lex: &Lexicon, s: &'a str, word: bool) -> (Cow<'a, str>, Marks) {
    let folded = normalize::fold_borrowed(s);
    let listed = lex.marks_of(&folded);
    let marks = if word { shape_marks(s, listed) } else { listed };
    (folded, marks)
}

/// A word's marks: the lists it is in (`listed`) and its shape.
fn shape_marks(s: &str, listed: Marks) -> Marks {
    let first = s.chars().next().unwrap_or(' ');
    let cap = first.is_uppercase();
    // A word starting with a letter that is no capital is no acronym.
    let acronym = (cap || !first.is_alphabetic()) && all_capitals(s);
    with_shape(listed, cap, acronym, s.contains('.'))
}

/// `listed` with the shape marks of a word: capitalized, an acronym, or a
/// possible part of a person's name (a capitalized word, no acronym, in no
/// list of words that are never names, and without a dot).
fn with_shape(listed: Marks, cap: bool, acronym: bool, dotted: bool) -> Marks {
    let mut marks = listed.0;
    if cap {
        marks |= Marks::CAP.0;
    }
    if acronym {
        marks |= Marks::ACRONYM.0;
    }
    if cap && !acronym && !listed.has(Marks::NOT_NAME) && !dotted {
        marks |= Marks::NAME_WORD.0;
    }
    Marks(marks)
}

/// Longest token read by [`AsciiToken`]: the bytes of one `u64`, enough
/// for most words of news text.
const ASCII_TOKEN: usize = 8;

/// A byte of 1 in every byte of a `u64`: `ONES * b` repeats byte `b`.
const ONES: u64 = u64::MAX / 0xFF;
/// The top bit of every byte.
const HIGH_BITS: u64 = ONES * 0x80;

/// A short ASCII token, as most tokens are, read as one number: its bytes,
/// little-endian, then zeros. Folding it, looking it up and marking its
/// shape takes a few operations on all its bytes at once, with no
/// character decoding and no copy of the word to make its key.
struct AsciiToken {
    /// The bytes, lowercased.
    lower: u64,
    len: usize,
    /// The top bit of each byte that is a capital, a small letter, a dot.
    capitals: u64,
    small: u64,
    dots: u64,
}

impl AsciiToken {
    /// The token at `span` of `text`, if it is ASCII and short.
    fn read(text: &str, span: Span) -> Option<AsciiToken> {
        let len = span.len();
        if len == 0 || len > ASCII_TOKEN {
            return None;
        }
        let start = span.start as usize;
        // Eight bytes at once where the text has them, as it has but after
        // its last few tokens.
        let mut bytes = [0u8; ASCII_TOKEN];
        match text.as_bytes().get(start..start + ASCII_TOKEN) {
            Some(next) => bytes.copy_from_slice(next),
            None => bytes[..len].copy_from_slice(&text.as_bytes()[start..start + len]),
        }
        let x = u64::from_le_bytes(bytes) & (u64::MAX >> (8 * (ASCII_TOKEN - len)));
        if x & HIGH_BITS != 0 {
            return None;
        }
        // No byte below 0x80 carries into the next one when these are added.
        let in_range = |low: u8, high: u8| {
            (x + ONES * u64::from(0x80 - low)) & !(x + ONES * u64::from(0x7F - high)) & HIGH_BITS
        };
        let capitals = in_range(b'A', b'Z');
        // Dots are the zero bytes of `x` xor dots, found without a borrow
        // across bytes, among the token's bytes.
        let y = x ^ (ONES * u64::from(b'.'));
        let low_bits = !HIGH_BITS;
        let dots = !(((y & low_bits) + low_bits) | y | low_bits);
        Some(AsciiToken {
            // The capitals' top bits, moved to the case bit (0x20).
            lower: x | (capitals >> 2),
            len,
            capitals,
            small: in_range(b'a', b'z'),
            dots: dots & (HIGH_BITS >> (8 * (ASCII_TOKEN - len))),
        })
    }

    fn byte(&self, i: usize) -> u8 {
        (self.lower >> (8 * i)) as u8
    }

    /// [`folded_and_marks`] of the token `s`.
    fn folded_and_marks<'a>(&self, lex: &Lexicon, s: &'a str, word: bool) -> (Cow<'a, str>, Marks) {
        // The folded form drops a possessive ending: "'s" or a lone "'".
        let len = self.len;
        let folded_len = if len >= 2 && self.byte(len - 2) == b'\'' && self.byte(len - 1) == b's' {
            len - 2
        } else if self.byte(len - 1) == b'\'' {
            len - 1
        } else {
            len
        };
        let folded = if self.capitals == 0 {
            Cow::Borrowed(&s[..folded_len])
        } else {
            Cow::Owned(s[..folded_len].to_ascii_lowercase())
        };
        let listed = lex.marks.get(key_of(u128::from(self.lower), folded_len));
        if !word {
            return (folded, listed);
        }
        // As in `shape_marks`, from the first byte's top bits: a capital
        // first, two letters or more, and no small one.
        let letters = self.capitals | self.small;
        let cap = self.capitals & 0x80 != 0;
        let all_capitals = self.small == 0 && letters & letters.wrapping_sub(1) != 0;
        let acronym = (cap || letters & 0x80 == 0) && all_capitals;
        let marks = with_shape(listed, cap, acronym, self.dots != 0);
        (folded, marks)
    }
}

impl Tok<'_> {
    /// The folded word: lowercase, without diacritics or a possessive.
    pub fn lower(&self) -> &str {
        &self.folded
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is_cap(&self) -> bool {
        self.marks.has(Marks::CAP)
    }

    /// Whether the token is in a list of the lexicon ([`Marks`]).
    pub(super) fn listed(&self, list: Marks) -> bool {
        self.marks.has(list)
    }

    /// Whether a capitalized word can be part of a person's name.
    fn name_word(&self) -> bool {
        self.marks.has(Marks::NAME_WORD)
    }

    pub fn is(&self, s: &str) -> bool {
        self.text == s
    }
}

/// Where a role head ends at token `i` (inclusive): the index of its first token.
fn head_ending_at(toks: &[Tok<'_>], i: usize) -> Option<usize> {
    let t = toks.get(i)?;
    if !t.is_word() || !t.listed(Marks::HEAD_END) {
        return None;
    }
    let lex = lexicon();
    lex.heads_by_end.get(t.lower())?.iter().find_map(|&h| {
        let head = &lex.heads[h];
        let start = (i + 1).checked_sub(head.len())?;
        toks[start..=i]
            .iter()
            .zip(head)
            .all(|(t, h)| t.lower() == *h)
            .then_some(start)
    })
}

/// Start of a descriptor that ends (with a role head) at token `end`, scanning back.
fn descriptor_back(toks: &[Tok<'_>], end: usize) -> usize {
    let mut k = end;
    let mut words = 0;
    let mut start = end;
    loop {
        let t = &toks[k];
        let ok = if t.is_word() {
            // "founder and chief executive": "and" only joins two roles.
            let joins_roles = t.lower() == "and" && k > 0 && head_ending_at(toks, k - 1).is_some();
            let keep = matches!(t.lower(), "of" | "for") || joins_roles || is_acronym(t);
            if (t.listed(Marks::STOPWORD) && !keep) || t.listed(Marks::VERB) {
                false
            } else {
                words += 1;
                words <= 10
            }
        } else {
            // Possessive apostrophes ("US' envoy"), hyphens and abbreviation dots.
            (t.is("'") || t.is("\u{2019}") || t.is("-") || t.is(".")) && t.joined
        };
        if !ok {
            break;
        }
        start = k;
        if k == 0 {
            break;
        }
        k -= 1;
    }
    // Trim connectors and verb-like lowercase words from the left edge.
    while start < end {
        let t = &toks[start];
        let lw = t.lower();
        let verbish =
            !t.is_cap() && (lw.ends_with("ed") || lw.ends_with("ing")) && !t.listed(Marks::FORMER);
        if !t.is_word() || matches!(lw, "of" | "and" | "for") || verbish {
            start += 1;
        } else {
            break;
        }
    }
    // "his foreign policy aide": keep a possessive determiner.
    if start > 0 && matches!(toks[start - 1].lower(), "his" | "her" | "its" | "their") {
        start -= 1;
    }
    start
}

/// Whether a token is an acronym ("US", "UN", "U.S.").
pub fn is_acronym(t: &Tok<'_>) -> bool {
    t.marks.has(Marks::ACRONYM)
}

/// Whether `text` has two or more letters, all of them capitals.
fn all_capitals(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// End (exclusive) of a descriptor after a name: ", a spokesperson for the agency,".
/// Returns the token range of the descriptor when it holds a role head early on.
fn descriptor_after(toks: &[Tok<'_>], from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    let mut head_seen = false;
    let mut words = 0;
    let first = toks.get(from)?;
    if first.is_word() && first.listed(Marks::STOPWORD) && !first.is_cap() {
        return None;
    }
    if first.is_word() && matches!(first.lower(), "and" | "or" | "but") {
        return None;
    }
    while i < toks.len() {
        let t = &toks[i];
        if !t.is_word() {
            let inner = (t.is("'") || t.is("\u{2019}") || t.is("-") || t.is("&")) && t.joined;
            if !inner {
                break;
            }
            i += 1;
            continue;
        }
        if matches!(t.lower(), "who" | "which" | "that" | "whose" | "where")
            || t.listed(Marks::VERB)
        {
            break;
        }
        words += 1;
        if words > 14 {
            break;
        }
        if words <= 5 && head_ending_at(toks, i).is_some() {
            head_seen = true;
        }
        i += 1;
    }
    (head_seen && i > from).then_some((from, i))
}

/// Whether the capitalized run from `from` names an organisation: "of the International Organization for Migration".
fn org_run(toks: &[Tok<'_>], from: usize) -> Option<usize> {
    let mut i = from;
    let mut end = None;
    let mut org_word = false;
    let mut caps = 0;
    let mut acronym = false;
    while i < toks.len() {
        let t = &toks[i];
        if t.is_cap() {
            caps += 1;
            org_word |= t.listed(Marks::ORG_WORD);
            acronym |= is_acronym(t);
            end = Some(i + 1);
        } else if !t.is_word() || !matches!(t.lower(), "of" | "for" | "the") {
            break;
        }
        i += 1;
    }
    // An acronym alone is an organisation; in a longer run it may be a country ("US envoy").
    end.filter(|_| org_word || (acronym && caps == 1))
}

/// Organisation names of a document: capitalized runs holding an organisation word or an acronym.
fn organisations(sentence_toks: &[Vec<Tok<'_>>]) -> HashSet<String> {
    let mut out = HashSet::default();
    for toks in sentence_toks {
        let mut i = 0;
        while i < toks.len() {
            if toks[i].is_cap()
                && (i == 0 || !toks[i - 1].is_cap())
                && let Some(end) = org_run(toks, i)
            {
                for t in &toks[i..end] {
                    if t.is_cap() {
                        out.insert(t.lower().to_owned());
                    }
                }
                i = end;
                continue;
            }
            i += 1;
        }
        // "chief executive of Tarvo Karsk": what follows a role's "of" is an organisation.
        // The mark of a head's last word is cheaper to test than the word after.
        for j in 0..toks.len().saturating_sub(1) {
            if toks[j].listed(Marks::HEAD_END)
                && matches!(toks[j + 1].lower(), "of" | "at")
                && head_ending_at(toks, j).is_some()
            {
                let mut k = j + 2;
                if toks.get(k).is_some_and(|t| t.lower() == "the") {
                    k += 1;
                }
                while k < toks.len() && toks[k].name_word() {
                    out.insert(toks[k].lower().to_owned());
                    k += 1;
                }
            }
        }
    }
    out
}

/// Builds a [`Name`] from name tokens.
fn make_name(toks: &[Tok<'_>]) -> Name {
    let mut full = String::new();
    for t in toks {
        if !full.is_empty() {
            full.push(' ');
        }
        full.push_str(strip_possessive(t.text));
    }
    let (surname, given) = toks
        .split_last()
        .map_or((String::new(), Vec::new()), |(s, g)| {
            (
                s.lower().to_owned(),
                g.iter().map(|t| t.lower().to_owned()).collect(),
            )
        });
    Name {
        full,
        given,
        surname,
    }
}

fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("'s")
        .or_else(|| s.strip_suffix("\u{2019}s"))
        .or_else(|| s.strip_suffix('\''))
        .or_else(|| s.strip_suffix('\u{2019}'))
        .unwrap_or(s)
}

/// The tokens of every sentence, with text: computed once per document and
/// shared by mention and attribution extraction.
pub fn sentence_toks<'a>(text: &'a str, sentences: &[Sentence]) -> Vec<Vec<Tok<'a>>> {
    sentences.iter().map(|s| toks(text, s.span)).collect()
}

/// Every person mention of a document: (claim span, sentence index, mention).
pub fn extract(text: &str, sentences: &[Sentence]) -> Vec<(Span, u32, Mention)> {
    extract_with(&sentence_toks(text, sentences))
}

/// [`extract`], from the tokens of every sentence ([`sentence_toks`]).
pub fn extract_with(sentence_toks: &[Vec<Tok<'_>>]) -> Vec<(Span, u32, Mention)> {
    let orgs = organisations(sentence_toks);
    let mut out: Vec<(Span, u32, Mention)> = Vec::new();
    // Names with cues around them first; the others are asked about again,
    // as bare surnames, once every person named with a given name is known.
    let mut known: HashMap<String, Name> = HashMap::default();
    let mut bare: Vec<(usize, usize, usize)> = Vec::new();
    for (si, toks) in sentence_toks.iter().enumerate() {
        let mut i = 0;
        while i < toks.len() {
            let Some(end) = name_end(toks, i) else {
                i += 1;
                continue;
            };
            match mention_at(toks, i, end, &orgs, Cue::Context) {
                Some((claim_span, descriptor)) => {
                    let name = make_name(&toks[i..end]);
                    // The first person of a surname is kept; the surname is
                    // copied only for a new one.
                    if !name.given.is_empty() && !known.contains_key(&name.surname) {
                        known.insert(name.surname.clone(), name.clone());
                    }
                    let resolved = if name.given.is_empty() {
                        known.get(&name.surname).cloned().unwrap_or(name)
                    } else {
                        name
                    };
                    out.push(person(toks, i, end, claim_span, si, resolved, descriptor));
                }
                None => bare.push((si, i, end)),
            }
            i = end;
        }
    }
    for (si, i, end) in bare {
        let toks = &sentence_toks[si];
        let Some(known_name) = known.get(toks[end - 1].lower()) else {
            continue;
        };
        if let Some((claim_span, descriptor)) = mention_at(toks, i, end, &orgs, Cue::KnownSurname) {
            let resolved = if end - i == 1 {
                known_name.clone()
            } else {
                make_name(&toks[i..end])
            };
            out.push(person(toks, i, end, claim_span, si, resolved, descriptor));
        }
    }
    out.sort_by_key(|(span, _, m)| (span.start, m.name_span.start));
    out
}

/// Where the name starting at token `i` ends (exclusive), when one starts there.
fn name_end(toks: &[Tok<'_>], i: usize) -> Option<usize> {
    if !toks[i].name_word() || (i > 0 && toks[i - 1].name_word()) {
        return None;
    }
    let mut end = i;
    while end < toks.len() && end - i < 4 && toks[end].name_word() {
        end += 1;
        // A possessive ends a name: "Anna Berg's team".
        if strip_possessive(toks[end - 1].text).len() < toks[end - 1].text.len() {
            break;
        }
    }
    Some(end)
}

/// A person mention of the name tokens `i..end` of sentence `si`.
fn person(
    toks: &[Tok<'_>],
    i: usize,
    end: usize,
    claim_span: Span,
    si: usize,
    name: Name,
    descriptor: Option<Descriptor>,
) -> (Span, u32, Mention) {
    (
        claim_span,
        si as u32,
        Mention {
            entity: EntityKind::Person,
            name,
            name_span: toks[i].span.cover(toks[end - 1].span),
            descriptor,
        },
    )
}

/// What makes a run of name words a person.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// A title, apposition, honorific, given name or reporting verb next to it.
    Context,
    /// Its last word is the surname of a person named with a given name.
    KnownSurname,
}

/// Decides whether the name tokens `i..end` are a person, and finds the descriptor.
fn mention_at(
    toks: &[Tok<'_>],
    i: usize,
    end: usize,
    orgs: &HashSet<String>,
    cue: Cue,
) -> Option<(Span, Option<Descriptor>)> {
    // A word of an organisation's name, or a name followed by an organisation word.
    let in_org = || {
        toks[i..end].iter().any(|t| orgs.contains(t.lower()))
            || toks
                .get(end)
                .is_some_and(|t| t.listed(Marks::ORG_WORD) && t.is_cap())
    };
    if cue == Cue::KnownSurname && in_org() {
        return None;
    }
    let name_span = toks[i].span.cover(toks[end - 1].span);
    let len = end - i;
    // Skip an honorific and its period before the name.
    let mut before = i;
    if before >= 2 && toks[before - 1].is(".") && toks[before - 2].listed(Marks::HONORIFIC) {
        before -= 2;
    } else if before >= 1 && toks[before - 1].listed(Marks::HONORIFIC) {
        before -= 1;
    }
    let mut descriptor: Option<(usize, usize)> = None;
    // Title right before: "regional governor Aliya Serikova".
    if before >= 1 && head_ending_at(toks, before - 1).is_some() {
        descriptor = Some((descriptor_back(toks, before - 1), i));
    }
    // Title before a comma: "his foreign policy aide, Yuri Marin,".
    let closes = toks
        .get(end)
        .is_none_or(|t| matches!(t.text, "," | "." | ")" | ";"));
    if descriptor.is_none()
        && before >= 2
        && toks[before - 1].is(",")
        && closes
        && head_ending_at(toks, before - 2).is_some()
    {
        let start = descriptor_back(toks, before - 2);
        descriptor = Some((start, before - 1));
    }
    let mut after: Option<(usize, usize)> = None;
    if toks.get(end).is_some_and(|t| t.is(",")) {
        let mut from = end + 1;
        if toks.get(from).is_some_and(|t| {
            matches!(
                t.lower(),
                "a" | "an" | "the" | "his" | "her" | "its" | "their"
            )
        }) {
            from += 1;
        }
        if let Some((a, b)) = descriptor_after(toks, from) {
            after = Some((end + 1, b.max(a)));
        }
    } else if toks.get(end).is_some_and(|t| t.lower() == "of") {
        let mut from = end + 1;
        if toks.get(from).is_some_and(|t| t.lower() == "the") {
            from += 1;
        }
        if let Some(org_end) = org_run(toks, from) {
            after = Some((end, org_end));
        }
    } else if toks.get(end).is_some_and(|t| t.is("("))
        && let Some((a, b)) = descriptor_after(toks, end + 1)
    {
        after = Some((a, b));
    }
    let person = match cue {
        Cue::Context => {
            let verb = |t: &Tok<'_>| t.listed(Marks::VERB);
            let given_cue = len >= 2 && toks[i].listed(Marks::GIVEN);
            let verb_after = toks.get(end).is_some_and(verb)
                || (toks
                    .get(end)
                    .is_some_and(|t| t.lower() == "has" || t.lower() == "had")
                    && toks.get(end + 1).is_some_and(verb));
            let verb_before = before >= 1 && verb(&toks[before - 1]);
            let honorific_cue = before < i;
            let strong = descriptor.is_some() || after.is_some() || honorific_cue;
            // A bare capitalized word before "said" is a person when it is no organisation's word.
            strong || ((given_cue || (len >= 2 && verb_before) || verb_after) && !in_org())
        }
        // Asked above: the name is no organisation's.
        Cue::KnownSurname => true,
    };
    if !person {
        return None;
    }
    let descriptor = match (descriptor, after) {
        (Some((s, e)), _) if s < e => Some(toks[s].span.cover(toks[e - 1].span)),
        (_, Some((s, e))) if s < e => Some(toks[s].span.cover(toks[e - 1].span)),
        _ => None,
    };
    let descriptor = descriptor.filter(|d| d.len() <= 200);
    let claim = descriptor.map_or(name_span, |d| d.cover(name_span));
    Some((
        claim,
        descriptor.map(|span| Descriptor {
            text: String::new(),
            span,
        }),
    ))
}

/// Fills each descriptor's text from the document text.
pub fn with_text(text: &str, mut mentions: Vec<(Span, u32, Mention)>) -> Vec<(Span, u32, Mention)> {
    for (_, _, m) in &mut mentions {
        if let Some(d) = &mut m.descriptor {
            d.text = d.span.slice(text).to_string();
        }
    }
    mentions
}

/// Reduces a descriptor to what can be compared.
pub fn role(descriptor: &str) -> Role {
    let lex = lexicon();
    let toks = toks(descriptor, Span::new(0, descriptor.len()));
    let mut role = Role::default();
    let mut i = 0;
    let mut in_affiliation = false;
    let mut head_seen = false;
    let mut pending_rank: Option<String> = None;
    let mut affiliation_words = Vec::new();
    while i < toks.len() {
        let t = &toks[i];
        if !t.is_word() {
            i += 1;
            continue;
        }
        if in_affiliation {
            let letters: Vec<char> = t.text.chars().filter(|c| c.is_alphabetic()).collect();
            if lex.org_words.contains(t.lower())
                || (letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()))
            {
                role.affiliation_is_org = true;
            }
            if !normalize::is_stopword(t.lower()) {
                affiliation_words.push(t.lower().to_owned());
            }
            i += 1;
            continue;
        }
        // Longest head starting here.
        let matched = lex
            .heads_by_start
            .get(t.lower())
            .into_iter()
            .flatten()
            .map(|&h| &lex.heads[h])
            .find(|head| {
                toks.get(i..i + head.len())
                    .is_some_and(|run| run.iter().zip(head.iter()).all(|(t, h)| t.lower() == *h))
            })
            .map(Vec::len);
        if let Some(n) = matched {
            let head = toks[i..i + n]
                .iter()
                .map(|t| t.lower())
                .collect::<Vec<_>>()
                .join(" ");
            role.heads.insert(lex.canonical_head(&head));
            if let Some(r) = pending_rank.take() {
                role.rank = Some(r);
            }
            head_seen = true;
            i += n;
            continue;
        }
        let w = t.lower();
        if matches!(w, "of" | "for" | "to" | "at" | "with") && (head_seen || i == 0) {
            in_affiliation = true;
        } else if lex.former.contains(w) || w == "ex" {
            role.former = true;
        } else if lex.rank.contains(w) {
            pending_rank = Some(w.to_string());
        } else if !normalize::is_stopword(w)
            && !lex.honorifics.contains(w)
            && !t.text.ends_with("'s")
            && !t.text.ends_with("\u{2019}s")
        {
            role.modifiers.insert(w.to_string());
        }
        i += 1;
    }
    role.affiliation = affiliation_words;
    role
}

/// Folds a name word for comparison across transliterations: diacritics,
/// y/i, doubled letters, kh/h, w/v and ou/u are made equal.
pub fn translit(word: &str) -> String {
    let mut s = String::new();
    for c in word.to_lowercase().chars() {
        let base = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ś' | 'š' | 'ş' => 's',
            'ź' | 'ż' | 'ž' => 'z',
            'ł' => 'l',
            'ř' => 'r',
            'ğ' => 'g',
            c if c.is_alphabetic() => c,
            _ => continue,
        };
        s.push(base);
    }
    // One pass for kh/h, ou/u, w/v and y/i, dropping doubled letters.
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let next = chars.get(i + 1).copied();
        let c = match (chars[i], next) {
            ('k', Some('h')) => {
                i += 1;
                'h'
            }
            ('o', Some('u')) => {
                i += 1;
                'u'
            }
            ('w', _) => 'v',
            ('y', _) => 'i',
            (c, _) => c,
        };
        if !out.ends_with(c) {
            out.push(c);
        }
        i += 1;
    }
    out
}

/// Whether two given names can be one person's: equal after transliteration,
/// an initial of the other, or close spellings (Yury/Yuri, Volodymyr/Vladimir).
pub fn given_compatible(a: &str, b: &str) -> bool {
    translit_compatible(&translit(a), &translit(b))
}

/// [`given_compatible`] for given names already passed through [`translit`],
/// for callers that compare one name with many.
pub fn translit_compatible(ta: &str, tb: &str) -> bool {
    if ta == tb {
        return true;
    }
    if ta.chars().count() == 1 || tb.chars().count() == 1 {
        return ta.chars().next() == tb.chars().next();
    }
    strsim::jaro_winkler(ta, tb) >= 0.82
}

/// Whether two surnames are one spelling apart (Kovalenko/Kovalenkko).
pub fn surname_compatible(a: &str, b: &str) -> bool {
    translit(a) == translit(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::split_block;

    #[test]
    fn ascii_tokens_fold_and_mark_as_any_token() {
        let lex = lexicon();
        let text = "The U.S. Senate's NATO plan: J. R. Smith, an aide to Gov. Lee, said \
                    it's 27-point CEO's 'rock' A.B. KFC rock'n'roll Q. internationalization's \
                    Extraordinarily extraordinarily's O'Neill UN's I ' '' x 4.5 ..";
        let mut read = 0;
        for t in segment::tokens(text, Span::new(0, text.len())) {
            let s = t.text(text);
            let word = t.kind == TokenKind::Word;
            // Longer tokens are left to the general path.
            if let Some(ascii) = AsciiToken::read(text, t.span) {
                let expected = folded_and_marks(lex, s, word);
                assert_eq!(ascii.folded_and_marks(lex, s, word), expected, "{s}");
                read += 1;
            }
        }
        // All but the four words of more than eight bytes.
        assert_eq!(
            read,
            segment::tokens(text, Span::new(0, text.len())).len() - 4
        );
    }

    fn mentions(text: &str) -> Vec<Mention> {
        let sentences: Vec<Sentence> = split_block(text, Span::new(0, text.len()))
            .into_iter()
            .map(|span| Sentence {
                span,
                block: 0,
                heading: false,
            })
            .collect();
        with_text(text, extract(text, &sentences))
            .into_iter()
            .map(|(_, _, m)| m)
            .collect()
    }

    #[track_caller]
    fn assert_mention(text: &str, name: &str, descriptor: Option<&str>) {
        let all = mentions(text);
        let m = all.iter().find(|m| m.name.full == name);
        let Some(m) = m else {
            panic!("no mention of {name:?} in {text:?}: {all:?}");
        };
        assert_eq!(
            m.descriptor.as_ref().map(|d| d.text.as_str()),
            descriptor,
            "descriptor of {name} in {text:?}"
        );
    }

    #[track_caller]
    fn assert_no_person(text: &str, name: &str) {
        assert!(
            !mentions(text).iter().any(|m| m.name.full == name),
            "{name:?} taken for a person in {text:?}"
        );
    }

    #[test]
    fn titles_before_names() {
        assert_mention(
            "Russian presidential aide Yury Marin spoke.",
            "Yury Marin",
            Some("Russian presidential aide"),
        );
        assert_mention(
            "On Wednesday, Secretary of State Mara Ruiz said so.",
            "Mara Ruiz",
            Some("Secretary of State"),
        );
        assert_mention(
            "U.S. President Dan Tull, who is visiting, spoke.",
            "Dan Tull",
            Some("U.S. President"),
        );
        assert_mention(
            "Former President Dan Tull, meanwhile, spoke.",
            "Dan Tull",
            Some("Former President"),
        );
        assert_mention(
            "Deputy Emergencies Minister Arman Seitov spoke.",
            "Arman Seitov",
            Some("Deputy Emergencies Minister"),
        );
        assert_mention(
            "It was signed, said former union leader Tom Briggs.",
            "Tom Briggs",
            Some("former union leader"),
        );
        assert_mention(
            "Earlier, US' special Mideast envoy Sam Wirt landed.",
            "Sam Wirt",
            Some("US' special Mideast envoy"),
        );
    }

    #[test]
    fn appositions_and_affiliations() {
        assert_mention(
            "They met Sam Wirt, special envoy to former President Dan Tull, and others.",
            "Sam Wirt",
            Some("special envoy to former President Dan Tull"),
        );
        assert_mention(
            "According to his foreign policy aide, Yuri Marin, talks went on.",
            "Yuri Marin",
            Some("his foreign policy aide"),
        );
        assert_mention(
            "\"It is over,\" said Anna Kovacs, a spokesperson for the UN refugee agency.",
            "Anna Kovacs",
            Some("a spokesperson for the UN refugee agency"),
        );
        assert_mention(
            "\"It is over,\" said Anna Kovacs of the International Organization for Migration.",
            "Anna Kovacs",
            Some("of the International Organization for Migration"),
        );
        assert_mention(
            "Hafiz Rahman, the foreign minister, left.",
            "Hafiz Rahman",
            Some("the foreign minister"),
        );
    }

    #[test]
    fn a_possessive_ends_a_name() {
        assert_mention(
            "It left Vladimir Kovalenko\u{2019}s Western European backers blindsided.",
            "Vladimir Kovalenko",
            None,
        );
    }

    #[test]
    fn surnames_resolve_and_organisations_are_not_people() {
        let all = mentions("Union leader Warren Kell spoke. Later Kell left.");
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].name.given, ["warren"]);
        assert_no_person("Tarvo Holdings said it would cooperate.", "Tarvo Holdings");
        assert_no_person(
            "The chief executive of Tarvo Karsk spoke. Tarvo Karsk said it was sad.",
            "Tarvo Karsk",
        );
    }

    #[test]
    fn title_examples_from_the_lexicon_hold() {
        for ex in &lexicon().examples {
            assert_mention(&ex.text, &ex.name, Some(&ex.descriptor));
        }
    }

    #[test]
    fn marks_agree_with_the_lists() {
        let lex = lexicon();
        let lists = [
            (&lex.head_ends, Marks::HEAD_END),
            (&lex.former, Marks::FORMER),
            (&lex.given, Marks::GIVEN),
            (&lex.org_words, Marks::ORG_WORD),
            (&lex.honorifics, Marks::HONORIFIC),
            (&lex.unnamed, Marks::UNNAMED),
            (&lex.verbs, Marks::VERB),
        ];
        for (list, m) in lists {
            for word in list {
                assert!(lex.marks_of(word).has(m), "{word:?} misses {m:?}");
            }
        }
        for word in lists.iter().flat_map(|(list, _)| list.iter()) {
            for (list, m) in lists {
                assert_eq!(
                    lex.marks_of(word).has(m),
                    list.contains(word),
                    "{word:?}: {m:?}"
                );
            }
        }
        assert!(lex.marks_of("the").has(Marks::STOPWORD));
        assert!(lex.marks_of("monday").has(Marks::NOT_NAME));
        assert_eq!(lex.marks_of("ceasefire"), Marks::default());
        assert_eq!(lex.marks_of(""), Marks::default());
    }

    #[test]
    fn roles_reduce_descriptors() {
        let r = role("Deputy Emergencies Minister");
        assert!(r.heads.contains("minister") && r.rank.as_deref() == Some("deputy"));
        let r = role("special envoy to former President Dan Tull");
        assert!(r.heads.contains("envoy") && !r.former && !r.affiliation.is_empty());
        assert!(role("former union leader").former);
        let r = role("Brightwater's founder and chief executive");
        assert!(r.heads.contains("founder") && r.heads.contains("chief executive"));
        assert!(role("a spokesperson for the UN refugee agency").affiliation_is_org);
    }

    #[test]
    fn transliterations_match_but_different_names_do_not() {
        assert!(given_compatible("Yury", "Yuri"));
        assert!(given_compatible("Volodymyr", "Vladimir"));
        assert!(given_compatible("Mohammed", "Muhammad"));
        assert!(surname_compatible("Kovalensky", "Kovalenskyy"));
        assert!(!given_compatible("Hunter", "Joe"));
        assert!(!given_compatible("Eric", "Donald"));
    }
}
