//! `sightline search rebuild|query` and `sightline bench search`: the search index from the
//! command line, and its benchmark over generated reports.
//!
//! The index lives beside a SQLite database (`sightline.db.search`) or, for PostgreSQL, in the
//! directory given by `--search-dir` / `SIGHTLINE_SEARCH_DIR`. A query from the command line is
//! a read of personal data like any other, so it is audited with its reason.

use crate::Outcome;
use anyhow::Context;
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use search::{
    BuildConfig, CatchUpLimits, Facet, Filters, IndexedReport, Location, PersonQuery, ReportQuery,
    SearchError, SearchIndex, Sort, Visibility,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use store::{NewAuditEntry, Store};

#[derive(Args)]
pub struct SearchArgs {
    /// The index's directory (default: beside a SQLite database; needed for PostgreSQL).
    #[arg(long, global = true, env = "SIGHTLINE_SEARCH_DIR")]
    search_dir: Option<PathBuf>,

    #[command(subcommand)]
    command: SearchCommand,
}

#[derive(Subcommand)]
enum SearchCommand {
    /// Builds the search index again from the store (searches keep working meanwhile).
    Rebuild {
        /// Indexing threads (default: the cores, at most four).
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Searches reports and people, as staff or as an account would, and prints the hits.
    Query {
        /// What to look for: words, "a phrase", a name, a phone, a registration, a postcode.
        #[arg(required = true)]
        text: Vec<String>,
        /// Search as this account sees (a partner sees only what handling codes allow).
        #[arg(long = "as")]
        as_user: Option<String>,
        /// Narrow to a facet value: crime_type=…, source_type=…, source_grade=…,
        /// intel_grade=…, handling=…, area=…, month=YYYY-MM (repeatable).
        #[arg(long)]
        filter: Vec<String>,
        /// Newest first rather than best match first.
        #[arg(long)]
        newest: bool,
        #[arg(long, default_value_t = 1)]
        page: usize,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print JSON rather than text.
        #[arg(long)]
        json: bool,
        /// Why you are searching, for the audit trail.
        #[arg(long, default_value = "search from the command line")]
        reason: String,
    },
}

/// A configuration checked before any work starts.
struct QueryConfig {
    text: String,
    filters: Filters,
    sort: Sort,
    page: usize,
    limit: usize,
}

fn query_config(
    text: &[String],
    filter: &[String],
    newest: bool,
    page: usize,
    limit: usize,
) -> anyhow::Result<QueryConfig> {
    let mut filters = Filters::default();
    for f in filter {
        let (facet, value) = f
            .split_once('=')
            .with_context(|| format!("--filter {f}: expected facet=value"))?;
        let facet = Facet::parse(facet).with_context(|| {
            format!(
                "--filter {f}: no facet {facet:?} (expected one of {})",
                Facet::ALL.map(|f| f.param()).join(", ")
            )
        })?;
        filters.add(facet, value)?;
    }
    anyhow::ensure!(page >= 1, "--page counts from 1");
    anyhow::ensure!((1..=100).contains(&limit), "--limit must be from 1 to 100");
    Ok(QueryConfig {
        text: text.join(" "),
        filters,
        sort: if newest {
            Sort::Newest
        } else {
            Sort::Relevance
        },
        page,
        limit,
    })
}

pub async fn run(db: &str, actor: &str, args: SearchArgs) -> anyhow::Result<Outcome> {
    let location = Location::for_store(db, args.search_dir.clone())?;
    match args.command {
        SearchCommand::Rebuild { threads } => rebuild(db, &location, threads).await,
        SearchCommand::Query {
            text,
            as_user,
            filter,
            newest,
            page,
            limit,
            json,
            reason,
        } => {
            let config = query_config(&text, &filter, newest, page, limit)?;
            let reason = reason.trim().to_string();
            anyhow::ensure!(!reason.is_empty(), "--reason cannot be empty");
            let store = store::open(db).await.context("cannot open the store")?;
            query(
                store.as_ref(),
                &location,
                actor,
                as_user.as_deref(),
                &reason,
                &config,
                json,
            )
            .await
        }
    }
}

pub fn progress_bar() -> Option<ProgressBar> {
    std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new_spinner();
        if let Ok(style) =
            ProgressStyle::with_template("indexing {spinner} {pos} reports ({per_sec})")
        {
            bar.set_style(style);
        }
        bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
        bar.enable_steady_tick(Duration::from_millis(250));
        bar
    })
}

