//! The network step of `analyse`: the resolved persons, phones, vehicles and places as nodes,
//! what each current report says of them as evidence (its fields, the mentions its text adds,
//! the indicators found in it and borne on the people they are said of), and the groups found
//! in it, stored with ids that stay the same across runs.
//!
//! Two pictures are built: the full one, from every report, and the shareable one, from
//! `P`-coded reports alone. The shareable groups are what a partner may be shown of a group —
//! found again from evidence a partner may see rather than cut down from the full group, so no
//! member, role, reason, count or label of theirs rests on a `C`-coded report.

use crate::{AnalysisError, Result};
use graph::{Entity, EntityId, Indicator, IndicatorFamily, Network, PersonFacts, ReportEvidence};
use model::{AgeRange, CrimeType, EntityKind, Grading, HandlingCode, PersonRole, ReportRef};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use store::{
    GroupDealLineRow, GroupMemberRow, GroupObjectRow, GroupReportRow, StoredGroup, Visibility,
};

/// What one current report gives the network, gathered while `analyse` reads it.
#[derive(Debug, Clone)]
pub(crate) struct ReportInput {
    pub report_ref: String,
    pub received: time::Date,
    pub grading: Grading,
    pub crime_types: Vec<CrimeType>,
    pub entities: model::Entities,
    /// Mentions its text adds: id, kind, and the value a label may use (a phone in E.164, a
    /// registration, an address as written).
    pub text_mentions: Vec<(String, EntityKind, Option<String>)>,
    /// Text persons' ages at the time of the report.
    pub text_ages: HashMap<String, AgeRange>,
    /// Indicators found in its text.
    pub indicators: Vec<Indicator>,
    /// Indicators said of one person by name (or of the only person in it), by mention.
    pub cues: Vec<(String, Indicator)>,
}

/// The indicator a text finding is, when its family is one the network knows.
pub(crate) fn indicator(family: &str, name: &str, confidence: f64) -> Option<Indicator> {
    Some(Indicator {
        family: family.parse::<IndicatorFamily>().ok()?,
        name: name.to_string(),
        confidence,
    })
}

/// Who or what each mention was resolved to.
pub(crate) struct Resolved<'a> {
    pub persons: &'a HashMap<&'a str, &'a str>,
    pub objects: &'a HashMap<&'a str, &'a str>,
}

impl Resolved<'_> {
    fn entity(&self, mention: &str) -> Option<EntityId> {
        let id = self
            .persons
            .get(mention)
            .or_else(|| self.objects.get(mention))?;
        EntityId::try_from(*id).ok()
    }
}

/// One report's evidence, with the entities as it describes them.
pub(crate) fn report_evidence(
    r: &ReportInput,
    resolved: &Resolved<'_>,
) -> Result<(ReportEvidence, Vec<Entity>)> {
    let report = ReportRef::try_from(r.report_ref.as_str())
        .map_err(|e| AnalysisError::Graph(format!("report {}: {e}", r.report_ref)))?;
    let (mut evidence, mut described) = ReportEvidence::from_report(
        report,
        r.received,
        &r.grading,
        &r.crime_types,
        &r.entities,
        |m| resolved.entity(m),
    );
    let mut seen: HashSet<EntityId> = evidence.entities.iter().cloned().collect();
    for (mention, kind, value) in &r.text_mentions {
        let Some(id) = resolved.entity(mention) else {
            continue;
        };
        if *kind == EntityKind::Person {
            evidence.persons.push(PersonFacts {
                person: id.clone(),
                role: PersonRole::Unknown,
                age: r.text_ages.get(mention).copied(),
                indicators: Vec::new(),
                recorded: false,
            });
        }
        if seen.insert(id.clone()) {
            evidence.entities.push(id.clone());
        }
        let mut e = Entity::new(id, *kind);
        e.value = value.clone();
        described.push(e);
    }
    // A person named twice in one report (in its fields and its text) counts once per mention;
    // what is said of them by name goes on their first.
    for (mention, i) in &r.cues {
        let Some(id) = resolved.entity(mention) else {
            continue;
        };
        if let Some(facts) = evidence.persons.iter_mut().find(|p| p.person == id) {
            facts.indicators.push(i.clone());
        }
    }
    evidence.indicators = r.indicators.clone();
    Ok((evidence, described))
}

/// One report as the network sees it: its handling code, its evidence over the resolved
/// entities, and the entities as it describes them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SnapshotReport {
    pub report_ref: String,
    pub handling: HandlingCode,
    pub evidence: ReportEvidence,
    pub entities: Vec<Entity>,
}

