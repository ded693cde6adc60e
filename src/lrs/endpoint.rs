//! The LRS endpoint and its credentials, and when those may go over the wire.

use std::net::IpAddr;

/// The LRS endpoint and credentials.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Endpoint {
    /// Base URL; statements go to `{url}/statements`.
    pub url: String,
    /// Basic-auth user.
    pub user: Option<String>,
    /// Basic-auth password.
    pub password: Option<String>,
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The password must never reach a log or an error message.
        f.debug_struct("Endpoint")
            .field("url", &self.display_url())
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .finish()
    }
}

impl Endpoint {
    /// The URL without any `user:password@` part, fit to print.
    pub fn display_url(&self) -> String {
        redact_url(&self.url)
    }

    pub(crate) fn statements_url(&self) -> String {
        format!("{}/statements", self.url.trim_end_matches('/'))
    }

    pub(crate) fn authorization(&self) -> Option<String> {
        let user = self.user.as_deref()?;
        let password = self.password.as_deref().unwrap_or("");
        Some(format!(
            "Basic {}",
            base64(format!("{user}:{password}").as_bytes())
        ))
    }

    /// Whether credentials would be sent (a user, or `user:password@` in the URL).
    pub fn has_credentials(&self) -> bool {
        self.user.is_some() || self.password.is_some() || redact_url(&self.url) != self.url
    }

    /// Refuses Basic auth over plain `http://` (anyone on the path reads the password) unless
    /// the LRS is on this machine or `allow_insecure` is set.
    ///
    /// # Errors
    /// A message saying why, naming the flag that overrides it.
    pub fn check_transport(&self, allow_insecure: bool) -> Result<(), String> {
        let url = self.url.trim();
        let plain = url
            .get(..7)
            .is_some_and(|s| s.eq_ignore_ascii_case("http://"));
        if !plain || !self.has_credentials() || allow_insecure {
            return Ok(());
        }
        if host(url).is_some_and(is_loopback_host) {
            return Ok(());
        }
        Err(format!(
            "refusing to send the LRS password over plain http:// to {}: use https://, or pass --allow-insecure-http if this network is trusted",
            self.display_url()
        ))
    }
}

/// The host part of a URL (without brackets for IPv6, port or credentials).
pub(crate) fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if let Some(v6) = authority.strip_prefix('[') {
        return v6.split_once(']').map(|(h, _)| h);
    }
    Some(authority.split(':').next().unwrap_or(authority))
}

/// Whether `host` is this machine: `localhost` or a loopback address.
pub fn is_loopback_host(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// A URL with any `user:password@` part removed.
pub fn redact_url(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://") {
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if let Some((_, host)) = authority.rsplit_once('@') {
            return format!("{scheme}://{host}{path}");
        }
    }
    url.to_string()
}

/// Scheme, host and port of a URL (`https://lrs.example:8443`), for same-origin checks.
pub(crate) fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    Some(format!(
        "{}://{}",
        scheme.to_ascii_lowercase(),
        authority.to_ascii_lowercase()
    ))
}

/// Standard base64 with padding (for the Basic authorization header).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_auth_and_redaction() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"rollcall:secret"), "cm9sbGNhbGw6c2VjcmV0");
        let e = Endpoint {
            url: "https://u:pw@lrs.example/xapi/".into(),
            user: Some("u".into()),
            password: Some("pw".into()),
        };
        assert_eq!(e.display_url(), "https://lrs.example/xapi/");
        assert_eq!(
            e.statements_url(),
            "https://u:pw@lrs.example/xapi/statements"
        );
        assert!(!format!("{e:?}").contains("pw"), "{e:?}");
        assert_eq!(redact_url("http://lrs.example"), "http://lrs.example");
    }

    fn endpoint(url: &str, user: Option<&str>) -> Endpoint {
        Endpoint {
            url: url.into(),
            user: user.map(Into::into),
            password: user.map(|_| "pw".into()),
        }
    }

    #[test]
    fn basic_auth_over_plain_http_is_refused_except_to_loopback() {
        let remote = endpoint("http://lrs.example/xapi", Some("u"));
        let err = remote.check_transport(false).unwrap_err();
        assert!(err.contains("--allow-insecure-http"), "{err}");
        assert!(!err.contains("pw"));
        assert!(remote.check_transport(true).is_ok());
        assert!(
            endpoint("http://u:pw@lrs.example/xapi", None)
                .check_transport(false)
                .is_err()
        );
        for ok in [
            "https://lrs.example/xapi",
            "http://127.0.0.1:8100/xAPI",
            "http://127.9.9.9/x",
            "http://localhost:8100/xAPI",
            "HTTP://[::1]:8100/xAPI",
        ] {
            assert!(
                endpoint(ok, Some("u")).check_transport(false).is_ok(),
                "{ok}"
            );
        }
        assert!(
            endpoint("http://lrs.example", None)
                .check_transport(false)
                .is_ok()
        );
        assert!(
            endpoint("http://127.0.0.1.evil.example/x", Some("u"))
                .check_transport(false)
                .is_err()
        );
    }

    #[test]
    fn origins_compare_scheme_host_and_port() {
        assert_eq!(
            origin("https://u:p@LRS.example:8443/x?y").as_deref(),
            Some("https://lrs.example:8443")
        );
        assert_eq!(host("http://[::1]:80/x"), Some("::1"));
        assert_eq!(host("http://a@b.example:9/x"), Some("b.example"));
    }
}
