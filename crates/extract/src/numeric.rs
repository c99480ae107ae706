//! Money, ages and dates: figures whose meaning depends on the words around them.
//!
//! Money is normalised to pence with its currency (`£1.2k` → 120000 GBP); ages to a band through
//! [`model::date::parse_age`], the reader ingest uses for `age_estimate` and `dob` fields; dates to
//! `YYYY-MM-DD` (day first, as UK reports write them). A bare number is an age only where the
//! words around it say so ("lads, maybe 15,", "SMITH (16)", "my daughter is 14 and").

use crate::cues::{Cue, Cues};
use crate::patterns::{window_after, window_before, words_of};
use crate::windows::{Caps, caps};
use crate::{Entity, EntityType, Normalised};
use model::date::parse_age;
use regex::Regex;
use time::{Date, Month};

pub struct Numeric {
    /// Money, ages in figures and dates in one pass; the alternative that matched is named.
    figures: Regex,
    age_band: Regex,
}

const MONTH: &str = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)";
const WEEKDAY: &str = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?";
const DECADE: &str =
    r"(?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|[1-9]0'?s)";

impl Numeric {
    pub fn new() -> Numeric {
        let re = |p: &str| Regex::new(p).unwrap_or_else(|e| panic!("pattern {p}: {e}"));
        let dates = format!(
            concat!(
                r"(?P<iso>(?-u:\b)(?P<iy>[0-9]{{4}})-(?P<im>[0-9]{{2}})-(?P<id>[0-9]{{2}})(?-u:\b))",
                r"|(?P<slash>(?-u:\b)(?P<sd>[0-9]{{1,2}})[/.](?P<sm>[0-9]{{1,2}})[/.](?P<sy>[0-9]{{4}}|[0-9]{{2}})(?-u:\b))",
                r"|(?P<hyphen>(?-u:\b)(?P<hd>[0-9]{{1,2}})-(?P<hm>[0-9]{{1,2}})-(?P<hy>[0-9]{{4}})(?-u:\b))",
                r"|(?P<words>(?-u:\b){weekday}(?P<wd>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<wm>{month})\.?(?:,?\s+(?P<wy>[0-9]{{4}}|'[0-9]{{2}}|[0-9]{{2}}(?-u:\b)))?)",
                r"|(?P<monthfirst>(?-u:\b){weekday}(?P<fm>{month})\s+(?P<fd>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<fy>[0-9]{{4}})(?-u:\b))",
            ),
            weekday = WEEKDAY,
            month = MONTH
        );
        Numeric {
            figures: re(&format!(
                "(?i:{})|(?i:{})|(?-i:{})",
                concat!(
                    r"(?P<sym>[£€$])\s?(?P<num>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?P<dec>\.[0-9]+)?(?:\s?(?P<mult>k|m|bn|grand|thousand|million)(?-u:\b))?",
                    r"|(?-u:\b)(?P<num2>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?P<dec2>\.[0-9]+)?\s?(?P<unit>quid|pounds?|grand|euros?|gbp|eur)(?-u:\b)",
                    r"|(?-u:\b)(?P<pence>[0-9]{1,3})p(?-u:\b)"
                ),
                concat!(
                    r"(?P<explicit>(?-u:\b)(?:aged?|age:)\s+(?:(?:about|around|approx\.?|approximately|roughly|c\.|circa)\s+)?[0-9]{1,2}(?:\s*(?:-|to)\s*[0-9]{1,2})?(?-u:\b))",
                    r"|(?P<years>(?-u:\b)[0-9]{1,2}(?:\s*-\s*[0-9]{1,2})?(?:\s*-\s*|\s+)(?:years?|yrs?)(?:\s*-\s*|\s+)old(?-u:\b)|(?-u:\b)[0-9]{1,2}\s?(?:yo|y/o|yrs)(?-u:\b))",
                    r"|(?P<approx>(?-u:\b)(?:about|around|approx\.?|approximately|roughly|maybe|possibly|c\.|circa)\s+[0-9]{1,2}(?:\s*-\s*[0-9]{1,2})?(?-u:\b))",
                    r"|(?P<is>(?-u:\b)(?:is|was|he's|she's|are)\s+(?:only\s+|just\s+)?(?P<isn>[0-9]{1,2})(?:\s*(?:,|\.|;|$)|\s+(?:and|but|or|now|years)(?-u:\b)))",
                    r"|(?P<bound>(?-u:\b)(?:as young as|no older than|more than|younger than|under)\s+(?P<boundn>[0-9]{1,2})(?:\s*(?:,|\.|;|$)|\s+(?:and|or|to)(?-u:\b)))",
                    r"|(?P<bracket>\((?P<bracketn>[0-9]{1,2})\))",
                    r"|(?P<comma>,\s*(?P<comman>[0-9]{1,2})\s*(?:,|\.|;|\)|$|\s+(?:of|from|and|who|is|was|has|had|gave|at|lives|said)(?-u:\b)))",
                ),
                dates,
            )),
            age_band: re(&format!(
                r"(?i)(?-u:\b)(?:(?:early|mid|late)[\s-]*)?{DECADE}(?-u:\b)"
            )),
        }
    }

