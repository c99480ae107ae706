//! Which threats matter most: a harm assessment in the shape of MoRiLE (DOMAIN section 2.1) for
//! a detected group, or a person or deal line an analyst promotes to a threat.
//!
//! The assessment reads plain facts about the threat — its kind and crime types, the people it
//! exploits (children apart from adults, each with the exploitation they suffer), the reports
//! that concern it with their gradings and the violence, weapons and control said in them, its
//! deal lines, cuckooed homes, reach and size — and scores impact across physical,
//! psychological, financial and community harm, the likelihood that the harm goes on, how long
//! it has persisted, and the organisation's position. Every sub-score is kept with the facts
//! that made it, so a reviewer can see and challenge each; the weights are versioned reference
//! data (`data/harm.toml`). Confidence is graded apart from the score, from the grading of the
//! evidence: MoRiLE qualifies a score with its confidence rather than shrinking it.

use crate::vulnerability::Category;
use model::{CrimeType, SourceType};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use time::Date;

/// Reference data: the harm matrix (see `data/harm.toml`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HarmConfig {
    pub version: String,
    pub min_reliance: f64,
    pub half_life_days: f64,
    pub likelihood_floor: f64,
    pub persistence_months: f64,
    pub persistence_weight: f64,
    pub crime_type: BTreeMap<CrimeType, f64>,
    pub physical: Physical,
    pub psychological: Psychological,
    pub financial: Financial,
    pub community: Community,
    pub position: Position,
    pub words: Words,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Physical {
    pub child_victim: f64,
    pub adult_victim: f64,
    pub violent_report: f64,
    pub violence_cap: u32,
    pub firearm: f64,
    pub weapon: f64,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Psychological {
    pub sexual: f64,
    pub domestic_servitude: f64,
    pub labour: f64,
    pub child_criminal: f64,
    pub criminal: f64,
    pub cuckooing: f64,
    pub control_report: f64,
    pub control_cap: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Financial {
    pub financial_crime: f64,
    pub fraud_victim: f64,
    pub wages_or_debt: f64,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Community {
    pub deal_line: f64,
    pub cuckooed_address: f64,
    pub member: f64,
    pub extra_area: f64,
    pub community_report: f64,
    pub community_cap: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub children_exploited: f64,
    pub firearms: f64,
    pub partner_raised: f64,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub firearm: Vec<String>,
}

/// Why a harm matrix cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum HarmConfigError {
    #[error("harm weights: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("harm weights: no weight for crime type {0}")]
    MissingCrimeType(CrimeType),
    #[error("harm weights: {0} must be between 0 and 1")]
    OutOfRange(&'static str),
}

impl HarmConfig {
    /// The shipped reference data.
    pub fn shipped() -> HarmConfig {
        HarmConfig::from_toml(include_str!("../data/harm.toml"))
            .unwrap_or_else(|e| panic!("the shipped harm weights must parse: {e}"))
    }

    /// Reads a harm matrix, checking that every crime type has a weight and that the
    /// proportions are proportions.
    pub fn from_toml(text: &str) -> Result<HarmConfig, HarmConfigError> {
        let config: HarmConfig = toml::from_str(text)?;
        if let Some(missing) = CrimeType::ALL
            .iter()
            .find(|c| !config.crime_type.contains_key(c))
        {
            return Err(HarmConfigError::MissingCrimeType(*missing));
        }
        for (name, v) in [
            ("min_reliance", config.min_reliance),
            ("likelihood_floor", config.likelihood_floor),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(HarmConfigError::OutOfRange(name));
            }
        }
        Ok(config)
    }
}

/// What kind of threat is assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThreatKind {
    CountyLine,
    ExploitationNetwork,
    Ocg,
    /// A person an analyst promoted to a threat.
    Person,
    /// A deal line an analyst promoted to a threat.
    DealLine,
}

impl ThreatKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ThreatKind::CountyLine => "county_line",
            ThreatKind::ExploitationNetwork => "exploitation_network",
            ThreatKind::Ocg => "ocg",
            ThreatKind::Person => "person",
            ThreatKind::DealLine => "deal_line",
        }
    }
}

/// A person the threat exploits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Victim {
    pub person: String,
    /// A child at the time of the reports.
    pub child: bool,
    /// The exploitation they suffer, when known; `None` for a victim of fraud or another
    /// crime without an exploitation category.
    pub category: Option<Category>,
    /// Held in debt bondage or with wages taken.
    pub wages_or_debt: bool,
}

/// What a report says that bears on harm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sign {
    /// Assault, stabbing, kidnap: the `violence` and `abduction` indicators.
    Violence,
    /// A weapon: the `weapons` indicator; a firearm when its words say so.
    Weapon,
    /// Threats, coercion, debt control, restricted movement.
    Control,
    /// Drug dealing or anti-social behaviour at an address, seen by the community.
    Nuisance,
}

