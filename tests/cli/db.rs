//! The embedded default: no DATABASE_URL, a private cluster under XDG_DATA_HOME.

use std::os::unix::fs::PermissionsExt;

use assert_cmd::Command;

use crate::harness::{assert_refused, run, run_concurrently, world_searchable_tempdir, TestDb};

fn embedded(data_home: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("claims").unwrap();
    cmd.env_remove("DATABASE_URL")
        .env("XDG_DATA_HOME", data_home)
        .current_dir(data_home);
    cmd
}

/// Stops the embedded cluster even when an assertion fails half-way.
struct StopOnDrop<'a>(&'a std::path::Path);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        let _ = embedded(self.0).args(["db", "stop"]).output();
    }
}

#[test]
fn the_embedded_default_starts_seeds_reports_and_stops() {
    let home = world_searchable_tempdir("claims-embedded");
    let _stop = StopOnDrop(home.path());
    let (code, stdout, stderr) = run(embedded(home.path()).args(["db", "seed"]));
    assert_eq!(code, 0, "stdout: {stdout}\nstderr: {stderr}");
    assert!(home
        .path()
        .join("claims/postgres/data/PG_VERSION")
        .is_file());

    let (code, stdout, stderr) = run(embedded(home.path()).args(["report", "--unverified"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Nick Strogov"), "{stdout}");

    let (_, status, _) = run(embedded(home.path()).args(["db", "status"]));
    assert!(
        status.contains("embedded cluster") && status.contains("running"),
        "{status}"
    );
    assert!(status.contains("pending:  0"), "{status}");

    let (code, url, _) = run(embedded(home.path()).args(["db", "url", "--reveal"]));
    assert_eq!(code, 0);
    assert!(
        url.starts_with("postgresql://postgres@/claims?host="),
        "{url}"
    );
    // The URL works for other clients too.
    let mut conn = claims::connection::establish(url.trim()).unwrap();
    use diesel::prelude::*;
    let n: i64 = claims::schema::claims::table
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert!(n >= 10);
    drop(conn);

    let (code, stdout, _) = run(embedded(home.path()).args(["db", "stop"]));
    assert_eq!(code, 0);
    assert!(stdout.contains("stopped"), "{stdout}");
    let (_, status, _) = run(embedded(home.path()).args(["db", "status"]));
    assert!(status.contains("stopped"), "{status}");
    // Started again on demand, data intact.
    let (code, stdout, _) =
        run(embedded(home.path()).args(["report", "--unverified", "--format", "csv"]));
    assert_eq!(code, 0);
    assert!(stdout.lines().count() > 10, "{stdout}");
    embedded(home.path())
        .args(["db", "stop"])
        .assert()
        .success();
}

#[test]
fn missing_server_binaries_say_what_to_install() {
    let home = world_searchable_tempdir("claims-nobin");
    let empty = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(embedded(home.path())
        .env("PG_BIN_DIR", empty.path())
        .args(["report", "--unverified"]));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("no PostgreSQL server binaries"), "{stderr}");
    assert!(stderr.contains("apt-get install postgresql"), "{stderr}");
    assert!(!home.path().join("claims/postgres/data").exists());
}

/// As root the server runs as `postgres`, which must be able to enter the data
/// home; as anyone else the server is the user, and a private directory is fine.
#[test]
fn a_private_data_home_is_refused_only_when_root_hands_the_server_over() {
    let private = tempfile::tempdir().unwrap();
    std::fs::set_permissions(private.path(), PermissionsExt::from_mode(0o700)).unwrap();
    let (code, _, stderr) = run(embedded(private.path()).args(["db", "setup"]));
    if claims::cluster::running_as_root() {
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains("cannot enter"), "{stderr}");
        assert!(stderr.contains("/var/lib/claims"), "{stderr}");
    } else {
        let _stop = StopOnDrop(private.path());
        assert_eq!(code, 0, "{stderr}");
    }
}

#[test]
fn db_url_masks_the_password_unless_revealed() {
    let db = TestDb::new();
    let url = "postgres://ann:s3cret@localhost:1/claims";
    let (code, stdout, _) = run(db.claims().args(["--database-url", url, "db", "url"]));
    assert_eq!(code, 0);
    assert_eq!(stdout.trim(), "postgres://ann:***@localhost:1/claims");
    let (_, stdout, _) = run(db
        .claims()
        .args(["--database-url", url, "db", "url", "--reveal"]));
    assert_eq!(stdout.trim(), url);
}

#[test]
fn an_unreachable_database_is_exit_1_with_the_masked_url() {
    let db = TestDb::new();
    let (code, _, stderr) = run(db.claims().args([
        "--database-url",
        "postgres://ann:s3cret@127.0.0.1:1/claims",
        "report",
        "--unverified",
    ]));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "could not connect to the database via postgres://ann:***@127.0.0.1:1/claims"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cret"), "{stderr}");
}

#[test]
fn db_migrate_and_status_on_an_external_database() {
    let db = TestDb::new();
    let (code, stdout, _) = run(db.claims().args(["db", "migrate"]));
    assert_eq!(code, 0);
    assert!(stdout.contains("no pending migrations"), "{stdout}");
    let (_, stdout, _) = run(db.claims().args(["db", "status"]));
    assert!(
        stdout.contains("DATABASE_URL") && stdout.contains("pending:  0"),
        "{stdout}"
    );
    let (_, stdout, _) = run(db.claims().args(["db", "stop"]));
    assert!(stdout.contains("nothing to stop"), "{stdout}");
}

#[test]
fn the_database_url_can_come_from_a_dotenv_file() {
    let db = TestDb::new();
    std::fs::write(
        db.workdir.path().join(".env"),
        format!("DATABASE_URL={}\n", db.url),
    )
    .unwrap();
    let (code, stdout, _) = run(db
        .claims()
        .env_remove("DATABASE_URL")
        .args(["db", "status"]));
    assert_eq!(code, 0);
    assert!(stdout.contains("DATABASE_URL from .env"), "{stdout}");
}

/// Root's home is not searchable by `postgres`, so as root the default is
/// /var/lib/claims; anyone else gets the XDG data directory in their home.
#[test]
fn the_default_location_depends_on_who_runs_it() {
    // `db status` never creates or starts anything, so this is safe on any machine.
    let home = world_searchable_tempdir("claims-home");
    let mut cmd = Command::cargo_bin("claims").unwrap();
    cmd.env_remove("DATABASE_URL")
        .env_remove("XDG_DATA_HOME")
        .env("HOME", home.path())
        .current_dir(home.path())
        .args(["db", "status"]);
    let (code, stdout, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    let expected = if claims::cluster::running_as_root() {
        "/var/lib/claims/postgres".to_owned()
    } else {
        format!("{}/.local/share/claims/postgres", home.path().display())
    };
    assert!(
        stdout.contains(&format!("cluster:  {expected}")),
        "{stdout}"
    );
}

#[test]
fn db_create_and_drop_make_scratch_databases_on_the_same_server() {
    let db = TestDb::new();
    let name = format!("{}_scratch", db.name());
    let (code, url, stderr) =
        run(db
            .claims()
            .args(["db", "create", &name, "--migrate", "--reveal"]));
    assert_eq!(code, 0, "{stderr}");
    let url = url.trim().to_owned();
    assert!(url.contains(&format!("/{name}")), "{url}");
    let mut conn = claims::connection::establish(&url).unwrap();
    assert!(!claims::database::has_pending_migrations(&mut conn).unwrap());
    drop(conn);
    // Again without --replace: refused; with it, a fresh empty one.
    assert_refused(
        &db,
        &["db", "create", &name],
        &["already exists", "--replace"],
    );
    let (code, _, stderr) = run(db.claims().args(["db", "create", &name, "--replace"]));
    assert_eq!(code, 0, "{stderr}");
    let mut conn = claims::connection::establish(&url).unwrap();
    assert!(claims::database::has_pending_migrations(&mut conn).unwrap());
    drop(conn);
    // Never the database claims itself uses; never a name that is not plain.
    assert_refused(&db, &["db", "drop", db.name()], &["never dropped"]);
    assert_refused(
        &db,
        &["db", "create", "Bad-Name"],
        &["not a plain database name"],
    );
    let (code, _, stderr) = run(db.claims().args(["db", "drop", &name]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        db.count(&format!(
            "SELECT count(*) AS n FROM pg_database WHERE datname = '{name}'"
        )),
        0
    );
}

#[test]
fn concurrent_first_use_applies_migrations_once() {
    let db = TestDb::new();
    // An empty database: nothing migrated yet.
    let fresh = format!("{}_fresh", db.name());
    db.execute(&format!("CREATE DATABASE {fresh}")).unwrap();
    let url = db
        .url
        .replacen(&format!("/{}", db.name()), &format!("/{fresh}"), 1);
    let report = vec!["report".to_owned(), "--unverified".to_owned()];
    run_concurrently(&url, vec![report; 6]);
    let mut conn = claims::connection::establish(&url).unwrap();
    use diesel::prelude::*;
    let n: i64 = diesel::dsl::sql::<diesel::sql_types::BigInt>(
        "SELECT count(*) FROM __diesel_schema_migrations",
    )
    .get_result(&mut conn)
    .unwrap();
    let on_disk = std::fs::read_dir(crate::harness::repo_root().join("migrations"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("up.sql").is_file())
        .count();
    assert_eq!(n as usize, on_disk);
    drop(conn);
    db.execute(&format!("DROP DATABASE {fresh} WITH (FORCE)"))
        .unwrap();
}

#[test]
fn a_malformed_dotenv_is_an_error_not_a_silent_switch() {
    let db = TestDb::new();
    std::fs::write(
        db.workdir.path().join(".env"),
        format!("FOO=\"unterminated\nDATABASE_URL={}\n", db.url),
    )
    .unwrap();
    let (code, _, stderr) = run(db
        .claims()
        .env_remove("DATABASE_URL")
        .args(["db", "status"]));
    assert_eq!(code, 2, "{stderr}");
    let env = db.workdir.path().join(".env");
    assert!(
        stderr.contains(&format!(".env at {}", env.display())),
        "{stderr}"
    );
}

/// A stale .env is the classic "why does it connect there?": the error names it.
#[test]
fn a_connection_error_says_where_the_url_came_from() {
    let db = TestDb::new();
    let env = db.workdir.path().join(".env");
    std::fs::write(
        &env,
        "DATABASE_URL=postgres://ann:s3cret@127.0.0.1:1/claims\n",
    )
    .unwrap();
    let (code, _, stderr) = run(db
        .claims()
        .env_remove("DATABASE_URL")
        .args(["report", "--unverified"]));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "via postgres://ann:***@127.0.0.1:1/claims (DATABASE_URL from .env at {})",
            env.display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cret"), "{stderr}");
}
