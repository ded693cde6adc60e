//! Scenario runs as xAPI statements: each run `attempted` (when it started) and `completed`
//! (at its ending, with success, score and duration, the path as a context extension), and
//! each decision `answered`, a `choice` interaction under the scenario referring to the run.

use serde_json::{Value, json};
use uuid::Uuid;

use super::{
    Context, NAMESPACE, actor, course_activity, duration_from_secs, extension, lesson_activity,
    lesson_iri, lesson_title, segment, verb, verbs,
};
use crate::scenario::{Rating, RunRecord, Scenario};

/// ADL activity type of a scenario: a simulation the learner plays through.
const SIMULATION: &str = "http://adlnet.gov/expapi/activities/simulation";

/// ADL activity type of one decision point.
const INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";

/// The context extension holding a run's path (`[{node, choice}, …]`, in order).
pub const PATH_EXTENSION: &str = "scenario-path";

/// A lesson scenario's activity id.
pub fn scenario_iri(base: &str, course: &str, lesson: &str) -> String {
    format!("{}/scenario", lesson_iri(base, course, lesson))
}

/// The statement id of a run's `attempted` or `completed` statement (`verb` the verb id).
pub fn run_statement_id(run_id: &str, verb: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, format!("run\n{verb}\n{run_id}").as_bytes())
}

/// The statement id of the decision at `step` (0-based position in the run's path).
pub fn decision_statement_id(run_id: &str, step: usize) -> Uuid {
    Uuid::new_v5(&NAMESPACE, format!("decision\n{run_id}\n{step}").as_bytes())
}

fn scenario_activity(ctx: &Context<'_>, run: &RunRecord, scenario: Option<&Scenario>) -> Value {
    let lesson = lesson_title(ctx, &run.course, &run.lesson);
    let name = scenario.map_or_else(
        || format!("{lesson}: scenario"),
        |s| format!("{lesson}: {}", s.title),
    );
    json!({
        "objectType": "Activity",
        "id": scenario_iri(ctx.base, &run.course, &run.lesson),
        "definition": { "name": { "en-US": name }, "type": SIMULATION },
    })
}

/// Context of a run's statements: lesson and course as parents, versions as extensions.
fn run_context(ctx: &Context<'_>, run: &RunRecord) -> Value {
    json!({
        "platform": "rollcall",
        "language": "en-US",
        "contextActivities": {
            "parent": [
                lesson_activity(ctx, &run.course, &run.lesson),
                course_activity(ctx, &run.course),
            ],
        },
        "extensions": {
            extension(ctx, "scenario-id"): run.scenario,
            extension(ctx, "scenario-version"): run.version,
        },
    })
}

/// The `attempted` statement (when the run started) and the `completed` one (at its ending:
/// success when the ending passes, score best 1.0, acceptable 0.5, poor 0, duration, the
/// ending and steps taken back as result extensions, the path as a context extension).
pub fn run_statements(
    ctx: &Context<'_>,
    learner: &str,
    run: &RunRecord,
    scenario: Option<&Scenario>,
) -> Vec<Value> {
    let object = scenario_activity(ctx, run, scenario);
    let attempted = json!({
        "id": run_statement_id(&run.id, verbs::ATTEMPTED).to_string(),
        "actor": actor(ctx, learner),
        "verb": verb(verbs::ATTEMPTED),
        "object": object.clone(),
        "context": run_context(ctx, run),
        "timestamp": run.started.to_xapi(),
    });
    let score = run.score();
    let mut context = run_context(ctx, run);
    context["extensions"][extension(ctx, PATH_EXTENSION)] = json!(run.path);
    let completed = json!({
        "id": run_statement_id(&run.id, verbs::COMPLETED).to_string(),
        "actor": actor(ctx, learner),
        "verb": verb(verbs::COMPLETED),
        "object": object,
        "result": {
            "success": run.passed,
            "completion": true,
            "score": { "scaled": score, "raw": score, "min": 0, "max": 1 },
            // Time on task, not the time from start to ending (a run kept overnight is not
            // a day's work); every run record has it, as runs came with it.
            "duration": duration_from_secs(run.active_seconds),
            "extensions": {
                extension(ctx, "ending"): run.ending.as_str(),
                extension(ctx, "backs"): run.backs,
            },
        },
        "context": context,
        "timestamp": run.finished.to_xapi(),
    });
    vec![attempted, completed]
}

/// One `answered` statement per decision of a run: the node as a `choice` interaction (its
/// choices as components, the best rated as the correct pattern), the choice taken as the
/// response, under the scenario and referring to the run's `completed` statement. Decisions
/// at nodes or with choices the scenario no longer has are left out.
pub fn decision_statements(
    ctx: &Context<'_>,
    learner: &str,
    run: &RunRecord,
    scenario: &Scenario,
) -> Vec<Value> {
    let parent = scenario_activity(ctx, run, Some(scenario));
    let mut out = Vec::new();
    for (step, taken) in run.path.iter().enumerate() {
        let Some(choice_id) = &taken.choice else {
            continue;
        };
        let Some(node) = scenario.node_index(&taken.node).map(|i| &scenario.nodes[i]) else {
            continue;
        };
        let Some(choice) = node.choices.iter().find(|c| &c.id == choice_id) else {
            continue;
        };
        let best = node
            .choices
            .iter()
            .map(|c| c.rating)
            .max()
            .unwrap_or(Rating::Best);
        let components: Vec<Value> = node
            .choices
            .iter()
            .map(|c| json!({ "id": c.id, "description": { "en-US": c.text } }))
            .collect();
        let correct: Vec<&str> = node
            .choices
            .iter()
            .filter(|c| c.rating == best)
            .map(|c| c.id.as_str())
            .collect();
        let mut context = run_context(ctx, run);
        context["contextActivities"] = json!({
            "parent": [parent.clone()],
            "grouping": [
                course_activity(ctx, &run.course),
                lesson_activity(ctx, &run.course, &run.lesson),
            ],
        });
        context["statement"] = json!({
            "objectType": "StatementRef",
            "id": run_statement_id(&run.id, verbs::COMPLETED).to_string(),
        });
        out.push(json!({
            "id": decision_statement_id(&run.id, step).to_string(),
            "actor": actor(ctx, learner),
            "verb": verb(verbs::ANSWERED),
            "object": {
                "objectType": "Activity",
                "id": format!(
                    "{}/nodes/{}",
                    scenario_iri(ctx.base, &run.course, &run.lesson),
                    segment(&node.id)
                ),
                "definition": {
                    "name": { "en-US": format!("{}: {}", scenario.title, node.id) },
                    "description": { "en-US": node.text.trim() },
                    "type": INTERACTION,
                    "interactionType": "choice",
                    "choices": components,
                    "correctResponsesPattern": correct,
                },
            },
            "result": {
                "success": choice.rating == best,
                "response": choice.id,
                "extensions": { extension(ctx, "rating"): choice.rating.as_str() },
            },
            "context": context,
            "timestamp": run.finished.to_xapi(),
        }));
    }
    out
}
