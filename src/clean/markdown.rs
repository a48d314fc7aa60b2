//! Markdown: front matter into [`Meta`], markup out of the text.
//!
//! The text pieces that stay (words, punctuation) are copied with their
//! mapping, so they remain verbatim copies of the raw bytes; the markup
//! around them (`#`, `*`, `_`, `` ` ``, `>`, list markers, the brackets and
//! target of a link) is simply not copied.

use super::{Line, lines};
use crate::ingest::Meta;
use crate::span::{OffsetMap, Span};

/// Markdown text with its markup removed, line by line.
pub(super) struct Stripped {
    pub text: String,
    pub map: OffsetMap,
    pub lines: Vec<Line>,
    /// Ranges of the input text (not raw bytes) that were dropped whole.
    pub dropped: Vec<Span>,
    pub meta: Meta,
}

/// Strips front matter and markup from decoded Markdown `text` (mapped to
/// raw bytes by `map`).
pub(super) fn strip(text: &str, map: &OffsetMap) -> Stripped {
    let mut out = Stripped {
        text: String::new(),
        map: OffsetMap::new(),
        lines: Vec::new(),
        dropped: Vec::new(),
        meta: Meta::default(),
    };
    let body_start = front_matter(text, &mut out);
    let mut in_fence = false;
    let input = lines(&text[body_start..]);
    for (index, line) in input.iter().enumerate() {
        let span = Span::new(
            body_start + line.span.start as usize,
            body_start + line.span.end as usize,
        );
        let s = span.slice(text);
        if s.starts_with("```") || s.starts_with("~~~") {
            in_fence = !in_fence;
            out.dropped.push(span);
            continue;
        }
        if in_fence {
            // Code is not article prose; it is dropped with its fences.
            out.dropped.push(span);
            continue;
        }
        if is_rule(s) {
            let setext = !line.blank_before && index > 0 && s.starts_with(['=', '-']);
            if setext && let Some(prev) = out.lines.last_mut() {
                prev.heading = true;
            }
            out.dropped.push(span);
            continue;
        }
        if is_reference_definition(s) {
            out.dropped.push(span);
            continue;
        }
        let mut from = span.start as usize;
        let mut heading = false;
        let mut list = false;
        // Block markers: quotes, then a heading or a list marker.
        loop {
            let rest = &text[from..span.end as usize];
            if let Some(r) = rest.strip_prefix('>') {
                from += 1 + (r.len() - r.trim_start().len());
                continue;
            }
            break;
        }
        let rest = &text[from..span.end as usize];
        let hashes = rest.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && rest[hashes..].starts_with([' ', '\t']) {
            heading = true;
            from += hashes;
        } else if let Some(len) = list_marker(rest) {
            list = true;
            from += len;
        }
        let mut to = span.end as usize;
        if heading {
            // A closing sequence of `#` is decoration too.
            let t = text[from..to].trim_end_matches('#');
            if t.ends_with([' ', '\t']) || t.trim().is_empty() {
                to = from + t.len();
            }
        }
        let pieces = inline(text, from, to);
        push_line(
            &mut out,
            text,
            map,
            &pieces,
            line.blank_before,
            heading,
            list,
        );
    }
    out
}

/// Reads front matter between leading `---` lines; returns where the body starts.
fn front_matter(text: &str, out: &mut Stripped) -> usize {
    let Some(first) = text.split_inclusive('\n').next() else {
        return 0;
    };
    if first.trim_end() != "---" {
        return 0;
    }
    let mut at = first.len();
    for line in text[at..].split_inclusive('\n') {
        let start = at;
        at += line.len();
        let l = line.trim_end();
        if l == "---" || l == "..." {
            out.dropped.push(Span::new(0, at));
            return at;
        }
        let Some((key, value)) = l.split_once(':') else {
            continue;
        };
        let value = unquote(value.trim());
        if value.is_empty() {
            continue;
        }
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "outlet" | "source" | "publisher" | "publication" => &mut out.meta.outlet,
            "title" => &mut out.meta.title,
            "date" | "published" => &mut out.meta.date,
            "url" | "link" => &mut out.meta.url,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(value.to_string());
        }
        let _ = start;
    }
    // No closing line: it was not front matter after all.
    out.meta = Meta::default();
    0
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

