//! Every route of the application with the permission it needs, in one table ([`ROUTES`]).
//! The router is built from the table and each route is wrapped in [`guard`], which
//! authenticates the request, denies by default, and checks the CSRF token of every write — so
//! no handler can forget to. The access test walks this table as every role.

use crate::access::Permission;
use crate::auth::{self, Authed, Via};
use crate::error::Failure;
use crate::state::AppState;
use crate::{api, pages};
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, get, post};

/// One route: method, path (axum syntax), what it needs, and what it is for.
#[derive(Debug, Clone, Copy)]
pub struct RouteSpec {
    pub method: &'static str,
    pub path: &'static str,
    pub permission: Permission,
    pub summary: &'static str,
}

macro_rules! routes {
    ($($method:ident $path:literal $perm:ident $summary:literal => $handler:path;)*) => {
        /// The route table.
        pub const ROUTES: &[RouteSpec] = &[
            $(RouteSpec {
                method: stringify!($method),
                path: $path,
                permission: Permission::$perm,
                summary: $summary,
            },)*
        ];

        fn handler_of(spec: &RouteSpec) -> MethodRouter<AppState> {
            match (spec.method, spec.path) {
                $((m, p) if m == stringify!($method) && p == $path => routes!(@m $method $handler),)*
                (m, p) => unreachable!("route {m} {p} has no handler"),
            }
        }
    };
    (@m GET $h:path) => { get($h) };
    (@m POST $h:path) => { post($h) };
}

