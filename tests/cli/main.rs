//! Integration tests: the compiled `claims` binary against a fresh database per test.

mod harness;

mod add;
mod bulk;
mod contract;
mod db;
mod docs;
mod edit;
mod interchange;
mod link;
mod queries;
mod report;
mod reports;
mod roles;
mod schema;
mod show;
mod verify;
mod views;
