use diesel::prelude::*;

use crate::error::Result;
use crate::models::inserted_or_found;
use crate::schema::organizations;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = organizations, check_for_backend(diesel::pg::Pg))]
pub struct Organization {
    pub id: i64,
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = organizations)]
pub struct NewOrganization<'a> {
    pub name: &'a str,
    pub description: Option<&'a str>,
}

impl Organization {
    pub fn find_by_name(conn: &mut PgConnection, name: &str) -> Result<Option<Organization>> {
        Ok(organizations::table
            .filter(organizations::name.eq(name))
            .select(Organization::as_select())
            .first(conn)
            .optional()?)
    }

    /// The organization named `name`, created when missing. Returns it and whether it was created.
    pub fn find_or_create(
        conn: &mut PgConnection,
        new: &NewOrganization<'_>,
    ) -> Result<(Organization, bool)> {
        // Insert first: a concurrent writer creating the same name makes ours a no-op, not an error.
        let inserted = diesel::insert_into(organizations::table)
            .values(new)
            .on_conflict_do_nothing()
            .returning(Organization::as_returning())
            .get_result(conn)
            .optional()?;
        inserted_or_found(inserted, "organization", || {
            Self::find_by_name(conn, new.name)
        })
    }
}
