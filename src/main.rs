fn main() {
    // A panic payload may quote data (even a token); only the location is logged.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        leptos::logging::error!("Compute Console stopped on an internal error at {at}");
    }));
    leptos::mount::mount_to_body(compute_console::App);
    // The first milestone the benchmark reads (bench/): the app is on screen.
    compute_console::perf::mark("cc:mounted");
}
