use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::error::Result;
use crate::models::Status;
use crate::schema::verifications;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = verifications, check_for_backend(diesel::pg::Pg))]
pub struct Verification {
    pub id: i64,
    pub claim_id: i64,
    pub status: Status,
    pub evidence_source_id: Option<i64>,
    pub note: Option<String>,
    pub recorded_by_analyst_id: Option<i64>,
    pub effective_at: DateTime<Utc>,
    pub recorded_at: DateTime<Utc>,
}

/// `recorded_at` None means now (the column default).
#[derive(Debug, Insertable)]
#[diesel(table_name = verifications)]
pub struct NewVerification<'a> {
    pub claim_id: i64,
    pub status: Status,
    pub evidence_source_id: Option<i64>,
    pub note: Option<&'a str>,
    pub recorded_by_analyst_id: Option<i64>,
    pub effective_at: DateTime<Utc>,
    pub recorded_at: Option<DateTime<Utc>>,
}

impl Verification {
    pub fn insert(conn: &mut PgConnection, new: &NewVerification<'_>) -> Result<Verification> {
        Ok(diesel::insert_into(verifications::table)
            .values(new)
            .returning(Verification::as_returning())
            .get_result(conn)?)
    }
}
