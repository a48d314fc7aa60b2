//! Reading inputs: files, directories, JSONL and standard input become [`Source`]s.
//!
//! Ingest owns everything about *where* bytes come from: walking directories
//! in sorted order, choosing a format from the file name, splitting JSONL
//! into records, unpacking `.gz`, and refusing what cannot be a document
//! (binary files, unreadable paths, duplicate ids). URLs are fetched by
//! [`crate::fetch`] and become sources like files. It never decodes text;
//! that is `clean`'s job. Problems are collected, not raised, so that one bad
//! input never stops the others.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// How a source's bytes are to be read by `clean`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: paragraphs separated by line breaks.
    Text,
    /// Markdown, with optional front matter between `---` lines.
    Markdown,
    /// A saved web page.
    Html,
    /// The contents of a JSON string literal (escapes still encoded), from a JSONL record.
    JsonString,
}

/// What is known about a document besides its text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One document's raw bytes, as found on disk.
#[derive(Clone, Debug)]
pub struct Source {
    /// The file stem, the JSONL record's `id`, or made from the URL ([`crate::fetch::id_of`]).
    pub id: String,
    /// The path as given (for JSONL, the file's path; the record is found by
    /// `base`); for a URL, the URL, or the file `--save` wrote it to.
    pub path: String,
    pub format: Format,
    /// The bytes this document's text comes from.
    pub raw: Vec<u8>,
    /// Offset of `raw[0]` in the file on disk (non-zero for JSONL records).
    pub base: u64,
    pub meta: Meta,
}

/// Something wrong with one input; the run goes on without it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// Limits and choices for reading.
#[derive(Clone, Debug)]
pub struct Options {
    /// Largest document accepted, in bytes (for a URL, the largest page).
    pub max_bytes: u64,
    /// Time allowed for fetching one URL, from connecting to the last byte.
    pub timeout: Duration,
    /// Where to keep fetched pages, as `<id>.<ext>`; offsets then point into those files.
    pub save: Option<PathBuf>,
    /// Standard input is a part of this file rather than a text of its own.
    pub stdin_part: Option<Part>,
}

/// A part of a file, given on standard input: how a distributed job hands
/// one worker its share of a large JSONL file (`claimdiff extract --stdin-as`).
/// Documents are read as from the file itself: same path, same offsets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Part {
    /// The file's name as it is to be reported; its format comes from it.
    pub name: String,
    /// Where the part begins in the file (decompressed, for `.gz`).
    pub byte: u64,
    /// How many lines of the file come before the part.
    pub line: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_bytes: 256 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            save: None,
            stdin_part: None,
        }
    }
}

/// Everything read from the inputs.
#[derive(Debug, Default)]
pub struct Ingested {
    pub sources: Vec<Source>,
    pub problems: Vec<Problem>,
}

/// File name endings read from directories, and the format each means.
fn format_of(name: &str) -> Option<(Format, bool)> {
    let lower = name.to_ascii_lowercase();
    let (stem, gz) = match lower.strip_suffix(".gz") {
        Some(s) => (s.to_string(), true),
        None => (lower, false),
    };
    let ext = stem.rsplit_once('.').map(|(_, e)| e)?;
    let format = match ext {
        "txt" | "text" => Format::Text,
        "md" | "markdown" => Format::Markdown,
        "html" | "htm" | "xhtml" => Format::Html,
        "jsonl" | "ndjson" => Format::JsonString,
        _ => return None,
    };
    Some((format, gz))
}

/// The document id of a file: its name without the format's extensions.
fn stem_of(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => name.to_string(),
    }
}

/// Where reading puts what it finds: each document as soon as it is read,
/// and the problems, in the order met.
struct Out<'a> {
    emit: &'a mut dyn FnMut(Source),
    problems: &'a mut Vec<Problem>,
}

