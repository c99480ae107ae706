//! What one component's evidence says: each report's weight, crime and indicators; each
//! person's offending, exploitation, age and roles (from their own reports alone); the ties
//! between people, directly and through what they share; and how far a group reaches.

use crate::config::GroupRules;
use crate::csr::Csr;
use crate::input::{EntityId, IndicatorFamily};
use crate::network::{Basis, EdgeEvidence, Network};
use model::{CrimeType, EntityKind, LinkType, LocationType, PersonRole};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Crime types of drugs reports, which make a shared phone a deal line.
pub(super) const DRUGS: [CrimeType; 2] = [CrimeType::DrugsCountyLines, CrimeType::DrugsSupply];

/// Crime types in which the victims are exploited people (not, say, a fraud's targets).
pub(super) const EXPLOITATION: [CrimeType; 6] = [
    CrimeType::MshtLabour,
    CrimeType::MshtSexual,
    CrimeType::MshtCriminal,
    CrimeType::MshtDomesticServitude,
    CrimeType::ChildSexualExploitation,
    CrimeType::ChildCriminalExploitation,
];

/// What the rules need to know about each report of a component.
pub(super) struct ReportInfo {
    pub(super) weight: f64,
    pub(super) organised: bool,
    pub(super) drugs: bool,
    pub(super) exploitation: bool,
    pub(super) families: BTreeSet<IndicatorFamily>,
}

/// What a person's own reports say about them.
#[derive(Debug, Clone, Default)]
pub(super) struct PersonInfo {
    /// Weighted reports in which they offend: subject (or, less, associate or unknown) in a
    /// report of an organised crime type.
    pub(super) offending: f64,
    /// Weighted reports in which they are exploited.
    pub(super) victimhood: f64,
    /// Weighted reports naming them as a child, and as an adult.
    pub(super) child: f64,
    pub(super) adult: f64,
    pub(super) crime: BTreeMap<CrimeType, f64>,
    pub(super) families: BTreeMap<IndicatorFamily, f64>,
    pub(super) subject_reports: usize,
    pub(super) victim_reports: usize,
    /// Reports in which they are the victim (or an unknown party) of child criminal
    /// exploitation: missing episodes, referrals.
    pub(super) cce_victim_reports: usize,
    /// The lowest upper bound of their age across reports.
    pub(super) youngest: Option<u8>,
    pub(super) reports: usize,
    /// Reports that record them in their fields (not only in their text).
    pub(super) recorded_reports: usize,
}

impl PersonInfo {
    pub(super) fn is_child(&self) -> bool {
        self.child > self.adult
    }

    pub(super) fn family(&self, f: IndicatorFamily) -> f64 {
        self.families.get(&f).copied().unwrap_or(0.0)
    }

    pub(super) fn crime_of(&self, c: CrimeType) -> f64 {
        self.crime.get(&c).copied().unwrap_or(0.0)
    }

    pub(super) fn exploitation_exposure(&self) -> f64 {
        self.families
            .iter()
            .filter(|(f, _)| f.is_exploitation())
            .map(|(_, w)| w)
            .sum()
    }
}

/// What the rules need to know about one report.
pub(super) fn report_info(net: &Network, slot: u32) -> ReportInfo {
    let stored = net.stored(slot);
    let e = &stored.evidence;
    let mut families: BTreeSet<IndicatorFamily> = e.indicators.iter().map(|i| i.family).collect();
    for p in &e.persons {
        families.extend(p.indicators.iter().map(|i| i.family));
    }
    ReportInfo {
        weight: stored.weight,
        organised: e.crime_types.iter().any(|c| *c != CrimeType::Other),
        drugs: e.crime_types.iter().any(|c| DRUGS.contains(c)),
        exploitation: e.crime_types.iter().any(|c| EXPLOITATION.contains(c)),
        families,
    }
}

