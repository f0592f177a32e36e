//! The three input formats, read as streams: each record is checked on its own
//! (records.rs, csv.rs) and handed to `emit` as staging rows or as a refusal.

use std::cell::Cell;
use std::io::{BufRead, Read};
use std::rc::Rc;

use indicatif::ProgressBar;

use super::csv::{stage_csv, CSV_COLUMNS};
use super::records::{refused_record, stage_record};
use super::stage_row::StageRow;
use super::Places;
use crate::error::{Error, Result};
use crate::interchange::document::Record;
use crate::interchange::read::{read_document, ReadError};

/// Takes one record's outcome: (line, the input as read, its rows or why it was
/// refused with the rows that keep its keys known).
pub type Emit<'a> = dyn FnMut(i64, &str, Staged) -> std::io::Result<()> + 'a;

pub enum Staged {
    Rows(Vec<StageRow>),
    /// Refused before staging: rows that carry the reason (and the record's keys).
    Refused(Vec<StageRow>),
}

fn staged(line: i64, record: &Record) -> Staged {
    match stage_record(line, record) {
        Ok(rows) => Staged::Rows(rows),
        Err(e) => Staged::Refused(refused_record(line, record, &e.to_string())),
    }
}

/// A line that is not a record at all.
fn unreadable(line: i64, reason: Error) -> Staged {
    let mut row = StageRow::new(line, "unreadable");
    row.error = Some(reason.to_string());
    Staged::Refused(vec![row])
}

/// Every 4,096 records: bytes read and records per second on the bar.
fn tick(progress: &ProgressBar, records: i64, bytes: u64) {
    if records % 4096 == 0 {
        progress.set_position(bytes);
        let secs = progress.elapsed().as_secs_f64().max(0.001);
        progress.set_message(format!(
            "{records} records, {:.0} records/s",
            records as f64 / secs
        ));
    }
}

/// Newline-delimited JSON, one record per line. Returns the records read.
pub fn ndjson(mut input: impl BufRead, progress: &ProgressBar, emit: &mut Emit<'_>) -> Result<i64> {
    let mut buf = String::new();
    let mut bytes = 0u64;
    let mut number = 0i64;
    let mut records = 0i64;
    loop {
        buf.clear();
        let n = input.read_line(&mut buf).map_err(|e| {
            Error::invalid(format!(
                "line {}: cannot read it as UTF-8 text: {e}",
                number + 1
            ))
        })?;
        if n == 0 {
            break;
        }
        number += 1;
        bytes += n as u64;
        let text = buf.trim_end_matches(['\n', '\r']);
        let text = if number == 1 {
            text.trim_start_matches('\u{feff}')
        } else {
            text
        };
        if text.trim().is_empty() {
            continue;
        }
        records += 1;
        let outcome = match serde_json::from_str::<Record>(text) {
            Ok(record) => staged(number, &record),
            Err(e) => unreadable(number, Error::invalid(format!("not a record: {e}"))),
        };
        emit(number, text, outcome).map_err(anyhow::Error::from)?;
        tick(progress, records, bytes);
    }
    Ok(records)
}

/// CSV with the columns of `CSV_COLUMNS`, one claim per row. Returns the rows read.
pub fn csv(input: impl BufRead, progress: &ProgressBar, emit: &mut Emit<'_>) -> Result<i64> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| Error::invalid(format!("line 1: not a CSV header: {e}")))?
        .clone();
    let found: Vec<&str> = headers
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim())
        .collect();
    if found != CSV_COLUMNS {
        return Err(Error::invalid(format!(
            "line 1: the CSV columns must be exactly: {} (found: {})",
            CSV_COLUMNS.join(","),
            found.join(",")
        )));
    }
    let mut record = csv::StringRecord::new();
    let mut rows = 0i64;
    loop {
        let more = match reader.read_record(&mut record) {
            Ok(more) => more,
            Err(e) => {
                let line = e.position().map(|p| p.line() as i64).unwrap_or(0);
                rows += 1;
                let refused = unreadable(line, Error::invalid(format!("not a CSV row: {e}")));
                emit(line, "", refused).map_err(anyhow::Error::from)?;
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    return Err(Error::invalid(format!(
                        "line {line}: cannot read the input: {e}"
                    )));
                }
                continue;
            }
        };
        if !more {
            break;
        }
        rows += 1;
        let line = record
            .position()
            .map(|p| p.line() as i64)
            .unwrap_or(rows + 1);
        let raw = record.iter().collect::<Vec<_>>().join(",");
        let outcome = match stage_csv(line, &record) {
            Ok(rows) => Staged::Rows(rows),
            Err(e) => unreadable(line, e),
        };
        emit(line, &raw, outcome).map_err(anyhow::Error::from)?;
        tick(
            progress,
            rows,
            record.position().map(|p| p.byte()).unwrap_or(0),
        );
    }
    Ok(rows)
}

/// A reader that counts the bytes read through it, for the progress bar.
struct Counting<R> {
    inner: R,
    bytes: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes.set(self.bytes.get() + n as u64);
        Ok(n)
    }
}

/// A JSON document: every record of every section, numbered in document order
/// (the number stands in for a line; `places` turns it back into `claims[3]`).
pub fn document(
    input: impl BufRead,
    input_name: &str,
    progress: &ProgressBar,
    places: &mut Places,
    emit: &mut Emit<'_>,
) -> Result<i64> {
    let mut input = input;
    // A byte-order mark is not JSON.
    if input.fill_buf()?.starts_with("\u{feff}".as_bytes()) {
        input.consume(3);
    }
    let bytes = Rc::new(Cell::new(0u64));
    let counted = Counting {
        inner: input,
        bytes: Rc::clone(&bytes),
    };
    let mut records = 0i64;
    let result = read_document(counted, &mut |place, record| {
        records += 1;
        places.record(records, place);
        emit(records, "", staged(records, &record))?;
        tick(progress, records, bytes.get());
        Ok::<_, std::io::Error>(())
    });
    match result {
        Ok(()) => Ok(records),
        Err(ReadError::Malformed(e)) => Err(Error::invalid(format!(
            "{input_name}: not a valid claims document: {e} (see docs/interchange.md)"
        ))),
        Err(ReadError::Header(message)) => Err(Error::invalid(format!(
            "{input_name}: {message} (see docs/interchange.md)"
        ))),
        Err(ReadError::Callback(e)) => Err(Error::Other(e.into())),
    }
}
