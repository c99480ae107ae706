//! Lead responsible officers: the officers with their skills, training, mentoring and capacity;
//! demand against capacity with the gaps an inspector would find; and the recommended
//! allocation of threats to officers (`operations::allocation`), which a governance lead accepts
//! or changes, every change audited with its reason. Officers' records are personal data, so
//! every page that names them asks why and audits the read.

use crate::access::Permission;
use crate::audited;
use crate::error::{ApiError, Failure, PageResult};
use crate::ops::{self, NO_MASTER_LIST, Picture, RULES};
use crate::pages::{Nav, User, ask_reason, field, form_fields, nav, render, signed_in, url_encode};
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect};
use axum::{Extension, Json};
use operations::OfficerId;
use operations::allocation::{Change, Mode, Recommendation, Request, recommend};
use operations::officer::{Competence, MentoringStatus, TrainingStatus};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Deserialize)]
pub struct ReasonQuery {
    reason: Option<String>,
    done: Option<String>,
    mode: Option<String>,
}

/// An officer as lists show them.
#[derive(Serialize, utoipa::ToSchema)]
pub struct OfficerRow {
    pub id: i64,
    pub name: String,
    pub team: String,
    pub active: bool,
    pub skills: Vec<String>,
    /// The LRO course: "trained to 2028-03-10", "expired 2025-01-01" or "not trained".
    pub training: String,
    pub trained: bool,
    /// "mentored by DI Shah (last session 2026-11-20)", "mentoring lapsed" or "none".
    pub mentoring: String,
    pub mentored: bool,
    pub capacity: u32,
    pub load: u32,
    pub threats: Vec<String>,
    pub overloaded: bool,
    /// What an inspector would question.
    pub gaps: Vec<String>,
}

fn training_text(c: &Competence) -> String {
    match &c.training {
        TrainingStatus::Trained { valid_to, .. } => format!("trained, in date to {valid_to}"),
        TrainingStatus::Expired { valid_to, .. } => format!("expired {valid_to}"),
        TrainingStatus::Never => "not trained".into(),
    }
}

fn mentoring_text(p: &Picture, c: &Competence) -> String {
    match &c.mentoring {
        MentoringStatus::Mentored {
            mentor,
            last_session,
        } => format!(
            "mentored by {} (last session {last_session})",
            p.name(*mentor)
        ),
        MentoringStatus::Lapsed {
            mentor,
            last_session,
        } => match last_session {
            Some(d) => format!("mentoring by {} lapsed: last session {d}", p.name(*mentor)),
            None => format!("mentoring by {} has had no session", p.name(*mentor)),
        },
        MentoringStatus::None => "none".into(),
    }
}

fn skill_labels(skills: &[String]) -> Vec<String> {
    skills
        .iter()
        .map(|s| {
            RULES
                .skill(s)
                .map(|k| k.label.clone())
                .unwrap_or_else(|| s.clone())
        })
        .collect()
}

