//! Outcomes: what the work against a threat achieved, as the inspectors count it — arrests,
//! charges, convictions, years of custody, seizures of drugs, weapons and phones, cash, deal
//! lines closed, cuckooed addresses visited and safeguarding referrals — recorded per threat and
//! operation and added up.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::AddAssign;

/// One set of counts. Custody is kept in months and cash in pence so that sums are exact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub arrests: u32,
    pub charges: u32,
    pub convictions: u32,
    pub custody_months: u32,
    pub drugs_grams: u32,
    pub weapons: u32,
    pub phones: u32,
    pub cash_pence: u64,
    pub lines_closed: u32,
    pub cuckooed_visited: u32,
    pub referrals: u32,
}

impl AddAssign for Tally {
    fn add_assign(&mut self, o: Tally) {
        self.arrests += o.arrests;
        self.charges += o.charges;
        self.convictions += o.convictions;
        self.custody_months += o.custody_months;
        self.drugs_grams += o.drugs_grams;
        self.weapons += o.weapons;
        self.phones += o.phones;
        self.cash_pence += o.cash_pence;
        self.lines_closed += o.lines_closed;
        self.cuckooed_visited += o.cuckooed_visited;
        self.referrals += o.referrals;
    }
}

/// The measures, in the order pages show them: (key, label).
pub const MEASURES: [(&str, &str); 11] = [
    ("arrests", "arrests"),
    ("charges", "charges"),
    ("convictions", "convictions"),
    ("custody_months", "custody (years)"),
    ("drugs_grams", "drugs seized (g)"),
    ("weapons", "weapons seized"),
    ("phones", "phones seized"),
    ("cash_pence", "cash seized (£)"),
    ("lines_closed", "deal lines closed"),
    ("cuckooed_visited", "cuckooed addresses visited"),
    ("referrals", "safeguarding referrals"),
];

impl Tally {
    pub fn is_empty(&self) -> bool {
        *self == Tally::default()
    }

    /// A measure by its key, as a number (custody in months, cash in pence).
    pub fn get(&self, key: &str) -> u64 {
        match key {
            "arrests" => self.arrests.into(),
            "charges" => self.charges.into(),
            "convictions" => self.convictions.into(),
            "custody_months" => self.custody_months.into(),
            "drugs_grams" => self.drugs_grams.into(),
            "weapons" => self.weapons.into(),
            "phones" => self.phones.into(),
            "cash_pence" => self.cash_pence,
            "lines_closed" => self.lines_closed.into(),
            "cuckooed_visited" => self.cuckooed_visited.into(),
            "referrals" => self.referrals.into(),
            _ => 0,
        }
    }

    /// A measure as people read it: custody in years and months, cash in pounds.
    pub fn show(&self, key: &str) -> String {
        match key {
            "custody_months" => {
                let (y, m) = (self.custody_months / 12, self.custody_months % 12);
                match (y, m) {
                    (0, m) => format!("{m} months"),
                    (y, 0) => format!("{y} years"),
                    (y, m) => format!("{y} years {m} months"),
                }
            }
            "cash_pence" => pounds(self.cash_pence),
            k => self.get(k).to_string(),
        }
    }
}

/// Pence as pounds with thousands separators: £12,345.50.
pub fn pounds(pence: u64) -> String {
    let whole = (pence / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match pence % 100 {
        0 => format!("£{grouped}"),
        p => format!("£{grouped}.{p:02}"),
    }
}

/// Adds up tallies by a key (a threat, an operation, a month).
pub fn sum_by<'a, K: Ord + Clone + 'a>(
    rows: impl IntoIterator<Item = (&'a K, &'a Tally)>,
) -> BTreeMap<K, Tally> {
    let mut out: BTreeMap<K, Tally> = BTreeMap::new();
    for (k, t) in rows {
        *out.entry(k.clone()).or_default() += *t;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tallies_add_up_by_key_and_read_as_people_count() {
        let a = Tally {
            arrests: 3,
            custody_months: 30,
            cash_pence: 1_234_550,
            ..Tally::default()
        };
        let b = Tally {
            arrests: 1,
            lines_closed: 1,
            custody_months: 6,
            ..Tally::default()
        };
        let rows = [
            ("op_a".to_string(), a),
            ("op_b".to_string(), b),
            ("op_a".to_string(), b),
        ];
        let by = sum_by(rows.iter().map(|(k, t)| (k, t)));
        assert_eq!(by["op_a"].arrests, 4);
        assert_eq!(by["op_a"].show("custody_months"), "3 years");
        assert_eq!(by["op_b"].show("custody_months"), "6 months");
        assert_eq!(a.show("cash_pence"), "£12,345.50");
        assert_eq!(pounds(100_000_000), "£1,000,000");
        assert!(Tally::default().is_empty() && !a.is_empty());
    }
}