/// What a person's own reports say about them: a function of those reports alone.
pub(super) fn person_info(net: &Network, v: u32) -> PersonInfo {
    let id = &net.nodes[v as usize].id;
    let mut info = PersonInfo::default();
    for &slot in net.reports_of(v) {
        let r = report_info(net, slot);
        let e = &net.stored(slot).evidence;
        info.reports += 1;
        // A person named twice in one report counts once, in their strongest role.
        let facts: Vec<_> = e.persons.iter().filter(|p| p.person == *id).collect();
        if facts.iter().any(|p| p.recorded) {
            info.recorded_reports += 1;
        }
        let role = facts
            .iter()
            .map(|p| p.role)
            .min_by_key(|r| role_rank(*r))
            .unwrap_or(PersonRole::Unknown);
        let personal: BTreeSet<IndicatorFamily> = facts
            .iter()
            .flat_map(|p| p.indicators.iter().map(|i| i.family))
            .collect();
        for p in &facts {
            if let Some(age) = p.age {
                info.youngest = Some(info.youngest.map_or(age.max, |y| y.min(age.max)));
                if age.max < 18 {
                    info.child += r.weight.max(1e-9);
                } else if age.min >= 18 {
                    info.adult += r.weight.max(1e-9);
                }
            }
        }
        if role != PersonRole::Witness {
            for c in &e.crime_types {
                *info.crime.entry(*c).or_default() += r.weight;
            }
        }
        for f in &r.families {
            let share = if personal.contains(f) {
                1.0
            } else if role == PersonRole::Witness {
                0.0
            } else {
                0.5
            };
            if share > 0.0 {
                *info.families.entry(*f).or_default() += share * r.weight;
            }
        }
        match role {
            PersonRole::Subject => info.subject_reports += 1,
            PersonRole::Victim => info.victim_reports += 1,
            _ => {}
        }
        let cce = e
            .crime_types
            .contains(&CrimeType::ChildCriminalExploitation)
            || r.families
                .contains(&IndicatorFamily::ChildCriminalExploitation);
        if cce && matches!(role, PersonRole::Victim | PersonRole::Unknown) {
            info.cce_victim_reports += 1;
        }
        if r.organised {
            info.offending += r.weight
                * match role {
                    PersonRole::Subject => 1.0,
                    PersonRole::Associate => 0.7,
                    PersonRole::Unknown => 0.3,
                    PersonRole::Victim | PersonRole::Witness => 0.0,
                };
        }
        let exploited = r.exploitation
            || personal.iter().any(|f| f.is_exploitation())
            || r.families.iter().any(|f| f.is_exploitation());
        if exploited {
            info.victimhood += r.weight
                * match role {
                    PersonRole::Victim => 1.0,
                    PersonRole::Unknown => 0.6,
                    PersonRole::Subject => 0.25,
                    PersonRole::Associate => 0.2,
                    PersonRole::Witness => 0.0,
                };
        }
    }
    info
}

/// Whether a person's own reports involve them in crime or exploitation enough to take part
/// in group detection (see [`GroupRules::min_offending`] and [`GroupRules::min_victimhood`]).
pub(crate) fn is_involved(net: &Network, v: u32) -> bool {
    involved_by(&person_info(net, v), &net.config.rules)
}

/// Whether what a person's own reports say involves them: offending or exploitation enough,
/// and recorded by at least one report (someone only a report's text names or describes is a
/// lead, not a member).
pub(super) fn involved_by(info: &PersonInfo, rules: &GroupRules) -> bool {
    info.recorded_reports > 0
        && (info.offending >= rules.min_offending || info.victimhood >= rules.min_victimhood)
}

/// A rank of roles by how much they say about involvement, strongest first.
pub(super) fn role_rank(role: PersonRole) -> u8 {
    match role {
        PersonRole::Subject => 0,
        PersonRole::Victim => 1,
        PersonRole::Associate => 2,
        PersonRole::Unknown => 3,
        PersonRole::Witness => 4,
    }
}

