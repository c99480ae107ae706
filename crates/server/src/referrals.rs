//! Safeguarding referrals: made from a flagged person's page or the list of people at risk,
//! sent by a route (the National Referral Mechanism, the Duty to Notify, children's or adults'
//! social care, the GLAA), and followed through their states against the statutory time
//! targets, with what is overdue shown first. The rules — which route suits whom, consent,
//! anonymity, the order of states, working days and recovery periods — are
//! `operations::referral`'s; this module records and shows.
//!
//! Handling: a referral carries only what its maker chose to share (an account of the concern,
//! and the name and date of birth unless it is an anonymous Duty to Notify). The receiving
//! organisation's partner accounts see that and the referral's progress — never the
//! intelligence — and may record their own decisions on it; nobody else outside the force sees
//! it at all.

use crate::access::{Permission, Role, Viewer};
use crate::audited;
use crate::error::{Failure, PageResult};
use crate::pages::{Nav, User, ask_reason, field, form_fields, nav, render, signed_in, url_encode};
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::{Extension, Json};
use operations::referral::{Rules, State as Stage, Step};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;
use time::{Date, OffsetDateTime};

static RULES: LazyLock<Rules> = LazyLock::new(Rules::shipped);

const DAY: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

fn steps_of(r: &store::Referral) -> Vec<Step> {
    r.steps
        .iter()
        .filter_map(|s| {
            Some(Step {
                state: Stage::parse(&s.state)?,
                at: crate::auth::parse_time(&s.at)?,
                positive: s.positive,
            })
        })
        .collect()
}

/// Whether this viewer may see this referral: staff with the permission, or the receiving
/// organisation.
fn may_see(v: &Viewer, r: &store::Referral) -> bool {
    match v.role {
        Role::Partner => v.organisation.as_deref() == Some(r.recipient.as_str()),
        _ => v.can(Permission::ViewReferrals),
    }
}

