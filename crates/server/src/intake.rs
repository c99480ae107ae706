//! Intelligence entering through the application — the officer's report form, the partner
//! portal, the community page, the API — and re-grading or sanitising in triage.
//!
//! Every submission is turned into an exchange-v1 record and goes through exactly the reader
//! that `sightline ingest` uses (`ingest::parse_line`), so the same validation and
//! normalisation apply whichever way intelligence arrives. A re-grade or a sanitised text is a
//! new version of the report; the earlier version is kept.

use crate::error::Failure;
use crate::state::AppState;
use serde::Deserialize;
use store::{IngestId, NewReport, Workflow, WriteOutcome};
use time::OffsetDateTime;

/// A person as a form gives them.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PersonDraft {
    pub name: Option<String>,
    pub dob: Option<String>,
    pub age_estimate: Option<String>,
    pub gender: Option<String>,
    pub nationality: Option<String>,
    pub role: Option<String>,
}

/// A place, phone or vehicle, optionally tied to the report's first person.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LocationDraft {
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub location_type: Option<String>,
    /// Link to the person with this index (0-based) as `lives_at`.
    pub person: Option<usize>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PhoneDraft {
    pub number: Option<String>,
    pub person: Option<usize>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct VehicleDraft {
    pub vrm: Option<String>,
    pub make: Option<String>,
    pub model: Option<String>,
    pub colour: Option<String>,
    pub person: Option<usize>,
}

/// A report as submitted through the application.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub source_type: String,
    pub source_org: Option<String>,
    pub grading_source: String,
    pub grading_intel: String,
    pub handling: String,
    pub conditions: Option<String>,
    pub crime_types: Vec<String>,
    pub area: Option<String>,
    pub text: String,
    pub persons: Vec<PersonDraft>,
    pub locations: Vec<LocationDraft>,
    pub phones: Vec<PhoneDraft>,
    pub vehicles: Vec<VehicleDraft>,
}

