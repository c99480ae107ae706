//! The demonstration's lead responsible officers: a simulated roster (names are drawn by the
//! caller from the simulator, so no real person appears) with the skills, training, mentoring
//! and capacity a force's SOC teams typically have — including the gaps the inspectors found:
//! an expired course, an untrained officer under a mentor, one with none, one on leave. And,
//! once there are threats on a master list, the allocations the force "had" before Sightline:
//! the two officers holding the most matching threats are loaded past their capacity, one
//! unmentored officer holds a threat, and the two lowest-harm threats have nobody — so that a
//! governance lead has something to put right.

use crate::error::Failure;
use crate::ops::RULES;
use operations::threat::weigh;
use operations::{Threat, ThreatId};
use std::collections::BTreeMap;
use store::Store;
use time::{Date, Duration};

/// One officer of the roster, apart from their name.
struct Shape {
    rank: &'static str,
    team: &'static str,
    skills: &'static [&'static str],
    capacity: i64,
    /// Days before today the LRO course was completed, if ever.
    trained_days_ago: Option<i64>,
    /// Mentored by the roster officer at this index, with a session this many days ago.
    mentor: Option<(usize, i64)>,
    active: bool,
}

const ROSTER: [Shape; 10] = [
    Shape {
        rank: "DI",
        team: "County lines taskforce",
        skills: &["county_lines", "child_exploitation", "drugs_supply"],
        capacity: 8,
        trained_days_ago: Some(700),
        mentor: None,
        active: true,
    },
    Shape {
        rank: "DI",
        team: "Modern slavery unit",
        skills: &["modern_slavery", "county_lines", "organised_immigration"],
        capacity: 6,
        trained_days_ago: Some(420),
        mentor: None,
        active: true,
    },
    Shape {
        rank: "DS",
        team: "County lines taskforce",
        skills: &["county_lines", "drugs_supply"],
        capacity: 6,
        trained_days_ago: Some(250),
        mentor: None,
        active: true,
    },
    Shape {
        rank: "DS",
        team: "Economic crime unit",
        skills: &["economic_crime", "cyber"],
        capacity: 6,
        trained_days_ago: Some(900),
        mentor: None,
        active: true,
    },
    Shape {
        rank: "DI",
        team: "Serious violence",
        skills: &["firearms", "organised_violence", "county_lines"],
        capacity: 6,
        trained_days_ago: Some(500),
        mentor: None,
        active: true,
    },
    Shape {
        rank: "DS",
        team: "Modern slavery unit",
        skills: &["modern_slavery", "child_exploitation"],
        capacity: 5,
        trained_days_ago: Some(130),
        mentor: None,
        active: true,
    },
    Shape {
        rank: "DS",
        team: "Child exploitation team",
        skills: &["child_exploitation", "county_lines"],
        capacity: 4,
        trained_days_ago: None,
        mentor: Some((0, 9)),
        active: true,
    },
    Shape {
        rank: "DC",
        team: "Neighbourhood proactive",
        skills: &["drugs_supply", "acquisitive", "county_lines"],
        capacity: 3,
        trained_days_ago: None,
        mentor: None,
        active: true,
    },
    Shape {
        rank: "DS",
        team: "Economic crime unit",
        skills: &["economic_crime", "cyber"],
        capacity: 5,
        trained_days_ago: Some(1400),
        mentor: None,
        active: true,
    },
    Shape {
        rank: "DI",
        team: "County lines taskforce",
        skills: &["county_lines", "modern_slavery"],
        capacity: 6,
        trained_days_ago: Some(300),
        mentor: None,
        active: false,
    },
];

/// How many names [`seed_officers`] needs.
pub const ROSTER_SIZE: usize = ROSTER.len();

/// Stores the roster with these simulated names (one per officer); returns their ids.
pub async fn seed_officers(
    store: &dyn Store,
    names: &[String],
    today: Date,
    actor: &str,
) -> Result<Vec<i64>, Failure> {
    if names.len() < ROSTER.len() {
        return Err(Failure::BadRequest(format!(
            "the roster needs {} names",
            ROSTER.len()
        )));
    }
    let ops = store.operations();
    let mut ids = Vec::new();
    for (shape, name) in ROSTER.iter().zip(names) {
        let id = ops
            .add_officer(
                store::NewOfficer {
                    name: name.clone(),
                    rank: shape.rank.into(),
                    team: shape.team.into(),
                    skills: shape.skills.iter().map(|s| s.to_string()).collect(),
                    capacity: shape.capacity,
                    username: None,
                },
                actor,
            )
            .await?;
        if let Some(days) = shape.trained_days_ago {
            let on = (today - Duration::days(days)).to_string();
            ops.add_training(id, &RULES.training.lro_course, &on, None, actor)
                .await?;
        }
        ids.push(id);
    }
    for (i, shape) in ROSTER.iter().enumerate() {
        if let Some((mentor, last)) = shape.mentor {
            let m = ops
                .add_mentoring(
                    ids[mentor],
                    ids[i],
                    &(today - Duration::days(last + 60)).to_string(),
                    actor,
                )
                .await?;
            for ago in [last + 45, last + 20, last] {
                ops.add_mentoring_session(
                    m,
                    &(today - Duration::days(ago)).to_string(),
                    "case review and the 4P plan",
                    actor,
                )
                .await?;
            }
        }
        if !shape.active {
            ops.update_officer(
                ids[i],
                store::OfficerUpdate {
                    rank: shape.rank.into(),
                    team: shape.team.into(),
                    skills: shape.skills.iter().map(|s| s.to_string()).collect(),
                    capacity: shape.capacity,
                    active: false,
                },
                actor,
                "on extended leave",
            )
            .await?;
        }
    }
    Ok(ids)
}

