//! The harm assessment: what raises harm, what lowers it, and that every sub-score is kept.

use assess::harm::{Confidence, HarmConfigError};
use assess::{
    Category, Harm, HarmConfig, HarmCue, ReportFacts, Sign, ThreatFacts, ThreatKind, Victim,
    assess_harm, rank,
};
use model::{CrimeType, SourceType};
use time::macros::date;

const TODAY: time::Date = date!(2026 - 06 - 01);

fn report(n: u32, received: time::Date, reliance: f64, cues: Vec<HarmCue>) -> ReportFacts {
    ReportFacts {
        report: format!("R-{n}"),
        received,
        source_type: SourceType::Officer,
        source_org: None,
        reliance,
        crime_types: vec![CrimeType::DrugsCountyLines],
        cues,
    }
}

fn cue(sign: Sign, quote: &str) -> HarmCue {
    HarmCue {
        sign,
        quote: quote.to_string(),
    }
}

fn victim(n: u32, child: bool, category: Category) -> Victim {
    Victim {
        person: format!("per_{n:06}"),
        child,
        category: Some(category),
        wages_or_debt: false,
    }
}

fn line(victims: Vec<Victim>, reports: Vec<ReportFacts>) -> ThreatFacts {
    ThreatFacts {
        kind: ThreatKind::CountyLine,
        crime_types: vec![CrimeType::DrugsCountyLines],
        members: 6,
        victims,
        reports,
        deal_lines: vec!["+447700900123".to_string()],
        cuckooed_addresses: 1,
        areas: 1,
    }
}

fn recent_reports() -> Vec<ReportFacts> {
    (0..4)
        .map(|i| report(i, date!(2026 - 05 - 01), 0.85, Vec::new()))
        .collect()
}

fn assess(facts: &ThreatFacts) -> Harm {
    assess_harm(facts, &HarmConfig::shipped(), TODAY)
}

#[test]
fn sub_scores_add_up_to_the_impact_and_each_item_to_its_sub_score() {
    let mut reports = recent_reports();
    reports[0]
        .cues
        .push(cue(Sign::Violence, "stabbed in the leg"));
    reports[1]
        .cues
        .push(cue(Sign::Weapon, "carrying a machete"));
    reports[2]
        .cues
        .push(cue(Sign::Control, "told he owes £500"));
    let h = assess(&line(
        vec![
            victim(1, true, Category::ChildCriminalExploitation),
            victim(2, false, Category::Cuckooing),
        ],
        reports,
    ));
    let subs = [
        &h.crime_type,
        &h.physical,
        &h.psychological,
        &h.financial,
        &h.community,
    ];
    let total: f64 = subs.iter().map(|s| s.points).sum();
    assert!((total - h.impact).abs() < 0.1, "{total} vs {}", h.impact);
    for s in subs {
        let items: f64 = s.items.iter().map(|i| i.points).sum();
        assert!((items - s.points).abs() < 1e-9);
    }
    let expected = h.impact * h.likelihood * h.persistence * h.position;
    assert!(
        (h.score - expected).abs() < 0.2,
        "{} vs {expected}",
        h.score
    );
    assert!(
        h.reasons.iter().any(|r| r == "1 exploited child"),
        "{:?}",
        h.reasons
    );
    assert!(h.reasons.iter().any(|r| r.contains("stabbed in the leg")));
    assert_eq!(h.config_version, HarmConfig::shipped().version);
}

#[test]
fn children_weigh_more_than_adults() {
    let children = assess(&line(
        vec![
            victim(1, true, Category::ChildCriminalExploitation),
            victim(2, true, Category::ChildCriminalExploitation),
        ],
        recent_reports(),
    ));
    let adults = assess(&line(
        vec![
            victim(1, false, Category::CriminalExploitation),
            victim(2, false, Category::CriminalExploitation),
        ],
        recent_reports(),
    ));
    assert!(children.score > adults.score);
    assert!(
        children.position > adults.position,
        "a duty to safeguard children"
    );
}

#[test]
fn a_firearm_is_told_from_a_blade_by_its_words_and_by_a_firearms_report() {
    let mut gun = recent_reports();
    gun[0].cues.push(cue(Sign::Weapon, "showed a handgun"));
    let mut knife = recent_reports();
    knife[0]
        .cues
        .push(cue(Sign::Weapon, "carrying a large knife"));
    let mut by_type = recent_reports();
    by_type[0].crime_types.push(CrimeType::Firearms);
    let (g, k, t) = (
        assess(&line(Vec::new(), gun)),
        assess(&line(Vec::new(), knife)),
        assess(&line(Vec::new(), by_type)),
    );
    assert!(
        g.physical
            .items
            .iter()
            .any(|i| i.reason.starts_with("firearm reported 2026-05"))
    );
    assert!(
        k.physical
            .items
            .iter()
            .any(|i| i.reason.starts_with("weapons carried"))
    );
    assert!(
        !k.physical
            .items
            .iter()
            .any(|i| i.reason.starts_with("firearm"))
    );
    assert!(
        t.physical
            .items
            .iter()
            .any(|i| i.reason.contains("a firearms report"))
    );
    assert!(g.score > k.score);
}

