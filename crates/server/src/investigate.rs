//! The investigation pages: who is at risk (the vulnerable people list) and one person in full —
//! their names and dates of birth as recorded, every mention with its grading, their
//! vulnerability with its evidence, why each mention was judged to be them (the resolution
//! model's weight for every field), and the analyst's confirm, merge and split decisions.
//!
//! Handling codes: a person page shows only the mentions whose reports the viewer may see; the
//! vulnerability assessment, which is derived from every report, is shown only to staff who hold
//! [`Permission::ViewAssessments`] (partners learn of a person at risk through a referral, not a
//! list). Every page here reads personal data and so asks for, and audits, a reason.

use crate::access::Permission;
use crate::audited;
use crate::error::{Failure, PageResult};
use crate::pages::{Nav, User, ask_reason, field, form_fields, nav, render, signed_in, url_encode};
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

// ---------------------------------------------------------------- vulnerable people

/// People shown per page of the list.
const PAGE: usize = 50;

#[derive(Deserialize)]
pub struct VulnerableQuery {
    reason: Option<String>,
    /// One category (`cuckooing`, ...), or all.
    category: Option<String>,
    /// Only those under 18 at their latest sighting.
    children: Option<String>,
    /// `evidence` (newest evidence first, the default), `score` or `flagged` (newest flag
    /// first).
    sort: Option<String>,
    page: Option<usize>,
}

/// One flagged person as the list shows them.
#[derive(Serialize, utoipa::ToSchema)]
pub struct FlaggedPerson {
    pub id: String,
    pub name: String,
    /// Their age band at their latest sighting, e.g. `15-16`.
    pub age: Option<String>,
    pub child: bool,
    pub score: f64,
    /// Category labels, strongest first.
    pub categories: Vec<String>,
    pub reasons: Vec<String>,
    /// Recorded as a suspect in some reports while possibly a victim.
    pub dual_status: bool,
    /// The date of the newest item of evidence (`YYYY-MM-DD`).
    pub newest_evidence: Option<String>,
    /// The report the newest evidence comes from.
    pub newest_report: Option<String>,
    /// When they were first flagged (RFC 3339).
    pub flagged_since: Option<String>,
}

impl FlaggedPerson {
    /// The day they were first flagged.
    pub fn since_day(&self) -> &str {
        self.flagged_since
            .as_deref()
            .map(|s| &s[..s.len().min(10)])
            .unwrap_or("")
    }
}

/// The list, filtered and paged, with the count in each category.
#[derive(Serialize, utoipa::ToSchema)]
pub struct FlaggedList {
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    /// `(category, label, people flagged in it)` across the whole list.
    pub categories: Vec<(String, String, usize)>,
    pub children: usize,
    pub people: Vec<FlaggedPerson>,
}

const CATEGORIES: [assess::Category; 6] = [
    assess::Category::ChildCriminalExploitation,
    assess::Category::Cuckooing,
    assess::Category::LabourExploitation,
    assess::Category::SexualExploitation,
    assess::Category::DomesticServitude,
    assess::Category::CriminalExploitation,
];

fn category_of(s: &str) -> Option<assess::Category> {
    CATEGORIES.into_iter().find(|c| c.as_str() == s)
}

fn age_text(age: Option<(u8, u8)>) -> Option<String> {
    age.map(|(a, b)| {
        if a == b {
            a.to_string()
        } else {
            format!("{a}-{b}")
        }
    })
}