async fn rebuild(db: &str, location: &Location, threads: Option<usize>) -> anyhow::Result<Outcome> {
    let mut config = BuildConfig::default();
    if let Some(t) = threads {
        anyhow::ensure!((1..=16).contains(&t), "--threads must be from 1 to 16");
        config.threads = t;
    }
    let store = store::open(db).await.context("cannot open the store")?;
    let index = SearchIndex::open(location)?;
    let bar = progress_bar();
    let shown = bar.clone();
    let summary = index
        .rebuild(store.as_ref(), config, &move |n| {
            if let Some(b) = &shown {
                b.set_position(n);
            }
        })
        .await
        .context("cannot rebuild the search index")?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    println!(
        "indexed {} reports ({} person mentions) in {:.1} s; {:.1} MB at {}",
        summary.reports,
        summary.stats.mentions,
        summary.seconds,
        summary.stats.bytes as f64 / 1e6,
        match location {
            Location::Directory(d) => d.display().to_string(),
            Location::Memory => "memory".into(),
        }
    );
    Ok(Outcome::Success)
}

/// What an account may see, as the web application decides it.
async fn visibility(store: &dyn Store, as_user: Option<&str>) -> anyhow::Result<Visibility> {
    let Some(name) = as_user else {
        return Ok(Visibility::Everything);
    };
    let user = store
        .user_by_name(name)
        .await?
        .with_context(|| format!("--as {name}: no such account"))?;
    let role = server::Role::parse(&user.role)
        .with_context(|| format!("--as {name}: unknown role {}", user.role))?;
    Ok(server::search_pages::visibility_of(&server::Viewer {
        id: user.id,
        username: user.username,
        display_name: user.display_name,
        role,
        organisation: user.organisation,
    }))
}

async fn query(
    store: &dyn Store,
    location: &Location,
    actor: &str,
    as_user: Option<&str>,
    reason: &str,
    config: &QueryConfig,
    json: bool,
) -> anyhow::Result<Outcome> {
    let visibility = visibility(store, as_user).await?;
    let index = SearchIndex::open(location)?;
    match index
        .catch_up(
            store,
            CatchUpLimits {
                max_reports: usize::MAX,
            },
        )
        .await
    {
        Ok(_) => {}
        Err(SearchError::Busy(_)) => {
            eprintln!(
                "sightline: the index is being written by another process; searching what it holds"
            );
        }
        Err(e) => return Err(e).context("cannot bring the search index up to date"),
    }
    let reports = index.search(
        &ReportQuery {
            text: config.text.clone(),
            filters: config.filters.clone(),
            sort: config.sort,
            offset: (config.page - 1) * config.limit,
            limit: config.limit,
        },
        visibility,
    )?;
    let persons = index.search_persons(
        &PersonQuery {
            text: config.text.clone(),
            offset: 0,
            limit: 10,
        },
        visibility,
    )?;
    store
        .append_audit(NewAuditEntry {
            actor: actor.to_string(),
            action: "search".into(),
            reason: Some(reason.to_string()),
            subject: Some(config.text.clone()),
            details: serde_json::json!({
                "as": as_user,
                "filters": config.filters,
                "page": config.page,
                "reports": reports.total,
                "persons": persons.total,
            }),
        })
        .await?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    if json {
        serde_json::to_writer_pretty(
            &mut out,
            &serde_json::json!({"reports": reports, "persons": persons}),
        )?;
        writeln!(out)?;
    } else {
        let marked = |h: &search::Highlighted| -> String {
            h.segments()
                .into_iter()
                .map(|(s, m)| if m { format!("[{s}]") } else { s.to_string() })
                .collect()
        };
        if persons.total > 0 {
            writeln!(out, "{} people", persons.total)?;
            for p in &persons.hits {
                let names: Vec<String> = p.names.iter().map(marked).collect();
                writeln!(
                    out,
                    "  {}  {}  {}{}",
                    p.person_id,
                    names.join("; "),
                    p.dobs.join(", "),
                    if p.dob_matched {
                        " (date of birth matches)"
                    } else {
                        ""
                    }
                )?;
            }
        }
        writeln!(
            out,
            "{} reports{}",
            reports.total,
            if reports.hits.is_empty() {
                String::new()
            } else {
                format!(
                    " ({}–{} shown)",
                    reports.offset + 1,
                    reports.offset + reports.hits.len()
                )
            }
        )?;
        for h in &reports.hits {
            writeln!(
                out,
                "  {}  {}  {}  {}",
                h.reference,
                h.received.date(),
                h.grading,
                h.crime_types.join(",")
            )?;
            writeln!(out, "    {}", marked(&h.snippet))?;
        }
        for f in &reports.facets {
            if f.values.is_empty() {
                continue;
            }
            let values: Vec<String> = f
                .values
                .iter()
                .take(8)
                .map(|v| format!("{} {}", v.value, v.count))
                .collect();
            writeln!(out, "  {}: {}", f.facet.label(), values.join(", "))?;
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}

// ---------------------------------------------------------------- the benchmark

/// The kinds of query in the benchmark's mix, as an analyst types them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Kind {
    Name,
    Phone,
    Registration,
    Postcode,
    Phrase,
    Words,
    WordsAndFacet,
    PersonAndDob,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Name => "name",
            Kind::Phone => "phone",
            Kind::Registration => "registration",
            Kind::Postcode => "postcode",
            Kind::Phrase => "\"phrase\"",
            Kind::Words => "free-text words",
            Kind::WordsAndFacet => "words + facet filter",
            Kind::PersonAndDob => "name + date of birth",
        }
    }
}

