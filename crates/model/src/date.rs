//! Dates of birth and ages as UK records write them.
//!
//! Day first always (`03/02/1999` is 3 February 1999); month names in any case and length
//! (`3 Feb 99`, `3rd February 1999`); ISO (`1999-02-03`); compact police forms (`03021999`,
//! `030299`); a year or month and year alone; and ages (`15`, `age 15`, `about 15`,
//! `a 15-year-old`, `mid-teens`, `20s`).
//!
//! The century rule for two-digit years is stated once, in [`TwoDigitYearRule`]: a date of birth
//! is never after the report it is in, so `99` in a 2026 report is 1999 and `27` is 1927.

use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// How a two-digit year becomes a four-digit one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TwoDigitYearRule {
    /// The latest year ending in those two digits that is not after the reference year (the
    /// year the report was received): a person cannot be born after they are reported on.
    NotAfterReference,
}

/// An age or an age band in whole years, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeRange {
    pub min: u8,
    pub max: u8,
}

impl AgeRange {
    pub const MAX_AGE: u8 = 120;

    pub fn exact(age: u8) -> AgeRange {
        AgeRange { min: age, max: age }
    }

    /// An estimate such as `age_estimate: 40` or `about 40`: the further from childhood, the
    /// wider the band an observer's guess deserves.
    pub fn around(age: f64) -> Option<AgeRange> {
        if !age.is_finite() || age < 0.0 || age > f64::from(Self::MAX_AGE) {
            return None;
        }
        let spread = if age < 18.0 {
            2.0
        } else {
            (age * 0.12).max(3.0)
        };
        Some(AgeRange {
            min: (age - spread).max(0.0).round() as u8,
            max: (age + spread).min(f64::from(Self::MAX_AGE)).round() as u8,
        })
    }

    /// Whether someone of this age band could be a child (under 18).
    pub fn may_be_child(&self) -> bool {
        self.min < 18
    }

    /// The range of birth years that fits this age at the reference date.
    pub fn birth_years(&self, reference: Date) -> (i32, i32) {
        let y = reference.year();
        (y - i32::from(self.max) - 1, y - i32::from(self.min))
    }
}

// Dates are stored as `YYYY-MM-DD`.
time::serde::format_description!(iso_date, Date, "[year]-[month]-[day]");

/// A date of birth in whatever precision the record gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "precision", rename_all = "snake_case")]
pub enum BirthDate {
    /// A full date.
    Day {
        #[serde(with = "iso_date")]
        date: Date,
    },
    /// Month and year only (`Feb 1999`).
    Month { year: i32, month: u8 },
    /// Year only (`1999`).
    Year { year: i32 },
    /// No date, but an age or age band at the reference date (`15`, `mid-teens`).
    Age { age: AgeRange },
}

/// Why a date of birth could not be read. The raw text is kept by the caller either way.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateProblem {
    #[error("not a date or age")]
    Unreadable,
    #[error("no such date")]
    NoSuchDate,
    #[error("date of birth after the report was received")]
    InFuture,
    #[error("age over 120")]
    TooOld,
}

impl BirthDate {
    /// Parses a date of birth (or age) written in a report received on `reference`.
    pub fn parse(raw: &str, reference: Date) -> Result<BirthDate, DateProblem> {
        let s = raw.trim().to_lowercase();
        let s = s.trim_start_matches("dob").trim_start_matches(':').trim();
        if s.is_empty() {
            return Err(DateProblem::Unreadable);
        }
        if let Some(age) = parse_age(s) {
            return if age.min > AgeRange::MAX_AGE {
                Err(DateProblem::TooOld)
            } else {
                Ok(BirthDate::Age { age })
            };
        }
        let parsed = parse_date(s, reference)?;
        parsed.check(reference)
    }

