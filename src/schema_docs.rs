//! `claims db docs`: docs/schema.md written from the live catalog, so the
//! documentation analysts read is the COMMENT ON text the database holds.
//! A test regenerates it and fails when the checked-in file differs.

use std::collections::BTreeMap;
use std::fmt::Write as _;

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

/// The whole document, deterministic for a given schema.
pub fn generate(conn: &mut PgConnection) -> Result<String> {
    let relations: Vec<Relation> = sql_query(
        "SELECT c.relname AS name,
                CASE c.relkind WHEN 'v' THEN 'view' ELSE 'table' END AS kind,
                obj_description(c.oid, 'pg_class') AS comment
           FROM pg_class c
          WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v', 'p')
            AND c.relname <> $1
          ORDER BY c.relname COLLATE \"C\"",
    )
    .bind::<Text, _>(SKIP)
    .load(conn)?;

    let columns: Vec<Column> = sql_query(
        "SELECT c.relname AS relation, a.attnum::int AS position, a.attname AS name,
                format_type(a.atttypid, a.atttypmod) AS data_type, a.attnotnull AS not_null,
                pg_get_expr(d.adbin, d.adrelid) AS default_value,
                col_description(c.oid, a.attnum) AS comment
           FROM pg_class c
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
           LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
          WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v', 'p')
            AND c.relname <> $1
          ORDER BY c.relname COLLATE \"C\", a.attnum",
    )
    .bind::<Text, _>(SKIP)
    .load(conn)?;

    let constraints: Vec<Constraint> = sql_query(
        "SELECT c.relname AS relation, k.conname AS name, k.contype::text AS kind,
                pg_get_constraintdef(k.oid) AS definition,
                r.relname AS references,
                (SELECT string_agg(a.attname, ', ' ORDER BY a.attnum) FROM pg_attribute a
                  WHERE a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)) AS columns,
                EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = k.conrelid
                         AND a.attnum = ANY (k.conkey) AND NOT a.attnotnull) AS nullable
           FROM pg_constraint k
           JOIN pg_class c ON c.oid = k.conrelid
           LEFT JOIN pg_class r ON r.oid = k.confrelid
          WHERE c.relnamespace = 'public'::regnamespace AND c.relname <> $1
          ORDER BY c.relname COLLATE \"C\", k.contype, k.conname COLLATE \"C\"",
    )
    .bind::<Text, _>(SKIP)
    .load(conn)?;

    let indexes: Vec<Named> = sql_query(
        "SELECT tablename AS relation, indexname AS name, indexdef AS definition
           FROM pg_indexes WHERE schemaname = 'public' AND tablename <> $1
          ORDER BY tablename COLLATE \"C\", indexname COLLATE \"C\"",
    )
    .bind::<Text, _>(SKIP)
    .load(conn)?;

    let triggers: Vec<Named> = sql_query(
        "SELECT c.relname AS relation, t.tgname AS name, p.proname AS definition
           FROM pg_trigger t
           JOIN pg_class c ON c.oid = t.tgrelid
           JOIN pg_proc p ON p.oid = t.tgfoid
          WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal
          ORDER BY c.relname COLLATE \"C\", t.tgname COLLATE \"C\"",
    )
    .load(conn)?;

    let functions: Vec<Function> = sql_query(
        "SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS signature,
                obj_description(p.oid, 'pg_proc') AS comment
           FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
          ORDER BY p.proname COLLATE \"C\", pg_get_function_identity_arguments(p.oid) COLLATE \"C\"",
    )
    .load(conn)?;

    let mut cols: BTreeMap<&str, Vec<&Column>> = BTreeMap::new();
    for c in &columns {
        cols.entry(&c.relation).or_default().push(c);
    }
    let mut cons: BTreeMap<&str, Vec<&Constraint>> = BTreeMap::new();
    for c in &constraints {
        cons.entry(&c.relation).or_default().push(c);
    }
    let mut idx: BTreeMap<&str, Vec<&Named>> = BTreeMap::new();
    for i in &indexes {
        idx.entry(&i.relation).or_default().push(i);
    }
    let mut trg: BTreeMap<&str, Vec<&Named>> = BTreeMap::new();
    for t in &triggers {
        trg.entry(&t.relation).or_default().push(t);
    }

    let mut out = String::new();
    let w = &mut out;
    writeln!(w, "# Schema reference").unwrap();
    writeln!(w).unwrap();
    writeln!(
        w,
        "Generated from the live catalog by `claims db docs` (do not edit by hand: a test \
         fails when this file differs from the migrated schema). The same text is in the \
         database: `\\d+ TABLE` in psql, or `obj_description` / `col_description`."
    )
    .unwrap();
    writeln!(w).unwrap();
    let (tables, views): (Vec<&Relation>, Vec<&Relation>) =
        relations.iter().partition(|r| r.kind == "table");
    writeln!(w, "Tables: {}.", links(&tables)).unwrap();
    writeln!(w).unwrap();
    writeln!(w, "Views: {}.", links(&views)).unwrap();
    writeln!(w).unwrap();

    writeln!(w, "## Entity-relationship diagram").unwrap();
    writeln!(w).unwrap();
    writeln!(w, "```mermaid").unwrap();
    writeln!(w, "erDiagram").unwrap();
    for t in &tables {
        writeln!(w, "    {} {{", t.name).unwrap();
        for c in cols.get(t.name.as_str()).into_iter().flatten() {
            let has = |kind: &str| {
                cons.get(t.name.as_str()).into_iter().flatten().any(|k| {
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
            writeln!(
                w,
                "        {} {}{}",
                mermaid_type(&c.data_type),
                c.name,
                if key.is_empty() {
                    String::new()
                } else {
                    format!(" {}", key.join(", "))
                }
            )
            .unwrap();
        }
        writeln!(w, "    }}").unwrap();
    }
    for k in &constraints {
        if k.kind == "f" {
            let parent = k.references.as_deref().unwrap_or("?");
            let child_side = if k.nullable { "}o--o|" } else { "}o--||" };
            writeln!(
                w,
                "    {} {child_side} {parent} : \"{}\"",
                k.relation,
                k.columns.as_deref().unwrap_or("")
            )
            .unwrap();
        }
    }
    writeln!(w, "```").unwrap();
    writeln!(w).unwrap();

    for (heading, list) in [("Tables", &tables), ("Views", &views)] {
        writeln!(w, "## {heading}").unwrap();
        writeln!(w).unwrap();
        for r in list.iter() {
            writeln!(w, "### {}", r.name).unwrap();
            writeln!(w).unwrap();
            writeln!(w, "{}", r.comment.as_deref().unwrap_or("(no comment)")).unwrap();
            writeln!(w).unwrap();
            writeln!(w, "| column | type | null | default | description |").unwrap();
            writeln!(w, "|---|---|---|---|---|").unwrap();
            let mut list_cols: Vec<&&Column> =
                cols.get(r.name.as_str()).into_iter().flatten().collect();
            list_cols.sort_by_key(|c| c.position);
            for c in list_cols {
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
                )
                .unwrap();
            }
            writeln!(w).unwrap();
            let rel_cons = cons.get(r.name.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            if !rel_cons.is_empty() {
                writeln!(w, "Constraints:").unwrap();
                writeln!(w).unwrap();
                for k in rel_cons {
                    writeln!(w, "- `{}`: `{}`", k.name, cell(&k.definition)).unwrap();
                }
                writeln!(w).unwrap();
            }
            let rel_idx = idx.get(r.name.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            if !rel_idx.is_empty() {
                writeln!(w, "Indexes:").unwrap();
                writeln!(w).unwrap();
                for i in rel_idx {
                    writeln!(w, "- `{}`: `{}`", i.name, cell(&i.definition)).unwrap();
                }
                writeln!(w).unwrap();
            }
            let rel_trg = trg.get(r.name.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            if !rel_trg.is_empty() {
                writeln!(w, "Triggers:").unwrap();
                writeln!(w).unwrap();
                for t in rel_trg {
                    writeln!(w, "- `{}` runs `{}()`", t.name, t.definition).unwrap();
                }
                writeln!(w).unwrap();
            }
        }
    }

    let grants: Vec<Named> = sql_query(
        "SELECT r.rolname AS relation, a.privilege_type AS name,
                string_agg(c.relname, ', ' ORDER BY c.relname COLLATE \"C\") AS definition
           FROM pg_class c
          CROSS JOIN LATERAL aclexplode(c.relacl) a
           JOIN pg_roles r ON r.oid = a.grantee
          WHERE c.relnamespace = 'public'::regnamespace
            AND r.rolname IN ('claims_reader', 'claims_writer')
          GROUP BY r.rolname, a.privilege_type
          ORDER BY r.rolname, a.privilege_type",
    )
    .load(conn)?;
    let roles: Vec<Function> = sql_query(
        "SELECT rolname AS signature, shobj_description(oid, 'pg_authid') AS comment
           FROM pg_roles WHERE rolname IN ('claims_reader', 'claims_writer') ORDER BY rolname",
    )
    .load(conn)?;
    writeln!(w, "## Roles").unwrap();
    writeln!(w).unwrap();
    writeln!(
        w,
        "Granted to logins with `claims db grant reader|writer LOGIN`."
    )
    .unwrap();
    writeln!(w).unwrap();
    for r in &roles {
        writeln!(w, "### {}", r.signature).unwrap();
        writeln!(w).unwrap();
        writeln!(w, "{}", r.comment.as_deref().unwrap_or("(no comment)")).unwrap();
        writeln!(w).unwrap();
        for g in grants.iter().filter(|g| g.relation == r.signature) {
            writeln!(w, "- {} on {}", g.name, g.definition).unwrap();
        }
        writeln!(w).unwrap();
    }

    writeln!(w, "## Functions").unwrap();
    writeln!(w).unwrap();
    for f in &functions {
        writeln!(
            w,
            "- `{}`: {}",
            f.signature,
            cell(f.comment.as_deref().unwrap_or("(no comment)"))
        )
        .unwrap();
    }
    Ok(out)
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
