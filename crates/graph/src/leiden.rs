//! Leiden community detection (Traag, Waltman & van Eck, 2019) with modularity and a
//! resolution parameter as its quality.
//!
//! One iteration is: fast local moving of nodes between communities (a queue of the nodes whose
//! neighbourhood changed), **refinement** of each community into sub-communities that are
//! merged only with well-connected parts of the same community, and **aggregation** of the
//! graph by the refined partition, the aggregate nodes starting in their unrefined community.
//! Levels repeat until local moving leaves every community a single node; iterations repeat
//! until one moves nothing. Refinement is what Louvain lacks: it guarantees that every
//! community found is connected (γ-connected, in the paper's terms), where Louvain can leave a
//! community held together by a node that has since moved away.
//!
//! Determinism: every random choice comes from one ChaCha8 stream seeded by
//! [`LeidenConfig::seed`]; the refinement of each community, which runs in parallel, draws from
//! its own stream derived from that seed and the community's number, so the result does not
//! depend on the number of threads.

use crate::csr::Csr;
use rand::seq::SliceRandom;
use rand::{Rng, RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// How Leiden runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeidenConfig {
    /// γ in modularity `Q = Σ_c [in_c / 2m − γ (K_c / 2m)²]`: above 1 favours smaller
    /// communities, below 1 larger ones.
    pub resolution: f64,
    /// θ of the refinement: a node joins a sub-community with probability proportional to
    /// `exp(gain / θ)`, so 0 is greedy. Gains are in edge-weight units.
    pub randomness: f64,
    pub seed: u64,
    /// Iterations at most; iterating stops earlier when one moves no node.
    pub max_iterations: u32,
}

impl Default for LeidenConfig {
    fn default() -> LeidenConfig {
        LeidenConfig {
            resolution: 1.0,
            randomness: 0.01,
            seed: 42,
            max_iterations: 20,
        }
    }
}

/// A partition of a graph's nodes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Communities {
    /// Each node's community, numbered `0..count` in order of each community's first node.
    pub membership: Vec<u32>,
    pub count: usize,
    /// Modularity of the partition at the configured resolution.
    pub modularity: f64,
    pub iterations: u32,
}

/// Tolerance below which a move's gain is treated as no gain, relative to the node's strength:
/// without it rounding could move a node back and forth between two equally good communities.
const TOLERANCE: f64 = 1e-12;

/// Partitions `graph` into communities by the Leiden algorithm.
pub fn leiden(graph: &Csr, config: &LeidenConfig) -> Communities {
    let n = graph.node_count();
    let mut membership: Vec<u32> = (0..n as u32).collect();
    let mut iterations = 0;
    if graph.total_strength() > 0.0 {
        let scale = config.resolution / graph.total_strength();
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        while iterations < config.max_iterations.max(1) {
            iterations += 1;
            if !iteration(graph, &mut membership, scale, config.randomness, &mut rng) {
                break;
            }
        }
    }
    let count = renumber(&mut membership);
    let modularity = modularity(graph, &membership, config.resolution);
    Communities {
        membership,
        count,
        modularity,
        iterations,
    }
}

/// Modularity of a partition at resolution γ: `Σ_c [in_c / 2m − γ (K_c / 2m)²]`, where `in_c`
/// counts each edge inside community `c` twice and `K_c` sums its nodes' strengths.
pub fn modularity(graph: &Csr, membership: &[u32], resolution: f64) -> f64 {
    let two_m = graph.total_strength();
    if two_m <= 0.0 {
        return 0.0;
    }
    let k = membership
        .iter()
        .map(|&c| c as usize + 1)
        .max()
        .unwrap_or(0);
    let mut inside = vec![0.0; k];
    let mut total = vec![0.0; k];
    for v in 0..graph.node_count() {
        let c = membership[v] as usize;
        total[c] += graph.strength(v);
        inside[c] += 2.0 * graph.self_loop(v);
        for (u, w) in graph.neighbours(v) {
            if membership[u] as usize == c {
                inside[c] += w;
            }
        }
    }
    inside
        .iter()
        .zip(&total)
        .map(|(i, t)| i / two_m - resolution * (t / two_m) * (t / two_m))
        .sum()
}