/// The flagged people the query asks for. Staff only (the route's permission); every report the
/// evidence rests on is one staff may see.
async fn flagged(state: &AppState, q: &VulnerableQuery) -> Result<FlaggedList, Failure> {
    let rows = state.store.vulnerabilities(None, true).await?;
    let ids: Vec<String> = rows.iter().map(|r| r.person_id.clone()).collect();
    let profiles: HashMap<String, store::PersonProfile> = state
        .store
        .person_profiles(&ids)
        .await?
        .into_iter()
        .map(|p| (p.person_id.clone(), p))
        .collect();
    let wanted = q.category.as_deref().filter(|c| !c.is_empty());
    if let Some(c) = wanted
        && category_of(c).is_none()
    {
        return Err(Failure::BadRequest(format!("no category {c:?}")));
    }
    let children_only = q.children.as_deref().is_some_and(|c| !c.is_empty());
    let mut counts: BTreeMap<assess::Category, usize> = BTreeMap::new();
    let mut children = 0;
    let mut people = Vec::new();
    for row in rows {
        let Ok(v) = serde_json::from_str::<assess::Vulnerability>(&row.assessment) else {
            continue;
        };
        let profile = profiles.get(&row.person_id);
        let age = profile.and_then(|p| p.age);
        let child = age.is_some_and(|(_, max)| max < 18);
        for c in &v.categories {
            *counts.entry(*c).or_default() += 1;
        }
        children += usize::from(child);
        if wanted.is_some_and(|w| !v.categories.iter().any(|c| c.as_str() == w))
            || (children_only && !child)
        {
            continue;
        }
        let newest = v
            .evidence
            .iter()
            .filter(|e| e.received.is_some())
            .max_by_key(|e| e.received);
        people.push(FlaggedPerson {
            name: profile
                .map(|p| p.display_name.clone())
                .unwrap_or_else(|| format!("Person {}", row.person_id)),
            id: row.person_id,
            age: age_text(age),
            child,
            score: v.score,
            categories: v.categories.iter().map(|c| c.label().to_string()).collect(),
            reasons: v.reasons.iter().take(3).cloned().collect(),
            dual_status: v.dual_status,
            newest_evidence: newest.and_then(|e| e.received).map(|d| d.to_string()),
            newest_report: newest.and_then(|e| e.report.clone()),
            flagged_since: row.flagged_since,
        });
    }
    match q.sort.as_deref().unwrap_or("evidence") {
        "score" => {} // the store's order
        "flagged" => people.sort_by(|a, b| b.flagged_since.cmp(&a.flagged_since)),
        "evidence" => people.sort_by(|a, b| b.newest_evidence.cmp(&a.newest_evidence)),
        other => return Err(Failure::BadRequest(format!("cannot sort by {other:?}"))),
    }
    let total = people.len();
    let pages = total.div_ceil(PAGE).max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let people: Vec<FlaggedPerson> = people
        .into_iter()
        .skip((page - 1) * PAGE)
        .take(PAGE)
        .collect();
    Ok(FlaggedList {
        total,
        page,
        pages,
        categories: CATEGORIES
            .into_iter()
            .map(|c| {
                (
                    c.as_str().to_string(),
                    c.label().to_string(),
                    counts.get(&c).copied().unwrap_or(0),
                )
            })
            .collect(),
        children,
        people,
    })
}

#[derive(Template)]
#[template(path = "vulnerable.html")]
struct VulnerablePage {
    nav: Option<Nav>,
    list: FlaggedList,
    reason: String,
    reason_q: String,
    category: String,
    children: bool,
    sort: String,
    /// The query string of this view without its page, for the paging links.
    here: String,
    may_refer: bool,
}

pub async fn vulnerable(
    State(state): State<AppState>,
    Extension(user): User,
    Query(q): Query<VulnerableQuery>,
) -> PageResult {
    let a = signed_in(&user)?;
    let Some(reason) = audited::reason(q.reason.as_deref()) else {
        return ask_reason(
            a,
            "the list of people at risk".into(),
            "/vulnerable".into(),
            q.reason.as_deref(),
        );
    };
    let list = flagged(&state, &q).await?;
    audited::record_read(
        &state,
        &a.viewer,
        "view.vulnerable",
        "vulnerable people",
        &reason,
        serde_json::json!({
            "category": q.category, "children": q.children.is_some(),
            "page": list.page, "shown": list.people.iter().map(|p| &p.id).collect::<Vec<_>>(),
        }),
    )
    .await?;
    let category = q.category.clone().unwrap_or_default();
    let children = q.children.as_deref().is_some_and(|c| !c.is_empty());
    let sort = q.sort.clone().unwrap_or_else(|| "evidence".into());
    let mut here = format!("reason={}&sort={}", url_encode(&reason), url_encode(&sort));
    if !category.is_empty() {
        here.push_str(&format!("&category={}", url_encode(&category)));
    }
    if children {
        here.push_str("&children=1");
    }
    render(&VulnerablePage {
        nav: nav(a, "/vulnerable"),
        list,
        reason_q: url_encode(&reason),
        reason,
        category,
        children,
        sort,
        here,
        may_refer: a.viewer.can(Permission::Refer),
    })
}

