//! The application as its users meet it, through a real socket on both stores: signing in and
//! being locked out, CSRF, security headers, submitting a report, the partner portal's
//! isolation, handling codes on every read path, the community page and its defences, triage,
//! the reason prompt, API tokens and the OpenAPI description.

mod common;

use common::{TestApp, add_account, hidden};
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

fn report(reference: &str, handling: &str, name: &str, text: &str) -> String {
    let conditions = if handling == "C" {
        "\"Not to be shared outside the force without the originator's consent\""
    } else {
        "null"
    };
    format!(
        r#"{{"kind":"report","ref":"{reference}","received":"2026-03-04T10:12:00Z","source":{{"type":"chis"}},"grading":{{"source":"1","intel":"B","handling":"{handling}","conditions":{conditions}}},"crime_types":["drugs_county_lines"],"text":"{text}","persons":[{{"id":"P1","name":"{name}","dob":"03/02/1999","role":"subject"}}]}}"#
    )
}

async fn sign_in_lock_out_and_sign_out(app: &TestApp) {
    let client = app.client();
    let csrf = app.csrf(&client, "/login").await;
    // Five wrong passwords lock the account, even against the right one.
    for _ in 0..5 {
        let res = client
            .post(app.url("/login"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("username", "analyst1"),
                ("password", "wrong password!"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("not right"));
    }
    let res = client
        .post(app.url("/login"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "analyst1"),
            ("password", common::PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422, "locked out");
    let user = app.store.user_by_name("analyst1").await.unwrap().unwrap();
    assert!(user.locked_until.is_some());

    // A sign-in without the form's token is refused.
    let res = app
        .client()
        .post(app.url("/login"))
        .form(&[("username", "io"), ("password", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);

    // Signing in sets a safe cookie; signing out ends the session.
    let c = app.client();
    let csrf = app.csrf(&c, "/login").await;
    let res = c
        .post(app.url("/login"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "intelligence_officer1"),
            ("password", common::PASSWORD),
            ("next", "/reports"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/reports");
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert_eq!(c.get(app.url("/")).send().await.unwrap().status(), 200);
    let csrf = app.session_csrf(&c).await;
    let res = c
        .post(app.url("/logout"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let res = c.get(app.url("/")).send().await.unwrap();
    assert_eq!(res.status(), 303, "signed out");

    // An open redirect is not possible.
    let c = app.client();
    let csrf = app.csrf(&c, "/login").await;
    let res = c
        .post(app.url("/login"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "intelligence_officer1"),
            ("password", common::PASSWORD),
            ("next", "//evil.example/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/");

    let audit = app.store.audit_entries(0, 1000).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"login.failed") && actions.contains(&"login.refused"));
    assert!(actions.contains(&"login") && actions.contains(&"logout"));
}

async fn headers_and_csrf(app: &TestApp) {
    let c = app.login_as(Role::Analyst).await;
    let res = c.get(app.url("/")).send().await.unwrap();
    let h = res.headers();
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(h["x-frame-options"], "DENY");
    assert_eq!(h["x-content-type-options"], "nosniff");
    // A write without the session's token, or with another, is refused.
    let res = c
        .post(app.url("/reports"))
        .form(&[("text", "x"), ("grading_source", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let res = c
        .post(app.url("/reports"))
        .form(&[("csrf", "0".repeat(64).as_str()), ("text", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
}

async fn submitting_a_report_and_triage(app: &TestApp) {
    let c = app.login_as(Role::IntelligenceOfficer).await;
    let csrf = app.session_csrf(&c).await;
    let page = c
        .get(app.url("/reports/new"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("known indirectly to the source and corroborated"),
        "grade meanings shown"
    );
    // C without conditions is refused with its reason; the form comes back.
    let res = c
        .post(app.url("/reports"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("source_type", "officer"),
            ("grading_source", "1"),
            ("grading_intel", "A"),
            ("handling", "C"),
            ("text", "Observed a handover outside 14 Mill Rd."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("conditions"));
    let res = c
        .post(app.url("/reports"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("source_type", "officer"),
            ("grading_source", "1"),
            ("grading_intel", "A"),
            ("handling", "P"),
            ("crime_types", "drugs_county_lines"),
            ("crime_types", "child_criminal_exploitation"),
            ("text", "Observed a handover outside 14 Mill Rd."),
            ("p0_name", "SMITH, Jon"),
            ("p0_dob", "3/2/99"),
            ("p0_role", "subject"),
            ("t0_number", "07700 900123"),
            ("v0_vrm", "ab12 cde"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let reference = location.split("submitted=").nth(1).unwrap().to_string();
    let stored = app.store.report(&reference).await.unwrap().unwrap();
    assert_eq!(stored.grading.code(), "1/A/P");
    assert_eq!(stored.crime_types.len(), 2);
    assert_eq!(
        stored.entities.persons[0].name.as_ref().unwrap().display(),
        "Jon SMITH"
    );
    assert_eq!(
        stored.entities.phones[0].phone.e164.as_deref(),
        Some("+447700900123")
    );
    assert_eq!(
        stored.entities.links.len(),
        2,
        "phone and vehicle linked to the person"
    );

    // Live validation normalises as ingest does.
    let n: serde_json::Value = c
        .get(app.url("/api/normalise?kind=vrm&value=ab12%20cde"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(n["normalised"], "AB12CDE");

    // Triage: re-grade to C with conditions; a new version, the first kept.
    let queue = c
        .get(app.url("/triage"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(queue.contains(&reference));
    let res = c
        .post(app.url(&format!("/triage/{reference}")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("grading_source", "2"),
            ("grading_intel", "B"),
            ("handling", "C"),
            ("conditions", "Not for partners: source protection"),
            ("text", "Observed a handover outside an address in Mill Rd."),
            ("reason", "source protection review"),
            ("status", "developed"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let versions = app.store.report_versions(&reference).await.unwrap();
    assert_eq!(versions.len(), 2);
    let now = app.store.report(&reference).await.unwrap().unwrap();
    assert_eq!(now.grading.code(), "2/B/C");
    assert!(now.text.contains("an address in Mill Rd"));
    let w = app
        .store
        .report_workflow(&reference)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(w.status, "developed");
    let queue = c
        .get(app.url("/triage"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!queue.contains(&reference), "no longer waiting");
}

async fn handling_codes_on_every_read_path(app: &TestApp) {
    ingest(
        app,
        &report(
            "OPEN-1",
            "P",
            "Kyle BROWN",
            "Seen dealing near the station.",
        ),
    )
    .await;
    ingest(
        app,
        &report(
            "SECRET-1",
            "C",
            "Kyle BROWN",
            "Source says he stores drugs at a flat.",
        ),
    )
    .await;
    ingest(
        app,
        &report(
            "SECRET-2",
            "C",
            "Amy GREEN",
            "Source says she is controlled by him.",
        ),
    )
    .await;
    analysis::analyse(&app.store, analysis::AnalyseOptions::default())
        .await
        .unwrap();
    let persons = app.store.person_assignments().await.unwrap();
    let person_of = |m: &str| {
        persons
            .iter()
            .find(|p| p.mention == m)
            .unwrap()
            .person_id
            .clone()
    };
    let kyle = person_of("OPEN-1#P1");
    assert_eq!(kyle, person_of("SECRET-1#P1"), "resolved to one person");
    let amy = person_of("SECRET-2#P1");

    let partner = app.login_as(Role::Partner).await;
    let staff = app.login_as(Role::Analyst).await;
    let reason = "?reason=safeguarding%20review";
    // Lists.
    let list = partner
        .get(app.url("/reports"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(list.contains("OPEN-1") && !list.contains("SECRET-"));
    let api: serde_json::Value = partner
        .get(app.url("/api/reports"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(!api.to_string().contains("SECRET-"));
    // Single reports: not found, never "forbidden".
    for path in ["/reports/SECRET-1", "/api/reports/SECRET-1"] {
        let res = partner
            .get(app.url(&format!("{path}{reason}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{path}");
    }
    let res = staff
        .get(app.url(&format!("/reports/SECRET-1{reason}")))
        .send()
        .await
        .unwrap();
    let page = res.text().await.unwrap();
    assert!(
        page.contains("Not to be shared outside the force"),
        "staff see the conditions"
    );
    // Persons: a partner sees Kyle from the P report only, and Amy not at all.
    let p: serde_json::Value = partner
        .get(app.url(&format!("/api/persons/{kyle}{reason}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(p["mentions"].as_array().unwrap().len(), 1);
    assert_eq!(p["hidden"], 1);
    assert!(!p.to_string().contains("SECRET"));
    let res = partner
        .get(app.url(&format!("/persons/{amy}{reason}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let s: serde_json::Value = staff
        .get(app.url(&format!("/api/persons/{kyle}{reason}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(s["mentions"].as_array().unwrap().len(), 2);
}

async fn reasons_are_asked_and_audited(app: &TestApp) {
    ingest(
        app,
        &report("R-9", "P", "Jade WALSH", "Missing from home again."),
    )
    .await;
    let c = app.login_as(Role::SafeguardingOfficer).await;
    let page = c
        .get(app.url("/reports/R-9"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Why are you opening report R-9?"), "{page}");
    assert!(
        !page.contains("Missing from home"),
        "nothing shown before the reason"
    );
    let short = c
        .get(app.url("/reports/R-9?reason=x"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(short.contains("at least 8 characters"));
    let page = c
        .get(app.url("/reports/R-9?reason=strategy%20meeting%2012%2F03"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Missing from home"));
    let res = c.get(app.url("/api/reports/R-9")).send().await.unwrap();
    assert_eq!(res.status(), 400, "the API needs a reason too");
    let res = c
        .get(app.url("/api/reports/R-9"))
        .header("x-access-reason", "strategy meeting 12/03")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let audit = app.store.audit_entries(0, 1000).await.unwrap();
    let views: Vec<_> = audit
        .iter()
        .filter(|e| e.subject.as_deref() == Some("R-9"))
        .map(|e| {
            (
                e.action.as_str(),
                e.reason.clone().unwrap_or_default(),
                e.actor.as_str(),
            )
        })
        .collect();
    assert_eq!(
        views,
        vec![
            (
                "view.report",
                "strategy meeting 12/03".to_string(),
                "safeguarding_officer1"
            ),
            (
                "api.report",
                "strategy meeting 12/03".to_string(),
                "safeguarding_officer1"
            ),
        ]
    );
}

async fn partner_portal_isolation(app: &TestApp) {
    add_account(
        app.store.as_ref(),
        "school1",
        Role::Partner,
        Some("Fenland Academy"),
    )
    .await;
    let council = app.login_as(Role::Partner).await;
    let school = app.login("school1").await;
    let csrf = app.session_csrf(&council).await;
    let res = council
        .post(app.url("/portal"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("concern", "msht_labour"),
            (
                "text",
                "Tenant reports eight men sleeping in one house, collected by van at 5am.",
            ),
            ("name", "Andrei POPESCU"),
            ("dob", "40"),
            ("address", "9 Orchard Close, Wisbech"),
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
    let mine = council
        .get(app.url("/portal"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(mine.contains(&reference));
    let theirs = school
        .get(app.url("/portal"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !theirs.contains(&reference),
        "another partner's submission is not listed"
    );
    let stored = app.store.report(&reference).await.unwrap().unwrap();
    assert_eq!(
        stored.source_org.as_deref(),
        Some("Fenland District Council")
    );
    assert_eq!(
        stored.entities.persons[0].age_estimate.map(|a| a.min),
        Some(35)
    );
    // The partner may not triage or see the audit.
    assert_eq!(
        council
            .get(app.url("/triage"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
}

async fn community_page_and_its_defences(app: &TestApp) {
    let c = app.client();
    let page = c
        .get(app.url("/community"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = hidden(&page, "csrf").unwrap();
    let served = hidden(&page, "served").unwrap();
    let form = |what: &str, website: &str| {
        vec![
            ("csrf".to_string(), csrf.clone()),
            ("served".to_string(), served.clone()),
            ("what".to_string(), what.to_string()),
            ("where".to_string(), "the flats by the park".to_string()),
            ("website".to_string(), website.to_string()),
        ]
    };
    // Too fast: a program, not a person.
    let res = c
        .post(app.url("/community"))
        .form(&form("Kids in and out all night", ""))
        .send()
        .await
        .unwrap();
    assert!(res.text().await.unwrap().contains("did not go through"));
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    // The field only programs fill in.
    let res = c
        .post(app.url("/community"))
        .form(&form("Kids in and out all night", "http://spam"))
        .send()
        .await
        .unwrap();
    assert!(res.text().await.unwrap().contains("did not go through"));
    let res = c
        .post(app.url("/community"))
        .form(&form(
            "Young lads in and out of number 4 all night, an old man lives there",
            "",
        ))
        .send()
        .await
        .unwrap();
    assert!(res.text().await.unwrap().contains("Thank you"));
    let queue = app.store.workflow(Some("new"), None, 100).await.unwrap();
    let landed = queue
        .iter()
        .find(|w| w.channel == "community")
        .expect("in the triage queue");
    let r = app.store.report(&landed.report_ref).await.unwrap().unwrap();
    assert_eq!(r.grading.code(), "2/C/P");
    assert_eq!(r.source_type, model::SourceType::Community);
    assert!(r.text.contains("Where: the flats by the park"));
    // Rate-limited per address.
    let mut limited = false;
    for _ in 0..6 {
        let res = c
            .post(app.url("/community"))
            .form(&form("more of the same thing", ""))
            .send()
            .await
            .unwrap();
        if res.status() == 429 {
            limited = true;
        }
    }
    assert!(limited);
}

async fn api_tokens_and_the_openapi_description(app: &TestApp) {
    let c = app.login_as(Role::Analyst).await;
    let csrf = app.session_csrf(&c).await;
    let page = c
        .post(app.url("/account/tokens"))
        .form(&[("csrf", csrf.as_str()), ("name", "case system")])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let start = page.find("<code>").unwrap() + 6;
    let token = &page[start..start + 64];
    let machine = reqwest::Client::new();
    let me: serde_json::Value = machine
        .get(app.url("/api/me"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["role"], "analyst");
    // A machine client writes without a CSRF token: browsers never send bearer tokens by themselves.
    let res = machine
        .post(app.url("/api/reports"))
        .bearer_auth(token)
        .json(
            &serde_json::from_str::<serde_json::Value>(&report(
                "API-1",
                "P",
                "Leah HUGHES",
                "Seen at the station.",
            ))
            .unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["outcome"], "accepted");
    let bad = machine
        .get(app.url("/api/me"))
        .bearer_auth("0".repeat(64))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 401);

    let doc: serde_json::Value = reqwest::get(app.url("/api/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    for spec in server::ROUTES
        .iter()
        .filter(|r| r.path.starts_with("/api/"))
    {
        let op = &doc["paths"][spec.path][spec.method.to_lowercase()];
        assert!(op.is_object(), "{} {} is described", spec.method, spec.path);
    }
    // The search's parameters, facets among them, and its response are described.
    let search = &doc["paths"]["/api/search"]["get"];
    let params: Vec<&str> = search["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for p in [
        "q",
        "reason",
        "page",
        "crime_type",
        "handling",
        "area",
        "month",
    ] {
        assert!(params.contains(&p), "{p} in {params:?}");
    }
    assert_eq!(
        search["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/SearchResponse"
    );
    // Every schema referred to is there.
    fn refs<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>) {
        match v {
            serde_json::Value::Object(o) => {
                for (k, x) in o {
                    match (k.as_str(), x.as_str()) {
                        ("$ref", Some(r)) => out.push(r),
                        _ => refs(x, out),
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(!all.is_empty());
    for r in all {
        let name = r.strip_prefix("#/components/schemas/").unwrap();
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "{r} is described"
        );
    }
}

async fn administrators_manage_accounts(app: &TestApp) {
    let admin = app.login_as(Role::Administrator).await;
    let csrf = app.session_csrf(&admin).await;
    let page = admin
        .post(app.url("/admin/users"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "newanalyst"),
            ("display_name", "New Analyst"),
            ("role", "analyst"),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let marker = "First password (shown once): ";
    let start = page.find(marker).unwrap() + marker.len();
    let password = &page[start..start + 20];
    let c = app.client();
    let form_csrf = app.csrf(&c, "/login").await;
    let res = c
        .post(app.url("/login"))
        .form(&[
            ("csrf", form_csrf.as_str()),
            ("username", "newanalyst"),
            ("password", password),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        c.get(app.url("/reports")).send().await.unwrap().status(),
        200
    );
    // Disabling ends the session at once.
    let id = app
        .store
        .user_by_name("newanalyst")
        .await
        .unwrap()
        .unwrap()
        .id;
    admin
        .post(app.url(&format!("/admin/users/{id}")))
        .form(&[("csrf", csrf.as_str()), ("action", "disable")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        c.get(app.url("/reports")).send().await.unwrap().status(),
        303
    );
    // An administrator does not read intelligence.
    assert_eq!(
        admin
            .get(app.url("/reports"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
}

async fn the_auditor_searches_the_audit_trail(app: &TestApp) {
    ingest(
        app,
        &report("R-41", "P", "Jade WALSH", "Missing from home again."),
    )
    .await;
    let safeguarding = app.login_as(Role::SafeguardingOfficer).await;
    let analyst = app.login_as(Role::Analyst).await;
    for (client, reason) in [
        (&safeguarding, "strategy meeting 12/03"),
        (&analyst, "operation KESTREL profile"),
    ] {
        let res = client
            .get(app.url("/api/reports/R-41"))
            .header("x-access-reason", reason)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
    }
    let auditor = app.login_as(Role::Auditor).await;
    let api = |query: &str| {
        let auditor = auditor.clone();
        let url = app.url(&format!("/api/audit?{query}"));
        async move {
            let res = auditor.get(url).send().await.unwrap();
            let status = res.status();
            (status, res.json::<serde_json::Value>().await.unwrap())
        }
    };
    let who = |v: &serde_json::Value| -> Vec<(String, String, String)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["actor"].as_str().unwrap().to_string(),
                    e["action"].as_str().unwrap().to_string(),
                    e["reason"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    };
    // Why: the reason, in any case.
    let (status, found) = api("reason=kestrel").await;
    assert_eq!(status, 200);
    assert_eq!(
        who(&found),
        [(
            "analyst1".to_string(),
            "api.report".to_string(),
            "operation KESTREL profile".to_string()
        )]
    );
    // Who and what.
    let (_, found) = api("actor=safeguarding&subject=R-41").await;
    assert_eq!(
        who(&found),
        [(
            "safeguarding_officer1".to_string(),
            "api.report".to_string(),
            "strategy meeting 12/03".to_string()
        )]
    );
    // When: today holds both reads, a range that ended yesterday holds none.
    let today = time::OffsetDateTime::now_utc().date();
    let yesterday = today.previous_day().unwrap();
    let (_, found) = api(&format!(
        "subject=R-41&action=api.report&from={today}&to={today}"
    ))
    .await;
    assert_eq!(found.as_array().unwrap().len(), 2, "{found}");
    let (_, found) = api(&format!("subject=R-41&to={yesterday}")).await;
    assert!(found.as_array().unwrap().is_empty(), "{found}");
    let (status, found) = api("from=12/03/2026").await;
    assert_eq!(status, 400);
    assert!(found.to_string().contains("YYYY-MM-DD"), "{found}");
    let (status, _) = api(&format!("from={today}&to={yesterday}")).await;
    assert_eq!(status, 400);

    // The page: the same search, with the form kept filled in.
    let html = auditor
        .get(app.url("/audit?reason=KESTREL&action=report"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("operation KESTREL profile"), "{html}");
    assert!(!html.contains("strategy meeting 12/03"), "{html}");
    assert!(html.contains(r#"name="reason" value="KESTREL""#), "{html}");
    assert!(html.contains("Chain: <strong>intact</strong>"), "{html}");
    let res = auditor
        .get(app.url("/audit?from=yesterday"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("expected a date"));
    // Looking at the audit is itself audited, with what was looked for.
    let audit = app.store.audit_entries(0, 10_000).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "view.audit" && e.details.contains("KESTREL")),
        "the auditor's search is in the trail"
    );
    // Nobody else may search it.
    let res = analyst.get(app.url("/audit")).send().await.unwrap();
    assert_eq!(res.status(), 403);
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
    sign_in_lock_out_and_sign_out,
    headers_and_csrf,
    submitting_a_report_and_triage,
    handling_codes_on_every_read_path,
    reasons_are_asked_and_audited,
    partner_portal_isolation,
    community_page_and_its_defences,
    api_tokens_and_the_openapi_description,
    administrators_manage_accounts,
    the_auditor_searches_the_audit_trail,
);