/// What the last analysis built the network from, saved beside the groups
/// (`NetworkStore::save_network_snapshot`) so that the network can be built again for any
/// viewer from the reports that viewer may see — never cut down from the full network, where
/// counts and weights would still rest on reports hidden from them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NetworkSnapshot {
    /// The format of this record; [`NetworkSnapshot::VERSION`].
    pub version: u32,
    pub config: graph::Config,
    /// In report-ref order.
    pub reports: Vec<SnapshotReport>,
    /// Persons' names by person id: the name most often recorded, and the name a `P`-coded
    /// report gives (all a partner may be shown).
    pub names: BTreeMap<String, (String, Option<String>)>,
}

/// Whose names a network built from a snapshot carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// The name most often recorded: for the force's staff.
    Full,
    /// Only the name a `P`-coded report gives: for partners.
    Shareable,
}

impl NetworkSnapshot {
    pub const VERSION: u32 = 1;

    /// The saved snapshot, or `None` before the first analysis that saves one.
    pub async fn load(store: &dyn store::Store) -> Result<Option<NetworkSnapshot>> {
        let Some(text) = store.network().network_snapshot().await? else {
            return Ok(None);
        };
        let snapshot: NetworkSnapshot = serde_json::from_str(&text)
            .map_err(|e| AnalysisError::Graph(format!("the saved network cannot be read: {e}")))?;
        if snapshot.version != NetworkSnapshot::VERSION {
            return Ok(None);
        }
        Ok(Some(snapshot))
    }

    /// The stamp of the saved snapshot (it changes with every analysis), to tell whether one
    /// read earlier is still the latest.
    pub async fn stamp(store: &dyn store::Store) -> Result<Option<String>> {
        Ok(store.state(SNAPSHOT_STAMP).await?)
    }

    /// The network of the reports `keep` lets through (by ref and handling code), its persons
    /// named by `naming`. Built from those reports alone: nothing in it — an edge, a weight, a
    /// count of reports — rests on a report `keep` refused.
    pub fn network(
        &self,
        keep: impl Fn(&SnapshotReport) -> bool,
        naming: Naming,
    ) -> Result<Network> {
        let (entities, reports) = network_input(&self.reports, keep, |p| {
            self.names
                .get(p)
                .and_then(|(full, shareable)| match naming {
                    Naming::Full => Some(full.clone()),
                    Naming::Shareable => shareable.clone(),
                })
        });
        Network::build(self.config.clone(), entities, reports)
            .map_err(|e| AnalysisError::Graph(e.to_string()))
    }
}

/// The state key whose value changes whenever a new snapshot is saved.
const SNAPSHOT_STAMP: &str = "network.snapshot";

/// Every report's evidence and described entities, in report-ref order.
pub(crate) fn snapshot_reports(
    inputs: &[ReportInput],
    resolved: &Resolved<'_>,
) -> Result<Vec<SnapshotReport>> {
    let mut out = Vec::with_capacity(inputs.len());
    for r in inputs {
        let (evidence, entities) = report_evidence(r, resolved)?;
        out.push(SnapshotReport {
            report_ref: r.report_ref.clone(),
            handling: r.grading.handling,
            evidence,
            entities,
        });
    }
    out.sort_by(|a, b| a.evidence.report.cmp(&b.evidence.report));
    Ok(out)
}

/// Entities and evidence of the reports `keep` lets through, persons labelled by `name`.
pub(crate) fn network_input(
    reports: &[SnapshotReport],
    keep: impl Fn(&SnapshotReport) -> bool,
    name: impl Fn(&str) -> Option<String>,
) -> (Vec<Entity>, Vec<ReportEvidence>) {
    let mut entities: BTreeMap<EntityId, Entity> = BTreeMap::new();
    let mut kept = Vec::new();
    for r in reports.iter().filter(|r| keep(r)) {
        for e in &r.entities {
            match entities.get_mut(&e.id) {
                Some(known) => {
                    // The smallest value wins, as the network itself merges them.
                    if let Some(v) = &e.value
                        && known.value.as_ref().is_none_or(|k| v < k)
                    {
                        known.value = Some(v.clone());
                    }
                    if let Some(t) = e.location_type
                        && known.location_type.is_none_or(|k| t < k)
                    {
                        known.location_type = Some(t);
                    }
                }
                None => {
                    entities.insert(e.id.clone(), e.clone());
                }
            }
        }
        kept.push(r.evidence.clone());
    }
    for e in entities.values_mut() {
        if e.kind == EntityKind::Person {
            e.value = name(e.id.as_str());
        }
    }
    (entities.into_values().collect(), kept)
}

