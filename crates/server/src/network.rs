//! The network as JSON: the groups `analyse` found (county lines, exploitation networks,
//! organised crime groups) and the analyst's measures — an entity's neighbours page by page,
//! shortest and k-shortest paths, degree, betweenness, eigenvector and PageRank centrality,
//! connected components and the most connected entities.
//!
//! Handling codes: every answer is worked out on the network built from the reports the viewer
//! may see ([`Viewer::may_see`]) — staff the whole picture, a partner the `P`-coded reports and
//! their own — never on the full network filtered afterwards, where a neighbour count, a link's
//! weight, a path through a hidden link or a component's size would still rest on intelligence
//! they may not see. Groups likewise: staff see the `full` visibility, anyone else the
//! `shareable` one, found again from `P`-coded reports alone. Every answer names people or the
//! things they use, so each read needs a reason and is audited before it is sent.
//!
//! The networks are built from the snapshot the last analysis saved
//! ([`analysis::NetworkSnapshot`]) and kept until a newer one is saved.

use crate::access::Viewer;
use crate::api::reason_of;
use crate::audited;
use crate::auth::Authed;
use crate::error::{ApiError, ApiResult, Failure};
use crate::state::AppState;
use analysis::{Naming, NetworkSnapshot};
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::{Extension, Json};
use graph::{EntityId, NeighbourQuery, Network, PageRankConfig, PathCost};
use model::{EntityKind, HandlingCode};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use store::Visibility;
use utoipa::ToSchema;

type User = Extension<Option<Authed>>;

/// Betweenness costs O(n·m): above this many entities the caller is asked for a group or a list.
const MAX_BETWEENNESS_ENTITIES: usize = 5000;
/// The most paths asked for at once.
const MAX_PATHS: usize = 10;
/// Networks kept built at once (the full one, the shareable one, partners with reports of
/// their own); beyond this the cache starts again.
const MAX_BUILT: usize = 8;

/// The networks built for viewers from one saved snapshot.
#[derive(Default)]
pub struct NetworkCache {
    /// The stamp of the snapshot they were built from.
    stamp: Option<String>,
    snapshot: Option<Arc<NetworkSnapshot>>,
    /// By which reports they were built from: `all`, `shareable`, `user:<id>`.
    built: HashMap<String, Arc<Network>>,
}

fn signed_in(user: &Option<Authed>) -> Result<&Authed, ApiError> {
    user.as_ref().ok_or(ApiError(Failure::Unauthorized))
}

/// Whether `viewer` may see every report, whatever its handling code.
fn sees_everything(viewer: &Viewer) -> bool {
    viewer.may_see(HandlingCode::C, None)
}

/// The groups' visibility `viewer` is shown.
fn visibility_for(viewer: &Viewer) -> Visibility {
    if sees_everything(viewer) {
        Visibility::Full
    } else {
        Visibility::Shareable
    }
}

/// The network built from the reports `viewer` may see.
async fn network_for(state: &AppState, viewer: &Viewer) -> Result<Arc<Network>, Failure> {
    let no_network = || Failure::NotFound("no network yet: run `sightline analyse`".into());
    let stamp = NetworkSnapshot::stamp(state.store.as_ref())
        .await?
        .ok_or_else(no_network)?;
    // One build at a time: on a shared machine two would only slow each other.
    let mut cache = state.networks.lock().await;
    if cache.stamp.as_deref() != Some(stamp.as_str()) {
        let snapshot = NetworkSnapshot::load(state.store.as_ref())
            .await?
            .ok_or_else(no_network)?;
        *cache = NetworkCache {
            stamp: Some(stamp),
            snapshot: Some(Arc::new(snapshot)),
            built: HashMap::new(),
        };
    }
    let snapshot = cache.snapshot.clone().ok_or_else(no_network)?;
    // The reports a partner submitted themselves they may see whatever their code.
    let own: HashSet<String> = if sees_everything(viewer) {
        HashSet::new()
    } else {
        state
            .store
            .workflow(None, Some(viewer.id), i64::from(i32::MAX))
            .await?
            .into_iter()
            .map(|w| w.report_ref)
            .filter(|r| {
                snapshot
                    .reports
                    .binary_search_by(|s| s.report_ref.as_str().cmp(r.as_str()))
                    .is_ok_and(|i| snapshot.reports[i].handling != HandlingCode::P)
            })
            .collect()
    };
    let (key, naming) = if sees_everything(viewer) {
        ("all".to_string(), Naming::Full)
    } else if own.is_empty() {
        ("shareable".to_string(), Naming::Shareable)
    } else {
        (format!("user:{}", viewer.id), Naming::Shareable)
    };
    if let Some(net) = cache.built.get(&key) {
        return Ok(net.clone());
    }
    let who = viewer.clone();
    let net = tokio::task::spawn_blocking(move || {
        snapshot.network(
            |r| {
                let submitted_by = own.contains(&r.report_ref).then_some(who.id);
                who.may_see(r.handling, submitted_by)
            },
            naming,
        )
    })
    .await
    .map_err(|e| Failure::Internal(format!("building the network: {e}")))??;
    let net = Arc::new(net);
    if cache.built.len() >= MAX_BUILT {
        cache.built.clear();
    }
    cache.built.insert(key, net.clone());
    Ok(net)
}

