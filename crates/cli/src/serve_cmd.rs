//! `sightline serve` and `sightline user`: the web application, and its accounts from the
//! command line (the first administrator has to come from somewhere).

use crate::Outcome;
use anyhow::Context;
use clap::{Args, Subcommand};
use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,

    /// Send cookies without the Secure attribute (only behind a proxy that terminates TLS on
    /// the same host; browsers accept Secure cookies from http://localhost anyway).
    #[arg(long)]
    insecure_cookies: bool,

    #[command(flatten)]
    search: SearchIndexArgs,
}

/// Where the search index lives and whether to build it again before serving.
#[derive(Args, Clone, Default)]
pub struct SearchIndexArgs {
    /// The search index's directory (default: beside a SQLite database, `PATH.search`; a
    /// PostgreSQL store without one keeps its index in memory, built at start).
    #[arg(long, env = "SIGHTLINE_SEARCH_DIR")]
    pub search_dir: Option<PathBuf>,

    /// Build the search index again from the store before serving, even when it is up to date
    /// (the index is derived data: the store is the record).
    #[arg(long)]
    pub rebuild_search: bool,
}

pub async fn run(db: &str, args: ServeArgs) -> anyhow::Result<Outcome> {
    let store = store::open(db).await.context("cannot open the store")?;
    let index = prepare_search(store.as_ref(), db, &args.search).await?;
    let config = server::Config {
        secure_cookies: !args.insecure_cookies,
        search: index.location().clone(),
        search_index: Some(index),
        threats: Some(std::sync::Arc::new(server::threats::MasterList)),
        ..server::Config::default()
    };
    serve(store, config, args.listen, |addr| {
        println!("Sightline is serving on http://{addr}/ (Ctrl-C to stop)");
    })
    .await
}

/// Opens the search index of the store and makes it ready before serving: built from the store
/// when it is missing, was written by another version or from another store, is far behind, or
/// `--rebuild-search` asks; otherwise caught up with what was stored since.
pub async fn prepare_search(
    store: &dyn store::Store,
    db: &str,
    args: &SearchIndexArgs,
) -> anyhow::Result<search::SearchIndex> {
    let location = match search::Location::for_store(db, args.search_dir.clone()) {
        Ok(l) => l,
        Err(search::SearchError::Config(_)) => {
            println!(
                "search index: in memory, built from the store now (give --search-dir to keep it \
                 between runs)"
            );
            search::Location::Memory
        }
        Err(e) => return Err(e.into()),
    };
    let index = search::SearchIndex::open(&location)?;
    let bar = crate::search_cmd::progress_bar();
    let shown = bar.clone();
    let started = std::time::Instant::now();
    let done = index
        .prepare(
            store,
            args.rebuild_search,
            search::BuildConfig::default(),
            &move |n| {
                if let Some(b) = &shown {
                    b.set_position(n);
                }
            },
        )
        .await
        .context("cannot make the search index ready")?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let place = match &location {
        search::Location::Directory(d) => d.display().to_string(),
        search::Location::Memory => "memory".into(),
    };
    match done {
        search::CatchUp::Built(s) => println!(
            "search index: built from the store, {} reports ({} person mentions) in {:.1} s, at \
             {place}",
            s.reports, s.stats.mentions, s.seconds
        ),
        search::CatchUp::Updated { reports, .. } => println!(
            "search index: brought up to date with {reports} reports in {:.1} s, at {place}",
            started.elapsed().as_secs_f64()
        ),
        _ => println!("search index: up to date, at {place}"),
    }
    Ok(index)
}

