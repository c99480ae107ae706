//! Search as its users meet it, through a real socket on both stores: a partner's search never
//! counts or shows a `C`-coded report (hit counts and facet counts), staff see everything,
//! people are found however their names are spelt, matches are highlighted, results are paged,
//! every search is audited with its reason, and a report submitted a moment ago is found.

mod common;

use common::{TestApp, add_account};
use serde_json::Value;
use server::Role;
use store::testing::TestDb;

/// Stores an exchange-v1 line directly, as `sightline ingest` would.
async fn ingest(app: &TestApp, line: &str) {
    let a = ingest::parse_line(line.as_bytes(), 1).unwrap();
    let mut tx = app.store.begin_write().await.unwrap();
    tx.put_reports(
        store::IngestId(1),
        &[store::NewReport {
            report: &a.report,
            content_hash: &a.content_hash,
            raw: &a.raw,
            entities: &a.entities_json,
        }],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

struct R<'a> {
    reference: &'a str,
    handling: &'a str,
    crime: &'a str,
    received: &'a str,
    text: &'a str,
    name: &'a str,
    dob: &'a str,
}

const R0: R<'static> = R {
    reference: "SR-0",
    handling: "P",
    crime: "drugs_county_lines",
    received: "2026-03-04T10:12:00Z",
    text: "Seen at the address.",
    name: "Kyle BROWN",
    dob: "01/01/2000",
};

fn report(r: &R) -> String {
    let conditions = if r.handling == "C" {
        "\"Not to be shared outside the force without the originator's consent\""
    } else {
        "null"
    };
    format!(
        r#"{{"kind":"report","ref":"{}","received":"{}","source":{{"type":"chis"}},"grading":{{"source":"1","intel":"B","handling":"{}","conditions":{conditions}}},"crime_types":["{}"],"area":"FENLAND","text":"{}","persons":[{{"id":"P1","name":"{}","dob":"{}","role":"subject"}}]}}"#,
        r.reference, r.received, r.handling, r.crime, r.text, r.name, r.dob
    )
}

