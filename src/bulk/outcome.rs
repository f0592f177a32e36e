//! What an import did, read back from the staging table: what was refused and
//! why, what was added and what was there already, and the stored records
//! that differ from the input.

use std::collections::BTreeMap;

use diesel::prelude::*;
use diesel::sql_query;
use diesel::sql_types::{BigInt, Nullable, Text};
use serde::Serialize;

use super::{InputFormat, Places, MAX_LISTED};
use crate::error::Result;

/// A refused input line (or document record).
#[derive(Debug, Clone, Serialize)]
pub struct Rejected {
    pub line: i64,
    pub reason: String,
    /// The line as read (kept only with --rejects).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
}

/// Rows per table: what the input held, and what the import added.
#[derive(Debug, Default)]
pub struct Counts {
    /// Records read (NDJSON lines, CSV rows, document records).
    pub records: i64,
    pub added: BTreeMap<&'static str, i64>,
    /// Staged rows per table (one per record or nested part).
    pub rows: BTreeMap<&'static str, i64>,
    /// Distinct records per table (a name or key given twice counts once).
    pub distinct: BTreeMap<&'static str, i64>,
}

impl Counts {
    pub(super) fn new(
        staged: Vec<(&'static str, i64, i64)>,
        added: BTreeMap<&'static str, i64>,
    ) -> Counts {
        let mut counts = Counts {
            added,
            ..Default::default()
        };
        for (table, rows, distinct) in staged {
            counts.rows.insert(table, rows);
            counts.distinct.insert(table, distinct);
        }
        counts
    }

    pub fn added(&self, table: &str) -> i64 {
        self.added.get(table).copied().unwrap_or(0)
    }

    /// Distinct records of the input that were in the database already.
    pub fn existing(&self, table: &str) -> i64 {
        (self.distinct.get(table).copied().unwrap_or(0) - self.added(table)).max(0)
    }

    pub(super) fn any_existing(&self) -> bool {
        self.distinct.keys().any(|t| self.existing(t) > 0)
    }
}

/// A stored record matched by natural key whose field differs from the input:
/// the stored value is kept.
#[derive(Debug, Clone)]
pub struct Difference {
    /// "line 7" or "claims[3]", with the part of the record ("appearances[0]").
    pub place: String,
    /// The stored row: "analyst 4".
    pub what: String,
    pub field: String,
    pub stored: Option<String>,
    pub given: Option<String>,
}

impl Difference {
    /// "claims[0]: kept claim 1 as stored: kind is assessment there, fact in the document".
    pub fn describe(&self, input_noun: &str) -> String {
        format!(
            "{}: kept {} as stored: {} is {} there, {} in the {input_noun}",
            self.place,
            self.what,
            self.field,
            self.stored.as_deref().unwrap_or("empty"),
            self.given.as_deref().unwrap_or("empty"),
        )
    }
}

/// Everything an import reports.
#[derive(Debug, Default)]
pub struct Outcome {
    pub counts: Counts,
    /// Refused lines, each with its first reason (all of them with keep_going).
    pub rejected: Vec<Rejected>,
    pub rejected_count: i64,
    pub differences: Vec<Difference>,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

pub(super) fn count(conn: &mut PgConnection, sql: &str) -> Result<i64> {
    Ok(sql_query(sql).get_result::<Count>(conn)?.n)
}

pub(super) fn refused_rows(conn: &mut PgConnection) -> Result<i64> {
    count(
        conn,
        "SELECT count(*) AS n FROM claims_import_stage WHERE error IS NOT NULL",
    )
}

/// What the checks refused.
pub(super) struct Refused {
    /// Refused lines (records).
    pub count: i64,
    /// Each refused line with its first reason, problems before knock-ons.
    pub lines: Vec<Rejected>,
    /// The problems themselves, knock-ons left out: (place, reason).
    problems: Vec<(String, String)>,
    problem_count: i64,
    /// Records refused only because of another's problem.
    knock_on_count: i64,
}

impl Refused {
    /// The message of an import refused as a whole.
    pub fn message(&self, input_name: &str, format: InputFormat) -> String {
        let (mut msg, listed, total): (String, Vec<(String, String)>, i64) = match format {
            // A document has no lines: it names each problem by its record.
            InputFormat::Document => (
                format!(
                    "{input_name}: {} problem(s), nothing was imported:",
                    self.problem_count
                ),
                self.problems.clone(),
                self.problem_count,
            ),
            InputFormat::Ndjson | InputFormat::Csv => (
                format!(
                    "{input_name}: {} line(s) refused, nothing was imported (--rejects FILE loads the valid lines and lists the others):",
                    self.count
                ),
                self.lines
                    .iter()
                    .map(|r| (format!("line {}", r.line), r.reason.clone()))
                    .collect(),
                self.count,
            ),
        };
        for (place, reason) in &listed {
            msg.push_str(&format!("\n  {place}: {reason}"));
        }
        if total as usize > listed.len() {
            msg.push_str(&format!("\n  … and {} more", total as usize - listed.len()));
        }
        if format == InputFormat::Document && self.knock_on_count > 0 {
            msg.push_str(&format!(
                "\n  ({} more record(s) refer to these and were refused with them)",
                self.knock_on_count
            ));
        }
        msg
    }
}

pub(super) fn refused(conn: &mut PgConnection, places: &Places, all: bool) -> Result<Refused> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = BigInt)]
        line: i64,
        #[diesel(sql_type = Text)]
        reason: String,
        #[diesel(sql_type = Nullable<Text>)]
        raw: Option<String>,
    }
    let limit = if all { i64::MAX } else { MAX_LISTED as i64 };
    let lines: Vec<Row> = sql_query(
        "SELECT line, reason,
                (SELECT r.raw FROM claims_import_stage r
                  WHERE r.line = first.line AND r.raw IS NOT NULL LIMIT 1) AS raw
           FROM (SELECT DISTINCT ON (line) line, coalesce(part || ': ', '') || error AS reason
                   FROM claims_import_stage WHERE error IS NOT NULL
                  ORDER BY line, knock_on, error) first
          ORDER BY line LIMIT $1",
    )
    .bind::<BigInt, _>(limit)
    .load(conn)?;
    let problems: Vec<Row> = sql_query(
        "SELECT DISTINCT line, coalesce(part || ': ', '') || error AS reason, NULL::text AS raw,
                coalesce(part, '') AS part
           FROM claims_import_stage WHERE error IS NOT NULL AND NOT knock_on
          ORDER BY line, part, reason LIMIT $1",
    )
    .bind::<BigInt, _>(MAX_LISTED as i64)
    .load(conn)?;
    Ok(Refused {
        count: count(
            conn,
            "SELECT count(DISTINCT line) AS n FROM claims_import_stage WHERE error IS NOT NULL",
        )?,
        lines: lines
            .into_iter()
            .map(|r| Rejected {
                line: r.line,
                reason: places.resolve(&r.reason),
                input: if all { r.raw } else { None },
            })
            .collect(),
        problems: problems
            .into_iter()
            .map(|r| (places.label(r.line), places.resolve(&r.reason)))
            .collect(),
        problem_count: count(
            conn,
            "SELECT count(*) AS n FROM (SELECT DISTINCT line, part, error FROM claims_import_stage
                                         WHERE error IS NOT NULL AND NOT knock_on) p",
        )?,
        knock_on_count: count(
            conn,
            "SELECT count(DISTINCT line) AS n FROM claims_import_stage s
              WHERE error IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM claims_import_stage p
                     WHERE p.line = s.line AND p.error IS NOT NULL AND NOT p.knock_on)",
        )?,
    })
}

