//! Full-text search over reports and fuzzy search over persons, with facets, highlighting and
//! paging, in a tantivy index that is derived data: [`SearchIndex::rebuild`] makes it again from
//! the store at any time, and [`SearchIndex::catch_up`] brings it up to date after writes.
//!
//! Key design decisions:
//! - **Permission filtering happens inside the index query, before anything is counted.** Every
//!   report document and every person-mention document carries its handling code and the
//!   account that submitted it. A partner's search runs as two queries that never match the
//!   same document — the `P`-coded reports, and the `C`-coded ones they submitted — whose
//!   counts, facet counts and hits are added together; so totals, facets, person counts and
//!   snippets are all of what they may see and never reveal a `C`-coded report. (Two narrow
//!   queries cost less than one with an `or` of both conditions, which every matching
//!   document would pass through.)
//! - **Two indexes**: one document per current report — its text, names and reference in one
//!   searched field, names again for ranking, phones, registrations, postcodes and dates of
//!   birth as exact keys, and every facet but the area packed into one number for counting —
//!   and one per person mention (names with their Double Metaphone codes, date of birth, the
//!   resolved person). A person is found through mentions the searcher may see, so a name
//!   recorded only in a `C` report never finds its person for a partner.
//! - **The index knows how far it has read the store**: a [`Watermark`] in the commit payload
//!   (the newest report version, triage change and audit entry it has seen). Catching up reads
//!   only what is newer; a superseded report is deleted by reference and its current version
//!   added; an analysis run (seen in the audit trail) moves mentions to their new persons.
//! - Queries are built from parts ([`query::parse`]) rather than a query language, so that
//!   nothing a user types is a syntax error, and phones, registrations, postcodes and dates
//!   are normalised exactly as ingest normalises them.
//! - Misspelt names are found by looking up the dictionary's words within one or two edits
//!   (same first letter) and searching for those as ordinary words, plus the words' phonetic
//!   codes; a fuzzy query's own scorer marks every document of every such word in a bit set the
//!   size of the index, which costs more than the rest of a search.

mod collect;
mod index;
pub mod query;
pub mod schema;
mod sync;

pub use index::{BuildConfig, SearchIndex};
pub use sync::{BuildSummary, CatchUp, CatchUpLimits};

use model::HandlingCode;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use store::StoredReport;

/// The index's own version: an index written by another version is made again.
pub const SCHEMA_VERSION: u32 = 1;

/// What went wrong in search.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("cannot open the search index at {path}: {message}")]
    Open { path: String, message: String },
    #[error(
        "the search index at {0} is being written by another process (a running server?); \
         stop it or let it keep the index up to date"
    )]
    Busy(String),
    #[error("search index: {0}")]
    Index(String),
    #[error("{0}")]
    Query(String),
    #[error("{0}")]
    Config(String),
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> SearchError {
        SearchError::Index(e.to_string())
    }
}

pub type Result<T, E = SearchError> = std::result::Result<T, E>;

/// Where an index lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// In memory, built from the store when first used (tests, short-lived servers).
    Memory,
    Directory(PathBuf),
}

impl Location {
    /// The index of a store: the directory given, else beside a SQLite database
    /// (`sqlite:/data/sightline.db` → `/data/sightline.db.search`). A PostgreSQL store has no
    /// file to sit beside, so its index needs a directory from the configuration.
    pub fn for_store(db_url: &str, configured: Option<PathBuf>) -> Result<Location> {
        if let Some(dir) = configured {
            return Ok(Location::Directory(dir));
        }
        match db_url.strip_prefix("sqlite:") {
            Some(path) if path.contains(":memory:") || path.trim().is_empty() => {
                Ok(Location::Memory)
            }
            Some(path) => {
                let path = path.trim_start_matches("//");
                let path = path.split('?').next().unwrap_or(path);
                Ok(Location::Directory(PathBuf::from(format!("{path}.search"))))
            }
            None => Err(SearchError::Config(
                "a PostgreSQL store keeps its search index in a directory of your choosing: \
                 give --search-dir (or SIGHTLINE_SEARCH_DIR)"
                    .into(),
            )),
        }
    }
}

/// What a searcher may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Staff: every report.
    Everything,
    /// A partner: `P`-coded reports and the ones this account submitted.
    SharedOrSubmittedBy(i64),
    /// Nothing at all.
    Nothing,
}

impl Visibility {
    /// Whether a report with this handling code and submitter is visible — the rule the index
    /// query applies, stated once for tests to compare with the application's own.
    pub fn admits(self, handling: HandlingCode, submitted_by: Option<i64>) -> bool {
        match self {
            Visibility::Everything => true,
            Visibility::SharedOrSubmittedBy(id) => {
                handling == HandlingCode::P || submitted_by == Some(id)
            }
            Visibility::Nothing => false,
        }
    }
}

