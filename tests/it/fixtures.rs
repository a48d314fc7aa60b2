//! The project's own fixtures pass `claimdiff check`: every gold finding found
//! with its verdict, no conflict where the gold says the claims agree or are
//! unrelated, no claim from page furniture, events grouped as the gold says.

use crate::support::claimdiff;

#[test]
fn every_fixture_passes_check() {
    let out = claimdiff(["check", "fixtures"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "claimdiff check fixtures:\n{stdout}"
    );
    assert!(
        stdout.contains(" failed\n") && stdout.contains(", 0 failed"),
        "{stdout}"
    );
}

#[test]
fn seeds_are_grouped_into_their_three_events() {
    let out = claimdiff(["check", "seeds"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("grouping:"), "{stdout}");
}

/// STYLE.md: every rule has fixtures. Each registered rule must fire on at
/// least one fixture folder or on the seeds.
#[test]
fn every_rule_fires_on_some_fixture() {
    let rules_out = claimdiff(["rules"]);
    let rules: Vec<String> = String::from_utf8_lossy(&rules_out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    assert!(rules.len() >= 10, "{rules:?}");
    let root = crate::support::root();
    let mut folders = crate::support::case_folders(&root.join("fixtures"));
    folders.push(root.join("seeds"));
    let mut fired = std::collections::BTreeSet::new();
    for folder in folders {
        let json = crate::support::compare_json(&crate::support::articles(&folder));
        for section in ["findings", "agreements"] {
            for f in json[section].as_array().into_iter().flatten() {
                if let Some(rule) = f["rule"].as_str() {
                    fired.insert(rule.to_string());
                }
            }
        }
    }
    let silent: Vec<&String> = rules.iter().filter(|r| !fired.contains(*r)).collect();
    assert!(
        silent.is_empty(),
        "rules without a fixture that makes them fire: {silent:?}"
    );
}
