//! A master list for tests: the browser tests' server and the demo seeding test share it.

use model::CrimeType::{self, *};
use operations::{Threat, ThreatId};

/// Fourteen threats as a force area's master list might hold them: mostly county lines, with
/// modern slavery, child exploitation, fraud and firearms.
pub fn threats() -> Vec<Threat> {
    let list: [(&str, &[CrimeType], f64); 14] = [
        (
            "county line: the 'JAY' line",
            &[DrugsCountyLines, ChildCriminalExploitation],
            612.0,
        ),
        (
            "labour exploitation at car washes",
            &[MshtLabour, OrganisedImmigrationCrime],
            540.5,
        ),
        ("county line: the 'BANDO' line", &[DrugsCountyLines], 488.0),
        (
            "county line: the 'K' line",
            &[DrugsCountyLines, Firearms],
            455.2,
        ),
        (
            "sexual exploitation of girls in care",
            &[ChildSexualExploitation],
            430.0,
        ),
        ("county line: the 'MANDEM' line", &[DrugsCountyLines], 390.8),
        (
            "cuckooing on the Orchard estate",
            &[DrugsCountyLines, MshtCriminal],
            344.1,
        ),
        ("county line: the 'TEDDY' line", &[DrugsCountyLines], 301.3),
        ("romance fraud network", &[Fraud, MoneyLaundering], 255.0),
        ("county line: the 'ZED' line", &[DrugsCountyLines], 210.7),
        (
            "firearms supply to lines",
            &[Firearms, OrganisedViolence],
            198.2,
        ),
        ("county line: the 'NORTH' line", &[DrugsCountyLines], 150.0),
        ("nail bar labour exploitation", &[MshtLabour], 120.4),
        ("county line: the 'SMOKE' line", &[DrugsCountyLines], 88.9),
    ];
    list.iter()
        .enumerate()
        .map(|(i, (label, crimes, harm))| Threat {
            id: ThreatId::try_from(format!("grp_{:04}", i + 1)).expect("a threat id"),
            label: label.to_string(),
            crime_types: crimes.to_vec(),
            harm: Some(*harm),
        })
        .collect()
}
