use std::path::PathBuf;

use super::*;
use crate::progress::{Attempt, CourseProgress, LessonProgress};
use crate::report::validate;

fn library() -> Library {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/records-courses");
    crate::course::load_library(&root).unwrap()
}

fn progress() -> Progress {
    let mut p = Progress::new("jdoe");
    let mut course = CourseProgress {
        first_opened: Some("2026-02-01T09:00:00-05:00".into()),
        completed: Some("2026-02-01T10:00:00-05:00".into()),
        completed_version: Some("1.2".into()),
        completed_hours: Some(2.0),
        ..CourseProgress::default()
    };
    course.lessons.insert(
        "01-why".into(),
        LessonProgress {
            page: 2,
            viewed_at: Some("2026-02-01T09:10:00.250-05:00".into()),
            pages_seen: [1, 2].into(),
            pages_total: 2,
            completed: Some("2026-02-01T09:30:00-05:00".into()),
            active_seconds: crate::progress::PageTime::default(),
        },
    );
    p.courses.insert("de-escalation".into(), course);
    p.courses
        .insert("unknown course".into(), CourseProgress::default());
    for (id, score, passed) in [("a-1", 3u8, false), ("a-2", 7, true)] {
        p.attempts.push(Attempt {
            id: id.into(),
            course: "de-escalation".into(),
            lesson: "01-why".into(),
            quiz: "01-why.quiz.toml".into(),
            course_version: "1.2".into(),
            started: "2026-02-01T09:20:00Z".into(),
            finished: "2026-02-01T10:25:30.5Z".into(),
            score: usize::from(score),
            total: 7,
            percent: f64::from(score) * 100.0 / 7.0,
            passed,
            pass_percent: 80,
            answers: vec![],
            active_seconds: None,
        });
    }
    p
}

/// The statements' context over `lib`, without quizzes or scenarios.
fn context(lib: &Library) -> Context<'_> {
    Context {
        base: "https://pd.example/training",
        library: lib,
        quizzes: None,
        scenarios: None,
    }
}

fn all() -> Vec<Value> {
    let lib = library();
    let ctx = context(&lib);
    statements(&ctx, &progress())
}

#[test]
fn every_statement_passes_the_strict_check() {
    let list = all();
    assert_eq!(
        list.len(),
        5,
        "experienced, completed lesson, 2 attempts, completed course"
    );
    for s in &list {
        let errors = validate::statement(s);
        assert!(errors.is_empty(), "{errors:?}\n{s:#}");
    }
}

#[test]
fn attempt_statement_fields() {
    let list = all();
    let failed = list
        .iter()
        .find(|s| s["verb"]["id"] == verbs::FAILED)
        .unwrap();
    assert_eq!(failed["id"], attempt_statement_id("a-1").to_string());
    assert_eq!(
        failed["object"]["id"],
        "https://pd.example/training/courses/de-escalation/lessons/01-why/quiz"
    );
    assert_eq!(
        failed["object"]["definition"]["name"]["en-US"],
        "Why slow down: quiz"
    );
    assert_eq!(failed["result"]["success"], false);
    assert_eq!(failed["result"]["completion"], true);
    assert_eq!(failed["result"]["score"]["raw"], 3);
    assert_eq!(failed["result"]["score"]["min"], 0);
    assert_eq!(failed["result"]["score"]["max"], 7);
    assert_eq!(failed["result"]["score"]["scaled"], 0.4286);
    assert_eq!(failed["result"]["duration"], "PT1H5M30.5S");
    assert_eq!(failed["timestamp"], "2026-02-01T10:25:30.500+00:00");
    assert_eq!(
        failed["actor"]["account"],
        serde_json::json!({"homePage": "https://pd.example/training", "name": "jdoe"})
    );
    assert_eq!(
        failed["context"]["contextActivities"]["parent"][0]["id"],
        "https://pd.example/training/courses/de-escalation"
    );
}

/// The duration is the time on task the record holds, not the time from start to finish: an
/// attempt kept overnight and finished the next day reports its active seconds. Attempts
/// recorded before time on task have none and keep the time from start to finish (above).
#[test]
fn attempt_duration_is_the_active_time() {
    let lib = library();
    let ctx = context(&lib);
    let mut attempt = progress().attempts[0].clone();
    attempt.started = "2026-02-01T02:38:06Z".parse().unwrap();
    attempt.finished = "2026-02-01T02:38:47.39Z".parse().unwrap();
    attempt.active_seconds = Some(18);
    let s = attempt_statement(&ctx, "jdoe", &attempt).unwrap();
    assert_eq!(s["result"]["duration"], "PT18S");
    attempt.finished = "2026-02-02T09:00:00Z".parse().unwrap();
    attempt.active_seconds = Some(0);
    let s = attempt_statement(&ctx, "jdoe", &attempt).unwrap();
    assert_eq!(s["result"]["duration"], "PT0S");
    assert!(validate::statement(&s).is_empty());
}