/// Reads every input. `-` is standard input, read as plain text with id `stdin`.
pub fn read(inputs: &[PathBuf], options: &Options) -> Ingested {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    read_each(inputs, options, &mut |s| sources.push(s), &mut problems);
    let mut out = Ingested { sources, problems };
    reject_duplicates(&mut out);
    out
}

/// Reads every input as [`read`] does, but hands each document to `emit`
/// as soon as it is read, so that a caller can work on the first documents
/// of a large JSONL file (or `.jsonl.gz`, decompressed as a stream) while
/// the rest is read, and no file is ever held whole. Ids are not checked
/// for duplicates: see [`duplicates`].
pub fn read_each(
    inputs: &[PathBuf],
    options: &Options,
    emit: &mut dyn FnMut(Source),
    problems: &mut Vec<Problem>,
) {
    let mut out = Out { emit, problems };
    let out = &mut out;
    let mut files = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-"
            && let Some(part) = &options.stdin_part
        {
            read_part(out, part, options);
            continue;
        }
        if input.as_os_str() == "-" {
            let mut raw = Vec::new();
            let limit = options.max_bytes.saturating_add(1);
            match std::io::stdin().lock().take(limit).read_to_end(&mut raw) {
                Ok(_) => push_file(out, "-", Path::new("stdin.txt"), raw, options),
                Err(e) => out.problems.push(Problem {
                    path: "-".into(),
                    line: None,
                    message: format!("cannot read standard input: {e}"),
                }),
            }
            continue;
        }
        if let Some(url) = input.to_str().filter(|s| crate::fetch::is_url(s)) {
            push_url(out, url, options);
            continue;
        }
        let mut walk = Walk {
            files: &mut files,
            problems: &mut *out.problems,
            visited: BTreeSet::new(),
        };
        collect(input, true, &mut walk, 0);
    }
    for path in files {
        let shown = path.display().to_string();
        let jsonl_file = format_of(&shown).is_some_and(|(f, _)| f == Format::JsonString);
        let result = if jsonl_file {
            stream_jsonl(out, &shown, &path, options)
        } else {
            read_file(&path, options).map(|raw| push_file(out, &shown, &path, raw, options))
        };
        if let Err(message) = result {
            out.problems.push(Problem {
                path: shown,
                line: None,
                message,
            });
        }
    }
}

/// Reads standard input as `part` of a named file.
fn read_part(out: &mut Out<'_>, part: &Part, options: &Options) {
    let stdin = std::io::stdin().lock();
    let jsonl_part = format_of(&part.name).is_some_and(|(f, _)| f == Format::JsonString);
    let result = if jsonl_part {
        jsonl(out, &part.name, stdin, (part.byte, part.line), options)
            .map_err(|e| format!("cannot read standard input: {e}"))
    } else {
        let mut raw = Vec::new();
        let limit = options.max_bytes.saturating_add(1);
        match stdin.take(limit).read_to_end(&mut raw) {
            Ok(_) => {
                let mut shifted = |mut source: Source| {
                    source.base += part.byte;
                    (out.emit)(source)
                };
                let mut shift = Out {
                    emit: &mut shifted,
                    problems: &mut *out.problems,
                };
                push_file(&mut shift, &part.name, Path::new(&part.name), raw, options);
                Ok(())
            }
            Err(e) => Err(format!("cannot read standard input: {e}")),
        }
    };
    if let Err(message) = result {
        out.problems.push(Problem {
            path: part.name.clone(),
            line: None,
            message,
        });
    }
}

