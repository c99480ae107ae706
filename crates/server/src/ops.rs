//! What the pages of officers, allocation, plans and governance share: the picture of the day
//! (the active threats from the master list, officers as `operations` reads them, who leads on
//! what), and the conversions from stored rows to `operations`' types.

use crate::error::Failure;
use crate::state::AppState;
use operations::outcome::Tally;
use operations::plan::{Action, ActionStatus, Plan, Review, Strand};
use operations::threat::{Weighted, weigh};
use operations::{Officer, OfficerId, OperationsConfig, Threat, ThreatId};
use std::collections::BTreeMap;
use std::sync::LazyLock;
use time::{Date, OffsetDateTime};

pub static RULES: LazyLock<OperationsConfig> = LazyLock::new(OperationsConfig::shipped);

const DAY: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

pub fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

/// A date as forms and the store write it.
pub fn parse_day(s: &str, what: &str) -> Result<Date, Failure> {
    Date::parse(s.trim(), DAY)
        .map_err(|_| Failure::BadRequest(format!("{what} must be a date (YYYY-MM-DD)")))
}

fn stored_day(s: &str) -> Result<Date, Failure> {
    Date::parse(s, DAY).map_err(|_| Failure::Internal(format!("a stored date is not a date: {s}")))
}

/// How the application names an officer: rank and name.
pub fn display_name(r: &store::OfficerRecord) -> String {
    if r.rank.is_empty() {
        r.name.clone()
    } else {
        format!("{} {}", r.rank, r.name)
    }
}

pub fn officer_of(r: &store::OfficerRecord) -> Result<Officer, Failure> {
    Ok(Officer {
        id: OfficerId(r.id),
        name: display_name(r),
        skills: r.skills.iter().cloned().collect(),
        training: r
            .training
            .iter()
            .map(|t| {
                Ok(operations::officer::Training {
                    course: t.course.clone(),
                    completed_on: stored_day(&t.completed_on)?,
                    expires_on: t.expires_on.as_deref().map(stored_day).transpose()?,
                })
            })
            .collect::<Result<_, Failure>>()?,
        mentored_by: r
            .mentored_by
            .iter()
            .map(|m| {
                Ok(operations::officer::Mentoring {
                    mentor: OfficerId(m.mentor_id),
                    started_on: stored_day(&m.started_on)?,
                    ended_on: m.ended_on.as_deref().map(stored_day).transpose()?,
                    sessions: m
                        .sessions
                        .iter()
                        .map(|s| stored_day(&s.held_on))
                        .collect::<Result<_, _>>()?,
                })
            })
            .collect::<Result<_, Failure>>()?,
        capacity: u32::try_from(r.capacity.max(0)).unwrap_or(0),
        active: r.active,
    })
}

pub fn plan_of(r: &store::PlanRecord) -> Result<Plan, Failure> {
    Ok(Plan {
        opened_on: stored_day(&r.opened_on)?,
        actions: r
            .actions
            .iter()
            .map(|a| {
                Ok(Action {
                    id: a.id,
                    strand: Strand::parse(&a.strand)
                        .ok_or_else(|| Failure::Internal(format!("strand {}", a.strand)))?,
                    description: a.description.clone(),
                    owner: a.owner.clone(),
                    due_on: stored_day(&a.due_on)?,
                    status: ActionStatus::parse(&a.status)
                        .ok_or_else(|| Failure::Internal(format!("status {}", a.status)))?,
                })
            })
            .collect::<Result<_, Failure>>()?,
        reviews: r
            .reviews
            .iter()
            .map(|v| {
                Ok(Review {
                    held_on: stored_day(&v.held_on)?,
                    next_review_on: stored_day(&v.next_review_on)?,
                    note: v.note.clone(),
                })
            })
            .collect::<Result<_, Failure>>()?,
    })
}

pub fn tally_of(c: &store::OutcomeCounts) -> Tally {
    let n = |i: usize| u32::try_from(c[i].max(0)).unwrap_or(u32::MAX);
    Tally {
        arrests: n(0),
        charges: n(1),
        convictions: n(2),
        custody_months: n(3),
        drugs_grams: n(4),
        weapons: n(5),
        phones: n(6),
        cash_pence: u64::try_from(c[7].max(0)).unwrap_or(0),
        lines_closed: n(8),
        cuckooed_visited: n(9),
        referrals: n(10),
    }
}

/// The picture of the day.
pub struct Picture {
    pub today: Date,
    /// The active master list; `None` when no master list is connected.
    pub threats: Option<Vec<Threat>>,
    pub records: Vec<store::OfficerRecord>,
    pub officers: Vec<Officer>,
    /// Who leads on each threat now.
    pub current: BTreeMap<ThreatId, OfficerId>,
}

/// What pages say when the master list is not there.
pub const NO_MASTER_LIST: &str = "No threat master list is connected yet, so there are no active \
     threats to allocate, plan or measure. Officers, their skills, training and mentoring can be \
     recorded now.";

impl Picture {
    pub fn threats(&self) -> &[Threat] {
        self.threats.as_deref().unwrap_or_default()
    }

    pub fn threat(&self, id: &str) -> Option<&Threat> {
        self.threats().iter().find(|t| t.id.as_str() == id)
    }

    pub fn name(&self, id: OfficerId) -> String {
        self.officers
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.name.clone())
            .unwrap_or_else(|| format!("officer {}", id.0))
    }

    pub fn weights(&self) -> BTreeMap<ThreatId, Weighted> {
        let threats = self.threats();
        threats
            .iter()
            .map(|t| t.id.clone())
            .zip(weigh(threats, &RULES.harm_weight))
            .collect()
    }

    pub fn capacity(&self) -> operations::capacity::Picture {
        operations::capacity::picture(
            &RULES,
            self.threats(),
            &self.officers,
            &self.current,
            self.today,
        )
    }
}

pub async fn load(state: &AppState) -> Result<Picture, Failure> {
    let threats = match &state.config.threats {
        Some(source) => Some(source.active_threats(state.store.as_ref()).await?),
        None => None,
    };
    let ops = state.store.operations();
    let records = ops.officers().await?;
    let officers = records
        .iter()
        .map(officer_of)
        .collect::<Result<Vec<_>, _>>()?;
    let allocations = ops.allocations(true).await?;
    let current = allocations
        .iter()
        .filter_map(|a| {
            Some((
                ThreatId::try_from(a.threat_id.as_str()).ok()?,
                OfficerId(a.officer_id),
            ))
        })
        .collect();
    Ok(Picture {
        today: today(),
        threats,
        records,
        officers,
        current,
    })
}

/// The crime types of a threat as people read them.
pub fn crimes(t: &Threat) -> String {
    t.crime_types
        .iter()
        .map(|c| crate::dashboard::crime_label(*c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A threat id from a path, checked.
pub fn threat_id(s: &str) -> Result<ThreatId, Failure> {
    ThreatId::try_from(s).map_err(|_| Failure::NotFound(format!("no threat {s}")))
}