    /// Bands in words run when the cues say so; the figure patterns run in the windows around
    /// figures, in one pass.
    pub fn find(
        &self,
        text: &str,
        cues: Cues,
        windows: &[(usize, usize)],
        config: &crate::Config,
        out: &mut Vec<Entity>,
    ) {
        if cues.has(Cue::Band) {
            self.find_bands(text, out);
        }
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        let found = caps(&self.figures, text, windows);
        // Pence (`40p`) have no cue word: a figure followed by `p` is looked for directly.
        let pence = || {
            text.as_bytes()
                .windows(2)
                .any(|w| w[0].is_ascii_digit() && w[1] == b'p')
        };
        if cues.has(Cue::Money) || pence() {
            self.find_money(text, &found, out);
        }
        self.find_ages(text, &found, out);
        self.find_dates(text, &found, config, out);
    }

    fn find_money(&self, text: &str, found: &[Caps], out: &mut Vec<Entity>) {
        for c in found {
            let whole = c.get(0).map_or(0..0, |m| m.range());
            let (number, decimals, multiplier, currency, score) = if let Some(sym) = c.name("sym") {
                let currency = match sym.as_str() {
                    "£" => "GBP",
                    "€" => "EUR",
                    _ => "USD",
                };
                (
                    c.name("num").map_or("", |m| m.as_str()),
                    c.name("dec").map_or("", |m| m.as_str()),
                    c.name("mult").map_or("", |m| m.as_str()),
                    currency,
                    0.95,
                )
            } else if let Some(unit) = c.name("unit") {
                let unit = unit.as_str().to_ascii_lowercase();
                let currency = if unit.starts_with("euro") || unit == "eur" {
                    "EUR"
                } else {
                    "GBP"
                };
                let multiplier = if unit == "grand" { "grand" } else { "" };
                (
                    c.name("num2").map_or("", |m| m.as_str()),
                    c.name("dec2").map_or("", |m| m.as_str()),
                    multiplier,
                    currency,
                    0.9,
                )
            } else if let Some(p) = c.name("pence") {
                let pence: i64 = p.as_str().parse().unwrap_or(0);
                out.push(Entity::new(
                    EntityType::Money,
                    text,
                    whole.start,
                    whole.end,
                    Normalised::Money {
                        pence,
                        currency: "GBP",
                    },
                    0.7,
                ));
                continue;
            } else {
                continue;
            };
            let Some(pence) = to_pence(number, decimals, multiplier) else {
                continue;
            };
            out.push(Entity::new(
                EntityType::Money,
                text,
                whole.start,
                whole.end,
                Normalised::Money { pence, currency },
                score,
            ));
        }
    }

