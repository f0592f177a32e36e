//! `claims export`: the whole database as a JSON interchange document.

use std::io::Write;

use crate::cli::ExportOpts;
use crate::connection::Target;
use crate::error::Result;
use crate::interchange;

pub fn run(opts: ExportOpts, target: &Target) -> Result<()> {
    let mut conn = target.connect()?;
    // One snapshot, so a concurrent writer cannot produce a document with dangling keys.
    let doc = conn
        .build_transaction()
        .repeatable_read()
        .read_only()
        .run(interchange::export)?;
    let mut text = serde_json::to_string_pretty(&doc).map_err(anyhow::Error::from)?;
    text.push('\n');
    match opts.output {
        Some(path) => std::fs::write(&path, text)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(())
}
