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

impl ReportInput {
    pub(crate) fn shareable(&self) -> bool {
        self.grading.handling == HandlingCode::P
    }
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

/// Entities and evidence of the reports `keep` lets through, persons labelled by `name`.
pub(crate) fn network_input(
    inputs: &[ReportInput],
    resolved: &Resolved<'_>,
    keep: impl Fn(&ReportInput) -> bool,
    name: impl Fn(&str) -> Option<String>,
) -> Result<(Vec<Entity>, Vec<ReportEvidence>)> {
    let mut entities: BTreeMap<EntityId, Entity> = BTreeMap::new();
    let mut reports = Vec::new();
    for r in inputs.iter().filter(|r| keep(r)) {
        let (evidence, described) = report_evidence(r, resolved)?;
        for e in described {
            match entities.get_mut(&e.id) {
                Some(known) => {
                    // The smallest value wins, as the network itself merges them.
                    if let Some(v) = e.value
                        && known.value.as_ref().is_none_or(|k| v < *k)
                    {
                        known.value = Some(v);
                    }
                    if let Some(t) = e.location_type
                        && known.location_type.is_none_or(|k| t < k)
                    {
                        known.location_type = Some(t);
                    }
                }
                None => {
                    entities.insert(e.id.clone(), e);
                }
            }
        }
        reports.push(evidence);
    }
    for e in entities.values_mut() {
        if e.kind == EntityKind::Person {
            e.value = name(e.id.as_str());
        }
    }
    reports.sort_by(|a, b| a.report.cmp(&b.report));
    Ok((entities.into_values().collect(), reports))
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

    let (full, shareable) = tokio::task::spawn_blocking(move || -> Result<(Network, Network)> {
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
        let graph_err = |e: graph::GraphError| AnalysisError::Graph(e.to_string());
        let (entities, reports) = network_input(
            &inputs,
            &resolved,
            |_| true,
            |p| names.get(p).map(|(n, _)| n.clone()),
        )?;
        let full = Network::build(config.clone(), entities, reports).map_err(graph_err)?;
        let (entities, reports) = network_input(&inputs, &resolved, ReportInput::shareable, |p| {
            names.get(p).and_then(|(_, n)| n.clone())
        })?;
        let shareable = Network::build(config, entities, reports).map_err(graph_err)?;
        Ok((full, shareable))
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
