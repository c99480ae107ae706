//! `truth.json`: what really happened in a simulated world, against which an analysed picture
//! is scored.
//!
//! Schema (`format` `sightline-sim-truth`, `version` 1), one JSON object:
//! - `generator`: seed, people, groups, noise, which phrase halves were used, the phrase bank's
//!   version, the reporting period and the force;
//! - `summary`: counts of reports, person mentions, victims and look-alikes;
//! - `persons[]`: every true person — `id` (`tp_0000001`), canonical `name`, `dob`, `gender`,
//!   `victim` (an exploitation category — `child_criminal_exploitation`, `cuckooing`,
//!   `labour_exploitation`, `sexual_exploitation` — or null), `lookalike` (`large_family`,
//!   `seasonal_worker`, `cautioned_teen`, `elderly_scam`, or null),
//!   `group` and `role` (or null), and `mentions`: every person mention id
//!   (`<ref>#<local id>`) that is this person. Each mention of the intelligence file is in
//!   exactly one person's list: this is the mention → true person map.
//! - `groups[]`: `id` (`tg_0001`), `kind` (`ocg`, `county_line`, `exploitation_network`),
//!   `label`, `crime_types`, `members` (true person ids), `roles` (person id → role),
//!   `deal_lines` (E.164), `harm` and `harm_reasons`, and `reports`: the refs of the reports
//!   that concern the group.
//! - `indicators[]`: each indicator wording placed in a report's text — `report`, `family`,
//!   `indicator`, `half` (`training` or `held_out`) and byte offsets `start`, `end` — for
//!   scoring the text extractor on whole reports.

use crate::world::{Category, Lookalike};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const FORMAT: &str = "sightline-sim-truth";
pub const VERSION: u32 = 1;

/// A true person as the truth file records them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TruthPerson {
    pub id: String,
    pub name: String,
    pub dob: String,
    pub gender: String,
    pub victim: Option<Category>,
    pub lookalike: Option<Lookalike>,
    pub group: Option<String>,
    pub role: Option<String>,
    pub mentions: Vec<String>,
}

/// A true group.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TruthGroup {
    pub id: String,
    pub kind: String,
    pub label: String,
    pub crime_types: Vec<String>,
    pub members: Vec<String>,
    pub roles: BTreeMap<String, String>,
    pub deal_lines: Vec<String>,
    pub harm: f64,
    pub harm_reasons: Vec<String>,
    pub reports: Vec<String>,
}

/// An indicator wording placed in a report.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TruthIndicator {
    pub report: String,
    pub family: String,
    pub indicator: String,
    pub half: String,
    pub start: u32,
    pub end: u32,
}

/// The whole truth file, as read back.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Truth {
    pub format: String,
    pub version: u32,
    pub generator: serde_json::Value,
    pub summary: serde_json::Value,
    pub persons: Vec<TruthPerson>,
    pub groups: Vec<TruthGroup>,
    #[serde(default)]
    pub indicators: Vec<TruthIndicator>,
}

/// Why a truth file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum TruthError {
    #[error("cannot read the truth file: {0}")]
    Read(#[from] std::io::Error),
    #[error("not a truth file: {0}")]
    Parse(#[from] serde_json::Error),
    #[error("not a truth file: format is {0:?}, expected {FORMAT:?}")]
    Format(String),
    #[error("truth file version {0} is not supported (this build reads version {VERSION})")]
    Version(u32),
}

impl Truth {
    /// Reads a truth file, checking its format and version.
    pub fn from_reader(mut reader: impl std::io::Read) -> Result<Truth, TruthError> {
        // Parsing from memory is several times faster than from a reader, and a truth file is
        // read whole anyway.
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes)?;
        let truth: Truth = serde_json::from_slice(&bytes)?;
        if truth.format != FORMAT {
            return Err(TruthError::Format(truth.format));
        }
        if truth.version != VERSION {
            return Err(TruthError::Version(truth.version));
        }
        Ok(truth)
    }

    /// The number of person mentions the truth covers.
    pub fn mention_count(&self) -> usize {
        self.persons.iter().map(|p| p.mentions.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(json: &str, expected: &str) {
        let err = Truth::from_reader(json.as_bytes()).unwrap_err();
        assert!(err.to_string().contains(expected), "{err}");
    }

    #[test]
    fn only_truth_files_of_this_version_are_read() {
        let body = r#""generator":{},"summary":{},"persons":[],"groups":[]"#;
        check(
            &format!(r#"{{"format":"other","version":1,{body}}}"#),
            "format is \"other\"",
        );
        check(
            &format!(r#"{{"format":"{FORMAT}","version":9,{body}}}"#),
            "version 9 is not supported",
        );
        check("{", "not a truth file");
        let ok = format!(r#"{{"format":"{FORMAT}","version":{VERSION},{body}}}"#);
        let truth = Truth::from_reader(ok.as_bytes()).unwrap();
        assert_eq!(truth.mention_count(), 0);
        assert!(truth.indicators.is_empty());
    }
}
