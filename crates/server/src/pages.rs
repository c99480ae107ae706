//! The HTML pages. Every handler gets the signed-in user (if any) from the guard; what it shows
//! of the intelligence passes [`Viewer::may_see`]; what it reads of a person or a report is
//! audited with a reason.

use crate::access::{Permission, Role, Viewer};
use crate::audited;
use crate::auth::{self, Authed};
use crate::error::{Failure, PageError, PageResult};
use crate::intake::{
    self, Draft, LocationDraft, PersonDraft, PhoneDraft, Submission, VehicleDraft,
};
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::extract::{ConnectInfo, Path, Query, RawForm, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use hmac::{Hmac, Mac};
use model::{CrimeType, HandlingCode};
use serde::Deserialize;
use sha2::Sha256;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::Duration;
use store::ReportFilter;

pub(crate) type User = Extension<Option<Authed>>;

/// The navigation bar for a signed-in user.
pub struct Nav {
    pub items: Vec<(&'static str, &'static str, bool)>,
    pub display_name: String,
    pub role: &'static str,
    pub organisation: Option<String>,
    pub csrf: String,
}

pub(crate) fn nav(a: &Authed, current: &str) -> Option<Nav> {
    let v = &a.viewer;
    let mut items: Vec<(&'static str, &'static str)> = vec![("/", "Home")];
    if v.can(Permission::ViewPicture) {
        items.push(("/reports", "Reports"));
        items.push(("/search", "Search"));
    }
    if v.can(Permission::ViewAssessments) {
        items.push(("/threats", "Threats"));
        items.push(("/vulnerable", "At risk"));
    }
    if v.can(Permission::ViewReferrals) {
        items.push(("/referrals", "Referrals"));
    }
    if v.can(Permission::ViewOperations) {
        items.push(("/governance", "Governance"));
    }
    if v.can(Permission::SubmitReport) {
        items.push(("/reports/new", "New report"));
    }
    if v.can(Permission::Triage) {
        items.push(("/triage", "Triage"));
    }
    if v.can(Permission::SubmitPartnerReport) {
        items.push(("/portal", "Portal"));
    }
    if v.can(Permission::ViewAudit) {
        items.push(("/audit", "Audit"));
    }
    if v.can(Permission::ManageUsers) {
        items.push(("/admin/users", "Accounts"));
    }
    items.push(("/account", "Account"));
    Some(Nav {
        items: items
            .into_iter()
            .map(|(href, label)| (href, label, href == current))
            .collect(),
        display_name: v.display_name.clone(),
        role: v.role.label(),
        organisation: v.organisation.clone(),
        csrf: a.csrf().to_string(),
    })
}

pub(crate) fn render(t: &impl Template) -> PageResult {
    t.render()
        .map(|html| Html(html).into_response())
        .map_err(|e| PageError(Failure::Internal(format!("template: {e}"))))
}

pub(crate) fn signed_in(user: &Option<Authed>) -> Result<&Authed, PageError> {
    user.as_ref().ok_or(PageError(Failure::Unauthorized))
}

/// Percent-encodes a value for a query string.
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `application/x-www-form-urlencoded` into repeated keys.
pub(crate) fn form_fields(body: &[u8]) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for pair in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
        let mut kv = pair.splitn(2, |b| *b == b'=');
        let k = decode(kv.next().unwrap_or_default());
        let v = decode(kv.next().unwrap_or_default());
        out.entry(k).or_default().push(v);
    }
    out
}

fn decode(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 3 <= bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(crate) fn field(f: &HashMap<String, Vec<String>>, key: &str) -> Option<String> {
    f.get(key)
        .and_then(|v| v.first())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

// ---------------------------------------------------------------- errors, health, static

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    nav: Option<Nav>,
    status: u16,
    heading: &'a str,
    message: &'a str,
}

/// The page shown for a failure.
pub fn error_page(status: StatusCode, message: &str) -> String {
    let heading = match status {
        StatusCode::NOT_FOUND => "Not found",
        StatusCode::FORBIDDEN => "Not allowed",
        StatusCode::UNAUTHORIZED => "Sign in first",
        StatusCode::BAD_REQUEST => "That did not work",
        StatusCode::TOO_MANY_REQUESTS => "Too many requests",
        _ => "Something went wrong",
    };
    ErrorPage {
        nav: None,
        status: status.as_u16(),
        heading,
        message,
    }
    .render()
    .unwrap_or_else(|_| message.to_string())
}

pub async fn health() -> &'static str {
    "ok"
}

pub async fn static_file(Path(file): Path<String>) -> Response {
    let (body, kind): (&'static str, &'static str) = match file.as_str() {
        "app.css" => (include_str!("../static/app.css"), "text/css; charset=utf-8"),
        "app.js" => (
            include_str!("../static/app.js"),
            "text/javascript; charset=utf-8",
        ),
        _ => return PageError(Failure::NotFound("no such file".into())).into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(kind)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("max-age=300"),
            ),
        ],
        body,
    )
        .into_response()
}

// ---------------------------------------------------------------- public forms and sign-in

const FORM_COOKIE: &str = "sl_form";

/// The double-submit token of a public form, from its cookie.
pub fn form_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == FORM_COOKIE)
        .map(|(_, v)| v.to_string())
}

/// A public form's token: the one its cookie holds, or a new one with the cookie to set.
fn public_form_token(headers: &HeaderMap, secure: bool) -> (String, Option<String>) {
    match form_cookie(headers) {
        Some(t) if t.len() == 64 => (t, None),
        _ => {
            let t = auth::new_token();
            let secure = if secure { "; Secure" } else { "" };
            let cookie = format!("{FORM_COOKIE}={t}; Path=/; HttpOnly; SameSite=Strict{secure}");
            (t, Some(cookie))
        }
    }
}

fn with_cookie(mut res: Response, cookie: Option<String>) -> Response {
    if let Some(c) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    res
}

