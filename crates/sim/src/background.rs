//! Ordinary lives that reach police records — anti-social behaviour, collisions, welfare
//! checks, shoplifting, neighbour disputes, thefts — and the look-alikes that must not be
//! flagged: large families, lawful seasonal workers, cautioned teenagers and older people
//! reporting scam calls.
//!
//! Every person of the background population appears in at least one report; some appear in
//! several, as the people police deal with most often do.

use crate::geo::TOWNS;
use crate::noise::Detail;
use crate::render::{Ctx, Local};
use crate::util::{Rng, between, chance, pick, weighted};
use crate::world::{Chunk, Home, Household, HouseholdKind, Lookalike, NONE, Sex};
use model::{CrimeType, LinkType, PersonRole, SourceType};
use rand::Rng as _;

/// The people of one chunk and which of them have been mentioned yet.
pub struct Bg {
    first: u32,
    end: u32,
    seen: Vec<bool>,
    /// The chunk's households, by index into `World::households`.
    households: std::ops::Range<u32>,
}

impl Bg {
    fn mark(&mut self, person: u32) {
        if (self.first..self.end).contains(&person) {
            self.seen[(person - self.first) as usize] = true;
        }
    }

    fn seen(&self, person: u32) -> bool {
        (self.first..self.end).contains(&person) && self.seen[(person - self.first) as usize]
    }

    /// Someone else from the chunk aged between `lo` and `hi` (a few tries, then anyone).
    fn other(&self, rng: &mut Rng, w: &crate::world::World, not: u32, lo: u32, hi: u32) -> u32 {
        let mid = w.midpoint();
        let mut candidate = self.first;
        for _ in 0..12 {
            candidate = rng.random_range(self.first..self.end);
            if candidate == not {
                continue;
            }
            let age = w.person(candidate).age_at(mid);
            if (lo..=hi).contains(&age) {
                return candidate;
            }
        }
        if candidate == not && self.end - self.first > 1 {
            if candidate + 1 < self.end {
                candidate + 1
            } else {
                candidate - 1
            }
        } else {
            candidate
        }
    }
}

/// A person mentioned in the current report, marked as seen.
fn mention(cx: &mut Ctx, bg: &mut Bg, person: u32, role: PersonRole, detail: Detail) -> Local {
    bg.mark(person);
    cx.person(person, role, detail)
}

fn day(cx: &mut Ctx) -> u16 {
    let days = cx.w.days;
    cx.rng.random_range(0..days)
}

fn town_of(cx: &Ctx, person: u32) -> u8 {
    cx.w.town_of_home(cx.w.person(person).home)
}

/// The street a person lives on, for text: `Mill Road`.
fn home_street(cx: &Ctx, person: u32) -> String {
    match cx.w.person(person).home {
        Home::Dwelling(a) => cx.w.geo.street(&cx.w.addrs[a as usize]).name(),
        Home::Site { business, .. } => cx.w.geo.businesses[business as usize].line.clone(),
    }
}

fn he(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "he",
        Sex::Female => "she",
    }
}

fn his(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "his",
        Sex::Female => "her",
    }
}

/// A public place in a town, described.
fn public_place(cx: &mut Ctx, town: u8, near: &str) -> String {
    let t = TOWNS[town as usize].name;
    match cx.rng.random_range(0..6) {
        0 => format!("{t} town centre"),
        1 => format!("the play park off {near}, {t}"),
        2 => format!("Market Place, {t}"),
        3 => format!("the precinct on {near}, {t}"),
        4 => format!("{t} bus station"),
        _ => format!("the shops on {near}, {t}"),
    }
}

/// Renders the background population of one chunk.
pub fn render(cx: &mut Ctx, chunk: &Chunk) {
    let w = cx.w;
    let households = &w.households[chunk.households.start as usize..chunk.households.end as usize];
    let (Some(first), Some(last)) = (households.first(), households.last()) else {
        return;
    };
    let mut bg = Bg {
        first: first.first,
        end: last.first + u32::from(last.count),
        seen: vec![false; (last.first + u32::from(last.count) - first.first) as usize],
        households: chunk.households.clone(),
    };
    for h in households {
        match h.kind {
            HouseholdKind::LargeFamily => large_family(cx, &mut bg, h),
            HouseholdKind::SeasonalWorkers => seasonal_workers(cx, &mut bg, h),
            HouseholdKind::Ordinary | HouseholdKind::ElderlyAlone => {}
        }
        if chance(&mut cx.rng, 0.07) {
            neighbours_report(cx, &mut bg, h);
            cx.finish();
        }
        for p in h.first..h.first + u32::from(h.count) {
            let extra = u32::from(w.person(p).extra_contacts);
            let needed = u32::from(!bg.seen(p)) + extra;
            for i in 0..needed {
                episode(cx, &mut bg, h, p, i == 0);
                cx.finish();
            }
        }
    }
}