/// The weighing date for reports received up to `newest`: the first day of the month after
/// it. It moves once a month rather than with every report, so runs within a month can update
/// the saved network rather than weigh everything again.
pub(crate) fn as_of(newest: Option<time::Date>) -> time::Date {
    let newest = newest.unwrap_or_else(|| time::OffsetDateTime::now_utc().date());
    let (year, month) = match newest.month() {
        time::Month::December => (newest.year() + 1, time::Month::January),
        m => (newest.year(), m.next()),
    };
    time::Date::from_calendar_date(year, month, 1).unwrap_or(newest)
}

/// Groups as stored, with their ids: `ids[i]` is the id of `groups[i]`.
pub(crate) fn stored_groups(
    net: &Network,
    groups: &[&graph::Group],
    ids: &[String],
    visibility: Visibility,
    handling: &HashMap<&str, HandlingCode>,
) -> Result<Vec<StoredGroup>> {
    let mut out = Vec::with_capacity(groups.len());
    for (g, id) in groups.iter().zip(ids) {
        let group_reports: HashSet<&ReportRef> = g.reports.iter().collect();
        let mut members = Vec::with_capacity(g.members.len());
        for m in &g.members {
            let reports = net
                .reports_mentioning(&m.person)
                .map_err(|e| AnalysisError::Graph(e.to_string()))?
                .into_iter()
                .filter(|r| group_reports.contains(r))
                .map(|r| r.to_string())
                .collect();
            members.push(GroupMemberRow {
                person_id: m.person.to_string(),
                role: m.role.as_str().to_string(),
                reasons: m.reasons.clone(),
                reports,
            });
        }
        let mut reports = Vec::with_capacity(g.reports.len());
        for r in &g.reports {
            let code = handling.get(r.as_str()).copied().ok_or_else(|| {
                AnalysisError::Graph(format!("group {id} rests on report {r}, which is not held"))
            })?;
            if visibility == Visibility::Shareable && code != HandlingCode::P {
                return Err(AnalysisError::Graph(format!(
                    "shareable group {id} rests on {r}, which is {}-coded",
                    code.as_str()
                )));
            }
            reports.push(GroupReportRow {
                report_ref: r.to_string(),
                handling: code,
            });
        }
        out.push(StoredGroup {
            id: id.clone(),
            visibility,
            key: g.key.clone(),
            kind: g.kind.as_str().to_string(),
            label: g.label.clone(),
            crime_types: g
                .crime_types
                .iter()
                .map(|c| c.as_str().to_string())
                .collect(),
            reasons: g.reasons.clone(),
            members,
            deal_lines: g
                .deal_lines
                .iter()
                .map(|d| GroupDealLineRow {
                    phone: d.phone.to_string(),
                    number: d.number.clone(),
                    users: d.users.iter().map(|u| u.to_string()).collect(),
                    drug_reports: d.drug_reports as i64,
                })
                .collect(),
            objects: g
                .objects
                .iter()
                .map(|o| GroupObjectRow {
                    entity: o.entity.to_string(),
                    kind: o.kind.as_str().to_string(),
                    value: o.value.clone(),
                    cuckooed: o.cuckooed,
                })
                .collect(),
            reports,
        });
    }
    Ok(out)
}

/// The number after `grp_`.
pub(crate) fn group_number(id: &str) -> Option<u64> {
    id.strip_prefix("grp_")?.parse().ok()
}

/// What the network step did.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct NetworkSummary {
    /// `full` or `incremental`.
    pub mode: String,
    pub entities: u64,
    pub edges: u64,
    pub groups: u64,
    pub county_lines: u64,
    pub exploitation_networks: u64,
    pub ocgs: u64,
    /// Groups a partner may be shown (found again from `P`-coded reports).
    pub shareable_groups: u64,
    /// Entities in the parts of the network whose groups were worked out again.
    pub entities_recomputed: u64,
}

