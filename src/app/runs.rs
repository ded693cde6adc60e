//! Scenario runs under way as the app keeps them: saved after every choice and step back,
//! continued with their active time, discarded as tombstones. The run itself and its merge
//! rule are `crate::scenario::RunInProgress`.

use std::time::Duration;

use super::active::run_key;
use crate::app::{App, Effect, Screen};
use crate::scenario::RunInProgress;

impl App {
    /// Keeps a run under way in the record and saves it at once: a kill or a crash after
    /// this choice loses nothing. Another run of the same lesson still open (one that no
    /// longer replays, so was not offered) is discarded: one run is under way per scenario.
    pub(super) fn save_run(&mut self, mut run: RunInProgress) -> Vec<Effect> {
        if let Some(time) = self.active.pending(&run_key(run.started)) {
            run.active_seconds = i64::try_from(time.as_secs()).unwrap_or(i64::MAX);
        } else if let Some(saved) = self
            .progress
            .runs_in_progress
            .iter()
            .find(|p| p.id == run.id)
        {
            run.active_seconds = saved.active_seconds;
        }
        let at = run.updated;
        for p in &mut self.progress.runs_in_progress {
            if p.id != run.id && p.course == run.course && p.lesson == run.lesson && p.is_open() {
                *p = p.discard(at);
            }
        }
        self.progress.runs_in_progress.retain(|p| p.id != run.id);
        self.progress.runs_in_progress.push(run);
        self.save_effect(true)
    }

    /// A saved run continues: its time on task carries on from what was saved.
    pub(super) fn resume_run(&mut self, run: &RunInProgress) -> Vec<Effect> {
        self.active.resume(
            run_key(run.started),
            Duration::from_secs(u64::try_from(run.active_seconds).unwrap_or(0)),
        );
        vec![]
    }

    /// Discards the run under way with this id (a tombstone, so no other copy brings it
    /// back) and saves.
    pub(super) fn discard_run_id(&mut self, id: &str) -> Vec<Effect> {
        let at = crate::app::stamp(&self.now);
        if crate::progress::in_progress::discard_id(&mut self.progress.runs_in_progress, id, at) {
            self.save_effect(true)
        } else {
            vec![]
        }
    }

    /// The run on screen as it stands now, with the time on task since its last save; `None`
    /// when no run of it is under way.
    fn run_on_screen(&self) -> Option<RunInProgress> {
        let Screen::Scenario(s) = &self.screen else {
            return None;
        };
        if !s.in_run() {
            return None;
        }
        s.under_way(&self.ctx())
    }

    /// Saves the run on screen once more before leaving it for later, so the time on task
    /// since the last choice is kept too.
    pub(super) fn keep_run_on_screen(&mut self) -> Vec<Effect> {
        match self.run_on_screen() {
            Some(run) => self.save_run(run),
            None => vec![],
        }
    }

    /// Discards the run on screen (leaving it for good).
    pub(super) fn discard_run_on_screen(&mut self) -> Vec<Effect> {
        match self.run_on_screen() {
            Some(run) => self.discard_run_id(&run.id),
            None => vec![],
        }
    }
}
