use crate::harness::{assert_refused, run, TestDb};

#[test]
fn show_prints_appearances_links_both_ways_and_verdicts() {
    let db = TestDb::new();
    db.seed();
    let allegation = db.claim_id("Moscow may have been involved");
    let (code, stdout, stderr) = run(db.claims().args(["show", &allegation.to_string()]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Unattributed"), "{stdout}");
    assert!(
        stdout.contains("some believe may have happened with the involvement of Moscow"),
        "{stdout}"
    );
    assert!(stdout.contains("denies this claim"), "{stdout}");

    let summit = db.claim_id("within days");
    let (code, stdout, _) =
        run(db
            .claims()
            .args(["show", &summit.to_string(), "--format", "json"]));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    for field in [
        "id",
        "statement",
        "kind",
        "analyst",
        "made_at",
        "expected_by",
        "status",
        "sources",
        "appearances",
        "links",
        "verdicts",
    ] {
        assert!(v.get(field).is_some(), "missing {field}: {v}");
    }
    assert_eq!(v["status"], "confirmed");
    assert_eq!(v["kind"], "prediction");
    assert_eq!(v["expected_by"], "2023-09-30");
    assert_eq!(v["verdicts"][0]["status"], "confirmed");
    assert!(v["verdicts"][0]["note"]
        .as_str()
        .unwrap()
        .contains("Vostochny"));
    assert!(v["links"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["direction"] == "incoming"));

    let (code, stdout, _) = run(db
        .claims()
        .args(["show", &summit.to_string(), "--format", "csv"]));
    assert_eq!(code, 0);
    assert!(stdout.starts_with("section,key,value\n"), "{stdout}");
    assert!(stdout.contains("verdict,"), "{stdout}");
}

#[test]
fn show_refuses_an_unknown_claim_id() {
    let db = TestDb::new();
    assert_refused(&db, &["show", "999"], &["no claim with id 999"]);
    assert_refused(&db, &["show", "-1"], &[]);
}
