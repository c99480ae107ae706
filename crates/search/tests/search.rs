//! The search index over a real store, on SQLite and PostgreSQL: built from the store, caught up
//! after writes (new, superseded and partner-submitted reports, analysis runs), searched as
//! staff and as a partner — whose counts must never include a `C`-coded report — and kept on
//! disk across a restart.

use search::{
    CatchUp, CatchUpLimits, Facet, Filters, Location, PersonQuery, ReportQuery, SearchIndex, Sort,
    Visibility,
};
use std::sync::Arc;
use store::testing::TestDb;
use store::{IngestId, NewReport, PersonAssignment, Store, Workflow};

struct R<'a> {
    reference: &'a str,
    handling: &'a str,
    text: &'a str,
    name: &'a str,
    dob: &'a str,
    crime: &'a str,
    received: &'a str,
}

impl Default for R<'_> {
    fn default() -> Self {
        R {
            reference: "IR-1",
            handling: "P",
            text: "Seen at the address.",
            name: "Jon SMITH",
            dob: "03/02/1999",
            crime: "drugs_county_lines",
            received: "2026-03-04T10:12:00Z",
        }
    }
}

fn line(r: &R) -> String {
    let conditions = if r.handling == "C" {
        "\"Not to be shared outside the force\""
    } else {
        "null"
    };
    format!(
        r#"{{"kind":"report","ref":"{}","received":"{}","source":{{"type":"chis"}},"grading":{{"source":"1","intel":"B","handling":"{}","conditions":{conditions}}},"crime_types":["{}"],"area":"FENLAND","text":"{}","persons":[{{"id":"P1","name":"{}","dob":"{}","role":"subject"}}],"phones":[{{"id":"T1","number":"07700 900{}"}}],"vehicles":[{{"id":"V1","vrm":"AB12 CDE"}}],"locations":[{{"id":"L1","address":"14 Mill Rd, Wisbech","postcode":"PE13 2AB"}}]}}"#,
        r.reference,
        r.received,
        r.handling,
        r.crime,
        r.text,
        r.name,
        r.dob,
        &r.reference.len().to_string().repeat(3)[..3],
    )
}

