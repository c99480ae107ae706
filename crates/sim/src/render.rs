//! Writing one report: the record builder that episodes fill in (people, places, phones,
//! vehicles, links, text with its indicator wording) and that serialises itself as one
//! exchange-v1 JSON line, recording as it goes which true person each person mention is.
//!
//! The JSON is written by hand into a reused buffer: the simulator writes a million reports a
//! minute, and building `serde_json::Value`s for each would cost several times as much. Every
//! line is checked by the tests to be accepted by the exchange-v1 reader.

use crate::geo::TOWNS;
use crate::noise::{self, Detail, Noise};
use crate::phrases::{Family, Half, PhraseBank, PhraseUse, Pronoun, Slots};
use crate::util::{Rng, between, chance, pick, weighted};
use crate::world::{Phone, Sex, World};
use model::{
    CrimeType, HandlingCode, IntelAssessment, LinkType, LocationType, PersonRole, SourceEvaluation,
    SourceType,
};
use rand::Rng as _;
use std::collections::HashMap;
use std::fmt::Write as _;

/// Reports a chunk may hold: the ref serial space is split between chunks by this.
pub const CHUNK_CAPACITY: u64 = 1 << 16;

/// How refs are numbered: a fixed permutation of (chunk, report) over `10^digits` numbers, so
/// that refs look as scattered as a real force's and say nothing about which chunk, group or
/// household a report came from.
#[derive(Debug, Clone, Copy)]
pub struct RefScheme {
    pub digits: u32,
    modulus: u64,
    multiplier: u64,
    offset: u64,
}

impl RefScheme {
    pub fn for_chunks(chunks: usize, seed: u64) -> RefScheme {
        let needed = chunks as u64 * CHUNK_CAPACITY;
        let mut digits = 8;
        while 10u64.pow(digits) < needed {
            digits += 1;
        }
        let modulus = 10u64.pow(digits);
        // Odd and not a multiple of 5: coprime with every power of ten.
        let mut multiplier = (crate::util::mix(seed, 3, 0) % modulus) | 1;
        if multiplier.is_multiple_of(5) {
            multiplier += 2;
        }
        RefScheme {
            digits,
            modulus,
            multiplier,
            offset: crate::util::mix(seed, 4, 0) % modulus,
        }
    }

    pub fn serial(&self, chunk: u32, local: u32) -> u64 {
        let index = u64::from(chunk) * CHUNK_CAPACITY + u64::from(local);
        ((u128::from(index) * u128::from(self.multiplier) + u128::from(self.offset))
            % u128::from(self.modulus)) as u64
    }

    /// `FEN-IR-2025-04821937`.
    pub fn write_ref(&self, out: &mut String, year: i32, serial: u64) {
        let _ = write!(
            out,
            "{}-IR-{year}-{serial:0width$}",
            crate::geo::FORCE_CODE,
            width = self.digits as usize
        );
    }
}

/// A local entity of the report being built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Local {
    Person(u8),
    Location(u8),
    Phone(u8),
    Vehicle(u8),
}

impl Local {
    fn write_id(self, out: &mut Vec<u8>) {
        let (prefix, n) = match self {
            Local::Person(n) => (b'P', n),
            Local::Location(n) => (b'L', n),
            Local::Phone(n) => (b'T', n),
            Local::Vehicle(n) => (b'V', n),
        };
        out.push(prefix);
        push_u64(out, u64::from(n) + 1);
    }
}

struct PersonOut {
    name: Option<String>,
    dob: Option<String>,
    age_estimate: Option<u32>,
    gender: Option<&'static str>,
    nationality: Option<&'static str>,
    role: PersonRole,
}

struct LocationOut {
    address: Option<String>,
    postcode: Option<String>,
    lat_lon: Option<(f64, f64)>,
    kind: LocationType,
}

struct VehicleOut {
    vrm: Option<String>,
    make: Option<&'static str>,
    model: Option<&'static str>,
    colour: Option<String>,
}

/// Per report, what the truth file needs.
#[derive(Debug, Clone, Copy)]
pub struct ReportMeta {
    pub serial: u64,
    pub year: i32,
    pub group: u32,
}

/// An indicator wording placed in a report's text.
#[derive(Debug, Clone, Copy)]
pub struct IndicatorHit {
    pub report: u32,
    pub indicator: u16,
    pub half: Half,
    /// Byte offsets into the report's `text`.
    pub start: u32,
    pub end: u32,
}

