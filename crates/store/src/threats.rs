//! The threat master list on both backends: every detected group and every person or deal line
//! an analyst promoted, ranked by harm, with the whole assessment kept beside its headline
//! figures; each threat's score over time; and the promotions themselves — analysts'
//! decisions, never deleted, only withdrawn, each change audited. A sub-interface of
//! [`crate::Store`] ([`crate::Store::threats`]).

use crate::common::{db_err, with_db};
use crate::{NewAuditEntry, Result, SqlStore, Store, StoreError, now_text};
use async_trait::async_trait;
use sqlx::{QueryBuilder, Row};
use std::collections::HashMap;

/// One threat on the master list, as `analyse` assessed it.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreatRow {
    /// The group's id (`grp_0007`), or `thr_` and the promoted person or deal line.
    pub id: String,
    /// `county_line`, `exploitation_network`, `ocg`, `person` or `deal_line`.
    pub kind: String,
    /// What the threat is: the group id, the person id, or the deal line in E.164.
    pub subject: String,
    pub label: String,
    /// Principal first.
    pub crime_types: Vec<String>,
    pub score: f64,
    /// 1 is the highest harm.
    pub rank: i64,
    /// `low`, `medium` or `high`.
    pub confidence: String,
    /// What a person reads, largest contribution first.
    pub reasons: Vec<String>,
    /// The whole harm assessment (every sub-score and item), as JSON.
    pub harm: String,
    /// The reports the assessment rests on.
    pub reports: Vec<String>,
    /// When it was assessed (RFC 3339). Set by the store; ignored when writing.
    pub assessed_at: String,
}

/// A threat's score at one assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct HarmPoint {
    pub assessed_at: String,
    pub score: f64,
    pub rank: i64,
}

/// An analyst's promotion of a person or a deal line to a threat of its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Promotion {
    pub id: i64,
    /// `person` or `deal_line`.
    pub kind: String,
    /// The person id, or the deal line in E.164.
    pub subject: String,
    pub reason: String,
    pub promoted_by: String,
    pub promoted_at: String,
    pub withdrawn_by: Option<String>,
    pub withdrawn_at: Option<String>,
    pub withdrawn_reason: Option<String>,
}

impl Promotion {
    pub fn in_force(&self) -> bool {
        self.withdrawn_at.is_none()
    }
}

/// The kinds of subject an analyst may promote.
pub const PROMOTABLE: [&str; 2] = ["person", "deal_line"];

/// The threat master list and promotions.
#[async_trait]
pub trait ThreatStore: Send + Sync {
    /// Replaces the master list. A threat whose score or rank differs from what was stored
    /// (or that is new) gets a point in its history.
    async fn replace_threats(&self, rows: &[ThreatRow]) -> Result<()>;

    /// The master list, highest harm first.
    async fn threats(&self) -> Result<Vec<ThreatRow>>;

    async fn threat(&self, id: &str) -> Result<Option<ThreatRow>>;

    /// A threat's scores, oldest first.
    async fn harm_history(&self, id: &str) -> Result<Vec<HarmPoint>>;

    /// Each threat's score at its latest assessment before `before` (RFC 3339): what the
    /// dashboard compares with to show harm that rose.
    async fn scores_before(&self, before: &str) -> Result<HashMap<String, f64>>;

    /// Promotes a person or a deal line, and audits it. A subject already promoted and not
    /// withdrawn is refused.
    async fn promote(&self, kind: &str, subject: &str, actor: &str, reason: &str) -> Result<i64>;

    /// Withdraws a promotion, and audits it; `false` when there is none in force by that id.
    async fn withdraw_promotion(&self, id: i64, actor: &str, reason: &str) -> Result<bool>;

    /// Promotions, oldest first: only those in force, or every one ever made.
    async fn promotions(&self, in_force_only: bool) -> Result<Vec<Promotion>>;
}

const THREAT_COLUMNS: &str = "id, kind, subject, label, crime_types, score, harm_rank, confidence, \
     reasons, harm, reports, assessed_at";

fn list(text: &str, what: &str, id: &str) -> Result<Vec<String>> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Corrupt(format!("{what} of threat {id}: {e}")))
}

fn json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

