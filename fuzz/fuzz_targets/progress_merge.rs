//! progress round trip and merge laws: the property is `rollcall_fuzz::progress_merge`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rollcall_fuzz::progress_merge(data));
