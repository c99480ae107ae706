//! Lead responsible officers, allocation, 4P plans, disruptions, outcomes, the governance
//! dashboard and the readiness report through a real socket on both stores, against threats a
//! test builds (the master list is another part's): two officers overloaded and a better
//! allocation accepted, with a change refused without its reason and a stale recommendation
//! refused; a plan opened, reviewed late and on time; a disruption recorded with its rationale;
//! outcomes added up; the readiness report as HTML and as a PDF whose outline has every section.

mod common;
#[path = "common/threats.rs"]
mod fixture;

use common::{TestApp, hidden};
use model::CrimeType::{self, *};
use operations::{Threat, ThreatId};
use server::Role;
use store::testing::TestDb;
use time::{Duration, OffsetDateTime};

const WHY: &str = "governance%20board%20December";

fn threat(id: &str, crimes: &[CrimeType], harm: f64) -> Threat {
    Threat {
        id: ThreatId::try_from(id).unwrap(),
        label: format!("test threat {id}"),
        crime_types: crimes.to_vec(),
        harm: Some(harm),
    }
}

/// Ten threats: weights 3, 3, 2, 2, 2, 1, 1, 1, 1, 1.
fn threats() -> Vec<Threat> {
    let c = [
        DrugsCountyLines,
        DrugsCountyLines,
        MshtLabour,
        DrugsCountyLines,
        ChildCriminalExploitation,
        Fraud,
        DrugsCountyLines,
        MshtSexual,
        DrugsCountyLines,
        Fraud,
    ];
    (0..10)
        .map(|i| {
            threat(
                &format!("grp_{:04}", i + 1),
                &[c[i]],
                500.0 - 40.0 * i as f64,
            )
        })
        .collect()
}

fn day(offset: i64) -> String {
    (OffsetDateTime::now_utc().date() + Duration::days(offset)).to_string()
}

async fn get(client: &reqwest::Client, url: String) -> (u16, String) {
    let res = client.get(url).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = app.session_csrf(client).await;
    let mut form: Vec<(&str, &str)> = fields.to_vec();
    form.push(("csrf", &csrf));
    client.post(app.url(path)).form(&form).send().await.unwrap()
}

/// Adds an officer through the page and returns their id.
async fn add_officer(
    app: &TestApp,
    gov: &reqwest::Client,
    name: &str,
    skills: &[&str],
    capacity: &str,
) -> i64 {
    let mut fields = vec![
        ("name", name),
        ("rank", "DI"),
        ("team", "SOC"),
        ("capacity", capacity),
    ];
    for s in skills {
        fields.push(("skill", s));
    }
    let res = post(app, gov, "/officers", &fields).await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    app.store
        .operations()
        .officers()
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.name == name)
        .unwrap()
        .id
}

