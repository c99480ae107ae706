//! `sightline export persons|groups`: the analysed picture as exchange-v1 JSON Lines.
//!
//! Exporting is a read of personal data, so it is audited with its reason.

use crate::Outcome;
use anyhow::Context;
use clap::{Args, ValueEnum};
use futures::TryStreamExt;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use store::NewAuditEntry;

#[derive(Args)]
pub struct ExportArgs {
    /// What to export.
    what: What,

    /// Write to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,

    /// Why the data is being exported, for the audit trail.
    #[arg(long, default_value = "export from the command line")]
    reason: String,
}

#[derive(Clone, Copy, ValueEnum)]
enum What {
    Persons,
    Groups,
}

/// A person as exchange-v1 exports them.
#[derive(Serialize)]
pub struct ExportedPerson {
    pub id: String,
    pub mentions: Vec<String>,
    pub names: Vec<String>,
    pub dobs: Vec<String>,
    pub vulnerability: Vulnerability,
    pub groups: Vec<String>,
}

#[derive(Serialize, Default)]
pub struct Vulnerability {
    pub flagged: bool,
    pub score: f64,
    pub categories: Vec<String>,
    pub reasons: Vec<String>,
}

pub async fn run(db: &str, actor: &str, args: ExportArgs) -> anyhow::Result<Outcome> {
    let store = store::open(db).await.context("cannot open the store")?;
    let mut out = crate::output::writer(args.out.as_deref())?;
    let what = match args.what {
        What::Persons => "persons",
        What::Groups => "groups",
    };
    // Consultation is logged before the data leaves (Data Protection Act 2018 s62).
    store
        .append_audit(NewAuditEntry {
            actor: actor.to_string(),
            action: format!("export.{what}"),
            reason: Some(args.reason),
            subject: None,
            details: serde_json::json!({
                "out": args.out.as_ref().map(|p| p.display().to_string()),
            }),
        })
        .await
        .context("cannot write the audit trail")?;
    let mut count: u64 = 0;
    match args.what {
        What::Persons => {
            // Before resolution has run, each person mention is its own person.
            let mut mentions = store.person_mentions();
            while let Some(m) = mentions.try_next().await? {
                count += 1;
                let person = ExportedPerson {
                    id: format!("per_{count:06}"),
                    mentions: vec![m.mention_id()],
                    names: m
                        .mention
                        .name
                        .iter()
                        .map(|n| n.display())
                        .filter(|n| !n.is_empty())
                        .collect(),
                    dobs: m.mention.dob.and_then(|d| d.iso()).into_iter().collect(),
                    vulnerability: Vulnerability::default(),
                    groups: Vec::new(),
                };
                serde_json::to_writer(&mut out, &person)?;
                out.write_all(b"\n")?;
            }
        }
        // No group has been detected until `analyse` finds them: nothing to write.
        What::Groups => {}
    }
    out.flush()?;
    Ok(Outcome::Success)
}