/// The mix, in proportion.
const MIX: &[(Kind, u32)] = &[
    (Kind::Name, 25),
    (Kind::Phone, 10),
    (Kind::Registration, 8),
    (Kind::Postcode, 7),
    (Kind::Phrase, 15),
    (Kind::Words, 15),
    (Kind::WordsAndFacet, 10),
    (Kind::PersonAndDob, 10),
];

/// What queries are made from: a sample of the indexed reports.
#[derive(Default, Serialize, Deserialize)]
struct Sample {
    names: Vec<String>,
    name_dobs: Vec<(String, String)>,
    phones: Vec<String>,
    vrms: Vec<String>,
    postcodes: Vec<String>,
    texts: Vec<(String, Vec<String>)>,
}

impl Sample {
    fn take(&mut self, r: &model::Report) {
        for p in &r.persons {
            if let Some(name) = p
                .name
                .as_ref()
                .map(|n| n.display())
                .filter(|n| !n.is_empty())
            {
                if let Some(dob) = &p.dob_raw {
                    self.name_dobs.push((name.clone(), dob.clone()));
                }
                self.names.push(name);
            }
        }
        self.phones
            .extend(r.phones.iter().map(|p| p.phone.raw.clone()));
        self.vrms.extend(
            r.vehicles
                .iter()
                .filter_map(|v| v.vrm.as_ref().map(|v| v.raw.clone())),
        );
        self.postcodes.extend(
            r.locations
                .iter()
                .filter_map(|l| l.address.as_ref()?.postcode.as_ref())
                .map(|p| p.as_str().to_string()),
        );
        self.texts.push((
            r.text.clone(),
            r.crime_types
                .iter()
                .map(|c| c.as_str().to_string())
                .collect(),
        ));
    }
}

/// Words nobody searches for.
const FUNCTION_WORDS: &[&str] = &[
    "about", "after", "also", "been", "before", "being", "could", "does", "down", "each", "from",
    "have", "into", "just", "more", "most", "only", "onto", "other", "over", "said", "says",
    "some", "such", "than", "that", "their", "them", "then", "there", "these", "they", "this",
    "those", "very", "were", "what", "when", "where", "which", "while", "will", "with", "would",
    "your",
];

/// The words of a text an analyst might search for: letters only, four or more, not a
/// function word.
fn words_of(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4 && !FUNCTION_WORDS.contains(&w.to_lowercase().as_str()))
        .collect()
}

/// One misspelling: two letters swapped, as people type.
fn misspell(rng: &mut ChaCha8Rng, name: &str) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    if chars.len() > 4 {
        let i = rng.random_range(1..chars.len() - 2);
        if chars[i].is_alphabetic() && chars[i + 1].is_alphabetic() {
            chars.swap(i, i + 1);
        }
    }
    chars.into_iter().collect()
}