/// What rendering one chunk produced.
#[derive(Debug, Default)]
pub struct ChunkOut {
    /// The JSON lines, each ending in a newline.
    pub buf: Vec<u8>,
    pub line_ends: Vec<u32>,
    pub reports: Vec<ReportMeta>,
    /// (true person, report index in the chunk, person index in the report).
    pub mentions: Vec<(u32, u32, u8)>,
    pub indicators: Vec<IndicatorHit>,
    /// Reports by source type, in `SourceType::ALL` order.
    pub by_source: [u32; 7],
}

/// Looks indicator names up once.
#[derive(Debug)]
pub struct Lexicon {
    pub bank: &'static PhraseBank,
    indicators: HashMap<(Family, &'static str), u16>,
    benign: HashMap<&'static str, u16>,
}

impl Lexicon {
    pub fn new(bank: &'static PhraseBank) -> Lexicon {
        let indicators = bank
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| ((ind.family, ind.indicator.as_str()), i as u16))
            .collect();
        let benign = bank
            .benign
            .iter()
            .enumerate()
            .map(|(i, b)| (b.context.as_str(), i as u16))
            .collect();
        Lexicon {
            bank,
            indicators,
            benign,
        }
    }
}

/// The report being built, reused from one report to the next.
struct Rec {
    serial: u64,
    year: i32,
    date: time::Date,
    received: String,
    source: SourceType,
    org: Option<String>,
    grading: (SourceEvaluation, IntelAssessment, HandlingCode),
    conditions: Option<&'static str>,
    crime_types: Vec<CrimeType>,
    area: Option<&'static str>,
    text: String,
    persons: Vec<PersonOut>,
    truth: Vec<u32>,
    locations: Vec<LocationOut>,
    phones: Vec<String>,
    vehicles: Vec<VehicleOut>,
    links: Vec<(Local, Local, LinkType)>,
    hits: Vec<(u16, Half, u32, u32)>,
    group: u32,
    open: bool,
}

/// Renders reports for one chunk of the world.
pub struct Ctx<'w> {
    pub w: &'w World,
    pub rng: Rng,
    pub noise: Noise,
    lexicon: &'w Lexicon,
    phrase_use: PhraseUse,
    refs: RefScheme,
    chunk: u32,
    pub out: ChunkOut,
    rec: Rec,
    /// Indicator or benign names the bank lacks (a bug the tests catch).
    pub missing: Vec<String>,
}

/// When a source reports: officers at any hour, partners in office hours, the public mostly
/// in the evening.
fn hour_for(rng: &mut Rng, source: SourceType) -> u32 {
    match source {
        SourceType::Partner | SourceType::Agency | SourceType::Other => between(rng, 8, 17),
        SourceType::Community | SourceType::Crimestoppers => {
            *pick(rng, &[8, 10, 12, 14, 16, 18, 19, 20, 21, 22, 23])
        }
        SourceType::Officer | SourceType::Chis => rng.random_range(0..24),
    }
}

const CHIS_CONDITIONS: &[&str] = &[
    "Source-sensitive: do not disseminate outside the intelligence unit without reference to the Dedicated Source Unit.",
    "Not to be used in evidence or disclosed to partners; refer to the source handler before any action.",
    "Sanitised CHIS reporting: no action to be taken that could identify the source.",
];
const AGENCY_CONDITIONS: &[&str] = &[
    "Agency-originated intelligence: further dissemination only with the originator's consent.",
    "Not for onward disclosure to non-law-enforcement partners without the originating agency's approval.",
];
const PARTNER_CONDITIONS: &[&str] = &[
    "Shared under the Fenmoor multi-agency information sharing agreement: not for onward disclosure.",
    "Health information shared for safeguarding only; not to be disclosed to the subject.",
];
const OFFICER_CONDITIONS: &[&str] =
    &["Operation-sensitive: consult the SIO before any dissemination."];
const CRIMESTOPPERS_CONDITIONS: &[&str] =
    &["Crimestoppers information: not for evidential use; do not disclose to the subject."];

