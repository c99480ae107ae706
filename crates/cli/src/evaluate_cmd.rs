//! `sightline evaluate`: scores the analysed picture against a simulated world's truth —
//! entity resolution, victims, look-alikes, groups and harm ranking — as a table, or JSON
//! with `--json`.
//!
//! The picture is read from exported JSON Lines (`--persons`, `--groups`) or, without them,
//! from the database through the same code as `sightline export`.

use crate::Outcome;
use crate::export::{self, ExportedGroup, ExportedPerson};
use anyhow::Context;
use clap::Args;
use futures::TryStreamExt;
use serde::de::DeserializeOwned;
use sim::score::{PredictedHarm, PredictedVulnerability, Prf, Scores};
use sim::{PredictedGroup, PredictedPerson, Truth};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct EvaluateArgs {
    /// The truth file written by `sightline simulate`.
    #[arg(long)]
    truth: PathBuf,

    /// Exported persons (JSON Lines) to score instead of the database's picture.
    #[arg(long)]
    persons: Option<PathBuf>,

    /// Exported groups (JSON Lines); with --persons only. Without it, no groups were found.
    #[arg(long, requires = "persons")]
    groups: Option<PathBuf>,

    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,

    /// Why the picture is being read, for the audit trail (database only).
    #[arg(long, default_value = "evaluation against a simulated truth")]
    reason: String,
}

/// Reads JSON Lines of `T`, naming the file and line of a bad one.
fn read_lines<T: DeserializeOwned>(path: &Path) -> anyhow::Result<Vec<T>> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let item = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not an exported record", path.display(), i + 1))?;
        out.push(item);
    }
    Ok(out)
}

fn predicted_person(p: ExportedPerson) -> PredictedPerson {
    PredictedPerson {
        id: p.id,
        mentions: p.mentions,
        vulnerability: PredictedVulnerability {
            flagged: p.vulnerability.flagged,
            categories: p.vulnerability.categories,
        },
    }
}

fn predicted_group(g: ExportedGroup) -> PredictedGroup {
    PredictedGroup {
        id: g.id,
        kind: g.kind,
        members: g.members,
        deal_lines: g.deal_lines,
        harm: g.harm.map(|h| PredictedHarm {
            score: Some(h.score),
            rank: Some(h.rank),
        }),
    }
}

/// The picture from the database, through the export code.
async fn from_store(
    db: &str,
    actor: &str,
    args: &EvaluateArgs,
) -> anyhow::Result<(Vec<PredictedPerson>, Vec<PredictedGroup>)> {
    let store = store::open(db).await.context("cannot open the store")?;
    export::audit_read(
        store.as_ref(),
        actor,
        "evaluate",
        args.reason.clone(),
        serde_json::json!({"truth": args.truth.display().to_string()}),
    )
    .await?;
    let persons = export::persons(store.as_ref())
        .map_ok(predicted_person)
        .try_collect()
        .await?;
    let groups = export::groups(store.as_ref())
        .map_ok(predicted_group)
        .try_collect()
        .await?;
    Ok((persons, groups))
}

pub async fn run(db: &str, actor: &str, args: EvaluateArgs) -> anyhow::Result<Outcome> {
    let truth_file =
        File::open(&args.truth).with_context(|| format!("cannot open {}", args.truth.display()))?;
    let truth = Truth::from_reader(BufReader::with_capacity(1 << 20, truth_file))
        .with_context(|| format!("cannot read {}", args.truth.display()))?;
    let (persons, groups, source) = match &args.persons {
        Some(path) => {
            let persons = read_lines(path)?;
            let groups = match &args.groups {
                Some(g) => read_lines(g)?,
                None => Vec::new(),
            };
            (
                persons,
                groups,
                format!("exported files {}", path.display()),
            )
        }
        None => {
            let (persons, groups) = from_store(db, actor, &args).await?;
            (persons, groups, format!("database {db}"))
        }
    };
    let scores = sim::score(&truth, &persons, &groups);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "truth": args.truth.display().to_string(),
                "picture": source,
                "scores": scores,
            }))?
        );
    } else {
        print!("{}", table(&args.truth, &source, &truth, &scores));
    }
    Ok(Outcome::Success)
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_string(), |v| format!("{v:.3}"))
}

