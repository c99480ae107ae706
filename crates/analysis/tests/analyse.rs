//! `analyse` against real stores: incremental runs agree with a rebuild, decisions split and
//! merge persons and can be withdrawn, and every mention is exported in exactly one person.

use analysis::{AnalyseOptions, analyse, resolved_persons};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use store::testing::TestDb;
use store::{IngestId, NewReport, Store};

/// A small simulated area's intelligence, one line per report.
fn world_lines() -> Vec<String> {
    let config = sim::Config {
        people: 1500,
        seed: 7,
        ..sim::Config::default()
    };
    let mut intel = Vec::new();
    let mut truth = Vec::new();
    sim::generate(&config, &mut intel, &mut truth).expect("simulate");
    String::from_utf8(intel)
        .expect("utf-8")
        .lines()
        .map(str::to_string)
        .collect()
}

async fn ingest(store: &Arc<dyn Store>, lines: &[String]) {
    let accepted: Vec<ingest::Accepted> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| ingest::parse_line(l.as_bytes(), i as u64 + 1).expect("valid line"))
        .collect();
    let batch: Vec<NewReport<'_>> = accepted
        .iter()
        .map(|a| NewReport {
            report: &a.report,
            content_hash: &a.content_hash,
            raw: &a.raw,
            entities: &a.entities_json,
        })
        .collect();
    let mut tx = store.begin_write().await.unwrap();
    tx.put_reports(IngestId(1), &batch).await.unwrap();
    tx.commit().await.unwrap();
}

/// The persons as a partition of mention ids, whatever their ids.
async fn partition(store: &Arc<dyn Store>) -> BTreeSet<Vec<String>> {
    resolved_persons(store.as_ref())
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.mentions)
        .collect()
}

async fn person_of(store: &Arc<dyn Store>) -> HashMap<String, String> {
    store
        .person_assignments()
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.mention, a.person_id))
        .collect()
}

/// The stored groups of one visibility: id, kind and members with their roles.
async fn groups(
    store: &Arc<dyn Store>,
    visibility: store::Visibility,
) -> Vec<(String, String, Vec<(String, String)>)> {
    store
        .network()
        .groups(visibility)
        .await
        .unwrap()
        .into_iter()
        .map(|g| {
            let members = g
                .members
                .into_iter()
                .map(|m| (m.person_id, m.role))
                .collect();
            (g.id, g.kind, members)
        })
        .collect()
}