/// One component seen by the rules: local node `i` is `nodes[i]`, in entity-id order.
pub(super) struct Component<'a> {
    pub(super) net: &'a Network,
    pub(super) rules: &'a GroupRules,
    pub(super) nodes: &'a [u32],
    pub(super) local: HashMap<u32, usize>,
    pub(super) reports: BTreeMap<u32, ReportInfo>,
    pub(super) persons: Vec<PersonInfo>,
    /// Each local node's index in `projected` (`u32::MAX` for objects).
    pub(super) person_index: Vec<u32>,
    /// The people and the ties between them (see [`Component::project`]).
    pub(super) persons_of_projection: Vec<usize>,
    pub(super) projected: Csr,
}

/// A link between two local nodes from one report, seen from the first.
#[derive(Debug, Clone, Copy)]
pub(super) struct LinkSeen {
    pub(super) other: usize,
    pub(super) link: LinkType,
    /// The link runs from the first node to `other`.
    pub(super) outgoing: bool,
    pub(super) weight: f64,
    pub(super) report: u32,
}

impl<'a> Component<'a> {
    pub(super) fn new(net: &'a Network, nodes: &'a [u32]) -> Component<'a> {
        let local: HashMap<u32, usize> = nodes.iter().enumerate().map(|(i, &v)| (v, i)).collect();
        let mut reports = BTreeMap::new();
        for &v in nodes {
            for &slot in &net.node_reports[v as usize] {
                reports
                    .entry(slot)
                    .or_insert_with(|| report_info(net, slot));
            }
        }
        let persons = nodes
            .iter()
            .map(|&v| {
                if net.nodes[v as usize].kind == EntityKind::Person {
                    person_info(net, v)
                } else {
                    PersonInfo::default()
                }
            })
            .collect();
        Component {
            net,
            rules: &net.config.rules,
            nodes,
            local,
            reports,
            persons,
            person_index: Vec::new(),
            persons_of_projection: Vec::new(),
            projected: Csr::from_edges(0, &[], None),
        }
    }

    pub(super) fn kind(&self, i: usize) -> EntityKind {
        self.net.nodes[self.nodes[i] as usize].kind
    }

    pub(super) fn id(&self, i: usize) -> &EntityId {
        &self.net.nodes[self.nodes[i] as usize].id
    }

    pub(super) fn value(&self, i: usize) -> Option<&String> {
        self.net.nodes[self.nodes[i] as usize].value.as_ref()
    }

    pub(super) fn is_person(&self, i: usize) -> bool {
        self.kind(i) == EntityKind::Person
    }

    /// Whether anything in the component could make a group: without an offender or an
    /// exploited person there is nothing to find.
    pub(super) fn has_signal(&self) -> bool {
        self.persons.iter().any(|p| involved_by(p, self.rules))
    }

    pub(super) fn involved(&self, i: usize) -> bool {
        self.is_person(i) && involved_by(&self.persons[i], self.rules)
    }

    /// Neighbours of `i` inside the component with the summed edge weight.
    pub(super) fn neighbours(&self, i: usize) -> Vec<(usize, f64)> {
        let v = self.nodes[i];
        let mut out: Vec<(usize, f64)> = self.net.adjacency[v as usize]
            .iter()
            .filter_map(|&u| {
                let j = *self.local.get(&u)?;
                Some((j, self.net.edges[&(v.min(u), v.max(u))].weight))
            })
            .collect();
        out.sort_unstable_by_key(|&(j, _)| j);
        out
    }

    /// Every explicit link of `i` inside the component, in neighbour then report order.
    pub(super) fn links(&self, i: usize) -> Vec<LinkSeen> {
        let v = self.nodes[i];
        let mut out = Vec::new();
        for (j, _) in self.neighbours(i) {
            let u = self.nodes[j];
            let edge = &self.net.edges[&(v.min(u), v.max(u))];
            for e in &edge.evidence {
                if let Basis::Link(link) = e.basis {
                    out.push(LinkSeen {
                        other: j,
                        link,
                        outgoing: e.forward == (v < u),
                        weight: e.weight,
                        report: e.report,
                    });
                }
            }
        }
        out
    }

    pub(super) fn edge_evidence(&self, i: usize, j: usize) -> &[EdgeEvidence] {
        let (v, u) = (self.nodes[i], self.nodes[j]);
        self.net
            .edges
            .get(&(v.min(u), v.max(u)))
            .map_or(&[], |e| e.evidence.as_slice())
    }

    pub(super) fn weight(&self, i: usize, j: usize) -> f64 {
        let (v, u) = (self.nodes[i], self.nodes[j]);
        self.net
            .edges
            .get(&(v.min(u), v.max(u)))
            .map_or(0.0, |e| e.weight)
    }

    /// The people of the component and the graph between them that group detection runs on:
    /// their direct edges, plus, for each phone, vehicle or place, a tie between every two of
    /// the people linked to it — as strong as the weaker of their two links, shared out among
    /// the object's people like a report's co-mentions (divided by their number less one).
    /// One's own phone, car and home then add nothing, and two people sharing a deal line, a
    /// trap house or a van are tied through it.
    pub(super) fn project(&mut self) {
        let persons: Vec<usize> = (0..self.nodes.len())
            .filter(|&i| self.is_person(i))
            .collect();
        let mut index = vec![u32::MAX; self.nodes.len()];
        for (k, &i) in persons.iter().enumerate() {
            index[i] = k as u32;
        }
        let mut ties: BTreeMap<(u32, u32), f64> = BTreeMap::new();
        for (k, &i) in persons.iter().enumerate() {
            for (j, w) in self.neighbours(i) {
                let m = index[j];
                if m != u32::MAX && (k as u32) < m {
                    *ties.entry((k as u32, m)).or_default() += w;
                }
            }
        }
        for o in 0..self.nodes.len() {
            if self.is_person(o) {
                continue;
            }
            let users: Vec<(u32, f64)> = self
                .neighbours(o)
                .into_iter()
                .filter(|&(j, _)| index[j] != u32::MAX)
                .map(|(j, _)| (index[j], self.use_weight(j, o)))
                .filter(|&(_, w)| w > 0.0)
                .collect();
            if users.len() < 2 {
                continue;
            }
            let share = 1.0 / (users.len() - 1) as f64;
            for a in 0..users.len() {
                for b in a + 1..users.len() {
                    let (x, y) = (users[a], users[b]);
                    *ties.entry((x.0.min(y.0), x.0.max(y.0))).or_default() += x.1.min(y.1) * share;
                }
            }
        }
        let edges: Vec<(u32, u32)> = ties.keys().copied().collect();
        let weights: Vec<f64> = ties.values().copied().collect();
        self.projected = Csr::from_edges(persons.len(), &edges, Some(&weights));
        self.person_index = index;
        self.persons_of_projection = persons;
    }

    /// The summed tie of person `i` to the people of `set` other than themselves.
    pub(super) fn tie(&self, i: usize, set: &BTreeSet<usize>) -> f64 {
        let k = self.person_index[i];
        if k == u32::MAX {
            return 0.0;
        }
        self.projected
            .neighbours(k as usize)
            .filter(|&(m, _)| {
                let j = self.persons_of_projection[m];
                j != i && set.contains(&j)
            })
            .map(|(_, w)| w)
            .sum()
    }

    /// Drops, round by round, the people of `set` tied to the rest by less than the
    /// attachment threshold: a chain of acquaintances that modularity swept into a community
    /// is not part of the group.
    pub(super) fn prune(&self, mut set: BTreeSet<usize>) -> BTreeSet<usize> {
        loop {
            let weak: Vec<usize> = set
                .iter()
                .copied()
                .filter(|&i| self.tie(i, &set) < self.rules.min_attachment)
                .collect();
            if weak.is_empty() || weak.len() == set.len() {
                return if weak.len() == set.len() {
                    BTreeSet::new()
                } else {
                    set
                };
            }
            for i in weak {
                set.remove(&i);
            }
        }
    }

    /// How strongly person `p` uses object `o`, for the ties between its users: a public
    /// place ties nobody (being seen at the same station or park says nothing of knowing each
    /// other), a business only its workers, managers and residents; other objects their whole
    /// edge.
    pub(super) fn use_weight(&self, p: usize, o: usize) -> f64 {
        let node = &self.net.nodes[self.nodes[o] as usize];
        match (node.kind, node.location_type) {
            (EntityKind::Location, Some(LocationType::Public)) => 0.0,
            (EntityKind::Location, Some(LocationType::Business)) => self
                .edge_evidence(p, o)
                .iter()
                .filter(|e| {
                    matches!(
                        e.basis,
                        Basis::Link(
                            LinkType::WorksAt
                                | LinkType::Controls
                                | LinkType::LivesAt
                                | LinkType::StaysAt
                        )
                    )
                })
                .map(|e| e.weight)
                .sum(),
            _ => self.weight(p, o),
        }
    }

    /// The nodes within `steps` steps of `from`, with their distance, going only where
    /// [`Component::use_weight`] sees a real tie: never through a public place, through a
    /// business only by working, living or being in control there, never through a venue
    /// (venues are outside the component).
    pub(super) fn reach(&self, from: &BTreeSet<usize>, steps: usize) -> BTreeMap<usize, usize> {
        let mut distance: BTreeMap<usize, usize> = from.iter().map(|&i| (i, 0)).collect();
        let mut frontier: Vec<usize> = from.iter().copied().collect();
        for step in 1..=steps {
            let mut next = Vec::new();
            for &x in &frontier {
                for (y, _) in self.neighbours(x) {
                    if distance.contains_key(&y) {
                        continue;
                    }
                    let passable = match (self.is_person(x), self.is_person(y)) {
                        (true, true) => true,
                        (true, false) => self.use_weight(x, y) > 0.0,
                        (false, true) => self.use_weight(y, x) > 0.0,
                        (false, false) => !self.is_public(x) && !self.is_public(y),
                    };
                    if passable {
                        distance.insert(y, step);
                        next.push(y);
                    }
                }
            }
            frontier = next;
        }
        distance
    }

    pub(super) fn is_public(&self, i: usize) -> bool {
        let node = &self.net.nodes[self.nodes[i] as usize];
        node.kind == EntityKind::Location
            && matches!(
                node.location_type,
                Some(LocationType::Public | LocationType::Business)
            )
    }

    /// The phones, vehicles and places next to any of `people`, in order.
    pub(super) fn objects_near(&self, people: &BTreeSet<usize>) -> Vec<usize> {
        let near: BTreeSet<usize> = people
            .iter()
            .flat_map(|&i| self.neighbours(i))
            .map(|(j, _)| j)
            .filter(|&j| !self.is_person(j))
            .collect();
        near.into_iter().collect()
    }

    /// Phones in the component that are deal lines, with their users and drugs reports.
    pub(super) fn deal_lines(&self) -> Vec<(usize, Vec<usize>, usize)> {
        let mut found = Vec::new();
        for i in 0..self.nodes.len() {
            if self.kind(i) != EntityKind::Phone {
                continue;
            }
            let users: BTreeSet<usize> = self
                .links(i)
                .into_iter()
                .filter(|l| {
                    matches!(l.link, LinkType::UsesPhone | LinkType::Controls)
                        && self.is_person(l.other)
                })
                .map(|l| l.other)
                .collect();
            let drug_reports = self.net.node_reports[self.nodes[i] as usize]
                .iter()
                .filter(|s| self.reports[s].drugs)
                .count();
            if users.len() >= self.rules.deal_line_users
                && drug_reports >= self.rules.deal_line_drug_reports
            {
                found.push((i, users.into_iter().collect(), drug_reports));
            }
        }
        found
    }
}
