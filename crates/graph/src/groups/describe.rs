//! Naming what a draft group is: each member's role and the reasons for it, the deal lines,
//! the places, phones and vehicles it uses (cuckooed addresses marked), its crime types, its
//! key and its label.

use super::evidence::{Component, PersonInfo};
use super::{DealLine, Draft, Group, GroupKind, GroupObject, GroupRole, Member};
use crate::input::IndicatorFamily;
use model::{CrimeType, EntityKind, LinkType, LocationType, ReportRef};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Names roles, objects, crime types, label and reasons of a draft group.
pub(super) fn describe(c: &Component, d: Draft) -> Group {
    let persons: Vec<usize> = d.persons.iter().copied().collect();
    let deal_phones: BTreeSet<usize> = d.deal_lines.iter().map(|(p, _, _)| *p).collect();
    let mut roles: BTreeMap<usize, (GroupRole, Vec<String>)> = BTreeMap::new();

    let (controller, controller_reasons) = match pick_controller(c, &persons, &deal_phones) {
        Some((i, reasons)) => (Some(i), reasons),
        None => (None, Vec::new()),
    };
    match d.kind {
        GroupKind::CountyLine => {
            for &i in &persons {
                let p = &c.persons[i];
                let mut reasons = Vec::new();
                let uses_line = c
                    .links(i)
                    .iter()
                    .filter(|l| deal_phones.contains(&l.other))
                    .map(|l| l.report)
                    .collect::<BTreeSet<_>>()
                    .len();
                if uses_line > 0 {
                    reasons.push(format!("linked to the deal line in {uses_line} reports"));
                }
                let role = if Some(i) == controller {
                    reasons.extend(controller_reasons.iter().cloned());
                    GroupRole::Controller
                } else if holds_line(c, i, controller) && p.cce_victim_reports == 0 {
                    reasons.push(format!("a suspect in {} reports", p.subject_reports));
                    if controlled_by(c, i, controller) {
                        reasons.push("controlled or supplied by the controller".to_string());
                    }
                    let out = count_out_links(c, i, &[LinkType::Controls, LinkType::Supplies]);
                    if out > 0 {
                        reasons.push(format!("controls or supplies others in {out} reports"));
                    }
                    GroupRole::LineHolder
                } else if p.is_child() {
                    reasons.push(format!(
                        "a child (age {} or under)",
                        p.youngest.unwrap_or(17)
                    ));
                    runner_reasons(p, &mut reasons);
                    GroupRole::Runner
                } else if p.subject_reports == 0
                    && p.victimhood >= c.rules.min_victimhood
                    && p.youngest.is_none_or(|y| y > YOUNG)
                {
                    reasons.push(format!(
                        "exploited in {} reports, never a suspect",
                        p.victim_reports.max(1)
                    ));
                    if let Some(home) = home_used_by_line(c, i, &d.persons) {
                        reasons.push(format!("lives at {}, which the line uses", c.id(home)));
                    }
                    if p.family(IndicatorFamily::Cuckooing) > 0.0 {
                        reasons.push("cuckooing indicators".to_string());
                    }
                    GroupRole::Victim
                } else if p.youngest.is_some_and(|y| y <= YOUNG) || p.cce_victim_reports > 0 {
                    if let Some(y) = p.youngest {
                        reasons.push(format!("aged {y} or under"));
                    }
                    runner_reasons(p, &mut reasons);
                    GroupRole::Runner
                } else if uses_line > 0
                    || controlled_by(c, i, controller)
                    || count_out_links(c, i, &[LinkType::Controls, LinkType::Supplies]) > 0
                    || p.subject_reports >= 2
                {
                    reasons.push(format!("a suspect in {} reports", p.subject_reports));
                    if controlled_by(c, i, controller) {
                        reasons.push("controlled or supplied by the controller".to_string());
                    }
                    GroupRole::LineHolder
                } else {
                    reasons.push(tie_reason(c, i, &persons));
                    GroupRole::Associate
                };
                roles.insert(i, (role, reasons));
            }
        }
        GroupKind::ExploitationNetwork => {
            for &i in &persons {
                let p = &c.persons[i];
                let mut reasons = Vec::new();
                let controls = count_out_links(c, i, &[LinkType::Controls]);
                let transports = count_out_links(c, i, &[LinkType::Transports]);
                let role = if p.victimhood >= c.rules.min_victimhood && p.victimhood >= p.offending
                {
                    reasons.push(format!("exploited in {} reports", p.victim_reports.max(1)));
                    for f in p.families.keys().filter(|f| f.is_exploitation()) {
                        reasons.push(format!("{} indicators", f.as_str()));
                    }
                    GroupRole::Victim
                } else if controls > 0 {
                    reasons.push(format!("controls others in {controls} reports"));
                    GroupRole::Controller
                } else if transports > 0 {
                    reasons.push(format!("transports others in {transports} reports"));
                    GroupRole::Member
                } else {
                    reasons.push(tie_reason(c, i, &persons));
                    GroupRole::Associate
                };
                roles.insert(i, (role, reasons));
            }
        }
        GroupKind::Ocg => {
            for &i in &persons {
                let p = &c.persons[i];
                let mut reasons = Vec::new();
                let role = if Some(i) == controller {
                    reasons.extend(controller_reasons.iter().cloned());
                    GroupRole::Controller
                } else if p.subject_reports >= 2 || p.offending >= 2.0 * c.rules.min_offending {
                    reasons.push(format!("offends in {} reports", p.subject_reports));
                    GroupRole::Member
                } else {
                    reasons.push(tie_reason(c, i, &persons));
                    GroupRole::Associate
                };
                roles.insert(i, (role, reasons));
            }
        }
    }

    // Objects the members use: phones, vehicles and places joined to two or more members, or
    // to one member by an explicit link in a report of the group's crime.
    let member_set: BTreeSet<usize> = persons.iter().copied().collect();
    let victims: BTreeSet<usize> = roles
        .iter()
        .filter(|(_, (r, _))| *r == GroupRole::Victim)
        .map(|(i, _)| *i)
        .collect();
    let mut objects = Vec::new();
    for o in c.objects_near(&member_set) {
        if deal_phones.contains(&o) {
            continue;
        }
        let linked: BTreeSet<usize> = c
            .links(o)
            .iter()
            .filter(|l| member_set.contains(&l.other))
            .map(|l| l.other)
            .collect();
        if linked.len() < 2 {
            continue;
        }
        let cuckooed = d.kind == GroupKind::CountyLine
            && c.kind(o) == EntityKind::Location
            && c.links(o).iter().any(|l| {
                victims.contains(&l.other)
                    && matches!(l.link, LinkType::LivesAt | LinkType::StaysAt)
            })
            && linked.iter().any(|m| !victims.contains(m));
        objects.push(GroupObject {
            entity: c.id(o).clone(),
            kind: c.kind(o),
            value: c.value(o).cloned(),
            cuckooed,
        });
    }

    // Crime types of the members' reports, strongest first.
    let mut crime: BTreeMap<CrimeType, f64> = BTreeMap::new();
    for &i in &persons {
        for (t, w) in &c.persons[i].crime {
            if *t != CrimeType::Other {
                *crime.entry(*t).or_default() += w;
            }
        }
    }
    match d.kind {
        GroupKind::CountyLine => {
            crime.entry(CrimeType::DrugsCountyLines).or_insert(f64::MAX);
        }
        GroupKind::ExploitationNetwork | GroupKind::Ocg => {}
    }
    let total: f64 = crime.values().filter(|w| **w < f64::MAX).sum();
    let mut crime_types: Vec<(CrimeType, f64)> = crime
        .into_iter()
        .filter(|(_, w)| *w == f64::MAX || *w >= 0.05 * total)
        .collect();
    crime_types.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let crime_types: Vec<CrimeType> = crime_types.into_iter().map(|(t, _)| t).collect();

    let mut report_slots: BTreeSet<u32> = BTreeSet::new();
    for &i in &persons {
        report_slots.extend(c.net.node_reports[c.nodes[i] as usize].iter().copied());
    }
    let mut reports: Vec<ReportRef> = report_slots
        .into_iter()
        .map(|s| c.net.report_ref(s).clone())
        .collect();
    reports.sort();

    let mut members: Vec<Member> = roles
        .into_iter()
        .map(|(i, (role, reasons))| Member {
            person: c.id(i).clone(),
            role,
            reasons,
        })
        .collect();
    members.sort_by(|a, b| a.role.cmp(&b.role).then(a.person.cmp(&b.person)));

    let deal_lines: Vec<DealLine> = d
        .deal_lines
        .iter()
        .map(|(phone, users, drug_reports)| DealLine {
            phone: c.id(*phone).clone(),
            number: c.value(*phone).cloned(),
            users: users.iter().map(|u| c.id(*u).clone()).collect(),
            drug_reports: *drug_reports,
        })
        .collect();

    let anchor = match (d.kind, deal_lines.first(), members.first()) {
        (GroupKind::CountyLine, Some(line), _) => line.phone.to_string(),
        (_, _, Some(first)) if first.role == GroupRole::Controller => first.person.to_string(),
        _ => members
            .iter()
            .map(|m| m.person.as_str())
            .min()
            .unwrap_or_default()
            .to_string(),
    };
    let key = format!("{}:{anchor}", d.kind.as_str());
    let label = label(c, &d, &deal_lines, &members, &objects, &crime_types);
    Group {
        key,
        kind: d.kind,
        label,
        crime_types,
        members,
        deal_lines,
        objects,
        reports,
        reasons: d.reasons,
    }
}

