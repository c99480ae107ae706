//! What the intelligence picture holds about each group: stops, arrests, missing-person
//! reports, school and council referrals, neighbours' vague reports, covert sources,
//! Crimestoppers, other agencies — each seeing a part of the group, through its own noise.
//!
//! Every member, victim and attached person (a runner's parent, a fraud victim) appears in at
//! least one report; the rest of the group's planned reports are drawn at random from the
//! events its kind produces. Violent incidents are rendered exactly as planned, since the
//! group's harm figure counts them.

use crate::background;
use crate::geo::TOWNS;
use crate::noise::Detail;
use crate::phrases::Family;
use crate::render::{Ctx, Local};
use crate::util::{between, chance, pick, weighted};
use crate::world::{Group, GroupKind, Home, NONE, Role, Sex};
use model::{CrimeType, IntelAssessment, LinkType, PersonRole, SourceEvaluation, SourceType};
use rand::Rng as _;

/// Renders every report about one group.
pub fn render(cx: &mut Ctx, g: &Group) {
    match g.kind {
        GroupKind::CountyLine => county_line(cx, g),
        GroupKind::LabourNetwork => labour(cx, g),
        GroupKind::SexualNetwork => sexual(cx, g),
        GroupKind::DrugsSupply => drugs_supply(cx, g),
        GroupKind::Fraud => fraud(cx, g),
    }
    // Members also live ordinary lives that reach police records.
    for (m, role) in &g.members {
        if *role != Role::Victim && chance(&mut cx.rng, 0.12) {
            background::ordinary_report(cx, *m);
        }
    }
}

fn day(cx: &mut Ctx) -> u16 {
    let days = cx.w.days;
    cx.rng.random_range(0..days)
}

fn sex(cx: &Ctx, person: u32) -> Sex {
    cx.w.person(person).sex
}

fn town(t: u8) -> &'static str {
    TOWNS[t as usize].name
}

fn home_town(cx: &Ctx, person: u32) -> u8 {
    cx.w.town_of_home(cx.w.person(person).home)
}

/// The street part of a dwelling, for text.
fn street_of(cx: &Ctx, addr: u32) -> String {
    cx.w.geo.street(&cx.w.addrs[addr as usize]).name()
}

/// Appends `k` different indicators of `family`, chosen from `names`, about `person`.
fn indicators(
    cx: &mut Ctx,
    g: &Group,
    family: Family,
    names: &[&'static str],
    k: usize,
    person: u32,
) {
    let s = sex(cx, person);
    let mut pool: Vec<&'static str> = names.to_vec();
    for _ in 0..k.min(pool.len()) {
        let i = cx.rng.random_range(0..pool.len());
        let name = pool.swap_remove(i);
        cx.indicator(family, name, s, g.market, g.hub);
    }
}

fn indicator(cx: &mut Ctx, g: &Group, family: Family, name: &'static str, person: u32) {
    let s = sex(cx, person);
    cx.indicator(family, name, s, g.market, g.hub);
}

fn officer_grading(cx: &mut Ctx) {
    cx.set_grading(SourceEvaluation::Reliable, IntelAssessment::A);
}

/// The phone a person uses, if any, linked to their mention.
fn own_phone(cx: &mut Ctx, person: u32, local: Local) {
    if let Some(phone) = cx.w.person(person).phone {
        let t = cx.phone(phone);
        cx.link(local, t, LinkType::UsesPhone);
    }
}

/// The vehicle a person drives, if any, linked to their mention.
fn own_vehicle(cx: &mut Ctx, person: u32, local: Local, detail: Detail) -> Option<Local> {
    let v = cx.w.person(person).vehicle;
    if v == NONE {
        return None;
    }
    let l = cx.vehicle(v, detail);
    cx.link(local, l, LinkType::Drives);
    Some(l)
}

fn home_dwelling(cx: &Ctx, person: u32) -> Option<u32> {
    match cx.w.person(person).home {
        Home::Dwelling(a) => Some(a),
        Home::Site { .. } => None,
    }
}

// ---------------------------------------------------------------------------------------------
// County lines

struct Line {
    controller: u32,
    holders: Vec<u32>,
    runners: Vec<u32>,
    cuckooed: Vec<u32>,
    associates: Vec<u32>,
    brand: String,
}

const CCE_STOP: &[&str] = &[
    "unexplained_money_or_items",
    "multiple_phones",
    "drugs_concealed",
    "older_associates",
    "travel_and_tickets",
];
const CUCKOO_PUBLIC: &[&str] = &[
    "callers_at_all_hours",
    "resident_not_seen",
    "increase_in_vehicles",
    "strangers_staying",
    "antisocial_behaviour_at_address",
];
const CUCKOO_VISIT: &[&str] = &[
    "vulnerable_resident",
    "resident_fearful",
    "strangers_staying",
    "drug_activity_at_address",
];

fn county_line(cx: &mut Ctx, g: &Group) {
    let line = Line {
        controller: g
            .first_with_role(Role::Controller)
            .unwrap_or(g.members[0].0),
        holders: g.with_role(Role::LineHolder).collect(),
        runners: g.with_role(Role::Runner).collect(),
        cuckooed: g.with_role(Role::Victim).collect(),
        associates: g.with_role(Role::Associate).collect(),
        brand: g.brand.clone().unwrap_or_else(|| "the".to_string()),
    };
    let mut made = 0u32;
    // Everyone once.
    cl_agency(cx, g, &line);
    made += 1;
    for &h in &line.holders {
        cl_arrest(cx, g, &line, h);
        made += 1;
    }
    for &r in &line.runners {
        let parent = g
            .attached
            .iter()
            .find(|(_, runner)| *runner == r)
            .map(|(p, _)| *p);
        match parent {
            Some(p) => cl_missing(cx, g, r, p),
            None => cl_stop(cx, g, &line, r),
        }
        made += 1;
    }
    for &v in &line.cuckooed {
        cl_welfare(cx, g, &line, v);
        made += 1;
    }
    for &a in &line.associates {
        cl_anpr(cx, g, a, true);
        made += 1;
    }
    for _ in 0..g.violent_incidents {
        cl_violence(cx, g, &line);
        made += 1;
    }
    while made < g.reports {
        match weighted(&mut cx.rng, &[22, 10, 8, 16, 6, 8, 10, 4, 5, 4, 4, 3]) {
            0 => {
                let r = *pick(&mut cx.rng, &line.runners);
                cl_stop(cx, g, &line, r);
            }
            1 => {
                let r = *pick(&mut cx.rng, &line.runners);
                match g.attached.iter().find(|(_, runner)| *runner == r) {
                    Some((p, _)) => cl_missing(cx, g, r, *p),
                    None => cl_stop(cx, g, &line, r),
                }
            }
            2 => {
                let r = *pick(&mut cx.rng, &line.runners);
                cl_school(cx, g, r);
            }
            3 => {
                let v = *pick(&mut cx.rng, &line.cuckooed);
                cl_community(cx, g, &line, v);
            }
            4 => {
                let v = *pick(&mut cx.rng, &line.cuckooed);
                cl_welfare(cx, g, &line, v);
            }
            5 => cl_crimestoppers(cx, g, &line),
            6 => cl_chis(cx, g, &line),
            7 => cl_flare(cx, g, &line),
            8 => {
                let who = if line.associates.is_empty() {
                    *pick(&mut cx.rng, &line.holders)
                } else {
                    *pick(&mut cx.rng, &line.associates)
                };
                cl_anpr(cx, g, who, false);
            }
            9 => {
                let r = *pick(&mut cx.rng, &line.runners);
                cl_nhs(cx, g, r);
            }
            10 => {
                let r = *pick(&mut cx.rng, &line.runners);
                cl_transport_police(cx, g, r);
            }
            _ => cl_agency(cx, g, &line),
        }
        made += 1;
    }
}

fn is_child(cx: &Ctx, person: u32) -> bool {
    cx.w.person(person).age_at(cx.today()) < 18
}

fn cl_stop(cx: &mut Ctx, g: &Group, line: &Line, runner: u32) {
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, g.market, g.id);
    officer_grading(cx);
    cx.crime(CrimeType::DrugsCountyLines);
    let child = is_child(cx, runner);
    if child && chance(&mut cx.rng, 0.6) {
        cx.crime(CrimeType::ChildCriminalExploitation);
    }
    let place = match cx.rng.random_range(0..3) {
        0 => format!("{} railway station", town(g.market)),
        1 => format!("the underpass near {} bus station", town(g.market)),
        _ => {
            let v = *pick(&mut cx.rng, &line.cuckooed);
            let street = home_dwelling(cx, v)
                .map(|a| street_of(cx, a))
                .unwrap_or_else(|| "High Street".to_string());
            format!("{street}, {}", town(g.market))
        }
    };
    cx.sayf(format_args!(
        "Stop and search under s23 Misuse of Drugs Act at {place} after the subject was seen making an exchange with a known user."
    ));
    let r = cx.person(runner, PersonRole::Subject, Detail::Full);
    let loc = cx.public_place(&place);
    cx.link(r, loc, LinkType::SeenAt);
    own_phone(cx, runner, r);
    if chance(&mut cx.rng, 0.45) {
        let deal = *pick(&mut cx.rng, &g.deal_lines);
        let t = cx.phone(deal);
        cx.link(r, t, LinkType::UsesPhone);
        let brand = line.brand.clone();
        cx.sayf(format_args!(
            "A second handset was receiving messages for the '{brand}' line."
        ));
    }
    let mut k = between(&mut cx.rng, 1, 3) as usize;
    if home_town(cx, runner) != g.market {
        indicator(
            cx,
            g,
            Family::ChildCriminalExploitation,
            "found_out_of_area",
            runner,
        );
        k = k.saturating_sub(1);
    }
    indicators(
        cx,
        g,
        Family::ChildCriminalExploitation,
        CCE_STOP,
        k.max(1),
        runner,
    );
    if chance(&mut cx.rng, 0.35) && !line.holders.is_empty() {
        let h = *pick(&mut cx.rng, &line.holders);
        let hl = cx.person(h, PersonRole::Associate, Detail::Full);
        cx.link(hl, r, LinkType::AssociatesWith);
        if let Some(v) = own_vehicle(cx, h, hl, Detail::Full) {
            cx.link(v, loc, LinkType::SeenAt);
            cx.say("The older male was waiting nearby in a car.");
        }
    }
    if g.knife && chance(&mut cx.rng, 0.25) {
        indicator(cx, g, Family::ControlViolence, "weapons_knife", runner);
    }
    let line = if child {
        *pick(
            &mut cx.rng,
            &[
                "Arrested; safeguarding referral made to children's services and the exploitation hub.",
                "Released under investigation; NRM referral submitted as a possible victim of criminal exploitation.",
                "Taken home to a parent; child exploitation screening tool completed.",
            ],
        )
    } else {
        "Arrested for possession with intent to supply class A drugs."
    };
    cx.say(line);
    cx.finish();
}