    fn find_ages(&self, text: &str, found: &[Caps], out: &mut Vec<Entity>) {
        for c in found {
            if let Some(m) = c.name("explicit").or_else(|| c.name("years")) {
                push_age(text, m.start(), m.end(), 0.95, out);
            } else if let Some(m) = c.name("approx") {
                let after = window_after(text, m.end(), 24);
                let next_word = words_of(after).next().unwrap_or("");
                let followed_ok = after.trim_start().is_empty()
                    || after.trim_start().starts_with([',', '.', ';', ')', ':'])
                    || matches!(
                        next_word.to_ascii_lowercase().as_str(),
                        "and" | "or" | "who" | "with" | "wearing" | "years" | "yrs" | "but"
                    );
                let before = window_before(text, m.start(), 30).to_lowercase();
                let noun_of = {
                    let w: Vec<&str> = words_of(&before).collect();
                    w.len() >= 2 && w[w.len() - 1] == "of" && PERSON_NOUNS.contains(&w[w.len() - 2])
                };
                if (followed_ok || noun_of) && person_before(text, m.start(), 6) {
                    push_age(text, m.start(), m.end(), 0.8, out);
                }
            } else if let (Some(whole), Some(n)) = (c.name("bracket"), c.name("bracketn")) {
                let before = window_before(text, whole.start(), 40);
                let last = words_of(before).last().unwrap_or("");
                let name_like = last.chars().next().is_some_and(char::is_uppercase)
                    || PERSON_NOUNS.contains(&last.to_lowercase().as_str());
                if name_like && before.ends_with(' ') {
                    push_age(text, n.start(), n.end(), 0.85, out);
                }
            } else if let (Some(whole), Some(n)) = (c.name("comma"), c.name("comman")) {
                let before = window_before(text, whole.start(), 40);
                let last = words_of(before).last().unwrap_or("");
                let name_like = (last.chars().count() > 1
                    && last.chars().next().is_some_and(char::is_uppercase)
                    && !last.chars().all(|c| c.is_ascii_digit()))
                    || PERSON_NOUNS.contains(&last.to_lowercase().as_str());
                let value: u32 = n.as_str().parse().unwrap_or(0);
                if name_like && value >= 5 && !before.ends_with(|c: char| c.is_ascii_digit()) {
                    push_age(text, n.start(), n.end(), 0.8, out);
                }
            } else if let (Some(whole), Some(n)) = (
                c.name("is").or_else(|| c.name("bound")),
                c.name("isn").or_else(|| c.name("boundn")),
            ) {
                let value: u32 = n.as_str().parse().unwrap_or(0);
                let pronoun_subject = {
                    let w = whole.as_str().to_ascii_lowercase();
                    w.starts_with("he's") || w.starts_with("she's")
                };
                if value >= 5 && (pronoun_subject || person_before(text, whole.start(), 5)) {
                    push_age(text, n.start(), n.end(), 0.75, out);
                }
            }
        }
    }

    fn find_bands(&self, text: &str, out: &mut Vec<Entity>) {
        for m in self.age_band.find_iter(text) {
            let raw = m.as_str().to_ascii_lowercase();
            let qualified =
                raw.starts_with("early") || raw.starts_with("mid") || raw.starts_with("late");
            let before = window_before(text, m.start(), 30).to_ascii_lowercase();
            let before_words: Vec<&str> = words_of(&before).collect();
            let n = before_words.len();
            let in_his = n >= 2
                && before_words[n - 2] == "in"
                && matches!(before_words[n - 1], "his" | "her" | "their");
            let after_band = n >= 1
                && matches!(before_words[n - 1], "and" | "or" | "to")
                && out.iter().any(|e| {
                    e.kind == EntityType::Age && e.end <= m.start() && m.start() - e.end <= 6
                });
            let person = person_before(text, m.start(), 3);
            let teens = raw.ends_with("teens");
            let accept =
                in_his || after_band || (qualified && (person || !teens)) || (person && !teens);
            if accept {
                push_age(
                    text,
                    m.start(),
                    m.end(),
                    if in_his || qualified { 0.85 } else { 0.7 },
                    out,
                );
            }
        }
    }

