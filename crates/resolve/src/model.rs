//! The Fellegi–Sunter model: for each field and level, the probability of that level among
//! true matches (m) and among non-matches (u); the prior probability that two records match;
//! and term frequencies, so that agreeing on a rare surname counts for more than agreeing on
//! SMITH. A pair's match weight is the sum of log2(m/u) over its fields plus the prior's log odds;
//! every term is kept, so that each match can be explained.

use crate::compare::{Comparison, FIELD_COUNT, FIELDS, Field, Prepared, compare};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// m and u for every level of one field (index 0, "missing", is unused).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldParams {
    pub field: String,
    pub levels: Vec<String>,
    pub m: Vec<f64>,
    pub u: Vec<f64>,
}

/// A trained model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// The probability that two records drawn at random are the same person.
    pub prior: f64,
    pub fields: Vec<FieldParams>,
    /// How often each folded forename occurs, as a share of records with one.
    pub forename_tf: HashMap<String, f64>,
    pub surname_tf: HashMap<String, f64>,
    /// How often each full name occurs (key: [`crate::compare::full_name_key`]).
    #[serde(default)]
    pub full_name_tf: HashMap<String, f64>,
    /// Records the model was trained on.
    pub trained_on: u64,
}

/// Smallest probability used, so that no level's weight is infinite.
pub const FLOOR: f64 = 1e-6;

/// One field's part of a pair's match weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldWeight {
    pub field: &'static str,
    pub level: &'static str,
    pub m: f64,
    pub u: f64,
    /// log2(m / u), plus the term-frequency adjustment.
    pub weight: f64,
    /// The part of `weight` that comes from how common the agreeing value is.
    pub tf_adjustment: f64,
    /// The two records' values, as compared.
    pub values: (String, String),
}

/// Why two records are (or are not) judged the same person: the waterfall of weights.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub a: String,
    pub b: String,
    /// log2 of the prior odds.
    pub prior_weight: f64,
    pub fields: Vec<FieldWeight>,
    /// The names matched with forename and surname swapped over.
    pub swapped: bool,
    pub match_weight: f64,
    pub probability: f64,
}

/// Converts a match weight (log2 odds) to a probability.
pub fn probability(weight: f64) -> f64 {
    let odds = weight.exp2();
    if odds.is_infinite() {
        1.0
    } else {
        odds / (1.0 + odds)
    }
}

/// Converts a probability to a match weight.
pub fn weight_of(probability: f64) -> f64 {
    let p = probability.clamp(FLOOR, 1.0 - FLOOR);
    (p / (1.0 - p)).log2()
}

impl Model {
    /// A model with starting values for training: agreement much likelier among matches.
    pub fn starting(prior: f64) -> Model {
        let fields = FIELDS
            .iter()
            .map(|f| {
                let levels: Vec<String> = f.levels().iter().map(|s| s.to_string()).collect();
                let n = levels.len();
                // m falls geometrically from the strongest level; u rises towards "different".
                let mut m = vec![0.0; n];
                let mut u = vec![0.0; n];
                for l in 1..n {
                    m[l] = 0.5f64.powi(l as i32 * 2 - 1);
                    u[l] = 0.5f64.powi((n - l) as i32 * 2);
                }
                normalise(&mut m);
                normalise(&mut u);
                FieldParams {
                    field: f.name().to_string(),
                    levels,
                    m,
                    u,
                }
            })
            .collect();
        Model {
            prior,
            fields,
            forename_tf: HashMap::new(),
            surname_tf: HashMap::new(),
            full_name_tf: HashMap::new(),
            trained_on: 0,
        }
    }

    /// A model from domain knowledge rather than data: how often true matches and non-matches
    /// fall on each level in police records. Used for small pictures, where there are too few
    /// records to learn from (a new force, a test), with the prior set for `records` records.
    pub fn expert(records: usize) -> Model {
        let table: [(&[f64], &[f64]); crate::compare::FIELD_COUNT] = [
            // forename: exact, nickname, initial, very close, close/sounds, different
            (
                &[0.80, 0.05, 0.05, 0.04, 0.03, 0.03],
                &[0.005, 0.002, 0.03, 0.002, 0.01, 0.951],
            ),
            // surname: exact, very close, sounds alike, close, different
            (
                &[0.85, 0.08, 0.03, 0.02, 0.02],
                &[0.003, 0.001, 0.002, 0.003, 0.991],
            ),
            // date of birth: exact, swapped, one digit, month+year, year, compatible, different
            (
                &[0.80, 0.02, 0.05, 0.02, 0.03, 0.05, 0.03],
                &[0.00005, 0.00001, 0.0008, 0.0005, 0.008, 0.05, 0.94064],
            ),
            (&[0.97, 0.03], &[0.5, 0.5]),
            (&[0.9, 0.1], &[0.4, 0.6]),
            (&[0.8, 0.2], &[0.0005, 0.9995]),
            (&[0.5, 0.1, 0.4], &[0.0002, 0.003, 0.9968]),
            (&[0.85, 0.15], &[0.0002, 0.9998]),
            (&[0.9, 0.1], &[0.05, 0.95]),
            (&[0.3, 0.7], &[0.0005, 0.9995]),
            (&[0.98, 0.02], &[0.00001, 0.99999]),
        ];
        let mut model = Model::starting(0.5 / records.max(2) as f64);
        for (f, (m, u)) in model.fields.iter_mut().zip(table) {
            f.m = std::iter::once(0.0).chain(m.iter().copied()).collect();
            f.u = std::iter::once(0.0).chain(u.iter().copied()).collect();
        }
        model.trained_on = records as u64;
        model
    }

