use chrono::NaiveDate;
use diesel::prelude::*;

use crate::error::{Error, Result};
use crate::models::organization::{NewOrganization, Organization};
use crate::models::{inserted_or_found, parse_id};
use crate::schema::{affiliations, analysts, organizations};

text_enum! {
    /// Who an analyst is (analysts.kind).
    pub enum AnalystKind {
        Person = "person",
        Organization = "organization",
        Group = "group",
        Unattributed = "unattributed",
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = analysts, check_for_backend(diesel::pg::Pg))]
pub struct Analyst {
    pub id: i64,
    pub name: String,
    pub kind: AnalystKind,
    pub description: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = analysts)]
pub struct NewAnalyst<'a> {
    pub name: &'a str,
    pub kind: AnalystKind,
    pub description: Option<&'a str>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = affiliations)]
pub struct NewAffiliation<'a> {
    pub analyst_id: i64,
    pub organization_id: i64,
    pub title: Option<&'a str>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
}

/// An affiliation with its organization's name, for display and export.
#[derive(Debug, Clone, Queryable)]
pub struct AffiliationRow {
    pub analyst_id: i64,
    pub organization: String,
    pub title: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
}

#[derive(AsChangeset)]
#[diesel(table_name = analysts)]
pub struct AnalystChanges<'a> {
    pub name: Option<&'a str>,
    pub kind: Option<AnalystKind>,
    pub description: Option<Option<&'a str>>,
}

impl Analyst {
    pub fn find(conn: &mut PgConnection, id: i64) -> Result<Option<Analyst>> {
        Ok(analysts::table
            .find(id)
            .select(Analyst::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn find_by_name(conn: &mut PgConnection, name: &str) -> Result<Option<Analyst>> {
        Ok(analysts::table
            .filter(analysts::name.eq(name))
            .select(Analyst::as_select())
            .first(conn)
            .optional()?)
    }

    /// An existing analyst by id or exact name; unknown → NotFound at `place`
    /// (the flag or field the reference came from).
    pub fn resolve(conn: &mut PgConnection, reference: &str, place: &str) -> Result<Analyst> {
        let id = parse_id(reference, place)?;
        let found = match id {
            Some(id) => Self::find(conn, id)?,
            None => Self::find_by_name(conn, reference.trim())?,
        };
        found.ok_or_else(|| {
            let key = if id.is_some() { "id" } else { "name" };
            Error::NotFound {
                what: "analyst",
                reference: format!("with {key} '{reference}'"),
                hint: "list them with: claims db psql -- -c 'select id, name from analysts'",
            }
            .at(place)
        })
    }

    /// By id (must exist) or by name (created as a person when new). Returns whether it was created.
    pub fn resolve_or_create(
        conn: &mut PgConnection,
        reference: &str,
        flag: &str,
    ) -> Result<(Analyst, bool)> {
        if parse_id(reference, flag)?.is_some() {
            return Ok((Self::resolve(conn, reference, flag)?, false));
        }
        let name = reference.trim();
        if name.is_empty() {
            return Err(Error::Empty {
                field: "analyst name",
                hint: "",
                flags: None,
            }
            .at(flag));
        }
        Self::find_or_create(
            conn,
            &NewAnalyst {
                name,
                kind: AnalystKind::Person,
                description: None,
            },
        )
    }

    /// The analyst with this name, created when missing; returns whether it is new.
    pub fn find_or_create(
        conn: &mut PgConnection,
        new: &NewAnalyst<'_>,
    ) -> Result<(Analyst, bool)> {
        let inserted = diesel::insert_into(analysts::table)
            .values(new)
            .on_conflict_do_nothing()
            .returning(Analyst::as_returning())
            .get_result(conn)
            .optional()?;
        inserted_or_found(inserted, "analyst", || Self::find_by_name(conn, new.name))
    }

    pub fn insert(conn: &mut PgConnection, new: &NewAnalyst<'_>) -> Result<Analyst> {
        Ok(diesel::insert_into(analysts::table)
            .values(new)
            .returning(Analyst::as_returning())
            .get_result(conn)?)
    }

    /// Adds an affiliation unless the same one is recorded. Returns whether the organization was created.
    pub fn affiliate(
        conn: &mut PgConnection,
        analyst_id: i64,
        organization: &str,
        title: Option<&str>,
        valid_from: Option<NaiveDate>,
        valid_until: Option<NaiveDate>,
    ) -> Result<bool> {
        let (org, created) = Organization::find_or_create(
            conn,
            &NewOrganization {
                name: organization,
                description: None,
            },
        )?;
        diesel::insert_into(affiliations::table)
            .values(&NewAffiliation {
                analyst_id,
                organization_id: org.id,
                title,
                valid_from,
                valid_until,
            })
            .on_conflict_do_nothing()
            .execute(conn)?;
        Ok(created)
    }

    pub fn affiliations(
        conn: &mut PgConnection,
        analyst_ids: &[i64],
    ) -> Result<Vec<AffiliationRow>> {
        Ok(affiliations::table
            .inner_join(organizations::table)
            .filter(affiliations::analyst_id.eq_any(analyst_ids))
            .order((
                affiliations::analyst_id,
                organizations::name,
                affiliations::title,
                affiliations::valid_from,
            ))
            .select((
                affiliations::analyst_id,
                organizations::name,
                affiliations::title,
                affiliations::valid_from,
                affiliations::valid_until,
            ))
            .load(conn)?)
    }

    /// Applies `changes` (the audit trigger keeps the old values).
    pub fn update(conn: &mut PgConnection, id: i64, changes: &AnalystChanges<'_>) -> Result<()> {
        diesel::update(analysts::table.find(id))
            .set(changes)
            .execute(conn)?;
        Ok(())
    }
}

/// "President, Scarab Rising, Inc." → (Some("President"), "Scarab Rising, Inc."):
/// the title is what precedes the first comma; no comma means no title.
pub fn parse_affiliation(text: &str) -> Result<(Option<&str>, &str)> {
    let (title, org) = match text.split_once(',') {
        Some((t, o)) => (Some(t.trim()).filter(|t| !t.is_empty()), o.trim()),
        None => (None, text.trim()),
    };
    if org.is_empty() {
        return Err(Error::invalid(format!(
            "--affiliation '{text}': no organization; write \"TITLE, ORGANIZATION\" or \"ORGANIZATION\""
        )));
    }
    Ok((title, org))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affiliation_splits_at_the_first_comma() {
        assert_eq!(
            parse_affiliation("President, Scarab Rising, Inc.").unwrap(),
            (Some("President"), "Scarab Rising, Inc.")
        );
        assert_eq!(parse_affiliation("NATO").unwrap(), (None, "NATO"));
        assert!(parse_affiliation("President, ").is_err());
    }
}
