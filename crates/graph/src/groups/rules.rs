//! The rules that turn Leiden communities into draft groups: which community is a county
//! line, an exploitation network or an organised crime group, who of it is involved, which
//! drafts one enterprise split in two, where people left outside every group belong, and a
//! line's other numbers.

use super::evidence::{Component, EXPLOITATION};
use super::{Draft, GroupKind, MAX_STEPS};
use crate::input::IndicatorFamily;
use model::{CrimeType, EntityKind, LinkType, PersonRole};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Decides what a community is, if anything.
pub(super) fn classify(
    c: &Component,
    community: &[usize],
    membership: &[u32],
    deal_lines: &[(usize, Vec<usize>, usize)],
) -> Option<Draft> {
    let rules = c.rules;
    let involved: BTreeSet<usize> = community
        .iter()
        .copied()
        .filter(|&i| c.involved(i))
        .collect();
    let core = c.prune(involved.clone());
    if core.is_empty() {
        return None;
    }
    // The tied core, and the community's other involved people it reaches in a few steps
    // through phones, vehicles, places and people, whose crime it shares.
    let reach = c.reach(&core, MAX_STEPS);
    let joining: Vec<usize> = involved
        .iter()
        .copied()
        .filter(|i| reach.contains_key(i) && compatible(c, *i, &core, &[]))
        .collect();
    let mut core = core;
    core.extend(joining);
    // A deal line belongs to the community most of its users are in.
    let here = membership[community[0]];
    let lines: Vec<(usize, Vec<usize>, usize)> = deal_lines
        .iter()
        .filter(|(_, users, _)| {
            let mut count: BTreeMap<u32, usize> = BTreeMap::new();
            for &u in users {
                *count.entry(membership[u]).or_default() += 1;
            }
            count
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .is_some_and(|(m, _)| m == here)
        })
        .cloned()
        .collect();
    if !lines.is_empty() && core.len() >= rules.min_members {
        let mut reasons = Vec::new();
        for (phone, users, drug_reports) in &lines {
            reasons.push(format!(
                "deal line {} used by {} people in {} drugs reports",
                c.value(*phone)
                    .map_or_else(|| c.id(*phone).to_string(), String::clone),
                users.len(),
                drug_reports
            ));
        }
        return Some(Draft {
            kind: GroupKind::CountyLine,
            persons: core,
            deal_lines: lines,
            reasons,
        });
    }

    // Exploitation: someone controlling or moving others, and several exploited people.
    let controllers: Vec<usize> = core
        .iter()
        .copied()
        .filter(|&i| {
            let p = &c.persons[i];
            p.offending > 0.0
                && p.victimhood < p.offending
                && c.links(i).iter().any(|l| {
                    l.outgoing && matches!(l.link, LinkType::Controls | LinkType::Transports)
                })
        })
        .collect();
    let victims: Vec<usize> = core
        .iter()
        .copied()
        .filter(|&i| {
            let p = &c.persons[i];
            p.victimhood >= rules.min_victimhood
                && (p.exploitation_exposure() > 0.0
                    || EXPLOITATION.iter().any(|t| p.crime_of(*t) > 0.0))
        })
        .collect();
    if !controllers.is_empty() && victims.len() >= rules.min_victims {
        let family = dominant_family(c, &victims);
        let reasons = vec![format!(
            "{} controlling or moving others; {} exploited people{}",
            controllers.len(),
            victims.len(),
            family.map_or(String::new(), |f| format!(" ({})", f.as_str()))
        )];
        return Some(Draft {
            kind: GroupKind::ExploitationNetwork,
            persons: core,
            deal_lines: Vec::new(),
            reasons,
        });
    }

    // Organised crime: enough offenders who offend together again and again.
    let offenders: BTreeSet<usize> = core
        .iter()
        .copied()
        .filter(|&i| c.persons[i].offending >= rules.min_offending)
        .collect();
    if offenders.len() < rules.min_members {
        return None;
    }
    let joint = joint_reports(c, &offenders);
    if joint.len() < rules.min_joint_reports {
        return None;
    }
    // Children offending together (cautioned friends) are not an organised crime group.
    let adults = offenders
        .iter()
        .filter(|&&i| !c.persons[i].is_child())
        .count();
    if adults < 2 {
        return None;
    }
    // Persistence: an explicit criminal link between offenders, the same two offending
    // together again, or a place, phone or vehicle several of them are linked to.
    if !has_structure(c, &offenders, &joint) {
        return None;
    }
    let organised_reports = c
        .reports
        .iter()
        .filter(|(slot, r)| {
            r.organised
                && c.net
                    .stored(**slot)
                    .nodes
                    .iter()
                    .any(|v| c.local.get(v).is_some_and(|i| offenders.contains(i)))
        })
        .count();
    Some(Draft {
        kind: GroupKind::Ocg,
        persons: offenders,
        deal_lines: Vec::new(),
        reasons: vec![format!(
            "{} reports of organised crime types; {} of them with two or more members together",
            organised_reports,
            joint.len()
        )],
    })
}

