//! Governance: the dashboard a SOC governance meeting works from — threats by crime type and
//! harm, allocation and capacity, plan and review status, disruptions and outcomes over time,
//! referrals and their timeliness, intelligence by source — each a chart drawn on the server
//! with its figures as a table; and the inspection-readiness report (`operations::readiness`)
//! as a page and as PDF, printed by headless Chromium. Both give figures only and name nobody,
//! so neither asks for a reason.

use crate::charts;
use crate::dashboard::{Chart, crime_label};
use crate::error::{ApiError, Failure, PageResult};
use crate::lro::plural;
use crate::ops::{self, NO_MASTER_LIST, Picture, RULES};
use crate::pages::{Card, Nav, User, nav, render, signed_in};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::{Extension, Json};
use operations::disruption::Impact;
use operations::outcome::Tally;
use operations::readiness::{Measure, Readiness, ReadinessConfig, assess};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;
use time::{Date, Duration};

static READINESS: LazyLock<ReadinessConfig> = LazyLock::new(ReadinessConfig::shipped);

/// The months (`YYYY-MM`) of the year up to `today`, oldest first.
fn months(today: Date) -> Vec<String> {
    let (mut y, mut m) = (today.year(), u8::from(today.month()));
    let mut out = Vec::new();
    for _ in 0..12 {
        out.push(format!("{y}-{m:02}"));
        if m == 1 {
            y -= 1;
            m = 12;
        } else {
            m -= 1;
        }
    }
    out.reverse();
    out
}

fn table_of(items: &[(String, u64)], what: &str, of: &str) -> (Vec<String>, Vec<Vec<String>>) {
    (
        vec![what.to_string(), of.to_string()],
        items
            .iter()
            .map(|(k, n)| vec![k.clone(), n.to_string()])
            .collect(),
    )
}

fn bar_chart(
    heading: &str,
    description: &str,
    items: Vec<(String, u64)>,
    colour: usize,
    what: &str,
    of: &str,
) -> Chart {
    let (headers, rows) = table_of(&items, what, of);
    Chart {
        heading: heading.into(),
        svg: charts::bars(heading, description, &items, charts::PALETTE[colour]),
        headers,
        rows,
    }
}

fn monthly_chart(
    heading: &str,
    description: &str,
    months: &[String],
    series: Vec<(String, Vec<u64>)>,
) -> Chart {
    Chart {
        heading: heading.into(),
        svg: charts::stacked_columns(heading, description, months, &series),
        headers: std::iter::once("Month".to_string())
            .chain(series.iter().map(|(n, _)| n.clone()))
            .collect(),
        rows: months
            .iter()
            .enumerate()
            .map(|(i, m)| {
                std::iter::once(m.clone())
                    .chain(series.iter().map(|(_, v)| v[i].to_string()))
                    .collect()
            })
            .collect(),
    }
}

/// A titled group of charts.
pub struct Panel {
    pub id: &'static str,
    pub heading: &'static str,
    pub summary: Vec<String>,
    pub charts: Vec<Chart>,
}

#[derive(Template)]
#[template(path = "governance.html")]
struct DashboardPage {
    nav: Option<Nav>,
    cards: Vec<Card>,
    panels: Vec<Panel>,
    no_master_list: Option<&'static str>,
}

/// Referral time targets across every referral: (met, missed, overdue, due).
async fn referral_timeliness(
    state: &AppState,
    v: &crate::Viewer,
) -> Result<(Vec<crate::referrals::ReferralView>, [u64; 4]), Failure> {
    let all =
        crate::referrals::visible_referrals(state, v, store::ReferralFilter::default()).await?;
    let mut counts = [0u64; 4];
    for r in &all {
        for d in &r.due {
            match d.status.as_str() {
                "met" => counts[0] += 1,
                "missed" => counts[1] += 1,
                "overdue" => counts[2] += 1,
                "due" => counts[3] += 1,
                _ => {}
            }
        }
    }
    Ok((all, counts))
}

