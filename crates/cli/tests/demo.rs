//! `sightline demo` end to end: a small simulated area ingested and analysed, then scored and
//! exported through the commands the demo suggests.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_sightline");

#[test]
fn the_demo_builds_a_picture_that_evaluates_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["demo", "--no-serve", "--people", "1500", "--dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("0 rejected"), "{stdout}");
    assert!(stdout.contains("persons;"), "{stdout}");
    assert!(
        stdout.contains("search index: built from the store"),
        "{stdout}"
    );
    assert!(dir.path().join("sightline.db.search").is_dir());
    assert!(stdout.contains("sign in as analyst, password"), "{stdout}");

    let db = format!("sqlite:{}", dir.path().join("sightline.db").display());
    let truth = dir.path().join("truth.json");
    let eval = Command::new(BIN)
        .args(["--db", &db, "evaluate", "--json", "--truth"])
        .arg(&truth)
        .output()
        .unwrap();
    assert!(
        eval.status.success(),
        "{}",
        String::from_utf8_lossy(&eval.stderr)
    );
    let scores: serde_json::Value = serde_json::from_slice(&eval.stdout).unwrap();
    let text = scores.to_string();
    assert!(text.contains("pairwise"), "{text}");

    // Run again: a fresh database, the same answer.
    let again = Command::new(BIN)
        .args(["demo", "--no-serve", "--people", "1500", "--dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(again.status.success());
    let first: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("analysed"))
        .collect();
    let second = String::from_utf8_lossy(&again.stdout);
    let second: Vec<&str> = second
        .lines()
        .filter(|l| l.starts_with("analysed"))
        .collect();
    assert_eq!(first, second);
    let second = String::from_utf8_lossy(&again.stdout);
    assert!(
        second.contains("search index: built from the store"),
        "a new database, a new index: {second}"
    );

    // Searching the demo: staff count C-coded reports, a partner's counts leave them out.
    let search = |who: Option<&str>| {
        let mut args = vec!["--db", &db, "search", "query", "the", "--json"];
        if let Some(w) = who {
            args.extend(["--as", w]);
        }
        let out = Command::new(BIN).args(&args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let handling = |code: &str| {
            v["reports"]["facets"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["facet"] == "handling")
                .flat_map(|f| f["values"].as_array().unwrap().iter())
                .filter(|x| x["value"] == code)
                .map(|x| x["count"].as_u64().unwrap())
                .sum::<u64>()
        };
        (
            v["reports"]["total"].as_u64().unwrap(),
            handling("P"),
            handling("C"),
        )
    };
    let (staff_total, staff_p, staff_c) = search(None);
    assert!(
        staff_c > 0 && staff_p > 0,
        "{staff_total} {staff_p} {staff_c}"
    );
    assert_eq!(staff_total, staff_p + staff_c);
    let (partner_total, partner_p, partner_c) = search(Some("council"));
    assert_eq!(partner_c, 0, "a partner never counts a C-coded report");
    assert_eq!((partner_total, partner_p), (staff_p, staff_p));
}

/// Starts `sightline serve` on a free port with `extra` flags and returns what it printed up to
/// the line saying it is serving.
fn serve_until_ready(db: &str, extra: &[&str]) -> String {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(BIN)
        .args(["--db", db, "serve", "--listen", "127.0.0.1:0"])
        .args(extra)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut printed = String::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        printed.push_str(&line);
        printed.push('\n');
        if line.contains("serving on") {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    printed
}

#[test]
fn serve_keeps_the_search_index_beside_the_store_and_rebuilds_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["demo", "--no-serve", "--people", "1000", "--dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let db = format!("sqlite:{}", dir.path().join("sightline.db").display());
    let printed = serve_until_ready(&db, &[]);
    assert!(printed.contains("search index: up to date"), "{printed}");
    let printed = serve_until_ready(&db, &["--rebuild-search"]);
    assert!(
        printed.contains("search index: built from the store"),
        "{printed}"
    );
    // A missing index is built from the store.
    std::fs::remove_dir_all(dir.path().join("sightline.db.search")).unwrap();
    let printed = serve_until_ready(&db, &[]);
    assert!(
        printed.contains("search index: built from the store"),
        "{printed}"
    );
    // Another directory, given.
    let elsewhere = dir.path().join("elsewhere");
    let printed = serve_until_ready(&db, &["--search-dir", elsewhere.to_str().unwrap()]);
    assert!(printed.contains("elsewhere"), "{printed}");
    assert!(elsewhere.join("reports").is_dir());
}
