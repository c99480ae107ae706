//! Scoring an analysed picture (exported persons and groups) against a world's truth: the
//! team's yardstick.
//!
//! - Entity resolution over person mentions: pairwise precision, recall and F1, and B-cubed.
//!   Truth mentions missing from the export count as people of their own; exported mentions
//!   unknown to the truth (entities found in text) are left out.
//! - Victims: a predicted person stands for the true person most of its mentions belong to
//!   (ties to the earliest); recall over true victims, precision over flagged people.
//! - Look-alikes: the share of each look-alike category that is flagged.
//! - Groups: members mapped to true persons; the best Jaccard of each true group over the
//!   found groups, and its mean; the share of found groups matching a true one at 0.5 or more;
//!   deal lines found per county line; Spearman's correlation of harm over matched groups.
//!
//! A measure whose denominator is empty (precision when nothing was predicted) is `None`,
//! shown as n/a, rather than a flattering 1 or a misleading 0.

use crate::truth::Truth;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::Hash;

/// A person as `sightline export persons` writes them (the fields scoring needs).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PredictedPerson {
    pub id: String,
    pub mentions: Vec<String>,
    #[serde(default)]
    pub vulnerability: PredictedVulnerability,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct PredictedVulnerability {
    #[serde(default)]
    pub flagged: bool,
    #[serde(default)]
    pub categories: Vec<String>,
}

/// A group as `sightline export groups` writes it (the fields scoring needs).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PredictedGroup {
    pub id: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub members: Vec<String>,
    #[serde(default)]
    pub deal_lines: Vec<String>,
    #[serde(default)]
    pub harm: Option<PredictedHarm>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PredictedHarm {
    #[serde(default)]
    pub score: Option<f64>,
    #[serde(default)]
    pub rank: Option<u32>,
}

/// Precision, recall and F1; `None` where undefined.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Prf {
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
}

