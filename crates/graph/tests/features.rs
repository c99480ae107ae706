//! Feature tests of the network on small hand-built pictures: a county line, a labour
//! exploitation network, an organised crime group, and the look-alikes that must not become
//! groups; determinism, incremental updates, weighting and the analyst's measures.
//!
//! Pictures are written in a compact fixture text (see [`parse`]); expected groups in the
//! one-line form [`render`] prints.

use graph::{
    Config, Entity, EntityId, GraphError, Indicator, IndicatorFamily, NeighbourQuery, Network,
    PageRankConfig, PathCost, PersonFacts, ReportEvidence,
};
use model::{
    AgeRange, CrimeType, EntityKind, Grading, HandlingCode, IntelAssessment, LinkType,
    LocationType, PersonRole, ReportRef, SourceEvaluation,
};
use std::collections::BTreeMap;
use time::macros::date;

/// Parses a picture. A report starts unindented — `ref date grading crime,types` (`-` for
/// none) — and its indented lines name what it says:
///
/// - `per_x role [age]` — a person, their role and age;
/// - `phn_x [+44…]`, `veh_x`, `loc_x [residential|business|public|other]` — objects;
/// - `a link_type b` — an explicit link;
/// - `! family` — an indicator in the report; `! per_x family` — one about a person.
fn parse(text: &str) -> (Vec<Entity>, Vec<ReportEvidence>) {
    let mut entities: BTreeMap<String, Entity> = BTreeMap::new();
    let mut reports: Vec<ReportEvidence> = Vec::new();
    let id = |s: &str| EntityId::try_from(s).unwrap();
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() || words[0].starts_with('#') {
            continue;
        }
        if !line.starts_with(' ') {
            let (source, intel) = words[2].split_once('/').unwrap();
            let grading = Grading::new(
                source.parse::<SourceEvaluation>().unwrap(),
                intel.parse::<IntelAssessment>().unwrap(),
                HandlingCode::P,
                None,
            )
            .unwrap();
            let received = time::Date::parse(
                words[1],
                &time::format_description::well_known::Iso8601::DATE,
            )
            .unwrap();
            let mut r =
                ReportEvidence::new(ReportRef::try_from(words[0]).unwrap(), received, &grading);
            if words[3] != "-" {
                r.crime_types = words[3]
                    .split(',')
                    .map(|c| c.parse::<CrimeType>().unwrap())
                    .collect();
            }
            reports.push(r);
            continue;
        }
        let r = reports.last_mut().expect("a report line first");
        if words[0] == "!" {
            let (person, family) = match words.len() {
                2 => (None, words[1]),
                _ => (Some(words[1]), words[2]),
            };
            let indicator = Indicator {
                family: family.parse::<IndicatorFamily>().unwrap(),
                name: family.to_string(),
                confidence: 0.9,
            };
            match person {
                None => r.indicators.push(indicator),
                Some(p) => r
                    .persons
                    .iter_mut()
                    .find(|f| f.person.as_str() == p)
                    .expect("indicator about a person of the report")
                    .indicators
                    .push(indicator),
            }
            continue;
        }
        if words.len() == 3
            && let Ok(link_type) = words[1].parse::<LinkType>()
        {
            r.links.push(graph::EvidenceLink {
                from: id(words[0]),
                to: id(words[2]),
                link_type,
            });
            continue;
        }
        let name = words[0];
        let entity = match &name[..4] {
            "per_" => {
                r.persons.push(PersonFacts {
                    person: id(name),
                    role: words[1].parse::<PersonRole>().unwrap(),
                    age: words.get(2).map(|a| AgeRange::exact(a.parse().unwrap())),
                    indicators: Vec::new(),
                    recorded: true,
                });
                Entity::new(id(name), EntityKind::Person)
            }
            "phn_" => Entity::phone(id(name), words.get(1).map(|s| s.to_string())),
            "veh_" => Entity::new(id(name), EntityKind::Vehicle),
            "loc_" => Entity::location(
                id(name),
                Some(name.to_string()),
                words.get(1).map(|t| t.parse::<LocationType>().unwrap()),
            ),
            other => panic!("unknown entity prefix {other}"),
        };
        r.entities.push(id(name));
        entities.entry(name.to_string()).or_insert(entity);
    }
    (entities.into_values().collect(), reports)
}

