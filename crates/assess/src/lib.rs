//! Assessments: who is at risk and why ([`vulnerability`]), and which threats matter most
//! ([`harm`], in the shape of MoRiLE). Pure: evidence in, explained assessments out.
//!
//! Key design decision: every score is a sum of named, weighed items of evidence, and the
//! weights are versioned reference data a force can change (`data/*.toml`), never constants in
//! code. An assessment carries its evidence, its reasons in words and the version of the weights
//! it used, so that anyone can see why someone was flagged and challenge it.

pub mod harm;
pub mod vulnerability;

pub use harm::{
    Confidence, Harm, HarmConfig, HarmCue, ReportFacts, Sign, ThreatFacts, ThreatKind, Victim,
    assess_harm, rank,
};
pub use vulnerability::{
    Category, Cue, Evidence, NetworkFact, Sighting, Vulnerability, VulnerabilityConfig, assess,
};
