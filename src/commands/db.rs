//! `claims db setup|migrate|status|seed|url|psql|stop`.

use std::process::Command;

use diesel_migrations::MigrationHarness;

use crate::bulk;
use crate::cli::{CreateOpts, DbCommand, DocsOpts, DropOpts, GrantOpts, Role, SeedOpts, UrlOpts};
use crate::cluster::{Durability, DEFAULT_DATABASE};
use crate::commands::import::{import, print_document_counts};
use crate::connection::{mask_password, Target};
use crate::database::{self, Server, MIGRATIONS};
use crate::error::{Error, Result};
use crate::schema_docs;

/// The seed data, built into the binary so `claims db seed` works from anywhere.
pub const SEEDS: &[(&str, &str)] = &[(
    "seeds/article-000.json",
    include_str!("../../seeds/article-000.json"),
)];

pub fn run(cmd: DbCommand, target: &Target) -> Result<()> {
    match cmd {
        DbCommand::Setup => setup(target),
        DbCommand::Migrate => migrate(target),
        DbCommand::Status => status(target),
        DbCommand::Seed(opts) => seed(opts, target),
        DbCommand::Url(opts) => url(opts, target),
        DbCommand::Psql(opts) => psql(&opts.args, target),
        DbCommand::Grant(opts) => grant(opts, target),
        DbCommand::Docs(opts) => docs(opts, target),
        DbCommand::Stop => stop(target),
        DbCommand::Create(opts) => create(opts, target),
        DbCommand::Drop(opts) => drop(opts, target),
    }
}

/// The server `target` is on, started if it is the embedded cluster.
fn server(target: &Target) -> Result<Server> {
    match &target.cluster {
        Some(cluster) => {
            cluster.ensure_running(Durability::Durable)?;
            Ok(Server::Cluster(cluster.clone()))
        }
        None => Server::of_url(&target.url),
    }
}

/// The database name in the target's URL.
fn own_database(target: &Target) -> Option<&str> {
    database::database_in(&target.url)
}

fn create(opts: CreateOpts, target: &Target) -> Result<()> {
    if own_database(target) == Some(opts.name.as_str()) {
        return Err(Error::invalid(format!(
            "{}: that is the database claims uses; give another name",
            opts.name
        )));
    }
    let server = server(target)?;
    if opts.replace {
        server.drop(&opts.name)?;
    } else if server.exists(&opts.name)? {
        return Err(Error::Conflict(format!(
            "database {} already exists (add --replace to drop and recreate it)",
            opts.name
        )));
    }
    let url = server.recreate(&opts.name, opts.migrate)?;
    println!(
        "{}",
        if opts.reveal {
            url
        } else {
            mask_password(&url)
        }
    );
    Ok(())
}

fn drop(opts: DropOpts, target: &Target) -> Result<()> {
    if own_database(target) == Some(opts.name.as_str()) {
        return Err(Error::invalid(format!(
            "{}: that is the database claims uses; it is never dropped from here",
            opts.name
        )));
    }
    server(target)?.drop(&opts.name)?;
    println!("dropped {} (if it existed)", opts.name);
    Ok(())
}

fn setup(target: &Target) -> Result<()> {
    let mut conn = target.connect()?;
    let applied = conn
        .applied_migrations()
        .map_err(|e| anyhow::anyhow!("cannot read applied migrations: {e}"))?;
    println!(
        "database ready ({}): {} ({} migrations applied)",
        target.origin,
        mask_password(&target.url),
        applied.len()
    );
    Ok(())
}

fn migrate(target: &Target) -> Result<()> {
    if target.cluster.is_some() {
        server(target)?.create_if_missing(DEFAULT_DATABASE)?;
    }
    let mut conn = target.establish()?;
    let applied = database::migrate(&mut conn)?;
    if applied.is_empty() {
        println!("no pending migrations");
    }
    for m in applied {
        println!("applied {m}");
    }
    Ok(())
}

fn status(target: &Target) -> Result<()> {
    println!("source:   {}", target.origin);
    println!("url:      {}", mask_password(&target.url));
    if let Some(cluster) = &target.cluster {
        println!("cluster:  {}", cluster.root().display());
        let running = cluster.is_running()?;
        println!(
            "server:   {}",
            match (cluster.is_initialized(), running) {
                (false, _) => "not created yet (created on first use)",
                (true, true) => "running",
                (true, false) => "stopped (started on demand)",
            }
        );
        if !running {
            return Ok(());
        }
    }
    let mut conn = target.establish()?;
    let applied = conn
        .applied_migrations()
        .map_err(|e| anyhow::anyhow!("cannot read applied migrations: {e}"))?;
    let pending = conn
        .pending_migrations(MIGRATIONS)
        .map_err(|e| anyhow::anyhow!("cannot read pending migrations: {e}"))?;
    println!("applied:  {} migrations", applied.len());
    println!("pending:  {} migrations", pending.len());
    for m in pending {
        println!("  {}", m.name());
    }
    Ok(())
}

fn seed(opts: SeedOpts, target: &Target) -> Result<()> {
    let mut conn = target.connect()?;
    let options = bulk::Options {
        format: bulk::InputFormat::Document,
        keep_going: false,
        show_progress: false,
        total_bytes: None,
    };
    for (name, text) in SEEDS {
        let outcome = import(target, &mut conn, text.as_bytes(), name, &options)?;
        print_document_counts(opts.format.format, name, &outcome)?;
    }
    Ok(())
}

fn url(opts: UrlOpts, target: &Target) -> Result<()> {
    if target.cluster.is_some() {
        // Start it, so `psql "$(claims db url)"` just works.
        target.connect()?;
    }
    if opts.reveal {
        println!("{}", target.url);
    } else {
        println!("{}", mask_password(&target.url));
    }
    Ok(())
}

fn psql(args: &[String], target: &Target) -> Result<()> {
    target.connect()?;
    let status = Command::new("psql")
        .arg(&target.url)
        .args(args)
        .status()
        .map_err(|e| {
            Error::Other(anyhow::anyhow!(
                "could not run psql ({e}); install the PostgreSQL client (Debian/Ubuntu: apt-get install postgresql-client)"
            ))
        })?;
    if !status.success() {
        return Err(Error::Other(anyhow::anyhow!("psql exited with {status}")));
    }
    Ok(())
}

fn grant(opts: GrantOpts, target: &Target) -> Result<()> {
    let role = match opts.role {
        Role::Reader => "claims_reader",
        Role::Writer => "claims_writer",
    };
    let mut conn = target.connect()?;
    database::grant(&mut conn, role, &opts.login)?;
    println!("granted {role} to {}", opts.login);
    Ok(())
}

fn docs(opts: DocsOpts, target: &Target) -> Result<()> {
    let mut conn = target.connect()?;
    let text = schema_docs::generate(&mut conn)?;
    match opts.output {
        Some(path) => std::fs::write(&path, text)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?,
        None => {
            use std::io::Write;
            std::io::stdout().write_all(text.as_bytes())?;
        }
    }
    Ok(())
}

fn stop(target: &Target) -> Result<()> {
    match &target.cluster {
        Some(cluster) => {
            if cluster.stop()? {
                println!(
                    "stopped the embedded cluster in {}",
                    cluster.root().display()
                );
            } else {
                println!("the embedded cluster is not running");
            }
        }
        None => println!(
            "nothing to stop: claims is using an external server ({})",
            target.origin
        ),
    }
    Ok(())
}
