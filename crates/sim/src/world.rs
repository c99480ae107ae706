//! The simulated world before anything is written about it: people in households, their
//! phones and vehicles, businesses, and the groups — county lines, labour and sexual
//! exploitation networks, drugs supply and fraud groups — with their members, victims,
//! premises and the harm they do.
//!
//! The world is built once, in one thread, from the seed; rendering it into reports (the
//! `render` module) then only reads it, so chunks of it can be rendered in parallel.

use crate::Config;
use crate::SimError;
use crate::geo::{Addr, BusinessKind, Geo, HUBS, TOWNS, force_towns};
use crate::names::{
    self, BACKGROUND_MIX, DRUGS_MIX, MIGRANT_WORKER_MIX, ORIGINS, SEX_EXPLOITATION_MIX,
};
use crate::util::{self, Rng, between, chance, pick, skewed, weighted};
use model::CrimeType;
use rand::Rng as _;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use time::{Date, Duration, Month};

pub const NONE: u32 = u32::MAX;
const NONE16: u16 = u16::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

/// The kind of exploitation a victim suffers: the categories a vulnerability flag carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    ChildCriminalExploitation,
    Cuckooing,
    LabourExploitation,
    SexualExploitation,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::ChildCriminalExploitation => "child_criminal_exploitation",
            Category::Cuckooing => "cuckooing",
            Category::LabourExploitation => "labour_exploitation",
            Category::SexualExploitation => "sexual_exploitation",
        }
    }
}

/// People whose records resemble exploitation and who must not be flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lookalike {
    /// A member of a large, crowded family household.
    LargeFamily,
    /// A lawfully employed seasonal worker with their own documents and a licensed employer.
    SeasonalWorker,
    /// A teenager cautioned for a minor offence.
    CautionedTeen,
    /// An older person living alone who reports scam calls.
    ElderlyScam,
}

impl Lookalike {
    pub const ALL: [Lookalike; 4] = [
        Lookalike::LargeFamily,
        Lookalike::SeasonalWorker,
        Lookalike::CautionedTeen,
        Lookalike::ElderlyScam,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Lookalike::LargeFamily => "large_family",
            Lookalike::SeasonalWorker => "seasonal_worker",
            Lookalike::CautionedTeen => "cautioned_teen",
            Lookalike::ElderlyScam => "elderly_scam",
        }
    }
}

/// A person's part in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Controller,
    LineHolder,
    Runner,
    Victim,
    Member,
    Associate,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Controller => "controller",
            Role::LineHolder => "line_holder",
            Role::Runner => "runner",
            Role::Victim => "victim",
            Role::Member => "member",
            Role::Associate => "associate",
        }
    }
}

/// Where someone lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Home {
    /// A dwelling, by index into `World::addrs`.
    Dwelling(u32),
    /// A caravan or cabin on a business's site (seasonal workers' accommodation).
    Site { business: u32, unit: u8 },
}

/// A phone number from the ranges Ofcom keeps for drama and fiction: mobiles 07700 900000 to
/// 07700 999999 and landlines 01632 960000 to 960999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Phone(pub u32);

const MOBILES: u32 = 100_000;
const LANDLINES: u32 = 1_000;

impl Phone {
    pub fn is_mobile(self) -> bool {
        self.0 < MOBILES
    }

    /// National digits without the trunk zero: `7700900123`, `1632960123`.
    pub fn national(self) -> String {
        if self.is_mobile() {
            format!("77009{:05}", self.0)
        } else {
            format!("1632960{:03}", (self.0 - MOBILES) % LANDLINES)
        }
    }

    /// `+447700900123`.
    pub fn e164(self) -> String {
        format!("+44{}", self.national())
    }
}

/// Hands out drama-range numbers without repeats until the ranges run out, then reuses them
/// (counted, so the summary can say so).
#[derive(Debug)]
pub struct PhoneBook {
    mobiles: Vec<u32>,
    landlines: Vec<u32>,
    next_mobile: usize,
    next_landline: usize,
    pub reused: u32,
}

impl PhoneBook {
    fn new(rng: &mut Rng) -> PhoneBook {
        let mut mobiles: Vec<u32> = (0..MOBILES).collect();
        util::shuffle(rng, &mut mobiles);
        let mut landlines: Vec<u32> = (MOBILES..MOBILES + LANDLINES).collect();
        util::shuffle(rng, &mut landlines);
        PhoneBook {
            mobiles,
            landlines,
            next_mobile: 0,
            next_landline: 0,
            reused: 0,
        }
    }

    pub fn mobile(&mut self) -> Phone {
        let i = self.next_mobile % self.mobiles.len();
        if self.next_mobile >= self.mobiles.len() {
            self.reused += 1;
        }
        self.next_mobile += 1;
        Phone(self.mobiles[i])
    }

    pub fn landline(&mut self) -> Phone {
        let i = self.next_landline % self.landlines.len();
        if self.next_landline >= self.landlines.len() {
            self.reused += 1;
        }
        self.next_landline += 1;
        Phone(self.landlines[i])
    }

    /// How many more mobiles can be handed out before numbers repeat.
    pub fn mobiles_left(&self) -> usize {
        self.mobiles.len().saturating_sub(self.next_mobile)
    }
}

/// Makes and models, with the kind of vehicle.
pub const MODELS: &[(&str, &str, VehicleKind)] = &[
    ("Ford", "Focus", VehicleKind::Car),
    ("Ford", "Fiesta", VehicleKind::Car),
    ("Vauxhall", "Corsa", VehicleKind::Car),
    ("Vauxhall", "Astra", VehicleKind::Car),
    ("Volkswagen", "Golf", VehicleKind::Car),
    ("Volkswagen", "Polo", VehicleKind::Car),
    ("Toyota", "Yaris", VehicleKind::Car),
    ("Toyota", "Prius", VehicleKind::Car),
    ("BMW", "1 Series", VehicleKind::Car),
    ("BMW", "3 Series", VehicleKind::Car),
    ("Audi", "A3", VehicleKind::Car),
    ("Mercedes-Benz", "C Class", VehicleKind::Car),
    ("Nissan", "Qashqai", VehicleKind::Car),
    ("Peugeot", "208", VehicleKind::Car),
    ("Kia", "Sportage", VehicleKind::Car),
    ("Renault", "Clio", VehicleKind::Car),
    ("Honda", "Civic", VehicleKind::Car),
    ("Seat", "Leon", VehicleKind::Car),
    ("Skoda", "Octavia", VehicleKind::Car),
    ("Hyundai", "i30", VehicleKind::Car),
    ("Mini", "Cooper", VehicleKind::Car),
    ("Land Rover", "Range Rover Evoque", VehicleKind::Car),
    ("Ford", "Transit", VehicleKind::Van),
    ("Mercedes-Benz", "Sprinter", VehicleKind::Van),
    ("Volkswagen", "Transporter", VehicleKind::Van),
    ("Renault", "Trafic", VehicleKind::Van),
    ("Vauxhall", "Vivaro", VehicleKind::Van),
    ("Citroen", "Relay", VehicleKind::Van),
    ("Ford", "Transit Minibus", VehicleKind::Minibus),
    ("Mercedes-Benz", "Sprinter Minibus", VehicleKind::Minibus),
];

