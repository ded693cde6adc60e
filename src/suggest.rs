//! "Did you mean": the known name closest to a mistyped one, for error messages.

/// The candidate closest to `word` when it is close enough to be a likely typo: ignoring
/// case, at most one edit for short names and about one edit in four for longer ones.
/// Ties go to the first candidate.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let want = word.to_lowercase();
    let len = want.chars().count();
    let limit = (len / 4).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        // The distance is at least the difference in length: skip the costly count.
        if candidate.chars().count().abs_diff(len) > limit {
            continue;
        }
        let distance = strsim::damerau_levenshtein(&want, &candidate.to_lowercase());
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// ` (did you mean `X`?)` when a candidate is close, else nothing: for the end of a message.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates).map_or_else(String::new, |c| format!(" (did you mean `{c}`?)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_are_suggested_and_far_ones_are_not() {
        let ids = ["de-escalation", "procedural-justice", "crisis-intervention"];
        assert_eq!(closest("deescalation", ids), Some("de-escalation"));
        assert_eq!(closest("De-Escalation", ids), Some("de-escalation"));
        assert_eq!(
            closest("procedual-justice", ids),
            Some("procedural-justice")
        );
        assert_eq!(closest("firearms", ids), None);
        assert_eq!(closest("jdo", ["asmith", "jdoe"]), Some("jdoe"));
        assert_eq!(closest("zzzzzz", ["asmith", "jdoe"]), None);
        assert_eq!(closest("01-intro.md", ["01-introduction.md"]), None);
        assert_eq!(did_you_mean("jdo", ["jdoe"]), " (did you mean `jdoe`?)");
        assert_eq!(did_you_mean("x", std::iter::empty()), "");
    }
}
