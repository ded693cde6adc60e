//! Talking to a Learning Record Store (xAPI): sending statements so that nothing counts as
//! sent unless the LRS showed it stored it, and asking which statements it holds.
//!
//! The parts: the endpoint and when credentials may travel (`endpoint`), the HTTP client that
//! never follows a redirect and bounds every request in time (`http`), batches and the rule
//! for "stored" (`send`, tested through [`Transport`] without a network), the `[lrs]` settings
//! (`settings`), the log of stored ids (`sent_log`), and the check of credited completions
//! against the LRS ([`verify`]).

mod endpoint;
mod http;
mod send;
mod sent_log;
mod settings;
pub mod verify;

pub use endpoint::{Endpoint, base64, is_loopback_host, redact_url};
pub use http::{CONNECT_TIMEOUT, HttpClient, REQUEST_TIMEOUT};
pub use send::{BATCH_SIZE, Outcome, Reply, SendOptions, Stop, Transport, Unreachable, send};
pub use sent_log::{SentLog, UNKNOWN_HOMEPAGE, sent_log_path};
pub(crate) use settings::private_or_refuse;
pub use settings::{LrsSettings, load_settings, parse_settings};