/// Serves until Ctrl-C.
pub async fn serve(
    store: std::sync::Arc<dyn store::Store>,
    config: server::Config,
    listen: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> anyhow::Result<Outcome> {
    tokio::select! {
        served = server::serve(store, config, listen, ready) => {
            served.with_context(|| format!("cannot serve on {listen}"))?;
        }
        _ = tokio::signal::ctrl_c() => {
            println!("stopped");
        }
    }
    Ok(Outcome::Success)
}

#[derive(Args)]
pub struct UserArgs {
    #[command(subcommand)]
    command: UserCommand,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Creates an account. The password is read from standard input when it is not a terminal;
    /// otherwise one is made up and printed once.
    Add {
        username: String,
        /// One of: intelligence_officer, analyst, lead_responsible_officer,
        /// safeguarding_officer, governance_lead, partner, auditor, administrator.
        #[arg(long)]
        role: String,
        /// The name shown in the application.
        #[arg(long)]
        name: Option<String>,
        /// A partner's organisation.
        #[arg(long)]
        org: Option<String>,
    },
    /// Disables an account and ends its sessions and API tokens.
    Disable { username: String },
    /// Enables a disabled account.
    Enable { username: String },
    /// Sets a new password (read from standard input, or made up and printed once) and ends the
    /// account's sessions.
    Reset { username: String },
    /// Lists accounts.
    List,
}

/// A password from standard input when it is piped, else a new random one to print.
fn password_from_stdin_or_new() -> anyhow::Result<(String, bool)> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        let s = s.trim_end_matches(['\r', '\n']).to_string();
        if !s.is_empty() {
            return Ok((s, false));
        }
    }
    Ok((server::auth::new_token()[..20].to_string(), true))
}

pub async fn user(db: &str, actor: &str, args: UserArgs) -> anyhow::Result<Outcome> {
    let store = store::open(db).await.context("cannot open the store")?;
    let audit = |action: &str, subject: &str| store::NewAuditEntry {
        actor: actor.to_string(),
        action: action.to_string(),
        reason: None,
        subject: Some(subject.to_string()),
        details: serde_json::json!({"via": "command line"}),
    };
    match args.command {
        UserCommand::Add {
            username,
            role,
            name,
            org,
        } => {
            let role = server::Role::parse(&role).with_context(|| {
                format!(
                    "unknown role {role:?} (one of {})",
                    server::Role::ALL.map(|r| r.as_str()).join(", ")
                )
            })?;
            let (password, made_up) = password_from_stdin_or_new()?;
            server::add_user(
                store.as_ref(),
                &username,
                name.as_deref().unwrap_or(&username),
                role,
                org,
                &password,
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            store.append_audit(audit("user.add", &username)).await?;
            println!("account {username} ({}) created", role.label());
            if made_up {
                println!("password (shown once): {password}");
            }
        }
        UserCommand::Disable { username } => {
            let user = find(&store, &username).await?;
            store.set_disabled(user.id, true).await?;
            store.delete_sessions(None, Some(user.id)).await?;
            store.revoke_api_tokens(user.id).await?;
            store.append_audit(audit("user.disable", &username)).await?;
            println!("account {username} disabled; its sessions and tokens have ended");
        }
        UserCommand::Enable { username } => {
            let user = find(&store, &username).await?;
            store.set_disabled(user.id, false).await?;
            store.append_audit(audit("user.enable", &username)).await?;
            println!("account {username} enabled");
        }
        UserCommand::Reset { username } => {
            let user = find(&store, &username).await?;
            let (password, made_up) = password_from_stdin_or_new()?;
            server::auth::password_policy(&password).map_err(|e| anyhow::anyhow!(e))?;
            let hash =
                server::auth::hash_password(&password).map_err(|e| anyhow::anyhow!("{e}"))?;
            store.set_password(user.id, &hash).await?;
            store.delete_sessions(None, Some(user.id)).await?;
            store.append_audit(audit("user.reset", &username)).await?;
            println!("password of {username} reset; its sessions have ended");
            if made_up {
                println!("password (shown once): {password}");
            }
        }
        UserCommand::List => {
            for u in store.users().await? {
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    u.username,
                    u.role,
                    u.organisation.unwrap_or_default(),
                    if u.disabled_at.is_some() {
                        "disabled"
                    } else {
                        "active"
                    },
                    u.display_name
                );
            }
        }
    }
    Ok(Outcome::Success)
}

async fn find(
    store: &std::sync::Arc<dyn store::Store>,
    username: &str,
) -> anyhow::Result<store::User> {
    store
        .user_by_name(username)
        .await?
        .with_context(|| format!("there is no account {username:?}"))
}
