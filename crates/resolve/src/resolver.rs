//! The resolved picture of persons, built whole or grown report by report.
//!
//! A full build compares every candidate pair once. Adding records compares only the new records
//! with their candidates, then works out again just the components they touch (and any whose
//! blocks grew past the size limit): the rest of the picture is left as it was. Because a
//! component is always clustered from its own members in a fixed order, adding records one
//! report at a time gives exactly the clusters a full build over the same records gives — which
//! the tests check.

use crate::Settings;
use crate::blocking::{BlockIndex, BlockingReport};
use crate::cluster::{Constraints, UnionFind, cluster_component};
use crate::compare::{Comparison, Prepared, compare};
use crate::model::{Explanation, Model};
use crate::record::PersonRecord;
use crate::train::{TrainingReport, train};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A link between two records with its match weight.
type Edge = (u32, u32, f64);

/// Analysts' decisions, by mention id: pairs that are the same person and pairs that are not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decisions {
    pub same: Vec<(String, String)>,
    pub different: Vec<(String, String)>,
}

/// What a build did.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BuildReport {
    pub blocking: BlockingReport,
    /// Candidate pairs over the threshold.
    pub links: u64,
    pub components: u64,
    pub clusters: u64,
    pub largest_component: u64,
}

/// What adding records changed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct AddReport {
    pub added: u64,
    /// Candidate pairs the new records were compared in.
    pub compared: u64,
    /// Records whose component was worked out again.
    pub reclustered: u64,
}

/// The picture: records, the components that join them and the clusters within.
pub struct Resolver {
    settings: Settings,
    model: Model,
    records: Vec<Prepared>,
    by_mention: HashMap<String, u32>,
    index: BlockIndex,
    /// Component id (its smallest member) of each record.
    component: Vec<u32>,
    /// Cluster id (its smallest member) of each record.
    cluster: Vec<u32>,
    decisions: Decisions,
    constraints: Constraints,
}

impl Resolver {
    /// An empty picture with a trained model.
    pub fn new(model: Model, settings: Settings) -> Resolver {
        Resolver {
            index: BlockIndex::build(&[], &settings),
            settings,
            model,
            records: Vec::new(),
            by_mention: HashMap::new(),
            component: Vec::new(),
            cluster: Vec::new(),
            decisions: Decisions::default(),
            constraints: Constraints::default(),
        }
    }

    /// Builds the whole picture at once with a trained model.
    pub fn build(
        records: Vec<PersonRecord>,
        model: Model,
        settings: Settings,
        decisions: Decisions,
    ) -> (Resolver, BuildReport) {
        let prepared: Vec<Prepared> = Prepared::all(records);
        let index = BlockIndex::build(&prepared, &settings);
        let (pairs, blocking) = index.all_pairs(&settings, &prepared);
        let comparisons = compare_all(&prepared, &pairs);
        Resolver::build_prepared(
            prepared,
            index,
            &pairs,
            &comparisons,
            blocking,
            model,
            settings,
            decisions,
        )
    }

    /// Trains a model on the records and builds the picture with it, preparing, indexing and
    /// blocking once for both.
    pub fn train_and_build(
        records: Vec<PersonRecord>,
        settings: Settings,
        decisions: Decisions,
    ) -> (Resolver, TrainingReport, BuildReport) {
        let t = std::time::Instant::now();
        let dbg = std::env::var("RTIME").is_ok();
        let prepared: Vec<Prepared> = Prepared::all(records);
        if dbg {
            eprintln!("prepare {:.2}", t.elapsed().as_secs_f64());
        }
        let index = BlockIndex::build(&prepared, &settings);
        if dbg {
            eprintln!("index {:.2}", t.elapsed().as_secs_f64());
        }
        let (pairs, blocking) = index.all_pairs(&settings, &prepared);
        if dbg {
            eprintln!("pairs {:.2}", t.elapsed().as_secs_f64());
        }
        let comparisons = compare_all(&prepared, &pairs);
        if dbg {
            eprintln!("compare {:.2}", t.elapsed().as_secs_f64());
        }
        let (model, training) = train(&prepared, &pairs, &comparisons, &settings);
        if dbg {
            eprintln!("train {:.2}", t.elapsed().as_secs_f64());
        }
        let (resolver, build) = Resolver::build_prepared(
            prepared,
            index,
            &pairs,
            &comparisons,
            blocking,
            model,
            settings,
            decisions,
        );
        (resolver, training, build)
    }

