//! The one import path: a JSON document (docs/interchange.md), NDJSON or CSV
//! (docs/bulk-import.md), and the seeds, all go through it.
//!
//! The input is read once, as a stream: each record is checked on its own and
//! written, as rows of a temporary staging table, into one `COPY … FROM STDIN`
//! (diesel::copy_from) through a 64 KiB buffer. The merge (merge.sql) then
//! checks references between records and inserts everything with set-based SQL,
//! in the same transaction: all or nothing, unless `keep_going` is set. Memory
//! does not grow with the input; the database holds the staged rows.

mod csv;
mod outcome;
mod read;
mod records;
mod stage_row;

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::io::{BufRead, BufWriter};

use diesel::connection::SimpleConnection;
use diesel::pg::CopyFormat;
use diesel::prelude::*;
use diesel::sql_query;
use indicatif::{ProgressBar, ProgressStyle};

pub use self::csv::CSV_COLUMNS;
pub use outcome::{Counts, Difference, Outcome, Rejected};
pub use records::stage_record;
pub use stage_row::StageRow;

use crate::error::{Error, Result};
use crate::interchange::read::Place;
use read::Staged;

/// How many problems an error message lists.
pub const MAX_LISTED: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// The JSON document: imported whole or not at all; problems are named by record.
    Document,
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
        part -> Nullable<Text>,
        error -> Nullable<Text>,
        raw -> Nullable<Text>,
    }
}

pub struct Options {
    pub format: InputFormat,
    /// Load the valid records and return the refused ones instead of failing.
    pub keep_going: bool,
    pub show_progress: bool,
    /// The input's size in bytes, for the progress bar's ETA.
    pub total_bytes: Option<u64>,
}

/// How to name the place of a staged line in messages: "line 7", or for a
/// document the record ("claims[3]") its ordinal stands for.
#[derive(Debug, Default)]
pub struct Places {
    /// (first ordinal, section) for each run of a document's sections.
    sections: Vec<(i64, &'static str)>,
    document: bool,
}

impl Places {
    fn record(&mut self, ordinal: i64, place: Place) {
        if place.index == 0 || self.sections.last().map(|s| s.1) != Some(place.section) {
            self.sections
                .push((ordinal - place.index as i64, place.section));
        }
    }

    pub fn label(&self, line: i64) -> String {
        if !self.document {
            return format!("line {line}");
        }
        match self.sections.iter().rev().find(|(first, _)| *first <= line) {
            Some((first, section)) => format!("{section}[{}]", line - first),
            None => format!("record {line}"),
        }
    }

