//! Every route as every role against the table in `access_table.txt`: what the table allows
//! must not be refused, what it does not must be. A route without a row fails.

mod common;

use common::TestApp;
use server::{ROUTES, Role};
use std::collections::HashMap;
use store::testing::TestDb;

fn short(role: Role) -> &'static str {
    match role {
        Role::IntelligenceOfficer => "io",
        Role::Analyst => "analyst",
        Role::LeadResponsibleOfficer => "lro",
        Role::SafeguardingOfficer => "safeguarding",
        Role::GovernanceLead => "governance",
        Role::Partner => "partner",
        Role::Auditor => "auditor",
        Role::Administrator => "admin",
    }
}

fn table() -> HashMap<(String, String), Vec<String>> {
    include_str!("access_table.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.split_whitespace();
            let method = parts.next().unwrap().to_string();
            let path = parts.next().unwrap().to_string();
            ((method, path), parts.map(str::to_string).collect())
        })
        .collect()
}

const REPORT: &str = r#"{"kind":"report","ref":"ACC-1","received":"2026-03-04T10:12:00Z","source":{"type":"officer"},"grading":{"source":"1","intel":"B","handling":"P"},"text":"Seen at the address.","persons":[{"id":"P1","name":"Jon SMITH","dob":"03/02/1999","role":"subject"}]}"#;

async fn every_route_as_every_role(db: TestDb) {
    let app = TestApp::spawn(db).await;
    // Something for the routes with parameters to find.
    let accepted = ingest::parse_line(REPORT.as_bytes(), 1).unwrap();
    let mut tx = app.store.begin_write().await.unwrap();
    tx.put_reports(
        store::IngestId(1),
        &[store::NewReport {
            report: &accepted.report,
            content_hash: &accepted.content_hash,
            raw: &accepted.raw,
            entities: &accepted.entities_json,
        }],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    analysis::analyse(&app.store, analysis::AnalyseOptions::default())
        .await
        .unwrap();
    let person = app.store.person_assignments().await.unwrap()[0]
        .person_id
        .clone();

    let table = table();
    for spec in ROUTES {
        assert!(
            table.contains_key(&(spec.method.to_string(), spec.path.to_string())),
            "route {} {} has no row in access_table.txt",
            spec.method,
            spec.path
        );
    }
    let fill = |path: &str| {
        path.replace("{reference}", "ACC-1")
            .replace(
                "{id}",
                if path.starts_with("/admin") {
                    "1"
                } else {
                    &person
                },
            )
            .replace("{file}", "app.css")
            .replace("{action}", "1")
    };
    let mut failures = Vec::new();
    for role in Role::ALL {
        // Sign-out last, or the client would be signed out for the rest.
        let mut routes: Vec<_> = ROUTES.iter().collect();
        routes.sort_by_key(|r| r.path == "/logout");
        let client = app.login_as(role).await;
        let csrf = app.session_csrf(&client).await;
        for spec in routes {
            let allowed = &table[&(spec.method.to_string(), spec.path.to_string())];
            let may = allowed
                .iter()
                .any(|a| a == "public" || a == "all" || a == short(role));
            let url = app.url(&format!("{}?reason=access%20table%20test", fill(spec.path)));
            let res = match spec.method {
                "GET" => client.get(&url).send().await.unwrap(),
                _ if spec.path.starts_with("/api/") => client
                    .post(&url)
                    .header("x-csrf-token", &csrf)
                    .json(&serde_json::json!({}))
                    .send()
                    .await
                    .unwrap(),
                _ => client
                    .post(&url)
                    .form(&[("csrf", csrf.as_str())])
                    .send()
                    .await
                    .unwrap(),
            };
            let status = res.status().as_u16();
            let to_login = res
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .is_some_and(|l| l.starts_with("/login"));
            let refused = status == 403 || status == 401 || (to_login && spec.path != "/logout");
            if may == refused {
                failures.push(format!(
                    "{:?} {} {}: table says {}, got {status}",
                    role,
                    spec.method,
                    spec.path,
                    if may { "allow" } else { "deny" }
                ));
            }
        }
    }
    // Signed out, only public routes answer.
    let anonymous = app.client();
    for spec in ROUTES.iter().filter(|r| r.method == "GET") {
        let allowed = &table[&(spec.method.to_string(), spec.path.to_string())];
        let res = anonymous
            .get(app.url(&fill(spec.path)))
            .send()
            .await
            .unwrap();
        let public = allowed.iter().any(|a| a == "public");
        let status = res.status().as_u16();
        let refused = status == 401 || status == 303;
        if public == refused {
            failures.push(format!("anonymous GET {}: got {status}", spec.path));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    app.db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_every_route_as_every_role() {
    every_route_as_every_role(TestDb::sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_every_route_as_every_role() {
    if let Some(db) = TestDb::postgres().await {
        every_route_as_every_role(db).await;
    }
}
