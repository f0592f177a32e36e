//! `claims`: a claim-tracking ledger over PostgreSQL. The binary is a thin
//! shell over this library, which the integration tests also use (the
//! throwaway test cluster is the same code as the user's embedded default).

pub mod bulk;
pub mod cli;
pub mod cluster;
pub mod commands;
pub mod connection;
pub mod database;
pub mod error;
pub mod generate;
pub mod input;
pub mod interchange;
pub mod models;
pub mod output;
pub mod queries;
pub mod schema;
pub mod schema_docs;
