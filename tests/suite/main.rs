//! The integration suite: one test binary, one module per area, so the tests link once (on
//! two cores each extra test binary costs a full link of the crate and its dependencies).
//! `tests/lrs.rs` stays apart: it needs a running LRS (see `.ci/lrs.sh`).
//!
//! Run one area with `cargo test --test suite app::` (or `cli::`, `e2e::`, ...).

mod app;
mod cli;
mod compliance;
mod content;
mod docs;
mod e2e;
mod in_progress;
mod isolated;
mod progress;
mod report;
mod search;
mod settings;
