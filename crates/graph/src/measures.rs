//! The analyst's measures on a [`Csr`]: connected components, degree and strength, PageRank,
//! eigenvector and betweenness centrality.
//!
//! Everything here is deterministic: parallel loops either compute each node's value on one
//! thread, or add partial sums over fixed chunks in a fixed order, so a figure does not change
//! with the number of threads.

use crate::csr::Csr;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

/// Nodes per chunk when partial sums are added in a fixed order.
const CHUNK: usize = 4096;

/// Sums `f(v)` over all nodes, in parallel, the same way whatever the number of threads.
fn fixed_sum(n: usize, f: impl Fn(usize) -> f64 + Sync) -> f64 {
    let partial: Vec<f64> = (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .map(|c| (c * CHUNK..((c + 1) * CHUNK).min(n)).map(&f).sum())
        .collect();
    partial.iter().sum()
}

/// Connected components: each node's component, numbered `0..count` in order of each
/// component's first node, and the count.
pub fn components(g: &Csr) -> (Vec<u32>, usize) {
    let n = g.node_count();
    let mut component = vec![u32::MAX; n];
    let mut count = 0u32;
    let mut stack: Vec<u32> = Vec::new();
    for start in 0..n {
        if component[start] != u32::MAX {
            continue;
        }
        component[start] = count;
        stack.push(start as u32);
        while let Some(v) = stack.pop() {
            for &u in g.row(v as usize).0 {
                if component[u as usize] == u32::MAX {
                    component[u as usize] = count;
                    stack.push(u);
                }
            }
        }
        count += 1;
    }
    (component, count as usize)
}

/// How PageRank runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageRankConfig {
    /// The probability of following a link rather than jumping anywhere.
    pub damping: f64,
    /// Iteration stops when the scores change by less than this in total (L1).
    pub tolerance: f64,
    pub max_iterations: u32,
}

impl Default for PageRankConfig {
    fn default() -> PageRankConfig {
        PageRankConfig {
            damping: 0.85,
            tolerance: 1e-10,
            max_iterations: 1000,
        }
    }
}

/// PageRank scores (summing to 1) and the iterations they took.
#[derive(Debug, Clone, PartialEq)]
pub struct PageRank {
    pub scores: Vec<f64>,
    pub iterations: u32,
}

/// Weighted PageRank on the undirected graph: a walker follows an edge with probability
/// proportional to its weight; from a node with no edges it jumps anywhere.
pub fn pagerank(g: &Csr, config: &PageRankConfig) -> PageRank {
    let n = g.node_count();
    if n == 0 {
        return PageRank {
            scores: Vec::new(),
            iterations: 0,
        };
    }
    let d = config.damping;
    let mut x = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    let mut share = vec![0.0; n];
    let mut iterations = 0;
    while iterations < config.max_iterations {
        iterations += 1;
        share.par_iter_mut().enumerate().for_each(|(v, s)| {
            let k = g.strength(v);
            *s = if k > 0.0 { x[v] / k } else { 0.0 };
        });
        let dangling = fixed_sum(n, |v| if g.strength(v) > 0.0 { 0.0 } else { x[v] });
        let base = (1.0 - d) / n as f64 + d * dangling / n as f64;
        next.par_iter_mut().enumerate().for_each(|(v, out)| {
            let (targets, weights) = g.row(v);
            let mut sum = 2.0 * g.self_loop(v) * share[v];
            match weights {
                None => {
                    for &u in targets {
                        sum += share[u as usize];
                    }
                }
                Some(w) => {
                    for (&u, &w) in targets.iter().zip(w) {
                        sum += w * share[u as usize];
                    }
                }
            }
            *out = base + d * sum;
        });
        let change = fixed_sum(n, |v| (next[v] - x[v]).abs());
        std::mem::swap(&mut x, &mut next);
        if change < config.tolerance {
            break;
        }
    }
    PageRank {
        scores: x,
        iterations,
    }
}

