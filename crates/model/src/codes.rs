//! Closed code lists from the exchange format and the 3x5x2 grading scheme.
//!
//! Each list is an enum with its exchange-v1 spelling; parsing an unknown code is an error that
//! names the list and the codes it accepts, so an ingest rejection can say exactly what was wrong.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A code outside its list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {list} {value:?} (expected one of {expected})")]
pub struct CodeError {
    pub list: &'static str,
    pub value: String,
    pub expected: String,
}

macro_rules! code_list {
    ($(#[$meta:meta])* $name:ident, $list:literal, { $($(#[$vmeta:meta])* $variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant),+
        }

        impl $name {
            /// Every code in the list, in the order the exchange format gives them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The exchange-v1 spelling.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
        }

        impl FromStr for $name {
            type Err = CodeError;
            fn from_str(value: &str) -> Result<Self, CodeError> {
                match value {
                    $($code => Ok($name::$variant),)+
                    _ => Err(CodeError {
                        list: $list,
                        value: value.to_string(),
                        expected: [$($code),+].join(", "),
                    }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

code_list!(
    /// Who the intelligence came from (`source.type`).
    SourceType, "source type", {
        Officer => "officer",
        Community => "community",
        Partner => "partner",
        /// A covert human intelligence source.
        Chis => "chis",
        Crimestoppers => "crimestoppers",
        /// NCA, a ROCU or another force.
        Agency => "agency",
        Other => "other",
    }
);

code_list!(
    /// 3x5x2 source evaluation (`grading.source`).
    SourceEvaluation, "source evaluation", {
        Reliable => "1",
        Untested => "2",
        NotReliable => "3",
    }
);

code_list!(
    /// 3x5x2 intelligence assessment (`grading.intel`).
    IntelAssessment, "intelligence assessment", {
        /// Known directly to the source.
        A => "A",
        /// Known indirectly to the source and corroborated.
        B => "B",
        /// Known indirectly to the source.
        C => "C",
        /// Not known.
        D => "D",
        /// Suspected to be false.
        E => "E",
    }
);

code_list!(
    /// 3x5x2 handling code (`grading.handling`).
    HandlingCode, "handling code", {
        /// Lawful sharing permitted.
        P => "P",
        /// Sharing permitted only under the stated conditions.
        C => "C",
    }
);

code_list!(
    /// Crime type codes of the exchange format.
    CrimeType, "crime type", {
        DrugsCountyLines => "drugs_county_lines",
        DrugsSupply => "drugs_supply",
        MshtLabour => "msht_labour",
        MshtSexual => "msht_sexual",
        MshtCriminal => "msht_criminal",
        MshtDomesticServitude => "msht_domestic_servitude",
        ChildSexualExploitation => "child_sexual_exploitation",
        ChildCriminalExploitation => "child_criminal_exploitation",
        OrganisedImmigrationCrime => "organised_immigration_crime",
        Firearms => "firearms",
        OrganisedAcquisitiveCrime => "organised_acquisitive_crime",
        Fraud => "fraud",
        MoneyLaundering => "money_laundering",
        Cyber => "cyber",
        OrganisedViolence => "organised_violence",
        Other => "other",
    }
);

code_list!(
    /// A person's role in one report. The same person may be a subject in one report and a
    /// victim in another: roles belong to mentions, never to resolved people.
    PersonRole, "person role", {
        Subject => "subject",
        Victim => "victim",
        Associate => "associate",
        Witness => "witness",
        Unknown => "unknown",
    }
);

code_list!(
    /// What kind of place a location is.
    LocationType, "location type", {
        Residential => "residential",
        Business => "business",
        Public => "public",
        Other => "other",
    }
);

code_list!(
    /// The type of an explicit link between two entities of one report.
    LinkType, "link type", {
        LivesAt => "lives_at",
        StaysAt => "stays_at",
        WorksAt => "works_at",
        UsesPhone => "uses_phone",
        Drives => "drives",
        AssociatesWith => "associates_with",
        FamilyOf => "family_of",
        Controls => "controls",
        Supplies => "supplies",
        Transports => "transports",
        SeenAt => "seen_at",
        Other => "other",
    }
);

code_list!(
    /// Recorded gender, normalised from the free forms senders use (see [`Gender::parse_loose`]).
    Gender, "gender", {
        Male => "male",
        Female => "female",
        Other => "other",
        Unknown => "unknown",
    }
);

impl Gender {
    /// Reads the forms found in real records (`M`, `Male`, `f`, `woman`, `boy`, `N/K`); anything
    /// else that is not blank is `Other`, blank or unknown forms are `Unknown`.
    pub fn parse_loose(raw: &str) -> Gender {
        let lower = raw.trim().to_lowercase();
        match lower.as_str() {
            "m" | "male" | "man" | "boy" | "mr" | "him" | "he" => Gender::Male,
            "f" | "female" | "woman" | "girl" | "ms" | "mrs" | "miss" | "her" | "she" => {
                Gender::Female
            }
            "" | "u" | "unknown" | "unk" | "n/k" | "nk" | "not known" | "not stated" | "?" => {
                Gender::Unknown
            }
            _ => Gender::Other,
        }
    }
}

/// A 3x5x2 grading with its handling conditions.
///
/// Invariant: a `C` handling code always carries non-empty conditions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grading {
    pub source: SourceEvaluation,
    pub intel: IntelAssessment,
    pub handling: HandlingCode,
    pub conditions: Option<String>,
}

impl Grading {
    /// Builds a grading, enforcing that `C` comes with its conditions.
    pub fn new(
        source: SourceEvaluation,
        intel: IntelAssessment,
        handling: HandlingCode,
        conditions: Option<String>,
    ) -> Result<Grading, &'static str> {
        let conditions = conditions
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty());
        if handling == HandlingCode::C && conditions.is_none() {
            return Err("handling code C requires the sharing conditions");
        }
        Ok(Grading {
            source,
            intel,
            handling,
            conditions,
        })
    }

    /// The grading as analysts write it, e.g. `2/C/P`.
    pub fn code(&self) -> String {
        format!("{}/{}/{}", self.source, self.intel, self.handling)
    }

    /// How far the grading lets an analyst rely on the report, between 0 and 1. Used to weigh
    /// evidence: a `1/A` report counts for more than a `3/D` one and an `E` (suspected false) for
    /// almost nothing.
    pub fn reliance(&self) -> f64 {
        let source = match self.source {
            SourceEvaluation::Reliable => 1.0,
            SourceEvaluation::Untested => 0.7,
            SourceEvaluation::NotReliable => 0.4,
        };
        let intel = match self.intel {
            IntelAssessment::A => 1.0,
            IntelAssessment::B => 0.85,
            IntelAssessment::C => 0.65,
            IntelAssessment::D => 0.4,
            IntelAssessment::E => 0.05,
        };
        source * intel
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_code_names_its_list_and_choices() {
        let err = "boss".parse::<PersonRole>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown person role \"boss\" (expected one of subject, victim, associate, witness, unknown)"
        );
    }

    #[test]
    fn every_code_round_trips() {
        for c in CrimeType::ALL {
            assert_eq!(c.as_str().parse::<CrimeType>().unwrap(), *c);
        }
        for l in LinkType::ALL {
            assert_eq!(l.as_str().parse::<LinkType>().unwrap(), *l);
        }
        assert_eq!(CrimeType::ALL.len(), 16);
        assert_eq!(LinkType::ALL.len(), 12);
    }

    #[test]
    fn handling_c_needs_conditions() {
        use SourceEvaluation::*;
        let c = HandlingCode::C;
        assert!(Grading::new(Reliable, IntelAssessment::A, c, None).is_err());
        assert!(Grading::new(Reliable, IntelAssessment::A, c, Some("  ".into())).is_err());
        let g = Grading::new(
            Untested,
            IntelAssessment::B,
            c,
            Some(" not to partners ".into()),
        )
        .unwrap();
        assert_eq!(g.conditions.as_deref(), Some("not to partners"));
        assert_eq!(g.code(), "2/B/C");
    }

    #[test]
    fn reliance_orders_gradings() {
        use HandlingCode::P;
        let best = Grading::new(SourceEvaluation::Reliable, IntelAssessment::A, P, None).unwrap();
        let weak =
            Grading::new(SourceEvaluation::NotReliable, IntelAssessment::D, P, None).unwrap();
        let false_ = Grading::new(SourceEvaluation::Untested, IntelAssessment::E, P, None).unwrap();
        assert!(best.reliance() > weak.reliance());
        assert!(weak.reliance() > false_.reliance());
    }

    #[test]
    fn gender_loose_forms() {
        assert_eq!(Gender::parse_loose("M"), Gender::Male);
        assert_eq!(Gender::parse_loose(" Female "), Gender::Female);
        assert_eq!(Gender::parse_loose("N/K"), Gender::Unknown);
        assert_eq!(Gender::parse_loose("non-binary"), Gender::Other);
    }
}
