//! The README agrees with the program: every row of the help overlay's key table is in the
//! README's Keys table, so the two cannot drift apart.

use std::path::Path;

#[test]
fn the_readme_lists_every_key_the_help_overlay_lists() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let missing: Vec<&str> = rollcall::keymap::help_rows()
        .map(|(keys, _)| keys)
        .filter(|keys| !readme.contains(&format!("\n| {} |", keys.replace('|', "\\|"))))
        .collect();
    assert!(
        missing.is_empty(),
        "README.md's Keys table lacks rows for {missing:?} (copy them from src/keymap/bindings.rs)"
    );
}
