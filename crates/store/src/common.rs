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

pub(crate) use with_db;

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

/// The columns of a user, in the order [`user_row!`] reads them.
macro_rules! user_select {
    ($rest:literal) => {
        concat!(
            "SELECT id, username, display_name, role, organisation, password_hash, ",
            "CAST(failed_attempts AS BIGINT), locked_until, disabled_at, created_at, ",
            "last_login_at, previous_login_at FROM users ",
            $rest
        )
    };
}

/// A user from a row selected with [`user_select!`].
macro_rules! user_row {
    ($r:expr) => {
        crate::User {
            id: $r.get(0),
            username: $r.get(1),
            display_name: $r.get(2),
            role: $r.get(3),
            organisation: $r.get(4),
            password_hash: $r.get(5),
            failed_attempts: $r.get(6),
            locked_until: $r.get(7),
            disabled_at: $r.get(8),
            created_at: $r.get(9),
            last_login_at: $r.get(10),
            previous_login_at: $r.get(11),
        }
    };
}

pub(crate) async fn add_user(db: &crate::Db, u: &crate::NewUser) -> Result<crate::User> {
    let at = now_text();
    with_db!(db, |pool, q, begin| {
        let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
        let id: i64 = sqlx::query_scalar(q("SELECT COALESCE(MAX(id), 0) + 1 FROM users"))
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
        sqlx::query(q(
            "INSERT INTO users (id, username, display_name, role, organisation, password_hash, \
             created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ))
        .bind(id)
        .bind(&u.username)
        .bind(&u.display_name)
        .bind(&u.role)
        .bind(&u.organisation)
        .bind(&u.password_hash)
        .bind(&at)
        .bind(&at)
        .execute(&mut *tx)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(d) if d.is_unique_violation() => {
                StoreError::Invalid(format!("there is already a user called {:?}", u.username))
            }
            e => db_err(e),
        })?;
        tx.commit().await.map_err(db_err)?;
        Ok::<(), StoreError>(())
    })?;
    user_by_name(db, &u.username)
        .await?
        .ok_or_else(|| StoreError::Database("user not found after insert".into()))
}

pub(crate) async fn user_by_name(db: &crate::Db, username: &str) -> Result<Option<crate::User>> {
    with_db!(db, |pool, q, _begin| {
        let row = sqlx::query(q(user_select!("WHERE username = ?")))
            .bind(username)
            .fetch_optional(pool)
            .await
            .map_err(db_err)?;
        Ok(row.map(|r| user_row!(r)))
    })
}

pub(crate) async fn user_by_id(db: &crate::Db, id: i64) -> Result<Option<crate::User>> {
    with_db!(db, |pool, q, _begin| {
        let row = sqlx::query(q(user_select!("WHERE id = ?")))
            .bind(id)
            .fetch_optional(pool)
            .await
            .map_err(db_err)?;
        Ok(row.map(|r| user_row!(r)))
    })
}

pub(crate) async fn users(db: &crate::Db) -> Result<Vec<crate::User>> {
    with_db!(db, |pool, q, _begin| {
        let rows = sqlx::query(q(user_select!("ORDER BY username")))
            .fetch_all(pool)
            .await
            .map_err(db_err)?;
        Ok(rows.into_iter().map(|r| user_row!(r)).collect())
    })
}

/// Runs one statement that changes one user; false if there is no such user.
async fn update_user(
    db: &crate::Db,
    sql: &'static str,
    id: i64,
    values: &[Option<String>],
) -> Result<bool> {
    with_db!(db, |pool, q, _begin| {
        let mut query = sqlx::query(q(sql));
        for v in values {
            query = query.bind(v.clone());
        }
        let done = query.bind(id).execute(pool).await.map_err(db_err)?;
        Ok(done.rows_affected() == 1)
    })
}

pub(crate) async fn set_password(db: &crate::Db, id: i64, hash: &str) -> Result<bool> {
    update_user(
        db,
        "UPDATE users SET password_hash = ?, password_changed_at = ?, failed_attempts = 0, \
         locked_until = NULL WHERE id = ?",
        id,
        &[Some(hash.to_string()), Some(now_text())],
    )
    .await
}

