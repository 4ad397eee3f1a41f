//! Trains the care models on the development set and rewrites
//! `src/care/model_weights.rs` (`make train-care-model`).

mod train;

fn main() {
    let posts = train::training_posts();
    let x = train::feature_matrix(&posts);
    let anger = train::train(&posts, &x, train::Flag::Anger);
    let high_urgency = train::train(&posts, &x, train::Flag::HighUrgency);
    let (intent, intent_choice) = train::train_intent(&posts, &x);
    for (name, trained) in [("anger", &anger), ("high urgency", &high_urgency)] {
        let c = trained.chosen;
        println!(
            "{name:<13} {} posts, L2 weight {}, threshold {}, out-of-fold F1 {:.3}",
            posts.len(),
            c.alpha,
            c.threshold,
            c.f1
        );
    }
    println!(
        "intent        {} posts, L2 weight {}, out-of-fold macro F1 {:.3}",
        posts.len(),
        intent_choice.alpha,
        intent_choice.f1
    );
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/care/model_weights.rs");
    std::fs::write(path, train::weights_source(&anger, &high_urgency, &intent))
        .expect("write the weights");
    println!("wrote {path}");
}
