//! The network: resolved entities as nodes, edges weighed from the reports they rest on, kept
//! up to date report by report, with its groups worked out again only where it changed.

use crate::config::Config;
use crate::csr::Csr;
use crate::groups::{self, Group};
use crate::input::{Entity, EntityId, ReportEvidence};
use crate::{GraphError, Result};
use model::{EntityKind, LinkType, LocationType, PersonRole, ReportRef};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A fast hasher (the multiply-rotate scheme of rustc's FxHash) for the hottest maps here —
/// edges by node pair, nodes by entity id — whose keys no adversary chooses.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Edges by their (lower, higher) node pair.
pub(crate) type EdgeMap = HashMap<(u32, u32), Edge, BuildHasherDefault<PairHasher>>;
type IdMap = HashMap<EntityId, u32, BuildHasherDefault<PairHasher>>;

/// Why two entities are joined in one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The report links them explicitly.
    Link(LinkType),
    /// The report mentions both.
    CoMention,
}

/// One report's contribution to one edge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub report: ReportRef,
    pub basis: Basis,
    /// For a link, whether it runs from the edge's first entity to its second (`controls`,
    /// `supplies` and `transports` have a direction).
    pub forward: bool,
    pub weight: f64,
}

/// An edge as the network holds it: node indices, its evidence, its summed weight.
#[derive(Debug, Clone)]
pub(crate) struct Edge {
    /// Evidence in (report ref, basis) order, so the weight is summed the same way however the
    /// reports arrived.
    pub evidence: Vec<EdgeEvidence>,
    pub weight: f64,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct EdgeEvidence {
    pub report: u32,
    pub basis: Basis,
    /// The link runs from the lower node index to the higher.
    pub forward: bool,
    pub weight: f64,
}

/// A report as the network keeps it.
#[derive(Debug, Clone)]
pub(crate) struct StoredReport {
    pub evidence: ReportEvidence,
    /// Reliance × recency.
    pub weight: f64,
    /// The nodes it mentions, sorted, without repeats.
    pub nodes: Vec<u32>,
}

/// How a node takes part in the group graph, the graph whose connected parts group detection
/// works on one at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NodeClass {
    Ordinary,
    /// A place or vehicle linked to more people than [`Config::venue_persons`] (a phone, than
    /// [`Config::venue_phone_persons`]): left out.
    Venue,
    /// A public place: being seen at the same station says nothing of knowing each other, so
    /// it is left out.
    Public,
    /// A business: joins only the people who work, live or are in control there.
    Business,
}

/// A connected part of the group graph, with its groups.
#[derive(Debug, Clone)]
struct Component {
    nodes: Vec<u32>,
    groups: Vec<Group>,
}

/// What an update changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateSummary {
    pub reports_added: usize,
    pub reports_replaced: usize,
    pub reports_removed: usize,
    /// Entities whose edges or facts changed.
    pub entities_touched: usize,
    /// Entities in the parts of the graph whose groups were worked out again.
    pub entities_recomputed: usize,
    pub components_recomputed: usize,
}

/// The network of resolved entities and its groups.
#[derive(Debug, Clone)]
pub struct Network {
    pub(crate) config: Config,
    pub(crate) nodes: Vec<Entity>,
    index: IdMap,
    pub(crate) reports: Vec<Option<StoredReport>>,
    report_slot: HashMap<ReportRef, u32>,
    free_slots: Vec<u32>,
    pub(crate) edges: EdgeMap,
    pub(crate) adjacency: Vec<Vec<u32>>,
    pub(crate) node_reports: Vec<Vec<u32>>,
    pub(crate) class: Vec<NodeClass>,
    /// Persons: involved in crime or exploitation by their own reports. Objects: next to such
    /// a person. The group graph keeps only edges with an active end, so the background
    /// population, which carries no criminal evidence, does not join groups into one giant
    /// component.
    active: Vec<bool>,
    component_of: Vec<u32>,
    components: HashMap<u32, Component>,
    next_component: u32,
}

impl Network {
    /// An empty network under `config`.
    pub fn new(config: Config) -> Network {
        Network {
            config,
            nodes: Vec::new(),
            index: IdMap::default(),
            reports: Vec::new(),
            report_slot: HashMap::new(),
            free_slots: Vec::new(),
            edges: EdgeMap::default(),
            adjacency: Vec::new(),
            node_reports: Vec::new(),
            class: Vec::new(),
            active: Vec::new(),
            component_of: Vec::new(),
            components: HashMap::new(),
            next_component: 0,
        }
    }

