//! The threat master list: every detected group and every person or deal line an analyst has
//! promoted, categorised by crime type and ranked by harm, each with its reasons and the
//! sub-scores of its MoRiLE-shaped assessment; and the promotions themselves — an analyst puts a
//! person or a deal line on the list with a reason, and withdraws it with another, both audited,
//! neither ever deleted.
//!
//! The list is drawn from all the force's intelligence, so it is shown only to staff who hold
//! [`Permission::ViewAssessments`]; its labels name people, so reading it asks for a reason and
//! is audited.

use crate::access::Permission;
use crate::audited;
use crate::error::{ApiError, Failure, PageResult};
use crate::pages::{Nav, User, ask_reason, field, form_fields, nav, render, signed_in, url_encode};
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Deserialize)]
pub struct ListQuery {
    reason: Option<String>,
    /// One principal crime type (`drugs_county_lines`, ...), or all.
    crime_type: Option<String>,
    /// What was just done, to say so.
    done: Option<String>,
}

/// One sub-score of a threat's impact.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Part {
    pub name: &'static str,
    pub points: f64,
    /// (points, why)
    pub items: Vec<(f64, String)>,
}

/// One threat on the master list.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ThreatItem {
    pub id: String,
    /// `county_line`, `exploitation_network`, `ocg`, `person` or `deal_line`.
    pub kind: String,
    pub label: String,
    /// The group id, person id or deal line (E.164) it is about.
    pub subject: String,
    /// Principal first.
    pub crime_types: Vec<String>,
    pub score: f64,
    pub rank: i64,
    /// `low`, `medium` or `high`: how far the grading of the evidence supports the score.
    pub confidence: String,
    pub reasons: Vec<String>,
    pub impact: f64,
    pub parts: Vec<Part>,
    pub likelihood: f64,
    pub persistence: f64,
    pub position: f64,
    pub reports: usize,
    /// When it was assessed (RFC 3339).
    pub assessed_at: String,
}

/// A promotion in force.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PromotionItem {
    pub id: i64,
    pub kind: String,
    pub subject: String,
    pub reason: String,
    pub promoted_by: String,
    pub promoted_at: String,
    /// The threat it made, once an analysis has assessed it.
    pub threat: Option<String>,
}

/// The master list as the API gives it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct MasterListView {
    pub threats: Vec<ThreatItem>,
    /// Principal crime types with how many threats each has: (code, label, count).
    pub crime_types: Vec<(String, String, usize)>,
    pub promotions: Vec<PromotionItem>,
    pub total: usize,
}

fn crime_label(code: &str) -> String {
    code.parse::<model::CrimeType>()
        .map(crate::dashboard::crime_label)
        .unwrap_or_else(|_| code.replace('_', " "))
}

pub(crate) fn kind_label(kind: &str) -> &'static str {
    match kind {
        "county_line" => "county line",
        "exploitation_network" => "exploitation network",
        "ocg" => "organised crime group",
        "person" => "person (promoted)",
        "deal_line" => "deal line (promoted)",
        _ => "threat",
    }
}

/// A stored threat as the list shows it.
pub(crate) fn item_of(t: store::ThreatRow) -> ThreatItem {
    let harm: Option<assess::Harm> = serde_json::from_str(&t.harm).ok();
    let parts = harm
        .as_ref()
        .map(|h| {
            [
                ("crime type", &h.crime_type),
                ("physical", &h.physical),
                ("psychological", &h.psychological),
                ("financial", &h.financial),
                ("community", &h.community),
            ]
            .into_iter()
            .map(|(name, s)| Part {
                name,
                points: s.points,
                items: s
                    .items
                    .iter()
                    .map(|i| (i.points, i.reason.clone()))
                    .collect(),
            })
            .collect()
        })
        .unwrap_or_default();
    ThreatItem {
        impact: harm.as_ref().map_or(0.0, |h| h.impact),
        likelihood: harm.as_ref().map_or(0.0, |h| h.likelihood),
        persistence: harm.as_ref().map_or(1.0, |h| h.persistence),
        position: harm.as_ref().map_or(1.0, |h| h.position),
        parts,
        reports: t.reports.len(),
        id: t.id,
        kind: t.kind,
        label: t.label,
        subject: t.subject,
        crime_types: t.crime_types,
        score: t.score,
        rank: t.rank,
        confidence: t.confidence,
        reasons: t.reasons,
        assessed_at: t.assessed_at,
    }
}

