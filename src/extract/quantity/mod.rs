//! Quantities: numbers with what they count or measure, hedges as intervals, units normalized.
//!
//! A quantity claim's span is the number with its unit and counted noun
//! ("28-point draft", "almost five hours", "more than 1,000 people"), and its
//! value is an [`Interval`] in the dimension's base unit, so that "almost five
//! hours" and a "five-hour" meeting, or "six miles" and "10 km", compare directly.

mod data;
mod read;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

/// What a quantity measures. Values are held in each dimension's base unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dimension {
    /// A count of things: "27 points", "a dozen miners".
    Count,
    /// A percentage: "94%", "18 percent".
    Percent,
    /// A difference of percentages: "2 percentage points", "25 basis points" (0.25).
    PercentagePoint,
    /// An amount of money, in units of its currency (no conversion between currencies).
    Money,
    /// A duration, in seconds.
    Duration,
    /// A length or distance, in metres.
    Length,
    /// An area, in square metres.
    Area,
    /// A mass, in kilograms.
    Mass,
    /// A speed, in metres per second.
    Speed,
    /// A temperature, in degrees Celsius.
    Temperature,
    /// A volume, in litres.
    Volume,
    /// A rank on a scale ("Category 4", "magnitude 6.1", "third day").
    Rank,
    /// A time of day, in seconds after midnight: UTC when the text gives a
    /// zone ("6:14 p.m. EDT", unit "UTC"), else local (unit "local").
    Time,
}

/// A set of values: `lo..hi`, each end open or closed, possibly unbounded.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// JSON has no infinities: an unbounded end is written `null`.
    #[serde(deserialize_with = "lower_bound")]
    pub lo: f64,
    #[serde(deserialize_with = "upper_bound")]
    pub hi: f64,
    pub lo_closed: bool,
    pub hi_closed: bool,
}

/// An interval's lower end as read back from JSON, where `null` is minus infinity.
fn lower_bound<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NEG_INFINITY))
}

/// An interval's upper end as read back from JSON, where `null` is infinity.
fn upper_bound<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::INFINITY))
}

impl Interval {
    /// The single value `v`.
    pub fn point(v: f64) -> Interval {
        Interval {
            lo: v,
            hi: v,
            lo_closed: true,
            hi_closed: true,
        }
    }

    /// Do the two intervals share a value?
    pub fn overlaps(&self, other: &Interval) -> bool {
        let lo_ok = if self.lo == other.hi {
            self.lo_closed && other.hi_closed
        } else {
            self.lo < other.hi
        };
        let hi_ok = if other.lo == self.hi {
            other.lo_closed && self.hi_closed
        } else {
            other.lo < self.hi
        };
        lo_ok && hi_ok
    }

    /// Widens both ends by a relative tolerance (for rounding and unit conversion).
    pub fn widen(&self, relative: f64) -> Interval {
        let lo_d = (self.lo.abs() * relative).max(0.0);
        let hi_d = (self.hi.abs() * relative).max(0.0);
        Interval {
            lo: self.lo - lo_d,
            hi: self.hi + hi_d,
            lo_closed: true,
            hi_closed: true,
        }
    }

    pub fn is_point(&self) -> bool {
        self.lo == self.hi
    }
}

/// A number with what it counts or measures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub dimension: Dimension,
    /// The value as stated (the midpoint for a range), in the base unit.
    pub value: f64,
    /// What the statement allows, after hedges and ranges, in the base unit.
    /// Rounding is not folded in: widen by `precision` to compare figures
    /// ("30,000" is the point 30000 with precision 0.1).
    pub interval: Interval,
    /// Relative rounding tolerance implied by how the number was written
    /// ("1.6 million" is good to about 3%; "27" is exact).
    pub precision: f64,
    /// The unit as normalized ("hour", "km", "percent", "USD"); empty for plain counts.
    pub unit: String,
    /// Currency code for money ("USD", "EUR", "AUD").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The hedge as written ("almost", "more than"), lowercased.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hedge: Option<String>,
    /// Stems of what is counted or measured, head noun first ("point", "plan").
    /// For a hyphenated count word the word comes first, then the noun's head
    /// and modifiers ("28-point draft": ["point", "draft"]); for a rank the
    /// scale word comes first ("Category 4 storm": ["categori", "storm"]);
    /// a measure's noun comes through "of" ("five hours of talks": ["talk"])
    /// or from "winds of 150 mph" before it (["wind", "sustain", "maximum"]).
    pub counted: Vec<String>,
    /// The counted words as written, for explanations ("points", "homes destroyed").
    pub counted_text: String,
    /// The verb that says what happened to the counted thing, stemmed ("kill", "rescu").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    /// The number modifies a noun: "27-point draft", "five-hour talks".
    pub modifier: bool,
    /// The number as written, in `unit` (the midpoint for a range): 5 for
    /// "almost five hours", 1600000 for "1.6 million".
    pub stated: f64,
}

