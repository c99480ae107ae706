//! `sightline ingest FILE...`: exchange-v1 records into the store.
//!
//! Reading and parsing run on their own thread and hand batches to the writer over a bounded
//! channel, so parsing one batch overlaps with storing the one before while memory stays flat.
//! Each batch is one transaction (all of `--strict` file is one), so a killed ingest leaves
//! whole batches behind and the same command run again stores the rest, nothing twice.

use crate::Outcome;
use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use ingest::{Accepted, Item, Rejection};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use store::{IngestId, NewAuditEntry, NewReport, Store, WriteOutcome};

#[derive(Args)]
pub struct IngestArgs {
    /// Files to read: JSON Lines, `.jsonl.gz`, or `-` for standard input.
    #[arg(required = true)]
    files: Vec<String>,

    /// Store nothing from a file that has any bad line.
    #[arg(long)]
    strict: bool,

    /// Check the files and report what would be rejected, storing nothing.
    #[arg(long)]
    check: bool,

    /// Print the closing counts as JSON.
    #[arg(long)]
    json: bool,

    /// Write every rejected line, with its line number, field and reason, to this file as JSON
    /// Lines (the rejections are printed to standard error either way).
    #[arg(long)]
    rejects: Option<PathBuf>,

    /// Records per transaction.
    #[arg(long, default_value_t = 2000, hide = true)]
    batch: usize,
}

/// The closing counts of one file or of a whole run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub accepted: u64,
    pub unchanged: u64,
    pub superseded: u64,
    pub rejected: u64,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.accepted += other.accepted;
        self.unchanged += other.unchanged;
        self.superseded += other.superseded;
        self.rejected += other.rejected;
    }

    fn lines(&self) -> u64 {
        self.accepted + self.unchanged + self.superseded + self.rejected
    }
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} accepted, {} unchanged, {} superseded, {} rejected",
            self.accepted, self.unchanged, self.superseded, self.rejected
        )
    }
}

/// What happened to one file.
#[derive(Debug, serde::Serialize)]
pub struct FileResult {
    pub file: String,
    #[serde(flatten)]
    pub counts: Counts,
    /// Why the file stopped early or was stored not at all, if it did.
    pub error: Option<String>,
}

/// Options for one ingest run.
pub struct Config {
    pub strict: bool,
    pub batch: usize,
    pub actor: String,
    pub rejects: Option<std::sync::Mutex<Box<dyn std::io::Write + Send>>>,
    pub progress: bool,
}

pub async fn run(db: &str, actor: &str, args: IngestArgs) -> anyhow::Result<Outcome> {
    if args.check {
        return check_files(&args.files);
    }
    let store = store::open(db).await.context("cannot open the store")?;
    let rejects = match &args.rejects {
        Some(path) => Some(std::sync::Mutex::new(Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        ))
            as Box<dyn std::io::Write + Send>)),
        None => None,
    };
    let config = Config {
        strict: args.strict,
        batch: args.batch.max(1),
        actor: actor.to_string(),
        rejects,
        progress: std::io::stderr().is_terminal(),
    };
    let mut total = Counts::default();
    let mut results = Vec::new();
    for file in &args.files {
        let result = ingest_file(&store, file, &config).await?;
        total.add(result.counts);
        if !args.json {
            match &result.error {
                None => println!("{file}: {}", result.counts),
                Some(e) => println!("{file}: {} ({e})", result.counts),
            }
        }
        results.push(result);
    }
    if let Some(r) = &config.rejects {
        r.lock()
            .map_err(|_| anyhow::anyhow!("rejects file lock poisoned"))?
            .flush()
            .context("cannot write the rejects file")?;
    }
    if args.json {
        println!("{}", serde_json::json!({"files": results, "total": total}));
    } else if args.files.len() > 1 {
        println!("total: {total}");
    }
    let failed = results.iter().any(|r| r.error.is_some());
    Ok(if total.rejected > 0 || failed {
        Outcome::Partial
    } else {
        Outcome::Success
    })
}

use std::io::Write as _;

