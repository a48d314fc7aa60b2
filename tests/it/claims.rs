//! `claimdiff extract` records and `claimdiff compare --from-claims`: the
//! report made from records equals the report made from the documents, and
//! records that cannot be read are named by file and line (exit 2).

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{claimdiff, root, shared};

/// `claimdiff extract` of `paths` (with `extra` flags) into `out`.
fn extract(paths: &[PathBuf], extra: &[&OsStr], out: &Path) {
    let mut args: Vec<OsString> = vec!["extract".into()];
    args.extend(extra.iter().map(|a| a.to_os_string()));
    args.extend(paths.iter().map(|p| p.clone().into_os_string()));
    let run = claimdiff(args);
    assert_eq!(
        run.status.code(),
        Some(0),
        "extract failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    std::fs::write(out, &run.stdout).expect("write the records");
}

/// `claimdiff compare --no-config --format json` with `args`.
fn compare(args: &[&OsStr]) -> Output {
    let mut all: Vec<&OsStr> = vec![
        "compare".as_ref(),
        "--no-config".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
    ];
    all.extend_from_slice(args);
    claimdiff(all)
}

/// The direct run on `paths` and the run on their records give the same
/// report, byte for byte, and the same exit status.
#[track_caller]
fn assert_same_report(paths: &[PathBuf], extra: &[&OsStr]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let records = dir.path().join("claims.jsonl");
    extract(paths, extra, &records);
    let mut direct_args: Vec<&OsStr> = extra.to_vec();
    direct_args.extend(paths.iter().map(|p| p.as_os_str()));
    let direct = compare(&direct_args);
    let mut from_args: Vec<&OsStr> = extra.to_vec();
    from_args.push("--from-claims".as_ref());
    from_args.push(records.as_os_str());
    let from = compare(&from_args);
    assert!(
        !direct.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&direct.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&from.stdout),
        String::from_utf8_lossy(&direct.stdout),
        "--from-claims differs from a direct run on {paths:?}; stderr: {}",
        String::from_utf8_lossy(&from.stderr)
    );
    assert_eq!(from.status.code(), direct.status.code());
}

#[test]
fn records_of_the_seeds_compare_as_the_seeds_do() {
    assert_same_report(&[root().join("seeds")], &[]);
}

#[test]
fn records_of_every_fixture_compare_as_the_fixtures_do() {
    // The fixtures hold HTML, Markdown, JSONL and duplicate ids (problems
    // that the report lists), and events of every kind of finding.
    assert_same_report(&[root().join("fixtures")], &[]);
}

#[test]
fn records_of_the_shared_cases_compare_as_the_cases_do() {
    let cases = shared().join("cases");
    if !cases.is_dir() {
        eprintln!("skipped: {} not found", cases.display());
        return;
    }
    assert_same_report(&[cases, shared().join("seeds")], &[]);
}

#[test]
fn records_keep_problems_escapes_and_a_users_lexicon() {
    let dir = tempfile::tempdir().expect("temp dir");
    let feed = dir.path().join("feed.jsonl");
    std::fs::write(
        &feed,
        concat!(
            r#"{"id":"a","outlet":"One","date":"2024-05-02","text":"The harbour authority said the squatters at the old pier, about 1.6 million \u201cguests\u201d a year, refused to leave on Monday.\nMore than 300 people were evacuated."}"#,
            "\n",
            "not json\n",
            r#"{"id":"b","outlet":"Two","text":"The harbour authority said the occupiers at the old pier, 1.2 million guests a year, refused to leave on Monday.\nFewer than 200 people were evacuated."}"#,
            "\n",
        ),
    )
    .expect("write");
    let lexicon = dir.path().join("mine.toml");
    std::fs::write(
        &lexicon,
        r#"
[[group]]
id = "occupiers"
kind = "label"
referent = "the people occupying a building"
axis = "loaded versus neutral label for occupiers"
sides = [["squatters"], ["occupiers"]]
examples = ["The squatters refused to leave.", "The occupiers refused to leave."]
"#,
    )
    .expect("write");
    assert_same_report(std::slice::from_ref(&feed), &[]);
    assert_same_report(&[feed], &["--lexicon".as_ref(), lexicon.as_os_str()]);
}

