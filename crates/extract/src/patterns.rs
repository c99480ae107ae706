//! Entities with a fixed written shape: phone numbers, vehicle registrations, postcodes, e-mail
//! addresses, sort codes and account numbers.
//!
//! Each is found by its shape and then checked by the normaliser in `model` that ingest uses
//! for structured fields ([`model::Phone`], [`model::Vrm`], [`model::Postcode`]), so a number
//! found in text and the same number in a structured field normalise alike. Shapes that ordinary
//! words and road names share with registrations (`A14 FOR`, `the M6`) need the plate's letters
//! written in capitals or a vehicle word nearby.

use crate::cues::{Cue, Cues};
use crate::text::{Token, TokenKind};
use crate::{Entity, EntityType, Normalised};
use model::{Phone, PhoneKind, Postcode, Vrm};
use regex::Regex;

pub struct Patterns {
    vrm_current: Regex,
    vrm_prefix: Regex,
    vrm_suffix: Regex,
    postcode: Regex,
    email: Regex,
    sort_code: Regex,
    account_number: Regex,
    iban: Regex,
}

impl Patterns {
    pub fn new() -> Patterns {
        let re = |p: &str| Regex::new(p).unwrap_or_else(|e| panic!("pattern {p}: {e}"));
        Patterns {
            vrm_current: re(r"(?i)^([a-z]{2}[0-9]{2})[ -]?([a-z]{3})(?-u:\b)"),
            vrm_prefix: re(r"(?i)^([a-z][0-9]{1,3})[ -]?([a-z]{3})(?-u:\b)"),
            vrm_suffix: re(r"(?i)^([a-z]{3})[ -]?([0-9]{1,3}[a-z])(?-u:\b)"),
            postcode: re(r"(?i)^([a-z]{1,2}[0-9][a-z0-9]?) ?([0-9][a-z]{2})(?-u:\b)"),
            email: re(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"),
            sort_code: re(
                r"(?-u:\b)[0-9]{2}[- ][0-9]{2}[- ][0-9]{2}(?-u:\b)|(?-u:\b)[0-9]{6}(?-u:\b)",
            ),
            account_number: re(r"(?-u:\b)[0-9]{8}(?-u:\b)"),
            iban: re(r"(?-u:\b)GB[0-9]{2} ?[A-Z]{4}(?: ?[0-9]{2,4}){4}(?-u:\b)"),
        }
    }

    pub fn find(&self, text: &str, cues: Cues, tokens: &[Token], out: &mut Vec<Entity>) {
        find_phones(text, out);
        if text.bytes().any(|b| b.is_ascii_digit()) {
            let starts = candidate_starts(text, tokens);
            self.find_vrms(text, &starts, out);
            self.find_postcodes(text, &starts, out);
            if cues.has(Cue::Bank) {
                self.find_accounts(text, out);
            }
        }
        if text.contains('@') {
            for m in self.email.find_iter(text) {
                out.push(Entity::new(
                    EntityType::Email,
                    text,
                    m.start(),
                    m.end(),
                    Normalised::Text(m.as_str().to_lowercase()),
                    0.95,
                ));
            }
        }
    }

    fn find_vrms(&self, text: &str, starts: &[usize], out: &mut Vec<Entity>) {
        let shaped = |s: usize, shape: &[Kind]| shape_at(text.as_bytes(), s, shape);
        for m in starts
            .iter()
            .filter(|&&s| shaped(s, &[Kind::Letter, Kind::Letter, Kind::Digit, Kind::Digit]))
            .filter_map(|&s| captures_at(&self.vrm_current, text, s))
        {
            let whole = m.0.clone();
            let m = &m.1;
            let raw = &text[whole.clone()];
            let letters_case = case_of(raw);
            if letters_case == Case::Mixed {
                continue;
            }
            let c: Vec<char> = raw
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_uppercase())
                .collect();
            let age: u32 = c[2].to_digit(10).unwrap_or(0) * 10 + c[3].to_digit(10).unwrap_or(0);
            let valid_age = (2..=29).contains(&age) || (51..=79).contains(&age);
            let valid_letters = !matches!(c[0], 'I' | 'Q' | 'Z')
                && !matches!(c[1], 'I' | 'Q' | 'Z')
                && c[4..].iter().all(|l| !matches!(l, 'I' | 'Q'));
            if !valid_age || !valid_letters {
                continue;
            }
            let tail = m.get(2).map_or("", |g| g.as_str()).to_ascii_lowercase();
            let context = vehicle_context(text, whole.start, whole.end);
            let score = match (letters_case, context) {
                (Case::Upper, true) => 0.97,
                (Case::Upper, false) => 0.9,
                (_, true) => 0.9,
                (_, false) if COMMON_THREE.contains(&tail.as_str()) => continue,
                (_, false) => 0.75,
            };
            push_vrm(text, whole.start, whole.end, score, out);
        }
        for (re, year_letter_first) in [(&self.vrm_prefix, true), (&self.vrm_suffix, false)] {
            let shape: &[Kind] = if year_letter_first {
                &[Kind::Upper, Kind::Digit]
            } else {
                &[Kind::Upper, Kind::Upper, Kind::Upper]
            };
            for (whole, m) in starts
                .iter()
                .filter(|&&s| shaped(s, shape))
                .filter_map(|&s| captures_at(re, text, s))
            {
                let raw = &text[whole.clone()];
                let case = case_of(raw);
                let context = vehicle_context(text, whole.start, whole.end);
                // Road numbers (`A14`), sections and words share these shapes; plates written
                // in lower case in these older formats are too rare to risk.
                if case != Case::Upper {
                    continue;
                }
                let upper = raw.to_ascii_uppercase();
                let year = if year_letter_first {
                    upper.chars().next()
                } else {
                    upper.chars().last()
                };
                if year.is_none_or(|y| matches!(y, 'I' | 'O' | 'Q' | 'U' | 'Z')) {
                    continue;
                }
                let letters = m.get(if year_letter_first { 2 } else { 1 });
                let word = letters.map_or("", |g| g.as_str()).to_ascii_lowercase();
                if !context
                    && (COMMON_THREE.contains(&word.as_str())
                        || ACRONYMS_THREE.contains(&word.as_str()))
                {
                    continue;
                }
                push_vrm(
                    text,
                    whole.start,
                    whole.end,
                    if context { 0.9 } else { 0.7 },
                    out,
                );
            }
        }
    }

