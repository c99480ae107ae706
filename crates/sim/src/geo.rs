//! The simulated force area: invented towns, streets, premises and postcodes.
//!
//! Postcodes are in the real Royal Mail format but in areas that do not exist (`FN` for the
//! force, `KP` and `HW` for the two cities county lines come from), so no simulated address is
//! a real one. Streets are laid out house by house: ordinary households fill them in order, so
//! neighbours are next door to each other, while the premises of groups are scattered at random
//! among them, so that nothing about an address gives a group away.

use crate::util::{Rng, between, chance, pick};
use rand::Rng as _;
use std::collections::HashSet;
use std::fmt;

/// A town of the force area, or a city outside it.
#[derive(Debug)]
pub struct Town {
    pub name: &'static str,
    /// The force district code reports from this town carry.
    pub area: &'static str,
    /// Postcode area letters.
    pub letters: &'static str,
    /// Postcode district numbers.
    pub districts: &'static [u8],
    /// Share of the force's population (per thousand); 0 for cities outside the force.
    pub weight: u32,
    pub in_force: bool,
    pub lat: f64,
    pub lon: f64,
}

pub const TOWNS: &[Town] = &[
    Town {
        name: "Marshby",
        area: "FEN-MARSHBY",
        letters: "FN",
        districts: &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        weight: 400,
        in_force: true,
        lat: 52.581,
        lon: -0.052,
    },
    Town {
        name: "Holmfleet",
        area: "FEN-HOLMFLEET",
        letters: "FN",
        districts: &[13, 14, 15, 16],
        weight: 120,
        in_force: true,
        lat: 52.662,
        lon: 0.161,
    },
    Town {
        name: "Saxmere",
        area: "FEN-SAXMERE",
        letters: "FN",
        districts: &[17, 18, 19],
        weight: 100,
        in_force: true,
        lat: 52.471,
        lon: 0.052,
    },
    Town {
        name: "Wendling St Mary",
        area: "FEN-WENDLING",
        letters: "FN",
        districts: &[20, 21],
        weight: 50,
        in_force: true,
        lat: 52.724,
        lon: -0.118,
    },
    Town {
        name: "Cottesford",
        area: "FEN-COTTESFORD",
        letters: "FN",
        districts: &[22, 23, 24],
        weight: 80,
        in_force: true,
        lat: 52.392,
        lon: -0.207,
    },
    Town {
        name: "Ashwick",
        area: "FEN-ASHWICK",
        letters: "FN",
        districts: &[25, 26],
        weight: 70,
        in_force: true,
        lat: 52.519,
        lon: 0.288,
    },
    Town {
        name: "Ferrington",
        area: "FEN-FERRINGTON",
        letters: "FN",
        districts: &[27, 28, 29],
        weight: 100,
        in_force: true,
        lat: 52.618,
        lon: 0.381,
    },
    Town {
        name: "Lowmoor",
        area: "FEN-LOWMOOR",
        letters: "FN",
        districts: &[30, 31],
        weight: 80,
        in_force: true,
        lat: 52.431,
        lon: 0.193,
    },
    Town {
        name: "Kingsport",
        area: "KPT",
        letters: "KP",
        districts: &[
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
        ],
        weight: 0,
        in_force: false,
        lat: 51.921,
        lon: -0.412,
    },
    Town {
        name: "Hallowell",
        area: "HWL",
        letters: "HW",
        districts: &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        weight: 0,
        in_force: false,
        lat: 52.952,
        lon: -1.431,
    },
];

/// The cities outside the force that county lines are run from.
pub const HUBS: &[u8] = &[8, 9];

/// The force's towns, by index into [`TOWNS`].
pub fn force_towns() -> impl Iterator<Item = u8> {
    TOWNS
        .iter()
        .enumerate()
        .filter(|(_, t)| t.in_force)
        .map(|(i, _)| i as u8)
}

/// The force itself.
pub const FORCE_NAME: &str = "Fenmoor Police";
pub const FORCE_CODE: &str = "FEN";