/// Fetches one URL and makes a source of the page (or a problem naming the URL).
fn push_url(out: &mut Out<'_>, url: &str, options: &Options) {
    let problem = |message: String| Problem {
        path: url.to_string(),
        line: None,
        message,
    };
    let limits = crate::fetch::Limits {
        timeout: options.timeout,
        max_bytes: options.max_bytes,
    };
    let page = match crate::fetch::fetch(url, &limits) {
        Ok(page) => page,
        Err(e) => {
            out.problems.push(problem(e.to_string()));
            return;
        }
    };
    let Some(format) = crate::fetch::format_of(page.content_type.as_deref(), &page.final_url)
    else {
        out.problems.push(problem(format!(
            "served as `{}`, not HTML, text, Markdown or JSONL; skipped",
            page.content_type.as_deref().unwrap_or("no Content-Type")
        )));
        return;
    };
    let id = crate::fetch::id_of(url);
    let mut path = url.to_string();
    if let Some(dir) = &options.save {
        let file = dir.join(format!("{id}.{}", crate::fetch::extension(format)));
        match fs::create_dir_all(dir).and_then(|()| fs::write(&file, &page.body)) {
            Ok(()) => path = file.display().to_string(),
            Err(e) => out.problems.push(problem(format!(
                "fetched, but cannot save it as {}: {e}; check --save (offsets still point into the fetched bytes)",
                file.display()
            ))),
        }
    }
    if format == Format::JsonString {
        // Reading bytes in memory cannot fail.
        let _ = jsonl(out, &path, &page.body[..], (0, 0), options);
        return;
    }
    if let Some(message) = refuse(&page.body, options) {
        out.problems.push(problem(message));
        return;
    }
    (out.emit)(Source {
        id,
        path,
        format,
        raw: page.body,
        base: 0,
        meta: Meta {
            url: Some(page.final_url),
            ..Meta::default()
        },
    });
}

/// What a directory walk collects, and the directories it has been in.
struct Walk<'a> {
    files: &'a mut Vec<PathBuf>,
    problems: &'a mut Vec<Problem>,
    /// Canonical paths of the directories walked, so that a symlink loop is
    /// walked once instead of until the depth limit (or, with two links in
    /// one folder, exponentially often).
    visited: BTreeSet<PathBuf>,
}

/// Reads `raw` as the contents of a file named `name`, the format chosen by
/// the name as [`read`] chooses it; for tests and fuzzing.
pub fn from_bytes(name: &str, raw: Vec<u8>, options: &Options) -> Ingested {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    let mut sink = Out {
        emit: &mut |s| sources.push(s),
        problems: &mut problems,
    };
    push_file(&mut sink, name, Path::new(name), raw, options);
    let mut out = Ingested { sources, problems };
    reject_duplicates(&mut out);
    out
}

/// Walks `path`, pushing readable article files in sorted order.
fn collect(path: &Path, explicit: bool, walk: &mut Walk<'_>, depth: usize) {
    let shown = path.display().to_string();
    let problems = &mut *walk.problems;
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            let dangling = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            problems.push(Problem {
                path: shown,
                line: None,
                message: if dangling {
                    format!("a symbolic link to nothing ({e}); fix or remove the link")
                } else {
                    format!("cannot read: {e}; check the path and its permissions")
                },
            });
            return;
        }
    };
    if meta.is_dir() {
        if let Ok(canonical) = fs::canonicalize(path)
            && !walk.visited.insert(canonical.clone())
        {
            problems.push(Problem {
                path: shown,
                line: None,
                message: format!(
                    "leads back to {}, already read (a symlink loop?); skipped",
                    canonical.display()
                ),
            });
            return;
        }
        if depth > 64 {
            problems.push(Problem {
                path: shown,
                line: None,
                message: "directories nested more than 64 deep (a symlink loop?); skipped".into(),
            });
            return;
        }
        let mut entries: Vec<PathBuf> = match fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                problems.push(Problem {
                    path: shown,
                    line: None,
                    message: format!("cannot list directory: {e}"),
                });
                return;
            }
        };
        entries.sort();
        let before = walk.files.len();
        for entry in entries {
            let hidden = entry
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if !hidden {
                collect(&entry, false, walk, depth + 1);
            }
        }
        if explicit && walk.files.len() == before {
            walk.problems.push(Problem {
                path: shown,
                line: None,
                message: "a folder with no .txt, .md, .markdown, .html, .htm or .jsonl files in it"
                    .into(),
            });
        }
    } else if !meta.is_file() {
        // A FIFO would block the read forever, and a device never ends.
        if explicit || format_of(&shown).is_some() {
            problems.push(Problem {
                path: shown,
                line: None,
                message: "not a regular file (a FIFO, socket or device); pass a file or a folder"
                    .into(),
            });
        }
    } else if explicit {
        if format_of(&shown).is_none() {
            problems.push(Problem {
                path: shown,
                line: None,
                message: "unknown file type; use .txt, .md, .markdown, .html, .htm or .jsonl (optionally .gz)".into(),
            });
        } else {
            walk.files.push(path.to_path_buf());
        }
    } else if format_of(&shown).is_some() {
        walk.files.push(path.to_path_buf());
    }
}

