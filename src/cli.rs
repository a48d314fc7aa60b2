//! The command line: arguments, output and exit codes. The only place that prints or exits.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

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
  claimdiff compare --save pages/ https://a.example/x https://b.example/y
                                                fetch pages, keep them in pages/

Exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage or input error.")]
    Compare(CompareArgs),
    /// Print every claim of every document as JSON Lines, before any comparison.
    #[command(after_help = "\
Each line is one document's record (format claimdiff-claims/1): its cleaned
text, sentences, offset map, claims and grouping terms, or a problem met while
reading. `claimdiff compare --from-claims` compares records as it compares the
documents they came from, so extraction can run on many machines (docs/scale.md).

Examples:
  claimdiff extract seeds/ > claims.jsonl
  claimdiff compare --from-claims claims.jsonl")]
    Extract(ExtractArgs),
    /// List the people named across the documents, with every spelling and title each outlet used.
    Entities {
        /// Files or directories, as for `compare`.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = EntitiesFormat::Table)]
        format: EntitiesFormat,
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
    /// Print a shell completion script.
    #[command(after_help = "\
Examples:
  claimdiff completions bash > /etc/bash_completion.d/claimdiff
  claimdiff completions zsh > \"${fpath[1]}/_claimdiff\"
  claimdiff completions fish > ~/.config/fish/completions/claimdiff.fish")]
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man -l -` or a man folder.
    Man,
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
pub enum EntitiesFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Conflict,
    Variation,
    Never,
}

impl From<crate::config::FailOn> for FailOn {
    fn from(f: crate::config::FailOn) -> FailOn {
        match f {
            crate::config::FailOn::Conflict => FailOn::Conflict,
            crate::config::FailOn::Variation => FailOn::Variation,
            crate::config::FailOn::Never => FailOn::Never,
        }
    }
}

/// When to colour the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When standard output is a terminal and `NO_COLOR` is not set.
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Files or directories, as for `compare`.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Worker threads (default: one per core). Output is the same at any count.
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Largest document accepted, in bytes.
    #[arg(long, default_value_t = 256 * 1024 * 1024)]
    pub max_bytes: u64,
    /// Add a lexicon file, as for `compare` (give `compare --from-claims` the same files).
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// Read settings (its lexicons) from FILE instead of the nearest claimdiff.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any claimdiff.toml.
    #[arg(long)]
    pub no_config: bool,
    /// Read standard input (`-`) as a part of the file NAME: documents get
    /// NAME's format, path and offsets (see --stdin-at). For a distributed job.
    #[arg(long, value_name = "NAME")]
    pub stdin_as: Option<String>,
    /// Where the part on standard input begins in NAME: its byte offset
    /// (into the decompressed bytes of a .gz) and the number of lines before it.
    #[arg(long, value_name = "BYTE,LINE", requires = "stdin_as", value_parser = parse_at)]
    pub stdin_at: Option<(u64, usize)>,
}

/// `BYTE,LINE` for `--stdin-at`.
fn parse_at(s: &str) -> Result<(u64, usize), String> {
    let bad = || format!("`{s}` is not BYTE,LINE (two whole numbers, as 1048576,2000)");
    let (byte, line) = s.split_once(',').ok_or_else(bad)?;
    Ok((
        byte.trim().parse().map_err(|_| bad())?,
        line.trim().parse().map_err(|_| bad())?,
    ))
}

#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// Files or directories (.txt, .md, .markdown, .html, .htm, .jsonl, optionally .gz), http(s) URLs; `-` reads standard input.
    /// With --from-claims: files of `claimdiff extract` records, folders of them, `.gz`, or `-`.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Compare the records `claimdiff extract` wrote instead of reading documents;
    /// the report is the one the documents themselves give.
    #[arg(long)]
    pub from_claims: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// The least verdict that makes the exit status 1 [default: conflict, or `fail_on` in claimdiff.toml].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Exit 0 even when there are findings (input errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Worker threads (default: one per core). Output is the same at any count.
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Largest document accepted, in bytes.
    #[arg(long, default_value_t = 256 * 1024 * 1024)]
    pub max_bytes: u64,
    /// Seconds allowed for fetching each URL given as an input.
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// Keep each fetched page as DIR/<id>.<ext>; offsets and paths then refer to that file.
    #[arg(long, value_name = "DIR")]
    pub save: Option<PathBuf>,
    /// Print the wall time of each stage on standard error.
    #[arg(long)]
    pub timings: bool,
    /// Add a lexicon file (TOML, the format of src/lexicon/framing.toml); repeatable.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// Write the report to FILE instead of standard output; FILE is replaced
    /// only once the whole report is written.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Read settings from FILE instead of the nearest claimdiff.toml above the working directory.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any claimdiff.toml.
    #[arg(long)]
    pub no_config: bool,
    /// When to colour the table.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
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
        Command::Entities { paths, format } => {
            let run = crate::run(&paths, &crate::Options::default());
            for problem in &run.problems {
                eprintln!("warning: {problem}");
            }
            let people = report::entities::entities(&run.analyses);
            let text = match format {
                EntitiesFormat::Table => report::entities::render_table(&people),
                EntitiesFormat::Json => report::entities::render_json(&people),
            };
            match write_stdout(&text) {
                Exit::Clean if run.analyses.is_empty() => Exit::Error,
                other => other,
            }
        }
        Command::Extract(args) => extract_command(&args),
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
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "claimdiff", &mut out);
            write_stdout(&String::from_utf8_lossy(&out))
        }
        Command::Man => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut out) {
                Ok(()) => write_stdout(&String::from_utf8_lossy(&out)),
                Err(e) => {
                    eprintln!("error: cannot render the manual page: {e}");
                    Exit::Error
                }
            }
        }
    };
    ExitCode::from(exit as u8)
}

/// Installs the built-in lexicon extended with the user's files.
fn install_lexicons(paths: &[PathBuf]) -> Result<(), String> {
    use crate::lexicon::framing::Lexicon;
    if paths.is_empty() {
        return Ok(());
    }
    let mut lexicon = Lexicon::builtin();
    for path in paths {
        let text = std::fs::read_to_string(path).map_err(|e| {
            format!(
                "cannot read lexicon file {}: {e}; check the path given to --lexicon",
                path.display()
            )
        })?;
        let user = Lexicon::parse(&text, path).map_err(|e| e.to_string())?;
        lexicon.extend(user, path).map_err(|e| e.to_string())?;
    }
    // Only one run happens per process, so the lexicon is not installed yet.
    let _ = crate::lexicon::framing::install(lexicon);
    Ok(())
}

/// Sets the number of worker threads; `Err` when it is zero.
fn set_threads(threads: Option<usize>) -> Result<(), Exit> {
    if let Some(threads) = threads {
        if threads == 0 {
            eprintln!("error: --threads must be at least 1");
            return Err(Exit::Error);
        }
        // Only fails when a pool exists already, which cannot happen here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global();
    }
    Ok(())
}

/// Loads the configuration and installs its lexicons and `extra` ones.
fn configure(
    no_config: bool,
    config: Option<&PathBuf>,
    extra: &[PathBuf],
) -> Result<crate::config::Config, Exit> {
    let config = match load_config(no_config, config) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("error: {e}");
            return Err(Exit::Error);
        }
    };
    let lexicons: Vec<PathBuf> = config.lexicons.iter().chain(extra).cloned().collect();
    if let Err(message) = install_lexicons(&lexicons) {
        eprintln!("error: {message}");
        return Err(Exit::Error);
    }
    Ok(config)
}

/// `claimdiff extract`: the per-document half of a run, as claim records.
fn extract_command(args: &ExtractArgs) -> Exit {
    if let Err(exit) = set_threads(args.threads) {
        return exit;
    }
    if let Err(exit) = configure(args.no_config, args.config.as_ref(), &args.lexicon) {
        return exit;
    }
    let options = crate::Options {
        ingest: crate::ingest::Options {
            max_bytes: args.max_bytes,
            stdin_part: args.stdin_as.as_ref().map(|name| {
                let (byte, line) = args.stdin_at.unwrap_or_default();
                crate::ingest::Part {
                    name: name.clone(),
                    byte,
                    line,
                }
            }),
            ..crate::ingest::Options::default()
        },
        ..crate::Options::default()
    };
    // Records are written a batch at a time, as documents are analyzed, so
    // that extraction holds a batch of documents, not all of them.
    let stdout = std::io::stdout().lock();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout);
    let mut written: std::io::Result<()> = Ok(());
    let mut documents = 0usize;
    let problems = crate::analyze_each(&args.paths, &options, &|_| {}, &mut |batch| {
        documents += batch.len();
        if written.is_ok() {
            written = report::claims::write(&mut out, &batch, &[]);
        }
    });
    for problem in &problems {
        eprintln!("warning: {problem}");
    }
    let written = written
        .and_then(|()| report::claims::write(&mut out, &[], &problems))
        .and_then(|()| out.flush());
    match written {
        Ok(()) if documents == 0 => Exit::Error,
        Ok(()) => Exit::Clean,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Exit::Clean,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            Exit::Error
        }
    }
}

fn compare_command(args: &CompareArgs) -> Exit {
    if let Err(exit) = set_threads(args.threads) {
        return exit;
    }
    let config = match configure(args.no_config, args.config.as_ref(), &args.lexicon) {
        Ok(config) => config,
        Err(exit) => return exit,
    };
    let timeout = match std::time::Duration::try_from_secs_f64(args.timeout) {
        Ok(t) if !t.is_zero() => t,
        _ => {
            eprintln!("error: --timeout must be a positive number of seconds");
            return Exit::Error;
        }
    };
    let mut options = crate::Options {
        ingest: crate::ingest::Options {
            max_bytes: args.max_bytes,
            timeout,
            save: args.save.clone(),
            stdin_part: None,
        },
        ..crate::Options::default()
    };
    if let Some(threshold) = config.group.threshold {
        options.group.threshold = Some(threshold);
    }
    let mut run = if args.from_claims {
        let clock = std::time::Instant::now();
        let records = match report::claims::read(&args.paths) {
            Ok(records) => records,
            Err(e) => {
                eprintln!("error: {e}");
                return Exit::Error;
            }
        };
        let analyzed = crate::Analyzed {
            analyses: records.analyses,
            problems: records.problems,
            timings: vec![crate::Lap::since("read claims", clock)],
        };
        crate::compare_observed(analyzed, &options, &|_| {})
    } else {
        with_progress(|observe| crate::run_observed(&args.paths, &options, observe))
    };
    for problem in &run.problems {
        eprintln!("warning: {problem}");
    }
    for analysis in &run.analyses {
        for warning in &analysis.doc.warnings {
            eprintln!("warning: {}: {warning}", analysis.doc.path);
        }
    }
    if run.analyses.is_empty() {
        // Nothing was compared: write no report at all rather than an empty
        // one that a tool might take for a clean run.
        eprintln!(
            "error: no document could be read; pass .txt, .md, .html or .jsonl files or folders of them"
        );
        return Exit::Error;
    }
    run.findings.retain(|f| config.rule_enabled(f.rule));
    let clock = std::time::Instant::now();
    let report = run.report_with(matches!(args.format, Format::Html));
    // The report holds everything rendering needs: free the documents and
    // claims before the rendered text is built. Freeing millions of small
    // allocations takes a while, so another thread does it while this one
    // renders; it need not be waited for, as exiting frees everything.
    let done = (
        std::mem::take(&mut run.analyses),
        std::mem::take(&mut run.findings),
    );
    std::thread::spawn(move || drop(done));
    let render = |out: &mut dyn Write| -> std::io::Result<()> {
        let text = match args.format {
            // JSON is written as it is serialized: a large run's report is
            // hundreds of megabytes, and building it as one string first
            // would hold it in memory twice.
            Format::Json => return report::json::write(&report, out),
            Format::Table => report::table::render(&report, table_style(args)),
            Format::Markdown => report::markdown::render(&report),
            Format::Sarif => report::sarif::render(&report, &raw_files(&report)),
            Format::Github => report::github::render(&report, &raw_files(&report)),
            Format::Html => report::html::render(&report),
        };
        out.write_all(text.as_bytes())
    };
    let written = match &args.output {
        Some(path) => match write_atomically(path, render) {
            Ok(()) => Exit::Clean,
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                Exit::Error
            }
        },
        None => write_stdout_with(render),
    };
    if args.timings {
        for lap in run
            .timings
            .iter()
            .chain([&crate::Lap::since("report", clock)])
        {
            let peak = lap.peak_bytes.map_or(String::new(), |bytes| {
                format!("  (peak memory so far {:.0} MB)", bytes as f64 / 1e6)
            });
            eprintln!("{:>28}: {:8.3} s{peak}", lap.stage, lap.took.as_secs_f64());
        }
        let formed = report
            .events
            .iter()
            .filter(|e| e.documents.len() > 1)
            .count();
        eprintln!("{:>28}: {formed}", "events formed");
        eprintln!("{:>28}: {}", "findings", report.findings.len());
        eprintln!("{:>28}: {}", "agreements", report.agreements.len());
    }
    if written != Exit::Clean {
        return written;
    }
    let fail_on = args
        .fail_on
        .or(config.fail_on.map(FailOn::from))
        .unwrap_or(FailOn::Conflict);
    let level = match fail_on {
        FailOn::Conflict => Some(Verdict::Conflict),
        FailOn::Variation => Some(Verdict::Variation),
        FailOn::Never => None,
    };
    match level {
        Some(level) if !args.exit_zero && report.fails(level) => Exit::Findings,
        _ => Exit::Clean,
    }
}

/// The `--config` file, else the nearest claimdiff.toml, else the defaults.
fn load_config(
    no_config: bool,
    config: Option<&PathBuf>,
) -> Result<crate::config::Config, crate::config::ConfigError> {
    use crate::config::Config;
    if no_config {
        return Ok(Config::default());
    }
    let path = match config {
        Some(path) => Some(path.clone()),
        None => std::env::current_dir()
            .ok()
            .and_then(|dir| Config::find(&dir)),
    };
    match path {
        Some(path) => Config::load(&path),
        None => Ok(Config::default()),
    }
}

/// Runs `work` with a progress bar on standard error when it is a terminal;
/// silent otherwise, so logs and pipes see only warnings and errors.
fn with_progress<T>(work: impl FnOnce(&(dyn Fn(crate::Stage) + Sync)) -> T) -> T {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return work(&|_| {});
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} {pos}/{len} documents")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.set_message("reading");
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    let observe = |stage: crate::Stage| match stage {
        crate::Stage::Read(n) => {
            bar.set_length(n as u64);
            bar.set_message("analyzing");
        }
        crate::Stage::Analyzed => bar.inc(1),
        crate::Stage::Comparing => bar.set_message("grouping and comparing"),
    };
    let result = work(&observe);
    bar.finish_and_clear();
    result
}

/// Colour and width for the table.
fn table_style(args: &CompareArgs) -> report::table::Style {
    use std::io::IsTerminal;
    let tty = args.output.is_none() && std::io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => tty && !no_color && !dumb,
    };
    report::table::Style {
        width: terminal_width(),
        color,
    }
}

/// Writes `text` to `path` through a temporary file in the same folder and
/// a rename, so readers see the old file or the whole new one, never half.
fn write_atomically(
    path: &std::path::Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("the output path names no file"))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        let mut out = std::io::BufWriter::new(file);
        write(&mut out)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
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

/// `COLUMNS` when set; otherwise the table finds the terminal's width itself.
fn terminal_width() -> Option<u16> {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
}

/// Writes to standard output; a closed pipe is a quiet success.
fn write_stdout(text: &str) -> Exit {
    write_stdout_with(|out| out.write_all(text.as_bytes()))
}

/// Writes to standard output through `write`, buffered; a closed pipe is a
/// quiet success.
fn write_stdout_with(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Exit {
    // Standard output flushes at every newline; a buffer in front of it
    // makes the writes large however many lines there are.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Exit::Clean,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Exit::Clean,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            Exit::Error
        }
    }
}
