//! Bytes to text: UTF-8 (with or without a BOM), UTF-16 with a BOM, and a
//! Windows-1252 (Latin-1) fallback for files that are mostly not UTF-8.
//! JSON string escapes are decoded here too. Every decoded piece is recorded
//! in an [`OffsetMap`] so that offsets in the text lead back to raw bytes.

use crate::span::{OffsetMap, Span};

/// Decodes raw bytes to text with a map from text offsets to raw offsets
/// (shifted by `base`).
///
/// A UTF-8 BOM is skipped; a UTF-16 BOM (either byte order) selects UTF-16.
/// Otherwise the bytes are read as UTF-8, unless invalid sequences outnumber
/// the valid multi-byte characters, in which case they are read as
/// Windows-1252 (a superset of Latin-1) and a warning says so. Isolated
/// invalid sequences in UTF-8 text become U+FFFD, mapped to the bytes they
/// replace.
pub fn decode(raw: &[u8], base: u64) -> (String, OffsetMap, Vec<String>) {
    if let Some(rest) = raw.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, base + 2, false);
    }
    if let Some(rest) = raw.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, base + 2, true);
    }
    let (rest, at) = match raw.strip_prefix(b"\xEF\xBB\xBF") {
        Some(stripped) => (stripped, base + 3),
        None => (raw, base),
    };
    // Most inputs are valid UTF-8: one check and one copy.
    if let Ok(text) = std::str::from_utf8(rest) {
        let mut map = OffsetMap::new();
        map.push_verbatim(text.len(), at);
        return (text.to_string(), map, Vec::new());
    }
    if mostly_not_utf8(rest) {
        return latin1(rest, at);
    }
    utf8_lossy(rest, at)
}

/// Whether invalid UTF-8 sequences outnumber valid multi-byte characters.
fn mostly_not_utf8(bytes: &[u8]) -> bool {
    let mut invalid = 0usize;
    let mut multibyte = 0usize;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            // Without an invalid sequence (most inputs) there is nothing to
            // count: the text is UTF-8.
            Ok(_) if invalid == 0 => return false,
            Ok(s) => {
                multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                let prefix = std::str::from_utf8(&rest[..good]).unwrap_or_default();
                multibyte += prefix.chars().filter(|c| !c.is_ascii()).count();
                invalid += 1;
                let bad = e.error_len().unwrap_or(rest.len() - good);
                rest = &rest[good + bad..];
            }
        }
    }
    invalid > multibyte
}

fn utf8_lossy(raw: &[u8], base: u64) -> (String, OffsetMap, Vec<String>) {
    let mut text = String::with_capacity(raw.len());
    let mut map = OffsetMap::new();
    let mut warnings = Vec::new();
    let mut rest = raw;
    let mut at = base;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                map.push_verbatim(s.len(), at);
                text.push_str(s);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // `from_utf8` just said this prefix is valid.
                let s = std::str::from_utf8(&rest[..good]).unwrap_or_default();
                map.push_verbatim(good, at);
                text.push_str(s);
                let bad = e.error_len().unwrap_or(rest.len() - good);
                map.push_replaced(
                    '\u{FFFD}'.len_utf8(),
                    at + good as u64,
                    at + (good + bad) as u64,
                );
                text.push('\u{FFFD}');
                if warnings.is_empty() {
                    warnings.push(format!(
                        "invalid UTF-8 at byte {}; bad bytes were replaced by U+FFFD",
                        at + good as u64
                    ));
                }
                rest = &rest[good + bad..];
                at += (good + bad) as u64;
            }
        }
    }
    (text, map, warnings)
}

/// The characters Windows-1252 puts at 0x80..=0x9F (where Latin-1 has C1
/// controls); unassigned bytes keep their Latin-1 meaning.
pub(super) const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