/// A referral as lists and pages show it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ReferralView {
    pub id: i64,
    /// Staff only: the person referred.
    pub person_id: Option<String>,
    pub route: String,
    pub route_label: String,
    pub recipient: String,
    pub category: Option<String>,
    pub child: Option<bool>,
    pub anonymous: bool,
    pub subject_name: Option<String>,
    pub subject_dob: Option<String>,
    pub shared: String,
    pub state: String,
    pub state_label: String,
    pub made: String,
    pub made_by: String,
    pub steps: Vec<StepView>,
    pub due: Vec<DueView>,
    pub overdue: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct StepView {
    pub state: String,
    pub positive: Option<bool>,
    pub at: String,
    pub actor: String,
    pub note: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DueView {
    pub step: String,
    /// Due by the end of this day.
    pub by: Option<String>,
    /// Not before this day.
    pub earliest: Option<String>,
    /// `met`, `missed`, `overdue`, `due` or `waiting`.
    pub status: String,
    pub statutory: bool,
    pub basis: String,
}

fn view_of(r: &store::Referral, v: &Viewer, now: OffsetDateTime) -> ReferralView {
    let route = RULES.route(&r.route).ok();
    let steps = steps_of(r);
    let due: Vec<DueView> = route
        .map(|route| {
            route
                .due(&RULES, &steps, now)
                .into_iter()
                .map(|d| DueView {
                    step: d.to.label().to_string(),
                    by: d.by.map(|b| b.to_string()),
                    earliest: d.earliest.map(|e| e.to_string()),
                    status: match (d.met, d.overdue) {
                        (Some(true), _) => "met",
                        (Some(false), _) => "missed",
                        (None, true) => "overdue",
                        (None, false) if d.by.is_some() => "due",
                        _ => "waiting",
                    }
                    .into(),
                    statutory: d.statutory,
                    basis: d.basis,
                })
                .collect()
        })
        .unwrap_or_default();
    ReferralView {
        id: r.id,
        person_id: v.is_staff().then(|| r.person_id.clone()),
        route: r.route.clone(),
        route_label: route
            .map(|x| x.label.clone())
            .unwrap_or_else(|| r.route.clone()),
        recipient: r.recipient.clone(),
        category: r.category.as_ref().map(|c| c.replace('_', " ")),
        child: r.child,
        anonymous: r.anonymous,
        subject_name: r.subject_name.clone(),
        subject_dob: r.subject_dob.clone(),
        shared: r.shared.clone(),
        state_label: Stage::parse(&r.state)
            .map(|s| s.label().to_string())
            .unwrap_or_else(|| r.state.clone()),
        state: r.state.clone(),
        made: r
            .steps
            .first()
            .map(|s| s.at[..10.min(s.at.len())].to_string())
            .unwrap_or_default(),
        made_by: r.created_by.clone(),
        steps: r
            .steps
            .iter()
            .map(|s| StepView {
                state: Stage::parse(&s.state)
                    .map(|x| x.label().to_string())
                    .unwrap_or_else(|| s.state.clone()),
                positive: s.positive,
                at: s.at[..10.min(s.at.len())].to_string(),
                actor: s.actor.clone(),
                note: s.note.clone(),
            })
            .collect(),
        overdue: due.iter().any(|d| d.status == "overdue"),
        due,
    }
}

/// The referrals this viewer may see, overdue first, then newest.
pub async fn visible_referrals(
    state: &AppState,
    v: &Viewer,
    filter: store::ReferralFilter,
) -> Result<Vec<ReferralView>, Failure> {
    let filter = match v.role {
        Role::Partner => store::ReferralFilter {
            recipient: Some(v.organisation.clone().unwrap_or_default()),
            ..filter
        },
        _ => filter,
    };
    let now = OffsetDateTime::now_utc();
    let mut out: Vec<ReferralView> = state
        .store
        .referrals(filter)
        .await?
        .iter()
        .filter(|r| may_see(v, r))
        .map(|r| view_of(r, v, now))
        .collect();
    out.sort_by_key(|r| (!r.overdue, std::cmp::Reverse(r.id)));
    Ok(out)
}

// ---------------------------------------------------------------- the list

#[derive(Deserialize)]
pub struct ListQuery {
    reason: Option<String>,
    /// `open` (the default) or `all`.
    show: Option<String>,
}

#[derive(Template)]
#[template(path = "referrals.html")]
struct ListPage {
    nav: Option<Nav>,
    referrals: Vec<ReferralView>,
    overdue: usize,
    all: bool,
    reason_q: String,
    partner: bool,
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
            "safeguarding referrals".into(),
            "/referrals".into(),
            q.reason.as_deref(),
        );
    };
    let all = q.show.as_deref() == Some("all");
    let referrals = visible_referrals(
        &state,
        &a.viewer,
        store::ReferralFilter {
            open_only: !all,
            ..Default::default()
        },
    )
    .await?;
    audited::record_read(
        &state,
        &a.viewer,
        "view.referrals",
        "referrals",
        &reason,
        serde_json::json!({"shown": referrals.iter().map(|r| r.id).collect::<Vec<_>>()}),
    )
    .await?;
    render(&ListPage {
        nav: nav(a, "/referrals"),
        overdue: referrals.iter().filter(|r| r.overdue).count(),
        referrals,
        all,
        reason_q: url_encode(&reason),
        partner: a.viewer.role == Role::Partner,
    })
}