    /// Builds the network and its groups from the entities and every report.
    pub fn build(
        config: Config,
        entities: impl IntoIterator<Item = Entity>,
        reports: impl IntoIterator<Item = ReportEvidence>,
    ) -> Result<Network> {
        let mut network = Network::new(config);
        network.update(entities, reports, &[])?;
        Ok(network)
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The same entities and reports under another configuration — a later `as_of` weighs
    /// every report differently, so nothing of the old weights or groups can be kept.
    pub fn rebuilt_with(&self, config: Config) -> Network {
        let mut reports: Vec<ReportEvidence> = self
            .reports
            .iter()
            .flatten()
            .map(|r| r.evidence.clone())
            .collect();
        reports.sort_by(|a, b| a.report.cmp(&b.report));
        Network::build(config, self.nodes.iter().cloned(), reports)
            .expect("held entities and reports were checked when they came in")
    }

    /// Adds new reports, replaces reports already held under the same ref (a new version
    /// supersedes the old) and removes `removed`; then works out the groups again where the
    /// graph changed — in the connected parts of the group graph that hold a changed entity,
    /// and nowhere else. The result is the same as a build from the final reports and the same
    /// entity descriptions (descriptions given more than once merge: the smallest value and
    /// place type win, whatever the order).
    ///
    /// Every entity a report names must be described, in this update or an earlier one. When
    /// resolution merges or splits persons, describe the new ids and pass every report whose
    /// mentions moved as a replacement. Nothing changes when an error is returned.
    pub fn update(
        &mut self,
        entities: impl IntoIterator<Item = Entity>,
        reports: impl IntoIterator<Item = ReportEvidence>,
        removed: &[ReportRef],
    ) -> Result<UpdateSummary> {
        let entities: Vec<Entity> = entities.into_iter().collect();
        let reports: Vec<ReportEvidence> = reports.into_iter().collect();
        self.check(&entities, &reports, removed)?;

        let mut summary = UpdateSummary::default();
        let mut touched: Vec<u32> = Vec::new();
        for entity in entities {
            if let Some(v) = self.describe(entity) {
                touched.push(v);
            }
        }
        let mut changed_edges: HashSet<(u32, u32)> = HashSet::new();
        for report in removed {
            if let Some(&slot) = self.report_slot.get(report) {
                self.remove_report(slot, &mut touched, &mut changed_edges);
                summary.reports_removed += 1;
            }
        }
        for evidence in reports {
            if let Some(&slot) = self.report_slot.get(&evidence.report) {
                self.remove_report(slot, &mut touched, &mut changed_edges);
                summary.reports_replaced += 1;
            } else {
                summary.reports_added += 1;
            }
            self.add_report(evidence, &mut touched, &mut changed_edges);
        }
        for key in changed_edges {
            self.settle_edge(key);
        }
        touched.sort_unstable();
        touched.dedup();
        summary.entities_touched = touched.len();
        let (entities_recomputed, components_recomputed) = self.refresh(touched);
        summary.entities_recomputed = entities_recomputed;
        summary.components_recomputed = components_recomputed;
        Ok(summary)
    }

    /// Refuses an update that could not be applied whole.
    fn check(
        &self,
        entities: &[Entity],
        reports: &[ReportEvidence],
        removed: &[ReportRef],
    ) -> Result<()> {
        let mut kinds: HashMap<&EntityId, EntityKind> = HashMap::new();
        for e in entities {
            let known = self
                .index
                .get(&e.id)
                .map(|&v| self.nodes[v as usize].kind)
                .or_else(|| kinds.get(&e.id).copied());
            if let Some(kind) = known
                && kind != e.kind
            {
                return Err(GraphError::KindConflict {
                    entity: e.id.to_string(),
                    first: kind.as_str(),
                    second: e.kind.as_str(),
                });
            }
            kinds.insert(&e.id, e.kind);
        }
        let mut seen: HashSet<&ReportRef> = HashSet::new();
        for r in reports {
            if !seen.insert(&r.report) {
                return Err(GraphError::DuplicateReport(r.report.to_string()));
            }
            if removed.contains(&r.report) {
                return Err(GraphError::DuplicateReport(r.report.to_string()));
            }
            if !(r.reliance.is_finite() && (0.0..=1.0).contains(&r.reliance)) {
                return Err(GraphError::BadReliance {
                    report: r.report.to_string(),
                    value: r.reliance,
                });
            }
            let mentioned = r
                .entities
                .iter()
                .chain(r.links.iter().flat_map(|l| [&l.from, &l.to]))
                .chain(r.persons.iter().map(|p| &p.person));
            for id in mentioned {
                if !self.index.contains_key(id) && !kinds.contains_key(id) {
                    return Err(GraphError::UndescribedEntity {
                        report: r.report.to_string(),
                        entity: id.to_string(),
                    });
                }
            }
            for p in &r.persons {
                let kind = self
                    .index
                    .get(&p.person)
                    .map(|&v| self.nodes[v as usize].kind)
                    .or_else(|| kinds.get(&p.person).copied());
                if kind != Some(EntityKind::Person) {
                    return Err(GraphError::NotAPerson {
                        report: r.report.to_string(),
                        entity: p.person.to_string(),
                    });
                }
            }
        }
        Ok(())
    }

    /// Adds an entity or refines its description; returns its node when it is new or its
    /// description changed. Descriptions merge the same whatever the order: the smallest value
    /// and place type given win.
    fn describe(&mut self, entity: Entity) -> Option<u32> {
        match self.index.get(&entity.id) {
            Some(&v) => {
                let node = &mut self.nodes[v as usize];
                let value = min_some(node.value.clone(), entity.value);
                let location_type = min_some(node.location_type, entity.location_type);
                let changed = value != node.value || location_type != node.location_type;
                node.value = value;
                node.location_type = location_type;
                changed.then_some(v)
            }
            None => {
                let v = self.nodes.len() as u32;
                self.index.insert(entity.id.clone(), v);
                self.nodes.push(entity);
                self.adjacency.push(Vec::new());
                self.node_reports.push(Vec::new());
                self.class.push(NodeClass::Ordinary);
                self.active.push(false);
                self.component_of.push(u32::MAX);
                Some(v)
            }
        }
    }

    /// The weight of a report's evidence: its reliance, halved every half-life before `as_of`.
    fn report_weight(&self, evidence: &ReportEvidence) -> f64 {
        let days = (self.config.as_of - evidence.received).whole_days().max(0) as f64;
        let half_life = self.config.half_life_days;
        let decay = if half_life > 0.0 {
            0.5f64.powf(days / half_life)
        } else {
            1.0
        };
        evidence.reliance * decay
    }

    /// The node pairs a report joins and how, each pair once per basis.
    fn report_pairs(&self, stored: &StoredReport) -> Vec<((u32, u32), EdgeEvidence)> {
        let mut pairs = Vec::new();
        let mut linked: HashSet<(u32, u32)> = HashSet::new();
        for link in &stored.evidence.links {
            let a = self.index[&link.from];
            let b = self.index[&link.to];
            if a == b {
                continue;
            }
            let key = (a.min(b), a.max(b));
            linked.insert(key);
            pairs.push((
                key,
                EdgeEvidence {
                    report: 0,
                    basis: Basis::Link(link.link_type),
                    forward: a < b,
                    weight: stored.weight * self.config.link_weights.of(link.link_type),
                },
            ));
        }
        let n = stored.nodes.len();
        if n >= 2 && n <= self.config.max_co_mention_entities {
            let weight = stored.weight * self.config.co_mention / (n - 1) as f64;
            for i in 0..n {
                for j in i + 1..n {
                    let key = (stored.nodes[i], stored.nodes[j]);
                    if !linked.contains(&key) {
                        pairs.push((
                            key,
                            EdgeEvidence {
                                report: 0,
                                basis: Basis::CoMention,
                                forward: true,
                                weight,
                            },
                        ));
                    }
                }
            }
        }
        // One link of a type per pair and direction: a report saying it twice says it once.
        pairs.sort_by_key(|a| (a.0, a.1.basis, a.1.forward));
        pairs.dedup_by(|a, b| a.0 == b.0 && a.1.basis == b.1.basis && a.1.forward == b.1.forward);
        pairs
    }

    fn add_report(
        &mut self,
        evidence: ReportEvidence,
        touched: &mut Vec<u32>,
        changed: &mut HashSet<(u32, u32)>,
    ) {
        let mut nodes: Vec<u32> = evidence
            .entities
            .iter()
            .chain(evidence.links.iter().flat_map(|l| [&l.from, &l.to]))
            .chain(evidence.persons.iter().map(|p| &p.person))
            .map(|id| self.index[id])
            .collect();
        nodes.sort_unstable();
        nodes.dedup();
        let weight = self.report_weight(&evidence);
        let slot = match self.free_slots.pop() {
            Some(s) => s,
            None => {
                self.reports.push(None);
                (self.reports.len() - 1) as u32
            }
        };
        self.report_slot.insert(evidence.report.clone(), slot);
        let stored = StoredReport {
            evidence,
            weight,
            nodes,
        };
        let pairs = self.report_pairs(&stored);
        self.reports[slot as usize] = Some(stored);
        let stored = self.reports[slot as usize].as_ref().expect("just stored");
        let report = &stored.evidence.report;
        for &v in &stored.nodes {
            // Kept in report-ref order, the order every reading of them uses.
            let list = &self.node_reports[v as usize];
            let at = list.partition_point(|&r| {
                self.reports[r as usize]
                    .as_ref()
                    .is_some_and(|o| o.evidence.report < *report)
            });
            self.node_reports[v as usize].insert(at, slot);
            touched.push(v);
        }
        for (key, mut e) in pairs {
            e.report = slot;
            // An edge whose evidence a replaced report has just taken away is still in the map
            // (and in the adjacency) until it is settled.
            let edge = self.edges.entry(key).or_insert_with(|| {
                self.adjacency[key.0 as usize].push(key.1);
                self.adjacency[key.1 as usize].push(key.0);
                Edge {
                    evidence: Vec::new(),
                    weight: 0.0,
                }
            });
            edge.evidence.push(e);
            changed.insert(key);
        }
    }

    fn remove_report(
        &mut self,
        slot: u32,
        touched: &mut Vec<u32>,
        changed: &mut HashSet<(u32, u32)>,
    ) {
        let stored = self.reports[slot as usize]
            .take()
            .expect("a held report has a slot");
        self.report_slot.remove(&stored.evidence.report);
        self.free_slots.push(slot);
        for &v in &stored.nodes {
            self.node_reports[v as usize].retain(|&r| r != slot);
            touched.push(v);
        }
        for (key, _) in self.report_pairs(&stored) {
            if let Some(edge) = self.edges.get_mut(&key) {
                edge.evidence.retain(|e| e.report != slot);
                changed.insert(key);
            }
        }
    }

    /// Orders an edge's evidence and sums its weight, or drops it when no evidence is left.
    fn settle_edge(&mut self, key: (u32, u32)) {
        let Some(edge) = self.edges.get_mut(&key) else {
            return;
        };
        if edge.evidence.is_empty() {
            self.edges.remove(&key);
            self.adjacency[key.0 as usize].retain(|&u| u != key.1);
            self.adjacency[key.1 as usize].retain(|&u| u != key.0);
            return;
        }
        let reports = &self.reports;
        let nodes = &self.nodes;
        let first_id = &nodes[key.0 as usize].id;
        let second_id = &nodes[key.1 as usize].id;
        // Direction relative to entity ids rather than node numbers, so the order does not
        // depend on which entity arrived first.
        let ids_ascending = first_id < second_id;
        if edge.evidence.len() > 1 {
            edge.evidence.sort_by(|a, b| {
                let ra = &reports[a.report as usize]
                    .as_ref()
                    .expect("held")
                    .evidence
                    .report;
                let rb = &reports[b.report as usize]
                    .as_ref()
                    .expect("held")
                    .evidence
                    .report;
                ra.cmp(rb)
                    .then(a.basis.cmp(&b.basis))
                    .then((a.forward == ids_ascending).cmp(&(b.forward == ids_ascending)))
            });
        }
        edge.weight = edge.evidence.iter().map(|e| e.weight).sum();
    }

    /// Recomputes venue flags, components and groups around the touched nodes. Returns the
    /// entities and components recomputed.
    fn refresh(&mut self, mut touched: Vec<u32>) -> (usize, usize) {
        // Persons' involvement depends on their own reports; objects' activity and every node's
        // class on their neighbours. A node whose state changes changes the group graph around
        // it, so its neighbours are worked out again too.
        touched.sort_unstable();
        touched.dedup();
        let mut check: Vec<u32> = touched.clone();
        for &v in &touched {
            if self.nodes[v as usize].kind == EntityKind::Person {
                let now = groups::is_involved(self, v);
                if now != self.active[v as usize] {
                    self.active[v as usize] = now;
                    check.extend(self.adjacency[v as usize].iter().copied());
                }
            }
        }
        check.sort_unstable();
        check.dedup();
        let mut extra = Vec::new();
        for &v in &check {
            let class = self.class_of(v);
            let active = if self.nodes[v as usize].kind == EntityKind::Person {
                self.active[v as usize]
            } else {
                self.adjacency[v as usize].iter().any(|&u| {
                    self.nodes[u as usize].kind == EntityKind::Person && self.active[u as usize]
                })
            };
            if class != self.class[v as usize] || active != self.active[v as usize] {
                self.class[v as usize] = class;
                self.active[v as usize] = active;
                extra.extend(self.adjacency[v as usize].iter().copied());
            }
        }
        touched.extend(check);
        touched.extend(extra);
        // Every node of a component that held a touched node is worked out again.
        let mut seeds: Vec<u32> = Vec::new();
        let mut marked: HashSet<u32> = HashSet::new();
        for &v in &touched {
            if !marked.insert(v) {
                continue;
            }
            seeds.push(v);
            let c = self.component_of[v as usize];
            if let Some(component) = self.components.remove(&c) {
                for &u in &component.nodes {
                    if marked.insert(u) {
                        seeds.push(u);
                    }
                }
            }
        }
        for &v in &seeds {
            self.component_of[v as usize] = u32::MAX;
        }
        let mut fresh: Vec<(u32, Vec<u32>)> = Vec::new();
        let mut stack = Vec::new();
        for &s in &seeds {
            if self.component_of[s as usize] != u32::MAX {
                continue;
            }
            let id = self.next_component;
            self.next_component += 1;
            self.component_of[s as usize] = id;
            let mut nodes = vec![s];
            stack.push(s);
            while let Some(v) = stack.pop() {
                for &u in &self.adjacency[v as usize] {
                    if self.component_of[u as usize] == u32::MAX && self.group_edge(v, u) {
                        self.component_of[u as usize] = id;
                        nodes.push(u);
                        stack.push(u);
                    }
                }
            }
            nodes.sort_unstable_by(|a, b| {
                self.nodes[*a as usize].id.cmp(&self.nodes[*b as usize].id)
            });
            fresh.push((id, nodes));
        }
        let recomputed = seeds.len();
        let count = fresh.len();
        let this = &*self;
        let results: Vec<(u32, Component)> = fresh
            .into_par_iter()
            .map(|(id, nodes)| {
                let groups = groups::find(this, &nodes);
                (id, Component { nodes, groups })
            })
            .collect();
        for (id, component) in results {
            self.components.insert(id, component);
        }
        (recomputed, count)
    }

    fn class_of(&self, v: u32) -> NodeClass {
        let node = &self.nodes[v as usize];
        let limit = match node.kind {
            EntityKind::Location | EntityKind::Vehicle => Some(self.config.venue_persons),
            EntityKind::Phone => Some(self.config.venue_phone_persons),
            EntityKind::Person => None,
        };
        if let Some(limit) = limit {
            let persons = self.adjacency[v as usize]
                .iter()
                .filter(|&&u| self.nodes[u as usize].kind == EntityKind::Person)
                .count();
            if persons > limit {
                return NodeClass::Venue;
            }
        }
        match (node.kind, node.location_type) {
            (EntityKind::Location, Some(LocationType::Public)) => NodeClass::Public,
            (EntityKind::Location, Some(LocationType::Business)) => NodeClass::Business,
            _ => NodeClass::Ordinary,
        }
    }

    /// Whether the edge between `v` and `u` belongs to the group graph.
    pub(crate) fn group_edge(&self, v: u32, u: u32) -> bool {
        if !self.active[v as usize] && !self.active[u as usize] {
            return false;
        }
        let (a, b) = (self.class[v as usize], self.class[u as usize]);
        if matches!(a, NodeClass::Venue | NodeClass::Public)
            || matches!(b, NodeClass::Venue | NodeClass::Public)
        {
            return false;
        }
        if a == NodeClass::Business || b == NodeClass::Business {
            return self.edges[&(v.min(u), v.max(u))].evidence.iter().any(|e| {
                matches!(
                    e.basis,
                    Basis::Link(
                        LinkType::WorksAt
                            | LinkType::Controls
                            | LinkType::LivesAt
                            | LinkType::StaysAt
                    )
                )
            });
        }
        true
    }

    /// Every group, ordered by key.
    pub fn groups(&self) -> Vec<&Group> {
        let mut all: Vec<&Group> = self
            .components
            .values()
            .flat_map(|c| c.groups.iter())
            .collect();
        all.sort_by(|a, b| a.key.cmp(&b.key));
        all
    }

    /// The group a person is a member of, if any (a person is in at most one group).
    pub fn group_of(&self, person: &EntityId) -> Option<&Group> {
        let v = *self.index.get(person)?;
        let component = self.components.get(&self.component_of[v as usize])?;
        component
            .groups
            .iter()
            .find(|g| g.members.iter().any(|m| &m.person == person))
    }

    pub fn entity_count(&self) -> usize {
        self.nodes.len()
    }

    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    pub fn report_count(&self) -> usize {
        self.report_slot.len()
    }

    /// The entity with this id.
    pub fn entity(&self, id: &EntityId) -> Option<&Entity> {
        self.index.get(id).map(|&v| &self.nodes[v as usize])
    }

    pub(crate) fn node(&self, id: &EntityId) -> Result<u32> {
        self.index
            .get(id)
            .copied()
            .ok_or_else(|| GraphError::UnknownEntity(id.to_string()))
    }

    /// Whether a place, vehicle or phone counts as a venue (see [`Config::venue_persons`]).
    pub fn is_venue_entity(&self, id: &EntityId) -> bool {
        self.index
            .get(id)
            .is_some_and(|&v| self.class[v as usize] == NodeClass::Venue)
    }

    /// The edge between two entities with the evidence it rests on, in report-ref order;
    /// `None` when they are not joined. `forward` is seen from `a`.
    pub fn edge(&self, a: &EntityId, b: &EntityId) -> Result<Option<EdgeView>> {
        let (x, y) = (self.node(a)?, self.node(b)?);
        let key = (x.min(y), x.max(y));
        Ok(self.edges.get(&key).map(|edge| {
            let a_first = x == key.0;
            EdgeView {
                weight: edge.weight,
                evidence: edge
                    .evidence
                    .iter()
                    .map(|e| Evidence {
                        report: self.report_ref(e.report).clone(),
                        basis: e.basis,
                        forward: e.forward == a_first,
                        weight: e.weight,
                    })
                    .collect(),
            }
        }))
    }

    pub(crate) fn report_ref(&self, slot: u32) -> &ReportRef {
        &self.stored(slot).evidence.report
    }

    pub(crate) fn stored(&self, slot: u32) -> &StoredReport {
        self.reports[slot as usize]
            .as_ref()
            .expect("evidence points at held reports")
    }

    /// The graph over `nodes` (in that order) as a [`Csr`].
    pub(crate) fn csr_of(&self, nodes: &[u32]) -> Csr {
        let mut local: HashMap<u32, u32> = HashMap::with_capacity(nodes.len());
        for (i, &v) in nodes.iter().enumerate() {
            local.insert(v, i as u32);
        }
        let mut edges = Vec::new();
        let mut weights = Vec::new();
        for (i, &v) in nodes.iter().enumerate() {
            let mut row: Vec<(u32, f64)> = self.adjacency[v as usize]
                .iter()
                .filter_map(|&u| {
                    let j = *local.get(&u)?;
                    (j as usize > i).then(|| (j, self.edges[&(v.min(u), v.max(u))].weight))
                })
                .collect();
            row.sort_unstable_by_key(|&(j, _)| j);
            for (j, w) in row {
                edges.push((i as u32, j));
                weights.push(w);
            }
        }
        Csr::from_edges(nodes.len(), &edges, Some(&weights))
    }

    /// The reports mentioning a node, in report-ref order.
    pub(crate) fn reports_of(&self, v: u32) -> &[u32] {
        &self.node_reports[v as usize]
    }

    /// The reports that mention an entity, in report-ref order.
    pub fn reports_mentioning(&self, id: &EntityId) -> Result<Vec<&ReportRef>> {
        let v = self.node(id)?;
        Ok(self.node_reports[v as usize]
            .iter()
            .map(|&slot| self.report_ref(slot))
            .collect())
    }

    /// Roles a person is given across their reports, most frequent first.
    pub fn roles_of(&self, id: &EntityId) -> Result<Vec<(PersonRole, usize)>> {
        let v = self.node(id)?;
        let mut counts: HashMap<PersonRole, usize> = HashMap::new();
        for slot in &self.node_reports[v as usize] {
            for p in &self.stored(*slot).evidence.persons {
                if p.person == *id {
                    *counts.entry(p.role).or_default() += 1;
                }
            }
        }
        let mut roles: Vec<(PersonRole, usize)> = counts.into_iter().collect();
        roles.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(roles)
    }
}

/// The smaller of two optional values, ignoring `None`.
fn min_some<T: Ord>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// An edge and the reports it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EdgeView {
    pub weight: f64,
    pub evidence: Vec<Evidence>,
}
