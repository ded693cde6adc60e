//! xAPI export through the statement validator: the property is `rollcall_fuzz::xapi_export`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rollcall_fuzz::xapi_export(data));