/// Renders ordinary-life reports for someone outside the background chunks (a group member
/// living an ordinary life as well), without the chunk bookkeeping.
pub fn ordinary_report(cx: &mut Ctx, person: u32) {
    let mut bg = Bg {
        first: person,
        end: person + 1,
        seen: vec![false],
        households: 0..0,
    };
    let w = cx.w;
    let age = w.person(person).age_at(w.midpoint());
    match weighted(&mut cx.rng, &[3, 3, 2]) {
        0 if age >= 17 => collision(cx, &mut bg, person, None),
        1 if age >= 18 => theft(cx, &mut bg, person),
        _ => welfare_check(cx, &mut bg, person, None),
    }
    cx.finish();
}

fn episode(cx: &mut Ctx, bg: &mut Bg, h: &Household, person: u32, first: bool) {
    let w = cx.w;
    let p = w.person(person);
    let age = p.age_at(w.midpoint());
    match p.lookalike {
        Some(Lookalike::CautionedTeen) if first => return caution(cx, bg, h, person),
        Some(Lookalike::ElderlyScam) if first => return scam_call(cx, bg, person),
        _ => {}
    }
    let kind = if age < 10 {
        if chance(&mut cx.rng, 0.5) { 10 } else { 11 }
    } else if age < 18 {
        [0, 3, 8, 5, 9, 12][weighted(&mut cx.rng, &[35, 15, 15, 15, 20, 12])]
    } else if age <= 30 {
        [0, 1, 3, 7, 5, 6, 4, 2, 9, 13]
            [weighted(&mut cx.rng, &[10, 20, 10, 15, 15, 8, 10, 7, 5, 6])]
    } else if age <= 70 {
        [1, 4, 5, 2, 7, 6, 3, 9, 13][weighted(&mut cx.rng, &[30, 20, 20, 10, 5, 5, 5, 5, 8])]
    } else {
        [2, 5, 1, 4][weighted(&mut cx.rng, &[45, 20, 20, 15])]
    };
    match kind {
        0 => asb(cx, bg, person),
        1 if p.vehicle != NONE => collision(cx, bg, person, Some(h)),
        1 => theft(cx, bg, person),
        2 => welfare_check(cx, bg, person, Some(h)),
        3 => shoplifting(cx, bg, person),
        4 => neighbour_dispute(cx, bg, h, person),
        5 => theft(cx, bg, person),
        6 if p.vehicle != NONE => drink_drive(cx, bg, person),
        6 => assault(cx, bg, person),
        7 => assault(cx, bg, person),
        8 => missing_teen(cx, bg, h, person),
        9 => witness(cx, bg, person),
        10 => lost_child(cx, bg, h, person),
        12 => school_referral(cx, bg, h, person),
        13 => tenancy_visit(cx, bg, person),
        _ => welfare_check(cx, bg, person, Some(h)),
    }
}

/// The oldest adult of a household other than `not`, if any.
fn parent_in(cx: &Ctx, h: &Household, not: u32) -> Option<u32> {
    let mid = cx.w.midpoint();
    (h.first..h.first + u32::from(h.count))
        .filter(|q| *q != not)
        .filter(|q| cx.w.person(*q).age_at(mid) >= 25)
        .max_by_key(|q| cx.w.person(*q).age_at(mid))
}

fn asb(cx: &mut Ctx, bg: &mut Bg, person: u32) {
    let w = cx.w;
    let town = town_of(cx, person);
    let street = home_street(cx, person);
    let place = public_place(cx, town, &street);
    let d = day(cx);
    let by_public = chance(&mut cx.rng, 0.6);
    let source = if by_public {
        SourceType::Community
    } else {
        SourceType::Officer
    };
    cx.begin(source, None, d, town, NONE);
    let activity = *pick(
        &mut cx.rng,
        &[
            "riding bikes at pedestrians",
            "throwing stones at windows",
            "shouting and swearing at residents",
            "setting off fireworks",
            "drinking and playing loud music",
            "climbing on the roof of the community centre",
            "kicking a football against parked cars",
        ],
    );
    cx.sayf(format_args!("Group of youths {activity} at {place}."));
    // The public may know a first name; officers take names.
    let who = if by_public && chance(&mut cx.rng, 0.75) {
        bg.mark(person);
        cx.unnamed(person, PersonRole::Subject)
    } else if by_public {
        mention(cx, bg, person, PersonRole::Subject, Detail::Slight)
    } else {
        mention(cx, bg, person, PersonRole::Subject, Detail::Partial)
    };
    let friends = between(&mut cx.rng, 0, 2);
    for _ in 0..friends {
        let f = bg.other(&mut cx.rng, w, person, 12, 19);
        if by_public {
            bg.mark(f);
            cx.unnamed(f, PersonRole::Subject);
        } else {
            mention(cx, bg, f, PersonRole::Subject, Detail::Partial);
        }
    }
    let loc = cx.public_place(&place);
    cx.link(who, loc, LinkType::SeenAt);
    if by_public {
        // The caller is the source, kept out of the sanitised report.
        cx.say("Caller is fed up with the same group most evenings.");
    } else {
        cx.say("Words of advice given and names taken; the group dispersed.");
    }
}