/// The person with the strongest evidence of control: `controls` links out (to the deal line
/// above all), `supplies`, and associations they are the subject of; with the reasons.
pub(super) fn pick_controller(
    c: &Component,
    persons: &[usize],
    deal_phones: &BTreeSet<usize>,
) -> Option<(usize, Vec<String>)> {
    let mut best: Option<(usize, f64, Vec<String>)> = None;
    for &i in persons {
        let p = &c.persons[i];
        if p.is_child() || p.victimhood > p.offending {
            continue;
        }
        let mut score = 0.0;
        let mut controls_line = BTreeSet::new();
        let mut controls_people = BTreeSet::new();
        let mut supplies = BTreeSet::new();
        for l in c.links(i) {
            if !l.outgoing {
                continue;
            }
            match l.link {
                LinkType::Controls if deal_phones.contains(&l.other) => {
                    score += 3.0 * l.weight;
                    controls_line.insert(l.report);
                }
                LinkType::Controls => {
                    score += 2.0 * l.weight;
                    controls_people.insert(l.report);
                }
                LinkType::Supplies => {
                    score += 1.5 * l.weight;
                    supplies.insert(l.report);
                }
                LinkType::AssociatesWith => score += 0.5 * l.weight,
                _ => {}
            }
        }
        if score <= 0.0 {
            continue;
        }
        let mut reasons = Vec::new();
        if !controls_line.is_empty() {
            reasons.push(format!(
                "controls the deal line in {} reports",
                controls_line.len()
            ));
        }
        if !controls_people.is_empty() {
            reasons.push(format!(
                "controls others in {} reports",
                controls_people.len()
            ));
        }
        if !supplies.is_empty() {
            reasons.push(format!("supplies others in {} reports", supplies.len()));
        }
        if reasons.is_empty() {
            reasons.push("named as associating with other members".to_string());
        }
        if best.as_ref().is_none_or(|(_, s, _)| score > *s) {
            best = Some((i, score, reasons));
        }
    }
    best.map(|(i, _, r)| (i, r))
}

