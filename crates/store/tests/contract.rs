//! The store contract: every test here runs against SQLite and against a real PostgreSQL server,
//! each in a fresh database of its own.

use futures::TryStreamExt;
use ingest::Accepted;
use std::sync::Arc;
use store::testing::TestDb;
use store::{IngestId, NewReport, Store, WriteOutcome};

/// A report line with the given ref, text and named persons.
fn record(report_ref: &str, text: &str, names: &[&str]) -> Accepted {
    let persons: Vec<serde_json::Value> = names
        .iter()
        .enumerate()
        .map(|(i, n)| serde_json::json!({"id": format!("P{}", i + 1), "name": n, "dob": "3/2/99", "role": "subject"}))
        .collect();
    let links = if names.is_empty() {
        serde_json::json!([])
    } else {
        serde_json::json!([{"from": "P1", "to": "T1", "type": "uses_phone"}])
    };
    let line = serde_json::json!({
        "kind": "report", "ref": report_ref, "received": "2026-03-04T10:12:00Z",
        "source": {"type": "officer", "org": null},
        "grading": {"source": "1", "intel": "B", "handling": "P", "conditions": null},
        "crime_types": ["drugs_county_lines"], "text": text,
        "persons": persons,
        "phones": [{"id": "T1", "number": "07700 900123"}],
        "links": links,
    })
    .to_string();
    ingest::parse_line(line.as_bytes(), 1).expect("fixture record is valid")
}

fn batch(records: &[Accepted]) -> Vec<NewReport<'_>> {
    records
        .iter()
        .map(|a| NewReport {
            report: &a.report,
            content_hash: &a.content_hash,
            raw: &a.raw,
            entities: &a.entities_json,
        })
        .collect()
}

async fn put(store: &Arc<dyn Store>, records: &[Accepted]) -> Vec<WriteOutcome> {
    let mut tx = store.begin_write().await.unwrap();
    let outcomes = tx.put_reports(IngestId(1), &batch(records)).await.unwrap();
    tx.commit().await.unwrap();
    outcomes
}

async fn new_reports_are_accepted_and_repeats_unchanged(db: &TestDb) {
    let store = db.open().await;
    let records = vec![
        record("R-1", "first", &["Jon SMITH"]),
        record("R-2", "second", &["Kyle BROWN", "Amy GREEN"]),
    ];
    assert_eq!(
        put(&store, &records).await,
        vec![WriteOutcome::Accepted, WriteOutcome::Accepted]
    );
    assert_eq!(
        put(&store, &records).await,
        vec![WriteOutcome::Unchanged, WriteOutcome::Unchanged]
    );
    let c = store.counts().await.unwrap();
    assert_eq!((c.reports, c.report_versions), (2, 2));
    assert_eq!(c.mentions, 5, "3 persons and 2 phones");
    assert_eq!(c.links, 2);
}

async fn a_changed_record_supersedes_and_both_versions_stay(db: &TestDb) {
    let store = db.open().await;
    put(&store, &[record("R-1", "first", &["Jon SMITH"])]).await;
    let changed = record("R-1", "first, corrected", &["Jon SMITH", "Kyle BROWN"]);
    assert_eq!(
        put(&store, std::slice::from_ref(&changed)).await,
        vec![WriteOutcome::Superseded { version: 2 }]
    );
    let versions = store.report_versions("R-1").await.unwrap();
    assert_eq!(versions.len(), 2);
    assert!(!versions[0].current && versions[1].current);
    assert_eq!(versions[1].content_hash, changed.content_hash);
    assert_eq!(
        store.report_raw("R-1").await.unwrap(),
        Some(changed.raw.clone())
    );
    let c = store.counts().await.unwrap();
    assert_eq!((c.reports, c.report_versions), (1, 2));
    assert_eq!(c.mentions, 3, "only the current version's mentions count");
    let names: Vec<String> = store
        .person_mentions()
        .map_ok(|m| m.mention_id())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names, vec!["R-1#P1", "R-1#P2"]);
}

async fn repeats_within_one_batch_apply_in_order(db: &TestDb) {
    let store = db.open().await;
    let records = vec![
        record("R-1", "a", &["Jon SMITH"]),
        record("R-1", "a", &["Jon SMITH"]),
        record("R-1", "b", &["Jon SMITH"]),
        record("R-2", "c", &[]),
    ];
    assert_eq!(
        put(&store, &records).await,
        vec![
            WriteOutcome::Accepted,
            WriteOutcome::Unchanged,
            WriteOutcome::Superseded { version: 2 },
            WriteOutcome::Accepted
        ]
    );
}

async fn a_rolled_back_transaction_stores_nothing(db: &TestDb) {
    let store = db.open().await;
    put(&store, &[record("R-0", "kept", &["Amy GREEN"])]).await;
    let records = vec![record("R-1", "a", &["Jon SMITH"])];
    let mut tx = store.begin_write().await.unwrap();
    tx.put_reports(IngestId(2), &batch(&records)).await.unwrap();
    tx.rollback().await.unwrap();
    let c = store.counts().await.unwrap();
    assert_eq!((c.reports, c.mentions), (1, 2));
}