/// Runs a measure off the request threads.
async fn compute<T: Send + 'static>(
    net: Arc<Network>,
    work: impl FnOnce(&Network) -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    tokio::task::spawn_blocking(move || work(&net))
        .await
        .map_err(|e| Failure::Internal(format!("a network measure: {e}")))?
}

fn graph_failure(e: graph::GraphError) -> Failure {
    match e {
        graph::GraphError::UnknownEntity(id) => Failure::NotFound(format!("no entity {id}")),
        e => Failure::Internal(e.to_string()),
    }
}

fn entity_id(text: &str, field: &str) -> Result<EntityId, Failure> {
    EntityId::try_from(text.trim()).map_err(|e| Failure::BadRequest(format!("`{field}`: {e}")))
}

/// `person,phone` → the kinds; empty for all.
fn kinds_of(text: Option<&str>) -> Result<Vec<EntityKind>, Failure> {
    text.unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(|k| {
            k.parse::<EntityKind>().map_err(|_| {
                Failure::BadRequest(format!(
                    "`kinds`: {k:?} is not person, location, phone or vehicle"
                ))
            })
        })
        .collect()
}

fn cost_of(text: Option<&str>) -> Result<PathCost, Failure> {
    match text.unwrap_or("hops") {
        "hops" => Ok(PathCost::Hops),
        "inverse_weight" => Ok(PathCost::InverseWeight),
        other => Err(Failure::BadRequest(format!(
            "`cost`: {other:?} is not hops or inverse_weight"
        ))),
    }
}

fn cost_name(cost: PathCost) -> &'static str {
    match cost {
        PathCost::Hops => "hops",
        PathCost::InverseWeight => "inverse_weight",
    }
}

/// An entity as answers show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EntityRef {
    pub id: String,
    /// `person`, `location`, `phone` or `vehicle`.
    pub kind: String,
    /// A person's name (for a partner, only a name a `P`-coded report gives), a phone's
    /// number, a registration, an address.
    pub value: Option<String>,
}

fn entity_ref(net: &Network, id: &EntityId) -> EntityRef {
    let e = net.entity(id);
    EntityRef {
        id: id.to_string(),
        kind: e.map(|e| e.kind.as_str()).unwrap_or_default().to_string(),
        value: e.and_then(|e| e.value.clone()),
    }
}

// ---------------------------------------------------------------- groups

#[derive(Deserialize)]
pub struct GroupsQuery {
    reason: Option<String>,
    /// Only groups of this kind.
    kind: Option<String>,
}

/// A group as lists show it.
#[derive(Serialize, ToSchema)]
pub struct GroupSummary {
    pub id: String,
    /// `county_line`, `exploitation_network` or `ocg`.
    pub kind: String,
    pub label: String,
    /// Strongest first.
    pub crime_types: Vec<String>,
    pub members: usize,
    /// A county line's deal lines (E.164 where known, otherwise the phone's id).
    pub deal_lines: Vec<String>,
    /// Reports it rests on.
    pub reports: usize,
}

#[derive(Serialize, ToSchema)]
pub struct GroupList {
    /// `full` for the force's staff; `shareable` (found from `P`-coded reports alone) for
    /// partners.
    pub visibility: String,
    pub groups: Vec<GroupSummary>,
}

