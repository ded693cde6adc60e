//! Completion reports and xAPI statements built from progress records.
