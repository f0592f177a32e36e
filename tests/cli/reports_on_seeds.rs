//! Reports on the seed data, with numbers worked out by hand from the article's
//! verdicts (docs/queries.md lists them): five settled claims (three confirmed,
//! two refuted), one of them hedged ("unrealistic", 7 %).

use serde_json::Value;

use crate::harness::{added_id, assert_refused, json, run, TestDb};

fn in_every_format(db: &TestDb, args: &[&str], needle: &str) {
    for format in ["table", "csv", "json"] {
        let (code, stdout, stderr) = run(db.claims().args(args).args(["--format", format]));
        assert_eq!(code, 0, "{args:?} {format}: {stderr}");
        assert!(
            stdout.contains(needle),
            "{args:?} {format}: no {needle:?} in\n{stdout}"
        );
    }
}

fn close(a: &Value, b: f64) -> bool {
    a.as_f64().is_some_and(|a| (a - b).abs() < 1e-9)
}

/// Long because it walks one timeline (the summit prediction) through
/// several --as-of and --today days; each check depends on the day before.
#[test]
fn overdue_predictions_with_a_fixed_today() {
    let db = TestDb::new();
    db.seed();
    // As known on 12 September 2023 the summit was still open; its deadline was
    // 30 September, so on 5 October it was 5 days overdue.
    let rows = json(
        &db,
        &[
            "report",
            "--overdue",
            "--as-of",
            "2023-09-12",
            "--today",
            "2023-10-05",
        ],
    );
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0]["statement"]
        .as_str()
        .unwrap()
        .contains("within days"));
    assert_eq!(rows[0]["days_overdue"], 5);
    assert_eq!(rows[0]["analyst"]["name"], "Article's outlet (unnamed)");
    assert_eq!(rows[0]["status"], "unverified");
    assert!(rows[0]["sources"][0]["title"]
        .as_str()
        .unwrap()
        .starts_with("Defiant Putin"));
    in_every_format(
        &db,
        &[
            "report",
            "--overdue",
            "--as-of",
            "2023-09-12",
            "--today",
            "2023-10-05",
        ],
        "2023-09-30",
    );
    // Knowing what we know now, the summit was confirmed: nothing is overdue.
    assert_eq!(
        json(&db, &["report", "--overdue", "--today", "2023-10-05"]),
        serde_json::json!([])
    );

    // Most overdue first; CLAIMS_TODAY fixes today as well.
    let older = added_id(db.claims().args([
        "add",
        "claim",
        "Older.",
        "--by",
        "Ann",
        "--kind",
        "prediction",
        "--expected-by",
        "2023-01-01",
    ]));
    let newer = added_id(db.claims().args([
        "add",
        "claim",
        "Newer.",
        "--by",
        "Ann",
        "--kind",
        "prediction",
        "--expected-by",
        "2023-06-01",
    ]));
    let (_, out, _) = run(db.claims().env("CLAIMS_TODAY", "2023-07-01").args([
        "report",
        "--overdue",
        "--format",
        "json",
    ]));
    let rows: Value = serde_json::from_str(&out).unwrap();
    let got: Vec<(i64, i64)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_i64().unwrap(),
                r["days_overdue"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, vec![(older, 181), (newer, 30)]);
    let limited = json(
        &db,
        &[
            "report",
            "--overdue",
            "--today",
            "2023-07-01",
            "--limit",
            "1",
            "--since",
            "2023-05-01",
        ],
    );
    assert_eq!(limited.as_array().unwrap().len(), 1);
    assert_eq!(limited[0]["id"], newer);
}

