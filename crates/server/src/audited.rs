//! The one path by which personal data is read: each read is written to the audit trail with
//! who, what and a stated reason before anything is shown (Data Protection Act 2018 s62).

use crate::access::Viewer;
use crate::error::Failure;
use crate::state::AppState;
use store::NewAuditEntry;

/// The shortest reason accepted: enough to say why, e.g. "op KESTREL".
pub const MIN_REASON: usize = 8;

/// A usable reason from what the user gave, if any.
pub fn reason(given: Option<&str>) -> Option<String> {
    given
        .map(|r| r.trim())
        .filter(|r| r.chars().count() >= MIN_REASON)
        .map(|r| r.chars().take(500).collect())
}

/// Records that `viewer` read `subject` (a report ref, a person id, a search) for `reason`.
pub async fn record_read(
    state: &AppState,
    viewer: &Viewer,
    action: &str,
    subject: &str,
    reason: &str,
    details: serde_json::Value,
) -> Result<(), Failure> {
    state
        .store
        .append_audit(NewAuditEntry {
            actor: viewer.username.clone(),
            action: action.to_string(),
            reason: Some(reason.to_string()),
            subject: Some(subject.to_string()),
            details,
        })
        .await?;
    Ok(())
}

/// Records a change made through the application.
pub async fn record_change(
    state: &AppState,
    actor: &str,
    action: &str,
    subject: &str,
    reason: Option<&str>,
    details: serde_json::Value,
) -> Result<(), Failure> {
    state
        .store
        .append_audit(NewAuditEntry {
            actor: actor.to_string(),
            action: action.to_string(),
            reason: reason.map(str::to_string),
            subject: Some(subject.to_string()),
            details,
        })
        .await?;
    Ok(())
}
