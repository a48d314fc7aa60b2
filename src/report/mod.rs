//! Reporting: findings and agreements in the forms people and machines read.
//!
//! [`Report`] resolves every piece of evidence to what a user needs (the
//! document id, the byte range in the file on disk, the text, the sentence)
//! once; each format is a file of its own that only renders a `Report`.

pub mod claims;
pub mod entities;
pub mod github;
pub mod html;
pub mod json;
pub mod lines;
pub mod markdown;
pub mod sarif;
pub mod table;

use rayon::prelude::*;
use serde::Serialize;

use crate::compare::{Finding, Kind, Verdict};
use crate::extract::{Analysis, ClaimKind};
use crate::group::Event;
use crate::ingest::Problem;

/// One piece of evidence, located in the file on disk.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimOut {
    pub document: String,
    /// Byte offsets into the file as it is on disk, end exclusive.
    pub start: u64,
    pub end: u64,
    /// The claim's own text.
    pub text: String,
    /// The sentence it stands in.
    pub sentence: String,
    /// The normalized value, where the claim has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Byte offsets into the document's cleaned text (`DocumentOut::text`),
    /// for renderers that show that text, such as the HTML report. Not part
    /// of the JSON contract.
    #[serde(skip)]
    pub clean_start: u32,
    #[serde(skip)]
    pub clean_end: u32,
}

/// A finding or agreement, ready to render.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FindingOut {
    pub kind: Kind,
    pub verdict: Verdict,
    pub rule: &'static str,
    /// The event's id; empty for a finding across events.
    pub event: String,
    pub subject: String,
    pub explanation: String,
    pub claims: Vec<ClaimOut>,
}

/// One input document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentOut {
    pub id: String,
    pub path: String,
    pub event: String,
    #[serde(flatten)]
    pub meta: crate::ingest::Meta,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The cleaned text, as the pipeline read it. Not part of the JSON contract.
    #[serde(skip)]
    pub text: String,
    /// Every claim the document makes, as cleaned-text byte ranges, whether
    /// or not another outlet made it too. Not part of the JSON contract.
    #[serde(skip)]
    pub claim_spans: Vec<(u32, u32)>,
}

/// One event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventOut {
    pub id: String,
    pub documents: Vec<String>,
}

/// Everything a run found, resolved for output.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub documents: Vec<DocumentOut>,
    pub events: Vec<EventOut>,
    pub findings: Vec<FindingOut>,
    pub agreements: Vec<FindingOut>,
    pub problems: Vec<Problem>,
}

impl Report {
    /// Resolves a run's findings against its documents.
    pub fn new(
        analyses: &[Analysis],
        events: &[Event],
        findings: &[Finding],
        problems: &[Problem],
    ) -> Report {
        Report::resolve(analyses, events, findings, problems, true)
    }

    /// [`Report::new`], with each document's cleaned text only when `texts`
    /// (the HTML report shows it; the other formats do not, and a large
    /// run's texts are hundreds of megabytes).
    pub fn resolve(
        analyses: &[Analysis],
        events: &[Event],
        findings: &[Finding],
        problems: &[Problem],
        texts: bool,
    ) -> Report {
        let mut event_of = vec![String::new(); analyses.len()];
        for e in events {
            for &d in &e.documents {
                event_of[d] = e.id.clone();
            }
        }
        let documents = analyses
            .iter()
            .zip(&event_of)
            .map(|(a, event)| DocumentOut {
                id: a.doc.id.clone(),
                path: a.doc.path.clone(),
                event: event.clone(),
                meta: a.doc.meta.clone(),
                warnings: a.doc.warnings.clone(),
                text: if texts {
                    a.doc.text.clone()
                } else {
                    String::new()
                },
                claim_spans: a
                    .claims
                    .iter()
                    .map(|c| (c.span.start, c.span.end))
                    .collect(),
            })
            .collect();
        let events_out = events
            .iter()
            .map(|e| EventOut {
                id: e.id.clone(),
                documents: e
                    .documents
                    .iter()
                    .map(|&d| analyses[d].doc.id.clone())
                    .collect(),
            })
            .collect();
        let resolve = |f: &Finding| FindingOut {
            kind: f.kind,
            verdict: f.verdict,
            rule: f.rule,
            event: f.event.map(|e| events[e].id.clone()).unwrap_or_default(),
            subject: f.subject.clone(),
            explanation: f.explanation.clone(),
            claims: f
                .evidence
                .iter()
                .map(|e| {
                    let a = &analyses[e.doc];
                    let span = within_block(&a.doc, e.span);
                    let (start, end) = a.doc.raw_span(span);
                    let value = e.claim.map(|c| match &a.claims[c].kind {
                        ClaimKind::Quantity(q) => q.describe(),
                        ClaimKind::Framing(c) => c.term.clone(),
                        ClaimKind::Mention(m) => m.name.full.clone(),
                        ClaimKind::Attribution(a) => a
                            .speaker
                            .name
                            .as_ref()
                            .map_or_else(|| a.speaker.text.clone(), |n| n.full.clone()),
                    });
                    ClaimOut {
                        document: a.doc.id.clone(),
                        start,
                        end,
                        text: span.slice(&a.doc.text).to_string(),
                        sentence: a
                            .sentences
                            .get(e.sentence as usize)
                            .map(|s| s.span.slice(&a.doc.text).to_string())
                            .unwrap_or_default(),
                        value,
                        clean_start: span.start,
                        clean_end: span.end,
                    }
                })
                .collect(),
        };
        let (agreements, findings): (Vec<&Finding>, Vec<&Finding>) = findings
            .iter()
            .partition(|f| f.verdict == Verdict::Agreement);
        Report {
            documents,
            events: events_out,
            findings: findings.into_par_iter().map(resolve).collect(),
            agreements: agreements.into_par_iter().map(resolve).collect(),
            problems: problems.to_vec(),
        }
    }

