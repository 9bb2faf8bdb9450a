//! Code that loads when it is first needed, so the first load carries only sign-in and the
//! shell (docs/code-splitting.md): routes whose page is a wasm chunk of its own
//! ([`lazy_route!`]), and parts of a screen that load on first use ([`lazy_part!`]): the
//! palette, the bulk dialog, the column chooser's panel, the export.
//!
//! The split build (`scripts/split-build.sh`) compiles with `--cfg cc_split`: then each
//! [`lazy_route!`] page is a `wasm_split` split point that `wasm-split-cli` moves into
//! `split_<chunk>.wasm`. Every other build (the browser tests, clippy) has no split step, so
//! there the page is an ordinary function and loading it cannot fail.
//!
//! Leptos 0.8's own `#[lazy_route]` panics when a chunk fails to load, and a panic kills the
//! whole console; here a failure is a [`ChunkError`] and the route shows a panel with "Try
//! again" (and, after a second failure, "Reload": a tab opened before a redeploy asks for
//! chunks that are gone).

use std::future::Future;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::i18n::{use_i18n, Msg};
use crate::tasks::TaskScope;

/// A route's chunk did not load: a network error, a 404 after a redeploy, an HTML answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkError;

impl From<wasm_split_helpers::SplitLoaderError> for ChunkError {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// Awaits a chunk's load and gives its outcome only if the caller's owner (a route, a dialog)
/// is still there: otherwise nothing may be built, since it would be made under an owner that
/// is gone (and, after a sign-out, read the signed-in store's disposed signals).
pub async fn unless_left<T>(load: impl Future<Output = T>) -> Option<T> {
    let owner = TaskScope::new();
    let loaded = load.await;
    owner.is_alive().then_some(loaded)
}

/// Resolves once the browser is idle after the page's own work (at once where there is no
/// `requestIdleCallback`), so a chunk fetched ahead of need does not hold up what is on screen.
pub async fn when_idle() {
    let idle = js_sys::Promise::new(&mut |resolve, _| {
        let scheduled = web_sys::window()
            .map(|window| window.request_idle_callback(&resolve).is_ok())
            .unwrap_or(false);
        if !scheduled {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(idle).await;
}

/// Loads a page's chunk, then builds the page, unless its route was left meanwhile.
pub async fn load_page<Build, Built>(
    chunk: impl Future<Output = Result<(), wasm_split_helpers::SplitLoaderError>>,
    build: Build,
) -> Result<AnyView, ChunkError>
where
    Build: FnOnce() -> Built,
    Built: Future<Output = Result<AnyView, ChunkError>>,
{
    let Some(loaded) = unless_left(chunk).await else {
        return Ok(().into_any());
    };
    loaded?;
    build().await
}

/// The view once its chunk is loaded, or the failure panel (`failed` says what could not be
/// loaded) that loads it again on request.
pub async fn show<Load, Loaded>(load: Load, failed: Msg) -> AnyView
where
    Load: Fn() -> Loaded + Copy + Send + Sync + 'static,
    Loaded: Future<Output = Result<AnyView, ChunkError>> + 'static,
{
    match load().await {
        Ok(view) => view,
        Err(ChunkError) => view! { <ChunkFailure load failed /> }.into_any(),
    }
}

/// A part of a screen whose code is a chunk loaded on first use ([`lazy_part!`]): nothing
/// while it loads (a local load takes a few milliseconds), then the part built from `input`;
/// if the chunk does not load, the failure panel with "Try again".
#[component]
pub fn Deferred<Input, Code, Loading>(
    /// The part's code, as [`lazy_part!`] declares it.
    code: Code,
    /// What the part is built from (its props).
    input: Input,
) -> impl IntoView
where
    Input: Clone + Send + Sync + 'static,
    Code: Fn() -> Loading + Copy + Send + Sync + 'static,
    Loading: Future<Output = Result<fn(Input) -> AnyView, ChunkError>> + 'static,
{
    let input = StoredValue::new(input);
    let load = move || async move {
        match unless_left(code()).await {
            None => Ok(().into_any()),
            Some(code) => code.map(|make| make(input.get_value())),
        }
    };
    view! {
        <Suspense fallback=|| ()>
            // The browser runs one thread: the loader's future need not be Send.
            {move || Suspend::new(SendWrapper::new(show(load, Msg::PartLoadFailed)))}
        </Suspense>
    }
}

/// What could not be loaded ("This page…", "This part…"), with "Try again"; after a failed
/// retry, "Reload" too.
#[component]
fn ChunkFailure<Load, Loaded>(load: Load, failed: Msg) -> impl IntoView
where
    Load: Fn() -> Loaded + Copy + Send + Sync + 'static,
    Loaded: Future<Output = Result<AnyView, ChunkError>> + 'static,
{
    // How many times "Try again" was pressed: each press is one more load.
    let retries = RwSignal::new(0u32);
    let i18n = use_i18n();
    let loading = move || view! { <p role="status">{i18n.text(Msg::Loading)}</p> };
    view! {
        <Suspense fallback=loading>
            {move || {
                let retry = retries.get();
                if retry == 0 {
                    return failure_panel(retries, failed).into_any();
                }
                // The browser runs one thread: the loader's future need not be Send.
                Suspend::new(SendWrapper::new(async move {
                    match load().await {
                        Ok(page) => page,
                        Err(ChunkError) => failure_panel(retries, failed).into_any(),
                    }
                }))
                    .into_any()
            }}
        </Suspense>
    }
}

fn failure_panel(retries: RwSignal<u32>, failed: Msg) -> impl IntoView {
    let i18n = use_i18n();
    let retried = retries.get_untracked() > 0;
    let reload = |_| {
        let _ = window().location().reload();
    };
    view! {
        <div class="error-box" role="alert" data-testid="chunk-error">
            <p>
                {i18n
                    .text(if retried { Msg::PageLoadStillFailing } else { failed })}
            </p>
            <p class="chunk-error-actions">
                <button
                    type="button"
                    data-testid="chunk-retry"
                    on:click=move |_| retries.update(|n| *n += 1)
                >
                    {i18n.text(Msg::PageRetry)}
                </button>
                {retried
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="ghost"
                                data-testid="chunk-reload"
                                on:click=reload
                            >
                                {i18n.text(Msg::PageReload)}
                            </button>
                        }
                    })}
            </p>
        </div>
    }
}

/// A route whose page is a chunk of its own, loaded on the first visit:
/// `lazy_route!(ZonesRoute, cc_zones, || view! { <ZonesPage /> })` declares `ZonesRoute`,
/// used as `view={Lazy::<ZonesRoute>::new()}`, and the chunk `split_cc_zones.wasm`. The chunk
/// name must be unique in the program (it names the file and the split point's symbols).
macro_rules! lazy_route {
    ($(#[$doc:meta])* $route:ident, $chunk:ident, $page:expr) => {
        $(#[$doc])*
        pub struct $route;

        mod $chunk {
            use super::*;

            /// The only reference to the page: with `cc_split`, it and all it alone uses
            /// move into the chunk.
            #[cfg_attr(
                cc_split,
                ::wasm_split_helpers::wasm_split($chunk, fallible, preload(load_chunk))
            )]
            pub fn page() -> Result<::leptos::prelude::AnyView, $crate::lazy::ChunkError> {
                Ok(::leptos::prelude::IntoAny::into_any(($page)()))
            }

            /// Without the split step there is nothing to load.
            #[cfg(not(cc_split))]
            pub async fn load_chunk() -> Result<(), ::wasm_split_helpers::SplitLoaderError> {
                Ok(())
            }

            pub async fn build() -> Result<::leptos::prelude::AnyView, $crate::lazy::ChunkError> {
                #[cfg(cc_split)]
                {
                    page().await
                }
                #[cfg(not(cc_split))]
                {
                    page()
                }
            }
        }

        impl ::leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            /// The router preloads before it shows the route: best effort, since a failure
            /// is shown (and loaded again) by `view`.
            async fn preload() {
                let _ = $chunk::load_chunk().await;
            }

            async fn view(_: Self) -> ::leptos::prelude::AnyView {
                $crate::lazy::show(
                    || $crate::lazy::load_page($chunk::load_chunk(), $chunk::build),
                    $crate::i18n::Msg::PageLoadFailed,
                )
                .await
            }
        }
    };
}

