//! course.toml, a lesson and a quiz through `check`: the property is `rollcall_fuzz::course_check`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rollcall_fuzz::course_check(data));
