//! The simulator's output as its users see it: every line accepted by the exchange-v1 reader,
//! every mention in the truth, the same files for the same seed, noise that scales, indicator
//! wording from the halves asked for, and a truth that scores a perfect export as perfect.

use sim::phrases::PhraseUse;
use sim::score::{perfect_prediction, singleton_prediction};
use sim::{Config, Truth};
use std::collections::{HashMap, HashSet};

fn config(people: u32, seed: u64) -> Config {
    Config {
        people,
        groups: None,
        seed,
        noise: 1.0,
        phrases: PhraseUse::Both,
        threads: 2,
    }
}

struct Generated {
    intel: Vec<u8>,
    truth: Truth,
    summary: sim::Summary,
}

fn generate(config: &Config) -> Generated {
    let mut intel = Vec::new();
    let mut truth = Vec::new();
    let summary = sim::generate(config, &mut intel, &mut truth).expect("generates");
    let truth = Truth::from_reader(truth.as_slice()).expect("truth reads back");
    Generated {
        intel,
        truth,
        summary,
    }
}

fn lines(intel: &[u8]) -> impl Iterator<Item = &[u8]> {
    intel.split(|b| *b == b'\n').filter(|l| !l.is_empty())
}

/// Every line is accepted by the reader `sightline ingest` uses, and the truth holds exactly
/// the person mentions the lines hold.
fn check_accepted_and_covered(config: &Config) {
    let g = generate(config);
    let mut refs = HashSet::new();
    let mut mentions = HashSet::new();
    let mut reports = 0;
    for (i, line) in lines(&g.intel).enumerate() {
        let accepted = ingest::parse_line(line, i as u64 + 1).unwrap_or_else(|r| {
            panic!(
                "line {} rejected: {r}\n{}",
                i + 1,
                String::from_utf8_lossy(line)
            )
        });
        let r = &accepted.report;
        assert!(
            refs.insert(r.report_ref.to_string()),
            "{} twice",
            r.report_ref
        );
        for p in &r.persons {
            mentions.insert(format!("{}#{}", r.report_ref, p.id));
        }
        reports += 1;
    }
    assert_eq!(reports, g.summary.reports);
    let mut in_truth = HashSet::new();
    for p in &g.truth.persons {
        assert!(!p.mentions.is_empty(), "{} is never mentioned", p.id);
        for m in &p.mentions {
            assert!(in_truth.insert(m.clone()), "{m} belongs to two people");
        }
    }
    assert_eq!(in_truth, mentions);
    assert_eq!(g.truth.persons.len() as u32, config.people);
    assert_eq!(g.summary.person_mentions as usize, mentions.len());
    // Every group's members and every report it claims exist.
    let ids: HashSet<&str> = g.truth.persons.iter().map(|p| p.id.as_str()).collect();
    for group in &g.truth.groups {
        assert!(group.members.iter().all(|m| ids.contains(m.as_str())));
        assert!(
            group.reports.iter().all(|r| refs.contains(r)),
            "{}",
            group.id
        );
        assert!(
            group.reports.len() >= group.members.len() / 2,
            "{}",
            group.id
        );
        if group.kind == "county_line" {
            assert!(!group.deal_lines.is_empty());
            assert!(group.deal_lines.iter().all(|d| d.starts_with("+4477009")));
        }
    }
}

#[test]
fn every_line_is_accepted_and_every_mention_has_a_true_person() {
    check_accepted_and_covered(&config(3_000, 1));
    let mut clean = config(1_500, 2);
    clean.noise = 0.0;
    check_accepted_and_covered(&clean);
    let mut noisy = config(1_500, 3);
    noisy.noise = 3.0;
    check_accepted_and_covered(&noisy);
}

/// Two runs of the same configuration give the same bytes, whatever the thread count.
fn check_deterministic(a: &Config, b: &Config, same: bool) {
    let x = generate(a);
    let y = generate(b);
    assert_eq!(x.intel == y.intel, same);
    assert_eq!(x.truth == y.truth, same);
}

#[test]
fn the_same_seed_gives_the_same_files() {
    let one = config(2_000, 7);
    let mut threads = one.clone();
    threads.threads = 1;
    check_deterministic(&one, &threads, true);
    let mut other = one.clone();
    other.seed = 8;
    check_deterministic(&one, &other, false);
}

/// The share of named person mentions whose name does not read back as the true name: the
/// surname, and the first forename among the forenames.
fn name_error_rate(noise: f64) -> f64 {
    let mut c = config(2_000, 5);
    c.noise = noise;
    let g = generate(&c);
    let true_name: HashMap<&str, (String, String)> = g
        .truth
        .persons
        .iter()
        .flat_map(|p| {
            let n = model::PersonName::parse(&p.name).expect("true names parse");
            let key = (
                n.first_forename_key().unwrap_or_default(),
                n.surname_key().unwrap_or_default(),
            );
            p.mentions.iter().map(move |m| (m.as_str(), key.clone()))
        })
        .collect();
    let (mut named, mut wrong) = (0, 0);
    for (i, line) in lines(&g.intel).enumerate() {
        let r = ingest::parse_line(line, i as u64 + 1)
            .expect("accepted")
            .report;
        for p in &r.persons {
            let Some(name) = &p.name else { continue };
            if name.surname.is_none() || name.forenames.is_empty() || name.forename_is_initial() {
                continue;
            }
            named += 1;
            let id = format!("{}#{}", r.report_ref, p.id);
            let (forename, surname) = &true_name[id.as_str()];
            let forenames: Vec<String> = name.key().split(' ').map(str::to_string).collect();
            if name.surname_key().as_ref() != Some(surname) || !forenames.contains(forename) {
                wrong += 1;
            }
        }
    }
    assert!(named > 1_000, "{named}");
    f64::from(wrong) / f64::from(named)
}