fn config() -> Config {
    Config::new(date!(2026 - 03 - 01))
}

fn build(text: &str) -> Network {
    let (entities, reports) = parse(text);
    Network::build(config(), entities, reports).unwrap()
}

/// Groups one a line: `kind [deal lines]: role ids; role ids`, roles in order.
fn render(network: &Network) -> String {
    let mut lines = Vec::new();
    for g in network.groups() {
        let mut by_role: BTreeMap<graph::GroupRole, Vec<&str>> = BTreeMap::new();
        for m in &g.members {
            by_role.entry(m.role).or_default().push(m.person.as_str());
        }
        let roles: Vec<String> = by_role
            .iter()
            .map(|(role, ids)| format!("{} {}", role.as_str(), ids.join(" ")))
            .collect();
        let lines_part = if g.deal_lines.is_empty() {
            String::new()
        } else {
            format!(" {}", g.deal_line_numbers().join(" "))
        };
        lines.push(format!(
            "{}{lines_part}: {}",
            g.kind.as_str(),
            roles.join("; ")
        ));
    }
    lines.join("\n")
}

fn check(text: &str, expected: &str) {
    let network = build(text);
    assert_eq!(render(&network), expected.trim());
}

/// The JAY line: a controller in the hub, a line holder, three runners (one reported missing
/// by his mother), a cuckooed resident, and the deal line +447700900001.
const COUNTY_LINE: &str = "
R01 2026-01-05 2/B drugs_county_lines
  per_jay subject 26
  phn_deal +447700900001
  phn_jayown +447700900099
  loc_jayhome residential
  per_jay controls phn_deal
  per_jay uses_phone phn_jayown
  per_jay lives_at loc_jayhome
R02 2026-01-12 1/A drugs_county_lines
  per_hold subject 21
  phn_deal +447700900001
  loc_trap residential
  per_hold uses_phone phn_deal
  per_hold seen_at loc_trap
  ! cuckooing
R03 2026-01-20 1/A drugs_county_lines,child_criminal_exploitation
  per_r1 subject 15
  per_hold associate 21
  phn_deal +447700900001
  loc_station public
  per_r1 uses_phone phn_deal
  per_hold associates_with per_r1
  per_r1 seen_at loc_station
  ! per_r1 child_criminal_exploitation
R04 2026-01-25 1/A drugs_county_lines
  per_r2 subject 16
  phn_deal +447700900001
  loc_station public
  per_r2 uses_phone phn_deal
  per_r2 seen_at loc_station
R05 2026-02-01 1/A child_criminal_exploitation
  per_r1 victim 15
  per_mum witness 41
  loc_r1home residential
  phn_mum +447700900077
  per_mum family_of per_r1
  per_r1 lives_at loc_r1home
  per_mum lives_at loc_r1home
  per_mum uses_phone phn_mum
  ! per_r1 child_criminal_exploitation
R06 2026-02-03 1/A drugs_county_lines,msht_criminal
  per_vic victim 58
  per_r3 subject 17
  per_hold subject 21
  loc_trap residential
  per_vic lives_at loc_trap
  per_r3 stays_at loc_trap
  per_hold controls per_vic
  ! per_vic cuckooing
R07 2026-02-10 2/C drugs_county_lines
  per_jay subject
  per_hold subject
  per_r2 unknown
  phn_deal +447700900001
  per_jay controls per_hold
  per_hold uses_phone phn_deal
  per_hold supplies per_r2
R08 2026-02-14 2/C -
  loc_trap residential
  ! cuckooing
