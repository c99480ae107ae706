//! The JSON API under `/api/`: the same authorisation, handling-code filtering and audit as
//! the pages. Reads of personal data need a `reason` (query parameter or `X-Access-Reason`
//! header). The OpenAPI description is generated from the route table, so every API route is
//! described and none is described that does not exist.

use crate::access::{Permission, Viewer};
use crate::audited;
use crate::auth::Authed;
use crate::error::{ApiError, ApiResult, Failure};
use crate::intake::Submission;
use crate::routes::ROUTES;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use store::ReportFilter;
use utoipa::ToSchema;

type User = Extension<Option<Authed>>;

fn signed_in(user: &Option<Authed>) -> Result<&Authed, ApiError> {
    user.as_ref().ok_or(ApiError(Failure::Unauthorized))
}

/// The reason given for a read: `?reason=` or the `X-Access-Reason` header.
pub(crate) fn reason_of(headers: &HeaderMap, query: Option<&str>) -> Result<String, ApiError> {
    let header = headers.get("x-access-reason").and_then(|v| v.to_str().ok());
    audited::reason(query.or(header)).ok_or_else(|| {
        ApiError(Failure::BadRequest(format!(
            "say why you are reading this: give `reason` (at least {} characters) as a query \
             parameter or the X-Access-Reason header",
            audited::MIN_REASON
        )))
    })
}

#[derive(Serialize, ToSchema)]
pub struct Me {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub organisation: Option<String>,
    /// What the role may do.
    pub permissions: Vec<String>,
}

pub async fn me(Extension(user): User) -> ApiResult<Me> {
    let a = signed_in(&user)?;
    let v = &a.viewer;
    let all = [
        Permission::ViewPicture,
        Permission::SubmitReport,
        Permission::SubmitPartnerReport,
        Permission::Triage,
        Permission::DecideResolution,
        Permission::ViewAudit,
        Permission::ManageUsers,
    ];
    Ok(Json(Me {
        username: v.username.clone(),
        display_name: v.display_name.clone(),
        role: v.role.as_str().into(),
        organisation: v.organisation.clone(),
        permissions: all
            .into_iter()
            .filter(|p| v.can(*p))
            .map(|p| {
                serde_json::to_value(p)
                    .ok()
                    .and_then(|x| x.as_str().map(str::to_string))
                    .unwrap_or_default()
            })
            .collect(),
    }))
}

/// A report as lists show it.
#[derive(Serialize, ToSchema)]
pub struct ReportItem {
    #[serde(rename = "ref")]
    pub reference: String,
    pub version: i64,
    pub received: String,
    pub source_type: String,
    pub source_org: Option<String>,
    /// 3x5x2, e.g. `2/C/P`.
    pub grading: String,
    pub handling_conditions: Option<String>,
    pub crime_types: Vec<String>,
    pub area: Option<String>,
    pub status: Option<String>,
}

fn item_of(s: store::ReportSummary, v: &Viewer) -> ReportItem {
    ReportItem {
        reference: s.report_ref,
        version: s.version,
        received: s.received,
        source_type: s.source_type,
        source_org: s.source_org,
        grading: s.grading,
        // Staff see the conditions beside the report.
        handling_conditions: if v.is_staff() { s.conditions } else { None },
        crime_types: s
            .crime_types
            .iter()
            .map(|c| c.as_str().to_string())
            .collect(),
        area: s.area,
        status: s.status,
    }
}