/// A report to index: the current version, and who submitted it through the application.
#[derive(Debug, Clone)]
pub struct IndexedReport {
    pub report: StoredReport,
    pub submitted_by: Option<i64>,
}

impl IndexedReport {
    /// A report that has not been through a store (the benchmark's), with `version_id` standing
    /// in for the store's id.
    pub fn from_model(report: &model::Report, version_id: i64) -> IndexedReport {
        IndexedReport {
            report: StoredReport {
                id: version_id,
                report_ref: report.report_ref.to_string(),
                version: 1,
                received: report.received,
                source_type: report.source_type,
                source_org: report.source_org.clone(),
                grading: report.grading.clone(),
                crime_types: report.crime_types.clone(),
                area: report.area.clone(),
                text: report.text.clone(),
                entities: model::Entities {
                    persons: report.persons.clone(),
                    locations: report.locations.clone(),
                    phones: report.phones.clone(),
                    vehicles: report.vehicles.clone(),
                    links: report.links.clone(),
                },
            },
            submitted_by: None,
        }
    }
}

/// A dimension a search can be narrowed by and counted over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Facet {
    CrimeType,
    SourceType,
    SourceGrade,
    IntelGrade,
    Handling,
    Area,
    Month,
}

impl Facet {
    pub const ALL: [Facet; 7] = [
        Facet::CrimeType,
        Facet::SourceType,
        Facet::SourceGrade,
        Facet::IntelGrade,
        Facet::Handling,
        Facet::Area,
        Facet::Month,
    ];

    /// The name of the facet in a URL's query string.
    pub fn param(self) -> &'static str {
        match self {
            Facet::CrimeType => "crime_type",
            Facet::SourceType => "source_type",
            Facet::SourceGrade => "source_grade",
            Facet::IntelGrade => "intel_grade",
            Facet::Handling => "handling",
            Facet::Area => "area",
            Facet::Month => "month",
        }
    }

    pub fn parse(param: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.param() == param)
    }

    /// How the facet is headed on a page.
    pub fn label(self) -> &'static str {
        match self {
            Facet::CrimeType => "Crime type",
            Facet::SourceType => "Source type",
            Facet::SourceGrade => "Source evaluation",
            Facet::IntelGrade => "Intelligence assessment",
            Facet::Handling => "Handling code",
            Facet::Area => "Area",
            Facet::Month => "Month received",
        }
    }

    /// The report index's field.
    pub(crate) fn field_name(self) -> &'static str {
        match self {
            Facet::CrimeType => "crime_type",
            Facet::SourceType => "source_type",
            Facet::SourceGrade => "grading_source",
            Facet::IntelGrade => "grading_intel",
            Facet::Handling => "handling",
            Facet::Area => "area",
            Facet::Month => "month",
        }
    }
}

/// The facet values a search is narrowed to: any of the values within a facet, every facet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filters(pub BTreeMap<Facet, BTreeSet<String>>);

impl Filters {
    /// At most this many values of one facet, each at most 100 characters.
    pub const MAX_VALUES: usize = 20;

    pub fn add(&mut self, facet: Facet, value: &str) -> Result<()> {
        let value = value.trim();
        if value.is_empty() {
            return Ok(());
        }
        if value.chars().count() > 100 {
            return Err(SearchError::Query(format!(
                "a {} filter is too long",
                facet.label().to_lowercase()
            )));
        }
        let values = self.0.entry(facet).or_default();
        if values.len() >= Filters::MAX_VALUES {
            return Err(SearchError::Query(format!(
                "at most {} {} filters",
                Filters::MAX_VALUES,
                facet.label().to_lowercase()
            )));
        }
        values.insert(value.to_string());
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.0.values().all(BTreeSet::is_empty)
    }

    pub fn contains(&self, facet: Facet, value: &str) -> bool {
        self.0.get(&facet).is_some_and(|v| v.contains(value))
    }
}

/// How report hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
}

/// A report search.
#[derive(Debug, Clone, Default)]
pub struct ReportQuery {
    pub text: String,
    pub filters: Filters,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
}

/// Text with the byte ranges that matched the search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Highlighted {
    pub text: String,
    pub highlights: Vec<(usize, usize)>,
}

impl Highlighted {
    pub fn plain(text: impl Into<String>) -> Highlighted {
        Highlighted {
            text: text.into(),
            highlights: Vec::new(),
        }
    }

    /// The text in pieces, each marked as matched or not, for rendering with the markup of
    /// the caller's choice (escaped by the caller).
    pub fn segments(&self) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        let mut at = 0;
        for &(start, end) in &self.highlights {
            if start < at || end > self.text.len() || start >= end {
                continue;
            }
            if !self.text.is_char_boundary(start) || !self.text.is_char_boundary(end) {
                continue;
            }
            if start > at {
                out.push((&self.text[at..start], false));
            }
            out.push((&self.text[start..end], true));
            at = end;
        }
        if at < self.text.len() {
            out.push((&self.text[at..], false));
        }
        out
    }
}