    #[allow(clippy::too_many_arguments)]
    fn build_prepared(
        mut prepared: Vec<Prepared>,
        index: BlockIndex,
        pairs: &[(u32, u32, u16)],
        comparisons: &[Comparison],
        blocking: BlockingReport,
        model: Model,
        settings: Settings,
        decisions: Decisions,
    ) -> (Resolver, BuildReport) {
        model.set_tf(&mut prepared);
        let mut r = Resolver {
            by_mention: prepared
                .iter()
                .enumerate()
                .map(|(i, p)| (p.record.mention.clone(), i as u32))
                .collect(),
            component: (0..prepared.len() as u32).collect(),
            cluster: (0..prepared.len() as u32).collect(),
            records: prepared,
            index,
            settings,
            model,
            decisions: Decisions::default(),
            constraints: Constraints::default(),
        };
        r.set_constraints(decisions);
        let t = std::time::Instant::now();
        let dbg = std::env::var("RTIME").is_ok();
        let edges = r.score_compared(pairs, comparisons);
        if dbg {
            eprintln!("  score {:.2}", t.elapsed().as_secs_f64());
        }
        let links = edges.len() as u64;
        let all: Vec<u32> = (0..r.records.len() as u32).collect();
        let (components, largest) = r.recluster(&all, edges);
        if dbg {
            eprintln!("  recluster {:.2}", t.elapsed().as_secs_f64());
        }
        let clusters = r.cluster_count();
        (
            r,
            BuildReport {
                blocking,
                links,
                components,
                clusters,
                largest_component: largest,
            },
        )
    }

    /// Scores pairs and keeps those over the threshold.
    fn score(&self, pairs: &[(u32, u32)]) -> Vec<(u32, u32, f64)> {
        let scorer = self.model.scorer();
        let threshold = self.settings.threshold_weight();
        pairs
            .par_chunks(4096)
            .flat_map_iter(|chunk| {
                chunk.iter().filter_map(|&(i, j)| {
                    let w = scorer.weight(&self.records[i as usize], &self.records[j as usize]);
                    (w >= threshold).then_some((i, j, w))
                })
            })
            .collect()
    }

    /// Keeps the already compared pairs over the threshold.
    fn score_compared(
        &self,
        pairs: &[(u32, u32, u16)],
        comparisons: &[Comparison],
    ) -> Vec<(u32, u32, f64)> {
        let scorer = self.model.scorer();
        let threshold = self.settings.threshold_weight();
        pairs
            .par_iter()
            .zip(comparisons.par_iter())
            .filter_map(|(&(i, j, _), c)| {
                let w = scorer.weight_of(&self.records[i as usize], &self.records[j as usize], c);
                (w >= threshold).then_some((i, j, w))
            })
            .collect()
    }

    /// Works out components and clusters again for `members` (a set closed under links), given
    /// all links among them. Returns the number of components and the largest.
    fn recluster(&mut self, members: &[u32], edges: Vec<(u32, u32, f64)>) -> (u64, u64) {
        let mut uf = UnionFind::new(self.records.len());
        for &(a, b, _) in &edges {
            uf.union(a, b);
        }
        let in_set: HashSet<u32> = members.iter().copied().collect();
        for &(a, b) in &self.constraints.must_link {
            if in_set.contains(&a) && in_set.contains(&b) {
                uf.union(a, b);
            }
        }
        let mut groups: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for &m in members {
            groups.entry(uf.find(m)).or_default().push(m);
        }
        let mut group_edges: HashMap<u32, Vec<(u32, u32, f64)>> = HashMap::new();
        for e in edges {
            group_edges.entry(uf.find(e.0)).or_default().push(e);
        }
        let largest = groups.values().map(|g| g.len() as u64).max().unwrap_or(0);
        let count = groups.len() as u64;
        let work: Vec<(Vec<u32>, Vec<Edge>)> = groups
            .into_iter()
            .map(|(root, g)| (g, group_edges.remove(&root).unwrap_or_default()))
            .collect();
        let scorer = self.model.scorer();
        let average = self.settings.merge_weight;
        let records = &self.records;
        let constraints = &self.constraints;
        let results: Vec<(Vec<u32>, Vec<Vec<u32>>)> = work
            .into_par_iter()
            .map(|(g, e)| {
                let clusters = cluster_component(records, &scorer, &g, e, constraints, average);
                (g, clusters)
            })
            .collect();
        for (g, clusters) in results {
            let component = *g.iter().min().unwrap_or(&0);
            for m in &g {
                self.component[*m as usize] = component;
            }
            for c in clusters {
                let id = *c.iter().min().unwrap_or(&0);
                for m in c {
                    self.cluster[m as usize] = id;
                }
            }
        }
        (count, largest)
    }

