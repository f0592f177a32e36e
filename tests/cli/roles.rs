//! claims_reader may read everything and change nothing; claims_writer may do
//! what the CLI does and never rewrite history.

use crate::harness::{added_id, assert_refused, run, TestDb};

/// A login role unique to this test database, granted `role` through the CLI.
fn login(db: &TestDb, role: &str) -> String {
    let name = format!("{}_{role}", db.name());
    db.execute(&format!("DROP ROLE IF EXISTS {name}")).unwrap();
    db.execute(&format!("CREATE ROLE {name} LOGIN")).unwrap();
    let (code, stdout, stderr) = run(db.claims().args(["db", "grant", role, &name]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(&format!("granted claims_{role} to {name}")),
        "{stdout}"
    );
    name
}

fn url_as(db: &TestDb, user: &str) -> String {
    db.url.replacen("postgres@", &format!("{user}@"), 1)
}

fn try_sql(url: &str, sql: &str) -> Result<usize, String> {
    use diesel::prelude::*;
    let mut conn = claims::connection::establish(url).map_err(|e| e.to_string())?;
    diesel::sql_query(sql)
        .execute(&mut conn)
        .map_err(|e| e.to_string())
}

fn drop_login(db: &TestDb, name: &str) {
    let _ = db.execute(&format!(
        "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {name}"
    ));
    let _ = db.execute(&format!("DROP OWNED BY {name}"));
    let _ = db.execute(&format!("DROP ROLE IF EXISTS {name}"));
}

#[test]
fn a_reader_reads_every_table_and_view_and_changes_nothing() {
    let db = TestDb::new();
    db.seed();
    let reader = login(&db, "reader");
    let url = url_as(&db, &reader);
    // Every table and view there is, so a new one without a grant fails here.
    let relations = db.text(
        "SELECT string_agg(relname, ',' ORDER BY relname) AS t FROM pg_class
          WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'v')",
    );
    assert!(relations.contains("claim_overview") && relations.contains("audit_log"));
    for relation in relations.split(',') {
        try_sql(&url, &format!("SELECT * FROM {relation} LIMIT 1"))
            .unwrap_or_else(|e| panic!("{relation}: {e}"));
    }
    let before = db.fingerprint();
    for sql in [
        "INSERT INTO analysts (name) VALUES ('Intruder')",
        "UPDATE claims SET statement = 'x'",
        "DELETE FROM claim_tags",
        "INSERT INTO verifications (claim_id, status, note) VALUES (1, 'refuted', 'x')",
        "CREATE TABLE notes (id bigint)",
        "DROP VIEW claim_overview",
        "ALTER TABLE claims ADD COLUMN x text",
    ] {
        let err = try_sql(&url, sql).expect_err(sql);
        assert!(
            err.contains("permission denied") || err.contains("must be owner"),
            "{sql}: {err}"
        );
    }
    assert_eq!(before, db.fingerprint());
    // The CLI's read commands work for a reader.
    let (code, _, stderr) = run(db
        .claims()
        .env("DATABASE_URL", &url)
        .args(["report", "--unverified"]));
    assert_eq!(code, 0, "{stderr}");
    drop_login(&db, &reader);
}

#[test]
fn a_writer_uses_the_cli_but_cannot_change_history() {
    let db = TestDb::new();
    let writer = login(&db, "writer");
    let url = url_as(&db, &writer);
    let as_writer = || {
        let mut cmd = db.claims();
        cmd.env("DATABASE_URL", &url);
        cmd
    };
    let id = added_id(as_writer().args([
        "add",
        "claim",
        "It will rain.",
        "--by",
        "Ann",
        "--kind",
        "prediction",
        "--tag",
        "weather",
    ]));
    as_writer()
        .args([
            "verify",
            &id.to_string(),
            "--status",
            "confirmed",
            "--note",
            "it rained",
        ])
        .assert()
        .success();
    as_writer()
        .args(["edit", "claim", &id.to_string(), "--probability", "0.6"])
        .assert()
        .success();
    as_writer()
        .args(["retract", &id.to_string(), "--reason", "test"])
        .assert()
        .success();
    // The edit and the retraction are audited, although the writer cannot touch audit_log.
    assert_eq!(
        db.count("SELECT count(*) AS n FROM audit_log WHERE table_name = 'claims' AND actor <> ''"),
        2
    );
    let before = db.fingerprint();
    for sql in [
        "UPDATE verifications SET status = 'refuted'",
        "DELETE FROM verifications",
        "TRUNCATE verifications",
        "INSERT INTO audit_log (table_name, row_key, operation, old_row, actor) VALUES ('claims', '{}', 'DELETE', '{}', 'forger')",
        "UPDATE audit_log SET actor = 'x'",
        "DELETE FROM audit_log",
        "DROP TABLE claim_tags",
    ] {
        let err = try_sql(&url, sql).expect_err(sql);
        assert!(err.contains("permission denied") || err.contains("must be owner"), "{sql}: {err}");
    }
    assert_eq!(before, db.fingerprint());
    drop_login(&db, &writer);
}