/// `--check`: reads every file and reports each rejected line, storing nothing.
fn check_files(files: &[String]) -> anyhow::Result<Outcome> {
    let mut bad = false;
    for file in files {
        let display = if file == "-" {
            "<stdin>"
        } else {
            file.as_str()
        };
        let (mut good, mut rejected) = (0u64, 0u64);
        match ingest::open(file) {
            Err(e) => {
                eprintln!("sightline: {display}: {e}");
                bad = true;
                continue;
            }
            Ok(input) => {
                for item in input.reader {
                    match item {
                        Ok(Item::Accepted(_)) => good += 1,
                        Ok(Item::Rejected(r)) => {
                            rejected += 1;
                            match &r.field {
                                Some(f) => {
                                    eprintln!("sightline: {display}:{}: {f}: {}", r.line, r.reason)
                                }
                                None => eprintln!("sightline: {display}:{}: {}", r.line, r.reason),
                            }
                        }
                        Err(e) => {
                            eprintln!("sightline: {display}: {e}");
                            bad = true;
                            break;
                        }
                    }
                }
            }
        }
        bad |= rejected > 0;
        println!("{display}: {good} valid, {rejected} rejected (checked, nothing stored)");
    }
    Ok(if bad {
        Outcome::Partial
    } else {
        Outcome::Success
    })
}

/// A batch handed from the reader thread to the writer.
enum Batch {
    Items(Vec<Item>),
    /// The stream could not be read on.
    Failed(String),
}

/// Ingests one file, recording its start and end in the audit trail.
pub async fn ingest_file(
    store: &Arc<dyn Store>,
    file: &str,
    config: &Config,
) -> anyhow::Result<FileResult> {
    let display = if file == "-" { "<stdin>" } else { file };
    let start = store
        .append_audit(NewAuditEntry {
            actor: config.actor.clone(),
            action: "ingest.start".into(),
            reason: None,
            subject: Some(display.to_string()),
            details: serde_json::json!({"file": display, "strict": config.strict}),
        })
        .await
        .context("cannot write the audit trail")?;
    let ingest_id = IngestId(start.id);

    let result = match ingest::open(file) {
        Err(e) => FileResult {
            file: display.to_string(),
            counts: Counts::default(),
            error: Some(e.to_string()),
        },
        Ok(input) => write_stream(store, display, input, ingest_id, config).await?,
    };
    if let Some(e) = &result.error {
        eprintln!("sightline: {display}: {e}");
    }
    store
        .append_audit(NewAuditEntry {
            actor: config.actor.clone(),
            action: "ingest.finish".into(),
            reason: None,
            subject: Some(display.to_string()),
            details: serde_json::json!({
                "file": display,
                "ingest": ingest_id.0,
                "strict": config.strict,
                "accepted": result.counts.accepted,
                "unchanged": result.counts.unchanged,
                "superseded": result.counts.superseded,
                "rejected": result.counts.rejected,
                "error": result.error,
            }),
        })
        .await
        .context("cannot write the audit trail")?;
    Ok(result)
}

