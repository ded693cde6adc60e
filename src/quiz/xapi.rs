//! Questions as xAPI interaction activities: the definition (`interactionType`,
//! `correctResponsesPattern`, choices) and a learner's answer in the xAPI response format.

use serde_json::{Value, json};

use super::{Answer, Question, QuestionKind};

/// ADL activity type of a question.
pub const INTERACTION_TYPE: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";

/// The xAPI response delimiter between items.
const SEP: &str = "[,]";

fn choice_id(i: usize) -> String {
    format!("choice-{}", i + 1)
}

fn item_id(i: usize) -> String {
    format!("item-{}", i + 1)
}

/// One component (choice or order item) of a definition.
fn component(id: &str, text: &str) -> Value {
    json!({ "id": id, "description": { "en-US": text } })
}

/// The `definition` of a question's activity.
pub fn definition(question: &Question) -> Value {
    let mut def = json!({
        "name": { "en-US": question.prompt },
        "type": INTERACTION_TYPE,
    });
    match &question.kind {
        QuestionKind::Choice(choices) => {
            let right: Vec<String> = choices
                .iter()
                .enumerate()
                .filter(|(_, c)| c.correct)
                .map(|(i, _)| choice_id(i))
                .collect();
            def["interactionType"] = json!("choice");
            def["correctResponsesPattern"] = json!([right.join(SEP)]);
            def["choices"] = Value::Array(
                choices
                    .iter()
                    .enumerate()
                    .map(|(i, c)| component(&choice_id(i), &c.text))
                    .collect(),
            );
        }
        QuestionKind::TrueFalse(right) => {
            def["interactionType"] = json!("true-false");
            def["correctResponsesPattern"] = json!([right.to_string()]);
        }
        QuestionKind::Typed(accept) => {
            def["interactionType"] = json!("fill-in");
            // Any one accepted answer is right; rollcall ignores case when comparing.
            // Each pattern is the accepted answer as compared (white space joined, punctuation
            // around it dropped), keeping its case.
            let patterns: Vec<String> = accept
                .iter()
                .map(|a| super::fold_surrounding(a))
                .filter(|a| !a.is_empty())
                .map(|a| format!("{{case_matters=false}}{}", a.replace(SEP, ",")))
                .collect();
            def["correctResponsesPattern"] = json!(patterns);
        }
        QuestionKind::Order(items) => {
            def["interactionType"] = json!("sequencing");
            let right: Vec<String> = (0..items.len()).map(item_id).collect();
            def["correctResponsesPattern"] = json!([right.join(SEP)]);
            def["choices"] = Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, t)| component(&item_id(i), t.trim()))
                    .collect(),
            );
        }
    }
    def
}

/// An answer in the xAPI response format for the question's interaction type; `None` when the
/// answer does not fit the question (the quiz changed since).
pub fn response(question: &Question, answer: &Answer) -> Option<String> {
    let n = question.kind.item_count();
    let ids = |picked: &[usize], id: fn(usize) -> String| {
        picked
            .iter()
            .all(|&i| i < n)
            .then(|| picked.iter().map(|&i| id(i)).collect::<Vec<_>>().join(SEP))
    };
    match (&question.kind, answer) {
        (QuestionKind::Choice(_), Answer::Choices(picked)) => {
            let mut picked = picked.clone();
            picked.sort_unstable();
            picked.dedup();
            ids(&picked, choice_id)
        }
        (QuestionKind::TrueFalse(_), Answer::Bool(b)) => Some(b.to_string()),
        // The answer as rollcall compared it, so an LRS matching it against the patterns
        // agrees with the grade (`Time.` is sent as `time`). No extension holds the raw text.
        (QuestionKind::Typed(_), Answer::Text(t)) => Some(super::normalize(t).replace(SEP, ",")),
        (QuestionKind::Order(_), Answer::Order(picked)) => ids(picked, item_id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn every_form_as_an_interaction() {
        let quiz = crate::quiz::parse_quiz(
            Path::new("q"),
            r#"
[[questions]]
id = "all"
prompt = "Select all"
[[questions.choices]]
text = "A"
correct = true
[[questions.choices]]
text = "B"
[[questions.choices]]
text = "C"
correct = true
[[questions]]
id = "tf"
prompt = "T?"
answer = false
[[questions]]
id = "typed"
prompt = "Number?"
accept = ["988", " Nine eight eight ", "“Time.”"]
[[questions]]
id = "order"
prompt = "Order"
order = ["one", "two", "three"]
"#,
        )
        .unwrap();
        let q = &quiz.questions;
        let d = definition(&q[0]);
        assert_eq!(d["interactionType"], "choice");
        assert_eq!(d["correctResponsesPattern"], json!(["choice-1[,]choice-3"]));
        assert_eq!(
            d["choices"][1],
            json!({"id": "choice-2", "description": {"en-US": "B"}})
        );
        assert_eq!(
            response(&q[0], &Answer::Choices(vec![2, 0])).as_deref(),
            Some("choice-1[,]choice-3")
        );
        assert_eq!(response(&q[0], &Answer::Choices(vec![7])), None);
        assert_eq!(
            definition(&q[1])["correctResponsesPattern"],
            json!(["false"])
        );
        assert_eq!(
            response(&q[1], &Answer::Bool(true)).as_deref(),
            Some("true")
        );
        assert_eq!(
            definition(&q[2])["correctResponsesPattern"],
            json!([
                "{case_matters=false}988",
                "{case_matters=false}Nine eight eight",
                "{case_matters=false}Time"
            ])
        );
        assert_eq!(
            response(&q[2], &Answer::Text("988".into())).as_deref(),
            Some("988")
        );
        // The response is the answer as rollcall compared it (case, space and surrounding
        // punctuation folded), so an LRS matching it against the patterns agrees with the grade.
        for (given, sent) in [
            ("Time.", "time"),
            ("— time —", "time"),
            ("  Nine   EIGHT eight! ", "nine eight eight"),
        ] {
            assert_eq!(
                response(&q[2], &Answer::Text(given.into())).as_deref(),
                Some(sent)
            );
        }
        let d = definition(&q[3]);
        assert_eq!(d["interactionType"], "sequencing");
        assert_eq!(
            d["correctResponsesPattern"],
            json!(["item-1[,]item-2[,]item-3"])
        );
        assert_eq!(
            response(&q[3], &Answer::Order(vec![1, 0, 2])).as_deref(),
            Some("item-2[,]item-1[,]item-3")
        );
        assert_eq!(response(&q[3], &Answer::Bool(true)), None);
    }
}