fn cl_missing(cx: &mut Ctx, g: &Group, runner: u32, parent: u32) {
    let d = day(cx);
    let t = home_town(cx, runner);
    cx.begin(SourceType::Officer, None, d, t, g.id);
    cx.crime(CrimeType::ChildCriminalExploitation);
    let w = cx.w;
    let name = crate::noise::text_name(&mut cx.rng, w.person(runner));
    cx.sayf(format_args!(
        "Missing person report: {name} did not return home and a parent called police."
    ));
    let r = cx.person(runner, PersonRole::Victim, Detail::Full);
    let home = cx.home_of(runner, Detail::Full);
    cx.link(r, home, LinkType::LivesAt);
    let p = cx.person(parent, PersonRole::Witness, Detail::Full);
    cx.link(p, r, LinkType::FamilyOf);
    own_phone(cx, parent, p);
    indicator(
        cx,
        g,
        Family::ChildCriminalExploitation,
        "missing_episodes",
        runner,
    );
    let extra: &[&str] = &[
        "found_out_of_area",
        "older_associates",
        "unexplained_money_or_items",
        "multiple_phones",
    ];
    let k = between(&mut cx.rng, 1, 2) as usize;
    indicators(cx, g, Family::ChildCriminalExploitation, extra, k, runner);
    if chance(&mut cx.rng, 0.2) {
        indicator(
            cx,
            g,
            Family::ControlViolence,
            "intimidation_of_family",
            runner,
        );
    }
    cx.say("Return home interview to be arranged; exploitation screening completed.");
    cx.finish();
}

fn cl_school(cx: &mut Ctx, g: &Group, runner: u32) {
    let w = cx.w;
    let t = home_town(cx, runner);
    let t = if TOWNS[t as usize].in_force {
        t
    } else {
        g.market
    };
    let Some(&school) = w.schools[t as usize].first() else {
        return cl_nhs(cx, g, runner);
    };
    let org = w.geo.businesses[school as usize].name.clone();
    let d = day(cx);
    cx.begin(SourceType::Partner, Some(&org), d, t, g.id);
    cx.say("Safeguarding referral from the school's designated safeguarding lead.");
    let r = cx.person(runner, PersonRole::Unknown, Detail::Partial);
    let s = cx.business(school, Detail::Partial);
    cx.link(r, s, LinkType::Other);
    indicator(
        cx,
        g,
        Family::ChildCriminalExploitation,
        "school_decline",
        runner,
    );
    let extra: &[&str] = &[
        "unexplained_money_or_items",
        "older_associates",
        "multiple_phones",
        "unexplained_injuries",
    ];
    let k = between(&mut cx.rng, 1, 2) as usize;
    indicators(cx, g, Family::ChildCriminalExploitation, extra, k, runner);
    cx.finish();
}

fn cl_community(cx: &mut Ctx, g: &Group, line: &Line, resident: u32) {
    let Some(addr) = home_dwelling(cx, resident) else {
        return;
    };
    let t = home_town(cx, resident);
    let d = day(cx);
    let source = if chance(&mut cx.rng, 0.8) {
        SourceType::Community
    } else {
        SourceType::Crimestoppers
    };
    cx.begin(source, None, d, t, g.id);
    let street = street_of(cx, addr);
    let opening = *pick(
        &mut cx.rng,
        &[
            "I want to report what is going on at a flat on",
            "Something is not right at an address on",
            "Worried about the house on",
            "Please can someone look at the flat on",
        ],
    );
    cx.sayf(format_args!("{opening} {street}."));
    let loc = cx.dwelling(addr, Detail::Slight);
    let k = between(&mut cx.rng, 2, 3) as usize;
    indicators(cx, g, Family::Cuckooing, CUCKOO_PUBLIC, k, resident);
    if chance(&mut cx.rng, 0.6) {
        let r = *pick(&mut cx.rng, &line.runners);
        let l = cx.unnamed(r, PersonRole::Unknown);
        cx.link(l, loc, LinkType::SeenAt);
        if is_child(cx, r) {
            cx.say("Some of them look about 14 or 15.");
        }
    }
    if chance(&mut cx.rng, 0.5) {
        let l = cx.unnamed(resident, PersonRole::Unknown);
        cx.link(l, loc, LinkType::LivesAt);
    }
    let drivers: Vec<u32> = line
        .holders
        .iter()
        .chain(&line.associates)
        .copied()
        .filter(|p| cx.w.person(*p).vehicle != NONE)
        .collect();
    if !drivers.is_empty() && chance(&mut cx.rng, 0.4) {
        let p = *pick(&mut cx.rng, &drivers);
        let v = cx.vehicle(cx.w.person(p).vehicle, Detail::Slight);
        cx.link(v, loc, LinkType::SeenAt);
    }
    cx.finish();
}

