//! Person names and descriptions of unnamed people.
//!
//! Names are read the ways police and partners write them: with a title (`Mr J. SMITH`,
//! `DC WHITFIELD`), surname first with a comma (`SMITH, Jon`), forenames then a surname in
//! capitals (`Jon Paul SMITH`, `Zoë NÚÑEZ`, `E. MENSAH`), with a street name (`Jon 'Jay' SMITH`,
//! `Kyle BROWN aka 'TINY'`), a quoted street name alone (`'JAY'`), a known forename in title case
//! (`Amy Jones`, `a lad called Reece`). Each name is normalised by [`model::PersonName`], the
//! parser ingest uses. Unnamed people are found as a person word with an unknown-marker or an age
//! beside it (`unknown male, about 40`, `girl of about 15`, `IC3 male`), normalised to a gender
//! and an age band: two unknown males are not the same person, so they carry no name.

use crate::cues::{Cue, Cues};
use crate::gazetteer::Gazetteer;
use crate::taxonomy::FoldHash;
use crate::text::{Token, TokenKind};
use crate::{Entity, EntityType, Normalised};
use model::PersonName;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The word lists below as sets, built once.
static NOT_FORENAME_SET: LazyLock<HashSet<&'static str, FoldHash>> =
    LazyLock::new(|| NOT_FORENAMES.iter().copied().collect());
static ACRONYM_SET: LazyLock<HashSet<&'static str, FoldHash>> =
    LazyLock::new(|| ACRONYMS.iter().copied().collect());

fn not_forename(word: &str) -> bool {
    NOT_FORENAME_SET.contains(word)
}

fn acronym(word: &str) -> bool {
    ACRONYM_SET.contains(word)
}

const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "master", "sir", "dame", "rev", "prof", "pc", "dc",
    "ds", "di", "dci", "sgt", "insp", "det", "pcso",
];

/// Capitalised words that start sentences or name roles, not people.
const NOT_FORENAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "They",
    "It",
    "We",
    "I",
    "My",
    "His",
    "Her",
    "Their",
    "Our",
    "This",
    "That",
    "These",
    "Those",
    "On",
    "At",
    "In",
    "Of",
    "And",
    "But",
    "Or",
    "To",
    "From",
    "With",
    "By",
    "For",
    "As",
    "If",
    "When",
    "Where",
    "While",
    "After",
    "Before",
    "Since",
    "Subject",
    "Subjects",
    "Source",
    "Mother",
    "Father",
    "Mum",
    "Dad",
    "Witness",
    "Victim",
    "Driver",
    "Passenger",
    "Male",
    "Female",
    "Occupier",
    "Occupant",
    "Resident",
    "Tenant",
    "Referral",
    "Referrer",
    "Contact",
    "Call",
    "Mobile",
    "Email",
    "Address",
    "Vehicle",
    "Officers",
    "Officer",
    "Police",
    "Stop",
    "Search",
    "Sister",
    "Brother",
    "Client",
    "Pupil",
    "Caseworker",
    "Suspect",
    "Nurse",
    "Social",
    "Worker",
    "Youth",
    "Juvenile",
    "Child",
    "Intelligence",
    "Incident",
    "Report",
    "Reports",
    "Present",
    "Name",
    "Named",
    "Known",
    "Sightline",
    "Note",
    "Notes",
    "Update",
    "Account",
    "Sort",
    "Observed",
    "Seen",
    "Spoke",
    "Spoken",
    "Met",
    "Visited",
    "Attended",
    "Sergeant",
    "Constable",
    "Inspector",
    "Detective",
    "Welfare",
    "School",
    "Housing",
    "Adult",
    "Children",
    "Mental",
    "Health",
    "Team",
    "Council",
    "Dear",
    "Hi",
    "Hello",
    "Yes",
    "No",
    "Not",
    "Also",
    "Then",
    "Now",
    "Today",
    "Yesterday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Christmas",
    "Easter",
    "Crimestoppers",
    "Deal",
    "Line",
    "Lad",
    "Boy",
    "Girl",
    "Man",
    "Woman",
    "Kids",
    "Lads",
    "Ages",
    "Age",
    "Aged",
    "DOB",
    "Born",
    "Apparently",
    "Allegedly",
    "Word",
    "Heard",
    "Labour",
    "Farm",
    "Bank",
    "Cash",
    "Money",
    "Loads",
    "Lots",
    "Someone",
    "Nobody",
    "Everyone",
    "Manager",
    "Boss",
    "Staff",
    "Workers",
];