/// A thematic break or a setext underline: `---`, `***`, `___`, `===`.
fn is_rule(s: &str) -> bool {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() >= 3
        && ["-", "*", "_", "="]
            .iter()
            .any(|m| compact.chars().all(|c| c.to_string() == *m))
}

/// `[label]: https://...`
fn is_reference_definition(s: &str) -> bool {
    s.starts_with('[')
        && s.find("]:").is_some_and(|i| {
            let target = s[i + 2..].trim_start();
            target.starts_with("http") || target.starts_with('/') || target.starts_with('<')
        })
}

/// Length of a list marker and the white space after it (`- `, `* `, `+ `, `1. `, `2) `).
fn list_marker(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let marker = if matches!(b.first(), Some(b'-' | b'*' | b'+')) {
        1
    } else {
        let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
        if (1..=3).contains(&digits) && matches!(b.get(digits), Some(b'.' | b')')) {
            digits + 1
        } else {
            return None;
        }
    };
    let space = s[marker..].len() - s[marker..].trim_start().len();
    (space > 0).then_some(marker + space)
}

/// The pieces of `text[from..to]` that are text, not inline markup.
fn inline(text: &str, from: usize, to: usize) -> Vec<Span> {
    let s = &text[..to];
    let b = s.as_bytes();
    let mut pieces: Vec<Span> = Vec::new();
    let mut keep = |a: usize, z: usize| {
        if a >= z {
            return;
        }
        match pieces.last_mut() {
            Some(last) if last.end as usize == a => last.end = z as u32,
            _ => pieces.push(Span::new(a, z)),
        }
    };
    // Positions where a link's label ends, and where its target ends.
    let mut closers: Vec<(usize, usize)> = Vec::new();
    let mut i = from;
    while i < to {
        if let Some(&(close, after)) = closers.last()
            && i == close
        {
            closers.pop();
            i = after;
            continue;
        }
        let c = b[i];
        match c {
            b'\\' if i + 1 < to && b[i + 1].is_ascii_punctuation() => {
                keep(i + 1, i + 2);
                i += 2;
            }
            b'!' if b.get(i + 1) == Some(&b'[') => match link_end(s, i + 1, to) {
                Some((_, after)) => i = after,
                None => {
                    keep(i, i + 1);
                    i += 1;
                }
            },
            b'[' => match link_end(s, i, to) {
                Some((close, after)) => {
                    closers.push((close, after));
                    i += 1;
                }
                None => {
                    keep(i, i + 1);
                    i += 1;
                }
            },
            b'`' => i += 1,
            b'*' | b'_' => {
                let run = b[i..to].iter().take_while(|&&x| x == c).count();
                let before = s[from..i].chars().next_back();
                let after = s[i + run..to].chars().next();
                let word = |ch: Option<char>| ch.is_some_and(char::is_alphanumeric);
                let space = |ch: Option<char>| ch.is_none_or(char::is_whitespace);
                let markup = if c == b'_' {
                    !(word(before) && word(after))
                } else {
                    !(space(before) && space(after))
                };
                if !markup {
                    keep(i, i + run);
                }
                i += run;
            }
            _ => {
                let len = s[i..].chars().next().map_or(1, char::len_utf8);
                keep(i, i + len);
                i += len;
            }
        }
    }
    pieces
}