async fn panels(
    state: &AppState,
    a: &crate::auth::Authed,
    p: &Picture,
) -> Result<(Vec<Card>, Vec<Panel>), Failure> {
    let mut cards = Vec::new();
    let mut out = Vec::new();
    let weights = p.weights();
    let cap = p.capacity();
    let ops_store = state.store.operations();
    let plans = crate::plans::plan_rows(state, p).await?;
    if p.threats.is_some() {
        cards.push(Card {
            href: "/plans",
            figure: p.threats().len().to_string(),
            label: "active threats on the master list",
        });
        cards.push(Card {
            href: "/demand",
            figure: cap.overloaded().len().to_string(),
            label: "officers over capacity",
        });
        cards.push(Card {
            href: "/demand",
            figure: cap.without_officer.len().to_string(),
            label: "threats without an officer",
        });
        cards.push(Card {
            href: "/plans",
            figure: plans
                .iter()
                .filter(|r| r.status.starts_with("review overdue"))
                .count()
                .to_string(),
            label: "4P plans past their review date",
        });
        // Threats by crime type and harm.
        let mut by_crime: BTreeMap<String, u64> = BTreeMap::new();
        let mut by_band: BTreeMap<&str, u64> = BTreeMap::new();
        for t in p.threats() {
            let c = t
                .principal()
                .map(crime_label)
                .unwrap_or_else(|| "not stated".into());
            *by_crime.entry(c).or_default() += 1;
            *by_band.entry(weights[&t.id].band).or_default() += 1;
        }
        let mut crimes: Vec<(String, u64)> = by_crime.into_iter().collect();
        crimes.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        let bands: Vec<(String, u64)> = ["high", "medium", "low", "unassessed"]
            .iter()
            .map(|b| (b.to_string(), by_band.get(b).copied().unwrap_or(0)))
            .collect();
        out.push(Panel {
            id: "threats",
            heading: "Threats by crime type and harm",
            summary: vec![format!("{} active threats on the master list.", p.threats().len())],
            charts: vec![
                bar_chart("Threats by principal crime type", "Active threats on the master list by their principal crime type.", crimes, 0, "Crime type", "Threats"),
                bar_chart("Threats by harm", "Active threats by harm band: the top fifth by harm score are high, the next three tenths medium.", bands, 5, "Harm", "Threats"),
            ],
        });
        // Allocation and capacity.
        let mut load_bands = [0u64; 4];
        for o in cap.officers.iter().filter(|o| o.active) {
            let u = o.utilisation();
            load_bands[if u > 1.0 {
                3
            } else if u == 1.0 {
                2
            } else if u >= 0.5 {
                1
            } else {
                0
            }] += 1;
        }
        let held = p.threats().len() - cap.without_officer.len();
        out.push(Panel {
            id: "capacity",
            heading: "Allocation and capacity",
            summary: vec![
                format!("Demand {} harm points against capacity {}.", cap.demand, cap.capacity),
                format!(
                    "{held} of {} threats have a lead responsible officer; untrained officers holding threats: {} ({} of them unmentored).",
                    p.threats().len(),
                    cap.untrained_holding().len(),
                    cap.untrained_unmentored_holding().len()
                ),
            ],
            charts: vec![
                bar_chart("Officers by load", "Available officers by their harm-weighted load against capacity.",
                    vec![("under half".into(), load_bands[0]), ("half to nearly full".into(), load_bands[1]), ("at capacity".into(), load_bands[2]), ("over capacity".into(), load_bands[3])], 2, "Load", "Officers"),
                bar_chart("Threats and their officers", "Active threats with and without a lead responsible officer.",
                    vec![("with an officer".into(), held as u64), ("without an officer".into(), cap.without_officer.len() as u64)], 4, "Threats", "Count"),
            ],
        });
        // Plans and reviews.
        let count = |f: &dyn Fn(&crate::plans::PlanRow) -> bool| {
            plans.iter().filter(|r| f(r)).count() as u64
        };
        out.push(Panel {
            id: "plans",
            heading: "4P plans and reviews",
            summary: vec![format!(
                "{} open actions past their due date.",
                plans.iter().map(|r| r.overdue_actions).sum::<usize>()
            )],
            charts: vec![bar_chart(
                "Plan status",
                "Active threats by the state of their 4P plan.",
                vec![
                    ("live".into(), count(&|r| r.status == "live")),
                    (
                        "review overdue".into(),
                        count(&|r| r.status.starts_with("review overdue")),
                    ),
                    (
                        "nothing under way".into(),
                        count(&|r| r.status == "nothing under way"),
                    ),
                    ("no plan".into(), count(&|r| r.status == "no plan")),
                ],
                1,
                "Plan",
                "Threats",
            )],
        });
    }
    // Disruptions and outcomes over the year.
    let months = months(p.today);
    let month_of = |d: &str| d.get(..7).unwrap_or_default().to_string();
    let disruptions = ops_store.disruptions(None).await?;
    let series: Vec<(String, Vec<u64>)> = Impact::ALL
        .iter()
        .map(|i| {
            (
                i.label().to_string(),
                months
                    .iter()
                    .map(|m| {
                        disruptions
                            .iter()
                            .filter(|d| d.impact == i.as_str() && &month_of(&d.occurred_on) == m)
                            .count() as u64
                    })
                    .collect::<Vec<u64>>(),
            )
        })
        .filter(|(_, v)| v.iter().any(|n| *n > 0))
        .collect();
    let outcomes = ops_store.outcomes(None).await?;
    let mut by_month: BTreeMap<String, Tally> = BTreeMap::new();
    for o in &outcomes {
        *by_month.entry(month_of(&o.occurred_on)).or_default() += ops::tally_of(&o.counts);
    }
    let measure = |k: &str| -> Vec<u64> {
        months
            .iter()
            .map(|m| by_month.get(m).map_or(0, |t| t.get(k)))
            .collect()
    };
    let mut year = Tally::default();
    for m in &months {
        if let Some(t) = by_month.get(m) {
            year += *t;
        }
    }
    let mut outcome_chart = monthly_chart(
        "Arrests, charges and convictions each month",
        "Outcomes recorded against threats in the last twelve months.",
        &months,
        vec![
            ("arrests".into(), measure("arrests")),
            ("charges".into(), measure("charges")),
            ("convictions".into(), measure("convictions")),
        ],
    );
    outcome_chart.headers = std::iter::once("Month".to_string())
        .chain(
            operations::outcome::MEASURES
                .iter()
                .map(|(_, l)| l.to_string()),
        )
        .collect();
    outcome_chart.rows = months
        .iter()
        .map(|m| {
            let t = by_month.get(m).copied().unwrap_or_default();
            std::iter::once(m.clone())
                .chain(operations::outcome::MEASURES.iter().map(|(k, _)| t.show(k)))
                .collect()
        })
        .collect();
    let disrupted = disruptions
        .iter()
        .filter(|d| months.contains(&month_of(&d.occurred_on)))
        .count();
    out.push(Panel {
        id: "results",
        heading: "Disruptions and outcomes",
        summary: vec![
            format!("{} in the last twelve months.", plural(disrupted, "disruption", "disruptions")),
            format!("Outcomes in the last twelve months: {}.", {
                let w = crate::plans::tally_words(&year);
                if w.is_empty() { "none recorded".to_string() } else { w.join(", ") }
            }),
        ],
        charts: vec![
            monthly_chart("Disruptions each month, by impact", "Disruptions recorded against threats in the last twelve months, stacked by their assessed impact.", &months, series),
            outcome_chart,
        ],
    });
    // Referrals and their timeliness.
    let (referrals, t) = referral_timeliness(state, &a.viewer).await?;
    let mut by_route: BTreeMap<String, u64> = BTreeMap::new();
    for r in &referrals {
        *by_route.entry(r.route_label.clone()).or_default() += 1;
    }
    cards.push(Card {
        href: "/referrals",
        figure: t[2].to_string(),
        label: "safeguarding time targets overdue now",
    });
    out.push(Panel {
        id: "referrals",
        heading: "Safeguarding referrals and their timeliness",
        summary: vec![format!(
            "{} made; {} time targets met, {} missed, {} overdue now.",
            plural(referrals.len(), "referral", "referrals"),
            t[0],
            t[1],
            t[2]
        )],
        charts: vec![
            bar_chart(
                "Referral time targets",
                "Every referral's time targets: met, missed, overdue now, or still to fall due.",
                vec![
                    ("met".into(), t[0]),
                    ("missed".into(), t[1]),
                    ("overdue".into(), t[2]),
                    ("due, not yet reached".into(), t[3]),
                ],
                2,
                "Target",
                "Count",
            ),
            bar_chart(
                "Referrals by route",
                "Referrals made by each route.",
                by_route.into_iter().collect(),
                3,
                "Route",
                "Referrals",
            ),
        ],
    });
    // Intelligence coming in.
    let act = crate::dashboard::activity(state, &a.viewer).await?;
    if let Some(first) = act.charts.into_iter().next() {
        out.push(Panel {
            id: "intelligence",
            heading: "Intelligence by source",
            summary: act.community_share.into_iter().collect(),
            charts: vec![first],
        });
    }
    Ok((cards, out))
}

