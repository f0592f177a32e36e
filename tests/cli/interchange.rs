use crate::harness::{assert_refused, read, repo_root, run, TestDb};

fn export(db: &TestDb) -> String {
    let (code, stdout, stderr) = run(db.claims().arg("export"));
    assert_eq!(code, 0, "{stderr}");
    stdout
}

#[test]
fn importing_the_seeds_twice_changes_nothing() {
    let db = TestDb::new();
    let seeds = repo_root().join("seeds/article-000.json");
    let (code, stdout, stderr) = run(db.claims().arg("import").arg(&seeds));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("imported"), "{stdout}");
    let after_first = db.fingerprint();
    let (code, stdout, _) = run(db
        .claims()
        .arg("import")
        .arg(&seeds)
        .args(["--format", "json"]));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["sections"]["claims"]["created"], 0);
    assert_eq!(after_first, db.fingerprint());
    // db seed loads the same data: still nothing new.
    db.seed();
    assert_eq!(after_first, db.fingerprint());
}

#[test]
fn export_import_into_an_empty_database_export_is_identical() {
    let db = TestDb::new();
    db.seed();
    // Data the seeds lack: a URL'd source, an affiliation with dates, reported speech, a recorder.
    db.claims()
        .args([
            "add",
            "source",
            "https://example.com/b",
            "--title",
            "B",
            "--published",
            "2023-09-14",
        ])
        .assert()
        .success();
    db.claims()
        .args([
            "add",
            "analyst",
            "Desk",
            "--kind",
            "organization",
            "--affiliation",
            "Unit, Example News",
        ])
        .assert()
        .success();
    let first = db.count("SELECT min(id) AS n FROM appearances");
    db.claims()
        .args([
            "add",
            "claim",
            "Relayed.",
            "--by",
            "Desk",
            "--probability",
            "0.25",
            "--source",
            "https://example.com/b",
            "--quote",
            "relayed",
            "--attribution",
            "reported",
            "--via",
            &first.to_string(),
        ])
        .assert()
        .success();
    let claim = db.count("SELECT max(id) AS n FROM claims").to_string();
    db.claims()
        .args([
            "verify",
            &claim,
            "--status",
            "mixed",
            "--by",
            "Desk",
            "--evidence",
            "https://example.com/b",
        ])
        .assert()
        .success();
    let exported = export(&db);

    let empty = TestDb::new();
    let file = empty.workdir.path().join("ledger.json");
    std::fs::write(&file, &exported).unwrap();
    let (code, _, stderr) = run(empty.claims().arg("import").arg(&file));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(exported, export(&empty));
    // And importing it into the database it came from changes nothing.
    let before = db.fingerprint();
    db.claims().arg("import").arg(&file).assert().success();
    assert_eq!(before, db.fingerprint());
}

#[test]
fn import_reads_standard_input() {
    let db = TestDb::new();
    let seeds = read(&repo_root().join("seeds/article-000.json"));
    db.claims()
        .args(["import", "-"])
        .write_stdin(seeds)
        .assert()
        .success();
    assert!(db.count("SELECT count(*) AS n FROM claims") >= 10);
}

