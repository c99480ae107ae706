//! The threat master list step of `analyse`: every detected group, and every person or deal
//! line an analyst has promoted, assessed for harm (`assess::harm`, MoRiLE-shaped) from what the
//! resolved picture holds of it — the people it exploits (children apart), the reports that
//! concern it with their gradings and the violence, weapons and control their text speaks of,
//! its deal lines, the homes it has taken over, its size and reach — and ranked.
//!
//! The list is the force's: it is built from the full groups, and the store keeps it apart from
//! what a partner may be shown. Each threat keeps its whole assessment and the reports it rests
//! on, so that a reviewer can see why it ranks where it does.

use assess::{Category, HarmConfig, ReportFacts, ThreatFacts, ThreatKind, Victim};
use model::CrimeType;
use std::collections::{BTreeSet, HashMap};
use store::{Promotion, StoredGroup, ThreatRow};

/// Indicators that mean a person's wages are taken or that they are held by a debt.
const WAGES_OR_DEBT: [&str; 4] = [
    "wages_withheld",
    "debt_bondage",
    "debt_to_olders",
    "debt_control",
];

/// Whether an indicator (by its taxonomy id) means wages taken or debt bondage.
pub(crate) fn wages_or_debt(indicator: &str) -> bool {
    WAGES_OR_DEBT.contains(&indicator)
}

/// What the master list needs of one resolved person.
#[derive(Debug, Clone, Default)]
pub(crate) struct PersonBase {
    pub name: String,
    /// Flagged as possibly exploited, with the categories of exploitation, strongest first.
    pub flagged: bool,
    pub categories: Vec<Category>,
    /// A child at the time of at least one report.
    pub child: bool,
    pub wages_or_debt: bool,
    /// The reports that mention them.
    pub reports: Vec<String>,
}

/// One report as the master list reads it.
#[derive(Debug, Clone)]
pub(crate) struct ReportBase {
    pub facts: ReportFacts,
    pub area: Option<String>,
    /// The persons it mentions.
    pub persons: Vec<String>,
    /// Those it records as victims (in its structured fields).
    pub victims: Vec<String>,
}

/// The resolved picture, as far as harm is concerned.
#[derive(Debug, Default)]
pub(crate) struct Picture {
    pub reports: HashMap<String, ReportBase>,
    pub persons: HashMap<String, PersonBase>,
    /// The reports each phone (`phn_…`) is mentioned in.
    pub phone_reports: HashMap<String, Vec<String>>,
}

fn kind_of(kind: &str) -> ThreatKind {
    match kind {
        "county_line" => ThreatKind::CountyLine,
        "exploitation_network" => ThreatKind::ExploitationNetwork,
        _ => ThreatKind::Ocg,
    }
}

/// The exploitation a victim with no category of their own suffers, by what the threat is.
fn fallback_category(kind: ThreatKind, crime_types: &[CrimeType], child: bool) -> Option<Category> {
    let has = |c: CrimeType| crime_types.contains(&c);
    if has(CrimeType::MshtSexual) || has(CrimeType::ChildSexualExploitation) {
        return Some(Category::SexualExploitation);
    }
    if has(CrimeType::MshtLabour) {
        return Some(Category::LabourExploitation);
    }
    if has(CrimeType::MshtDomesticServitude) {
        return Some(Category::DomesticServitude);
    }
    let drugs = kind == ThreatKind::CountyLine
        || has(CrimeType::DrugsCountyLines)
        || has(CrimeType::ChildCriminalExploitation)
        || has(CrimeType::MshtCriminal);
    if drugs {
        return Some(if child {
            Category::ChildCriminalExploitation
        } else {
            Category::CriminalExploitation
        });
    }
    if has(CrimeType::Fraud) || has(CrimeType::MoneyLaundering) {
        // A victim of a fraud: a financial harm, not exploitation.
        return None;
    }
    child.then_some(Category::ChildCriminalExploitation)
}