fn collision(cx: &mut Ctx, bg: &mut Bg, driver: u32, household: Option<&Household>) {
    let w = cx.w;
    let p = w.person(driver);
    if p.vehicle == NONE {
        return theft(cx, bg, driver);
    }
    let town = town_of(cx, driver);
    let street = home_street(cx, driver);
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, town, NONE);
    cx.crime(CrimeType::Other);
    let other = bg.other(&mut cx.rng, w, driver, 18, 85);
    let injury = chance(&mut cx.rng, 0.25);
    let t = TOWNS[town as usize].name;
    cx.sayf(format_args!(
        "{} collision at the junction of {street} and High Street, {t}.",
        if injury { "Injury" } else { "Damage-only" }
    ));
    let a = mention(cx, bg, driver, PersonRole::Subject, Detail::Full);
    let va = cx.vehicle(p.vehicle, Detail::Full);
    cx.link(a, va, LinkType::Drives);
    let b = mention(cx, bg, other, PersonRole::Victim, Detail::Full);
    if w.person(other).vehicle != NONE {
        let vb = cx.vehicle(w.person(other).vehicle, Detail::Full);
        cx.link(b, vb, LinkType::Drives);
    }
    if let Some(h) = household {
        for q in h.first..h.first + u32::from(h.count) {
            if q != driver && chance(&mut cx.rng, 0.3) {
                let passenger = mention(cx, bg, q, PersonRole::Witness, Detail::Full);
                cx.link(passenger, va, LinkType::Other);
            }
        }
    }
    let home = cx.home_of(driver, Detail::Full);
    cx.link(a, home, LinkType::LivesAt);
    cx.say(if injury {
        "One driver taken to hospital with minor injuries. Both vehicles recovered."
    } else {
        "No injuries. Details exchanged and both drivers breath-tested negative."
    });
}

fn welfare_check(cx: &mut Ctx, bg: &mut Bg, person: u32, household: Option<&Household>) {
    let w = cx.w;
    let p = w.person(person);
    let age = p.age_at(w.midpoint());
    let town = town_of(cx, person);
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, town, NONE);
    let s = p.sex;
    let caller = household.and_then(|h| parent_in(cx, h, person));
    let him = match s {
        Sex::Male => "him",
        Sex::Female => "her",
    };
    let reason = if age >= 70 {
        *pick(
            &mut cx.rng,
            &[
                "a neighbour had not seen {him} for a few days",
                "{his} daughter could not get an answer on the phone",
                "the curtains had been closed for two days",
            ],
        )
    } else {
        *pick(
            &mut cx.rng,
            &[
                "a friend was worried by messages {he} had sent",
                "a family member had not heard from {him}",
                "{he} had missed work without explanation",
            ],
        )
    };
    let reason = reason
        .replace("{him}", him)
        .replace("{his}", his(s))
        .replace("{he}", he(s));
    cx.sayf(format_args!("Concern for welfare: {reason}."));
    let subject = mention(cx, bg, person, PersonRole::Unknown, Detail::Full);
    let home = cx.home_of(person, Detail::Full);
    cx.link(subject, home, LinkType::LivesAt);
    if let Some(c) = caller
        && chance(&mut cx.rng, 0.6)
    {
        let l = mention(cx, bg, c, PersonRole::Witness, Detail::Partial);
        cx.link(l, subject, LinkType::FamilyOf);
    }
    let outcome = *pick(
        &mut cx.rng,
        &[
            "was found safe and well at home; no further concerns",
            "was found well and had simply been unwell in bed",
            "had been staying with family and was in good spirits",
            "was spoken to and is being supported by the GP",
        ],
    );
    cx.sayf(format_args!("Attended and {} {outcome}.", he(s)));
}