pub const COLOURS: &[&str] = &[
    "silver",
    "black",
    "white",
    "grey",
    "blue",
    "red",
    "dark blue",
    "green",
    "yellow",
    "orange",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VehicleKind {
    Car,
    Van,
    Minibus,
}

/// A vehicle and its registration mark.
#[derive(Debug, Clone, Copy)]
pub struct Vehicle {
    /// The mark without spaces, ASCII upper case.
    pub vrm: [u8; 7],
    pub len: u8,
    pub model: u8,
    pub colour: u8,
}

impl Vehicle {
    pub fn vrm(&self) -> &str {
        std::str::from_utf8(&self.vrm[..self.len as usize]).unwrap_or("")
    }

    pub fn make(&self) -> &'static str {
        MODELS[self.model as usize].0
    }

    pub fn model_name(&self) -> &'static str {
        MODELS[self.model as usize].1
    }

    pub fn kind(&self) -> VehicleKind {
        MODELS[self.model as usize].2
    }

    pub fn colour(&self) -> &'static str {
        COLOURS[self.colour as usize]
    }
}

/// One simulated person.
#[derive(Debug, Clone, Copy)]
pub struct Person {
    /// The pool of the forenames.
    pub origin: u8,
    /// The pool of the surname (a partner or child may take a surname from another pool).
    pub surname_origin: u8,
    pub sex: Sex,
    pub forename: u16,
    pub middle: u16,
    pub surname: u16,
    pub dob: Date,
    pub home: Home,
    pub phone: Option<Phone>,
    pub vehicle: u32,
    /// Index into [`names::STREET_ALIASES`] or [`names::WORKING_NAMES`], or none.
    pub alias: u16,
    pub group: u32,
    pub role: Option<Role>,
    pub victim: Option<Category>,
    pub lookalike: Option<Lookalike>,
    /// How many ordinary-life reports beyond the first this person draws.
    pub extra_contacts: u8,
}

impl Person {
    fn female(&self) -> bool {
        self.sex == Sex::Female
    }

    pub fn forename(&self) -> &'static str {
        names::given_name(self.origin, self.female(), self.forename)
    }

    pub fn middle(&self) -> Option<&'static str> {
        (self.middle != NONE16).then(|| names::given_name(self.origin, self.female(), self.middle))
    }

    /// The surname as the person bears it (`Kowalska` for a Kowalski woman).
    pub fn surname(&self) -> String {
        names::surname_as_borne(
            self.surname_origin,
            self.surname,
            self.female(),
            self.dob.year(),
        )
    }

    pub fn family_name_first(&self) -> bool {
        ORIGINS[self.surname_origin as usize].style == names::SurnameStyle::Vietnamese
    }

    /// The street name or working name the person is known by, if any.
    pub fn alias(&self) -> Option<&'static str> {
        if self.alias == NONE16 {
            return None;
        }
        let pool = if self.victim == Some(Category::SexualExploitation) {
            names::WORKING_NAMES
        } else {
            names::STREET_ALIASES
        };
        Some(pool[self.alias as usize % pool.len()])
    }

    /// Whole years of age on `at`.
    pub fn age_at(&self, at: Date) -> u32 {
        let mut age = at.year() - self.dob.year();
        if (u8::from(at.month()), at.day()) < (u8::from(self.dob.month()), self.dob.day()) {
            age -= 1;
        }
        age.max(0) as u32
    }

    /// The canonical name, as the truth file records it: `Jon SMITH`.
    pub fn display_name(&self) -> String {
        names::display_name(self.forename(), self.middle(), &self.surname())
    }
}

/// People living together at one place.
#[derive(Debug, Clone)]
pub struct Household {
    pub home: Home,
    pub first: u32,
    pub count: u16,
    pub kind: HouseholdKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HouseholdKind {
    Ordinary,
    /// One older person living alone.
    ElderlyAlone,
    LargeFamily,
    /// Seasonal workers housed on a farm.
    SeasonalWorkers,
}

/// The kind of group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GroupKind {
    CountyLine,
    LabourNetwork,
    SexualNetwork,
    DrugsSupply,
    Fraud,
}

impl GroupKind {
    /// The exchange format's group kind.
    pub fn exchange_kind(self) -> &'static str {
        match self {
            GroupKind::CountyLine => "county_line",
            GroupKind::LabourNetwork | GroupKind::SexualNetwork => "exploitation_network",
            GroupKind::DrugsSupply | GroupKind::Fraud => "ocg",
        }
    }
}

/// A group and everything that belongs to it.
#[derive(Debug, Clone)]
pub struct Group {
    pub id: u32,
    pub kind: GroupKind,
    pub label: String,
    pub brand: Option<String>,
    pub members: Vec<(u32, Role)>,
    /// County lines' deal lines, in the order they were used.
    pub deal_lines: Vec<Phone>,
    /// Phones the group shares: advert phones, scam call phones.
    pub shared_phones: Vec<Phone>,
    /// Trap houses, overcrowded houses, short-let flats, stash houses.
    pub premises: Vec<u32>,
    pub workplaces: Vec<u32>,
    pub vehicles: Vec<u32>,
    /// Where the group sells or works.
    pub market: u8,
    /// Where it is run from.
    pub hub: u8,
    /// People who are not members but appear in its reports: runners' parents (with the
    /// runner they belong to), fraud victims (with `NONE`).
    pub attached: Vec<(u32, u32)>,
    /// Reports planned about the group.
    pub reports: u32,
    pub violent_incidents: u32,
    pub knife: bool,
    pub firearm: bool,
    pub harm: f64,
    pub harm_reasons: Vec<String>,
    pub crime_types: Vec<CrimeType>,
}

impl Group {
    pub fn with_role(&self, role: Role) -> impl Iterator<Item = u32> + '_ {
        self.members
            .iter()
            .filter(move |(_, r)| *r == role)
            .map(|(p, _)| *p)
    }

    pub fn first_with_role(&self, role: Role) -> Option<u32> {
        self.with_role(role).next()
    }
}

/// A slice of the world rendered as one unit: whole households and whole groups.
#[derive(Debug, Clone)]
pub struct Chunk {
    pub households: std::ops::Range<u32>,
    pub groups: Vec<u32>,
}

/// The whole world.
#[derive(Debug)]
pub struct World {
    pub config: Config,
    /// First day of the reporting period.
    pub start: Date,
    pub days: u16,
    pub geo: Geo,
    pub addrs: Vec<Addr>,
    pub persons: Vec<Person>,
    pub households: Vec<Household>,
    pub vehicles: Vec<Vehicle>,
    pub groups: Vec<Group>,
    pub chunks: Vec<Chunk>,
    pub phones: PhoneBook,
    /// Shops, schools and hospitals of each town.
    pub shops: Vec<Vec<u32>>,
    pub schools: Vec<Vec<u32>>,
    pub hospitals: Vec<u32>,
    /// Landlines of businesses, by business index.
    pub business_phones: Vec<Option<Phone>>,
}

/// People per chunk of rendering work.
const CHUNK_PEOPLE: u32 = 2_500;

/// The default number of groups for a population: one per 1,500 people, at least five (one
/// of each kind).
pub fn default_groups(people: u32) -> u32 {
    (people / 1_500).max(5)
}

