//! `[lrs]` in the data folder's `settings.toml`: endpoint, credentials and homepage.
//!
//! A password kept there must be private: like ssh with a private key, rollcall refuses a
//! settings file others could read. No message about the file ever shows a value that could
//! be a secret.

use std::path::Path;

use serde::Deserialize;

use crate::fsio::{self, Links};

/// Largest settings file read.
const MAX_BYTES: u64 = 1 << 20;

/// `[lrs]` in the data folder's `settings.toml`.
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
pub struct LrsSettings {
    /// LRS endpoint.
    pub url: Option<String>,
    /// Basic-auth user.
    pub user: Option<String>,
    /// Basic-auth password.
    pub password: Option<String>,
    /// Base IRI for learner accounts and activity ids (`--homepage`).
    pub homepage: Option<String>,
}

impl std::fmt::Debug for LrsSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LrsSettings")
            .field("url", &self.url.as_deref().map(super::redact_url))
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("homepage", &self.homepage)
            .finish()
    }
}

/// The whole settings file: other tables belong to other parts of rollcall.
#[derive(Deserialize)]
struct Settings {
    #[serde(default)]
    lrs: LrsSettings,
}

/// Reads the `[lrs]` table of a settings file's text.
///
/// # Errors
/// When the text is not TOML or `[lrs]` has wrong types; the message gives the line and never
/// a value from a line that could hold a secret.
pub fn parse_settings(text: &str) -> Result<LrsSettings, String> {
    toml::from_str::<Settings>(text)
        .map(|s| s.lrs)
        .map_err(|e| secret_safe(text, &e))
}

fn secret_safe(text: &str, e: &toml::de::Error) -> String {
    let Some(span) = e.span() else {
        return "not a valid settings file".into();
    };
    let (line, _) = crate::diagnostic::line_col(text, span.start);
    let source_line = text.lines().nth(line.saturating_sub(1)).unwrap_or_default();
    // A password line, or a URL that may carry `user:password@`: say where, not what.
    let risky = source_line.to_ascii_lowercase().contains("password") || source_line.contains('@');
    if risky {
        format!("line {line}: this value could not be read (not shown: it may be a secret)")
    } else {
        format!("line {line}: {}", super::send::one_line(e.message()))
    }
}

/// Reads `[lrs]` from the settings file at `path`; a missing file gives empty settings.
///
/// # Errors
/// When the file cannot be read or parsed, or it holds a password and others could read it.
pub fn load_settings(path: &Path) -> Result<LrsSettings, String> {
    let shown = crate::diagnostic::display_path(path);
    let text = match fsio::read_text(path, MAX_BYTES, Links::Refuse) {
        Ok(text) => text,
        Err(fsio::ReadError::NotFound { .. }) => return Ok(LrsSettings::default()),
        Err(e) => return Err(e.to_string()),
    };
    let settings = parse_settings(&text).map_err(|e| format!("{shown}: {e}"))?;
    if settings.password.is_some() {
        private_or_refuse(path)?;
    }
    Ok(settings)
}

#[cfg(unix)]
pub(crate) fn private_or_refuse(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .map_err(|e| e.to_string())?
        .permissions()
        .mode();
    // Permission bits read best as the octal mask ssh documents.
    #[allow(clippy::verbose_bit_mask)]
    if mode & 0o077 == 0 {
        return Ok(());
    }
    let shown = crate::diagnostic::display_path(path);
    Err(format!(
        "{shown} holds the LRS password but other users can read or change it (mode {:o}); run `chmod 600 {shown}`",
        mode & 0o777
    ))
}

#[cfg(not(unix))]
pub(crate) fn private_or_refuse(_path: &Path) -> Result<(), String> {
    // Windows: files in the user's profile are private by default ACLs.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_read_the_lrs_table_and_hide_the_password() {
        let s = parse_settings(
            "[lrs]\nurl = \"https://lrs.example\"\nuser = \"a\"\npassword = \"b\"\nhomepage = \"https://dept.example\"\n[ui]\ntheme = 1\n",
        )
        .unwrap();
        assert_eq!(s.url.as_deref(), Some("https://lrs.example"));
        assert_eq!(s.password.as_deref(), Some("b"));
        assert_eq!(s.homepage.as_deref(), Some("https://dept.example"));
        assert!(!format!("{s:?}").contains("\"b\""));
        assert_eq!(parse_settings("").unwrap(), LrsSettings::default());
        assert!(parse_settings("[lrs]\nurl = 3\n").is_err());
    }

    #[test]
    fn settings_errors_never_echo_a_secret() {
        for text in [
            "[lrs]\npassword = \"hunter2-secret\n",
            "[lrs]\npassword = hunter2-secret\n",
            "[lrs]\npassword = [\"hunter2-secret\"]\n",
            "[lrs]\nurl = \"https://u:hunter2-secret@lrs.example\"\nurl = \"x\"\n",
            "[lrs]\nurl = \"https://u:hunter2-secret@lrs.example\" x\n",
        ] {
            let e = parse_settings(text).unwrap_err();
            assert!(!e.contains("hunter2"), "{text:?}: {e}");
            assert!(e.contains("line "), "{e}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_settings_file_with_a_password_others_can_read_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        std::fs::write(&path, "[lrs]\npassword = \"hunter2-secret\"\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let e = load_settings(&path).unwrap_err();
        assert!(e.contains("chmod 600"), "{e}");
        assert!(!e.contains("hunter2"), "{e}");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(load_settings(&path).is_ok());
        // Without a password the file may be shared.
        std::fs::write(&path, "[lrs]\nurl = \"https://lrs.example\"\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(load_settings(&path).is_ok());
    }
}