fn shoplifting(cx: &mut Ctx, bg: &mut Bg, person: u32) {
    let w = cx.w;
    let town = town_of(cx, person);
    let shops = &w.shops[town as usize];
    if shops.is_empty() {
        return theft(cx, bg, person);
    }
    let shop = *pick(&mut cx.rng, shops);
    let name = w.geo.businesses[shop as usize].name.clone();
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, town, NONE);
    cx.crime(CrimeType::Other);
    let value = between(&mut cx.rng, 4, 120);
    let items = *pick(
        &mut cx.rng,
        &[
            "alcohol",
            "meat",
            "toiletries",
            "sweets and drinks",
            "clothing",
            "phone accessories",
        ],
    );
    cx.sayf(format_args!(
        "Detained by staff at {name} after leaving without paying for {items} worth £{value}."
    ));
    let s = mention(cx, bg, person, PersonRole::Subject, Detail::Full);
    let loc = cx.business(shop, Detail::Full);
    cx.link(s, loc, LinkType::SeenAt);
    let staff = bg.other(&mut cx.rng, w, person, 18, 65);
    let st = mention(cx, bg, staff, PersonRole::Witness, Detail::Partial);
    cx.link(st, loc, LinkType::WorksAt);
    let line = *pick(
        &mut cx.rng,
        &[
            "Goods recovered. Dealt with by community resolution.",
            "Arrested and later charged; CCTV seized.",
            "Subject apologised and paid for the goods. No further action.",
        ],
    );
    cx.say(line);
}

fn neighbour_dispute(cx: &mut Ctx, bg: &mut Bg, h: &Household, person: u32) {
    let w = cx.w;
    // The household next door on the same street, if the chunk has it.
    let Home::Dwelling(a) = h.home else {
        return theft(cx, bg, person);
    };
    let street = w.addrs[a as usize].street;
    let number = w.addrs[a as usize].number;
    // Households of a town are filled in along its streets in order, so a neighbour is a few
    // households away in the chunk, if it is in the chunk at all.
    let chunk = &w.households[bg.households.start as usize..bg.households.end as usize];
    let at = chunk.partition_point(|n| n.first < h.first);
    let window = &chunk[at.saturating_sub(40)..(at + 40).min(chunk.len())];
    let neighbour = window
        .iter()
        .filter(|n| n.first != h.first)
        .find(|n| match n.home {
            Home::Dwelling(b) => {
                let addr = &w.addrs[b as usize];
                addr.street == street && addr.number.abs_diff(number) <= 2
            }
            Home::Site { .. } => false,
        })
        .map(|n| n.first);
    let Some(other) = neighbour else {
        return witness(cx, bg, person);
    };
    let town = town_of(cx, person);
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, town, NONE);
    let cause = *pick(
        &mut cx.rng,
        &[
            "a boundary fence",
            "parking across a driveway",
            "loud music late at night",
            "a barking dog",
            "bins left on the path",
            "an overhanging tree",
        ],
    );
    cx.sayf(format_args!(
        "Ongoing dispute between neighbours over {cause}."
    ));
    let x = mention(cx, bg, person, PersonRole::Victim, Detail::Full);
    let hx = cx.home_of(person, Detail::Full);
    cx.link(x, hx, LinkType::LivesAt);
    let y = mention(cx, bg, other, PersonRole::Subject, Detail::Full);
    let hy = cx.home_of(other, Detail::Full);
    cx.link(y, hy, LinkType::LivesAt);
    let line = *pick(
        &mut cx.rng,
        &[
            "Both parties spoken to and advised; referred to mediation.",
            "Verbal argument only. Both given words of advice.",
            "Neighbourhood team to follow up with the housing association.",
        ],
    );
    cx.say(line);
}

fn theft(cx: &mut Ctx, bg: &mut Bg, person: u32) {
    let w = cx.w;
    let p = w.person(person);
    let town = town_of(cx, person);
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, town, NONE);
    cx.crime(CrimeType::Other);
    let v = mention(cx, bg, person, PersonRole::Victim, Detail::Full);
    if p.vehicle != NONE && chance(&mut cx.rng, 0.6) {
        let what = *pick(
            &mut cx.rng,
            &[
                "catalytic converter stolen from",
                "window smashed and bag taken from",
                "number plates stolen from",
            ],
        );
        cx.sayf(format_args!(
            "Report of {what} the victim's vehicle overnight."
        ));
        let car = cx.vehicle(p.vehicle, Detail::Full);
        cx.link(v, car, LinkType::Drives);
    } else {
        let what = *pick(
            &mut cx.rng,
            &[
                "pedal cycle stolen from a shed",
                "mobile phone snatched in the street",
                "parcel taken from the doorstep",
                "purse stolen from a handbag",
            ],
        );
        cx.sayf(format_args!("Report of theft: {what}."));
        if let Some(phone) = p.phone {
            let t = cx.phone(phone);
            cx.link(v, t, LinkType::UsesPhone);
        }
    }
    let home = cx.home_of(person, Detail::Full);
    cx.link(v, home, LinkType::LivesAt);
    cx.say("No suspect identified. Crime reference issued.");
}

