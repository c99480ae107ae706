//! Search: the page (`GET /search`) and the API (`GET /api/search`). Both bring the index up to
//! date with the store first, search with the user's visibility inside the index query (so a
//! partner's counts never include a `C`-coded report), and record the search in the audit trail
//! with its reason before showing anything — a search over intelligence is a read of personal
//! data.

use crate::access::{Role, Viewer};
use crate::audited;
use crate::auth::Authed;
use crate::error::{ApiError, Failure, PageError, PageResult};
use crate::pages::{Nav, url_encode};
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse};
use search::{
    CatchUp, CatchUpLimits, Facet, Filters, Location, PersonQuery, PersonResults, ReportQuery,
    ReportResults, SearchError, SearchIndex, Sort, Visibility,
};
use serde::Serialize;
use utoipa::ToSchema;

type User = Extension<Option<Authed>>;

/// Report hits on a page, persons beside them.
const PAGE_SIZE: usize = 20;
const PEOPLE_PAGE_SIZE: usize = 8;

/// Opens the configured index; a directory that cannot be opened falls back to memory (built
/// from the store on first use), with the reason in the log.
pub fn open_index(location: &Location) -> SearchIndex {
    match SearchIndex::open(location) {
        Ok(index) => index,
        Err(e) => {
            eprintln!("sightline: {e}; searching from an index in memory instead");
            // An index in memory needs no file system.
            SearchIndex::open(&Location::Memory).expect("an index in memory opens")
        }
    }
}

/// Brings the index up to date in the background: for callers that have just written to the
/// store (a submission, a re-grade, an analysis run). Searches catch up themselves as well.
pub fn refresh_index(state: &AppState) {
    let state = state.clone();
    tokio::spawn(async move {
        if let Err(e) = catch_up(&state).await {
            eprintln!("sightline: updating the search index failed: {e}");
        }
    });
}

/// What a user may find: the same rule as [`Viewer::may_see`], as a filter the index applies.
pub fn visibility_of(v: &Viewer) -> Visibility {
    match v.role {
        Role::Partner => Visibility::SharedOrSubmittedBy(v.id),
        _ if v.is_staff() => Visibility::Everything,
        _ => Visibility::Nothing,
    }
}

/// A search as the query string gives it.
#[derive(Debug, Clone, Default)]
struct SearchRequest {
    text: String,
    filters: Filters,
    sort: Sort,
    /// 1-based.
    page: usize,
    people_page: usize,
    page_size: usize,
    /// The reason the user gave, if any.
    reason: Option<String>,
}

impl SearchRequest {
    fn parse(pairs: &[(String, String)], page_size: usize) -> Result<SearchRequest, Failure> {
        let bad = |e: SearchError| Failure::BadRequest(e.to_string());
        let number = |v: &str, what: &str| {
            v.trim()
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=500).contains(n))
                .ok_or_else(|| Failure::BadRequest(format!("{what} must be a number from 1")))
        };
        let mut r = SearchRequest {
            page: 1,
            people_page: 1,
            page_size,
            ..SearchRequest::default()
        };
        for (key, value) in pairs {
            match key.as_str() {
                "q" => r.text = value.trim().to_string(),
                "sort" => {
                    r.sort = if value == "newest" {
                        Sort::Newest
                    } else {
                        Sort::Relevance
                    }
                }
                "page" => r.page = number(value, "page")?,
                "people_page" => r.people_page = number(value, "people_page")?,
                "page_size" => r.page_size = number(value, "page_size")?.min(100),
                "reason" => r.reason = Some(value.clone()),
                other => {
                    if let Some(facet) = Facet::parse(other) {
                        r.filters.add(facet, value).map_err(bad)?;
                    }
                }
            }
        }
        Ok(r)
    }

    fn is_blank(&self) -> bool {
        self.text.is_empty() && self.filters.is_empty()
    }

    /// What the audit trail records as the subject: the words searched, or the filters.
    fn subject(&self) -> String {
        if !self.text.is_empty() {
            return self.text.clone();
        }
        let filters: Vec<String> = self
            .filters
            .0
            .iter()
            .flat_map(|(f, vs)| vs.iter().map(move |v| format!("{}={v}", f.param())))
            .collect();
        format!("filters: {}", filters.join(" "))
    }

    /// This search's URL with other pages or filters.
    fn href(&self, page: usize, people_page: usize, filters: &Filters) -> String {
        let mut q = vec![format!("q={}", url_encode(&self.text))];
        for (facet, values) in &filters.0 {
            for v in values {
                q.push(format!("{}={}", facet.param(), url_encode(v)));
            }
        }
        if self.sort == Sort::Newest {
            q.push("sort=newest".into());
        }
        if page > 1 {
            q.push(format!("page={page}"));
        }
        if people_page > 1 {
            q.push(format!("people_page={people_page}"));
        }
        if let Some(r) = &self.reason {
            q.push(format!("reason={}", url_encode(r)));
        }
        format!("/search?{}", q.join("&"))
    }
}