pub async fn vulnerable_api(
    State(state): State<AppState>,
    Extension(user): User,
    headers: axum::http::HeaderMap,
    Query(q): Query<VulnerableQuery>,
) -> Result<Json<FlaggedList>, crate::error::ApiError> {
    let a = signed_in(&user).map_err(|e| crate::error::ApiError(e.0))?;
    let reason = crate::api::reason_of(&headers, q.reason.as_deref())?;
    let list = flagged(&state, &q).await?;
    audited::record_read(
        &state,
        &a.viewer,
        "api.vulnerable",
        "vulnerable people",
        &reason,
        serde_json::json!({
            "category": q.category, "page": list.page,
            "shown": list.people.iter().map(|p| &p.id).collect::<Vec<_>>(),
        }),
    )
    .await?;
    Ok(Json(list))
}

// ---------------------------------------------------------------- one person

/// Why a mention was judged to be this person: the model's weight for each field against the
/// person's reference mention.
pub struct ExplainRow {
    pub verdict: String,
    pub weight: String,
    pub probability: String,
    pub prior: String,
    pub fields: Vec<FieldRow>,
    pub swapped: bool,
}

pub struct FieldRow {
    pub field: &'static str,
    pub level: &'static str,
    pub weight: String,
    /// `for`, `against` or `neutral`, for styling.
    pub direction: &'static str,
    pub values: String,
}

pub struct MentionRow {
    pub mention: String,
    pub reference: String,
    pub received: String,
    pub grading: String,
    pub handling: &'static str,
    pub role: String,
    pub name: String,
    pub dob: String,
    pub is_anchor: bool,
    pub explanation: Option<ExplainRow>,
}

pub struct EvidenceRow {
    pub date: String,
    pub category: &'static str,
    pub kind: String,
    pub weight: String,
    pub report: Option<String>,
    pub source: String,
    pub reason: String,
}

