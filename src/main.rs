use std::process::ExitCode;

use clap::Parser;

use claims::cli::Cli;
use claims::error::Error;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match claims::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// `claims report | head` closing the pipe early is not an error.
fn is_broken_pipe(e: &Error) -> bool {
    match e {
        Error::Other(inner) => inner
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe),
        _ => false,
    }
}
