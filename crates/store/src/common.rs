//! Queries written once for both backends. [`with_db!`] expands a body once per backend, so each
//! copy is type-checked against its own driver; SQL is written with `?` placeholders and turned
//! into PostgreSQL's `$1, $2…` by [`pg_sql`].

use crate::audit::now_text;
use crate::{
    Decision, NewDecision, ObjectAssignment, PersonAssignment, Result, StoreError, StoredModel,
};
use sqlx::{QueryBuilder, Row};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

pub(crate) fn db_err(e: sqlx::Error) -> StoreError {
    StoreError::Database(e.to_string())
}

/// The PostgreSQL form of a query written with `?` placeholders. Each distinct query is
/// converted once and kept for the life of the process.
pub(crate) fn pg_sql(sql: &'static str) -> &'static str {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, &'static str>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    cache.entry(sql).or_insert_with(|| {
        let mut out = String::with_capacity(sql.len() + 16);
        let mut n = 0;
        for c in sql.chars() {
            if c == '?' {
                n += 1;
                out.push('$');
                out.push_str(&n.to_string());
            } else {
                out.push(c);
            }
        }
        Box::leak(out.into_boxed_str())
    })
}

/// Runs `$body` with `$pool` bound to the backend's pool, `$q` converting SQL for it and
/// `$begin` the statement that starts a write transaction.
macro_rules! with_db {
    ($db:expr, |$pool:ident, $q:ident, $begin:ident| $body:expr) => {
        match $db {
            $crate::Db::Sqlite(s) => {
                let $pool = &s.pool;
                let $q = |sql: &'static str| sql;
                let $begin = "BEGIN IMMEDIATE";
                $body
            }
            $crate::Db::Postgres(s) => {
                let $pool = &s.pool;
                let $q = $crate::common::pg_sql;
                let $begin = "BEGIN";
                $body
            }
        }
    };
}

/// Rows per multi-row insert: well inside both databases' limits on bound parameters.
const ROWS_PER_INSERT: usize = 5000;

pub(crate) async fn person_assignments(db: &crate::Db) -> Result<Vec<PersonAssignment>> {
    with_db!(db, |pool, q, _begin| {
        let rows = sqlx::query(q(
            "SELECT mention, person_id, component FROM resolved_persons ORDER BY mention",
        ))
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
        Ok(rows
            .into_iter()
            .map(|r| PersonAssignment {
                mention: r.get(0),
                person_id: r.get(1),
                component: r.get(2),
            })
            .collect())
    })
}

pub(crate) async fn update_person_assignments(
    db: &crate::Db,
    upserts: &[PersonAssignment],
    removed: &[String],
    replace_all: bool,
) -> Result<()> {
    with_db!(db, |pool, q, begin| {
        let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
        if replace_all {
            sqlx::query(q("DELETE FROM resolved_persons"))
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
        } else {
            let changed: Vec<&str> = upserts
                .iter()
                .map(|a| a.mention.as_str())
                .chain(removed.iter().map(String::as_str))
                .collect();
            for part in changed.chunks(ROWS_PER_INSERT) {
                let mut b = QueryBuilder::new("DELETE FROM resolved_persons WHERE mention IN (");
                let mut list = b.separated(", ");
                for m in part {
                    list.push_bind(m.to_string());
                }
                b.push(")");
                b.build().execute(&mut *tx).await.map_err(db_err)?;
            }
        }
        for part in upserts.chunks(ROWS_PER_INSERT) {
            let mut b =
                QueryBuilder::new("INSERT INTO resolved_persons (mention, person_id, component) ");
            b.push_values(part, |mut row, a| {
                row.push_bind(a.mention.clone())
                    .push_bind(a.person_id.clone())
                    .push_bind(a.component.clone());
            });
            b.build().execute(&mut *tx).await.map_err(db_err)?;
        }
        tx.commit().await.map_err(db_err)
    })
}

pub(crate) async fn object_assignments(db: &crate::Db) -> Result<Vec<ObjectAssignment>> {
    with_db!(db, |pool, q, _begin| {
        let rows = sqlx::query(q(
            "SELECT mention, kind, entity_id FROM resolved_objects ORDER BY mention",
        ))
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
        rows.into_iter()
            .map(|r| {
                let kind: String = r.get(1);
                Ok(ObjectAssignment {
                    mention: r.get(0),
                    kind: kind.parse().map_err(StoreError::Corrupt)?,
                    entity_id: r.get(2),
                })
            })
            .collect()
    })
}