fn read_file(path: &Path, options: &Options) -> Result<Vec<u8>, String> {
    let file = fs::File::open(path)
        .map_err(|e| format!("cannot open: {e}; check the path and its permissions"))?;
    let gz = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    // `--max-bytes` bounds one document: a file that is one document is
    // refused by its size before a byte of it is read. (JSONL files are
    // read a record at a time by `stream_jsonl`, which bounds each record.)
    let limit = options.max_bytes;
    let too_large = |len: u64| {
        format!(
            "{len} bytes is more than --max-bytes {}; raise the limit or split the file",
            options.max_bytes
        )
    };
    if let Ok(meta) = file.metadata()
        && !gz
        && meta.len() > limit
    {
        return Err(too_large(meta.len()));
    }
    let mut raw = Vec::new();
    // One byte past the limit is read, to tell a file at the limit from a
    // larger one (a file that grew, or a gzip bomb) without reading it all.
    let result = if gz {
        flate2::read::MultiGzDecoder::new(file)
            .take(limit.saturating_add(1))
            .read_to_end(&mut raw)
    } else {
        file.take(limit.saturating_add(1)).read_to_end(&mut raw)
    };
    result.map_err(|e| {
        if gz {
            format!("cannot decompress: {e}; is it really gzip?")
        } else {
            format!("cannot read: {e}")
        }
    })?;
    if raw.len() as u64 > limit {
        return Err(too_large(raw.len() as u64));
    }
    if raw.len() as u64 > u64::from(u32::MAX) {
        return Err("larger than 4 GiB; split it into smaller files".into());
    }
    Ok(raw)
}

fn push_file(out: &mut Out<'_>, shown: &str, path: &Path, raw: Vec<u8>, options: &Options) {
    let name = path.display().to_string();
    let Some((format, _)) = format_of(&name) else {
        return;
    };
    if format == Format::JsonString {
        // Reading bytes in memory cannot fail.
        let _ = jsonl(out, shown, &raw[..], (0, 0), options);
        return;
    }
    if let Some(message) = refuse(&raw, options) {
        out.problems.push(Problem {
            path: shown.to_string(),
            line: None,
            message,
        });
        return;
    }
    (out.emit)(Source {
        id: stem_of(path),
        path: shown.to_string(),
        format,
        raw,
        base: 0,
        meta: Meta::default(),
    });
}

/// Why a file's bytes cannot be a document, if they cannot.
fn refuse(raw: &[u8], options: &Options) -> Option<String> {
    if raw.len() as u64 > options.max_bytes {
        return Some(format!(
            "{} bytes is more than --max-bytes {}; raise the limit or split the file",
            raw.len(),
            options.max_bytes
        ));
    }
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Some("is empty; there is nothing to compare".into());
    }
    let utf16 = raw.starts_with(&[0xFF, 0xFE]) || raw.starts_with(&[0xFE, 0xFF]);
    let head = &raw[..raw.len().min(8192)];
    if !utf16 && head.contains(&0) {
        return Some(
            "looks like a binary file (it has NUL bytes); pass text, Markdown, HTML or JSONL"
                .into(),
        );
    }
    None
}