R09 2026-02-20 2/B drugs_county_lines
  per_jay subject
  per_r3 subject 17
  phn_deal +447700900001
  per_jay controls phn_deal
  per_r3 uses_phone phn_deal
";

/// A car wash's workers: a boss controlling them, a driver moving them in a van, five workers
/// living in one house.
const LABOUR: &str = "
L01 2026-01-08 2/B msht_labour
  per_boss subject 45
  loc_wash business
  per_w1 victim 30
  per_w2 witness 26
  per_w3 unknown 33
  per_boss controls loc_wash
  per_w1 works_at loc_wash
  per_w2 works_at loc_wash
  per_w3 works_at loc_wash
  per_boss controls per_w1
  per_boss controls per_w2
  per_boss controls per_w3
  ! labour_exploitation
L02 2026-01-19 1/A msht_labour
  per_van subject 35
  veh_van
  per_w1 unknown
  per_w4 unknown
  per_van drives veh_van
  per_van transports per_w1
  per_van transports per_w4
  ! labour_exploitation
L03 2026-02-02 2/B msht_labour
  loc_hmo residential
  per_w1 unknown
  per_w2 unknown
  per_w3 unknown
  per_w4 unknown
  per_w5 unknown
  per_boss associate
  per_w1 lives_at loc_hmo
  per_w2 lives_at loc_hmo
  per_w3 lives_at loc_hmo
  per_w4 lives_at loc_hmo
  per_w5 lives_at loc_hmo
  per_boss controls loc_hmo
  ! labour_exploitation
L04 2026-02-11 1/A msht_labour
  per_w5 victim 41
  per_boss subject
  per_boss controls per_w5
  ! per_w5 labour_exploitation
  ! per_w5 control_violence
";

/// A drugs supply group: a leader supplying three others, a stash house two of them are found
/// at, a financial investigation naming two associates.
const OCG: &str = "
D01 2026-01-03 1/A drugs_supply
  per_lead subject 44
  per_m1 subject 29
  per_lead supplies per_m1
D02 2026-01-16 1/A drugs_supply
  per_m1 subject 29
  per_m2 subject 33
  loc_stash residential
  per_m1 seen_at loc_stash
  per_m2 seen_at loc_stash
D03 2026-01-29 2/B drugs_supply,money_laundering
  per_lead subject 44
  per_m2 associate
  per_m3 associate 38
  per_lead associates_with per_m2
  per_lead associates_with per_m3
D04 2026-02-09 1/A drugs_supply
  per_m3 subject 38
  per_m2 subject 33
  loc_stash residential
  per_m3 seen_at loc_stash
";

/// Look-alikes: a large family (a crowded house, the school, a minor theft), lawful seasonal
/// workers at a farm, and two teenagers cautioned for cannabis with different friends.
const LOOK_ALIKES: &str = "
F01 2026-01-04 2/C -
  loc_house residential
  per_f1 unknown 44
  per_f2 unknown 42
  per_f3 unknown 15
  per_f4 unknown 12
  per_f5 unknown 9
  per_f6 unknown 19
  per_f1 lives_at loc_house
  per_f2 lives_at loc_house
  per_f3 lives_at loc_house
  per_f4 lives_at loc_house
  per_f5 lives_at loc_house
  per_f6 lives_at loc_house
F02 2026-01-18 2/B -
  per_f3 unknown 15
  per_f1 witness 44
  loc_school business
  per_f1 family_of per_f3
  per_f3 other loc_school
F03 2026-02-06 1/A other
  per_f6 subject 19
  per_f2 witness 42
  loc_shop business
  per_f6 seen_at loc_shop
  per_f2 family_of per_f6
F04 2026-02-15 2/C -
  loc_house residential
  veh_famcar
  veh_famcar seen_at loc_house
