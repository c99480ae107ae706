//! The simulated force area everything in Sightline is measured on: an invented county with
//! a background population living ordinary lives, look-alikes that must not be flagged, and
//! county lines, labour and sexual exploitation networks, drugs supply and fraud groups —
//! written as exchange-v1 intelligence (`intel.jsonl`) with the ground truth beside it
//! (`truth.json`), and the scoring of an analysed picture against that truth.
//!
//! Key design decisions:
//! - **Truth first, then reports.** The world (people, households, groups, victims) is built
//!   once from the seed; reports are what sources *see* of it, each through its own noise:
//!   an officer's arrest has a full name and date of birth, a neighbour's call a street name
//!   and "a lad of about 15". So every mention has a true person, including the unnamed ones.
//! - **Deterministic and parallel.** The world is split into chunks of whole households and
//!   whole groups, each rendered with its own seeded generator and written in order, so the
//!   files depend on the seed and the configuration alone.
//! - **Wording from a split phrase bank** (`data/phrases.json`): detectors are tuned on the
//!   training half and tested on the held-out half ([`phrases::PhraseBank::examples`]).
//! - **Names as diverse as a real county's, and nobody's.** Surnames follow the rank–frequency
//!   curves of public statistics (Smith 1.3% of English people, a long tail of thousands of
//!   rare names built from parts), forenames the popularity of each decade of birth; so common
//!   names collide as real ones do and rare ones do not ([`names`]). No person is modelled:
//!   names alone are no one's identity, postcodes are in areas that do not exist (`FN`, `KP`,
//!   `HW`), and phone numbers are in the ranges Ofcom reserves for drama.
//!
//! This crate does no IO of its own: callers hand it writers and readers.

pub mod background;
pub mod generate;
pub mod geo;
pub mod groups;
pub mod names;
pub mod noise;
pub mod phrases;
pub mod render;
pub mod score;
pub mod truth;
pub mod util;
pub mod world;

pub use generate::{Summary, generate};
pub use phrases::{Family, Half, PhraseBank, PhraseUse};
pub use score::{PredictedGroup, PredictedPerson, Scores, score};
pub use truth::Truth;

use serde::Serialize;

/// What to simulate.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Config {
    /// People in the world, every one of whom appears in at least one report.
    pub people: u32,
    /// Groups; `None` for one per 1,500 people (at least five, one of each kind).
    pub groups: Option<u32>,
    pub seed: u64,
    /// How often values are written wrongly: 0 never, 1 as often as in real records.
    pub noise: f64,
    /// Which halves of the phrase bank the reports' wording comes from.
    pub phrases: PhraseUse,
    /// Worker threads; the output does not depend on it.
    pub threads: usize,
}

impl Default for Config {
    /// The demo's world: about 20,000 people.
    fn default() -> Config {
        Config {
            people: 20_000,
            groups: None,
            seed: 2026,
            noise: 1.0,
            phrases: PhraseUse::Both,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}

/// The smallest world that holds one group of each kind with room to spare.
pub const MIN_PEOPLE: u32 = 500;

impl Config {
    /// Checks the configuration before any work starts.
    pub fn validate(&self) -> Result<(), SimError> {
        if self.people < MIN_PEOPLE {
            return Err(SimError::Config(format!(
                "--people must be at least {MIN_PEOPLE} (got {})",
                self.people
            )));
        }
        if self.groups == Some(0) {
            return Err(SimError::Config("--groups must be at least 1".to_string()));
        }
        if !self.noise.is_finite() || !(0.0..=10.0).contains(&self.noise) {
            return Err(SimError::Config(format!(
                "--noise must be between 0 and 10 (got {})",
                self.noise
            )));
        }
        if self.threads == 0 {
            return Err(SimError::Config("threads must be at least 1".to_string()));
        }
        Ok(())
    }
}

/// Why a world could not be generated.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error("{0}")]
    Config(String),
    #[error("phrase bank: {0}")]
    Phrases(String),
    #[error("cannot write: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot write the truth: {0}")]
    Json(#[from] serde_json::Error),
}
