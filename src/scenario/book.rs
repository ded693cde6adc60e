//! Every lesson's scenario in a library, loaded once, for the exports and reports that need
//! a scenario's choices beside its recorded runs.

use std::collections::HashMap;

use super::{Scenario, load_scenario};
use crate::course::Library;

/// The scenarios of a library, by course and lesson id.
#[derive(Debug, Clone, Default)]
pub struct ScenarioBook {
    scenarios: HashMap<(String, String), Scenario>,
}

impl ScenarioBook {
    /// Loads every lesson's scenario in `library` (one that does not load is left out).
    #[must_use]
    pub fn load(library: &Library) -> Self {
        let mut scenarios = HashMap::new();
        for course in &library.courses {
            for lesson in &course.lessons {
                if let Some(s) = lesson.scenario.as_ref().and_then(|p| load_scenario(p).ok()) {
                    scenarios.insert((course.id.clone(), lesson.id().to_string()), s);
                }
            }
        }
        Self { scenarios }
    }

    /// The scenario of one lesson.
    #[must_use]
    pub fn get(&self, course: &str, lesson: &str) -> Option<&Scenario> {
        self.scenarios
            .get(&(course.to_string(), lesson.to_string()))
    }

    /// Adds a scenario (for tests and callers that load scenarios themselves).
    pub fn insert(&mut self, course: &str, lesson: &str, scenario: Scenario) {
        self.scenarios
            .insert((course.to_string(), lesson.to_string()), scenario);
    }
}