pub(crate) use lazy_route;

/// A part of a screen whose code loads on its first use, in a chunk of its own:
/// `lazy_part!(palette_code, cc_palette, fn(PaletteInput) -> AnyView, |input| …)` declares
/// `async fn palette_code() -> Result<fn(PaletteInput) -> AnyView, ChunkError>` and the chunk
/// `split_cc_palette.wasm`. `make` is a closure that captures nothing; it and all that only it
/// uses move into the chunk. A view is shown with [`Deferred`]; other code (the export) is
/// called after the load, from a task its owner's [`TaskScope`] holds.
macro_rules! lazy_part {
    ($(#[$doc:meta])* $vis:vis $name:ident, $chunk:ident, fn($input:ty) -> $output:ty, $make:expr) => {
        mod $chunk {
            use super::*;

            /// The only reference to the part's code: with `cc_split`, a split point.
            #[cfg_attr(cc_split, ::wasm_split_helpers::wasm_split($chunk, fallible))]
            pub fn code() -> Result<fn($input) -> $output, $crate::lazy::ChunkError> {
                Ok($make)
            }
        }

        $(#[$doc])*
        $vis async fn $name() -> Result<fn($input) -> $output, $crate::lazy::ChunkError> {
            #[cfg(cc_split)]
            {
                $chunk::code().await
            }
            #[cfg(not(cc_split))]
            {
                $chunk::code()
            }
        }
    };
}

pub(crate) use lazy_part;