#[derive(Template)]
#[template(path = "login.html")]
struct Login {
    nav: Option<Nav>,
    csrf: String,
    next: String,
    username: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

fn safe_next(next: Option<&str>) -> String {
    // Only a path on this site: never an open redirect.
    next.filter(|n| n.starts_with('/') && !n.starts_with("//"))
        .unwrap_or("/")
        .to_string()
}

pub async fn login_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> PageResult {
    let (csrf, cookie) = public_form_token(&headers, state.config.secure_cookies);
    let page = render(&Login {
        nav: None,
        csrf,
        next: safe_next(q.next.as_deref()),
        username: String::new(),
        error: None,
    })?;
    Ok(with_cookie(page, cookie))
}

pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    RawForm(body): RawForm,
) -> PageResult {
    let f = form_fields(&body);
    let username = field(&f, "username").unwrap_or_default();
    let password = f
        .get("password")
        .and_then(|v| v.first())
        .cloned()
        .unwrap_or_default();
    let next = safe_next(field(&f, "next").as_deref());
    let (csrf, _) = public_form_token(&headers, state.config.secure_cookies);
    let fail = |message: &str| {
        render(&Login {
            nav: None,
            csrf: csrf.clone(),
            next: next.clone(),
            username: username.clone(),
            error: Some(message.to_string()),
        })
        .map(|mut r| {
            *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            r
        })
    };
    if !state
        .limiter
        .allow("login", peer.ip(), 20, Duration::from_secs(300))
    {
        return Err(PageError(Failure::TooMany));
    }
    let generic = "The username or password is not right, or the account is locked.";
    let Some(user) = state.store.user_by_name(&username).await? else {
        // Spend the same time as a real check, so that timing does not reveal usernames.
        let _ = auth::verify_password(
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$2pDwAi6KOxxiT2jIR/rTd2OqtNzP6ZZy+dJ7L/lyxnA",
            &password,
        );
        return fail(generic);
    };
    let now = time::OffsetDateTime::now_utc();
    let locked = user
        .locked_until
        .as_deref()
        .and_then(auth::parse_time)
        .is_some_and(|until| until > now);
    if locked || user.disabled_at.is_some() {
        audited::record_change(
            &state,
            &username,
            "login.refused",
            &username,
            None,
            serde_json::json!({"locked": locked}),
        )
        .await?;
        return fail(generic);
    }
    if !auth::verify_password(&user.password_hash, &password) {
        let lock = (user.failed_attempts + 1 >= auth::MAX_FAILURES)
            .then(|| auth::time_text(now + time::Duration::minutes(auth::LOCK_MINUTES)));
        state
            .store
            .record_login(user.id, false, lock.clone())
            .await?;
        audited::record_change(
            &state,
            &username,
            "login.failed",
            &username,
            None,
            serde_json::json!({"attempts": user.failed_attempts + 1, "locked": lock.is_some()}),
        )
        .await?;
        return fail(generic);
    }
    state.store.record_login(user.id, true, None).await?;
    let token = auth::new_token();
    let session = store::Session {
        token_hash: auth::token_hash(&token),
        user_id: user.id,
        csrf_token: auth::new_token(),
        created_at: auth::time_text(now),
        last_seen: auth::time_text(now),
        expires_at: auth::time_text(now + state.config.session_max),
    };
    state.store.create_session(session).await?;
    audited::record_change(
        &state,
        &username,
        "login",
        &username,
        None,
        serde_json::json!({}),
    )
    .await?;
    let mut res = Redirect::to(&next).into_response();
    let max_age = Duration::from_secs(state.config.session_max.whole_seconds().max(0) as u64);
    if let Ok(c) = HeaderValue::from_str(&auth::session_cookie(
        Some(&token),
        state.config.secure_cookies,
        max_age,
    )) {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    Ok(res)
}

pub async fn logout(State(state): State<AppState>, Extension(user): User) -> PageResult {
    let a = signed_in(&user)?;
    if let auth::Via::Session { token_hash, .. } = &a.via {
        state.store.delete_sessions(Some(token_hash), None).await?;
    }
    audited::record_change(
        &state,
        &a.viewer.username,
        "logout",
        &a.viewer.username,
        None,
        serde_json::json!({}),
    )
    .await?;
    let mut res = Redirect::to("/login").into_response();
    if let Ok(c) = HeaderValue::from_str(&auth::session_cookie(
        None,
        state.config.secure_cookies,
        Duration::ZERO,
    )) {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    Ok(res)
}

// ---------------------------------------------------------------- community page

#[derive(Template)]
#[template(path = "community.html")]
struct Community {
    nav: Option<Nav>,
    csrf: String,
    served: String,
    thanks: bool,
    error: Option<String>,
}

/// A signed note of when the form was served: a submission must come between a few seconds (a
/// person reading and typing) and a day later.
fn served_stamp(state: &AppState, at: i64) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(state.form_secret.as_slice())
        .expect("HMAC takes a key of any length");
    mac.update(at.to_string().as_bytes());
    format!("{at}.{}", hex::encode(mac.finalize().into_bytes()))
}

fn served_ok(state: &AppState, stamp: &str) -> bool {
    let Some((at, _)) = stamp.split_once('.') else {
        return false;
    };
    let Ok(at) = at.parse::<i64>() else {
        return false;
    };
    if served_stamp(state, at) != stamp {
        return false;
    }
    let age = time::OffsetDateTime::now_utc().unix_timestamp() - at;
    (state.config.community_min_seconds..86_400).contains(&age)
}

pub async fn community_page(State(state): State<AppState>, headers: HeaderMap) -> PageResult {
    let (csrf, cookie) = public_form_token(&headers, state.config.secure_cookies);
    let served = served_stamp(&state, time::OffsetDateTime::now_utc().unix_timestamp());
    let page = render(&Community {
        nav: None,
        csrf,
        served,
        thanks: false,
        error: None,
    })?;
    Ok(with_cookie(page, cookie))
}

pub async fn community_submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    RawForm(body): RawForm,
) -> PageResult {
    let f = form_fields(&body);
    let (csrf, _) = public_form_token(&headers, state.config.secure_cookies);
    let again = |error: &str| {
        render(&Community {
            nav: None,
            csrf: csrf.clone(),
            served: served_stamp(&state, time::OffsetDateTime::now_utc().unix_timestamp()),
            thanks: false,
            error: Some(error.to_string()),
        })
    };
    if !state
        .limiter
        .allow("community", peer.ip(), 5, Duration::from_secs(3600))
    {
        return Err(PageError(Failure::TooMany));
    }
    // The hidden field only a program fills in, and a form sent faster than a person could.
    if field(&f, "website").is_some()
        || !served_ok(&state, &field(&f, "served").unwrap_or_default())
    {
        return again("That did not go through. Please read the form again and send it once more.");
    }
    let what = field(&f, "what").unwrap_or_default();
    if what.chars().count() < 10 {
        return again("Please tell us a little more about what you have seen or heard.");
    }
    let mut text = what;
    if let Some(w) = field(&f, "where") {
        text.push_str(&format!("\nWhere: {w}"));
    }
    if let Some(w) = field(&f, "when") {
        text.push_str(&format!("\nWhen: {w}"));
    }
    let draft = Draft {
        source_type: "community".into(),
        grading_source: "2".into(),
        grading_intel: "C".into(),
        handling: "P".into(),
        text,
        ..Draft::default()
    };
    intake::submit(
        &state,
        &draft,
        &Submission {
            actor: "community".into(),
            submitted_by: None,
            organisation: None,
            channel: "community",
        },
    )
    .await?;
    render(&Community {
        nav: None,
        csrf,
        served: String::new(),
        thanks: true,
        error: None,
    })
}