pub(crate) async fn set_disabled(db: &crate::Db, id: i64, disabled: bool) -> Result<bool> {
    update_user(
        db,
        "UPDATE users SET disabled_at = ? WHERE id = ?",
        id,
        &[disabled.then(now_text)],
    )
    .await
}

pub(crate) async fn record_login(
    db: &crate::Db,
    id: i64,
    success: bool,
    lock_until: Option<String>,
) -> Result<()> {
    if success {
        update_user(
            db,
            "UPDATE users SET failed_attempts = 0, locked_until = NULL, \
             previous_login_at = last_login_at, last_login_at = ? WHERE id = ?",
            id,
            &[Some(now_text())],
        )
        .await?;
    } else {
        update_user(
            db,
            "UPDATE users SET failed_attempts = failed_attempts + 1, \
             locked_until = COALESCE(?, locked_until) WHERE id = ?",
            id,
            &[lock_until],
        )
        .await?;
    }
    Ok(())
}

pub(crate) async fn create_session(db: &crate::Db, s: &crate::Session) -> Result<()> {
    with_db!(db, |pool, q, _begin| {
        sqlx::query(q(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen, \
             expires_at) VALUES (?, ?, ?, ?, ?, ?)",
        ))
        .bind(&s.token_hash)
        .bind(s.user_id)
        .bind(&s.csrf_token)
        .bind(&s.created_at)
        .bind(&s.last_seen)
        .bind(&s.expires_at)
        .execute(pool)
        .await
        .map_err(db_err)?;
        Ok(())
    })
}

pub(crate) async fn session(db: &crate::Db, token_hash: &str) -> Result<Option<crate::Session>> {
    with_db!(db, |pool, q, _begin| {
        let row = sqlx::query(q(
            "SELECT token_hash, user_id, csrf_token, created_at, last_seen, expires_at \
             FROM sessions WHERE token_hash = ?",
        ))
        .bind(token_hash)
        .fetch_optional(pool)
        .await
        .map_err(db_err)?;
        Ok(row.map(|r| crate::Session {
            token_hash: r.get(0),
            user_id: r.get(1),
            csrf_token: r.get(2),
            created_at: r.get(3),
            last_seen: r.get(4),
            expires_at: r.get(5),
        }))
    })
}

pub(crate) async fn touch_session(db: &crate::Db, token_hash: &str, at: &str) -> Result<()> {
    with_db!(db, |pool, q, _begin| {
        sqlx::query(q("UPDATE sessions SET last_seen = ? WHERE token_hash = ?"))
            .bind(at)
            .bind(token_hash)
            .execute(pool)
            .await
            .map_err(db_err)?;
        Ok(())
    })
}

pub(crate) async fn delete_sessions(
    db: &crate::Db,
    token_hash: Option<&str>,
    user_id: Option<i64>,
) -> Result<u64> {
    with_db!(db, |pool, q, _begin| {
        let done = sqlx::query(q(
            "DELETE FROM sessions WHERE token_hash = ? OR user_id = ? OR expires_at < ?",
        ))
        .bind(token_hash)
        .bind(user_id)
        .bind(now_text())
        .execute(pool)
        .await
        .map_err(db_err)?;
        Ok(done.rows_affected())
    })
}

pub(crate) async fn create_api_token(
    db: &crate::Db,
    token_hash: &str,
    user_id: i64,
    name: &str,
) -> Result<()> {
    with_db!(db, |pool, q, _begin| {
        sqlx::query(q(
            "INSERT INTO api_tokens (token_hash, user_id, name, created_at) VALUES (?, ?, ?, ?)",
        ))
        .bind(token_hash)
        .bind(user_id)
        .bind(name)
        .bind(now_text())
        .execute(pool)
        .await
        .map_err(db_err)?;
        Ok(())
    })
}

pub(crate) async fn api_token_user(db: &crate::Db, token_hash: &str) -> Result<Option<i64>> {
    with_db!(db, |pool, q, _begin| {
        sqlx::query_scalar(q(
            "SELECT user_id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL",
        ))
        .bind(token_hash)
        .fetch_optional(pool)
        .await
        .map_err(db_err)
    })
}

