//! Corrections, retraction and history: nothing is lost, every edit is audited.

use crate::builders::ClaimBuilder;
use crate::harness::{added_id, assert_refused, run, TestDb};

/// The prediction these tests correct and settle.
fn summit(db: &TestDb) -> i64 {
    ClaimBuilder::new("Putin and Kim will meet within days.")
        .prediction()
        .insert(db)
}

#[test]
fn edit_claim_records_the_old_values_and_the_actor() {
    let db = TestDb::new();
    let id = summit(&db);
    let (code, stdout, stderr) = run(db.claims().args([
        "--actor",
        "desk-editor",
        "edit",
        "claim",
        &id.to_string(),
        "--expected-by",
        "2023-09-15",
        "--probability",
        "0.8",
        "--statement",
        "Putin and Kim will meet by mid-September.",
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), id.to_string());
    assert_eq!(
        db.text(&format!("SELECT statement || '|' || expected_by || '|' || probability AS t FROM claims WHERE id = {id}")),
        "Putin and Kim will meet by mid-September.|2023-09-15|0.8"
    );
    assert_eq!(
        db.text(&format!(
            "SELECT operation || '|' || actor || '|' || (old_row->>'statement') || '|' || coalesce(old_row->>'expected_by', 'none') || '|' || (new_row->>'expected_by') AS t
               FROM audit_log WHERE table_name = 'claims' AND claim_id = {id}"
        )),
        "UPDATE|desk-editor|Putin and Kim will meet within days.|none|2023-09-15"
    );
    // "" clears an optional field; CLAIMS_ACTOR names the actor too.
    db.claims()
        .env("CLAIMS_ACTOR", "second-editor")
        .args(["edit", "claim", &id.to_string(), "--probability", ""])
        .assert()
        .success();
    assert_eq!(
        db.count(&format!(
            "SELECT count(*) AS n FROM claims WHERE id = {id} AND probability IS NULL"
        )),
        1
    );
    assert_eq!(
        db.count("SELECT count(*) AS n FROM audit_log WHERE actor = 'second-editor'"),
        1
    );
}

#[test]
fn edit_analyst_and_source_are_audited_and_a_verdict_alone_is_not_an_edit() {
    let db = TestDb::new();
    let id = summit(&db);
    let analyst = db.count("SELECT id AS n FROM analysts");
    let source = added_id(db.claims().args(["add", "source", "--title", "Article"]));
    db.claims()
        .args([
            "edit",
            "analyst",
            &analyst.to_string(),
            "--name",
            "Article's outlet",
            "--kind",
            "organization",
            "--description",
            "Unnamed",
        ])
        .assert()
        .success();
    db.claims()
        .args([
            "edit",
            "source",
            &source.to_string(),
            "--url",
            "https://Example.com/a",
            "--publisher",
            "Example",
            "--published",
            "2023-09-05",
        ])
        .assert()
        .success();
    assert_eq!(
        db.text(&format!("SELECT url AS t FROM sources WHERE id = {source}")),
        "https://example.com/a"
    );
    assert_eq!(
        db.text("SELECT string_agg(table_name, ',' ORDER BY id) AS t FROM audit_log"),
        "analysts,sources"
    );
    // The status trigger updates claims.status: derived, so not an edit.
    db.claims()
        .args([
            "verify",
            &id.to_string(),
            "--status",
            "confirmed",
            "--note",
            "n",
        ])
        .assert()
        .success();
    assert_eq!(
        db.count("SELECT count(*) AS n FROM audit_log WHERE table_name = 'claims'"),
        0
    );
}

#[test]
fn edit_refuses_an_unknown_id() {
    let db = TestDb::new();
    summit(&db);
    assert_refused(
        &db,
        &["edit", "claim", "999", "--statement", "X."],
        &["no claim with id 999"],
    );
    assert_refused(
        &db,
        &["edit", "analyst", "999", "--name", "X"],
        &["ANALYST", "no analyst with id 999"],
    );
    assert_refused(
        &db,
        &["edit", "source", "999", "--title", "X"],
        &["SOURCE", "no source with id 999"],
    );
}

#[test]
fn edit_refuses_an_unknown_field() {
    let db = TestDb::new();
    let id = summit(&db).to_string();
    assert_refused(
        &db,
        &["edit", "claim", &id, "--colour", "red"],
        &["--colour"],
    );
    assert_refused(&db, &["edit", "claim", &id], &["nothing to change"]);
}

#[test]
fn edit_refuses_a_change_that_breaks_a_rule() {
    let db = TestDb::new();
    let id = summit(&db).to_string();
    assert_refused(
        &db,
        &["edit", "claim", &id, "--statement", "  "],
        &["--statement cannot be empty"],
    );
    assert_refused(
        &db,
        &["edit", "claim", &id, "--made", "2023-02-30"],
        &["--made", "2023-02-30"],
    );
    assert_refused(
        &db,
        &[
            "edit",
            "claim",
            &id,
            "--expected-by",
            "2023-09-30",
            "--kind",
            "fact",
        ],
        &["--expected-by is only for predictions"],
    );
    assert_refused(
        &db,
        &["edit", "claim", &id, "--probability", "2"],
        &["outside 0..1"],
    );
    let analyst = db.count("SELECT id AS n FROM analysts").to_string();
    assert_refused(
        &db,
        &["edit", "analyst", &analyst, "--name", ""],
        &["--name cannot be empty"],
    );
    assert_eq!(db.count("SELECT count(*) AS n FROM audit_log"), 0);
}

#[test]
fn retract_hides_the_claim_keeps_it_and_refuses_twice() {
    let db = TestDb::new();
    db.seed();
    let id = db.claim_id("Moscow may have been involved");
    let before_views = db.count("SELECT count(*) AS n FROM claim_overview");
    db.claims()
        .args([
            "--actor",
            "lead",
            "retract",
            &id.to_string(),
            "--reason",
            "Recorded from a misreading",
        ])
        .assert()
        .success();
    assert_eq!(
        db.count("SELECT count(*) AS n FROM claim_overview"),
        before_views - 1
    );
    assert_eq!(
        db.count(&format!(
            "SELECT count(*) AS n FROM unverified_claims WHERE id = {id}"
        )),
        0
    );
    assert_eq!(
        db.count(&format!(
            "SELECT count(*) AS n FROM contested_claims WHERE claim_id = {id}"
        )),
        0
    );
    assert_eq!(
        db.count(&format!("SELECT count(*) AS n FROM claims WHERE id = {id}")),
        1
    );

    let ids = |args: &[&str]| -> Vec<i64> {
        let (_, out, _) = run(db
            .claims()
            .args(["report", "--unverified", "--format", "json"])
            .args(args));
        serde_json::from_str::<Vec<serde_json::Value>>(&out)
            .unwrap()
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect()
    };
    assert!(!ids(&[]).contains(&id));
    assert!(ids(&["--include-retracted"]).contains(&id));
    let (_, shown, _) = run(db.claims().args(["show", &id.to_string()]));
    assert!(
        shown.contains("RETRACTED") && shown.contains("Recorded from a misreading"),
        "{shown}"
    );

    assert_refused(
        &db,
        &["retract", &id.to_string(), "--reason", "again"],
        &["already retracted", "Recorded from a misreading"],
    );
    assert_refused(
        &db,
        &["retract", "999", "--reason", "x"],
        &["no claim with id 999"],
    );
}

#[test]
fn history_lists_verdicts_and_edits_in_time_order() {
    let db = TestDb::new();
    let id = summit(&db).to_string();
    db.claims()
        .args([
            "verify",
            &id,
            "--status",
            "refuted",
            "--effective",
            "2023-09-01",
            "--note",
            "early call",
        ])
        .assert()
        .success();
    db.claims()
        .args([
            "--actor",
            "ann",
            "edit",
            "claim",
            &id,
            "--expected-by",
            "2023-09-30",
        ])
        .assert()
        .success();
    db.claims()
        .args([
            "verify",
            &id,
            "--status",
            "confirmed",
            "--effective",
            "2023-09-13",
            "--note",
            "Vostochny",
        ])
        .assert()
        .success();
    db.claims()
        .args(["--actor", "ann", "retract", &id, "--reason", "duplicate"])
        .assert()
        .success();
    let (code, out, stderr) = run(db.claims().args(["history", &id, "--format", "json"]));
    assert_eq!(code, 0, "{stderr}");
    let events: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let kinds: Vec<&str> = events
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        vec!["recorded", "verdict", "edited", "verdict", "retracted"]
    );
    assert_eq!(events[2]["actor"], "ann");
    assert_eq!(events[2]["changes"]["expected_by"]["new"], "2023-09-30");
    assert!(events[3]["detail"].as_str().unwrap().contains("confirmed"));
    let (_, table, _) = run(db.claims().args(["history", &id]));
    assert!(
        table.contains("expected_by: none → '2023-09-30'"),
        "{table}"
    );
    assert_refused(&db, &["history", "999"], &["no claim with id 999"]);
}

