//! Demand against capacity: each officer's harm-weighted load against what they can carry, and
//! the gaps the inspectors look for — officers over capacity, untrained or unmentored officers
//! holding threats, officers holding threats outside their skills, and threats without an
//! officer.

use crate::config::OperationsConfig;
use crate::officer::{Competence, Officer, OfficerId};
use crate::threat::{Threat, ThreatId, weigh};
use serde::Serialize;
use std::collections::BTreeMap;
use time::Date;

/// A threat as the picture lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Held {
    pub threat: ThreatId,
    pub label: String,
    pub rank: usize,
    pub weight: u32,
    pub band: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OfficerPicture {
    pub officer: OfficerId,
    pub name: String,
    pub active: bool,
    pub capacity: u32,
    pub load: u32,
    /// In harm order.
    pub threats: Vec<Held>,
    pub competence: Competence,
    /// Threats held whose principal crime type needs a skill they lack.
    pub outside_skills: Vec<ThreatId>,
}

impl OfficerPicture {
    pub fn overloaded(&self) -> bool {
        self.load > self.capacity
    }

    /// Load as a share of capacity (an officer of no capacity holding anything is infinitely
    /// over).
    pub fn utilisation(&self) -> f64 {
        if self.capacity == 0 {
            if self.load == 0 { 0.0 } else { f64::INFINITY }
        } else {
            f64::from(self.load) / f64::from(self.capacity)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Picture {
    pub officers: Vec<OfficerPicture>,
    /// Threats with no active officer, in harm order, with whom they were last held by if
    /// that officer is no longer available.
    pub without_officer: Vec<(Held, Option<OfficerId>)>,
    /// The harm-weighted demand of every active threat.
    pub demand: u32,
    /// The capacity of every active officer.
    pub capacity: u32,
}

impl Picture {
    pub fn overloaded(&self) -> Vec<&OfficerPicture> {
        self.officers.iter().filter(|o| o.overloaded()).collect()
    }

    pub fn holding(&self) -> impl Iterator<Item = &OfficerPicture> {
        self.officers.iter().filter(|o| !o.threats.is_empty())
    }

    /// Officers holding threats without the LRO course in date.
    pub fn untrained_holding(&self) -> Vec<&OfficerPicture> {
        self.holding().filter(|o| !o.competence.trained()).collect()
    }

    /// Of those, the ones nobody is mentoring either.
    pub fn untrained_unmentored_holding(&self) -> Vec<&OfficerPicture> {
        self.holding()
            .filter(|o| !o.competence.trained() && !o.competence.mentored())
            .collect()
    }

    pub fn threats_held(&self) -> usize {
        self.officers.iter().map(|o| o.threats.len()).sum()
    }
}

/// The picture on `today` of these threats (the active master list), officers and current
/// allocations.
pub fn picture(
    rules: &OperationsConfig,
    threats: &[Threat],
    officers: &[Officer],
    current: &BTreeMap<ThreatId, OfficerId>,
    today: Date,
) -> Picture {
    let weights = weigh(threats, &rules.harm_weight);
    let mut out: Vec<OfficerPicture> = officers
        .iter()
        .map(|o| OfficerPicture {
            officer: o.id,
            name: o.name.clone(),
            active: o.active,
            capacity: o.capacity,
            load: 0,
            threats: Vec::new(),
            competence: o.competence(rules, today),
            outside_skills: Vec::new(),
        })
        .collect();
    let mut without = Vec::new();
    let mut order: Vec<usize> = (0..threats.len()).collect();
    order.sort_by_key(|&i| weights[i].rank);
    for i in order {
        let t = &threats[i];
        let held = Held {
            threat: t.id.clone(),
            label: t.label.clone(),
            rank: weights[i].rank,
            weight: weights[i].weight,
            band: weights[i].band,
        };
        let holder = current.get(&t.id);
        match holder.and_then(|id| officers.iter().position(|o| o.id == *id)) {
            Some(j) if officers[j].active => {
                let skill = t.principal().and_then(|p| rules.skill_for(p));
                if skill.is_some_and(|s| !officers[j].skills.contains(&s.id)) {
                    out[j].outside_skills.push(t.id.clone());
                }
                out[j].load += held.weight;
                out[j].threats.push(held);
            }
            _ => without.push((held, holder.copied())),
        }
    }
    Picture {
        demand: weights.iter().map(|w| w.weight).sum(),
        capacity: officers
            .iter()
            .filter(|o| o.active)
            .map(|o| o.capacity)
            .sum(),
        officers: out,
        without_officer: without,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::officer::officer;
    use crate::threat::threat;
    use model::CrimeType::*;
    use time::macros::date;

    #[test]
    fn the_gaps_an_inspector_would_find() {
        let rules = OperationsConfig::shipped();
        let threats = vec![
            threat("grp_0001", &[DrugsCountyLines], Some(90.0)),
            threat("grp_0002", &[MshtLabour], Some(80.0)),
            threat("grp_0003", &[DrugsCountyLines], Some(50.0)),
            threat("grp_0004", &[Fraud], Some(20.0)),
            threat("grp_0005", &[Fraud], None),
        ];
        let mut gone = officer(3, &["economic_crime"], 6, Some(date!(2025 - 01 - 01)));
        gone.active = false;
        let officers = vec![
            officer(1, &["county_lines"], 4, Some(date!(2025 - 01 - 01))),
            officer(2, &["county_lines"], 6, None),
            gone,
        ];
        let current: BTreeMap<ThreatId, OfficerId> = [
            ("grp_0001", 1),
            ("grp_0002", 1),
            ("grp_0003", 2),
            ("grp_0004", 3),
        ]
        .into_iter()
        .map(|(t, o)| (ThreatId::try_from(t).unwrap(), OfficerId(o)))
        .collect();
        let p = picture(&rules, &threats, &officers, &current, date!(2026 - 12 - 01));
        // Weights: 3 (high), 2 (medium), 1, 1 (low), 2 (unassessed).
        assert_eq!((p.demand, p.capacity), (9, 10));
        assert_eq!(p.officers[0].load, 5);
        assert_eq!(
            p.overloaded().iter().map(|o| o.officer).collect::<Vec<_>>(),
            vec![OfficerId(1)]
        );
        assert_eq!(
            p.officers[0].outside_skills,
            vec![ThreatId::try_from("grp_0002").unwrap()]
        );
        assert_eq!(p.untrained_unmentored_holding().len(), 1);
        let without: Vec<(&str, Option<OfficerId>)> = p
            .without_officer
            .iter()
            .map(|(h, o)| (h.threat.as_str(), *o))
            .collect();
        assert_eq!(
            without,
            vec![("grp_0004", Some(OfficerId(3))), ("grp_0005", None)]
        );
    }
}
