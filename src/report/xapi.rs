//! Progress records as xAPI 1.0.3 statements.
//!
//! Statement ids are UUID v5 over a fixed namespace, derived from the attempt id (quiz
//! statements) or from learner, course, lesson and verb (lesson and course statements), so
//! exporting or syncing twice never creates a second record in a Learning Record Store.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::course::Library;
use crate::progress::{Attempt, Progress, Stamp};
use crate::quiz::QuizBook;

/// Namespace of rollcall's statement ids (a fixed random UUID: never change it, or every
/// statement gets a new id and LRSs would hold each record twice).
pub const NAMESPACE: Uuid = Uuid::from_u128(0x6f1c_2d0e_8a4b_4c3e_9b57_1e2f_a0c4_d8b3);

/// The xAPI version rollcall speaks.
pub const XAPI_VERSION: &str = "1.0.3";

/// ADL verb ids.
pub mod verbs {
    /// The learner saw pages of a lesson.
    pub const EXPERIENCED: &str = "http://adlnet.gov/expapi/verbs/experienced";
    /// A lesson or course was completed.
    pub const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
    /// A quiz attempt reached the pass mark.
    pub const PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
    /// A quiz attempt fell short of the pass mark.
    pub const FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
    /// A question of a quiz attempt, or a decision in a scenario, was answered.
    pub const ANSWERED: &str = "http://adlnet.gov/expapi/verbs/answered";
    /// A scenario run was started.
    pub const ATTEMPTED: &str = "http://adlnet.gov/expapi/verbs/attempted";

    /// Every verb rollcall writes.
    pub const ALL: [&str; 6] = [EXPERIENCED, COMPLETED, PASSED, FAILED, ANSWERED, ATTEMPTED];
}

mod runs;
mod time;

use time::{attempt_duration, duration_from_secs};
pub use time::{iso_duration, xapi_timestamp};

pub use runs::{
    PATH_EXTENSION, decision_statement_id, decision_statements, run_statement_id, run_statements,
    scenario_iri,
};

/// ADL activity types.
mod types {
    pub const COURSE: &str = "http://adlnet.gov/expapi/activities/course";
    pub const LESSON: &str = "http://adlnet.gov/expapi/activities/lesson";
    pub const ASSESSMENT: &str = "http://adlnet.gov/expapi/activities/assessment";
}

/// Normalizes a base IRI: no trailing slash.
pub fn base_iri(homepage: &str) -> String {
    homepage.trim().trim_end_matches('/').to_string()
}

/// Percent-encodes a path segment (course and lesson ids are usually plain already).
fn segment(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The course's activity id.
pub fn course_iri(base: &str, course: &str) -> String {
    format!("{base}/courses/{}", segment(course))
}

/// A lesson's activity id.
pub fn lesson_iri(base: &str, course: &str, lesson: &str) -> String {
    format!("{}/lessons/{}", course_iri(base, course), segment(lesson))
}

/// A lesson quiz's activity id.
pub fn quiz_iri(base: &str, course: &str, lesson: &str) -> String {
    format!("{}/quiz", lesson_iri(base, course, lesson))
}

/// The statement id of a quiz attempt.
pub fn attempt_statement_id(attempt_id: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, format!("attempt\n{attempt_id}").as_bytes())
}

/// The statement id of a lesson or course statement (`lesson` empty for the course).
pub fn record_statement_id(learner: &str, course: &str, lesson: &str, verb: &str) -> Uuid {
    Uuid::new_v5(
        &NAMESPACE,
        format!("record\n{learner}\n{course}\n{lesson}\n{verb}").as_bytes(),
    )
}

/// What the statements need besides the progress record.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Base IRI of accounts and activities, without trailing slash.
    pub base: &'a str,
    /// Course titles and metadata.
    pub library: &'a Library,
    /// The quizzes, for one `answered` statement per question of each attempt (none without).
    pub quizzes: Option<&'a QuizBook>,
    /// The scenarios, for one `answered` statement per decision of each run (none without).
    pub scenarios: Option<&'a crate::scenario::ScenarioBook>,
}

