//! Disruptions: an action after which a threat cannot operate at its usual level, recorded
//! against the threat with its P, its impact (major, moderate, minor, none, negative — the group
//! came out stronger), who assessed the impact and why. No national criteria separate the
//! grades (DOMAIN section 3), so the assessor and the rationale are always kept.

use crate::plan::Strand;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    Major,
    Moderate,
    Minor,
    None,
    /// The threat ended up stronger.
    Negative,
}

impl Impact {
    pub const ALL: [Impact; 5] = [
        Impact::Major,
        Impact::Moderate,
        Impact::Minor,
        Impact::None,
        Impact::Negative,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Impact::Major => "major",
            Impact::Moderate => "moderate",
            Impact::Minor => "minor",
            Impact::None => "none",
            Impact::Negative => "negative",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Impact::Major => "major",
            Impact::Moderate => "moderate",
            Impact::Minor => "minor",
            Impact::None => "no impact",
            Impact::Negative => "negative (the threat grew stronger)",
        }
    }

    pub fn parse(s: &str) -> Option<Impact> {
        Impact::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// A disruption that reduced the threat.
    pub fn disrupted(self) -> bool {
        matches!(self, Impact::Major | Impact::Moderate | Impact::Minor)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disruption {
    pub occurred_on: Date,
    pub strand: Strand,
    pub impact: Impact,
    /// Who judged the impact ("DI Shah, SOC disruptions panel").
    pub assessor: String,
    pub rationale: String,
    /// The operation it was part of, if any ("Op KESTREL").
    pub operation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DisruptionError {
    #[error("a disruption cannot be recorded before it happens")]
    Future,
    #[error("say who assessed the impact")]
    Assessor,
    #[error(
        "give the rationale for the impact in at least 20 characters: what changed for the threat"
    )]
    Rationale,
    #[error(
        "a negative impact needs the rationale to say how the threat grew stronger (at least 40 characters)"
    )]
    NegativeRationale,
}

impl Disruption {
    pub fn check(&self, today: Date) -> Result<(), DisruptionError> {
        if self.occurred_on > today {
            return Err(DisruptionError::Future);
        }
        if self.assessor.trim().chars().count() < 2 {
            return Err(DisruptionError::Assessor);
        }
        let words = self.rationale.trim().chars().count();
        if words < 20 {
            return Err(DisruptionError::Rationale);
        }
        if self.impact == Impact::Negative && words < 40 {
            return Err(DisruptionError::NegativeRationale);
        }
        Ok(())
    }
}

/// Disruptions counted by month (`YYYY-MM`) and impact.
pub fn by_month(disruptions: &[&Disruption]) -> BTreeMap<String, BTreeMap<Impact, u64>> {
    let mut out: BTreeMap<String, BTreeMap<Impact, u64>> = BTreeMap::new();
    for d in disruptions {
        let month = format!(
            "{}-{:02}",
            d.occurred_on.year(),
            u8::from(d.occurred_on.month())
        );
        *out.entry(month).or_default().entry(d.impact).or_default() += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn d(impact: Impact, rationale: &str) -> Disruption {
        Disruption {
            occurred_on: date!(2026 - 11 - 03),
            strand: Strand::Pursue,
            impact,
            assessor: "DI Shah".into(),
            rationale: rationale.into(),
            operation: Some("Op KESTREL".into()),
        }
    }

    #[test]
    fn the_assessor_and_rationale_are_required_and_negative_needs_more() {
        let today = date!(2026 - 11 - 10);
        let r = "Line holder remanded; the line went quiet for three weeks";
        assert!(d(Impact::Major, r).check(today).is_ok());
        assert_eq!(
            d(Impact::Major, "worked").check(today),
            Err(DisruptionError::Rationale)
        );
        assert_eq!(
            d(Impact::Negative, "Rival group moved in fast").check(today),
            Err(DisruptionError::NegativeRationale)
        );
        let mut x = d(Impact::Minor, r);
        x.assessor = " ".into();
        assert_eq!(x.check(today), Err(DisruptionError::Assessor));
        x.assessor = "DI Shah".into();
        x.occurred_on = date!(2026 - 11 - 11);
        assert_eq!(x.check(today), Err(DisruptionError::Future));
        assert!(Impact::Minor.disrupted() && !Impact::None.disrupted());
    }

    #[test]
    fn counted_by_month_and_impact() {
        let a = d(Impact::Major, "x");
        let mut b = d(Impact::Major, "x");
        b.occurred_on = date!(2026 - 12 - 01);
        let c = d(Impact::Negative, "x");
        let m = by_month(&[&a, &b, &c]);
        assert_eq!(m["2026-11"][&Impact::Major], 1);
        assert_eq!(m["2026-11"][&Impact::Negative], 1);
        assert_eq!(m["2026-12"][&Impact::Major], 1);
    }
}