/// Capitals that are acronyms, not surnames.
const ACRONYMS: &[&str] = &[
    "CCTV", "ANPR", "PNC", "PND", "NCA", "GLAA", "HMRC", "POCA", "NRM", "CHIS", "ASB", "YOT",
    "HMO", "ID", "IDS", "DOB", "VRM", "BMW", "VW", "UK", "GP", "A&E", "SIM", "NHS", "CPS", "OCG",
    "PCSO", "HGV", "ATM", "TV", "DJ", "CEO", "IC1", "IC2", "IC3", "IC4", "IC5", "IC6", "MSHT",
    "CCE", "CSE", "ROCU", "ERSOU", "POLICE", "URGENT", "NB", "RE", "FAO", "OK", "AM", "PM", "HRS",
    "MP", "MPS", "BTP", "DC", "PC", "DS", "DI", "SGT", "MR", "MRS", "MS", "DR", "EU", "USA", "GBP",
    "EUR", "IP", "IT", "II", "III", "AKA", "NFA", "RTC", "RTA", "CID", "SOCO", "LA", "SW", "NE",
    "NW", "SE", "XL", "SUV", "MPV", "A14", "M6", "M11", "OT", "UKBA", "HO", "DWP", "TBC", "NK",
    "UNK", "N/K", "GPS", "PPE", "LGBT", "ASAP", "FYI", "ETA", "RIP", "IC", "A", "I", "SUBJECT",
    "VICTIM", "SOURCE", "MALE", "FEMALE", "UNKNOWN", "NOTE",
];

/// The gender a word for a person implies, if it is one: `male`, `girl`, `bloke`, `youth`…
fn description_noun(word: &str) -> Option<Option<&'static str>> {
    let mut lower = [0u8; 8];
    let lower = lower.get_mut(..word.len())?;
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    match &*lower {
        b"male" | b"man" | b"boy" | b"lad" | b"bloke" | b"guy" => Some(Some("male")),
        b"female" | b"woman" | b"girl" => Some(Some("female")),
        b"youth" | b"teenager" | b"teen" | b"juvenile" | b"child" | b"kid" => Some(None),
        _ => None,
    }
}

const UNKNOWN_MARKERS: &[&str] = &["unknown", "unidentified", "unnamed"];
const ALIAS_CUES: &[&[&str]] = &[
    &["aka"],
    &["a", ".", "k", ".", "a", "."],
    &["a", ".", "k", ".", "a"],
    &["known", "as"],
    &["also", "known", "as"],
    &["goes", "by"],
];
const CALLED_CUES: &[&[&str]] = &[
    &["called"],
    &["named"],
    &["known", "as"],
    &["name", "is"],
    &["real", "name"],
    &["goes", "by"],
    &["calls", "himself"],
    &["calls", "herself"],
    &["gave", "the", "name"],
    &["false", "name"],
];
const NOT_NICKNAME_AFTER: &[&str] = &["line", "lines", "phone", "number", "app", "brand", "shop"];

/// An age already found, for attaching to a description.
#[derive(Debug, Clone, Copy)]
pub struct AgeSpan {
    pub start: usize,
    pub end: usize,
    pub range: model::AgeRange,
}

/// A run of word tokens joined without spaces by hyphens (`Ana-Maria`, `K-DOT`).
#[derive(Debug, Clone, Copy)]
struct Unit {
    start: usize,
    end: usize,
    /// Token index of the first and one past the last token.
    first: usize,
    last: usize,
}

/// The working buffers of [`find`], kept from one report to the next (see `crate::Scratch`).
#[derive(Default)]
pub struct Scratch {
    units: Vec<Unit>,
    unit_at: Vec<usize>,
    classes: Vec<Class>,
}

