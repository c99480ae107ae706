//! A real server on a real socket (port 0) over a fresh database, with a signed-in client for
//! each role.

#![allow(dead_code)]

use server::{Config, Role};
use std::net::SocketAddr;
use std::sync::Arc;
use store::Store;
use store::testing::TestDb;

pub const PASSWORD: &str = "a long test password";

/// Adds another account.
pub async fn add_account(store: &dyn Store, name: &str, role: Role, org: Option<&str>) {
    server::add_user(store, name, name, role, org.map(str::to_string), PASSWORD)
        .await
        .expect("add user");
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub store: Arc<dyn Store>,
    pub db: TestDb,
}

/// Usernames of the test accounts, one per role.
pub fn username(role: Role) -> String {
    format!("{}1", role.as_str())
}

impl TestApp {
    pub async fn spawn(db: TestDb) -> TestApp {
        TestApp::spawn_with_threats(db, None).await
    }

    /// A server whose threat master list is these threats (`None`: no master list).
    pub async fn spawn_with_threats(
        db: TestDb,
        threats: Option<Vec<operations::Threat>>,
    ) -> TestApp {
        let store = db.open().await;
        for role in Role::ALL {
            let org = (role == Role::Partner).then(|| "Fenland District Council".to_string());
            server::add_user(
                store.as_ref(),
                &username(role),
                &format!("Test {}", role.label()),
                role,
                org,
                PASSWORD,
            )
            .await
            .expect("add user");
        }
        let config = Config {
            secure_cookies: false,
            analyse_on_submit: false,
            community_min_seconds: 1,
            threats: threats.map(|t| {
                std::sync::Arc::new(server::threats::ThreatList(t))
                    as std::sync::Arc<dyn server::threats::ThreatSource>
            }),
            ..Config::default()
        };
        let (tx, rx) = tokio::sync::oneshot::channel();
        let serve_store = store.clone();
        tokio::spawn(async move {
            server::serve(
                serve_store,
                config,
                "127.0.0.1:0".parse().unwrap(),
                move |addr| {
                    let _ = tx.send(addr);
                },
            )
            .await
            .expect("serve");
        });
        let addr = rx.await.expect("server address");
        TestApp { addr, store, db }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A client that keeps cookies and does not follow redirects.
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    /// The value of the hidden `csrf` field on a page.
    pub async fn csrf(&self, client: &reqwest::Client, path: &str) -> String {
        let html = client
            .get(self.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        hidden(&html, "csrf").unwrap_or_else(|| panic!("no csrf field on {path}: {html}"))
    }

    /// A client signed in as `role`.
    pub async fn login_as(&self, role: Role) -> reqwest::Client {
        self.login(&username(role)).await
    }

    /// A client signed in with this account.
    pub async fn login(&self, user: &str) -> reqwest::Client {
        let role = user;
        let client = self.client();
        let csrf = self.csrf(&client, "/login").await;
        let res = client
            .post(self.url("/login"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("username", user),
                ("password", PASSWORD),
                ("next", "/"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "sign-in as {role} failed");
        client
    }

    /// The signed-in page's CSRF token (from the sign-out form on any page).
    pub async fn session_csrf(&self, client: &reqwest::Client) -> String {
        self.csrf(client, "/account").await
    }
}

/// The value of a hidden input in an HTML page.
pub fn hidden(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_string())
}
