//! The SQL surface without traps (issue 13): the as-of functions, the source and
//! relay views, field-level history, dated affiliations. The answers on the seed
//! data are in tests/sql (see queries.rs); these check the edges and that the old,
//! plausible readings no longer come out.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::harness::{added_id, read, repo_root, run, TestDb};

fn add(db: &TestDb, args: &[&str]) -> i64 {
    added_id(db.claims().args(args))
}

/// Runs the setup statements, then returns the text the last query selects as `t`.
fn text_after(db: &TestDb, setup: &str, query: &str) -> String {
    #[derive(QueryableByName)]
    struct T {
        #[diesel(sql_type = diesel::sql_types::Text)]
        t: String,
    }
    let mut conn = db.conn();
    conn.batch_execute(setup).unwrap();
    diesel::sql_query(query)
        .get_result::<T>(&mut conn)
        .unwrap()
        .t
}

#[test]
fn a_day_means_its_end_in_utc_whatever_the_session_time_zone() {
    let db = TestDb::new();
    db.seed();
    let summit = db.claim_id("meet within days");
    assert_eq!(summit, 14, "the issue's example is claim 14");
    // From UTC-11 to UTC+14: the summit verdict took effect at 2023-09-13T00:00Z.
    for zone in [
        "Pacific/Pago_Pago",
        "America/New_York",
        "UTC",
        "Asia/Tokyo",
        "Pacific/Kiritimati",
    ] {
        let got = text_after(
            &db,
            &format!("SET TimeZone = '{zone}'"),
            &format!(
            "SELECT concat_ws(' ',
                 claim_status_as_of({summit}, '2023-09-12'),
                 claim_status_as_of({summit}, '2023-09-13'),
                 claim_status_as_of({summit}, date '2023-09-12'),
                 claim_status_as_of({summit}, date '2023-09-13'),
                 claim_status_as_of({summit}, '2023-09-12T23:59:59.999999Z'),
                 claim_status_as_of({summit}, '2023-09-13T09:00:00+09:00'),
                 to_char(claims_end_of_day('2023-09-12') AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')) AS t"
            ),
        );
        assert_eq!(
            got,
            "unverified confirmed unverified confirmed unverified confirmed 2023-09-12 23:59:59.999999",
            "{zone}"
        );
    }
    // The CLI's --as-of DAY gives the same answers.
    for (day, status) in [("2023-09-12", "unverified"), ("2023-09-13", "confirmed")] {
        let (code, out, stderr) = run(db.claims().args([
            "show",
            &summit.to_string(),
            "--as-of",
            day,
            "--format",
            "json",
        ]));
        assert_eq!(code, 0, "{stderr}");
        let shown: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(shown["status"], status, "{day}: {out}");
    }
}

#[test]
fn the_text_form_refuses_a_time_without_its_offset() {
    let db = TestDb::new();
    db.seed();
    for bad in ["2023-09-13 12:00", "13/09/2023", "yesterday"] {
        let err = db
            .execute(&format!("SELECT claim_status_as_of(14, '{bad}')"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!(
                "'{bad}' is neither a day nor a time with a UTC offset"
            )),
            "{bad}: {err}"
        );
    }
    let err = db
        .execute("SELECT claim_status_as_of(14, '2023-02-30')")
        .unwrap_err()
        .to_string();
    assert!(err.contains("2023-02-30"), "{err}");
    // NULL in, NULL out: not a misleading 'unverified'.
    assert_eq!(
        db.text("SELECT coalesce(claim_status_as_of(14, NULL::date), 'null') AS t"),
        "null"
    );
}

#[test]
fn overdue_as_of_a_day_uses_what_was_known_then() {
    let db = TestDb::new();
    let prediction = |statement: &str, expected_by: &str| {
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
                "--made",
                "2023-09-01",
                "--expected-by",
                expected_by,
            ],
        )
    };
    let settled_later = prediction("Settled later.", "2023-09-20");
    prediction("Never settled.", "2023-09-10");
    prediction("Due that day.", "2023-10-01");
    let retracted_later = prediction("Retracted later.", "2023-09-15");
    let settled_before = prediction("Settled before.", "2023-09-05");
    // Recorded now, so unknown on 1 October 2023 whatever its effective time.
    db.claims()
        .args([
            "verify",
            &settled_later.to_string(),
            "--status",
            "refuted",
            "--effective",
            "2023-09-25",
            "--note",
            "n",
        ])
        .assert()
        .success();
    // Recorded in time: known by then.
    db.execute(&format!(
        "INSERT INTO verifications (claim_id, status, note, effective_at, recorded_at)
         VALUES ({settled_before}, 'refuted', 'recorded in time', '2023-09-06T00:00Z', '2023-09-06T08:00Z')"
    ))
    .unwrap();
    db.claims()
        .args([
            "retract",
            &retracted_later.to_string(),
            "--reason",
            "recorded twice",
        ])
        .assert()
        .success();

    let as_of = db.text(
        "SELECT string_agg(statement || ':' || days_overdue || ':' || status || ':' || current_status, ' | '
                           ORDER BY expected_by, claim_id) AS t
           FROM overdue_predictions_as_of('2023-10-01')",
    );
    assert_eq!(
        as_of,
        "Never settled.:21:unverified:unverified | Retracted later.:16:unverified:unverified | \
         Settled later.:11:unverified:refuted"
    );
    // The trap: the view pinned to that day knows today's statuses.
    let pinned = text_after(
        &db,
        "SET claims.today = '2023-10-01'",
        "SELECT string_agg(statement, ' | ' ORDER BY expected_by) AS t FROM overdue_predictions",
    );
    assert_eq!(pinned, "Never settled.");
    // The CLI's report --overdue --as-of counts the same claims.
    let (code, out, stderr) = run(db.claims().args([
        "report",
        "--overdue",
        "--as-of",
        "2023-10-01",
        "--format",
        "json",
    ]));
    assert_eq!(code, 0, "{stderr}");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let cli: Vec<&str> = rows
        .iter()
        .map(|r| r["statement"].as_str().unwrap())
        .collect();
    assert_eq!(
        cli,
        ["Never settled.", "Retracted later.", "Settled later."]
    );
    // Nothing is overdue on a day before every deadline.
    assert_eq!(
        db.count("SELECT count(*) AS n FROM overdue_predictions_as_of('2023-09-05')"),
        0
    );
}

