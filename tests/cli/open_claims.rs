//! `report --unverified` and `--overdue` on a small ledger made for each test:
//! order, filters, ages and deadlines, formats, bad filters.

use crate::builders::{ClaimBuilder, SourceBuilder, VerdictBuilder};
use crate::harness::{assert_refused, json, run, TestDb};

/// The ids of a JSON list of claims, in order.
fn ids(rows: &serde_json::Value) -> Vec<i64> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect()
}

/// Three claims with different days, tags and sources; one verified.
fn ledger(db: &TestDb) -> (i64, i64, i64, i64) {
    let src = SourceBuilder::new("A")
        .url("https://example.com/a")
        .insert(db);
    let old = ClaimBuilder::new("Old claim.")
        .by("Ann")
        .made("2023-01-10")
        .tag("x")
        .appears_in("https://example.com/a", "old")
        .insert(db);
    let new = ClaimBuilder::new("New prediction.")
        .by("Bob")
        .made("2023-06-01")
        .prediction()
        .expected_by("2023-07-01")
        .insert(db);
    let undated = ClaimBuilder::new("Undated claim.").by("Ann").insert(db);
    let settled = ClaimBuilder::new("Settled claim.")
        .by("Ann")
        .made("2022-01-01")
        .insert(db);
    VerdictBuilder::new(settled, "refuted").insert(db);
    (old, new, undated, src)
}

#[test]
fn unverified_lists_open_claims_oldest_first_without_settled_ones() {
    let db = TestDb::new();
    let (old, new, undated, _) = ledger(&db);
    let rows = json(&db, &["report", "--unverified"]);
    assert_eq!(ids(&rows), vec![old, new, undated]);
    let first = &rows[0];
    for field in [
        "id",
        "statement",
        "kind",
        "analyst",
        "made_at",
        "expected_by",
        "status",
        "sources",
        "age_days",
    ] {
        assert!(first.get(field).is_some(), "missing {field}: {first}");
    }
    assert_eq!(first["analyst"]["name"], "Ann");
    assert_eq!(first["sources"][0]["title"], "A");
    assert_eq!(first["status"], "unverified");
}

#[test]
fn unverified_filters_by_analyst_kind_tag_source_dates_and_limit() {
    let db = TestDb::new();
    let (old, new, undated, src) = ledger(&db);
    assert_eq!(
        ids(&json(&db, &["report", "--unverified", "--analyst", "Ann"])),
        vec![old, undated]
    );
    assert_eq!(
        ids(&json(
            &db,
            &["report", "--unverified", "--kind", "prediction"]
        )),
        vec![new]
    );
    assert_eq!(
        ids(&json(&db, &["report", "--unverified", "--tag", "x"])),
        vec![old]
    );
    assert_eq!(
        ids(&json(
            &db,
            &["report", "--unverified", "--source", &src.to_string()]
        )),
        vec![old]
    );
    assert_eq!(
        ids(&json(
            &db,
            &["report", "--unverified", "--since", "2023-02-01"]
        )),
        vec![new]
    );
    assert_eq!(
        ids(&json(
            &db,
            &["report", "--unverified", "--until", "2023-02-01"]
        )),
        vec![old]
    );
    assert_eq!(
        ids(&json(&db, &["report", "--unverified", "--limit", "2"])),
        vec![old, new]
    );
}

#[test]
fn unverified_ages_and_deadlines_use_claims_today() {
    let db = TestDb::new();
    let (old, new, _, _) = ledger(&db);
    let (code, stdout, _) = run(db.claims().env("CLAIMS_TODAY", "2023-07-11").args([
        "report",
        "--unverified",
        "--format",
        "json",
    ]));
    assert_eq!(code, 0);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(rows[0]["id"], old);
    assert_eq!(rows[0]["age_days"], 182);
    assert_eq!(rows[1]["id"], new);
    assert_eq!(rows[1]["days_left"], -10);
    let (_, csv, _) = run(db.claims().env("CLAIMS_TODAY", "2023-07-11").args([
        "report",
        "--unverified",
        "--format",
        "csv",
    ]));
    assert!(csv.contains(",2023-07-01,-10,"), "{csv}");
}

#[test]
fn unverified_table_and_csv() {
    let db = TestDb::new();
    db.seed();
    let (code, stdout, _) = run(db.claims().args(["report", "--unverified"]));
    assert_eq!(code, 0);
    assert!(stdout.contains("Nick Strogov"), "{stdout}");
    assert!(
        !stdout.contains("within days"),
        "a confirmed claim is listed: {stdout}"
    );
    let (code, stdout, _) = run(db
        .claims()
        .args(["report", "--unverified", "--format", "csv"]));
    assert_eq!(code, 0);
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    let rows = reader.records().count() as i64;
    assert_eq!(
        rows,
        db.count("SELECT count(*) AS n FROM claims WHERE status = 'unverified'")
    );
}

#[test]
fn report_refuses_bad_filters() {
    let db = TestDb::new();
    ledger(&db);
    assert_refused(
        &db,
        &["report", "--unverified", "--since", "2023-13-01"],
        &["--since"],
    );
    assert_refused(
        &db,
        &["report", "--unverified", "--analyst", "999"],
        &["--analyst", "no analyst with id '999'"],
    );
    assert_refused(
        &db,
        &["report", "--unverified", "--limit", "0"],
        &["--limit"],
    );
    assert_refused(
        &db,
        &[
            "report",
            "--unverified",
            "--since",
            "2023-05-01",
            "--until",
            "2023-01-01",
        ],
        &["after --until"],
    );
    assert_refused(&db, &["report"], &["--unverified"]);
}

#[test]
fn an_unknown_tag_is_refused_and_a_closed_pipe_is_not_an_error() {
    let db = TestDb::new();
    db.seed();
    assert_refused(
        &db,
        &["report", "--unverified", "--tag", "no-such-tag"],
        &["--tag", "no-such-tag"],
    );
    for format in ["json", "csv", "table"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("claims"))
            .env("DATABASE_URL", &db.url)
            .args(["report", "--unverified", "--format", format])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader goes away before anything is written
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