/// What a search found, and how fresh the index was.
struct Found {
    reports: ReportResults,
    persons: PersonResults,
    /// The index was still being brought up to date: the newest reports may be missing.
    updating: bool,
}

/// How long a search waits for the index to catch up with the store before it answers from
/// what the index holds (the catch-up carries on in the background).
const CATCH_UP_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Brings the index up to date, waiting at most [`CATCH_UP_WAIT`]; whether it is still
/// catching up (or being built) afterwards.
async fn catch_up(state: &AppState) -> Result<bool, Failure> {
    if state.search.is_building() {
        return Ok(true);
    }
    let task = {
        let state = state.clone();
        tokio::spawn(async move {
            state
                .search
                .catch_up(state.store.as_ref(), CatchUpLimits::default())
                .await
        })
    };
    match tokio::time::timeout(CATCH_UP_WAIT, task).await {
        Ok(Ok(Ok(CatchUp::Behind { .. }))) => {
            state.search.spawn_rebuild(state.store.clone());
            Ok(true)
        }
        // Another process (`sightline search rebuild`) is writing: search what is there.
        Ok(Ok(Ok(_) | Err(SearchError::Busy(_)))) => Ok(false),
        Ok(Ok(Err(SearchError::Store(e)))) => Err(e.into()),
        Ok(Ok(Err(e))) => Err(Failure::Internal(e.to_string())),
        Ok(Err(e)) => Err(Failure::Internal(format!("search index: {e}"))),
        Err(_) => Ok(true),
    }
}

/// Catches the index up, searches, and records the search in the audit trail.
async fn run(
    state: &AppState,
    viewer: &Viewer,
    r: &SearchRequest,
    reason: &str,
) -> Result<Found, Failure> {
    let updating = catch_up(state).await?;
    let visibility = visibility_of(viewer);
    let index = state.search.clone();
    let reports_query = ReportQuery {
        text: r.text.clone(),
        filters: r.filters.clone(),
        sort: r.sort,
        offset: (r.page - 1) * r.page_size,
        limit: r.page_size,
    };
    let persons_query = PersonQuery {
        text: r.text.clone(),
        offset: (r.people_page - 1) * PEOPLE_PAGE_SIZE,
        limit: PEOPLE_PAGE_SIZE,
    };
    let (reports, persons) = tokio::task::spawn_blocking(move || {
        let reports = index.search(&reports_query, visibility)?;
        let persons = index.search_persons(&persons_query, visibility)?;
        Ok::<_, SearchError>((reports, persons))
    })
    .await
    .map_err(|e| Failure::Internal(format!("search: {e}")))?
    .map_err(|e| match e {
        SearchError::Query(m) => Failure::BadRequest(m),
        e => Failure::Internal(e.to_string()),
    })?;
    audited::record_read(
        state,
        viewer,
        "search",
        &r.subject(),
        reason,
        serde_json::json!({
            "filters": r.filters,
            "page": r.page,
            "reports": reports.total,
            "persons": persons.total,
        }),
    )
    .await?;
    Ok(Found {
        reports,
        persons,
        updating,
    })
}