fn cl_welfare(cx: &mut Ctx, g: &Group, line: &Line, resident: u32) {
    let t = home_town(cx, resident);
    let d = day(cx);
    let by_partner = chance(&mut cx.rng, 0.4);
    if by_partner {
        let org = if chance(&mut cx.rng, 0.5) {
            "Fenmoor County Council Adult Social Care".to_string()
        } else {
            background::council(t)
        };
        cx.begin(SourceType::Partner, Some(&org), d, t, g.id);
        cx.say("Support worker visit to the tenant following concerns raised by neighbours.");
    } else {
        cx.begin(SourceType::Officer, None, d, t, g.id);
        cx.say("Welfare visit to the address after reports of drug activity.");
    }
    cx.crime(CrimeType::DrugsCountyLines);
    cx.crime(CrimeType::MshtCriminal);
    let role = if chance(&mut cx.rng, 0.6) {
        PersonRole::Victim
    } else {
        PersonRole::Unknown
    };
    let v = cx.person(resident, role, Detail::Full);
    let home = cx.home_of(resident, Detail::Full);
    cx.link(v, home, LinkType::LivesAt);
    own_phone(cx, resident, v);
    let k = between(&mut cx.rng, 2, 3) as usize;
    indicators(cx, g, Family::Cuckooing, CUCKOO_VISIT, k, resident);
    if chance(&mut cx.rng, 0.5) {
        let r = *pick(&mut cx.rng, &line.runners);
        let role = if is_child(cx, r) {
            PersonRole::Unknown
        } else {
            PersonRole::Subject
        };
        let l = if chance(&mut cx.rng, 0.5) {
            cx.person(r, role, Detail::Partial)
        } else {
            cx.unnamed(r, role)
        };
        cx.link(l, home, LinkType::StaysAt);
    }
    if chance(&mut cx.rng, 0.35) && !line.holders.is_empty() {
        let h = *pick(&mut cx.rng, &line.holders);
        let l = cx.person(h, PersonRole::Subject, Detail::Partial);
        cx.link(l, home, LinkType::SeenAt);
        cx.link(l, v, LinkType::Controls);
        indicator(cx, g, Family::ControlViolence, "threats", resident);
    }
    cx.finish();
}

fn cl_crimestoppers(cx: &mut Ctx, g: &Group, line: &Line) {
    let d = day(cx);
    cx.begin(
        SourceType::Crimestoppers,
        Some("Crimestoppers"),
        d,
        g.market,
        g.id,
    );
    let w = cx.w;
    let c = w.person(line.controller);
    let who = match c.alias() {
        Some(a) if chance(&mut cx.rng, 0.7) => format!("someone called '{a}'"),
        _ => format!("a man called {}", c.forename()),
    };
    let brand = line.brand.clone();
    cx.sayf(format_args!(
        "The {brand} line is run by {who} from {}. Young lads are sent up on the train to sell.",
        town(g.hub)
    ));
    let deal = *pick(&mut cx.rng, &g.deal_lines);
    let p = cx.person(line.controller, PersonRole::Subject, Detail::Slight);
    let t = cx.phone(deal);
    cx.link(p, t, LinkType::UsesPhone);
    let written = crate::noise::phone(&mut cx.rng, cx.noise, deal);
    cx.sayf(format_args!("The number to ring is {written}."));
    if chance(&mut cx.rng, 0.6) {
        let v = *pick(&mut cx.rng, &line.cuckooed);
        if let Some(a) = home_dwelling(cx, v) {
            let street = street_of(cx, a);
            cx.sayf(format_args!("They deal from a flat on {street}."));
            cx.dwelling(a, Detail::Slight);
        }
    }
    cx.finish();
}

fn cl_chis(cx: &mut Ctx, g: &Group, line: &Line) {
    let d = day(cx);
    cx.begin(SourceType::Chis, None, d, g.market, g.id);
    cx.crime(CrimeType::DrugsCountyLines);
    let brand = line.brand.clone();
    cx.sayf(format_args!(
        "Source reports that the {brand} line is controlled from {} and supplies crack cocaine and heroin in {}.",
        town(g.hub),
        town(g.market)
    ));
    let c = cx.person(line.controller, PersonRole::Subject, Detail::Partial);
    let deal = *pick(&mut cx.rng, &g.deal_lines);
    let t = cx.phone(deal);
    if chance(&mut cx.rng, 0.6) {
        cx.link(c, t, LinkType::Controls);
    }
    if !line.holders.is_empty() {
        let h = *pick(&mut cx.rng, &line.holders);
        let hl = cx.person(h, PersonRole::Subject, Detail::Partial);
        cx.link(c, hl, LinkType::Controls);
        cx.link(hl, t, LinkType::UsesPhone);
        if chance(&mut cx.rng, 0.5) {
            own_vehicle(cx, h, hl, Detail::Partial);
        }
        if chance(&mut cx.rng, 0.6) {
            let r = *pick(&mut cx.rng, &line.runners);
            let rl = cx.person(r, PersonRole::Unknown, Detail::Slight);
            cx.link(hl, rl, LinkType::Supplies);
            indicator(
                cx,
                g,
                Family::ChildCriminalExploitation,
                "older_associates",
                r,
            );
        }
    }
    if chance(&mut cx.rng, 0.5) {
        let v = *pick(&mut cx.rng, &line.cuckooed);
        if let Some(a) = home_dwelling(cx, v) {
            let loc = cx.dwelling(a, Detail::Partial);
            cx.link(c, loc, LinkType::Other);
            indicator(cx, g, Family::Cuckooing, "drug_activity_at_address", v);
        }
    }
    let mut violence: Vec<&'static str> = vec!["threats", "debt_bondage"];
    if g.knife {
        violence.push("weapons_knife");
    }
    if g.firearm {
        violence.push("firearm");
    }
    let k = between(&mut cx.rng, 1, 2) as usize;
    indicators(
        cx,
        g,
        Family::ControlViolence,
        &violence,
        k,
        line.controller,
    );
    cx.finish();
}

fn cl_arrest(cx: &mut Ctx, g: &Group, line: &Line, holder: u32) {
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, g.market, g.id);
    officer_grading(cx);
    cx.crime(CrimeType::DrugsCountyLines);
    let trap = pick(&mut cx.rng, &line.cuckooed).to_owned();
    let at_trap = chance(&mut cx.rng, 0.6);
    let w = cx.w;
    let name = crate::noise::text_name(&mut cx.rng, w.person(holder));
    let cash = between(&mut cx.rng, 4, 60) * 50;
    let handsets = between(&mut cx.rng, 2, 5);
    cx.sayf(format_args!(
        "{name} arrested for possession with intent to supply class A drugs. £{cash} in cash and {handsets} handsets seized."
    ));
    let h = cx.person(holder, PersonRole::Subject, Detail::Full);
    let home = cx.home_of(holder, Detail::Full);
    cx.link(h, home, LinkType::LivesAt);
    own_phone(cx, holder, h);
    if chance(&mut cx.rng, 0.6) {
        let deal = *pick(&mut cx.rng, &g.deal_lines);
        let t = cx.phone(deal);
        cx.link(h, t, LinkType::UsesPhone);
    }
    own_vehicle(cx, holder, h, Detail::Full);
    if at_trap && let Some(a) = home_dwelling(cx, trap) {
        let loc = cx.dwelling(a, Detail::Full);
        cx.link(h, loc, LinkType::SeenAt);
        indicator(cx, g, Family::Cuckooing, "drug_activity_at_address", trap);
    }
    if g.knife && chance(&mut cx.rng, 0.5) {
        indicator(cx, g, Family::ControlViolence, "weapons_knife", holder);
    }
    if g.firearm && chance(&mut cx.rng, 0.3) {
        indicator(cx, g, Family::ControlViolence, "firearm", holder);
        cx.crime(CrimeType::Firearms);
    }
    cx.finish();
}

fn cl_violence(cx: &mut Ctx, g: &Group, line: &Line) {
    let victim = if chance(&mut cx.rng, 0.7) || line.cuckooed.is_empty() {
        *pick(&mut cx.rng, &line.runners)
    } else {
        *pick(&mut cx.rng, &line.cuckooed)
    };
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, g.market, g.id);
    officer_grading(cx);
    cx.crime(CrimeType::OrganisedViolence);
    cx.crime(CrimeType::DrugsCountyLines);
    cx.say("Assault reported; victim treated by paramedics at the scene.");
    let v = cx.person(victim, PersonRole::Victim, Detail::Full);
    indicator(cx, g, Family::ControlViolence, "assault_injury", victim);
    let mut more: Vec<&'static str> = vec![
        "debt_bondage",
        "threats",
        "abduction",
        "intimidation_of_family",
    ];
    if g.knife {
        more.push("weapons_knife");
    }
    indicators(cx, g, Family::ControlViolence, &more, 1, victim);
    let suspect = if line.holders.is_empty() {
        line.controller
    } else {
        *pick(&mut cx.rng, &line.holders)
    };
    let s = if chance(&mut cx.rng, 0.5) {
        cx.person(suspect, PersonRole::Subject, Detail::Partial)
    } else {
        cx.unnamed(suspect, PersonRole::Subject)
    };
    cx.link(s, v, LinkType::Other);
    cx.say("Victim reluctant to give an account.");
    cx.finish();
}

