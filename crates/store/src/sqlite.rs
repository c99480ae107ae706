//! The SQLite backend: the embedded default, one file, WAL journal.
//!
//! Writers take the database lock up front (`BEGIN IMMEDIATE`) so that two writers queue rather
//! than fail half-way; batches are written with multi-row statements, which is what makes
//! tens of thousands of reports a second possible through sqlx's worker thread.

use crate::audit::{self, AuditEntry, NewAuditEntry};
use crate::{
    Counts, IngestId, NewReport, ReportVersion, Result, StoreError, StoredPersonMention,
    WriteOutcome, WriteTx,
};
use async_trait::async_trait;
use futures::StreamExt;
use futures::stream::BoxStream;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{QueryBuilder, Row, Sqlite, Transaction};
use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;
use time::OffsetDateTime;

pub struct SqliteStore {
    pub(crate) pool: SqlitePool,
}

fn db_err(e: sqlx::Error) -> StoreError {
    StoreError::Database(e.to_string())
}

/// Reports per multi-row statement: 20 columns each stays well inside SQLite's limit of 32,766
/// bound parameters.
const REPORTS_PER_STATEMENT: usize = 500;

/// Stored time text: UTC with microseconds, so that text order is time order.
pub(crate) fn time_text(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.microsecond()
    )
}

fn parse_time(text: &str) -> Result<OffsetDateTime> {
    OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .map_err(|e| StoreError::Corrupt(format!("stored time {text:?}: {e}")))
}

impl SqliteStore {
    pub async fn open(path: &str) -> Result<SqliteStore> {
        let open_err = |message: String| StoreError::Open {
            url: format!("sqlite:{path}"),
            message,
        };
        let options = SqliteConnectOptions::from_str(&format!("sqlite:{path}"))
            .map_err(|e| open_err(e.to_string()))?
            .create_if_missing(true)
            // A report with its entities is a few kilobytes: 16 KiB pages hold several, where
            // 4 KiB pages would hold one and waste the rest.
            .page_size(16384)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(60))
            .foreign_keys(true)
            .pragma("cache_size", "-65536")
            .pragma("temp_store", "memory");
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|e| open_err(e.to_string()))?;
        sqlx::migrate!("./migrations/sqlite")
            .run(&pool)
            .await
            .map_err(|e| StoreError::Migrate(e.to_string()))?;
        Ok(SqliteStore { pool })
    }
}

struct SqliteTx {
    tx: Transaction<'static, Sqlite>,
}

struct Existing {
    id: i64,
    version: i64,
    hash: String,
}