/// Per table: staged rows, and distinct records (by name or key), of the rows
/// not refused.
pub(super) fn staged_counts(conn: &mut PgConnection) -> Result<Vec<(&'static str, i64, i64)>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = Text)]
        rtype: String,
        #[diesel(sql_type = BigInt)]
        rows: i64,
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let rows: Vec<Row> = sql_query(
        "SELECT rtype, count(*) AS rows,
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
                "tag" => "tags",
                "claim" => "claims",
                "appearance" => "appearances",
                "claim_tag" => "claim_tags",
                "link" => "claim_links",
                "verdict" => "verifications",
                _ => return None,
            };
            Some((table, r.rows, r.n))
        })
        .collect())
}

/// The `differences` step of merge.sql, with places named.
pub(super) fn differences(
    conn: &mut PgConnection,
    places: &Places,
    sql: &str,
) -> Result<Vec<Difference>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = BigInt)]
        line: i64,
        #[diesel(sql_type = Nullable<Text>)]
        part: Option<String>,
        #[diesel(sql_type = Text)]
        what: String,
        #[diesel(sql_type = Text)]
        field: String,
        #[diesel(sql_type = Nullable<Text>)]
        stored: Option<String>,
        #[diesel(sql_type = Nullable<Text>)]
        given: Option<String>,
    }
    let rows: Vec<Row> = sql_query(sql).load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| Difference {
            place: match &r.part {
                Some(part) => format!("{}: {part}", places.label(r.line)),
                None => places.label(r.line),
            },
            what: r.what,
            field: r.field,
            stored: r.stored,
            given: r.given,
        })
        .collect())
}