fn cl_agency(cx: &mut Ctx, g: &Group, line: &Line) {
    let d = day(cx);
    let org = *pick(
        &mut cx.rng,
        &[
            "Kingsport Metropolitan Police",
            "Regional Organised Crime Unit",
            "National County Lines Coordination Centre",
        ],
    );
    cx.begin(SourceType::Agency, Some(org), d, g.market, g.id);
    cx.crime(CrimeType::DrugsCountyLines);
    let w = cx.w;
    let brand = line.brand.clone();
    let name = crate::noise::text_name(&mut cx.rng, w.person(line.controller));
    cx.sayf(format_args!(
        "Telephony analysis attributes the {brand} deal line to {name} of {}, believed to run the line remotely.",
        town(g.hub)
    ));
    let c = cx.person(line.controller, PersonRole::Subject, Detail::Full);
    let home = cx.home_of(line.controller, Detail::Full);
    cx.link(c, home, LinkType::LivesAt);
    own_phone(cx, line.controller, c);
    for deal in &g.deal_lines {
        let t = cx.phone(*deal);
        cx.link(c, t, LinkType::Controls);
    }
    own_vehicle(cx, line.controller, c, Detail::Full);
    if g.firearm && chance(&mut cx.rng, 0.5) {
        indicator(cx, g, Family::ControlViolence, "firearm", line.controller);
        cx.crime(CrimeType::Firearms);
    }
    cx.finish();
}

fn cl_anpr(cx: &mut Ctx, g: &Group, driver: u32, name_driver: bool) {
    let w = cx.w;
    let v = w.person(driver).vehicle;
    if v == NONE {
        return cl_flare_phone_only(cx, g);
    }
    let d = day(cx);
    let source = if chance(&mut cx.rng, 0.5) {
        SourceType::Officer
    } else {
        SourceType::Agency
    };
    let org = (source == SourceType::Agency).then_some("Regional Organised Crime Unit");
    cx.begin(source, org, d, g.market, g.id);
    cx.crime(CrimeType::DrugsCountyLines);
    let times = between(&mut cx.rng, 3, 9);
    cx.sayf(format_args!(
        "ANPR shows the vehicle travelling between {} and {} {times} times this month, mostly overnight, staying less than an hour.",
        town(g.hub),
        town(g.market)
    ));
    let vl = cx.vehicle(v, Detail::Full);
    if name_driver || chance(&mut cx.rng, 0.6) {
        let p = cx.person(driver, PersonRole::Associate, Detail::Partial);
        cx.link(p, vl, LinkType::Drives);
    }
    cx.finish();
}

fn cl_flare(cx: &mut Ctx, g: &Group, line: &Line) {
    let d = day(cx);
    let source = if chance(&mut cx.rng, 0.6) {
        SourceType::Community
    } else {
        SourceType::Officer
    };
    cx.begin(source, None, d, g.market, g.id);
    let brand = line.brand.clone();
    let deal = *g.deal_lines.last().unwrap_or(&g.deal_lines[0]);
    let written = crate::noise::phone(&mut cx.rng, cx.noise, deal);
    cx.sayf(format_args!(
        "Bulk text received from {written}: '{brand} back on, new number, open all day, 2 for 20'."
    ));
    cx.phone(deal);
    cx.finish();
}

fn cl_flare_phone_only(cx: &mut Ctx, g: &Group) {
    let line = Line {
        controller: g.members[0].0,
        holders: Vec::new(),
        runners: Vec::new(),
        cuckooed: Vec::new(),
        associates: Vec::new(),
        brand: g.brand.clone().unwrap_or_default(),
    };
    cl_flare(cx, g, &line);
}

fn cl_nhs(cx: &mut Ctx, g: &Group, person: u32) {
    let w = cx.w;
    let t = home_town(cx, person);
    let t = if TOWNS[t as usize].in_force {
        t
    } else {
        g.market
    };
    let org = w
        .hospitals
        .first()
        .map(|h| {
            format!(
                "{} Emergency Department",
                w.geo.businesses[*h as usize].name
            )
        })
        .unwrap_or_else(|| "Fenmoor NHS Foundation Trust".to_string());
    let d = day(cx);
    cx.begin(SourceType::Partner, Some(&org), d, t, g.id);
    cx.say("Safeguarding referral following attendance at the emergency department.");
    let p = cx.person(person, PersonRole::Victim, Detail::Partial);
    if let Some(h) = w.hospitals.first() {
        let l = cx.business(*h, Detail::Partial);
        cx.link(p, l, LinkType::SeenAt);
    }
    let names: &[&str] = &["unexplained_injuries", "drugs_concealed"];
    indicators(cx, g, Family::ChildCriminalExploitation, names, 1, person);
    if chance(&mut cx.rng, 0.4) {
        indicator(cx, g, Family::ControlViolence, "assault_injury", person);
    }
    cx.finish();
}

fn cl_transport_police(cx: &mut Ctx, g: &Group, runner: u32) {
    let d = day(cx);
    cx.begin(
        SourceType::Agency,
        Some("British Transport Police"),
        d,
        g.market,
        g.id,
    );
    cx.crime(CrimeType::DrugsCountyLines);
    cx.sayf(format_args!(
        "Stopped on the {} to {} service without an adult.",
        town(g.hub),
        town(g.market)
    ));
    let r = cx.person(runner, PersonRole::Subject, Detail::Full);
    own_phone(cx, runner, r);
    indicator(
        cx,
        g,
        Family::ChildCriminalExploitation,
        "travel_and_tickets",
        runner,
    );
    let names: &[&str] = &[
        "unexplained_money_or_items",
        "found_out_of_area",
        "multiple_phones",
    ];
    indicators(cx, g, Family::ChildCriminalExploitation, names, 1, runner);
    cx.finish();
}

// ---------------------------------------------------------------------------------------------
// Labour exploitation

const LABOUR_SITE: &[&str] = &[
    "documents_held",
    "wages_withheld",
    "long_hours_low_pay",
    "living_at_workplace",
    "fear_of_authorities",
    "debt_to_employer",
];
const LABOUR_HOUSE: &[&str] = &[
    "overcrowded_accommodation",
    "documents_held",
    "transported_at_odd_hours",
];

fn labour(cx: &mut Ctx, g: &Group) {
    let controllers: Vec<u32> = g.with_role(Role::Controller).collect();
    let members: Vec<u32> = g.with_role(Role::Member).collect();
    let victims: Vec<u32> = g.with_role(Role::Victim).collect();
    let mut made = 0;
    for &c in &controllers {
        lab_inspection(cx, g, c, &victims);
        made += 1;
    }
    for &m in &members {
        lab_van_stop(cx, g, m, &victims);
        made += 1;
    }
    // Every victim once: by house inspections of where they live, then disclosures.
    for &house in &g.premises {
        lab_house(cx, g, house, &controllers, &victims);
        made += 1;
    }
    for &v in &victims {
        if chance(&mut cx.rng, 0.3) {
            lab_disclosure(cx, g, v, &controllers);
            made += 1;
        }
    }
    for _ in 0..g.violent_incidents {
        let v = *pick(&mut cx.rng, &victims);
        lab_disclosure(cx, g, v, &controllers);
        made += 1;
    }
    while made < g.reports {
        match weighted(&mut cx.rng, &[12, 12, 16, 10, 8, 8, 10, 8]) {
            0 => {
                let c = *pick(&mut cx.rng, &controllers);
                lab_inspection(cx, g, c, &victims);
            }
            1 => {
                let house = *pick(&mut cx.rng, &g.premises);
                lab_house(cx, g, house, &controllers, &victims);
            }
            2 => {
                let house = *pick(&mut cx.rng, &g.premises);
                lab_community(cx, g, house, &victims);
            }
            3 => {
                let m = if members.is_empty() {
                    controllers[0]
                } else {
                    *pick(&mut cx.rng, &members)
                };
                lab_van_stop(cx, g, m, &victims);
            }
            4 => {
                let v = *pick(&mut cx.rng, &victims);
                lab_nhs(cx, g, v);
            }
            5 => lab_bank(cx, g, &controllers, &victims),
            6 => lab_chis(cx, g, &controllers, &members),
            _ => lab_crimestoppers(cx, g, &controllers),
        }
        made += 1;
    }
}

fn workplace_name(cx: &Ctx, g: &Group) -> String {
    cx.w.geo.businesses[g.workplaces[0] as usize].name.clone()
}

