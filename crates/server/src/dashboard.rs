//! The dashboard, every user's home page: what changed since their previous visit (new reports,
//! newly flagged people), and charts of the intelligence coming in — by week and source, by
//! crime type, by source type, with how much comes from the community and partners, which the
//! inspectors found too little of. A partner's figures count only the reports they may see.
//! The dashboard names nobody: people are behind links that ask for a reason.

use crate::access::{Permission, Role, Viewer};
use crate::charts;
use crate::error::PageResult;
use crate::pages::{Card, Nav, ReportRow, User, nav, render, row_of, signed_in};
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::extract::State;
use std::collections::BTreeMap;
use store::ReportFilter;
use time::{Date, Duration};

/// Weeks in each chart's window.
const WEEKS: i64 = 26;

/// The source groups the charts show, in stacking order.
const SOURCES: [(&str, &[&str]); 6] = [
    ("Officers", &["officer"]),
    ("Partners", &["partner"]),
    ("Community", &["community", "crimestoppers"]),
    ("Covert sources", &["chis"]),
    ("Other agencies", &["agency"]),
    ("Other", &["other"]),
];

fn source_group(source_type: &str) -> usize {
    SOURCES
        .iter()
        .position(|(_, types)| types.contains(&source_type))
        .unwrap_or(SOURCES.len() - 1)
}

pub(crate) fn crime_label(c: model::CrimeType) -> String {
    let s = c.as_str().replace('_', " ");
    s.replace("msht", "modern slavery:")
        .replace("drugs county lines", "county lines drugs supply")
}

pub struct Change {
    pub figure: String,
    pub label: String,
    pub href: String,
}

/// One chart: the SVG and the same figures as a table.
pub struct Chart {
    pub heading: String,
    pub svg: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    nav: Option<Nav>,
    display_name: String,
    cards: Vec<Card>,
    recent: Vec<ReportRow>,
    previous_visit: Option<String>,
    changes: Vec<Change>,
    /// What share of intelligence comes from the community and partners, in words.
    community_share: Option<String>,
    window: Option<String>,
    charts: Vec<Chart>,
}

fn monday_of(d: Date) -> Date {
    d - Duration::days(i64::from(d.weekday().number_days_from_monday()))
}

fn short_day(d: Date) -> String {
    format!("{} {}", d.day(), &month_name(d.month())[..3])
}

fn month_name(m: time::Month) -> &'static str {
    use time::Month::*;
    match m {
        January => "January",
        February => "February",
        March => "March",
        April => "April",
        May => "May",
        June => "June",
        July => "July",
        August => "August",
        September => "September",
        October => "October",
        November => "November",
        December => "December",
    }
}

fn long_day(d: Date) -> String {
    format!("{} {} {}", d.day(), month_name(d.month()), d.year())
}

fn percent(part: i64, whole: i64) -> String {
    if whole == 0 {
        "0%".into()
    } else {
        format!("{:.0}%", part as f64 * 100.0 / whole as f64)
    }
}

pub(crate) struct Activity {
    pub(crate) charts: Vec<Chart>,
    pub(crate) community_share: Option<String>,
    pub(crate) window: Option<String>,
}

