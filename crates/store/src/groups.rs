//! The groups the network finds and the network itself as the last analysis left it, on both
//! backends (migration 0009). A sub-interface of [`crate::Store`] ([`crate::Store::network`]).
//!
//! Groups are derived data: `analyse` replaces them whole. Each is kept in two
//! [`Visibility`]s — `full`, from all the force's intelligence, and `shareable`, found again
//! from `P`-coded reports alone, which is all a partner may be shown of it — and every report a
//! group or member rests on is kept with its handling code.

use crate::common::{db_err, with_db};
use crate::{Result, SqlStore, StoreError, now_text};
use async_trait::async_trait;
use model::HandlingCode;
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Row};
use std::collections::HashMap;

/// Which picture a group was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Visibility {
    /// From every report, whatever its handling code: for the force's own staff.
    Full,
    /// From `P`-coded reports alone: what a partner may be shown.
    Shareable,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Full => "full",
            Visibility::Shareable => "shareable",
        }
    }

    fn parse(s: &str) -> Result<Visibility> {
        match s {
            "full" => Ok(Visibility::Full),
            "shareable" => Ok(Visibility::Shareable),
            other => Err(StoreError::Corrupt(format!(
                "network_groups.visibility {other:?}"
            ))),
        }
    }
}

/// A member of a stored group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupMemberRow {
    pub person_id: String,
    /// `controller`, `line_holder`, `runner`, `victim`, `member` or `associate`.
    pub role: String,
    pub reasons: Vec<String>,
    /// The group's reports that mention this member, in ref order.
    pub reports: Vec<String>,
}

/// A county line's deal line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupDealLineRow {
    /// The phone's entity id (`phn_447700900123`).
    pub phone: String,
    /// E.164, when known.
    pub number: Option<String>,
    /// The members who use or control it.
    pub users: Vec<String>,
    pub drug_reports: i64,
}

/// A phone, vehicle or place a group uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupObjectRow {
    pub entity: String,
    /// `phone`, `vehicle` or `location`.
    pub kind: String,
    pub value: Option<String>,
    /// A place the line uses where an exploited member lives.
    pub cuckooed: bool,
}

/// A report a group rests on, with its handling code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupReportRow {
    pub report_ref: String,
    pub handling: HandlingCode,
}

/// A group as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredGroup {
    /// Stable across analyses: `grp_0007`.
    pub id: String,
    pub visibility: Visibility,
    /// The network's own key (`county_line:phn_447700900123`).
    pub key: String,
    /// `county_line`, `exploitation_network` or `ocg`.
    pub kind: String,
    pub label: String,
    /// Strongest first.
    pub crime_types: Vec<String>,
    /// Why this is a group of its kind.
    pub reasons: Vec<String>,
    /// In role order, then by id.
    pub members: Vec<GroupMemberRow>,
    pub deal_lines: Vec<GroupDealLineRow>,
    pub objects: Vec<GroupObjectRow>,
    /// In ref order.
    pub reports: Vec<GroupReportRow>,
}

/// A person's place in a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupMembership {
    pub group_id: String,
    pub person_id: String,
    pub role: String,
}

/// The network part of the store.
#[async_trait]
pub trait NetworkStore: Send + Sync {
    /// Replaces every stored group, in both visibilities, in one transaction.
    async fn replace_groups(&self, groups: &[StoredGroup]) -> Result<()>;

    /// Every group of one visibility, by id, with members, deal lines, objects and reports.
    async fn groups(&self, visibility: Visibility) -> Result<Vec<StoredGroup>>;

    /// One group, or `None` when there is no such group in this visibility.
    async fn group(&self, id: &str, visibility: Visibility) -> Result<Option<StoredGroup>>;

    /// The groups each of `person_ids` is a member of (all persons when empty), by person and
    /// then group.
    async fn memberships(
        &self,
        person_ids: &[String],
        visibility: Visibility,
    ) -> Result<Vec<GroupMembership>>;

    /// Saves the network as an analysis left it, replacing the one before.
    async fn save_network_snapshot(&self, data: &str) -> Result<()>;

    /// The saved network, if any.
    async fn network_snapshot(&self) -> Result<Option<String>>;
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

fn from_json<T: for<'de> Deserialize<'de>>(column: &str, text: &str) -> Result<T> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Corrupt(format!("network_groups.{column}: {e}")))
}

