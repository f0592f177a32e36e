use crate::harness::{added_id, assert_refused, run, TestDb};

fn two_claims(db: &TestDb) -> (i64, i64) {
    let a = added_id(db.claims().args([
        "add",
        "claim",
        "Moscow was involved in the crash.",
        "--by",
        "Some",
    ]));
    let b = added_id(db.claims().args([
        "add",
        "claim",
        "The allegation is a complete lie.",
        "--by",
        "Kremlin spokesman",
    ]));
    (a, b)
}

#[test]
fn link_records_a_typed_relation_with_a_note() {
    let db = TestDb::new();
    let (a, b) = two_claims(&db);
    let (code, stdout, stderr) = run(db.claims().args([
        "link",
        &b.to_string(),
        "denies",
        &a.to_string(),
        "--note",
        "The Kremlin rejects it",
        "--format",
        "json",
    ]));
    assert_eq!(code, 0, "{stderr}");
    let id = serde_json::from_str::<serde_json::Value>(&stdout).unwrap()["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        db.text(&format!(
            "SELECT from_claim_id || ' ' || relation || ' ' || to_claim_id || ': ' || note AS t FROM claim_links WHERE id = {id}"
        )),
        format!("{b} denies {a}: The Kremlin rejects it")
    );
}

#[test]
fn link_refuses_an_unknown_relation() {
    let db = TestDb::new();
    let (a, b) = two_claims(&db);
    assert_refused(
        &db,
        &["link", &a.to_string(), "endorses", &b.to_string()],
        &["endorses", "supports"],
    );
}

#[test]
fn link_refuses_an_unknown_claim_id() {
    let db = TestDb::new();
    let (a, _) = two_claims(&db);
    assert_refused(
        &db,
        &["link", &a.to_string(), "supports", "999"],
        &["TO", "no claim with id 999"],
    );
    assert_refused(
        &db,
        &["link", "abc", "supports", &a.to_string()],
        &["FROM", "'abc' is not a claim id"],
    );
}

#[test]
fn link_refuses_a_self_link() {
    let db = TestDb::new();
    let (a, _) = two_claims(&db);
    assert_refused(
        &db,
        &["link", &a.to_string(), "supports", &a.to_string()],
        &["cannot support itself"],
    );
}

#[test]
fn link_refuses_a_duplicate_link() {
    let db = TestDb::new();
    let (a, b) = two_claims(&db);
    let link = added_id(
        db.claims()
            .args(["link", &b.to_string(), "denies", &a.to_string()]),
    );
    assert_refused(
        &db,
        &["link", &b.to_string(), "denies", &a.to_string()],
        &[&format!("claim {b} already denies claim {a} (link {link})")],
    );
}

#[test]
fn the_database_itself_refuses_self_and_duplicate_links() {
    let db = TestDb::new();
    let (a, b) = two_claims(&db);
    let err = db
        .execute(&format!("INSERT INTO claim_links (from_claim_id, relation, to_claim_id) VALUES ({a}, 'supports', {a})"))
        .unwrap_err();
    assert!(
        err.to_string().contains("claim_links_no_self_link"),
        "{err}"
    );
    db.execute(&format!("INSERT INTO claim_links (from_claim_id, relation, to_claim_id) VALUES ({a}, 'supports', {b})")).unwrap();
    let err = db
        .execute(&format!("INSERT INTO claim_links (from_claim_id, relation, to_claim_id) VALUES ({a}, 'supports', {b})"))
        .unwrap_err();
    assert!(
        err.to_string().contains("claim_links_from_relation_to_key"),
        "{err}"
    );
}