struct BenchQuery {
    kind: Kind,
    report: ReportQuery,
    person: PersonQuery,
    visibility: Visibility,
}

fn make_query(rng: &mut ChaCha8Rng, s: &Sample, partners: &[i64]) -> Option<BenchQuery> {
    let total: u32 = MIX.iter().map(|(_, w)| w).sum();
    let mut roll = rng.random_range(0..total);
    let kind = MIX
        .iter()
        .find(|(_, w)| {
            if roll < *w {
                true
            } else {
                roll -= w;
                false
            }
        })
        .map(|(k, _)| *k)?;
    let mut filters = Filters::default();
    let text = match kind {
        Kind::Name => {
            let name = s.names.choose(rng)?;
            match rng.random_range(0..4) {
                0 => name.to_lowercase(),
                1 => misspell(rng, name),
                2 => name.split_whitespace().rev().collect::<Vec<_>>().join(" "),
                _ => name.clone(),
            }
        }
        Kind::PersonAndDob => {
            let (name, dob) = s.name_dobs.choose(rng)?;
            format!("{name} {dob}")
        }
        Kind::Phone => s.phones.choose(rng)?.clone(),
        Kind::Registration => s.vrms.choose(rng)?.clone(),
        Kind::Postcode => s.postcodes.choose(rng)?.clone(),
        Kind::Phrase => {
            let (text, _) = s.texts.choose(rng)?;
            let words: Vec<&str> = text.split_whitespace().collect();
            if words.len() < 4 {
                return None;
            }
            let start = rng.random_range(0..words.len() - 3);
            let len = rng.random_range(2..=3);
            let phrase: Vec<&str> = words[start..start + len]
                .iter()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .collect();
            format!("\"{}\"", phrase.join(" "))
        }
        Kind::Words | Kind::WordsAndFacet => {
            let (text, crimes) = s.texts.choose(rng)?;
            let words = words_of(text);
            let n = rng.random_range(1..=2).min(words.len());
            let chosen: Vec<&str> = words.choose_multiple(rng, n).copied().collect();
            if kind == Kind::WordsAndFacet {
                let crime = crimes.choose(rng)?;
                filters.add(Facet::CrimeType, crime).ok()?;
            }
            chosen.join(" ")
        }
    };
    if text.trim().is_empty() {
        return None;
    }
    let visibility = if rng.random_bool(0.5) {
        Visibility::Everything
    } else {
        Visibility::SharedOrSubmittedBy(*partners.choose(rng)?)
    };
    let page = if rng.random_bool(0.85) {
        0
    } else {
        rng.random_range(1..3)
    };
    Some(BenchQuery {
        kind,
        report: ReportQuery {
            text: text.clone(),
            filters,
            sort: if rng.random_bool(0.2) {
                Sort::Newest
            } else {
                Sort::Relevance
            },
            offset: page * 20,
            limit: 20,
        },
        person: PersonQuery {
            text,
            offset: 0,
            limit: 8,
        },
        visibility,
    })
}

/// Partner agencies' accounts: reports from partners are shared out between them as their own
/// submissions.
const PARTNERS: [i64; 20] = [
    1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 1015, 1016,
    1017, 1018, 1019, 1020,
];

