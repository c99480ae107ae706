//! Safeguarding referrals: the routes a potential victim can be referred by (the National
//! Referral Mechanism, the Duty to Notify, children's and adults' social care, the GLAA), the
//! states a referral passes through, and the time targets for each step — in working days, which
//! skip weekends and bank holidays, or calendar days — with what is due and what is overdue at a
//! given moment. The clock is always passed in, so the rules can be tested against any date.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use time::{Date, Duration, OffsetDateTime, Weekday};

/// The states a referral can be in, in the order they usually come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Sent to the recipient.
    Made,
    /// The recipient's decision on what to do (social care, the GLAA).
    Decision,
    /// The NRM's reasonable grounds decision.
    ReasonableGrounds,
    /// Support under way (an assessment, a plan, the recovery period).
    Support,
    /// The NRM's conclusive grounds decision.
    ConclusiveGrounds,
    Closed,
}

impl State {
    pub const ALL: [State; 6] = [
        State::Made,
        State::Decision,
        State::ReasonableGrounds,
        State::Support,
        State::ConclusiveGrounds,
        State::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Made => "made",
            State::Decision => "decision",
            State::ReasonableGrounds => "reasonable_grounds",
            State::Support => "support",
            State::ConclusiveGrounds => "conclusive_grounds",
            State::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            State::Made => "referral made",
            State::Decision => "decision on next steps",
            State::ReasonableGrounds => "reasonable grounds decision",
            State::Support => "support",
            State::ConclusiveGrounds => "conclusive grounds decision",
            State::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Whether reaching this state records a decision that is positive or negative.
    pub fn is_decision(self) -> bool {
        matches!(
            self,
            State::Decision | State::ReasonableGrounds | State::ConclusiveGrounds
        )
    }
}

/// A time target between two states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub from: State,
    pub to: State,
    /// Due within this many working days of entering `from`.
    #[serde(default)]
    pub working_days: Option<u32>,
    /// Not to be reached before this many calendar days after entering `from`.
    #[serde(default)]
    pub earliest_days: Option<u32>,
    pub statutory: bool,
    pub basis: String,
}

/// One referral route and its rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Route {
    pub id: String,
    pub label: String,
    /// A fixed recipient (the Home Office, the GLAA); otherwise the organisation is chosen.
    #[serde(default)]
    pub recipient: Option<String>,
    /// `council` when the recipient is a local authority chosen at referral.
    #[serde(default)]
    pub recipient_kind: Option<String>,
    pub adult_consent_required: bool,
    #[serde(default)]
    pub anonymous_when_declined: bool,
    pub for_children: bool,
    pub for_adults: bool,
    /// The states in order; a referral may skip ahead but never go back.
    pub states: Vec<State>,
    #[serde(default, rename = "target")]
    pub targets: Vec<Target>,
}

/// The reference data: every route, and the bank holidays working days skip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rules {
    pub version: String,
    #[serde(rename = "route")]
    pub routes: Vec<Route>,
    #[serde(skip)]
    pub holidays: BTreeSet<Date>,
}

#[derive(Deserialize)]
struct Holidays {
    dates: Vec<String>,
}

/// What is wrong with a proposed referral or step.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RuleError {
    #[error("there is no referral route {0:?}")]
    NoRoute(String),
    #[error("{route} is not a route for {who}")]
    WrongAge { route: String, who: &'static str },
    #[error(
        "an adult must consent to a {0} referral; if they decline, notify the Home Office anonymously under the Duty to Notify"
    )]
    ConsentNeeded(String),
    #[error("an anonymous Duty to Notify is for an adult who declined an NRM referral")]
    NotAnonymous,
    #[error("a {route} referral cannot go from {from} to {to}")]
    Transition {
        route: String,
        from: &'static str,
        to: &'static str,
    },
    #[error("a {0} needs its outcome: positive or negative")]
    OutcomeNeeded(&'static str),
    #[error("the {state} cannot come before {earliest}: {basis}")]
    TooEarly {
        state: &'static str,
        earliest: Date,
        basis: String,
    },
}

impl Rules {
    /// The shipped reference data.
    pub fn shipped() -> Rules {
        Rules::from_toml(
            include_str!("../data/referrals.toml"),
            include_str!("../data/bank_holidays.toml"),
        )
        .unwrap_or_else(|e| panic!("the shipped referral rules must parse: {e}"))
    }

    pub fn from_toml(routes: &str, holidays: &str) -> Result<Rules, String> {
        let mut rules: Rules = toml::from_str(routes).map_err(|e| e.to_string())?;
        let h: Holidays = toml::from_str(holidays).map_err(|e| e.to_string())?;
        let format = time::macros::format_description!("[year]-[month]-[day]");
        for d in h.dates {
            rules
                .holidays
                .insert(Date::parse(&d, format).map_err(|e| format!("{d}: {e}"))?);
        }
        for r in &rules.routes {
            if r.states.first() != Some(&State::Made) || r.states.last() != Some(&State::Closed) {
                return Err(format!("route {} must run from made to closed", r.id));
            }
            for t in &r.targets {
                if !r.states.contains(&t.from) || !r.states.contains(&t.to) {
                    return Err(format!("route {}: a target names a state it lacks", r.id));
                }
            }
        }
        Ok(rules)
    }

