//! `sightline audit verify|list`: checking the hash chain of the audit trail and reading it.

use crate::Outcome;
use anyhow::Context;
use clap::{Args, Subcommand};

#[derive(Args)]
pub struct AuditArgs {
    #[command(subcommand)]
    command: AuditCommand,
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Checks every entry's hash and link; exits 1 if any entry was altered or removed.
    Verify,
    /// Prints entries as JSON Lines, oldest first.
    List {
        /// Only entries after this id.
        #[arg(long, default_value_t = 0)]
        after: i64,
        /// At most this many entries.
        #[arg(long, default_value_t = 100)]
        limit: i64,
    },
}

pub async fn run(db: &str, args: AuditArgs) -> anyhow::Result<Outcome> {
    let store = store::open(db).await.context("cannot open the store")?;
    match args.command {
        AuditCommand::Verify => {
            let problems = store.verify_audit().await?;
            let count = store.counts().await?.audit_entries;
            if problems.is_empty() {
                let head = store
                    .audit_entries(count - 1, 1)
                    .await?
                    .pop()
                    .map(|e| e.hash)
                    .unwrap_or_else(|| "none".to_string());
                println!("audit trail intact: {count} entries, head {head}");
                Ok(Outcome::Success)
            } else {
                for p in &problems {
                    println!("{p}");
                }
                println!(
                    "audit trail broken: {} problems in {count} entries",
                    problems.len()
                );
                Ok(Outcome::Partial)
            }
        }
        AuditCommand::List { after, limit } => {
            for e in store.audit_entries(after, limit).await? {
                let line = serde_json::json!({
                    "id": e.id, "at": e.at, "actor": e.actor, "action": e.action,
                    "reason": e.reason, "subject": e.subject,
                    "details": serde_json::from_str::<serde_json::Value>(&e.details).unwrap_or_default(),
                    "hash": e.hash,
                });
                println!("{line}");
            }
            Ok(Outcome::Success)
        }
    }
}