/// The threat's crime types, most harmful first.
fn principal_first(
    types: impl IntoIterator<Item = CrimeType>,
    config: &HarmConfig,
) -> Vec<CrimeType> {
    let mut types: Vec<CrimeType> = types
        .into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let weight = |c: &CrimeType| config.crime_type.get(c).copied().unwrap_or(0.0);
    types.sort_by(|a, b| weight(b).total_cmp(&weight(a)).then(a.cmp(b)));
    types
}

/// A draft of one threat: its facts and how it is named.
struct Draft {
    id: String,
    kind: ThreatKind,
    subject: String,
    label: String,
    facts: ThreatFacts,
}

fn group_draft(g: &StoredGroup, picture: &Picture) -> Draft {
    let kind = kind_of(&g.kind);
    let crime_types: Vec<CrimeType> = g
        .crime_types
        .iter()
        .filter_map(|c| c.parse().ok())
        .collect();
    let mut victims = Vec::new();
    for m in &g.members {
        let base = picture.persons.get(&m.person_id);
        let flagged = base.is_some_and(|b| b.flagged);
        let child = base.is_some_and(|b| b.child);
        let exploiter = matches!(m.role.as_str(), "controller" | "line_holder");
        let victim = m.role == "victim"
            || (m.role == "runner" && (child || flagged))
            || (flagged && !exploiter);
        if !victim {
            continue;
        }
        let category = base
            .filter(|b| b.flagged)
            .and_then(|b| b.categories.first().copied())
            .or_else(|| fallback_category(kind, &crime_types, child));
        victims.push(Victim {
            person: m.person_id.clone(),
            child,
            category,
            wages_or_debt: base.is_some_and(|b| b.wages_or_debt),
        });
    }
    let reports: Vec<&ReportBase> = g
        .reports
        .iter()
        .filter_map(|r| picture.reports.get(&r.report_ref))
        .collect();
    // The people its reports record as its victims, though not of it: the targets of a fraud,
    // the person assaulted.
    let members: BTreeSet<&str> = g.members.iter().map(|m| m.person_id.as_str()).collect();
    let recorded: BTreeSet<&str> = reports
        .iter()
        .flat_map(|r| r.victims.iter().map(String::as_str))
        .filter(|p| !members.contains(p))
        .collect();
    for person in recorded {
        let base = picture.persons.get(person);
        let child = base.is_some_and(|b| b.child);
        victims.push(Victim {
            person: person.to_string(),
            child,
            category: base
                .filter(|b| b.flagged)
                .and_then(|b| b.categories.first().copied())
                .or_else(|| fallback_category(kind, &crime_types, child)),
            wages_or_debt: base.is_some_and(|b| b.wages_or_debt),
        });
    }
    Draft {
        id: g.id.clone(),
        kind,
        subject: g.id.clone(),
        label: g.label.clone(),
        facts: ThreatFacts {
            kind,
            crime_types,
            members: g.members.len(),
            victims,
            deal_lines: g
                .deal_lines
                .iter()
                .map(|d| d.number.clone().unwrap_or_else(|| d.phone.clone()))
                .collect(),
            cuckooed_addresses: g.objects.iter().filter(|o| o.cuckooed).count(),
            areas: areas(&reports),
            reports: reports.iter().map(|r| r.facts.clone()).collect(),
        },
    }
}

fn areas(reports: &[&ReportBase]) -> usize {
    reports
        .iter()
        .filter_map(|r| r.area.as_deref())
        .collect::<BTreeSet<_>>()
        .len()
}

