//! The web application and its JSON API: sign-in, roles, handling codes, audited access,
//! intelligence intake (officers, partners, the community), triage and search.
//!
//! Key design decision: one route table ([`routes::ROUTES`]) names every route with the
//! permission it needs, and one guard enforces it — authentication, default deny, CSRF — before
//! any handler runs. Handlers then only decide *what* a user may see of the intelligence, through
//! [`access::Viewer::may_see`], and every read of personal data goes through the audited path
//! in [`audited`], which insists on a reason. Pages are server-rendered HTML (askama); the few
//! scripts are files of our own, so the content security policy forbids inline script.

pub mod access;
mod api;
mod audited;
pub mod auth;
mod charts;
mod dashboard;
pub mod demo;
pub mod error;
mod governance;
mod intake;
mod investigate;
mod lro;
mod master_list;
mod network;
mod ops;
mod pages;
mod plans;
mod referrals;
pub mod routes;
pub mod search_pages;
pub mod state;
pub mod threats;

pub use access::{Permission, Role, Viewer};
pub use routes::{ROUTES, RouteSpec, router};
pub use state::{AppState, Config};

use std::net::SocketAddr;
use std::sync::Arc;
use store::Store;

/// Serves the application on `listen` until the process ends. `ready` is called with the
/// address actually bound (port 0 picks a free one).
pub async fn serve(
    store: Arc<dyn Store>,
    config: Config,
    listen: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(listen).await?;
    let addr = listener.local_addr()?;
    let app = router(AppState::new(store, config));
    ready(addr);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await
}

/// Creates an account from the command line (the first administrator, or anyone), with the
/// password policy applied.
pub async fn add_user(
    store: &dyn Store,
    username: &str,
    display_name: &str,
    role: Role,
    organisation: Option<String>,
    password: &str,
) -> Result<store::User, error::Failure> {
    auth::password_policy(password).map_err(error::Failure::BadRequest)?;
    if role == Role::Partner && organisation.is_none() {
        return Err(error::Failure::BadRequest(
            "a partner account needs its organisation".into(),
        ));
    }
    let user = store
        .add_user(store::NewUser {
            username: username.to_string(),
            display_name: display_name.to_string(),
            role: role.as_str().to_string(),
            organisation,
            password_hash: auth::hash_password(password)?,
        })
        .await?;
    Ok(user)
}
