//! Per-stage benchmarks on a fixed sample, so that a regression shows
//! where it happened:
//!
//! ```sh
//! cargo bench --bench stages                       # every stage
//! cargo bench --bench stages -- --sample-count 3   # quick
//! cargo bench --bench stages -- extract            # one stage
//! ```
//!
//! The sample is the first `CLAIMDIFF_BENCH_DOCS` (default 500) articles of
//! `../shared/data/abp-articles.jsonl.gz` (or `CLAIMDIFF_CORPUS`), read at
//! run time and never copied into the repository. Without the corpus, the
//! committed seeds and fixtures are the sample instead (a message says so),
//! and the figures are not comparable with the corpus's.
//!
//! Stages run one document after another on one thread, except grouping and
//! comparison, which see the whole sample and use the thread pool as a run
//! does. `segment` is sentences and tokens; `extract` is
//! [`claimdiff::extract::analyze`], which segments before it extracts, so
//! extraction alone is the difference of the two.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use claimdiff::clean::Document;
use claimdiff::extract::Analysis;
use claimdiff::group::Event;
use claimdiff::ingest::Source;
use divan::black_box;

fn main() {
    let sample = &*SAMPLE;
    eprintln!(
        "sample: {} documents, {:.1} MB ({})",
        sample.sources.len(),
        sample.sources.iter().map(|s| s.raw.len()).sum::<usize>() as f64 / 1e6,
        sample.origin
    );
    divan::main();
}

/// The documents every stage is measured on, and each stage's input made once.
struct Sample {
    origin: String,
    sources: Vec<Source>,
    documents: Vec<Document>,
    analyses: Vec<Analysis>,
    events: Vec<Event>,
}

static SAMPLE: LazyLock<Sample> = LazyLock::new(|| {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = std::env::var_os("CLAIMDIFF_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/data/abp-articles.jsonl.gz"));
    let docs: usize = std::env::var("CLAIMDIFF_BENCH_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(500);
    let (origin, sources) = match corpus_sample(&corpus, docs) {
        Some(sources) => (
            format!("the first {docs} articles of {}", corpus.display()),
            sources,
        ),
        None => {
            eprintln!(
                "bench: {} not found; measuring the committed seeds and fixtures instead",
                corpus.display()
            );
            let inputs = [root.join("seeds"), root.join("fixtures")];
            let read = claimdiff::ingest::read(&inputs, &Default::default());
            ("seeds and fixtures".to_string(), read.sources)
        }
    };
    let documents: Vec<Document> = sources.iter().map(claimdiff::clean::clean).collect();
    let analyses: Vec<Analysis> = documents
        .iter()
        .cloned()
        .map(claimdiff::extract::analyze)
        .filter(|a| !a.doc.text.trim().is_empty())
        .collect();
    let events = claimdiff::group::events(&analyses, &Default::default());
    Sample {
        origin,
        sources,
        documents,
        analyses,
        events,
    }
});

/// The first `docs` records of a `.jsonl.gz` corpus, read as claimdiff reads it.
fn corpus_sample(corpus: &Path, docs: usize) -> Option<Vec<Source>> {
    let file = std::fs::File::open(corpus).ok()?;
    let mut raw = Vec::new();
    let mut reader = BufReader::new(flate2::read::MultiGzDecoder::new(file));
    for _ in 0..docs {
        if reader.read_until(b'\n', &mut raw).ok()? == 0 {
            break;
        }
    }
    let read = claimdiff::ingest::from_bytes("sample.jsonl", raw, &Default::default());
    Some(read.sources).filter(|s| !s.is_empty())
}

#[divan::bench(sample_count = 10)]
fn clean() -> usize {
    SAMPLE
        .sources
        .iter()
        .map(|s| black_box(claimdiff::clean::clean(s)).text.len())
        .sum()
}

#[divan::bench(sample_count = 10)]
fn segment() -> usize {
    SAMPLE
        .documents
        .iter()
        .map(|doc| {
            claimdiff::segment::sentences(doc)
                .iter()
                .map(|s| black_box(claimdiff::segment::tokens(&doc.text, s.span)).len())
                .sum::<usize>()
        })
        .sum()
}

#[divan::bench(sample_count = 10)]
fn extract(bencher: divan::Bencher) {
    bencher
        .with_inputs(|| SAMPLE.documents.clone())
        .bench_values(|documents| {
            documents
                .into_iter()
                .map(|doc| black_box(claimdiff::extract::analyze(doc)).claims.len())
                .sum::<usize>()
        });
}

#[divan::bench(sample_count = 10)]
fn group() -> Vec<Event> {
    claimdiff::group::events(&SAMPLE.analyses, &Default::default())
}

#[divan::bench(sample_count = 10)]
fn align_compare() -> usize {
    claimdiff::compare::run(&SAMPLE.analyses, &SAMPLE.events).len()
}

/// Writing and reading back the claim records of `claimdiff extract`.
#[divan::bench(sample_count = 10)]
fn claim_records(bencher: divan::Bencher) {
    let dir = std::env::temp_dir().join(format!("claimdiff-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("claims.jsonl");
    bencher.bench(|| {
        let text = claimdiff::report::claims::render(&SAMPLE.analyses, &[]);
        std::fs::write(&path, text)
            .map(|()| claimdiff::report::claims::read(std::slice::from_ref(&path)))
    });
    let _ = std::fs::remove_dir_all(&dir);
}