// ---------------------------------------------------------------- home and reports

pub struct Card {
    pub href: &'static str,
    pub figure: String,
    pub label: &'static str,
}

pub struct ReportRow {
    pub reference: String,
    pub received: String,
    pub source: String,
    pub grading: String,
    pub handling: &'static str,
    pub crime_types: String,
    pub snippet: String,
    pub status: String,
}

pub(crate) fn row_of(s: &store::ReportSummary) -> ReportRow {
    ReportRow {
        reference: s.report_ref.clone(),
        received: s.received.replace('T', " ").chars().take(16).collect(),
        source: match &s.source_org {
            Some(org) => format!("{} ({org})", s.source_type),
            None => s.source_type.clone(),
        },
        grading: s.grading.clone(),
        handling: s.handling.as_str(),
        crime_types: s
            .crime_types
            .iter()
            .map(|c| c.as_str().replace('_', " "))
            .collect::<Vec<_>>()
            .join(", "),
        snippet: {
            let t: String = s.text.chars().take(140).collect();
            if s.text.chars().count() > 140 {
                format!("{t}…")
            } else {
                t
            }
        },
        status: s.status.clone().unwrap_or_else(|| "ingested".into()),
    }
}

fn filter_for(v: &Viewer) -> ReportFilter {
    ReportFilter {
        shareable_or_submitted_by: (v.role == Role::Partner).then_some(v.id),
        ..ReportFilter::default()
    }
}

#[derive(Template)]
#[template(path = "reports.html")]
struct Reports {
    nav: Option<Nav>,
    recent: Vec<ReportRow>,
    older: Option<i64>,
    submitted: Option<String>,
}

#[derive(Deserialize)]
pub struct ReportsQuery {
    before: Option<i64>,
    submitted: Option<String>,
}

pub async fn reports(
    State(state): State<AppState>,
    Extension(user): User,
    Query(q): Query<ReportsQuery>,
) -> PageResult {
    let a = signed_in(&user)?;
    let page = 50;
    let rows = state
        .store
        .report_summaries(ReportFilter {
            before_id: q.before,
            limit: page,
            ..filter_for(&a.viewer)
        })
        .await?;
    let older = (rows.len() as i64 == page)
        .then(|| rows.last().map(|r| r.id))
        .flatten();
    render(&Reports {
        nav: nav(a, "/reports"),
        recent: rows.iter().map(row_of).collect(),
        older,
        submitted: q.submitted.filter(|s| s.starts_with("SL-IR-")),
    })
}