/// Gives the threats the allocations a force might have had before Sightline (see the module
/// note); returns the threats allocated. Only threats without an officer are touched.
pub async fn seed_allocations(
    store: &dyn Store,
    threats: &[Threat],
    today: Date,
    actor: &str,
) -> Result<usize, Failure> {
    let ops = store.operations();
    let records = ops.officers().await?;
    let officers: Vec<operations::Officer> = records
        .iter()
        .map(crate::ops::officer_of)
        .collect::<Result<_, _>>()?;
    let held: std::collections::BTreeSet<String> = ops
        .allocations(true)
        .await?
        .into_iter()
        .map(|a| a.threat_id)
        .collect();
    let weights = weigh(threats, &RULES.harm_weight);
    let mut order: Vec<usize> = (0..threats.len()).collect();
    order.sort_by_key(|&i| weights[i].rank);
    let skill_of = |t: &Threat| {
        t.principal()
            .and_then(|c| RULES.skill_for(c))
            .map(|s| s.id.clone())
    };
    let holds =
        |o: &operations::Officer, t: &Threat| skill_of(t).is_none_or(|s| o.skills.contains(&s));
    let competent: Vec<bool> = officers
        .iter()
        .map(|o| o.competence(&RULES, today).trained())
        .collect();
    // The two trained, available officers with the skill for the most threats.
    let mut by_reach: Vec<usize> = (0..officers.len())
        .filter(|&j| officers[j].active && competent[j])
        .collect();
    // Those whose threats would most outweigh their capacity.
    by_reach.sort_by_key(|&j| {
        let could_hold: i64 = threats
            .iter()
            .zip(&weights)
            .filter(|(t, _)| holds(&officers[j], t))
            .map(|(_, w)| i64::from(w.weight))
            .sum();
        (
            std::cmp::Reverse(could_hold - i64::from(officers[j].capacity)),
            officers[j].id,
        )
    });
    let stretched: Vec<usize> = by_reach.into_iter().take(2).collect();
    let unmentored = (0..officers.len()).find(|&j| {
        let c = officers[j].competence(&RULES, today);
        officers[j].active && !c.trained() && !c.mentored()
    });
    let mut load = vec![0u32; officers.len()];
    let mut plan: BTreeMap<ThreatId, i64> = BTreeMap::new();
    let placeable: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| !held.contains(threats[i].id.as_str()))
        .collect();
    // The two lowest-harm threats are left without anyone.
    let keep_free = placeable.len().saturating_sub(2);
    for &i in placeable.iter().take(keep_free) {
        let t = &threats[i];
        let w = weights[i].weight;
        let over = |j: usize| load[j] > officers[j].capacity;
        let pick = stretched
            .iter()
            .copied()
            .find(|&j| holds(&officers[j], t) && !over(j))
            .or_else(|| unmentored.filter(|&j| load[j] == 0 && holds(&officers[j], t)))
            .or_else(|| {
                (0..officers.len()).find(|&j| {
                    officers[j].active
                        && !stretched.contains(&j)
                        && Some(j) != unmentored
                        && competent[j]
                        && holds(&officers[j], t)
                        && load[j] + w <= officers[j].capacity
                })
            })
            // Nobody else has room: the stretched carry it too.
            .or_else(|| stretched.iter().copied().find(|&j| holds(&officers[j], t)));
        if let Some(j) = pick {
            load[j] += w;
            plan.insert(t.id.clone(), officers[j].id.0);
        }
    }
    // A stretched officer the threats they hold did not take past capacity takes more from
    // the others, lowest harm first, until they are: the force's two busiest officers were
    // carrying too much.
    for &j in &stretched {
        for &i in placeable.iter().take(keep_free).rev() {
            if load[j] > officers[j].capacity {
                break;
            }
            let t = &threats[i];
            let Some(&from) = plan.get(&t.id) else {
                continue;
            };
            let from = officers.iter().position(|o| o.id.0 == from);
            let w = weights[i].weight;
            // Not from the unmentored officer, nor from the other stretched one unless they
            // stay over capacity without it.
            let may_take = |f: usize| {
                f != j
                    && Some(f) != unmentored
                    && (!stretched.contains(&f) || load[f] > officers[f].capacity + w)
            };
            if from.is_none_or(|f| !may_take(f)) || !holds(&officers[j], t) {
                continue;
            }
            if let Some(f) = from {
                load[f] -= w;
            }
            load[j] += w;
            plan.insert(t.id.clone(), officers[j].id.0);
        }
    }
    let changes: Vec<store::AllocationChange> = plan
        .into_iter()
        .map(|(t, o)| store::AllocationChange {
            threat_id: t.to_string(),
            officer_id: Some(o),
            basis: "direct".into(),
            reason: "allocated before Sightline (demonstration)".into(),
        })
        .collect();
    ops.set_allocations(&changes, actor, "demonstration: allocations as they stood")
        .await?;
    Ok(changes.len())
}