#[test]
fn grant_refuses_a_login_that_does_not_exist() {
    let db = TestDb::new();
    assert_refused(
        &db,
        &["db", "grant", "reader", "nobody_here"],
        &["no login named 'nobody_here'"],
    );
    assert_refused(&db, &["db", "grant", "admin", "postgres"], &["admin"]);
}

/// Runs a batch as `url`'s login.
fn try_batch(url: &str, sql: &str) -> Result<(), String> {
    use diesel::connection::SimpleConnection;
    let mut conn = claims::connection::establish(url).map_err(|e| e.to_string())?;
    conn.batch_execute(sql).map_err(|e| e.to_string())
}

#[test]
fn a_reader_is_refused_writes_on_every_table() {
    let db = TestDb::new();
    db.seed();
    let reader = login(&db, "reader");
    let url = url_as(&db, &reader);
    let tables = db.text(
        "SELECT string_agg(relname, ',' ORDER BY relname) AS t FROM pg_class
          WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'",
    );
    let before = db.fingerprint();
    for table in tables.split(',') {
        for sql in [
            format!("INSERT INTO {table} DEFAULT VALUES"),
            format!("UPDATE {table} SET created_at = created_at"),
            format!("DELETE FROM {table}"),
            format!("TRUNCATE {table}"),
        ] {
            let err = try_sql(&url, &sql).expect_err(&sql);
            assert!(
                err.contains("permission denied") || err.contains("does not exist"),
                "{sql}: {err}"
            );
        }
    }
    assert_eq!(before, db.fingerprint());
    drop_login(&db, &reader);
}

#[test]
fn no_login_can_forge_audit_rows_or_set_a_status_without_a_verdict() {
    let db = TestDb::new();
    db.seed();
    let id = db.claim_id("Moscow may have been involved");
    for role in ["reader", "writer"] {
        let name = login(&db, role);
        let url = url_as(&db, &name);
        // The SECURITY DEFINER audit function fired from a temporary table of the same name.
        let forged = try_batch(
            &url,
            &format!(
                "CREATE TEMP TABLE claims (id bigint PRIMARY KEY, statement text);
                 CREATE TRIGGER f AFTER UPDATE ON pg_temp.claims FOR EACH ROW EXECUTE FUNCTION public.audit_record();
                 INSERT INTO pg_temp.claims VALUES ({id}, 'x');
                 UPDATE pg_temp.claims SET statement = 'y';"
            ),
        );
        assert!(forged.is_err(), "{role} forged an audit row");
        assert_eq!(db.count("SELECT count(*) AS n FROM audit_log"), 0, "{role}");
        drop_login(&db, &name);
    }
    // A writer's own trigger (pg_trigger_depth 2) cannot set a status no verdict gives.
    let writer = login(&db, "writer");
    let url = url_as(&db, &writer);
    let sneaky = try_batch(
        &url,
        &format!(
            "CREATE FUNCTION pg_temp.f() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN UPDATE public.claims SET status = 'refuted' WHERE id = {id}; RETURN NULL; END $$;
             CREATE TEMP TABLE t (x int);
             CREATE TRIGGER t_f AFTER INSERT ON pg_temp.t FOR EACH ROW EXECUTE FUNCTION pg_temp.f();
             INSERT INTO pg_temp.t VALUES (1);"
        ),
    );
    let err = sneaky.expect_err("status set without a verdict");
    assert!(err.contains("derived from verifications"), "{err}");
    assert_eq!(
        db.text(&format!("SELECT status AS t FROM claims WHERE id = {id}")),
        "unverified"
    );
    drop_login(&db, &writer);
}

#[test]
fn grant_refuses_the_group_roles_and_roles_that_cannot_log_in() {
    let db = TestDb::new();
    assert_refused(
        &db,
        &["db", "grant", "writer", "claims_reader"],
        &["no login named 'claims_reader'"],
    );
    let name = format!("{}_nologin", db.name());
    db.execute(&format!("DROP ROLE IF EXISTS {name}")).unwrap();
    db.execute(&format!("CREATE ROLE {name} NOLOGIN")).unwrap();
    assert_refused(
        &db,
        &["db", "grant", "reader", &name],
        &[&format!("no login named '{name}'")],
    );
    db.execute(&format!("DROP ROLE {name}")).unwrap();
}