fn lab_inspection(cx: &mut Ctx, g: &Group, boss: u32, victims: &[u32]) {
    let d = day(cx);
    let site = *pick(&mut cx.rng, &g.workplaces);
    let by_glaa = chance(&mut cx.rng, 0.7);
    let org = if by_glaa {
        "Gangmasters and Labour Abuse Authority".to_string()
    } else {
        background::council(g.market)
    };
    cx.begin(SourceType::Partner, Some(&org), d, g.market, g.id);
    cx.crime(CrimeType::MshtLabour);
    let name = cx.w.geo.businesses[site as usize].name.clone();
    cx.sayf(format_args!(
        "Joint unannounced inspection with police at {name}. No workers could produce a contract."
    ));
    let loc = cx.business(site, Detail::Full);
    let b = cx.person(boss, PersonRole::Subject, Detail::Full);
    cx.link(b, loc, LinkType::Controls);
    own_phone(cx, boss, b);
    let count = between(&mut cx.rng, 2, 7) as usize;
    let first = cx.rng.random_range(0..victims.len());
    for i in 0..count.min(victims.len()) {
        let v = victims[(first + i) % victims.len()];
        let role = *pick(
            &mut cx.rng,
            &[PersonRole::Victim, PersonRole::Witness, PersonRole::Unknown],
        );
        let detail = if chance(&mut cx.rng, 0.6) {
            Detail::Full
        } else {
            Detail::Partial
        };
        let l = cx.person(v, role, detail);
        cx.link(l, loc, LinkType::WorksAt);
        cx.link(b, l, LinkType::Controls);
    }
    let k = between(&mut cx.rng, 2, 4) as usize;
    indicators(
        cx,
        g,
        Family::LabourExploitation,
        LABOUR_SITE,
        k,
        victims[first],
    );
    cx.finish();
}

fn lab_house(cx: &mut Ctx, g: &Group, house: u32, controllers: &[u32], victims: &[u32]) {
    let w = cx.w;
    let here: Vec<u32> = victims
        .iter()
        .copied()
        .filter(|v| w.person(*v).home == Home::Dwelling(house))
        .collect();
    let d = day(cx);
    let t = w.geo.town_of(&w.addrs[house as usize]);
    cx.begin(
        SourceType::Partner,
        Some(&background::council(t)),
        d,
        t,
        g.id,
    );
    cx.crime(CrimeType::MshtLabour);
    cx.sayf(format_args!(
        "Housing enforcement visit to an unlicensed house in multiple occupation: {} occupants present.",
        here.len().max(3)
    ));
    let loc = cx.dwelling(house, Detail::Full);
    for v in &here {
        let l = cx.person(*v, PersonRole::Unknown, Detail::Partial);
        cx.link(l, loc, LinkType::LivesAt);
    }
    if chance(&mut cx.rng, 0.6) {
        let c = *pick(&mut cx.rng, controllers);
        let l = cx.person(c, PersonRole::Associate, Detail::Partial);
        cx.link(l, loc, LinkType::Controls);
        cx.say("The occupants named the man who collects the rent.");
    }
    let someone = here.first().copied().unwrap_or(victims[0]);
    let k = between(&mut cx.rng, 1, 3) as usize;
    indicators(cx, g, Family::LabourExploitation, LABOUR_HOUSE, k, someone);
    cx.finish();
}

fn lab_community(cx: &mut Ctx, g: &Group, house: u32, victims: &[u32]) {
    let w = cx.w;
    let t = w.geo.town_of(&w.addrs[house as usize]);
    let d = day(cx);
    cx.begin(SourceType::Community, None, d, t, g.id);
    let street = street_of(cx, house);
    cx.sayf(format_args!("Concerned about a house on {street}."));
    let loc = cx.dwelling(house, Detail::Slight);
    let someone = *pick(&mut cx.rng, victims);
    indicator(
        cx,
        g,
        Family::LabourExploitation,
        "transported_at_odd_hours",
        someone,
    );
    if chance(&mut cx.rng, 0.6) {
        indicator(
            cx,
            g,
            Family::LabourExploitation,
            "overcrowded_accommodation",
            someone,
        );
    }
    let van = g
        .vehicles
        .iter()
        .copied()
        .find(|v| w.vehicles[*v as usize].kind() != crate::world::VehicleKind::Car);
    if let Some(v) = van
        && chance(&mut cx.rng, 0.7)
    {
        let vl = cx.vehicle(v, Detail::Slight);
        cx.link(vl, loc, LinkType::SeenAt);
    }
    if chance(&mut cx.rng, 0.4) {
        let l = cx.unnamed(someone, PersonRole::Unknown);
        cx.link(l, loc, LinkType::LivesAt);
    }
    cx.finish();
}

fn lab_van_stop(cx: &mut Ctx, g: &Group, driver: u32, victims: &[u32]) {
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, g.market, g.id);
    officer_grading(cx);
    cx.crime(CrimeType::MshtLabour);
    let time = format!(
        "{:02}:{:02}",
        between(&mut cx.rng, 4, 5),
        cx.rng.random_range(0..60)
    );
    cx.sayf(format_args!(
        "Vehicle stopped at {time} on the A-road outside {} carrying workers.",
        town(g.market)
    ));
    let dl = cx.person(driver, PersonRole::Subject, Detail::Full);
    let vl = own_vehicle(cx, driver, dl, Detail::Full);
    own_phone(cx, driver, dl);
    let count = between(&mut cx.rng, 2, 6) as usize;
    let first = cx.rng.random_range(0..victims.len());
    for i in 0..count.min(victims.len()) {
        let v = victims[(first + i) % victims.len()];
        let l = if chance(&mut cx.rng, 0.6) {
            cx.person(v, PersonRole::Unknown, Detail::Partial)
        } else {
            cx.unnamed(v, PersonRole::Unknown)
        };
        cx.link(dl, l, LinkType::Transports);
        if let Some(vl) = vl {
            cx.link(l, vl, LinkType::Other);
        }
    }
    let names: &[&str] = &[
        "transported_at_odd_hours",
        "documents_held",
        "fear_of_authorities",
    ];
    let k = between(&mut cx.rng, 1, 3) as usize;
    indicators(cx, g, Family::LabourExploitation, names, k, victims[first]);
    cx.finish();
}

fn lab_nhs(cx: &mut Ctx, g: &Group, victim: u32) {
    let w = cx.w;
    let org = w
        .hospitals
        .first()
        .map(|h| w.geo.businesses[*h as usize].name.clone())
        .unwrap_or_else(|| "Fenmoor NHS Foundation Trust".to_string());
    let d = day(cx);
    cx.begin(SourceType::Partner, Some(&org), d, g.market, g.id);
    cx.say("Patient attended with an untreated hand injury sustained at work; an interpreter was used.");
    let v = cx.person(victim, PersonRole::Victim, Detail::Partial);
    let site = cx.business(g.workplaces[0], Detail::Partial);
    cx.link(v, site, LinkType::WorksAt);
    let names: &[&str] = &[
        "long_hours_low_pay",
        "documents_held",
        "debt_to_employer",
        "wages_withheld",
    ];
    let k = between(&mut cx.rng, 2, 3) as usize;
    indicators(cx, g, Family::LabourExploitation, names, k, victim);
    cx.finish();
}

fn lab_bank(cx: &mut Ctx, g: &Group, controllers: &[u32], victims: &[u32]) {
    let d = day(cx);
    cx.begin(
        SourceType::Other,
        Some("Bank financial intelligence unit"),
        d,
        g.market,
        g.id,
    );
    cx.crime(CrimeType::MoneyLaundering);
    cx.crime(CrimeType::MshtLabour);
    let place = workplace_name(cx, g);
    let n = victims.len().min(6);
    cx.sayf(format_args!(
        "Suspicious activity: wages for {n} workers at {place} are paid into accounts that are all accessed from one device and emptied on payday."
    ));
    let boss = *pick(&mut cx.rng, controllers);
    let b = cx.person(boss, PersonRole::Subject, Detail::Full);
    own_phone(cx, boss, b);
    for &v in victims.iter().take(n) {
        let l = cx.person(v, PersonRole::Victim, Detail::Full);
        cx.link(b, l, LinkType::Controls);
    }
    indicator(
        cx,
        g,
        Family::LabourExploitation,
        "wages_withheld",
        victims[0],
    );
    cx.finish();
}

