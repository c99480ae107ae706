//! The phrase bank: many wordings of every exploitation indicator, split into a training half
//! and a held-out half, plus wording from look-alike situations that must not be read as
//! indicators.
//!
//! The bank is data (`data/phrases.json`, versioned), compiled into the crate. The generator
//! draws from either half or both ([`PhraseUse`]); the detectors' tests draw from the held-out
//! half only ([`PhraseBank::examples`]), so that a detector tuned to one wording fails them.

use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::sync::LazyLock;

/// The five indicator families of the exchange format's `extract` verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    ChildCriminalExploitation,
    Cuckooing,
    LabourExploitation,
    SexualExploitation,
    ControlViolence,
}

impl Family {
    pub const ALL: [Family; 5] = [
        Family::ChildCriminalExploitation,
        Family::Cuckooing,
        Family::LabourExploitation,
        Family::SexualExploitation,
        Family::ControlViolence,
    ];

    /// The exchange-format spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::ChildCriminalExploitation => "child_criminal_exploitation",
            Family::Cuckooing => "cuckooing",
            Family::LabourExploitation => "labour_exploitation",
            Family::SexualExploitation => "sexual_exploitation",
            Family::ControlViolence => "control_violence",
        }
    }
}

/// One half of the bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Half {
    Training,
    HeldOut,
}

/// Which halves the generator draws its wording from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PhraseUse {
    /// Both halves, evenly.
    #[default]
    Both,
    Training,
    HeldOut,
}

impl PhraseUse {
    pub fn as_str(self) -> &'static str {
        match self {
            PhraseUse::Both => "both",
            PhraseUse::Training => "training",
            PhraseUse::HeldOut => "held_out",
        }
    }
}

/// One indicator and its wordings.
#[derive(Debug, Clone, Deserialize)]
pub struct Indicator {
    pub family: Family,
    /// The indicator's name, e.g. `missing_episodes`.
    pub indicator: String,
    pub description: String,
    pub training: Vec<String>,
    pub held_out: Vec<String>,
}

impl Indicator {
    pub fn half(&self, half: Half) -> &[String] {
        match half {
            Half::Training => &self.training,
            Half::HeldOut => &self.held_out,
        }
    }
}

/// Wording from a look-alike situation (a large family, lawful seasonal work, a cautioned
/// teenager, an older person reporting a scam call): it resembles indicator wording on the
/// surface and must not be read as exploitation.
#[derive(Debug, Clone, Deserialize)]
pub struct Benign {
    pub context: String,
    pub description: String,
    pub training: Vec<String>,
    pub held_out: Vec<String>,
}

impl Benign {
    pub fn half(&self, half: Half) -> &[String] {
        match half {
            Half::Training => &self.training,
            Half::HeldOut => &self.held_out,
        }
    }
}

/// The whole bank.
#[derive(Debug, Clone, Deserialize)]
pub struct PhraseBank {
    pub version: u32,
    pub note: String,
    pub indicators: Vec<Indicator>,
    pub benign: Vec<Benign>,
}

/// Why the bank could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PhraseError {
    #[error("phrase bank is not valid: {0}")]
    Parse(#[from] serde_json::Error),
    #[error("phrase bank lacks indicator {family}/{indicator}")]
    MissingIndicator {
        family: &'static str,
        indicator: String,
    },
    #[error("phrase bank lacks benign context {0}")]
    MissingBenign(String),
    #[error("the embedded phrase bank is not valid: {0}")]
    Embedded(String),
}

const BANK_JSON: &str = include_str!("../data/phrases.json");

static BANK: LazyLock<Result<PhraseBank, String>> =
    LazyLock::new(|| PhraseBank::parse(BANK_JSON).map_err(|e| e.to_string()));

impl PhraseBank {
    /// Parses a bank from its JSON text.
    pub fn parse(json: &str) -> Result<PhraseBank, PhraseError> {
        Ok(serde_json::from_str(json)?)
    }