/// One report found.
#[derive(Debug, Clone, Serialize)]
pub struct ReportHit {
    #[serde(rename = "ref")]
    pub reference: String,
    /// Relevance; absent when ordered by date.
    pub score: Option<f32>,
    #[serde(with = "time::serde::rfc3339")]
    pub received: time::OffsetDateTime,
    pub source_type: String,
    pub source_org: Option<String>,
    /// `2/C/P`.
    pub grading: String,
    pub handling: HandlingCode,
    pub conditions: Option<String>,
    pub crime_types: Vec<String>,
    pub area: Option<String>,
    /// The best passage of the text, with the matched words marked.
    pub snippet: Highlighted,
    /// The names the report records, with the matched words marked.
    pub names: Vec<Highlighted>,
    pub submitted_by: Option<i64>,
}

/// The counts of one facet's values over every visible report that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCounts {
    pub facet: Facet,
    pub values: Vec<FacetValue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetValue {
    pub value: String,
    pub count: u64,
    /// Whether the search is narrowed to this value.
    pub selected: bool,
}

/// A page of report hits with the total and the facet counts.
#[derive(Debug, Clone, Serialize)]
pub struct ReportResults {
    /// Every visible report that matched, not only this page.
    pub total: u64,
    pub offset: usize,
    pub limit: usize,
    pub hits: Vec<ReportHit>,
    pub facets: Vec<FacetCounts>,
}

impl ReportResults {
    /// The count of one facet value (0 when absent).
    pub fn facet_count(&self, facet: Facet, value: &str) -> u64 {
        self.facets
            .iter()
            .find(|f| f.facet == facet)
            .and_then(|f| f.values.iter().find(|v| v.value == value))
            .map_or(0, |v| v.count)
    }
}

/// A person search: names with typos and in any order, and a date of birth.
#[derive(Debug, Clone, Default)]
pub struct PersonQuery {
    pub text: String,
    pub offset: usize,
    pub limit: usize,
}

/// One person found.
#[derive(Debug, Clone, Serialize)]
pub struct PersonHit {
    pub person_id: String,
    /// Names recorded in mentions the searcher may see, matched words marked.
    pub names: Vec<Highlighted>,
    pub dobs: Vec<String>,
    /// Whether one of the dates of birth is the one searched for.
    pub dob_matched: bool,
    /// Visible mentions that matched.
    pub mentions: u64,
    pub score: f32,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonResults {
    /// Every visible person that matched.
    pub total: u64,
    pub offset: usize,
    pub limit: usize,
    pub hits: Vec<PersonHit>,
}

/// How far the index has read the store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watermark {
    pub schema: u32,
    /// Set by each full build and shared by both indexes: a mismatch means a build was cut
    /// short, and the index is built again.
    pub generation: u64,
    /// The newest report version indexed (store id).
    pub report_id: i64,
    /// The newest triage change seen (it carries the submitter).
    pub workflow_at: String,
    /// The newest audit entry looked at for analysis runs.
    pub audit_id: i64,
    /// The identity of the store the index was built from (its `search.store_id` state): a
    /// store replaced by another (a new demo database, a restored backup) has another, and its
    /// index is built again rather than trusted because the numbers happen to line up.
    #[serde(default)]
    pub store_id: String,
}

impl Watermark {
    /// Whether a full build has completed.
    pub fn built(&self) -> bool {
        self.schema == SCHEMA_VERSION && self.generation != 0
    }
}

/// How big the index is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct IndexStats {
    pub reports: u64,
    pub mentions: u64,
    pub bytes: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations() {
        assert_eq!(
            Location::for_store("sqlite:/data/s.db", None).unwrap(),
            Location::Directory("/data/s.db.search".into())
        );
        assert_eq!(
            Location::for_store("postgres://x/y", Some("/idx".into())).unwrap(),
            Location::Directory("/idx".into())
        );
        assert!(Location::for_store("postgres://x/y", None).is_err());
        assert_eq!(
            Location::for_store("sqlite::memory:", None).unwrap(),
            Location::Memory
        );
    }

    #[test]
    fn segments_split_at_highlights() {
        let h = Highlighted {
            text: "seen with Jon near the café".into(),
            highlights: vec![(10, 13), (23, 28)],
        };
        assert_eq!(
            h.segments(),
            [
                ("seen with ", false),
                ("Jon", true),
                (" near the ", false),
                ("café", true)
            ]
        );
    }

    #[test]
    fn partners_see_shared_and_their_own() {
        let v = Visibility::SharedOrSubmittedBy(7);
        assert!(v.admits(HandlingCode::P, None));
        assert!(!v.admits(HandlingCode::C, None));
        assert!(!v.admits(HandlingCode::C, Some(8)));
        assert!(v.admits(HandlingCode::C, Some(7)));
        assert!(!Visibility::Nothing.admits(HandlingCode::P, None));
    }
}
