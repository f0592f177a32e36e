//! The claims a report counts (scope.sql), and its parameters bound once.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::pg::Pg;
use diesel::query_builder::{BoxedSqlQuery, SqlQuery};
use diesel::sql_query;
use diesel::sql_types::{BigInt, Date, Nullable, Timestamptz};

/// Which claims a report counts, and with which status.
#[derive(Debug, Clone, Default)]
pub struct ReportScope {
    /// Only claims made on or after / on or before these days.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// What was known then: the status as of this moment, claims made after left out.
    pub as_of: Option<DateTime<Utc>>,
    /// Only one analyst's claims.
    pub analyst_id: Option<i64>,
    pub include_retracted: bool,
}

const SCOPE: &str = include_str!("scope.sql");

impl ReportScope {
    /// `template` with its scope CTE: MATERIALIZED with --as-of, so
    /// claim_status_as_of() runs once per claim; inlined otherwise, so the planner
    /// can read the claims indexes.
    fn sql(&self, template: &str) -> String {
        let status = match self.as_of {
            Some(_) => "claim_status_as_of(c.id, $3)",
            None => "c.status",
        };
        let retracted = match (self.include_retracted, self.as_of) {
            (true, _) => "true",
            (false, None) => "c.retracted_at IS NULL",
            (false, Some(_)) => "(c.retracted_at IS NULL OR c.retracted_at > $3::timestamptz)",
        };
        let scope = SCOPE
            .replace("{status}", status)
            .replace("{retracted}", retracted);
        let materialized = if self.as_of.is_some() {
            "MATERIALIZED"
        } else {
            "NOT MATERIALIZED"
        };
        template
            .replace("{materialized}", materialized)
            .replace("{scope}", &scope)
    }

    /// A report query with the scope bound as $1 since, $2 until, $3 as-of and
    /// $4 analyst; the report binds its own parameters from $5 on.
    pub fn query(&self, template: &str) -> BoxedSqlQuery<'static, Pg, SqlQuery> {
        sql_query(self.sql(template))
            .into_boxed()
            .bind::<Nullable<Date>, _>(self.since)
            .bind::<Nullable<Date>, _>(self.until)
            .bind::<Nullable<Timestamptz>, _>(self.as_of)
            .bind::<Nullable<BigInt>, _>(self.analyst_id)
    }
}
