//! Compute Console: a browser console for NHN Cloud's Compute Instance API v2.
//!
//! - [`app`]: router, shell, error boundary.
//! - [`actions`]: the one runner of instance actions (row menu, bulk bar, detail page).
//! - [`crash`]: the notice that replaces the page if the console itself fails.
//! - [`config`]: the runtime configuration and service base URLs.
//! - [`session`]: the signed-in session (in memory and this tab's sessionStorage), shared
//!   with the console's other tabs.
//! - [`client`]: the only module that touches the network.
//! - [`storage`]: what the console keeps in browser storage, and when it goes.
//! - [`store`]: the shared lists of the signed-in region.
//! - [`tasks`]: async work owned by the component (or store) that started it.
//! - [`i18n`]: the one translation layer (English, Korean, Japanese).
//! - [`pages`]: one module per route; [`components`]: presentational pieces.
//! - [`routes`]: the pages that load on their first visit, each a wasm chunk ([`lazy`]).

pub mod actions;
pub mod app;
pub mod client;
pub mod components;
pub mod config;
pub mod crash;
pub mod i18n;
pub mod lazy;
pub mod lazy_pages;
pub mod pages;
pub mod palette;
pub mod paths;
pub mod perf;
pub mod session;
pub mod storage;
pub mod store;
pub mod tasks;

pub use app::App;
