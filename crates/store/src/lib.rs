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
mod common;
mod groups;
mod operations;
mod postgres;
mod sqlite;
pub mod testing;
mod threats;

pub use audit::{AuditEntry, AuditProblem, NewAuditEntry, now_text};
pub use groups::{
    GroupDealLineRow, GroupMemberRow, GroupMembership, GroupObjectRow, GroupReportRow,
    NetworkStore, StoredGroup, Visibility,
};
pub use operations::{
    AllocationChange, AllocationRecord, DisruptionRecord, MentoringRecord, MentoringSession,
    NewDisruption, NewOfficer, NewOutcome, NewPlanAction, OUTCOME_COLUMNS, OfficerRecord,
    OfficerUpdate, OperationsStore, OutcomeCounts, OutcomeRecord, PlanActionRecord, PlanRecord,
    PlanReviewRecord, TrainingRecord,
};

pub use threats::{HarmPoint, PROMOTABLE, Promotion, ThreatRow, ThreatStore};

use async_trait::async_trait;
use futures::stream::BoxStream;
use model::{CrimeType, Entities, EntityKind, Grading, PersonMention, Report, SourceType};

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

    /// The current version of one report with its entities.
    async fn report(&self, report_ref: &str) -> Result<Option<StoredReport>>;

    /// Every current report version with its entities, in the order they were stored, streamed.
    fn reports(&self) -> BoxStream<'_, Result<StoredReport>>;

    /// The person each resolved mention belongs to.
    async fn person_assignments(&self) -> Result<Vec<PersonAssignment>>;

    /// Writes resolution results: `upserts` replace any earlier row for their mentions and
    /// `removed` mentions lose theirs; with `replace_all` every earlier row goes first. One
    /// transaction.
    async fn update_person_assignments(
        &self,
        upserts: &[PersonAssignment],
        removed: &[String],
        replace_all: bool,
    ) -> Result<()>;

    /// The phone, vehicle or place each object mention was resolved to.
    async fn object_assignments(&self) -> Result<Vec<ObjectAssignment>>;

    async fn replace_object_assignments(&self, rows: &[ObjectAssignment]) -> Result<()>;

    /// Keeps a newly trained resolution model; returns its id.
    async fn save_model(&self, model: &str, report: &str) -> Result<i64>;

    /// The most recently trained model.
    async fn latest_model(&self) -> Result<Option<StoredModel>>;

    /// Every resolution decision ever made, revoked ones included, oldest first.
    async fn decisions(&self) -> Result<Vec<Decision>>;

    /// Records an analyst's decision and audits it.
    async fn add_decision(&self, decision: NewDecision) -> Result<Decision>;

    /// Revokes a decision (it stays on record) and audits it; false if there was no such
    /// decision in force.
    async fn revoke_decision(&self, id: i64, actor: &str, reason: &str) -> Result<bool>;

    /// Analysis bookkeeping.
    async fn state(&self, key: &str) -> Result<Option<String>>;

    async fn set_state(&self, key: &str, value: &str) -> Result<()>;

    async fn add_user(&self, user: NewUser) -> Result<User>;

    async fn user_by_name(&self, username: &str) -> Result<Option<User>>;

    async fn user_by_id(&self, id: i64) -> Result<Option<User>>;

    async fn users(&self) -> Result<Vec<User>>;

    /// Sets a new password hash and clears any lock-out; false if there is no such user.
    async fn set_password(&self, id: i64, password_hash: &str) -> Result<bool>;

    async fn set_disabled(&self, id: i64, disabled: bool) -> Result<bool>;

    /// Records a sign-in attempt: success clears the failure count, failure adds to it and, with
    /// `lock_until`, locks the account until then.
    async fn record_login(&self, id: i64, success: bool, lock_until: Option<String>) -> Result<()>;

    async fn create_session(&self, session: Session) -> Result<()>;

    async fn session(&self, token_hash: &str) -> Result<Option<Session>>;

    async fn touch_session(&self, token_hash: &str, at: &str) -> Result<()>;

    /// Deletes one session, or every session of a user, and any that have expired.
    async fn delete_sessions(&self, token_hash: Option<&str>, user_id: Option<i64>) -> Result<u64>;

    async fn create_api_token(&self, token_hash: &str, user_id: i64, name: &str) -> Result<()>;

    /// The user an API token (by hash) belongs to, if it is valid.
    async fn api_token_user(&self, token_hash: &str) -> Result<Option<i64>>;

    async fn revoke_api_tokens(&self, user_id: i64) -> Result<u64>;

    /// Creates or updates a report's triage state (channel, submitter and organisation are
    /// kept from the first time).
    async fn set_workflow(&self, workflow: Workflow) -> Result<()>;

    async fn workflow(
        &self,
        status: Option<&str>,
        submitted_by: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Workflow>>;

    /// Replaces everything found in reports' text.
    async fn replace_text_findings(
        &self,
        mentions: &[TextMention],
        indicators: &[TextIndicator],
    ) -> Result<()>;

    /// Mentions found in text, of one report or of all.
    async fn text_mentions(&self, report_ref: Option<&str>) -> Result<Vec<TextMention>>;

    /// Indicators found in text, of one report or of all.
    async fn text_indicators(&self, report_ref: Option<&str>) -> Result<Vec<TextIndicator>>;

    /// Replaces every person's vulnerability assessment.
    async fn replace_vulnerabilities(&self, rows: &[VulnerabilityRow]) -> Result<()>;

    /// Vulnerability assessments, strongest first: of one person, or all, or the flagged.
    async fn vulnerabilities(
        &self,
        person_id: Option<&str>,
        flagged_only: bool,
    ) -> Result<Vec<VulnerabilityRow>>;

    /// Counts of current reports by day received, source type and crime types; only those a
    /// partner may see when `shareable_or_submitted_by` names one.
    async fn report_activity(
        &self,
        shareable_or_submitted_by: Option<i64>,
    ) -> Result<Vec<ActivityRow>>;

    /// How many current reports were stored after `since` (RFC 3339).
    async fn reports_stored_since(
        &self,
        since: &str,
        shareable_or_submitted_by: Option<i64>,
    ) -> Result<i64>;

    /// Stores a new referral with its first step (`made`), and audits it.
    async fn add_referral(&self, referral: NewReferral) -> Result<Referral>;

    /// Records a referral's next step and audits it; `false` when there is no such referral.
    async fn add_referral_step(&self, id: i64, step: ReferralStep) -> Result<bool>;

    /// One referral with its steps.
    async fn referral(&self, id: i64) -> Result<Option<Referral>>;

    /// Referrals with their steps, newest first.
    async fn referrals(&self, filter: ReferralFilter) -> Result<Vec<Referral>>;

    /// Replaces every resolved person's profile.
    async fn replace_person_profiles(&self, rows: &[PersonProfile]) -> Result<()>;

    /// The profiles of these persons (those that exist), in id order.
    async fn person_profiles(&self, person_ids: &[String]) -> Result<Vec<PersonProfile>>;

    /// One report's triage state.
    async fn report_workflow(&self, report_ref: &str) -> Result<Option<Workflow>>;

    /// The mentions resolved to one person.
    async fn mentions_of_person(&self, person_id: &str) -> Result<Vec<String>>;

    /// Summaries of current reports, newest first.
    async fn report_summaries(&self, filter: ReportFilter) -> Result<Vec<ReportSummary>>;

    /// Lead responsible officers, allocations, 4P plans, disruptions and outcomes.
    fn operations(&self) -> &dyn OperationsStore;

    /// The threat master list, each threat's harm over time, and analysts' promotions.
    fn master_list(&self) -> &dyn ThreatStore;

    /// The groups the network finds and the saved network (`groups.rs`, migration 0009).
    fn network(&self) -> &dyn NetworkStore;

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
        Ok(Arc::new(SqlStore {
            db: Db::Postgres(postgres::PgStore::open(url).await?),
        }))
    } else if let Some(path) = url.strip_prefix("sqlite:") {
        Ok(Arc::new(SqlStore {
            db: Db::Sqlite(sqlite::SqliteStore::open(path).await?),
        }))
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

/// A current report version as analysis reads it.
#[derive(Debug, Clone)]
pub struct StoredReport {
    /// The store's id of this version (later versions have larger ids).
    pub id: i64,
    pub report_ref: String,
    pub version: i64,
    pub received: OffsetDateTime,
    pub source_type: SourceType,
    pub source_org: Option<String>,
    pub grading: Grading,
    pub crime_types: Vec<CrimeType>,
    pub area: Option<String>,
    pub text: String,
    pub entities: Entities,
}

/// The resolved person of one person mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonAssignment {
    pub mention: String,
    pub person_id: String,
    /// A label of the group of mentions linked by evidence that was clustered together (its
    /// first mention), so that an incremental run knows what to work out again.
    pub component: String,
}

