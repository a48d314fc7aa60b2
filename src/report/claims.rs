//! Per-document claim records as JSON Lines: `claimdiff extract` writes them,
//! `claimdiff compare --from-claims` reads them.
//!
//! One line per document holds everything the stages after extraction read:
//! the cleaned text with its blocks, sentences and offset map back to the
//! file on disk, every claim (with its raw byte range, text and sentence for
//! people, and its cleaned-text span for the reader), and the document's
//! grouping terms. Extraction is a map over documents, so records made on
//! many machines and compared on one give the same report as one run
//! (`docs/scale.md`). Problems met while reading the inputs are lines of
//! their own, so that the report lists them too.
//!
//! Every line carries `"format": "claimdiff-claims/1"`; a reader refuses any
//! other version rather than guess.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::clean::{Block, BlockRole, Document};
use crate::extract::{Analysis, Claim, ClaimKind};
use crate::ingest::{Format, Meta, Problem};
use crate::segment::Sentence;
use crate::span::{OffsetMap, Span};

/// The record format this build writes and reads.
pub const FORMAT: &str = "claimdiff-claims/1";

/// Raw offsets beyond this cannot come from a file ingest accepts (4 GiB),
/// and keep offset arithmetic far from overflow.
const MAX_RAW: u64 = 1 << 48;

/// One claim, as written.
#[derive(Serialize)]
struct ClaimLine<'a> {
    /// Raw byte range in the file on disk, and the text there: for people
    /// and tools; the reader rebuilds both from `clean`.
    start: u64,
    end: u64,
    text: &'a str,
    /// The claim's span in the cleaned text.
    clean: (u32, u32),
    /// Index of its sentence in the document's `sentences`.
    sentence_index: u32,
    #[serde(flatten)]
    kind: &'a ClaimKind,
}

/// One claim, as read.
#[derive(Deserialize)]
struct ClaimIn {
    clean: (u32, u32),
    sentence_index: u32,
    #[serde(flatten)]
    kind: ClaimKind,
}

/// A piece of the offset map: `[len, raw]` when the cleaned bytes are a copy
/// of the raw bytes at `raw`, `[len, raw, raw_end]` when they stand for
/// `raw..raw_end` as a whole.
type Piece = Vec<u64>;

/// One document, as written.
#[derive(Serialize)]
struct DocumentLine<'a> {
    format: &'static str,
    document: &'a str,
    path: &'a str,
    input: Format,
    meta: &'a Meta,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    warnings: &'a [String],
    /// The cleaned text: kept blocks joined by `\n`.
    text: &'a str,
    /// `[start, end, role]` in the cleaned text.
    blocks: Vec<(u32, u32, BlockRole)>,
    /// `[start, end, block, heading]` in the cleaned text.
    sentences: Vec<(u32, u32, u32, bool)>,
    map: Vec<Piece>,
    /// Grouping terms: `[id, count]`, the id as 16 hex digits.
    terms: Vec<(String, f32)>,
    claims: Vec<ClaimLine<'a>>,
}

/// A problem met while reading the inputs, as written.
#[derive(Serialize)]
struct ProblemLine<'a> {
    format: &'static str,
    problem: &'a Problem,
}

/// Any line, as read: a document or a problem.
#[derive(Deserialize)]
struct LineIn {
    format: Option<String>,
    problem: Option<Problem>,
    document: Option<String>,
    path: Option<String>,
    input: Option<Format>,
    #[serde(default)]
    meta: Meta,
    #[serde(default)]
    warnings: Vec<String>,
    text: Option<String>,
    #[serde(default)]
    blocks: Vec<(u32, u32, BlockRole)>,
    #[serde(default)]
    sentences: Vec<(u32, u32, u32, bool)>,
    #[serde(default)]
    map: Vec<Piece>,
    terms: Option<Vec<(String, f32)>>,
    #[serde(default)]
    claims: Vec<ClaimIn>,
}

/// Only the version, to tell an old or new record from a broken one.
#[derive(Deserialize)]
struct Head {
    format: Option<serde_json::Value>,
}

