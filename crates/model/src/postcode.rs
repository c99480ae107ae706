//! UK postcodes: validated against the Royal Mail format and written canonically, upper case
//! with one space before the inward code (`pe12ab` → `PE1 2AB`).

use serde::{Deserialize, Serialize};

/// A valid UK postcode in canonical form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Postcode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a UK postcode")]
pub struct PostcodeError;

impl Postcode {
    /// Parses a written postcode. Case, spacing and a letter O written for the zero that starts
    /// every inward code are forgiven; anything else that is not a valid postcode is an error.
    pub fn parse(raw: &str) -> Result<Postcode, PostcodeError> {
        let mut compact: Vec<char> = raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(|c| c.to_uppercase())
            .collect();
        if !(5..=7).contains(&compact.len()) || !compact.iter().all(|c| c.is_ascii_alphanumeric()) {
            return Err(PostcodeError);
        }
        let inward_start = compact.len() - 3;
        if compact[inward_start] == 'O' {
            compact[inward_start] = '0';
        }
        let compact: String = compact.into_iter().collect();
        if compact == "GIR0AA" {
            return Ok(Postcode("GIR 0AA".into()));
        }
        let (outward, inward) = compact.split_at(inward_start);
        if !valid_outward(outward) || !valid_inward(inward) {
            return Err(PostcodeError);
        }
        Ok(Postcode(format!("{outward} {inward}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The outward code (`PE1`), which names a postcode district.
    pub fn outward(&self) -> &str {
        self.0.split(' ').next().unwrap_or(&self.0)
    }

    /// The postcode sector (`PE1 2`), a few thousand addresses.
    pub fn sector(&self) -> &str {
        &self.0[..self.0.len() - 2]
    }

    /// The letters of the postcode area (`PE`).
    pub fn area(&self) -> &str {
        let end = self
            .0
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(self.0.len());
        &self.0[..end]
    }
}

fn valid_outward(o: &str) -> bool {
    let c: Vec<char> = o.chars().collect();
    let letter = |ch: char| ch.is_ascii_uppercase();
    let digit = |ch: char| ch.is_ascii_digit();
    let first_ok = |ch: char| letter(ch) && !matches!(ch, 'Q' | 'V' | 'X');
    let second_ok = |ch: char| letter(ch) && !matches!(ch, 'I' | 'J' | 'Z');
    match c.as_slice() {
        // A9, A99, A9A
        [a, b] => first_ok(*a) && digit(*b),
        [a, b, d] if first_ok(*a) && digit(*b) => {
            digit(*d)
                || matches!(
                    d,
                    'A' | 'B'
                        | 'C'
                        | 'D'
                        | 'E'
                        | 'F'
                        | 'G'
                        | 'H'
                        | 'J'
                        | 'K'
                        | 'P'
                        | 'S'
                        | 'T'
                        | 'U'
                        | 'W'
                )
        }
        // AA9
        [a, b, d] => first_ok(*a) && second_ok(*b) && digit(*d),
        // AA99, AA9A
        [a, b, d, e] => {
            first_ok(*a)
                && second_ok(*b)
                && digit(*d)
                && (digit(*e)
                    || matches!(
                        e,
                        'A' | 'B' | 'E' | 'H' | 'M' | 'N' | 'P' | 'R' | 'V' | 'W' | 'X' | 'Y'
                    ))
        }
        _ => false,
    }
}

fn valid_inward(i: &str) -> bool {
    let c: Vec<char> = i.chars().collect();
    let unit =
        |ch: char| ch.is_ascii_uppercase() && !matches!(ch, 'C' | 'I' | 'K' | 'M' | 'O' | 'V');
    matches!(c.as_slice(), [d, a, b] if d.is_ascii_digit() && unit(*a) && unit(*b))
}

impl TryFrom<String> for Postcode {
    type Error = PostcodeError;
    fn try_from(value: String) -> Result<Self, PostcodeError> {
        Postcode::parse(&value)
    }
}

impl From<Postcode> for String {
    fn from(value: Postcode) -> String {
        value.0
    }
}

impl std::fmt::Display for Postcode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(raw: &str, canonical: &str) {
        assert_eq!(
            Postcode::parse(raw).map(|p| p.0),
            Ok(canonical.to_string()),
            "{raw:?}"
        );
    }

    #[test]
    fn canonical_spacing_and_case() {
        ok("PE1 2AB", "PE1 2AB");
        ok("pe12ab", "PE1 2AB");
        ok("  pe1   2ab ", "PE1 2AB");
        ok("SW1A 1AA", "SW1A 1AA");
        ok("m11ae", "M1 1AE");
        ok("B33 8TH", "B33 8TH");
        ok("CR2 6XH", "CR2 6XH");
        ok("DN55 1PT", "DN55 1PT");
        ok("W1A 0AX", "W1A 0AX");
        ok("EC1A 1BB", "EC1A 1BB");
        ok("gir 0aa", "GIR 0AA");
        ok("PE1 OAB", "PE1 0AB");
    }

    #[test]
    fn invalid_postcodes() {
        for raw in [
            "",
            "PE1",
            "ÉE1 2AB",
            "PE1 2A",
            "QE1 2AB",
            "PE1 2AC",
            "12345",
            "PE1 2AB X",
            "AB12 CDE",
        ] {
            assert_eq!(Postcode::parse(raw), Err(PostcodeError), "{raw:?}");
        }
    }

    #[test]
    fn parts() {
        let p = Postcode::parse("PE1 2AB").unwrap();
        assert_eq!(p.outward(), "PE1");
        assert_eq!(p.sector(), "PE1 2");
        assert_eq!(p.area(), "PE");
    }
}