/// Renumbers communities `0..k` in order of their first node; returns `k`.
fn renumber(membership: &mut [u32]) -> usize {
    let size = membership
        .iter()
        .map(|&c| c as usize + 1)
        .max()
        .unwrap_or(0);
    let mut map = vec![u32::MAX; size];
    let mut next = 0u32;
    for c in membership.iter_mut() {
        let slot = &mut map[*c as usize];
        if *slot == u32::MAX {
            *slot = next;
            next += 1;
        }
        *c = *slot;
    }
    next as usize
}

/// One Leiden iteration from `membership`; returns whether any node moved.
fn iteration(
    graph: &Csr,
    membership: &mut [u32],
    scale: f64,
    randomness: f64,
    rng: &mut ChaCha8Rng,
) -> bool {
    let mut partition = membership.to_vec();
    renumber(&mut partition);
    // The node of the current level that each original node has been aggregated into.
    let mut node_of: Vec<u32> = (0..graph.node_count() as u32).collect();
    let mut aggregated: Option<Csr> = None;
    let mut moved = false;
    loop {
        let g = aggregated.as_ref().unwrap_or(graph);
        moved |= move_nodes(g, &mut partition, scale, rng);
        let communities = renumber(&mut partition);
        if communities == g.node_count() {
            break;
        }
        let (refined, parts) = refine(
            g,
            &partition,
            communities,
            scale,
            randomness,
            rng.next_u64(),
        );
        if parts == g.node_count() {
            // Refinement merged nothing, so aggregating would not shrink the graph.
            break;
        }
        let next_graph = aggregate(g, &refined, parts);
        let mut next = vec![0u32; parts];
        for (v, &r) in refined.iter().enumerate() {
            next[r as usize] = partition[v];
        }
        node_of
            .par_iter_mut()
            .for_each(|x| *x = refined[*x as usize]);
        partition = next;
        aggregated = Some(next_graph);
    }
    membership
        .par_iter_mut()
        .zip(node_of.par_iter())
        .for_each(|(m, &x)| *m = partition[x as usize]);
    moved
}

/// Rows up to this long gather their neighbours' communities into a short list searched
/// linearly, which stays in the first-level cache; longer rows use a dense array.
const SHORT_ROW: usize = 48;

/// A community's total strength and node count, together so one cache line serves both.
#[derive(Debug, Clone, Copy, Default)]
struct CommunityTotals {
    strength: f64,
    size: u32,
}

