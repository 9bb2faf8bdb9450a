//! Milestones for the benchmark (`bench/`) and for anyone profiling in the browser's
//! performance panel: `performance.mark` under names starting with `cc:`.

/// Marks a milestone; without a `performance` object (never in a browser) nothing happens.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Marks a milestone once the changes made so far are painted: the next frame is drawn, then
/// the mark is taken right after it.
pub fn mark_after_paint(name: &'static str) {
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(move || mark(name), std::time::Duration::ZERO);
    });
}