async fn api(app: &TestApp, client: &reqwest::Client, query: &str) -> Value {
    let res = client
        .get(app.url(&format!("/api/search?{query}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{query}");
    res.json().await.unwrap()
}

async fn page(app: &TestApp, client: &reqwest::Client, query: &str) -> String {
    let res = client
        .get(app.url(&format!("/search?{query}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{query}");
    res.text().await.unwrap()
}

fn facet(v: &Value, param: &str) -> Vec<(String, u64)> {
    v["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["param"] == param)
        .map(|f| {
            f["values"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| {
                    (
                        x["value"].as_str().unwrap().to_string(),
                        x["count"].as_u64().unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn refs(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = v["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ref"].as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

async fn partners_never_count_what_they_may_not_see(app: &TestApp) {
    for (reference, handling, crime, received) in [
        ("SR-P1", "P", "drugs_county_lines", "2026-03-04T10:12:00Z"),
        ("SR-P2", "P", "drugs_county_lines", "2026-03-09T10:12:00Z"),
        (
            "SR-P3",
            "P",
            "child_criminal_exploitation",
            "2026-04-01T10:12:00Z",
        ),
        ("SR-C1", "C", "firearms", "2026-06-02T10:12:00Z"),
        ("SR-C2", "C", "firearms", "2026-06-03T10:12:00Z"),
    ] {
        let text = if handling == "C" {
            "Flat cuckooed; a Kalashnikov kept under the floor."
        } else {
            "Flat cuckooed by dealers from out of town."
        };
        ingest(
            app,
            &report(&R {
                reference,
                handling,
                crime,
                received,
                text,
                ..R0
            }),
        )
        .await;
    }
    let staff = app.login_as(Role::Analyst).await;
    let partner = app.login_as(Role::Partner).await;

    let all = api(app, &staff, "q=cuckooed").await;
    assert_eq!(all["total"], 5);
    assert_eq!(refs(&all), ["SR-C1", "SR-C2", "SR-P1", "SR-P2", "SR-P3"]);
    assert!(facet(&all, "handling").contains(&("C".into(), 2)));
    assert!(facet(&all, "crime_type").contains(&("firearms".into(), 2)));
    assert!(
        all["reports"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["handling_conditions"].is_string()),
        "staff see the conditions beside the report"
    );

    let shared = api(app, &partner, "q=cuckooed").await;
    assert_eq!(shared["total"], 3, "{shared}");
    assert_eq!(refs(&shared), ["SR-P1", "SR-P2", "SR-P3"]);
    assert_eq!(facet(&shared, "handling"), [("P".to_string(), 3)]);
    assert_eq!(
        facet(&shared, "crime_type"),
        [
            ("drugs_county_lines".to_string(), 2),
            ("child_criminal_exploitation".to_string(), 1)
        ]
    );
    assert_eq!(
        facet(&shared, "month"),
        [("2026-04".to_string(), 1), ("2026-03".to_string(), 2)]
    );
    let html = page(app, &partner, "q=cuckooed").await;
    assert!(html.contains("Reports 1–3 of 3"), "{html}");
    assert!(!html.contains("SR-C") && !html.contains("firearms") && !html.contains("June"));
    // A word only a C report has: nothing found, nothing counted, nothing shown.
    let none = api(app, &partner, "q=kalashnikov").await;
    assert_eq!(none["total"], 0);
    assert!(facet(&none, "crime_type").is_empty() && facet(&none, "handling").is_empty());
    // Asking for the C handling code or the C-only crime type reveals nothing either.
    let probe = api(app, &partner, "q=cuckooed&handling=C").await;
    assert_eq!(probe["total"], 0);
    assert_eq!(facet(&probe, "handling"), [("C".to_string(), 0)]);
    assert_eq!(api(app, &partner, "crime_type=firearms").await["total"], 0);
    assert_eq!(api(app, &staff, "crime_type=firearms").await["total"], 2);

    // A partner's own referral, re-graded C in triage, stays visible to them alone.
    add_account(
        app.store.as_ref(),
        "school1",
        Role::Partner,
        Some("Fenland Academy"),
    )
    .await;
    let school = app.login("school1").await;
    let csrf = app.session_csrf(&partner).await;
    let res = partner
        .post(app.url("/portal"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("concern", "msht_labour"),
            (
                "text",
                "Eight men sleeping in one house; the flat was cuckooed last year.",
            ),
            ("name", "Andrei POPESCU"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let reference = res.headers()["location"]
        .to_str()
        .unwrap()
        .split('=')
        .nth(1)
        .unwrap()
        .to_string();
    assert!(refs(&api(app, &school, "q=cuckooed").await).contains(&reference));
    let io = app.login_as(Role::IntelligenceOfficer).await;
    let csrf = app.session_csrf(&io).await;
    let res = io
        .post(app.url(&format!("/triage/{reference}")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("reason", "triage of a partner referral"),
            ("status", "triaged"),
            ("grading_source", "2"),
            ("grading_intel", "B"),
            ("handling", "C"),
            ("conditions", "Not to be shared with other agencies"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let mine = api(app, &partner, "q=cuckooed").await;
    assert_eq!(mine["total"], 4);
    assert!(refs(&mine).contains(&reference));
    assert!(facet(&mine, "handling").contains(&("C".into(), 1)));
    let theirs = api(app, &school, "q=cuckooed").await;
    assert_eq!(theirs["total"], 3);
    assert!(!refs(&theirs).contains(&reference));
    assert_eq!(api(app, &staff, "q=cuckooed").await["total"], 6);
}

async fn people_found_however_spelt(app: &TestApp) {
    for r in [
        R {
            reference: "SR-1",
            name: "Jon Smyth",
            dob: "03/02/1999",
            ..R0
        },
        R {
            reference: "SR-2",
            name: "John SMITH",
            dob: "12/07/1985",
            text: "Seen at a different address.",
            ..R0
        },
        R {
            reference: "SR-3",
            handling: "C",
            name: "Mariusz WOJCIK",
            dob: "05/05/1990",
            ..R0
        },
    ] {
        ingest(app, &report(&r)).await;
    }
    analysis::analyse(&app.store, analysis::AnalyseOptions::default())
        .await
        .unwrap();
    let person_of = |mention: &str| {
        let mention = mention.to_string();
        let store = app.store.clone();
        async move {
            store
                .person_assignments()
                .await
                .unwrap()
                .into_iter()
                .find(|a| a.mention == mention)
                .unwrap()
                .person_id
        }
    };
    let smyth = person_of("SR-1#P1").await;
    let smith = person_of("SR-2#P1").await;
    let wojcik = person_of("SR-3#P1").await;
    assert_ne!(smyth, smith);

    let staff = app.login_as(Role::Analyst).await;
    let found = api(app, &staff, "q=John%20SMITH").await;
    let ids: Vec<&str> = found["persons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids.first(),
        Some(&smith.as_str()),
        "the exact spelling first"
    );
    assert!(
        ids.contains(&smyth.as_str()),
        "Jon Smyth for John SMITH: {found}"
    );
    let with_dob = api(app, &staff, "q=John%20SMITH%2003/02/1999").await;
    assert_eq!(with_dob["persons"][0]["id"], smyth.as_str());
    assert_eq!(with_dob["persons"][0]["dob_matched"], true);
    let html = page(app, &staff, "q=John+SMITH").await;
    assert!(
        html.contains(&format!("href=\"/persons/{smyth}\"")),
        "{html}"
    );
    assert!(html.contains("<mark>Smyth</mark>") || html.contains("<mark>SMYTH</mark>"));

    // A person recorded only in a C report is not found by a partner, nor counted.
    let wojcik_found = api(app, &staff, "q=Mariusz%20Wojcik").await;
    assert_eq!(wojcik_found["persons"][0]["id"], wojcik.as_str());
    let partner = app.login_as(Role::Partner).await;
    let hidden = api(app, &partner, "q=Mariusz%20Wojcik").await;
    assert_eq!(hidden["persons_total"], 0);
    assert_eq!(hidden["total"], 0);
}

async fn highlighting_paging_and_the_audit(app: &TestApp) {
    for i in 0..25 {
        ingest(
            app,
            &report(&R {
                reference: &format!("SR-W{i:02}"),
                text: "Routine welfare visit; no concerns.",
                received: &format!("2026-05-{:02}T08:00:00Z", i + 1),
                ..R0
            }),
        )
        .await;
    }
    let staff = app.login_as(Role::Analyst).await;
    let first = page(app, &staff, "q=welfare&sort=newest").await;
    assert!(first.contains("Reports 1–20 of 25"), "{first}");
    assert!(first.contains("<mark>welfare</mark>"));
    assert!(first.contains("SR-W24") && !first.contains("SR-W04"));
    // The link to the next page (askama writes `&` as `&#38;`).
    assert!(first.contains("href=\"/search?q=welfare&#38;sort=newest&#38;page=2\""));
    let second = page(app, &staff, "q=welfare&sort=newest&page=2").await;
    assert!(second.contains("Reports 21–25 of 25"));
    assert!(second.contains("SR-W04") && !second.contains("SR-W24"));
    let json = api(app, &staff, "q=welfare&page_size=10&page=3").await;
    assert_eq!(json["reports"].as_array().unwrap().len(), 5);
    let snippet = &json["reports"][0]["snippet"];
    assert_eq!(
        snippet["html"],
        "Routine <mark>welfare</mark> visit; no concerns."
    );
    assert_eq!(snippet["highlights"][0], serde_json::json!([8, 15]));

    // Every search is audited: the words as subject, the reason given or "search". A reason
    // given carries over to the reports opened from the results.
    let with_reason = page(app, &staff, "q=welfare&reason=op%20KESTREL%20tasking").await;
    assert!(with_reason.contains("?reason=op%20KESTREL%20tasking"));
    let audit = app.store.audit_entries(0, 10_000).await.unwrap();
    let searches: Vec<_> = audit.iter().filter(|e| e.action == "search").collect();
    assert_eq!(
        searches.len(),
        4,
        "three pages and one API call, each audited"
    );
    assert!(
        searches
            .iter()
            .all(|e| e.subject.as_deref() == Some("welfare"))
    );
    assert!(searches.iter().all(|e| e.actor == "analyst1"));
    assert_eq!(searches[0].reason.as_deref(), Some("search"));
    assert_eq!(
        searches.last().unwrap().reason.as_deref(),
        Some("op KESTREL tasking")
    );
}

async fn states_of_the_page_and_fresh_submissions(app: &TestApp) {
    let staff = app.login_as(Role::IntelligenceOfficer).await;
    // Empty: a prompt, nothing searched, nothing audited.
    let blank = page(app, &staff, "").await;
    assert!(blank.contains("Every search is recorded in the audit trail"));
    assert!(
        blank.contains("aria-current=\"page\">Search</a>"),
        "in the navigation"
    );
    let audited = |app: &TestApp| {
        let store = app.store.clone();
        async move {
            store
                .audit_entries(0, 10_000)
                .await
                .unwrap()
                .into_iter()
                .filter(|e| e.action == "search")
                .count()
        }
    };
    assert_eq!(audited(app).await, 0);
    // Nothing found.
    let nothing = page(app, &staff, "q=zebra").await;
    assert!(nothing.contains("No reports you may see match"));
    // An unusable search: said plainly, as a page and as JSON.
    let long = "word%20".repeat(40);
    let res = staff
        .get(app.url(&format!("/search?q={long}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("role=\"alert\">the search has too many words")
    );
    let res = staff.get(app.url("/api/search")).send().await.unwrap();
    assert_eq!(res.status(), 400);
    let res = staff
        .get(app.url("/search?q=x&page=0"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);

    // A report submitted through the form is found by the very next search.
    let csrf = app.session_csrf(&staff).await;
    let res = staff
        .post(app.url("/reports"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("source_type", "officer"),
            ("grading_source", "1"),
            ("grading_intel", "A"),
            ("handling", "P"),
            ("crime_types", "drugs_county_lines"),
            (
                "text",
                "Handover seen outside the launderette on Bridge Street.",
            ),
            ("p0_name", "SMITH, Jon"),
            ("t0_number", "07700 900123"),
            ("v0_vrm", "ab12 cde"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    for q in [
        "launderette",
        "07700%20900123",
        "AB12CDE",
        "%2B447700900123",
    ] {
        let found = api(app, &staff, &format!("q={q}")).await;
        assert_eq!(found["total"], 1, "{q}: {found}");
    }
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
    partners_never_count_what_they_may_not_see,
    people_found_however_spelt,
    highlighting_paging_and_the_audit,
    states_of_the_page_and_fresh_submissions,
);
