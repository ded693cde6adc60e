//! The pages of a lesson a learner has seen, kept as ranges.
//!
//! A list of page numbers costs memory per page, and a hostile or runaway file can list
//! millions; ranges cost memory per gap. On disk (schema 2) the set is a short string such as
//! `"1-5,7"`; a schema-1 list of numbers is still read.

use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A set of 1-based page numbers, as sorted, disjoint, non-touching inclusive ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct PageSet {
    ranges: Vec<(usize, usize)>,
}

impl PageSet {
    /// An empty set.
    pub fn new() -> PageSet {
        PageSet::default()
    }

    /// Adds a page.
    pub fn insert(&mut self, page: usize) {
        self.insert_range(page, page);
    }

    /// Adds every page from `start` to `end`, inclusive.
    pub fn insert_range(&mut self, start: usize, end: usize) {
        let (start, end) = (start.min(end), start.max(end));
        // Ranges that overlap or touch [start, end] are merged into it.
        let first = self
            .ranges
            .partition_point(|&(_, e)| e.saturating_add(1) < start);
        let mut last = first;
        let (mut lo, mut hi) = (start, end);
        while let Some(&(s, e)) = self.ranges.get(last) {
            if s > hi.saturating_add(1) {
                break;
            }
            lo = lo.min(s);
            hi = hi.max(e);
            last += 1;
        }
        self.ranges.splice(first..last, [(lo, hi)]);
    }

    /// Whether `page` was seen.
    pub fn contains(&self, page: usize) -> bool {
        let i = self.ranges.partition_point(|&(_, e)| e < page);
        self.ranges.get(i).is_some_and(|&(s, _)| s <= page)
    }

    /// Whether every page from 1 to `total` was seen (false for `total == 0`).
    pub fn covers(&self, total: usize) -> bool {
        total > 0
            && self
                .ranges
                .first()
                .is_some_and(|&(s, e)| s <= 1 && e >= total)
    }

    /// How many pages were seen.
    pub fn len(&self) -> usize {
        self.ranges
            .iter()
            .map(|&(s, e)| (e - s).saturating_add(1))
            .fold(0, usize::saturating_add)
    }

    /// How many of pages 1 to `total` were seen.
    pub fn count_within(&self, total: usize) -> usize {
        self.ranges
            .iter()
            .filter(|&&(s, _)| s <= total)
            .map(|&(s, e)| e.min(total) - s + 1)
            .sum()
    }

    /// Whether no page was seen.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The ranges, in order.
    pub fn ranges(&self) -> &[(usize, usize)] {
        &self.ranges
    }

    /// The highest page seen.
    pub fn max(&self) -> Option<usize> {
        self.ranges.last().map(|&(_, e)| e)
    }

    /// Adds every page of `other`.
    pub fn extend(&mut self, other: &PageSet) {
        for &(s, e) in &other.ranges {
            self.insert_range(s, e);
        }
    }

    /// Parses `"1-5,7"`.
    fn parse(text: &str) -> Result<PageSet, String> {
        let mut set = PageSet::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let number = |s: &str| {
                s.trim()
                    .parse::<usize>()
                    .map_err(|_| format!("`{part}` is not a page or a range of pages"))
            };
            match part.split_once('-') {
                Some((a, b)) => set.insert_range(number(a)?, number(b)?),
                None => set.insert(number(part)?),
            }
        }
        Ok(set)
    }
}

impl<const N: usize> From<[usize; N]> for PageSet {
    fn from(pages: [usize; N]) -> Self {
        pages.into_iter().collect()
    }
}

impl FromIterator<usize> for PageSet {
    fn from_iter<I: IntoIterator<Item = usize>>(iter: I) -> Self {
        let mut set = PageSet::new();
        for p in iter {
            set.insert(p);
        }
        set
    }
}

impl fmt::Display for PageSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, &(s, e)) in self.ranges.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            if s == e {
                write!(f, "{s}")?;
            } else {
                write!(f, "{s}-{e}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PageSet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PageSet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PagesVisitor;
        impl<'de> Visitor<'de> for PagesVisitor {
            type Value = PageSet;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("pages as \"1-5,7\" or a list of page numbers")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PageSet, E> {
                PageSet::parse(v).map_err(E::custom)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PageSet, A::Error> {
                // Schema 1: numbers, streamed straight into ranges.
                let mut set = PageSet::new();
                while let Some(p) = seq.next_element::<usize>()? {
                    set.insert(p);
                }
                Ok(set)
            }
        }
        d.deserialize_any(PagesVisitor)
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // Tests compare with exact, representable constants.
mod tests {
    use super::*;

    #[test]
    fn inserts_merge_into_ranges() {
        let mut s = PageSet::from([5, 1, 2, 3, 9]);
        assert_eq!(s.ranges(), [(1, 3), (5, 5), (9, 9)]);
        s.insert(4);
        assert_eq!(s.ranges(), [(1, 5), (9, 9)]);
        s.insert_range(6, 8);
        assert_eq!(s.ranges(), [(1, 9)]);
        assert!(s.covers(9) && !s.covers(10) && !s.covers(0));
        assert_eq!(s.len(), 9);
        assert_eq!(s.count_within(4), 4);
        assert!(s.contains(7) && !s.contains(10) && !s.contains(0));
    }

    #[test]
    fn text_round_trips_and_schema1_lists_still_read() {
        #[derive(Deserialize)]
        struct T {
            p: PageSet,
        }
        let s = PageSet::from([1, 2, 3, 7, 9, 10]);
        assert_eq!(s.to_string(), "1-3,7,9-10");
        assert_eq!(PageSet::parse("1-3,7,9-10").unwrap(), s);
        let old: T = toml::from_str("p = [3, 1, 2]").unwrap();
        assert_eq!(old.p, PageSet::from([1, 2, 3]));
        let new: T = toml::from_str("p = \"1-3\"").unwrap();
        assert_eq!(new.p, old.p);
        assert!(toml::from_str::<T>("p = \"1-x\"").is_err());
    }

    #[test]
    fn a_huge_range_costs_nothing() {
        let mut s = PageSet::new();
        s.insert_range(1, usize::MAX);
        assert_eq!(s.len(), usize::MAX);
        assert!(s.covers(1_000_000));
    }

    #[test]
    fn matches_a_plain_set_for_random_inserts() {
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..200 {
            let mut set = PageSet::new();
            let mut plain = std::collections::BTreeSet::new();
            for _ in 0..rng.usize(0..40) {
                let p = rng.usize(1..30);
                set.insert(p);
                plain.insert(p);
            }
            assert_eq!(set.len(), plain.len());
            for p in 0..32 {
                assert_eq!(set.contains(p), plain.contains(&p));
            }
            let mut other = PageSet::new();
            other.insert_range(rng.usize(1..20), rng.usize(1..30));
            let mut u = set.clone();
            u.extend(&other);
            for p in 0..32 {
                assert_eq!(u.contains(p), set.contains(p) || other.contains(p));
            }
        }
    }
}
