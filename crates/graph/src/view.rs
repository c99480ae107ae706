//! The analyst's questions of the network, by entity id: centrality, the most connected
//! entities, components, shortest and k-shortest paths, and neighbourhoods page by page —
//! what i2 Analyst's Notebook users rely on.
//!
//! A [`View`] is the whole network or the part of it between some entities (a group, a chart),
//! laid out once as a [`Csr`] in entity-id order so every answer is the same however the
//! network was built.

use crate::csr::Csr;
use crate::input::EntityId;
use crate::measures::{self, PageRankConfig, PathCost, Queued};
use crate::network::Network;
use crate::{GraphError, Result};
use model::EntityKind;
use serde::Serialize;
use std::collections::{BTreeSet, BinaryHeap, HashMap, HashSet};

/// An entity with a score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scored {
    pub entity: EntityId,
    pub kind: EntityKind,
    pub score: f64,
}

/// A path between two entities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Path {
    /// From the first entity to the last.
    pub entities: Vec<EntityId>,
    /// The weight of each link along it.
    pub weights: Vec<f64>,
    /// Its length under the cost it was found with.
    pub cost: f64,
}

/// A page of an entity's neighbours, strongest link first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Neighbourhood {
    pub entity: EntityId,
    /// Neighbours of the asked kinds in all.
    pub total: usize,
    pub offset: usize,
    pub neighbours: Vec<Neighbour>,
    /// Neighbours after this page: "and 340 more".
    pub more: usize,
}

/// One neighbour and the link to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Neighbour {
    pub entity: EntityId,
    pub kind: EntityKind,
    pub value: Option<String>,
    /// The link's summed weight.
    pub weight: f64,
    /// Reports the link rests on.
    pub reports: usize,
}

/// Which neighbours to list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeighbourQuery {
    pub offset: usize,
    pub limit: usize,
    /// Only neighbours of these kinds; all kinds when empty.
    pub kinds: Vec<EntityKind>,
}

impl NeighbourQuery {
    /// The first `limit` neighbours of any kind.
    pub fn first(limit: usize) -> NeighbourQuery {
        NeighbourQuery {
            offset: 0,
            limit,
            kinds: Vec::new(),
        }
    }
}

impl Network {
    /// A page of an entity's neighbours, by link weight (strongest first, then by id), with a
    /// count of the rest.
    pub fn neighbourhood(&self, id: &EntityId, query: &NeighbourQuery) -> Result<Neighbourhood> {
        let v = self.node(id)?;
        let mut all: Vec<(u32, f64, usize)> = self.adjacency[v as usize]
            .iter()
            .filter(|&&u| {
                query.kinds.is_empty() || query.kinds.contains(&self.nodes[u as usize].kind)
            })
            .map(|&u| {
                let edge = &self.edges[&(v.min(u), v.max(u))];
                let reports = edge
                    .evidence
                    .iter()
                    .map(|e| e.report)
                    .collect::<BTreeSet<_>>()
                    .len();
                (u, edge.weight, reports)
            })
            .collect();
        all.sort_by(|a, b| {
            b.1.total_cmp(&a.1).then_with(|| {
                self.nodes[a.0 as usize]
                    .id
                    .cmp(&self.nodes[b.0 as usize].id)
            })
        });
        let total = all.len();
        let neighbours: Vec<Neighbour> = all
            .into_iter()
            .skip(query.offset)
            .take(query.limit)
            .map(|(u, weight, reports)| {
                let e = &self.nodes[u as usize];
                Neighbour {
                    entity: e.id.clone(),
                    kind: e.kind,
                    value: e.value.clone(),
                    weight,
                    reports,
                }
            })
            .collect();
        let more = total.saturating_sub(query.offset + neighbours.len());
        Ok(Neighbourhood {
            entity: id.clone(),
            total,
            offset: query.offset,
            neighbours,
            more,
        })
    }

    /// The whole network, for measures.
    pub fn view(&self) -> View<'_> {
        let mut nodes: Vec<u32> = (0..self.nodes.len() as u32).collect();
        nodes.sort_by(|a, b| self.nodes[*a as usize].id.cmp(&self.nodes[*b as usize].id));
        View::new(self, nodes)
    }

    /// The part of the network between `ids` (a group's members, an analyst's chart).
    pub fn view_of(&self, ids: &[EntityId]) -> Result<View<'_>> {
        let mut nodes: Vec<u32> = ids.iter().map(|id| self.node(id)).collect::<Result<_>>()?;
        nodes.sort_by(|a, b| self.nodes[*a as usize].id.cmp(&self.nodes[*b as usize].id));
        nodes.dedup();
        Ok(View::new(self, nodes))
    }
}