/// Whether offenders show the structure of a group rather than chance meetings: an explicit
/// `controls`, `supplies`, `transports` or `associates_with` link between two of them, a pair
/// offending together in two or more reports, or an object explicitly linked to two or more.
pub(super) fn has_structure(
    c: &Component,
    offenders: &BTreeSet<usize>,
    joint: &BTreeSet<u32>,
) -> bool {
    let criminal = [
        LinkType::Controls,
        LinkType::Supplies,
        LinkType::Transports,
        LinkType::AssociatesWith,
    ];
    for &i in offenders {
        if c.links(i)
            .iter()
            .any(|l| offenders.contains(&l.other) && criminal.contains(&l.link))
        {
            return true;
        }
    }
    let mut pairs: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for &slot in joint {
        let together: BTreeSet<usize> = c
            .net
            .stored(slot)
            .nodes
            .iter()
            .filter_map(|v| c.local.get(v).copied())
            .filter(|i| offenders.contains(i))
            .collect();
        let together: Vec<usize> = together.into_iter().collect();
        for a in 0..together.len() {
            for b in a + 1..together.len() {
                *pairs.entry((together[a], together[b])).or_default() += 1;
            }
        }
    }
    if pairs.values().any(|&n| n >= 2) {
        return true;
    }
    c.objects_near(offenders).into_iter().any(|o| {
        c.links(o)
            .iter()
            .filter(|l| offenders.contains(&l.other))
            .map(|l| l.other)
            .collect::<BTreeSet<_>>()
            .len()
            >= 2
    })
}