/// A sign of harm in a report, with the words that raised it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HarmCue {
    pub sign: Sign,
    pub quote: String,
}

impl HarmCue {
    /// The sign an exploitation indicator is of, by its taxonomy id, if it bears on harm.
    pub fn from_indicator(indicator: &str, quote: &str) -> Option<HarmCue> {
        let sign = match indicator {
            "violence" | "abduction" | "injuries" => Sign::Violence,
            "weapons" => Sign::Weapon,
            "threats"
            | "coercion"
            | "debt_control"
            | "restricted_movement"
            | "family_intimidated"
            | "fear" => Sign::Control,
            "antisocial_behaviour" | "drug_activity_at_address" | "visitors_at_all_hours" => {
                Sign::Nuisance
            }
            _ => return None,
        };
        Some(HarmCue {
            sign,
            quote: quote.to_string(),
        })
    }
}

/// One report that concerns the threat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportFacts {
    pub report: String,
    pub received: Date,
    pub source_type: SourceType,
    pub source_org: Option<String>,
    /// The grading's reliance (0 to 1).
    pub reliance: f64,
    pub crime_types: Vec<CrimeType>,
    pub cues: Vec<HarmCue>,
}

/// Everything the assessment reads about one threat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreatFacts {
    pub kind: ThreatKind,
    pub crime_types: Vec<CrimeType>,
    /// The people involved, victims included.
    pub members: usize,
    pub victims: Vec<Victim>,
    pub reports: Vec<ReportFacts>,
    /// Deal lines, as written for a reason (E.164).
    pub deal_lines: Vec<String>,
    pub cuckooed_addresses: usize,
    /// Distinct force areas or districts of its reports.
    pub areas: usize,
}

/// One contribution to a sub-score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub points: f64,
    pub reason: String,
}

/// A sub-score with the items that make it up.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SubScore {
    pub points: f64,
    pub items: Vec<Item>,
}

impl SubScore {
    fn add(&mut self, points: f64, reason: String) {
        if points > 0.0 {
            self.points += points;
            self.items.push(Item { points, reason });
        }
    }
}

/// MoRiLE's confidence grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// The harm assessment of one threat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Harm {
    /// impact × likelihood × persistence × position, to one decimal place.
    pub score: f64,
    /// 1 is the highest harm; set by [`rank`] across the master list (0 until then).
    pub rank: u32,
    /// What a person reads: the largest contributions first.
    pub reasons: Vec<String>,
    pub impact: f64,
    pub crime_type: SubScore,
    pub physical: SubScore,
    pub psychological: SubScore,
    pub financial: SubScore,
    pub community: SubScore,
    /// 0 to 1: how likely the harm is to go on, from how recently it was reported.
    pub likelihood: f64,
    pub last_reported: Option<Date>,
    /// 1 and up: how long the harm has gone on.
    pub persistence: f64,
    pub months_active: f64,
    /// 1 and up: the organisation's position (public expectation, reputation, legal duty).
    pub position: f64,
    pub position_factors: Vec<String>,
    pub confidence: Confidence,
    /// Mean reliance of the reports it rests on (0 to 1).
    pub evidence_reliance: f64,
    pub independent_sources: usize,
    pub reports: usize,
    /// The reference data's version.
    pub config_version: String,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn source_key(r: &ReportFacts) -> String {
    match r.source_type {
        SourceType::Officer | SourceType::Agency => format!("{}:{}", r.source_type, r.report),
        _ => format!(
            "{}:{}",
            r.source_type,
            r.source_org.as_deref().unwrap_or("unknown")
        ),
    }
}

fn month(d: Date) -> String {
    format!("{}-{:02}", d.year(), u8::from(d.month()))
}

