//! Lead responsible officers: their skill areas, training courses with dates, who mentors them
//! and the sessions held, and their capacity in harm points. From these and a date come what the
//! inspectors ask about each officer: trained (the LRO course, still in date), mentored (open
//! mentoring with a recent session), and whether they may be given a threat.

use crate::config::OperationsConfig;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use time::{Date, Duration};

/// An officer's id in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct OfficerId(pub i64);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Training {
    /// A course id of the reference data.
    pub course: String,
    pub completed_on: Date,
    /// When the course stops counting, if it says; otherwise the rules' validity applies.
    pub expires_on: Option<Date>,
}

/// Someone mentoring this officer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mentoring {
    pub mentor: OfficerId,
    pub started_on: Date,
    pub ended_on: Option<Date>,
    /// The days sessions were held.
    pub sessions: Vec<Date>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Officer {
    pub id: OfficerId,
    /// Simulated or real, as the force records them: "DI Amira Shah".
    pub name: String,
    /// Skill area ids of the reference data.
    pub skills: BTreeSet<String>,
    pub training: Vec<Training>,
    pub mentored_by: Vec<Mentoring>,
    /// How much harm-weighted work they can carry (a high-harm threat takes 3 points).
    pub capacity: u32,
    /// Available for LRO work (not on leave, not moved on).
    pub active: bool,
}

/// Where an officer stands on the LRO course.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum TrainingStatus {
    Trained { completed_on: Date, valid_to: Date },
    Expired { completed_on: Date, valid_to: Date },
    Never,
}

/// Whether anyone is mentoring the officer now.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum MentoringStatus {
    Mentored {
        mentor: OfficerId,
        last_session: Date,
    },
    /// Open, but no session recently (or none yet).
    Lapsed {
        mentor: OfficerId,
        last_session: Option<Date>,
    },
    None,
}

/// What an officer is fit for on a given day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Competence {
    pub training: TrainingStatus,
    pub mentoring: MentoringStatus,
}

impl Competence {
    pub fn trained(&self) -> bool {
        matches!(self.training, TrainingStatus::Trained { .. })
    }

    pub fn mentored(&self) -> bool {
        matches!(self.mentoring, MentoringStatus::Mentored { .. })
    }

    /// May be given a new threat: trained, or learning under a mentor.
    pub fn may_lead(&self) -> bool {
        self.trained() || self.mentored()
    }
}

fn add_years(d: Date, years: u8) -> Date {
    let y = d.year() + i32::from(years);
    Date::from_calendar_date(y, d.month(), d.day())
        // 29 February moves to 28 February in a year that lacks it.
        .or_else(|_| Date::from_calendar_date(y, d.month(), d.day() - 1))
        .unwrap_or(d)
}

impl Officer {
    pub fn competence(&self, rules: &OperationsConfig, today: Date) -> Competence {
        let t = &rules.training;
        let latest = self
            .training
            .iter()
            .filter(|x| x.course == t.lro_course && x.completed_on <= today)
            .map(|x| {
                (
                    x.completed_on,
                    x.expires_on
                        .unwrap_or_else(|| add_years(x.completed_on, t.valid_years)),
                )
            })
            .max_by_key(|(_, valid_to)| *valid_to);
        let training = match latest {
            Some((completed_on, valid_to)) if valid_to >= today => TrainingStatus::Trained {
                completed_on,
                valid_to,
            },
            Some((completed_on, valid_to)) => TrainingStatus::Expired {
                completed_on,
                valid_to,
            },
            None => TrainingStatus::Never,
        };
        let window = Duration::days(i64::from(rules.mentoring.session_within_days));
        let open: Vec<&Mentoring> = self
            .mentored_by
            .iter()
            .filter(|m| m.started_on <= today && m.ended_on.is_none_or(|e| e >= today))
            .collect();
        let last = |m: &Mentoring| m.sessions.iter().copied().filter(|d| *d <= today).max();
        let mentoring = match open
            .iter()
            .filter_map(|m| Some((m, last(m)?)))
            .filter(|(_, d)| *d + window >= today)
            .max_by_key(|(_, d)| *d)
        {
            Some((m, d)) => MentoringStatus::Mentored {
                mentor: m.mentor,
                last_session: d,
            },
            None => match open.iter().max_by_key(|m| m.started_on) {
                Some(m) => MentoringStatus::Lapsed {
                    mentor: m.mentor,
                    last_session: last(m),
                },
                None => MentoringStatus::None,
            },
        };
        Competence {
            training,
            mentoring,
        }
    }
}

#[cfg(test)]
pub(crate) fn officer(
    id: i64,
    skills: &[&str],
    capacity: u32,
    trained_on: Option<Date>,
) -> Officer {
    Officer {
        id: OfficerId(id),
        name: format!("Officer {id}"),
        skills: skills.iter().map(|s| s.to_string()).collect(),
        training: trained_on
            .map(|d| Training {
                course: "lro_course".into(),
                completed_on: d,
                expires_on: None,
            })
            .into_iter()
            .collect(),
        mentored_by: Vec::new(),
        capacity,
        active: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_lro_course_counts_for_three_years() {
        let rules = OperationsConfig::shipped();
        let o = officer(1, &["county_lines"], 6, Some(date!(2023 - 05 - 10)));
        let c = o.competence(&rules, date!(2026 - 05 - 10));
        assert!(c.trained() && c.may_lead());
        let c = o.competence(&rules, date!(2026 - 05 - 11));
        assert!(matches!(c.training, TrainingStatus::Expired { .. }));
        assert!(!c.may_lead(), "expired and unmentored");
        let c = o.competence(&rules, date!(2023 - 05 - 09));
        assert_eq!(c.training, TrainingStatus::Never, "not yet taken");
        let mut leap = officer(2, &[], 6, Some(date!(2024 - 02 - 29)));
        leap.training[0].expires_on = None;
        assert_eq!(
            leap.competence(&rules, date!(2024 - 03 - 01)).training,
            TrainingStatus::Trained {
                completed_on: date!(2024 - 02 - 29),
                valid_to: date!(2027 - 02 - 28)
            }
        );
    }

    #[test]
    fn mentoring_counts_while_open_with_a_recent_session() {
        let rules = OperationsConfig::shipped();
        let mut o = officer(3, &["modern_slavery"], 4, None);
        o.mentored_by.push(Mentoring {
            mentor: OfficerId(1),
            started_on: date!(2026 - 01 - 05),
            ended_on: None,
            sessions: vec![date!(2026 - 01 - 12), date!(2026 - 02 - 20)],
        });
        let c = o.competence(&rules, date!(2026 - 03 - 01));
        assert_eq!(
            c.mentoring,
            MentoringStatus::Mentored {
                mentor: OfficerId(1),
                last_session: date!(2026 - 02 - 20)
            }
        );
        assert!(c.may_lead() && !c.trained());
        // Six weeks after the last session it lapses.
        let c = o.competence(&rules, date!(2026 - 04 - 04));
        assert!(matches!(c.mentoring, MentoringStatus::Lapsed { .. }));
        assert!(!c.may_lead());
        o.mentored_by[0].ended_on = Some(date!(2026 - 02 - 28));
        assert_eq!(
            o.competence(&rules, date!(2026 - 03 - 01)).mentoring,
            MentoringStatus::None
        );
    }
}
