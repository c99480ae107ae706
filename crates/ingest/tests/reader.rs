//! The exchange-v1 reader on good and bad input: every bad line is named by line, field and
//! reason; nothing panics; the lines around a bad one are still read.

use ingest::{Item, RecordReader, parse_line};
use std::io::{Cursor, Write};

const SPEC_EXAMPLE: &str = r#"{"kind":"report","ref":"CAM-IR-2026-004211","received":"2026-03-04T10:12:00Z","source":{"type":"community","org":null},"grading":{"source":"2","intel":"C","handling":"P","conditions":null},"crime_types":["drugs_county_lines"],"area":"CAMBS-PETERBOROUGH","text":"Young lads, maybe 15, coming and going from 14 Mill Rd at all hours; a silver Focus AB12 CDE drops them off. Old man who lives there looks scared.","persons":[{"id":"P1","name":"unknown male","dob":null,"age_estimate":70,"gender":"male","nationality":null,"role":"unknown"}],"locations":[{"id":"L1","address":"14 Mill Rd, Peterborough","postcode":null,"lat":null,"lon":null,"type":"residential"}],"phones":[],"vehicles":[{"id":"V1","vrm":"AB12 CDE","make":"Ford","model":"Focus","colour":"silver"}],"links":[{"from":"P1","to":"L1","type":"lives_at"}]}"#;

/// Replaces `from` with `to` in the spec example, checking that the edit applied.
fn edited(from: &str, to: &str) -> String {
    assert!(SPEC_EXAMPLE.contains(from), "{from} not in example");
    SPEC_EXAMPLE.replacen(from, to, 1)
}

/// A bad line is rejected with this field and a reason containing these words.
fn check_rejected(line: &str, field: Option<&str>, reason_contains: &str) {
    let r = parse_line(line.as_bytes(), 7).expect_err("line was accepted");
    assert_eq!(r.line, 7);
    assert_eq!(r.field.as_deref(), field, "field for {line:.120}: {r}");
    assert!(
        r.reason.contains(reason_contains),
        "reason {:?} lacks {reason_contains:?}",
        r.reason
    );
}

#[test]
fn the_spec_example_is_read_and_normalised() {
    let a = parse_line(SPEC_EXAMPLE.as_bytes(), 1).unwrap();
    let r = &a.report;
    assert_eq!(r.report_ref.as_str(), "CAM-IR-2026-004211");
    assert_eq!(r.grading.code(), "2/C/P");
    assert_eq!(r.persons[0].name, None, "'unknown male' is not a name");
    assert_eq!(r.persons[0].name_raw.as_deref(), Some("unknown male"));
    assert_eq!(
        r.persons[0].age_estimate.map(|a| (a.min, a.max)),
        Some((62, 78))
    );
    let addr = r.locations[0].address.as_ref().unwrap();
    assert_eq!(addr.normalised(), "14 Mill Road, Peterborough");
    let vrm = r.vehicles[0].vrm.as_ref().unwrap();
    assert_eq!(vrm.normalised.as_deref(), Some("AB12CDE"));
    assert_eq!(vrm.raw, "AB12 CDE");
    assert_eq!(r.links.len(), 1);
    assert_eq!(a.raw, SPEC_EXAMPLE);
}

#[test]
fn the_same_record_formatted_differently_hashes_the_same() {
    let a = parse_line(SPEC_EXAMPLE.as_bytes(), 1).unwrap();
    let pretty: serde_json::Value = serde_json::from_str(SPEC_EXAMPLE).unwrap();
    let spaced = serde_json::to_string_pretty(&pretty)
        .unwrap()
        .replace('\n', " ");
    let b = parse_line(spaced.as_bytes(), 1).unwrap();
    assert_eq!(a.content_hash, b.content_hash);
    let c = parse_line(edited("at all hours", "at night").as_bytes(), 1).unwrap();
    assert_ne!(a.content_hash, c.content_hash);
}