S01 2026-01-22 2/B msht_labour
  loc_farm business
  per_s1 unknown 31
  per_s2 unknown 28
  per_s3 witness 35
  per_s4 witness 40
  per_s1 works_at loc_farm
  per_s2 works_at loc_farm
  per_s3 works_at loc_farm
  per_s4 works_at loc_farm
S02 2026-02-02 2/C -
  loc_farm business
  veh_minibus
  veh_minibus seen_at loc_farm
S03 2026-02-08 1/A other
  per_s1 subject 31
  veh_minibus
  per_s1 drives veh_minibus
  per_s1 works_at loc_farm
  loc_farm business
C01 2026-01-11 1/A drugs_supply
  per_t1 subject 15
  per_t2 subject 15
C02 2026-02-13 1/A drugs_supply
  per_t2 subject 15
  per_t3 subject 16
C03 2026-02-21 1/A drugs_supply
  per_t3 subject 16
  per_t1 subject 15
";

#[test]
fn a_county_line_with_its_deal_line_controller_runners_and_cuckooed_address() {
    check(
        COUNTY_LINE,
        "county_line +447700900001: controller per_jay; line_holder per_hold; runner per_r1 per_r2 per_r3; victim per_vic",
    );
    let network = build(COUNTY_LINE);
    let group = network.groups()[0].clone();
    let trap = group
        .objects
        .iter()
        .find(|o| o.entity.as_str() == "loc_trap")
        .expect("the trap house is one of the line's places");
    assert!(trap.cuckooed);
    assert!(
        group
            .crime_types
            .starts_with(&[CrimeType::DrugsCountyLines])
    );
    assert!(
        group
            .crime_types
            .contains(&CrimeType::ChildCriminalExploitation)
    );
    assert_eq!(group.label, "county line on +447700900001");
    let jay = &group.members[0];
    assert!(
        jay.reasons
            .iter()
            .any(|r| r.contains("controls the deal line")),
        "{:?}",
        jay.reasons
    );
    // Groups keep their shape through JSON, in exchange-v1's words.
    let json = serde_json::to_string(&group).unwrap();
    assert!(json.contains(r#""kind":"county_line""#) && json.contains(r#""role":"line_holder""#));
    assert_eq!(serde_json::from_str::<graph::Group>(&json).unwrap(), group);
    // The runner's mother is tied to him but carries no criminal evidence.
    assert!(
        network
            .group_of(&EntityId::try_from("per_mum").unwrap())
            .is_none()
    );
}

/// A boy the text of a line's drugs report describes, with signs of exploitation, is a lead
/// for an analyst; only once a report records him does he join the line.
#[test]
fn a_person_only_a_reports_text_names_joins_no_group() {
    let picture = format!(
        "{COUNTY_LINE}
R20 2026-02-21 1/A drugs_county_lines
  per_seen unknown 15
  phn_deal +447700900001
  per_hold associate 21
  ! per_seen child_criminal_exploitation
R21 2026-02-22 1/A child_criminal_exploitation
  per_seen unknown 15
  per_hold associate 21
  ! per_seen child_criminal_exploitation
"
    );
    let seen = EntityId::try_from("per_seen").unwrap();
    let (entities, reports) = parse(&picture);
    let recorded = Network::build(config(), entities.clone(), reports.clone()).unwrap();
    assert!(
        recorded.group_of(&seen).is_some(),
        "recorded, he is one of the line's"
    );
    let mut from_text = reports;
    for r in &mut from_text {
        for p in &mut r.persons {
            if p.person == seen {
                p.recorded = false;
            }
        }
    }
    let network = Network::build(config(), entities, from_text).unwrap();
    assert!(network.group_of(&seen).is_none());
    assert!(
        network
            .neighbourhood(&seen, &NeighbourQuery::first(10))
            .unwrap()
            .total
            > 0,
        "still in the network"
    );
    assert_eq!(network.groups().len(), 1);
}

#[test]
fn a_labour_exploitation_network_with_its_controller_driver_and_victims() {
    check(
        LABOUR,
        "exploitation_network: controller per_boss; victim per_w1 per_w2 per_w3 per_w4 per_w5; member per_van",
    );
    let network = build(LABOUR);
    let group = network.groups()[0].clone();
    assert_eq!(group.label, "labour exploitation network at loc_wash");
    assert_eq!(group.crime_types, vec![CrimeType::MshtLabour]);
}

#[test]
fn an_organised_crime_group_that_offends_together_again_and_again() {
    check(OCG, "ocg: controller per_lead; member per_m1 per_m2 per_m3");
}

#[test]
fn families_seasonal_workers_and_cautioned_teenagers_are_not_groups() {
    check(LOOK_ALIKES, "");
    // Nor do they join a real group beside them.
    check(
        &format!("{COUNTY_LINE}{LOOK_ALIKES}"),
        "county_line +447700900001: controller per_jay; line_holder per_hold; runner per_r1 per_r2 per_r3; victim per_vic",
    );
}

#[test]
fn two_lines_seen_at_the_same_station_and_hospital_stay_two() {
    let second = COUNTY_LINE
        .replace("per_", "per_b")
        .replace("phn_", "phn_b")
        .replace("+4477009", "+4477008")
        .replace("loc_", "loc_b")
        .replace("loc_bstation", "loc_station")
        .replace("\nR0", "\nQ0");
    let hospital = "
H01 2026-02-16 2/B -
  per_r1 victim 15
  loc_hospital business
  per_r1 seen_at loc_hospital
H02 2026-02-17 2/B -
  per_br2 victim 16
  loc_hospital business
  per_br2 seen_at loc_hospital
";
    check(
        &format!("{COUNTY_LINE}{second}{hospital}"),
        "county_line +447700800001: controller per_bjay; line_holder per_bhold; runner per_br1 per_br2 per_br3; victim per_bvic
county_line +447700900001: controller per_jay; line_holder per_hold; runner per_r1 per_r2 per_r3; victim per_vic",
    );
}

#[test]
fn groups_do_not_depend_on_report_order_or_threads() {
    let text = format!("{COUNTY_LINE}{LABOUR}{OCG}{LOOK_ALIKES}");
    let (entities, reports) = parse(&text);
    let forward = Network::build(config(), entities.clone(), reports.clone()).unwrap();
    let mut backward_reports = reports.clone();
    backward_reports.reverse();
    let mut backward_entities = entities.clone();
    backward_entities.reverse();
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| Network::build(config(), backward_entities, backward_reports).unwrap());
    assert_eq!(forward.groups(), one_thread.groups());
    assert_eq!(forward.groups().len(), 3);
}

#[test]
fn an_incremental_update_gives_the_groups_of_a_rebuild() {
    let text = format!("{COUNTY_LINE}{LABOUR}{OCG}{LOOK_ALIKES}");
    let (entities, reports) = parse(&text);
    // Report by report, with a first version of one report that a later version supersedes
    // and a report that is later withdrawn.
    let mut network = Network::new(config());
    let mut wrong = reports
        .iter()
        .find(|r| r.report.as_str() == "R06")
        .unwrap()
        .clone();
    wrong.crime_types = vec![CrimeType::Other];
    wrong.links.clear();
    network.update(entities.clone(), vec![wrong], &[]).unwrap();
    let (_, extra) = parse(
        "X01 2026-01-02 1/A drugs_county_lines\n  per_jay subject 26\n  per_f1 associate 44\n  per_jay associates_with per_f1\n",
    );
    network.update(Vec::new(), extra, &[]).unwrap();
    let mut recomputed = Vec::new();
    for r in reports.iter().cloned() {
        let summary = network.update(Vec::new(), vec![r], &[]).unwrap();
        recomputed.push(summary.entities_recomputed);
    }
    let removed = network
        .update(
            Vec::new(),
            Vec::new(),
            &[ReportRef::try_from("X01").unwrap()],
        )
        .unwrap();
    assert_eq!(removed.reports_removed, 1);
    let rebuilt = Network::build(config(), entities, reports).unwrap();
    assert_eq!(network.groups(), rebuilt.groups());
    assert_eq!(network.edge_count(), rebuilt.edge_count());
    // A report about the labour network leaves the county line's part of the graph alone.
    let total = rebuilt.entity_count();
    assert!(
        recomputed.iter().all(|&n| n < total),
        "{recomputed:?} of {total}"
    );
    let (_, one) = parse(
        "L05 2026-02-20 1/A msht_labour\n  per_w2 victim 26\n  per_boss subject\n  per_boss controls per_w2\n",
    );
    let summary = network.update(Vec::new(), one, &[]).unwrap();
    assert!(summary.entities_recomputed <= 12, "{summary:?}");
    // A later date weighs everything anew: a rebuild under the new configuration.
    let later = Config::new(date!(2026 - 09 - 01));
    let moved_on = network.rebuilt_with(later.clone());
    assert_eq!(moved_on.config().as_of, later.as_of);
    assert_eq!(moved_on.report_count(), network.report_count());
    assert_eq!(moved_on.groups().len(), network.groups().len());
}

#[test]
fn evidence_is_weighed_by_grading_and_age_and_kept() {
    let text = "
A1 2026-03-01 1/A drugs_supply
  per_a subject
  per_b subject
  per_a associates_with per_b
A2 2026-03-01 3/D drugs_supply
  per_c subject
  per_d subject
  per_c associates_with per_d
A3 2024-03-01 1/A drugs_supply
  per_e subject
  per_f subject
  per_e associates_with per_f
";
    let network = build(text);
    let weight = |a: &str, b: &str| {
        network
            .edge(
                &EntityId::try_from(a).unwrap(),
                &EntityId::try_from(b).unwrap(),
            )
            .unwrap()
            .unwrap()
    };
    let best = weight("per_a", "per_b");
    let poor = weight("per_c", "per_d");
    let old = weight("per_e", "per_f");
    assert!(
        best.weight > 5.0 * poor.weight,
        "{} vs {}",
        best.weight,
        poor.weight
    );
    // Two years at a two-year half-life: half the weight.
    assert!((old.weight - best.weight / 2.0).abs() < 1e-3 * best.weight);
    assert_eq!(best.evidence.len(), 1);
    assert_eq!(best.evidence[0].report.as_str(), "A1");
    assert_eq!(
        best.evidence[0].basis,
        graph::Basis::Link(LinkType::AssociatesWith)
    );
    assert!(best.evidence[0].forward);
    assert!(!weight("per_b", "per_a").evidence[0].forward);
}

#[test]
fn the_analysts_measures_answer_by_entity() {
    let network = build(&format!("{COUNTY_LINE}{LABOUR}"));
    let id = |s: &str| EntityId::try_from(s).unwrap();
    let view = network.view();

    // Neighbourhood paging: strongest first, and a count of the rest.
    let all = network
        .neighbourhood(&id("per_hold"), &NeighbourQuery::first(100))
        .unwrap();
    let page = network
        .neighbourhood(
            &id("per_hold"),
            &NeighbourQuery {
                offset: 1,
                limit: 2,
                kinds: Vec::new(),
            },
        )
        .unwrap();
    assert_eq!(page.neighbours, all.neighbours[1..3].to_vec());
    assert_eq!(page.more, all.total - 3);
    assert!(
        all.neighbours
            .windows(2)
            .all(|w| w[0].weight >= w[1].weight)
    );
    let phones = network
        .neighbourhood(
            &id("per_hold"),
            &NeighbourQuery {
                offset: 0,
                limit: 10,
                kinds: vec![EntityKind::Phone],
            },
        )
        .unwrap();
    assert_eq!(phones.total, 1);
    assert_eq!(phones.neighbours[0].entity, id("phn_deal"));

    // Paths: the mother reaches the controller only through her son and the line.
    let path = view
        .shortest_path(&id("per_mum"), &id("per_jay"), PathCost::Hops)
        .unwrap()
        .unwrap();
    assert_eq!(path.entities[1], id("per_r1"));
    assert_eq!(path.entities.len(), 4);
    let paths = view
        .k_shortest_paths(&id("per_mum"), &id("per_jay"), 4, PathCost::InverseWeight)
        .unwrap();
    assert_eq!(paths.len(), 4);
    assert!(paths.windows(2).all(|w| w[0].cost <= w[1].cost));
    for p in &paths {
        let mut seen = p.entities.clone();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), p.entities.len(), "loopless");
    }
    assert!(
        view.shortest_path(&id("per_mum"), &id("per_boss"), PathCost::Hops)
            .unwrap()
            .is_none()
    );

    // Components: the county line and the car wash are apart.
    let components = view.components();
    assert_eq!(components.len(), 2);
    assert!(components[0].contains(&id("per_jay")) || components[1].contains(&id("per_jay")));

    // Centrality: the runner is his family's only way into the line; the line holder sits
    // between the controller and the other runners.
    let people = [EntityKind::Person];
    let between = view.betweenness(PathCost::Hops);
    let persons: Vec<&str> = between
        .iter()
        .filter(|s| s.kind == EntityKind::Person)
        .map(|s| s.entity.as_str())
        .collect();
    assert_eq!(persons[..2], ["per_r1", "per_hold"]);
    assert_eq!(between.last().unwrap().score, 0.0);
    let line_only = build(COUNTY_LINE);
    let most = line_only.view().most_connected(2, &people);
    assert_eq!(most[0].entity, id("per_hold"));
    assert!(most[0].score > 1.2 * most[1].score, "{most:?}");
    let pagerank = view.pagerank(&PageRankConfig::default());
    let total: f64 = pagerank.iter().map(|s| s.score).sum();
    assert!((total - 1.0).abs() < 1e-9);
    let eigen = view.eigenvector();
    assert_eq!(eigen[0].score, 1.0);
    let degree = view.degree();
    assert_eq!(degree.len(), network.entity_count());

    // The measures of one group alone.
    let line = network.groups()[0]
        .member_ids()
        .into_iter()
        .cloned()
        .collect::<Vec<_>>();
    let within = network.view_of(&line).unwrap();
    assert_eq!(within.entity_count(), 6);
}