const STREET_NAMES: &[&str] = &[
    "Mill",
    "Church",
    "Station",
    "Victoria",
    "Orchard",
    "Park",
    "Bridge",
    "Chapel",
    "School",
    "Manor",
    "Elm",
    "Oak",
    "Ash",
    "Willow",
    "Beech",
    "Cedar",
    "Birch",
    "Maple",
    "Hawthorn",
    "Holly",
    "Rowan",
    "Sycamore",
    "Chestnut",
    "Laurel",
    "Poplar",
    "Alder",
    "Hazel",
    "Larch",
    "Heron",
    "Kingfisher",
    "Swan",
    "Mallard",
    "Kestrel",
    "Falcon",
    "Lark",
    "Wren",
    "Robin",
    "Finch",
    "Plover",
    "Curlew",
    "Ferry",
    "Dyke",
    "Drove",
    "Fen",
    "Marsh",
    "Moor",
    "Meadow",
    "Grange",
    "Abbey",
    "Priory",
    "Cathedral",
    "Market",
    "Castle",
    "Tower",
    "Windmill",
    "Water",
    "River",
    "Brook",
    "Wharf",
    "Sluice",
    "Causeway",
    "Albert",
    "Alexandra",
    "Edward",
    "George",
    "Henry",
    "Granville",
    "Cromwell",
    "Milton",
    "Tennyson",
    "Wordsworth",
    "Shelley",
    "Byron",
    "Dickens",
    "Chaucer",
    "Newton",
    "Darwin",
    "Nelson",
    "Wellington",
    "Gladstone",
    "Peel",
    "Cavendish",
    "Russell",
    "Percy",
    "Stanley",
    "Warwick",
    "Lincoln",
    "Norfolk",
    "Suffolk",
    "Oxford",
    "York",
    "Exeter",
    "Windsor",
    "Balmoral",
    "Sandringham",
    "Clarence",
    "Denmark",
    "Coronation",
    "Jubilee",
    "Festival",
    "Empire",
    "Regent",
    "Union",
    "Trinity",
    "Vicarage",
    "Rectory",
    "Glebe",
    "Pinfold",
    "Tithe",
    "Common",
    "Heath",
    "Hollow",
    "Brampton",
    "Thorpe",
    "Eastfield",
    "Westfield",
    "Northfield",
    "Southfield",
    "Highfield",
    "Longfield",
    "Broadfield",
    "Springfield",
    "Summerfield",
    "Fairfield",
    "Greenfield",
    "Stonefield",
    "Ashfield",
    "Oakfield",
    "Rosemary",
    "Lavender",
    "Primrose",
    "Bluebell",
    "Daisy",
    "Foxglove",
    "Clover",
    "Thistle",
    "Heather",
    "Bramble",
    "Juniper",
    "Jasmine",
    "Honeysuckle",
    "Poppy",
    "Cowslip",
    "Reed",
    "Sedge",
    "Osier",
    "Peartree",
    "Plum",
    "Cherry",
    "Damson",
    "Mulberry",
    "Walnut",
    "Gravel",
    "Lime",
    "Kiln",
    "Forge",
    "Tannery",
    "Malting",
    "Granary",
    "Dovecote",
    "Paddock",
    "Stable",
    "Cornfield",
    "Barley",
    "Wheatsheaf",
    "Harvest",
    "Plough",
    "Shepherd",
    "Drover",
    "Wherry",
    "Lode",
    "Carr",
    "Holme",
    "Ings",
    "Cockle",
    "Samphire",
    "Saltings",
    "Staithe",
    "Lantern",
    "Beacon",
    "Wishing Well",
    "St Johns",
    "St Peters",
    "St Marys",
    "Queens",
    "Kings",
    "Princes",
    "Bishops",
    "Friars",
    "Nuns",
];

/// Street types, written out and as records abbreviate them.
pub const STREET_TYPES: &[(&str, &str)] = &[
    ("Road", "Rd"),
    ("Street", "St"),
    ("Avenue", "Ave"),
    ("Lane", "Ln"),
    ("Close", "Cl"),
    ("Crescent", "Cres"),
    ("Drive", "Dr"),
    ("Gardens", "Gdns"),
    ("Terrace", "Terr"),
    ("Way", "Way"),
    ("Grove", "Gr"),
    ("Place", "Pl"),
    ("Court", "Ct"),
    ("Walk", "Wk"),
    ("Park", "Pk"),
    ("Rise", "Rise"),
    ("Mews", "Mews"),
    ("Row", "Row"),
    ("View", "View"),
    ("Green", "Green"),
];

