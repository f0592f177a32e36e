use crate::builders::{AnalystBuilder, SourceBuilder};
use crate::harness::{added_id, assert_refused, run, run_concurrently, TestDb};

#[test]
fn add_analyst_with_affiliation_prints_its_id() {
    let db = TestDb::new();
    let id = AnalystBuilder::new("Irina Tsukerman")
        .description("Geopolitical analyst")
        .affiliation("President, Scarab Rising, Inc.")
        .insert(&db);
    assert_eq!(
        db.text(&format!(
            "SELECT a.name || '|' || a.kind || '|' || f.title || '|' || o.name AS t
               FROM analysts a JOIN affiliations f ON f.analyst_id = a.id
               JOIN organizations o ON o.id = f.organization_id WHERE a.id = {id}"
        )),
        "Irina Tsukerman|person|President|Scarab Rising, Inc."
    );
    let (code, stdout, _) = run(db.claims().args([
        "add",
        "analyst",
        "US officials",
        "--kind",
        "group",
        "--format",
        "json",
    ]));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let group_id = v["id"].as_i64().expect("{\"id\": N}");
    assert_eq!(
        db.text(&format!(
            "SELECT kind AS t FROM analysts WHERE id = {group_id}"
        )),
        "group"
    );
}

#[test]
fn add_analyst_refuses_a_duplicate_name() {
    let db = TestDb::new();
    added_id(db.claims().args(["add", "analyst", "Nick Strogov"]));
    assert_refused(
        &db,
        &["add", "analyst", "Nick Strogov"],
        &["'Nick Strogov' already exists"],
    );
}

#[test]
fn add_source_normalizes_the_url_and_refuses_a_duplicate() {
    let db = TestDb::new();
    let id = SourceBuilder::new("Defiant Putin and Kim Jong Un")
        .url("HTTPS://Example.COM:443/news/putin-kim#comments")
        .publisher("Example News")
        .published("2023-09-05")
        .insert(&db);
    assert_eq!(
        db.text(&format!("SELECT url AS t FROM sources WHERE id = {id}")),
        "https://example.com/news/putin-kim"
    );
    assert_refused(
        &db,
        &[
            "add",
            "source",
            "https://example.com/news/putin-kim",
            "--title",
            "Again",
        ],
        &["already exists", &format!("id {id}")],
    );
    // Without a URL: a copy with no address is fine.
    added_id(
        db.claims()
            .args(["add", "source", "--title", "Printed copy"]),
    );
}

#[test]
fn add_source_refuses_a_bad_url_and_date() {
    let db = TestDb::new();
    assert_refused(
        &db,
        &["add", "source", "example.com/page", "--title", "T"],
        &["URL", "example.com/page", "not a valid absolute URL"],
    );
    assert_refused(
        &db,
        &["add", "source", "--title", "T", "--published", "2023-02-30"],
        &["--published", "2023-02-30"],
    );
}