fn actor(ctx: &Context<'_>, learner: &str) -> Value {
    json!({
        "objectType": "Agent",
        "name": learner,
        "account": { "homePage": ctx.base, "name": learner },
    })
}

fn verb(id: &str) -> Value {
    let word = id.rsplit('/').next().unwrap_or(id);
    json!({ "id": id, "display": { "en-US": word } })
}

fn course_activity(ctx: &Context<'_>, course: &str) -> Value {
    let meta = ctx.library.course(course);
    let name = meta.map_or(course, |m| m.title.as_str());
    let mut definition = json!({
        "name": { "en-US": name },
        "type": types::COURSE,
    });
    if let Some(m) = meta
        && !m.summary.is_empty()
    {
        definition["description"] = json!({ "en-US": m.summary });
    }
    json!({
        "objectType": "Activity",
        "id": course_iri(ctx.base, course),
        "definition": definition,
    })
}

fn lesson_title(ctx: &Context<'_>, course: &str, lesson: &str) -> String {
    ctx.library
        .course(course)
        .and_then(|c| c.lessons.iter().find(|l| l.id() == lesson))
        .map_or_else(|| lesson.to_string(), crate::course::Lesson::display_title)
}

fn lesson_activity(ctx: &Context<'_>, course: &str, lesson: &str) -> Value {
    json!({
        "objectType": "Activity",
        "id": lesson_iri(ctx.base, course, lesson),
        "definition": {
            "name": { "en-US": lesson_title(ctx, course, lesson) },
            "type": types::LESSON,
        },
    })
}

fn extension(ctx: &Context<'_>, name: &str) -> String {
    format!("{}/xapi/extensions/{name}", ctx.base)
}

fn context(ctx: &Context<'_>, course: &str, version: Option<&str>) -> Value {
    let mut c = json!({
        "platform": "rollcall",
        "language": "en-US",
        "contextActivities": { "parent": [course_activity(ctx, course)] },
    });
    if let Some(v) = version {
        c["extensions"] = json!({ extension(ctx, "course-version"): v });
    }
    c
}

/// The statement for one quiz attempt: `passed` or `failed`, with score, success,
/// completion and duration.
pub fn attempt_statement(ctx: &Context<'_>, learner: &str, attempt: &Attempt) -> Option<Value> {
    let verb_id = if attempt.passed {
        verbs::PASSED
    } else {
        verbs::FAILED
    };
    let mut result = json!({
        "success": attempt.passed,
        "completion": true,
    });
    if attempt.total > 0 && attempt.score <= attempt.total {
        result["score"] = score_json(attempt.score, attempt.total);
    }
    result["duration"] = json!(attempt_duration(attempt));
    let lesson = lesson_title(ctx, &attempt.course, &attempt.lesson);
    let mut context = context(ctx, &attempt.course, Some(&attempt.course_version));
    context["contextActivities"]["grouping"] =
        json!([lesson_activity(ctx, &attempt.course, &attempt.lesson)]);
    Some(json!({
        "id": attempt_statement_id(&attempt.id).to_string(),
        "actor": actor(ctx, learner),
        "verb": verb(verb_id),
        "object": {
            "objectType": "Activity",
            "id": quiz_iri(ctx.base, &attempt.course, &attempt.lesson),
            "definition": {
                "name": { "en-US": format!("{lesson}: quiz") },
                "type": types::ASSESSMENT,
            },
        },
        "result": result,
        "context": context,
        "timestamp": attempt.finished.to_xapi(),
    }))
}

/// The statement id of the answer to one question of an attempt.
pub fn answer_statement_id(attempt_id: &str, question: &str) -> Uuid {
    Uuid::new_v5(
        &NAMESPACE,
        format!("answered\n{attempt_id}\n{question}").as_bytes(),
    )
}

