//! Pure core of Compute Console: everything that can be decided without a browser.
//!
//! - [`identity`]: Keystone v2.0 token request and response, service catalog.
//! - [`server`], [`flavor`], [`keypair`], [`zone`], [`volume_attachment`]: Nova wire types.
//! - [`services`]: the image, network and volume listings the console's pickers use.
//! - [`status`]: server status, task state and power state, tolerant of unknown values.
//! - [`request`]: requests described as data, one function per URL.
//! - [`action`]: the server actions as one serde enum with pinned JSON.
//! - [`rules`]: which operation a server's state allows, and why not.
//! - [`validate`]: the documented creation rules, every error at once; [`block_source`]: the
//!   existing volumes and snapshots those rules read.
//! - [`keypair_rules`]: key pair names and OpenSSH public keys, checked before sending.
//! - [`connect`]: the SSH or RDP command for a server, from its metadata.
//! - [`columns`]: the instance list's columns as the user arranged them, read back safely.
//! - [`export`]: the instance list as CSV (formula-safe) and JSON files.
//! - [`error`]: one typed error for everything a response can go wrong with.
//! - [`retry`]: after a failure, give up, wait and read again, or sign in again first.
//! - [`runtime_config`]: `config.json` and which URL each service of a region has.
//! - [`session`]: the session's stored form, the tabs' messages and the embedding hand-over,
//!   each checked on the way in.

pub mod action;
pub mod block_source;
pub mod columns;
pub mod connect;
pub mod error;
pub mod export;
pub mod flavor;
pub mod identity;
pub mod keypair;
pub mod keypair_rules;
pub mod refresh;
pub mod request;
pub mod retry;
pub mod rules;
pub mod runtime_config;
pub mod server;
pub mod server_set;
pub mod services;
pub mod session_format;
pub mod status;
pub mod validate;
pub mod volume_attachment;
pub mod zone;

mod de;

pub use action::ServerAction;
pub use error::{decode, ApiError, HttpError};
pub use request::{AnyAnswer, Method, Request};
pub use rules::{Denied, Operation, ServerFacts};
pub use status::{status_from_states, PowerState, ServerStatus, TaskState};
pub use validate::{validate_create, CreateContext, ErrorKind, FieldError};