    /// Whether any finding is at or above `level`.
    pub fn fails(&self, level: Verdict) -> bool {
        self.findings.iter().any(|f| f.verdict.at_least(level))
    }
}

/// The files on disk that claims point into, by document path, for formats
/// that give lines and columns (SARIF, GitHub annotations). A document whose
/// file is missing here (standard input, say) is located by bytes only.
pub type RawFiles = std::collections::BTreeMap<String, Vec<u8>>;

/// A kind as users see it: `numeric`, `attribution`, `framing`.
pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Numeric => "numeric",
        Kind::Attribution => "attribution",
        Kind::Framing => "framing",
    }
}

/// A verdict as users see it: `conflict`, `variation`, `agreement`.
pub fn verdict_name(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Conflict => "conflict",
        Verdict::Variation => "variation",
        Verdict::Agreement => "agreement",
    }
}

/// One section of a rule's documentation ("What it flags", "Why it
/// matters", "Example"), its lines joined by single spaces when `flow`.
pub fn doc_section(doc: &str, title: &str, flow: bool) -> String {
    let marker = format!("## {title}");
    let Some(rest) = doc.split(&marker).nth(1) else {
        return String::new();
    };
    let body = rest.split("\n## ").next().unwrap_or("").trim();
    if flow {
        body.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        body.to_string()
    }
}

/// What one event's findings add up to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub conflicts: usize,
    pub variations: usize,
    pub agreements: usize,
    /// Claims that no other outlet's claim was aligned with.
    pub single_source: usize,
}

impl Report {
    /// Findings and agreements of event `event` (empty: across events).
    pub fn of_event<'a>(&'a self, event: &'a str) -> impl Iterator<Item = &'a FindingOut> + 'a {
        self.findings
            .iter()
            .chain(&self.agreements)
            .filter(move |f| f.event == event)
    }

    /// The documents of event `event`, in the event's order.
    pub fn documents_of<'a>(&'a self, event: &'a EventOut) -> Vec<&'a DocumentOut> {
        event
            .documents
            .iter()
            .filter_map(|id| self.documents.iter().find(|d| &d.id == id))
            .collect()
    }

    /// Counts for one event.
    pub fn tally(&self, event: &EventOut) -> Tally {
        let mut tally = Tally::default();
        for f in self.of_event(&event.id) {
            match f.verdict {
                Verdict::Conflict => tally.conflicts += 1,
                Verdict::Variation => tally.variations += 1,
                Verdict::Agreement => tally.agreements += 1,
            }
        }
        for doc in self.documents_of(event) {
            let used: std::collections::BTreeSet<(u32, u32)> = self
                .findings
                .iter()
                .chain(&self.agreements)
                .flat_map(|f| &f.claims)
                .filter(|c| c.document == doc.id)
                .map(|c| (c.clean_start, c.clean_end))
                .collect();
            tally.single_source += doc.claim_spans.iter().filter(|s| !used.contains(s)).count();
        }
        tally
    }

    /// The number of conflicts among all findings.
    pub fn conflicts(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.verdict == Verdict::Conflict)
            .count()
    }

    /// The one-line summary every human-facing format ends with.
    pub fn summary(&self) -> String {
        let conflicts = self.conflicts();
        format!(
            "{} documents, {} events: {} conflicts, {} variations, {} agreements",
            self.documents.len(),
            self.events.len(),
            conflicts,
            self.findings.len() - conflicts,
            self.agreements.len()
        )
    }
}

/// The part of `span` inside the block where it starts. Blocks are joined
/// by a separator that stands for no raw byte (the leading blanks of the
/// next line are not kept), so a span across two blocks would not read as
/// the bytes on disk; evidence stays within one block.
fn within_block(doc: &crate::clean::Document, span: crate::span::Span) -> crate::span::Span {
    let i = doc.blocks.partition_point(|b| b.span.end <= span.start);
    match doc.blocks.get(i) {
        Some(block) if block.span.start <= span.start && span.end > block.span.end => {
            crate::span::Span::new(span.start as usize, block.span.end as usize)
        }
        _ => span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{Format, Meta, Source};

    #[test]
    fn evidence_across_two_paragraphs_is_cut_at_the_first() {
        let raw = "Police chief Anna Berg said\n  \u{201c}Nobody died,\u{201d} she added.\n";
        let doc = crate::clean::clean(&Source {
            id: "d".into(),
            path: "d.txt".into(),
            format: Format::Text,
            raw: raw.as_bytes().to_vec(),
            base: 0,
            meta: Meta::default(),
        });
        let across = crate::span::Span::new(13, doc.text.len());
        let cut = within_block(&doc, across);
        assert_eq!(cut.slice(&doc.text), "Anna Berg said");
        let (s, e) = doc.raw_span(cut);
        assert_eq!(&raw[s as usize..e as usize], cut.slice(&doc.text));
        let inside = crate::span::Span::new(0, 5);
        assert_eq!(within_block(&doc, inside), inside);
    }
}
