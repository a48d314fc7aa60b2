use super::*;
use crate::span::Span;

fn all(s: &str) -> Vec<(String, Quantity)> {
    extract(s, Span::new(0, s.len()))
        .into_iter()
        .map(|(sp, q)| (sp.slice(s).to_string(), q))
        .collect()
}

#[derive(serde::Deserialize)]
struct CaseFile {
    case: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    text: String,
    span: Option<String>,
    dimension: Option<Dimension>,
    lo: Option<f64>,
    hi: Option<f64>,
    unit: Option<String>,
    hedge: Option<String>,
    counted: Option<String>,
    counted_all: Option<Vec<String>>,
    predicate: Option<String>,
    currency: Option<String>,
    precision: Option<f64>,
    modifier: Option<bool>,
    absent: Option<String>,
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-3 * a.abs().max(b.abs()).max(1e-9)
}

/// Checks one case; returns what is wrong with it.
fn check(case: &Case) -> Option<String> {
    let found = all(&case.text);
    let shown = || {
        found
            .iter()
            .map(|(s, q)| {
                format!(
                    "{s:?} {:?} [{}, {}] {:?} {:?}",
                    q.dimension, q.interval.lo, q.interval.hi, q.counted, q.hedge
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    if let Some(absent) = &case.absent {
        let at = case.text.find(absent.as_str())?;
        let bad = Span::new(at, at + absent.len());
        let text = &case.text;
        let hit = extract(text, Span::new(0, text.len()))
            .into_iter()
            .any(|(s, _)| s.overlaps(bad));
        return hit.then(|| {
            format!(
                "{:?}: {absent:?} read as a quantity: {}",
                case.text,
                shown()
            )
        });
    }
    let span = case.span.as_deref().unwrap_or("");
    let Some((_, q)) = found.iter().find(|(s, _)| s == span) else {
        return Some(format!(
            "{:?}: no quantity spanning {span:?}; found {}",
            case.text,
            shown()
        ));
    };
    let mut wrong = Vec::new();
    if let Some(d) = case.dimension
        && q.dimension != d
    {
        wrong.push(format!("dimension {:?}", q.dimension));
    }
    if let Some(lo) = case.lo
        && !close(q.interval.lo, lo)
    {
        wrong.push(format!("lo {} (want {lo})", q.interval.lo));
    }
    if let Some(hi) = case.hi
        && !close(q.interval.hi, hi)
    {
        wrong.push(format!("hi {} (want {hi})", q.interval.hi));
    }
    if let Some(u) = &case.unit
        && &q.unit != u
    {
        wrong.push(format!("unit {:?}", q.unit));
    }
    if let Some(h) = &case.hedge
        && q.hedge.as_deref() != Some(h.as_str())
    {
        wrong.push(format!("hedge {:?}", q.hedge));
    }
    if case.hedge.is_none() && q.hedge.is_some() && case.lo.is_some() {
        wrong.push(format!("unexpected hedge {:?}", q.hedge));
    }
    if let Some(c) = &case.counted
        && q.counted.first() != Some(c)
    {
        wrong.push(format!("counted {:?}", q.counted));
    }
    if let Some(c) = &case.counted_all
        && &q.counted != c
    {
        wrong.push(format!("counted {:?}", q.counted));
    }
    if let Some(p) = &case.predicate
        && q.predicate.as_ref() != Some(p)
    {
        wrong.push(format!("predicate {:?}", q.predicate));
    }
    if let Some(c) = &case.currency
        && q.currency.as_ref() != Some(c)
    {
        wrong.push(format!("currency {:?}", q.currency));
    }
    if let Some(p) = case.precision
        && !close(q.precision, p)
    {
        wrong.push(format!("precision {}", q.precision));
    }
    if let Some(m) = case.modifier
        && q.modifier != m
    {
        wrong.push(format!("modifier {}", q.modifier));
    }
    (!wrong.is_empty()).then(|| format!("{:?} -> {span:?}: {}", case.text, wrong.join(", ")))
}

#[test]
fn phrase_cases() {
    let file: CaseFile =
        toml::from_str(include_str!("../quantity_cases.toml")).expect("valid cases file");
    assert!(
        file.case.len() >= 200,
        "only {} phrase cases",
        file.case.len()
    );
    let failures: Vec<String> = file.case.iter().filter_map(check).collect();
    assert!(
        failures.is_empty(),
        "{} of {} phrase cases fail:\n{}",
        failures.len(),
        file.case.len(),
        failures.join("\n")
    );
}

#[test]
fn hedge_examples_give_their_intervals() {
    let t = data::tables();
    for (_, h) in &t.hedges {
        let found = all(&h.example);
        let ok = found.iter().any(|(_, q)| {
            q.hedge.as_deref() == Some(h.phrase.as_str())
                && close(q.interval.lo, h.lo)
                && close(q.interval.hi, h.hi)
        });
        assert!(ok, "hedge {:?}: {:?} gave {found:?}", h.phrase, h.example);
    }
    for (_, v) in &t.vague {
        let found = all(&v.example);
        let ok = found.iter().any(|(_, q)| {
            q.hedge.as_deref() == Some(v.phrase.as_str())
                && close(q.interval.lo, v.lo)
                && close(q.interval.hi, v.hi)
        });
        assert!(ok, "vague {:?}: {:?} gave {found:?}", v.phrase, v.example);
    }
}

#[test]
fn odd_input_never_panics_and_spans_are_exact() {
    let long_digits = "9".repeat(400);
    let inputs = [
        "",
        "   ",
        "1,2,3",
        "4..5",
        ".5",
        "5.",
        "-",
        "$",
        "a$",
        "A$",
        "about",
        "twenty-",
        "-5",
        "5-",
        "5 to",
        "between 5 and",
        "1:",
        "12:3",
        "\u{e9}\u{e9} 5 \u{fc}\u{fc}",
        "\u{1f600}12\u{1f600} km",
        "\u{200b}5\u{200b}%",
        "5\u{301} people",
        "\u{663}\u{664} people",
        "one and a",
        "a dozen",
        "half",
        "half a",
        "the first",
        "Category",
        "Category 4",
        "more than a",
        "up to",
        "4.2bn",
        "$4.2",
        "5 or",
        "10,000,00 people",
        "3.-4",
        "$$5",
        "5%%",
        "5 % of",
        "between $5",
        "9 a.m",
        "25:99 GMT",
        "Super Typhoon",
        "two-thirds",
        "100-",
        long_digits.as_str(),
    ];
    for s in inputs {
        for (span, q) in extract(s, Span::new(0, s.len())) {
            assert!(
                s.is_char_boundary(span.start as usize) && s.is_char_boundary(span.end as usize)
            );
            assert!(!span.is_empty(), "{s:?} gave an empty span");
            assert!(
                q.interval.lo <= q.interval.hi || q.interval.lo.is_nan(),
                "{s:?}: {q:?}"
            );
            let _ = q.describe();
        }
    }
    // A sentence span in the middle of the text, and one that is out of range.
    let text = "Intro. About 40 people came. Outro.";
    let got = extract(text, Span::new(7, 28));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0.slice(text), "About 40 people");
    assert!(extract(text, Span::new(7, 999)).is_empty());
}

#[test]
fn spans_cover_hedge_number_unit_and_noun() {
    let cases = [
        (
            "Nearly 30,000 participants enrolled in the trial.",
            "Nearly 30,000 participants",
        ),
        (
            "The storm had maximum sustained winds of 150 mph.",
            "150 mph",
        ),
        (
            "It cost more than A$60 million in storage fees.",
            "more than A$60 million in storage fees",
        ),
        (
            "Envoys studied a 28-point draft on Tuesday.",
            "28-point draft",
        ),
        (
            "Launch is now at 6:14 p.m. EDT from the pad.",
            "6:14 p.m. EDT",
        ),
    ];
    for (text, want) in cases {
        let got: Vec<String> = all(text).into_iter().map(|(s, _)| s).collect();
        assert!(
            got.iter().any(|g| g == want),
            "{text:?}: want {want:?}, got {got:?}"
        );
    }
}

#[test]
fn describe_reads_like_an_explanation() {
    let d = |s: &str| {
        all(s)
            .first()
            .map(|(_, q)| q.describe())
            .unwrap_or_default()
    };
    assert_eq!(d("a 28-point draft"), "28 points");
    assert_eq!(d("almost five hours"), "almost 5 hours");
    assert_eq!(d("More than 1,000 people fled."), "more than 1,000 people");
    assert_eq!(d("It cost A$18 million."), "AUD 18 million");
}

#[test]
fn hedged_and_plain_figures_are_compatible() {
    let one = |s: &str| {
        all(s)
            .into_iter()
            .next()
            .map(|(_, q)| q)
            .expect("a quantity")
    };
    let a = one("The talks lasted almost five hours.");
    let b = one("After five-hour negotiations they left.");
    assert!(a.interval.overlaps(&b.interval));
    let months = one("They came three months apart.");
    let days = one("They came 90 days apart.");
    assert!(
        months
            .interval
            .widen(months.precision)
            .overlaps(&days.interval)
    );
    let tonnes = one("a 6.2-tonne payload");
    let kg = one("It weighs 6,200 kg.");
    assert!(tonnes.interval.overlaps(&kg.interval));
    let nmi = one("It sank about 30 nautical miles south.");
    let km = one("It sank about 55 km south.");
    assert!(nmi.interval.overlaps(&km.interval));
    let bp = one("a cut of 25 basis points");
    assert!(close(bp.value, 0.25));
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

#[test]
fn random_pieces_never_panic_and_stay_inside_the_sentence() {
    // A deterministic mix of the pieces that trip number readers.
    let pieces = [
        "1",
        "0",
        "12",
        "1,200",
        "4.2",
        ".",
        ",",
        "-",
        "\u{2013}",
        ":",
        "$",
        "A$",
        "\u{20ac}",
        "%",
        "bn",
        "m",
        "k",
        "million",
        "dozen",
        "a",
        "half",
        "and",
        "to",
        "between",
        "about",
        "more than",
        "up to",
        "hours",
        "-hour",
        "km/h",
        "\u{b0}C",
        "Category",
        "No.",
        "Oct.",
        "2024",
        "p.m.",
        "GMT",
        "twenty",
        "-seven",
        "third",
        "people",
        "of",
        "the",
        "\u{e9}",
        "\u{1f600}",
        "\u{301}",
        " ",
        " ",
        " ",
        "\n",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..3000 {
        let mut s = String::new();
        let n = (state % 12) as usize + 1;
        for _ in 0..n {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            s.push_str(pieces[(state >> 33) as usize % pieces.len()]);
        }
        let text = format!("X {s} Y");
        let sentence = Span::new(2, 2 + s.len());
        for (span, q) in extract(&text, sentence) {
            assert!(
                sentence.contains(span),
                "{text:?}: {span:?} leaves the sentence"
            );
            assert!(
                text.is_char_boundary(span.start as usize)
                    && text.is_char_boundary(span.end as usize)
            );
            assert!(!q.value.is_nan(), "{text:?}: {q:?}");
            let _ = q.describe();
        }
    }
}