    pub fn route(&self, id: &str) -> Result<&Route, RuleError> {
        self.routes
            .iter()
            .find(|r| r.id == id)
            .ok_or_else(|| RuleError::NoRoute(id.to_string()))
    }

    pub fn is_working_day(&self, d: Date) -> bool {
        !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) && !self.holidays.contains(&d)
    }

    /// The end of the `n`th working day after `start` (a referral made on a Friday afternoon
    /// with a one-day target is due by the end of Monday).
    pub fn add_working_days(&self, start: Date, n: u32) -> Date {
        let mut d = start;
        let mut left = n;
        while left > 0 {
            d += Duration::days(1);
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// Checks a new referral: the route exists, suits the person's age, and consent is right.
    /// `child` is `None` when the age is not known (treated as a possible child: s51
    /// presumption of childhood).
    pub fn check_new(
        &self,
        route: &str,
        child: Option<bool>,
        consent: bool,
        anonymous: bool,
    ) -> Result<&Route, RuleError> {
        let r = self.route(route)?;
        let child = child.unwrap_or(true);
        if child && !r.for_children {
            return Err(RuleError::WrongAge {
                route: r.label.clone(),
                who: "a child (or a person whose age is not known)",
            });
        }
        if !child && !r.for_adults {
            return Err(RuleError::WrongAge {
                route: r.label.clone(),
                who: "an adult",
            });
        }
        if !child && r.adult_consent_required && !consent {
            return Err(RuleError::ConsentNeeded(r.label.clone()));
        }
        if anonymous && !(r.anonymous_when_declined && !child && !consent) {
            return Err(RuleError::NotAnonymous);
        }
        Ok(r)
    }
}

/// One step a referral has taken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub state: State,
    pub at: OffsetDateTime,
    /// For decisions: whether it was positive.
    pub positive: Option<bool>,
}

/// A target as it stands for one referral.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Due {
    pub to: State,
    /// Due by the end of this day (working-day targets).
    pub by: Option<Date>,
    /// Not before this day.
    pub earliest: Option<Date>,
    pub met: Option<bool>,
    pub overdue: bool,
    pub statutory: bool,
    pub basis: String,
}

impl Route {
    /// Whether a referral in `current` may move to `next`: forward in the route's order; a
    /// negative decision can only be followed by closing.
    pub fn check_step(
        &self,
        steps: &[Step],
        next: State,
        positive: Option<bool>,
    ) -> Result<(), RuleError> {
        let current = steps.last().map(|s| s.state).unwrap_or(State::Made);
        let pos = |s: State| self.states.iter().position(|x| *x == s);
        let refused = || RuleError::Transition {
            route: self.label.clone(),
            from: current.label(),
            to: next.label(),
        };
        let (Some(from), Some(to)) = (pos(current), pos(next)) else {
            return Err(refused());
        };
        if to <= from {
            return Err(refused());
        }
        let negative = steps
            .last()
            .is_some_and(|s| s.state.is_decision() && s.positive == Some(false));
        if negative && next != State::Closed {
            return Err(refused());
        }
        if next.is_decision() && positive.is_none() {
            return Err(RuleError::OutcomeNeeded(next.label()));
        }
        Ok(())
    }

    /// The earliest a state may be reached (a recovery period), given the steps so far.
    pub fn earliest(&self, steps: &[Step], next: State) -> Option<(Date, &Target)> {
        self.targets
            .iter()
            .filter(|t| t.to == next)
            .filter_map(|t| {
                let entered = steps.iter().find(|s| s.state == t.from)?;
                let days = t.earliest_days?;
                Some((entered.at.date() + Duration::days(i64::from(days)), t))
            })
            .max_by_key(|(d, _)| *d)
    }

    /// Every target of the route as it stands for these steps at `now`.
    pub fn due(&self, rules: &Rules, steps: &[Step], now: OffsetDateTime) -> Vec<Due> {
        let closed = steps.iter().any(|s| s.state == State::Closed);
        self.targets
            .iter()
            .filter_map(|t| {
                let entered = steps.iter().find(|s| s.state == t.from)?;
                let reached = steps.iter().find(|s| s.state == t.to);
                let by = t
                    .working_days
                    .map(|n| rules.add_working_days(entered.at.date(), n));
                let earliest = t
                    .earliest_days
                    .map(|n| entered.at.date() + Duration::days(i64::from(n)));
                let met = match (reached, by) {
                    (Some(r), Some(by)) => Some(r.at.date() <= by),
                    (Some(_), None) => Some(true),
                    (None, _) => None,
                };
                // A target still open once the referral is closed no longer falls due.
                let overdue = reached.is_none() && !closed && by.is_some_and(|by| now.date() > by);
                Some(Due {
                    to: t.to,
                    by,
                    earliest,
                    met,
                    overdue,
                    statutory: t.statutory,
                    basis: t.basis.clone(),
                })
            })
            .collect()
    }