/// The groups the viewer may be shown.
pub async fn groups(
    State(state): State<AppState>,
    Extension(user): User,
    headers: HeaderMap,
    Query(q): Query<GroupsQuery>,
) -> ApiResult<GroupList> {
    let a = signed_in(&user)?;
    let reason = reason_of(&headers, q.reason.as_deref())?;
    let visibility = visibility_for(&a.viewer);
    let rows = state.store.network().groups(visibility).await?;
    let groups: Vec<GroupSummary> = rows
        .into_iter()
        .filter(|g| q.kind.as_deref().is_none_or(|k| g.kind == k))
        .map(|g| GroupSummary {
            members: g.members.len(),
            deal_lines: g
                .deal_lines
                .iter()
                .map(|d| d.number.clone().unwrap_or_else(|| d.phone.clone()))
                .collect(),
            reports: g.reports.len(),
            id: g.id,
            kind: g.kind,
            label: g.label,
            crime_types: g.crime_types,
        })
        .collect();
    audited::record_read(
        &state,
        &a.viewer,
        "api.groups",
        "groups",
        &reason,
        serde_json::json!({
            "visibility": visibility.as_str(),
            "kind": q.kind,
            "shown": groups.iter().map(|g| &g.id).collect::<Vec<_>>(),
        }),
    )
    .await?;
    Ok(Json(GroupList {
        visibility: visibility.as_str().into(),
        groups,
    }))
}

