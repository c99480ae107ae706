//! Safeguarding referrals through a real socket on both stores: making one by each route with
//! the rules on age, consent and anonymity; the receiving partner seeing only what it shares and
//! recording its decision; states only moving forward; the recovery period; overdue targets on
//! the list, the person page and the dashboard; and the audit trail.

mod common;

use common::TestApp;
use server::Role;
use store::testing::TestDb;
use time::{Duration, OffsetDateTime};

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

fn line(reference: &str, crime: &str, person: &str) -> String {
    format!(
        r#"{{"kind":"report","ref":"{reference}","received":"2026-03-02T10:00:00Z","source":{{"type":"officer"}},"grading":{{"source":"1","intel":"A","handling":"C","conditions":"Not to partners"}},"crime_types":["{crime}"],"text":"Found at the address.","persons":[{person}]}}"#
    )
}

fn day(offset: i64) -> String {
    (OffsetDateTime::now_utc().date() + Duration::days(offset)).to_string()
}

async fn get(client: &reqwest::Client, url: String) -> (u16, String) {
    let res = client.get(url).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

const WHY: &str = "safeguarding%20review%20KESTREL";

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

/// The referral id a redirect after making one points at.
fn made_id(res: &reqwest::Response) -> i64 {
    let to = res.headers()["location"].to_str().unwrap();
    to.trim_start_matches("/referrals/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("not a referral: {to}"))
}

async fn referrals_from_first_to_last(app: &TestApp) {
    store_lines(
        app,
        &[
            line(
                "REF-1",
                "drugs_county_lines",
                r#"{"id":"P1","name":"Callum REID","dob":"03/02/2011","role":"victim"}"#,
            ),
            line(
                "REF-2",
                "msht_labour",
                r#"{"id":"P1","name":"Andrei POPESCU","dob":"12/12/1990","role":"victim"}"#,
            ),
        ],
    )
    .await;
    analysis::analyse(&app.store, analysis::AnalyseOptions::default())
        .await
        .unwrap();
    let person = |m: &str| {
        let store = app.store.clone();
        let m = m.to_string();
        async move {
            store
                .person_assignments()
                .await
                .unwrap()
                .into_iter()
                .find(|a| a.mention == m)
                .unwrap()
                .person_id
        }
    };
    let child = person("REF-1#P1").await;
    let adult = person("REF-2#P1").await;

    let officer = app.login_as(Role::SafeguardingOfficer).await;
    let (status, html) = get(&officer, app.url(&format!("/referrals/new?person={child}"))).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Refer Callum REID for safeguarding"));
    assert!(
        html.contains("value=\"adult_social_care\" required disabled"),
        "not for a child"
    );
    assert!(
        html.contains("<option value=\"Fenland District Council\">"),
        "councils offered"
    );

    // A child to children's social care, made two weeks ago and not yet decided: overdue.
    let made = day(-14);
    let res = post(
        app,
        &officer,
        "/referrals",
        &[
            ("person", &child),
            ("route", "childrens_social_care"),
            ("recipient", "Fenland District Council"),
            ("category", "child_criminal_exploitation"),
            (
                "shared",
                "Seen carrying drugs to a flat in the town; missing from school twice.",
            ),
            ("made_on", &made),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let care = made_id(&res);
    let (_, html) = get(
        &officer,
        app.url(res.headers()["location"].to_str().unwrap()),
    )
    .await;
    assert!(html.contains("Referral made"), "{html}");
    assert!(html.contains("A time target has passed"));
    assert!(html.contains("Working Together to Safeguard Children 2023"));

    // An adult must consent to an NRM referral; declining, they are notified anonymously.
    let nrm = [
        ("person", adult.as_str()),
        ("route", "nrm"),
        ("category", "labour_exploitation"),
        (
            "shared",
            "Works long hours at a car wash, lives on site, documents held by the boss.",
        ),
        ("made_on", made.as_str()),
    ];
    let res = post(app, &officer, "/referrals", &nrm).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("must consent"));
    let mut anonymous = nrm.to_vec();
    anonymous[1] = ("route", "duty_to_notify");
    anonymous.push(("anonymous", "1"));
    let res = post(app, &officer, "/referrals", &anonymous).await;
    assert_eq!(res.status(), 303);
    let notified = made_id(&res);
    let stored = app.store.referral(notified).await.unwrap().unwrap();
    assert!(stored.anonymous);
    assert_eq!(
        (stored.subject_name, stored.subject_dob),
        (None, None),
        "nothing identifying"
    );
    assert_eq!(stored.recipient, "Home Office");
    let mut consented = nrm.to_vec();
    consented.push(("consent", "1"));
    let res = post(app, &officer, "/referrals", &consented).await;
    assert_eq!(res.status(), 303);
    let adult_nrm = made_id(&res);

    // The receiving council sees its referral, and only what it shares.
    let council = app.login_as(Role::Partner).await;
    let (status, html) = get(&council, app.url(&format!("/referrals?reason={WHY}"))).await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!(">#{care}</a>")));
    assert!(!html.contains(&format!(">#{notified}</a>")), "not theirs");
    assert!(!html.contains(&format!(">#{adult_nrm}</a>")));
    let (status, html) = get(
        &council,
        app.url(&format!("/referrals/{care}?reason={WHY}")),
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("Callum REID"));
    assert!(html.contains("missing from school"));
    assert!(
        !html.contains("/persons/"),
        "no way into the force's picture"
    );
    assert!(!html.contains("REF-1"));
    let (status, _) = get(
        &council,
        app.url(&format!("/referrals/{adult_nrm}?reason={WHY}")),
    )
    .await;
    assert_eq!(
        status, 404,
        "another recipient's referral does not exist for them"
    );

    // The council records its decision; states only move forward, with an outcome, in the past.
    let step = |state: &'static str, outcome: &'static str, on: String| {
        let council = council.clone();
        async move {
            post(
                app,
                &council,
                &format!("/referrals/{care}/steps"),
                &[
                    ("state", state),
                    ("outcome", outcome),
                    ("on", &on),
                    ("note", "strategy meeting held"),
                ],
            )
            .await
        }
    };
    assert_eq!(
        step("decision", "", day(-13)).await.status(),
        422,
        "needs its outcome"
    );
    assert_eq!(
        step("decision", "positive", day(2)).await.status(),
        422,
        "not in the future"
    );
    assert_eq!(
        step("decision", "positive", day(-20)).await.status(),
        422,
        "not before it was made"
    );
    assert_eq!(step("decision", "positive", day(-13)).await.status(), 303);
    assert_eq!(step("made", "", day(-12)).await.status(), 422, "never back");
    let stored = app.store.referral(care).await.unwrap().unwrap();
    assert_eq!(stored.state, "decision");
    assert_eq!(stored.steps[1].positive, Some(true));
    assert_eq!(stored.steps[1].actor, common::username(Role::Partner));
    // A partner cannot record on another organisation's referral.
    let res = post(
        app,
        &council,
        &format!("/referrals/{adult_nrm}/steps"),
        &[
            ("state", "reasonable_grounds"),
            ("outcome", "positive"),
            ("on", &day(-1)),
            ("note", "not ours to say"),
        ],
    )
    .await;
    assert_eq!(res.status(), 404);

    // The NRM: a positive reasonable grounds decision, then no conclusive one for 30 days.
    let nrm_step = |state: &'static str, on: String| {
        let officer = officer.clone();
        async move {
            post(
                app,
                &officer,
                &format!("/referrals/{adult_nrm}/steps"),
                &[
                    ("state", state),
                    ("outcome", "positive"),
                    ("on", &on),
                    ("note", "decision letter from the SCA"),
                ],
            )
            .await
        }
    };
    assert_eq!(nrm_step("reasonable_grounds", day(-12)).await.status(), 303);
    let res = nrm_step("conclusive_grounds", day(0)).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("recovery period"));

    // Overdue first on the list, on the person's page and on the dashboard; the governance lead
    // sees them all.
    let governance = app.login_as(Role::GovernanceLead).await;
    let (_, html) = get(&governance, app.url(&format!("/referrals?reason={WHY}"))).await;
    assert!(html.contains("past a time target"), "{html}");
    let first_row = html
        .split("<tbody>")
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap();
    assert!(
        first_row.contains("class=\"overdue\""),
        "overdue first: {first_row}"
    );
    let (_, html) = get(&governance, app.url("/")).await;
    assert!(
        html.contains("open safeguarding referrals past a time target"),
        "{html}"
    );
    let (_, html) = get(&officer, app.url(&format!("/persons/{child}?reason={WHY}"))).await;
    assert!(html.contains("Safeguarding referrals"));
    assert!(html.contains(&format!("/referrals/{care}?")));
    assert!(html.contains("Refer for safeguarding"));

    // The API gives the same, with its reason.
    let res = governance
        .get(app.url("/api/referrals?show=all"))
        .header("x-access-reason", "governance meeting review")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let list: serde_json::Value = res.json().await.unwrap();
    assert_eq!(list.as_array().unwrap().len(), 3);

    // Everything is on the audit trail.
    let audit = app.store.audit_entries(0, 100_000).await.unwrap();
    assert_eq!(
        audit.iter().filter(|e| e.action == "referral.made").count(),
        3
    );
    assert_eq!(
        audit.iter().filter(|e| e.action == "referral.step").count(),
        2
    );
    assert!(audit.iter().any(|e| e.action == "view.referral"));
    assert!(app.store.verify_audit().await.unwrap().is_empty());
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

on_both_backends!(referrals_from_first_to_last);
