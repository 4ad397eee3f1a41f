//! Suggestion ranking on the team's set: 44 templates and 114 customer posts,
//! each labelled with the templates an agent would pick.

use serde::Deserialize;
use socialcare::care::{assess, CareContext, Intent};
use socialcare::templates::{SuggestQuery, TemplateLibrary};

#[derive(Deserialize)]
struct Post {
    text: String,
    expected: Vec<String>,
}

fn library() -> TemplateLibrary {
    TemplateLibrary::from_toml(include_str!("tone/templates.toml"))
        .expect("the team's templates parse")
}

fn posts() -> Vec<Post> {
    serde_json::from_str(include_str!("tone/posts.json")).expect("the team's posts parse")
}

/// Top-1 and top-3 hit rates with the care intelligence's intent and language.
fn hit_rates(library: &TemplateLibrary, posts: &[Post], use_care: bool) -> (f64, f64, Vec<String>) {
    let mut top1 = 0;
    let mut top3 = 0;
    let mut misses = Vec::new();
    for post in posts {
        let assessment = assess(&post.text, &CareContext::default());
        let query = SuggestQuery {
            text: &post.text,
            intent: use_care.then_some(assessment.intent),
            language: if use_care {
                assessment.language.as_deref()
            } else {
                None
            },
        };
        let ranked: Vec<String> = library
            .suggest(&query, 3)
            .into_iter()
            .map(|s| s.id)
            .collect();
        if ranked.first().is_some_and(|id| post.expected.contains(id)) {
            top1 += 1;
        }
        if ranked.iter().any(|id| post.expected.contains(id)) {
            top3 += 1;
        } else {
            misses.push(format!(
                "{:?} → {ranked:?} (expected {:?})",
                post.text, post.expected
            ));
        }
    }
    let total = posts.len() as f64;
    (top1 as f64 / total, top3 as f64 / total, misses)
}

#[test]
fn the_team_set_is_realistic_in_size() {
    let library = library();
    assert!(library.all().len() >= 40);
    assert!(posts().len() >= 100);
    for post in posts() {
        for id in &post.expected {
            let template = library
                .get(id)
                .unwrap_or_else(|| panic!("{id} is not a template"));
            assert!(
                library.offered().any(|t| t.id == template.id),
                "{id} is not offered"
            );
        }
    }
}

#[test]
fn ranks_the_right_template_first_for_most_posts() {
    let (top1, top3, misses) = hit_rates(&library(), &posts(), true);
    let (text_top1, text_top3, _) = hit_rates(&library(), &posts(), false);
    println!("with intent and language: top-1 {top1:.3}, top-3 {top3:.3}");
    println!("text only:                top-1 {text_top1:.3}, top-3 {text_top3:.3}");
    assert!(top1 >= 0.85, "top-1 {top1:.3}\n{}", misses.join("\n"));
    assert!(top3 >= 0.95, "top-3 {top3:.3}\n{}", misses.join("\n"));
    assert!(
        top1 >= text_top1,
        "the care intelligence's intent should not hurt"
    );
}

#[test]
fn only_approved_templates_are_suggested() {
    let library = library();
    for post in [
        "What are your holiday hours at Christmas?",
        "Can I return items within 14 days?",
    ] {
        let query = SuggestQuery {
            text: post,
            intent: None,
            language: None,
        };
        for suggestion in library.suggest(&query, 10) {
            assert!(
                !["holiday-hours", "old-returns"].contains(&suggestion.id.as_str()),
                "{post}"
            );
        }
    }
}

#[test]
fn intent_and_language_break_ties_and_are_explained() {
    let library = library();
    let text = "my order is late";
    let english = SuggestQuery {
        text,
        intent: Some(Intent::Complaint),
        language: Some("en"),
    };
    let top = &library.suggest(&english, 1)[0];
    assert_eq!(top.id, "shipping-delay");
    assert!(
        top.why
            .iter()
            .any(|why| why.to_string().contains("complaint")),
        "{:?}",
        top.why
    );
    assert!(
        top.why
            .iter()
            .any(|why| why.to_string().contains("same language")),
        "{:?}",
        top.why
    );
    let spanish = SuggestQuery {
        text: "pedido tarde",
        intent: Some(Intent::Complaint),
        language: Some("es"),
    };
    assert_eq!(library.suggest(&spanish, 1)[0].id, "es-retraso-envio");
}

#[test]
fn scores_are_ordered_and_k_is_respected() {
    let library = library();
    let query = SuggestQuery {
        text: "refund for my return",
        intent: Some(Intent::Billing),
        language: None,
    };
    let suggestions = library.suggest(&query, 5);
    assert_eq!(suggestions.len(), 5);
    assert!(suggestions
        .windows(2)
        .all(|pair| pair[0].score >= pair[1].score));
    assert!(library.suggest(&query, 0).is_empty());
    let nothing = SuggestQuery {
        text: "zzzz qqqq",
        intent: None,
        language: None,
    };
    assert!(library.suggest(&nothing, 3).is_empty());
}