async fn write_stream(
    store: &Arc<dyn Store>,
    display: &str,
    input: ingest::Input,
    ingest_id: IngestId,
    config: &Config,
) -> anyhow::Result<FileResult> {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Batch>(4);
    let batch_size = config.batch;
    let mut reader = input.reader;
    let reader_thread = std::thread::spawn(move || {
        let mut items = Vec::with_capacity(batch_size);
        let mut accepted = 0;
        for item in reader.by_ref() {
            match item {
                Ok(item) => {
                    if matches!(item, Item::Accepted(_)) {
                        accepted += 1;
                    }
                    items.push(item);
                    if accepted >= batch_size || items.len() >= batch_size * 4 {
                        accepted = 0;
                        let full = std::mem::replace(&mut items, Vec::with_capacity(batch_size));
                        if tx.blocking_send(Batch::Items(full)).is_err() {
                            return;
                        }
                    }
                }
                Err(e) => {
                    if !items.is_empty() {
                        let _ = tx.blocking_send(Batch::Items(std::mem::take(&mut items)));
                    }
                    let _ = tx.blocking_send(Batch::Failed(e.to_string()));
                    return;
                }
            }
        }
        if !items.is_empty() {
            let _ = tx.blocking_send(Batch::Items(items));
        }
    });

    let bar = progress_bar(config.progress, input.size, display);
    let mut counts = Counts::default();
    let mut error = None;
    let mut strict_tx = if config.strict {
        Some(store.begin_write().await?)
    } else {
        None
    };
    while let Some(batch) = rx.recv().await {
        let items = match batch {
            Batch::Items(items) => items,
            Batch::Failed(e) => {
                error = Some(e);
                break;
            }
        };
        let mut accepted: Vec<Accepted> = Vec::with_capacity(items.len());
        let mut rejections: Vec<Rejection> = Vec::new();
        for item in items {
            match item {
                Item::Accepted(a) => accepted.push(*a),
                Item::Rejected(r) => rejections.push(r),
            }
        }
        for r in &rejections {
            report_rejection(display, r, config)?;
        }
        counts.rejected += rejections.len() as u64;
        if config.strict && !rejections.is_empty() {
            // The good lines of this batch go down with the file.
            counts.rejected += accepted.len() as u64;
            let first = &rejections[0];
            error = Some(format!(
                "nothing stored: --strict and line {} was rejected",
                first.line
            ));
            break;
        }
        if !accepted.is_empty() {
            let reports: Vec<NewReport<'_>> = accepted
                .iter()
                .map(|a| NewReport {
                    report: &a.report,
                    content_hash: &a.content_hash,
                    raw: &a.raw,
                    entities: &a.entities_json,
                })
                .collect();
            let outcomes = match strict_tx.as_mut() {
                Some(tx) => tx.put_reports(ingest_id, &reports).await?,
                None => {
                    let mut tx = store.begin_write().await?;
                    let outcomes = tx.put_reports(ingest_id, &reports).await?;
                    tx.commit().await?;
                    outcomes
                }
            };
            for o in outcomes {
                match o {
                    WriteOutcome::Accepted => counts.accepted += 1,
                    WriteOutcome::Unchanged => counts.unchanged += 1,
                    WriteOutcome::Superseded { .. } => counts.superseded += 1,
                }
            }
        }
        if let Some(bar) = &bar {
            bar.set_position(input.progress.bytes());
            bar.set_message(format!("{} lines", counts.lines()));
        }
    }
    drop(rx);
    let _ = reader_thread.join();
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    if let Some(tx) = strict_tx {
        if error.is_some() {
            tx.rollback().await?;
            // Nothing from this file was stored: say so in the counts.
            counts.rejected += counts.accepted + counts.superseded + counts.unchanged;
            counts.accepted = 0;
            counts.superseded = 0;
            counts.unchanged = 0;
        } else {
            tx.commit().await?;
        }
    }
    Ok(FileResult {
        file: display.to_string(),
        counts,
        error,
    })
}

fn report_rejection(display: &str, r: &Rejection, config: &Config) -> anyhow::Result<()> {
    match &r.field {
        Some(field) => eprintln!("sightline: {display}:{}: {field}: {}", r.line, r.reason),
        None => eprintln!("sightline: {display}:{}: {}", r.line, r.reason),
    }
    if let Some(out) = &config.rejects {
        let line = serde_json::json!({
            "file": display, "line": r.line, "field": r.field, "reason": r.reason,
        });
        let mut out = out
            .lock()
            .map_err(|_| anyhow::anyhow!("rejects file lock poisoned"))?;
        writeln!(out, "{line}").context("cannot write the rejects file")?;
    }
    Ok(())
}

fn progress_bar(enabled: bool, size: Option<u64>, display: &str) -> Option<ProgressBar> {
    if !enabled {
        return None;
    }
    let bar = match size {
        Some(len) if len > 4 << 20 => ProgressBar::new(len).with_style(
            ProgressStyle::with_template(
                "{prefix} [{bar:30}] {bytes}/{total_bytes} {msg} ({bytes_per_sec}, {eta})",
            )
            .ok()?
            .progress_chars("=> "),
        ),
        Some(_) => return None,
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{prefix} {spinner} {bytes} {msg} ({bytes_per_sec})")
                .ok()?,
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
    bar.set_prefix(display.to_string());
    Some(bar)
}