const STREET_PREFIXES: &[&str] = &[
    "", "North ", "South ", "East ", "West ", "Upper ", "Lower ", "Old ", "New ",
];

/// Names of blocks of flats.
pub const BUILDINGS: &[&str] = &[
    "Kingfisher House",
    "Riverside Court",
    "Heron Point",
    "Mill View",
    "Cathedral Heights",
    "Brook House",
    "Station Apartments",
    "Victoria Mansions",
    "Willow Court",
    "Carlton House",
    "Regent House",
    "Foundry Lofts",
    "Quayside",
    "Granary Wharf",
    "Tower View",
    "Lock Keepers Court",
];

/// A postcode: district of a town and an inward code numbered within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Postcode {
    pub town: u8,
    pub district: u8,
    pub inward: u16,
}

/// The letters of an inward code's unit: never C, I, K, M, O or V.
const UNIT_LETTERS: &[u8; 20] = b"ABDEFGHJLNPQRSTUWXYZ";
/// Inward codes per district: ten sector digits by four hundred units.
pub const INWARD_CAPACITY: u16 = 4000;

impl Postcode {
    pub fn outward(&self) -> String {
        let t = &TOWNS[self.town as usize];
        format!("{}{}", t.letters, self.district)
    }

    fn inward_chars(&self) -> [char; 3] {
        // A fixed permutation spreads consecutive numbers over sectors and units.
        let i = (u32::from(self.inward) * 1597 + 211) % u32::from(INWARD_CAPACITY);
        let digit = (i / 400) as u8;
        let a = UNIT_LETTERS[((i / 20) % 20) as usize];
        let b = UNIT_LETTERS[(i % 20) as usize];
        [(b'0' + digit) as char, a as char, b as char]
    }
}

impl fmt::Display for Postcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [d, a, b] = self.inward_chars();
        write!(f, "{} {d}{a}{b}", self.outward())
    }
}

/// One street of one town.
#[derive(Debug, Clone, Copy)]
pub struct Street {
    pub town: u8,
    prefix: u8,
    name: u16,
    pub kind: u8,
    pub district: u8,
    /// Numbers on the street: 1..=length.
    pub length: u16,
    postcode_base: u16,
}

impl Street {
    /// `Mill Road`.
    pub fn name(&self) -> String {
        format!(
            "{}{} {}",
            STREET_PREFIXES[self.prefix as usize],
            STREET_NAMES[self.name as usize],
            STREET_TYPES[self.kind as usize].0
        )
    }

    /// `Mill Rd`.
    pub fn short_name(&self) -> String {
        format!(
            "{}{} {}",
            STREET_PREFIXES[self.prefix as usize],
            STREET_NAMES[self.name as usize],
            STREET_TYPES[self.kind as usize].1
        )
    }

    /// `Mill` with its prefix: the name without its type.
    pub fn stem(&self) -> String {
        format!(
            "{}{}",
            STREET_PREFIXES[self.prefix as usize], STREET_NAMES[self.name as usize]
        )
    }

    pub fn postcode(&self, number: u16) -> Postcode {
        Postcode {
            town: self.town,
            district: self.district,
            inward: (self.postcode_base + number.saturating_sub(1) / 14) % INWARD_CAPACITY,
        }
    }
}

/// A dwelling or premises: a house, a flat in a converted house or a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Addr {
    pub street: u32,
    pub number: u16,
    /// `a` or `b` after the number, or 0.
    pub suffix: u8,
    /// Flat number, or 0.
    pub flat: u8,
    /// Index into [`BUILDINGS`], or [`NO_BUILDING`].
    pub building: u8,
}

pub const NO_BUILDING: u8 = u8::MAX;

/// What a business does, which decides who works there and what goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BusinessKind {
    Shop,
    CarWash,
    Farm,
    Factory,
    NailBar,
    Hotel,
    School,
    Hospital,
}

