fn main() {
    compute_console::crash::install_panic_hook();
    leptos::mount::mount_to_body(compute_console::App);
    // The first milestone the benchmark reads (bench/): the app is on screen.
    compute_console::perf::mark("cc:mounted");
}
