//! Reporting: findings and agreements in the forms people and machines read.
//!
//! [`Report`] resolves every piece of evidence to what a user needs (the
//! document id, the byte range in the file on disk, the text, the sentence)
//! once; each format is a file of its own that only renders a `Report`.

pub mod claims;
pub mod json;
pub mod table;

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
                    let (start, end) = a.doc.raw_span(e.span);
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
                        text: e.span.slice(&a.doc.text).to_string(),
                        sentence: a
                            .sentences
                            .get(e.sentence as usize)
                            .map(|s| s.span.slice(&a.doc.text).to_string())
                            .unwrap_or_default(),
                        value,
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
            findings: findings.into_iter().map(resolve).collect(),
            agreements: agreements.into_iter().map(resolve).collect(),
            problems: problems.to_vec(),
        }
    }

    /// Whether any finding is at or above `level`.
    pub fn fails(&self, level: Verdict) -> bool {
        self.findings.iter().any(|f| f.verdict.at_least(level))
    }
}
