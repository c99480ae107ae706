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
    /// u among different people who share a surname, for the fields
    /// [`Field::kin_conditioned`] (empty: not learned, and `u` serves).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub u_kin: Vec<f64>,
}

impl FieldParams {
    /// u of `level`, among people who share a surname when `kin`.
    pub fn u_of(&self, level: usize, kin: bool) -> f64 {
        if kin && !self.u_kin.is_empty() {
            self.u_kin[level]
        } else {
            self.u[level]
        }
    }
}

/// A trained model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "SavedModel")]
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

/// A model as saved, perhaps by an earlier version whose fields or levels differ.
#[derive(Deserialize)]
struct SavedModel {
    prior: f64,
    fields: Vec<FieldParams>,
    forename_tf: HashMap<String, f64>,
    surname_tf: HashMap<String, f64>,
    #[serde(default)]
    full_name_tf: HashMap<String, f64>,
    trained_on: u64,
}

impl From<SavedModel> for Model {
    /// Lines a saved model up with today's fields and levels, by name: a field or level it
    /// does not have (added since it was trained) is neutral — m equal to u, no weight — until
    /// the model is trained again.
    fn from(saved: SavedModel) -> Model {
        let fields = FIELDS
            .iter()
            .map(|f| {
                let levels: Vec<String> = f.levels().iter().map(|l| l.to_string()).collect();
                let old = saved.fields.iter().find(|p| p.field == f.name());
                match old {
                    Some(p) if p.levels == levels => p.clone(),
                    _ => {
                        let mut params = FieldParams {
                            field: f.name().to_string(),
                            levels: levels.clone(),
                            m: vec![0.0; levels.len()],
                            u: vec![0.0; levels.len()],
                            u_kin: Vec::new(),
                        };
                        for (l, name) in levels.iter().enumerate().skip(1) {
                            let at = old.and_then(|p| p.levels.iter().position(|x| x == name));
                            match (old, at) {
                                (Some(p), Some(k)) if k < p.m.len() && k < p.u.len() => {
                                    params.m[l] = p.m[k];
                                    params.u[l] = p.u[k];
                                }
                                _ => {
                                    params.m[l] = FLOOR;
                                    params.u[l] = FLOOR;
                                }
                            }
                        }
                        params
                    }
                }
            })
            .collect();
        Model {
            prior: saved.prior,
            fields,
            forename_tf: saved.forename_tf,
            surname_tf: saved.surname_tf,
            full_name_tf: saved.full_name_tf,
            trained_on: saved.trained_on,
        }
    }
}

/// Smallest probability used, so that no level's weight is infinite.
pub const FLOOR: f64 = 1e-6;

/// The weight of two mentions being listed separately in one report: the report's author said
/// they are two people. Not learned; large enough that nothing else outweighs it (an analyst's
/// decision still can).
pub const SAME_REPORT_WEIGHT: f64 = -40.0;

/// Namesakes the dates of birth cannot show, as a share of a person: a full name one person
/// is known to have counts as if shared by this much of another.
pub const NAMESAKE_ALLOWANCE: f64 = 0.1;

/// How many people the records of one name must be: records whose dates of birth cannot be one
/// person's are different people, unless they share an official identifier, a phone or premises;
/// records without a date may be anyone's.
fn people_by_dob(records: &[&Prepared]) -> usize {
    use crate::record::Dob;
    let dated: Vec<(&Prepared, Dob)> = records
        .iter()
        .filter_map(|p| match p.record.dob {
            Some(Dob::Years { .. }) | None => None,
            Some(d) => Some((*p, d)),
        })
        .collect();
    if dated.len() < 2 {
        return 1;
    }
    let shares = |a: &[String], b: &[String]| a.iter().any(|x| b.contains(x));
    let mut uf = crate::cluster::UnionFind::new(dated.len());
    for i in 0..dated.len() {
        for j in i + 1..dated.len() {
            let ((p, a), (q, b)) = (&dated[i], &dated[j]);
            if crate::compare::dob_could_be_one(a, b)
                || shares(&p.record.identifiers, &q.record.identifiers)
                || shares(&p.record.phones, &q.record.phones)
                || shares(&p.record.addresses, &q.record.addresses)
            {
                uf.union(i as u32, j as u32);
            }
        }
    }
    (0..dated.len() as u32).filter(|&i| uf.find(i) == i).count()
}

