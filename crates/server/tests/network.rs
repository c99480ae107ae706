//! The network's API through a real socket on both stores: groups and measures for staff, and
//! for a partner only what `P`-coded reports show — no neighbour, link, path, count or group
//! that rests on a `C`-coded report alone — each read audited with its reason.

mod common;

use common::TestApp;
use serde_json::Value;
use server::Role;
use std::collections::{BTreeSet, HashMap};
use store::testing::TestDb;

const REASON: &str = "network review op KESTREL";

/// Four people outside the simulated world. Zebedee and Ignatius are linked in a `P`-coded
/// report and again in a `C`-coded one; Barnaby is known only from a `C`-coded report; Zebedee
/// and Cornelius are linked directly only in a `C`-coded report, and through Ignatius in a
/// `P`-coded one.
const PEOPLE: [(&str, &str, &str); 4] = [
    ("A", "Zebedee QUARTERMAINE", "03/02/1991"),
    ("B", "Ignatius FOTHERINGAY", "11/07/1988"),
    ("C", "Barnaby WINTERBOTTOM", "21/12/1979"),
    ("D", "Cornelius ABERNATHY", "05/05/1995"),
];

fn report(reference: &str, handling: &str, pair: (&str, &str)) -> String {
    let person = |local: &str, who: &str| {
        let (_, name, dob) = PEOPLE.iter().find(|p| p.0 == who).unwrap();
        serde_json::json!({"id": local, "name": name, "dob": dob, "role": "subject"})
    };
    let mut grading = serde_json::json!({"source": "1", "intel": "B", "handling": handling});
    if handling == "C" {
        grading["conditions"] = "not for partners".into();
    }
    serde_json::json!({
        "kind": "report", "ref": reference, "received": "2026-03-04T10:12:00Z",
        "source": {"type": "officer"}, "grading": grading,
        "text": "Seen together.",
        "persons": [person("P1", pair.0), person("P2", pair.1)],
        "links": [{"from": "P1", "to": "P2", "type": "associates_with"}],
    })
    .to_string()
}

fn lines() -> Vec<String> {
    let config = sim::Config {
        people: 1500,
        seed: 7,
        ..sim::Config::default()
    };
    let (mut intel, mut truth) = (Vec::new(), Vec::new());
    sim::generate(&config, &mut intel, &mut truth).unwrap();
    let mut lines: Vec<String> = String::from_utf8(intel)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    lines.extend([
        report("NET-1", "P", ("A", "B")),
        report("NET-2", "C", ("B", "C")),
        report("NET-3", "C", ("A", "D")),
        report("NET-4", "P", ("B", "D")),
        report("NET-5", "C", ("A", "B")),
    ]);
    lines
}

async fn store_lines(app: &TestApp, lines: &[String]) {
    let accepted: Vec<ingest::Accepted> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| ingest::parse_line(l.as_bytes(), i as u64 + 1).expect("valid line"))
        .collect();
    let batch: Vec<store::NewReport<'_>> = accepted
        .iter()
        .map(|a| store::NewReport {
            report: &a.report,
            content_hash: &a.content_hash,
            raw: &a.raw,
            entities: &a.entities_json,
        })
        .collect();
    let mut tx = app.store.begin_write().await.unwrap();
    tx.put_reports(store::IngestId(1), &batch).await.unwrap();
    tx.commit().await.unwrap();
}

/// The person each of A, B, C and D was resolved to.
async fn people(app: &TestApp) -> HashMap<&'static str, String> {
    let of: HashMap<String, String> = app
        .store
        .person_assignments()
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.mention, a.person_id))
        .collect();
    let mut out = HashMap::new();
    for (reference, pair) in [
        ("NET-1", ("A", "B")),
        ("NET-2", ("B", "C")),
        ("NET-3", ("A", "D")),
    ] {
        for (local, who) in [("P1", pair.0), ("P2", pair.1)] {
            let id = of[&format!("{reference}#{local}")].clone();
            if let Some(known) = out.insert(who, id.clone()) {
                assert_eq!(known, id, "{who} is one person");
            }
        }
    }
    let ids: BTreeSet<&String> = out.values().collect();
    assert_eq!(ids.len(), 4, "four different people");
    out
}

