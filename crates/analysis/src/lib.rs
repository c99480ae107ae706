//! Analysis: bringing the picture up to date from the store — entity resolution of persons,
//! phones, vehicles and places — and reading the resolved picture back (the persons that
//! `export` writes and `evaluate` scores).
//!
//! Key design decision: this is the one place that joins the store to the pure analysis crates.
//! `resolve` (and later the network and assessments) never see the store; the command line and
//! the web server never see the algorithms. Resolution is incremental: when a saved model and
//! saved assignments exist, only the new reports' mentions — and the components they, a
//! withdrawn version or a decision touch — are worked out again, and the answer is the one a
//! full rebuild would give.

mod persons;
mod run;
mod text;

pub use persons::{ExportedPerson, Vulnerability, resolved_persons};
pub use run::{AnalyseOptions, AnalyseSummary, ObjectsSummary, PersonsSummary, PhaseTime, analyse};

/// What can go wrong while analysing.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error("the saved resolution model cannot be read: {0}")]
    Model(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("analysis stopped: {0}")]
    Interrupted(String),
}

pub type Result<T, E = AnalysisError> = std::result::Result<T, E>;

/// Why two person mentions are, or are not, judged the same person under the saved model: the
/// weight of each field. Reading the two records is audited with the reason given.
pub async fn explain(
    store: &dyn store::Store,
    mention_a: &str,
    mention_b: &str,
    actor: &str,
    reason: &str,
) -> Result<resolve::Explanation> {
    let mut records = Vec::new();
    for mention in [mention_a, mention_b] {
        let id: model::MentionId = mention
            .parse()
            .map_err(|e| AnalysisError::NotFound(format!("{mention:?}: {e}")))?;
        let report = store
            .report(id.report.as_str())
            .await?
            .ok_or_else(|| AnalysisError::NotFound(format!("no report {}", id.report)))?;
        let record =
            resolve::prepare_report(&report.report_ref, report.received.date(), &report.entities)
                .into_iter()
                .find(|r| r.mention == mention)
                .ok_or_else(|| AnalysisError::NotFound(format!("no person {mention}")))?;
        records.push(record);
    }
    let saved = store.latest_model().await?.ok_or_else(|| {
        AnalysisError::NotFound("no resolution model yet: run `sightline analyse`".into())
    })?;
    let model: resolve::Model =
        serde_json::from_str(&saved.model).map_err(|e| AnalysisError::Model(e.to_string()))?;
    store
        .append_audit(store::NewAuditEntry {
            actor: actor.to_string(),
            action: "resolution.explain".into(),
            reason: Some(reason.to_string()),
            subject: Some(format!("{mention_a} {mention_b}")),
            details: serde_json::json!({"model": saved.id}),
        })
        .await?;
    let mut prepared: Vec<resolve::compare::Prepared> = records
        .into_iter()
        .map(resolve::compare::Prepared::new)
        .collect();
    model.set_tf(&mut prepared);
    Ok(model.explain(&prepared[0], &prepared[1]))
}