/// A promoted person's or deal line's threat: the reports that mention it, the people in
/// them, and those of them flagged as exploited as its victims.
fn promoted_draft(p: &Promotion, picture: &Picture, config: &HarmConfig) -> Option<Draft> {
    let (kind, id, label, report_refs, deal_lines) = match p.kind.as_str() {
        "person" => {
            let base = picture.persons.get(&p.subject);
            let name = base
                .map(|b| b.name.clone())
                .unwrap_or_else(|| p.subject.clone());
            (
                ThreatKind::Person,
                format!("thr_{}", p.subject),
                format!("person: {name}"),
                base.map(|b| b.reports.clone()).unwrap_or_default(),
                Vec::new(),
            )
        }
        "deal_line" => {
            let digits: String = p.subject.chars().filter(|c| c.is_ascii_digit()).collect();
            (
                ThreatKind::DealLine,
                format!("thr_dl_{digits}"),
                format!("deal line {}", p.subject),
                picture
                    .phone_reports
                    .get(&format!("phn_{digits}"))
                    .cloned()
                    .unwrap_or_default(),
                vec![p.subject.clone()],
            )
        }
        _ => return None,
    };
    let reports: Vec<&ReportBase> = report_refs
        .iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter_map(|r| picture.reports.get(r))
        .collect();
    let people: BTreeSet<&str> = reports
        .iter()
        .flat_map(|r| r.persons.iter().map(String::as_str))
        .collect();
    let crime_types = principal_first(
        reports
            .iter()
            .flat_map(|r| r.facts.crime_types.iter().copied()),
        config,
    );
    let victims = people
        .iter()
        .filter(|person| **person != p.subject)
        .filter_map(|person| {
            let b = picture.persons.get(*person).filter(|b| b.flagged)?;
            Some(Victim {
                person: person.to_string(),
                child: b.child,
                category: b
                    .categories
                    .first()
                    .copied()
                    .or_else(|| fallback_category(kind, &crime_types, b.child)),
                wages_or_debt: b.wages_or_debt,
            })
        })
        .collect();
    Some(Draft {
        id,
        kind,
        subject: p.subject.clone(),
        label,
        facts: ThreatFacts {
            kind,
            crime_types,
            members: people.len(),
            victims,
            deal_lines,
            cuckooed_addresses: 0,
            areas: areas(&reports),
            reports: reports.iter().map(|r| r.facts.clone()).collect(),
        },
    })
}