#[test]
fn records_split_into_parts_or_gzipped_compare_the_same() {
    let dir = tempfile::tempdir().expect("temp dir");
    let records = dir.path().join("claims.jsonl");
    extract(&[root().join("fixtures")], &[], &records);
    let text = std::fs::read_to_string(&records).expect("records");
    let lines: Vec<&str> = text.lines().collect();
    // A distributed job writes its output as part files and a marker.
    let parts = dir.path().join("parts");
    std::fs::create_dir(&parts).expect("mkdir");
    let half = lines.len() / 2;
    std::fs::write(parts.join("part-00000"), lines[..half].join("\n") + "\n").expect("write");
    let gz = std::fs::File::create(parts.join("part-00001.gz")).expect("create");
    let mut gz = flate2::write::GzEncoder::new(gz, flate2::Compression::fast());
    gz.write_all((lines[half..].join("\n") + "\n").as_bytes())
        .expect("gzip");
    gz.finish().expect("gzip");
    std::fs::write(parts.join("_SUCCESS"), "").expect("write");
    let whole = compare(&["--from-claims".as_ref(), records.as_os_str()]);
    let split = compare(&["--from-claims".as_ref(), parts.as_os_str()]);
    assert!(!whole.stdout.is_empty());
    assert_eq!(whole.stdout, split.stdout);
}

