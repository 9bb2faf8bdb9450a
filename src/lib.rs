//! Compute Console: a browser console for NHN Cloud's Compute Instance API v2.
//!
//! The modules, from the bottom layer up (each uses only the ones above it in this list):
//! - [`config`], [`paths`], [`storage`], [`tasks`], [`time`], [`download`], [`perf`], [`i18n`]:
//!   the runtime configuration, the base path and safe links, what browser storage holds,
//!   async work owned by its starter, timestamps, files handed to the user, timings, and the
//!   one translation layer (English, Korean, Japanese).
//! - [`session`]: the signed-in session's state (in memory and this tab's sessionStorage),
//!   kept in step with the console's other tabs and an embedding page.
//! - [`client`]: the only module that touches the network.
//! - [`auth`]: the flows that turn credentials into a session (sign-in, re-login, hand-over).
//! - [`store`]: the shared lists of the signed-in region; [`actions`]: the one runner of
//!   instance actions (row menu, bulk bar, detail page).
//! - [`components`]: presentational pieces; [`pages`]: one module per route, and
//!   [`lazy_pages`] the ones that load on their first visit, each a wasm chunk ([`lazy`]).
//! - [`shell`]: the signed-in frame around the pages; [`palette`]: the command palette.
//! - [`app`]: the start-up and the router; [`crash`]: the notice that replaces the page if
//!   the console itself fails.

pub mod actions;
pub mod app;
pub mod auth;
pub mod client;
pub mod components;
pub mod config;
pub mod crash;
pub mod download;
pub mod i18n;
pub mod lazy;
pub mod lazy_pages;
pub mod operations;
pub mod pages;
pub mod palette;
pub mod paths;
pub mod perf;
pub mod session;
pub mod shell;
pub mod storage;
pub mod store;
pub mod tasks;
pub mod time;

pub use app::App;
