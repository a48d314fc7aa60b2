//! The command line: arguments, output and exit codes. The only place that prints or exits.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::compare::{self, Verdict};
use crate::report;

/// Where news outlets disagree about the same event, with evidence.
#[derive(Debug, Parser)]
#[command(name = "claimdiff", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare articles and report numeric, attribution and framing discrepancies.
    #[command(after_help = "\
Examples:
  claimdiff compare seeds/                      table of findings for a folder
  claimdiff compare --format json a.txt b.md    the JSON contract, for tools
  claimdiff compare --fail-on variation dir/    exit 1 on variations too (for CI)
  cat story.txt | claimdiff compare - other.txt standard input is `-`

Exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage or input error.")]
    Compare(CompareArgs),
    /// Print every claim of every document as JSON Lines, before any comparison.
    Extract {
        /// Files or directories, as for `compare`.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print the cleaned main text of each document, exactly as the pipeline reads it.
    Text {
        /// Files or directories, as for `compare`.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Show the raw byte range of each kept block.
        #[arg(long)]
        spans: bool,
    },
    /// Check fixture folders (articles plus gold.toml): missing findings, unexpected conflicts, furniture leaks.
    #[command(after_help = "\
Each folder at or below DIR that holds a gold.toml is a case. Exit status: 0
when every case passes, 1 when anything is missing or unexpected, 2 when no
case could be read.")]
    Check {
        /// Folders holding cases.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
    },
    /// List the comparison rules.
    Rules,
    /// Print a rule's documentation.
    Explain {
        /// The rule id, as `claimdiff rules` lists it.
        rule: String,
    },
}

/// Output formats of `compare`; each is a file of its own under `report/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table per event for the terminal, then a summary line.
    Table,
    /// The JSON contract, for tools.
    Json,
    /// A table per event to paste into an issue or a story note.
    Markdown,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions annotations (`::error` for conflicts, `::warning` for variations).
    Github,
    /// One self-contained HTML page: articles side by side, evidence highlighted.
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Conflict,
    Variation,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// Files or directories (.txt, .md, .markdown, .html, .htm, .jsonl, optionally .gz); `-` reads standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// The least verdict that makes the exit status 1.
    #[arg(long, value_enum, default_value_t = FailOn::Conflict)]
    pub fail_on: FailOn,
    /// Exit 0 even when there are findings (input errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Worker threads (default: one per core). Output is the same at any count.
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Largest document accepted, in bytes.
    #[arg(long, default_value_t = 256 * 1024 * 1024)]
    pub max_bytes: u64,
}

/// Exit statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Nothing at or above `--fail-on`.
    Clean = 0,
    /// Findings at or above `--fail-on`.
    Findings = 1,
    /// A usage or input error: nothing could be compared.
    Error = 2,
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { Exit::Error as u8 } else { 0 });
        }
    };
    let exit = match cli.command {
        Command::Compare(args) => compare_command(&args),
        Command::Check { dirs } => check_command(&dirs),
        Command::Text { paths, spans } => text_command(&paths, spans),
        Command::Extract { paths } => {
            let run = crate::run(&paths, &crate::Options::default());
            for problem in &run.problems {
                eprintln!("warning: {problem}");
            }
            match write_stdout(&report::claims::render(&run.analyses)) {
                Exit::Clean if run.analyses.is_empty() => Exit::Error,
                other => other,
            }
        }
        Command::Rules => {
            let mut out = String::new();
            for rule in compare::RULES {
                let summary = rule
                    .doc()
                    .split("## What it flags")
                    .nth(1)
                    .and_then(|s| s.trim().split("\n\n").next())
                    .unwrap_or("")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                out.push_str(&format!(
                    "{:<20} {:<12} {}\n",
                    rule.id(),
                    format!("{:?}", rule.kind()).to_lowercase(),
                    summary
                ));
            }
            write_stdout(&out)
        }
        Command::Explain { rule } => match compare::rule(&rule) {
            Some(r) => write_stdout(r.doc()),
            None => {
                eprintln!("error: no rule `{rule}`; `claimdiff rules` lists them");
                Exit::Error
            }
        },
    };
    ExitCode::from(exit as u8)
}