    /// Members of the components of `seeds`.
    fn components_of(&self, seeds: impl IntoIterator<Item = u32>) -> Vec<u32> {
        let roots: HashSet<u32> = seeds
            .into_iter()
            .map(|s| self.component[s as usize])
            .collect();
        (0..self.records.len() as u32)
            .filter(|i| roots.contains(&self.component[*i as usize]))
            .collect()
    }

    /// Links among `members`, by the same blocking and threshold as a full build.
    fn links_within(&self, members: &[u32]) -> Vec<(u32, u32, f64)> {
        let set: HashSet<u32> = members.iter().copied().collect();
        let pairs: Vec<(u32, u32)> = members
            .par_iter()
            .flat_map_iter(|&i| {
                self.index
                    .candidates_of(&self.records, i as usize, &self.settings)
                    .into_iter()
                    .filter(|j| *j > i && set.contains(j))
                    .map(move |j| (i, j))
                    .collect::<Vec<_>>()
            })
            .collect();
        self.score(&pairs)
    }

    /// Picks up a picture saved earlier: `known` records with the person and component each was
    /// assigned (`previous`, which also holds mentions that have since gone), then adds the
    /// `new` records. Components that lost members since, those holding decided mentions, and
    /// those of the mentions in `recheck` (say, of decisions since withdrawn) are worked out
    /// again; everything else stays as saved.
    pub fn restore(
        known: Vec<PersonRecord>,
        new: Vec<PersonRecord>,
        previous: &HashMap<String, (String, String)>,
        recheck: &[String],
        model: Model,
        settings: Settings,
        decisions: Decisions,
    ) -> (Resolver, AddReport) {
        let mut r = Resolver::new(model, settings);
        let mut prepared: Vec<Prepared> = Prepared::all(known);
        r.model.set_tf(&mut prepared);
        let mut first_of_person: HashMap<&str, u32> = HashMap::new();
        let mut first_of_component: HashMap<&str, u32> = HashMap::new();
        let mut present: HashMap<&str, usize> = HashMap::new();
        for (i, p) in prepared.iter().enumerate() {
            let i = i as u32;
            let (person, component) = previous
                .get(&p.record.mention)
                .map(|(a, b)| (a.as_str(), b.as_str()))
                .unwrap_or(("", ""));
            r.cluster.push(*first_of_person.entry(person).or_insert(i));
            r.component
                .push(*first_of_component.entry(component).or_insert(i));
            *present.entry(component).or_default() += 1;
        }
        // Components whose saved members are not all here any more.
        let mut saved: HashMap<&str, usize> = HashMap::new();
        for (_, component) in previous.values() {
            *saved.entry(component.as_str()).or_default() += 1;
        }
        let dirty: Vec<u32> = first_of_component
            .iter()
            .filter(|(c, _)| saved.get(*c) != present.get(*c))
            .map(|(_, i)| *i)
            .collect();
        r.by_mention = prepared
            .iter()
            .enumerate()
            .map(|(i, p)| (p.record.mention.clone(), i as u32))
            .collect();
        r.index = BlockIndex::build(&prepared, &r.settings);
        r.records = prepared;
        r.set_constraints(decisions);
        let mut seeds = dirty;
        for &(a, b) in r.constraints.must_link.iter() {
            seeds.push(a);
            seeds.push(b);
        }
        for &(a, b) in r.constraints.cannot_link.iter() {
            seeds.push(a);
            seeds.push(b);
        }
        seeds.extend(recheck.iter().filter_map(|m| r.by_mention.get(m).copied()));
        let report = r.add_with(new, seeds);
        (r, report)
    }

