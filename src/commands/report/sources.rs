//! `claims report sources`: which outlets carry claims that fail.

use diesel::prelude::*;
use diesel::sql_query;
use diesel::sql_types::{BigInt, Date, Double, Nullable, Text, Timestamptz};
use serde::Serialize;

use super::analysts::with_scope;
use super::Window;
use crate::connection::{read_snapshot, Target};
use crate::error::Result;
use crate::output::{print, Rows};

#[derive(Debug, Serialize, QueryableByName)]
struct SourceRow {
    #[diesel(sql_type = Text)]
    publisher: String,
    #[diesel(sql_type = BigInt)]
    sources: i64,
    #[diesel(sql_type = BigInt)]
    claims: i64,
    #[diesel(sql_type = BigInt)]
    refuted: i64,
    #[diesel(sql_type = BigInt)]
    unverified: i64,
    #[diesel(sql_type = Double)]
    share_refuted: f64,
    #[diesel(sql_type = Double)]
    share_unverified: f64,
}

pub fn run(window: &Window, target: &Target) -> Result<()> {
    let text = with_scope(include_str!("sources.sql"), window);
    let mut conn = target.connect()?;
    let rows: Vec<SourceRow> = read_snapshot(&mut conn, |conn| {
        Ok(sql_query(text)
            .bind::<Nullable<Date>, _>(window.since)
            .bind::<Nullable<Date>, _>(window.until)
            .bind::<Nullable<Timestamptz>, _>(window.as_of)
            .bind::<Nullable<BigInt>, _>(None::<i64>)
            .bind::<Nullable<BigInt>, _>(window.limit)
            .load(conn)?)
    })?;
    print(window.format, &rows, || Rows {
        headers: vec![
            "publisher",
            "sources",
            "claims",
            "refuted",
            "unverified",
            "share_refuted",
            "share_unverified",
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.publisher.clone(),
                    r.sources.to_string(),
                    r.claims.to_string(),
                    r.refuted.to_string(),
                    r.unverified.to_string(),
                    format!("{:.3}", r.share_refuted),
                    format!("{:.3}", r.share_unverified),
                ]
            })
            .collect(),
    })
}