/// The resolved phone, vehicle or place of one object mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectAssignment {
    pub mention: String,
    pub kind: EntityKind,
    pub entity_id: String,
}

/// A trained resolution model as stored (JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredModel {
    pub id: i64,
    pub trained_at: String,
    pub model: String,
    pub report: String,
}

/// An analyst's decision that two mentions are, or are not, the same person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDecision {
    pub same: bool,
    pub mention_a: String,
    pub mention_b: String,
    pub actor: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub id: i64,
    pub same: bool,
    pub mention_a: String,
    pub mention_b: String,
    pub actor: String,
    pub reason: String,
    pub at: String,
    pub revoked_at: Option<String>,
    pub revoked_by: Option<String>,
    pub revoke_reason: Option<String>,
}

impl Decision {
    pub fn in_force(&self) -> bool {
        self.revoked_at.is_none()
    }
}

/// An account of the web application. `role` is the application's role name; the store does not
/// interpret it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    /// A partner's organisation.
    pub organisation: Option<String>,
    /// The argon2id hash (PHC string).
    pub password_hash: String,
    pub failed_attempts: i64,
    pub locked_until: Option<String>,
    pub disabled_at: Option<String>,
    pub created_at: String,
    /// The latest successful sign-in, and the one before it (RFC 3339).
    pub last_login_at: Option<String>,
    pub previous_login_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub organisation: Option<String>,
    pub password_hash: String,
}