/// Builds both pictures, finds their groups, gives them stable ids and stores them.
pub(crate) async fn analyse_network(
    store: &std::sync::Arc<dyn store::Store>,
    inputs: Vec<ReportInput>,
    persons: HashMap<String, String>,
    objects: HashMap<String, String>,
    names: HashMap<String, (String, Option<String>)>,
) -> Result<NetworkSummary> {
    let previous: Vec<(String, Vec<EntityId>)> = store
        .network()
        .groups(Visibility::Full)
        .await?
        .into_iter()
        .map(|g| {
            let members = g
                .members
                .iter()
                .filter_map(|m| EntityId::try_from(m.person_id.as_str()).ok())
                .collect();
            (g.id, members)
        })
        .collect();
    let mut next = store
        .state(NEXT_GROUP)
        .await?
        .and_then(|n| n.parse::<u64>().ok())
        .unwrap_or(0)
        .max(
            previous
                .iter()
                .filter_map(|(id, _)| group_number(id))
                .max()
                .unwrap_or(0),
        );
    let handling: HashMap<String, HandlingCode> = inputs
        .iter()
        .map(|r| (r.report_ref.clone(), r.grading.handling))
        .collect();

    let (full, shareable, snapshot) =
        tokio::task::spawn_blocking(move || -> Result<(Network, Network, String)> {
            let persons: HashMap<&str, &str> = persons
                .iter()
                .map(|(m, p)| (m.as_str(), p.as_str()))
                .collect();
            let objects: HashMap<&str, &str> = objects
                .iter()
                .map(|(m, o)| (m.as_str(), o.as_str()))
                .collect();
            let resolved = Resolved {
                persons: &persons,
                objects: &objects,
            };
            let config = graph::Config::new(as_of(inputs.iter().map(|r| r.received).max()));
            let snapshot = NetworkSnapshot {
                version: NetworkSnapshot::VERSION,
                config,
                reports: snapshot_reports(&inputs, &resolved)?,
                names: names.into_iter().collect(),
            };
            let full = snapshot.network(|_| true, Naming::Full)?;
            let shareable =
                snapshot.network(|r| r.handling == HandlingCode::P, Naming::Shareable)?;
            let text = serde_json::to_string(&snapshot)
                .map_err(|e| AnalysisError::Graph(format!("the network cannot be saved: {e}")))?;
            Ok((full, shareable, text))
        })
        .await
        .map_err(|e| AnalysisError::Interrupted(e.to_string()))??;

    let handling: HashMap<&str, HandlingCode> =
        handling.iter().map(|(r, h)| (r.as_str(), *h)).collect();
    let groups = full.groups();
    let ids = graph::stable_group_ids(&groups, &previous, &mut next);
    let mut rows = stored_groups(&full, &groups, &ids, Visibility::Full, &handling)?;

    // A partner's view of a group is the group found from shareable evidence that overlaps it
    // most; one found only there is no group of the force's and is not shown.
    let now: Vec<(String, Vec<EntityId>)> = groups
        .iter()
        .zip(&ids)
        .map(|(g, id)| {
            (
                id.clone(),
                g.members.iter().map(|m| m.person.clone()).collect(),
            )
        })
        .collect();
    let known: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let partner_groups = shareable.groups();
    let mut scratch = next;
    let partner_ids = graph::stable_group_ids(&partner_groups, &now, &mut scratch);
    let (kept, kept_ids): (Vec<&graph::Group>, Vec<String>) = partner_groups
        .iter()
        .zip(partner_ids)
        .filter(|(_, id)| known.contains(id.as_str()))
        .map(|(g, id)| (*g, id))
        .unzip();
    rows.extend(stored_groups(
        &shareable,
        &kept,
        &kept_ids,
        Visibility::Shareable,
        &handling,
    )?);
    store.network().replace_groups(&rows).await?;
    store.set_state(NEXT_GROUP, &next.to_string()).await?;
    // The snapshot first, then its stamp: a reader that sees the new stamp reads the new
    // snapshot; one that read the old stamp reads the snapshot again at its next look.
    store.network().save_network_snapshot(&snapshot).await?;
    let stamp = time::OffsetDateTime::now_utc().unix_timestamp_nanos();
    store.set_state(SNAPSHOT_STAMP, &stamp.to_string()).await?;

    let count = |kind: graph::GroupKind| groups.iter().filter(|g| g.kind == kind).count() as u64;
    Ok(NetworkSummary {
        mode: "full".into(),
        entities: full.entity_count() as u64,
        edges: full.edge_count() as u64,
        groups: groups.len() as u64,
        county_lines: count(graph::GroupKind::CountyLine),
        exploitation_networks: count(graph::GroupKind::ExploitationNetwork),
        ocgs: count(graph::GroupKind::Ocg),
        shareable_groups: kept.len() as u64,
        entities_recomputed: full.entity_count() as u64,
    })
}

/// The state key holding the last group number given out, so a number is never given twice.
const NEXT_GROUP: &str = "network.next_group";
