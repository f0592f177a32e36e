//! Bulk import of newline-delimited JSON and CSV (docs/bulk-import.md).
//!
//! The input is read once, as a stream: each line is checked on its own and
//! written, as rows of a temporary staging table, into one `COPY … FROM STDIN`
//! (diesel::copy_from) through a 64 KiB buffer. The merge (merge.sql) then
//! checks references between lines and inserts everything with set-based SQL,
//! in the same transaction: all or nothing, unless `--rejects` is given. Memory
//! does not grow with the file; the database holds the staged rows.

mod records;

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::io::{BufRead, BufWriter};

use diesel::connection::SimpleConnection;
use diesel::pg::CopyFormat;
use diesel::prelude::*;
use diesel::sql_query;
use diesel::sql_types::{BigInt, Text};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

pub use records::{stage_csv, stage_record, Record, StageRow, CSV_COLUMNS};

use crate::error::{Error, Result};

/// How many refused lines an error message lists.
pub const MAX_LISTED: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Ndjson,
    Csv,
}

diesel::table! {
    /// The temporary staging table (stage.sql); only its name and columns matter to COPY.
    claims_import_stage (line) {
        line -> Int8,
        rtype -> Text,
        key -> Nullable<Text>,
        ref1 -> Nullable<Text>,
        ref2 -> Nullable<Text>,
        ref3 -> Nullable<Text>,
        name -> Nullable<Text>,
        kind -> Nullable<Text>,
        description -> Nullable<Text>,
        url -> Nullable<Text>,
        title -> Nullable<Text>,
        publisher -> Nullable<Text>,
        author -> Nullable<Text>,
        published_on -> Nullable<Date>,
        retrieved_at -> Nullable<Timestamptz>,
        archived_url -> Nullable<Text>,
        statement -> Nullable<Text>,
        made_at -> Nullable<Date>,
        expected_by -> Nullable<Date>,
        probability -> Nullable<Double>,
        hedge -> Nullable<Text>,
        quote -> Nullable<Text>,
        attribution -> Nullable<Text>,
        relation -> Nullable<Text>,
        status -> Nullable<Text>,
        effective_at -> Nullable<Timestamptz>,
        recorded_at -> Nullable<Timestamptz>,
        valid_from -> Nullable<Date>,
        valid_until -> Nullable<Date>,
        raw -> Nullable<Text>,
    }
}

/// A refused input line.
#[derive(Debug, Clone, Serialize)]
pub struct Rejected {
    pub line: i64,
    pub reason: String,
    /// The line as read (kept only with --rejects).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
}

/// What a bulk import did (or would do, with --dry-run).
#[derive(Debug, Default, Serialize)]
pub struct BulkSummary {
    pub lines: i64,
    /// Per table: rows added, and records of the input that were already there.
    pub added: BTreeMap<&'static str, i64>,
    pub existing: BTreeMap<&'static str, i64>,
    pub rejected: i64,
    pub dry_run: bool,
}

impl BulkSummary {
    /// The one-line summary printed at the end.
    pub fn line(&self) -> String {
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
            list(&self.added),
            list(&self.existing),
            if self.rejected > 0 {
                format!("; {} lines refused", self.rejected)
            } else {
                String::new()
            }
        )
    }
}

pub struct Options {
    pub format: InputFormat,
    /// Load the valid lines and return the refused ones instead of failing.
    pub keep_going: bool,
    pub show_progress: bool,
    /// The input's size in bytes, for the progress bar's ETA.
    pub total_bytes: Option<u64>,
}