// ---------------------------------------------------------------- the page

pub struct Segment {
    text: String,
    marked: bool,
}

fn segments(h: &search::Highlighted) -> Vec<Segment> {
    h.segments()
        .into_iter()
        .map(|(text, marked)| Segment {
            text: text.to_string(),
            marked,
        })
        .collect()
}

pub struct HitView {
    reference: String,
    href: String,
    received: String,
    source: String,
    grading: String,
    handling: &'static str,
    conditions: Option<String>,
    crime_types: String,
    area: String,
    snippet: Vec<Segment>,
    names: Vec<Vec<Segment>>,
}

pub struct FacetValueView {
    value: String,
    label: String,
    count: u64,
    selected: bool,
    id: String,
}

pub struct FacetView {
    param: &'static str,
    label: &'static str,
    values: Vec<FacetValueView>,
}

pub struct PersonView {
    href: String,
    id: String,
    names: Vec<Vec<Segment>>,
    dobs: String,
    dob_matched: bool,
    mentions: u64,
}

pub struct ActiveFilter {
    label: String,
    remove: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    nav: Option<Nav>,
    q: String,
    reason: String,
    newest: bool,
    searched: bool,
    error: Option<String>,
    updating: bool,
    retry: String,
    total: u64,
    first: usize,
    last: usize,
    hits: Vec<HitView>,
    facets: Vec<FacetView>,
    active: Vec<ActiveFilter>,
    previous: Option<String>,
    next: Option<String>,
    page: usize,
    pages: u64,
    people: Vec<PersonView>,
    people_total: u64,
    people_previous: Option<String>,
    people_next: Option<String>,
}

impl SearchPage {
    fn blank(nav: Option<Nav>, r: &SearchRequest) -> SearchPage {
        SearchPage {
            nav,
            q: r.text.clone(),
            reason: r.reason.clone().unwrap_or_default(),
            newest: r.sort == Sort::Newest,
            searched: false,
            error: None,
            updating: false,
            retry: String::new(),
            total: 0,
            first: 0,
            last: 0,
            hits: Vec::new(),
            facets: Vec::new(),
            active: Vec::new(),
            previous: None,
            next: None,
            page: r.page,
            pages: 0,
            people: Vec::new(),
            people_total: 0,
            people_previous: None,
            people_next: None,
        }
    }
}

/// How a facet value reads on the page.
fn value_label(facet: Facet, value: &str) -> String {
    match facet {
        Facet::CrimeType | Facet::SourceType => value.replace('_', " "),
        Facet::SourceGrade => match value {
            "1" => "1 reliable".into(),
            "2" => "2 untested".into(),
            "3" => "3 not reliable".into(),
            v => v.into(),
        },
        Facet::IntelGrade => match value {
            "A" => "A known directly".into(),
            "B" => "B known indirectly, corroborated".into(),
            "C" => "C known indirectly".into(),
            "D" => "D not known".into(),
            "E" => "E suspected false".into(),
            v => v.into(),
        },
        Facet::Handling => match value {
            "P" => "P lawful sharing permitted".into(),
            "C" => "C sharing only under conditions".into(),
            v => v.into(),
        },
        Facet::Month => {
            const NAMES: [&str; 12] = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ];
            match value.split_once('-') {
                Some((y, m)) => match m
                    .parse::<usize>()
                    .ok()
                    .and_then(|m| m.checked_sub(1))
                    .and_then(|m| NAMES.get(m))
                {
                    Some(name) => format!("{name} {y}"),
                    None => value.into(),
                },
                None => value.into(),
            }
        }
        Facet::Area => value.into(),
    }
}

fn with_reason(path: String, reason: Option<&str>) -> String {
    match reason.and_then(|r| audited::reason(Some(r))) {
        Some(r) => format!("{path}?reason={}", url_encode(&r)),
        None => path,
    }
}

