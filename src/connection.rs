//! Which database `claims` talks to, and opening a migrated connection to it.
//!
//! Order: `--database-url`, else `DATABASE_URL` (environment, then a `.env`
//! file in the current directory or above), else the embedded default cluster.

use std::path::{Path, PathBuf};

use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_query;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::cluster::{Cluster, Durability, DEFAULT_DATABASE};
use crate::error::{Error, Result};

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// Where the connection URL came from, for `claims db status` and error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Flag,
    Environment,
    /// A `.env` file, found at this path.
    DotEnv(PathBuf),
    Embedded,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Flag => f.write_str("--database-url"),
            Origin::Environment => f.write_str("DATABASE_URL"),
            Origin::DotEnv(path) => write!(f, "DATABASE_URL from .env at {}", path.display()),
            Origin::Embedded => f.write_str("embedded cluster"),
        }
    }
}

/// A resolved database target.
#[derive(Debug, Clone)]
pub struct Target {
    pub url: String,
    pub origin: Origin,
    /// Set for the embedded default.
    pub cluster: Option<Cluster>,
    /// Who is making changes, recorded in audit_log (see `write`); None leaves the
    /// database session user.
    pub actor: Option<String>,
}

impl Target {
    /// Resolves the target without starting anything.
    pub fn resolve(flag: Option<&str>) -> Result<Target> {
        if let Some(url) = flag.filter(|u| !u.is_empty()) {
            return Ok(Target {
                url: url.to_owned(),
                origin: Origin::Flag,
                cluster: None,
                actor: default_actor(),
            });
        }
        if let Some(url) = std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty()) {
            return Ok(Target {
                url,
                origin: Origin::Environment,
                cluster: None,
                actor: default_actor(),
            });
        }
        if let Some((url, path)) = dotenv_database_url()? {
            return Ok(Target {
                url,
                origin: Origin::DotEnv(path),
                cluster: None,
                actor: default_actor(),
            });
        }
        let cluster = Cluster::embedded_default()?;
        Ok(Target {
            url: cluster.url(DEFAULT_DATABASE),
            origin: Origin::Embedded,
            cluster: Some(cluster),
            actor: default_actor(),
        })
    }

    /// Connects, creating and starting the embedded cluster and its database
    /// on first use, and applies pending migrations.
    pub fn connect(&self) -> Result<PgConnection> {
        let mut conn = match &self.cluster {
            // Fast path: the cluster usually runs already; only start it when we cannot connect.
            Some(cluster) => match self.establish() {
                Ok(conn) => conn,
                Err(_) => {
                    cluster.ensure_running(Durability::Durable)?;
                    create_database_if_missing(cluster, DEFAULT_DATABASE)?;
                    self.establish()?
                }
            },
            None => self.establish()?,
        };
        if has_pending_migrations(&mut conn)? {
            run_pending_migrations(&mut conn)?;
        }
        Ok(conn)
    }

    /// Opens a connection as is: no cluster started, no migration applied.
    pub fn establish(&self) -> Result<PgConnection> {
        connect_to(&self.url, Some(&self.origin))
    }

    /// Runs `f` in one transaction that records `self.actor` as the author of
    /// every change (the audit triggers read the setting claims.actor).
    pub fn write<T>(
        &self,
        conn: &mut PgConnection,
        f: impl FnOnce(&mut PgConnection) -> Result<T>,
    ) -> Result<T> {
        conn.transaction(|conn| {
            if let Some(actor) = &self.actor {
                sql_query("SELECT set_config('claims.actor', $1, true)")
                    .bind::<diesel::sql_types::Text, _>(actor)
                    .execute(conn)?;
            }
            f(conn)
        })
    }
}