/// The name of the extra line an explanation carries for two mentions of one report.
pub const SAME_REPORT_FIELD: &str = "report";

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
    /// The surnames agree, so u of the fields after the names is that among different people
    /// who share a surname (a household shares premises, phones and company).
    pub surname_shared: bool,
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
                    u_kin: Vec::new(),
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
            // address: same premises, nearly, same street, different
            (&[0.5, 0.05, 0.1, 0.35], &[0.0002, 0.00005, 0.003, 0.99675]),
            (&[0.85, 0.15], &[0.0002, 0.9998]),
            (&[0.9, 0.1], &[0.05, 0.95]),
            (&[0.3, 0.7], &[0.0005, 0.9995]),
            // official identifier: same, one or two characters different, different
            (&[0.90, 0.08, 0.02], &[0.00001, 0.0002, 0.99979]),
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

    /// log2(m/u) for each field and level; with `kin`, with u among people who share a
    /// surname for the fields [`Field::kin_conditioned`].
    pub fn level_weights(&self, kin: bool) -> Vec<Vec<f64>> {
        self.fields
            .iter()
            .zip(FIELDS)
            .map(|(f, field)| {
                let kin = kin && field.kin_conditioned();
                (0..f.m.len())
                    .map(|l| {
                        if l == 0 {
                            0.0
                        } else {
                            (f.m[l].max(FLOOR) / f.u_of(l, kin).max(FLOOR)).log2()
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// Counts how often each forename, surname and full name occurs among *people*, not records:
    /// someone reported on forty times must not make their own name look common. People are
    /// counted without resolving anyone: the records of one full name are as many people as
    /// their dates of birth say there must be (records whose dates of birth cannot be one
    /// person's — not the same, not a typo or a day/month swap apart — are different people;
    /// records without one may be anyone's), at least one. A forename or surname counts the
    /// people of each full name it is part of, and once for records that carry it alone.
    ///
    /// For a full name the table holds the chance that a record of *another* person has it:
    /// a name only one person has cannot be shared by two people, however often it was
    /// recorded. [`NAMESAKE_ALLOWANCE`] stands for the namesakes the dates cannot show.
    pub fn set_term_frequencies(&mut self, records: &[Prepared]) {
        // One full name whichever way round it was written: "WILLIAMS, Neil" recorded as
        // forename Williams and surname Neil is still Neil Williams, not a second person.
        let mut by_name: HashMap<(&str, &str), Vec<&Prepared>> = HashMap::new();
        let mut forename_only: HashMap<&str, f64> = HashMap::new();
        let mut surname_only: HashMap<&str, f64> = HashMap::new();
        for p in records {
            let forename = p.record.forename.as_deref().filter(|f| f.len() > 1);
            match (forename, p.record.surname.as_deref()) {
                (Some(f), Some(s)) => {
                    let key = if f <= s { (f, s) } else { (s, f) };
                    by_name.entry(key).or_default().push(p)
                }
                (Some(f), None) => *forename_only.entry(f).or_default() += 1.0,
                (None, Some(s)) => *surname_only.entry(s).or_default() += 1.0,
                (None, None) => {}
            }
        }
        let mut forenames: HashMap<String, f64> = HashMap::new();
        let mut surnames: HashMap<String, f64> = HashMap::new();
        let mut full_names: HashMap<String, f64> = HashMap::new();
        for (&(x, y), named) in &by_name {
            let people = people_by_dob(named) as f64;
            // Which is the forename: the way most of the name's records write it.
            let x_first = named
                .iter()
                .filter(|p| p.record.forename.as_deref() == Some(x))
                .count();
            let (f, s) = if 2 * x_first >= named.len() {
                (x, y)
            } else {
                (y, x)
            };
            *forenames.entry(f.to_string()).or_default() += people;
            *surnames.entry(s.to_string()).or_default() += people;
            *full_names
                .entry(crate::compare::full_name_key(f, s))
                .or_default() += people;
        }
        // Records with one name only: people not counted yet, as far as can be told.
        for (table, alone) in [
            (&mut forenames, forename_only),
            (&mut surnames, surname_only),
        ] {
            for (name, _) in alone {
                table.entry(name.to_string()).or_insert(1.0);
            }
        }
        for table in [&mut forenames, &mut surnames] {
            let total: f64 = table.values().sum();
            for v in table.values_mut() {
                *v /= total;
            }
        }
        let total: f64 = full_names.values().sum();
        for v in full_names.values_mut() {
            *v = (*v - 1.0 + NAMESAKE_ALLOWANCE) / total;
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

    /// The names of `a` matched as the forename and as the surname: its own forename and
    /// surname, or the other way round when `a` is the record written so ([`Comparison::swapped_a`]).
    fn given_and_family<'a>(a: &'a Prepared, c: &Comparison) -> (Option<&'a str>, Option<&'a str>) {
        let (f, s) = (a.record.forename.as_deref(), a.record.surname.as_deref());
        if c.swapped && c.swapped_a {
            (s, f)
        } else {
            (f, s)
        }
    }

    /// The names of `b` that were compared with `a`'s forename and surname.
    fn compared_in_b<'b>(b: &'b Prepared, c: &Comparison) -> (Option<&'b str>, Option<&'b str>) {
        let (f, s) = (b.record.forename.as_deref(), b.record.surname.as_deref());
        match (c.swapped, c.swapped_a) {
            (false, _) => (f, s),
            (true, false) => (s, f),
            // `a` is written the other way round: its surname (the forename matched) against
            // b's forename, its forename against b's surname.
            (true, true) => (f, s),
        }
    }

    /// The values the term-frequency adjustment looks up, when the pair agrees exactly.
    fn exact_values<'a>(
        a: &'a Prepared,
        _b: &'a Prepared,
        c: &Comparison,
    ) -> (Option<&'a str>, Option<&'a str>) {
        let (given, family) = Model::given_and_family(a, c);
        (
            (c.levels[0] == 1).then_some(given).flatten(),
            (c.levels[1] == 1).then_some(family).flatten(),
        )
    }

    /// A scorer with the level weights worked out once.
    pub fn scorer(&self) -> Scorer<'_> {
        Scorer {
            model: self,
            weights: self.level_weights(false),
            kin_weights: self.level_weights(true),
            prior_weight: self.prior_weight(),
        }
    }

    /// The full explanation of a pair.
    pub fn explain(&self, a: &Prepared, b: &Prepared) -> Explanation {
        let c = compare(a, b);
        let kin = crate::compare::surname_shared(&c.levels);
        let weights = self.level_weights(kin);
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
            let (given_a, family_a) = Model::given_and_family(a, &c);
            let (given_b, family_b) = Model::compared_in_b(b, &c);
            let show_str = |v: Option<&str>| v.unwrap_or_default().to_string();
            let values = match f {
                Field::Forename => (show_str(given_a), show_str(given_b)),
                Field::Surname => (show_str(family_a), show_str(family_b)),
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
                u: self.fields[i].u_of(level, kin && f.kin_conditioned()),
                weight,
                tf_adjustment: if level == 0 { 0.0 } else { tf },
                values,
            });
        }
        if crate::compare::same_report(a, b) {
            total += SAME_REPORT_WEIGHT;
            let report = |m: &str| m.rsplit_once('#').map_or(m, |(r, _)| r).to_string();
            fields.push(FieldWeight {
                field: SAME_REPORT_FIELD,
                level: "listed as two people in one report",
                m: 0.0,
                u: 1.0,
                weight: SAME_REPORT_WEIGHT,
                tf_adjustment: 0.0,
                values: (report(&ra.mention), report(&rb.mention)),
            });
        }
        Explanation {
            a: ra.mention.clone(),
            b: rb.mention.clone(),
            prior_weight: self.prior_weight(),
            fields,
            swapped: c.swapped,
            surname_shared: kin,
            match_weight: total,
            probability: probability(total),
        }
    }
}

/// Scores pairs quickly with precomputed level weights.
pub struct Scorer<'a> {
    model: &'a Model,
    weights: Vec<Vec<f64>>,
    /// The weights when surnames agree ([`crate::compare::surname_shared`]).
    kin_weights: Vec<Vec<f64>>,
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
        if crate::compare::same_report(a, b) {
            w += SAME_REPORT_WEIGHT;
        }
        let weights = if crate::compare::surname_shared(&c.levels) {
            &self.kin_weights
        } else {
            &self.weights
        };
        for (i, level) in c.levels.iter().enumerate() {
            w += weights[i][*level as usize];
        }
        if c.levels[0] == 1 && c.levels[1] == 1 {
            return w + a.full_name_tf;
        }
        if c.levels[0] == 1 {
            w += if c.swapped && c.swapped_a {
                // a's surname is the forename matched: look it up in the forename table.
                let (f, _) = Model::exact_values(a, b, c);
                f.map_or(0.0, |v| self.model.tf_adjustment(Field::Forename, v))
            } else {
                a.forename_tf
            };
        }
        if c.levels[1] == 1 {
            w += if c.swapped {
                // The surname matched may be written as a forename on either side: look it
                // up in the surname table.
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