#[async_trait]
impl WriteTx for SqliteTx {
    async fn put_reports(
        &mut self,
        ingest: IngestId,
        reports: &[NewReport<'_>],
    ) -> Result<Vec<WriteOutcome>> {
        let mut outcomes = Vec::with_capacity(reports.len());
        let ingested_at = time_text(OffsetDateTime::now_utc());
        for run in crate::runs_of_distinct_refs(reports) {
            for chunk in run.chunks(REPORTS_PER_STATEMENT) {
                outcomes.extend(self.put_chunk(ingest, chunk, &ingested_at).await?);
            }
        }
        Ok(outcomes)
    }

    async fn commit(self: Box<Self>) -> Result<()> {
        self.tx.commit().await.map_err(db_err)
    }

    async fn rollback(self: Box<Self>) -> Result<()> {
        self.tx.rollback().await.map_err(db_err)
    }
}

impl SqliteTx {
    /// Writes reports whose refs are distinct.
    async fn put_chunk(
        &mut self,
        ingest: IngestId,
        chunk: &[NewReport<'_>],
        ingested_at: &str,
    ) -> Result<Vec<WriteOutcome>> {
        // What is stored already.
        let mut lookup = QueryBuilder::<Sqlite>::new(
            "SELECT ref, id, version, content_hash FROM reports WHERE current = 1 AND ref IN (",
        );
        let mut refs = lookup.separated(", ");
        for r in chunk {
            refs.push_bind(r.report.report_ref.as_str().to_string());
        }
        lookup.push(")");
        let existing: HashMap<String, Existing> = lookup
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(|row| {
                (
                    row.get::<String, _>(0),
                    Existing {
                        id: row.get(1),
                        version: row.get(2),
                        hash: row.get(3),
                    },
                )
            })
            .collect();

        let mut outcomes = Vec::with_capacity(chunk.len());
        let mut to_write: Vec<(&NewReport<'_>, i64)> = Vec::new();
        let mut superseded_ids: Vec<i64> = Vec::new();
        for r in chunk {
            match existing.get(r.report.report_ref.as_str()) {
                Some(e) if e.hash == r.content_hash => outcomes.push(WriteOutcome::Unchanged),
                Some(e) => {
                    superseded_ids.push(e.id);
                    to_write.push((r, e.version + 1));
                    outcomes.push(WriteOutcome::Superseded {
                        version: e.version + 1,
                    });
                }
                None => {
                    to_write.push((r, 1));
                    outcomes.push(WriteOutcome::Accepted);
                }
            }
        }
        if to_write.is_empty() {
            return Ok(outcomes);
        }

        if !superseded_ids.is_empty() {
            let mut update =
                QueryBuilder::<Sqlite>::new("UPDATE reports SET current = 0 WHERE id IN (");
            let mut ids = update.separated(", ");
            for id in &superseded_ids {
                ids.push_bind(*id);
            }
            update.push(")");
            update
                .build()
                .execute(&mut *self.tx)
                .await
                .map_err(db_err)?;
        }

        let mut insert = QueryBuilder::<Sqlite>::new(
            "INSERT INTO reports (ref, version, current, content_hash, received, source_type, \
             source_org, grading_source, grading_intel, handling, conditions, crime_types, area, \
             body, raw, entities, mention_count, link_count, ingest_id, ingested_at) ",
        );
        insert.push_values(&to_write, |mut row, (r, version)| {
            let report = r.report;
            let (mentions, links) = crate::mention_and_link_counts(report);
            row.push_bind(report.report_ref.as_str().to_string())
                .push_bind(*version)
                .push_bind(1_i64)
                .push_bind(r.content_hash.to_string())
                .push_bind(time_text(report.received))
                .push_bind(report.source_type.as_str())
                .push_bind(report.source_org.clone())
                .push_bind(report.grading.source.as_str())
                .push_bind(report.grading.intel.as_str())
                .push_bind(report.grading.handling.as_str())
                .push_bind(report.grading.conditions.clone())
                .push_bind(crate::crime_types_json(report))
                .push_bind(report.area.clone())
                .push_bind(report.text.clone())
                .push_bind(r.raw.to_string())
                .push_bind(r.entities.to_string())
                .push_bind(mentions)
                .push_bind(links)
                .push_bind(ingest.0)
                .push_bind(ingested_at.to_string());
        });
        insert
            .build()
            .execute(&mut *self.tx)
            .await
            .map_err(db_err)?;
        Ok(outcomes)
    }
}

impl SqliteStore {
    pub(crate) async fn begin_write(&self) -> Result<Box<dyn WriteTx>> {
        let tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(db_err)?;
        Ok(Box::new(SqliteTx { tx }))
    }

    pub(crate) async fn append_audit(&self, entry: NewAuditEntry) -> Result<AuditEntry> {
        let mut tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(db_err)?;
        let last: Option<(i64, String)> =
            sqlx::query_as("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
        let (id, prev_hash) = match last {
            Some((id, hash)) => (id + 1, hash),
            None => (1, audit::GENESIS.to_string()),
        };
        let stored = audit::seal(id, prev_hash, entry);
        sqlx::query(
            "INSERT INTO audit (id, at, actor, action, reason, subject, details, prev_hash, hash) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(stored.id)
        .bind(&stored.at)
        .bind(&stored.actor)
        .bind(&stored.action)
        .bind(&stored.reason)
        .bind(&stored.subject)
        .bind(&stored.details)
        .bind(&stored.prev_hash)
        .bind(&stored.hash)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        Ok(stored)
    }

    pub(crate) async fn audit_entries(&self, after: i64, limit: i64) -> Result<Vec<AuditEntry>> {
        let rows = sqlx::query(
            "SELECT id, at, actor, action, reason, subject, details, prev_hash, hash \
             FROM audit WHERE id > ? ORDER BY id LIMIT ?",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(rows
            .into_iter()
            .map(|r| AuditEntry {
                id: r.get(0),
                at: r.get(1),
                actor: r.get(2),
                action: r.get(3),
                reason: r.get(4),
                subject: r.get(5),
                details: r.get(6),
                prev_hash: r.get(7),
                hash: r.get(8),
            })
            .collect())
    }

    pub(crate) async fn report_versions(&self, report_ref: &str) -> Result<Vec<ReportVersion>> {
        let rows = sqlx::query(
            "SELECT version, current, content_hash, ingest_id FROM reports \
             WHERE ref = ? ORDER BY version",
        )
        .bind(report_ref)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(rows
            .into_iter()
            .map(|r| ReportVersion {
                version: r.get(0),
                current: r.get::<i64, _>(1) == 1,
                content_hash: r.get(2),
                ingest: IngestId(r.get(3)),
            })
            .collect())
    }

    pub(crate) async fn report_raw(&self, report_ref: &str) -> Result<Option<String>> {
        sqlx::query_scalar("SELECT raw FROM reports WHERE ref = ? AND current = 1")
            .bind(report_ref)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_err)
    }

    pub(crate) fn person_mentions(&self) -> BoxStream<'_, Result<StoredPersonMention>> {
        sqlx::query(
            "SELECT ref, received, handling, entities FROM reports \
             WHERE current = 1 AND mention_count > 0 ORDER BY id",
        )
        .fetch(&self.pool)
        .map(|row| {
            let row = row.map_err(db_err)?;
            let received: String = row.get(1);
            crate::decode_person_mentions(
                row.get(0),
                parse_time(&received)?,
                row.get::<String, _>(2),
                row.get::<String, _>(3),
            )
        })
        .flat_map(crate::flatten_results)
        .boxed()
    }

    pub(crate) async fn report(&self, report_ref: &str) -> Result<Option<crate::StoredReport>> {
        let Some(row) = sqlx::query(
            "SELECT id, ref, version, received, source_type, source_org, grading_source, \
             grading_intel, handling, conditions, crime_types, area, body, entities \
             FROM reports WHERE current = 1 AND ref = ?",
        )
        .bind(report_ref)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?
        else {
            return Ok(None);
        };
        let received: String = row.get(3);
        crate::decode_report(
            row.get(0),
            row.get(1),
            row.get(2),
            parse_time(&received)?,
            row.get(4),
            row.get(5),
            [row.get(6), row.get(7), row.get(8)],
            row.get(9),
            row.get(10),
            row.get(11),
            row.get(12),
            row.get(13),
        )
        .map(Some)
    }

    pub(crate) fn reports(&self) -> BoxStream<'_, Result<crate::StoredReport>> {
        sqlx::query(
            "SELECT id, ref, version, received, source_type, source_org, grading_source, \
             grading_intel, handling, conditions, crime_types, area, body, entities \
             FROM reports WHERE current = 1 ORDER BY id",
        )
        .fetch(&self.pool)
        .map(|row| {
            let row = row.map_err(db_err)?;
            let received: String = row.get(3);
            crate::decode_report(
                row.get(0),
                row.get(1),
                row.get(2),
                parse_time(&received)?,
                row.get(4),
                row.get(5),
                [row.get(6), row.get(7), row.get(8)],
                row.get(9),
                row.get(10),
                row.get(11),
                row.get(12),
                row.get(13),
            )
        })
        .boxed()
    }

    pub(crate) async fn counts(&self) -> Result<Counts> {
        let row = sqlx::query(
            "SELECT \
               (SELECT count(*) FROM reports WHERE current = 1), \
               (SELECT count(*) FROM reports), \
               (SELECT coalesce(sum(mention_count), 0) FROM reports WHERE current = 1), \
               (SELECT coalesce(sum(link_count), 0) FROM reports WHERE current = 1), \
               (SELECT count(*) FROM audit)",
        )
        .fetch_one(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(Counts {
            reports: row.get(0),
            report_versions: row.get(1),
            mentions: row.get(2),
            links: row.get(3),
            audit_entries: row.get(4),
        })
    }
}