fn rows(p: &Picture) -> Vec<OfficerRow> {
    let cap = p.capacity();
    p.records
        .iter()
        .zip(&cap.officers)
        .map(|(r, o)| {
            let mut gaps = Vec::new();
            if o.overloaded() {
                gaps.push(format!("over capacity by {}", o.load - o.capacity));
            }
            if !o.threats.is_empty() && !o.competence.trained() {
                gaps.push(if o.competence.mentored() {
                    "holds threats untrained (mentored)".to_string()
                } else {
                    "holds threats untrained and unmentored".to_string()
                });
            }
            if !o.outside_skills.is_empty() {
                gaps.push(format!(
                    "{} outside their skills",
                    plural(o.outside_skills.len(), "threat", "threats")
                ));
            }
            if !o.active && !o.threats.is_empty() {
                gaps.push("unavailable but holding threats".into());
            }
            OfficerRow {
                id: r.id,
                name: ops::display_name(r),
                team: r.team.clone(),
                active: r.active,
                skills: skill_labels(&r.skills),
                training: training_text(&o.competence),
                trained: o.competence.trained(),
                mentoring: mentoring_text(p, &o.competence),
                mentored: o.competence.mentored(),
                capacity: o.capacity,
                load: o.load,
                threats: o.threats.iter().map(|h| h.threat.to_string()).collect(),
                overloaded: o.overloaded(),
                gaps,
            }
        })
        .collect()
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

// ---------------------------------------------------------------- the officers

pub struct SkillChoice {
    pub id: String,
    pub label: String,
    pub held: bool,
}

#[derive(Template)]
#[template(path = "officers.html")]
struct OfficersPage {
    nav: Option<Nav>,
    csrf: String,
    officers: Vec<OfficerRow>,
    may_manage: bool,
    skills: Vec<SkillChoice>,
    reason_q: String,
    notice: Option<String>,
    error: Option<String>,
    no_master_list: Option<&'static str>,
}

fn skill_choices(held: &[String]) -> Vec<SkillChoice> {
    RULES
        .skills
        .iter()
        .map(|s| SkillChoice {
            id: s.id.clone(),
            label: s.label.clone(),
            held: held.contains(&s.id),
        })
        .collect()
}

async fn officers_page(
    state: &AppState,
    a: &crate::auth::Authed,
    reason: &str,
    notice: Option<String>,
    error: Option<String>,
) -> PageResult {
    let p = ops::load(state).await?;
    let officers = rows(&p);
    audited::record_read(
        state,
        &a.viewer,
        "view.officers",
        "officers",
        reason,
        serde_json::json!({"shown": officers.iter().map(|o| o.id).collect::<Vec<_>>()}),
    )
    .await?;
    render(&OfficersPage {
        nav: nav(a, "/governance"),
        csrf: a.csrf().to_string(),
        officers,
        may_manage: a.viewer.can(Permission::ManageOfficers),
        skills: skill_choices(&[]),
        reason_q: url_encode(reason),
        notice,
        error,
        no_master_list: p.threats.is_none().then_some(NO_MASTER_LIST),
    })
}

pub async fn officers(
    State(state): State<AppState>,
    Extension(user): User,
    Query(q): Query<ReasonQuery>,
) -> PageResult {
    let a = signed_in(&user)?;
    let Some(reason) = audited::reason(q.reason.as_deref()) else {
        return ask_reason(
            a,
            ("the officers' records").to_string(),
            ("/officers").to_string(),
            q.reason.as_deref(),
        );
    };
    let notice = q.done.map(|d| format!("Recorded: {d}."));
    officers_page(&state, a, &reason, notice, None).await
}

pub async fn officers_api(
    State(state): State<AppState>,
    Extension(user): User,
    headers: HeaderMap,
    Query(q): Query<ReasonQuery>,
) -> Result<Json<Vec<OfficerRow>>, ApiError> {
    let a = signed_in(&user).map_err(|e| ApiError(e.0))?;
    let reason = crate::api::reason_of(&headers, q.reason.as_deref())?;
    let p = ops::load(&state).await?;
    let out = rows(&p);
    audited::record_read(
        &state,
        &a.viewer,
        "api.officers",
        "officers",
        &reason,
        serde_json::json!({"shown": out.iter().map(|o| o.id).collect::<Vec<_>>()}),
    )
    .await?;
    Ok(Json(out))
}

fn chosen_skills(f: &std::collections::HashMap<String, Vec<String>>) -> Vec<String> {
    f.get("skill")
        .map(|v| {
            v.iter()
                .filter(|s| RULES.skill(s).is_some())
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

fn capacity_of(s: &str) -> Result<i64, Failure> {
    s.trim()
        .parse::<i64>()
        .ok()
        .filter(|c| (0..=30).contains(c))
        .ok_or_else(|| {
            Failure::BadRequest("capacity is a whole number of harm points, 0 to 30".into())
        })
}

fn done(to: &str, what: &str) -> PageResult {
    Ok(Redirect::to(&format!(
        "{to}?done={}&reason={}",
        url_encode(what),
        url_encode(&format!("after recording {what}"))
    ))
    .into_response())
}

pub async fn add_officer(
    State(state): State<AppState>,
    Extension(user): User,
    body: Bytes,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let get = |k: &str| field(&f, k).unwrap_or_default();
    let attempt = async {
        let name = get("name");
        if name.chars().count() < 3 {
            return Err(Failure::BadRequest("give the officer's name".into()));
        }
        let capacity = capacity_of(&get("capacity"))?;
        state
            .store
            .operations()
            .add_officer(
                store::NewOfficer {
                    name,
                    rank: get("rank"),
                    team: get("team"),
                    skills: chosen_skills(&f),
                    capacity,
                    username: Some(get("username")).filter(|u| !u.is_empty()),
                },
                &a.viewer.username,
            )
            .await
            .map_err(Failure::from)
    };
    match attempt.await {
        Ok(_) => done("/officers", "the new officer"),
        Err(Failure::BadRequest(m)) => {
            let mut page = officers_page(&state, a, "adding an officer", None, Some(m)).await?;
            *page.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(page)
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------- one officer

pub struct TrainingRow {
    pub course: String,
    pub completed_on: String,
    pub expires_on: String,
}

pub struct MentoringRow {
    pub id: i64,
    pub mentor: String,
    pub started_on: String,
    pub ended_on: Option<String>,
    pub sessions: Vec<(String, String)>,
}

pub struct HeldRow {
    pub threat: String,
    pub label: String,
    pub band: &'static str,
    pub weight: u32,
}

#[derive(Template)]
#[template(path = "officer.html")]
struct OfficerPage {
    nav: Option<Nav>,
    csrf: String,
    o: OfficerRow,
    rank: String,
    held: Vec<HeldRow>,
    training: Vec<TrainingRow>,
    mentoring: Vec<MentoringRow>,
    mentoring_others: Vec<(String, String)>,
    may_manage: bool,
    skills: Vec<SkillChoice>,
    courses: Vec<(String, String)>,
    mentors: Vec<(i64, String)>,
    today: String,
    reason_q: String,
    notice: Option<String>,
    error: Option<String>,
}

async fn officer_page(
    state: &AppState,
    a: &crate::auth::Authed,
    id: i64,
    reason: &str,
    notice: Option<String>,
    error: Option<String>,
) -> PageResult {
    let p = ops::load(state).await?;
    let Some(i) = p.records.iter().position(|r| r.id == id) else {
        return Err(Failure::NotFound(format!("no officer {id}")).into());
    };
    audited::record_read(
        state,
        &a.viewer,
        "view.officer",
        &format!("officer {id}"),
        reason,
        serde_json::json!({}),
    )
    .await?;
    let r = &p.records[i];
    let cap = p.capacity();
    let o = rows(&p).swap_remove(i);
    let course = |c: &str| {
        RULES
            .course(c)
            .map(|k| k.label.clone())
            .unwrap_or_else(|| c.to_string())
    };
    let mentoring_others = p
        .records
        .iter()
        .flat_map(|m| m.mentored_by.iter().map(move |x| (m, x)))
        .filter(|(_, x)| x.mentor_id == id && x.ended_on.is_none())
        .map(|(m, x)| (ops::display_name(m), x.started_on.clone()))
        .collect();
    render(&OfficerPage {
        nav: nav(a, "/governance"),
        csrf: a.csrf().to_string(),
        rank: r.rank.clone(),
        held: cap.officers[i]
            .threats
            .iter()
            .map(|h| HeldRow {
                threat: h.threat.to_string(),
                label: h.label.clone(),
                band: h.band,
                weight: h.weight,
            })
            .collect(),
        training: r
            .training
            .iter()
            .map(|t| TrainingRow {
                course: course(&t.course),
                completed_on: t.completed_on.clone(),
                expires_on: t.expires_on.clone().unwrap_or_default(),
            })
            .collect(),
        mentoring: r
            .mentored_by
            .iter()
            .map(|m| MentoringRow {
                id: m.id,
                mentor: p.name(OfficerId(m.mentor_id)),
                started_on: m.started_on.clone(),
                ended_on: m.ended_on.clone(),
                sessions: m
                    .sessions
                    .iter()
                    .map(|s| (s.held_on.clone(), s.note.clone()))
                    .collect(),
            })
            .collect(),
        mentoring_others,
        may_manage: a.viewer.can(Permission::ManageOfficers),
        skills: skill_choices(&r.skills),
        courses: RULES
            .training
            .courses
            .iter()
            .map(|c| (c.id.clone(), c.label.clone()))
            .collect(),
        mentors: p
            .records
            .iter()
            .filter(|m| m.id != id && m.active)
            .map(|m| (m.id, ops::display_name(m)))
            .collect(),
        today: p.today.to_string(),
        reason_q: url_encode(reason),
        o,
        notice,
        error,
    })
}

pub async fn officer(
    State(state): State<AppState>,
    Extension(user): User,
    Path(id): Path<i64>,
    Query(q): Query<ReasonQuery>,
) -> PageResult {
    let a = signed_in(&user)?;
    let Some(reason) = audited::reason(q.reason.as_deref()) else {
        return ask_reason(
            a,
            format!("officer {id}'s record"),
            format!("/officers/{id}"),
            q.reason.as_deref(),
        );
    };
    officer_page(
        &state,
        a,
        id,
        &reason,
        q.done.map(|d| format!("Recorded: {d}.")),
        None,
    )
    .await
}

/// Runs a change to one officer and shows their page again, with the error if it failed.
async fn officer_change(
    state: &AppState,
    a: &crate::auth::Authed,
    id: i64,
    what: &str,
    result: Result<bool, Failure>,
) -> PageResult {
    match result {
        Ok(true) => done(&format!("/officers/{id}"), what),
        Ok(false) => Err(Failure::NotFound(format!("no such record for officer {id}")).into()),
        Err(Failure::BadRequest(m)) => {
            let mut page =
                officer_page(state, a, id, &format!("recording {what}"), None, Some(m)).await?;
            *page.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(page)
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn update_officer(
    State(state): State<AppState>,
    Extension(user): User,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let get = |k: &str| field(&f, k).unwrap_or_default();
    let result = async {
        let reason = audited::reason(Some(&get("why"))).ok_or_else(|| {
            Failure::BadRequest("say why the record changes, in at least 8 characters".into())
        })?;
        let update = store::OfficerUpdate {
            rank: get("rank"),
            team: get("team"),
            skills: chosen_skills(&f),
            capacity: capacity_of(&get("capacity"))?,
            active: !get("active").is_empty(),
        };
        Ok(state
            .store
            .operations()
            .update_officer(id, update, &a.viewer.username, &reason)
            .await?)
    }
    .await;
    officer_change(&state, a, id, "the officer's record", result).await
}

pub async fn add_training(
    State(state): State<AppState>,
    Extension(user): User,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let get = |k: &str| field(&f, k).unwrap_or_default();
    let result = async {
        let course = get("course");
        if RULES.course(&course).is_none() {
            return Err(Failure::BadRequest("choose a course".into()));
        }
        let completed = ops::parse_day(&get("completed_on"), "the date completed")?;
        if completed > ops::today() {
            return Err(Failure::BadRequest(
                "a course cannot be completed in the future".into(),
            ));
        }
        let expires = Some(get("expires_on"))
            .filter(|e| !e.is_empty())
            .map(|e| ops::parse_day(&e, "the expiry date"))
            .transpose()?;
        if expires.is_some_and(|e| e <= completed) {
            return Err(Failure::BadRequest(
                "a course expires after it is completed".into(),
            ));
        }
        Ok(state
            .store
            .operations()
            .add_training(
                id,
                &course,
                &completed.to_string(),
                expires.map(|e| e.to_string()).as_deref(),
                &a.viewer.username,
            )
            .await?)
    }
    .await;
    officer_change(&state, a, id, "the course", result).await
}

pub async fn start_mentoring(
    State(state): State<AppState>,
    Extension(user): User,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let get = |k: &str| field(&f, k).unwrap_or_default();
    let result = async {
        let mentor: i64 = get("mentor")
            .parse()
            .map_err(|_| Failure::BadRequest("choose the mentor".into()))?;
        let p = ops::load(&state).await?;
        if !p.records.iter().any(|r| r.id == mentor && r.active) || mentor == id {
            return Err(Failure::BadRequest(
                "choose another, available officer as mentor".into(),
            ));
        }
        if !p.records.iter().any(|r| r.id == id) {
            return Ok(false);
        }
        let started = ops::parse_day(&get("started_on"), "the start date")?;
        if started > p.today {
            return Err(Failure::BadRequest(
                "mentoring cannot start in the future".into(),
            ));
        }
        state
            .store
            .operations()
            .add_mentoring(mentor, id, &started.to_string(), &a.viewer.username)
            .await?;
        Ok(true)
    }
    .await;
    officer_change(&state, a, id, "the mentoring", result).await
}

/// The mentee of a mentoring, for the page to return to.
async fn mentee_of(state: &AppState, mentoring: i64) -> Result<i64, Failure> {
    state
        .store
        .operations()
        .officers()
        .await?
        .iter()
        .flat_map(|o| o.mentored_by.iter())
        .find(|m| m.id == mentoring)
        .map(|m| m.mentee_id)
        .ok_or_else(|| Failure::NotFound(format!("no mentoring {mentoring}")))
}

pub async fn add_session(
    State(state): State<AppState>,
    Extension(user): User,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let a = signed_in(&user)?;
    let mentee = mentee_of(&state, id).await?;
    let f = form_fields(&body);
    let get = |k: &str| field(&f, k).unwrap_or_default();
    let result = async {
        let held = ops::parse_day(&get("held_on"), "the date held")?;
        if held > ops::today() {
            return Err(Failure::BadRequest(
                "a session cannot be held in the future".into(),
            ));
        }
        let note = get("note");
        if note.chars().count() < 8 {
            return Err(Failure::BadRequest(
                "say what the session covered, in at least 8 characters".into(),
            ));
        }
        Ok(state
            .store
            .operations()
            .add_mentoring_session(id, &held.to_string(), &note, &a.viewer.username)
            .await?)
    }
    .await;
    officer_change(&state, a, mentee, "the mentoring session", result).await
}

pub async fn end_mentoring(
    State(state): State<AppState>,
    Extension(user): User,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let a = signed_in(&user)?;
    let mentee = mentee_of(&state, id).await?;
    let f = form_fields(&body);
    let result = async {
        let ended = ops::parse_day(&field(&f, "ended_on").unwrap_or_default(), "the end date")?;
        Ok(state
            .store
            .operations()
            .end_mentoring(id, &ended.to_string(), &a.viewer.username)
            .await?)
    }
    .await;
    officer_change(&state, a, mentee, "the end of the mentoring", result).await
}

// ---------------------------------------------------------------- demand against capacity

/// Demand against capacity, as the page and the API give it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Demand {
    /// False when no threat master list is connected.
    pub master_list: bool,
    pub threats: usize,
    pub demand: u32,
    pub capacity: u32,
    pub officers: Vec<OfficerRow>,
    pub overloaded: Vec<String>,
    pub untrained_holding: Vec<String>,
    pub untrained_unmentored_holding: Vec<String>,
    pub outside_skills: Vec<String>,
    /// `grp_0007 (rank 3, high)`: threats with no available officer, highest harm first.
    pub without_officer: Vec<String>,
}

fn demand_of(p: &Picture) -> Demand {
    let cap = p.capacity();
    let names = |v: Vec<&operations::capacity::OfficerPicture>| {
        v.into_iter()
            .map(|o| format!("{} ({} of {})", o.name, o.load, o.capacity))
            .collect()
    };
    let mut officers = rows(p);
    officers.sort_by(|a, b| {
        let u = |o: &OfficerRow| f64::from(o.load) / f64::from(o.capacity.max(1));
        u(b).total_cmp(&u(a)).then(a.name.cmp(&b.name))
    });
    Demand {
        master_list: p.threats.is_some(),
        threats: p.threats().len(),
        demand: cap.demand,
        capacity: cap.capacity,
        overloaded: names(cap.overloaded()),
        untrained_holding: names(cap.untrained_holding()),
        untrained_unmentored_holding: names(cap.untrained_unmentored_holding()),
        outside_skills: cap
            .officers
            .iter()
            .flat_map(|o| {
                o.outside_skills
                    .iter()
                    .map(move |t| format!("{t} ({})", o.name))
            })
            .collect(),
        without_officer: cap
            .without_officer
            .iter()
            .map(|(h, was)| match was {
                Some(o) => format!(
                    "{} (rank {}, {}; was {}, no longer available)",
                    h.threat,
                    h.rank,
                    h.band,
                    p.name(*o)
                ),
                None => format!("{} (rank {}, {})", h.threat, h.rank, h.band),
            })
            .collect(),
        officers,
    }
}

#[derive(Template)]
#[template(path = "demand.html")]
struct DemandPage {
    nav: Option<Nav>,
    d: Demand,
    reason_q: String,
    notice: Option<String>,
    no_master_list: Option<&'static str>,
}

pub async fn demand(
    State(state): State<AppState>,
    Extension(user): User,
    Query(q): Query<ReasonQuery>,
) -> PageResult {
    let a = signed_in(&user)?;
    let Some(reason) = audited::reason(q.reason.as_deref()) else {
        return ask_reason(
            a,
            ("demand against capacity").to_string(),
            ("/demand").to_string(),
            q.reason.as_deref(),
        );
    };
    let p = ops::load(&state).await?;
    let d = demand_of(&p);
    audited::record_read(
        &state,
        &a.viewer,
        "view.demand",
        "officers",
        &reason,
        serde_json::json!({"shown": d.officers.iter().map(|o| o.id).collect::<Vec<_>>()}),
    )
    .await?;
    render(&DemandPage {
        nav: nav(a, "/governance"),
        d,
        reason_q: url_encode(&reason),
        notice: q.done.map(|d| format!("Recorded: {d}.")),
        no_master_list: p.threats.is_none().then_some(NO_MASTER_LIST),
    })
}

pub async fn demand_api(
    State(state): State<AppState>,
    Extension(user): User,
    headers: HeaderMap,
    Query(q): Query<ReasonQuery>,
) -> Result<Json<Demand>, ApiError> {
    let a = signed_in(&user).map_err(|e| ApiError(e.0))?;
    let reason = crate::api::reason_of(&headers, q.reason.as_deref())?;
    let p = ops::load(&state).await?;
    let d = demand_of(&p);
    audited::record_read(
        &state,
        &a.viewer,
        "api.demand",
        "officers",
        &reason,
        serde_json::json!({"shown": d.officers.iter().map(|o| o.id).collect::<Vec<_>>()}),
    )
    .await?;
    Ok(Json(d))
}

// ---------------------------------------------------------------- allocation

fn mode_of(q: Option<&str>) -> Mode {
    match q {
        Some("rebalance") => Mode::Rebalance,
        _ => Mode::Unallocated,
    }
}

fn mode_str(m: Mode) -> &'static str {
    match m {
        Mode::Rebalance => "rebalance",
        Mode::Unallocated => "unallocated",
    }
}

/// The recommendation for the picture, and a fingerprint of everything it was made from, so
/// that a decision is taken on the recommendation that was shown.
fn recommendation(p: &Picture, mode: Mode) -> (Recommendation, String) {
    let r = recommend(
        &RULES,
        &Request {
            threats: p.threats(),
            officers: &p.officers,
            current: &p.current,
            mode,
            today: p.today,
        },
    );
    let basis = serde_json::json!({
        "threats": p.threats(), "officers": p.officers, "current": p.current.iter()
            .map(|(t, o)| (t.to_string(), o.0)).collect::<Vec<_>>(),
        "mode": mode_str(mode), "today": p.today.to_string(), "rules": RULES.version,
    });
    let fingerprint = hex::encode(Sha256::digest(basis.to_string().as_bytes()));
    (r, fingerprint)
}

pub struct AssignmentRow {
    pub threat: String,
    pub label: String,
    pub rank: usize,
    pub band: &'static str,
    pub weight: u32,
    pub current: String,
    pub recommended: String,
    pub change: &'static str,
    pub changes: bool,
    pub reasons: Vec<String>,
    /// (value, label, selected)
    pub choices: Vec<(String, String, bool)>,
}

pub struct LoadRow {
    pub name: String,
    pub capacity: u32,
    pub before: u32,
    pub after: u32,
    pub over_before: bool,
    pub over_after: bool,
}

#[derive(Template)]
#[template(path = "allocation.html")]
struct AllocationPage {
    nav: Option<Nav>,
    csrf: String,
    rebalance: bool,
    rows: Vec<AssignmentRow>,
    loads: Vec<LoadRow>,
    changes: usize,
    cost: i64,
    proven_optimal: bool,
    may_allocate: bool,
    fingerprint: String,
    reason_q: String,
    rules_version: String,
    error: Option<String>,
    no_master_list: Option<&'static str>,
}

fn change_label(c: Change) -> &'static str {
    match c {
        Change::Kept => "stays",
        Change::New => "new",
        Change::Moved => "moves",
        Change::Unserved => "no officer",
        Change::Released => "released",
    }
}

async fn allocation_page(
    state: &AppState,
    a: &crate::auth::Authed,
    mode: Mode,
    reason: &str,
    error: Option<String>,
) -> PageResult {
    let p = ops::load(state).await?;
    let (r, fingerprint) = recommendation(&p, mode);
    audited::record_read(
        state,
        &a.viewer,
        "view.allocation",
        "allocation",
        reason,
        serde_json::json!({"mode": mode_str(mode), "threats": r.assignments.len()}),
    )
    .await?;
    let active: Vec<(i64, String)> = p
        .officers
        .iter()
        .filter(|o| o.active)
        .map(|o| (o.id.0, o.name.clone()))
        .collect();
    let rows = r
        .assignments
        .iter()
        .map(|x| {
            let rec = x
                .officer
                .map(|o| o.0.to_string())
                .unwrap_or_else(|| "none".into());
            let mut choices: Vec<(String, String, bool)> = active
                .iter()
                .map(|(id, name)| (id.to_string(), name.clone(), id.to_string() == rec))
                .collect();
            choices.push(("none".into(), "no officer".into(), rec == "none"));
            AssignmentRow {
                threat: x.threat.to_string(),
                label: x.label.clone(),
                rank: x.rank,
                band: x.band,
                weight: x.weight,
                current: x
                    .current
                    .map(|o| p.name(o))
                    .unwrap_or_else(|| "none".into()),
                recommended: x
                    .officer
                    .map(|o| p.name(o))
                    .unwrap_or_else(|| "no officer".into()),
                change: change_label(x.change),
                changes: !matches!(x.change, Change::Kept | Change::Unserved),
                reasons: x.reasons.clone(),
                choices,
            }
        })
        .collect::<Vec<_>>();
    render(&AllocationPage {
        nav: nav(a, "/governance"),
        csrf: a.csrf().to_string(),
        rebalance: mode == Mode::Rebalance,
        changes: rows.iter().filter(|x| x.changes).count(),
        rows,
        loads: r
            .loads
            .iter()
            .map(|l| LoadRow {
                name: l.name.clone(),
                capacity: l.capacity,
                before: l.before,
                after: l.after,
                over_before: l.before > l.capacity,
                over_after: l.after > l.capacity,
            })
            .collect(),
        cost: r.cost,
        proven_optimal: r.proven_optimal,
        may_allocate: a.viewer.can(Permission::Allocate),
        fingerprint,
        reason_q: url_encode(reason),
        rules_version: r.rules_version,
        error,
        no_master_list: p.threats.is_none().then_some(NO_MASTER_LIST),
    })
}

pub async fn allocation(
    State(state): State<AppState>,
    Extension(user): User,
    Query(q): Query<ReasonQuery>,
) -> PageResult {
    let a = signed_in(&user)?;
    let mode = mode_of(q.mode.as_deref());
    let here = format!("/allocation?mode={}", mode_str(mode));
    let Some(reason) = audited::reason(q.reason.as_deref()) else {
        return ask_reason(
            a,
            ("the recommended allocation").to_string(),
            here.clone(),
            q.reason.as_deref(),
        );
    };
    allocation_page(&state, a, mode, &reason, None).await
}

pub async fn allocation_api(
    State(state): State<AppState>,
    Extension(user): User,
    headers: HeaderMap,
    Query(q): Query<ReasonQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let a = signed_in(&user).map_err(|e| ApiError(e.0))?;
    let reason = crate::api::reason_of(&headers, q.reason.as_deref())?;
    let mode = mode_of(q.mode.as_deref());
    let p = ops::load(&state).await?;
    let (r, fingerprint) = recommendation(&p, mode);
    audited::record_read(
        &state,
        &a.viewer,
        "api.allocation",
        "allocation",
        &reason,
        serde_json::json!({"mode": mode_str(mode)}),
    )
    .await?;
    Ok(Json(serde_json::json!({
        "master_list": p.threats.is_some(),
        "fingerprint": fingerprint,
        "recommendation": r,
    })))
}

/// A governance lead accepts the recommendation, or changes it row by row with a reason for
/// each change. Only threats whose officer changes are written; each is audited.
pub async fn decide(
    State(state): State<AppState>,
    Extension(user): User,
    body: Bytes,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let get = |k: &str| field(&f, k).unwrap_or_default();
    let mode = mode_of(Some(&get("mode")));
    let attempt = async {
        let p = ops::load(&state).await?;
        if p.threats.is_none() {
            return Err(Failure::BadRequest(NO_MASTER_LIST.into()));
        }
        let (r, fingerprint) = recommendation(&p, mode);
        if get("fingerprint") != fingerprint {
            return Err(Failure::Conflict(
                "the threats, officers or allocations changed since the recommendation was \
                 shown; review the new recommendation below"
                    .into(),
            ));
        }
        let reason = audited::reason(Some(&get("reason"))).ok_or_else(|| {
            Failure::BadRequest(
                "say why the allocation is decided (the meeting, for example), in at least 8 \
                 characters"
                    .into(),
            )
        })?;
        let mut changes = Vec::new();
        let mut kept = Vec::new();
        for x in &r.assignments {
            let key = x.threat.to_string();
            let chosen = match get(&format!("o_{key}")).as_str() {
                "" => x.officer,
                "none" => None,
                id => Some(OfficerId(id.parse().map_err(|_| {
                    Failure::BadRequest(format!("no such officer for {key}"))
                })?)),
            };
            if let Some(o) = chosen
                && !p.officers.iter().any(|x| x.id == o && x.active)
            {
                return Err(Failure::BadRequest(format!(
                    "{key}: choose an available officer"
                )));
            }
            let held = p.current.get(&x.threat).copied();
            let (basis, why) = if chosen == x.officer {
                ("recommended", x.reasons.join("; "))
            } else {
                let why = get(&format!("why_{key}"));
                if why.chars().count() < 8 {
                    return Err(Failure::BadRequest(format!(
                        "{key}: say why you chose otherwise than recommended, in at least 8 \
                         characters"
                    )));
                }
                ("changed", why)
            };
            if chosen == held {
                // Nothing moves, but overruling the recommendation is a decision on record.
                if basis == "changed" {
                    kept.push((key, x.officer, why));
                }
                continue;
            }
            changes.push(store::AllocationChange {
                threat_id: key,
                officer_id: chosen.map(|o| o.0),
                basis: basis.into(),
                reason: why,
            });
        }
        state
            .store
            .operations()
            .set_allocations(&changes, &a.viewer.username, &reason)
            .await?;
        for (threat, recommended, why) in kept {
            audited::record_change(
                &state,
                &a.viewer.username,
                "allocation.kept",
                &threat,
                Some(&reason),
                serde_json::json!({"recommended": recommended.map(|o| o.0), "why": why}),
            )
            .await?;
        }
        Ok::<usize, Failure>(changes.len())
    };
    match attempt.await {
        Ok(n) => done(
            "/demand",
            &format!("{} decided", plural(n, "allocation", "allocations")),
        ),
        Err(Failure::BadRequest(m)) | Err(Failure::Conflict(m)) => {
            let mut page =
                allocation_page(&state, a, mode, "deciding the allocation", Some(m)).await?;
            *page.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(page)
        }
        Err(e) => Err(e.into()),
    }
}