    /// `message` with each `{at:N}` (written by merge.sql) replaced by N's label.
    pub fn resolve(&self, message: &str) -> String {
        let mut out = String::new();
        let mut rest = message;
        while let Some(start) = rest.find("{at:") {
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            let number = &rest[start + 4..start + len];
            out.push_str(&rest[..start]);
            match number.parse() {
                Ok(line) => out.push_str(&self.label(line)),
                Err(_) => out.push_str(&rest[start..start + len + 1]),
            }
            rest = &rest[start + len + 1..];
        }
        out.push_str(rest);
        out
    }
}

/// Stages `input` and merges it. Runs in the caller's transaction; with refused
/// records and no `keep_going` it fails (exit 2) so the caller rolls back.
pub fn import(
    conn: &mut PgConnection,
    input: impl BufRead,
    input_name: &str,
    opts: &Options,
) -> Result<Outcome> {
    sql_query("SELECT pg_advisory_xact_lock(hashtext('claims import'))").execute(conn)?;
    conn.batch_execute(include_str!("stage.sql"))?;
    let progress = progress_bar(opts);
    let mut places = Places {
        document: opts.format == InputFormat::Document,
        ..Default::default()
    };
    let records = stage(conn, input, input_name, opts, &progress, &mut places)?;
    progress.set_message("merging");
    check(conn, opts)?;
    let refused = outcome::refused(conn, &places, opts.keep_going)?;
    if !opts.keep_going && refused.count > 0 {
        return Err(Error::Invalid(refused.message(input_name, opts.format)));
    }
    let staged = outcome::staged_counts(conn)?;
    let added = insert(conn)?;
    let mut counts = Counts::new(staged, added);
    let differences = if counts.any_existing() {
        outcome::differences(conn, &places, &steps()["differences"])?
    } else {
        Vec::new()
    };
    counts.records = records;
    progress.finish_and_clear();
    Ok(Outcome {
        counts,
        rejected: refused.lines,
        rejected_count: refused.count,
        differences,
    })
}

/// Streams the input into the staging table with one COPY; returns the records read.
fn stage(
    conn: &mut PgConnection,
    input: impl BufRead,
    input_name: &str,
    opts: &Options,
    progress: &ProgressBar,
    places: &mut Places,
) -> Result<i64> {
    // copy_from takes an `Fn` callback: the state it fills lives in cells.
    let input = RefCell::new(Some(input));
    let places = RefCell::new(places);
    let records = Cell::new(0i64);
    let read_failure: RefCell<Option<Error>> = RefCell::new(None);
    let copied = diesel::copy_from(claims_import_stage::table)
        .from_raw_data(claims_import_stage::table, |out| -> QueryResult<()> {
            let io = |e: std::io::Error| diesel::result::Error::SerializationError(Box::new(e));
            let Some(input) = input.borrow_mut().take() else {
                return Ok(());
            };
            // Every write is a COPY message: batch them (one huge write is slow too).
            let buffered = BufWriter::with_capacity(64 * 1024, out);
            let mut csv_out = ::csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(buffered);
            let mut emit = |_line: i64, raw: &str, staged: Staged| -> std::io::Result<()> {
                // A refused record keeps its input with its reason, for --rejects.
                let (Staged::Rows(rows) | Staged::Refused(rows)) = staged;
                for (n, row) in rows.into_iter().enumerate() {
                    let mut fields = row.fields().to_vec();
                    fields.push(if n == 0 && opts.keep_going {
                        raw.to_owned()
                    } else {
                        String::new()
                    });
                    csv_out.write_record(&fields)?;
                }
                Ok(())
            };
            let result = match opts.format {
                InputFormat::Ndjson => read::ndjson(input, progress, &mut emit),
                InputFormat::Csv => read::csv(input, progress, &mut emit),
                InputFormat::Document => read::document(
                    input,
                    input_name,
                    progress,
                    &mut places.borrow_mut(),
                    &mut emit,
                ),
            };
            match result {
                Ok(n) => records.set(n),
                Err(e) => {
                    *read_failure.borrow_mut() = Some(e);
                    return Err(io(std::io::Error::other("the input could not be read")));
                }
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
    Ok(records.get())
}

/// The checks of merge.sql: each marks the rows it refuses, until nothing moves.
fn check(conn: &mut PgConnection, opts: &Options) -> Result<()> {
    let steps = steps();
    let run = |conn: &mut PgConnection, name: &str| run_step(conn, &steps, name);
    run(conn, "index")?;
    run(conn, "check_duplicate_keys")?;
    if opts.format != InputFormat::Csv {
        run(conn, "check_duplicate_records")?;
    }
    run(conn, "check_via_cycles")?;
    loop {
        let before = outcome::refused_rows(conn)?;
        run(conn, "check_references")?;
        run(conn, "refuse_whole_lines")?;
        if outcome::refused_rows(conn)? == before {
            return Ok(());
        }
    }
}

/// The inserts of merge.sql, in dependency order; rows added per table.
fn insert(conn: &mut PgConnection) -> Result<BTreeMap<&'static str, i64>> {
    let steps = steps();
    let run = |conn: &mut PgConnection, name: &str| run_step(conn, &steps, name);
    let mut added = BTreeMap::new();
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
            added.insert(table, n);
        }
    }
    // One pass, and more only for appearances relaying others (via) that a pass
    // could not place yet: a last pass that adds nothing would redo the whole join.
    let relayed = outcome::count(
        conn,
        "SELECT count(*) AS n FROM claims_import_stage
          WHERE rtype = 'appearance' AND ref3 IS NOT NULL AND error IS NULL",
    )?;
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
    added.insert("appearances", appearances);
    for (step, table) in [
        ("insert_claim_tags", "claim_tags"),
        ("insert_links", "claim_links"),
        ("insert_verdicts", "verifications"),
    ] {
        added.insert(table, run(conn, step)? as i64);
    }
    Ok(added)
}

fn run_step(
    conn: &mut PgConnection,
    steps: &BTreeMap<String, String>,
    name: &str,
) -> Result<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_sql_has_every_step_the_import_runs() {
        let steps = steps();
        for name in [
            "index",
            "check_duplicate_keys",
            "check_duplicate_records",
            "check_via_cycles",
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
            "differences",
        ] {
            assert!(steps.contains_key(name), "{name}");
        }
    }

    #[test]
    fn a_document_names_records_by_section_and_index() {
        let mut places = Places {
            document: true,
            ..Default::default()
        };
        for (ordinal, section, index) in [(1, "analysts", 0), (2, "analysts", 1), (3, "claims", 0)]
        {
            places.record(ordinal, Place { section, index });
        }
        assert_eq!(places.label(2), "analysts[1]");
        assert_eq!(places.label(3), "claims[0]");
        assert_eq!(
            places.resolve("as {at:1} (one claim)"),
            "as analysts[0] (one claim)"
        );
    }
}