#[test]
fn bad_input_is_refused_whole() {
    let (entities, mut reports) = parse(OCG);
    reports[0]
        .entities
        .push(EntityId::try_from("phn_nobody").unwrap());
    let err = Network::build(config(), entities.clone(), reports).unwrap_err();
    assert_eq!(
        err,
        GraphError::UndescribedEntity {
            report: "D01".into(),
            entity: "phn_nobody".into()
        }
    );
    let (_, mut reports) = parse(OCG);
    reports[1].reliance = 1.5;
    assert!(matches!(
        Network::build(config(), entities.clone(), reports),
        Err(GraphError::BadReliance { .. })
    ));
    let mut clash = entities.clone();
    clash.push(Entity::new(
        EntityId::try_from("per_lead").unwrap(),
        EntityKind::Vehicle,
    ));
    assert!(matches!(
        Network::build(config(), clash, Vec::new()),
        Err(GraphError::KindConflict { .. })
    ));
    assert!(EntityId::try_from("per 1").is_err());
}

#[test]
fn stable_group_ids_follow_their_members() {
    let network = build(&format!("{COUNTY_LINE}{LABOUR}{OCG}"));
    let groups = network.groups();
    let mut next = 6;
    let previous = vec![(
        "grp_0003".to_string(),
        groups[1]
            .member_ids()
            .into_iter()
            .cloned()
            .collect::<Vec<_>>(),
    )];
    let ids = graph::stable_group_ids(&groups, &previous, &mut next);
    assert_eq!(ids, vec!["grp_0007", "grp_0003", "grp_0008"]);
    assert_eq!(next, 8);
}

