use diesel::prelude::*;

use crate::error::{Error, Result};
use crate::schema::verdict_statuses;

/// A row of the status vocabulary; the mapping lives in the database, not in code.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = verdict_statuses, primary_key(status), check_for_backend(diesel::pg::Pg))]
pub struct VerdictStatus {
    pub status: String,
    pub label: String,
    pub rating_value: Option<i32>,
    pub alternate_name: String,
    pub claimskg_rating: String,
    pub is_verdict: bool,
}

impl VerdictStatus {
    /// The statuses a verdict may record, in rating order.
    pub fn verdicts(conn: &mut PgConnection) -> Result<Vec<VerdictStatus>> {
        Ok(verdict_statuses::table
            .filter(verdict_statuses::is_verdict)
            .order((
                verdict_statuses::rating_value.desc().nulls_last(),
                verdict_statuses::status,
            ))
            .select(VerdictStatus::as_select())
            .load(conn)?)
    }

    /// `status` if a verdict may record it; else exit 2 listing the valid ones.
    pub fn check_verdict(conn: &mut PgConnection, status: &str) -> Result<VerdictStatus> {
        let all = Self::verdicts(conn)?;
        let names: Vec<&str> = all.iter().map(|s| s.status.as_str()).collect();
        let list = names.join(", ");
        all.iter()
            .find(|s| s.status == status)
            .cloned()
            .ok_or_else(|| {
                Error::invalid(format!(
                    "--status: unknown status '{status}'; use one of: {list}"
                ))
            })
    }
}