/// For a `[` at `open`: where its label closes and where the link ends, for
/// `[label](target)` and `[label][ref]`.
fn link_end(s: &str, open: usize, to: usize) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut depth = 0usize;
    let mut close = None;
    for (j, &c) in b.iter().enumerate().take(to).skip(open) {
        match c {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(j);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    let (opener, closer) = match b.get(close + 1) {
        Some(b'(') => (b'(', b')'),
        Some(b'[') => (b'[', b']'),
        _ => return None,
    };
    let _ = opener;
    let end = b[close + 2..to].iter().position(|&c| c == closer)?;
    Some((close, close + 2 + end + 1))
}

fn push_line(
    out: &mut Stripped,
    text: &str,
    map: &OffsetMap,
    pieces: &[Span],
    blank_before: bool,
    heading: bool,
    list: bool,
) {
    // Trim white space at both ends of the joined pieces.
    let mut pieces: Vec<Span> = pieces.to_vec();
    while let Some(first) = pieces.first_mut() {
        let s = first.slice(text);
        let t = s.trim_start();
        first.start += (s.len() - t.len()) as u32;
        if first.is_empty() {
            pieces.remove(0);
        } else {
            break;
        }
    }
    while let Some(last) = pieces.last_mut() {
        let s = last.slice(text);
        last.end -= (s.len() - s.trim_end().len()) as u32;
        if last.is_empty() {
            pieces.pop();
        } else {
            break;
        }
    }
    let blank_before = blank_before || out.lines.is_empty();
    if pieces.is_empty() {
        return;
    }
    if !out.text.is_empty() {
        let raw = map.raw_start(pieces[0].start);
        out.map.push_replaced(1, raw, raw);
        out.text.push('\n');
    }
    let start = out.text.len();
    for p in &pieces {
        out.map.append_from(map, *p);
        out.text.push_str(p.slice(text));
    }
    out.lines.push(Line {
        span: Span::new(start, out.text.len()),
        blank_before,
        heading,
        list,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::decode::decode;

    fn stripped(md: &str) -> Stripped {
        let (text, map, _) = decode(md.as_bytes(), 0);
        strip(&text, &map)
    }

    #[test]
    fn markup_goes_and_text_stays_verbatim() {
        let md = "# The *big* headline\n\n> A **quoted** [line](https://x.example/a_b) here.\n\n- item `one`\n1. snake_case stays\n";
        let s = stripped(md);
        let lines: Vec<&str> = s.lines.iter().map(|l| l.span.slice(&s.text)).collect();
        assert_eq!(
            lines,
            [
                "The big headline",
                "A quoted line here.",
                "item one",
                "snake_case stays"
            ]
        );
        assert!(s.lines[0].heading);
        assert!(s.lines[2].list && s.lines[3].list);
        for word in ["big", "quoted", "line", "here", "one", "snake_case"] {
            let at = s.text.find(word).unwrap();
            let (a, z) = s.map.to_raw(Span::new(at, at + word.len()));
            assert_eq!(&md[a as usize..z as usize], word);
        }
    }

    #[test]
    fn front_matter_fills_meta() {
        let md = "---\noutlet: \"The Daily\"\ntitle: 'A title'\ndate: 2025-01-02\nurl: https://d.example/x\nauthor: Someone\n---\nBody text here.\n";
        let s = stripped(md);
        assert_eq!(s.meta.outlet.as_deref(), Some("The Daily"));
        assert_eq!(s.meta.title.as_deref(), Some("A title"));
        assert_eq!(s.meta.date.as_deref(), Some("2025-01-02"));
        assert_eq!(s.meta.url.as_deref(), Some("https://d.example/x"));
        assert_eq!(s.text, "Body text here.");
        assert_eq!(
            s.map.to_raw(Span::new(0, 4)).0 as usize,
            md.find("Body").unwrap()
        );
    }

    #[test]
    fn setext_headings_and_rules() {
        let s = stripped("Title\n=====\n\nText.\n\n***\n\nMore.\n");
        let lines: Vec<&str> = s.lines.iter().map(|l| l.span.slice(&s.text)).collect();
        assert_eq!(lines, ["Title", "Text.", "More."]);
        assert!(s.lines[0].heading);
    }
}
