//! The analyst questions of docs/queries.md: each query in tests/sql/ runs on
//! the seeded database and must return its snapshot, tests/sql/snapshots/NAME.snap
//! (checked by hand against the article; review a change with `cargo insta
//! review`). docs/queries.md must quote every query and every setup
//! verbatim. A query that needs more than the seeds names its setup in a line
//! `-- Setup: NAME` (tests/sql/setup/NAME.sql); setups run as claims_writer and
//! queries as claims_reader, so both run for a reader of the docs with those roles.

use diesel::prelude::*;
use diesel::sql_types::Text;

use std::path::PathBuf;

use crate::harness::{read, repo_root, TestDb};

#[derive(QueryableByName)]
struct Json {
    #[diesel(sql_type = Text)]
    t: String,
}

/// Runs a query file: leading statements (SET …;) as they are, the last one as rows in JSON.
fn run_query(conn: &mut PgConnection, sql: &str) -> serde_json::Value {
    let statements: Vec<&str> = sql
        .split(";\n")
        .map(str::trim)
        .filter(|s| !s.is_empty() && !s.lines().all(|l| l.trim_start().starts_with("--")))
        .collect();
    let (last, setup) = statements.split_last().expect("a query");
    for s in setup {
        diesel::sql_query(*s).execute(conn).unwrap();
    }
    let last = last.trim_end_matches(';');
    let json: Json = diesel::sql_query(format!(
        "SELECT coalesce(json_agg(q), '[]'::json)::text AS t FROM ({last}\n) q"
    ))
    .get_result(conn)
    .unwrap_or_else(|e| panic!("{e}\n{last}"));
    serde_json::from_str(&json.t).unwrap()
}

fn query_files() -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(repo_root().join("tests/sql"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    files
}

/// The setups a query names in `-- Setup: NAME` lines.
fn setups_of(sql: &str) -> Vec<PathBuf> {
    sql.lines()
        .filter_map(|l| l.trim().strip_prefix("-- Setup: "))
        .map(|name| repo_root().join(format!("tests/sql/setup/{}.sql", name.trim())))
        .collect()
}

#[test]
fn every_analyst_query_returns_its_checked_result() {
    let db = TestDb::new();
    db.seed();
    let docs = read(&repo_root().join("docs/queries.md"));
    let files = query_files();
    assert!(
        files.len() >= 20,
        "docs/queries.md promises at least 20 questions"
    );
    for file in files {
        let sql = read(&file);
        assert!(
            docs.contains(sql.trim()),
            "docs/queries.md does not quote {} verbatim",
            file.display()
        );
        let mut conn = db.conn();
        // Rolled back afterwards, so every query sees the same seeds.
        conn.begin_test_transaction().unwrap();
        for setup in setups_of(&sql) {
            use diesel::connection::SimpleConnection;
            let text = read(&setup);
            assert!(
                docs.contains(text.trim()),
                "docs/queries.md does not quote {} verbatim",
                setup.display()
            );
            conn.batch_execute("SET LOCAL ROLE claims_writer").unwrap();
            conn.batch_execute(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", setup.display()));
        }
        diesel::sql_query("SET LOCAL ROLE claims_reader")
            .execute(&mut conn)
            .unwrap();
        let got = run_query(&mut conn, &sql);
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        insta::with_settings!({
            snapshot_path => repo_root().join("tests/sql/snapshots"),
            prepend_module_to_snapshot => false,
            description => format!("tests/sql/{name}.sql on the seed data"),
            omit_expression => true,
        }, {
            insta::assert_json_snapshot!(name, got);
        });
    }
}

#[test]
fn every_setup_is_used_and_every_view_and_function_has_an_example() {
    let queries: String = query_files().iter().map(|f| read(f)).collect();
    for entry in std::fs::read_dir(repo_root().join("tests/sql/setup")).unwrap() {
        let name = entry.unwrap().path();
        let stem = name.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(
            queries.contains(&format!("-- Setup: {stem}\n")),
            "no query uses tests/sql/setup/{stem}.sql"
        );
    }
    // Every view there is, and the functions written for analysts.
    let db = TestDb::new();
    let views = db.text(
        "SELECT string_agg(relname, ' ' ORDER BY relname) AS t FROM pg_class
          WHERE relnamespace = 'public'::regnamespace AND relkind = 'v'",
    );
    let functions = "claim_status_as_of claims_end_of_day overdue_predictions_as_of \
                     affiliations_on claim_accuracy claims_today";
    let names = format!("{views} {functions}");
    let missing: Vec<&str> = names
        .split_whitespace()
        .filter(|n| !queries.contains(&format!("{n}(")) && !queries.contains(&format!("FROM {n}")))
        .collect();
    assert!(missing.is_empty(), "no tests/sql example uses {missing:?}");
}
