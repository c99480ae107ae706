//! From communities to groups: the domain rules that decide which Leiden communities are county
//! lines, exploitation networks or organised crime groups, who in them is a member, and in what
//! role.
//!
//! Leiden proposes who belongs together; the evidence decides what that is. A community becomes
//! a group only on criminal evidence — reports of organised crime types in which its people are
//! subjects, exploitation reports and indicators in which they are victims, deal lines,
//! `controls`/`supplies`/`transports` links, repeat co-offending — and only the people that
//! evidence involves become members. A family household, a set of neighbours, a farm's lawful
//! seasonal workers or the elderly victims of a fraud are connected, but carry none of it, so
//! they are never a group, and a runner's parent stays out of the line.
//!
//! Everything here reads one component of the group graph and nothing else, in entity-id and
//! report-ref order, so the groups of a component are a function of its content alone: that is
//! what makes an incremental update give the same groups as a rebuild.
//!
//! The work is split: `evidence` reads what a component's reports say about each person and
//! how people are tied; `rules` turns communities into draft groups; `describe` names each
//! member's role, the group's deal lines, places, crime types and label.

mod describe;
mod evidence;
mod rules;

use crate::input::EntityId;
use crate::leiden::leiden;
use crate::network::Network;
use evidence::Component;
use model::{CrimeType, EntityKind, ReportRef};
use rules::{add_secondary_lines, attach_orphans, classify, merge_split};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

pub(crate) use evidence::is_involved;

/// The kind of a group, as exchange-v1 names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    CountyLine,
    ExploitationNetwork,
    Ocg,
}

impl GroupKind {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupKind::CountyLine => "county_line",
            GroupKind::ExploitationNetwork => "exploitation_network",
            GroupKind::Ocg => "ocg",
        }
    }
}

/// A member's role in a group, as exchange-v1 names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupRole {
    Controller,
    LineHolder,
    Runner,
    Victim,
    Member,
    Associate,
}

impl GroupRole {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupRole::Controller => "controller",
            GroupRole::LineHolder => "line_holder",
            GroupRole::Runner => "runner",
            GroupRole::Victim => "victim",
            GroupRole::Member => "member",
            GroupRole::Associate => "associate",
        }
    }
}

/// A member of a group, with why they are in it in that role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub person: EntityId,
    pub role: GroupRole,
    pub reasons: Vec<String>,
}

/// A county line's deal line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DealLine {
    pub phone: EntityId,
    /// E.164, when the phone entity carries it.
    pub number: Option<String>,
    /// People who use or control it.
    pub users: Vec<EntityId>,
    /// Drugs reports that mention it.
    pub drug_reports: usize,
}

/// A place, phone or vehicle the group uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupObject {
    pub entity: EntityId,
    pub kind: EntityKind,
    pub value: Option<String>,
    /// For a county line's address: a victim member lives there and the line uses it.
    pub cuckooed: bool,
}

/// A detected group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Stable while the group's anchor (its first deal line, or its controller) stays the same.
    pub key: String,
    pub kind: GroupKind,
    pub label: String,
    pub crime_types: Vec<CrimeType>,
    /// In role order, then by id.
    pub members: Vec<Member>,
    pub deal_lines: Vec<DealLine>,
    /// Addresses, vehicles and phones the members share or the group uses.
    pub objects: Vec<GroupObject>,
    /// The reports that concern its members, in ref order.
    pub reports: Vec<ReportRef>,
    /// Why this is a group of this kind.
    pub reasons: Vec<String>,
}

impl Group {
    /// Each member's role, as exchange-v1's `roles` object.
    pub fn roles(&self) -> BTreeMap<&EntityId, GroupRole> {
        self.members.iter().map(|m| (&m.person, m.role)).collect()
    }

    pub fn member_ids(&self) -> Vec<&EntityId> {
        self.members.iter().map(|m| &m.person).collect()
    }

    /// Deal lines in E.164 (or their entity ids when the number is unknown).
    pub fn deal_line_numbers(&self) -> Vec<String> {
        self.deal_lines
            .iter()
            .map(|d| d.number.clone().unwrap_or_else(|| d.phone.to_string()))
            .collect()
    }
}