    /// Adds records (new reports' mentions) to the picture, comparing only what they touch.
    pub fn add(&mut self, records: Vec<PersonRecord>) -> AddReport {
        self.add_with(records, Vec::new())
    }

    /// Adds records and works out again, besides what they touch, the components of `seeds`.
    fn add_with(&mut self, records: Vec<PersonRecord>, extra_seeds: Vec<u32>) -> AddReport {
        let first = self.records.len();
        let mut report = AddReport {
            added: records.len() as u64,
            ..AddReport::default()
        };
        for (k, r) in records.into_iter().enumerate() {
            let i = (first + k) as u32;
            self.by_mention.insert(r.mention.clone(), i);
            let mut p = Prepared::new(r);
            self.model.set_tf(std::slice::from_mut(&mut p));
            self.records.push(p);
            self.component.push(i);
            self.cluster.push(i);
        }
        self.index.extend(&self.records, first, &self.settings);
        self.constraints = resolve_constraints(&self.decisions, &self.by_mention);

        // The new records' links decide which existing components they touch.
        let new: Vec<u32> = (first as u32..self.records.len() as u32).collect();
        let pairs: Vec<(u32, u32)> = new
            .iter()
            .flat_map(|&i| {
                self.index
                    .candidates_of(&self.records, i as usize, &self.settings)
                    .into_iter()
                    // Old records, and new ones after this one (each new pair once).
                    .filter(move |&j| (j as usize) < first || j > i)
                    .map(move |j| (i.min(j), i.max(j)))
            })
            .collect();
        report.compared = pairs.len() as u64;
        let links = self.score(&pairs);
        let mut seeds: Vec<u32> = new.clone();
        seeds.extend(extra_seeds);
        for &(a, b, _) in &links {
            seeds.push(a);
            seeds.push(b);
        }
        seeds.extend(self.index.newly_oversized(first, &self.settings));
        for &(a, b) in &self.constraints.must_link {
            if a as usize >= first || b as usize >= first {
                seeds.push(a);
                seeds.push(b);
            }
        }
        let members = self.closure(seeds);
        report.reclustered = members.len() as u64;
        let edges = self.links_within(&members);
        self.recluster(&members, edges);
        report
    }

    /// The components of `seeds`, widened by must-links until closed.
    fn closure(&self, seeds: Vec<u32>) -> Vec<u32> {
        let mut members = self.components_of(seeds);
        loop {
            let set: HashSet<u32> = members.iter().copied().collect();
            let mut extra: Vec<u32> = Vec::new();
            for &(a, b) in &self.constraints.must_link {
                if set.contains(&a) != set.contains(&b) {
                    extra.push(a);
                    extra.push(b);
                }
            }
            if extra.is_empty() {
                return members;
            }
            extra.extend(members);
            members = self.components_of(extra);
        }
    }

    fn set_constraints(&mut self, decisions: Decisions) {
        self.decisions = decisions;
        self.constraints = resolve_constraints(&self.decisions, &self.by_mention);
    }

    /// Replaces the analysts' decisions and works out again the components they touch, and the
    /// components the old decisions touched.
    pub fn apply_decisions(&mut self, decisions: Decisions) -> u64 {
        let mut seeds: Vec<u32> = Vec::new();
        for (a, b) in self.decisions.same.iter().chain(&self.decisions.different) {
            seeds.extend(self.by_mention.get(a));
            seeds.extend(self.by_mention.get(b));
        }
        self.set_constraints(decisions);
        for (a, b) in self.decisions.same.iter().chain(&self.decisions.different) {
            seeds.extend(self.by_mention.get(a));
            seeds.extend(self.by_mention.get(b));
        }
        let members = self.closure(seeds);
        let edges = self.links_within(&members);
        self.recluster(&members, edges);
        members.len() as u64
    }

    fn cluster_count(&self) -> u64 {
        self.cluster
            .iter()
            .enumerate()
            .filter(|(i, c)| *i as u32 == **c)
            .count() as u64
    }