pub async fn dashboard(State(state): State<AppState>, Extension(user): User) -> PageResult {
    let a = signed_in(&user)?;
    let p = ops::load(&state).await?;
    let (cards, panels) = panels(&state, a, &p).await?;
    render(&DashboardPage {
        nav: nav(a, "/governance"),
        cards,
        panels,
        no_master_list: p.threats.is_none().then_some(NO_MASTER_LIST),
    })
}

// ---------------------------------------------------------------- readiness

fn value(value: f64, of: Option<f64>, detail: String) -> Measure {
    Measure::Value { value, of, detail }
}

/// Measures every readiness criterion from the store and the master list.
pub async fn figures(
    state: &AppState,
    v: &crate::Viewer,
    p: &Picture,
) -> Result<BTreeMap<String, Measure>, Failure> {
    let mut f = BTreeMap::new();
    let mut put = |k: &str, m: Measure| {
        f.insert(k.to_string(), m);
    };
    let ops_store = state.store.operations();
    match &p.threats {
        None => {
            for k in [
                "threats_assessed",
                "high_harm_with_lro",
                "threats_with_lro",
                "lros_trained",
                "untrained_unmentored",
                "overloaded",
                "outside_skills",
                "plans_for_threats",
                "plans_reviewed",
                "plans_all_four",
                "actions_overdue",
                "disruptions_per_threat",
            ] {
                put(
                    k,
                    Measure::Missing(
                        NO_MASTER_LIST
                            .split(", so")
                            .next()
                            .unwrap_or(NO_MASTER_LIST)
                            .to_string(),
                    ),
                );
            }
        }
        Some(threats) => {
            let n = threats.len() as f64;
            let weights = p.weights();
            let cap = p.capacity();
            let assessed = threats.iter().filter(|t| t.harm.is_some()).count();
            put(
                "threats_assessed",
                value(
                    assessed as f64,
                    Some(n),
                    format!("{assessed} of {n} active threats"),
                ),
            );
            let held: BTreeSet<&operations::ThreatId> = cap
                .officers
                .iter()
                .flat_map(|o| o.threats.iter().map(|h| &h.threat))
                .collect();
            let high: Vec<_> = threats
                .iter()
                .filter(|t| weights[&t.id].band == "high")
                .collect();
            let high_held = high.iter().filter(|t| held.contains(&t.id)).count();
            put(
                "high_harm_with_lro",
                value(
                    high_held as f64,
                    Some(high.len() as f64),
                    format!("{high_held} of {} high-harm threats", high.len()),
                ),
            );
            put(
                "threats_with_lro",
                value(
                    held.len() as f64,
                    Some(n),
                    format!("{} of {n} active threats", held.len()),
                ),
            );
            let holding = cap.holding().count();
            let trained = cap.holding().filter(|o| o.competence.trained()).count();
            put(
                "lros_trained",
                value(
                    trained as f64,
                    Some(holding as f64),
                    format!("{trained} of {holding} officers holding threats"),
                ),
            );
            let unmentored = cap.untrained_unmentored_holding().len();
            put(
                "untrained_unmentored",
                value(
                    unmentored as f64,
                    None,
                    format!("{unmentored} of {holding} officers holding threats"),
                ),
            );
            let over = cap.overloaded().len();
            put(
                "overloaded",
                value(
                    over as f64,
                    None,
                    format!("{over} of {} officers", cap.officers.len()),
                ),
            );
            let outside: usize = cap.officers.iter().map(|o| o.outside_skills.len()).sum();
            put(
                "outside_skills",
                value(
                    outside as f64,
                    None,
                    format!("{outside} of {} threats held", held.len()),
                ),
            );
            let plans = ops_store.plans(None).await?;
            let mut with_plan = 0;
            let (mut reviewed, mut four, mut live_actions, mut overdue_actions) = (0, 0, 0, 0);
            for t in threats {
                if let Some(r) = plans.iter().find(|r| r.threat_id == t.id.as_str()) {
                    with_plan += 1;
                    let plan = ops::plan_of(r)?;
                    let s = plan.status(&RULES.plan, p.today);
                    reviewed += usize::from(!s.review_overdue());
                    four += usize::from(s.covers_all_four());
                    live_actions += plan.actions.iter().filter(|a| a.status.is_live()).count();
                    overdue_actions += s.overdue_actions.len();
                }
            }
            put(
                "plans_for_threats",
                value(
                    with_plan as f64,
                    Some(n),
                    format!("{with_plan} of {n} active threats"),
                ),
            );
            put(
                "plans_reviewed",
                value(
                    reviewed as f64,
                    Some(with_plan as f64),
                    format!("{reviewed} of {with_plan} plans"),
                ),
            );
            put(
                "plans_all_four",
                value(
                    four as f64,
                    Some(with_plan as f64),
                    format!("{four} of {with_plan} plans"),
                ),
            );
            put(
                "actions_overdue",
                value(
                    overdue_actions as f64,
                    Some(live_actions as f64),
                    format!("{overdue_actions} of {live_actions} open actions"),
                ),
            );
            let year_ago = p.today - Duration::days(365);
            let active: BTreeSet<&str> = threats.iter().map(|t| t.id.as_str()).collect();
            let disruptions = ops_store
                .disruptions(None)
                .await?
                .into_iter()
                .filter(|d| active.contains(d.threat_id.as_str()))
                .filter(|d| ops::parse_day(&d.occurred_on, "").is_ok_and(|x| x >= year_ago))
                .count();
            put(
                "disruptions_per_threat",
                value(
                    disruptions as f64,
                    Some(n),
                    format!("{disruptions} disruptions against {n} active threats"),
                ),
            );
        }
    }
    // Intelligence and partners, over the 26 weeks the dashboard shows.
    let summaries = state
        .store
        .report_summaries(store::ReportFilter {
            limit: i64::MAX / 2,
            ..Default::default()
        })
        .await?;
    let latest = summaries
        .iter()
        .filter_map(|s| s.received.get(..10))
        .max()
        .map(str::to_string);
    match latest.as_deref().and_then(|d| ops::parse_day(d, "").ok()) {
        None => {
            for k in [
                "community_partner_share",
                "partner_organisations",
                "shareable_share",
            ] {
                put(
                    k,
                    Measure::Missing("no intelligence has been received".into()),
                );
            }
        }
        Some(latest) => {
            let from = (latest - Duration::weeks(26)).to_string();
            let recent: Vec<&store::ReportSummary> = summaries
                .iter()
                .filter(|s| s.received.get(..10).is_some_and(|d| d > from.as_str()))
                .collect();
            let n = recent.len() as f64;
            let outside = recent
                .iter()
                .filter(|s| {
                    matches!(
                        s.source_type.as_str(),
                        "partner" | "community" | "crimestoppers"
                    )
                })
                .count();
            put(
                "community_partner_share",
                value(
                    outside as f64,
                    Some(n),
                    format!("{outside} of {n} reports since {from}"),
                ),
            );
            let orgs: BTreeSet<&str> = recent
                .iter()
                .filter(|s| s.source_type == "partner")
                .filter_map(|s| s.source_org.as_deref())
                .collect();
            put(
                "partner_organisations",
                value(
                    orgs.len() as f64,
                    None,
                    format!("{} partner organisations since {from}", orgs.len()),
                ),
            );
            let shareable = recent
                .iter()
                .filter(|s| s.handling == model::HandlingCode::P)
                .count();
            put(
                "shareable_share",
                value(
                    shareable as f64,
                    Some(n),
                    format!("{shareable} of {n} reports since {from}"),
                ),
            );
        }
    }
    let submitted = state.store.workflow(None, None, i64::MAX / 2).await?;
    let waiting = submitted.iter().filter(|w| w.status == "new").count();
    put(
        "triage_waiting",
        value(
            waiting as f64,
            Some(submitted.len() as f64),
            format!(
                "{waiting} of {} reports submitted through Sightline",
                submitted.len()
            ),
        ),
    );
    // Safeguarding.
    let (referrals, t) = referral_timeliness(state, v).await?;
    put(
        "referral_targets_met",
        value(
            t[0] as f64,
            Some((t[0] + t[1]) as f64),
            format!("{} of {} time targets reached", t[0], t[0] + t[1]),
        ),
    );
    let overdue = referrals.iter().filter(|r| r.overdue).count();
    put(
        "referrals_overdue",
        value(
            overdue as f64,
            None,
            format!(
                "{overdue} of {} open referrals",
                referrals.iter().filter(|r| r.state != "closed").count()
            ),
        ),
    );
    let flagged = state.store.vulnerabilities(None, true).await?;
    let exploited: Vec<String> = flagged
        .iter()
        .filter(|r| {
            r.categories.iter().any(|c| {
                c == "child_criminal_exploitation"
                    || c == "sexual_exploitation"
                    || c == "criminal_exploitation"
            })
        })
        .map(|r| r.person_id.clone())
        .collect();
    let children: Vec<String> = state
        .store
        .person_profiles(&exploited)
        .await?
        .into_iter()
        .filter(|p| p.age.is_some_and(|(_, max)| max < 18))
        .map(|p| p.person_id)
        .collect();
    let referred_people: BTreeSet<String> = referrals
        .iter()
        .filter_map(|r| r.person_id.clone())
        .collect();
    let referred = children
        .iter()
        .filter(|c| referred_people.contains(*c))
        .count();
    put(
        "exploited_children_referred",
        value(
            referred as f64,
            Some(children.len() as f64),
            format!(
                "{referred} of {} children flagged as exploited",
                children.len()
            ),
        ),
    );
    Ok(f)
}

