//! A blocking xAPI client for sending statements to a Learning Record Store.