/// Simulates a force area with `reports` reports and indexes them in `index_dir`; returns the
/// index and a sample of the reports to make queries from.
fn build_bench_index(
    reports: u64,
    seed: u64,
    scratch: &Path,
    index_dir: &Path,
) -> anyhow::Result<(SearchIndex, Sample)> {
    let intel = scratch.join("intel.jsonl");
    let truth_path = scratch.join("truth.json");
    // The simulator writes about 1.1 reports a person.
    let people = ((reports as f64 / 1.1) as u32).max(sim::MIN_PEOPLE);
    let started = Instant::now();
    {
        let config = sim::Config {
            people,
            seed,
            ..sim::Config::default()
        };
        let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(&intel)?);
        let mut truth = BufWriter::with_capacity(1 << 20, std::fs::File::create(&truth_path)?);
        sim::generate(&config, &mut out, &mut truth).context("cannot simulate the reports")?;
        out.flush()?;
        truth.flush()?;
    }
    let generated = started.elapsed().as_secs_f64();
    // Persons as the simulation's truth has them.
    let truth: sim::Truth =
        serde_json::from_reader(std::io::BufReader::new(std::fs::File::open(&truth_path)?))
            .context("cannot read the simulated truth")?;
    let mut person_of: HashMap<String, String> = HashMap::new();
    for p in truth.persons {
        for m in p.mentions {
            person_of.insert(m, p.id.clone());
        }
    }
    let index = SearchIndex::open(&Location::Directory(index_dir.to_path_buf()))?;
    let input =
        ingest::open(&intel.to_string_lossy()).context("cannot read the simulated reports")?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut sample = Sample::default();
    let mut rejected = 0u64;
    let mut read = 0u64;
    let mut handling_c = 0u64;
    let stream = input
        .reader
        .filter_map(|item| match item {
            Ok(ingest::Item::Accepted(a)) => Some(a.report),
            _ => {
                rejected += 1;
                None
            }
        })
        .take(reports as usize)
        .map(|report| {
            read += 1;
            if rng.random_ratio(1, 200) {
                sample.take(&report);
            }
            if report.grading.handling == model::HandlingCode::C {
                handling_c += 1;
            }
            let mut r = IndexedReport::from_model(&report, read as i64);
            if report.source_type == model::SourceType::Partner {
                r.submitted_by = Some(PARTNERS[(read % PARTNERS.len() as u64) as usize]);
            }
            r
        });
    let config = BuildConfig::default();
    let built = index.build_from(stream, &|m| person_of.get(m).cloned(), config)?;
    anyhow::ensure!(rejected == 0, "{rejected} simulated reports were rejected");
    println!(
        "simulated {people} people in {generated:.1} s; indexed {} reports ({handling_c} \
         C-coded) in {:.1} s ({:.0} reports/s) on {} threads; peak RSS {} MB",
        built.reports,
        built.seconds,
        built.reports as f64 / built.seconds,
        config.threads,
        crate::bench::peak_rss_mb().map_or("?".to_string(), |m| format!("{m:.0}"))
    );
    Ok((index, sample))
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1e3
}