pub struct ReadinessView {
    pub r: Readiness,
    pub generated: String,
    pub concerns: Vec<(String, String)>,
    pub improvements: Vec<(String, String)>,
    pub promising: Vec<(String, String)>,
}

async fn readiness_view(
    state: &AppState,
    a: &crate::auth::Authed,
) -> Result<ReadinessView, Failure> {
    let p = ops::load(state).await?;
    let f = figures(state, &a.viewer, &p).await?;
    let r = assess(&READINESS, &f);
    let list = |level| {
        r.at(level)
            .into_iter()
            .map(|(q, x)| {
                (
                    q.to_string(),
                    format!("{}: {} ({})", x.label, x.figure, x.detail),
                )
            })
            .collect()
    };
    use operations::readiness::Level;
    Ok(ReadinessView {
        concerns: list(Level::CauseOfConcern),
        improvements: [list(Level::AreaForImprovement), list(Level::NotEvidenced)].concat(),
        promising: list(Level::PromisingPractice),
        generated: time::OffsetDateTime::now_utc().date().to_string(),
        r,
    })
}

#[derive(Template)]
#[template(path = "readiness.html")]
struct ReadinessPage {
    nav: Option<Nav>,
    v: ReadinessView,
}

#[derive(Template)]
#[template(path = "readiness_print.html")]
struct ReadinessPrint {
    v: ReadinessView,
    css: &'static str,
}