    fn find_dates(
        &self,
        text: &str,
        found: &[Caps],
        config: &crate::Config,
        out: &mut Vec<Entity>,
    ) {
        let num = |c: &Caps, name: &str| c.name(name).and_then(|m| m.as_str().parse::<i32>().ok());
        for c in found {
            if c.name("iso").is_some() {
                if let (Some(y), Some(m), Some(d)) = (num(c, "iy"), num(c, "im"), num(c, "id"))
                    && let Some(date) = make_date(y, m, d)
                {
                    push_date(text, c, date, 0.95, out);
                }
            } else if c.name("slash").is_some() || c.name("hyphen").is_some() {
                let (d, m, y, y_len) = if c.name("slash").is_some() {
                    let y_len = c.name("sy").map_or(0, |m| m.as_str().len());
                    (num(c, "sd"), num(c, "sm"), num(c, "sy"), y_len)
                } else {
                    (num(c, "hd"), num(c, "hm"), num(c, "hy"), 4)
                };
                let (Some(d), Some(m), Some(y)) = (d, m, y) else {
                    continue;
                };
                let whole = c.get(0).map_or(0..0, |m| m.range());
                if crate::patterns::context_before(text, whole.start, 24, &["sort code", "s/c"]) {
                    continue;
                }
                let year = if y_len == 2 {
                    two_digit_year(y, config)
                } else {
                    y
                };
                // Day first; a second number over 12 can only be a day written month first.
                if let Some(date) = make_date(year, m, d).or_else(|| make_date(year, d, m)) {
                    push_date(text, c, date, 0.9, out);
                }
            } else if c.name("words").is_some() {
                let day = num(c, "wd");
                let month = c.name("wm").and_then(|m| month_number(m.as_str()));
                let (Some(day), Some(month)) = (day, month) else {
                    continue;
                };
                let year = c.name("wy").map(|m| {
                    let s = m.as_str().trim_start_matches('\'');
                    let y: i32 = s.parse().unwrap_or(0);
                    if s.len() == 2 {
                        two_digit_year(y, config)
                    } else {
                        y
                    }
                });
                let whole = c.get(0).map_or(0..0, |m| m.range());
                match year {
                    Some(y) => {
                        if let Some(date) = make_date(y, month, day) {
                            push_date(text, c, date, 0.95, out);
                        }
                    }
                    None => {
                        let normalised = match config.reference_date {
                            Some(reference) => yearless(reference, month, day).map(iso),
                            None => (1..=31)
                                .contains(&day)
                                .then(|| format!("--{month:02}-{day:02}")),
                        };
                        if let Some(n) = normalised {
                            out.push(Entity::new(
                                EntityType::Date,
                                text,
                                whole.start,
                                whole.end,
                                Normalised::Text(n),
                                0.8,
                            ));
                        }
                    }
                }
            } else if c.name("monthfirst").is_some() {
                let month = c.name("fm").and_then(|m| month_number(m.as_str()));
                if let (Some(m), Some(d), Some(y)) = (month, num(c, "fd"), num(c, "fy"))
                    && let Some(date) = make_date(y, m, d)
                {
                    push_date(text, c, date, 0.9, out);
                }
            }
        }
    }
}

/// Words for people, after which a bare figure is read as an age.
pub(crate) const PERSON_NOUNS: &[&str] = &[
    "male",
    "female",
    "man",
    "woman",
    "boy",
    "girl",
    "lad",
    "lads",
    "youth",
    "youths",
    "teenager",
    "teen",
    "juvenile",
    "child",
    "kid",
    "kids",
    "bloke",
    "guy",
    "son",
    "daughter",
    "brother",
    "sister",
    "he",
    "she",
    "they",
    "him",
    "her",
    "client",
    "victim",
    "pupil",
    "boys",
    "girls",
    "children",
    "men",
    "women",
    "males",
    "females",
    "person",
    "people",
    "youngsters",
    "runners",
    "suspect",
    "subject",
    "nephew",
    "niece",
    "cousin",
    "grandson",
    "granddaughter",
    "mum",
    "dad",
    "mother",
    "father",
    "witness",
    "tenant",
    "occupant",
    "resident",
    "one",
    "ones",
];

