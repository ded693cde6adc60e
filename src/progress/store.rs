//! The on-disk progress store.