/// The master list: every group and every promotion in force, assessed and ranked, highest
/// harm first.
pub(crate) fn master_list(
    groups: &[StoredGroup],
    promotions: &[Promotion],
    picture: &Picture,
    config: &HarmConfig,
    today: time::Date,
) -> Vec<ThreatRow> {
    let mut drafts: Vec<Draft> = groups.iter().map(|g| group_draft(g, picture)).collect();
    drafts.extend(
        promotions
            .iter()
            .filter(|p| p.in_force())
            .filter_map(|p| promoted_draft(p, picture, config)),
    );
    let mut harms: Vec<(String, assess::Harm)> = drafts
        .iter()
        .map(|d| (d.id.clone(), assess::assess_harm(&d.facts, config, today)))
        .collect();
    assess::rank(&mut harms);
    let mut rows: Vec<ThreatRow> = drafts
        .into_iter()
        .zip(harms)
        .map(|(d, (_, harm))| {
            let crime_types = if d.facts.crime_types.is_empty() {
                principal_first(
                    d.facts
                        .reports
                        .iter()
                        .flat_map(|r| r.crime_types.iter().copied()),
                    config,
                )
            } else {
                d.facts.crime_types.clone()
            };
            ThreatRow {
                id: d.id,
                kind: d.kind.as_str().to_string(),
                subject: d.subject,
                label: d.label,
                crime_types: crime_types.iter().map(|c| c.as_str().to_string()).collect(),
                score: harm.score,
                rank: harm.rank as i64,
                confidence: harm.confidence.as_str().to_string(),
                reasons: harm.reasons.clone(),
                harm: serde_json::to_string(&harm).unwrap_or_default(),
                reports: d.facts.reports.iter().map(|r| r.report.clone()).collect(),
                assessed_at: String::new(),
            }
        })
        .collect();
    rows.sort_by_key(|r| r.rank);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use assess::HarmCue;
    use model::SourceType;
    use store::{GroupMemberRow, GroupReportRow, Visibility};

    fn report(id: &str, cues: Vec<HarmCue>) -> ReportBase {
        ReportBase {
            facts: ReportFacts {
                report: id.into(),
                received: time::macros::date!(2026 - 10 - 01),
                source_type: SourceType::Officer,
                source_org: None,
                reliance: 0.7,
                crime_types: vec![CrimeType::DrugsCountyLines],
                cues,
            },
            area: Some("North".into()),
            persons: vec!["per_1".into(), "per_2".into()],
            victims: Vec::new(),
        }
    }

    fn group(id: &str, members: &[(&str, &str)], reports: &[&str]) -> StoredGroup {
        StoredGroup {
            id: id.into(),
            visibility: Visibility::Full,
            key: id.into(),
            kind: "county_line".into(),
            label: format!("line {id}"),
            crime_types: vec!["drugs_county_lines".into()],
            reasons: Vec::new(),
            members: members
                .iter()
                .map(|(p, role)| GroupMemberRow {
                    person_id: p.to_string(),
                    role: role.to_string(),
                    reasons: Vec::new(),
                    reports: reports.iter().map(|r| r.to_string()).collect(),
                })
                .collect(),
            deal_lines: Vec::new(),
            objects: Vec::new(),
            reports: reports
                .iter()
                .map(|r| GroupReportRow {
                    report_ref: r.to_string(),
                    handling: model::HandlingCode::P,
                })
                .collect(),
        }
    }

    fn picture() -> Picture {
        let mut p = Picture::default();
        p.reports.insert("R-1".into(), report("R-1", Vec::new()));
        p.reports.insert(
            "R-2".into(),
            report(
                "R-2",
                vec![
                    HarmCue::from_indicator("violence", "stabbed him").expect("violence is a sign"),
                ],
            ),
        );
        p.persons.insert(
            "per_2".into(),
            PersonBase {
                name: "Child RUNNER".into(),
                child: true,
                reports: vec!["R-1".into(), "R-2".into()],
                ..PersonBase::default()
            },
        );
        p.persons.insert(
            "per_1".into(),
            PersonBase {
                name: "Older CONTROLLER".into(),
                reports: vec!["R-1".into(), "R-2".into()],
                ..PersonBase::default()
            },
        );
        p
    }

    #[test]
    fn a_group_exploiting_a_child_with_violence_ranks_above_one_without() {
        let pic = picture();
        let groups = [
            group("grp_0001", &[("per_1", "controller")], &["R-1"]),
            group(
                "grp_0002",
                &[("per_1", "controller"), ("per_2", "runner")],
                &["R-1", "R-2"],
            ),
        ];
        let rows = master_list(
            &groups,
            &[],
            &pic,
            &HarmConfig::shipped(),
            time::macros::date!(2026 - 12 - 01),
        );
        assert_eq!(rows[0].id, "grp_0002");
        assert_eq!(rows[0].rank, 1);
        assert_eq!(rows[1].rank, 2);
        assert!(rows[0].score > rows[1].score);
        let reasons = rows[0].reasons.join("; ");
        assert!(reasons.contains("1 exploited child"), "{reasons}");
        assert!(reasons.contains("stabbed him"), "{reasons}");
        let harm: assess::Harm = serde_json::from_str(&rows[0].harm).expect("the harm is JSON");
        assert_eq!(harm.rank, 1);
        assert_eq!(rows[0].reports, ["R-1", "R-2"]);
    }

    #[test]
    fn a_promoted_person_is_a_threat_of_their_own_until_withdrawn() {
        let mut pic = picture();
        pic.persons.get_mut("per_2").expect("per_2").flagged = true;
        let mut promotion = Promotion {
            id: 1,
            kind: "person".into(),
            subject: "per_1".into(),
            reason: "controls the line".into(),
            promoted_by: "analyst".into(),
            promoted_at: String::new(),
            withdrawn_by: None,
            withdrawn_at: None,
            withdrawn_reason: None,
        };
        let today = time::macros::date!(2026 - 12 - 01);
        let config = HarmConfig::shipped();
        let rows = master_list(&[], std::slice::from_ref(&promotion), &pic, &config, today);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].id, "thr_per_1");
        assert_eq!(rows[0].kind, "person");
        assert_eq!(rows[0].label, "person: Older CONTROLLER");
        assert!(
            rows[0]
                .reasons
                .iter()
                .any(|r| r.contains("exploited child"))
        );
        promotion.withdrawn_at = Some("2026-12-02T00:00:00Z".into());
        assert!(master_list(&[], &[promotion], &pic, &config, today).is_empty());
    }
}