fn person_before(text: &str, pos: usize, words: usize) -> bool {
    let before = window_before(text, pos, 60);
    let list: Vec<&str> = words_of(before).collect();
    let from = list.len().saturating_sub(words);
    list[from..].iter().enumerate().any(|(i, w)| {
        let lower = w.to_lowercase();
        PERSON_NOUNS.contains(&lower.as_str())
            || (i + from + 1 == list.len()
                && before.trim_end().ends_with(',')
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().count() > 1)
    })
}

fn push_age(text: &str, start: usize, end: usize, score: f32, out: &mut Vec<Entity>) {
    let raw = &text[start..end];
    let Some(range) = age_range(raw) else {
        return;
    };
    if range.max > 110 {
        return;
    }
    out.push(Entity::new(
        EntityType::Age,
        text,
        start,
        end,
        Normalised::Age {
            min: range.min,
            max: range.max,
        },
        score,
    ));
}

/// Reads an age written in words or figures, through `model`'s age reader.
pub fn age_range(raw: &str) -> Option<model::AgeRange> {
    let mut s = raw.to_lowercase().replace(['(', ')'], "");
    for (word, digits) in [
        ("twenties", "20s"),
        ("thirties", "30s"),
        ("forties", "40s"),
        ("fifties", "50s"),
        ("sixties", "60s"),
        ("seventies", "70s"),
        ("eighties", "80s"),
        ("nineties", "90s"),
        ("'s", "s"),
    ] {
        s = s.replace(word, digits);
    }
    let s = s.replace(" to ", "-").replace(" - ", "-");
    let s = s.replace("years old", "").replace("year old", "");
    parse_age(&s)
}

fn to_pence(number: &str, decimals: &str, multiplier: &str) -> Option<i64> {
    let whole: i64 = number.replace(',', "").parse().ok()?;
    let scale: i64 = match multiplier.to_ascii_lowercase().as_str() {
        "k" | "grand" | "thousand" => 1_000,
        "m" | "million" => 1_000_000,
        "bn" => 1_000_000_000,
        _ => 1,
    };
    let frac = decimals.trim_start_matches('.');
    // Decimals scale with the multiplier: £1.2k is 1,200 pounds, £3.50 is 350 pence.
    let frac_pence = if frac.is_empty() {
        0
    } else {
        let digits = frac.len().min(9) as u32;
        let value: i64 = frac[..digits as usize].parse().ok()?;
        value.checked_mul(scale)?.checked_mul(100)? / 10_i64.pow(digits)
    };
    whole
        .checked_mul(scale)?
        .checked_mul(100)?
        .checked_add(frac_pence)
}

fn month_number(word: &str) -> Option<i32> {
    let w = word.to_ascii_lowercase();
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    MONTHS
        .iter()
        .position(|m| w.starts_with(m))
        .map(|i| i as i32 + 1)
}

fn make_date(year: i32, month: i32, day: i32) -> Option<Date> {
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()
}

/// A two-digit year: the latest year ending in those digits that is not more than a year after
/// the reference date (report dates may look ahead to a court date); without a reference, 2000
/// to 2049 for 00 to 49 and 1950 to 1999 otherwise.
fn two_digit_year(yy: i32, config: &crate::Config) -> i32 {
    match config.reference_date {
        Some(reference) => {
            let limit = reference.year() + 1;
            let mut year = limit - limit.rem_euclid(100) + yy;
            if year > limit {
                year -= 100;
            }
            year
        }
        None => {
            if yy < 50 {
                2000 + yy
            } else {
                1900 + yy
            }
        }
    }
}

/// A day and month without a year: the latest such date not after the reference date.
fn yearless(reference: Date, month: i32, day: i32) -> Option<Date> {
    let this_year = make_date(reference.year(), month, day)?;
    if this_year <= reference {
        Some(this_year)
    } else {
        make_date(reference.year() - 1, month, day)
    }
}