#[test]
fn source_views_leave_out_retracted_claims_and_survive_a_relay_loop() {
    let db = TestDb::new();
    db.seed();
    let mut conn = db.conn();
    conn.batch_execute(&read(&repo_root().join("tests/sql/setup/relays.sql")))
        .unwrap();
    let venue = db.claim_id("planning to meet in Vladivostok");
    // Edit the relays into a loop: the chain query must still end.
    conn.batch_execute(&format!(
        "UPDATE appearances SET via_appearance_id = (SELECT max(id) FROM appearances WHERE claim_id = {venue})
          WHERE id = (SELECT min(id) FROM appearances WHERE claim_id = {venue})"
    ))
    .unwrap();
    assert_eq!(
        db.count(&format!(
            "SELECT count(*) AS n FROM reported_appearances WHERE claim_id = {venue} AND hops = 2"
        )),
        3,
        "each appearance of the loop reaches the other two"
    );
    let before = db.count("SELECT claims_carried AS n FROM publisher_record WHERE publisher = 'Example Wire (fictional)'");
    assert_eq!(before, 2);
    db.claims()
        .args(["retract", &venue.to_string(), "--reason", "test"])
        .assert()
        .success();
    for view in ["claim_sources", "reported_appearances"] {
        assert_eq!(
            db.count(&format!(
                "SELECT count(*) AS n FROM {view} WHERE claim_id = {venue}"
            )),
            0,
            "{view}"
        );
    }
    assert_eq!(
        db.count("SELECT claims_carried AS n FROM publisher_record WHERE publisher = 'Example Wire (fictional)'"),
        1
    );
    // Example Daily carried only the retracted claim: no row at all.
    assert_eq!(
        db.count("SELECT count(*) AS n FROM publisher_record WHERE publisher = 'Example Daily (fictional)'"),
        0
    );
}

