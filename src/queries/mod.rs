//! Read models: one module per shape a command prints, each a typed function
//! taking `conn` (report SQL in `.sql` files beside it). Commands call these and
//! print; the tables' own queries live on the models (src/models).

pub mod claim_detail;
pub mod claim_object;
pub mod history;
pub mod ledger_summary;
pub mod open_claims;
pub mod outlets;
pub mod scope;
pub mod track_record;

pub use scope::ReportScope;
