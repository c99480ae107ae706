//! The network of resolved people, phones, vehicles and places; the groups in it — county
//! lines, exploitation networks, organised crime groups — and the analyst's measures.
//!
//! Pure: [`Entity`] descriptions and per-report [`ReportEvidence`] in, a [`Network`] with its
//! [`Group`]s and answers out. No IO, no store; `model` only for its codes.
//!
//! # Key design decisions
//!
//! - **Evidence is weighed, and kept.** Every edge keeps the reports it rests on ([`Evidence`]):
//!   an explicit link counts by its type, a co-mention is shared out among the report's
//!   entities, and each report's contribution is its grading reliance (a `1/A` report weighs 1,
//!   a `3/D` one 0.16) halved every [`Config::half_life_days`] before [`Config::as_of`].
//!   Shared phones, vehicles and addresses are simply nodes that several people are linked to.
//! - **One compact graph for the algorithms.** The network's own storage (a hash map of edges
//!   with their evidence) suits incremental updates; every algorithm runs on [`csr::Csr`], a
//!   compressed sparse row layout with `u32` node numbers, laid out in entity-id order. It is
//!   our own rather than petgraph's: a contiguous row per node is what makes Leiden and
//!   PageRank faster than igraph on 10,000,000 edges (BENCHMARKS.md), an unweighted graph
//!   stores no weights at all, and the layout is the same whichever order reports arrived in.
//! - **Leiden on people, rules on evidence.** [`leiden()`] (local moving, refinement and
//!   aggregation, with its guarantee of connected communities; seeded; modularity with a
//!   resolution) runs on the people of each part of the graph, tied directly and through the
//!   phones, vehicles and places they share — one's own phone and home add nothing, a shared
//!   deal line or trap house ties its users. Communities are only proposals: [`groups`] keeps a
//!   community as a county line, an exploitation network or an organised crime group only on
//!   criminal evidence (deal lines, roles in reports of organised crime types, exploitation,
//!   `controls`/`supplies`/`transports` links, repeat co-offending), and only the people that
//!   evidence involves become members, each with a role and the reasons for it. A family, a
//!   street, a farm's lawful seasonal workers share as much as a gang does, but carry none of
//!   it.
//! - **Incremental by construction.** Group detection sees one connected part of the *group
//!   graph* at a time: edges with an involved person (or an object next to one) at an end,
//!   venues (places linked to more than [`Config::venue_persons`] people) and public places
//!   left out. The groups of a part are a function of its content alone — entity-id order,
//!   report-ref order, a fixed seed — so [`Network::update`] recomputes only the parts that
//!   hold an entity a report touched, and gets exactly what a full build gets (tested).
//! - **Deterministic.** Parallel work (refinement, aggregation, PageRank, betweenness, the
//!   parts of the graph) is split so that no result depends on the number of threads.

pub mod config;
pub mod csr;
mod error;
pub mod groups;
pub mod input;
pub mod leiden;
pub mod measures;
pub mod network;
pub mod view;

pub use config::{Config, GroupRules, LinkWeights};
pub use error::{GraphError, Result};
pub use groups::{DealLine, Group, GroupKind, GroupObject, GroupRole, Member, stable_group_ids};
pub use input::{
    Entity, EntityId, EvidenceLink, Indicator, IndicatorFamily, PersonFacts, ReportEvidence,
};
pub use leiden::{Communities, LeidenConfig, leiden, modularity};
pub use measures::{PageRankConfig, PathCost};
pub use network::{Basis, EdgeView, Evidence, Network, UpdateSummary};
pub use view::{Neighbour, NeighbourQuery, Neighbourhood, Path, Scored, View};