    /// The bank compiled into this crate.
    pub fn embedded() -> Result<&'static PhraseBank, PhraseError> {
        BANK.as_ref().map_err(|e| PhraseError::Embedded(e.clone()))
    }

    /// The index of an indicator.
    pub fn indicator_index(&self, family: Family, indicator: &str) -> Result<usize, PhraseError> {
        self.indicators
            .iter()
            .position(|i| i.family == family && i.indicator == indicator)
            .ok_or_else(|| PhraseError::MissingIndicator {
                family: family.as_str(),
                indicator: indicator.to_string(),
            })
    }

    /// The index of a benign context.
    pub fn benign_index(&self, context: &str) -> Result<usize, PhraseError> {
        self.benign
            .iter()
            .position(|b| b.context == context)
            .ok_or_else(|| PhraseError::MissingBenign(context.to_string()))
    }

    /// Every indicator wording of one half, with slots filled from a seeded set of sample
    /// values: what a detector's tests check themselves against.
    pub fn examples(&self, half: Half, seed: u64) -> Vec<Example> {
        let mut out = Vec::new();
        let mut n = seed;
        for ind in &self.indicators {
            for template in ind.half(half) {
                n = crate::util::mix(n, 17, 1);
                let slots = Slots::sample(n);
                out.push(Example {
                    family: ind.family,
                    indicator: ind.indicator.clone(),
                    template: template.clone(),
                    text: slots.fill(template),
                });
            }
        }
        out
    }

    /// Every benign wording of one half, filled: sentences a detector must not flag.
    pub fn benign_examples(&self, half: Half, seed: u64) -> Vec<BenignExample> {
        let mut out = Vec::new();
        let mut n = seed;
        for b in &self.benign {
            for template in b.half(half) {
                n = crate::util::mix(n, 19, 1);
                out.push(BenignExample {
                    context: b.context.clone(),
                    text: Slots::sample(n).fill(template),
                });
            }
        }
        out
    }
}

/// One filled indicator wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub family: Family,
    pub indicator: String,
    pub template: String,
    pub text: String,
}

/// One filled benign wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenignExample {
    pub context: String,
    pub text: String,
}

/// Who a sentence is about, for its pronouns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    He,
    She,
}

/// The values that fill a wording's slots.
#[derive(Debug, Clone)]
pub struct Slots<'a> {
    pub pronoun: Pronoun,
    pub town: &'a str,
    pub hub: &'a str,
    /// Pounds.
    pub cash: u32,
    pub n: u32,
    /// `03:40`.
    pub time: &'a str,
}

/// The slot names a wording may use.
pub const SLOT_NAMES: &[&str] = &[
    "He", "he", "His", "his", "him", "town", "hub", "cash", "n", "time",
];

impl Slots<'static> {
    /// Sample values chosen by `n`.
    pub fn sample(n: u64) -> Slots<'static> {
        const TOWNS: &[&str] = &["Marshby", "Holmfleet", "Saxmere", "Ferrington"];
        const HUBS: &[&str] = &["Kingsport", "Hallowell"];
        const TIMES: &[&str] = &["02:30", "04:15", "23:50", "05:00"];
        Slots {
            pronoun: if n.is_multiple_of(2) {
                Pronoun::He
            } else {
                Pronoun::She
            },
            town: TOWNS[(n / 2 % TOWNS.len() as u64) as usize],
            hub: HUBS[(n / 8 % HUBS.len() as u64) as usize],
            cash: 100 + (n % 37) as u32 * 20,
            n: 2 + (n % 7) as u32,
            time: TIMES[(n / 16 % TIMES.len() as u64) as usize],
        }
    }
}