fn blank_to_none(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

impl Draft {
    /// The exchange-v1 record of this draft.
    pub fn to_exchange(&self, report_ref: &str, received: OffsetDateTime) -> serde_json::Value {
        use serde_json::{Value, json};
        let mut persons = Vec::new();
        let mut links = Vec::new();
        for (i, p) in self.persons.iter().enumerate() {
            let age: Option<Value> = blank_to_none(&p.age_estimate).map(|a| {
                a.parse::<f64>()
                    .map(Value::from)
                    .unwrap_or_else(|_| Value::from(a))
            });
            persons.push(json!({
                "id": format!("P{}", i + 1),
                "name": blank_to_none(&p.name),
                "dob": blank_to_none(&p.dob),
                "age_estimate": age,
                "gender": blank_to_none(&p.gender),
                "nationality": blank_to_none(&p.nationality),
                "role": blank_to_none(&p.role).unwrap_or_else(|| "unknown".into()),
            }));
        }
        let person_ref = |i: Option<usize>| {
            i.filter(|i| *i < self.persons.len())
                .map(|i| format!("P{}", i + 1))
        };
        let mut locations = Vec::new();
        for (i, l) in self.locations.iter().enumerate() {
            let id = format!("L{}", i + 1);
            if let Some(p) = person_ref(l.person) {
                links.push(json!({"from": p, "to": id, "type": "lives_at"}));
            }
            locations.push(json!({
                "id": id,
                "address": blank_to_none(&l.address),
                "postcode": blank_to_none(&l.postcode),
                "type": blank_to_none(&l.location_type),
            }));
        }
        let mut phones = Vec::new();
        for (i, p) in self.phones.iter().enumerate() {
            let id = format!("T{}", i + 1);
            if let Some(person) = person_ref(p.person) {
                links.push(json!({"from": person, "to": id, "type": "uses_phone"}));
            }
            phones.push(json!({"id": id, "number": p.number.clone().unwrap_or_default()}));
        }
        let mut vehicles = Vec::new();
        for (i, v) in self.vehicles.iter().enumerate() {
            let id = format!("V{}", i + 1);
            if let Some(person) = person_ref(v.person) {
                links.push(json!({"from": person, "to": id, "type": "drives"}));
            }
            vehicles.push(json!({
                "id": id,
                "vrm": blank_to_none(&v.vrm),
                "make": blank_to_none(&v.make),
                "model": blank_to_none(&v.model),
                "colour": blank_to_none(&v.colour),
            }));
        }
        json!({
            "kind": "report",
            "ref": report_ref,
            "received": crate::auth::time_text(received),
            "source": {"type": self.source_type, "org": blank_to_none(&self.source_org)},
            "grading": {
                "source": self.grading_source,
                "intel": self.grading_intel,
                "handling": self.handling,
                "conditions": blank_to_none(&self.conditions),
            },
            "crime_types": self.crime_types,
            "area": blank_to_none(&self.area),
            "text": self.text,
            "persons": persons,
            "locations": locations,
            "phones": phones,
            "vehicles": vehicles,
            "links": links,
        })
    }
}

/// A new reference for a report submitted through the application: `SL-IR-<year>-<random>`.
pub fn new_ref(now: OffsetDateTime) -> String {
    let token = crate::auth::new_token();
    format!("SL-IR-{}-{}", now.year(), token[..10].to_uppercase())
}

/// How a report came in.
#[derive(Debug, Clone)]
pub struct Submission {
    pub actor: String,
    pub submitted_by: Option<i64>,
    pub organisation: Option<String>,
    /// `officer`, `partner` or `community`.
    pub channel: &'static str,
}

/// Stores one exchange-v1 line as a report (a new version when its ref exists), records its
/// triage state and the audit entry, and brings the picture up to date.
pub async fn store_line(
    state: &AppState,
    line: &str,
    submission: &Submission,
    status: &str,
    audit_action: &str,
    reason: Option<&str>,
) -> Result<(String, WriteOutcome), Failure> {
    let accepted = ingest::parse_line(line.as_bytes(), 1).map_err(|r| {
        Failure::BadRequest(match r.field {
            Some(f) => format!("{f}: {}", r.reason),
            None => r.reason,
        })
    })?;
    let report_ref = accepted.report.report_ref.to_string();
    let mut tx = state.store.begin_write().await?;
    let outcome = tx
        .put_reports(
            IngestId(0),
            &[NewReport {
                report: &accepted.report,
                content_hash: &accepted.content_hash,
                raw: &accepted.raw,
                entities: &accepted.entities_json,
            }],
        )
        .await?
        .pop()
        .ok_or_else(|| Failure::Internal("no outcome for the stored report".into()))?;
    tx.commit().await?;
    state
        .store
        .set_workflow(Workflow {
            report_ref: report_ref.clone(),
            status: status.to_string(),
            channel: submission.channel.to_string(),
            submitted_by: submission.submitted_by,
            organisation: submission.organisation.clone(),
            updated_at: String::new(),
            updated_by: Some(submission.actor.clone()),
        })
        .await?;
    crate::audited::record_change(
        state,
        &submission.actor,
        audit_action,
        &report_ref,
        reason,
        serde_json::json!({
            "channel": submission.channel,
            "grading": accepted.report.grading.code(),
            "outcome": format!("{outcome:?}"),
        }),
    )
    .await?;
    refresh_picture(state);
    Ok((report_ref, outcome))
}

/// Submits a draft as a new report.
pub async fn submit(
    state: &AppState,
    draft: &Draft,
    submission: &Submission,
) -> Result<String, Failure> {
    let now = OffsetDateTime::now_utc();
    let record = draft.to_exchange(&new_ref(now), now);
    let (report_ref, _) = store_line(
        state,
        &record.to_string(),
        submission,
        "new",
        "report.submit",
        None,
    )
    .await?;
    Ok(report_ref)
}

/// Changes the current version of a report (re-grading, sanitising) into a new version.
pub async fn revise(
    state: &AppState,
    report_ref: &str,
    actor: &str,
    reason: &str,
    status: &str,
    change: impl FnOnce(&mut serde_json::Value),
) -> Result<WriteOutcome, Failure> {
    let raw = state
        .store
        .report_raw(report_ref)
        .await?
        .ok_or_else(|| Failure::NotFound(format!("no report {report_ref}")))?;
    let mut record: serde_json::Value = serde_json::from_str(&raw)
        .map_err(|e| Failure::Internal(format!("stored report {report_ref}: {e}")))?;
    change(&mut record);
    let submission = Submission {
        actor: actor.to_string(),
        submitted_by: None,
        organisation: None,
        channel: "officer",
    };
    let (_, outcome) = store_line(
        state,
        &record.to_string(),
        &submission,
        status,
        "report.revise",
        Some(reason),
    )
    .await?;
    Ok(outcome)
}

/// Brings the resolved picture up to date in the background, one analysis at a time.
pub fn refresh_picture(state: &AppState) {
    if !state.config.analyse_on_submit {
        return;
    }
    let state = state.clone();
    tokio::spawn(async move {
        let _one_at_a_time = state.analysing.lock().await;
        let options = analysis::AnalyseOptions {
            actor: "sightline".into(),
            ..analysis::AnalyseOptions::default()
        };
        if let Err(e) = analysis::analyse(&state.store, options).await {
            eprintln!("sightline: analysis after a submission failed: {e}");
        }
    });
}
