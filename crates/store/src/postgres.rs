//! The PostgreSQL backend, for a force's shared server.
//!
//! Batches are written with `UNNEST` over one array per column, so a batch of any size is one
//! statement per table. Writers are serialised by a transaction-scoped advisory lock, which
//! keeps version numbering and the audit chain race-free across processes.

use crate::audit::{self, AuditEntry, NewAuditEntry};
use crate::{
    Counts, IngestId, NewReport, ReportVersion, Result, StoreError, StoredPersonMention,
    WriteOutcome, WriteTx,
};
use async_trait::async_trait;
use futures::StreamExt;
use futures::stream::BoxStream;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{Postgres, Row, Transaction};
use std::collections::HashMap;
use std::str::FromStr;
use time::OffsetDateTime;

/// Advisory lock keys: one for report writers, one for the audit chain.
const WRITE_LOCK: i64 = 0x5167_6874_0001;
const AUDIT_LOCK: i64 = 0x5167_6874_0002;

pub struct PgStore {
    pub(crate) pool: PgPool,
}

fn db_err(e: sqlx::Error) -> StoreError {
    StoreError::Database(e.to_string())
}

impl PgStore {
    pub async fn open(url: &str) -> Result<PgStore> {
        let open_err = |message: String| StoreError::Open {
            url: redact(url),
            message,
        };
        let options = PgConnectOptions::from_str(url).map_err(|e| open_err(e.to_string()))?;
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(|e| open_err(e.to_string()))?;
        sqlx::migrate!("./migrations/postgres")
            .run(&pool)
            .await
            .map_err(|e| StoreError::Migrate(e.to_string()))?;
        Ok(PgStore { pool })
    }
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

struct PgTx {
    tx: Transaction<'static, Postgres>,
}

#[async_trait]
impl WriteTx for PgTx {
    async fn put_reports(
        &mut self,
        ingest: IngestId,
        reports: &[NewReport<'_>],
    ) -> Result<Vec<WriteOutcome>> {
        let mut outcomes = Vec::with_capacity(reports.len());
        let ingested_at = OffsetDateTime::now_utc();
        for run in crate::runs_of_distinct_refs(reports) {
            outcomes.extend(self.put_run(ingest, run, ingested_at).await?);
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

impl PgTx {
    async fn put_run(
        &mut self,
        ingest: IngestId,
        run: &[NewReport<'_>],
        ingested_at: OffsetDateTime,
    ) -> Result<Vec<WriteOutcome>> {
        let refs: Vec<String> = run
            .iter()
            .map(|r| r.report.report_ref.as_str().to_string())
            .collect();
        let existing: HashMap<String, (i64, i32, String)> = sqlx::query(
            "SELECT ref, id, version, content_hash FROM reports WHERE current AND ref = ANY($1)",
        )
        .bind(&refs)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|row| (row.get(0), (row.get(1), row.get(2), row.get(3))))
        .collect();

        let mut outcomes = Vec::with_capacity(run.len());
        let mut to_write: Vec<(&NewReport<'_>, i32)> = Vec::new();
        let mut superseded: Vec<i64> = Vec::new();
        for r in run {
            match existing.get(r.report.report_ref.as_str()) {
                Some((_, _, hash)) if hash == r.content_hash => {
                    outcomes.push(WriteOutcome::Unchanged)
                }
                Some((id, version, _)) => {
                    superseded.push(*id);
                    to_write.push((r, version + 1));
                    outcomes.push(WriteOutcome::Superseded {
                        version: i64::from(version + 1),
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
        if !superseded.is_empty() {
            sqlx::query("UPDATE reports SET current = false WHERE id = ANY($1)")
                .bind(&superseded)
                .execute(&mut *self.tx)
                .await
                .map_err(db_err)?;
        }

        let n = to_write.len();
        let mut c_ref = Vec::with_capacity(n);
        let mut c_version = Vec::with_capacity(n);
        let mut c_hash = Vec::with_capacity(n);
        let mut c_received = Vec::with_capacity(n);
        let mut c_source_type = Vec::with_capacity(n);
        let mut c_source_org: Vec<Option<String>> = Vec::with_capacity(n);
        let mut c_gs = Vec::with_capacity(n);
        let mut c_gi = Vec::with_capacity(n);
        let mut c_h = Vec::with_capacity(n);
        let mut c_cond: Vec<Option<String>> = Vec::with_capacity(n);
        let mut c_ct = Vec::with_capacity(n);
        let mut c_area: Vec<Option<String>> = Vec::with_capacity(n);
        let mut c_body = Vec::with_capacity(n);
        let mut c_raw = Vec::with_capacity(n);
        let mut c_entities = Vec::with_capacity(n);
        let mut c_mentions = Vec::with_capacity(n);
        let mut c_links = Vec::with_capacity(n);
        for (r, version) in &to_write {
            let report = r.report;
            let (mentions, links) = crate::mention_and_link_counts(report);
            c_entities.push(r.entities.to_string());
            c_mentions.push(mentions as i32);
            c_links.push(links as i32);
            c_ref.push(report.report_ref.as_str().to_string());
            c_version.push(*version);
            c_hash.push(r.content_hash.to_string());
            c_received.push(report.received);
            c_source_type.push(report.source_type.as_str().to_string());
            c_source_org.push(report.source_org.clone());
            c_gs.push(report.grading.source.as_str().to_string());
            c_gi.push(report.grading.intel.as_str().to_string());
            c_h.push(report.grading.handling.as_str().to_string());
            c_cond.push(report.grading.conditions.clone());
            c_ct.push(crate::crime_types_json(report));
            c_area.push(report.area.clone());
            c_body.push(report.text.clone());
            c_raw.push(r.raw.to_string());
        }
        sqlx::query(
            "INSERT INTO reports (ref, version, current, content_hash, received, source_type, \
             source_org, grading_source, grading_intel, handling, conditions, crime_types, area, \
             body, raw, entities, mention_count, link_count, ingest_id, ingested_at) \
             SELECT ref, version, true, content_hash, received, source_type, source_org, gs, gi, \
             h, cond, ct, area, body, raw, entities, mc, lc, $18, $19 \
             FROM UNNEST($1::text[], $2::int[], $3::text[], $4::timestamptz[], $5::text[], \
             $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], \
             $12::text[], $13::text[], $14::text[], $15::text[], $16::int[], $17::int[]) \
             AS t(ref, version, content_hash, received, source_type, source_org, gs, gi, h, \
             cond, ct, area, body, raw, entities, mc, lc)",
        )
        .bind(&c_ref)
        .bind(&c_version)
        .bind(&c_hash)
        .bind(&c_received)
        .bind(&c_source_type)
        .bind(&c_source_org)
        .bind(&c_gs)
        .bind(&c_gi)
        .bind(&c_h)
        .bind(&c_cond)
        .bind(&c_ct)
        .bind(&c_area)
        .bind(&c_body)
        .bind(&c_raw)
        .bind(&c_entities)
        .bind(&c_mentions)
        .bind(&c_links)
        .bind(ingest.0)
        .bind(ingested_at)
        .execute(&mut *self.tx)
        .await
        .map_err(db_err)?;

        Ok(outcomes)
    }
}

impl PgStore {
    pub(crate) async fn begin_write(&self) -> Result<Box<dyn WriteTx>> {
        let mut tx = self.pool.begin().await.map_err(db_err)?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(WRITE_LOCK)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        Ok(Box::new(PgTx { tx }))
    }

    pub(crate) async fn append_audit(&self, entry: NewAuditEntry) -> Result<AuditEntry> {
        let mut tx = self.pool.begin().await.map_err(db_err)?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(AUDIT_LOCK)
            .execute(&mut *tx)
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
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
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
             FROM audit WHERE id > $1 ORDER BY id LIMIT $2",
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
             WHERE ref = $1 ORDER BY version",
        )
        .bind(report_ref)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(rows
            .into_iter()
            .map(|r| ReportVersion {
                version: i64::from(r.get::<i32, _>(0)),
                current: r.get(1),
                content_hash: r.get(2),
                ingest: IngestId(r.get(3)),
            })
            .collect())
    }

    pub(crate) async fn report_raw(&self, report_ref: &str) -> Result<Option<String>> {
        sqlx::query_scalar("SELECT raw FROM reports WHERE ref = $1 AND current")
            .bind(report_ref)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_err)
    }

    pub(crate) fn person_mentions(&self) -> BoxStream<'_, Result<StoredPersonMention>> {
        sqlx::query(
            "SELECT ref, received, handling, entities FROM reports \
             WHERE current AND mention_count > 0 ORDER BY id",
        )
        .fetch(&self.pool)
        .map(|row| {
            let row = row.map_err(db_err)?;
            crate::decode_person_mentions(
                row.get(0),
                row.get::<OffsetDateTime, _>(1),
                row.get::<String, _>(2),
                row.get::<String, _>(3),
            )
        })
        .flat_map(crate::flatten_results)
        .boxed()
    }

    pub(crate) async fn report(&self, report_ref: &str) -> Result<Option<crate::StoredReport>> {
        let Some(row) = sqlx::query(
            "SELECT id, ref, version::bigint, received, source_type, source_org, grading_source, \
             grading_intel, handling, conditions, crime_types, area, body, entities \
             FROM reports WHERE current AND ref = $1",
        )
        .bind(report_ref)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?
        else {
            return Ok(None);
        };
        let received: OffsetDateTime = row.get(3);
        crate::decode_report(
            row.get(0),
            row.get(1),
            row.get(2),
            received,
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
            "SELECT id, ref, version::bigint, received, source_type, source_org, grading_source, \
             grading_intel, handling, conditions, crime_types, area, body, entities \
             FROM reports WHERE current ORDER BY id",
        )
        .fetch(&self.pool)
        .map(|row| {
            let row = row.map_err(db_err)?;
            crate::decode_report(
                row.get(0),
                row.get(1),
                row.get(2),
                row.get::<OffsetDateTime, _>(3),
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
               (SELECT count(*) FROM reports WHERE current), \
               (SELECT count(*) FROM reports), \
               (SELECT coalesce(sum(mention_count), 0)::bigint FROM reports WHERE current), \
               (SELECT coalesce(sum(link_count), 0)::bigint FROM reports WHERE current), \
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

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            super::redact("postgres://user:secret@host:5432/db"),
            "postgres://user:***@host:5432/db"
        );
        assert_eq!(
            super::redact("postgres://postgres@127.0.0.1/test"),
            "postgres://postgres@127.0.0.1/test"
        );
    }
}