/// Long because it checks every figure of the track record against the
/// hand-worked numbers of docs/queries.md, one analyst at a time.
#[test]
fn analysts_report_accuracy_brier_and_calibration() {
    let db = TestDb::new();
    db.seed();
    let rows = json(&db, &["report", "analysts"]);
    let by_name = |name: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["analyst"] == name)
            .unwrap()
            .clone()
    };
    let outlet = by_name("Article's outlet (unnamed)");
    assert_eq!(
        (
            outlet["claims"].as_i64(),
            outlet["confirmed"].as_i64(),
            outlet["pending"].as_i64(),
            outlet["settled"].as_i64()
        ),
        (Some(7), Some(3), Some(4), Some(3))
    );
    assert!(close(&outlet["accuracy"], 1.0));
    assert!(outlet["brier"].is_null());
    // Strogov called the uprising "unrealistic" (7 %); it did not happen: right, Brier 0.07² = 0.0049.
    let strogov = by_name("Nick Strogov");
    assert_eq!(
        (
            strogov["refuted"].as_i64(),
            strogov["settled"].as_i64(),
            strogov["scored"].as_i64()
        ),
        (Some(1), Some(1), Some(1))
    );
    assert!(close(&strogov["accuracy"], 1.0));
    assert!(close(&strogov["brier"], 0.0049), "{strogov}");
    let officials = by_name("US officials");
    assert!(close(&officials["accuracy"], 0.0));
    assert_eq!(rows.as_array().unwrap().len(), 6);

    let names = |v: &Value| {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r["analyst"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&json(
            &db,
            &[
                "report",
                "analysts",
                "--min-settled",
                "1",
                "--sort",
                "accuracy"
            ]
        )),
        vec!["Article's outlet (unnamed)", "Nick Strogov", "US officials"]
    );
    assert_eq!(
        names(&json(
            &db,
            &["report", "analysts", "--sort", "brier", "--limit", "1"]
        )),
        vec!["Nick Strogov"]
    );
    assert_eq!(
        names(&json(
            &db,
            &["report", "analysts", "--sort", "claims", "--limit", "2"]
        )),
        vec!["Article's outlet (unnamed)", "Irina Tsukerman"]
    );
    in_every_format(&db, &["report", "analysts"], "Nick Strogov");

    let bins = json(&db, &["report", "analysts", "--calibration"]);
    assert_eq!(bins.as_array().unwrap().len(), 1);
    assert_eq!(bins[0]["range"], "0.0–0.1");
    assert_eq!(bins[0]["claims"], 1);
    assert!(close(&bins[0]["mean_probability"], 0.07) && close(&bins[0]["observed"], 0.0));
    in_every_format(&db, &["report", "analysts", "--calibration"], "0.0–0.1");

    // As of 12 September 2023 only the two earlier confirmations were known.
    let then = json(
        &db,
        &[
            "report",
            "analysts",
            "--as-of",
            "2023-09-12",
            "--min-settled",
            "1",
        ],
    );
    assert_eq!(names(&then), vec!["Article's outlet (unnamed)"]);
    assert_eq!(then[0]["settled"], 2);
}

#[test]
fn sources_report_shares() {
    let db = TestDb::new();
    db.seed();
    let rows = json(&db, &["report", "sources"]);
    assert_eq!(rows.as_array().unwrap().len(), 1);
    let r = &rows[0];
    assert_eq!(
        (
            r["publisher"].as_str(),
            r["claims"].as_i64(),
            r["refuted"].as_i64(),
            r["unverified"].as_i64()
        ),
        (Some("(no publisher)"), Some(20), Some(2), Some(15))
    );
    assert!(close(&r["share_refuted"], 0.1) && close(&r["share_unverified"], 0.75));
    in_every_format(&db, &["report", "sources"], "(no publisher)");
    // A second outlet with one refuted claim of one ranks by claims, then share refuted.
    db.claims()
        .args([
            "add",
            "source",
            "https://example.com/x",
            "--title",
            "X",
            "--publisher",
            "Example News",
        ])
        .assert()
        .success();
    let id = added_id(db.claims().args([
        "add",
        "claim",
        "Wrong.",
        "--by",
        "Ann",
        "--source",
        "https://example.com/x",
        "--quote",
        "wrong",
    ]));
    db.claims()
        .args([
            "verify",
            &id.to_string(),
            "--status",
            "refuted",
            "--note",
            "n",
        ])
        .assert()
        .success();
    let rows = json(&db, &["report", "sources"]);
    assert_eq!(rows[1]["publisher"], "Example News");
    assert!(close(&rows[1]["share_refuted"], 1.0));
}