pub(crate) async fn revoke_api_tokens(db: &crate::Db, user_id: i64) -> Result<u64> {
    with_db!(db, |pool, q, _begin| {
        let done = sqlx::query(q(
            "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
        ))
        .bind(now_text())
        .bind(user_id)
        .execute(pool)
        .await
        .map_err(db_err)?;
        Ok(done.rows_affected())
    })
}

pub(crate) async fn set_workflow(db: &crate::Db, w: &crate::Workflow) -> Result<()> {
    with_db!(db, |pool, q, _begin| {
        sqlx::query(q(
            "INSERT INTO report_workflow (ref, status, channel, submitted_by, organisation, \
             updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?) \
             ON CONFLICT (ref) DO UPDATE SET status = excluded.status, \
             updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        ))
        .bind(&w.report_ref)
        .bind(&w.status)
        .bind(&w.channel)
        .bind(w.submitted_by)
        .bind(&w.organisation)
        .bind(now_text())
        .bind(&w.updated_by)
        .execute(pool)
        .await
        .map_err(db_err)?;
        Ok(())
    })
}

/// Workflow rows, filtered by status and/or submitter, newest change first.
pub(crate) async fn workflow(
    db: &crate::Db,
    status: Option<&str>,
    submitted_by: Option<i64>,
    limit: i64,
) -> Result<Vec<crate::Workflow>> {
    with_db!(db, |pool, q, _begin| {
        let rows = sqlx::query(q(
            "SELECT ref, status, channel, submitted_by, organisation, updated_at, updated_by \
             FROM report_workflow WHERE (? IS NULL OR status = ?) \
             AND (? IS NULL OR submitted_by = ?) ORDER BY updated_at DESC, ref LIMIT ?",
        ))
        .bind(status)
        .bind(status)
        .bind(submitted_by)
        .bind(submitted_by)
        .bind(limit)
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
        Ok(rows
            .into_iter()
            .map(|r| crate::Workflow {
                report_ref: r.get(0),
                status: r.get(1),
                channel: r.get(2),
                submitted_by: r.get(3),
                organisation: r.get(4),
                updated_at: r.get(5),
                updated_by: r.get(6),
            })
            .collect())
    })
}

/// Summaries of current reports, newest first, for lists: all of them, or (for a partner) only
/// `P`-coded ones and those the user submitted.
pub(crate) async fn report_summaries(
    db: &crate::Db,
    filter: &crate::ReportFilter,
) -> Result<Vec<crate::ReportSummary>> {
    let only_p = filter.shareable_or_submitted_by.is_some();
    let submitter = filter.shareable_or_submitted_by.unwrap_or(-1);
    with_db!(db, |pool, q, _begin| {
        let rows = sqlx::query(q(
            "SELECT r.id, r.ref, r.version, CAST(r.received AS TEXT), r.source_type, r.source_org, \
             r.grading_source, r.grading_intel, r.handling, r.conditions, r.crime_types, r.area, \
             r.body, CAST(r.mention_count AS BIGINT), w.status, w.channel, w.submitted_by \
             FROM reports r LEFT JOIN report_workflow w ON w.ref = r.ref \
             WHERE r.current IS TRUE AND (? < 0 OR r.id < ?) \
             AND (? = 0 OR r.handling = 'P' OR w.submitted_by = ?) \
             AND (? IS NULL OR w.status = ?) \
             ORDER BY r.id DESC LIMIT ?",
        ))
        .bind(filter.before_id.unwrap_or(-1))
        .bind(filter.before_id.unwrap_or(-1))
        .bind(i64::from(only_p))
        .bind(submitter)
        .bind(filter.status.as_deref())
        .bind(filter.status.as_deref())
        .bind(filter.limit)
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
        rows.into_iter()
            .map(|r| {
                let handling: String = r.get(8);
                let crime_types: String = r.get(10);
                Ok(crate::ReportSummary {
                    id: r.get(0),
                    report_ref: r.get(1),
                    version: i64::from(r.get::<i32, _>(2)),
                    received: r.get(3),
                    source_type: r.get(4),
                    source_org: r.get(5),
                    grading: format!(
                        "{}/{}/{}",
                        r.get::<String, _>(6),
                        r.get::<String, _>(7),
                        handling
                    ),
                    handling: handling
                        .parse()
                        .map_err(|e| StoreError::Corrupt(format!("handling: {e}")))?,
                    conditions: r.get(9),
                    crime_types: serde_json::from_str(&crime_types)
                        .map_err(|e| StoreError::Corrupt(format!("crime types: {e}")))?,
                    area: r.get(11),
                    text: r.get(12),
                    mentions: r.get(13),
                    status: r.get(14),
                    channel: r.get(15),
                    submitted_by: r.get(16),
                })
            })
            .collect()
    })
}

pub(crate) async fn report_workflow(
    db: &crate::Db,
    report_ref: &str,
) -> Result<Option<crate::Workflow>> {
    with_db!(db, |pool, q, _begin| {
        let row = sqlx::query(q(
            "SELECT ref, status, channel, submitted_by, organisation, updated_at, updated_by \
             FROM report_workflow WHERE ref = ?",
        ))
        .bind(report_ref)
        .fetch_optional(pool)
        .await
        .map_err(db_err)?;
        Ok(row.map(|r| crate::Workflow {
            report_ref: r.get(0),
            status: r.get(1),
            channel: r.get(2),
            submitted_by: r.get(3),
            organisation: r.get(4),
            updated_at: r.get(5),
            updated_by: r.get(6),
        }))
    })
}

pub(crate) async fn mentions_of_person(db: &crate::Db, person_id: &str) -> Result<Vec<String>> {
    with_db!(db, |pool, q, _begin| {
        sqlx::query_scalar(q(
            "SELECT mention FROM resolved_persons WHERE person_id = ? ORDER BY mention",
        ))
        .bind(person_id)
        .fetch_all(pool)
        .await
        .map_err(db_err)
    })
}

pub(crate) async fn replace_text_findings(
    db: &crate::Db,
    mentions: &[crate::TextMention],
    indicators: &[crate::TextIndicator],
) -> Result<()> {
    with_db!(db, |pool, q, begin| {
        let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
        sqlx::query(q("DELETE FROM text_mentions"))
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        sqlx::query(q("DELETE FROM text_indicators"))
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        for part in mentions.chunks(ROWS_PER_INSERT) {
            let mut b = QueryBuilder::new(
                "INSERT INTO text_mentions (mention, report_ref, kind, display, data) ",
            );
            b.push_values(part, |mut row, m| {
                row.push_bind(m.mention.clone())
                    .push_bind(m.report_ref.clone())
                    .push_bind(m.kind.as_str())
                    .push_bind(m.display.clone())
                    .push_bind(m.data.clone());
            });
            b.build().execute(&mut *tx).await.map_err(db_err)?;
        }
        for part in indicators.chunks(ROWS_PER_INSERT / 2) {
            let mut b = QueryBuilder::new(
                "INSERT INTO text_indicators (report_ref, seq, family, indicator, label, quote, \
                 start_byte, end_byte, confidence, hedged, triggers) ",
            );
            b.push_values(part, |mut row, i| {
                row.push_bind(i.report_ref.clone())
                    .push_bind(i.seq)
                    .push_bind(i.family.clone())
                    .push_bind(i.indicator.clone())
                    .push_bind(i.label.clone())
                    .push_bind(i.quote.clone())
                    .push_bind(i.start)
                    .push_bind(i.end)
                    .push_bind(i.confidence)
                    .push_bind(i64::from(i.hedged))
                    .push_bind(serde_json::to_string(&i.triggers).unwrap_or_default());
            });
            b.build().execute(&mut *tx).await.map_err(db_err)?;
        }
        tx.commit().await.map_err(db_err)
    })
}

pub(crate) async fn text_mentions(
    db: &crate::Db,
    report_ref: Option<&str>,
) -> Result<Vec<crate::TextMention>> {
    with_db!(db, |pool, q, _begin| {
        let rows = sqlx::query(q(
            "SELECT mention, report_ref, kind, display, data FROM text_mentions \
             WHERE (? IS NULL OR report_ref = ?) ORDER BY report_ref, mention",
        ))
        .bind(report_ref)
        .bind(report_ref)
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
        rows.into_iter()
            .map(|r| {
                let kind: String = r.get(2);
                Ok(crate::TextMention {
                    mention: r.get(0),
                    report_ref: r.get(1),
                    kind: kind.parse().map_err(StoreError::Corrupt)?,
                    display: r.get(3),
                    data: r.get(4),
                })
            })
            .collect()
    })
}

pub(crate) async fn text_indicators(
    db: &crate::Db,
    report_ref: Option<&str>,
) -> Result<Vec<crate::TextIndicator>> {
    with_db!(db, |pool, q, _begin| {
        let rows = sqlx::query(q(
            "SELECT report_ref, CAST(seq AS BIGINT), family, indicator, label, quote, start_byte, \
             end_byte, CAST(confidence AS DOUBLE PRECISION), CAST(hedged AS BIGINT), triggers \
             FROM text_indicators WHERE (? IS NULL OR report_ref = ?) ORDER BY report_ref, seq",
        ))
        .bind(report_ref)
        .bind(report_ref)
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
        Ok(rows
            .into_iter()
            .map(|r| crate::TextIndicator {
                report_ref: r.get(0),
                seq: r.get(1),
                family: r.get(2),
                indicator: r.get(3),
                label: r.get(4),
                quote: r.get(5),
                start: r.get(6),
                end: r.get(7),
                confidence: r.get(8),
                hedged: r.get::<i64, _>(9) != 0,
                triggers: serde_json::from_str(&r.get::<String, _>(10)).unwrap_or_default(),
            })
            .collect())
    })
}

pub(crate) async fn replace_vulnerabilities(
    db: &crate::Db,
    rows: &[crate::VulnerabilityRow],
) -> Result<()> {
    with_db!(db, |pool, q, begin| {
        let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
        // Who was flagged before, and since when: kept while they stay flagged.
        let since: HashMap<String, String> =
            sqlx::query(q("SELECT person_id, flagged_since FROM vulnerabilities \
             WHERE flagged = 1 AND flagged_since IS NOT NULL"))
            .fetch_all(&mut *tx)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        sqlx::query(q("DELETE FROM vulnerabilities"))
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let now = now_text();
        for part in rows.chunks(ROWS_PER_INSERT) {
            let mut b = QueryBuilder::new(
                "INSERT INTO vulnerabilities \
                 (person_id, flagged, score, categories, assessment, flagged_since) ",
            );
            b.push_values(part, |mut row, v| {
                let flagged_since = v.flagged.then(|| {
                    since
                        .get(&v.person_id)
                        .cloned()
                        .unwrap_or_else(|| now.clone())
                });
                row.push_bind(v.person_id.clone())
                    .push_bind(i64::from(v.flagged))
                    .push_bind(v.score)
                    .push_bind(serde_json::to_string(&v.categories).unwrap_or_default())
                    .push_bind(v.assessment.clone())
                    .push_bind(flagged_since);
            });
            b.build().execute(&mut *tx).await.map_err(db_err)?;
        }
        tx.commit().await.map_err(db_err)
    })
}

pub(crate) async fn vulnerabilities(
    db: &crate::Db,
    person_id: Option<&str>,
    flagged_only: bool,
) -> Result<Vec<crate::VulnerabilityRow>> {
    with_db!(db, |pool, q, _begin| {
        let rows = sqlx::query(q(
            "SELECT person_id, CAST(flagged AS BIGINT), score, categories, assessment, \
             flagged_since FROM vulnerabilities WHERE (? IS NULL OR person_id = ?) AND (? = 0 OR flagged = 1) \
             ORDER BY score DESC, person_id",
        ))
        .bind(person_id)
        .bind(person_id)
        .bind(i64::from(flagged_only))
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
        Ok(rows
            .into_iter()
            .map(|r| crate::VulnerabilityRow {
                person_id: r.get(0),
                flagged: r.get::<i64, _>(1) != 0,
                score: r.get(2),
                categories: serde_json::from_str(&r.get::<String, _>(3)).unwrap_or_default(),
                assessment: r.get(4),
                flagged_since: r.get(5),
            })
            .collect())
    })
}

/// Rows per profile insert (twelve columns each).
const PROFILES_PER_INSERT: usize = 2000;

pub(crate) async fn replace_person_profiles(
    db: &crate::Db,
    rows: &[crate::PersonProfile],
) -> Result<()> {
    with_db!(db, |pool, q, begin| {
        let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
        sqlx::query(q("DELETE FROM person_profiles"))
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        for part in rows.chunks(PROFILES_PER_INSERT) {
            let mut b = QueryBuilder::new(
                "INSERT INTO person_profiles (person_id, display_name, shareable_name, names, \
                 dobs, age_min, age_max, mentions, reports, first_seen, last_seen, roles) ",
            );
            b.push_values(part, |mut row, p| {
                row.push_bind(p.person_id.clone())
                    .push_bind(p.display_name.clone())
                    .push_bind(p.shareable_name.clone())
                    .push_bind(serde_json::to_string(&p.names).unwrap_or_default())
                    .push_bind(serde_json::to_string(&p.dobs).unwrap_or_default())
                    .push_bind(p.age.map(|a| i64::from(a.0)))
                    .push_bind(p.age.map(|a| i64::from(a.1)))
                    .push_bind(p.mentions)
                    .push_bind(p.reports)
                    .push_bind(p.first_seen.clone())
                    .push_bind(p.last_seen.clone())
                    .push_bind(serde_json::to_string(&p.roles).unwrap_or_default());
            });
            b.build().execute(&mut *tx).await.map_err(db_err)?;
        }
        tx.commit().await.map_err(db_err)
    })
}

pub(crate) async fn person_profiles(
    db: &crate::Db,
    person_ids: &[String],
) -> Result<Vec<crate::PersonProfile>> {
    let mut out = Vec::with_capacity(person_ids.len());
    for part in person_ids.chunks(ROWS_PER_INSERT) {
        with_db!(db, |pool, _q, _begin| {
            let mut b = QueryBuilder::new(
                "SELECT person_id, display_name, shareable_name, names, dobs, age_min, age_max, \
                 mentions, reports, first_seen, last_seen, roles FROM person_profiles \
                 WHERE person_id IN (",
            );
            let mut list = b.separated(", ");
            for id in part {
                list.push_bind(id.clone());
            }
            b.push(")");
            let rows = b.build().fetch_all(pool).await.map_err(db_err)?;
            for r in rows {
                let age_min: Option<i64> = r.get(5);
                let age_max: Option<i64> = r.get(6);
                out.push(crate::PersonProfile {
                    person_id: r.get(0),
                    display_name: r.get(1),
                    shareable_name: r.get(2),
                    names: serde_json::from_str(&r.get::<String, _>(3)).unwrap_or_default(),
                    dobs: serde_json::from_str(&r.get::<String, _>(4)).unwrap_or_default(),
                    age: age_min
                        .zip(age_max)
                        .map(|(a, b)| (a.clamp(0, 255) as u8, b.clamp(0, 255) as u8)),
                    mentions: r.get(7),
                    reports: r.get(8),
                    first_seen: r.get(9),
                    last_seen: r.get(10),
                    roles: serde_json::from_str(&r.get::<String, _>(11)).unwrap_or_default(),
                });
            }
        });
    }
    out.sort_by(|a, b| a.person_id.cmp(&b.person_id));
    Ok(out)
}

pub(crate) async fn report_activity(
    db: &crate::Db,
    shareable_or_submitted_by: Option<i64>,
) -> Result<Vec<crate::ActivityRow>> {
    // The day in UTC: stored text in SQLite, a timestamp in PostgreSQL.
    let sql: &'static str = match db {
        crate::Db::Sqlite(_) => {
            "SELECT substr(r.received, 1, 10) AS day, r.source_type, r.crime_types, \
             CAST(COUNT(*) AS BIGINT) FROM reports r \
             WHERE r.current = 1 AND (CAST(? AS BIGINT) IS NULL OR r.handling = 'P' OR r.ref IN \
               (SELECT w.ref FROM report_workflow w WHERE w.submitted_by = ?)) \
             GROUP BY day, r.source_type, r.crime_types ORDER BY day"
        }
        crate::Db::Postgres(_) => {
            "SELECT to_char(r.received AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, r.source_type, \
             r.crime_types, CAST(COUNT(*) AS BIGINT) FROM reports r \
             WHERE r.current AND (CAST(? AS BIGINT) IS NULL OR r.handling = 'P' OR r.ref IN \
               (SELECT w.ref FROM report_workflow w WHERE w.submitted_by = ?)) \
             GROUP BY day, r.source_type, r.crime_types ORDER BY day"
        }
    };
    with_db!(db, |pool, q, _begin| {
        let rows = sqlx::query(q(sql))
            .bind(shareable_or_submitted_by)
            .bind(shareable_or_submitted_by)
            .fetch_all(pool)
            .await
            .map_err(db_err)?;
        Ok(rows
            .into_iter()
            .map(|r| crate::ActivityRow {
                day: r.get(0),
                source_type: r.get(1),
                crime_types: serde_json::from_str(&r.get::<String, _>(2)).unwrap_or_default(),
                reports: r.get(3),
            })
            .collect())
    })
}

pub(crate) async fn reports_stored_since(
    db: &crate::Db,
    since: &str,
    shareable_or_submitted_by: Option<i64>,
) -> Result<i64> {
    let sql: &'static str = match db {
        crate::Db::Sqlite(_) => {
            "SELECT CAST(COUNT(*) AS BIGINT) FROM reports r \
             WHERE r.current = 1 AND r.ingested_at > ? \
             AND (CAST(? AS BIGINT) IS NULL OR r.handling = 'P' OR r.ref IN \
               (SELECT w.ref FROM report_workflow w WHERE w.submitted_by = ?))"
        }
        crate::Db::Postgres(_) => {
            "SELECT CAST(COUNT(*) AS BIGINT) FROM reports r \
             WHERE r.current AND r.ingested_at > CAST(? AS TIMESTAMPTZ) \
             AND (CAST(? AS BIGINT) IS NULL OR r.handling = 'P' OR r.ref IN \
               (SELECT w.ref FROM report_workflow w WHERE w.submitted_by = ?))"
        }
    };
    with_db!(db, |pool, q, _begin| {
        let row = sqlx::query(q(sql))
            .bind(since)
            .bind(shareable_or_submitted_by)
            .bind(shareable_or_submitted_by)
            .fetch_one(pool)
            .await
            .map_err(db_err)?;
        Ok(row.get(0))
    })
}