#[test]
fn evidence_is_read_from_a_stored_reports_entities() {
    use model::{
        Entities, Gender, Link, LocalId, LocationMention, PersonMention, Phone, PhoneMention,
    };
    let local = |s: &str| LocalId::try_from(s).unwrap();
    let person = |id: &str, role: PersonRole, age: f64| PersonMention {
        id: local(id),
        name_raw: None,
        name: None,
        dob_raw: None,
        dob: None,
        dob_problem: None,
        age_estimate_raw: Some(age),
        age_estimate: AgeRange::around(age),
        gender_raw: None,
        gender: Gender::Male,
        nationality: None,
        role,
        identifiers: Vec::new(),
    };
    let entities = Entities {
        persons: vec![
            person("P1", PersonRole::Subject, 15.0),
            person("P2", PersonRole::Unknown, 70.0),
        ],
        locations: vec![LocationMention {
            id: local("L1"),
            address_raw: Some("14 Mill Rd, Peterborough".into()),
            postcode_raw: None,
            address: None,
            lat: None,
            lon: None,
            location_type: Some(LocationType::Residential),
        }],
        phones: vec![PhoneMention {
            id: local("T1"),
            phone: Phone::parse("07700 900123"),
        }],
        vehicles: Vec::new(),
        links: vec![
            Link {
                from: local("P2"),
                to: local("L1"),
                link_type: LinkType::LivesAt,
            },
            Link {
                from: local("P1"),
                to: local("T1"),
                link_type: LinkType::UsesPhone,
            },
            Link {
                from: local("P1"),
                to: local("X9"),
                link_type: LinkType::SeenAt,
            },
        ],
    };
    let grading = Grading::new(
        SourceEvaluation::Untested,
        IntelAssessment::C,
        HandlingCode::P,
        None,
    )
    .unwrap();
    // Resolution knows every mention but the one the last link names.
    let resolved = |mention: &str| match mention {
        "CAM-1#P1" => Some(EntityId::try_from("per_000123").unwrap()),
        "CAM-1#T1" => Some(EntityId::try_from("phn_447700900123").unwrap()),
        "CAM-1#P2" => Some(EntityId::try_from("per_000456").unwrap()),
        "CAM-1#L1" => Some(EntityId::try_from("loc_1a2b3c").unwrap()),
        _ => None,
    };
    let (evidence, described) = ReportEvidence::from_report(
        ReportRef::try_from("CAM-1").unwrap(),
        date!(2026 - 03 - 04),
        &grading,
        &[CrimeType::DrugsCountyLines],
        &entities,
        resolved,
    );
    assert_eq!(evidence.reliance, grading.reliance());
    let ids: Vec<&str> = evidence.entities.iter().map(EntityId::as_str).collect();
    assert_eq!(
        ids,
        ["per_000123", "per_000456", "phn_447700900123", "loc_1a2b3c"]
    );
    assert_eq!(
        evidence.links.len(),
        2,
        "links to unresolved mentions are left out"
    );
    assert_eq!(evidence.links[0].link_type, LinkType::LivesAt);
    let phone = described
        .iter()
        .find(|e| e.kind == EntityKind::Phone)
        .unwrap();
    assert_eq!(phone.value.as_deref(), Some("+447700900123"));
    assert_eq!(evidence.persons[0].role, PersonRole::Subject);
    assert!(evidence.persons[0].age.unwrap().max < 18);
    let place = described
        .iter()
        .find(|e| e.kind == EntityKind::Location)
        .unwrap();
    assert_eq!(place.location_type, Some(LocationType::Residential));
    let network = Network::build(config(), described, vec![evidence]).unwrap();
    // Two links, and co-mentions between the other four pairs of the four entities.
    assert_eq!(network.edge_count(), 6);
}