    pub fn prior_weight(&self) -> f64 {
        weight_of(self.prior)
    }

    /// log2(m/u) for each field and level.
    pub fn level_weights(&self) -> Vec<Vec<f64>> {
        self.fields
            .iter()
            .map(|f| {
                f.m.iter()
                    .zip(&f.u)
                    .enumerate()
                    .map(|(l, (m, u))| {
                        if l == 0 {
                            0.0
                        } else {
                            (m.max(FLOOR) / u.max(FLOOR)).log2()
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// Counts how often each forename, surname and full name occurs. With `person_of` (each
    /// record's cluster), a value counts once per person rather than once per record, so that
    /// someone reported on forty times does not make their own name look common.
    pub fn set_term_frequencies(&mut self, records: &[Prepared], person_of: Option<&[u32]>) {
        use std::collections::HashSet;
        let mut forenames: HashMap<String, f64> = HashMap::new();
        let mut surnames: HashMap<String, f64> = HashMap::new();
        let mut full_names: HashMap<String, f64> = HashMap::new();
        let mut seen: HashSet<(u8, u32, &str)> = HashSet::new();
        let mut full_seen: HashSet<(u32, String)> = HashSet::new();
        for (i, p) in records.iter().enumerate() {
            let person = person_of.map_or(i as u32, |c| c[i]);
            if let (Some(f), Some(s)) = (&p.record.forename, &p.record.surname) {
                let key = crate::compare::full_name_key(f, s);
                if full_seen.insert((person, key.clone())) {
                    *full_names.entry(key).or_default() += 1.0;
                }
            }
            if let Some(f) = p.record.forename.as_deref().filter(|f| f.len() > 1)
                && seen.insert((0, person, f))
            {
                *forenames.entry(f.to_string()).or_default() += 1.0;
            }
            if let Some(s) = p.record.surname.as_deref()
                && seen.insert((1, person, s))
            {
                *surnames.entry(s.to_string()).or_default() += 1.0;
            }
        }
        for table in [&mut forenames, &mut surnames, &mut full_names] {
            let total: f64 = table.values().sum();
            for v in table.values_mut() {
                *v /= total;
            }
        }
        self.forename_tf = forenames;
        self.surname_tf = surnames;
        self.full_name_tf = full_names;
    }

    /// Sets each record's term-frequency adjustments under this model.
    pub fn set_tf(&self, records: &mut [Prepared]) {
        for p in records {
            p.forename_tf = p
                .record
                .forename
                .as_deref()
                .map_or(0.0, |v| self.tf_adjustment(Field::Forename, v));
            p.surname_tf = p
                .record
                .surname
                .as_deref()
                .map_or(0.0, |v| self.tf_adjustment(Field::Surname, v));
            p.full_name_tf = match (&p.record.forename, &p.record.surname) {
                (Some(f), Some(s)) => self.full_name_adjustment(f, s),
                _ => 0.0,
            };
        }
    }

    /// The adjustment for an exact agreement on both forename and surname: log2 of u for that
    /// agreement assumed by the level weights (the two fields' u multiplied) over the full
    /// name's own frequency.
    fn full_name_adjustment(&self, forename: &str, surname: &str) -> f64 {
        let Some(tf) = self
            .full_name_tf
            .get(&crate::compare::full_name_key(forename, surname))
        else {
            return 0.0;
        };
        let assumed = self.fields[0].u[1].max(FLOOR) * self.fields[1].u[1].max(FLOOR);
        (assumed / tf.max(FLOOR * FLOOR)).log2()
    }

    fn tf_adjustment(&self, field: Field, value: &str) -> f64 {
        let (table, index) = match field {
            Field::Forename => (&self.forename_tf, 0),
            Field::Surname => (&self.surname_tf, 1),
            _ => return 0.0,
        };
        let Some(tf) = table.get(value) else {
            return 0.0;
        };
        let u_exact = self.fields[index].u[1].max(FLOOR);
        (u_exact / tf.max(FLOOR)).log2()
    }

    /// The values the term-frequency adjustment looks up, when the pair agrees exactly.
    fn exact_values<'a>(
        a: &'a Prepared,
        b: &'a Prepared,
        c: &Comparison,
    ) -> (Option<&'a str>, Option<&'a str>) {
        let forename = (c.levels[0] == 1)
            .then_some(a.record.forename.as_deref())
            .flatten();
        let b_value = if c.swapped {
            b.record.forename.as_deref()
        } else {
            b.record.surname.as_deref()
        };
        let surname = (c.levels[1] == 1).then_some(b_value).flatten();
        (forename, surname)
    }

    /// A scorer with the level weights worked out once.
    pub fn scorer(&self) -> Scorer<'_> {
        Scorer {
            model: self,
            weights: self.level_weights(),
            prior_weight: self.prior_weight(),
        }
    }

    /// The full explanation of a pair.
    pub fn explain(&self, a: &Prepared, b: &Prepared) -> Explanation {
        let c = compare(a, b);
        let weights = self.level_weights();
        let (exact_forename, exact_surname) = Model::exact_values(a, b, &c);
        let both_exact = c.levels[0] == 1 && c.levels[1] == 1;
        let (ra, rb) = (&a.record, &b.record);
        let mut fields = Vec::with_capacity(FIELD_COUNT);
        let mut total = self.prior_weight();
        for (i, f) in FIELDS.iter().enumerate() {
            let level = c.levels[i] as usize;
            let tf = match f {
                // Both names agree: the full name's frequency, shown on the surname.
                Field::Forename if both_exact => 0.0,
                Field::Surname if both_exact => match (&ra.forename, &ra.surname) {
                    (Some(fa), Some(sa)) => self.full_name_adjustment(fa, sa),
                    _ => 0.0,
                },
                Field::Forename => exact_forename.map_or(0.0, |v| self.tf_adjustment(*f, v)),
                Field::Surname => exact_surname.map_or(0.0, |v| self.tf_adjustment(*f, v)),
                _ => 0.0,
            };
            let weight = weights[i][level] + if level == 0 { 0.0 } else { tf };
            total += weight;
            let show = |v: &Option<String>| v.clone().unwrap_or_default();
            let list = |v: &[String]| v.join(", ");
            let values = match f {
                Field::Forename => (
                    show(&ra.forename),
                    if c.swapped {
                        show(&rb.surname)
                    } else {
                        show(&rb.forename)
                    },
                ),
                Field::Surname => (
                    show(&ra.surname),
                    if c.swapped {
                        show(&rb.forename)
                    } else {
                        show(&rb.surname)
                    },
                ),
                Field::Dob => (
                    ra.dob.map(|d| format!("{d:?}")).unwrap_or_default(),
                    rb.dob.map(|d| format!("{d:?}")).unwrap_or_default(),
                ),
                Field::Gender => (
                    ra.gender.map(|g| g.to_string()).unwrap_or_default(),
                    rb.gender.map(|g| g.to_string()).unwrap_or_default(),
                ),
                Field::Nationality => (show(&ra.nationality), show(&rb.nationality)),
                Field::Phone => (list(&ra.phones), list(&rb.phones)),
                Field::Address => (list(&ra.addresses), list(&rb.addresses)),
                Field::Vehicle => (list(&ra.vehicles), list(&rb.vehicles)),
                Field::Alias => (list(&ra.aliases), list(&rb.aliases)),
                Field::Associate => (list(&ra.associates), list(&rb.associates)),
                Field::Identifier => (list(&ra.identifiers), list(&rb.identifiers)),
            };
            fields.push(FieldWeight {
                field: f.name(),
                level: f.levels()[level],
                m: self.fields[i].m[level],
                u: self.fields[i].u[level],
                weight,
                tf_adjustment: if level == 0 { 0.0 } else { tf },
                values,
            });
        }
        Explanation {
            a: ra.mention.clone(),
            b: rb.mention.clone(),
            prior_weight: self.prior_weight(),
            fields,
            swapped: c.swapped,
            match_weight: total,
            probability: probability(total),
        }
    }
}

/// Scores pairs quickly with precomputed level weights.
pub struct Scorer<'a> {
    model: &'a Model,
    weights: Vec<Vec<f64>>,
    prior_weight: f64,
}

impl Scorer<'_> {
    /// The match weight of a pair.
    pub fn weight(&self, a: &Prepared, b: &Prepared) -> f64 {
        let c = compare(a, b);
        self.weight_of(a, b, &c)
    }

    /// The match weight of an already compared pair.
    pub fn weight_of(&self, a: &Prepared, b: &Prepared, c: &Comparison) -> f64 {
        let mut w = self.prior_weight;
        for (i, level) in c.levels.iter().enumerate() {
            w += self.weights[i][*level as usize];
        }
        if c.levels[0] == 1 && c.levels[1] == 1 {
            return w + a.full_name_tf;
        }
        if c.levels[0] == 1 {
            w += a.forename_tf;
        }
        if c.levels[1] == 1 {
            w += if c.swapped {
                // a's surname is b's forename: look it up in the surname table.
                let (_, s) = Model::exact_values(a, b, c);
                s.map_or(0.0, |v| self.model.tf_adjustment(Field::Surname, v))
            } else {
                a.surname_tf
            };
        }
        w
    }
}

/// Scales a vector (ignoring index 0) to sum to 1.
pub fn normalise(v: &mut [f64]) {
    let total: f64 = v.iter().skip(1).sum();
    if total > 0.0 {
        for x in v.iter_mut().skip(1) {
            *x /= total;
        }
    }
}