    fn check(self, reference: Date) -> Result<BirthDate, DateProblem> {
        let year = self.earliest_year();
        let latest = match self {
            BirthDate::Day { date } => date,
            BirthDate::Month { year, month } => {
                Date::from_calendar_date(year, month_of(month).ok_or(DateProblem::NoSuchDate)?, 1)
                    .map_err(|_| DateProblem::NoSuchDate)?
            }
            BirthDate::Year { year } => Date::from_calendar_date(year, Month::January, 1)
                .map_err(|_| DateProblem::NoSuchDate)?,
            BirthDate::Age { .. } => return Ok(self),
        };
        if latest > reference {
            return Err(DateProblem::InFuture);
        }
        if reference.year() - year > i32::from(AgeRange::MAX_AGE) {
            return Err(DateProblem::TooOld);
        }
        Ok(self)
    }

    fn earliest_year(&self) -> i32 {
        match self {
            BirthDate::Day { date } => date.year(),
            BirthDate::Month { year, .. } | BirthDate::Year { year } => *year,
            BirthDate::Age { .. } => 0,
        }
    }

    /// The full date, when known, as `YYYY-MM-DD`.
    pub fn iso(&self) -> Option<String> {
        match self {
            BirthDate::Day { date } => Some(format!(
                "{:04}-{:02}-{:02}",
                date.year(),
                u8::from(date.month()),
                date.day()
            )),
            _ => None,
        }
    }

    /// The range of possible birth years.
    pub fn birth_years(&self, reference: Date) -> (i32, i32) {
        match self {
            BirthDate::Day { date } => (date.year(), date.year()),
            BirthDate::Month { year, .. } | BirthDate::Year { year } => (*year, *year),
            BirthDate::Age { age } => age.birth_years(reference),
        }
    }

    /// The person's age band at `at`.
    pub fn age_at(&self, at: Date) -> Option<AgeRange> {
        let (lo, hi) = match self {
            BirthDate::Day { date } => {
                let mut age = at.year() - date.year();
                if (u8::from(at.month()), at.day()) < (u8::from(date.month()), date.day()) {
                    age -= 1;
                }
                (age, age)
            }
            BirthDate::Month { year, .. } | BirthDate::Year { year } => {
                (at.year() - year - 1, at.year() - year)
            }
            BirthDate::Age { age } => return Some(*age),
        };
        if hi < 0 {
            return None;
        }
        Some(AgeRange {
            min: lo.clamp(0, 255) as u8,
            max: hi.clamp(0, 255) as u8,
        })
    }
}

fn month_of(n: u8) -> Option<Month> {
    Month::try_from(n).ok()
}

fn month_from_word(word: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let w = word.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    let w = if w == "sept" { "sep" } else { w };
    MONTHS.iter().position(|m| {
        w.starts_with(m)
            && "january february march april may june july august september october november december"
                .split(' ')
                .any(|full| full.starts_with(w))
    })
    .map(|i| i as u8 + 1)
}

fn century(yy: i32, reference: Date, rule: TwoDigitYearRule) -> i32 {
    match rule {
        TwoDigitYearRule::NotAfterReference => {
            let ref_year = reference.year();
            let mut year = ref_year - ref_year.rem_euclid(100) + yy;
            if year > ref_year {
                year -= 100;
            }
            year
        }
    }
}

fn full_year(digits: &str, reference: Date) -> Option<i32> {
    let n: i32 = digits.parse().ok()?;
    match digits.len() {
        4 => Some(n),
        2 | 1 => Some(century(n, reference, TwoDigitYearRule::NotAfterReference)),
        _ => None,
    }
}

fn day_date(year: i32, month: u8, day: u8) -> Result<BirthDate, DateProblem> {
    let m = month_of(month).ok_or(DateProblem::NoSuchDate)?;
    Date::from_calendar_date(year, m, day)
        .map(|date| BirthDate::Day { date })
        .map_err(|_| DateProblem::NoSuchDate)
}

