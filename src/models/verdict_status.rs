use diesel::prelude::*;

use crate::error::Result;
use crate::schema::verdict_statuses;

text_enum! {
    /// A claim's status: the latest verdict's, or `unverified` (verdict_statuses,
    /// where each has its label and rating). A new status is a row in that table
    /// and a variant here; `tests/cli/schema.rs` checks the two agree.
    pub enum Status {
        Confirmed = "confirmed",
        MostlyTrue = "mostly_true",
        Mixed = "mixed",
        Misleading = "misleading",
        Refuted = "refuted",
        Unverifiable = "unverifiable",
        /// The absence of a verdict: never recorded by one, so not a choice of `verify --status`.
        #[value(skip)]
        Unverified = "unverified",
    }
}

impl Status {
    /// Whether a verdict may record it (verdict_statuses.is_verdict).
    pub fn is_verdict(self) -> bool {
        self != Status::Unverified
    }
}

/// A row of the status vocabulary: its label and ratings live in the database.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = verdict_statuses, primary_key(status), check_for_backend(diesel::pg::Pg))]
pub struct VerdictStatus {
    pub status: Status,
    pub label: String,
    pub rating_value: Option<i32>,
    pub alternate_name: String,
    pub claimskg_rating: String,
    pub is_verdict: bool,
}

impl VerdictStatus {
    /// Every status, in rating order (best first, unrated last).
    pub fn all(conn: &mut PgConnection) -> Result<Vec<VerdictStatus>> {
        Ok(verdict_statuses::table
            .order((
                verdict_statuses::rating_value.desc().nulls_last(),
                verdict_statuses::status,
            ))
            .select(VerdictStatus::as_select())
            .load(conn)?)
    }
}