    /// Every cluster as its mention ids, each cluster sorted, clusters in order of their first
    /// record.
    pub fn clusters(&self) -> Vec<Vec<&str>> {
        let mut groups: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
        for (i, c) in self.cluster.iter().enumerate() {
            groups
                .entry(*c)
                .or_default()
                .push(self.records[i].record.mention.as_str());
        }
        groups
            .into_values()
            .map(|mut g| {
                g.sort_unstable();
                g
            })
            .collect()
    }

    /// Each mention with its cluster's id (the index of the cluster's first record) and its
    /// component's.
    pub fn assignments(&self) -> impl Iterator<Item = (&str, u32, u32)> {
        self.records.iter().enumerate().map(|(i, p)| {
            (
                p.record.mention.as_str(),
                self.cluster[i],
                self.component[i],
            )
        })
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    pub fn record(&self, mention: &str) -> Option<&PersonRecord> {
        self.by_mention
            .get(mention)
            .map(|i| &self.records[*i as usize].record)
    }

    /// Why two mentions are, or are not, the same person.
    pub fn explain(&self, a: &str, b: &str) -> Option<Explanation> {
        let (i, j) = (self.by_mention.get(a)?, self.by_mention.get(b)?);
        Some(
            self.model
                .explain(&self.records[*i as usize], &self.records[*j as usize]),
        )
    }

    /// The mentions in the same cluster as `mention`.
    pub fn cluster_of(&self, mention: &str) -> Vec<&str> {
        let Some(&i) = self.by_mention.get(mention) else {
            return Vec::new();
        };
        let c = self.cluster[i as usize];
        let mut out: Vec<&str> = self
            .cluster
            .iter()
            .enumerate()
            .filter(|(_, x)| **x == c)
            .map(|(k, _)| self.records[k].record.mention.as_str())
            .collect();
        out.sort_unstable();
        out
    }
}

fn resolve_constraints(decisions: &Decisions, by_mention: &HashMap<String, u32>) -> Constraints {
    let mut c = Constraints::default();
    for (a, b) in &decisions.same {
        if let (Some(&i), Some(&j)) = (by_mention.get(a), by_mention.get(b)) {
            c.must_link.push((i.min(j), i.max(j)));
        }
    }
    for (a, b) in &decisions.different {
        if let (Some(&i), Some(&j)) = (by_mention.get(a), by_mention.get(b)) {
            c.cannot_link.insert((i.min(j), i.max(j)));
        }
    }
    c
}

/// Compares every candidate pair once, in parallel.
fn compare_all(records: &[Prepared], pairs: &[(u32, u32, u16)]) -> Vec<Comparison> {
    pairs
        .par_iter()
        .map(|&(i, j, _)| compare(&records[i as usize], &records[j as usize]))
        .collect()
}

/// Gives each cluster a person id, keeping earlier ids stable: a cluster keeps the id most of its
/// mentions had (ties to the smaller id), unless a larger cluster took it first; clusters with no
/// earlier id get new ones, numbered on from `next`. Returns one id per cluster, in order.
pub fn person_ids(
    clusters: &[Vec<&str>],
    previous: &HashMap<String, String>,
    next: &mut u64,
) -> Vec<String> {
    let mut order: Vec<usize> = (0..clusters.len()).collect();
    order.sort_by(|&a, &b| {
        clusters[b]
            .len()
            .cmp(&clusters[a].len())
            .then_with(|| clusters[a].first().cmp(&clusters[b].first()))
    });
    let mut taken: HashSet<String> = HashSet::new();
    let mut ids = vec![String::new(); clusters.len()];
    for c in order {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for m in &clusters[c] {
            if let Some(id) = previous.get(*m) {
                *counts.entry(id.as_str()).or_default() += 1;
            }
        }
        let mut candidates: Vec<(&str, usize)> = counts.into_iter().collect();
        candidates.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let id = candidates
            .into_iter()
            .map(|(id, _)| id.to_string())
            .find(|id| !taken.contains(id))
            .unwrap_or_else(|| {
                *next += 1;
                format!("per_{:06}", *next)
            });
        taken.insert(id.clone());
        ids[c] = id;
    }
    ids
}

/// The number in a person id (`per_000123` → 123).
pub fn person_number(id: &str) -> Option<u64> {
    id.strip_prefix("per_")?.parse().ok()
}