pub async fn search_page(
    State(state): State<AppState>,
    Extension(user): User,
    Query(pairs): Query<Vec<(String, String)>>,
) -> PageResult {
    let a = user.as_ref().ok_or(PageError(Failure::Unauthorized))?;
    let nav = crate::pages::nav(a, "/search");
    let request = match SearchRequest::parse(&pairs, PAGE_SIZE) {
        Ok(r) => r,
        Err(Failure::BadRequest(m)) => {
            let mut page = SearchPage::blank(nav, &SearchRequest::default());
            page.error = Some(m);
            return render(&page, StatusCode::BAD_REQUEST);
        }
        Err(e) => return Err(PageError(e)),
    };
    let mut page = SearchPage::blank(nav, &request);
    if request.is_blank() {
        return render(&page, StatusCode::OK);
    }
    let reason = audited::reason(request.reason.as_deref()).unwrap_or_else(|| "search".into());
    let found = match run(&state, &a.viewer, &request, &reason).await {
        Ok(found) => found,
        Err(Failure::BadRequest(m)) => {
            page.error = Some(m);
            return render(&page, StatusCode::BAD_REQUEST);
        }
        Err(e) => return Err(PageError(e)),
    };
    let staff = a.viewer.is_staff();
    let given_reason = request.reason.as_deref();
    let r = &found.reports;
    page.searched = true;
    page.updating = found.updating;
    page.retry = request.href(request.page, request.people_page, &request.filters);
    page.total = r.total;
    page.first = if r.hits.is_empty() { 0 } else { r.offset + 1 };
    page.last = r.offset + r.hits.len();
    page.pages = r.total.div_ceil(request.page_size as u64);
    page.previous = (request.page > 1)
        .then(|| request.href(request.page - 1, request.people_page, &request.filters));
    page.next = ((page.last as u64) < r.total)
        .then(|| request.href(request.page + 1, request.people_page, &request.filters));
    page.hits = r
        .hits
        .iter()
        .map(|h| HitView {
            href: with_reason(
                format!("/reports/{}", url_encode(&h.reference)),
                given_reason,
            ),
            reference: h.reference.clone(),
            received: crate::auth::time_text(h.received)
                .replace('T', " ")
                .chars()
                .take(16)
                .collect(),
            source: match &h.source_org {
                Some(org) => format!("{} ({org})", h.source_type),
                None => h.source_type.clone(),
            },
            grading: h.grading.clone(),
            handling: h.handling.as_str(),
            conditions: if staff { h.conditions.clone() } else { None },
            crime_types: h
                .crime_types
                .iter()
                .map(|c| c.replace('_', " "))
                .collect::<Vec<_>>()
                .join(", "),
            area: h.area.clone().unwrap_or_default(),
            snippet: segments(&h.snippet),
            names: h.names.iter().map(segments).collect(),
        })
        .collect();
    page.facets = r
        .facets
        .iter()
        .filter(|f| !f.values.is_empty())
        .map(|f| FacetView {
            param: f.facet.param(),
            label: f.facet.label(),
            values: f
                .values
                .iter()
                .take(30)
                .enumerate()
                .map(|(i, v)| FacetValueView {
                    label: value_label(f.facet, &v.value),
                    value: v.value.clone(),
                    count: v.count,
                    selected: v.selected,
                    id: format!("f-{}-{i}", f.facet.param()),
                })
                .collect(),
        })
        .collect();
    for (facet, values) in &request.filters.0 {
        for v in values {
            let mut without = request.filters.clone();
            if let Some(set) = without.0.get_mut(facet) {
                set.remove(v);
            }
            page.active.push(ActiveFilter {
                label: format!("{}: {}", facet.label(), value_label(*facet, v)),
                remove: request.href(1, 1, &without),
            });
        }
    }
    let p = &found.persons;
    page.people_total = p.total;
    page.people = p
        .hits
        .iter()
        .map(|h| PersonView {
            href: with_reason(
                format!("/persons/{}", url_encode(&h.person_id)),
                given_reason,
            ),
            id: h.person_id.clone(),
            names: h.names.iter().map(segments).collect(),
            dobs: h.dobs.join("; "),
            dob_matched: h.dob_matched,
            mentions: h.mentions,
        })
        .collect();
    page.people_previous = (request.people_page > 1)
        .then(|| request.href(request.page, request.people_page - 1, &request.filters));
    page.people_next = ((p.offset + p.hits.len()) < p.total as usize)
        .then(|| request.href(request.page, request.people_page + 1, &request.filters));
    render(&page, StatusCode::OK)
}

