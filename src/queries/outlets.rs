//! Which outlets carry claims that fail (outlets.sql): per publisher, the
//! claims in scope it carried and their fate.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Double, Nullable, Text};
use serde::Serialize;

use super::scope::ReportScope;
use crate::error::Result;

#[derive(Debug, Serialize, QueryableByName)]
pub struct Outlet {
    #[diesel(sql_type = Text)]
    pub publisher: String,
    #[diesel(sql_type = BigInt)]
    pub sources: i64,
    #[diesel(sql_type = BigInt)]
    pub claims: i64,
    #[diesel(sql_type = BigInt)]
    pub refuted: i64,
    #[diesel(sql_type = BigInt)]
    pub unverified: i64,
    #[diesel(sql_type = Double)]
    pub share_refuted: f64,
    #[diesel(sql_type = Double)]
    pub share_unverified: f64,
}

/// An outlet as a table or CSV row: shares to three decimals.
#[derive(Debug, Serialize, Default)]
pub struct OutletRow<'a> {
    publisher: &'a str,
    sources: i64,
    claims: i64,
    refuted: i64,
    unverified: i64,
    share_refuted: String,
    share_unverified: String,
}

impl<'a> From<&'a Outlet> for OutletRow<'a> {
    fn from(o: &'a Outlet) -> Self {
        OutletRow {
            publisher: &o.publisher,
            sources: o.sources,
            claims: o.claims,
            refuted: o.refuted,
            unverified: o.unverified,
            share_refuted: format!("{:.3}", o.share_refuted),
            share_unverified: format!("{:.3}", o.share_unverified),
        }
    }
}

pub fn outlets(
    conn: &mut PgConnection,
    scope: &ReportScope,
    limit: Option<i64>,
) -> Result<Vec<Outlet>> {
    Ok(scope
        .query(include_str!("outlets.sql"))
        .bind::<Nullable<BigInt>, _>(limit)
        .load(conn)?)
}
