//! Integration tests: the compiled `claims` binary against a fresh database per test.

mod harness;

mod add;
mod db;
mod interchange;
mod link;
mod report;
mod schema;
mod show;
mod verify;