#[test]
fn bad_lines_name_their_field() {
    check_rejected(&SPEC_EXAMPLE[..200], None, "truncated JSON");
    check_rejected("{not json", None, "invalid JSON");
    check_rejected("[1,2]", None, "not a JSON object");
    check_rejected(&edited("Young lads", "Young\\u0000lads"), None, "NUL");
    check_rejected(
        &edited(r#""kind":"report""#, r#""kind":"memo""#),
        Some("kind"),
        "unknown kind \"memo\"",
    );
    check_rejected(&edited(r#""kind":"report","#, ""), Some("kind"), "missing");
    check_rejected(
        &edited(r#""ref":"CAM-IR-2026-004211","#, ""),
        Some("ref"),
        "missing",
    );
    check_rejected(
        &edited(r#""ref":"CAM-IR-2026-004211""#, r#""ref":"A#1""#),
        Some("ref"),
        "#",
    );
    check_rejected(
        &edited("2026-03-04T10:12:00Z", "04/03/2026"),
        Some("received"),
        "RFC 3339",
    );
    check_rejected(
        &edited(r#""type":"community""#, r#""type":"neighbour""#),
        Some("source.type"),
        "unknown source type",
    );
    check_rejected(
        &edited(r#""source":"2""#, r#""source":"4""#),
        Some("grading.source"),
        "unknown source evaluation",
    );
    check_rejected(
        &edited(r#""intel":"C""#, r#""intel":"F""#),
        Some("grading.intel"),
        "unknown intelligence assessment",
    );
    check_rejected(
        &edited(r#""handling":"P""#, r#""handling":"C""#),
        Some("grading.conditions"),
        "requires the sharing conditions",
    );
    check_rejected(
        &edited(
            r#"["drugs_county_lines"]"#,
            r#"["drugs_county_lines","county"]"#,
        ),
        Some("crime_types[1]"),
        "unknown crime type",
    );
    check_rejected(
        &edited(r#""role":"unknown""#, r#""role":"boss""#),
        Some("persons[0].role"),
        "unknown person role",
    );
    check_rejected(
        &edited(r#""type":"residential""#, r#""type":"house""#),
        Some("locations[0].type"),
        "unknown location type",
    );
    check_rejected(
        &edited(r#""type":"lives_at""#, r#""type":"owns""#),
        Some("links[0].type"),
        "unknown link type",
    );
}

#[test]
fn wrong_types_name_their_field() {
    check_rejected(
        &edited(r#""text":"Young"#, r#""text":42,"x":"Young"#),
        Some("text"),
        "invalid type",
    );
    check_rejected(
        &edited(r#""age_estimate":70"#, r#""age_estimate":"seventy""#),
        Some("persons[0].age_estimate"),
        "not a number",
    );
    check_rejected(
        &edited(r#""age_estimate":70"#, r#""age_estimate":700"#),
        Some("persons[0].age_estimate"),
        "not an age",
    );
    check_rejected(
        &edited(
            r#""phones":[]"#,
            r#""phones":[{"id":"T1","number":7700900123}]"#,
        ),
        Some("phones[0].number"),
        "invalid type",
    );
    check_rejected(
        &edited(r#""persons":[{"#, r#""persons":{"a":1},"x":[{"#),
        Some("persons"),
        "invalid type",
    );
    check_rejected(
        &edited(r#""lat":null"#, r#""lat":95.5"#),
        Some("locations[0].lat"),
        "not a latitude",
    );
}

#[test]
fn official_identifiers_are_an_optional_addition() {
    let with = edited(
        r#""role":"unknown"}"#,
        r#""role":"unknown","identifiers":[{"type":"NI number","value":"ab 12 34 56 c"}]}"#,
    );
    let a = parse_line(with.as_bytes(), 1).unwrap();
    let id = &a.report.persons[0].identifiers[0];
    assert_eq!(
        (id.kind.as_str(), id.value.as_str()),
        ("ni_number", "AB123456C")
    );
    assert_eq!(id.raw, "ab 12 34 56 c");
    let blank = edited(
        r#""role":"unknown"}"#,
        r#""role":"unknown","identifiers":[{"type":"pnc","value":"  "}]}"#,
    );
    check_rejected(
        &blank,
        Some("persons[0].identifiers[0]"),
        "needs a type and a value",
    );
}

#[test]
fn ids_must_be_unique_and_links_must_point_inside_the_record() {
    check_rejected(
        &edited(r#""id":"L1""#, r#""id":"P1""#),
        Some("locations[0].id"),
        "duplicate id \"P1\"",
    );
    check_rejected(
        &edited(r#""to":"L1""#, r#""to":"L9""#),
        Some("links[0].to"),
        "\"L9\" is not the id",
    );
}

#[test]
fn empty_text_needs_entities() {
    let no_text = edited(
        r#""text":"Young lads, maybe 15, coming and going from 14 Mill Rd at all hours; a silver Focus AB12 CDE drops them off. Old man who lives there looks scared.""#,
        r#""text":"""#,
    );
    assert!(parse_line(no_text.as_bytes(), 1).is_ok());
    let bare = r#"{"kind":"report","ref":"X-1","received":"2026-03-04T10:12:00Z","source":{"type":"officer"},"grading":{"source":"1","intel":"A","handling":"P"},"text":""}"#;
    check_rejected(bare, Some("text"), "is empty");
}

#[test]
fn invalid_utf8_and_huge_lines_are_rejected_and_reading_goes_on() {
    let mut input = Vec::new();
    input.extend_from_slice(SPEC_EXAMPLE.as_bytes());
    input.push(b'\n');
    input.extend_from_slice(b"{\"kind\":\"report\",\"ref\":\"\xff\xfe\"}\n");
    input.push(b'{');
    input.extend(std::iter::repeat_n(b'x', ingest::MAX_LINE_BYTES + 10));
    input.push(b'\n');
    input.extend_from_slice(b"\n   \n");
    input.extend_from_slice(edited("CAM-IR-2026-004211", "CAM-IR-2026-004212").as_bytes());
    let reader = RecordReader::new(Box::new(Cursor::new(input)));
    let items: Vec<_> = reader.map(|r| r.unwrap()).collect();
    assert_eq!(items.len(), 4);
    assert!(matches!(&items[0], Item::Accepted(a) if a.line == 1));
    assert!(matches!(&items[1], Item::Rejected(r) if r.line == 2 && r.reason.contains("UTF-8")));
    assert!(
        matches!(&items[2], Item::Rejected(r) if r.line == 3 && r.reason.contains("longer than"))
    );
    assert!(
        matches!(&items[3], Item::Accepted(a) if a.line == 6),
        "blank lines are skipped but counted"
    );
}

#[test]
fn a_gzip_that_ends_early_stops_with_the_last_line_read() {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..200 {
        let line = edited("CAM-IR-2026-004211", &format!("CAM-IR-2026-{i:06}"));
        writeln!(enc, "{line}").unwrap();
    }
    let full = enc.finish().unwrap();
    let cut = &full[..full.len() * 2 / 3];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.jsonl.gz");
    std::fs::write(&path, cut).unwrap();
    let input = ingest::open(path.to_str().unwrap()).unwrap();
    let mut accepted = 0;
    let mut error = None;
    for item in input.reader {
        match item {
            Ok(Item::Accepted(_)) => accepted += 1,
            Ok(Item::Rejected(r)) => panic!("unexpected rejection {r}"),
            Err(e) => error = Some(e),
        }
    }
    let error = error.expect("a truncated gzip must be reported");
    assert!(accepted > 0 && accepted < 200, "{accepted}");
    let message = error.to_string();
    assert!(message.contains("cannot read past line"), "{message}");

    // The whole file reads fully, and so does the same stream without the .gz ending.
    let whole = dir.path().join("whole.jsonl");
    std::fs::write(&whole, &full).unwrap();
    let n = ingest::open(whole.to_str().unwrap())
        .unwrap()
        .reader
        .count();
    assert_eq!(n, 200);
}

mod no_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let _ = parse_line(&bytes, 1);
        }

        #[test]
        fn mutated_example(pos in 0usize..SPEC_EXAMPLE.len(), byte in any::<u8>(), cut in 0usize..SPEC_EXAMPLE.len()) {
            let mut bytes = SPEC_EXAMPLE.as_bytes().to_vec();
            bytes[pos] = byte;
            let _ = parse_line(&bytes, 1);
            let _ = parse_line(&SPEC_EXAMPLE.as_bytes()[..cut], 1);
        }

        #[test]
        fn arbitrary_field_values(name in ".{0,80}", dob in ".{0,30}", phone in ".{0,30}", vrm in ".{0,20}", address in ".{0,120}") {
            let value = serde_json::json!({
                "kind": "report", "ref": "R-1", "received": "2026-03-04T10:12:00Z",
                "source": {"type": "officer"}, "grading": {"source": "1", "intel": "A", "handling": "P"},
                "text": "x",
                "persons": [{"id": "P1", "name": name, "dob": dob}],
                "phones": [{"id": "T1", "number": phone}],
                "vehicles": [{"id": "V1", "vrm": vrm}],
                "locations": [{"id": "L1", "address": address}],
            });
            let line = value.to_string();
            let _ = parse_line(line.as_bytes(), 1);
        }
    }
}
