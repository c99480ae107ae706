//! Where Sightline keeps what it knows: the [`Store`] interface and its two backends, SQLite (the
//! embedded default) and PostgreSQL (a shared server), with their migrations and the audit trail.
//!
//! Key design decisions:
//! - One interface, named in our own types only; each backend converts its driver's errors into
//!   [`StoreError`]. Callers hold an `Arc<dyn Store>` and never learn which backend they have.
//! - Reports are versioned, never rewritten: a changed record adds a version and the old one
//!   stays, so the trail of what was known when is intact.
//! - The audit trail is append-only (the databases refuse updates and deletes) and hash-chained,
//!   so [`Store::verify_audit`] finds an altered or removed entry.
//! - Writes go in batches inside explicit transactions ([`WriteTx`]): a batch is stored whole or
//!   not at all, which is what lets a killed ingest be run again to completion.

mod audit;
mod postgres;
mod sqlite;
pub mod testing;

pub use audit::{AuditEntry, AuditProblem, NewAuditEntry};

use async_trait::async_trait;
use futures::stream::BoxStream;
use model::{PersonMention, Report};

/// Mention counts are stored with each report version so that counting needs no JSON.
fn mention_and_link_counts(report: &Report) -> (i64, i64) {
    (report.mention_count() as i64, report.links.len() as i64)
}
use std::sync::Arc;
use time::OffsetDateTime;

/// What went wrong in the store. Driver errors are converted at the backend's edge.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the database {url}: {message}")]
    Open { url: String, message: String },
    #[error("database migration failed: {0}")]
    Migrate(String),
    #[error("database error: {0}")]
    Database(String),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A report to store, with the hash of its canonical content, the line it came from and its
/// entities as JSON (`Report::entities_json`).
#[derive(Debug, Clone, Copy)]
pub struct NewReport<'a> {
    pub report: &'a Report,
    pub content_hash: &'a str,
    pub raw: &'a str,
    pub entities: &'a str,
}

/// What storing one report did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    /// A report not seen before.
    Accepted,
    /// The same `ref` with the same content: nothing stored.
    Unchanged,
    /// The same `ref` with new content: stored as version `version`, the earlier kept.
    Superseded { version: i64 },
}

/// One ingest run, identified by the audit entry that recorded its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IngestId(pub i64);

/// A write transaction: everything put through it is stored by [`WriteTx::commit`] or by
/// nothing.
#[async_trait]
pub trait WriteTx: Send {
    /// Stores a batch of reports, returning one outcome per report in order. Reports with a
    /// `ref` seen earlier in the same batch are handled after it, as if sent one by one.
    async fn put_reports(
        &mut self,
        ingest: IngestId,
        reports: &[NewReport<'_>],
    ) -> Result<Vec<WriteOutcome>>;

    async fn commit(self: Box<Self>) -> Result<()>;

    async fn rollback(self: Box<Self>) -> Result<()>;
}

/// A person mention of a current report version, for export and resolution.
#[derive(Debug, Clone)]
pub struct StoredPersonMention {
    pub report_ref: String,
    pub received: OffsetDateTime,
    pub handling: model::HandlingCode,
    pub mention: PersonMention,
}

impl StoredPersonMention {
    /// `<ref>#<local id>`.
    pub fn mention_id(&self) -> String {
        format!("{}#{}", self.report_ref, self.mention.id)
    }
}

/// One stored version of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportVersion {
    pub version: i64,
    pub current: bool,
    pub content_hash: String,
    pub ingest: IngestId,
}

/// How much the store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Distinct report refs.
    pub reports: i64,
    /// Report versions, current and superseded.
    pub report_versions: i64,
    /// Entity mentions (persons, locations, phones, vehicles) of current report versions.
    pub mentions: i64,
    /// Explicit links of current report versions.
    pub links: i64,
    pub audit_entries: i64,
}

/// The store interface. Both backends pass the same contract tests (`tests/contract.rs`).
#[async_trait]
pub trait Store: Send + Sync {
    fn backend(&self) -> Backend;

    /// Begins a write transaction. Writers are serialised: one transaction writes at a time.
    async fn begin_write(&self) -> Result<Box<dyn WriteTx>>;