/// Stages `input` and merges it. Runs in the caller's transaction; with refused
/// lines and no `keep_going` it fails (exit 2) so the caller rolls back.
pub fn import(
    conn: &mut PgConnection,
    input: impl BufRead,
    origin: &str,
    opts: &Options,
) -> Result<(BulkSummary, Vec<Rejected>)> {
    sql_query("SELECT pg_advisory_xact_lock(hashtext('claims import'))").execute(conn)?;
    conn.batch_execute(include_str!("stage.sql"))?;

    let progress = progress_bar(opts);
    // copy_from takes an `Fn` callback: the state it fills lives in cells.
    let input = RefCell::new(Some(input));
    let line_errors: RefCell<Vec<Rejected>> = RefCell::new(Vec::new());
    let line_error_count = Cell::new(0i64);
    let lines = Cell::new(0i64);
    let read_failure: RefCell<Option<Error>> = RefCell::new(None);
    let copied = diesel::copy_from(claims_import_stage::table)
        .from_raw_data(claims_import_stage::table, |out| -> QueryResult<()> {
            let io = |e: std::io::Error| diesel::result::Error::SerializationError(Box::new(e));
            let Some(input) = input.borrow_mut().take() else {
                return Ok(());
            };
            // Every write is a COPY message: batch them (one huge write is slow too).
            let buffered = BufWriter::with_capacity(64 * 1024, out);
            let mut csv_out = csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(buffered);
            let mut emit =
                |line: i64, raw: &str, staged: Result<Vec<StageRow>>| -> std::io::Result<()> {
                    match staged {
                        Ok(rows) => {
                            for (n, row) in rows.into_iter().enumerate() {
                                let mut fields = row.fields().to_vec();
                                fields.push(if n == 0 && opts.keep_going {
                                    raw.to_owned()
                                } else {
                                    String::new()
                                });
                                csv_out.write_record(&fields)?;
                            }
                        }
                        Err(e) => {
                            line_error_count.set(line_error_count.get() + 1);
                            let mut errors = line_errors.borrow_mut();
                            if opts.keep_going || errors.len() < MAX_LISTED {
                                errors.push(Rejected {
                                    line,
                                    reason: e.to_string(),
                                    input: opts.keep_going.then(|| raw.to_owned()),
                                });
                            }
                        }
                    }
                    Ok(())
                };
            let mut count = 0i64;
            let result = match opts.format {
                InputFormat::Ndjson => read_ndjson(input, &progress, &mut count, &mut emit),
                InputFormat::Csv => read_csv(input, &progress, &mut count, &mut emit),
            };
            lines.set(count);
            if let Err(e) = result {
                *read_failure.borrow_mut() = Some(e);
                return Err(io(std::io::Error::other("the input could not be read")));
            }
            csv_out.flush().map_err(io)?;
            Ok(())
        })
        .with_format(CopyFormat::Csv)
        .execute(conn);
    if let Some(e) = read_failure.into_inner() {
        return Err(e);
    }
    copied?;
    let line_errors = line_errors.into_inner();
    let line_error_count = line_error_count.get();
    let lines = lines.get();
    progress.set_message("merging");

    let steps = steps();
    let run = |conn: &mut PgConnection, name: &str| -> Result<usize> {
        let sql = steps
            .get(name)
            .unwrap_or_else(|| panic!("merge.sql has no step {name}"));
        // Steps of one statement report rows; the others are batches.
        let code: String = sql
            .lines()
            .filter(|l| !l.trim_start().starts_with("--"))
            .collect::<Vec<_>>()
            .join("\n");
        if code.trim_end().trim_end_matches(';').contains(';') {
            conn.batch_execute(sql)?;
            Ok(0)
        } else {
            Ok(sql_query(sql.as_str()).execute(conn)?)
        }
    };
    run(conn, "index")?;
    run(conn, "check_duplicate_keys")?;
    loop {
        let before = refused_rows(conn)?;
        run(conn, "check_references")?;
        run(conn, "refuse_whole_lines")?;
        if refused_rows(conn)? == before {
            break;
        }
    }

    let refused = refused_lines(conn, opts.keep_going)?;
    let rejected_count = line_error_count + count_refused_lines(conn)?;
    if !opts.keep_going && rejected_count > 0 {
        let mut listed = line_errors;
        listed.extend(refused);
        listed.sort_by_key(|r| r.line);
        listed.truncate(MAX_LISTED);
        let mut msg = format!(
            "{origin}: {rejected_count} line(s) refused, nothing was imported (--rejects FILE loads the valid lines and lists the others):"
        );
        for r in &listed {
            msg.push_str(&format!("\n  line {}: {}", r.line, r.reason));
        }
        if rejected_count as usize > listed.len() {
            msg.push_str(&format!(
                "\n  … and {} more",
                rejected_count as usize - listed.len()
            ));
        }
        return Err(Error::Invalid(msg));
    }

    let mut summary = BulkSummary {
        lines,
        rejected: rejected_count,
        ..Default::default()
    };
    let staged = staged_counts(conn)?;
    for (step, table) in [
        ("insert_hedge_terms", "hedge_terms"),
        ("insert_organizations", "organizations"),
        ("insert_analysts", "analysts"),
        ("insert_affiliations", "affiliations"),
        ("insert_sources", "sources"),
        ("source_keys", ""),
        ("insert_tags", "tags"),
        ("insert_claims", "claims"),
        ("claim_keys", ""),
    ] {
        let n = run(conn, step)? as i64;
        if !table.is_empty() {
            summary.added.insert(table, n);
        }
    }
    // One pass, and more only for appearances relaying others (via) that a pass
    // could not place yet: a last pass that adds nothing would redo the whole join.
    let relayed = sql_query(
        "SELECT count(*) AS n FROM claims_import_stage
          WHERE rtype = 'appearance' AND ref3 IS NOT NULL AND error IS NULL",
    )
    .get_result::<Count>(conn)?
    .n;
    let mut appearances = run(conn, "insert_appearances")? as i64;
    if relayed > 0 {
        loop {
            let n = run(conn, "insert_appearances")? as i64;
            appearances += n;
            if n == 0 {
                break;
            }
        }
    }
    summary.added.insert("appearances", appearances);
    for (step, table) in [
        ("insert_claim_tags", "claim_tags"),
        ("insert_links", "claim_links"),
        ("insert_verdicts", "verifications"),
    ] {
        summary.added.insert(table, run(conn, step)? as i64);
    }
    for (table, count) in staged {
        let added = summary.added.get(table).copied().unwrap_or(0);
        summary.existing.insert(table, (count - added).max(0));
    }
    progress.finish_and_clear();

    let mut rejected = line_errors;
    rejected.extend(refused);
    rejected.sort_by_key(|r| r.line);
    Ok((summary, rejected))
}