#[allow(clippy::too_many_arguments)]
pub fn find(
    text: &str,
    cues: Cues,
    tokens: &[Token],
    sentence_starts: &[usize],
    gazetteer: &Gazetteer,
    ages: &[AgeSpan],
    out: &mut Vec<Entity>,
    scratch: &mut Scratch,
) {
    let Scratch {
        units,
        unit_at,
        classes,
    } = scratch;
    units.clear();
    fill_units(text, tokens, units);
    // Token index → unit index.
    unit_at.clear();
    unit_at.resize(tokens.len(), usize::MAX);
    for (u, unit) in units.iter().enumerate() {
        unit_at[unit.first] = u;
    }
    classes.clear();
    classes.extend(units.iter().map(|u| Class::of(&text[u.start..u.end])));
    let finder = Finder {
        classes,
        text,
        tokens,
        units,
        unit_at,
        gazetteer,
        sentence_starts,
    };
    // Names found so far, by start: a later pattern does not claim words an earlier one named.
    let mut taken: std::collections::BTreeMap<usize, usize> = Default::default();
    let mut push = |out: &mut Vec<Entity>, start: usize, end: usize, score: f32| {
        let before = taken.range(..end).next_back();
        if before.is_some_and(|(_, e)| *e > start) {
            return;
        }
        let raw = &text[start..end];
        let Some(name) = PersonName::parse(raw) else {
            return;
        };
        taken.insert(start, end);
        out.push(Entity::new(
            EntityType::Person,
            text,
            start,
            end,
            Normalised::Person {
                name: (!name.forenames.is_empty() || name.surname.is_some())
                    .then(|| name.display()),
                aliases: name.aliases,
                gender: None,
                age: None,
            },
            score,
        ));
    };
    finder.titled(out, &mut push);
    finder.surname_comma(out, &mut push);
    finder.forenames_surname(out, &mut push);
    if cues.has(Cue::Quote) {
        finder.quoted(out, &mut push);
    }
    if cues.has(Cue::Called) {
        finder.called(out, &mut push);
    }
    finder.title_case(out, &mut push);
    finder.descriptions(ages, out);
}

/// Appends the units of `tokens` to `out`.
fn fill_units(text: &str, tokens: &[Token], out: &mut Vec<Unit>) {
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].kind != TokenKind::Word {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i + 1;
        while last + 1 < tokens.len()
            && tokens[last].text(text) == "-"
            && !tokens[last].space_before
            && tokens[last + 1].kind == TokenKind::Word
            && !tokens[last + 1].space_before
        {
            last += 2;
        }
        out.push(Unit {
            start: tokens[first].start,
            end: tokens[last - 1].end,
            first,
            last,
        });
        i = last;
    }
}

fn shape_of(s: &str) -> Shape {
    if s.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        return Shape::Other;
    }
    let mut letters = s.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Shape::Other;
    };
    let (mut count, mut upper, mut lower) = (1, 0, 0);
    for c in letters {
        count += 1;
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    match (first.is_uppercase(), count) {
        (true, 1) => Shape::Initial,
        (true, _) if upper == count - 1 => Shape::Capitals,
        (true, _) if lower > 0 => Shape::Capitalised,
        _ => Shape::Other,
    }
}

/// What a unit can be in a name, decided once per unit: every pattern below asks it of the
/// units it passes.
#[derive(Debug, Clone, Copy)]
struct Class {
    shape: Shape,
    /// In capitals and not an acronym: `SMITH`.
    surname: bool,
    /// A capitalised word that is not a sentence word or role (`Jon`), or an initial other than
    /// `I` and `A`.
    forename_like: bool,
    /// `Mr`, `DC`, `Sgt`…
    title: bool,
}

impl Class {
    fn of(word: &str) -> Class {
        let shape = shape_of(word);
        let capital = matches!(shape, Shape::Capitalised | Shape::Capitals);
        Class {
            shape,
            surname: shape == Shape::Capitals && !acronym(word),
            forename_like: match shape {
                Shape::Capitalised => !not_forename(word),
                Shape::Initial => word != "I" && word != "A",
                _ => false,
            },
            title: capital
                && word.len() <= 4
                && TITLES.iter().any(|x| word.eq_ignore_ascii_case(x)),
        }
    }
}