async fn person_mentions_keep_raw_and_normalised_values(db: &TestDb) {
    let store = db.open().await;
    put(&store, &[record("R-9", "x", &["smith, jon aka 'JJ'"])]).await;
    let mentions: Vec<_> = store.person_mentions().try_collect().await.unwrap();
    assert_eq!(mentions.len(), 1);
    let m = &mentions[0].mention;
    assert_eq!(m.name_raw.as_deref(), Some("smith, jon aka 'JJ'"));
    let name = m.name.as_ref().unwrap();
    assert_eq!(name.display(), "Jon SMITH");
    assert_eq!(name.aliases, vec!["JJ"]);
    assert_eq!(m.dob.and_then(|d| d.iso()).as_deref(), Some("1999-02-03"));
    assert_eq!(mentions[0].received.year(), 2026);
}

async fn the_audit_trail_chains_and_detects_tampering(db: &TestDb) {
    let store = db.open().await;
    for i in 0..5 {
        store
            .append_audit(store::NewAuditEntry {
                actor: "analyst1".into(),
                action: "view".into(),
                reason: Some(format!("operation {i}")),
                subject: Some(format!("per_{i}")),
                details: serde_json::json!({"i": i}),
            })
            .await
            .unwrap();
    }
    assert!(store.verify_audit().await.unwrap().is_empty());

    // The database itself refuses to change or remove entries.
    assert!(
        db.execute_raw("UPDATE audit SET actor = 'x' WHERE id = 2")
            .await
            .is_err()
    );
    assert!(
        db.execute_raw("DELETE FROM audit WHERE id = 2")
            .await
            .is_err()
    );

    // Someone with the power to lift that protection still cannot hide the change.
    let lift = match store.backend() {
        store::Backend::Sqlite => "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;",
        store::Backend::Postgres => "DROP TRIGGER audit_no_update ON audit;",
    };
    db.execute_raw(lift).await.unwrap();
    db.execute_raw("UPDATE audit SET reason = 'nothing to see' WHERE id = 2")
        .await
        .unwrap();
    db.execute_raw("DELETE FROM audit WHERE id = 4")
        .await
        .unwrap();
    let problems = store.verify_audit().await.unwrap();
    let ids: Vec<i64> = problems.iter().map(|p| p.id).collect();
    assert!(ids.contains(&2), "{problems:?}");
    assert!(ids.contains(&5), "{problems:?}");
}

async fn concurrent_audit_appends_keep_one_chain(db: &TestDb) {
    let store = db.open().await;
    let mut tasks = Vec::new();
    for i in 0..16 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store
                .append_audit(store::NewAuditEntry {
                    actor: format!("user{i}"),
                    action: "search".into(),
                    reason: None,
                    subject: None,
                    details: serde_json::json!({}),
                })
                .await
                .unwrap()
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(store.counts().await.unwrap().audit_entries, 16);
    assert!(store.verify_audit().await.unwrap().is_empty());
}

async fn opening_again_keeps_everything(db: &TestDb) {
    let store = db.open().await;
    put(&store, &[record("R-1", "a", &["Jon SMITH"])]).await;
    drop(store);
    let again = db.open().await;
    assert_eq!(again.counts().await.unwrap().reports, 1);
}

async fn reports_stream_current_versions_with_entities(db: &TestDb) {
    let store = db.open().await;
    put(
        &store,
        &[record("R-1", "a", &["Jon SMITH"]), record("R-2", "b", &[])],
    )
    .await;
    put(
        &store,
        &[record("R-1", "a, corrected", &["Jon SMITH", "Amy GREEN"])],
    )
    .await;
    let reports: Vec<store::StoredReport> = store.reports().try_collect().await.unwrap();
    let refs: Vec<&str> = reports.iter().map(|r| r.report_ref.as_str()).collect();
    assert_eq!(
        refs,
        vec!["R-2", "R-1"],
        "current versions in the order stored"
    );
    let r1 = &reports[1];
    assert_eq!((r1.version, r1.text.as_str()), (2, "a, corrected"));
    assert_eq!(r1.entities.persons.len(), 2);
    assert_eq!(
        r1.entities.phones[0].phone.e164.as_deref(),
        Some("+447700900123")
    );
    assert_eq!(r1.grading.code(), "1/B/P");
    assert_eq!(r1.crime_types, vec![model::CrimeType::DrugsCountyLines]);
}

async fn resolution_results_are_kept_and_replaced(db: &TestDb) {
    let store = db.open().await;
    let a = |m: &str, p: &str| store::PersonAssignment {
        mention: m.into(),
        person_id: p.into(),
        component: "c".into(),
    };
    store
        .update_person_assignments(
            &[
                a("R-1#P1", "per_1"),
                a("R-2#P1", "per_1"),
                a("R-3#P1", "per_2"),
            ],
            &[],
            true,
        )
        .await
        .unwrap();
    store
        .update_person_assignments(&[a("R-2#P1", "per_3")], &["R-3#P1".to_string()], false)
        .await
        .unwrap();
    let rows = store.person_assignments().await.unwrap();
    assert_eq!(rows, vec![a("R-1#P1", "per_1"), a("R-2#P1", "per_3")]);
    let many: Vec<store::PersonAssignment> = (0..12_000)
        .map(|i| a(&format!("M-{i:05}#P1"), &format!("per_{i}")))
        .collect();
    store
        .update_person_assignments(&many, &[], true)
        .await
        .unwrap();
    assert_eq!(store.person_assignments().await.unwrap().len(), 12_000);

    let objects = vec![store::ObjectAssignment {
        mention: "R-1#T1".into(),
        kind: model::EntityKind::Phone,
        entity_id: "phn_1".into(),
    }];
    store.replace_object_assignments(&objects).await.unwrap();
    assert_eq!(store.object_assignments().await.unwrap(), objects);

    assert_eq!(store.latest_model().await.unwrap(), None);
    store.save_model("{\"v\":1}", "{}").await.unwrap();
    let second = store.save_model("{\"v\":2}", "{}").await.unwrap();
    let latest = store.latest_model().await.unwrap().unwrap();
    assert_eq!((latest.id, latest.model.as_str()), (second, "{\"v\":2}"));

    assert_eq!(store.state("watermark").await.unwrap(), None);
    store.set_state("watermark", "7").await.unwrap();
    store.set_state("watermark", "9").await.unwrap();
    assert_eq!(
        store.state("watermark").await.unwrap().as_deref(),
        Some("9")
    );
}

