//! Lead responsible officers and the work against threats, on both backends: officers with
//! their skills, training and mentoring; allocations of threats to officers (ended, never
//! deleted); 4P plans, their actions and reviews; disruptions; outcomes. A sub-interface of
//! [`crate::Store`] ([`crate::Store::operations`]) so that this part of the store reads as one
//! piece. Threats are known only by their id on the master list. Every write is audited with
//! its actor and, where one is given, its reason.

use crate::common::{db_err, with_db};
use crate::{NewAuditEntry, Result, SqlStore, Store, StoreError, now_text};
use async_trait::async_trait;
use sqlx::Row;
use std::collections::HashMap;

/// An officer with everything recorded about them.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficerRecord {
    pub id: i64,
    pub name: String,
    pub rank: String,
    pub team: String,
    pub skills: Vec<String>,
    pub capacity: i64,
    pub active: bool,
    /// Their account, when they have one.
    pub username: Option<String>,
    pub training: Vec<TrainingRecord>,
    /// Mentoring they receive.
    pub mentored_by: Vec<MentoringRecord>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewOfficer {
    pub name: String,
    pub rank: String,
    pub team: String,
    pub skills: Vec<String>,
    pub capacity: i64,
    pub username: Option<String>,
}

/// A change to an officer: every field as it should now be.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficerUpdate {
    pub rank: String,
    pub team: String,
    pub skills: Vec<String>,
    pub capacity: i64,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrainingRecord {
    pub id: i64,
    pub course: String,
    /// `YYYY-MM-DD`.
    pub completed_on: String,
    pub expires_on: Option<String>,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MentoringRecord {
    pub id: i64,
    pub mentor_id: i64,
    pub mentee_id: i64,
    pub started_on: String,
    pub ended_on: Option<String>,
    pub sessions: Vec<MentoringSession>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MentoringSession {
    pub held_on: String,
    pub note: String,
    pub recorded_by: String,
}

/// Who leads on a threat, from when to when.
#[derive(Debug, Clone, PartialEq)]
pub struct AllocationRecord {
    pub id: i64,
    pub threat_id: String,
    pub officer_id: i64,
    pub started_at: String,
    pub ended_at: Option<String>,
    /// `recommended`, `changed` or `direct`.
    pub basis: String,
    pub decided_by: String,
    pub reason: String,
}

/// One threat's new officer (or none).
#[derive(Debug, Clone, PartialEq)]
pub struct AllocationChange {
    pub threat_id: String,
    pub officer_id: Option<i64>,
    pub basis: String,
    /// Why, for this threat (the recommendation's reason, or why it was changed).
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanRecord {
    pub threat_id: String,
    pub opened_on: String,
    pub opened_by: String,
    pub actions: Vec<PlanActionRecord>,
    /// Oldest first.
    pub reviews: Vec<PlanReviewRecord>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanActionRecord {
    pub id: i64,
    pub strand: String,
    pub description: String,
    pub owner: String,
    pub due_on: String,
    pub status: String,
    pub updated_by: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewPlanAction {
    pub threat_id: String,
    pub strand: String,
    pub description: String,
    pub owner: String,
    pub due_on: String,
    pub actor: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanReviewRecord {
    pub held_on: String,
    pub next_review_on: String,
    pub note: String,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DisruptionRecord {
    pub id: i64,
    pub threat_id: String,
    pub occurred_on: String,
    pub strand: String,
    pub impact: String,
    pub assessor: String,
    pub rationale: String,
    pub operation: Option<String>,
    pub recorded_by: String,
    pub recorded_at: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewDisruption {
    pub threat_id: String,
    pub occurred_on: String,
    pub strand: String,
    pub impact: String,
    pub assessor: String,
    pub rationale: String,
    pub operation: Option<String>,
    pub actor: String,
}

/// The counts of one outcome record, in the order of [`OUTCOME_COLUMNS`].
pub type OutcomeCounts = [i64; 11];

/// The outcome measures as stored, in order.
pub const OUTCOME_COLUMNS: [&str; 11] = [
    "arrests",
    "charges",
    "convictions",
    "custody_months",
    "drugs_grams",
    "weapons",
    "phones",
    "cash_pence",
    "lines_closed",
    "cuckooed_visited",
    "referrals",
];

#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeRecord {
    pub id: i64,
    pub threat_id: String,
    pub operation: Option<String>,
    pub occurred_on: String,
    pub counts: OutcomeCounts,
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewOutcome {
    pub threat_id: String,
    pub operation: Option<String>,
    pub occurred_on: String,
    pub counts: OutcomeCounts,
    pub note: String,
    pub actor: String,
}

/// The operations part of the store.
#[async_trait]
pub trait OperationsStore: Send + Sync {
    /// Every officer, by name, with their training and the mentoring they receive.
    async fn officers(&self) -> Result<Vec<OfficerRecord>>;

    async fn add_officer(&self, officer: NewOfficer, actor: &str) -> Result<i64>;

    /// `false` when there is no such officer.
    async fn update_officer(
        &self,
        id: i64,
        update: OfficerUpdate,
        actor: &str,
        reason: &str,
    ) -> Result<bool>;

    async fn add_training(
        &self,
        officer_id: i64,
        course: &str,
        completed_on: &str,
        expires_on: Option<&str>,
        actor: &str,
    ) -> Result<bool>;

    /// Starts `mentor` mentoring `mentee`; the new mentoring's id.
    async fn add_mentoring(
        &self,
        mentor_id: i64,
        mentee_id: i64,
        started_on: &str,
        actor: &str,
    ) -> Result<i64>;

    async fn end_mentoring(&self, id: i64, ended_on: &str, actor: &str) -> Result<bool>;

    async fn add_mentoring_session(
        &self,
        id: i64,
        held_on: &str,
        note: &str,
        actor: &str,
    ) -> Result<bool>;

    /// Allocations, oldest first: only those in force, or every one ever made.
    async fn allocations(&self, current_only: bool) -> Result<Vec<AllocationRecord>>;

    /// Ends each threat's allocation in force and starts the new one, all in one transaction,
    /// and audits every change with the decision's reason.
    async fn set_allocations(
        &self,
        changes: &[AllocationChange],
        actor: &str,
        reason: &str,
    ) -> Result<()>;

    /// Plans with their actions and reviews: one threat's, or all.
    async fn plans(&self, threat_id: Option<&str>) -> Result<Vec<PlanRecord>>;

    /// Opens a threat's plan; `false` if it already has one.
    async fn open_plan(&self, threat_id: &str, opened_on: &str, actor: &str) -> Result<bool>;

    async fn add_plan_action(&self, action: NewPlanAction) -> Result<i64>;

    /// Sets an action's status; `false` when the action is not on that threat's plan.
    async fn set_action_status(
        &self,
        threat_id: &str,
        action_id: i64,
        status: &str,
        actor: &str,
        note: &str,
    ) -> Result<bool>;

    async fn add_plan_review(&self, threat_id: &str, review: PlanReviewRecord) -> Result<bool>;

    /// Disruptions, newest first: one threat's, or all.
    async fn disruptions(&self, threat_id: Option<&str>) -> Result<Vec<DisruptionRecord>>;

    async fn add_disruption(&self, disruption: NewDisruption) -> Result<i64>;

    /// Outcomes, newest first: one threat's, or all.
    async fn outcomes(&self, threat_id: Option<&str>) -> Result<Vec<OutcomeRecord>>;

    async fn add_outcome(&self, outcome: NewOutcome) -> Result<i64>;
}

macro_rules! next_id {
    ($tx:expr, $q:ident, $table:literal) => {
        sqlx::query_scalar::<_, i64>($q(concat!("SELECT COALESCE(MAX(id), 0) + 1 FROM ", $table)))
            .fetch_one(&mut *$tx)
            .await
            .map_err(db_err)?
    };
}

fn skills_json(skills: &[String]) -> String {
    serde_json::to_string(skills).unwrap_or_else(|_| "[]".into())
}

impl SqlStore {
    async fn audit(
        &self,
        actor: &str,
        action: &str,
        subject: String,
        reason: Option<&str>,
        details: serde_json::Value,
    ) -> Result<()> {
        self.append_audit(NewAuditEntry {
            actor: actor.to_string(),
            action: action.to_string(),
            reason: reason.map(str::to_string),
            subject: Some(subject),
            details,
        })
        .await
        .map(|_| ())
    }
}

#[async_trait]
impl OperationsStore for SqlStore {
    async fn officers(&self) -> Result<Vec<OfficerRecord>> {
        with_db!(&self.db, |pool, q, _begin| {
            let rows = sqlx::query(q(
                "SELECT id, name, rank, team, skills, capacity, active, username, created_at, \
                 updated_at FROM officers ORDER BY name, id",
            ))
            .fetch_all(pool)
            .await
            .map_err(db_err)?;
            let mut out = Vec::with_capacity(rows.len());
            for r in rows {
                let skills: String = r.get(4);
                out.push(OfficerRecord {
                    id: r.get(0),
                    name: r.get(1),
                    rank: r.get(2),
                    team: r.get(3),
                    skills: serde_json::from_str(&skills)
                        .map_err(|e| StoreError::Corrupt(format!("officer skills: {e}")))?,
                    capacity: r.get(5),
                    active: r.get::<i64, _>(6) != 0,
                    username: r.get(7),
                    created_at: r.get(8),
                    updated_at: r.get(9),
                    training: Vec::new(),
                    mentored_by: Vec::new(),
                });
            }
            let index: HashMap<i64, usize> =
                out.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
            for r in sqlx::query(q(
                "SELECT id, officer_id, course, completed_on, expires_on, recorded_by \
                 FROM officer_training ORDER BY completed_on, id",
            ))
            .fetch_all(pool)
            .await
            .map_err(db_err)?
            {
                if let Some(&i) = index.get(&r.get::<i64, _>(1)) {
                    out[i].training.push(TrainingRecord {
                        id: r.get(0),
                        course: r.get(2),
                        completed_on: r.get(3),
                        expires_on: r.get(4),
                        recorded_by: r.get(5),
                    });
                }
            }
            let mut sessions: HashMap<i64, Vec<MentoringSession>> = HashMap::new();
            for r in sqlx::query(q(
                "SELECT mentoring_id, held_on, note, recorded_by FROM mentoring_sessions \
                 ORDER BY held_on, id",
            ))
            .fetch_all(pool)
            .await
            .map_err(db_err)?
            {
                sessions
                    .entry(r.get(0))
                    .or_default()
                    .push(MentoringSession {
                        held_on: r.get(1),
                        note: r.get(2),
                        recorded_by: r.get(3),
                    });
            }
            for r in sqlx::query(q(
                "SELECT id, mentor_id, mentee_id, started_on, ended_on FROM mentoring \
                 ORDER BY started_on, id",
            ))
            .fetch_all(pool)
            .await
            .map_err(db_err)?
            {
                let id: i64 = r.get(0);
                if let Some(&i) = index.get(&r.get::<i64, _>(2)) {
                    out[i].mentored_by.push(MentoringRecord {
                        id,
                        mentor_id: r.get(1),
                        mentee_id: r.get(2),
                        started_on: r.get(3),
                        ended_on: r.get(4),
                        sessions: sessions.remove(&id).unwrap_or_default(),
                    });
                }
            }
            Ok(out)
        })
    }

    async fn add_officer(&self, o: NewOfficer, actor: &str) -> Result<i64> {
        let now = now_text();
        let id = with_db!(&self.db, |pool, q, begin| {
            let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
            let id = next_id!(tx, q, "officers");
            sqlx::query(q(
                "INSERT INTO officers (id, name, rank, team, skills, capacity, active, username, \
                 created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
            ))
            .bind(id)
            .bind(&o.name)
            .bind(&o.rank)
            .bind(&o.team)
            .bind(skills_json(&o.skills))
            .bind(o.capacity)
            .bind(&o.username)
            .bind(&now)
            .bind(&now)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
            tx.commit().await.map_err(db_err)?;
            Ok::<i64, StoreError>(id)
        })?;
        self.audit(
            actor,
            "officer.add",
            format!("officer {id}"),
            None,
            serde_json::json!({"name": o.name, "skills": o.skills, "capacity": o.capacity}),
        )
        .await?;
        Ok(id)
    }

    async fn update_officer(
        &self,
        id: i64,
        u: OfficerUpdate,
        actor: &str,
        reason: &str,
    ) -> Result<bool> {
        let now = now_text();
        let done = with_db!(&self.db, |pool, q, _begin| {
            sqlx::query(q(
                "UPDATE officers SET rank = ?, team = ?, skills = ?, capacity = ?, active = ?, \
                 updated_at = ? WHERE id = ?",
            ))
            .bind(&u.rank)
            .bind(&u.team)
            .bind(skills_json(&u.skills))
            .bind(u.capacity)
            .bind(i64::from(u.active))
            .bind(&now)
            .bind(id)
            .execute(pool)
            .await
            .map_err(db_err)?
            .rows_affected()
                > 0
        });
        if done {
            self.audit(
                actor,
                "officer.update",
                format!("officer {id}"),
                Some(reason),
                serde_json::json!({"rank": u.rank, "team": u.team, "skills": u.skills,
                    "capacity": u.capacity, "active": u.active}),
            )
            .await?;
        }
        Ok(done)
    }

    async fn add_training(
        &self,
        officer_id: i64,
        course: &str,
        completed_on: &str,
        expires_on: Option<&str>,
        actor: &str,
    ) -> Result<bool> {
        let now = now_text();
        let done = with_db!(&self.db, |pool, q, begin| {
            let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
            let exists: Option<i64> = sqlx::query_scalar(q("SELECT id FROM officers WHERE id = ?"))
                .bind(officer_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
            if exists.is_none() {
                return Ok(false);
            }
            let id = next_id!(tx, q, "officer_training");
            sqlx::query(q(
                "INSERT INTO officer_training (id, officer_id, course, completed_on, expires_on, \
                 recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            ))
            .bind(id)
            .bind(officer_id)
            .bind(course)
            .bind(completed_on)
            .bind(expires_on)
            .bind(actor)
            .bind(&now)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
            tx.commit().await.map_err(db_err)?;
            Ok::<bool, StoreError>(true)
        })?;
        if done {
            self.audit(
                actor,
                "officer.training",
                format!("officer {officer_id}"),
                None,
                serde_json::json!({"course": course, "completed_on": completed_on,
                    "expires_on": expires_on}),
            )
            .await?;
        }
        Ok(done)
    }

    async fn add_mentoring(
        &self,
        mentor_id: i64,
        mentee_id: i64,
        started_on: &str,
        actor: &str,
    ) -> Result<i64> {
        if mentor_id == mentee_id {
            return Err(StoreError::Invalid(
                "an officer cannot mentor themselves".into(),
            ));
        }
        let now = now_text();
        let id = with_db!(&self.db, |pool, q, begin| {
            let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
            let id = next_id!(tx, q, "mentoring");
            sqlx::query(q(
                "INSERT INTO mentoring (id, mentor_id, mentee_id, started_on, ended_on, \
                 recorded_by, recorded_at) VALUES (?, ?, ?, ?, NULL, ?, ?)",
            ))
            .bind(id)
            .bind(mentor_id)
            .bind(mentee_id)
            .bind(started_on)
            .bind(actor)
            .bind(&now)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
            tx.commit().await.map_err(db_err)?;
            Ok::<i64, StoreError>(id)
        })?;
        self.audit(
            actor,
            "mentoring.start",
            format!("officer {mentee_id}"),
            None,
            serde_json::json!({"mentoring": id, "mentor": mentor_id, "started_on": started_on}),
        )
        .await?;
        Ok(id)
    }

    async fn end_mentoring(&self, id: i64, ended_on: &str, actor: &str) -> Result<bool> {
        let done = with_db!(&self.db, |pool, q, _begin| {
            sqlx::query(q(
                "UPDATE mentoring SET ended_on = ? WHERE id = ? AND ended_on IS NULL",
            ))
            .bind(ended_on)
            .bind(id)
            .execute(pool)
            .await
            .map_err(db_err)?
            .rows_affected()
                > 0
        });
        if done {
            self.audit(
                actor,
                "mentoring.end",
                format!("mentoring {id}"),
                None,
                serde_json::json!({"ended_on": ended_on}),
            )
            .await?;
        }
        Ok(done)
    }

    async fn add_mentoring_session(
        &self,
        id: i64,
        held_on: &str,
        note: &str,
        actor: &str,
    ) -> Result<bool> {
        let now = now_text();
        let done = with_db!(&self.db, |pool, q, begin| {
            let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
            let exists: Option<i64> =
                sqlx::query_scalar(q("SELECT id FROM mentoring WHERE id = ?"))
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_err)?;
            if exists.is_none() {
                return Ok(false);
            }
            let session = next_id!(tx, q, "mentoring_sessions");
            sqlx::query(q(
                "INSERT INTO mentoring_sessions (id, mentoring_id, held_on, note, recorded_by, \
                 recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
            ))
            .bind(session)
            .bind(id)
            .bind(held_on)
            .bind(note)
            .bind(actor)
            .bind(&now)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
            tx.commit().await.map_err(db_err)?;
            Ok::<bool, StoreError>(true)
        })?;
        if done {
            self.audit(
                actor,
                "mentoring.session",
                format!("mentoring {id}"),
                Some(note),
                serde_json::json!({"held_on": held_on}),
            )
            .await?;
        }
        Ok(done)
    }

    async fn allocations(&self, current_only: bool) -> Result<Vec<AllocationRecord>> {
        with_db!(&self.db, |pool, q, _begin| {
            let rows = sqlx::query(q(
                "SELECT id, threat_id, officer_id, started_at, ended_at, basis, decided_by, reason \
                 FROM lro_allocations WHERE (? = 0 OR ended_at IS NULL) ORDER BY id",
            ))
            .bind(i64::from(current_only))
            .fetch_all(pool)
            .await
            .map_err(db_err)?;
            Ok(rows
                .into_iter()
                .map(|r| AllocationRecord {
                    id: r.get(0),
                    threat_id: r.get(1),
                    officer_id: r.get(2),
                    started_at: r.get(3),
                    ended_at: r.get(4),
                    basis: r.get(5),
                    decided_by: r.get(6),
                    reason: r.get(7),
                })
                .collect())
        })
    }

    async fn set_allocations(
        &self,
        changes: &[AllocationChange],
        actor: &str,
        reason: &str,
    ) -> Result<()> {
        let now = now_text();
        let ended: Vec<Option<i64>> = with_db!(&self.db, |pool, q, begin| {
            let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
            let mut ended = Vec::with_capacity(changes.len());
            for c in changes {
                let previous: Option<i64> = sqlx::query_scalar(q(
                    "SELECT officer_id FROM lro_allocations WHERE threat_id = ? AND ended_at IS NULL",
                ))
                .bind(&c.threat_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
                sqlx::query(q(
                    "UPDATE lro_allocations SET ended_at = ? WHERE threat_id = ? AND ended_at IS NULL",
                ))
                .bind(&now)
                .bind(&c.threat_id)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                if let Some(officer) = c.officer_id {
                    let id = next_id!(tx, q, "lro_allocations");
                    sqlx::query(q(
                        "INSERT INTO lro_allocations (id, threat_id, officer_id, started_at, \
                         ended_at, basis, decided_by, reason) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)",
                    ))
                    .bind(id)
                    .bind(&c.threat_id)
                    .bind(officer)
                    .bind(&now)
                    .bind(&c.basis)
                    .bind(actor)
                    .bind(&c.reason)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                }
                ended.push(previous);
            }
            tx.commit().await.map_err(db_err)?;
            Ok::<Vec<Option<i64>>, StoreError>(ended)
        })?;
        for (c, previous) in changes.iter().zip(ended) {
            self.audit(
                actor,
                "allocation.set",
                c.threat_id.clone(),
                Some(reason),
                serde_json::json!({"officer": c.officer_id, "previous": previous,
                    "basis": c.basis, "why": c.reason}),
            )
            .await?;
        }
        Ok(())
    }

    async fn plans(&self, threat_id: Option<&str>) -> Result<Vec<PlanRecord>> {
        with_db!(&self.db, |pool, q, _begin| {
            let rows = sqlx::query(q("SELECT threat_id, opened_on, opened_by FROM plans \
                 WHERE (? IS NULL OR threat_id = ?) ORDER BY threat_id"))
            .bind(threat_id)
            .bind(threat_id)
            .fetch_all(pool)
            .await
            .map_err(db_err)?;
            let mut out: Vec<PlanRecord> = rows
                .into_iter()
                .map(|r| PlanRecord {
                    threat_id: r.get(0),
                    opened_on: r.get(1),
                    opened_by: r.get(2),
                    actions: Vec::new(),
                    reviews: Vec::new(),
                })
                .collect();
            let index: HashMap<String, usize> = out
                .iter()
                .enumerate()
                .map(|(i, p)| (p.threat_id.clone(), i))
                .collect();
            for r in sqlx::query(q(
                "SELECT threat_id, id, strand, description, owner, due_on, status, updated_by, \
                 updated_at FROM plan_actions WHERE (? IS NULL OR threat_id = ?) \
                 ORDER BY due_on, id",
            ))
            .bind(threat_id)
            .bind(threat_id)
            .fetch_all(pool)
            .await
            .map_err(db_err)?
            {
                if let Some(&i) = index.get(&r.get::<String, _>(0)) {
                    out[i].actions.push(PlanActionRecord {
                        id: r.get(1),
                        strand: r.get(2),
                        description: r.get(3),
                        owner: r.get(4),
                        due_on: r.get(5),
                        status: r.get(6),
                        updated_by: r.get(7),
                        updated_at: r.get(8),
                    });
                }
            }
            for r in sqlx::query(q(
                "SELECT threat_id, held_on, next_review_on, note, recorded_by FROM plan_reviews \
                 WHERE (? IS NULL OR threat_id = ?) ORDER BY held_on, id",
            ))
            .bind(threat_id)
            .bind(threat_id)
            .fetch_all(pool)
            .await
            .map_err(db_err)?
            {
                if let Some(&i) = index.get(&r.get::<String, _>(0)) {
                    out[i].reviews.push(PlanReviewRecord {
                        held_on: r.get(1),
                        next_review_on: r.get(2),
                        note: r.get(3),
                        recorded_by: r.get(4),
                    });
                }
            }
            Ok(out)
        })
    }

    async fn open_plan(&self, threat_id: &str, opened_on: &str, actor: &str) -> Result<bool> {
        let now = now_text();
        let done = with_db!(&self.db, |pool, q, begin| {
            let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
            let exists: Option<String> =
                sqlx::query_scalar(q("SELECT threat_id FROM plans WHERE threat_id = ?"))
                    .bind(threat_id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_err)?;
            if exists.is_some() {
                return Ok(false);
            }
            sqlx::query(q(
                "INSERT INTO plans (threat_id, opened_on, opened_by, opened_at) VALUES (?, ?, ?, ?)",
            ))
            .bind(threat_id)
            .bind(opened_on)
            .bind(actor)
            .bind(&now)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
            tx.commit().await.map_err(db_err)?;
            Ok::<bool, StoreError>(true)
        })?;
        if done {
            self.audit(
                actor,
                "plan.open",
                threat_id.to_string(),
                None,
                serde_json::json!({"opened_on": opened_on}),
            )
            .await?;
        }
        Ok(done)
    }

    async fn add_plan_action(&self, a: NewPlanAction) -> Result<i64> {
        let now = now_text();
        let id = with_db!(&self.db, |pool, q, begin| {
            let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
            let id = next_id!(tx, q, "plan_actions");
            sqlx::query(q(
                "INSERT INTO plan_actions (id, threat_id, strand, description, owner, due_on, \
                 status, created_by, created_at, updated_by, updated_at) \
                 VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)",
            ))
            .bind(id)
            .bind(&a.threat_id)
            .bind(&a.strand)
            .bind(&a.description)
            .bind(&a.owner)
            .bind(&a.due_on)
            .bind(&a.actor)
            .bind(&now)
            .bind(&a.actor)
            .bind(&now)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
            tx.commit().await.map_err(db_err)?;
            Ok::<i64, StoreError>(id)
        })?;
        self.audit(
            &a.actor,
            "plan.action",
            a.threat_id.clone(),
            None,
            serde_json::json!({"action": id, "strand": a.strand, "owner": a.owner,
                "due_on": a.due_on}),
        )
        .await?;
        Ok(id)
    }

    async fn set_action_status(
        &self,
        threat_id: &str,
        action_id: i64,
        status: &str,
        actor: &str,
        note: &str,
    ) -> Result<bool> {
        let now = now_text();
        let done = with_db!(&self.db, |pool, q, _begin| {
            sqlx::query(q(
                "UPDATE plan_actions SET status = ?, updated_by = ?, updated_at = ? \
                 WHERE id = ? AND threat_id = ?",
            ))
            .bind(status)
            .bind(actor)
            .bind(&now)
            .bind(action_id)
            .bind(threat_id)
            .execute(pool)
            .await
            .map_err(db_err)?
            .rows_affected()
                > 0
        });
        if done {
            self.audit(
                actor,
                "plan.action_status",
                threat_id.to_string(),
                Some(note),
                serde_json::json!({"action": action_id, "status": status}),
            )
            .await?;
        }
        Ok(done)
    }

    async fn add_plan_review(&self, threat_id: &str, r: PlanReviewRecord) -> Result<bool> {
        let now = now_text();
        let done = with_db!(&self.db, |pool, q, begin| {
            let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
            let exists: Option<String> =
                sqlx::query_scalar(q("SELECT threat_id FROM plans WHERE threat_id = ?"))
                    .bind(threat_id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_err)?;
            if exists.is_none() {
                return Ok(false);
            }
            let id = next_id!(tx, q, "plan_reviews");
            sqlx::query(q(
                "INSERT INTO plan_reviews (id, threat_id, held_on, next_review_on, note, \
                 recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            ))
            .bind(id)
            .bind(threat_id)
            .bind(&r.held_on)
            .bind(&r.next_review_on)
            .bind(&r.note)
            .bind(&r.recorded_by)
            .bind(&now)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
            tx.commit().await.map_err(db_err)?;
            Ok::<bool, StoreError>(true)
        })?;
        if done {
            self.audit(
                &r.recorded_by,
                "plan.review",
                threat_id.to_string(),
                Some(&r.note),
                serde_json::json!({"held_on": r.held_on, "next_review_on": r.next_review_on}),
            )
            .await?;
        }
        Ok(done)
    }

    async fn disruptions(&self, threat_id: Option<&str>) -> Result<Vec<DisruptionRecord>> {
        with_db!(&self.db, |pool, q, _begin| {
            let rows = sqlx::query(q(
                "SELECT id, threat_id, occurred_on, strand, impact, assessor, rationale, \
                 operation, recorded_by, recorded_at FROM disruptions \
                 WHERE (? IS NULL OR threat_id = ?) ORDER BY occurred_on DESC, id DESC",
            ))
            .bind(threat_id)
            .bind(threat_id)
            .fetch_all(pool)
            .await
            .map_err(db_err)?;
            Ok(rows
                .into_iter()
                .map(|r| DisruptionRecord {
                    id: r.get(0),
                    threat_id: r.get(1),
                    occurred_on: r.get(2),
                    strand: r.get(3),
                    impact: r.get(4),
                    assessor: r.get(5),
                    rationale: r.get(6),
                    operation: r.get(7),
                    recorded_by: r.get(8),
                    recorded_at: r.get(9),
                })
                .collect())
        })
    }

    async fn add_disruption(&self, d: NewDisruption) -> Result<i64> {
        let now = now_text();
        let id = with_db!(&self.db, |pool, q, begin| {
            let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
            let id = next_id!(tx, q, "disruptions");
            sqlx::query(q(
                "INSERT INTO disruptions (id, threat_id, occurred_on, strand, impact, assessor, \
                 rationale, operation, recorded_by, recorded_at) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ))
            .bind(id)
            .bind(&d.threat_id)
            .bind(&d.occurred_on)
            .bind(&d.strand)
            .bind(&d.impact)
            .bind(&d.assessor)
            .bind(&d.rationale)
            .bind(&d.operation)
            .bind(&d.actor)
            .bind(&now)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
            tx.commit().await.map_err(db_err)?;
            Ok::<i64, StoreError>(id)
        })?;
        self.audit(
            &d.actor,
            "disruption.add",
            d.threat_id.clone(),
            Some(&d.rationale),
            serde_json::json!({"disruption": id, "impact": d.impact, "strand": d.strand,
                "assessor": d.assessor, "occurred_on": d.occurred_on}),
        )
        .await?;
        Ok(id)
    }

    async fn outcomes(&self, threat_id: Option<&str>) -> Result<Vec<OutcomeRecord>> {
        with_db!(&self.db, |pool, q, _begin| {
            let rows = sqlx::query(q(
                "SELECT id, threat_id, operation, occurred_on, arrests, charges, convictions, \
                 custody_months, drugs_grams, weapons, phones, cash_pence, lines_closed, \
                 cuckooed_visited, referrals, note, recorded_by, recorded_at FROM outcomes \
                 WHERE (? IS NULL OR threat_id = ?) ORDER BY occurred_on DESC, id DESC",
            ))
            .bind(threat_id)
            .bind(threat_id)
            .fetch_all(pool)
            .await
            .map_err(db_err)?;
            Ok(rows
                .into_iter()
                .map(|r| {
                    let mut counts = [0i64; 11];
                    for (k, c) in counts.iter_mut().enumerate() {
                        *c = r.get(4 + k);
                    }
                    OutcomeRecord {
                        id: r.get(0),
                        threat_id: r.get(1),
                        operation: r.get(2),
                        occurred_on: r.get(3),
                        counts,
                        note: r.get(15),
                        recorded_by: r.get(16),
                        recorded_at: r.get(17),
                    }
                })
                .collect())
        })
    }

    async fn add_outcome(&self, o: NewOutcome) -> Result<i64> {
        if o.counts.iter().any(|c| *c < 0) {
            return Err(StoreError::Invalid(
                "outcome counts cannot be negative".into(),
            ));
        }
        let now = now_text();
        let id = with_db!(&self.db, |pool, q, begin| {
            let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
            let id = next_id!(tx, q, "outcomes");
            let mut query = sqlx::query(q(
                "INSERT INTO outcomes (id, threat_id, operation, occurred_on, arrests, charges, \
                 convictions, custody_months, drugs_grams, weapons, phones, cash_pence, \
                 lines_closed, cuckooed_visited, referrals, note, recorded_by, recorded_at) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ))
            .bind(id)
            .bind(&o.threat_id)
            .bind(&o.operation)
            .bind(&o.occurred_on);
            for c in o.counts {
                query = query.bind(c);
            }
            query
                .bind(&o.note)
                .bind(&o.actor)
                .bind(&now)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
            tx.commit().await.map_err(db_err)?;
            Ok::<i64, StoreError>(id)
        })?;
        let counts: serde_json::Map<String, serde_json::Value> = OUTCOME_COLUMNS
            .iter()
            .zip(o.counts)
            .filter(|(_, c)| *c > 0)
            .map(|(k, c)| (k.to_string(), c.into()))
            .collect();
        self.audit(
            &o.actor,
            "outcome.add",
            o.threat_id.clone(),
            None,
            serde_json::json!({"outcome": id, "operation": o.operation,
                "occurred_on": o.occurred_on, "counts": counts}),
        )
        .await?;
        Ok(id)
    }
}