impl Prf {
    pub fn new(precision: Option<f64>, recall: Option<f64>) -> Prf {
        let f1 = match (precision, recall) {
            (Some(0.0), _) | (_, Some(0.0)) => Some(0.0),
            (Some(p), Some(r)) => Some(2.0 * p * r / (p + r)),
            _ => None,
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

fn ratio(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

/// The sizes of the intersections of true and predicted clusters, and of the clusters.
struct Contingency {
    cells: HashMap<(u32, u32), u64>,
    truth: HashMap<u32, u64>,
    predicted: HashMap<u32, u64>,
}

fn contingency(truth: &[u32], predicted: &[u32]) -> Contingency {
    let mut cells: HashMap<(u32, u32), u64> = HashMap::new();
    let mut t_sizes: HashMap<u32, u64> = HashMap::new();
    let mut p_sizes: HashMap<u32, u64> = HashMap::new();
    for (t, p) in truth.iter().zip(predicted) {
        *cells.entry((*t, *p)).or_default() += 1;
        *t_sizes.entry(*t).or_default() += 1;
        *p_sizes.entry(*p).or_default() += 1;
    }
    Contingency {
        cells,
        truth: t_sizes,
        predicted: p_sizes,
    }
}

/// Pairwise precision and recall: of the pairs of items put together, how many belong
/// together, and of the pairs that belong together, how many were put together. Item `i` is
/// in true cluster `truth[i]` and predicted cluster `predicted[i]`.
pub fn pairwise(truth: &[u32], predicted: &[u32]) -> Prf {
    let c = contingency(truth, predicted);
    let together: u64 = c.cells.values().map(|n| pairs(*n)).sum();
    let true_pairs: u64 = c.truth.values().map(|n| pairs(*n)).sum();
    let predicted_pairs: u64 = c.predicted.values().map(|n| pairs(*n)).sum();
    Prf::new(
        ratio(together, predicted_pairs),
        ratio(together, true_pairs),
    )
}

/// B-cubed precision and recall: for each item, the share of its predicted cluster that is in
/// its true cluster, and the share of its true cluster that is in its predicted cluster,
/// averaged over items.
pub fn bcubed(truth: &[u32], predicted: &[u32]) -> Prf {
    let n = truth.len();
    if n == 0 {
        return Prf::new(None, None);
    }
    let c = contingency(truth, predicted);
    let mut p_sum = 0.0;
    let mut r_sum = 0.0;
    // Summed in a fixed order, so the same pictures always give the same last digit.
    let mut cells: Vec<(&(u32, u32), &u64)> = c.cells.iter().collect();
    cells.sort_unstable();
    for ((t, p), count) in cells {
        let n = *count as f64;
        p_sum += n * n / c.predicted[p] as f64;
        r_sum += n * n / c.truth[t] as f64;
    }
    Prf::new(Some(p_sum / n as f64), Some(r_sum / n as f64))
}

/// |a ∩ b| / |a ∪ b|; 0 for two empty sets.
pub fn jaccard<T: Eq + Hash>(a: &HashSet<T>, b: &HashSet<T>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Ranks from 1, ties sharing the average of their ranks.
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|a, b| values[*a].total_cmp(&values[*b]));
    let mut out = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for k in i..=j {
            out[order[k]] = rank;
        }
        i = j + 1;
    }
    out
}

/// Spearman's rank correlation (Pearson's on average ranks); `None` for fewer than two pairs
/// or when either side does not vary.
pub fn spearman(a: &[f64], b: &[f64]) -> Option<f64> {
    if a.len() != b.len() || a.len() < 2 {
        return None;
    }
    let (ra, rb) = (ranks(a), ranks(b));
    let n = a.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let mut cov = 0.0;
    let mut va = 0.0;
    let mut vb = 0.0;
    for (x, y) in ra.iter().zip(&rb) {
        cov += (x - ma) * (y - mb);
        va += (x - ma) * (x - ma);
        vb += (y - mb) * (y - mb);
    }
    if va == 0.0 || vb == 0.0 {
        return None;
    }
    Some(cov / (va * vb).sqrt())
}

/// How well the export covers the truth's mentions.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MentionCoverage {
    /// Person mentions in the truth.
    pub truth: u64,
    /// Truth mentions found in the export.
    pub exported: u64,
    /// Truth mentions the export lacks (scored as people of their own).
    pub missing: u64,
    /// Exported mentions the truth does not know (left out of scoring).
    pub unknown: u64,
    /// Mentions exported in more than one person (the first counts).
    pub duplicated: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Resolution {
    pub true_persons: u64,
    pub predicted_persons: u64,
    pub pairwise: Prf,
    pub bcubed: Prf,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CategoryScore {
    pub victims: u64,
    pub found: u64,
    pub recall: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Victims {
    pub true_victims: u64,
    /// Flagged people with at least one true mention.
    pub flagged: u64,
    /// Flagged people who stand for a true victim.
    pub flagged_victims: u64,
    /// True victims that some flagged person stands for.
    pub found: u64,
    pub recall: Option<f64>,
    pub precision: Option<f64>,
    /// Of the victims found, the share flagged with their true category.
    pub category_agreement: Option<f64>,
    pub by_category: BTreeMap<String, CategoryScore>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LookalikeRate {
    pub persons: u64,
    pub flagged: u64,
    pub false_flag_rate: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DealLines {
    pub truth: u64,
    pub found: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GroupMatch {
    pub truth: String,
    pub kind: String,
    pub label: String,
    pub members: u64,
    pub best_jaccard: f64,
    /// The found group with the best Jaccard, when it shares anyone.
    pub matched: Option<String>,
    pub deal_lines: Option<DealLines>,
    pub harm: f64,
    pub predicted_harm: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Groups {
    pub true_groups: u64,
    pub found_groups: u64,
    /// Mean over true groups of their best Jaccard.
    pub mean_best_jaccard: Option<f64>,
    /// Share of true groups whose best Jaccard is at least 0.5.
    pub true_recovered: Option<f64>,
    /// Share of found groups that match a true one at Jaccard 0.5 or more.
    pub found_matching: Option<f64>,
    /// Mean over county lines of the share of their deal lines found in their best match.
    pub deal_lines_found: Option<f64>,
    /// Spearman's correlation of true and found harm over groups matched one to one at 0.5.
    pub harm_spearman: Option<f64>,
    pub harm_pairs: u64,
    pub per_group: Vec<GroupMatch>,
}

/// Every measure.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Scores {
    pub mentions: MentionCoverage,
    pub resolution: Resolution,
    pub victims: Victims,
    pub lookalikes: BTreeMap<String, LookalikeRate>,
    pub groups: Groups,
}

/// The Jaccard at which a found group counts as matching a true one.
pub const MATCH_JACCARD: f64 = 0.5;

fn phone_key(raw: &str) -> String {
    let p = model::Phone::parse(raw);
    p.e164.clone().unwrap_or_else(|| p.key())
}

/// Scores exported persons and groups against the truth.
pub fn score(truth: &Truth, persons: &[PredictedPerson], groups: &[PredictedGroup]) -> Scores {
    // Truth: mention → true person.
    let mut truth_of: HashMap<&str, u32> = HashMap::new();
    let mut truth_index: HashMap<&str, u32> = HashMap::new();
    for (t, p) in truth.persons.iter().enumerate() {
        truth_index.insert(&p.id, t as u32);
        for m in &p.mentions {
            truth_of.insert(m, t as u32);
        }
    }
    // Export: mention → predicted person.
    let mut pred_of: HashMap<&str, u32> = HashMap::new();
    let mut duplicated = 0;
    let mut unknown = 0;
    for (i, p) in persons.iter().enumerate() {
        for m in &p.mentions {
            if pred_of.contains_key(m.as_str()) {
                duplicated += 1;
                continue;
            }
            pred_of.insert(m, i as u32);
            if !truth_of.contains_key(m.as_str()) {
                unknown += 1;
            }
        }
    }

    // Resolution, over the truth's mentions in a fixed order.
    let mut t_labels = Vec::with_capacity(truth_of.len());
    let mut p_labels = Vec::with_capacity(truth_of.len());
    let mut missing = 0u64;
    let mut fresh = persons.len() as u32;
    for (t, p) in truth.persons.iter().enumerate() {
        for m in &p.mentions {
            t_labels.push(t as u32);
            match pred_of.get(m.as_str()) {
                Some(i) => p_labels.push(*i),
                None => {
                    missing += 1;
                    p_labels.push(fresh);
                    fresh += 1;
                }
            }
        }
    }
    let resolution = Resolution {
        true_persons: truth.persons.len() as u64,
        predicted_persons: persons.len() as u64,
        pairwise: pairwise(&t_labels, &p_labels),
        bcubed: bcubed(&t_labels, &p_labels),
    };
    let mentions = MentionCoverage {
        truth: t_labels.len() as u64,
        exported: t_labels.len() as u64 - missing,
        missing,
        unknown,
        duplicated,
    };

    // Which true person each predicted person stands for: the majority of its mentions.
    let stands_for: Vec<Option<u32>> = persons
        .iter()
        .map(|p| {
            let mut counts: HashMap<u32, u32> = HashMap::new();
            for m in &p.mentions {
                if let Some(t) = truth_of.get(m.as_str()) {
                    *counts.entry(*t).or_default() += 1;
                }
            }
            counts
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(t, _)| t)
        })
        .collect();

    // Victims and look-alikes.
    let mut flagged_truth: HashMap<u32, Vec<&[String]>> = HashMap::new();
    let mut flagged = 0;
    let mut flagged_victims = 0;
    for (p, t) in persons.iter().zip(&stands_for) {
        let Some(t) = t else { continue };
        if !p.vulnerability.flagged {
            continue;
        }
        flagged += 1;
        if truth.persons[*t as usize].victim.is_some() {
            flagged_victims += 1;
        }
        flagged_truth
            .entry(*t)
            .or_default()
            .push(&p.vulnerability.categories);
    }
    let mut by_category: BTreeMap<String, CategoryScore> = BTreeMap::new();
    let (mut true_victims, mut found, mut agreeing) = (0, 0, 0);
    for (t, p) in truth.persons.iter().enumerate() {
        let Some(category) = p.victim else { continue };
        true_victims += 1;
        let entry = by_category
            .entry(category.as_str().to_string())
            .or_insert(CategoryScore {
                victims: 0,
                found: 0,
                recall: None,
            });
        entry.victims += 1;
        if let Some(cats) = flagged_truth.get(&(t as u32)) {
            found += 1;
            entry.found += 1;
            if cats
                .iter()
                .any(|c| c.iter().any(|c| c == category.as_str()))
            {
                agreeing += 1;
            }
        }
    }
    for c in by_category.values_mut() {
        c.recall = ratio(c.found, c.victims);
    }
    let victims = Victims {
        true_victims,
        flagged,
        flagged_victims,
        found,
        recall: ratio(found, true_victims),
        precision: ratio(flagged_victims, flagged),
        category_agreement: ratio(agreeing, found),
        by_category,
    };
    let mut lookalikes: BTreeMap<String, LookalikeRate> = BTreeMap::new();
    for (t, p) in truth.persons.iter().enumerate() {
        let Some(l) = p.lookalike else { continue };
        let entry = lookalikes
            .entry(l.as_str().to_string())
            .or_insert(LookalikeRate {
                persons: 0,
                flagged: 0,
                false_flag_rate: None,
            });
        entry.persons += 1;
        if flagged_truth.contains_key(&(t as u32)) {
            entry.flagged += 1;
        }
    }
    for l in lookalikes.values_mut() {
        l.false_flag_rate = ratio(l.flagged, l.persons);
    }

    let groups = score_groups(truth, &truth_index, persons, &stands_for, groups);
    Scores {
        mentions,
        resolution,
        victims,
        lookalikes,
        groups,
    }
}

fn score_groups(
    truth: &Truth,
    truth_index: &HashMap<&str, u32>,
    persons: &[PredictedPerson],
    stands_for: &[Option<u32>],
    groups: &[PredictedGroup],
) -> Groups {
    let person_index: HashMap<&str, usize> = persons
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    // True groups as sets of true persons; each true person's groups.
    let true_sets: Vec<HashSet<i64>> = truth
        .groups
        .iter()
        .map(|g| {
            g.members
                .iter()
                .filter_map(|m| truth_index.get(m.as_str()))
                .map(|t| i64::from(*t))
                .collect()
        })
        .collect();
    let mut groups_of: HashMap<i64, Vec<usize>> = HashMap::new();
    for (gi, set) in true_sets.iter().enumerate() {
        for t in set {
            groups_of.entry(*t).or_default().push(gi);
        }
    }
    // Found groups as sets of the true persons their members stand for; a member standing for
    // nobody is a person of its own, who belongs to no true group.
    let mut nobody = 0i64;
    let found_sets: Vec<HashSet<i64>> = groups
        .iter()
        .map(|g| {
            g.members
                .iter()
                .map(
                    |m| match person_index.get(m.as_str()).and_then(|i| stands_for[*i]) {
                        Some(t) => i64::from(t),
                        None => {
                            nobody -= 1;
                            nobody
                        }
                    },
                )
                .collect()
        })
        .collect();
    let mut best_true: Vec<(f64, Option<usize>)> = vec![(0.0, None); true_sets.len()];
    let mut best_found: Vec<f64> = vec![0.0; found_sets.len()];
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (fi, f) in found_sets.iter().enumerate() {
        let mut overlap: HashMap<usize, u64> = HashMap::new();
        for t in f {
            for gi in groups_of.get(t).map(Vec::as_slice).unwrap_or(&[]) {
                *overlap.entry(*gi).or_default() += 1;
            }
        }
        for (gi, ov) in overlap {
            let union = true_sets[gi].len() as u64 + f.len() as u64 - ov;
            let j = ov as f64 / union as f64;
            if j > best_true[gi].0
                || (j == best_true[gi].0 && best_true[gi].1.is_some_and(|b| fi < b))
            {
                best_true[gi] = (j, Some(fi));
            }
            best_found[fi] = best_found[fi].max(j);
            if j >= MATCH_JACCARD {
                candidates.push((j, gi, fi));
            }
        }
    }
    // Harm: one-to-one matches, best first.
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_true = HashSet::new();
    let mut used_found = HashSet::new();
    let mut true_harm = Vec::new();
    let mut found_harm = Vec::new();
    let harm_of = |g: &PredictedGroup| {
        g.harm
            .as_ref()
            .and_then(|h| h.score.or(h.rank.map(|r| -f64::from(r))))
    };
    for (_, gi, fi) in &candidates {
        if used_true.contains(gi) || used_found.contains(fi) {
            continue;
        }
        used_true.insert(*gi);
        used_found.insert(*fi);
        if let Some(h) = harm_of(&groups[*fi]) {
            true_harm.push(truth.groups[*gi].harm);
            found_harm.push(h);
        }
    }

    let mut per_group = Vec::new();
    let mut deal_shares = Vec::new();
    for (gi, g) in truth.groups.iter().enumerate() {
        let (j, fi) = best_true[gi];
        let matched = fi.map(|f| &groups[f]);
        let deal_lines = (g.kind == "county_line").then(|| {
            let found_lines: HashSet<String> = matched
                .map(|m| m.deal_lines.iter().map(|d| phone_key(d)).collect())
                .unwrap_or_default();
            let found = g
                .deal_lines
                .iter()
                .filter(|d| found_lines.contains(&phone_key(d)))
                .count() as u64;
            DealLines {
                truth: g.deal_lines.len() as u64,
                found,
            }
        });
        if let Some(d) = &deal_lines
            && let Some(share) = ratio(d.found, d.truth)
        {
            deal_shares.push(share);
        }
        per_group.push(GroupMatch {
            truth: g.id.clone(),
            kind: g.kind.clone(),
            label: g.label.clone(),
            members: true_sets[gi].len() as u64,
            best_jaccard: j,
            matched: matched.map(|m| m.id.clone()),
            deal_lines,
            harm: g.harm,
            predicted_harm: matched.and_then(harm_of),
        });
    }
    let mean = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    let best: Vec<f64> = best_true.iter().map(|(j, _)| *j).collect();
    Groups {
        true_groups: truth.groups.len() as u64,
        found_groups: groups.len() as u64,
        mean_best_jaccard: mean(&best),
        true_recovered: ratio(
            best.iter().filter(|j| **j >= MATCH_JACCARD).count() as u64,
            best.len() as u64,
        ),
        found_matching: ratio(
            best_found.iter().filter(|j| **j >= MATCH_JACCARD).count() as u64,
            best_found.len() as u64,
        ),
        deal_lines_found: mean(&deal_shares),
        harm_spearman: spearman(&true_harm, &found_harm),
        harm_pairs: true_harm.len() as u64,
        per_group,
    }
}

/// The export a perfect analysis would produce: one person per true person, victims flagged
/// with their category, the true groups with their deal lines and harm. Scoring it must give
/// 1 on every measure (and 0 on every false-flag rate).
pub fn perfect_prediction(truth: &Truth) -> (Vec<PredictedPerson>, Vec<PredictedGroup>) {
    let persons = truth
        .persons
        .iter()
        .map(|p| PredictedPerson {
            id: p.id.clone(),
            mentions: p.mentions.clone(),
            vulnerability: PredictedVulnerability {
                flagged: p.victim.is_some(),
                categories: p.victim.iter().map(|c| c.as_str().to_string()).collect(),
            },
        })
        .collect();
    let groups = truth
        .groups
        .iter()
        .map(|g| PredictedGroup {
            id: g.id.clone(),
            kind: g.kind.clone(),
            members: g.members.clone(),
            deal_lines: g.deal_lines.clone(),
            harm: Some(PredictedHarm {
                score: Some(g.harm),
                rank: None,
            }),
        })
        .collect();
    (persons, groups)
}

/// The export before any resolution: one person per mention, nobody flagged, no groups.
pub fn singleton_prediction(truth: &Truth) -> Vec<PredictedPerson> {
    truth
        .persons
        .iter()
        .flat_map(|p| p.mentions.iter())
        .enumerate()
        .map(|(i, m)| PredictedPerson {
            id: format!("per_{:06}", i + 1),
            mentions: vec![m.clone()],
            vulnerability: PredictedVulnerability::default(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::truth::{TruthGroup, TruthPerson};
    use crate::world::{Category, Lookalike};

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    fn check_prf(prf: Prf, p: Option<f64>, r: Option<f64>) {
        match p {
            Some(p) => assert!(
                close(prf.precision, p),
                "precision {:?} != {p}",
                prf.precision
            ),
            None => assert_eq!(prf.precision, None),
        }
        match r {
            Some(r) => assert!(close(prf.recall, r), "recall {:?} != {r}", prf.recall),
            None => assert_eq!(prf.recall, None),
        }
    }

    #[test]
    fn pairwise_counts_pairs() {
        // Truth {a,b,c} {d}; predicted {a,b} {c,d}: one right pair of two predicted, of three true.
        let t = [0, 0, 0, 1];
        let p = [0, 0, 1, 1];
        check_prf(pairwise(&t, &p), Some(0.5), Some(1.0 / 3.0));
        check_prf(pairwise(&t, &t), Some(1.0), Some(1.0));
        // Nothing merged: no predicted pair, no recall.
        let singletons = [0, 1, 2, 3];
        let prf = pairwise(&t, &singletons);
        check_prf(prf, None, Some(0.0));
        assert_eq!(prf.f1, Some(0.0));
        // Everything true is apart: recall undefined.
        check_prf(pairwise(&singletons, &t), Some(0.0), None);
    }

    #[test]
    fn bcubed_matches_the_textbook_example() {
        // Truth {a,b,c} {d,e}; predicted {a,b} {c,d,e}.
        // Precision: a,b 1; c 1/3; d,e 2/3 -> (1+1+1/3+2/3+2/3)/5 = 11/15.
        // Recall: a,b 2/3; c 1/3; d,e 1 -> (2/3+2/3+1/3+1+1)/5 = 11/15.
        let t = [0, 0, 0, 1, 1];
        let p = [0, 0, 1, 1, 1];
        let prf = bcubed(&t, &p);
        check_prf(prf, Some(11.0 / 15.0), Some(11.0 / 15.0));
        assert!(close(prf.f1, 11.0 / 15.0));
        check_prf(bcubed(&t, &t), Some(1.0), Some(1.0));
        // Singletons: precision 1, recall (1/3*3 + 1/2*2)/5 = 2/5.
        check_prf(bcubed(&t, &[0, 1, 2, 3, 4]), Some(1.0), Some(0.4));
        assert_eq!(bcubed(&[], &[]).precision, None);
    }

    #[test]
    fn spearman_handles_order_reversal_and_ties() {
        assert!(close(spearman(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]), 1.0));
        assert!(close(spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]), -1.0));
        // Ranks 1, 2.5, 2.5, 4 against 1..4: rho = 4.5 / sqrt(4.5 * 5).
        let rho = spearman(&[1.0, 2.0, 2.0, 3.0], &[1.0, 2.0, 3.0, 4.0]);
        assert!(close(rho, 4.5 / (4.5f64 * 5.0).sqrt()), "{rho:?}");
        assert_eq!(spearman(&[1.0], &[1.0]), None);
        assert_eq!(spearman(&[1.0, 1.0], &[1.0, 2.0]), None);
    }

    #[test]
    fn jaccard_of_sets() {
        let a: HashSet<u32> = [1, 2, 3].into();
        let b: HashSet<u32> = [2, 3, 4, 5].into();
        assert!((jaccard(&a, &b) - 0.4).abs() < 1e-12);
        assert_eq!(jaccard::<u32>(&HashSet::new(), &HashSet::new()), 0.0);
    }

    fn person(
        id: &str,
        mentions: &[&str],
        victim: Option<Category>,
        lookalike: Option<Lookalike>,
    ) -> TruthPerson {
        TruthPerson {
            id: id.to_string(),
            name: String::new(),
            dob: String::new(),
            gender: String::new(),
            victim,
            lookalike,
            group: None,
            role: None,
            mentions: mentions.iter().map(|m| m.to_string()).collect(),
        }
    }

    fn group(id: &str, kind: &str, members: &[&str], deal_lines: &[&str], harm: f64) -> TruthGroup {
        TruthGroup {
            id: id.to_string(),
            kind: kind.to_string(),
            label: id.to_string(),
            crime_types: Vec::new(),
            members: members.iter().map(|m| m.to_string()).collect(),
            roles: BTreeMap::new(),
            deal_lines: deal_lines.iter().map(|m| m.to_string()).collect(),
            harm,
            harm_reasons: Vec::new(),
            reports: Vec::new(),
        }
    }

    /// Three people (one a child victim, one a look-alike), two groups.
    fn tiny_truth() -> Truth {
        Truth {
            format: crate::truth::FORMAT.to_string(),
            version: crate::truth::VERSION,
            generator: serde_json::Value::Null,
            summary: serde_json::Value::Null,
            persons: vec![
                person(
                    "tp1",
                    &["R1#P1", "R2#P1", "R3#P2"],
                    Some(Category::ChildCriminalExploitation),
                    None,
                ),
                person("tp2", &["R1#P2", "R4#P1"], None, None),
                person("tp3", &["R5#P1"], None, Some(Lookalike::CautionedTeen)),
                person("tp4", &["R6#P1", "R7#P1"], None, None),
            ],
            groups: vec![
                group(
                    "tg1",
                    "county_line",
                    &["tp1", "tp2"],
                    &["+447700900001", "+447700900002"],
                    300.0,
                ),
                group("tg2", "ocg", &["tp4"], &[], 100.0),
            ],
            indicators: Vec::new(),
        }
    }

    fn predicted(
        id: &str,
        mentions: &[&str],
        flagged: bool,
        categories: &[&str],
    ) -> PredictedPerson {
        PredictedPerson {
            id: id.to_string(),
            mentions: mentions.iter().map(|m| m.to_string()).collect(),
            vulnerability: PredictedVulnerability {
                flagged,
                categories: categories.iter().map(|c| c.to_string()).collect(),
            },
        }
    }

    #[test]
    fn a_perfect_export_scores_one_everywhere() {
        let truth = tiny_truth();
        let (persons, groups) = perfect_prediction(&truth);
        let s = score(&truth, &persons, &groups);
        for prf in [s.resolution.pairwise, s.resolution.bcubed] {
            check_prf(prf, Some(1.0), Some(1.0));
            assert!(close(prf.f1, 1.0));
        }
        assert!(close(s.victims.recall, 1.0));
        assert!(close(s.victims.precision, 1.0));
        assert!(close(s.victims.category_agreement, 1.0));
        assert!(close(s.lookalikes["cautioned_teen"].false_flag_rate, 0.0));
        assert!(close(s.groups.mean_best_jaccard, 1.0));
        assert!(close(s.groups.found_matching, 1.0));
        assert!(close(s.groups.true_recovered, 1.0));
        assert!(close(s.groups.deal_lines_found, 1.0));
        assert!(close(s.groups.harm_spearman, 1.0));
        assert_eq!(s.mentions.missing, 0);
    }

    #[test]
    fn one_person_per_mention_recalls_nothing() {
        let truth = tiny_truth();
        let s = score(&truth, &singleton_prediction(&truth), &[]);
        check_prf(s.resolution.pairwise, None, Some(0.0));
        assert_eq!(s.resolution.pairwise.f1, Some(0.0));
        assert!(close(s.resolution.bcubed.precision, 1.0));
        assert!(s.resolution.bcubed.recall.unwrap() < 1.0);
        assert!(close(s.victims.recall, 0.0));
        assert_eq!(s.victims.precision, None);
        assert!(close(s.groups.mean_best_jaccard, 0.0));
        assert_eq!(s.groups.found_matching, None);
        assert!(close(s.groups.deal_lines_found, 0.0));
    }

    #[test]
    fn victims_follow_the_majority_of_mentions() {
        let truth = tiny_truth();
        let persons = vec![
            // Two of tp1's mentions and one of tp2's: stands for tp1, a victim.
            predicted("a", &["R1#P1", "R2#P1", "R1#P2"], true, &["cuckooing"]),
            predicted("b", &["R3#P2", "R4#P1"], false, &[]),
            // The look-alike flagged: a false flag.
            predicted("c", &["R5#P1"], true, &[]),
            predicted("d", &["R6#P1", "R7#P1"], false, &[]),
            // A mention the truth does not know.
            predicted("e", &["R9#X1"], true, &[]),
        ];
        let s = score(&truth, &persons, &[]);
        assert_eq!(s.victims.flagged, 2);
        assert_eq!(s.victims.flagged_victims, 1);
        assert!(close(s.victims.precision, 0.5));
        assert!(close(s.victims.recall, 1.0));
        // Flagged, but with the wrong category.
        assert!(close(s.victims.category_agreement, 0.0));
        assert!(close(s.lookalikes["cautioned_teen"].false_flag_rate, 1.0));
        assert_eq!(s.mentions.unknown, 1);
        assert_eq!(s.mentions.missing, 0);
    }

    #[test]
    fn groups_match_by_jaccard_and_find_deal_lines() {
        let truth = tiny_truth();
        let persons = vec![
            predicted("a", &["R1#P1", "R2#P1", "R3#P2"], false, &[]),
            predicted("b", &["R1#P2", "R4#P1"], false, &[]),
            predicted("c", &["R5#P1"], false, &[]),
            predicted("d", &["R6#P1", "R7#P1"], false, &[]),
        ];
        let groups = vec![
            // tp1, tp2 and the look-alike: Jaccard 2/3 with tg1; one deal line of two.
            PredictedGroup {
                id: "g1".into(),
                kind: "county_line".into(),
                members: vec!["a".into(), "b".into(), "c".into()],
                deal_lines: vec!["07700 900001".into()],
                harm: Some(PredictedHarm {
                    score: Some(5.0),
                    rank: Some(1),
                }),
            },
            // A group of someone unknown: matches nothing.
            PredictedGroup {
                id: "g2".into(),
                kind: "ocg".into(),
                members: vec!["zzz".into()],
                deal_lines: vec![],
                harm: None,
            },
        ];
        let s = score(&truth, &persons, &groups);
        let tg1 = &s.groups.per_group[0];
        assert!((tg1.best_jaccard - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(tg1.matched.as_deref(), Some("g1"));
        assert_eq!(tg1.deal_lines, Some(DealLines { truth: 2, found: 1 }));
        assert_eq!(s.groups.per_group[1].best_jaccard, 0.0);
        assert!(close(s.groups.mean_best_jaccard, 1.0 / 3.0));
        assert!(close(s.groups.found_matching, 0.5));
        assert!(close(s.groups.true_recovered, 0.5));
        assert!(close(s.groups.deal_lines_found, 0.5));
        // One matched pair: no correlation to speak of.
        assert_eq!(s.groups.harm_pairs, 1);
        assert_eq!(s.groups.harm_spearman, None);
    }

    #[test]
    fn missing_mentions_count_as_people_of_their_own() {
        let truth = tiny_truth();
        let persons = vec![predicted("a", &["R1#P1", "R2#P1", "R3#P2"], false, &[])];
        let s = score(&truth, &persons, &[]);
        assert_eq!(s.mentions.missing, 5);
        // tp1's three pairs are found; tp2's and tp4's are not.
        check_prf(s.resolution.pairwise, Some(1.0), Some(3.0 / 5.0));
    }
}