/// Part or all of the network, ready for measures.
#[derive(Debug, Clone)]
pub struct View<'a> {
    net: &'a Network,
    nodes: Vec<u32>,
    local: HashMap<u32, u32>,
    csr: Csr,
}

impl<'a> View<'a> {
    fn new(net: &'a Network, nodes: Vec<u32>) -> View<'a> {
        let csr = net.csr_of(&nodes);
        let local = nodes
            .iter()
            .enumerate()
            .map(|(i, &v)| (v, i as u32))
            .collect();
        View {
            net,
            nodes,
            local,
            csr,
        }
    }

    pub fn entity_count(&self) -> usize {
        self.nodes.len()
    }

    /// The graph itself, for algorithms of one's own.
    pub fn csr(&self) -> &Csr {
        &self.csr
    }

    fn id(&self, i: usize) -> &EntityId {
        &self.net.nodes[self.nodes[i] as usize].id
    }

    fn index(&self, id: &EntityId) -> Result<usize> {
        let v = self.net.node(id)?;
        self.local
            .get(&v)
            .map(|&i| i as usize)
            .ok_or_else(|| GraphError::UnknownEntity(id.to_string()))
    }

    /// Scores by entity, highest first, then by id.
    fn ranked(&self, scores: &[f64]) -> Vec<Scored> {
        let mut out: Vec<Scored> = scores
            .iter()
            .enumerate()
            .map(|(i, &score)| Scored {
                entity: self.id(i).clone(),
                kind: self.net.nodes[self.nodes[i] as usize].kind,
                score,
            })
            .collect();
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.entity.cmp(&b.entity))
        });
        out
    }

    /// Degree centrality: how many entities each is linked to.
    pub fn degree(&self) -> Vec<Scored> {
        let scores: Vec<f64> = (0..self.csr.node_count())
            .map(|v| self.csr.degree(v) as f64)
            .collect();
        self.ranked(&scores)
    }

    /// The most connected entities by summed link weight (i2's "List Most Connected" by link
    /// values), optionally of some kinds only; at most `limit`.
    pub fn most_connected(&self, limit: usize, kinds: &[EntityKind]) -> Vec<Scored> {
        self.ranked(self.csr.strengths())
            .into_iter()
            .filter(|s| kinds.is_empty() || kinds.contains(&s.kind))
            .take(limit)
            .collect()
    }

    /// Betweenness centrality; see [`measures::betweenness`]. Costs O(n·m): for charts and
    /// groups rather than a whole force area.
    pub fn betweenness(&self, cost: PathCost) -> Vec<Scored> {
        self.ranked(&measures::betweenness(&self.csr, cost))
    }

    /// Eigenvector centrality, the highest 1.
    pub fn eigenvector(&self) -> Vec<Scored> {
        self.ranked(&measures::eigenvector(&self.csr, 1e-9, 1000))
    }

    pub fn pagerank(&self, config: &PageRankConfig) -> Vec<Scored> {
        self.ranked(&measures::pagerank(&self.csr, config).scores)
    }

    /// Connected components, largest first, each in id order.
    pub fn components(&self) -> Vec<Vec<EntityId>> {
        let (membership, count) = measures::components(&self.csr);
        let mut out: Vec<Vec<EntityId>> = vec![Vec::new(); count];
        for (i, &c) in membership.iter().enumerate() {
            out[c as usize].push(self.id(i).clone());
        }
        out.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a[0].cmp(&b[0])));
        out
    }

    /// The shortest path between two entities, or `None` when they are not connected.
    pub fn shortest_path(
        &self,
        from: &EntityId,
        to: &EntityId,
        cost: PathCost,
    ) -> Result<Option<Path>> {
        Ok(self.k_shortest_paths(from, to, 1, cost)?.into_iter().next())
    }

    /// Up to `k` shortest loopless paths between two entities, shortest first (Yen's
    /// algorithm); ties are broken by the entities along the path.
    pub fn k_shortest_paths(
        &self,
        from: &EntityId,
        to: &EntityId,
        k: usize,
        cost: PathCost,
    ) -> Result<Vec<Path>> {
        let (s, t) = (self.index(from)?, self.index(to)?);
        let paths = yen(&self.csr, s, t, k, cost);
        Ok(paths
            .into_iter()
            .map(|(nodes, total)| {
                let weights = nodes
                    .windows(2)
                    .map(|w| edge_weight(&self.csr, w[0], w[1]))
                    .collect();
                Path {
                    entities: nodes.iter().map(|&i| self.id(i).clone()).collect(),
                    weights,
                    cost: total,
                }
            })
            .collect())
    }
}

