//! Compute Console: a browser console for NHN Cloud's Compute Instance API v2.
//!
//! - [`app`]: router, shell, error boundary.
//! - [`config`]: the runtime configuration and service base URLs.
//! - [`session`]: the signed-in session (token in memory only).
//! - [`client`]: the only module that touches the network.
//! - [`store`]: the shared lists of the signed-in region.
//! - [`i18n`]: the one translation layer (English, Korean, Japanese).
//! - [`pages`]: one module per route; [`components`]: presentational pieces.

pub mod app;
pub mod client;
pub mod components;
pub mod config;
pub mod i18n;
pub mod pages;
pub mod paths;
pub mod perf;
pub mod session;
pub mod store;

pub use app::App;
