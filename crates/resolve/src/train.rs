//! Training without labels, as Splink does: u from comparing records paired at random (almost all
//! of which are different people), m by expectation–maximisation over the pairs each blocking
//! rule yields — learning each field's m only from rules that do not fix that field — and the
//! prior from how many candidate pairs EM judges to be matches.

use crate::Settings;
use crate::compare::{Comparison, FIELD_COUNT, FIELDS, Levels, Prepared, compare};
use crate::model::{FLOOR, Model, normalise};
use rand::{Rng, SeedableRng};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// What training did, for the analyst and the benchmark.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct TrainingReport {
    pub records: u64,
    pub u_pairs: u64,
    /// Pairs of different people of one surname that u among them was learned from.
    #[serde(default)]
    pub kin_pairs: u64,
    pub rules: Vec<RuleTraining>,
    /// Share of candidate pairs judged matches.
    pub candidate_match_rate: f64,
    pub prior: f64,
    /// The model is domain knowledge, not learned: there were too few records.
    #[serde(default)]
    pub expert: bool,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct RuleTraining {
    pub rule: String,
    pub pairs: u64,
    pub iterations: u32,
    pub match_rate: f64,
}

type Patterns = Vec<(Levels, f64)>;

/// Counts the comparison patterns of already compared pairs.
fn count_patterns(levels: impl Iterator<Item = Levels>) -> Patterns {
    let mut counts: HashMap<Levels, f64> = HashMap::new();
    for l in levels {
        *counts.entry(l).or_default() += 1.0;
    }
    let mut out: Patterns = counts.into_iter().collect();
    out.sort_by_key(|p| p.0);
    out
}

fn patterns_of(records: &[Prepared], pairs: &[(u32, u32)]) -> Patterns {
    let counts = pairs
        .par_chunks(8192)
        .map(|chunk| {
            let mut counts: HashMap<Levels, f64> = HashMap::new();
            for &(i, j) in chunk {
                let c = compare(&records[i as usize], &records[j as usize]);
                *counts.entry(c.levels).or_default() += 1.0;
            }
            counts
        })
        .reduce(HashMap::new, |mut a, b| {
            for (k, v) in b {
                *a.entry(k).or_default() += v;
            }
            a
        });
    let mut out: Patterns = counts.into_iter().collect();
    out.sort_by_key(|p| p.0);
    out
}

/// Takes at most `limit` items spread evenly over `items`.
fn spread<T: Copy>(items: impl ExactSizeIterator<Item = T>, limit: usize) -> Vec<T> {
    let n = items.len();
    if n <= limit {
        return items.collect();
    }
    let step = n as f64 / limit as f64;
    let mut next = 0.0;
    let mut out = Vec::with_capacity(limit);
    for (k, item) in items.enumerate() {
        if k as f64 >= next {
            out.push(item);
            next += step;
        }
    }
    out
}

/// u: level frequencies among random pairs.
fn estimate_u(records: &[Prepared], settings: &Settings, model: &mut Model) -> u64 {
    let n = records.len();
    if n < 2 {
        return 0;
    }
    let all = (n as u64) * (n as u64 - 1) / 2;
    let want = settings.u_pairs.min(all) as usize;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(settings.seed);
    let pairs: Vec<(u32, u32)> = if all as usize == want {
        (0..n as u32)
            .flat_map(|i| (i + 1..n as u32).map(move |j| (i, j)))
            .collect()
    } else {
        (0..want)
            .map(|_| {
                loop {
                    let i = rng.random_range(0..n as u32);
                    let j = rng.random_range(0..n as u32);
                    if i != j {
                        break (i.min(j), i.max(j));
                    }
                }
            })
            .collect()
    };
    let patterns = patterns_of(records, &pairs);
    for (f, params) in model.fields.iter_mut().enumerate() {
        let mut counts = vec![0.0; params.u.len()];
        for (levels, count) in &patterns {
            counts[levels[f] as usize] += count;
        }
        // A level never seen among random pairs still happens now and then: smooth it.
        for c in counts.iter_mut().skip(1) {
            *c += 0.5;
        }
        normalise(&mut counts);
        params.u = counts;
        params.u[0] = 0.0;
    }
    want as u64
}

/// Pairs of different people who share a surname at most this many are compared to learn u
/// among them; fewer than [`MIN_KIN_PAIRS`] and the fields keep u from random pairs.
const KIN_PAIRS: usize = 200_000;
const MIN_KIN_PAIRS: f64 = 1_000.0;

