//! Fresh, real databases for tests: a SQLite file in a temporary directory, or a PostgreSQL
//! schema of its own on the test server.
//!
//! The PostgreSQL server is `SIGHTLINE_TEST_PG` (default
//! `postgres://postgres@127.0.0.1:5432/test`). A test that cannot reach it fails, so a
//! PostgreSQL half cannot skip silently; setting `SIGHTLINE_TEST_PG=skip` skips it on purpose
//! (a developer without a server), and CI never sets that.

use crate::{Store, StoreError};
use sqlx::Connection;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

const DEFAULT_PG: &str = "postgres://postgres@127.0.0.1:5432/test";

/// A database that lives as long as the test.
pub struct TestDb {
    pub url: String,
    kind: Kind,
}

enum Kind {
    Sqlite {
        _dir: tempfile::TempDir,
        path: String,
    },
    Postgres {
        base: String,
        schema: String,
    },
}

/// The PostgreSQL server for tests, or `None` when deliberately skipped.
pub fn postgres_url() -> Option<String> {
    match std::env::var("SIGHTLINE_TEST_PG") {
        Ok(v) if v == "skip" => None,
        Ok(v) if !v.is_empty() => Some(v),
        _ => Some(DEFAULT_PG.to_string()),
    }
}

fn unique_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "t{}_{}_{}",
        std::process::id(),
        nanos,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

impl TestDb {
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("test.db").to_string_lossy().into_owned();
        TestDb {
            url: format!("sqlite:{path}"),
            kind: Kind::Sqlite { _dir: dir, path },
        }
    }

    /// A fresh schema on the test server; `None` only when `SIGHTLINE_TEST_PG=skip`.
    pub async fn postgres() -> Option<TestDb> {
        let base = postgres_url()?;
        let schema = unique_name();
        let mut conn = sqlx::PgConnection::connect(&base)
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "cannot reach the PostgreSQL test server at {base}: {e}\n\
                 (start one with scripts/ensure-postgres.sh, or set SIGHTLINE_TEST_PG=skip)"
                )
            });
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
            .execute(&mut conn)
            .await
            .expect("create test schema");
        let sep = if base.contains('?') { '&' } else { '?' };
        Some(TestDb {
            url: format!("{base}{sep}options=-c%20search_path%3D{schema}"),
            kind: Kind::Postgres { base, schema },
        })
    }

    pub async fn open(&self) -> Arc<dyn Store> {
        crate::open(&self.url).await.expect("open test store")
    }

    /// Runs SQL behind the store's back — for tests that tamper with what is stored.
    pub async fn execute_raw(&self, sql: &str) -> Result<u64, StoreError> {
        let err = |e: sqlx::Error| StoreError::Database(e.to_string());
        match &self.kind {
            Kind::Sqlite { path, .. } => {
                let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite:{path}"))
                    .await
                    .map_err(err)?;
                let done = sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
                    .execute(&mut conn)
                    .await
                    .map_err(err)?;
                Ok(done.rows_affected())
            }
            Kind::Postgres { .. } => {
                let mut conn = sqlx::PgConnection::connect(&self.url).await.map_err(err)?;
                let done = sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
                    .execute(&mut conn)
                    .await
                    .map_err(err)?;
                Ok(done.rows_affected())
            }
        }
    }

    /// Removes a PostgreSQL schema (a SQLite file goes with its directory).
    pub async fn drop_db(self) {
        if let Kind::Postgres { base, schema } = &self.kind
            && let Ok(mut conn) = sqlx::PgConnection::connect(base).await
        {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE"
            )))
            .execute(&mut conn)
            .await;
        }
    }
}
