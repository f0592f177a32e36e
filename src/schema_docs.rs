//! `claims db docs`: docs/schema.md written from the live catalog, so the
//! documentation analysts read is the COMMENT ON text the database holds.
//! A test regenerates it and fails when the checked-in file differs.

use std::collections::BTreeMap;
use std::fmt::{self, Write};

use diesel::prelude::*;
use diesel::sql_query;
use diesel::sql_types::{Bool, Integer, Nullable, Text};

use crate::error::Result;

#[derive(QueryableByName)]
struct Relation {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Nullable<Text>)]
    comment: Option<String>,
}

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    relation: String,
    #[diesel(sql_type = Integer)]
    position: i32,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Bool)]
    not_null: bool,
    #[diesel(sql_type = Nullable<Text>)]
    default_value: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    comment: Option<String>,
}

#[derive(QueryableByName)]
struct Constraint {
    #[diesel(sql_type = Text)]
    relation: String,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Text)]
    definition: String,
    #[diesel(sql_type = Nullable<Text>)]
    references: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    columns: Option<String>,
    #[diesel(sql_type = Bool)]
    nullable: bool,
}

#[derive(QueryableByName)]
struct Named {
    #[diesel(sql_type = Text)]
    relation: String,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    definition: String,
}

#[derive(QueryableByName)]
struct Function {
    #[diesel(sql_type = Text)]
    signature: String,
    #[diesel(sql_type = Nullable<Text>)]
    comment: Option<String>,
}

const SKIP: &str = "__diesel_schema_migrations";

/// Everything the document shows, read from the catalog.
struct Catalog {
    relations: Vec<Relation>,
    columns: Vec<Column>,
    constraints: Vec<Constraint>,
    indexes: Vec<Named>,
    triggers: Vec<Named>,
    functions: Vec<Function>,
    /// (role, privilege, relations) of claims_reader and claims_writer.
    grants: Vec<Named>,
    /// The two roles with their comments.
    roles: Vec<Function>,
}

/// One relation's columns, constraints, indexes and triggers, by relation name.
struct ByRelation<'a> {
    columns: BTreeMap<&'a str, Vec<&'a Column>>,
    constraints: BTreeMap<&'a str, Vec<&'a Constraint>>,
    indexes: BTreeMap<&'a str, Vec<&'a Named>>,
    triggers: BTreeMap<&'a str, Vec<&'a Named>>,
}

fn group<'a, T>(rows: &'a [T], key: impl Fn(&'a T) -> &'a str) -> BTreeMap<&'a str, Vec<&'a T>> {
    let mut map: BTreeMap<&str, Vec<&T>> = BTreeMap::new();
    for r in rows {
        map.entry(key(r)).or_default().push(r);
    }
    map
}

/// The whole document, deterministic for a given schema.
pub fn generate(conn: &mut PgConnection) -> Result<String> {
    let catalog = Catalog::read(conn)?;
    let mut out = String::new();
    catalog
        .write(&mut out)
        .map_err(|e| anyhow::anyhow!("cannot write the schema document: {e}"))?;
    Ok(out)
}

impl Catalog {
    fn read(conn: &mut PgConnection) -> Result<Catalog> {
        Ok(Catalog {
            relations: sql_query(include_str!("schema_docs/relations.sql"))
                .bind::<Text, _>(SKIP)
                .load(conn)?,
            columns: sql_query(include_str!("schema_docs/columns.sql"))
                .bind::<Text, _>(SKIP)
                .load(conn)?,
            constraints: sql_query(include_str!("schema_docs/constraints.sql"))
                .bind::<Text, _>(SKIP)
                .load(conn)?,
            indexes: sql_query(include_str!("schema_docs/indexes.sql"))
                .bind::<Text, _>(SKIP)
                .load(conn)?,
            triggers: sql_query(include_str!("schema_docs/triggers.sql")).load(conn)?,
            functions: sql_query(include_str!("schema_docs/functions.sql")).load(conn)?,
            grants: sql_query(include_str!("schema_docs/grants.sql")).load(conn)?,
            roles: sql_query(include_str!("schema_docs/roles.sql")).load(conn)?,
        })
    }