pub async fn list_api(
    State(state): State<AppState>,
    Extension(user): User,
    headers: axum::http::HeaderMap,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<ReferralView>>, crate::error::ApiError> {
    let a = signed_in(&user).map_err(|e| crate::error::ApiError(e.0))?;
    let reason = crate::api::reason_of(&headers, q.reason.as_deref())?;
    let referrals = visible_referrals(
        &state,
        &a.viewer,
        store::ReferralFilter {
            open_only: q.show.as_deref() != Some("all"),
            ..Default::default()
        },
    )
    .await?;
    audited::record_read(
        &state,
        &a.viewer,
        "api.referrals",
        "referrals",
        &reason,
        serde_json::json!({"shown": referrals.iter().map(|r| r.id).collect::<Vec<_>>()}),
    )
    .await?;
    Ok(Json(referrals))
}

// ---------------------------------------------------------------- making one

#[derive(Deserialize)]
pub struct NewQuery {
    person: Option<String>,
}

pub struct RouteChoice {
    pub id: String,
    pub label: String,
    pub suits: bool,
    pub recipient: Option<String>,
}

#[derive(Template)]
#[template(path = "referral_form.html")]
struct FormPage {
    nav: Option<Nav>,
    csrf: String,
    person: String,
    name: String,
    age: String,
    child: Option<bool>,
    categories: Vec<(String, String)>,
    routes: Vec<RouteChoice>,
    councils: Vec<String>,
    today: String,
    error: Option<String>,
    kept: Kept,
}

/// What the user entered, kept when the form comes back with an error.
#[derive(Default)]
pub struct Kept {
    pub route: String,
    pub recipient: String,
    pub category: String,
    pub shared: String,
    pub made_on: String,
    pub consent: bool,
    pub anonymous: bool,
}

/// What the form needs to know of the person: name, age band, child or not, strongest
/// category.
async fn subject(
    state: &AppState,
    person: &str,
) -> Result<(store::PersonProfile, Option<bool>, Option<String>), Failure> {
    let profile = state
        .store
        .person_profiles(&[person.to_string()])
        .await?
        .pop()
        .ok_or_else(|| Failure::NotFound(format!("no person {person}")))?;
    let child = profile.age.map(|(_, max)| max < 18);
    let category = state
        .store
        .vulnerabilities(Some(person), false)
        .await?
        .first()
        .and_then(|v| v.categories.first().cloned());
    Ok((profile, child, category))
}

async fn councils(state: &AppState) -> Result<Vec<String>, Failure> {
    let mut orgs: Vec<String> = state
        .store
        .users()
        .await?
        .into_iter()
        .filter(|u| u.role == Role::Partner.as_str() && u.disabled_at.is_none())
        .filter_map(|u| u.organisation)
        .collect();
    orgs.sort();
    orgs.dedup();
    Ok(orgs)
}

async fn form_page(
    state: &AppState,
    a: &crate::auth::Authed,
    person: &str,
    error: Option<String>,
    kept: Option<Kept>,
) -> PageResult {
    let (profile, child, category) = subject(state, person).await?;
    let today = OffsetDateTime::now_utc().date().to_string();
    let kept = kept.unwrap_or_else(|| Kept {
        category: category.clone().unwrap_or_default(),
        made_on: today.clone(),
        ..Kept::default()
    });
    let routes = RULES
        .routes
        .iter()
        .map(|r| RouteChoice {
            id: r.id.clone(),
            label: r.label.clone(),
            suits: match child {
                Some(true) | None => r.for_children,
                Some(false) => r.for_adults,
            },
            recipient: r.recipient.clone(),
        })
        .collect();
    render(&FormPage {
        nav: nav(a, ""),
        csrf: a.csrf().to_string(),
        person: person.to_string(),
        name: profile.display_name.clone(),
        age: profile
            .age
            .map(|(a, b)| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}-{b}")
                }
            })
            .unwrap_or_else(|| "not known".into()),
        child,
        categories: CATEGORIES
            .iter()
            .map(|(id, label)| (id.to_string(), label.to_string()))
            .collect(),
        routes,
        councils: councils(state).await?,
        today,
        error,
        kept,
    })
}

const CATEGORIES: [(&str, &str); 6] = [
    ("child_criminal_exploitation", "child criminal exploitation"),
    ("cuckooing", "cuckooing"),
    ("labour_exploitation", "labour exploitation"),
    ("sexual_exploitation", "sexual exploitation"),
    ("domestic_servitude", "domestic servitude"),
    ("criminal_exploitation", "criminal exploitation of an adult"),
];

pub async fn new_form(
    State(state): State<AppState>,
    Extension(user): User,
    Query(q): Query<NewQuery>,
) -> PageResult {
    let a = signed_in(&user)?;
    let person = q.person.ok_or_else(|| {
        Failure::BadRequest("refer whom? Open a person and refer them from there".into())
    })?;
    form_page(&state, a, &person, None, None).await
}

fn parse_day(s: &str, what: &str) -> Result<Date, Failure> {
    Date::parse(s.trim(), DAY)
        .map_err(|_| Failure::BadRequest(format!("{what} must be a date (YYYY-MM-DD)")))
}

/// The day something happened, as a time: midday UTC, so that a date entered in any British
/// time zone stays that date.
fn at_midday(d: Date) -> OffsetDateTime {
    d.with_hms(12, 0, 0).unwrap_or(d.midnight()).assume_utc()
}

