//! Presentational pieces: they take plain data and callbacks, never fetch.

pub mod action_bar;
pub mod copy_button;
pub mod dialog;
pub mod error_message;
pub mod field;
pub mod flavor_table;
pub mod format;
pub mod instance_columns;
pub mod instance_table;
pub mod keypair_form;
pub mod lang_select;
pub mod login_form;
pub mod row_actions;
pub mod segment;
pub mod server_fields;
pub mod status_badge;
pub mod tabs;
pub mod time;
pub mod waiting;

pub use action_bar::ActionBar;
pub use copy_button::CopyButton;
pub use dialog::{ConfirmDialog, DialogButtons, FormDialog, Modal};
pub use error_message::ErrorMessage;
pub use field::{Field, FieldError};
pub use instance_table::InstanceTable;
pub use keypair_form::{KeypairForm, KeypairFormMode};
pub use lang_select::LangSelect;
pub use login_form::LoginForm;
pub use row_actions::RowActions;
pub use segment::Segment;
pub use status_badge::StatusBadge;
pub use tabs::{TabPanel, Tabs};
pub use time::Timestamp;
pub use waiting::{RetryAfterCountdown, RetryNotice, SlowReadNotice};