/// Premises of a business or service.
#[derive(Debug, Clone)]
pub struct Business {
    pub kind: BusinessKind,
    pub name: String,
    pub town: u8,
    /// The premises line: `Unit 4, Ferry Lane Industrial Estate` or `14 Mill Road`.
    pub line: String,
    pub postcode: Postcode,
    /// A Gangmasters and Labour Abuse Authority licence number, for licensed labour users.
    pub licence: Option<u32>,
}

const SHOP_NAMES: &[&str] = &[
    "QuickShop",
    "Family Mini Market",
    "Pound Bargains",
    "Corner Stores",
    "Express Foods",
    "Value Centre",
    "Supersave",
    "Late Stop Convenience",
    "Home & Garden Discount",
    "Sports Direct Outlet",
    "Fashion Corner",
    "Phone Repair Centre",
];
const CAR_WASH_NAMES: &[&str] = &[
    "Sparkle Hand Car Wash",
    "Bubbles Car Valeting",
    "Shine Time Hand Car Wash",
    "Crystal Clean Car Wash",
    "Premier Hand Car Wash",
    "Supa Wash",
    "Diamond Valeting",
];
const FARM_NAMES: &[&str] = &[
    "Fen Edge",
    "Marsh Lane",
    "Willow Drove",
    "Manor",
    "Low Road",
    "Cross Keys",
    "Black Drain",
    "Hundred Acre",
    "Sluice Gate",
    "Washway",
    "Peartree",
    "Glebe",
];
const FACTORY_NAMES: &[&str] = &[
    "Eastfield Foods Ltd",
    "Fenland Packing Ltd",
    "Anglian Fresh Produce",
    "Greenleaf Salads Ltd",
    "Holme Poultry Processing",
    "Riverside Bakeries",
    "Marsh Valley Meats",
    "Northgate Recycling",
    "Flatlands Logistics",
];
const NAIL_BAR_NAMES: &[&str] = &[
    "Glamour Nails",
    "Perfect Nails & Beauty",
    "Star Nails",
    "Luxury Nail Spa",
    "Pink Nails",
];
const HOTEL_NAMES: &[&str] = &[
    "Station Hotel",
    "Riverside Inn",
    "Travel Stop Lodge",
    "Bridge Hotel",
];
const ESTATES: &[&str] = &[
    "Ferry Lane Industrial Estate",
    "Eastfield Business Park",
    "Sluice Road Trading Estate",
    "Northgate Industrial Estate",
    "Drove Way Enterprise Park",
];
const ROADSIDE: &[&str] = &["Drove", "Lane", "Bank", "Road", "Fen"];

/// Streets and premises, built as the world is populated.
#[derive(Debug, Default)]
pub struct Geo {
    pub streets: Vec<Street>,
    /// Streets of each town, by index into `streets`.
    by_town: Vec<Vec<u32>>,
    /// How many streets each town has named (drives the unique naming).
    named: Vec<u32>,
    /// Next postcode unit per (town, district slot).
    next_inward: Vec<Vec<u16>>,
    /// Where ordinary households are being filled in, per town: (street, next number).
    cursor: Vec<Option<(u32, u16, u8)>>,
    /// Numbers taken by premises placed at random, which the in-order fill skips.
    taken: HashSet<(u32, u16)>,
    /// Per street, the highest number the in-order fill has reached, which random placement
    /// keeps below.
    filled: Vec<u16>,
    pub businesses: Vec<Business>,
}

impl Geo {
    pub fn new() -> Geo {
        Geo {
            by_town: vec![Vec::new(); TOWNS.len()],
            named: vec![0; TOWNS.len()],
            next_inward: TOWNS.iter().map(|t| vec![0; t.districts.len()]).collect(),
            cursor: vec![None; TOWNS.len()],
            ..Geo::default()
        }
    }