struct PersonSpec {
    origin: u8,
    surname: Option<(u8, u16)>,
    sex: Sex,
    age: (u32, u32),
    home: Home,
}

impl World {
    /// Builds the world for `config`.
    pub fn build(config: &Config) -> Result<World, SimError> {
        let mut rng = util::stream(config.seed, 1, 0);
        let start = Date::from_calendar_date(2025, Month::April, 1)
            .map_err(|e| SimError::Config(e.to_string()))?;
        let mut w = World {
            config: config.clone(),
            start,
            days: 365,
            geo: Geo::new(),
            addrs: Vec::new(),
            persons: Vec::with_capacity(config.people as usize),
            households: Vec::new(),
            vehicles: Vec::new(),
            groups: Vec::new(),
            chunks: Vec::new(),
            phones: PhoneBook::new(&mut rng),
            shops: vec![Vec::new(); TOWNS.len()],
            schools: vec![Vec::new(); TOWNS.len()],
            hospitals: Vec::new(),
            business_phones: Vec::new(),
        };
        let group_count = config
            .groups
            .unwrap_or_else(|| default_groups(config.people));
        let mut vrms: HashSet<[u8; 7]> = HashSet::new();

        // Streets first, enough for the population, so that premises placed at random are
        // spread over the whole area.
        let households_estimate = f64::from(config.people) / 2.3;
        for town in force_towns() {
            let share = f64::from(TOWNS[town as usize].weight) / 1000.0;
            let streets = (households_estimate * share / 55.0).ceil() as usize + 4;
            for _ in 0..streets {
                w.geo.new_street(&mut rng, town);
            }
        }
        for town in force_towns() {
            let t = town as usize;
            let shops = 3 + config.people as usize / 4_000;
            for _ in 0..shops {
                let b = w
                    .geo
                    .new_business(&mut rng, town, BusinessKind::Shop, false);
                w.shops[t].push(b);
            }
            for _ in 0..(1 + config.people as usize / 25_000) {
                let b = w
                    .geo
                    .new_business(&mut rng, town, BusinessKind::School, false);
                w.schools[t].push(b);
            }
            if TOWNS[t].weight >= 100 {
                let b = w
                    .geo
                    .new_business(&mut rng, town, BusinessKind::Hospital, false);
                w.hospitals.push(b);
            }
        }

        for id in 0..group_count {
            let kind = match id {
                0 => GroupKind::CountyLine,
                1 => GroupKind::LabourNetwork,
                2 => GroupKind::SexualNetwork,
                3 => GroupKind::DrugsSupply,
                4 => GroupKind::Fraud,
                _ => [
                    GroupKind::CountyLine,
                    GroupKind::LabourNetwork,
                    GroupKind::SexualNetwork,
                    GroupKind::DrugsSupply,
                    GroupKind::Fraud,
                ][weighted(&mut rng, &[35, 15, 15, 20, 15])],
            };
            let group = w.build_group(&mut rng, &mut vrms, id, kind);
            w.groups.push(group);
        }
        let group_people = w.persons.len() as u32;
        if group_people + 50 > config.people {
            return Err(SimError::Config(format!(
                "{} people are too few for {group_count} groups (their members alone are {group_people}); \
                 use more people or fewer groups",
                config.people
            )));
        }
        let group_households = w.households.len() as u32;

        // The background population, household by household, in towns by their weights.
        let town_ids: Vec<u8> = force_towns().collect();
        let town_weights: Vec<u32> = town_ids.iter().map(|t| TOWNS[*t as usize].weight).collect();
        let seasonal_target = config.people / 100;
        let mut seasonal = 0;
        while (w.persons.len() as u32) < config.people {
            let left = config.people - w.persons.len() as u32;
            let town = town_ids[weighted(&mut rng, &town_weights)];
            let roll: f64 = rng.random();
            if seasonal < seasonal_target && roll < 0.004 && left >= 6 {
                seasonal += w.seasonal_crew(&mut rng, &mut vrms, town, left);
            } else if roll < 0.010 && left >= 8 {
                w.large_family(&mut rng, &mut vrms, town, left);
            } else if roll < 0.10 {
                w.elderly_alone(&mut rng, town);
            } else {
                w.ordinary_household(&mut rng, &mut vrms, town, left);
            }
        }

        // Chunks: runs of whole households; the groups' own households render with their
        // group.
        let mut chunks: Vec<Chunk> = Vec::new();
        let mut first = group_households;
        let mut people = 0;
        for h in group_households..w.households.len() as u32 {
            people += u32::from(w.households[h as usize].count);
            if people >= CHUNK_PEOPLE {
                chunks.push(Chunk {
                    households: first..h + 1,
                    groups: Vec::new(),
                });
                first = h + 1;
                people = 0;
            }
        }
        if first < w.households.len() as u32 || chunks.is_empty() {
            chunks.push(Chunk {
                households: first..w.households.len() as u32,
                groups: Vec::new(),
            });
        }
        let n = chunks.len() as u32;
        for g in 0..group_count {
            chunks[((u64::from(g) * u64::from(n)) / u64::from(group_count.max(1))) as usize]
                .groups
                .push(g);
        }
        w.chunks = chunks;
        w.business_phones = (0..w.geo.businesses.len())
            .map(|_| chance(&mut rng, 0.7).then(|| w.phones.landline()))
            .collect();
        Ok(w)
    }

    /// The date `day` days into the period.
    pub fn date(&self, day: u16) -> Date {
        self.start + Duration::days(i64::from(day))
    }

    /// The middle of the reporting period: ages in the truth file are taken then.
    pub fn midpoint(&self) -> Date {
        self.date(self.days / 2)
    }

    pub fn person(&self, id: u32) -> &Person {
        &self.persons[id as usize]
    }

    pub fn town_of_home(&self, home: Home) -> u8 {
        match home {
            Home::Dwelling(a) => self.geo.town_of(&self.addrs[a as usize]),
            Home::Site { business, .. } => self.geo.businesses[business as usize].town,
        }
    }

    fn dwelling(&mut self, addr: Addr) -> Home {
        self.addrs.push(addr);
        Home::Dwelling(self.addrs.len() as u32 - 1)
    }

    fn random_home(&mut self, rng: &mut Rng, town: u8, flat: bool) -> Home {
        let addr = self.geo.random_dwelling(rng, town, flat);
        self.dwelling(addr)
    }

    fn new_person(&mut self, rng: &mut Rng, spec: PersonSpec) -> u32 {
        let age = between(rng, spec.age.0, spec.age.1);
        let mid = self.midpoint();
        let dob =
            mid - Duration::days(i64::from(age) * 365 + i64::from(rng.random_range(0..365u32)));
        let family = spec
            .surname
            .unwrap_or_else(|| names::sample_surname(rng, spec.origin));
        let female = spec.sex == Sex::Female;
        let mut given = names::sample_given(rng, spec.origin, family, female, dob.year());
        // Parents do not give two of their children the same forename: draw again while
        // someone of the same sex in the household already has it. Households are built
        // person after person, so the household is among the last few people made.
        for _ in 0..8 {
            let taken = self.persons.iter().rev().take(16).any(|p| {
                p.home == spec.home
                    && p.sex == spec.sex
                    && p.origin == spec.origin
                    && p.forename == given.forename
            });
            if !taken {
                break;
            }
            given = names::sample_given(rng, spec.origin, family, female, dob.year());
        }
        let (surname_origin, surname) = match given.own_surname {
            Some(own) => (spec.origin, own),
            None => family,
        };
        let (forename, middle) = (given.forename, given.middle.unwrap_or(NONE16));
        self.persons.push(Person {
            origin: spec.origin,
            surname_origin,
            sex: spec.sex,
            forename,
            middle,
            surname,
            dob,
            home: spec.home,
            phone: None,
            vehicle: NONE,
            alias: NONE16,
            group: NONE,
            role: None,
            victim: None,
            lookalike: None,
            extra_contacts: 0,
        });
        self.persons.len() as u32 - 1
    }

