//! claimdiff: where news outlets disagree about the same event, with evidence.
//!
//! The modules are the pipeline, in order: inputs are read ([`ingest`]),
//! cleaned of page furniture ([`clean`]), split into sentences and tokens
//! ([`segment`]), mined for claims ([`extract`]) in canonical forms
//! ([`normalize`]), grouped into events ([`group`]), aligned across outlets
//! ([`align`]), compared by rules ([`compare`]) and reported ([`report`]).
//! [`cli`] is the only place that prints or exits.

pub mod span;

pub mod ingest;

pub mod clean;

pub mod segment;

pub mod extract;

pub mod normalize;

pub mod lexicon;