pub async fn create(
    State(state): State<AppState>,
    Extension(user): User,
    body: Bytes,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let get = |k: &str| field(&f, k).unwrap_or_default();
    let person = get("person");
    let kept = Kept {
        route: get("route"),
        recipient: get("recipient"),
        category: get("category"),
        shared: get("shared"),
        made_on: get("made_on"),
        consent: !get("consent").is_empty(),
        anonymous: !get("anonymous").is_empty(),
    };
    let attempt = async {
        let (profile, child, _) = subject(&state, &person).await?;
        let route_id = get("route");
        let consent = !get("consent").is_empty();
        let anonymous = !get("anonymous").is_empty();
        let route = RULES
            .check_new(&route_id, child, consent, anonymous)
            .map_err(|e| Failure::BadRequest(e.to_string()))?;
        let recipient = match &route.recipient {
            Some(fixed) => fixed.clone(),
            None => {
                let r = get("recipient").trim().to_string();
                if r.is_empty() {
                    return Err(Failure::BadRequest(format!(
                        "a {} referral needs the council that receives it",
                        route.label
                    )));
                }
                r
            }
        };
        let shared = get("shared").trim().to_string();
        if shared.chars().count() < 20 {
            return Err(Failure::BadRequest(
                "say what the recipient needs to know: the concern, in at least 20 characters, \
                 sanitised of anything that would reveal a source"
                    .into(),
            ));
        }
        let made_on = parse_day(&get("made_on"), "the date it was made")?;
        if made_on > OffsetDateTime::now_utc().date() {
            return Err(Failure::BadRequest(
                "a referral cannot be made in the future".into(),
            ));
        }
        let category = Some(get("category")).filter(|c| CATEGORIES.iter().any(|(id, _)| id == c));
        let stored = state
            .store
            .add_referral(store::NewReferral {
                person_id: person.clone(),
                route: route.id.clone(),
                category,
                recipient,
                child,
                consent,
                anonymous,
                subject_name: (!anonymous).then(|| profile.display_name.clone()),
                subject_dob: if anonymous {
                    None
                } else {
                    profile.dobs.first().cloned()
                },
                shared,
                created_by: a.viewer.username.clone(),
                made_at: crate::auth::time_text(at_midday(made_on)),
            })
            .await?;
        Ok::<i64, Failure>(stored.id)
    };
    match attempt.await {
        Ok(id) => Ok(Redirect::to(&format!(
            "/referrals/{id}?made=1&reason={}",
            url_encode(&format!("made safeguarding referral {id}"))
        ))
        .into_response()),
        Err(Failure::BadRequest(message)) if !person.is_empty() => {
            let mut page = form_page(&state, a, &person, Some(message), Some(kept)).await?;
            *page.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(page)
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------- one referral

#[derive(Deserialize)]
pub struct OneQuery {
    reason: Option<String>,
    made: Option<String>,
    recorded: Option<String>,
}

pub struct NextChoice {
    pub state: &'static str,
    pub label: &'static str,
    pub decision: bool,
    pub earliest: Option<String>,
}

#[derive(Template)]
#[template(path = "referral.html")]
struct OnePage {
    nav: Option<Nav>,
    r: ReferralView,
    csrf: String,
    next: Vec<NextChoice>,
    may_update: bool,
    notice: Option<&'static str>,
    reason_q: String,
    today: String,
    error: Option<String>,
}

async fn one_page(
    state: &AppState,
    a: &crate::auth::Authed,
    id: i64,
    reason: &str,
    notice: Option<&'static str>,
    error: Option<String>,
) -> PageResult {
    let v = &a.viewer;
    let stored = state
        .store
        .referral(id)
        .await?
        .filter(|r| may_see(v, r))
        .ok_or_else(|| Failure::NotFound(format!("no referral {id}")))?;
    let steps = steps_of(&stored);
    let next = RULES
        .route(&stored.route)
        .map(|route| {
            route
                .next_states(&steps)
                .into_iter()
                .map(|s| NextChoice {
                    state: s.as_str(),
                    label: s.label(),
                    decision: s.is_decision(),
                    earliest: route.earliest(&steps, s).map(|(d, _)| d.to_string()),
                })
                .collect()
        })
        .unwrap_or_default();
    render(&OnePage {
        nav: nav(a, "/referrals"),
        r: view_of(&stored, v, OffsetDateTime::now_utc()),
        csrf: a.csrf().to_string(),
        next,
        may_update: v.can(Permission::UpdateReferrals),
        notice,
        reason_q: url_encode(reason),
        today: OffsetDateTime::now_utc().date().to_string(),
        error,
    })
}

pub async fn one(
    State(state): State<AppState>,
    Extension(user): User,
    Path(id): Path<i64>,
    Query(q): Query<OneQuery>,
) -> PageResult {
    let a = signed_in(&user)?;
    let Some(reason) = audited::reason(q.reason.as_deref()) else {
        return ask_reason(
            a,
            format!("referral {id}"),
            format!("/referrals/{id}"),
            q.reason.as_deref(),
        );
    };
    audited::record_read(
        &state,
        &a.viewer,
        "view.referral",
        &id.to_string(),
        &reason,
        serde_json::json!({}),
    )
    .await?;
    let notice = if q.made.is_some() {
        Some("Referral made. Its time targets are below.")
    } else if q.recorded.is_some() {
        Some("Recorded.")
    } else {
        None
    };
    one_page(&state, a, id, &reason, notice, None).await
}

/// Records the referral's next step: a decision (positive or negative) or a change of state.
pub async fn record_step(
    State(state): State<AppState>,
    Extension(user): User,
    Path(id): Path<i64>,
    body: Bytes,
) -> PageResult {
    let a = signed_in(&user)?;
    let v = &a.viewer;
    let f = form_fields(&body);
    let get = |k: &str| field(&f, k).unwrap_or_default();
    let stored = state
        .store
        .referral(id)
        .await?
        .filter(|r| may_see(v, r))
        .ok_or_else(|| Failure::NotFound(format!("no referral {id}")))?;
    let attempt = (|| {
        let route = RULES
            .route(&stored.route)
            .map_err(|e| Failure::BadRequest(e.to_string()))?;
        let next =
            Stage::parse(&get("state")).ok_or_else(|| Failure::BadRequest("which step?".into()))?;
        let positive = match get("outcome").as_str() {
            "positive" => Some(true),
            "negative" => Some(false),
            _ => None,
        };
        let steps = steps_of(&stored);
        route
            .check_step(
                &steps,
                next,
                if next.is_decision() { positive } else { None },
            )
            .map_err(|e| Failure::BadRequest(e.to_string()))?;
        let on = parse_day(&get("on"), "the date")?;
        if on > OffsetDateTime::now_utc().date() {
            return Err(Failure::BadRequest("that date is in the future".into()));
        }
        if let Some(last) = steps.last()
            && on < last.at.date()
        {
            return Err(Failure::BadRequest(format!(
                "that date is before the last step ({})",
                last.at.date()
            )));
        }
        if let Some((earliest, target)) = route.earliest(&steps, next)
            && on < earliest
        {
            return Err(Failure::BadRequest(
                operations::RuleError::TooEarly {
                    state: next.label(),
                    earliest,
                    basis: target.basis.clone(),
                }
                .to_string(),
            ));
        }
        let note = get("note").trim().to_string();
        if note.chars().count() < 8 {
            return Err(Failure::BadRequest(
                "add a note of at least 8 characters: who decided, and what follows".into(),
            ));
        }
        Ok((next, positive.filter(|_| next.is_decision()), on, note))
    })();
    match attempt {
        Ok((next, positive, on, note)) => {
            state
                .store
                .add_referral_step(
                    id,
                    store::ReferralStep {
                        state: next.as_str().to_string(),
                        positive,
                        at: crate::auth::time_text(at_midday(on)),
                        actor: v.username.clone(),
                        note,
                        recorded_at: String::new(),
                    },
                )
                .await?;
            Ok(Redirect::to(&format!(
                "/referrals/{id}?recorded=1&reason={}",
                url_encode(&format!("recorded a step of referral {id}"))
            ))
            .into_response())
        }
        Err(Failure::BadRequest(message)) => {
            let mut page = one_page(
                &state,
                a,
                id,
                "recording a step of this referral",
                None,
                Some(message),
            )
            .await?;
            *page.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(page)
        }
        Err(e) => Err(e.into()),
    }
}