async fn load(state: &AppState, crime_type: Option<&str>) -> Result<MasterListView, Failure> {
    let rows = state.store.master_list().threats().await?;
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for t in &rows {
        if let Some(c) = t.crime_types.first() {
            *counts.entry(c.clone()).or_default() += 1;
        }
    }
    let total = rows.len();
    let promoted: std::collections::HashMap<(String, String), String> = rows
        .iter()
        .filter(|t| t.kind == "person" || t.kind == "deal_line")
        .map(|t| ((t.kind.clone(), t.subject.clone()), t.id.clone()))
        .collect();
    let threats = rows
        .into_iter()
        .filter(|t| crime_type.is_none_or(|c| t.crime_types.first().is_some_and(|p| p == c)))
        .map(item_of)
        .collect();
    let promotions = state
        .store
        .master_list()
        .promotions(true)
        .await?
        .into_iter()
        .map(|p| PromotionItem {
            threat: promoted.get(&(p.kind.clone(), p.subject.clone())).cloned(),
            id: p.id,
            kind: p.kind,
            subject: p.subject,
            reason: p.reason,
            promoted_by: p.promoted_by,
            promoted_at: p.promoted_at,
        })
        .collect();
    let mut crime_types: Vec<(String, String, usize)> = counts
        .into_iter()
        .map(|(c, n)| {
            let label = crime_label(&c);
            (c, label, n)
        })
        .collect();
    crime_types.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    Ok(MasterListView {
        threats,
        crime_types,
        promotions,
        total,
    })
}

#[derive(Template)]
#[template(path = "threats.html")]
struct ThreatsPage {
    nav: Option<Nav>,
    list: MasterListView,
    reason: String,
    reason_q: String,
    crime_type: String,
    notice: Option<String>,
    error: Option<String>,
    may_promote: bool,
    csrf: String,
}

impl ThreatsPage {
    fn kind_label(&self, kind: &str) -> &'static str {
        kind_label(kind)
    }
    fn crime_label(&self, code: &str) -> String {
        crime_label(code)
    }
}

fn selected(crime_type: Option<&str>) -> Option<&str> {
    crime_type.map(str::trim).filter(|c| !c.is_empty())
}

async fn page(
    state: &AppState,
    a: &crate::auth::Authed,
    reason: String,
    crime_type: Option<&str>,
    notice: Option<String>,
    error: Option<String>,
) -> PageResult {
    let crime_type = selected(crime_type);
    let list = load(state, crime_type).await?;
    audited::record_read(
        state,
        &a.viewer,
        "view.threats",
        "threat master list",
        &reason,
        serde_json::json!({
            "crime_type": crime_type,
            "shown": list.threats.iter().map(|t| &t.id).collect::<Vec<_>>(),
        }),
    )
    .await?;
    render(&ThreatsPage {
        nav: nav(a, "/threats"),
        list,
        reason_q: url_encode(&reason),
        reason,
        crime_type: crime_type.unwrap_or_default().to_string(),
        notice,
        error,
        may_promote: a.viewer.can(Permission::PromoteThreat),
        csrf: a.csrf().to_string(),
    })
}

pub async fn list(
    State(state): State<AppState>,
    Extension(user): User,
    Query(q): Query<ListQuery>,
) -> PageResult {
    let a = signed_in(&user)?;
    let Some(reason) = audited::reason(q.reason.as_deref()) else {
        return ask_reason(
            a,
            "the threat master list".into(),
            "/threats".into(),
            q.reason.as_deref(),
        );
    };
    let notice = q.done.map(|d| format!("Recorded: {d}."));
    page(&state, a, reason, q.crime_type.as_deref(), notice, None).await
}

