//! JSON and CSV output is a contract (docs/output.md): fields are only ever
//! added. These snapshots pin the bytes every read command prints on the seed
//! data, so a refactoring that changes them fails here (review a deliberate
//! change with `cargo insta review`). Times the import sets to "now" are
//! redacted; everything else is fixed by the seeds and CLAIMS_TODAY.

use crate::harness::{repo_root, run, TestDb};

/// `claims ARGS` on the seeded database, as the snapshot sees it.
fn output(db: &TestDb, args: &[&str]) -> String {
    let (code, stdout, stderr) = run(db.claims().env("CLAIMS_TODAY", "2023-09-20").args(args));
    assert_eq!(code, 0, "claims {args:?}: {stderr}");
    stdout
}

/// Snapshots stdout of each (snapshot name, command line).
fn snapshot_each(db: &TestDb, commands: &[(String, Vec<&str>)]) {
    let mut settings = insta::Settings::clone_current();
    // A time written by the import or an edit (now), never one the seeds give (2023).
    settings.add_filter(
        r"20(2[4-9]|[3-9][0-9])-[0-9]{2}-[0-9]{2}[T ][0-9:.]+( UTC|Z|\+00:00)",
        "[now]",
    );
    let root = repo_root().display().to_string();
    settings.add_filter(&regex_escape(&root), "[repo]");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (name, args) in commands {
            insta::assert_snapshot!(name.as_str(), output(db, args));
        }
    });
}

#[test]
fn read_commands_print_the_documented_json_and_csv() {
    let db = TestDb::new();
    db.seed();
    let summit = db.claim_id("within days").to_string();
    let allegation = db.claim_id("Moscow may have been involved").to_string();
    let mut commands = Vec::new();
    for format in ["json", "csv"] {
        for args in [
            vec!["show", summit.as_str()],
            vec!["show", allegation.as_str()],
            vec!["show", summit.as_str(), "--as-of", "2023-09-12"],
            vec!["history", summit.as_str()],
            vec!["report", "--unverified"],
            vec![
                "report",
                "--unverified",
                "--limit",
                "3",
                "--tag",
                "Vladimir Putin",
            ],
            vec![
                "report",
                "--overdue",
                "--as-of",
                "2023-09-12",
                "--today",
                "2023-10-05",
            ],
            vec!["report", "analysts"],
            vec!["report", "analysts", "--sort", "brier"],
            vec!["report", "analysts", "--calibration"],
            vec!["report", "sources"],
            vec!["report", "summary"],
            vec!["report", "summary", "--as-of", "2023-09-12"],
            vec!["lexicon", "list"],
        ] {
            // Named by the command line, with the claim ids as the claims' roles.
            let words: Vec<&str> = args
                .iter()
                .map(|a| match *a {
                    a if a == summit => "SUMMIT",
                    a if a == allegation => "ALLEGATION",
                    a => a,
                })
                .collect();
            let name = words.join(" ") + " " + format;
            let mut args = args;
            args.extend(["--format", format]);
            commands.push((name.replace(['-', ' '], "_").replace("__", ""), args));
        }
    }
    snapshot_each(&db, &commands);
}

#[test]
fn import_and_write_commands_print_the_documented_json_and_csv() {
    let db = TestDb::new();
    let seeds = repo_root().join("seeds/article-000.json");
    let seeds = seeds.to_str().unwrap();
    let ndjson = db.workdir.path().join("small.ndjson");
    let mut bytes = Vec::new();
    claims::generate::Plan { claims: 5, seed: 3 }
        .write_ndjson(&mut bytes)
        .unwrap();
    std::fs::write(&ndjson, bytes).unwrap();
    let ndjson = ndjson.to_str().unwrap();
    snapshot_each(
        &db,
        &[
            (
                "import_seeds_json",
                vec!["import", seeds, "--format", "json"],
            ),
            (
                "import_seeds_again_csv",
                vec!["import", seeds, "--format", "csv"],
            ),
            ("db_seed_json", vec!["db", "seed", "--format", "json"]),
            (
                "import_ndjson_dry_run_json",
                vec!["import", ndjson, "--format", "json", "--dry-run"],
            ),
            (
                "import_ndjson_csv",
                vec!["import", ndjson, "--format", "csv"],
            ),
            (
                "add_analyst_json",
                vec!["add", "analyst", "Ann", "--format", "json"],
            ),
            (
                "add_analyst_csv",
                vec!["add", "analyst", "Bob", "--format", "csv"],
            ),
            ("export", vec!["export"]),
        ]
        .map(|(name, args)| (name.to_owned(), args)),
    );
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$#&-~".contains(c);
            special.then_some('\\').into_iter().chain([c])
        })
        .collect()
}
