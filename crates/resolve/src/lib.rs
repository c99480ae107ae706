//! Entity resolution: which person mentions, across every report, are the same person — and why.
//!
//! Key design decisions:
//! - Persons are linked probabilistically in the Fellegi–Sunter framework and trained without
//!   labels ([`train`]): u from random pairs, m by expectation–maximisation per blocking rule, a
//!   prior from the candidates; term frequencies make a rare surname count for more.
//! - Every judgement can be explained: [`Model::explain`] gives the weight of each field (the
//!   waterfall) for any pair.
//! - Clustering resists chaining ([`cluster`]): two clusters join only when the pairs across
//!   them agree on average, not because one link joins them.
//! - The picture grows incrementally ([`Resolver::add`]) with the same answer as a full build,
//!   and analysts' decisions are constraints that survive retraining and rebuilds.
//! - Phones, vehicles and places resolve by their normalised keys ([`objects`]).
//! - No IO: records in, clusters and explanations out. Source records are never changed.

pub mod blocking;
pub mod cluster;
pub mod compare;
pub mod model;
pub mod objects;
pub mod record;
pub mod resolver;
pub mod train;

pub use blocking::{BlockingReport, BlockingRule, DEFAULT_RULES, RuleCount};
pub use model::{Explanation, FieldWeight, Model};
pub use record::{Dob, PersonRecord, prepare_report};
pub use resolver::{AddReport, BuildReport, Decisions, Resolver, person_ids, person_number};
pub use train::{TrainingReport, train};

/// How resolution runs.
#[derive(Debug, Clone)]
pub struct Settings {
    pub rules: Vec<BlockingRule>,
    /// Blocks with more records than this are skipped: a key that common identifies nobody.
    pub max_block: usize,
    /// Two records are linked when their match probability reaches this.
    pub threshold: f64,
    /// Two clusters joined by such a link merge when the match weight (log2 odds) averaged over
    /// every pair across them reaches this: the pairs across must, on average, favour one
    /// person — by 2 to 1 at the default of 1 — so that one link cannot chain two people
    /// whose other records disagree, while a record with one field badly wrong still joins
    /// the rest of its person.
    pub merge_weight: f64,
    /// Random pairs compared to estimate u.
    pub u_pairs: u64,
    /// Candidate pairs per blocking rule used to estimate m.
    pub em_pairs_per_rule: usize,
    pub em_iterations: u32,
    /// Below this many person mentions the model is domain knowledge ([`Model::expert`]),
    /// not learned.
    pub min_training_records: usize,
    pub seed: u64,
    /// The largest share of true matches that may disagree outright on each field (indexed
    /// like [`compare::FIELDS`]); `None` leaves the field to EM. These are the error rates of
    /// police records: a date of birth wholly wrong, a surname changed.
    pub max_disagreement: [Option<f64>; compare::FIELD_COUNT],
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            rules: DEFAULT_RULES.to_vec(),
            max_block: 2000,
            threshold: 0.9,
            merge_weight: 1.0,
            u_pairs: 1_000_000,
            em_pairs_per_rule: 500_000,
            em_iterations: 25,
            min_training_records: 500,
            seed: 42,
            max_disagreement: compare::FIELDS.map(default_max_disagreement),
        }
    }
}

/// The domain's bound on how often true matches disagree outright on a field (see
/// [`Settings::max_disagreement`]), chosen by the field itself so that adding or reordering fields
/// cannot shift a cap onto the wrong one.
pub fn default_max_disagreement(field: compare::Field) -> Option<f64> {
    use compare::Field;
    match field {
        Field::Forename => Some(0.10),
        Field::Surname => Some(0.05),
        Field::Dob => Some(0.05),
        Field::Gender => Some(0.02),
        Field::Nationality => Some(0.10),
        Field::Phone
        | Field::Address
        | Field::Vehicle
        | Field::Alias
        | Field::Associate
        | Field::Identifier => None,
    }
}

impl Settings {
    /// The cap on outright disagreement among true matches for `field`.
    pub fn max_disagreement_of(&self, field: compare::Field) -> Option<f64> {
        let i = compare::FIELDS.iter().position(|f| *f == field)?;
        self.max_disagreement[i]
    }

    /// The threshold as a match weight (log2 odds).
    pub fn threshold_weight(&self) -> f64 {
        model::weight_of(self.threshold)
    }
}

/// Trains a model on `records` and builds the picture with it: the whole batch path.
pub fn resolve(
    records: Vec<PersonRecord>,
    settings: Settings,
    decisions: Decisions,
) -> (Resolver, TrainingReport, BuildReport) {
    Resolver::train_and_build(records, settings, decisions)
}

/// Trains a model on `records` without building the picture (for retraining, or for growing a
/// picture incrementally with [`Resolver::add`]).
pub fn train_on(records: &[PersonRecord], settings: &Settings) -> (Model, TrainingReport) {
    use rayon::prelude::*;
    let prepared: Vec<compare::Prepared> = compare::Prepared::all(records.to_vec());
    let index = blocking::BlockIndex::build(&prepared, settings);
    let (pairs, _) = index.all_pairs(settings, &prepared);
    let comparisons: Vec<compare::Comparison> = pairs
        .par_iter()
        .map(|&(i, j, _)| compare::compare(&prepared[i as usize], &prepared[j as usize]))
        .collect();
    train(&prepared, &pairs, &comparisons, settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each cap belongs to the field it was set for: the caps are looked up by the field's name,
    /// not by position, so a field added or moved cannot shift them.
    #[test]
    fn disagreement_caps_belong_to_their_fields() {
        let settings = Settings::default();
        let cap = |name: &str| {
            let field = compare::FIELDS
                .iter()
                .find(|f| f.name() == name)
                .unwrap_or_else(|| panic!("no field {name}"));
            settings.max_disagreement_of(*field)
        };
        assert_eq!(cap("forename"), Some(0.10));
        assert_eq!(cap("surname"), Some(0.05));
        assert_eq!(cap("date of birth"), Some(0.05));
        assert_eq!(cap("gender"), Some(0.02));
        assert_eq!(cap("nationality"), Some(0.10));
        for name in [
            "phone",
            "address",
            "vehicle",
            "street name",
            "named associate",
            "official identifier",
        ] {
            assert_eq!(cap(name), None, "{name}");
        }
        assert_eq!(settings.max_disagreement.len(), compare::FIELDS.len());
    }
}
