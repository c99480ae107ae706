//! `sightline export persons|groups`: the analysed picture as exchange-v1 JSON Lines.
//!
//! [`persons`] and [`groups`] produce the picture in-process; `export` writes them and
//! `evaluate --db` scores them, so both see exactly the same data. Exporting is a read of
//! personal data, so it is audited with its reason.

use crate::Outcome;
use anyhow::Context;
use clap::{Args, ValueEnum};
use futures::stream::BoxStream;
use futures::{StreamExt, TryStreamExt};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::PathBuf;
use store::{NewAuditEntry, Store};

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

pub use analysis::ExportedPerson;

/// A group as exchange-v1 exports it.
#[derive(Serialize)]
pub struct ExportedGroup {
    pub id: String,
    pub kind: String,
    pub label: String,
    pub crime_types: Vec<String>,
    pub members: Vec<String>,
    pub roles: BTreeMap<String, String>,
    pub deal_lines: Vec<String>,
    /// Left out until a harm assessment has been made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub harm: Option<Harm>,
}

#[derive(Serialize)]
pub struct Harm {
    pub score: f64,
    pub rank: u32,
    pub reasons: Vec<String>,
}

/// The resolved persons of the picture, in id order. Before `analyse` has run, each person
/// mention is its own person.
pub fn persons(store: &dyn Store) -> BoxStream<'_, anyhow::Result<ExportedPerson>> {
    futures::stream::once(analysis::resolved_persons(store))
        .map(|persons| -> Vec<anyhow::Result<ExportedPerson>> {
            match persons {
                Ok(persons) => persons.into_iter().map(Ok).collect(),
                Err(e) => vec![Err(e.into())],
            }
        })
        .flat_map(futures::stream::iter)
        .boxed()
}

/// The detected groups of the picture as the last `analyse` stored them (the force's full
/// view), by id, each with its harm from the threat master list. None before `analyse` has run.
pub fn groups(store: &dyn Store) -> BoxStream<'_, anyhow::Result<ExportedGroup>> {
    futures::stream::once(async move {
        let groups = store
            .network()
            .groups(store::Visibility::Full)
            .await
            .context("cannot read the groups")?;
        let mut harm: HashMap<String, Harm> = store
            .master_list()
            .threats()
            .await
            .context("cannot read the threat master list")?
            .into_iter()
            .map(|t| {
                let harm = Harm {
                    score: t.score,
                    rank: u32::try_from(t.rank).unwrap_or(u32::MAX),
                    reasons: t.reasons,
                };
                (t.id, harm)
            })
            .collect();
        anyhow::Ok(
            groups
                .into_iter()
                .map(|g| {
                    let h = harm.remove(&g.id);
                    let mut e = exported_group(g);
                    e.harm = h;
                    e
                })
                .collect::<Vec<_>>(),
        )
    })
    .map(|groups| -> Vec<anyhow::Result<ExportedGroup>> {
        match groups {
            Ok(groups) => groups.into_iter().map(Ok).collect(),
            Err(e) => vec![Err(e)],
        }
    })
    .flat_map(futures::stream::iter)
    .boxed()
}

/// A stored group in exchange-v1's shape.
pub fn exported_group(g: store::StoredGroup) -> ExportedGroup {
    ExportedGroup {
        roles: g
            .members
            .iter()
            .map(|m| (m.person_id.clone(), m.role.clone()))
            .collect(),
        members: g.members.into_iter().map(|m| m.person_id).collect(),
        deal_lines: g
            .deal_lines
            .into_iter()
            .map(|d| d.number.unwrap_or(d.phone))
            .collect(),
        id: g.id,
        kind: g.kind,
        label: g.label,
        crime_types: g.crime_types,
        harm: None,
    }
}

/// Records in the audit trail that the picture is being read, before any of it leaves
/// (Data Protection Act 2018 s62).
pub async fn audit_read(
    store: &dyn Store,
    actor: &str,
    action: &str,
    reason: String,
    details: serde_json::Value,
) -> anyhow::Result<()> {
    store
        .append_audit(NewAuditEntry {
            actor: actor.to_string(),
            action: action.to_string(),
            reason: Some(reason),
            subject: None,
            details,
        })
        .await
        .context("cannot write the audit trail")?;
    Ok(())
}

pub async fn run(db: &str, actor: &str, args: ExportArgs) -> anyhow::Result<Outcome> {
    let store = store::open(db).await.context("cannot open the store")?;
    let mut out = crate::output::writer(args.out.as_deref())?;
    let what = match args.what {
        What::Persons => "persons",
        What::Groups => "groups",
    };
    audit_read(
        store.as_ref(),
        actor,
        &format!("export.{what}"),
        args.reason,
        serde_json::json!({
            "out": args.out.as_ref().map(|p| p.display().to_string()),
        }),
    )
    .await?;
    match args.what {
        What::Persons => {
            let mut stream = persons(store.as_ref());
            while let Some(person) = stream.try_next().await? {
                serde_json::to_writer(&mut out, &person)?;
                out.write_all(b"\n")?;
            }
        }
        What::Groups => {
            let mut stream = groups(store.as_ref());
            while let Some(group) = stream.try_next().await? {
                serde_json::to_writer(&mut out, &group)?;
                out.write_all(b"\n")?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}