pub async fn readiness(State(state): State<AppState>, Extension(user): User) -> PageResult {
    let a = signed_in(&user)?;
    let v = readiness_view(&state, a).await?;
    render(&ReadinessPage {
        nav: nav(a, "/governance"),
        v,
    })
}

pub async fn readiness_api(
    State(state): State<AppState>,
    Extension(user): User,
) -> Result<Json<Readiness>, ApiError> {
    let a = signed_in(&user).map_err(|e| ApiError(e.0))?;
    Ok(Json(readiness_view(&state, a).await?.r))
}

pub async fn readiness_pdf(State(state): State<AppState>, Extension(user): User) -> PageResult {
    let a = signed_in(&user)?;
    let v = readiness_view(&state, a).await?;
    let name = format!("sightline-readiness-{}.pdf", v.generated);
    let html = ReadinessPrint {
        v,
        css: concat!(
            include_str!("../static/app.css"),
            include_str!("../static/print.css")
        ),
    }
    .render()
    .map_err(|e| Failure::Internal(format!("template: {e}")))?;
    let chromium = state.config.chromium.clone();
    let pdf = tokio::task::spawn_blocking(move || print_pdf(&chromium, &html))
        .await
        .map_err(|e| Failure::Internal(e.to_string()))??;
    let disposition = HeaderValue::from_str(&format!("inline; filename=\"{name}\""))
        .unwrap_or(HeaderValue::from_static("inline"));
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        pdf,
    )
        .into_response())
}