    fn new_vehicle(
        &mut self,
        rng: &mut Rng,
        vrms: &mut HashSet<[u8; 7]>,
        kind: VehicleKind,
    ) -> u32 {
        let candidates: Vec<usize> = MODELS
            .iter()
            .enumerate()
            .filter(|(_, m)| m.2 == kind)
            .map(|(i, _)| i)
            .collect();
        let model = *pick(rng, &candidates) as u8;
        let colour = if kind == VehicleKind::Car {
            skewed(rng, COLOURS.len()) as u8
        } else {
            *pick(rng, &[2u8, 2, 2, 0, 3]) // vans are mostly white
        };
        loop {
            let (vrm, len) = random_vrm(rng);
            if vrms.insert(vrm) {
                self.vehicles.push(Vehicle {
                    vrm,
                    len,
                    model,
                    colour,
                });
                return self.vehicles.len() as u32 - 1;
            }
        }
    }

    /// Gives adults phones and cars as ordinary people have them: fewer phones as the world
    /// grows, so that the fiction ranges are not exhausted.
    fn equip_background(&mut self, rng: &mut Rng, vrms: &mut HashSet<[u8; 7]>, person: u32) {
        let mid = self.midpoint();
        let age = self.persons[person as usize].age_at(mid);
        let capacity = self.phones.mobiles_left() as f64;
        let p_phone = (0.8 * capacity / f64::from(self.config.people.max(1))).min(0.35);
        if age >= 14 && chance(rng, p_phone) {
            let phone = if age > 70 && chance(rng, 0.3) {
                self.phones.landline()
            } else {
                self.phones.mobile()
            };
            self.persons[person as usize].phone = Some(phone);
        }
        if (18..85).contains(&age) && chance(rng, 0.3) {
            let v = self.new_vehicle(rng, vrms, VehicleKind::Car);
            self.persons[person as usize].vehicle = v;
        }
        if (18..70).contains(&age) && chance(rng, 0.06) {
            self.persons[person as usize].extra_contacts = between(rng, 2, 6) as u8;
        } else if chance(rng, 0.2) {
            self.persons[person as usize].extra_contacts = 1;
        }
    }

    fn push_household(&mut self, home: Home, first: u32, kind: HouseholdKind) {
        let count = (self.persons.len() as u32 - first) as u16;
        self.households.push(Household {
            home,
            first,
            count,
            kind,
        });
    }

    fn ordinary_household(
        &mut self,
        rng: &mut Rng,
        vrms: &mut HashSet<[u8; 7]>,
        town: u8,
        left: u32,
    ) {
        let size = (weighted(rng, &[30, 33, 16, 13, 5, 3]) as u32 + 1).min(left);
        let addr = self.geo.next_dwelling(rng, town);
        let home = self.dwelling(addr);
        let origin = weighted(rng, &BACKGROUND_MIX) as u8;
        let first = self.persons.len() as u32;
        let surname = names::sample_surname(rng, origin);
        let lead_age = (between(rng, 19, 88), 0);
        let lead_sex = if chance(rng, 0.5) {
            Sex::Male
        } else {
            Sex::Female
        };
        let spec = PersonSpec {
            origin,
            surname: Some(surname),
            sex: lead_sex,
            age: (lead_age.0, lead_age.0),
            home,
        };
        let lead = self.new_person(rng, spec);
        self.equip_background(rng, vrms, lead);
        let mut adults = 1;
        if size >= 2 && chance(rng, 0.7) {
            let partner_origin = if chance(rng, 0.85) {
                origin
            } else {
                weighted(rng, &BACKGROUND_MIX) as u8
            };
            let age = (lead_age.0 as i64 + rng.random_range(-6..=6)).clamp(18, 95) as u32;
            let spec = PersonSpec {
                origin: partner_origin,
                surname: if chance(rng, 0.7) {
                    Some(surname)
                } else {
                    None
                },
                sex: if chance(rng, 0.93) {
                    other(lead_sex)
                } else {
                    lead_sex
                },
                age: (age, age),
                home,
            };
            let p = self.new_person(rng, spec);
            self.equip_background(rng, vrms, p);
            adults += 1;
        }
        // Children are born to parents aged 18 to 45; an older couple may have a grown-up
        // child at home. Children known to police are mostly teenagers.
        let lead = lead_age.0;
        let (lo, hi) = if lead <= 62 {
            (
                lead.saturating_sub(45).max(1),
                lead.saturating_sub(18).clamp(1, 30),
            )
        } else {
            (lead - 42, lead - 22)
        };
        let children = if lead <= 62 {
            size - adults
        } else {
            (size - adults).min(1)
        };
        for _ in 0..children {
            let age = if chance(rng, 0.6) && lo <= 19 && hi >= 12 {
                between(rng, lo.max(12), hi.min(19))
            } else {
                between(rng, lo, hi)
            };
            let spec = PersonSpec {
                origin,
                surname: Some(surname),
                sex: if chance(rng, 0.5) {
                    Sex::Male
                } else {
                    Sex::Female
                },
                age: (age, age),
                home,
            };
            let c = self.new_person(rng, spec);
            self.equip_background(rng, vrms, c);
            if (13..=17).contains(&age) && chance(rng, 0.15) {
                self.persons[c as usize].lookalike = Some(Lookalike::CautionedTeen);
            }
        }
        self.push_household(home, first, HouseholdKind::Ordinary);
    }

    fn elderly_alone(&mut self, rng: &mut Rng, town: u8) {
        let addr = self.geo.next_dwelling(rng, town);
        let home = self.dwelling(addr);
        let first = self.persons.len() as u32;
        let origin = weighted(rng, &BACKGROUND_MIX) as u8;
        let spec = PersonSpec {
            origin,
            surname: None,
            sex: if chance(rng, 0.65) {
                Sex::Female
            } else {
                Sex::Male
            },
            age: (72, 95),
            home,
        };
        let p = self.new_person(rng, spec);
        if chance(rng, 0.5) {
            self.persons[p as usize].lookalike = Some(Lookalike::ElderlyScam);
            // Scam calls come to the landline.
            let phone = self.phones.landline();
            self.persons[p as usize].phone = Some(phone);
        }
        self.push_household(home, first, HouseholdKind::ElderlyAlone);
    }