/// Rows per multi-row insert: at most six columns each, well inside both databases' limits.
const ROWS_PER_INSERT: usize = 2000;

#[async_trait]
impl NetworkStore for SqlStore {
    async fn replace_groups(&self, groups: &[StoredGroup]) -> Result<()> {
        with_db!(&self.db, |pool, q, begin| {
            let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
            for table in [
                "DELETE FROM network_group_reports",
                "DELETE FROM network_group_members",
                "DELETE FROM network_groups",
            ] {
                sqlx::query(q(table))
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
            }
            for part in groups.chunks(ROWS_PER_INSERT) {
                let mut b = QueryBuilder::new(
                    "INSERT INTO network_groups (id, visibility, group_key, kind, label, \
                     crime_types, reasons, deal_lines, objects, member_count) ",
                );
                b.push_values(part, |mut row, g| {
                    row.push_bind(g.id.clone())
                        .push_bind(g.visibility.as_str())
                        .push_bind(g.key.clone())
                        .push_bind(g.kind.clone())
                        .push_bind(g.label.clone())
                        .push_bind(json(&g.crime_types))
                        .push_bind(json(&g.reasons))
                        .push_bind(json(&g.deal_lines))
                        .push_bind(json(&g.objects))
                        .push_bind(g.members.len() as i64);
                });
                b.build().execute(&mut *tx).await.map_err(db_err)?;
            }
            let members: Vec<(&StoredGroup, &GroupMemberRow)> = groups
                .iter()
                .flat_map(|g| g.members.iter().map(move |m| (g, m)))
                .collect();
            for part in members.chunks(ROWS_PER_INSERT) {
                let mut b = QueryBuilder::new(
                    "INSERT INTO network_group_members \
                     (group_id, visibility, person_id, role, reasons, reports) ",
                );
                b.push_values(part, |mut row, (g, m)| {
                    row.push_bind(g.id.clone())
                        .push_bind(g.visibility.as_str())
                        .push_bind(m.person_id.clone())
                        .push_bind(m.role.clone())
                        .push_bind(json(&m.reasons))
                        .push_bind(json(&m.reports));
                });
                b.build().execute(&mut *tx).await.map_err(db_err)?;
            }
            let reports: Vec<(&StoredGroup, &GroupReportRow)> = groups
                .iter()
                .flat_map(|g| g.reports.iter().map(move |r| (g, r)))
                .collect();
            for part in reports.chunks(ROWS_PER_INSERT) {
                let mut b = QueryBuilder::new(
                    "INSERT INTO network_group_reports \
                     (group_id, visibility, report_ref, handling) ",
                );
                b.push_values(part, |mut row, (g, r)| {
                    row.push_bind(g.id.clone())
                        .push_bind(g.visibility.as_str())
                        .push_bind(r.report_ref.clone())
                        .push_bind(r.handling.as_str());
                });
                b.build().execute(&mut *tx).await.map_err(db_err)?;
            }
            tx.commit().await.map_err(db_err)
        })
    }

    async fn groups(&self, visibility: Visibility) -> Result<Vec<StoredGroup>> {
        read_groups(self, None, visibility).await
    }

    async fn group(&self, id: &str, visibility: Visibility) -> Result<Option<StoredGroup>> {
        Ok(read_groups(self, Some(id), visibility).await?.pop())
    }

    async fn memberships(
        &self,
        person_ids: &[String],
        visibility: Visibility,
    ) -> Result<Vec<GroupMembership>> {
        let mut out = Vec::new();
        let all = [None];
        let some: Vec<Option<&[String]>> = person_ids.chunks(ROWS_PER_INSERT).map(Some).collect();
        let parts: &[Option<&[String]>] = if person_ids.is_empty() { &all } else { &some };
        for part in parts {
            with_db!(&self.db, |pool, _q, _begin| {
                let mut b = QueryBuilder::new(
                    "SELECT group_id, person_id, role FROM network_group_members \
                     WHERE visibility = ",
                );
                b.push_bind(visibility.as_str());
                if let Some(ids) = part {
                    b.push(" AND person_id IN (");
                    let mut list = b.separated(", ");
                    for id in *ids {
                        list.push_bind(id.clone());
                    }
                    list.push_unseparated(")");
                }
                b.push(" ORDER BY person_id, group_id");
                let rows = b.build().fetch_all(pool).await.map_err(db_err)?;
                out.extend(rows.into_iter().map(|r| GroupMembership {
                    group_id: r.get(0),
                    person_id: r.get(1),
                    role: r.get(2),
                }));
            });
        }
        Ok(out)
    }