/// The fields claimdiff reads from a JSONL record. The text must be there,
/// but it is not decoded here: `clean` decodes it from the raw bytes.
#[derive(serde::Deserialize)]
struct Record {
    id: serde_json::Value,
    #[allow(dead_code)]
    text: serde::de::IgnoredAny,
    outlet: Option<String>,
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
}

/// Opens a JSONL file (decompressing `.gz` as a stream) and reads it a
/// record at a time.
fn stream_jsonl(
    out: &mut Out<'_>,
    shown: &str,
    path: &Path,
    options: &Options,
) -> Result<(), String> {
    let file = fs::File::open(path)
        .map_err(|e| format!("cannot open: {e}; check the path and its permissions"))?;
    let gz = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    let result = if gz {
        let inflate = flate2::read::MultiGzDecoder::new(std::io::BufReader::new(file));
        jsonl(
            out,
            shown,
            std::io::BufReader::with_capacity(1 << 16, inflate),
            (0, 0),
            options,
        )
    } else {
        jsonl(
            out,
            shown,
            std::io::BufReader::with_capacity(1 << 16, file),
            (0, 0),
            options,
        )
    };
    result.map_err(|e| {
        if gz {
            format!("cannot decompress: {e}; is it really gzip? (the records before the damage were read)")
        } else {
            format!("cannot read: {e} (the records before it were read)")
        }
    })
}

/// Reads the next line (without its `\n`) into `line`, keeping at most
/// `limit` bytes of it. Returns the bytes the line took in the input (with
/// its `\n`) and whether it was longer than `limit`; `(0, false)` at the end.
fn read_line(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<(usize, bool)> {
    line.clear();
    let (mut taken, mut over) = (0usize, false);
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok((taken, over));
        }
        let (chunk, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        if !over && line.len() + chunk.len() <= limit {
            line.extend_from_slice(chunk);
        } else {
            over = true;
            line.clear();
        }
        let used = done.unwrap_or(buf.len());
        reader.consume(used);
        taken += used;
        if done.is_some() {
            return Ok((taken, over));
        }
    }
}

/// Reads JSONL records one line at a time: each record's text is located in
/// its line as a string literal, and those raw bytes are all that is kept.
/// Offsets count the bytes of the input as read (decompressed, for `.gz`).
fn jsonl(
    out: &mut Out<'_>,
    shown: &str,
    mut reader: impl BufRead,
    (first_byte, first_line): (u64, usize),
    options: &Options,
) -> std::io::Result<()> {
    // A record is its text plus a few fields: a line longer than twice the
    // largest text (and some) is skipped unkept, which also bounds what a
    // gzip bomb can make this hold.
    let limit = usize::try_from(options.max_bytes.saturating_mul(2).saturating_add(1 << 16))
        .unwrap_or(usize::MAX);
    let mut offset = first_byte;
    let mut line = Vec::new();
    let mut index = first_line;
    loop {
        let (taken, over) = read_line(&mut reader, &mut line, limit)?;
        if taken == 0 {
            return Ok(());
        }
        let start = offset;
        offset += taken as u64;
        index += 1;
        let problem = |message: String| Problem {
            path: shown.to_string(),
            line: Some(index),
            message,
        };
        if over {
            out.problems.push(problem(format!(
                "skipped: a line of more than twice --max-bytes {}; raise the limit or split the record",
                options.max_bytes
            )));
            continue;
        }
        if let Some(source) = jsonl_record(
            &line,
            start,
            shown,
            &mut |m| out.problems.push(problem(m)),
            options,
        ) {
            (out.emit)(source);
        }
    }
}