/// The upper age at or under which an adult member of a county line is taken for a runner
/// rather than a line holder.
pub(super) const YOUNG: u8 = 19;

pub(super) fn runner_reasons(p: &PersonInfo, reasons: &mut Vec<String>) {
    if p.cce_victim_reports > 0 {
        reasons.push(format!(
            "a victim of child criminal exploitation in {} reports",
            p.cce_victim_reports
        ));
    }
    if p.family(IndicatorFamily::ChildCriminalExploitation) > 0.0 {
        reasons.push("child criminal exploitation indicators".to_string());
    }
    if p.subject_reports > 0 {
        reasons.push(format!(
            "stopped or arrested in {} reports",
            p.subject_reports
        ));
    }
}

/// A place person `i` lives at that other people of the line are linked to: a cuckooed home.
pub(super) fn home_used_by_line(
    c: &Component,
    i: usize,
    persons: &BTreeSet<usize>,
) -> Option<usize> {
    c.links(i)
        .into_iter()
        .filter(|l| l.link == LinkType::LivesAt && c.kind(l.other) == EntityKind::Location)
        .map(|l| l.other)
        .find(|&home| {
            c.links(home)
                .iter()
                .any(|l| l.other != i && persons.contains(&l.other))
        })
}

/// Evidence of holding a line: controlled or supplied by its controller, or controlling or
/// supplying others.
pub(super) fn holds_line(c: &Component, i: usize, controller: Option<usize>) -> bool {
    controlled_by(c, i, controller)
        || count_out_links(c, i, &[LinkType::Controls, LinkType::Supplies]) > 0
}