async fn get(client: &reqwest::Client, url: String) -> (u16, String) {
    let res = client.get(url).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn get_json(app: &TestApp, client: &reqwest::Client, path: &str) -> Value {
    let sep = if path.contains('?') { '&' } else { '?' };
    let (status, body) = get(
        client,
        app.url(&format!(
            "{path}{sep}reason=network%20review%20op%20KESTREL"
        )),
    )
    .await;
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap()
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

async fn the_network_as_staff_and_partner_see_it(db: TestDb) {
    let app = TestApp::spawn(db).await;
    store_lines(&app, &lines()).await;
    analysis::analyse(&app.store, analysis::AnalyseOptions::default())
        .await
        .unwrap();
    let p = people(&app).await;
    let (a, b, c, d) = (&p["A"], &p["B"], &p["C"], &p["D"]);
    let analyst = app.login_as(Role::Analyst).await;
    let partner = app.login_as(Role::Partner).await;

    // Neighbours: staff see all three of Ignatius's, and the link to Zebedee resting on two
    // reports; a partner sees two, the link on its one P-coded report, and no count of more.
    let staff = get_json(
        &app,
        &analyst,
        &format!("/api/graph/entities/{b}/neighbours"),
    )
    .await;
    assert_eq!(staff["total"], 3, "{staff}");
    let shown: BTreeSet<String> = ids(&staff["neighbours"]).into_iter().collect();
    assert_eq!(shown, BTreeSet::from([a.clone(), c.clone(), d.clone()]));
    let to_a = |v: &Value| {
        v["neighbours"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == a.as_str())
            .cloned()
            .unwrap()
    };
    assert_eq!(to_a(&staff)["reports"], 2);
    assert_eq!(to_a(&staff)["value"], "Zebedee QUARTERMAINE", "{staff}");
    let shared = get_json(
        &app,
        &partner,
        &format!("/api/graph/entities/{b}/neighbours"),
    )
    .await;
    assert_eq!(shared["total"], 2, "{shared}");
    assert_eq!(shared["more"], 0);
    let shown: BTreeSet<String> = ids(&shared["neighbours"]).into_iter().collect();
    assert_eq!(shown, BTreeSet::from([a.clone(), d.clone()]));
    assert_eq!(to_a(&shared)["reports"], 1, "only the P-coded report");
    assert!(
        to_a(&shared)["weight"].as_f64().unwrap() < to_a(&staff)["weight"].as_f64().unwrap(),
        "the weight rests on the P-coded report alone"
    );
    // Paging: one at a time, "and 1 more".
    let page = get_json(
        &app,
        &partner,
        &format!("/api/graph/entities/{b}/neighbours?limit=1&offset=0"),
    )
    .await;
    assert_eq!(page["neighbours"].as_array().unwrap().len(), 1);
    assert_eq!(page["more"], 1);
    // Zebedee's neighbours: the C-only link to Cornelius is not one of a partner's.
    let shared = get_json(
        &app,
        &partner,
        &format!("/api/graph/entities/{a}/neighbours"),
    )
    .await;
    assert_eq!(ids(&shared["neighbours"]), vec![b.clone()], "{shared}");
    assert_eq!(shared["total"], 1);

    // Barnaby, known only from C-coded intelligence, is not found for a partner — anywhere.
    let (status, body) = get(
        &partner,
        app.url(&format!(
            "/api/graph/entities/{c}/neighbours?reason=network%20review%20x"
        )),
    )
    .await;
    assert_eq!(status, 404, "{body}");
    let (status, body) = get(
        &partner,
        app.url(&format!(
            "/api/graph/paths?from={a}&to={c}&reason=network%20review%20x"
        )),
    )
    .await;
    assert_eq!(status, 404, "{body}");

    // Paths: staff's shortest from Zebedee to Cornelius is the direct C-coded link; a
    // partner's goes through Ignatius, as the P-coded reports have it.
    let staff = get_json(
        &app,
        &analyst,
        &format!("/api/graph/paths?from={a}&to={d}&k=2"),
    )
    .await;
    let paths = staff["paths"].as_array().unwrap();
    assert_eq!(paths.len(), 2, "{staff}");
    assert_eq!(ids(&paths[0]["entities"]), vec![a.clone(), d.clone()]);
    assert_eq!(
        ids(&paths[1]["entities"]),
        vec![a.clone(), b.clone(), d.clone()]
    );
    let shared = get_json(
        &app,
        &partner,
        &format!("/api/graph/paths?from={a}&to={d}&k=2"),
    )
    .await;
    let paths = shared["paths"].as_array().unwrap();
    assert_eq!(paths.len(), 1, "{shared}");
    assert_eq!(
        ids(&paths[0]["entities"]),
        vec![a.clone(), b.clone(), d.clone()]
    );
    let staff = get_json(&app, &analyst, &format!("/api/graph/paths?from={a}&to={c}")).await;
    assert_eq!(
        ids(&staff["paths"][0]["entities"]),
        vec![a.clone(), b.clone(), c.clone()]
    );

    // Centrality among the four: Ignatius's degree is 3 for staff, 2 for a partner; asking a
    // partner's network about Barnaby finds nothing.
    let staff = get_json(
        &app,
        &analyst,
        &format!("/api/graph/centrality?measure=degree&entities={a},{b},{c},{d}"),
    )
    .await;
    assert_eq!(staff["ranking"][0]["id"], b.as_str(), "{staff}");
    assert_eq!(staff["ranking"][0]["score"], 3.0);
    let shared = get_json(
        &app,
        &partner,
        &format!("/api/graph/centrality?measure=degree&entities={a},{b},{d}"),
    )
    .await;
    assert_eq!(shared["ranking"][0]["id"], b.as_str(), "{shared}");
    assert_eq!(shared["ranking"][0]["score"], 2.0);
    let (status, _) = get(
        &partner,
        app.url(&format!(
            "/api/graph/centrality?measure=degree&entities={a},{c}&reason=network%20review%20x"
        )),
    )
    .await;
    assert_eq!(status, 404);
    for measure in ["betweenness", "eigenvector", "pagerank"] {
        let v = get_json(
            &app,
            &analyst,
            &format!("/api/graph/centrality?measure={measure}&entities={a},{b},{c},{d}"),
        )
        .await;
        assert_eq!(v["ranking"][0]["id"], b.as_str(), "{measure}: {v}");
        assert_eq!(v["entities"], 4);
    }
    // Betweenness: Ignatius lies on every shortest path between the others but Zebedee and
    // Cornelius, who are linked directly.
    let v = get_json(
        &app,
        &analyst,
        &format!("/api/graph/centrality?measure=betweenness&entities={a},{b},{c},{d}"),
    )
    .await;
    assert_eq!(v["ranking"][0]["score"], 2.0, "{v}");

    // Components: the four are one component for staff, three for a partner.
    let component_of = |v: &Value, who: &str| -> usize {
        v["components"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| ids(&c["entities"]).iter().any(|e| e == who))
            .map(|c| c["size"].as_u64().unwrap() as usize)
            .unwrap_or_else(|| panic!("{who} in no component listed"))
    };
    let staff = get_json(
        &app,
        &analyst,
        "/api/graph/components?limit=1000&members=1000",
    )
    .await;
    let shared = get_json(
        &app,
        &partner,
        "/api/graph/components?limit=1000&members=1000",
    )
    .await;
    assert_eq!(component_of(&staff, a), 4);
    assert_eq!(component_of(&shared, a), 3);
    assert!(shared["entities"].as_u64() < staff["entities"].as_u64());

    // Most connected: persons only, strongest first.
    let v = get_json(
        &app,
        &analyst,
        "/api/graph/most-connected?kinds=person&limit=5",
    )
    .await;
    let ranking = v["ranking"].as_array().unwrap();
    assert_eq!(ranking.len(), 5, "{v}");
    assert!(ranking.iter().all(|s| s["kind"] == "person"));
    assert!(
        ranking
            .windows(2)
            .all(|w| w[0]["score"].as_f64() >= w[1]["score"].as_f64())
    );

    // Nothing a partner was sent names Barnaby or his id.
    let audit_before = app.store.audit_entries(0, 1_000_000).await.unwrap().len();
    for path in [
        format!("/api/graph/entities/{a}/neighbours"),
        format!("/api/graph/entities/{b}/neighbours"),
        format!("/api/graph/entities/{d}/neighbours"),
        format!("/api/graph/paths?from={a}&to={d}&k=10"),
        "/api/graph/components?limit=1000&members=1000".to_string(),
        "/api/graph/most-connected?limit=1000".to_string(),
        "/api/graph/centrality?measure=pagerank&limit=1000".to_string(),
        "/api/groups".to_string(),
    ] {
        let (status, body) = get(
            &partner,
            app.url(&format!(
                "{path}{}reason=network%20review%20x",
                if path.contains('?') { '&' } else { '?' }
            )),
        )
        .await;
        assert_eq!(status, 200, "{path}: {body}");
        assert!(!body.contains(c.as_str()), "{path} names Barnaby's id");
        assert!(!body.contains("WINTERBOTTOM"), "{path} names Barnaby");
    }
    let audit = app.store.audit_entries(0, 1_000_000).await.unwrap();
    assert_eq!(audit.len(), audit_before + 8, "each read audited");

    // Every read needs a reason, and is audited with it.
    let (status, body) = get(&analyst, app.url("/api/graph/components")).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("reason"));
    let actions: BTreeSet<&str> = audit
        .iter()
        .filter(|e| e.reason.as_deref() == Some(REASON))
        .map(|e| e.action.as_str())
        .collect();
    for action in [
        "api.graph.neighbours",
        "api.graph.paths",
        "api.graph.degree",
        "api.graph.betweenness",
        "api.graph.components",
        "api.graph.most_connected",
    ] {
        assert!(actions.contains(action), "{action} audited: {actions:?}");
    }
    let read = audit
        .iter()
        .find(|e| e.action == "api.graph.neighbours" && e.actor == common::username(Role::Partner))
        .unwrap();
    assert!(
        read.details.contains(a.as_str()),
        "who was shown: {}",
        read.details
    );

    // Groups: staff see the full picture's, a partner only the shareable ones — as P-coded
    // reports show them — and a group seen only in the full picture is not found.
    let full = app
        .store
        .network()
        .groups(store::Visibility::Full)
        .await
        .unwrap();
    let shareable = app
        .store
        .network()
        .groups(store::Visibility::Shareable)
        .await
        .unwrap();
    assert!(full.len() >= 3, "{} groups", full.len());
    let staff = get_json(&app, &analyst, "/api/groups").await;
    assert_eq!(staff["visibility"], "full");
    assert_eq!(
        ids(&staff["groups"]),
        full.iter().map(|g| g.id.clone()).collect::<Vec<_>>()
    );
    let shared = get_json(&app, &partner, "/api/groups").await;
    assert_eq!(shared["visibility"], "shareable");
    assert_eq!(
        ids(&shared["groups"]),
        shareable.iter().map(|g| g.id.clone()).collect::<Vec<_>>()
    );
    let lines = get_json(&app, &analyst, "/api/groups?kind=county_line").await;
    assert!(
        lines["groups"]
            .as_array()
            .unwrap()
            .iter()
            .all(|g| g["kind"] == "county_line" && !g["deal_lines"].as_array().unwrap().is_empty())
    );
    let one = &full[0];
    let detail = get_json(&app, &analyst, &format!("/api/groups/{}", one.id)).await;
    assert_eq!(
        detail["members"].as_array().unwrap().len(),
        one.members.len()
    );
    assert!(
        detail["members"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["name"].is_string() && !m["reasons"].as_array().unwrap().is_empty())
    );
    for g in &full {
        let in_partner_view = shareable.iter().find(|s| s.id == g.id);
        let (status, body) = get(
            &partner,
            app.url(&format!("/api/groups/{}?reason=network%20review%20x", g.id)),
        )
        .await;
        match in_partner_view {
            None => assert_eq!(status, 404, "{}: {body}", g.id),
            Some(s) => {
                assert_eq!(status, 200, "{body}");
                let v: Value = serde_json::from_str(&body).unwrap();
                assert_eq!(v["visibility"], "shareable");
                assert_eq!(v["members"].as_array().unwrap().len(), s.members.len());
                assert!(
                    v["reports"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .all(|r| r["handling"] == "P"),
                    "{body}"
                );
            }
        }
    }
    // Centrality within a group, as the viewer sees it.
    let v = get_json(
        &app,
        &analyst,
        &format!("/api/graph/centrality?measure=betweenness&group={}", one.id),
    )
    .await;
    assert_eq!(v["scope"], one.id.as_str());
    assert!(v["entities"].as_u64().unwrap() >= one.members.len() as u64);

    // A new analysis saves a new network, which the next read uses.
    store_lines(&app, &[report("NET-6", "P", ("A", "C"))]).await;
    analysis::analyse(&app.store, analysis::AnalyseOptions::default())
        .await
        .unwrap();
    let shared = get_json(
        &app,
        &partner,
        &format!("/api/graph/entities/{a}/neighbours"),
    )
    .await;
    assert_eq!(
        shared["total"], 2,
        "Barnaby is now in a P-coded report: {shared}"
    );

    // The OpenAPI description names the parameters and the answer of each.
    let doc: Value = reqwest::get(app.url("/api/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for (path, params, schema) in [
        (
            "/api/graph/paths",
            &["from", "to", "k", "cost", "reason"][..],
            "PathsView",
        ),
        (
            "/api/graph/entities/{id}/neighbours",
            &["id", "offset", "limit", "kinds"][..],
            "NeighboursView",
        ),
        (
            "/api/graph/centrality",
            &["measure", "group", "entities"][..],
            "RankingView",
        ),
        ("/api/groups/{id}", &["id", "reason"][..], "GroupDetail"),
    ] {
        let op = &doc["paths"][path]["get"];
        let names: Vec<&str> = op["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        for p in params {
            assert!(names.contains(p), "{path}: {p} in {names:?}");
        }
        assert_eq!(
            op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            format!("#/components/schemas/{schema}")
        );
        assert!(doc["components"]["schemas"][schema].is_object());
    }

    assert!(app.store.verify_audit().await.unwrap().is_empty());
    app.db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_the_network_as_staff_and_partner_see_it() {
    the_network_as_staff_and_partner_see_it(TestDb::sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_the_network_as_staff_and_partner_see_it() {
    if let Some(db) = TestDb::postgres().await {
        the_network_as_staff_and_partner_see_it(db).await;
    }
}