#[test]
fn course_statement_carries_hours_and_certification() {
    let list = all();
    let course = list
        .iter()
        .find(|s| s["object"]["id"] == "https://pd.example/training/courses/de-escalation")
        .unwrap();
    assert_eq!(course["verb"]["id"], verbs::COMPLETED);
    let ext = &course["context"]["extensions"];
    assert_eq!(
        ext["https://pd.example/training/xapi/extensions/credit-hours"],
        2.0
    );
    assert_eq!(
        ext["https://pd.example/training/xapi/extensions/certification"],
        "POST-1234"
    );
    assert_eq!(course["result"]["score"]["raw"], 7);
    assert_eq!(course["timestamp"], "2026-02-01T10:00:00.000-05:00");
    assert_eq!(
        course["id"],
        record_statement_id("jdoe", "de-escalation", "", verbs::COMPLETED).to_string()
    );
}

#[test]
fn ids_are_stable_v5_and_distinct() {
    let a = all();
    let b = all();
    assert_eq!(a, b);
    let mut ids: Vec<&str> = a.iter().map(|s| s["id"].as_str().unwrap()).collect();
    for id in &ids {
        let uuid = Uuid::parse_str(id).unwrap();
        assert_eq!(uuid.get_version_num(), 5);
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), a.len());
    assert_ne!(
        record_statement_id("a", "b", "c", verbs::COMPLETED),
        record_statement_id("a", "b", "c", verbs::EXPERIENCED)
    );
    assert_ne!(
        record_statement_id("ab", "c", "", "v"),
        record_statement_id("a", "bc", "", "v")
    );
}

#[test]
fn timestamps_and_durations() {
    assert_eq!(
        xapi_timestamp("2026-02-01T09:00:00+05:30").as_deref(),
        Some("2026-02-01T09:00:00.000+05:30")
    );
    assert_eq!(
        xapi_timestamp("2026-02-01T09:00:00.123456Z").as_deref(),
        Some("2026-02-01T09:00:00.123+00:00")
    );
    assert_eq!(xapi_timestamp("2026-02-01 09:00"), None);
    let d = |a: &str, b: &str| iso_duration(a, b).unwrap();
    assert_eq!(d("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"), "PT0S");
    assert_eq!(
        d("2026-01-01T00:00:00Z", "2026-01-01T00:00:09.99Z"),
        "PT9.99S"
    );
    assert_eq!(d("2026-01-01T00:00:00Z", "2026-01-01T02:00:00Z"), "PT2H");
    assert_eq!(
        d("2026-01-01T01:00:00+01:00", "2026-01-01T00:01:00Z"),
        "PT1M"
    );
    assert_eq!(d("2026-01-01T00:00:10Z", "2026-01-01T00:00:00Z"), "PT0S");
    for s in ["PT0S", "PT9.99S", "PT2H", "PT1M", "PT1H5M30.5S"] {
        assert!(validate::is_duration(s), "{s}");
    }
}

#[test]
fn odd_ids_are_percent_encoded_and_broken_statements_are_caught() {
    assert_eq!(
        course_iri("https://x.example", "unknown course"),
        "https://x.example/courses/unknown%20course"
    );
    let mut s = all().remove(0);
    assert!(validate::statement(&s).is_empty());
    s["id"] = "not-a-uuid".into();
    s["timestamp"] = "2026-02-01T09:00:00+01:00".into();
    s["result"]["score"] = serde_json::json!({"scaled": 1.5, "raw": 9, "min": 0, "max": 7});
    s["object"]["id"] = "courses/x".into();
    s["actor"]["mbox"] = "mailto:x@example.com".into();
    let errors = validate::statement(&s);
    assert_eq!(errors.len(), 7, "{errors:#?}");
}