fn parse_date(s: &str, reference: Date) -> Result<BirthDate, DateProblem> {
    // Split into numeric and alphabetic tokens, dropping separators and ordinal suffixes.
    let mut tokens: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_is_digit = false;
    for c in s.chars() {
        let is_digit = c.is_ascii_digit();
        if c.is_ascii_alphanumeric() {
            if !current.is_empty() && is_digit != current_is_digit {
                tokens.push(std::mem::take(&mut current));
            }
            current_is_digit = is_digit;
            current.push(c);
        } else if !current.is_empty() {
            tokens.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens.retain(|t| {
        !matches!(
            t.as_str(),
            "st" | "nd" | "rd" | "th" | "of" | "the" | "born" | "b"
        )
    });
    let is_num = |t: &String| t.chars().all(|c| c.is_ascii_digit());

    match tokens.as_slice() {
        // Compact forms: 03021999, 030299, 19990203.
        [t] if is_num(t) => {
            let d = t.as_str();
            match d.len() {
                8 if d.starts_with("19") || d.starts_with("20") => {
                    // YYYYMMDD only when the day-first reading is impossible.
                    let (dd, mm) = (d[..2].parse().unwrap_or(0), d[2..4].parse().unwrap_or(0));
                    if (1..=31).contains(&dd) && (1..=12).contains(&mm) {
                        let y = d[4..].parse().map_err(|_| DateProblem::Unreadable)?;
                        if let Ok(v) = day_date(y, mm, dd) {
                            return Ok(v);
                        }
                    }
                    let y = d[..4].parse().map_err(|_| DateProblem::Unreadable)?;
                    day_date(y, d[4..6].parse().unwrap_or(0), d[6..].parse().unwrap_or(0))
                }
                8 => day_date(
                    d[4..].parse().map_err(|_| DateProblem::Unreadable)?,
                    d[2..4].parse().unwrap_or(0),
                    d[..2].parse().unwrap_or(0),
                ),
                6 => day_date(
                    full_year(&d[4..], reference).ok_or(DateProblem::Unreadable)?,
                    d[2..4].parse().unwrap_or(0),
                    d[..2].parse().unwrap_or(0),
                ),
                4 => Ok(BirthDate::Year {
                    year: d.parse().map_err(|_| DateProblem::Unreadable)?,
                }),
                _ => Err(DateProblem::Unreadable),
            }
        }
        [a, b, c] if is_num(a) && is_num(b) && is_num(c) => {
            if a.len() == 4 {
                // ISO: 1999-02-03.
                return day_date(
                    a.parse().map_err(|_| DateProblem::Unreadable)?,
                    b.parse().map_err(|_| DateProblem::Unreadable)?,
                    c.parse().map_err(|_| DateProblem::Unreadable)?,
                );
            }
            let year = full_year(c, reference).ok_or(DateProblem::Unreadable)?;
            let first: u8 = a.parse().map_err(|_| DateProblem::Unreadable)?;
            let second: u8 = b.parse().map_err(|_| DateProblem::Unreadable)?;
            // Day first; a second number over 12 can only be a day written month-first.
            if second > 12 && first <= 12 {
                day_date(year, first, second)
            } else {
                day_date(year, second, first)
            }
        }
        // 3 Feb 99, 3rd February 1999.
        [d, m, y] if is_num(d) && !is_num(m) && is_num(y) => {
            let month = month_from_word(m).ok_or(DateProblem::Unreadable)?;
            day_date(
                full_year(y, reference).ok_or(DateProblem::Unreadable)?,
                month,
                d.parse().map_err(|_| DateProblem::Unreadable)?,
            )
        }
        // February 3 1999.
        [m, d, y] if !is_num(m) && is_num(d) && is_num(y) => {
            let month = month_from_word(m).ok_or(DateProblem::Unreadable)?;
            day_date(
                full_year(y, reference).ok_or(DateProblem::Unreadable)?,
                month,
                d.parse().map_err(|_| DateProblem::Unreadable)?,
            )
        }
        // Feb 1999, 02/1999.
        [m, y] if is_num(y) && y.len() == 4 => {
            let month = if is_num(m) {
                m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))
            } else {
                month_from_word(m)
            }
            .ok_or(DateProblem::Unreadable)?;
            Ok(BirthDate::Month {
                year: y.parse().map_err(|_| DateProblem::Unreadable)?,
                month,
            })
        }
        [m, y] if !is_num(m) && is_num(y) => {
            let month = month_from_word(m).ok_or(DateProblem::Unreadable)?;
            Ok(BirthDate::Month {
                year: full_year(y, reference).ok_or(DateProblem::Unreadable)?,
                month,
            })
        }
        _ => Err(DateProblem::Unreadable),
    }
}