/// One document's record line (with its `\n`), grouping terms included.
pub fn render_document(a: &Analysis) -> String {
    let text = &a.doc.text;
    let claims = a
        .claims
        .iter()
        .map(|c| {
            let (start, end) = a.doc.raw_span(c.span);
            ClaimLine {
                start,
                end,
                text: c.span.slice(text),
                clean: (c.span.start, c.span.end),
                sentence_index: c.sentence,
                kind: &c.kind,
            }
        })
        .collect();
    let line = DocumentLine {
        format: FORMAT,
        document: &a.doc.id,
        path: &a.doc.path,
        input: a.doc.format,
        meta: &a.doc.meta,
        warnings: &a.doc.warnings,
        text,
        blocks: a
            .doc
            .blocks
            .iter()
            .map(|b| (b.span.start, b.span.end, b.role))
            .collect(),
        sentences: a
            .sentences
            .iter()
            .map(|s| (s.span.start, s.span.end, s.block, s.heading))
            .collect(),
        map: a
            .doc
            .map
            .pieces()
            .map(|(len, raw, raw_end, verbatim)| {
                if verbatim {
                    vec![len as u64, raw]
                } else {
                    vec![len as u64, raw, raw_end]
                }
            })
            .collect(),
        terms: a
            .terms
            .iter()
            .map(|&(id, count)| (format!("{id:016x}"), count))
            .collect(),
        claims,
    };
    let mut out = serde_json::to_string(&line).unwrap_or_else(|e| {
        // Serializing plain strings and numbers cannot fail; should it, the
        // line still says which document it was.
        format!(
            "{{\"format\":\"{FORMAT}\",\"document\":{},\"error\":{}}}",
            serde_json::Value::from(a.doc.id.as_str()),
            serde_json::Value::from(e.to_string())
        )
    });
    out.push('\n');
    out
}

/// One problem's record line (with its `\n`).
pub fn render_problem(problem: &Problem) -> String {
    let line = ProblemLine {
        format: FORMAT,
        problem,
    };
    let mut out = serde_json::to_string(&line).unwrap_or_default();
    out.push('\n');
    out
}

/// Writes the problems, then one line per document, in document order.
/// Documents that share an id are written all the same: the reader drops
/// them as a direct run does, with the same problem.
/// Lines are made in parallel, a batch at a time, and written in order.
pub fn write(
    out: &mut dyn Write,
    analyses: &[Analysis],
    problems: &[Problem],
) -> std::io::Result<()> {
    for problem in problems {
        out.write_all(render_problem(problem).as_bytes())?;
    }
    for batch in analyses.chunks(256) {
        let lines: Vec<String> = batch.par_iter().map(render_document).collect();
        for line in lines {
            out.write_all(line.as_bytes())?;
        }
    }
    Ok(())
}

/// Every record as one string: [`write`] into memory.
pub fn render(analyses: &[Analysis], problems: &[Problem]) -> String {
    let mut out = Vec::new();
    // Writing into a vector cannot fail.
    let _ = write(&mut out, analyses, problems);
    String::from_utf8_lossy(&out).into_owned()
}

/// A record that cannot be read: where it is and how to fix it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct RecordError {
    pub path: String,
    /// 1-based line number, when the problem is one line.
    pub line: Option<usize>,
    pub message: String,
}

/// Records read back: the analyses (grouping terms included), in the order
/// the lines were read, and the problems the extraction met.
#[derive(Debug, Default)]
pub struct Records {
    pub analyses: Vec<Analysis>,
    pub problems: Vec<Problem>,
}

/// Reads claim records from files, folders of them (every file not starting
/// with `.` or `_`, in sorted order, as a distributed job writes its parts),
/// `.gz` files, or `-` (standard input). Stops at the first bad line.
pub fn read(paths: &[PathBuf]) -> Result<Records, RecordError> {
    let mut records = Records::default();
    for path in paths {
        for file in files_of(path)? {
            let shown = file.display().to_string();
            let reader: Box<dyn BufRead> = if file.as_os_str() == "-" {
                Box::new(std::io::stdin().lock())
            } else {
                let opened = std::fs::File::open(&file).map_err(|e| RecordError {
                    path: shown.clone(),
                    line: None,
                    message: format!("cannot open: {e}; check the path"),
                })?;
                if shown.to_ascii_lowercase().ends_with(".gz") {
                    Box::new(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(
                        opened,
                    )))
                } else {
                    Box::new(std::io::BufReader::new(opened))
                }
            };
            read_lines(reader, &shown, &mut records)?;
        }
    }
    if records.analyses.is_empty() && records.problems.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(RecordError {
            path: shown.join(", "),
            line: None,
            message: "no claim records; make them with `claimdiff extract PATH... > claims.jsonl`"
                .into(),
        });
    }
    Ok(records)
}

