//! `sightline simulate`: writes a simulated force area — `intel.jsonl` (exchange-v1) and
//! `truth.json` — into a directory, for tests, demonstrations and training that must never
//! use real people's intelligence.

use crate::Outcome;
use anyhow::Context;
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sim::{Config, PhraseUse, Summary};
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Args)]
pub struct SimulateArgs {
    /// Directory to write intel.jsonl and truth.json into (created if absent).
    #[arg(long)]
    out: PathBuf,

    /// People in the simulated area; every one appears in at least one report.
    #[arg(long, default_value_t = 20_000)]
    people: u32,

    /// Groups (default: one per 1,500 people, at least five, one of each kind).
    #[arg(long)]
    groups: Option<u32>,

    /// Seed: the same seed and options give the same files.
    #[arg(long, default_value_t = 2026)]
    seed: u64,

    /// How often values are written wrongly: 0 never, 1 as often as real records, 2 twice as
    /// often.
    #[arg(long, default_value_t = 1.0)]
    noise: f64,

    /// Which halves of the phrase bank the reports' indicator wording is drawn from.
    #[arg(long, value_enum, default_value_t = Phrases::Both)]
    phrases: Phrases,

    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Phrases {
    Both,
    Training,
    HeldOut,
}

impl From<Phrases> for PhraseUse {
    fn from(p: Phrases) -> PhraseUse {
        match p {
            Phrases::Both => PhraseUse::Both,
            Phrases::Training => PhraseUse::Training,
            Phrases::HeldOut => PhraseUse::HeldOut,
        }
    }
}

/// Counts bytes into a progress display as they are written.
struct Progress<W> {
    inner: W,
    bar: Option<ProgressBar>,
}

impl<W: Write> Write for Progress<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        if let Some(bar) = &self.bar {
            bar.inc(n as u64);
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes the world of `config` into `dir`, returning what was written and how long it took.
pub fn write_world(
    dir: &Path,
    config: &Config,
    progress: bool,
) -> anyhow::Result<(Summary, Duration)> {
    config.validate()?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let intel_path = dir.join("intel.jsonl");
    let truth_path = dir.join("truth.json");
    let intel = File::create(&intel_path)
        .with_context(|| format!("cannot create {}", intel_path.display()))?;
    let truth = File::create(&truth_path)
        .with_context(|| format!("cannot create {}", truth_path.display()))?;
    let bar = progress.then(|| {
        let bar = ProgressBar::new_spinner();
        if let Ok(style) = ProgressStyle::with_template(
            "simulating {spinner} {bytes} of intelligence ({bytes_per_sec})",
        ) {
            bar.set_style(style);
        }
        bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
        bar
    });
    let mut intel = Progress {
        inner: BufWriter::with_capacity(1 << 20, intel),
        bar: bar.clone(),
    };
    let mut truth = BufWriter::with_capacity(1 << 20, truth);
    let started = Instant::now();
    let summary = sim::generate(config, &mut intel, &mut truth)
        .with_context(|| format!("cannot simulate into {}", dir.display()))?;
    intel.flush()?;
    truth.flush()?;
    let took = started.elapsed();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok((summary, took))
}

pub fn run(args: SimulateArgs) -> anyhow::Result<Outcome> {
    let config = Config {
        people: args.people,
        groups: args.groups,
        seed: args.seed,
        noise: args.noise,
        phrases: args.phrases.into(),
        ..Config::default()
    };
    config.validate()?;
    let (summary, took) = write_world(&args.out, &config, std::io::stderr().is_terminal())?;
    if args.json {
        println!(
            "{}",
            serde_json::json!({
                "out": args.out.display().to_string(),
                "seconds": took.as_secs_f64(),
                "summary": summary,
            })
        );
    } else {
        let dir = args.out.display();
        println!(
            "{dir}/intel.jsonl: {} reports, {} person mentions ({:.1} MB)",
            summary.reports,
            summary.person_mentions,
            summary.intel_bytes as f64 / 1e6
        );
        println!(
            "{dir}/truth.json: {} people in {} households, {} groups, {} victims, {} look-alikes",
            summary.people, summary.households, summary.groups, summary.victims, summary.lookalikes
        );
        println!(
            "generated in {:.2} s (seed {})",
            took.as_secs_f64(),
            config.seed
        );
        if summary.phones_reused > 0 {
            println!(
                "note: {} phone numbers were reused: the fiction ranges hold 101,000 numbers",
                summary.phones_reused
            );
        }
    }
    Ok(Outcome::Success)
}

/// `sightline bench simulate`: generates a world of `people` and prints the time it took as
/// a row for BENCHMARKS.md.
pub fn bench(people: u32, seed: u64, keep: Option<&Path>) -> anyhow::Result<Outcome> {
    let temp = tempfile::tempdir().context("cannot make a temporary directory")?;
    let dir = keep.unwrap_or(temp.path());
    let config = Config {
        people,
        seed,
        ..Config::default()
    };
    let (summary, took) = write_world(dir, &config, false)?;
    let truth_bytes = std::fs::metadata(dir.join("truth.json"))?.len();
    let secs = took.as_secs_f64();
    println!(
        "| people | groups | reports | person mentions | intel MB | truth MB | threads | seconds | people/s | peak RSS MB |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    println!(
        "| {} | {} | {} | {} | {:.0} | {:.0} | {} | {secs:.2} | {:.0} | {} |",
        summary.people,
        summary.groups,
        summary.reports,
        summary.person_mentions,
        summary.intel_bytes as f64 / 1e6,
        truth_bytes as f64 / 1e6,
        config.threads,
        summary.people as f64 / secs,
        crate::bench::peak_rss_mb().map_or("?".to_string(), |m| format!("{m:.0}"))
    );
    Ok(Outcome::Success)
}
