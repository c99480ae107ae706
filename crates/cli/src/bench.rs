//! `sightline bench`: measurements on generated data, printed as a table row for BENCHMARKS.md.
//!
//! `bench ingest` writes N exchange-v1 records to a temporary file (streamed, so generating a
//! million records does not hold them in memory), ingests them through the same path as
//! `sightline ingest`, and prints records per second and the process's peak resident memory.

use crate::Outcome;
use crate::ingest_cmd::{Config, ingest_file};
use anyhow::Context;
use clap::{Args, Subcommand};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Args)]
pub struct BenchArgs {
    #[command(subcommand)]
    command: BenchCommand,
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Resolves the persons of an exchange-v1 file in memory (training, prediction,
    /// clustering), printing the time each stage took and peak memory; with `--clusters`,
    /// writes each mention's cluster as CSV for scoring.
    Resolve {
        /// Exchange-v1 JSON Lines.
        #[arg(long)]
        input: PathBuf,
        /// Write `mention,cluster` lines here.
        #[arg(long)]
        clusters: Option<PathBuf>,
        /// Link threshold (match probability).
        #[arg(long, default_value_t = 0.9)]
        threshold: f64,
    },
    /// Generates N records and ingests them, printing records/s and peak memory.
    Ingest {
        /// How many records.
        #[arg(long, default_value_t = 100_000)]
        records: u64,
        /// Keep the generated file here instead of a temporary one.
        #[arg(long)]
        keep: Option<PathBuf>,
        /// Generate a gzip file.
        #[arg(long)]
        gzip: bool,
    },
    /// Extracts entities and indicators from generated report text on one core, printing MB/s.
    Extract {
        /// Megabytes of generated report text for each of the two template mixes.
        #[arg(long, default_value_t = 20.0)]
        mb: f64,
        /// People in the simulated force area whose report texts are also measured.
        #[arg(long, default_value_t = 50_000)]
        people: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Simulates a force area of N people into a directory, printing the time it took.
    Simulate {
        /// People in the simulated area.
        #[arg(long, default_value_t = 1_000_000)]
        people: u32,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Keep the files in this directory instead of a temporary one.
        #[arg(long)]
        keep: Option<PathBuf>,
    },
    /// Simulates N reports, indexes them for search, and times a seeded mix of analysts'
    /// queries (p50/p95/p99), printing the index's build time and size.
    Search {
        #[arg(long, default_value_t = 100_000)]
        reports: u64,
        /// Queries timed after a warm-up of 200.
        #[arg(long, default_value_t = 2_000)]
        queries: usize,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Keep the index in this directory instead of a temporary one.
        #[arg(long)]
        keep: Option<PathBuf>,
        /// Time the queries on the index an earlier run kept with `--keep`, without building.
        #[arg(long)]
        reuse: bool,
    },
    /// Writes N generated records to a file (the benchmark's input) and stops.
    Generate {
        #[arg(long, default_value_t = 100_000)]
        records: u64,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

pub async fn run(db: &str, actor: &str, args: BenchArgs) -> anyhow::Result<Outcome> {
    match args.command {
        BenchCommand::Simulate { people, seed, keep } => {
            crate::simulate_cmd::bench(people, seed, keep.as_deref())
        }
        BenchCommand::Extract { mb, people, seed } => crate::extract_cmd::bench(mb, people, seed),
        BenchCommand::Search {
            reports,
            queries,
            seed,
            keep,
            reuse,
        } => crate::search_cmd::bench(reports, queries, seed, keep.as_deref(), reuse),
        BenchCommand::Resolve {
            input,
            clusters,
            threshold,
        } => resolve_file(&input, clusters.as_deref(), threshold),
        BenchCommand::Generate { records, out, seed } => {
            generate(&out, records, seed, false)?;
            Ok(Outcome::Success)
        }
        BenchCommand::Ingest {
            records,
            keep,
            gzip,
        } => {
            let dir = tempfile::tempdir().context("cannot make a temporary directory")?;
            let path = keep.unwrap_or_else(|| {
                dir.path().join(if gzip {
                    "bench.jsonl.gz"
                } else {
                    "bench.jsonl"
                })
            });
            let started = Instant::now();
            generate(&path, records, 1, gzip)?;
            let generated = started.elapsed();
            let bytes = std::fs::metadata(&path)?.len();

            let store = store::open(db).await.context("cannot open the store")?;
            let config = Config {
                strict: false,
                batch: 2000,
                actor: actor.to_string(),
                rejects: None,
                progress: false,
            };
            let started = Instant::now();
            let result = ingest_file(&store, &path.to_string_lossy(), &config).await?;
            let took = started.elapsed().as_secs_f64();
            let rate = result.counts.accepted as f64 / took;
            let backend = match store.backend() {
                store::Backend::Sqlite => "sqlite",
                store::Backend::Postgres => "postgres",
            };
            println!(
                "generated {records} records ({:.1} MB) in {:.1} s",
                bytes as f64 / 1e6,
                generated.as_secs_f64()
            );
            println!("| backend | records | seconds | records/s | MB/s | peak RSS MB |");
            println!("|---|---|---|---|---|---|");
            println!(
                "| {backend} | {} | {took:.1} | {rate:.0} | {:.1} | {} |",
                result.counts.accepted,
                bytes as f64 / 1e6 / took,
                peak_rss_mb().map_or("?".to_string(), |m| format!("{m:.0}"))
            );
            if result.counts.rejected > 0 || result.error.is_some() {
                anyhow::bail!(
                    "the benchmark's own records were not all accepted: {} ({:?})",
                    result.counts,
                    result.error
                );
            }
            Ok(Outcome::Success)
        }
    }
}

/// `bench resolve`: reads the file, then times resolution alone.
fn resolve_file(input: &Path, clusters: Option<&Path>, threshold: f64) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let file = ingest::open(&input.to_string_lossy())
        .with_context(|| format!("cannot open {}", input.display()))?;
    let mut records = Vec::new();
    for item in file.reader {
        match item? {
            ingest::Item::Accepted(a) => {
                let r = &a.report;
                let entities = model::Entities {
                    persons: r.persons.clone(),
                    locations: r.locations.clone(),
                    phones: r.phones.clone(),
                    vehicles: r.vehicles.clone(),
                    links: r.links.clone(),
                };
                records.extend(resolve::prepare_report(
                    r.report_ref.as_str(),
                    r.received.date(),
                    &entities,
                ));
            }
            ingest::Item::Rejected(r) => anyhow::bail!("{}: {r}", input.display()),
        }
    }
    let read = started.elapsed().as_secs_f64();
    let n = records.len();
    let settings = resolve::Settings {
        threshold,
        ..resolve::Settings::default()
    };
    let started = Instant::now();
    let (resolver, training, build) =
        resolve::resolve(records, settings, resolve::Decisions::default());
    let took = started.elapsed().as_secs_f64();
    let persons = resolver.clusters().len();
    println!(
        "{n} person mentions read in {read:.1} s; resolved in {took:.2} s to {persons} persons \
         ({} candidate pairs, {} links, prior {:.2e}); peak RSS {} MB",
        build.blocking.candidate_pairs,
        build.links,
        training.prior,
        peak_rss_mb().map_or("?".to_string(), |m| format!("{m:.0}"))
    );
    if let Some(path) = clusters {
        let mut out = BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        );
        writeln!(out, "mention,cluster")?;
        for (mention, cluster, _) in resolver.assignments() {
            writeln!(out, "{mention},{cluster}")?;
        }
        out.flush()?;
    }
    Ok(Outcome::Success)
}

/// The process's peak resident set size in MB (Linux `VmHWM`).
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

const FORENAMES: &[&str] = &[
    "Jon",
    "John",
    "Kyle",
    "Amy",
    "Sarah",
    "Mohammed",
    "Aleksander",
    "Ioana",
    "Tyler",
    "Jade",
    "Liam",
    "Chloe",
    "Reece",
    "Kayden",
    "Mariusz",
    "Zoë",
    "Andrei",
    "Shannon",
    "Callum",
    "Leah",
];
const SURNAMES: &[&str] = &[
    "SMITH", "BROWN", "KHAN", "NOWAK", "POPESCU", "O'BRIEN", "WILLIAMS", "TAYLOR", "ALI", "WOJCIK",
    "JONES", "EVANS", "THOMAS", "MURPHY", "PATEL", "NÚÑEZ", "HUGHES", "WALSH",
];
const STREETS: &[&str] = &[
    "Mill Rd",
    "High St",
    "Station Ave",
    "Church Lane",
    "Park Terr",
    "Bridge St",
    "Queens Rd",
    "Victoria Gdns",
    "Orchard Cl",
    "London Road",
];
const TOWNS: &[&str] = &[
    "Peterborough",
    "Wisbech",
    "March",
    "Huntingdon",
    "Ely",
    "St Neots",
];
const POSTCODES: &[&str] = &[
    "PE1 2AB", "pe13 1xy", "PE15 8QT", "pe29 3hn", "CB7 4DL", "PE19 1AA",
];
const TEXTS: &[&str] = &[
    "Subject seen leaving the address with two younger males at about 02:00; a silver car waited outside.",
    "Caller reports lots of visitors at all hours to the flat, the elderly man who lives there has not been seen for weeks.",
    "Stopped in company with a 15-year-old found out of area with £400 cash and two phones; railway ticket from London.",
    "Workers collected by a white van at 05:00 daily; one says the boss keeps their passports and they owe money for rent.",
    "Intelligence indicates the deal line is being run from outside the county and youths are used to deliver.",
    "Welfare check: resident found well at home, no concerns raised.",
];

/// Writes `n` generated records to `path`, streaming.
pub fn generate(path: &Path, n: u64, seed: u64, gzip: bool) -> anyhow::Result<()> {
    let file =
        std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut out: Box<dyn Write> = if gzip {
        Box::new(BufWriter::new(flate2::write::GzEncoder::new(
            file,
            flate2::Compression::fast(),
        )))
    } else {
        Box::new(BufWriter::with_capacity(1 << 20, file))
    };
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    for i in 0..n {
        let line = record(&mut rng, i);
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

fn pick<'a>(rng: &mut ChaCha8Rng, items: &'a [&'a str]) -> &'a str {
    items.choose(rng).copied().unwrap_or_default()
}

/// One record in the mix real feeds have: names in both orders and cases, UK dates of birth in
/// several forms, phones and registrations with and without spaces.
fn record(rng: &mut ChaCha8Rng, i: u64) -> String {
    let forename = pick(rng, FORENAMES);
    let surname = pick(rng, SURNAMES);
    let name = match rng.random_range(0..4) {
        0 => format!("{surname}, {forename}"),
        1 => format!("{} {}", forename.to_lowercase(), surname.to_lowercase()),
        2 => format!("{forename} {surname}"),
        _ => format!("{} {surname}", &forename[..1]),
    };
    let (d, m, y) = (
        rng.random_range(1..=28),
        rng.random_range(1..=12),
        rng.random_range(1960..=2011),
    );
    let dob = match rng.random_range(0..4) {
        0 => format!("{d:02}/{m:02}/{y}"),
        1 => format!("{y}-{m:02}-{d:02}"),
        2 => format!(
            "{d} {} {:02}",
            [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
            ][m - 1],
            y % 100
        ),
        _ => String::new(),
    };
    let phone = format!("07700 9{:05}", rng.random_range(0..100_000));
    let vrm = format!(
        "{}{}{:02} {}{}{}",
        (b'A' + rng.random_range(0..26)) as char,
        (b'A' + rng.random_range(0..26)) as char,
        rng.random_range(10..75),
        (b'A' + rng.random_range(0..26)) as char,
        (b'A' + rng.random_range(0..26)) as char,
        (b'A' + rng.random_range(0..26)) as char
    );
    let address = format!(
        "{} {}, {}",
        rng.random_range(1..200),
        pick(rng, STREETS),
        pick(rng, TOWNS)
    );
    let source = pick(
        rng,
        &["officer", "community", "partner", "chis", "crimestoppers"],
    );
    let handling = if rng.random_bool(0.2) { "C" } else { "P" };
    let conditions = if handling == "C" {
        serde_json::Value::from(
            "Not to be shared with partner agencies without the originator's consent",
        )
    } else {
        serde_json::Value::Null
    };
    serde_json::json!({
        "kind": "report",
        "ref": format!("BENCH-IR-{i:09}"),
        "received": format!("2026-{:02}-{:02}T{:02}:{:02}:00Z", rng.random_range(1..=10), rng.random_range(1..=28), rng.random_range(0..24), rng.random_range(0..60)),
        "source": {"type": source, "org": null},
        "grading": {"source": pick(rng, &["1", "2", "3"]), "intel": pick(rng, &["A", "B", "C", "D"]), "handling": handling, "conditions": conditions},
        "crime_types": [pick(rng, &["drugs_county_lines", "msht_labour", "drugs_supply", "child_criminal_exploitation"])],
        "area": "CAMBS-PETERBOROUGH",
        "text": pick(rng, TEXTS),
        "persons": [
            {"id": "P1", "name": name, "dob": if dob.is_empty() { serde_json::Value::Null } else { dob.into() }, "gender": pick(rng, &["M", "male", "F", "female"]), "role": pick(rng, &["subject", "victim", "associate", "unknown"])},
            {"id": "P2", "name": "unknown male", "age_estimate": rng.random_range(14..60), "role": "associate"}
        ],
        "locations": [{"id": "L1", "address": address, "postcode": pick(rng, POSTCODES), "type": "residential"}],
        "phones": [{"id": "T1", "number": phone}],
        "vehicles": [{"id": "V1", "vrm": vrm, "make": "Ford", "model": "Focus", "colour": "silver"}],
        "links": [{"from": "P1", "to": "L1", "type": "lives_at"}, {"from": "P1", "to": "T1", "type": "uses_phone"}]
    })
    .to_string()
}