#[test]
fn import_refuses_a_malformed_file() {
    let db = TestDb::new();
    db.seed();
    let file = db.workdir.path().join("broken.json");
    std::fs::write(
        &file,
        "{\"format\": \"claims-ledger\", \"version\": 1, \"claims\": [",
    )
    .unwrap();
    assert_refused(
        &db,
        &["import", file.to_str().unwrap()],
        &["broken.json", "not a valid claims document", "line 1"],
    );
    std::fs::write(
        &file,
        r#"{"format": "claims-ledger", "version": 1, "claimz": []}"#,
    )
    .unwrap();
    assert_refused(
        &db,
        &["import", file.to_str().unwrap()],
        &["unknown field `claimz`"],
    );
    std::fs::write(&file, r#"{"format": "claims-ledger", "version": 7}"#).unwrap();
    assert_refused(
        &db,
        &["import", file.to_str().unwrap()],
        &["version: 7 is not supported"],
    );
    assert_refused(
        &db,
        &["import", "no-such-file.json"],
        &["no-such-file.json", "cannot read"],
    );
}

#[test]
fn import_refuses_a_dangling_reference_and_writes_nothing() {
    let db = TestDb::new();
    let file = db.workdir.path().join("dangling.json");
    std::fs::write(
        &file,
        r#"{"format": "claims-ledger", "version": 1,
            "analysts": [{"name": "Ann", "kind": "person"}],
            "sources": [{"key": "s1", "title": "T"}],
            "claims": [
              {"key": "c1", "statement": "One.", "analyst": "Ann",
               "appearances": [{"source": "s9", "quote": "one"}]},
              {"key": "c2", "statement": "Two.", "analyst": "Ann", "made_at": "2023-02-30"}
            ],
            "links": [{"from": "c1", "relation": "supports", "to": "c3"}],
            "verifications": [{"claim": "c2", "status": "confirmed", "note": "n", "effective_at": "2023-09-13"}]}"#,
    )
    .unwrap();
    let stderr = assert_refused(
        &db,
        &["import", file.to_str().unwrap()],
        &[
            "3 problem(s), nothing was imported",
            "claims[0]: appearances[0]: source: 's9' is not the key of a source in the file",
            "claims[1]: made_at",
            "links[0]: to: 'c3' is not the key of a claim in the file",
        ],
    );
    assert!(!stderr.contains("verifications"), "{stderr}");
    // A reference that only the database can check: an analyst neither listed nor stored.
    std::fs::write(
        &file,
        r#"{"format": "claims-ledger", "version": 1,
            "analysts": [{"name": "Ann", "kind": "person"}],
            "claims": [{"key": "c1", "statement": "One.", "analyst": "Ann"},
                       {"key": "c2", "statement": "Two.", "analyst": "Nobody"}]}"#,
    )
    .unwrap();
    assert_refused(
        &db,
        &["import", file.to_str().unwrap()],
        &["claims[1]: analyst: 'Nobody' is neither in the file nor in the database"],
    );
    assert_eq!(db.count("SELECT count(*) AS n FROM analysts"), 0);
}

#[test]
fn the_seed_article_is_recorded_faithfully() {
    let db = TestDb::new();
    db.seed();
    assert!(db.count("SELECT count(*) AS n FROM claims") >= 10);
    // Analysts as the article presents them.
    assert_eq!(
        db.text("SELECT o.name || '|' || f.title AS t FROM analysts a JOIN affiliations f ON f.analyst_id = a.id JOIN organizations o ON o.id = f.organization_id WHERE a.name = 'Irina Tsukerman'"),
        "Scarab Rising, Inc.|President"
    );
    assert_eq!(
        db.text("SELECT kind AS t FROM analysts WHERE name = 'US officials'"),
        "group"
    );
    assert_eq!(
        db.count("SELECT count(*) AS n FROM analysts WHERE kind = 'unattributed'"),
        1
    );
    assert!(db.count("SELECT count(*) AS n FROM claims c JOIN analysts a ON a.id = c.analyst_id WHERE a.name = 'Nick Strogov'") >= 2);
    // The source: only what the text gives.
    assert_eq!(
        db.text("SELECT title || '|' || coalesce(url, '-') || '|' || coalesce(publisher, '-') || '|' || coalesce(published_on::text, '-') AS t FROM sources"),
        "Defiant Putin and Kim Jong Un believe they have nothing to fear now from West|-|-|-"
    );
    // Every quote is verbatim from the article; none of its boilerplate is recorded.
    let article = read(&repo_root().join("seeds/000_485ecc1a258233f0.txt"));
    let quotes: Vec<String> = {
        use diesel::prelude::*;
        claims::schema::appearances::table
            .select(claims::schema::appearances::quote)
            .load(&mut db.conn())
            .unwrap()
    };
    for q in &quotes {
        assert!(article.contains(q.as_str()), "not verbatim: {q}");
        for boilerplate in ["READ MORE", "Don’t miss", "sign-up", "Read Full Article"] {
            assert!(!q.contains(boilerplate), "boilerplate recorded: {q}");
        }
    }
    // The denial is linked to the allegation it answers.
    let denial = db.claim_id("complete lie");
    let allegation = db.claim_id("Moscow may have been involved");
    assert_eq!(
        db.count(&format!("SELECT count(*) AS n FROM claim_links WHERE from_claim_id = {denial} AND relation = 'denies' AND to_claim_id = {allegation}")),
        1
    );
    // The summit prediction: deadline, confirmed on 13 September 2023; Vladivostok refuted.
    let summit = db.claim_id("within days");
    assert_eq!(
        db.text(&format!("SELECT kind || '|' || expected_by || '|' || status AS t FROM claims WHERE id = {summit}")),
        "prediction|2023-09-30|confirmed"
    );
    assert!(db
        .text(&format!(
            "SELECT note AS t FROM verifications WHERE claim_id = {summit}"
        ))
        .contains("Vostochny Cosmodrome"));
    let vladivostok = db.claim_id("meet in Vladivostok");
    assert_eq!(
        db.text(&format!(
            "SELECT status AS t FROM claims WHERE id = {vladivostok}"
        )),
        "refuted"
    );
    assert_eq!(
        db.text(&format!(
            "SELECT status AS t FROM claims WHERE id = {allegation}"
        )),
        "unverified"
    );
}