/// A signed-in session, known by the hash of its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub token_hash: String,
    pub user_id: i64,
    pub csrf_token: String,
    pub created_at: String,
    pub last_seen: String,
    pub expires_at: String,
}

/// Where a report stands in triage, and how it came in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workflow {
    pub report_ref: String,
    /// `new`, `triaged` or `developed`.
    pub status: String,
    /// `ingest`, `officer`, `partner` or `community`.
    pub channel: String,
    pub submitted_by: Option<i64>,
    pub organisation: Option<String>,
    pub updated_at: String,
    pub updated_by: Option<String>,
}

/// A person, phone, vehicle or place found in a report's text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextMention {
    /// `<ref>#x1`.
    pub mention: String,
    pub report_ref: String,
    pub kind: EntityKind,
    /// What the text says: a name as written, a number, a registration, an address.
    pub display: String,
    /// The prepared record as JSON (for persons, a resolution record).
    pub data: String,
}

/// An exploitation indicator found in a report's text, with the words that triggered it.
#[derive(Debug, Clone, PartialEq)]
pub struct TextIndicator {
    pub report_ref: String,
    pub seq: i64,
    /// `child_criminal_exploitation`, `cuckooing`, `labour_exploitation`,
    /// `sexual_exploitation` or `control_violence`.
    pub family: String,
    pub indicator: String,
    pub label: String,
    /// The words from the first trigger to the last.
    pub quote: String,
    pub start: i64,
    pub end: i64,
    pub confidence: f64,
    pub hedged: bool,
    pub triggers: Vec<String>,
}