fn drink_drive(cx: &mut Ctx, bg: &mut Bg, person: u32) {
    let w = cx.w;
    let p = w.person(person);
    let town = town_of(cx, person);
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, town, NONE);
    cx.crime(CrimeType::Other);
    let reading = between(&mut cx.rng, 40, 110);
    cx.sayf(format_args!(
        "Vehicle stopped for driving erratically. Driver provided a positive roadside breath test ({reading} micrograms) and was arrested."
    ));
    let s = mention(cx, bg, person, PersonRole::Subject, Detail::Full);
    let v = cx.vehicle(p.vehicle, Detail::Full);
    cx.link(s, v, LinkType::Drives);
    let home = cx.home_of(person, Detail::Full);
    cx.link(s, home, LinkType::LivesAt);
}

fn assault(cx: &mut Ctx, bg: &mut Bg, person: u32) {
    let w = cx.w;
    let town = town_of(cx, person);
    let street = home_street(cx, person);
    let place = public_place(cx, town, &street);
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, town, NONE);
    cx.crime(CrimeType::Other);
    let other = bg.other(&mut cx.rng, w, person, 18, 50);
    let cause = *pick(
        &mut cx.rng,
        &[
            "an argument over a taxi queue",
            "a disagreement about a spilled drink",
            "a row about a parking space",
            "a dispute over a football match",
        ],
    );
    cx.sayf(format_args!(
        "Common assault at {place} after {cause}. Victim punched once; no lasting injury."
    ));
    let v = mention(cx, bg, person, PersonRole::Victim, Detail::Full);
    let s = mention(cx, bg, other, PersonRole::Subject, Detail::Full);
    let loc = cx.public_place(&place);
    cx.link(v, loc, LinkType::SeenAt);
    cx.link(s, loc, LinkType::SeenAt);
    cx.say("Suspect identified from CCTV and interviewed; victim does not support a prosecution.");
}

fn missing_teen(cx: &mut Ctx, bg: &mut Bg, h: &Household, person: u32) {
    let w = cx.w;
    let p = w.person(person);
    let town = town_of(cx, person);
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, town, NONE);
    let s = p.sex;
    cx.sayf(format_args!(
        "Reported missing by family after not returning home by the agreed time. Found the next morning at a friend's house nearby; {} had fallen out with {} parents.",
        he(s),
        his(s)
    ));
    let m = mention(cx, bg, person, PersonRole::Unknown, Detail::Full);
    let home = cx.home_of(person, Detail::Full);
    cx.link(m, home, LinkType::LivesAt);
    if let Some(parent) = parent_in(cx, h, person) {
        let pm = mention(cx, bg, parent, PersonRole::Witness, Detail::Full);
        cx.link(pm, m, LinkType::FamilyOf);
    }
    cx.say("Return interview completed: first missing episode, no concerns identified.");
}

fn witness(cx: &mut Ctx, bg: &mut Bg, person: u32) {
    let town = town_of(cx, person);
    let street = home_street(cx, person);
    let place = public_place(cx, town, &street);
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, town, NONE);
    cx.sayf(format_args!(
        "Witness statement taken regarding criminal damage to a bus shelter at {place}."
    ));
    let wi = mention(cx, bg, person, PersonRole::Witness, Detail::Full);
    let home = cx.home_of(person, Detail::Full);
    cx.link(wi, home, LinkType::LivesAt);
    cx.say("Witness describes two males in dark clothing who ran off towards the river.");
}

fn lost_child(cx: &mut Ctx, bg: &mut Bg, h: &Household, person: u32) {
    let town = town_of(cx, person);
    let street = home_street(cx, person);
    let place = public_place(cx, town, &street);
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, town, NONE);
    cx.sayf(format_args!(
        "Young child found on their own at {place}; reunited with a parent within twenty minutes."
    ));
    let c = mention(cx, bg, person, PersonRole::Unknown, Detail::Partial);
    if let Some(parent) = parent_in(cx, h, person) {
        let pm = mention(cx, bg, parent, PersonRole::Witness, Detail::Full);
        cx.link(pm, c, LinkType::FamilyOf);
        let home = cx.home_of(parent, Detail::Full);
        cx.link(pm, home, LinkType::LivesAt);
    }
    cx.say("Child had wandered off at the market. No concerns.");
}