async fn incremental_runs_agree_with_a_rebuild(db: &TestDb) {
    let store = db.open().await;
    let lines = world_lines();
    let (first, rest) = lines.split_at(lines.len() * 4 / 5);
    ingest(&store, first).await;
    let full = analyse(&store, AnalyseOptions::default()).await.unwrap();
    assert!(full.persons.trained);
    assert_eq!(full.persons.mode, "full");
    let ids_before = person_of(&store).await;

    ingest(&store, rest).await;
    let incremental = analyse(&store, AnalyseOptions::default()).await.unwrap();
    assert_eq!(incremental.persons.mode, "incremental");
    assert!(!incremental.persons.trained, "no retraining");
    assert!(
        incremental.persons.reclustered < incremental.persons.mentions / 2,
        "only what the new reports touch is worked out again: {:?}",
        incremental.persons
    );
    let grown = partition(&store).await;
    let grown_groups = groups(&store, store::Visibility::Full).await;
    assert!(!grown_groups.is_empty(), "the world's groups are found");
    assert_eq!(incremental.network.groups as usize, grown_groups.len());

    // Person ids stay with the people they named.
    let ids_after = person_of(&store).await;
    let kept = ids_before
        .iter()
        .filter(|(m, p)| ids_after.get(*m) == Some(*p))
        .count();
    assert!(
        kept as f64 > 0.95 * ids_before.len() as f64,
        "{kept} of {}",
        ids_before.len()
    );

    let rebuilt = analyse(
        &store,
        AnalyseOptions {
            rebuild: true,
            ..AnalyseOptions::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(rebuilt.persons.mode, "full");
    assert_eq!(
        partition(&store).await,
        grown,
        "incremental and rebuild agree"
    );
    assert_eq!(
        groups(&store, store::Visibility::Full).await,
        grown_groups,
        "the same groups, under the same ids"
    );

    // Every mention in exactly one person.
    let persons = resolved_persons(store.as_ref()).await.unwrap();
    let mentions: Vec<&String> = persons.iter().flat_map(|p| &p.mentions).collect();
    let distinct: BTreeSet<&String> = mentions.iter().copied().collect();
    assert_eq!(mentions.len(), distinct.len());
    assert_eq!(mentions.len() as u64, rebuilt.persons.mentions);

    // Every resolved person has a profile that agrees with their mentions.
    let ids: Vec<String> = persons.iter().map(|p| p.id.clone()).collect();
    let profiles = store.person_profiles(&ids).await.unwrap();
    assert_eq!(profiles.len() as u64, rebuilt.persons.persons);
    let by_id: HashMap<&str, &analysis::ExportedPerson> =
        persons.iter().map(|p| (p.id.as_str(), p)).collect();
    for profile in &profiles {
        let person = by_id[profile.person_id.as_str()];
        assert_eq!(profile.mentions as usize, person.mentions.len());
        assert_eq!(
            profile.roles.values().sum::<i64>() as usize,
            person.mentions.len()
        );
        assert!(profile.first_seen <= profile.last_seen);
        if person.names.is_empty() {
            assert!(profile.display_name.starts_with("Unnamed person"));
        } else {
            assert!(
                person
                    .names
                    .iter()
                    .any(|n| n.to_lowercase() == profile.display_name.to_lowercase()),
                "{} not among {:?}",
                profile.display_name,
                person.names
            );
        }
    }
}

async fn decisions_split_merge_and_can_be_withdrawn(db: &TestDb) {
    let store = db.open().await;
    ingest(&store, &world_lines()).await;
    analyse(&store, AnalyseOptions::default()).await.unwrap();
    let persons = resolved_persons(store.as_ref()).await.unwrap();
    let pair = persons
        .iter()
        .find(|p| p.mentions.len() >= 2)
        .expect("a person with two mentions");
    let (a, b) = (pair.mentions[0].clone(), pair.mentions[1].clone());
    let other = persons
        .iter()
        .find(|p| p.mentions.len() == 1)
        .expect("a person with one mention")
        .mentions[0]
        .clone();
    let together = |map: &HashMap<String, String>, x: &str, y: &str| map[x] == map[y];

    let split = store
        .add_decision(store::NewDecision {
            same: false,
            mention_a: a.clone(),
            mention_b: b.clone(),
            actor: "analyst1".into(),
            reason: "custody photographs show two people".into(),
        })
        .await
        .unwrap();
    let merge = store
        .add_decision(store::NewDecision {
            same: true,
            mention_a: a.clone(),
            mention_b: other.clone(),
            actor: "analyst1".into(),
            reason: "same PNC record".into(),
        })
        .await
        .unwrap();
    analyse(&store, AnalyseOptions::default()).await.unwrap();
    let map = person_of(&store).await;
    assert!(!together(&map, &a, &b), "split");
    assert!(together(&map, &a, &other), "merged");

    // Decisions survive retraining.
    analyse(
        &store,
        AnalyseOptions {
            retrain: true,
            ..AnalyseOptions::default()
        },
    )
    .await
    .unwrap();
    let map = person_of(&store).await;
    assert!(!together(&map, &a, &b) && together(&map, &a, &other));

    store
        .revoke_decision(split.id, "analyst2", "photographs misfiled")
        .await
        .unwrap();
    store
        .revoke_decision(merge.id, "analyst2", "PNC record was wrong")
        .await
        .unwrap();
    analyse(&store, AnalyseOptions::default()).await.unwrap();
    let map = person_of(&store).await;
    assert!(together(&map, &a, &b), "the split is withdrawn");
    assert!(!together(&map, &a, &other), "the merge is withdrawn");
    assert!(store.verify_audit().await.unwrap().is_empty());
}

/// Groups are stored with the reports they rest on and their handling codes; the partner's
/// view holds only what `P`-coded reports show, and a world known only from `C`-coded reports
/// shows a partner no group at all. Group ids survive a new analysis.
async fn groups_are_stored_with_their_evidence_and_a_partner_view(db: &TestDb) {
    use store::Visibility::{Full, Shareable};
    let store = db.open().await;
    let lines = world_lines();
    ingest(&store, &lines).await;
    analyse(&store, AnalyseOptions::default()).await.unwrap();
    let full = store.network().groups(Full).await.unwrap();
    let shared = store.network().groups(Shareable).await.unwrap();
    assert!(full.len() >= 3, "{} groups", full.len());
    let ids: BTreeSet<&str> = full.iter().map(|g| g.id.as_str()).collect();
    for g in &full {
        assert!(g.members.len() >= 3);
        assert!(
            g.members
                .iter()
                .all(|m| !m.reports.is_empty() && !m.reasons.is_empty())
        );
        if g.kind == "county_line" {
            assert!(!g.deal_lines.is_empty(), "{} has its deal line", g.id);
        }
    }
    for g in &shared {
        assert!(
            ids.contains(g.id.as_str()),
            "a view of a group the force has"
        );
        assert!(
            g.reports
                .iter()
                .all(|r| r.handling == model::HandlingCode::P),
            "{} rests on P-coded reports alone",
            g.id
        );
    }
    let persons = resolved_persons(store.as_ref()).await.unwrap();
    let in_groups: usize = persons.iter().map(|p| p.groups.len()).sum();
    assert_eq!(
        in_groups,
        full.iter().map(|g| g.members.len()).sum::<usize>(),
        "each member's person carries the group"
    );

    // The same intelligence again, every report now C-coded: the force's groups stay, with
    // the same ids; a partner is shown none of them.
    let restricted: Vec<String> = lines
        .iter()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["grading"]["handling"] = "C".into();
            v["grading"]["conditions"] = "not for partners".into();
            v.to_string()
        })
        .collect();
    ingest(&store, &restricted).await;
    analyse(&store, AnalyseOptions::default()).await.unwrap();
    let again = store.network().groups(Full).await.unwrap();
    assert_eq!(
        again.iter().map(|g| &g.id).collect::<Vec<_>>(),
        full.iter().map(|g| &g.id).collect::<Vec<_>>()
    );
    assert!(again.iter().all(|g| {
        g.reports
            .iter()
            .all(|r| r.handling == model::HandlingCode::C)
    }));
    assert!(store.network().groups(Shareable).await.unwrap().is_empty());
    assert!(
        store
            .network()
            .memberships(&[], Shareable)
            .await
            .unwrap()
            .is_empty()
    );
}