pub async fn list_api(
    State(state): State<AppState>,
    Extension(user): User,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> Result<Json<MasterListView>, ApiError> {
    let a = signed_in(&user).map_err(|e| ApiError(e.0))?;
    let reason = crate::api::reason_of(&headers, q.reason.as_deref())?;
    let crime_type = selected(q.crime_type.as_deref());
    let list = load(&state, crime_type).await?;
    audited::record_read(
        &state,
        &a.viewer,
        "api.threats",
        "threat master list",
        &reason,
        serde_json::json!({
            "crime_type": crime_type,
            "shown": list.threats.iter().map(|t| &t.id).collect::<Vec<_>>(),
        }),
    )
    .await?;
    Ok(Json(list))
}

/// What a promotion names, checked: a person the picture holds, or a valid phone number.
async fn subject_of(state: &AppState, kind: &str, subject: &str) -> Result<String, Failure> {
    let subject = subject.trim();
    match kind {
        "person" => {
            let found = state
                .store
                .person_profiles(&[subject.to_string()])
                .await?
                .into_iter()
                .next();
            match found {
                Some(p) => Ok(p.person_id),
                None => Err(Failure::BadRequest(format!(
                    "there is no person {subject:?} in the picture (give an id such as per_000123)"
                ))),
            }
        }
        "deal_line" => model::Phone::parse(subject)
            .e164
            .ok_or_else(|| Failure::BadRequest(format!("{subject:?} is not a valid phone number"))),
        other => Err(Failure::BadRequest(format!(
            "{other:?} cannot be promoted: choose a person or a deal line"
        ))),
    }
}

fn reason_needed(what: &str) -> Failure {
    Failure::BadRequest(format!(
        "{what} needs its reason, of at least {} characters",
        audited::MIN_REASON
    ))
}

/// Promotes a person or a deal line to a threat of its own (audited by the store).
pub async fn promote(
    State(state): State<AppState>,
    Extension(user): User,
    body: Bytes,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let back = field(&f, "back_reason")
        .and_then(|r| audited::reason(Some(&r)))
        .unwrap_or_else(|| "promoting a threat".to_string());
    let kind = field(&f, "kind").unwrap_or_default();
    let attempt = async {
        let reason = audited::reason(field(&f, "reason").as_deref())
            .ok_or_else(|| reason_needed("a promotion"))?;
        let subject = subject_of(&state, &kind, &field(&f, "subject").unwrap_or_default()).await?;
        state
            .store
            .master_list()
            .promote(&kind, &subject, &a.viewer.username, &reason)
            .await?;
        Ok::<String, Failure>(subject)
    };
    match attempt.await {
        Ok(subject) => Ok(Redirect::to(&format!(
            "/threats?reason={}&done={}",
            url_encode(&back),
            url_encode(&format!(
                "{subject} promoted; it joins the ranked list at the next analysis"
            ))
        ))
        .into_response()),
        Err(Failure::BadRequest(m)) | Err(Failure::Conflict(m)) => {
            page(&state, a, back, None, None, Some(m)).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Withdraws a promotion (audited by the store); the record is kept.
pub async fn withdraw(
    State(state): State<AppState>,
    Extension(user): User,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let back = field(&f, "back_reason")
        .and_then(|r| audited::reason(Some(&r)))
        .unwrap_or_else(|| "withdrawing a promotion".to_string());
    let Some(reason) = audited::reason(field(&f, "reason").as_deref()) else {
        let m = reason_needed("withdrawing a promotion").to_string();
        return page(&state, a, back, None, None, Some(m)).await;
    };
    if !state
        .store
        .master_list()
        .withdraw_promotion(id, &a.viewer.username, &reason)
        .await?
    {
        return Err(Failure::NotFound(format!("no promotion {id} in force")).into());
    }
    Ok(Redirect::to(&format!(
        "/threats?reason={}&done={}",
        url_encode(&back),
        url_encode(&format!(
            "promotion {id} withdrawn; its threat leaves the list at the next analysis"
        ))
    ))
    .into_response())
}