    async fn save_network_snapshot(&self, data: &str) -> Result<()> {
        with_db!(&self.db, |pool, q, begin| {
            let mut tx = pool.begin_with(begin).await.map_err(db_err)?;
            sqlx::query(q("DELETE FROM network_snapshot"))
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
            sqlx::query(q(
                "INSERT INTO network_snapshot (id, created_at, data) VALUES (1, ?, ?)",
            ))
            .bind(now_text())
            .bind(data)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
            tx.commit().await.map_err(db_err)
        })
    }

    async fn network_snapshot(&self) -> Result<Option<String>> {
        with_db!(&self.db, |pool, q, _begin| {
            let row = sqlx::query(q("SELECT data FROM network_snapshot WHERE id = 1"))
                .fetch_optional(pool)
                .await
                .map_err(db_err)?;
            Ok(row.map(|r| r.get(0)))
        })
    }
}

/// Groups of one visibility (one of them when `id` is given), assembled from their three
/// tables.
async fn read_groups(
    store: &SqlStore,
    id: Option<&str>,
    visibility: Visibility,
) -> Result<Vec<StoredGroup>> {
    let v = visibility.as_str();
    with_db!(&store.db, |pool, q, _begin| {
        let heads = sqlx::query(q(
            "SELECT id, visibility, group_key, kind, label, crime_types, reasons, deal_lines, \
             objects FROM network_groups WHERE visibility = ? AND (? IS NULL OR id = ?) \
             ORDER BY id",
        ))
        .bind(v)
        .bind(id)
        .bind(id)
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
        let members = sqlx::query(q(
            "SELECT group_id, person_id, role, reasons, reports FROM network_group_members \
             WHERE visibility = ? AND (? IS NULL OR group_id = ?) ORDER BY group_id",
        ))
        .bind(v)
        .bind(id)
        .bind(id)
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
        let reports = sqlx::query(q(
            "SELECT group_id, report_ref, handling FROM network_group_reports \
             WHERE visibility = ? AND (? IS NULL OR group_id = ?) ORDER BY group_id, report_ref",
        ))
        .bind(v)
        .bind(id)
        .bind(id)
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
        let mut groups = Vec::with_capacity(heads.len());
        let mut at: HashMap<String, usize> = HashMap::new();
        for r in heads {
            let gid: String = r.get(0);
            at.insert(gid.clone(), groups.len());
            groups.push(StoredGroup {
                id: gid,
                visibility: Visibility::parse(&r.get::<String, _>(1))?,
                key: r.get(2),
                kind: r.get(3),
                label: r.get(4),
                crime_types: from_json("crime_types", &r.get::<String, _>(5))?,
                reasons: from_json("reasons", &r.get::<String, _>(6))?,
                deal_lines: from_json("deal_lines", &r.get::<String, _>(7))?,
                objects: from_json("objects", &r.get::<String, _>(8))?,
                members: Vec::new(),
                reports: Vec::new(),
            });
        }
        for r in members {
            let gid: String = r.get(0);
            let Some(&i) = at.get(&gid) else { continue };
            groups[i].members.push(GroupMemberRow {
                person_id: r.get(1),
                role: r.get(2),
                reasons: from_json("members.reasons", &r.get::<String, _>(3))?,
                reports: from_json("members.reports", &r.get::<String, _>(4))?,
            });
        }
        for r in reports {
            let gid: String = r.get(0);
            let Some(&i) = at.get(&gid) else { continue };
            let handling: String = r.get(2);
            groups[i].reports.push(GroupReportRow {
                report_ref: r.get(1),
                handling: handling
                    .parse()
                    .map_err(|e| StoreError::Corrupt(format!("network_group_reports: {e}")))?,
            });
        }
        for g in &mut groups {
            g.members
                .sort_by_key(|m| (role_rank(&m.role), m.person_id.clone()));
        }
        Ok(groups)
    })
}

/// Roles in the order exchange-v1 lists a group's members: who runs it first.
fn role_rank(role: &str) -> usize {
    [
        "controller",
        "line_holder",
        "runner",
        "victim",
        "member",
        "associate",
    ]
    .iter()
    .position(|r| *r == role)
    .unwrap_or(usize::MAX)
}
