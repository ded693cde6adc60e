//! Benchmarks: rendering and library loading.
fn main() {}
