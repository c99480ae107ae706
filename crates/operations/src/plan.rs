//! 4P plans: for each threat, actions under Pursue, Prevent, Protect and Prepare with an owner,
//! a due date and a status, and reviews that set the next review date. From a plan and a date
//! come what governance meetings look at: overdue reviews, overdue actions, and strands with
//! nothing under way.

use crate::config::PlanRules;
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

/// The four Ps (DOMAIN section 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strand {
    /// Prosecute and disrupt.
    Pursue,
    /// Stop people being drawn in.
    Prevent,
    /// Reduce vulnerability.
    Protect,
    /// Reduce the impact.
    Prepare,
}

impl Strand {
    pub const ALL: [Strand; 4] = [
        Strand::Pursue,
        Strand::Prevent,
        Strand::Protect,
        Strand::Prepare,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Strand::Pursue => "pursue",
            Strand::Prevent => "prevent",
            Strand::Protect => "protect",
            Strand::Prepare => "prepare",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Strand::Pursue => "Pursue",
            Strand::Prevent => "Prevent",
            Strand::Protect => "Protect",
            Strand::Prepare => "Prepare",
        }
    }

    /// What the strand is for, as the plan page explains it.
    pub fn purpose(self) -> &'static str {
        match self {
            Strand::Pursue => "prosecute and disrupt",
            Strand::Prevent => "stop people being drawn in",
            Strand::Protect => "reduce vulnerability",
            Strand::Prepare => "reduce the impact",
        }
    }

    pub fn parse(s: &str) -> Option<Strand> {
        Strand::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Open,
    InProgress,
    Done,
    Cancelled,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Open,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
            ActionStatus::Cancelled => "cancelled",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in progress",
            ActionStatus::Done => "done",
            ActionStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Still to be done.
    pub fn is_live(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::InProgress)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub id: i64,
    pub strand: Strand,
    pub description: String,
    /// A person or an agency ("DS Khan", "Fenland District Council").
    pub owner: String,
    pub due_on: Date,
    pub status: ActionStatus,
}

impl Action {
    pub fn overdue(&self, today: Date) -> bool {
        self.status.is_live() && self.due_on < today
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub held_on: Date,
    pub next_review_on: Date,
    pub note: String,
}

/// A threat's plan. A new plan is due its first review one cadence after it was opened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub opened_on: Date,
    pub actions: Vec<Action>,
    /// Oldest first.
    pub reviews: Vec<Review>,
}

/// Where a plan stands on a given day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanStatus {
    pub next_review_on: Date,
    /// Days past the review date (0 when not overdue).
    pub review_overdue_days: i64,
    pub overdue_actions: Vec<i64>,
    /// Strands with no action open, under way or done.
    pub strands_without_action: Vec<Strand>,
    /// Reviewed on time and with something under way.
    pub live: bool,
}

impl PlanStatus {
    pub fn review_overdue(&self) -> bool {
        self.review_overdue_days > 0
    }

    pub fn covers_all_four(&self) -> bool {
        self.strands_without_action.is_empty()
    }
}

/// What is wrong with a proposed change to a plan.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    #[error("describe the action in at least 10 characters")]
    Description,
    #[error("say who owns the action: a person or an agency")]
    Owner,
    #[error("the review note must say what was reviewed and decided, in at least 20 characters")]
    Note,
    #[error("a review cannot be held in the future")]
    FutureReview,
    #[error("the next review must come after this one")]
    NextNotAfter,
    #[error("the next review must be within {0} days of this one")]
    NextTooFar(u32),
    #[error("an action due before the plan was opened ({0}) cannot be added")]
    DueBeforeOpened(Date),
}

impl Plan {
    pub fn next_review_on(&self, rules: &PlanRules) -> Date {
        self.reviews
            .last()
            .map(|r| r.next_review_on)
            .unwrap_or(self.opened_on + Duration::days(i64::from(rules.review_every_days)))
    }

    pub fn status(&self, rules: &PlanRules, today: Date) -> PlanStatus {
        let next = self.next_review_on(rules);
        let overdue_days = (today - next).whole_days().max(0);
        let strands_without_action = Strand::ALL
            .into_iter()
            .filter(|s| {
                !self
                    .actions
                    .iter()
                    .any(|a| a.strand == *s && a.status != ActionStatus::Cancelled)
            })
            .collect();
        PlanStatus {
            next_review_on: next,
            review_overdue_days: overdue_days,
            overdue_actions: self
                .actions
                .iter()
                .filter(|a| a.overdue(today))
                .map(|a| a.id)
                .collect(),
            strands_without_action,
            live: overdue_days == 0 && self.actions.iter().any(|a| a.status.is_live()),
        }
    }