#[test]
fn summary_counts_now_and_then() {
    let db = TestDb::new();
    db.seed();
    let s = json(&db, &["report", "summary", "--today", "2023-09-01"]);
    assert_eq!(s["total"], 20);
    let count = |list: &Value, key: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|c| c["key"] == key)
            .unwrap()["claims"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(
        (
            count(&s["by_status"], "confirmed"),
            count(&s["by_status"], "refuted"),
            count(&s["by_status"], "unverified")
        ),
        (3, 2, 15)
    );
    assert_eq!(
        (
            count(&s["by_kind"], "fact"),
            count(&s["by_kind"], "prediction"),
            count(&s["by_kind"], "assessment")
        ),
        (5, 6, 9)
    );
    assert_eq!(s["oldest_unverified"]["date"], "undated");
    let then = json(&db, &["report", "summary", "--as-of", "2023-09-12"]);
    assert_eq!(
        (
            count(&then["by_status"], "confirmed"),
            count(&then["by_status"], "unverified")
        ),
        (2, 18)
    );
    assert_eq!(then["next_deadlines"][0]["date"], "2023-09-30");
    assert!(then["next_deadlines"][0]["statement"]
        .as_str()
        .unwrap()
        .contains("within days"));
    assert_eq!(then["overdue_predictions"], 0);
    in_every_format(
        &db,
        &["report", "summary", "--as-of", "2023-09-12"],
        "2023-09-30",
    );
}

