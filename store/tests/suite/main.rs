//! The store's integration suite: the real binary, over real HTTP, on a real database.
//! Runs on SQLite by default and on PostgreSQL when `SOCIALCARE_TEST_DATABASE_URL` is set.

mod conformance;
mod console;
mod convergence;
mod durability;
mod harness;
mod hostile;
mod import;
mod isolation;
mod openapi;
mod reports;
mod scale_out;
