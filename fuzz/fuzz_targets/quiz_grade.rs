//! quiz parse, grade and arrange: the property is `rollcall_fuzz::quiz_grade`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rollcall_fuzz::quiz_grade(data));