pub(crate) async fn replace_object_assignments(
    db: &crate::Db,
    rows: &[ObjectAssignment],
) -> Result<()> {
    with_db!(db, |pool, q, begin| {
        let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
        sqlx::query(q("DELETE FROM resolved_objects"))
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        for part in rows.chunks(ROWS_PER_INSERT) {
            let mut b =
                QueryBuilder::new("INSERT INTO resolved_objects (mention, kind, entity_id) ");
            b.push_values(part, |mut row, a| {
                row.push_bind(a.mention.clone())
                    .push_bind(a.kind.as_str())
                    .push_bind(a.entity_id.clone());
            });
            b.build().execute(&mut *tx).await.map_err(db_err)?;
        }
        tx.commit().await.map_err(db_err)
    })
}

pub(crate) async fn save_model(db: &crate::Db, model: &str, report: &str) -> Result<i64> {
    with_db!(db, |pool, q, begin| {
        let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
        let id: i64 =
            sqlx::query_scalar(q("SELECT COALESCE(MAX(id), 0) + 1 FROM resolution_models"))
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
        sqlx::query(q(
            "INSERT INTO resolution_models (id, trained_at, model, report) VALUES (?, ?, ?, ?)",
        ))
        .bind(id)
        .bind(now_text())
        .bind(model)
        .bind(report)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        Ok(id)
    })
}

pub(crate) async fn latest_model(db: &crate::Db) -> Result<Option<StoredModel>> {
    with_db!(db, |pool, q, _begin| {
        let row = sqlx::query(q(
            "SELECT id, trained_at, model, report FROM resolution_models ORDER BY id DESC LIMIT 1",
        ))
        .fetch_optional(pool)
        .await
        .map_err(db_err)?;
        Ok(row.map(|r| StoredModel {
            id: r.get(0),
            trained_at: r.get(1),
            model: r.get(2),
            report: r.get(3),
        }))
    })
}

pub(crate) async fn decisions(db: &crate::Db) -> Result<Vec<Decision>> {
    with_db!(db, |pool, q, _begin| {
        let rows = sqlx::query(q(
            "SELECT id, kind, mention_a, mention_b, actor, reason, at, revoked_at, revoked_by, \
             revoke_reason FROM resolution_decisions ORDER BY id",
        ))
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
        Ok(rows
            .into_iter()
            .map(|r| Decision {
                id: r.get(0),
                same: r.get::<String, _>(1) == "same",
                mention_a: r.get(2),
                mention_b: r.get(3),
                actor: r.get(4),
                reason: r.get(5),
                at: r.get(6),
                revoked_at: r.get(7),
                revoked_by: r.get(8),
                revoke_reason: r.get(9),
            })
            .collect())
    })
}

pub(crate) async fn add_decision(db: &crate::Db, d: &NewDecision) -> Result<Decision> {
    let at = now_text();
    let id = with_db!(db, |pool, q, begin| {
        let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
        let id: i64 = sqlx::query_scalar(q(
            "SELECT COALESCE(MAX(id), 0) + 1 FROM resolution_decisions",
        ))
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        sqlx::query(q(
            "INSERT INTO resolution_decisions (id, kind, mention_a, mention_b, actor, reason, at) \
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        ))
        .bind(id)
        .bind(if d.same { "same" } else { "different" })
        .bind(&d.mention_a)
        .bind(&d.mention_b)
        .bind(&d.actor)
        .bind(&d.reason)
        .bind(&at)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        Ok::<i64, StoreError>(id)
    })?;
    Ok(Decision {
        id,
        same: d.same,
        mention_a: d.mention_a.clone(),
        mention_b: d.mention_b.clone(),
        actor: d.actor.clone(),
        reason: d.reason.clone(),
        at,
        revoked_at: None,
        revoked_by: None,
        revoke_reason: None,
    })
}

pub(crate) async fn revoke_decision(
    db: &crate::Db,
    id: i64,
    actor: &str,
    reason: &str,
) -> Result<bool> {
    with_db!(db, |pool, q, _begin| {
        let done = sqlx::query(q(
            "UPDATE resolution_decisions SET revoked_at = ?, revoked_by = ?, revoke_reason = ? \
             WHERE id = ? AND revoked_at IS NULL",
        ))
        .bind(now_text())
        .bind(actor)
        .bind(reason)
        .bind(id)
        .execute(pool)
        .await
        .map_err(db_err)?;
        Ok(done.rows_affected() == 1)
    })
}

pub(crate) async fn state(db: &crate::Db, key: &str) -> Result<Option<String>> {
    with_db!(db, |pool, q, _begin| {
        sqlx::query_scalar(q("SELECT value FROM analysis_state WHERE key = ?"))
            .bind(key)
            .fetch_optional(pool)
            .await
            .map_err(db_err)
    })
}

pub(crate) async fn set_state(db: &crate::Db, key: &str, value: &str) -> Result<()> {
    with_db!(db, |pool, q, _begin| {
        sqlx::query(q("INSERT INTO analysis_state (key, value) VALUES (?, ?) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value"))
        .bind(key)
        .bind(value)
        .execute(pool)
        .await
        .map_err(db_err)?;
        Ok(())
    })
}