/// `sightline bench search`: simulates a force area large enough for `reports` reports,
/// indexes them on disk (persons resolved as the simulation's truth has them — what a perfect
/// analysis would give), then times a seeded mix of analysts' queries as the search page runs
/// them (a page of report hits with total and facet counts, and a page of people), half as
/// staff and half as a partner, after a warm-up.
pub fn bench(
    reports: u64,
    queries: usize,
    seed: u64,
    keep: Option<&Path>,
    reuse: bool,
) -> anyhow::Result<Outcome> {
    anyhow::ensure!(reports >= 1_000, "--reports must be at least 1,000");
    anyhow::ensure!(queries >= 100, "--queries must be at least 100");
    anyhow::ensure!(!reuse || keep.is_some(), "--reuse needs --keep DIR");
    let temp = tempfile::tempdir().context("cannot make a temporary directory")?;
    let index_dir = keep.map_or_else(|| temp.path().join("index"), Path::to_path_buf);
    let sample_path = index_dir.join("bench-sample.json");
    let (index, sample) = if reuse {
        let index = SearchIndex::open(&Location::Directory(index_dir.clone()))?;
        anyhow::ensure!(
            index.watermark().built(),
            "no finished index to reuse in {}",
            index_dir.display()
        );
        let sample: Sample = serde_json::from_reader(std::io::BufReader::new(
            std::fs::File::open(&sample_path)
                .with_context(|| format!("cannot open {}", sample_path.display()))?,
        ))?;
        println!("reusing the index in {}", index_dir.display());
        (index, sample)
    } else {
        let (index, sample) = build_bench_index(reports, seed, temp.path(), &index_dir)?;
        serde_json::to_writer(std::fs::File::create(&sample_path)?, &sample)?;
        (index, sample)
    };
    let stats = index.stats()?;
    println!(
        "index of {} reports and {} person mentions: {:.0} MB",
        stats.reports,
        stats.mentions,
        stats.bytes as f64 / 1e6
    );
    // The same seeded mix every run.
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5EA2C4);
    let mut mix = Vec::with_capacity(queries + 200);
    while mix.len() < queries + 200 {
        if let Some(q) = make_query(&mut rng, &sample, &PARTNERS) {
            mix.push(q);
        }
    }
    // Wall-clock time, and CPU time of the whole process (every thread the search used): on a
    // machine shared with other work, the wall clock also counts time spent waiting for a core.
    let mut times: HashMap<Kind, (Vec<Duration>, Vec<Duration>)> = HashMap::new();
    let mut all = (Vec::with_capacity(queries), Vec::with_capacity(queries));
    // The same queries by who searched: staff see everything, a partner's are permission
    // filtered inside the index query.
    let mut as_staff = (Vec::new(), Vec::new());
    let mut as_partner = (Vec::new(), Vec::new());
    let mut hits = 0u64;
    let load_before = load_average();
    for (i, q) in mix.iter().enumerate() {
        let cpu_before = process_cpu();
        let started = Instant::now();
        let r = index.search(&q.report, q.visibility)?;
        let p = index.search_persons(&q.person, q.visibility)?;
        let took = started.elapsed();
        let cpu = process_cpu().saturating_sub(cpu_before);
        if i < 200 {
            continue; // warm-up
        }
        hits += r.total + p.total;
        all.0.push(took);
        all.1.push(cpu);
        let entry = times.entry(q.kind).or_default();
        entry.0.push(took);
        entry.1.push(cpu);
        let by_who = match q.visibility {
            Visibility::Everything => &mut as_staff,
            _ => &mut as_partner,
        };
        by_who.0.push(took);
        by_who.1.push(cpu);
    }
    println!(
        "{} queries after {} to warm up; {:.1} hits a query on average; load average {} before, \
         {} after",
        all.0.len(),
        200,
        hits as f64 / all.0.len() as f64,
        load_before,
        load_average()
    );
    println!("| query | share | n | p50 ms | p95 ms | p99 ms | max ms | p50 CPU ms | p99 CPU ms |");
    println!("|---|---|---|---|---|---|---|---|---|");
    let total_weight: u32 = MIX.iter().map(|(_, w)| w).sum();
    let row = |label: &str, share: u32, (wall, cpu): &mut (Vec<Duration>, Vec<Duration>)| {
        wall.sort();
        cpu.sort();
        format!(
            "| {label} | {share}% | {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} |",
            wall.len(),
            percentile(wall, 0.50),
            percentile(wall, 0.95),
            percentile(wall, 0.99),
            percentile(wall, 1.0),
            percentile(cpu, 0.50),
            percentile(cpu, 0.99),
        )
    };
    for (kind, weight) in MIX {
        let mut t = times.remove(kind).unwrap_or_default();
        println!("{}", row(kind.label(), weight * 100 / total_weight, &mut t));
    }
    let share = |n: usize| (n * 100 / all.0.len().max(1)) as u32;
    let (staff_share, partner_share) = (share(as_staff.0.len()), share(as_partner.0.len()));
    println!("{}", row("all, as staff", staff_share, &mut as_staff));
    println!(
        "{}",
        row("all, as a partner", partner_share, &mut as_partner)
    );
    println!("{}", row("**all**", 100, &mut all));
    Ok(Outcome::Success)
}

/// The CPU time of every thread of this process so far (Linux `schedstat`, nanoseconds).
fn process_cpu() -> Duration {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return Duration::ZERO;
    };
    let nanos: u64 = tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    Duration::from_nanos(nanos)
}

/// The one-minute load average (Linux), for the record of how busy the machine was.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_checked_before_any_work() {
        let text = vec!["deal".to_string(), "line".to_string()];
        let c = query_config(&text, &["crime_type=drugs_supply".into()], true, 2, 10).unwrap();
        assert_eq!(c.text, "deal line");
        assert!(c.filters.contains(Facet::CrimeType, "drugs_supply"));
        assert_eq!(c.sort, Sort::Newest);
        assert!(query_config(&text, &["colour=red".into()], false, 1, 10).is_err());
        assert!(query_config(&text, &["crime_type".into()], false, 1, 10).is_err());
        assert!(query_config(&text, &[], false, 0, 10).is_err());
        assert!(query_config(&text, &[], false, 1, 1000).is_err());
    }

    #[test]
    fn percentiles() {
        let t: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&t, 0.5), 50.0);
        assert_eq!(percentile(&t, 0.99), 99.0);
        assert_eq!(percentile(&t, 1.0), 100.0);
    }
}