/// Joins drafts of the same kind (exploitation networks, organised crime groups) that one
/// criminal enterprise split: an explicit `controls`, `supplies`, `transports` or
/// `associates_with` link between their people, or a place, phone or vehicle explicitly linked
/// to people of both.
pub(super) fn merge_split(c: &Component, drafts: Vec<Draft>) -> Vec<Draft> {
    let criminal = [
        LinkType::Controls,
        LinkType::Supplies,
        LinkType::Transports,
        LinkType::AssociatesWith,
    ];
    let mut owner: HashMap<usize, usize> = HashMap::new();
    for (g, d) in drafts.iter().enumerate() {
        for &i in &d.persons {
            owner.insert(i, g);
        }
    }
    let mut parent: Vec<usize> = (0..drafts.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    // A part of a county line that Leiden split off — its trap houses and their victims, or
    // some runners — joins the line when its crime is the line's.
    let line_crime: Vec<bool> = drafts
        .iter()
        .map(|d| {
            let mut all = 0.0;
            let mut line = 0.0;
            for &i in &d.persons {
                for (t, w) in &c.persons[i].crime {
                    all += w;
                    if matches!(
                        t,
                        CrimeType::DrugsCountyLines
                            | CrimeType::ChildCriminalExploitation
                            | CrimeType::MshtCriminal
                    ) {
                        line += w;
                    }
                }
            }
            all > 0.0 && line >= 0.3 * all
        })
        .collect();
    // Lines held by each root, so that two county lines are never joined, even through a third
    // draft.
    let mut lines: Vec<usize> = drafts
        .iter()
        .map(|d| usize::from(d.kind == GroupKind::CountyLine))
        .collect();
    let join = |parent: &mut Vec<usize>, lines: &mut Vec<usize>, a: usize, b: usize| {
        let (ka, kb) = (drafts[a].kind, drafts[b].kind);
        let allowed = if ka == GroupKind::CountyLine || kb == GroupKind::CountyLine {
            line_crime[a] && line_crime[b]
        } else {
            ka == kb
        };
        let (ra, rb) = (root(parent, a), root(parent, b));
        if allowed && ra != rb && lines[ra] + lines[rb] <= 1 {
            let (keep, gone) = (ra.min(rb), ra.max(rb));
            parent[gone] = keep;
            lines[keep] += lines[gone];
        }
    };
    // One line on two numbers: county lines whose deal lines the same person controls.
    let controllers: Vec<BTreeSet<usize>> = drafts
        .iter()
        .map(|d| {
            d.deal_lines
                .iter()
                .flat_map(|(phone, _, _)| c.links(*phone))
                .filter(|l| l.link == LinkType::Controls && !l.outgoing && c.is_person(l.other))
                .map(|l| l.other)
                .collect()
        })
        .collect();
    for a in 0..drafts.len() {
        for b in a + 1..drafts.len() {
            if !controllers[a].is_disjoint(&controllers[b]) {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                if ra != rb {
                    let (keep, gone) = (ra.min(rb), ra.max(rb));
                    parent[gone] = keep;
                    lines[keep] = lines[keep].max(lines[gone]);
                }
            }
        }
    }
    for (g, d) in drafts.iter().enumerate() {
        for &i in &d.persons {
            for l in c.links(i) {
                if let Some(&h) = owner.get(&l.other)
                    && h != g
                    && criminal.contains(&l.link)
                {
                    join(&mut parent, &mut lines, g, h);
                }
            }
        }
    }
    let everyone: BTreeSet<usize> = owner.keys().copied().collect();
    for o in c.objects_near(&everyone) {
        let owners: BTreeSet<usize> = c
            .links(o)
            .iter()
            .filter_map(|l| owner.get(&l.other).copied())
            .collect();
        let owners: Vec<usize> = owners.into_iter().collect();
        for w in owners.windows(2) {
            join(&mut parent, &mut lines, w[0], w[1]);
        }
    }
    let mut merged: BTreeMap<usize, Draft> = BTreeMap::new();
    for (g, d) in drafts.into_iter().enumerate() {
        let r = root(&mut parent, g);
        match merged.get_mut(&r) {
            Some(into) => {
                if d.kind == GroupKind::CountyLine {
                    into.kind = GroupKind::CountyLine;
                }
                into.persons.extend(d.persons);
                into.deal_lines.extend(d.deal_lines);
                into.deal_lines.sort_by_key(|(p, _, _)| *p);
                into.deal_lines.dedup_by_key(|(p, _, _)| *p);
                into.reasons.extend(d.reasons);
            }
            None => {
                merged.insert(r, d);
            }
        }
    }
    merged.into_values().collect()
}

/// Reports of an organised crime type in which two or more of `people` take part (not as
/// witnesses or victims) or are linked to each other.
pub(super) fn joint_reports(c: &Component, people: &BTreeSet<usize>) -> BTreeSet<u32> {
    let mut joint = BTreeSet::new();
    for (&slot, info) in &c.reports {
        if !info.organised {
            continue;
        }
        let e = &c.net.stored(slot).evidence;
        let taking_part: BTreeSet<usize> = e
            .persons
            .iter()
            .filter(|p| !matches!(p.role, PersonRole::Witness | PersonRole::Victim))
            .filter_map(|p| {
                let v = c.net.node(&p.person).ok()?;
                c.local.get(&v).copied()
            })
            .filter(|i| people.contains(i))
            .collect();
        if taking_part.len() >= 2 {
            joint.insert(slot);
        }
    }
    joint
}

pub(super) fn dominant_family(c: &Component, people: &[usize]) -> Option<IndicatorFamily> {
    let mut weight: BTreeMap<IndicatorFamily, f64> = BTreeMap::new();
    for &i in people {
        for (f, w) in &c.persons[i].families {
            if f.is_exploitation() {
                *weight.entry(*f).or_default() += w;
            }
        }
    }
    weight
        .into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(f, _)| f)
}

