//! From the picture to action, pure: the rules that managed action follows. No IO, no store;
//! the server records what happens and asks these modules what is allowed, what is due, what is
//! overdue and who should do what.
//!
//! Key design decision: threats are the caller's. Operations knows a threat only as a
//! [`ThreatId`] with its crime types and harm score, supplied from the master list, so the
//! allocation, plans, disruptions and outcomes plug into whatever list the force keeps — and can
//! be tested against threats built by hand.
//!
//! - [`officer`]: lead responsible officers, their skills, training and mentoring.
//! - [`threat`]: threats, their rank by harm and the capacity each takes.
//! - [`allocation`]: who should lead on which threat, solved exactly (min-cost flow with branch
//!   and bound), with reasons; [`capacity`]: demand against capacity and the gaps.
//! - [`plan`]: 4P plans, actions and reviews; [`disruption`]: disruptions and their impact;
//!   [`outcome`]: outcome tallies.
//! - [`referral`]: safeguarding referral routes, their states and statutory time targets.
//! - [`readiness`]: the questions an HMICFRS SOC inspection asks, answered from figures, with a
//!   self-assessed PEEL grade.

pub mod allocation;
pub mod capacity;
pub mod config;
pub mod disruption;
mod flow;
pub mod officer;
pub mod outcome;
pub mod plan;
pub mod readiness;
pub mod referral;
pub mod threat;

pub use config::OperationsConfig;
pub use officer::{Officer, OfficerId};
pub use referral::{Due, Route, RuleError, Rules, State, Step};
pub use threat::{Threat, ThreatId};
