//! Rendering of read commands as table, JSON or CSV (docs/output.md). JSON is
//! the value as serde writes it; CSV and the table are written from rows that
//! are `Serialize` structs too, so a column's name is its field's name and no
//! header list is written by hand.

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use serde::Serialize;

use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OutputFormat {
    #[default]
    Table,
    Json,
    Csv,
}

/// Writes `value` as JSON, or `rows` as a table or CSV (one row per element,
/// one column per field).
pub fn print<T: Serialize + ?Sized, R: Serialize + Default>(
    format: OutputFormat,
    value: &T,
    rows: &[R],
) -> Result<()> {
    let mut out = io::stdout().lock();
    match format {
        OutputFormat::Json => {
            // Rendered first, so a closed pipe surfaces as an io::Error (not an error, see main).
            let mut text = serde_json::to_string_pretty(value).map_err(anyhow::Error::from)?;
            text.push('\n');
            out.write_all(text.as_bytes())?;
        }
        OutputFormat::Csv => out.write_all(&csv_bytes(rows)?)?,
        OutputFormat::Table => {
            writeln!(out, "{}", table(rows)?)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The rows as CSV with a header line, in memory first so io errors stay io errors.
pub fn csv_bytes<R: Serialize + Default>(rows: &[R]) -> Result<Vec<u8>> {
    let written = |rows: &[R]| -> Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        for r in rows {
            w.serialize(r).map_err(anyhow::Error::from)?;
        }
        Ok(w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?)
    };
    if rows.is_empty() {
        // serde writes the header with the first row; an empty list keeps its header.
        let mut one = written(&[R::default()])?;
        let end = one
            .iter()
            .position(|b| *b == b'\n')
            .map_or(one.len(), |i| i + 1);
        one.truncate(end);
        return Ok(one);
    }
    written(rows)
}

fn table<R: Serialize + Default>(rows: &[R]) -> Result<Table> {
    let text = String::from_utf8(csv_bytes(rows)?).map_err(anyhow::Error::from)?;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut t = Table::new();
    if !io::stdout().is_terminal() {
        // No terminal to measure: wrap long statements at a readable width anyway.
        t.set_width(140);
    }
    let headers: Vec<String> = reader
        .headers()
        .map_err(anyhow::Error::from)?
        .iter()
        .map(str::to_owned)
        .collect();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(headers);
    for record in reader.records() {
        let record = record.map_err(anyhow::Error::from)?;
        t.add_row(record.iter().collect::<Vec<_>>());
    }
    Ok(t)
}

/// `Some(x)` as text, `None` as empty.
pub fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// A ratio as tables and CSV show it: three decimals, empty when there is none.
pub fn ratio(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.3}")).unwrap_or_default()
}

/// What `add` commands print: the new id (`{"id": N}` in JSON).
#[derive(Serialize, Default)]
pub struct Created {
    pub id: i64,
}

/// In table format the bare id, so `id=$(claims add …)` works in scripts.
pub fn print_created(format: OutputFormat, id: i64) -> Result<()> {
    if format == OutputFormat::Table {
        writeln!(io::stdout(), "{id}")?;
        return Ok(());
    }
    let created = Created { id };
    print(format, &created, std::slice::from_ref(&created))
}

/// Notes about rows created on the way ("created analyst …") go to stderr, so stdout stays the result.
pub fn note(message: impl AsRef<str>) {
    eprintln!("{}", message.as_ref());
}
