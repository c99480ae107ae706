//! `sightline demo`: one command for a new user — a simulated force area of about 20,000
//! people, ingested and analysed, with what to look at next.

use crate::Outcome;
use crate::ingest_cmd::{Config as IngestConfig, ingest_file};
use anyhow::Context;
use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Args)]
pub struct DemoArgs {
    /// Directory for the simulated intelligence, its truth and the demo database (replaced).
    #[arg(long, default_value = "demo")]
    dir: PathBuf,

    /// People in the simulated area.
    #[arg(long, default_value_t = 20_000)]
    people: u32,

    /// Seed of the simulation.
    #[arg(long, default_value_t = 2026)]
    seed: u64,

    /// Address for the web application.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: std::net::SocketAddr,

    /// Build the demo database and stop, without serving it.
    #[arg(long)]
    no_serve: bool,
}

/// The demo's accounts: one for each role.
const DEMO_ACCOUNTS: &[(&str, &str, server::Role, Option<&str>)] = &[
    ("analyst", "Demo Analyst", server::Role::Analyst, None),
    (
        "officer",
        "Demo Intelligence Officer",
        server::Role::IntelligenceOfficer,
        None,
    ),
    (
        "lro",
        "Demo Lead Responsible Officer",
        server::Role::LeadResponsibleOfficer,
        None,
    ),
    (
        "safeguarding",
        "Demo Safeguarding Officer",
        server::Role::SafeguardingOfficer,
        None,
    ),
    (
        "governance",
        "Demo Governance Lead",
        server::Role::GovernanceLead,
        None,
    ),
    (
        "council",
        "Demo Council Officer",
        server::Role::Partner,
        Some("Fenland District Council"),
    ),
    ("auditor", "Demo Auditor", server::Role::Auditor, None),
    (
        "admin",
        "Demo Administrator",
        server::Role::Administrator,
        None,
    ),
];

