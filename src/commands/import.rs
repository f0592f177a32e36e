//! `claims import FILE`: the JSON document (docs/interchange.md), or NDJSON and
//! CSV streamed through COPY (docs/bulk-import.md). One transaction either way.

use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::Path;

use diesel::Connection;
use serde::Serialize;

use crate::bulk::{self, BulkSummary, Rejected};
use crate::cli::{ImportOpts, InputFormat, OutputFormat};
use crate::connection::Target;
use crate::error::{Error, Result};
use crate::interchange::{self, Summary};
use crate::output::{print, Rows};

pub fn run(opts: ImportOpts, target: &Target) -> Result<()> {
    let from_stdin = opts.file.as_os_str() == "-";
    let origin = if from_stdin {
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
            .map_err(|e| Error::invalid(format!("{origin}: cannot read it: {e}")))?;
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
    match format {
        InputFormat::Json => {
            let mut text = String::new();
            let mut reader = reader;
            reader.read_to_string(&mut text).map_err(|e| {
                Error::invalid(format!("{origin}: cannot read it as UTF-8 text: {e}"))
            })?;
            let doc = interchange::parse(&text, &origin)?;
            let summary = interchange::import(target, &mut conn, &doc, &origin)?;
            if opts.dry_run {
                eprintln!("dry run: nothing was written");
            }
            print_summary(opts.format.format, &origin, &summary)
        }
        InputFormat::Ndjson | InputFormat::Csv => {
            let options = bulk::Options {
                format: if format == InputFormat::Csv {
                    bulk::InputFormat::Csv
                } else {
                    bulk::InputFormat::Ndjson
                },
                keep_going: opts.rejects.is_some(),
                show_progress: !opts.quiet && std::io::stderr().is_terminal(),
                total_bytes,
            };
            let (mut summary, rejected) = target.write(&mut conn, |conn| {
                let (summary, rejected) = bulk::import(conn, reader, &origin, &options)?;
                if let (Some(file), Some(path)) = (&rejects_file, &opts.rejects) {
                    write_rejects(file, &rejected)
                        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
                }
                Ok((summary, rejected))
            })?;
            summary.dry_run = opts.dry_run;
            print_bulk(opts.format.format, &origin, &summary, &rejected)
        }
    }
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

fn print_bulk(
    format: OutputFormat,
    origin: &str,
    summary: &BulkSummary,
    rejected: &[Rejected],
) -> Result<()> {
    if !rejected.is_empty() {
        eprintln!(
            "{origin}: {} line(s) refused and written to the rejects file",
            rejected.len()
        );
    }
    if format == OutputFormat::Table {
        println!("{origin}: {}", summary.line());
        return Ok(());
    }
    print(format, summary, || Rows {
        headers: vec!["table", "added", "existing"],
        rows: summary
            .added
            .iter()
            .map(|(t, n)| {
                vec![
                    t.to_string(),
                    n.to_string(),
                    summary.existing.get(t).copied().unwrap_or(0).to_string(),
                ]
            })
            .collect(),
    })
}

#[derive(Serialize)]
struct SummaryOut<'a> {
    file: &'a str,
    #[serde(flatten)]
    summary: &'a Summary,
}

pub fn print_summary(format: OutputFormat, origin: &str, summary: &Summary) -> Result<()> {
    for w in &summary.warnings {
        eprintln!("warning: {origin}: {w}");
    }
    if format == OutputFormat::Table {
        let parts: Vec<String> = summary
            .sections
            .iter()
            .map(|(name, c)| format!("{name} {} new, {} existing", c.created, c.existing))
            .collect();
        let verdict = if summary.created_total() == 0 {
            "nothing new"
        } else {
            "imported"
        };
        println!("{origin}: {verdict}: {}", parts.join("; "));
        return Ok(());
    }
    print(
        format,
        &SummaryOut {
            file: origin,
            summary,
        },
        || Rows {
            headers: vec!["section", "created", "existing"],
            rows: summary
                .sections
                .iter()
                .map(|(name, c)| {
                    vec![
                        name.to_string(),
                        c.created.to_string(),
                        c.existing.to_string(),
                    ]
                })
                .collect(),
        },
    )
}