/// The document of one JSONL line that starts at byte `start` of the input,
/// or `None` with the problem told to `problem`.
fn jsonl_record(
    line: &[u8],
    start: u64,
    shown: &str,
    problem: &mut dyn FnMut(String),
    options: &Options,
) -> Option<Source> {
    if line.iter().all(|b| b.is_ascii_whitespace()) {
        return None;
    }
    let record: Record = match serde_json::from_slice(line) {
        Ok(r) => r,
        Err(e) => {
            let hint = if e.to_string().contains("missing field") {
                "each line needs \"id\" and \"text\""
            } else {
                "each line must be one JSON object"
            };
            problem(format!("skipped: {e} ({hint})"));
            return None;
        }
    };
    let id = match record.id {
        serde_json::Value::String(s) => s,
        serde_json::Value::Number(n) => n.to_string(),
        _ => {
            problem("skipped: \"id\" must be a string or a number".into());
            return None;
        }
    };
    let Some(range) = top_level_string(line, "text") else {
        problem("skipped: \"text\" is not a plain string".into());
        return None;
    };
    // The text as written bounds the text decoded: an escape never decodes
    // to more bytes than it takes.
    if range.len() as u64 > options.max_bytes {
        problem(format!(
            "skipped: text of {} bytes is more than --max-bytes {}",
            range.len(),
            options.max_bytes
        ));
        return None;
    }
    Some(Source {
        id,
        path: shown.to_string(),
        format: Format::JsonString,
        raw: line[range.clone()].to_vec(),
        base: start + range.start as u64,
        meta: Meta {
            outlet: record.outlet,
            title: record.title,
            date: record.date,
            url: record.url,
        },
    })
}