/// A school's referral about an ordinary teenager: attendance and wellbeing, with reasons.
fn school_referral(cx: &mut Ctx, bg: &mut Bg, h: &Household, person: u32) {
    let w = cx.w;
    let town = town_of(cx, person);
    let Some(&school) = w.schools[town as usize].first() else {
        return asb(cx, bg, person);
    };
    let org = w.geo.businesses[school as usize].name.clone();
    let d = day(cx);
    cx.begin(SourceType::Partner, Some(&org), d, town, NONE);
    let s = w.person(person).sex;
    let reason = *pick(
        &mut cx.rng,
        &[
            "anxiety after a falling-out with friends",
            "a long illness in the family",
            "caring for a younger sibling",
            "a diagnosis of glandular fever",
            "bullying, now being addressed",
        ],
    );
    cx.sayf(format_args!(
        "Attendance has dipped this term because of {reason}. Parents are engaged and {} is being supported by the pastoral team.",
        he(s)
    ));
    let c = mention(cx, bg, person, PersonRole::Unknown, Detail::Partial);
    let sl = cx.business(school, Detail::Partial);
    cx.link(c, sl, LinkType::Other);
    if let Some(parent) = parent_in(cx, h, person)
        && chance(&mut cx.rng, 0.5)
    {
        let pm = mention(cx, bg, parent, PersonRole::Witness, Detail::Partial);
        cx.link(pm, c, LinkType::FamilyOf);
    }
    cx.say("No safeguarding concerns; shared for information.");
}

/// A council's tenancy visit: arrears, repairs, a noise complaint.
fn tenancy_visit(cx: &mut Ctx, bg: &mut Bg, person: u32) {
    let town = town_of(cx, person);
    let d = day(cx);
    cx.begin(SourceType::Partner, Some(&council(town)), d, town, NONE);
    let what = *pick(
        &mut cx.rng,
        &[
            "rent arrears, now on a repayment plan",
            "a complaint about a noisy party, the first in three years",
            "damp and mould reported by the tenant; repairs booked",
            "an untidy garden reported by a neighbour",
        ],
    );
    cx.sayf(format_args!("Tenancy visit about {what}."));
    let t = mention(cx, bg, person, PersonRole::Unknown, Detail::Full);
    let home = cx.home_of(person, Detail::Full);
    cx.link(t, home, LinkType::LivesAt);
    if let Some(phone) = cx.w.person(person).phone {
        let p = cx.phone(phone);
        cx.link(t, p, LinkType::UsesPhone);
    }
}

/// A neighbour's vague report about a household: comings and goings, a parked car, noise.
/// Nobody is named; the people seen are unnamed mentions of the household.
fn neighbours_report(cx: &mut Ctx, bg: &mut Bg, h: &Household) {
    let w = cx.w;
    let Home::Dwelling(addr) = h.home else {
        return;
    };
    let town = w.town_of_home(h.home);
    let d = day(cx);
    let source = if chance(&mut cx.rng, 0.85) {
        SourceType::Community
    } else {
        SourceType::Crimestoppers
    };
    cx.begin(source, None, d, town, NONE);
    let what = *pick(
        &mut cx.rng,
        &[
            "Loud music and shouting from the house most weekends.",
            "A car is often parked across the pavement outside and people come and go late at night.",
            "I think someone at this address is smoking cannabis, the smell comes into our garden.",
            "Lots of parcels delivered and a van comes every few days. Not sure what they are doing.",
            "Youths hang around outside the house on their bikes in the evenings.",
            "People arguing in the street outside late at night.",
        ],
    );
    cx.say(what);
    let loc = cx.dwelling(addr, Detail::Slight);
    let members: Vec<u32> = (h.first..h.first + u32::from(h.count)).collect();
    let seen = *pick(&mut cx.rng, &members);
    if chance(&mut cx.rng, 0.6) {
        bg.mark(seen);
        let l = cx.unnamed(seen, PersonRole::Unknown);
        cx.link(l, loc, LinkType::SeenAt);
    }
    if let Some(v) = members
        .iter()
        .map(|m| w.person(*m).vehicle)
        .find(|v| *v != NONE)
        && chance(&mut cx.rng, 0.5)
    {
        let vl = cx.vehicle(v, Detail::Slight);
        cx.link(vl, loc, LinkType::SeenAt);
    }
}

