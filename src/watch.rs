//! Watching an open lesson file for edits (`--watch`).