    /// Adds a street to `town`, named uniquely within it.
    pub fn new_street(&mut self, rng: &mut Rng, town: u8) -> u32 {
        let t = town as usize;
        let k = self.named[t];
        self.named[t] += 1;
        let combos = (STREET_NAMES.len() * STREET_TYPES.len()) as u32;
        // A stride coprime with the number of combinations visits each once, in an order that
        // differs between towns.
        let stride = 7919u32;
        let slot = (k.wrapping_mul(stride) + u32::from(town) * 613) % combos;
        let prefix = ((k / combos) as usize % STREET_PREFIXES.len()) as u8;
        let name = (slot / STREET_TYPES.len() as u32) as u16;
        let kind = (slot % STREET_TYPES.len() as u32) as u8;
        let district_slot = rng.random_range(0..TOWNS[t].districts.len());
        let length = between(rng, 12, 140) as u16;
        let units = length / 14 + 1;
        let base = self.next_inward[t][district_slot];
        self.next_inward[t][district_slot] = (base + units) % INWARD_CAPACITY;
        let street = Street {
            town,
            prefix,
            name,
            kind,
            district: TOWNS[t].districts[district_slot],
            length,
            postcode_base: base,
        };
        let id = self.streets.len() as u32;
        self.streets.push(street);
        self.filled.push(0);
        self.by_town[t].push(id);
        id
    }

    /// A dwelling picked at random in `town`, away from the in-order fill; a flat when `flat`.
    pub fn random_dwelling(&mut self, rng: &mut Rng, town: u8, flat: bool) -> Addr {
        loop {
            if self.by_town[town as usize].len() < 4 || chance(rng, 0.05) {
                self.new_street(rng, town);
            }
            let street = *pick(rng, &self.by_town[town as usize]);
            let length = self.streets[street as usize].length;
            let number = rng.random_range(1..=length);
            if number > self.filled[street as usize] && self.taken.insert((street, number)) {
                let (flat_no, building) = if flat {
                    if chance(rng, 0.4) {
                        (
                            between(rng, 1, 40) as u8,
                            rng.random_range(0..BUILDINGS.len()) as u8,
                        )
                    } else {
                        (between(rng, 1, 6) as u8, NO_BUILDING)
                    }
                } else {
                    (0, NO_BUILDING)
                };
                return Addr {
                    street,
                    number,
                    suffix: if chance(rng, 0.03) { b'a' } else { 0 },
                    flat: flat_no,
                    building,
                };
            }
        }
    }

    /// The next dwelling of the in-order fill of `town`: houses along a street, sometimes split
    /// into flats, skipping numbers taken by premises placed at random.
    pub fn next_dwelling(&mut self, rng: &mut Rng, town: u8) -> Addr {
        let t = town as usize;
        loop {
            let (street, number, flats_left) = match self.cursor[t] {
                Some(c) => c,
                None => {
                    let s = self.new_street(rng, town);
                    (s, 1, 0)
                }
            };
            let length = self.streets[street as usize].length;
            if number > length {
                self.cursor[t] = None;
                continue;
            }
            self.filled[street as usize] = number;
            if flats_left > 0 {
                // The next flat of a converted house.
                self.cursor[t] = Some((street, number, flats_left - 1));
                let flat = 4 - flats_left + 1;
                if flats_left == 1 {
                    self.cursor[t] = Some((street, number + 1, 0));
                }
                return Addr {
                    street,
                    number,
                    suffix: 0,
                    flat,
                    building: NO_BUILDING,
                };
            }
            // Not every house is known to the police: skip some.
            let skip = chance(rng, 0.2);
            if skip || self.taken.contains(&(street, number)) {
                self.cursor[t] = Some((street, number + 1, 0));
                continue;
            }
            if chance(rng, 0.08) {
                // A house split into flats: flats 1 to 4 follow.
                self.cursor[t] = Some((street, number, 3));
                return Addr {
                    street,
                    number,
                    suffix: 0,
                    flat: 1,
                    building: NO_BUILDING,
                };
            }
            self.cursor[t] = Some((street, number + 1, 0));
            return Addr {
                street,
                number,
                suffix: if chance(rng, 0.02) { b'a' } else { 0 },
                flat: 0,
                building: NO_BUILDING,
            };
        }
    }

    pub fn street(&self, addr: &Addr) -> &Street {
        &self.streets[addr.street as usize]
    }