#[derive(Deserialize)]
pub struct ReasonQuery {
    reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct GroupMemberView {
    pub person_id: String,
    /// For a partner, only a name a `P`-coded report gives.
    pub name: Option<String>,
    /// `controller`, `line_holder`, `runner`, `victim`, `member` or `associate`.
    pub role: String,
    pub reasons: Vec<String>,
    /// The group's reports that mention them.
    pub reports: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct DealLineView {
    pub phone: String,
    pub number: Option<String>,
    pub users: Vec<String>,
    pub drug_reports: i64,
}

#[derive(Serialize, ToSchema)]
pub struct GroupObjectView {
    pub entity: String,
    /// `phone`, `vehicle` or `location`.
    pub kind: String,
    pub value: Option<String>,
    /// A place the line uses where an exploited member lives.
    pub cuckooed: bool,
}

#[derive(Serialize, ToSchema)]
pub struct GroupReportView {
    #[serde(rename = "ref")]
    pub reference: String,
    pub handling: String,
}

#[derive(Serialize, ToSchema)]
pub struct GroupDetail {
    pub id: String,
    pub visibility: String,
    pub kind: String,
    pub label: String,
    pub crime_types: Vec<String>,
    /// Why this is a group of its kind.
    pub reasons: Vec<String>,
    /// Who runs it first.
    pub members: Vec<GroupMemberView>,
    pub deal_lines: Vec<DealLineView>,
    pub objects: Vec<GroupObjectView>,
    pub reports: Vec<GroupReportView>,
}

/// One group as the viewer may be shown it; a group they may not see is not found.
pub async fn group(
    State(state): State<AppState>,
    Extension(user): User,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<ReasonQuery>,
) -> ApiResult<GroupDetail> {
    let a = signed_in(&user)?;
    let visibility = visibility_for(&a.viewer);
    let g = state
        .store
        .network()
        .group(&id, visibility)
        .await?
        .ok_or_else(|| Failure::NotFound(format!("no group {id}")))?;
    let reason = reason_of(&headers, q.reason.as_deref())?;
    let ids: Vec<String> = g.members.iter().map(|m| m.person_id.clone()).collect();
    let names: HashMap<String, Option<String>> = state
        .store
        .person_profiles(&ids)
        .await?
        .into_iter()
        .map(|p| {
            let name = match visibility {
                Visibility::Full => Some(p.display_name),
                Visibility::Shareable => p.shareable_name,
            };
            (p.person_id, name)
        })
        .collect();
    audited::record_read(
        &state,
        &a.viewer,
        "api.group",
        &g.id,
        &reason,
        serde_json::json!({"visibility": visibility.as_str(), "members": ids}),
    )
    .await?;
    Ok(Json(GroupDetail {
        visibility: visibility.as_str().into(),
        members: g
            .members
            .into_iter()
            .map(|m| GroupMemberView {
                name: names.get(&m.person_id).cloned().flatten(),
                person_id: m.person_id,
                role: m.role,
                reasons: m.reasons,
                reports: m.reports,
            })
            .collect(),
        deal_lines: g
            .deal_lines
            .into_iter()
            .map(|d| DealLineView {
                phone: d.phone,
                number: d.number,
                users: d.users,
                drug_reports: d.drug_reports,
            })
            .collect(),
        objects: g
            .objects
            .into_iter()
            .map(|o| GroupObjectView {
                entity: o.entity,
                kind: o.kind,
                value: o.value,
                cuckooed: o.cuckooed,
            })
            .collect(),
        reports: g
            .reports
            .into_iter()
            .map(|r| GroupReportView {
                reference: r.report_ref,
                handling: r.handling.as_str().into(),
            })
            .collect(),
        id: g.id,
        kind: g.kind,
        label: g.label,
        crime_types: g.crime_types,
        reasons: g.reasons,
    }))
}

// ---------------------------------------------------------------- neighbours

#[derive(Deserialize)]
pub struct NeighboursQuery {
    reason: Option<String>,
    offset: Option<usize>,
    limit: Option<usize>,
    /// Comma-separated kinds: `person,phone`.
    kinds: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct NeighbourView {
    #[serde(flatten)]
    pub entity: EntityRef,
    /// The link's summed weight (grading reliance × recency, over its reports).
    pub weight: f64,
    /// Reports the link rests on.
    pub reports: usize,
}

#[derive(Serialize, ToSchema)]
pub struct NeighboursView {
    pub entity: EntityRef,
    /// Neighbours of the asked kinds in all.
    pub total: usize,
    pub offset: usize,
    /// Strongest link first.
    pub neighbours: Vec<NeighbourView>,
    /// Neighbours after this page: "and 340 more".
    pub more: usize,
}

/// A page of an entity's neighbours, strongest link first.
pub async fn neighbours(
    State(state): State<AppState>,
    Extension(user): User,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<NeighboursQuery>,
) -> ApiResult<NeighboursView> {
    let a = signed_in(&user)?;
    let reason = reason_of(&headers, q.reason.as_deref())?;
    let id = entity_id(&id, "id")?;
    let query = NeighbourQuery {
        offset: q.offset.unwrap_or(0),
        limit: q.limit.unwrap_or(50).clamp(1, 1000),
        kinds: kinds_of(q.kinds.as_deref())?,
    };
    let net = network_for(&state, &a.viewer).await?;
    let (view, shown) = {
        let id = id.clone();
        let query = query.clone();
        compute(net, move |net| {
            let page = net.neighbourhood(&id, &query).map_err(graph_failure)?;
            let shown: Vec<String> = page
                .neighbours
                .iter()
                .map(|n| n.entity.to_string())
                .collect();
            let view = NeighboursView {
                entity: entity_ref(net, &page.entity),
                total: page.total,
                offset: page.offset,
                neighbours: page
                    .neighbours
                    .into_iter()
                    .map(|n| NeighbourView {
                        entity: EntityRef {
                            id: n.entity.to_string(),
                            kind: n.kind.as_str().into(),
                            value: n.value,
                        },
                        weight: n.weight,
                        reports: n.reports,
                    })
                    .collect(),
                more: page.more,
            };
            Ok((view, shown))
        })
        .await?
    };
    audited::record_read(
        &state,
        &a.viewer,
        "api.graph.neighbours",
        id.as_str(),
        &reason,
        serde_json::json!({"offset": query.offset, "limit": query.limit, "shown": shown}),
    )
    .await?;
    Ok(Json(view))
}

// ---------------------------------------------------------------- paths

#[derive(Deserialize)]
pub struct PathsQuery {
    reason: Option<String>,
    from: Option<String>,
    to: Option<String>,
    /// How many paths, shortest first (1 to 10; 1 by default).
    k: Option<usize>,
    /// `hops` (by default) or `inverse_weight`.
    cost: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PathView {
    /// From the first entity to the last.
    pub entities: Vec<EntityRef>,
    /// The weight of each link along it.
    pub weights: Vec<f64>,
    /// Its length under the cost asked for.
    pub cost: f64,
}

#[derive(Serialize, ToSchema)]
pub struct PathsView {
    pub from: String,
    pub to: String,
    pub cost: String,
    /// Shortest first; none when the two are not connected.
    pub paths: Vec<PathView>,
}

/// The shortest path, or the k shortest loopless paths, between two entities.
pub async fn paths(
    State(state): State<AppState>,
    Extension(user): User,
    headers: HeaderMap,
    Query(q): Query<PathsQuery>,
) -> ApiResult<PathsView> {
    let a = signed_in(&user)?;
    let reason = reason_of(&headers, q.reason.as_deref())?;
    let required = |v: &Option<String>, field: &str| -> Result<EntityId, Failure> {
        let text = v
            .as_deref()
            .ok_or_else(|| Failure::BadRequest(format!("give `{field}`: an entity id")))?;
        entity_id(text, field)
    };
    let (from, to) = (required(&q.from, "from")?, required(&q.to, "to")?);
    let k = q.k.unwrap_or(1);
    if !(1..=MAX_PATHS).contains(&k) {
        return Err(ApiError(Failure::BadRequest(format!(
            "`k`: between 1 and {MAX_PATHS}"
        ))));
    }
    let cost = cost_of(q.cost.as_deref())?;
    let net = network_for(&state, &a.viewer).await?;
    let view = {
        let (from, to) = (from.clone(), to.clone());
        compute(net, move |net| {
            let found = net
                .view()
                .k_shortest_paths(&from, &to, k, cost)
                .map_err(graph_failure)?;
            Ok(PathsView {
                from: from.to_string(),
                to: to.to_string(),
                cost: cost_name(cost).into(),
                paths: found
                    .into_iter()
                    .map(|p| PathView {
                        entities: p.entities.iter().map(|e| entity_ref(net, e)).collect(),
                        weights: p.weights,
                        cost: p.cost,
                    })
                    .collect(),
            })
        })
        .await?
    };
    audited::record_read(
        &state,
        &a.viewer,
        "api.graph.paths",
        &format!("{from} {to}"),
        &reason,
        serde_json::json!({
            "k": k, "cost": cost_name(cost),
            "shown": view.paths.iter().map(|p| p.entities.iter().map(|e| &e.id).collect::<Vec<_>>()).collect::<Vec<_>>(),
        }),
    )
    .await?;
    Ok(Json(view))
}

// ---------------------------------------------------------------- centrality

#[derive(Deserialize)]
pub struct CentralityQuery {
    reason: Option<String>,
    /// `degree`, `betweenness`, `eigenvector` or `pagerank`.
    measure: Option<String>,
    /// Within one group's members and objects (as the viewer sees the group).
    group: Option<String>,
    /// Within these entities, comma-separated.
    entities: Option<String>,
    /// Only list entities of these kinds (the scores are of the whole scope).
    kinds: Option<String>,
    limit: Option<usize>,
    /// For betweenness: `hops` (by default) or `inverse_weight`.
    cost: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ScoredView {
    #[serde(flatten)]
    pub entity: EntityRef,
    pub score: f64,
}

#[derive(Serialize, ToSchema)]
pub struct RankingView {
    pub measure: String,
    /// `network`, a group id, or `entities`.
    pub scope: String,
    /// Entities the scores were worked out over.
    pub entities: usize,
    /// Highest first, then by id.
    pub ranking: Vec<ScoredView>,
    /// Entities of the asked kinds after these.
    pub more: usize,
}

/// Which entities a measure is worked out over.
enum Scope {
    Network,
    Group(String, Vec<EntityId>),
    Entities(Vec<EntityId>),
}

impl Scope {
    fn name(&self) -> String {
        match self {
            Scope::Network => "network".into(),
            Scope::Group(id, _) => id.clone(),
            Scope::Entities(_) => "entities".into(),
        }
    }
}

async fn scope_of(
    state: &AppState,
    viewer: &Viewer,
    group: Option<&str>,
    entities: Option<&str>,
) -> Result<Scope, Failure> {
    match (group, entities) {
        (Some(_), Some(_)) => Err(Failure::BadRequest(
            "give `group` or `entities`, not both".into(),
        )),
        (Some(id), None) => {
            let g = state
                .store
                .network()
                .group(id, visibility_for(viewer))
                .await?
                .ok_or_else(|| Failure::NotFound(format!("no group {id}")))?;
            let ids = g
                .members
                .iter()
                .map(|m| m.person_id.as_str())
                .chain(g.objects.iter().map(|o| o.entity.as_str()))
                .map(|e| entity_id(e, "group"))
                .collect::<Result<_, _>>()?;
            Ok(Scope::Group(g.id, ids))
        }
        (None, Some(list)) => {
            let ids: Vec<EntityId> = list
                .split(',')
                .filter(|e| !e.trim().is_empty())
                .map(|e| entity_id(e, "entities"))
                .collect::<Result<_, _>>()?;
            if ids.is_empty() {
                return Err(Failure::BadRequest("`entities`: give at least one".into()));
            }
            Ok(Scope::Entities(ids))
        }
        (None, None) => Ok(Scope::Network),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Measure {
    Degree,
    Betweenness,
    Eigenvector,
    PageRank,
    MostConnected,
}

impl Measure {
    fn name(self) -> &'static str {
        match self {
            Measure::Degree => "degree",
            Measure::Betweenness => "betweenness",
            Measure::Eigenvector => "eigenvector",
            Measure::PageRank => "pagerank",
            Measure::MostConnected => "most_connected",
        }
    }
}

struct RankingAsk {
    measure: Measure,
    scope: Scope,
    kinds: Vec<EntityKind>,
    limit: usize,
    cost: PathCost,
}

/// A measure's ranking over its scope, worked out on the viewer's network, read audited.
async fn ranking(
    state: &AppState,
    viewer: &Viewer,
    ask: RankingAsk,
    reason: &str,
) -> Result<RankingView, Failure> {
    let net = network_for(state, viewer).await?;
    let scope_name = ask.scope.name();
    let view = compute(net, move |net| {
        let view = match &ask.scope {
            Scope::Network => net.view(),
            // A partner's view of a group is drawn from the reports they may see; an entity
            // their network lacks is left out rather than named as hidden.
            Scope::Group(_, ids) => {
                let present: Vec<EntityId> = ids
                    .iter()
                    .filter(|id| net.entity(id).is_some())
                    .cloned()
                    .collect();
                net.view_of(&present).map_err(graph_failure)?
            }
            Scope::Entities(ids) => net.view_of(ids).map_err(graph_failure)?,
        };
        if ask.measure == Measure::Betweenness && view.entity_count() > MAX_BETWEENNESS_ENTITIES {
            return Err(Failure::BadRequest(format!(
                "betweenness over {} entities takes too long; ask within a group (`group=`) or \
                 a list of entities (`entities=`) of at most {MAX_BETWEENNESS_ENTITIES}",
                view.entity_count()
            )));
        }
        let scored = match ask.measure {
            Measure::Degree => view.degree(),
            Measure::Betweenness => view.betweenness(ask.cost),
            Measure::Eigenvector => view.eigenvector(),
            Measure::PageRank => view.pagerank(&PageRankConfig::default()),
            Measure::MostConnected => view.most_connected(usize::MAX, &[]),
        };
        let of_kinds: Vec<graph::Scored> = scored
            .into_iter()
            .filter(|s| ask.kinds.is_empty() || ask.kinds.contains(&s.kind))
            .collect();
        let more = of_kinds.len().saturating_sub(ask.limit);
        Ok(RankingView {
            measure: ask.measure.name().into(),
            scope: scope_name,
            entities: view.entity_count(),
            ranking: of_kinds
                .into_iter()
                .take(ask.limit)
                .map(|s| ScoredView {
                    entity: entity_ref(net, &s.entity),
                    score: s.score,
                })
                .collect(),
            more,
        })
    })
    .await?;
    audited::record_read(
        state,
        viewer,
        &format!("api.graph.{}", ask.measure.name()),
        &view.scope,
        reason,
        serde_json::json!({
            "shown": view.ranking.iter().map(|s| &s.entity.id).collect::<Vec<_>>(),
        }),
    )
    .await?;
    Ok(view)
}

/// Degree, betweenness, eigenvector or PageRank centrality over the network, a group or a
/// list of entities, highest first.
pub async fn centrality(
    State(state): State<AppState>,
    Extension(user): User,
    headers: HeaderMap,
    Query(q): Query<CentralityQuery>,
) -> ApiResult<RankingView> {
    let a = signed_in(&user)?;
    let measure = match q.measure.as_deref() {
        Some("degree") => Measure::Degree,
        Some("betweenness") => Measure::Betweenness,
        Some("eigenvector") => Measure::Eigenvector,
        Some("pagerank") => Measure::PageRank,
        other => {
            return Err(ApiError(Failure::BadRequest(format!(
                "`measure`: {} is not degree, betweenness, eigenvector or pagerank",
                other.map_or("nothing".to_string(), |m| format!("{m:?}"))
            ))));
        }
    };
    let kinds = kinds_of(q.kinds.as_deref())?;
    let cost = cost_of(q.cost.as_deref())?;
    let reason = reason_of(&headers, q.reason.as_deref())?;
    let scope = scope_of(&state, &a.viewer, q.group.as_deref(), q.entities.as_deref()).await?;
    let ask = RankingAsk {
        measure,
        scope,
        kinds,
        limit: q.limit.unwrap_or(50).clamp(1, 1000),
        cost,
    };
    Ok(Json(ranking(&state, &a.viewer, ask, &reason).await?))
}

#[derive(Deserialize)]
pub struct MostConnectedQuery {
    reason: Option<String>,
    kinds: Option<String>,
    limit: Option<usize>,
    group: Option<String>,
}

/// The most connected entities by summed link weight (i2's "List Most Connected").
pub async fn most_connected(
    State(state): State<AppState>,
    Extension(user): User,
    headers: HeaderMap,
    Query(q): Query<MostConnectedQuery>,
) -> ApiResult<RankingView> {
    let a = signed_in(&user)?;
    let kinds = kinds_of(q.kinds.as_deref())?;
    let reason = reason_of(&headers, q.reason.as_deref())?;
    let scope = scope_of(&state, &a.viewer, q.group.as_deref(), None).await?;
    let ask = RankingAsk {
        measure: Measure::MostConnected,
        scope,
        kinds,
        limit: q.limit.unwrap_or(50).clamp(1, 1000),
        cost: PathCost::Hops,
    };
    Ok(Json(ranking(&state, &a.viewer, ask, &reason).await?))
}

// ---------------------------------------------------------------- components

#[derive(Deserialize)]
pub struct ComponentsQuery {
    reason: Option<String>,
    /// Components listed (largest first); 20 by default.
    limit: Option<usize>,
    /// Entities listed of each; 50 by default.
    members: Option<usize>,
    /// Only components of at least this many entities; 2 by default.
    min_size: Option<usize>,
}

#[derive(Serialize, ToSchema)]
pub struct ComponentView {
    pub size: usize,
    /// In id order.
    pub entities: Vec<EntityRef>,
    /// Entities after these.
    pub more: usize,
}

#[derive(Serialize, ToSchema)]
pub struct ComponentsView {
    /// Components of at least `min_size` entities.
    pub count: usize,
    /// Entities in the network.
    pub entities: usize,
    /// Largest first.
    pub components: Vec<ComponentView>,
    /// Components after these.
    pub more: usize,
}

/// The connected components of the viewer's network, largest first.
pub async fn components(
    State(state): State<AppState>,
    Extension(user): User,
    headers: HeaderMap,
    Query(q): Query<ComponentsQuery>,
) -> ApiResult<ComponentsView> {
    let a = signed_in(&user)?;
    let reason = reason_of(&headers, q.reason.as_deref())?;
    let limit = q.limit.unwrap_or(20).clamp(1, 1000);
    let members = q.members.unwrap_or(50).clamp(1, 1000);
    let min_size = q.min_size.unwrap_or(2).max(1);
    let net = network_for(&state, &a.viewer).await?;
    let view = compute(net, move |net| {
        let whole = net.view();
        let all: Vec<Vec<EntityId>> = whole
            .components()
            .into_iter()
            .filter(|c| c.len() >= min_size)
            .collect();
        Ok(ComponentsView {
            count: all.len(),
            entities: whole.entity_count(),
            more: all.len().saturating_sub(limit),
            components: all
                .iter()
                .take(limit)
                .map(|c| ComponentView {
                    size: c.len(),
                    entities: c.iter().take(members).map(|e| entity_ref(net, e)).collect(),
                    more: c.len().saturating_sub(members),
                })
                .collect(),
        })
    })
    .await?;
    audited::record_read(
        &state,
        &a.viewer,
        "api.graph.components",
        "network",
        &reason,
        serde_json::json!({
            "limit": limit, "members": members, "min_size": min_size,
            "shown": view.components.iter().map(|c| c.entities.iter().map(|e| &e.id).collect::<Vec<_>>()).collect::<Vec<_>>(),
        }),
    )
    .await?;
    Ok(Json(view))
}