/// Runs `compare --from-claims` on a file holding `records`, and checks
/// that it fails with exit 2, naming `line` of the file and saying `hint`.
#[track_caller]
fn assert_refused(records: &str, line: usize, hint: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("claims.jsonl");
    std::fs::write(&path, records).expect("write");
    let out = compare(&["--from-claims".as_ref(), path.as_os_str()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty(), "no report for bad records");
    assert!(
        stderr.contains(&format!("{}:{line}: ", path.display())),
        "stderr names the file and line {line}: {stderr}"
    );
    assert!(stderr.contains(hint), "stderr says {hint:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn bad_records_are_named_by_file_and_line_and_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let records = dir.path().join("claims.jsonl");
    extract(&[root().join("seeds")], &[], &records);
    let text = std::fs::read_to_string(&records).expect("records");
    let first = text.lines().next().expect("a record");
    let second = text.lines().nth(1).expect("two records");
    let mut record: serde_json::Value = serde_json::from_str(first).expect("json");
    let edit = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut r = record.clone();
        f(&mut r);
        format!("{second}\n{r}\n")
    };

    assert_refused(&format!("{second}\nnot json\n"), 2, "not a claim record");
    assert_refused(
        &edit(&|r| r["format"] = "claimdiff-claims/9".into()),
        2,
        "make them again with this version's `claimdiff extract`",
    );
    assert_refused(
        &edit(&|r| {
            r.as_object_mut().expect("object").remove("format");
        }),
        2,
        "no \"format\" field",
    );
    assert_refused(
        &edit(&|r| r["claims"][0]["clean"] = serde_json::json!([0, 999_999])),
        2,
        "is not a span of its",
    );
    assert_refused(
        &edit(&|r| r["map"] = serde_json::json!([[3, 0]])),
        2,
        "the offset map covers 3 bytes",
    );
    assert_refused(
        &edit(&|r| r["map"] = serde_json::json!([[1u64 << 40, 0]])),
        2,
        "runs past the end of its",
    );
    assert_refused(
        &edit(&|r| r["terms"] = serde_json::json!([["xyz", 1.0]])),
        2,
        "is not 16 hex digits",
    );
    assert_refused(
        &edit(&|r| {
            r.as_object_mut().expect("object").remove("terms");
        }),
        2,
        "the record has no \"terms\"",
    );
    record["claims"][0]["sentence_index"] = 100_000.into();
    assert_refused(&format!("{record}\n"), 1, "a claim is in sentence 100000");
}

#[test]
fn no_records_at_all_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("empty.jsonl");
    std::fs::write(&path, "\n").expect("write");
    let out = compare(&["--from-claims".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("claimdiff extract"));
}

/// `claimdiff extract --stdin-as NAME --stdin-at BYTE,LINE -` with `part` on
/// standard input, as a distributed job's worker runs it.
fn extract_part(name: &Path, part: &[u8], byte: usize, line: usize) -> Vec<u8> {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .args(["extract", "--stdin-as"])
        .arg(name)
        .arg("--stdin-at")
        .arg(format!("{byte},{line}"))
        .arg("-")
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the claimdiff binary runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let part = part.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&part));
    let out = child.wait_with_output().expect("extract runs");
    writer.join().expect("writer").expect("write stdin");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn parts_of_a_file_extracted_apart_compare_as_the_whole_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let feed = dir.path().join("feed.jsonl");
    let mut raw = String::new();
    for (i, (outlet, dead)) in [("One", 11), ("Two", 14), ("Three", 11), ("Four", 12)]
        .iter()
        .enumerate()
    {
        raw.push_str(&format!(
            "{{\"id\":\"d{i}\",\"outlet\":\"{outlet}\",\"text\":\"The storm killed {dead} people in the province of Tarrow, officials said on Monday.\\nMore than 300 homes were destroyed.\"}}\n"
        ));
        if i == 2 {
            raw.push_str("not json\n");
        }
    }
    std::fs::write(&feed, &raw).expect("write");
    // The whole file, then its lines split in two parts as a job would.
    let lines: Vec<&str> = raw.split_inclusive('\n').collect();
    let first: String = lines[..2].concat();
    let second: String = lines[2..].concat();
    let mut records = extract_part(&feed, first.as_bytes(), 0, 0);
    records.extend(extract_part(&feed, second.as_bytes(), first.len(), 2));
    let path = dir.path().join("claims.jsonl");
    std::fs::write(&path, &records).expect("write");
    let direct = compare(&[feed.as_os_str()]);
    let from = compare(&["--from-claims".as_ref(), path.as_os_str()]);
    let report: serde_json::Value = serde_json::from_slice(&direct.stdout).expect("json");
    assert!(
        report["findings"].as_array().is_some_and(|f| !f.is_empty()),
        "{report}"
    );
    assert_eq!(report["problems"][0]["line"], 4, "{report}");
    assert_eq!(
        String::from_utf8_lossy(&from.stdout),
        String::from_utf8_lossy(&direct.stdout)
    );
}

#[test]
fn an_id_in_two_workers_records_is_dropped_as_a_direct_run_drops_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let story = |id: &str, dead: u32| {
        format!(
            "{{\"id\":\"{id}\",\"text\":\"The storm killed {dead} people in the province of Tarrow, officials said on Monday.\"}}\n"
        )
    };
    let a = dir.path().join("a.jsonl");
    let b = dir.path().join("b.jsonl");
    std::fs::write(&a, story("x", 11) + &story("y", 12)).expect("write");
    std::fs::write(&b, story("x", 14) + &story("z", 12)).expect("write");
    // Each worker sees one file, and no duplicate.
    let (ra, rb) = (dir.path().join("a.claims"), dir.path().join("b.claims"));
    extract(std::slice::from_ref(&a), &[], &ra);
    extract(std::slice::from_ref(&b), &[], &rb);
    let direct = compare(&[a.as_os_str(), b.as_os_str()]);
    let from = compare(&["--from-claims".as_ref(), ra.as_os_str(), rb.as_os_str()]);
    let report: serde_json::Value = serde_json::from_slice(&direct.stdout).expect("json");
    assert!(
        report["problems"]
            .to_string()
            .contains("document id `x` is used by"),
        "{report}"
    );
    assert_eq!(
        String::from_utf8_lossy(&from.stdout),
        String::from_utf8_lossy(&direct.stdout)
    );
}