/// Assesses one threat as of `today`.
pub fn assess_harm(facts: &ThreatFacts, config: &HarmConfig, today: Date) -> Harm {
    let counted: Vec<&ReportFacts> = facts
        .reports
        .iter()
        .filter(|r| r.reliance >= config.min_reliance)
        .collect();
    let of_sign = |sign: Sign| -> Vec<(&ReportFacts, &HarmCue)> {
        let mut seen = BTreeSet::new();
        counted
            .iter()
            .flat_map(|r| r.cues.iter().map(move |c| (*r, c)))
            .filter(|(r, c)| c.sign == sign && seen.insert(&r.report))
            .collect()
    };

    // The threat's crime type: the most harmful of its own, and of its reports'.
    let mut crime_type = SubScore::default();
    let mut types: BTreeSet<CrimeType> = facts.crime_types.iter().copied().collect();
    types.extend(counted.iter().flat_map(|r| r.crime_types.iter().copied()));
    if let Some((t, w)) = types
        .iter()
        .map(|t| (*t, config.crime_type.get(t).copied().unwrap_or(0.0)))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    {
        crime_type.add(w, t.as_str().replace('_', " "));
    }

    // Physical harm: the people exploited, violence, weapons.
    let p = &config.physical;
    let mut physical = SubScore::default();
    let exploited: Vec<&Victim> = facts
        .victims
        .iter()
        .filter(|v| v.category.is_some())
        .collect();
    let children = exploited.iter().filter(|v| v.child).count();
    let adults = exploited.len() - children;
    physical.add(
        p.child_victim * children as f64,
        plural(children, "exploited child", "exploited children"),
    );
    physical.add(
        p.adult_victim * adults as f64,
        plural(adults, "exploited adult", "exploited adults"),
    );
    let violent = of_sign(Sign::Violence);
    let counted_violence = violent.len().min(p.violence_cap as usize);
    if let Some((r, c)) = violent.iter().max_by_key(|(r, _)| r.received) {
        physical.add(
            p.violent_report * counted_violence as f64,
            format!(
                "{} reported, latest {} (“{}”)",
                plural(violent.len(), "violent incident", "violent incidents"),
                month(r.received),
                c.quote
            ),
        );
    }
    let firearm_word = |q: &str| {
        q.split(|ch: char| !ch.is_alphanumeric()).any(|w| {
            config
                .words
                .firearm
                .iter()
                .any(|f| f.eq_ignore_ascii_case(w))
        })
    };
    let weapons = of_sign(Sign::Weapon);
    let firearm_crime = counted
        .iter()
        .filter(|r| r.crime_types.contains(&CrimeType::Firearms))
        .max_by_key(|r| r.received);
    let firearm = weapons
        .iter()
        .filter(|(_, c)| firearm_word(&c.quote))
        .max_by_key(|(r, _)| r.received)
        .map(|(r, c)| (r.received, format!("“{}”", c.quote)))
        .or_else(|| firearm_crime.map(|r| (r.received, "a firearms report".to_string())));
    if let Some((when, said)) = &firearm {
        physical.add(
            p.firearm,
            format!("firearm reported {} ({said})", month(*when)),
        );
    }
    if let Some((r, c)) = weapons
        .iter()
        .filter(|(_, c)| !firearm_word(&c.quote))
        .max_by_key(|(r, _)| r.received)
    {
        physical.add(
            p.weapon,
            format!(
                "weapons carried, reported {} (“{}”)",
                month(r.received),
                c.quote
            ),
        );
    }

    // Psychological harm: what each victim suffers; threats and control.
    let ps = &config.psychological;
    let mut psychological = SubScore::default();
    let mut by_category: BTreeMap<Category, usize> = BTreeMap::new();
    for v in &facts.victims {
        if let Some(c) = v.category {
            *by_category.entry(c).or_default() += 1;
        }
    }
    for (c, n) in &by_category {
        let w = match c {
            Category::SexualExploitation => ps.sexual,
            Category::DomesticServitude => ps.domestic_servitude,
            Category::LabourExploitation => ps.labour,
            Category::ChildCriminalExploitation => ps.child_criminal,
            Category::CriminalExploitation => ps.criminal,
            Category::Cuckooing => ps.cuckooing,
        };
        psychological.add(
            w * *n as f64,
            format!(
                "{} at risk of {}",
                plural(*n, "person", "people"),
                c.label()
            ),
        );
    }
    let control = of_sign(Sign::Control);
    if let Some((_, c)) = control.iter().max_by_key(|(r, _)| r.received) {
        psychological.add(
            ps.control_report * control.len().min(ps.control_cap as usize) as f64,
            format!(
                "{} of threats or control (“{}”)",
                plural(control.len(), "report", "reports"),
                c.quote
            ),
        );
    }

    // Financial harm.
    let f = &config.financial;
    let mut financial = SubScore::default();
    if let Some(t) = types
        .iter()
        .find(|t| matches!(t, CrimeType::Fraud | CrimeType::MoneyLaundering))
    {
        financial.add(f.financial_crime, t.as_str().replace('_', " "));
    }
    let defrauded = facts
        .victims
        .iter()
        .filter(|v| v.category.is_none())
        .count();
    financial.add(
        f.fraud_victim * defrauded as f64,
        format!(
            "{} of fraud or financial abuse",
            plural(defrauded, "victim", "victims")
        ),
    );
    let held = facts.victims.iter().filter(|v| v.wages_or_debt).count();
    financial.add(
        f.wages_or_debt * held as f64,
        format!(
            "{} with wages taken or in debt bondage",
            plural(held, "person", "people")
        ),
    );

    // Community harm: deal lines, homes taken over, scale, reach, what neighbours see.
    let c = &config.community;
    let mut community = SubScore::default();
    if !facts.deal_lines.is_empty() {
        community.add(
            c.deal_line * facts.deal_lines.len() as f64,
            format!(
                "{} ({})",
                plural(facts.deal_lines.len(), "deal line", "deal lines"),
                facts.deal_lines.join(", ")
            ),
        );
    }
    community.add(
        c.cuckooed_address * facts.cuckooed_addresses as f64,
        plural(
            facts.cuckooed_addresses,
            "cuckooed address",
            "cuckooed addresses",
        ),
    );
    community.add(
        c.member * facts.members as f64,
        plural(facts.members, "person involved", "people involved"),
    );
    let extra = facts.areas.saturating_sub(1);
    community.add(
        c.extra_area * extra as f64,
        format!("reaches {} areas", facts.areas),
    );
    let nuisance = of_sign(Sign::Nuisance);
    community.add(
        c.community_report * nuisance.len().min(c.community_cap as usize) as f64,
        plural(
            nuisance.len(),
            "report of dealing or disorder at its addresses",
            "reports of dealing or disorder at its addresses",
        ),
    );

    let impact = crime_type.points
        + physical.points
        + psychological.points
        + financial.points
        + community.points;

    // Likelihood from recency; persistence from the span of its reports.
    let last_reported = counted.iter().map(|r| r.received).max();
    let first_reported = counted.iter().map(|r| r.received).min();
    let likelihood = match last_reported {
        Some(last) => {
            let days = (today - last).whole_days().max(0) as f64;
            let recency = 0.5f64.powf(days / config.half_life_days.max(1.0));
            config.likelihood_floor + (1.0 - config.likelihood_floor) * recency
        }
        None => config.likelihood_floor,
    };
    let months_active = match (first_reported, last_reported) {
        (Some(a), Some(b)) => (b - a).whole_days().max(0) as f64 / 30.44,
        _ => 0.0,
    };
    let persistence = 1.0
        + config.persistence_weight * (months_active / config.persistence_months.max(1.0)).min(1.0);

    // The organisation's position.
    let pos = &config.position;
    let mut position = 1.0;
    let mut position_factors = Vec::new();
    if children > 0 {
        position += pos.children_exploited;
        position_factors.push("children exploited: a duty to safeguard".to_string());
    }
    if firearm.is_some() {
        position += pos.firearms;
        position_factors.push("firearms: a risk to the public".to_string());
    }
    if counted.iter().any(|r| r.source_type == SourceType::Partner) {
        position += pos.partner_raised;
        position_factors.push("raised by a partner agency".to_string());
    }

    // Confidence from the evidence's grading and independence.
    let reliance = if facts.reports.is_empty() {
        0.0
    } else {
        facts.reports.iter().map(|r| r.reliance).sum::<f64>() / facts.reports.len() as f64
    };
    let independent: BTreeSet<String> = counted.iter().map(|r| source_key(r)).collect();
    let confidence = if reliance >= 0.6 && independent.len() >= 3 {
        Confidence::High
    } else if reliance >= 0.4 && independent.len() >= 2 {
        Confidence::Medium
    } else {
        Confidence::Low
    };

    let score = impact * likelihood * persistence * position;
    let mut items: Vec<&Item> = [
        &crime_type,
        &physical,
        &psychological,
        &financial,
        &community,
    ]
    .into_iter()
    .flat_map(|s| s.items.iter())
    .collect();
    items.sort_by(|a, b| b.points.total_cmp(&a.points));
    let reasons = items.iter().take(6).map(|i| i.reason.clone()).collect();

    let round = |x: f64| (x * 10.0).round() / 10.0;
    Harm {
        score: round(score),
        rank: 0,
        reasons,
        impact: round(impact),
        crime_type,
        physical,
        psychological,
        financial,
        community,
        likelihood: (likelihood * 1000.0).round() / 1000.0,
        last_reported,
        persistence: (persistence * 1000.0).round() / 1000.0,
        months_active: round(months_active),
        position: (position * 1000.0).round() / 1000.0,
        position_factors,
        confidence,
        evidence_reliance: (reliance * 1000.0).round() / 1000.0,
        independent_sources: independent.len(),
        reports: facts.reports.len(),
        config_version: config.version.clone(),
    }
}

/// Ranks assessments for the master list: 1 is the highest score; ties go to the key that
/// sorts first, so a rank never depends on the order the threats were assessed in.
pub fn rank<K: Ord>(harms: &mut [(K, Harm)]) {
    let mut order: Vec<usize> = (0..harms.len()).collect();
    order.sort_by(|&a, &b| {
        harms[b]
            .1
            .score
            .total_cmp(&harms[a].1.score)
            .then_with(|| harms[a].0.cmp(&harms[b].0))
    });
    for (place, i) in order.into_iter().enumerate() {
        harms[i].1.rank = place as u32 + 1;
    }
}