pub use read::{Buffers, extract, extract_tokens, extract_tokens_with};

/// Formats a number for people: "1,500", "1.6 million", "2.5".
pub fn format_value(v: f64) -> String {
    format_number(v)
}

impl Quantity {
    /// Whether the amount is a vague word rather than a number: "hundreds
    /// of workers", "dozens of people".
    pub fn is_vague(&self) -> bool {
        self.hedge
            .as_deref()
            .is_some_and(|h| data::tables().vague.iter().any(|(_, v)| v.phrase == h))
    }

    /// A short description for explanations: "28 points", "about 5 hours",
    /// "more than 1,000 people", "AUD 18 million".
    pub fn describe(&self) -> String {
        let mut out = String::new();
        if let Some(h) = &self.hedge {
            out.push_str(h);
            out.push(' ');
        }
        if self.dimension == Dimension::Money {
            out.push_str(self.currency.as_deref().unwrap_or(""));
            out.push(' ');
        }
        if self.dimension == Dimension::Rank
            && let Some(scale) = self.counted.first()
        {
            out.push_str(scale);
            out.push(' ');
        }
        // A vague amount ("dozens") is its own number.
        if self.is_vague() {
            // The hedge is the amount: drop its separating space.
            out.pop();
        } else if self.dimension == Dimension::Time {
            out.push_str(&clock(self.value));
            out.push_str(if self.unit == "UTC" {
                " UTC"
            } else {
                " local time"
            });
            return out;
        } else if let Some((lo, hi)) = self.range() {
            // A range shows both ends as written: "12 to 16 feet".
            let scale = if self.value == 0.0 {
                1.0
            } else {
                self.stated / self.value
            };
            out.push_str(&format_number(round_sig(lo * scale)));
            out.push_str(" to ");
            out.push_str(&format_number(round_sig(hi * scale)));
        } else {
            out.push_str(&format_number(self.stated));
        }
        let mut words = self.counted_text.split_whitespace();
        let unit = match self.dimension {
            // "28-point draft" describes points; "four more documents", documents.
            Dimension::Count if self.modifier => words.next().map(|w| {
                if self.stated != 1.0 && !w.ends_with('s') {
                    format!("{w}s")
                } else {
                    w.to_string()
                }
            }),
            Dimension::Count => words.next_back().map(str::to_string),
            Dimension::Money | Dimension::Rank | Dimension::Time => None,
            Dimension::Percent => Some("%".to_string()),
            _ if self.unit.is_empty() => None,
            _ => Some(if self.stated == 1.0 {
                self.unit.clone()
            } else {
                plural_unit(&self.unit)
            }),
        };
        match unit {
            Some(u) if u == "%" => out.push('%'),
            Some(u) if !u.is_empty() => {
                out.push(' ');
                out.push_str(&u);
            }
            _ => {}
        }
        out
    }
}

impl Quantity {
    /// Both ends of a range as written ("12 to 16 feet"), in the base unit;
    /// `None` for a single figure, hedged or not.
    pub fn range(&self) -> Option<(f64, f64)> {
        let i = &self.interval;
        (self.hedge.is_none()
            && self.dimension != Dimension::Time
            && i.lo.is_finite()
            && i.hi.is_finite()
            && i.lo < i.hi)
            .then_some((i.lo, i.hi))
    }
}

/// A time of day in seconds after midnight as a 24-hour clock: "22:14".
pub fn clock(seconds: f64) -> String {
    let minutes = (seconds / 60.0).round().rem_euclid(24.0 * 60.0) as u32;
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// A value rid of the noise unit conversion leaves (3.9999999 → 4), kept to
/// six significant digits.
pub fn round_sig(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let digits = 6 - v.abs().log10().ceil() as i32;
    let f = 10f64.powi(digits);
    (v * f).round() / f
}

/// A number for people: grouped thousands, "1.6 million" for round millions.
fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    for (scale, word) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        if v.abs() >= scale {
            let m = v / scale;
            let rounded = (m * 100.0).round() / 100.0;
            if (rounded - m).abs() < 1e-9 * scale.max(1.0) {
                return format!("{} {word}", trim_float(rounded));
            }
        }
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let digits = format!("{}", v.abs() as u64);
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if v < 0.0 {
            grouped.insert(0, '-');
        }
        return grouped;
    }
    trim_float((v * 1000.0).round() / 1000.0)
}

fn trim_float(v: f64) -> String {
    let s = format!("{v}");
    s
}

/// The plural of a unit name: "hours", "feet"; symbols stay as they are.
fn plural_unit(unit: &str) -> String {
    match unit {
        "foot" => "feet".to_string(),
        "inch" => "inches".to_string(),
        "century" => "centuries".to_string(),
        "mph" | "celsius" | "fahrenheit" | "percent" | "storm class" => unit.to_string(),
        u if u.len() > 2 && u.chars().all(|c| c.is_alphabetic() || c == ' ') => format!("{u}s"),
        u => u.to_string(),
    }
}
