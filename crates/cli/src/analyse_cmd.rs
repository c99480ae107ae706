//! `sightline analyse`, `sightline decide` and `sightline explain`: bringing the picture up to
//! date, recording analysts' resolution decisions, and showing why two mentions are (or are not)
//! judged the same person.

use crate::Outcome;
use anyhow::Context;
use clap::{Args, Subcommand};

#[derive(Args)]
pub struct AnalyseArgs {
    /// Train a new resolution model even if one is saved.
    #[arg(long)]
    retrain: bool,

    /// Work everything out again rather than only what changed since the last analysis.
    #[arg(long)]
    rebuild: bool,

    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

pub async fn run(db: &str, actor: &str, args: AnalyseArgs) -> anyhow::Result<Outcome> {
    let store = store::open(db).await.context("cannot open the store")?;
    let options = analysis::AnalyseOptions {
        retrain: args.retrain,
        rebuild: args.rebuild,
        actor: actor.to_string(),
        ..analysis::AnalyseOptions::default()
    };
    let summary = analysis::analyse(&store, options).await?;
    if args.json {
        println!("{}", serde_json::to_string(&summary)?);
        return Ok(Outcome::Success);
    }
    if let Some(b) = &summary.blocking {
        println!(
            "blocking: {} person mentions, {} candidate pairs of {} possible",
            b.records, b.candidate_pairs, b.all_pairs
        );
        for r in &b.rules {
            println!(
                "  {:34} {:>9} pairs in {:>7} blocks (largest {}, {} over the limit skipped)",
                r.rule, r.pairs, r.blocks, r.largest_block, r.oversized_blocks
            );
        }
    }
    if let Some(t) = &summary.training {
        println!(
            "trained: u from {} random pairs, m by EM over {} rules, prior {:.3e}",
            t.u_pairs,
            t.rules.len(),
            t.prior
        );
    }
    let p = &summary.persons;
    println!(
        "persons: {} mentions resolved to {} persons ({} run, {} mentions worked out again, {} changed)",
        p.mentions, p.persons, p.mode, p.reclustered, p.changed
    );
    let o = &summary.objects;
    println!(
        "objects: {} phones, {} vehicles, {} places",
        o.phones, o.vehicles, o.places
    );
    let n = &summary.network;
    println!(
        "network: {} entities, {} links ({} run, {} entities worked out again); {} groups: {} county lines, {} exploitation networks, {} organised crime groups ({} with a partner's view)",
        n.entities,
        n.edges,
        n.mode,
        n.entities_recomputed,
        n.groups,
        n.county_lines,
        n.exploitation_networks,
        n.ocgs,
        n.shareable_groups
    );
    println!(
        "analysed {} reports in {:.1} s",
        summary.reports, summary.seconds
    );
    Ok(Outcome::Success)
}

#[derive(Args)]
pub struct DecideArgs {
    #[command(subcommand)]
    command: DecideCommand,
}

#[derive(Subcommand)]
enum DecideCommand {
    /// Two mentions are the same person (confirms a match, or merges two persons).
    Same {
        mention_a: String,
        mention_b: String,
        #[arg(long)]
        reason: String,
    },
    /// Two mentions are different people (splits them apart).
    Different {
        mention_a: String,
        mention_b: String,
        #[arg(long)]
        reason: String,
    },
    /// Takes back a decision; it stays on record as revoked.
    Revoke {
        id: i64,
        #[arg(long)]
        reason: String,
    },
    /// Lists every decision, revoked ones included.
    List,
}

pub async fn decide(db: &str, actor: &str, args: DecideArgs) -> anyhow::Result<Outcome> {
    let store = store::open(db).await.context("cannot open the store")?;
    let new = |same: bool, a: String, b: String, reason: String| store::NewDecision {
        same,
        mention_a: a,
        mention_b: b,
        actor: actor.to_string(),
        reason,
    };
    let decision = match args.command {
        DecideCommand::Same {
            mention_a,
            mention_b,
            reason,
        } => new(true, mention_a, mention_b, reason),
        DecideCommand::Different {
            mention_a,
            mention_b,
            reason,
        } => new(false, mention_a, mention_b, reason),
        DecideCommand::Revoke { id, reason } => {
            if store.revoke_decision(id, actor, &reason).await? {
                println!("decision {id} revoked; run `sightline analyse` to apply it");
                return Ok(Outcome::Success);
            }
            anyhow::bail!("there is no decision {id} in force");
        }
        DecideCommand::List => {
            for d in store.decisions().await? {
                println!(
                    "{}",
                    serde_json::json!({
                        "id": d.id, "same": d.same, "mention_a": d.mention_a,
                        "mention_b": d.mention_b, "actor": d.actor, "reason": d.reason,
                        "at": d.at, "revoked_at": d.revoked_at, "revoked_by": d.revoked_by,
                        "revoke_reason": d.revoke_reason,
                    })
                );
            }
            return Ok(Outcome::Success);
        }
    };
    for m in [&decision.mention_a, &decision.mention_b] {
        anyhow::ensure!(
            m.parse::<model::MentionId>().is_ok(),
            "{m:?} is not a mention id (REF#LOCAL_ID)"
        );
    }
    anyhow::ensure!(
        !decision.reason.trim().is_empty(),
        "a decision needs its reason"
    );
    let stored = store.add_decision(decision).await?;
    println!(
        "decision {} recorded; run `sightline analyse` to apply it",
        stored.id
    );
    Ok(Outcome::Success)
}

#[derive(Args)]
pub struct ExplainArgs {
    mention_a: String,
    mention_b: String,
    /// Why the record is being read, for the audit trail.
    #[arg(long, default_value = "resolution review from the command line")]
    reason: String,
}

pub async fn explain(db: &str, actor: &str, args: ExplainArgs) -> anyhow::Result<Outcome> {
    let store = store::open(db).await.context("cannot open the store")?;
    let explanation = analysis::explain(
        store.as_ref(),
        &args.mention_a,
        &args.mention_b,
        actor,
        &args.reason,
    )
    .await?;
    println!("{}", serde_json::to_string_pretty(&explanation)?);
    Ok(Outcome::Success)
}