fn compare_command(args: &CompareArgs) -> Exit {
    if let Some(threads) = args.threads {
        if threads == 0 {
            eprintln!("error: --threads must be at least 1");
            return Exit::Error;
        }
        // Only fails when a pool exists already, which cannot happen here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global();
    }
    let options = crate::Options {
        ingest: crate::ingest::Options {
            max_bytes: args.max_bytes,
        },
        ..crate::Options::default()
    };
    let run = crate::run(&args.paths, &options);
    for problem in &run.problems {
        eprintln!("warning: {problem}");
    }
    if run.analyses.is_empty() {
        // Nothing was compared: print no report at all rather than an empty
        // one that a tool might take for a clean run.
        eprintln!(
            "error: no document could be read; pass .txt, .md, .html or .jsonl files or folders of them"
        );
        return Exit::Error;
    }
    let report = run.report();
    let text = match args.format {
        Format::Json => report::json::render(&report),
        Format::Table => report::table::render(&report, terminal_width()),
        Format::Markdown => report::markdown::render(&report),
        Format::Sarif => report::sarif::render(&report, &raw_files(&report)),
        Format::Github => report::github::render(&report, &raw_files(&report)),
        Format::Html => report::html::render(&report),
    };
    let written = write_stdout(&text);
    if written != Exit::Clean {
        return written;
    }
    let level = match args.fail_on {
        FailOn::Conflict => Some(Verdict::Conflict),
        FailOn::Variation => Some(Verdict::Variation),
        FailOn::Never => None,
    };
    match level {
        Some(level) if !args.exit_zero && report.fails(level) => Exit::Findings,
        _ => Exit::Clean,
    }
}

fn text_command(paths: &[PathBuf], spans: bool) -> Exit {
    let ingested = crate::ingest::read(paths, &crate::ingest::Options::default());
    for problem in &ingested.problems {
        eprintln!("warning: {problem}");
    }
    let mut out = String::new();
    for source in &ingested.sources {
        let doc = crate::clean::clean(source);
        out.push_str(&format!("==> {} ({}) <==\n", doc.id, doc.path));
        for warning in &doc.warnings {
            eprintln!("warning: {}: {warning}", doc.path);
        }
        for block in &doc.blocks {
            if spans {
                let (start, end) = doc.raw_span(block.span);
                out.push_str(&format!("[{start}..{end}] "));
            }
            out.push_str(block.span.slice(&doc.text));
            out.push('\n');
        }
        out.push('\n');
    }
    match write_stdout(&out) {
        Exit::Clean if ingested.sources.is_empty() => Exit::Error,
        other => other,
    }
}

fn check_command(dirs: &[PathBuf]) -> Exit {
    let mut cases = Vec::new();
    for dir in dirs {
        let found = crate::check::case_folders(dir);
        if found.is_empty() {
            eprintln!("error: {}: no folder with a gold.toml here", dir.display());
            return Exit::Error;
        }
        cases.extend(found);
    }
    let options = crate::Options::default();
    let mut out = String::new();
    let mut failed = 0;
    for case in &cases {
        let result = crate::check::check_folder(case, &options);
        if !result.passed() {
            failed += 1;
        }
        out.push_str(&crate::check::render(&result));
    }
    out.push_str(&format!(
        "{} cases, {} passed, {} failed\n",
        cases.len(),
        cases.len() - failed,
        failed
    ));
    match write_stdout(&out) {
        Exit::Clean if failed > 0 => Exit::Findings,
        other => other,
    }
}

/// The files the documents came from, exactly as on disk (decompressed
/// when gzipped, as ingest reads them), for lines and columns. A file that
/// cannot be read again is left out, and its claims are located by bytes.
fn raw_files(report: &report::Report) -> report::RawFiles {
    use std::io::Read;
    let mut files = report::RawFiles::new();
    for doc in &report.documents {
        if doc.path == "-" || files.contains_key(&doc.path) {
            continue;
        }
        let Ok(bytes) = std::fs::read(&doc.path) else {
            continue;
        };
        let bytes = if doc.path.to_ascii_lowercase().ends_with(".gz") {
            let mut out = Vec::new();
            match flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut out) {
                Ok(_) => out,
                Err(_) => continue,
            }
        } else {
            bytes
        };
        files.insert(doc.path.clone(), bytes);
    }
    files
}

fn terminal_width() -> Option<u16> {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
}

/// Writes to standard output; a closed pipe is a quiet success.
fn write_stdout(text: &str) -> Exit {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Exit::Clean,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Exit::Clean,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            Exit::Error
        }
    }
}
