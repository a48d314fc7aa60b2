//! claimdiff: where news outlets disagree about the same event, with evidence.
//!
//! The modules are the pipeline, in order: inputs are read ([`ingest`]),
//! cleaned of page furniture ([`clean`]), split into sentences and tokens
//! ([`segment`]), mined for claims ([`extract`]) in canonical forms
//! ([`normalize`]), grouped into events ([`group`]), aligned across outlets
//! ([`align`]), compared by rules ([`compare`]) and reported ([`report`]).
//! [`cli`] is the only place that prints or exits.

pub mod span;

pub mod ingest;

pub mod fetch;

pub mod clean;

pub mod segment;

pub mod extract;

pub mod normalize;

pub mod lexicon;

pub mod group;

pub mod align;

pub mod compare;

pub mod report;

pub mod check;

pub mod config;

pub mod cli;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::compare::Finding;
use crate::extract::Analysis;
use crate::group::Event;
use crate::ingest::Problem;

/// Choices for a whole run.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub ingest: ingest::Options,
    pub group: group::Options,
}

/// What one run of the pipeline produced.
#[derive(Debug)]
pub struct Run {
    pub analyses: Vec<Analysis>,
    pub events: Vec<Event>,
    pub findings: Vec<Finding>,
    pub problems: Vec<Problem>,
    /// Wall time of each stage, in pipeline order.
    pub timings: Vec<Lap>,
}

/// One stage's wall time, and the process's peak memory when it ended.
#[derive(Clone, Copy, Debug)]
pub struct Lap {
    pub stage: &'static str,
    pub took: std::time::Duration,
    /// Peak resident memory of the process so far, in bytes, where the
    /// system tells it (Linux's `VmHWM`); `None` elsewhere.
    pub peak_bytes: Option<u64>,
}

impl Lap {
    /// The stage `stage`, begun at `start`, ends now.
    pub fn since(stage: &'static str, start: std::time::Instant) -> Lap {
        Lap {
            stage,
            took: start.elapsed(),
            peak_bytes: peak_memory(),
        }
    }
}

/// Peak resident memory of this process so far, in bytes (Linux only), so
/// that `--timings` shows which stage a run's memory peak belongs to.
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

impl Run {
    /// The run resolved for output.
    pub fn report(&self) -> report::Report {
        report::Report::new(&self.analyses, &self.events, &self.findings, &self.problems)
    }

    /// The run resolved for output, with documents' cleaned texts only when
    /// `texts` (see [`report::Report::resolve`]).
    pub fn report_with(&self, texts: bool) -> report::Report {
        report::Report::resolve(
            &self.analyses,
            &self.events,
            &self.findings,
            &self.problems,
            texts,
        )
    }
}

/// Where a run is, for progress reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// This many documents are read so far (reading overlaps analysis).
    Read(usize),
    /// One more document was cleaned and its claims extracted.
    Analyzed,
    /// Documents are being grouped into events and compared.
    Comparing,
}

/// Runs the whole pipeline on the given inputs.
pub fn run(inputs: &[PathBuf], options: &Options) -> Run {
    run_observed(inputs, options, &|_| {})
}

/// Runs the whole pipeline, telling `observe` where it is (from any thread).
pub fn run_observed(
    inputs: &[PathBuf],
    options: &Options,
    observe: &(dyn Fn(Stage) + Sync),
) -> Run {
    let analyzed = analyze_observed(inputs, options, observe);
    compare_observed(analyzed, options, observe)
}

/// Documents read, cleaned and analyzed: the per-document half of a run.
#[derive(Debug, Default)]
pub struct Analyzed {
    pub analyses: Vec<Analysis>,
    pub problems: Vec<Problem>,
    /// Wall time of each stage so far, in pipeline order.
    pub timings: Vec<Lap>,
}

/// Reads, cleans and analyzes every input: a parallel map over documents.
/// Documents that share an id are kept here; [`compare_observed`] drops them.
pub fn analyze_observed(
    inputs: &[PathBuf],
    options: &Options,
    observe: &(dyn Fn(Stage) + Sync),
) -> Analyzed {
    let clock = std::time::Instant::now();
    let mut analyses: Vec<Analysis> = Vec::new();
    let problems = analyze_each(inputs, options, observe, &mut |batch| {
        analyses.extend(batch)
    });
    Analyzed {
        analyses,
        problems,
        timings: vec![Lap::since("ingest+clean+segment+extract", clock)],
    }
}