#[derive(Template)]
#[template(path = "reason.html")]
struct Reason {
    nav: Option<Nav>,
    what: String,
    action: String,
    suggested: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct ReasonQuery {
    pub reason: Option<String>,
}

pub(crate) fn ask_reason(
    a: &Authed,
    what: String,
    action: String,
    given: Option<&str>,
) -> PageResult {
    render(&Reason {
        nav: nav(a, ""),
        what,
        action,
        suggested: given.unwrap_or_default().to_string(),
        error: given.map(|_| {
            format!(
                "Give a reason of at least {} characters.",
                audited::MIN_REASON
            )
        }),
    })
}

pub struct EntityRow {
    id: String,
    kind: &'static str,
    raw: String,
    normalised: String,
    person: Option<String>,
    resolved: String,
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    nav: Option<Nav>,
    r: ReportRow,
    grading_meaning: String,
    conditions: Option<String>,
    version: i64,
    text: String,
    entities: Vec<EntityRow>,
}

/// What a 3x5x2 grading says, in words.
pub fn grading_meaning(g: &model::Grading) -> String {
    let source = match g.source {
        model::SourceEvaluation::Reliable => "reliable source",
        model::SourceEvaluation::Untested => "untested source",
        model::SourceEvaluation::NotReliable => "source not reliable",
    };
    let intel = match g.intel {
        model::IntelAssessment::A => "known directly to the source",
        model::IntelAssessment::B => "known indirectly and corroborated",
        model::IntelAssessment::C => "known indirectly",
        model::IntelAssessment::D => "not known",
        model::IntelAssessment::E => "suspected false",
    };
    let handling = match g.handling {
        HandlingCode::P => "lawful sharing permitted",
        HandlingCode::C => "sharing only under the stated conditions",
    };
    format!("{source}; {intel}; {handling}")
}

/// A report the viewer may see, or not found (never "forbidden": that would confirm it exists).
pub async fn visible_report(
    state: &AppState,
    v: &Viewer,
    reference: &str,
) -> Result<(store::StoredReport, Option<store::Workflow>), Failure> {
    let report = state
        .store
        .report(reference)
        .await?
        .ok_or_else(|| Failure::NotFound(format!("no report {reference}")))?;
    let workflow = state.store.report_workflow(reference).await?;
    let submitted_by = workflow.as_ref().and_then(|w| w.submitted_by);
    if !v.may_see(report.grading.handling, submitted_by) {
        return Err(Failure::NotFound(format!("no report {reference}")));
    }
    Ok((report, workflow))
}

pub async fn report_view(
    State(state): State<AppState>,
    Extension(user): User,
    Path(reference): Path<String>,
    Query(q): Query<ReasonQuery>,
) -> PageResult {
    let a = signed_in(&user)?;
    let (report, workflow) = visible_report(&state, &a.viewer, &reference).await?;
    let Some(reason) = audited::reason(q.reason.as_deref()) else {
        return ask_reason(
            a,
            format!("report {reference}"),
            format!("/reports/{}", url_encode(&reference)),
            q.reason.as_deref(),
        );
    };
    audited::record_read(
        &state,
        &a.viewer,
        "view.report",
        &reference,
        &reason,
        serde_json::json!({}),
    )
    .await?;
    let persons: HashMap<String, String> = state
        .store
        .person_assignments()
        .await?
        .into_iter()
        .filter(|p| p.mention.starts_with(&format!("{reference}#")))
        .map(|p| (p.mention, p.person_id))
        .collect();
    let objects: HashMap<String, String> = state
        .store
        .object_assignments()
        .await?
        .into_iter()
        .filter(|o| o.mention.starts_with(&format!("{reference}#")))
        .map(|o| (o.mention, o.entity_id))
        .collect();
    let mention = |id: &model::LocalId| format!("{reference}#{id}");
    let mut entities = Vec::new();
    for p in &report.entities.persons {
        entities.push(EntityRow {
            id: p.id.to_string(),
            kind: "person",
            raw: p.name_raw.clone().unwrap_or_default(),
            normalised: p.name.as_ref().map(|n| n.display()).unwrap_or_default(),
            person: persons.get(&mention(&p.id)).cloned(),
            resolved: String::new(),
        });
    }
    for l in &report.entities.locations {
        entities.push(EntityRow {
            id: l.id.to_string(),
            kind: "place",
            raw: l.address_raw.clone().unwrap_or_default(),
            normalised: l
                .address
                .as_ref()
                .map(|x| x.normalised())
                .unwrap_or_default(),
            person: None,
            resolved: objects.get(&mention(&l.id)).cloned().unwrap_or_default(),
        });
    }
    for t in &report.entities.phones {
        entities.push(EntityRow {
            id: t.id.to_string(),
            kind: "phone",
            raw: t.phone.raw.clone(),
            normalised: t
                .phone
                .e164
                .clone()
                .unwrap_or_else(|| "not a valid number".into()),
            person: None,
            resolved: objects.get(&mention(&t.id)).cloned().unwrap_or_default(),
        });
    }
    for v in &report.entities.vehicles {
        entities.push(EntityRow {
            id: v.id.to_string(),
            kind: "vehicle",
            raw: v.vrm.as_ref().map(|x| x.raw.clone()).unwrap_or_default(),
            normalised: v
                .vrm
                .as_ref()
                .and_then(|x| x.normalised.clone())
                .unwrap_or_default(),
            person: None,
            resolved: objects.get(&mention(&v.id)).cloned().unwrap_or_default(),
        });
    }
    let summary = store::ReportSummary {
        id: report.id,
        report_ref: report.report_ref.clone(),
        version: report.version,
        received: auth::time_text(report.received),
        source_type: report.source_type.as_str().into(),
        source_org: report.source_org.clone(),
        grading: report.grading.code(),
        handling: report.grading.handling,
        conditions: report.grading.conditions.clone(),
        crime_types: report.crime_types.clone(),
        area: report.area.clone(),
        text: report.text.clone(),
        mentions: report.entities.persons.len() as i64,
        status: workflow.as_ref().map(|w| w.status.clone()),
        channel: workflow.as_ref().map(|w| w.channel.clone()),
        submitted_by: workflow.as_ref().and_then(|w| w.submitted_by),
    };
    render(&ReportPage {
        nav: nav(a, "/reports"),
        r: row_of(&summary),
        grading_meaning: grading_meaning(&report.grading),
        conditions: report.grading.conditions.clone(),
        version: report.version,
        text: report.text.clone(),
        entities,
    })
}

// ---------------------------------------------------------------- the report form

#[derive(Template)]
#[template(path = "report_form.html")]
struct ReportForm {
    nav: Option<Nav>,
    csrf: String,
    error: Option<String>,
    source_types: Vec<(&'static str, &'static str)>,
    source_grades: Vec<(&'static str, &'static str)>,
    intel_grades: Vec<(&'static str, &'static str)>,
    handling_codes: Vec<(&'static str, &'static str)>,
    crime_types: Vec<(&'static str, String)>,
    roles: Vec<&'static str>,
    person_slots: Vec<usize>,
}

fn report_form_page(a: &Authed, error: Option<String>) -> PageResult {
    render(&ReportForm {
        nav: nav(a, "/reports/new"),
        csrf: a.csrf().to_string(),
        error,
        source_types: vec![
            ("officer", "Officer"),
            ("chis", "Covert human intelligence source"),
            ("agency", "Agency (NCA, ROCU, another force)"),
            ("partner", "Partner agency"),
            ("community", "Member of the public"),
            ("crimestoppers", "Crimestoppers"),
            ("other", "Other"),
        ],
        source_grades: vec![("1", "reliable"), ("2", "untested"), ("3", "not reliable")],
        intel_grades: vec![
            ("A", "known directly to the source"),
            ("B", "known indirectly to the source and corroborated"),
            ("C", "known indirectly to the source"),
            ("D", "not known"),
            ("E", "suspected to be false"),
        ],
        handling_codes: vec![
            ("P", "lawful sharing permitted"),
            (
                "C",
                "sharing permitted only under the conditions given below",
            ),
        ],
        crime_types: CrimeType::ALL
            .iter()
            .map(|c| (c.as_str(), c.as_str().replace('_', " ")))
            .collect(),
        roles: model::PersonRole::ALL.iter().map(|r| r.as_str()).collect(),
        person_slots: vec![0, 1],
    })
}

pub async fn report_form(Extension(user): User) -> PageResult {
    report_form_page(signed_in(&user)?, None)
}

/// A draft from the report form's fields.
fn draft_from_form(f: &HashMap<String, Vec<String>>) -> Draft {
    let persons = (0..2)
        .map(|i| PersonDraft {
            name: field(f, &format!("p{i}_name")),
            dob: field(f, &format!("p{i}_dob")),
            age_estimate: field(f, &format!("p{i}_age")),
            gender: field(f, &format!("p{i}_gender")),
            nationality: None,
            role: field(f, &format!("p{i}_role")),
        })
        .filter(|p| p.name.is_some() || p.dob.is_some() || p.age_estimate.is_some())
        .collect::<Vec<_>>();
    let has_person = !persons.is_empty();
    let first = has_person.then_some(0);
    let locations = [LocationDraft {
        address: field(f, "l0_address"),
        postcode: field(f, "l0_postcode"),
        location_type: None,
        person: first,
    }]
    .into_iter()
    .filter(|l| l.address.is_some() || l.postcode.is_some())
    .collect();
    let phones = [PhoneDraft {
        number: field(f, "t0_number"),
        person: first,
    }]
    .into_iter()
    .filter(|p| p.number.is_some())
    .collect();
    let vehicles = [VehicleDraft {
        vrm: field(f, "v0_vrm"),
        make: field(f, "v0_make"),
        model: None,
        colour: field(f, "v0_colour"),
        person: first,
    }]
    .into_iter()
    .filter(|v| v.vrm.is_some())
    .collect();
    Draft {
        source_type: field(f, "source_type").unwrap_or_else(|| "officer".into()),
        source_org: field(f, "source_org"),
        grading_source: field(f, "grading_source").unwrap_or_default(),
        grading_intel: field(f, "grading_intel").unwrap_or_default(),
        handling: field(f, "handling").unwrap_or_default(),
        conditions: field(f, "conditions"),
        crime_types: f.get("crime_types").cloned().unwrap_or_default(),
        area: field(f, "area"),
        text: field(f, "text").unwrap_or_default(),
        persons,
        locations,
        phones,
        vehicles,
    }
}

pub async fn report_submit(
    State(state): State<AppState>,
    Extension(user): User,
    RawForm(body): RawForm,
) -> PageResult {
    let a = signed_in(&user)?;
    let draft = draft_from_form(&form_fields(&body));
    let submission = Submission {
        actor: a.viewer.username.clone(),
        submitted_by: Some(a.viewer.id),
        organisation: a.viewer.organisation.clone(),
        channel: "officer",
    };
    match intake::submit(&state, &draft, &submission).await {
        Ok(reference) => Ok(Redirect::to(&format!(
            "/reports?submitted={}",
            url_encode(&reference)
        ))
        .into_response()),
        Err(Failure::BadRequest(problem)) => {
            let mut page =
                report_form_page(a, Some(format!("The report was not stored: {problem}")))?;
            *page.status_mut() = StatusCode::BAD_REQUEST;
            Ok(page)
        }
        Err(e) => Err(PageError(e)),
    }
}

// ---------------------------------------------------------------- partner portal

#[derive(Template)]
#[template(path = "portal.html")]
struct Portal {
    nav: Option<Nav>,
    csrf: String,
    organisation: String,
    concerns: Vec<(&'static str, &'static str)>,
    mine: Vec<(String, String, String)>,
    submitted: Option<String>,
    error: Option<String>,
}

const CONCERNS: &[(&str, &str)] = &[
    (
        "child_criminal_exploitation",
        "A child being exploited to commit crime (county lines)",
    ),
    (
        "child_sexual_exploitation",
        "A child at risk of sexual exploitation",
    ),
    (
        "msht_labour",
        "Someone forced to work or not paid (labour exploitation)",
    ),
    ("msht_sexual", "Someone being sexually exploited"),
    (
        "msht_domestic_servitude",
        "Someone kept as a domestic servant",
    ),
    (
        "drugs_county_lines",
        "A home taken over for drug dealing (cuckooing)",
    ),
    ("other", "Something else"),
];

async fn portal_page(
    state: &AppState,
    a: &Authed,
    submitted: Option<String>,
    error: Option<String>,
) -> PageResult {
    let mine = state
        .store
        .workflow(None, Some(a.viewer.id), 200)
        .await?
        .into_iter()
        .map(|w| {
            (
                w.report_ref,
                w.updated_at
                    .chars()
                    .take(16)
                    .collect::<String>()
                    .replace('T', " "),
                w.status,
            )
        })
        .collect();
    render(&Portal {
        nav: nav(a, "/portal"),
        csrf: a.csrf().to_string(),
        organisation: a.viewer.organisation.clone().unwrap_or_default(),
        concerns: CONCERNS.to_vec(),
        mine,
        submitted,
        error,
    })
}

pub async fn portal(
    State(state): State<AppState>,
    Extension(user): User,
    Query(q): Query<ReportsQuery>,
) -> PageResult {
    let a = signed_in(&user)?;
    portal_page(
        &state,
        a,
        q.submitted.filter(|s| s.starts_with("SL-IR-")),
        None,
    )
    .await
}

pub async fn portal_submit(
    State(state): State<AppState>,
    Extension(user): User,
    RawForm(body): RawForm,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let concern = field(&f, "concern")
        .filter(|c| CONCERNS.iter().any(|(k, _)| k == c))
        .unwrap_or_else(|| "other".into());
    let name = field(&f, "name");
    let dob = field(&f, "dob");
    let (dob, age) = match dob {
        Some(d) if model::date::parse_age(&d).is_some() && d.len() <= 3 => (None, Some(d)),
        other => (other, None),
    };
    let persons: Vec<PersonDraft> = if name.is_some() || dob.is_some() || age.is_some() {
        vec![PersonDraft {
            name,
            dob,
            age_estimate: age,
            role: Some("victim".into()),
            ..PersonDraft::default()
        }]
    } else {
        Vec::new()
    };
    let locations = field(&f, "address")
        .map(|address| LocationDraft {
            address: Some(address),
            person: (!persons.is_empty()).then_some(0),
            ..LocationDraft::default()
        })
        .into_iter()
        .collect();
    let draft = Draft {
        source_type: "partner".into(),
        source_org: a.viewer.organisation.clone(),
        grading_source: "2".into(),
        grading_intel: "B".into(),
        handling: "P".into(),
        crime_types: if concern == "other" {
            Vec::new()
        } else {
            vec![concern]
        },
        text: field(&f, "text").unwrap_or_default(),
        persons,
        locations,
        ..Draft::default()
    };
    let submission = Submission {
        actor: a.viewer.username.clone(),
        submitted_by: Some(a.viewer.id),
        organisation: a.viewer.organisation.clone(),
        channel: "partner",
    };
    match intake::submit(&state, &draft, &submission).await {
        Ok(reference) => Ok(
            Redirect::to(&format!("/portal?submitted={}", url_encode(&reference))).into_response(),
        ),
        Err(Failure::BadRequest(problem)) => {
            let mut page =
                portal_page(&state, a, None, Some(format!("Not sent: {problem}"))).await?;
            *page.status_mut() = StatusCode::BAD_REQUEST;
            Ok(page)
        }
        Err(e) => Err(PageError(e)),
    }
}

// ---------------------------------------------------------------- triage

pub struct TriageItem {
    reference: String,
    channel: String,
    source: String,
    received: String,
    grading: String,
    handling: String,
    source_grade: String,
    intel_grade: String,
    conditions: String,
    text: String,
}

#[derive(Template)]
#[template(path = "triage.html")]
struct Triage {
    nav: Option<Nav>,
    csrf: String,
    items: Vec<TriageItem>,
    updated: Option<String>,
}

#[derive(Deserialize)]
pub struct TriageQuery {
    updated: Option<String>,
}

pub async fn triage(
    State(state): State<AppState>,
    Extension(user): User,
    Query(q): Query<TriageQuery>,
) -> PageResult {
    let a = signed_in(&user)?;
    let rows = state
        .store
        .report_summaries(ReportFilter {
            status: Some("new".into()),
            limit: 100,
            ..ReportFilter::default()
        })
        .await?;
    let items = rows
        .into_iter()
        .map(|s| {
            let parts: Vec<&str> = s.grading.split('/').collect();
            TriageItem {
                channel: s.channel.clone().unwrap_or_default(),
                source: match &s.source_org {
                    Some(o) => format!("{} ({o})", s.source_type),
                    None => s.source_type.clone(),
                },
                received: s.received.replace('T', " ").chars().take(16).collect(),
                source_grade: parts.first().unwrap_or(&"2").to_string(),
                intel_grade: parts.get(1).unwrap_or(&"C").to_string(),
                handling: s.handling.as_str().to_string(),
                grading: s.grading,
                conditions: s.conditions.unwrap_or_default(),
                text: s.text,
                reference: s.report_ref,
            }
        })
        .collect();
    render(&Triage {
        nav: nav(a, "/triage"),
        csrf: a.csrf().to_string(),
        items,
        updated: q.updated.filter(|u| u.len() < 200),
    })
}

pub async fn triage_update(
    State(state): State<AppState>,
    Extension(user): User,
    Path(reference): Path<String>,
    RawForm(body): RawForm,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let reason = audited::reason(field(&f, "reason").as_deref()).ok_or_else(|| {
        Failure::BadRequest(format!(
            "give a reason of at least {} characters",
            audited::MIN_REASON
        ))
    })?;
    let status = match field(&f, "status").as_deref() {
        Some("developed") => "developed",
        _ => "triaged",
    };
    let source = field(&f, "grading_source");
    let intel = field(&f, "grading_intel");
    let handling = field(&f, "handling");
    let conditions = field(&f, "conditions");
    let text = field(&f, "text");
    intake::revise(
        &state,
        &reference,
        &a.viewer.username,
        &reason,
        status,
        move |record| {
            if let Some(g) = record.get_mut("grading") {
                if let Some(s) = source {
                    g["source"] = s.into();
                }
                if let Some(i) = intel {
                    g["intel"] = i.into();
                }
                if let Some(h) = handling {
                    g["handling"] = h.into();
                }
                g["conditions"] = conditions
                    .map(serde_json::Value::from)
                    .unwrap_or(serde_json::Value::Null);
            }
            if let Some(t) = text {
                record["text"] = t.into();
            }
        },
    )
    .await?;
    Ok(Redirect::to(&format!(
        "/triage?updated={}",
        url_encode(&format!("{reference} saved as {status}"))
    ))
    .into_response())
}

// ---------------------------------------------------------------- audit

pub struct AuditRow {
    id: i64,
    at: String,
    actor: String,
    action: String,
    subject: String,
    reason: String,
    details: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    nav: Option<Nav>,
    total: i64,
    chain: String,
    actor: String,
    action: String,
    subject: String,
    reason: String,
    from: String,
    to: String,
    /// Whether any filter was given.
    searched: bool,
    error: Option<String>,
    entries: Vec<AuditRow>,
}

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    actor: Option<String>,
    action: Option<String>,
    subject: Option<String>,
    reason: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    from: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    to: Option<String>,
}

/// What an auditor looks for: who, what (the action and its subject), why (the reason) and
/// when (a range of days). Words match anywhere, in any case.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub subject: Option<String>,
    pub reason: Option<String>,
    pub from: Option<time::Date>,
    pub to: Option<time::Date>,
}