/// The OS user, for audit_log when neither --actor nor CLAIMS_ACTOR says otherwise
/// (None: the audit trigger falls back to the database session user).
fn default_actor() -> Option<String> {
    ["USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|u| !u.is_empty()))
}

/// Whether an embedded migration is missing from the database. Read with a plain
/// query, so a login that may not create tables (claims_reader) can still connect.
fn has_pending_migrations(conn: &mut PgConnection) -> Result<bool> {
    use diesel::migration::MigrationSource;
    #[derive(QueryableByName)]
    struct Version {
        #[diesel(sql_type = diesel::sql_types::Text)]
        version: String,
    }
    let exists: bool = diesel::select(diesel::dsl::sql::<diesel::sql_types::Bool>(
        "to_regclass('__diesel_schema_migrations') IS NOT NULL",
    ))
    .get_result(conn)?;
    if !exists {
        return Ok(true);
    }
    let applied: std::collections::HashSet<String> =
        sql_query("SELECT version FROM __diesel_schema_migrations")
            .load::<Version>(conn)?
            .into_iter()
            .map(|v| v.version)
            .collect();
    let embedded = MigrationSource::<diesel::pg::Pg>::migrations(&MIGRATIONS)
        .map_err(|e| Error::Other(anyhow::anyhow!("cannot read the embedded migrations: {e}")))?;
    Ok(embedded
        .iter()
        .any(|m| !applied.contains(&m.name().version().to_string())))
}

/// DATABASE_URL from a `.env` file in the current directory or above, with the
/// file's path. No file is fine; a file that cannot be read is an error naming
/// it, never a silent switch to the embedded cluster.
fn dotenv_database_url() -> Result<Option<(String, PathBuf)>> {
    let Some(path) = find_dotenv() else {
        return Ok(None);
    };
    let bad = |e: dotenvy::Error| {
        Error::invalid(format!(
            ".env at {}: cannot read it ({e}); fix the file or pass --database-url",
            path.display()
        ))
    };
    for item in dotenvy::from_path_iter(&path).map_err(bad)? {
        let (key, value) = item.map_err(bad)?;
        if key == "DATABASE_URL" && !value.is_empty() {
            return Ok(Some((value, path)));
        }
    }
    Ok(None)
}

/// The nearest `.env` from the current directory up, as dotenvy looks for it.
fn find_dotenv() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .map(|dir: &Path| dir.join(".env"))
        .find(|candidate| candidate.is_file())
}

/// Opens a connection; the error names the URL with its password masked.
pub fn establish(url: &str) -> Result<PgConnection> {
    connect_to(url, None)
}

/// Opens a connection; the error names the URL (password masked) and, when
/// known, where it came from.
fn connect_to(url: &str, from: Option<&Origin>) -> Result<PgConnection> {
    PgConnection::establish(url).map_err(|e| Error::Connect {
        url: mask_password(url),
        from: from.cloned(),
        message: e.to_string().trim().to_owned(),
    })
}

/// Applies pending migrations, one process at a time: several `claims` started
/// together on a new database must not race to create the same tables (even
/// diesel's own bookkeeping table, which the pending check creates).
pub fn run_pending_migrations(conn: &mut PgConnection) -> Result<Vec<String>> {
    // Poll rather than block: a session blocked in pg_advisory_lock() holds a
    // snapshot that CREATE INDEX CONCURRENTLY (in the lock holder's migration)
    // would wait for, a deadlock.
    #[derive(QueryableByName)]
    struct Locked {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        locked: bool,
    }
    loop {
        let got: Locked =
            sql_query("SELECT pg_try_advisory_lock(hashtext('claims migrations')) AS locked")
                .get_result(conn)?;
        if got.locked {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let applied = conn
        .run_pending_migrations(MIGRATIONS)
        .map(|v| v.iter().map(|m| m.to_string()).collect::<Vec<_>>());
    sql_query("SELECT pg_advisory_unlock(hashtext('claims migrations'))").execute(conn)?;
    applied.map_err(|e| Error::Other(anyhow::anyhow!("could not apply migrations: {e}")))
}

/// Creates `name` in the cluster unless it exists (CREATE DATABASE cannot be parameterized,
/// so the name is checked to be a plain identifier first).
pub fn create_database_if_missing(cluster: &Cluster, name: &str) -> Result<()> {
    assert!(
        name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
        "database names used here are plain identifiers"
    );
    let mut conn = connect_to(&cluster.url("postgres"), Some(&Origin::Embedded))?;
    #[derive(QueryableByName)]
    struct Exists {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        exists: bool,
    }
    let found: Exists =
        sql_query("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS exists")
            .bind::<diesel::sql_types::Text, _>(name)
            .get_result(&mut conn)?;
    if !found.exists {
        match sql_query(format!("CREATE DATABASE {name}")).execute(&mut conn) {
            Ok(_) => {}
            // Another process created it between our check and our CREATE.
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => {}
            Err(e) if e.to_string().contains("already exists") => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn mask_password(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// Runs `f` in one read-only snapshot, so a report never mixes rows from before
/// and after a concurrent writer's commit.
pub fn read_snapshot<T>(
    conn: &mut PgConnection,
    f: impl FnOnce(&mut PgConnection) -> Result<T>,
) -> Result<T> {
    conn.build_transaction()
        .read_only()
        .repeatable_read()
        .run(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_only_the_password() {
        assert_eq!(
            mask_password("postgres://ann:s3cret@db.example:5432/claims"),
            "postgres://ann:***@db.example:5432/claims"
        );
        assert_eq!(
            mask_password("postgresql://postgres@/claims?host=%2Ftmp"),
            "postgresql://postgres@/claims?host=%2Ftmp"
        );
    }
}