async fn decisions_are_audited_and_revocable(db: &TestDb) {
    let store = db.open().await;
    let d = store
        .add_decision(store::NewDecision {
            same: false,
            mention_a: "R-1#P1".into(),
            mention_b: "R-2#P1".into(),
            actor: "analyst1".into(),
            reason: "different dates of birth on custody record".into(),
        })
        .await
        .unwrap();
    assert!(d.in_force());
    assert!(
        store
            .revoke_decision(d.id, "analyst2", "custody record was wrong")
            .await
            .unwrap()
    );
    assert!(
        !store
            .revoke_decision(d.id, "analyst2", "again")
            .await
            .unwrap(),
        "already revoked"
    );
    let all = store.decisions().await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].revoked_by.as_deref(), Some("analyst2"));
    let audit = store.audit_entries(0, 100).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["resolution.different", "resolution.revoke"]);
    assert!(store.verify_audit().await.unwrap().is_empty());
}

async fn accounts_sessions_and_tokens(db: &TestDb) {
    let store = db.open().await;
    let new = |name: &str, role: &str| store::NewUser {
        username: name.into(),
        display_name: format!("{name} display"),
        role: role.into(),
        organisation: (role == "partner").then(|| "Fenland District Council".to_string()),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
    };
    let admin = store.add_user(new("admin", "administrator")).await.unwrap();
    let partner = store.add_user(new("council1", "partner")).await.unwrap();
    assert!(
        store.add_user(new("admin", "analyst")).await.is_err(),
        "usernames are unique"
    );
    assert_eq!(
        partner.organisation.as_deref(),
        Some("Fenland District Council")
    );
    assert_eq!(store.users().await.unwrap().len(), 2);

    store.record_login(admin.id, false, None).await.unwrap();
    store
        .record_login(admin.id, false, Some("2099-01-01T00:00:00.000000Z".into()))
        .await
        .unwrap();
    let locked = store.user_by_id(admin.id).await.unwrap().unwrap();
    assert_eq!(locked.failed_attempts, 2);
    assert!(locked.locked_until.is_some());
    assert!(store.set_password(admin.id, "$argon2id$new").await.unwrap());
    let reset = store.user_by_name("admin").await.unwrap().unwrap();
    assert_eq!((reset.failed_attempts, reset.locked_until), (0, None));
    // Visits: the latest sign-in, and the one before it.
    assert_eq!(reset.last_login_at, None);
    store.record_login(admin.id, true, None).await.unwrap();
    let first = store.user_by_id(admin.id).await.unwrap().unwrap();
    assert!(first.last_login_at.is_some());
    assert_eq!(first.previous_login_at, None);
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    store.record_login(admin.id, true, None).await.unwrap();
    let second = store.user_by_id(admin.id).await.unwrap().unwrap();
    assert_eq!(second.previous_login_at, first.last_login_at);
    assert!(second.last_login_at > first.last_login_at);
    assert!(store.set_disabled(partner.id, true).await.unwrap());
    assert!(
        store
            .user_by_id(partner.id)
            .await
            .unwrap()
            .unwrap()
            .disabled_at
            .is_some()
    );

    let session = store::Session {
        token_hash: "h1".into(),
        user_id: admin.id,
        csrf_token: "c1".into(),
        created_at: "2026-01-01T00:00:00.000000Z".into(),
        last_seen: "2026-01-01T00:00:00.000000Z".into(),
        expires_at: "2099-01-01T00:00:00.000000Z".into(),
    };
    store.create_session(session.clone()).await.unwrap();
    store
        .touch_session("h1", "2026-01-01T00:10:00.000000Z")
        .await
        .unwrap();
    assert_eq!(
        store.session("h1").await.unwrap().unwrap().last_seen,
        "2026-01-01T00:10:00.000000Z"
    );
    store.delete_sessions(None, Some(admin.id)).await.unwrap();
    assert_eq!(store.session("h1").await.unwrap(), None);

    store
        .create_api_token("t1", partner.id, "case system")
        .await
        .unwrap();
    assert_eq!(store.api_token_user("t1").await.unwrap(), Some(partner.id));
    assert_eq!(store.revoke_api_tokens(partner.id).await.unwrap(), 1);
    assert_eq!(store.api_token_user("t1").await.unwrap(), None);

    let w = |r: &str, status: &str, by: Option<i64>| store::Workflow {
        report_ref: r.into(),
        status: status.into(),
        channel: if by.is_some() {
            "partner".into()
        } else {
            "community".into()
        },
        submitted_by: by,
        organisation: None,
        updated_at: String::new(),
        updated_by: Some("officer1".into()),
    };
    store
        .set_workflow(w("R-1", "new", Some(partner.id)))
        .await
        .unwrap();
    store.set_workflow(w("R-2", "new", None)).await.unwrap();
    store.set_workflow(w("R-2", "triaged", None)).await.unwrap();
    let queue = store.workflow(Some("new"), None, 10).await.unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].report_ref, "R-1");
    let mine = store.workflow(None, Some(partner.id), 10).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(store.workflow(None, None, 10).await.unwrap().len(), 2);
}