/// A group being assembled: its kind and the local nodes it holds.
pub(super) struct Draft {
    pub(super) kind: GroupKind,
    pub(super) persons: BTreeSet<usize>,
    pub(super) deal_lines: Vec<(usize, Vec<usize>, usize)>,
    pub(super) reasons: Vec<String>,
}

/// How many steps from a group's tied core its other members may be.
pub(super) const MAX_STEPS: usize = 3;

/// The groups of one component of the group graph. `nodes` are in entity-id order.
pub(crate) fn find(net: &Network, nodes: &[u32]) -> Vec<Group> {
    if nodes.len() < 2 {
        return Vec::new();
    }
    let c = Component::new(net, nodes);
    if !c.has_signal() {
        return Vec::new();
    }
    let mut c = c;
    c.project();
    let c = c;
    let persons = &c.persons_of_projection;
    let communities = leiden(&c.projected, &net.config.leiden);
    let mut membership = vec![u32::MAX; nodes.len()];
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); communities.count];
    for (k, &m) in communities.membership.iter().enumerate() {
        membership[persons[k]] = m;
        members[m as usize].push(persons[k]);
    }
    let deal_lines = c.deal_lines();
    let mut drafts: Vec<Draft> = Vec::new();
    for nodes_of in &members {
        if let Some(d) = classify(&c, nodes_of, &membership, &deal_lines) {
            drafts.push(d);
        }
    }
    let mut drafts = merge_split(&c, drafts);
    attach_orphans(&c, &mut drafts);
    add_secondary_lines(&c, &mut drafts);
    let mut groups: Vec<Group> = drafts
        .into_iter()
        .filter(|d| d.persons.len() >= c.rules.min_members)
        .map(|d| describe::describe(&c, d))
        .collect();
    // Anchors are entities of this component, so keys can only meet here: two groups around
    // one controller are told apart by their first member.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for g in &groups {
        *seen.entry(g.key.clone()).or_default() += 1;
    }
    for g in &mut groups {
        if seen[&g.key] > 1 {
            let first = g
                .members
                .iter()
                .map(|m| m.person.as_str())
                .min()
                .unwrap_or_default();
            g.key = format!("{}~{first}", g.key);
        }
    }
    groups
}

/// Stable ids (`grp_0007`) for groups: each group keeps the id of the previous group it
/// overlaps most (Jaccard of members at least one half, best pairs first, each previous id
/// used once); a new group takes `grp_` and the next number, counting on from `next`.
/// `previous` holds each earlier id with its members.
pub fn stable_group_ids(
    groups: &[&Group],
    previous: &[(String, Vec<EntityId>)],
    next: &mut u64,
) -> Vec<String> {
    let current: Vec<BTreeSet<&EntityId>> = groups
        .iter()
        .map(|g| g.members.iter().map(|m| &m.person).collect())
        .collect();
    let before: Vec<BTreeSet<&EntityId>> =
        previous.iter().map(|(_, m)| m.iter().collect()).collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (g, now) in current.iter().enumerate() {
        for (p, then) in before.iter().enumerate() {
            let shared = now.intersection(then).count();
            if shared == 0 {
                continue;
            }
            let jaccard = shared as f64 / (now.len() + then.len() - shared) as f64;
            if jaccard >= 0.5 {
                pairs.push((jaccard, g, p));
            }
        }
    }
    pairs.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(previous[a.2].0.cmp(&previous[b.2].0))
    });
    let mut ids: Vec<Option<String>> = vec![None; groups.len()];
    let mut used = vec![false; previous.len()];
    for (_, g, p) in pairs {
        if ids[g].is_none() && !used[p] {
            ids[g] = Some(previous[p].0.clone());
            used[p] = true;
        }
    }
    ids.into_iter()
        .map(|id| {
            id.unwrap_or_else(|| {
                *next += 1;
                format!("grp_{:04}", *next)
            })
        })
        .collect()
}