/// A 3x5x2 grading as each kind of source usually earns it.
fn grading_for(
    rng: &mut Rng,
    source: SourceType,
) -> (
    (SourceEvaluation, IntelAssessment, HandlingCode),
    Option<&'static str>,
) {
    use IntelAssessment::*;
    use SourceEvaluation::*;
    let (s, i, c_share, conditions): (SourceEvaluation, IntelAssessment, f64, &[&str]) =
        match source {
            SourceType::Officer => (
                [Reliable, Reliable, Reliable, Untested][rng.random_range(0..4)],
                [A, A, A, B, B, C][rng.random_range(0..6)],
                0.04,
                OFFICER_CONDITIONS,
            ),
            SourceType::Community => (
                [Untested, Untested, NotReliable][rng.random_range(0..3)],
                [C, C, C, D, D, B, E][rng.random_range(0..7)],
                0.0,
                &[],
            ),
            SourceType::Partner => (
                [Reliable, Reliable, Untested][rng.random_range(0..3)],
                [A, A, B, B, C][rng.random_range(0..5)],
                0.2,
                PARTNER_CONDITIONS,
            ),
            SourceType::Chis => (
                [Reliable, Untested, Untested, NotReliable][weighted(rng, &[40, 30, 20, 10])],
                [B, C, A, D][weighted(rng, &[50, 30, 12, 8])],
                0.75,
                CHIS_CONDITIONS,
            ),
            SourceType::Crimestoppers => (
                [Untested, Untested, Untested, NotReliable][rng.random_range(0..4)],
                [C, D, D, E][weighted(rng, &[40, 45, 5, 10])],
                0.1,
                CRIMESTOPPERS_CONDITIONS,
            ),
            SourceType::Agency => (
                [Reliable, Reliable, Reliable, Untested][rng.random_range(0..4)],
                [A, B, B, C][rng.random_range(0..4)],
                0.4,
                AGENCY_CONDITIONS,
            ),
            SourceType::Other => (
                [Untested, Reliable][rng.random_range(0..2)],
                [B, C][rng.random_range(0..2)],
                0.0,
                &[],
            ),
        };
    if !conditions.is_empty() && chance(rng, c_share) {
        ((s, i, HandlingCode::C), Some(*pick(rng, conditions)))
    } else {
        ((s, i, HandlingCode::P), None)
    }
}

fn source_slot(source: SourceType) -> usize {
    SourceType::ALL
        .iter()
        .position(|s| *s == source)
        .unwrap_or(SourceType::ALL.len() - 1)
}