/// A person's vulnerability assessment as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct VulnerabilityRow {
    pub person_id: String,
    pub flagged: bool,
    pub score: f64,
    pub categories: Vec<String>,
    /// The whole explained assessment, as JSON.
    pub assessment: String,
    /// When the person was first flagged (RFC 3339), kept across analyses while they stay
    /// flagged. Set by the store; ignored when writing.
    pub flagged_since: Option<String>,
}

/// How many current reports arrived on one day from one kind of source about one set of crime
/// types: what the dashboard's charts are drawn from.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityRow {
    /// `YYYY-MM-DD`, the day the report was received.
    pub day: String,
    pub source_type: String,
    pub crime_types: Vec<CrimeType>,
    pub reports: i64,
}

/// A safeguarding referral as made.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewReferral {
    pub person_id: String,
    /// `nrm`, `duty_to_notify`, `childrens_social_care`, `adult_social_care`, `glaa`.
    pub route: String,
    pub category: Option<String>,
    /// The organisation that receives it.
    pub recipient: String,
    /// Under 18 when made; `None` when not known.
    pub child: Option<bool>,
    pub consent: bool,
    pub anonymous: bool,
    /// What the referral shares about the person: nothing when anonymous.
    pub subject_name: Option<String>,
    pub subject_dob: Option<String>,
    /// The account of the concern the recipient is given.
    pub shared: String,
    pub created_by: String,
    /// When it was made (RFC 3339).
    pub made_at: String,
}

/// A referral with every step it has taken, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Referral {
    pub id: i64,
    pub person_id: String,
    pub route: String,
    pub category: Option<String>,
    pub recipient: String,
    pub child: Option<bool>,
    pub consent: bool,
    pub anonymous: bool,
    pub subject_name: Option<String>,
    pub subject_dob: Option<String>,
    pub shared: String,
    /// The latest step's state.
    pub state: String,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
    pub steps: Vec<ReferralStep>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReferralStep {
    pub state: String,
    /// For decisions: positive or negative.
    pub positive: Option<bool>,
    /// When it happened (RFC 3339), as the recorder says.
    pub at: String,
    pub actor: String,
    pub note: String,
    /// When it was recorded.
    pub recorded_at: String,
}

/// Which referrals to list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReferralFilter {
    pub person_id: Option<String>,
    pub recipient: Option<String>,
    pub open_only: bool,
}

/// What pages show of a resolved person without reading every report again.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PersonProfile {
    pub person_id: String,
    /// The name most often recorded for them (or how the text names them).
    pub display_name: String,
    /// The name as recorded in a `P`-coded report, when one names them: what a partner may be
    /// shown.
    pub shareable_name: Option<String>,
    pub names: Vec<String>,
    pub dobs: Vec<String>,
    /// Their age band at their latest sighting, when known.
    pub age: Option<(u8, u8)>,
    pub mentions: i64,
    pub reports: i64,
    /// Dates (`YYYY-MM-DD`) of the first and latest reports that mention them.
    pub first_seen: String,
    pub last_seen: String,
    /// How often they are recorded in each role (`subject`, `victim`, ...).
    pub roles: std::collections::BTreeMap<String, i64>,
}

/// Which reports a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportFilter {
    /// Only `P`-coded reports and those this user submitted (a partner's view).
    pub shareable_or_submitted_by: Option<i64>,
    /// Only reports in this triage state.
    pub status: Option<String>,
    /// Only reports stored before this one (for paging).
    pub before_id: Option<i64>,
    pub limit: i64,
}

/// A current report as lists show it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportSummary {
    pub id: i64,
    pub report_ref: String,
    pub version: i64,
    /// As stored (RFC 3339 or the server's text form of a timestamp).
    pub received: String,
    pub source_type: String,
    pub source_org: Option<String>,
    /// `2/C/P`.
    pub grading: String,
    pub handling: model::HandlingCode,
    pub conditions: Option<String>,
    pub crime_types: Vec<CrimeType>,
    pub area: Option<String>,
    pub text: String,
    pub mentions: i64,
    pub status: Option<String>,
    pub channel: Option<String>,
    pub submitted_by: Option<i64>,
}