/// Eigenvector centrality: the principal eigenvector of the weighted adjacency matrix, scaled
/// so that the highest score is 1. Iterates on `A + I`, which has the same principal
/// eigenvector but, unlike `A`, converges on bipartite graphs — and a graph of people and the
/// phones, vehicles and places they use is close to bipartite.
pub fn eigenvector(g: &Csr, tolerance: f64, max_iterations: u32) -> Vec<f64> {
    let n = g.node_count();
    let mut x: Vec<f64> = (0..n).map(|v| g.strength(v) + 1.0).collect();
    normalise_max(&mut x);
    let mut next = vec![0.0; n];
    for _ in 0..max_iterations {
        next.par_iter_mut().enumerate().for_each(|(v, out)| {
            let mut sum = x[v] + 2.0 * g.self_loop(v) * x[v];
            for (u, w) in g.neighbours(v) {
                sum += w * x[u];
            }
            *out = sum;
        });
        normalise_max(&mut next);
        let change = next
            .iter()
            .zip(&x)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        std::mem::swap(&mut x, &mut next);
        if change < tolerance {
            break;
        }
    }
    // Isolated nodes keep only the identity's share; they have no centrality.
    for (v, s) in x.iter_mut().enumerate() {
        if g.degree(v) == 0 {
            *s = 0.0;
        }
    }
    x
}

fn normalise_max(x: &mut [f64]) {
    let max = x.iter().cloned().fold(0.0, f64::max);
    if max > 0.0 {
        x.iter_mut().for_each(|v| *v /= max);
    }
}

/// What a path's length counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PathCost {
    /// Every link counts 1.
    Hops,
    /// A link costs the inverse of its weight: strong evidence makes a short link.
    InverseWeight,
}

impl PathCost {
    pub(crate) fn of(self, weight: f64) -> f64 {
        match self {
            PathCost::Hops => 1.0,
            PathCost::InverseWeight => 1.0 / weight,
        }
    }
}

/// A distance in a priority queue, smallest first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Queued {
    pub distance: f64,
    pub node: u32,
}

impl Eq for Queued {}

impl Ord for Queued {
    fn cmp(&self, other: &Queued) -> Ordering {
        other
            .distance
            .total_cmp(&self.distance)
            .then_with(|| other.node.cmp(&self.node))
    }
}

impl PartialOrd for Queued {
    fn partial_cmp(&self, other: &Queued) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Betweenness centrality (Brandes): for each node, the share of shortest paths between other
/// pairs that pass through it, each unordered pair counted once. Sources are processed in
/// parallel in fixed chunks whose contributions are added in order.
pub fn betweenness(g: &Csr, cost: PathCost) -> Vec<f64> {
    let n = g.node_count();
    let chunks = n.div_ceil(64).max(1);
    let partial: Vec<Vec<f64>> = (0..chunks)
        .into_par_iter()
        .map(|c| {
            let mut acc = vec![0.0; n];
            let mut state = Brandes::new(n);
            for s in c * 64..((c + 1) * 64).min(n) {
                state.add_source(g, s, cost, &mut acc);
            }
            acc
        })
        .collect();
    let mut total = vec![0.0; n];
    for p in partial {
        for (t, v) in total.iter_mut().zip(p) {
            *t += v;
        }
    }
    // Each unordered pair was counted from both ends.
    total.iter_mut().for_each(|v| *v /= 2.0);
    total
}

/// Working state of one Brandes single-source pass, reused across sources.
struct Brandes {
    sigma: Vec<f64>,
    distance: Vec<f64>,
    delta: Vec<f64>,
    predecessors: Vec<Vec<u32>>,
    order: Vec<u32>,
}

impl Brandes {
    fn new(n: usize) -> Brandes {
        Brandes {
            sigma: vec![0.0; n],
            distance: vec![f64::INFINITY; n],
            delta: vec![0.0; n],
            predecessors: vec![Vec::new(); n],
            order: Vec::with_capacity(n),
        }
    }