pub struct VulnerabilityView {
    pub flagged: bool,
    pub score: String,
    /// `(label, score as a percentage)`, strongest first.
    pub scores: Vec<(&'static str, String)>,
    pub reasons: Vec<String>,
    pub evidence: Vec<EvidenceRow>,
    pub dual_status: bool,
    pub as_suspect: usize,
    pub since: Option<String>,
    pub version: String,
}

impl VulnerabilityView {
    pub fn since_day(&self) -> &str {
        self.since
            .as_deref()
            .map(|s| &s[..s.len().min(10)])
            .unwrap_or("")
    }
}

pub struct DecisionRow {
    pub id: i64,
    pub same: bool,
    pub mention_a: String,
    pub mention_b: String,
    pub actor: String,
    pub reason: String,
    pub at: String,
    pub revoked: Option<String>,
}

#[derive(Template)]
#[template(path = "person.html")]
struct PersonPage {
    nav: Option<Nav>,
    id: String,
    heading: String,
    names: String,
    dobs: String,
    age: String,
    seen: String,
    roles: String,
    mentions: Vec<MentionRow>,
    hidden: usize,
    vulnerability: Option<VulnerabilityView>,
    explained: bool,
    may_decide: bool,
    decisions: Vec<DecisionRow>,
    referrals: Vec<crate::referrals::ReferralView>,
    may_refer: bool,
    reason: String,
    reason_q: String,
    csrf: String,
    notice: Option<String>,
}

#[derive(Deserialize)]
pub struct PersonQuery {
    reason: Option<String>,
    /// Set after a decision: what was done.
    done: Option<String>,
}

fn explain_row(e: &resolve::Explanation) -> ExplainRow {
    let signed = |w: f64| format!("{w:+.1}");
    ExplainRow {
        verdict: if e.probability >= 0.9 {
            "the same person".into()
        } else if e.probability >= 0.5 {
            "probably the same person".into()
        } else {
            "joined through others".into()
        },
        weight: signed(e.match_weight),
        probability: format!("{:.1}%", e.probability * 100.0),
        prior: signed(e.prior_weight),
        swapped: e.swapped,
        fields: e
            .fields
            .iter()
            .map(|f| FieldRow {
                field: f.field,
                level: f.level,
                weight: signed(f.weight),
                direction: if f.weight > 0.05 {
                    "for"
                } else if f.weight < -0.05 {
                    "against"
                } else {
                    "neutral"
                },
                values: if f.values.0.is_empty() && f.values.1.is_empty() {
                    String::new()
                } else {
                    format!("{} · {}", f.values.0, f.values.1)
                },
            })
            .collect(),
    }
}

/// The mention the others are explained against: the fullest record (a name and a date of
/// birth), the earliest on a tie.
fn anchor_of(mentions: &[crate::api::MentionView]) -> Option<&str> {
    mentions
        .iter()
        .filter(|m| m.role != "named_in_text")
        .max_by(|a, b| {
            let fullness = |m: &crate::api::MentionView| {
                usize::from(m.name.is_some()) + usize::from(m.dob.is_some())
            };
            fullness(a)
                .cmp(&fullness(b))
                .then(b.received.cmp(&a.received))
                .then(b.mention.cmp(&a.mention))
        })
        .or_else(|| mentions.last())
        .map(|m| m.mention.as_str())
}

fn vulnerability_view(row: &store::VulnerabilityRow) -> Option<VulnerabilityView> {
    let v: assess::Vulnerability = serde_json::from_str(&row.assessment).ok()?;
    let mut scores: Vec<(&'static str, f64)> =
        v.scores.iter().map(|(c, s)| (c.label(), *s)).collect();
    scores.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut evidence = v.evidence.clone();
    evidence.sort_by(|a, b| {
        b.received
            .cmp(&a.received)
            .then(b.weight.total_cmp(&a.weight))
    });
    Some(VulnerabilityView {
        flagged: v.flagged,
        score: format!("{:.0}%", v.score * 100.0),
        scores: scores
            .into_iter()
            .filter(|(_, s)| *s > 0.0)
            .map(|(c, s)| (c, format!("{:.0}%", s * 100.0)))
            .collect(),
        reasons: v.reasons.clone(),
        evidence: evidence
            .into_iter()
            .map(|e| EvidenceRow {
                date: e.received.map(|d| d.to_string()).unwrap_or_default(),
                category: e.category.label(),
                kind: e.kind.replace('_', " "),
                weight: format!("{:.2}", e.weight),
                report: e.report,
                source: e.source,
                reason: e.reason,
            })
            .collect(),
        dual_status: v.dual_status,
        as_suspect: v.as_suspect,
        since: row.flagged_since.clone(),
        version: v.config_version,
    })
}

fn roles_text(roles: &BTreeMap<String, i64>) -> String {
    let mut r: Vec<(&String, &i64)> = roles.iter().collect();
    r.sort_by(|a, b| b.1.cmp(a.1));
    r.into_iter()
        .map(|(role, n)| format!("{} ({n})", role.replace('_', " ")))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn decisions_about(
    state: &AppState,
    mentions: &[String],
) -> Result<Vec<DecisionRow>, Failure> {
    let mine: std::collections::HashSet<&str> = mentions.iter().map(String::as_str).collect();
    let mut rows: Vec<DecisionRow> = state
        .store
        .decisions()
        .await?
        .into_iter()
        .filter(|d| mine.contains(d.mention_a.as_str()) || mine.contains(d.mention_b.as_str()))
        .map(|d| DecisionRow {
            id: d.id,
            same: d.same,
            at: d.at.replace('T', " ").chars().take(16).collect(),
            revoked: d.revoked_at.map(|at| {
                format!(
                    "withdrawn {} by {}: {}",
                    at.replace('T', " ").chars().take(16).collect::<String>(),
                    d.revoked_by.unwrap_or_default(),
                    d.revoke_reason.unwrap_or_default()
                )
            }),
            mention_a: d.mention_a,
            mention_b: d.mention_b,
            actor: d.actor,
            reason: d.reason,
        })
        .collect();
    rows.sort_by_key(|d| std::cmp::Reverse(d.id));
    Ok(rows)
}

pub async fn person_view(
    State(state): State<AppState>,
    Extension(user): User,
    Path(id): Path<String>,
    Query(q): Query<PersonQuery>,
) -> PageResult {
    let a = signed_in(&user)?;
    let view = crate::api::person_for(&state, &a.viewer, &id).await?;
    let Some(reason) = audited::reason(q.reason.as_deref()) else {
        return ask_reason(
            a,
            format!("person {id}"),
            format!("/persons/{}", url_encode(&id)),
            q.reason.as_deref(),
        );
    };
    let v = &a.viewer;
    let assessed = v.can(Permission::ViewAssessments);
    let vulnerability = if assessed {
        state
            .store
            .vulnerabilities(Some(&id), false)
            .await?
            .first()
            .and_then(vulnerability_view)
    } else {
        None
    };
    audited::record_read(
        &state,
        v,
        "view.person",
        &id,
        &reason,
        serde_json::json!({
            "mentions": view.mentions.len(),
            "assessment": vulnerability.is_some(),
        }),
    )
    .await?;
    let profile = state
        .store
        .person_profiles(std::slice::from_ref(&id))
        .await?
        .pop();

    // Why each mention is this person.
    let anchor = anchor_of(&view.mentions).map(str::to_string);
    let mut explanations: HashMap<String, ExplainRow> = HashMap::new();
    if let (Some(anchor), Ok(explainer)) = (
        &anchor,
        analysis::Explainer::load(state.store.as_ref()).await,
    ) && let Ok(anchor_record) = analysis::person_record(state.store.as_ref(), anchor).await
    {
        for m in view.mentions.iter().filter(|m| &m.mention != anchor) {
            if let Ok(record) = analysis::person_record(state.store.as_ref(), &m.mention).await {
                let e = explainer.explain(anchor_record.clone(), record);
                explanations.insert(m.mention.clone(), explain_row(&e));
            }
        }
    }
    let explained = !explanations.is_empty();
    let all_mentions: Vec<String> = view.mentions.iter().map(|m| m.mention.clone()).collect();
    let may_decide = v.can(Permission::DecideResolution);
    let decisions = if may_decide {
        decisions_about(&state, &all_mentions).await?
    } else {
        Vec::new()
    };
    // A partner is shown the name a shareable report gives, never one from conditional
    // intelligence.
    let heading = match &profile {
        Some(p) if v.is_staff() => p.display_name.clone(),
        Some(p) => p
            .shareable_name
            .clone()
            .filter(|n| view.names.contains(n))
            .or_else(|| view.names.first().cloned())
            .unwrap_or_else(|| format!("Person {id}")),
        None => view
            .names
            .first()
            .cloned()
            .unwrap_or_else(|| format!("Person {id}")),
    };
    let (age, seen, roles) = match &profile {
        Some(p) if v.is_staff() => (
            age_text(p.age).unwrap_or_else(|| "not known".into()),
            format!(
                "{} to {} in {} reports",
                p.first_seen, p.last_seen, p.reports
            ),
            roles_text(&p.roles),
        ),
        _ => {
            let mut counts: BTreeMap<String, i64> = BTreeMap::new();
            for m in &view.mentions {
                *counts.entry(m.role.clone()).or_default() += 1;
            }
            let dates: Vec<&str> = view
                .mentions
                .iter()
                .map(|m| &m.received[..10.min(m.received.len())])
                .collect();
            (
                "not shown".into(),
                format!(
                    "{} to {} in the reports you may see",
                    dates.iter().min().unwrap_or(&""),
                    dates.iter().max().unwrap_or(&"")
                ),
                roles_text(&counts),
            )
        }
    };
    let referrals = if v.is_staff() && v.can(Permission::ViewReferrals) {
        crate::referrals::visible_referrals(
            &state,
            v,
            store::ReferralFilter {
                person_id: Some(id.clone()),
                ..Default::default()
            },
        )
        .await?
    } else {
        Vec::new()
    };
    let notice = q.done.as_deref().map(|d| match d {
        "confirm" => "Recorded: the mention is this person. The picture is being brought up to date.".to_string(),
        "split" => "Recorded: the mention is someone else. The picture is being brought up to date; the mention will move to a person of its own.".to_string(),
        "merge" => "Recorded: the two are the same person. The picture is being brought up to date.".to_string(),
        "revoke" => "The decision is withdrawn and stays on record. The picture is being brought up to date.".to_string(),
        _ => "Done.".to_string(),
    });
    render(&PersonPage {
        nav: nav(a, ""),
        heading,
        names: if view.names.is_empty() {
            "not recorded".into()
        } else {
            view.names.join("; ")
        },
        dobs: if view.dobs.is_empty() {
            "not recorded".into()
        } else {
            view.dobs.join("; ")
        },
        age,
        seen,
        roles,
        hidden: view.hidden,
        mentions: view
            .mentions
            .into_iter()
            .map(|m| MentionRow {
                is_anchor: anchor.as_deref() == Some(m.mention.as_str()),
                explanation: explanations.remove(&m.mention),
                reference: m.report.clone(),
                mention: m.mention,
                received: m.received.replace('T', " ").chars().take(16).collect(),
                grading: m.grading,
                handling: if m.handling == "C" { "C" } else { "P" },
                role: m.role.replace('_', " "),
                name: m.name.unwrap_or_default(),
                dob: m.dob.unwrap_or_default(),
            })
            .collect(),
        vulnerability,
        explained,
        may_decide,
        decisions,
        referrals,
        may_refer: v.can(Permission::Refer),
        reason_q: url_encode(&reason),
        reason,
        csrf: a.csrf().to_string(),
        notice,
        id,
    })
}

// ---------------------------------------------------------------- decisions

fn back_to(id: &str, reason: &str, done: &str) -> axum::response::Response {
    Redirect::to(&format!(
        "/persons/{}?reason={}&done={done}",
        url_encode(id),
        url_encode(reason)
    ))
    .into_response()
}

/// Confirm that a mention is this person, split it off, or merge another person into this one.
/// The decision is audited, survives retraining and rebuilds, and can be withdrawn.
pub async fn decide(
    State(state): State<AppState>,
    Extension(user): User,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let action = field(&f, "action").unwrap_or_default();
    let reason = audited::reason(field(&f, "reason").as_deref()).ok_or_else(|| {
        Failure::BadRequest(format!(
            "a decision needs its reason, of at least {} characters",
            audited::MIN_REASON
        ))
    })?;
    let view = crate::api::person_for(&state, &a.viewer, &id).await?;
    let anchor = anchor_of(&view.mentions)
        .map(str::to_string)
        .ok_or_else(|| Failure::NotFound(format!("no person {id}")))?;
    let is_mine = |m: &str| view.mentions.iter().any(|x| x.mention == m);
    let (same, other) = match action.as_str() {
        "confirm" | "split" => {
            let mention = field(&f, "mention").unwrap_or_default();
            if !is_mine(&mention) {
                return Err(Failure::BadRequest(format!(
                    "{mention:?} is not one of this person's mentions"
                ))
                .into());
            }
            if mention == anchor {
                return Err(Failure::BadRequest(
                    "that is the reference mention; decide about another mention against it".into(),
                )
                .into());
            }
            (action == "confirm", mention)
        }
        "merge" => {
            let target = field(&f, "target").unwrap_or_default();
            let target = target.trim();
            let other = if target.contains('#') {
                target.to_string()
            } else {
                // Another person: their reference mention, among those this viewer may see.
                if target == id {
                    return Err(Failure::BadRequest("that is this person".into()).into());
                }
                let theirs = crate::api::person_for(&state, &a.viewer, target)
                    .await
                    .map_err(|_| Failure::BadRequest(format!("there is no person {target:?}")))?;
                anchor_of(&theirs.mentions)
                    .map(str::to_string)
                    .ok_or_else(|| Failure::BadRequest(format!("there is no person {target:?}")))?
            };
            if other.parse::<model::MentionId>().is_err() {
                return Err(Failure::BadRequest(format!(
                    "{other:?} is neither a person (per_…) nor a mention (REF#P1)"
                ))
                .into());
            }
            if is_mine(&other) {
                return Err(
                    Failure::BadRequest("that mention is already this person".into()).into(),
                );
            }
            (true, other)
        }
        other => {
            return Err(Failure::BadRequest(format!("no such decision {other:?}")).into());
        }
    };
    state
        .store
        .add_decision(store::NewDecision {
            same,
            mention_a: anchor,
            mention_b: other,
            actor: a.viewer.username.clone(),
            reason: reason.clone(),
        })
        .await?;
    crate::intake::refresh_picture(&state);
    Ok(back_to(&id, &reason, &action))
}

/// Withdraws a decision; it stays on record as withdrawn.
pub async fn revoke(
    State(state): State<AppState>,
    Extension(user): User,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let reason = audited::reason(field(&f, "reason").as_deref()).ok_or_else(|| {
        Failure::BadRequest(format!(
            "withdrawing a decision needs a reason of at least {} characters",
            audited::MIN_REASON
        ))
    })?;
    let decision: i64 = field(&f, "decision")
        .and_then(|d| d.parse().ok())
        .ok_or_else(|| Failure::BadRequest("which decision?".into()))?;
    let view = crate::api::person_for(&state, &a.viewer, &id).await?;
    let about_this_person = state.store.decisions().await?.into_iter().any(|d| {
        d.id == decision
            && view
                .mentions
                .iter()
                .any(|m| m.mention == d.mention_a || m.mention == d.mention_b)
    });
    if !about_this_person {
        return Err(
            Failure::BadRequest(format!("decision {decision} is not about this person")).into(),
        );
    }
    if !state
        .store
        .revoke_decision(decision, &a.viewer.username, &reason)
        .await?
    {
        return Err(Failure::BadRequest(format!("decision {decision} is not in force")).into());
    }
    crate::intake::refresh_picture(&state);
    Ok(back_to(&id, &reason, "revoke"))
}