#[derive(Deserialize)]
pub struct ListQuery {
    before: Option<i64>,
    limit: Option<i64>,
    status: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ReportList {
    pub reports: Vec<ReportItem>,
    /// Pass as `before` for the next page.
    pub next_before: Option<i64>,
}

/// Reports the caller may see, newest first. Lists carry no report text or entities, so they
/// are not reads of personal data; opening a report is.
pub async fn reports(
    State(state): State<AppState>,
    Extension(user): User,
    Query(q): Query<ListQuery>,
) -> ApiResult<ReportList> {
    let a = signed_in(&user)?;
    let v = &a.viewer;
    let limit = q.limit.unwrap_or(100).clamp(1, 1000);
    let rows = state
        .store
        .report_summaries(ReportFilter {
            shareable_or_submitted_by: (v.role == crate::Role::Partner).then_some(v.id),
            status: q.status,
            before_id: q.before,
            limit,
        })
        .await?;
    let next_before = (rows.len() as i64 == limit)
        .then(|| rows.last().map(|r| r.id))
        .flatten();
    Ok(Json(ReportList {
        reports: rows.into_iter().map(|r| item_of(r, v)).collect(),
        next_before,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct Submitted {
    #[serde(rename = "ref")]
    pub reference: String,
    /// `accepted`, `unchanged` or `superseded`.
    pub outcome: String,
}

/// Submits one exchange-v1 record (the same validation as `sightline ingest`).
pub async fn submit_report(
    State(state): State<AppState>,
    Extension(user): User,
    Json(record): Json<serde_json::Value>,
) -> ApiResult<Submitted> {
    let a = signed_in(&user)?;
    let submission = Submission {
        actor: a.viewer.username.clone(),
        submitted_by: Some(a.viewer.id),
        organisation: a.viewer.organisation.clone(),
        channel: "officer",
    };
    let (reference, outcome) = crate::intake::store_line(
        &state,
        &record.to_string(),
        &submission,
        "new",
        "report.submit",
        None,
    )
    .await?;
    Ok(Json(Submitted {
        reference,
        outcome: match outcome {
            store::WriteOutcome::Accepted => "accepted".into(),
            store::WriteOutcome::Unchanged => "unchanged".into(),
            store::WriteOutcome::Superseded { .. } => "superseded".into(),
        },
    }))
}

#[derive(Deserialize)]
pub struct ReasonQuery {
    reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ReportDetail {
    #[serde(flatten)]
    pub item: ReportItem,
    pub text: String,
    /// Persons, locations, phones, vehicles and links as exchange-v1 structures with their
    /// normalised forms.
    #[schema(value_type = Object)]
    pub entities: serde_json::Value,
}

pub async fn report(
    State(state): State<AppState>,
    Extension(user): User,
    headers: HeaderMap,
    Path(reference): Path<String>,
    Query(q): Query<ReasonQuery>,
) -> ApiResult<ReportDetail> {
    let a = signed_in(&user)?;
    let (r, workflow) = crate::pages::visible_report(&state, &a.viewer, &reference).await?;
    let reason = reason_of(&headers, q.reason.as_deref())?;
    audited::record_read(
        &state,
        &a.viewer,
        "api.report",
        &reference,
        &reason,
        serde_json::json!({}),
    )
    .await?;
    let summary = store::ReportSummary {
        id: r.id,
        report_ref: r.report_ref.clone(),
        version: r.version,
        received: crate::auth::time_text(r.received),
        source_type: r.source_type.as_str().into(),
        source_org: r.source_org.clone(),
        grading: r.grading.code(),
        handling: r.grading.handling,
        conditions: r.grading.conditions.clone(),
        crime_types: r.crime_types.clone(),
        area: r.area.clone(),
        text: r.text.clone(),
        mentions: r.entities.persons.len() as i64,
        status: workflow.as_ref().map(|w| w.status.clone()),
        channel: workflow.as_ref().map(|w| w.channel.clone()),
        submitted_by: workflow.and_then(|w| w.submitted_by),
    };
    Ok(Json(ReportDetail {
        item: item_of(summary, &a.viewer),
        text: r.text,
        entities: serde_json::to_value(&r.entities).unwrap_or_default(),
    }))
}

/// One mention of a person, from a report the viewer may see.
#[derive(Serialize, ToSchema)]
pub struct MentionView {
    pub mention: String,
    pub report: String,
    pub received: String,
    pub grading: String,
    pub handling: String,
    pub role: String,
    pub name: Option<String>,
    pub dob: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PersonView {
    pub id: String,
    pub names: Vec<String>,
    pub dobs: Vec<String>,
    pub mentions: Vec<MentionView>,
    /// Mentions resting on intelligence the viewer may not see: counted, never shown.
    pub hidden: usize,
}

/// A resolved person as `viewer` may see them: only mentions from reports they may see. A
/// person with no such mention is not found.
pub async fn person_for(
    state: &AppState,
    viewer: &Viewer,
    id: &str,
) -> Result<PersonView, Failure> {
    let mentions = state.store.mentions_of_person(id).await?;
    let refs: BTreeSet<&str> = mentions
        .iter()
        .filter_map(|m| m.split_once('#').map(|(r, _)| r))
        .collect();
    let mut shown = Vec::new();
    let mut hidden = 0;
    let mut names = BTreeSet::new();
    let mut dobs = BTreeSet::new();
    for reference in refs {
        let Some(report) = state.store.report(reference).await? else {
            continue;
        };
        let submitted_by = state
            .store
            .report_workflow(reference)
            .await?
            .and_then(|w| w.submitted_by);
        let in_report: Vec<&String> = mentions
            .iter()
            .filter(|m| m.split_once('#').is_some_and(|(r, _)| r == reference))
            .collect();
        if !viewer.may_see(report.grading.handling, submitted_by) {
            hidden += in_report.len();
            continue;
        }
        let mut in_text: Option<Vec<store::TextMention>> = None;
        for m in in_report {
            let local = m.split_once('#').map(|(_, l)| l).unwrap_or_default();
            let Some(p) = report
                .entities
                .persons
                .iter()
                .find(|p| p.id.as_str() == local)
            else {
                // A person found in the report's text.
                if in_text.is_none() {
                    in_text = Some(state.store.text_mentions(Some(reference)).await?);
                }
                let found = in_text
                    .iter()
                    .flatten()
                    .find(|t| &t.mention == m && t.kind == model::EntityKind::Person);
                if let Some(t) = found {
                    shown.push(MentionView {
                        mention: m.clone(),
                        report: reference.to_string(),
                        received: crate::auth::time_text(report.received),
                        grading: report.grading.code(),
                        handling: report.grading.handling.as_str().into(),
                        role: "named_in_text".into(),
                        name: Some(t.display.clone()),
                        dob: None,
                    });
                }
                continue;
            };
            let name = p
                .name
                .as_ref()
                .map(|n| n.display())
                .filter(|n| !n.is_empty());
            let dob = p.dob.and_then(|d| d.iso());
            names.extend(name.clone());
            dobs.extend(dob.clone());
            shown.push(MentionView {
                mention: m.clone(),
                report: reference.to_string(),
                received: crate::auth::time_text(report.received),
                grading: report.grading.code(),
                handling: report.grading.handling.as_str().into(),
                role: p.role.as_str().into(),
                name: p.name_raw.clone(),
                dob,
            });
        }
    }
    if shown.is_empty() {
        return Err(Failure::NotFound(format!("no person {id}")));
    }
    shown.sort_by(|a, b| b.received.cmp(&a.received));
    Ok(PersonView {
        id: id.to_string(),
        names: names.into_iter().collect(),
        dobs: dobs.into_iter().collect(),
        mentions: shown,
        hidden,
    })
}

pub async fn person(
    State(state): State<AppState>,
    Extension(user): User,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<ReasonQuery>,
) -> ApiResult<PersonView> {
    let a = signed_in(&user)?;
    let view = person_for(&state, &a.viewer, &id).await?;
    let reason = reason_of(&headers, q.reason.as_deref())?;
    audited::record_read(
        &state,
        &a.viewer,
        "api.person",
        &id,
        &reason,
        serde_json::json!({}),
    )
    .await?;
    Ok(Json(view))
}

#[derive(Deserialize)]
pub struct AuditQuery {
    actor: Option<String>,
    action: Option<String>,
    subject: Option<String>,
    reason: Option<String>,
    from: Option<String>,
    to: Option<String>,
    limit: Option<usize>,
}

#[derive(Serialize, ToSchema)]
pub struct AuditItem {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: Option<String>,
    pub reason: Option<String>,
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
    pub hash: String,
}

pub async fn audit(
    State(state): State<AppState>,
    Extension(user): User,
    Query(q): Query<AuditQuery>,
) -> ApiResult<Vec<AuditItem>> {
    let a = signed_in(&user)?;
    let filter = crate::pages::AuditFilter::parse(
        q.actor.as_deref(),
        q.action.as_deref(),
        q.subject.as_deref(),
        q.reason.as_deref(),
        q.from.as_deref(),
        q.to.as_deref(),
    )?;
    let entries =
        crate::pages::audit_matches(&state, &filter, q.limit.unwrap_or(200).min(5000)).await?;
    audited::record_read(
        &state,
        &a.viewer,
        "api.audit",
        "audit trail",
        "audit review",
        serde_json::to_value(&filter).unwrap_or_default(),
    )
    .await?;
    Ok(Json(
        entries
            .into_iter()
            .map(|e| AuditItem {
                id: e.id,
                at: e.at,
                actor: e.actor,
                action: e.action,
                subject: e.subject,
                reason: e.reason,
                details: serde_json::from_str(&e.details).unwrap_or_default(),
                hash: e.hash,
            })
            .collect(),
    ))
}

#[derive(Deserialize)]
pub struct NormaliseQuery {
    kind: String,
    value: String,
}

#[derive(Serialize, ToSchema)]
pub struct Normalised {
    pub valid: bool,
    pub normalised: Option<String>,
    pub problem: Option<String>,
}

/// Normalises one value exactly as ingest does, for live validation of forms.
pub async fn normalise(Query(q): Query<NormaliseQuery>) -> ApiResult<Normalised> {
    let v = q.value.trim();
    let (normalised, problem) = match q.kind.as_str() {
        "phone" => {
            let p = model::Phone::parse(v);
            (
                p.e164,
                Some("not a valid phone number; it will be kept as written".to_string()),
            )
        }
        "vrm" => {
            let r = model::Vrm::parse(v);
            let recognised = r.is_uk_format();
            (
                r.normalised.filter(|_| recognised),
                Some("not a UK registration format; it will be kept as written".to_string()),
            )
        }
        "postcode" => (
            model::Postcode::parse(v).ok().map(|p| p.to_string()),
            Some("not a UK postcode".to_string()),
        ),
        "dob" => {
            let today = time::OffsetDateTime::now_utc().date();
            match model::BirthDate::parse(v, today) {
                Ok(d) => (
                    Some(d.iso().unwrap_or_else(|| match d {
                        model::BirthDate::Age { age } => format!("age {}–{}", age.min, age.max),
                        model::BirthDate::Year { year } => format!("born {year}"),
                        model::BirthDate::Month { year, month } => {
                            format!("born {year}-{month:02}")
                        }
                        model::BirthDate::Day { .. } => String::new(),
                    })),
                    None,
                ),
                Err(e) => (None, Some(e.to_string())),
            }
        }
        other => {
            return Err(ApiError(Failure::BadRequest(format!(
                "cannot normalise {other:?}"
            ))));
        }
    };
    Ok(Json(Normalised {
        valid: normalised.is_some(),
        problem: if normalised.is_some() { None } else { problem },
        normalised,
    }))
}

/// The query parameters of an API route, as (name, type, required, description).
fn query_parameters(method: &str, path: &str) -> Vec<QueryParameter> {
    let reason = (
        "reason",
        "string",
        false,
        format!(
            "Why you are reading this (at least {} characters; or the X-Access-Reason header). \
             Required for reads of personal data.",
            audited::MIN_REASON
        ),
    );
    match (method, path) {
        ("GET", "/api/search") => {
            let mut p = vec![
                (
                    "q",
                    "string",
                    false,
                    "Words, \"a phrase\", -excluded, a name (however spelt) with a date of \
                     birth, a phone, a registration or a postcode; `q` or a filter is needed"
                        .to_string(),
                ),
                reason,
                ("page", "integer", false, "Page of reports, from 1".into()),
                (
                    "page_size",
                    "integer",
                    false,
                    "Reports a page (default 20, at most 100)".into(),
                ),
                (
                    "people_page",
                    "integer",
                    false,
                    "Page of people, from 1".into(),
                ),
                (
                    "sort",
                    "string",
                    false,
                    "`relevance` (the default) or `newest`".into(),
                ),
            ];
            for f in search::Facet::ALL {
                p.push((
                    f.param(),
                    "string",
                    false,
                    format!(
                        "Narrow to this {} (repeat for any of several); counts are of what you \
                         may see",
                        f.label().to_lowercase()
                    ),
                ));
            }
            p
        }
        ("GET", "/api/audit") => vec![
            (
                "actor",
                "string",
                false,
                "Who: part of the account name".into(),
            ),
            (
                "action",
                "string",
                false,
                "What: part of the action (`view.person`, `search`…)".into(),
            ),
            (
                "subject",
                "string",
                false,
                "Part of the subject (a report, a person, a search)".into(),
            ),
            ("reason", "string", false, "Part of the reason given".into()),
            (
                "from",
                "string",
                false,
                "When: from this day, `YYYY-MM-DD` (UTC)".into(),
            ),
            (
                "to",
                "string",
                false,
                "When: to this day, `YYYY-MM-DD` (UTC), inclusive".into(),
            ),
            (
                "limit",
                "integer",
                false,
                "At most this many, newest first (default 200, at most 5000)".into(),
            ),
        ],
        ("GET", "/api/reports") => vec![
            (
                "before",
                "integer",
                false,
                "The `next_before` of the previous page".into(),
            ),
            (
                "limit",
                "integer",
                false,
                "At most this many (default 100, at most 1000)".into(),
            ),
            (
                "status",
                "string",
                false,
                "Only reports in this triage state".into(),
            ),
        ],
        ("GET", "/api/normalise") => vec![
            (
                "kind",
                "string",
                true,
                "`phone`, `vrm`, `postcode` or `dob`".into(),
            ),
            ("value", "string", true, "The value as typed".into()),
        ],
        ("GET", "/api/groups") => vec![
            reason,
            (
                "kind",
                "string",
                false,
                "Only groups of this kind: `county_line`, `exploitation_network` or `ocg`".into(),
            ),
        ],
        ("GET", "/api/graph/entities/{id}/neighbours") => vec![
            reason,
            (
                "offset",
                "integer",
                false,
                "Neighbours to skip (default 0)".into(),
            ),
            (
                "limit",
                "integer",
                false,
                "Neighbours a page (default 50, at most 1000)".into(),
            ),
            kinds(),
        ],
        ("GET", "/api/graph/paths") => vec![
            reason,
            ("from", "string", true, "The first entity's id".into()),
            ("to", "string", true, "The last entity's id".into()),
            (
                "k",
                "integer",
                false,
                "How many loopless paths, shortest first (default 1, at most 10)".into(),
            ),
            cost(),
        ],
        ("GET", "/api/graph/centrality") => vec![
            reason,
            (
                "measure",
                "string",
                true,
                "`degree`, `betweenness`, `eigenvector` or `pagerank`".into(),
            ),
            group(),
            (
                "entities",
                "string",
                false,
                "Within these entities only, comma-separated ids".into(),
            ),
            kinds(),
            limit(),
            cost(),
        ],
        ("GET", "/api/graph/most-connected") => vec![reason, group(), kinds(), limit()],
        ("GET", "/api/graph/components") => vec![
            reason,
            (
                "limit",
                "integer",
                false,
                "Components listed, largest first (default 20, at most 1000)".into(),
            ),
            (
                "members",
                "integer",
                false,
                "Entities listed of each component (default 50, at most 1000)".into(),
            ),
            (
                "min_size",
                "integer",
                false,
                "Only components of at least this many entities (default 2)".into(),
            ),
        ],
        _ if method == "GET" => vec![reason],
        _ => Vec::new(),
    }
}

type QueryParameter = (&'static str, &'static str, bool, String);

fn kinds() -> QueryParameter {
    (
        "kinds",
        "string",
        false,
        "Only entities of these kinds, comma-separated: `person`, `location`, `phone`, \
         `vehicle`"
            .into(),
    )
}

fn cost() -> QueryParameter {
    (
        "cost",
        "string",
        false,
        "What a path's length counts: `hops` (the default) or `inverse_weight` (strong \
         evidence makes a short link)"
            .into(),
    )
}

fn group() -> QueryParameter {
    (
        "group",
        "string",
        false,
        "Within this group's members and objects, as you may see the group".into(),
    )
}

fn limit() -> QueryParameter {
    (
        "limit",
        "integer",
        false,
        "At most this many, highest first (default 50, at most 1000)".into(),
    )
}

/// The schema of a route's successful response, where the API names one.
fn response_schema(method: &str, path: &str) -> Option<&'static str> {
    Some(match (method, path) {
        ("GET", "/api/me") => "Me",
        ("GET", "/api/reports") => "ReportList",
        ("GET", "/api/reports/{reference}") => "ReportDetail",
        ("GET", "/api/persons/{id}") => "PersonView",
        ("POST", "/api/reports") => "Submitted",
        ("GET", "/api/search") => "SearchResponse",
        ("GET", "/api/normalise") => "Normalised",
        ("GET", "/api/groups") => "GroupList",
        ("GET", "/api/groups/{id}") => "GroupDetail",
        ("GET", "/api/graph/entities/{id}/neighbours") => "NeighboursView",
        ("GET", "/api/graph/paths") => "PathsView",
        ("GET", "/api/graph/centrality") | ("GET", "/api/graph/most-connected") => "RankingView",
        ("GET", "/api/graph/components") => "ComponentsView",
        _ => return None,
    })
}

/// Every response schema of the API, with the schemas they are made of.
fn schemas() -> serde_json::Map<String, serde_json::Value> {
    use utoipa::ToSchema;
    fn add<T: ToSchema>(out: &mut serde_json::Map<String, serde_json::Value>) {
        let mut all = vec![(T::name().into_owned(), T::schema())];
        T::schemas(&mut all);
        for (name, schema) in all {
            out.insert(name, serde_json::to_value(schema).unwrap_or_default());
        }
    }
    let mut out = serde_json::Map::new();
    add::<Me>(&mut out);
    add::<ReportList>(&mut out);
    add::<ReportDetail>(&mut out);
    add::<PersonView>(&mut out);
    add::<Submitted>(&mut out);
    add::<AuditItem>(&mut out);
    add::<Normalised>(&mut out);
    add::<crate::search_pages::SearchResponse>(&mut out);
    add::<crate::master_list::MasterListView>(&mut out);
    add::<crate::network::GroupList>(&mut out);
    add::<crate::network::GroupDetail>(&mut out);
    add::<crate::network::NeighboursView>(&mut out);
    add::<crate::network::PathsView>(&mut out);
    add::<crate::network::RankingView>(&mut out);
    add::<crate::network::ComponentsView>(&mut out);
    out
}

/// The OpenAPI 3.1 description of every `/api/` route in the route table.
pub async fn openapi() -> Json<serde_json::Value> {
    let mut paths = serde_json::Map::new();
    for r in ROUTES.iter().filter(|r| r.path.starts_with("/api/")) {
        let path = r.path.to_string();
        let mut params: Vec<serde_json::Value> = path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| serde_json::json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}))
            .collect();
        if r.path != "/api/openapi.json" && r.permission != Permission::Public {
            params.extend(query_parameters(r.method, r.path).into_iter().map(
                |(name, kind, required, description)| {
                    serde_json::json!({
                        "name": name,
                        "in": "query",
                        "required": required,
                        "description": description,
                        "schema": {"type": kind}
                    })
                },
            ));
        }
        let ok = match response_schema(r.method, r.path) {
            Some(schema) => serde_json::json!({
                "description": "OK",
                "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}
            }),
            None => serde_json::json!({"description": "OK"}),
        };
        let mut op = serde_json::json!({
            "summary": r.summary,
            "parameters": params,
            "responses": {
                "200": ok,
                "400": {"description": "Bad request (a missing reason, invalid input)"},
                "401": {"description": "Not signed in"},
                "403": {"description": "The role does not allow this"},
                "404": {"description": "Not found, or not visible to you"}
            }
        });
        if r.permission != Permission::Public {
            op["security"] = serde_json::json!([{"bearer": []}, {"session": []}]);
            op["x-permission"] = serde_json::to_value(r.permission).unwrap_or_default();
        }
        paths
            .entry(path)
            .or_insert_with(|| serde_json::json!({}))
            .as_object_mut()
            .map(|o| o.insert(r.method.to_lowercase(), op));
    }
    Json(serde_json::json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Sightline API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Intelligence and threat management. Reads of personal data need a `reason` query parameter or X-Access-Reason header and are audited. Partners see only what handling codes allow."
        },
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": crate::auth::SESSION_COOKIE}
            },
            "schemas": schemas(),
        }
    }))
}