impl AuditFilter {
    /// Reads the query, naming a field that is not what it should be.
    pub fn parse(
        actor: Option<&str>,
        action: Option<&str>,
        subject: Option<&str>,
        reason: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<AuditFilter, Failure> {
        let clean = |s: Option<&str>| {
            s.map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .map(|x| x.chars().take(200).collect::<String>())
        };
        let day = |s: Option<&str>, name: &str| -> Result<Option<time::Date>, Failure> {
            match clean(s) {
                None => Ok(None),
                Some(d) => time::Date::parse(
                    &d,
                    time::macros::format_description!("[year]-[month]-[day]"),
                )
                .map(Some)
                .map_err(|_| {
                    Failure::BadRequest(format!("{name}: expected a date as YYYY-MM-DD, not {d:?}"))
                }),
            }
        };
        let filter = AuditFilter {
            actor: clean(actor),
            action: clean(action),
            subject: clean(subject),
            reason: clean(reason),
            from: day(from, "from")?,
            to: day(to, "to")?,
        };
        if let (Some(f), Some(t)) = (filter.from, filter.to)
            && f > t
        {
            return Err(Failure::BadRequest(format!("from ({f}) is after to ({t})")));
        }
        Ok(filter)
    }

    fn from_query(q: &AuditQuery) -> Result<AuditFilter, Failure> {
        AuditFilter::parse(
            q.actor.as_deref(),
            q.action.as_deref(),
            q.subject.as_deref(),
            q.reason.as_deref(),
            q.from.as_deref(),
            q.to.as_deref(),
        )
    }

    pub fn matches(&self, e: &store::AuditEntry) -> bool {
        fn has(hay: &str, needle: &Option<String>) -> bool {
            needle
                .as_ref()
                .is_none_or(|n| hay.to_lowercase().contains(&n.to_lowercase()))
        }
        let day = e.at.get(..10).unwrap_or_default();
        let day_ok = |d: Option<time::Date>, after: bool| {
            d.is_none_or(|d| {
                let d = d.to_string();
                if after {
                    day >= d.as_str()
                } else {
                    day <= d.as_str()
                }
            })
        };
        has(&e.actor, &self.actor)
            && has(&e.action, &self.action)
            && has(e.subject.as_deref().unwrap_or_default(), &self.subject)
            && has(e.reason.as_deref().unwrap_or_default(), &self.reason)
            && day_ok(self.from, true)
            && day_ok(self.to, false)
    }
}

/// Audit entries matching the filter, newest first, at most `limit`.
pub async fn audit_matches(
    state: &AppState,
    filter: &AuditFilter,
    limit: usize,
) -> Result<Vec<store::AuditEntry>, Failure> {
    let total = state.store.counts().await?.audit_entries;
    let mut out = Vec::new();
    let mut before = total + 1;
    // Walk back page by page from the newest entry.
    while before > 1 && out.len() < limit {
        let after = (before - 1001).max(0);
        let mut page = state.store.audit_entries(after, before - 1 - after).await?;
        page.reverse();
        for e in page {
            // Entries are in time order: once before the range, nothing older matches.
            if let Some(from) = filter.from
                && e.at.get(..10).unwrap_or_default() < from.to_string().as_str()
            {
                return Ok(out);
            }
            if filter.matches(&e) && out.len() < limit {
                out.push(e);
            }
        }
        before = after + 1;
    }
    Ok(out)
}

pub async fn audit(
    State(state): State<AppState>,
    Extension(user): User,
    Query(q): Query<AuditQuery>,
) -> PageResult {
    let a = signed_in(&user)?;
    let (filter, error) = match AuditFilter::from_query(&q) {
        Ok(f) => (f, None),
        Err(Failure::BadRequest(m)) => (AuditFilter::default(), Some(m)),
        Err(e) => return Err(PageError(e)),
    };
    let entries = if error.is_some() {
        Vec::new()
    } else {
        audit_matches(&state, &filter, 200).await?
    };
    let problems = state.store.verify_audit().await?;
    audited::record_read(
        &state,
        &a.viewer,
        "view.audit",
        "audit trail",
        "audit review",
        serde_json::to_value(&filter).unwrap_or_default(),
    )
    .await?;
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    let page = AuditPage {
        nav: nav(a, "/audit"),
        total: state.store.counts().await?.audit_entries,
        chain: if problems.is_empty() {
            "intact".into()
        } else {
            format!(
                "BROKEN — {} problems (run `sightline audit verify`)",
                problems.len()
            )
        },
        actor: q.actor.clone().unwrap_or_default(),
        action: q.action.clone().unwrap_or_default(),
        subject: q.subject.clone().unwrap_or_default(),
        reason: q.reason.clone().unwrap_or_default(),
        from: q.from.clone().unwrap_or_default(),
        to: q.to.clone().unwrap_or_default(),
        searched: [
            &filter.actor,
            &filter.action,
            &filter.subject,
            &filter.reason,
        ]
        .iter()
        .any(|f| f.is_some())
            || filter.from.is_some()
            || filter.to.is_some(),
        error,
        entries: entries
            .into_iter()
            .map(|e| AuditRow {
                id: e.id,
                at: e.at.replace('T', " ").chars().take(19).collect(),
                actor: e.actor,
                action: e.action,
                subject: text(&e.subject),
                reason: text(&e.reason),
                details: e.details,
            })
            .collect(),
    };
    let status = if page.error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let html = page
        .render()
        .map_err(|e| PageError(Failure::Internal(format!("template: {e}"))))?;
    Ok((status, Html(html)).into_response())
}

// ---------------------------------------------------------------- accounts

pub struct UserRow {
    id: i64,
    username: String,
    display_name: String,
    role: String,
    organisation: String,
    state: String,
    disabled: bool,
}

#[derive(Template)]
#[template(path = "users.html")]
struct Users {
    nav: Option<Nav>,
    csrf: String,
    users: Vec<UserRow>,
    roles: Vec<(&'static str, &'static str)>,
    message: Option<String>,
    error: Option<String>,
}

async fn users_page(
    state: &AppState,
    a: &Authed,
    message: Option<String>,
    error: Option<String>,
) -> PageResult {
    let users = state
        .store
        .users()
        .await?
        .into_iter()
        .map(|u| UserRow {
            state: if u.disabled_at.is_some() {
                "disabled".into()
            } else if u.locked_until.is_some() {
                "locked after failed sign-ins".into()
            } else {
                "active".into()
            },
            disabled: u.disabled_at.is_some(),
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            role: Role::parse(&u.role)
                .map(|r| r.label().to_string())
                .unwrap_or(u.role),
            organisation: u.organisation.unwrap_or_default(),
        })
        .collect();
    render(&Users {
        nav: nav(a, "/admin/users"),
        csrf: a.csrf().to_string(),
        users,
        roles: Role::ALL.iter().map(|r| (r.as_str(), r.label())).collect(),
        message,
        error,
    })
}

pub async fn users(State(state): State<AppState>, Extension(user): User) -> PageResult {
    users_page(&state, signed_in(&user)?, None, None).await
}

/// A first password for a new or reset account: 20 random characters, shown once.
fn first_password() -> String {
    auth::new_token()[..20].to_string()
}

pub async fn create_user(
    State(state): State<AppState>,
    Extension(user): User,
    RawForm(body): RawForm,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let username = field(&f, "username").unwrap_or_default();
    let role = field(&f, "role").and_then(|r| Role::parse(&r));
    let Some(role) = role.filter(|_| !username.is_empty()) else {
        return users_page(&state, a, None, Some("give a username and a role".into())).await;
    };
    let password = first_password();
    match crate::add_user(
        state.store.as_ref(),
        &username,
        &field(&f, "display_name").unwrap_or_else(|| username.clone()),
        role,
        field(&f, "organisation"),
        &password,
    )
    .await
    {
        Ok(_) => {
            audited::record_change(
                &state,
                &a.viewer.username,
                "user.add",
                &username,
                None,
                serde_json::json!({"role": role.as_str()}),
            )
            .await?;
            users_page(
                &state,
                a,
                Some(format!(
                    "Account {username} created. First password (shown once): {password}"
                )),
                None,
            )
            .await
        }
        Err(Failure::BadRequest(m)) => users_page(&state, a, None, Some(m)).await,
        Err(e) => Err(PageError(e)),
    }
}

pub async fn update_user(
    State(state): State<AppState>,
    Extension(user): User,
    Path(id): Path<i64>,
    RawForm(body): RawForm,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let target = state
        .store
        .user_by_id(id)
        .await?
        .ok_or_else(|| Failure::NotFound(format!("no account {id}")))?;
    let message = match field(&f, "action").as_deref() {
        Some("disable") => {
            state.store.set_disabled(id, true).await?;
            state.store.delete_sessions(None, Some(id)).await?;
            state.store.revoke_api_tokens(id).await?;
            format!(
                "{} disabled; their sessions and tokens have ended",
                target.username
            )
        }
        Some("enable") => {
            state.store.set_disabled(id, false).await?;
            format!("{} enabled", target.username)
        }
        Some("reset") => {
            let password = first_password();
            state
                .store
                .set_password(id, &auth::hash_password(&password)?)
                .await?;
            state.store.delete_sessions(None, Some(id)).await?;
            format!(
                "{}'s password reset. New password (shown once): {password}",
                target.username
            )
        }
        _ => {
            return users_page(
                &state,
                a,
                None,
                Some("choose disable, enable or reset".into()),
            )
            .await;
        }
    };
    audited::record_change(
        &state,
        &a.viewer.username,
        &format!("user.{}", field(&f, "action").unwrap_or_default()),
        &target.username,
        None,
        serde_json::json!({}),
    )
    .await?;
    users_page(&state, a, Some(message), None).await
}

#[derive(Template)]
#[template(path = "account.html")]
struct Account {
    nav: Option<Nav>,
    csrf: String,
    message: Option<String>,
    error: Option<String>,
    token: Option<String>,
}

fn account_page(
    a: &Authed,
    message: Option<String>,
    error: Option<String>,
    token: Option<String>,
) -> PageResult {
    render(&Account {
        nav: nav(a, "/account"),
        csrf: a.csrf().to_string(),
        message,
        error,
        token,
    })
}

pub async fn account(Extension(user): User) -> PageResult {
    account_page(signed_in(&user)?, None, None, None)
}

pub async fn change_password(
    State(state): State<AppState>,
    Extension(user): User,
    RawForm(body): RawForm,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let current = f
        .get("current")
        .and_then(|v| v.first())
        .cloned()
        .unwrap_or_default();
    let new = f
        .get("new")
        .and_then(|v| v.first())
        .cloned()
        .unwrap_or_default();
    let stored = state
        .store
        .user_by_id(a.viewer.id)
        .await?
        .ok_or(Failure::Unauthorized)?;
    if !auth::verify_password(&stored.password_hash, &current) {
        return account_page(
            a,
            None,
            Some("the current password is not right".into()),
            None,
        );
    }
    if let Err(problem) = auth::password_policy(&new) {
        return account_page(a, None, Some(problem), None);
    }
    state
        .store
        .set_password(a.viewer.id, &auth::hash_password(&new)?)
        .await?;
    audited::record_change(
        &state,
        &a.viewer.username,
        "user.password",
        &a.viewer.username,
        None,
        serde_json::json!({}),
    )
    .await?;
    account_page(a, Some("Password changed.".into()), None, None)
}

pub async fn create_token(
    State(state): State<AppState>,
    Extension(user): User,
    RawForm(body): RawForm,
) -> PageResult {
    let a = signed_in(&user)?;
    let f = form_fields(&body);
    let name = field(&f, "name").unwrap_or_else(|| "API client".into());
    let token = auth::new_token();
    state
        .store
        .create_api_token(&auth::token_hash(&token), a.viewer.id, &name)
        .await?;
    audited::record_change(
        &state,
        &a.viewer.username,
        "token.create",
        &a.viewer.username,
        None,
        serde_json::json!({"name": name}),
    )
    .await?;
    account_page(a, None, None, Some(token))
}

#[cfg(test)]
mod audit_filter_tests {
    use super::AuditFilter;