/// The charts of the intelligence the viewer may see, over the weeks up to the latest report.
pub(crate) async fn activity(state: &AppState, v: &Viewer) -> Result<Activity, store::StoreError> {
    let partner = (v.role == Role::Partner).then_some(v.id);
    let rows = state.store.report_activity(partner).await?;
    let days: Vec<(Date, &store::ActivityRow)> = rows
        .iter()
        .filter_map(|r| {
            Date::parse(
                &r.day,
                time::macros::format_description!("[year]-[month]-[day]"),
            )
            .ok()
            .map(|d| (d, r))
        })
        .collect();
    let Some(latest) = days.iter().map(|(d, _)| *d).max() else {
        return Ok(Activity {
            charts: Vec::new(),
            community_share: None,
            window: None,
        });
    };
    let end_week = monday_of(latest);
    let start = end_week - Duration::weeks(WEEKS - 1);
    let before_start = start - Duration::weeks(WEEKS);
    let weeks: Vec<Date> = (0..WEEKS).map(|i| start + Duration::weeks(i)).collect();
    let mut by_week = vec![vec![0u64; weeks.len()]; SOURCES.len()];
    let mut by_crime: BTreeMap<model::CrimeType, u64> = BTreeMap::new();
    let mut by_source: BTreeMap<String, u64> = BTreeMap::new();
    let (mut total, mut community_partner) = (0i64, 0i64);
    let (mut total_before, mut community_partner_before) = (0i64, 0i64);
    for (day, r) in &days {
        let from_outside = matches!(source_group(&r.source_type), 1 | 2);
        if *day < start {
            if *day >= before_start {
                total_before += r.reports;
                community_partner_before += if from_outside { r.reports } else { 0 };
            }
            continue;
        }
        let week = ((monday_of(*day) - start).whole_weeks()) as usize;
        by_week[source_group(&r.source_type)][week.min(weeks.len() - 1)] += r.reports as u64;
        for c in &r.crime_types {
            *by_crime.entry(*c).or_default() += r.reports as u64;
        }
        *by_source.entry(r.source_type.clone()).or_default() += r.reports as u64;
        total += r.reports;
        community_partner += if from_outside { r.reports } else { 0 };
    }
    let window = format!(
        "the {WEEKS} weeks from {} to {}",
        long_day(start),
        long_day(latest)
    );
    let week_labels: Vec<String> = weeks.iter().map(|d| short_day(*d)).collect();
    let series: Vec<(String, Vec<u64>)> = SOURCES
        .iter()
        .zip(by_week)
        .filter(|(_, v)| v.iter().any(|n| *n > 0))
        .map(|((name, _), v)| (name.to_string(), v))
        .collect();
    let mut charts = Vec::new();
    charts.push(Chart {
        heading: "Reports each week, by source".into(),
        svg: charts::stacked_columns(
            "Reports each week, by source",
            &format!("{total} reports in {window}, stacked by the kind of source."),
            &week_labels,
            &series,
        ),
        headers: std::iter::once("Week beginning".to_string())
            .chain(series.iter().map(|(n, _)| n.clone()))
            .collect(),
        rows: week_labels
            .iter()
            .enumerate()
            .map(|(i, w)| {
                std::iter::once(w.clone())
                    .chain(series.iter().map(|(_, v)| v[i].to_string()))
                    .collect()
            })
            .collect(),
    });
    let mut crimes: Vec<(String, u64)> = by_crime
        .into_iter()
        .map(|(c, n)| (crime_label(c), n))
        .collect();
    crimes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    charts.push(Chart {
        heading: "By crime type".into(),
        svg: charts::bars(
            "Reports by crime type",
            &format!("Reports in {window} by crime type; a report may have several."),
            &crimes,
            charts::PALETTE[0],
        ),
        headers: vec!["Crime type".into(), "Reports".into()],
        rows: crimes
            .iter()
            .map(|(c, n)| vec![c.clone(), n.to_string()])
            .collect(),
    });
    let mut sources: Vec<(String, u64)> = by_source
        .into_iter()
        .map(|(s, n)| (source_label(&s), n))
        .collect();
    sources.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    charts.push(Chart {
        heading: "By source type".into(),
        svg: charts::bars(
            "Reports by source type",
            &format!("Reports in {window} by the kind of source."),
            &sources,
            charts::PALETTE[2],
        ),
        headers: vec!["Source".into(), "Reports".into()],
        rows: sources
            .iter()
            .map(|(s, n)| vec![s.clone(), n.to_string()])
            .collect(),
    });
    let community_share = Some(if total_before > 0 {
        format!(
            "{} of the intelligence in these weeks came from the community and partners ({} in the {WEEKS} weeks before).",
            percent(community_partner, total),
            percent(community_partner_before, total_before)
        )
    } else {
        format!(
            "{} of the intelligence in these weeks came from the community and partners.",
            percent(community_partner, total)
        )
    });
    Ok(Activity {
        charts,
        community_share,
        window: Some(window),
    })
}

fn source_label(source_type: &str) -> String {
    match source_type {
        "officer" => "Officers",
        "partner" => "Partner agencies",
        "community" => "Community (online form and contact)",
        "crimestoppers" => "Crimestoppers",
        "chis" => "Covert human intelligence sources",
        "agency" => "Other agencies (NCA, ROCU, forces)",
        _ => "Other",
    }
    .to_string()
}

