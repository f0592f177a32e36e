//! The wire types of the interchange document (docs/interchange.md). Fields
//! hold the text as written, vocabularies included: the importer checks each
//! record (bulk::records) so one run can name every problem, and the export
//! fills them from the typed models.

use serde::{Deserialize, Serialize};

use crate::models::{Attribution, ClaimKind, SourceKind, TagKind};

pub const FORMAT: &str = "claims-ledger";
pub const VERSION: u32 = 1;

/// The document's top-level keys: the header, then the sections in the order
/// export writes them.
pub const FIELDS: &[&str] = &[
    "format",
    "version",
    "hedge_terms",
    "organizations",
    "analysts",
    "sources",
    "tags",
    "claims",
    "links",
    "verifications",
];

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub hedge_terms: Vec<HedgeTermDoc>,
    #[serde(default)]
    pub organizations: Vec<OrganizationDoc>,
    #[serde(default)]
    pub analysts: Vec<AnalystDoc>,
    #[serde(default)]
    pub sources: Vec<SourceDoc>,
    #[serde(default)]
    pub tags: Vec<TagDoc>,
    #[serde(default)]
    pub claims: Vec<ClaimDoc>,
    #[serde(default)]
    pub links: Vec<LinkDoc>,
    #[serde(default)]
    pub verifications: Vec<VerificationDoc>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HedgeTermDoc {
    pub phrase: String,
    pub probability: f64,
    pub source: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationDoc {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalystDoc {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub affiliations: Vec<AffiliationDoc>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AffiliationDoc {
    pub organization: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub valid_from: Option<String>,
    #[serde(default)]
    pub valid_until: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDoc {
    pub key: String,
    #[serde(default)]
    pub url: Option<String>,
    pub title: String,
    #[serde(default = "default_source_kind")]
    pub kind: String,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub published_on: Option<String>,
    #[serde(default)]
    pub retrieved_at: Option<String>,
    #[serde(default)]
    pub archived_url: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagDoc {
    pub name: String,
    #[serde(default = "default_tag_kind")]
    pub kind: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimDoc {
    pub key: String,
    pub statement: String,
    #[serde(default = "default_claim_kind")]
    pub kind: String,
    pub analyst: String,
    #[serde(default)]
    pub made_at: Option<String>,
    #[serde(default)]
    pub expected_by: Option<String>,
    #[serde(default)]
    pub probability: Option<f64>,
    /// Estimative words from hedge_terms; sets the probability when none is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hedge: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub appearances: Vec<AppearanceDoc>,
    /// Only for a retracted claim: when, and why (both or neither).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retracted_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retraction_reason: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppearanceDoc {
    #[serde(default)]
    pub key: Option<String>,
    pub source: String,
    pub quote: String,
    #[serde(default = "default_attribution")]
    pub attribution: String,
    #[serde(default)]
    pub via: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkDoc {
    pub from: String,
    pub relation: String,
    pub to: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerificationDoc {
    pub claim: String,
    pub status: String,
    #[serde(default)]
    pub evidence: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub by: Option<String>,
    pub effective_at: String,
    #[serde(default)]
    pub recorded_at: Option<String>,
}

fn default_source_kind() -> String {
    SourceKind::Article.to_string()
}
fn default_tag_kind() -> String {
    TagKind::Topic.to_string()
}
fn default_claim_kind() -> String {
    ClaimKind::Fact.to_string()
}
fn default_attribution() -> String {
    Attribution::Direct.to_string()
}

/// One NDJSON line, or one element of a document section: the record shapes of
/// the document, tagged by `type` in NDJSON.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    HedgeTerm(HedgeTermDoc),
    Organization(OrganizationDoc),
    Analyst(AnalystDoc),
    Source(SourceDoc),
    Tag(TagDoc),
    Claim(ClaimDoc),
    Link(LinkDoc),
    Verdict(VerificationDoc),
}