#[test]
fn verdicts_with_equal_times_keep_their_order_through_a_round_trip() {
    let db = TestDb::new();
    let file = db.workdir.path().join("ties.json");
    std::fs::write(
        &file,
        r#"{"format": "claims-ledger", "version": 1,
            "analysts": [{"name": "Ann", "kind": "person"}],
            "claims": [{"key": "c", "statement": "S.", "analyst": "Ann"}],
            "verifications": [
              {"claim": "c", "status": "refuted", "note": "first", "effective_at": "2023-09-13"},
              {"claim": "c", "status": "confirmed", "note": "second", "effective_at": "2023-09-13"}]}"#,
    )
    .unwrap();
    db.claims().arg("import").arg(&file).assert().success();
    assert_eq!(db.text("SELECT status AS t FROM claims"), "confirmed");
    let exported = export(&db);
    let other = TestDb::new();
    let copy = other.workdir.path().join("copy.json");
    std::fs::write(&copy, &exported).unwrap();
    other.claims().arg("import").arg(&copy).assert().success();
    assert_eq!(other.text("SELECT status AS t FROM claims"), "confirmed");
    assert_eq!(exported, export(&other));
}

#[test]
fn import_warns_about_stored_records_that_differ_and_keeps_them() {
    let db = TestDb::new();
    db.claims()
        .args(["add", "claim", "S.", "--by", "Ann", "--kind", "assessment"])
        .assert()
        .success();
    let file = db.workdir.path().join("differs.json");
    std::fs::write(
        &file,
        "\u{feff}{\"format\": \"claims-ledger\", \"version\": 1,
            \"analysts\": [{\"name\": \"Ann\", \"kind\": \"group\"}],
            \"claims\": [{\"key\": \"c\", \"statement\": \"S.\", \"analyst\": \"Ann\", \"kind\": \"fact\"}]}",
    )
    .unwrap();
    let (code, _, stderr) = run(db.claims().arg("import").arg(&file));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "analysts[0]: kept analyst 1 as stored: kind is person there, group in the document"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "claims[0]: kept claim 1 as stored: kind is assessment there, fact in the document"
        ),
        "{stderr}"
    );
    assert_eq!(db.text("SELECT kind AS t FROM claims"), "assessment");
}