/// What changed since the user's previous visit.
async fn changes(
    state: &AppState,
    v: &Viewer,
    since: &str,
) -> Result<Vec<Change>, store::StoreError> {
    let partner = (v.role == Role::Partner).then_some(v.id);
    let mut out = Vec::new();
    let new_reports = state.store.reports_stored_since(since, partner).await?;
    out.push(Change {
        figure: new_reports.to_string(),
        label: if new_reports == 1 {
            "new report".into()
        } else {
            "new reports".into()
        },
        href: "/reports".into(),
    });
    if v.can(Permission::ViewAssessments) {
        let flagged = state.store.vulnerabilities(None, true).await?;
        let newly: Vec<&store::VulnerabilityRow> = flagged
            .iter()
            .filter(|r| r.flagged_since.as_deref().is_some_and(|s| s > since))
            .collect();
        let mut by_category: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &newly {
            if let Some(c) = r.categories.first() {
                *by_category.entry(c.as_str()).or_default() += 1;
            }
        }
        let detail = by_category
            .iter()
            .map(|(c, n)| format!("{n} {}", c.replace('_', " ")))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(Change {
            figure: newly.len().to_string(),
            label: if detail.is_empty() {
                "people newly flagged as at risk".into()
            } else {
                format!("people newly flagged as at risk ({detail})")
            },
            href: "/vulnerable?sort=flagged".into(),
        });
    }
    Ok(out)
}

pub async fn home(State(state): State<AppState>, Extension(user): User) -> PageResult {
    let a = signed_in(&user)?;
    let v = &a.viewer;
    let mut cards = Vec::new();
    let mut recent = Vec::new();
    let mut previous_visit = None;
    let mut change_list = Vec::new();
    let mut act = Activity {
        charts: Vec::new(),
        community_share: None,
        window: None,
    };
    if v.can(Permission::ViewPicture) {
        let rows = state
            .store
            .report_summaries(ReportFilter {
                limit: 10,
                shareable_or_submitted_by: (v.role == Role::Partner).then_some(v.id),
                ..ReportFilter::default()
            })
            .await?;
        recent = rows.iter().map(row_of).collect();
        if let Some(since) = state
            .store
            .user_by_id(v.id)
            .await?
            .and_then(|u| u.previous_login_at)
        {
            change_list = changes(&state, v, &since).await?;
            previous_visit = Some(
                crate::auth::parse_time(&since)
                    .map(|t| {
                        format!(
                            "{} at {:02}:{:02}",
                            long_day(t.date()),
                            t.hour(),
                            t.minute()
                        )
                    })
                    .unwrap_or(since),
            );
        }
        act = activity(&state, v).await?;
        if v.is_staff() {
            let counts = state.store.counts().await?;
            cards.push(Card {
                href: "/reports",
                figure: counts.reports.to_string(),
                label: "reports in the picture",
            });
        }
    }
    if v.can(Permission::ViewAssessments) {
        let flagged = state.store.vulnerabilities(None, true).await?.len();
        cards.push(Card {
            href: "/vulnerable",
            figure: flagged.to_string(),
            label: "people flagged as at risk",
        });
    }
    if v.can(Permission::ViewReferrals) {
        let open = crate::referrals::visible_referrals(
            &state,
            v,
            store::ReferralFilter {
                open_only: true,
                ..Default::default()
            },
        )
        .await?;
        let overdue = open.iter().filter(|r| r.overdue).count();
        cards.push(Card {
            href: "/referrals",
            figure: if overdue > 0 {
                format!("{overdue} overdue")
            } else {
                open.len().to_string()
            },
            label: if overdue > 0 {
                "open safeguarding referrals past a time target"
            } else {
                "open safeguarding referrals"
            },
        });
    }
    if v.can(Permission::Triage) {
        let waiting = state.store.workflow(Some("new"), None, 10_000).await?.len();
        cards.push(Card {
            href: "/triage",
            figure: waiting.to_string(),
            label: "reports waiting for triage",
        });
    }
    if v.can(Permission::SubmitReport) {
        cards.push(Card {
            href: "/reports/new",
            figure: "+".into(),
            label: "submit an intelligence report",
        });
    }
    if v.can(Permission::SubmitPartnerReport) {
        let mine = state.store.workflow(None, Some(v.id), 10_000).await?.len();
        cards.push(Card {
            href: "/portal",
            figure: mine.to_string(),
            label: "referrals your account has sent",
        });
    }
    if v.can(Permission::ViewAudit) {
        cards.push(Card {
            href: "/audit",
            figure: state.store.counts().await?.audit_entries.to_string(),
            label: "entries in the audit trail",
        });
    }
    if v.can(Permission::ManageUsers) {
        cards.push(Card {
            href: "/admin/users",
            figure: state.store.users().await?.len().to_string(),
            label: "accounts",
        });
    }
    render(&Home {
        nav: nav(a, "/"),
        display_name: v.display_name.clone(),
        cards,
        recent,
        previous_visit,
        changes: change_list,
        community_share: act.community_share,
        window: act.window,
        charts: act.charts,
    })
}