fn lab_chis(cx: &mut Ctx, g: &Group, controllers: &[u32], members: &[u32]) {
    let d = day(cx);
    cx.begin(SourceType::Chis, None, d, g.market, g.id);
    cx.crime(CrimeType::MshtLabour);
    let place = workplace_name(cx, g);
    cx.sayf(format_args!(
        "Source states that the workers at {place} are brought over by the same man and are not free to leave."
    ));
    let boss = *pick(&mut cx.rng, controllers);
    let b = cx.person(boss, PersonRole::Subject, Detail::Partial);
    own_phone(cx, boss, b);
    if let Some(&m) = members.first() {
        let ml = cx.person(m, PersonRole::Subject, Detail::Partial);
        cx.link(b, ml, LinkType::Controls);
        own_vehicle(cx, m, ml, Detail::Partial);
    }
    let site = cx.business(g.workplaces[0], Detail::Partial);
    cx.link(b, site, LinkType::Controls);
    let names: &[&str] = &["debt_to_employer", "documents_held"];
    indicators(cx, g, Family::LabourExploitation, names, 1, boss);
    let names: &[&str] = &["confinement", "threats", "intimidation_of_family"];
    indicators(cx, g, Family::ControlViolence, names, 2, boss);
    cx.finish();
}

fn lab_disclosure(cx: &mut Ctx, g: &Group, victim: u32, controllers: &[u32]) {
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, g.market, g.id);
    officer_grading(cx);
    cx.crime(CrimeType::MshtLabour);
    cx.sayf(format_args!(
        "A worker approached officers in {} town centre asking for help; an interpreter was arranged.",
        town(g.market)
    ));
    let v = cx.person(victim, PersonRole::Victim, Detail::Full);
    let home = cx.home_of(victim, Detail::Full);
    cx.link(v, home, LinkType::LivesAt);
    let k = between(&mut cx.rng, 2, 4) as usize;
    indicators(cx, g, Family::LabourExploitation, LABOUR_SITE, k, victim);
    let names: &[&str] = &["threats", "assault_injury", "confinement"];
    indicators(cx, g, Family::ControlViolence, names, 1, victim);
    if chance(&mut cx.rng, 0.7) {
        let boss = *pick(&mut cx.rng, controllers);
        let b = cx.person(boss, PersonRole::Subject, Detail::Partial);
        cx.link(b, v, LinkType::Controls);
    }
    cx.say("NRM referral made with the worker's consent.");
    cx.finish();
}

fn lab_crimestoppers(cx: &mut Ctx, g: &Group, controllers: &[u32]) {
    let d = day(cx);
    cx.begin(
        SourceType::Crimestoppers,
        Some("Crimestoppers"),
        d,
        g.market,
        g.id,
    );
    let place = workplace_name(cx, g);
    let w = cx.w;
    let boss = *pick(&mut cx.rng, controllers);
    let first = w.person(boss).forename();
    cx.sayf(format_args!(
        "The workers at {place} look scared and never go home. The boss is called {first}."
    ));
    cx.business(g.workplaces[0], Detail::Slight);
    cx.person(boss, PersonRole::Subject, Detail::Slight);
    let names: &[&str] = &["living_at_workplace", "long_hours_low_pay"];
    indicators(cx, g, Family::LabourExploitation, names, 2, boss);
    cx.finish();
}

// ---------------------------------------------------------------------------------------------
// Sexual exploitation

fn sexual(cx: &mut Ctx, g: &Group) {
    let controllers: Vec<u32> = g.with_role(Role::Controller).collect();
    let drivers: Vec<u32> = g.with_role(Role::Associate).collect();
    let victims: Vec<u32> = g.with_role(Role::Victim).collect();
    let mut made = 0;
    for &v in &victims {
        sx_visit(cx, g, v, &controllers);
        made += 1;
    }
    for &c in &controllers {
        sx_letting(cx, g, c);
        made += 1;
    }
    for &d in &drivers {
        sx_car_stop(cx, g, d, &victims);
        made += 1;
    }
    for _ in 0..g.violent_incidents {
        let v = *pick(&mut cx.rng, &victims);
        sx_nhs(cx, g, v, &controllers, true);
        made += 1;
    }
    while made < g.reports {
        match weighted(&mut cx.rng, &[18, 14, 14, 8, 10, 6, 8]) {
            0 => {
                let flat = *pick(&mut cx.rng, &g.premises);
                sx_community(cx, g, flat, &victims);
            }
            1 => {
                let v = *pick(&mut cx.rng, &victims);
                sx_visit(cx, g, v, &controllers);
            }
            2 => sx_adverts(cx, g, &victims),
            3 => {
                let v = *pick(&mut cx.rng, &victims);
                sx_nhs(cx, g, v, &controllers, false);
            }
            4 => sx_chis(cx, g, &controllers, &drivers),
            5 => {
                let c = *pick(&mut cx.rng, &controllers);
                sx_letting(cx, g, c);
            }
            _ => {
                let d = if drivers.is_empty() {
                    controllers[0]
                } else {
                    *pick(&mut cx.rng, &drivers)
                };
                sx_car_stop(cx, g, d, &victims);
            }
        }
        made += 1;
    }
}

fn sx_flat(cx: &mut Ctx, g: &Group, victim: u32) -> u32 {
    // The flat she is at this time: where she lives, or another of the group's flats.
    match cx.w.person(victim).home {
        Home::Dwelling(a) if chance(&mut cx.rng, 0.5) => a,
        _ => *pick(&mut cx.rng, &g.premises),
    }
}

fn sx_community(cx: &mut Ctx, g: &Group, flat: u32, victims: &[u32]) {
    let w = cx.w;
    let t = w.geo.town_of(&w.addrs[flat as usize]);
    let d = day(cx);
    cx.begin(SourceType::Community, None, d, t, g.id);
    let street = street_of(cx, flat);
    cx.sayf(format_args!(
        "Reporting a flat on {street} that is let out for a few nights at a time."
    ));
    let loc = cx.dwelling(flat, Detail::Slight);
    let v = *pick(&mut cx.rng, victims);
    indicator(cx, g, Family::SexualExploitation, "many_male_visitors", v);
    if chance(&mut cx.rng, 0.5) {
        indicator(
            cx,
            g,
            Family::SexualExploitation,
            "moved_between_addresses",
            v,
        );
    }
    if chance(&mut cx.rng, 0.5) {
        let l = cx.unnamed(v, PersonRole::Unknown);
        cx.link(l, loc, LinkType::StaysAt);
    }
    cx.finish();
}

fn sx_visit(cx: &mut Ctx, g: &Group, victim: u32, controllers: &[u32]) {
    let flat = sx_flat(cx, g, victim);
    let w = cx.w;
    let t = w.geo.town_of(&w.addrs[flat as usize]);
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, t, g.id);
    officer_grading(cx);
    cx.crime(CrimeType::MshtSexual);
    cx.say("Welfare visit to a short-let flat following an online advert.");
    let loc = cx.dwelling(flat, Detail::Full);
    let v = cx.person(victim, PersonRole::Victim, Detail::Partial);
    cx.link(v, loc, LinkType::StaysAt);
    if !g.shared_phones.is_empty() && chance(&mut cx.rng, 0.6) {
        let phone = *pick(&mut cx.rng, &g.shared_phones);
        let t = cx.phone(phone);
        cx.say("A phone in the flat was the number on the advert.");
        cx.link(t, loc, LinkType::SeenAt);
    }
    let names: &[&str] = &[
        "unfamiliar_with_area",
        "moved_between_addresses",
        "third_party_control",
        "controller_holds_earnings",
        "branding_tattoos",
    ];
    let k = between(&mut cx.rng, 2, 3) as usize;
    indicators(cx, g, Family::SexualExploitation, names, k, victim);
    if chance(&mut cx.rng, 0.3) {
        let c = *pick(&mut cx.rng, controllers);
        let cl = cx.person(c, PersonRole::Subject, Detail::Partial);
        cx.link(cl, v, LinkType::Controls);
    }
    cx.say("Safeguarding advice given; she declined support at this time.");
    cx.finish();
}

