//! Telephone numbers to E.164.
//!
//! UK numbers (`07700 900123`, `+44 (0)7700-900123`, `0044 7700 900123`, `447700900123`, and
//! `7700900123` with its leading zero lost by a spreadsheet) are checked against the UK
//! numbering plan's structure here: libphonenumber refuses Ofcom's reserved drama ranges, which
//! are exactly the numbers simulations and training material must use. Other countries'
//! numbers are checked with the `phonenumber` crate (libphonenumber's metadata). A number that is
//! not valid is kept raw and marked invalid; it is never dropped.

use serde::{Deserialize, Serialize};

/// What kind of number a valid phone is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhoneKind {
    Mobile,
    Landline,
    /// UK 03, 05, 08 and 09 numbers.
    NonGeographic,
    /// A valid number outside the UK.
    International,
    /// Not a valid number: kept raw.
    Invalid,
}

/// A phone number as written, with its E.164 form when it is valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone {
    pub raw: String,
    /// `+447700900123`; `None` when the number is not valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e164: Option<String>,
    pub kind: PhoneKind,
}

impl Phone {
    /// Parses a written phone number. Never fails: an unusable number is `PhoneKind::Invalid`.
    pub fn parse(raw: &str) -> Phone {
        let (e164, kind) = match normalise(raw) {
            Some((e164, kind)) => (Some(e164), kind),
            None => (None, PhoneKind::Invalid),
        };
        Phone {
            raw: raw.to_string(),
            e164,
            kind,
        }
    }

    pub fn is_valid(&self) -> bool {
        self.e164.is_some()
    }

    /// The key that identifies the number: E.164 when valid, else its digits.
    pub fn key(&self) -> String {
        self.e164.clone().unwrap_or_else(|| {
            self.raw
                .chars()
                .filter(|c| c.is_ascii_digit())
                .collect::<String>()
        })
    }
}

/// Strips everything but digits and a leading `+`, dropping a trunk `(0)` and any extension.
fn clean(raw: &str) -> Option<(bool, String)> {
    let mut s = raw.trim().to_lowercase();
    for marker in ["ext", "x ", "extension", "#"] {
        if let Some(pos) = s.find(marker)
            && pos > 0
        {
            s.truncate(pos);
        }
    }
    let s = s.replace("(0)", "");
    let plus = s.trim_start().starts_with('+');
    let mut digits = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' | '/' | '+' | '\u{a0}' | '\t' => {}
            // Letters or other symbols mean this is not a phone number as written.
            _ => return None,
        }
    }
    if digits.is_empty() {
        return None;
    }
    Some((plus, digits))
}

fn normalise(raw: &str) -> Option<(String, PhoneKind)> {
    let (plus, digits) = clean(raw)?;
    let national = if plus {
        if let Some(rest) = digits.strip_prefix("44") {
            rest.to_string()
        } else {
            return international(&digits);
        }
    } else if let Some(rest) = digits.strip_prefix("0044") {
        rest.to_string()
    } else if let Some(rest) = digits.strip_prefix("00") {
        return international(rest);
    } else if let Some(rest) = digits.strip_prefix('0') {
        rest.to_string()
    } else if digits.starts_with("44") && digits.len() == 12 {
        digits[2..].to_string()
    } else if digits.starts_with('7') && digits.len() == 10 {
        // A mobile whose leading zero a spreadsheet dropped.
        digits
    } else {
        return None;
    };
    // `+44 07700…`: a trunk zero written after the country code.
    let national = national.strip_prefix('0').unwrap_or(&national).to_string();
    let kind = uk_kind(&national)?;
    Some((format!("+44{national}"), kind))
}

/// The UK numbering plan's shape for a national significant number (without the trunk 0).
fn uk_kind(n: &str) -> Option<PhoneKind> {
    let len = n.len();
    let first = n.as_bytes().first()?;
    match first {
        b'7' => {
            // 07[1-5,7-9] mobiles and 07624 (Isle of Man); 070 personal numbers and 076 pagers
            // are not mobiles.
            let second = *n.as_bytes().get(1)?;
            (len == 10 && (second != b'0' && (second != b'6' || n.starts_with("7624"))))
                .then_some(PhoneKind::Mobile)
        }
        b'1' => (len == 9 || len == 10).then_some(PhoneKind::Landline),
        b'2' => (len == 10).then_some(PhoneKind::Landline),
        b'3' | b'5' => (len == 10).then_some(PhoneKind::NonGeographic),
        b'8' => (len == 9 || len == 10).then_some(PhoneKind::NonGeographic),
        b'9' => (len == 10).then_some(PhoneKind::NonGeographic),
        _ => None,
    }
}

fn international(digits: &str) -> Option<(String, PhoneKind)> {
    if !(7..=15).contains(&digits.len()) {
        return None;
    }
    let with_plus = format!("+{digits}");
    let parsed = phonenumber::parse(None, &with_plus).ok()?;
    phonenumber::is_valid(&parsed).then(|| {
        (
            parsed.format().mode(phonenumber::Mode::E164).to_string(),
            PhoneKind::International,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str, e164: Option<&str>, kind: PhoneKind) {
        let p = Phone::parse(raw);
        assert_eq!(p.e164.as_deref(), e164, "{raw:?}");
        assert_eq!(p.kind, kind, "{raw:?}");
        assert_eq!(p.raw, raw);
    }

    #[test]
    fn uk_mobiles_in_every_written_form() {
        let m = Some("+447700900123");
        for raw in [
            "07700 900123",
            "07700900123",
            "07700-900-123",
            "+447700900123",
            "+44 7700 900123",
            "+44 (0)7700 900123",
            "+44 07700 900123",
            "0044 7700 900123",
            "447700900123",
            "7700900123",
            "(07700) 900 123",
            "07700.900.123",
            " 07700 900123 ",
        ] {
            check(raw, m, PhoneKind::Mobile);
        }
    }

    #[test]
    fn landlines_and_non_geographic() {
        check("0121 496 0000", Some("+441214960000"), PhoneKind::Landline);
        check("020 7946 0000", Some("+442079460000"), PhoneKind::Landline);
        check("01632 960123", Some("+441632960123"), PhoneKind::Landline);
        check(
            "0800 123 4567",
            Some("+448001234567"),
            PhoneKind::NonGeographic,
        );
        check(
            "0300 123 4567",
            Some("+443001234567"),
            PhoneKind::NonGeographic,
        );
    }

    #[test]
    fn international_numbers() {
        check(
            "+40 721 234 567",
            Some("+40721234567"),
            PhoneKind::International,
        );
        check(
            "0040 721 234 567",
            Some("+40721234567"),
            PhoneKind::International,
        );
        check(
            "+48 512 345 678",
            Some("+48512345678"),
            PhoneKind::International,
        );
    }

    #[test]
    fn invalid_numbers_are_kept_raw_and_marked() {
        for raw in [
            "07700 90012",
            "0770090012345",
            "07000 900123",
            "call me",
            "",
            "+999 123",
            "12345",
        ] {
            let p = Phone::parse(raw);
            assert_eq!(p.e164, None, "{raw:?}");
            assert_eq!(p.kind, PhoneKind::Invalid);
            assert_eq!(p.raw, raw);
        }
        assert_eq!(Phone::parse("07700 90012").key(), "0770090012");
    }

    #[test]
    fn extensions_are_dropped() {
        check(
            "0121 496 0000 ext 204",
            Some("+441214960000"),
            PhoneKind::Landline,
        );
    }
}