pub(super) fn controlled_by(c: &Component, i: usize, controller: Option<usize>) -> bool {
    controller.is_some_and(|k| {
        c.links(i).iter().any(|l| {
            l.other == k && !l.outgoing && matches!(l.link, LinkType::Controls | LinkType::Supplies)
        })
    })
}

pub(super) fn count_out_links(c: &Component, i: usize, types: &[LinkType]) -> usize {
    c.links(i)
        .iter()
        .filter(|l| l.outgoing && types.contains(&l.link))
        .map(|l| l.report)
        .collect::<BTreeSet<_>>()
        .len()
}

/// Why a person with no defining role is in the group: their strongest tie to a member.
pub(super) fn tie_reason(c: &Component, i: usize, persons: &[usize]) -> String {
    let mut best: Option<(usize, f64)> = None;
    for &j in persons {
        if j == i {
            continue;
        }
        let w = c.weight(i, j);
        if w > 0.0 && best.is_none_or(|(_, b)| w > b) {
            best = Some((j, w));
        }
    }
    match best {
        Some((j, _)) => {
            let n = c
                .edge_evidence(i, j)
                .iter()
                .map(|e| e.report)
                .collect::<BTreeSet<_>>()
                .len();
            format!("linked to {} in {n} reports", c.id(j))
        }
        None => "linked to members through shared phones, vehicles or places".to_string(),
    }
}

pub(super) fn label(
    c: &Component,
    d: &Draft,
    deal_lines: &[DealLine],
    members: &[Member],
    objects: &[GroupObject],
    crime_types: &[CrimeType],
) -> String {
    let controller = members
        .iter()
        .find(|m| m.role == GroupRole::Controller)
        .map(|m| {
            c.net
                .entity(&m.person)
                .and_then(|e| e.value.clone())
                .unwrap_or_else(|| m.person.to_string())
        });
    let mut label = String::new();
    match d.kind {
        GroupKind::CountyLine => {
            let numbers: Vec<String> = deal_lines
                .iter()
                .map(|l| l.number.clone().unwrap_or_else(|| l.phone.to_string()))
                .collect();
            let _ = write!(label, "county line on {}", numbers.join(", "));
        }
        GroupKind::ExploitationNetwork => {
            let what = crime_types
                .iter()
                .find_map(|t| match t {
                    CrimeType::MshtLabour => Some("labour"),
                    CrimeType::MshtSexual | CrimeType::ChildSexualExploitation => Some("sexual"),
                    CrimeType::MshtCriminal | CrimeType::ChildCriminalExploitation => {
                        Some("criminal")
                    }
                    CrimeType::MshtDomesticServitude => Some("domestic servitude"),
                    _ => None,
                })
                .unwrap_or("exploitation");
            // A workplace names a labour network best; failing that, the first address.
            let places = || {
                objects
                    .iter()
                    .filter(|o| o.kind == EntityKind::Location && o.value.is_some())
            };
            let place = places()
                .find(|o| {
                    c.net.entity(&o.entity).and_then(|e| e.location_type)
                        == Some(LocationType::Business)
                })
                .or_else(|| places().next())
                .and_then(|o| o.value.clone());
            let _ = match (place, &controller) {
                (Some(p), _) => write!(label, "{what} exploitation network at {p}"),
                (None, Some(who)) => write!(label, "{what} exploitation network around {who}"),
                (None, None) => write!(label, "{what} exploitation network"),
            };
        }
        GroupKind::Ocg => {
            let what = crime_types
                .first()
                .map_or("organised crime".to_string(), |t| {
                    t.as_str().replace('_', " ")
                });
            let _ = match &controller {
                Some(who) => write!(label, "{what} group around {who}"),
                None => write!(label, "{what} group"),
            };
        }
    }
    label
}
