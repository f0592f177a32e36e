//! Integration tests: the compiled `claims` binary against a fresh database per test.

mod builders;
mod harness;

mod add;
mod bulk;
mod contract;
mod db;
mod docs;
mod edit;
mod interchange;
mod language;
mod link;
mod open_claims;
mod queries;
mod reports_on_seeds;
mod roles;
mod schema;
mod show;
mod sql_surface;
mod verify;
mod views;
