//! Every lesson's scenario in a library, loaded once, for the exports, reports and checks that
//! need a scenario's choices beside its recorded runs.

use std::collections::HashMap;

use super::{Scenario, load_scenario};
use crate::course::Library;

/// The scenarios of a library, by course and lesson id, with the version their runs record.
#[derive(Debug, Clone, Default)]
pub struct ScenarioBook {
    scenarios: HashMap<(String, String), (Scenario, Option<String>)>,
}

impl ScenarioBook {
    /// Loads every lesson's scenario in `library` (one that does not load is left out).
    #[must_use]
    pub fn load(library: &Library) -> Self {
        let mut scenarios = HashMap::new();
        for course in &library.courses {
            for lesson in &course.lessons {
                if let Some(s) = lesson.scenario.as_ref().and_then(|p| load_scenario(p).ok()) {
                    let version = s.version_or(&course.version);
                    scenarios.insert(
                        (course.id.clone(), lesson.id().to_string()),
                        (s, Some(version)),
                    );
                }
            }
        }
        Self { scenarios }
    }

    /// The scenario of one lesson.
    #[must_use]
    pub fn get(&self, course: &str, lesson: &str) -> Option<&Scenario> {
        self.entry(course, lesson).map(|(s, _)| s)
    }

    /// The version a run of one lesson's scenario records now (its own `version`, else the
    /// course's); `None` when it is not known (a scenario added by [`ScenarioBook::insert`]
    /// without a `version`).
    #[must_use]
    pub fn version(&self, course: &str, lesson: &str) -> Option<&str> {
        self.entry(course, lesson).and_then(|(_, v)| v.as_deref())
    }

    fn entry(&self, course: &str, lesson: &str) -> Option<&(Scenario, Option<String>)> {
        self.scenarios
            .get(&(course.to_string(), lesson.to_string()))
    }

    /// Adds a scenario (for tests and callers that load scenarios themselves).
    pub fn insert(&mut self, course: &str, lesson: &str, scenario: Scenario) {
        let version = scenario.version.clone();
        self.scenarios.insert(
            (course.to_string(), lesson.to_string()),
            (scenario, version),
        );
    }
}