/// The byte range of the contents (between the quotes) of the string value
/// of `key` in a one-line JSON object, if it is a string at the top level.
pub fn top_level_string(line: &[u8], key: &str) -> Option<std::ops::Range<usize>> {
    let mut depth = 0usize;
    let mut i = 0usize;
    let mut expect_key = false;
    let mut pending_key: Option<std::ops::Range<usize>> = None;
    while i < line.len() {
        match line[i] {
            b'{' | b'[' => {
                depth += 1;
                expect_key = line[i] == b'{' && depth == 1;
                i += 1;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b',' => {
                expect_key = depth == 1;
                i += 1;
            }
            b'"' => {
                let start = i + 1;
                // The string ends at the first quote that is not escaped.
                let mut j = start;
                loop {
                    let rest = line.get(j..).unwrap_or_default();
                    match memchr::memchr2(b'"', b'\\', rest) {
                        Some(k) if rest[k] == b'\\' => j += k + 2,
                        Some(k) => {
                            j += k;
                            break;
                        }
                        None => {
                            j = line.len();
                            break;
                        }
                    }
                }
                let end = j.min(line.len());
                if depth == 1 && expect_key {
                    pending_key = Some(start..end);
                    expect_key = false;
                } else if depth == 1
                    && pending_key
                        .take()
                        .is_some_and(|k| &line[k] == key.as_bytes())
                {
                    return Some(start..end);
                }
                i = end + 1;
            }
            b':' => i += 1,
            _ => {
                if depth == 1 && !line[i].is_ascii_whitespace() {
                    pending_key = None;
                }
                i += 1;
            }
        }
    }
    None
}

/// Two documents with one id would make every report ambiguous: both are
/// dropped, with a problem naming both paths.
fn reject_duplicates(out: &mut Ingested) {
    let ids: Vec<(&str, &str)> = out
        .sources
        .iter()
        .map(|s| (s.id.as_str(), s.path.as_str()))
        .collect();
    let (drop, problems) = duplicates(&ids);
    let mut i = 0;
    out.sources.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
    out.problems.extend(problems);
}

/// Which of the documents `(id, path)` share an id with another (all of
/// them are to be dropped), and a problem for each such id, by id.
pub fn duplicates(ids: &[(&str, &str)]) -> (Vec<bool>, Vec<Problem>) {
    let mut seen: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (id, _)) in ids.iter().enumerate() {
        seen.entry(id).or_default().push(i);
    }
    let mut drop = vec![false; ids.len()];
    let mut problems = Vec::new();
    for (id, indices) in seen {
        if indices.len() < 2 {
            continue;
        }
        let paths: Vec<&str> = indices.iter().map(|&i| ids[i].1).collect();
        problems.push(Problem {
            path: paths[0].to_string(),
            line: None,
            message: format!(
                "document id `{id}` is used by {}; rename one so that every id is unique",
                paths.join(" and ")
            ),
        });
        for i in indices {
            drop[i] = true;
        }
    }
    (drop, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_text_value_among_top_level_keys() {
        let line = br#"{"id":"a","meta":{"text":"no"},"text":"yes \"q\"","x":1}"#;
        let r = top_level_string(line, "text").unwrap();
        assert_eq!(&line[r], br#"yes \"q\""#);
        assert_eq!(top_level_string(br#"{"text":5}"#, "text"), None);
    }

    #[test]
    fn formats_come_from_the_name() {
        assert_eq!(format_of("a/b.TXT"), Some((Format::Text, false)));
        assert_eq!(format_of("x.jsonl.gz"), Some((Format::JsonString, true)));
        assert_eq!(format_of("notes.pdf"), None);
        assert_eq!(stem_of(Path::new("d/001_x.txt")), "001_x");
        assert_eq!(stem_of(Path::new("d/c.jsonl.gz")), "c");
    }

    #[test]
    fn malformed_jsonl_lines_are_reported_and_skipped() {
        let raw = b"{\"id\":\"a\",\"text\":\"One.\"}\nnot json\n{\"id\":\"b\"}\n{\"id\":2,\"text\":\"Two.\"}\n";
        let mut out = Ingested::default();
        let mut sink = Out {
            emit: &mut |s| out.sources.push(s),
            problems: &mut out.problems,
        };
        jsonl(&mut sink, "f.jsonl", &raw[..], (0, 0), &Options::default()).unwrap();
        let ids: Vec<&str> = out.sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a", "2"]);
        assert_eq!(out.problems.len(), 2);
        assert_eq!(out.problems[0].line, Some(2));
        assert!(out.problems[1].message.contains("text"));
        let b = &out.sources[1];
        assert_eq!(
            &raw[b.base as usize..b.base as usize + b.raw.len()],
            b"Two."
        );
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_and_the_next_keeps_its_offset() {
        let long = format!("{{\"id\":\"x\",\"text\":\"{}\"}}", "y".repeat(300));
        let raw = format!("{long}\n{{\"id\":\"b\",\"text\":\"Two.\"}}\n");
        let options = Options {
            max_bytes: 100,
            ..Options::default()
        };
        // Lines may be twice --max-bytes and 64 KiB more: read with a
        // small buffer and a small limit to cross chunk boundaries.
        let mut lines = Vec::new();
        let mut reader = std::io::BufReader::with_capacity(7, raw.as_bytes());
        let mut line = Vec::new();
        loop {
            let (taken, over) = read_line(&mut reader, &mut line, 50).unwrap();
            if taken == 0 {
                break;
            }
            lines.push((taken, over, line.len()));
        }
        assert_eq!(lines, [(long.len() + 1, true, 0), (25, false, 24)]);
        let mut out = Ingested::default();
        let mut sink = Out {
            emit: &mut |s| out.sources.push(s),
            problems: &mut out.problems,
        };
        jsonl(&mut sink, "f.jsonl", raw.as_bytes(), (0, 0), &options).unwrap();
        assert_eq!(out.sources.len(), 1, "{:?}", out.problems);
        let b = &out.sources[0];
        assert_eq!(&raw.as_bytes()[b.base as usize..][..4], b"Two.");
        assert_eq!(out.problems[0].line, Some(1));
        assert!(out.problems[0].message.contains("--max-bytes 100"));
    }

    #[test]
    fn binary_files_are_refused() {
        assert!(refuse(b"abc\0def", &Options::default()).is_some());
        assert!(refuse(b"\xFF\xFEa\0b\0", &Options::default()).is_none());
    }
}