    fn find_postcodes(&self, text: &str, starts: &[usize], out: &mut Vec<Entity>) {
        let bytes = text.as_bytes();
        for (range, _) in starts
            .iter()
            .filter(|&&s| {
                shape_at(bytes, s, &[Kind::Letter, Kind::Digit])
                    || shape_at(bytes, s, &[Kind::Letter, Kind::Letter, Kind::Digit])
            })
            .filter_map(|&s| captures_at(&self.postcode, text, s))
        {
            let m = Match {
                start: range.start,
                end: range.end,
                text: &text[range.clone()],
            };
            let raw = m.as_str();
            let case = case_of(raw);
            if case == Case::Mixed {
                continue;
            }
            if let Ok(pc) = Postcode::parse(raw) {
                out.push(Entity::new(
                    EntityType::Postcode,
                    text,
                    m.start(),
                    m.end(),
                    Normalised::Text(pc.to_string()),
                    if case == Case::Upper { 0.95 } else { 0.85 },
                ));
            }
        }
    }

    fn find_accounts(&self, text: &str, out: &mut Vec<Entity>) {
        for m in self.sort_code.find_iter(text) {
            let raw = m.as_str();
            let named = context_before(
                text,
                m.start(),
                24,
                &["sort code", "sortcode", "s/c", "sort"],
            );
            let compact = raw.len() == 6;
            let date_like = {
                let d: Vec<u32> = raw
                    .split(['-', ' '])
                    .filter_map(|p| p.parse().ok())
                    .collect();
                d.len() == 3 && (1..=31).contains(&d[0]) && (1..=12).contains(&d[1])
            };
            let score = if named {
                0.9
            } else if !compact && !date_like && raw.contains('-') {
                0.6
            } else {
                continue;
            };
            let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
            out.push(Entity::new(
                EntityType::Account,
                text,
                m.start(),
                m.end(),
                Normalised::Account {
                    sort_code: Some(format!(
                        "{}-{}-{}",
                        &digits[..2],
                        &digits[2..4],
                        &digits[4..]
                    )),
                    account_number: None,
                },
                score,
            ));
        }
        for m in self.account_number.find_iter(text) {
            let named = context_before(
                text,
                m.start(),
                32,
                &["account", "a/c", "acc", "acct", "bank"],
            ) || context_before(text, m.start(), 16, &["sort code"]);
            if !named {
                continue;
            }
            out.push(Entity::new(
                EntityType::Account,
                text,
                m.start(),
                m.end(),
                Normalised::Account {
                    sort_code: None,
                    account_number: Some(m.as_str().to_string()),
                },
                0.85,
            ));
        }
        for m in self.iban.find_iter(text) {
            let compact: String = m.as_str().chars().filter(|c| !c.is_whitespace()).collect();
            if compact.len() != 22 {
                continue;
            }
            out.push(Entity::new(
                EntityType::Account,
                text,
                m.start(),
                m.end(),
                Normalised::Account {
                    sort_code: None,
                    account_number: Some(compact),
                },
                0.95,
            ));
        }
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Letter,
    Upper,
    Digit,
}

/// Whether the bytes at `start` have the given shape: a cheap test before a pattern.
fn shape_at(bytes: &[u8], start: usize, shape: &[Kind]) -> bool {
    shape.iter().enumerate().all(|(k, kind)| {
        bytes.get(start + k).is_some_and(|b| match kind {
            Kind::Letter => b.is_ascii_alphabetic(),
            Kind::Upper => b.is_ascii_uppercase(),
            Kind::Digit => b.is_ascii_digit(),
        })
    })
}

/// Byte offsets where a registration or postcode may start: a token of letters and digits
/// (`AB12`, `PE1`, `G858`) or a three-letter word followed by a figure (`TFU 424R`).
fn candidate_starts(text: &str, tokens: &[Token]) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if !text.as_bytes()[t.start].is_ascii_alphabetic() {
            continue;
        }
        let s = t.text(text);
        let candidate = match t.kind {
            TokenKind::Alnum => s.len() <= 8 && s.is_ascii(),
            TokenKind::Word => {
                s.len() <= 3
                    && s.is_ascii()
                    && tokens.get(i + 1).is_some_and(|n| {
                        n.start - t.end <= 1
                            && matches!(n.kind, TokenKind::Number | TokenKind::Alnum)
                    })
            }
            _ => false,
        };
        if candidate {
            out.push(t.start);
        }
    }
    out
}

