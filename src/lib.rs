//! rollcall: a terminal course player for community-trust police training.
//!
//! The library holds everything that can be tested without a terminal: the course format and
//! loader, Markdown rendering, quizzes, the progress store and reports. `main.rs` only parses
//! the command line and dispatches.

pub mod app;
pub mod builtin;
pub mod certificate;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod compliance;
pub mod config;
pub mod course;
pub mod diagnostic;
pub mod domain;
pub mod fsio;
pub mod keymap;
pub mod locate;
pub mod lrs;
pub mod markdown;
pub mod plain;
pub mod platform;
pub mod progress;
pub mod quiz;
pub mod report;
pub mod runtime;
pub mod sanitize;
pub mod scenario;
pub mod search;
pub mod suggest;
pub mod text;
pub mod tui;
pub mod ui;
pub mod watch;
