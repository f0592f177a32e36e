//! docs/schema.md is generated from the catalog; it must match the migrations.

use crate::harness::{read, repo_root, run, TestDb};

/// How to regenerate docs/schema.md, on a scratch database of a throwaway cluster.
const REGENERATE: &str = "export XDG_DATA_HOME=$(mktemp -d); chmod 755 $XDG_DATA_HOME; \
    DATABASE_URL=$(.ci/schema-db) cargo run -q -- db docs --output docs/schema.md; \
    cargo run -q -- db stop";

#[test]
fn docs_schema_md_matches_the_migrated_schema() {
    let db = TestDb::new();
    let (code, generated, stderr) = run(db.claims().args(["db", "docs"]));
    assert_eq!(code, 0, "{stderr}");
    let checked_in = read(&repo_root().join("docs/schema.md"));
    if let Some((n, (old, new))) = checked_in
        .lines()
        .zip(generated.lines())
        .enumerate()
        .find(|(_, (old, new))| old != new)
    {
        panic!(
            "docs/schema.md is stale from line {}:\n  file:      {old}\n  generated: {new}\nregenerate it:\n  {REGENERATE}",
            n + 1
        );
    }
    assert_eq!(
        checked_in.lines().count(),
        generated.lines().count(),
        "docs/schema.md is stale (its length differs); regenerate it:\n  {REGENERATE}"
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