pub(super) fn latin1(raw: &[u8], base: u64) -> (String, OffsetMap, Vec<String>) {
    let mut text = String::with_capacity(raw.len() + raw.len() / 8);
    let mut map = OffsetMap::new();
    for (i, &b) in raw.iter().enumerate() {
        let at = base + i as u64;
        if b.is_ascii() {
            map.push_verbatim(1, at);
            text.push(char::from(b));
        } else {
            let c = match b {
                0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
                _ => char::from(b),
            };
            map.push_replaced(c.len_utf8(), at, at + 1);
            text.push(c);
        }
    }
    let warnings = vec![
        "not UTF-8: decoded with the Latin-1 (Windows-1252) fallback; save the file as UTF-8 to be sure of its characters".to_string(),
    ];
    (text, map, warnings)
}

fn utf16(raw: &[u8], base: u64, big_endian: bool) -> (String, OffsetMap, Vec<String>) {
    let mut text = String::with_capacity(raw.len() / 2);
    let mut map = OffsetMap::new();
    let mut warnings = Vec::new();
    let unit = |i: usize| -> u16 {
        let pair = [raw[i], raw[i + 1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    };
    let mut i = 0usize;
    while i < raw.len() {
        let at = base + i as u64;
        if i + 1 >= raw.len() {
            // A lone trailing byte cannot be a UTF-16 code unit.
            push_char(&mut text, &mut map, '\u{FFFD}', at, at + 1);
            warnings.push(format!("UTF-16 text ends with an odd byte at {at}"));
            break;
        }
        let u = unit(i);
        let (c, len) = if (0xD800..0xDC00).contains(&u)
            && i + 3 < raw.len()
            && (0xDC00..0xE000).contains(&unit(i + 2))
        {
            let lo = unit(i + 2);
            let cp = 0x10000 + ((u32::from(u) - 0xD800) << 10) + (u32::from(lo) - 0xDC00);
            (char::from_u32(cp).unwrap_or('\u{FFFD}'), 4)
        } else {
            match char::from_u32(u32::from(u)) {
                Some(c) => (c, 2),
                None => {
                    if warnings.is_empty() {
                        warnings.push(format!(
                            "unpaired UTF-16 surrogate at byte {at}; replaced by U+FFFD"
                        ));
                    }
                    ('\u{FFFD}', 2)
                }
            }
        };
        push_char(&mut text, &mut map, c, at, at + len as u64);
        i += len;
    }
    (text, map, warnings)
}

fn push_char(text: &mut String, map: &mut OffsetMap, c: char, raw: u64, raw_end: u64) {
    map.push_replaced(c.len_utf8(), raw, raw_end);
    text.push(c);
}

/// Decodes the escapes of a JSON string's contents (`text`, mapped by
/// `map`): `\n`, `\t`, `\"`, `\\`, `\/`, `\b`, `\f`, `\r` and `\uXXXX`,
/// surrogate pairs included. Each escape maps as a whole onto its escaped
/// bytes; everything else stays verbatim. A malformed escape is kept as is.
pub fn json_unescape(text: &str, map: &OffsetMap) -> (String, OffsetMap) {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut out_map = OffsetMap::new();
    let mut run_start = 0usize;
    let mut i = 0usize;
    while let Some(found) = memchr::memchr(b'\\', &bytes[i..]) {
        i += found;
        let Some((c, len)) = json_escape(&text[i..]) else {
            i += 1;
            continue;
        };
        out_map.append_from(map, Span::new(run_start, i));
        out.push_str(&text[run_start..i]);
        let raw = map.raw_start(i as u32);
        let raw_end = map.raw_end((i + len) as u32);
        out_map.push_replaced(c.len_utf8(), raw, raw_end);
        out.push(c);
        i += len;
        run_start = i;
    }
    out_map.append_from(map, Span::new(run_start, bytes.len()));
    out.push_str(&text[run_start..]);
    (out, out_map)
}

/// The character an escape at the start of `s` stands for, and its length.
fn json_escape(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    let c = match *b.get(1)? {
        b'n' => '\n',
        b't' => '\t',
        b'r' => '\r',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'u' => {
            let hi = hex4(s.get(2..6)?)?;
            if (0xD800..0xDC00).contains(&hi) {
                if s.get(6..8) == Some("\\u")
                    && let Some(lo) = s.get(8..12).and_then(hex4)
                    && (0xDC00..0xE000).contains(&lo)
                {
                    let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    return Some((char::from_u32(cp)?, 12));
                }
                return Some(('\u{FFFD}', 6));
            }
            return Some((char::from_u32(hi).unwrap_or('\u{FFFD}'), 6));
        }
        _ => return None,
    };
    Some((c, 2))
}

fn hex4(s: &str) -> Option<u32> {
    if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(s, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let (text, map, warnings) = decode("ab\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}".as_bytes(), 10);
        assert!(warnings.is_empty());
        assert_eq!(map.to_raw(Span::new(2, 4)), (12, 14));
        assert_eq!(text.chars().count(), 7);
        let mut raw = "é".repeat(3).into_bytes();
        raw.extend_from_slice(b"ab\xFFcd");
        let (text, map, warnings) = decode(&raw, 10);
        assert_eq!(text, "éééab\u{FFFD}cd");
        assert_eq!(warnings.len(), 1);
        assert_eq!(map.to_raw(Span::new(11, 13)), (19, 21));
    }

    #[test]
    fn utf16_with_a_bom_maps_each_character_to_its_bytes() {
        for big in [false, true] {
            let s = "Caf\u{e9} \u{1F600}!";
            let mut raw = if big {
                vec![0xFE, 0xFF]
            } else {
                vec![0xFF, 0xFE]
            };
            for u in s.encode_utf16() {
                raw.extend(if big {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                });
            }
            let (text, map, warnings) = decode(&raw, 0);
            assert_eq!(text, s);
            assert!(warnings.is_empty());
            // "é" is the fourth code unit: bytes 2 + 3 * 2 = 8..10.
            assert_eq!(map.to_raw(Span::new(3, 5)), (8, 10));
            // The emoji is a surrogate pair: four bytes.
            let e = text.find('\u{1F600}').unwrap();
            assert_eq!(map.to_raw(Span::new(e, e + 4)), (12, 16));
        }
    }

    #[test]
    fn mostly_latin1_bytes_fall_back_with_a_warning() {
        let raw = b"Caf\xe9 au lait, na\xefve \x93quote\x94";
        let (text, map, warnings) = decode(raw, 0);
        assert_eq!(text, "Café au lait, naïve \u{201c}quote\u{201d}");
        assert!(warnings[0].contains("Latin-1"));
        let e = text.find('é').unwrap();
        assert_eq!(map.to_raw(Span::new(e, e + 2)), (3, 4));
        assert_eq!(map.to_raw(Span::new(0, 3)), (0, 3));
    }

    #[test]
    fn json_escapes_map_to_their_escaped_bytes() {
        let raw = r#"Line one.\nSaid \"hi\" \u00e9 \ud83d\ude00 a\/b"#;
        let (text, map, _) = decode(raw.as_bytes(), 100);
        let (out, out_map) = json_unescape(&text, &map);
        assert_eq!(out, "Line one.\nSaid \"hi\" é 😀 a/b");
        let q = out.find('"').unwrap();
        assert_eq!(out_map.to_raw(Span::new(q, q + 1)), (100 + 16, 100 + 18));
        let e = out.find('é').unwrap();
        let (s, t) = out_map.to_raw(Span::new(e, e + 2));
        assert_eq!(&raw[(s - 100) as usize..(t - 100) as usize], r"\u00e9");
        let g = out.find('😀').unwrap();
        let (s, t) = out_map.to_raw(Span::new(g, g + 4));
        assert_eq!(
            &raw[(s - 100) as usize..(t - 100) as usize],
            r"\ud83d\ude00"
        );
        let said = out.find("Said").unwrap();
        let (s, t) = out_map.to_raw(Span::new(said, said + 4));
        assert_eq!(&raw[(s - 100) as usize..(t - 100) as usize], "Said");
    }
}