impl Slots<'_> {
    /// The template with its slots filled.
    pub fn fill(&self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 16);
        self.fill_into(template, &mut out);
        out
    }

    /// Appends the filled template to `out`. An unknown slot is copied as written (the bank's
    /// tests make sure there are none).
    pub fn fill_into(&self, template: &str, out: &mut String) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                return;
            };
            let name = &after[..close];
            let he = self.pronoun == Pronoun::He;
            match name {
                "He" => out.push_str(if he { "He" } else { "She" }),
                "he" => out.push_str(if he { "he" } else { "she" }),
                "His" => out.push_str(if he { "His" } else { "Her" }),
                "his" => out.push_str(if he { "his" } else { "her" }),
                "him" => out.push_str(if he { "him" } else { "her" }),
                "town" => out.push_str(self.town),
                "hub" => out.push_str(self.hub),
                "cash" => {
                    let _ = write!(out, "£{}", self.cash);
                }
                "n" => {
                    let _ = write!(out, "{}", self.n);
                }
                "time" => out.push_str(self.time),
                _ => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn bank() -> &'static PhraseBank {
        PhraseBank::embedded().expect("the embedded bank parses")
    }

    fn slots_of(template: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let close = after.find('}').expect("closed slot");
            out.push(&after[..close]);
            rest = &after[close + 1..];
        }
        out
    }

    #[test]
    fn bank_is_large_split_and_clean() {
        let bank = bank();
        assert!(bank.version >= 1);
        let mut seen = HashSet::new();
        for family in Family::ALL {
            let count = bank
                .indicators
                .iter()
                .filter(|i| i.family == family)
                .count();
            assert!(count >= 6, "{family:?} has only {count} indicators");
        }
        for ind in &bank.indicators {
            for half in [Half::Training, Half::HeldOut] {
                assert!(
                    ind.half(half).len() >= 6,
                    "{} has too few {half:?} wordings",
                    ind.indicator
                );
            }
            for template in ind.training.iter().chain(&ind.held_out) {
                assert!(seen.insert(template.clone()), "{template:?} twice");
                for slot in slots_of(template) {
                    assert!(
                        SLOT_NAMES.contains(&slot),
                        "unknown slot {slot} in {template:?}"
                    );
                }
                assert!(template.ends_with(['.', '!', '?']), "{template:?}");
            }
        }
        assert!(seen.len() >= 400, "only {} wordings", seen.len());
        for b in &bank.benign {
            assert!(
                b.training.len() >= 4 && b.held_out.len() >= 4,
                "{}",
                b.context
            );
        }
    }

    #[test]
    fn slots_fill_by_pronoun_and_value() {
        let slots = Slots {
            pronoun: Pronoun::She,
            town: "Saxmere",
            hub: "Kingsport",
            cash: 340,
            n: 3,
            time: "03:10",
        };
        assert_eq!(
            slots.fill("{He} had {cash} and {n} phones; {his} ticket from {hub} to {town} at {time} was on {him}."),
            "She had £340 and 3 phones; her ticket from Kingsport to Saxmere at 03:10 was on her."
        );
        assert_eq!(slots.fill("no slots"), "no slots");
        assert_eq!(slots.fill("{unknown} stays"), "{unknown} stays");
    }

    #[test]
    fn held_out_examples_cover_every_indicator() {
        let bank = bank();
        let examples = bank.examples(Half::HeldOut, 1);
        let covered: HashSet<&str> = examples.iter().map(|e| e.indicator.as_str()).collect();
        assert_eq!(covered.len(), bank.indicators.len());
        assert!(examples.iter().all(|e| !e.text.contains('{')));
        // No held-out wording is also a training wording.
        let training: HashSet<&String> = bank.indicators.iter().flat_map(|i| &i.training).collect();
        assert!(examples.iter().all(|e| !training.contains(&e.template)));
        assert_eq!(examples, bank.examples(Half::HeldOut, 1));
        assert!(!bank.benign_examples(Half::HeldOut, 1).is_empty());
    }

    #[test]
    fn lookups_name_what_is_missing() {
        let bank = bank();
        assert!(
            bank.indicator_index(Family::Cuckooing, "resident_not_seen")
                .is_ok()
        );
        let err = bank.indicator_index(Family::Cuckooing, "nope").unwrap_err();
        assert_eq!(
            err.to_string(),
            "phrase bank lacks indicator cuckooing/nope"
        );
        assert!(bank.benign_index("large_family").is_ok());
    }
}
