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
}