/// The two backends behind one [`Store`].
pub(crate) enum Db {
    Sqlite(sqlite::SqliteStore),
    Postgres(postgres::PgStore),
}

/// The store over SQLite or PostgreSQL.
pub struct SqlStore {
    db: Db,
}

/// Calls a method that each backend implements in its own way.
macro_rules! dispatch {
    ($self:ident . $method:ident ( $($arg:expr),* )) => {
        match &$self.db {
            Db::Sqlite(s) => s.$method($($arg),*).await,
            Db::Postgres(s) => s.$method($($arg),*).await,
        }
    };
}

#[async_trait]
impl Store for SqlStore {
    fn backend(&self) -> Backend {
        match self.db {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    async fn begin_write(&self) -> Result<Box<dyn WriteTx>> {
        dispatch!(self.begin_write())
    }

    async fn append_audit(&self, entry: NewAuditEntry) -> Result<AuditEntry> {
        dispatch!(self.append_audit(entry))
    }

    async fn audit_entries(&self, after: i64, limit: i64) -> Result<Vec<AuditEntry>> {
        dispatch!(self.audit_entries(after, limit))
    }

    async fn report_versions(&self, report_ref: &str) -> Result<Vec<ReportVersion>> {
        dispatch!(self.report_versions(report_ref))
    }

    async fn report_raw(&self, report_ref: &str) -> Result<Option<String>> {
        dispatch!(self.report_raw(report_ref))
    }

    fn person_mentions(&self) -> BoxStream<'_, Result<StoredPersonMention>> {
        match &self.db {
            Db::Sqlite(s) => s.person_mentions(),
            Db::Postgres(s) => s.person_mentions(),
        }
    }

    async fn counts(&self) -> Result<Counts> {
        dispatch!(self.counts())
    }

    async fn report(&self, report_ref: &str) -> Result<Option<StoredReport>> {
        dispatch!(self.report(report_ref))
    }

    fn reports(&self) -> BoxStream<'_, Result<StoredReport>> {
        match &self.db {
            Db::Sqlite(s) => s.reports(),
            Db::Postgres(s) => s.reports(),
        }
    }

    async fn person_assignments(&self) -> Result<Vec<PersonAssignment>> {
        common::person_assignments(&self.db).await
    }

    async fn update_person_assignments(
        &self,
        upserts: &[PersonAssignment],
        removed: &[String],
        replace_all: bool,
    ) -> Result<()> {
        common::update_person_assignments(&self.db, upserts, removed, replace_all).await
    }

    async fn object_assignments(&self) -> Result<Vec<ObjectAssignment>> {
        common::object_assignments(&self.db).await
    }

    async fn replace_object_assignments(&self, rows: &[ObjectAssignment]) -> Result<()> {
        common::replace_object_assignments(&self.db, rows).await
    }

    async fn save_model(&self, model: &str, report: &str) -> Result<i64> {
        common::save_model(&self.db, model, report).await
    }

    async fn latest_model(&self) -> Result<Option<StoredModel>> {
        common::latest_model(&self.db).await
    }

    async fn decisions(&self) -> Result<Vec<Decision>> {
        common::decisions(&self.db).await
    }

    async fn add_decision(&self, decision: NewDecision) -> Result<Decision> {
        let stored = common::add_decision(&self.db, &decision).await?;
        self.append_audit(NewAuditEntry {
            actor: decision.actor.clone(),
            action: if decision.same {
                "resolution.same".into()
            } else {
                "resolution.different".into()
            },
            reason: Some(decision.reason.clone()),
            subject: Some(format!("{} {}", decision.mention_a, decision.mention_b)),
            details: serde_json::json!({"decision": stored.id}),
        })
        .await?;
        Ok(stored)
    }

    async fn revoke_decision(&self, id: i64, actor: &str, reason: &str) -> Result<bool> {
        let done = common::revoke_decision(&self.db, id, actor, reason).await?;
        if done {
            self.append_audit(NewAuditEntry {
                actor: actor.to_string(),
                action: "resolution.revoke".into(),
                reason: Some(reason.to_string()),
                subject: None,
                details: serde_json::json!({"decision": id}),
            })
            .await?;
        }
        Ok(done)
    }