async fn overloaded_then_rebalanced(app: &TestApp) {
    let gov = app.login_as(Role::GovernanceLead).await;
    let shah = add_officer(
        app,
        &gov,
        "Amira SHAH",
        &["county_lines", "child_exploitation"],
        "6",
    )
    .await;
    let okafor = add_officer(
        app,
        &gov,
        "Ben OKAFOR",
        &["county_lines", "modern_slavery"],
        "4",
    )
    .await;
    let patel = add_officer(
        app,
        &gov,
        "Farah PATEL",
        &["economic_crime", "county_lines"],
        "6",
    )
    .await;
    let reid = add_officer(
        app,
        &gov,
        "Cara REID",
        &["modern_slavery", "county_lines"],
        "6",
    )
    .await;
    for id in [shah, okafor, patel] {
        let res = post(
            app,
            &gov,
            &format!("/officers/{id}/training"),
            &[("course", "lro_course"), ("completed_on", &day(-300))],
        )
        .await;
        assert_eq!(res.status(), 303);
    }
    // Reid is learning: untrained, under Shah's mentoring.
    let res = post(
        app,
        &gov,
        &format!("/officers/{reid}/mentoring"),
        &[("mentor", &shah.to_string()), ("started_on", &day(-30))],
    )
    .await;
    assert_eq!(res.status(), 303);
    let mentoring = app.store.operations().officers().await.unwrap();
    let m = mentoring.iter().find(|o| o.id == reid).unwrap().mentored_by[0].id;
    let res = post(
        app,
        &gov,
        &format!("/mentoring/{m}/sessions"),
        &[
            ("held_on", &day(-7)),
            ("note", "went through the 4P plan for grp_0004"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    // A course in the future is refused, with the page shown again.
    let res = post(
        app,
        &gov,
        &format!("/officers/{reid}/training"),
        &[("course", "lro_course"), ("completed_on", &day(3))],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("cannot be completed in the future")
    );

    // As things stand: Shah and Okafor carry too much, two threats have nobody.
    let set = |t: &str, o: i64| store::AllocationChange {
        threat_id: t.into(),
        officer_id: Some(o),
        basis: "direct".into(),
        reason: "held before Sightline".into(),
    };
    app.store
        .operations()
        .set_allocations(
            &[
                set("grp_0001", shah),
                set("grp_0002", shah),
                set("grp_0004", shah),
                set("grp_0003", okafor),
                set("grp_0005", okafor),
                set("grp_0007", okafor),
                set("grp_0006", patel),
                set("grp_0010", patel),
            ],
            "gov1",
            "migrated",
        )
        .await
        .unwrap();
    let (status, html) = get(&gov, app.url(&format!("/demand?reason={WHY}"))).await;
    assert_eq!(status, 200);
    assert!(html.contains("DI Amira SHAH (8 of 6)"), "{html}");
    assert!(html.contains("DI Ben OKAFOR (5 of 4)"), "{html}");
    assert_eq!(
        html.matches("<span class=\"tag warn\">over capacity</span>")
            .count(),
        2,
        "two officers overloaded"
    );
    assert!(html.contains("grp_0008 (rank 8, low)") && html.contains("grp_0009"));
    let demand: serde_json::Value = gov
        .get(app.url(&format!("/api/demand?reason={WHY}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(demand["overloaded"].as_array().unwrap().len(), 2);
    assert_eq!(demand["without_officer"].as_array().unwrap().len(), 2);

    // The recommendation relieves them within capacity.
    let (status, html) = get(
        &gov,
        app.url(&format!("/allocation?mode=rebalance&reason={WHY}")),
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        html.contains("moves from DI Amira SHAH, who carries 8 of 6 points"),
        "{html}"
    );
    let fingerprint = hidden(&html, "fingerprint").unwrap();
    let api: serde_json::Value = gov
        .get(app.url(&format!("/api/allocation?mode=rebalance&reason={WHY}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["fingerprint"], fingerprint.as_str());
    assert_eq!(api["recommendation"]["proven_optimal"], true);
    for l in api["recommendation"]["loads"].as_array().unwrap() {
        assert!(l["after"].as_u64() <= l["capacity"].as_u64(), "{l}");
    }
    // A row changed without saying why is refused.
    let changed_to = if api["recommendation"]["assignments"][0]["officer"] == shah {
        okafor
    } else {
        shah
    };
    let res = post(
        app,
        &gov,
        "/allocation",
        &[
            ("fingerprint", &fingerprint),
            ("mode", "rebalance"),
            ("reason", "SOC governance board"),
            ("o_grp_0001", &changed_to.to_string()),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("grp_0001: say why"));
    // Accepted as recommended.
    let res = post(
        app,
        &gov,
        "/allocation",
        &[
            ("fingerprint", &fingerprint),
            ("mode", "rebalance"),
            ("reason", "SOC governance board"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    // The same recommendation again is stale: the picture changed.
    let res = post(
        app,
        &gov,
        "/allocation",
        &[
            ("fingerprint", &fingerprint),
            ("mode", "rebalance"),
            ("reason", "SOC governance board"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("changed since the recommendation was shown")
    );
    let demand: serde_json::Value = gov
        .get(app.url(&format!("/api/demand?reason={WHY}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        demand["overloaded"].as_array().unwrap().len(),
        0,
        "{demand}"
    );
    let audit = app.store.audit_entries(0, 1000).await.unwrap();
    let decided: Vec<_> = audit
        .iter()
        .filter(|e| {
            e.action == "allocation.set" && e.actor == common::username(Role::GovernanceLead)
        })
        .collect();
    assert!(!decided.is_empty());
    assert!(
        decided
            .iter()
            .all(|e| e.reason.as_deref() == Some("SOC governance board"))
    );
    assert!(audit.iter().any(|e| e.action == "view.allocation"));

    // Reading officers' records needs a reason; an analyst may look but not allocate.
    let analyst = app.login_as(Role::Analyst).await;
    let (status, html) = get(&analyst, app.url("/officers")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Why are you opening"), "asked why");
    let (_, html) = get(&analyst, app.url(&format!("/officers?reason={WHY}"))).await;
    assert!(html.contains("mentored by DI Amira SHAH"), "{html}");
    assert!(!html.contains("Add an officer"));
    let res = post(app, &analyst, "/allocation", &[("fingerprint", "x")]).await;
    assert_eq!(res.status(), 403);
}

async fn a_plan_a_disruption_and_outcomes(app: &TestApp) {
    let lro = app.login_as(Role::LeadResponsibleOfficer).await;
    let res = post(
        app,
        &lro,
        "/threats/grp_0003/plan",
        &[("opened_on", &day(-40))],
    )
    .await;
    assert_eq!(res.status(), 303);
    let res = post(
        app,
        &lro,
        "/threats/grp_0003/plan",
        &[("opened_on", &day(-1))],
    )
    .await;
    assert_eq!(res.status(), 422, "one plan per threat");
    for (strand, what, due) in [
        ("pursue", "Warrant at the address on Orchard Close", day(-2)),
        (
            "protect",
            "Safeguarding visits to the workers housed at the farm",
            day(10),
        ),
    ] {
        let res = post(
            app,
            &lro,
            "/threats/grp_0003/actions",
            &[
                ("strand", strand),
                ("description", what),
                ("owner", "DS Khan"),
                ("due_on", &due),
            ],
        )
        .await;
        assert_eq!(res.status(), 303);
    }
    // Opened 40 days ago and never reviewed: overdue, first on the list.
    let (_, html) = get(&lro, app.url(&format!("/plans?reason={WHY}"))).await;
    assert!(html.contains("review overdue by 12 days"), "{html}");
    let first_row = html.split("<tbody>").nth(1).unwrap();
    assert!(first_row.find("grp_0003").unwrap() < first_row.find("grp_0001").unwrap());
    let (_, html) = get(&lro, app.url(&format!("/threats/grp_0003?reason={WHY}"))).await;
    assert!(html.contains("review overdue by 12 days"));
    assert!(html.contains("1 actions overdue"));
    assert!(html.contains("Nothing yet under Prevent, Prepare"));
    let res = post(
        app,
        &lro,
        "/threats/grp_0003/reviews",
        &[
            ("held_on", &day(0)),
            ("next_review_on", &day(200)),
            ("note", "Reviewed at the SOC governance board"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422, "too far ahead");
    let res = post(
        app,
        &lro,
        "/threats/grp_0003/reviews",
        &[
            ("held_on", &day(0)),
            ("next_review_on", &day(28)),
            ("note", "Reviewed at the SOC governance board"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let plan = app
        .store
        .operations()
        .plans(Some("grp_0003"))
        .await
        .unwrap()
        .pop()
        .unwrap();
    let warrant = plan
        .actions
        .iter()
        .find(|a| a.strand == "pursue")
        .unwrap()
        .id;
    let res = post(
        app,
        &lro,
        &format!("/threats/grp_0003/actions/{warrant}"),
        &[("status", "done"), ("note", "executed, two arrested")],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, html) = get(&lro, app.url(&format!("/threats/grp_0003?reason={WHY}"))).await;
    assert!(
        html.contains(&format!("Next review by {}", day(28))),
        "{html}"
    );
    assert!(!html.contains("actions overdue"));

    // A disruption needs its rationale.
    let res = post(
        app,
        &lro,
        "/threats/grp_0003/disruptions",
        &[
            ("occurred_on", &day(-1)),
            ("strand", "pursue"),
            ("impact", "major"),
            ("assessor", "DI Shah"),
            ("rationale", "worked"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let res = post(
        app,
        &lro,
        "/threats/grp_0003/disruptions",
        &[
            ("occurred_on", &day(-1)),
            ("strand", "pursue"),
            ("impact", "major"),
            ("assessor", "DI Shah, disruptions panel"),
            (
                "rationale",
                "Gangmaster remanded; the workers moved to safe housing",
            ),
            ("operation", "Op KESTREL"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    for (arrests, cash) in [("2", "12,500"), ("1", "")] {
        let res = post(
            app,
            &lro,
            "/threats/grp_0003/outcomes",
            &[
                ("occurred_on", &day(-1)),
                ("operation", "Op KESTREL"),
                ("arrests", arrests),
                ("cash_pence", cash),
                ("referrals", "3"),
            ],
        )
        .await;
        assert_eq!(res.status(), 303);
    }
    let view: serde_json::Value = lro
        .get(app.url(&format!("/api/threats/grp_0003?reason={WHY}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(view["disruptions"][0]["impact"], "major");
    assert_eq!(
        view["disruptions"][0]["assessor"],
        "DI Shah, disruptions panel"
    );
    assert_eq!(
        view["by_operation"][0],
        serde_json::json!([
            "Op KESTREL",
            "3 arrests, £12,500 cash seized, 6 safeguarding referrals"
        ])
    );
    // A threat not on the master list takes no plan.
    let res = post(
        app,
        &lro,
        "/threats/grp_0999/plan",
        &[("opened_on", &day(0))],
    )
    .await;
    assert_eq!(res.status(), 404);

    // The governance dashboard: figures, no names.
    let gov = app.login_as(Role::GovernanceLead).await;
    let (status, html) = get(&gov, app.url("/governance")).await;
    assert_eq!(status, 200);
    for heading in [
        "Threats by crime type and harm",
        "Allocation and capacity",
        "4P plans and reviews",
        "Disruptions and outcomes",
        "Safeguarding referrals and their timeliness",
    ] {
        assert!(html.contains(heading), "{heading}");
    }
    assert!(html.contains("<svg class=\"chart\""));
    assert!(!html.contains("SHAH"), "the dashboard names nobody");
}

/// The titles in a PDF's outline (`/Title (…)` or UTF-16 `/Title <FEFF…>`).
fn outline_titles(pdf: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(pdf);
    let mut out = Vec::new();
    for part in text.split("/Title ").skip(1) {
        if let Some(rest) = part.strip_prefix('(') {
            let mut s = String::new();
            let mut chars = rest.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => s.extend(chars.next()),
                    ')' => break,
                    c => s.push(c),
                }
            }
            out.push(s);
        } else if let Some(rest) = part.strip_prefix("<FEFF") {
            let hex: String = rest
                .chars()
                .take_while(|c| *c != '>')
                .filter(char::is_ascii_hexdigit)
                .collect();
            let units: Vec<u16> = (0..hex.len() / 4)
                .filter_map(|i| u16::from_str_radix(&hex[i * 4..i * 4 + 4], 16).ok())
                .collect();
            out.push(String::from_utf16_lossy(&units));
        }
    }
    out
}

async fn the_readiness_report(app: &TestApp) {
    let gov = app.login_as(Role::GovernanceLead).await;
    let (status, html) = get(&gov, app.url("/governance/readiness")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Self-assessed grade"));
    assert!(html.contains("Officers carrying more than their capacity"));
    let r: serde_json::Value = gov
        .get(app.url("/api/readiness"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["questions"].as_array().unwrap().len(), 6);
    let res = gov
        .get(app.url("/governance/readiness.pdf"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        200,
        "PDF printing needs Chromium (SIGHTLINE_CHROMIUM or chromium on PATH)"
    );
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let pdf = res.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let titles = outline_titles(&pdf);
    for section in [
        "Inspection readiness",
        "Summary",
        "1. Understanding the threat and setting priorities",
        "2. Intelligence",
        "3. Lead responsible officers: capacity, training and mentoring",
        "4. Governance: 4P plans and measuring disruption",
        "5. Working with partners and sharing information",
        "6. Tackling exploitation and safeguarding",
        "How the grade is reached",
    ] {
        // Chromium takes an outline entry from the laid-out text, where a wrapped line loses
        // its space.
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        assert!(
            titles.iter().any(|t| squeeze(t) == squeeze(section)),
            "{section} not in the outline {titles:?}"
        );
    }
}

async fn operations(db: TestDb) {
    let app = TestApp::spawn_with_threats(db, Some(threats())).await;
    overloaded_then_rebalanced(&app).await;
    a_plan_a_disruption_and_outcomes(&app).await;
    the_readiness_report(&app).await;
    assert!(app.store.verify_audit().await.unwrap().is_empty());
    app.db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_officers_allocation_plans_and_readiness() {
    operations(TestDb::sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_officers_allocation_plans_and_readiness() {
    if let Some(db) = TestDb::postgres().await {
        operations(db).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_master_list_the_pages_say_so_and_nothing_is_invented() {
    let app = TestApp::spawn(TestDb::sqlite()).await;
    let gov = app.login_as(Role::GovernanceLead).await;
    for path in ["/demand", "/allocation", "/plans"] {
        let (status, html) = get(&gov, app.url(&format!("{path}?reason={WHY}"))).await;
        assert_eq!(status, 200, "{path}");
        assert!(
            html.contains("No threat master list is connected yet"),
            "{path}"
        );
    }
    let res = post(
        &app,
        &gov,
        "/threats/grp_0001/plan",
        &[("opened_on", &day(0))],
    )
    .await;
    assert_eq!(res.status(), 404);
    let r: serde_json::Value = gov
        .get(app.url("/api/readiness"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let lro = r["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "lro")
        .unwrap();
    assert!(
        lro["answers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["level"] == "not_evidenced")
    );
    app.db.drop_db().await;
}

/// The demo's roster, once a master list exists: two officers overloaded, one unmentored
/// officer holding a threat, the two lowest-harm threats without anyone — and a rebalanced
/// allocation that puts it right.
async fn the_demo_roster_needs_a_better_allocation(db: TestDb) {
    let app = TestApp::spawn_with_threats(db, Some(fixture::threats())).await;
    let names: Vec<String> = (0..server::demo::ROSTER_SIZE)
        .map(|i| format!("Officer {i}"))
        .collect();
    let today = OffsetDateTime::now_utc().date();
    server::demo::seed_officers(app.store.as_ref(), &names, today, "demo")
        .await
        .unwrap();
    let n = server::demo::seed_allocations(app.store.as_ref(), &fixture::threats(), today, "demo")
        .await
        .unwrap();
    assert_eq!(n, 12);
    let gov = app.login_as(Role::GovernanceLead).await;
    let demand: serde_json::Value = gov
        .get(app.url(&format!("/api/demand?reason={WHY}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        demand["overloaded"].as_array().unwrap().len(),
        2,
        "{demand}"
    );
    assert_eq!(
        demand["without_officer"].as_array().unwrap().len(),
        2,
        "{demand}"
    );
    assert_eq!(
        demand["untrained_unmentored_holding"]
            .as_array()
            .unwrap()
            .len(),
        1,
        "{demand}"
    );
    let r: serde_json::Value = gov
        .get(app.url(&format!("/api/allocation?mode=rebalance&reason={WHY}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let r = &r["recommendation"];
    assert_eq!(r["proven_optimal"], true);
    for l in r["loads"].as_array().unwrap() {
        assert!(l["after"].as_u64() <= l["capacity"].as_u64(), "{l}");
    }
    let served = r["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| !a["officer"].is_null())
        .count();
    assert_eq!(
        served, 14,
        "capacity enough for every threat once rebalanced"
    );
    app.db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_the_demo_roster_needs_a_better_allocation() {
    the_demo_roster_needs_a_better_allocation(TestDb::sqlite()).await;
}