/// Every group is on the threat master list, ranked by harm with its reasons and the reports
/// it rests on; a promoted person joins the list and leaves it when the promotion is
/// withdrawn; a threat's harm history grows only when its score or rank moves.
async fn the_master_list_ranks_every_group_and_promotions(db: &TestDb) {
    let store = db.open().await;
    ingest(&store, &world_lines()).await;
    let summary = analyse(&store, AnalyseOptions::default()).await.unwrap();
    let groups = store
        .network()
        .groups(store::Visibility::Full)
        .await
        .unwrap();
    let threats = store.master_list().threats().await.unwrap();
    assert_eq!(summary.threats, threats.len() as u64);
    assert_eq!(threats.len(), groups.len());
    let ranks: Vec<i64> = threats.iter().map(|t| t.rank).collect();
    assert_eq!(ranks, (1..=threats.len() as i64).collect::<Vec<_>>());
    assert!(threats.windows(2).all(|w| w[0].score >= w[1].score));
    for g in &groups {
        let t = threats
            .iter()
            .find(|t| t.id == g.id)
            .expect("each group is a threat");
        assert_eq!(t.kind, g.kind);
        assert!(
            t.score > 0.0 && !t.reasons.is_empty(),
            "{} has reasons",
            t.id
        );
        let held: BTreeSet<&str> = g.reports.iter().map(|r| r.report_ref.as_str()).collect();
        assert!(t.reports.iter().all(|r| held.contains(r.as_str())));
        let harm: serde_json::Value = serde_json::from_str(&t.harm).unwrap();
        for part in [
            "physical",
            "psychological",
            "financial",
            "community",
            "likelihood",
        ] {
            assert!(
                harm.get(part).is_some(),
                "{} keeps its {part} sub-score",
                t.id
            );
        }
    }
    // A county line exploiting children outranks the median threat.
    let top = &threats[0];
    assert!(top.score > threats[threats.len() / 2].score);

    // An analyst promotes the top group's first member.
    let subject = groups.iter().find(|g| g.id == top.id).unwrap().members[0]
        .person_id
        .clone();
    let promotion = store
        .master_list()
        .promote("person", &subject, "analyst", "leads the line")
        .await
        .unwrap();
    analyse(&store, AnalyseOptions::default()).await.unwrap();
    let threats = store.master_list().threats().await.unwrap();
    let promoted = threats
        .iter()
        .find(|t| t.id == format!("thr_{subject}"))
        .expect("the promoted person is a threat");
    assert_eq!(promoted.kind, "person");
    assert_eq!(promoted.subject, subject);
    assert!(!promoted.reports.is_empty());
    assert_eq!(threats.len(), groups.len() + 1);
    let history = store.master_list().harm_history(&top.id).await.unwrap();
    assert!(!history.is_empty());

    store
        .master_list()
        .withdraw_promotion(promotion, "analyst", "not a threat of their own")
        .await
        .unwrap();
    analyse(&store, AnalyseOptions::default()).await.unwrap();
    let threats = store.master_list().threats().await.unwrap();
    assert_eq!(threats.len(), groups.len());
    assert!(threats.iter().all(|t| t.kind != "person"));
}

macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(&super::TestDb::sqlite()).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(db) = super::TestDb::postgres().await else { return };
                    super::$name(&db).await;
                    db.drop_db().await;
                }
            )*
        }
    };
}

on_both_backends!(
    incremental_runs_agree_with_a_rebuild,
    decisions_split_merge_and_can_be_withdrawn,
    groups_are_stored_with_their_evidence_and_a_partner_view,
    the_master_list_ranks_every_group_and_promotions,
);
