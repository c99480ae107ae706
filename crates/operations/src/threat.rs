//! A threat as operations sees it: an id on the master list (`grp_0007`, or a promoted person's
//! or deal line's threat id), its crime types with the principal first, and its harm score —
//! all supplied by the caller, who owns the master list. From the harm scores of the whole list
//! come each threat's rank and its weight: how much of an officer's capacity it takes.

use crate::config::HarmWeights;
use model::CrimeType;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A threat's id on the master list: lower-case letters, digits, `_` and `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ThreatId(String);

impl ThreatId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ThreatId {
    type Error = String;
    fn try_from(s: String) -> Result<ThreatId, String> {
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if ok {
            Ok(ThreatId(s))
        } else {
            Err(format!("{s:?} is not a threat id"))
        }
    }
}

impl TryFrom<&str> for ThreatId {
    type Error = String;
    fn try_from(s: &str) -> Result<ThreatId, String> {
        ThreatId::try_from(s.to_string())
    }
}

impl From<ThreatId> for String {
    fn from(t: ThreatId) -> String {
        t.0
    }
}

impl fmt::Display for ThreatId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One active threat on the master list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Threat {
    pub id: ThreatId,
    /// How people know it ("county line: 'JAY' line"); the id when there is nothing better.
    pub label: String,
    /// Principal first.
    pub crime_types: Vec<CrimeType>,
    /// The harm score (MoRiLE-shaped, `assess::harm`); `None` until it is assessed.
    pub harm: Option<f64>,
}

impl Threat {
    pub fn principal(&self) -> Option<CrimeType> {
        self.crime_types.first().copied()
    }
}

/// A threat's place by harm and the capacity it takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Weighted {
    /// 1 is the highest harm; unassessed threats rank after every assessed one.
    pub rank: usize,
    pub weight: u32,
    /// `high`, `medium`, `low` or `unassessed`.
    pub band: &'static str,
}

/// Ranks the threats by harm (ties and unassessed threats by id) and weighs each. Returns one
/// entry per threat, in the order given.
pub fn weigh(threats: &[Threat], w: &HarmWeights) -> Vec<Weighted> {
    let mut order: Vec<usize> = (0..threats.len()).collect();
    order.sort_by(|&a, &b| {
        let (ta, tb) = (&threats[a], &threats[b]);
        match (ta.harm, tb.harm) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| ta.id.cmp(&tb.id))
    });
    let assessed = threats.iter().filter(|t| t.harm.is_some()).count();
    // A threat is in the top share when its rank is within that share of the list, rounded up,
    // so that a short list still has a high band.
    let cut = |share: f64| (share * assessed as f64).ceil() as usize;
    let (high_cut, medium_cut) = (cut(w.high_share), cut(w.medium_share));
    let mut out = vec![
        Weighted {
            rank: 0,
            weight: 0,
            band: ""
        };
        threats.len()
    ];
    for (place, i) in order.into_iter().enumerate() {
        let rank = place + 1;
        out[i] = if threats[i].harm.is_none() {
            Weighted {
                rank,
                weight: w.unassessed,
                band: "unassessed",
            }
        } else if rank <= high_cut {
            Weighted {
                rank,
                weight: w.high,
                band: "high",
            }
        } else if rank <= medium_cut {
            Weighted {
                rank,
                weight: w.medium,
                band: "medium",
            }
        } else {
            Weighted {
                rank,
                weight: w.low,
                band: "low",
            }
        };
    }
    out
}

#[cfg(test)]
pub(crate) fn threat(id: &str, crimes: &[CrimeType], harm: Option<f64>) -> Threat {
    Threat {
        id: ThreatId::try_from(id).unwrap(),
        label: id.to_string(),
        crime_types: crimes.to_vec(),
        harm,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::OperationsConfig;
    use model::CrimeType::*;

    #[test]
    fn ids_are_checked() {
        assert!(ThreatId::try_from("grp_0007").is_ok());
        assert!(ThreatId::try_from("thr-person-12").is_ok());
        assert!(ThreatId::try_from("").is_err());
        assert!(ThreatId::try_from("GRP 7").is_err());
        assert!(ThreatId::try_from("../x").is_err());
    }

    #[test]
    fn the_top_fifth_weigh_most_and_the_unassessed_weigh_as_medium() {
        let w = OperationsConfig::shipped().harm_weight;
        let threats: Vec<Threat> = (0..10)
            .map(|i| {
                threat(
                    &format!("grp_{i:04}"),
                    &[DrugsCountyLines],
                    Some(100.0 - i as f64),
                )
            })
            .chain([threat("grp_0100", &[Fraud], None)])
            .collect();
        let got: Vec<(usize, u32, &str)> = weigh(&threats, &w)
            .into_iter()
            .map(|x| (x.rank, x.weight, x.band))
            .collect();
        assert_eq!(got[0], (1, 3, "high"));
        assert_eq!(got[1], (2, 3, "high"));
        assert_eq!(got[2], (3, 2, "medium"));
        assert_eq!(got[4], (5, 2, "medium"));
        assert_eq!(got[5], (6, 1, "low"));
        assert_eq!(got[10], (11, 2, "unassessed"));
    }

    #[test]
    fn ties_rank_by_id_whatever_the_order_given() {
        let w = OperationsConfig::shipped().harm_weight;
        let a = threat("grp_0002", &[Fraud], Some(5.0));
        let b = threat("grp_0001", &[Fraud], Some(5.0));
        let ranks: Vec<usize> = weigh(&[a.clone(), b.clone()], &w)
            .iter()
            .map(|x| x.rank)
            .collect();
        assert_eq!(ranks, vec![2, 1]);
        let ranks: Vec<usize> = weigh(&[b, a], &w).iter().map(|x| x.rank).collect();
        assert_eq!(ranks, vec![1, 2]);
    }
}