fn edge_weight(g: &Csr, a: usize, b: usize) -> f64 {
    g.neighbours(a)
        .find(|&(u, _)| u == b)
        .map_or(0.0, |(_, w)| w)
}

/// Dijkstra from `s` to `t` avoiding banned nodes and edges; the path and its cost.
fn dijkstra(
    g: &Csr,
    s: usize,
    t: usize,
    cost: PathCost,
    banned_nodes: &HashSet<usize>,
    banned_edges: &HashSet<(usize, usize)>,
) -> Option<(Vec<usize>, f64)> {
    let n = g.node_count();
    let mut distance = vec![f64::INFINITY; n];
    let mut previous = vec![usize::MAX; n];
    let mut heap = BinaryHeap::new();
    distance[s] = 0.0;
    heap.push(Queued {
        distance: 0.0,
        node: s as u32,
    });
    while let Some(Queued { distance: d, node }) = heap.pop() {
        let v = node as usize;
        if d > distance[v] {
            continue;
        }
        if v == t {
            break;
        }
        for (u, w) in g.neighbours(v) {
            if banned_nodes.contains(&u) || banned_edges.contains(&(v.min(u), v.max(u))) {
                continue;
            }
            let through = d + cost.of(w);
            // Equal lengths keep the predecessor with the smaller index, for determinism.
            if through < distance[u] || (through == distance[u] && v < previous[u]) {
                distance[u] = through;
                previous[u] = v;
                heap.push(Queued {
                    distance: through,
                    node: u as u32,
                });
            }
        }
    }
    if distance[t].is_infinite() {
        return None;
    }
    let mut path = vec![t];
    while *path.last().expect("non-empty") != s {
        path.push(previous[*path.last().expect("non-empty")]);
    }
    path.reverse();
    Some((path, distance[t]))
}

fn path_cost(g: &Csr, path: &[usize], cost: PathCost) -> f64 {
    path.windows(2)
        .map(|w| cost.of(edge_weight(g, w[0], w[1])))
        .sum()
}

/// Yen's k shortest loopless paths.
fn yen(g: &Csr, s: usize, t: usize, k: usize, cost: PathCost) -> Vec<(Vec<usize>, f64)> {
    if k == 0 {
        return Vec::new();
    }
    if s == t {
        return vec![(vec![s], 0.0)];
    }
    let none = HashSet::new();
    let Some(first) = dijkstra(g, s, t, cost, &none, &HashSet::new()) else {
        return Vec::new();
    };
    let mut found: Vec<(Vec<usize>, f64)> = vec![first];
    let mut candidates: Vec<(Vec<usize>, f64)> = Vec::new();
    while found.len() < k {
        let previous = found.last().expect("non-empty").0.clone();
        for i in 0..previous.len() - 1 {
            let spur = previous[i];
            let root = &previous[..=i];
            let mut banned_edges = HashSet::new();
            for (p, _) in &found {
                if p.len() > i + 1 && p[..=i] == *root {
                    banned_edges.insert((p[i].min(p[i + 1]), p[i].max(p[i + 1])));
                }
            }
            let banned_nodes: HashSet<usize> = root[..i].iter().copied().collect();
            if let Some((tail, _)) = dijkstra(g, spur, t, cost, &banned_nodes, &banned_edges) {
                let mut path = root[..i].to_vec();
                path.extend(tail);
                let total = path_cost(g, &path, cost);
                if !candidates.iter().any(|(p, _)| *p == path)
                    && !found.iter().any(|(p, _)| *p == path)
                {
                    candidates.push((path, total));
                }
            }
        }
        if candidates.is_empty() {
            break;
        }
        let best = (0..candidates.len())
            .min_by(|&a, &b| {
                candidates[a]
                    .1
                    .total_cmp(&candidates[b].1)
                    .then_with(|| candidates[a].0.cmp(&candidates[b].0))
            })
            .expect("non-empty");
        found.push(candidates.swap_remove(best));
    }
    found
}