#[test]
fn brier_scores_predictions_only_and_denials_count_confirmed_only() {
    let db = TestDb::new();
    db.seed();
    let mut conn = db.conn();
    conn.batch_execute(&read(&repo_root().join("tests/sql/setup/forecasters.sql")))
        .unwrap();
    // The outlet's only probability is on a confirmed assessment: counted as a
    // forecast, it would score a perfect 0.
    assert_eq!(
        db.text(
            "SELECT concat_ws(' ', scored, coalesce(brier_score::text, 'null'), settled,
                              settled_facts, settled_predictions, settled_assessments) AS t
               FROM analyst_track_record WHERE analyst_name = 'Northgate Review (fictional)'"
        ),
        "0 null 3 2 0 1"
    );
    assert_eq!(
        db.text(
            "SELECT round(brier_score::numeric, 4)::text AS t
               FROM analyst_track_record WHERE analyst_name = 'Dana Reyes (fictional)'"
        ),
        "0.3250"
    );
    // mostly_true is its own flag now.
    assert_eq!(
        db.text(
            "SELECT string_agg(claim_status || ':' || denied_but_confirmed || ':' || denied_but_mostly_true, ' '
                               ORDER BY claim_status) AS t
               FROM contested_claims WHERE denied_at IS NOT NULL"
        ),
        "confirmed:true:false confirmed:true:false mostly_true:false:true"
    );
}

#[test]
fn claim_changes_has_a_row_per_changed_field_of_each_edit() {
    let db = TestDb::new();
    let id = add(
        &db,
        &["add", "claim", "First words.", "--by", "Ann", "--tag", "t"],
    );
    db.claims()
        .args([
            "--actor",
            "bob",
            "edit",
            "claim",
            &id.to_string(),
            "--statement",
            "Second words.",
            "--made",
            "2023-09-05",
        ])
        .assert()
        .success();
    db.execute(&format!("DELETE FROM claim_tags WHERE claim_id = {id}"))
        .unwrap();
    assert_eq!(
        db.text(&format!(
            "SELECT string_agg(concat_ws(':', table_name, row_id, field, coalesce(old_value, 'NULL'), new_value, actor),
                               ' | ' ORDER BY audit_id, field) AS t
               FROM claim_changes WHERE claim_id = {id}"
        )),
        format!("claims:{id}:made_at:NULL:2023-09-05:bob | claims:{id}:statement:First words.:Second words.:bob")
    );
    assert_eq!(
        db.count(&format!(
            "SELECT count(DISTINCT audit_id) AS n FROM claim_changes WHERE claim_id = {id}"
        )),
        1,
        "one edit of two fields; the deleted tag is in audit_log, not here"
    );
}

#[test]
fn history_shows_the_statement_as_first_recorded_and_who_recorded_it() {
    let db = TestDb::new();
    let id = add(
        &db,
        &[
            "--actor",
            "ann",
            "add",
            "claim",
            "As first written.",
            "--by",
            "Ann",
        ],
    )
    .to_string();
    for (actor, statement) in [("bob", "Second wording."), ("cy", "Third wording.")] {
        db.claims()
            .args([
                "--actor",
                actor,
                "edit",
                "claim",
                &id,
                "--statement",
                statement,
            ])
            .assert()
            .success();
    }
    let (code, out, stderr) = run(db.claims().args(["history", &id, "--format", "json"]));
    assert_eq!(code, 0, "{stderr}");
    let events: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(events[0]["event"], "recorded");
    assert_eq!(events[0]["detail"], "As first written.");
    assert_eq!(events[0]["actor"], "ann");
    assert_eq!(events[1]["actor"], "bob");
    let (_, table, _) = run(db.claims().args(["history", &id]));
    assert!(
        table.lines().any(|l| l.contains("recorded")
            && l.contains("ann")
            && l.contains("As first written.")),
        "{table}"
    );
    // Never edited: the statement as it is; recorded in plain SQL: the session user.
    db.execute("INSERT INTO claims (analyst_id, statement) SELECT id, 'Plain SQL.' FROM analysts WHERE name = 'Ann'")
        .unwrap();
    let plain = db.claim_id("Plain SQL.").to_string();
    let (_, out, _) = run(db.claims().args(["history", &plain, "--format", "json"]));
    let events: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(events[0]["detail"], "Plain SQL.");
    assert_eq!(events[0]["actor"], "postgres");
}

