//! `claims generate --claims N`: a synthetic ledger (src/generate.rs).

use std::io::{BufWriter, Write};

use crate::cli::{GenerateFormat, GenerateOpts};
use crate::error::{Error, Result};
use crate::generate::Plan;

pub fn run(opts: GenerateOpts) -> Result<()> {
    if opts.claims == 0 {
        return Err(Error::invalid("--claims: give at least 1"));
    }
    let plan = Plan {
        claims: opts.claims,
        seed: opts.seed,
    };
    let sink: Box<dyn Write> = match &opts.output {
        Some(path) => Box::new(std::fs::File::create(path).map_err(|e| {
            Error::invalid(format!("--output {}: cannot write it: {e}", path.display()))
        })?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(256 * 1024, sink);
    match opts.format {
        GenerateFormat::Ndjson => plan.write_ndjson(&mut out)?,
        GenerateFormat::Csv => plan.write_csv(&mut out)?,
    }
    out.flush()?;
    Ok(())
}