    async fn state(&self, key: &str) -> Result<Option<String>> {
        common::state(&self.db, key).await
    }

    async fn set_state(&self, key: &str, value: &str) -> Result<()> {
        common::set_state(&self.db, key, value).await
    }

    async fn add_user(&self, user: NewUser) -> Result<User> {
        common::add_user(&self.db, &user).await
    }

    async fn user_by_name(&self, username: &str) -> Result<Option<User>> {
        common::user_by_name(&self.db, username).await
    }

    async fn user_by_id(&self, id: i64) -> Result<Option<User>> {
        common::user_by_id(&self.db, id).await
    }

    async fn users(&self) -> Result<Vec<User>> {
        common::users(&self.db).await
    }

    async fn set_password(&self, id: i64, password_hash: &str) -> Result<bool> {
        common::set_password(&self.db, id, password_hash).await
    }

    async fn set_disabled(&self, id: i64, disabled: bool) -> Result<bool> {
        common::set_disabled(&self.db, id, disabled).await
    }

    async fn record_login(&self, id: i64, success: bool, lock_until: Option<String>) -> Result<()> {
        common::record_login(&self.db, id, success, lock_until).await
    }

    async fn create_session(&self, session: Session) -> Result<()> {
        common::create_session(&self.db, &session).await
    }

    async fn session(&self, token_hash: &str) -> Result<Option<Session>> {
        common::session(&self.db, token_hash).await
    }

    async fn touch_session(&self, token_hash: &str, at: &str) -> Result<()> {
        common::touch_session(&self.db, token_hash, at).await
    }

    async fn delete_sessions(&self, token_hash: Option<&str>, user_id: Option<i64>) -> Result<u64> {
        common::delete_sessions(&self.db, token_hash, user_id).await
    }

    async fn create_api_token(&self, token_hash: &str, user_id: i64, name: &str) -> Result<()> {
        common::create_api_token(&self.db, token_hash, user_id, name).await
    }

    async fn api_token_user(&self, token_hash: &str) -> Result<Option<i64>> {
        common::api_token_user(&self.db, token_hash).await
    }

    async fn revoke_api_tokens(&self, user_id: i64) -> Result<u64> {
        common::revoke_api_tokens(&self.db, user_id).await
    }

    async fn report_summaries(&self, filter: ReportFilter) -> Result<Vec<ReportSummary>> {
        common::report_summaries(&self.db, &filter).await
    }

    fn operations(&self) -> &dyn OperationsStore {
        self
    }

    fn master_list(&self) -> &dyn ThreatStore {
        self
    }

    fn network(&self) -> &dyn NetworkStore {
        self
    }

    async fn replace_text_findings(
        &self,
        mentions: &[TextMention],
        indicators: &[TextIndicator],
    ) -> Result<()> {
        common::replace_text_findings(&self.db, mentions, indicators).await
    }

    async fn text_mentions(&self, report_ref: Option<&str>) -> Result<Vec<TextMention>> {
        common::text_mentions(&self.db, report_ref).await
    }

    async fn text_indicators(&self, report_ref: Option<&str>) -> Result<Vec<TextIndicator>> {
        common::text_indicators(&self.db, report_ref).await
    }

    async fn replace_vulnerabilities(&self, rows: &[VulnerabilityRow]) -> Result<()> {
        common::replace_vulnerabilities(&self.db, rows).await
    }

    async fn vulnerabilities(
        &self,
        person_id: Option<&str>,
        flagged_only: bool,
    ) -> Result<Vec<VulnerabilityRow>> {
        common::vulnerabilities(&self.db, person_id, flagged_only).await
    }

