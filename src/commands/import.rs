//! `claims import FILE`: a JSON document (docs/interchange.md), NDJSON or CSV
//! (docs/bulk-import.md), all through the staging merge in one transaction.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal, Write};
use std::path::Path;

use diesel::{Connection, PgConnection};
use serde::Serialize;

use crate::bulk::{self, Outcome, Rejected};
use crate::cli::{ImportOpts, InputFormat};
use crate::connection::Target;
use crate::error::{Error, Result};
use crate::output::{print, OutputFormat};

pub fn run(opts: ImportOpts, target: &Target) -> Result<()> {
    let from_stdin = opts.file.as_os_str() == "-";
    let input_name = if from_stdin {
        "standard input".to_owned()
    } else {
        opts.file.display().to_string()
    };
    let format = match opts.input_format {
        Some(f) => f,
        None if from_stdin => InputFormat::Json,
        None => format_of(&opts.file)?,
    };
    if opts.rejects.is_some() && format == InputFormat::Json {
        return Err(Error::invalid(
            "--rejects is for NDJSON and CSV input; a JSON document is imported whole or not at all",
        ));
    }
    let (reader, total_bytes): (Box<dyn BufRead>, Option<u64>) = if from_stdin {
        (Box::new(BufReader::new(std::io::stdin())), None)
    } else {
        let file = File::open(&opts.file)
            .map_err(|e| Error::invalid(format!("{input_name}: cannot read it: {e}")))?;
        let size = file.metadata().ok().map(|m| m.len());
        (Box::new(BufReader::with_capacity(256 * 1024, file)), size)
    };
    // Create the rejects file before any work, so a bad path fails first.
    let rejects_file = opts
        .rejects
        .as_ref()
        .map(|p| {
            File::create(p).map_err(|e| {
                Error::invalid(format!("--rejects {}: cannot write it: {e}", p.display()))
            })
        })
        .transpose()?;

    let mut conn = target.connect()?;
    if opts.dry_run {
        // Never committed: rolled back when the connection closes.
        conn.begin_test_transaction()?;
    }
    let options = bulk::Options {
        format: match format {
            InputFormat::Json => bulk::InputFormat::Document,
            InputFormat::Ndjson => bulk::InputFormat::Ndjson,
            InputFormat::Csv => bulk::InputFormat::Csv,
        },
        keep_going: opts.rejects.is_some(),
        show_progress: !opts.quiet && std::io::stderr().is_terminal(),
        total_bytes,
    };
    let outcome = import(target, &mut conn, reader, &input_name, &options)?;
    if let (Some(file), Some(path)) = (&rejects_file, &opts.rejects) {
        write_rejects(file, &outcome.rejected)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    }
    if format == InputFormat::Json {
        if opts.dry_run {
            eprintln!("dry run: nothing was written");
        }
        print_document_counts(opts.format.format, &input_name, &outcome)
    } else {
        print_bulk(opts.format.format, &input_name, &outcome, opts.dry_run)
    }
}

/// Imports `input` in one transaction that records the actor (`Target::write`).
pub fn import(
    target: &Target,
    conn: &mut PgConnection,
    input: impl BufRead,
    input_name: &str,
    options: &bulk::Options,
) -> Result<Outcome> {
    let outcome = target.write(conn, |conn| bulk::import(conn, input, input_name, options))?;
    let noun = match options.format {
        bulk::InputFormat::Document => "document",
        _ => "file",
    };
    for d in &outcome.differences {
        eprintln!("warning: {input_name}: {}", d.describe(noun));
    }
    Ok(outcome)
}

fn format_of(path: &Path) -> Result<InputFormat> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("json") => Ok(InputFormat::Json),
        Some("ndjson" | "jsonl") => Ok(InputFormat::Ndjson),
        Some("csv") => Ok(InputFormat::Csv),
        _ => Err(Error::invalid(format!(
            "{}: cannot tell the format from the name; add --input-format json|ndjson|csv",
            path.display()
        ))),
    }
}

fn write_rejects(file: &File, rejected: &[Rejected]) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(file);
    for r in rejected {
        serde_json::to_writer(&mut out, r)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// What a bulk (NDJSON, CSV) import did, as printed (docs/output.md).
#[derive(Debug, Serialize)]
struct BulkCounts<'a> {
    lines: i64,
    /// Per table: rows added, and records of the input that were already there.
    added: &'a BTreeMap<&'static str, i64>,
    existing: BTreeMap<&'static str, i64>,
    rejected: i64,
    dry_run: bool,
}