    fn by_relation(&self) -> ByRelation<'_> {
        ByRelation {
            columns: group(&self.columns, |c| c.relation.as_str()),
            constraints: group(&self.constraints, |c| c.relation.as_str()),
            indexes: group(&self.indexes, |i| i.relation.as_str()),
            triggers: group(&self.triggers, |t| t.relation.as_str()),
        }
    }

    fn write(&self, w: &mut impl Write) -> fmt::Result {
        let (tables, views): (Vec<&Relation>, Vec<&Relation>) =
            self.relations.iter().partition(|r| r.kind == "table");
        let by = self.by_relation();
        writeln!(w, "# Schema reference\n")?;
        writeln!(
            w,
            "Generated from the live catalog by `claims db docs` (do not edit by hand: a test \
             fails when this file differs from the migrated schema). The same text is in the \
             database: `\\d+ TABLE` in psql, or `obj_description` / `col_description`.\n"
        )?;
        writeln!(w, "Tables: {}.\n", links(&tables))?;
        writeln!(w, "Views: {}.\n", links(&views))?;
        self.write_diagram(w, &tables, &by)?;
        for (heading, list) in [("Tables", &tables), ("Views", &views)] {
            writeln!(w, "## {heading}\n")?;
            for r in list.iter() {
                write_relation(w, r, &by)?;
            }
        }
        self.write_roles(w)?;
        self.write_functions(w)
    }

    /// The mermaid entity-relationship diagram: tables with their keys, and a
    /// line per foreign key.
    fn write_diagram(
        &self,
        w: &mut impl Write,
        tables: &[&Relation],
        by: &ByRelation,
    ) -> fmt::Result {
        writeln!(w, "## Entity-relationship diagram\n")?;
        writeln!(w, "```mermaid\nerDiagram")?;
        for t in tables {
            writeln!(w, "    {} {{", t.name)?;
            let constraints = by.constraints.get(t.name.as_str());
            for c in by.columns.get(t.name.as_str()).into_iter().flatten() {
                let has = |kind: &str| {
                    constraints.into_iter().flatten().any(|k| {
                        k.kind == kind
                            && k.columns
                                .as_deref()
                                .is_some_and(|cs| cs.split(", ").any(|x| x == c.name))
                    })
                };
                let key: Vec<&str> = [("p", "PK"), ("f", "FK"), ("u", "UK")]
                    .into_iter()
                    .filter(|(kind, _)| has(kind))
                    .map(|(_, label)| label)
                    .collect();
                let key = if key.is_empty() {
                    String::new()
                } else {
                    format!(" {}", key.join(", "))
                };
                writeln!(w, "        {} {}{key}", mermaid_type(&c.data_type), c.name)?;
            }
            writeln!(w, "    }}")?;
        }
        for k in self.constraints.iter().filter(|k| k.kind == "f") {
            let parent = k.references.as_deref().unwrap_or("?");
            let child_side = if k.nullable { "}o--o|" } else { "}o--||" };
            writeln!(
                w,
                "    {} {child_side} {parent} : \"{}\"",
                k.relation,
                k.columns.as_deref().unwrap_or("")
            )?;
        }
        writeln!(w, "```\n")
    }

    fn write_roles(&self, w: &mut impl Write) -> fmt::Result {
        writeln!(w, "## Roles\n")?;
        writeln!(
            w,
            "Granted to logins with `claims db grant reader|writer LOGIN`.\n"
        )?;
        for r in &self.roles {
            writeln!(w, "### {}\n", r.signature)?;
            writeln!(w, "{}\n", r.comment.as_deref().unwrap_or("(no comment)"))?;
            for g in self.grants.iter().filter(|g| g.relation == r.signature) {
                writeln!(w, "- {} on {}", g.name, g.definition)?;
            }
            writeln!(w)?;
        }
        Ok(())
    }

    fn write_functions(&self, w: &mut impl Write) -> fmt::Result {
        writeln!(w, "## Functions\n")?;
        for f in &self.functions {
            writeln!(
                w,
                "- `{}`: {}",
                f.signature,
                cell(f.comment.as_deref().unwrap_or("(no comment)"))
            )?;
        }
        Ok(())
    }
}

/// A table or view: its comment, columns, then constraints, indexes and triggers.
fn write_relation(w: &mut impl Write, r: &Relation, by: &ByRelation) -> fmt::Result {
    writeln!(w, "### {}\n", r.name)?;
    writeln!(w, "{}\n", r.comment.as_deref().unwrap_or("(no comment)"))?;
    writeln!(w, "| column | type | null | default | description |")?;
    writeln!(w, "|---|---|---|---|---|")?;
    let mut columns: Vec<&&Column> = by
        .columns
        .get(r.name.as_str())
        .into_iter()
        .flatten()
        .collect();
    columns.sort_by_key(|c| c.position);
    for c in columns {
        writeln!(
            w,
            "| `{}` | {} | {} | {} | {} |",
            c.name,
            c.data_type,
            if c.not_null { "not null" } else { "" },
            c.default_value
                .as_deref()
                .map(|d| format!("`{}`", cell(d)))
                .unwrap_or_default(),
            cell(c.comment.as_deref().unwrap_or(""))
        )?;
    }
    writeln!(w)?;
    let name = r.name.as_str();
    let constraints = by.constraints.get(name).map(Vec::as_slice).unwrap_or(&[]);
    write_list(w, "Constraints", constraints, |k| {
        format!("`{}`: `{}`", k.name, cell(&k.definition))
    })?;
    let indexes = by.indexes.get(name).map(Vec::as_slice).unwrap_or(&[]);
    write_list(w, "Indexes", indexes, |i| {
        format!("`{}`: `{}`", i.name, cell(&i.definition))
    })?;
    let triggers = by.triggers.get(name).map(Vec::as_slice).unwrap_or(&[]);
    write_list(w, "Triggers", triggers, |t| {
        format!("`{}` runs `{}()`", t.name, t.definition)
    })
}

/// "Heading:" and a bullet per item; nothing for an empty list.
fn write_list<T>(
    w: &mut impl Write,
    heading: &str,
    items: &[&T],
    line: impl Fn(&T) -> String,
) -> fmt::Result {
    if items.is_empty() {
        return Ok(());
    }
    writeln!(w, "{heading}:\n")?;
    for item in items {
        writeln!(w, "- {}", line(item))?;
    }
    writeln!(w)
}

fn links(relations: &[&Relation]) -> String {
    relations
        .iter()
        .map(|r| format!("[{0}](#{0})", r.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Mermaid attribute types are single words.
fn mermaid_type(t: &str) -> String {
    let base = t.split('(').next().unwrap_or(t).trim();
    match base {
        "timestamp with time zone" => "timestamptz".into(),
        "double precision" => "double".into(),
        other => other.replace("[]", "_array").replace(' ', "_"),
    }
}

/// Text safe inside a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mermaid_types_are_single_words() {
        assert_eq!(mermaid_type("timestamp with time zone"), "timestamptz");
        assert_eq!(mermaid_type("double precision"), "double");
        assert_eq!(mermaid_type("text[]"), "text_array");
        assert_eq!(mermaid_type("character varying(20)"), "character_varying");
    }
}
