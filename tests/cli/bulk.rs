//! Bulk import of NDJSON and CSV through COPY, and the data generator.

use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::harness::{added_id, assert_refused, run, TestDb};

fn generated(claims: u64, seed: u64, csv: bool) -> Vec<u8> {
    let plan = claims::generate::Plan { claims, seed };
    let mut out = Vec::new();
    if csv {
        plan.write_csv(&mut out).unwrap();
    } else {
        plan.write_ndjson(&mut out).unwrap();
    }
    out
}

fn write(db: &TestDb, name: &str, bytes: &[u8]) -> String {
    let path = db.workdir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_owned()
}

fn export(db: &TestDb) -> String {
    let (code, out, err) = run(db.claims().arg("export"));
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn the_generator_is_deterministic_from_the_cli() {
    let db = TestDb::new();
    let (_, a, _) = run(db
        .claims()
        .args(["generate", "--claims", "50", "--seed", "9"]));
    let (_, b, _) = run(db
        .claims()
        .args(["generate", "--claims", "50", "--seed", "9"]));
    let (_, c, _) = run(db
        .claims()
        .args(["generate", "--claims", "50", "--seed", "10"]));
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert_eq!(a.as_bytes(), generated(50, 9, false));
    let (_, csv, _) = run(db
        .claims()
        .args(["generate", "--claims", "5", "--format", "csv"]));
    assert_eq!(csv.lines().count(), 6);
}

/// The same records, imported in bulk and added one command at a time, give the same ledger.
/// Long on purpose: it replays every record as the command a user would type.
#[test]
fn a_bulk_import_equals_the_same_data_added_through_the_cli() {
    let bulk = TestDb::new();
    let data = generated(30, 4, false);
    let file = write(&bulk, "small.ndjson", &data);
    let (code, out, err) = run(bulk.claims().args(["import", &file]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("added"), "{out}");

    let by_hand = TestDb::new();
    let records: Vec<Value> = String::from_utf8(data)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut source_url: HashMap<String, String> = HashMap::new();
    let mut claim_id: HashMap<String, String> = HashMap::new();
    let text = |v: &Value| v.as_str().map(str::to_owned);
    for r in &records {
        let mut args: Vec<String> = Vec::new();
        match r["type"].as_str().unwrap() {
            "analyst" => {
                args.extend(["add", "analyst"].map(String::from));
                args.push(text(&r["name"]).unwrap());
                args.extend(["--kind".into(), text(&r["kind"]).unwrap()]);
            }
            "source" => {
                let url = text(&r["url"]).unwrap();
                source_url.insert(text(&r["key"]).unwrap(), url.clone());
                args.extend(["add".into(), "source".into(), url]);
                for (flag, field) in [
                    ("--title", "title"),
                    ("--publisher", "publisher"),
                    ("--author", "author"),
                    ("--published", "published_on"),
                ] {
                    if let Some(v) = text(&r[field]) {
                        args.extend([flag.into(), v]);
                    }
                }
            }
            "claim" => {
                let appearances = r["appearances"].as_array().unwrap();
                for (n, a) in appearances.iter().enumerate() {
                    let mut args: Vec<String> = vec![
                        "add".into(),
                        "claim".into(),
                        text(&r["statement"]).unwrap(),
                        "--by".into(),
                        text(&r["analyst"]).unwrap(),
                    ];
                    if n == 0 {
                        args.extend(["--kind".into(), text(&r["kind"]).unwrap()]);
                        for (flag, field) in [
                            ("--made", "made_at"),
                            ("--expected-by", "expected_by"),
                            ("--hedge", "hedge"),
                        ] {
                            if let Some(v) = text(&r[field]) {
                                args.extend([flag.into(), v]);
                            }
                        }
                        if let Some(p) = r["probability"].as_f64() {
                            args.extend(["--probability".into(), p.to_string()]);
                        }
                        for t in r["tags"].as_array().unwrap() {
                            args.extend(["--tag".into(), text(t).unwrap()]);
                        }
                    }
                    args.extend([
                        "--source".into(),
                        source_url[a["source"].as_str().unwrap()].clone(),
                        "--quote".into(),
                        text(&a["quote"]).unwrap(),
                        "--attribution".into(),
                        text(&a["attribution"]).unwrap(),
                    ]);
                    let id = added_id(by_hand.claims().args(&args));
                    claim_id.insert(text(&r["key"]).unwrap(), id.to_string());
                }
                continue;
            }
            "link" => {
                args.extend([
                    "link".into(),
                    claim_id[r["from"].as_str().unwrap()].clone(),
                    text(&r["relation"]).unwrap(),
                    claim_id[r["to"].as_str().unwrap()].clone(),
                    "--note".into(),
                    text(&r["note"]).unwrap(),
                ]);
            }
            "verdict" => {
                args.extend([
                    "verify".into(),
                    claim_id[r["claim"].as_str().unwrap()].clone(),
                    "--status".into(),
                    text(&r["status"]).unwrap(),
                    "--note".into(),
                    text(&r["note"]).unwrap(),
                    "--effective".into(),
                    text(&r["effective_at"]).unwrap(),
                ]);
            }
            other => panic!("unexpected record {other}"),
        }
        added_id(by_hand.claims().args(&args));
    }
    // The CLI records verdicts "now"; the file says when they were recorded.
    let without_recorded_at = |s: String| {
        s.lines()
            .filter(|l| !l.contains("\"recorded_at\""))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        without_recorded_at(export(&bulk)),
        without_recorded_at(export(&by_hand))
    );
}

#[test]
fn reimporting_changes_nothing_in_either_format() {
    let db = TestDb::new();
    let ndjson = write(&db, "a.ndjson", &generated(300, 1, false));
    let csv = write(&db, "b.csv", &generated(300, 2, true));
    db.claims().args(["import", &ndjson]).assert().success();
    db.claims().args(["import", &csv]).assert().success();
    let before = db.fingerprint();
    let (code, out, _) = run(db.claims().args(["import", &ndjson]));
    assert_eq!(code, 0);
    assert!(out.contains("added nothing"), "{out}");
    db.claims().args(["import", &csv]).assert().success();
    assert_eq!(before, db.fingerprint());
    assert_eq!(db.count("SELECT count(*) AS n FROM claims"), 600);
}

#[test]
fn a_bad_line_refuses_the_whole_file_and_names_the_line() {
    let db = TestDb::new();
    db.seed();
    let mut lines: Vec<String> = String::from_utf8(generated(50, 5, false))
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    let claim_line = lines
        .iter()
        .position(|l| l.contains("\"type\":\"claim\""))
        .unwrap()
        + 10;
    lines[claim_line] = lines[claim_line]
        .replace("\"made_at\":\"20", "\"made_at\":\"19")
        .replace("-01\"", "-32\"");
    lines[claim_line] =
        lines[claim_line].replacen("\"made_at\":\"", "\"made_at\":\"2023-02-30\",\"x\":\"", 1);
    let bad = lines[claim_line].clone();
    assert!(bad.contains("2023-02-30"));
    let file = write(&db, "bad.ndjson", (lines.join("\n") + "\n").as_bytes());
    let line_no = (claim_line + 1).to_string();
    let stderr = assert_refused(
        &db,
        &["import", &file],
        &[
            "line(s) refused, nothing was imported",
            &format!("line {line_no}:"),
        ],
    );
    assert!(
        stderr.contains("unknown field") || stderr.contains("made_at"),
        "{stderr}"
    );
}

#[test]
fn rejects_loads_the_valid_lines_and_lists_exactly_the_bad_ones() {
    let db = TestDb::new();
    let mut lines: Vec<String> = String::from_utf8(generated(40, 6, false))
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    // Lines nothing else points at: a verdict that is not JSON, a link with an unknown
    // relation, and a verdict for a claim the file does not have. (A refused claim
    // would take its verdicts and links with it: they would dangle.)
    let verdict = lines
        .iter()
        .position(|l| l.contains("\"type\":\"verdict\""))
        .unwrap();
    let link = lines
        .iter()
        .position(|l| l.contains("\"type\":\"link\""))
        .unwrap();
    lines[verdict] = "{not json".into();
    lines[link] = lines[link].replace("\"relation\":\"", "\"relation\":\"endorses-");
    lines.push(r#"{"type":"verdict","claim":"no-such-claim","status":"confirmed","note":"n","effective_at":"2023-09-13"}"#.into());
    let mut bad_lines = vec![verdict + 1, link + 1, lines.len()];
    bad_lines.sort();
    let file = write(&db, "mixed.ndjson", (lines.join("\n") + "\n").as_bytes());
    let rejects = db.workdir.path().join("rejects.ndjson");
    let (code, out, err) =
        run(db
            .claims()
            .args(["import", &file, "--rejects", rejects.to_str().unwrap()]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("3 lines refused"), "{out}");
    let refused: Vec<Value> = std::fs::read_to_string(&rejects)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let numbers: Vec<usize> = refused
        .iter()
        .map(|r| r["line"].as_u64().unwrap() as usize)
        .collect();
    assert_eq!(numbers, bad_lines, "{refused:?}");
    for r in &refused {
        assert_eq!(
            r["input"].as_str().unwrap(),
            lines[r["line"].as_u64().unwrap() as usize - 1]
        );
        assert!(!r["reason"].as_str().unwrap().is_empty());
    }
    // Everything else went in.
    assert_eq!(db.count("SELECT count(*) AS n FROM claims"), 40);
    let verdict_lines = lines
        .iter()
        .filter(|l| l.contains("\"type\":\"verdict\""))
        .count() as i64;
    assert_eq!(
        db.count("SELECT count(*) AS n FROM verifications"),
        verdict_lines - 1
    );
}

#[test]
fn csv_import_and_its_bad_inputs() {
    let db = TestDb::new();
    let csv = String::from_utf8(generated(20, 7, true)).unwrap();
    let file = write(&db, "ok.csv", csv.as_bytes());
    db.claims()
        .args(["import", &file, "--quiet"])
        .assert()
        .success();
    assert_eq!(db.count("SELECT count(*) AS n FROM claims"), 20);
    let header = claims::bulk::CSV_COLUMNS.join(",");
    let broken = write(&db, "header.csv", b"analyst,statement\nAnn,S.\n");
    assert_refused(
        &db,
        &["import", &broken],
        &["line 1", "the CSV columns must be exactly"],
    );
    let rows = format!(
        "{header}\nAnn,person,Fine.,fact,,,,,,,,,,,,,,\nAnn,person,Bad status.,fact,,,,,,,,,,,,true,2023-09-13,n\nAnn,person,No day.,fact,,,,,,,,,,,,confirmed,,n\n"
    );
    let file = write(&db, "status.csv", rows.as_bytes());
    assert_refused(
        &db,
        &["import", &file],
        &[
            "2 line(s) refused",
            "line 3: status: 'true' is not a verdict status",
            "line 4: status_effective_at: required with status",
        ],
    );
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let db = TestDb::new();
    let file = write(&db, "d.ndjson", &generated(100, 8, false));
    let before = db.fingerprint();
    let (code, out, err) =
        run(db
            .claims()
            .args(["import", &file, "--dry-run", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let summary: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(summary["added"]["claims"], 100);
    assert_eq!(summary["dry_run"], true);
    assert_eq!(before, db.fingerprint());
    // The JSON document format takes --dry-run too.
    let seeds = crate::harness::repo_root().join("seeds/article-000.json");
    db.claims()
        .arg("import")
        .arg(&seeds)
        .arg("--dry-run")
        .assert()
        .success();
    assert_eq!(before, db.fingerprint());
}

#[test]
fn standard_input_with_an_explicit_format() {
    let db = TestDb::new();
    db.claims()
        .args(["import", "-", "--input-format", "ndjson"])
        .write_stdin(generated(10, 3, false))
        .assert()
        .success();
    assert_eq!(db.count("SELECT count(*) AS n FROM claims"), 10);
    assert_refused(
        &db,
        &["import", "ledger.txt"],
        &["cannot tell the format", "--input-format"],
    );
}

#[test]
fn a_killed_import_leaves_the_database_unchanged() {
    let db = TestDb::new();
    db.seed();
    let file = write(&db, "big.ndjson", &generated(60_000, 11, false));
    let before = db.fingerprint();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("claims"))
        .env("DATABASE_URL", &db.url)
        .args(["import", &file, "--quiet"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1200));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the import finished before it could be killed: use a bigger file"
    );
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    // The server notices the closed connection and rolls back; give it a moment.
    let mut same = false;
    for _ in 0..50 {
        if db.count("SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE '%claims_import_stage%' AND pid <> pg_backend_pid()") == 0 {
            same = before == db.fingerprint();
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(same, "the database changed after the import was killed");
}
