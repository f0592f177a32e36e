//! One row of the staging table (stage.sql): every input format becomes these.

use chrono::{DateTime, NaiveDate, Utc};

/// One row of `claims_import_stage`; which columns mean what depends on `rtype`
/// (see stage.sql).
#[derive(Debug, Default, Clone)]
pub struct StageRow {
    pub line: i64,
    pub rtype: &'static str,
    pub key: Option<String>,
    pub ref1: Option<String>,
    pub ref2: Option<String>,
    pub ref3: Option<String>,
    pub name: Option<String>,
    pub kind: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published_on: Option<NaiveDate>,
    pub retrieved_at: Option<DateTime<Utc>>,
    pub archived_url: Option<String>,
    pub statement: Option<String>,
    pub made_at: Option<NaiveDate>,
    pub expected_by: Option<NaiveDate>,
    pub probability: Option<f64>,
    pub hedge: Option<String>,
    pub quote: Option<String>,
    pub attribution: Option<String>,
    pub relation: Option<String>,
    pub status: Option<String>,
    pub effective_at: Option<DateTime<Utc>>,
    pub recorded_at: Option<DateTime<Utc>>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    /// Where in its record the row comes from ("appearances[1]"), for messages.
    pub part: Option<String>,
    /// Set on the rows of a record refused before staging, so the merge knows
    /// its keys were given (what points at them is refused as a consequence).
    pub error: Option<String>,
}

impl StageRow {
    pub fn new(line: i64, rtype: &'static str) -> StageRow {
        StageRow {
            line,
            rtype,
            ..Default::default()
        }
    }

    /// The row as a CSV record for COPY (empty = NULL), in the column order of
    /// `claims_import_stage` in bulk/mod.rs, without `raw`.
    pub fn fields(&self) -> [String; 31] {
        fn s(v: &Option<String>) -> String {
            v.clone().unwrap_or_default()
        }
        fn d(v: &Option<NaiveDate>) -> String {
            v.map(|d| d.to_string()).unwrap_or_default()
        }
        fn t(v: &Option<DateTime<Utc>>) -> String {
            v.map(|t| t.to_rfc3339()).unwrap_or_default()
        }
        [
            self.line.to_string(),
            self.rtype.to_owned(),
            s(&self.key),
            s(&self.ref1),
            s(&self.ref2),
            s(&self.ref3),
            s(&self.name),
            s(&self.kind),
            s(&self.description),
            s(&self.url),
            s(&self.title),
            s(&self.publisher),
            s(&self.author),
            d(&self.published_on),
            t(&self.retrieved_at),
            s(&self.archived_url),
            s(&self.statement),
            d(&self.made_at),
            d(&self.expected_by),
            self.probability.map(|p| p.to_string()).unwrap_or_default(),
            s(&self.hedge),
            s(&self.quote),
            s(&self.attribution),
            s(&self.relation),
            s(&self.status),
            t(&self.effective_at),
            t(&self.recorded_at),
            d(&self.valid_from),
            d(&self.valid_until),
            s(&self.part),
            s(&self.error),
        ]
    }
}