fn sx_adverts(cx: &mut Ctx, g: &Group, victims: &[u32]) {
    let d = day(cx);
    let by_agency = chance(&mut cx.rng, 0.4);
    let org =
        by_agency.then_some("National Crime Agency Modern Slavery and Human Trafficking Unit");
    let source = if by_agency {
        SourceType::Agency
    } else {
        SourceType::Officer
    };
    cx.begin(source, org, d, g.market, g.id);
    cx.crime(CrimeType::MshtSexual);
    cx.say("Review of adult services adverts for the county.");
    let phone = *pick(&mut cx.rng, &g.shared_phones);
    let t = cx.phone(phone);
    let count = between(&mut cx.rng, 2, 4) as usize;
    let first = cx.rng.random_range(0..victims.len());
    for i in 0..count.min(victims.len()) {
        let v = victims[(first + i) % victims.len()];
        let l = cx.person(v, PersonRole::Victim, Detail::Slight);
        cx.link(l, t, LinkType::UsesPhone);
    }
    indicator(
        cx,
        g,
        Family::SexualExploitation,
        "shared_advert_phone",
        victims[first],
    );
    indicator(
        cx,
        g,
        Family::SexualExploitation,
        "online_adverts",
        victims[first],
    );
    let flat = *pick(&mut cx.rng, &g.premises);
    cx.dwelling(flat, Detail::Partial);
    cx.finish();
}

fn sx_nhs(cx: &mut Ctx, g: &Group, victim: u32, controllers: &[u32], violence: bool) {
    let d = day(cx);
    cx.begin(
        SourceType::Partner,
        Some("Fenmoor NHS Foundation Trust Sexual Health Service"),
        d,
        g.market,
        g.id,
    );
    cx.say("Patient attended the clinic accompanied by a man who would not leave the room.");
    let v = cx.person(victim, PersonRole::Victim, Detail::Partial);
    let names: &[&str] = &[
        "third_party_control",
        "branding_tattoos",
        "controller_holds_earnings",
    ];
    indicators(cx, g, Family::SexualExploitation, names, 2, victim);
    if violence {
        cx.crime(CrimeType::OrganisedViolence);
        indicator(cx, g, Family::ControlViolence, "assault_injury", victim);
        let c = *pick(&mut cx.rng, controllers);
        let cl = cx.unnamed(c, PersonRole::Subject);
        cx.link(cl, v, LinkType::Controls);
    } else if chance(&mut cx.rng, 0.5) {
        let c = *pick(&mut cx.rng, controllers);
        let cl = cx.unnamed(c, PersonRole::Associate);
        cx.link(cl, v, LinkType::AssociatesWith);
    }
    cx.finish();
}

fn sx_chis(cx: &mut Ctx, g: &Group, controllers: &[u32], drivers: &[u32]) {
    let d = day(cx);
    cx.begin(SourceType::Chis, None, d, g.market, g.id);
    cx.crime(CrimeType::MshtSexual);
    cx.say("Source reports a man is moving women around short-let flats in the county and taking their money.");
    let c = *pick(&mut cx.rng, controllers);
    let cl = cx.person(c, PersonRole::Subject, Detail::Partial);
    own_phone(cx, c, cl);
    own_vehicle(cx, c, cl, Detail::Partial);
    if let Some(&dr) = drivers.first() {
        let dl = cx.person(dr, PersonRole::Subject, Detail::Partial);
        cx.link(cl, dl, LinkType::AssociatesWith);
    }
    let flat = *pick(&mut cx.rng, &g.premises);
    let fl = cx.dwelling(flat, Detail::Partial);
    cx.link(cl, fl, LinkType::Controls);
    indicator(
        cx,
        g,
        Family::SexualExploitation,
        "moved_between_addresses",
        c,
    );
    let names: &[&str] = &["threats", "confinement"];
    indicators(cx, g, Family::ControlViolence, names, 1, c);
    cx.finish();
}

fn sx_letting(cx: &mut Ctx, g: &Group, controller: u32) {
    let d = day(cx);
    cx.begin(
        SourceType::Other,
        Some("Short-let agency"),
        d,
        g.market,
        g.id,
    );
    let n = g.premises.len();
    cx.sayf(format_args!(
        "The same man has booked {n} short-let flats across the county for two or three nights at a time, paying cash and giving different names."
    ));
    let c = cx.person(controller, PersonRole::Subject, Detail::Partial);
    own_phone(cx, controller, c);
    for &flat in g.premises.iter().take(3) {
        let l = cx.dwelling(flat, Detail::Full);
        cx.link(c, l, LinkType::Other);
    }
    cx.finish();
}

fn sx_car_stop(cx: &mut Ctx, g: &Group, driver: u32, victims: &[u32]) {
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, g.market, g.id);
    officer_grading(cx);
    cx.crime(CrimeType::MshtSexual);
    cx.say("Vehicle stopped late at night; the passenger did not know where she was being taken.");
    let dl = cx.person(driver, PersonRole::Subject, Detail::Full);
    let vl = own_vehicle(cx, driver, dl, Detail::Full);
    let v = *pick(&mut cx.rng, victims);
    let pl = cx.person(v, PersonRole::Unknown, Detail::Partial);
    cx.link(dl, pl, LinkType::Transports);
    if let Some(vl) = vl {
        cx.link(pl, vl, LinkType::Other);
    }
    indicator(cx, g, Family::SexualExploitation, "third_party_control", v);
    indicator(cx, g, Family::SexualExploitation, "unfamiliar_with_area", v);
    cx.finish();
}

// ---------------------------------------------------------------------------------------------
// Drugs supply

fn drugs_supply(cx: &mut Ctx, g: &Group) {
    let members: Vec<u32> = g.members.iter().map(|(p, _)| *p).collect();
    let leader = members[0];
    let mut made = 0;
    for &m in &members {
        dr_stop(cx, g, m);
        made += 1;
    }
    for _ in 0..g.violent_incidents {
        dr_violence(cx, g, &members);
        made += 1;
    }
    while made < g.reports {
        match weighted(&mut cx.rng, &[20, 10, 14, 14, 10, 8]) {
            0 => {
                let m = *pick(&mut cx.rng, &members);
                dr_stop(cx, g, m);
            }
            1 => dr_warrant(cx, g, &members),
            2 => dr_chis(cx, g, leader, &members),
            3 => dr_community(cx, g, &members),
            4 => dr_crimestoppers(cx, g, &members),
            _ => dr_agency(cx, g, leader, &members),
        }
        made += 1;
    }
}

fn dr_stop(cx: &mut Ctx, g: &Group, member: u32) {
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, g.market, g.id);
    officer_grading(cx);
    cx.crime(CrimeType::DrugsSupply);
    let grams = between(&mut cx.rng, 5, 120);
    let cash = between(&mut cx.rng, 2, 40) * 50;
    cx.sayf(format_args!(
        "Stop and search: {grams}g of suspected cocaine in deal bags and £{cash} in cash recovered."
    ));
    let m = cx.person(member, PersonRole::Subject, Detail::Full);
    own_phone(cx, member, m);
    own_vehicle(cx, member, m, Detail::Full);
    if chance(&mut cx.rng, 0.5) {
        let home = cx.home_of(member, Detail::Full);
        cx.link(m, home, LinkType::LivesAt);
    }
    if g.knife && chance(&mut cx.rng, 0.3) {
        indicator(cx, g, Family::ControlViolence, "weapons_knife", member);
    }
    cx.finish();
}

fn dr_warrant(cx: &mut Ctx, g: &Group, members: &[u32]) {
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, g.market, g.id);
    officer_grading(cx);
    cx.crime(CrimeType::DrugsSupply);
    cx.say("Misuse of Drugs Act warrant executed; a quantity of cocaine, cannabis and cutting agents seized.");
    let stash = g.premises[0];
    let loc = cx.dwelling(stash, Detail::Full);
    let count = between(&mut cx.rng, 1, 3) as usize;
    let first = cx.rng.random_range(0..members.len());
    for i in 0..count.min(members.len()) {
        let p = members[(first + i) % members.len()];
        let l = cx.person(p, PersonRole::Subject, Detail::Full);
        cx.link(l, loc, LinkType::SeenAt);
    }
    if g.firearm && chance(&mut cx.rng, 0.5) {
        cx.crime(CrimeType::Firearms);
        indicator(cx, g, Family::ControlViolence, "firearm", members[first]);
    }
    cx.finish();
}

fn dr_chis(cx: &mut Ctx, g: &Group, leader: u32, members: &[u32]) {
    let d = day(cx);
    cx.begin(SourceType::Chis, None, d, g.market, g.id);
    cx.crime(CrimeType::DrugsSupply);
    cx.sayf(format_args!(
        "Source reports the group supplies cocaine across {} and collects weekly from a stash address.",
        town(g.market)
    ));
    let l = cx.person(leader, PersonRole::Subject, Detail::Partial);
    own_phone(cx, leader, l);
    let m = *pick(&mut cx.rng, members);
    if m != leader {
        let ml = cx.person(m, PersonRole::Subject, Detail::Partial);
        cx.link(l, ml, LinkType::Supplies);
        own_vehicle(cx, m, ml, Detail::Partial);
    }
    let mut names: Vec<&'static str> = vec!["threats"];
    if g.knife {
        names.push("weapons_knife");
    }
    if g.firearm {
        names.push("firearm");
    }
    indicators(cx, g, Family::ControlViolence, &names, 1, leader);
    cx.finish();
}

