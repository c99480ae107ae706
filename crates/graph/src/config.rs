//! How the network is weighed and how groups are found: one [`Config`], with defaults a force
//! can change and an analysis records.

use crate::leiden::LeidenConfig;
use model::LinkType;
use serde::{Deserialize, Serialize};
use time::Date;

/// Everything that decides the network's weights and its groups. An incremental update is only
/// the same as a rebuild under the same configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// The date evidence is weighed at: a report loses half its weight every
    /// `half_life_days` before it.
    pub as_of: Date,
    pub half_life_days: f64,
    /// Weight of an explicit link, by type, before grading and age.
    pub link_weights: LinkWeights,
    /// Weight of two entities being mentioned in one report, shared out: each of a report's `n`
    /// entities gets `co_mention / (n − 1)` with each other one.
    pub co_mention: f64,
    /// Reports mentioning more entities than this (bulk lists) add no co-mention edges.
    pub max_co_mention_entities: usize,
    /// A place or vehicle linked to more people than this is a venue — a station, a hospital,
    /// a school — which says nothing about who knows whom: group detection ignores its edges.
    /// The measures still see them.
    pub venue_persons: usize,
    /// A phone linked to more people than this is a switchboard, a hotline or a number that
    /// resolution has wrongly run together, and is left out of group detection likewise. Deal
    /// lines are used by a handful to a few dozen people.
    pub venue_phone_persons: usize,
    pub leiden: LeidenConfig,
    pub rules: GroupRules,
}

impl Config {
    /// The defaults, weighing evidence at `as_of`.
    pub fn new(as_of: Date) -> Config {
        Config {
            as_of,
            half_life_days: 730.0,
            link_weights: LinkWeights::default(),
            co_mention: 0.5,
            max_co_mention_entities: 40,
            venue_persons: 25,
            venue_phone_persons: 100,
            leiden: LeidenConfig {
                resolution: 0.3,
                ..LeidenConfig::default()
            },
            rules: GroupRules::default(),
        }
    }
}

/// The weight of each type of explicit link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkWeights {
    pub lives_at: f64,
    pub stays_at: f64,
    pub works_at: f64,
    pub uses_phone: f64,
    pub drives: f64,
    pub associates_with: f64,
    pub family_of: f64,
    pub controls: f64,
    pub supplies: f64,
    pub transports: f64,
    pub seen_at: f64,
    pub other: f64,
}

impl Default for LinkWeights {
    fn default() -> LinkWeights {
        LinkWeights {
            lives_at: 1.0,
            stays_at: 0.8,
            works_at: 0.7,
            uses_phone: 1.0,
            drives: 1.0,
            associates_with: 0.9,
            family_of: 1.0,
            controls: 1.5,
            supplies: 1.2,
            transports: 1.0,
            seen_at: 0.4,
            other: 0.4,
        }
    }
}

impl LinkWeights {
    pub fn of(&self, link_type: LinkType) -> f64 {
        match link_type {
            LinkType::LivesAt => self.lives_at,
            LinkType::StaysAt => self.stays_at,
            LinkType::WorksAt => self.works_at,
            LinkType::UsesPhone => self.uses_phone,
            LinkType::Drives => self.drives,
            LinkType::AssociatesWith => self.associates_with,
            LinkType::FamilyOf => self.family_of,
            LinkType::Controls => self.controls,
            LinkType::Supplies => self.supplies,
            LinkType::Transports => self.transports,
            LinkType::SeenAt => self.seen_at,
            LinkType::Other => self.other,
        }
    }
}

/// The thresholds of the domain rules that turn communities into groups. Weights are in
/// report-weight units: a `1/A` report received on `as_of` weighs 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupRules {
    /// A phone is a deal line when at least this many people use or control it…
    pub deal_line_users: usize,
    /// …in at least this many drugs reports.
    pub deal_line_drug_reports: usize,
    /// A person takes part in crime when their weighted offending (subject in a report of an
    /// organised crime type, less as associate) reaches this.
    pub min_offending: f64,
    /// A person is exploited when their weighted exploitation evidence (victim in a report of
    /// an exploitation crime type or with exploitation indicators) reaches this.
    pub min_victimhood: f64,
    /// Groups have at least this many members.
    pub min_members: usize,
    /// An organised crime group needs at least this many reports in which two or more of its
    /// offenders appear together or are linked (repeat co-offending).
    pub min_joint_reports: usize,
    /// An exploitation network needs at least this many exploited people.
    pub min_victims: usize,
    /// A person left outside every group joins the group they are most tied to when the tie
    /// (summed edge weight to its members, directly or through a shared phone, vehicle or
    /// place) reaches this.
    pub min_attachment: f64,
}

impl Default for GroupRules {
    fn default() -> GroupRules {
        GroupRules {
            deal_line_users: 3,
            deal_line_drug_reports: 2,
            min_offending: 0.3,
            min_victimhood: 0.3,
            min_members: 3,
            min_joint_reports: 2,
            min_victims: 2,
            min_attachment: 0.3,
        }
    }
}