    async fn add_referral(&self, referral: NewReferral) -> Result<Referral> {
        let stored = common::add_referral(&self.db, &referral).await?;
        self.append_audit(NewAuditEntry {
            actor: referral.created_by.clone(),
            action: "referral.made".into(),
            reason: None,
            subject: Some(referral.person_id.clone()),
            details: serde_json::json!({
                "referral": stored.id, "route": referral.route, "recipient": referral.recipient,
                "anonymous": referral.anonymous,
            }),
        })
        .await?;
        Ok(stored)
    }

    async fn add_referral_step(&self, id: i64, step: ReferralStep) -> Result<bool> {
        let Some(person) = common::add_referral_step(&self.db, id, &step).await? else {
            return Ok(false);
        };
        self.append_audit(NewAuditEntry {
            actor: step.actor.clone(),
            action: "referral.step".into(),
            reason: Some(step.note.clone()),
            subject: Some(person),
            details: serde_json::json!({
                "referral": id, "state": step.state, "positive": step.positive, "at": step.at,
            }),
        })
        .await?;
        Ok(true)
    }

    async fn referral(&self, id: i64) -> Result<Option<Referral>> {
        Ok(
            common::referrals(&self.db, Some(id), &ReferralFilter::default())
                .await?
                .pop(),
        )
    }

    async fn referrals(&self, filter: ReferralFilter) -> Result<Vec<Referral>> {
        common::referrals(&self.db, None, &filter).await
    }

    async fn report_activity(
        &self,
        shareable_or_submitted_by: Option<i64>,
    ) -> Result<Vec<ActivityRow>> {
        common::report_activity(&self.db, shareable_or_submitted_by).await
    }

    async fn reports_stored_since(
        &self,
        since: &str,
        shareable_or_submitted_by: Option<i64>,
    ) -> Result<i64> {
        common::reports_stored_since(&self.db, since, shareable_or_submitted_by).await
    }

    async fn replace_person_profiles(&self, rows: &[PersonProfile]) -> Result<()> {
        common::replace_person_profiles(&self.db, rows).await
    }

    async fn person_profiles(&self, person_ids: &[String]) -> Result<Vec<PersonProfile>> {
        common::person_profiles(&self.db, person_ids).await
    }

    async fn report_workflow(&self, report_ref: &str) -> Result<Option<Workflow>> {
        common::report_workflow(&self.db, report_ref).await
    }

    async fn mentions_of_person(&self, person_id: &str) -> Result<Vec<String>> {
        common::mentions_of_person(&self.db, person_id).await
    }

    async fn set_workflow(&self, workflow: Workflow) -> Result<()> {
        common::set_workflow(&self.db, &workflow).await
    }

    async fn workflow(
        &self,
        status: Option<&str>,
        submitted_by: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Workflow>> {
        common::workflow(&self.db, status, submitted_by, limit).await
    }
}

/// Rebuilds a stored report version from its columns.
#[allow(clippy::too_many_arguments)]
pub(crate) fn decode_report(
    id: i64,
    report_ref: String,
    version: i64,
    received: OffsetDateTime,
    source_type: String,
    source_org: Option<String>,
    grading: [String; 3],
    conditions: Option<String>,
    crime_types: String,
    area: Option<String>,
    text: String,
    entities: String,
) -> Result<StoredReport> {
    let corrupt = |what: &str, e: &dyn std::fmt::Display| {
        StoreError::Corrupt(format!("{what} of {report_ref}: {e}"))
    };
    let [gs, gi, gh] = grading;
    let grading = Grading::new(
        gs.parse().map_err(|e| corrupt("grading", &e))?,
        gi.parse().map_err(|e| corrupt("grading", &e))?,
        gh.parse().map_err(|e| corrupt("grading", &e))?,
        conditions,
    )
    .map_err(|e| corrupt("grading", &e))?;
    Ok(StoredReport {
        id,
        version,
        received,
        source_type: source_type
            .parse()
            .map_err(|e| corrupt("source type", &e))?,
        source_org,
        grading,
        crime_types: serde_json::from_str(&crime_types).map_err(|e| corrupt("crime types", &e))?,
        area,
        text,
        entities: Entities::from_json(&entities).map_err(|e| corrupt("entities", &e))?,
        report_ref,
    })
}