struct Finder<'a> {
    classes: &'a [Class],
    text: &'a str,
    tokens: &'a [Token],
    units: &'a [Unit],
    unit_at: &'a [usize],
    gazetteer: &'a Gazetteer,
    sentence_starts: &'a [usize],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `Jon`, `O'Brien`, `Ana-Maria`.
    Capitalised,
    /// `SMITH`, `NÚÑEZ`, `K-DOT`.
    Capitals,
    /// `J`.
    Initial,
    Other,
}

type Push<'p> = dyn FnMut(&mut Vec<Entity>, usize, usize, f32) + 'p;

impl<'a> Finder<'a> {
    fn unit_text(&self, u: usize) -> &'a str {
        &self.text[self.units[u].start..self.units[u].end]
    }

    fn shape(&self, u: usize) -> Shape {
        self.classes[u].shape
    }

    /// The unit starting at token `t`, if the token starts one.
    fn unit_starting(&self, t: usize) -> Option<usize> {
        self.unit_at.get(t).copied().filter(|u| *u != usize::MAX)
    }

    fn next_token_text(&self, t: usize) -> Option<&'a str> {
        self.tokens.get(t).map(|tok| tok.text(self.text))
    }

    fn is_surname(&self, u: usize) -> bool {
        self.classes[u].surname
    }

    fn is_forename_like(&self, u: usize) -> bool {
        self.classes[u].forename_like
    }

    fn is_title(&self, u: usize) -> bool {
        self.classes[u].title
    }

    /// Skips a full stop directly after unit `u` (`Mr.`, `J.`), returning the next token index.
    fn after_dot(&self, u: usize) -> usize {
        let t = self.units[u].last;
        if self.next_token_text(t) == Some(".") && !self.tokens[t].space_before {
            t + 1
        } else {
            t
        }
    }

    /// Extends a name ending at token `t` (exclusive) over an alias: `aka 'JAY'`, `(aka Jay)`,
    /// `known as "Tiny"`. Returns the new end byte, if extended.
    fn alias_after(&self, t: usize) -> Option<usize> {
        let mut i = t;
        let bracket = self.next_token_text(i) == Some("(");
        if bracket {
            i += 1;
        }
        let cue_len = ALIAS_CUES
            .iter()
            .find(|cue| self.words_match(i, cue))
            .map(|cue| cue.len())?;
        i += cue_len;
        let (end, next) = self.nickname_at(i).or_else(|| {
            let u = self.unit_starting(i)?;
            matches!(self.shape(u), Shape::Capitalised | Shape::Capitals)
                .then(|| (self.units[u].end, self.units[u].last))
        })?;
        if bracket && self.next_token_text(next) == Some(")") {
            return Some(self.tokens[next].end);
        }
        Some(end)
    }

    fn words_match(&self, t: usize, words: &[&str]) -> bool {
        words.iter().enumerate().all(|(k, w)| {
            self.next_token_text(t + k)
                .is_some_and(|x| x.eq_ignore_ascii_case(w))
        })
    }

    /// A quoted nickname starting at token `t` (the opening quote): its end byte including the
    /// closing quote and the token after it, when one to three capitalised units are quoted.
    fn nickname_at(&self, t: usize) -> Option<(usize, usize)> {
        let (_, close, next) = self.quoted_units(t)?;
        Some((close, next))
    }

    /// `'LIL T'` at token `t`: (inner start, inner end), end of the closing quote, next token.
    fn quoted_units(&self, t: usize) -> Option<((usize, usize), usize, usize)> {
        let open = self.next_token_text(t)?;
        let closing = match open {
            "'" | "\u{2018}" | "\u{2019}" => ["'", "\u{2019}"],
            "\"" | "\u{201c}" => ["\"", "\u{201d}"],
            _ => return None,
        };
        let mut i = t + 1;
        let mut count = 0;
        let inner_start = self.tokens.get(i)?.start;
        let mut inner_end = inner_start;
        while let Some(u) = self.unit_starting(i) {
            if !matches!(
                self.shape(u),
                Shape::Capitalised | Shape::Capitals | Shape::Initial
            ) {
                return None;
            }
            inner_end = self.units[u].end;
            i = self.units[u].last;
            count += 1;
            if count > 3 {
                return None;
            }
        }
        let close = self.next_token_text(i)?;
        if count == 0 || !closing.contains(&close) || inner_end - inner_start > 24 {
            return None;
        }
        if self.tokens[t + 1].space_before || self.tokens[i].space_before {
            return None;
        }
        Some(((inner_start, inner_end), self.tokens[i].end, i + 1))
    }

    fn titled(&self, out: &mut Vec<Entity>, push: &mut Push<'_>) {
        for u in 0..self.units.len() {
            if !self.is_title(u) {
                continue;
            }
            let mut t = self.after_dot(u);
            let mut end = None;
            let mut names = 0;
            while let Some(n) = self.unit_starting(t) {
                if !(self.is_forename_like(n) || self.is_surname(n))
                    || self.is_title(n)
                    || names == 4
                {
                    break;
                }
                end = Some(self.units[n].end);
                t = if self.shape(n) == Shape::Initial {
                    self.after_dot(n)
                } else {
                    self.units[n].last
                };
                names += 1;
            }
            if let Some(end) = end {
                let end = self.alias_after(t).unwrap_or(end);
                push(out, self.units[u].start, end, 0.9);
            }
        }
    }

    fn surname_comma(&self, out: &mut Vec<Entity>, push: &mut Push<'_>) {
        let mut u = 0;
        while u < self.units.len() {
            if !self.is_surname(u) || (u > 0 && self.is_title(u - 1)) {
                u += 1;
                continue;
            }
            let mut v = u;
            while v + 1 < self.units.len()
                && self.units[v + 1].first == self.units[v].last
                && self.is_surname(v + 1)
            {
                v += 1;
            }
            let comma = self.units[v].last;
            if self.next_token_text(comma) != Some(",") {
                u = v + 1;
                continue;
            }
            let mut t = comma + 1;
            let mut end = None;
            let mut names = 0;
            while let Some(n) = self.unit_starting(t) {
                if !self.is_forename_like(n) || names == 3 {
                    break;
                }
                end = Some(self.units[n].end);
                t = if self.shape(n) == Shape::Initial {
                    self.after_dot(n)
                } else {
                    self.units[n].last
                };
                names += 1;
            }
            if let Some(end) = end {
                let end = self.alias_after(t).unwrap_or(end);
                push(out, self.units[u].start, end, 0.9);
            }
            u = v + 1;
        }
    }

    fn forenames_surname(&self, out: &mut Vec<Entity>, push: &mut Push<'_>) {
        let mut u = 0;
        while u < self.units.len() {
            if !self.is_forename_like(u) {
                u += 1;
                continue;
            }
            // Up to three forenames or initials, then an optional quoted nickname, then one to
            // three surname units in capitals.
            let start = self.units[u].start;
            let mut t = self.units[u].first;
            let mut forenames = 0;
            while let Some(n) = self.unit_starting(t) {
                if !self.is_forename_like(n) || forenames == 3 {
                    break;
                }
                t = if self.shape(n) == Shape::Initial {
                    self.after_dot(n)
                } else {
                    self.units[n].last
                };
                forenames += 1;
            }
            if let Some((_, _, next)) = self.quoted_units(t) {
                t = next;
            }
            let mut end = None;
            let mut surnames = 0;
            while let Some(n) = self.unit_starting(t) {
                if !self.is_surname(n) || surnames == 3 {
                    break;
                }
                end = Some(self.units[n].end);
                t = self.units[n].last;
                surnames += 1;
            }
            match end {
                Some(end) => {
                    let end = self.alias_after(t).unwrap_or(end);
                    push(out, start, end, 0.9);
                    u = self.unit_at_or_after(t);
                }
                None => u += 1,
            }
        }
    }

    fn unit_at_or_after(&self, t: usize) -> usize {
        self.units
            .iter()
            .position(|unit| unit.first >= t)
            .unwrap_or(self.units.len())
    }

    fn quoted(&self, out: &mut Vec<Entity>, push: &mut Push<'_>) {
        for t in 0..self.tokens.len() {
            let Some(((start, end), _, next)) = self.quoted_units(t) else {
                continue;
            };
            if t > 0 && self.tokens[t].kind == TokenKind::Punct && !self.tokens[t].space_before {
                // A closing quote or an apostrophe inside a word.
                let prev = self.tokens[t - 1];
                if prev.kind != TokenKind::Punct {
                    continue;
                }
            }
            let followed_by = self
                .next_token_text(next)
                .map(str::to_lowercase)
                .unwrap_or_default();
            if NOT_NICKNAME_AFTER.contains(&followed_by.as_str()) {
                continue;
            }
            let inner = &self.text[start..end];
            let capitals = inner
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
            push(out, start, end, if capitals { 0.85 } else { 0.7 });
        }
    }

    fn called(&self, out: &mut Vec<Entity>, push: &mut Push<'_>) {
        for t in 0..self.tokens.len() {
            let first = self.tokens[t].text(self.text);
            if !CALLED_CUES
                .iter()
                .any(|cue| first.eq_ignore_ascii_case(cue[0]))
            {
                continue;
            }
            let Some(cue) = CALLED_CUES.iter().find(|cue| self.words_match(t, cue)) else {
                continue;
            };
            let at = t + cue.len();
            let Some(u) = self.unit_starting(at) else {
                continue;
            };
            if !matches!(self.shape(u), Shape::Capitalised | Shape::Capitals)
                || not_forename(self.unit_text(u))
                || acronym(self.unit_text(u))
            {
                continue;
            }
            let mut end = self.units[u].end;
            if let Some(n) = self.unit_starting(self.units[u].last)
                && (self.is_surname(n) || self.shape(n) == Shape::Capitalised)
                && !not_forename(self.unit_text(n))
            {
                end = self.units[n].end;
            }
            push(out, self.units[u].start, end, 0.75);
        }
    }

    fn title_case(&self, out: &mut Vec<Entity>, push: &mut Push<'_>) {
        for u in 0..self.units.len() {
            let word = self.unit_text(u);
            if self.shape(u) != Shape::Capitalised || !self.gazetteer.is_forename(word) {
                continue;
            }
            if u > 0
                && self.units[u - 1].last == self.units[u].first
                && self.shape(u - 1) == Shape::Capitalised
                && !not_forename(self.unit_text(u - 1))
            {
                // Inside a run of capitalised words that is not a name start ("Great Yarmouth").
                continue;
            }
            let next = self.unit_starting(self.units[u].last);
            let surname = next.filter(|n| {
                self.shape(*n) == Shape::Capitalised
                    && !not_forename(self.unit_text(*n))
                    && self.gazetteer.place_at_start(self.unit_text(*n)).is_none()
            });
            match surname {
                Some(n) => push(out, self.units[u].start, self.units[n].end, 0.75),
                None => {
                    let sentence_start = self
                        .sentence_starts
                        .binary_search(&self.units[u].first)
                        .is_ok();
                    let next_lower = self.tokens.get(self.units[u].last).is_some_and(|t| {
                        t.text(self.text)
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_lowercase())
                            || t.text(self.text) == "'s"
                    });
                    if !sentence_start || next_lower {
                        push(out, self.units[u].start, self.units[u].end, 0.6);
                    }
                }
            }
        }
    }

    fn descriptions(&self, ages: &[AgeSpan], out: &mut Vec<Entity>) {
        for u in 0..self.units.len() {
            // The first letter and length of every noun, tested before the word is looked at.
            let Unit { start, end, .. } = self.units[u];
            if end - start < 3
                || end - start > 8
                || !matches!(
                    self.text.as_bytes()[start].to_ascii_lowercase(),
                    b'm' | b'f' | b'w' | b'b' | b'g' | b'l' | b'y' | b't' | b'j' | b'c' | b'k'
                )
            {
                continue;
            }
            let word = self.unit_text(u);
            let Some(gender) = description_noun(word) else {
                continue;
            };
            let noun = self.units[u];
            let marker = (u > 0 && self.units[u - 1].last == noun.first)
                .then(|| u - 1)
                .filter(|m| {
                    let t = self.unit_text(*m);
                    UNKNOWN_MARKERS.iter().any(|k| t.eq_ignore_ascii_case(k))
                })
                .map(|m| self.units[m].start)
                .or_else(|| {
                    // An identity code: `IC3 male`.
                    let prev = noun.first.checked_sub(1)?;
                    let tok = self.tokens[prev];
                    let t = tok.text(self.text);
                    (tok.kind == TokenKind::Alnum
                        && t.len() == 3
                        && t[..2].eq_ignore_ascii_case("ic")
                        && t.as_bytes()[2].is_ascii_digit())
                    .then_some(tok.start)
                });
            // An age right after the noun, or a years-old age right before it.
            let after = ages.iter().find(|a| {
                a.start >= noun.end && a.start - noun.end <= 16 && {
                    let gap = self.text[noun.end..a.start].to_ascii_lowercase();
                    let gap = gap.trim();
                    matches!(
                        gap,
                        "" | "," | "of" | "(" | "in his" | "in her" | "in their" | "aged"
                    )
                }
            });
            let before = ages.iter().find(|a| {
                a.end <= noun.start
                    && self.text[a.end..noun.start].trim().is_empty()
                    && self.text[a.start..a.end]
                        .to_ascii_lowercase()
                        .contains("old")
            });
            let age = after.or(before);
            if marker.is_none() && age.is_none() {
                continue;
            }
            let start = marker
                .unwrap_or(noun.start)
                .min(before.map_or(usize::MAX, |a| a.start));
            let end = after.map_or(noun.end, |a| a.end);
            let age_range = age.map(|a| a.range);
            out.push(Entity::new(
                EntityType::Person,
                self.text,
                start,
                end,
                Normalised::Person {
                    name: None,
                    aliases: Vec::new(),
                    gender,
                    age: age_range,
                },
                if marker.is_some() { 0.85 } else { 0.75 },
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{EntityType, Normalised, extract};

    fn check(input: &str, expected: &[&str]) {
        let got: Vec<String> = extract(input)
            .entities
            .into_iter()
            .filter(|e| e.kind == EntityType::Person)
            .map(|e| {
                assert_eq!(&input[e.start..e.end], e.text);
                e.text
            })
            .collect();
        assert_eq!(got, expected, "{input:?}");
    }

    #[test]
    fn names_written_the_police_way() {
        check(
            "Mr John SMITH and SMITH, Jon were seen.",
            &["Mr John SMITH", "SMITH, Jon"],
        );
        check(
            "Subjects: Liam O'CONNOR and Zoë NÚÑEZ.",
            &["Liam O'CONNOR", "Zoë NÚÑEZ"],
        );
        check(
            "Spoke to E. MENSAH and DC WHITFIELD.",
            &["E. MENSAH", "DC WHITFIELD"],
        );
        check(
            "Jon 'Jay' SMITH and Kyle BROWN aka 'TINY' met 'BIG D'.",
            &["Jon 'Jay' SMITH", "Kyle BROWN aka 'TINY'", "BIG D"],
        );
    }

    #[test]
    fn forenames_and_called() {
        check(
            "A lad called Reece was with Amy Jones.",
            &["Reece", "Amy Jones"],
        );
        check("Staying at Sandra's flat.", &["Sandra"]);
    }

    #[test]
    fn line_names_and_road_words_are_not_people() {
        check("The 'JAY' line runs from Great Yarmouth via the A14.", &[]);
    }

    #[test]
    fn descriptions_of_unnamed_people_carry_gender_and_age() {
        let found = extract("An unknown male, about 40, and a girl of about 15.");
        let people: Vec<(String, Normalised)> = found
            .entities
            .into_iter()
            .filter(|e| e.kind == EntityType::Person)
            .map(|e| (e.text, e.normalised))
            .collect();
        assert_eq!(
            people,
            [
                (
                    "unknown male, about 40".to_string(),
                    Normalised::Person {
                        name: None,
                        aliases: vec![],
                        gender: Some("male"),
                        age: Some(model::AgeRange { min: 35, max: 45 })
                    }
                ),
                (
                    "girl of about 15".to_string(),
                    Normalised::Person {
                        name: None,
                        aliases: vec![],
                        gender: Some("female"),
                        age: Some(model::AgeRange { min: 13, max: 17 })
                    }
                )
            ]
        );
    }
}