fn progress_bar(opts: &Options) -> ProgressBar {
    if !opts.show_progress {
        return ProgressBar::hidden();
    }
    let bar = match opts.total_bytes {
        Some(total) => {
            let bar = ProgressBar::new(total);
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg} (ETA {eta})",
                )
                .expect("valid template"),
            );
            bar
        }
        None => {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bytes} {msg}")
                    .expect("valid template"),
            );
            bar
        }
    };
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// Every 4,096 lines: bytes read and rows per second on the bar.
fn tick(progress: &ProgressBar, lines: i64, bytes: u64) {
    if lines % 4096 == 0 {
        progress.set_position(bytes);
        let secs = progress.elapsed().as_secs_f64().max(0.001);
        progress.set_message(format!("{lines} rows, {:.0} rows/s", lines as f64 / secs));
    }
}

type Emit<'a> = dyn FnMut(i64, &str, Result<Vec<StageRow>>) -> std::io::Result<()> + 'a;

fn read_ndjson(
    mut input: impl BufRead,
    progress: &ProgressBar,
    lines: &mut i64,
    emit: &mut Emit<'_>,
) -> Result<()> {
    let mut buf = String::new();
    let mut bytes = 0u64;
    let mut number = 0i64;
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
        *lines += 1;
        let staged = serde_json::from_str::<Record>(text)
            .map_err(|e| Error::invalid(format!("not a record: {e}")))
            .and_then(|record| stage_record(number, record));
        emit(number, text, staged).map_err(anyhow::Error::from)?;
        tick(progress, *lines, bytes);
    }
    Ok(())
}