async fn put(store: &dyn Store, r: &R<'_>) {
    let l = line(r);
    let a = ingest::parse_line(l.as_bytes(), 1).unwrap_or_else(|e| panic!("{l}: {e:?}"));
    let mut tx = store.begin_write().await.unwrap();
    tx.put_reports(
        IngestId(1),
        &[NewReport {
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

fn q(text: &str) -> ReportQuery {
    ReportQuery {
        text: text.into(),
        limit: 20,
        ..ReportQuery::default()
    }
}

fn refs(index: &SearchIndex, query: &ReportQuery, v: Visibility) -> Vec<String> {
    let mut out: Vec<String> = index
        .search(query, v)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.reference)
        .collect();
    out.sort();
    out
}

async fn catch_up(index: &SearchIndex, store: &dyn Store) -> CatchUp {
    index
        .catch_up(store, CatchUpLimits::default())
        .await
        .unwrap()
}

const PARTNER: i64 = 42;

async fn searching_as_staff_and_partner(db: TestDb) {
    let store = db.open().await;
    put(
        store.as_ref(),
        &R {
            reference: "IR-P1",
            text: "Youths dealing from the flat; a silver car waits outside.",
            ..R::default()
        },
    )
    .await;
    put(
        store.as_ref(),
        &R {
            reference: "IR-C1",
            handling: "C",
            text: "CHIS says the deal line is run from London; cash collected weekly.",
            crime: "drugs_supply",
            received: "2026-04-01T09:00:00Z",
            ..R::default()
        },
    )
    .await;
    put(
        store.as_ref(),
        &R {
            reference: "IR-C2",
            handling: "C",
            text: "Partner's own referral: a child seen dealing near the school.",
            crime: "child_criminal_exploitation",
            ..R::default()
        },
    )
    .await;
    store
        .set_workflow(Workflow {
            report_ref: "IR-C2".into(),
            status: "new".into(),
            channel: "partner".into(),
            submitted_by: Some(PARTNER),
            organisation: Some("Fenland District Council".into()),
            updated_at: String::new(),
            updated_by: Some("partner1".into()),
        })
        .await
        .unwrap();

    let index = SearchIndex::open(&Location::Memory).unwrap();
    // Too much to build within a search's limit: left to a build of its own.
    let limited = index.catch_up(store.as_ref(), CatchUpLimits { max_reports: 2 });
    assert!(matches!(
        limited.await.unwrap(),
        CatchUp::Behind { reports: 3 }
    ));
    let unlimited = CatchUpLimits {
        max_reports: usize::MAX,
    };
    assert!(matches!(
        index.catch_up(store.as_ref(), unlimited).await.unwrap(),
        CatchUp::Built(_)
    ));
    let staff = Visibility::Everything;
    let partner = Visibility::SharedOrSubmittedBy(PARTNER);
    let other_partner = Visibility::SharedOrSubmittedBy(PARTNER + 1);

    // Stems: "dealing" finds "deal" and "dealing".
    assert_eq!(
        refs(&index, &q("dealing"), staff),
        ["IR-C1", "IR-C2", "IR-P1"]
    );
    // A partner's counts are of what they may see: the P report and their own C report.
    let r = index.search(&q("dealing"), partner).unwrap();
    assert_eq!(r.total, 2);
    assert_eq!(r.facet_count(Facet::Handling, "C"), 1, "their own");
    assert_eq!(r.facet_count(Facet::CrimeType, "drugs_supply"), 0);
    let r = index.search(&q("dealing"), other_partner).unwrap();
    assert_eq!(r.total, 1);
    assert_eq!(r.facet_count(Facet::Handling, "C"), 0);
    assert_eq!(r.facet_count(Facet::Handling, "P"), 1);
    assert_eq!(r.facet_count(Facet::Month, "2026-04"), 0);
    // Searching for words only the C report has finds nothing, and says nothing.
    let r = index.search(&q("London"), other_partner).unwrap();
    assert_eq!((r.total, r.hits.len()), (0, 0));
    assert!(r.facets.iter().all(|f| f.values.is_empty()));
    let r = index.search(&q("London"), staff).unwrap();
    assert_eq!(r.total, 1);
    assert_eq!(r.facet_count(Facet::Month, "2026-04"), 1);
    assert_eq!(
        r.hits[0].conditions.as_deref(),
        Some("Not to be shared outside the force")
    );
    assert_eq!(
        refs(&index, &q("London"), Visibility::Nothing),
        Vec::<String>::new()
    );

    // Phones, registrations and postcodes as typed, normalised as ingest does.
    for typed in ["07700900555", "+44 7700 900555", "ab12cde", "pe13 2ab"] {
        assert_eq!(refs(&index, &q(typed), staff).len(), 3, "{typed}");
    }
    // Names, phrases, exclusions, references.
    assert_eq!(refs(&index, &q("smith"), other_partner), ["IR-P1"]);
    assert_eq!(refs(&index, &q("\"silver car\""), staff), ["IR-P1"]);
    assert_eq!(
        refs(&index, &q("\"car silver\""), staff),
        Vec::<String>::new()
    );
    assert_eq!(
        refs(&index, &q("dealing -school"), staff),
        ["IR-C1", "IR-P1"]
    );
    assert_eq!(refs(&index, &q("ir-c2"), staff), ["IR-C2"]);
    // A date of birth finds the reports of persons born that day.
    assert_eq!(refs(&index, &q("smith 3/2/1999"), other_partner), ["IR-P1"]);
    assert!(refs(&index, &q("smith 4/2/1999"), staff).is_empty());

    // Facet filters narrow; counts follow.
    let mut filters = Filters::default();
    filters.add(Facet::CrimeType, "drugs_supply").unwrap();
    let narrowed = ReportQuery {
        filters,
        ..q("dealing")
    };
    let r = index.search(&narrowed, staff).unwrap();
    assert_eq!(r.total, 1);
    assert!(
        r.facets
            .iter()
            .find(|f| f.facet == Facet::CrimeType)
            .unwrap()
            .values
            .iter()
            .any(|v| v.selected && v.value == "drugs_supply")
    );
    assert_eq!(index.search(&narrowed, other_partner).unwrap().total, 0);

    // Highlighting: the stemmed word is marked where it stands in the text.
    let r = index.search(&q("dealing"), staff).unwrap();
    let hit = r.hits.iter().find(|h| h.reference == "IR-P1").unwrap();
    let marked: Vec<&str> = hit
        .snippet
        .segments()
        .into_iter()
        .filter(|(_, m)| *m)
        .map(|(s, _)| s)
        .collect();
    assert_eq!(marked, ["dealing"]);
    let r = index.search(&q("smith"), staff).unwrap();
    let marked: Vec<&str> = r.hits[0].names[0]
        .segments()
        .into_iter()
        .filter(|(_, m)| *m)
        .map(|(s, _)| s)
        .collect();
    assert_eq!(marked, ["SMITH"]);

    // A superseded report is replaced: its new text is found, its old text is not, and a
    // re-grade to C hides it from partners.
    put(
        store.as_ref(),
        &R {
            reference: "IR-P1",
            handling: "C",
            text: "Sanitised: activity at an address in the town.",
            ..R::default()
        },
    )
    .await;
    assert!(matches!(
        catch_up(&index, store.as_ref()).await,
        CatchUp::Updated { reports: 1, .. }
    ));
    assert_eq!(refs(&index, &q("silver"), staff), Vec::<String>::new());
    assert_eq!(refs(&index, &q("sanitised"), staff), ["IR-P1"]);
    assert_eq!(
        index.search(&q("sanitised"), other_partner).unwrap().total,
        0
    );
    assert_eq!(index.stats().unwrap().reports, 3, "one document per report");
    assert!(matches!(
        catch_up(&index, store.as_ref()).await,
        CatchUp::UpToDate
    ));

    // Paging.
    for i in 0..25 {
        put(
            store.as_ref(),
            &R {
                reference: &format!("IR-PAGE-{i:02}"),
                text: "Routine welfare visit.",
                received: &format!("2026-05-{:02}T08:00:00Z", i + 1),
                ..R::default()
            },
        )
        .await;
    }
    catch_up(&index, store.as_ref()).await;
    let mut seen = Vec::new();
    for page in 0..3 {
        let r = index
            .search(
                &ReportQuery {
                    offset: page * 10,
                    limit: 10,
                    sort: Sort::Newest,
                    ..q("welfare")
                },
                staff,
            )
            .unwrap();
        assert_eq!(r.total, 25);
        seen.extend(r.hits.into_iter().map(|h| h.reference));
    }
    assert_eq!(seen.len(), 25);
    assert_eq!(seen[0], "IR-PAGE-24", "newest first");
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 25, "no report on two pages");
    db.drop_db().await;
}

/// Assigns mentions to persons as an analysis run would, and records the run.
async fn assign(store: &dyn Store, rows: &[(&str, &str)]) {
    let rows: Vec<PersonAssignment> = rows
        .iter()
        .map(|(m, p)| PersonAssignment {
            mention: m.to_string(),
            person_id: p.to_string(),
            component: m.to_string(),
        })
        .collect();
    store
        .update_person_assignments(&rows, &[], true)
        .await
        .unwrap();
    store
        .append_audit(store::NewAuditEntry {
            actor: "test".into(),
            action: "analyse".into(),
            reason: None,
            subject: None,
            details: serde_json::json!({}),
        })
        .await
        .unwrap();
}

fn person_ids(index: &SearchIndex, text: &str, v: Visibility) -> Vec<String> {
    index
        .search_persons(
            &PersonQuery {
                text: text.into(),
                offset: 0,
                limit: 10,
            },
            v,
        )
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.person_id)
        .collect()
}

async fn fuzzy_persons(db: TestDb) {
    let store = db.open().await;
    let people = [
        ("IR-1", "P", "Jon Smyth", "03/02/1999"),
        ("IR-2", "P", "John SMITH", "1985-07-12"),
        ("IR-3", "C", "Kyle NOWAK", "01/01/2001"),
        ("IR-4", "P", "Jade SMITH", "03/02/1999"),
        ("IR-5", "P", "J WALSH", "01/01/1980"),
    ];
    for (reference, handling, name, dob) in people {
        put(
            store.as_ref(),
            &R {
                reference,
                handling,
                name,
                dob,
                ..R::default()
            },
        )
        .await;
    }
    let index = SearchIndex::open(&Location::Memory).unwrap();
    catch_up(&index, store.as_ref()).await;
    // Unresolved mentions are not persons yet.
    assert!(person_ids(&index, "Jon Smyth", Visibility::Everything).is_empty());
    assign(
        store.as_ref(),
        &[
            ("IR-1#P1", "per_000001"),
            ("IR-2#P1", "per_000002"),
            ("IR-3#P1", "per_000003"),
            ("IR-4#P1", "per_000004"),
            ("IR-5#P1", "per_000005"),
        ],
    )
    .await;
    assert!(matches!(
        catch_up(&index, store.as_ref()).await,
        CatchUp::Updated { moved: 5, .. }
    ));
    let staff = Visibility::Everything;
    // A typo, a transposition, another spelling, either order.
    let found = person_ids(&index, "John SMITH", staff);
    assert!(found.contains(&"per_000001".to_string()), "{found:?}");
    assert_eq!(found[0], "per_000002", "the exact spelling first");
    assert!(person_ids(&index, "smyth jon", staff).contains(&"per_000001".to_string()));
    assert!(person_ids(&index, "Jonh Smith", staff).contains(&"per_000002".to_string()));
    // The date of birth ranks the right one up.
    assert_eq!(
        person_ids(&index, "John Smith 03/02/1999", staff)[0],
        "per_000001"
    );
    // Spelt exactly and born that day, then misspelt and born that day, then only the name.
    assert_eq!(
        person_ids(&index, "Smith 3 Feb 1999", staff),
        ["per_000004", "per_000001", "per_000002"]
    );
    // An initial counts only beside a name that matched.
    assert!(person_ids(&index, "Jasper", staff).is_empty());
    assert_eq!(person_ids(&index, "Jasper Walsh", staff), ["per_000005"]);
    // A partner never finds a person recorded only in a C report.
    assert_eq!(person_ids(&index, "Kyle Nowak", staff), ["per_000003"]);
    assert!(
        person_ids(
            &index,
            "Kyle Nowak",
            Visibility::SharedOrSubmittedBy(PARTNER)
        )
        .is_empty()
    );
    let hit = index
        .search_persons(
            &PersonQuery {
                text: "jon smyth 03/02/1999".into(),
                offset: 0,
                limit: 10,
            },
            staff,
        )
        .unwrap()
        .hits
        .into_iter()
        .find(|h| h.person_id == "per_000001")
        .unwrap();
    assert!(hit.dob_matched);
    assert_eq!(hit.dobs, ["1999-02-03"]);
    assert_eq!(hit.names[0].text, "Jon SMYTH");

    // A merge by a later analysis moves the mention; a report superseded meanwhile keeps its
    // mention's person.
    put(
        store.as_ref(),
        &R {
            reference: "IR-2",
            name: "John SMITH",
            dob: "1985-07-12",
            text: "Seen again.",
            ..R::default()
        },
    )
    .await;
    catch_up(&index, store.as_ref()).await;
    assert_eq!(
        person_ids(&index, "John Smith 1985-07-12", staff)[0],
        "per_000002"
    );
    assign(
        store.as_ref(),
        &[
            ("IR-1#P1", "per_000001"),
            ("IR-2#P1", "per_000001"),
            ("IR-3#P1", "per_000003"),
            ("IR-4#P1", "per_000004"),
            ("IR-5#P1", "per_000005"),
        ],
    )
    .await;
    catch_up(&index, store.as_ref()).await;
    let found = person_ids(&index, "John Smith 1985-07-12", staff);
    assert_eq!(found[0], "per_000001");
    assert!(!found.contains(&"per_000002".to_string()));
    db.drop_db().await;
}

async fn kept_on_disk(db: TestDb) {
    let store = db.open().await;
    put(store.as_ref(), &R::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let location = Location::Directory(dir.path().join("index"));
    {
        let index = SearchIndex::open(&location).unwrap();
        let summary = index
            .rebuild(store.as_ref(), search::BuildConfig::default(), &|_| {})
            .await
            .unwrap();
        assert_eq!(summary.reports, 1);
        assert!(summary.stats.bytes > 0);
        // One writer at a time: a second process would be told the index is in use.
        index.index_reports(Vec::new()).unwrap();
        let other = SearchIndex::open(&location).unwrap();
        let busy = other.rebuild(store.as_ref(), search::BuildConfig::default(), &|_| {});
        assert!(matches!(busy.await, Err(search::SearchError::Busy(_))));
    }
    let index = SearchIndex::open(&location).unwrap();
    assert!(index.watermark().built());
    assert_eq!(
        refs(&index, &q("address"), Visibility::Everything),
        ["IR-1"]
    );
    assert!(matches!(
        catch_up(&index, store.as_ref()).await,
        CatchUp::UpToDate
    ));
    put(
        store.as_ref(),
        &R {
            reference: "IR-2",
            ..R::default()
        },
    )
    .await;
    catch_up(&index, store.as_ref()).await;
    drop(index);
    let index = SearchIndex::open(&location).unwrap();
    assert_eq!(
        refs(&index, &q("address"), Visibility::Everything),
        ["IR-1", "IR-2"]
    );
    // A server starting over it finds it up to date; asked to, it builds it again.
    let ready = index
        .prepare(
            store.as_ref(),
            false,
            search::BuildConfig::default(),
            &|_| {},
        )
        .await
        .unwrap();
    assert!(matches!(ready, CatchUp::UpToDate), "{ready:?}");
    let ready = index
        .prepare(
            store.as_ref(),
            true,
            search::BuildConfig::default(),
            &|_| {},
        )
        .await
        .unwrap();
    assert!(
        matches!(ready, CatchUp::Built(s) if s.reports == 2),
        "{ready:?}"
    );
    drop(index);

    // Another store with as many reports (a demo database made again) is not taken for the
    // one the index was built from: the index is built again from it.
    let other_db = TestDb::sqlite();
    let other = other_db.open().await;
    for reference in ["IR-8", "IR-9"] {
        put(
            other.as_ref(),
            &R {
                reference,
                ..R::default()
            },
        )
        .await;
    }
    let index = SearchIndex::open(&location).unwrap();
    let ready = index
        .prepare(
            other.as_ref(),
            false,
            search::BuildConfig::default(),
            &|_| {},
        )
        .await
        .unwrap();
    assert!(matches!(ready, CatchUp::Built(_)), "{ready:?}");
    assert_eq!(
        refs(&index, &q("address"), Visibility::Everything),
        ["IR-8", "IR-9"]
    );
    // The same index over the first store again: built again, from that store.
    assert!(matches!(
        catch_up(&index, store.as_ref()).await,
        CatchUp::Built(_)
    ));
    assert_eq!(
        refs(&index, &q("address"), Visibility::Everything),
        ["IR-1", "IR-2"]
    );
    other_db.drop_db().await;
    db.drop_db().await;
}

async fn on_both(test: impl AsyncFn(TestDb)) {
    test(TestDb::sqlite()).await;
    if let Some(db) = TestDb::postgres().await {
        test(db).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_and_postgres_searching_as_staff_and_partner() {
    on_both(searching_as_staff_and_partner).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_and_postgres_fuzzy_persons() {
    on_both(fuzzy_persons).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_and_postgres_kept_on_disk() {
    on_both(kept_on_disk).await;
}

#[test]
fn an_index_is_shared_cheaply() {
    let index = SearchIndex::open(&Location::Memory).unwrap();
    let clone: Arc<SearchIndex> = Arc::new(index.clone());
    assert_eq!(clone.stats().unwrap().reports, 0);
}
