//! `analyse`: read every current report, resolve, and save what changed.

use crate::{AnalysisError, Result};
use model::EntityKind;
use resolve::{BlockingReport, Decisions, Model, PersonRecord, Resolver, Settings, TrainingReport};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use store::{NewAuditEntry, ObjectAssignment, PersonAssignment, Store};

/// How to analyse.
#[derive(Debug, Clone)]
pub struct AnalyseOptions {
    /// Train a new resolution model even if one is saved.
    pub retrain: bool,
    /// Work every component out again rather than only what changed.
    pub rebuild: bool,
    pub settings: Settings,
    /// Who is running the analysis, for the audit trail.
    pub actor: String,
}

impl Default for AnalyseOptions {
    fn default() -> AnalyseOptions {
        AnalyseOptions {
            retrain: false,
            rebuild: false,
            settings: Settings::default(),
            actor: "sightline".to_string(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonsSummary {
    pub mentions: u64,
    /// Of those, people found in reports' text rather than their structured fields.
    pub from_text: u64,
    pub persons: u64,
    /// `full` or `incremental`.
    pub mode: &'static str,
    /// Mentions whose component was worked out again.
    pub reclustered: u64,
    /// Mentions whose person changed, were added or went.
    pub changed: u64,
    pub model_id: i64,
    pub trained: bool,
    /// Persons flagged as possibly exploited.
    pub flagged: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectsSummary {
    pub phones: u64,
    pub vehicles: u64,
    pub places: u64,
}

/// What an analysis did: the counts, and the blocking and training reports when they ran.
#[derive(Debug, Clone, Serialize)]
pub struct AnalyseSummary {
    pub reports: u64,
    pub persons: PersonsSummary,
    pub objects: ObjectsSummary,
    pub network: crate::network::NetworkSummary,
    /// Threats on the master list: groups and promoted persons or deal lines.
    pub threats: u64,
    pub blocking: Option<BlockingReport>,
    pub training: Option<TrainingReport>,
    pub seconds: f64,
    /// How long each phase took.
    pub timings: Vec<PhaseTime>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhaseTime {
    pub phase: &'static str,
    pub seconds: f64,
}

/// What each report contributes to a sighting of a person.
struct ReportMeta {
    report_ref: String,
    received: time::Date,
    source_type: model::SourceType,
    source_org: Option<String>,
    reliance: f64,
    grading: String,
    crime_types: Vec<model::CrimeType>,
    area: Option<String>,
    /// `P`-coded: what a partner may be shown.
    shareable: bool,
}

/// A person mention's place in its report.
struct SightingBase {
    report: usize,
    role: model::PersonRole,
    age: Option<model::AgeRange>,
    /// The name as the report gives it, and the date of birth.
    name: Option<String>,
    dob: Option<String>,
    /// Found in the report's text rather than its structured fields.
    from_text: bool,
    /// The report records them living at one of its places.
    resident: bool,
}

/// The object mentions of the picture: phones, vehicles and places, for resolution by key.
struct ObjectMentions {
    phones: Vec<(String, Option<String>)>,
    vehicles: Vec<(String, Option<String>)>,
    places: Vec<(String, Option<model::Address>)>,
}

/// Brings the resolved picture up to date.
pub async fn analyse(store: &Arc<dyn Store>, options: AnalyseOptions) -> Result<AnalyseSummary> {
    use futures::TryStreamExt;
    let started = std::time::Instant::now();
    let mut timings: Vec<(&'static str, f64)> = Vec::new();
    let mut lap = std::time::Instant::now();
    let mut mark = |phase: &'static str, timings: &mut Vec<(&'static str, f64)>| {
        timings.push((phase, lap.elapsed().as_secs_f64()));
        lap = std::time::Instant::now();
    };

    // Everything current: person records and object mentions.
    let mut people: Vec<PersonRecord> = Vec::new();
    let mut objects = ObjectMentions {
        phones: Vec::new(),
        vehicles: Vec::new(),
        places: Vec::new(),
    };
    let mut reports = 0u64;
    let mut texts: Vec<(String, time::Date, String, model::Entities)> = Vec::new();
    let mut metas: Vec<ReportMeta> = Vec::new();
    let mut gradings: Vec<(model::Grading, Vec<model::CrimeType>)> = Vec::new();
    let mut sightings: HashMap<String, SightingBase> = HashMap::new();
    let mut stream = store.reports();
    while let Some(r) = stream.try_next().await? {
        reports += 1;
        let report = metas.len();
        metas.push(ReportMeta {
            report_ref: r.report_ref.clone(),
            received: r.received.date(),
            source_type: r.source_type,
            source_org: r.source_org.clone(),
            reliance: r.grading.reliance(),
            grading: r.grading.code(),
            crime_types: r.crime_types.clone(),
            area: r.area.clone(),
            shareable: r.grading.handling == model::HandlingCode::P,
        });
        for p in &r.entities.persons {
            sightings.insert(
                format!("{}#{}", r.report_ref, p.id),
                SightingBase {
                    report,
                    role: p.role,
                    age: p.age_at(r.received.date()),
                    name: p
                        .name
                        .as_ref()
                        .map(|n| n.display())
                        .filter(|n| !n.is_empty()),
                    dob: p.dob.and_then(|d| d.iso()),
                    from_text: false,
                    resident: r.entities.links.iter().any(|l| {
                        l.from == p.id
                            && l.link_type == model::LinkType::LivesAt
                            && r.entities.locations.iter().any(|loc| loc.id == l.to)
                    }),
                },
            );
        }
        people.extend(resolve::prepare_report(
            &r.report_ref,
            r.received.date(),
            &r.entities,
        ));
        let id = |local: &model::LocalId| format!("{}#{}", r.report_ref, local);
        for p in &r.entities.phones {
            objects
                .phones
                .push((id(&p.id), Some(p.phone.key()).filter(|k| !k.is_empty())));
        }
        for v in &r.entities.vehicles {
            objects
                .vehicles
                .push((id(&v.id), v.vrm.as_ref().and_then(|v| v.normalised.clone())));
        }
        for l in &r.entities.locations {
            objects.places.push((id(&l.id), l.address.clone()));
        }
        gradings.push((r.grading.clone(), r.crime_types.clone()));
        texts.push((r.report_ref, r.received.date(), r.text, r.entities));
    }
    drop(stream);

    mark("read reports", &mut timings);
    // What the reports' text adds, found in parallel.
    let (texts, found) = tokio::task::spawn_blocking(move || {
        use rayon::prelude::*;
        let found: Vec<crate::text::TextMentions> = texts
            .par_iter()
            .map(|(r, received, text, entities)| {
                crate::text::text_mentions(r, *received, text, entities)
            })
            .collect();
        (texts, found)
    })
    .await
    .map_err(|e| AnalysisError::Interrupted(e.to_string()))?;
    let mut text_persons = 0u64;
    let mut text_rows: Vec<store::TextMention> = Vec::new();
    let mut indicator_rows: Vec<store::TextIndicator> = Vec::new();
    let mut cues: HashMap<String, Vec<assess::Cue>> = HashMap::new();
    let report_index: HashMap<&str, usize> = metas
        .iter()
        .enumerate()
        .map(|(i, m)| (m.report_ref.as_str(), i))
        .collect();
    let mut inputs: Vec<crate::network::ReportInput> = Vec::with_capacity(texts.len());
    for ((f, (report_ref, received, _, entities)), (grading, crime_types)) in
        found.into_iter().zip(texts).zip(gradings)
    {
        inputs.push(report_input(
            report_ref,
            received,
            grading,
            crime_types,
            entities,
            &f,
        ));
        text_persons += f.persons.len() as u64;
        for p in &f.persons {
            let Some((report_ref, _)) = p.mention.split_once('#') else {
                continue;
            };
            let Some(&report) = report_index.get(report_ref) else {
                continue;
            };
            let year = metas[report].received.year();
            sightings.insert(
                p.mention.clone(),
                SightingBase {
                    report,
                    role: model::PersonRole::Unknown,
                    age: p.dob.map(|d| {
                        let (from, to) = d.years();
                        model::AgeRange {
                            min: (year - to).clamp(0, 120) as u8,
                            max: (year - from).clamp(0, 120) as u8,
                        }
                    }),
                    name: text_name(p),
                    dob: p.dob.and_then(|d| match d {
                        resolve::Dob::Day { year, month, day } => {
                            Some(format!("{year:04}-{month:02}-{day:02}"))
                        }
                        _ => None,
                    }),
                    from_text: true,
                    resident: false,
                },
            );
        }
        for (mention, cue) in f.cues {
            cues.entry(mention).or_default().push(cue);
        }
        let data: HashMap<&str, String> = f
            .persons
            .iter()
            .map(|p| {
                (
                    p.mention.as_str(),
                    serde_json::to_string(p).unwrap_or_default(),
                )
            })
            .collect();
        for (mention, kind, display) in &f.displays {
            text_rows.push(store::TextMention {
                report_ref: mention
                    .split_once('#')
                    .map(|(r, _)| r.to_string())
                    .unwrap_or_default(),
                data: data
                    .get(mention.as_str())
                    .cloned()
                    .unwrap_or_else(|| "{}".into()),
                mention: mention.clone(),
                kind: *kind,
                display: display.clone(),
            });
        }
        indicator_rows.extend(f.indicators);
        people.extend(f.persons);
        objects.phones.extend(f.phones);
        objects.vehicles.extend(f.vehicles);
        objects.places.extend(f.places);
    }

    mark("read text", &mut timings);
    let (decisions, decided) = in_force(store).await?;
    let saved_model = if options.retrain {
        None
    } else {
        store.latest_model().await?
    };
    let previous: Vec<PersonAssignment> = store.person_assignments().await?;
    let settings = options.settings.clone();

    // The heavy work runs off the async threads.
    let (resolver, training, blocking, mode, reclustered, model_to_save) =
        tokio::task::spawn_blocking({
            let previous = previous.clone();
            move || -> Result<_> {
                match saved_model {
                    Some(saved) => {
                        let model: Model = serde_json::from_str(&saved.model)
                            .map_err(|e| AnalysisError::Model(e.to_string()))?;
                        if options.rebuild || previous.is_empty() {
                            let (r, build) = Resolver::build(people, model, settings, decisions);
                            let n = r.len() as u64;
                            Ok((r, None, Some(build.blocking), "full", n, None))
                        } else {
                            let saved: HashMap<String, (String, String)> = previous
                                .into_iter()
                                .map(|a| (a.mention, (a.person_id, a.component)))
                                .collect();
                            let (known, new): (Vec<_>, Vec<_>) = people
                                .into_iter()
                                .partition(|p| saved.contains_key(&p.mention));
                            let (r, add) = Resolver::restore(
                                known, new, &saved, &decided, model, settings, decisions,
                            );
                            Ok((r, None, None, "incremental", add.reclustered, None))
                        }
                    }
                    None => {
                        let (r, training, build) =
                            Resolver::train_and_build(people, settings, decisions);
                        let n = r.len() as u64;
                        let model = r.model().clone();
                        Ok((
                            r,
                            Some(training),
                            Some(build.blocking),
                            "full",
                            n,
                            Some(model),
                        ))
                    }
                }
            }
        })
        .await
        .map_err(|e| AnalysisError::Interrupted(e.to_string()))??;

    mark("resolve persons", &mut timings);
    let model_id = match (&model_to_save, &training) {
        (Some(model), Some(training)) => {
            store
                .save_model(
                    &serde_json::to_string(model)
                        .map_err(|e| AnalysisError::Model(e.to_string()))?,
                    &serde_json::to_string(training)
                        .map_err(|e| AnalysisError::Model(e.to_string()))?,
                )
                .await?
        }
        _ => store.latest_model().await?.map(|m| m.id).unwrap_or(0),
    };

    // Person ids, stable across runs; save only what changed.
    let before: HashMap<String, (String, String)> = previous
        .into_iter()
        .map(|a| (a.mention, (a.person_id, a.component)))
        .collect();
    let previous_ids: HashMap<String, String> = before
        .iter()
        .map(|(m, (p, _))| (m.clone(), p.clone()))
        .collect();
    let mut next = previous_ids
        .values()
        .filter_map(|p| resolve::person_number(p))
        .max()
        .unwrap_or(0);
    let clusters = resolver.clusters();
    let ids = resolve::person_ids(&clusters, &previous_ids, &mut next);
    let component_label: HashMap<&str, String> = {
        let mut first: HashMap<u32, &str> = HashMap::new();
        let assignments: Vec<(&str, u32, u32)> = resolver.assignments().collect();
        for (m, _, c) in &assignments {
            let e = first.entry(*c).or_insert(m);
            if *m < *e {
                *e = m;
            }
        }
        assignments
            .iter()
            .map(|(m, _, c)| (*m, first[c].to_string()))
            .collect()
    };
    let mut upserts = Vec::new();
    let mut present: HashSet<&str> = HashSet::new();
    for (cluster, id) in clusters.iter().zip(&ids) {
        for m in cluster {
            present.insert(m);
            let component = component_label[m].clone();
            let unchanged = before
                .get(*m)
                .is_some_and(|(p, c)| p == id && *c == component);
            if !unchanged {
                upserts.push(PersonAssignment {
                    mention: m.to_string(),
                    person_id: id.clone(),
                    component,
                });
            }
        }
    }
    let removed: Vec<String> = before
        .keys()
        .filter(|m| !present.contains(m.as_str()))
        .cloned()
        .collect();
    let changed = (upserts.len() + removed.len()) as u64;
    store
        .update_person_assignments(&upserts, &removed, false)
        .await?;

    mark("save persons", &mut timings);

    // Who is at risk, and why.
    let config = assess::VulnerabilityConfig::shipped();
    let today = time::OffsetDateTime::now_utc().date();
    let assessed: Vec<(store::VulnerabilityRow, Vec<assess::Category>)> = {
        use rayon::prelude::*;
        clusters
            .par_iter()
            .zip(ids.par_iter())
            .map(|(cluster, id)| {
                let seen: Vec<assess::Sighting> = cluster
                    .iter()
                    .filter_map(|m| {
                        let base = sightings.get(*m)?;
                        let meta = &metas[base.report];
                        Some(assess::Sighting {
                            report: meta.report_ref.clone(),
                            received: meta.received,
                            source_type: meta.source_type,
                            source_org: meta.source_org.clone(),
                            reliance: meta.reliance,
                            grading: meta.grading.clone(),
                            role: base.role,
                            age: base.age,
                            crime_types: meta.crime_types.clone(),
                            cues: cues.get(*m).cloned().unwrap_or_default(),
                            resident: base.resident,
                        })
                    })
                    .collect();
                let v = assess::assess(&seen, &[], &config, today);
                let row = store::VulnerabilityRow {
                    person_id: id.clone(),
                    flagged: v.flagged,
                    score: v.score,
                    categories: v
                        .categories
                        .iter()
                        .map(|c| c.as_str().to_string())
                        .collect(),
                    assessment: serde_json::to_string(&v).unwrap_or_default(),
                    flagged_since: None,
                };
                (row, v.categories)
            })
            .filter(|(row, _)| row.score > 0.0)
            .collect()
    };
    let mut harm_persons: HashMap<String, crate::threats::PersonBase> = HashMap::new();
    let assessments: Vec<store::VulnerabilityRow> = assessed
        .into_iter()
        .map(|(row, categories)| {
            harm_persons.insert(
                row.person_id.clone(),
                crate::threats::PersonBase {
                    flagged: row.flagged,
                    categories,
                    ..Default::default()
                },
            );
            row
        })
        .collect();
    let flagged = assessments.iter().filter(|a| a.flagged).count() as u64;
    store.replace_vulnerabilities(&assessments).await?;
    mark("assess vulnerability", &mut timings);
    let profiles: Vec<store::PersonProfile> = {
        use rayon::prelude::*;
        clusters
            .par_iter()
            .zip(ids.par_iter())
            .map(|(cluster, id)| profile(id, cluster, &sightings, &metas))
            .collect()
    };
    store.replace_person_profiles(&profiles).await?;
    mark("save profiles", &mut timings);
    let mut picture = harm_picture(
        &clusters,
        &ids,
        &profiles,
        &sightings,
        &metas,
        &cues,
        &indicator_rows,
        harm_persons,
    );
    store
        .replace_text_findings(&text_rows, &indicator_rows)
        .await?;
    mark("save text findings", &mut timings);

    // Phones, vehicles and places.
    let (object_rows, objects_summary) = resolve_objects(objects);
    store.replace_object_assignments(&object_rows).await?;
    for o in &object_rows {
        if o.kind == EntityKind::Phone
            && let Some((report, _)) = o.mention.split_once('#')
        {
            let reports = picture
                .phone_reports
                .entry(o.entity_id.clone())
                .or_default();
            if !reports.iter().any(|r| r == report) {
                reports.push(report.to_string());
            }
        }
    }
    mark("resolve and save objects", &mut timings);

    // The network and its groups.
    let person_of: HashMap<String, String> = clusters
        .iter()
        .zip(&ids)
        .flat_map(|(cluster, id)| cluster.iter().map(move |m| (m.to_string(), id.clone())))
        .collect();
    let object_of: HashMap<String, String> = object_rows
        .into_iter()
        .map(|o| (o.mention, o.entity_id))
        .collect();
    let names: HashMap<String, (String, Option<String>)> = profiles
        .into_iter()
        .map(|p| (p.person_id, (p.display_name, p.shareable_name)))
        .collect();
    let network =
        crate::network::analyse_network(store, inputs, person_of, object_of, names).await?;
    mark("network and groups", &mut timings);

    // The threat master list: groups and promotions, assessed for harm and ranked.
    let groups = store.network().groups(store::Visibility::Full).await?;
    let promotions = store.master_list().promotions(true).await?;
    let threats = crate::threats::master_list(
        &groups,
        &promotions,
        &picture,
        &assess::HarmConfig::shipped(),
        today,
    );
    store.master_list().replace_threats(&threats).await?;
    mark("assess harm", &mut timings);

    let summary = AnalyseSummary {
        reports,
        persons: PersonsSummary {
            mentions: resolver.len() as u64,
            from_text: text_persons,
            persons: clusters.len() as u64,
            mode,
            reclustered,
            changed,
            model_id,
            trained: training.is_some(),
            flagged,
        },
        objects: objects_summary,
        network,
        threats: threats.len() as u64,
        blocking,
        training,
        seconds: started.elapsed().as_secs_f64(),
        timings: timings
            .into_iter()
            .map(|(phase, seconds)| PhaseTime { phase, seconds })
            .collect(),
    };
    store
        .append_audit(NewAuditEntry {
            actor: options.actor.clone(),
            action: "analyse".into(),
            reason: None,
            subject: None,
            details: serde_json::json!({
                "reports": summary.reports,
                "mentions": summary.persons.mentions,
                "persons": summary.persons.persons,
                "mode": summary.persons.mode,
                "changed": summary.persons.changed,
                "model": summary.persons.model_id,
                "trained": summary.persons.trained,
                "groups": summary.network.groups,
                "threats": summary.threats,
            }),
        })
        .await?;
    Ok(summary)
}

/// What the threat master list needs of the picture: each report's grading, area, people and
/// signs of harm, and each person's name, age, exploitation and debts.
#[allow(clippy::too_many_arguments)]
fn harm_picture(
    clusters: &[Vec<&str>],
    ids: &[String],
    profiles: &[store::PersonProfile],
    sightings: &HashMap<String, SightingBase>,
    metas: &[ReportMeta],
    cues: &HashMap<String, Vec<assess::Cue>>,
    indicators: &[store::TextIndicator],
    mut persons: HashMap<String, crate::threats::PersonBase>,
) -> crate::threats::Picture {
    let mut signs: HashMap<&str, Vec<assess::HarmCue>> = HashMap::new();
    for i in indicators {
        if let Some(cue) = assess::HarmCue::from_indicator(&i.indicator, &i.quote) {
            signs.entry(i.report_ref.as_str()).or_default().push(cue);
        }
    }
    let mut report_persons: Vec<Vec<String>> = vec![Vec::new(); metas.len()];
    let mut report_victims: Vec<Vec<String>> = vec![Vec::new(); metas.len()];
    for (cluster, id) in clusters.iter().zip(ids) {
        let base = persons.entry(id.clone()).or_default();
        let mut seen: Vec<usize> = Vec::new();
        for m in cluster {
            let Some(s) = sightings.get(*m) else {
                continue;
            };
            if s.age.is_some_and(|a| a.max < 18) {
                base.child = true;
            }
            if cues.get(*m).is_some_and(|c| {
                c.iter()
                    .any(|c| crate::threats::wages_or_debt(&c.indicator))
            }) {
                base.wages_or_debt = true;
            }
            if !seen.contains(&s.report) {
                seen.push(s.report);
            }
            if !s.from_text && s.role == model::PersonRole::Victim {
                report_victims[s.report].push(id.clone());
            }
        }
        seen.sort_unstable();
        for r in &seen {
            report_persons[*r].push(id.clone());
        }
        base.reports = seen.iter().map(|r| metas[*r].report_ref.clone()).collect();
    }
    for p in profiles {
        if let Some(base) = persons.get_mut(&p.person_id) {
            base.name = p.display_name.clone();
        }
    }
    let reports = metas
        .iter()
        .zip(report_persons.into_iter().zip(report_victims))
        .map(|(m, (persons, victims))| {
            (
                m.report_ref.clone(),
                crate::threats::ReportBase {
                    facts: assess::ReportFacts {
                        report: m.report_ref.clone(),
                        received: m.received,
                        source_type: m.source_type,
                        source_org: m.source_org.clone(),
                        reliance: m.reliance,
                        crime_types: m.crime_types.clone(),
                        cues: signs.remove(m.report_ref.as_str()).unwrap_or_default(),
                    },
                    area: m.area.clone(),
                    persons,
                    victims,
                },
            )
        })
        .collect();
    crate::threats::Picture {
        reports,
        persons,
        phone_reports: HashMap::new(),
    }
}

/// What a report gives the network: its fields, and what its text adds (`found`).
fn report_input(
    report_ref: String,
    received: time::Date,
    grading: model::Grading,
    crime_types: Vec<model::CrimeType>,
    entities: model::Entities,
    found: &crate::text::TextMentions,
) -> crate::network::ReportInput {
    use crate::network::indicator;
    let year = received.year();
    let text_ages = found
        .persons
        .iter()
        .filter_map(|p| {
            let (from, to) = p.dob?.years();
            Some((
                p.mention.clone(),
                model::AgeRange {
                    min: (year - to).clamp(0, 120) as u8,
                    max: (year - from).clamp(0, 120) as u8,
                },
            ))
        })
        .collect();
    let phones: HashMap<&str, &Option<String>> =
        found.phones.iter().map(|(m, k)| (m.as_str(), k)).collect();
    let vehicles: HashMap<&str, &Option<String>> = found
        .vehicles
        .iter()
        .map(|(m, k)| (m.as_str(), k))
        .collect();
    let text_mentions = found
        .displays
        .iter()
        .map(|(mention, kind, display)| {
            let value = match kind {
                EntityKind::Phone => phones.get(mention.as_str()).and_then(|k| (*k).clone()),
                EntityKind::Vehicle => vehicles.get(mention.as_str()).and_then(|k| (*k).clone()),
                EntityKind::Location => Some(display.clone()),
                EntityKind::Person => None,
            };
            (mention.clone(), *kind, value)
        })
        .collect();
    crate::network::ReportInput {
        report_ref,
        received,
        grading,
        crime_types,
        entities,
        text_mentions,
        text_ages,
        indicators: found
            .indicators
            .iter()
            .filter_map(|i| indicator(&i.family, &i.indicator, i.confidence))
            .collect(),
        cues: found
            .cues
            .iter()
            .filter(|(_, c)| c.direct)
            .filter_map(|(m, c)| {
                Some((m.clone(), indicator(&c.family, &c.indicator, c.confidence)?))
            })
            .collect(),
    }
}

/// A person found in text, named as a report's fields would name them: forenames as words,
/// the surname in capitals.
fn text_name(p: &PersonRecord) -> Option<String> {
    let word = |w: &String| {
        let mut c = w.chars();
        c.next()
            .map(|f| {
                f.to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect()
            })
            .unwrap_or_default()
    };
    let parts: Vec<String> = p
        .forename
        .iter()
        .chain(&p.middle)
        .map(word)
        .chain(p.surname.iter().map(|s| s.to_uppercase()))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The most often recorded of `names` (the longest, then the first alphabetically, on a tie).
fn commonest<'a>(names: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for n in names {
        *counts.entry(n).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| {
            a.1.cmp(&b.1)
                .then(a.0.len().cmp(&b.0.len()))
                .then(b.0.cmp(a.0))
        })
        .map(|(n, _)| n.to_string())
}

/// One resolved person's profile, from their sightings.
fn profile(
    id: &str,
    cluster: &[&str],
    sightings: &HashMap<String, SightingBase>,
    metas: &[ReportMeta],
) -> store::PersonProfile {
    let seen: Vec<&SightingBase> = cluster.iter().filter_map(|m| sightings.get(*m)).collect();
    let names: std::collections::BTreeSet<&str> =
        seen.iter().filter_map(|s| s.name.as_deref()).collect();
    let dobs: std::collections::BTreeSet<&str> =
        seen.iter().filter_map(|s| s.dob.as_deref()).collect();
    let reports: HashSet<usize> = seen.iter().map(|s| s.report).collect();
    let dates = seen.iter().map(|s| metas[s.report].received);
    let (first, last) = (dates.clone().min(), dates.max());
    let latest_age = seen
        .iter()
        .filter(|s| s.age.is_some())
        .max_by_key(|s| metas[s.report].received)
        .and_then(|s| s.age)
        .map(|a| (a.min, a.max));
    let mut roles: std::collections::BTreeMap<String, i64> = Default::default();
    for s in &seen {
        let role = if s.from_text {
            "named_in_text"
        } else {
            s.role.as_str()
        };
        *roles.entry(role.to_string()).or_default() += 1;
    }
    let display_name = commonest(seen.iter().filter_map(|s| s.name.as_deref()))
        .unwrap_or_else(|| format!("Unnamed person {id}"));
    let shareable_name = commonest(
        seen.iter()
            .filter(|s| metas[s.report].shareable)
            .filter_map(|s| s.name.as_deref()),
    );
    let day = |d: Option<time::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    store::PersonProfile {
        person_id: id.to_string(),
        display_name,
        shareable_name,
        names: names.into_iter().map(String::from).collect(),
        dobs: dobs.into_iter().map(String::from).collect(),
        age: latest_age,
        mentions: cluster.len() as i64,
        reports: reports.len() as i64,
        first_seen: day(first),
        last_seen: day(last),
        roles,
    }
}

/// The analysts' decisions in force, and every mention any decision (withdrawn ones too) has
/// named: their components are worked out again, so that withdrawing a decision undoes it.
async fn in_force(store: &Arc<dyn Store>) -> Result<(Decisions, Vec<String>)> {
    let mut d = Decisions::default();
    let mut decided = Vec::new();
    for decision in store.decisions().await? {
        decided.push(decision.mention_a.clone());
        decided.push(decision.mention_b.clone());
        if !decision.in_force() {
            continue;
        }
        let pair = (decision.mention_a, decision.mention_b);
        if decision.same {
            d.same.push(pair);
        } else {
            d.different.push(pair);
        }
    }
    Ok((d, decided))
}

fn resolve_objects(objects: ObjectMentions) -> (Vec<ObjectAssignment>, ObjectsSummary) {
    let mut rows = Vec::new();
    let mut summary = ObjectsSummary {
        phones: 0,
        vehicles: 0,
        places: 0,
    };
    for (kind, prefix, items) in [
        (EntityKind::Phone, "phn", objects.phones),
        (EntityKind::Vehicle, "veh", objects.vehicles),
    ] {
        let keys: Vec<Option<String>> = items.iter().map(|(_, k)| k.clone()).collect();
        let clusters = resolve::objects::by_key(&keys);
        let mut distinct = HashSet::new();
        for ((mention, key), cluster) in items.iter().zip(&clusters) {
            // The id names the key itself when there is one, so it never changes.
            let id = match key {
                Some(k) => format!("{prefix}_{}", k.trim_start_matches('+')),
                None => format!("{prefix}_{}", mention.replace('#', "_")),
            };
            distinct.insert(*cluster);
            rows.push(ObjectAssignment {
                mention: mention.clone(),
                kind,
                entity_id: id,
            });
        }
        match kind {
            EntityKind::Phone => summary.phones = distinct.len() as u64,
            _ => summary.vehicles = distinct.len() as u64,
        }
    }
    let addresses: Vec<Option<&model::Address>> =
        objects.places.iter().map(|(_, a)| a.as_ref()).collect();
    let clusters = resolve::objects::premises(&addresses);
    // A place is named by the smallest premises key (or mention) in its cluster.
    let mut names: HashMap<u32, String> = HashMap::new();
    for ((mention, address), cluster) in objects.places.iter().zip(&clusters) {
        let key = address
            .as_ref()
            .and_then(|a| a.premises_key())
            .unwrap_or_else(|| mention.clone());
        let e = names.entry(*cluster).or_insert_with(|| key.clone());
        if key < *e {
            *e = key;
        }
    }
    summary.places = names.len() as u64;
    for ((mention, _), cluster) in objects.places.iter().zip(&clusters) {
        rows.push(ObjectAssignment {
            mention: mention.clone(),
            kind: EntityKind::Location,
            entity_id: format!("loc_{}", short_hash(&names[cluster])),
        });
    }
    (rows, summary)
}

/// A short, stable hexadecimal digest of a key, for ids that should not spell out an address.
fn short_hash(key: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(key.as_bytes());
    digest[..6].iter().map(|b| format!("{b:02x}")).collect()
}
