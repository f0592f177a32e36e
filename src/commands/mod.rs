//! One module per subcommand (`claims add` ↔ `commands/add.rs`), each with a
//! `run` taking its parsed options and a connection target.

pub mod add;
pub mod db;
pub mod edit;
pub mod export;
pub mod generate;
pub mod history;
pub mod import;
pub mod lexicon;
pub mod link;
pub mod report;
pub mod retract;
pub mod show;
pub mod verify;

use crate::cli::{Cli, Command};
use crate::connection::Target;
use crate::error::Result;

pub fn run(cli: Cli) -> Result<()> {
    let actor = cli.connect.actor.clone();
    let target = || -> Result<Target> {
        let mut target = Target::resolve(cli.connect.database_url.as_deref())?;
        if let Some(a) = actor.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            target.actor = Some(a.to_owned());
        }
        Ok(target)
    };
    match cli.command {
        Command::Add(cmd) => add::run(cmd, &target()?),
        Command::Link(opts) => link::run(opts, &target()?),
        Command::Verify(opts) => verify::run(opts, &target()?),
        Command::Show(opts) => show::run(opts, &target()?),
        Command::Edit(cmd) => edit::run(cmd, &target()?),
        Command::Retract(opts) => retract::run(opts, &target()?),
        Command::History(opts) => history::run(opts, &target()?),
        Command::Report(opts) => report::run(opts, &target()?),
        Command::Lexicon(cmd) => lexicon::run(cmd, &target()?),
        Command::Import(opts) => import::run(opts, &target()?),
        Command::Export(opts) => export::run(opts, &target()?),
        // Needs no database.
        Command::Generate(opts) => generate::run(opts),
        Command::Db(cmd) => db::run(cmd, &target()?),
    }
}