/// Reads ages and age bands: `15`, `age 15`, `aged 15`, `15 yrs`, `15yo`, `about 15`,
/// `approx. 15`, `a 15-year-old`, `15-16`, `mid-teens`, `late teens`, `20s`, `early 30s`.
pub fn parse_age(s: &str) -> Option<AgeRange> {
    let s = s.trim().to_lowercase();
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return None;
    }
    let mut approximate = false;
    let mut rest: Vec<String> = Vec::new();
    for w in &words {
        match *w {
            "about" | "approx" | "approx." | "approximately" | "around" | "roughly" | "c."
            | "circa" | "maybe" | "possibly" | "est" | "est." | "estimated" | "~" => {
                approximate = true
            }
            "age" | "aged" | "age:" | "a" | "an" | "is" | "of" | "years" | "year" | "yrs"
            | "yr" | "y/o" | "yo" | "old" | "years-old" | "year-old" => {}
            other => rest.push(
                other
                    .trim_start_matches('~')
                    .trim_end_matches("-year-old")
                    .trim_end_matches("-years-old")
                    .trim_end_matches("yrs")
                    .trim_end_matches("yo")
                    .trim_end_matches("y/o")
                    .to_string(),
            ),
        }
    }
    if s.starts_with('~') {
        approximate = true;
    }
    if rest.is_empty() {
        return None;
    }
    let joined = rest.join(" ");
    // Bands in words.
    let band = |min: u8, max: u8| Some(AgeRange { min, max });
    match joined.as_str() {
        "teen" | "teens" | "teenage" | "teenager" | "teenaged" => return band(13, 19),
        "early teens" | "early-teens" => return band(13, 15),
        "mid teens" | "mid-teens" => return band(14, 16),
        "late teens" | "late-teens" => return band(17, 19),
        _ => {}
    }
    // Decades: 20s, early 30s, mid-40s, late 50s.
    let decade = |w: &str| -> Option<u8> {
        let d = w.trim_end_matches('s').trim_end_matches('\'');
        (w.ends_with('s') && d.len() == 2 && d.ends_with('0'))
            .then(|| d.parse::<u8>().ok())
            .flatten()
    };
    if let Some(d) = decade(&joined) {
        return band(d, d + 9);
    }
    if let [qual, w] = rest.as_slice() {
        let (qual, w) = (qual.as_str(), w.as_str());
        let (q, w) = match (qual, w) {
            (q, w) if q.contains('-') && w.is_empty() => (q, w),
            _ => (qual, w),
        };
        if let Some(d) = decade(w) {
            return match q.trim_end_matches('-') {
                "early" => band(d, d + 3),
                "mid" => band(d + 3, d + 6),
                "late" => band(d + 6, d + 9),
                _ => None,
            };
        }
    }
    if let [w] = rest.as_slice()
        && let Some((q, d)) = w.split_once('-')
        && let Some(d) = decade(d)
    {
        return match q {
            "early" => band(d, d + 3),
            "mid" => band(d + 3, d + 6),
            "late" => band(d + 6, d + 9),
            _ => None,
        };
    }
    // Plain numbers and ranges: 15, 15-16, 15/16.
    if let [w] = rest.as_slice() {
        if let Some((a, b)) = w.split_once(['-', '/']) {
            let (a, b) = (a.parse::<u8>().ok()?, b.parse::<u8>().ok()?);
            if a <= b && b <= AgeRange::MAX_AGE && b - a <= 20 {
                return band(a, b);
            }
            return None;
        }
        let n: f64 = w.parse().ok()?;
        if !(0.0..=f64::from(u8::MAX)).contains(&n) || w.len() > 3 {
            return None;
        }
        return if approximate {
            AgeRange::around(n)
        } else {
            Some(AgeRange::exact(n as u8))
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const REF: Date = date!(2026 - 03 - 04);

    fn day(raw: &str) -> String {
        BirthDate::parse(raw, REF)
            .unwrap_or_else(|e| panic!("{raw:?}: {e}"))
            .iso()
            .unwrap_or_else(|| panic!("{raw:?} has no day"))
    }

    #[test]
    fn uk_forms_are_day_first() {
        assert_eq!(day("03/02/1999"), "1999-02-03");
        assert_eq!(day("3/2/99"), "1999-02-03");
        assert_eq!(day("3 Feb 99"), "1999-02-03");
        assert_eq!(day("03-FEB-1999"), "1999-02-03");
        assert_eq!(day("3rd February 1999"), "1999-02-03");
        assert_eq!(day("February 3rd, 1999"), "1999-02-03");
        assert_eq!(day("1999-02-03"), "1999-02-03");
        assert_eq!(day("03.02.1999"), "1999-02-03");
        assert_eq!(day("03021999"), "1999-02-03");
        assert_eq!(day("030299"), "1999-02-03");
        assert_eq!(day("19990203"), "1999-02-03");
        assert_eq!(day("DOB: 3 sept 2010"), "2010-09-03");
    }

    #[test]
    fn month_first_only_when_day_first_is_impossible() {
        assert_eq!(day("02/13/1999"), "1999-02-13");
        assert_eq!(day("12/11/1999"), "1999-11-12");
    }

    #[test]
    fn two_digit_years_follow_the_stated_rule() {
        assert_eq!(day("1/1/26"), "2026-01-01");
        assert_eq!(day("1/1/27"), "1927-01-01");
        assert_eq!(day("1/1/00"), "2000-01-01");
        assert_eq!(day("1/1/10"), "2010-01-01");
    }

    #[test]
    fn partial_dates() {
        assert_eq!(
            BirthDate::parse("Feb 1999", REF),
            Ok(BirthDate::Month {
                year: 1999,
                month: 2
            })
        );
        assert_eq!(
            BirthDate::parse("1999", REF),
            Ok(BirthDate::Year { year: 1999 })
        );
    }

    #[test]
    fn impossible_dates_are_problems() {
        assert_eq!(
            BirthDate::parse("31/02/1999", REF),
            Err(DateProblem::NoSuchDate)
        );
        assert_eq!(
            BirthDate::parse("01/01/2030", REF),
            Err(DateProblem::InFuture)
        );
        assert_eq!(
            BirthDate::parse("01/01/1850", REF),
            Err(DateProblem::TooOld)
        );
        assert_eq!(
            BirthDate::parse("not known", REF),
            Err(DateProblem::Unreadable)
        );
        assert_eq!(BirthDate::parse("", REF), Err(DateProblem::Unreadable));
    }

    fn age(raw: &str) -> (u8, u8) {
        let a = parse_age(raw).unwrap_or_else(|| panic!("{raw:?}"));
        (a.min, a.max)
    }

    #[test]
    fn ages_and_bands() {
        assert_eq!(age("15"), (15, 15));
        assert_eq!(age("age 15"), (15, 15));
        assert_eq!(age("aged 15"), (15, 15));
        assert_eq!(age("15 yrs"), (15, 15));
        assert_eq!(age("15yo"), (15, 15));
        assert_eq!(age("a 15-year-old"), (15, 15));
        assert_eq!(age("about 15"), (13, 17));
        assert_eq!(age("~40"), (35, 45));
        assert_eq!(age("15-16"), (15, 16));
        assert_eq!(age("mid-teens"), (14, 16));
        assert_eq!(age("late teens"), (17, 19));
        assert_eq!(age("20s"), (20, 29));
        assert_eq!(age("early 30s"), (30, 33));
        assert_eq!(age("late-50s"), (56, 59));
        assert_eq!(parse_age("1999"), None);
        assert_eq!(parse_age("Feb"), None);
    }

    #[test]
    fn ages_at_dates() {
        let dob = BirthDate::parse("03/02/2011", REF).unwrap();
        assert_eq!(dob.age_at(REF), Some(AgeRange::exact(15)));
        assert_eq!(dob.age_at(date!(2026 - 02 - 02)), Some(AgeRange::exact(14)));
        let band = BirthDate::parse("about 15", REF).unwrap();
        assert_eq!(band.birth_years(REF), (2008, 2013));
    }
}