    /// Appends an entry to the audit trail, chaining it to the one before.
    async fn append_audit(&self, entry: NewAuditEntry) -> Result<AuditEntry>;

    /// Audit entries with ids above `after`, oldest first, at most `limit`.
    async fn audit_entries(&self, after: i64, limit: i64) -> Result<Vec<AuditEntry>>;

    /// The stored versions of one report, oldest first.
    async fn report_versions(&self, report_ref: &str) -> Result<Vec<ReportVersion>>;

    /// The current version of one report as it was received (the raw line).
    async fn report_raw(&self, report_ref: &str) -> Result<Option<String>>;

    /// Every person mention of every current report version, in a stable order (reports in the
    /// order they were stored, persons in the order the report lists them), streamed so that
    /// memory stays flat.
    fn person_mentions(&self) -> BoxStream<'_, Result<StoredPersonMention>>;

    async fn counts(&self) -> Result<Counts>;

    /// Checks the whole audit chain; the problems found, none when it is intact.
    async fn verify_audit(&self) -> Result<Vec<AuditProblem>> {
        let mut problems = Vec::new();
        let mut previous: Option<AuditEntry> = None;
        let mut after = 0;
        loop {
            let page = self.audit_entries(after, 10_000).await?;
            if page.is_empty() {
                break;
            }
            for entry in page {
                problems.extend(audit::check_link(previous.as_ref(), &entry));
                after = entry.id;
                previous = Some(entry);
            }
        }
        Ok(problems)
    }
}

/// Opens the store at `url` — `sqlite:PATH` or `postgres://…` — applying any migrations it
/// lacks.
pub async fn open(url: &str) -> Result<Arc<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(postgres::PgStore::open(url).await?))
    } else if let Some(path) = url.strip_prefix("sqlite:") {
        Ok(Arc::new(sqlite::SqliteStore::open(path).await?))
    } else {
        Err(StoreError::Open {
            url: url.to_string(),
            message: "expected sqlite:PATH or postgres://…".to_string(),
        })
    }
}

/// Splits a batch into runs in which no `ref` repeats, so that each run can be written with one
/// lookup of the versions already stored.
pub(crate) fn runs_of_distinct_refs<'a, 'b>(
    reports: &'a [NewReport<'b>],
) -> Vec<&'a [NewReport<'b>]> {
    let mut runs = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut start = 0;
    for (i, r) in reports.iter().enumerate() {
        if !seen.insert(r.report.report_ref.as_str()) {
            runs.push(&reports[start..i]);
            seen.clear();
            seen.insert(r.report.report_ref.as_str());
            start = i;
        }
    }
    if start < reports.len() {
        runs.push(&reports[start..]);
    }
    runs
}

/// Crime types as stored: a JSON array of codes.
pub(crate) fn crime_types_json(report: &Report) -> String {
    serde_json::to_string(&report.crime_types).unwrap_or_else(|_| "[]".to_string())
}

/// The person mentions of one stored report version.
pub(crate) fn decode_person_mentions(
    report_ref: String,
    received: OffsetDateTime,
    handling: String,
    entities: String,
) -> Result<Vec<StoredPersonMention>> {
    let entities = model::Entities::from_json(&entities)
        .map_err(|e| StoreError::Corrupt(format!("entities of {report_ref}: {e}")))?;
    let handling: model::HandlingCode = handling
        .parse()
        .map_err(|e| StoreError::Corrupt(format!("handling code of {report_ref}: {e}")))?;
    Ok(entities
        .persons
        .into_iter()
        .map(|mention| StoredPersonMention {
            report_ref: report_ref.clone(),
            received,
            handling,
            mention,
        })
        .collect())
}

/// Turns a row's `Result<Vec<T>>` into a stream of `Result<T>`.
pub(crate) fn flatten_results<T: Send + 'static>(
    rows: Result<Vec<T>>,
) -> futures::stream::Iter<std::vec::IntoIter<Result<T>>> {
    let items: Vec<Result<T>> = match rows {
        Ok(v) => v.into_iter().map(Ok).collect(),
        Err(e) => vec![Err(e)],
    };
    futures::stream::iter(items)
}
