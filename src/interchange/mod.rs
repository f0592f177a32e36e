//! The JSON interchange document (docs/interchange.md): its wire types, a
//! streaming reader, and the deterministic export. Importing a document goes
//! through the same staging merge as NDJSON and CSV (crate::bulk).

pub mod document;
pub mod export;
pub mod read;

pub use document::{Document, FORMAT, VERSION};
pub use export::export;