#[test]
fn import_names_every_problem_only_the_database_can_find() {
    let db = TestDb::new();
    let file = db.workdir.path().join("problems.json");
    std::fs::write(
        &file,
        r#"{"format": "claims-ledger", "version": 1,
            "analysts": [{"name": "Ann", "kind": "person"}],
            "sources": [{"key": "s", "title": "T"}],
            "claims": [
              {"key": "c1", "statement": "One.", "analyst": "Nobody",
               "appearances": [{"key": "a1", "source": "s", "quote": "one"}]},
              {"key": "c2", "statement": "Two.", "analyst": "Ann",
               "appearances": [{"source": "s", "quote": "two", "via": "a1"}]}],
            "verifications": [
              {"claim": "c2", "status": "unverified", "note": "n", "effective_at": "2023-09-13"},
              {"claim": "c2", "status": "true", "note": "n", "effective_at": "2023-09-13"}]}"#,
    )
    .unwrap();
    assert_refused(
        &db,
        &["import", file.to_str().unwrap()],
        &[
            "claims[0]: analyst: 'Nobody' is neither in the file nor in the database",
            // c2's appearance relays one of c1's: refused with it, counted, not listed.
            "(1 more record(s) refer to these and were refused with them)",
            "verifications[0]: status: 'unverified' is not a verdict status",
            "verifications[1]: status: 'true' is not a verdict status",
        ],
    );
    std::fs::write(
        &file,
        r#"{"format": "claims-ledger", "version": 1,
            "analysts": [{"name": "Ann", "kind": "person"}],
            "claims": [{"key": "c1", "statement": "One.", "analyst": "Ann"},
                       {"key": "c2", "statement": " One. ", "analyst": "Ann", "kind": "prediction"}]}"#,
    )
    .unwrap();
    assert_refused(
        &db,
        &["import", file.to_str().unwrap()],
        &["claims[1]: statement: the same analyst and statement as claims[0]"],
    );
}

#[test]
fn a_via_chain_that_comes_back_to_itself_is_refused() {
    let db = TestDb::new();
    let file = db.workdir.path().join("cycle.json");
    std::fs::write(
        &file,
        r#"{"format": "claims-ledger", "version": 1,
            "analysts": [{"name": "Ann", "kind": "person"}],
            "sources": [{"key": "s", "title": "T"}],
            "claims": [
              {"key": "c1", "statement": "One.", "analyst": "Ann",
               "appearances": [{"key": "a1", "source": "s", "quote": "one", "via": "a2"}]},
              {"key": "c2", "statement": "Two.", "analyst": "Ann",
               "appearances": [{"key": "a2", "source": "s", "quote": "two", "via": "a1"}]}]}"#,
    )
    .unwrap();
    assert_refused(
        &db,
        &["import", file.to_str().unwrap()],
        &[
            "claims[0]: appearances[0]: via: 'a2' leads back to this appearance (a cycle)",
            "claims[1]: appearances[0]: via: 'a1' leads back to this appearance (a cycle)",
        ],
    );
}

/// The document and NDJSON are one import path: the same records give the same
/// rows, the same refusals and the same differences, each named in its terms.
#[test]
fn ndjson_records_follow_the_same_rules_as_the_document() {
    let db = TestDb::new();
    db.claims()
        .args(["add", "claim", "S.", "--by", "Ann", "--kind", "assessment"])
        .assert()
        .success();
    let file = db.workdir.path().join("same.ndjson");
    std::fs::write(
        &file,
        concat!(
            r#"{"type": "analyst", "name": "Ann", "kind": "group"}"#,
            "\n",
            r#"{"type": "claim", "key": "c", "statement": "S.", "analyst": "Ann", "kind": "fact", "tags": ["new tag"]}"#,
            "\n"
        ),
    )
    .unwrap();
    let (code, _, stderr) = run(db.claims().arg("import").arg(&file));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr
            .contains("line 1: kept analyst 1 as stored: kind is person there, group in the file"),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("line 2: kept claim 1 as stored: kind is assessment there, fact in the file"),
        "{stderr}"
    );
    // A tag the file only names is created, as `add claim --tag` does.
    assert_eq!(
        db.text("SELECT kind AS t FROM tags WHERE name = 'new tag'"),
        "topic"
    );
    // A record listed twice is refused in both formats.
    std::fs::write(
        &file,
        concat!(
            r#"{"type": "analyst", "name": "Bob", "kind": "person"}"#,
            "\n",
            r#"{"type": "analyst", "name": "Bob", "kind": "group"}"#,
            "\n"
        ),
    )
    .unwrap();
    assert_refused(
        &db,
        &["import", file.to_str().unwrap()],
        &["line 2: name: analyst 'Bob' is listed twice (first at line 1)"],
    );
}