    fn large_family(&mut self, rng: &mut Rng, vrms: &mut HashSet<[u8; 7]>, town: u8, left: u32) {
        let size = between(rng, 8, 12).min(left);
        // A whole house, not a flat.
        let addr = self.geo.random_dwelling(rng, town, false);
        let home = self.dwelling(addr);
        let origin = weighted(rng, &BACKGROUND_MIX) as u8;
        let surname = names::sample_surname(rng, origin);
        let first = self.persons.len() as u32;
        let ages: [(u32, u32, Sex); 4] = [
            (62, 80, Sex::Male),
            (60, 78, Sex::Female),
            (34, 48, Sex::Male),
            (32, 46, Sex::Female),
        ];
        for (i, (lo, hi, sex)) in ages.iter().enumerate() {
            let spec = PersonSpec {
                origin,
                surname: if i == 3 && chance(rng, 0.3) {
                    None
                } else {
                    Some(surname)
                },
                sex: *sex,
                age: (*lo, *hi),
                home,
            };
            let p = self.new_person(rng, spec);
            self.equip_background(rng, vrms, p);
        }
        for _ in 4..size {
            let spec = PersonSpec {
                origin,
                surname: Some(surname),
                sex: if chance(rng, 0.5) {
                    Sex::Male
                } else {
                    Sex::Female
                },
                age: (1, 20),
                home,
            };
            let c = self.new_person(rng, spec);
            self.equip_background(rng, vrms, c);
        }
        for p in first..self.persons.len() as u32 {
            self.persons[p as usize].lookalike = Some(Lookalike::LargeFamily);
        }
        self.push_household(home, first, HouseholdKind::LargeFamily);
    }

    /// A crew of seasonal workers housed on a licensed farm. Returns how many people it added.
    fn seasonal_crew(
        &mut self,
        rng: &mut Rng,
        vrms: &mut HashSet<[u8; 7]>,
        town: u8,
        left: u32,
    ) -> u32 {
        let farm = self.geo.new_business(rng, town, BusinessKind::Farm, true);
        let size = between(rng, 6, 16).min(left);
        let first = self.persons.len() as u32;
        for unit in 0..size {
            let origin = weighted(rng, &MIGRANT_WORKER_MIX) as u8;
            let spec = PersonSpec {
                origin,
                surname: None,
                sex: if chance(rng, 0.7) {
                    Sex::Male
                } else {
                    Sex::Female
                },
                age: (19, 52),
                home: Home::Site {
                    business: farm,
                    unit: (unit / 3 + 1) as u8,
                },
            };
            let p = self.new_person(rng, spec);
            let person = &mut self.persons[p as usize];
            person.lookalike = Some(Lookalike::SeasonalWorker);
            if chance(rng, 0.6) {
                let phone = self.phones.mobile();
                self.persons[p as usize].phone = Some(phone);
            }
        }
        // The farm's own minibus, driven by one of the crew.
        let bus = self.new_vehicle(rng, vrms, VehicleKind::Minibus);
        self.persons[first as usize].vehicle = bus;
        self.push_household(
            Home::Site {
                business: farm,
                unit: 1,
            },
            first,
            HouseholdKind::SeasonalWorkers,
        );
        size
    }

    fn market_town(&self, rng: &mut Rng) -> u8 {
        let ids: Vec<u8> = force_towns().collect();
        let weights: Vec<u32> = ids.iter().map(|t| TOWNS[*t as usize].weight).collect();
        ids[weighted(rng, &weights)]
    }

    fn member(&mut self, group: u32, person: u32, role: Role, members: &mut Vec<(u32, Role)>) {
        let p = &mut self.persons[person as usize];
        p.group = group;
        p.role = Some(role);
        members.push((person, role));
    }

    fn build_group(
        &mut self,
        rng: &mut Rng,
        vrms: &mut HashSet<[u8; 7]>,
        id: u32,
        kind: GroupKind,
    ) -> Group {
        let market = self.market_town(rng);
        let hub = *pick(rng, HUBS);
        let mut g = Group {
            id,
            kind,
            label: String::new(),
            brand: None,
            members: Vec::new(),
            deal_lines: Vec::new(),
            shared_phones: Vec::new(),
            premises: Vec::new(),
            workplaces: Vec::new(),
            vehicles: Vec::new(),
            market,
            hub,
            attached: Vec::new(),
            reports: 0,
            violent_incidents: 0,
            knife: false,
            firearm: false,
            harm: 0.0,
            harm_reasons: Vec::new(),
            crime_types: Vec::new(),
        };
        match kind {
            GroupKind::CountyLine => self.county_line(rng, vrms, &mut g),
            GroupKind::LabourNetwork => self.labour_network(rng, vrms, &mut g),
            GroupKind::SexualNetwork => self.sexual_network(rng, vrms, &mut g),
            GroupKind::DrugsSupply => self.drugs_supply(rng, vrms, &mut g),
            GroupKind::Fraud => self.fraud(rng, vrms, &mut g),
        }
        self.assess_harm(rng, &mut g);
        g
    }

    fn adult(
        &mut self,
        rng: &mut Rng,
        mix: &[u32],
        sex_male: f64,
        age: (u32, u32),
        home: Home,
    ) -> u32 {
        let origin = weighted(rng, mix) as u8;
        let sex = if chance(rng, sex_male) {
            Sex::Male
        } else {
            Sex::Female
        };
        let spec = PersonSpec {
            origin,
            surname: None,
            sex,
            age,
            home,
        };
        self.new_person(rng, spec)
    }

    fn give_phone(&mut self, person: u32) {
        let phone = self.phones.mobile();
        self.persons[person as usize].phone = Some(phone);
    }

    fn give_vehicle(
        &mut self,
        rng: &mut Rng,
        vrms: &mut HashSet<[u8; 7]>,
        person: u32,
        kind: VehicleKind,
    ) -> u32 {
        let v = self.new_vehicle(rng, vrms, kind);
        self.persons[person as usize].vehicle = v;
        v
    }

    fn street_alias(&mut self, rng: &mut Rng, person: u32) {
        self.persons[person as usize].alias =
            rng.random_range(0..names::STREET_ALIASES.len()) as u16;
    }