#[test]
fn old_harm_is_less_likely_to_go_on_and_long_harm_persists() {
    let old: Vec<ReportFacts> = (0..4)
        .map(|i| report(i, date!(2023 - 05 - 01), 0.85, Vec::new()))
        .collect();
    let recent = assess(&line(Vec::new(), recent_reports()));
    let stale = assess(&line(Vec::new(), old));
    assert!(recent.likelihood > stale.likelihood);
    assert!(stale.likelihood >= HarmConfig::shipped().likelihood_floor);
    assert!(recent.score > stale.score);

    let mut long = recent_reports();
    long[0].received = date!(2024 - 05 - 01);
    let long = assess(&line(Vec::new(), long));
    assert!(long.months_active > 23.0);
    assert!(long.persistence > recent.persistence);
}

#[test]
fn a_report_graded_suspected_false_counts_only_towards_confidence() {
    let mut reports = recent_reports();
    reports.push(report(
        9,
        date!(2026 - 05 - 20),
        0.02,
        vec![cue(Sign::Weapon, "had a gun")],
    ));
    let h = assess(&line(Vec::new(), reports));
    assert!(!h.physical.items.iter().any(|i| i.reason.contains("gun")));
    assert_eq!(h.reports, 5);
    assert!(h.evidence_reliance < 0.85);
}

#[test]
fn confidence_rises_with_grading_and_independent_sources() {
    let strong = assess(&line(Vec::new(), recent_reports()));
    assert_eq!(strong.confidence, Confidence::High);
    let one_weak = assess(&line(
        Vec::new(),
        vec![ReportFacts {
            source_type: SourceType::Community,
            ..report(1, date!(2026 - 05 - 01), 0.28, Vec::new())
        }],
    ));
    assert_eq!(one_weak.confidence, Confidence::Low);
    // A weak picture of a harmful group still shows the harm; confidence qualifies it.
    assert!(one_weak.impact > 0.0);
}

#[test]
fn repeated_violence_is_capped_so_one_group_cannot_run_away_with_the_list() {
    let config = HarmConfig::shipped();
    let reports: Vec<ReportFacts> = (0..40)
        .map(|i| {
            report(
                i,
                date!(2026 - 05 - 01),
                0.85,
                vec![cue(Sign::Violence, "assaulted")],
            )
        })
        .collect();
    let h = assess_harm(&line(Vec::new(), reports), &config, TODAY);
    let violence = h
        .physical
        .items
        .iter()
        .find(|i| i.reason.starts_with("40 violent incidents"))
        .expect("violence counted");
    assert_eq!(
        violence.points,
        config.physical.violent_report * f64::from(config.physical.violence_cap)
    );
}

#[test]
fn fraud_harms_its_victims_financially() {
    let facts = ThreatFacts {
        kind: ThreatKind::Ocg,
        crime_types: vec![CrimeType::Fraud],
        members: 4,
        victims: (0..5)
            .map(|i| Victim {
                person: format!("per_{i}"),
                child: false,
                category: None,
                wages_or_debt: false,
            })
            .collect(),
        reports: recent_reports(),
        deal_lines: Vec::new(),
        cuckooed_addresses: 0,
        areas: 2,
    };
    let h = assess(&facts);
    assert!(
        h.financial
            .items
            .iter()
            .any(|i| i.reason == "5 victims of fraud or financial abuse")
    );
    assert!(h.physical.points == 0.0);
    assert!(
        h.community
            .items
            .iter()
            .any(|i| i.reason == "reaches 2 areas")
    );
}

#[test]
fn ranks_are_by_score_with_ties_broken_by_key() {
    let high = assess(&line(
        vec![victim(1, true, Category::ChildCriminalExploitation)],
        recent_reports(),
    ));
    let low = assess(&line(Vec::new(), recent_reports()));
    let mut list = vec![
        ("grp_0003", low.clone()),
        ("grp_0001", high),
        ("grp_0002", low),
    ];
    rank(&mut list);
    let ranks: Vec<(&str, u32)> = list.iter().map(|(k, h)| (*k, h.rank)).collect();
    assert_eq!(
        ranks,
        vec![("grp_0003", 3), ("grp_0001", 1), ("grp_0002", 2)]
    );
}

#[test]
fn a_matrix_without_every_crime_type_is_refused() {
    let shipped = include_str!("../data/harm.toml");
    let without = shipped.replace("cyber = 10\n", "");
    match HarmConfig::from_toml(&without) {
        Err(HarmConfigError::MissingCrimeType(CrimeType::Cyber)) => {}
        other => panic!("expected a missing crime type, got {other:?}"),
    }
    let unknown = shipped.replace("cyber = 10\n", "cyber = 10\nbank_robbery = 3\n");
    assert!(HarmConfig::from_toml(&unknown).is_err());
}