pub(crate) async fn add_referral(
    db: &crate::Db,
    r: &crate::NewReferral,
) -> Result<crate::Referral> {
    let now = now_text();
    let id = with_db!(db, |pool, q, begin| {
        let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
        let id: i64 = sqlx::query_scalar(q("SELECT COALESCE(MAX(id), 0) + 1 FROM referrals"))
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
        sqlx::query(q(
            "INSERT INTO referrals (id, person_id, route, category, recipient, child, consent, \
             anonymous, subject_name, subject_dob, shared, state, created_by, created_at, \
             updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'made', ?, ?, ?)",
        ))
        .bind(id)
        .bind(&r.person_id)
        .bind(&r.route)
        .bind(&r.category)
        .bind(&r.recipient)
        .bind(r.child.map(i64::from))
        .bind(i64::from(r.consent))
        .bind(i64::from(r.anonymous))
        .bind(&r.subject_name)
        .bind(&r.subject_dob)
        .bind(&r.shared)
        .bind(&r.created_by)
        .bind(&r.made_at)
        .bind(&now)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let step: i64 =
            sqlx::query_scalar(q("SELECT COALESCE(MAX(id), 0) + 1 FROM referral_steps"))
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
        sqlx::query(q(
            "INSERT INTO referral_steps (id, referral_id, state, positive, at, actor, note, \
             recorded_at) VALUES (?, ?, 'made', NULL, ?, ?, ?, ?)",
        ))
        .bind(step)
        .bind(id)
        .bind(&r.made_at)
        .bind(&r.created_by)
        .bind("referral made")
        .bind(&now)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        Ok::<i64, StoreError>(id)
    })?;
    referrals(db, Some(id), &crate::ReferralFilter::default())
        .await?
        .pop()
        .ok_or_else(|| StoreError::Database(format!("referral {id} was not stored")))
}

