//! `socialcare-store`: the team's shared store (being built; see the open issue).

fn main() {
    eprintln!("socialcare-store is not built yet");
    std::process::exit(2);
}