fn iso(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

fn push_date(text: &str, c: &Caps, date: Date, score: f32, out: &mut Vec<Entity>) {
    let whole = c.get(0).map_or(0..0, |m| m.range());
    out.push(Entity::new(
        EntityType::Date,
        text,
        whole.start,
        whole.end,
        Normalised::Text(iso(date)),
        score,
    ));
}

#[cfg(test)]
mod tests {
    use crate::{EntityType, Normalised, extract};

    fn check(input: &str, kind: EntityType, expected: &[(&str, Normalised)]) {
        let got: Vec<(String, Normalised)> = extract(input)
            .entities
            .into_iter()
            .filter(|e| e.kind == kind)
            .map(|e| {
                assert_eq!(&input[e.start..e.end], e.text);
                (e.text, e.normalised)
            })
            .collect();
        let expected: Vec<(String, Normalised)> = expected
            .iter()
            .map(|(t, n)| (t.to_string(), n.clone()))
            .collect();
        assert_eq!(got, expected, "{input:?}");
    }

    fn gbp(pence: i64) -> Normalised {
        Normalised::Money {
            pence,
            currency: "GBP",
        }
    }

    fn age(min: u8, max: u8) -> Normalised {
        Normalised::Age { min, max }
    }

    fn date(iso: &str) -> Normalised {
        Normalised::Text(iso.to_string())
    }

    #[test]
    fn money_in_pence_with_currency() {
        check(
            "Paid £400, then 400 quid, £1.2k, 2 grand, £14,350 and €450 — café bill £3.50.",
            EntityType::Money,
            &[
                ("£400", gbp(40_000)),
                ("400 quid", gbp(40_000)),
                ("£1.2k", gbp(120_000)),
                ("2 grand", gbp(200_000)),
                ("£14,350", gbp(1_435_000)),
                (
                    "€450",
                    Normalised::Money {
                        pence: 45_000,
                        currency: "EUR",
                    },
                ),
                ("£3.50", gbp(350)),
            ],
        );
    }

    #[test]
    fn ages_written_every_way() {
        check(
            "Young lads, maybe 15, outside.",
            EntityType::Age,
            &[("maybe 15", age(13, 17))],
        );
        check(
            "A 15-year-old and a 16 year old.",
            EntityType::Age,
            &[("15-year-old", age(15, 15)), ("16 year old", age(16, 16))],
        );
        check(
            "Male aged about 25, female in her mid-teens.",
            EntityType::Age,
            &[("aged about 25", age(22, 28)), ("mid-teens", age(14, 16))],
        );
        check(
            "Kai (14) and SMITH, Jon, 17, of Ely.",
            EntityType::Age,
            &[("14", age(14, 14)), ("17", age(17, 17))],
        );
        check(
            "Men in their twenties and 30s.",
            EntityType::Age,
            &[("twenties", age(20, 29)), ("30s", age(30, 39))],
        );
    }

    #[test]
    fn figures_that_are_not_ages() {
        check(
            "About 6 lads at about 3am, approximately 2200 hrs, in the 1990s.",
            EntityType::Age,
            &[],
        );
    }

    #[test]
    fn dates_day_first() {
        check(
            "On 03/02/2026, 3rd Feb 2026, Monday 9th March 2026, 2026-02-03 and February 3, 2026.",
            EntityType::Date,
            &[
                ("03/02/2026", date("2026-02-03")),
                ("3rd Feb 2026", date("2026-02-03")),
                ("Monday 9th March 2026", date("2026-03-09")),
                ("2026-02-03", date("2026-02-03")),
                ("February 3, 2026", date("2026-02-03")),
            ],
        );
    }

    #[test]
    fn yearless_dates_take_the_reference_year() {
        let config = crate::Config {
            reference_date: Some(time::macros::date!(2026 - 03 - 04)),
        };
        let found = crate::extract_with("Seen on 3 Feb and 5 May.", &config);
        let dates: Vec<&Normalised> = found
            .entities
            .iter()
            .filter(|e| e.kind == EntityType::Date)
            .map(|e| &e.normalised)
            .collect();
        assert_eq!(dates, [&date("2026-02-03"), &date("2025-05-05")]);
    }
}