#[test]
fn affiliations_of_one_title_cannot_overlap_and_open_bounds_hold_every_day() {
    let db = TestDb::new();
    db.claims()
        .args(["add", "analyst", "Dana", "--affiliation", "Fellow, Harbor"])
        .assert()
        .success();
    let mut conn = db.conn();
    // As the CLI's role, not the owner: the constraint needs no grant on btree_gist.
    conn.batch_execute("SET ROLE claims_writer").unwrap();
    let insert = |conn: &mut PgConnection, title: &str, from: &str, until: &str| {
        conn.batch_execute(&format!(
            "INSERT INTO affiliations (analyst_id, organization_id, title, valid_from, valid_until)
             SELECT a.id, o.id, {title}, {from}, {until} FROM analysts a, organizations o
              WHERE a.name = 'Dana' AND o.name = 'Harbor'"
        ))
        .map_err(|e| e.to_string())
    };
    // The undated Fellow row is open at both ends: a dated Fellow row overlaps it.
    let err = insert(&mut conn, "'Fellow'", "'2020-01-01'", "'2020-12-31'").unwrap_err();
    assert!(err.contains("affiliations_no_overlap"), "{err}");
    conn.batch_execute("RESET ROLE; DELETE FROM affiliations; SET ROLE claims_writer")
        .unwrap();
    insert(&mut conn, "'Fellow'", "'2019-01-01'", "'2023-06-30'").unwrap();
    // The next day is free; the last day is not.
    insert(&mut conn, "'Fellow'", "'2023-07-01'", "NULL").unwrap();
    let err = insert(&mut conn, "'Fellow'", "'2023-06-30'", "'2023-06-30'").unwrap_err();
    assert!(err.contains("affiliations_no_overlap"), "{err}");
    // Another title overlaps freely; no title counts as one title.
    insert(&mut conn, "'Director'", "'2023-01-01'", "NULL").unwrap();
    insert(&mut conn, "NULL", "NULL", "'2010-12-31'").unwrap();
    let err = insert(&mut conn, "NULL", "'2010-12-31'", "NULL").unwrap_err();
    assert!(err.contains("affiliations_no_overlap"), "{err}");

    let on = |day: &str| {
        db.text(&format!(
            "SELECT coalesce(string_agg(coalesce(title, '-'), ',' ORDER BY title NULLS FIRST), '') AS t
               FROM affiliations_on('{day}')"
        ))
    };
    assert_eq!(on("2010-12-31"), "-");
    assert_eq!(on("2011-01-01"), "");
    assert_eq!(on("2023-06-30"), "Director,Fellow");
    assert_eq!(on("2023-07-01"), "Director,Fellow");
    assert_eq!(on("2022-12-31"), "Fellow");
}

#[test]
fn the_migration_stops_on_overlapping_affiliations_and_names_them() {
    let db = TestDb::new();
    db.claims()
        .args(["add", "analyst", "Dana", "--affiliation", "Fellow, Harbor"])
        .assert()
        .success();
    let up = read(&repo_root().join("migrations/2026-11-28-000204-0000_date_affiliations/up.sql"));
    let mut conn = db.conn();
    conn.begin_test_transaction().unwrap();
    // As before the migration: no constraint, and an import adds a dated row
    // beside the undated one.
    conn.batch_execute(
        "ALTER TABLE affiliations DROP CONSTRAINT affiliations_no_overlap;
         INSERT INTO affiliations (analyst_id, organization_id, title, valid_from)
         SELECT analyst_id, organization_id, title, '2020-01-01' FROM affiliations",
    )
    .unwrap();
    let ids: Vec<i64> = claims::schema::affiliations::table
        .select(claims::schema::affiliations::id)
        .order(claims::schema::affiliations::id)
        .load(&mut conn)
        .unwrap();
    let err = conn.batch_execute(&up).unwrap_err().to_string();
    assert!(
        err.contains("1 pair(s) of affiliations overlap")
            && err.contains(&format!("{} and {}", ids[0], ids[1]))
            && err.contains("title 'Fellow'"),
        "{err}"
    );
}