pub async fn run(actor: &str, args: DemoArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let dir = &args.dir;
    let config = sim::Config {
        people: args.people,
        seed: args.seed,
        ..sim::Config::default()
    };
    let (summary, _) =
        crate::simulate_cmd::write_world(dir, &config, std::io::stderr().is_terminal())?;
    println!(
        "simulated a force area: {} people, {} groups, {} reports in {}",
        summary.people,
        summary.groups,
        summary.reports,
        dir.join("intel.jsonl").display()
    );

    // A fresh database each time.
    let db_path = dir.join("sightline.db");
    for suffix in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", db_path.display()));
        if p.exists() {
            std::fs::remove_file(&p).with_context(|| format!("cannot remove {}", p.display()))?;
        }
    }
    // And its search index (it would be built again anyway: it belongs to the old database).
    let index_dir = PathBuf::from(format!("{}.search", db_path.display()));
    if index_dir.exists() {
        std::fs::remove_dir_all(&index_dir)
            .with_context(|| format!("cannot remove {}", index_dir.display()))?;
    }
    let url = format!("sqlite:{}", db_path.display());
    let store = store::open(&url)
        .await
        .context("cannot open the demo database")?;
    let ingest = ingest_file(
        &store,
        &dir.join("intel.jsonl").to_string_lossy(),
        &IngestConfig {
            strict: false,
            batch: 2000,
            actor: actor.to_string(),
            rejects: None,
            progress: std::io::stderr().is_terminal(),
        },
    )
    .await?;
    println!("ingested: {}", ingest.counts);

    let analysed = analysis::analyse(
        &store,
        analysis::AnalyseOptions {
            actor: actor.to_string(),
            ..analysis::AnalyseOptions::default()
        },
    )
    .await?;
    let o = &analysed.objects;
    println!(
        "analysed: {} person mentions resolved to {} persons; {} phones, {} vehicles, {} places",
        analysed.persons.mentions, analysed.persons.persons, o.phones, o.vehicles, o.places
    );
    // One account per role, all with this demo's password.
    let password = server::auth::new_token()[..16].to_string();
    for (username, name, role, org) in DEMO_ACCOUNTS {
        server::add_user(
            store.as_ref(),
            username,
            name,
            *role,
            org.map(str::to_string),
            &password,
        )
        .await
        .map_err(|e| anyhow::anyhow!("cannot create the demo account {username}: {e}"))?;
    }
    let officers = seed_officers(&store, args.seed, actor).await?;
    use server::threats::ThreatSource;
    let threats = server::threats::MasterList
        .active_threats(store.as_ref())
        .await
        .map_err(|e| anyhow::anyhow!("cannot read the threat master list: {e}"))?;
    let today = time::OffsetDateTime::now_utc().date();
    let allocated = server::demo::seed_allocations(store.as_ref(), &threats, today, actor)
        .await
        .map_err(|e| anyhow::anyhow!("cannot give the demo's threats their allocations: {e}"))?;
    println!(
        "threats: {} on the master list, ranked by harm; {officers} simulated lead responsible \
         officers with their skills, training and mentoring, holding {allocated} of them as a \
         force might before Sightline (some overloaded, some threats with nobody)",
        threats.len()
    );
    let index = crate::serve_cmd::prepare_search(
        store.as_ref(),
        &url,
        &crate::serve_cmd::SearchIndexArgs::default(),
    )
    .await?;
    let ready_in = started.elapsed().as_secs_f64();
    println!("on the command line:");
    println!(
        "  sightline --db {url} evaluate --truth {}",
        dir.join("truth.json").display()
    );
    println!("  sightline --db {url} export persons --reason \"demo\" | head");
    println!("  sightline --db {url} audit verify");
    println!("  sightline --db {url} search query smith --reason \"demo\"");
    let logins = DEMO_ACCOUNTS
        .iter()
        .map(|(u, _, r, _)| format!("{u} ({})", r.label()))
        .collect::<Vec<_>>()
        .join(", ");
    if args.no_serve {
        println!("ready in {ready_in:.1} s; serve it with");
        println!("  sightline --db {url} serve");
        println!("and sign in as analyst, password {password}");
        println!("  (every demo account has that password: {logins})");
        return Ok(Outcome::Success);
    }
    let config = server::Config {
        search: index.location().clone(),
        search_index: Some(index),
        threats: Some(std::sync::Arc::new(server::threats::MasterList)),
        ..server::Config::default()
    };
    crate::serve_cmd::serve(store, config, args.listen, move |addr| {
        println!("ready in {ready_in:.1} s: open http://{addr}/ and sign in");
        println!("  as analyst, password {password}");
        println!("  (every demo account has that password: {logins})");
        println!("Ctrl-C stops the demo.");
    })
    .await
}

/// The demonstration's officers, named by the simulator (nobody real).
async fn seed_officers(
    store: &std::sync::Arc<dyn store::Store>,
    seed: u64,
    actor: &str,
) -> anyhow::Result<usize> {
    use rand::SeedableRng;
    let mut rng = sim::util::Rng::seed_from_u64(sim::util::mix(seed, 0x0FF1_CE25, 0));
    let names: Vec<String> = (0..server::demo::ROSTER_SIZE)
        .map(|i| {
            // Mostly British names, as a force's officers mostly are, and a few of other origins.
            let origin = [0u8, 0, 1, 0, 2, 0, 0, 3, 0, 0][i % 10];
            let female = i % 3 != 1;
            let family = sim::names::sample_surname(&mut rng, origin);
            let given = sim::names::sample_given(&mut rng, origin, family, female, 1984);
            let surname = sim::names::surname_as_borne(family.0, family.1, female, 1984);
            format!(
                "{} {surname}",
                sim::names::given_name(origin, female, given.forename)
            )
        })
        .collect();
    let today = time::OffsetDateTime::now_utc().date();
    let ids = server::demo::seed_officers(store.as_ref(), &names, today, actor)
        .await
        .map_err(|e| anyhow::anyhow!("cannot seed the demo officers: {e}"))?;
    Ok(ids.len())
}