impl BulkCounts<'_> {
    /// The one-line account printed at the end.
    fn line(&self) -> String {
        let list = |m: &BTreeMap<&'static str, i64>| {
            let parts: Vec<String> = m
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(k, n)| format!("{n} {k}"))
                .collect();
            if parts.is_empty() {
                "nothing".to_owned()
            } else {
                parts.join(", ")
            }
        };
        format!(
            "{}{} lines: added {}; already there {}{}",
            if self.dry_run {
                "dry run, nothing written: "
            } else {
                ""
            },
            self.lines,
            list(self.added),
            list(&self.existing),
            if self.rejected > 0 {
                format!("; {} lines refused", self.rejected)
            } else {
                String::new()
            }
        )
    }
}

#[derive(Serialize, Default)]
struct TableRow<'a> {
    table: &'a str,
    added: i64,
    existing: i64,
}

fn print_bulk(
    format: OutputFormat,
    input_name: &str,
    outcome: &Outcome,
    dry_run: bool,
) -> Result<()> {
    if !outcome.rejected.is_empty() {
        eprintln!(
            "{input_name}: {} line(s) refused and written to the rejects file",
            outcome.rejected.len()
        );
    }
    let counts = &outcome.counts;
    let shown = BulkCounts {
        lines: counts.records,
        added: &counts.added,
        existing: counts
            .distinct
            .keys()
            .map(|t| (*t, counts.existing(t)))
            .collect(),
        rejected: outcome.rejected_count,
        dry_run,
    };
    if format == OutputFormat::Table {
        println!("{input_name}: {}", shown.line());
        return Ok(());
    }
    let rows: Vec<TableRow> = counts
        .added
        .iter()
        .map(|(t, n)| TableRow {
            table: t,
            added: *n,
            existing: shown.existing.get(t).copied().unwrap_or(0),
        })
        .collect();
    print(format, &shown, &rows)
}

/// What importing a document did, per section of the document (docs/output.md).
#[derive(Debug, Default, Serialize)]
pub struct DocumentCounts<'a> {
    file: &'a str,
    sections: BTreeMap<&'static str, SectionCounts>,
    /// Records matched by natural key whose stored values differ from the document;
    /// the stored values are kept (an import never edits) and each is listed.
    warnings: Vec<String>,
}

#[derive(Debug, Default, Clone, Copy, Serialize)]
struct SectionCounts {
    created: i64,
    existing: i64,
}

#[derive(Serialize, Default)]
struct SectionRow<'a> {
    section: &'a str,
    created: i64,
    existing: i64,
}

/// The document's sections (and nested appearances) and the tables they fill.
const SECTION_TABLES: &[(&str, &str)] = &[
    ("hedge_terms", "hedge_terms"),
    ("organizations", "organizations"),
    ("analysts", "analysts"),
    ("sources", "sources"),
    ("tags", "tags"),
    ("claims", "claims"),
    ("appearances", "appearances"),
    ("links", "claim_links"),
    ("verifications", "verifications"),
];

pub fn print_document_counts(
    format: OutputFormat,
    input_name: &str,
    outcome: &Outcome,
) -> Result<()> {
    let counts = &outcome.counts;
    let mut shown = DocumentCounts {
        file: input_name,
        warnings: outcome
            .differences
            .iter()
            .map(|d| d.describe("document"))
            .collect(),
        ..Default::default()
    };
    for (section, table) in SECTION_TABLES {
        let records = counts.rows.get(table).copied().unwrap_or(0);
        if records > 0 {
            let created = counts.added(table).min(records);
            shown.sections.insert(
                section,
                SectionCounts {
                    created,
                    existing: records - created,
                },
            );
        }
    }
    if format == OutputFormat::Table {
        let parts: Vec<String> = shown
            .sections
            .iter()
            .map(|(name, c)| format!("{name} {} new, {} existing", c.created, c.existing))
            .collect();
        let verdict = if shown.sections.values().all(|c| c.created == 0) {
            "nothing new"
        } else {
            "imported"
        };
        println!("{input_name}: {verdict}: {}", parts.join("; "));
        return Ok(());
    }
    let rows: Vec<SectionRow> = shown
        .sections
        .iter()
        .map(|(section, c)| SectionRow {
            section,
            created: c.created,
            existing: c.existing,
        })
        .collect();
    print(format, &shown, &rows)
}