fn read_csv(
    input: impl BufRead,
    progress: &ProgressBar,
    lines: &mut i64,
    emit: &mut Emit<'_>,
) -> Result<()> {
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
    loop {
        let more = match reader.read_record(&mut record) {
            Ok(more) => more,
            Err(e) => {
                let line = e.position().map(|p| p.line() as i64).unwrap_or(0);
                *lines += 1;
                emit(line, "", Err(Error::invalid(format!("not a CSV row: {e}"))))
                    .map_err(anyhow::Error::from)?;
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
        *lines += 1;
        let line = record
            .position()
            .map(|p| p.line() as i64)
            .unwrap_or(*lines + 1);
        let raw = record.iter().collect::<Vec<_>>().join(",");
        emit(line, &raw, stage_csv(line, &record)).map_err(anyhow::Error::from)?;
        tick(
            progress,
            *lines,
            record.position().map(|p| p.byte()).unwrap_or(0),
        );
    }
    Ok(())
}

/// merge.sql split at its `-- step: NAME` markers.
fn steps() -> BTreeMap<String, String> {
    let mut steps = BTreeMap::new();
    let mut name: Option<String> = None;
    let mut body = String::new();
    for line in include_str!("merge.sql").lines() {
        if let Some(n) = line.strip_prefix("-- step: ") {
            if let Some(prev) = name.take() {
                steps.insert(prev, std::mem::take(&mut body));
            }
            name = Some(n.trim().to_owned());
        } else if name.is_some() {
            body.push_str(line);
            body.push('\n');
        }
    }
    if let Some(prev) = name {
        steps.insert(prev, body);
    }
    steps
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn refused_rows(conn: &mut PgConnection) -> Result<i64> {
    Ok(
        sql_query("SELECT count(*) AS n FROM claims_import_stage WHERE error IS NOT NULL")
            .get_result::<Count>(conn)?
            .n,
    )
}

fn count_refused_lines(conn: &mut PgConnection) -> Result<i64> {
    Ok(sql_query(
        "SELECT count(DISTINCT line) AS n FROM claims_import_stage WHERE error IS NOT NULL",
    )
    .get_result::<Count>(conn)?
    .n)
}

/// The lines the merge refused, each with its first reason (all of them with
/// `all`, else the first MAX_LISTED).
fn refused_lines(conn: &mut PgConnection, all: bool) -> Result<Vec<Rejected>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = BigInt)]
        line: i64,
        #[diesel(sql_type = Text)]
        error: String,
        #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
        raw: Option<String>,
    }
    let limit = if all { i64::MAX } else { MAX_LISTED as i64 };
    let rows: Vec<Row> = sql_query(
        "SELECT line, error,
                (SELECT r.raw FROM claims_import_stage r
                  WHERE r.line = first.line AND r.raw IS NOT NULL LIMIT 1) AS raw
           FROM (SELECT DISTINCT ON (line) line, error FROM claims_import_stage
                  WHERE error IS NOT NULL
                  ORDER BY line, (error LIKE 'another part%'), error) first
          ORDER BY line LIMIT $1",
    )
    .bind::<BigInt, _>(limit)
    .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| Rejected {
            line: r.line,
            reason: r.error,
            input: if all { r.raw } else { None },
        })
        .collect())
}

/// Distinct records of the input per table, to tell added from already there.
fn staged_counts(conn: &mut PgConnection) -> Result<Vec<(&'static str, i64)>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = Text)]
        rtype: String,
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let rows: Vec<Row> = sql_query(
        "SELECT rtype,
                CASE WHEN rtype IN ('hedge_term', 'organization', 'analyst', 'tag') THEN count(DISTINCT name)
                     WHEN rtype IN ('source', 'claim') THEN count(DISTINCT key)
                     ELSE count(*) END AS n
           FROM claims_import_stage WHERE error IS NULL GROUP BY rtype",
    )
    .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let table = match r.rtype.as_str() {
                "hedge_term" => "hedge_terms",
                "organization" => "organizations",
                "analyst" => "analysts",
                "affiliation" => "affiliations",
                "source" => "sources",
                "claim" => "claims",
                "appearance" => "appearances",
                "claim_tag" => "claim_tags",
                "link" => "claim_links",
                "verdict" => "verifications",
                _ => return None,
            };
            Some((table, r.n))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_sql_has_every_step_the_import_runs() {
        let steps = steps();
        for name in [
            "index",
            "check_duplicate_keys",
            "check_references",
            "refuse_whole_lines",
            "insert_hedge_terms",
            "insert_organizations",
            "insert_analysts",
            "insert_affiliations",
            "insert_sources",
            "source_keys",
            "insert_tags",
            "insert_claims",
            "claim_keys",
            "insert_appearances",
            "insert_claim_tags",
            "insert_links",
            "insert_verdicts",
        ] {
            assert!(steps.contains_key(name), "{name}");
        }
    }
}
