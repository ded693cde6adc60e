//! `rollcall check`: every diagnostic in a courses folder, with source snippets.