/// Prints a self-contained HTML page to PDF with headless Chromium, with the headings as the
/// PDF's outline. No network: the page has everything inline, and Chromium is told not to reach
/// out.
pub fn print_pdf(chromium: &std::path::Path, html: &str) -> Result<Vec<u8>, Failure> {
    let dir =
        tempfile::tempdir().map_err(|e| Failure::Internal(format!("temporary folder: {e}")))?;
    let page = dir.path().join("report.html");
    let out = dir.path().join("report.pdf");
    std::fs::write(&page, html).map_err(|e| Failure::Internal(e.to_string()))?;
    let mut child = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            "--disable-extensions",
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(format!("file://{}", page.display()))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| {
            Failure::Internal(format!(
                "cannot run {} to print the PDF: {e}",
                chromium.display()
            ))
        })?;
    let started = std::time::Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => break,
            Ok(Some(status)) => {
                return Err(Failure::Internal(format!(
                    "chromium failed to print: {status}"
                )));
            }
            Ok(None) if started.elapsed() > std::time::Duration::from_secs(60) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Failure::Internal(
                    "chromium took over a minute to print".into(),
                ));
            }
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(50)),
            Err(e) => return Err(Failure::Internal(e.to_string())),
        }
    }
    std::fs::read(&out).map_err(|e| Failure::Internal(format!("chromium wrote no PDF: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_months_back_across_a_new_year() {
        let m = months(time::macros::date!(2026 - 02 - 10));
        assert_eq!(m.len(), 12);
        assert_eq!((m[0].as_str(), m[11].as_str()), ("2025-03", "2026-02"));
    }
}