/// Fast local moving: visits nodes from a queue, moving each to the neighbouring community (or
/// an empty one) that raises modularity most, and queues its neighbours outside that community
/// when it moves. Returns whether any node moved.
fn move_nodes(g: &Csr, partition: &mut [u32], scale: f64, rng: &mut ChaCha8Rng) -> bool {
    let n = g.node_count();
    let mut totals = vec![CommunityTotals::default(); n];
    for (v, &c) in partition.iter().enumerate() {
        totals[c as usize].strength += g.strength(v);
        totals[c as usize].size += 1;
    }
    let mut empty: Vec<u32> = (0..n as u32)
        .rev()
        .filter(|&c| totals[c as usize].size == 0)
        .collect();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.shuffle(rng);
    let mut queue: VecDeque<u32> = order.into();
    // One bit a node: small enough to stay in cache on large graphs.
    let mut queued = vec![u64::MAX; n.div_ceil(64)];
    let mut dense = vec![0.0f64; n];
    let mut neighbour_communities: Vec<u32> = Vec::with_capacity(SHORT_ROW);
    // (community, weight) in order of first appearance among the neighbours.
    let mut weight_to: Vec<(u32, f64)> = Vec::with_capacity(64);
    let mut moved = false;
    while let Some(v) = queue.pop_front() {
        let v = v as usize;
        queued[v / 64] &= !(1u64 << (v % 64));
        let own = partition[v];
        let kv = g.strength(v);
        let (targets, weights) = g.row(v);
        weight_to.clear();
        if targets.len() <= SHORT_ROW {
            // Independent loads first, then the accumulation in cache.
            neighbour_communities.clear();
            neighbour_communities.extend(targets.iter().map(|&u| partition[u as usize]));
            for (i, &c) in neighbour_communities.iter().enumerate() {
                let w = weights.map_or(1.0, |w| w[i]);
                match weight_to.iter_mut().find(|(d, _)| *d == c) {
                    Some((_, sum)) => *sum += w,
                    None => weight_to.push((c, w)),
                }
            }
        } else {
            for (i, &u) in targets.iter().enumerate() {
                let c = partition[u as usize];
                let w = weights.map_or(1.0, |w| w[i]);
                if dense[c as usize] == 0.0 {
                    weight_to.push((c, 0.0));
                }
                dense[c as usize] += w;
            }
            for (c, sum) in weight_to.iter_mut() {
                *sum = dense[*c as usize];
                dense[*c as usize] = 0.0;
            }
        }
        let to_own = weight_to
            .iter()
            .find(|(c, _)| *c == own)
            .map_or(0.0, |(_, w)| *w);
        let own_totals = &mut totals[own as usize];
        own_totals.strength -= kv;
        own_totals.size -= 1;
        let own_left = own_totals.size;
        let mut best = own;
        let mut best_gain = to_own - scale * kv * own_totals.strength;
        let tolerance = TOLERANCE * kv.max(1.0);
        for &(c, w) in &weight_to {
            if c == own {
                continue;
            }
            let gain = w - scale * kv * totals[c as usize].strength;
            if gain > best_gain + tolerance {
                best = c;
                best_gain = gain;
            }
        }
        if best_gain < -tolerance && own_left > 0 {
            // Alone is better than anywhere: v starts a community of its own.
            best = empty
                .pop()
                .expect("with v out of its community, at most n - 1 communities are in use");
        }
        totals[best as usize].strength += kv;
        totals[best as usize].size += 1;
        partition[v] = best;
        if best != own {
            if own_left == 0 {
                empty.push(own);
            }
            moved = true;
            for &u in targets {
                let u = u as usize;
                let bit = 1u64 << (u % 64);
                if queued[u / 64] & bit == 0 && partition[u] != best {
                    queued[u / 64] |= bit;
                    queue.push_back(u as u32);
                }
            }
        }
    }
    moved
}

/// Scratch space for refining communities of up to a given size.
struct RefineScratch {
    inside: Vec<f64>,
    part_strength: Vec<f64>,
    part_outside: Vec<f64>,
    part_size: Vec<u32>,
    weight_to: Vec<f64>,
    touched: Vec<u32>,
    order: Vec<u32>,
    candidates: Vec<(u32, f64)>,
}

impl RefineScratch {
    fn new(size: usize) -> RefineScratch {
        RefineScratch {
            inside: vec![0.0; size],
            part_strength: vec![0.0; size],
            part_outside: vec![0.0; size],
            part_size: vec![0; size],
            weight_to: vec![0.0; size],
            touched: Vec::new(),
            order: Vec::with_capacity(size),
            candidates: Vec::new(),
        }
    }
}

