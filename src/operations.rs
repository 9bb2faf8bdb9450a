//! The one table of the instance operations the console offers: what each is called, its
//! test id, where it is offered (the detail page's action bar, each row's menu and the command
//! palette, the bulk bar), whether it asks first and in which words, and whether it is shown
//! as dangerous. Which states allow each is `compute_api::rules::check` (the rule the
//! simulator answers with); what each sends is `crate::actions::plain_request` or its form.

use compute_api::rules::Operation;

use crate::i18n::Msg;

/// One operation, as the console offers it.
#[derive(Debug, Clone, Copy)]
pub struct OperationSpec {
    pub op: Operation,
    /// Its name on buttons, menus and dialog titles.
    pub label: Msg,
    /// The `data-testid` of its button in the action bar and the row menu.
    pub testid: &'static str,
    /// Offered by the detail page's action bar (attach and detach live on the volumes tab).
    pub in_bar: bool,
    /// Offered by each row's menu and, per instance, by the command palette.
    pub in_row_menu: bool,
    /// The bulk bar's button, for the operations sent to many instances at once.
    pub bulk_testid: Option<&'static str>,
    /// The "are you sure?" naming the instance (and the volume for a detach), for what cannot
    /// be undone or cuts off what runs on the instance.
    pub confirm: Option<Msg>,
    /// Shown in red.
    pub danger: bool,
}

/// Every operation, in the order the action bar shows them.
pub const OPERATIONS: [OperationSpec; 12] = [
    OperationSpec {
        op: Operation::Start,
        label: Msg::OpStart,
        testid: "action-start",
        in_bar: true,
        in_row_menu: true,
        bulk_testid: Some("bulk-start"),
        confirm: None,
        danger: false,
    },
    OperationSpec {
        op: Operation::Stop,
        label: Msg::OpStop,
        testid: "action-stop",
        in_bar: true,
        in_row_menu: true,
        bulk_testid: Some("bulk-stop"),
        confirm: None,
        danger: false,
    },
    OperationSpec {
        op: Operation::RebootSoft,
        label: Msg::OpRebootSoft,
        testid: "action-reboot-soft",
        in_bar: true,
        in_row_menu: true,
        bulk_testid: Some("bulk-reboot-soft"),
        confirm: None,
        danger: false,
    },
    OperationSpec {
        op: Operation::RebootHard,
        label: Msg::OpRebootHard,
        testid: "action-reboot-hard",
        in_bar: true,
        in_row_menu: true,
        bulk_testid: Some("bulk-reboot-hard"),
        confirm: Some(Msg::ConfirmHardReboot),
        danger: true,
    },
    OperationSpec {
        op: Operation::Resize,
        label: Msg::OpResize,
        testid: "action-resize",
        in_bar: true,
        in_row_menu: false,
        bulk_testid: None,
        confirm: None,
        danger: false,
    },
    OperationSpec {
        op: Operation::CreateImage,
        label: Msg::OpCreateImage,
        testid: "action-create-image",
        in_bar: true,
        in_row_menu: false,
        bulk_testid: None,
        confirm: None,
        danger: false,
    },
    OperationSpec {
        op: Operation::AddSecurityGroup,
        label: Msg::OpAddSg,
        testid: "action-add-sg",
        in_bar: true,
        in_row_menu: false,
        bulk_testid: None,
        confirm: None,
        danger: false,
    },
    OperationSpec {
        op: Operation::RemoveSecurityGroup,
        label: Msg::OpRemoveSg,
        testid: "action-remove-sg",
        in_bar: true,
        in_row_menu: false,
        bulk_testid: None,
        confirm: None,
        danger: false,
    },
    OperationSpec {
        op: Operation::AttachVolume,
        label: Msg::OpAttachVolume,
        testid: "action-attach-volume",
        in_bar: false,
        in_row_menu: false,
        bulk_testid: None,
        confirm: None,
        danger: false,
    },
    OperationSpec {
        op: Operation::DetachVolume,
        label: Msg::OpDetachVolume,
        testid: "action-detach-volume",
        in_bar: false,
        in_row_menu: false,
        bulk_testid: None,
        confirm: Some(Msg::ConfirmDetach),
        danger: false,
    },
    OperationSpec {
        op: Operation::Rename,
        label: Msg::OpRename,
        testid: "action-rename",
        in_bar: true,
        in_row_menu: false,
        bulk_testid: None,
        confirm: None,
        danger: false,
    },
    OperationSpec {
        op: Operation::Delete,
        label: Msg::OpDelete,
        testid: "action-delete",
        in_bar: true,
        in_row_menu: true,
        bulk_testid: Some("bulk-delete"),
        confirm: Some(Msg::ConfirmDeleteInstance),
        danger: true,
    },
];

/// The table's line for an operation.
pub fn spec(op: Operation) -> &'static OperationSpec {
    OPERATIONS
        .iter()
        .find(|spec| spec.op == op)
        .expect("every operation is in the table")
}

/// The operations the detail page's action bar shows, in order.
pub fn bar_operations() -> impl Iterator<Item = Operation> {
    OPERATIONS.iter().filter(|s| s.in_bar).map(|s| s.op)
}

/// The operations each row's menu (and the palette, per instance) offers, in order.
pub fn row_operations() -> impl Iterator<Item = Operation> {
    OPERATIONS.iter().filter(|s| s.in_row_menu).map(|s| s.op)
}

/// The operations of the bulk bar, with their buttons' test ids.
pub fn bulk_operations() -> impl Iterator<Item = (Operation, &'static str)> {
    OPERATIONS
        .iter()
        .filter_map(|s| s.bulk_testid.map(|testid| (s.op, testid)))
}

/// The message naming an operation.
pub fn operation_msg(op: Operation) -> Msg {
    spec(op).label
}

/// The `data-testid` of an operation's button.
pub fn operation_testid(op: Operation) -> &'static str {
    spec(op).testid
}

/// The "are you sure?" of an operation, if it asks first.
pub fn confirmation(op: Operation) -> Option<Msg> {
    spec(op).confirm
}

/// Whether an operation asks first.
pub fn needs_confirmation(op: Operation) -> bool {
    confirmation(op).is_some()
}
