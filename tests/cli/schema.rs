//! Rules of the public SQL schema, checked in the catalog.

use crate::harness::TestDb;

#[test]
fn every_table_and_column_is_documented() {
    let db = TestDb::new();
    let undocumented = db.text(
        "SELECT coalesce(string_agg(c.relname || coalesce('.' || a.attname, ''), ', '), '') AS t
           FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
           LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
          WHERE c.relkind IN ('r', 'v')
            AND c.relname <> '__diesel_schema_migrations'
            AND (CASE WHEN a.attname IS NULL THEN obj_description(c.oid, 'pg_class')
                      ELSE col_description(c.oid, a.attnum) END) IS NULL",
    );
    let tables_without = db.text(
        "SELECT coalesce(string_agg(c.relname, ', '), '') AS t FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
          WHERE c.relkind IN ('r', 'v') AND c.relname <> '__diesel_schema_migrations'
            AND obj_description(c.oid, 'pg_class') IS NULL",
    );
    assert_eq!(undocumented, "", "columns without COMMENT ON");
    assert_eq!(tables_without, "", "tables without COMMENT ON");
}

#[test]
fn the_public_tables_exist() {
    let db = TestDb::new();
    for t in [
        "analysts",
        "affiliations",
        "organizations",
        "sources",
        "claims",
        "appearances",
        "claim_links",
        "verdict_statuses",
        "verifications",
        "tags",
        "claim_tags",
    ] {
        assert_eq!(
            db.count(&format!("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public' AND tablename = '{t}'")),
            1,
            "{t}"
        );
    }
}

#[test]
fn every_foreign_key_says_what_happens_on_delete_and_is_indexed() {
    let db = TestDb::new();
    // confdeltype 'a' is NO ACTION, the implicit default: every key must choose.
    let implicit = db.text(
        "SELECT coalesce(string_agg(conname, ', '), '') AS t FROM pg_constraint
          WHERE contype = 'f' AND connamespace = 'public'::regnamespace AND confdeltype = 'a'",
    );
    assert_eq!(implicit, "", "foreign keys without an explicit ON DELETE");
    // Each foreign key's columns lead some index, so joins and deletes do not scan.
    let unindexed = db.text(
        "SELECT coalesce(string_agg(c.conname, ', '), '') AS t FROM pg_constraint c
          WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
            AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid
                              AND (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] = c.conkey)",
    );
    assert_eq!(unindexed, "", "foreign keys without an index");
}

#[test]
fn keys_are_bigint_identities_and_times_are_timestamptz() {
    let db = TestDb::new();
    let bad_ids = db.text(
        "SELECT coalesce(string_agg(c.table_name, ', '), '') AS t FROM information_schema.columns c
           JOIN information_schema.tables t USING (table_schema, table_name)
          WHERE c.table_schema = 'public' AND c.column_name = 'id' AND t.table_type = 'BASE TABLE'
            AND (c.data_type <> 'bigint' OR c.is_identity <> 'YES' OR c.identity_generation <> 'ALWAYS')",
    );
    assert_eq!(bad_ids, "");
    let naive_times = db.count(
        "SELECT count(*) AS n FROM information_schema.columns
          WHERE table_schema = 'public' AND data_type = 'timestamp without time zone'
            AND table_name <> '__diesel_schema_migrations'",
    );
    assert_eq!(naive_times, 0);
}

#[test]
fn the_status_vocabulary_maps_to_claimreview_and_claimskg() {
    let db = TestDb::new();
    assert_eq!(
        db.text(
            "SELECT string_agg(status || ':' || coalesce(rating_value::text, '-') || ':' || claimskg_rating, ' '
                               ORDER BY rating_value DESC NULLS LAST, status) AS t FROM verdict_statuses"
        ),
        "confirmed:5:TRUE mostly_true:4:TRUE mixed:3:MIXTURE misleading:2:MIXTURE refuted:1:FALSE unverifiable:-:OTHER unverified:-:OTHER"
    );
}

/// Each vocabulary is written once in Rust (models::text_enum!) and once in the
/// database (a CHECK constraint or the verdict_statuses table); they must agree.
#[test]
fn every_vocabulary_enum_matches_the_database() {
    use claims::models::{
        AnalystKind, Attribution, ClaimKind, Relation, SourceKind, Status, TagKind,
    };
    let db = TestDb::new();
    let check_values = |constraint: &str| -> Vec<String> {
        let definition = db.text(&format!(
            "SELECT pg_get_constraintdef(oid) AS t FROM pg_constraint WHERE conname = '{constraint}'"
        ));
        // CHECK ((kind = ANY (ARRAY['person'::text, 'organization'::text, …])))
        definition
            .split('\'')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    };
    for (constraint, names) in [
        ("analysts_kind_check", AnalystKind::NAMES),
        ("sources_kind_check", SourceKind::NAMES),
        ("claims_kind_check", ClaimKind::NAMES),
        ("appearances_attribution_check", Attribution::NAMES),
        ("claim_links_relation_check", Relation::NAMES),
        ("tags_kind_check", TagKind::NAMES),
    ] {
        assert_eq!(check_values(constraint), names, "{constraint}");
    }
    // Statuses: the table's rows, and which of them a verdict may record.
    let in_table = db.text(
        "SELECT string_agg(status || ':' || is_verdict, ',' ORDER BY status) AS t FROM verdict_statuses",
    );
    let mut in_code: Vec<String> = Status::ALL
        .iter()
        .map(|s| format!("{s}:{}", s.is_verdict()))
        .collect();
    in_code.sort();
    assert_eq!(in_table, in_code.join(","));
}