    fn county_line(&mut self, rng: &mut Rng, vrms: &mut HashSet<[u8; 7]>, g: &mut Group) {
        let brand = names::LINE_BRANDS[g.id as usize % names::LINE_BRANDS.len()];
        let brand = if (g.id as usize) < names::LINE_BRANDS.len() {
            brand.to_string()
        } else {
            format!("{brand}{}", g.id as usize / names::LINE_BRANDS.len() + 1)
        };
        g.label = format!("{brand} line");
        g.brand = Some(brand);
        g.crime_types = vec![CrimeType::DrugsCountyLines];
        let mut members = Vec::new();
        let id = g.id;

        let flat = chance(rng, 0.5);
        let home = self.random_home(rng, g.hub, flat);
        let controller = self.adult(rng, &DRUGS_MIX, 0.92, (21, 34), home);
        self.street_alias(rng, controller);
        self.give_phone(controller);
        if chance(rng, 0.6) {
            let v = self.give_vehicle(rng, vrms, controller, VehicleKind::Car);
            g.vehicles.push(v);
        }
        self.member(id, controller, Role::Controller, &mut members);

        for i in 0..between(rng, 1, 2) {
            let town = if i == 0 && chance(rng, 0.6) {
                g.market
            } else {
                g.hub
            };
            let flat = chance(rng, 0.6);
            let home = self.random_home(rng, town, flat);
            let holder = self.adult(rng, &DRUGS_MIX, 0.85, (17, 25), home);
            self.street_alias(rng, holder);
            self.give_phone(holder);
            if chance(rng, 0.4) {
                let v = self.give_vehicle(rng, vrms, holder, VehicleKind::Car);
                g.vehicles.push(v);
            }
            self.member(id, holder, Role::LineHolder, &mut members);
        }

        let runners = between(rng, 2, 6);
        let mut children = 0;
        for _ in 0..runners {
            let child = chance(rng, 0.75);
            let local = chance(rng, 0.65);
            let town = if local { g.market } else { g.hub };
            let flat = chance(rng, 0.4);
            let home = self.random_home(rng, town, flat);
            let origin = weighted(rng, &DRUGS_MIX) as u8;
            let surname = names::sample_surname(rng, origin);
            let age = if child { (13, 17) } else { (18, 19) };
            let spec = PersonSpec {
                origin,
                surname: Some(surname),
                sex: if chance(rng, 0.85) {
                    Sex::Male
                } else {
                    Sex::Female
                },
                age,
                home,
            };
            let runner = self.new_person(rng, spec);
            if chance(rng, 0.7) {
                self.give_phone(runner);
            }
            if chance(rng, 0.3) {
                self.street_alias(rng, runner);
            }
            self.member(id, runner, Role::Runner, &mut members);
            if child {
                children += 1;
                self.persons[runner as usize].victim = Some(Category::ChildCriminalExploitation);
                // The parent who reports them missing.
                let parent_age =
                    self.persons[runner as usize].age_at(self.midpoint()) + between(rng, 19, 34);
                let spec = PersonSpec {
                    origin,
                    surname: Some(surname),
                    sex: if chance(rng, 0.8) {
                        Sex::Female
                    } else {
                        Sex::Male
                    },
                    age: (parent_age, parent_age),
                    home,
                };
                let parent = self.new_person(rng, spec);
                if chance(rng, 0.7) {
                    self.give_phone(parent);
                }
                g.attached.push((parent, runner));
                let first = parent.min(runner);
                self.households.push(Household {
                    home,
                    first,
                    count: 2,
                    kind: HouseholdKind::Ordinary,
                });
            }
        }
        if children > 0 {
            g.crime_types.push(CrimeType::ChildCriminalExploitation);
        }

        for _ in 0..between(rng, 1, 3) {
            let town = if chance(rng, 0.8) {
                g.market
            } else {
                self.market_town(rng)
            };
            let flat = chance(rng, 0.7);
            let home = self.random_home(rng, town, flat);
            let resident = self.adult(rng, &BACKGROUND_MIX, 0.6, (34, 72), home);
            if chance(rng, 0.4) {
                self.give_phone(resident);
            }
            if let Home::Dwelling(a) = home {
                g.premises.push(a);
            }
            self.persons[resident as usize].victim = Some(Category::Cuckooing);
            self.member(id, resident, Role::Victim, &mut members);
        }
        g.crime_types.push(CrimeType::MshtCriminal);

        for _ in 0..between(rng, 0, 2) {
            let home = self.random_home(rng, g.market, false);
            let driver = self.adult(rng, &DRUGS_MIX, 0.8, (20, 45), home);
            self.give_phone(driver);
            let kind = if chance(rng, 0.2) {
                VehicleKind::Van
            } else {
                VehicleKind::Car
            };
            let v = self.give_vehicle(rng, vrms, driver, kind);
            g.vehicles.push(v);
            self.member(id, driver, Role::Associate, &mut members);
        }

        g.deal_lines.push(self.phones.mobile());
        if chance(rng, 0.35) {
            g.deal_lines.push(self.phones.mobile());
        }
        g.violent_incidents =
            between(rng, 0, 2) + u32::from(runners > 3) + u32::from(chance(rng, 0.3));
        g.knife = chance(rng, 0.55);
        g.firearm = chance(rng, 0.15);
        if g.firearm {
            g.crime_types.push(CrimeType::Firearms);
        }
        g.reports = 14 + 4 * members.len() as u32 + 2 * g.violent_incidents + between(rng, 0, 10);
        g.members = members;
    }

    fn labour_network(&mut self, rng: &mut Rng, vrms: &mut HashSet<[u8; 7]>, g: &mut Group) {
        let id = g.id;
        let mut members = Vec::new();
        g.crime_types = vec![CrimeType::MshtLabour];
        // Controllers often share the victims' origin; the label names where they work.
        for i in 0..between(rng, 1, 2) {
            let home = self.random_home(rng, g.market, false);
            let mix: &[u32] = if chance(rng, 0.75) {
                &MIGRANT_WORKER_MIX
            } else {
                &BACKGROUND_MIX
            };
            let c = self.adult(rng, mix, 0.85, (29, 56), home);
            self.give_phone(c);
            if i == 0 {
                let v = self.give_vehicle(rng, vrms, c, VehicleKind::Car);
                g.vehicles.push(v);
            }
            self.member(id, c, Role::Controller, &mut members);
        }
        for _ in 0..between(rng, 1, 2) {
            let home = self.random_home(rng, g.market, false);
            let m = self.adult(rng, &MIGRANT_WORKER_MIX, 0.9, (22, 50), home);
            self.give_phone(m);
            let kind = if chance(rng, 0.5) {
                VehicleKind::Van
            } else {
                VehicleKind::Minibus
            };
            let v = self.give_vehicle(rng, vrms, m, kind);
            g.vehicles.push(v);
            self.member(id, m, Role::Member, &mut members);
        }
        let kinds = [
            BusinessKind::CarWash,
            BusinessKind::Factory,
            BusinessKind::Farm,
            BusinessKind::NailBar,
        ];
        for _ in 0..between(rng, 1, 2) {
            let kind = kinds[weighted(rng, &[40, 30, 20, 10])];
            let b = self.geo.new_business(rng, g.market, kind, false);
            g.workplaces.push(b);
        }
        let workplace = &self.geo.businesses[g.workplaces[0] as usize];
        g.label = format!("{} workers", workplace.name);
        let houses: Vec<Home> = (0..between(rng, 1, 2))
            .map(|_| self.random_home(rng, g.market, false))
            .collect();
        for h in &houses {
            if let Home::Dwelling(a) = h {
                g.premises.push(*a);
            }
        }
        let nail_bar = self.geo.businesses[g.workplaces[0] as usize].kind == BusinessKind::NailBar;
        for _ in 0..between(rng, 5, 16) {
            let home = *pick(rng, &houses);
            let mix: &[u32] = if nail_bar {
                &[0, 0, 0, 0, 0, 0, 0, 0, 100, 0]
            } else {
                &MIGRANT_WORKER_MIX
            };
            let male = if nail_bar { 0.3 } else { 0.8 };
            let v = self.adult(rng, mix, male, (18, 55), home);
            if chance(rng, 0.25) {
                self.give_phone(v);
            }
            self.persons[v as usize].victim = Some(Category::LabourExploitation);
            self.member(id, v, Role::Victim, &mut members);
        }
        g.violent_incidents = between(rng, 0, 2);
        g.knife = chance(rng, 0.2);
        g.firearm = false;
        g.reports = 10 + 2 * members.len() as u32 + between(rng, 0, 8);
        g.members = members;
    }