/// Each answered question becomes an `answered` statement with an interaction definition,
/// under the quiz and referring to its attempt; every form passes the strict check.
#[test]
fn answered_statements_are_interactions_under_the_attempt() {
    use crate::progress::GivenAnswer;
    use crate::quiz::{Answer, QuizBook};
    let lib = library();
    let quiz = crate::quiz::parse_quiz(
        std::path::Path::new("q"),
        r#"
[[questions]]
id = "pick"
prompt = "Pick"
[[questions.choices]]
text = "A"
correct = true
[[questions.choices]]
text = "B"
[[questions]]
id = "tf"
prompt = "T?"
answer = true
[[questions]]
id = "typed"
prompt = "Number?"
accept = ["988"]
[[questions]]
id = "order"
prompt = "Order"
order = ["one", "two"]
"#,
    )
    .unwrap();
    let mut book = QuizBook::default();
    book.insert("de-escalation", "01-why", quiz);
    let mut p = progress();
    p.attempts.truncate(1);
    p.attempts[0].answers = vec![
        GivenAnswer {
            question: 1,
            id: Some("pick".into()),
            answer: Answer::Choices(vec![1]),
            correct: false,
        },
        // An old answer without an id: found by position.
        GivenAnswer {
            question: 2,
            id: None,
            answer: Answer::Bool(true),
            correct: true,
        },
        GivenAnswer {
            question: 3,
            id: Some("typed".into()),
            answer: Answer::Text("988".into()),
            correct: true,
        },
        GivenAnswer {
            question: 4,
            id: Some("order".into()),
            answer: Answer::Order(vec![1, 0]),
            correct: false,
        },
        // The same question again (a hand-edited record): one statement only.
        GivenAnswer {
            question: 2,
            id: Some("tf".into()),
            answer: Answer::Bool(false),
            correct: false,
        },
        // A question removed from the quiz since: left out.
        GivenAnswer {
            question: 9,
            id: Some("gone".into()),
            answer: Answer::Bool(true),
            correct: true,
        },
    ];
    let ctx = Context {
        base: "https://pd.example/training",
        library: &lib,
        quizzes: Some(&book),
        scenarios: None,
    };
    let all = statements(&ctx, &p);
    let answered: Vec<&Value> = all
        .iter()
        .filter(|s| s["verb"]["id"] == verbs::ANSWERED)
        .collect();
    assert_eq!(answered.len(), 4);
    for s in &all {
        assert_eq!(validate::statement(s), Vec::<String>::new(), "{s:#}");
    }
    let types: Vec<&Value> = answered
        .iter()
        .map(|s| &s["object"]["definition"]["interactionType"])
        .collect();
    assert_eq!(types, ["choice", "true-false", "fill-in", "sequencing"]);
    let first = answered[0];
    assert_eq!(
        first["object"]["id"],
        "https://pd.example/training/courses/de-escalation/lessons/01-why/quiz/questions/pick"
    );
    assert_eq!(
        first["result"],
        json!({"success": false, "response": "choice-2"})
    );
    assert_eq!(
        first["context"]["statement"]["id"],
        attempt_statement_id("a-1").to_string()
    );
    assert_eq!(
        first["context"]["contextActivities"]["parent"][0]["id"],
        quiz_iri("https://pd.example/training", "de-escalation", "01-why")
    );
    assert_eq!(answered[3]["result"]["response"], "item-2[,]item-1");
    assert_eq!(
        answered[1]["id"],
        answer_statement_id("a-1", "tf").to_string()
    );

    // The validator catches a broken interaction.
    let mut bad = first.clone();
    bad["object"]["definition"]["correctResponsesPattern"] = json!(["choice-7"]);
    bad["object"]["definition"]["interactionType"] = json!("likert");
    assert!(!validate::statement(&bad).is_empty());
    let mut bad = first.clone();
    bad["object"]["definition"]["correctResponsesPattern"] = json!(["choice-7"]);
    let errors = validate::statement(&bad);
    assert!(
        errors.iter().any(|e| e.contains("not a component id")),
        "{errors:?}"
    );
    let mut bad = first.clone();
    bad["result"]["response"] = json!(2);
    bad["context"]["statement"] = json!({"objectType": "StatementRef", "id": "x"});
    assert_eq!(validate::statement(&bad).len(), 2);
}

/// The drill scenario of the player's tests, and a run down it with one poor choice taken
/// back.
fn drill_run() -> (crate::scenario::Scenario, crate::scenario::RunRecord) {
    use crate::scenario::{Run, RunContext, RunRecord, parse_scenario};
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/scenario-courses/drill/01-practice-call.scenario.toml");
    let source = std::fs::read_to_string(&root).unwrap();
    let s = parse_scenario(&root, &source).unwrap();
    let mut run = Run::new(&s);
    run.choose(&s, 1);
    run.back();
    run.choose(&s, 0);
    run.choose(&s, 1);
    let record = RunRecord::new(
        &s,
        &run,
        RunContext {
            learner: "jdoe",
            course: "de-escalation",
            course_version: "1.2",
            lesson: "01-why",
            started: "2026-02-01T09:40:00-05:00".parse().unwrap(),
            finished: "2026-02-01T09:43:05.5-05:00".parse().unwrap(),
        },
    )
    .unwrap();
    (s, record)
}

