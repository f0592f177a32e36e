//! claims.language: every claim has one, from the ledger's default unless given,
//! and text_search_config() picks the full-text dictionary for it.

use crate::builders::ClaimBuilder;
use crate::harness::TestDb;

#[test]
fn a_claim_takes_the_ledgers_default_language_at_the_time_it_is_recorded() {
    let db = TestDb::new();
    let before = ClaimBuilder::new("The summit will happen within days.").insert(&db);
    db.execute("UPDATE ledger_settings SET default_language = 'fr'")
        .unwrap();
    let after = ClaimBuilder::new("Le sommet aura lieu dans quelques jours.").insert(&db);
    let language = |id: i64| db.text(&format!("SELECT language AS t FROM claims WHERE id = {id}"));
    assert_eq!(language(before), "en");
    assert_eq!(language(after), "fr");
}

#[test]
fn a_malformed_language_tag_is_refused_by_the_schema() {
    let db = TestDb::new();
    let id = ClaimBuilder::new("The summit will happen within days.").insert(&db);
    for bad in ["", "EN", "english", "e", "en_US", "en-"] {
        let err = db
            .execute(&format!(
                "UPDATE claims SET language = '{bad}' WHERE id = {id}"
            ))
            .expect_err(bad)
            .to_string();
        assert!(err.contains("claims_language_format"), "{bad}: {err}");
    }
    let err = db
        .execute("UPDATE ledger_settings SET default_language = 'French'")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("ledger_settings_default_language_format"),
        "{err}"
    );
    assert_eq!(db.count("SELECT count(*) AS n FROM ledger_settings"), 1);
    assert!(db
        .execute("INSERT INTO ledger_settings (singleton) VALUES (false)")
        .is_err());
}

#[test]
fn text_search_config_stems_the_languages_postgresql_knows_and_is_simple_otherwise() {
    let db = TestDb::new();
    for (tag, config) in [
        ("en", "english"),
        ("pt-BR", "portuguese"),
        ("ru", "russian"),
        ("ar", "arabic"),
        ("hi", "hindi"),
        ("nb", "norwegian"),
        ("zh", "simple"),
        ("ur", "simple"),
        ("und", "simple"),
    ] {
        assert_eq!(
            db.text(&format!("SELECT text_search_config('{tag}')::text AS t")),
            config,
            "{tag}"
        );
    }
    // Stemming follows the language: English folds "meetings" to "meet".
    assert_eq!(
        db.text("SELECT to_tsvector(text_search_config('en'), 'meetings')::text AS t"),
        "'meet':1"
    );
}