/// One `answered` statement per question of an attempt, each an interaction activity
/// (choice, true-false, fill-in or sequencing) under the quiz and referring to the attempt's
/// statement, so an LRS can analyse items too. Answers to questions the quiz no longer has
/// (or in another form) are left out.
pub fn answer_statements(
    ctx: &Context<'_>,
    learner: &str,
    attempt: &Attempt,
    quiz: &crate::quiz::Quiz,
) -> Vec<Value> {
    let quiz_activity = json!({
        "objectType": "Activity",
        "id": quiz_iri(ctx.base, &attempt.course, &attempt.lesson),
        "definition": {
            "name": { "en-US": format!("{}: quiz", lesson_title(ctx, &attempt.course, &attempt.lesson)) },
            "type": types::ASSESSMENT,
        },
    });
    let mut out = Vec::new();
    let mut done = std::collections::HashSet::new();
    for given in &attempt.answers {
        let id = given.id.as_deref().or_else(|| quiz.id_at(given.question));
        let Some(question) = id.and_then(|id| quiz.question(id)) else {
            continue;
        };
        let Some(response) = crate::quiz::xapi::response(question, &given.answer) else {
            continue;
        };
        // One statement per question: a record that answers one twice keeps the first.
        if !done.insert(question.id.as_str()) {
            continue;
        }
        let mut context = context(ctx, &attempt.course, Some(&attempt.course_version));
        context["contextActivities"]["parent"] = json!([quiz_activity.clone()]);
        context["contextActivities"]["grouping"] = json!([
            course_activity(ctx, &attempt.course),
            lesson_activity(ctx, &attempt.course, &attempt.lesson)
        ]);
        context["statement"] = json!({
            "objectType": "StatementRef",
            "id": attempt_statement_id(&attempt.id).to_string(),
        });
        out.push(json!({
            "id": answer_statement_id(&attempt.id, &question.id).to_string(),
            "actor": actor(ctx, learner),
            "verb": verb(verbs::ANSWERED),
            "object": {
                "objectType": "Activity",
                "id": format!(
                    "{}/questions/{}",
                    quiz_iri(ctx.base, &attempt.course, &attempt.lesson),
                    segment(&question.id)
                ),
                "definition": crate::quiz::xapi::definition(question),
            },
            "result": { "success": given.correct, "response": response },
            "context": context,
            "timestamp": attempt.finished.to_xapi(),
        }));
    }
    out
}