    fn sexual_network(&mut self, rng: &mut Rng, vrms: &mut HashSet<[u8; 7]>, g: &mut Group) {
        let id = g.id;
        let mut members = Vec::new();
        g.crime_types = vec![CrimeType::MshtSexual];
        for i in 0..between(rng, 1, 2) {
            let town = if chance(rng, 0.5) { g.market } else { g.hub };
            let home = self.random_home(rng, town, true);
            let c = self.adult(rng, &SEX_EXPLOITATION_MIX, 0.9, (24, 47), home);
            self.give_phone(c);
            if i == 0 {
                let v = self.give_vehicle(rng, vrms, c, VehicleKind::Car);
                g.vehicles.push(v);
            }
            self.member(id, c, Role::Controller, &mut members);
        }
        if chance(rng, 0.7) {
            let home = self.random_home(rng, g.market, false);
            let d = self.adult(rng, &SEX_EXPLOITATION_MIX, 0.95, (20, 45), home);
            self.give_phone(d);
            let v = self.give_vehicle(rng, vrms, d, VehicleKind::Car);
            g.vehicles.push(v);
            self.member(id, d, Role::Associate, &mut members);
        }
        let flats = between(rng, 3, 6);
        for i in 0..flats {
            let town = if i == 0 {
                g.market
            } else {
                self.market_town(rng)
            };
            let addr = self.geo.random_dwelling(rng, town, true);
            self.addrs.push(addr);
            g.premises.push(self.addrs.len() as u32 - 1);
        }
        for _ in 0..between(rng, 1, 3) {
            g.shared_phones.push(self.phones.mobile());
        }
        let mut child = false;
        for _ in 0..between(rng, 3, 7) {
            let home = Home::Dwelling(*pick(rng, &g.premises));
            let age = if chance(rng, 0.12) {
                (16, 17)
            } else {
                (18, 30)
            };
            child |= age.0 < 18;
            let v = self.adult(rng, &SEX_EXPLOITATION_MIX, 0.0, age, home);
            self.persons[v as usize].alias = rng.random_range(0..names::WORKING_NAMES.len()) as u16;
            self.persons[v as usize].victim = Some(Category::SexualExploitation);
            self.member(id, v, Role::Victim, &mut members);
        }
        if child {
            g.crime_types.push(CrimeType::ChildSexualExploitation);
        }
        let town = TOWNS[g.market as usize].name;
        g.label = format!("{town} short-let flats network");
        g.violent_incidents = between(rng, 0, 2);
        g.knife = chance(rng, 0.15);
        g.reports = 10 + 3 * members.len() as u32 + between(rng, 0, 8);
        g.members = members;
    }

    fn drugs_supply(&mut self, rng: &mut Rng, vrms: &mut HashSet<[u8; 7]>, g: &mut Group) {
        let id = g.id;
        let mut members = Vec::new();
        g.crime_types = vec![CrimeType::DrugsSupply];
        let size = between(rng, 5, 10);
        for i in 0..size {
            let flat = chance(rng, 0.3);
            let home = self.random_home(rng, g.market, flat);
            let age = if i == 0 { (30, 52) } else { (19, 45) };
            let m = self.adult(rng, &DRUGS_MIX, 0.85, age, home);
            self.give_phone(m);
            if chance(rng, 0.5) {
                let v = self.give_vehicle(rng, vrms, m, VehicleKind::Car);
                g.vehicles.push(v);
            }
            if chance(rng, 0.5) {
                self.street_alias(rng, m);
            }
            let role = match i {
                0 => Role::Controller,
                _ if chance(rng, 0.25) => Role::Associate,
                _ => Role::Member,
            };
            self.member(id, m, role, &mut members);
        }
        let stash = self.geo.random_dwelling(rng, g.market, false);
        self.addrs.push(stash);
        g.premises.push(self.addrs.len() as u32 - 1);
        let leader = &self.persons[members[0].0 as usize];
        g.label = format!("{} group", leader.surname().to_uppercase());
        g.violent_incidents = between(rng, 0, 3);
        g.knife = chance(rng, 0.45);
        g.firearm = chance(rng, 0.25);
        if g.firearm {
            g.crime_types.push(CrimeType::Firearms);
        }
        g.reports = 10 + 3 * members.len() as u32 + between(rng, 0, 8);
        g.members = members;
    }

    fn fraud(&mut self, rng: &mut Rng, vrms: &mut HashSet<[u8; 7]>, g: &mut Group) {
        let id = g.id;
        let mut members = Vec::new();
        g.crime_types = vec![CrimeType::Fraud, CrimeType::MoneyLaundering];
        let base = if chance(rng, 0.5) { g.hub } else { g.market };
        for i in 0..between(rng, 3, 5) {
            let flat = chance(rng, 0.4);
            let home = self.random_home(rng, base, flat);
            let m = self.adult(rng, &BACKGROUND_MIX, 0.75, (22, 55), home);
            self.give_phone(m);
            if i == 1 {
                let v = self.give_vehicle(rng, vrms, m, VehicleKind::Car);
                g.vehicles.push(v);
            }
            let role = if i == 0 {
                Role::Controller
            } else {
                Role::Member
            };
            self.member(id, m, role, &mut members);
        }
        for _ in 0..between(rng, 1, 3) {
            let town = self.market_town(rng);
            let home = self.random_home(rng, town, true);
            let mule = self.adult(rng, &BACKGROUND_MIX, 0.6, (18, 24), home);
            self.member(id, mule, Role::Associate, &mut members);
        }
        for _ in 0..between(rng, 2, 4) {
            g.shared_phones.push(self.phones.mobile());
        }
        // The older people it targets live alone across the force: look-alikes, not members.
        for _ in 0..between(rng, 3, 8) {
            let town = self.market_town(rng);
            let home = self.random_home(rng, town, false);
            let t = self.adult(rng, &BACKGROUND_MIX, 0.4, (74, 93), home);
            self.persons[t as usize].lookalike = Some(Lookalike::ElderlyScam);
            let phone = self.phones.landline();
            self.persons[t as usize].phone = Some(phone);
            g.attached.push((t, NONE));
            self.households.push(Household {
                home,
                first: t,
                count: 1,
                kind: HouseholdKind::ElderlyAlone,
            });
        }
        let leader = &self.persons[members[0].0 as usize];
        g.label = format!("{} courier fraud group", leader.surname().to_uppercase());
        g.violent_incidents = 0;
        g.reports = 8 + 2 * members.len() as u32 + 2 * g.attached.len() as u32;
        g.members = members;
    }

