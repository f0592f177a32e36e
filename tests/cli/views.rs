//! The analyst views, checked on data whose answers are worked out by hand.

use diesel::prelude::*;

use crate::harness::{added_id, TestDb};

fn add(db: &TestDb, args: &[&str]) -> i64 {
    added_id(db.claims().args(args))
}

fn verify(db: &TestDb, id: i64, status: &str, effective: &str) {
    db.claims()
        .args([
            "verify",
            &id.to_string(),
            "--status",
            status,
            "--effective",
            effective,
            "--note",
            "n",
        ])
        .assert()
        .success();
}

#[test]
fn claim_overview_has_one_row_per_claim_with_its_first_source_and_tags() {
    let db = TestDb::new();
    db.claims()
        .args([
            "add",
            "source",
            "https://example.com/late",
            "--title",
            "Late",
            "--published",
            "2023-09-20",
        ])
        .assert()
        .success();
    db.claims()
        .args([
            "add",
            "source",
            "https://example.com/early",
            "--title",
            "Early",
            "--published",
            "2023-09-05",
        ])
        .assert()
        .success();
    let id = add(
        &db,
        &[
            "add",
            "claim",
            "S.",
            "--by",
            "Ann",
            "--source",
            "https://example.com/late",
            "--quote",
            "late quote",
            "--tag",
            "b",
            "--tag",
            "a",
        ],
    );
    add(
        &db,
        &[
            "add",
            "claim",
            "S.",
            "--by",
            "Ann",
            "--source",
            "https://example.com/early",
            "--quote",
            "early quote",
        ],
    );
    verify(&db, id, "mixed", "2023-09-21");
    assert_eq!(
        db.text(&format!(
            "SELECT status_label || '|' || analyst_name || '|' || source_title || '|' || appearance_count
                    || '|' || array_to_string(tags, ',') || '|' || verdict_effective_at::date AS t
               FROM claim_overview WHERE id = {id}"
        )),
        "Mixed|Ann|Early|2|a,b|2023-09-21"
    );
    assert_eq!(db.count("SELECT count(*) AS n FROM claim_overview"), 1);
}

#[test]
fn overdue_predictions_count_days_to_claims_today() {
    let db = TestDb::new();
    let late = add(
        &db,
        &[
            "add",
            "claim",
            "Late.",
            "--by",
            "Ann",
            "--kind",
            "prediction",
            "--made",
            "2023-09-01",
            "--expected-by",
            "2023-09-20",
        ],
    );
    let settled = add(
        &db,
        &[
            "add",
            "claim",
            "Settled.",
            "--by",
            "Ann",
            "--kind",
            "prediction",
            "--expected-by",
            "2023-09-10",
        ],
    );
    add(
        &db,
        &[
            "add",
            "claim",
            "Not yet due.",
            "--by",
            "Ann",
            "--kind",
            "prediction",
            "--expected-by",
            "2023-12-31",
        ],
    );
    verify(&db, settled, "confirmed", "2023-09-10");
    let mut conn = db.conn();
    diesel::sql_query("SET claims.today = '2023-10-01'")
        .execute(&mut conn)
        .unwrap();
    let rows: Vec<(i64, i32)> =
        diesel::sql_query("SELECT id, days_overdue FROM overdue_predictions")
            .load::<IdDays>(&mut conn)
            .unwrap()
            .into_iter()
            .map(|r| (r.id, r.days_overdue))
            .collect();
    assert_eq!(rows, vec![(late, 11)]);
}

#[derive(QueryableByName)]
struct IdDays {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    id: i64,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    days_overdue: i32,
}

