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

mod network;
mod persons;
mod run;
mod text;
mod threats;

pub use network::{Naming, NetworkSnapshot, NetworkSummary, SnapshotReport};
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
    #[error("the network cannot be built: {0}")]
    Graph(String),
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
    let explainer = Explainer::load(store).await?;
    let a = person_record(store, mention_a).await?;
    let b = person_record(store, mention_b).await?;
    store
        .append_audit(store::NewAuditEntry {
            actor: actor.to_string(),
            action: "resolution.explain".into(),
            reason: Some(reason.to_string()),
            subject: Some(format!("{mention_a} {mention_b}")),
            details: serde_json::json!({"model": explainer.model_id}),
        })
        .await?;
    Ok(explainer.explain(a, b))
}

/// The saved resolution model, ready to explain pairs. The caller audits what it reads.
pub struct Explainer {
    model: resolve::Model,
    pub model_id: i64,
}

impl Explainer {
    pub async fn load(store: &dyn store::Store) -> Result<Explainer> {
        let saved = store.latest_model().await?.ok_or_else(|| {
            AnalysisError::NotFound("no resolution model yet: run `sightline analyse`".into())
        })?;
        let model: resolve::Model =
            serde_json::from_str(&saved.model).map_err(|e| AnalysisError::Model(e.to_string()))?;
        Ok(Explainer {
            model,
            model_id: saved.id,
        })
    }

    /// The waterfall of weights for two records.
    pub fn explain(
        &self,
        a: resolve::PersonRecord,
        b: resolve::PersonRecord,
    ) -> resolve::Explanation {
        let mut prepared: Vec<resolve::compare::Prepared> = [a, b]
            .into_iter()
            .map(resolve::compare::Prepared::new)
            .collect();
        self.model.set_tf(&mut prepared);
        self.model.explain(&prepared[0], &prepared[1])
    }
}

/// The resolution record of one person mention: from its report's fields, or, for a person
/// found in the report's text (`REF#x1`), as analysis read it there.
pub async fn person_record(
    store: &dyn store::Store,
    mention: &str,
) -> Result<resolve::PersonRecord> {
    let id: model::MentionId = mention
        .parse()
        .map_err(|e| AnalysisError::NotFound(format!("{mention:?}: {e}")))?;
    let report = store
        .report(id.report.as_str())
        .await?
        .ok_or_else(|| AnalysisError::NotFound(format!("no report {}", id.report)))?;
    let from_fields =
        resolve::prepare_report(&report.report_ref, report.received.date(), &report.entities)
            .into_iter()
            .find(|r| r.mention == mention);
    if let Some(record) = from_fields {
        return Ok(record);
    }
    store
        .text_mentions(Some(id.report.as_str()))
        .await?
        .into_iter()
        .find(|t| t.mention == mention && t.kind == model::EntityKind::Person)
        .and_then(|t| serde_json::from_str(&t.data).ok())
        .ok_or_else(|| AnalysisError::NotFound(format!("no person {mention}")))
}
