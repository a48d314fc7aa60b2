//! The terminal table: a table per event, each outlet's evidence marked in
//! an excerpt of its sentence, then a one-line summary.
//!
//! Without colour (not a terminal, `NO_COLOR`, `--color never`) the output
//! is plain text with no width limit unless one is given, so it is the same
//! on every machine and tests can compare it. With colour, verdicts are
//! coloured and the table wraps to the terminal's width.

use comfy_table::{
    Attribute, Cell, Color, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED,
};

use super::{ClaimOut, FindingOut, Report, kind_name, verdict_name};
use crate::compare::Verdict;

/// How to draw the table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// Wrap to this many columns.
    pub width: Option<u16>,
    /// Colour verdicts with ANSI escapes.
    pub color: bool,
}

/// Characters of sentence shown on each side of the evidence.
const CONTEXT: usize = 40;

/// Renders findings (not agreements) as a table per event, then a summary line.
pub fn render(report: &Report, style: Style) -> String {
    let mut out = String::new();
    let mut groups: Vec<(String, Vec<&FindingOut>)> = report
        .events
        .iter()
        .map(|e| {
            let docs = report
                .documents_of(e)
                .iter()
                .map(|d| d.meta.outlet.clone().unwrap_or_else(|| d.id.clone()))
                .collect::<Vec<_>>()
                .join(", ");
            (format!("event {}: {docs}", e.id), Vec::new())
        })
        .collect();
    let mut across = Vec::new();
    for f in &report.findings {
        match report.events.iter().position(|e| e.id == f.event) {
            Some(i) => groups[i].1.push(f),
            None => across.push(f),
        }
    }
    groups.push(("across events".to_string(), across));
    for (title, findings) in groups.iter().filter(|(_, fs)| !fs.is_empty()) {
        if style.color {
            let bold = anstyle::Style::new().bold();
            out.push_str(&format!(
                "{}{title}{}\n",
                bold.render(),
                bold.render_reset()
            ));
        } else {
            out.push_str(&format!("{title}\n"));
        }
        out.push_str(&table(findings, style));
        out.push('\n');
    }
    out.push_str(&report.summary());
    out.push('\n');
    out
}

fn table(findings: &[&FindingOut], style: Style) -> String {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(vec!["verdict", "kind", "about", "evidence", "why"]);
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    if let Some(w) = style.width {
        table.set_width(w);
    }
    for f in findings {
        let evidence = f
            .claims
            .iter()
            .map(|c| format!("{}: {}", c.document, excerpt(c)))
            .collect::<Vec<_>>()
            .join("\n");
        let mut verdict = Cell::new(verdict_name(f.verdict));
        if style.color {
            let color = match f.verdict {
                Verdict::Conflict => Color::Red,
                Verdict::Variation => Color::Yellow,
                Verdict::Agreement => Color::Green,
            };
            verdict = verdict.fg(color).add_attribute(Attribute::Bold);
        }
        table.add_row(vec![
            verdict,
            Cell::new(kind_name(f.kind)),
            Cell::new(&f.subject),
            Cell::new(evidence),
            Cell::new(&f.explanation),
        ]);
    }
    let mut out = table.to_string();
    out.push('\n');
    out
}

/// The claim's sentence cut to some context around it, the claim in brackets:
/// `…the storm killed [11 people] in the province…`.
pub fn excerpt(c: &ClaimOut) -> String {
    let sentence = c.sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = c.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(at) = sentence.find(&text).filter(|_| !text.is_empty()) else {
        return format!("[{text}]");
    };
    let before = &sentence[..at];
    let after = &sentence[at + text.len()..];
    let before_chars = before.chars().count();
    let head: String = if before_chars > CONTEXT {
        let skip = before_chars - CONTEXT;
        let cut: String = before.chars().skip(skip).collect();
        // Drop a word the cut went through.
        let mid_word = before
            .chars()
            .nth(skip - 1)
            .is_some_and(|c| !c.is_whitespace());
        let cut = match cut.split_once(char::is_whitespace) {
            Some((_, rest)) if mid_word => rest.to_string(),
            _ => cut,
        };
        format!("\u{2026}{}", cut.trim_start())
    } else {
        before.to_string()
    };
    let tail: String = if after.chars().count() > CONTEXT {
        let cut: String = after.chars().take(CONTEXT).collect();
        let mid_word = after
            .chars()
            .nth(CONTEXT)
            .is_some_and(|c| !c.is_whitespace());
        let cut = match cut.rsplit_once(char::is_whitespace) {
            Some((rest, _)) if mid_word => rest.to_string(),
            _ => cut,
        };
        format!("{}\u{2026}", cut.trim_end())
    } else {
        after.to_string()
    };
    format!("{head}[{text}]{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(text: &str, sentence: &str) -> ClaimOut {
        ClaimOut {
            document: "a".into(),
            start: 0,
            end: 0,
            text: text.into(),
            sentence: sentence.into(),
            value: None,
            clean_start: 0,
            clean_end: 0,
        }
    }

    #[test]
    fn excerpts_mark_the_evidence_in_its_sentence() {
        assert_eq!(
            excerpt(&claim("11 people", "The storm killed 11 people.")),
            "The storm killed [11 people]."
        );
        let long = "In a long sentence that goes on and on before it gets to the point, the storm killed 11 people in the province on Tuesday and more after that.";
        assert_eq!(
            excerpt(&claim("11 people", long)),
            "\u{2026}it gets to the point, the storm killed [11 people] in the province on Tuesday and more\u{2026}"
        );
        assert_eq!(excerpt(&claim("gone", "Elsewhere.")), "[gone]");
    }
}
