//! docs/schema.md is generated from the catalog; it must match the migrations.

use crate::harness::{read, repo_root, run, TestDb};

#[test]
fn docs_schema_md_matches_the_migrated_schema() {
    let db = TestDb::new();
    let (code, generated, stderr) = run(db.claims().args(["db", "docs"]));
    assert_eq!(code, 0, "{stderr}");
    let path = repo_root().join("docs/schema.md");
    if std::env::var_os("UPDATE_SCHEMA_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    assert!(
        read(&path) == generated,
        "docs/schema.md is stale: regenerate it with `UPDATE_SCHEMA_DOCS=1 cargo test docs_schema_md` \
         (or `claims db docs --output docs/schema.md` on a freshly migrated database)"
    );
    for needle in [
        "erDiagram",
        "### claim_overview",
        "claims }o--|| analysts",
        "### claims_reader",
    ] {
        assert!(generated.contains(needle), "{needle}");
    }
}
