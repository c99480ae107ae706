//! Who should lead on which threat: allocation as an assignment problem with capacities, solved
//! exactly rather than greedily.
//!
//! Each threat takes its harm weight of an officer's capacity ([`crate::threat::weigh`]), and a
//! threat's harm is never split between officers. The objective, in order:
//!
//! 1. **The highest-harm threats are served first**: a threat goes without an officer only if
//!    serving it would leave a higher-harm threat without one. (Formally, the set of threats
//!    served is the lexicographically greatest feasible set in harm order.)
//! 2. Among the assignments that serve that set, the **least cost**: a missing secondary skill,
//!    an officer still under mentoring rather than trained, moving a threat from its current
//!    officer, and a load-spreading cost that rises with each harm point an officer carries.
//!
//! An officer may lead on a threat only if they are active, hold the skill area of its principal
//! crime type, and are trained or mentored ([`crate::officer::Competence::may_lead`]); its
//! current officer may keep it regardless, at a cost, so that a recommendation never strips a
//! threat from someone for want of a better holder.
//!
//! The solver: the set of threats served is built in harm order, each threat added if some
//! assignment of it and every threat already in the set exists; then the cheapest assignment of
//! the set is found. Both steps solve the continuous relaxation — threats' harm may be split —
//! as a minimum-cost flow (threats → officers → one edge per harm point of capacity, each point
//! dearer than the one before), and branch on a threat the flow splits: give it to the officer
//! holding the largest part of it, or forbid that officer. The relaxation bounds every branch,
//! so the answer is optimal; if the search ever exceeded its budget the recommendation says it
//! is not proven optimal rather than pretending. Small cases are checked against brute force.

use crate::config::OperationsConfig;
use crate::flow::Graph;
use crate::officer::{Competence, Officer, OfficerId};
use crate::threat::{Threat, ThreatId, Weighted, weigh};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use time::Date;

/// Which threats the recommendation may move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Only threats without an (active) officer are allocated; the rest stay where they are.
    Unallocated,
    /// Every threat may move, so that overloaded officers are relieved.
    Rebalance,
}

/// What the recommendation does with one threat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Stays with its officer.
    Kept,
    /// Given an officer it did not have.
    New,
    /// Moved from one officer to another.
    Moved,
    /// Still without an officer.
    Unserved,
    /// Taken from its officer with nobody to take it on (only when rebalancing).
    Released,
}

#[derive(Debug, Clone, Serialize)]
pub struct Assignment {
    pub threat: ThreatId,
    pub label: String,
    pub rank: usize,
    pub weight: u32,
    pub band: &'static str,
    pub current: Option<OfficerId>,
    pub officer: Option<OfficerId>,
    pub change: Change,
    /// This pairing's cost (0 for a threat without an officer).
    pub cost: i64,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OfficerLoad {
    pub officer: OfficerId,
    pub name: String,
    pub capacity: u32,
    pub before: u32,
    pub after: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Recommendation {
    pub mode: Mode,
    /// In harm order.
    pub assignments: Vec<Assignment>,
    /// Pairing costs plus load-spreading costs of the threats the recommendation places.
    pub cost: i64,
    pub proven_optimal: bool,
    pub loads: Vec<OfficerLoad>,
    pub rules_version: String,
}

/// The allocation question.
pub struct Request<'a> {
    /// The whole active master list (ranks and weights come from all of it).
    pub threats: &'a [Threat],
    pub officers: &'a [Officer],
    /// Each threat's current officer.
    pub current: &'a BTreeMap<ThreatId, OfficerId>,
    pub mode: Mode,
    pub today: Date,
}

/// Whether and at what cost an officer may lead on a threat.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub cost: i64,
    pub suitable: bool,
    pub missing: Vec<String>,
}