impl<'w> Ctx<'w> {
    pub fn new(
        w: &'w World,
        lexicon: &'w Lexicon,
        refs: RefScheme,
        chunk: u32,
        rng: Rng,
    ) -> Ctx<'w> {
        Ctx {
            w,
            rng,
            noise: Noise::new(w.config.noise),
            lexicon,
            phrase_use: w.config.phrases,
            refs,
            chunk,
            out: ChunkOut::default(),
            rec: Rec {
                serial: 0,
                year: 0,
                date: w.start,
                received: String::with_capacity(32),
                source: SourceType::Officer,
                org: None,
                grading: (
                    SourceEvaluation::Reliable,
                    IntelAssessment::A,
                    HandlingCode::P,
                ),
                conditions: None,
                crime_types: Vec::new(),
                area: None,
                text: String::with_capacity(1024),
                persons: Vec::new(),
                truth: Vec::new(),
                locations: Vec::new(),
                phones: Vec::new(),
                vehicles: Vec::new(),
                links: Vec::new(),
                hits: Vec::new(),
                group: crate::world::NONE,
                open: false,
            },
            missing: Vec::new(),
        }
    }

    /// Starts a report from `source` on `day`, about group `group` (or `NONE`), filed in the
    /// district of `town`.
    pub fn begin(&mut self, source: SourceType, org: Option<&str>, day: u16, town: u8, group: u32) {
        debug_assert!(!self.rec.open, "report begun twice");
        let rng = &mut self.rng;
        let local = self.out.reports.len() as u32;
        let date = self.w.date(day.min(self.w.days - 1));
        let r = &mut self.rec;
        r.open = true;
        r.serial = self.refs.serial(self.chunk, local);
        r.year = date.year();
        r.date = date;
        r.received.clear();
        let hour = hour_for(rng, source);
        let minute = rng.random_range(0..60);
        let _ = write!(
            r.received,
            "{:04}-{:02}-{:02}T{hour:02}:{minute:02}:{:02}",
            date.year(),
            u8::from(date.month()),
            date.day(),
            rng.random_range(0..60)
        );
        // Feeds differ in how they write the zone.
        r.received.push_str(match rng.random_range(0..10) {
            0 => "+00:00",
            1 => ".000Z",
            _ => "Z",
        });
        r.source = source;
        r.org = org.map(str::to_string);
        let (grading, conditions) = grading_for(rng, source);
        r.grading = grading;
        r.conditions = conditions;
        r.crime_types.clear();
        let t = &TOWNS[town as usize];
        r.area = if t.in_force && chance(rng, 0.9) {
            Some(t.area)
        } else {
            None
        };
        r.text.clear();
        r.persons.clear();
        r.truth.clear();
        r.locations.clear();
        r.phones.clear();
        r.vehicles.clear();
        r.links.clear();
        r.hits.clear();
        r.group = group;
    }

    /// Replaces the usual grading, e.g. for an officer's direct observation.
    pub fn set_grading(&mut self, source: SourceEvaluation, intel: IntelAssessment) {
        self.rec.grading.0 = source;
        self.rec.grading.1 = intel;
    }

    pub fn crime(&mut self, crime: CrimeType) {
        if !self.rec.crime_types.contains(&crime) {
            self.rec.crime_types.push(crime);
        }
    }

    /// The current report's source.
    pub fn source(&self) -> SourceType {
        self.rec.source
    }

    /// A person named and described as the source records them.
    pub fn person(&mut self, person: u32, role: PersonRole, detail: Detail) -> Local {
        let w = self.w;
        let p = w.person(person);
        let at = self.today();
        let rng = &mut self.rng;
        let name = noise::name(rng, self.noise, p, detail);
        let (dob, age_estimate) = noise::dob(rng, self.noise, p, at, detail);
        let out = PersonOut {
            name: Some(name),
            dob,
            age_estimate,
            gender: noise::gender(rng, self.noise, p.sex),
            nationality: noise::nationality(rng, self.noise, p, detail),
            role,
        };
        self.push_person(person, out)
    }

    /// A person the source could not name: `unknown male`, with an estimate of age.
    pub fn unnamed(&mut self, person: u32, role: PersonRole) -> Local {
        let w = self.w;
        let p = w.person(person);
        let at = self.today();
        let age = p.age_at(at);
        let rng = &mut self.rng;
        let spread = if age < 18 { 2 } else { 3 + age / 10 };
        let estimate = if self.noise.clean() {
            age
        } else {
            (age as i32 + rng.random_range(-(spread as i32)..=spread as i32)).clamp(2, 100) as u32
        };
        let out = PersonOut {
            name: noise::unknown_name(rng, p.sex, age < 18),
            dob: None,
            age_estimate: chance(rng, 0.8).then_some(estimate),
            gender: noise::gender(rng, self.noise, p.sex),
            nationality: None,
            role,
        };
        self.push_person(person, out)
    }

    fn push_person(&mut self, person: u32, out: PersonOut) -> Local {
        let i = self.rec.persons.len();
        self.rec.persons.push(out);
        self.rec.truth.push(person);
        Local::Person(i as u8)
    }

    /// The date of the report being written.
    pub fn today(&self) -> time::Date {
        self.rec.date
    }

    /// Where a person lives.
    pub fn home_of(&mut self, person: u32, detail: Detail) -> Local {
        let w = self.w;
        let home = w.person(person).home;
        let (address, postcode) = noise::home(w, &mut self.rng, self.noise, home, detail);
        self.push_location(address, postcode, LocationType::Residential, detail)
    }

    /// A dwelling by its index in the world.
    pub fn dwelling(&mut self, addr: u32, detail: Detail) -> Local {
        let w = self.w;
        let (address, postcode) = noise::address(
            w,
            &mut self.rng,
            self.noise,
            &w.addrs[addr as usize],
            detail,
        );
        self.push_location(address, postcode, LocationType::Residential, detail)
    }

    /// A business's premises.
    pub fn business(&mut self, business: u32, detail: Detail) -> Local {
        let w = self.w;
        let (address, postcode) =
            noise::business_address(w, &mut self.rng, self.noise, business, None, detail);
        self.push_location(address, postcode, LocationType::Business, detail)
    }

    /// A public place in a town: `the play area off Mill Road, Marshby`.
    pub fn public_place(&mut self, description: &str) -> Local {
        self.push_location(
            Some(description.to_string()),
            None,
            LocationType::Public,
            Detail::Partial,
        )
    }

    fn push_location(
        &mut self,
        address: Option<String>,
        postcode: Option<String>,
        kind: LocationType,
        detail: Detail,
    ) -> Local {
        let lat_lon = (detail == Detail::Full && chance(&mut self.rng, 0.15)).then(|| {
            let t = &TOWNS[0];
            (
                t.lat + self.rng.random_range(-0.3..0.3),
                t.lon + self.rng.random_range(-0.4..0.4),
            )
        });
        let i = self.rec.locations.len();
        self.rec.locations.push(LocationOut {
            address,
            postcode,
            lat_lon,
            kind,
        });
        Local::Location(i as u8)
    }

    /// A phone number, written as the source wrote it.
    pub fn phone(&mut self, phone: Phone) -> Local {
        let written = noise::phone(&mut self.rng, self.noise, phone);
        let i = self.rec.phones.len();
        self.rec.phones.push(written);
        Local::Phone(i as u8)
    }

    /// A vehicle by its index in the world.
    pub fn vehicle(&mut self, vehicle: u32, detail: Detail) -> Local {
        let v = self.w.vehicles[vehicle as usize];
        let rng = &mut self.rng;
        let vrm = noise::vrm(rng, self.noise, &v, detail);
        let full = detail != Detail::Slight || self.noise.clean();
        let plate_seen = vrm.is_some();
        let out = VehicleOut {
            vrm,
            // Whoever saw a vehicle saw at least its make or its plate.
            make: (full || !plate_seen || chance(rng, 0.5)).then(|| v.make()),
            model: (full && chance(rng, 0.8)).then(|| v.model_name()),
            colour: chance(rng, 0.8).then(|| noise::colour(rng, self.noise, v.colour())),
        };
        let i = self.rec.vehicles.len();
        self.rec.vehicles.push(out);
        Local::Vehicle(i as u8)
    }

    pub fn link(&mut self, from: Local, to: Local, link: LinkType) {
        self.rec.links.push((from, to, link));
    }

    /// Appends a sentence (a space is put between sentences).
    pub fn say(&mut self, sentence: &str) {
        if !self.rec.text.is_empty() {
            self.rec.text.push(' ');
        }
        self.rec.text.push_str(sentence);
    }

    /// Appends formatted text as a sentence.
    pub fn sayf(&mut self, args: std::fmt::Arguments<'_>) {
        if !self.rec.text.is_empty() {
            self.rec.text.push(' ');
        }
        let _ = self.rec.text.write_fmt(args);
    }

    fn slots_for(&mut self, pronoun: Pronoun, town: u8, hub: u8) -> Slots<'static> {
        let rng = &mut self.rng;
        const TIMES: &[&str] = &[
            "01:30", "02:00", "02:45", "03:15", "04:00", "04:30", "05:00", "05:15", "05:45",
            "23:30", "00:20",
        ];
        let time = *pick::<&'static str>(rng, TIMES);
        Slots {
            pronoun,
            town: TOWNS[town as usize].name,
            hub: TOWNS[hub as usize].name,
            cash: between(rng, 6, 90) * 20,
            n: between(rng, 2, 14),
            time,
        }
    }

    /// Appends a wording of an indicator about someone of `sex`, filled with `town` and `hub`.
    pub fn indicator(&mut self, family: Family, name: &'static str, sex: Sex, town: u8, hub: u8) {
        let Some(&index) = self.lexicon.indicators.get(&(family, name)) else {
            self.missing.push(format!("{}/{name}", family.as_str()));
            return;
        };
        let half = match self.phrase_use {
            PhraseUse::Training => Half::Training,
            PhraseUse::HeldOut => Half::HeldOut,
            PhraseUse::Both => {
                if chance(&mut self.rng, 0.5) {
                    Half::Training
                } else {
                    Half::HeldOut
                }
            }
        };
        let bank = self.lexicon.bank;
        let wordings = bank.indicators[index as usize].half(half);
        let template = pick(&mut self.rng, wordings);
        let slots = self.slots_for(pronoun_of(sex), town, hub);
        if !self.rec.text.is_empty() {
            self.rec.text.push(' ');
        }
        let start = self.rec.text.len();
        slots.fill_into(template, &mut self.rec.text);
        let end = self.rec.text.len();
        self.rec.hits.push((index, half, start as u32, end as u32));
    }

    /// Appends a look-alike wording: surface resemblance, no exploitation.
    pub fn benign(&mut self, context: &'static str, sex: Sex, town: u8) {
        let Some(&index) = self.lexicon.benign.get(context) else {
            self.missing.push(format!("benign/{context}"));
            return;
        };
        let half = if chance(&mut self.rng, 0.5) {
            Half::Training
        } else {
            Half::HeldOut
        };
        let template = pick(
            &mut self.rng,
            self.lexicon.bank.benign[index as usize].half(half),
        );
        let slots = self.slots_for(pronoun_of(sex), town, crate::geo::HUBS[0]);
        if !self.rec.text.is_empty() {
            self.rec.text.push(' ');
        }
        slots.fill_into(template, &mut self.rec.text);
    }

    /// Finishes the report: writes its JSON line and records its truth.
    pub fn finish(&mut self) {
        let r = &mut self.rec;
        if !r.open {
            return;
        }
        r.open = false;
        if r.text.is_empty() && r.persons.is_empty() && r.locations.is_empty() {
            r.text.push_str("No further details recorded.");
        }
        let local = self.out.reports.len() as u32;
        let buf = &mut self.out.buf;
        let mut reference = String::with_capacity(32);
        self.refs.write_ref(&mut reference, r.year, r.serial);

        buf.extend_from_slice(b"{\"kind\":\"report\",\"ref\":");
        push_str(buf, &reference);
        buf.extend_from_slice(b",\"received\":");
        push_str(buf, &r.received);
        buf.extend_from_slice(b",\"source\":{\"type\":");
        push_str(buf, r.source.as_str());
        buf.extend_from_slice(b",\"org\":");
        push_opt(buf, r.org.as_deref());
        buf.extend_from_slice(b"},\"grading\":{\"source\":");
        push_str(buf, r.grading.0.as_str());
        buf.extend_from_slice(b",\"intel\":");
        push_str(buf, r.grading.1.as_str());
        buf.extend_from_slice(b",\"handling\":");
        push_str(buf, r.grading.2.as_str());
        buf.extend_from_slice(b",\"conditions\":");
        push_opt(buf, r.conditions);
        buf.extend_from_slice(b"},\"crime_types\":[");
        for (i, c) in r.crime_types.iter().enumerate() {
            if i > 0 {
                buf.push(b',');
            }
            push_str(buf, c.as_str());
        }
        buf.extend_from_slice(b"],\"area\":");
        push_opt(buf, r.area);
        buf.extend_from_slice(b",\"text\":");
        push_str(buf, &r.text);

        buf.extend_from_slice(b",\"persons\":[");
        for (i, p) in r.persons.iter().enumerate() {
            if i > 0 {
                buf.push(b',');
            }
            buf.extend_from_slice(b"{\"id\":\"");
            Local::Person(i as u8).write_id(buf);
            buf.extend_from_slice(b"\",\"name\":");
            push_opt(buf, p.name.as_deref());
            buf.extend_from_slice(b",\"dob\":");
            push_opt(buf, p.dob.as_deref());
            buf.extend_from_slice(b",\"age_estimate\":");
            match p.age_estimate {
                Some(a) => push_u64(buf, u64::from(a)),
                None => buf.extend_from_slice(b"null"),
            }
            buf.extend_from_slice(b",\"gender\":");
            push_opt(buf, p.gender);
            buf.extend_from_slice(b",\"nationality\":");
            push_opt(buf, p.nationality);
            buf.extend_from_slice(b",\"role\":");
            push_str(buf, p.role.as_str());
            buf.push(b'}');
        }
        buf.extend_from_slice(b"],\"locations\":[");
        for (i, l) in r.locations.iter().enumerate() {
            if i > 0 {
                buf.push(b',');
            }
            buf.extend_from_slice(b"{\"id\":\"");
            Local::Location(i as u8).write_id(buf);
            buf.extend_from_slice(b"\",\"address\":");
            push_opt(buf, l.address.as_deref());
            buf.extend_from_slice(b",\"postcode\":");
            push_opt(buf, l.postcode.as_deref());
            match l.lat_lon {
                Some((lat, lon)) => {
                    let mut s = String::with_capacity(40);
                    let _ = write!(s, ",\"lat\":{lat:.5},\"lon\":{lon:.5}");
                    buf.extend_from_slice(s.as_bytes());
                }
                None => buf.extend_from_slice(b",\"lat\":null,\"lon\":null"),
            }
            buf.extend_from_slice(b",\"type\":");
            push_str(buf, l.kind.as_str());
            buf.push(b'}');
        }
        buf.extend_from_slice(b"],\"phones\":[");
        for (i, p) in r.phones.iter().enumerate() {
            if i > 0 {
                buf.push(b',');
            }
            buf.extend_from_slice(b"{\"id\":\"");
            Local::Phone(i as u8).write_id(buf);
            buf.extend_from_slice(b"\",\"number\":");
            push_str(buf, p);
            buf.push(b'}');
        }
        buf.extend_from_slice(b"],\"vehicles\":[");
        for (i, v) in r.vehicles.iter().enumerate() {
            if i > 0 {
                buf.push(b',');
            }
            buf.extend_from_slice(b"{\"id\":\"");
            Local::Vehicle(i as u8).write_id(buf);
            buf.extend_from_slice(b"\",\"vrm\":");
            push_opt(buf, v.vrm.as_deref());
            buf.extend_from_slice(b",\"make\":");
            push_opt(buf, v.make);
            buf.extend_from_slice(b",\"model\":");
            push_opt(buf, v.model);
            buf.extend_from_slice(b",\"colour\":");
            push_opt(buf, v.colour.as_deref());
            buf.push(b'}');
        }
        buf.extend_from_slice(b"],\"links\":[");
        for (i, (from, to, t)) in r.links.iter().enumerate() {
            if i > 0 {
                buf.push(b',');
            }
            buf.extend_from_slice(b"{\"from\":\"");
            from.write_id(buf);
            buf.extend_from_slice(b"\",\"to\":\"");
            to.write_id(buf);
            buf.extend_from_slice(b"\",\"type\":");
            push_str(buf, t.as_str());
            buf.push(b'}');
        }
        buf.extend_from_slice(b"]}\n");
        self.out.line_ends.push(buf.len() as u32);

        for (i, person) in r.truth.iter().enumerate() {
            self.out.mentions.push((*person, local, i as u8));
        }
        for (indicator, half, start, end) in &r.hits {
            self.out.indicators.push(IndicatorHit {
                report: local,
                indicator: *indicator,
                half: *half,
                start: *start,
                end: *end,
            });
        }
        self.out.reports.push(ReportMeta {
            serial: r.serial,
            year: r.year,
            group: r.group,
        });
        self.out.by_source[source_slot(r.source)] += 1;
    }
}

