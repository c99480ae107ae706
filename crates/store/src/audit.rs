//! The audit trail's entries and its hash chain.
//!
//! Each entry's hash is SHA-256 over the previous entry's hash and the entry's own canonical
//! form, so changing or removing any entry breaks every link after it. The first entry chains
//! to [`GENESIS`].

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An entry to append: who did what, why, to what, with details.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAuditEntry {
    pub actor: String,
    pub action: String,
    pub reason: Option<String>,
    pub subject: Option<String>,
    pub details: serde_json::Value,
}

/// A stored audit entry.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub id: i64,
    /// UTC time, RFC 3339 with microseconds.
    pub at: String,
    pub actor: String,
    pub action: String,
    pub reason: Option<String>,
    pub subject: Option<String>,
    /// Canonical JSON text.
    pub details: String,
    pub prev_hash: String,
    pub hash: String,
}

/// A broken link in the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditProblem {
    pub id: i64,
    pub problem: String,
}

impl std::fmt::Display for AuditProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "audit entry {}: {}", self.id, self.problem)
    }
}

#[derive(Serialize)]
struct Canonical<'a> {
    id: i64,
    at: &'a str,
    actor: &'a str,
    action: &'a str,
    reason: Option<&'a str>,
    subject: Option<&'a str>,
    details: &'a str,
}

impl AuditEntry {
    /// The hash the entry should have: over its `prev_hash` and its canonical content.
    fn expected_hash(&self) -> String {
        let canonical = serde_json::to_vec(&Canonical {
            id: self.id,
            at: &self.at,
            actor: &self.actor,
            action: &self.action,
            reason: self.reason.as_deref(),
            subject: self.subject.as_deref(),
            details: &self.details,
        })
        .unwrap_or_default();
        let mut h = Sha256::new();
        h.update(self.prev_hash.as_bytes());
        h.update(b"\n");
        h.update(&canonical);
        hex::encode(h.finalize())
    }
}

/// Checks one entry against the one before it.
pub fn check_link(previous: Option<&AuditEntry>, entry: &AuditEntry) -> Vec<AuditProblem> {
    let mut problems = Vec::new();
    let (expected_id, expected_prev) = match previous {
        Some(p) => (p.id + 1, p.hash.as_str()),
        None => (1, GENESIS),
    };
    if entry.id != expected_id {
        problems.push(AuditProblem {
            id: entry.id,
            problem: format!("entries {expected_id} to {} are missing", entry.id - 1),
        });
    }
    if entry.prev_hash != expected_prev {
        problems.push(AuditProblem {
            id: entry.id,
            problem: "does not chain to the entry before it".to_string(),
        });
    }
    if entry.hash != entry.expected_hash() {
        problems.push(AuditProblem {
            id: entry.id,
            problem: "has been altered (its hash does not match its content)".to_string(),
        });
    }
    problems
}

/// Now, as stored in `at`: UTC, RFC 3339 with microseconds, so that text order is time order.
pub fn now_text() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second(),
        now.microsecond()
    )
}

/// Details as canonical JSON text (keys sorted).
pub fn canonical_details(details: &serde_json::Value) -> String {
    serde_json::to_string(details).unwrap_or_else(|_| "{}".to_string())
}

/// Seals a new entry as entry `id`, chained to `prev_hash`.
pub fn seal(id: i64, prev_hash: String, entry: NewAuditEntry) -> AuditEntry {
    let mut sealed = AuditEntry {
        id,
        at: now_text(),
        actor: entry.actor,
        action: entry.action,
        reason: entry.reason,
        subject: entry.subject,
        details: canonical_details(&entry.details),
        prev_hash,
        hash: String::new(),
    };
    sealed.hash = sealed.expected_hash();
    sealed
}
