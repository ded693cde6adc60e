//! Markdown render at widths 1..=300: the property is `rollcall_fuzz::markdown_render`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rollcall_fuzz::markdown_render(data));