#[test]
fn analyst_track_record_scores_accuracy_and_brier_by_hand() {
    let db = TestDb::new();
    // Brier, predictions only: p 0.8 confirmed (weight 1): 0.04; p 0.3 refuted (0):
    // 0.09; p 0.6 mixed (0.5): 0.01; mean 0.0467. Accuracy, every kind: 1, then 1
    // (given less than even odds, and refuted: right), then 0.5, then 1 for the
    // assessment; mean 0.875. The assessment's probability is not a forecast: settled,
    // not scored (scored, it would pull the Brier score towards 0). One unverifiable
    // (no weight) and one pending: neither settled nor scored.
    let prediction = |statement: &str, p: &str| {
        add(
            &db,
            &[
                "add",
                "claim",
                statement,
                "--by",
                "Ann",
                "--kind",
                "prediction",
                "--probability",
                p,
            ],
        )
    };
    let a = prediction("A.", "0.8");
    let b = prediction("B.", "0.3");
    let c = prediction("C.", "0.6");
    let d = prediction("D.", "0.9");
    add(&db, &["add", "claim", "E.", "--by", "Ann"]);
    let f = add(
        &db,
        &[
            "add",
            "claim",
            "F.",
            "--by",
            "Ann",
            "--kind",
            "assessment",
            "--probability",
            "1",
        ],
    );
    verify(&db, a, "confirmed", "2023-09-01");
    verify(&db, b, "refuted", "2023-09-01");
    verify(&db, c, "mixed", "2023-09-01");
    verify(&db, d, "unverifiable", "2023-09-01");
    verify(&db, f, "confirmed", "2023-09-01");
    assert_eq!(
        db.text(
            "SELECT claims_made || '|' || confirmed || '|' || refuted || '|' || mixed || '|' || unverifiable
                    || '|' || unverified || '|' || settled || '|' || scored || '|' || round(accuracy::numeric, 4)
                    || '|' || round(brier_score::numeric, 4) || '|' || settled_facts
                    || '|' || settled_predictions || '|' || settled_assessments AS t
               FROM analyst_track_record WHERE analyst_name = 'Ann'"
        ),
        "6|2|1|1|1|1|4|3|0.8750|0.0467|0|3|1"
    );
}

#[test]
fn contested_claims_flag_a_denial_that_turned_out_true() {
    let db = TestDb::new();
    let allegation = add(
        &db,
        &["add", "claim", "Moscow was involved.", "--by", "Some"],
    );
    let denial = add(
        &db,
        &["add", "claim", "It is a complete lie.", "--by", "Kremlin"],
    );
    db.claims()
        .args([
            "link",
            &denial.to_string(),
            "denies",
            &allegation.to_string(),
        ])
        .assert()
        .success();
    assert_eq!(
        db.text("SELECT denied_but_confirmed::text AS t FROM contested_claims"),
        "false"
    );
    verify(&db, allegation, "mostly_true", "2024-01-01");
    assert_eq!(
        db.text("SELECT denied_but_confirmed || '|' || denied_but_mostly_true AS t FROM contested_claims"),
        "false|true",
        "mostly true is not confirmed"
    );
    verify(&db, allegation, "confirmed", "2024-01-02");
    assert_eq!(
        db.text("SELECT relation || '|' || claim_status || '|' || challenger_analyst || '|' || denied_but_confirmed
                        || '|' || denied_but_mostly_true || '|' || verdict_effective_at AS t FROM contested_claims"),
        "denies|confirmed|Kremlin|true|false|2024-01-02"
    );
}

#[test]
fn verdict_history_lists_every_verdict_with_its_evidence() {
    let db = TestDb::new();
    let id = add(&db, &["add", "claim", "X.", "--by", "Ann"]);
    db.claims()
        .args([
            "add",
            "source",
            "https://example.com/e",
            "--title",
            "Evidence",
        ])
        .assert()
        .success();
    db.claims()
        .args(["add", "analyst", "Desk"])
        .assert()
        .success();
    verify(&db, id, "refuted", "2023-09-01");
    db.claims()
        .args([
            "verify",
            &id.to_string(),
            "--status",
            "confirmed",
            "--evidence",
            "https://example.com/e",
            "--by",
            "Desk",
            "--effective",
            "2023-09-02",
        ])
        .assert()
        .success();
    assert_eq!(
        db.text("SELECT string_agg(status_label || ':' || coalesce(evidence_title, '-') || ':' || coalesce(recorded_by, '-'), ' ' ORDER BY effective_at) AS t FROM verdict_history"),
        "Refuted:-:- Confirmed:Evidence:Desk"
    );
}

#[test]
fn the_unverified_list_can_use_its_partial_index() {
    let db = TestDb::new();
    // Enough rows, with statistics, that the planner's choice means something.
    db.execute("INSERT INTO analysts (name) VALUES ('Ann')")
        .unwrap();
    db.execute(
        "INSERT INTO claims (analyst_id, statement, made_at)
         SELECT 1, 'Claim ' || i, date '2020-01-01' + (i % 1500)
           FROM generate_series(1, 20000) AS i",
    )
    .unwrap();
    db.execute("ANALYZE").unwrap();
    let mut conn = db.conn();
    #[derive(QueryableByName)]
    struct Plan {
        #[diesel(sql_type = diesel::sql_types::Text, column_name = "QUERY PLAN")]
        line: String,
    }
    let plan: Vec<Plan> =
        diesel::sql_query("EXPLAIN SELECT * FROM unverified_claims ORDER BY made_at, id LIMIT 50")
            .load(&mut conn)
            .unwrap();
    let plan: String = plan.into_iter().map(|p| p.line + "\n").collect();
    assert!(plan.contains("claims_unverified_made_at_idx"), "{plan}");
}
