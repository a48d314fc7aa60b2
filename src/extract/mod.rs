//! Extraction: the claims a document makes, each with its span and sentence.
//!
//! A claim is the smallest piece of text that can agree or disagree with
//! another outlet: a quantity with what it counts, a person or organisation
//! with a title, a quote with its speaker, a chosen word for a referent.
//! Extraction is per document and never looks at other documents.

pub mod attribution;
pub mod framing;
pub mod mention;
pub mod quantity;

use serde::{Deserialize, Serialize};

use crate::clean::Document;
use crate::segment::{self, Sentence};
use crate::span::Span;

pub use attribution::{Attribution, Speaker, SpeakerKind};
pub use framing::{Cue, CueKind};
pub use mention::{Mention, Name};
pub use quantity::{Dimension, Interval, Quantity, clock, format_value, round_sig};

/// What a claim says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ClaimKind {
    Quantity(Quantity),
    Framing(Cue),
    /// A person named with a title: "Russian presidential aide Yury Marin".
    Mention(Mention),
    /// A statement with its speaker: "...,\" regional governor Aliya Serikova said".
    Attribution(Attribution),
}

/// One claim of one document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Claim {
    /// The claim's own text, in cleaned-text coordinates.
    pub span: Span,
    /// Index of its sentence in the document's sentences.
    pub sentence: u32,
    #[serde(flatten)]
    pub kind: ClaimKind,
}

impl Claim {
    pub fn quantity(&self) -> Option<&Quantity> {
        match &self.kind {
            ClaimKind::Quantity(q) => Some(q),
            _ => None,
        }
    }

    pub fn mention(&self) -> Option<&Mention> {
        match &self.kind {
            ClaimKind::Mention(m) => Some(m),
            _ => None,
        }
    }

    pub fn attribution(&self) -> Option<&Attribution> {
        match &self.kind {
            ClaimKind::Attribution(a) => Some(a),
            _ => None,
        }
    }
}

/// A document with its sentences and claims: everything later stages read.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub doc: Document,
    pub sentences: Vec<Sentence>,
    pub claims: Vec<Claim>,
    /// Grouping terms ([`crate::group::term_counts`]): made here, where the
    /// folded tokens are at hand, and read by grouping; sorted by id.
    pub terms: Vec<(u64, f32)>,
}

/// Extracts every claim of a cleaned document, with the framing lexicon in use.
pub fn analyze(doc: Document) -> Analysis {
    analyze_with(doc, crate::lexicon::framing::active())
}

/// Extracts every claim of a cleaned document, with a given framing lexicon.
pub fn analyze_with(doc: Document, lexicon: &crate::lexicon::framing::Lexicon) -> Analysis {
    let mut sentences = segment::sentences(&doc);
    // Every extractor reads the same tokens of each sentence: they are made
    // once per document, not once per extractor (or per pass), in one
    // vector for all sentences. Mention and attribution read them with
    // their folded forms; framing reads the same folded forms.
    let mut tokens = Vec::with_capacity(doc.text.len() / segment::BYTES_PER_TOKEN);
    let mut sentence_toks: Vec<Vec<mention::Tok<'_>>> = Vec::with_capacity(sentences.len());
    for sentence in &sentences {
        let from = tokens.len();
        segment::tokens_into(&doc.text, sentence.span, &mut tokens);
        sentence_toks.push(mention::toks_of(&doc.text, &tokens[from..]));
    }
    let mut claims = Vec::new();
    // The folded words of one sentence at a time, in one buffer.
    let mut folded: Vec<&str> = Vec::new();
    let mut quantity_buffers = quantity::Buffers::default();
    let mut from = 0;
    for (index, toks) in sentence_toks.iter().enumerate() {
        let sentence_tokens = &tokens[from..from + toks.len()];
        from += toks.len();
        for (span, q) in
            quantity::extract_tokens_with(&doc.text, sentence_tokens, &mut quantity_buffers)
        {
            claims.push(Claim {
                span,
                sentence: index as u32,
                kind: ClaimKind::Quantity(q),
            });
        }
        folded.clear();
        folded.extend(toks.iter().map(|t| t.lower()));
        for (span, cue) in framing::extract_folded(&doc.text, sentence_tokens, &folded, lexicon) {
            claims.push(Claim {
                span,
                sentence: index as u32,
                kind: ClaimKind::Framing(cue),
            });
        }
    }
    drop(tokens);
    let mentions = mention::with_text(&doc.text, mention::extract_with(&sentence_toks));
    let attributions = attribution::extract_with(&doc.text, &sentences, &sentence_toks, &mentions);
    let terms = crate::group::term_counts(&sentences, &sentence_toks);
    drop(sentence_toks);
    for (span, sentence, m) in mentions {
        claims.push(Claim {
            span,
            sentence,
            kind: ClaimKind::Mention(m),
        });
    }
    for (span, sentence, a) in attributions {
        claims.push(Claim {
            span,
            sentence,
            kind: ClaimKind::Attribution(a),
        });
    }
    // Analyses are kept until the report is written (see `clean::clean`).
    sentences.shrink_to_fit();
    claims.shrink_to_fit();
    Analysis {
        doc,
        sentences,
        claims,
        terms,
    }
}