#[test]
fn noise_scales_the_errors() {
    let clean = name_error_rate(0.0);
    let normal = name_error_rate(1.0);
    let heavy = name_error_rate(2.5);
    assert_eq!(clean, 0.0);
    assert!(normal > 0.05, "{normal}");
    assert!(heavy > normal * 1.5, "{heavy} vs {normal}");
}

/// Indicator wording comes from the halves asked for, and the truth's spans hold it.
fn check_wording(phrases: PhraseUse, expected: &[&str]) {
    let mut c = config(1_500, 9);
    c.phrases = phrases;
    let g = generate(&c);
    let mut texts: HashMap<String, String> = HashMap::new();
    for (i, line) in lines(&g.intel).enumerate() {
        let r = ingest::parse_line(line, i as u64 + 1)
            .expect("accepted")
            .report;
        texts.insert(r.report_ref.to_string(), r.text);
    }
    let bank = sim::PhraseBank::embedded().unwrap();
    let families: HashSet<&str> = bank.indicators.iter().map(|i| i.family.as_str()).collect();
    let mut halves = HashSet::new();
    let mut seen_families = HashSet::new();
    assert!(g.truth.indicators.len() > 100);
    for ind in &g.truth.indicators {
        let text = &texts[&ind.report];
        let span = &text[ind.start as usize..ind.end as usize];
        assert!(!span.is_empty() && !span.contains('{'), "{span:?}");
        assert!(families.contains(ind.family.as_str()));
        seen_families.insert(ind.family.clone());
        halves.insert(ind.half.clone());
    }
    assert_eq!(seen_families.len(), families.len(), "{seen_families:?}");
    let expected: HashSet<String> = expected.iter().map(|s| s.to_string()).collect();
    assert_eq!(halves, expected);
}

#[test]
fn wording_comes_from_the_halves_asked_for() {
    check_wording(PhraseUse::HeldOut, &["held_out"]);
    check_wording(PhraseUse::Training, &["training"]);
    check_wording(PhraseUse::Both, &["training", "held_out"]);
}

#[test]
fn the_truth_scores_a_perfect_export_as_perfect_and_singletons_as_no_recall() {
    let g = generate(&config(2_000, 4));
    let (persons, groups) = perfect_prediction(&g.truth);
    let s = sim::score(&g.truth, &persons, &groups);
    let one = |v: Option<f64>| v.is_some_and(|v| (v - 1.0).abs() < 1e-9);
    assert!(one(s.resolution.pairwise.f1) && one(s.resolution.bcubed.f1));
    assert!(one(s.victims.recall) && one(s.victims.precision));
    assert!(one(s.groups.mean_best_jaccard) && one(s.groups.found_matching));
    assert!(one(s.groups.deal_lines_found) && one(s.groups.harm_spearman));
    assert!(
        s.lookalikes
            .values()
            .all(|l| l.false_flag_rate == Some(0.0))
    );
    assert_eq!(s.lookalikes.len(), 4);

    let s = sim::score(&g.truth, &singleton_prediction(&g.truth), &[]);
    assert_eq!(s.resolution.pairwise.recall, Some(0.0));
    assert_eq!(s.victims.recall, Some(0.0));
}

#[test]
fn the_world_holds_the_picture_the_issue_asks_for() {
    let g = generate(&config(20_000, 2026));
    let kinds: HashSet<&str> = g.truth.groups.iter().map(|g| g.kind.as_str()).collect();
    assert_eq!(kinds.len(), 3, "{kinds:?}");
    for source in [
        "officer",
        "community",
        "partner",
        "chis",
        "crimestoppers",
        "agency",
    ] {
        assert!(g.summary.reports_by_source[source] > 10, "{source}");
    }
    let victims: HashSet<String> = g
        .truth
        .persons
        .iter()
        .filter_map(|p| p.victim.map(|v| v.as_str().to_string()))
        .collect();
    assert_eq!(victims.len(), 4, "{victims:?}");
    // Community reports are vague: most name nobody.
    let mut community = 0;
    let mut named = 0;
    let mut handling_c = 0;
    let mut orgs = HashSet::new();
    for (i, line) in lines(&g.intel).enumerate() {
        let r = ingest::parse_line(line, i as u64 + 1)
            .expect("accepted")
            .report;
        if r.grading.handling == model::HandlingCode::C {
            handling_c += 1;
            assert!(r.grading.conditions.is_some());
        }
        if let Some(org) = &r.source_org {
            orgs.insert(org.clone());
        }
        if r.source_type == model::SourceType::Community {
            community += 1;
            if r.persons
                .iter()
                .any(|p| p.name.as_ref().is_some_and(|n| n.surname.is_some()))
            {
                named += 1;
            }
        }
    }
    assert!(
        community > 100 && named * 2 < community,
        "{named} of {community}"
    );
    assert!(handling_c > 20, "{handling_c}");
    assert!(orgs.contains("Gangmasters and Labour Abuse Authority"));
    assert!(orgs.iter().any(|o| o.contains("Council")));
    assert!(
        orgs.iter()
            .any(|o| o.contains("NHS") || o.contains("Hospital"))
    );
}