/// The cost of `officer` leading on `threat` (whose current officer is `current`), or `None`
/// when they may not. The definition the solver and the brute-force check share.
pub fn fit(
    rules: &OperationsConfig,
    threat: &Threat,
    officer: &Officer,
    competence: &Competence,
    current: Option<OfficerId>,
) -> Option<Fit> {
    if !officer.active {
        return None;
    }
    let c = &rules.allocation;
    let principal = threat.principal().and_then(|p| rules.skill_for(p));
    let has_principal = principal.is_none_or(|s| officer.skills.contains(&s.id));
    let suitable = has_principal && competence.may_lead();
    let keeps = current == Some(officer.id);
    if !suitable && !keeps {
        return None;
    }
    let mut cost = 0;
    if !suitable {
        cost += c.keep_unsuitable;
    } else if !competence.trained() {
        cost += c.mentored_not_trained;
    }
    let mut missing = Vec::new();
    let mut areas = BTreeSet::new();
    for crime in threat.crime_types.iter().skip(1) {
        if let Some(s) = rules.skill_for(*crime)
            && Some(&s.id) != principal.map(|p| &p.id)
            && areas.insert(&s.id)
            && !officer.skills.contains(&s.id)
        {
            cost += c.missing_secondary_skill;
            missing.push(s.label.clone());
        }
    }
    if current.is_some() && !keeps {
        cost += c.move_from_current;
    }
    Some(Fit {
        cost,
        suitable,
        missing,
    })
}

/// The load-spreading cost of an officer of `capacity` carrying `load` harm points.
pub fn balance_cost(rules: &OperationsConfig, capacity: u32, load: u32) -> i64 {
    if capacity == 0 {
        return 0;
    }
    (1..=load)
        .map(|k| rules.allocation.balance * i64::from(k) / i64::from(capacity))
        .sum()
}

/// One threat the solver places, with its options.
struct Item {
    weight: i64,
    /// (officer index, cost)
    options: Vec<(usize, i64)>,
}

/// The solver's problem: items in harm order, officers' spare capacity and the cost of each
/// further harm point they take.
struct Problem {
    items: Vec<Item>,
    spare: Vec<i64>,
    unit_costs: Vec<Vec<i64>>,
    /// Every per-unit cost is multiplied by this so that splitting a threat of weight w into w
    /// units keeps costs whole.
    scale: i64,
    budget: usize,
    exhausted: bool,
}

/// A choice of option (index into the item's options) for each item placed.
type Choice = BTreeMap<usize, usize>;

impl Problem {
    /// The relaxation over `items` with each item's allowed options: `None` if it cannot carry
    /// them all, else the scaled cost and each item's flow per option.
    fn relax(&self, items: &[usize], allowed: &[Vec<bool>]) -> Option<(i64, Vec<Vec<i64>>)> {
        let officers = self.spare.len();
        let (s, t) = (0, 1);
        let item_node = |k: usize| 2 + k;
        let officer_node = |j: usize| 2 + items.len() + j;
        let mut g = Graph::new(2 + items.len() + officers);
        let mut need = 0;
        let mut edges = Vec::with_capacity(items.len());
        for (k, &i) in items.iter().enumerate() {
            let item = &self.items[i];
            need += item.weight;
            g.add(s, item_node(k), item.weight, 0);
            let mut mine = Vec::with_capacity(item.options.len());
            for (o, &(j, cost)) in item.options.iter().enumerate() {
                mine.push(allowed[k][o].then(|| {
                    g.add(
                        item_node(k),
                        officer_node(j),
                        item.weight,
                        cost * (self.scale / item.weight),
                    )
                }));
            }
            edges.push(mine);
        }
        for j in 0..officers {
            for unit in 0..self.spare[j] as usize {
                g.add(officer_node(j), t, 1, self.unit_costs[j][unit] * self.scale);
            }
        }
        let (flow, cost) = g.min_cost_max_flow(s, t);
        if flow < need {
            return None;
        }
        let flows = edges
            .iter()
            .map(|mine| mine.iter().map(|e| e.map_or(0, |e| g.flow(e))).collect())
            .collect();
        Some((cost, flows))
    }

    /// The cheapest way (or with `first`, any way) to place every item in `items`, searching
    /// below `bound` (scaled). Returns the scaled cost and the choice.
    fn solve(&mut self, items: &[usize], bound: Option<i64>, first: bool) -> Option<(i64, Choice)> {
        let root: Vec<Vec<bool>> = items
            .iter()
            .map(|&i| vec![true; self.items[i].options.len()])
            .collect();
        let mut best: Option<(i64, Choice)> = None;
        let mut bound = bound;
        let mut stack = vec![root];
        while let Some(allowed) = stack.pop() {
            if self.budget == 0 {
                self.exhausted = true;
                break;
            }
            self.budget -= 1;
            let Some((cost, flows)) = self.relax(items, &allowed) else {
                continue;
            };
            if bound.is_some_and(|b| cost >= b) {
                continue;
            }
            // The first item, in harm order, whose harm the flow splits.
            let split = flows
                .iter()
                .position(|f| f.iter().filter(|x| **x > 0).count() > 1);
            match split {
                None => {
                    let choice = items
                        .iter()
                        .zip(&flows)
                        .map(|(&i, f)| (i, f.iter().position(|x| *x > 0).unwrap_or(0)))
                        .collect();
                    bound = Some(cost);
                    best = Some((cost, choice));
                    if first {
                        break;
                    }
                }
                Some(k) => {
                    let o = (0..flows[k].len())
                        .max_by_key(|&o| (flows[k][o], std::cmp::Reverse(o)))
                        .unwrap_or(0);
                    let mut forbid = allowed.clone();
                    forbid[k][o] = false;
                    let mut fix = allowed;
                    for (x, a) in fix[k].iter_mut().enumerate() {
                        *a = x == o;
                    }
                    // Depth first, the likelier branch on top.
                    stack.push(forbid);
                    stack.push(fix);
                }
            }
        }
        best
    }