fn pronoun_of(sex: Sex) -> Pronoun {
    match sex {
        Sex::Male => Pronoun::He,
        Sex::Female => Pronoun::She,
    }
}

/// Appends `s` as a JSON string.
pub fn push_str(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..=0x1f => b"",
            _ => continue,
        };
        buf.extend_from_slice(&bytes[start..i]);
        if escape.is_empty() {
            let hex = b"0123456789abcdef";
            buf.extend_from_slice(b"\\u00");
            buf.push(hex[(b >> 4) as usize]);
            buf.push(hex[(b & 0xf) as usize]);
        } else {
            buf.extend_from_slice(escape);
        }
        start = i + 1;
    }
    buf.extend_from_slice(&bytes[start..]);
    buf.push(b'"');
}

fn push_opt(buf: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => push_str(buf, s),
        None => buf.extend_from_slice(b"null"),
    }
}

fn push_u64(buf: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_as_json_does() {
        for s in [
            "plain",
            "quote \" and \\ slash",
            "line\nbreak\ttab",
            "ctrl \u{1} x",
            "£ é 😀",
        ] {
            let mut buf = Vec::new();
            push_str(&mut buf, s);
            let back: String = serde_json::from_slice(&buf).unwrap();
            assert_eq!(back, s);
        }
    }

    #[test]
    fn numbers_write_in_decimal() {
        for n in [0u64, 7, 10, 12345, u64::MAX] {
            let mut buf = Vec::new();
            push_u64(&mut buf, n);
            assert_eq!(String::from_utf8(buf).unwrap(), n.to_string());
        }
    }

    #[test]
    fn refs_are_unique_and_fixed_width() {
        let scheme = RefScheme::for_chunks(40, 9);
        let mut seen = std::collections::HashSet::new();
        for chunk in 0..40 {
            for local in (0..CHUNK_CAPACITY as u32).step_by(97) {
                assert!(seen.insert(scheme.serial(chunk, local)));
            }
        }
        let mut s = String::new();
        scheme.write_ref(&mut s, 2025, 42);
        assert_eq!(s, "FEN-IR-2025-00000042");
        assert!(RefScheme::for_chunks(5_000, 1).digits > 8);
    }
}