/// Every statement for one learner's (merged) record: lessons experienced and completed,
/// each quiz attempt, each scenario run, and courses completed. Entries with unreadable times are left out.
pub fn statements(ctx: &Context<'_>, progress: &Progress) -> Vec<Value> {
    let learner = progress.learner.as_str();
    let mut out = Vec::new();
    for (course, record) in &progress.courses {
        let version = record
            .completed_version
            .as_deref()
            .or_else(|| ctx.library.course(course).map(|c| c.version.as_str()));
        // A lesson id is a file stem, never empty; an empty one (a hand-edited file) would
        // share its completion statement's id with the course's own completion.
        for (lesson, lp) in record.lessons.iter().filter(|(l, _)| !l.is_empty()) {
            if !lp.pages_seen.is_empty()
                && let Some(ts) = lp.viewed_at.or(record.first_opened).map(Stamp::to_xapi)
            {
                let mut result = json!({ "completion": lp.completed.is_some() });
                if lp.pages_total > 0 {
                    #[allow(clippy::cast_precision_loss)] // page counts are small
                    let seen =
                        lp.pages_seen.count_within(lp.pages_total) as f64 / lp.pages_total as f64;
                    result["extensions"] = json!({
                        extension(ctx, "pages-seen"): lp.pages_seen.count_within(lp.pages_total),
                        extension(ctx, "pages-total"): lp.pages_total,
                        extension(ctx, "progress"): (seen * 100.0).round(),
                    });
                }
                out.push(json!({
                    "id": record_statement_id(learner, course, lesson, verbs::EXPERIENCED)
                        .to_string(),
                    "actor": actor(ctx, learner),
                    "verb": verb(verbs::EXPERIENCED),
                    "object": lesson_activity(ctx, course, lesson),
                    "result": result,
                    "context": context(ctx, course, version),
                    "timestamp": ts,
                }));
            }
            if let Some(ts) = lp.completed.map(Stamp::to_xapi) {
                out.push(json!({
                    "id": record_statement_id(learner, course, lesson, verbs::COMPLETED)
                        .to_string(),
                    "actor": actor(ctx, learner),
                    "verb": verb(verbs::COMPLETED),
                    "object": lesson_activity(ctx, course, lesson),
                    "result": { "completion": true },
                    "context": context(ctx, course, version),
                    "timestamp": ts,
                }));
            }
        }
    }
    // One id held by two different attempts is a conflict (flagged `duplicate-attempt-id`):
    // neither copy is sent, since either could be the wrong one and both would share one
    // statement id.
    let mut ids: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for a in &progress.attempts {
        *ids.entry(a.id.as_str()).or_default() += 1;
    }
    for attempt in progress
        .attempts
        .iter()
        .filter(|a| ids.get(a.id.as_str()) == Some(&1))
    {
        out.extend(attempt_statement(ctx, learner, attempt));
        if let Some(quiz) = ctx
            .quizzes
            .and_then(|b| b.get(&attempt.course, &attempt.lesson))
        {
            out.extend(answer_statements(ctx, learner, attempt, quiz));
        }
    }
    for run in &progress.runs {
        let scenario = ctx.scenarios.and_then(|b| b.get(&run.course, &run.lesson));
        out.extend(run_statements(ctx, learner, run, scenario));
        if let Some(scenario) = scenario {
            out.extend(decision_statements(ctx, learner, run, scenario));
        }
    }
    for (course, record) in &progress.courses {
        let Some(ts) = record.completed.map(Stamp::to_xapi) else {
            continue;
        };
        let meta = ctx.library.course(course);
        let mut context = json!({ "platform": "rollcall", "language": "en-US" });
        let mut ext = serde_json::Map::new();
        let version = record
            .completed_version
            .clone()
            .or_else(|| meta.map(|m| m.version.clone()));
        if let Some(v) = version {
            ext.insert(extension(ctx, "course-version"), json!(v));
        }
        if let Some(h) = record.completed_hours.or_else(|| meta.map(|m| m.hours)) {
            ext.insert(extension(ctx, "credit-hours"), json!(h));
        }
        if let Some(p) = meta.and_then(|m| m.provider.as_ref()) {
            ext.insert(extension(ctx, "provider"), json!(p));
        }
        if let Some(c) = meta.and_then(|m| m.certification.as_ref()) {
            ext.insert(extension(ctx, "certification"), json!(c));
        }
        if !ext.is_empty() {
            context["extensions"] = Value::Object(ext);
        }
        let mut result = json!({ "completion": true });
        if let Some(best) = super::best_score(progress, course)
            && best.total > 0
        {
            result["score"] = score_json(best.score, best.total);
        }
        out.push(json!({
            "id": record_statement_id(learner, course, "", verbs::COMPLETED).to_string(),
            "actor": actor(ctx, learner),
            "verb": verb(verbs::COMPLETED),
            "object": course_activity(ctx, course),
            "result": result,
            "context": context,
            "timestamp": ts,
        }));
    }
    out
}

/// Statements for many learners, in learner order.
pub fn statements_for_all<'a>(
    ctx: &Context<'_>,
    learners: impl IntoIterator<Item = &'a Progress>,
) -> Vec<Value> {
    learners
        .into_iter()
        .flat_map(|p| statements(ctx, p))
        .collect()
}

#[cfg(test)]
#[path = "xapi_tests.rs"]
mod tests;

/// An xAPI `result.score`: scaled 0..1 (four decimals), raw, min and max.
fn score_json(score: usize, total: usize) -> Value {
    #[allow(clippy::cast_precision_loss)] // question counts are small
    let scaled = score as f64 / total.max(1) as f64;
    json!({
        "scaled": (scaled * 10_000.0).round() / 10_000.0,
        "raw": score,
        "min": 0,
        "max": total,
    })
}
