//! What every handler shares: the store, the configuration, the rate limiter and the secret
//! that signs the community form.

use crate::auth::RateLimiter;
use std::sync::Arc;
use store::Store;

/// How the application runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Set the `Secure` attribute on cookies (browsers honour it on http://localhost too).
    pub secure_cookies: bool,
    /// A session ends after this long without a request.
    pub session_idle: time::Duration,
    /// And after this long in any case.
    pub session_max: time::Duration,
    /// Bring the picture up to date after each report submitted through the application.
    pub analyse_on_submit: bool,
    /// The least time a person takes to fill in the community form; faster is a program.
    pub community_min_seconds: i64,
    /// Where the search index lives (`search::Location::for_store`); in memory, built from the
    /// store on first use, unless configured.
    pub search: search::Location,
    /// The index itself, when the caller has opened it already (and brought it up to date
    /// before serving: `sightline serve` does); otherwise it is opened from `search`.
    pub search_index: Option<search::SearchIndex>,
    /// Where the active threats come from: the master list. `None` until one is connected, when
    /// the pages that need threats say so.
    pub threats: Option<Arc<dyn crate::threats::ThreatSource>>,
    /// The Chromium that prints reports as PDF (`--print-to-pdf`).
    pub chromium: std::path::PathBuf,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            secure_cookies: true,
            session_idle: time::Duration::minutes(30),
            session_max: time::Duration::hours(12),
            analyse_on_submit: true,
            community_min_seconds: 4,
            search: search::Location::Memory,
            search_index: None,
            threats: None,
            chromium: std::env::var_os("SIGHTLINE_CHROMIUM")
                .map(Into::into)
                .unwrap_or_else(|| "chromium".into()),
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub config: Arc<Config>,
    pub limiter: Arc<RateLimiter>,
    /// Signs the time a community form was served, so that a submission can be checked for
    /// having been filled in by a person at a person's pace.
    pub form_secret: Arc<[u8; 32]>,
    /// One analysis at a time.
    pub analysing: Arc<tokio::sync::Mutex<()>>,
    /// The search index (derived from the store; shared, cheap to clone).
    pub search: search::SearchIndex,
    /// The networks built for viewers from the last analysis's snapshot.
    pub networks: Arc<tokio::sync::Mutex<crate::network::NetworkCache>>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: Config) -> AppState {
        let mut secret = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut secret);
        AppState {
            search: config
                .search_index
                .clone()
                .unwrap_or_else(|| crate::search_pages::open_index(&config.search)),
            store,
            config: Arc::new(config),
            limiter: Arc::new(RateLimiter::default()),
            form_secret: Arc::new(secret),
            analysing: Arc::new(tokio::sync::Mutex::new(())),
            networks: Arc::default(),
        }
    }
}
