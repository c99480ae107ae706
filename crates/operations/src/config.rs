//! The reference data for lead responsible officers, allocation and plans
//! (`data/operations.toml`): skill areas and the crime types they cover, the LRO course and how
//! long it counts, how recent mentoring must be, how harm weighs on capacity, the allocation's
//! costs and the plan review cadence. Versioned, so that every recommendation can say which
//! rules made it.

use model::CrimeType;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationsConfig {
    pub version: String,
    #[serde(rename = "skill")]
    pub skills: Vec<SkillArea>,
    pub training: TrainingRules,
    pub mentoring: MentoringRules,
    pub harm_weight: HarmWeights,
    pub allocation: Costs,
    pub plan: PlanRules,
}

/// A skill area an officer may hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillArea {
    pub id: String,
    pub label: String,
    pub crime_types: Vec<CrimeType>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Course {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingRules {
    pub lro_course: String,
    pub lro_course_label: String,
    pub valid_years: u8,
    #[serde(rename = "course")]
    pub courses: Vec<Course>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MentoringRules {
    pub session_within_days: u32,
}

/// How much capacity a threat takes, by its share of the master list by harm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HarmWeights {
    pub high_share: f64,
    pub medium_share: f64,
    pub high: u32,
    pub medium: u32,
    pub low: u32,
    pub unassessed: u32,
}

/// What the allocation minimises (integers, so that optima are exact).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Costs {
    pub missing_secondary_skill: i64,
    pub mentored_not_trained: i64,
    pub move_from_current: i64,
    pub keep_unsuitable: i64,
    pub balance: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanRules {
    pub review_every_days: u32,
    pub longest_interval_days: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("operations rules: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("operations rules: {0}")]
    Invalid(String),
}

impl OperationsConfig {
    /// The shipped reference data.
    pub fn shipped() -> OperationsConfig {
        OperationsConfig::from_toml(include_str!("../data/operations.toml"))
            .unwrap_or_else(|e| panic!("the shipped operations rules must parse: {e}"))
    }

    pub fn from_toml(text: &str) -> Result<OperationsConfig, ConfigError> {
        let c: OperationsConfig = toml::from_str(text)?;
        let invalid = |m: String| Err(ConfigError::Invalid(m));
        let mut seen = std::collections::BTreeSet::new();
        for s in &c.skills {
            if !seen.insert(s.id.as_str()) {
                return invalid(format!("skill {} is listed twice", s.id));
            }
        }
        for crime in CrimeType::ALL {
            let n = c
                .skills
                .iter()
                .filter(|s| s.crime_types.contains(crime))
                .count();
            if n > 1 {
                return invalid(format!("{} is in {n} skill areas", crime.as_str()));
            }
        }
        let w = &c.harm_weight;
        if !(0.0..=1.0).contains(&w.high_share) || !(w.high_share..=1.0).contains(&w.medium_share) {
            return invalid("harm weight shares must rise from 0 to 1".into());
        }
        if w.low == 0 || w.medium < w.low || w.high < w.medium || w.unassessed == 0 {
            return invalid("harm weights must be at least 1 and rise with harm".into());
        }
        if !c
            .training
            .courses
            .iter()
            .any(|k| k.id == c.training.lro_course)
        {
            return invalid("the LRO course must be among the courses".into());
        }
        if c.plan.review_every_days == 0 || c.plan.longest_interval_days < c.plan.review_every_days
        {
            return invalid("a plan's review interval must be at least a day".into());
        }
        Ok(c)
    }

    /// The skill area covering a crime type, if any (`other` needs none).
    pub fn skill_for(&self, crime: CrimeType) -> Option<&SkillArea> {
        self.skills.iter().find(|s| s.crime_types.contains(&crime))
    }

    pub fn skill(&self, id: &str) -> Option<&SkillArea> {
        self.skills.iter().find(|s| s.id == id)
    }

    pub fn course(&self, id: &str) -> Option<&Course> {
        self.training.courses.iter().find(|c| c.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_rules_cover_every_crime_type_but_other() {
        let c = OperationsConfig::shipped();
        for crime in CrimeType::ALL {
            assert_eq!(
                c.skill_for(*crime).is_none(),
                *crime == CrimeType::Other,
                "{}",
                crime.as_str()
            );
        }
    }

    #[test]
    fn a_crime_type_in_two_areas_is_refused() {
        let text = include_str!("../data/operations.toml").replace(
            "crime_types = [\"drugs_supply\"]",
            "crime_types = [\"drugs_supply\", \"drugs_county_lines\"]",
        );
        let e = OperationsConfig::from_toml(&text).unwrap_err();
        assert!(e.to_string().contains("drugs_county_lines is in 2"), "{e}");
    }
}