#[test]
fn the_audit_log_is_append_only() {
    let db = TestDb::new();
    let id = summit(&db);
    db.claims()
        .args(["edit", "claim", &id.to_string(), "--made", "2023-09-05"])
        .assert()
        .success();
    let before = db.count("SELECT count(*) AS n FROM audit_log");
    for sql in [
        "UPDATE audit_log SET actor = 'nobody'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
    ] {
        let err = db.execute(sql).unwrap_err().to_string();
        assert!(err.contains("audit_log is append-only"), "{sql}: {err}");
    }
    assert_eq!(db.count("SELECT count(*) AS n FROM audit_log"), before);
}

#[test]
fn retracted_claims_round_trip_through_export() {
    let db = TestDb::new();
    let id = summit(&db);
    db.claims()
        .args(["retract", &id.to_string(), "--reason", "duplicate"])
        .assert()
        .success();
    let (_, exported, _) = run(db.claims().arg("export"));
    assert!(
        exported.contains("\"retraction_reason\": \"duplicate\""),
        "{exported}"
    );
    let other = TestDb::new();
    let file = other.workdir.path().join("e.json");
    std::fs::write(&file, &exported).unwrap();
    other.claims().arg("import").arg(&file).assert().success();
    let (_, again, _) = run(other.claims().arg("export"));
    assert_eq!(exported, again);
}

