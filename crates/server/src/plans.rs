//! A threat's page and the 4P plans: who leads on it and since when, its plan under Pursue,
//! Prevent, Protect and Prepare (actions with owners, due dates and status; reviews with the
//! next review date, overdue reviews surfaced), the disruptions recorded against it with their
//! impact, assessor and rationale, and its outcomes. The rules are `operations::plan`'s and
//! `operations::disruption`'s; this module records and shows. Plans and rationales may name
//! people, so reads ask why and are audited.

use crate::access::Permission;
use crate::audited;
use crate::error::{ApiError, Failure, PageResult};
use crate::lro::plural;
use crate::ops::{self, NO_MASTER_LIST, Picture, RULES};
use crate::pages::{Nav, User, ask_reason, field, form_fields, nav, render, signed_in, url_encode};
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect};
use axum::{Extension, Json};
use operations::disruption::{Disruption, Impact};
use operations::outcome::{MEASURES, Tally};
use operations::plan::{ActionStatus, Plan, Strand};
use operations::{OfficerId, ThreatId};
use serde::{Deserialize, Serialize};
use time::Duration;

#[derive(Deserialize)]
pub struct ThreatQuery {
    reason: Option<String>,
    done: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ActionView {
    pub id: i64,
    pub strand: String,
    pub description: String,
    pub owner: String,
    pub due_on: String,
    pub status: String,
    pub status_label: String,
    pub overdue: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct StrandView {
    pub id: String,
    pub label: String,
    pub purpose: String,
    pub actions: Vec<ActionView>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ReviewView {
    pub held_on: String,
    pub next_review_on: String,
    pub note: String,
    pub by: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PlanView {
    pub opened_on: String,
    pub next_review_on: String,
    pub review_overdue_days: i64,
    pub live: bool,
    pub strands: Vec<StrandView>,
    pub strands_without_action: Vec<String>,
    pub overdue_actions: usize,
    pub reviews: Vec<ReviewView>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DisruptionView {
    pub occurred_on: String,
    pub strand: String,
    pub impact: String,
    pub impact_label: String,
    pub assessor: String,
    pub rationale: String,
    pub operation: String,
    pub recorded_by: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OutcomeView {
    pub occurred_on: String,
    pub operation: String,
    /// The measures recorded, as people read them ("3 arrests").
    pub counts: Vec<String>,
    pub note: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ThreatView {
    pub id: String,
    pub label: String,
    pub on_master_list: bool,
    pub crime_types: String,
    pub harm: Option<f64>,
    pub rank: Option<usize>,
    pub band: Option<String>,
    pub weight: Option<u32>,
    pub officer: Option<String>,
    pub officer_id: Option<i64>,
    pub officer_since: Option<String>,
    /// Earlier officers: "DI Shah until 2026-11-30".
    pub earlier_officers: Vec<String>,
    pub plan: Option<PlanView>,
    pub disruptions: Vec<DisruptionView>,
    /// Totals by measure: (label, figure).
    pub outcome_totals: Vec<(String, String)>,
    /// Totals by operation: (operation, "4 arrests, 1 deal line closed").
    pub by_operation: Vec<(String, String)>,
    pub outcomes: Vec<OutcomeView>,
    /// The harm assessment with every sub-score, when the threat is on the stored master list.
    pub assessment: Option<crate::master_list::ThreatItem>,
    /// How its harm score moved: (assessed at, score, rank), oldest first.
    pub harm_history: Vec<(String, f64, i64)>,
}

pub fn plan_view(plan: &Plan, records: &store::PlanRecord, today: time::Date) -> PlanView {
    let status = plan.status(&RULES.plan, today);
    PlanView {
        opened_on: plan.opened_on.to_string(),
        next_review_on: status.next_review_on.to_string(),
        review_overdue_days: status.review_overdue_days,
        live: status.live,
        strands: Strand::ALL
            .iter()
            .map(|s| StrandView {
                id: s.as_str().into(),
                label: s.label().into(),
                purpose: s.purpose().into(),
                actions: plan
                    .actions
                    .iter()
                    .filter(|a| a.strand == *s)
                    .map(|a| ActionView {
                        id: a.id,
                        strand: s.as_str().into(),
                        description: a.description.clone(),
                        owner: a.owner.clone(),
                        due_on: a.due_on.to_string(),
                        status: a.status.as_str().into(),
                        status_label: a.status.label().into(),
                        overdue: a.overdue(today),
                    })
                    .collect(),
            })
            .collect(),
        strands_without_action: status
            .strands_without_action
            .iter()
            .map(|s| s.label().to_string())
            .collect(),
        overdue_actions: status.overdue_actions.len(),
        reviews: records
            .reviews
            .iter()
            .map(|r| ReviewView {
                held_on: r.held_on.clone(),
                next_review_on: r.next_review_on.clone(),
                note: r.note.clone(),
                by: r.recorded_by.clone(),
            })
            .collect(),
    }
}

/// What a tally says, measure by measure, leaving out the zeros.
pub fn tally_words(t: &Tally) -> Vec<String> {
    MEASURES
        .iter()
        .filter(|(k, _)| t.get(k) > 0)
        .map(|(k, label)| match *k {
            "custody_months" => format!("{} custody", t.show(k)),
            "cash_pence" => format!("{} cash seized", t.show(k)),
            _ => format!("{} {label}", t.show(k)),
        })
        .collect()
}

async fn threat_view(state: &AppState, p: &Picture, id: &ThreatId) -> Result<ThreatView, Failure> {
    let ops_store = state.store.operations();
    let plan_record = ops_store.plans(Some(id.as_str())).await?.pop();
    let disruptions = ops_store.disruptions(Some(id.as_str())).await?;
    let outcomes = ops_store.outcomes(Some(id.as_str())).await?;
    let history: Vec<store::AllocationRecord> = ops_store
        .allocations(false)
        .await?
        .into_iter()
        .filter(|a| a.threat_id == id.as_str())
        .collect();
    let threat = p.threat(id.as_str());
    let assessment = state
        .store
        .master_list()
        .threat(id.as_str())
        .await?
        .map(crate::master_list::item_of);
    let harm_history = state
        .store
        .master_list()
        .harm_history(id.as_str())
        .await?
        .into_iter()
        .map(|h| (h.assessed_at, h.score, h.rank))
        .collect();
    if threat.is_none()
        && assessment.is_none()
        && plan_record.is_none()
        && disruptions.is_empty()
        && outcomes.is_empty()
        && history.is_empty()
    {
        return Err(Failure::NotFound(format!(
            "no threat {id} on the master list"
        )));
    }
    let weights = p.weights();
    let w = weights.get(id);
    let current = history.iter().find(|a| a.ended_at.is_none());
    let mut total = Tally::default();
    let mut by_op: std::collections::BTreeMap<String, Tally> = Default::default();
    for o in &outcomes {
        let t = ops::tally_of(&o.counts);
        total += t;
        *by_op
            .entry(
                o.operation
                    .clone()
                    .unwrap_or_else(|| "no operation named".into()),
            )
            .or_default() += t;
    }
    Ok(ThreatView {
        id: id.to_string(),
        label: threat
            .map(|t| t.label.clone())
            .or_else(|| assessment.as_ref().map(|a| a.label.clone()))
            .unwrap_or_else(|| id.to_string()),
        assessment,
        harm_history,
        on_master_list: threat.is_some(),
        crime_types: threat.map(ops::crimes).unwrap_or_default(),
        harm: threat.and_then(|t| t.harm),
        rank: w.map(|w| w.rank),
        band: w.map(|w| w.band.to_string()),
        weight: w.map(|w| w.weight),
        officer: current.map(|a| p.name(OfficerId(a.officer_id))),
        officer_id: current.map(|a| a.officer_id),
        officer_since: current.map(|a| a.started_at[..10.min(a.started_at.len())].to_string()),
        earlier_officers: history
            .iter()
            .filter_map(|a| {
                let until = a.ended_at.as_ref()?;
                Some(format!(
                    "{} until {}",
                    p.name(OfficerId(a.officer_id)),
                    &until[..10.min(until.len())]
                ))
            })
            .collect(),
        plan: match &plan_record {
            Some(r) => Some(plan_view(&ops::plan_of(r)?, r, p.today)),
            None => None,
        },
        disruptions: disruptions
            .iter()
            .map(|d| DisruptionView {
                occurred_on: d.occurred_on.clone(),
                strand: Strand::parse(&d.strand)
                    .map(|s| s.label().to_string())
                    .unwrap_or_else(|| d.strand.clone()),
                impact: d.impact.clone(),
                impact_label: Impact::parse(&d.impact)
                    .map(|i| i.label().to_string())
                    .unwrap_or_else(|| d.impact.clone()),
                assessor: d.assessor.clone(),
                rationale: d.rationale.clone(),
                operation: d.operation.clone().unwrap_or_default(),
                recorded_by: d.recorded_by.clone(),
            })
            .collect(),
        outcome_totals: MEASURES
            .iter()
            .map(|(k, label)| (label.to_string(), total.show(k)))
            .collect(),
        by_operation: by_op
            .iter()
            .map(|(op, t)| (op.clone(), tally_words(t).join(", ")))
            .collect(),
        outcomes: outcomes
            .iter()
            .map(|o| OutcomeView {
                occurred_on: o.occurred_on.clone(),
                operation: o.operation.clone().unwrap_or_default(),
                counts: tally_words(&ops::tally_of(&o.counts)),
                note: o.note.clone(),
            })
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "threat.html")]
struct ThreatPage {
    nav: Option<Nav>,
    csrf: String,
    t: ThreatView,
    may_manage: bool,
    today: String,
    next_review: String,
    strands: Vec<(&'static str, &'static str)>,
    impacts: Vec<(&'static str, &'static str)>,
    statuses: Vec<(&'static str, &'static str)>,
    measures: Vec<(&'static str, &'static str)>,
    reason_q: String,
    notice: Option<String>,
    error: Option<String>,
}

async fn threat_page(
    state: &AppState,
    a: &crate::auth::Authed,
    id: &ThreatId,
    reason: &str,
    notice: Option<String>,
    error: Option<String>,
) -> PageResult {
    let p = ops::load(state).await?;
    let t = threat_view(state, &p, id).await?;
    audited::record_read(
        state,
        &a.viewer,
        "view.threat",
        id.as_str(),
        reason,
        serde_json::json!({}),
    )
    .await?;
    render(&ThreatPage {
        nav: nav(a, "/governance"),
        csrf: a.csrf().to_string(),
        may_manage: a.viewer.can(Permission::ManagePlans) && t.on_master_list,
        t,
        today: p.today.to_string(),
        next_review: (p.today + Duration::days(i64::from(RULES.plan.review_every_days)))
            .to_string(),
        strands: Strand::ALL
            .iter()
            .map(|s| (s.as_str(), s.label()))
            .collect(),
        impacts: Impact::ALL
            .iter()
            .map(|i| (i.as_str(), i.label()))
            .collect(),
        statuses: ActionStatus::ALL
            .iter()
            .map(|s| (s.as_str(), s.label()))
            .collect(),
        measures: MEASURES
            .iter()
            .map(|(k, l)| match *k {
                "custody_months" => (*k, "custody (months)"),
                "cash_pence" => (*k, "cash seized (£)"),
                _ => (*k, *l),
            })
            .collect(),
        reason_q: url_encode(reason),
        notice,
        error,
    })
}

pub async fn threat(
    State(state): State<AppState>,
    Extension(user): User,
    Path(id): Path<String>,
    Query(q): Query<ThreatQuery>,
) -> PageResult {
    let a = signed_in(&user)?;
    let id = ops::threat_id(&id)?;
    let Some(reason) = audited::reason(q.reason.as_deref()) else {
        return ask_reason(
            a,
            format!("threat {id}"),
            format!("/threats/{id}"),
            q.reason.as_deref(),
        );
    };
    threat_page(
        &state,
        a,
        &id,
        &reason,
        q.done.map(|d| format!("Recorded: {d}.")),
        None,
    )
    .await
}

pub async fn threat_api(
    State(state): State<AppState>,
    Extension(user): User,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<ThreatQuery>,
) -> Result<Json<ThreatView>, ApiError> {
    let a = signed_in(&user).map_err(|e| ApiError(e.0))?;
    let reason = crate::api::reason_of(&headers, q.reason.as_deref())?;
    let id = ops::threat_id(&id)?;
    let p = ops::load(&state).await?;
    let t = threat_view(&state, &p, &id).await?;
    audited::record_read(
        &state,
        &a.viewer,
        "api.threat",
        id.as_str(),
        &reason,
        serde_json::json!({}),
    )
    .await?;
    Ok(Json(t))
}

/// Runs a change to a threat on the master list and returns to its page, or shows the page
/// with what was wrong.
async fn change<F>(
    state: &AppState,
    a: &crate::auth::Authed,
    id: &str,
    what: &str,
    f: F,
) -> PageResult
where
    F: AsyncFnOnce(&Picture, &ThreatId) -> Result<(), Failure>,
{
    let id = ops::threat_id(id)?;
    let p = ops::load(state).await?;
    let result = if p.threat(id.as_str()).is_none() {
        Err(Failure::NotFound(match p.threats {
            None => NO_MASTER_LIST.to_string(),
            Some(_) => format!("{id} is not an active threat on the master list"),
        }))
    } else {
        f(&p, &id).await
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!(
            "/threats/{id}?done={}&reason={}",
            url_encode(what),
            url_encode(&format!("after recording {what}"))
        ))
        .into_response()),
        Err(Failure::BadRequest(m)) => {
            let mut page =
                threat_page(state, a, &id, &format!("recording {what}"), None, Some(m)).await?;
            *page.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(page)
        }
        Err(e) => Err(e.into()),
    }
}

async fn the_plan(state: &AppState, id: &ThreatId) -> Result<Plan, Failure> {
    let r = state
        .store
        .operations()
        .plans(Some(id.as_str()))
        .await?
        .pop()
        .ok_or_else(|| Failure::BadRequest("open the threat's 4P plan first".into()))?;
    ops::plan_of(&r)
}

pub async fn open_plan(
    State(state): State<AppState>,
    Extension(user): User,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    change(
        &state,
        a,
        &id,
        "the 4P plan",
        async |p: &Picture, id: &ThreatId| {
            let on = ops::parse_day(
                &field(&f, "opened_on").unwrap_or_default(),
                "the date opened",
            )?;
            if on > p.today {
                return Err(Failure::BadRequest(
                    "a plan cannot be opened in the future".into(),
                ));
            }
            if !state
                .store
                .operations()
                .open_plan(id.as_str(), &on.to_string(), &a.viewer.username)
                .await?
            {
                return Err(Failure::BadRequest(
                    "this threat already has a 4P plan".into(),
                ));
            }
            Ok(())
        },
    )
    .await
}

pub async fn add_action(
    State(state): State<AppState>,
    Extension(user): User,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let get = |k: &str| field(&f, k).unwrap_or_default();
    change(
        &state,
        a,
        &id,
        "the action",
        async |_p: &Picture, id: &ThreatId| {
            let plan = the_plan(&state, id).await?;
            let strand = Strand::parse(&get("strand"))
                .ok_or_else(|| Failure::BadRequest("choose the P the action is under".into()))?;
            let due = ops::parse_day(&get("due_on"), "the due date")?;
            plan.check_action(&get("description"), &get("owner"), due)
                .map_err(|e| Failure::BadRequest(e.to_string()))?;
            state
                .store
                .operations()
                .add_plan_action(store::NewPlanAction {
                    threat_id: id.to_string(),
                    strand: strand.as_str().into(),
                    description: get("description"),
                    owner: get("owner"),
                    due_on: due.to_string(),
                    actor: a.viewer.username.clone(),
                })
                .await?;
            Ok(())
        },
    )
    .await
}

pub async fn set_action(
    State(state): State<AppState>,
    Extension(user): User,
    Path((id, action)): Path<(String, i64)>,
    body: Bytes,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let get = |k: &str| field(&f, k).unwrap_or_default();
    change(
        &state,
        a,
        &id,
        "the action's status",
        async |_p: &Picture, id: &ThreatId| {
            let status = ActionStatus::parse(&get("status"))
                .ok_or_else(|| Failure::BadRequest("choose the action's status".into()))?;
            let note = get("note");
            if note.chars().count() < 4 {
                return Err(Failure::BadRequest("add a note: what happened".into()));
            }
            if !state
                .store
                .operations()
                .set_action_status(
                    id.as_str(),
                    action,
                    status.as_str(),
                    &a.viewer.username,
                    &note,
                )
                .await?
            {
                return Err(Failure::NotFound(format!(
                    "no action {action} on this plan"
                )));
            }
            Ok(())
        },
    )
    .await
}

pub async fn add_review(
    State(state): State<AppState>,
    Extension(user): User,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let get = |k: &str| field(&f, k).unwrap_or_default();
    change(
        &state,
        a,
        &id,
        "the review",
        async |p: &Picture, id: &ThreatId| {
            let plan = the_plan(&state, id).await?;
            let held = ops::parse_day(&get("held_on"), "the date held")?;
            let next = ops::parse_day(&get("next_review_on"), "the next review date")?;
            plan.check_review(&RULES.plan, held, next, &get("note"), p.today)
                .map_err(|e| Failure::BadRequest(e.to_string()))?;
            state
                .store
                .operations()
                .add_plan_review(
                    id.as_str(),
                    store::PlanReviewRecord {
                        held_on: held.to_string(),
                        next_review_on: next.to_string(),
                        note: get("note"),
                        recorded_by: a.viewer.username.clone(),
                    },
                )
                .await?;
            Ok(())
        },
    )
    .await
}

pub async fn add_disruption(
    State(state): State<AppState>,
    Extension(user): User,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let get = |k: &str| field(&f, k).unwrap_or_default();
    change(
        &state,
        a,
        &id,
        "the disruption",
        async |p: &Picture, id: &ThreatId| {
            let d = Disruption {
                occurred_on: ops::parse_day(&get("occurred_on"), "the date")?,
                strand: Strand::parse(&get("strand")).ok_or_else(|| {
                    Failure::BadRequest("choose the P the disruption is under".into())
                })?,
                impact: Impact::parse(&get("impact"))
                    .ok_or_else(|| Failure::BadRequest("choose the impact".into()))?,
                assessor: get("assessor"),
                rationale: get("rationale"),
                operation: Some(get("operation")).filter(|o| !o.is_empty()),
            };
            d.check(p.today)
                .map_err(|e| Failure::BadRequest(e.to_string()))?;
            state
                .store
                .operations()
                .add_disruption(store::NewDisruption {
                    threat_id: id.to_string(),
                    occurred_on: d.occurred_on.to_string(),
                    strand: d.strand.as_str().into(),
                    impact: d.impact.as_str().into(),
                    assessor: d.assessor,
                    rationale: d.rationale,
                    operation: d.operation,
                    actor: a.viewer.username.clone(),
                })
                .await?;
            Ok(())
        },
    )
    .await
}

/// A form's count: blank is 0; cash is in pounds (pence allowed).
fn count_of(key: &str, label: &str, s: &str) -> Result<i64, Failure> {
    let s = s.trim().replace(',', "");
    if s.is_empty() {
        return Ok(0);
    }
    let bad = || Failure::BadRequest(format!("{label} must be a whole number, 0 or more"));
    if key == "cash_pence" {
        let s = s.trim_start_matches('£');
        let (pounds, pence) = s.split_once('.').unwrap_or((s, "0"));
        let pounds: i64 = pounds.parse().map_err(|_| bad())?;
        let pence: i64 = format!("{pence:0<2}")[..2].parse().map_err(|_| bad())?;
        if pounds < 0 {
            return Err(bad());
        }
        return Ok(pounds * 100 + pence);
    }
    s.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(bad)
}

pub async fn add_outcome(
    State(state): State<AppState>,
    Extension(user): User,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let get = |k: &str| field(&f, k).unwrap_or_default();
    change(
        &state,
        a,
        &id,
        "the outcomes",
        async |p: &Picture, id: &ThreatId| {
            let on = ops::parse_day(&get("occurred_on"), "the date")?;
            if on > p.today {
                return Err(Failure::BadRequest(
                    "outcomes cannot be recorded before they happen".into(),
                ));
            }
            let mut counts = [0i64; 11];
            for (i, (key, label)) in MEASURES.iter().enumerate() {
                counts[i] = count_of(key, label, &get(key))?;
            }
            if counts.iter().all(|c| *c == 0) {
                return Err(Failure::BadRequest("record at least one outcome".into()));
            }
            state
                .store
                .operations()
                .add_outcome(store::NewOutcome {
                    threat_id: id.to_string(),
                    operation: Some(get("operation")).filter(|o| !o.is_empty()),
                    occurred_on: on.to_string(),
                    counts,
                    note: get("note"),
                    actor: a.viewer.username.clone(),
                })
                .await?;
            Ok(())
        },
    )
    .await
}

// ---------------------------------------------------------------- every plan

pub struct PlanRow {
    pub threat: String,
    pub label: String,
    pub rank: usize,
    pub band: &'static str,
    pub officer: String,
    /// `no plan`, `live`, `review overdue by 9 days`, `nothing under way`.
    pub status: String,
    pub warn: bool,
    pub next_review: String,
    pub overdue_actions: usize,
    pub missing: String,
    pub disruptions: usize,
}

#[derive(Template)]
#[template(path = "plans.html")]
struct PlansPage {
    nav: Option<Nav>,
    rows: Vec<PlanRow>,
    overdue: usize,
    without: usize,
    reason_q: String,
    no_master_list: Option<&'static str>,
}

/// One row per active threat: overdue reviews first, then threats without a plan, then by harm.
pub async fn plan_rows(state: &AppState, p: &Picture) -> Result<Vec<PlanRow>, Failure> {
    let plans = state.store.operations().plans(None).await?;
    let disruptions = state.store.operations().disruptions(None).await?;
    let weights = p.weights();
    let year_ago = p.today - Duration::days(365);
    let mut rows: Vec<(i64, PlanRow)> = Vec::new();
    for t in p.threats() {
        let w = &weights[&t.id];
        let record = plans.iter().find(|r| r.threat_id == t.id.as_str());
        let plan = record.map(ops::plan_of).transpose()?;
        let status = plan.as_ref().map(|x| x.status(&RULES.plan, p.today));
        let (text, warn, order) = match &status {
            None => ("no plan".to_string(), true, 1),
            Some(s) if s.review_overdue() => (
                format!(
                    "review overdue by {}",
                    plural(s.review_overdue_days as usize, "day", "days")
                ),
                true,
                2 + s.review_overdue_days,
            ),
            Some(s) if !s.live => ("nothing under way".to_string(), true, 1),
            Some(_) => ("live".to_string(), false, 0),
        };
        rows.push((
            order,
            PlanRow {
                threat: t.id.to_string(),
                label: t.label.clone(),
                rank: w.rank,
                band: w.band,
                officer: p
                    .current
                    .get(&t.id)
                    .map(|o| p.name(*o))
                    .unwrap_or_else(|| "none".into()),
                status: text,
                warn,
                next_review: status
                    .as_ref()
                    .map(|s| s.next_review_on.to_string())
                    .unwrap_or_default(),
                overdue_actions: status.as_ref().map_or(0, |s| s.overdue_actions.len()),
                missing: status
                    .as_ref()
                    .map(|s| {
                        s.strands_without_action
                            .iter()
                            .map(|x| x.label())
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default(),
                disruptions: disruptions
                    .iter()
                    .filter(|d| d.threat_id == t.id.as_str())
                    .filter(|d| ops::parse_day(&d.occurred_on, "").is_ok_and(|x| x >= year_ago))
                    .count(),
            },
        ));
    }
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.rank.cmp(&b.1.rank)));
    Ok(rows.into_iter().map(|(_, r)| r).collect())
}

pub async fn list(
    State(state): State<AppState>,
    Extension(user): User,
    Query(q): Query<ThreatQuery>,
) -> PageResult {
    let a = signed_in(&user)?;
    let Some(reason) = audited::reason(q.reason.as_deref()) else {
        return ask_reason(
            a,
            "the 4P plans".into(),
            "/plans".into(),
            q.reason.as_deref(),
        );
    };
    let p = ops::load(&state).await?;
    let rows = plan_rows(&state, &p).await?;
    audited::record_read(
        &state,
        &a.viewer,
        "view.plans",
        "plans",
        &reason,
        serde_json::json!({"threats": rows.len()}),
    )
    .await?;
    render(&PlansPage {
        nav: nav(a, "/governance"),
        overdue: rows
            .iter()
            .filter(|r| r.status.starts_with("review overdue"))
            .count(),
        without: rows.iter().filter(|r| r.status == "no plan").count(),
        rows,
        reason_q: url_encode(&reason),
        no_master_list: p.threats.is_none().then_some(NO_MASTER_LIST),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_from_forms() {
        assert_eq!(count_of("arrests", "arrests", "").unwrap(), 0);
        assert_eq!(count_of("arrests", "arrests", " 4 ").unwrap(), 4);
        assert!(count_of("arrests", "arrests", "-1").is_err());
        assert!(count_of("arrests", "arrests", "two").is_err());
        assert_eq!(
            count_of("cash_pence", "cash", "£12,500").unwrap(),
            1_250_000
        );
        assert_eq!(count_of("cash_pence", "cash", "3.5").unwrap(), 350);
        assert_eq!(count_of("cash_pence", "cash", "3.05").unwrap(), 305);
    }
}
