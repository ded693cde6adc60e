//! Active time on a lesson's pages, kept so that copies from several machines merge without
//! counting anything twice or dropping anything.
//!
//! Each run of rollcall (a session) has its own random id and only ever raises its own
//! counters: seconds per page. Two copies merge by taking, per session and page, the larger
//! value (a copy can only be behind, never ahead with different time), and the total is the sum
//! over sessions. Merging a copy with itself, or in any order, gives the same record.
//!
//! On disk (schema 4) under a lesson: `[courses.<c>.lessons.<l>.active_seconds]` with one line
//! per session, `<session> = [seconds on page 1, seconds on page 2, ...]`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Active seconds per page of one lesson, per session.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PageTime(BTreeMap<String, Vec<u64>>);

impl PageTime {
    /// Whether nothing was recorded (a record from before time on task, or a lesson only
    /// opened).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sets `session`'s seconds on `page` (1-based), never lowering what it held: a session's
    /// counters only grow.
    pub fn raise(&mut self, session: &str, page: usize, seconds: u64) {
        let Some(index) = page.checked_sub(1) else {
            return;
        };
        let pages = self.0.entry(session.to_string()).or_default();
        if pages.len() <= index {
            pages.resize(index + 1, 0);
        }
        pages[index] = pages[index].max(seconds);
    }

    /// Unites another copy: per session and page, the larger count.
    pub fn merge(&mut self, other: &PageTime) {
        for (session, theirs) in &other.0 {
            let ours = self.0.entry(session.clone()).or_default();
            if ours.len() < theirs.len() {
                ours.resize(theirs.len(), 0);
            }
            for (o, t) in ours.iter_mut().zip(theirs) {
                *o = (*o).max(*t);
            }
        }
    }

    /// Seconds on every page over every session.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.0
            .values()
            .flatten()
            .fold(0u64, |sum, s| sum.saturating_add(*s))
    }

    /// Seconds on one page (1-based) over every session.
    #[must_use]
    pub fn page(&self, page: usize) -> u64 {
        let Some(index) = page.checked_sub(1) else {
            return 0;
        };
        self.0
            .values()
            .filter_map(|pages| pages.get(index))
            .fold(0u64, |sum, s| sum.saturating_add(*s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(entries: &[(&str, &[u64])]) -> PageTime {
        PageTime(
            entries
                .iter()
                .map(|(s, p)| ((*s).to_string(), p.to_vec()))
                .collect(),
        )
    }

    #[test]
    fn a_session_only_raises_its_counters() {
        let mut t = PageTime::default();
        t.raise("a", 2, 30);
        t.raise("a", 2, 10);
        t.raise("a", 0, 99);
        assert_eq!(t, time(&[("a", &[0, 30])]));
        assert_eq!((t.page(2), t.page(1), t.page(0), t.total()), (30, 0, 0, 30));
    }

    #[test]
    fn merging_two_machines_neither_double_counts_nor_drops() {
        // Machine A: sessions a1 and a2; machine B: session b1, and an older copy of a1.
        let a = time(&[("a1", &[60, 120]), ("a2", &[0, 0, 30])]);
        let b = time(&[("a1", &[60, 45]), ("b1", &[90])]);
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        assert_eq!(ab, ba, "the order of merging does not matter");
        assert_eq!(ab.total(), 60 + 120 + 30 + 90);
        let again = ab.clone();
        ab.merge(&again);
        ab.merge(&a);
        assert_eq!(ab, ba, "merging a copy again changes nothing");
        assert_eq!(ab.page(1), 150);
    }

    #[test]
    fn huge_counts_saturate() {
        let t = time(&[("a", &[u64::MAX, 5]), ("b", &[1])]);
        assert_eq!(t.total(), u64::MAX);
        assert_eq!(t.page(1), u64::MAX);
    }

    #[test]
    fn toml_shape() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct L {
            active_seconds: PageTime,
        }
        let l = L {
            active_seconds: time(&[("s1", &[5, 7])]),
        };
        let text = toml::to_string(&l).unwrap();
        assert_eq!(text, "[active_seconds]\ns1 = [5, 7]\n");
        assert_eq!(toml::from_str::<L>(&text).unwrap(), l);
    }
}
