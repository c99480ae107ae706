//! The browser tests' server for officers, allocation, plans and governance: the application
//! over a demo database, with a threat master list the test builds here (fourteen threats, more
//! than the browser tests' small demo area has, so that overload, a better allocation and
//! threats without an officer all show), and allocations as they stood before Sightline.
//!
//! Usage: `e2e_operations_server DB_URL LISTEN` — prints `serving on http://…` when ready.

use std::sync::Arc;

#[path = "../tests/common/threats.rs"]
mod fixture;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(db), Some(listen)) = (args.next(), args.next()) else {
        eprintln!("usage: e2e_operations_server DB_URL LISTEN");
        std::process::exit(2);
    };
    let store = store::open(&db).await.expect("open the database");
    // This server's master list is the test's, not the demo's: the allocations the demo gave
    // the demo's own threats are ended first, so that the test's stand as the demo's would.
    let ended: Vec<store::AllocationChange> = store
        .operations()
        .allocations(true)
        .await
        .expect("read the allocations")
        .into_iter()
        .map(|a| store::AllocationChange {
            threat_id: a.threat_id,
            officer_id: None,
            basis: "direct".into(),
            reason: "the browser tests' master list replaces the demo's".into(),
        })
        .collect();
    store
        .operations()
        .set_allocations(&ended, "e2e", "the browser tests' master list")
        .await
        .expect("end the demo's allocations");
    let threats = fixture::threats();
    let today = time::OffsetDateTime::now_utc().date();
    server::demo::seed_allocations(store.as_ref(), &threats, today, "e2e")
        .await
        .expect("seed the allocations");
    let config = server::Config {
        secure_cookies: false,
        threats: Some(Arc::new(server::threats::ThreatList(threats))),
        ..server::Config::default()
    };
    server::serve(store, config, listen.parse().expect("an address"), |addr| {
        println!("serving on http://{addr}/");
    })
    .await
    .expect("serve");
}
