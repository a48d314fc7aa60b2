//! The `number-mismatch` rule.

use super::{EventView, Evidence, Finding, Kind, Rule, Verdict};
use crate::align::{self, Local};
use crate::extract::{Dimension, Interval, Quantity};

/// Aligned quantities whose values cannot both be true, or that agree.
pub struct NumberMismatch;

const DOC: &str = "\
# number-mismatch

## What it flags
Two outlets give a number for the same thing (the same counted or measured
noun, the same event, the same occasion) and the values cannot both be true
once hedges (\"almost\", \"more than\"), ranges, rounding and unit conversion
are taken into account: a conflict. When the figures are attributed to
different sources (police versus organisers) or one is an estimate or a
fear and the other a count, differing values are a variation instead: both
can be true (news media that relay a figure, \"the public broadcaster
reported\", are not a source of their own); so are two moves of one
traded price taken at different moments of the day (\"closed up 9%\",
\"jumped as much as 14% in early trading\"). When the values fit, the pair
is reported as an agreement that corroborates the figure. Vague amounts
(\"thousands\"), an addition against a total (\"two more debates\",
\"three debates\"), and figures more than three times apart or sums of
money that name nothing they pay for, unless strongly tied, are not
flagged: they are most often two things of one kind.

## Why it matters
Numbers are the most concrete thing outlets get wrong, and a reader rarely
sees two reports side by side.

## Example
- A: \"The talks centred on a 28-point draft.\"
- B: \"Moscow reviewed an initial 27-point proposal.\"
- conflict: 28 points versus 27 points.
- A: \"after almost five hours of talks\"; B: \"the five-hour negotiations\": agreement.
";

/// Both values with the tolerance their writing implies. A hedged figure
/// already says how far it may be off ("more than 2,000", "about 1,700"),
/// so its rounding adds little more: the bound of "more than 2,000" is not
/// 1,800.
fn tolerant(q: &Quantity) -> Interval {
    let precision = if q.interval.is_point() {
        q.precision
    } else {
        q.precision.min(0.02)
    };
    q.interval.widen(precision.max(1e-9))
}

/// Whether two quantities' values can both be true.
pub fn compatible(a: &Quantity, b: &Quantity) -> bool {
    tolerant(a).overlaps(&tolerant(b))
}

/// The verdict for two aligned quantities, with what sets their sources
/// apart when that makes differing values a variation: two attributed
/// sources ("police said" versus "organisers said"), or a count versus an
/// estimate or a fear ("recovered 23 bodies" versus "as many as 60 are
/// feared dead"). Both can be true, so they are never a conflict.
pub fn verdict(a: &Quantity, b: &Quantity, la: &Local, lb: &Local) -> (Verdict, Option<String>) {
    // An estimate or a fear ("as many as 60 are feared dead") allows a
    // count far below it ("23 bodies recovered"), but the two outlets still
    // give different figures.
    // A price move at the close and one during the day ("closed up 9%",
    // "jumped as much as 14% in early trading") are taken at two moments.
    if let (Some(x), Some(y)) = (la.moment, lb.moment)
        && x != y
    {
        return (
            Verdict::Variation,
            Some(format!(
                "taken at different moments of the trading day ({} versus {})",
                x.words(),
                y.words()
            )),
        );
    }
    let far = {
        let (x, y) = (a.value.abs(), b.value.abs());
        x.min(y) > 0.0 && x.max(y) / x.min(y) > 1.5
    };
    if compatible(a, b) && !(far && la.estimate != lb.estimate) {
        return (Verdict::Agreement, None);
    }
    // News media that pass a figure on ("the public broadcaster reported")
    // are not a source of their own.
    let relayed = |l: &Local| l.source.iter().any(|s| align::is_relay(s.as_str()));
    if !la.source.is_empty()
        && !lb.source.is_empty()
        && la.source.is_disjoint(&lb.source)
        && !relayed(la)
        && !relayed(lb)
    {
        return (
            Verdict::Variation,
            Some(format!(
                "attributed to different sources ({} versus {})",
                words(&la.source_words),
                words(&lb.source_words)
            )),
        );
    }
    if la.estimate != lb.estimate {
        return (
            Verdict::Variation,
            Some("an estimate versus a count".to_string()),
        );
    }
    (Verdict::Conflict, None)
}

/// Words joined by spaces, for explanations.
fn words(words: &[align::Sym]) -> String {
    let words: Vec<&str> = words.iter().map(|w| w.as_str()).collect();
    words.join(" ")
}

/// A quantity in a readable unit of its dimension, for comparing values
/// written in different units: "22.2 km/h", "5 hours", "3.7 to 4.9 m".
pub fn in_base_units(q: &Quantity) -> String {
    use crate::extract::Dimension as D;
    let v = q.value;
    let (scale, unit) = match q.dimension {
        D::Duration if v >= 86_400.0 * 2.0 => (86_400.0, "days"),
        D::Duration if v >= 3_600.0 => (3_600.0, "hours"),
        D::Duration if v >= 60.0 => (60.0, "minutes"),
        D::Duration => (1.0, "seconds"),
        D::Length if v >= 1_000.0 => (1_000.0, "km"),
        D::Length => (1.0, "m"),
        D::Area if v >= 10_000.0 => (10_000.0, "hectares"),
        D::Area => (1.0, "square metres"),
        D::Mass if v >= 1_000.0 => (1_000.0, "tonnes"),
        D::Mass => (1.0, "kg"),
        D::Speed => (1.0 / 3.6, "km/h"),
        D::Temperature => (1.0, "°C"),
        D::Volume => (1.0, "litres"),
        D::Percent => (1.0, "%"),
        D::PercentagePoint => (1.0, "percentage points"),
        D::Money => (1.0, q.currency.as_deref().unwrap_or("")),
        D::Time => {
            let zone = if q.unit == "UTC" { "UTC" } else { "local time" };
            return format!("{} {zone}", crate::extract::clock(v));
        }
        D::Count | D::Rank => (1.0, q.counted_text.as_str()),
    };
    let number = |x: f64| {
        let x = x / scale;
        if (x - x.round()).abs() < 1e-9 {
            crate::extract::format_value(x.round())
        } else {
            format!("{:.1}", x)
        }
    };
    let sep = if unit == "%" || unit.is_empty() {
        ""
    } else {
        " "
    };
    match q.range() {
        Some((lo, hi)) => format!("{} to {}{sep}{unit}", number(lo), number(hi)),
        None => format!("{}{sep}{unit}", number(v)),
    }
}

/// A quantity as an explanation shows it: its value and unit as
/// normalized ("about 5 hours", "12 to 16 feet (3.7 to 4.9 m)"), a rank
/// in the words of its scale ("Category 4 storm", "Super Typhoon Nari
/// (storm class 6)"). `text` is the claim as written; `converted` asks for
/// the value in a common unit too.
pub fn shown(q: &Quantity, text: &str, converted: bool) -> String {
    if q.dimension == Dimension::Rank {
        let hedge = q
            .hedge
            .as_deref()
            .map(|h| format!("{h} "))
            .unwrap_or_default();
        let text = text.trim();
        return if q.unit.is_empty() {
            format!("{hedge}{text}")
        } else {
            // A class named by words ("Super Typhoon") shows its step too.
            let n = crate::extract::format_value(q.stated);
            format!("{hedge}{text} ({} {n})", q.unit)
        };
    }
    let described = q.describe();
    let base = in_base_units(q);
    if converted && !described.ends_with(&base) {
        format!("{described} ({base})")
    } else {
        described
    }
}

/// A few words naming what two quantities are about.
pub fn subject(a: &Quantity, b: &Quantity) -> String {
    let q = if a.counted_text.len() >= b.counted_text.len() {
        a
    } else {
        b
    };
    let text = q.counted_text.trim();
    // What the dimension measures, in words a reader uses.
    let measure = match q.dimension {
        Dimension::Count => "number",
        Dimension::Percent | Dimension::PercentagePoint => "share",
        Dimension::Money => "amount",
        Dimension::Duration => "duration",
        Dimension::Length => "distance",
        Dimension::Area => "area",
        Dimension::Mass => "weight",
        Dimension::Speed => "speed",
        Dimension::Temperature => "temperature",
        Dimension::Volume => "volume",
        Dimension::Rank => "rank",
        Dimension::Time => "time",
    };
    let mut words = text.split_whitespace();
    match (q.dimension, q.modifier, words.next(), words.next()) {
        // "28-point draft": the draft's number of points.
        (Dimension::Count, true, Some(unit), Some(_)) => {
            let thing = text[unit.len()..].trim();
            format!("{thing}: number of {unit}s")
        }
        (_, _, None, _) => measure.to_string(),
        _ => format!("{text}: {measure}"),
    }
}

impl Rule for NumberMismatch {
    fn id(&self) -> &'static str {
        "number-mismatch"
    }

    fn kind(&self) -> Kind {
        Kind::Numeric
    }

    fn doc(&self) -> &'static str {
        DOC
    }

    fn check(&self, view: &EventView<'_>, out: &mut Vec<Finding>) {
        for pair in view.quantities {
            let ca = &view.analyses[pair.a.0].claims[pair.a.1];
            let cb = &view.analyses[pair.b.0].claims[pair.b.1];
            let (Some(qa), Some(qb)) = (ca.quantity(), cb.quantity()) else {
                continue;
            };
            let local_a = view
                .contexts
                .get(pair.a.0, ca.sentence as usize)
                .map(|ctx| align::local(ctx, ca.span))
                .unwrap_or_default();
            let local_b = view
                .contexts
                .get(pair.b.0, cb.sentence as usize)
                .map(|ctx| align::local(ctx, cb.span))
                .unwrap_or_default();
            let (verdict, why) = verdict(qa, qb, &local_a, &local_b);
            let text_a = ca.span.slice(&view.analyses[pair.a.0].doc.text);
            let text_b = cb.span.slice(&view.analyses[pair.b.0].doc.text);
            let relation = match verdict {
                Verdict::Agreement => "fits",
                _ => "versus",
            };
            let why = why.map(|w| format!(", {w}")).unwrap_or_default();
            // Values written in two units show each in one common unit:
            // "12 knots (22.2 km/h) fits about 22 km/h".
            let converted =
                qa.unit != qb.unit && !matches!(qa.dimension, Dimension::Count | Dimension::Money);

            out.push(Finding {
                kind: Kind::Numeric,
                verdict,
                rule: self.id(),
                event: Some(view.event),
                subject: subject(qa, qb),
                explanation: format!(
                    "{} {relation} {}{why}: \u{201c}{text_a}\u{201d} and \u{201c}{text_b}\u{201d}",
                    shown(qa, text_a, converted),
                    shown(qb, text_b, converted)
                ),
                evidence: vec![
                    Evidence::claim(view.analyses, pair.a.0, pair.a.1),
                    Evidence::claim(view.analyses, pair.b.0, pair.b.1),
                ],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn subjects_say_what_is_measured() {
        let subjects: Vec<String> = crate::compare::testing::findings(
            "The talks centred on a 28-point draft peace plan.",
            "Moscow reviewed an initial 27-point draft of the peace plan.",
        )
        .into_iter()
        .filter(|f| f.rule == "number-mismatch")
        .map(|f| f.subject)
        .collect();
        assert!(
            subjects.iter().any(|s| s.ends_with(": number of points")),
            "{subjects:?}"
        );
    }

    use crate::compare::testing::{assert_finding, assert_no_finding, findings};
    use crate::compare::{Kind, Verdict};

    #[test]
    fn different_sizes_of_one_plan_conflict() {
        assert_finding(
            "The talks centred on a 28-point draft peace plan.",
            "Moscow reviewed an initial 27-point proposal for the peace plan.",
            Kind::Numeric,
            Verdict::Conflict,
        );
    }

    #[test]
    fn a_hedged_duration_fits_a_compound_one() {
        assert_finding(
            "The talks in the Kremlin ended after almost five hours of talks.",
            "Officials gave no details of the five-hour negotiations in the Kremlin.",
            Kind::Numeric,
            Verdict::Agreement,
        );
        assert_no_finding(
            "The talks in the Kremlin ended after almost five hours of talks.",
            "Officials gave no details of the five-hour negotiations in the Kremlin.",
            Kind::Numeric,
        );
    }

    #[test]
    fn number_words_and_digits_compare() {
        assert_finding(
            "Rescuers said the storm killed 11 people in the province.",
            "Rescuers said the storm killed fourteen people in the province.",
            Kind::Numeric,
            Verdict::Conflict,
        );
    }

    #[test]
    fn a_lower_bound_fits_a_larger_figure() {
        assert_finding(
            "More than 400,000 homes and businesses lost power in the storm.",
            "About 450,000 homes and businesses lost power in the storm.",
            Kind::Numeric,
            Verdict::Agreement,
        );
    }

    #[test]
    fn another_occasion_is_not_compared() {
        assert_no_finding(
            "Before the summit, the envoy met the delegation in another city for four hours, prior to the talks.",
            "Officials gave no details of the five-hour talks.",
            Kind::Numeric,
        );
        assert_no_finding(
            "A similar storm in 2021 killed 30 people in the province.",
            "The storm killed 11 people in the province.",
            Kind::Numeric,
        );
    }

    #[test]
    fn different_things_counted_are_not_compared() {
        assert_no_finding(
            "The storm destroyed 300 homes in the province.",
            "The storm killed 11 people in the province.",
            Kind::Numeric,
        );
    }

    #[test]
    fn units_convert_before_comparing() {
        assert_finding(
            "The ferry was travelling at 12 knots when it hit the pier.",
            "The ferry was moving at about 22 km/h when it hit the pier.",
            Kind::Numeric,
            Verdict::Agreement,
        );
    }

    #[test]
    fn hedged_bounds_that_cannot_meet_conflict() {
        assert_finding(
            "He was ordered to repay more than 2,000 investors in the fund.",
            "He was ordered to repay about 1,700 investors in the fund.",
            Kind::Numeric,
            Verdict::Conflict,
        );
    }

    #[test]
    fn small_round_counts_are_exact() {
        assert_finding(
            "The earthquake struck on Wednesday, injuring 40 people in the city.",
            "The earthquake struck on Wednesday, injuring 38 people in the city.",
            Kind::Numeric,
            Verdict::Conflict,
        );
    }

    #[test]
    fn different_sources_are_a_variation() {
        assert_finding(
            "About 5,000 protesters marched through the centre, according to police.",
            "About 20,000 protesters marched through the centre, according to organisers.",
            Kind::Numeric,
            Verdict::Variation,
        );
    }

    #[test]
    fn different_sources_are_named_as_written() {
        let fs = findings(
            "Two people died in the blaze, county sheriff Tom Adeyemi said.",
            "Five people died in the blaze, fire director Rosa Lindqvist said.",
        );
        let variation = fs
            .iter()
            .find(|f| f.kind == Kind::Numeric && f.verdict == Verdict::Variation)
            .expect("a numeric variation");
        assert!(
            variation
                .explanation
                .contains("(sheriff tom adeyemi versus director rosa lindqvist)"),
            "{}",
            variation.explanation
        );
    }

    #[test]
    fn generic_heads_need_the_same_predicate() {
        assert_no_finding(
            "The flood killed 12 people in the valley.",
            "The flood displaced 4,000 people in the valley.",
            Kind::Numeric,
        );
    }

    #[test]
    fn two_numbers_in_one_sentence_keep_their_partners() {
        assert_no_finding(
            "The quake struck 30 km south-west of the city at a depth of 90 km.",
            "The epicentre was 30 kilometres south-west of the city at a depth of 90 kilometres.",
            Kind::Numeric,
        );
    }

    #[test]
    fn a_dozen_is_twelve() {
        assert_no_finding(
            "All 12 miners were freed on Monday after the collapse.",
            "A dozen miners were freed on Monday after the collapse.",
            Kind::Numeric,
        );
    }

    #[test]
    fn one_figure_in_two_units_agrees_with_a_lower_bar() {
        assert_finding(
            "The storm could still drop up to 20 inches of rain in some areas through Friday.",
            "Forecasters said it could bring up to 500 millimetres of rain to parts of the state.",
            Kind::Numeric,
            Verdict::Agreement,
        );
        assert_finding(
            "The company postponed the launch of its rocket by two days.",
            "The weather pushed the flight back 48 hours.",
            Kind::Numeric,
            Verdict::Agreement,
        );
        assert_finding(
            "The new attempt is scheduled for 6:14 p.m. EDT on Thursday.",
            "Liftoff is now targeted for 22:14 GMT on Thursday.",
            Kind::Numeric,
            Verdict::Agreement,
        );
    }

    #[test]
    fn two_hedged_counts_of_people_that_fit_agree() {
        assert_finding(
            "Roughly 100 people had boarded the vessel in the port.",
            "The boat had left the port with about 100 people on board.",
            Kind::Numeric,
            Verdict::Agreement,
        );
        assert_finding(
            "More than 90,000 people were evacuated from the coast.",
            "About 95,000 residents fled the coast before landfall.",
            Kind::Numeric,
            Verdict::Agreement,
        );
    }

    #[track_caller]
    fn assert_unaligned(a: &str, b: &str) {
        let fs = crate::compare::testing::findings(a, b);
        assert!(
            !fs.iter().any(|f| f.kind == Kind::Numeric),
            "expected no numeric finding or agreement between\n  {a}\n  {b}\ngot: {fs:?}"
        );
    }

    #[test]
    fn a_loose_agreement_needs_two_signs() {
        // Close values of two different things, with nothing else in common.
        assert_unaligned(
            "About 100 people gathered outside the court.",
            "Police counted 110 cars parked along the road.",
        );
        // People to whom different things happened.
        assert_unaligned(
            "More than 90,000 people were evacuated from the coast.",
            "About 95,000 people were injured across the region.",
        );
    }

    #[test]
    fn a_vague_amount_does_not_conflict_with_a_count() {
        assert_no_finding(
            "Hundreds of workers in hi-vis had gathered at the gates to hear the terms.",
            "Some 1,500 port workers joined the strike.",
            Kind::Numeric,
        );
    }

    #[test]
    fn counts_of_differently_qualified_groups_do_not_conflict() {
        assert_no_finding(
            "The stevedore had also stood down 150 casual workers during the dispute.",
            "Some 1,500 port workers joined the strike at the terminal.",
            Kind::Numeric,
        );
    }

    #[test]
    fn figures_orders_of_magnitude_apart_are_different_scopes() {
        assert_no_finding(
            "The trial recorded 196 confirmed dengue cases among participants.",
            "Dengue causes roughly 390 million dengue infections a year.",
            Kind::Numeric,
        );
    }

    #[test]
    fn a_separate_incident_is_another_occasion() {
        assert_no_finding(
            "Separately, 38 people were rescued from a dinghy west of the island on Saturday.",
            "Coast guard crews rescued 41 survivors after the boat capsized on Saturday.",
            Kind::Numeric,
        );
    }

    #[test]
    fn a_count_under_a_feared_toll_is_a_variation() {
        assert_finding(
            "Coast guard crews recovered 23 bodies after the boat capsized.",
            "As many as 60 people are feared to have died after the boat capsized.",
            Kind::Numeric,
            Verdict::Variation,
        );
    }

    #[test]
    fn a_figure_the_media_relay_is_not_a_second_source() {
        assert_finding(
            "The storm came ashore with maximum sustained winds of 40 meters per second, according to the national weather agency.",
            "The storm made landfall with maximum sustained winds of 180 km/h, the public broadcaster reported.",
            Kind::Numeric,
            Verdict::Conflict,
        );
    }

    #[test]
    fn unnamed_measures_are_tied_by_a_word_their_clauses_share() {
        assert_finding(
            "The countdown was halted about 40 minutes before the planned liftoff.",
            "The attempt was called off with less than two minutes left on the countdown clock.",
            Kind::Numeric,
            Verdict::Conflict,
        );
        // Amounts of money are not tied by a shared word alone.
        assert_no_finding(
            "The mayor will sign the spending bill, which grants $1.375 billion for the bridge, as opposed to the $5.7 billion he initially demanded.",
            "Of that, $3 billion could be diverted with help from the emergency declaration.",
            Kind::Numeric,
        );
        // A local time and a time in a zone cannot be compared.
        assert_no_finding(
            "The new launch window opens at 6:14 p.m. on Thursday.",
            "The new launch window opens at 6:14 p.m. EDT on Thursday.",
            Kind::Numeric,
        );
    }

    #[test]
    fn outage_counts_and_rescue_crews_in_other_words_agree() {
        assert_finding(
            "More than 400,000 homes and businesses lost power across the state.",
            "About 450,000 customers were without power across the state.",
            Kind::Numeric,
            Verdict::Agreement,
        );
        assert_finding(
            "More than 200 rescuers worked in shifts at the mine.",
            "About 250 rescue workers took part in the operation at the mine.",
            Kind::Numeric,
            Verdict::Agreement,
        );
    }

    #[test]
    fn a_figure_restated_in_another_unit_agrees_twice() {
        let agreements = crate::compare::testing::findings(
            "The miners were cut off at a depth of about 600 metres in the mine.",
            "Rescuers reached the 2,000-foot depth of the mine on Monday. \
             The miners had spent days nearly 2,000 feet below ground in the mine.",
        )
        .into_iter()
        .filter(|f| f.rule == "number-mismatch" && f.verdict == Verdict::Agreement)
        .count();
        assert_eq!(agreements, 2);
    }

    #[test]
    fn headlines_corroborate_headlines_and_bodies_bodies() {
        let pairs: Vec<Vec<u32>> = crate::compare::testing::findings(
            "Rocket launch delayed by two days after glitch\n\n\
             The company has postponed the launch of its rocket by two days after engineers found a faulty sensor.",
            "Rocket launch slips 48 hours as winds ground rocket\n\n\
             The launch was called off because of strong winds, pushing the flight back 48 hours.",
        )
        .into_iter()
        .filter(|f| f.rule == "number-mismatch" && f.verdict == Verdict::Agreement)
        .map(|f| f.evidence.iter().map(|e| e.sentence).collect())
        .collect();
        assert!(pairs.contains(&vec![1, 1]), "{pairs:?}");
    }

    #[test]
    fn figures_far_apart_need_a_strong_alignment() {
        // Two sets of one kind, said in other words.
        assert_no_finding(
            "The governing party is on track to hold at least 240 seats in the chamber next year.",
            "Last week the leader picked a new campaign chief, even though the opposition picked up just six seats in this election.",
            Kind::Numeric,
        );
        assert_no_finding(
            "The council raised $1.375 billion for the bridge, as opposed to the $5.7 billion the mayor initially demanded.",
            "The mayor requested $5.7 billion for construction of the bridge, while the opposition vowed to block it.",
            Kind::Numeric,
        );
        // Sums that name nothing they pay for, loosely tied.
        assert_no_finding(
            "Of that, $3 billion could be diverted with help from the emergency order.",
            "The order, according to officials, lets the mayor divert $3.6 billion from other projects to the bridge.",
            Kind::Numeric,
        );
        // An addition is not a total.
        assert_no_finding(
            "There are two more presidential debates on the calendar, and the polls have moved.",
            "The president will approach next Tuesday's debate, the second of three presidential debates, with care.",
            Kind::Numeric,
        );
        // Vague amounts are figures of speech.
        assert_no_finding(
            "The indictment alleged that the pair spent tens of thousands of dollars on trips.",
            "Prosecutors said the pair spent thousands of dollars on trips.",
            Kind::Numeric,
        );
        // Two approximations of one figure, far apart, still conflict.
        assert_finding(
            "The outage disrupted services for about 2 million users across Europe.",
            "The outage disrupted services for some 20 million users across Europe.",
            Kind::Numeric,
            Verdict::Conflict,
        );
    }

    #[test]
    fn price_moves_at_different_moments_are_a_variation() {
        assert_finding(
            "Corvane reported record orders for its turbines. Its stock closed up 9% in Oslo on Wednesday, the best day in a year.",
            "Corvane's shares jumped as much as 14% in early trading on Wednesday after the order book was published.",
            Kind::Numeric,
            Verdict::Variation,
        );
        // One moment against none: the figures are compared as usual.
        assert_finding(
            "Shares in the miner Halden Resources fell about 6% in London trading.",
            "LONDON, March 4 - Halden Resources shares closed down 6.3% on Thursday after the flooding at its mine.",
            Kind::Numeric,
            Verdict::Agreement,
        );
        // Two traded subjects, named apart.
        assert_no_finding(
            "Shares of Corvane closed up 9% on Wednesday. Traders also watched Brightwell.",
            "Shares of Brightwell jumped as much as 25% in early trading on Wednesday. Traders also watched Corvane.",
            Kind::Numeric,
        );
    }

    #[track_caller]
    fn explained(a: &str, b: &str) -> String {
        crate::compare::testing::findings(a, b)
            .into_iter()
            .filter(|f| f.rule == "number-mismatch")
            .map(|f| f.explanation)
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn explanations_show_ranges_ranks_and_times_in_words() {
        let e = explained(
            "Forecasters warned of a storm surge of up to five metres on the coast.",
            "Forecasters warned of a storm surge of 12 to 16 feet on the coast.",
        );
        assert!(e.contains("12 to 16 feet (3.7 to 4.9 m)"), "{e}");
        let e = explained(
            "The hurricane hit the coast as a Category 4 storm on Sunday.",
            "The hurricane hit the coast as a Category 3 storm on Sunday.",
        );
        assert!(
            e.starts_with("Category 4 storm versus Category 3 storm"),
            "{e}"
        );
        let e = explained(
            "Super Typhoon Nari hit the northern coast on Monday.",
            "Typhoon Nari hit the northern coast on Monday.",
        );
        assert!(
            e.starts_with("Super Typhoon Nari (storm class 6) versus Typhoon Nari (storm class 4)"),
            "{e}"
        );
        let e = explained(
            "The new attempt is scheduled for 6:14 p.m. EDT on Thursday.",
            "Liftoff is now targeted for 22:14 GMT on Thursday.",
        );
        assert!(e.starts_with("22:14 UTC fits 22:14 UTC"), "{e}");
    }

    #[test]
    fn shortly_after_the_hour_fits_minutes_past_it() {
        assert_no_finding(
            "The problems began at about 7:10 a.m. in the data centre region.",
            "The meltdown began shortly after 7 a.m. in the data centre region.",
            Kind::Numeric,
        );
    }
}