    fn add_source(&mut self, g: &Csr, s: usize, cost: PathCost, acc: &mut [f64]) {
        for &v in &self.order {
            let v = v as usize;
            self.sigma[v] = 0.0;
            self.distance[v] = f64::INFINITY;
            self.delta[v] = 0.0;
            self.predecessors[v].clear();
        }
        self.order.clear();
        self.sigma[s] = 1.0;
        self.distance[s] = 0.0;
        // Relative tolerance for equal path lengths under inverse weights.
        let same = |a: f64, b: f64| (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0);
        match cost {
            PathCost::Hops => {
                let mut queue = VecDeque::from([s as u32]);
                while let Some(v) = queue.pop_front() {
                    let v = v as usize;
                    self.order.push(v as u32);
                    for &u in g.row(v).0 {
                        let u = u as usize;
                        if self.distance[u].is_infinite() {
                            self.distance[u] = self.distance[v] + 1.0;
                            queue.push_back(u as u32);
                        }
                        if self.distance[u] == self.distance[v] + 1.0 {
                            self.sigma[u] += self.sigma[v];
                            self.predecessors[u].push(v as u32);
                        }
                    }
                }
            }
            PathCost::InverseWeight => {
                let mut heap = BinaryHeap::from([Queued {
                    distance: 0.0,
                    node: s as u32,
                }]);
                let mut done = vec![false; g.node_count()];
                while let Some(Queued { distance, node }) = heap.pop() {
                    let v = node as usize;
                    if done[v] || distance > self.distance[v] {
                        continue;
                    }
                    done[v] = true;
                    self.order.push(v as u32);
                    for (u, w) in g.neighbours(v) {
                        let through = distance + cost.of(w);
                        if self.distance[u].is_infinite()
                            || (through < self.distance[u] && !same(through, self.distance[u]))
                        {
                            self.distance[u] = through;
                            self.sigma[u] = self.sigma[v];
                            self.predecessors[u].clear();
                            self.predecessors[u].push(v as u32);
                            heap.push(Queued {
                                distance: through,
                                node: u as u32,
                            });
                        } else if same(through, self.distance[u]) && !done[u] {
                            self.sigma[u] += self.sigma[v];
                            self.predecessors[u].push(v as u32);
                        }
                    }
                }
            }
        }
        for i in (0..self.order.len()).rev() {
            let w = self.order[i] as usize;
            for &v in &self.predecessors[w] {
                let v = v as usize;
                self.delta[v] += self.sigma[v] / self.sigma[w] * (1.0 + self.delta[w]);
            }
            if w != s {
                acc[w] += self.delta[w];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn components_number_in_node_order() {
        let g = Csr::from_edges(6, &[(0, 2), (3, 4), (4, 5)], None);
        assert_eq!(components(&g), (vec![0, 1, 0, 2, 2, 2], 3));
    }

    #[test]
    fn pagerank_of_a_star_favours_its_centre() {
        // Star with centre 0 and 4 leaves: centre (1 - d)/n + d * (sum of leaves' shares).
        let g = Csr::from_edges(5, &[(0, 1), (0, 2), (0, 3), (0, 4)], None);
        let pr = pagerank(&g, &PageRankConfig::default());
        let total: f64 = pr.scores.iter().sum();
        assert!(close(total, 1.0));
        // Closed form: c = (1 - d)/5 + d * 4 * l, l = (1 - d)/5 + d * c / 4.
        let d = 0.85;
        let c = ((1.0 - d) / 5.0 + d * (1.0 - d) * 4.0 / 5.0) / (1.0 - d * d);
        assert!(close(pr.scores[0], c), "{} vs {c}", pr.scores[0]);
    }

    #[test]
    fn betweenness_of_a_path_and_a_bridge() {
        // 0 - 1 - 2 - 3: node 1 lies between (0,2) and (0,3); node 2 between (0,3) and (1,3).
        let g = Csr::from_edges(4, &[(0, 1), (1, 2), (2, 3)], None);
        assert_eq!(betweenness(&g, PathCost::Hops), vec![0.0, 2.0, 2.0, 0.0]);
        // Two routes from 0 to 3: via 1 (strong links) or via 2 (weak links).
        let g = Csr::from_edges(
            4,
            &[(0, 1), (1, 3), (0, 2), (2, 3)],
            Some(&[2.0, 2.0, 0.5, 0.5]),
        );
        assert_eq!(betweenness(&g, PathCost::Hops), vec![0.5, 0.5, 0.5, 0.5]);
        // Under inverse weights 0-1-3 (cost 1) beats 0-2-3 (cost 4); 1 and 2 are joined at
        // equal cost through 0 and through 3.
        let b = betweenness(&g, PathCost::InverseWeight);
        assert_eq!(b, vec![0.5, 1.0, 0.0, 0.5]);
    }

    #[test]
    fn eigenvector_converges_on_a_bipartite_star() {
        let g = Csr::from_edges(5, &[(0, 1), (0, 2), (0, 3), (0, 4)], None);
        let e = eigenvector(&g, 1e-12, 10_000);
        assert!(close(e[0], 1.0));
        // Principal eigenvector of a star with 4 leaves: leaves are 1/2 of the centre.
        assert!(close(e[1], 0.5), "{e:?}");
    }
}