/// Refines each community into well-connected parts. Returns each node's part, numbered
/// `0..parts` community by community, and the number of parts.
fn refine(
    g: &Csr,
    partition: &[u32],
    communities: usize,
    scale: f64,
    randomness: f64,
    seed: u64,
) -> (Vec<u32>, usize) {
    let n = g.node_count();
    // Nodes grouped by community, in node order within each.
    let mut start = vec![0usize; communities + 1];
    for &c in partition {
        start[c as usize + 1] += 1;
    }
    for c in 0..communities {
        start[c + 1] += start[c];
    }
    let mut members = vec![0u32; n];
    let mut position = vec![0u32; n];
    {
        let mut cursor = start.clone();
        for (v, &c) in partition.iter().enumerate() {
            let at = cursor[c as usize];
            members[at] = v as u32;
            position[v] = (at - start[c as usize]) as u32;
            cursor[c as usize] += 1;
        }
    }
    // Local part of each node, laid out like `members`. Pieces of whole communities are refined
    // in parallel.
    let mut local = vec![0u32; n];
    let pieces = split_by_weight(&start, rayon::current_num_threads() * 4);
    let mut slices: Vec<(std::ops::Range<usize>, &mut [u32])> = Vec::with_capacity(pieces.len());
    let mut rest: &mut [u32] = &mut local;
    let mut taken = 0;
    for range in &pieces {
        let (lo, hi) = (start[range.start], start[range.end]);
        let (_, tail) = rest.split_at_mut(lo - taken);
        let (mine, tail) = tail.split_at_mut(hi - lo);
        slices.push((range.clone(), mine));
        rest = tail;
        taken = hi;
    }
    slices.into_par_iter().for_each(|(range, out)| {
        let largest = range
            .clone()
            .map(|c| start[c + 1] - start[c])
            .max()
            .unwrap_or(0);
        let mut scratch = RefineScratch::new(largest);
        let base = start[range.start];
        for c in range {
            let nodes = &members[start[c]..start[c + 1]];
            let out = &mut out[start[c] - base..start[c + 1] - base];
            let mut rng =
                ChaCha8Rng::seed_from_u64(seed ^ (c as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
            refine_community(
                g,
                partition,
                &position,
                c as u32,
                nodes,
                out,
                &mut scratch,
                scale,
                randomness,
                &mut rng,
            );
        }
    });
    // Number parts community by community, in order of first appearance.
    let mut refined = vec![0u32; n];
    let mut next = 0u32;
    let mut map: Vec<u32> = Vec::new();
    for c in 0..communities {
        let (lo, hi) = (start[c], start[c + 1]);
        map.clear();
        map.resize(hi - lo, u32::MAX);
        for i in lo..hi {
            let part = &mut map[local[i] as usize];
            if *part == u32::MAX {
                *part = next;
                next += 1;
            }
            refined[members[i] as usize] = *part;
        }
    }
    (refined, next as usize)
}

/// Splits communities `0..k` (bounded by `start`) into about `pieces` contiguous ranges of
/// similar node counts.
fn split_by_weight(start: &[usize], pieces: usize) -> Vec<std::ops::Range<usize>> {
    let k = start.len() - 1;
    let total = start[k];
    let target = total.div_ceil(pieces.max(1)).max(1);
    let mut ranges = Vec::new();
    let mut from = 0;
    for c in 0..k {
        if start[c + 1] - start[from] >= target || c + 1 == k {
            ranges.push(from..c + 1);
            from = c + 1;
        }
    }
    ranges
}

/// Refines one community: each node that is still alone and well connected to the community
/// may join a well-connected part of it, chosen at random with probability growing with the
/// gain in modularity; never a part whose joining would lower it.
#[allow(clippy::too_many_arguments)]
fn refine_community(
    g: &Csr,
    partition: &[u32],
    position: &[u32],
    community: u32,
    nodes: &[u32],
    out: &mut [u32],
    s: &mut RefineScratch,
    scale: f64,
    randomness: f64,
    rng: &mut ChaCha8Rng,
) {
    let size = nodes.len();
    if size == 1 {
        out[0] = 0;
        return;
    }
    let mut community_strength = 0.0;
    for (i, &v) in nodes.iter().enumerate() {
        let v = v as usize;
        let inside: f64 = g
            .neighbours(v)
            .filter(|&(u, _)| partition[u] == community)
            .map(|(_, w)| w)
            .sum();
        s.inside[i] = inside;
        s.part_strength[i] = g.strength(v);
        s.part_outside[i] = inside;
        s.part_size[i] = 1;
        out[i] = i as u32;
        community_strength += g.strength(v);
    }
    s.order.clear();
    s.order.extend(0..size as u32);
    s.order.shuffle(rng);
    for oi in 0..size {
        let i = s.order[oi] as usize;
        if s.part_size[i] != 1 || out[i] != i as u32 {
            continue;
        }
        let v = nodes[i] as usize;
        let kv = g.strength(v);
        if s.inside[i] < scale * kv * (community_strength - kv) {
            continue;
        }
        for (u, w) in g.neighbours(v) {
            if partition[u] != community {
                continue;
            }
            let part = out[position[u] as usize] as usize;
            if s.weight_to[part] == 0.0 {
                s.touched.push(part as u32);
            }
            s.weight_to[part] += w;
        }
        s.candidates.clear();
        let mut best_gain = f64::NEG_INFINITY;
        for &part in &s.touched {
            let p = part as usize;
            if p == i {
                continue;
            }
            let ks = s.part_strength[p];
            let well_connected = s.part_outside[p] >= scale * ks * (community_strength - ks);
            let gain = s.weight_to[p] - scale * kv * ks;
            if well_connected && gain >= 0.0 {
                s.candidates.push((part, gain));
                best_gain = best_gain.max(gain);
            }
        }
        let chosen = if s.candidates.is_empty() {
            None
        } else if randomness <= 0.0 {
            s.candidates
                .iter()
                .find(|(_, gain)| *gain == best_gain)
                .map(|(p, _)| *p)
        } else {
            let total: f64 = s
                .candidates
                .iter()
                .map(|(_, gain)| ((gain - best_gain) / randomness).exp())
                .sum();
            let mut draw = rng.random::<f64>() * total;
            let mut pick = s.candidates[s.candidates.len() - 1].0;
            for &(p, gain) in &s.candidates {
                draw -= ((gain - best_gain) / randomness).exp();
                if draw <= 0.0 {
                    pick = p;
                    break;
                }
            }
            Some(pick)
        };
        if let Some(part) = chosen {
            let p = part as usize;
            out[i] = part;
            s.part_strength[p] += kv;
            s.part_size[p] += 1;
            s.part_size[i] = 0;
            s.part_strength[i] = 0.0;
            s.part_outside[p] += s.inside[i] - 2.0 * s.weight_to[p];
        }
        for &part in &s.touched {
            s.weight_to[part as usize] = 0.0;
        }
        s.touched.clear();
    }
}

/// Rows built by one piece of the aggregation: row lengths, targets, weights, self-loops.
type Rows = (Vec<usize>, Vec<u32>, Vec<f64>, Vec<f64>);

/// The graph whose nodes are the parts of `refined`: edges between parts summed, edges inside a
/// part become its self-loop, strengths carried over.
fn aggregate(g: &Csr, refined: &[u32], parts: usize) -> Csr {
    let n = g.node_count();
    let mut start = vec![0usize; parts + 1];
    for &r in refined {
        start[r as usize + 1] += 1;
    }
    for r in 0..parts {
        start[r + 1] += start[r];
    }
    let mut members = vec![0u32; n];
    {
        let mut cursor = start.clone();
        for (v, &r) in refined.iter().enumerate() {
            members[cursor[r as usize]] = v as u32;
            cursor[r as usize] += 1;
        }
    }
    let pieces = split_by_weight(&start, rayon::current_num_threads() * 2);
    // Each piece builds its rows alone; pieces are joined in order.
    let built: Vec<Rows> = pieces
        .into_par_iter()
        .map(|range| {
            let mut weight_to = vec![0.0f64; parts];
            let mut touched: Vec<u32> = Vec::new();
            let mut lengths = Vec::with_capacity(range.len());
            let mut targets = Vec::new();
            let mut weights = Vec::new();
            let mut loops = Vec::with_capacity(range.len());
            for a in range {
                let mut inside = 0.0;
                let mut own_loops = 0.0;
                for &v in &members[start[a]..start[a + 1]] {
                    let v = v as usize;
                    own_loops += g.self_loop(v);
                    for (u, w) in g.neighbours(v) {
                        let b = refined[u] as usize;
                        if b == a {
                            inside += w;
                        } else {
                            if weight_to[b] == 0.0 {
                                touched.push(b as u32);
                            }
                            weight_to[b] += w;
                        }
                    }
                }
                lengths.push(touched.len());
                for &b in &touched {
                    targets.push(b);
                    weights.push(weight_to[b as usize]);
                    weight_to[b as usize] = 0.0;
                }
                touched.clear();
                // Each inner edge was seen from both ends.
                loops.push(own_loops + inside / 2.0);
            }
            (lengths, targets, weights, loops)
        })
        .collect();
    let mut offsets = Vec::with_capacity(parts + 1);
    offsets.push(0);
    let size: usize = built.iter().map(|b| b.1.len()).sum();
    let mut targets = Vec::with_capacity(size);
    let mut weights = Vec::with_capacity(size);
    let mut loops = Vec::with_capacity(parts);
    for (lengths, t, w, l) in built {
        for len in lengths {
            offsets.push(offsets[offsets.len() - 1] + len);
        }
        targets.extend(t);
        weights.extend(w);
        loops.extend(l);
    }
    Csr::from_parts(offsets, targets, weights, loops)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Zachary's karate club (78 edges), 0-based.
    pub(crate) const KARATE: &[(u32, u32)] = &[
        (0, 1),
        (0, 2),
        (0, 3),
        (0, 4),
        (0, 5),
        (0, 6),
        (0, 7),
        (0, 8),
        (0, 10),
        (0, 11),
        (0, 12),
        (0, 13),
        (0, 17),
        (0, 19),
        (0, 21),
        (0, 31),
        (1, 2),
        (1, 3),
        (1, 7),
        (1, 13),
        (1, 17),
        (1, 19),
        (1, 21),
        (1, 30),
        (2, 3),
        (2, 7),
        (2, 8),
        (2, 9),
        (2, 13),
        (2, 27),
        (2, 28),
        (2, 32),
        (3, 7),
        (3, 12),
        (3, 13),
        (4, 6),
        (4, 10),
        (5, 6),
        (5, 10),
        (5, 16),
        (6, 16),
        (8, 30),
        (8, 32),
        (8, 33),
        (9, 33),
        (13, 33),
        (14, 32),
        (14, 33),
        (15, 32),
        (15, 33),
        (18, 32),
        (18, 33),
        (19, 33),
        (20, 32),
        (20, 33),
        (22, 32),
        (22, 33),
        (23, 25),
        (23, 27),
        (23, 29),
        (23, 32),
        (23, 33),
        (24, 25),
        (24, 27),
        (24, 31),
        (25, 31),
        (26, 29),
        (26, 33),
        (27, 33),
        (28, 31),
        (28, 33),
        (29, 32),
        (29, 33),
        (30, 32),
        (30, 33),
        (31, 32),
        (31, 33),
        (32, 33),
    ];

    fn connected(g: &Csr, membership: &[u32], community: u32) -> bool {
        let nodes: Vec<usize> = (0..g.node_count())
            .filter(|&v| membership[v] == community)
            .collect();
        let mut seen = vec![false; g.node_count()];
        let mut stack = vec![nodes[0]];
        seen[nodes[0]] = true;
        let mut reached = 1;
        while let Some(v) = stack.pop() {
            for (u, _) in g.neighbours(v) {
                if membership[u] == community && !seen[u] {
                    seen[u] = true;
                    reached += 1;
                    stack.push(u);
                }
            }
        }
        reached == nodes.len()
    }

    /// Planted partition: `groups` cliques-ish of `size` nodes, `inside` edges each, plus `across`
    /// random edges between them.
    fn planted(groups: usize, size: usize, inside: usize, across: usize, seed: u64) -> Csr {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut edges = Vec::new();
        for g in 0..groups {
            for _ in 0..inside {
                let a = (g * size + rng.random_range(0..size)) as u32;
                let b = (g * size + rng.random_range(0..size)) as u32;
                edges.push((a, b));
            }
        }
        let n = groups * size;
        for _ in 0..across {
            edges.push((rng.random_range(0..n) as u32, rng.random_range(0..n) as u32));
        }
        Csr::from_edges(n, &edges, None)
    }

    #[test]
    fn karate_club_reaches_its_best_known_modularity() {
        let g = Csr::from_edges(34, KARATE, None);
        let c = leiden(&g, &LeidenConfig::default());
        // The optimum is 0.4198 (Brandes et al.); Louvain typically stops at 0.4188.
        assert!(c.modularity > 0.4197, "modularity {}", c.modularity);
        assert!((modularity(&g, &c.membership, 1.0) - c.modularity).abs() < 1e-12);
        for community in 0..c.count as u32 {
            assert!(connected(&g, &c.membership, community));
        }
    }

    #[test]
    fn planted_groups_are_recovered_and_connected() {
        let g = planted(40, 25, 120, 300, 7);
        let c = leiden(&g, &LeidenConfig::default());
        // Nodes of one planted group share a community.
        let mut agree = 0;
        for group in 0..40 {
            let first = c.membership[group * 25];
            agree += (0..25)
                .filter(|i| c.membership[group * 25 + i] == first)
                .count();
        }
        assert!(
            agree >= 40 * 25 * 95 / 100,
            "{agree} of 1000 with their group"
        );
        for community in 0..c.count as u32 {
            assert!(connected(&g, &c.membership, community));
        }
    }

    #[test]
    fn same_seed_same_partition_and_resolution_changes_scale() {
        let g = planted(30, 20, 80, 400, 3);
        let a = leiden(&g, &LeidenConfig::default());
        let b = leiden(&g, &LeidenConfig::default());
        assert_eq!(a, b);
        let coarse = leiden(
            &g,
            &LeidenConfig {
                resolution: 0.05,
                ..LeidenConfig::default()
            },
        );
        let fine = leiden(
            &g,
            &LeidenConfig {
                resolution: 60.0,
                ..LeidenConfig::default()
            },
        );
        assert!(
            coarse.count < a.count && a.count < fine.count,
            "{} {} {}",
            coarse.count,
            a.count,
            fine.count
        );
    }

    #[test]
    fn every_community_is_connected_on_many_random_graphs() {
        // Louvain's failure case: a community held together by a node that moved away. The
        // refinement must never leave one, whatever the graph, weights or resolution.
        for seed in 0..60u64 {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            let n = rng.random_range(20..80);
            let m = rng.random_range(n..4 * n);
            let edges: Vec<(u32, u32)> = (0..m)
                .map(|_| (rng.random_range(0..n) as u32, rng.random_range(0..n) as u32))
                .collect();
            let weights: Vec<f64> = (0..m).map(|_| rng.random_range(0.1..3.0)).collect();
            let g = Csr::from_edges(n, &edges, Some(&weights));
            let config = LeidenConfig {
                resolution: [0.3, 1.0, 2.0][seed as usize % 3],
                seed,
                ..LeidenConfig::default()
            };
            let c = leiden(&g, &config);
            for community in 0..c.count as u32 {
                assert!(connected(&g, &c.membership, community), "seed {seed}");
            }
            let singletons: Vec<u32> = (0..n as u32).collect();
            assert!(c.modularity >= modularity(&g, &singletons, config.resolution) - 1e-12);
        }
    }

    #[test]
    fn isolated_nodes_and_empty_graphs_stay_alone() {
        let g = Csr::from_edges(4, &[(0, 1)], None);
        let c = leiden(&g, &LeidenConfig::default());
        assert_eq!(c.membership, vec![0, 0, 1, 2]);
        let empty = Csr::from_edges(3, &[], None);
        let c = leiden(&empty, &LeidenConfig::default());
        assert_eq!(c.count, 3);
        assert_eq!(c.modularity, 0.0);
    }
}