fn render(page: &SearchPage, status: StatusCode) -> PageResult {
    let html = page
        .render()
        .map_err(|e| PageError(Failure::Internal(format!("template: {e}"))))?;
    Ok((status, Html(html)).into_response())
}

// ---------------------------------------------------------------- the API

/// Text with the matched words marked: byte ranges into `text`, and the same as HTML (escaped,
/// matches in `<mark>`).
#[derive(Serialize, ToSchema)]
pub struct MarkedText {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
    pub html: String,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn marked(h: &search::Highlighted) -> MarkedText {
    MarkedText {
        html: h
            .segments()
            .into_iter()
            .map(|(s, m)| {
                if m {
                    format!("<mark>{}</mark>", escape(s))
                } else {
                    escape(s)
                }
            })
            .collect(),
        highlights: h.highlights.iter().map(|&(a, b)| [a, b]).collect(),
        text: h.text.clone(),
    }
}

#[derive(Serialize, ToSchema)]
pub struct SearchHit {
    #[serde(rename = "ref")]
    pub reference: String,
    pub received: String,
    pub source_type: String,
    pub source_org: Option<String>,
    /// 3x5x2, e.g. `2/C/P`.
    pub grading: String,
    /// Staff only.
    pub handling_conditions: Option<String>,
    pub crime_types: Vec<String>,
    pub area: Option<String>,
    pub score: Option<f32>,
    pub snippet: MarkedText,
    pub names: Vec<MarkedText>,
}

#[derive(Serialize, ToSchema)]
pub struct SearchFacetValue {
    pub value: String,
    pub count: u64,
    pub selected: bool,
}

#[derive(Serialize, ToSchema)]
pub struct SearchFacet {
    /// The query parameter that filters by it.
    pub param: String,
    pub label: String,
    pub values: Vec<SearchFacetValue>,
}

#[derive(Serialize, ToSchema)]
pub struct SearchPerson {
    pub id: String,
    pub names: Vec<MarkedText>,
    pub dobs: Vec<String>,
    pub dob_matched: bool,
    /// Mentions you may see that matched.
    pub mentions: u64,
}

/// Search results: reports (one page, with the total and facet counts over every report you
/// may see that matched) and persons.
#[derive(Serialize, ToSchema)]
pub struct SearchResponse {
    pub query: String,
    pub total: u64,
    pub page: usize,
    pub page_size: usize,
    pub reports: Vec<SearchHit>,
    pub facets: Vec<SearchFacet>,
    pub persons_total: u64,
    pub persons: Vec<SearchPerson>,
    /// The index was still being brought up to date with the store: the newest reports may
    /// be missing.
    pub index_updating: bool,
}

pub async fn search_api(
    State(state): State<AppState>,
    Extension(user): User,
    headers: HeaderMap,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<SearchResponse>, ApiError> {
    let a = user.as_ref().ok_or(ApiError(Failure::Unauthorized))?;
    let mut request = SearchRequest::parse(&pairs, PAGE_SIZE)?;
    if request.reason.is_none() {
        request.reason = headers
            .get("x-access-reason")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
    }
    let staff = a.viewer.is_staff();
    if request.is_blank() {
        return Err(ApiError(Failure::BadRequest(
            "give `q` (words, a name, a phone, a registration, a postcode) or a filter".into(),
        )));
    }
    let reason = audited::reason(request.reason.as_deref()).unwrap_or_else(|| "search".into());
    let found = run(&state, &a.viewer, &request, &reason).await?;
    let r = found.reports;
    Ok(Json(SearchResponse {
        query: request.text.clone(),
        total: r.total,
        page: request.page,
        page_size: request.page_size,
        reports: r
            .hits
            .iter()
            .map(|h| SearchHit {
                reference: h.reference.clone(),
                received: crate::auth::time_text(h.received),
                source_type: h.source_type.clone(),
                source_org: h.source_org.clone(),
                grading: h.grading.clone(),
                handling_conditions: if staff { h.conditions.clone() } else { None },
                crime_types: h.crime_types.clone(),
                area: h.area.clone(),
                score: h.score,
                snippet: marked(&h.snippet),
                names: h.names.iter().map(marked).collect(),
            })
            .collect(),
        facets: r
            .facets
            .iter()
            .map(|f| SearchFacet {
                param: f.facet.param().into(),
                label: f.facet.label().into(),
                values: f
                    .values
                    .iter()
                    .map(|v| SearchFacetValue {
                        value: v.value.clone(),
                        count: v.count,
                        selected: v.selected,
                    })
                    .collect(),
            })
            .collect(),
        persons_total: found.persons.total,
        persons: found
            .persons
            .hits
            .iter()
            .map(|p| SearchPerson {
                id: p.person_id.clone(),
                names: p.names.iter().map(marked).collect(),
                dobs: p.dobs.clone(),
                dob_matched: p.dob_matched,
                mentions: p.mentions,
            })
            .collect(),
        index_updating: found.updating,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::HandlingCode;

    #[test]
    fn the_index_filter_is_the_applications_rule() {
        for role in Role::ALL {
            let v = Viewer {
                id: 7,
                username: "u".into(),
                display_name: "U".into(),
                role,
                organisation: None,
            };
            for handling in [HandlingCode::P, HandlingCode::C] {
                for submitter in [None, Some(7), Some(8)] {
                    assert_eq!(
                        visibility_of(&v).admits(handling, submitter),
                        v.may_see(handling, submitter),
                        "{role:?} {handling:?} {submitter:?}"
                    );
                }
            }
        }
    }

    fn request(query: &str) -> Result<SearchRequest, Failure> {
        let pairs: Vec<(String, String)> = query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        SearchRequest::parse(&pairs, PAGE_SIZE)
    }

    #[test]
    fn requests_round_trip_through_their_links() {
        let r = request("q=deal line&crime_type=drugs_supply&month=2026-03&page=2&sort=newest")
            .unwrap();
        assert_eq!(r.page, 2);
        assert!(r.filters.contains(Facet::CrimeType, "drugs_supply"));
        assert_eq!(
            r.href(3, 1, &r.filters),
            "/search?q=deal%20line&crime_type=drugs_supply&month=2026-03&sort=newest&page=3"
        );
        assert_eq!(r.subject(), "deal line");
        let filters_only = request("crime_type=fraud").unwrap();
        assert_eq!(filters_only.subject(), "filters: crime_type=fraud");
        assert!(request("q=x&page=0").is_err());
        assert!(request("q=x&page=lots").is_err());
        assert!(request("").unwrap().is_blank());
    }

    #[test]
    fn facet_values_read_as_words() {
        assert_eq!(value_label(Facet::Month, "2026-03"), "March 2026");
        assert_eq!(
            value_label(Facet::CrimeType, "drugs_county_lines"),
            "drugs county lines"
        );
        assert_eq!(
            value_label(Facet::Handling, "C"),
            "C sharing only under conditions"
        );
    }

    #[test]
    fn marked_text_is_escaped() {
        let h = search::Highlighted {
            text: "<b>Jon</b> & co".into(),
            highlights: vec![(3, 6)],
        };
        assert_eq!(
            marked(&h).html,
            "&lt;b&gt;<mark>Jon</mark>&lt;/b&gt; &amp; co"
        );
    }
}
