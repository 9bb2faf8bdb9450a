//! Messages of the instance screens added after the shared table: the per-row menu, the detail
//! page's tabs and the view of one volume attachment.

use super::{Lang, Message};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InstancesMsg {
    /// The row menu button's accessible name; `{name}` is the instance.
    RowActionsFor,
    /// The header of the row menu column (read by screen readers only).
    ColRowActions,
    /// The tab list of the detail page.
    DetailSections,
    TabOverview,
    TabVolumes,
    /// Opens one attachment (`GET …/os-volume_attachments/{volume_id}`).
    ViewAttachment,
    /// The heading of one attachment's fields.
    AttachmentDetail,
    ServerId,
    /// While later pages of a long list are read; `{n}` is how many are loaded.
    LoadingMore,
}

impl Message for InstancesMsg {
    fn text(self, lang: Lang) -> &'static str {
        use InstancesMsg::*;
        use Lang::*;
        match (self, lang) {
            (LoadingMore, En) => "Loading… {n} instances so far",
            (LoadingMore, Ko) => "불러오는 중… 지금까지 인스턴스 {n}개",
            (LoadingMore, Ja) => "読み込み中… これまでに {n} 件のインスタンス",
            (RowActionsFor, En) => "Actions for {name}",
            (RowActionsFor, Ko) => "{name} 작업",
            (RowActionsFor, Ja) => "{name} の操作",
            (ColRowActions, En) => "Actions",
            (ColRowActions, Ko) => "작업",
            (ColRowActions, Ja) => "操作",
            (DetailSections, En) => "Instance sections",
            (DetailSections, Ko) => "인스턴스 정보 구역",
            (DetailSections, Ja) => "インスタンスの項目",
            (TabOverview, En) => "Overview",
            (TabOverview, Ko) => "개요",
            (TabOverview, Ja) => "概要",
            (TabVolumes, En) => "Volumes",
            (TabVolumes, Ko) => "볼륨",
            (TabVolumes, Ja) => "ボリューム",
            (ViewAttachment, En) => "View",
            (ViewAttachment, Ko) => "보기",
            (ViewAttachment, Ja) => "表示",
            (AttachmentDetail, En) => "Volume attachment",
            (AttachmentDetail, Ko) => "볼륨 연결 정보",
            (AttachmentDetail, Ja) => "ボリュームの接続",
            (ServerId, En) => "Instance ID",
            (ServerId, Ko) => "인스턴스 ID",
            (ServerId, Ja) => "インスタンス ID",
        }
    }
}
