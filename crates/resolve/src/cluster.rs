//! Clustering that resists chaining. Candidate pairs scoring over the threshold join records into
//! *components*; within a component, clusters are merged along those pairs strongest first, but
//! only when the average match weight over *every* pair across the two clusters favours the same
//! person ([`crate::Settings::merge_weight`]). A single weak link between two strong clusters is outvoted by all the pairs that
//! disagree, so two different people who share one ambiguous mention stay apart.
//!
//! Analysts' decisions are constraints: a must-link always merges (unless it would break a
//! cannot-link) and a cannot-link never does. A component is clustered from its members alone,
//! in an order fixed by their mention ids, so the same component always gives the same clusters
//! however it was reached.

use crate::compare::Prepared;
use crate::model::Scorer;
use std::collections::{HashMap, HashSet};

/// Union–find over record indices.
#[derive(Debug, Clone)]
pub struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    pub fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n as u32).collect(),
        }
    }

    pub fn grow(&mut self, n: usize) {
        let start = self.parent.len() as u32;
        self.parent.extend(start..n as u32);
    }

    pub fn find(&mut self, x: u32) -> u32 {
        let mut root = x;
        while self.parent[root as usize] != root {
            root = self.parent[root as usize];
        }
        let mut x = x;
        while self.parent[x as usize] != root {
            let next = self.parent[x as usize];
            self.parent[x as usize] = root;
            x = next;
        }
        root
    }

    pub fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi as usize] = lo;
        }
    }
}

/// Analysts' decisions as pairs of record indices.
#[derive(Debug, Clone, Default)]
pub struct Constraints {
    pub must_link: Vec<(u32, u32)>,
    pub cannot_link: HashSet<(u32, u32)>,
}

impl Constraints {
    pub fn forbids(&self, a: u32, b: u32) -> bool {
        self.cannot_link.contains(&(a.min(b), a.max(b)))
    }
}

/// Clusters one component. `members` are global record indices; `edges` are the candidate
/// pairs within the component whose weight clears the threshold. Two clusters joined by an edge
/// merge when the mean match weight over every pair across them reaches `average`.
pub fn cluster_component(
    records: &[Prepared],
    scorer: &Scorer<'_>,
    members: &[u32],
    mut edges: Vec<(u32, u32, f64)>,
    constraints: &Constraints,
    average: f64,
) -> Vec<Vec<u32>> {
    if members.len() == 1 {
        return vec![members.to_vec()];
    }
    // A fixed order: by mention id.
    let mut order: Vec<u32> = members.to_vec();
    order.sort_by(|a, b| {
        records[*a as usize]
            .record
            .mention
            .cmp(&records[*b as usize].record.mention)
    });
    let local: HashMap<u32, usize> = order.iter().enumerate().map(|(l, g)| (*g, l)).collect();
    let mut cluster_of: Vec<usize> = (0..order.len()).collect();
    let mut clusters: Vec<Vec<usize>> = (0..order.len()).map(|l| vec![l]).collect();
    let mut cache: HashMap<(usize, usize), f64> = HashMap::new();
    for &(a, b, w) in &edges {
        let (x, y) = (local[&a], local[&b]);
        cache.insert((x.min(y), x.max(y)), w);
    }
    let forbidden = |ca: &[usize], cb: &[usize]| {
        ca.iter()
            .any(|&x| cb.iter().any(|&y| constraints.forbids(order[x], order[y])))
    };
    // Two people one report lists separately are never joined by the evidence (an analyst's
    // must-link still joins them).
    let listed_apart = |ca: &[usize], cb: &[usize]| {
        ca.iter().any(|&x| {
            cb.iter().any(|&y| {
                crate::compare::same_report(
                    &records[order[x] as usize],
                    &records[order[y] as usize],
                )
            })
        })
    };
    let merge =
        |clusters: &mut Vec<Vec<usize>>, cluster_of: &mut Vec<usize>, a: usize, b: usize| {
            let (keep, gone) = (a.min(b), a.max(b));
            let moved = std::mem::take(&mut clusters[gone]);
            for &x in &moved {
                cluster_of[x] = keep;
            }
            clusters[keep].extend(moved);
        };

    // Decisions first.
    let mut must: Vec<(usize, usize)> = constraints
        .must_link
        .iter()
        .filter_map(|(a, b)| Some((*local.get(a)?, *local.get(b)?)))
        .map(|(x, y)| (x.min(y), x.max(y)))
        .collect();
    must.sort_unstable();
    for (x, y) in must {
        let (ca, cb) = (cluster_of[x], cluster_of[y]);
        if ca != cb && !forbidden(&clusters[ca], &clusters[cb]) {
            merge(&mut clusters, &mut cluster_of, ca, cb);
        }
    }

    // Then the evidence, strongest first.
    edges.sort_by(|p, q| {
        q.2.total_cmp(&p.2).then_with(|| {
            let key = |e: &(u32, u32, f64)| {
                let (x, y) = (local[&e.0], local[&e.1]);
                (x.min(y), x.max(y))
            };
            key(p).cmp(&key(q))
        })
    });
    for &(a, b, _) in &edges {
        let (ca, cb) = (cluster_of[local[&a]], cluster_of[local[&b]]);
        if ca == cb
            || forbidden(&clusters[ca], &clusters[cb])
            || listed_apart(&clusters[ca], &clusters[cb])
        {
            continue;
        }
        let mut total = 0.0;
        let mut count = 0.0;
        for &x in &clusters[ca] {
            for &y in &clusters[cb] {
                let key = (x.min(y), x.max(y));
                let w = *cache.entry(key).or_insert_with(|| {
                    scorer.weight(&records[order[x] as usize], &records[order[y] as usize])
                });
                total += w;
                count += 1.0;
            }
        }
        if total / count >= average {
            merge(&mut clusters, &mut cluster_of, ca, cb);
        }
    }
    clusters
        .into_iter()
        .filter(|c| !c.is_empty())
        .map(|c| {
            let mut g: Vec<u32> = c.into_iter().map(|l| order[l]).collect();
            g.sort_unstable();
            g
        })
        .collect()
}