    /// The scaled cost of a choice (what the relaxation gives when it is whole).
    fn cost_of(&self, choice: &Choice) -> i64 {
        let mut load = vec![0usize; self.spare.len()];
        let mut cost = 0;
        for (&i, &o) in choice {
            let item = &self.items[i];
            let (j, c) = item.options[o];
            cost += c * self.scale;
            load[j] += item.weight as usize;
        }
        for (j, l) in load.into_iter().enumerate() {
            cost += self.unit_costs[j][..l].iter().sum::<i64>() * self.scale;
        }
        cost
    }
}

/// The node budget of one recommendation: far beyond what a force's master list needs.
const BUDGET: usize = 200_000;

/// Recommends who should lead on each threat, with the reasons.
pub fn recommend(rules: &OperationsConfig, req: &Request<'_>) -> Recommendation {
    let weights = weigh(req.threats, &rules.harm_weight);
    let competence: Vec<Competence> = req
        .officers
        .iter()
        .map(|o| o.competence(rules, req.today))
        .collect();
    let index: BTreeMap<OfficerId, usize> = req
        .officers
        .iter()
        .enumerate()
        .map(|(j, o)| (o.id, j))
        .collect();
    // A threat counts as held only by an active officer we know.
    let holder = |t: &Threat| {
        req.current
            .get(&t.id)
            .copied()
            .filter(|id| index.get(id).is_some_and(|&j| req.officers[j].active))
    };
    let mut order: Vec<usize> = (0..req.threats.len()).collect();
    order.sort_by_key(|&i| weights[i].rank);
    let mut before = vec![0u32; req.officers.len()];
    for (i, t) in req.threats.iter().enumerate() {
        if let Some(j) = req.current.get(&t.id).and_then(|id| index.get(id)) {
            before[*j] += weights[i].weight;
        }
    }
    // What stays put, and what the solver places.
    let mut fixed = vec![0u32; req.officers.len()];
    let mut placed: Vec<usize> = Vec::new();
    for &i in &order {
        let t = &req.threats[i];
        match (req.mode, holder(t)) {
            (Mode::Unallocated, Some(id)) => fixed[index[&id]] += weights[i].weight,
            _ => placed.push(i),
        }
    }
    let items: Vec<Item> = placed
        .iter()
        .map(|&i| {
            let t = &req.threats[i];
            let current = holder(t);
            Item {
                weight: i64::from(weights[i].weight),
                options: req
                    .officers
                    .iter()
                    .enumerate()
                    .filter_map(|(j, o)| Some((j, fit(rules, t, o, &competence[j], current)?.cost)))
                    .collect(),
            }
        })
        .collect();
    let spare: Vec<i64> = req
        .officers
        .iter()
        .zip(&fixed)
        .map(|(o, f)| i64::from(o.capacity.saturating_sub(*f)))
        .collect();
    let unit_costs: Vec<Vec<i64>> = req
        .officers
        .iter()
        .zip(&fixed)
        .map(|(o, f)| {
            (1..=o.capacity.saturating_sub(*f))
                .map(|k| rules.allocation.balance * i64::from(f + k) / i64::from(o.capacity.max(1)))
                .collect()
        })
        .collect();
    let scale = items
        .iter()
        .map(|i| i.weight)
        .fold(1, |acc, w| acc / gcd(acc, w) * w);
    let mut p = Problem {
        items,
        spare,
        unit_costs,
        scale,
        budget: BUDGET,
        exhausted: false,
    };

    // 1. The threats served, in harm order.
    let mut served: Vec<usize> = Vec::new();
    let mut choice: Choice = BTreeMap::new();
    for k in 0..p.items.len() {
        if p.items[k].options.is_empty() {
            continue;
        }
        let mut load = vec![0i64; p.spare.len()];
        for (&i, &o) in &choice {
            load[p.items[i].options[o].0] += p.items[i].weight;
        }
        let w = p.items[k].weight;
        if let Some(o) = (0..p.items[k].options.len())
            .filter(|&o| {
                let j = p.items[k].options[o].0;
                p.spare[j] - load[j] >= w
            })
            .min_by_key(|&o| p.items[k].options[o].1)
        {
            served.push(k);
            choice.insert(k, o);
            continue;
        }
        let mut with: Vec<usize> = served.clone();
        with.push(k);
        if let Some((_, c)) = p.solve(&with, None, true) {
            served = with;
            choice = c;
        }
    }
    // 2. The cheapest assignment of that set, below the one already found.
    let incumbent = p.cost_of(&choice);
    if let Some((_, better)) = p.solve(&served, Some(incumbent), false) {
        choice = better;
    }
    let total = p.cost_of(&choice) / p.scale;

    // The answer, with reasons.
    let mut after = fixed.clone();
    let mut officer_of: BTreeMap<usize, usize> = BTreeMap::new();
    for (&k, &o) in &choice {
        let j = p.items[k].options[o].0;
        after[j] += p.items[k].weight as u32;
        officer_of.insert(placed[k], j);
    }
    for (i, t) in req.threats.iter().enumerate() {
        if req.mode == Mode::Unallocated
            && let Some(id) = holder(t)
        {
            officer_of.insert(i, index[&id]);
        }
    }
    let loads: Vec<OfficerLoad> = req
        .officers
        .iter()
        .enumerate()
        .map(|(j, o)| OfficerLoad {
            officer: o.id,
            name: o.name.clone(),
            capacity: o.capacity,
            before: before[j],
            after: after[j],
        })
        .collect();
    let assignments = order
        .iter()
        .map(|&i| {
            let t = &req.threats[i];
            let current = req.current.get(&t.id).copied();
            let officer = officer_of.get(&i).map(|&j| req.officers[j].id);
            explain(
                rules,
                req,
                t,
                &weights[i],
                current,
                officer,
                &competence,
                &index,
                &loads,
            )
        })
        .collect();
    Recommendation {
        mode: req.mode,
        assignments,
        cost: total,
        proven_optimal: !p.exhausted,
        loads,
        rules_version: rules.version.clone(),
    }
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[allow(clippy::too_many_arguments)]
fn explain(
    rules: &OperationsConfig,
    req: &Request<'_>,
    t: &Threat,
    w: &Weighted,
    current: Option<OfficerId>,
    officer: Option<OfficerId>,
    competence: &[Competence],
    index: &BTreeMap<OfficerId, usize>,
    loads: &[OfficerLoad],
) -> Assignment {
    let name = |id: OfficerId| {
        index
            .get(&id)
            .map(|&j| req.officers[j].name.clone())
            .unwrap_or_else(|| format!("officer {}", id.0))
    };
    let mut reasons = Vec::new();
    reasons.push(match t.harm {
        Some(h) => format!(
            "{} by harm of {} on the master list (score {h:.1}): {} harm, takes {} capacity point{}",
            ordinal(w.rank),
            req.threats.len(),
            w.band,
            w.weight,
            if w.weight == 1 { "" } else { "s" }
        ),
        None => format!(
            "not yet assessed for harm: weighed as medium, takes {} capacity points",
            w.weight
        ),
    });
    let principal = t.principal().and_then(|p| rules.skill_for(p));
    let held_by_active =
        current.filter(|id| index.get(id).is_some_and(|&j| req.officers[j].active));
    let change = match (held_by_active, officer) {
        (Some(c), Some(o)) if c == o => Change::Kept,
        (Some(_), Some(_)) => Change::Moved,
        (None, Some(_)) => Change::New,
        (Some(_), None) => Change::Released,
        (None, None) => Change::Unserved,
    };
    if let (Some(c), None) = (current, held_by_active) {
        reasons.push(format!("{} is no longer available to lead on it", name(c)));
    }
    let mut cost = 0;
    match officer {
        Some(o) => {
            let j = index[&o];
            let off = &req.officers[j];
            let comp = &competence[j];
            let f = fit(rules, t, off, comp, held_by_active);
            cost = f.as_ref().map_or(0, |f| f.cost);
            match (principal, &f) {
                (Some(s), Some(f)) if f.suitable || off.skills.contains(&s.id) => {
                    reasons.push(format!(
                        "{} holds the {} skill its principal crime type needs",
                        off.name, s.label
                    ))
                }
                (Some(s), _) => reasons.push(format!(
                    "{} lacks the {} skill its principal crime type needs, but holds it now",
                    off.name, s.label
                )),
                (None, _) => reasons.push("its crime type needs no particular skill".into()),
            }
            if let Some(f) = &f
                && !f.missing.is_empty()
            {
                reasons.push(format!(
                    "it also touches {}, which {} does not hold",
                    f.missing.join(" and "),
                    off.name
                ));
            }
            reasons.push(match (&comp.training, &comp.mentoring) {
                (
                    crate::officer::TrainingStatus::Trained {
                        completed_on,
                        valid_to,
                    },
                    _,
                ) => format!(
                    "trained: {} completed {completed_on}, in date to {valid_to}",
                    rules.training.lro_course_label
                ),
                (
                    _,
                    crate::officer::MentoringStatus::Mentored {
                        mentor,
                        last_session,
                    },
                ) => format!(
                    "not yet trained, but mentored by {} (last session {last_session})",
                    name(*mentor)
                ),
                _ => "neither trained nor mentored: a gap to close".into(),
            });
            let l = &loads[j];
            reasons.push(format!(
                "{} carries {} of {} capacity points with this allocation",
                off.name, l.after, l.capacity
            ));
            match change {
                Change::Moved => {
                    let from = held_by_active.map(name).unwrap_or_default();
                    let from_load =
                        held_by_active.and_then(|c| loads.iter().find(|l| l.officer == c));
                    reasons.push(match from_load {
                        Some(fl) if fl.before > fl.capacity => format!(
                            "moves from {from}, who carries {} of {} points",
                            fl.before, fl.capacity
                        ),
                        _ => format!("moves from {from}"),
                    });
                }
                Change::Kept => reasons.push(format!("stays with {}", off.name)),
                _ => {}
            }
        }
        None => {
            let able: Vec<usize> = (0..req.officers.len())
                .filter(|&j| fit(rules, t, &req.officers[j], &competence[j], None).is_some())
                .collect();
            if able.is_empty() {
                let skilled: Vec<&Officer> = req
                    .officers
                    .iter()
                    .filter(|o| o.active && principal.is_none_or(|s| o.skills.contains(&s.id)))
                    .collect();
                reasons.push(match (principal, skilled.is_empty()) {
                    (Some(s), true) => format!("no available officer holds the {} skill", s.label),
                    (_, _) => format!(
                        "the officers with the skill are neither trained nor mentored: {}",
                        skilled
                            .iter()
                            .map(|o| o.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            } else {
                reasons.push(format!(
                    "every officer who could lead on it is needed for higher-harm threats: {}",
                    able.iter()
                        .map(|&j| format!(
                            "{} ({} of {})",
                            req.officers[j].name, loads[j].after, loads[j].capacity
                        ))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            if change == Change::Released {
                reasons.push(format!(
                    "released from {} to bring their load within capacity",
                    held_by_active.map(name).unwrap_or_default()
                ));
            }
        }
    }
    Assignment {
        threat: t.id.clone(),
        label: t.label.clone(),
        rank: w.rank,
        weight: w.weight,
        band: w.band,
        current,
        officer,
        change,
        cost,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::officer::{Mentoring, officer};
    use crate::threat::threat;
    use model::CrimeType::{self, *};
    use proptest::prelude::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 12 - 01);
    const TRAINED: Option<Date> = Some(date!(2025 - 01 - 10));

    /// The best possible answer by trying every assignment: the served set in harm order
    /// (lexicographically greatest), then the least cost.
    fn brute_force(rules: &OperationsConfig, req: &Request<'_>) -> (Vec<bool>, i64) {
        let weights = weigh(req.threats, &rules.harm_weight);
        let comp: Vec<Competence> = req
            .officers
            .iter()
            .map(|o| o.competence(rules, TODAY))
            .collect();
        let idx = |id: OfficerId| req.officers.iter().position(|o| o.id == id);
        let holder = |t: &Threat| {
            req.current
                .get(&t.id)
                .copied()
                .filter(|id| idx(*id).is_some_and(|j| req.officers[j].active))
        };
        let mut order: Vec<usize> = (0..req.threats.len()).collect();
        order.sort_by_key(|&i| weights[i].rank);
        let n = req.officers.len() + 1;
        let mut best: Option<(Vec<bool>, i64)> = None;
        let mut code = vec![0usize; order.len()];
        loop {
            // code[k] = officer index + 1 for the k-th threat in harm order, 0 for none.
            let mut load = vec![0u32; req.officers.len()];
            let mut cost = 0;
            let mut ok = true;
            let mut served = Vec::new();
            for (k, &i) in order.iter().enumerate() {
                let t = &req.threats[i];
                let fixed = match (req.mode, holder(t)) {
                    (Mode::Unallocated, Some(h)) => Some(idx(h).unwrap()),
                    _ => None,
                };
                let pick = match fixed {
                    Some(j) => {
                        if code[k] != j + 1 {
                            ok = false;
                            break;
                        }
                        load[j] += weights[i].weight;
                        served.push(true);
                        continue;
                    }
                    None => code[k],
                };
                if pick == 0 {
                    served.push(false);
                    continue;
                }
                let j = pick - 1;
                match fit(rules, t, &req.officers[j], &comp[j], holder(t)) {
                    Some(f) => {
                        cost += f.cost;
                        load[j] += weights[i].weight;
                        served.push(true);
                    }
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                let mut fixed_load = vec![0u32; req.officers.len()];
                for (i, t) in req.threats.iter().enumerate() {
                    if let (Mode::Unallocated, Some(h)) = (req.mode, holder(t)) {
                        fixed_load[idx(h).unwrap()] += weights[i].weight;
                    }
                }
                for (j, o) in req.officers.iter().enumerate() {
                    let placed = load[j] - fixed_load[j];
                    if placed > o.capacity.saturating_sub(fixed_load[j]) {
                        ok = false;
                    }
                    // Only the points the solver places carry a spreading cost; the fixed ones
                    // cost the same in every answer.
                    cost += balance_cost(rules, o.capacity, load[j])
                        - balance_cost(rules, o.capacity, fixed_load[j]);
                }
                if ok {
                    let better = match &best {
                        None => true,
                        Some((s, c)) => served > *s || (served == *s && cost < *c),
                    };
                    if better {
                        best = Some((served, cost));
                    }
                }
            }
            // Next code.
            let mut k = 0;
            loop {
                if k == code.len() {
                    return best.expect("leaving everything unserved is always feasible");
                }
                code[k] += 1;
                if code[k] < n {
                    break;
                }
                code[k] = 0;
                k += 1;
            }
        }
    }

    fn served_and_cost(r: &Recommendation) -> (Vec<bool>, i64) {
        (
            r.assignments.iter().map(|a| a.officer.is_some()).collect(),
            r.cost,
        )
    }

    fn check(threats: &[Threat], officers: &[Officer], current: &[(&str, i64)], mode: Mode) {
        let rules = OperationsConfig::shipped();
        let current: BTreeMap<ThreatId, OfficerId> = current
            .iter()
            .map(|(t, o)| (ThreatId::try_from(*t).unwrap(), OfficerId(*o)))
            .collect();
        let req = Request {
            threats,
            officers,
            current: &current,
            mode,
            today: TODAY,
        };
        let got = recommend(&rules, &req);
        assert!(got.proven_optimal);
        assert_eq!(served_and_cost(&got), brute_force(&rules, &req));
        // Capacity is respected for everything the solver placed.
        for l in &got.loads {
            if mode == Mode::Rebalance {
                assert!(l.after <= l.capacity, "{l:?}");
            }
        }
    }

    #[test]
    fn the_highest_harm_threats_are_served_even_when_a_greedy_choice_blocks_them() {
        // Officer 1 holds county lines and modern slavery; officer 2 only county lines, with room
        // for one medium threat. Greedy, in harm order, gives the county line (the higher harm)
        // to the cheaper, emptier officer 1 and leaves no one for the modern slavery threat.
        let threats = vec![
            threat("grp_0001", &[DrugsCountyLines], Some(90.0)),
            threat("grp_0002", &[MshtLabour], Some(80.0)),
            threat("grp_0003", &[Fraud], Some(10.0)),
        ];
        let mut o1 = officer(1, &["county_lines", "modern_slavery"], 3, TRAINED);
        o1.name = "DI One".into();
        let o2 = officer(2, &["county_lines"], 3, TRAINED);
        let officers = vec![o1, o2];
        let rules = OperationsConfig::shipped();
        let current = BTreeMap::new();
        let r = recommend(
            &rules,
            &Request {
                threats: &threats,
                officers: &officers,
                current: &current,
                mode: Mode::Unallocated,
                today: TODAY,
            },
        );
        let by: Vec<Option<i64>> = r
            .assignments
            .iter()
            .map(|a| a.officer.map(|o| o.0))
            .collect();
        assert_eq!(by, vec![Some(2), Some(1), None]);
        assert!(
            r.assignments[2].reasons[1].contains("no available officer holds the fraud"),
            "{:?}",
            r.assignments[2].reasons
        );
        assert!(
            r.assignments[1]
                .reasons
                .iter()
                .any(|x| x.contains("DI One holds the modern slavery"))
        );
        check(&threats, &officers, &[], Mode::Unallocated);
    }

    #[test]
    fn rebalancing_relieves_an_overloaded_officer() {
        let threats = vec![
            threat("grp_0001", &[DrugsCountyLines], Some(90.0)),
            threat("grp_0002", &[DrugsCountyLines], Some(70.0)),
            threat("grp_0003", &[DrugsCountyLines, MshtCriminal], Some(50.0)),
            threat("grp_0004", &[DrugsCountyLines], Some(30.0)),
        ];
        let officers = vec![
            officer(1, &["county_lines"], 4, TRAINED),
            officer(2, &["county_lines", "modern_slavery"], 6, TRAINED),
        ];
        let current = [("grp_0001", 1), ("grp_0002", 1), ("grp_0003", 1)];
        check(&threats, &officers, &current, Mode::Rebalance);
        let rules = OperationsConfig::shipped();
        let current: BTreeMap<ThreatId, OfficerId> = current
            .iter()
            .map(|(t, o)| (ThreatId::try_from(*t).unwrap(), OfficerId(*o)))
            .collect();
        let r = recommend(
            &rules,
            &Request {
                threats: &threats,
                officers: &officers,
                current: &current,
                mode: Mode::Rebalance,
                today: TODAY,
            },
        );
        assert_eq!(r.loads[0].before, 3 + 2 + 1);
        assert!(r.loads.iter().all(|l| l.after <= l.capacity));
        assert!(r.assignments.iter().any(|a| a.change == Change::Moved
            && a.reasons.iter().any(|x| x.contains("who carries 6 of 4"))));
    }

    #[test]
    fn an_untrained_officer_leads_only_under_a_mentor_and_never_unskilled() {
        let rules = OperationsConfig::shipped();
        let t = threat(
            "grp_0001",
            &[MshtSexual, ChildSexualExploitation],
            Some(10.0),
        );
        let mut o = officer(5, &["modern_slavery"], 6, None);
        let c = o.competence(&rules, TODAY);
        assert_eq!(fit(&rules, &t, &o, &c, None), None, "untrained, unmentored");
        assert!(
            fit(&rules, &t, &o, &c, Some(OfficerId(5))).is_some_and(|f| f.cost
                == rules.allocation.keep_unsuitable + rules.allocation.missing_secondary_skill)
        );
        o.mentored_by.push(Mentoring {
            mentor: OfficerId(1),
            started_on: date!(2026 - 10 - 01),
            ended_on: None,
            sessions: vec![date!(2026 - 11 - 20)],
        });
        let c = o.competence(&rules, TODAY);
        let f = fit(&rules, &t, &o, &c, None).unwrap();
        assert_eq!(
            f.cost,
            rules.allocation.mentored_not_trained + rules.allocation.missing_secondary_skill
        );
        assert_eq!(
            f.missing,
            vec!["child sexual and criminal exploitation".to_string()]
        );
        let unskilled = officer(6, &["fraud"], 6, TRAINED);
        let c = unskilled.competence(&rules, TODAY);
        assert_eq!(fit(&rules, &t, &unskilled, &c, None), None);
    }

    #[test]
    fn a_master_list_of_a_force_is_solved_quickly_and_fills_capacity() {
        // Forty threats and twelve officers, tight capacity: the solver's real scale.
        let crimes = [
            DrugsCountyLines,
            MshtLabour,
            ChildCriminalExploitation,
            Fraud,
            DrugsSupply,
        ];
        let threats: Vec<Threat> = (0..40)
            .map(|i| {
                threat(
                    &format!("grp_{i:04}"),
                    &[crimes[i % 5], crimes[(i * 3 + 1) % 5]],
                    Some(1000.0 / (i as f64 + 1.0)),
                )
            })
            .collect();
        let skills = [
            &["county_lines", "drugs_supply"][..],
            &["modern_slavery", "child_exploitation"],
            &["economic_crime"],
            &["county_lines", "child_exploitation", "modern_slavery"],
        ];
        let officers: Vec<Officer> = (0..12)
            .map(|j| officer(j as i64 + 1, skills[j % 4], 5 + (j % 3) as u32, TRAINED))
            .collect();
        let rules = OperationsConfig::shipped();
        let current = BTreeMap::new();
        let started = std::time::Instant::now();
        let r = recommend(
            &rules,
            &Request {
                threats: &threats,
                officers: &officers,
                current: &current,
                mode: Mode::Unallocated,
                today: TODAY,
            },
        );
        assert!(r.proven_optimal);
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
        let served = r.assignments.iter().filter(|a| a.officer.is_some()).count();
        assert!(served >= 25, "served {served}");
        assert!(r.loads.iter().all(|l| l.after <= l.capacity));
        // Nothing left without an officer would fit with anyone able to lead on it.
        for a in r.assignments.iter().filter(|a| a.officer.is_none()) {
            let t = threats.iter().find(|t| t.id == a.threat).unwrap();
            for (o, l) in officers.iter().zip(&r.loads) {
                let c = o.competence(&rules, TODAY);
                if fit(&rules, t, o, &c, None).is_some() {
                    assert!(
                        l.after + a.weight > l.capacity,
                        "{} fits {}",
                        a.threat,
                        o.name
                    );
                }
            }
        }
    }

    /// Threats, officers, current allocations and the mode.
    type Case = (Vec<Threat>, Vec<Officer>, Vec<(String, i64)>, Mode);

    fn arb_case() -> impl Strategy<Value = Case> {
        let crime = prop::sample::select(vec![
            DrugsCountyLines,
            MshtLabour,
            ChildCriminalExploitation,
            Fraud,
            CrimeType::Other,
        ]);
        let threat_s = (
            prop::collection::vec(crime, 1..3),
            prop::option::weighted(0.85, 1.0f64..100.0),
        );
        let skill = prop::sample::select(vec![
            "county_lines",
            "modern_slavery",
            "child_exploitation",
            "economic_crime",
        ]);
        let officer_s = (
            prop::collection::btree_set(skill, 0..3),
            0u32..7,
            0u8..3,
            prop::bool::weighted(0.9),
        );
        (
            prop::collection::vec(threat_s, 1..7),
            prop::collection::vec(officer_s, 1..4),
            prop::collection::vec((0usize..7, 0usize..4), 0..5),
            prop::bool::ANY,
        )
            .prop_map(|(ts, os, cur, rebalance)| {
                let threats: Vec<Threat> = ts
                    .into_iter()
                    .enumerate()
                    .map(|(i, (c, h))| threat(&format!("grp_{i:04}"), &c, h.map(|x| x.round())))
                    .collect();
                let officers: Vec<Officer> = os
                    .into_iter()
                    .enumerate()
                    .map(|(j, (skills, cap, training, active))| {
                        let skills: Vec<&str> = skills.into_iter().collect();
                        let mut o = officer(
                            j as i64 + 1,
                            &skills,
                            cap,
                            (training == 0).then_some(date!(2025 - 06 - 01)),
                        );
                        if training == 1 {
                            o.mentored_by.push(Mentoring {
                                mentor: OfficerId(99),
                                started_on: date!(2026 - 09 - 01),
                                ended_on: None,
                                sessions: vec![date!(2026 - 11 - 25)],
                            });
                        }
                        o.active = active;
                        o
                    })
                    .collect();
                let current = cur
                    .into_iter()
                    .filter(|(t, o)| *t < threats.len() && *o < officers.len())
                    .map(|(t, o)| (threats[t].id.to_string(), o as i64 + 1))
                    .collect::<BTreeMap<_, _>>()
                    .into_iter()
                    .collect();
                let mode = if rebalance {
                    Mode::Rebalance
                } else {
                    Mode::Unallocated
                };
                (threats, officers, current, mode)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn the_solver_matches_brute_force((threats, officers, current, mode) in arb_case()) {
            let current: Vec<(&str, i64)> = current.iter().map(|(t, o)| (t.as_str(), *o)).collect();
            check(&threats, &officers, &current, mode);
        }
    }
}