#[test]
fn every_update_and_delete_of_an_editable_table_is_audited_even_in_plain_sql() {
    let db = TestDb::new();
    db.seed();
    let statements = [
        ("organizations", "UPDATE organizations SET description = 'Consultancy'"),
        ("analysts", "UPDATE analysts SET description = 'Researcher (edited)' WHERE name = 'Nick Strogov'"),
        ("affiliations", "UPDATE affiliations SET valid_from = '2020-01-01'"),
        ("sources", "UPDATE sources SET publisher = 'Unknown outlet'"),
        ("claims", "UPDATE claims SET made_at = '2023-09-05' WHERE statement LIKE '%within days%'"),
        ("appearances", "UPDATE appearances SET attribution = CASE attribution WHEN 'direct' THEN 'paraphrase' ELSE 'direct' END WHERE id = (SELECT min(id) FROM appearances)"),
        ("claim_links", "UPDATE claim_links SET note = 'edited' WHERE relation = 'denies'"),
        ("tags", "UPDATE tags SET kind = CASE kind WHEN 'place' THEN 'topic' ELSE 'place' END WHERE name = 'Russia'"),
        ("claim_tags", "DELETE FROM claim_tags WHERE tag_id = (SELECT id FROM tags WHERE name = 'China')"),
    ];
    use diesel::RunQueryDsl;
    let mut conn = db.conn();
    diesel::sql_query("SET claims.actor = 'sql-user'")
        .execute(&mut conn)
        .unwrap();
    for (table, sql) in statements {
        let changed = diesel::sql_query(sql)
            .execute(&mut conn)
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        assert!(changed >= 1, "{sql} changed nothing");
        let logged = db.count(&format!("SELECT count(*) AS n FROM audit_log WHERE table_name = '{table}' AND actor = 'sql-user'"));
        assert!(logged >= 1, "{table}: no audit row");
    }
    // Every audit row keeps the old row and names the operation.
    assert_eq!(db.count("SELECT count(*) AS n FROM audit_log WHERE old_row IS NULL OR operation NOT IN ('UPDATE', 'DELETE')"), 0);
}

#[test]
fn the_actor_is_the_os_user_else_the_database_user() {
    let db = TestDb::new();
    let id = summit(&db).to_string();
    db.claims()
        .env("USER", "os-user")
        .env_remove("CLAIMS_ACTOR")
        .args(["edit", "claim", &id, "--made", "2023-09-01"])
        .assert()
        .success();
    db.claims()
        .env_remove("USER")
        .env_remove("LOGNAME")
        .env_remove("CLAIMS_ACTOR")
        .args(["edit", "claim", &id, "--made", "2023-09-02"])
        .assert()
        .success();
    assert_eq!(
        db.text(
            "SELECT string_agg(actor || '/' || database_user, ',' ORDER BY id) AS t FROM audit_log"
        ),
        "os-user/postgres,postgres/postgres"
    );
}

#[test]
fn history_shows_edits_of_links_from_both_ends() {
    let db = TestDb::new();
    db.seed();
    let denial = db.claim_id("complete lie");
    let allegation = db.claim_id("Moscow may have been involved");
    db.execute("UPDATE claim_links SET note = 'edited note' WHERE relation = 'denies'")
        .unwrap();
    for id in [denial, allegation] {
        let (_, out, _) = run(db
            .claims()
            .args(["history", &id.to_string(), "--format", "json"]));
        assert!(out.contains("edited note"), "claim {id}: {out}");
    }
}

#[test]
fn a_verdict_cannot_take_effect_in_the_future_or_after_it_was_recorded() {
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
            "n",
            "--effective",
            "2999-01-01",
        ],
        &["--effective", "in the future"],
    );
    let err = db
        .execute(&format!("INSERT INTO verifications (claim_id, status, note, effective_at, recorded_at) VALUES ({id}, 'confirmed', 'n', '2023-09-02', '2023-09-01')"))
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("verifications_effective_not_after_recorded"),
        "{err}"
    );
}
