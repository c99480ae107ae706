//! The `sightline` command. Raw flags (clap) become a validated configuration before any work
//! starts; errors go to standard error as `sightline: <cause chain>`; the exit status is 0 when
//! everything worked, 1 when some input was rejected, 2 on an error; a closed pipe ends the
//! program quietly.

mod analyse_cmd;
mod audit_cmd;
mod bench;
mod demo_cmd;
mod evaluate_cmd;
mod export;
mod extract_cmd;
mod ingest_cmd;
mod output;
mod search_cmd;
mod serve_cmd;
mod simulate_cmd;

use clap::{Parser, Subcommand};

/// Ingest and analysis allocate many small values across threads; mimalloc handles that with
/// far less contention and fragmentation than the system allocator (measured in BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "sightline",
    version,
    about = "Intelligence and threat management for serious and organised crime"
)]
struct Cli {
    /// The database: sqlite:PATH (the default) or postgres://…
    #[arg(
        long,
        global = true,
        env = "SIGHTLINE_DB",
        default_value = "sqlite:sightline.db"
    )]
    db: String,

    /// Who is acting, for the audit trail (default: the login name).
    #[arg(long, global = true, env = "SIGHTLINE_ACTOR")]
    actor: Option<String>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Reads exchange-v1 JSON Lines files (`-` for standard input, gzip recognised).
    Ingest(ingest_cmd::IngestArgs),
    /// One command for a new user: a simulated force area, ingested and analysed.
    Demo(demo_cmd::DemoArgs),
    /// Brings the picture up to date: resolves persons, phones, vehicles and places.
    Analyse(analyse_cmd::AnalyseArgs),
    /// Records an analyst's decision that two mentions are, or are not, the same person.
    Decide(analyse_cmd::DecideArgs),
    /// Shows why two person mentions are, or are not, judged the same person.
    Explain(analyse_cmd::ExplainArgs),
    /// Serves the web application and its JSON API.
    Serve(serve_cmd::ServeArgs),
    /// Manages accounts of the web application.
    User(serve_cmd::UserArgs),
    /// Writes persons or groups as exchange-v1 JSON Lines.
    Export(export::ExportArgs),
    /// Checks or lists the audit trail.
    Audit(audit_cmd::AuditArgs),
    /// Measures Sightline on generated data.
    Bench(bench::BenchArgs),
    /// Writes a simulated force area: exchange-v1 intelligence and its ground truth.
    Simulate(simulate_cmd::SimulateArgs),
    /// Scores the analysed picture (or exported files) against a simulated truth.
    Evaluate(evaluate_cmd::EvaluateArgs),
    /// Prints the entities and exploitation indicators in report text read from standard input.
    Extract(extract_cmd::ExtractArgs),
    /// Rebuilds or queries the search index of reports and people.
    Search(search_cmd::SearchArgs),
}

/// How a command ended, when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything worked.
    Success,
    /// The command finished, but some input was rejected.
    Partial,
}

/// Who is acting: `--actor`, else the login name.
pub fn actor_name(flag: Option<String>) -> String {
    flag.or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("LOGNAME").ok())
        .filter(|a| !a.trim().is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("sightline: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let actor = actor_name(cli.actor);
    let result = runtime.block_on(async move {
        match cli.command {
            Command::Ingest(args) => ingest_cmd::run(&cli.db, &actor, args).await,
            Command::Demo(args) => demo_cmd::run(&actor, args).await,
            Command::Analyse(args) => analyse_cmd::run(&cli.db, &actor, args).await,
            Command::Decide(args) => analyse_cmd::decide(&cli.db, &actor, args).await,
            Command::Explain(args) => analyse_cmd::explain(&cli.db, &actor, args).await,
            Command::Export(args) => export::run(&cli.db, &actor, args).await,
            Command::Serve(args) => serve_cmd::run(&cli.db, args).await,
            Command::User(args) => serve_cmd::user(&cli.db, &actor, args).await,
            Command::Audit(args) => audit_cmd::run(&cli.db, args).await,
            Command::Bench(args) => bench::run(&cli.db, &actor, args).await,
            Command::Simulate(args) => simulate_cmd::run(args),
            Command::Evaluate(args) => evaluate_cmd::run(&cli.db, &actor, args).await,
            Command::Extract(args) => extract_cmd::run(args),
            Command::Search(args) => search_cmd::run(&cli.db, &actor, args).await,
        }
    });
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Partial) => ExitCode::from(1),
        Err(e) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sightline: {}", output::cause_chain(&e));
            ExitCode::from(2)
        }
    }
}
