use super::*;

fn all(s: &str) -> Vec<(String, Quantity)> {
    extract(s, Span::new(0, s.len()))
        .into_iter()
        .map(|(sp, q)| (sp.slice(s).to_string(), q))
        .collect()
}

#[test]
fn smoke() {
    for s in [
        "The talks lasted almost five hours.",
        "a 28-point draft",
        "Storm surge killed five people.",
    ] {
        eprintln!("{s}: {:?}", all(s));
    }
}

/// Every sentence of every article in the shared cases, with its quantities.
fn shared_dir() -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("CLAIMDIFF_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    dir.is_dir().then_some(dir)
}

fn case_dirs(shared: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut dirs = vec![shared.join("seeds")];
    if let Ok(entries) = std::fs::read_dir(shared.join("cases")) {
        let mut cases: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        cases.sort();
        dirs.extend(cases);
    }
    dirs.into_iter()
        .filter(|d| d.join("gold.toml").is_file())
        .collect()
}

/// The quantities of an article file, split into lines and sentences.
fn article_quantities(text: &str) -> Vec<(Span, Quantity)> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let block = Span::new(at, at + line.trim_end_matches(['\n', '\r']).len());
        for sentence in crate::segment::split_block(text, block) {
            out.extend(extract(text, sentence));
        }
        at += line.len();
    }
    out
}

fn numeric_evidence(gold: &toml::Table) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for key in ["finding", "agreement"] {
        let Some(items) = gold.get(key).and_then(|v| v.as_array()) else {
            continue;
        };
        for item in items {
            let numeric = match item.get("kind") {
                Some(toml::Value::String(k)) => k == "numeric",
                Some(toml::Value::Array(ks)) => ks.iter().any(|k| k.as_str() == Some("numeric")),
                _ => false,
            };
            if !numeric {
                continue;
            }
            if let Some(ev) = item.get("evidence").and_then(|e| e.as_table()) {
                for (doc, s) in ev {
                    if let Some(s) = s.as_str() {
                        out.push((doc.clone(), s.to_string()));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn gold_numeric_evidence_overlaps_an_extracted_quantity() {
    let Some(shared) = shared_dir() else {
        eprintln!("note: shared cases not found (set CLAIMDIFF_SHARED); skipping");
        return;
    };
    let mut total = 0;
    let mut missed = Vec::new();
    for dir in case_dirs(&shared) {
        let Ok(gold) = std::fs::read_to_string(dir.join("gold.toml")) else {
            continue;
        };
        let Ok(gold) = gold.parse::<toml::Table>() else {
            continue;
        };
        for (doc, evidence) in numeric_evidence(&gold) {
            total += 1;
            let Some(text) = ["txt", "md", "html"]
                .iter()
                .find_map(|ext| std::fs::read_to_string(dir.join(format!("{doc}.{ext}"))).ok())
            else {
                missed.push(format!("{doc}: file not found"));
                continue;
            };
            let quantities = article_quantities(&text);
            let hit = text.match_indices(&evidence).any(|(at, s)| {
                let ev = Span::new(at, at + s.len());
                quantities.iter().any(|(span, _)| span.overlaps(ev))
            });
            if !hit {
                missed.push(format!("{doc}: {evidence:?}"));
            }
        }
    }
    eprintln!(
        "gold numeric evidence covered: {} of {total}",
        total - missed.len()
    );
    assert!(
        missed.is_empty(),
        "uncovered gold evidence:\n{}",
        missed.join("\n")
    );
}

#[test]
fn dump_shared() {
    let Some(shared) = shared_dir() else { return };
    if std::env::var_os("QUANTITY_DUMP").is_none() {
        return;
    }
    for dir in case_dirs(&shared) {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "txt"))
        {
            let Ok(text) = std::fs::read_to_string(f) else {
                continue;
            };
            for (span, q) in article_quantities(&text) {
                eprintln!(
                    "{}\t{:?}\t{:?}\t{}\t[{}..{}]\t{:?}\t{:?}\t{:?}",
                    f.file_name()
                        .map(|n| n.to_string_lossy())
                        .unwrap_or_default(),
                    span.slice(&text),
                    q.dimension,
                    q.describe(),
                    q.interval.lo,
                    q.interval.hi,
                    q.counted,
                    q.predicate,
                    q.precision
                );
            }
        }
    }
}