fn prf_row(out: &mut String, name: &str, prf: &Prf) {
    let _ = writeln!(
        out,
        "  {name:<34} {:>9} {:>9} {:>9}",
        num(prf.precision),
        num(prf.recall),
        num(prf.f1)
    );
}

/// The scores as a table for a terminal.
pub fn table(truth_path: &Path, source: &str, truth: &Truth, s: &Scores) -> String {
    let mut out = String::new();
    let g = &truth.generator;
    let _ = writeln!(
        out,
        "Evaluation of {source} against {} (seed {}, {} people, noise {})",
        truth_path.display(),
        g["seed"],
        g["people"],
        g["noise"]
    );
    let m = &s.mentions;
    let _ = writeln!(
        out,
        "Person mentions: {} in the truth, {} exported, {} missing, {} unknown to the truth, {} duplicated\n",
        m.truth, m.exported, m.missing, m.unknown, m.duplicated
    );
    let r = &s.resolution;
    let _ = writeln!(
        out,
        "Entity resolution ({} true persons, {} exported)",
        r.true_persons, r.predicted_persons
    );
    let _ = writeln!(
        out,
        "  {:<34} {:>9} {:>9} {:>9}",
        "", "precision", "recall", "F1"
    );
    prf_row(&mut out, "pairwise", &r.pairwise);
    prf_row(&mut out, "B-cubed", &r.bcubed);

    let v = &s.victims;
    let _ = writeln!(
        out,
        "\nVictims ({} true, {} flagged, {} of them victims)",
        v.true_victims, v.flagged, v.flagged_victims
    );
    let _ = writeln!(
        out,
        "  {:<34} {:>9} {:>9} {:>9}",
        "", "recall", "precision", "category"
    );
    let _ = writeln!(
        out,
        "  {:<34} {:>9} {:>9} {:>9}",
        "all",
        num(v.recall),
        num(v.precision),
        num(v.category_agreement)
    );
    for (name, c) in &v.by_category {
        let _ = writeln!(
            out,
            "  {:<34} {:>9}",
            format!("{name} ({})", c.victims),
            num(c.recall)
        );
    }

    let _ = writeln!(out, "\nLook-alikes flagged (false-flag rate)");
    for (name, l) in &s.lookalikes {
        let _ = writeln!(
            out,
            "  {:<34} {:>9}",
            format!("{name} ({})", l.persons),
            num(l.false_flag_rate)
        );
    }

    let gr = &s.groups;
    let _ = writeln!(
        out,
        "\nGroups ({} true, {} found)",
        gr.true_groups, gr.found_groups
    );
    for (name, value) in [
        ("mean best Jaccard", num(gr.mean_best_jaccard)),
        ("true groups recovered", num(gr.true_recovered)),
        ("found groups matching", num(gr.found_matching)),
        ("deal lines per county line", num(gr.deal_lines_found)),
        (
            "harm-ranking Spearman",
            format!("{} ({} pairs)", num(gr.harm_spearman), gr.harm_pairs),
        ),
    ] {
        let _ = writeln!(out, "  {name:<34} {value:>9}");
    }
    if !gr.per_group.is_empty() {
        let _ = writeln!(
            out,
            "\n  {:<9} {:<21} {:>7} {:>7} {:<10} {:>10} {:>8}",
            "group", "kind", "members", "best J", "matched", "deal lines", "harm"
        );
        for row in &gr.per_group {
            let deal = row
                .deal_lines
                .as_ref()
                .map_or_else(|| "-".to_string(), |d| format!("{}/{}", d.found, d.truth));
            let _ = writeln!(
                out,
                "  {:<9} {:<21} {:>7} {:>7.3} {:<10} {:>10} {:>8.1}",
                row.truth,
                row.kind,
                row.members,
                row.best_jaccard,
                row.matched.as_deref().unwrap_or("-"),
                deal,
                row.harm
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest_cmd::{Config, ingest_file};
    use sim::score::{perfect_prediction, singleton_prediction};

    /// Simulates a small world, ingests it into a fresh SQLite database and scores the
    /// database's picture: every line accepted, every mention of the truth exported.
    fn check_pipeline(people: u32) -> (Truth, Scores) {
        let dir = tempfile::tempdir().unwrap();
        let config = sim::Config {
            people,
            threads: 2,
            ..sim::Config::default()
        };
        let (summary, _) = crate::simulate_cmd::write_world(dir.path(), &config, false).unwrap();
        let db = format!("sqlite:{}", dir.path().join("t.db").display());
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let store = store::open(&db).await.unwrap();
            let ingest = Config {
                strict: false,
                batch: 2000,
                actor: "test".into(),
                rejects: None,
                progress: false,
            };
            let intel = dir.path().join("intel.jsonl");
            let result = ingest_file(&store, &intel.to_string_lossy(), &ingest)
                .await
                .unwrap();
            assert_eq!(result.counts.rejected, 0, "{:?}", result.error);
            assert_eq!(result.counts.accepted, summary.reports);
            let args = EvaluateArgs {
                truth: dir.path().join("truth.json"),
                persons: None,
                groups: None,
                json: false,
                reason: "test".into(),
            };
            let truth = Truth::from_reader(File::open(&args.truth).unwrap()).unwrap();
            let (persons, groups) = from_store(&db, "test", &args).await.unwrap();
            let scores = sim::score(&truth, &persons, &groups);
            (truth, scores)
        })
    }

    #[test]
    fn a_simulated_world_ingests_whole_and_exports_every_mention() {
        let (truth, scores) = check_pipeline(1_500);
        assert_eq!(scores.mentions.truth as usize, truth.mention_count());
        assert_eq!(scores.mentions.missing, 0);
        assert_eq!(scores.mentions.unknown, 0);
        let table = table(Path::new("truth.json"), "database", &truth, &scores);
        assert!(
            table.contains("pairwise") && table.contains("B-cubed"),
            "{table}"
        );
    }

    fn write_lines<T: serde::Serialize>(path: &Path, items: &[T]) {
        let mut s = String::new();
        for item in items {
            s.push_str(&serde_json::to_string(item).unwrap());
            s.push('\n');
        }
        std::fs::write(path, s).unwrap();
    }

    /// Scores exported files the way `evaluate --persons --groups` reads them.
    fn check_files(
        truth: &Truth,
        persons: &[PredictedPerson],
        groups: &[PredictedGroup],
    ) -> Scores {
        let dir = tempfile::tempdir().unwrap();
        let (p, g) = (dir.path().join("p.jsonl"), dir.path().join("g.jsonl"));
        write_lines(&p, persons);
        write_lines(&g, groups);
        let persons: Vec<PredictedPerson> = read_lines(&p).unwrap();
        let groups: Vec<PredictedGroup> = read_lines(&g).unwrap();
        sim::score(truth, &persons, &groups)
    }

    #[test]
    fn exported_files_score_perfect_and_singleton_pictures() {
        let mut intel = Vec::new();
        let mut truth = Vec::new();
        let config = sim::Config {
            people: 1_000,
            threads: 1,
            ..sim::Config::default()
        };
        sim::generate(&config, &mut intel, &mut truth).unwrap();
        let truth = Truth::from_reader(truth.as_slice()).unwrap();
        let (persons, groups) = perfect_prediction(&truth);
        let s = check_files(&truth, &persons, &groups);
        assert_eq!(s.resolution.pairwise.f1, Some(1.0));
        assert_eq!(s.resolution.bcubed.f1, Some(1.0));
        assert_eq!(s.victims.recall, Some(1.0));
        assert_eq!(s.groups.mean_best_jaccard, Some(1.0));
        let s = check_files(&truth, &singleton_prediction(&truth), &[]);
        assert_eq!(s.resolution.pairwise.recall, Some(0.0));
    }

    #[test]
    fn a_bad_line_is_named_by_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.jsonl");
        std::fs::write(&p, "{\"id\":\"a\",\"mentions\":[]}\nnot json\n").unwrap();
        let err = read_lines::<PredictedPerson>(&p).unwrap_err();
        assert!(
            format!("{err:#}").contains("p.jsonl:2: not an exported record"),
            "{err:#}"
        );
    }
}