/// An anchored match of `re` (whose pattern starts with `^`) at byte `start`: its range in the
/// whole text and its captures. Only a short slice is searched, so a match must also end at a
/// word boundary of the whole text.
fn captures_at<'t>(
    re: &Regex,
    text: &'t str,
    start: usize,
) -> Option<(std::ops::Range<usize>, regex::Captures<'t>)> {
    let mut end = (start + 16).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let c = re.captures(&text[start..end])?;
    let whole = c.get(0)?;
    let after = text[start + whole.end()..].chars().next();
    if after.is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some((start + whole.start()..start + whole.end(), c))
}

struct Match<'t> {
    start: usize,
    end: usize,
    text: &'t str,
}

impl<'t> Match<'t> {
    fn as_str(&self) -> &'t str {
        self.text
    }
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
}

fn push_vrm(text: &str, start: usize, end: usize, score: f32, out: &mut Vec<Entity>) {
    let vrm = Vrm::parse(&text[start..end]);
    if let Some(normalised) = vrm
        .normalised
        .filter(|_| vrm.format != model::VrmFormat::Unrecognised)
    {
        out.push(Entity::new(
            EntityType::Vrm,
            text,
            start,
            end,
            Normalised::Text(normalised),
            score,
        ));
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Upper,
    Lower,
    Mixed,
}

fn case_of(raw: &str) -> Case {
    let upper = raw.chars().filter(char::is_ascii_uppercase).count();
    let lower = raw.chars().filter(char::is_ascii_lowercase).count();
    match (upper, lower) {
        (_, 0) => Case::Upper,
        (0, _) => Case::Lower,
        _ => Case::Mixed,
    }
}

/// Three-letter words that end too many ordinary phrases to be read as a registration's letters
/// without a vehicle nearby.
const COMMON_THREE: &[&str] = &[
    "the", "and", "for", "was", "are", "but", "not", "you", "all", "any", "can", "had", "her",
    "him", "his", "how", "man", "new", "now", "old", "one", "our", "out", "see", "she", "two",
    "who", "boy", "did", "get", "has", "let", "put", "say", "too", "use", "way", "day", "off",
    "yes", "yet", "ago", "got", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "hrs", "mph",
    "yrs", "per", "via", "end", "ten", "six", "few", "bus", "car", "van", "kid", "men", "lad",
    "own", "own", "its", "why", "try", "set", "run", "met", "saw", "far", "big", "bag", "age",
];

/// Acronyms that follow road numbers and section numbers in reports.
const ACRONYMS_THREE: &[&str] = &[
    "nca", "hmo", "asb", "pnc", "rta", "nrm", "yot", "cps", "gps", "cid",
];

const VEHICLE_WORDS: &[&str] = &[
    "car",
    "van",
    "vehicle",
    "vrm",
    "reg",
    "registration",
    "registered",
    "plate",
    "plates",
    "index",
    "keeper",
    "driving",
    "driver",
    "drove",
    "drives",
    "drive",
    "anpr",
    "pnc",
    "motor",
    "ford",
    "vauxhall",
    "audi",
    "bmw",
    "vw",
    "volkswagen",
    "mercedes",
    "merc",
    "kia",
    "toyota",
    "nissan",
    "seat",
    "golf",
    "corsa",
    "fiesta",
    "focus",
    "astra",
    "polo",
    "transit",
    "rover",
    "peugeot",
    "renault",
    "honda",
    "hyundai",
    "skoda",
    "citroen",
    "fiat",
    "mini",
    "jaguar",
    "lexus",
    "volvo",
    "tesla",
    "minibus",
    "lorry",
    "hgv",
    "taxi",
    "motorbike",
    "moped",
    "scooter",
    "hatchback",
    "saloon",
    "estate",
    "leon",
    "clio",
    "yaris",
    "qashqai",
    "insignia",
    "punto",
];

fn vehicle_context(text: &str, start: usize, end: usize) -> bool {
    let before = window_before(text, start, 60);
    let after = window_after(text, end, 30);
    words_of(before)
        .chain(words_of(after))
        .any(|w| VEHICLE_WORDS.iter().any(|v| w.eq_ignore_ascii_case(v)))
}

pub(crate) fn window_before(text: &str, pos: usize, bytes: usize) -> &str {
    let mut from = pos.saturating_sub(bytes);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..pos]
}

