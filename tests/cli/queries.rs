//! The analyst questions of docs/queries.md: each query in tests/sql/ runs on
//! the seeded database and must return its snapshot, tests/sql/snapshots/NAME.snap
//! (checked by hand against the article; review a change with `cargo insta
//! review`). docs/queries.md must quote every query verbatim.

use diesel::prelude::*;
use diesel::sql_types::Text;

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

#[test]
fn every_analyst_query_returns_its_checked_result() {
    let db = TestDb::new();
    db.seed();
    let dir = repo_root().join("tests/sql");
    let docs = read(&repo_root().join("docs/queries.md"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "sql")
                && !p.to_string_lossy().ends_with(".setup.sql")
        })
        .collect();
    files.sort();
    assert!(
        files.len() >= 10,
        "docs/queries.md promises at least 10 questions"
    );
    for file in files {
        let sql = read(&file);
        assert!(
            docs.contains(sql.trim()),
            "docs/queries.md does not quote {} verbatim",
            file.display()
        );
        let mut conn = db.conn();
        // NAME.setup.sql adds what the seed data lacks for this question, in a
        // transaction rolled back afterwards so every query sees the same seeds.
        conn.begin_test_transaction().unwrap();
        let setup = file.with_extension("setup.sql");
        if setup.exists() {
            use diesel::connection::SimpleConnection;
            conn.batch_execute(&read(&setup)).unwrap();
        }
        let got = run_query(&mut conn, &sql);
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        insta::with_settings!({
            snapshot_path => dir.join("snapshots"),
            prepend_module_to_snapshot => false,
            description => format!("tests/sql/{name}.sql on the seed data"),
            omit_expression => true,
        }, {
            insta::assert_json_snapshot!(name, got);
        });
    }
}