/// The files a path names: itself, or a folder's visible files, sorted.
fn files_of(path: &Path) -> Result<Vec<PathBuf>, RecordError> {
    if path.as_os_str() == "-" || !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| RecordError {
        path: path.display().to_string(),
        line: None,
        message: format!("cannot list folder: {e}"),
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.file_name()
                    .is_some_and(|n| !n.to_string_lossy().starts_with(['.', '_']))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Reads one file's lines, parsing a batch of them in parallel at a time.
fn read_lines(
    mut reader: Box<dyn BufRead + '_>,
    path: &str,
    records: &mut Records,
) -> Result<(), RecordError> {
    const BATCH: usize = 512;
    let mut number = 0usize;
    loop {
        let mut batch: Vec<(usize, Vec<u8>)> = Vec::with_capacity(BATCH);
        while batch.len() < BATCH {
            let mut line = Vec::new();
            let read = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| RecordError {
                    path: path.to_string(),
                    line: Some(number + 1),
                    message: format!("cannot read: {e}; is a .gz file really gzip?"),
                })?;
            if read == 0 {
                break;
            }
            number += 1;
            if !line.iter().all(u8::is_ascii_whitespace) {
                batch.push((number, line));
            }
        }
        if batch.is_empty() {
            return Ok(());
        }
        let parsed: Vec<Result<Parsed, RecordError>> = batch
            .par_iter()
            .map(|(n, line)| {
                parse_line(line).map_err(|message| RecordError {
                    path: path.to_string(),
                    line: Some(*n),
                    message,
                })
            })
            .collect();
        for result in parsed {
            match result? {
                Parsed::Problem(p) => records.problems.push(p),
                Parsed::Document(analysis) => records.analyses.push(*analysis),
            }
        }
    }
}

/// A line read back.
enum Parsed {
    Problem(Problem),
    Document(Box<Analysis>),
}

/// Parses and checks one line; the error says what is wrong and how to fix it.
fn parse_line(line: &[u8]) -> Result<Parsed, String> {
    let remake = "; make the records again with `claimdiff extract`";
    let version = |found: &str| {
        format!(
            "claim records of format `{found}`, but this claimdiff reads `{FORMAT}`; make them again with this version's `claimdiff extract`"
        )
    };
    let record: LineIn = match serde_json::from_slice(line) {
        Ok(r) => r,
        Err(e) => {
            // A record of another version may fail for that reason alone.
            if let Ok(Head {
                format: Some(serde_json::Value::String(f)),
            }) = serde_json::from_slice::<Head>(line)
                && f != FORMAT
            {
                return Err(version(&f));
            }
            return Err(format!("not a claim record: {e}{remake}"));
        }
    };
    match record.format.as_deref() {
        Some(FORMAT) => {}
        Some(other) => return Err(version(other)),
        None => {
            return Err(format!(
                "no \"format\" field: not a claimdiff claim record (expected \"format\": \"{FORMAT}\"){remake}"
            ));
        }
    }
    if let Some(problem) = record.problem {
        return Ok(Parsed::Problem(problem));
    }
    let missing = |field: &str| format!("the record has no \"{field}\"{remake}");
    let id = record.document.ok_or_else(|| missing("document"))?;
    let path = record.path.ok_or_else(|| missing("path"))?;
    let format = record.input.ok_or_else(|| missing("input"))?;
    let text = record.text.ok_or_else(|| missing("text"))?;
    let terms = record.terms.ok_or_else(|| missing("terms"))?;
    let bad = |what: String| format!("document `{id}`: {what}{remake}");
    if text.len() > u32::MAX as usize {
        return Err(bad("text larger than 4 GiB".into()));
    }
    let span = |(start, end): (u32, u32), what: &str| -> Result<Span, String> {
        let ok = start <= end
            && (end as usize) <= text.len()
            && text.is_char_boundary(start as usize)
            && text.is_char_boundary(end as usize);
        if ok {
            Ok(Span { start, end })
        } else {
            Err(bad(format!(
                "{what} [{start}, {end}] is not a span of its {}-byte text",
                text.len()
            )))
        }
    };
    let mut blocks = Vec::with_capacity(record.blocks.len());
    for (start, end, role) in record.blocks {
        blocks.push(Block {
            span: span((start, end), "a block")?,
            role,
        });
    }
    let mut sentences = Vec::with_capacity(record.sentences.len());
    for (start, end, block, heading) in record.sentences {
        if block as usize >= blocks.len() {
            return Err(bad(format!(
                "a sentence is in block {block} of {}",
                blocks.len()
            )));
        }
        sentences.push(Sentence {
            span: span((start, end), "a sentence")?,
            block,
            heading,
        });
    }
    let mut map = OffsetMap::new();
    for piece in &record.map {
        let room = (text.len() - map.clean_len()) as u64;
        if piece.first().is_some_and(|&len| len > room) {
            return Err(bad(format!(
                "offset map piece {piece:?} runs past the end of its {}-byte text",
                text.len()
            )));
        }
        match piece[..] {
            [len, raw] if raw.saturating_add(len) <= MAX_RAW => {
                map.push_verbatim(len as usize, raw);
            }
            [len, raw, raw_end] if raw <= raw_end && raw_end <= MAX_RAW => {
                map.push_replaced(len as usize, raw, raw_end);
            }
            _ => {
                return Err(bad(format!(
                    "offset map piece {piece:?} is neither [len, raw] nor [len, raw, raw_end]"
                )));
            }
        }
    }
    if map.clean_len() != text.len() {
        return Err(bad(format!(
            "the offset map covers {} bytes of a {}-byte text",
            map.clean_len(),
            text.len()
        )));
    }
    let mut claims = Vec::with_capacity(record.claims.len());
    for c in record.claims {
        let own = span(c.clean, "a claim")?;
        if c.sentence_index as usize >= sentences.len() {
            return Err(bad(format!(
                "a claim is in sentence {} of {}",
                c.sentence_index,
                sentences.len()
            )));
        }
        let inner: Vec<Span> = match &c.kind {
            ClaimKind::Quantity(_) | ClaimKind::Framing(_) => Vec::new(),
            ClaimKind::Mention(m) => std::iter::once(m.name_span)
                .chain(m.descriptor.as_ref().map(|d| d.span))
                .collect(),
            ClaimKind::Attribution(a) => vec![a.speaker.span, a.content_span],
        };
        for s in inner {
            span((s.start, s.end), "a name, title, speaker or quote")?;
        }
        claims.push(Claim {
            span: own,
            sentence: c.sentence_index,
            kind: c.kind,
        });
    }
    let mut ids = Vec::with_capacity(terms.len());
    for (hex, count) in &terms {
        let id = u64::from_str_radix(hex, 16)
            .ok()
            .filter(|_| hex.len() == 16)
            .ok_or_else(|| bad(format!("grouping term `{hex}` is not 16 hex digits")))?;
        if !(count.is_finite() && *count > 0.0) {
            return Err(bad(format!("grouping term `{hex}` has count {count}")));
        }
        ids.push((id, *count));
    }
    if !ids.is_sorted_by(|a, b| a.0 < b.0) {
        return Err(bad("grouping terms must be sorted by id, each once".into()));
    }
    let doc = Document {
        id,
        path,
        format,
        meta: record.meta,
        text,
        map,
        blocks,
        dropped: Vec::new(),
        warnings: record.warnings,
    };
    Ok(Parsed::Document(Box::new(Analysis {
        doc,
        sentences,
        claims,
        terms: ids,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Source;

    fn analysis(raw: &str) -> Analysis {
        crate::extract::analyze(crate::clean::clean(&Source {
            id: "d".into(),
            path: "d.jsonl".into(),
            format: Format::JsonString,
            raw: raw.as_bytes().to_vec(),
            base: 17,
            meta: Meta::default(),
        }))
    }

    #[test]
    fn a_record_reads_back_as_the_analysis_it_was_written_from() {
        let a = analysis(
            r#"More than 300 people, about 1.6 million \u201cguests\u201d,\nwere evacuated, Mayor Ana Ruiz said: \"We are safe.\""#,
        );
        assert!(
            a.claims
                .iter()
                .any(|c| c.quantity().is_some_and(|q| q.interval.hi == f64::INFINITY)),
            "an unbounded interval is written as null and read back"
        );
        let line = render_document(&a);
        let Ok(Parsed::Document(back)) = parse_line(line.as_bytes()) else {
            panic!("the record reads back: {line}");
        };
        assert_eq!(back.claims, a.claims);
        assert_eq!(back.sentences, a.sentences);
        assert_eq!(back.doc.text, a.doc.text);
        assert_eq!(back.doc.blocks, a.doc.blocks);
        assert_eq!(back.terms, a.terms);
        for c in &a.claims {
            assert_eq!(back.doc.raw_span(c.span), a.doc.raw_span(c.span));
        }
    }
}