macro_rules! threat_row {
    ($r:expr) => {{
        let r = $r;
        let id: String = r.get(0);
        ThreatRow {
            kind: r.get(1),
            subject: r.get(2),
            label: r.get(3),
            crime_types: list(&r.get::<String, _>(4), "crime types", &id)?,
            score: r.get(5),
            rank: r.get(6),
            confidence: r.get(7),
            reasons: list(&r.get::<String, _>(8), "reasons", &id)?,
            harm: r.get(9),
            reports: list(&r.get::<String, _>(10), "reports", &id)?,
            assessed_at: r.get(11),
            id,
        }
    }};
}

#[async_trait]
impl ThreatStore for SqlStore {
    async fn replace_threats(&self, rows: &[ThreatRow]) -> Result<()> {
        let now = now_text();
        with_db!(&self.db, |pool, q, begin| {
            let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
            let before: HashMap<String, (f64, i64)> =
                sqlx::query(q("SELECT id, score, harm_rank FROM threats"))
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(db_err)?
                    .into_iter()
                    .map(|r| (r.get(0), (r.get(1), r.get(2))))
                    .collect();
            sqlx::query(q("DELETE FROM threats"))
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
            for part in rows.chunks(1000) {
                let mut b = QueryBuilder::new(format!("INSERT INTO threats ({THREAT_COLUMNS}) "));
                b.push_values(part, |mut row, t| {
                    row.push_bind(t.id.clone())
                        .push_bind(t.kind.clone())
                        .push_bind(t.subject.clone())
                        .push_bind(t.label.clone())
                        .push_bind(json(&t.crime_types))
                        .push_bind(t.score)
                        .push_bind(t.rank)
                        .push_bind(t.confidence.clone())
                        .push_bind(json(&t.reasons))
                        .push_bind(t.harm.clone())
                        .push_bind(json(&t.reports))
                        .push_bind(now.clone());
                });
                b.build().execute(&mut *tx).await.map_err(db_err)?;
            }
            let changed: Vec<&ThreatRow> = rows
                .iter()
                .filter(|t| before.get(&t.id) != Some(&(t.score, t.rank)))
                .collect();
            for part in changed.chunks(1000) {
                let mut b = QueryBuilder::new(
                    "INSERT INTO threat_harm (threat_id, assessed_at, score, harm_rank) ",
                );
                b.push_values(part, |mut row, t| {
                    row.push_bind(t.id.clone())
                        .push_bind(now.clone())
                        .push_bind(t.score)
                        .push_bind(t.rank);
                });
                b.build().execute(&mut *tx).await.map_err(db_err)?;
            }
            tx.commit().await.map_err(db_err)
        })
    }

    async fn threats(&self) -> Result<Vec<ThreatRow>> {
        with_db!(&self.db, |pool, q, _begin| {
            let rows = sqlx::query(q(
                "SELECT id, kind, subject, label, crime_types, score, harm_rank, confidence, \
                 reasons, harm, reports, assessed_at FROM threats ORDER BY harm_rank, id",
            ))
            .fetch_all(pool)
            .await
            .map_err(db_err)?;
            let mut out = Vec::with_capacity(rows.len());
            for r in rows {
                out.push(threat_row!(r));
            }
            Ok(out)
        })
    }

    async fn threat(&self, id: &str) -> Result<Option<ThreatRow>> {
        with_db!(&self.db, |pool, q, _begin| {
            let row = sqlx::query(q(
                "SELECT id, kind, subject, label, crime_types, score, harm_rank, confidence, \
                 reasons, harm, reports, assessed_at FROM threats WHERE id = ?",
            ))
            .bind(id)
            .fetch_optional(pool)
            .await
            .map_err(db_err)?;
            match row {
                Some(r) => Ok(Some(threat_row!(r))),
                None => Ok(None),
            }
        })
    }

    async fn harm_history(&self, id: &str) -> Result<Vec<HarmPoint>> {
        with_db!(&self.db, |pool, q, _begin| {
            Ok(sqlx::query(q(
                "SELECT assessed_at, score, harm_rank FROM threat_harm WHERE threat_id = ? \
                 ORDER BY assessed_at",
            ))
            .bind(id)
            .fetch_all(pool)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(|r| HarmPoint {
                assessed_at: r.get(0),
                score: r.get(1),
                rank: r.get(2),
            })
            .collect())
        })
    }

