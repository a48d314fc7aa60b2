//! The acceptance check of cleaning against the shared gold files: for every
//! article of `seeds/` and `cases/*/`, no `[[boilerplate]]` text survives in
//! a kept block, every evidence string of a finding, agreement or unrelated
//! pair is kept whole, and every block maps back to its raw bytes.
//!
//! The shared folder is `$CLAIMDIFF_SHARED`, or `../shared` next to the
//! crate; without it the test says so and passes.

use std::path::{Path, PathBuf};

use super::{Document, clean};
use crate::ingest::{Format, Meta, Source};

fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("CLAIMDIFF_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    dir.is_dir().then_some(dir)
}

fn case_folders(root: &Path) -> Vec<PathBuf> {
    let mut folders = vec![root.join("seeds")];
    if let Ok(entries) = std::fs::read_dir(root.join("cases")) {
        let mut cases: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.join("gold.toml").is_file())
            .collect();
        cases.sort();
        folders.extend(cases);
    }
    folders.retain(|f| f.join("gold.toml").is_file());
    folders
}

fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()? {
        "txt" => Some(Format::Text),
        "md" | "markdown" => Some(Format::Markdown),
        "html" | "htm" => Some(Format::Html),
        _ => None,
    }
}

/// Every occurrence of `needle` in `hay`, as byte ranges.
fn occurrences(hay: &[u8], needle: &[u8]) -> Vec<(u64, u64)> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| &hay[i..i + needle.len()] == needle)
        .map(|i| (i as u64, (i + needle.len()) as u64))
        .collect()
}

fn kept(doc: &Document) -> Vec<(u64, u64)> {
    doc.blocks.iter().map(|b| doc.raw_span(b.span)).collect()
}

#[derive(Default)]
struct Tally {
    boilerplate: usize,
    boilerplate_dropped: usize,
    evidence: usize,
    evidence_kept: usize,
    failures: Vec<String>,
}

fn check_folder(folder: &Path, tally: &mut Tally) {
    let gold_text = std::fs::read_to_string(folder.join("gold.toml")).expect("readable gold.toml");
    let gold: toml::Table = toml::from_str(&gold_text).expect("valid gold.toml");
    let mut docs = std::collections::BTreeMap::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("readable folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    for path in paths {
        let Some(format) = format_of(&path) else {
            continue;
        };
        let raw = std::fs::read(&path).expect("readable article");
        let id = path.file_stem().unwrap().to_string_lossy().to_string();
        let source = Source {
            id: id.clone(),
            path: path.display().to_string(),
            format,
            raw: raw.clone(),
            base: 0,
            meta: Meta::default(),
        };
        let doc = clean(&source);
        if format == Format::Text {
            for block in &doc.blocks {
                let (s, e) = doc.raw_span(block.span);
                let want = block.span.slice(&doc.text).as_bytes();
                if &raw[s as usize..e as usize] != want {
                    tally.failures.push(format!(
                        "{id}: block does not round-trip: {:?}",
                        block.span.slice(&doc.text)
                    ));
                }
                assert!(!block.span.slice(&doc.text).contains('\r'));
            }
        }
        docs.insert(id, (raw, doc));
    }
    let name = folder.file_name().unwrap().to_string_lossy().to_string();
    for item in gold
        .get("boilerplate")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
    {
        let (Some(id), Some(text)) = (
            item.get("document").and_then(|v| v.as_str()),
            item.get("text").and_then(|v| v.as_str()),
        ) else {
            continue;
        };
        let Some((raw, doc)) = docs.get(id) else {
            continue;
        };
        tally.boilerplate += 1;
        let kept = kept(doc);
        let leaked = occurrences(raw, text.as_bytes())
            .into_iter()
            .any(|(s, e)| kept.iter().any(|&(a, z)| s < z && a < e));
        if leaked {
            tally
                .failures
                .push(format!("{name}/{id}: boilerplate kept: {text:?}"));
        } else {
            tally.boilerplate_dropped += 1;
        }
    }
    for section in ["finding", "agreement", "unrelated"] {
        for item in gold
            .get(section)
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
        {
            let Some(evidence) = item.get("evidence").and_then(|v| v.as_table()) else {
                continue;
            };
            for (id, text) in evidence {
                let Some(text) = text.as_str() else { continue };
                let Some((raw, doc)) = docs.get(id) else {
                    continue;
                };
                tally.evidence += 1;
                let kept = kept(doc);
                let whole = occurrences(raw, text.as_bytes())
                    .into_iter()
                    .any(|(s, e)| kept.iter().any(|&(a, z)| a <= s && e <= z));
                if whole {
                    tally.evidence_kept += 1;
                } else {
                    tally
                        .failures
                        .push(format!("{name}/{id}: {section} evidence lost: {text:?}"));
                }
            }
        }
    }
}

#[test]
fn gold_boilerplate_is_dropped_and_evidence_is_kept() {
    let Some(root) = shared_dir() else {
        eprintln!("note: no shared gold folder (set CLAIMDIFF_SHARED); gold check skipped");
        return;
    };
    let mut tally = Tally::default();
    for folder in case_folders(&root) {
        check_folder(&folder, &mut tally);
    }
    eprintln!(
        "gold check: boilerplate dropped {}/{}, evidence kept {}/{}",
        tally.boilerplate_dropped, tally.boilerplate, tally.evidence_kept, tally.evidence
    );
    for f in &tally.failures {
        eprintln!("  {f}");
    }
    assert!(
        tally.failures.is_empty(),
        "{} gold failures",
        tally.failures.len()
    );
}