    fn entry(at: &str, actor: &str, reason: &str) -> store::AuditEntry {
        store::AuditEntry {
            id: 1,
            at: at.into(),
            actor: actor.into(),
            action: "view.report".into(),
            reason: Some(reason.into()),
            subject: Some("R-1".into()),
            details: "{}".into(),
            prev_hash: String::new(),
            hash: String::new(),
        }
    }

    #[test]
    fn who_what_why_and_when() {
        let e = entry(
            "2026-03-04T10:12:00.000000Z",
            "analyst1",
            "op KESTREL profile",
        );
        let f = |a, r, from, to| AuditFilter::parse(a, None, None, r, from, to).unwrap();
        assert!(f(Some("ANALYST"), Some("kestrel"), None, None).matches(&e));
        assert!(!f(Some("officer"), None, None, None).matches(&e));
        assert!(f(None, None, Some("2026-03-04"), Some("2026-03-04")).matches(&e));
        assert!(!f(None, None, Some("2026-03-05"), None).matches(&e));
        assert!(!f(None, None, None, Some("2026-03-03")).matches(&e));
        assert!(AuditFilter::parse(None, None, None, None, Some("4/3/2026"), None).is_err());
        assert!(
            AuditFilter::parse(
                None,
                None,
                None,
                None,
                Some("2026-03-05"),
                Some("2026-03-04")
            )
            .is_err()
        );
    }
}
