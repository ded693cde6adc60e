//! A place's footer as one line of text, whole or fitted to a width.

use unicode_width::UnicodeWidthStr;

use super::{Item, Place, footer_items, label};
use crate::keymap::Cmd;

/// The footer text for a place: `keys what · keys what · …`.
#[must_use]
pub fn footer(place: Place) -> String {
    footer_with(place, &[])
}

/// The footer text for a place with `extra` items after its own (shown only when they
/// apply, such as [`QUESTION_SCROLL`]).
#[must_use]
pub fn footer_with(place: Place, extra: &[Item]) -> String {
    hints(place, extra)
        .into_iter()
        .map(|(_, text)| text)
        .collect::<Vec<_>>()
        .join(" · ")
}

/// [`footer_with`] in at most `width` cells. When it is wider, whole hints are left out
/// rather than one cut mid-word: help and the primary action (the hint with Enter, else the
/// first that is more than moving) stay, then the others in their order, and hints that
/// only move or scroll (their keys are the arrows everyone tries) go first. Only when even
/// help and the primary action do not fit is the text cut, with '…'.
#[must_use]
pub fn footer_fit(place: Place, extra: &[Item], width: usize) -> String {
    let hints = hints(place, extra);
    let joined = |keep: &[bool]| {
        hints
            .iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|((_, text), _)| text.as_str())
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let all = vec![true; hints.len()];
    let full = joined(&all);
    if full.width() <= width {
        return full;
    }
    let moves = |cmds: &[Cmd]| {
        cmds.iter()
            .all(|c| matches!(c, Cmd::Up | Cmd::Down | Cmd::First | Cmd::Last))
    };
    let primary = hints
        .iter()
        .position(|(cmds, _)| cmds.contains(&Cmd::Enter))
        .or_else(|| hints.iter().position(|(cmds, _)| !moves(cmds)));
    let mut keep: Vec<bool> = hints
        .iter()
        .enumerate()
        .map(|(i, (cmds, _))| Some(i) == primary || cmds.contains(&Cmd::Help))
        .collect();
    // The others, most useful first: in their order, hints that only move last.
    let others = (0..hints.len())
        .filter(|&i| !keep[i] && !moves(&hints[i].0))
        .chain((0..hints.len()).filter(|&i| !keep[i] && moves(&hints[i].0)))
        .collect::<Vec<_>>();
    for i in others {
        keep[i] = true;
        if joined(&keep).width() > width {
            keep[i] = false;
            break;
        }
    }
    crate::report::format::truncate(&joined(&keep), width)
}

/// Each hint of a place's footer: its commands and its text (`keys what`). An item without
/// words runs into the next ("↑/↓ or 1-9 choose"), and counts as one hint with it.
fn hints(place: Place, extra: &[Item]) -> Vec<(Vec<Cmd>, String)> {
    let mut out = Vec::new();
    let mut pending: (Vec<Cmd>, String) = (Vec::new(), String::new());
    for (cmds, join, what) in footer_items(place).iter().chain(extra) {
        let keys: Vec<&str> = cmds.iter().map(|&c| label(c)).collect();
        let keys = keys.join(join);
        pending.0.extend_from_slice(cmds);
        if what.is_empty() {
            pending.1 = format!("{}{keys} or ", pending.1);
            continue;
        }
        let (cmds, before) = std::mem::take(&mut pending);
        out.push((cmds, format!("{before}{keys} {what}")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::QUESTION_SCROLL;
    use super::*;

    #[test]
    fn footers_read_as_before() {
        assert_eq!(
            footer(Place::Library),
            "↑/↓ move · Enter open · R my record · S settings · L learner · ? help · q quit"
        );
        assert_eq!(
            footer(Place::Lesson),
            "←/→ page · ↑/↓ scroll · g/G first/last · Esc back · ? help · q quit"
        );
        assert_eq!(
            footer(Place::PickOne),
            "↑/↓ or 1-9 choose · Enter answer · Esc leave"
        );
        assert_eq!(
            footer(Place::TrueFalse),
            "t/f or 1/2 choose · Enter answer · Esc leave"
        );
        assert_eq!(
            footer(Place::Typed),
            "type the answer · Enter answer · Esc leave"
        );
        assert_eq!(
            footer(Place::Order),
            "1-9 or Enter pick next · Backspace undo · Enter answer · Esc leave"
        );
        assert_eq!(
            footer(Place::SelectAll),
            "Space/1-9 toggle · ↑/↓ move · Enter answer · Esc leave"
        );
        assert_eq!(
            footer(Place::Picker),
            "↑/↓ choose · type a new name · Enter switch · Esc cancel"
        );
        assert_eq!(
            footer(Place::Debrief),
            "↑/↓ scroll · g/G top/end · Enter continue · r run again · Esc back"
        );
        assert_eq!(
            footer(Place::Confirm),
            "y keep for later · d discard · n stay"
        );
    }

    #[test]
    fn a_narrow_footer_leaves_out_whole_hints_keeping_help_and_the_primary_action() {
        // Wide enough: as before.
        assert_eq!(footer_fit(Place::Library, &[], 200), footer(Place::Library));
        // 39 cells (a 40-column screen less the leading space): moving goes first, then the
        // hints from the end; help and Enter stay.
        assert_eq!(
            footer_fit(Place::Library, &[], 39),
            "Enter open · R my record · ? help"
        );
        assert_eq!(
            footer_fit(Place::Lesson, &[], 39),
            "←/→ page · Esc back · ? help · q quit"
        );
        assert_eq!(
            footer_fit(Place::Course, &[], 39),
            "Enter open · Esc back · ? help · q quit"
        );
        // A hint that runs into the next stays whole.
        assert_eq!(
            footer_fit(Place::PickOne, &[QUESTION_SCROLL], 39),
            "↑/↓ or 1-9 choose · Enter answer"
        );
        for place in [
            Place::Library,
            Place::Lesson,
            Place::Situation,
            Place::Results,
        ] {
            for width in 20..=80 {
                let fit = footer_fit(place, &[], width);
                assert!(fit.width() <= width, "{place:?} at {width}: {fit}");
                assert!(!fit.contains('…'), "{place:?} at {width}: {fit}");
            }
        }
        // Too narrow for even those two: cut, and said to be cut.
        assert_eq!(footer_fit(Place::Library, &[], 12), "Enter open …");
    }
}
