//! Benchmarks: validating (and playing) a hostile-sized scenario.
//!
//! Run with `cargo bench --bench scenario`. Checking 10,000 nodes must take well under a
//! second; the checks are linear in nodes and choices.

use std::fmt::Write as _;
use std::path::Path;

use divan::{Bencher, black_box};
use rollcall::scenario;

fn main() {
    divan::main();
}

/// A scenario of `n` choice nodes in a chain, each with a step forward, a jump ahead and a
/// step back (loops that can be left), a meter moved both ways, a route, and three endings.
pub fn big(n: usize) -> String {
    let mut s = String::with_capacity(n * 700);
    s.push_str(
        "id = \"big\"\ntitle = \"Big\"\nstart = \"n0\"\npass = \"acceptable\"\n\n\
         [[meters]]\nid = \"tension\"\nlabel = \"Tension\"\nstart = 5\nmax = 10\n\n",
    );
    for i in 0..n {
        let fwd = if i + 1 < n {
            format!("n{}", i + 1)
        } else {
            "best".into()
        };
        let jump = if i + 2 < n {
            format!("n{}", i + 2)
        } else {
            "ok".into()
        };
        let back = if i > 0 {
            format!("n{}", i - 1)
        } else {
            "poor".into()
        };
        let _ = write!(
            s,
            "[[nodes]]\nid = \"n{i}\"\ntext = \"Node {i}: what the officer sees.\"\n\n\
             [[nodes.routes]]\nif = \"tension >= 10\"\nnext = \"poor\"\n\n\
             [[nodes.choices]]\nid = \"forward\"\ntext = \"Step forward\"\nnext = \"{fwd}\"\n\
             consequence = \"It goes on.\"\ncoaching = \"Why.\"\nrating = \"best\"\neffects = {{ tension = -1 }}\n\n\
             [[nodes.choices]]\nid = \"jump\"\ntext = \"Jump ahead\"\nnext = \"{jump}\"\n\
             consequence = \"Faster.\"\ncoaching = \"Why.\"\nrating = \"acceptable\"\n\n\
             [[nodes.choices]]\nid = \"back\"\ntext = \"Go back\"\nnext = \"{back}\"\n\
             consequence = \"Again.\"\ncoaching = \"Why.\"\nrating = \"poor\"\neffects = {{ tension = 1 }}\n\n"
        );
    }
    for (id, rating) in [("best", "best"), ("ok", "acceptable"), ("poor", "poor")] {
        let _ = write!(
            s,
            "[[nodes]]\nid = \"{id}\"\nending = \"{rating}\"\ntext = \"The end.\"\n\n"
        );
    }
    s
}

#[divan::bench(args = [1_000, 10_000])]
fn check(bencher: Bencher, n: usize) {
    let source = big(n);
    bencher.bench(|| {
        let diagnostics =
            scenario::check_scenario(Path::new("big.scenario.toml"), black_box(&source));
        // Warnings only (meters pushed past their range on the step-back loops).
        assert!(
            diagnostics
                .iter()
                .all(|d| d.severity == rollcall::diagnostic::Severity::Warning)
        );
        diagnostics.len()
    });
}

#[divan::bench]
fn play_down_the_best_path(bencher: Bencher) {
    let source = big(10_000);
    let s = scenario::parse_scenario(Path::new("big.scenario.toml"), &source)
        .unwrap_or_else(|e| panic!("{e:?}"));
    bencher.bench(|| {
        let mut run = scenario::Run::new(&s);
        while run.ending(&s).is_none() {
            run.choose(&s, 0);
        }
        black_box(run.path(&s).len())
    });
}
