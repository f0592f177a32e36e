//! One database lifecycle: create a database (empty, or from a template),
//! migrate it, drop it, on a server that is the embedded cluster or any
//! PostgreSQL URL. The CLI (`claims db create|drop`, first use of the embedded
//! default), the test harness, the benchmark and `.ci/schema-db` all use it.

use diesel::prelude::*;
use diesel::sql_query;
use diesel::sql_types::{Bool, Text};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::cluster::Cluster;
use crate::connection::establish;
use crate::error::{Error, Result};

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// A PostgreSQL server, and the URL of each database on it.
#[derive(Debug, Clone)]
pub enum Server {
    /// A cluster of our own, reached over its socket.
    Cluster(Cluster),
    /// Any server: the URL of one of its databases (the name is swapped).
    Url(String),
}

impl Server {
    /// The server a database URL points at.
    pub fn of_url(url: &str) -> Result<Server> {
        if !url.contains("://") {
            return Err(Error::invalid(format!(
                "'{}' is not a database URL (postgres://…)",
                crate::connection::mask_password(url)
            )));
        }
        Ok(Server::Url(url.to_owned()))
    }

    /// The URL of database `name` on this server.
    pub fn url(&self, name: &str) -> String {
        match self {
            Server::Cluster(cluster) => cluster.url(name),
            Server::Url(url) => with_database(url, name),
        }
    }

    /// A connection to the maintenance database, for CREATE and DROP DATABASE.
    fn admin(&self) -> Result<PgConnection> {
        establish(&self.url("postgres"))
    }

    pub fn exists(&self, name: &str) -> Result<bool> {
        #[derive(QueryableByName)]
        struct Exists {
            #[diesel(sql_type = Bool)]
            exists: bool,
        }
        let found: Exists =
            sql_query("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS exists")
                .bind::<Text, _>(name)
                .get_result(&mut self.admin()?)?;
        Ok(found.exists)
    }

    /// Creates database `name`, empty or as a copy of `template`.
    pub fn create(&self, name: &str, template: Option<&str>) -> Result<()> {
        plain_name(name)?;
        let sql = match template {
            Some(t) => {
                plain_name(t)?;
                format!("CREATE DATABASE {name} TEMPLATE {t}")
            }
            None => format!("CREATE DATABASE {name}"),
        };
        sql_query(sql).execute(&mut self.admin()?)?;
        Ok(())
    }

    /// Creates `name` unless it exists; safe when several processes race to do it.
    pub fn create_if_missing(&self, name: &str) -> Result<()> {
        if self.exists(name)? {
            return Ok(());
        }
        match self.create(name, None) {
            // Another process created it between our check and our CREATE.
            Err(Error::Rejected(msg)) if msg.contains("already exists") => Ok(()),
            Err(Error::Database(e)) if e.to_string().contains("already exists") => Ok(()),
            other => other,
        }
    }

    /// Drops `name` if it exists, closing its connections.
    pub fn drop(&self, name: &str) -> Result<()> {
        plain_name(name)?;
        sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut self.admin()?)?;
        Ok(())
    }

    /// A fresh database `name` (dropped first if it exists), optionally with
    /// every migration applied; returns its URL.
    pub fn recreate(&self, name: &str, migrated: bool) -> Result<String> {
        self.drop(name)?;
        self.create(name, None)?;
        let url = self.url(name);
        if migrated {
            migrate(&mut establish(&url)?)?;
        }
        Ok(url)
    }
}

/// `url` with its database name replaced. Done on the text, because libpq URLs
/// may have an empty host (a Unix socket in `?host=`), which URL parsers refuse.
fn with_database(url: &str, name: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("postgres", url));
    let query_at = rest.find(['?', '#']).unwrap_or(rest.len());
    let (before_query, query) = rest.split_at(query_at);
    let authority = before_query.split('/').next().unwrap_or("");
    format!("{scheme}://{authority}/{name}{query}")
}

/// The database name in `url` (libpq URL), if it names one.
pub fn database_in(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let path = &rest[..rest.find(['?', '#']).unwrap_or(rest.len())];
    path.split_once('/')
        .map(|(_, name)| name)
        .filter(|n| !n.is_empty())
}

/// Database names here are plain identifiers: CREATE DATABASE cannot take a
/// parameter, so nothing else is ever spliced into it.
fn plain_name(name: &str) -> Result<()> {
    let plain = !name.is_empty()
        && name.len() <= 63
        && name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "'{name}' is not a plain database name: use lower-case letters, digits and _"
        )))
    }
}

/// Grants `role` (claims_reader or claims_writer) to an existing login. A group
/// role is refused: granting claims_writer to claims_reader would let every reader write.
pub fn grant(conn: &mut PgConnection, role: &str, login: &str) -> Result<()> {
    #[derive(QueryableByName)]
    struct Exists {
        #[diesel(sql_type = Bool)]
        exists: bool,
    }
    let found: Exists = sql_query(
        "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1 AND rolcanlogin
                          AND rolname NOT IN ('claims_reader', 'claims_writer')) AS exists",
    )
    .bind::<Text, _>(login)
    .get_result(conn)?;
    if !found.exists {
        return Err(Error::NotFound {
            what: "login",
            reference: format!(
                "named '{login}' on this server: create it first (CREATE ROLE \"{login}\" LOGIN PASSWORD '…')"
            ),
            hint: "",
        });
    }
    sql_query("SELECT claims_grant($1, $2)::text")
        .bind::<Text, _>(role)
        .bind::<Text, _>(login)
        .execute(conn)?;
    Ok(())
}

/// Applies pending migrations, one process at a time: several `claims` started
/// together on a new database must not race to create the same tables (even
/// diesel's own bookkeeping table, which the pending check creates).
/// Returns the migrations applied.
pub fn migrate(conn: &mut PgConnection) -> Result<Vec<String>> {
    // Poll rather than block: a session blocked in pg_advisory_lock() holds a
    // snapshot that CREATE INDEX CONCURRENTLY (in the lock holder's migration)
    // would wait for, a deadlock.
    #[derive(QueryableByName)]
    struct Locked {
        #[diesel(sql_type = Bool)]
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

/// Whether an embedded migration is missing from the database. Read with a plain
/// query, so a login that may not create tables (claims_reader) can still connect.
pub fn has_pending_migrations(conn: &mut PgConnection) -> Result<bool> {
    use diesel::migration::MigrationSource;
    #[derive(QueryableByName)]
    struct Version {
        #[diesel(sql_type = Text)]
        version: String,
    }
    let exists: bool = diesel::select(diesel::dsl::sql::<Bool>(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_server_swaps_the_database_name_only() {
        let server =
            Server::of_url("postgres://ann:pw@db.example:5433/claims?sslmode=require").unwrap();
        assert_eq!(
            server.url("scratch"),
            "postgres://ann:pw@db.example:5433/scratch?sslmode=require"
        );
        let socket =
            Server::of_url("postgresql://postgres@/claims?host=%2Ftmp%2Fs&port=5432").unwrap();
        assert_eq!(
            socket.url("other"),
            "postgresql://postgres@/other?host=%2Ftmp%2Fs&port=5432"
        );
        assert_eq!(
            Server::of_url("postgres://h").unwrap().url("x"),
            "postgres://h/x"
        );
    }

    #[test]
    fn only_plain_names_reach_create_database() {
        assert!(plain_name("claims_test_12_3").is_ok());
        for bad in ["", "Claims", "a-b", "x; DROP TABLE claims", "1st"] {
            assert!(plain_name(bad).is_err(), "{bad}");
        }
    }
}
