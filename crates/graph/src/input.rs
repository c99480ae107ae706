//! What the network is built from: the resolved entities, and what each report says about them.
//!
//! These are plain data, filled by the caller from stored reports and resolution output
//! ([`ReportEvidence::from_report`] does it from a report's stored entities and a lookup from
//! mention to resolved entity). Nothing here reads a store.

use crate::GraphError;
use model::{
    AgeRange, CrimeType, EntityKind, Grading, LinkType, LocationType, PersonRole, ReportRef,
};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use time::Date;

/// A resolved entity's stable id, e.g. `per_000123`, `phn_447700900123`, `veh_AB12CDE`,
/// `loc_1a2b3c`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EntityId(String);

impl EntityId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for EntityId {
    type Error = GraphError;
    fn try_from(value: String) -> Result<EntityId, GraphError> {
        if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(GraphError::BadEntityId(value));
        }
        Ok(EntityId(value))
    }
}

impl TryFrom<&str> for EntityId {
    type Error = GraphError;
    fn try_from(value: &str) -> Result<EntityId, GraphError> {
        EntityId::try_from(value.to_string())
    }
}

impl FromStr for EntityId {
    type Err = GraphError;
    fn from_str(value: &str) -> Result<EntityId, GraphError> {
        EntityId::try_from(value)
    }
}

impl From<EntityId> for String {
    fn from(id: EntityId) -> String {
        id.0
    }
}

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A resolved person, phone, vehicle or place: a node of the network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub id: EntityId,
    pub kind: EntityKind,
    /// What the entity is called, for labels: a phone's E.164 number (`+447700900123`, which
    /// becomes the deal line of a county line), a registration, an address, a person's name.
    pub value: Option<String>,
    /// For places: what kind of place it is, when a report said.
    pub location_type: Option<LocationType>,
}

impl Entity {
    pub fn new(id: EntityId, kind: EntityKind) -> Entity {
        Entity {
            id,
            kind,
            value: None,
            location_type: None,
        }
    }

    /// A phone with its E.164 number when it has one.
    pub fn phone(id: EntityId, e164: Option<String>) -> Entity {
        Entity {
            value: e164,
            ..Entity::new(id, EntityKind::Phone)
        }
    }

    /// A place with its address text and type when known.
    pub fn location(
        id: EntityId,
        address: Option<String>,
        location_type: Option<LocationType>,
    ) -> Entity {
        Entity {
            value: address,
            location_type,
            ..Entity::new(id, EntityKind::Location)
        }
    }
}

/// A family of exploitation indicators, as `sightline extract` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorFamily {
    ChildCriminalExploitation,
    Cuckooing,
    LabourExploitation,
    SexualExploitation,
    ControlViolence,
}

impl IndicatorFamily {
    pub const ALL: [IndicatorFamily; 5] = [
        IndicatorFamily::ChildCriminalExploitation,
        IndicatorFamily::Cuckooing,
        IndicatorFamily::LabourExploitation,
        IndicatorFamily::SexualExploitation,
        IndicatorFamily::ControlViolence,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IndicatorFamily::ChildCriminalExploitation => "child_criminal_exploitation",
            IndicatorFamily::Cuckooing => "cuckooing",
            IndicatorFamily::LabourExploitation => "labour_exploitation",
            IndicatorFamily::SexualExploitation => "sexual_exploitation",
            IndicatorFamily::ControlViolence => "control_violence",
        }
    }

    /// Whether the family describes someone being exploited (all but control and violence,
    /// which may describe the exploiter).
    pub fn is_exploitation(self) -> bool {
        self != IndicatorFamily::ControlViolence
    }
}

impl FromStr for IndicatorFamily {
    type Err = GraphError;
    fn from_str(value: &str) -> Result<IndicatorFamily, GraphError> {
        IndicatorFamily::ALL
            .into_iter()
            .find(|f| f.as_str() == value)
            .ok_or_else(|| GraphError::UnknownIndicatorFamily(value.to_string()))
    }
}

impl fmt::Display for IndicatorFamily {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One exploitation indicator found in a report, e.g. `missing_episodes` of
/// `child_criminal_exploitation`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub family: IndicatorFamily,
    pub name: String,
    /// The extractor's confidence, 0 to 1.
    pub confidence: f64,
}