#[test]
fn as_of_on_show_history_report_and_in_sql() {
    let db = TestDb::new();
    db.seed();
    let id = db.claim_id("within days");
    let status = |date: &str| {
        json(&db, &["show", &id.to_string(), "--as-of", date])["status"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(status("2023-09-12"), "unverified");
    assert_eq!(status("2023-09-13"), "confirmed"); // the end of the day it took effect
    assert_eq!(status("2023-09-14"), "confirmed");
    assert_eq!(
        json(&db, &["show", &id.to_string(), "--as-of", "2023-09-12"])["verdicts"],
        serde_json::json!([])
    );
    assert_eq!(
        db.text(&format!("SELECT claim_status_as_of({id}, '2023-09-12T23:59:59Z') || ',' || claim_status_as_of({id}, '2023-09-14') AS t")),
        "unverified,confirmed"
    );
    let events = json(&db, &["history", &id.to_string(), "--as-of", "2023-09-12"]);
    assert!(events
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["event"] != "verdict"));
    let open_then: Vec<i64> = json(&db, &["report", "--unverified", "--as-of", "2023-09-12"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert!(open_then.contains(&id));
    let open_now: Vec<i64> = json(&db, &["report", "--unverified"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert!(!open_now.contains(&id));
    // A verdict recorded late does not count before it was recorded, whatever its effective time.
    let late = added_id(
        db.claims()
            .args(["add", "claim", "Late news.", "--by", "Ann"]),
    );
    db.execute(&format!("INSERT INTO verifications (claim_id, status, note, effective_at, recorded_at) VALUES ({late}, 'confirmed', 'n', '2023-01-01', '2023-06-01')")).unwrap();
    assert_eq!(
        db.text(&format!(
            "SELECT claim_status_as_of({late}, '2023-03-01') AS t"
        )),
        "unverified"
    );
    assert_eq!(
        db.text(&format!(
            "SELECT claim_status_as_of({late}, '2023-06-02') AS t"
        )),
        "confirmed"
    );
}

/// One story, kept whole: the lexicon entry added first is what the later
/// claims and refusals use.
#[test]
fn hedges_set_probabilities_from_the_lexicon() {
    let db = TestDb::new();
    db.seed();
    assert_eq!(
        db.text("SELECT hedge || ':' || probability AS t FROM claims WHERE statement LIKE 'A significant uprising%'"),
        "unrealistic:0.07"
    );
    let id = added_id(db.claims().args([
        "add",
        "claim",
        "The summit will happen.",
        "--by",
        "Ann",
        "--kind",
        "prediction",
        "--hedge",
        "  Almost   Certain ",
    ]));
    assert_eq!(
        db.text(&format!(
            "SELECT hedge || ':' || probability AS t FROM claims WHERE id = {id}"
        )),
        "almost certain:0.93"
    );
    let lexicon = json(&db, &["lexicon", "list"]);
    let kent: Vec<(String, f64)> = lexicon
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["source"]
                .as_str()
                .unwrap()
                .contains("Words of Estimative Probability")
        })
        .map(|e| {
            (
                e["phrase"].as_str().unwrap().to_owned(),
                e["probability"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kent,
        vec![
            ("certain".to_owned(), 1.0),
            ("almost certain".to_owned(), 0.93),
            ("probable".to_owned(), 0.75),
            ("chances about even".to_owned(), 0.5),
            ("probably not".to_owned(), 0.3),
            ("almost certainly not".to_owned(), 0.07),
            ("impossible".to_owned(), 0.0),
        ]
    );
    added_id(db.claims().args([
        "lexicon",
        "add",
        "Remote Chance",
        "--probability",
        "0.05",
        "--source",
        "UK PHIA yardstick",
    ]));
    let hedged = added_id(db.claims().args([
        "add",
        "claim",
        "A coup.",
        "--by",
        "Ann",
        "--hedge",
        "remote chance",
    ]));
    db.claims()
        .args([
            "verify",
            &hedged.to_string(),
            "--status",
            "refuted",
            "--note",
            "none happened",
        ])
        .assert()
        .success();
    // Scored: (0.05 - 0)² = 0.0025, and right (less than even odds, refuted).
    let ann = json(&db, &["report", "analysts", "--analyst", "Ann"]);
    assert!(
        close(&ann[0]["brier"], 0.0025) && close(&ann[0]["accuracy"], 1.0),
        "{ann}"
    );
    assert_refused(
        &db,
        &[
            "lexicon",
            "add",
            "remote chance",
            "--probability",
            "0.1",
            "--source",
            "again",
        ],
        &["already in the lexicon"],
    );
}

#[test]
fn report_bad_inputs() {
    let db = TestDb::new();
    db.seed();
    assert_refused(
        &db,
        &["report", "--unverified", "--as-of", "12/09/2023"],
        &["--as-of", "12/09/2023", "YYYY-MM-DD"],
    );
    assert_refused(&db, &["show", "1", "--as-of", "2023-02-30"], &["--as-of"]);
    assert_refused(
        &db,
        &["report", "analysts", "--min-settled", "-1"],
        &["--min-settled -1"],
    );
    assert_refused(
        &db,
        &["report", "analysts", "--sort", "speed"],
        &["speed", "accuracy, brier, claims"],
    );
    assert_refused(
        &db,
        &["report", "--overdue", "--today", "tomorrow"],
        &["--today"],
    );
    assert_refused(&db, &["report", "--unverified", "analysts"], &[]);
}

#[test]
fn hedge_bad_inputs() {
    let db = TestDb::new();
    db.seed();
    assert_refused(
        &db,
        &["add", "claim", "X.", "--by", "Ann", "--hedge", "unlikley"],
        &[
            "--hedge",
            "'unlikley' is not in the hedge lexicon",
            "nearest: 'unlikely' (0.3)",
        ],
    );
    assert_refused(
        &db,
        &[
            "add",
            "claim",
            "X.",
            "--by",
            "Ann",
            "--hedge",
            "likely",
            "--probability",
            "0.5",
        ],
        &["--hedge"],
    );
    assert_refused(
        &db,
        &[
            "lexicon",
            "add",
            "sure thing",
            "--probability",
            "1.2",
            "--source",
            "x",
        ],
        &["--probability", "outside 0..1"],
    );
    assert_refused(
        &db,
        &[
            "lexicon",
            "add",
            "sure thing",
            "--probability",
            "-0.1",
            "--source",
            "x",
        ],
        &["outside 0..1"],
    );
}

#[test]
fn retracted_claims_leave_every_report_unless_included_and_count_before_their_retraction() {
    let db = TestDb::new();
    db.seed();
    let uprising = db.claim_id("A significant uprising");
    db.claims()
        .args(["retract", &uprising.to_string(), "--reason", "test"])
        .assert()
        .success();
    let strogov = |args: &[&str]| {
        let rows = json(
            &db,
            &[&["report", "analysts", "--analyst", "Nick Strogov"], args].concat(),
        );
        rows[0]["claims"].as_i64().unwrap()
    };
    assert_eq!(strogov(&[]), 3);
    assert_eq!(strogov(&["--include-retracted"]), 4);
    // On a day before the retraction it still stood.
    assert_eq!(strogov(&["--as-of", "2024-06-01"]), 4);
    let total = |args: &[&str]| {
        json(&db, &[&["report", "summary"], args].concat())["total"]
            .as_i64()
            .unwrap()
    };
    assert_eq!((total(&[]), total(&["--include-retracted"])), (19, 20));
    assert_refused(
        &db,
        &["report", "analysts", "--calibration", "--min-settled", "1"],
        &["--min-settled"],
    );
}