    pub fn town_of(&self, addr: &Addr) -> u8 {
        self.streets[addr.street as usize].town
    }

    pub fn postcode(&self, addr: &Addr) -> Postcode {
        self.street(addr).postcode(addr.number)
    }

    /// Adds a business of `kind` in `town`; `licensed` gives it a labour-provider licence.
    pub fn new_business(
        &mut self,
        rng: &mut Rng,
        town: u8,
        kind: BusinessKind,
        licensed: bool,
    ) -> u32 {
        let town_name = TOWNS[town as usize].name;
        let name = match kind {
            BusinessKind::Shop => pick(rng, SHOP_NAMES).to_string(),
            BusinessKind::CarWash => pick(rng, CAR_WASH_NAMES).to_string(),
            BusinessKind::Farm => format!("{} Farm", pick(rng, FARM_NAMES)),
            BusinessKind::Factory => pick(rng, FACTORY_NAMES).to_string(),
            BusinessKind::NailBar => pick(rng, NAIL_BAR_NAMES).to_string(),
            BusinessKind::Hotel => pick(rng, HOTEL_NAMES).to_string(),
            BusinessKind::School => format!(
                "{town_name} {}",
                pick(
                    rng,
                    &[
                        "Academy",
                        "High School",
                        "Community College",
                        "Primary School"
                    ]
                )
            ),
            BusinessKind::Hospital => format!("{town_name} General Hospital"),
        };
        let (line, postcode) = match kind {
            BusinessKind::Factory | BusinessKind::CarWash if chance(rng, 0.6) => {
                let estate = pick(rng, ESTATES);
                let street = self.new_street(rng, town);
                (
                    format!("Unit {}, {estate}", between(rng, 1, 40)),
                    self.streets[street as usize].postcode(1),
                )
            }
            BusinessKind::Farm => {
                let street = self.new_street(rng, town);
                let s = self.streets[street as usize];
                (
                    format!("{} {}", s.stem(), pick(rng, ROADSIDE)),
                    s.postcode(1),
                )
            }
            _ => {
                let addr = self.random_dwelling(rng, town, false);
                let s = self.streets[addr.street as usize];
                (
                    format!("{} {}", addr.number, s.name()),
                    s.postcode(addr.number),
                )
            }
        };
        let id = self.businesses.len() as u32;
        self.businesses.push(Business {
            kind,
            name,
            town,
            line,
            postcode,
            licence: licensed.then(|| between(rng, 1000, 9999)),
        });
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::stream;

    #[test]
    fn postcodes_are_valid_and_canonical() {
        let mut rng = stream(3, 0, 0);
        let mut geo = Geo::new();
        for town in 0..TOWNS.len() as u8 {
            for _ in 0..50 {
                let a = geo.next_dwelling(&mut rng, town);
                let pc = geo.postcode(&a).to_string();
                let parsed = model::Postcode::parse(&pc).expect(&pc);
                assert_eq!(parsed.as_str(), pc);
                assert!(["FN", "KP", "HW"].contains(&parsed.area()), "{pc}");
            }
        }
    }

    #[test]
    fn streets_are_named_uniquely_within_a_town() {
        let mut rng = stream(3, 0, 0);
        let mut geo = Geo::new();
        let mut names = HashSet::new();
        for _ in 0..8000 {
            let s = geo.new_street(&mut rng, 0);
            assert!(names.insert(geo.streets[s as usize].name()));
        }
    }

    #[test]
    fn in_order_fill_skips_premises_placed_at_random() {
        let mut rng = stream(5, 0, 0);
        let mut geo = Geo::new();
        let random: Vec<Addr> = (0..200)
            .map(|_| geo.random_dwelling(&mut rng, 1, false))
            .collect();
        let mut seen = HashSet::new();
        for _ in 0..5000 {
            let a = geo.next_dwelling(&mut rng, 1);
            assert!(
                !random
                    .iter()
                    .any(|r| r.street == a.street && r.number == a.number)
            );
            assert!(seen.insert((a.street, a.number, a.flat)), "{a:?} twice");
        }
    }
}