/// u among different people who share a surname: pairs drawn at random from all pairs of records
/// with one surname, from different reports, leaving out those whose forenames or dates of birth
/// agree at all (likely the same person). What remains is mostly households: their premises,
/// phones, nationality and company agree far more often than strangers'.
fn estimate_u_kin(records: &[Prepared], settings: &Settings, model: &mut Model) -> u64 {
    let mut by_surname: HashMap<&str, Vec<u32>> = HashMap::new();
    for (i, p) in records.iter().enumerate() {
        if let Some(s) = p.record.surname.as_deref() {
            by_surname.entry(s).or_default().push(i as u32);
        }
    }
    let mut groups: Vec<Vec<u32>> = by_surname.into_values().filter(|g| g.len() >= 2).collect();
    // A fixed order, whatever the hash map's.
    groups.sort_unstable();
    let mut cumulative = Vec::with_capacity(groups.len());
    let mut total = 0u64;
    for g in &groups {
        let n = g.len() as u64;
        total += n * (n - 1) / 2;
        cumulative.push(total);
    }
    if total == 0 {
        return 0;
    }
    let want = KIN_PAIRS.min(total as usize);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(settings.seed ^ 0x6b69_6e73);
    let pairs: Vec<(u32, u32)> = (0..want)
        .map(|_| {
            let k = rng.random_range(0..total);
            let g = &groups[cumulative.partition_point(|&c| c <= k)];
            loop {
                let i = g[rng.random_range(0..g.len())];
                let j = g[rng.random_range(0..g.len())];
                if i != j {
                    break (i.min(j), i.max(j));
                }
            }
        })
        .filter(|&(i, j)| records[i as usize].report != records[j as usize].report)
        .collect();
    let patterns = patterns_of(records, &pairs);
    let apart = |levels: &Levels| !(1..=5).contains(&levels[0]) && !(1..=4).contains(&levels[2]);
    let kept: f64 = patterns.iter().filter(|p| apart(&p.0)).map(|p| p.1).sum();
    if kept < MIN_KIN_PAIRS {
        return 0;
    }
    for (f, params) in model.fields.iter_mut().enumerate() {
        if !FIELDS[f].kin_conditioned() {
            continue;
        }
        let mut counts = vec![0.0; params.u.len()];
        for (levels, count) in patterns.iter().filter(|p| apart(&p.0)) {
            counts[levels[f] as usize] += count;
        }
        for c in counts.iter_mut().skip(1) {
            *c += 0.5;
        }
        normalise(&mut counts);
        counts[0] = 0.0;
        params.u_kin = counts;
    }
    kept as u64
}

/// EM over patterns with u fixed. Fields in `fixed` are the blocking rule's own: every pair
/// agrees on them by construction, so they say nothing about which pairs match; they are left
/// out of the expectation step and keep their m. Returns the match rate and iterations.
fn expectation_maximisation(
    patterns: &Patterns,
    model: &mut Model,
    fixed: &[bool; FIELD_COUNT],
    max_iterations: u32,
    update_m: bool,
) -> (f64, u32) {
    let total: f64 = patterns.iter().map(|p| p.1).sum();
    if total == 0.0 {
        return (0.0, 0);
    }
    let mut rate: f64 = 0.3;
    let mut iterations = 0;
    for _ in 0..max_iterations {
        iterations += 1;
        let ln_m: Vec<Vec<f64>> = model
            .fields
            .iter()
            .map(|f| f.m.iter().map(|m| m.max(FLOOR).ln()).collect())
            .collect();
        let ln_u: Vec<Vec<f64>> = model
            .fields
            .iter()
            .map(|f| f.u.iter().map(|u| u.max(FLOOR).ln()).collect())
            .collect();
        let ln_u_kin: Vec<Vec<f64>> = model
            .fields
            .iter()
            .zip(FIELDS)
            .map(|(f, field)| {
                (0..f.u.len())
                    .map(|l| f.u_of(l, field.kin_conditioned()).max(FLOOR).ln())
                    .collect()
            })
            .collect();
        let mut numerators: Vec<Vec<f64>> =
            model.fields.iter().map(|f| vec![0.0; f.m.len()]).collect();
        let mut matched = 0.0;
        for (levels, count) in patterns {
            let mut lm = rate.max(FLOOR).ln();
            let mut lu = (1.0 - rate).max(FLOOR).ln();
            let ln_u = if crate::compare::surname_shared(levels) {
                &ln_u_kin
            } else {
                &ln_u
            };
            for (f, level) in levels.iter().enumerate() {
                let l = *level as usize;
                if l != 0 && !fixed[f] {
                    lm += ln_m[f][l];
                    lu += ln_u[f][l];
                }
            }
            let posterior = 1.0 / (1.0 + (lu - lm).exp());
            let weight = posterior * count;
            matched += weight;
            for (f, level) in levels.iter().enumerate() {
                numerators[f][*level as usize] += weight;
            }
        }
        let new_rate = matched / total;
        let mut change = (new_rate - rate).abs();
        rate = new_rate;
        if update_m {
            for (f, params) in model.fields.iter_mut().enumerate() {
                if fixed[f] {
                    continue;
                }
                let mut m = numerators[f].clone();
                m[0] = 0.0;
                if m.iter().sum::<f64>() <= 0.0 {
                    continue;
                }
                for x in m.iter_mut().skip(1) {
                    *x = x.max(FLOOR);
                }
                normalise(&mut m);
                for (old, new) in params.m.iter().zip(&m) {
                    change = change.max((old - new).abs());
                }
                params.m = m;
            }
        }
        if change < 1e-5 {
            break;
        }
    }
    (rate, iterations)
}