routes! {
    GET "/health" Public "liveness" => pages::health;
    GET "/static/{file}" Public "stylesheet and scripts" => pages::static_file;
    GET "/login" Public "the sign-in page" => pages::login_page;
    POST "/login" Public "sign in" => pages::login;
    GET "/community" Public "the community intelligence page, no account needed" => pages::community_page;
    POST "/community" Public "submit community intelligence" => pages::community_submit;
    GET "/api/openapi.json" Public "the OpenAPI description of the API" => api::openapi;
    POST "/logout" SignedIn "sign out" => pages::logout;
    GET "/" SignedIn "the dashboard: what changed since your last visit, and the intelligence coming in" => crate::dashboard::home;
    GET "/account" SignedIn "your account" => pages::account;
    POST "/account/password" SignedIn "change your password" => pages::change_password;
    POST "/account/tokens" SignedIn "create an API token" => pages::create_token;
    GET "/api/me" SignedIn "who you are" => api::me;
    GET "/api/normalise" SignedIn "normalise a phone, registration, postcode or date of birth as ingest does" => api::normalise;
    GET "/reports" ViewPicture "reports you may see, newest first" => pages::reports;
    GET "/reports/new" SubmitReport "the intelligence report form" => pages::report_form;
    POST "/reports" SubmitReport "submit an intelligence report" => pages::report_submit;
    GET "/reports/{reference}" ViewPicture "one report (asks for a reason)" => pages::report_view;
    GET "/persons/{id}" ViewPicture "one person: mentions, vulnerability, why each mention is them (asks for a reason)" => crate::investigate::person_view;
    POST "/persons/{id}/decide" DecideResolution "confirm, split off or merge into this person (audited, reversible)" => crate::investigate::decide;
    POST "/persons/{id}/revoke" DecideResolution "withdraw a decision about this person" => crate::investigate::revoke;
    GET "/vulnerable" ViewAssessments "people at risk by category, with reasons, newest evidence first (asks for a reason)" => crate::investigate::vulnerable;
    GET "/api/vulnerable" ViewAssessments "people at risk (reason required)" => crate::investigate::vulnerable_api;
    GET "/referrals" ViewReferrals "safeguarding referrals, overdue first (asks for a reason)" => crate::referrals::list;
    GET "/referrals/new" Refer "the referral form for a person" => crate::referrals::new_form;
    POST "/referrals" Refer "make a safeguarding referral" => crate::referrals::create;
    GET "/referrals/{id}" ViewReferrals "one referral with its steps and time targets (asks for a reason)" => crate::referrals::one;
    POST "/referrals/{id}/steps" UpdateReferrals "record a referral's decision or next step" => crate::referrals::record_step;
    GET "/api/referrals" ViewReferrals "safeguarding referrals with their time targets (reason required)" => crate::referrals::list_api;
    GET "/officers" ViewOperations "lead responsible officers: skills, training, mentoring, capacity and load (asks for a reason)" => crate::lro::officers;
    POST "/officers" ManageOfficers "add an officer" => crate::lro::add_officer;
    GET "/officers/{id}" ViewOperations "one officer: threats held, training, mentoring (asks for a reason)" => crate::lro::officer;
    POST "/officers/{id}" ManageOfficers "change an officer's rank, team, skills, capacity or availability" => crate::lro::update_officer;
    POST "/officers/{id}/training" ManageOfficers "record a course an officer completed" => crate::lro::add_training;
    POST "/officers/{id}/mentoring" ManageOfficers "start mentoring an officer" => crate::lro::start_mentoring;
    POST "/mentoring/{id}/sessions" ManageOfficers "record a mentoring session" => crate::lro::add_session;
    POST "/mentoring/{id}/end" ManageOfficers "end a mentoring" => crate::lro::end_mentoring;
    GET "/demand" ViewOperations "demand against capacity: overload, untrained or unmentored officers holding threats, threats without an officer (asks for a reason)" => crate::lro::demand;
    GET "/allocation" ViewOperations "the recommended allocation of threats to officers, with reasons (asks for a reason)" => crate::lro::allocation;
    POST "/allocation" Allocate "accept or change the recommended allocation (audited)" => crate::lro::decide;
    GET "/threats" ViewAssessments "the threat master list: threats by crime type, ranked by harm with reasons and sub-scores; promotions (asks for a reason)" => crate::master_list::list;
    POST "/threats" PromoteThreat "promote a person or a deal line to a threat of its own, with a reason (audited)" => crate::master_list::promote;
    POST "/promotions/{id}/withdraw" PromoteThreat "withdraw a promotion, with a reason (audited; the record is kept)" => crate::master_list::withdraw;
    GET "/api/threats" ViewAssessments "the threat master list with every sub-score, and the promotions in force (reason required)" => crate::master_list::list_api;
    GET "/plans" ViewOperations "4P plans, overdue reviews first (asks for a reason)" => crate::plans::list;
    GET "/threats/{id}" ViewOperations "one threat: its officer, 4P plan, disruptions and outcomes (asks for a reason)" => crate::plans::threat;
    POST "/threats/{id}/plan" ManagePlans "open a threat's 4P plan" => crate::plans::open_plan;
    POST "/threats/{id}/actions" ManagePlans "add an action to a 4P plan" => crate::plans::add_action;
    POST "/threats/{id}/actions/{action}" ManagePlans "change an action's status" => crate::plans::set_action;
    POST "/threats/{id}/reviews" ManagePlans "record a plan review and set the next" => crate::plans::add_review;
    POST "/threats/{id}/disruptions" ManagePlans "record a disruption with its impact, assessor and rationale" => crate::plans::add_disruption;
    POST "/threats/{id}/outcomes" ManagePlans "record outcomes: arrests, charges, seizures and the rest" => crate::plans::add_outcome;
    GET "/governance" ViewOperations "the governance dashboard: threats, capacity, plans, disruptions, outcomes, referrals and intelligence as charts with their figures" => crate::governance::dashboard;
    GET "/governance/readiness" ViewOperations "the inspection-readiness report with a self-assessed PEEL grade" => crate::governance::readiness;
    GET "/governance/readiness.pdf" ViewOperations "the inspection-readiness report as PDF" => crate::governance::readiness_pdf;
    GET "/api/officers" ViewOperations "officers with skills, training, mentoring, capacity and load (reason required)" => crate::lro::officers_api;
    GET "/api/demand" ViewOperations "demand against capacity and its gaps (reason required)" => crate::lro::demand_api;
    GET "/api/allocation" ViewOperations "the recommended allocation with reasons; `mode=rebalance` to move held threats (reason required)" => crate::lro::allocation_api;
    GET "/api/threats/{id}" ViewOperations "a threat's officer, 4P plan, disruptions and outcomes (reason required)" => crate::plans::threat_api;
    GET "/api/readiness" ViewOperations "inspection readiness: every question, its figures and the self-assessed grade" => crate::governance::readiness_api;
    GET "/search" ViewPicture "search reports and people (audited)" => crate::search_pages::search_page;
    GET "/api/search" ViewPicture "search reports (hits, facet counts) and people; audited with `reason`" => crate::search_pages::search_api;
    GET "/api/reports" ViewPicture "reports you may see" => api::reports;
    POST "/api/reports" SubmitReport "submit an exchange-v1 report" => api::submit_report;
    GET "/api/reports/{reference}" ViewPicture "one report (reason required)" => api::report;
    GET "/api/persons/{id}" ViewPicture "one person (reason required)" => api::person;
    GET "/api/groups" ViewPicture "groups: county lines, exploitation networks, organised crime groups; a partner sees them as `P`-coded reports alone show them (reason required)" => crate::network::groups;
    GET "/api/groups/{id}" ViewPicture "one group: members with roles and reasons, deal lines, objects, reports (reason required)" => crate::network::group;
    GET "/api/graph/entities/{id}/neighbours" ViewPicture "an entity's neighbours, strongest link first, a page at a time with the count of the rest (`offset`, `limit`, `kinds`; reason required)" => crate::network::neighbours;
    GET "/api/graph/paths" ViewPicture "the shortest, or the k shortest, paths between two entities (`from`, `to`, `k`, `cost`; reason required)" => crate::network::paths;
    GET "/api/graph/centrality" ViewPicture "degree, betweenness, eigenvector or PageRank centrality over the network, a group or a list of entities (`measure`, `group`, `entities`, `kinds`, `limit`; reason required)" => crate::network::centrality;
    GET "/api/graph/components" ViewPicture "connected components, largest first (`limit`, `members`, `min_size`; reason required)" => crate::network::components;
    GET "/api/graph/most-connected" ViewPicture "the most connected entities by summed link weight (`kinds`, `limit`, `group`; reason required)" => crate::network::most_connected;
    GET "/portal" SubmitPartnerReport "the partner portal" => pages::portal;
    POST "/portal" SubmitPartnerReport "submit a partner referral" => pages::portal_submit;
    GET "/triage" Triage "the triage queue" => pages::triage;
    POST "/triage/{reference}" Triage "re-grade, sanitise or mark developed" => pages::triage_update;
    GET "/audit" ViewAudit "search the audit trail" => pages::audit;
    GET "/api/audit" ViewAudit "audit entries" => api::audit;
    GET "/admin/users" ManageUsers "accounts" => pages::users;
    POST "/admin/users" ManageUsers "create an account" => pages::create_user;
    POST "/admin/users/{id}" ManageUsers "disable, enable or reset an account" => pages::update_user;
}