    /// The states that may come next.
    pub fn next_states(&self, steps: &[Step]) -> Vec<State> {
        self.states
            .iter()
            .copied()
            .filter(|s| {
                self.check_step(steps, *s, if s.is_decision() { Some(true) } else { None })
                    .is_ok()
                    || (s.is_decision() && self.check_step(steps, *s, Some(false)).is_ok())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn step(state: State, at: OffsetDateTime, positive: Option<bool>) -> Step {
        Step {
            state,
            at,
            positive,
        }
    }

    #[test]
    fn working_days_skip_weekends_and_bank_holidays() {
        let rules = Rules::shipped();
        // Thursday 2 April 2026; Good Friday 3 April and Easter Monday 6 April are holidays.
        let thursday = time::macros::date!(2026 - 04 - 02);
        assert_eq!(
            rules.add_working_days(thursday, 1),
            time::macros::date!(2026 - 04 - 07)
        );
        assert_eq!(
            rules.add_working_days(thursday, 5),
            time::macros::date!(2026 - 04 - 13)
        );
        let friday = time::macros::date!(2026 - 03 - 13);
        assert_eq!(
            rules.add_working_days(friday, 1),
            time::macros::date!(2026 - 03 - 16)
        );
    }

    #[test]
    fn the_reasonable_grounds_target_falls_due_and_is_met_or_missed() {
        let rules = Rules::shipped();
        let nrm = rules.route("nrm").unwrap();
        let made = step(State::Made, datetime!(2026-03-02 10:00 UTC), None);
        let due = nrm.due(
            &rules,
            std::slice::from_ref(&made),
            datetime!(2026-03-09 12:00 UTC),
        );
        let rg = due
            .iter()
            .find(|d| d.to == State::ReasonableGrounds)
            .unwrap();
        assert_eq!(rg.by, Some(time::macros::date!(2026 - 03 - 09)));
        assert!(!rg.overdue, "due by the end of the day");
        let due = nrm.due(
            &rules,
            std::slice::from_ref(&made),
            datetime!(2026-03-10 08:00 UTC),
        );
        assert!(
            due.iter()
                .any(|d| d.to == State::ReasonableGrounds && d.overdue)
        );
        // Decided on day 6: missed, no longer overdue.
        let steps = vec![
            made.clone(),
            step(
                State::ReasonableGrounds,
                datetime!(2026-03-10 09:00 UTC),
                Some(true),
            ),
        ];
        let due = nrm.due(&rules, &steps, datetime!(2026-03-20 08:00 UTC));
        let rg = due
            .iter()
            .find(|d| d.to == State::ReasonableGrounds)
            .unwrap();
        assert_eq!((rg.met, rg.overdue), (Some(false), false));
        // The recovery period: no conclusive grounds decision for 30 days.
        let (earliest, _) = nrm.earliest(&steps, State::ConclusiveGrounds).unwrap();
        assert_eq!(earliest, time::macros::date!(2026 - 04 - 09));
    }

    #[test]
    fn states_move_forward_and_a_negative_decision_closes() {
        let rules = Rules::shipped();
        let nrm = rules.route("nrm").unwrap();
        let made = vec![step(State::Made, datetime!(2026-03-02 10:00 UTC), None)];
        assert!(
            nrm.check_step(&made, State::ReasonableGrounds, Some(true))
                .is_ok()
        );
        assert_eq!(
            nrm.check_step(&made, State::ReasonableGrounds, None),
            Err(RuleError::OutcomeNeeded("reasonable grounds decision"))
        );
        assert!(
            nrm.check_step(&made, State::Decision, Some(true)).is_err(),
            "not an NRM state"
        );
        assert!(
            nrm.check_step(&made, State::Made, None).is_err(),
            "never back"
        );
        let negative = vec![
            made[0].clone(),
            step(
                State::ReasonableGrounds,
                datetime!(2026-03-04 10:00 UTC),
                Some(false),
            ),
        ];
        assert!(nrm.check_step(&negative, State::Support, None).is_err());
        assert!(nrm.check_step(&negative, State::Closed, None).is_ok());
        assert_eq!(nrm.next_states(&negative), vec![State::Closed]);
    }

    #[test]
    fn consent_age_and_anonymity() {
        let rules = Rules::shipped();
        assert!(
            rules.check_new("nrm", Some(true), false, false).is_ok(),
            "children need no consent"
        );
        assert_eq!(
            rules
                .check_new("nrm", Some(false), false, false)
                .unwrap_err(),
            RuleError::ConsentNeeded("National Referral Mechanism".into())
        );
        assert!(
            rules
                .check_new("duty_to_notify", Some(false), false, true)
                .is_ok()
        );
        assert_eq!(
            rules
                .check_new("duty_to_notify", Some(false), true, true)
                .unwrap_err(),
            RuleError::NotAnonymous
        );
        assert!(
            rules
                .check_new("childrens_social_care", Some(false), true, false)
                .is_err()
        );
        assert!(
            rules
                .check_new("adult_social_care", None, true, false)
                .is_err(),
            "age unknown: a possible child"
        );
        assert!(rules.check_new("nowhere", Some(true), true, false).is_err());
    }
}