/// Trains a model on `records`, given the candidate pairs, the rules that produced them and
/// their comparisons (index for index).
pub fn train(
    records: &[Prepared],
    pairs: &[(u32, u32, u16)],
    comparisons: &[Comparison],
    settings: &Settings,
) -> (Model, TrainingReport) {
    // Too few records to learn from: domain knowledge instead. Name frequencies from a handful
    // of records would mislead, so there are none.
    if records.len() < settings.min_training_records {
        let model = Model::expert(records.len());
        let report = TrainingReport {
            records: records.len() as u64,
            u_pairs: 0,
            kin_pairs: 0,
            rules: Vec::new(),
            candidate_match_rate: 0.0,
            prior: model.prior,
            expert: true,
        };
        return (model, report);
    }
    let mut model = Model::starting(1e-4);
    model.trained_on = records.len() as u64;
    let t0 = std::time::Instant::now();
    model.set_term_frequencies(records);
    if std::env::var("RTIME").is_ok() {
        eprintln!("  tf {:.2}", t0.elapsed().as_secs_f64());
    }

    let t = std::time::Instant::now();
    let dbg = std::env::var("RTIME").is_ok();
    let u_pairs = estimate_u(records, settings, &mut model);
    if dbg {
        eprintln!("  u {:.2}", t.elapsed().as_secs_f64());
    }
    let kin_pairs = estimate_u_kin(records, settings, &mut model);
    if dbg {
        eprintln!("  kin {:.2}", t.elapsed().as_secs_f64());
    }

    // m, rule by rule.
    let starting = model.clone();
    let mut estimates: Vec<Vec<Vec<f64>>> = vec![Vec::new(); FIELD_COUNT];
    let mut rule_reports = Vec::new();
    for (r, rule) in settings.rules.iter().enumerate() {
        let bit = 1u16 << r;
        let chosen = spread(
            pairs
                .iter()
                .zip(comparisons)
                .filter(|(p, _)| p.2 & bit != 0)
                .map(|(_, c)| c.levels)
                .collect::<Vec<_>>()
                .into_iter(),
            settings.em_pairs_per_rule,
        );
        if chosen.is_empty() {
            continue;
        }
        let patterns = count_patterns(chosen.iter().copied());
        let mut fixed = [false; FIELD_COUNT];
        for f in rule.fields {
            if let Some(i) = FIELDS.iter().position(|x| x == f) {
                fixed[i] = true;
            }
        }
        let mut m = starting.clone();
        let (rate, iterations) =
            expectation_maximisation(&patterns, &mut m, &fixed, settings.em_iterations, true);
        for (f, is_fixed) in fixed.iter().enumerate() {
            if !is_fixed {
                estimates[f].push(m.fields[f].m.clone());
            }
        }
        rule_reports.push(RuleTraining {
            rule: rule.name.to_string(),
            pairs: chosen.len() as u64,
            iterations,
            match_rate: rate,
        });
    }
    for (f, ests) in estimates.iter().enumerate() {
        if ests.is_empty() {
            cap_disagreement(&mut model.fields[f].m, settings.max_disagreement[f]);
            continue;
        }
        let n = ests.len() as f64;
        let mut m = vec![0.0; ests[0].len()];
        for e in ests {
            for (x, y) in m.iter_mut().zip(e) {
                *x += y / n;
            }
        }
        normalise(&mut m);
        cap_disagreement(&mut m, settings.max_disagreement[f]);
        model.fields[f].m = m;
    }

    if dbg {
        eprintln!("  em {:.2}", t.elapsed().as_secs_f64());
    }
    // The prior: the match rate among all candidates, spread over all pairs.
    let patterns = count_patterns(comparisons.iter().map(|c| c.levels));
    let (candidate_rate, _) = expectation_maximisation(
        &patterns,
        &mut model,
        &[false; FIELD_COUNT],
        settings.em_iterations,
        false,
    );
    let n = records.len() as f64;
    let all_pairs = (n * (n - 1.0) / 2.0).max(1.0);
    model.prior = (candidate_rate * pairs.len() as f64 / all_pairs).clamp(FLOOR * FLOOR, 0.5);

    let report = TrainingReport {
        records: records.len() as u64,
        u_pairs,
        kin_pairs,
        rules: rule_reports,
        candidate_match_rate: candidate_rate,
        prior: model.prior,
        expert: false,
    };
    (model, report)
}

/// Caps m of the last level ("different") and shares the rest out among the other levels in
/// proportion. Where a blocking rule leaves little but one field to go on, EM cannot tell "the
/// same person with that field wrong" from "another person of the same name", and can learn
/// that true matches disagree far more often than records are ever mistyped; the cap is the
/// domain's bound on that.
fn cap_disagreement(m: &mut [f64], cap: Option<f64>) {
    let Some(cap) = cap else { return };
    let last = m.len() - 1;
    if m[last] <= cap || last < 2 {
        return;
    }
    let rest: f64 = m[1..last].iter().sum();
    if rest <= 0.0 {
        return;
    }
    let scale = (1.0 - cap) / rest;
    for x in m[1..last].iter_mut() {
        *x *= scale;
    }
    m[last] = cap;
}