/// A teenager's minor offence dealt with by caution: a look-alike of a runner's stop.
fn caution(cx: &mut Ctx, bg: &mut Bg, h: &Household, person: u32) {
    let w = cx.w;
    let p = w.person(person);
    let town = town_of(cx, person);
    let d = day(cx);
    cx.begin(SourceType::Officer, None, d, town, NONE);
    let offence = weighted(&mut cx.rng, &[40, 35, 25]);
    match offence {
        0 => {
            cx.crime(CrimeType::DrugsSupply);
            cx.say("Stop and search in the park: a small amount of cannabis found, believed for personal use.");
        }
        1 => {
            cx.crime(CrimeType::Other);
            cx.say("Shoplifting of sweets and energy drinks with a friend; goods recovered.");
        }
        _ => {
            cx.crime(CrimeType::Other);
            cx.say("Criminal damage: graffiti sprayed on the wall of the leisure centre.");
        }
    }
    let s = mention(cx, bg, person, PersonRole::Subject, Detail::Full);
    let home = cx.home_of(person, Detail::Full);
    cx.link(s, home, LinkType::LivesAt);
    if chance(&mut cx.rng, 0.5) {
        let friend = bg.other(&mut cx.rng, w, person, 13, 17);
        mention(cx, bg, friend, PersonRole::Subject, Detail::Full);
    }
    if let Some(parent) = parent_in(cx, h, person)
        && chance(&mut cx.rng, 0.6)
    {
        let pm = mention(cx, bg, parent, PersonRole::Witness, Detail::Partial);
        cx.link(pm, s, LinkType::FamilyOf);
    }
    cx.benign("cautioned_teen", p.sex, town);
    if chance(&mut cx.rng, 0.6) {
        cx.benign("cautioned_teen", p.sex, town);
    }
}

/// An older person reports a scam call: a look-alike of a vulnerable adult.
fn scam_call(cx: &mut Ctx, bg: &mut Bg, person: u32) {
    let w = cx.w;
    let p = w.person(person);
    let town = town_of(cx, person);
    let d = day(cx);
    let source = if chance(&mut cx.rng, 0.7) {
        SourceType::Officer
    } else {
        SourceType::Other
    };
    let org = (source == SourceType::Other).then_some("Action Fraud referral");
    cx.begin(source, org, d, town, NONE);
    cx.crime(CrimeType::Fraud);
    let v = mention(cx, bg, person, PersonRole::Victim, Detail::Full);
    let home = cx.home_of(person, Detail::Full);
    cx.link(v, home, LinkType::LivesAt);
    if let Some(own) = p.phone {
        let t = cx.phone(own);
        cx.link(v, t, LinkType::UsesPhone);
    }
    // Scam calls sometimes come from a fraud group's phone.
    let fraud_phone = w
        .groups
        .iter()
        .filter(|g| g.kind == crate::world::GroupKind::Fraud)
        .flat_map(|g| g.shared_phones.iter())
        .nth(cx.rng.random_range(0..8));
    if let Some(phone) = fraud_phone
        && chance(&mut cx.rng, 0.4)
    {
        cx.phone(*phone);
        cx.say("The call came from the mobile number recorded.");
    } else {
        cx.say("The caller's number was withheld.");
    }
    cx.benign("elderly_scam", p.sex, town);
    cx.benign("elderly_scam", p.sex, town);
}

/// A large family's reports: the neighbours see a crowded house; the council and the school
/// see a family.
fn large_family(cx: &mut Ctx, bg: &mut Bg, h: &Household) {
    let w = cx.w;
    let members: Vec<u32> = (h.first..h.first + u32::from(h.count)).collect();
    let town = w.town_of_home(h.home);
    let Home::Dwelling(addr) = h.home else {
        return;
    };
    let lead = members[0];
    let mid = w.midpoint();

    // A neighbour's report: numbers, cars, no names.
    let d = day(cx);
    cx.begin(SourceType::Community, None, d, town, NONE);
    let n = members.len();
    cx.sayf(format_args!(
        "Concerned about the number of people living at the house, at least {n} adults and children, and lots of cars coming and going."
    ));
    let loc = cx.dwelling(addr, Detail::Slight);
    for &m in members.iter().take(3) {
        if chance(&mut cx.rng, 0.6) {
            bg.mark(m);
            let l = cx.unnamed(m, PersonRole::Unknown);
            cx.link(l, loc, LinkType::LivesAt);
        }
    }
    if let Some(v) = members
        .iter()
        .map(|m| w.person(*m).vehicle)
        .find(|v| *v != NONE)
    {
        cx.vehicle(v, Detail::Slight);
    }
    cx.finish();

    // The council's housing check: everyone named.
    let d = day(cx);
    cx.begin(SourceType::Partner, Some(&council(town)), d, town, NONE);
    cx.say("Housing officer visit following an overcrowding complaint.");
    let loc = cx.dwelling(addr, Detail::Full);
    for &m in &members {
        let l = mention(cx, bg, m, PersonRole::Unknown, Detail::Full);
        cx.link(l, loc, LinkType::LivesAt);
    }
    let s = w.person(lead).sex;
    cx.benign("large_family", s, town);
    cx.benign("large_family", s, town);
    cx.finish();

    // The school on one child.
    if let Some(&child) = members
        .iter()
        .find(|m| (5..17).contains(&w.person(**m).age_at(mid)))
    {
        let schools = &w.schools[town as usize];
        if !schools.is_empty() && chance(&mut cx.rng, 0.7) {
            let school = *pick(&mut cx.rng, schools);
            let org = w.geo.businesses[school as usize].name.clone();
            let d = day(cx);
            cx.begin(SourceType::Partner, Some(&org), d, town, NONE);
            cx.say("Attendance dipped this term after a bereavement in the family; the school is supporting the family and attendance is recovering.");
            let c = mention(cx, bg, child, PersonRole::Unknown, Detail::Partial);
            let parent = members[2];
            let pm = mention(cx, bg, parent, PersonRole::Witness, Detail::Partial);
            cx.link(pm, c, LinkType::FamilyOf);
            cx.benign("large_family", w.person(child).sex, town);
            cx.finish();
        }
    }
}