    async fn scores_before(&self, before: &str) -> Result<HashMap<String, f64>> {
        with_db!(&self.db, |pool, q, _begin| {
            let mut out = HashMap::new();
            // Oldest first, so each threat ends with its latest score before the moment.
            for r in sqlx::query(q(
                "SELECT threat_id, score FROM threat_harm WHERE assessed_at < ? \
                 ORDER BY assessed_at",
            ))
            .bind(before)
            .fetch_all(pool)
            .await
            .map_err(db_err)?
            {
                out.insert(r.get::<String, _>(0), r.get::<f64, _>(1));
            }
            Ok(out)
        })
    }

    async fn promote(&self, kind: &str, subject: &str, actor: &str, reason: &str) -> Result<i64> {
        if !PROMOTABLE.contains(&kind) {
            return Err(StoreError::Invalid(format!(
                "only a person or a deal line can be promoted to a threat, not {kind:?}"
            )));
        }
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid(
                "a promotion to the threat master list needs a reason".into(),
            ));
        }
        let now = now_text();
        let id = with_db!(&self.db, |pool, q, begin| {
            let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
            let existing: Option<i64> = sqlx::query_scalar(q(
                "SELECT id FROM threat_promotions WHERE kind = ? AND subject = ? \
                 AND withdrawn_at IS NULL",
            ))
            .bind(kind)
            .bind(subject)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_err)?;
            if let Some(existing) = existing {
                return Err(StoreError::Invalid(format!(
                    "{subject} is already on the master list (promotion {existing})"
                )));
            }
            let id: i64 =
                sqlx::query_scalar(q("SELECT COALESCE(MAX(id), 0) + 1 FROM threat_promotions"))
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_err)?;
            sqlx::query(q(
                "INSERT INTO threat_promotions (id, kind, subject, reason, promoted_by, \
                 promoted_at) VALUES (?, ?, ?, ?, ?, ?)",
            ))
            .bind(id)
            .bind(kind)
            .bind(subject)
            .bind(reason)
            .bind(actor)
            .bind(&now)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
            tx.commit().await.map_err(db_err)?;
            Ok::<i64, StoreError>(id)
        })?;
        self.append_audit(NewAuditEntry {
            actor: actor.to_string(),
            action: "threat.promote".into(),
            reason: Some(reason.to_string()),
            subject: Some(subject.to_string()),
            details: serde_json::json!({"promotion": id, "kind": kind}),
        })
        .await?;
        Ok(id)
    }

    async fn withdraw_promotion(&self, id: i64, actor: &str, reason: &str) -> Result<bool> {
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid(
                "withdrawing a promotion needs a reason".into(),
            ));
        }
        let now = now_text();
        let subject = with_db!(&self.db, |pool, q, begin| {
            let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
            let subject: Option<String> = sqlx::query_scalar(q(
                "SELECT subject FROM threat_promotions WHERE id = ? AND withdrawn_at IS NULL",
            ))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_err)?;
            if subject.is_some() {
                sqlx::query(q(
                    "UPDATE threat_promotions SET withdrawn_by = ?, withdrawn_at = ?, \
                     withdrawn_reason = ? WHERE id = ?",
                ))
                .bind(actor)
                .bind(&now)
                .bind(reason)
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
            }
            tx.commit().await.map_err(db_err)?;
            Ok::<Option<String>, StoreError>(subject)
        })?;
        let Some(subject) = subject else {
            return Ok(false);
        };
        self.append_audit(NewAuditEntry {
            actor: actor.to_string(),
            action: "threat.withdraw".into(),
            reason: Some(reason.to_string()),
            subject: Some(subject),
            details: serde_json::json!({"promotion": id}),
        })
        .await?;
        Ok(true)
    }

    async fn promotions(&self, in_force_only: bool) -> Result<Vec<Promotion>> {
        with_db!(&self.db, |pool, q, _begin| {
            Ok(sqlx::query(q(
                "SELECT id, kind, subject, reason, promoted_by, promoted_at, withdrawn_by, \
                 withdrawn_at, withdrawn_reason FROM threat_promotions \
                 WHERE (? = 0 OR withdrawn_at IS NULL) ORDER BY promoted_at, id",
            ))
            .bind(i64::from(in_force_only))
            .fetch_all(pool)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(|r| Promotion {
                id: r.get(0),
                kind: r.get(1),
                subject: r.get(2),
                reason: r.get(3),
                promoted_by: r.get(4),
                promoted_at: r.get(5),
                withdrawn_by: r.get(6),
                withdrawn_at: r.get(7),
                withdrawn_reason: r.get(8),
            })
            .collect())
        })
    }
}
