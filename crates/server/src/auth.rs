//! Passwords, sessions, API tokens and CSRF.
//!
//! Passwords are argon2id hashes. A session is an opaque 256-bit random token in a secure,
//! HTTP-only, same-site cookie; the store keeps only its SHA-256, with a CSRF token that every
//! form and every cookie-authenticated API write must return. Sessions end after an idle
//! period and at an absolute limit. API tokens for machine clients are opaque too, sent as
//! `Authorization: Bearer`, and likewise stored only as hashes. Sign-in failures are counted per
//! account (five lock it for fifteen minutes) and per address.

use crate::access::{Role, Viewer};
use crate::error::Failure;
use crate::state::AppState;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Argon2, PasswordHash};
use axum::http::HeaderMap;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub const SESSION_COOKIE: &str = "sl_session";

/// Failed sign-ins before an account is locked, and for how long.
pub const MAX_FAILURES: i64 = 5;
pub const LOCK_MINUTES: i64 = 15;

pub fn hash_password(password: &str) -> Result<String, Failure> {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    Argon2::default()
        .hash_password_with_salt(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Failure::Internal(format!("hash: {e}")))
}

pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Checks a new password against the policy: long enough to resist guessing.
pub fn password_policy(password: &str) -> Result<(), String> {
    if password.chars().count() < 12 {
        return Err("a password needs at least 12 characters".into());
    }
    if password.trim().is_empty() {
        return Err("a password cannot be blank".into());
    }
    Ok(())
}

/// A new random token (256 bits, hex).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn time_text(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

pub fn parse_time(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

/// How the request was authenticated.
#[derive(Debug, Clone)]
pub enum Via {
    Session { token_hash: String, csrf: String },
    Token,
}

/// An authenticated request.
#[derive(Debug, Clone)]
pub struct Authed {
    pub viewer: Viewer,
    pub via: Via,
}

impl Authed {
    pub fn csrf(&self) -> &str {
        match &self.via {
            Via::Session { csrf, .. } => csrf,
            Via::Token => "",
        }
    }
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(|t| t.trim().to_string())
}

async fn viewer_of(state: &AppState, user_id: i64) -> Result<Option<Viewer>, Failure> {
    let Some(user) = state.store.user_by_id(user_id).await? else {
        return Ok(None);
    };
    if user.disabled_at.is_some() {
        return Ok(None);
    }
    let Some(role) = Role::parse(&user.role) else {
        return Ok(None);
    };
    Ok(Some(Viewer {
        id: user.id,
        username: user.username,
        display_name: user.display_name,
        role,
        organisation: user.organisation,
    }))
}

/// Who is making this request, if anyone: an API token, else a live session.
pub async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<Authed>, Failure> {
    if let Some(token) = bearer(headers) {
        let Some(user_id) = state.store.api_token_user(&token_hash(&token)).await? else {
            return Ok(None);
        };
        return Ok(viewer_of(state, user_id).await?.map(|viewer| Authed {
            viewer,
            via: Via::Token,
        }));
    }
    let Some(token) = cookie(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    let hash = token_hash(&token);
    let Some(session) = state.store.session(&hash).await? else {
        return Ok(None);
    };
    let now = OffsetDateTime::now_utc();
    let expired = parse_time(&session.expires_at).is_none_or(|e| e < now);
    let idle =
        parse_time(&session.last_seen).is_none_or(|seen| now - seen > state.config.session_idle);
    if expired || idle {
        state.store.delete_sessions(Some(&hash), None).await?;
        return Ok(None);
    }
    // Record activity at most once a minute.
    if parse_time(&session.last_seen).is_some_and(|seen| now - seen > time::Duration::minutes(1)) {
        state.store.touch_session(&hash, &time_text(now)).await?;
    }
    Ok(viewer_of(state, session.user_id)
        .await?
        .map(|viewer| Authed {
            viewer,
            via: Via::Session {
                token_hash: hash,
                csrf: session.csrf_token,
            },
        }))
}

/// The `Set-Cookie` value for a new session, or for clearing it (`None`).
pub fn session_cookie(token: Option<&str>, secure: bool, max_age: Duration) -> String {
    let secure = if secure { "; Secure" } else { "" };
    match token {
        Some(t) => format!(
            "{SESSION_COOKIE}={t}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
            max_age.as_secs()
        ),
        None => format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}"),
    }
}

/// Counts recent failures and requests per client address, for sign-in and the community page.
#[derive(Default)]
pub struct RateLimiter {
    hits: Mutex<HashMap<(&'static str, IpAddr), Vec<Instant>>>,
}

impl RateLimiter {
    /// Records a hit for `bucket` from `ip`; false when there have already been `limit` hits in
    /// the last `window`.
    pub fn allow(&self, bucket: &'static str, ip: IpAddr, limit: usize, window: Duration) -> bool {
        let now = Instant::now();
        let mut hits = self.hits.lock().unwrap_or_else(|e| e.into_inner());
        let list = hits.entry((bucket, ip)).or_default();
        list.retain(|t| now.duration_since(*t) < window);
        if list.len() >= limit {
            return false;
        }
        list.push(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_and_verify() {
        let h = hash_password("correct horse battery staple").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(&h, "correct horse battery staple"));
        assert!(!verify_password(&h, "Correct horse battery staple"));
        assert!(!verify_password("not a hash", "x"));
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_ne!(token_hash(&a), a);
    }

    #[test]
    fn rate_limits_per_address() {
        let r = RateLimiter::default();
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        let other: IpAddr = "10.0.0.2".parse().unwrap();
        for _ in 0..3 {
            assert!(r.allow("x", ip, 3, Duration::from_secs(60)));
        }
        assert!(!r.allow("x", ip, 3, Duration::from_secs(60)));
        assert!(r.allow("x", other, 3, Duration::from_secs(60)));
    }
}