    /// Checks a new action.
    pub fn check_action(
        &self,
        description: &str,
        owner: &str,
        due_on: Date,
    ) -> Result<(), PlanError> {
        if description.trim().chars().count() < 10 {
            return Err(PlanError::Description);
        }
        if owner.trim().chars().count() < 2 {
            return Err(PlanError::Owner);
        }
        if due_on < self.opened_on {
            return Err(PlanError::DueBeforeOpened(self.opened_on));
        }
        Ok(())
    }

    /// Checks a review held on `held_on` setting the next for `next`.
    pub fn check_review(
        &self,
        rules: &PlanRules,
        held_on: Date,
        next: Date,
        note: &str,
        today: Date,
    ) -> Result<(), PlanError> {
        if note.trim().chars().count() < 20 {
            return Err(PlanError::Note);
        }
        if held_on > today {
            return Err(PlanError::FutureReview);
        }
        if next <= held_on {
            return Err(PlanError::NextNotAfter);
        }
        if next > held_on + Duration::days(i64::from(rules.longest_interval_days)) {
            return Err(PlanError::NextTooFar(rules.longest_interval_days));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::OperationsConfig;
    use time::macros::date;

    fn action(id: i64, strand: Strand, due_on: Date, status: ActionStatus) -> Action {
        Action {
            id,
            strand,
            description: "Warrant at the trap house".into(),
            owner: "DS Khan".into(),
            due_on,
            status,
        }
    }

    #[test]
    fn reviews_and_actions_fall_due_and_strands_are_counted() {
        let rules = OperationsConfig::shipped().plan;
        let mut plan = Plan {
            opened_on: date!(2026 - 10 - 01),
            actions: vec![
                action(
                    1,
                    Strand::Pursue,
                    date!(2026 - 11 - 01),
                    ActionStatus::InProgress,
                ),
                action(
                    2,
                    Strand::Protect,
                    date!(2026 - 11 - 01),
                    ActionStatus::Done,
                ),
                action(
                    3,
                    Strand::Prevent,
                    date!(2026 - 12 - 20),
                    ActionStatus::Cancelled,
                ),
            ],
            reviews: Vec::new(),
        };
        // First review 28 days after opening.
        let s = plan.status(&rules, date!(2026 - 10 - 29));
        assert_eq!(s.next_review_on, date!(2026 - 10 - 29));
        assert!(!s.review_overdue() && s.live);
        let s = plan.status(&rules, date!(2026 - 11 - 05));
        assert_eq!(s.review_overdue_days, 7);
        assert!(!s.live);
        assert_eq!(s.overdue_actions, vec![1], "done actions are never overdue");
        assert_eq!(
            s.strands_without_action,
            vec![Strand::Prevent, Strand::Prepare],
            "a cancelled action does not cover its strand"
        );
        plan.reviews.push(Review {
            held_on: date!(2026 - 11 - 04),
            next_review_on: date!(2026 - 12 - 02),
            note: "Reviewed at the SOC governance board".into(),
        });
        let s = plan.status(&rules, date!(2026 - 11 - 05));
        assert!(!s.review_overdue() && s.live);
        assert_eq!(s.next_review_on, date!(2026 - 12 - 02));
    }

    #[test]
    fn changes_are_checked() {
        let rules = OperationsConfig::shipped().plan;
        let plan = Plan {
            opened_on: date!(2026 - 10 - 01),
            actions: Vec::new(),
            reviews: Vec::new(),
        };
        let today = date!(2026 - 11 - 10);
        let ok = "Reviewed at the SOC governance board";
        assert!(
            plan.check_review(&rules, today, date!(2026 - 12 - 08), ok, today)
                .is_ok()
        );
        assert_eq!(
            plan.check_review(&rules, today, date!(2027 - 03 - 01), ok, today),
            Err(PlanError::NextTooFar(91))
        );
        assert_eq!(
            plan.check_review(
                &rules,
                date!(2026 - 11 - 11),
                date!(2026 - 12 - 08),
                ok,
                today
            ),
            Err(PlanError::FutureReview)
        );
        assert_eq!(
            plan.check_review(&rules, today, today, ok, today),
            Err(PlanError::NextNotAfter)
        );
        assert_eq!(
            plan.check_review(&rules, today, date!(2026 - 12 - 08), "ok", today),
            Err(PlanError::Note)
        );
        assert_eq!(
            plan.check_action("Visit", "DS Khan", today),
            Err(PlanError::Description)
        );
        assert!(
            plan.check_action("Visit the cuckooed address", "Fenland DC", today)
                .is_ok()
        );
    }
}
