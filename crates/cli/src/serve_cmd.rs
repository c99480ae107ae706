//! `sightline serve` and `sightline user`: the web application, and its accounts from the
//! command line (the first administrator has to come from somewhere).

use crate::Outcome;
use anyhow::Context;
use clap::{Args, Subcommand};
use std::io::Read;
use std::net::SocketAddr;

#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,

    /// Send cookies without the Secure attribute (only behind a proxy that terminates TLS on
    /// the same host; browsers accept Secure cookies from http://localhost anyway).
    #[arg(long)]
    insecure_cookies: bool,
}

pub async fn run(db: &str, args: ServeArgs) -> anyhow::Result<Outcome> {
    let store = store::open(db).await.context("cannot open the store")?;
    let config = server::Config {
        secure_cookies: !args.insecure_cookies,
        threats: Some(std::sync::Arc::new(server::threats::MasterList)),
        ..server::Config::default()
    };
    serve(store, config, args.listen, |addr| {
        println!("Sightline is serving on http://{addr}/ (Ctrl-C to stop)");
    })
    .await
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