fn dr_community(cx: &mut Ctx, g: &Group, members: &[u32]) {
    let stash = g.premises[0];
    let w = cx.w;
    let t = w.geo.town_of(&w.addrs[stash as usize]);
    let d = day(cx);
    cx.begin(SourceType::Community, None, d, t, g.id);
    let street = street_of(cx, stash);
    cx.sayf(format_args!(
        "Drug dealing from a house on {street}; the smell of cannabis is constant."
    ));
    let loc = cx.dwelling(stash, Detail::Slight);
    let m = *pick(&mut cx.rng, members);
    indicator(cx, g, Family::Cuckooing, "increase_in_vehicles", m);
    if chance(&mut cx.rng, 0.5) {
        let l = cx.unnamed(m, PersonRole::Subject);
        cx.link(l, loc, LinkType::SeenAt);
    }
    let v = w.person(m).vehicle;
    if v != NONE && chance(&mut cx.rng, 0.5) {
        let vl = cx.vehicle(v, Detail::Slight);
        cx.link(vl, loc, LinkType::SeenAt);
    }
    cx.finish();
}

fn dr_crimestoppers(cx: &mut Ctx, g: &Group, members: &[u32]) {
    let d = day(cx);
    cx.begin(
        SourceType::Crimestoppers,
        Some("Crimestoppers"),
        d,
        g.market,
        g.id,
    );
    let m = *pick(&mut cx.rng, members);
    let w = cx.w;
    let name = crate::noise::text_name(&mut cx.rng, w.person(m));
    cx.sayf(format_args!(
        "{name} is selling cocaine and keeps it at a friend's house."
    ));
    let l = cx.person(m, PersonRole::Subject, Detail::Partial);
    if chance(&mut cx.rng, 0.5) {
        let home = cx.home_of(m, Detail::Partial);
        cx.link(l, home, LinkType::LivesAt);
    }
    cx.finish();
}

fn dr_agency(cx: &mut Ctx, g: &Group, leader: u32, members: &[u32]) {
    let d = day(cx);
    cx.begin(
        SourceType::Agency,
        Some("Regional Organised Crime Unit"),
        d,
        g.market,
        g.id,
    );
    cx.crime(CrimeType::DrugsSupply);
    cx.crime(CrimeType::MoneyLaundering);
    cx.say("Financial investigation: cash deposits across several accounts linked to the group's leader.");
    let l = cx.person(leader, PersonRole::Subject, Detail::Full);
    let home = cx.home_of(leader, Detail::Full);
    cx.link(l, home, LinkType::LivesAt);
    own_phone(cx, leader, l);
    for &m in members.iter().skip(1).take(2) {
        let ml = cx.person(m, PersonRole::Associate, Detail::Full);
        cx.link(l, ml, LinkType::AssociatesWith);
    }
    cx.finish();
}

fn dr_violence(cx: &mut Ctx, g: &Group, members: &[u32]) {
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, g.market, g.id);
    officer_grading(cx);
    cx.crime(CrimeType::OrganisedViolence);
    cx.say("Disorder outside a takeaway between two groups of males; one male injured.");
    let m = *pick(&mut cx.rng, members);
    cx.person(m, PersonRole::Subject, Detail::Full);
    indicator(cx, g, Family::ControlViolence, "assault_injury", m);
    if g.knife {
        indicator(cx, g, Family::ControlViolence, "weapons_knife", m);
    }
    cx.finish();
}

// ---------------------------------------------------------------------------------------------
// Fraud

fn fraud(cx: &mut Ctx, g: &Group) {
    let members: Vec<u32> = g
        .with_role(Role::Controller)
        .chain(g.with_role(Role::Member))
        .collect();
    let mules: Vec<u32> = g.with_role(Role::Associate).collect();
    let targets: Vec<u32> = g.attached.iter().map(|(p, _)| *p).collect();
    let mut made = 0;
    for &t in &targets {
        fr_victim(cx, g, t, &members);
        made += 1;
    }
    for &m in &members {
        fr_arrest(cx, g, m, &targets);
        made += 1;
    }
    fr_bank(cx, g, &mules, &targets);
    made += 1;
    while made < g.reports {
        match weighted(&mut cx.rng, &[30, 15, 15, 15]) {
            0 => {
                let t = *pick(&mut cx.rng, &targets);
                fr_victim(cx, g, t, &members);
            }
            1 => {
                let m = *pick(&mut cx.rng, &members);
                fr_arrest(cx, g, m, &targets);
            }
            2 => fr_bank(cx, g, &mules, &targets),
            _ => fr_agency(cx, g, &members, &mules),
        }
        made += 1;
    }
}

fn fr_victim(cx: &mut Ctx, g: &Group, target: u32, members: &[u32]) {
    let t = home_town(cx, target);
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, t, g.id);
    cx.crime(CrimeType::Fraud);
    let amount = between(&mut cx.rng, 4, 60) * 250;
    cx.sayf(format_args!(
        "Courier fraud: a caller claiming to be a police officer persuaded the victim to withdraw £{amount}, which was collected from the doorstep by a courier."
    ));
    let v = cx.person(target, PersonRole::Victim, Detail::Full);
    let home = cx.home_of(target, Detail::Full);
    cx.link(v, home, LinkType::LivesAt);
    let phone = *pick(&mut cx.rng, &g.shared_phones);
    cx.phone(phone);
    if chance(&mut cx.rng, 0.6) {
        let courier = *pick(&mut cx.rng, members);
        let c = cx.unnamed(courier, PersonRole::Subject);
        cx.link(c, home, LinkType::SeenAt);
    }
    cx.finish();
}

fn fr_arrest(cx: &mut Ctx, g: &Group, member: u32, targets: &[u32]) {
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, g.market, g.id);
    officer_grading(cx);
    cx.crime(CrimeType::Fraud);
    cx.say("Courier arrested after collecting cash from an elderly victim; the victim's bank had alerted police.");
    let m = cx.person(member, PersonRole::Subject, Detail::Full);
    own_phone(cx, member, m);
    own_vehicle(cx, member, m, Detail::Full);
    if !targets.is_empty() && chance(&mut cx.rng, 0.6) {
        let t = *pick(&mut cx.rng, targets);
        let tl = cx.person(t, PersonRole::Victim, Detail::Partial);
        cx.link(m, tl, LinkType::Other);
    }
    cx.finish();
}

fn fr_bank(cx: &mut Ctx, g: &Group, mules: &[u32], targets: &[u32]) {
    let d = day(cx);
    cx.begin(
        SourceType::Other,
        Some("Bank fraud team"),
        d,
        g.market,
        g.id,
    );
    cx.crime(CrimeType::MoneyLaundering);
    cx.crime(CrimeType::Fraud);
    cx.say("Accounts held by young account holders received payments from several elderly customers and were emptied the same day.");
    for &m in mules {
        cx.person(m, PersonRole::Subject, Detail::Full);
    }
    for &t in targets.iter().take(3) {
        cx.person(t, PersonRole::Victim, Detail::Partial);
    }
    cx.finish();
}

fn fr_agency(cx: &mut Ctx, g: &Group, members: &[u32], mules: &[u32]) {
    let d = day(cx);
    cx.begin(
        SourceType::Agency,
        Some("National Fraud Intelligence Bureau"),
        d,
        g.market,
        g.id,
    );
    cx.crime(CrimeType::Fraud);
    let n = between(&mut cx.rng, 6, 40);
    cx.sayf(format_args!(
        "{n} linked reports of impersonation fraud against older people; the calls come from the numbers below."
    ));
    for &phone in &g.shared_phones {
        cx.phone(phone);
    }
    let leader = members[0];
    let l = cx.person(leader, PersonRole::Subject, Detail::Partial);
    for &m in mules.iter().take(2) {
        let ml = cx.person(m, PersonRole::Associate, Detail::Full);
        cx.link(l, ml, LinkType::AssociatesWith);
    }
    cx.finish();
}