pub(crate) fn window_after(text: &str, pos: usize, bytes: usize) -> &str {
    let mut to = (pos + bytes).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    &text[pos..to]
}

pub(crate) fn words_of(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric() && c != '/')
        .filter(|w| !w.is_empty())
}

/// Whether one of `cues` (lower case) ends within `bytes` before `pos`.
pub(crate) fn context_before(text: &str, pos: usize, bytes: usize, cues: &[&str]) -> bool {
    let before = window_before(text, pos, bytes).to_ascii_lowercase();
    cues.iter().any(|c| {
        before.match_indices(c).any(|(i, _)| {
            let ok_start = i == 0
                || !before[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
            let after = &before[i + c.len()..];
            let ok_end = !after.chars().next().is_some_and(char::is_alphanumeric);
            ok_start && ok_end
        })
    })
}

/// Phone numbers: runs of digits and the separators people write between them, tried from the
/// longest run down so that a number followed by another figure is still found.
fn find_phones(text: &str, out: &mut Vec<Entity>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let starts = b.is_ascii_digit()
            || ((b == b'+' || b == b'(')
                && bytes
                    .get(i + 1)
                    .is_some_and(|n| n.is_ascii_digit() || *n == b'0'));
        if !starts {
            i += 1;
            continue;
        }
        let prev_ok = i == 0 || {
            let p = bytes[i - 1];
            !(p.is_ascii_alphanumeric()
                || matches!(p, b'.' | b'/' | b':' | b'-' | b',')
                || p >= 0x80)
        };
        if !prev_ok {
            i += 1;
            continue;
        }
        // Extend over digits and single separators.
        let mut j = i;
        let mut digits = 0;
        // Ends of the digit groups of the run (at most 16 are tried).
        let mut group_ends = [0usize; 16];
        let mut groups = 0;
        let mut last_sep = false;
        while j < bytes.len() {
            let c = bytes[j];
            if c.is_ascii_digit() {
                digits += 1;
                last_sep = false;
                j += 1;
                if !bytes.get(j).is_some_and(u8::is_ascii_digit) && groups < group_ends.len() {
                    group_ends[groups] = j;
                    groups += 1;
                }
            } else if c == b'+' && j == i {
                j += 1;
            } else if matches!(c, b' ' | b'-' | b'.' | b'(' | b')') {
                let paren = matches!(c, b'(' | b')');
                if last_sep && !paren && !matches!(bytes[j - 1], b'(' | b')') {
                    break;
                }
                last_sep = true;
                j += 1;
            } else {
                break;
            }
            if digits > 15 {
                break;
            }
        }
        let mut accepted = None;
        while groups > 0 {
            let end = group_ends[groups - 1];
            let candidate = &text[i..end];
            let n = candidate.bytes().filter(u8::is_ascii_digit).count();
            if n < 9 {
                break;
            }
            let next_ok = !bytes.get(end).is_some_and(|c| c.is_ascii_alphanumeric());
            if next_ok {
                let phone = Phone::parse(candidate);
                let written_national = candidate.starts_with('0')
                    || candidate.starts_with('+')
                    || candidate.starts_with("(0");
                let ok = match phone.kind {
                    PhoneKind::Mobile | PhoneKind::Landline | PhoneKind::NonGeographic => true,
                    PhoneKind::International => written_national,
                    PhoneKind::Invalid => false,
                };
                if ok && let Some(e164) = phone.e164 {
                    let spaced_digits = candidate.split(' ').filter(|g| g.len() == 1).count() > 4;
                    let score = if !written_national {
                        0.7
                    } else if spaced_digits {
                        0.8
                    } else if phone.kind == PhoneKind::International {
                        0.85
                    } else {
                        0.95
                    };
                    accepted = Some((end, e164, score));
                    break;
                }
            }
            groups -= 1;
        }
        match accepted {
            Some((end, e164, score)) => {
                let start = if bytes[i] == b'(' && !text[i..end].contains(')') {
                    i + 1
                } else {
                    i
                };
                out.push(Entity::new(
                    EntityType::Phone,
                    text,
                    start,
                    end,
                    Normalised::Text(e164),
                    score,
                ));
                i = end;
            }
            None => {
                // Skip the rest of this run of digits.
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{EntityType, extract};

    fn check(input: &str, kind: EntityType, expected: &[(&str, &str)]) {
        let got: Vec<(String, String)> = extract(input)
            .entities
            .into_iter()
            .filter(|e| e.kind == kind)
            .map(|e| {
                assert_eq!(&input[e.start..e.end], e.text, "span of {:?}", e.text);
                (
                    e.text,
                    e.normalised.as_text().unwrap_or_default().to_string(),
                )
            })
            .collect();
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, expected, "{input:?}");
    }

    #[test]
    fn phones_in_every_written_form() {
        for raw in [
            "07700 900123",
            "07700900123",
            "07700-900-123",
            "+44 7700 900123",
            "+44 (0)7700 900123",
            "0044 7700 900123",
            "07700 900 123",
            "0 7 7 0 0 9 0 0 1 2 3",
        ] {
            check(
                &format!("Call {raw}, now."),
                EntityType::Phone,
                &[(raw, "+447700900123")],
            );
        }
        check(
            "Landline 0121 496 0000 and 01632 960123.",
            EntityType::Phone,
            &[
                ("0121 496 0000", "+441214960000"),
                ("01632 960123", "+441632960123"),
            ],
        );
        check(
            "Numbers 07700900574 07700 900 575 2 times.",
            EntityType::Phone,
            &[
                ("07700900574", "+447700900574"),
                ("07700 900 575", "+447700900575"),
            ],
        );
    }

    #[test]
    fn figures_that_are_not_phones() {
        check(
            "DOB 03/02/2009, £14,350 seized, account 12345678, at 2200 hrs on 12.05.2007.",
            EntityType::Phone,
            &[],
        );
    }

    #[test]
    fn registrations_and_their_look_alikes() {
        check(
            "A silver Focus AB12 CDE, a van reg ab18 xyz, G858 RTY and TFU 424R.",
            EntityType::Vrm,
            &[
                ("AB12 CDE", "AB12CDE"),
                ("ab18 xyz", "AB18XYZ"),
                ("G858 RTY", "G858RTY"),
                ("TFU 424R", "TFU424R"),
            ],
        );
        check(
            "Via the M6 and the A14 to SW1A, postcode district AB12, then on 12 may.",
            EntityType::Vrm,
            &[],
        );
    }

    #[test]
    fn postcodes_any_case() {
        check(
            "At PE1 2AB or pe13 1xy or SW1A 1AA, not PE1.",
            EntityType::Postcode,
            &[
                ("PE1 2AB", "PE1 2AB"),
                ("pe13 1xy", "PE13 1XY"),
                ("SW1A 1AA", "SW1A 1AA"),
            ],
        );
    }

    #[test]
    fn emails() {
        check(
            "Write to J.Patel@Example.gov.uk.",
            EntityType::Email,
            &[("J.Patel@Example.gov.uk", "j.patel@example.gov.uk")],
        );
    }
}
