//! The command-line contract: output formats and exit statuses.

use crate::support::{claimdiff, compare_json, root};

#[test]
fn help_shows_examples_and_exit_statuses() {
    let out = claimdiff(["compare", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("Examples:") && help.contains("Exit status"),
        "{help}"
    );
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let out = claimdiff(["compare", "--colour", "seeds"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--colour"));
}

#[test]
fn a_missing_path_is_named_and_exits_2_when_nothing_is_read() {
    let out = claimdiff(["compare", "no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no/such/folder") && err.contains("check the path"),
        "{err}"
    );
}

#[test]
fn a_bad_file_among_good_ones_is_a_warning_and_the_rest_is_compared() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("bin.txt"), b"\x00\x01\x02binary").expect("write");
    let good = root().join("fixtures/numeric/ferry-pier-collision");
    let out = claimdiff([
        "compare".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        dir.path().join("bin.txt").as_os_str(),
        good.as_os_str(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bin.txt") && err.contains("binary"), "{err}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["documents"].as_array().map(Vec::len), Some(2));
    assert_eq!(json["problems"].as_array().map(Vec::len), Some(1));
}

#[test]
fn json_follows_the_contract() {
    let json = compare_json(&[root().join("seeds")]);
    let docs = json["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 5);
    assert!(
        docs.iter()
            .all(|d| d["id"].is_string() && d["event"].is_string() && d["path"].is_string())
    );
    assert!(json["events"].as_array().is_some_and(|e| !e.is_empty()));
    for section in ["findings", "agreements"] {
        for f in json[section].as_array().expect(section) {
            for key in [
                "kind",
                "verdict",
                "rule",
                "subject",
                "explanation",
                "claims",
            ] {
                assert!(!f[key].is_null(), "{section} lacks {key}: {f}");
            }
        }
    }
}

#[test]
fn conflicts_exit_1_and_exit_zero_or_fail_on_never_exit_0() {
    let case = "fixtures/numeric/ferry-pier-collision";
    assert_eq!(claimdiff(["compare", case]).status.code(), Some(1));
    assert_eq!(
        claimdiff(["compare", "--exit-zero", case]).status.code(),
        Some(0)
    );
    assert_eq!(
        claimdiff(["compare", "--fail-on", "never", case])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn a_single_document_has_nothing_to_disagree_with() {
    let out = claimdiff(["compare", "seeds/004_abc6d72f65a6a919.txt"]);
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("1 documents, 1 events: 0 conflicts"),
        "{table}"
    );
}

#[test]
fn the_table_names_each_outlets_wording() {
    let out = claimdiff(["compare", "fixtures/numeric/ferry-pier-collision"]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("harborgazette") && table.contains("nordicwire"),
        "{table}"
    );
    assert!(table.contains("conflict"), "{table}");
}

#[test]
fn output_is_identical_at_one_and_two_threads() {
    let args = |j: &str| {
        vec![
            "compare".to_string(),
            "--format".into(),
            "json".into(),
            "-j".into(),
            j.into(),
            "seeds".into(),
            "fixtures".into(),
        ]
    };
    let one = claimdiff(args("1"));
    let two = claimdiff(args("2"));
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn rules_and_explain_print_the_rule_docs() {
    let out = claimdiff(["rules"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("number-mismatch"));
    let out = claimdiff(["explain", "number-mismatch"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("## Why it matters"));
    assert_eq!(
        claimdiff(["explain", "no-such-rule"]).status.code(),
        Some(2)
    );
}

#[test]
fn text_shows_what_was_read_and_where_it_came_from() {
    let out = claimdiff(["text", "--spans", "seeds/002_9e1f32d8c330484c.txt"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("==> 002_9e1f32d8c330484c"), "{text}");
    assert!(
        !text.contains("Follow us on"),
        "furniture was kept:\n{text}"
    );
    let raw = std::fs::read_to_string(root().join("seeds/002_9e1f32d8c330484c.txt")).expect("seed");
    for line in text.lines().filter(|l| l.starts_with('[')) {
        let (range, block) = line[1..].split_once("] ").expect("a span and a block");
        let (s, e) = range.split_once("..").expect("start..end");
        let (s, e): (usize, usize) = (s.parse().expect("start"), e.parse().expect("end"));
        assert_eq!(&raw[s..e], block);
    }
}

#[test]
fn extract_prints_one_json_line_per_document() {
    let out = claimdiff(["extract", "fixtures/numeric/ferry-pier-collision"]);
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    let claims = lines[0]["claims"].as_array().expect("claims");
    assert!(
        claims
            .iter()
            .any(|c| c["text"] == "23 people" || c["text"] == "injuring 23 people"),
        "{claims:?}"
    );
}

#[test]
fn jsonl_records_point_into_the_jsonl_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("feed.jsonl");
    let raw = concat!(
        r#"{"id":"a","outlet":"One","text":"The storm killed 11 people in the province.\nOfficials said so."}"#,
        "\n",
        "not json\n",
        r#"{"id":"b","text":"The storm killed 14 people in the province, officials said."}"#,
        "\n"
    );
    std::fs::write(&path, raw).expect("write");
    let out = claimdiff([
        "compare".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        path.as_os_str(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("feed.jsonl:2"), "{err}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let mut checked = 0;
    for f in json["findings"].as_array().into_iter().flatten() {
        for c in f["claims"].as_array().into_iter().flatten() {
            let (s, e) = (
                c["start"].as_u64().unwrap_or(0) as usize,
                c["end"].as_u64().unwrap_or(0) as usize,
            );
            assert_eq!(&raw[s..e], c["text"].as_str().unwrap_or_default());
            checked += 1;
        }
    }
    assert!(checked >= 2, "{json}");
}

#[test]
fn a_user_lexicon_adds_a_pair_that_is_then_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "The harbour authority said the squatters at the old pier refused to leave the warehouse on Monday.\n").expect("write");
    std::fs::write(&b, "The harbour authority said the occupiers at the old pier refused to leave the warehouse on Monday.\n").expect("write");
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
    let run = |extra: &[&std::ffi::OsStr]| {
        let mut args: Vec<&std::ffi::OsStr> =
            vec!["compare".as_ref(), "--format".as_ref(), "json".as_ref()];
        args.extend_from_slice(extra);
        args.push(a.as_os_str());
        args.push(b.as_os_str());
        let out = claimdiff(args);
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("json")
    };
    let found = |json: &serde_json::Value| {
        json["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|f| f["kind"] == "framing" && f["claims"].to_string().contains("squatters"))
    };
    assert!(!found(&run(&[])), "the pair is not built in");
    assert!(found(&run(&["--lexicon".as_ref(), lexicon.as_os_str()])));
}

#[test]
fn a_broken_user_lexicon_is_named_and_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lexicon = dir.path().join("broken.toml");
    std::fs::write(&lexicon, "[[group]]\nid = 3\n").expect("write");
    let out = claimdiff([
        "compare".as_ref(),
        "--lexicon".as_ref(),
        lexicon.as_os_str(),
        "seeds".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.toml"));
}

#[test]
fn entities_lists_each_persons_spellings_and_titles() {
    let out = claimdiff(["entities", "--format", "json", "seeds"]);
    assert_eq!(out.status.code(), Some(0));
    let people: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let zelensky = people
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| {
            p["person"]
                .as_str()
                .is_some_and(|n| n.ends_with("Zelensky"))
        })
        .expect("Zelensky is listed");
    let spellings = zelensky["spellings"].to_string();
    assert!(
        spellings.contains("Vladimir Zelensky") && spellings.contains("Volodymyr Zelensky"),
        "{spellings}"
    );
    let raw = std::fs::read(root().join("seeds/004_abc6d72f65a6a919.txt")).expect("seed");
    for s in zelensky["spellings"].as_array().into_iter().flatten() {
        if s["document"] == "004_abc6d72f65a6a919" {
            let (a, b) = (
                s["start"].as_u64().unwrap_or(0) as usize,
                s["end"].as_u64().unwrap_or(0) as usize,
            );
            assert_eq!(
                String::from_utf8_lossy(&raw[a..b]),
                s["text"].as_str().unwrap_or_default()
            );
        }
    }
}

#[test]
fn titles_of_reports_years_apart_are_not_compared() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("feed.jsonl");
    let record = |id: &str, date: &str, text: &str| {
        serde_json::json!({"id": id, "date": date, "text": text}).to_string()
    };
    let lines = [
        record(
            "a",
            "2012-05-01",
            "Secretary of State Helen Marlow met the delegation in Oslo on Monday.",
        ),
        record(
            "b",
            "2016-09-20",
            "Former Secretary of State Helen Marlow spoke at the university on Tuesday.",
        ),
        record(
            "c",
            "2016-09-21",
            "Secretary of State Helen Marlow spoke at the university on Tuesday.",
        ),
    ];
    std::fs::write(&path, lines.join("\n")).expect("write");
    let out = claimdiff([
        "compare".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        path.as_os_str(),
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let pairs: Vec<Vec<String>> = json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["rule"] == "title-mismatch")
        .map(|f| {
            f["claims"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| c["document"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .collect();
    assert!(
        pairs.contains(&vec!["b".to_string(), "c".to_string()]),
        "{pairs:?}"
    );
    assert!(
        !pairs.iter().any(|p| p.contains(&"a".to_string())),
        "{pairs:?}"
    );
}

#[test]
fn a_large_jsonl_gz_is_read_as_a_stream_in_order_with_offsets_into_the_unpacked_bytes() {
    use std::io::Write;
    // More records than one batch of the reading thread, so that batches
    // analyzed in parallel must still come out in the file's order.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut raw = String::new();
    for i in 0..700 {
        raw.push_str(&format!(
            "{{\"id\":\"r{i:04}\",\"outlet\":\"O{}\",\"text\":\"The storm killed {} people in the province of Tarrow {i}, officials said.\"}}\n",
            i % 7,
            10 + i % 5
        ));
    }
    let path = dir.path().join("feed.jsonl.gz");
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&path).expect("create"),
        flate2::Compression::fast(),
    );
    gz.write_all(raw.as_bytes()).expect("gzip");
    gz.finish().expect("gzip");
    let out = claimdiff([std::ffi::OsStr::new("extract"), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(0));
    let mut ids = Vec::new();
    let mut checked = 0;
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let record: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        ids.push(record["document"].as_str().unwrap_or_default().to_string());
        for c in record["claims"].as_array().into_iter().flatten() {
            let (s, e) = (
                c["start"].as_u64().unwrap_or(0) as usize,
                c["end"].as_u64().unwrap_or(0) as usize,
            );
            assert_eq!(&raw[s..e], c["text"].as_str().unwrap_or_default());
            checked += 1;
        }
    }
    let expected: Vec<String> = (0..700).map(|i| format!("r{i:04}")).collect();
    assert_eq!(ids, expected);
    assert!(checked >= 700, "{checked} claims checked");
}