async fn profiles_and_flag_history_are_kept(db: &TestDb) {
    let store = db.open().await;
    let profile = |id: &str, name: &str| store::PersonProfile {
        person_id: id.into(),
        display_name: name.into(),
        shareable_name: None,
        names: vec![name.into(), format!("{name} Jr")],
        dobs: vec!["2009-04-01".into()],
        age: Some((15, 16)),
        mentions: 3,
        reports: 2,
        first_seen: "2026-01-02".into(),
        last_seen: "2026-03-04".into(),
        roles: [("victim".to_string(), 2), ("subject".to_string(), 1)]
            .into_iter()
            .collect(),
    };
    store
        .replace_person_profiles(&[
            profile("per_000002", "Amy Lee"),
            profile("per_000001", "Bo Li"),
        ])
        .await
        .unwrap();
    let got = store
        .person_profiles(&[
            "per_000002".into(),
            "per_000001".into(),
            "per_000009".into(),
        ])
        .await
        .unwrap();
    assert_eq!(got.len(), 2, "only those that exist");
    assert_eq!(got[0], profile("per_000001", "Bo Li"));
    assert_eq!(
        got[1].names,
        vec!["Amy Lee".to_string(), "Amy Lee Jr".into()]
    );
    store
        .replace_person_profiles(&[profile("per_000003", "Cy Ng")])
        .await
        .unwrap();
    assert!(
        store
            .person_profiles(&["per_000001".into()])
            .await
            .unwrap()
            .is_empty()
    );

    let row = |id: &str, flagged: bool| store::VulnerabilityRow {
        person_id: id.into(),
        flagged,
        score: if flagged { 0.8 } else { 0.2 },
        categories: vec!["cuckooing".into()],
        assessment: "{}".into(),
        flagged_since: None,
    };
    store
        .replace_vulnerabilities(&[row("per_000001", true), row("per_000002", false)])
        .await
        .unwrap();
    let first = store.vulnerabilities(None, true).await.unwrap();
    assert_eq!(first.len(), 1);
    let since = first[0].flagged_since.clone().expect("flagged now");
    assert!(
        store
            .vulnerabilities(Some("per_000002"), false)
            .await
            .unwrap()[0]
            .flagged_since
            .is_none()
    );
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    store
        .replace_vulnerabilities(&[row("per_000001", true), row("per_000002", true)])
        .await
        .unwrap();
    let again = store.vulnerabilities(None, true).await.unwrap();
    let of = |id: &str| {
        again
            .iter()
            .find(|r| r.person_id == id)
            .unwrap()
            .flagged_since
            .clone()
    };
    assert_eq!(
        of("per_000001"),
        Some(since.clone()),
        "still flagged: since then"
    );
    assert_ne!(of("per_000002"), Some(since), "newly flagged: since now");
    // Unflagged and flagged again: a new date.
    store
        .replace_vulnerabilities(&[row("per_000001", false)])
        .await
        .unwrap();
    assert!(store.vulnerabilities(None, true).await.unwrap().is_empty());
}

