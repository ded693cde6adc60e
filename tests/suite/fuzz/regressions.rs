//! Every input a fuzz target once failed on (fuzz/regressions/<target>/), replayed through the
//! same property the target checks, so a fixed crash stays fixed in the normal test suite.

use std::path::Path;

use super::fuzz_props;

fn replay(target: &str, property: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| property(&data));
        assert!(outcome.is_ok(), "{target}: {} fails again", path.display());
    }
}

#[test]
fn fuzz_crashes_in_markdown_render_stay_fixed() {
    replay("markdown_render", fuzz_props::markdown_render);
}

#[test]
fn fuzz_crashes_in_course_check_stay_fixed() {
    replay("course_check", fuzz_props::course_check);
}

#[test]
fn fuzz_crashes_in_quiz_grade_stay_fixed() {
    replay("quiz_grade", fuzz_props::quiz_grade);
}

#[test]
fn fuzz_crashes_in_progress_merge_stay_fixed() {
    replay("progress_merge", fuzz_props::progress_merge);
}

#[test]
fn fuzz_crashes_in_xapi_export_stay_fixed() {
    replay("xapi_export", fuzz_props::xapi_export);
}
