//! Where the application's active threats come from. The threat master list — detected groups
//! and the persons or deal lines analysts promote, each with its crime types and MoRiLE-shaped
//! harm score — is kept elsewhere; the pages of lead responsible officers, allocation, 4P plans
//! and governance read it through [`ThreatSource`], configured in [`crate::Config::threats`].
//! Until a master list is connected there is none, and those pages say so rather than invent
//! threats.

use crate::error::Failure;
use async_trait::async_trait;
use operations::Threat;
use store::Store;

/// The active threats on the master list, with their crime types (principal first) and harm.
#[async_trait]
pub trait ThreatSource: Send + Sync + std::fmt::Debug {
    async fn active_threats(&self, store: &dyn Store) -> Result<Vec<Threat>, Failure>;
}

/// A list the caller holds: threats built by a test, or handed over by a master list kept
/// outside Sightline.
#[derive(Debug, Clone)]
pub struct ThreatList(pub Vec<Threat>);

#[async_trait]
impl ThreatSource for ThreatList {
    async fn active_threats(&self, _store: &dyn Store) -> Result<Vec<Threat>, Failure> {
        Ok(self.0.clone())
    }
}

/// The threat master list as `analyse` last stored it: every detected group and every person
/// or deal line an analyst promoted, with its harm score.
#[derive(Debug, Clone, Copy, Default)]
pub struct MasterList;

#[async_trait]
impl ThreatSource for MasterList {
    async fn active_threats(&self, store: &dyn Store) -> Result<Vec<Threat>, Failure> {
        store
            .master_list()
            .threats()
            .await?
            .into_iter()
            .map(threat_of)
            .collect()
    }
}

/// A stored threat as operations sees it.
pub fn threat_of(row: store::ThreatRow) -> Result<Threat, Failure> {
    let crime_types = row
        .crime_types
        .iter()
        .map(|c| {
            c.parse::<model::CrimeType>()
                .map_err(|e| Failure::Internal(format!("threat {}: {e}", row.id)))
        })
        .collect::<Result<_, _>>()?;
    Ok(Threat {
        id: operations::ThreatId::try_from(row.id.as_str()).map_err(Failure::Internal)?,
        label: row.label,
        crime_types,
        harm: Some(row.score),
    })
}