/// People with criminal or exploitation evidence whose community made no group join the group
/// that reaches them in the fewest steps (see [`Component::reach`]), the most tied to them
/// among equals, when they share its crime or are linked to it as a criminal.
pub(super) fn attach_orphans(c: &Component, drafts: &mut [Draft]) {
    if drafts.is_empty() {
        return;
    }
    let placed: BTreeSet<usize> = drafts
        .iter()
        .flat_map(|d| d.persons.iter().copied())
        .collect();
    let reaches: Vec<BTreeMap<usize, usize>> = drafts
        .iter()
        .map(|d| c.reach(&d.persons, MAX_STEPS))
        .collect();
    let mut joins: Vec<(usize, usize)> = Vec::new();
    for i in 0..c.nodes.len() {
        if !c.involved(i) || placed.contains(&i) {
            continue;
        }
        let best = (0..drafts.len())
            .filter_map(|g| {
                let steps = *reaches[g].get(&i)?;
                let d = &drafts[g];
                compatible(c, i, &d.persons, &d.deal_lines)
                    .then(|| (g, steps, c.tie(i, &d.persons)))
            })
            .min_by(|a, b| a.1.cmp(&b.1).then(b.2.total_cmp(&a.2)).then(a.0.cmp(&b.0)));
        if let Some((g, _, _)) = best {
            joins.push((i, g));
        }
    }
    for (i, g) in joins {
        drafts[g].persons.insert(i);
    }
}

/// Whether a person may join a group of `persons` (with these deal lines): a crime type in
/// common (among the types that make up a tenth or more of the group's evidence), or an
/// explicit criminal link to one of its people or lines.
pub(super) fn compatible(
    c: &Component,
    i: usize,
    persons: &BTreeSet<usize>,
    deal_lines: &[(usize, Vec<usize>, usize)],
) -> bool {
    let criminal = [
        LinkType::Controls,
        LinkType::Supplies,
        LinkType::Transports,
        LinkType::AssociatesWith,
        LinkType::UsesPhone,
    ];
    let linked = c.links(i).iter().any(|l| {
        criminal.contains(&l.link)
            && (persons.contains(&l.other) || deal_lines.iter().any(|(p, _, _)| *p == l.other))
    });
    if linked {
        return true;
    }
    let mut crime: BTreeMap<CrimeType, f64> = BTreeMap::new();
    for &j in persons {
        for (t, w) in &c.persons[j].crime {
            *crime.entry(*t).or_default() += w;
        }
    }
    let total: f64 = crime.values().sum();
    c.persons[i]
        .crime
        .keys()
        .any(|t| *t != CrimeType::Other && crime.get(t).is_some_and(|w| *w >= 0.1 * total))
}

/// A line's other numbers: a phone its people control, or two or more of them use, in a drugs
/// report — a line that moved to a new number keeps few users on the old one. A phone that is
/// already a deal line stays with its line; one claimed by two lines goes to the one more of
/// whose people use it.
pub(super) fn add_secondary_lines(c: &Component, drafts: &mut [Draft]) {
    let primary: BTreeSet<usize> = drafts
        .iter()
        .flat_map(|d| d.deal_lines.iter().map(|(p, _, _)| *p))
        .collect();
    let mut claims: BTreeMap<usize, Vec<(usize, Vec<usize>, usize)>> = BTreeMap::new();
    for (g, d) in drafts.iter().enumerate() {
        if d.kind != GroupKind::CountyLine {
            continue;
        }
        for o in c.objects_near(&d.persons) {
            if c.kind(o) != EntityKind::Phone || primary.contains(&o) {
                continue;
            }
            let links = c.links(o);
            let users: BTreeSet<usize> = links
                .iter()
                .filter(|l| {
                    matches!(l.link, LinkType::UsesPhone | LinkType::Controls)
                        && d.persons.contains(&l.other)
                })
                .map(|l| l.other)
                .collect();
            let controlled = links.iter().any(|l| {
                l.link == LinkType::Controls && !l.outgoing && d.persons.contains(&l.other)
            });
            let drug_reports = c.net.node_reports[c.nodes[o] as usize]
                .iter()
                .filter(|s| c.reports[s].drugs)
                .count();
            if drug_reports >= 1 && (controlled || users.len() >= 2) {
                claims
                    .entry(o)
                    .or_default()
                    .push((g, users.into_iter().collect(), drug_reports));
            }
        }
    }
    for (phone, claimants) in claims {
        if let Some((g, users, drug_reports)) = claimants
            .into_iter()
            .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(&a.0)))
        {
            drafts[g].deal_lines.push((phone, users, drug_reports));
        }
    }
    for d in drafts.iter_mut() {
        d.deal_lines.sort_by_key(|(p, _, _)| *p);
    }
}