/// Adds a step; the referral's person when it exists.
pub(crate) async fn add_referral_step(
    db: &crate::Db,
    id: i64,
    s: &crate::ReferralStep,
) -> Result<Option<String>> {
    with_db!(db, |pool, q, begin| {
        let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
        let person: Option<String> =
            sqlx::query_scalar(q("SELECT person_id FROM referrals WHERE id = ?"))
                .bind(id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
        let Some(person) = person else {
            return Ok(None);
        };
        let step: i64 =
            sqlx::query_scalar(q("SELECT COALESCE(MAX(id), 0) + 1 FROM referral_steps"))
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
        let now = now_text();
        sqlx::query(q(
            "INSERT INTO referral_steps (id, referral_id, state, positive, at, actor, note, \
             recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ))
        .bind(step)
        .bind(id)
        .bind(&s.state)
        .bind(s.positive.map(i64::from))
        .bind(&s.at)
        .bind(&s.actor)
        .bind(&s.note)
        .bind(&now)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        sqlx::query(q(
            "UPDATE referrals SET state = ?, updated_at = ? WHERE id = ?",
        ))
        .bind(&s.state)
        .bind(&now)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        Ok(Some(person))
    })
}

pub(crate) async fn referrals(
    db: &crate::Db,
    id: Option<i64>,
    f: &crate::ReferralFilter,
) -> Result<Vec<crate::Referral>> {
    with_db!(db, |pool, q, _begin| {
        let rows = sqlx::query(q(
            "SELECT id, person_id, route, category, recipient, CAST(child AS BIGINT), \
             CAST(consent AS BIGINT), CAST(anonymous AS BIGINT), subject_name, subject_dob, \
             shared, state, created_by, created_at, updated_at FROM referrals \
             WHERE (CAST(? AS BIGINT) IS NULL OR id = ?) AND (? IS NULL OR person_id = ?) \
             AND (? IS NULL OR recipient = ?) AND (? = 0 OR state <> 'closed') \
             ORDER BY id DESC",
        ))
        .bind(id)
        .bind(id)
        .bind(&f.person_id)
        .bind(&f.person_id)
        .bind(&f.recipient)
        .bind(&f.recipient)
        .bind(i64::from(f.open_only))
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
        let mut out: Vec<crate::Referral> = rows
            .into_iter()
            .map(|r| crate::Referral {
                id: r.get(0),
                person_id: r.get(1),
                route: r.get(2),
                category: r.get(3),
                recipient: r.get(4),
                child: r.get::<Option<i64>, _>(5).map(|c| c != 0),
                consent: r.get::<i64, _>(6) != 0,
                anonymous: r.get::<i64, _>(7) != 0,
                subject_name: r.get(8),
                subject_dob: r.get(9),
                shared: r.get(10),
                state: r.get(11),
                created_by: r.get(12),
                created_at: r.get(13),
                updated_at: r.get(14),
                steps: Vec::new(),
            })
            .collect();
        if out.is_empty() {
            return Ok(out);
        }
        let index: HashMap<i64, usize> = out.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        let mut b = QueryBuilder::new(
            "SELECT referral_id, state, CAST(positive AS BIGINT), at, actor, note, recorded_at \
             FROM referral_steps WHERE referral_id IN (",
        );
        let mut list = b.separated(", ");
        for r in &out {
            list.push_bind(r.id);
        }
        b.push(") ORDER BY id");
        for s in b.build().fetch_all(pool).await.map_err(db_err)? {
            let rid: i64 = s.get(0);
            if let Some(&i) = index.get(&rid) {
                out[i].steps.push(crate::ReferralStep {
                    state: s.get(1),
                    positive: s.get::<Option<i64>, _>(2).map(|p| p != 0),
                    at: s.get(3),
                    actor: s.get(4),
                    note: s.get(5),
                    recorded_at: s.get(6),
                });
            }
        }
        Ok(out)
    })
}