/// Reads, cleans and analyzes every input, handing `sink` the analyses a
/// batch at a time, in input order; returns the problems met reading. All
/// of a run that `claimdiff extract` does, in memory for a batch at a time.
///
/// Reading overlaps the work: one thread reads (and decompresses) inputs
/// into batches that the thread pool analyzes as they come, in order, so
/// the documents come out as [`ingest::read`] would give them, at any
/// thread count. A source's raw bytes are dropped once it is cleaned, and
/// at most a few batches wait at a time, so a corpus's text is held once,
/// as the documents' cleaned text, however large its file.
pub fn analyze_each(
    inputs: &[PathBuf],
    options: &Options,
    observe: &(dyn Fn(Stage) + Sync),
    sink: &mut dyn FnMut(Vec<Analysis>),
) -> Vec<Problem> {
    /// A batch is this many documents or bytes, whichever comes first.
    const BATCH_DOCS: usize = 256;
    const BATCH_BYTES: usize = 8 << 20;
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<ingest::Source>>(2);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut problems = Vec::new();
            let mut batch = Vec::new();
            let mut bytes = 0usize;
            ingest::read_each(
                inputs,
                &options.ingest,
                &mut |source| {
                    bytes += source.raw.len();
                    batch.push(source);
                    if batch.len() >= BATCH_DOCS || bytes >= BATCH_BYTES {
                        bytes = 0;
                        // The receiver only hangs up when this scope ends.
                        let _ = sender.send(std::mem::take(&mut batch));
                    }
                },
                &mut problems,
            );
            if !batch.is_empty() {
                let _ = sender.send(batch);
            }
            problems
        });
        let mut read = 0;
        for batch in receiver {
            read += batch.len();
            observe(Stage::Read(read));
            sink(
                batch
                    .into_par_iter()
                    .map(|source| {
                        let analysis = extract::analyze(clean::clean(&source));
                        observe(Stage::Analyzed);
                        analysis
                    })
                    .collect(),
            );
        }
        reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Groups analyzed documents into events and compares them: the half of a
/// run that sees the whole collection.
pub fn compare_observed(
    analyzed: Analyzed,
    options: &Options,
    observe: &(dyn Fn(Stage) + Sync),
) -> Run {
    let Analyzed {
        mut analyses,
        mut problems,
        mut timings,
    } = analyzed;
    let mut clock = std::time::Instant::now();
    let mut lap = |name: &'static str| {
        timings.push(Lap::since(name, clock));
        clock = std::time::Instant::now();
    };
    observe(Stage::Comparing);
    // Two documents with one id would make every report ambiguous: both go.
    let ids: Vec<(&str, &str)> = analyses
        .iter()
        .map(|a| (a.doc.id.as_str(), a.doc.path.as_str()))
        .collect();
    let (duplicate, duplicates) = ingest::duplicates(&ids);
    problems.extend(duplicates);
    // A document with no text left has nothing to compare: it is a problem,
    // not a document, so a run of nothing else reads as a failed run.
    let empty: Vec<bool> = analyses
        .iter()
        .map(|a| a.doc.text.trim().is_empty())
        .collect();
    for (a, _) in analyses
        .iter()
        .zip(duplicate.iter().zip(&empty))
        .filter(|(_, (duplicate, empty))| **empty && !**duplicate)
    {
        problems.push(Problem {
            path: a.doc.path.clone(),
            line: None,
            message: format!(
                "document `{}` has no article text once page furniture is removed; skipped",
                a.doc.id
            ),
        });
    }
    let keep: Vec<bool> = duplicate
        .iter()
        .zip(&empty)
        .map(|(d, e)| !d && !e)
        .collect();
    let mut kept = keep.iter();
    analyses.retain(|_| kept.next().copied().unwrap_or(false));
    // People are resolved from the documents alone, on one thread: beside
    // grouping, whose parallel stages leave a core idle now and then.
    let (events, people) = rayon::join(
        || group::events(&analyses, &options.group),
        || align::people(&analyses),
    );
    // Nothing after grouping reads the terms, and they are as large as
    // the claims.
    analyses.par_iter_mut().for_each(|a| a.terms = Vec::new());
    lap("group");
    let findings = compare::run_with(&analyses, &events, &people);
    lap("align+compare");
    Run {
        analyses,
        events,
        findings,
        problems,
        timings,
    }
}
