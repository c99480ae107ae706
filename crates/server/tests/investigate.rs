//! The investigation pages through a real socket on both stores: the list of people at risk (its
//! reason prompt, filters, paging, audit and refusal to partners), a person's page (their
//! vulnerability with its evidence, why each mention is them, what a partner is not shown), and
//! the confirm, split and merge decisions with their withdrawal; the dashboard.

mod common;

use common::TestApp;
use server::Role;
use std::collections::HashMap;
use store::testing::TestDb;

const REASON: &str = "safeguarding review op KESTREL";

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

async fn analyse(app: &TestApp) {
    analysis::analyse(&app.store, analysis::AnalyseOptions::default())
        .await
        .unwrap();
}

async fn person_of(app: &TestApp) -> HashMap<String, String> {
    app.store
        .person_assignments()
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.mention, a.person_id))
        .collect()
}

async fn get(client: &reqwest::Client, url: String) -> (u16, String) {
    let res = client.get(url).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Rows of the first table body on a page.
fn body_rows(html: &str) -> Vec<&str> {
    let Some(start) = html.find("<tbody>") else {
        return Vec::new();
    };
    let end = html[start..].find("</tbody>").unwrap() + start;
    html[start..end].split("<tr>").skip(1).collect()
}

async fn the_list_of_people_at_risk(app: &TestApp) {
    let config = sim::Config {
        people: 1500,
        seed: 7,
        ..sim::Config::default()
    };
    let (mut intel, mut truth) = (Vec::new(), Vec::new());
    sim::generate(&config, &mut intel, &mut truth).unwrap();
    let lines: Vec<String> = String::from_utf8(intel)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    store_lines(app, &lines).await;
    analyse(app).await;
    let flagged = app.store.vulnerabilities(None, true).await.unwrap();
    assert!(flagged.len() > 5, "the world has people at risk");

    let officer = app.login_as(Role::SafeguardingOfficer).await;
    // No reason: asked for one, and nothing is shown.
    let (status, html) = get(&officer, app.url("/vulnerable")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Why are you opening"), "{html}");
    assert!(!html.contains("<table"));

    let (status, html) = get(
        &officer,
        app.url(&format!("/vulnerable?reason={}", enc(REASON))),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains(&format!("{} people flagged", flagged.len())),
        "the count of everyone flagged"
    );
    let rows = body_rows(&html);
    assert_eq!(rows.len(), flagged.len().min(50));
    // Every row links to its person, carrying the reason on.
    assert!(rows[0].contains(&format!("?reason={}", enc(REASON))));
    // Newest evidence first.
    let dates: Vec<&str> = rows
        .iter()
        .filter_map(|r| {
            let cells: Vec<&str> = r.split("<td>").collect();
            cells.get(5).map(|c| &c[..10.min(c.len())])
        })
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest evidence first");

    // Children only: every row is a child.
    let (_, html) = get(
        &officer,
        app.url(&format!("/vulnerable?reason={}&children=1", enc(REASON))),
    )
    .await;
    let rows = body_rows(&html);
    assert!(!rows.is_empty(), "the world has children at risk");
    assert!(
        rows.iter()
            .all(|r| r.contains("<span class=\"tag\">child</span>"))
    );

    // One category: every row is in it.
    let (_, html) = get(
        &officer,
        app.url(&format!(
            "/vulnerable?reason={}&category=child_criminal_exploitation",
            enc(REASON)
        )),
    )
    .await;
    let rows = body_rows(&html);
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r.contains("child criminal exploitation"))
    );
    let (status, _) = get(
        &officer,
        app.url(&format!(
            "/vulnerable?reason={}&category=nonsense",
            enc(REASON)
        )),
    )
    .await;
    assert_eq!(status, 400);

    // The API says the same, with the reason in a header.
    let res = officer
        .get(app.url("/api/vulnerable?sort=score"))
        .header("x-access-reason", REASON)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let list: serde_json::Value = res.json().await.unwrap();
    assert_eq!(list["total"], flagged.len());
    assert_eq!(list["people"][0]["id"], flagged[0].person_id.as_str());
    let res = officer
        .get(app.url("/api/vulnerable"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400, "no reason, no list");

    // Partners are refused: a list drawn from all the force's intelligence is not theirs.
    let partner = app.login_as(Role::Partner).await;
    let (status, _) = get(
        &partner,
        app.url(&format!("/vulnerable?reason={}", enc(REASON))),
    )
    .await;
    assert_eq!(status, 403);

    // Each viewing is audited with its reason and who was shown.
    let audit = app.store.audit_entries(0, 100_000).await.unwrap();
    let seen: Vec<_> = audit
        .iter()
        .filter(|e| e.action == "view.vulnerable")
        .collect();
    assert_eq!(seen.len(), 3);
    assert!(seen.iter().all(|e| e.reason.as_deref() == Some(REASON)));
    assert!(
        serde_json::from_str::<serde_json::Value>(&seen[0].details).unwrap()["shown"]
            .as_array()
            .is_some_and(|s| s.len() == flagged.len().min(50))
    );
}

fn line(reference: &str, at: &str, handling: &str, source: &str, person: &str) -> String {
    let conditions = if handling == "C" {
        "\"Not to be shared outside the force\""
    } else {
        "null"
    };
    format!(
        r#"{{"kind":"report","ref":"{reference}","received":"{at}","source":{source},"grading":{{"source":"1","intel":"B","handling":"{handling}","conditions":{conditions}}},"crime_types":["drugs_county_lines"],"text":"Seen near the station.","persons":[{person}]}}"#
    )
}

const OFFICER: &str = r#"{"type":"officer"}"#;
const SCHOOL: &str = r#"{"type":"partner","org":"Fenland District Council"}"#;

async fn a_person_and_the_decisions_about_them(app: &TestApp) {
    let boy = |name: &str, role: &str| {
        format!(
            r#"{{"id":"P1","name":"{name}","dob":"03/02/2010","gender":"male","role":"{role}"}}"#
        )
    };
    let lines = vec![
        line(
            "INV-1",
            "2026-01-04T10:00:00Z",
            "C",
            OFFICER,
            &boy("Jonathan SMITH", "victim"),
        ),
        line(
            "INV-2",
            "2026-01-10T10:00:00Z",
            "C",
            OFFICER,
            &boy("Jonathan SMITH", "victim"),
        ),
        line(
            "INV-3",
            "2026-02-01T10:00:00Z",
            "P",
            SCHOOL,
            &boy("Jon SMITH", "victim"),
        ),
        line(
            "INV-4",
            "2026-02-03T10:00:00Z",
            "P",
            OFFICER,
            r#"{"id":"P1","name":"Kelly BROWN","dob":"12/12/1980","gender":"female","role":"subject"}"#,
        ),
    ];
    store_lines(app, &lines).await;
    analyse(app).await;
    let map = person_of(app).await;
    let jon = map["INV-1#P1"].clone();
    assert_eq!(map["INV-2#P1"], jon);
    assert_eq!(map["INV-3#P1"], jon, "Jon is Jonathan");
    let kelly = map["INV-4#P1"].clone();
    assert_ne!(kelly, jon);

    // An analyst sees everything: the vulnerability, its evidence and why each mention is him.
    let analyst = app.login_as(Role::Analyst).await;
    let page = app.url(&format!("/persons/{jon}?reason={}", enc(REASON)));
    let (status, html) = get(&analyst, page.clone()).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("<h1>Jonathan SMITH</h1>"),
        "the name most recorded"
    );
    assert!(html.contains("Vulnerability: flagged"), "{html}");
    assert!(html.contains("child criminal exploitation"));
    assert!(html.contains("Every item of evidence"));
    assert!(html.contains("reference mention"));
    assert_eq!(
        html.matches("class=\"waterfall\"").count(),
        2,
        "two mentions explained"
    );
    assert!(html.contains("bits"));
    assert!(html.contains("action=\"/persons/"), "decision forms");

    // A partner sees only what their handling code allows: the shareable mention, its name, and
    // no assessment drawn from the rest.
    let partner = app.login_as(Role::Partner).await;
    let (status, html) = get(&partner, page.clone()).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<h1>Jon SMITH</h1>"), "{html}");
    assert!(
        !html.contains("Jonathan"),
        "no name from conditional intelligence"
    );
    assert!(!html.contains("INV-1") && !html.contains("INV-2"));
    assert!(html.contains("2 further mentions rest on intelligence you may not see"));
    assert!(!html.contains("Vulnerability"));
    assert!(
        !html.contains("action=\"/persons/"),
        "no decisions for partners"
    );

    // Split: the school's Jon is someone else.
    let csrf = app.session_csrf(&analyst).await;
    let decide = |fields: Vec<(&'static str, String)>| {
        let analyst = analyst.clone();
        let url = app.url(&format!("/persons/{jon}/decide"));
        let csrf = csrf.clone();
        async move {
            let mut form = fields;
            form.push(("csrf", csrf));
            analyst.post(url).form(&form).send().await.unwrap()
        }
    };
    let res = decide(vec![
        ("action", "split".into()),
        ("mention", "INV-3#P1".into()),
        ("reason", "school confirms a different pupil".into()),
    ])
    .await;
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert!(to.contains("done=split"), "{to}");
    analyse(app).await;
    let map = person_of(app).await;
    assert_eq!(map["INV-1#P1"], jon, "the person keeps their id");
    assert_ne!(map["INV-3#P1"], jon, "split off");

    // The decision is on the page, and can be withdrawn.
    let (_, html) = get(&analyst, page.clone()).await;
    assert!(html.contains("is not the same person as"));
    let decision = app.store.decisions().await.unwrap()[0].id;
    let res = analyst
        .post(app.url(&format!("/persons/{jon}/revoke")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("decision", &decision.to_string()),
            ("reason", "wrong pupil record was checked"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    analyse(app).await;
    assert_eq!(
        person_of(app).await["INV-3#P1"],
        jon,
        "the split is withdrawn"
    );
    let (_, html) = get(&analyst, page.clone()).await;
    assert!(html.contains("withdrawn"));

    // Merge: Kelly's record is (say) his, by an analyst's judgement.
    let res = decide(vec![
        ("action", "merge".into()),
        ("target", kelly.clone()),
        ("reason", "same custody photograph".into()),
    ])
    .await;
    assert_eq!(res.status(), 303);
    analyse(app).await;
    assert_eq!(person_of(app).await["INV-4#P1"], jon, "merged");

    // Bad decisions are refused with a reason, and nothing is recorded.
    let before = app.store.decisions().await.unwrap().len();
    for (fields, why) in [
        (
            vec![
                ("action", "split"),
                ("mention", "INV-1#P1"),
                ("reason", "long enough"),
            ],
            "the reference mention",
        ),
        (
            vec![
                ("action", "split"),
                ("mention", "NOPE-1#P1"),
                ("reason", "long enough"),
            ],
            "is not one of this person",
        ),
        (
            vec![
                ("action", "split"),
                ("mention", "INV-2#P1"),
                ("reason", "short"),
            ],
            "reason",
        ),
        (
            vec![
                ("action", "merge"),
                ("target", "per_999999"),
                ("reason", "long enough"),
            ],
            "there is no person",
        ),
        (
            vec![("action", "explode"), ("reason", "long enough")],
            "no such decision",
        ),
    ] {
        let res = decide(
            fields
                .into_iter()
                .map(|(k, v)| (k, v.to_string()))
                .collect(),
        )
        .await;
        assert_eq!(res.status(), 400, "{why}");
        assert!(res.text().await.unwrap().contains(why), "{why}");
    }
    assert_eq!(app.store.decisions().await.unwrap().len(), before);

    // Without a CSRF token nothing happens.
    let res = analyst
        .post(app.url(&format!("/persons/{jon}/decide")))
        .form(&[
            ("action", "split"),
            ("mention", "INV-2#P1"),
            ("reason", "long enough"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(app.store.decisions().await.unwrap().len(), before);

    // Reads and decisions are on the audit trail, which still verifies.
    let audit = app.store.audit_entries(0, 100_000).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "view.person" && e.reason.as_deref() == Some(REASON))
    );
    assert!(app.store.verify_audit().await.unwrap().is_empty());
}

async fn the_dashboard(app: &TestApp) {
    let at = |r: &str, day: &str, source: &str, handling: &str, crime: &str| {
        let conditions = if handling == "C" {
            "\"Originator's consent needed\""
        } else {
            "null"
        };
        format!(
            r#"{{"kind":"report","ref":"{r}","received":"{day}T09:00:00Z","source":{source},"grading":{{"source":"2","intel":"B","handling":"{handling}","conditions":{conditions}}},"crime_types":["{crime}"],"text":"Activity seen."}}"#
        )
    };
    let community = r#"{"type":"community"}"#;
    store_lines(
        app,
        &[
            at("D-1", "2026-03-02", OFFICER, "P", "drugs_county_lines"),
            at("D-2", "2026-03-03", OFFICER, "P", "drugs_county_lines"),
            at(
                "D-3",
                "2026-03-10",
                SCHOOL,
                "P",
                "child_criminal_exploitation",
            ),
            at("D-4", "2026-03-11", community, "C", "msht_labour"),
        ],
    )
    .await;

    // A first visit: no "since your last visit" yet, but the charts.
    let analyst = app.login_as(Role::Analyst).await;
    let (status, html) = get(&analyst, app.url("/")).await;
    assert_eq!(status, 200);
    assert!(!html.contains("Since your last visit"));
    assert!(html.contains("Reports each week, by source"));
    assert_eq!(html.matches("role=\"img\"").count(), 3, "three charts");
    assert!(
        html.contains(
            "50% of the intelligence in these weeks came from the community and partners"
        ),
        "two of four reports from outside the force"
    );
    assert!(html.contains("<td>modern slavery: labour</td><td>1</td>"));

    // Reports arrive; the next visit says so.
    store_lines(
        app,
        &[
            at("D-5", "2026-03-12", OFFICER, "P", "firearms"),
            at("D-6", "2026-03-12", OFFICER, "P", "firearms"),
        ],
    )
    .await;
    let again = app.login_as(Role::Analyst).await;
    let (_, html) = get(&again, app.url("/")).await;
    assert!(html.contains("Since your last visit"), "{html}");
    assert!(html.contains(">2</span><span>new reports</span>"), "{html}");
    assert!(html.contains("people newly flagged as at risk"));

    // A partner's figures count only what they may see: not the conditional community report.
    let partner = app.login_as(Role::Partner).await;
    let (_, html) = get(&partner, app.url("/")).await;
    assert!(!html.contains("modern slavery: labour"), "nothing of D-4");
    assert!(
        html.contains(
            "20% of the intelligence in these weeks came from the community and partners"
        ),
        "one of the five reports they may see"
    );
    assert!(
        !html.contains("people newly flagged"),
        "no assessments for partners"
    );

    // Accounts without the picture see their own cards and no charts.
    let auditor = app.login_as(Role::Auditor).await;
    let (_, html) = get(&auditor, app.url("/")).await;
    assert!(!html.contains("role=\"img\""));
    assert!(html.contains("entries in the audit trail"));
}

/// The threat master list: staff see every threat ranked by harm with its reasons and
/// sub-scores, by crime type; a partner is refused; an analyst promotes a person (refused
/// without a reason or with a person the picture does not hold), the next analysis ranks them,
/// and a withdrawal takes them off again — each step audited.
async fn the_threat_master_list(app: &TestApp) {
    let config = sim::Config {
        people: 1500,
        seed: 7,
        ..sim::Config::default()
    };
    let (mut intel, mut truth) = (Vec::new(), Vec::new());
    sim::generate(&config, &mut intel, &mut truth).unwrap();
    let lines: Vec<String> = String::from_utf8(intel)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    store_lines(app, &lines).await;
    analyse(app).await;
    let threats = app.store.master_list().threats().await.unwrap();
    assert!(threats.len() >= 3, "the world has threats");

    let lro = app.login_as(Role::LeadResponsibleOfficer).await;
    let (status, html) = get(&lro, app.url("/threats")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Why are you opening"), "asks for a reason");
    assert!(!html.contains("<table"));
    let (status, html) = get(&lro, app.url(&format!("/threats?reason={}", enc(REASON)))).await;
    assert_eq!(status, 200, "{html}");
    let rows = body_rows(&html);
    assert_eq!(rows.len(), threats.len());
    assert!(rows[0].starts_with("\n  <td>1</td>"), "{}", rows[0]);
    assert!(rows[0].contains(&format!("/threats/{}?reason=", threats[0].id)));
    assert!(
        !html.contains("Promote a person"),
        "an LRO does not promote"
    );

    // By crime type: only that principal crime type.
    let principal = threats[0].crime_types[0].clone();
    let (_, html) = get(
        &lro,
        app.url(&format!(
            "/threats?reason={}&crime_type={principal}",
            enc(REASON)
        )),
    )
    .await;
    let expected = threats
        .iter()
        .filter(|t| t.crime_types.first() == Some(&principal))
        .count();
    assert_eq!(body_rows(&html).len(), expected);

    // The API: ranks in order, every sub-score.
    let res = lro
        .get(app.url(&format!("/api/threats?reason={}", enc(REASON))))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let list: serde_json::Value = res.json().await.unwrap();
    let items = list["threats"].as_array().unwrap();
    assert_eq!(items.len(), threats.len());
    for (i, t) in items.iter().enumerate() {
        assert_eq!(t["rank"], i as u64 + 1);
        let parts: Vec<&str> = t["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            parts,
            [
                "crime type",
                "physical",
                "psychological",
                "financial",
                "community"
            ]
        );
    }
    let res = lro.get(app.url("/api/threats")).send().await.unwrap();
    assert_eq!(res.status(), 400, "the API needs a reason");

    // One threat's page shows its assessment.
    let (status, html) = get(
        &lro,
        app.url(&format!(
            "/threats/{}?reason={}",
            threats[0].id,
            enc(REASON)
        )),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Harm assessment"));
    assert!(
        html.contains(&format!(
            "Score {:.1}, ranked 1 on the master list",
            threats[0].score
        )),
        "its score and rank"
    );
    assert!(
        html.contains("<th scope=\"row\">physical</th>"),
        "its sub-scores"
    );

    // A partner is refused the list.
    let partner = app.login_as(Role::Partner).await;
    let (status, _) = get(
        &partner,
        app.url(&format!("/threats?reason={}", enc(REASON))),
    )
    .await;
    assert_eq!(status, 403);
    let res = partner
        .get(app.url(&format!("/api/threats?reason={}", enc(REASON))))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);

    // An analyst promotes a person.
    let analyst = app.login_as(Role::Analyst).await;
    let csrf = app.session_csrf(&analyst).await;
    let person = app.store.person_assignments().await.unwrap()[0]
        .person_id
        .clone();
    let post = |form: Vec<(&'static str, String)>| {
        let analyst = analyst.clone();
        let url = app.url("/threats");
        async move {
            let res = analyst.post(url).form(&form).send().await.unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let (status, html) = post(vec![
        ("csrf", csrf.clone()),
        ("kind", "person".into()),
        ("subject", person.clone()),
        ("reason", "short".into()),
        ("back_reason", REASON.into()),
    ])
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("needs its reason"), "{html}");
    let (status, html) = post(vec![
        ("csrf", csrf.clone()),
        ("kind", "person".into()),
        ("subject", "per_999999999".into()),
        ("reason", "controls the supply in the town".into()),
        ("back_reason", REASON.into()),
    ])
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("there is no person"), "{html}");
    assert!(
        app.store
            .master_list()
            .promotions(false)
            .await
            .unwrap()
            .is_empty()
    );
    let (status, _) = post(vec![
        ("csrf", csrf.clone()),
        ("kind", "person".into()),
        ("subject", person.clone()),
        ("reason", "controls the supply in the town".into()),
        ("back_reason", REASON.into()),
    ])
    .await;
    assert_eq!(status, 303);
    let promotions = app.store.master_list().promotions(true).await.unwrap();
    assert_eq!(promotions.len(), 1);
    assert_eq!(promotions[0].subject, person);
    assert_eq!(promotions[0].promoted_by, common::username(Role::Analyst));
    let (_, html) = get(
        &analyst,
        app.url(&format!("/threats?reason={}", enc(REASON))),
    )
    .await;
    assert!(html.contains("assessed at the next analysis"));

    analyse(app).await;
    let threat_id = format!("thr_{person}");
    let listed = app.store.master_list().threats().await.unwrap();
    assert!(
        listed.iter().any(|t| t.id == threat_id),
        "ranked after analysis"
    );
    let (status, html) = get(
        &analyst,
        app.url(&format!("/threats/{threat_id}?reason={}", enc(REASON))),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Harm assessment"));

    // Withdrawn with a reason; the record stays.
    let res = analyst
        .post(app.url(&format!("/promotions/{}/withdraw", promotions[0].id)))
        .form(&[
            ("csrf", csrf.as_str()),
            ("reason", "part of grp_0001 after all"),
            ("back_reason", REASON),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(
        app.store
            .master_list()
            .promotions(true)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        app.store
            .master_list()
            .promotions(false)
            .await
            .unwrap()
            .len(),
        1
    );
    analyse(app).await;
    let listed = app.store.master_list().threats().await.unwrap();
    assert!(!listed.iter().any(|t| t.id == threat_id));

    let audit = app.store.audit_entries(0, 100_000).await.unwrap();
    for action in [
        "view.threats",
        "api.threats",
        "threat.promote",
        "threat.withdraw",
    ] {
        assert!(
            audit.iter().any(|e| e.action == action),
            "{action} is audited"
        );
    }
    assert!(
        audit
            .iter()
            .filter(|e| e.action == "view.threats")
            .all(|e| e.reason.as_deref() == Some(REASON))
    );
}

macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let app = super::TestApp::spawn(super::TestDb::sqlite()).await;
                    super::$name(&app).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(db) = super::TestDb::postgres().await else { return };
                    let app = super::TestApp::spawn(db).await;
                    super::$name(&app).await;
                    app.db.drop_db().await;
                }
            )*
        }
    };
}

on_both_backends!(
    the_list_of_people_at_risk,
    a_person_and_the_decisions_about_them,
    the_dashboard,
    the_threat_master_list,
);