/// The application's router.
pub fn router(state: AppState) -> Router {
    let mut router = Router::new();
    for spec in ROUTES {
        let permission = spec.permission;
        let route = handler_of(spec).route_layer(middleware::from_fn_with_state(
            state.clone(),
            move |State(st): State<AppState>, req: Request, next: Next| async move {
                guard(st, permission, req, next).await
            },
        ));
        router = router.route(spec.path, route);
    }
    router
        .fallback(|| async { crate::error::PageError(Failure::NotFound("no such page".into())) })
        .layer(axum::extract::DefaultBodyLimit::max(2 << 20))
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

/// Headers on every response: a content security policy that allows no inline script, no
/// framing, no sniffing, no referrer.
async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name: &'static str, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(
        h,
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; \
         object-src 'none'",
    );
    set(h, "x-frame-options", "DENY");
    set(h, "x-content-type-options", "nosniff");
    set(h, "referrer-policy", "no-referrer");
    set(h, "cross-origin-opener-policy", "same-origin");
    if !h.contains_key(header::CACHE_CONTROL) {
        set(h, "cache-control", "no-store");
    }
    res
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

fn refuse(api: bool, failure: Failure) -> Response {
    if api {
        crate::error::ApiError(failure).into_response()
    } else {
        crate::error::PageError(failure).into_response()
    }
}

/// The CSRF token a write carries: the `X-CSRF-Token` header, or a `csrf` form field.
fn presented_csrf(headers: &axum::http::HeaderMap, body: &[u8]) -> Option<String> {
    if let Some(h) = headers.get("x-csrf-token").and_then(|v| v.to_str().ok()) {
        return Some(h.to_string());
    }
    body.split(|b| *b == b'&')
        .find_map(|kv| kv.strip_prefix(b"csrf="))
        .map(|v| String::from_utf8_lossy(v).into_owned())
}

/// Authenticates, checks the permission and the CSRF token, and hands the request on with the
/// [`Authed`] user (if any) in its extensions.
async fn guard(state: AppState, permission: Permission, req: Request, next: Next) -> Response {
    let api = is_api(req.uri().path());
    let authed = match auth::authenticate(&state, req.headers()).await {
        Ok(a) => a,
        Err(f) => return refuse(api, f),
    };
    if permission != Permission::Public {
        let Some(a) = &authed else {
            if api {
                return refuse(true, Failure::Unauthorized);
            }
            let next_url = req
                .uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/");
            let target = format!("/login?next={}", pages::url_encode(next_url));
            return Redirect::to(&target).into_response();
        };
        if !a.viewer.can(permission) {
            return refuse(api, Failure::Forbidden);
        }
    }
    let (parts, body) = req.into_parts();
    let writes = !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    let mut req = if writes {
        let bytes = match axum::body::to_bytes(body, 2 << 20).await {
            Ok(b) => b,
            Err(_) => return refuse(api, Failure::BadRequest("the request is too large".into())),
        };
        // Session writes must carry the session's CSRF token; public forms carry the token of
        // their own cookie (double submit). API tokens are not sent by browsers on their own.
        let expected = match authed.as_ref().map(|a| &a.via) {
            Some(Via::Session { csrf, .. }) => Some(csrf.clone()),
            Some(Via::Token) => None,
            None => Some(pages::form_cookie(&parts.headers).unwrap_or_default()),
        };
        if let Some(expected) = expected {
            let presented = presented_csrf(&parts.headers, &bytes);
            if expected.is_empty() || presented.as_deref() != Some(expected.as_str()) {
                return refuse(
                    api,
                    Failure::BadRequest(
                        "the form has expired or did not come from this site; reload and try again"
                            .into(),
                    ),
                );
            }
        }
        Request::from_parts(parts, Body::from(bytes))
    } else {
        Request::from_parts(parts, body)
    };
    req.extensions_mut().insert(authed);
    let mut res = next.run(req).await;
    if res.status() == StatusCode::METHOD_NOT_ALLOWED {
        res = refuse(api, Failure::NotFound("no such page".into()));
    }
    res
}

/// The signed-in user of a request that passed [`guard`] for a non-public route.
pub fn authed(req_ext: &Option<Authed>) -> Result<&Authed, Failure> {
    req_ext.as_ref().ok_or(Failure::Unauthorized)
}