async fn activity_is_counted_for_what_the_viewer_may_see(db: &TestDb) {
    let store = db.open().await;
    let before = store::now_text();
    let line = |r: &str, day: &str, source: &str, handling: &str, crimes: &str| {
        let conditions = if handling == "C" {
            "\"originator only\""
        } else {
            "null"
        };
        let l = format!(
            r#"{{"kind":"report","ref":"{r}","received":"{day}T10:00:00Z","source":{{"type":"{source}"}},"grading":{{"source":"1","intel":"B","handling":"{handling}","conditions":{conditions}}},"crime_types":{crimes},"text":"x"}}"#
        );
        ingest::parse_line(l.as_bytes(), 1).unwrap()
    };
    let records = vec![
        line(
            "A-1",
            "2026-03-01",
            "officer",
            "P",
            r#"["drugs_county_lines"]"#,
        ),
        line(
            "A-2",
            "2026-03-01",
            "officer",
            "P",
            r#"["drugs_county_lines"]"#,
        ),
        line("A-3", "2026-03-01", "community", "C", r#"["msht_labour"]"#),
        line(
            "A-4",
            "2026-03-02",
            "partner",
            "C",
            r#"["msht_labour","drugs_supply"]"#,
        ),
    ];
    put(&store, &records).await;
    let all = store.report_activity(None).await.unwrap();
    let total: i64 = all.iter().map(|r| r.reports).sum();
    assert_eq!(total, 4);
    let officer_day = all
        .iter()
        .find(|r| r.day == "2026-03-01" && r.source_type == "officer")
        .unwrap();
    assert_eq!(officer_day.reports, 2);
    assert_eq!(
        officer_day.crime_types,
        vec![model::CrimeType::DrugsCountyLines]
    );
    // A partner's view: shareable reports, and their own submission.
    let partner = store
        .add_user(store::NewUser {
            username: "council".into(),
            display_name: "Council".into(),
            role: "partner".into(),
            organisation: Some("Fenland District Council".into()),
            password_hash: "$argon2id$x".into(),
        })
        .await
        .unwrap();
    store
        .set_workflow(store::Workflow {
            report_ref: "A-4".into(),
            status: "new".into(),
            channel: "partner".into(),
            submitted_by: Some(partner.id),
            organisation: None,
            updated_at: String::new(),
            updated_by: None,
        })
        .await
        .unwrap();
    let theirs: i64 = store
        .report_activity(Some(partner.id))
        .await
        .unwrap()
        .iter()
        .map(|r| r.reports)
        .sum();
    assert_eq!(theirs, 3, "A-1, A-2 and their own A-4; never A-3");
    assert_eq!(store.reports_stored_since(&before, None).await.unwrap(), 4);
    assert_eq!(
        store
            .reports_stored_since(&before, Some(partner.id))
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        store
            .reports_stored_since("2999-01-01T00:00:00Z", None)
            .await
            .unwrap(),
        0
    );
}

async fn referrals_keep_their_steps_and_are_audited(db: &TestDb) {
    let store = db.open().await;
    let new = |person: &str, recipient: &str| store::NewReferral {
        person_id: person.into(),
        route: "childrens_social_care".into(),
        category: Some("child_criminal_exploitation".into()),
        recipient: recipient.into(),
        child: Some(true),
        consent: false,
        anonymous: false,
        subject_name: Some("Jon SMITH".into()),
        subject_dob: Some("2010-02-03".into()),
        shared: "Seen running drugs to a flat; missing from school".into(),
        created_by: "safeguarding1".into(),
        made_at: "2026-03-02T10:00:00Z".into(),
    };
    let a = store
        .add_referral(new("per_000001", "Fenland District Council"))
        .await
        .unwrap();
    let b = store
        .add_referral(new("per_000002", "Peterborough City Council"))
        .await
        .unwrap();
    assert_ne!(a.id, b.id);
    assert_eq!(a.state, "made");
    assert_eq!(a.steps.len(), 1);
    assert_eq!(a.child, Some(true));
    let step = store::ReferralStep {
        state: "decision".into(),
        positive: Some(true),
        at: "2026-03-03T09:00:00Z".into(),
        actor: "council1".into(),
        note: "strategy discussion held".into(),
        recorded_at: String::new(),
    };
    assert!(store.add_referral_step(a.id, step.clone()).await.unwrap());
    assert!(
        !store.add_referral_step(999, step).await.unwrap(),
        "no such referral"
    );
    let a = store.referral(a.id).await.unwrap().unwrap();
    assert_eq!(a.state, "decision");
    assert_eq!(a.steps.len(), 2);
    assert_eq!(a.steps[1].positive, Some(true));
    assert!(!a.steps[1].recorded_at.is_empty());
    let fenland = store
        .referrals(store::ReferralFilter {
            recipient: Some("Fenland District Council".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(fenland.len(), 1);
    assert_eq!(fenland[0].id, a.id);
    let mine = store
        .referrals(store::ReferralFilter {
            person_id: Some("per_000002".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(mine[0].id, b.id);
    assert_eq!(store.referrals(Default::default()).await.unwrap().len(), 2);
    let audit = store.audit_entries(0, 100).await.unwrap();
    assert_eq!(
        audit.iter().filter(|e| e.action == "referral.made").count(),
        2
    );
    assert_eq!(
        audit.iter().filter(|e| e.action == "referral.step").count(),
        1
    );
}

async fn officers_and_allocations_keep_their_history(db: &TestDb) {
    let store = db.open().await;
    let ops = store.operations();
    let officer = |name: &str, skills: &[&str]| store::NewOfficer {
        name: name.into(),
        rank: "DI".into(),
        team: "SOC".into(),
        skills: skills.iter().map(|s| s.to_string()).collect(),
        capacity: 6,
        username: None,
    };
    let a = ops
        .add_officer(officer("DI Amira SHAH", &["county_lines"]), "gov1")
        .await
        .unwrap();
    let b = ops
        .add_officer(officer("DS Ben OKAFOR", &["modern_slavery"]), "gov1")
        .await
        .unwrap();
    assert!(
        ops.add_training(a, "lro_course", "2025-03-10", None, "gov1")
            .await
            .unwrap()
    );
    assert!(
        !ops.add_training(999, "lro_course", "2025-03-10", None, "gov1")
            .await
            .unwrap()
    );
    let m = ops.add_mentoring(a, b, "2026-09-01", "gov1").await.unwrap();
    assert!(ops.add_mentoring(a, a, "2026-09-01", "gov1").await.is_err());
    assert!(
        ops.add_mentoring_session(m, "2026-10-02", "first session: the 4P plan", "gov1")
            .await
            .unwrap()
    );
    assert!(
        ops.update_officer(
            b,
            store::OfficerUpdate {
                rank: "DS".into(),
                team: "MSHT".into(),
                skills: vec!["modern_slavery".into(), "child_exploitation".into()],
                capacity: 4,
                active: true,
            },
            "gov1",
            "annual skills review"
        )
        .await
        .unwrap()
    );
    let officers = ops.officers().await.unwrap();
    assert_eq!(officers.len(), 2);
    let shah = officers.iter().find(|o| o.id == a).unwrap();
    assert_eq!(shah.training[0].completed_on, "2025-03-10");
    let okafor = officers.iter().find(|o| o.id == b).unwrap();
    assert_eq!((okafor.capacity, okafor.team.as_str()), (4, "MSHT"));
    assert_eq!(okafor.mentored_by[0].mentor_id, a);
    assert_eq!(okafor.mentored_by[0].sessions[0].held_on, "2026-10-02");
    assert!(ops.end_mentoring(m, "2026-12-01", "gov1").await.unwrap());
    assert!(
        !ops.end_mentoring(m, "2026-12-02", "gov1").await.unwrap(),
        "ended once"
    );

    let set = |threat: &str, officer: Option<i64>| store::AllocationChange {
        threat_id: threat.into(),
        officer_id: officer,
        basis: "recommended".into(),
        reason: "skills match".into(),
    };
    ops.set_allocations(
        &[set("grp_0001", Some(a)), set("grp_0002", Some(b))],
        "gov1",
        "board 1 Dec",
    )
    .await
    .unwrap();
    ops.set_allocations(
        &[set("grp_0001", Some(b)), set("grp_0002", None)],
        "gov1",
        "rebalance",
    )
    .await
    .unwrap();
    let current = ops.allocations(true).await.unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(
        (current[0].threat_id.as_str(), current[0].officer_id),
        ("grp_0001", b)
    );
    let all = ops.allocations(false).await.unwrap();
    assert_eq!(all.len(), 3, "ended allocations are kept");
    assert!(all.iter().filter(|x| x.ended_at.is_some()).count() == 2);
    let audit = store.audit_entries(0, 100).await.unwrap();
    let sets: Vec<_> = audit
        .iter()
        .filter(|e| e.action == "allocation.set")
        .collect();
    assert_eq!(sets.len(), 4);
    let details: serde_json::Value = serde_json::from_str(&sets[2].details).unwrap();
    assert_eq!(details["previous"], serde_json::json!(a));
    assert_eq!(sets[3].reason.as_deref(), Some("rebalance"));
    assert!(audit.iter().any(
        |e| e.action == "officer.update" && e.reason.as_deref() == Some("annual skills review")
    ));
    assert!(store.verify_audit().await.unwrap().is_empty());
}

async fn plans_disruptions_and_outcomes_are_kept_per_threat(db: &TestDb) {
    let store = db.open().await;
    let ops = store.operations();
    assert!(
        ops.open_plan("grp_0001", "2026-10-01", "lro1")
            .await
            .unwrap()
    );
    assert!(
        !ops.open_plan("grp_0001", "2026-10-02", "lro1")
            .await
            .unwrap()
    );
    let action = ops
        .add_plan_action(store::NewPlanAction {
            threat_id: "grp_0001".into(),
            strand: "pursue".into(),
            description: "Warrant at the trap house".into(),
            owner: "DS Khan".into(),
            due_on: "2026-11-01".into(),
            actor: "lro1".into(),
        })
        .await
        .unwrap();
    assert!(
        ops.set_action_status("grp_0001", action, "done", "lro1", "warrant executed")
            .await
            .unwrap()
    );
    assert!(
        !ops.set_action_status("grp_0002", action, "done", "lro1", "wrong threat")
            .await
            .unwrap()
    );
    let review = store::PlanReviewRecord {
        held_on: "2026-10-28".into(),
        next_review_on: "2026-11-25".into(),
        note: "reviewed at the SOC board".into(),
        recorded_by: "gov1".into(),
    };
    assert!(
        ops.add_plan_review("grp_0001", review.clone())
            .await
            .unwrap()
    );
    assert!(
        !ops.add_plan_review("grp_0009", review).await.unwrap(),
        "no plan"
    );
    let plans = ops.plans(None).await.unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].actions[0].status, "done");
    assert_eq!(plans[0].reviews[0].next_review_on, "2026-11-25");
    assert!(ops.plans(Some("grp_0002")).await.unwrap().is_empty());

    for (threat, on, impact) in [
        ("grp_0001", "2026-11-03", "major"),
        ("grp_0001", "2026-11-20", "negative"),
        ("grp_0002", "2026-11-05", "minor"),
    ] {
        ops.add_disruption(store::NewDisruption {
            threat_id: threat.into(),
            occurred_on: on.into(),
            strand: "pursue".into(),
            impact: impact.into(),
            assessor: "DI Shah".into(),
            rationale: "line holder remanded, line quiet".into(),
            operation: Some("Op KESTREL".into()),
            actor: "lro1".into(),
        })
        .await
        .unwrap();
    }
    let mine = ops.disruptions(Some("grp_0001")).await.unwrap();
    assert_eq!(
        mine.iter().map(|d| d.impact.as_str()).collect::<Vec<_>>(),
        vec!["negative", "major"],
        "newest first"
    );
    assert_eq!(ops.disruptions(None).await.unwrap().len(), 3);
    let mut counts = [0i64; 11];
    counts[0] = 4;
    counts[7] = 1_250_000;
    ops.add_outcome(store::NewOutcome {
        threat_id: "grp_0001".into(),
        operation: Some("Op KESTREL".into()),
        occurred_on: "2026-11-03".into(),
        counts,
        note: "day of action".into(),
        actor: "lro1".into(),
    })
    .await
    .unwrap();
    counts[0] = -1;
    assert!(
        ops.add_outcome(store::NewOutcome {
            threat_id: "grp_0001".into(),
            operation: None,
            occurred_on: "2026-11-04".into(),
            counts,
            note: String::new(),
            actor: "lro1".into(),
        })
        .await
        .is_err()
    );
    let outcomes = ops.outcomes(Some("grp_0001")).await.unwrap();
    assert_eq!(outcomes.len(), 1);
    assert_eq!(
        (outcomes[0].counts[0], outcomes[0].counts[7]),
        (4, 1_250_000)
    );
    let audit = store.audit_entries(0, 100).await.unwrap();
    for action in [
        "plan.open",
        "plan.action",
        "plan.action_status",
        "plan.review",
        "disruption.add",
        "outcome.add",
    ] {
        assert!(audit.iter().any(|e| e.action == action), "{action} audited");
    }
}

fn stored_group(
    id: &str,
    visibility: store::Visibility,
    members: &[(&str, &str)],
) -> store::StoredGroup {
    use model::HandlingCode;
    store::StoredGroup {
        id: id.to_string(),
        visibility,
        key: format!("county_line:phn_{id}"),
        kind: "county_line".into(),
        label: format!("county line on {id}"),
        crime_types: vec![
            "drugs_county_lines".into(),
            "child_criminal_exploitation".into(),
        ],
        reasons: vec!["a deal line used by 3 people in 4 drugs reports".into()],
        members: members
            .iter()
            .map(|(p, role)| store::GroupMemberRow {
                person_id: p.to_string(),
                role: role.to_string(),
                reasons: vec![format!("{p} is a {role}")],
                reports: vec!["R-1".into()],
            })
            .collect(),
        deal_lines: vec![store::GroupDealLineRow {
            phone: "phn_447700900123".into(),
            number: Some("+447700900123".into()),
            users: members.iter().map(|(p, _)| p.to_string()).collect(),
            drug_reports: 4,
        }],
        objects: vec![store::GroupObjectRow {
            entity: "loc_1a2b3c".into(),
            kind: "location".into(),
            value: Some("14 Mill Rd".into()),
            cuckooed: true,
        }],
        reports: match visibility {
            store::Visibility::Full => vec![
                store::GroupReportRow {
                    report_ref: "R-1".into(),
                    handling: HandlingCode::P,
                },
                store::GroupReportRow {
                    report_ref: "R-2".into(),
                    handling: HandlingCode::C,
                },
            ],
            store::Visibility::Shareable => vec![store::GroupReportRow {
                report_ref: "R-1".into(),
                handling: HandlingCode::P,
            }],
        },
    }
}

async fn groups_are_kept_per_visibility_and_replaced_whole(db: &TestDb) {
    use store::Visibility::{Full, Shareable};
    let store = db.open().await;
    let net = store.network();
    assert!(net.groups(Full).await.unwrap().is_empty());
    assert_eq!(net.network_snapshot().await.unwrap(), None);
    let full = stored_group(
        "grp_0001",
        Full,
        &[
            ("per_000003", "runner"),
            ("per_000001", "controller"),
            ("per_000002", "line_holder"),
        ],
    );
    let other = stored_group(
        "grp_0002",
        Full,
        &[("per_000004", "member"), ("per_000001", "associate")],
    );
    let shared = stored_group(
        "grp_0001",
        Shareable,
        &[("per_000001", "controller"), ("per_000003", "runner")],
    );
    net.replace_groups(&[full.clone(), other.clone(), shared.clone()])
        .await
        .unwrap();

    let mut expected = full.clone();
    expected.members.sort_by_key(|m| m.person_id.clone());
    let all = net.groups(Full).await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        all[0], expected,
        "members in role order: controller, line holder, runner"
    );
    assert_eq!(all[1], other);
    assert_eq!(net.groups(Shareable).await.unwrap(), vec![shared.clone()]);
    assert_eq!(
        net.group("grp_0001", Shareable).await.unwrap(),
        Some(shared)
    );
    assert_eq!(
        net.group("grp_0002", Shareable).await.unwrap(),
        None,
        "no partner view of it"
    );
    assert_eq!(
        net.group("grp_0001", Full).await.unwrap().unwrap().reports[1].handling,
        model::HandlingCode::C
    );
    let of = net
        .memberships(&["per_000001".to_string()], Full)
        .await
        .unwrap();
    let of: Vec<(&str, &str)> = of
        .iter()
        .map(|m| (m.group_id.as_str(), m.role.as_str()))
        .collect();
    assert_eq!(
        of,
        vec![("grp_0001", "controller"), ("grp_0002", "associate")]
    );
    assert_eq!(net.memberships(&[], Full).await.unwrap().len(), 5);
    assert_eq!(net.memberships(&[], Shareable).await.unwrap().len(), 2);

    // A later analysis replaces every group.
    net.replace_groups(std::slice::from_ref(&other))
        .await
        .unwrap();
    assert_eq!(net.groups(Full).await.unwrap(), vec![other]);
    assert!(net.groups(Shareable).await.unwrap().is_empty());
    assert!(
        net.memberships(&["per_000003".to_string()], Full)
            .await
            .unwrap()
            .is_empty()
    );

    net.save_network_snapshot("{\"a\":1}").await.unwrap();
    net.save_network_snapshot("{\"a\":2}").await.unwrap();
    assert_eq!(
        net.network_snapshot().await.unwrap().as_deref(),
        Some("{\"a\":2}")
    );
}

async fn the_master_list_keeps_harm_history_and_promotions(db: &TestDb) {
    let store = db.open().await;
    let threat = |id: &str, score: f64, rank: i64| store::ThreatRow {
        id: id.into(),
        kind: "county_line".into(),
        subject: id.into(),
        label: format!("{id} line"),
        crime_types: vec![
            "drugs_county_lines".into(),
            "child_criminal_exploitation".into(),
        ],
        score,
        rank,
        confidence: "medium".into(),
        reasons: vec!["2 exploited children".into()],
        harm: r#"{"score":1}"#.into(),
        reports: vec!["R-1".into(), "R-2".into()],
        assessed_at: String::new(),
    };
    let list = store.master_list();
    list.replace_threats(&[threat("grp_0002", 120.0, 2), threat("grp_0001", 300.5, 1)])
        .await
        .unwrap();
    let stored = list.threats().await.unwrap();
    assert_eq!(
        stored.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        ["grp_0001", "grp_0002"],
        "highest harm first"
    );
    assert_eq!(stored[0].crime_types[1], "child_criminal_exploitation");
    assert_eq!(stored[0].reports, ["R-1", "R-2"]);
    assert!(!stored[0].assessed_at.is_empty());
    let moment = store::now_text();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    // The same scores again add no history; a changed one does; a dropped threat goes.
    list.replace_threats(&[threat("grp_0001", 300.5, 1)])
        .await
        .unwrap();
    list.replace_threats(&[threat("grp_0001", 410.0, 1)])
        .await
        .unwrap();
    let history = list.harm_history("grp_0001").await.unwrap();
    assert_eq!(
        history.iter().map(|h| h.score).collect::<Vec<_>>(),
        [300.5, 410.0]
    );
    assert!(list.threat("grp_0002").await.unwrap().is_none());
    assert_eq!(list.threat("grp_0001").await.unwrap().unwrap().score, 410.0);
    let before = list.scores_before(&moment).await.unwrap();
    assert_eq!(before.get("grp_0001"), Some(&300.5), "the score as it was");

    // Promotions: a reason is required, a subject once, withdrawal audited and kept.
    assert!(
        list.promote("person", "per_000009", "analyst1", " ")
            .await
            .is_err()
    );
    assert!(
        list.promote("vehicle", "veh_AB12CDE", "analyst1", "why")
            .await
            .is_err()
    );
    let id = list
        .promote(
            "person",
            "per_000009",
            "analyst1",
            "controls two lines from prison",
        )
        .await
        .unwrap();
    assert!(
        list.promote("person", "per_000009", "analyst2", "again")
            .await
            .is_err(),
        "already on the list"
    );
    let other = list
        .promote(
            "deal_line",
            "+447700900123",
            "analyst1",
            "new line advertising",
        )
        .await
        .unwrap();
    assert!(list.withdraw_promotion(id, "analyst2", "").await.is_err());
    assert!(
        list.withdraw_promotion(id, "analyst2", "now in a group")
            .await
            .unwrap()
    );
    assert!(
        !list
            .withdraw_promotion(id, "analyst2", "twice")
            .await
            .unwrap()
    );
    let in_force = list.promotions(true).await.unwrap();
    assert_eq!(in_force.len(), 1);
    assert_eq!(in_force[0].id, other);
    let all = list.promotions(false).await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].withdrawn_by.as_deref(), Some("analyst2"));
    assert_eq!(all[0].withdrawn_reason.as_deref(), Some("now in a group"));
    // Promoting again after a withdrawal is allowed.
    list.promote("person", "per_000009", "analyst1", "back on")
        .await
        .unwrap();
    let audit = store.audit_entries(0, 1000).await.unwrap();
    for action in ["threat.promote", "threat.withdraw"] {
        assert!(audit.iter().any(|e| e.action == action), "{action} audited");
    }
}

macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let db = super::TestDb::sqlite();
                    super::$name(&db).await;
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

contract!(
    new_reports_are_accepted_and_repeats_unchanged,
    a_changed_record_supersedes_and_both_versions_stay,
    repeats_within_one_batch_apply_in_order,
    a_rolled_back_transaction_stores_nothing,
    person_mentions_keep_raw_and_normalised_values,
    the_audit_trail_chains_and_detects_tampering,
    concurrent_audit_appends_keep_one_chain,
    opening_again_keeps_everything,
    reports_stream_current_versions_with_entities,
    resolution_results_are_kept_and_replaced,
    decisions_are_audited_and_revocable,
    accounts_sessions_and_tokens,
    profiles_and_flag_history_are_kept,
    activity_is_counted_for_what_the_viewer_may_see,
    referrals_keep_their_steps_and_are_audited,
    officers_and_allocations_keep_their_history,
    plans_disruptions_and_outcomes_are_kept_per_threat,
    groups_are_kept_per_visibility_and_replaced_whole,
    the_master_list_keeps_harm_history_and_promotions,
);
