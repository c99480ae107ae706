//! Who may do what: roles, the permissions each holds, and what each may see of the
//! intelligence. Default deny: a route names the permission it needs, and a role has only the
//! permissions listed here.
//!
//! Handling codes: staff see every report, with its conditions beside it; a partner sees a
//! report only when its handling code is `P` (lawful sharing permitted) or when they submitted
//! it themselves — and sees a fact, entity, link or search hit only when at least one report it
//! rests on is one they may see. Every view that shows derived data asks [`Viewer::may_see`].

use model::HandlingCode;
use serde::Serialize;

/// The roles of the application (../shared/DOMAIN.md sections 3 and 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    IntelligenceOfficer,
    Analyst,
    LeadResponsibleOfficer,
    SafeguardingOfficer,
    GovernanceLead,
    /// An outside agency, with its organisation.
    Partner,
    Auditor,
    Administrator,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::IntelligenceOfficer,
        Role::Analyst,
        Role::LeadResponsibleOfficer,
        Role::SafeguardingOfficer,
        Role::GovernanceLead,
        Role::Partner,
        Role::Auditor,
        Role::Administrator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::IntelligenceOfficer => "intelligence_officer",
            Role::Analyst => "analyst",
            Role::LeadResponsibleOfficer => "lead_responsible_officer",
            Role::SafeguardingOfficer => "safeguarding_officer",
            Role::GovernanceLead => "governance_lead",
            Role::Partner => "partner",
            Role::Auditor => "auditor",
            Role::Administrator => "administrator",
        }
    }

    /// How the role is shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Role::IntelligenceOfficer => "Intelligence officer",
            Role::Analyst => "Analyst",
            Role::LeadResponsibleOfficer => "Lead responsible officer",
            Role::SafeguardingOfficer => "Safeguarding officer",
            Role::GovernanceLead => "Governance lead",
            Role::Partner => "Partner agency",
            Role::Auditor => "Auditor",
            Role::Administrator => "Administrator",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether the role holds `permission`.
    pub fn allows(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Role::IntelligenceOfficer => matches!(
                permission,
                PromoteThreat
                    | ViewPicture
                    | ViewOperations
                    | ViewAssessments
                    | SubmitReport
                    | Triage
                    | DecideResolution
                    | ViewReferrals
                    | Refer
                    | UpdateReferrals
            ),
            Role::Analyst => matches!(
                permission,
                PromoteThreat
                    | ViewPicture
                    | ViewOperations
                    | ViewAssessments
                    | SubmitReport
                    | DecideResolution
                    | ViewReferrals
                    | Refer
                    | UpdateReferrals
            ),
            Role::LeadResponsibleOfficer | Role::SafeguardingOfficer => {
                matches!(
                    permission,
                    ViewPicture
                        | ViewOperations
                        | ViewAssessments
                        | SubmitReport
                        | ViewReferrals
                        | Refer
                        | UpdateReferrals
                ) || (self == Role::LeadResponsibleOfficer && permission == ManagePlans)
            }
            Role::GovernanceLead => matches!(
                permission,
                ViewPicture
                    | ViewAssessments
                    | ViewReferrals
                    | ViewOperations
                    | ManageOfficers
                    | Allocate
                    | ManagePlans
            ),
            Role::Partner => matches!(
                permission,
                ViewPicture | SubmitPartnerReport | ViewReferrals | UpdateReferrals
            ),
            Role::Auditor => matches!(permission, ViewAudit),
            Role::Administrator => matches!(permission, ManageUsers),
        }
    }
}

/// What a route needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Anyone, signed in or not (the sign-in page, the community page).
    Public,
    /// Any signed-in user (their own account, signing out).
    SignedIn,
    /// Reports, persons and search — filtered by handling code for partners.
    ViewPicture,
    /// The force's assessments drawn from all its intelligence: who is at risk, and why. Staff
    /// only; a partner hears of a person at risk through a referral.
    ViewAssessments,
    /// Safeguarding referrals: all of them for staff; for a partner, those their organisation
    /// receives.
    ViewReferrals,
    /// Making a safeguarding referral of a person.
    Refer,
    /// Recording a referral's progress (a partner only on referrals to their organisation).
    UpdateReferrals,
    /// The full intelligence report form.
    SubmitReport,
    /// The partner portal.
    SubmitPartnerReport,
    /// The triage queue: re-grading, sanitising, marking developed.
    Triage,
    /// Confirming, merging and splitting resolved persons.
    DecideResolution,
    /// Promoting a person or a deal line to a threat on the master list, and withdrawing it.
    PromoteThreat,
    /// The audit trail.
    ViewAudit,
    /// Lead responsible officers, demand against capacity, 4P plans, disruptions, outcomes, the
    /// governance dashboard and the readiness report. Staff only.
    ViewOperations,
    /// Adding officers and recording their skills, training, mentoring and capacity.
    ManageOfficers,
    /// Accepting or changing who leads on which threat.
    Allocate,
    /// 4P plans, their actions and reviews, disruptions and outcomes.
    ManagePlans,
    /// Accounts.
    ManageUsers,
}

/// The signed-in user, as every handler sees them.
#[derive(Debug, Clone, Serialize)]
pub struct Viewer {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub organisation: Option<String>,
}

impl Viewer {
    pub fn can(&self, permission: Permission) -> bool {
        match permission {
            Permission::Public | Permission::SignedIn => true,
            p => self.role.allows(p),
        }
    }

    /// Whether the viewer may see a report with this handling code, submitted by this user.
    pub fn may_see(&self, handling: HandlingCode, submitted_by: Option<i64>) -> bool {
        match self.role {
            Role::Partner => handling == HandlingCode::P || submitted_by == Some(self.id),
            Role::Auditor | Role::Administrator => false,
            _ => true,
        }
    }

    /// Whether the viewer is staff, who see every report (with its conditions).
    pub fn is_staff(&self) -> bool {
        !matches!(
            self.role,
            Role::Partner | Role::Auditor | Role::Administrator
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(role: Role) -> Viewer {
        Viewer {
            id: 7,
            username: "u".into(),
            display_name: "U".into(),
            role,
            organisation: None,
        }
    }

    #[test]
    fn partners_never_see_conditional_reports_of_others() {
        let p = viewer(Role::Partner);
        assert!(p.may_see(HandlingCode::P, None));
        assert!(!p.may_see(HandlingCode::C, None));
        assert!(!p.may_see(HandlingCode::C, Some(8)));
        assert!(p.may_see(HandlingCode::C, Some(7)), "their own submission");
        let a = viewer(Role::Analyst);
        assert!(a.may_see(HandlingCode::C, None));
    }

    #[test]
    fn roles_round_trip_and_deny_by_default() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert!(!Role::Administrator.allows(Permission::ViewPicture));
        assert!(!Role::Auditor.allows(Permission::ViewPicture));
        assert!(Role::Auditor.allows(Permission::ViewAudit));
        assert!(!Role::Partner.allows(Permission::Triage));
        assert!(!Role::Partner.allows(Permission::ViewAssessments));
        assert!(Role::SafeguardingOfficer.allows(Permission::ViewAssessments));
    }
}
