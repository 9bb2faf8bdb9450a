//! Milestones for the benchmark (`bench/`) and for anyone profiling in the browser's
//! performance panel: `performance.mark` under names starting with `cc:`.

/// Marks a milestone; without a `performance` object (never in a browser) nothing happens.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}
