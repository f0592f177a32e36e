//! Claims with no verdict (`report --unverified`, oldest first) and predictions
//! past their deadline (`report --overdue`, most overdue first).

use chrono::NaiveDate;
use diesel::dsl::{exists, sql};
use diesel::prelude::*;
use diesel::sql_types::{Bool, Timestamptz};
use serde::Serialize;

use super::claim_object::{self, ClaimObject};
use super::scope::ReportScope;
use crate::error::Result;
use crate::models::{Claim, ClaimKind, Status};
use crate::output::opt;
use crate::schema::{appearances, claim_tags, claims};

/// Which open claims: the report scope, and the list's own filters (ids of
/// rows the caller resolved).
#[derive(Debug, Default)]
pub struct OpenClaimsFilter {
    pub scope: ReportScope,
    /// Overdue predictions instead of unverified claims (--since/--until then
    /// bound the deadline).
    pub overdue: bool,
    pub kind: Option<ClaimKind>,
    pub tag_id: Option<i64>,
    pub source_id: Option<i64>,
    pub limit: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct OpenClaim {
    #[serde(flatten)]
    pub claim: ClaimObject,
    /// Days since the claim was made (None when made_at is unknown).
    pub age_days: Option<i64>,
    /// Days until expected_by; negative when overdue.
    pub days_left: Option<i64>,
    /// --overdue only: days since expected_by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_overdue: Option<i64>,
}

/// `report --unverified` as a table or CSV row.
#[derive(Debug, Serialize, Default)]
pub struct UnverifiedRow<'a> {
    id: i64,
    kind: &'a str,
    analyst: &'a str,
    statement: &'a str,
    made_at: String,
    age_days: String,
    expected_by: String,
    days_left: String,
    first_source: &'a str,
}

impl<'a> From<&'a OpenClaim> for UnverifiedRow<'a> {
    fn from(r: &'a OpenClaim) -> Self {
        let c = &r.claim;
        UnverifiedRow {
            id: c.id,
            kind: c.kind.as_str(),
            analyst: &c.analyst.name,
            statement: &c.statement,
            made_at: opt(&c.made_at),
            age_days: opt(&r.age_days),
            expected_by: opt(&c.expected_by),
            days_left: opt(&r.days_left),
            first_source: c.first_source().map_or("", |s| s.title.as_str()),
        }
    }
}

/// `report --overdue` as a table or CSV row.
#[derive(Debug, Serialize, Default)]
pub struct OverdueRow<'a> {
    id: i64,
    analyst: &'a str,
    statement: &'a str,
    expected_by: String,
    days_overdue: String,
    first_source: &'a str,
}

impl<'a> From<&'a OpenClaim> for OverdueRow<'a> {
    fn from(r: &'a OpenClaim) -> Self {
        let c = &r.claim;
        OverdueRow {
            id: c.id,
            analyst: &c.analyst.name,
            statement: &c.statement,
            expected_by: opt(&c.expected_by),
            days_overdue: opt(&r.days_overdue),
            first_source: c.first_source().map_or("", |s| s.title.as_str()),
        }
    }
}

/// The open claims, with ages and deadlines counted to `today`.
pub fn open_claims(
    conn: &mut PgConnection,
    filter: &OpenClaimsFilter,
    today: NaiveDate,
) -> Result<Vec<OpenClaim>> {
    let claims = select(conn, filter, today)?;
    let objects = claim_object::load(conn, claims)?;
    Ok(objects
        .into_iter()
        .map(|mut claim| {
            if filter.scope.as_of.is_some() {
                // Open then, whatever it is now.
                claim.status = Status::Unverified;
                claim.status_label = "Unverified".into();
            }
            let days_left = claim.expected_by.map(|d| (d - today).num_days());
            OpenClaim {
                age_days: claim.made_at.map(|d| (today - d).num_days()),
                days_left,
                days_overdue: days_left.filter(|_| filter.overdue).map(|d| -d),
                claim,
            }
        })
        .collect())
}

fn select(conn: &mut PgConnection, f: &OpenClaimsFilter, today: NaiveDate) -> Result<Vec<Claim>> {
    let scope = &f.scope;
    let mut query = claims::table.select(Claim::as_select()).into_boxed();
    query = match scope.as_of {
        None => query.filter(claims::status.eq(Status::Unverified)),
        // Set-based: no verdict known by then (not a function call per claim).
        Some(at) => query
            .filter(
                sql::<Bool>(
                    "NOT EXISTS (SELECT 1 FROM verifications v WHERE v.claim_id = claims.id \
                     AND v.effective_at <= ",
                )
                .bind::<Timestamptz, _>(at)
                .sql(" AND v.recorded_at <= ")
                .bind::<Timestamptz, _>(at)
                .sql(")"),
            )
            // A claim made after the day did not exist yet.
            .filter(
                claims::made_at
                    .is_null()
                    .or(claims::made_at.le(at.date_naive())),
            ),
    };
    if f.overdue {
        query = query
            .filter(claims::kind.eq(ClaimKind::Prediction))
            .filter(claims::expected_by.lt(today))
            .order((claims::expected_by.asc(), claims::id.asc()));
        if let Some(s) = scope.since {
            query = query.filter(claims::expected_by.ge(s));
        }
        if let Some(u) = scope.until {
            query = query.filter(claims::expected_by.le(u));
        }
    } else {
        query = query.order((claims::made_at.asc().nulls_last(), claims::id.asc()));
        if let Some(s) = scope.since {
            query = query.filter(claims::made_at.ge(s));
        }
        if let Some(u) = scope.until {
            query = query.filter(claims::made_at.le(u));
        }
    }
    if !scope.include_retracted {
        query = match scope.as_of {
            None => query.filter(claims::retracted_at.is_null()),
            // Retracted later: it stood then.
            Some(at) => query.filter(
                claims::retracted_at
                    .is_null()
                    .or(claims::retracted_at.gt(at)),
            ),
        };
    }
    if let Some(id) = scope.analyst_id {
        query = query.filter(claims::analyst_id.eq(id));
    }
    if let Some(k) = f.kind {
        query = query.filter(claims::kind.eq(k));
    }
    if let Some(tag_id) = f.tag_id {
        let tagged = claim_tags::table
            .filter(claim_tags::claim_id.eq(claims::id))
            .filter(claim_tags::tag_id.eq(tag_id));
        query = query.filter(exists(tagged));
    }
    if let Some(source_id) = f.source_id {
        let appears = appearances::table
            .filter(appearances::claim_id.eq(claims::id))
            .filter(appearances::source_id.eq(source_id));
        query = query.filter(exists(appears));
    }
    if let Some(n) = f.limit {
        query = query.limit(n);
    }
    Ok(query.load(conn)?)
}