/// One story, kept whole because each step uses what the previous one recorded
/// (a second claim reuses the first one's analyst, tag and appearance).
#[test]
fn add_claim_in_one_command_creates_the_analyst_and_reuses_the_source() {
    let db = TestDb::new();
    let source = added_id(db.claims().args([
        "add",
        "source",
        "https://example.com/a",
        "--title",
        "Article",
    ]));
    let (code, stdout, stderr) = run(db.claims().args([
        "add",
        "claim",
        "A significant uprising against Putin is unrealistic.",
        "--by",
        "Nick Strogov",
        "--kind",
        "prediction",
        "--made",
        "2023-09-05",
        "--expected-by",
        "2024-09-05",
        "--probability",
        "0.1",
        "--source",
        "https://example.com/a",
        "--quote",
        "A significant uprising against Putin seems unrealistic at this juncture.",
        "--tag",
        "Putin",
        "--tag",
        "dissent",
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("created analyst 'Nick Strogov'"),
        "{stderr}"
    );
    let id: i64 = stdout.trim().parse().unwrap();
    assert_eq!(
        db.text(&format!(
            "SELECT c.kind || '|' || c.made_at || '|' || c.expected_by || '|' || c.probability
                    || '|' || c.status || '|' || a.name AS t
               FROM claims c JOIN analysts a ON a.id = c.analyst_id WHERE c.id = {id}"
        )),
        "prediction|2023-09-05|2024-09-05|0.1|unverified|Nick Strogov"
    );
    assert_eq!(
        db.count(&format!(
            "SELECT count(*) AS n FROM appearances WHERE claim_id = {id} AND source_id = {source} AND attribution = 'direct'"
        )),
        1
    );
    assert_eq!(
        db.text(&format!(
            "SELECT string_agg(t.name, ',' ORDER BY t.name) AS t FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.claim_id = {id}"
        )),
        "Putin,dissent"
    );
    // A second claim by the same analyst (by id) reuses them; reported speech via the first appearance.
    let analyst = db.count("SELECT id AS n FROM analysts WHERE name = 'Nick Strogov'");
    let via = db.count(&format!(
        "SELECT id AS n FROM appearances WHERE claim_id = {id}"
    ));
    let second = added_id(db.claims().args([
        "add",
        "claim",
        "The elite remains unsettled.",
        "--by",
        &analyst.to_string(),
        "--kind",
        "assessment",
        "--source",
        &source.to_string(),
        "--quote",
        "The elite class remains unsettled",
        "--attribution",
        "reported",
        "--via",
        &via.to_string(),
        "--tag",
        "Putin",
    ]));
    assert_eq!(db.count("SELECT count(*) AS n FROM analysts"), 1);
    assert_eq!(db.count("SELECT count(*) AS n FROM tags"), 2);
    assert_eq!(
        db.count(&format!(
            "SELECT via_appearance_id AS n FROM appearances WHERE claim_id = {second}"
        )),
        via
    );
}

#[test]
fn add_claim_refuses_an_unknown_analyst_id() {
    let db = TestDb::new();
    assert_refused(
        &db,
        &["add", "claim", "Something happened.", "--by", "999"],
        &["--by", "no analyst with id '999'"],
    );
}

#[test]
fn add_claim_refuses_an_invalid_date() {
    let db = TestDb::new();
    assert_refused(
        &db,
        &[
            "add",
            "claim",
            "Something happened.",
            "--by",
            "Ann",
            "--made",
            "2023-02-30",
        ],
        &["--made", "'2023-02-30' is not a valid date", "YYYY-MM-DD"],
    );
}

#[test]
fn add_claim_refuses_an_empty_statement() {
    let db = TestDb::new();
    assert_refused(
        &db,
        &["add", "claim", "   ", "--by", "Ann"],
        &["STATEMENT is empty"],
    );
}

#[test]
fn add_claim_refuses_a_probability_outside_0_and_1() {
    let db = TestDb::new();
    assert_refused(
        &db,
        &[
            "add",
            "claim",
            "It will rain.",
            "--by",
            "Ann",
            "--kind",
            "prediction",
            "--probability",
            "1.5",
        ],
        &["--probability", "1.5", "outside 0..1"],
    );
    assert_refused(
        &db,
        &[
            "add",
            "claim",
            "It will rain.",
            "--by",
            "Ann",
            "--probability",
            "-0.2",
        ],
        &["outside 0..1"],
    );
}

#[test]
fn add_claim_refuses_expected_by_on_a_claim_that_is_not_a_prediction() {
    let db = TestDb::new();
    assert_refused(
        &db,
        &[
            "add",
            "claim",
            "The summit is in Vladivostok.",
            "--by",
            "Ann",
            "--expected-by",
            "2023-09-30",
        ],
        &[
            "--expected-by is only for predictions",
            "'fact'",
            "--kind prediction",
        ],
    );
}

#[test]
fn add_claim_refuses_an_unknown_source_and_a_duplicate_claim() {
    let db = TestDb::new();
    assert_refused(
        &db,
        &[
            "add",
            "claim",
            "X happened.",
            "--by",
            "Ann",
            "--source",
            "42",
            "--quote",
            "X",
        ],
        &["--source", "no source with id '42'"],
    );
    // The refused command did not create Ann either.
    assert_eq!(db.count("SELECT count(*) AS n FROM analysts"), 0);
    added_id(
        db.claims()
            .args(["add", "claim", "X happened.", "--by", "Ann"]),
    );
    assert_refused(
        &db,
        &["add", "claim", "X happened.", "--by", "Ann"],
        &["Ann already made this claim"],
    );
}

#[test]
fn add_claim_quote_needs_a_source() {
    let db = TestDb::new();
    assert_refused(
        &db,
        &["add", "claim", "X happened.", "--by", "Ann", "--quote", "X"],
        &["--source"],
    );
}

#[test]
fn concurrent_adds_creating_the_same_analyst_and_tag_all_succeed() {
    let db = TestDb::new();
    let invocations = (0..8)
        .map(|i| {
            vec![
                "add".into(),
                "claim".into(),
                format!("Claim {i}."),
                "--by".into(),
                "Brand New Person".into(),
                "--tag".into(),
                "fresh-tag".into(),
            ]
        })
        .collect();
    run_concurrently(&db.url, invocations);
    assert_eq!(db.count("SELECT count(*) AS n FROM claims"), 8);
    assert_eq!(db.count("SELECT count(*) AS n FROM analysts"), 1);
    assert_eq!(db.count("SELECT count(*) AS n FROM tags"), 1);
}

#[test]
fn an_id_too_large_is_refused_not_taken_as_a_name() {
    let db = TestDb::new();
    assert_refused(
        &db,
        &["add", "claim", "X.", "--by", "99999999999999999999"],
        &["--by", "'99999999999999999999' is not a valid id"],
    );
    assert_refused(&db, &["show", "99999999999999999999"], &["not a valid id"]);
}

/// One story, kept whole: each refusal is checked against the claim recorded
/// by the steps before it.
#[test]
fn add_claim_again_with_a_source_adds_the_appearance_to_the_recorded_claim() {
    let db = TestDb::new();
    let first = added_id(db.claims().args([
        "add",
        "claim",
        "Kim and Putin will meet in Vladivostok.",
        "--by",
        "US officials",
        "--kind",
        "prediction",
        "--source",
        "https://example.com/a",
        "--source-title",
        "Outlet A",
        "--quote",
        "officials told outlet A",
    ]));
    assert_eq!(db.text("SELECT title AS t FROM sources"), "Outlet A");
    let relayed = db.count("SELECT id AS n FROM appearances");
    let (code, stdout, stderr) = run(db.claims().args([
        "add",
        "claim",
        "Kim and Putin will meet in Vladivostok.",
        "--by",
        "US officials",
        "--source",
        "https://example.com/b",
        "--source-title",
        "Outlet B",
        "--quote",
        "US officials have claimed …",
        "--attribution",
        "reported",
        "--via",
        &relayed.to_string(),
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), first.to_string());
    assert!(
        stderr.contains(&format!("claim {first} is already recorded")),
        "{stderr}"
    );
    assert_eq!(db.count("SELECT count(*) AS n FROM claims"), 1);
    assert_eq!(
        db.count(&format!("SELECT count(*) AS n FROM appearances WHERE claim_id = {first} AND via_appearance_id = {relayed}")),
        1
    );
    // The same quote again, or other values for the claim, are refused.
    assert_refused(
        &db,
        &[
            "add",
            "claim",
            "Kim and Putin will meet in Vladivostok.",
            "--by",
            "US officials",
            "--source",
            "https://example.com/b",
            "--quote",
            "US officials have claimed …",
        ],
        &["already recorded (appearance"],
    );
    assert_refused(
        &db,
        &[
            "add",
            "claim",
            "Kim and Putin will meet in Vladivostok.",
            "--by",
            "US officials",
            "--kind",
            "fact",
            "--source",
            "https://example.com/a",
            "--quote",
            "another quote",
        ],
        &[
            "already recorded with other values",
            "--kind fact (recorded: prediction)",
        ],
    );
    // An unknown URL without --source-title says how to create it.
    assert_refused(
        &db,
        &[
            "add",
            "claim",
            "Other.",
            "--by",
            "US officials",
            "--source",
            "https://example.com/c",
            "--quote",
            "q",
        ],
        &["no source with URL", "--source-title"],
    );
}

#[test]
fn add_source_without_url_refuses_the_same_title_publisher_author_and_day() {
    let db = TestDb::new();
    let id = added_id(db.claims().args([
        "add",
        "source",
        "--title",
        "Printed edition",
        "--publisher",
        "P",
        "--retrieved",
        "2023-09-06",
    ]));
    assert_eq!(
        db.text(&format!(
            "SELECT retrieved_at::date::text AS t FROM sources WHERE id = {id}"
        )),
        "2023-09-06"
    );
    assert_refused(
        &db,
        &[
            "add",
            "source",
            "--title",
            "Printed edition",
            "--publisher",
            "P",
        ],
        &["already exists", &format!("id {id}")],
    );
    // Another publisher is another source.
    added_id(db.claims().args([
        "add",
        "source",
        "--title",
        "Printed edition",
        "--publisher",
        "Q",
    ]));
}
