//! Inspection readiness: the force's position against the questions an HMICFRS serious and
//! organised crime inspection asks (understanding of the threat, intelligence, lead responsible
//! officers, governance, partners, safeguarding), each answered from figures the caller
//! measures, with a self-assessed grade on the PEEL scale.
//!
//! Each criterion's figure is placed against the force's own levels (`data/readiness.toml`):
//! promising practice, met, an area for improvement, or a cause of concern — or *not evidenced*
//! when the figure cannot be measured, which counts as an area for improvement, because an
//! inspector would find it missing too. The grade rule, stated so that it can be challenged:
//!
//! - A question with two or more causes of concern is **inadequate**; with one, **requires
//!   improvement**. Otherwise, with no area for improvement it is **outstanding** when at least
//!   half its criteria are promising practice and **good** when not; with areas for improvement
//!   in at most a third of its criteria it is **good**, in at most half **adequate**, and in more
//!   **requires improvement**.
//! - The overall grade is the lower middle grade of the questions, no better than requires
//!   improvement when any question is inadequate, and inadequate when two or more are.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The PEEL grades (DOMAIN section 7), best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    Outstanding,
    Good,
    Adequate,
    RequiresImprovement,
    Inadequate,
}

impl Grade {
    pub fn label(self) -> &'static str {
        match self {
            Grade::Outstanding => "outstanding",
            Grade::Good => "good",
            Grade::Adequate => "adequate",
            Grade::RequiresImprovement => "requires improvement",
            Grade::Inadequate => "inadequate",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Outstanding => "outstanding",
            Grade::Good => "good",
            Grade::Adequate => "adequate",
            Grade::RequiresImprovement => "requires_improvement",
            Grade::Inadequate => "inadequate",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A proportion, shown as a percentage.
    Share,
    Count,
    /// A number per something, shown to one decimal place.
    Rate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Higher,
    Lower,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionSpec {
    pub id: String,
    pub label: String,
    pub kind: Kind,
    pub better: Better,
    pub outstanding: f64,
    pub met: f64,
    pub concern: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionSpec {
    pub id: String,
    pub title: String,
    pub asks: String,
    #[serde(rename = "criterion")]
    pub criteria: Vec<CriterionSpec>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadinessConfig {
    pub version: String,
    #[serde(rename = "question")]
    pub questions: Vec<QuestionSpec>,
}

impl ReadinessConfig {
    pub fn shipped() -> ReadinessConfig {
        ReadinessConfig::from_toml(include_str!("../data/readiness.toml"))
            .unwrap_or_else(|e| panic!("the shipped readiness questions must parse: {e}"))
    }

    pub fn from_toml(text: &str) -> Result<ReadinessConfig, String> {
        let c: ReadinessConfig = toml::from_str(text).map_err(|e| e.to_string())?;
        for q in &c.questions {
            for k in &q.criteria {
                let ordered = match k.better {
                    Better::Higher => k.outstanding >= k.met && k.met >= k.concern,
                    Better::Lower => k.outstanding <= k.met && k.met <= k.concern,
                };
                if !ordered {
                    return Err(format!("criterion {}: levels out of order", k.id));
                }
            }
        }
        Ok(c)
    }

    /// Every criterion id, for callers to check they measure each.
    pub fn criterion_ids(&self) -> Vec<&str> {
        self.questions
            .iter()
            .flat_map(|q| q.criteria.iter().map(|c| c.id.as_str()))
            .collect()
    }
}

/// A figure as measured: a value, of a whole when it is a share (`3` of `4`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Measure {
    Value {
        value: f64,
        /// For shares and rates: what it is out of.
        of: Option<f64>,
        /// What the figure counts, for the reader ("3 of 4 active threats").
        detail: String,
    },
    /// Why it cannot be measured.
    Missing(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    PromisingPractice,
    Met,
    AreaForImprovement,
    NotEvidenced,
    CauseOfConcern,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::PromisingPractice => "promising practice",
            Level::Met => "met",
            Level::AreaForImprovement => "area for improvement",
            Level::NotEvidenced => "not evidenced",
            Level::CauseOfConcern => "cause of concern",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::PromisingPractice => "promising_practice",
            Level::Met => "met",
            Level::AreaForImprovement => "area_for_improvement",
            Level::NotEvidenced => "not_evidenced",
            Level::CauseOfConcern => "cause_of_concern",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    pub id: String,
    pub label: String,
    /// The figure as people read it ("75%", "2", "1.3"), or "not measured".
    pub figure: String,
    pub detail: String,
    /// The level to meet, as people read it ("at least 95%", "none").
    pub target: String,
    pub level: Level,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionAnswer {
    pub id: String,
    pub title: String,
    pub asks: String,
    pub answers: Vec<Answer>,
    pub grade: Grade,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Readiness {
    pub questions: Vec<QuestionAnswer>,
    pub grade: Grade,
    pub version: String,
}

impl Readiness {
    /// Every answer at a level, with its question's title.
    pub fn at(&self, level: Level) -> Vec<(&str, &Answer)> {
        self.questions
            .iter()
            .flat_map(|q| {
                q.answers
                    .iter()
                    .filter(move |a| a.level == level)
                    .map(move |a| (q.title.as_str(), a))
            })
            .collect()
    }
}

fn show(kind: Kind, x: f64) -> String {
    match kind {
        Kind::Share => format!("{:.0}%", x * 100.0),
        Kind::Count => format!("{x:.0}"),
        Kind::Rate => format!("{x:.1}"),
    }
}

fn target(c: &CriterionSpec) -> String {
    match (c.better, c.kind) {
        (Better::Lower, Kind::Count) if c.met == 0.0 => "none".into(),
        (Better::Higher, _) if c.met >= 1.0 && c.kind == Kind::Share => "all".into(),
        (Better::Higher, k) => format!("at least {}", show(k, c.met)),
        (Better::Lower, k) => format!("at most {}", show(k, c.met)),
    }
}

/// Places one figure against its criterion's levels.
pub fn level(c: &CriterionSpec, x: f64) -> Level {
    // Compare on the figure as shown, so that 94.6% reads and grades as 95%.
    let x = match c.kind {
        Kind::Share => (x * 1000.0).round() / 1000.0,
        Kind::Count => x.round(),
        Kind::Rate => (x * 100.0).round() / 100.0,
    };
    let reaches = |t: f64| match c.better {
        Better::Higher => x >= t,
        Better::Lower => x <= t,
    };
    let beyond_concern = match c.better {
        Better::Higher => x <= c.concern,
        Better::Lower => x >= c.concern,
    };
    if reaches(c.outstanding) && c.outstanding != c.met {
        Level::PromisingPractice
    } else if reaches(c.met) {
        Level::Met
    } else if beyond_concern {
        Level::CauseOfConcern
    } else {
        Level::AreaForImprovement
    }
}

/// The grade of one question from its answers' levels.
pub fn question_grade(levels: &[Level]) -> Grade {
    let n = levels.len().max(1);
    let concerns = levels
        .iter()
        .filter(|l| **l == Level::CauseOfConcern)
        .count();
    let weak = levels
        .iter()
        .filter(|l| matches!(l, Level::AreaForImprovement | Level::NotEvidenced))
        .count();
    let promising = levels
        .iter()
        .filter(|l| **l == Level::PromisingPractice)
        .count();
    match (concerns, weak) {
        (c, _) if c >= 2 => Grade::Inadequate,
        (1, _) => Grade::RequiresImprovement,
        (0, 0) if promising * 2 >= n => Grade::Outstanding,
        (0, 0) => Grade::Good,
        (0, w) if w * 3 <= n => Grade::Good,
        (0, w) if w * 2 <= n => Grade::Adequate,
        _ => Grade::RequiresImprovement,
    }
}

/// The overall grade from the questions' grades.
pub fn overall_grade(grades: &[Grade]) -> Grade {
    if grades.is_empty() {
        return Grade::Inadequate;
    }
    let mut sorted = grades.to_vec();
    sorted.sort();
    // The lower of the two middle grades (grades sort best first).
    let middle = sorted[sorted.len() / 2];
    let inadequate = grades.iter().filter(|g| **g == Grade::Inadequate).count();
    match inadequate {
        0 => middle,
        1 => middle.max(Grade::RequiresImprovement),
        _ => Grade::Inadequate,
    }
}

/// Answers every question from the figures measured (by criterion id); a criterion without a
/// figure is not evidenced.
pub fn assess(config: &ReadinessConfig, figures: &BTreeMap<String, Measure>) -> Readiness {
    let questions: Vec<QuestionAnswer> = config
        .questions
        .iter()
        .map(|q| {
            let answers: Vec<Answer> = q
                .criteria
                .iter()
                .map(|c| {
                    let (figure, detail, level) = match figures.get(&c.id) {
                        Some(Measure::Value { value, of, detail }) => match of {
                            Some(w) if *w <= 0.0 => (
                                "not measured".to_string(),
                                format!("{detail}: nothing yet to measure"),
                                Level::NotEvidenced,
                            ),
                            Some(w) => {
                                let x = value / w;
                                (show(c.kind, x), detail.clone(), level(c, x))
                            }
                            None => (show(c.kind, *value), detail.clone(), level(c, *value)),
                        },
                        Some(Measure::Missing(why)) => {
                            ("not measured".to_string(), why.clone(), Level::NotEvidenced)
                        }
                        None => (
                            "not measured".to_string(),
                            "no figure was measured".to_string(),
                            Level::NotEvidenced,
                        ),
                    };
                    Answer {
                        id: c.id.clone(),
                        label: c.label.clone(),
                        figure,
                        detail,
                        target: target(c),
                        level,
                    }
                })
                .collect();
            let levels: Vec<Level> = answers.iter().map(|a| a.level).collect();
            QuestionAnswer {
                id: q.id.clone(),
                title: q.title.clone(),
                asks: q.asks.clone(),
                grade: question_grade(&levels),
                answers,
            }
        })
        .collect();
    let grade = overall_grade(&questions.iter().map(|q| q.grade).collect::<Vec<_>>());
    Readiness {
        questions,
        grade,
        version: config.version.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(better: Better, kind: Kind, o: f64, m: f64, c: f64) -> CriterionSpec {
        CriterionSpec {
            id: "x".into(),
            label: "x".into(),
            kind,
            better,
            outstanding: o,
            met: m,
            concern: c,
        }
    }

    #[test]
    fn figures_fall_into_levels_both_ways() {
        let share = spec(Better::Higher, Kind::Share, 1.0, 0.9, 0.7);
        assert_eq!(level(&share, 1.0), Level::PromisingPractice);
        assert_eq!(level(&share, 0.95), Level::Met);
        assert_eq!(level(&share, 0.8996), Level::Met, "90% as shown");
        assert_eq!(level(&share, 0.8), Level::AreaForImprovement);
        assert_eq!(level(&share, 0.71), Level::AreaForImprovement);
        assert_eq!(level(&share, 0.7), Level::CauseOfConcern);
        let count = spec(Better::Lower, Kind::Count, 0.0, 0.0, 2.0);
        assert_eq!(level(&count, 0.0), Level::Met, "none is met, not exceeded");
        assert_eq!(level(&count, 1.0), Level::AreaForImprovement);
        assert_eq!(
            level(&count, 2.0),
            Level::CauseOfConcern,
            "two overloaded is a concern"
        );
        let partners = spec(Better::Higher, Kind::Count, 6.0, 3.0, 1.0);
        assert_eq!(level(&partners, 2.0), Level::AreaForImprovement);
        assert_eq!(level(&partners, 1.0), Level::CauseOfConcern);
    }

    #[test]
    fn the_grade_rule() {
        use Level::*;
        assert_eq!(
            question_grade(&[PromisingPractice, Met]),
            Grade::Outstanding
        );
        assert_eq!(question_grade(&[PromisingPractice, Met, Met]), Grade::Good);
        assert_eq!(question_grade(&[Met, Met, AreaForImprovement]), Grade::Good);
        assert_eq!(question_grade(&[Met, NotEvidenced]), Grade::Adequate);
        assert_eq!(
            question_grade(&[AreaForImprovement, NotEvidenced, Met]),
            Grade::RequiresImprovement
        );
        assert_eq!(
            question_grade(&[CauseOfConcern, Met, Met]),
            Grade::RequiresImprovement
        );
        assert_eq!(
            question_grade(&[CauseOfConcern, CauseOfConcern]),
            Grade::Inadequate
        );
        use Grade::*;
        assert_eq!(overall_grade(&[Outstanding, Good, Good, Adequate]), Good);
        assert_eq!(overall_grade(&[Good, Adequate]), Adequate);
        assert_eq!(
            overall_grade(&[Outstanding, Outstanding, Inadequate]),
            RequiresImprovement
        );
        assert_eq!(
            overall_grade(&[Good, Inadequate, Inadequate, Good]),
            Inadequate
        );
    }

    #[test]
    fn every_question_is_answered_and_missing_figures_are_not_evidenced() {
        let config = ReadinessConfig::shipped();
        let mut figures = BTreeMap::new();
        figures.insert(
            "overloaded".to_string(),
            Measure::Value {
                value: 2.0,
                of: None,
                detail: "2 of 9 officers".into(),
            },
        );
        figures.insert(
            "threats_assessed".to_string(),
            Measure::Missing("the threat master list is not connected".into()),
        );
        figures.insert(
            "referral_targets_met".to_string(),
            Measure::Value {
                value: 0.0,
                of: Some(0.0),
                detail: "time targets reached".into(),
            },
        );
        let r = assess(&config, &figures);
        assert_eq!(r.questions.len(), 6);
        let lro = r.questions.iter().find(|q| q.id == "lro").unwrap();
        let over = lro.answers.iter().find(|a| a.id == "overloaded").unwrap();
        assert_eq!(
            (over.figure.as_str(), over.level),
            ("2", Level::CauseOfConcern)
        );
        assert_eq!(over.target, "none");
        let u = &r.questions[0].answers[0];
        assert_eq!(u.level, Level::NotEvidenced);
        assert_eq!(u.detail, "the threat master list is not connected");
        assert!(
            r.at(Level::CauseOfConcern)
                .iter()
                .any(|(q, _)| q.starts_with("Lead"))
        );
        assert!(
            r.at(Level::NotEvidenced)
                .iter()
                .any(|(_, a)| a.id == "referral_targets_met")
        );
        assert_eq!(
            r.grade,
            Grade::RequiresImprovement,
            "nothing evidenced is no concern, but no better"
        );
    }
}
