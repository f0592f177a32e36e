//! Rendering of read commands as table, JSON or CSV (docs/output.md).

use std::io::{self, IsTerminal, Write};

use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::error::Result;

/// Rows for table and CSV output.
pub struct Rows {
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

/// Writes `value` as JSON, or `rows` as a table or CSV.
pub fn print<T: Serialize>(
    format: OutputFormat,
    value: &T,
    rows: impl FnOnce() -> Rows,
) -> Result<()> {
    let mut out = io::stdout().lock();
    match format {
        OutputFormat::Json => {
            // Rendered first, so a closed pipe surfaces as an io::Error (not an error, see main).
            let mut text = serde_json::to_string_pretty(value).map_err(anyhow::Error::from)?;
            text.push('\n');
            out.write_all(text.as_bytes())?;
        }
        OutputFormat::Csv => write_csv(&mut out, &rows())?,
        OutputFormat::Table => {
            writeln!(out, "{}", table(&rows()))?;
        }
    }
    out.flush()?;
    Ok(())
}

pub fn table(rows: &Rows) -> Table {
    let mut t = Table::new();
    if !io::stdout().is_terminal() {
        // No terminal to measure: wrap long statements at a readable width anyway.
        t.set_width(140);
    }
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(rows.headers.clone());
    for r in &rows.rows {
        t.add_row(r.clone());
    }
    t
}

pub fn write_csv(out: &mut impl Write, rows: &Rows) -> Result<()> {
    // Into memory first, for the same reason as JSON: io errors stay io errors.
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&rows.headers).map_err(anyhow::Error::from)?;
    for r in &rows.rows {
        w.write_record(r).map_err(anyhow::Error::from)?;
    }
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    out.write_all(&bytes)?;
    Ok(())
}

/// `Some(x)` as text, `None` as empty.
pub fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// What `add` commands print: the new id (`{"id": N}` in JSON).
#[derive(Serialize)]
pub struct Created {
    pub id: i64,
}

/// In table format the bare id, so `id=$(claims add …)` works in scripts.
pub fn print_created(format: OutputFormat, id: i64) -> Result<()> {
    if format == OutputFormat::Table {
        writeln!(io::stdout(), "{id}")?;
        return Ok(());
    }
    print(format, &Created { id }, || Rows {
        headers: vec!["id"],
        rows: vec![vec![id.to_string()]],
    })
}

/// Notes about rows created on the way ("created analyst …") go to stderr, so stdout stays the result.
pub fn note(message: impl AsRef<str>) {
    eprintln!("{}", message.as_ref());
}