    /// The truth's harm figure: what the group does to people, weighted as a MoRiLE-style
    /// assessment would weigh it (children over adults, violence and firearms heavily), with
    /// the reasons that make it up.
    fn assess_harm(&self, rng: &mut Rng, g: &mut Group) {
        let mid = self.midpoint();
        let mut harm = match g.kind {
            GroupKind::CountyLine => 60.0,
            GroupKind::SexualNetwork => 55.0,
            GroupKind::LabourNetwork => 50.0,
            GroupKind::DrugsSupply => 40.0,
            GroupKind::Fraud => 25.0,
        };
        let mut reasons = Vec::new();
        let victims: Vec<&Person> = g
            .with_role(Role::Victim)
            .chain(g.with_role(Role::Runner))
            .map(|p| self.person(p))
            .filter(|p| p.victim.is_some())
            .collect();
        let children = victims.iter().filter(|p| p.age_at(mid) < 18).count();
        let adults = victims.len() - children;
        if children > 0 {
            harm += 40.0 * children as f64;
            reasons.push(format!("{children} exploited children"));
        }
        if adults > 0 {
            harm += 25.0 * adults as f64;
            reasons.push(format!("{adults} exploited adults"));
        }
        if g.violent_incidents > 0 {
            harm += 20.0 * f64::from(g.violent_incidents);
            reasons.push(format!("{} violent incidents", g.violent_incidents));
        }
        if g.knife {
            harm += 15.0;
            reasons.push("knives carried".to_string());
        }
        if g.firearm {
            harm += 60.0;
            reasons.push("firearm reported".to_string());
        }
        let targets = g.attached.iter().filter(|(_, r)| *r == NONE).count();
        if targets > 0 {
            harm += 8.0 * targets as f64;
            reasons.push(format!("{targets} older people defrauded"));
        }
        harm += 3.0 * g.members.len() as f64;
        harm *= rng.random_range(0.9..1.1);
        g.harm = (harm * 10.0).round() / 10.0;
        g.harm_reasons = reasons;
    }
}

fn other(sex: Sex) -> Sex {
    match sex {
        Sex::Male => Sex::Female,
        Sex::Female => Sex::Male,
    }
}

/// A random UK registration: mostly the current format (`AB12 CDE`), some older prefix marks
/// (`R123 ABC`).
fn random_vrm(rng: &mut Rng) -> ([u8; 7], u8) {
    const TAG_FIRST: &[u8] = b"ABCDEFGHKLMNOPRSVWY";
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNOPRSTUVWXY";
    const AGES: &[u8] = &[
        2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 52,
        53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74,
    ];
    let mut out = [b' '; 7];
    if chance(rng, 0.9) {
        out[0] = *pick(rng, TAG_FIRST);
        out[1] = *pick(rng, LETTERS);
        let age = AGES[AGES.len() - 1 - skewed(rng, AGES.len())];
        out[2] = b'0' + age / 10;
        out[3] = b'0' + age % 10;
        for slot in out.iter_mut().skip(4) {
            *slot = *pick(rng, LETTERS);
        }
        (out, 7)
    } else {
        const PREFIX: &[u8] = b"LMNPRSTVWXY";
        out[0] = *pick(rng, PREFIX);
        let digits = between(rng, 1, 3) as usize;
        let number = rng.random_range(1..10u32.pow(digits as u32));
        let s = format!("{number}");
        let mut i = 1;
        for b in s.bytes() {
            out[i] = b;
            i += 1;
        }
        for _ in 0..3 {
            out[i] = *pick(rng, LETTERS);
            i += 1;
        }
        (out, i as u8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PhraseUse;

    fn config(people: u32, groups: Option<u32>) -> Config {
        Config {
            people,
            groups,
            seed: 11,
            noise: 1.0,
            phrases: PhraseUse::Both,
            threads: 1,
        }
    }

    #[test]
    fn world_has_exactly_the_people_asked_for() {
        let w = World::build(&config(5_000, None)).unwrap();
        assert_eq!(w.persons.len(), 5_000);
        let in_households: u32 = w.households.iter().map(|h| u32::from(h.count)).sum();
        assert_eq!(in_households as usize, w.persons.len() - group_only(&w));
        assert_eq!(w.groups.len(), 5);
    }

    /// Group members and attached people who were not given a household.
    fn group_only(w: &World) -> usize {
        let housed: HashSet<u32> = w
            .households
            .iter()
            .flat_map(|h| h.first..h.first + u32::from(h.count))
            .collect();
        (0..w.persons.len() as u32)
            .filter(|p| !housed.contains(p))
            .count()
    }

    #[test]
    fn every_kind_of_group_and_look_alike_exists() {
        let w = World::build(&config(20_000, None)).unwrap();
        for kind in [
            GroupKind::CountyLine,
            GroupKind::LabourNetwork,
            GroupKind::SexualNetwork,
            GroupKind::DrugsSupply,
            GroupKind::Fraud,
        ] {
            assert!(w.groups.iter().any(|g| g.kind == kind), "{kind:?}");
        }
        for l in Lookalike::ALL {
            let n = w.persons.iter().filter(|p| p.lookalike == Some(l)).count();
            assert!(n >= 10, "{l:?}: {n}");
        }
        let cl = w
            .groups
            .iter()
            .find(|g| g.kind == GroupKind::CountyLine)
            .unwrap();
        assert!(!cl.deal_lines.is_empty());
        assert!(cl.first_with_role(Role::Controller).is_some());
        let controller = w.person(cl.first_with_role(Role::Controller).unwrap());
        assert!(!TOWNS[w.town_of_home(controller.home) as usize].in_force);
        // Victims are not look-alikes and look-alikes are not victims.
        assert!(
            w.persons
                .iter()
                .all(|p| p.victim.is_none() || p.lookalike.is_none())
        );
    }

    #[test]
    fn too_few_people_for_the_groups_is_refused() {
        let err = World::build(&config(300, Some(40))).unwrap_err();
        assert!(err.to_string().contains("too few"), "{err}");
    }

    #[test]
    fn registrations_are_uk_formats_and_phones_are_drama_numbers() {
        let w = World::build(&config(3_000, None)).unwrap();
        for v in &w.vehicles {
            let parsed = model::Vrm::parse(v.vrm());
            assert!(parsed.is_uk_format(), "{}", v.vrm());
        }
        for p in w.persons.iter().filter_map(|p| p.phone) {
            let parsed = model::Phone::parse(&p.e164());
            assert_eq!(parsed.e164.as_deref(), Some(p.e164().as_str()));
            assert!(p.national().starts_with("77009") || p.national().starts_with("1632960"));
        }
    }

    #[test]
    fn chunks_cover_every_household_and_group_once() {
        let w = World::build(&config(12_000, None)).unwrap();
        let mut groups: Vec<u32> = w.chunks.iter().flat_map(|c| c.groups.clone()).collect();
        groups.sort();
        assert_eq!(groups, (0..w.groups.len() as u32).collect::<Vec<_>>());
        let mut next = w.chunks[0].households.start;
        for c in &w.chunks {
            assert_eq!(c.households.start, next);
            next = c.households.end;
        }
        assert_eq!(next as usize, w.households.len());
    }

    #[test]
    fn the_same_seed_builds_the_same_world() {
        let a = World::build(&config(2_000, None)).unwrap();
        let b = World::build(&config(2_000, None)).unwrap();
        let names = |w: &World| {
            w.persons
                .iter()
                .map(|p| p.display_name())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&a), names(&b));
        assert_eq!(
            a.groups.iter().map(|g| g.harm).collect::<Vec<_>>(),
            b.groups.iter().map(|g| g.harm).collect::<Vec<_>>()
        );
        let mut c = config(2_000, None);
        c.seed = 12;
        assert_ne!(names(&a), names(&World::build(&c).unwrap()));
    }
}