/// A run is `attempted` then `completed` (success, score by ending, duration, the path as a
/// context extension, lesson and course as parents); each decision is `answered` as a
/// `choice` interaction referring to the run; every statement passes the strict check.
#[test]
fn scenario_runs_are_attempted_completed_and_answered() {
    use crate::scenario::ScenarioBook;
    let lib = library();
    let (scenario, mut record) = drill_run();
    // Active time, not the 3 minutes from start to ending: the run sat idle part of them.
    record.active_seconds = 9;
    let mut p = Progress::new("jdoe");
    p.runs.push(record.clone());
    let mut book = ScenarioBook::default();
    book.insert("de-escalation", "01-why", scenario);
    let base = "https://pd.example/training";
    let ctx = Context {
        base,
        library: &lib,
        quizzes: None,
        scenarios: Some(&book),
    };
    let all = statements(&ctx, &p);
    for s in &all {
        assert_eq!(validate::statement(s), Vec::<String>::new(), "{s:#}");
    }
    let verbs_seen: Vec<&str> = all
        .iter()
        .map(|s| s["verb"]["display"]["en-US"].as_str().unwrap())
        .collect();
    assert_eq!(
        verbs_seen,
        ["attempted", "completed", "answered", "answered"]
    );
    let (attempted, completed) = (&all[0], &all[1]);
    let scenario_id = scenario_iri(base, "de-escalation", "01-why");
    assert_eq!(attempted["object"]["id"], scenario_id);
    assert_eq!(attempted["timestamp"], "2026-02-01T09:40:00.000-05:00");
    assert_eq!(
        completed["result"],
        json!({
            "success": true,
            "completion": true,
            "score": { "scaled": 0.5, "raw": 0.5, "min": 0, "max": 1 },
            "duration": "PT9S",
            "extensions": {
                "https://pd.example/training/xapi/extensions/ending": "acceptable",
                "https://pd.example/training/xapi/extensions/backs": 1,
            },
        })
    );
    let parents: Vec<&str> = completed["context"]["contextActivities"]["parent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        parents,
        [
            lesson_iri(base, "de-escalation", "01-why"),
            course_iri(base, "de-escalation")
        ]
    );
    assert_eq!(
        completed["context"]["extensions"]["https://pd.example/training/xapi/extensions/scenario-path"],
        json!([
            { "node": "arrival", "choice": "introduce" },
            { "node": "listening", "choice": "decide" },
            { "node": "settled" },
        ])
    );
    let decision = &all[3];
    assert_eq!(
        decision["object"]["definition"]["interactionType"],
        "choice"
    );
    assert_eq!(
        decision["object"]["definition"]["correctResponsesPattern"],
        json!(["reflect"])
    );
    assert_eq!(decision["result"]["response"], "decide");
    assert_eq!(decision["result"]["success"], false);
    assert_eq!(
        decision["context"]["statement"]["id"],
        run_statement_id(&record.id, verbs::COMPLETED).to_string()
    );
    assert_eq!(
        decision["context"]["contextActivities"]["parent"][0]["id"],
        scenario_id
    );
    // Ids are stable (sync never sends a run twice) and all differ.
    let ids: std::collections::HashSet<&str> =
        all.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), all.len());
    assert_eq!(statements(&ctx, &p), all);
    // Without the scenario file, the run itself is still reported.
    let without_file = Context {
        scenarios: None,
        ..ctx
    };
    assert_eq!(statements(&without_file, &p).len(), 2);

    // The validator catches a broken path, a response naming no choice, an unknown verb.
    let mut bad = completed.clone();
    bad["context"]["extensions"]["https://pd.example/training/xapi/extensions/scenario-path"] =
        json!([{ "node": "arrival", "choice": "introduce" }, { "nod": 3 }]);
    let errors = validate::statement(&bad);
    assert_eq!(errors.len(), 2, "{errors:?}");
    let mut bad = decision.clone();
    bad["result"]["response"] = json!("run-away");
    let errors = validate::statement(&bad);
    assert!(
        errors.iter().any(|e| e.contains("`run-away`")),
        "{errors:?}"
    );
    let mut bad = attempted.clone();
    bad["verb"]["id"] = json!("http://adlnet.gov/expapi/verbs/atempted");
    assert_eq!(validate::statement(&bad).len(), 1);
}