/// What one report says about one resolved person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonFacts {
    pub person: EntityId,
    pub role: PersonRole,
    /// Age at the time of the report, when known (from a date of birth or an estimate).
    pub age: Option<AgeRange>,
    /// Indicators the report attaches to this person.
    pub indicators: Vec<Indicator>,
    /// The report records this person in its fields, rather than its text alone naming or
    /// describing them. A person no report records is a lead for an analyst, not a nominal:
    /// they are in the network and its measures, but join no group.
    #[serde(default = "recorded_default")]
    pub recorded: bool,
}

fn recorded_default() -> bool {
    true
}

/// An explicit link a report records between two resolved entities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceLink {
    pub from: EntityId,
    pub to: EntityId,
    pub link_type: LinkType,
}

/// Everything one report contributes to the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportEvidence {
    pub report: ReportRef,
    pub received: Date,
    /// How far the grading lets an analyst rely on the report, 0 to 1: [`Grading::reliance`].
    pub reliance: f64,
    pub crime_types: Vec<CrimeType>,
    /// Every resolved entity the report mentions. Entities named only in `links` or `persons`
    /// count as mentioned too.
    pub entities: Vec<EntityId>,
    pub links: Vec<EvidenceLink>,
    pub persons: Vec<PersonFacts>,
    /// Indicators found in the report but not tied to one person.
    pub indicators: Vec<Indicator>,
}

impl ReportEvidence {
    /// Evidence with nothing in it yet.
    pub fn new(report: ReportRef, received: Date, grading: &Grading) -> ReportEvidence {
        ReportEvidence {
            report,
            received,
            reliance: grading.reliance(),
            crime_types: Vec::new(),
            entities: Vec::new(),
            links: Vec::new(),
            persons: Vec::new(),
            indicators: Vec::new(),
        }
    }

    /// Builds a report's evidence from its stored entities, given the resolved entity of each
    /// mention (addressed `<ref>#<local id>`); mentions `resolved` does not know are left out.
    /// Also returns the entities as the report describes them (phone numbers in E.164, place
    /// types), for [`crate::Network::build`].
    pub fn from_report(
        report: ReportRef,
        received: Date,
        grading: &Grading,
        crime_types: &[CrimeType],
        entities: &model::Entities,
        resolved: impl Fn(&str) -> Option<EntityId>,
    ) -> (ReportEvidence, Vec<Entity>) {
        let mut evidence = ReportEvidence::new(report, received, grading);
        evidence.crime_types = crime_types.to_vec();
        let mention = |local: &model::LocalId| resolved(&format!("{}#{}", evidence.report, local));
        let mut described = Vec::new();
        let mut local_to_entity = std::collections::HashMap::new();
        for p in &entities.persons {
            if let Some(id) = mention(&p.id) {
                local_to_entity.insert(p.id.as_str(), id.clone());
                evidence.persons.push(PersonFacts {
                    person: id.clone(),
                    role: p.role,
                    age: p.age_at(received),
                    indicators: Vec::new(),
                    recorded: true,
                });
                described.push(Entity::new(id, EntityKind::Person));
            }
        }
        for phone in &entities.phones {
            if let Some(id) = mention(&phone.id) {
                local_to_entity.insert(phone.id.as_str(), id.clone());
                described.push(Entity::phone(id, phone.phone.e164.clone()));
            }
        }
        for v in &entities.vehicles {
            if let Some(id) = mention(&v.id) {
                local_to_entity.insert(v.id.as_str(), id.clone());
                let mut e = Entity::new(id, EntityKind::Vehicle);
                e.value = v.vrm.as_ref().and_then(|r| r.normalised.clone());
                described.push(e);
            }
        }
        for l in &entities.locations {
            if let Some(id) = mention(&l.id) {
                local_to_entity.insert(l.id.as_str(), id.clone());
                described.push(Entity::location(id, l.address_raw.clone(), l.location_type));
            }
        }
        for link in &entities.links {
            if let (Some(from), Some(to)) = (
                local_to_entity.get(link.from.as_str()),
                local_to_entity.get(link.to.as_str()),
            ) {
                evidence.links.push(EvidenceLink {
                    from: from.clone(),
                    to: to.clone(),
                    link_type: link.link_type,
                });
            }
        }
        evidence.entities = described.iter().map(|e| e.id.clone()).collect();
        (evidence, described)
    }
}
