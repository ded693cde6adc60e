//! The courses built into the binary, for a laptop that has only the program.
//! (Placeholder: replaced by the real embedding.)

/// Writes the built-in courses to a temporary folder.
///
/// # Errors
/// Always in the placeholder.
pub fn unpack_to_temp() -> std::io::Result<tempfile::TempDir> {
    Err(std::io::Error::other("no built-in courses in this build"))
}
