//! Build script: rebuild when the built-in courses change.
//!
//! `include_dir!` embeds each file with `include_bytes!`, so cargo notices edits to files that
//! were already there, but on stable Rust it cannot notice a file being added or removed.
//! Naming the folder here makes cargo rescan it (recursively, by modification time).

fn main() {
    println!("cargo:rerun-if-changed=courses");
    println!("cargo:rerun-if-changed=build.rs");
}