/// Seasonal workers' reports: the public see a minibus at dawn; the licensing inspection
/// sees lawful work.
fn seasonal_workers(cx: &mut Ctx, bg: &mut Bg, h: &Household) {
    let w = cx.w;
    let members: Vec<u32> = (h.first..h.first + u32::from(h.count)).collect();
    let Home::Site { business: farm, .. } = h.home else {
        return;
    };
    let town = w.geo.businesses[farm as usize].town;
    let farm_name = w.geo.businesses[farm as usize].name.clone();
    let licence = w.geo.businesses[farm as usize].licence.unwrap_or(0);
    let bus = w.person(members[0]).vehicle;

    // The public's report.
    let d = day(cx);
    cx.begin(SourceType::Community, None, d, town, NONE);
    cx.sayf(format_args!(
        "Every morning about 6am a minibus collects a lot of foreign workers from {farm_name} and brings them back late. Not sure if they are being exploited."
    ));
    let loc = cx.business(farm, Detail::Slight);
    if bus != NONE {
        let v = cx.vehicle(bus, Detail::Slight);
        cx.link(v, loc, LinkType::SeenAt);
    }
    for &m in members.iter().take(2) {
        if chance(&mut cx.rng, 0.5) {
            bg.mark(m);
            cx.unnamed(m, PersonRole::Unknown);
        }
    }
    cx.finish();

    // The licensing authority's compliance inspection.
    let d = day(cx);
    cx.begin(
        SourceType::Partner,
        Some("Gangmasters and Labour Abuse Authority"),
        d,
        town,
        NONE,
    );
    cx.crime(CrimeType::MshtLabour);
    cx.sayf(format_args!(
        "Compliance inspection at {farm_name} (labour provider licence GLAA/{licence}) following a public report."
    ));
    let site = cx.business(farm, Detail::Full);
    for &m in &members {
        if !bg.seen(m) || chance(&mut cx.rng, 0.3) {
            let l = mention(cx, bg, m, PersonRole::Witness, Detail::Full);
            cx.link(l, site, LinkType::WorksAt);
            if chance(&mut cx.rng, 0.3) {
                let home = cx.home_of(m, Detail::Full);
                cx.link(l, home, LinkType::StaysAt);
            }
        }
    }
    let s = w.person(members[0]).sex;
    cx.benign("seasonal_worker", s, town);
    cx.benign("seasonal_worker", s, town);
    cx.benign("seasonal_worker", s, town);
    cx.finish();

    // A collision involving the minibus.
    if bus != NONE && chance(&mut cx.rng, 0.4) {
        let d = day(cx);
        cx.begin(SourceType::Officer, None, d, town, NONE);
        cx.sayf(format_args!(
            "Minibus belonging to {farm_name} clipped a tractor on a narrow drove at 06:10. Minor damage, no injuries; workers continued to the fields."
        ));
        let driver = mention(cx, bg, members[0], PersonRole::Subject, Detail::Full);
        let v = cx.vehicle(bus, Detail::Full);
        cx.link(driver, v, LinkType::Drives);
        let employer = cx.business(farm, Detail::Partial);
        cx.link(driver, employer, LinkType::WorksAt);
        cx.finish();
    }
}

/// The council of a town.
pub fn council(town: u8) -> String {
    let t = &TOWNS[town as usize];
    if t.weight >= 300 {
        format!("{} City Council", t.name)
    } else {
        format!("{} District Council", t.name)
    }
}
