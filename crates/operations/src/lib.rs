//! From the picture to action, pure: the rules that managed action follows. No IO, no store;
//! the server records what happens and asks these modules what is allowed, what is due and
//! what is overdue.
//!
//! - [`referral`]: safeguarding referral routes, their states and statutory time targets.

pub mod referral;

pub use referral::{Due, Route, RuleError, Rules, State, Step};
