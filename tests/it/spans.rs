//! Every reported claim points at the bytes of its file on disk.

use std::collections::BTreeMap;

use crate::support::{articles, case_folders, compare_json, root, shared};

fn check_spans_in(folder: &std::path::Path) -> usize {
    let mut checked = 0;
    for case in case_folders(folder) {
        let files = articles(&case);
        let raw: BTreeMap<String, Vec<u8>> = files
            .iter()
            .map(|p| {
                let id = p
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                (id, std::fs::read(p).expect("article is readable"))
            })
            .collect();
        let out = compare_json(&files);
        for section in ["findings", "agreements"] {
            for item in out[section].as_array().into_iter().flatten() {
                for claim in item["claims"].as_array().into_iter().flatten() {
                    let doc = claim["document"].as_str().unwrap_or_default();
                    let start = claim["start"].as_u64().unwrap_or(u64::MAX) as usize;
                    let end = claim["end"].as_u64().unwrap_or(0) as usize;
                    let text = claim["text"].as_str().unwrap_or_default();
                    let bytes = &raw[doc];
                    assert!(
                        start < end && end <= bytes.len(),
                        "{doc}: bad span {start}..{end}"
                    );
                    let raw = String::from_utf8_lossy(&bytes[start..end]);
                    let html = files.iter().any(|p| {
                        p.file_stem().is_some_and(|s| s == doc)
                            && p.extension().is_some_and(|e| e == "html" || e == "htm")
                    });
                    // In a web page a claim may cross an inline tag or an
                    // entity: its raw bytes read as the claim once decoded.
                    let raw = if html {
                        visible(&raw)
                    } else {
                        raw.into_owned()
                    };
                    assert_eq!(
                        raw, text,
                        "{doc}: span {start}..{end} is not the claim text"
                    );
                    checked += 1;
                }
            }
        }
    }
    checked
}

/// Raw HTML as a reader sees it: tags gone, entities decoded, white space collapsed.
fn visible(raw: &str) -> String {
    let mut out = String::new();
    let mut rest = raw;
    while let Some(p) = rest.find('<') {
        out.push_str(&rest[..p]);
        rest = rest[p..].find('>').map_or("", |e| &rest[p + e + 1..]);
    }
    out.push_str(rest);
    html_escape::decode_html_entities(&out)
        .split(|c: char| c.is_ascii_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn claim_text_equals_the_raw_bytes_at_its_offsets() {
    let mut checked = check_spans_in(&root().join("seeds"));
    checked += check_spans_in(&root().join("fixtures"));
    let cases = shared().join("cases");
    if cases.is_dir() {
        checked += check_spans_in(&cases);
    }
    assert!(checked > 10, "only {checked} claims were checked");
}

/// Every block `claimdiff text --spans` prints for a saved page reads, once
/// its raw bytes are decoded, as the block's text.
#[test]
fn html_blocks_decode_from_their_raw_bytes() {
    let page = root().join("fixtures/html/kerrowby-factory-fire/meridiandaily.html");
    let raw = std::fs::read(&page).expect("fixture page is readable");
    let out = crate::support::claimdiff([
        std::ffi::OsStr::new("text"),
        "--spans".as_ref(),
        page.as_os_str(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut checked = 0;
    for line in stdout.lines().filter(|l| l.starts_with('[')) {
        let (range, text) = line[1..].split_once("] ").expect("a [start..end] prefix");
        let (start, end) = range.split_once("..").expect("a range");
        let (start, end): (usize, usize) = (start.parse().unwrap_or(0), end.parse().unwrap_or(0));
        let decoded = visible(&String::from_utf8_lossy(&raw[start..end]));
        assert_eq!(decoded, text, "block at {start}..{end}");
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} blocks:\n{stdout}");
}
