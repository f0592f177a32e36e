use crate::builders::{AnalystBuilder, ClaimBuilder, SourceBuilder, VerdictBuilder};
use crate::harness::{added_id, assert_refused, run, run_concurrently, TestDb};

/// The prediction these tests correct and settle.
fn summit(db: &TestDb) -> i64 {
    ClaimBuilder::new("Putin and Kim will meet within days.")
        .prediction()
        .insert(db)
}

fn status(db: &TestDb, id: i64) -> String {
    db.text(&format!("SELECT status AS t FROM claims WHERE id = {id}"))
}

#[test]
fn verify_records_a_verdict_and_updates_the_status() {
    let db = TestDb::new();
    let id = summit(&db);
    let evidence = SourceBuilder::new("Summit at Vostochny")
        .url("https://example.com/summit")
        .insert(&db);
    AnalystBuilder::new("Fact desk")
        .kind("organization")
        .insert(&db);
    let verdict = VerdictBuilder::new(id, "confirmed")
        .effective("2023-09-13")
        .evidence("https://example.com/summit")
        .note("Met at the Vostochny Cosmodrome")
        .by("Fact desk")
        .insert(&db);
    assert_eq!(status(&db, id), "confirmed");
    assert_eq!(
        db.text(&format!(
            "SELECT v.status || '|' || v.effective_at::date || '|' || v.evidence_source_id || '|' || a.name || '|' || v.note AS t
               FROM verifications v JOIN analysts a ON a.id = v.recorded_by_analyst_id WHERE v.id = {verdict}"
        )),
        format!("confirmed|2023-09-13|{evidence}|Fact desk|Met at the Vostochny Cosmodrome")
    );
}

#[test]
fn the_latest_effective_verdict_wins_then_the_latest_recorded() {
    let db = TestDb::new();
    let id = summit(&db);
    let c = id.to_string();
    added_id(db.claims().args([
        "verify",
        &c,
        "--status",
        "confirmed",
        "--note",
        "n",
        "--effective",
        "2023-09-13",
    ]));
    // Recorded later, but effective earlier: not the current status.
    added_id(db.claims().args([
        "verify",
        &c,
        "--status",
        "refuted",
        "--note",
        "n",
        "--effective",
        "2023-09-01",
    ]));
    assert_eq!(status(&db, id), "confirmed");
    // Same effective time, recorded later: it wins.
    added_id(db.claims().args([
        "verify",
        &c,
        "--status",
        "mostly_true",
        "--note",
        "n",
        "--effective",
        "2023-09-13",
    ]));
    assert_eq!(status(&db, id), "mostly_true");
}

#[test]
fn a_verdict_inserted_in_plain_sql_keeps_the_status_true() {
    let db = TestDb::new();
    let id = summit(&db);
    db.execute(&format!("INSERT INTO verifications (claim_id, status, effective_at, note) VALUES ({id}, 'refuted', '2023-09-20', 'n')")).unwrap();
    assert_eq!(status(&db, id), "refuted");
}

#[test]
fn the_status_cannot_be_set_directly() {
    let db = TestDb::new();
    let id = summit(&db);
    let err = db
        .execute(&format!(
            "UPDATE claims SET status = 'confirmed' WHERE id = {id}"
        ))
        .unwrap_err();
    assert!(
        err.to_string().contains("derived from verifications"),
        "{err}"
    );
    assert_eq!(status(&db, id), "unverified");
}

#[test]
fn verify_refuses_an_unknown_status() {
    let db = TestDb::new();
    let id = summit(&db).to_string();
    assert_refused(
        &db,
        &["verify", &id, "--status", "true", "--note", "n"],
        &[
            "invalid value 'true' for '--status <STATUS>'",
            "confirmed, mostly_true, mixed, misleading, refuted, unverifiable",
        ],
    );
    // 'unverified' is the absence of a verdict, not a verdict.
    assert_refused(
        &db,
        &["verify", &id, "--status", "unverified", "--note", "n"],
        &["invalid value 'unverified' for '--status <STATUS>'"],
    );
}

#[test]
fn verify_refuses_an_unknown_claim_id() {
    let db = TestDb::new();
    summit(&db);
    assert_refused(
        &db,
        &["verify", "999", "--status", "confirmed", "--note", "n"],
        &["CLAIM", "no claim with id 999"],
    );
}

#[test]
fn verify_refuses_an_invalid_effective_date_and_unknown_references() {
    let db = TestDb::new();
    let id = summit(&db).to_string();
    assert_refused(
        &db,
        &[
            "verify",
            &id,
            "--status",
            "confirmed",
            "--note",
            "n",
            "--effective",
            "2023-02-30",
        ],
        &["--effective", "2023-02-30"],
    );
    assert_refused(
        &db,
        &[
            "verify",
            &id,
            "--status",
            "confirmed",
            "--note",
            "n",
            "--evidence",
            "7",
        ],
        &["--evidence", "no source with id '7'"],
    );
    assert_refused(
        &db,
        &[
            "verify",
            &id,
            "--status",
            "confirmed",
            "--note",
            "n",
            "--by",
            "Nobody",
        ],
        &["--by", "no analyst with name 'Nobody'"],
    );
}

#[test]
fn the_database_refuses_update_and_delete_of_a_verification() {
    let db = TestDb::new();
    let id = summit(&db);
    added_id(db.claims().args([
        "verify",
        &id.to_string(),
        "--status",
        "confirmed",
        "--note",
        "n",
    ]));
    let before = db.fingerprint();
    for sql in [
        "UPDATE verifications SET status = 'refuted'".to_owned(),
        "DELETE FROM verifications".to_owned(),
        "TRUNCATE verifications".to_owned(),
        format!("DELETE FROM claims WHERE id = {id}"),
    ] {
        let err = db.execute(&sql).unwrap_err().to_string();
        assert!(
            err.contains("append-only") || err.contains("violates foreign key"),
            "{sql}: {err}"
        );
    }
    assert_eq!(before, db.fingerprint());
}

#[test]
fn concurrent_verdicts_leave_the_latest_as_the_status() {
    let db = TestDb::new();
    let id = summit(&db).to_string();
    // Eight writers at once, each with a different effective day; the latest day must win.
    let statuses = ["confirmed", "refuted", "mixed", "misleading"];
    let invocations = (1..=8)
        .map(|day| {
            ["verify", &id, "--status", statuses[day % 4], "--note", "n"]
                .iter()
                .map(|s| s.to_string())
                .chain(["--effective".into(), format!("2023-09-{day:02}")])
                .collect()
        })
        .collect();
    run_concurrently(&db.url, invocations);
    assert_eq!(
        db.count(&format!(
            "SELECT count(*) AS n FROM verifications WHERE claim_id = {id}"
        )),
        8
    );
    assert_eq!(status(&db, id.parse().unwrap()), statuses[8 % 4]);
    let (code, _, _) = run(db.claims().args(["show", &id]));
    assert_eq!(code, 0);
}

#[test]
fn a_verdict_needs_evidence_or_a_note() {
    let db = TestDb::new();
    let id = summit(&db);
    assert_refused(
        &db,
        &[
            "verify",
            &id.to_string(),
            "--status",
            "confirmed",
            "--note",
            "  ",
        ],
        &["needs its evidence", "--evidence", "--note"],
    );
    let err = db
        .execute(&format!(
            "INSERT INTO verifications (claim_id, status) VALUES ({id}, 'confirmed')"
        ))
        .unwrap_err();
    assert!(
        err.to_string().contains("verifications_has_evidence"),
        "{err}"
    );
}
