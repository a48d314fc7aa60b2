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
